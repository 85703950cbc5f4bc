/**
 * The margin and embedding criteria: HingeEmbedding, L1HingeEmbedding, CosineEmbedding, MarginRanking,
 * Margin, SoftMargin, MultiMargin, MultiLabelMargin and MultiLabelSoftMargin. Labels are ±1 where Torch7's
 * are; class indices are 0-based, and a multi-label target list ends at the first −1.
 */
import { int64, Tensor, tensor, TorchIndexError, TorchSizeError, where } from '@torch/core';
import { Criterion } from '../criterion';
import type { Activity } from '../module';
import { asTable, asTensor, reuse } from '../modules/util';
import { signature } from '../signature';

const targetTensor = (target: Activity | number, like: Tensor, op: string): Tensor =>
  (typeof target === 'number' ? tensor(target, { dtype: like.dtype }) : asTensor(target, op, 'target').to(like.dtype));

const norm = (n: number, sizeAverage: boolean) => (sizeAverage ? n : 1);

/**
 * x where y = 1, max(0, margin − x) where y = −1 (x are distances).
 * @example new nn.HingeEmbeddingCriterion(1).forward(distances, labels)
 */
@signature('margin?: number, sizeAverage?: boolean')
export class HingeEmbeddingCriterion extends Criterion {
  constructor(public margin = 1, public sizeAverage = true) {
    super();
  }
  updateOutput(input: Activity, target: Activity | number): number {
    const x = asTensor(input, this.typename);
    const y = targetTensor(target, x, this.typename).expand(...x.size());
    const loss = where(y.eq(1), x, x.neg().add_(this.margin).clamp_(0, null));
    return (this.output = loss.sum().item() / norm(x.numel(), this.sizeAverage));
  }
  updateGradInput(input: Activity, target: Activity | number): Tensor {
    const x = asTensor(input, this.typename);
    const y = targetTensor(target, x, this.typename).expand(...x.size());
    const neg = x.lt(this.margin).to(x.dtype).neg_();
    return (this.gradInput = where(y.eq(1), x.new().resizeAs_(x).fill_(1), neg, { out: reuse(this.gradInput, x) }).div_(norm(x.numel(), this.sizeAverage)));
  }
}

/**
 * For a pair [a, b] and y = ±1: ‖a − b‖₁ when y = 1, max(0, margin − ‖a − b‖₁) when y = −1.
 * @example new nn.L1HingeEmbeddingCriterion(2).forward([a, b], 1)
 */
@signature('margin?: number')
export class L1HingeEmbeddingCriterion extends Criterion {
  constructor(public margin = 1) {
    super();
  }
  private parts(input: Activity): [Tensor, Tensor, number] {
    const [a, b] = asTable(input, this.typename).map((t, i) => asTensor(t, this.typename, `input[${i}]`));
    const d = a!.sub(b!);
    return [a!, d, d.abs().sum().item()];
  }
  updateOutput(input: Activity, target: Activity | number): number {
    const [, , dist] = this.parts(input);
    const y = typeof target === 'number' ? target : asTensor(target, this.typename, 'target').item();
    return (this.output = y === 1 ? dist : Math.max(0, this.margin - dist));
  }
  updateGradInput(input: Activity, target: Activity | number): Tensor[] {
    const [, d, dist] = this.parts(input);
    const y = typeof target === 'number' ? target : asTensor(target, this.typename, 'target').item();
    const scale = y === 1 ? 1 : dist < this.margin ? -1 : 0;
    const ga = d.sign().mul_(scale);
    return (this.gradInput = [ga, ga.neg()]);
  }
}

/**
 * Per row pair: 1 − cos where y = 1, max(0, cos − margin) where y = −1.
 * @example new nn.CosineEmbeddingCriterion(0.5).forward([a, b], torch.tensor([1, -1]))
 */
@signature('margin?: number, sizeAverage?: boolean')
export class CosineEmbeddingCriterion extends Criterion {
  constructor(public margin = 0, public sizeAverage = true) {
    super();
  }
  private parts(input: Activity, target: Activity | number) {
    const [a0, b0] = asTable(input, this.typename).map((t, i) => asTensor(t, this.typename, `input[${i}]`));
    const a = a0!.dim() === 1 ? a0!.view(1, -1) : a0!;
    const b = b0!.dim() === 1 ? b0!.view(1, -1) : b0!;
    const y = targetTensor(target, a, this.typename).reshape(-1);
    if (y.numel() !== a.size(0)) throw new TorchSizeError(`${this.typename}: ${a.size(0)} pairs but ${y.numel()} labels`);
    const na = a.norm(2, 1).clamp_(1e-12, null);
    const nb = b.norm(2, 1).clamp_(1e-12, null);
    const cos = a.mul(b).sum(1).div_(na.mul(nb));
    return { a, b, y, na, nb, cos, shapeA: a0!.size() };
  }
  updateOutput(input: Activity, target: Activity | number): number {
    const { y, cos } = this.parts(input, target);
    const loss = where(y.eq(1), cos.neg().add(1), cos.sub(this.margin).clamp_(0, null));
    return (this.output = loss.sum().item() / norm(y.numel(), this.sizeAverage));
  }
  updateGradInput(input: Activity, target: Activity | number): Tensor[] {
    const { a, b, y, na, nb, cos, shapeA } = this.parts(input, target);
    // d(loss)/d(cos): −1 for y = 1, 1 where cos > margin for y = −1
    const dcos = where(y.eq(1), cos.new().resizeAs_(cos).fill_(-1), cos.gt(this.margin).to(cos.dtype)).div_(norm(y.numel(), this.sizeAverage)).view(-1, 1);
    const c = cos.view(-1, 1);
    const ga = b.div(na.mul(nb).view(-1, 1)).sub_(a.mul(c).div_(na.mul(na).view(-1, 1))).mul_(dcos);
    const gb = a.div(na.mul(nb).view(-1, 1)).sub_(b.mul(c).div_(nb.mul(nb).view(-1, 1))).mul_(dcos);
    return (this.gradInput = [ga.view(...shapeA), gb.view(...shapeA)]);
  }
}

/**
 * max(0, −y·(x1 − x2) + margin) for a pair [x1, x2] of scores and y = ±1.
 * @example new nn.MarginRankingCriterion(0.1).forward([s1, s2], torch.tensor([1, -1]))
 */
@signature('margin?: number, sizeAverage?: boolean')
export class MarginRankingCriterion extends Criterion {
  constructor(public margin = 0, public sizeAverage = true) {
    super();
  }
  private parts(input: Activity, target: Activity | number) {
    const [x1, x2] = asTable(input, this.typename).map((t, i) => asTensor(t, this.typename, `input[${i}]`));
    const y = targetTensor(target, x1!, this.typename).expand(...x1!.size());
    const slack = x1!.sub(x2!).mul_(y).neg_().add_(this.margin);
    return { x1: x1!, y, slack };
  }
  updateOutput(input: Activity, target: Activity | number): number {
    const { x1, slack } = this.parts(input, target);
    return (this.output = slack.clamp(0, null).sum().item() / norm(x1.numel(), this.sizeAverage));
  }
  updateGradInput(input: Activity, target: Activity | number): Tensor[] {
    const { x1, y, slack } = this.parts(input, target);
    const g = y.neg().mul_(slack.gt(0).to(x1.dtype)).div_(norm(x1.numel(), this.sizeAverage));
    return (this.gradInput = [g, g.neg()]);
  }
}

/**
 * Σ max(0, margin − y·x) for labels y = ±1.
 * @example new nn.MarginCriterion().forward(scores, labels)
 */
@signature('margin?: number, sizeAverage?: boolean')
export class MarginCriterion extends Criterion {
  constructor(public margin = 1, public sizeAverage = true) {
    super();
  }
  updateOutput(input: Activity, target: Activity | number): number {
    const x = asTensor(input, this.typename);
    const y = targetTensor(target, x, this.typename).viewAs(x);
    return (this.output = x.mul(y).neg_().add_(this.margin).clamp_(0, null).sum().item() / norm(x.numel(), this.sizeAverage));
  }
  updateGradInput(input: Activity, target: Activity | number): Tensor {
    const x = asTensor(input, this.typename);
    const y = targetTensor(target, x, this.typename).viewAs(x);
    const active = x.mul(y).lt(this.margin).to(x.dtype);
    return (this.gradInput = y.neg().mul_(active).div_(norm(x.numel(), this.sizeAverage)));
  }
}

/**
 * Σ log(1 + e^(−y·x)) for labels y = ±1.
 * @example new nn.SoftMarginCriterion().forward(scores, labels)
 */
@signature('sizeAverage?: boolean')
export class SoftMarginCriterion extends Criterion {
  constructor(public sizeAverage = true) {
    super();
  }
  updateOutput(input: Activity, target: Activity | number): number {
    const x = asTensor(input, this.typename);
    const y = targetTensor(target, x, this.typename).viewAs(x);
    return (this.output = x.mul(y).neg_().exp_().log1p_().sum().item() / norm(x.numel(), this.sizeAverage));
  }
  updateGradInput(input: Activity, target: Activity | number): Tensor {
    const x = asTensor(input, this.typename);
    const y = targetTensor(target, x, this.typename).viewAs(x);
    // −y·σ(−y·x)
    return (this.gradInput = x.mul(y).neg_().sigmoid_().mul_(y).neg_().div_(norm(x.numel(), this.sizeAverage)));
  }
}

/** Rows [n, C] of scores and the n targets as int64 (checked against C). */
function scoresAndClasses(op: string, input: Activity, target: Activity | number): [Tensor, Tensor] {
  const raw = asTensor(input, op);
  const x = raw.dim() === 1 ? raw.view(1, -1) : raw;
  const t = (typeof target === 'number' ? tensor([target]) : asTensor(target, op, 'target')).reshape(-1).to(int64);
  if (t.numel() !== x.size(0)) throw new TorchSizeError(`${op}: ${x.size(0)} samples but ${t.numel()} targets`);
  if (t.numel() && (t.min().item() < 0 || t.max().item() >= x.size(1))) throw new TorchIndexError(`${op}: target out of range for ${x.size(1)} classes`);
  return [x, t];
}

/**
 * Σ_{j≠y} max(0, margin − x[y] + x[j])^p / C per sample (p = 1 or 2), with optional class weights.
 * @example new nn.MultiMarginCriterion().forward(torch.randn(4, 10), torch.tensor([1, 0, 9, 3]))
 */
@signature('p?: number, weights?: Tensor | null, margin?: number, sizeAverage?: boolean')
export class MultiMarginCriterion extends Criterion {
  constructor(public p = 1, public weights: Tensor | null = null, public margin = 1, public sizeAverage = true) {
    super();
    if (p !== 1 && p !== 2) throw new RangeError(`nn.MultiMarginCriterion: p must be 1 or 2, got ${p}`);
  }
  private slack(input: Activity, target: Activity | number) {
    const [x, t] = scoresAndClasses(this.typename, input, target);
    const picked = x.gather(1, t.view(-1, 1));
    const z = x.sub(picked).add_(this.margin).scatter_(1, t.view(-1, 1), 0);
    const active = z.gt(0).to(x.dtype);
    const w = this.weights ? this.weights.to(x.dtype).indexSelect(0, t).view(-1, 1) : null;
    return { x, t, z: z.clamp_(0, null), active, w, scale: x.size(1) * (this.sizeAverage ? x.size(0) : 1) };
  }
  updateOutput(input: Activity, target: Activity | number): number {
    const { z, w, scale } = this.slack(input, target);
    let terms = this.p === 1 ? z : z.mul(z);
    if (w) terms = terms.mul(w);
    return (this.output = terms.sum().item() / scale);
  }
  updateGradInput(input: Activity, target: Activity | number): Tensor {
    const { t, z, active, w, scale } = this.slack(input, target);
    let g = this.p === 1 ? active : z.mul(2);
    if (w) g = g.mul(w);
    g = g.div(scale);
    g.scatter_(1, t.view(-1, 1), g.sum(1, { keepdim: true }).neg_());
    return (this.gradInput = g.viewAs(asTensor(input, this.typename)));
  }
}

/**
 * For each sample, Σ over its target classes j and non-target classes k of max(0, 1 − (x[j] − x[k])) / C.
 * A target row lists class indices and ends at the first −1.
 * @example new nn.MultiLabelMarginCriterion().forward(torch.randn(1, 4), torch.tensor([[3, 0, -1, 1]]))
 */
@signature('sizeAverage?: boolean')
export class MultiLabelMarginCriterion extends Criterion {
  constructor(public sizeAverage = true) {
    super();
  }
  private masks(input: Activity, target: Activity | number) {
    const raw = asTensor(input, this.typename);
    const x = raw.dim() === 1 ? raw.view(1, -1) : raw;
    const t = asTensor(typeof target === 'number' ? [] : target, this.typename, 'target').to(int64).view(x.size(0), -1);
    const isTarget = x.new().resize_(x.size()).zero_();
    (t.tolist() as number[][]).forEach((row, i) => {
      for (const c of row) {
        if (c === -1) break;
        if (c < 0 || c >= x.size(1)) throw new TorchIndexError(`${this.typename}: target ${c} out of range for ${x.size(1)} classes`);
        isTarget.set([i, c], 1);
      }
    });
    // hinge[i, j, k] = max(0, 1 − x[i, j] + x[i, k]) for j a target and k not
    const hinge = x.unsqueeze(1).sub(x.unsqueeze(2)).add_(1);
    const pairs = isTarget.unsqueeze(2).mul(isTarget.neg().add(1).unsqueeze(1));
    return { raw, x, hinge, pairs, scale: x.size(1) * (this.sizeAverage ? x.size(0) : 1) };
  }
  updateOutput(input: Activity, target: Activity | number): number {
    const { hinge, pairs, scale } = this.masks(input, target);
    return (this.output = hinge.clamp(0, null).mul_(pairs).sum().item() / scale);
  }
  updateGradInput(input: Activity, target: Activity | number): Tensor {
    const { raw, hinge, pairs, scale } = this.masks(input, target);
    const active = hinge.gt(0).to(hinge.dtype).mul_(pairs).div_(scale);
    // ∂/∂x[k] of the non-target side is +active summed over j; of the target side −active summed over k
    return (this.gradInput = active.sum(1).sub_(active.sum(2)).viewAs(raw));
  }
}

/**
 * −Σ w·[y·log σ(x) + (1 − y)·log σ(−x)] / C per sample, for 0/1 multi-label targets.
 * @example new nn.MultiLabelSoftMarginCriterion().forward(torch.randn(2, 4), torch.tensor([[1, 0, 0, 1], [0, 1, 1, 0]]))
 */
@signature('weights?: Tensor | null, sizeAverage?: boolean')
export class MultiLabelSoftMarginCriterion extends Criterion {
  constructor(public weights: Tensor | null = null, public sizeAverage = true) {
    super();
  }
  private parts(input: Activity, target: Activity | number) {
    const x = asTensor(input, this.typename);
    const y = targetTensor(target, x, this.typename).viewAs(x);
    const scale = x.size(-1) * (this.sizeAverage && x.dim() > 1 ? x.size(0) : 1);
    return { x, y, scale };
  }
  updateOutput(input: Activity, target: Activity | number): number {
    const { x, y, scale } = this.parts(input, target);
    // log σ(x) = −softplus(−x), log σ(−x) = −softplus(x), computed stably
    const softplus = (v: Tensor) => v.clamp(0, null).add_(v.abs().neg_().exp_().log1p_());
    let terms = y.mul(softplus(x.neg())).add_(y.neg().add(1).mul_(softplus(x)));
    if (this.weights) terms = terms.mul(this.weights);
    return (this.output = terms.sum().item() / scale);
  }
  updateGradInput(input: Activity, target: Activity | number): Tensor {
    const { x, y, scale } = this.parts(input, target);
    let g = x.sigmoid().sub_(y);
    if (this.weights) g = g.mul(this.weights);
    return (this.gradInput = g.div_(scale));
  }
}
