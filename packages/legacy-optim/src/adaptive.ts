/** Torch7's per-coordinate adaptive methods: optim.adagrad, optim.adadelta, optim.rmsprop. */
import type { Tensor } from '@torch/core';
import { buffer, evaluate, num, setup, type OpFunc, type Table } from './common';

/**
 * Adagrad, Torch7's `optim.adagrad`: `paramVariance += g²`, `x -= clr g / (sqrt(paramVariance) + 1e-10)`.
 * Config: `learningRate` (1e-3), `learningRateDecay` (0), `weightDecay` (0). State: `evalCounter`,
 * `paramVariance`, `paramStd`.
 * @returns `[x, [f(x)]]`
 * @example legacy.optim.adagrad(feval, params, { learningRate: 0.1 });
 */
export function adagrad(opfunc: OpFunc, x: Tensor, config?: Table, state?: Table): [Tensor, number[]] {
  const [c, s] = setup('adagrad', opfunc, x, config, state, ['learningRate', 'learningRateDecay', 'weightDecay'], ['evalCounter', 'paramVariance', 'paramStd']);
  const lr = num('adagrad', c, 'learningRate', 1e-3);
  const lrd = num('adagrad', c, 'learningRateDecay', 0);
  const wd = num('adagrad', c, 'weightDecay', 0);
  s.evalCounter ??= 0;
  const [fx, dfdx] = evaluate('adagrad', opfunc, x);
  if (wd !== 0) dfdx.add_(x, { alpha: wd });
  const clr = lr / (1 + s.evalCounter * lrd);
  const variance = buffer(s, 'paramVariance', x).addcmul_(dfdx, dfdx, { value: 1 });
  const std = variance.sqrt({ out: buffer(s, 'paramStd', x) }).add_(1e-10);
  x.addcdiv_(dfdx, std, { value: -clr });
  s.evalCounter++;
  return [x, [fx]];
}

/**
 * Adadelta, Torch7's `optim.adadelta` (Zeiler; no learning rate). Config: `rho` (0.9), `eps` (1e-6),
 * `weightDecay` (0). State: `evalCounter`, `paramVariance`, `paramStd`, `delta`, `accDelta`.
 * @returns `[x, [f(x)]]`
 * @example legacy.optim.adadelta(feval, params, { rho: 0.95 });
 */
export function adadelta(opfunc: OpFunc, x: Tensor, config?: Table, state?: Table): [Tensor, number[]] {
  const [c, s] = setup('adadelta', opfunc, x, config, state, ['rho', 'eps', 'weightDecay'], ['evalCounter', 'paramVariance', 'paramStd', 'delta', 'accDelta']);
  const rho = num('adadelta', c, 'rho', 0.9);
  const eps = num('adadelta', c, 'eps', 1e-6);
  const wd = num('adadelta', c, 'weightDecay', 0);
  s.evalCounter ??= 0;
  const [fx, dfdx] = evaluate('adadelta', opfunc, x);
  if (wd !== 0) dfdx.add_(x, { alpha: wd });
  const variance = buffer(s, 'paramVariance', x).mul_(rho).addcmul_(dfdx, dfdx, { value: 1 - rho });
  const std = variance.add(eps, { out: buffer(s, 'paramStd', x) }).sqrt_();
  const accDelta = buffer(s, 'accDelta', x);
  const delta = accDelta.add(eps, { out: buffer(s, 'delta', x) }).sqrt_().div_(std).mul_(dfdx);
  x.sub_(delta);
  accDelta.mul_(rho).addcmul_(delta, delta, { value: 1 - rho });
  s.evalCounter++;
  return [x, [fx]];
}

/**
 * RMSprop, Torch7's `optim.rmsprop`: `m = alpha m + (1-alpha) g²`, `x -= lr g / (sqrt(m) + epsilon)`.
 * Config: `learningRate` (1e-2), `alpha` (0.99), `epsilon` (1e-8), `weightDecay` (0), `initialMean` (0).
 * State: `m`, `tmp`.
 * @returns `[x, [f(x)]]`
 * @example legacy.optim.rmsprop(feval, params, { learningRate: 1e-3 });
 */
export function rmsprop(opfunc: OpFunc, x: Tensor, config?: Table, state?: Table): [Tensor, number[]] {
  const [c, s] = setup('rmsprop', opfunc, x, config, state, ['learningRate', 'alpha', 'epsilon', 'weightDecay', 'initialMean'], ['m', 'tmp']);
  const lr = num('rmsprop', c, 'learningRate', 1e-2);
  const alpha = num('rmsprop', c, 'alpha', 0.99);
  const eps = num('rmsprop', c, 'epsilon', 1e-8);
  const wd = num('rmsprop', c, 'weightDecay', 0);
  const mfill = num('rmsprop', c, 'initialMean', 0);
  const [fx, dfdx] = evaluate('rmsprop', opfunc, x);
  if (wd !== 0) dfdx.add_(x, { alpha: wd });
  if (s.m === undefined) buffer(s, 'm', x).fill_(mfill);
  s.m.mul_(alpha).addcmul_(dfdx, dfdx, { value: 1 - alpha });
  const denom = s.m.sqrt({ out: buffer(s, 'tmp', x) }).add_(eps);
  x.addcdiv_(dfdx, denom, { value: -lr });
  return [x, [fx]];
}
