import { TorchTypeError } from '@torch/core';
import { Module, type Slots } from '../module';
import { listIndex } from './sequential';

/**
 * A list of modules registered as children '0', '1', ... (so their parameters are found); index it
 * like an array. It has no forward: the owner decides how to call them.
 * @example
 * class Net extends nn.Module {
 *   layers = new nn.ModuleList([1, 2, 3].map(() => new nn.Linear(8, 8)));
 *   forward(x: Variable) { for (const l of this.layers) x = l.forward(x); return x; }
 * }
 */
export class ModuleList<M extends Module = Module> extends Module {
  [index: number]: M;

  constructor(modules: Iterable<M> = []) {
    super();
    if (arguments.length > 1) throw new TorchTypeError(`ModuleList: expected one iterable of modules, got ${arguments.length} arguments`);
    this.extend(modules);
  }

  /** Number of modules. @example list.length */
  get length(): number {
    return this._own().children.length;
  }

  /** The i-th module (negative counts from the end). @example list.get(-1) */
  get(i: number): M {
    return (this as unknown as Slots)[listIndex('ModuleList.get', i, this.length)] as M;
  }

  /** Replaces the i-th module. @example list.set(0, new nn.Linear(2, 2)) */
  set(i: number, module: M): void {
    this.addModule(String(listIndex('ModuleList.set', i, this.length)), module);
  }

  /** Adds a module at the end. @example list.append(new nn.ReLU()) */
  append(module: M): this {
    if (!(module instanceof Module)) throw new TorchTypeError(`ModuleList.append: expected a Module, got ${module === null ? 'null' : typeof module}`);
    this.addModule(String(this.length), module);
    return this;
  }

  /** Adds every module of an iterable at the end. @example list.extend([a, b]) */
  extend(modules: Iterable<M>): this {
    if (modules === null || typeof (modules as unknown as Slots)[Symbol.iterator] !== 'function') throw new TorchTypeError('ModuleList.extend: expected an iterable of modules');
    for (const m of modules) this.append(m);
    return this;
  }

  /** Inserts a module before index i. @example list.insert(0, new nn.Identity()) */
  insert(i: number, module: M): void {
    const n = this.length;
    const j = i === n ? n : listIndex('ModuleList.insert', i, n);
    for (let k = n; k > j; k--) (this as unknown as Slots)[k] = (this as unknown as Slots)[k - 1];
    (this as unknown as Slots)[j] = undefined;
    this.addModule(String(j), module);
  }

  /** @example for (const layer of list) ... */
  *[Symbol.iterator](): Iterator<M> {
    for (const [, m] of this._own().children) yield m as M;
  }
}
