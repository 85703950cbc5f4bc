/**
 * The classification criteria: ClassNLL (on log-probabilities), CrossEntropy (LogSoftMax + ClassNLL) and
 * BCE. Class indices are 0-based.
 */
import { empty, int64, Tensor, tensor, TorchIndexError, TorchSizeError, TorchTypeError } from '@torch/core';
import { Criterion } from '../criterion';
import type { Activity } from '../module';
import { LogSoftMax } from '../modules/softmax';
import { asTensor, reuse } from '../modules/util';

/**
 * −Σ w[tᵢ]·x[i, tᵢ], divided by Σ w[tᵢ] when sizeAverage; input [C] or [n, C] of log-probabilities,
 * target a class index or [n] indices (0-based); targets equal to ignoreIndex count for nothing.
 * @example
 * const nll = new nn.ClassNLLCriterion();
 * nll.forward(torch.randn(4, 10).logSoftmax(1), torch.tensor([1, 0, 9, 3]));
 */
export class ClassNLLCriterion extends Criterion {
  constructor(public weights: Tensor | null = null, public sizeAverage = true, public ignoreIndex = -100) {
    super();
    if (weights !== null && (!(weights instanceof Tensor) || weights.dim() !== 1)) throw new TorchTypeError(`nn.ClassNLLCriterion: weights must be a 1-D tensor`);
  }

  /** Input as [n, C], targets as int64 [n], and the per-sample weights (0 for ignored targets). */
  private prepare(input: Activity, target: Activity | number): { x: Tensor; t: Tensor; w: Tensor } {
    const raw = asTensor(input, this.typename);
    if (raw.dim() !== 1 && raw.dim() !== 2) throw new TorchSizeError(`${this.typename}: expected input [C] or [n, C], got [${raw.size().join(', ')}]`);
    const x = raw.dim() === 1 ? raw.view(1, -1) : raw;
    const tt = typeof target === 'number' ? tensor([target]) : asTensor(target, this.typename, 'target');
    const t = tt.reshape(-1).to(int64);
    if (t.numel() !== x.size(0)) throw new TorchSizeError(`${this.typename}: ${x.size(0)} samples but ${t.numel()} targets`);
    const classes = x.size(1);
    const ignored = t.eq(this.ignoreIndex);
    const safe = t.maskedFill(ignored, 0);
    const bad = safe.lt(0).add(safe.ge(classes)).gt(0);
    if (bad.any().item()) throw new TorchIndexError(`${this.typename}: target ${t.get(bad).get(0).item()} is out of range for ${classes} classes`);
    if (this.weights && this.weights.numel() !== classes) throw new TorchSizeError(`${this.typename}: ${this.weights.numel()} weights for ${classes} classes`);
    const w = (this.weights ? this.weights.to(x.dtype).indexSelect(0, safe) : empty(t.numel(), { dtype: x.dtype }).fill_(1)).maskedFill_(ignored, 0);
    return { x, t: safe, w };
  }

  updateOutput(input: Activity, target: Activity | number): number {
    const { x, t, w } = this.prepare(input, target);
    const picked = x.gather(1, t.view(-1, 1)).view(-1);
    const total = picked.mul(w).sum().item();
    const norm = this.sizeAverage ? w.sum().item() : 1;
    return (this.output = norm === 0 ? 0 : -total / norm);
  }

  updateGradInput(input: Activity, target: Activity | number): Tensor {
    const raw = asTensor(input, this.typename);
    const { x, t, w } = this.prepare(input, target);
    const norm = this.sizeAverage ? w.sum().item() : 1;
    const g = reuse(this.gradInput, raw).zero_();
    const g2 = g.view(x.size());
    g2.scatter_(1, t.view(-1, 1), w.view(-1, 1).mul(norm === 0 ? 0 : -1 / norm));
    return (this.gradInput = g);
  }
}

/**
 * ClassNLL of LogSoftMax: the loss of raw scores (logits) against class indices.
 * @example new nn.CrossEntropyCriterion().forward(torch.randn(4, 10), torch.tensor([1, 0, 9, 3]))
 */
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
