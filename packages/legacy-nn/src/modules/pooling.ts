/**
 * Torch7's pooling modules on core's THNN-shaped pooling kernels: Spatial/Volumetric/Temporal max and
 * average pooling (with `ceil()` / `floor()` as Torch7), adaptive pooling and max unpooling. Sizes are
 * given width first as in Torch7.
 */
import {
  adaptiveAvgPool2d, adaptiveMaxPool2d, avgPoolUpdateGradInput, avgPoolUpdateOutput, empty, int64, maxPoolUpdateGradInput, maxPoolUpdateOutput,
  maxUnpool2d, adaptiveAvgPoolBackward, maxPoolBackward, maxUnpoolBackward, type PoolParams, type Tensor,
} from '@torch/core';
import { Module, type Activity } from '../module';
import { asTensor, reuse } from './util';
import { signature } from '../signature';

/** Max or average pooling over `nd` spatial dims with fixed windows. */
abstract class FixedPooling extends Module {
  ceilMode = false;
  /** Window positions of the last forward's maxima (max pooling). */
  indices: Tensor = empty(0, { dtype: int64 });
  protected abstract readonly max: boolean;
  /** Kernel, stride and padding, outermost dim first. */
  protected abstract geometry(): { kernel: number[]; stride: number[]; padding: number[] };
  countIncludePad = true;
  /** The spatial sizes of the last input (what max unpooling restores). */
  inputSpatialSize: number[] = [];

  /** Output sizes round up. @example new nn.SpatialMaxPooling(3, 3, 2, 2).ceil() */
  ceil(): this {
    this.ceilMode = true;
    return this;
  }

  /** Output sizes round down (the default). @example pool.floor() */
  floor(): this {
    this.ceilMode = false;
    return this;
  }

  protected params(): PoolParams {
    const { kernel, stride, padding } = this.geometry();
    return { kernelSize: kernel, stride, padding, dilation: kernel.map(() => 1), ceilMode: this.ceilMode, countIncludePad: this.countIncludePad, divisorOverride: 0 };
  }

  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const out = reuse(this.output, x);
    this.inputSpatialSize = x.size().slice(x.dim() - this.geometry().kernel.length);
    if (this.max) maxPoolUpdateOutput(x, out, this.indices, this.params());
    else avgPoolUpdateOutput(x, out, this.params());
    return (this.output = out);
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    const gx = reuse(this.gradInput, x);
    if (this.max) maxPoolUpdateGradInput(x, gy, gx, this.indices, this.params());
    else avgPoolUpdateGradInput(x, gy, gx, this.params());
    return (this.gradInput = gx);
  }

  protected override stateKeys(): string[] {
    return [...super.stateKeys(), 'indices'];
  }

  override afterT7Load(fields: Record<string, unknown>): void {
    super.afterT7Load(fields);
    this.indices ??= empty(0, { dtype: int64 });
    this.ceilMode ??= false;
    this.countIncludePad ??= true;
    this.inputSpatialSize ??= [];
  }
}

/**
 * 2-D max pooling with a kW×kH window, steps dW, dH (default the window) and padding padW, padH.
 * @example new nn.SpatialMaxPooling(2, 2).forward(torch.randn(1, 3, 8, 8))   // [1, 3, 4, 4]
 */
@signature('kW: number, kH: number, dW?: number, dH?: number, padW?: number, padH?: number')
export class SpatialMaxPooling extends FixedPooling {
  protected readonly max: boolean = true;
  constructor(public kW: number, public kH: number, public dW = kW, public dH = kH, public padW = 0, public padH = 0) {
    super();
  }
  protected geometry() {
    return { kernel: [this.kH, this.kW], stride: [this.dH, this.dW], padding: [this.padH, this.padW] };
  }
  override toString(): string {
    return `${this.typename}(${this.kW}x${this.kH}, ${this.dW},${this.dH}, ${this.padW},${this.padH})`;
  }
}

/**
 * 2-D average pooling (padding zeros counted in the divisor, as Torch7, unless countIncludePad is false).
 * @example new nn.SpatialAveragePooling(2, 2, 2, 2).forward(torch.randn(3, 8, 8))   // [3, 4, 4]
 */
@signature('kW: number, kH: number, dW?: number, dH?: number, padW?: number, padH?: number')
export class SpatialAveragePooling extends FixedPooling {
  protected readonly max: boolean = false;
  constructor(public kW: number, public kH: number, public dW = 1, public dH = 1, public padW = 0, public padH = 0) {
    super();
  }
  protected geometry() {
    return { kernel: [this.kH, this.kW], stride: [this.dH, this.dW], padding: [this.padH, this.padW] };
  }
}

/**
 * 3-D max pooling over [C, T, H, W] or [N, C, T, H, W].
 * @example new nn.VolumetricMaxPooling(2, 2, 2).forward(torch.randn(1, 1, 4, 4, 4))   // [1, 1, 2, 2, 2]
 */
@signature('kT: number, kW: number, kH: number, dT?: number, dW?: number, dH?: number, padT?: number, padW?: number, padH?: number')
export class VolumetricMaxPooling extends FixedPooling {
  protected readonly max: boolean = true;
  constructor(public kT: number, public kW: number, public kH: number, public dT = kT, public dW = kW, public dH = kH, public padT = 0, public padW = 0, public padH = 0) {
    super();
  }
  protected geometry() {
    return { kernel: [this.kT, this.kH, this.kW], stride: [this.dT, this.dH, this.dW], padding: [this.padT, this.padH, this.padW] };
  }
}

/**
 * 3-D average pooling.
 * @example new nn.VolumetricAveragePooling(2, 2, 2, 2, 2, 2)
 */
@signature('kT: number, kW: number, kH: number, dT?: number, dW?: number, dH?: number')
export class VolumetricAveragePooling extends FixedPooling {
  protected readonly max: boolean = false;
  constructor(public kT: number, public kW: number, public kH: number, public dT = 1, public dW = 1, public dH = 1) {
    super();
  }
  protected geometry() {
    return { kernel: [this.kT, this.kH, this.kW], stride: [this.dT, this.dH, this.dW], padding: [0, 0, 0] };
  }
}

/**
 * Max pooling over time: input [nFrames, frameSize] or [N, nFrames, frameSize], windows of kW frames.
 * @example new nn.TemporalMaxPooling(2).forward(torch.randn(10, 4))   // [5, 4]
 */
@signature('kW: number, dW?: number')
export class TemporalMaxPooling extends Module {
  private readonly pool: SpatialMaxPooling;
  constructor(public kW: number, public dW = kW) {
    super();
    this.pool = new SpatialMaxPooling(1, kW, 1, dW);
  }
  /** [N, 1, nFrames, frameSize] for the 2-D kernel (a kW×1 window). */
  private planes(x: Tensor): Tensor {
    return (x.dim() === 2 ? x.unsqueeze(0) : x).unsqueeze(1);
  }
  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const y = this.pool.updateOutput(this.planes(x)).squeeze(1);
    return (this.output = x.dim() === 2 ? y.squeeze(0) : y);
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    const g = this.pool.updateGradInput(this.planes(x), this.planes(gy)).squeeze(1);
    return (this.gradInput = x.dim() === 2 ? g.squeeze(0) : g);
  }
}

/**
 * Max pooling to a fixed W×H output whatever the input size.
 * @example new nn.SpatialAdaptiveMaxPooling(4, 4).forward(torch.randn(1, 8, 13, 17))   // [1, 8, 4, 4]
 */
@signature('W: number, H: number')
export class SpatialAdaptiveMaxPooling extends Module {
  indices: Tensor = empty(0, { dtype: int64 });
  constructor(public W: number, public H: number) {
    super();
  }
  override updateOutput(input: Activity): Tensor {
    const [y, idx] = adaptiveMaxPool2d(asTensor(input, this.typename), [this.H, this.W], { returnIndices: true }) as unknown as [Tensor, Tensor];
    this.indices = idx;
    return (this.output = y);
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    return (this.gradInput = maxPoolBackward(2, asTensor(input, this.typename), asTensor(gradOutput, this.typename, 'gradOutput'), this.indices));
  }
}

/**
 * Average pooling to a fixed W×H output.
 * @example new nn.SpatialAdaptiveAveragePooling(1, 1).forward(torch.randn(2, 8, 7, 7))   // [2, 8, 1, 1]
 */
@signature('W: number, H: number')
export class SpatialAdaptiveAveragePooling extends Module {
  constructor(public W: number, public H: number) {
    super();
  }
  override updateOutput(input: Activity): Tensor {
    return (this.output = adaptiveAvgPool2d(asTensor(input, this.typename), [this.H, this.W]));
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    return (this.gradInput = adaptiveAvgPoolBackward(2, asTensor(input, this.typename), asTensor(gradOutput, this.typename, 'gradOutput')));
  }
}

/**
 * Undoes a SpatialMaxPooling (after its forward): scatters each value back to where its maximum was (zeros elsewhere).
 * @example const pool = new nn.SpatialMaxPooling(2, 2); const unpool = new nn.SpatialMaxUnpooling(pool);
 */
@signature('pooling: module')
export class SpatialMaxUnpooling extends Module {
  constructor(public pooling: SpatialMaxPooling) {
    super();
  }
  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const p = this.pooling;
    return (this.output = maxUnpool2d(x, p.indices, [p.kH, p.kW], { stride: [p.dH, p.dW], padding: [p.padH, p.padW], outputSize: p.inputSpatialSize }));
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    return (this.gradInput = maxUnpoolBackward(2, asTensor(input, this.typename), this.pooling.indices, asTensor(gradOutput, this.typename, 'gradOutput')));
  }
}
