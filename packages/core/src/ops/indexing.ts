// Indexing syntax. Basic indexing: t.get(...indices) returns a view; t.set(indices, value) writes
// through one. An index is a number, a slice string 'start:stop:step', '...' or null (new axis).
// Advanced indexing (an int64 tensor or an array of ints, a bool mask tensor or array) gathers a copy
// or scatters through the native indexed kernel; see docs/indexing.md for the rules.
import { bool, int64, uint8 } from '../dtype';
import { fmtSize, TorchIndexError, TorchSizeError, TorchTypeError } from '../errors';
import { broadcastShapes, broadcastStrides, sameShape } from '../shape';
import { checkTensor, describe, emptyTensor, makeTensor, Tensor, type Index } from '../tensor';
import { copyInto, fill, toDevice, toDtype } from './copy';
import type { Backend } from '../backend/contract';
import { checkWritable, detached, launchIndex, maskTensor, Mode, scalarValue, type IndexArg } from './index_common';
import { maskIndices } from './masked';
import { assertWritable } from './overlap';

interface Slice {
  start: number | null;
  stop: number | null;
  step: number;
}

const slicePattern = /^\s*(-?\d+)?\s*:\s*(-?\d+)?\s*(?::\s*(-?\d+)?\s*)?$/;

function parseSlice(s: string): Slice {
  const m = slicePattern.exec(s);
  if (!m) throw new TorchIndexError(`index: cannot parse '${s}'; expected 'start:stop:step' (parts optional), '...' or a number`);
  const step = m[3] === undefined ? 1 : Number(m[3]);
  if (step <= 0) throw new TorchIndexError(`index: slice step must be positive, got '${s}'`);
  return { start: m[1] === undefined ? null : Number(m[1]), stop: m[2] === undefined ? null : Number(m[2]), step };
}

/** Python slice semantics: clamps to [0, size]. */
function resolveSlice({ start, stop, step }: Slice, size: number): [number, number] {
  let a = start ?? 0, b = stop ?? size;
  if (a < 0) a += size;
  if (b < 0) b += size;
  a = Math.min(Math.max(a, 0), size);
  b = Math.min(Math.max(b, a), size);
  return [a, Math.ceil((b - a) / step)];
}

/** @see Tensor.get */
export function get(t: Tensor, indices: readonly Index[]): Tensor {
  checkTensor('get', t);
  if (indices.some(isAdvanced)) return advancedGet(t, indices);
  return basicGet(t, indices);
}

function basicGet(t: Tensor, indices: readonly Index[]): Tensor {
  let consumed = 0;
  let ellipsis = -1;
  for (let i = 0; i < indices.length; i++) {
    const ix = indices[i];
    if (ix === '...') {
      if (ellipsis >= 0) throw new TorchIndexError("index: an index can only have a single ellipsis ('...')");
      ellipsis = i;
    } else if (ix !== null) {
      if (typeof ix !== 'number' && typeof ix !== 'string')
        throw new TorchTypeError(`index: expected a number, a slice string, '...' or null, got ${describe(ix)}`);
      consumed++;
    }
  }
  const nd = t.shape.length;
  if (consumed > nd) throw new TorchIndexError(`index: too many indices (${consumed}) for a tensor of dimension ${nd}`);
  const shape: number[] = [], strides: number[] = [];
  let offset = t._offset;
  let d = 0;
  for (let i = 0; i < indices.length; i++) {
    const ix = indices[i];
    if (ix === null) {
      shape.push(1);
      strides.push(0);
    } else if (ix === '...') {
      for (const end = d + nd - consumed; d < end; d++) {
        shape.push(t.shape[d]!);
        strides.push(t._strides[d]!);
      }
    } else if (typeof ix === 'number') {
      const size = t.shape[d]!;
      if (!Number.isInteger(ix)) throw new TorchTypeError(`index: ${ix} is not an integer`);
      const k = ix < 0 ? ix + size : ix;
      if (k < 0 || k >= size) throw new TorchIndexError(`index: index ${ix} is out of bounds for dimension ${d} with size ${size}`);
      offset += k * t._strides[d]!;
      d++;
    } else {
      const sl = parseSlice(ix as string);
      const [start, len] = resolveSlice(sl, t.shape[d]!);
      offset += start * t._strides[d]!;
      shape.push(len);
      strides.push(t._strides[d]! * sl.step);
      d++;
    }
  }
  for (; d < nd; d++) {
    shape.push(t.shape[d]!);
    strides.push(t._strides[d]!);
  }
  if (shape.length > 64) throw new TorchIndexError(`index: at most 64 dimensions are supported, got ${shape.length}`);
  return makeTensor(t._storage, offset, shape, strides);
}

/** @see Tensor.set */
export function set<T extends Tensor>(t: T, indices: Index | readonly Index[], value: Tensor | number | boolean, options?: { accumulate?: boolean }): T {
  checkTensor('set', t);
  const list = Array.isArray(indices) ? (indices as readonly Index[]) : [indices as Index];
  // accumulate (autograd's gradient of an advanced read): duplicate positions add up, as indexPut_.
  const accumulate = !!options?.accumulate;
  if (list.some(isAdvanced)) {
    advancedSet('set', t, list, value, accumulate, true);
    return t;
  }
  const target = basicGet(t, list);
  if (accumulate) copyInto(target, target.add(value instanceof Tensor ? value : scalarValue('set', value, t.dtype, t._storage.backend)) as Tensor);
  else if (value instanceof Tensor) {
    assertWritable('set', target, value);
    copyInto(target, value);
  } else fill(target, value);
  return t;
}

// ---------------------------------------------------------------- advanced indexing

function isAdvanced(ix: Index): boolean {
  return ix instanceof Tensor || Array.isArray(ix);
}

/** An advanced index: int64 positions along one dim, or a mask over several. */
type Adv = { kind: 'long'; t: Tensor } | { kind: 'mask'; t: Tensor } | { kind: 'scalar-mask'; value: boolean };

function toAdvanced(op: string, ix: Tensor | readonly (number | boolean)[], backend: Backend): Adv {
  if (Array.isArray(ix)) {
    const arr = ix as readonly unknown[];
    if (arr.length > 0 && arr.every((v) => typeof v === 'boolean')) {
      const m = emptyTensor([arr.length], bool);
      (m._storage.data as Uint8Array).set(arr.map((v) => (v ? 1 : 0)));
      return { kind: 'mask', t: toDevice(op, m, backend, bool) };
    }
    const data = new BigInt64Array(arr.length);
    arr.forEach((v, i) => {
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new TorchTypeError(`${op}: an index array must hold integers or booleans only, got ${describe(v)}`);
      data[i] = BigInt(v);
    });
    const t = emptyTensor([arr.length], int64);
    (t._storage.data as BigInt64Array).set(data);
    return { kind: 'long', t: toDevice(op, t, backend, int64) };
  }
  const t = ix as Tensor;
  if (t.dtype === int64) return { kind: 'long', t };
  if (t.dtype === bool || t.dtype === uint8) {
    maskTensor(op, t);
    if (t.shape.length === 0) return { kind: 'scalar-mask', value: t.item() !== 0 };
    return { kind: 'mask', t };
  }
  throw new TorchTypeError(`${op}: tensors used as indices must be int64, bool or uint8 tensors, got ${t.type()}`);
}

interface Plan {
  view: Tensor;
  /** One per index tensor: its view dim, original dim and int64 positions. */
  adv: { viewDim: number; dim: number; t: Tensor }[];
  /** Broadcast shape of the index tensors. */
  bshape: readonly number[];
  /** The result (iteration) shape. */
  shape: number[];
  /** Per result dim: a view dim (>= 0) or -1 - j for dim j of bshape. */
  origin: number[];
}

function plan(op: string, t: Tensor, indices: readonly Index[]): Plan {
  type Item = number | string | null | Adv;
  const items: Item[] = indices.map((ix) => (isAdvanced(ix) ? toAdvanced(op, ix as Tensor | readonly number[], t._storage.backend) : (ix as Item)));
  let consumed = 0;
  let ellipses = 0;
  for (const it of items) {
    if (it === '...') ellipses++;
    else if (it === null) continue;
    else if (typeof it === 'object') consumed += it.kind === 'mask' ? it.t.shape.length : it.kind === 'long' ? 1 : 0;
    else consumed++;
  }
  if (ellipses > 1) throw new TorchIndexError(`${op}: an index can only have a single ellipsis ('...')`);
  const nd = t.shape.length;
  if (consumed > nd) throw new TorchIndexError(`${op}: too many indices (${consumed}) for a tensor of dimension ${nd}`);
  const basic: Index[] = [];
  const adv: Plan['adv'] = [];
  let v = 0, o = 0;
  const fillEllipsis = (): void => {
    for (let k = 0; k < nd - consumed; k++, v++, o++) basic.push(':');
  };
  for (const it of items) {
    if (it === '...') fillEllipsis();
    else if (it === null) {
      basic.push(null);
      v++;
    } else if (typeof it === 'number') {
      basic.push(it);
      o++;
    } else if (typeof it === 'string') {
      basic.push(it);
      v++;
      o++;
    } else if (typeof it === 'object' && 'kind' in it) {
      if (it.kind === 'long') {
        adv.push({ viewDim: v, dim: o, t: it.t });
        basic.push(':');
        v++;
        o++;
      } else if (it.kind === 'scalar-mask') {
        const idx = emptyTensor([it.value ? 1 : 0], int64, t._storage.backend);
        if (it.value && !idx.isMeta) (idx._storage.data as BigInt64Array)[0] = 0n;
        adv.push({ viewDim: v, dim: o, t: idx });
        basic.push(null);
        v++;
      } else {
        const ms = it.t.shape;
        for (let j = 0; j < ms.length; j++)
          if (ms[j] !== t.shape[o + j])
            throw new TorchIndexError(`${op}: the shape of the mask ${fmtSize(ms)} at index ${j} does not match the shape of the indexed tensor ${fmtSize(t.shape)} at index ${o + j}`);
        const cols = maskIndices(it.t, op);
        for (let j = 0; j < ms.length; j++) {
          adv.push({ viewDim: v, dim: o, t: cols[j]! });
          basic.push(':');
          v++;
          o++;
        }
      }
    } else {
      throw new TorchTypeError(`${op}: expected a number, a slice string, '...', null, an int64/bool tensor or an array, got ${describe(it)}`);
    }
  }
  if (ellipses === 0) fillEllipsis();
  const view = basicGet(t, basic);
  let bshape: readonly number[] = adv[0]!.t.shape;
  for (const a of adv) {
    try {
      bshape = broadcastShapes(op, bshape, a.t.shape);
    } catch {
      throw new TorchIndexError(`${op}: shape mismatch: indexing tensors could not be broadcast together with shapes ${adv.map((x) => fmtSize(x.t.shape)).join(', ')}`);
    }
  }
  const advDims = new Set(adv.map((a) => a.viewDim));
  const first = adv[0]!.viewDim, last = adv[adv.length - 1]!.viewDim;
  const adjacent = last - first + 1 === advDims.size;
  const origin: number[] = [];
  const pushB = (): void => {
    for (let j = 0; j < bshape.length; j++) origin.push(-1 - j);
  };
  if (!adjacent) pushB();
  for (let d = 0; d < view.shape.length; d++) {
    if (!advDims.has(d)) origin.push(d);
    else if (adjacent && d === first) pushB();
  }
  const shape = origin.map((g) => (g >= 0 ? view.shape[g]! : bshape[-1 - g]!));
  if (shape.length > 64) throw new TorchIndexError(`${op}: at most 64 dimensions are supported, got ${shape.length}`);
  return { view, adv, bshape, shape, origin };
}

function indexArgs(p: Plan, target: Tensor | null): IndexArg[] {
  return p.adv.map((a) => {
    const t = target ? detached(a.t, target) : a.t;
    const bs = broadcastStrides(t.shape, t._strides, p.bshape);
    return {
      t,
      strides: p.origin.map((g) => (g >= 0 ? 0 : bs[-1 - g]!)),
      size: p.view.shape[a.viewDim]!,
      selfStride: p.view._strides[a.viewDim]!,
      dim: a.dim,
    };
  });
}

function viewStrides(p: Plan): number[] {
  return p.origin.map((g) => (g >= 0 ? p.view._strides[g]! : 0));
}

function advancedGet(t: Tensor, indices: readonly Index[]): Tensor {
  const p = plan('index', t, indices);
  const out = emptyTensor(p.shape, t.dtype, t._storage.backend);
  launchIndex('index', Mode.Gather, p.shape, out, out._strides, p.view, viewStrides(p), indexArgs(p, null), true);
  return out;
}

/** Writes (or adds) value at advanced indices. `cast`: convert a tensor value to t's dtype (set) or require it (indexPut_). */
function advancedSet(op: string, t: Tensor, indices: readonly Index[], value: Tensor | number | boolean, accumulate: boolean, cast: boolean): void {
  const p = plan(op, t, indices);
  let src: Tensor, srcStrides: number[];
  if (value instanceof Tensor) {
    if (value.dtype !== t.dtype) {
      if (!cast) throw new TorchTypeError(`${op}: values must have self's dtype ${t.dtype}, got ${value.dtype}`);
      value = toDtype(value, t.dtype);
    }
    if (!sameShape(broadcastShapes(op, p.shape, value.shape), p.shape))
      throw new TorchSizeError(`${op}: shape mismatch: value tensor of size ${fmtSize(value.shape)} cannot be broadcast to the indexing result of size ${fmtSize(p.shape)}`);
    src = detached(value, t);
    srcStrides = broadcastStrides(src.shape, src._strides, p.shape);
  } else {
    src = scalarValue(op, value, t.dtype, t._storage.backend);
    srcStrides = new Array<number>(p.shape.length).fill(0);
  }
  checkWritable(op, p.view);
  t._storage.version++;
  launchIndex(op, accumulate ? Mode.ScatterAdd : Mode.Scatter, p.shape, p.view, viewStrides(p), src, srcStrides, indexArgs(p, t), true);
}

/** Options of indexPut_. */
export interface IndexPutOptions {
  /** Add values into self (duplicate indices accumulate) instead of overwriting. */
  accumulate?: boolean;
}

/**
 * Writes values at the positions given by a list of index tensors, one per leading dim (null keeps a
 * dim whole), in place; `self.indexPut_([i, j], v)` is `self.set([i, j], v)` with PyTorch's
 * index_put_ rules: values must have self's dtype, and `accumulate: true` adds (duplicates add up).
 * @example
 * const x = torch.zeros(3, 3);
 * const i = torch.tensor([0, 2, 0], { dtype: torch.int64 });
 * x.indexPut_([i, i], torch.tensor(1), { accumulate: true });   // x[0,0] = 2, x[2,2] = 1
 */
export function indexPut_<T extends Tensor>(self: T, indices: readonly (Tensor | null)[], values: Tensor | number | boolean, options?: IndexPutOptions): T {
  const op = 'indexPut_';
  checkTensor(op, self, 'self');
  if (!Array.isArray(indices)) throw new TorchTypeError(`${op}: indices must be an array of tensors (or null), got ${describe(indices)}`);
  const list: Index[] = indices.map((ix) => {
    if (ix === null || ix === undefined) return ':';
    checkTensor(op, ix, 'index');
    return ix;
  });
  if (!list.some(isAdvanced)) {
    // No index tensor: the whole tensor is the target.
    const v = values instanceof Tensor ? values : scalarValue(op, values, self.dtype, self._storage.backend);
    if (options?.accumulate) copyInto(self, self.add(v) as Tensor);
    else copyInto(self, v);
    return self;
  }
  advancedSet(op, self, list, values, !!options?.accumulate, false);
  return self;
}

/**
 * Out-of-place indexPut_.
 * @example torch.indexPut(x, [i], torch.tensor(5))
 */
export function indexPut(self: Tensor, indices: readonly (Tensor | null)[], values: Tensor | number | boolean, options?: IndexPutOptions): Tensor {
  checkTensor('indexPut', self, 'self');
  return indexPut_(self.clone(), indices, values, options);
}
