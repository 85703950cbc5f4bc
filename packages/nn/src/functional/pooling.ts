// Pooling and unpooling (native kernels through core's ops/nn, recorded by autograd's nn-functions):
// PyTorch's F.max_pool*, F.avg_pool*, F.adaptive_{avg,max}_pool*, F.max_unpool* with trailing options.
import * as ag from '@torch/autograd';
import type { AvgPoolOptions, FractionalMaxPoolOptions, MaxPoolOptions, MaxUnpoolOptions } from '@torch/core';
import type { Variable } from '@torch/autograd';
import { asVar, type VarLike } from './util';

type Pooled<O> = O extends { returnIndices: true } ? [Variable, Variable] : Variable;

/** 1d max pool. @example nn.functional.maxPool1d(x, 2) */
export function maxPool1d<O extends MaxPoolOptions>(input: VarLike, kernelSize: number | number[], options?: O): Pooled<O> {
  return ag.maxPool1d(asVar('maxPool1d', input), kernelSize, options) as Pooled<O>;
}
/** 2d max pool. @example nn.functional.maxPool2d(x, 2); const [y, i] = nn.functional.maxPool2d(x, 3, { stride: 2, returnIndices: true }) */
export function maxPool2d<O extends MaxPoolOptions>(input: VarLike, kernelSize: number | number[], options?: O): Pooled<O> {
  return ag.maxPool2d(asVar('maxPool2d', input), kernelSize, options) as Pooled<O>;
}
/** 3d max pool. @example nn.functional.maxPool3d(x, 2) */
export function maxPool3d<O extends MaxPoolOptions>(input: VarLike, kernelSize: number | number[], options?: O): Pooled<O> {
  return ag.maxPool3d(asVar('maxPool3d', input), kernelSize, options) as Pooled<O>;
}
/** 1d average pool. @example nn.functional.avgPool1d(x, 3, { stride: 2 }) */
export function avgPool1d(input: VarLike, kernelSize: number | number[], options?: AvgPoolOptions): Variable {
  return ag.avgPool1d(asVar('avgPool1d', input), kernelSize, options);
}
/** 2d average pool. @example nn.functional.avgPool2d(x, 2, { ceilMode: true }) */
export function avgPool2d(input: VarLike, kernelSize: number | number[], options?: AvgPoolOptions): Variable {
  return ag.avgPool2d(asVar('avgPool2d', input), kernelSize, options);
}
/** 3d average pool. @example nn.functional.avgPool3d(x, 2) */
export function avgPool3d(input: VarLike, kernelSize: number | number[], options?: AvgPoolOptions): Variable {
  return ag.avgPool3d(asVar('avgPool3d', input), kernelSize, options);
}
/** 1d adaptive average pool. @example nn.functional.adaptiveAvgPool1d(x, 5) */
export function adaptiveAvgPool1d(input: VarLike, outputSize: number | number[]): Variable {
  return ag.adaptiveAvgPool1d(asVar('adaptiveAvgPool1d', input), outputSize);
}
/** 2d adaptive average pool. @example nn.functional.adaptiveAvgPool2d(x, 1) // global average pooling */
export function adaptiveAvgPool2d(input: VarLike, outputSize: number | number[]): Variable {
  return ag.adaptiveAvgPool2d(asVar('adaptiveAvgPool2d', input), outputSize);
}
/** 1d adaptive max pool. @example nn.functional.adaptiveMaxPool1d(x, 5) */
export function adaptiveMaxPool1d<O extends { returnIndices?: boolean }>(input: VarLike, outputSize: number | number[], options?: O): Pooled<O> {
  return ag.adaptiveMaxPool1d(asVar('adaptiveMaxPool1d', input), outputSize, options) as Pooled<O>;
}
/** 2d adaptive max pool. @example nn.functional.adaptiveMaxPool2d(x, [2, 2]) */
export function adaptiveMaxPool2d<O extends { returnIndices?: boolean }>(input: VarLike, outputSize: number | number[], options?: O): Pooled<O> {
  return ag.adaptiveMaxPool2d(asVar('adaptiveMaxPool2d', input), outputSize, options) as Pooled<O>;
}
/** 1d max unpooling. @example nn.functional.maxUnpool1d(y, indices, 2) */
export function maxUnpool1d(input: VarLike, indices: VarLike, kernelSize: number | number[], options?: MaxUnpoolOptions): Variable {
  return ag.maxUnpool1d(asVar('maxUnpool1d', input), indices, kernelSize, options);
}
/** 2d max unpooling. @example nn.functional.maxUnpool2d(y, indices, 2, { outputSize: [5, 5] }) */
export function maxUnpool2d(input: VarLike, indices: VarLike, kernelSize: number | number[], options?: MaxUnpoolOptions): Variable {
  return ag.maxUnpool2d(asVar('maxUnpool2d', input), indices, kernelSize, options);
}
/** 3d max unpooling. @example nn.functional.maxUnpool3d(y, indices, 2) */
export function maxUnpool3d(input: VarLike, indices: VarLike, kernelSize: number | number[], options?: MaxUnpoolOptions): Variable {
  return ag.maxUnpool3d(asVar('maxUnpool3d', input), indices, kernelSize, options);
}
/**
 * 2d fractional max pooling: windows of `kernelSize` at pseudo-random increasing starts, giving
 * `outputSize` (or input size × `outputRatio`). The windows come from the default generator unless
 * `_randomSamples` [N, C, 2] fixes them.
 * @example
 * nn.functional.fractionalMaxPool2d(x, 3, { outputRatio: 0.5 })
 * const [y, idx] = nn.functional.fractionalMaxPool2d(x, 2, { outputSize: [7, 7], returnIndices: true })
 */
export function fractionalMaxPool2d<O extends FractionalMaxPoolOptions>(input: VarLike, kernelSize: number | number[], options?: O): Pooled<O> {
  return ag.fractionalMaxPool2d(asVar('fractionalMaxPool2d', input), kernelSize, options) as Pooled<O>;
}
