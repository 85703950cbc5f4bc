/** Stochastic gradient descent with momentum, dampening, Nesterov momentum and weight decay. */
import type { Tensor } from '@torch/core';
import type { Variable } from '@torch/autograd';
import { Optimizer, type Closure, type Params } from './optimizer';
import { checkBool, checkNumber, checkRange, type L2Options } from './options';

/** SGD's options (PyTorch's names in camelCase). */
export interface SGDOptions extends L2Options {
  /** Learning rate (required). */
  lr: number;
  /** Momentum factor. Default 0. */
  momentum: number;
  /** Dampening of the gradient added to the momentum buffer. Default 0. */
  dampening: number;
  /** Nesterov momentum (needs momentum > 0 and dampening 0). Default false. */
  nesterov: boolean;
}

const DEFAULTS: SGDOptions = { lr: undefined as unknown as number, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false };

/** SGD's state per parameter (`opt.state.get(p)`): the momentum buffer, once a step with momentum ran. */
export type SGDState = { momentumBuffer?: Tensor | null };
/**
 * Stochastic gradient descent: `buf = momentum * buf + (1 - dampening) * g` (g with weight decay),
 * then `p -= lr * buf` (or `lr * (g + momentum * buf)` with Nesterov), as PyTorch's SGD.
 * State per parameter: `momentumBuffer` (when momentum is not 0).
 * @example
 * const opt = new optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 1e-4 });
 * opt.zeroGrad();
 * loss.backward();
 * opt.step();
 */
export class SGD extends Optimizer<SGDOptions, SGDState> {
  constructor(params: Params<SGDOptions>, options?: Partial<SGDOptions>) {
    super('SGD', params, DEFAULTS, options);
  }

  protected _validate(g: SGDOptions): void {
    if (g.lr === undefined) throw new RangeError('SGD: lr is required (in the options or in every parameter group)');
    checkNumber('SGD', 'lr', g.lr);
    checkNumber('SGD', 'momentum', g.momentum);
    checkNumber('SGD', 'dampening', g.dampening);
    checkNumber('SGD', 'weightDecay', g.weightDecay);
    checkBool('SGD', 'nesterov', g.nesterov);
    checkBool('SGD', 'maximize', g.maximize);
    checkRange('SGD', g.lr >= 0, `Invalid learning rate: ${g.lr}`);
    checkRange('SGD', g.momentum >= 0, `Invalid momentum value: ${g.momentum}`);
    checkRange('SGD', g.weightDecay >= 0, `Invalid weight_decay value: ${g.weightDecay}`);
    checkRange('SGD', !g.nesterov || (g.momentum > 0 && g.dampening === 0), 'Nesterov momentum requires a momentum and zero dampening');
  }

  /**
   * One step from the parameters' gradients (see Optimizer.step).
   * @example opt.step();
   */
  step(closure?: Closure) {
    const loss = this._evaluate(closure);
    for (const group of this.paramGroups) {
      const { lr, momentum, dampening, weightDecay, nesterov, maximize } = group;
      for (const p of group.params) {
        const grad = this._grad(p, maximize, weightDecay);
        if (grad === null) continue;
        let d: Tensor = grad;
        if (momentum !== 0) d = this._momentum(p, d, momentum, dampening, nesterov);
        p.data.add_(d, { alpha: -lr });
      }
    }
    return loss;
  }

  private _momentum(p: Variable, d: Tensor, momentum: number, dampening: number, nesterov: boolean): Tensor {
    const state = this._stateOf(p, () => ({}));
    let buf = state.momentumBuffer;
    if (buf === undefined || buf === null) buf = state.momentumBuffer = d.clone();
    else buf.mul_(momentum).add_(d, { alpha: 1 - dampening });
    return nesterov ? d.add(buf, { alpha: momentum }) : buf;
  }
}
