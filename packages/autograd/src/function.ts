/**
 * Custom differentiable functions: subclass Function, write forward on Tensors and backward on
 * Variables (so it can be differentiated again), and call `MyFn.apply(x, ...)`.
 */
import { Tensor, TorchTypeError, zeros } from '@torch/core';
import { gradState, noGrad } from './grad-mode';
import { Node, type Grad } from './node';
import { Variable } from './variable';
import type { LiftArgs } from './method-types';

/**
 * What `MyFn.apply` takes: the parameters of MyFn's forward, where a Tensor may also be a Variable.
 * @example type A = FunctionArgs<Cube>;   // [x: Variable | Tensor]
 */
export type FunctionArgs<T extends Function> = T['forward'] extends (...args: infer A) => unknown ? LiftArgs<A> : never;
/**
 * What `MyFn.apply` returns: forward's result with Variables for Tensors (a tuple stays a tuple).
 * @example type R = FunctionResult<Cube>;   // Variable
 */
export type FunctionResult<T extends Function> = T['forward'] extends (...args: never[]) => infer R ? VariablesFor<R> : never;
type VariablesFor<R> = R extends readonly Tensor[] ? { -readonly [K in keyof R]: Variable } : R extends Tensor ? Variable : never;

const fmt = (s: readonly number[]) => `[${s.join(', ')}]`;

/**
 * Base class of user-defined autograd functions. The Function instance is the context: forward
 * saves what backward needs with `saveForBackward`, backward reads it from `savedTensors`.
 * @example
 * class Cube extends Function {
 *   forward(x: Tensor) { this.saveForBackward(x); return x.mul(x).mul(x); }
 *   backward(g: Variable) { const [x] = this.savedTensors; return g.mul(x.mul(x)).mul(3); }
 * }
 * const y = Cube.apply(x);   // a Variable whose gradFn is CubeBackward
 */
export class Function {
  /** Per forward argument: whether it is a Variable that requires grad (set before forward runs). */
  needsInputGrad: boolean[] = [];
  /** @internal */ _toSave: (Tensor | Variable | null)[] | null = null;
  /** @internal */ _saved: (Variable | null)[] | null = null;
  /** @internal */ _savedVersions: number[] = [];
  /** @internal */ _dirty: Tensor[] = [];
  /** @internal */ _nonDiff: Tensor[] = [];
  /**
   * Set by the library's own Functions whose backward keeps no gradient it receives or returns: the
   * engine may then move their fresh gradients into a leaf's `.grad` instead of copying them (user
   * Functions might keep them, so theirs are always copied). @internal
   */
  _keepsNoGrads = false;
  /**
   * Per output, during backward of a Function that keeps no gradients: whether the engine proved that
   * nothing else reads that output's incoming gradient, so backward may overwrite it (relu's does). @internal
   */
  _gradOverwritable: readonly boolean[] = [];
  /** @internal */ _node: FunctionNode | null = null;

  /** Runs a new instance of this Function on the arguments. @example const y = MyFn.apply(x, w) */
  static apply<T extends Function>(this: new () => T, ...args: FunctionArgs<T>): FunctionResult<T> {
    return new this().apply(...args);
  }

  /** The computation on Tensors (Variables arrive as their data). Override it. */
  forward(..._args: unknown[]): Tensor | Tensor[] {
    throw new TorchTypeError(`${this.constructor.name}: forward is not implemented`);
  }

  /** Gradients of the forward arguments (one per argument; null for none) from the outputs'. Override it. */
  backward(..._grads: Variable[]): Variable | Tensor | null | (Variable | Tensor | null | undefined)[] {
    throw new TorchTypeError(`${this.constructor.name}: backward is not implemented`);
  }

  /** Keeps tensors (inputs, outputs or others) for backward; they are version-checked when read. */
  saveForBackward(...tensors: (Tensor | Variable | null)[]): void {
    this._toSave = tensors;
  }

  /** The saved tensors as Variables (inputs and outputs as the graph's own Variables). */
  get savedTensors(): (Variable | null)[] {
    if (this._saved === null) {
      if (this._node?._released)
        throw new TorchTypeError(`${this.constructor.name}Backward: trying to backward through the graph a second time: its saved tensors were freed; pass { retainGraph: true }`);
      return [];
    }
    this._saved.forEach((v, i) => {
      if (v !== null && v._version !== this._savedVersions[i])
        throw new TorchTypeError(
          `${this.constructor.name}Backward: one of the variables needed for gradient computation has been modified by an in-place operation: ` +
            `saved tensor ${i} (size ${fmt(v.data.shape)}) was saved at version ${this._savedVersions[i]} and is now at version ${v._version}`,
        );
    });
    return this._saved;
  }

  /** Declares inputs that forward modified in place (they are returned as outputs). */
  markDirty(...tensors: Tensor[]): void {
    this._dirty.push(...tensors);
  }

  /** Declares outputs that are not differentiable (integer indices, masks). */
  markNonDifferentiable(...tensors: Tensor[]): void {
    this._nonDiff.push(...tensors);
  }

  /** Runs forward and records this function on the tape. */
  apply(...given: FunctionArgs<this>): FunctionResult<this> {
    const args = given as unknown[];
    if (this._node !== null) throw new TorchTypeError(`${this.constructor.name}: a Function instance can be applied only once; create a new one`);
    let req = false, vol = false;
    const raw = args.map((a) => {
      if (a instanceof Variable) {
        if (a.volatile) vol = true;
        else if (a.requiresGrad) req = true;
        return a.data;
      }
      return a;
    });
    this.needsInputGrad = args.map((a) => a instanceof Variable && !a.volatile && a.requiresGrad);
    const out = noGrad(() => this.forward(...raw));
    const many = Array.isArray(out);
    const outs = (many ? out : [out]) as Tensor[];
    outs.forEach((t, i) => {
      if (!(t instanceof Tensor)) throw new TorchTypeError(`${this.constructor.name}: forward must return Tensors, output ${i} is not one`);
    });
    const record = req && !vol && gradState.enabled;
    const node = record ? new FunctionNode(this, outs.length) : null;
    this._node = node;
    if (node !== null) {
      args.forEach((a) => {
        if (!(a instanceof Variable)) return;
        const e = a.volatile ? null : a._edgeNode();
        node._next.push(e);
        node._nextNr.push(e !== null && a._gradFn !== null ? a._outputNr : 0);
        node._inShapes.push(a.data.shape);
        node._inDtypes.push(a.data.dtype);
      });
      node._argIsVar = args.map((a) => a instanceof Variable);
      node._outShapes = outs.map((t) => t.shape);
    }
    const results = outs.map((t, i) => {
      const input = args.find((a) => a instanceof Variable && a.data === t) as Variable | undefined;
      let v: Variable;
      if (input && this._dirty.includes(t)) {
        if (record && input._gradFn === null && input._leafRequiresGrad)
          throw new TorchTypeError(`${this.constructor.name}: a leaf Variable that requires grad was modified in place (markDirty) by forward`);
        v = input;
      } else v = new Variable(t);
      if (vol) v.volatile = true;
      if (node !== null && t.dtype.isFloatingPoint && !this._nonDiff.includes(t)) {
        v._gradFn = node;
        v._outputNr = i;
      } else if (v === input) {
        v._gradFn = null;
      }
      return v;
    });
    if (node !== null && this._toSave) {
      this._saved = this._toSave.map((t) => {
        if (t === null) return null;
        if (t instanceof Variable) return t;
        const k = outs.indexOf(t);
        if (k >= 0) return results[k]!;
        const input = args.find((a) => a instanceof Variable && a.data === t) as Variable | undefined;
        return input ?? new Variable(t);
      });
      this._savedVersions = this._saved.map((v) => (v === null ? 0 : v._version));
    }
    this._toSave = null;
    return (many ? results : results[0]) as FunctionResult<this>;
  }
}

/** The node of a custom Function. @internal */
export class FunctionNode extends Node {
  _argIsVar: boolean[] = [];
  _outShapes: (readonly number[])[] = [];

  constructor(readonly fn: Function, numOutputs: number) {
    super();
    this._numOutputs = numOutputs;
  }

  get name(): string {
    return `${this.fn.constructor.name}Backward`;
  }

  _apply(grads: Grad[]): Grad[] {
    const fn = this.fn;
    if (this._released && fn._saved === null && this._hadSaved)
      throw new TorchTypeError(`${this.name}: trying to backward through the graph a second time: its saved tensors were freed; pass { retainGraph: true }`);
    const filled = grads.map((g, i) => g ?? new Variable(zeros(this._outShapes[i] as number[], { dtype: this._inDtypes[0] })));
    const r = fn.backward(...filled);
    const list = Array.isArray(r) ? r : [r];
    const nArgs = this._argIsVar.length;
    if (list.length !== nArgs && !(list.length > nArgs && list.slice(nArgs).every((x) => x === null || x === undefined)))
      throw new TorchTypeError(`${this.name}: backward returned ${list.length} gradients, but forward had ${nArgs} arguments`);
    const out: Grad[] = [];
    for (let i = 0; i < nArgs; i++) {
      if (!this._argIsVar[i]) continue;
      const g = list[i];
      out.push(g === null || g === undefined ? null : g instanceof Variable ? g : new Variable(g as Tensor));
    }
    return out;
  }

  private get _hadSaved(): boolean {
    return this._savedFlag;
  }
  _savedFlag = false;

  override _release(): void {
    this._released = true;
    if (this.fn._saved !== null) {
      this._savedFlag = true;
      this.fn._saved = null;
    }
  }
}
