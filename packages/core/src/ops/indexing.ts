// Basic indexing: t.get(...indices) returns a view; t.set(indices, value) writes through one.
// An index is a number, a slice string 'start:stop:step', '...' or null (new axis).
import { TorchIndexError, TorchTypeError } from '../errors';
import { checkTensor, describe, makeTensor, Tensor, type Index } from '../tensor';
import { copyInto, fill } from './copy';

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
      const sl = parseSlice(ix);
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
export function set<T extends Tensor>(t: T, indices: Index | readonly Index[], value: Tensor | number | boolean): T {
  const target = get(t, Array.isArray(indices) ? indices : [indices as Index]);
  if (value instanceof Tensor) copyInto(target, value);
  else fill(target, value);
  return t;
}
