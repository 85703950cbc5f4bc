/** Adam and AdamW (decoupled weight decay), with the AMSGrad variant. */
import { maximum, zerosLike, type Tensor } from '@torch/core';
import type { Variable } from '@torch/autograd';
import { Optimizer, Scratch, type Closure, type Params } from './optimizer';
import { checkBool, checkNumber, checkPair, checkRange, type MaximizeOption } from './options';

/** Adam's and AdamW's options. */
export interface AdamOptions extends MaximizeOption {
  /** Learning rate. Default 1e-3. */
  lr: number;
  /** Decay rates of the first and second moment averages. Default [0.9, 0.999]. */
  betas: readonly [number, number];
  /** Added to the denominator for stability. Default 1e-8. */
  eps: number;
  /** Adam: L2 penalty added to the gradient (default 0). AdamW: decoupled decay `p *= 1 - lr * wd` (default 1e-2). */
  weightDecay: number;
  /** Use the maximum of past second moments (AMSGrad). Default false. */
  amsgrad: boolean;
}

/** Validation shared by Adam, AdamW and Adamax (PyTorch's messages). @internal */
export function validateAdamLike(name: string, g: Omit<AdamOptions, 'amsgrad'> & { amsgrad?: boolean }): void {
  checkNumber(name, 'lr', g.lr);
  checkPair(name, 'betas', g.betas);
  checkNumber(name, 'eps', g.eps);
  checkNumber(name, 'weightDecay', g.weightDecay);
  checkBool(name, 'maximize', g.maximize);
  if (g.amsgrad !== undefined) checkBool(name, 'amsgrad', g.amsgrad);
  checkRange(name, g.lr >= 0, `Invalid learning rate: ${g.lr}`);
  checkRange(name, g.eps >= 0, `Invalid epsilon value: ${g.eps}`);
  checkRange(name, g.betas[0] >= 0 && g.betas[0] < 1, `Invalid beta parameter at index 0: ${g.betas[0]}`);
  checkRange(name, g.betas[1] >= 0 && g.betas[1] < 1, `Invalid beta parameter at index 1: ${g.betas[1]}`);
  checkRange(name, g.weightDecay >= 0, `Invalid weight_decay value: ${g.weightDecay}`);
}

/** Adam's and AdamW's state per parameter (`opt.state.get(p)`): the step count and the moment averages. */
export type AdamState = { step: number; expAvg: Tensor; expAvgSq: Tensor; maxExpAvgSq?: Tensor };
/** The update both classes share; `decoupled` selects AdamW's weight decay. */
abstract class AdamBase extends Optimizer<AdamOptions, AdamState> {
  private readonly _denom = new Scratch();
  protected abstract readonly _decoupled: boolean;

  protected _validate(g: AdamOptions): void {
    validateAdamLike(this._name, g);
  }

  /**
   * One step from the parameters' gradients (see Optimizer.step).
   * @example opt.step();
   */
  step(closure?: Closure) {
    const loss = this._evaluate(closure);
    for (const group of this.paramGroups)
      for (const p of group.params) {
        // AdamW's decay acts on the parameter (in _update), Adam's on the gradient.
        const g = this._grad(p, group.maximize, this._decoupled ? 0 : group.weightDecay);
        if (g !== null) this._update(p, g, group);
      }
    return loss;
  }

  private _update(p: Variable, grad: Tensor, group: AdamOptions): void {
    const { lr, eps, weightDecay, amsgrad } = group;
    const [beta1, beta2] = group.betas;
    const state = this._init(p, amsgrad);
    state.step += 1;
    if (weightDecay !== 0 && this._decoupled) p.data.mul_(1 - lr * weightDecay);
    const expAvg: Tensor = state.expAvg;
    const expAvgSq: Tensor = state.expAvgSq;
    expAvg.mul_(beta1).add_(grad, { alpha: 1 - beta1 });
    expAvgSq.mul_(beta2).addcmul_(grad, grad, { value: 1 - beta2 });
    const stepSize = lr / (1 - beta1 ** state.step);
    const bias2Sqrt = Math.sqrt(1 - beta2 ** state.step);
    const denom = this._denom.get(p);
    let second = expAvgSq;
    if (amsgrad) {
      second = state.maxExpAvgSq!;
      maximum(second, expAvgSq, { out: second });
    }
    second.sqrt({ out: denom }).div_(bias2Sqrt).add_(eps);
    p.data.addcdiv_(expAvg, denom, { value: -stepSize });
  }

  private _init(p: Variable, amsgrad: boolean): AdamState {
    const state = this._stateOf(p, () => ({ step: 0, expAvg: zerosLike(p.data), expAvgSq: zerosLike(p.data) }));
    if (amsgrad) state.maxExpAvgSq ??= zerosLike(p.data);
    return state;
  }
}

/**
 * Adam (Kingma & Ba): bias-corrected first and second moment averages of the gradient; weightDecay
 * is an L2 penalty added to the gradient. State per parameter: `step`, `expAvg`, `expAvgSq`
 * (`maxExpAvgSq` with amsgrad).
 * @example
 * const opt = new optim.Adam(model.parameters(), { lr: 1e-3, betas: [0.9, 0.999], amsgrad: true });
 * opt.zeroGrad(); loss.backward(); opt.step();
 */
export class Adam extends AdamBase {
  protected readonly _decoupled = false;
  constructor(params: Params<AdamOptions>, options?: Partial<AdamOptions>) {
    super('Adam', params, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false }, options);
  }
}

/**
 * AdamW (Loshchilov & Hutter): Adam with decoupled weight decay, `p *= 1 - lr * weightDecay` before
 * the Adam update (weightDecay defaults to 1e-2).
 * @example
 * const opt = new optim.AdamW(model.parameters(), { lr: 1e-3, weightDecay: 0.05 });
 */
export class AdamW extends AdamBase {
  protected readonly _decoupled = true;
  constructor(params: Params<AdamOptions>, options?: Partial<AdamOptions>) {
    super('AdamW', params, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 1e-2, amsgrad: false, maximize: false }, options);
  }
}
