/**
 * Recording ops onto the tape. Every differentiable op is one `Derivative` entry (derivatives/*.ts),
 * keyed by core's op name; this file turns an entry into the Variable method, the in-place variant and
 * the backward node, so a new op family plugs in by adding one derivative file.
 */
import { Tensor, TorchTypeError, zeros } from '@torch/core';
import { gradState } from './grad-mode';
import { Node, type Grad } from './node';
import { Variable, type ViewFn } from './variable';

/** What a backward formula sees. */
export interface Ctx {
  /** The forward call's arguments, self first; Variables stay Variables (saved ones are version-checked). */
  readonly args: readonly unknown[];
  /** The forward result: one Variable, or an array of them for `multiOutput` and `outputs` entries. */
  result: Variable | Variable[];
  /** Per argument: whether it is (or, for lists, holds) a Variable that requires grad. */
  readonly needs: boolean[];
}

/** A gradient per argument position (an array for list arguments); null/undefined: none. */
export type GradsByArg = (Variable | null | undefined | (Variable | null | undefined)[])[];

/** An op result that is an object of tensors ({ values, indices }, { Q, R }): an interface of Tensor fields. */
export type TensorFields = object;

/** What every derivative entry declares, whatever its outputs. */
interface DerivativeBase {
  /** core's name for the op (the Tensor method, or the function for `isFunction` entries). */
  readonly name: string;
  /** Called as a function of its arguments (cat, stack) rather than as a method of the first. */
  readonly isFunction?: boolean;
  /**
   * The forward computation on Tensors, called with the op's arguments as given (Variables unwrapped);
   * default: the Tensor method of the same name. Any parameter list: the op's signature checks the call.
   */
  readonly forward?: (...args: never[]) => Tensor | Tensor[] | TensorFields;
  /** Arguments (positions) and 'result' the formula reads values of: version-checked, and freed after backward. */
  readonly saves?: readonly (number | 'result')[];
  /** The result views self's storage: tracked so in-place writes through it reach self's gradient. */
  readonly view?: boolean;
  /** The method viewFn replays (view replays as reshape, which also works on non-contiguous gradients). */
  readonly replayAs?: string;
  /** The op is in place only (copy_, fill_): `name` ends in `_`. */
  readonly inplaceOnly?: boolean;
  /** Results never require grad (comparisons, histc, rounding to integers). */
  readonly nonDifferentiable?: boolean;
  /** The node's name when several entries share one op (max(), max(dim) and max(other) are all MaxBackward). */
  readonly nodeName?: string;
}

/** An op with one output: its formula gets that output's gradient. */
export interface SingleOutputDerivative extends DerivativeBase {
  readonly multiOutput?: false;
  readonly outputs?: undefined;
  /** Gradients of the arguments from the output's gradient. */
  readonly backward?: (grad: Variable, ctx: Ctx) => GradsByArg;
}

/** An op returning a list of tensors (split, chunk, unbind): one gradient per output, zeros where none reached it. */
export interface MultiOutputDerivative extends DerivativeBase {
  readonly multiOutput: true;
  readonly outputs?: undefined;
  /** Gradients of the arguments from one gradient per output. */
  readonly backward?: (grads: Variable[], ctx: Ctx) => GradsByArg;
}

/**
 * The op returns an object of tensors ({ Q, R }, { U, S, V }). The Variable method returns the same
 * object with Variables; the fields not in `outputs` are wrapped as Variables that never require grad
 * (slogdet's sign, lstsq's rank).
 */
export interface FieldsOutputDerivative extends DerivativeBase {
  readonly multiOutput?: false;
  /** The names of the differentiable fields, in output order (`ctx.result` holds their Variables in this order). */
  readonly outputs: readonly string[];
  /** Gradients of the arguments from one gradient per named field, null where none reached it (PyTorch's undefined gradients). */
  readonly backward?: (grads: (Variable | null)[], ctx: Ctx) => GradsByArg;
}

/** One op's entry in the derivative registry: how its output(s) are recorded decides what its formula gets. */
export type Derivative = SingleOutputDerivative | MultiOutputDerivative | FieldsOutputDerivative;

/** What a Variable op returns: a Variable, a list of them, or an object of them ({ values, indices }). */
export type OpResult = Variable | Variable[] | Record<string, Variable>;

/** Derivatives by name. @internal */
export const registry = new Map<string, Derivative>();

/** Adds entries to the registry (one call per derivative file). @internal */
export function register(entries: readonly Derivative[]): void {
  for (const d of entries) {
    if (registry.has(d.name)) throw new Error(`autograd: derivative for ${d.name} registered twice`);
    registry.set(d.name, d);
  }
}

const nodeNames = new Map<string, string>();
function nodeName(op: string): string {
  let n = nodeNames.get(op);
  if (n === undefined) {
    const base = op.replace(/_$/, '');
    n = `${base[0]!.toUpperCase()}${base.slice(1)}Backward`;
    nodeNames.set(op, n);
  }
  return n;
}

const fmt = (s: readonly number[]) => `[${s.join(', ')}]`;

/** The backward node of one recorded op. @internal */
export class OpNode extends Node {
  ctx: Ctx | null;
  /** Versions of the saved arguments/results at forward time, in `saves` order (one per output for 'result'). */
  versions: (number | number[])[] | null;

  constructor(readonly d: Derivative, ctx: Ctx, readonly opName: string) {
    super();
    this.ctx = ctx;
    this.versions = null;
  }

  get name(): string {
    return this.d.nodeName ?? nodeName(this.opName);
  }

  _apply(grads: Grad[]): Grad[] {
    const ctx = this.ctx;
    if (ctx === null || (this._released && this.d.saves))
      throw new TorchTypeError(
        `${this.name}: trying to backward through the graph a second time (or to read saved values after they were freed); ` +
          'the saved values of this op were freed by the first backward: pass { retainGraph: true } to the first backward or autograd.grad call',
      );
    this.checkVersions(ctx);
    let res: GradsByArg;
    const d = this.d;
    if (d.outputs) {
      res = d.backward!(grads.map((g) => g ?? null), ctx);
    } else if (d.multiOutput) {
      const results = ctx.result as Variable[];
      const filled = grads.map((g, i) => g ?? zeroGrad(results[i]!.data));
      res = d.backward!(filled, ctx);
    } else {
      // The engine runs a node only when some output gradient is not null; this one has one output.
      res = d.backward!(grads[0]!, ctx);
    }
    // One gradient per edge: edges were made per Variable argument, list elements in order.
    const out: Grad[] = [];
    const args = ctx.args;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a instanceof Variable) out.push((res[i] as Variable | null | undefined) ?? null);
      else if (Array.isArray(a)) {
        const r = res[i] as (Variable | null | undefined)[] | undefined;
        for (let j = 0; j < a.length; j++) if (a[j] instanceof Variable) out.push(r?.[j] ?? null);
      }
    }
    return out;
  }

  private checkVersions(ctx: Ctx): void {
    const saves = this.d.saves, versions = this.versions;
    if (!saves || !versions) return;
    for (let k = 0; k < saves.length; k++) {
      const s = saves[k]!;
      const vs: Variable[] = s === 'result' ? (Array.isArray(ctx.result) ? ctx.result : [ctx.result]) : ctx.args[s] instanceof Variable ? [ctx.args[s]] : [];
      for (let j = 0; j < vs.length; j++) {
        const v = vs[j]!;
        const saved = versions[k]!;
        const at = typeof saved === 'number' ? saved : saved[j]!;
        if (v._version !== at) {
          const what = s === 'result' ? 'its output' : s === 0 ? 'its input self' : `its input ${s}`;
          throw new TorchTypeError(
            `${this.name}: one of the variables needed for gradient computation has been modified by an in-place operation: ` +
              `${this.opName} saved ${what} (a ${v.data.type()} of size ${fmt(v.data.shape)}) at version ${at}, and it is now at version ${v._version}. ` +
              'Use an out-of-place op (or clone() before the in-place one) instead',
          );
        }
      }
    }
  }

  override _release(): void {
    this._released = true;
    // Ops that saved nothing keep their shapes, so running them again is harmless (as PyTorch).
    if (this.d.saves) this.ctx = null;
  }
}

function isOptions(a: unknown): a is { out?: unknown } {
  return a !== null && typeof a === 'object' && !(a instanceof Tensor) && !(a instanceof Variable) && !Array.isArray(a);
}

function unwrap(a: unknown): unknown {
  return a instanceof Variable ? a.data : a;
}

/**
 * Runs one op on Variables: the Tensor computation, then (when an input requires grad and grad mode is
 * on) a node on the tape. `inplace` is the variable written in place (args[0]) for `op_` calls.
 * @internal
 */
export function runOp(d: Derivative, args: readonly unknown[], inplace: Variable | null): OpResult {
  const n = args.length;
  const raw: unknown[] = new Array(n);
  let req = false, vol = false;
  let outVar: Variable | null = null;
  for (let i = 0; i < n; i++) {
    const a = args[i];
    if (a instanceof Variable) {
      raw[i] = a.data;
      if (a.volatile) vol = true;
      else if (a.requiresGrad) req = true;
    } else if (Array.isArray(a)) {
      let any = false;
      for (const e of a)
        if (e instanceof Variable) {
          any = true;
          if (e.volatile) vol = true;
          else if (e.requiresGrad) req = true;
        }
      raw[i] = any ? a.map(unwrap) : a;
    } else if (isOptions(a) && a.out instanceof Variable) {
      outVar = a.out;
      raw[i] = { ...a, out: a.out.data };
    } else raw[i] = a;
  }
  const opName = inplace ? (d.inplaceOnly ? d.name : `${d.name}_`) : d.name;
  const record = req && !vol && gradState.enabled && !d.nonDifferentiable;

  if (outVar !== null) {
    if (record || (gradState.enabled && outVar.requiresGrad))
      throw new TorchTypeError(`${opName}: out= arguments don't support automatic differentiation, but one of the arguments requires grad`);
    callForward(d, raw, false);
    return outVar;
  }

  if (inplace !== null) return runInplace(d, args, raw, inplace, record, opName);

  const out = callForward(d, raw, false);
  // Objects of tensors ({ values, indices }) and lists (nonzero's asTuple) from ops without `outputs`/`multiOutput` never require grad.
  if (d.outputs || !(out instanceof Tensor || Array.isArray(out))) return recordFields(d, args, out as unknown as Record<string, Tensor>, record, vol, opName);
  if (d.multiOutput || Array.isArray(out)) {
    const outs = (out as Tensor[]).map((t) => wrap(t, vol));
    if (record && d.multiOutput) {
      const node = makeNode(d, args, outs, opName);
      outs.forEach((v, i) => {
        v._gradFn = node;
        v._outputNr = i;
        if (d.view) v._multiViewOf = opName;
      });
      node._numOutputs = outs.length;
    }
    return outs;
  }
  const res = wrap(out as Tensor, vol);
  if (record && res.data.dtype.isFloatingPoint) {
    res._gradFn = makeNode(d, args, res, opName);
  }
  if (d.view) trackView(d, args, res);
  return res;
}

/** An op returning an object of tensors: every field becomes a Variable, the differentiable ones outputs of one node. */
function recordFields(d: Derivative, args: readonly unknown[], out: Record<string, Tensor>, record: boolean, vol: boolean, opName: string): Record<string, Variable> {
  const res: Record<string, Variable> = {};
  for (const [k, t] of Object.entries(out)) res[k] = wrap(t, vol);
  // Results that destructure (`const [values, indices] = x.sort()`) still do.
  if (Symbol.iterator in out) {
    const list = Object.values(res);
    Object.defineProperty(res, Symbol.iterator, { value: () => list[Symbol.iterator](), enumerable: false });
  }
  const outs = (d.outputs ?? []).map((k) => res[k]!);
  if (record && outs.some((v) => v.data.dtype.isFloatingPoint)) {
    const node = makeNode(d, args, outs, opName);
    outs.forEach((v, i) => {
      if (!v.data.dtype.isFloatingPoint) return;
      v._gradFn = node;
      v._outputNr = i;
    });
    node._numOutputs = outs.length;
  }
  return res;
}

function wrap(t: Tensor, volatile: boolean): Variable {
  const v = new Variable(t);
  if (volatile) v.volatile = true;
  return v;
}

function callForward(d: Derivative, raw: readonly unknown[], inplace: boolean): Tensor | Tensor[] {
  // The entry's forward takes the op's own arguments, as the caller passed them (unwrapped).
  if (d.forward) return (d.forward as (...a: readonly unknown[]) => Tensor | Tensor[])(...raw);
  const self = raw[0] as Tensor;
  const name = inplace && !d.inplaceOnly ? `${d.name}_` : d.name;
  const fn = (self as unknown as Record<string, (...a: unknown[]) => Tensor>)[name];
  if (typeof fn !== 'function') throw new TorchTypeError(`${name}: self must be a Variable or Tensor`);
  switch (raw.length) {
    case 1: return fn.call(self);
    case 2: return fn.call(self, raw[1]);
    case 3: return fn.call(self, raw[1], raw[2]);
    default: return fn.apply(self, raw.slice(1));
  }
}

/** Builds the node: one edge per Variable argument (list elements included), in argument order. */
function makeNode(d: Derivative, args: readonly unknown[], result: Variable | Variable[], opName: string): OpNode {
  const needs: boolean[] = new Array(args.length);
  const ctx: Ctx = { args, result, needs };
  const node = new OpNode(d, ctx, opName);
  const next = node._next, nextNr = node._nextNr, shapes = node._inShapes, dtypes = node._inDtypes;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a instanceof Variable) {
      const e = a.volatile ? null : a._edgeNode();
      next.push(e);
      nextNr.push(e === null ? 0 : a._gradFn !== null ? a._outputNr : 0);
      shapes.push(a.data.shape);
      dtypes.push(a.data.dtype);
      needs[i] = e !== null;
    } else if (Array.isArray(a)) {
      let any = false;
      for (const v of a)
        if (v instanceof Variable) {
          const e = v.volatile ? null : v._edgeNode();
          next.push(e);
          nextNr.push(e === null ? 0 : v._gradFn !== null ? v._outputNr : 0);
          shapes.push(v.data.shape);
          dtypes.push(v.data.dtype);
          if (e !== null) any = true;
        }
      needs[i] = any;
    } else needs[i] = false;
  }
  const saves = d.saves;
  if (saves) {
    const versions: (number | number[])[] = [];
    for (const s of saves) {
      if (s === 'result') versions.push(Array.isArray(result) ? result.map((r) => r._version) : result._version);
      else versions.push(args[s] instanceof Variable ? (args[s] as Variable)._version : 0);
    }
    node.versions = versions;
  }
  return node;
}

/** Makes a view result remember its base and how to rebuild it from the base. */
function trackView(d: Derivative, args: readonly unknown[], res: Variable): void {
  const self = args[0];
  if (!(self instanceof Variable) || res.data._storage !== self.data._storage) return;
  const base = self._base ?? self;
  const method = d.replayAs ?? d.name;
  const rest = args.slice(1);
  const step = (<T extends Tensor | Variable>(t: T): T => (t as unknown as Record<string, (...a: unknown[]) => T>)[method]!(...rest)) as ViewFn;
  const parent = self._viewFn;
  res._base = base;
  res._viewFn = parent ? (<T extends Tensor | Variable>(t: T): T => step(parent(t))) : step;
  res._seenGen = base._viewGen;
}

/** Throws when an in-place op may not run on v (a leaf that requires grad, a view of one, a multi-view output). @internal */
export function checkInplace(v: Variable, opName: string): void {
  if (v._gradFn === null && v._leafRequiresGrad)
    throw new TorchTypeError(`${opName}: a leaf Variable that requires grad is being used in an in-place operation; do it on .data, inside torch.noGrad(), or on a clone()`);
  const base = v._base;
  if (base !== null && base._gradFn === null && base._leafRequiresGrad)
    throw new TorchTypeError(`${opName}: a view of a leaf Variable that requires grad is being used in an in-place operation; do it inside torch.noGrad() or on a clone()`);
  if (v._multiViewOf !== null)
    throw new TorchTypeError(
      `${opName}: this variable is one of the views returned by ${v._multiViewOf}, and such views may not be modified in place when autograd records (clone() it first)`,
    );
}

function runInplace(d: Derivative, args: readonly unknown[], raw: readonly unknown[], self: Variable, record: boolean, opName: string): Variable {
  if (self.volatile) record = false;
  if (!gradState.enabled || !(record || self.requiresGrad)) {
    callForward(d, raw, true);
    return self;
  }
  checkInplace(self, opName);
  // The node's self is a stand-in holding self's current edge; a copy of its value when the formula reads it.
  const savesSelf = d.saves?.includes(0) ?? false;
  const before = new Variable(savesSelf ? self.data.clone() : self.data);
  before._gradFn = self.gradFn;
  before._outputNr = self._outputNr;
  before._leafRequiresGrad = self._leafRequiresGrad;
  before._accumulator = self._accumulator;
  const nodeArgs = args.slice();
  nodeArgs[0] = before;
  callForward(d, raw, true);
  const node = makeNode(d, nodeArgs, self, opName);
  if (!self.data.dtype.isFloatingPoint) return self;
  self._gradFn = node;
  self._outputNr = 0;
  if (self._base !== null) rebaseView(self);
  else self._viewGen++;
  return self;
}

/**
 * After an in-place op on a view, the base's gradient must flow through it: the base gets a
 * CopySlices node (the view's region from the op's node, the rest from the old graph), and the view
 * is rebuilt from the new base.
 */
function rebaseView(view: Variable): void {
  const base = view._base!;
  const fn = view._viewFn!;
  const cs = new CopySlices(fn, base.data.shape, base.data.dtype);
  const old = base.volatile ? null : base._edgeNode();
  cs._next.push(old, view._gradFn);
  cs._nextNr.push(old === null ? 0 : base._gradFn !== null ? base._outputNr : 0, view._outputNr);
  cs._inShapes.push(base.data.shape, view.data.shape);
  cs._inDtypes.push(base.data.dtype, view.data.dtype);
  base._gradFn = cs;
  base._outputNr = 0;
  base._viewGen++;
  view._regenerateView();
}

/** The base's node after an in-place write through a view. @internal */
export class CopySlices extends Node {
  constructor(readonly viewFn: ViewFn, readonly baseShape: readonly number[], readonly dtype: Tensor['dtype']) {
    super();
  }

  get name(): string {
    return 'CopySlices';
  }

  _apply(grads: Grad[]): Grad[] {
    const g = grads[0]!;
    let gBase: Variable | null = null;
    if (this._next[0] !== null) {
      // Outside the view: the old graph's gradient; inside: overwritten, so none (a constant 0/1 mask keeps it differentiable).
      const keep = zeros(this.baseShape, { dtype: g.data.dtype, device: g.data.device }).fill_(1);
      this.viewFn(keep).fill_(0);
      gBase = g.mul(keep);
    }
    const gView = this._next[1] !== null ? this.viewFn(g) : null;
    return [gBase, gView];
  }
}

/**
 * The gradient of a multi-output op's output that received none. An integer output (max pooling's
 * indices) can never have a gradient and no derivative reads one: it gets a single zero expanded to the
 * shape rather than a zero-filled buffer of it (3.2 MB of int64 per pooling layer of the Fashion-MNIST
 * step). Float outputs get real zeros.
 */
function zeroGrad(result: Tensor): Variable {
  const o = { dtype: result.dtype, device: result.device };
  return new Variable(result.dtype.isFloatingPoint ? zeros(result.shape, o) : zeros([], o).expand(result.shape as number[]));
}
