/** Torch7's optim.asgd (averaged SGD after Bottou's sgd-2.0). */
import type { Tensor } from '@torch/core';
import { buffer, evaluate, num, setup, type OpFunc, type Table } from './common';

/**
 * Averaged SGD, Torch7's `optim.asgd`: `x = (1 - lambda eta) x - eta g`, `ax += mu (x - ax)`, with
 * `eta = eta0 / (1 + lambda eta0 t)^alpha` and `mu = 1 / max(1, t - t0)`. Config: `eta0` (1e-4),
 * `lambda` (1e-4), `alpha` (0.75), `t0` (1e6). State: `eta_t`, `mu_t`, `t`, `ax`, `tmp`.
 * @returns `[x, [f(x)], ax]`, ax the averaged parameters
 * @example const [, , averaged] = legacy.optim.asgd(feval, params, { eta0: 0.01, t0: 1000 });
 */
export function asgd(opfunc: OpFunc, x: Tensor, config?: Table, state?: Table): [Tensor, number[], Tensor] {
  const [c, s] = setup('asgd', opfunc, x, config, state, ['eta0', 'lambda', 'alpha', 't0'], ['eta_t', 'mu_t', 't', 'ax', 'tmp']);
  const eta0 = num('asgd', c, 'eta0', 1e-4);
  const lambda = num('asgd', c, 'lambda', 1e-4);
  const alpha = num('asgd', c, 'alpha', 0.75);
  const t0 = num('asgd', c, 't0', 1e6);
  s.eta_t ??= eta0;
  s.mu_t ??= 1;
  s.t ??= 0;
  const [fx, dfdx] = evaluate('asgd', opfunc, x);
  x.mul_(1 - lambda * s.eta_t).add_(dfdx, { alpha: -s.eta_t });
  const ax = buffer(s, 'ax', x);
  if (s.mu_t !== 1) ax.add_(x.sub(ax, { out: buffer(s, 'tmp', x) }).mul_(s.mu_t));
  else ax.copy_(x);
  s.t++;
  s.eta_t = eta0 / (1 + lambda * eta0 * s.t) ** alpha;
  s.mu_t = 1 / Math.max(1, s.t - t0);
  return [x, [fx], ax];
}
