/**
 * SoftMax, LogSoftMax and SoftMin over the feature dim, as Torch7: the only dim of a 1-D input, dim 1 of
 * a batch [n, features] or of [n, C, H, W], dim 0 of an image [C, H, W].
 */
import { TorchSizeError, type Tensor } from '@torch/core';
import { Module, type Activity } from '../module';
import { asTensor, reuse } from './util';

function featureDim(x: Tensor, op: string): number {
  if (x.dim() === 1 || x.dim() === 3) return 0;
  if (x.dim() === 2 || x.dim() === 4) return 1;
  throw new TorchSizeError(`${op}: expected a 1-D, 2-D, 3-D or 4-D input, got size [${x.size().join(', ')}]`);
}

/**
 * e^x / Σ e^x over the feature dim.
 * @example new nn.SoftMax().forward(torch.randn(4, 10)).sum(1)   // ones
 */
export class SoftMax extends Module {
  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const y = reuse(this.output, x);
    y.copy_(x.softmax(featureDim(x, this.typename)));
    return (this.output = y);
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const y = this.output as Tensor;
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    const dot = gy.mul(y).sum(featureDim(x, this.typename), { keepdim: true });
    return (this.gradInput = reuse(this.gradInput, x).copy_(gy).sub_(dot).mul_(y));
  }
}

/**
 * x − log Σ e^x over the feature dim.
 * @example new nn.LogSoftMax().forward(torch.randn(4, 10)).exp().sum(1)   // ones
 */
export class LogSoftMax extends Module {
  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    return (this.output = reuse(this.output, x).copy_(x.logSoftmax(featureDim(x, this.typename))));
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    const total = gy.sum(featureDim(x, this.typename), { keepdim: true });
    return (this.gradInput = reuse(this.gradInput, x).copy_((this.output as Tensor).exp().mul_(total).neg_().add_(gy)));
  }
}

/**
 * e^−x / Σ e^−x over the feature dim.
 * @example new nn.SoftMin().forward(torch.tensor([1, 2, 3], { dtype: torch.float32 }))
 */
export class SoftMin extends Module {
  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    return (this.output = reuse(this.output, x).copy_(x.neg().softmax(featureDim(x, this.typename))));
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const y = this.output as Tensor;
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    const dot = gy.mul(y).sum(featureDim(x, this.typename), { keepdim: true });
    return (this.gradInput = reuse(this.gradInput, x).copy_(gy).sub_(dot).mul_(y).neg_());
  }
}
