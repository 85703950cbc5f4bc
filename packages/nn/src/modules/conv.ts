// Conv1d/2d/3d and ConvTranspose1d/2d/3d: weight and bias parameters over the functional convolutions
// (native kernels), initialised as PyTorch's (kaiming uniform with a = √5, bias U(-1/√fanIn, 1/√fanIn)).
import { empty, TorchSizeError, TorchTypeError, type DType } from '@torch/core';
import type { Variable } from '@torch/autograd';
import { Module } from '../module';
import { Parameter } from '../parameter';
import * as F from '../functional/conv';
import { calculateFanInAndFanOut, kaimingUniform_, uniform_ } from '../init';
import { checkArity, checkOptions, fmtSize, positiveInt } from '../utils/args';

/** Options of the convolution modules (sizes: a number or one per spatial dim). */
export interface ConvModuleOptions {
  stride?: number | number[];
  padding?: number | number[];
  dilation?: number | number[];
  groups?: number;
  /** Learn an additive bias (default true). */
  bias?: boolean;
  /** Only 'zeros' (PyTorch's default) is implemented. */
  paddingMode?: 'zeros';
  dtype?: DType;
}

/** Options of the transposed convolution modules. */
export interface ConvTransposeModuleOptions extends ConvModuleOptions {
  outputPadding?: number | number[];
}

const tupleOf = (op: string, name: string, v: number | number[] | undefined, nd: number, def: number): number[] => {
  const t = v === undefined ? new Array<number>(nd).fill(def) : typeof v === 'number' ? new Array<number>(nd).fill(v) : [...v];
  if (t.length !== nd || t.some((x) => !Number.isInteger(x))) throw new TorchTypeError(`${op}: ${name} must be an integer or a list of ${nd} integers, got ${String(v)}`);
  return t;
};

/** The shared parts of the convolution modules. */
abstract class ConvNd extends Module {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: number[];
  readonly stride: number[];
  readonly padding: number[];
  readonly dilation: number[];
  readonly groups: number;
  readonly transposed: boolean;
  readonly outputPadding: number[];
  weight: Parameter;
  bias: Parameter | null;

  constructor(op: string, nd: number, transposed: boolean, inChannels: number, outChannels: number, kernelSize: number | number[], options: ConvTransposeModuleOptions | undefined) {
    super();
    const o = checkOptions(op, options, ['stride', 'padding', 'dilation', 'groups', 'bias', 'paddingMode', 'dtype', ...(transposed ? ['outputPadding'] : [])]);
    this.inChannels = positiveInt(op, 'inChannels', inChannels);
    this.outChannels = positiveInt(op, 'outChannels', outChannels);
    this.groups = positiveInt(op, 'groups', o.groups ?? 1);
    if (inChannels % this.groups !== 0) throw new TorchTypeError(`${op}: inChannels (${inChannels}) must be divisible by groups (${this.groups})`);
    if (outChannels % this.groups !== 0) throw new TorchTypeError(`${op}: outChannels (${outChannels}) must be divisible by groups (${this.groups})`);
    if (o.paddingMode !== undefined && o.paddingMode !== 'zeros') throw new TorchTypeError(`${op}: paddingMode '${String(o.paddingMode)}' is not implemented (only 'zeros')`);
    this.kernelSize = tupleOf(op, 'kernelSize', kernelSize, nd, 1);
    this.kernelSize.forEach((k) => positiveInt(op, 'kernelSize', k));
    this.stride = tupleOf(op, 'stride', o.stride, nd, 1);
    this.padding = tupleOf(op, 'padding', o.padding, nd, 0);
    this.dilation = tupleOf(op, 'dilation', o.dilation, nd, 1);
    this.transposed = transposed;
    this.outputPadding = tupleOf(op, 'outputPadding', (o as ConvTransposeModuleOptions).outputPadding, nd, 0);
    const dt = o.dtype === undefined ? {} : { dtype: o.dtype };
    const shape = transposed ? [inChannels, outChannels / this.groups, ...this.kernelSize] : [outChannels, inChannels / this.groups, ...this.kernelSize];
    this.weight = new Parameter(empty(shape, dt));
    this.bias = o.bias === false ? null : new Parameter(empty([outChannels], dt));
    this.resetParameters();
  }

  /** Re-draws weight and bias from PyTorch's default distribution. @example conv.resetParameters() */
  resetParameters(): void {
    kaimingUniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias !== null) {
      const fanIn = calculateFanInAndFanOut(this.weight)[0];
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      uniform_(this.bias, -bound, bound);
    }
  }

  /** The functional options this module passes. @internal */
  protected convOptions() {
    const o = { stride: this.stride, padding: this.padding, dilation: this.dilation, groups: this.groups };
    return this.transposed ? { ...o, outputPadding: this.outputPadding } : o;
  }

  /**
   * The functional options of a transposed convolution whose output must have `outputSize` (its
   * spatial sizes, or all sizes): the output padding that gives it, as PyTorch's `forward(input,
   * output_size)`. Without outputSize, the module's own outputPadding. @internal
   */
  protected transposeOptions(op: string, input: Variable, outputSize: readonly number[] | null | undefined) {
    const o = this.convOptions();
    if (outputSize === undefined || outputSize === null) return o;
    const nd = this.kernelSize.length, shape = input.shape;
    if (shape.length !== nd + 1 && shape.length !== nd + 2) throw new TorchSizeError(`${op}: expected ${nd + 1}D or ${nd + 2}D input, got size ${fmtSize(shape)}`);
    const lead = shape.length - nd;
    if (!Array.isArray(outputSize) || !outputSize.every((v) => Number.isInteger(v)))
      throw new TorchTypeError(`${op}: outputSize must be a list of integers, got ${String(outputSize)}`);
    const want = outputSize.length === lead + nd ? outputSize.slice(lead) : outputSize;
    if (want.length !== nd)
      throw new TorchSizeError(`${op}: for ${shape.length}D input, outputSize must have ${nd} or ${lead + nd} elements (got ${outputSize.length})`);
    const min = shape.slice(lead).map((s, d) => (s - 1) * this.stride[d]! - 2 * this.padding[d]! + this.dilation[d]! * (this.kernelSize[d]! - 1) + 1);
    const max = min.map((m, d) => m + this.stride[d]! - 1);
    if (want.some((s, d) => s < min[d]! || s > max[d]!))
      throw new TorchSizeError(`${op}: requested an output size of ${fmtSize(want)}, but valid sizes range from ${fmtSize(min)} to ${fmtSize(max)} (for an input of ${fmtSize(shape.slice(lead))})`);
    return { ...o, outputPadding: want.map((s, d) => s - min[d]!) };
  }

  override extraRepr(): string {
    const parts = [`${this.inChannels}, ${this.outChannels}, kernelSize=[${this.kernelSize}]`, `stride=[${this.stride}]`];
    if (this.padding.some((p) => p !== 0)) parts.push(`padding=[${this.padding}]`);
    if (this.dilation.some((d) => d !== 1)) parts.push(`dilation=[${this.dilation}]`);
    if (this.outputPadding.some((p) => p !== 0)) parts.push(`outputPadding=[${this.outputPadding}]`);
    if (this.groups !== 1) parts.push(`groups=${this.groups}`);
    if (this.bias === null) parts.push('bias=false');
    return parts.join(', ');
  }
}

/**
 * 1d convolution over [N, Cin, L].
 * @example new nn.Conv1d(16, 33, 3, { stride: 2 }).forward(x) // x [N, 16, L]
 */
export class Conv1d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number | number[], options?: ConvModuleOptions) {
    checkArity('Conv1d', arguments.length, 4);
    super('Conv1d', 1, false, inChannels, outChannels, kernelSize, options);
  }
  override forward(input: Variable): Variable {
    return F.conv1d(input, this.weight, this.bias, this.convOptions());
  }
}

/**
 * 2d convolution over [N, Cin, H, W].
 * @example new nn.Conv2d(1, 32, 3, { padding: 1 }).forward(x) // x [N, 1, 28, 28] -> [N, 32, 28, 28]
 */
export class Conv2d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number | number[], options?: ConvModuleOptions) {
    checkArity('Conv2d', arguments.length, 4);
    super('Conv2d', 2, false, inChannels, outChannels, kernelSize, options);
  }
  override forward(input: Variable): Variable {
    return F.conv2d(input, this.weight, this.bias, this.convOptions());
  }
}

/**
 * 3d convolution over [N, Cin, D, H, W].
 * @example new nn.Conv3d(4, 8, [3, 3, 3]).forward(x)
 */
export class Conv3d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number | number[], options?: ConvModuleOptions) {
    checkArity('Conv3d', arguments.length, 4);
    super('Conv3d', 3, false, inChannels, outChannels, kernelSize, options);
  }
  override forward(input: Variable): Variable {
    return F.conv3d(input, this.weight, this.bias, this.convOptions());
  }
}

/**
 * 1d transposed convolution; weight [Cin, Cout/groups, k].
 * @example
 * new nn.ConvTranspose1d(8, 4, 3, { stride: 2 }).forward(x)          // x [N, 8, 5] -> [N, 4, 11]
 * new nn.ConvTranspose1d(8, 4, 3, { stride: 2 }).forward(x, [12])    // outputPadding 1 -> [N, 4, 12]
 */
export class ConvTranspose1d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number | number[], options?: ConvTransposeModuleOptions) {
    checkArity('ConvTranspose1d', arguments.length, 4);
    super('ConvTranspose1d', 1, true, inChannels, outChannels, kernelSize, options);
  }
  /** The transposed convolution; `outputSize` (spatial or all sizes) picks the output padding, as PyTorch's output_size. */
  override forward(input: Variable, outputSize?: number[] | null): Variable {
    checkArity('ConvTranspose1d.forward', arguments.length, 2);
    return F.convTranspose1d(input, this.weight, this.bias, this.transposeOptions('ConvTranspose1d', input, outputSize));
  }
}

/**
 * 2d transposed convolution.
 * @example
 * new nn.ConvTranspose2d(16, 8, 3, { stride: 2, padding: 1, outputPadding: 1 }).forward(x) // doubles H and W
 * const up = new nn.ConvTranspose2d(16, 8, 3, { stride: 2, padding: 1 });
 * up.forward(y, x.shape); // undoes a stride-2 conv exactly, whatever the parity of x's size
 */
export class ConvTranspose2d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number | number[], options?: ConvTransposeModuleOptions) {
    checkArity('ConvTranspose2d', arguments.length, 4);
    super('ConvTranspose2d', 2, true, inChannels, outChannels, kernelSize, options);
  }
  /** The transposed convolution; `outputSize` (spatial or all sizes) picks the output padding, as PyTorch's output_size. */
  override forward(input: Variable, outputSize?: number[] | null): Variable {
    checkArity('ConvTranspose2d.forward', arguments.length, 2);
    return F.convTranspose2d(input, this.weight, this.bias, this.transposeOptions('ConvTranspose2d', input, outputSize));
  }
}

/**
 * 3d transposed convolution.
 * @example
 * new nn.ConvTranspose3d(4, 2, 2, { stride: 2 }).forward(x)
 * new nn.ConvTranspose3d(4, 2, 3, { stride: 2 }).forward(x, [9, 10, 9])
 */
export class ConvTranspose3d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number | number[], options?: ConvTransposeModuleOptions) {
    checkArity('ConvTranspose3d', arguments.length, 4);
    super('ConvTranspose3d', 3, true, inChannels, outChannels, kernelSize, options);
  }
  /** The transposed convolution; `outputSize` (spatial or all sizes) picks the output padding, as PyTorch's output_size. */
  override forward(input: Variable, outputSize?: number[] | null): Variable {
    checkArity('ConvTranspose3d.forward', arguments.length, 2);
    return F.convTranspose3d(input, this.weight, this.bias, this.transposeOptions('ConvTranspose3d', input, outputSize));
  }
}
