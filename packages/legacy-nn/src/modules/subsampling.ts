/**
 * Torch7's SpatialSubSampling and TemporalSubSampling: the sum over each window times a learned weight
 * per plane (per frame feature), plus a bias. The window sums are core's average pooling kernel times
 * the window size, so no separate kernel is needed.
 */
import { avgPoolUpdateGradInput, avgPoolUpdateOutput, empty, TorchSizeError, TorchTypeError, type PoolParams, type Tensor } from '@torch/core';
import { Module, type Activity } from '../module';
import { asTensor, reuse, scratch } from './util';
import { signature } from '../signature';

/** Window sums over the last two dims of a 4-D view of the input, weighted per plane. */
abstract class SubSampling extends Module {
  declare weight: Tensor;
  declare gradWeight: Tensor;
  declare bias: Tensor;
  declare gradBias: Tensor;
  /** The input as [N, P, H, W] for the pooling kernel, and whether it was one sample. */
  protected abstract planes(x: Tensor): [Tensor, boolean];
  /** The pooled [N, P, H', W'] result back in the module's output layout. */
  protected abstract unplanes(y: Tensor, single: boolean): Tensor;
  /** [kernel, stride] over (H, W). */
  protected abstract window(): [[number, number], [number, number]];
  /** Shape the weight and bias take to broadcast over [N, P, H', W']. */
  protected abstract perPlane(): number[];

  protected init(n: number): void {
    this.weight = empty(n);
    this.bias = empty(n);
    this.gradWeight = empty(n).zero_();
    this.gradBias = empty(n).zero_();
    this.reset();
  }

  /** Uniform in ±1/√(window size), or ±stdv·√3, as Torch7. @example m.reset() */
  override reset(stdv?: number): this {
    const s = stdv === undefined ? 1 / Math.sqrt(this.windowSize()) : stdv * Math.sqrt(3);
    this.weight.uniform_(-s, s);
    this.bias.uniform_(-s, s);
    return this;
  }

  private windowSize(): number {
    const [[kh, kw]] = this.window();
    return kh * kw;
  }

  private params(): PoolParams {
    const [kernel, stride] = this.window();
    return { kernelSize: kernel, stride, padding: [0, 0], dilation: [1, 1], ceilMode: false, countIncludePad: true, divisorOverride: 0 };
  }

  private checked(input: Activity): [Tensor, boolean] {
    const x = asTensor(input, this.typename);
    if (!x.dtype.isFloatingPoint) throw new TorchTypeError(`${this.typename}: expected a floating point input, got ${x.dtype.name}`);
    return this.planes(x);
  }

  /** Σ over each window, [N, P, H', W'] (a reused buffer). */
  private windowSums(x: Tensor): Tensor {
    const sums = scratch(this, '_sums', x, [0]);
    avgPoolUpdateOutput(x, sums, this.params());
    return sums.mul_(this.windowSize());
  }

  override updateOutput(input: Activity): Tensor {
    const [x, single] = this.checked(input);
    const sums = this.windowSums(x);
    const y = reuse(this.output, sums).copy_(sums).mul_(this.weight.view(this.perPlane())).add_(this.bias.view(this.perPlane()));
    return (this.output = this.unplanes(y, single));
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const [x, single] = this.checked(input);
    const [gy] = this.planes(asTensor(gradOutput, this.typename, 'gradOutput'));
    const scaled = scratch(this, '_scaledGrad', x, gy.size()).copy_(gy).mul_(this.weight.view(this.perPlane())).mul_(this.windowSize());
    const gx = reuse(this.gradInput, x);
    avgPoolUpdateGradInput(x, scaled, gx, this.params());
    return (this.gradInput = this.unplanes(gx, single));
  }

  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    const [x] = this.checked(input);
    const [gy] = this.planes(asTensor(gradOutput, this.typename, 'gradOutput'));
    const dims = this.perPlane().flatMap((s, i) => (s === 1 ? [i] : []));
    const weighted = this.windowSums(x).mul_(gy);
    this.gradWeight.add_(weighted.sum(dims), { alpha: scale });
    this.gradBias.add_(gy.sum(dims), { alpha: scale });
  }
}

/**
 * Each plane's kW×kH window sums (steps dW, dH) times that plane's weight, plus its bias: input
 * [nInputPlane, H, W] or [N, nInputPlane, H, W]; weight and bias [nInputPlane].
 * @example new nn.SpatialSubSampling(6, 2, 2, 2, 2).forward(torch.randn(6, 28, 28))   // [6, 14, 14]
 */
@signature('nInputPlane: number, kW: number, kH: number, dW?: number, dH?: number')
export class SpatialSubSampling extends SubSampling {
  constructor(public nInputPlane: number, public kW: number, public kH: number, public dW = 1, public dH = 1) {
    super();
    this.init(nInputPlane);
  }
  protected planes(x: Tensor): [Tensor, boolean] {
    if ((x.dim() !== 3 && x.dim() !== 4) || x.size(-3) !== this.nInputPlane)
      throw new TorchSizeError(`${this.typename}: expected input [${this.nInputPlane}, H, W] or [N, ${this.nInputPlane}, H, W], got [${x.size().join(', ')}]`);
    return x.dim() === 3 ? [x.unsqueeze(0), true] : [x, false];
  }
  protected unplanes(y: Tensor, single: boolean): Tensor {
    return single ? y.squeeze(0) : y;
  }
  protected window(): [[number, number], [number, number]] {
    return [[this.kH, this.kW], [this.dH, this.dW]];
  }
  protected perPlane(): number[] {
    return [1, this.nInputPlane, 1, 1];
  }
}

/**
 * Sums over kW consecutive frames (step dW), times a weight per frame feature, plus a bias: input
 * [nFrames, inputFrameSize] or [N, nFrames, inputFrameSize]; weight and bias [inputFrameSize].
 * @example new nn.TemporalSubSampling(10, 3, 2).forward(torch.randn(21, 10))   // [10, 10]
 */
@signature('inputFrameSize: number, kW: number, dW?: number')
export class TemporalSubSampling extends SubSampling {
  constructor(public inputFrameSize: number, public kW: number, public dW = 1) {
    super();
    this.init(inputFrameSize);
  }
  /** [N, 1, nFrames, inputFrameSize] with a kW×1 window, as TemporalMaxPooling. */
  protected planes(x: Tensor): [Tensor, boolean] {
    if ((x.dim() !== 2 && x.dim() !== 3) || x.size(-1) !== this.inputFrameSize)
      throw new TorchSizeError(`${this.typename}: expected input [nFrames, ${this.inputFrameSize}] or [N, nFrames, ${this.inputFrameSize}], got [${x.size().join(', ')}]`);
    return x.dim() === 2 ? [x.unsqueeze(0).unsqueeze(1), true] : [x.unsqueeze(1), false];
  }
  protected unplanes(y: Tensor, single: boolean): Tensor {
    return single ? y.squeeze(1).squeeze(0) : y.squeeze(1);
  }
  protected window(): [[number, number], [number, number]] {
    return [[this.kW, 1], [this.dW, 1]];
  }
  protected perPlane(): number[] {
    return [1, 1, 1, this.inputFrameSize];
  }
}
