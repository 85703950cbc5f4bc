/** Torch7's optim.rprop. */
import type { Tensor } from '@torch/core';
import { evaluate, num, setup, type OpFunc, type Table } from './common';
import { fullLike, zerosLike } from '@torch/core';

/**
 * Rprop, Torch7's `optim.rprop`: per-coordinate step sizes grow by etaplus while the gradient keeps
 * its sign and shrink by etaminus when it flips (that coordinate then skips the update);
 * `x -= sign(g) step`. Runs `niter` evaluations per call. Config: `stepsize` (0.1), `etaplus` (1.2),
 * `etaminus` (0.5), `stepsizemax` (50), `stepsizemin` (1e-6), `niter` (1). State: `delta` (the previous
 * gradient), `stepsize` (a tensor once started).
 * @returns `[x, [f per evaluation]]`
 * @example legacy.optim.rprop(feval, params, { stepsize: 0.01 }, state);
 */
export function rprop(opfunc: OpFunc, x: Tensor, config?: Table, state?: Table): [Tensor, number[]] {
  const [c, s] = setup('rprop', opfunc, x, config, state, ['stepsize', 'etaplus', 'etaminus', 'stepsizemax', 'stepsizemin', 'niter'], ['delta']);
  // When state is config, state.stepsize (the tensor) replaces the initial step size of the config.
  const stepsize = typeof c.stepsize === 'number' || c.stepsize === undefined ? num('rprop', c, 'stepsize', 0.1) : 0.1;
  const etaplus = num('rprop', c, 'etaplus', 1.2);
  const etaminus = num('rprop', c, 'etaminus', 0.5);
  const maxStep = num('rprop', c, 'stepsizemax', 50);
  const minStep = num('rprop', c, 'stepsizemin', 1e-6);
  const niter = num('rprop', c, 'niter', 1);
  const fs: number[] = [];
  for (let i = 0; i < niter; i++) {
    const [fx, dfdx] = evaluate('rprop', opfunc, x);
    if (s.delta === undefined) {
      s.delta = zerosLike(dfdx);
      s.stepsize = fullLike(dfdx, stepsize);
    }
    const sign = dfdx.mul(s.delta).sign();
    const flipped = sign.lt(0);
    sign.maskedFill_(sign.gt(0), etaplus).maskedFill_(flipped, etaminus).maskedFill_(sign.eq(0), 1);
    s.stepsize.mul_(sign).clamp_(minStep, maxStep);
    dfdx.maskedFill_(flipped, 0);
    x.addcmul_(dfdx.sign(), s.stepsize, { value: -1 });
    s.delta.copy_(dfdx);
    fs.push(fx);
  }
  return [x, fs];
}
