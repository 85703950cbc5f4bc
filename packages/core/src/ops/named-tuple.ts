/**
 * Results PyTorch returns as named tuples (`values, indices = x.max(1)`, `U, S, V = torch.svd(A)`): here
 * an object whose fields read by name and that destructures in the same order.
 */
import type { Tensor } from '../tensor';

/**
 * Fields of tensors, read by name or destructured in order.
 * @example
 * const { U, S, V } = torch.svd(A);   // by name
 * const [u, s, v] = torch.svd(A);     // in order, as PyTorch's tuple
 */
export type NamedTuple<T extends { [K in keyof T]: Tensor }> = Readonly<T> & Iterable<Tensor>;

// The fields are the object's own enumerable properties, so they iterate in the order they were given.
const prototype = {
  *[Symbol.iterator](this: Record<string, Tensor>): Iterator<Tensor> {
    yield* Object.values(this);
  },
};

/**
 * A named tuple of `fields`, which keep their order.
 * @example const r = namedTuple({ values, indices }); const [v, i] = r; r.values === v; // true
 */
export function namedTuple<T extends { [K in keyof T]: Tensor }>(fields: T): NamedTuple<T> {
  return Object.assign(Object.create(prototype) as object, fields) as NamedTuple<T>;
}
