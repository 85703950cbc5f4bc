// Shared plumbing of the indexing family: the one native indexed gather/scatter call, index and mask
// dtype checks, scalar values, `out` handling and the written-to-tensor checks.
import { bool, int32, int64, uint8, type DType } from '../dtype';
import { fmtSize, TorchIndexError, TorchSizeError, TorchTypeError } from '../errors';
import { meta } from '../native';
import type { Storage } from '../storage';
import type { Backend } from '../backend/contract';
import { sameBackend } from '../backend/registry';
import { sameShape } from '../shape';
import { checkTensor, describe, emptyTensor, Tensor } from '../tensor';
import { checkFits, clone, copyInto, toDtype } from './copy';
import { assertNoInternalOverlap } from './overlap';

/** Kernel modes (native/src/kernels/index.h IndexMode). @internal */
export const enum Mode {
  Gather = 0,
  Scatter = 1,
  ScatterAdd = 2,
  ScatterMul = 3,
}

/** One index tensor as the kernel sees it. @internal */
export interface IndexArg {
  /** int64 index tensor. */
  t: Tensor;
  /** Its strides over the iteration shape (0 where it does not vary). */
  strides: readonly number[];
  /** Size of the dim it selects along (for bounds and negative wrap). */
  size: number;
  /** That dim's stride in the indexed tensor. */
  selfStride: number;
  /** The dim number reported in errors. */
  dim: number;
}

/**
 * Runs one indexed call: Gather reads src at (its strides + index offsets), scatter modes write dst
 * there. Throws TorchIndexError naming the op, value, dim and size when an index is out of range; the
 * kernel checks every index before writing, so nothing has changed then. @internal
 */
export function launchIndex(op: string, mode: Mode, sizes: readonly number[], dst: Tensor, dstStrides: readonly number[], src: Tensor, srcStrides: readonly number[], idx: readonly IndexArg[], negative: boolean, alpha = 1): void {
  sameBackend(op, dst, src, ...idx.map((ix) => ix.t));
  const nd = sizes.length;
  if (8 + 3 * nd + idx.length * (3 + nd) > meta.length || nd > 64)
    throw new TorchIndexError(`${op}: too many dimensions (${nd}) and index tensors (${idx.length}) for one call`);
  meta[0] = mode;
  meta[1] = dst.dtype.code;
  meta[2] = nd;
  meta[3] = idx.length;
  meta[4] = negative ? 1 : 0;
  meta[5] = alpha;
  meta[6] = dst._offset;
  meta[7] = src._offset;
  for (let d = 0; d < nd; d++) {
    meta[8 + d] = sizes[d]!;
    meta[8 + nd + d] = dstStrides[d]!;
    meta[8 + 2 * nd + d] = srcStrides[d]!;
  }
  let p = 8 + 3 * nd;
  const arrays: Storage[] = [];
  for (const ix of idx) {
    meta[p] = ix.t._offset;
    meta[p + 1] = ix.size;
    meta[p + 2] = ix.selfStride;
    for (let d = 0; d < nd; d++) meta[p + 3 + d] = ix.strides[d]!;
    p += 3 + nd;
    arrays.push(ix.t._storage);
  }
  const fault = dst._storage.backend.index(dst._storage, src._storage, arrays);
  if (fault !== null) {
    const ix = idx[fault[0]]!;
    throw new TorchIndexError(`${op}: index ${fault[1]} is out of bounds for dimension ${ix.dim} with size ${ix.size}`);
  }
}

/**
 * The index argument of an op as int64: int32 is converted where PyTorch 1.13 accepts it
 * (indexSelect, indexAdd_), anything else is a TorchTypeError. @internal
 */
export function indexTensor(op: string, index: unknown, acceptInt32 = false): Tensor {
  checkTensor(op, index, 'index');
  if (index.dtype === int64) return index;
  if (acceptInt32 && index.dtype === int32) return toDtype(index, int64);
  throw new TorchTypeError(`${op}: expected an int64${acceptInt32 ? ' or int32' : ''} index tensor, got ${index.type()}`);
}

/** An index that must be a vector or a scalar (the index* ops); its length. @internal */
export function vectorIndex(op: string, index: Tensor): number {
  if (index.shape.length > 1) throw new TorchIndexError(`${op}: index must be a vector or a scalar, got size ${fmtSize(index.shape)}`);
  return index.numel();
}

const warned = new Set<string>();

/**
 * A mask argument: bool, or uint8 accepted with a one-time deprecation warning per op (as PyTorch
 * 1.13 does); anything else is a TorchTypeError. @internal
 */
export function maskTensor(op: string, mask: unknown): Tensor {
  checkTensor(op, mask, 'mask');
  if (mask.dtype === bool) return mask;
  if (mask.dtype === uint8) {
    if (!warned.has(op)) {
      warned.add(op);
      process.emitWarning(`${op} received a mask with dtype uint8; this is deprecated, use a bool mask instead`, 'DeprecationWarning');
    }
    return mask;
  }
  throw new TorchTypeError(`${op}: expected a bool mask, got ${mask.type()}`);
}

/** Rejects in-place writes to tensors whose elements share memory (expanded dims). @internal */
export const checkWritable = assertNoInternalOverlap;

/** A scalar or 0-dim tensor value as a 1-element tensor of `dtype` (numbers truncate toward zero for integers). @internal */
export function scalarValue(op: string, value: unknown, dtype: DType, backend?: Backend, into?: Tensor): Tensor {
  const v = into ?? emptyTensor([], dtype, backend);
  if (value instanceof Tensor) {
    if (value.shape.length !== 0) throw new TorchSizeError(`${op}: only a 0-dimensional value tensor is supported, got size ${fmtSize(value.shape)}`);
    return copyInto(v, value);
  }
  if (typeof value !== 'number' && typeof value !== 'boolean') throw new TorchTypeError(`${op}: value must be a number, a boolean or a 0-dim tensor, got ${describe(value)}`);
  checkFits(op, +value, dtype);
  return copyInto(v, value as number);
}

/** A tensor the op reads while writing `target`: a copy when they share storage. @internal */
export function detached(t: Tensor, target: Tensor): Tensor {
  return t._storage === target._storage ? clone(t) : t;
}

/** The `out` option: checks dtype, resizes to `shape` when needed. @internal */
export function prepareOut(op: string, out: unknown, shape: readonly number[], dtype: DType): Tensor {
  checkTensor(op, out, 'out');
  if (out.dtype !== dtype) throw new TorchTypeError(`${op}: expected out to have dtype ${dtype}, got ${out.dtype}`);
  if (!sameShape(out.shape, shape)) out.resize_(shape);
  checkWritable(op, out);
  return out;
}

/**
 * Computes into `out` when given (through a temporary when out shares memory with an input), else
 * into a new tensor. @internal
 */
export function withOut(op: string, out: unknown, shape: readonly number[], dtype: DType, inputs: readonly Tensor[], compute: (dst: Tensor) => void): Tensor {
  if (out === undefined || out === null) {
    const r = emptyTensor(shape, dtype, inputs[0]?._storage.backend);
    compute(r);
    return r;
  }
  const o = prepareOut(op, out, shape, dtype);
  if (inputs.some((t) => t._storage === o._storage)) {
    const r = emptyTensor(shape, dtype, inputs[0]?._storage.backend);
    compute(r);
    copyInto(o, r);
  } else {
    o._storage.version++;
    compute(o);
  }
  return o;
}

/** Checks that src has the same dtype as self (PyTorch 1.13 does not promote here). @internal */
export function sameDtype(op: string, self: Tensor, src: Tensor, name = 'source'): void {
  if (src.dtype !== self.dtype) throw new TorchTypeError(`${op}: self and ${name} must have the same dtype, got ${self.dtype} and ${src.dtype}`);
}
