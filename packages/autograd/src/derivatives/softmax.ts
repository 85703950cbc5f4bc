/**
 * Derivatives of softmax and logSoftmax (core's ops/softmax.ts), from the saved result y as PyTorch
 * 1.13's _softmax_backward_data / _log_softmax_backward_data, written with Variable ops so they are
 * differentiable again:
 *   softmax:    gx = y (g - Σ g y)
 *   logSoftmax: gx = g - exp(y) Σ g
 * with the sums along dim (kept). With the `dtype` option the gradient goes back in the input's dtype.
 */
import type { Ctx, Derivative } from '../record';
import type { Variable } from '../variable';
import { castTo, self } from './helpers';

const dimOf = (ctx: Ctx, y: Variable) => {
  const d = ctx.args[1] as number, nd = Math.max(y.dim(), 1);
  return d < 0 ? d + nd : d;
};

export const softmaxDerivatives: Derivative[] = [
  {
    name: 'softmax',
    saves: ['result'],
    backward: (g: Variable, ctx: Ctx) => {
      const y = ctx.result as Variable;
      const gy = g.mul(y);
      return [castTo(gy.sub(y.mul(gy.sum(dimOf(ctx, y), { keepdim: true }))), self(ctx))];
    },
  },
  {
    name: 'logSoftmax',
    saves: ['result'],
    backward: (g: Variable, ctx: Ctx) => {
      const y = ctx.result as Variable;
      return [castTo(g.sub(y.exp().mul(g.sum(dimOf(ctx, y), { keepdim: true }))), self(ctx))];
    },
  },
];
