/** Torch7's optim.sgd and optim.nag. */
import type { Tensor } from '@torch/core';
import { buffer, evaluate, num, optTensor, setup, type OpFunc, type Table } from './common';

const SGD_CONFIG = ['learningRate', 'learningRateDecay', 'weightDecay', 'weightDecays', 'momentum', 'dampening', 'nesterov', 'learningRates'];
const SGD_STATE = ['evalCounter', 'dfdx', 'decayParameters', 'deltaParameters'];

/**
 * Stochastic gradient descent, Torch7's `optim.sgd(opfunc, x, config, state)`: one evaluation of
 * opfunc, then x is updated in place. Config: `learningRate` (1e-3), `learningRateDecay` (0; the rate
 * is learningRate / (1 + evalCounter × decay)), `weightDecay` (0) or per-element `weightDecays`,
 * `momentum` (0), `dampening` (defaults to momentum, as in Torch7), `nesterov` (false),
 * per-element `learningRates`. State (config when omitted): `evalCounter`, `dfdx` (momentum buffer).
 * As in Torch7, weight decay is added into the gradient tensor opfunc returned.
 * @returns `[x, [f(x)]]`, f evaluated before the update
 * @example
 * const config = { learningRate: 0.1, momentum: 0.9, dampening: 0 };
 * for (let i = 0; i < 100; i++) legacy.optim.sgd(feval, params, config);
 */
export function sgd(opfunc: OpFunc, x: Tensor, config?: Table, state?: Table): [Tensor, number[]] {
  const [c, s] = setup('sgd', opfunc, x, config, state, SGD_CONFIG, SGD_STATE);
  const lr = num('sgd', c, 'learningRate', 1e-3);
  const lrd = num('sgd', c, 'learningRateDecay', 0);
  const wd = num('sgd', c, 'weightDecay', 0);
  const mom = num('sgd', c, 'momentum', 0);
  const damp = num('sgd', c, 'dampening', mom);
  const nesterov = !!c.nesterov;
  const lrs = optTensor('sgd', c, 'learningRates', x);
  const wds = optTensor('sgd', c, 'weightDecays', x);
  s.evalCounter ??= 0;
  if (nesterov && !(mom > 0 && damp === 0)) throw new RangeError('sgd: Nesterov momentum requires a momentum and zero dampening');
  let [fx, dfdx] = evaluate('sgd', opfunc, x);
  if (wd !== 0) dfdx.add_(x, { alpha: wd });
  else if (wds) dfdx.add_(buffer(s, 'decayParameters', x).copy_(wds).mul_(x));
  if (mom !== 0) {
    if (s.dfdx === undefined) s.dfdx = dfdx.clone();
    else s.dfdx.mul_(mom).add_(dfdx, { alpha: 1 - damp });
    if (nesterov) dfdx.add_(s.dfdx, { alpha: mom });
    else dfdx = s.dfdx;
  }
  const clr = lr / (1 + s.evalCounter * lrd);
  if (lrs) x.add_(buffer(s, 'deltaParameters', x).copy_(lrs).mul_(dfdx), { alpha: -clr });
  else x.add_(dfdx, { alpha: -clr });
  s.evalCounter++;
  return [x, [fx]];
}

const NAG_CONFIG = ['learningRate', 'learningRateDecay', 'weightDecay', 'momentum', 'dampening', 'learningRates'];
const NAG_STATE = ['evalCounter', 'dfdx', 'deltaParameters'];

/**
 * Nesterov's accelerated gradient in Sutskever's form, Torch7's `optim.nag`: x first moves along the
 * velocity, the gradient is taken there, then the velocity and x take the gradient step. Config:
 * `learningRate` (1e-3), `learningRateDecay` (0), `weightDecay` (0), `momentum` (0.9, must be > 0),
 * per-element `learningRates`. State: `evalCounter`, `dfdx` (the velocity).
 * @returns `[x, [f]]`, f evaluated at the look-ahead point
 * @example
 * const state = {};
 * legacy.optim.nag(feval, params, { learningRate: 0.01, momentum: 0.9 }, state);
 */
export function nag(opfunc: OpFunc, x: Tensor, config?: Table, state?: Table): [Tensor, number[]] {
  const [c, s] = setup('nag', opfunc, x, config, state, NAG_CONFIG, NAG_STATE);
  const lr = num('nag', c, 'learningRate', 1e-3);
  const lrd = num('nag', c, 'learningRateDecay', 0);
  const wd = num('nag', c, 'weightDecay', 0);
  const mom = num('nag', c, 'momentum', 0.9);
  const lrs = optTensor('nag', c, 'learningRates', x);
  s.evalCounter ??= 0;
  if (mom <= 0) throw new RangeError('nag: Momentum must be positive for Nesterov Accelerated Gradient');
  // Look ahead along the velocity before evaluating.
  if (s.dfdx !== undefined) x.add_(s.dfdx, { alpha: mom });
  const [fx, dfdx] = evaluate('nag', opfunc, x);
  if (wd !== 0) dfdx.add_(x, { alpha: wd });
  const clr = lr / (1 + s.evalCounter * lrd);
  if (s.dfdx === undefined) s.dfdx = buffer(s, 'dfdx', dfdx);
  else s.dfdx.mul_(mom);
  const step = lrs ? buffer(s, 'deltaParameters', x).copy_(lrs).mul_(dfdx) : dfdx;
  x.add_(step, { alpha: -clr });
  s.dfdx.add_(step, { alpha: -clr });
  s.evalCounter++;
  return [x, [fx]];
}
