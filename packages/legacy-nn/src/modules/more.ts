/**
 * RReLU (randomised leaky ReLU), Bilinear, MixtureTable (a gated mixture of experts), SpatialCrossMapLRN
 * (local response normalisation across planes) and DepthConcat (Concat that centres smaller outputs).
 */
import { cat, empty, where, TorchSizeError, type Tensor } from '@torch/core';
import { Container } from '../container';
import { Module, type Activity } from '../module';
import { asTable, asTensor, reuse } from './util';
import { signature } from '../signature';

/**
 * x for x ≥ 0, a·x otherwise, with a drawn uniformly from [lower, upper] per element while training and
 * (lower + upper)/2 in evaluation.
 * @example new nn.RReLU(1 / 8, 1 / 3).forward(torch.randn(4, 5))
 */
@signature('lower?: number, upper?: number, inplace?: boolean')
export class RReLU extends Module {
  private noise?: Tensor;
  constructor(public lower = 1 / 8, public upper = 1 / 3, public inplace = false) {
    super();
  }
  private slopes(x: Tensor): Tensor {
    if (!this.train) return x.new().resizeAs_(x).fill_((this.lower + this.upper) / 2);
    return x.new().resizeAs_(x).uniform_(this.lower, this.upper);
  }
  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    this.noise = where(x.ge(0), x.new().resizeAs_(x).fill_(1), this.slopes(x));
    return (this.output = this.inplace ? x.mul_(this.noise) : x.mul(this.noise, { out: reuse(this.output, x) }));
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = asTensor(input, this.typename);
    return (this.gradInput = asTensor(gradOutput, this.typename, 'gradOutput').mul(this.noise!, { out: reuse(this.gradInput, x) }));
  }
}

/**
 * y_k = x1ᵀ·W_k·x2 + b_k for a table [x1 [n, in1], x2 [n, in2]]; weight [out, in1, in2].
 * @example new nn.Bilinear(3, 4, 2).forward([torch.randn(5, 3), torch.randn(5, 4)])   // [5, 2]
 */
@signature('inputSize1: number, inputSize2: number, outputSize: number, bias?: boolean')
export class Bilinear extends Module {
  declare weight: Tensor;
  declare gradWeight: Tensor;
  constructor(inputSize1: number, inputSize2: number, outputSize: number, bias = true) {
    super();
    this.weight = empty(outputSize, inputSize1, inputSize2);
    this.gradWeight = empty(outputSize, inputSize1, inputSize2).zero_();
    if (bias) (this.bias = empty(outputSize), this.gradBias = empty(outputSize).zero_());
    this.reset();
  }
  override reset(stdv = 1 / Math.sqrt(this.weight.size(1))): this {
    this.weight.uniform_(-stdv, stdv);
    this.bias?.uniform_(-stdv, stdv);
    return this;
  }
  private pair(input: Activity): [Tensor, Tensor] {
    const [a, b] = asTable(input, this.typename).map((t, i) => asTensor(t, this.typename, `input[${i}]`));
    if (a!.dim() !== 2 || b!.dim() !== 2 || a!.size(1) !== this.weight.size(1) || b!.size(1) !== this.weight.size(2) || a!.size(0) !== b!.size(0))
      throw new TorchSizeError(`${this.typename}: expected [n, ${this.weight.size(1)}] and [n, ${this.weight.size(2)}], got [${a!.size().join(', ')}] and [${b!.size().join(', ')}]`);
    return [a!, b!];
  }
  override updateOutput(input: Activity): Tensor {
    const [a, b] = this.pair(input);
    // (a·W_k) is [n, in2] per k: contract with b row by row
    const aw = a.matmul(this.weight.transpose(0, 1).reshape(a.size(1), -1)).view(a.size(0), this.weight.size(0), -1);
    const y = aw.mul(b.unsqueeze(1)).sum(2);
    return (this.output = this.bias ? y.add_(this.bias) : y);
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor[] {
    const [a, b] = this.pair(input);
    const g = asTensor(gradOutput, this.typename, 'gradOutput');
    // ∂y_k/∂a = W_k·b, ∂y_k/∂b = W_kᵀ·a
    const wb = this.weight.matmul(b.t()).permute(2, 0, 1); // [n, out, in1]
    const wa = this.weight.transpose(1, 2).matmul(a.t()).permute(2, 0, 1); // [n, out, in2]
    return (this.gradInput = [g.unsqueeze(2).mul(wb).sum(1), g.unsqueeze(2).mul(wa).sum(1)]);
  }
  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    const [a, b] = this.pair(input);
    const g = asTensor(gradOutput, this.typename, 'gradOutput');
    // gradW_k = Σ_n g[n,k]·a[n]ᵀ b[n]
    const outer = a.unsqueeze(2).mul(b.unsqueeze(1)).view(a.size(0), -1); // [n, in1·in2]
    this.gradWeight.view(this.weight.size(0), -1).addmm_(g.t(), outer, { alpha: scale });
    this.gradBias?.add_(g.sum(0), { alpha: scale });
  }
}

/**
 * Σ_i gater_i·expert_i for a table [gater [n, k], experts] where experts is a table of k tensors [n, ...]
 * or one tensor [n, k, ...].
 * @example new nn.MixtureTable().forward([torch.randn(4, 3).softmax(1), torch.randn(4, 3, 5)])   // [4, 5]
 */
@signature('')
export class MixtureTable extends Module {
  private parts(input: Activity): [Tensor, Tensor, boolean] {
    const [gater, experts] = asTable(input, this.typename);
    const g = asTensor(gater!, this.typename, 'gater');
    const table = Array.isArray(experts);
    const e = table ? (experts as Activity[]).map((x, i) => asTensor(x, this.typename, `expert ${i}`).unsqueeze(1)) : [asTensor(experts!, this.typename, 'experts')];
    const stacked = table ? cat(e, 1) : e[0]!;
    if (stacked.size(1) !== g.size(1)) throw new TorchSizeError(`${this.typename}: ${g.size(1)} gates for ${stacked.size(1)} experts`);
    return [g, stacked, table];
  }
  private gates(g: Tensor, e: Tensor): Tensor {
    return g.view(...g.size(), ...e.size().slice(2).map(() => 1));
  }
  override updateOutput(input: Activity): Tensor {
    const [g, e] = this.parts(input);
    return (this.output = e.mul(this.gates(g, e)).sum(1));
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Activity[] {
    const [g, e, table] = this.parts(input);
    const gy = asTensor(gradOutput, this.typename, 'gradOutput').unsqueeze(1);
    const gGater = e.mul(gy).reshape(e.size(0), e.size(1), -1).sum(2);
    const gExperts = gy.mul(this.gates(g, e)).expand(...e.size()).contiguous();
    return (this.gradInput = [gGater, table ? Array.from({ length: e.size(1) }, (_, i) => gExperts.select(1, i)) : gExperts]);
  }
}

/**
 * Local response normalisation across planes: x / (k + α/size·Σ_{nearby planes} x²)^β.
 * @example new nn.SpatialCrossMapLRN(5, 1e-4, 0.75, 1).forward(torch.randn(2, 8, 6, 6))
 */
@signature('size?: number, alpha?: number, beta?: number, k?: number')
export class SpatialCrossMapLRN extends Module {
  private scale?: Tensor;
  constructor(public size = 5, public alpha = 1e-4, public beta = 0.75, public k = 1) {
    super();
  }
  /** Σ over the `size` planes centred on each plane of t (zero beyond the edges), for [N, C, *]. */
  private windowSum(t: Tensor): Tensor {
    const c = t.size(1);
    const pre = Math.floor((this.size - 1) / 2);
    const post = this.size - 1 - pre;
    const padded = cat([empty([t.size(0), pre, ...t.size().slice(2)], { dtype: t.dtype }).zero_(), t, empty([t.size(0), post, ...t.size().slice(2)], { dtype: t.dtype }).zero_()], 1);
    const cs = padded.cumsum(1);
    const upper = cs.narrow(1, this.size - 1, c);
    const lower = cat([empty([t.size(0), 1, ...t.size().slice(2)], { dtype: t.dtype }).zero_(), cs.narrow(1, 0, c - 1)], 1);
    return upper.sub(lower);
  }
  private batched(x: Tensor): Tensor {
    if (x.dim() !== 3 && x.dim() !== 4) throw new TorchSizeError(`${this.typename}: expected a 3-D or 4-D input, got [${x.size().join(', ')}]`);
    return x.dim() === 3 ? x.unsqueeze(0) : x;
  }
  override updateOutput(input: Activity): Tensor {
    const x0 = asTensor(input, this.typename);
    const x = this.batched(x0);
    this.scale = this.windowSum(x.mul(x)).mul_(this.alpha / this.size).add_(this.k);
    return (this.output = x.mul(this.scale.pow(-this.beta)).viewAs(x0));
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x0 = asTensor(input, this.typename);
    const x = this.batched(x0);
    const gy = asTensor(gradOutput, this.typename, 'gradOutput').viewAs(x);
    const y = (this.output as Tensor).viewAs(x);
    // gx = gy·s^−β − 2αβ/size · x · Σ_window(gy·y/s)
    const term = this.windowSum(gy.mul(y).div_(this.scale!));
    return (this.gradInput = gy.mul(this.scale!.pow(-this.beta)).sub_(x.mul(term).mul_((2 * this.alpha * this.beta) / this.size)).viewAs(x0));
  }
}

/**
 * Concat along a dim where the children's outputs may be smaller in the other dims: each is centred in
 * the zero-filled result (Torch7's DepthConcat, for inception blocks).
 * @example new nn.DepthConcat(1).add(convA).add(convB)
 */
@signature('dimension: number')
export class DepthConcat extends Container {
  constructor(public dimension: number) {
    super();
  }
  /** The region of the output where child output y goes. */
  private window(out: Tensor, y: Tensor, at: number): Tensor {
    let w = out.narrow(this.dimension, at, y.size(this.dimension));
    for (let d = 0; d < y.dim(); d++) if (d !== this.dimension) w = w.narrow(d, Math.floor((out.size(d) - y.size(d)) / 2), y.size(d));
    return w;
  }
  override updateOutput(input: Activity): Tensor {
    const outs = this.modules.map((m) => asTensor(m.updateOutput(input), this.typename, 'child output'));
    const size = outs[0]!.size();
    size[this.dimension] = 0;
    for (const y of outs) y.size().forEach((s, d) => (size[d] = d === this.dimension ? size[d]! + s : Math.max(size[d]!, s)));
    const out = empty(size, { dtype: outs[0]!.dtype }).zero_();
    let at = 0;
    for (const y of outs) (this.window(out, y, at).copy_(y), (at += y.size(this.dimension)));
    return (this.output = out);
  }
  private slices(gradOutput: Activity): Tensor[] {
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    let at = 0;
    return this.modules.map((m) => {
      const y = m.output as Tensor;
      const w = this.window(gy, y, at);
      at += y.size(this.dimension);
      return w;
    });
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Activity {
    const gs = this.slices(gradOutput);
    let sum: Tensor | undefined;
    this.modules.forEach((m, i) => {
      const g = asTensor(m.updateGradInput(input, gs[i]!), this.typename);
      sum = sum ? sum.add_(g) : g.clone();
    });
    return (this.gradInput = sum!);
  }
  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    const gs = this.slices(gradOutput);
    this.modules.forEach((m, i) => m.accGradParameters(input, gs[i]!, scale));
  }
}
