/** PReLU (a learned negative slope), Normalize (rows to unit p-norm), L1Penalty, MaskedSelect and Index. */
import { empty, where, TorchSizeError, type Tensor } from '@torch/core';
import { Module, type Activity } from '../module';
import { asTable, asTensor, reuse } from './util';
import { signature } from '../signature';

/**
 * x for x > 0, a·x otherwise, with one learned a (nOutputPlane = 0) or one per channel (dim 1, or dim 0 of
 * a 1-D/3-D input).
 * @example new nn.PReLU(16).forward(torch.randn(8, 16, 5, 5))
 */
@signature('nOutputPlane?: number')
export class PReLU extends Module {
  declare weight: Tensor;
  declare gradWeight: Tensor;
  constructor(public nOutputPlane = 0) {
    super();
    this.weight = empty(Math.max(1, nOutputPlane)).fill_(0.25);
    this.gradWeight = empty(Math.max(1, nOutputPlane)).zero_();
  }
  /** The slope broadcast to x's shape. */
  private slope(x: Tensor): Tensor {
    if (this.nOutputPlane === 0) return this.weight.view([]).expand(...x.size());
    const channelDim = x.dim() === 1 || x.dim() === 3 ? 0 : 1;
    if (x.size(channelDim) !== this.nOutputPlane) throw new TorchSizeError(`${this.typename}: expected ${this.nOutputPlane} channels in dim ${channelDim}, got input [${x.size().join(', ')}]`);
    const shape = x.size().map((s, d) => (d === channelDim ? s : 1));
    return this.weight.view(...shape).expand(...x.size());
  }
  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    return (this.output = where(x.gt(0), x, x.mul(this.slope(x)), { out: reuse(this.output, x) }));
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    return (this.gradInput = where(x.gt(0), gy, gy.mul(this.slope(x)), { out: reuse(this.gradInput, x) }));
  }
  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    const x = asTensor(input, this.typename);
    const contrib = x.mul(asTensor(gradOutput, this.typename, 'gradOutput')).maskedFill_(x.gt(0), 0);
    if (this.nOutputPlane === 0) return void this.gradWeight.add_(contrib.sum(), { alpha: scale });
    const channelDim = x.dim() === 1 || x.dim() === 3 ? 0 : 1;
    const other = x.size().map((_, d) => d).filter((d) => d !== channelDim);
    this.gradWeight.add_(other.length ? contrib.sum(other) : contrib, { alpha: scale });
  }
}

/**
 * Each row divided by its p-norm (+eps): x / ‖x‖p.
 * @example new nn.Normalize(2).forward(torch.randn(4, 3)).norm(2, 1)   // ones
 */
@signature('p?: number, eps?: number')
export class Normalize extends Module {
  constructor(public p = 2, public eps = 1e-10) {
    super();
  }
  private rows(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    if (x.dim() !== 1 && x.dim() !== 2) throw new TorchSizeError(`${this.typename}: expected a 1-D or 2-D input, got [${x.size().join(', ')}]`);
    return x.dim() === 1 ? x.view(1, -1) : x;
  }
  override updateOutput(input: Activity): Tensor {
    const x = this.rows(input);
    const n = x.norm(this.p, 1, { keepdim: true }).add_(this.eps);
    return (this.output = x.div(n).viewAs(input as Tensor));
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = this.rows(input);
    const g = asTensor(gradOutput, this.typename, 'gradOutput').viewAs(x);
    const n = x.norm(this.p, 1, { keepdim: true });
    const ne = n.add(this.eps);
    // ∂(x/(‖x‖+ε))/∂x = I/(‖x‖+ε) − x·(∂‖x‖/∂x)ᵀ/(‖x‖+ε)²,  ∂‖x‖p/∂x = sign(x)|x|^(p−1)/‖x‖^(p−1)
    const dn = x.sign().mul_(x.abs().pow_(this.p - 1)).div_(n.pow(this.p - 1).clamp_(1e-300, null));
    const proj = g.mul(x).sum(1, { keepdim: true });
    return (this.gradInput = g.div(ne).sub_(dn.mul_(proj).div_(ne.mul(ne))).viewAs(input as Tensor));
  }
}

/**
 * Identity forward; adds l1weight·sign(x) to the gradient (an L1 penalty on the activations), whose
 * value is kept in `loss`.
 * @example new nn.L1Penalty(0.01)
 */
@signature('l1weight: number, sizeAverage?: boolean, provideOutput?: boolean')
export class L1Penalty extends Module {
  loss = 0;
  constructor(public l1weight: number, public sizeAverage = false, public provideOutput = true) {
    super();
  }
  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    this.loss = this.l1weight * x.abs().sum().item() / (this.sizeAverage ? x.numel() : 1);
    return (this.output = x);
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const gx = reuse(this.gradInput, x).copy_(x.sign()).mul_(this.l1weight / (this.sizeAverage ? x.numel() : 1));
    if (this.provideOutput) gx.add_(asTensor(gradOutput, this.typename, 'gradOutput'));
    return (this.gradInput = gx);
  }
}

/**
 * The elements of input[0] where the bool mask input[1] is true, as a 1-D tensor.
 * @example new nn.MaskedSelect().forward([x, x.gt(0)])
 */
@signature('')
export class MaskedSelect extends Module {
  override updateOutput(input: Activity): Tensor {
    const [x, mask] = asTable(input, this.typename).map((t, i) => asTensor(t, this.typename, `input[${i}]`));
    return (this.output = x!.maskedSelect(mask!));
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Activity[] {
    const [x, mask] = asTable(input, this.typename).map((t, i) => asTensor(t, this.typename, `input[${i}]`));
    const gx = x!.new().resizeAs_(x!).zero_().maskedScatter_(mask!, asTensor(gradOutput, this.typename, 'gradOutput'));
    return (this.gradInput = [gx, mask!.new().resizeAs_(mask!).zero_()]);
  }
}

/**
 * input[0].indexSelect(dimension, input[1]) for 0-based int64 indices.
 * @example new nn.Index(0).forward([torch.randn(5, 2), torch.tensor([4, 0])])   // rows 4 and 0
 */
@signature('dimension: number')
export class Index extends Module {
  constructor(public dimension: number) {
    super();
  }
  override updateOutput(input: Activity): Tensor {
    const [t, idx] = asTable(input, this.typename).map((x, i) => asTensor(x, this.typename, `input[${i}]`));
    return (this.output = t!.indexSelect(this.dimension, idx!));
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Activity[] {
    const [t, idx] = asTable(input, this.typename).map((x, i) => asTensor(x, this.typename, `input[${i}]`));
    const gx = t!.new().resizeAs_(t!).zero_().indexAdd_(this.dimension, idx!, asTensor(gradOutput, this.typename, 'gradOutput'));
    return (this.gradInput = [gx, idx!.new().resizeAs_(idx!).zero_()]);
  }
}
