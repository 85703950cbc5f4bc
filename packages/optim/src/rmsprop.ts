/** RMSprop (Hinton), optionally centered and with momentum. */
import { zerosLike, type Tensor } from '@torch/core';
import { Optimizer, Scratch, type Closure, type Params } from './optimizer';
import { checkBool, checkNumber, checkRange, type L2Options } from './options';

/** RMSprop's options. */
export interface RMSpropOptions extends L2Options {
  /** Learning rate. Default 1e-2. */
  lr: number;
  /** Smoothing constant of the squared-gradient average. Default 0.99. */
  alpha: number;
  /** Added to the denominator. Default 1e-8. */
  eps: number;
  /** Momentum factor. Default 0. */
  momentum: number;
  /** Divide by the estimated variance (subtract the squared mean gradient). Default false. */
  centered: boolean;
}

/** RMSprop's state per parameter (`opt.state.get(p)`); the buffers of the momentum and centered variants when used. */
export type RMSpropState = { step: number; squareAvg: Tensor; momentumBuffer?: Tensor; gradAvg?: Tensor };
/**
 * RMSprop: `v = alpha v + (1-alpha) g²`, `p -= lr g / (sqrt(v) + eps)` (centered: sqrt(v - ḡ²);
 * momentum: through a buffer). State per parameter: `step`, `squareAvg`, and `momentumBuffer`,
 * `gradAvg` when used.
 * @example const opt = new optim.RMSprop(model.parameters(), { lr: 1e-3, centered: true, momentum: 0.9 });
 */
export class RMSprop extends Optimizer<RMSpropOptions, RMSpropState> {
  private readonly _avg = new Scratch();

  constructor(params: Params<RMSpropOptions>, options?: Partial<RMSpropOptions>) {
    super('RMSprop', params, { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false }, options);
  }

  protected _validate(g: RMSpropOptions): void {
    for (const k of ['lr', 'alpha', 'eps', 'weightDecay', 'momentum'] as const) checkNumber('RMSprop', k, g[k]);
    checkBool('RMSprop', 'centered', g.centered);
    checkBool('RMSprop', 'maximize', g.maximize);
    checkRange('RMSprop', g.lr >= 0, `Invalid learning rate: ${g.lr}`);
    checkRange('RMSprop', g.eps >= 0, `Invalid epsilon value: ${g.eps}`);
    checkRange('RMSprop', g.momentum >= 0, `Invalid momentum value: ${g.momentum}`);
    checkRange('RMSprop', g.weightDecay >= 0, `Invalid weight_decay value: ${g.weightDecay}`);
    checkRange('RMSprop', g.alpha >= 0, `Invalid alpha value: ${g.alpha}`);
  }

  /**
   * One step from the parameters' gradients (see Optimizer.step).
   * @example opt.step();
   */
  step(closure?: Closure) {
    const loss = this._evaluate(closure);
    for (const group of this.paramGroups) {
      const { lr, alpha, eps, weightDecay, momentum, centered, maximize } = group;
      for (const p of group.params) {
        const grad = this._grad(p, maximize, weightDecay);
        if (grad === null) continue;
        const state = this._stateOf(p, () => ({ step: 0, squareAvg: zerosLike(p.data) }));
        state.step += 1;
        state.squareAvg.mul_(alpha).addcmul_(grad, grad, { value: 1 - alpha });
        const avg = this._avg.get(p);
        if (centered) {
          const gradAvg = (state.gradAvg ??= zerosLike(p.data));
          gradAvg.mul_(alpha).add_(grad, { alpha: 1 - alpha });
          state.squareAvg.addcmul(gradAvg, gradAvg, { value: -1, out: avg }).sqrt_();
        } else state.squareAvg.sqrt({ out: avg });
        avg.add_(eps);
        if (momentum > 0) {
          const buf = (state.momentumBuffer ??= zerosLike(p.data));
          buf.mul_(momentum).addcdiv_(grad, avg);
          p.data.add_(buf, { alpha: -lr });
        } else p.data.addcdiv_(grad, avg, { value: -lr });
      }
    }
    return loss;
  }
}
