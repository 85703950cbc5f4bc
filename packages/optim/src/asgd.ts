/** Averaged stochastic gradient descent (Polyak & Juditsky; Bottou's sgd-2.0 schedule). */
import { zerosLike, type Tensor } from '@torch/core';
import { Optimizer, Scratch, type Closure, type Params } from './optimizer';
import { checkBool, checkNumber, checkRange, type L2Options } from './options';

/** ASGD's options. */
export interface ASGDOptions extends L2Options {
  /** Initial learning rate eta0. Default 1e-2. */
  lr: number;
  /** Decay term lambda. Default 1e-4. */
  lambd: number;
  /** Power of the eta schedule. Default 0.75. */
  alpha: number;
  /** The step at which averaging starts. Default 1e6. */
  t0: number;
}

/** ASGD's state per parameter (`opt.state.get(p)`): the step, the decayed rate eta, the averaging rate mu and the average ax. */
export type ASGDState = { step: number; eta: number; mu: number; ax: Tensor };
/**
 * ASGD: `p = (1 - lambd eta) p - eta g`, the average `ax` follows p with weight mu, and
 * `eta = lr / (1 + lambd lr t)^alpha`, `mu = 1 / max(1, t - t0)`. The averaged parameters are in
 * `optimizer.state.get(p).ax`. State per parameter: `step`, `eta`, `mu`, `ax`.
 * @example
 * const opt = new optim.ASGD(model.parameters(), { lr: 0.01, t0: 100 });
 * // after training: evaluate with the averages
 * for (const p of model.parameters()) p.data.copy_(opt.state.get(p)!.ax);
 */
export class ASGD extends Optimizer<ASGDOptions, ASGDState> {
  private readonly _diff = new Scratch();

  constructor(params: Params<ASGDOptions>, options?: Partial<ASGDOptions>) {
    super('ASGD', params, { lr: 1e-2, lambd: 1e-4, alpha: 0.75, t0: 1e6, weightDecay: 0, maximize: false }, options);
  }

  protected _validate(g: ASGDOptions): void {
    for (const k of ['lr', 'lambd', 'alpha', 't0', 'weightDecay'] as const) checkNumber('ASGD', k, g[k]);
    checkBool('ASGD', 'maximize', g.maximize);
    checkRange('ASGD', g.lr >= 0, `Invalid learning rate: ${g.lr}`);
    checkRange('ASGD', g.weightDecay >= 0, `Invalid weight_decay value: ${g.weightDecay}`);
  }

  /**
   * One step from the parameters' gradients (see Optimizer.step).
   * @example opt.step();
   */
  step(closure?: Closure) {
    const loss = this._evaluate(closure);
    for (const group of this.paramGroups) {
      const { lr, lambd, alpha, t0, weightDecay, maximize } = group;
      for (const p of group.params) {
        const grad = this._grad(p, maximize, weightDecay);
        if (grad === null) continue;
        const state = this._stateOf(p, () => ({ step: 0, eta: lr, mu: 1, ax: zerosLike(p.data) }));
        state.step += 1;
        p.data.mul_(1 - lambd * state.eta).add_(grad, { alpha: -state.eta });
        if (state.mu !== 1) state.ax.add_(p.data.sub(state.ax, { out: this._diff.get(p) }).mul_(state.mu));
        else state.ax.copy_(p.data);
        state.eta = lr / (1 + lambd * lr * state.step) ** alpha;
        state.mu = 1 / Math.max(1, state.step - t0);
      }
    }
    return loss;
  }
}
