import { empty, TorchSizeError, type Tensor } from '@torch/core';
import { Module, type Activity } from '../module';
import { asTensor } from './util';
import { signature } from '../signature';

/** Torch7 keeps y_j away from 0 in the gradients by this much. */
const EPS = 1e-7;

/**
 * The distance from the input to each of outputSize learned templates, each with its own diagonal
 * scaling: y_j = ‖c_j ⊙ (x − w_j)‖. weight and diagCov are [inputSize, outputSize] (column j is
 * template j); input [inputSize] or [n, inputSize]. Both are learned (`parameters()` gives them).
 * @example new nn.WeightedEuclidean(5, 3).forward(torch.randn(4, 5))   // [4, 3]
 */
@signature('inputSize: number, outputSize: number')
export class WeightedEuclidean extends Module {
  declare weight: Tensor;
  declare gradWeight: Tensor;
  diagCov: Tensor;
  gradDiagCov: Tensor;

  constructor(inputSize: number, outputSize: number) {
    super();
    this.weight = empty(inputSize, outputSize);
    this.gradWeight = empty(inputSize, outputSize).zero_();
    this.diagCov = empty(inputSize, outputSize);
    this.gradDiagCov = empty(inputSize, outputSize).zero_();
    this.reset();
  }

  /** weight uniform in ±1/√inputSize (or ±stdv·√3), diagCov ones, as Torch7. @example m.reset() */
  override reset(stdv?: number): this {
    const s = stdv === undefined ? 1 / Math.sqrt(this.weight.size(0)) : stdv * Math.sqrt(3);
    this.weight.uniform_(-s, s);
    this.diagCov.fill_(1);
    return this;
  }

  override parameters(): [Tensor[], Tensor[]] {
    return [[this.weight, this.diagCov], [this.gradWeight, this.gradDiagCov]];
  }

  /** x − w_j for every sample and template, [n, inputSize, outputSize], and the input as [n, inputSize]. */
  private diff(input: Activity): [Tensor, Tensor] {
    const x = asTensor(input, this.typename);
    const batch = x.dim() === 1 ? x.view(1, -1) : x;
    if (batch.dim() !== 2 || batch.size(1) !== this.weight.size(0))
      throw new TorchSizeError(`${this.typename}: expected input [${this.weight.size(0)}] or [n, ${this.weight.size(0)}], got [${x.size().join(', ')}]`);
    return [batch.unsqueeze(2).sub(this.weight.unsqueeze(0)), x];
  }

  override updateOutput(input: Activity): Tensor {
    const [d, x] = this.diff(input);
    const y = d.mul_(this.diagCov).norm(2, 1);
    return (this.output = x.dim() === 1 ? y.view(-1) : y);
  }

  /** gy / (y + ε) as [n, 1, outputSize]. */
  private scaledGrad(gradOutput: Activity, n: number): Tensor {
    const gy = asTensor(gradOutput, this.typename, 'gradOutput').reshape(n, 1, -1);
    return gy.div((this.output as Tensor).reshape(n, 1, -1).add(EPS));
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const [d, x] = this.diff(input);
    // ∂y_j/∂x = c_j² ⊙ (x − w_j) / y_j
    const g = d.mul_(this.diagCov).mul_(this.diagCov).mul_(this.scaledGrad(gradOutput, d.size(0))).sum(2);
    return (this.gradInput = g.view(x.size()));
  }

  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    const [d] = this.diff(input);
    const g = this.scaledGrad(gradOutput, d.size(0));
    // ∂y_j/∂w_j = −c_j² ⊙ (x − w_j) / y_j;  ∂y_j/∂c_j = c_j ⊙ (x − w_j)² / y_j
    this.gradWeight.sub_(d.mul(this.diagCov).mul_(this.diagCov).mul_(g).sum(0), { alpha: scale });
    this.gradDiagCov.add_(d.mul_(d).mul_(this.diagCov).mul_(g).sum(0), { alpha: scale });
  }

  override afterT7Load(fields: Record<string, unknown>): void {
    super.afterT7Load(fields);
    this.gradDiagCov ??= this.diagCov.clone().zero_();
  }
}
