/**
 * Spatial helpers of Torch7's nn built from tensor ops: zero, reflection and replication padding,
 * nearest upsampling, softmax over the planes, and dropout of whole planes (Spatial and Volumetric).
 * Padding sizes are (left, right, top, bottom) as in Torch7; negative pads crop.
 */
import { bernoulli, empty, tensor, TorchSizeError, type Tensor } from '@torch/core';
import { Module, type Activity } from '../module';
import { asTensor, reuse } from './util';
import { signature } from '../signature';

/** Index of each padded position in the source along one dim, for the reflection and replication pads. @internal */
export function sourceIndex(n: number, before: number, after: number, mode: 'reflect' | 'replicate'): number[] {
  const idx: number[] = [];
  for (let i = -before; i < n + after; i++) {
    if (mode === 'replicate') idx.push(Math.min(n - 1, Math.max(0, i)));
    else idx.push(i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i);
  }
  return idx;
}

/** Pads the last two dims by (l, r, t, b) with zeros, reflection or replication. */
abstract class Padding2d extends Module {
  constructor(public padL: number, public padR = padL, public padT = padL, public padB = padL) {
    super();
  }
  protected abstract readonly mode: 'zero' | 'reflect' | 'replicate';
  private spatial(x: Tensor): [number, number] {
    if (x.dim() !== 3 && x.dim() !== 4) throw new TorchSizeError(`${this.typename}: expected a 3-D or 4-D input, got [${x.size().join(', ')}]`);
    return [x.size(-2), x.size(-1)];
  }
  private indices(h: number, w: number): [Tensor, Tensor] {
    const m = this.mode === 'zero' ? 'replicate' : this.mode;
    if (this.mode === 'reflect' && (this.padT >= h || this.padB >= h || this.padL >= w || this.padR >= w))
      throw new TorchSizeError(`${this.typename}: padding (${this.padL}, ${this.padR}, ${this.padT}, ${this.padB}) must be smaller than the input's ${h}x${w}`);
    return [tensor(sourceIndex(h, this.padT, this.padB, m)), tensor(sourceIndex(w, this.padL, this.padR, m))];
  }
  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const [h, w] = this.spatial(x);
    if (this.mode !== 'zero') {
      const [rows, cols] = this.indices(h, w);
      return (this.output = x.indexSelect(-2, rows).indexSelect(-1, cols));
    }
    const size = x.size();
    size[size.length - 2] = h + this.padT + this.padB;
    size[size.length - 1] = w + this.padL + this.padR;
    if (size.slice(-2).some((s) => s <= 0)) throw new TorchSizeError(`${this.typename}: padding leaves nothing of a ${h}x${w} input`);
    const y = empty(size, { dtype: x.dtype }).zero_();
    const [dst, src] = this.overlap(y, x);
    dst.copy_(src);
    return (this.output = y);
  }
  /** The regions of padded output and input that coincide (negative pads crop the input). */
  private overlap(y: Tensor, x: Tensor): [Tensor, Tensor] {
    const [h, w] = [x.size(-2), x.size(-1)];
    const top = Math.max(0, -this.padT), left = Math.max(0, -this.padL);
    const rows = h - top - Math.max(0, -this.padB), cols = w - left - Math.max(0, -this.padR);
    return [
      y.narrow(-2, Math.max(0, this.padT), rows).narrow(-1, Math.max(0, this.padL), cols),
      x.narrow(-2, top, rows).narrow(-1, left, cols),
    ];
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    const gx = reuse(this.gradInput, x).zero_();
    if (this.mode === 'zero') {
      const [src, dst] = this.overlap(gy, gx);
      dst.copy_(src);
    } else {
      const [rows, cols] = this.indices(x.size(-2), x.size(-1));
      const partial = gy.new().resize_([...gy.size().slice(0, -2), gy.size(-2), x.size(-1)]).zero_().indexAdd_(-1, cols, gy);
      gx.indexAdd_(-2, rows, partial);
    }
    return (this.gradInput = gx);
  }
}

/**
 * Zero padding (negative values crop). @example new nn.SpatialZeroPadding(1, 1, 2, 2).forward(torch.randn(3, 4, 4))   // [3, 8, 6]
 */
@signature('padL: number, padR?: number, padT?: number, padB?: number')
export class SpatialZeroPadding extends Padding2d {
  protected readonly mode = 'zero' as const;
}

/** Reflection padding. @example new nn.SpatialReflectionPadding(2, 2, 2, 2) */
@signature('padL: number, padR?: number, padT?: number, padB?: number')
export class SpatialReflectionPadding extends Padding2d {
  protected readonly mode = 'reflect' as const;
}

/** Replication padding (edges repeated). @example new nn.SpatialReplicationPadding(1, 1, 1, 1) */
@signature('padL: number, padR?: number, padT?: number, padB?: number')
export class SpatialReplicationPadding extends Padding2d {
  protected readonly mode = 'replicate' as const;
}

/**
 * Nearest-neighbour upsampling by an integer factor in both spatial dims.
 * @example new nn.SpatialUpSamplingNearest(2).forward(torch.randn(1, 3, 4, 4))   // [1, 3, 8, 8]
 */
@signature('scale_factor: number')
export class SpatialUpSamplingNearest extends Module {
  constructor(public scale_factor: number) {
    super();
    if (!(Number.isInteger(scale_factor) && scale_factor >= 1)) throw new TorchSizeError(`nn.SpatialUpSamplingNearest: scale factor must be a positive integer, got ${scale_factor}`);
  }
  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const s = this.scale_factor;
    const [h, w] = [x.size(-2), x.size(-1)];
    const lead = x.size().slice(0, -2);
    return (this.output = x.view(...lead, h, 1, w, 1).expand(...lead, h, s, w, s).reshape(...lead, h * s, w * s));
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const s = this.scale_factor;
    const [h, w] = [x.size(-2), x.size(-1)];
    const lead = x.size().slice(0, -2);
    const g = asTensor(gradOutput, this.typename, 'gradOutput').reshape(...lead, h, s, w, s).sum([lead.length + 1, lead.length + 3]);
    return (this.gradInput = g);
  }
}

/**
 * Softmax over the planes at every pixel: dim 0 of [C, H, W], dim 1 of [N, C, H, W].
 * @example new nn.SpatialSoftMax().forward(torch.randn(2, 5, 3, 3)).sum(1)   // ones
 */
@signature('')
export class SpatialSoftMax extends Module {
  private dim(x: Tensor): number {
    return x.dim() === 4 ? 1 : 0;
  }
  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    return (this.output = x.softmax(this.dim(x)));
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const y = this.output as Tensor;
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    return (this.gradInput = gy.sub(gy.mul(y).sum(this.dim(x), { keepdim: true })).mul_(y));
  }
}

/**
 * Dropout of whole feature planes (one draw per sample and channel), scaled by 1/(1−p) while training.
 * @example new nn.SpatialDropout(0.2).forward(torch.randn(4, 16, 8, 8))
 */
@signature('p?: number')
export class SpatialDropout extends Module {
  private noise?: Tensor;
  constructor(public p = 0.5) {
    super();
    if (!(p >= 0 && p < 1)) throw new RangeError(`${this.typename}: p must be in [0, 1), got ${p}`);
  }
  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    if (!this.train || this.p === 0) return (this.output = x);
    const planes = x.size().map((s, d) => (d < x.dim() - this.spatialDims() ? s : 1));
    this.noise = bernoulli(empty(planes, { dtype: x.dtype }).fill_(1 - this.p)).div_(1 - this.p);
    return (this.output = x.mul(this.noise));
  }
  override updateGradInput(_input: Activity, gradOutput: Activity): Tensor {
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    return (this.gradInput = this.train && this.p > 0 ? gy.mul(this.noise!) : gy);
  }
  /** Spatial dims after (N, C). */
  protected spatialDims(): number {
    return 2;
  }
}

/**
 * SpatialDropout for [N, C, T, H, W]. @example new nn.VolumetricDropout(0.2)
 */
@signature('p?: number')
export class VolumetricDropout extends SpatialDropout {
  protected override spatialDims(): number {
    return 3;
  }
}
