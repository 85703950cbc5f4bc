/**
 * Derivatives of the elementwise op table (core's ops/elementwise.ts), one entry per op name. The
 * formulas use Variable ops only, so they can be differentiated again (createGraph).
 */
import { unaryOps, binaryOps, pow as corePow, TorchTypeError, type DivOptions, type Tensor } from '@torch/core';
import type { Derivative, Ctx } from '../record';
import { sumToSize } from '../sum-to-size';
import { Variable } from '../variable';
import { dataOf, needs, self, shapeOf, zerosOf, type Arg } from './helpers';

type Formula = (g: Variable, x: Variable, r: Variable) => Variable;

/** Unary: `saves` says whether the formula reads the input (x) or the result (r). */
function unary(name: string, saves: 0 | 'result' | null, f: Formula): Derivative {
  return {
    name,
    saves: saves === null ? undefined : [saves],
    backward: (g: Variable, ctx: Ctx) => [f(g, self(ctx), ctx.result as Variable)],
  };
}
const zeroGrad: Formula = (g) => zerosOf(g.data.shape, g);

export const unaryDerivatives: Derivative[] = [
  unary('neg', null, (g) => g.neg()),
  unary('abs', 0, (g, x) => g.mul(x.data.sign())),
  unary('sign', null, zeroGrad),
  unary('reciprocal', 'result', (g, _x, r) => g.mul(r.mul(r)).neg()),
  unary('sqrt', 'result', (g, _x, r) => g.div(r.mul(2))),
  unary('rsqrt', 'result', (g, _x, r) => g.mul(r.mul(r).mul(r)).mul(-0.5)),
  unary('exp', 'result', (g, _x, r) => g.mul(r)),
  unary('log', 0, (g, x) => g.div(x)),
  unary('log1p', 0, (g, x) => g.div(x.add(1))),
  unary('expm1', 'result', (g, _x, r) => g.mul(r.add(1))),
  unary('sin', 0, (g, x) => g.mul(x.cos())),
  unary('cos', 0, (g, x) => g.mul(x.sin()).neg()),
  unary('tan', 'result', (g, _x, r) => g.mul(r.mul(r).add(1))),
  unary('asin', 0, (g, x) => g.mul(x.mul(x).neg().add(1).rsqrt())),
  unary('acos', 0, (g, x) => g.mul(x.mul(x).neg().add(1).rsqrt()).neg()),
  unary('atan', 0, (g, x) => g.div(x.mul(x).add(1))),
  unary('sinh', 0, (g, x) => g.mul(x.cosh())),
  unary('cosh', 0, (g, x) => g.mul(x.sinh())),
  unary('tanh', 'result', (g, _x, r) => g.mul(r.mul(r).neg().add(1))),
  unary('sigmoid', 'result', (g, _x, r) => g.mul(r.mul(r.neg().add(1)))),
  // Piecewise constant: zero gradient almost everywhere, as PyTorch.
  unary('floor', null, zeroGrad),
  unary('ceil', null, zeroGrad),
  unary('round', null, zeroGrad),
  unary('trunc', null, zeroGrad),
  unary('frac', null, (g) => g),
  unary('erf', 0, (g, x) => g.mul(x.mul(x).neg().exp().mul(2 / Math.sqrt(Math.PI)))),
  unary('erfc', 0, (g, x) => g.mul(x.mul(x).neg().exp().mul(-2 / Math.sqrt(Math.PI)))),
  unary('erfinv', 'result', (g, _x, r) => g.mul(r.mul(r).exp().mul(Math.sqrt(Math.PI) / 2))),
  unary('log2', 0, (g, x) => g.div(x.mul(Math.LN2))),
  unary('log10', 0, (g, x) => g.div(x.mul(Math.LN10))),
  unary('exp2', 'result', (g, _x, r) => g.mul(r.mul(Math.LN2))),
  unary('square', 0, (g, x) => g.mul(x.mul(2))),
  // The gradient passes where x was finite; NaN and ±Inf were replaced by constants.
  unary('nanToNum', 0, (g, x) => g.where(x.data.isfinite(), 0)),
  ...['isnan', 'isinf', 'isfinite', 'logicalNot', 'bitwiseNot'].map((name): Derivative => ({ name, nonDifferentiable: true })),
];

/** A binary op whose formula gives [d/dself, d/dother] (before broadcast reduction). */
function binary(name: string, saves: (0 | 1)[] | null, f: (g: Variable, x: Variable, o: Arg, ctx: Ctx) => [Variable | null, Variable | null]): Derivative {
  return {
    name,
    saves: saves ?? undefined,
    backward: (g: Variable, ctx: Ctx) => {
      const x = self(ctx), o = ctx.args[1] as Arg;
      const [gx, go] = f(g, x, o, ctx);
      return [gx && needs(ctx, 0) ? sumToSize(gx, x.data.shape) : null, go && needs(ctx, 1) ? sumToSize(go, shapeOf(o)) : null];
    },
  };
}

function alphaOf(ctx: Ctx): number {
  return (ctx.args[2] as { alpha?: number } | undefined)?.alpha ?? 1;
}

/** A constant mask (1 where `pick`, `tie` where equal, else 0) in g's dtype. */
function choose(g: Variable, x: Arg, o: Arg, larger: boolean): Variable {
  const xd = dataOf(x) as import('@torch/core').Tensor, od = dataOf(o);
  const win = (larger ? xd.gt(od) : xd.lt(od)).to(g.data.dtype);
  const tie = xd.eq(od).to(g.data.dtype).mul(0.5);
  return g.mul(win.add(tie));
}

/** Where `x == 0 and e >= 0`, x^e * log(x) is taken as 0 (PyTorch's convention for d/de at a zero base). */
function powExponentGrad(g: Variable, x: Variable, e: Variable, r: Variable): Variable {
  const keep = x.data.ne(0).byte().add(e.data.lt(0).byte()).gt(0);
  return g.mul(r.mul(x.log()).where(keep, 0));
}

export const binaryDerivatives: Derivative[] = [
  binary('add', null, (g, _x, _o, ctx) => {
    const a = alphaOf(ctx);
    return [g, a === 1 ? g : g.mul(a)];
  }),
  binary('sub', null, (g, _x, _o, ctx) => [g, g.mul(-alphaOf(ctx))]),
  binary('mul', [0, 1], (g, x, o, ctx) => [needs(ctx, 0) ? g.mul(o) : null, needs(ctx, 1) ? g.mul(x) : null]),
  binary('div', [0, 1], (g, x, o, ctx) => {
    // A rounded quotient is piecewise constant: zero gradients, as PyTorch.
    if ((ctx.args[2] as DivOptions | undefined)?.roundingMode) return [zeroGrad(g, x, x), typeof o === 'number' ? null : zerosOf(shapeOf(o), g)];
    return [needs(ctx, 0) ? g.div(o) : null, needs(ctx, 1) ? g.mul(x).div((o as Variable).mul(o)).neg() : null];
  }),
  {
    name: 'floorDivide',
    backward: () => {
      throw new TorchTypeError('floorDivide: its derivative is not implemented (as in PyTorch); use div(other, { roundingMode: \'floor\' }), whose gradient is zero');
    },
  },
  binary('atan2', [0, 1], (g, x, o) => {
    const d = x.mul(x).add((o as Variable).mul(o));
    return [g.mul(o).div(d), g.mul(x).div(d).neg()];
  }),
  {
    name: 'pow',
    saves: [0, 1, 'result'],
    backward: (g: Variable, ctx: Ctx) => {
      const x = self(ctx), e = ctx.args[1] as Arg, r = ctx.result as Variable;
      let gx: Variable | null = null, ge: Variable | null = null;
      if (needs(ctx, 0)) {
        if (typeof e === 'number') gx = e === 0 ? zerosOf(x.data.shape, g) : g.mul(x.pow(e - 1).mul(e));
        else {
          const ev = e instanceof Variable ? e : new Variable(e);
          gx = sumToSize(g.mul(ev.mul(x.pow(ev.sub(1)))).where(ev.data.ne(0), 0), x.data.shape);
        }
      }
      if (needs(ctx, 1)) ge = sumToSize(powExponentGrad(g, x, e as Variable, r), shapeOf(e));
      return [gx, ge];
    },
  },
  binary('fmod', [0, 1], (g, x, o) => [g, g.mul(x.div(o).trunc()).neg()]),
  binary('remainder', [0, 1], (g, x, o) => [g, g.mul(x.div(o).floor()).neg()]),
  binary('maximum', [0, 1], (g, x, o) => [choose(g, x, o, true), choose(g, o, x, true)]),
  binary('minimum', [0, 1], (g, x, o) => [choose(g, x, o, false), choose(g, o, x, false)]),
  binary('max', [0, 1], (g, x, o) => [choose(g, x, o, true), choose(g, o, x, true)]),
  binary('min', [0, 1], (g, x, o) => [choose(g, x, o, false), choose(g, o, x, false)]),
  ...['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'logicalAnd', 'logicalOr', 'logicalXor', 'bitwiseAnd', 'bitwiseOr', 'bitwiseXor'].map(
    (name): Derivative => ({ name, nonDifferentiable: true }),
  ),
  {
    // torch.pow(base, exponent) with a number base: d/de base^e = base^e ln(base) (0 where base is 0 and e >= 0, as PyTorch).
    name: 'powScalarBase',
    isFunction: true,
    forward: (base: number, e: Tensor, options?: { out?: Tensor }) => corePow(base, e, options),
    saves: [1, 'result'],
    backward: (g: Variable, ctx: Ctx) => {
      const base = +(ctx.args[0] as number), e = ctx.args[1] as Arg, r = ctx.result as Variable;
      if (!needs(ctx, 1)) return [null, null];
      const ge = base === 0 ? g.mul(r.mul(-Infinity)).where((dataOf(e) as Tensor).lt(0), 0) : g.mul(r.mul(Math.log(base)));
      return [null, ge];
    },
  },
];

function valueOf(ctx: Ctx): number {
  return (ctx.args[3] as { value?: number } | undefined)?.value ?? 1;
}

export const ternaryDerivatives: Derivative[] = [
  {
    name: 'lerp',
    saves: [0, 1, 2],
    backward: (g: Variable, ctx: Ctx) => {
      const x = self(ctx), end = ctx.args[1] as Arg, w = ctx.args[2] as Arg;
      const wv = typeof w === 'number' ? w : w instanceof Variable ? w : new Variable(w);
      return [
        needs(ctx, 0) ? sumToSize(typeof wv === 'number' ? g.mul(1 - wv) : g.mul(wv.neg().add(1)), x.data.shape) : null,
        needs(ctx, 1) ? sumToSize(g.mul(wv), shapeOf(end)) : null,
        needs(ctx, 2) ? sumToSize(g.mul((end as Variable).sub(x)), shapeOf(w)) : null,
      ];
    },
  },
  {
    name: 'addcmul',
    saves: [1, 2],
    backward: (g: Variable, ctx: Ctx) => {
      const x = self(ctx), t1 = ctx.args[1] as Arg, t2 = ctx.args[2] as Arg, v = valueOf(ctx);
      const gv = v === 1 ? g : g.mul(v);
      return [
        needs(ctx, 0) ? sumToSize(g, x.data.shape) : null,
        needs(ctx, 1) ? sumToSize(gv.mul(t2), shapeOf(t1)) : null,
        needs(ctx, 2) ? sumToSize(gv.mul(t1), shapeOf(t2)) : null,
      ];
    },
  },
  {
    name: 'addcdiv',
    saves: [1, 2],
    backward: (g: Variable, ctx: Ctx) => {
      const x = self(ctx), t1 = ctx.args[1] as Arg, t2 = ctx.args[2] as Arg, v = valueOf(ctx);
      const gv = v === 1 ? g : g.mul(v);
      const t2v = t2 instanceof Variable ? t2 : new Variable(t2 as import('@torch/core').Tensor);
      return [
        needs(ctx, 0) ? sumToSize(g, x.data.shape) : null,
        needs(ctx, 1) ? sumToSize(gv.div(t2v), shapeOf(t1)) : null,
        needs(ctx, 2) ? sumToSize(gv.mul(t1).div(t2v.mul(t2v)).neg(), shapeOf(t2)) : null,
      ];
    },
  },
  {
    name: 'clamp',
    saves: [0],
    backward: (g: Variable, ctx: Ctx) => {
      // The gradient passes where lo <= x <= hi (so not at NaN), as PyTorch's clamp_backward.
      const x = self(ctx).data, lo = ctx.args[1] as number | null | undefined, hi = ctx.args[2] as number | null | undefined;
      const hasLo = lo !== null && lo !== undefined, hasHi = hi !== null && hi !== undefined;
      let r = g;
      if (hasLo) r = r.where(x.ge(lo), 0);
      if (hasHi) r = r.where(x.le(hi), 0);
      if (!hasLo && !hasHi) r = r.where(x.eq(x), 0);
      return [r];
    },
  },
];

/** Every name in core's elementwise table (plus clamp/max/min), for the coverage test. @internal */
export const elementwiseTableNames: string[] = [...Object.keys(unaryOps), ...Object.keys(binaryOps), 'lerp', 'addcmul', 'addcdiv', 'clamp', 'max', 'min'];
