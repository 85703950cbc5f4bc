/** Adagrad: per-coordinate learning rates from the sum of squared gradients. */
import { fullLike, type Tensor } from '@torch/core';
import { Optimizer, Scratch, type Closure, type Params } from './optimizer';
import { checkBool, checkNumber, checkRange, type L2Options } from './options';

/** Adagrad's options. */
export interface AdagradOptions extends L2Options {
  /** Learning rate. Default 1e-2. */
  lr: number;
  /** The lr at step t is `lr / (1 + (t - 1) * lrDecay)`. Default 0. */
  lrDecay: number;
  /** Starting value of the sum of squares. Default 0. */
  initialAccumulatorValue: number;
  /** Added to the denominator for stability. Default 1e-10. */
  eps: number;
}

/** Adagrad's state per parameter (`opt.state.get(p)`): created for every parameter by the constructor. */
export type AdagradState = { step: number; sum: Tensor };
/**
 * Adagrad (Duchi et al.): `sum += g²`, `p -= clr * g / (sqrt(sum) + eps)`. State per parameter:
 * `step`, `sum` (created at construction, as PyTorch does, so it can be shared before the first step).
 * @example const opt = new optim.Adagrad(model.parameters(), { lr: 0.01, lrDecay: 1e-4 });
 */
export class Adagrad extends Optimizer<AdagradOptions, AdagradState> {
  private readonly _std = new Scratch();

  constructor(params: Params<AdagradOptions>, options?: Partial<AdagradOptions>) {
    super('Adagrad', params, { lr: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, maximize: false }, options);
    for (const group of this.paramGroups)
      for (const p of group.params) {
        this.state.set(p, { step: 0, sum: fullLike(p.data, group.initialAccumulatorValue) });
      }
  }

  protected _validate(g: AdagradOptions): void {
    for (const k of ['lr', 'lrDecay', 'weightDecay', 'initialAccumulatorValue', 'eps'] as const) checkNumber('Adagrad', k, g[k]);
    checkBool('Adagrad', 'maximize', g.maximize);
    checkRange('Adagrad', g.lr >= 0, `Invalid learning rate: ${g.lr}`);
    checkRange('Adagrad', g.lrDecay >= 0, `Invalid lr_decay value: ${g.lrDecay}`);
    checkRange('Adagrad', g.weightDecay >= 0, `Invalid weight_decay value: ${g.weightDecay}`);
    checkRange('Adagrad', g.initialAccumulatorValue >= 0, `Invalid initial_accumulator_value value: ${g.initialAccumulatorValue}`);
    checkRange('Adagrad', g.eps >= 0, `Invalid epsilon value: ${g.eps}`);
  }

  /**
   * One step from the parameters' gradients (see Optimizer.step).
   * @example opt.step();
   */
  step(closure?: Closure) {
    const loss = this._evaluate(closure);
    for (const group of this.paramGroups) {
      const { lr, lrDecay, weightDecay, eps, maximize } = group;
      for (const p of group.params) {
        const grad = this._grad(p, maximize, weightDecay);
        if (grad === null) continue;
        const state = this._stateOf(p, () => ({ step: 0, sum: fullLike(p.data, group.initialAccumulatorValue) }));
        state.step += 1;
        const clr = lr / (1 + (state.step - 1) * lrDecay);
        state.sum.addcmul_(grad, grad, { value: 1 });
        const std = state.sum.sqrt({ out: this._std.get(p) }).add_(eps);
        p.data.addcdiv_(grad, std, { value: -clr });
      }
    }
    return loss;
  }
}
