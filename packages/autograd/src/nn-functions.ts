/**
 * The nn layer functions on Variables (recorded for backward): convolution, pooling, unpooling, batch
 * and instance norm. Arguments are core's (see @torch/core's ops/nn); Tensors among them are
 * constants. The umbrella's `torch.conv2d(...)` etc. call these when a Variable is passed.
 */
import {
  instanceNormArgs, TorchTypeError, type AvgPoolOptions, type FractionalMaxPoolOptions, type ConvOptions, type ConvTransposeOptions, type MaxPoolOptions, type MaxUnpoolOptions, type Tensor,
} from '@torch/core';
import { registry, runOp, type OpResult } from './record';
import { Variable } from './variable';

type In = Variable | Tensor;
const run = (name: string, args: unknown[]): OpResult => runOp(registry.get(name)!, args, null);
const noExtra = (op: string, rest: unknown[]) => {
  if (rest.length > 0) throw new TorchTypeError(`${op}: too many arguments`);
};

function conv(nd: 1 | 2 | 3, transposed: boolean, x: In, w: In, b: In | null | undefined, o: ConvTransposeOptions | undefined, rest: unknown[]): Variable {
  noExtra(`${transposed ? 'convTranspose' : 'conv'}${nd}d`, rest);
  return run('convolution', [x, w, b ?? null, nd, o, transposed]) as Variable;
}

/**
 * conv1d on Variables (recorded). @example torch.autograd.conv1d(x, w, b, { padding: 1 }).sum().backward()
 */
export function conv1d(input: In, weight: In, bias?: In | null, options?: ConvOptions, ...rest: never[]): Variable {
  return conv(1, false, input, weight, bias, options, rest);
}
/** conv2d on Variables (recorded). @example torch.autograd.conv2d(x, w, null, { stride: 2 }) */
export function conv2d(input: In, weight: In, bias?: In | null, options?: ConvOptions, ...rest: never[]): Variable {
  return conv(2, false, input, weight, bias, options, rest);
}
/** conv3d on Variables (recorded). @example torch.autograd.conv3d(x, w) */
export function conv3d(input: In, weight: In, bias?: In | null, options?: ConvOptions, ...rest: never[]): Variable {
  return conv(3, false, input, weight, bias, options, rest);
}
/** convTranspose1d on Variables (recorded). @example torch.autograd.convTranspose1d(x, w, null, { stride: 2 }) */
export function convTranspose1d(input: In, weight: In, bias?: In | null, options?: ConvTransposeOptions, ...rest: never[]): Variable {
  return conv(1, true, input, weight, bias, options, rest);
}
/** convTranspose2d on Variables (recorded). @example torch.autograd.convTranspose2d(x, w, b, { stride: 2, outputPadding: 1 }) */
export function convTranspose2d(input: In, weight: In, bias?: In | null, options?: ConvTransposeOptions, ...rest: never[]): Variable {
  return conv(2, true, input, weight, bias, options, rest);
}
/** convTranspose3d on Variables (recorded). @example torch.autograd.convTranspose3d(x, w) */
export function convTranspose3d(input: In, weight: In, bias?: In | null, options?: ConvTransposeOptions, ...rest: never[]): Variable {
  return conv(3, true, input, weight, bias, options, rest);
}

type PoolOut<O> = O extends { returnIndices: true } ? [Variable, Variable] : Variable;

function maxPool(nd: number, x: In, k: number | number[], o: MaxPoolOptions | undefined, rest: unknown[]): Variable | [Variable, Variable] {
  noExtra(`maxPool${nd}d`, rest);
  const [y, idx] = run('maxPoolWithIndices', [x, nd, k, o]) as [Variable, Variable];
  return o?.returnIndices ? [y, idx] : y;
}
/** maxPool1d on Variables (recorded). @example torch.autograd.maxPool1d(x, 2) */
export function maxPool1d<O extends MaxPoolOptions>(input: In, kernelSize: number | number[], options?: O, ...rest: never[]): PoolOut<O> {
  return maxPool(1, input, kernelSize, options, rest) as PoolOut<O>;
}
/** maxPool2d on Variables (recorded). @example torch.autograd.maxPool2d(x, 2, { stride: 2 }) */
export function maxPool2d<O extends MaxPoolOptions>(input: In, kernelSize: number | number[], options?: O, ...rest: never[]): PoolOut<O> {
  return maxPool(2, input, kernelSize, options, rest) as PoolOut<O>;
}
/** maxPool3d on Variables (recorded). @example torch.autograd.maxPool3d(x, 2) */
export function maxPool3d<O extends MaxPoolOptions>(input: In, kernelSize: number | number[], options?: O, ...rest: never[]): PoolOut<O> {
  return maxPool(3, input, kernelSize, options, rest) as PoolOut<O>;
}

function avgPool(nd: number, x: In, k: number | number[], o: AvgPoolOptions | undefined, rest: unknown[]): Variable {
  noExtra(`avgPool${nd}d`, rest);
  return run('avgPool', [x, nd, k, o]) as Variable;
}
/** avgPool1d on Variables (recorded). @example torch.autograd.avgPool1d(x, 2) */
export function avgPool1d(input: In, kernelSize: number | number[], options?: AvgPoolOptions, ...rest: never[]): Variable {
  return avgPool(1, input, kernelSize, options, rest);
}
/** avgPool2d on Variables (recorded). @example torch.autograd.avgPool2d(x, 3, { stride: 2, padding: 1 }) */
export function avgPool2d(input: In, kernelSize: number | number[], options?: AvgPoolOptions, ...rest: never[]): Variable {
  return avgPool(2, input, kernelSize, options, rest);
}
/** avgPool3d on Variables (recorded). @example torch.autograd.avgPool3d(x, 2) */
export function avgPool3d(input: In, kernelSize: number | number[], options?: AvgPoolOptions, ...rest: never[]): Variable {
  return avgPool(3, input, kernelSize, options, rest);
}

/** adaptiveAvgPool1d on Variables (recorded). @example torch.autograd.adaptiveAvgPool1d(x, 4) */
export function adaptiveAvgPool1d(input: In, outputSize: number | number[], ...rest: never[]): Variable {
  noExtra('adaptiveAvgPool1d', rest);
  return run('adaptiveAvgPool', [input, 1, outputSize]) as Variable;
}
/** adaptiveAvgPool2d on Variables (recorded). @example torch.autograd.adaptiveAvgPool2d(x, [1, 1]) */
export function adaptiveAvgPool2d(input: In, outputSize: number | number[], ...rest: never[]): Variable {
  noExtra('adaptiveAvgPool2d', rest);
  return run('adaptiveAvgPool', [input, 2, outputSize]) as Variable;
}

function adaptiveMax(nd: number, x: In, size: number | number[], o: { returnIndices?: boolean } | undefined, rest: unknown[]): Variable | [Variable, Variable] {
  noExtra(`adaptiveMaxPool${nd}d`, rest);
  if (o !== undefined && (typeof o !== 'object' || o === null || Object.keys(o).some((k) => k !== 'returnIndices')))
    throw new TorchTypeError(`adaptiveMaxPool${nd}d: the only option is returnIndices`);
  const [y, idx] = run('adaptiveMaxPoolWithIndices', [x, nd, size]) as [Variable, Variable];
  return o?.returnIndices ? [y, idx] : y;
}
/** adaptiveMaxPool1d on Variables (recorded). @example torch.autograd.adaptiveMaxPool1d(x, 4) */
export function adaptiveMaxPool1d<O extends { returnIndices?: boolean }>(input: In, outputSize: number | number[], options?: O, ...rest: never[]): PoolOut<O> {
  return adaptiveMax(1, input, outputSize, options, rest) as PoolOut<O>;
}
/** adaptiveMaxPool2d on Variables (recorded). @example torch.autograd.adaptiveMaxPool2d(x, 2) */
export function adaptiveMaxPool2d<O extends { returnIndices?: boolean }>(input: In, outputSize: number | number[], options?: O, ...rest: never[]): PoolOut<O> {
  return adaptiveMax(2, input, outputSize, options, rest) as PoolOut<O>;
}

/**
 * fractionalMaxPool2d on Variables (recorded; a Variable `_randomSamples` is used as a constant).
 * @example torch.autograd.fractionalMaxPool2d(x, 3, { outputRatio: 0.5 })
 */
export function fractionalMaxPool2d<O extends FractionalMaxPoolOptions>(input: In, kernelSize: number | number[], options?: O, ...rest: never[]): PoolOut<O> {
  noExtra('fractionalMaxPool2d', rest);
  const s = options?._randomSamples as In | null | undefined;
  const o = s instanceof Variable ? { ...options, _randomSamples: s.data } : options;
  const [y, idx] = run('fractionalMaxPool2dWithIndices', [input, kernelSize, o]) as [Variable, Variable];
  return (options?.returnIndices ? [y, idx] : y) as PoolOut<O>;
}

function unpool(nd: number, x: In, idx: In, k: number | number[], o: MaxUnpoolOptions | undefined, rest: unknown[]): Variable {
  noExtra(`maxUnpool${nd}d`, rest);
  return run('maxUnpool', [x, idx instanceof Variable ? idx.data : idx, nd, k, o]) as Variable;
}
/** maxUnpool1d on Variables (recorded). @example torch.autograd.maxUnpool1d(y, idx, 2) */
export function maxUnpool1d(input: In, indices: In, kernelSize: number | number[], options?: MaxUnpoolOptions, ...rest: never[]): Variable {
  return unpool(1, input, indices, kernelSize, options, rest);
}
/** maxUnpool2d on Variables (recorded). @example torch.autograd.maxUnpool2d(y, idx, 2) */
export function maxUnpool2d(input: In, indices: In, kernelSize: number | number[], options?: MaxUnpoolOptions, ...rest: never[]): Variable {
  return unpool(2, input, indices, kernelSize, options, rest);
}
/** maxUnpool3d on Variables (recorded). @example torch.autograd.maxUnpool3d(y, idx, 2) */
export function maxUnpool3d(input: In, indices: In, kernelSize: number | number[], options?: MaxUnpoolOptions, ...rest: never[]): Variable {
  return unpool(3, input, indices, kernelSize, options, rest);
}

const tensorOf = (t: In | null | undefined): Tensor | null => (t === null || t === undefined ? null : t instanceof Variable ? t.data : t);

/**
 * batchNorm on Variables (recorded; gradients reach input, weight and bias). Running statistics are
 * buffers (Tensors, or Variables whose data is used), updated in place when training.
 * @example torch.autograd.batchNorm(x, rm, rv, w, b, true).sum().backward()
 */
export function batchNorm(input: In, runningMean: In | null, runningVar: In | null, weight: In | null = null, bias: In | null = null, training = false, momentum = 0.1, eps = 1e-5, ...rest: never[]): Variable {
  noExtra('batchNorm', rest);
  const outs = run('batchNorm', [input, tensorOf(runningMean), tensorOf(runningVar), weight, bias, training, momentum, eps]) as Variable[];
  return outs[0]!;
}

/**
 * instanceNorm on Variables (recorded): batch norm of input viewed as [1, N*C, *].
 * @example torch.autograd.instanceNorm(x, null, null, w, b)
 */
export function instanceNorm(input: In, runningMean: In | null = null, runningVar: In | null = null, weight: In | null = null, bias: In | null = null, useInputStats = true, momentum = 0.1, eps = 1e-5, ...rest: never[]): Variable {
  noExtra('instanceNorm', rest);
  const x = input instanceof Variable ? input : new Variable(input);
  // Only shapes and running statistics come from core's helper; the input, weight and bias go through Variable ops.
  const a = instanceNormArgs(x.data, tensorOf(runningMean), tensorOf(runningVar), tensorOf(weight), tensorOf(bias));
  const rep = (t: In | null) => (t === null ? null : (t instanceof Variable ? t : new Variable(t)).repeat(a.batch));
  const flat = x.contiguous().view([1, a.batch * a.channels, ...x.data.shape.slice(2)]);
  const y = batchNorm(flat, a.runningMean, a.runningVar, rep(weight), rep(bias), useInputStats, momentum, eps);
  a.writeBack();
  return y.view(x.data.shape as number[]);
}
