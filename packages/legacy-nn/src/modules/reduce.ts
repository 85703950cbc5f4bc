/** Sum, Mean, Max and Min along one dim (0-based), as Torch7's modules of those names. */
import type { Tensor } from '@torch/core';
import { Module, type Activity } from '../module';
import { asTensor, reuse } from './util';
import { signature } from '../signature';

/**
 * Σ along `dimension` (divided by its size when sizeAverage); the dim is removed.
 * @example new nn.Sum(1).forward(torch.ones(2, 3))   // [3, 3]
 */
@signature('dimension?: number, sizeAverage?: boolean')
export class Sum extends Module {
  constructor(public dimension = 0, public sizeAverage = false) {
    super();
  }
  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const y = x.sum(this.dimension);
    return (this.output = this.sizeAverage ? y.div_(x.size(this.dimension)) : y);
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const gy = asTensor(gradOutput, this.typename, 'gradOutput').unsqueeze(this.dimension).expand(...x.size());
    const gx = reuse(this.gradInput, x).copy_(gy);
    return (this.gradInput = this.sizeAverage ? gx.div_(x.size(this.dimension)) : gx);
  }
}

/**
 * The mean along `dimension`.
 * @example new nn.Mean(0).forward(torch.ones(4, 2))   // [1, 1]
 */
@signature('dimension?: number')
export class Mean extends Sum {
  constructor(dimension = 0) {
    super(dimension, true);
  }
}

/** Max/Min share the gather of the winning index. */
abstract class Extremum extends Module {
  private indices?: Tensor;
  protected abstract pick(x: Tensor): { values: Tensor; indices: Tensor };
  constructor(public dimension = 0) {
    super();
  }
  override updateOutput(input: Activity): Tensor {
    const { values, indices } = this.pick(asTensor(input, this.typename));
    this.indices = indices;
    return (this.output = values);
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    const gx = reuse(this.gradInput, x).zero_();
    gx.scatter_(this.dimension, this.indices!.unsqueeze(this.dimension), gy.unsqueeze(this.dimension));
    return (this.gradInput = gx);
  }
}

/**
 * The largest value along `dimension`; the gradient goes to where it was.
 * @example new nn.Max(1).forward(torch.tensor([[1, 5], [7, 2]], { dtype: torch.float32 }))   // [5, 7]
 */
@signature('dimension?: number')
export class Max extends Extremum {
  protected pick(x: Tensor) {
    return x.max(this.dimension);
  }
}

/**
 * The smallest value along `dimension`.
 * @example new nn.Min(0).forward(torch.tensor([[1, 5], [7, 2]], { dtype: torch.float32 }))   // [1, 2]
 */
@signature('dimension?: number')
export class Min extends Extremum {
  protected pick(x: Tensor) {
    return x.min(this.dimension);
  }
}
