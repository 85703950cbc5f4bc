/**
 * Pooling over 1, 2 or 3 spatial dims on the native kernels: max (with indices, ceil mode, padding,
 * dilation), average (ceil mode, countIncludePad, divisorOverride), adaptive average/max and max
 * unpooling, as PyTorch's `torch.nn.functional` forms; the `...UpdateOutput`/`...UpdateGradInput`
 * entries are the THNN-shaped ones with explicit outputs. Inputs are [N, C, *] or unbatched [C, *];
 * every leading plane is pooled independently.
 */
import { int64 } from '../../dtype';
import { fmtSize, TorchSizeError, TorchTypeError } from '../../errors';
import { emptyTensor, type Tensor } from '../../tensor';
import { checkFloatTensor, checkOptions, checkSameDtype, prepareOutput, triple, tuple } from './args';
import { POOL, poolKernel, type PoolGeometry } from './kernels';

/** Options of the max pools. */
export interface MaxPoolOptions {
  /** Window step; default the kernel size. */
  stride?: number | number[] | null;
  /** Implicit -inf padding on both sides (at most half the kernel); default 0. */
  padding?: number | number[];
  /** Spacing between window elements; default 1. */
  dilation?: number | number[];
  /** Round the output size up instead of down; default false. */
  ceilMode?: boolean;
  /** Also return the flat position of each maximum inside its input plane; default false. */
  returnIndices?: boolean;
}

/** Options of the average pools. */
export interface AvgPoolOptions {
  /** Window step; default the kernel size. */
  stride?: number | number[] | null;
  /** Implicit zero padding on both sides (at most half the kernel); default 0. */
  padding?: number | number[];
  /** Round the output size up instead of down; default false. */
  ceilMode?: boolean;
  /** Count padding zeros in the divisor; default true. */
  countIncludePad?: boolean;
  /** Divide by this instead of the window size. */
  divisorOverride?: number | null;
}

/** Normalised pooling parameters (one entry per spatial dim) of the THNN-shaped entries. */
export interface PoolParams {
  kernelSize: number[];
  stride: number[];
  padding: number[];
  dilation: number[];
  ceilMode: boolean;
  countIncludePad: boolean;
  divisorOverride: number;
}

const MAX_KEYS = ['stride', 'padding', 'dilation', 'ceilMode', 'returnIndices'] as const;
const AVG_KEYS = ['stride', 'padding', 'ceilMode', 'countIncludePad', 'divisorOverride'] as const;

/** Parses pooling options for `nd` spatial dims. @internal */
export function poolParams(op: string, nd: number, kernelSize: unknown, options: (MaxPoolOptions & AvgPoolOptions) | undefined, max: boolean): PoolParams {
  checkOptions(op, options, max ? MAX_KEYS : AVG_KEYS);
  const o = options ?? {};
  const kernel = tuple(op, 'kernelSize', kernelSize, nd, 1);
  const stride = o.stride === undefined || o.stride === null || (Array.isArray(o.stride) && o.stride.length === 0) ? kernel : tuple(op, 'stride', o.stride, nd, 1);
  for (const k of ['ceilMode', 'countIncludePad', 'returnIndices'] as const)
    if (o[k] !== undefined && typeof o[k] !== 'boolean') throw new TorchTypeError(`${op}: ${k} must be a boolean, got ${String(o[k])}`);
  const div = o.divisorOverride ?? 0;
  if (typeof div !== 'number' || !Number.isInteger(div) || div < 0 || (o.divisorOverride !== undefined && o.divisorOverride !== null && div === 0))
    throw new TorchTypeError(`${op}: divisorOverride must be a positive integer, got ${String(o.divisorOverride)}`);
  const p: PoolParams = {
    kernelSize: kernel, stride, padding: tuple(op, 'padding', o.padding ?? 0, nd, 0), dilation: tuple(op, 'dilation', o.dilation ?? 1, nd, 1),
    ceilMode: o.ceilMode ?? false, countIncludePad: o.countIncludePad ?? true, divisorOverride: div,
  };
  p.padding.forEach((pad, d) => {
    if (2 * pad > p.kernelSize[d]!) throw new TorchSizeError(`${op}: padding ${fmtSize(p.padding)} should be at most half of the kernel size ${fmtSize(p.kernelSize)}`);
  });
  return p;
}

/** Output size of a (max or average) pool along one dim, PyTorch's rule for ceil mode. */
function pooledSize(input: number, k: number, s: number, pad: number, dil: number, ceil: boolean): number {
  const span = dil * (k - 1) + 1;
  const num = input + 2 * pad - span;
  let o = (ceil ? Math.ceil(num / s) : Math.floor(num / s)) + 1;
  // The last window must start inside the input or its left padding.
  if (ceil && (o - 1) * s >= input + pad) o--;
  return o;
}

/** The planes and spatial sizes of a pool's input [*, spatial...]. */
function planesOf(op: string, input: Tensor, nd: number): { planes: number; lead: number[]; spatial: number[] } {
  checkFloatTensor(op, input, 'input', [nd + 1, nd + 2]);
  const lead = input.shape.slice(0, input.dim() - nd), spatial = input.shape.slice(input.dim() - nd);
  if (lead.length === 2 && lead[1] === 0) throw new TorchSizeError(`${op}: input of size ${fmtSize(input.shape)} has no channels`);
  return { planes: lead.reduce((a, b) => a * b, 1), lead, spatial };
}

/** Validates a max/avg pool and returns its geometry and output size. @internal */
export function poolGeometry(op: string, input: Tensor, p: PoolParams): { g: PoolGeometry; outShape: number[] } {
  const nd = p.kernelSize.length;
  const { planes, lead, spatial } = planesOf(op, input, nd);
  const outs = spatial.map((s, d) => pooledSize(s, p.kernelSize[d]!, p.stride[d]!, p.padding[d]!, p.dilation[d]!, p.ceilMode));
  if (outs.some((o) => o < 1))
    throw new TorchSizeError(`${op}: input of size ${fmtSize(input.shape)} is too small for kernel ${fmtSize(p.kernelSize)} (padding ${fmtSize(p.padding)}, dilation ${fmtSize(p.dilation)}): output size ${fmtSize(outs)}`);
  const g: PoolGeometry = {
    planes, input: triple(spatial, 1), output: triple(outs, 1), kernel: triple(p.kernelSize, 1), stride: triple(p.stride, 1),
    padding: triple(p.padding, 0), dilation: triple(p.dilation, 1), countIncludePad: p.countIncludePad, divisor: p.divisorOverride,
  };
  return { g, outShape: [...lead, ...outs] };
}

/** The geometry of an adaptive pool to `outputSize`. @internal */
export function adaptiveGeometry(op: string, input: Tensor, outputSize: readonly number[]): { g: PoolGeometry; outShape: number[] } {
  const nd = outputSize.length;
  const { planes, lead, spatial } = planesOf(op, input, nd);
  if (spatial.some((s) => s === 0)) throw new TorchSizeError(`${op}: input of size ${fmtSize(input.shape)} has an empty spatial dim`);
  const g: PoolGeometry = {
    planes, input: triple(spatial, 1), output: triple(outputSize, 1), kernel: [1, 1, 1], stride: [1, 1, 1], padding: [0, 0, 0], dilation: [1, 1, 1],
    countIncludePad: true, divisor: 0,
  };
  return { g, outShape: [...lead, ...outputSize] };
}

function checkIndices(op: string, indices: Tensor, shape: readonly number[]): void {
  if (indices.dtype !== int64) throw new TorchTypeError(`${op}: indices must be int64, got ${indices.dtype}`);
  if (indices.shape.length !== shape.length || indices.shape.some((s, i) => s !== shape[i]))
    throw new TorchSizeError(`${op}: indices of size ${fmtSize(indices.shape)} do not match size ${fmtSize(shape)}`);
}

function checkGrad(op: string, gradOutput: Tensor, shape: readonly number[], input: Tensor): void {
  checkFloatTensor(op, gradOutput, 'gradOutput', [shape.length]);
  checkSameDtype(op, gradOutput, 'gradOutput', input);
  if (gradOutput.shape.some((s, i) => s !== shape[i]))
    throw new TorchSizeError(`${op}: gradOutput of size ${fmtSize(gradOutput.shape)} does not match the output size ${fmtSize(shape)}`);
}

/**
 * THNN-shaped max pool forward: output and indices (int64) resized and written.
 * @example torch.maxPoolUpdateOutput(x, out, idx, { kernelSize: [2, 2], stride: [2, 2], padding: [0, 0], dilation: [1, 1], ceilMode: false, countIncludePad: true, divisorOverride: 0 });
 */
export function maxPoolUpdateOutput(input: Tensor, output: Tensor, indices: Tensor, params: PoolParams): void {
  const op = 'maxPoolUpdateOutput';
  const { g, outShape } = poolGeometry(op, input, params);
  prepareOutput(op, output, 'output', outShape, input);
  if (indices.dtype !== int64) throw new TorchTypeError(`${op}: indices must be int64, got ${indices.dtype}`);
  if (indices.shape.some((s, i) => s !== outShape[i]) || indices.dim() !== outShape.length) indices.resize_(outShape);
  if (!indices.isContiguous()) throw new TorchTypeError(`${op}: indices must be contiguous`);
  if (output.numel() > 0) poolKernel(POOL.maxForward, g, input.contiguous(), output, indices);
}

/**
 * THNN-shaped max pool backward: gradInput (resized to input's size) gets gradOutput at the indices.
 * @example torch.maxPoolUpdateGradInput(x, gy, gx, idx, params);
 */
export function maxPoolUpdateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, indices: Tensor, params: PoolParams): void {
  const op = 'maxPoolUpdateGradInput';
  const { g, outShape } = poolGeometry(op, input, params);
  checkGrad(op, gradOutput, outShape, input);
  checkIndices(op, indices, outShape);
  prepareOutput(op, gradInput, 'gradInput', input.shape, input);
  if (gradInput.numel() > 0) poolKernel(POOL.maxBackward, g, gradOutput.contiguous(), indices.contiguous(), gradInput);
}

/**
 * THNN-shaped average pool forward.
 * @example torch.avgPoolUpdateOutput(x, out, params);
 */
export function avgPoolUpdateOutput(input: Tensor, output: Tensor, params: PoolParams): void {
  const op = 'avgPoolUpdateOutput';
  const { g, outShape } = poolGeometry(op, input, params);
  prepareOutput(op, output, 'output', outShape, input);
  if (output.numel() > 0) poolKernel(POOL.avgForward, g, input.contiguous(), output);
}

/**
 * THNN-shaped average pool backward.
 * @example torch.avgPoolUpdateGradInput(x, gy, gx, params);
 */
export function avgPoolUpdateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, params: PoolParams): void {
  const op = 'avgPoolUpdateGradInput';
  const { g, outShape } = poolGeometry(op, input, params);
  checkGrad(op, gradOutput, outShape, input);
  prepareOutput(op, gradInput, 'gradInput', input.shape, input);
  if (gradInput.numel() > 0) poolKernel(POOL.avgBackward, g, gradOutput.contiguous(), gradInput);
}

function outputSizeOf(op: string, nd: number, outputSize: unknown): number[] {
  return tuple(op, 'outputSize', outputSize, nd, 1);
}

/**
 * Max pool over `nd` spatial dims; returns [output, indices] (the gradient runs through
 * maxPoolBackward). @internal
 */
export function maxPoolWithIndices(op: string, nd: number, input: Tensor, kernelSize: number | number[], options: MaxPoolOptions | undefined): [Tensor, Tensor] {
  const p = poolParams(op, nd, kernelSize, options, true);
  const { g, outShape } = poolGeometry(op, input, p);
  const out = emptyTensor(outShape, input.dtype, input._storage.backend), idx = emptyTensor(outShape, int64, input._storage.backend);
  if (out.numel() > 0) poolKernel(POOL.maxForward, g, input.contiguous(), out, idx);
  return [out, idx];
}

/** A geometry pairing `input`'s planes over its last `nd` dims with `outSpatial` (window fields unused). @internal */
export function planeGeometry(nd: number, input: Tensor, outSpatial: readonly number[]): PoolGeometry {
  const lead = input.shape.slice(0, input.dim() - nd);
  return {
    planes: lead.reduce((a, b) => a * b, 1), input: triple(input.shape.slice(lead.length), 1), output: triple(outSpatial, 1),
    kernel: [1, 1, 1], stride: [1, 1, 1], padding: [0, 0, 0], dilation: [1, 1, 1], countIncludePad: true, divisor: 0,
  };
}

/** The input gradient of an `nd`-dim max pool (or adaptive max pool) from its saved indices. @internal */
export function maxPoolBackward(nd: number, input: Tensor, gradOutput: Tensor, indices: Tensor): Tensor {
  checkIndices('maxPoolBackward', indices, gradOutput.shape);
  const g = planeGeometry(nd, input, gradOutput.shape.slice(gradOutput.dim() - nd));
  const gx = emptyTensor(input.shape, input.dtype, input._storage.backend);
  if (gx.numel() > 0) poolKernel(POOL.maxBackward, g, gradOutput.contiguous(), indices.contiguous(), gx);
  return gx;
}

/** The input gradient of an average pool. @internal */
export function avgPoolBackward(op: string, nd: number, input: Tensor, gradOutput: Tensor, kernelSize: number | number[], options: AvgPoolOptions | undefined): Tensor {
  const p = poolParams(op, nd, kernelSize, options, false);
  const { g, outShape } = poolGeometry(op, input, p);
  checkGrad(op, gradOutput, outShape, input);
  const gx = emptyTensor(input.shape, input.dtype, input._storage.backend);
  if (gx.numel() > 0) poolKernel(POOL.avgBackward, g, gradOutput.contiguous(), gx);
  return gx;
}

function maxPoolN(op: string, nd: number, input: Tensor, kernelSize: number | number[], options: MaxPoolOptions | undefined, extra: number): Tensor | [Tensor, Tensor] {
  if (extra > 0) throw new TorchTypeError(`${op}: expected at most 3 arguments (input, kernelSize, options)`);
  const r = maxPoolWithIndices(op, nd, input, kernelSize, options);
  return options?.returnIndices ? r : r[0];
}

function avgPoolN(op: string, nd: number, input: Tensor, kernelSize: number | number[], options: AvgPoolOptions | undefined, extra: number): Tensor {
  if (extra > 0) throw new TorchTypeError(`${op}: expected at most 3 arguments (input, kernelSize, options)`);
  const p = poolParams(op, nd, kernelSize, options, false);
  const { g, outShape } = poolGeometry(op, input, p);
  const out = emptyTensor(outShape, input.dtype, input._storage.backend);
  if (out.numel() > 0) poolKernel(POOL.avgForward, g, input.contiguous(), out);
  return out;
}

/** A max pool's result: the output, or [output, indices] with `returnIndices: true`. */
export type MaxPoolResult<O> = O extends { returnIndices: true } ? [Tensor, Tensor] : Tensor;

/**
 * 1d max pool over input [N, C, L] or [C, L].
 * @example torch.maxPool1d(torch.randn(1, 2, 8), 2); // [1, 2, 4]
 */
export function maxPool1d<O extends MaxPoolOptions>(input: Tensor, kernelSize: number | number[], options?: O, ...rest: never[]): MaxPoolResult<O> {
  return maxPoolN('maxPool1d', 1, input, kernelSize, options, rest.length) as MaxPoolResult<O>;
}
/**
 * 2d max pool over input [N, C, H, W] or [C, H, W].
 * @example
 * torch.maxPool2d(torch.randn(1, 3, 8, 8), 2);                                   // [1, 3, 4, 4]
 * const [y, idx] = torch.maxPool2d(x, 3, { stride: 2, padding: 1, returnIndices: true });
 */
export function maxPool2d<O extends MaxPoolOptions>(input: Tensor, kernelSize: number | number[], options?: O, ...rest: never[]): MaxPoolResult<O> {
  return maxPoolN('maxPool2d', 2, input, kernelSize, options, rest.length) as MaxPoolResult<O>;
}
/**
 * 3d max pool over input [N, C, D, H, W] or [C, D, H, W].
 * @example torch.maxPool3d(torch.randn(1, 1, 4, 4, 4), 2); // [1, 1, 2, 2, 2]
 */
export function maxPool3d<O extends MaxPoolOptions>(input: Tensor, kernelSize: number | number[], options?: O, ...rest: never[]): MaxPoolResult<O> {
  return maxPoolN('maxPool3d', 3, input, kernelSize, options, rest.length) as MaxPoolResult<O>;
}
/**
 * 1d average pool.
 * @example torch.avgPool1d(torch.tensor([[[1, 2, 3, 4]]]).float(), 2); // [[[1.5, 3.5]]]
 */
export function avgPool1d(input: Tensor, kernelSize: number | number[], options?: AvgPoolOptions, ...rest: never[]): Tensor {
  return avgPoolN('avgPool1d', 1, input, kernelSize, options, rest.length);
}
/**
 * 2d average pool.
 * @example torch.avgPool2d(torch.randn(1, 3, 8, 8), 2, { ceilMode: true }); // [1, 3, 4, 4]
 */
export function avgPool2d(input: Tensor, kernelSize: number | number[], options?: AvgPoolOptions, ...rest: never[]): Tensor {
  return avgPoolN('avgPool2d', 2, input, kernelSize, options, rest.length);
}
/**
 * 3d average pool.
 * @example torch.avgPool3d(torch.randn(1, 1, 4, 4, 4), 2); // [1, 1, 2, 2, 2]
 */
export function avgPool3d(input: Tensor, kernelSize: number | number[], options?: AvgPoolOptions, ...rest: never[]): Tensor {
  return avgPoolN('avgPool3d', 3, input, kernelSize, options, rest.length);
}

/** Adaptive average pool to `outputSize` over `nd` dims. @internal */
export function adaptiveAvgPool(op: string, nd: number, input: Tensor, outputSize: number | number[], extra = 0): Tensor {
  if (extra > 0) throw new TorchTypeError(`${op}: expected 2 arguments (input, outputSize)`);
  const { g, outShape } = adaptiveGeometry(op, input, outputSizeOf(op, nd, outputSize));
  const out = emptyTensor(outShape, input.dtype, input._storage.backend);
  if (out.numel() > 0) poolKernel(POOL.adaptiveAvgForward, g, input.contiguous(), out);
  return out;
}

/** The input gradient of an adaptive average pool. @internal */
export function adaptiveAvgPoolBackward(nd: number, input: Tensor, gradOutput: Tensor): Tensor {
  const op = 'adaptiveAvgPoolBackward';
  const { g, outShape } = adaptiveGeometry(op, input, gradOutput.shape.slice(gradOutput.dim() - nd));
  checkGrad(op, gradOutput, outShape, input);
  const gx = emptyTensor(input.shape, input.dtype, input._storage.backend);
  if (gx.numel() > 0) poolKernel(POOL.adaptiveAvgBackward, g, gradOutput.contiguous(), gx);
  return gx;
}

/** Adaptive max pool to `outputSize`, with indices. @internal */
export function adaptiveMaxPoolWithIndices(op: string, nd: number, input: Tensor, outputSize: number | number[]): [Tensor, Tensor] {
  const { g, outShape } = adaptiveGeometry(op, input, outputSizeOf(op, nd, outputSize));
  const out = emptyTensor(outShape, input.dtype, input._storage.backend), idx = emptyTensor(outShape, int64, input._storage.backend);
  if (out.numel() > 0) poolKernel(POOL.adaptiveMaxForward, g, input.contiguous(), out, idx);
  return [out, idx];
}

/**
 * 1d adaptive average pool: each of the `outputSize` outputs averages its share of the input.
 * @example torch.adaptiveAvgPool1d(torch.randn(2, 3, 10), 4); // [2, 3, 4]
 */
export function adaptiveAvgPool1d(input: Tensor, outputSize: number | number[], ...rest: never[]): Tensor {
  return adaptiveAvgPool('adaptiveAvgPool1d', 1, input, outputSize, rest.length);
}
/**
 * 2d adaptive average pool.
 * @example torch.adaptiveAvgPool2d(torch.randn(1, 64, 7, 9), [1, 1]); // [1, 64, 1, 1]
 */
export function adaptiveAvgPool2d(input: Tensor, outputSize: number | number[], ...rest: never[]): Tensor {
  return adaptiveAvgPool('adaptiveAvgPool2d', 2, input, outputSize, rest.length);
}

function adaptiveMaxN(op: string, nd: number, input: Tensor, outputSize: number | number[], options: { returnIndices?: boolean } | undefined, extra: number): Tensor | [Tensor, Tensor] {
  if (extra > 0) throw new TorchTypeError(`${op}: expected at most 3 arguments (input, outputSize, options)`);
  checkOptions(op, options, ['returnIndices']);
  const r = adaptiveMaxPoolWithIndices(op, nd, input, outputSize);
  return options?.returnIndices ? r : r[0];
}
/**
 * 1d adaptive max pool.
 * @example torch.adaptiveMaxPool1d(torch.randn(2, 3, 10), 4); // [2, 3, 4]
 */
export function adaptiveMaxPool1d<O extends { returnIndices?: boolean }>(input: Tensor, outputSize: number | number[], options?: O, ...rest: never[]): MaxPoolResult<O> {
  return adaptiveMaxN('adaptiveMaxPool1d', 1, input, outputSize, options, rest.length) as MaxPoolResult<O>;
}
/**
 * 2d adaptive max pool.
 * @example const [y, idx] = torch.adaptiveMaxPool2d(torch.randn(1, 2, 9, 9), 3, { returnIndices: true });
 */
export function adaptiveMaxPool2d<O extends { returnIndices?: boolean }>(input: Tensor, outputSize: number | number[], options?: O, ...rest: never[]): MaxPoolResult<O> {
  return adaptiveMaxN('adaptiveMaxPool2d', 2, input, outputSize, options, rest.length) as MaxPoolResult<O>;
}

/** Options of maxUnpool. */
export interface MaxUnpoolOptions {
  /** Stride of the max pool being inverted; default the kernel size. */
  stride?: number | number[] | null;
  /** Its padding; default 0. */
  padding?: number | number[];
  /** The exact output size (spatial dims, or all dims), e.g. the pooled input's size. */
  outputSize?: number[] | null;
}

/** The output size of maxUnpool. @internal */
export function unpoolShape(op: string, nd: number, input: Tensor, indices: Tensor, kernelSize: number | number[], options: MaxUnpoolOptions | undefined): { g: PoolGeometry; outShape: number[] } {
  checkOptions(op, options, ['stride', 'padding', 'outputSize']);
  const o = options ?? {};
  const k = tuple(op, 'kernelSize', kernelSize, nd, 1);
  const s = o.stride === undefined || o.stride === null ? k : tuple(op, 'stride', o.stride, nd, 1);
  const pad = tuple(op, 'padding', o.padding ?? 0, nd, 0);
  const { planes, lead, spatial } = planesOf(op, input, nd);
  checkIndices(op, indices, input.shape);
  let outs = spatial.map((x, d) => (x - 1) * s[d]! - 2 * pad[d]! + k[d]!);
  if (o.outputSize !== undefined && o.outputSize !== null) {
    const want = o.outputSize.length === nd + lead.length ? o.outputSize.slice(lead.length) : o.outputSize;
    const sizes = tuple(op, 'outputSize', want, nd, 0);
    sizes.forEach((v, d) => {
      const lo = outs[d]! - s[d]!, hi = outs[d]! + s[d]!;
      if (v <= lo || v >= hi) throw new TorchSizeError(`${op}: outputSize ${fmtSize(sizes)} must be within (${lo}, ${hi}) along dim ${d} for input ${fmtSize(input.shape)}`);
    });
    outs = sizes;
  }
  if (outs.some((v) => v < 0)) throw new TorchSizeError(`${op}: output size ${fmtSize(outs)} is negative for input ${fmtSize(input.shape)}`);
  const g: PoolGeometry = {
    planes, input: triple(spatial, 1), output: triple(outs, 1), kernel: [1, 1, 1], stride: [1, 1, 1], padding: [0, 0, 0], dilation: [1, 1, 1],
    countIncludePad: true, divisor: 0,
  };
  return { g, outShape: [...lead, ...outs] };
}

/** maxUnpool over `nd` dims. @internal */
export function maxUnpool(op: string, nd: number, input: Tensor, indices: Tensor, kernelSize: number | number[], options: MaxUnpoolOptions | undefined): Tensor {
  const { g, outShape } = unpoolShape(op, nd, input, indices, kernelSize, options);
  const out = emptyTensor(outShape, input.dtype, input._storage.backend);
  if (out.numel() > 0) poolKernel(POOL.unpoolForward, g, input.contiguous(), indices.contiguous(), out);
  else if (input.numel() > 0) throw new TorchSizeError(`${op}: output size ${fmtSize(outShape)} is empty`);
  return out;
}

/** The input gradient of maxUnpool: gradOutput read at the indices. @internal */
export function maxUnpoolBackward(nd: number, input: Tensor, indices: Tensor, gradOutput: Tensor): Tensor {
  checkIndices('maxUnpoolBackward', indices, input.shape);
  const g = planeGeometry(nd, input, gradOutput.shape.slice(gradOutput.dim() - nd));
  const gx = emptyTensor(input.shape, input.dtype, input._storage.backend);
  if (gx.numel() > 0) poolKernel(POOL.unpoolBackward, g, gradOutput.contiguous(), indices.contiguous(), gx);
  return gx;
}

/**
 * 1d max unpooling: the inverse of maxPool1d with returnIndices (non-maximal positions are zero).
 * @example const [y, i] = torch.maxPool1d(x, 2, { returnIndices: true }); torch.maxUnpool1d(y, i, 2);
 */
export function maxUnpool1d(input: Tensor, indices: Tensor, kernelSize: number | number[], options?: MaxUnpoolOptions, ...rest: never[]): Tensor {
  if (rest.length > 0) throw new TorchTypeError('maxUnpool1d: expected at most 4 arguments');
  return maxUnpool('maxUnpool1d', 1, input, indices, kernelSize, options);
}
/**
 * 2d max unpooling.
 * @example const [y, i] = torch.maxPool2d(x, 2, { returnIndices: true }); torch.maxUnpool2d(y, i, 2, { outputSize: x.shape });
 */
export function maxUnpool2d(input: Tensor, indices: Tensor, kernelSize: number | number[], options?: MaxUnpoolOptions, ...rest: never[]): Tensor {
  if (rest.length > 0) throw new TorchTypeError('maxUnpool2d: expected at most 4 arguments');
  return maxUnpool('maxUnpool2d', 2, input, indices, kernelSize, options);
}
/**
 * 3d max unpooling.
 * @example const [y, i] = torch.maxPool3d(x, 2, { returnIndices: true }); torch.maxUnpool3d(y, i, 2);
 */
export function maxUnpool3d(input: Tensor, indices: Tensor, kernelSize: number | number[], options?: MaxUnpoolOptions, ...rest: never[]): Tensor {
  if (rest.length > 0) throw new TorchTypeError('maxUnpool3d: expected at most 4 arguments');
  return maxUnpool('maxUnpool3d', 3, input, indices, kernelSize, options);
}
