/** Adamax: Adam with the infinity norm of past gradients as its denominator. */
import { maximum, zerosLike, type Tensor } from '@torch/core';
import type { L2Options } from './options';
import { Optimizer, Scratch, type Closure, type Params } from './optimizer';
import { validateAdamLike } from './adam';

/** Adamax's options. */
export interface AdamaxOptions extends L2Options {
  /** Learning rate. Default 2e-3. */
  lr: number;
  /** Decay rates of the first moment and of the infinity norm. Default [0.9, 0.999]. */
  betas: readonly [number, number];
  /** Added to |g| for stability. Default 1e-8. */
  eps: number;
}

/** Adamax's state per parameter (`opt.state.get(p)`). */
export type AdamaxState = { step: number; expAvg: Tensor; expInf: Tensor };
/**
 * Adamax (Kingma & Ba, section 7): `u = max(beta2 * u, |g| + eps)`, `p -= lr / (1 - beta1^t) * m / u`.
 * State per parameter: `step`, `expAvg`, `expInf`.
 * @example const opt = new optim.Adamax(model.parameters(), { lr: 2e-3 });
 */
export class Adamax extends Optimizer<AdamaxOptions, AdamaxState> {
  private readonly _abs = new Scratch();

  constructor(params: Params<AdamaxOptions>, options?: Partial<AdamaxOptions>) {
    super('Adamax', params, { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, maximize: false }, options);
  }

  protected _validate(g: AdamaxOptions): void {
    validateAdamLike('Adamax', g);
  }

  /**
   * One step from the parameters' gradients (see Optimizer.step).
   * @example opt.step();
   */
  step(closure?: Closure) {
    const loss = this._evaluate(closure);
    for (const group of this.paramGroups) {
      const { lr, eps, weightDecay, maximize } = group;
      const [beta1, beta2] = group.betas;
      for (const p of group.params) {
        const grad = this._grad(p, maximize, weightDecay);
        if (grad === null) continue;
        const state = this._stateOf(p, () => ({ step: 0, expAvg: zerosLike(p.data), expInf: zerosLike(p.data) }));
        state.step += 1;
        state.expAvg.mul_(beta1).add_(grad, { alpha: 1 - beta1 });
        const absEps = grad.abs({ out: this._abs.get(p) }).add_(eps);
        maximum(state.expInf.mul_(beta2), absEps, { out: state.expInf });
        p.data.addcdiv_(state.expAvg, state.expInf, { value: -lr / (1 - beta1 ** state.step) });
      }
    }
    return loss;
  }
}
