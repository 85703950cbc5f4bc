/**
 * The classification criteria: ClassNLL (on log-probabilities), CrossEntropy (LogSoftMax + ClassNLL) and
 * BCE. Class indices are 0-based.
 */
import { bool, int64, Tensor, TorchIndexError, TorchSizeError, TorchTypeError } from '@torch/core';
import { Criterion } from '../criterion';
import type { Activity } from '../module';
import { LogSoftMax } from '../modules/softmax';
import { asTensor, reuse, scratch, total } from '../modules/util';
import { signature } from '../signature';

/**
 * −Σ w[tᵢ]·x[i, tᵢ], divided by Σ w[tᵢ] when sizeAverage; input [C] or [n, C] of log-probabilities,
 * target a class index or [n] indices (0-based); targets equal to ignoreIndex count for nothing.
 * @example
 * const nll = new nn.ClassNLLCriterion();
 * nll.forward(torch.randn(4, 10).logSoftmax(1), torch.tensor([1, 0, 9, 3]));
 */
@signature('weights?: Tensor | null, sizeAverage?: boolean, ignoreIndex?: number')
export class ClassNLLCriterion extends Criterion {
  constructor(public weights: Tensor | null = null, public sizeAverage = true, public ignoreIndex = -100) {
    super();
    if (weights !== null && (!(weights instanceof Tensor) || weights.dim() !== 1)) throw new TorchTypeError(`nn.ClassNLLCriterion: weights must be a 1-D tensor`);
  }

  /**
   * Input as [n, C], the targets as int64 [n] with ignored ones set to 0, and the per-sample weights
   * (0 for ignored targets). Every intermediate lives in a reused `_` buffer: no allocation per call.
   */
  private prepare(input: Activity, target: Activity | number): { x: Tensor; t: Tensor; w: Tensor } {
    const raw = asTensor(input, this.typename);
    if (raw.dim() !== 1 && raw.dim() !== 2) throw new TorchSizeError(`${this.typename}: expected input [C] or [n, C], got [${raw.size().join(', ')}]`);
    const x = raw.dim() === 1 ? raw.view(1, -1) : raw;
    const [n, classes] = [x.size(0), x.size(1)];
    const given = typeof target === 'number' ? null : asTensor(target, this.typename, 'target');
    if (given !== null && given.numel() !== n) throw new TorchSizeError(`${this.typename}: ${n} samples but ${given.numel()} targets`);
    if (this.weights && this.weights.numel() !== classes) throw new TorchSizeError(`${this.typename}: ${this.weights.numel()} weights for ${classes} classes`);
    const t = scratch(this, '_target', x, [n], int64);
    if (given === null) t.fill_(target as number);
    else t.copy_(given.dim() === 1 ? given : given.reshape(-1));
    const ignored = t.eq(this.ignoreIndex, { out: scratch(this, '_ignored', x, [n], bool) });
    t.maskedFill_(ignored, 0);
    const w = scratch(this, '_weights', x, [n]);
    if (this.weights) this.classWeights(x).indexSelect(0, t, { out: w });
    else w.fill_(1);
    w.maskedFill_(ignored, 0);
    return { x, t, w };
  }

  /** The class weights in the input's dtype (converted once, not per call). */
  private classWeights(x: Tensor): Tensor {
    const w = this.weights!;
    return w.dtype === x.dtype ? w : scratch(this, '_classWeights', x, [w.numel()]).copy_(w);
  }

  /** x[i, t[i]] for every sample, as [n, 1]; an out-of-range target is an error naming it. */
  private picked(x: Tensor, t: Tensor): Tensor {
    const bad = outOfRange(t, x.size(1));
    if (bad !== null) throw new TorchIndexError(`${this.typename}: target ${bad} is out of range for ${x.size(1)} classes`);
    return x.gather(1, t.view(-1, 1), { out: scratch(this, '_picked', x, [x.size(0), 1]) });
  }

  updateOutput(input: Activity, target: Activity | number): number {
    const { x, t, w } = this.prepare(input, target);
    const picked = this.picked(x, t).view(-1).mul_(w);
    const sum = total(this, '_sum', picked);
    const norm = this.sizeAverage ? total(this, '_norm', w) : 1;
    return (this.output = norm === 0 ? 0 : -sum / norm);
  }

  updateGradInput(input: Activity, target: Activity | number): Tensor {
    const raw = asTensor(input, this.typename);
    const { x, t, w } = this.prepare(input, target);
    const bad = outOfRange(t, x.size(1));
    if (bad !== null) throw new TorchIndexError(`${this.typename}: target ${bad} is out of range for ${x.size(1)} classes`);
    const norm = this.sizeAverage ? total(this, '_norm', w) : 1;
    const g = reuse(this.gradInput, raw).zero_();
    g.view(x.size()).scatter_(1, t.view(-1, 1), w.mul_(norm === 0 ? 0 : -1 / norm).view(-1, 1));
    return (this.gradInput = g);
  }
}

/**
 * The first target outside [0, classes), or null. Reads the (contiguous, int64) targets in place: a
 * range check through tensor ops would allocate a mask and a scalar on every call.
 */
function outOfRange(t: Tensor, classes: number): number | null {
  const data = t.storage().data as BigInt64Array;
  const from = t.storageOffset();
  const hi = BigInt(classes);
  for (let i = 0; i < t.numel(); i++) {
    const v = data[from + i]!;
    if (v < 0n || v >= hi) return Number(v);
  }
  return null;
}

/**
 * ClassNLL of LogSoftMax: the loss of raw scores (logits) against class indices.
 * @example new nn.CrossEntropyCriterion().forward(torch.randn(4, 10), torch.tensor([1, 0, 9, 3]))
 */
@signature('weights?: Tensor | null, sizeAverage?: boolean')
export class CrossEntropyCriterion extends Criterion {
  readonly lsm = new LogSoftMax();
  readonly nll: ClassNLLCriterion;

  constructor(weights: Tensor | null = null, sizeAverage = true) {
    super();
    this.nll = new ClassNLLCriterion(weights, sizeAverage);
  }

  updateOutput(input: Activity, target: Activity | number): number {
    const x = asTensor(input, this.typename);
    this.lsm.updateOutput(x);
    return (this.output = this.nll.updateOutput(this.lsm.output, target));
  }

  updateGradInput(input: Activity, target: Activity | number): Tensor {
    const x = asTensor(input, this.typename);
    // Recomputed rather than trusted from the last forward, which may have seen another input.
    this.lsm.updateOutput(x);
    const g = this.nll.updateGradInput(this.lsm.output, target);
    return (this.gradInput = this.lsm.updateGradInput(x, g));
  }
}

/** Torch7's BCECriterion keeps log away from 0 by this much. */
const EPS = 1e-12;

/**
 * −Σ w·[t·log(x) + (1 − t)·log(1 − x)] for probabilities x, averaged when sizeAverage.
 * @example new nn.BCECriterion().forward(torch.tensor([0.9, 0.2], { dtype: torch.float32 }), torch.tensor([1, 0], { dtype: torch.float32 }))
 */
@signature('weights?: Tensor | null, sizeAverage?: boolean')
export class BCECriterion extends Criterion {
  constructor(public weights: Tensor | null = null, public sizeAverage = true) {
    super();
  }

  private prepare(input: Activity, target: Activity | number): [Tensor, Tensor] {
    const x = asTensor(input, this.typename);
    const t = asTensor(typeof target === 'number' ? [] : target, this.typename, 'target');
    if (x.numel() !== t.numel()) throw new TorchSizeError(`${this.typename}: input [${x.size().join(', ')}] and target [${t.size().join(', ')}] differ in element count`);
    return [x, t.to(x.dtype).viewAs(x)];
  }

  updateOutput(input: Activity, target: Activity | number): number {
    const [x, t] = this.prepare(input, target);
    let terms = t.mul(x.add(EPS).log()).add_(t.neg().add_(1).mul_(x.neg().add_(1 + EPS).log()));
    if (this.weights) terms = terms.mul(this.weights);
    return (this.output = -terms.sum().item() / (this.sizeAverage ? x.numel() : 1));
  }

  updateGradInput(input: Activity, target: Activity | number): Tensor {
    const [x, t] = this.prepare(input, target);
    // −(t − x) / ((1 − x + ε)(x + ε))
    const denom = x.neg().add_(1 + EPS).mul_(x.add(EPS));
    let g = t.sub(x).div_(denom).neg_();
    if (this.weights) g = g.mul(this.weights);
    return (this.gradInput = reuse(this.gradInput, x).copy_(g.div_(this.sizeAverage ? x.numel() : 1)));
  }
}
