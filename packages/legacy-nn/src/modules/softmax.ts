/**
 * SoftMax, LogSoftMax and SoftMin over the feature dim, as Torch7: the only dim of a 1-D input, dim 1 of
 * a batch [n, features] or of [n, C, H, W], dim 0 of an image [C, H, W].
 */
import { TorchSizeError, type Tensor } from '@torch/core';
import { Module, type Activity } from '../module';
import { asTensor, reuse, scratch } from './util';
import { signature } from '../signature';

function featureDim(x: Tensor, op: string): number {
  if (x.dim() === 1 || x.dim() === 3) return 0;
  if (x.dim() === 2 || x.dim() === 4) return 1;
  throw new TorchSizeError(`${op}: expected a 1-D, 2-D, 3-D or 4-D input, got size [${x.size().join(', ')}]`);
}

/**
 * Σ over the feature dim of a ⊙ b (or of a alone), kept as a size-1 dim, in the module's reused `_dot`
 * buffer; `product` holds a ⊙ b. The softmax gradients' row sums, with no allocation.
 */
function featureSum(owner: object, x: Tensor, a: Tensor, b: Tensor | null, product: Tensor): Tensor {
  const d = featureDim(x, 'featureSum');
  const sizes = x.size();
  sizes[d] = 1;
  const src = b === null ? a : a.mul(b, { out: product });
  return src.sum(d, { keepdim: true, out: scratch(owner, '_dot', x, sizes) });
}

/**
 * e^x / Σ e^x over the feature dim.
 * @example new nn.SoftMax().forward(torch.randn(4, 10)).sum(1)   // ones
 */
@signature('')
export class SoftMax extends Module {
  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    return (this.output = x.softmax(featureDim(x, this.typename), { out: reuse(this.output, x) }));
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const y = this.output as Tensor;
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    const gx = reuse(this.gradInput, x);
    const dot = featureSum(this, x, gy, y, gx);
    return (this.gradInput = gx.copy_(gy).sub_(dot).mul_(y));
  }
}

/**
 * x − log Σ e^x over the feature dim.
 * @example new nn.LogSoftMax().forward(torch.randn(4, 10)).exp().sum(1)   // ones
 */
@signature('')
export class LogSoftMax extends Module {
  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    return (this.output = x.logSoftmax(featureDim(x, this.typename), { out: reuse(this.output, x) }));
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    const gx = reuse(this.gradInput, x);
    const sum = featureSum(this, x, gy, null, gx);
    return (this.gradInput = (this.output as Tensor).exp({ out: gx }).mul_(sum).neg_().add_(gy));
  }
}

/**
 * e^−x / Σ e^−x over the feature dim.
 * @example new nn.SoftMin().forward(torch.tensor([1, 2, 3], { dtype: torch.float32 }))
 */
@signature('')
export class SoftMin extends Module {
  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const negated = x.neg({ out: scratch(this, '_negated', x, x.size()) });
    return (this.output = negated.softmax(featureDim(x, this.typename), { out: reuse(this.output, x) }));
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const y = this.output as Tensor;
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    const gx = reuse(this.gradInput, x);
    const dot = featureSum(this, x, gy, y, gx);
    return (this.gradInput = gx.copy_(gy).sub_(dot).mul_(y).neg_());
  }
}
