// Derivatives of the joining and shaping ops (core's ops/join.ts).
import { cat as catTensors, eye, stack as stackTensors, type Tensor } from '@torch/core';
import { registry, runOp, type Derivative, type Ctx } from '../record';
import { sumToSize } from '../sum-to-size';
import { Variable } from '../variable';
import { needs, self, shapeOf, zerosOf, type Arg } from './helpers';

const normDim = (d: number, nd: number) => (d < 0 ? d + nd : d);

/** cat on Variables (recorded). @internal */
export function catV(list: readonly (Variable | Tensor)[], dim = 0): Variable {
  return runOp(registry.get('cat')!, [list, dim], null) as Variable;
}
/** stack on Variables (recorded). @internal */
export function stackV(list: readonly (Variable | Tensor)[], dim = 0): Variable {
  return runOp(registry.get('stack')!, [list, dim], null) as Variable;
}

/** Gradient of a split-like op: the pieces' gradients joined back along dim. */
function joinBack(grads: Variable[], ctx: Ctx, dim: number): Variable {
  const x = self(ctx);
  if (grads.length === 0) return zerosOf(x.data.shape, x);
  return catV(grads, normDim(dim, x.dim()));
}

function sizesArg(args: unknown[]): number[] {
  return (args.length === 1 && Array.isArray(args[0]) ? args[0] : args) as number[];
}

export const joinDerivatives: Derivative[] = [
  {
    name: 'cat',
    isFunction: true,
    forward: catTensors,
    backward: (g: Variable, ctx: Ctx) => {
      const list = ctx.args[0] as Arg[];
      const dim = normDim((ctx.args[1] as number | undefined) ?? 0, g.dim());
      let at = 0;
      const grads = list.map((t) => {
        const s = shapeOf(t);
        // Legacy: empty 1-D tensors are skipped by cat.
        if (s.length === 1 && s[0] === 0 && g.dim() !== 1) return null;
        const n = s[dim]!;
        const piece = g.narrow(dim, at, n);
        at += n;
        return piece;
      });
      return [grads];
    },
  },
  {
    name: 'stack',
    isFunction: true,
    forward: stackTensors,
    backward: (g: Variable, ctx: Ctx) => {
      const list = ctx.args[0] as Arg[];
      const dim = normDim((ctx.args[1] as number | undefined) ?? 0, g.dim());
      return [list.map((_t, i) => g.select(dim, i))];
    },
  },
  { name: 'split', multiOutput: true, view: true, backward: (gs: Variable[], ctx: Ctx) => [joinBack(gs, ctx, (ctx.args[2] as number | undefined) ?? 0)] },
  { name: 'chunk', multiOutput: true, view: true, backward: (gs: Variable[], ctx: Ctx) => [joinBack(gs, ctx, (ctx.args[2] as number | undefined) ?? 0)] },
  {
    name: 'unbind',
    multiOutput: true,
    view: true,
    backward: (gs: Variable[], ctx: Ctx) => {
      const x = self(ctx);
      const dim = normDim((ctx.args[1] as number | undefined) ?? 0, x.dim());
      return [gs.length === 0 ? zerosOf(x.data.shape, x) : stackV(gs, dim)];
    },
  },
  {
    name: 'repeat',
    backward: (g: Variable, ctx: Ctx) => {
      const x = self(ctx);
      const reps = sizesArg(ctx.args.slice(1));
      const xs = [...Array(reps.length - x.dim()).fill(1), ...x.data.shape] as number[];
      // Result dim d is reps[d] tiles of xs[d]: split it into (tile, element) and sum over tiles.
      const split: number[] = [], target: number[] = [];
      reps.forEach((r, d) => {
        split.push(r, xs[d]!);
        target.push(1, xs[d]!);
      });
      return [sumToSize(g.reshape(split), target).reshape(x.data.shape)];
    },
  },
  { name: 'flip', backward: (g: Variable, ctx: Ctx) => [g.flip(...sizesArg(ctx.args.slice(1)))] },
  {
    name: 'roll',
    backward: (g: Variable, ctx: Ctx) => {
      const shifts = ctx.args[1] as number | number[];
      const back = Array.isArray(shifts) ? shifts.map((s) => -s) : -shifts;
      return [g.roll(back, ctx.args[2] as number | number[] | undefined)];
    },
  },
  { name: 'tril', backward: (g: Variable, ctx: Ctx) => [g.tril((ctx.args[1] as number | undefined) ?? 0)] },
  { name: 'triu', backward: (g: Variable, ctx: Ctx) => [g.triu((ctx.args[1] as number | undefined) ?? 0)] },
  {
    name: 'diag',
    backward: (g: Variable, ctx: Ctx) => {
      const x = self(ctx);
      const k = (ctx.args[1] as number | undefined) ?? 0;
      if (x.dim() === 1) return [g.diag(k)];
      // Matrix input: put g on diagonal k of a square matrix, then cut or pad it to self's size.
      let m = g.diag(k);
      const [rows, cols] = x.data.shape as [number, number];
      m = fit(m, 0, rows);
      m = fit(m, 1, cols);
      return [m];
    },
  },
  {
    name: 'trace',
    backward: (g: Variable, ctx: Ctx) => {
      const [n, m] = self(ctx).data.shape as [number, number];
      return [new Variable(eye(n, m, { dtype: g.data.dtype, device: g.data.device })).mul(g)];
    },
  },
  {
    name: 'cross',
    saves: [0, 1],
    backward: (g: Variable, ctx: Ctx) => {
      const x = self(ctx), o = ctx.args[1] as Variable | Tensor;
      let dim = ctx.args[2] as number | undefined;
      if (dim === undefined || dim === null) dim = g.data.shape.indexOf(3);
      const ov = o instanceof Variable ? o : new Variable(o);
      return [
        needs(ctx, 0) ? sumToSize(ov.expandAs(g).cross(g, dim), x.data.shape) : null,
        needs(ctx, 1) ? sumToSize(g.cross(x.expandAs(g), dim), ov.data.shape) : null,
      ];
    },
  },
  {
    // x.where(condition, y): x where condition holds, else y.
    name: 'where',
    backward: (g: Variable, ctx: Ctx) => {
      const x = self(ctx), cond = ctx.args[1] as Tensor | Variable, y = ctx.args[2] as Arg;
      const c = cond instanceof Variable ? cond.data : cond;
      return [needs(ctx, 0) ? sumToSize(g.where(c, 0), x.data.shape) : null, null, needs(ctx, 2) ? sumToSize(g.where(c.eq(0), 0), shapeOf(y)) : null];
    },
  },
  { name: 'histc', nonDifferentiable: true },
];

/** Narrows or zero-pads dim d of m to n. */
function fit(m: Variable, d: number, n: number): Variable {
  const have = m.data.shape[d]!;
  if (have === n) return m;
  if (have > n) return m.narrow(d, 0, n);
  const pad = m.data.shape.slice();
  pad[d] = n - have;
  return catV([m, zerosOf(pad, m)], d);
}
