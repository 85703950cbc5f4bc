// Pooling modules: MaxPool1d/2d/3d, AvgPool1d/2d/3d, AdaptiveAvgPool1d/2d, AdaptiveMaxPool1d/2d and
// MaxUnpool1d/2d/3d over the functional forms (native kernels). They hold no parameters.
import type { Tensor, AvgPoolOptions, MaxPoolOptions } from '@torch/core';
import type { Variable } from '@torch/autograd';
import { Module } from '../module';
import * as F from '../functional/pooling';
import { checkArity, checkOptions } from '../utils/args';

const MAX_KEYS = ['stride', 'padding', 'dilation', 'ceilMode', 'returnIndices'];
const AVG_KEYS = ['stride', 'padding', 'ceilMode', 'countIncludePad', 'divisorOverride'];
type MaxFn = (x: Variable, k: number | number[], o?: MaxPoolOptions) => Variable | [Variable, Variable];
type AvgFn = (x: Variable, k: number | number[], o?: AvgPoolOptions) => Variable;

abstract class MaxPoolNd extends Module {
  readonly kernelSize: number | number[];
  readonly options: MaxPoolOptions;
  constructor(private readonly fn: MaxFn, op: string, kernelSize: number | number[], options: MaxPoolOptions | undefined) {
    super();
    this.kernelSize = kernelSize;
    this.options = { ...checkOptions(op, options, MAX_KEYS) };
  }
  /** The pooled input, or [output, indices] with returnIndices. */
  override forward(input: Variable): Variable | [Variable, Variable] {
    return this.fn(input, this.kernelSize, this.options);
  }
  override extraRepr(): string {
    return `kernelSize=${JSON.stringify(this.kernelSize)}${Object.entries(this.options).map(([k, v]) => `, ${k}=${JSON.stringify(v)}`).join('')}`;
  }
}

/** 1d max pooling. @example new nn.MaxPool1d(3, { stride: 2 }).forward(x) */
export class MaxPool1d extends MaxPoolNd {
  constructor(kernelSize: number | number[], options?: MaxPoolOptions) {
    checkArity('MaxPool1d', arguments.length, 2);
    super(F.maxPool1d as MaxFn, 'MaxPool1d', kernelSize, options);
  }
}
/** 2d max pooling. @example new nn.MaxPool2d(2).forward(x) // halves H and W */
export class MaxPool2d extends MaxPoolNd {
  constructor(kernelSize: number | number[], options?: MaxPoolOptions) {
    checkArity('MaxPool2d', arguments.length, 2);
    super(F.maxPool2d as MaxFn, 'MaxPool2d', kernelSize, options);
  }
}
/** 3d max pooling. @example new nn.MaxPool3d(2, { returnIndices: true }).forward(x) // [y, indices] */
export class MaxPool3d extends MaxPoolNd {
  constructor(kernelSize: number | number[], options?: MaxPoolOptions) {
    checkArity('MaxPool3d', arguments.length, 2);
    super(F.maxPool3d as MaxFn, 'MaxPool3d', kernelSize, options);
  }
}

abstract class AvgPoolNd extends Module {
  readonly kernelSize: number | number[];
  readonly options: AvgPoolOptions;
  constructor(private readonly fn: AvgFn, op: string, kernelSize: number | number[], options: AvgPoolOptions | undefined) {
    super();
    this.kernelSize = kernelSize;
    this.options = { ...checkOptions(op, options, AVG_KEYS) };
  }
  override forward(input: Variable): Variable {
    return this.fn(input, this.kernelSize, this.options);
  }
  override extraRepr(): string {
    return `kernelSize=${JSON.stringify(this.kernelSize)}${Object.entries(this.options).map(([k, v]) => `, ${k}=${JSON.stringify(v)}`).join('')}`;
  }
}

/** 1d average pooling. @example new nn.AvgPool1d(3, { stride: 2 }).forward(x) */
export class AvgPool1d extends AvgPoolNd {
  constructor(kernelSize: number | number[], options?: AvgPoolOptions) {
    checkArity('AvgPool1d', arguments.length, 2);
    super(F.avgPool1d, 'AvgPool1d', kernelSize, options);
  }
}
/** 2d average pooling. @example new nn.AvgPool2d(2, { ceilMode: true }).forward(x) */
export class AvgPool2d extends AvgPoolNd {
  constructor(kernelSize: number | number[], options?: AvgPoolOptions) {
    checkArity('AvgPool2d', arguments.length, 2);
    super(F.avgPool2d, 'AvgPool2d', kernelSize, options);
  }
}
/** 3d average pooling. @example new nn.AvgPool3d(2).forward(x) */
export class AvgPool3d extends AvgPoolNd {
  constructor(kernelSize: number | number[], options?: AvgPoolOptions) {
    checkArity('AvgPool3d', arguments.length, 2);
    super(F.avgPool3d, 'AvgPool3d', kernelSize, options);
  }
}

/** 1d adaptive average pooling to outputSize. @example new nn.AdaptiveAvgPool1d(5).forward(x) */
export class AdaptiveAvgPool1d extends Module {
  constructor(readonly outputSize: number | number[]) {
    super();
    checkArity('AdaptiveAvgPool1d', arguments.length, 1);
  }
  override forward(input: Variable): Variable {
    return F.adaptiveAvgPool1d(input, this.outputSize);
  }
  override extraRepr(): string {
    return `outputSize=${JSON.stringify(this.outputSize)}`;
  }
}
/** 2d adaptive average pooling to outputSize. @example new nn.AdaptiveAvgPool2d(1).forward(x) // global average pool */
export class AdaptiveAvgPool2d extends Module {
  constructor(readonly outputSize: number | number[]) {
    super();
    checkArity('AdaptiveAvgPool2d', arguments.length, 1);
  }
  override forward(input: Variable): Variable {
    return F.adaptiveAvgPool2d(input, this.outputSize);
  }
  override extraRepr(): string {
    return `outputSize=${JSON.stringify(this.outputSize)}`;
  }
}

abstract class AdaptiveMaxPoolNd extends Module {
  readonly returnIndices: boolean;
  constructor(private readonly fn: (x: Variable, s: number | number[], o?: { returnIndices?: boolean }) => Variable | [Variable, Variable], op: string, readonly outputSize: number | number[], options: { returnIndices?: boolean } | undefined) {
    super();
    this.returnIndices = checkOptions(op, options, ['returnIndices']).returnIndices ?? false;
  }
  /** The pooled input, or [output, indices] with returnIndices. */
  override forward(input: Variable): Variable | [Variable, Variable] {
    return this.fn(input, this.outputSize, { returnIndices: this.returnIndices });
  }
  override extraRepr(): string {
    return `outputSize=${JSON.stringify(this.outputSize)}${this.returnIndices ? ', returnIndices=true' : ''}`;
  }
}
/** 1d adaptive max pooling. @example new nn.AdaptiveMaxPool1d(4).forward(x) */
export class AdaptiveMaxPool1d extends AdaptiveMaxPoolNd {
  constructor(outputSize: number | number[], options?: { returnIndices?: boolean }) {
    checkArity('AdaptiveMaxPool1d', arguments.length, 2);
    super(F.adaptiveMaxPool1d, 'AdaptiveMaxPool1d', outputSize, options);
  }
}
/** 2d adaptive max pooling. @example new nn.AdaptiveMaxPool2d([2, 2]).forward(x) */
export class AdaptiveMaxPool2d extends AdaptiveMaxPoolNd {
  constructor(outputSize: number | number[], options?: { returnIndices?: boolean }) {
    checkArity('AdaptiveMaxPool2d', arguments.length, 2);
    super(F.adaptiveMaxPool2d, 'AdaptiveMaxPool2d', outputSize, options);
  }
}

type UnpoolFn = (x: Variable, i: Variable | Tensor, k: number | number[], o?: { stride?: number | number[] | null; padding?: number | number[]; outputSize?: number[] | null }) => Variable;
abstract class MaxUnpoolNd extends Module {
  readonly stride: number | number[] | null;
  readonly padding: number | number[];
  constructor(private readonly fn: UnpoolFn, op: string, readonly kernelSize: number | number[], options: { stride?: number | number[] | null; padding?: number | number[] } | undefined) {
    super();
    const o = checkOptions(op, options, ['stride', 'padding']);
    this.stride = o.stride ?? null;
    this.padding = o.padding ?? 0;
  }
  /** Inverts the max pool that gave `indices`; outputSize picks among the sizes that pool maps to the input's. */
  override forward(input: Variable, indices: Variable | Tensor, outputSize?: number[]): Variable {
    return this.fn(input, indices, this.kernelSize, { stride: this.stride, padding: this.padding, outputSize: outputSize ?? null });
  }
  override extraRepr(): string {
    return `kernelSize=${JSON.stringify(this.kernelSize)}, stride=${JSON.stringify(this.stride ?? this.kernelSize)}, padding=${JSON.stringify(this.padding)}`;
  }
}
/** 1d max unpooling. @example new nn.MaxUnpool1d(2).forward(y, indices) */
export class MaxUnpool1d extends MaxUnpoolNd {
  constructor(kernelSize: number | number[], options?: { stride?: number | number[] | null; padding?: number | number[] }) {
    checkArity('MaxUnpool1d', arguments.length, 2);
    super(F.maxUnpool1d, 'MaxUnpool1d', kernelSize, options);
  }
}
/** 2d max unpooling. @example new nn.MaxUnpool2d(2).forward(y, indices, [5, 5]) */
export class MaxUnpool2d extends MaxUnpoolNd {
  constructor(kernelSize: number | number[], options?: { stride?: number | number[] | null; padding?: number | number[] }) {
    checkArity('MaxUnpool2d', arguments.length, 2);
    super(F.maxUnpool2d, 'MaxUnpool2d', kernelSize, options);
  }
}
/** 3d max unpooling. @example new nn.MaxUnpool3d(2).forward(y, indices) */
export class MaxUnpool3d extends MaxUnpoolNd {
  constructor(kernelSize: number | number[], options?: { stride?: number | number[] | null; padding?: number | number[] }) {
    checkArity('MaxUnpool3d', arguments.length, 2);
    super(F.maxUnpool3d, 'MaxUnpool3d', kernelSize, options);
  }
}
