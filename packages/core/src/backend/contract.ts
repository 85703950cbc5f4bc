/**
 * The backend contract: what a device must implement for every core op to run on it (docs/backends.md).
 *
 * An op validates its arguments, promotes dtypes and computes its output's sizes and strides once, in
 * TypeScript; it allocates the output through `allocate` on its inputs' backend, writes the kernel's
 * layout (op code, dtype, sizes, strides, offsets, parameters) into the shared descriptor (`native.meta`,
 * a Float64Array), and calls one kernel entry below with the storages involved. A backend reads the
 * descriptor and the storages; it never re-validates what the op checked (but keeps bounds checks for
 * anything that indexes memory). One small interface per kernel family; `Backend` is their union, so a
 * dispatch is one property load on the storage (`storage.backend.reduce(...)`), not a lookup by name.
 */
import type { DType } from '../dtype';
import type { Storage } from '../storage';
import type { Device } from './device';

/** Allocation and copies between devices. */
export interface AllocationKernels {
  /** A storage of n elements of dtype on this device, contents undefined; `op` names the caller in allocation errors. */
  allocate(dtype: DType, n: number, op?: string): Storage;
  /**
   * Copies src's elements into dst where the two storages are on different devices (same-device copies
   * are the elementwise `copy` op). Called on the backend of the non-CPU side; the descriptor holds the
   * elementwise copy layout (dst and src both contiguous, same dtype: the op converts before).
   */
  copyAcross(dst: Storage, dstOffset: number, src: Storage, srcOffset: number, n: number): void;
}

/** The strided elementwise iterator (ops/launch.ts writes the descriptor). */
export interface ElementwiseKernels {
  /** Every operand contiguous, same shape, compute dtype (the fast path of small ops). */
  elementwise1d(out: Storage, a: Storage | null, b: Storage | null, c: Storage | null): void;
  /** Broadcast strided operands of any dtype, converted to the compute dtype. */
  elementwise(out: Storage, a: Storage | null, b: Storage | null, c: Storage | null): void;
}

/** Reductions along dims, scans and softmax. */
export interface ReduceKernels {
  reduce(input: Storage, out: Storage, indices: Storage | null): void;
  scan(input: Storage, out: Storage): void;
  softmax(input: Storage, out: Storage): void;
}

/** The joining ops' own loops (the rest of the family is views and the elementwise copy). */
export interface JoinKernels {
  /** Copies contiguous parts (at most 128) side by side into the rows of a contiguous output, in one pass. */
  cat(out: Storage, parts: readonly Storage[]): void;
  /** Counts a contiguous float input into equal-width bins. */
  histc(hist: Storage, input: Storage): void;
}

/** Advanced indexing and masks. */
export interface IndexKernels {
  /** Gather/scatter through int64 index tensors; returns [which index, bad value] of the first out-of-range index. */
  index(dst: Storage, src: Storage, indices: Storage[]): null | [number, bigint];
  /** Masked fill/select/scatter; returns the count of true mask elements (maskedSelect's size: reads data). */
  mask(self: Storage, mask: Storage | null, out: Storage | null, src: Storage | null): number;
}

/** Sorting and unique. */
export interface SortKernels {
  sort(input: Storage, values: Storage | null, indices: Storage | null): void;
  /** Returns the number of unique values (the result's size depends on the data). */
  unique(input: Storage, values: Storage, inverse: Storage | null, counts: Storage | null): number;
}

/** BLAS and LAPACK. */
export interface LinalgKernels {
  bmm(out: Storage, a: Storage, b: Storage): void;
  /** One batched LAPACK call; returns null or [batch element, info] of the first failure. */
  lapack(a: Storage, b?: Storage, c?: Storage, d?: Storage): [number, number] | null;
}

/** Filling ranges and sampling (the generator's state stays on the CPU; the samples land on the device). */
export interface CreationKernels {
  arange(out: Storage, dtype: number, n: number, start: number, step: number): void;
  linspace(out: Storage, dtype: number, n: number, start: number, end: number): void;
  randomFill(state: Uint32Array, out: Storage): void;
  randperm(state: Uint32Array, out: Storage): void;
  /** Returns -1, or the offset of the first probability outside [0, 1]. */
  bernoulliTensor(state: Uint32Array, out: Storage, p: Storage): number;
  /** Returns [status code, row] (code 0: success). */
  multinomial(state: Uint32Array, out: Storage, probs: Storage): [number, number];
}

/**
 * One device's implementation of every kernel family. The nn layer kernels (THNN-shaped forward,
 * gradInput and accGradParameters) join as one more family interface here, routed from
 * ops/nn's single native entry file (docs/backends.md, "Adding a kernel family").
 */
/**
 * The nn layer kernels (convolution, pooling, batch norm): `params` is the geometry ops/nn/kernels.ts lays
 * out (native/src/binding/nn_binding.cc documents it); the storages are the layer's tensors in order.
 */
export interface NnKernels {
  convForward(params: Float64Array, input: Storage, weight: Storage, bias: Storage | null, output: Storage): void;
  convGradInput(params: Float64Array, gradOutput: Storage, weight: Storage, gradInput: Storage): void;
  convAccGradParameters(params: Float64Array, input: Storage, gradOutput: Storage, gradWeight: Storage | null, gradBias: Storage | null): void;
  pool(kind: number, params: Float64Array, a: Storage, b: Storage, c: Storage | null): void;
  /** Fractional max pooling 2d: `samples` [planes, 2] fixes the windows; output and indices (int64) written. */
  fractionalMaxPool2d(params: Float64Array, input: Storage, samples: Storage, output: Storage, indices: Storage): void;
  batchNorm(mode: number, params: Float64Array, storages: readonly (Storage | null)[]): void;
}

export interface Backend extends AllocationKernels, ElementwiseKernels, ReduceKernels, JoinKernels, IndexKernels, SortKernels, LinalgKernels, CreationKernels, NnKernels {
  /** The device this backend serves (one backend object per device). */
  readonly device: Device;
  /** True for the `meta` device: storages have sizes and no memory, kernels compute nothing. */
  readonly isMeta: boolean;
}
