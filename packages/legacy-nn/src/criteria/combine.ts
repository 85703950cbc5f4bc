/**
 * DistKLDiv, WeightedMSE, SpatialClassNLL, and the criteria made of criteria: MultiCriterion (several on
 * one input) and ParallelCriterion (one per input entry).
 */
import { TorchSizeError, type Tensor } from '@torch/core';
import { Criterion } from '../criterion';
import type { Activity } from '../module';
import { asTable, asTensor, reuse } from '../modules/util';
import { ClassNLLCriterion } from './classification';
import { MSECriterion } from './regression';
import { signature } from '../signature';

/**
 * Σ t·(log t − x) over elements with t > 0, for log-probabilities x and probabilities t.
 * @example new nn.DistKLDivCriterion().forward(logProbs, probs)
 */
@signature('sizeAverage?: boolean')
export class DistKLDivCriterion extends Criterion {
  constructor(public sizeAverage = true) {
    super();
  }
  updateOutput(input: Activity, target: Activity | number): number {
    const x = asTensor(input, this.typename);
    const t = asTensor(typeof target === 'number' ? [] : target, this.typename, 'target').viewAs(x);
    const terms = t.mul(t.clamp(1e-300, null).log().sub_(x)).maskedFill_(t.le(0), 0);
    return (this.output = terms.sum().item() / (this.sizeAverage ? x.numel() : 1));
  }
  updateGradInput(input: Activity, target: Activity | number): Tensor {
    const x = asTensor(input, this.typename);
    const t = asTensor(typeof target === 'number' ? [] : target, this.typename, 'target').viewAs(x);
    return (this.gradInput = reuse(this.gradInput, x).copy_(t).neg_().maskedFill_(t.le(0), 0).div_(this.sizeAverage ? x.numel() : 1));
  }
}

/**
 * MSE of the input against target ⊙ weight (Torch7's WeightedMSECriterion).
 * @example new nn.WeightedMSECriterion(torch.tensor([1, 0.5], { dtype: torch.float32 })).forward(x, t)
 */
@signature('weight: Tensor')
export class WeightedMSECriterion extends Criterion {
  private readonly mse = new MSECriterion();
  constructor(public weight: Tensor) {
    super();
  }
  private scaled(target: Activity | number): Tensor {
    const t = asTensor(typeof target === 'number' ? [] : target, this.typename, 'target');
    return t.mul(this.weight);
  }
  updateOutput(input: Activity, target: Activity | number): number {
    return (this.output = this.mse.updateOutput(input, this.scaled(target)));
  }
  updateGradInput(input: Activity, target: Activity | number): Activity {
    return (this.gradInput = this.mse.updateGradInput(input, this.scaled(target)));
  }
}

/**
 * ClassNLL per pixel: log-probabilities [n, C, H, W] against class maps [n, H, W] (0-based).
 * @example new nn.SpatialClassNLLCriterion().forward(torch.randn(2, 3, 4, 4).logSoftmax(1), targets)
 */
@signature('weights?: Tensor | null, sizeAverage?: boolean, ignoreIndex?: number')
export class SpatialClassNLLCriterion extends Criterion {
  private readonly nll: ClassNLLCriterion;
  constructor(weights: Tensor | null = null, sizeAverage = true, ignoreIndex = -100) {
    super();
    this.nll = new ClassNLLCriterion(weights, sizeAverage, ignoreIndex);
  }
  /** [n·H·W, C] rows and [n·H·W] targets. */
  private flat(input: Activity, target: Activity | number): [Tensor, Tensor] {
    const x = asTensor(input, this.typename);
    const t = asTensor(typeof target === 'number' ? [] : target, this.typename, 'target');
    if (x.dim() !== 4 || t.dim() !== 3 || t.size(0) !== x.size(0) || t.size(1) !== x.size(2) || t.size(2) !== x.size(3))
      throw new TorchSizeError(`${this.typename}: expected input [n, C, H, W] and target [n, H, W], got [${x.size().join(', ')}] and [${t.size().join(', ')}]`);
    return [x.permute(0, 2, 3, 1).reshape(-1, x.size(1)), t.reshape(-1)];
  }
  updateOutput(input: Activity, target: Activity | number): number {
    const [x, t] = this.flat(input, target);
    return (this.output = this.nll.updateOutput(x, t));
  }
  updateGradInput(input: Activity, target: Activity | number): Tensor {
    const x = asTensor(input, this.typename);
    const [rows, t] = this.flat(input, target);
    const g = this.nll.updateGradInput(rows, t);
    const [n, c, h, w] = x.size() as [number, number, number, number];
    return (this.gradInput = g.view(n, h, w, c).permute(0, 3, 1, 2).contiguous());
  }
}

/**
 * Σ wᵢ·criterionᵢ(input, target), all on the same input.
 * @example new nn.MultiCriterion().add(new nn.MSECriterion()).add(new nn.AbsCriterion(), 0.5)
 */
@signature('')
export class MultiCriterion extends Criterion {
  criterions: Criterion[] = [];
  weights: number[] = [];
  /** Adds a criterion with its weight. @example mc.add(new nn.MSECriterion(), 2) */
  add(criterion: Criterion, weight = 1): this {
    this.criterions.push(criterion);
    this.weights.push(weight);
    return this;
  }
  updateOutput(input: Activity, target: Activity | number): number {
    return (this.output = this.criterions.reduce((acc, c, i) => acc + this.weights[i]! * c.updateOutput(input, target), 0));
  }
  updateGradInput(input: Activity, target: Activity | number): Tensor {
    const x = asTensor(input, this.typename);
    const g = reuse(this.gradInput, x).zero_();
    this.criterions.forEach((c, i) => g.add_(asTensor(c.updateGradInput(input, target), this.typename), { alpha: this.weights[i]! }));
    return (this.gradInput = g);
  }
}

/**
 * Σ wᵢ·criterionᵢ(input[i], target[i]) (or the same target for all when repeatTarget).
 * @example new nn.ParallelCriterion().add(new nn.ClassNLLCriterion()).add(new nn.MSECriterion(), 0.1)
 */
@signature('repeatTarget?: boolean')
export class ParallelCriterion extends Criterion {
  criterions: Criterion[] = [];
  weights: number[] = [];
  constructor(public repeatTarget = false) {
    super();
  }
  /** Adds a criterion with its weight. @example pc.add(new nn.MSECriterion(), 2) */
  add(criterion: Criterion, weight = 1): this {
    this.criterions.push(criterion);
    this.weights.push(weight);
    return this;
  }
  private targetOf(target: Activity | number, i: number): Activity | number {
    return this.repeatTarget ? target : asTable(target as Activity, this.typename, 'target')[i]!;
  }
  updateOutput(input: Activity, target: Activity | number): number {
    const xs = asTable(input, this.typename);
    return (this.output = this.criterions.reduce((acc, c, i) => acc + this.weights[i]! * c.updateOutput(xs[i]!, this.targetOf(target, i)), 0));
  }
  updateGradInput(input: Activity, target: Activity | number): Activity[] {
    const xs = asTable(input, this.typename);
    return (this.gradInput = this.criterions.map((c, i) => {
      const g = c.updateGradInput(xs[i]!, this.targetOf(target, i));
      return Array.isArray(g) ? g : g.mul(this.weights[i]!);
    }));
  }
}
