// Small pieces the derivative formulas share.
import { zeros, type Tensor } from '@torch/core';
import type { Ctx } from '../record';
import { Variable } from '../variable';

/** A Variable argument, a Tensor constant or a number. */
export type Arg = Variable | Tensor | number;

/** The data of an argument (numbers stay numbers). */
export function dataOf(a: Arg): Tensor | number {
  return a instanceof Variable ? a.data : a;
}

/** Sizes of a tensor argument ([] for numbers). */
export function shapeOf(a: Arg): readonly number[] {
  return typeof a === 'number' ? [] : a instanceof Variable ? a.data.shape : a.shape;
}

/** A zero gradient of `like`'s size and dtype (a constant). */
export function zerosOf(shape: readonly number[], like: Variable): Variable {
  return new Variable(zeros(shape as number[], { dtype: like.data.dtype, device: like.data.device }));
}

/** A gradient computed in another dtype (a `dtype` option) back in x's. */
export function castTo(g: Variable, x: Variable): Variable {
  return g.data.dtype === x.data.dtype ? g : g.to(x.data.dtype);
}

/** Self, the first argument. */
export function self(ctx: Ctx): Variable {
  return ctx.args[0] as Variable;
}

/** True when argument i needs a gradient. */
export function needs(ctx: Ctx, i: number): boolean {
  return ctx.needs[i] === true;
}

/**
 * The gradient of an input that `fn` viewed part of: zeros with g written into the viewed region
 * (through an in-place write on a view, so it is recorded when the backward is).
 */
export function viewBackward(g: Variable, shape: readonly number[], fn: (t: Variable) => Variable): Variable {
  const z = zerosOf(shape, g);
  fn(z).copy_(g);
  return z;
}

/** The numpy broadcast of two (valid) shapes; the forward op has already checked they broadcast. */
export function broadcastShape(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1, y = b[b.length - n + i] ?? 1;
    out.push(x === 1 ? y : x);
  }
  return out;
}
