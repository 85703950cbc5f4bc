/** The learnable elementwise layers: Add (a bias), Mul (one scalar factor) and CMul (a factor per element). */
import { empty, TorchSizeError, type Tensor } from '@torch/core';
import { Module, type Activity } from '../module';
import { asTensor, reuse } from './util';
import { signature } from '../signature';

/**
 * x + b, with b of `inputSize` elements (or one scalar when `scalar`).
 * @example new nn.Add(5).forward(torch.randn(2, 5))
 */
@signature('inputSize: number | array, scalar?: boolean')
export class Add extends Module {
  declare bias: Tensor;
  declare gradBias: Tensor;
  constructor(inputSize: number | number[], public scalar = false) {
    super();
    const size = scalar ? [1] : Array.isArray(inputSize) ? inputSize : [inputSize];
    this.bias = empty(size);
    this.gradBias = empty(size).zero_();
    this.reset();
  }
  override reset(stdv = 1 / Math.sqrt(this.bias.numel())): this {
    this.bias.uniform_(-stdv, stdv);
    return this;
  }
  private expanded(x: Tensor): Tensor {
    if (this.scalar) return this.bias.view([]).expand(...x.size());
    const n = this.bias.numel();
    if (x.numel() % n !== 0) throw new TorchSizeError(`${this.typename}: input of size [${x.size().join(', ')}] does not hold samples of ${n}`);
    return this.bias.view(-1).expand(x.numel() / n, n).reshape(x.size());
  }
  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    return (this.output = x.add(this.expanded(x), { out: reuse(this.output, x) }));
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = asTensor(input, this.typename);
    return (this.gradInput = reuse(this.gradInput, x).copy_(asTensor(gradOutput, this.typename, 'gradOutput')));
  }
  override accGradParameters(_input: Activity, gradOutput: Activity, scale = 1): void {
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    if (this.scalar) this.gradBias.add_(gy.sum(), { alpha: scale });
    else this.gradBias.view(-1).add_(gy.reshape(-1, this.bias.numel()).sum(0), { alpha: scale });
  }
}

/**
 * w·x with one learnable scalar w.
 * @example new nn.Mul().forward(torch.randn(3))
 */
@signature('')
export class Mul extends Module {
  declare weight: Tensor;
  declare gradWeight: Tensor;
  constructor() {
    super();
    this.weight = empty(1);
    this.gradWeight = empty(1).zero_();
    this.reset();
  }
  override reset(stdv = 1): this {
    this.weight.uniform_(-stdv, stdv);
    return this;
  }
  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    return (this.output = x.mul(this.weight.item(), { out: reuse(this.output, x) }));
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = asTensor(input, this.typename);
    return (this.gradInput = asTensor(gradOutput, this.typename, 'gradOutput').mul(this.weight.item(), { out: reuse(this.gradInput, x) }));
  }
  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    const x = asTensor(input, this.typename);
    this.gradWeight.add_(x.mul(asTensor(gradOutput, this.typename, 'gradOutput')).sum(), { alpha: scale });
  }
}

/**
 * x ⊙ w with w of the given size, broadcast over a leading batch dim.
 * @example new nn.CMul(5).forward(torch.randn(8, 5)); new nn.CMul(1, 5)
 */
@signature('...size: number')
export class CMul extends Module {
  declare weight: Tensor;
  declare gradWeight: Tensor;
  constructor(...size: number[]) {
    super();
    this.weight = empty(size);
    this.gradWeight = empty(size).zero_();
    this.reset();
  }
  override reset(stdv = 1 / Math.sqrt(this.weight.numel())): this {
    this.weight.uniform_(-stdv, stdv);
    return this;
  }
  private w(x: Tensor): Tensor {
    if (x.numel() % this.weight.numel() !== 0) throw new TorchSizeError(`${this.typename}: input of size [${x.size().join(', ')}] does not hold samples of size [${this.weight.size().join(', ')}]`);
    return this.weight.view(-1).expand(x.numel() / this.weight.numel(), this.weight.numel()).reshape(x.size());
  }
  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    return (this.output = x.mul(this.w(x), { out: reuse(this.output, x) }));
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = asTensor(input, this.typename);
    return (this.gradInput = asTensor(gradOutput, this.typename, 'gradOutput').mul(this.w(x), { out: reuse(this.gradInput, x) }));
  }
  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    const x = asTensor(input, this.typename);
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    this.gradWeight.view(-1).add_(x.mul(gy).reshape(-1, this.weight.numel()).sum(0), { alpha: scale });
  }
}
