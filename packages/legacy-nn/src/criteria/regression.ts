/** The pointwise regression criteria: MSE, Abs (L1) and SmoothL1, with Torch7's sizeAverage. */
import { where, TorchSizeError, type Tensor } from '@torch/core';
import { averageOver, Criterion } from '../criterion';
import type { Activity } from '../module';
import { asTensor, reuse, scratch, total } from '../modules/util';
import { signature } from '../signature';

function pair(op: string, input: Activity, target: Activity | number): [Tensor, Tensor] {
  const x = asTensor(input, op);
  const t = asTensor(typeof target === 'number' ? [] : target, op, 'target');
  if (x.numel() !== t.numel()) throw new TorchSizeError(`${op}: input of size [${x.size().join(', ')}] and target of size [${t.size().join(', ')}] differ in element count`);
  return [x, t.viewAs(x)];
}

/**
 * Σ (x − t)², averaged over the elements when sizeAverage (the default).
 * @example new nn.MSECriterion().forward(torch.zeros(3), torch.ones(3))   // 1
 */
@signature('sizeAverage?: boolean')
export class MSECriterion extends Criterion {
  constructor(public sizeAverage = true) {
    super();
  }

  updateOutput(input: Activity, target: Activity | number): number {
    const [x, t] = pair(this.typename, input, target);
    const d = x.sub(t, { out: scratch(this, '_diff', x, x.size()) });
    return (this.output = total(this, '_sum', d.mul_(d)) / averageOver(x, this.sizeAverage));
  }

  updateGradInput(input: Activity, target: Activity | number): Tensor {
    const [x, t] = pair(this.typename, input, target);
    return (this.gradInput = x.sub(t, { out: reuse(this.gradInput, x) }).mul_(2 / averageOver(x, this.sizeAverage)));
  }
}

/**
 * Σ |x − t|, averaged when sizeAverage.
 * @example new nn.AbsCriterion().forward(torch.zeros(2), torch.tensor([1, -3], { dtype: torch.float32 }))   // 2
 */
@signature('sizeAverage?: boolean')
export class AbsCriterion extends Criterion {
  constructor(public sizeAverage = true) {
    super();
  }

  updateOutput(input: Activity, target: Activity | number): number {
    const [x, t] = pair(this.typename, input, target);
    return (this.output = x.sub(t).abs_().sum().item() / averageOver(x, this.sizeAverage));
  }

  updateGradInput(input: Activity, target: Activity | number): Tensor {
    const [x, t] = pair(this.typename, input, target);
    return (this.gradInput = x.sub(t, { out: reuse(this.gradInput, x) }).sign_().div_(averageOver(x, this.sizeAverage)));
  }
}

/**
 * Σ 0.5·d² where |d| < 1, |d| − 0.5 elsewhere (d = x − t), averaged when sizeAverage.
 * @example new nn.SmoothL1Criterion().forward(torch.zeros(2), torch.tensor([0.5, 3], { dtype: torch.float32 }))
 */
@signature('sizeAverage?: boolean')
export class SmoothL1Criterion extends Criterion {
  constructor(public sizeAverage = true) {
    super();
  }

  updateOutput(input: Activity, target: Activity | number): number {
    const [x, t] = pair(this.typename, input, target);
    const d = x.sub(t);
    const a = d.abs();
    return (this.output = where(a.lt(1), d.mul(d).mul_(0.5), a.sub(0.5)).sum().item() / averageOver(x, this.sizeAverage));
  }

  updateGradInput(input: Activity, target: Activity | number): Tensor {
    const [x, t] = pair(this.typename, input, target);
    const d = x.sub(t);
    return (this.gradInput = reuse(this.gradInput, x).copy_(d.clamp(-1, 1)).div_(averageOver(x, this.sizeAverage)));
  }
}
