/**
 * defaultCollate: turns a list of samples into a batch, structure-preserving, like PyTorch's
 * `default_collate`: tensors are stacked along a new first dimension, numbers become a tensor, and arrays
 * and plain objects are collated position by position / key by key.
 */
import { bool, float64, fromNumpy, int64, stack, Tensor, tensor, TorchSizeError, TorchTypeError } from '@torch/core';
import { describe } from './util';

/** What defaultCollate makes of a sample type. */
export type Collated<T> = T extends Tensor | number | bigint | boolean | ArrayBufferView
  ? Tensor
  : T extends string
    ? string[]
    : T extends readonly unknown[]
      ? { [K in keyof T]: Collated<T[K]> }
      : T extends object
        ? { [K in keyof T]: Collated<T[K]> }
        : never;

/**
 * Collates a list of samples into a batch:
 * - tensors of one size and dtype → one tensor `[batch, ...size]` (stack);
 * - numbers → int64 when all are integers, else float64 (PyTorch gives int64 for Python ints and float64
 *   for floats; JavaScript numbers do not tell 1 from 1.0, so integral values count as ints);
 *   bigints → int64; booleans → bool;
 * - TypedArrays → a tensor of their dtype, stacked;
 * - strings → the array of strings;
 * - arrays (tuples) of one length → an array whose item k collates every sample's item k;
 * - plain objects with the same keys → an object whose key k collates every sample's key k.
 * Mismatched sizes, lengths, keys or types throw an error naming the path inside the sample, e.g.
 * `defaultCollate: sample 3 at [0] has size [27, 28], sample 0 has [28, 28]`.
 * @example
 * data.defaultCollate([{ x: torch.zeros(2), y: 1 }, { x: torch.ones(2), y: 0 }]);
 * // { x: tensor [2, 2], y: int64 tensor [1, 0] }
 */
export function defaultCollate<T>(batch: readonly T[]): Collated<T> {
  if (!Array.isArray(batch)) throw new TorchTypeError(`defaultCollate: expected an array of samples, got ${describe(batch)}`);
  if (batch.length === 0) throw new TorchSizeError('defaultCollate: cannot collate an empty batch');
  return collate(batch, '') as Collated<T>;
}

function where(path: string): string {
  return path === '' ? '' : ` at ${path}`;
}

function mismatch(path: string, i: number, what: string, first: string): TorchTypeError {
  return new TorchTypeError(`defaultCollate: sample ${i}${where(path)} is ${what}, but sample 0 is ${first}`);
}

function kind(x: unknown): string {
  if (x instanceof Tensor) return 'tensor';
  if (ArrayBuffer.isView(x)) return 'typedarray';
  if (Array.isArray(x)) return 'array';
  if (x === null) return 'null';
  if (typeof x === 'object') return Object.getPrototypeOf(x) === Object.prototype || Object.getPrototypeOf(x) === null ? 'object' : 'instance';
  return typeof x;
}

function collate(items: readonly unknown[], path: string): unknown {
  const first = items[0];
  const k = kind(first);
  items.forEach((x, i) => {
    if (kind(x) !== k) throw mismatch(path, i, describe(x), describe(first));
  });
  switch (k) {
    case 'tensor':
      return stackTensors(items as Tensor[], path);
    case 'typedarray':
      return stackTensors(items.map((a) => fromNumpy(a as ArrayBufferView)), path);
    case 'number': {
      const nums = items as number[];
      return tensor(nums, { dtype: nums.every(Number.isInteger) ? int64 : float64 });
    }
    case 'bigint':
      return fromNumpy(BigInt64Array.from(items as bigint[]));
    case 'boolean':
      return tensor(items as boolean[], { dtype: bool });
    case 'string':
      return items.slice();
    case 'array': {
      const n = (first as unknown[]).length;
      items.forEach((x, i) => {
        if ((x as unknown[]).length !== n)
          throw new TorchSizeError(`defaultCollate: each element in the batch should be of equal length: sample ${i}${where(path)} has length ${(x as unknown[]).length}, sample 0 has ${n}`);
      });
      return Array.from({ length: n }, (_, j) => collate(items.map((x) => (x as unknown[])[j]), `${path}[${j}]`));
    }
    case 'object': {
      const keys = Object.keys(first as object);
      const sig = keys.slice().sort().join(',');
      items.forEach((x, i) => {
        if (Object.keys(x as object).sort().join(',') !== sig)
          throw new TorchTypeError(`defaultCollate: sample ${i}${where(path)} has keys {${Object.keys(x as object).join(', ')}}, sample 0 has {${keys.join(', ')}}`);
      });
      const out: Record<string, unknown> = {};
      for (const key of keys) out[key] = collate(items.map((x) => (x as Record<string, unknown>)[key]), `${path}.${key}`);
      return out;
    }
    default:
      throw new TorchTypeError(
        `defaultCollate: batch${where(path)} holds ${describe(first)}; expected tensors, numbers, bigints, booleans, strings, TypedArrays, or arrays/plain objects of those`,
      );
  }
}

function stackTensors(ts: readonly Tensor[], path: string): Tensor {
  const a = ts[0]!;
  ts.forEach((t, i) => {
    if (t.dtype !== a.dtype) throw new TorchTypeError(`defaultCollate: sample ${i}${where(path)} has dtype ${t.dtype.name}, sample 0 has ${a.dtype.name}`);
    if (t.shape.length !== a.shape.length || t.shape.some((s, d) => s !== a.shape[d]))
      throw new TorchSizeError(`defaultCollate: sample ${i}${where(path)} has size [${t.shape.join(', ')}], sample 0 has [${a.shape.join(', ')}]; every sample must have the same size to be stacked`);
  });
  return stack(ts as Tensor[], 0);
}
