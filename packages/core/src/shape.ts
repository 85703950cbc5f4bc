// Size and stride arithmetic shared by views, broadcasting and creation.
import { fmtSize, TorchIndexError, TorchSizeError, TorchTypeError } from './errors';

/** Row-major strides for a shape. @internal */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= Math.max(shape[d]!, 1);
  }
  return strides;
}

/** Product of sizes. @internal */
export function numelOf(shape: readonly number[]): number {
  let n = 1;
  for (let d = 0; d < shape.length; d++) n *= shape[d]!;
  return n;
}

/** True when the shapes are equal. @internal */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let d = 0; d < a.length; d++) if (a[d] !== b[d]) return false;
  return true;
}

/** Validates a size list given by a user. @internal */
export function checkShape(op: string, shape: readonly unknown[]): number[] {
  for (const s of shape) {
    if (typeof s !== 'number' || !Number.isSafeInteger(s))
      throw new TorchTypeError(`${op}: sizes must be integers, got [${shape.map(String).join(', ')}]`);
    if (s < 0) throw new TorchSizeError(`${op}: sizes must be non-negative, got [${shape.map(String).join(', ')}]`);
  }
  if (shape.length > 64) throw new TorchSizeError(`${op}: at most 64 dimensions are supported, got ${shape.length}`);
  return shape as number[];
}

/** Wraps a possibly negative dim into [0, ndim). @internal */
export function normDim(op: string, dim: number, ndim: number): number {
  const range = Math.max(ndim, 1);
  if (!Number.isInteger(dim) || dim < -range || dim >= range)
    throw new TorchIndexError(`${op}: dimension ${dim} out of range for a ${ndim}-D tensor (expected in [${-range}, ${range - 1}])`);
  return dim < 0 ? dim + range : dim;
}

/** numpy broadcasting of two shapes. @internal */
export function broadcastShapes(op: string, a: readonly number[], b: readonly number[]): readonly number[] {
  if (sameShape(a, b)) return a;
  const nd = Math.max(a.length, b.length);
  const out = new Array<number>(nd);
  for (let i = 0; i < nd; i++) {
    const sa = a[a.length - nd + i] ?? 1;
    const sb = b[b.length - nd + i] ?? 1;
    if (sa !== sb && sa !== 1 && sb !== 1)
      throw new TorchSizeError(`${op}: sizes ${fmtSize(a)} and ${fmtSize(b)} cannot broadcast (dimension ${i}: ${sa} vs ${sb})`);
    out[i] = sa === 1 ? sb : sa;
  }
  return out;
}

/** Strides that read a tensor of `shape`/`strides` as if expanded to `target` (0 where broadcast). @internal */
export function broadcastStrides(shape: readonly number[], strides: readonly number[], target: readonly number[]): number[] {
  const nd = target.length;
  const out = new Array<number>(nd);
  const off = nd - shape.length;
  for (let d = 0; d < nd; d++) out[d] = d < off || shape[d - off] === 1 ? 0 : strides[d - off]!;
  return out;
}
