/**
 * Joining and shaping ops: cat, stack, split, chunk, unbind, repeat, flip, roll, tril/triu, diag,
 * trace, cross, histc, where.
 *
 * Everything here is written on views + the elementwise copy: an op builds strided views of its
 * output (narrow, a diagonal, a reversed or interleaved layout) and copies its inputs into them, so
 * the work is the native strided iterator's memcpy-bound copy loop. cat of contiguous parts (stack's
 * too) and histc have their own native loops (native/src/kernels/join_cat.cc, join_histc.cc); `where`
 * is the elementwise table's ternary select.
 */
import { bool, canCast, float16, float32, int64, promoteTypes, resultType, type DType } from '../dtype';
import { fmtSize, TorchIndexError, TorchSizeError, TorchTypeError } from '../errors';
import { numberToHalf } from '../half';
import { meta } from '../native';
import type { Backend } from '../backend/contract';
import { sameBackend } from '../backend/registry';
import { broadcastShapes, contiguousStrides, normDim, sameShape } from '../shape';
import { checkAttached, readElement } from '../storage';
import { checkTensor, describe, emptyTensor, isContiguous, makeTensor, Tensor } from '../tensor';
import { checkFits } from './copy';
import { nonzero } from './masked';
import { launch } from './launch';
import { OP } from './opcodes';
import { assertNoInternalOverlap, assertNoPartialOverlap } from './overlap';
import { sizeArgs } from './views';

/** Options of the ops that can write into an existing tensor. */
export interface JoinOutOptions {
  /** Tensor to write the result into (resized when it has no elements; its dtype must hold the result's). */
  out?: Tensor;
}

// ------------------------------------------------------------------------------------------ helpers

/** dst <- src (src broadcast to dst's shape, cast on store). */
function copyTo(dst: Tensor, src: Tensor): void {
  launch(OP.copy, src.dtype, dst, src, undefined, undefined);
}

/** dst <- 0. */
function zeroFill(dst: Tensor): void {
  launch(OP.copy, dst.dtype, dst, 0, undefined, undefined);
}

/** A view of `len` elements of dim `d` from `start` (no checks: callers stay in range). */
function slice(t: Tensor, d: number, start: number, len: number): Tensor {
  const shape = t.shape.slice();
  shape[d] = len;
  return makeTensor(t._storage, len === 0 ? t._offset : t._offset + start * t._strides[d]!, shape, t._strides);
}

/** A new tensor, or `out` checked (dtype castable, shape equal or out empty and resized) and marked written. */
function destination(op: string, shape: readonly number[], dtype: DType, out: Tensor | undefined, inputs: readonly unknown[] = [], backend?: Backend): Tensor {
  if (out === undefined) return emptyTensor(shape, dtype, backend, op);
  checkTensor(op, out, 'out');
  checkWritable(op, out);
  for (const t of inputs) assertNoPartialOverlap(op, out, t);
  if (!canCast(dtype, out.dtype)) throw new TorchTypeError(`${op}: result type ${dtype} cannot be cast to out's dtype ${out.dtype}`);
  if (!sameShape(shape, out.shape)) {
    if (out.numel() !== 0) throw new TorchSizeError(`${op}: out has size ${fmtSize(out.shape)} but the result has size ${fmtSize(shape)}`);
    out.resize_(shape);
  }
  out._storage.version++;
  return out;
}

/** Throws when `out` shares memory with an input other than exactly (a piecewise copy would read what it already overwrote). */
function checkNoOverlap(op: string, out: Tensor, inputs: readonly Tensor[]): void {
  for (const t of inputs) assertNoPartialOverlap(op, out, t);
}

/** In-place writes need every element at its own memory location (no expanded, stride-0 dims). */
const checkWritable = assertNoInternalOverlap;

function checkInt(op: string, name: string, v: unknown): asserts v is number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new TorchTypeError(`${op}: ${name} must be an integer, got ${describe(v)}`);
}

function checkList(op: string, tensors: unknown): asserts tensors is readonly Tensor[] {
  if (!Array.isArray(tensors)) throw new TorchTypeError(`${op}: expected an array of tensors, got ${describe(tensors)}`);
  if (tensors.length === 0) throw new TorchSizeError(`${op}: expected a non-empty list of tensors`);
  tensors.forEach((t, i) => checkTensor(op, t, `tensors[${i}]`));
}

/** `f(0, 1)`, `f([0, 1])` or `f(0)`: a list of integers. */
function intList(op: string, name: string, v: number | readonly number[]): number[] {
  const list = typeof v === 'number' ? [v] : Array.isArray(v) ? v : null;
  if (!list) throw new TorchTypeError(`${op}: ${name} must be an integer or an array of integers, got ${describe(v)}`);
  for (const x of list) checkInt(op, name, x);
  return list.slice();
}

// ------------------------------------------------------------------------------------------ cat, stack

function catImpl(op: string, tensors: readonly Tensor[], dim: number, out: Tensor | undefined): Tensor {
  checkList(op, tensors);
  checkInt(op, 'dim', dim);
  let dtype = tensors[0]!.dtype;
  tensors.forEach((t, i) => {
    if (t.shape.length === 0) throw new TorchSizeError(`${op}: zero-dimensional tensor (at position ${i}) cannot be concatenated`);
    dtype = promoteTypes(dtype, t.dtype);
  });
  // Legacy rule: 1-D tensors of size [0] are skipped (but still take part in type promotion).
  const parts = tensors.filter((t) => !(t.shape.length === 1 && t.shape[0] === 0));
  const ref = parts[0];
  const d = normDim(op, dim, ref ? ref.shape.length : 1);
  const shape = ref ? ref.shape.slice() : [0];
  if (ref) {
    let total = 0;
    for (const t of parts) {
      if (t.shape.length !== ref.shape.length)
        throw new TorchSizeError(`${op}: tensors must have the same number of dimensions, got ${parts.map((p) => fmtSize(p.shape)).join(', ')}`);
      for (let k = 0; k < shape.length; k++)
        if (k !== d && t.shape[k] !== ref.shape[k])
          throw new TorchSizeError(`${op}: sizes of tensors must match except in dimension ${d}, got ${parts.map((p) => fmtSize(p.shape)).join(', ')}`);
      total += t.shape[d]!;
    }
    shape[d] = total;
  }
  if (out !== undefined) {
    checkTensor(op, out, 'out');
    if (!canCast(dtype, out.dtype)) throw new TorchTypeError(`${op}: input types (promoted to ${dtype}) can't be cast to out's dtype ${out.dtype}`);
    checkNoOverlap(op, out, tensors);
  }
  const dst = destination(op, shape, dtype, out, [], tensors.length > 0 ? sameBackend(op, tensors[0]!, ...tensors) : undefined);
  const filled = parts.filter((t) => t.shape[d]! > 0);
  if (filled.every((t) => t.dtype === dst.dtype && isContiguous(t)) && isContiguous(dst)) catInOnePass(dst, filled, d);
  else {
    let offset = 0;
    for (const t of filled) {
      copyTo(slice(dst, d, offset, t.shape[d]!), t);
      offset += t.shape[d]!;
    }
  }
  return dst;
}

/** Parts per native cat call (the kernel's limit: their layouts fill the descriptor). */
const CAT_GROUP = 128;

/**
 * cat of contiguous parts of dst's dtype into contiguous dst through the backend's one-pass kernel:
 * dst is `outer` rows of the parts' rows side by side, part j's row being its elements from `d` on.
 * A copy per part wrote every row of the output once per part instead (stack(8 x [1e5], 1) strode
 * over all of it eight times to write one float in eight).
 */
function catInOnePass(dst: Tensor, parts: readonly Tensor[], d: number): void {
  let outer = 1, tail = 1;
  for (let k = 0; k < d; k++) outer *= dst.shape[k]!;
  for (let k = d + 1; k < dst.shape.length; k++) tail *= dst.shape[k]!;
  const rowStride = dst.shape[d]! * tail;
  if (outer === 0 || rowStride === 0) return;
  let column = 0;
  for (let g = 0; g < parts.length; g += CAT_GROUP) {
    const group = parts.slice(g, g + CAT_GROUP);
    meta[0] = dst.dtype.code;
    meta[1] = outer;
    meta[2] = rowStride;
    meta[3] = dst._offset + column;
    meta[4] = group.length;
    group.forEach((t, j) => {
      const inner = t.shape[d]! * tail;
      meta[5 + 2 * j] = t._offset;
      meta[6 + 2 * j] = inner;
      column += inner;
    });
    dst._storage.backend.cat(dst._storage, group.map((t) => t._storage));
  }
}

/**
 * Concatenates tensors along an existing dim. Inputs are type-promoted (int32 with float64 gives
 * float64); every size but `dim`'s must match; 1-D tensors of size [0] are skipped, as legacy PyTorch.
 * @example
 * torch.cat([torch.ones(2, 3), torch.zeros(1, 3)]).size();    // [3, 3]
 * torch.cat([torch.ones(2, 3), torch.zeros(2, 1)], 1).size(); // [2, 4]
 */
export function cat(tensors: readonly Tensor[], dim = 0, options?: JoinOutOptions): Tensor {
  return catImpl('cat', tensors, dim, options?.out);
}

/**
 * Joins equally sized tensors along a new dim.
 * @example
 * torch.stack([torch.ones(3), torch.zeros(3)]).size();    // [2, 3]
 * torch.stack([torch.ones(3), torch.zeros(3)], 1).size(); // [3, 2]
 */
export function stack(tensors: readonly Tensor[], dim = 0, options?: JoinOutOptions): Tensor {
  checkList('stack', tensors);
  const first = tensors[0]!;
  tensors.forEach((t, i) => {
    if (!sameShape(t.shape, first.shape))
      throw new TorchSizeError(`stack: expects each tensor to be equal size, but got ${fmtSize(first.shape)} at entry 0 and ${fmtSize(t.shape)} at entry ${i}`);
  });
  checkInt('stack', 'dim', dim);
  const d = normDim('stack', dim, first.shape.length + 1);
  return catImpl('stack', tensors.map((t) => unsqueezeView(t, d)), d, options?.out);
}

function unsqueezeView(t: Tensor, d: number): Tensor {
  const shape = t.shape.slice(), strides = t._strides.slice();
  shape.splice(d, 0, 1);
  strides.splice(d, 0, d < t.shape.length ? t.shape[d]! * t._strides[d]! : 1);
  return makeTensor(t._storage, t._offset, shape, strides);
}

// ------------------------------------------------------------------------------------------ split, chunk, unbind

function dimOf1d(op: string, t: Tensor, dim: number): number {
  checkTensor(op, t, 'self');
  if (t.shape.length === 0) throw new TorchSizeError(`${op}: expects at least a 1-dimensional tensor`);
  checkInt(op, 'dim', dim);
  return normDim(op, dim, t.shape.length);
}

/**
 * Splits into views along `dim`: pieces of `size` elements (the last may be smaller), or pieces of
 * the given sizes, which must add up to the dim's size.
 * @example
 * torch.arange(5).split(2);        // views [0, 1], [2, 3], [4]
 * torch.arange(5).split([1, 4]);   // views [0], [1, 2, 3, 4]
 */
export function split(self: Tensor, splitSizeOrSections: number | readonly number[], dim = 0): Tensor[] {
  const d = dimOf1d('split', self, dim);
  const size = self.shape[d]!;
  if (typeof splitSizeOrSections !== 'number') {
    const sizes = intList('split', 'split sizes', splitSizeOrSections);
    if (sizes.some((s) => s < 0)) throw new TorchSizeError(`split: split sizes must be non-negative, got ${fmtSize(sizes)}`);
    const sum = sizes.reduce((a, b) => a + b, 0);
    if (sum !== size)
      throw new TorchSizeError(`split: split sizes ${fmtSize(sizes)} must sum exactly to ${size} (the size of dimension ${d} of ${fmtSize(self.shape)})`);
    let start = 0;
    return sizes.map((n) => slice(self, d, (start += n) - n, n));
  }
  const step = splitSizeOrSections;
  checkInt('split', 'split size', step);
  if (step < 0) throw new TorchSizeError(`split: split size must be non-negative, got ${step}`);
  if (step === 0 && size !== 0) throw new TorchSizeError(`split: split size can only be 0 if dimension ${d} has size 0, but it has size ${size}`);
  const count = size === 0 ? 1 : Math.ceil(size / step);
  const pieces: Tensor[] = [];
  for (let i = 0; i < count; i++) pieces.push(slice(self, d, i * step, Math.min(step, size - i * step)));
  return pieces;
}

/**
 * Splits into `chunks` views of ceil(size / chunks) elements along `dim` (fewer when they run out).
 * @example
 * torch.arange(5).chunk(3);   // views [0, 1], [2, 3], [4]
 */
export function chunk(self: Tensor, chunks: number, dim = 0): Tensor[] {
  const d = dimOf1d('chunk', self, dim);
  checkInt('chunk', 'chunks', chunks);
  if (chunks <= 0) throw new TorchSizeError(`chunk: expects chunks to be greater than 0, got ${chunks}`);
  const size = self.shape[d]!;
  // An empty dim gives `chunks` empty views, as PyTorch.
  if (size === 0) return Array.from({ length: chunks }, () => slice(self, d, 0, 0));
  return split(self, Math.ceil(size / chunks), d);
}

/**
 * Views of each index along `dim`, with that dim removed.
 * @example
 * torch.arange(6).view(2, 3).unbind(1);   // views [0, 3], [1, 4], [2, 5]
 */
export function unbind(self: Tensor, dim = 0): Tensor[] {
  checkTensor('unbind', self, 'self');
  if (self.shape.length === 0) throw new TorchIndexError('unbind: dimension specified as 0 but the tensor has no dimensions');
  checkInt('unbind', 'dim', dim);
  const d = normDim('unbind', dim, self.shape.length);
  const shape = self.shape.slice(), strides = self._strides.slice();
  shape.splice(d, 1);
  strides.splice(d, 1);
  return Array.from({ length: self.shape[d]! }, (_, i) => makeTensor(self._storage, self._offset + i * self._strides[d]!, shape, strides));
}

// ------------------------------------------------------------------------------------------ repeat, flip, roll

/**
 * Tiles the tensor: dim i repeats sizes[i] times (extra leading sizes add dims). Copies.
 * @example
 * torch.tensor([1, 2]).repeat(2, 2);   // [[1, 2, 1, 2], [1, 2, 1, 2]]
 */
export function repeat(self: Tensor, ...sizes: number[] | [readonly number[]]): Tensor {
  checkTensor('repeat', self, 'self');
  const reps = sizeArgs('repeat', sizes);
  const nd = reps.length, old = self.shape.length;
  if (nd < old)
    throw new TorchSizeError(`repeat: the number of repeat dims ${fmtSize(reps)} can not be smaller than the tensor's number of dims ${fmtSize(self.shape)}`);
  if (reps.some((r) => r < 0)) throw new TorchSizeError(`repeat: repeats must be non-negative, got ${fmtSize(reps)}`);
  if (2 * nd > 64) throw new TorchSizeError(`repeat: at most 32 dimensions are supported, got ${nd}`);
  const inShape = [...new Array<number>(nd - old).fill(1), ...self.shape];
  const inStrides = [...new Array<number>(nd - old).fill(0), ...self._strides];
  const shape = inShape.map((s, i) => s * reps[i]!);
  const out = emptyTensor(shape, self.dtype, self._storage.backend);
  if (out.numel() === 0) return out;
  // View the output as [r0, s0, r1, s1, ...] and copy the input (stride 0 over each r) into it in one call.
  const outStrides = contiguousStrides(shape);
  const tiledShape: number[] = [], tiledOut: number[] = [], tiledIn: number[] = [];
  for (let i = 0; i < nd; i++) {
    tiledShape.push(reps[i]!, inShape[i]!);
    tiledOut.push(inShape[i]! * outStrides[i]!, outStrides[i]!);
    tiledIn.push(0, inStrides[i]!);
  }
  copyTo(makeTensor(out._storage, 0, tiledShape, tiledOut), makeTensor(self._storage, self._offset, tiledShape, tiledIn));
  return out;
}

/**
 * Reverses the order of elements along the given dims. Copies.
 * @example
 * torch.arange(4).flip(0);                 // [3, 2, 1, 0]
 * torch.arange(4).view(2, 2).flip([0, 1]); // [[3, 2], [1, 0]]
 */
export function flip(self: Tensor, ...dims: number[] | [readonly number[]]): Tensor {
  checkTensor('flip', self, 'self');
  const list = sizeArgs('flip', dims);
  const nd = self.shape.length;
  const seen = new Set<number>();
  let offset = self._offset;
  const strides = self._strides.slice();
  for (const dim of list) {
    const d = normDim('flip', dim, nd);
    if (seen.has(d)) throw new TorchIndexError(`flip: dim ${d} appears multiple times in the list of dims ${fmtSize(list)}`);
    seen.add(d);
    if (d >= nd || self.shape[d]! === 0) continue; // a 0-dim tensor, or nothing to reverse
    offset += (self.shape[d]! - 1) * strides[d]!;
    strides[d] = -strides[d]!;
  }
  // The reversed view (negative strides) exists only for this copy.
  const out = emptyTensor(self.shape, self.dtype, self._storage.backend);
  copyTo(out, makeTensor(self._storage, offset, self.shape, strides));
  return out;
}

/**
 * Rotates elements along dims by `shifts` (elements pushed past the end come back at the start).
 * Without dims the tensor is rolled as if flattened. Copies.
 * @example
 * torch.arange(5).roll(2);                        // [3, 4, 0, 1, 2]
 * torch.arange(6).view(2, 3).roll([1, -1], [0, 1]); // [[4, 5, 3], [1, 2, 0]]
 */
export function roll(self: Tensor, shifts: number | readonly number[], dims?: number | readonly number[]): Tensor {
  checkTensor('roll', self, 'self');
  const s = intList('roll', 'shifts', shifts);
  const ds = dims === undefined ? [] : intList('roll', 'dims', dims);
  if (s.length === 0) throw new TorchSizeError('roll: shifts required');
  if (ds.length === 0) {
    if (s.length !== 1) throw new TorchSizeError(`roll: shifts and dimensions must align, got ${s.length} shifts and no dims`);
    const flat = self.reshape(-1);
    return roll(flat, s, 0).view(self.shape);
  }
  if (s.length !== ds.length) throw new TorchSizeError(`roll: shifts and dimensions must align, got ${s.length} shifts and ${ds.length} dims`);
  if (self.shape.length === 0) throw new TorchIndexError('roll: dimension specified but the tensor has no dimensions');
  // Shift per dim (a repeated dim adds up), reduced into [0, size).
  const byDim = new Map<number, number>();
  ds.forEach((dim, i) => {
    const d = normDim('roll', dim, self.shape.length);
    byDim.set(d, (byDim.get(d) ?? 0) + s[i]!);
  });
  const out = emptyTensor(self.shape, self.dtype, self._storage.backend);
  if (out.numel() === 0) return out;
  const rolled: [dim: number, shift: number][] = [];
  for (const [d, shift] of byDim) {
    const n = self.shape[d]!;
    const r = ((shift % n) + n) % n;
    if (r !== 0) rolled.push([d, r]);
  }
  // Each rolled dim splits into two blocks (the last `shift` elements move to the front): copy every
  // combination of blocks once.
  for (let mask = 0; mask < 1 << rolled.length; mask++) {
    let src = self, dst = out;
    rolled.forEach(([d, r], k) => {
      const n = self.shape[d]!;
      if (mask & (1 << k)) {
        src = slice(src, d, n - r, r);
        dst = slice(dst, d, 0, r);
      } else {
        src = slice(src, d, 0, n - r);
        dst = slice(dst, d, r, n - r);
      }
    });
    copyTo(dst, src);
  }
  return out;
}

// ------------------------------------------------------------------------------------------ tril, triu

function checkMatrixBatch(op: string, t: Tensor): void {
  checkTensor(op, t, 'self');
  if (t.shape.length < 2) throw new TorchSizeError(`${op}: expects a tensor with at least 2 dimensions, got size ${fmtSize(t.shape)}`);
}

/**
 * Zeros the elements of the last two dims outside the kept triangle (lower: j <= i + k, upper:
 * j >= i + k). One zero-fill per run of rows (or columns, when there are fewer) with the same range.
 */
/**
 * Which elements tril/triu keep, as a bool [...batch, rows, cols] view with no memory of its own size:
 * element (i, j) is kept when j - i <= k (lower) or >= k (upper), a function of j - i only, so the view
 * reads a (rows + cols - 1)-element vector with strides -1 along rows, 1 along cols and 0 along the batch.
 */
function keepMask(x: Tensor, lower: boolean, k: number): Tensor {
  const nd = x.shape.length;
  const rows = x.shape[nd - 2]!, cols = x.shape[nd - 1]!;
  const n = rows + cols - 1;
  const diag = emptyTensor([n], int64, x._storage.backend);
  diag._storage.backend.arange(diag._storage, int64.code, n, -(rows - 1), 1); // entry t is j - i for t = j - i + rows - 1
  const keep = emptyTensor([n], bool, x._storage.backend);
  launch(lower ? OP.le : OP.ge, int64, keep, diag, k, undefined);
  return makeTensor(keep._storage, rows - 1, x.shape, [...x.shape.slice(0, -2).map(() => 0), -1, 1]);
}

/** dst = the triangle of src (one pass: dst may be src itself). */
function writeTriangle(dst: Tensor, src: Tensor, lower: boolean, k: number): void {
  if (src.numel() === 0) return;
  launch(OP.where, src.dtype, dst, keepMask(src, lower, k), src, 0);
}

function triangle(op: string, self: Tensor, lower: boolean, k: number, out: Tensor | undefined): Tensor {
  checkMatrixBatch(op, self);
  checkInt(op, 'diagonal', k);
  const dst = destination(op, self.shape, self.dtype, out, [self], self._storage.backend);
  writeTriangle(dst, self, lower, k);
  return dst;
}

function triangleInPlace(op: string, self: Tensor, lower: boolean, k: number): Tensor {
  checkMatrixBatch(op, self);
  checkInt(op, 'diagonal', k);
  checkWritable(op, self);
  self._storage.version++;
  writeTriangle(self, self, lower, k);
  return self;
}

/**
 * The lower triangle of the last two dims (j <= i + diagonal), zeros elsewhere.
 * @example
 * torch.ones(3, 3).tril();    // [[1, 0, 0], [1, 1, 0], [1, 1, 1]]
 * torch.ones(3, 3).tril(-1);  // [[0, 0, 0], [1, 0, 0], [1, 1, 0]]
 */
export function tril(self: Tensor, diagonal = 0, options?: JoinOutOptions): Tensor {
  return triangle('tril', self, true, diagonal, options?.out);
}

/**
 * The upper triangle of the last two dims (j >= i + diagonal), zeros elsewhere.
 * @example
 * torch.ones(3, 3).triu();   // [[1, 1, 1], [0, 1, 1], [0, 0, 1]]
 * torch.ones(3, 3).triu(1);  // [[0, 1, 1], [0, 0, 1], [0, 0, 0]]
 */
export function triu(self: Tensor, diagonal = 0, options?: JoinOutOptions): Tensor {
  return triangle('triu', self, false, diagonal, options?.out);
}

// ------------------------------------------------------------------------------------------ diag, trace

/** The k-th diagonal of a matrix as a 1-D view (length 0 when k is past the corner). */
function diagonalView(m: Tensor, k: number): Tensor {
  const [rows, cols] = m.shape as [number, number];
  const [s0, s1] = m._strides as [number, number];
  const len = Math.max(0, k >= 0 ? Math.min(rows, cols - k) : Math.min(rows + k, cols));
  const offset = len === 0 ? m._offset : m._offset + (k >= 0 ? k * s1 : -k * s0);
  return makeTensor(m._storage, offset, [len], [s0 + s1]);
}

/**
 * A vector becomes a square matrix with it on diagonal `k`; a matrix gives its k-th diagonal (a copy).
 * @example
 * torch.tensor([1, 2]).diag();        // [[1, 0], [0, 2]]
 * torch.arange(9).view(3, 3).diag(1); // [1, 5]
 */
export function diag(self: Tensor, diagonal = 0, options?: JoinOutOptions): Tensor {
  checkTensor('diag', self, 'self');
  checkInt('diag', 'diagonal', diagonal);
  const k = diagonal;
  if (self.shape.length === 1) {
    const n = self.shape[0]! + Math.abs(k);
    if (options?.out) checkNoOverlap('diag', options.out, [self]);
    const dst = destination('diag', [n, n], self.dtype, options?.out, [], self._storage.backend);
    zeroFill(dst);
    copyTo(diagonalView(dst, k), self);
    return dst;
  }
  if (self.shape.length === 2) {
    const src = diagonalView(self, k);
    if (options?.out) checkNoOverlap('diag', options.out, [self]);
    const dst = destination('diag', src.shape, self.dtype, options?.out, [], self._storage.backend);
    copyTo(dst, src);
    return dst;
  }
  throw new TorchSizeError(`diag: expects a 1-D or 2-D tensor, got size ${fmtSize(self.shape)}`);
}

/**
 * Sum of a matrix's main diagonal, as a 0-dim tensor: int64 for integer and bool matrices, the
 * matrix's dtype for floats (summed in double, as PyTorch's CPU kernel).
 * @example
 * torch.arange(9).view(3, 3).trace().item();   // 12
 */
export function trace(self: Tensor): Tensor {
  checkTensor('trace', self, 'self');
  if (self.shape.length !== 2) throw new TorchSizeError(`trace: expected a matrix, got size ${fmtSize(self.shape)}`);
  if (self.isMeta) return emptyTensor([], self.dtype.isFloatingPoint ? self.dtype : int64, self._storage.backend);
  const d = diagonalView(self, 0);
  const n = d.shape[0]!, step = d._strides[0]!, data = self._storage.data;
  checkAttached(data, 'trace');
  const result = emptyTensor([], self.dtype.isFloatingPoint ? self.dtype : int64);
  const out = result._storage.data;
  if (self.dtype === int64) {
    let sum = 0n;
    for (let i = 0; i < n; i++) sum += (data as BigInt64Array)[d._offset + i * step]!;
    (out as BigInt64Array)[0] = BigInt.asIntN(64, sum);
    return result;
  }
  let sum = 0; // exact for the smaller integer types; double accumulation for floats
  for (let i = 0; i < n; i++) sum += readElement(data, self.dtype, d._offset + i * step);
  if (result.dtype === int64) (out as BigInt64Array)[0] = BigInt(sum);
  else if (result.dtype === float16) out[0] = numberToHalf(sum);
  else out[0] = sum;
  return result;
}

// ------------------------------------------------------------------------------------------ cross

/**
 * Cross product of 3-element vectors along `dim` (default: the first dim of size 3), broadcasting
 * the other dims. Both inputs must have the same dtype and number of dims.
 * @example
 * torch.tensor([1, 0, 0]).cross(torch.tensor([0, 1, 0]));   // [0, 0, 1]
 */
export function cross(self: Tensor, other: Tensor, dim?: number, options?: JoinOutOptions): Tensor {
  checkTensor('cross', self, 'self');
  checkTensor('cross', other, 'other');
  if (self.dtype !== other.dtype) throw new TorchTypeError(`cross: expected both inputs to have the same dtype, got ${self.dtype} and ${other.dtype}`);
  if (self.dtype === bool) throw new TorchTypeError('cross: not supported for bool tensors');
  const nd = self.shape.length;
  if (other.shape.length !== nd)
    throw new TorchSizeError(`cross: inputs must have the same number of dimensions, got ${fmtSize(self.shape)} and ${fmtSize(other.shape)}`);
  let d: number;
  if (dim === undefined || dim === null) {
    d = self.shape.indexOf(3);
    if (d < 0) throw new TorchSizeError(`cross: no dimension of size 3 in input of size ${fmtSize(self.shape)}`);
  } else {
    checkInt('cross', 'dim', dim);
    d = normDim('cross', dim, nd);
  }
  if (nd === 0 || self.shape[d] !== 3 || other.shape[d] !== 3)
    throw new TorchSizeError(`cross: inputs dimension ${d} must have length 3, got sizes ${fmtSize(self.shape)} and ${fmtSize(other.shape)}`);
  const shape = broadcastShapes('cross', self.shape, other.shape);
  const dst = destination('cross', shape, self.dtype, options?.out, [], sameBackend('cross', self, other));
  // float16 is computed in float32 and rounded once; an out that shares memory with an input gets a temporary.
  const compute = self.dtype === float16 ? float32 : self.dtype;
  const aliased = dst._storage === self._storage || dst._storage === other._storage;
  const res = compute !== dst.dtype || aliased ? emptyTensor(shape, compute, dst._storage.backend) : dst;
  const a = compute === self.dtype ? self : self.to(compute), b = compute === other.dtype ? other : other.to(compute);
  const part = shape.slice();
  part[d] = 1;
  const tmp = emptyTensor(part, compute, dst._storage.backend);
  for (let i = 0; i < 3; i++) {
    const j = (i + 1) % 3, k = (i + 2) % 3;
    const r = slice(res, d, i, 1);
    launch(OP.mul, compute, r, slice(a, d, j, 1), slice(b, d, k, 1), undefined);
    launch(OP.mul, compute, tmp, slice(a, d, k, 1), slice(b, d, j, 1), undefined);
    launch(OP.sub, compute, r, r, tmp, undefined, 1);
  }
  if (res !== dst) copyTo(dst, res);
  return dst;
}

// ------------------------------------------------------------------------------------------ histc

/**
 * Histogram of a floating point tensor: `bins` equal-width bins over [min, max]; min = max (the
 * default 0, 0) uses the data's range. Values outside the range and NaN are not counted; the last
 * bin includes max. The result has the input's dtype.
 * @example
 * torch.tensor([1, 2, 1], { dtype: torch.float32 }).histc(4, 0, 3);   // [0, 2, 1, 0]
 */
export function histc(self: Tensor, bins = 100, min = 0, max = 0, options?: JoinOutOptions): Tensor {
  checkTensor('histc', self, 'self');
  if (!self.dtype.isFloatingPoint) throw new TorchTypeError(`histc: only floating point tensors are supported, got ${self.dtype}`);
  checkInt('histc', 'bins', bins);
  if (bins <= 0) throw new TorchSizeError(`histc: bins must be > 0, got ${bins}`);
  if (typeof min !== 'number' || typeof max !== 'number') throw new TorchTypeError(`histc: min and max must be numbers, got ${describe(min)} and ${describe(max)}`);
  const compute = self.dtype === float16 ? float32 : self.dtype;
  const n = self.numel();
  let x = self;
  if (self.dtype !== compute || !isContiguous(self)) {
    x = emptyTensor(self.shape, compute, self._storage.backend);
    copyTo(x, self);
  }
  let lo = min, hi = max;
  // The data's range from the min/max reductions (parallel, vectorised, NaN-propagating: a NaN makes it
  // not finite below, as in PyTorch); a meta tensor has no data and keeps PyTorch's [0, 1] bins.
  if (lo === hi && n > 0) [lo, hi] = x.isMeta ? [0, 1] : [x.min().item(), x.max().item()];
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new TorchSizeError(`histc: range of [${lo}, ${hi}] is not finite`);
  if (!(lo < hi)) throw new TorchSizeError(`histc: max must be larger than min, got min ${min} and max ${max}`);
  const dst = destination('histc', [bins], self.dtype, options?.out, [], self._storage.backend);
  const hist = dst.dtype === compute && isContiguous(dst) ? dst : emptyTensor([bins], compute, dst._storage.backend);
  meta[0] = compute.code;
  meta[1] = n;
  meta[2] = x._offset;
  meta[3] = hist._offset;
  meta[4] = bins;
  meta[5] = lo;
  meta[6] = hi;
  hist._storage.backend.histc(hist._storage, x._storage);
  if (hist !== dst) copyTo(dst, hist);
  return dst;
}

// ------------------------------------------------------------------------------------------ where

type Scalar = number | boolean;

/**
 * Elementwise `condition ? x : y` with broadcasting; x and y may be numbers, and are type-promoted
 * as PyTorch (`torch.resultType(x, y)`). `condition` must be a bool tensor. With the condition alone,
 * `torch.where(c)` is `torch.nonzero(c, { asTuple: true })`: one int64 index tensor per dim.
 * @example
 * const x = torch.tensor([1.5, -2, 3]);
 * torch.where(x.gt(0), x, 0);   // [1.5, 0, 3]
 * const [rows, cols] = torch.where(torch.eye(2).bool());   // [0, 1], [0, 1]
 */
export function where(condition: Tensor): Tensor[];
export function where(condition: Tensor, x: Tensor | Scalar, y: Tensor | Scalar, options?: JoinOutOptions): Tensor;
export function where(condition: Tensor, x?: Tensor | Scalar, y?: Tensor | Scalar, options?: JoinOutOptions): Tensor | Tensor[] {
  checkTensor('where', condition, 'condition');
  if (x === undefined && y === undefined) return nonzero(condition, { asTuple: true });
  if (x === undefined || y === undefined) throw new TorchTypeError('where: expected (condition) or (condition, x, y), got only one of x and y');
  if (condition.dtype !== bool) throw new TorchTypeError(`where: expected condition to be a bool tensor, got ${condition.dtype}`);
  let shape = condition.shape;
  for (const [v, name] of [[x, 'x'], [y, 'y']] as const) {
    if (v instanceof Tensor) shape = broadcastShapes('where', shape, v.shape);
    else if (typeof v !== 'number' && typeof v !== 'boolean') throw new TorchTypeError(`where: ${name} must be a Tensor or a number, got ${describe(v)}`);
  }
  const dtype = resultType(x, y);
  for (const v of [x, y]) if (!(v instanceof Tensor)) checkFits('where', +v, dtype);
  const dst = destination('where', shape, dtype, options?.out, [condition, x, y], sameBackend('where', condition, x, y));
  launch(OP.where, dtype, dst, condition, x instanceof Tensor ? x : +x, y instanceof Tensor ? y : +y);
  return dst;
}

// ------------------------------------------------------------------------------------------ methods

/** The join family's Tensor methods (installed by installJoinMethods). */
export interface JoinMethods {
  /** Views of `splitSize` elements (or of the given sizes) along dim. @example torch.arange(5).split(2) // [0, 1], [2, 3], [4] */
  split(splitSizeOrSections: number | readonly number[], dim?: number): Tensor[];
  /** `chunks` views along dim. @example torch.arange(6).chunk(3) // [0, 1], [2, 3], [4, 5] */
  chunk(chunks: number, dim?: number): Tensor[];
  /** Views of each index along dim, that dim removed. @example torch.eye(2).unbind() // [1, 0], [0, 1] */
  unbind(dim?: number): Tensor[];
  /** Tiles the tensor. @example torch.tensor([1, 2]).repeat(2) // [1, 2, 1, 2] */
  repeat(...sizes: number[] | [readonly number[]]): Tensor;
  /** Reverses along dims. @example torch.arange(3).flip(0) // [2, 1, 0] */
  flip(...dims: number[] | [readonly number[]]): Tensor;
  /** Rotates along dims (flattened when none). @example torch.arange(3).roll(1) // [2, 0, 1] */
  roll(shifts: number | readonly number[], dims?: number | readonly number[]): Tensor;
  /** Lower triangle of the last two dims. @example torch.ones(2, 2).tril() // [[1, 0], [1, 1]] */
  tril(diagonal?: number, options?: JoinOutOptions): Tensor;
  /** Upper triangle of the last two dims. @example torch.ones(2, 2).triu() // [[1, 1], [0, 1]] */
  triu(diagonal?: number, options?: JoinOutOptions): Tensor;
  /** In-place tril. @example m.tril_(-1) */
  tril_(diagonal?: number): this;
  /** In-place triu. @example m.triu_(1) */
  triu_(diagonal?: number): this;
  /** Vector to diagonal matrix, or a matrix's diagonal. @example torch.tensor([1, 2]).diag() // [[1, 0], [0, 2]] */
  diag(diagonal?: number, options?: JoinOutOptions): Tensor;
  /** Sum of the main diagonal (0-dim). @example torch.eye(3).trace().item() // 3 */
  trace(): Tensor;
  /** Cross product of 3-vectors along dim. @example torch.tensor([1, 0, 0]).cross(torch.tensor([0, 1, 0])) // [0, 0, 1] */
  cross(other: Tensor, dim?: number, options?: JoinOutOptions): Tensor;
  /** Histogram with equal-width bins. @example torch.tensor([1, 2, 1], { dtype: torch.float32 }).histc(4, 0, 3) // [0, 2, 1, 0] */
  histc(bins?: number, min?: number, max?: number, options?: JoinOutOptions): Tensor;
  /** `condition ? this : y`. @example x.where(x.gt(0), 0) */
  where(condition: Tensor, y: Tensor | number | boolean, options?: JoinOutOptions): Tensor;
}

/** Installs the join family's methods on Tensor.prototype. @internal */
export function installJoinMethods(proto: Record<string, unknown>): void {
  proto.split = function (this: Tensor, s: number | readonly number[], dim?: number) { return split(this, s, dim); };
  proto.chunk = function (this: Tensor, chunks: number, dim?: number) { return chunk(this, chunks, dim); };
  proto.unbind = function (this: Tensor, dim?: number) { return unbind(this, dim); };
  proto.repeat = function (this: Tensor, ...sizes: number[]) { return repeat(this, ...sizes); };
  proto.flip = function (this: Tensor, ...dims: number[]) { return flip(this, ...dims); };
  proto.roll = function (this: Tensor, shifts: number | number[], dims?: number | number[]) { return roll(this, shifts, dims); };
  proto.tril = function (this: Tensor, k?: number, options?: JoinOutOptions) { return tril(this, k, options); };
  proto.triu = function (this: Tensor, k?: number, options?: JoinOutOptions) { return triu(this, k, options); };
  proto.tril_ = function (this: Tensor, k = 0) { return triangleInPlace('tril_', this, true, k); };
  proto.triu_ = function (this: Tensor, k = 0) { return triangleInPlace('triu_', this, false, k); };
  proto.diag = function (this: Tensor, k?: number, options?: JoinOutOptions) { return diag(this, k, options); };
  proto.trace = function (this: Tensor) { return trace(this); };
  proto.cross = function (this: Tensor, other: Tensor, dim?: number, options?: JoinOutOptions) { return cross(this, other, dim, options); };
  proto.histc = function (this: Tensor, bins?: number, min?: number, max?: number, options?: JoinOutOptions) {
    return histc(this, bins, min, max, options);
  };
  proto.where = function (this: Tensor, condition: Tensor, y: Tensor | Scalar, options?: JoinOutOptions) { return where(condition, this, y, options); };
}
