/**
 * Torch7's SpatialFractionalMaxPooling on core's THNN-shaped fractional max-pool entries (the same
 * native kernel torch.nn.FractionalMaxPool2d runs). Sizes are given width first, as in Torch7.
 */
import {
  empty, fractionalMaxPool2dUpdateGradInput, fractionalMaxPool2dUpdateOutput, int64, TorchSizeError, TorchTypeError, type Tensor,
} from '@torch/core';
import { Module, type Activity } from '../module';
import { asTensor, reuse } from './util';
import { signature } from '../signature';

/**
 * 2-D fractional max pooling (Graham, 2014) with poolSizeW×poolSizeH windows at pseudo-random starts,
 * to an output of exactly outW×outH (when arg1, arg2 ≥ 1) or floor(input × ratio) (ratios in (0, 1)).
 * New windows are drawn from the default generator at every updateOutput unless fixPoolingRegions()
 * was called.
 * @example
 * new nn.SpatialFractionalMaxPooling(2, 2, 7, 7).forward(torch.randn(1, 3, 14, 14));      // [1, 3, 7, 7]
 * new nn.SpatialFractionalMaxPooling(3, 3, 0.5, 0.5).fixPoolingRegions().forward(x);     // same windows every call
 */
@signature('poolSizeW: number, poolSizeH: number, outWOrRatioW: number, outHOrRatioH: number')
export class SpatialFractionalMaxPooling extends Module {
  outW?: number;
  outH?: number;
  ratioW?: number;
  ratioH?: number;
  /** The [batch, planes, 2] samples (width's, then height's) that fixed the last windows. */
  randomSamples: Tensor | null = null;
  /** True: keep the windows across calls (fixPoolingRegions). */
  newRandomPool = false;
  /** Flat positions (0-based) of the last forward's maxima in their input planes. */
  indices: Tensor = empty(0, { dtype: int64 });

  constructor(public poolSizeW: number, public poolSizeH: number, arg1: number, arg2: number) {
    super();
    const op = 'nn.SpatialFractionalMaxPooling';
    for (const [name, v] of [['poolSizeW', poolSizeW], ['poolSizeH', poolSizeH]] as const)
      if (!Number.isInteger(v) || v < 2) throw new TorchTypeError(`${op}: ${name} must be an integer >= 2, got ${String(v)}`);
    if (typeof arg1 !== 'number' || typeof arg2 !== 'number') throw new TorchTypeError(`${op}: expected output sizes or ratios, got ${String(arg1)}, ${String(arg2)}`);
    if (arg1 >= 1 && arg2 >= 1) {
      if (!Number.isInteger(arg1) || !Number.isInteger(arg2)) throw new TorchTypeError(`${op}: output sizes must be integers, got ${arg1}, ${arg2}`);
      this.outW = arg1, this.outH = arg2;
    } else {
      if (!(arg1 > 0 && arg1 < 1 && arg2 > 0 && arg2 < 1)) throw new TorchTypeError(`${op}: ratios must be between 0 and 1 (exclusive), got ${arg1}, ${arg2}`);
      this.ratioW = arg1, this.ratioH = arg2;
    }
  }

  /** Keeps (val true, the default) or redraws (false) the pooling windows across updateOutput calls. @example pool.fixPoolingRegions() */
  fixPoolingRegions(val = true): this {
    this.newRandomPool = val;
    return this;
  }

  private checkRank(x: Tensor): void {
    if (x.dim() !== 3 && x.dim() !== 4) throw new TorchSizeError(`${this.typename}: input must be 3D or 4D, got size [${x.size().join(', ')}]`);
  }

  /** Samples for x's batch and planes: new ones unless fixed and of the right size. */
  private initSamples(x: Tensor): Tensor {
    const size = x.dim() === 4 ? [x.size(0), x.size(1), 2] : [1, x.size(0), 2];
    const s = this.randomSamples;
    if (s === null || s.dtype !== x.dtype) return (this.randomSamples = empty(size, { dtype: x.dtype }).uniform_(0, 1));
    if (s.size(0) !== size[0] || s.size(1) !== size[1]) return s.resize_(size).uniform_(0, 1);
    if (!this.newRandomPool) s.uniform_(0, 1);
    return s;
  }

  /** [outH, outW] for x. */
  private outputSize(x: Tensor): number[] {
    if (this.ratioW === undefined || this.ratioH === undefined) return [this.outH!, this.outW!];
    const h = Math.floor(x.size(x.dim() - 2) * this.ratioH), w = Math.floor(x.size(x.dim() - 1) * this.ratioW);
    if (w < 1 || h < 1) throw new TorchSizeError(`${this.typename}: reduction ratio or input size too small: output ${w}x${h} for input [${x.size().join(', ')}]`);
    return [h, w];
  }

  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    this.checkRank(x);
    const out = reuse(this.output, x);
    fractionalMaxPool2dUpdateOutput(x, out, this.indices, [this.poolSizeH, this.poolSizeW], this.outputSize(x), this.initSamples(x));
    return (this.output = out);
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = asTensor(input, this.typename);
    if (this.randomSamples === null) throw new TorchTypeError(`${this.typename}: must call updateOutput/forward first`);
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    const gx = reuse(this.gradInput, x);
    fractionalMaxPool2dUpdateGradInput(x, gy, gx, this.indices);
    return (this.gradInput = gx);
  }

  override clearState(): this {
    this.randomSamples = null;
    return super.clearState();
  }

  protected override stateKeys(): string[] {
    return [...super.stateKeys(), 'indices'];
  }

  override afterT7Load(fields: Record<string, unknown>): void {
    super.afterT7Load(fields);
    this.indices ??= empty(0, { dtype: int64 });
    this.randomSamples ??= null;
    this.newRandomPool ??= false;
  }

  override toString(): string {
    return `${this.typename}(${this.outW ?? this.ratioW}x${this.outH ?? this.ratioH}, ${this.poolSizeW},${this.poolSizeH})`;
  }
}
