// Derivatives of the matrix products (core's ops/linalg.ts).
import type { Tensor } from '@torch/core';
import type { Derivative, Ctx } from '../record';
import { sumToSize } from '../sum-to-size';
import { Variable } from '../variable';
import { broadcastShape, needs, self } from './helpers';

type Scale = { beta?: number; alpha?: number } | undefined;
const scaled = (v: Variable, s: number) => (s === 1 ? v : v.mul(s));
const arg = (ctx: Ctx, i: number): Variable => {
  const a = ctx.args[i];
  return a instanceof Variable ? a : new Variable(a as Tensor);
};

/**
 * The gradients of a matrix product a·b, each in its operand's layout: an operand that is the transpose
 * of a contiguous matrix (nn's linear passes xᵀ) gets its gradient as the transpose of a contiguous
 * product, so that the transpose's own backward hands on a contiguous gradient rather than one that the
 * next kernel must copy (PyTorch's mm backward does the same).
 */
const columnMajor = (m: Variable): boolean => {
  const t = m.data;
  return t.shape[0]! > 1 && t.shape[1]! > 1 && t.stride(0) === 1 && t.stride(1) === t.shape[0];
};
const gradMat1 = (g: Variable, a: Variable, b: Variable): Variable => (columnMajor(a) ? b.mm(g.t()).t() : g.mm(b.t()));
const gradMat2 = (g: Variable, a: Variable, b: Variable): Variable => (columnMajor(b) ? g.t().mm(a).t() : a.t().mm(g));

/** add*mm-style ops: self scaled by beta plus alpha times a product of args 1 and 2. */
function scaledProduct(name: string, product: (g: Variable, a: Variable, b: Variable, ctx: Ctx) => [Variable | null, Variable | null]): Derivative {
  return {
    name,
    saves: [1, 2],
    backward: (g: Variable, ctx: Ctx) => {
      const o = ctx.args[3] as Scale;
      const beta = o?.beta ?? 1, alpha = o?.alpha ?? 1;
      const [ga, gb] = product(g, arg(ctx, 1), arg(ctx, 2), ctx);
      return [
        needs(ctx, 0) ? sumToSize(scaled(g, beta), self(ctx).data.shape) : null,
        ga && scaled(ga, alpha),
        gb && scaled(gb, alpha),
      ];
    },
  };
}

export const linalgDerivatives: Derivative[] = [
  {
    name: 'mm',
    saves: [0, 1],
    backward: (g: Variable, ctx: Ctx) => [
      needs(ctx, 0) ? gradMat1(g, self(ctx), arg(ctx, 1)) : null,
      needs(ctx, 1) ? gradMat2(g, self(ctx), arg(ctx, 1)) : null,
    ],
  },
  {
    name: 'mv',
    saves: [0, 1],
    backward: (g: Variable, ctx: Ctx) => [
      needs(ctx, 0) ? g.unsqueeze(1).mm(arg(ctx, 1).unsqueeze(0)) : null,
      needs(ctx, 1) ? self(ctx).t().mv(g) : null,
    ],
  },
  {
    name: 'dot',
    saves: [0, 1],
    backward: (g: Variable, ctx: Ctx) => [needs(ctx, 0) ? arg(ctx, 1).mul(g) : null, needs(ctx, 1) ? self(ctx).mul(g) : null],
  },
  {
    name: 'bmm',
    saves: [0, 1],
    backward: (g: Variable, ctx: Ctx) => [
      needs(ctx, 0) ? g.bmm(arg(ctx, 1).transpose(1, 2)) : null,
      needs(ctx, 1) ? self(ctx).transpose(1, 2).bmm(g) : null,
    ],
  },
  {
    name: 'matmul',
    saves: [0, 1],
    backward: (g: Variable, ctx: Ctx) => {
      const a = self(ctx), b = arg(ctx, 1);
      // As products of >= 2-D operands (1-D ones get a unit dim), whose batch dims broadcast.
      const a2 = a.dim() === 1 ? a.unsqueeze(0) : a;
      const b2 = b.dim() === 1 ? b.unsqueeze(1) : b;
      const batch = broadcastShape(a2.data.shape.slice(0, -2), b2.data.shape.slice(0, -2));
      const g2 = g.reshape([...batch, a2.data.shape[a2.dim() - 2]!, b2.data.shape[b2.dim() - 1]!]);
      return [
        needs(ctx, 0) ? sumToSize(g2.matmul(b2.transpose(-1, -2)), a2.data.shape).reshape(a.data.shape) : null,
        needs(ctx, 1) ? sumToSize(a2.transpose(-1, -2).matmul(g2), b2.data.shape).reshape(b.data.shape) : null,
      ];
    },
  },
  scaledProduct('addmm', (g, m1, m2, ctx) => [needs(ctx, 1) ? gradMat1(g, m1, m2) : null, needs(ctx, 2) ? gradMat2(g, m1, m2) : null]),
  scaledProduct('addmv', (g, mat, vec, ctx) => [needs(ctx, 1) ? g.unsqueeze(1).mm(vec.unsqueeze(0)) : null, needs(ctx, 2) ? mat.t().mv(g) : null]),
  scaledProduct('addr', (g, v1, v2, ctx) => {
    const g2 = g.dim() === 2 ? g : g.expand(v1.data.shape[0]!, v2.data.shape[0]!);
    return [needs(ctx, 1) ? g2.mv(v2) : null, needs(ctx, 2) ? g2.t().mv(v1) : null];
  }),
  scaledProduct('baddbmm', (g, b1, b2, ctx) => {
    const g3 = g.expand(b1.data.shape[0]!, b1.data.shape[1]!, b2.data.shape[2]!);
    return [needs(ctx, 1) ? g3.bmm(b2.transpose(1, 2)) : null, needs(ctx, 2) ? b1.transpose(1, 2).bmm(g3) : null];
  }),
  scaledProduct('addbmm', (g, b1, b2, ctx) => {
    const g3 = g.expand(b1.data.shape[1]!, b2.data.shape[2]!).unsqueeze(0).expand(b1.data.shape[0]!, b1.data.shape[1]!, b2.data.shape[2]!);
    return [needs(ctx, 1) ? g3.bmm(b2.transpose(1, 2)) : null, needs(ctx, 2) ? b1.transpose(1, 2).bmm(g3) : null];
  }),
];
