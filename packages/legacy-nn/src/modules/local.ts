/**
 * Torch7's SpatialConvolutionLocal: a convolution whose kernels are not shared across positions (every
 * output position has its own weights). The input is unfolded into columns once per call (a copy through
 * strided views) and each position's product is one matrix of a batched GEMM (core's bmm / baddbmm).
 */
import { empty, TorchSizeError, TorchTypeError, type Tensor } from '@torch/core';
import { Module, type Activity } from '../module';
import { asTensor, reuse, scratch } from './util';
import { signature } from '../signature';

/**
 * nInputPlane → nOutputPlane planes over an iW×iH input with untied kW×kH kernels, steps dW, dH and
 * zero padding padW, padH. weight [oH, oW, nOutputPlane, nInputPlane, kH, kW], bias [nOutputPlane, oH, oW].
 * @example new nn.SpatialConvolutionLocal(3, 8, 16, 16, 5, 5).forward(torch.randn(4, 3, 16, 16))   // [4, 8, 12, 12]
 */
@signature('nInputPlane: number, nOutputPlane: number, iW: number, iH: number, kW: number, kH: number, dW?: number, dH?: number, padW?: number, padH?: number')
export class SpatialConvolutionLocal extends Module {
  declare weight: Tensor;
  declare gradWeight: Tensor;
  declare bias: Tensor;
  declare gradBias: Tensor;
  oW: number;
  oH: number;

  constructor(public nInputPlane: number, public nOutputPlane: number, public iW: number, public iH: number, public kW: number, public kH: number, public dW = 1, public dH = 1, public padW = 0, public padH = padW) {
    super();
    this.oW = Math.floor((2 * padW + iW - kW) / dW) + 1;
    this.oH = Math.floor((2 * padH + iH - kH) / dH) + 1;
    if (!(this.oW >= 1 && this.oH >= 1)) throw new TorchSizeError(`nn.SpatialConvolutionLocal: a ${kW}x${kH} kernel with padding ${padW},${padH} does not fit a ${iW}x${iH} input`);
    this.weight = empty(this.oH, this.oW, nOutputPlane, nInputPlane, kH, kW);
    this.gradWeight = empty(this.weight.size()).zero_();
    this.bias = empty(nOutputPlane, this.oH, this.oW);
    this.gradBias = empty(this.bias.size()).zero_();
    this.reset();
  }

  /** Uniform in ±1/√(kW·kH·nInputPlane), or ±stdv·√3, as Torch7. @example m.reset() */
  override reset(stdv?: number): this {
    const s = stdv === undefined ? 1 / Math.sqrt(this.kW * this.kH * this.nInputPlane) : stdv * Math.sqrt(3);
    this.weight.uniform_(-s, s);
    this.bias.uniform_(-s, s);
    return this;
  }

  /** The input as a batch [N, nIn, iH, iW], checked against the sizes given at construction. */
  private batched(input: Activity): [Tensor, boolean] {
    const x = asTensor(input, this.typename);
    if (!x.dtype.isFloatingPoint) throw new TorchTypeError(`${this.typename}: expected a floating point input, got ${x.dtype.name}`);
    const b = x.dim() === 3 ? x.unsqueeze(0) : x;
    if (b.dim() !== 4 || b.size(1) !== this.nInputPlane || b.size(2) !== this.iH || b.size(3) !== this.iW)
      throw new TorchSizeError(`${this.typename}: expected input [${this.nInputPlane}, ${this.iH}, ${this.iW}] or [N, ${this.nInputPlane}, ${this.iH}, ${this.iW}], got [${x.size().join(', ')}]`);
    return [b, x.dim() === 3];
  }

  /** The (kh, kw) tap of every output position in a padded [N, C, H + 2padH, W + 2padW] tensor: [N, C, oH, oW]. */
  private tap(padded: Tensor, kh: number, kw: number): Tensor {
    return padded.get(':', ':', `${kh}:${kh + (this.oH - 1) * this.dH + 1}:${this.dH}`, `${kw}:${kw + (this.oW - 1) * this.dW + 1}:${this.dW}`);
  }

  /** The zero-padded input (the input itself without padding). */
  private padded(x: Tensor): Tensor {
    if (this.padW === 0 && this.padH === 0) return x;
    const p = scratch(this, '_padded', x, [x.size(0), this.nInputPlane, this.iH + 2 * this.padH, this.iW + 2 * this.padW]).zero_();
    p.narrow(2, this.padH, this.iH).narrow(3, this.padW, this.iW).copy_(x);
    return p;
  }

  /** Columns [oH·oW, N, nIn·kH·kW]: each output position's input patch, one row per sample. */
  private columns(x: Tensor): Tensor {
    const [n, c] = [x.size(0), this.nInputPlane];
    const cols = scratch(this, '_columns', x, [this.oH * this.oW, n, c * this.kH * this.kW]);
    const view = cols.view(this.oH, this.oW, n, c, this.kH, this.kW);
    const padded = this.padded(x);
    for (let i = 0; i < this.kH; i++)
      for (let j = 0; j < this.kW; j++) view.select(5, j).select(4, i).copy_(this.tap(padded, i, j).permute(2, 3, 0, 1));
    return cols;
  }

  /** The weight as one [nOut, nIn·kH·kW] matrix per output position. */
  private matrices(w: Tensor): Tensor {
    return w.view(this.oH * this.oW, this.nOutputPlane, -1);
  }

  /** gradOutput [N, nOut, oH, oW] as [oH·oW, N, nOut] rows (reused buffer). */
  private gradRows(gy: Tensor, n: number): Tensor {
    const rows = scratch(this, '_gradRows', gy, [this.oH * this.oW, n, this.nOutputPlane]);
    rows.view(this.oH, this.oW, n, this.nOutputPlane).copy_(gy.permute(2, 3, 0, 1));
    return rows;
  }

  private gradOutput(gradOutput: Activity, n: number, single: boolean): Tensor {
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    const g = single ? gy.unsqueeze(0) : gy;
    const want = [n, this.nOutputPlane, this.oH, this.oW];
    if (g.dim() !== 4 || g.size().some((s, i) => s !== want[i])) throw new TorchSizeError(`${this.typename}: gradOutput of size [${gy.size().join(', ')}] does not match the output`);
    return g;
  }

  override updateOutput(input: Activity): Tensor {
    const [x, single] = this.batched(input);
    const n = x.size(0);
    const products = scratch(this, '_products', x, [this.oH * this.oW, n, this.nOutputPlane]);
    this.columns(x).bmm(this.matrices(this.weight).transpose(1, 2), { out: products });
    const y = reuse(this.output, x).resize_(n, this.nOutputPlane, this.oH, this.oW);
    y.copy_(products.view(this.oH, this.oW, n, this.nOutputPlane).permute(2, 3, 0, 1)).add_(this.bias);
    return (this.output = single ? y.squeeze(0) : y);
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const [x, single] = this.batched(input);
    const n = x.size(0);
    const rows = this.gradRows(this.gradOutput(gradOutput, n, single), n);
    const gradCols = scratch(this, '_gradColumns', x, [this.oH * this.oW, n, this.nInputPlane * this.kH * this.kW]);
    rows.bmm(this.matrices(this.weight), { out: gradCols });
    const view = gradCols.view(this.oH, this.oW, n, this.nInputPlane, this.kH, this.kW);
    const padded = scratch(this, '_gradPadded', x, [n, this.nInputPlane, this.iH + 2 * this.padH, this.iW + 2 * this.padW]).zero_();
    // Taps overlap when the step is smaller than the kernel: one add per tap, each over disjoint positions.
    for (let i = 0; i < this.kH; i++)
      for (let j = 0; j < this.kW; j++) this.tap(padded, i, j).add_(view.select(5, j).select(4, i).permute(2, 3, 0, 1));
    const gx = reuse(this.gradInput, x).copy_(padded.narrow(2, this.padH, this.iH).narrow(3, this.padW, this.iW));
    return (this.gradInput = single ? gx.squeeze(0) : gx);
  }

  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    const [x, single] = this.batched(input);
    const n = x.size(0);
    const g = this.gradOutput(gradOutput, n, single);
    const rows = this.gradRows(g, n);
    this.matrices(this.gradWeight).baddbmm_(rows.transpose(1, 2), this.columns(x), { alpha: scale });
    this.gradBias.add_(g.sum(0), { alpha: scale });
  }

  override toString(): string {
    const steps = this.dW !== 1 || this.dH !== 1 || this.padW !== 0 || this.padH !== 0 ? `, ${this.dW},${this.dH}` : '';
    const pads = this.padW !== 0 || this.padH !== 0 ? `, ${this.padW},${this.padH}` : '';
    return `${this.typename}(${this.nInputPlane} -> ${this.nOutputPlane}, ${this.iW}x${this.iH}, ${this.kW}x${this.kH}${steps}${pads})`;
  }
}
