/**
 * Derivatives of the reductions (core's ops/reduce*.ts) and of the value-selecting ops of the sort
 * family (sort, topk, kthvalue, median, mode). PyTorch 1.13's formulas, written with Variable ops so
 * they are differentiable again. Reduced dims are put back (keepdim shape) and broadcast to the input.
 */
import { Tensor, TorchTypeError, type ReduceDimOptions, type ValuesIndices } from '@torch/core';
import { registry, runOp, type Ctx, type Derivative } from '../record';
import { Variable } from '../variable';
import { castTo, needs, self, zerosOf } from './helpers';
import { sumToSize } from '../sum-to-size';

type Opts = { dim?: number | readonly number[] | null; keepdim?: boolean; unbiased?: boolean; p?: number | 'fro' | null };

/** `f(dim, options)` or `f(options)`, as core's withDim. */
function withDim(a: unknown, b: unknown): Opts {
  if (a === undefined || a === null) return (b ?? {}) as Opts;
  if (typeof a === 'number' || Array.isArray(a)) return { ...((b ?? {}) as Opts), dim: a as number | number[] };
  return a as Opts;
}

const normDim = (d: number, nd: number) => (d < 0 ? d + Math.max(nd, 1) : d);

/** Per-dim flags of the reduced dims (none or an empty list: all). */
function flagsOf(dim: Opts['dim'], nd: number): boolean[] {
  if (dim === undefined || dim === null || (Array.isArray(dim) && dim.length === 0)) return new Array<boolean>(nd).fill(true);
  const flags = new Array<boolean>(nd).fill(false);
  for (const d of typeof dim === 'number' ? [dim] : dim) if (nd > 0) flags[normDim(d, nd)] = true;
  return flags;
}
const dimsOf = (flags: boolean[]) => flags.flatMap((f, d) => (f ? [d] : []));
const countOf = (shape: readonly number[], flags: boolean[]) => shape.reduce((n, s, d) => (flags[d] ? n * s : n), 1);

/** A reduced tensor with its reduced dims back as size 1 (a no-op with keepdim). */
function kept(r: Variable, shape: readonly number[], flags: boolean[]): Variable {
  const s = shape.map((n, d) => (flags[d] ? 1 : n));
  return r.data.shape.length === s.length ? r : r.reshape(s);
}
/** The gradient of a reduction broadcast back over the input. */
const spread = (g: Variable, shape: readonly number[], flags: boolean[]) => kept(g, shape, flags).expand([...shape]);
const sgn = (x: Variable) => x.data.sign();

/** d‖x‖_p (reduced over `dims`): gK and rK have the reduced dims kept. PyTorch 1.13's norm_backward. */
export function normBackward(gK: Variable, x: Variable, rK: Variable, p: number, dims: number[]): Variable {
  if (p === 0) return zerosOf(x.data.shape, x);
  if (p === 1) return gK.mul(sgn(x)).expand([...x.data.shape]);
  if (p === 2) return x.mul(gK.div(rK).where(rK.data.ne(0), 0));
  if (!Number.isFinite(p)) {
    // Evenly among the elements at the extreme (or NaN), as PyTorch.
    const ax = x.data.abs();
    const mask = ax.eq(rK.data).add(ax.ne(ax)).gt(0).to(x.data.dtype);
    return gK.div(mask.sum(dims, { keepdim: true })).mul(mask.mul(x.data.sign()));
  }
  if (p < 1) {
    const scaled = x.abs().pow(p - 1).mul(sgn(x)).where(x.data.ne(0), 0);
    return scaled.mul(gK).mul(rK.pow(1 - p));
  }
  const scale = gK.div(rK.pow(p - 1)).where(rK.data.ne(0), 0);
  return (p < 2 ? x.abs().pow(p - 1).mul(sgn(x)) : x.mul(x.abs().pow(p - 2))).mul(scale);
}

const pOf = (p: unknown): number => (p === undefined || p === null || p === 'fro' ? 2 : (p as number));

/** Exclusive cumulative product along d: [1, x0, x0 x1, ...]. */
function exclusiveCumprod(x: Variable, d: number): Variable {
  const n = x.data.shape[d]!;
  const oneShape = x.data.shape.slice();
  oneShape[d] = 1;
  const one = new Variable(zerosOf(oneShape, x).data.fill_(1));
  if (n === 1) return one;
  return (runOp(registry.get('cat')!, [[one, x.narrow(d, 0, n - 1)], d], null) as Variable).cumprod(d);
}

/** Products of all other elements along d (zeros allowed): PyTorch's prod_safe_zeros_backward. */
function prodOthers(x: Variable, d: number): Variable {
  return exclusiveCumprod(x, d).mul(exclusiveCumprod(x.flip(d), d).flip(d));
}

function prodBackward(g: Variable, ctx: Ctx): Variable {
  const x = self(ctx), r = ctx.result as Variable;
  const o = withDim(ctx.args[1], ctx.args[2]);
  const shape = x.data.shape;
  if (shape.length === 0) return castTo(g, x);
  if (o.dim === undefined || o.dim === null) {
    const flags = flagsOf(null, shape.length);
    const gE = spread(g, shape, flags);
    if (x.data.eq(0).any().item()) return castTo(gE.mul(prodOthers(x.reshape([-1]), 0).reshape([...shape])), x);
    return castTo(gE.mul(kept(r, shape, flags)).div(x), x);
  }
  const d = normDim(o.dim as number, shape.length);
  const flags = flagsOf(d, shape.length);
  const gE = spread(g, shape, flags);
  if (x.data.eq(0).any().item()) return castTo(gE.mul(prodOthers(x, d)), x);
  return castTo(gE.mul(kept(r, shape, flags)).div(x), x);
}

/** cumprod: Σ_{k≥i} g_k out_k / x_i without zeros; with zeros, each position from the products around it. */
function cumprodBackward(g: Variable, x: Variable, r: Variable, d: number): Variable {
  const n = x.data.shape[d]!;
  if (n === 0) return g;
  if (!x.data.eq(0).any().item()) return g.mul(r).flip(d).cumsum(d).flip(d).div(x);
  const left = exclusiveCumprod(x, d);
  const pieces: Variable[] = [];
  for (let i = 0; i < n; i++) {
    // g_i + Σ_{k>i} g_k Π_{i<j≤k} x_j, times Π_{j<i} x_j
    let inner = g.narrow(d, i, 1);
    if (i + 1 < n) inner = inner.add(g.narrow(d, i + 1, n - i - 1).mul(x.narrow(d, i + 1, n - i - 1).cumprod(d)).sum(d, { keepdim: true }));
    pieces.push(left.narrow(d, i, 1).mul(inner));
  }
  return runOp(registry.get('cat')!, [pieces, d], null) as Variable;
}

/** Where `x` equals the selected value (or both are NaN), as a 0/1 constant: the elements that share the gradient. */
function tiesMask(x: Tensor, r: Tensor): Tensor {
  return x.eq(r).add(x.ne(x).mul(r.ne(r))).gt(0).to(x.dtype);
}

/** max(), min(), median() of all elements: the gradient split evenly among the ties (PyTorch 1.13's evenly_distribute_backward). */
const evenly = (g: Variable, ctx: Ctx) => {
  const mask = tiesMask(self(ctx).data, (ctx.result as Variable).data);
  return [g.div(mask.sum().item() as number).mul(mask)];
};

/** Values selected along dim at `indices`: the gradient goes back to those positions (scatter). */
function selectBackward(gv: Variable | null, x: Variable, idx: Tensor, dim: number, keepdim: boolean): Variable | null {
  if (gv === null) return null;
  if (x.data.shape.length === 0) return gv.reshape([]);
  const d = normDim(dim, x.data.shape.length);
  const g = keepdim ? gv : gv.unsqueeze(d);
  const i = keepdim ? idx : idx.unsqueeze(d);
  return zerosOf(x.data.shape, x).scatter(d, i, g);
}

/** The Tensor op behind max(dim), min(dim), median(dim): keepdim positionally (PyTorch's form) or as an option. */
type DimForward = (x: Tensor, dim: number, keepdim?: boolean | ReduceDimOptions) => ValuesIndices;
const keepdimOption = (o: boolean | ReduceDimOptions | undefined): ReduceDimOptions | undefined => (typeof o === 'boolean' ? { keepdim: o } : o);

/** An op returning { values, indices }: the dim and keepdim from its arguments at (a, b). */
function valuesEntry(name: string, at: number, dflt: number | null, keepAlways: boolean, forward?: DimForward): Derivative {
  return {
    name,
    nodeName: forward ? `${name.replace(/Dim$/, '')[0]!.toUpperCase()}${name.replace(/Dim$/, '').slice(1)}Backward` : undefined,
    isFunction: forward !== undefined,
    forward,
    outputs: ['values', 'indices'],
    backward: (grads: (Variable | null)[], ctx: Ctx) => {
      const o = withDim(ctx.args[at], ctx.args[at + 1]);
      const dim = (o.dim as number | undefined | null) ?? dflt!;
      const idx = (ctx.result as Variable[])[1]!.data;
      return [selectBackward(grads[0]!, self(ctx), idx, dim, keepAlways || !!o.keepdim)];
    },
  };
}

const raisesAtBackward = (node: string, why: string) => (): never => {
  throw new TorchTypeError(`${node}: ${why}`);
};

export const reduceDerivatives: Derivative[] = [
  {
    name: 'sum',
    backward: (g: Variable, ctx: Ctx) => {
      const x = self(ctx), o = withDim(ctx.args[1], ctx.args[2]);
      return [castTo(spread(g, x.data.shape, flagsOf(o.dim, x.dim())), x)];
    },
  },
  {
    name: 'mean',
    backward: (g: Variable, ctx: Ctx) => {
      const x = self(ctx), o = withDim(ctx.args[1], ctx.args[2]);
      const flags = flagsOf(o.dim, x.dim());
      return [castTo(spread(g, x.data.shape, flags).div(countOf(x.data.shape, flags)), x)];
    },
  },
  { name: 'prod', saves: [0, 'result'], backward: (g: Variable, ctx: Ctx) => [prodBackward(g, ctx)] },
  {
    name: 'var',
    saves: [0],
    backward: (g: Variable, ctx: Ctx) => [varBackward(g, ctx)],
  },
  {
    name: 'std',
    saves: [0, 'result'],
    backward: (g: Variable, ctx: Ctx) => {
      const r = ctx.result as Variable;
      return [varBackward(g.div(r.mul(2)).where(r.data.ne(0), 0), ctx)];
    },
  },
  {
    name: 'norm',
    saves: [0, 'result'],
    backward: (g: Variable, ctx: Ctx) => {
      const x = self(ctx), a = ctx.args[1];
      const o: Opts = a !== null && typeof a === 'object' ? (a as Opts) : { ...withDim(ctx.args[2], ctx.args[3]), p: a as number };
      const flags = flagsOf(o.dim, x.dim());
      const shape = x.data.shape;
      const gK = kept(g, shape, flags), rK = kept(ctx.result as Variable, shape, flags);
      return [castTo(normBackward(gK, x, rK, pOf(o.p), dimsOf(flags)), x)];
    },
  },
  {
    name: 'dist',
    saves: [0, 1, 'result'],
    backward: (g: Variable, ctx: Ctx) => {
      const x = self(ctx), o = ctx.args[1] as Variable | Tensor;
      const ov = o instanceof Variable ? o : new Variable(o);
      const diff = x.sub(ov);
      const nd = diff.dim();
      const flags = new Array<boolean>(nd).fill(true);
      const gd = normBackward(kept(g, diff.data.shape, flags), diff, kept(ctx.result as Variable, diff.data.shape, flags), pOf(ctx.args[2]), dimsOf(flags));
      return [needs(ctx, 0) ? sumToSize(gd, x.data.shape) : null, needs(ctx, 1) ? sumToSize(gd.neg(), ov.data.shape) : null];
    },
  },
  {
    name: 'renorm',
    saves: [0],
    backward: (g: Variable, ctx: Ctx) => {
      const x = self(ctx), [, p, dim, maxnorm] = ctx.args as [unknown, number, number, number];
      const d = normDim(dim, x.dim());
      const others = x.data.shape.flatMap((_, k) => (k === d ? [] : [k]));
      // PyTorch's renorm_backward: where the norm exceeds maxnorm, out = x maxnorm / (norm + 1e-7).
      const n = x.norm(p, others, { keepdim: true });
      const big = n.data.gt(maxnorm);
      const inv = n.add(1e-7).reciprocal();
      const factor = inv.mul(maxnorm);
      const nb = normBackward(x.mul(g).sum(others, { keepdim: true }), x, n, p, others);
      return [factor.mul(g).sub(factor.mul(inv).mul(nb)).where(big, g)];
    },
  },
  {
    name: 'logsumexp',
    saves: [0, 'result'],
    backward: (g: Variable, ctx: Ctx) => {
      const x = self(ctx), o = withDim(ctx.args[1], ctx.args[2]);
      const flags = flagsOf(o.dim, x.dim());
      return [kept(g, x.data.shape, flags).mul(x.sub(kept(ctx.result as Variable, x.data.shape, flags)).exp())];
    },
  },
  {
    name: 'cumsum',
    backward: (g: Variable, ctx: Ctx) => {
      const x = self(ctx);
      if (x.dim() === 0) return [castTo(g, x)];
      const d = normDim(ctx.args[1] as number, x.dim());
      return [castTo(g.flip(d).cumsum(d).flip(d), x)];
    },
  },
  {
    name: 'cumprod',
    saves: [0, 'result'],
    backward: (g: Variable, ctx: Ctx) => {
      const x = self(ctx);
      if (x.dim() === 0) return [castTo(g, x)];
      const d = normDim(ctx.args[1] as number, x.dim());
      return [castTo(cumprodBackward(g, x.to(g.data.dtype), ctx.result as Variable, d), x)];
    },
  },
  ...['all', 'any', 'argmax', 'argmin', 'argsort'].map((name): Derivative => ({ name, nonDifferentiable: true })),
  { name: 'maxAll', nodeName: 'MaxBackward', isFunction: true, forward: (x: Tensor) => x.max(), saves: [0, 'result'], backward: evenly },
  { name: 'minAll', nodeName: 'MinBackward', isFunction: true, forward: (x: Tensor) => x.min(), saves: [0, 'result'], backward: evenly },
  valuesEntry('maxDim', 1, null, false, (x, dim, o) => x.max(dim, keepdimOption(o))),
  valuesEntry('minDim', 1, null, false, (x, dim, o) => x.min(dim, keepdimOption(o))),
  { name: 'median', saves: [0, 'result'], backward: evenly },
  valuesEntry('medianDim', 1, null, false, (x, dim, o) => x.median(dim, keepdimOption(o))),
  valuesEntry('mode', 1, -1, false),
  valuesEntry('kthvalue', 2, -1, false),
  valuesEntry('sort', 1, -1, true),
  valuesEntry('topk', 2, -1, true),
  {
    name: 'unique',
    backward: raisesAtBackward('UniqueBackward', "the derivative of unique is not implemented (as in PyTorch 1.13's _unique2)"),
  },
];

function varBackward(g: Variable, ctx: Ctx): Variable {
  const x = self(ctx), a = ctx.args[1];
  const o: Opts = typeof a === 'boolean' ? { ...((ctx.args[2] ?? {}) as Opts), unbiased: a } : withDim(a, ctx.args[2]);
  const flags = flagsOf(o.dim, x.dim());
  const n = countOf(x.data.shape, flags);
  const c = o.unbiased === false ? 0 : 1;
  const dims = dimsOf(flags);
  const centred = x.sub(x.mean(dims, { keepdim: true }));
  return spread(g, x.data.shape, flags).mul(2 / (n - c)).mul(centred);
}

/** Variable.max/min/median: the elementwise form (a tensor argument), all elements, or along a dim. */
export function installReduceDispatch(proto: Record<string, unknown>): void {
  const isTensor = (a: unknown) => a instanceof Variable || a instanceof Tensor;
  const hasDim = (a: unknown) => typeof a === 'number' || (a !== null && typeof a === 'object' && (a as Opts).dim !== undefined && (a as Opts).dim !== null);
  for (const op of ['max', 'min'] as const) {
    const binary = registry.get(op)!, all = registry.get(`${op}All`)!, dim = registry.get(`${op}Dim`)!;
    proto[op] = function (this: Variable, a?: unknown, b?: unknown) {
      if (isTensor(a)) return runOp(binary, [this, a, b], null);
      if (hasDim(a)) return runOp(dim, [this, a, b], null);
      return runOp(all, a === undefined ? [this] : [this, a, b], null);
    };
  }
  const median = registry.get('median')!, medianDim = registry.get('medianDim')!;
  proto.median = function (this: Variable, a?: unknown, b?: unknown) {
    return hasDim(a) ? runOp(medianDim, [this, a, b], null) : runOp(median, [this], null);
  };
}
