/**
 * Indexing along a dim and by flat position: indexSelect, indexCopy_, indexAdd_, indexFill_, gather,
 * scatter_ (with reduce), scatterAdd_, take, put_ and their out-of-place forms. Every op is one call
 * of the native indexed gather/scatter kernel (native/src/kernels/index.cc), for every dtype, on any
 * strided input; indices are all checked before anything is written (see docs/indexing.md).
 */
import { fmtSize, TorchIndexError, TorchSizeError, TorchTypeError } from '../errors';
import { normDim } from '../shape';
import { checkTensor, isContiguous, makeTensor, Tensor, type OutOption } from '../tensor';
import { clone, copyInto } from './copy';
import { checkWritable, detached, indexTensor, launchIndex, Mode, sameDtype, scalarValue, vectorIndex, withOut } from './index_common';

/** Options of indexAdd. */
export interface IndexAddOptions {
  /** Factor on source (default 1; truncated for integer tensors, as PyTorch). */
  alpha?: number;
}
/** Options of scatter. */
export interface ScatterOptions {
  /** Combine instead of overwrite: 'add' or 'multiply' (PyTorch 1.13's `reduce`). */
  reduce?: 'add' | 'multiply';
}
/** Options of put. */
export interface PutOptions {
  /** Add into the existing values (duplicates accumulate) instead of overwriting. */
  accumulate?: boolean;
}

function checkDim(op: string, self: Tensor, dim: number): number {
  if (typeof dim !== 'number' || !Number.isInteger(dim)) throw new TorchTypeError(`${op}: dim must be an integer, got ${String(dim)}`);
  return normDim(op, dim, self.shape.length);
}

/** A 0-dim tensor as a 1-element 1-D view (the index ops treat it so). */
function atLeast1d(t: Tensor): Tensor {
  return t.shape.length === 0 ? makeTensor(t._storage, t._offset, [1], [1]) : t;
}

/** Strides of a vector/scalar index placed at `dim` of an nd iteration shape. */
function indexAt(index: Tensor, dim: number, nd: number): number[] {
  const s = new Array<number>(nd).fill(0);
  s[dim] = index.shape.length === 0 ? 0 : index._strides[0]!;
  return s;
}

function zeroAt(strides: readonly number[], dim: number): number[] {
  const s = strides.slice();
  s[dim] = 0;
  return s;
}

// ---------------------------------------------------------------- along a dim

/**
 * The entries of `index` along `dim`: `out[..., i, ...] = self[..., index[i], ...]`. index is a
 * vector (or scalar) of int64 or int32; indices must be in [0, size) (PyTorch 1.13 rejects negative ones here).
 * @example
 * const x = torch.arange(12).view(3, 4);
 * torch.indexSelect(x, 0, torch.tensor([2, 0], { dtype: torch.int64 }));  // rows 2 and 0
 * x.indexSelect(1, idx, { out: buf });
 */
export function indexSelect(self: Tensor, dim: number, index: Tensor, options?: OutOption): Tensor {
  const op = 'indexSelect';
  checkTensor(op, self, 'self');
  const ix = indexTensor(op, index, true);
  const d = checkDim(op, self, dim);
  const n = vectorIndex(op, ix);
  const x = atLeast1d(self);
  const shape = self.shape.length === 0 ? [] : x.shape.slice();
  if (self.shape.length > 0) shape[d] = n;
  const iter = self.shape.length === 0 ? [1] : shape;
  if (self.shape.length === 0 && n === 0) throw new TorchIndexError(`${op}: index is empty for a 0-dim self`);
  return withOut(op, options?.out, shape, self.dtype, [self], (dst) => {
    const dstStrides = self.shape.length === 0 ? [0] : dst._strides;
    launchIndex(op, Mode.Gather, iter, dst, dstStrides, x, zeroAt(x._strides, d), [
      { t: ix, strides: indexAt(ix, d, iter.length), size: x.shape[d]!, selfStride: x._strides[d]!, dim: d },
    ], false);
  });
}

/** Checks source's sizes against self's with dim replaced by n. */
function checkSlices(op: string, self: Tensor, source: Tensor, d: number, n: number): void {
  const want = self.shape.length === 0 ? [] : self.shape.slice();
  if (self.shape.length > 0) want[d] = n;
  const got = source.shape;
  const ok = want.length === got.length ? want.every((s, i) => s === got[i]) : self.shape.length === 0 && source.numel() === 1 && got.length <= 1;
  if (!ok) throw new TorchSizeError(`${op}: source of size ${fmtSize(got)} does not match self of size ${fmtSize(self.shape)} with dimension ${d} of size ${n} (index length)`);
}

function scatterAlongDim(op: string, mode: Mode, self: Tensor, d: number, ix: Tensor, source: Tensor, alpha: number): void {
  const n = vectorIndex(op, ix);
  sameDtype(op, self, source);
  checkSlices(op, self, source, d, n);
  checkWritable(op, self);
  const x = atLeast1d(self);
  const src = atLeast1d(detached(source, self));
  const index = detached(ix, self);
  const iter = src.shape;
  self._storage.version++;
  launchIndex(op, mode, iter, x, zeroAt(x._strides, d), src, src._strides, [
    { t: index, strides: indexAt(index, d, iter.length), size: x.shape[d]!, selfStride: x._strides[d]!, dim: d },
  ], false, alpha);
}

/**
 * Copies source's slices into self along dim at the positions in index (in place):
 * `self[..., index[i], ...] = source[..., i, ...]`. index is int64; with duplicate indices the last one wins.
 * @example
 * const x = torch.zeros(3, 2);
 * x.indexCopy_(0, torch.tensor([2, 0], { dtype: torch.int64 }), torch.ones(2, 2));
 */
export function indexCopy_<T extends Tensor>(self: T, dim: number, index: Tensor, source: Tensor): T {
  const op = 'indexCopy_';
  checkTensor(op, self, 'self');
  checkTensor(op, source, 'source');
  scatterAlongDim(op, Mode.Scatter, self, checkDim(op, self, dim), indexTensor(op, index), source, 1);
  return self;
}

/**
 * Out-of-place indexCopy_: a copy of self with source's slices written along dim.
 * @example torch.indexCopy(x, 0, idx, src)
 */
export function indexCopy(self: Tensor, dim: number, index: Tensor, source: Tensor): Tensor {
  checkTensor('indexCopy', self, 'self');
  return indexCopy_(clone(self), dim, index, source);
}

/**
 * Adds `alpha * source` slices into self along dim at the positions in index (in place); duplicate
 * indices accumulate. index is int64 or int32.
 * @example
 * const x = torch.zeros(3);
 * x.indexAdd_(0, torch.tensor([1, 1], { dtype: torch.int64 }), torch.tensor([2, 3]), { alpha: 2 });  // [0, 10, 0]
 */
export function indexAdd_<T extends Tensor>(self: T, dim: number, index: Tensor, source: Tensor, options?: IndexAddOptions): T {
  const op = 'indexAdd_';
  checkTensor(op, self, 'self');
  checkTensor(op, source, 'source');
  const alpha = options?.alpha ?? 1;
  if (typeof alpha !== 'number') throw new TorchTypeError(`${op}: alpha must be a number`);
  scatterAlongDim(op, Mode.ScatterAdd, self, checkDim(op, self, dim), indexTensor(op, index, true), source, alpha);
  return self;
}

/**
 * Out-of-place indexAdd_.
 * @example torch.indexAdd(x, 0, idx, src, { alpha: 0.5 })
 */
export function indexAdd(self: Tensor, dim: number, index: Tensor, source: Tensor, options?: IndexAddOptions): Tensor {
  checkTensor('indexAdd', self, 'self');
  return indexAdd_(clone(self), dim, index, source, options);
}

/**
 * Fills the slices of self along dim at the positions in index with value (a number, boolean or
 * 0-dim tensor), in place. index is int64; negative indices count from the end.
 * @example
 * torch.ones(3, 2).indexFill_(1, torch.tensor([-1], { dtype: torch.int64 }), 0);  // last column 0
 */
export function indexFill_<T extends Tensor>(self: T, dim: number, index: Tensor, value: number | boolean | Tensor): T {
  const op = 'indexFill_';
  checkTensor(op, self, 'self');
  const ix = indexTensor(op, index);
  const d = checkDim(op, self, dim);
  const n = vectorIndex(op, ix);
  const v = scalarValue(op, value, self.dtype, self._storage.backend);
  checkWritable(op, self);
  const x = atLeast1d(self);
  const iter = x.shape.slice();
  iter[d] = n;
  const idx = detached(ix, self);
  self._storage.version++;
  launchIndex(op, Mode.Scatter, iter, x, zeroAt(x._strides, d), v, new Array<number>(iter.length).fill(0), [
    { t: idx, strides: indexAt(idx, d, iter.length), size: x.shape[d]!, selfStride: x._strides[d]!, dim: d },
  ], true);
  return self;
}

/**
 * Out-of-place indexFill_.
 * @example torch.indexFill(x, 0, idx, -1)
 */
export function indexFill(self: Tensor, dim: number, index: Tensor, value: number | boolean | Tensor): Tensor {
  checkTensor('indexFill', self, 'self');
  return indexFill_(clone(self), dim, index, value);
}

// ---------------------------------------------------------------- gather / scatter

/** gather/scatter shape rules: same ndim; index no larger than self (except along dim) and than src. */
function checkGatherShapes(op: string, self: Tensor, d: number, index: Tensor, src: Tensor | null): void {
  const nd = Math.max(self.shape.length, 1);
  const ind = Math.max(index.shape.length, 1);
  if (ind !== nd) throw new TorchSizeError(`${op}: index must have as many dimensions as self (${self.shape.length}), got size ${fmtSize(index.shape)}`);
  if (src && Math.max(src.shape.length, 1) !== nd) throw new TorchSizeError(`${op}: src must have as many dimensions as self (${self.shape.length}), got size ${fmtSize(src.shape)}`);
  const is = atLeast1d(index).shape, ss = atLeast1d(self).shape, rs = src ? atLeast1d(src).shape : null;
  for (let i = 0; i < nd; i++) {
    if (i !== d && is[i]! > ss[i]!)
      throw new TorchSizeError(`${op}: index of size ${fmtSize(index.shape)} must not be larger than self of size ${fmtSize(self.shape)} apart from dimension ${d}`);
    if (rs && is[i]! > rs[i]!) throw new TorchSizeError(`${op}: index of size ${fmtSize(index.shape)} must not be larger than src of size ${fmtSize(src!.shape)}`);
  }
}

/**
 * Picks values along dim: `out[i][j] = self[index[i][j]][j]` for dim 0 (and so on). index is int64
 * with self's number of dims and is no larger than self apart from dim; the result has index's size.
 * @example
 * const x = torch.tensor([[1, 2], [3, 4]]);
 * torch.gather(x, 1, torch.tensor([[0, 0], [1, 0]], { dtype: torch.int64 }));  // [[1, 1], [4, 3]]
 */
export function gather(self: Tensor, dim: number, index: Tensor, options?: OutOption): Tensor {
  const op = 'gather';
  checkTensor(op, self, 'self');
  const ix = indexTensor(op, index);
  const d = checkDim(op, self, dim);
  checkGatherShapes(op, self, d, ix, null);
  const x = atLeast1d(self), i1 = atLeast1d(ix);
  return withOut(op, options?.out, ix.shape, self.dtype, [self], (dst) => {
    const dd = atLeast1d(dst);
    launchIndex(op, Mode.Gather, i1.shape, dd, dd._strides, x, zeroAt(x._strides, d), [
      { t: i1, strides: i1._strides, size: x.shape[d]!, selfStride: x._strides[d]!, dim: d },
    ], false);
  });
}

function scatterImpl<T extends Tensor>(op: string, self: T, dim: number, index: Tensor, src: Tensor | number | boolean, mode: Mode): T {
  checkTensor(op, self, 'self');
  const ix = indexTensor(op, index);
  const d = checkDim(op, self, dim);
  let source: Tensor;
  let srcStrides: readonly number[];
  const i1 = atLeast1d(ix);
  if (src instanceof Tensor) {
    sameDtype(op, self, src, 'src');
    checkGatherShapes(op, self, d, ix, src);
    source = atLeast1d(detached(src, self));
    srcStrides = source._strides;
  } else {
    checkGatherShapes(op, self, d, ix, null);
    source = scalarValue(op, src, self.dtype, self._storage.backend);
    srcStrides = new Array<number>(i1.shape.length).fill(0);
  }
  checkWritable(op, self);
  const x = atLeast1d(self);
  const idx = detached(i1, self);
  self._storage.version++;
  launchIndex(op, mode, i1.shape, x, zeroAt(x._strides, d), source, srcStrides, [
    { t: idx, strides: idx._strides, size: x.shape[d]!, selfStride: x._strides[d]!, dim: d },
  ], false);
  return self;
}

function reduceMode(op: string, options: ScatterOptions | undefined): Mode {
  const r = options?.reduce;
  if (r === undefined) return Mode.Scatter;
  if (r === 'add') return Mode.ScatterAdd;
  if (r === 'multiply') return Mode.ScatterMul;
  throw new TorchTypeError(`${op}: reduce must be 'add' or 'multiply', got ${String(r)}`);
}

/**
 * Writes src (a tensor of self's dtype, or a scalar) into self along dim (in place):
 * `self[index[i][j]][j] = src[i][j]` for dim 0. With `reduce: 'add' | 'multiply'` the values are
 * combined instead; duplicates then accumulate, otherwise the last one wins.
 * @example
 * torch.zeros(2, 3).scatter_(0, torch.tensor([[1, 0, 1]], { dtype: torch.int64 }), torch.ones(1, 3));
 * x.scatter_(1, idx, 2, { reduce: 'multiply' });
 */
export function scatter_<T extends Tensor>(self: T, dim: number, index: Tensor, src: Tensor | number | boolean, options?: ScatterOptions): T {
  return scatterImpl('scatter_', self, dim, index, src, reduceMode('scatter_', options));
}

/**
 * Out-of-place scatter_.
 * @example torch.scatter(x, 0, idx, src)
 */
export function scatter(self: Tensor, dim: number, index: Tensor, src: Tensor | number | boolean, options?: ScatterOptions): Tensor {
  checkTensor('scatter', self, 'self');
  return scatterImpl('scatter', clone(self), dim, index, src, reduceMode('scatter', options));
}

/**
 * Adds src into self along dim at index (in place); duplicates accumulate.
 * @example
 * torch.zeros(3).scatterAdd_(0, torch.tensor([0, 0, 2], { dtype: torch.int64 }), torch.ones(3));  // [2, 0, 1]
 */
export function scatterAdd_<T extends Tensor>(self: T, dim: number, index: Tensor, src: Tensor): T {
  checkTensor('scatterAdd_', src, 'src');
  return scatterImpl('scatterAdd_', self, dim, index, src, Mode.ScatterAdd);
}

/**
 * Out-of-place scatterAdd_.
 * @example torch.scatterAdd(x, 0, idx, src)
 */
export function scatterAdd(self: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  checkTensor('scatterAdd', self, 'self');
  checkTensor('scatterAdd', src, 'src');
  return scatterImpl('scatterAdd', clone(self), dim, index, src, Mode.ScatterAdd);
}

// ---------------------------------------------------------------- flat positions

/** self as a flat contiguous view (a copy when not contiguous). */
function flat(t: Tensor): Tensor {
  const c = isContiguous(t) ? t : clone(t);
  return makeTensor(c._storage, c._offset, [c.numel()], [1]);
}

/**
 * Elements of self at flat (row-major) positions; negative positions count from the end. The result
 * has index's size.
 * @example
 * torch.take(torch.tensor([[1, 2], [3, 4]]), torch.tensor([0, -1], { dtype: torch.int64 }));  // [1, 4]
 */
export function take(self: Tensor, index: Tensor, options?: OutOption): Tensor {
  const op = 'take';
  checkTensor(op, self, 'self');
  const ix = indexTensor(op, index);
  const f = flat(self);
  const i1 = atLeast1d(ix);
  return withOut(op, options?.out, ix.shape, self.dtype, [self], (dst) => {
    const dd = atLeast1d(dst);
    launchIndex(op, Mode.Gather, i1.shape, dd, dd._strides, f, new Array<number>(i1.shape.length).fill(0), [
      { t: i1, strides: i1._strides, size: f.shape[0]!, selfStride: 1, dim: 0 },
    ], true);
  });
}

/**
 * Writes source's elements at flat positions of self (in place); negative positions count from the
 * end. index and source have the same number of elements; with `accumulate` duplicates add up.
 * @example
 * torch.zeros(2, 2).put_(torch.tensor([0, 3], { dtype: torch.int64 }), torch.tensor([5, 6]));
 * x.put_(idx, src, { accumulate: true });
 */
export function put_<T extends Tensor>(self: T, index: Tensor, source: Tensor, options?: PutOptions): T {
  const op = 'put_';
  checkTensor(op, self, 'self');
  const ix = indexTensor(op, index);
  checkTensor(op, source, 'source');
  sameDtype(op, self, source);
  if (ix.numel() !== source.numel())
    throw new TorchIndexError(`${op}: index and source must have the same number of elements, got ${ix.numel()} and ${source.numel()}`);
  checkWritable(op, self);
  const n = ix.numel();
  const target = isContiguous(self) ? self : clone(self);
  const f = makeTensor(target._storage, target._offset, [target.numel()], [1]);
  const i1 = flat(detached(ix, self));
  const s1 = flat(detached(source, self));
  self._storage.version++;
  launchIndex(op, options?.accumulate ? Mode.ScatterAdd : Mode.Scatter, [n], f, [0], s1, [1], [
    { t: i1, strides: [1], size: f.shape[0]!, selfStride: 1, dim: 0 },
  ], true);
  if (target !== self) copyInto(self, target);
  return self;
}

/**
 * Out-of-place put_.
 * @example torch.put(x, idx, src, { accumulate: true })
 */
export function put(self: Tensor, index: Tensor, source: Tensor, options?: PutOptions): Tensor {
  checkTensor('put', self, 'self');
  return put_(clone(self), index, source, options);
}
