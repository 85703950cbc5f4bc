/** Adadelta: unit-corrected step sizes from running averages of squared gradients and updates. */
import { zerosLike, type Tensor } from '@torch/core';
import { Optimizer, Scratch, type Closure, type Params } from './optimizer';
import { checkBool, checkNumber, checkRange, type L2Options } from './options';

/** Adadelta's options. */
export interface AdadeltaOptions extends L2Options {
  /** Scale of the update. Default 1. */
  lr: number;
  /** Decay rate of the running averages. Default 0.9. */
  rho: number;
  /** Added inside the square roots. Default 1e-6. */
  eps: number;
}

/** Adadelta's state per parameter (`opt.state.get(p)`). */
export type AdadeltaState = { step: number; squareAvg: Tensor; accDelta: Tensor };
/**
 * Adadelta (Zeiler): `v = rho v + (1-rho) g²`, `Δ = sqrt(u + eps) / sqrt(v + eps) * g`,
 * `u = rho u + (1-rho) Δ²`, `p -= lr Δ`. State per parameter: `step`, `squareAvg`, `accDelta`.
 * @example const opt = new optim.Adadelta(model.parameters(), { rho: 0.95 });
 */
export class Adadelta extends Optimizer<AdadeltaOptions, AdadeltaState> {
  private readonly _buf = new Scratch();

  constructor(params: Params<AdadeltaOptions>, options?: Partial<AdadeltaOptions>) {
    super('Adadelta', params, { lr: 1, rho: 0.9, eps: 1e-6, weightDecay: 0, maximize: false }, options);
  }

  protected _validate(g: AdadeltaOptions): void {
    for (const k of ['lr', 'rho', 'eps', 'weightDecay'] as const) checkNumber('Adadelta', k, g[k]);
    checkBool('Adadelta', 'maximize', g.maximize);
    checkRange('Adadelta', g.lr >= 0, `Invalid learning rate: ${g.lr}`);
    checkRange('Adadelta', g.rho >= 0 && g.rho <= 1, `Invalid rho value: ${g.rho}`);
    checkRange('Adadelta', g.eps >= 0, `Invalid epsilon value: ${g.eps}`);
    checkRange('Adadelta', g.weightDecay >= 0, `Invalid weight_decay value: ${g.weightDecay}`);
  }

  /**
   * One step from the parameters' gradients (see Optimizer.step).
   * @example opt.step();
   */
  step(closure?: Closure) {
    const loss = this._evaluate(closure);
    for (const group of this.paramGroups) {
      const { lr, rho, eps, weightDecay, maximize } = group;
      for (const p of group.params) {
        const grad = this._grad(p, maximize, weightDecay);
        if (grad === null) continue;
        const state = this._stateOf(p, () => ({ step: 0, squareAvg: zerosLike(p.data), accDelta: zerosLike(p.data) }));
        state.step += 1;
        state.squareAvg.mul_(rho).addcmul_(grad, grad, { value: 1 - rho });
        const std = state.squareAvg.add(eps, { out: this._buf.get(p, 0) }).sqrt_();
        const delta = state.accDelta.add(eps, { out: this._buf.get(p, 1) }).sqrt_().div_(std).mul_(grad);
        state.accDelta.mul_(rho).addcmul_(delta, delta, { value: 1 - rho });
        p.data.add_(delta, { alpha: -lr });
      }
    }
    return loss;
  }
}
