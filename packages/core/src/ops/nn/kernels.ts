/**
 * The one file through which the nn layer wrappers reach the native kernels (native/src/kernels/nn/):
 * convolution, pooling and batch norm, through the inputs' backend (cpu: the addon; meta: nothing to
 * compute). Callers have validated every size and made every tensor
 * contiguous and of one float dtype; this file only lays the numbers out as the binding reads them
 * (native/src/binding/nn_binding.cc documents the layout) and bumps the version of what it writes.
 * @internal
 */
import type { Storage } from '../../storage';
import type { Tensor } from '../../tensor';

/** Sizes, kernel, stride, padding and dilation along depth, height and width (1d/2d pad with 1s and 0s). */
export type Triple = readonly [number, number, number];

/** A convolution's geometry (the input's spatial sizes; output sizes follow). @internal */
export interface ConvGeometry {
  batch: number;
  inChannels: number;
  outChannels: number;
  groups: number;
  input: Triple;
  kernel: Triple;
  stride: Triple;
  padding: Triple;
  dilation: Triple;
}

/** A pooling geometry over `planes` planes of `input` sizes producing `output` sizes. @internal */
export interface PoolGeometry {
  planes: number;
  input: Triple;
  output: Triple;
  kernel: Triple;
  stride: Triple;
  padding: Triple;
  dilation: Triple;
  countIncludePad: boolean;
  divisor: number;
}

/** Batch norm over [batch, channels, spatial]. @internal */
export interface BatchNormGeometry {
  batch: number;
  channels: number;
  spatial: number;
  momentum: number;
  eps: number;
}

const storageOf = (t: Tensor | null): Storage | null => (t === null ? null : t._storage);
const offsetOf = (t: Tensor | null): number => (t === null ? 0 : t._offset);
const touch = (...ts: (Tensor | null)[]): void => {
  for (const t of ts) if (t !== null) t._storage.version++;
};

const convParams = new Float64Array(25);
function writeConv(dtype: number, g: ConvGeometry, scale: number, tensors: (Tensor | null)[]): Float64Array {
  const p = convParams;
  p[0] = dtype, p[1] = g.batch, p[2] = g.inChannels, p[3] = g.outChannels, p[4] = g.groups;
  for (let d = 0; d < 3; d++) {
    p[5 + d] = g.input[d]!, p[8 + d] = g.kernel[d]!, p[11 + d] = g.stride[d]!, p[14 + d] = g.padding[d]!, p[17 + d] = g.dilation[d]!;
  }
  p[20] = scale;
  for (let i = 0; i < 4; i++) p[21 + i] = offsetOf(tensors[i] ?? null);
  return p;
}

/** output = conv(input, weight) + bias. @internal */
export function convForwardKernel(g: ConvGeometry, input: Tensor, weight: Tensor, bias: Tensor | null, output: Tensor): void {
  input._storage.backend.convForward(writeConv(input.dtype.code, g, 1, [input, weight, bias, output]), input._storage, weight._storage, storageOf(bias), output._storage);
  touch(output);
}

/** gradInput (overwritten) = the input gradient of conv for gradOutput. @internal */
export function convGradInputKernel(g: ConvGeometry, gradOutput: Tensor, weight: Tensor, gradInput: Tensor): void {
  gradOutput._storage.backend.convGradInput(writeConv(gradOutput.dtype.code, g, 1, [gradOutput, weight, gradInput]), gradOutput._storage, weight._storage, gradInput._storage);
  touch(gradInput);
}

/** gradWeight += scale * dL/dweight, gradBias += scale * dL/dbias (either may be null). @internal */
export function convAccGradParametersKernel(g: ConvGeometry, input: Tensor, gradOutput: Tensor, gradWeight: Tensor | null, gradBias: Tensor | null, scale: number): void {
  input._storage.backend.convAccGradParameters(writeConv(input.dtype.code, g, scale, [input, gradOutput, gradWeight, gradBias]), input._storage, gradOutput._storage, storageOf(gradWeight), storageOf(gradBias));
  touch(gradWeight, gradBias);
}

/** Pooling kernel codes (nn_binding.cc's `pool` kinds). @internal */
export const POOL = {
  maxForward: 0, maxBackward: 1, avgForward: 2, avgBackward: 3, adaptiveAvgForward: 4, adaptiveAvgBackward: 5,
  adaptiveMaxForward: 6, unpoolForward: 7, unpoolBackward: 8,
} as const;

const poolParams = new Float64Array(25);
/**
 * Runs one pooling kernel. Written: c when the kind has three tensors (and b too for the forward max
 * pools, whose c is the indices), else b. @internal
 */
export function poolKernel(kind: (typeof POOL)[keyof typeof POOL], g: PoolGeometry, a: Tensor, b: Tensor, c: Tensor | null = null): void {
  const p = poolParams;
  p[0] = a.dtype.code, p[1] = g.planes;
  for (let d = 0; d < 3; d++) {
    p[2 + d] = g.input[d]!, p[5 + d] = g.output[d]!, p[8 + d] = g.kernel[d]!, p[11 + d] = g.stride[d]!, p[14 + d] = g.padding[d]!, p[17 + d] = g.dilation[d]!;
  }
  p[20] = g.countIncludePad ? 1 : 0, p[21] = g.divisor, p[22] = offsetOf(a), p[23] = offsetOf(b), p[24] = offsetOf(c);
  a._storage.backend.pool(kind, p, a._storage, b._storage, storageOf(c));
  if (c === null || kind === POOL.maxForward || kind === POOL.adaptiveMaxForward) touch(b);
  touch(c);
}

const fractionalParams = new Float64Array(26);
/** Fractional max pooling 2d forward (g's kernel, input and output in the H and W slots): output and indices written. @internal */
export function fractionalMaxPool2dKernel(g: PoolGeometry, input: Tensor, samples: Tensor, output: Tensor, indices: Tensor): void {
  const p = fractionalParams;
  p.fill(0);
  p[0] = input.dtype.code, p[1] = g.planes;
  for (let d = 0; d < 3; d++) p[2 + d] = g.input[d]!, p[5 + d] = g.output[d]!, p[8 + d] = g.kernel[d]!, p[11 + d] = 1, p[17 + d] = 1;
  p[22] = input._offset, p[23] = samples._offset, p[24] = output._offset, p[25] = indices._offset;
  input._storage.backend.fractionalMaxPool2d(p, input._storage, samples._storage, output._storage, indices._storage);
  touch(output, indices);
}

const bnParams = new Float64Array(16);
function writeBn(g: BatchNormGeometry, dtype: number, scale: number, training: boolean, tensors: (Tensor | null)[]): Float64Array {
  const p = bnParams;
  p[0] = dtype, p[1] = g.batch, p[2] = g.channels, p[3] = g.spatial, p[4] = g.momentum, p[5] = g.eps, p[6] = scale, p[7] = training ? 1 : 0;
  for (let i = 0; i < 8; i++) p[8 + i] = offsetOf(tensors[i] ?? null);
  return p;
}

/** Training forward: output, saveMean, saveInvstd written; running stats updated when given. @internal */
export function batchNormTrainKernel(g: BatchNormGeometry, input: Tensor, weight: Tensor | null, bias: Tensor | null, output: Tensor, saveMean: Tensor, saveInvstd: Tensor, runningMean: Tensor | null, runningVar: Tensor | null): void {
  const ts = [input, weight, bias, output, saveMean, saveInvstd, runningMean, runningVar];
  input._storage.backend.batchNorm(0, writeBn(g, input.dtype.code, 1, true, ts), ts.map(storageOf));
  touch(output, saveMean, saveInvstd, runningMean, runningVar);
}

/** Evaluation forward with the running statistics. @internal */
export function batchNormEvalKernel(g: BatchNormGeometry, input: Tensor, weight: Tensor | null, bias: Tensor | null, runningMean: Tensor, runningVar: Tensor, output: Tensor): void {
  const ts = [input, weight, bias, runningMean, runningVar, output];
  input._storage.backend.batchNorm(1, writeBn(g, input.dtype.code, 1, false, ts), ts.map(storageOf));
  touch(output);
}

/** Backward: gradInput written, gradWeight/gradBias accumulated with scale (each may be null). @internal */
export function batchNormBackwardKernel(g: BatchNormGeometry, training: boolean, input: Tensor, gradOutput: Tensor, weight: Tensor | null, mean: Tensor, invstd: Tensor, gradInput: Tensor | null, gradWeight: Tensor | null, gradBias: Tensor | null, scale: number): void {
  const ts = [input, gradOutput, weight, mean, invstd, gradInput, gradWeight, gradBias];
  input._storage.backend.batchNorm(2, writeBn(g, input.dtype.code, scale, training, ts), ts.map(storageOf));
  touch(gradInput, gradWeight, gradBias);
}
