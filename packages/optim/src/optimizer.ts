/**
 * The Optimizer base class: parameter groups with per-group options, per-parameter state, zeroGrad,
 * and stateDict/loadStateDict in PyTorch's layout (state keyed by parameter index, groups listing
 * their parameters as indices).
 */
import { Tensor, TorchTypeError, TorchSizeError, zerosLike } from '@torch/core';
import { Variable, enableGrad } from '@torch/autograd';
import { checkKeys, checkOptionsObject, describe } from './options';

/** A parameter group as given by the user: its parameters and any options that override the defaults. */
export type ParamGroupInput<O> = { params: Iterable<Variable> | Variable } & Partial<O>;

/** What an optimizer's constructor accepts: Variables, or parameter groups. */
export type Params<O> = Iterable<Variable> | Iterable<ParamGroupInput<O>>;

/**
 * A parameter group inside an optimizer: its Variables and every option (defaults filled in). LR
 * schedulers add their own keys (`initialLr`, ...), as PyTorch's do.
 */
export type ParamGroup<O> = O & { params: Variable[]; [extra: string]: unknown };

/** A value in a parameter's state: a tensor (moment buffers, ...), a counter, or for LBFGS a list of them. */
export type StateValue = Tensor | number | boolean | null | undefined | readonly (Tensor | number | null)[];
/**
 * One parameter's state in general (what `stateDict()` holds). Each optimizer declares its own, precise
 * state type (`AdamState`, `SGDState`, ...), the second type parameter of `Optimizer`.
 */
export type ParamState = { [key: string]: StateValue };

/** What a closure passed to `step` returns: the loss, as a Variable or a number. */
export type Closure = () => Variable | Tensor | number;

/** `optimizer.stateDict()`: plain data, parameters replaced by their index in group order. */
export interface StateDict {
  state: Record<number, ParamState>;
  paramGroups: (Record<string, unknown> & { params: number[] })[];
}

/** `zeroGrad` options. */
export interface ZeroGradOptions {
  /** Set each `.grad` to null instead of zeroing it (frees the memory; the next backward allocates). */
  setToNone?: boolean;
}

/**
 * Base class of every optimizer. Subclasses declare their options (with defaults) and implement
 * `step`; the base class holds parameter groups and state.
 * @example
 * // A custom optimizer: plain gradient descent with a per-group lr.
 * class GD extends optim.Optimizer<{ lr: number }> {
 *   constructor(params: optim.Params<{ lr: number }>, options?: Partial<{ lr: number }>) {
 *     super('GD', params, { lr: 0.1 }, options);
 *   }
 *   step(closure?: optim.Closure) {
 *     const loss = this._evaluate(closure);
 *     for (const g of this.paramGroups) for (const p of g.params) if (p.grad) p.data.add_(p.grad.data, { alpha: -g.lr });
 *     return loss;
 *   }
 * }
 */
export abstract class Optimizer<O extends object = Record<string, unknown>, S extends ParamState = ParamState> {
  /** The options every group gets unless it sets its own (constructor options over the class defaults). */
  readonly defaults: O;
  /** The parameter groups, each with all its options. */
  paramGroups: ParamGroup<O>[] = [];
  /** Per-parameter state (created on a parameter's first step). */
  state: Map<Variable, S> = new Map();
  /** The class's name in messages ('SGD', 'Adam', ...). */
  protected readonly _name: string;
  /** Where `_grad` writes modified gradients. */
  private readonly _gradBuffers = new Scratch();

  /**
   * @param name the optimizer's name in messages
   * @param params Variables, or parameter groups `{ params, ...options }`
   * @param classDefaults every option the optimizer has, with its default (`undefined` for required ones)
   * @param options the user's options, overriding classDefaults
   */
  constructor(name: string, params: Params<O>, classDefaults: O, options?: Partial<O>) {
    this._name = name;
    checkOptionsObject(name, options);
    if (options !== undefined) checkKeys(name, options, Object.keys(classDefaults));
    this.defaults = { ...classDefaults, ...options };
    if (params instanceof Variable || params instanceof Tensor || params === null || typeof (params as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function')
      throw new TorchTypeError(`${name}: params must be an iterable of Variables or of parameter groups, got ${describe(params)}`);
    const list = [...(params as Iterable<unknown>)];
    if (list.length === 0) throw new RangeError(`${name}: got an empty parameter list`);
    const groups = (list.every((p) => p instanceof Variable) ? [{ params: list }] : list) as ParamGroupInput<O>[];
    for (const g of groups) this.addParamGroup(g);
  }

  /**
   * Checks a group's merged options (throws RangeError/TorchTypeError as PyTorch's ValueError).
   * @internal
   */
  protected abstract _validate(group: O): void;

  /**
   * Adds a parameter group (e.g. layers unfrozen during fine-tuning); missing options take the defaults.
   * @example opt.addParamGroup({ params: head.parameters(), lr: 1e-3 });
   */
  addParamGroup(group: ParamGroupInput<O>): void {
    const name = this._name;
    if (group === null || typeof group !== 'object' || group instanceof Variable || !('params' in group))
      throw new TorchTypeError(`${name}: a parameter group must be an object with a 'params' key, got ${describe(group)}`);
    checkKeys(name, group, ['params', ...Object.keys(this.defaults)], 'parameter group option');
    const raw = group.params;
    const params = raw instanceof Variable ? [raw] : [...(raw as Iterable<unknown>)];
    const seen = new Set<Variable>();
    for (const p of params) {
      if (!(p instanceof Variable)) throw new TorchTypeError(`${name}: can only optimize Variables, got ${describe(p)}`);
      if (!p.isLeaf) throw new TorchTypeError(`${name}: can't optimize a non-leaf Variable (it comes from ${p.gradFn!.name})`);
      if (seen.has(p)) throw new RangeError(`${name}: a parameter group contains the same parameter twice`);
      seen.add(p);
      for (const other of this.paramGroups)
        if (other.params.includes(p)) throw new RangeError(`${name}: some parameters appear in more than one parameter group`);
    }
    const merged = { ...this.defaults } as Record<string, unknown>;
    for (const [k, v] of Object.entries(group)) if (k !== 'params' && v !== undefined) merged[k] = v;
    this._validate(merged as O);
    this.paramGroups.push({ ...(merged as O), params: params as Variable[] });
  }

  /**
   * Clears the gradients of every parameter: zeroes them in place (or sets them to null).
   * A gradient the parameter does not own alone (one assigned by the user, or built with createGraph)
   * is replaced by fresh zeros rather than overwritten, so no other tensor is changed.
   * @example
   * opt.zeroGrad();
   * loss.backward();
   * opt.step();
   */
  zeroGrad(options?: ZeroGradOptions): void {
    checkOptionsObject(`${this._name}.zeroGrad`, options);
    if (options !== undefined) checkKeys(`${this._name}.zeroGrad`, options, ['setToNone']);
    const toNone = options?.setToNone ?? false;
    for (const group of this.paramGroups)
      for (const p of group.params) {
        const g = p.grad;
        if (g === null) continue;
        if (toNone) p.grad = null;
        else if (p._gradOwned && g.gradFn === null) g.data.zero_();
        else p.grad = zerosLike(p.data);
      }
  }

  /**
   * Performs one optimization step from the parameters' `.grad`. A closure re-evaluates the model and
   * returns the loss (LBFGS requires one); step returns what the closure returned.
   * @example
   * opt.step();
   * const loss = opt.step(() => { opt.zeroGrad(); const l = lossFn(); l.backward(); return l; });
   */
  abstract step(closure?: Closure): Variable | Tensor | number | undefined;

  /** Runs the closure with gradients recorded (steps may be called inside noGrad). @internal */
  protected _evaluate(closure: Closure | undefined): Variable | Tensor | number | undefined {
    if (closure === undefined) return undefined;
    if (typeof closure !== 'function') throw new TorchTypeError(`${this._name}.step: closure must be a function, got ${describe(closure)}`);
    return enableGrad(closure);
  }

  /**
   * The gradient of p as the update uses it: negated for `maximize`, plus `weightDecay * p`; null when p
   * has none. When either applies, the result is written into a buffer reused across steps, so the
   * step allocates nothing (PyTorch computes the same expression into a new tensor).
   * @internal
   */
  protected _grad(p: Variable, maximize: boolean, weightDecay: number): Tensor | null {
    const g = p.grad;
    if (g === null) return null;
    if (!maximize && weightDecay === 0) return g.data;
    const out = this._gradBuffers.get(p);
    if (!maximize) return g.data.add(p.data, { alpha: weightDecay, out });
    g.data.neg({ out });
    return weightDecay === 0 ? out : out.add_(p.data, { alpha: weightDecay });
  }

  /** The state of p, created by `init` on first use. @internal */
  protected _stateOf(p: Variable, init: () => S): S {
    let s = this.state.get(p);
    if (s === undefined) this.state.set(p, (s = init()));
    return s;
  }

  /**
   * The optimizer's state as plain data: `{ state: { [paramIndex]: {...} }, paramGroups: [{ ...options,
   * params: [indices] }] }`. Indices number the parameters in group order. Tensors are shared, not
   * copied (save or clone them to keep a snapshot).
   * @example
   * const sd = opt.stateDict();
   * const opt2 = new optim.SGD(params2, { lr: 0.1 });
   * opt2.loadStateDict(sd);
   */
  stateDict(): StateDict {
    const index = new Map<Variable, number>();
    const paramGroups = this.paramGroups.map((g) => {
      const packed: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(g)) if (k !== 'params') packed[k] = Array.isArray(v) ? [...v] : v;
      packed.params = g.params.map((p) => {
        if (!index.has(p)) index.set(p, index.size);
        return index.get(p)!;
      });
      return packed as Record<string, unknown> & { params: number[] };
    });
    const state: Record<number, ParamState> = {};
    for (const [p, s] of this.state) {
      const i = index.get(p);
      if (i !== undefined) state[i] = { ...s };
    }
    return { state, paramGroups };
  }

  /**
   * Restores state saved by `stateDict` (this optimizer's parameters take the saved ones' places, in
   * order). Tensors are copied, floating point ones cast to their parameter's dtype; group options
   * are replaced by the saved ones.
   * @example
   * const checkpoint = opt.stateDict();
   * // ... later, with a new model and optimizer over the same parameter layout:
   * opt2.loadStateDict(checkpoint);
   */
  loadStateDict(stateDict: StateDict): void {
    const name = `${this._name}.loadStateDict`;
    if (stateDict === null || typeof stateDict !== 'object' || !Array.isArray(stateDict.paramGroups) || typeof stateDict.state !== 'object' || stateDict.state === null)
      throw new TorchTypeError(`${name}: expected { state, paramGroups } as returned by stateDict(), got ${describe(stateDict)}`);
    const saved = stateDict.paramGroups;
    if (saved.length !== this.paramGroups.length)
      throw new TorchSizeError(`${name}: loaded state dict has ${saved.length} parameter groups but the optimizer has ${this.paramGroups.length}`);
    const byIndex = new Map<number, Variable>();
    saved.forEach((g, i) => {
      const mine = this.paramGroups[i]!.params;
      if (!Array.isArray(g.params) || g.params.length !== mine.length)
        throw new TorchSizeError(`${name}: parameter group ${i} of the loaded state dict has ${Array.isArray(g.params) ? g.params.length : 'no'} parameters but the optimizer's has ${mine.length}`);
      g.params.forEach((id, j) => byIndex.set(id, mine[j]!));
    });
    const state = new Map<Variable, S>();
    for (const [key, s] of Object.entries(stateDict.state)) {
      const p = byIndex.get(Number(key));
      if (p === undefined) throw new RangeError(`${name}: state for parameter index ${key}, which no parameter group lists`);
      const copy: ParamState = {};
      for (const [k, v] of Object.entries(s)) copy[k] = copyState(v, p);
      // Saved by an optimizer of this class, as in PyTorch (which does not check either).
      state.set(p, copy as S);
    }
    this.state = state;
    this.paramGroups = saved.map((g, i) => {
      const group: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(g)) if (k !== 'params') group[k] = Array.isArray(v) ? [...v] : v;
      group.params = this.paramGroups[i]!.params;
      return group as ParamGroup<O>;
    });
  }
}

/** Deep copy of one state value; floating point tensors take the parameter's dtype. */
function copyState<V extends StateValue>(v: V, p: Variable): V {
  if (v instanceof Tensor) return (v.dtype.isFloatingPoint && v.dtype !== p.data.dtype ? v.to(p.data.dtype) : v.clone()) as V;
  if (Array.isArray(v)) return v.map((x: Tensor | number | null) => copyState(x, p)) as unknown as V;
  return v;
}


/** A scratch tensor shaped like p, reused across steps (not part of the state). @internal */
export class Scratch {
  private readonly buffers = new WeakMap<Variable, Tensor[]>();
  get(p: Variable, slot = 0): Tensor {
    let list = this.buffers.get(p);
    if (list === undefined) this.buffers.set(p, (list = []));
    let t = list[slot];
    if (t === undefined || t.dtype !== p.data.dtype || !sameShape(t.shape, p.data.shape)) list[slot] = t = zerosLike(p.data);
    return t;
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}
