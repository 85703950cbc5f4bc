/**
 * Variable: a tensor plus what autograd needs to know about it (the seed's `nn.Variable`). Ops on
 * Variables are recorded onto a tape (the graph of `gradFn` nodes) when any input requires grad;
 * `backward()` walks it in reverse.
 */
import { inspect } from 'node:util';
import { Tensor, TorchTypeError, TorchSizeError, checkCall, describeValue, integerDtypeHint, parseSignature, resolveDtype, type DType, type TypeSpec } from '@torch/core';
import { gradState } from './grad-mode';
import type { GradOwnership } from './grad-ownership';
import { AccumulateGrad, type Node, type RemovableHandle, type VariableHook } from './node';
import type { VariableMethods } from './method-types';
import type { backward as Backward, BackwardOptions } from './engine';

// The engine imports Variable; Variable reaches the engine through this slot, filled by index.ts, so the
// two modules do not import each other at run time (`pnpm lint` checks for cycles).
let runBackward: typeof Backward;
/** Hands Variable the backward engine (index.ts, once). @internal */
export function installBackwardEngine(engine: typeof Backward): void {
  runBackward = engine;
}

/** What `new Variable(tensor, options)` accepts. */
export interface VariableOptions {
  /** Gradients of this leaf are computed by backward (floating point only). Default false. */
  requiresGrad?: boolean;
  /** 0.1-era inference mode: nothing computed from this variable is recorded. Default false. */
  volatile?: boolean;
}

const fmt = (s: readonly number[]) => `[${s.join(', ')}]`;
const CTOR_SIGNATURE = parseSignature('options | requiresGrad volatile');

/** Replays a view's chain of view ops on another tensor or Variable of the base's shape. @internal */
export type ViewFn = <T extends Tensor | Variable>(t: T) => T;

/**
 * A tensor on the autograd tape.
 * @example
 * const x = new Variable(torch.randn(3), { requiresGrad: true });
 * const y = x.mul(x).add(1);
 * y.backward(torch.ones(3));
 * x.grad!.data;            // 2 * x
 * y.gradFn!.name;          // 'AddBackward'
 */
export class Variable {
  /** The tensor (shares memory; writing it directly bypasses autograd). */
  data: Tensor;
  /** 0.1-era inference flag: results of ops on a volatile variable are volatile and not recorded. */
  volatile: boolean;
  /** @internal */ _grad: Variable | null = null;
  /** True when `_grad` is a tensor only this variable holds, so later backwards may add into it. @internal */
  _gradOwned = false;
  /** @internal */ _gradFn: Node | null = null;
  /** Which output of `_gradFn` this is. @internal */
  _outputNr = 0;
  /** @internal */ _leafRequiresGrad = false;
  /** @internal */ _accumulator: AccumulateGrad | null = null;
  /** The variable whose storage this one views (the root of a chain of views). @internal */
  _base: Variable | null = null;
  /** Rebuilds this view from `_base` (works on Tensors and Variables alike). @internal */
  _viewFn: ViewFn | null = null;
  /** Bumped when an in-place op changes this base's graph, so its views regenerate theirs. @internal */
  _viewGen = 0;
  /** The base's `_viewGen` this view's graph was built at. @internal */
  _seenGen = 0;
  /** Set on outputs of ops that return several views (split, chunk, unbind), which may not be modified in place. @internal */
  _multiViewOf: string | null = null;

  constructor(data: Tensor, options?: VariableOptions) {
    if (!(data instanceof Tensor))
      throw new TorchTypeError(
        `Variable: data must be a Tensor, got ${isVariable(data) ? 'a Variable (use it directly, or v.detach() for a new leaf)' : describeValue(data)}`,
      );
    // eslint-disable-next-line prefer-rest-params
    if (arguments.length > 1) options = checkCall('Variable', CTOR_SIGNATURE, arguments)[1] as VariableOptions | undefined;
    this.data = data;
    this.volatile = !!options?.volatile;
    if (options?.requiresGrad) this.requiresGrad = true;
  }

  /** True when backward computes a gradient for this variable (leaves: as set; others: when their inputs do). */
  get requiresGrad(): boolean {
    return this._leafRequiresGrad || this.gradFn !== null;
  }
  set requiresGrad(value: boolean) {
    if (this._gradFn !== null) {
      if (!value)
        throw new TorchTypeError(`requiresGrad: you can only change requiresGrad flags of leaf variables; use detach() to get a variable that does not require grad (this one comes from ${this._gradFn.name})`);
      return;
    }
    if (value && !this.data.dtype.isFloatingPoint)
      throw new TorchTypeError(`requiresGrad: only floating point variables can require gradients, got ${this.data.dtype}${integerDtypeHint(this.data.dtype)}`);
    this._leafRequiresGrad = !!value;
  }

  /** Sets requiresGrad in place and returns this. @example const w = new Variable(torch.randn(3)).requiresGrad_() */
  requiresGrad_(value = true): this {
    this.requiresGrad = value;
    return this;
  }

  /** True for variables not computed by a recorded op (user-created, or results of ops that needed no grad). */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  /** The node of the backward graph that produced this variable (null for leaves). */
  get gradFn(): Node | null {
    const base = this._base;
    if (base !== null && this._seenGen !== base._viewGen) this._regenerateView();
    return this._gradFn;
  }

  /** The seed-era name of gradFn. @example y.creator === y.gradFn */
  get creator(): Node | null {
    return this.gradFn;
  }

  /**
   * The accumulated gradient (a Variable), null until a backward reaches this leaf; backward adds into
   * it until it is zeroed or set to null.
   */
  get grad(): Variable | null {
    return this._grad;
  }
  set grad(g: Variable | Tensor | null) {
    if (g === null || g === undefined) {
      this._grad = null;
      return;
    }
    const v = isVariable(g) ? g : variableOf(g);
    if (!isVariable(v)) throw new TorchTypeError('grad: must be a Variable, a Tensor or null');
    if (!sameShape(v.data.shape, this.data.shape))
      throw new TorchSizeError(`grad: assigned gradient has size ${fmt(v.data.shape)} but the variable has size ${fmt(this.data.shape)}`);
    if (v.data.dtype !== this.data.dtype)
      throw new TorchTypeError(`grad: assigned gradient has dtype ${v.data.dtype} but the variable has dtype ${this.data.dtype}`);
    this._grad = v;
    this._gradOwned = false;
  }

  /** Sizes. */
  get shape(): readonly number[] {
    return this.data.shape;
  }
  /** Element type. */
  get dtype(): DType {
    return this.data.dtype;
  }
  /** The data's version counter (bumped by every in-place write). */
  get _version(): number {
    return this.data._storage.version;
  }
  /** @example v.size() // [2, 3] */
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number[] | number {
    return dim === undefined ? this.data.size() : this.data.size(dim);
  }
  /** @example v.dim() */
  dim(): number {
    return this.data.shape.length;
  }
  /** @example v.numel() */
  numel(): number {
    return this.data.numel();
  }
  /** The single element as a number. @example loss.item() */
  item(): number {
    return this.data.item();
  }
  /** @example v.tolist() */
  tolist() {
    return this.data.tolist();
  }
  /** @example v.isContiguous() */
  isContiguous(): boolean {
    return this.data.isContiguous();
  }
  /**
   * The type name, or (given a dtype, its name or a typed class) the variable converted to it, recorded for backward.
   * @example v.type() // 'torch.FloatTensor'; v.type('torch.DoubleTensor'); v.type(torch.float64)
   */
  type(): string;
  type(to: TypeSpec): Variable;
  type(to?: TypeSpec): string | Variable {
    return to === undefined ? this.data.type() : this.to(resolveDtype('type', to));
  }
  /** Number of dimensions. @example v.ndim */
  get ndim(): number {
    return this.data.shape.length;
  }
  /** The dims reversed (the transpose of a matrix), recorded for backward. @example w.T */
  get T(): Variable {
    const n = this.data.shape.length;
    return n < 2 ? this : this.permute(...this.data.shape.map((_, i) => n - 1 - i));
  }

  /**
   * Computes the gradient of this variable with respect to every leaf that requires grad and adds it
   * into their `.grad`. `gradient` is required unless the variable has one element.
   * @example
   * loss.backward();                                   // scalar loss
   * y.backward(torch.ones(3), { retainGraph: true });  // keep the graph for another backward
   */
  backward(gradient?: Variable | Tensor | null, options?: BackwardOptions): void {
    runBackward([this], [gradient ?? null], options);
  }

  /**
   * A new leaf sharing this variable's data, outside the graph.
   * @example const target = y.detach();
   */
  detach(): Variable {
    const v = variableOf(this.data);
    v.volatile = this.volatile;
    return v;
  }

  /**
   * Cuts this variable out of the graph in place: it becomes a leaf that does not require grad.
   * @example hidden.detach_()   // truncated backprop through time
   */
  detach_(): this {
    if (this._base !== null && this._base.requiresGrad)
      throw new TorchTypeError('detach_: cannot detach a view of a variable that requires grad in place; use detach() instead');
    this._gradFn = null;
    this._outputNr = 0;
    this._leafRequiresGrad = false;
    return this;
  }

  /**
   * Registers a hook called with this variable's gradient each time one is computed; it may return a
   * replacement. Hooks run in registration order.
   * @example
   * const h = x.registerHook((g) => g.mul(2));   // doubles x's gradient
   * h.remove();
   */
  registerHook(fn: VariableHook): RemovableHandle {
    if (typeof fn !== 'function') throw new TorchTypeError('registerHook: expected a function');
    if (!this.requiresGrad) throw new TorchTypeError("registerHook: cannot register a hook on a variable that doesn't require gradient");
    const node = this.gradFn ?? this._gradAccumulator();
    return node._addVarHook(this._gradFn ? this._outputNr : 0, fn);
  }

  /**
   * Keeps the gradient of this non-leaf variable in `.grad` (leaves always keep theirs).
   * @example const h = x.mul(2); h.retainGrad(); h.sum().backward(); h.grad
   */
  retainGrad(): this {
    if (this.isLeaf) return this;
    this.registerHook((g) => {
      this._accumulate(g);
    });
    return this;
  }

  /** Prints like PyTorch 0.x: `Variable containing:` and the tensor. */
  toString(): string {
    return `Variable containing:\n${this.data.toString()}`;
  }

  /** @internal */
  [inspect.custom](): string {
    return this.toString();
  }

  /** The node a gradient for this variable flows to, or null when it needs none. @internal */
  _edgeNode(): Node | null {
    const fn = this.gradFn;
    if (fn !== null) return fn;
    return this._leafRequiresGrad ? this._gradAccumulator() : null;
  }

  /** @internal */
  _gradAccumulator(): AccumulateGrad {
    return (this._accumulator ??= new AccumulateGrad(this));
  }

  /** Adds a gradient into `.grad` (a leaf's AccumulateGrad, or retainGrad). @internal */
  _accumulate(g: Variable, ownership: GradOwnership | null = null): void {
    if (gradState.enabled) {
      // createGraph: keep the gradient's own graph, so it can be differentiated again.
      this._grad = this._grad === null ? g : this._grad.add(g);
      this._gradOwned = false;
    } else if (this._grad === null) {
      // The incoming gradient may be shared (another leaf's, or the user's), so .grad gets its own copy
      // unless the engine proves nothing else holds it.
      this._grad = variableOf(ownership?.take(g.data, this.data) ? g.data : g.data.clone());
      this._gradOwned = true;
    } else if (this._gradOwned && this._grad._gradFn === null) {
      this._grad.data.add_(g.data);
    } else {
      this._grad = variableOf(this._grad.data.add(g.data));
      this._gradOwned = true;
    }
  }

  /** A view whose base's graph changed since it was built gets its gradFn from the base again. @internal */
  _regenerateView(): void {
    const base = this._base!;
    this._seenGen = base._viewGen;
    if (!base.requiresGrad || !gradState.enabled) return;
    const fresh = this._viewFn!(base) as Variable;
    this._gradFn = fresh._gradFn;
    this._outputNr = fresh._outputNr;
  }
}

/** Methods derived from the op table (add, mul_, view, mm, ...) live on the prototype. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Variable extends VariableMethods {}

// (A class body that names its own class is bundled as `var X = class _X`, which names the class `_X`:
// these helpers live outside the class so the bundle keeps the name; checked by packages/torch/test/class-names.test.ts.)
function isVariable(x: unknown): x is Variable {
  return x instanceof Variable;
}
function variableOf(data: Tensor): Variable {
  return new Variable(data);
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
