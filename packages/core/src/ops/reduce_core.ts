// The shared driver of the reduction family (reduce.ts, reduce_minmax.ts): dim lists, keepdim shapes,
// `out` checks and the native calls (native/src/binding/reduce_binding.cc). Validation happens here,
// before anything is written, so a failed call leaves every tensor as it was.
import { bool, canCast, float32, float64, int64, uint8, type DType } from '../dtype';
import { fmtSize, TorchIndexError, TorchSizeError, TorchTypeError } from '../errors';
import { meta } from '../native';
import { sameBackend } from '../backend/registry';
import { normDim, numelOf, sameShape } from '../shape';
import { checkTensor, describe, emptyTensor, isContiguous, makeTensor, type Tensor } from '../tensor';
import { clone, copyInto, toDtype } from './copy';
import { assertNoInternalOverlap } from './overlap';

/** Op codes of the native reduce kernel (native/src/kernels/reduce.h, enum ReduceOp). */
export const RED = { sum: 0, mean: 1, prod: 2, max: 3, min: 4, argmax: 5, argmin: 6, norm: 7, var: 8, std: 9, all: 10, any: 11, logsumexp: 12 } as const;

/** One dim or a list of dims. */
export type Dims = number | readonly number[];

/** `f(dim, options)` or `f(options)`: the options object with `dim` filled in. @internal */
export function withDim<O extends { dim?: unknown }>(op: string, a: unknown, b: O | undefined): O {
  if (a === undefined || a === null) return (b ?? {}) as O;
  if (typeof a === 'number' || Array.isArray(a)) return { ...(b ?? ({} as O)), dim: a };
  if (typeof a !== 'object') throw new TorchTypeError(`${op}: expected a dim or an options object, got ${describe(a)}`);
  return a as O;
}

/**
 * Per-dim flags of the dims to reduce: none given (or an empty list, as PyTorch 1.13) means all.
 * `single` refuses lists (prod, all, any, max, argmax take one dim).
 */
export function reduceFlags(op: string, self: Tensor, dim: unknown, single = false): boolean[] {
  const nd = self.shape.length;
  const flags = new Array<boolean>(nd).fill(dim === undefined || dim === null);
  if (dim === undefined || dim === null) return flags;
  const list = typeof dim === 'number' ? [dim] : dim;
  if (!Array.isArray(list) || (single && typeof dim !== 'number'))
    throw new TorchTypeError(`${op}: dim must be ${single ? 'an integer' : 'an integer or a list of integers'}, got ${describe(dim)}`);
  if (list.length === 0) return flags.fill(true);
  for (const d of list) {
    if (typeof d !== 'number' || !Number.isSafeInteger(d)) throw new TorchTypeError(`${op}: dim must be an integer, got ${describe(d)}`);
    const n = normDim(op, d, nd);
    if (nd === 0) continue;
    if (flags[n]) throw new TorchIndexError(`${op}: dim ${n} appears multiple times in the list of dims`);
    flags[n] = true;
  }
  return flags;
}

/** The result's shape: reduced dims dropped, or kept with size 1. */
export function reducedShape(shape: readonly number[], flags: readonly boolean[], keepdim: boolean): number[] {
  const out: number[] = [];
  for (let d = 0; d < shape.length; d++) {
    if (!flags[d]) out.push(shape[d]!);
    else if (keepdim) out.push(1);
  }
  return out;
}

/** Number of elements each output reduces. */
export function reducedCount(shape: readonly number[], flags: readonly boolean[]): number {
  let n = 1;
  for (let d = 0; d < shape.length; d++) if (flags[d]) n *= shape[d]!;
  return n;
}

/** The dtype of the native output buffer for (op, input dtype); mirrors reduceOutputType in reduce.cc. */
function bufferDtype(code: number, dtype: DType): DType {
  const compute = dtype.name === 'float16' ? float32 : dtype === bool ? uint8 : dtype;
  switch (code) {
    case RED.sum:
    case RED.prod:
    case RED.mean:
      return dtype.isFloatingPoint ? compute : int64;
    case RED.var:
    case RED.std:
      return float64;
    case RED.all:
    case RED.any:
      return uint8;
    default:
      return compute;
  }
}

/** Checks an `out` tensor against the result (before anything is written). */
export function checkOut(op: string, out: unknown, shape: readonly number[], result: DType, name = 'out', exact = false): asserts out is Tensor {
  checkTensor(op, out, name);
  if (exact ? out.dtype !== result : !canCast(result, out.dtype))
    throw new TorchTypeError(`${op}: expected ${name} to have dtype ${result}${exact ? '' : ' or one it can be cast to'}, got ${out.dtype}`);
  if (!sameShape(out.shape, shape) && out.numel() !== 0)
    throw new TorchSizeError(`${op}: ${name} has size ${fmtSize(out.shape)} but the result has size ${fmtSize(shape)}`);
  assertNoInternalOverlap(op, out);
}

function launchReduce(code: number, x: Tensor, flags: readonly boolean[], target: Tensor, indices: Tensor | null, p: number): void {
  const nd = x.shape.length;
  meta[0] = code;
  meta[1] = x.dtype.code;
  meta[2] = nd;
  meta[3] = x._offset;
  meta[4] = target._offset;
  meta[5] = indices ? indices._offset : 0;
  meta[6] = p;
  for (let d = 0; d < nd; d++) {
    meta[7 + d] = x.shape[d]!;
    meta[7 + nd + d] = x._strides[d]!;
    meta[7 + 2 * nd + d] = flags[d] ? 1 : 0;
  }
  target._storage.backend.reduce(x._storage, target._storage, indices ? indices._storage : null);
}

/**
 * Reduces `x` over the flagged dims into a `result`-typed tensor (or into `out`, cast as needed).
 * Writes straight into `out` when it already is the native buffer's layout and dtype.
 */
export function reduceTo(op: string, code: number, x: Tensor, flags: readonly boolean[], keepdim: boolean, result: DType, out: Tensor | undefined, p = 0): Tensor {
  const shape = reducedShape(x.shape, flags, keepdim);
  if (out !== undefined) checkOut(op, out, shape, result);
  if (out !== undefined) sameBackend(op, x, out);
  const buf = bufferDtype(code, x.dtype);
  // bool and uint8 share the native buffer type: write 0/1 bytes straight into a bool result.
  const bufTensor = result === bool && buf === uint8 ? bool : buf;
  if (out !== undefined && !sameShape(out.shape, shape)) out.resize_(shape);
  const direct = out !== undefined && out.dtype === bufTensor && isContiguous(out) && out._storage !== x._storage;
  const target = direct ? out! : emptyTensor(shape, bufTensor, x._storage.backend);
  if (direct) out!._storage.version++;
  if (numelOf(shape) !== 0) launchReduce(code, x, flags, target, null, p);
  if (direct) return out!;
  const r = toDtype(target, result);
  return out !== undefined ? copyInto(out, r) : r;
}

/** argmax/argmin along one dim: values (the native compute type) and indices, shaped for keepdim. */
export function reduceArg(code: number, x: Tensor, dim: number, keepdim: boolean): [values: Tensor, indices: Tensor] {
  const flags = new Array<boolean>(x.shape.length).fill(false);
  flags[dim] = true;
  const shape = reducedShape(x.shape, flags, keepdim);
  const buf = bufferDtype(code, x.dtype);
  const values = emptyTensor(shape, x.dtype === bool ? bool : buf, x._storage.backend);
  const indices = emptyTensor(shape, int64, x._storage.backend);
  if (numelOf(shape) !== 0) launchReduce(code, x, flags, values, indices, 0);
  return [values, indices];
}

/** x as a contiguous 1-D tensor (a view when it already is contiguous). */
export function flat(x: Tensor): Tensor {
  const n = x.numel();
  return isContiguous(x) ? makeTensor(x._storage, x._offset, [n], [1]) : clone(x).view(n);
}

/** cumsum / cumprod along dim into a contiguous tensor of the native output dtype. */
export function scanTo(code: 0 | 1, x: Tensor, dim: number): Tensor {
  const outDtype = x.dtype.isFloatingPoint ? (x.dtype === float64 ? float64 : float32) : int64;
  const target = emptyTensor(x.shape, outDtype, x._storage.backend);
  if (x.numel() === 0) return target;
  writeAlongDimMeta(code, x, dim);
  target._storage.backend.scan(x._storage, target._storage);
  return target;
}

/**
 * The meta layout of the along-a-dim kernels (scan, softmax; native/src/binding/reduce_binding.cc):
 * op code, dtype, ndim, dim, offsets, sizes, strides. A 0-dim tensor goes as one element along dim 0.
 * @internal
 */
export function writeAlongDimMeta(code: number, x: Tensor, dim: number): void {
  const nd = x.shape.length, zeroDim = nd === 0;
  meta[0] = code;
  meta[1] = x.dtype.code;
  meta[2] = zeroDim ? 1 : nd;
  meta[3] = zeroDim ? 0 : dim;
  meta[4] = x._offset;
  meta[5] = 0;
  if (zeroDim) {
    meta[6] = 1;
    meta[7] = 1;
  }
  for (let d = 0; d < nd; d++) {
    meta[6 + d] = x.shape[d]!;
    meta[6 + nd + d] = x._strides[d]!;
  }
}
