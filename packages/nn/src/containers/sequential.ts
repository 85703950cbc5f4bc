import { TorchIndexError, TorchTypeError } from '@torch/core';
import type { Tensor } from '@torch/core';
import type { Variable } from '@torch/autograd';
import { Module } from '../module';

/** Normalises an index into [0, n) or throws naming the container. @internal */
export function listIndex(op: string, i: number, n: number): number {
  if (!Number.isInteger(i)) throw new TorchTypeError(`${op}: index must be an integer, got ${String(i)}`);
  const j = i < 0 ? i + n : i;
  if (j < 0 || j >= n) throw new TorchIndexError(`${op}: index ${i} is out of range for a container of length ${n}`);
  return j;
}

/**
 * Runs its children in order, each one's output the next one's input. Children are named '0', '1',
 * ... (or by the keys of an object, PyTorch's OrderedDict form) and reachable as `seq[0]` or `seq.get(0)`.
 * @example
 * const mlp = new nn.Sequential(new nn.Linear(784, 256), new nn.ReLU(), new nn.Linear(256, 10));
 * const y = mlp.forward(x);
 * mlp.get(0).weight;   // via a typed cast: (mlp.get(0) as nn.Linear).weight
 * const named = new nn.Sequential({ fc: new nn.Linear(2, 2), act: new nn.Tanh() });
 */
export class Sequential extends Module {
  [index: number]: Module;

  constructor(...modules: Module[] | [Record<string, Module>]) {
    super();
    const first = modules[0];
    if (modules.length === 1 && first !== null && typeof first === 'object' && !(first instanceof Module)) {
      for (const [k, m] of Object.entries(first)) this.addModule(k, m);
      return;
    }
    modules.forEach((m, i) => {
      if (!(m instanceof Module)) throw new TorchTypeError(`Sequential: argument ${i} must be a Module, got ${m === null ? 'null' : typeof m}`);
      this.addModule(String(i), m);
    });
  }

  /** Number of children. @example mlp.length // 3 */
  get length(): number {
    return this._own().children.length;
  }

  /** The i-th child (negative counts from the end). @example mlp.get(-1) */
  get(i: number): Module {
    return this._own().children[listIndex('Sequential.get', i, this.length)]![1];
  }

  /** Adds a module at the end; returns this. @example mlp.append(new nn.Softmax(1)) */
  append(module: Module): this {
    if (!(module instanceof Module)) throw new TorchTypeError('Sequential.append: expected a Module');
    this.addModule(String(this.length), module);
    return this;
  }

  /** @example for (const layer of mlp) console.log(String(layer)); */
  *[Symbol.iterator](): Iterator<Module> {
    for (const [, m] of this._own().children) yield m;
  }

  /** Runs the children in order. @example mlp.forward(x) */
  override forward(input: Variable | Tensor): Variable {
    let x: unknown = input;
    for (const [, m] of this._own().children) x = m.forward(x);
    return x as Variable;
  }
}
