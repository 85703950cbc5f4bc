/** Torch7's optim.adam and optim.adamax. */
import { maximum, type Tensor } from '@torch/core';
import { buffer, evaluate, num, setup, type OpFunc, type Table } from './common';

/**
 * Adam, Torch7's `optim.adam`. Config: `learningRate` (1e-3), `learningRateDecay` (0), `beta1` (0.9),
 * `beta2` (0.999), `epsilon` (1e-8), `weightDecay` (0). State: `t`, `m`, `v`, `denom`. Torch7 adds
 * epsilon to sqrt(v) before the bias correction (PyTorch after it), so the two differ by
 * O(epsilon) in the first steps.
 * @returns `[x, [f(x)]]`
 * @example legacy.optim.adam(feval, params, { learningRate: 1e-3 });
 */
export function adam(opfunc: OpFunc, x: Tensor, config?: Table, state?: Table): [Tensor, number[]] {
  const [c, s] = setup('adam', opfunc, x, config, state, ['learningRate', 'learningRateDecay', 'beta1', 'beta2', 'epsilon', 'weightDecay'], ['t', 'm', 'v', 'denom']);
  const lr = num('adam', c, 'learningRate', 1e-3);
  const lrd = num('adam', c, 'learningRateDecay', 0);
  const beta1 = num('adam', c, 'beta1', 0.9);
  const beta2 = num('adam', c, 'beta2', 0.999);
  const eps = num('adam', c, 'epsilon', 1e-8);
  const wd = num('adam', c, 'weightDecay', 0);
  const [fx, dfdx] = evaluate('adam', opfunc, x);
  if (wd !== 0) dfdx.add_(x, { alpha: wd });
  s.t ??= 0;
  const m = buffer(s, 'm', x);
  const v = buffer(s, 'v', x);
  const clr = lr / (1 + s.t * lrd);
  s.t++;
  m.mul_(beta1).add_(dfdx, { alpha: 1 - beta1 });
  v.mul_(beta2).addcmul_(dfdx, dfdx, { value: 1 - beta2 });
  const denom = v.sqrt({ out: buffer(s, 'denom', x) }).add_(eps);
  const stepSize = (clr * Math.sqrt(1 - beta2 ** s.t)) / (1 - beta1 ** s.t);
  x.addcdiv_(m, denom, { value: -stepSize });
  return [x, [fx]];
}

/**
 * Adamax, Torch7's `optim.adamax`: `u = max(beta2 u, |g| + epsilon)`, `x -= lr / (1 - beta1^t) m / u`.
 * Config: `learningRate` (2e-3), `beta1` (0.9), `beta2` (0.999), `epsilon` (1e-38), `weightDecay` (0).
 * State: `t`, `m`, `u`, `max`.
 * @returns `[x, [f(x)]]`
 * @example legacy.optim.adamax(feval, params, { learningRate: 2e-3 });
 */
export function adamax(opfunc: OpFunc, x: Tensor, config?: Table, state?: Table): [Tensor, number[]] {
  const [c, s] = setup('adamax', opfunc, x, config, state, ['learningRate', 'beta1', 'beta2', 'epsilon', 'weightDecay'], ['t', 'm', 'u', 'max']);
  const lr = num('adamax', c, 'learningRate', 2e-3);
  const beta1 = num('adamax', c, 'beta1', 0.9);
  const beta2 = num('adamax', c, 'beta2', 0.999);
  const eps = num('adamax', c, 'epsilon', 1e-38);
  const wd = num('adamax', c, 'weightDecay', 0);
  const [fx, dfdx] = evaluate('adamax', opfunc, x);
  if (wd !== 0) dfdx.add_(x, { alpha: wd });
  s.t ??= 0;
  const m = buffer(s, 'm', x);
  const u = buffer(s, 'u', x);
  s.t++;
  m.mul_(beta1).add_(dfdx, { alpha: 1 - beta1 });
  const absG = dfdx.abs({ out: buffer(s, 'max', x) }).add_(eps);
  maximum(u.mul_(beta2), absG, { out: u });
  x.addcdiv_(m, u, { value: -lr / (1 - beta1 ** s.t) });
  return [x, [fx]];
}
