import { empty, Tensor, TorchSizeError } from '@torch/core';
import { Module, type Activity } from '../module';
import { asTensor, reuse } from './util';
import { signature } from '../signature';

/**
 * y = x·Wᵀ + b, for one sample [inputSize] or a batch [n, inputSize] (Torch7's `nn.Linear`).
 * @example
 * const lin = new nn.Linear(784, 10);
 * lin.forward(torch.randn(64, 784));   // [64, 10]
 * new nn.Linear(3, 2, false);          // without bias
 */
@signature('inputSize: number, outputSize: number, bias?: boolean')
export class Linear extends Module {
  declare weight: Tensor;
  declare gradWeight: Tensor;
  /** A row of ones the batch's bias gradient is summed with (kept across calls). */
  private addBuffer: Tensor = empty(0);

  constructor(public inputSize: number, public outputSize: number, bias = true) {
    super();
    if (!(Number.isInteger(inputSize) && inputSize > 0 && Number.isInteger(outputSize) && outputSize > 0))
      throw new TorchSizeError(`nn.Linear: sizes must be positive integers, got ${inputSize} -> ${outputSize}`);
    this.weight = empty(outputSize, inputSize);
    this.gradWeight = empty(outputSize, inputSize).zero_();
    if (bias) (this.bias = empty(outputSize), this.gradBias = empty(outputSize).zero_());
    this.reset();
  }

  /** Uniform in ±stdv, 1/√inputSize by default, as Torch7. @example lin.reset(0.01) */
  override reset(stdv = 1 / Math.sqrt(this.weight.size(1))): this {
    this.weight.uniform_(-stdv, stdv);
    this.bias?.uniform_(-stdv, stdv);
    return this;
  }

  private check(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const inSize = this.weight.size(1);
    if ((x.dim() !== 1 && x.dim() !== 2) || x.size(-1) !== inSize)
      throw new TorchSizeError(`${this.typename}: expected input of size [${inSize}] or [n, ${inSize}], got [${x.size().join(', ')}]`);
    return x;
  }

  override updateOutput(input: Activity): Tensor {
    const x = this.check(input);
    const out = this.weight.size(0);
    const y = reuse(this.output, x).resize_(x.dim() === 1 ? [out] : [x.size(0), out]);
    if (x.dim() === 1) {
      if (this.bias) y.copy_(this.bias);
      else y.zero_();
      y.addmv_(this.weight, x);
    } else {
      if (this.bias) y.copy_(this.bias.view(1, out).expand(x.size(0), out));
      else y.zero_();
      y.addmm_(x, this.weight.t());
    }
    return (this.output = y);
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = this.check(input);
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    const gx = reuse(this.gradInput, x);
    if (x.dim() === 1) gx.zero_().addmv_(this.weight.t(), gy);
    else gx.zero_().addmm_(gy, this.weight);
    return (this.gradInput = gx);
  }

  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    const x = this.check(input);
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    if (x.dim() === 1) {
      this.gradWeight.addr_(gy, x, { alpha: scale });
      this.gradBias?.add_(gy, { alpha: scale });
      return;
    }
    this.gradWeight.addmm_(gy.t(), x, { alpha: scale });
    if (this.gradBias) {
      if (this.addBuffer.numel() !== x.size(0) || this.addBuffer.dtype !== x.dtype) this.addBuffer = empty(x.size(0), { dtype: x.dtype }).fill_(1);
      this.gradBias.addmv_(gy.t(), this.addBuffer, { alpha: scale });
    }
  }

  override afterT7Load(fields: Record<string, unknown>): void {
    super.afterT7Load(fields);
    this.addBuffer = empty(0);
  }

  override toString(): string {
    return `${this.typename}(${this.weight.size(1)} -> ${this.weight.size(0)})${this.bias ? '' : ' without bias'}`;
  }
}
