// Cross-entropy of [N, C] logits and valid class indices, unweighted, as one autograd Function
// (CrossEntropyBackward): forward is logSoftmax and a gather, backward (softmax - onehot)·g/N in
// three kernels, instead of four recorded ops and their backward nodes. crossEntropy (loss.ts) takes
// this path for the common training case and the composite otherwise; a double backward
// differentiates the composite.
import type { Tensor } from '@torch/core';
import { Function as AutogradFunction, Variable, enableGrad, grad, isGradEnabled } from '@torch/autograd';

/** -mean (or -sum) of logSoftmax(x)[n, target[n]] from Variable ops. */
function composite(x: Variable, target: Tensor, sum: boolean): Variable {
  const picked = x.logSoftmax(1).gather(1, target.unsqueeze(1));
  return (sum ? picked.sum() : picked.mean()).neg();
}

class CrossEntropy extends AutogradFunction {
  private logp: Tensor | null = null;
  constructor(private readonly x: Variable, private readonly target: Tensor, private readonly sum: boolean) {
    super();
    this._keepsNoGrads = true;
  }
  override forward(x: Tensor): Tensor {
    this.logp = x.logSoftmax(1);
    const picked = this.logp.gather(1, this.target.unsqueeze(1));
    return (this.sum ? picked.sum() : picked.mean()).neg();
  }
  override backward(g: Variable): Variable | Tensor {
    if (isGradEnabled()) return grad(enableGrad(() => composite(this.x, this.target, this.sum)), this.x, g, { createGraph: true })[0]!;
    const logp = this.logp!;
    const n = logp.shape[0]!;
    const scale = (g.data.item() as number) / (this.sum ? 1 : n);
    const d = logp.exp();
    d.scatterAdd_(1, this.target.unsqueeze(1), d.new().resize_([n, 1]).fill_(-1));
    return d.mul_(scale);
  }
}

/**
 * The unweighted cross-entropy of logits x [N, C] against class indices target [N], reduced by mean
 * or sum. A target outside [0, C) throws gather's TorchIndexError before the Function is recorded.
 * @example crossEntropyFused(logits, labels, false)
 */
export function crossEntropyFused(x: Variable, target: Tensor, sum: boolean): Variable {
  return new CrossEntropy(x, target, sum).apply(x) as Variable;
}
