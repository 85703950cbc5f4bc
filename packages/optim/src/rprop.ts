/** Rprop (Riedmiller & Braun): sign-based steps whose sizes adapt per coordinate. */
import { zerosLike, fullLike, type Tensor } from '@torch/core';
import { Optimizer, type Closure, type Params } from './optimizer';
import { checkBool, checkNumber, checkPair, checkRange, type MaximizeOption } from './options';

/** Rprop's options. */
export interface RpropOptions extends MaximizeOption {
  /** Initial step size. Default 1e-2. */
  lr: number;
  /** [decrease, increase] factors of the step size (0 < etaminus < 1 < etaplus). Default [0.5, 1.2]. */
  etas: readonly [number, number];
  /** [min, max] step size. Default [1e-6, 50]. */
  stepSizes: readonly [number, number];
}

/** Rprop's state per parameter (`opt.state.get(p)`): the previous gradient and the per-element step sizes. */
export type RpropState = { step: number; prev: Tensor; stepSize: Tensor };
/**
 * Rprop: where the gradient keeps its sign the coordinate's step grows by etaplus, where it flips the
 * step shrinks by etaminus and that coordinate skips this update; `p -= sign(g) * step`. State per
 * parameter: `step`, `prev`, `stepSize`.
 * @example const opt = new optim.Rprop(model.parameters(), { lr: 0.01, etas: [0.5, 1.2] });
 */
export class Rprop extends Optimizer<RpropOptions, RpropState> {
  constructor(params: Params<RpropOptions>, options?: Partial<RpropOptions>) {
    super('Rprop', params, { lr: 1e-2, etas: [0.5, 1.2], stepSizes: [1e-6, 50], maximize: false }, options);
  }

  protected _validate(g: RpropOptions): void {
    checkNumber('Rprop', 'lr', g.lr);
    checkPair('Rprop', 'etas', g.etas);
    checkPair('Rprop', 'stepSizes', g.stepSizes);
    checkBool('Rprop', 'maximize', g.maximize);
    checkRange('Rprop', g.lr >= 0, `Invalid learning rate: ${g.lr}`);
    checkRange('Rprop', g.etas[0] > 0 && g.etas[0] < 1 && g.etas[1] > 1, `Invalid eta values: ${g.etas[0]}, ${g.etas[1]}`);
  }

  /**
   * One step from the parameters' gradients (see Optimizer.step).
   * @example opt.step();
   */
  step(closure?: Closure) {
    const loss = this._evaluate(closure);
    for (const group of this.paramGroups) {
      const [etaminus, etaplus] = group.etas;
      const [minStep, maxStep] = group.stepSizes;
      for (const p of group.params) {
        let grad = this._grad(p, group.maximize, 0);
        if (grad === null) continue;
        const state = this._stateOf(p, () => ({ step: 0, prev: zerosLike(p.data), stepSize: fullLike(p.data, group.lr) }));
        state.step += 1;
        const sign = grad.mul(state.prev).sign();
        const flipped = sign.lt(0);
        const factor = sign.maskedFill_(sign.gt(0), etaplus).maskedFill_(flipped, etaminus).maskedFill_(sign.eq(0), 1);
        state.stepSize.mul_(factor).clamp_(minStep, maxStep);
        // A coordinate whose gradient flipped sign stays put this step and forgets its gradient.
        grad = grad.maskedFill(flipped, 0);
        p.data.addcmul_(grad.sign(), state.stepSize, { value: -1 });
        state.prev.copy_(grad);
      }
    }
    return loss;
  }
}
