/**
 * Modules over pairs of tensors: DotProduct, CosineDistance, PairwiseDistance (rows of a table [a, b]),
 * MM and MV (matrix products of a table), and Euclidean (distances to learned centres).
 */
import { bmm, empty, matmul, TorchSizeError, type Tensor } from '@torch/core';
import { Module, type Activity } from '../module';
import { asTable, asTensor } from './util';
import { signature } from '../signature';

function pairOf(input: Activity, op: string): [Tensor, Tensor] {
  const t = asTable(input, op);
  if (t.length !== 2) throw new TorchSizeError(`${op}: expected a table of 2 tensors, got ${t.length}`);
  const a = asTensor(t[0]!, op, 'input[0]');
  const b = asTensor(t[1]!, op, 'input[1]');
  return [a, b];
}

function samePair(input: Activity, op: string): [Tensor, Tensor] {
  const [a, b] = pairOf(input, op);
  if (a.size().join() !== b.size().join()) throw new TorchSizeError(`${op}: inputs of sizes [${a.size().join(', ')}] and [${b.size().join(', ')}] differ`);
  return [a, b];
}

/** The last dim, where the rows' features are. */
const FEATURES = -1;

/**
 * The dot product of the two inputs' rows.
 * @example new nn.DotProduct().forward([torch.randn(5, 3), torch.randn(5, 3)])   // [5]
 */
@signature('')
export class DotProduct extends Module {
  override updateOutput(input: Activity): Tensor {
    const [a, b] = samePair(input, this.typename);
    return (this.output = a.mul(b).sum(FEATURES));
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor[] {
    const [a, b] = samePair(input, this.typename);
    const g = asTensor(gradOutput, this.typename, 'gradOutput').unsqueeze(-1);
    return (this.gradInput = [b.mul(g), a.mul(g)]);
  }
}

/**
 * The cosine of the angle between the two inputs' rows.
 * @example new nn.CosineDistance().forward([a, b])
 */
@signature('')
export class CosineDistance extends Module {
  override updateOutput(input: Activity): Tensor {
    const [a, b] = samePair(input, this.typename);
    return (this.output = a.mul(b).sum(FEATURES).div_(a.norm(2, FEATURES).mul_(b.norm(2, FEATURES)).clamp_(1e-12, null)));
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor[] {
    const [a, b] = samePair(input, this.typename);
    const g = asTensor(gradOutput, this.typename, 'gradOutput').unsqueeze(-1);
    const na = a.norm(2, FEATURES, { keepdim: true }).clamp_(1e-12, null);
    const nb = b.norm(2, FEATURES, { keepdim: true }).clamp_(1e-12, null);
    const cos = (this.output as Tensor).unsqueeze(-1);
    // ∂cos/∂a = b/(|a||b|) − cos·a/|a|²
    const ga = b.div(na.mul(nb)).sub_(a.mul(cos).div_(na.mul(na))).mul_(g);
    const gb = a.div(na.mul(nb)).sub_(b.mul(cos).div_(nb.mul(nb))).mul_(g);
    return (this.gradInput = [ga, gb]);
  }
}

/**
 * The p-norm of the difference of the two inputs' rows.
 * @example new nn.PairwiseDistance(2).forward([a, b])
 */
@signature('norm?: number')
export class PairwiseDistance extends Module {
  constructor(public norm = 2) {
    super();
  }
  override updateOutput(input: Activity): Tensor {
    const [a, b] = samePair(input, this.typename);
    return (this.output = a.sub(b).norm(this.norm, FEATURES));
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor[] {
    const [a, b] = samePair(input, this.typename);
    const d = a.sub(b);
    const dist = (this.output as Tensor).unsqueeze(-1).clamp(1e-12, null);
    const g = asTensor(gradOutput, this.typename, 'gradOutput').unsqueeze(-1);
    // ∂‖d‖p/∂d = sign(d)·|d|^(p−1) / ‖d‖p^(p−1)
    const ga = d.sign().mul_(d.abs().pow_(this.norm - 1)).div_(dist.pow(this.norm - 1)).mul_(g);
    return (this.gradInput = [ga, ga.neg()]);
  }
}

/**
 * A·B for a table [A, B] of matrices, or of batches of them; transA/transB transpose first.
 * @example new nn.MM(false, true).forward([torch.randn(2, 3), torch.randn(4, 3)])   // [2, 4]
 */
@signature('transA?: boolean, transB?: boolean')
export class MM extends Module {
  constructor(public transA = false, public transB = false) {
    super();
  }
  private operands(input: Activity): [Tensor, Tensor] {
    const [a, b] = pairOf(input, this.typename);
    if (a.dim() !== b.dim() || (a.dim() !== 2 && a.dim() !== 3)) throw new TorchSizeError(`${this.typename}: expected two matrices or two batches of matrices, got [${a.size().join(', ')}] and [${b.size().join(', ')}]`);
    return [this.transA ? a.transpose(-1, -2) : a, this.transB ? b.transpose(-1, -2) : b];
  }
  override updateOutput(input: Activity): Tensor {
    const [a, b] = this.operands(input);
    return (this.output = a.dim() === 2 ? a.mm(b) : bmm(a, b));
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor[] {
    const [a, b] = this.operands(input);
    const g = asTensor(gradOutput, this.typename, 'gradOutput');
    const ga = matmul(g, b.transpose(-1, -2));
    const gb = matmul(a.transpose(-1, -2), g);
    return (this.gradInput = [this.transA ? ga.transpose(-1, -2).contiguous() : ga, this.transB ? gb.transpose(-1, -2).contiguous() : gb]);
  }
}

/**
 * M·v for a table [M, v] (or batches [n, r, c] and [n, c]); trans transposes M first.
 * @example new nn.MV().forward([torch.randn(2, 3), torch.randn(3)])   // [2]
 */
@signature('trans?: boolean')
export class MV extends Module {
  constructor(public trans = false) {
    super();
  }
  override updateOutput(input: Activity): Tensor {
    const [m, v] = pairOf(input, this.typename);
    const mt = this.trans ? m.transpose(-1, -2) : m;
    return (this.output = matmul(mt, v.unsqueeze(-1)).squeeze(-1));
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor[] {
    const [m, v] = pairOf(input, this.typename);
    const g = asTensor(gradOutput, this.typename, 'gradOutput').unsqueeze(-1);
    const gm = matmul(g, v.unsqueeze(-2));
    const mt = this.trans ? m.transpose(-1, -2) : m;
    return (this.gradInput = [this.trans ? gm.transpose(-1, -2).contiguous() : gm, matmul(mt.transpose(-1, -2), g).squeeze(-1)]);
  }
}

/**
 * y_j = ‖w_j − x‖ for outputSize learned centres w_j of inputSize features.
 * @example new nn.Euclidean(5, 3).forward(torch.randn(4, 5))   // [4, 3]
 */
@signature('inputSize: number, outputSize: number')
export class Euclidean extends Module {
  declare weight: Tensor;
  declare gradWeight: Tensor;
  constructor(inputSize: number, outputSize: number) {
    super();
    this.weight = empty(inputSize, outputSize);
    this.gradWeight = empty(inputSize, outputSize).zero_();
    this.reset();
  }
  override reset(stdv = 1 / Math.sqrt(this.weight.size(0))): this {
    this.weight.uniform_(-stdv, stdv);
    return this;
  }
  /** x − w for every (sample, centre): [n, inputSize, outputSize]. */
  private diff(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const batch = x.dim() === 1 ? x.view(1, -1) : x;
    if (batch.size(1) !== this.weight.size(0)) throw new TorchSizeError(`${this.typename}: expected ${this.weight.size(0)} features, got input [${x.size().join(', ')}]`);
    return batch.unsqueeze(2).sub(this.weight.unsqueeze(0));
  }
  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const y = this.diff(input).norm(2, 1);
    return (this.output = x.dim() === 1 ? y.view(-1) : y);
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const d = this.diff(input);
    const y = (this.output as Tensor).view(d.size(0), 1, -1).clamp(1e-12, null);
    const g = asTensor(gradOutput, this.typename, 'gradOutput').view(d.size(0), 1, -1);
    return (this.gradInput = d.div(y).mul_(g).sum(2).view(...x.size()));
  }
  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    const d = this.diff(input);
    const y = (this.output as Tensor).view(d.size(0), 1, -1).clamp(1e-12, null);
    const g = asTensor(gradOutput, this.typename, 'gradOutput').view(d.size(0), 1, -1);
    this.gradWeight.sub_(d.div(y).mul_(g).sum(0), { alpha: scale });
  }
}
