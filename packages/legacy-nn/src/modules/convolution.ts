/**
 * Torch7's convolutions on core's THNN-shaped kernels (the same im2col + GEMM code the new nn runs):
 * SpatialConvolution(MM), SpatialDilatedConvolution, SpatialFullConvolution, VolumetricConvolution,
 * VolumetricFullConvolution and TemporalConvolution. Torch7 lists spatial sizes width first (kW, kH);
 * the kernels take them outermost first, as PyTorch does.
 */
import {
  convolutionAccGradParameters, convolutionUpdateGradInput, convolutionUpdateOutput, convTransposeUpdateOutput, convolutionBackward,
  empty, TorchSizeError, type ConvParams, type Tensor,
} from '@torch/core';
import { Module, type Activity } from '../module';
import { asTensor, reuse } from './util';
import { signature } from '../signature';

/** The convolution family's shared state and protocol; subclasses give the geometry. */
export abstract class ConvolutionBase extends Module {
  declare weight: Tensor;
  declare gradWeight: Tensor;
  /** Whether this is the transposed ("full") convolution. */
  protected abstract readonly transposed: boolean;
  protected abstract params(): ConvParams;
  /** The weight as the kernels see it (Torch7's MM variant stores it flattened to 2-D). */
  protected kernelWeight(w: Tensor): Tensor {
    return w;
  }

  protected init(weightShape: number[], bias: boolean, fanIn: number): void {
    this.weight = empty(weightShape);
    this.gradWeight = empty(weightShape).zero_();
    if (bias) (this.bias = empty(weightShape[this.transposed ? 1 : 0]!), this.gradBias = empty(this.bias.size()).zero_());
    this.reset(1 / Math.sqrt(fanIn));
  }

  override reset(stdv = 1 / Math.sqrt(this.weight.numel() / this.weight.size(0))): this {
    this.weight.uniform_(-stdv, stdv);
    this.bias?.uniform_(-stdv, stdv);
    return this;
  }

  /** Makes a 1-sample input [C, *] a batch [1, C, *] for the kernels, remembering to undo it. */
  protected batched(x: Tensor): [Tensor, boolean] {
    const nd = this.weight.dim() === 2 ? 2 : this.kernelWeight(this.weight).dim() - 2;
    if (x.dim() === nd + 1) return [x.unsqueeze(0), true];
    if (x.dim() !== nd + 2) throw new TorchSizeError(`${this.typename}: expected a ${nd + 1}-D or ${nd + 2}-D input, got [${x.size().join(', ')}]`);
    return [x, false];
  }

  override updateOutput(input: Activity): Tensor {
    const [x, single] = this.batched(asTensor(input, this.typename));
    const out = reuse(this.output, x);
    const w = this.kernelWeight(this.weight);
    if (this.transposed) convTransposeUpdateOutput(x, out, w, this.bias ?? null, this.params());
    else convolutionUpdateOutput(x, out, w, this.bias ?? null, this.params());
    return (this.output = single ? out.squeeze(0) : out);
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const [x, single] = this.batched(asTensor(input, this.typename));
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    const g = single ? gy.unsqueeze(0) : gy;
    const w = this.kernelWeight(this.weight);
    let gx: Tensor;
    if (this.transposed) gx = convolutionBackward(x, g, w, this.params(), true, [true, false, false])[0]!;
    else convolutionUpdateGradInput(x, g, (gx = reuse(this.gradInput, x)), w, this.params());
    return (this.gradInput = single ? gx.squeeze(0) : gx);
  }

  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    const [x, single] = this.batched(asTensor(input, this.typename));
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    const g = single ? gy.unsqueeze(0) : gy;
    const gw = this.kernelWeight(this.gradWeight);
    if (!this.transposed) return convolutionAccGradParameters(x, g, gw, this.gradBias ?? null, this.params(), scale);
    const [, dw, db] = convolutionBackward(x, g, this.kernelWeight(this.weight), this.params(), true, [false, true, this.gradBias !== undefined]);
    gw.add_(dw!, { alpha: scale });
    if (db) this.gradBias!.add_(db, { alpha: scale });
  }
}

/**
 * 2-D convolution: nInputPlane → nOutputPlane planes with a kW×kH kernel, steps dW, dH and zero padding
 * padW, padH. Input [nInputPlane, H, W] or [N, nInputPlane, H, W]; weight [nOut, nIn, kH, kW].
 * @example new nn.SpatialConvolution(3, 16, 5, 5, 1, 1, 2, 2).forward(torch.randn(8, 3, 32, 32))   // [8, 16, 32, 32]
 */
@signature('nInputPlane: number, nOutputPlane: number, kW: number, kH: number, dW?: number, dH?: number, padW?: number, padH?: number')
export class SpatialConvolution extends ConvolutionBase {
  protected readonly transposed: boolean = false;
  constructor(public nInputPlane: number, public nOutputPlane: number, public kW: number, public kH: number, public dW = 1, public dH = 1, public padW = 0, public padH = padW) {
    super();
    this.init([nOutputPlane, nInputPlane, kH, kW], true, kW * kH * nInputPlane);
  }
  protected params(): ConvParams {
    return { stride: [this.dH, this.dW], padding: [this.padH, this.padW], dilation: [1, 1], groups: 1 };
  }
  override toString(): string {
    return `${this.typename}(${this.nInputPlane} -> ${this.nOutputPlane}, ${this.kW}x${this.kH}, ${this.dW},${this.dH}, ${this.padW},${this.padH})`;
  }
}

/**
 * SpatialConvolution whose weight Torch7 stores flattened as [nOut, nIn·kH·kW] (files from nn's MM variant).
 * @example new nn.SpatialConvolutionMM(3, 16, 3, 3, 1, 1, 1, 1)
 */
@signature('nInputPlane: number, nOutputPlane: number, kW: number, kH: number, dW?: number, dH?: number, padW?: number, padH?: number')
export class SpatialConvolutionMM extends SpatialConvolution {
  constructor(nInputPlane: number, nOutputPlane: number, kW: number, kH: number, dW = 1, dH = 1, padW = 0, padH = padW) {
    super(nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH);
    this.weight = this.weight.view(nOutputPlane, -1);
    this.gradWeight = this.gradWeight.view(nOutputPlane, -1);
  }
  protected override kernelWeight(w: Tensor): Tensor {
    return w.dim() === 2 ? w.view(this.nOutputPlane, this.nInputPlane, this.kH, this.kW) : w;
  }
}

/**
 * SpatialConvolution with the kernel's taps dilationW, dilationH apart.
 * @example new nn.SpatialDilatedConvolution(16, 16, 3, 3, 1, 1, 2, 2, 2, 2)
 */
@signature('nInputPlane: number, nOutputPlane: number, kW: number, kH: number, dW?: number, dH?: number, padW?: number, padH?: number, dilationW?: number, dilationH?: number')
export class SpatialDilatedConvolution extends SpatialConvolution {
  constructor(nInputPlane: number, nOutputPlane: number, kW: number, kH: number, dW = 1, dH = 1, padW = 0, padH = padW, public dilationW = 1, public dilationH = dilationW) {
    super(nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH);
  }
  protected override params(): ConvParams {
    return { ...super.params(), dilation: [this.dilationH, this.dilationW] };
  }
}

/**
 * The transposed 2-D convolution (Torch7's SpatialFullConvolution): weight [nIn, nOut, kH, kW]; adjW, adjH
 * add to the output size.
 * @example new nn.SpatialFullConvolution(16, 3, 4, 4, 2, 2, 1, 1).forward(torch.randn(1, 16, 8, 8))   // [1, 3, 16, 16]
 */
@signature('nInputPlane: number, nOutputPlane: number, kW: number, kH: number, dW?: number, dH?: number, padW?: number, padH?: number, adjW?: number, adjH?: number')
export class SpatialFullConvolution extends ConvolutionBase {
  protected readonly transposed: boolean = true;
  constructor(public nInputPlane: number, public nOutputPlane: number, public kW: number, public kH: number, public dW = 1, public dH = 1, public padW = 0, public padH = 0, public adjW = 0, public adjH = 0) {
    super();
    this.init([nInputPlane, nOutputPlane, kH, kW], true, kW * kH * nInputPlane);
  }
  protected params(): ConvParams {
    return { stride: [this.dH, this.dW], padding: [this.padH, this.padW], dilation: [1, 1], groups: 1, outputPadding: [this.adjH, this.adjW] };
  }
}

/**
 * 3-D convolution over [nIn, T, H, W] or [N, nIn, T, H, W]: kernel kT×kW×kH, steps dT, dW, dH, padding padT, padW, padH.
 * @example new nn.VolumetricConvolution(1, 8, 3, 3, 3).forward(torch.randn(2, 1, 8, 8, 8))   // [2, 8, 6, 6, 6]
 */
@signature('nInputPlane: number, nOutputPlane: number, kT: number, kW: number, kH: number, dT?: number, dW?: number, dH?: number, padT?: number, padW?: number, padH?: number')
export class VolumetricConvolution extends ConvolutionBase {
  protected readonly transposed: boolean = false;
  constructor(public nInputPlane: number, public nOutputPlane: number, public kT: number, public kW: number, public kH: number, public dT = 1, public dW = 1, public dH = 1, public padT = 0, public padW = 0, public padH = 0) {
    super();
    this.init([nOutputPlane, nInputPlane, kT, kH, kW], true, kT * kW * kH * nInputPlane);
  }
  protected params(): ConvParams {
    return { stride: [this.dT, this.dH, this.dW], padding: [this.padT, this.padH, this.padW], dilation: [1, 1, 1], groups: 1 };
  }
}

/**
 * The transposed 3-D convolution: weight [nIn, nOut, kT, kH, kW].
 * @example new nn.VolumetricFullConvolution(8, 1, 2, 2, 2, 2, 2, 2)
 */
@signature('nInputPlane: number, nOutputPlane: number, kT: number, kW: number, kH: number, dT?: number, dW?: number, dH?: number, padT?: number, padW?: number, padH?: number, adjT?: number, adjW?: number, adjH?: number')
export class VolumetricFullConvolution extends ConvolutionBase {
  protected readonly transposed: boolean = true;
  constructor(public nInputPlane: number, public nOutputPlane: number, public kT: number, public kW: number, public kH: number, public dT = 1, public dW = 1, public dH = 1, public padT = 0, public padW = 0, public padH = 0, public adjT = 0, public adjW = 0, public adjH = 0) {
    super();
    this.init([nInputPlane, nOutputPlane, kT, kH, kW], true, kT * kW * kH * nInputPlane);
  }
  protected params(): ConvParams {
    return { stride: [this.dT, this.dH, this.dW], padding: [this.padT, this.padH, this.padW], dilation: [1, 1, 1], groups: 1, outputPadding: [this.adjT, this.adjH, this.adjW] };
  }
}

/**
 * 1-D convolution over time of frames: input [nFrames, inputFrameSize] or [N, nFrames, inputFrameSize],
 * output [nOutFrames, outputFrameSize]; weight [outputFrameSize, kW·inputFrameSize] as Torch7.
 * @example new nn.TemporalConvolution(10, 4, 3).forward(torch.randn(20, 10))   // [18, 4]
 */
@signature('inputFrameSize: number, outputFrameSize: number, kW: number, dW?: number')
export class TemporalConvolution extends Module {
  declare weight: Tensor;
  declare gradWeight: Tensor;
  declare bias: Tensor;
  declare gradBias: Tensor;
  constructor(public inputFrameSize: number, public outputFrameSize: number, public kW: number, public dW = 1) {
    super();
    this.weight = empty(outputFrameSize, kW * inputFrameSize);
    this.gradWeight = empty(outputFrameSize, kW * inputFrameSize).zero_();
    this.bias = empty(outputFrameSize);
    this.gradBias = empty(outputFrameSize).zero_();
    this.reset();
  }
  override reset(stdv = 1 / Math.sqrt(this.kW * this.inputFrameSize)): this {
    this.weight.uniform_(-stdv, stdv);
    this.bias.uniform_(-stdv, stdv);
    return this;
  }
  /** Frames as channels: [N, inputFrameSize, nFrames]. */
  private channels(input: Activity): [Tensor, boolean] {
    const x = asTensor(input, this.typename);
    if ((x.dim() !== 2 && x.dim() !== 3) || x.size(-1) !== this.inputFrameSize)
      throw new TorchSizeError(`${this.typename}: expected input [nFrames, ${this.inputFrameSize}] or [N, nFrames, ${this.inputFrameSize}], got [${x.size().join(', ')}]`);
    const b = x.dim() === 2 ? x.unsqueeze(0) : x;
    return [b.transpose(1, 2), x.dim() === 2];
  }
  /** Torch7's [out, kW·in] weight as the kernel's [out, in, kW]. */
  private kernel(w: Tensor): Tensor {
    return w.view(this.outputFrameSize, this.kW, this.inputFrameSize).permute(0, 2, 1);
  }
  private params(): ConvParams {
    return { stride: [this.dW], padding: [0], dilation: [1], groups: 1 };
  }
  override updateOutput(input: Activity): Tensor {
    const [x, single] = this.channels(input);
    const out = empty(0, { dtype: x.dtype });
    convolutionUpdateOutput(x, out, this.kernel(this.weight).contiguous(), this.bias, this.params());
    const y = out.transpose(1, 2);
    return (this.output = single ? y.squeeze(0) : y);
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const [x, single] = this.channels(input);
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    const g = (single ? gy.unsqueeze(0) : gy).transpose(1, 2);
    const gx = empty(0, { dtype: x.dtype });
    convolutionUpdateGradInput(x, g, gx, this.kernel(this.weight).contiguous(), this.params());
    const back = gx.transpose(1, 2);
    return (this.gradInput = single ? back.squeeze(0) : back);
  }
  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    const [x, single] = this.channels(input);
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    const g = (single ? gy.unsqueeze(0) : gy).transpose(1, 2);
    const gw = empty(this.outputFrameSize, this.inputFrameSize, this.kW, { dtype: x.dtype }).zero_();
    convolutionAccGradParameters(x, g, gw, this.gradBias, this.params(), scale);
    this.kernel(this.gradWeight).add_(gw);
  }
}
