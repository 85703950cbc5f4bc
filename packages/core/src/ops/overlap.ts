/**
 * Memory-overlap checks for ops that write into an existing tensor (in-place ops and `out=`), as
 * PyTorch's: a written-to tensor whose elements share memory (an expanded, stride-0 view) and an
 * input that shares only part of the output's memory give order-dependent, silently wrong results, so
 * both throw. Exact overlap (the input is the output's memory in the same layout, as in `a.add_(a)`)
 * is allowed: every element is read before it is written at the same place. See docs/tensors.md.
 *
 * Storage identity is the Storage object, never its ArrayBuffer (small storages share slabs).
 */
import { fmtSize, TorchSizeError } from '../errors';
import { isContiguous, Tensor } from '../tensor';

const INTERNAL = 'unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.';
const PARTIAL = 'unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation.';

/**
 * Throws when two elements of `out` are one memory location (an expanded view, or `unfold` windows
 * that overlap): writing it would depend on the order of the writes.
 * @example
 * assertNoInternalOverlap('add_', torch.zeros(1).expand(3)); // throws TorchSizeError
 * @internal
 */
export function assertNoInternalOverlap(op: string, out: Tensor): void {
  if (isContiguous(out)) return;
  const shape = out.shape, strides = out._strides;
  for (let d = 0; d < shape.length; d++)
    if (strides[d] === 0 && shape[d]! > 1) throw internalError(op, out);
  if (provablyDistinct(shape, strides)) return;
  // Rare layouts (set_ with odd strides, unfold): decide exactly by visiting every element.
  const lo = out._offset;
  const seen = new Uint8Array(span(out) + 1);
  forEachOffset(out, (o) => {
    if (seen[o - lo]) return true;
    seen[o - lo] = 1;
    return false;
  }) && throwIt(internalError(op, out));
}

/**
 * Checks an input of an op that writes `out`. Returns true when `input` is exactly out's memory in the
 * same layout (the caller may go ahead elementwise, or must compute through a temporary when its kernel
 * reads elements other than the one it writes), false when they share no memory; throws when they
 * share some memory otherwise.
 * @example
 * const x = torch.arange(6).float();
 * assertNoPartialOverlap('copy_', x.narrow(0, 1, 5), x.narrow(0, 0, 5)); // throws TorchSizeError
 * assertNoPartialOverlap('add_', x, x);                                   // true
 * @internal
 */
export function assertNoPartialOverlap(op: string, out: Tensor, input: unknown): boolean {
  // The common case costs one comparison: different storages never overlap (numbers never do).
  if (!(input instanceof Tensor) || input._storage !== out._storage) return false;
  if (sameLayout(out, input)) return true;
  const a = range(out), b = range(input);
  if (a === null || b === null || a[1] < b[0] || b[1] < a[0]) return false;
  // The ranges intersect, but interleaved views (x[::2] and x[1::2]) share no element: mark out's
  // elements in the common range, then look for one of input's among them.
  const lo = Math.max(a[0], b[0]), hi = Math.min(a[1], b[1]);
  const mark = new Uint8Array(hi - lo + 1);
  forEachOffset(out, (o) => {
    if (o >= lo && o <= hi) mark[o - lo] = 1;
    return false;
  });
  if (forEachOffset(input, (o) => o >= lo && o <= hi && mark[o - lo] === 1))
    throw new TorchSizeError(`${op}: ${PARTIAL} (output of size ${fmtSize(out.shape)}, input of size ${fmtSize(input.shape)})`);
  return false;
}

/**
 * Both checks for an op that writes `out` while reading up to three inputs (tensors, numbers or
 * undefined; positional so that the hot in-place path allocates nothing); returns true when some input
 * is exactly out's memory (see assertNoPartialOverlap).
 * @example
 * if (assertWritable('mm', out, a, b)) { ... compute into a temporary, then copy into out ... }
 * @internal
 */
export function assertWritable(op: string, out: Tensor, a?: unknown, b?: unknown, c?: unknown): boolean {
  if (!mayOverlap(out, a, b, c)) return false;
  assertNoInternalOverlap(op, out);
  const ea = assertNoPartialOverlap(op, out, a);
  const eb = assertNoPartialOverlap(op, out, b);
  return assertNoPartialOverlap(op, out, c) || ea || eb;
}

/** The storage of a tensor operand, else undefined (the typeof test keeps the property load monomorphic). */
function storageOf(x: unknown): unknown {
  return typeof x === 'object' && x !== null ? (x as Tensor)._storage : undefined;
}

/**
 * False in the common case that needs no further check: a contiguous output and inputs on other
 * storages. Hot paths test it before building an op name for assertWritable.
 * @example if (mayOverlap(self, other)) assertWritable('add_', self, other);
 * @internal
 */
export function mayOverlap(out: Tensor, a?: unknown, b?: unknown, c?: unknown): boolean {
  const s = out._storage;
  return storageOf(a) === s || storageOf(b) === s || storageOf(c) === s || !isContiguous(out);
}

function internalError(op: string, out: Tensor): TorchSizeError {
  return new TorchSizeError(`${op}: ${INTERNAL} (size ${fmtSize(out.shape)}, strides ${fmtSize(out._strides)})`);
}

function throwIt(e: Error): never {
  throw e;
}

/** Same offset, same sizes, same strides on every dim that has more than one element. */
function sameLayout(a: Tensor, b: Tensor): boolean {
  if (a._offset !== b._offset || a.shape.length !== b.shape.length) return false;
  for (let d = 0; d < a.shape.length; d++) {
    if (a.shape[d] !== b.shape[d]) return false;
    if (a.shape[d]! > 1 && a._strides[d] !== b._strides[d]) return false;
  }
  return true;
}

/** Distance from the first to the last element (strides are never negative here). */
function span(t: Tensor): number {
  let s = 0;
  for (let d = 0; d < t.shape.length; d++) s += (t.shape[d]! - 1) * t._strides[d]!;
  return s;
}

/** The storage elements [first, last] a tensor reaches, or null when it has none. */
function range(t: Tensor): [number, number] | null {
  for (let d = 0; d < t.shape.length; d++) if (t.shape[d] === 0) return null;
  return [t._offset, t._offset + span(t)];
}

/**
 * True when, with dims sorted by stride, each stride exceeds the reach of the smaller ones: then no
 * two elements share a location (sufficient, not necessary).
 */
function provablyDistinct(shape: readonly number[], strides: readonly number[]): boolean {
  const dims: number[] = [];
  for (let d = 0; d < shape.length; d++) if (shape[d]! > 1) dims.push(d);
  dims.sort((x, y) => strides[x]! - strides[y]!);
  let reach = 0;
  for (const d of dims) {
    if (strides[d]! <= reach) return false;
    reach += (shape[d]! - 1) * strides[d]!;
  }
  return true;
}

/** Calls f with each element's storage offset in row-major order; stops and returns true when f does. */
function forEachOffset(t: Tensor, f: (offset: number) => boolean): boolean {
  const shape = t.shape, strides = t._strides, nd = shape.length;
  for (let d = 0; d < nd; d++) if (shape[d] === 0) return false;
  const idx = new Array<number>(nd).fill(0);
  let o = t._offset;
  for (;;) {
    if (f(o)) return true;
    let d = nd - 1;
    for (; d >= 0; d--) {
      if (++idx[d]! < shape[d]!) {
        o += strides[d]!;
        break;
      }
      o -= (shape[d]! - 1) * strides[d]!;
      idx[d] = 0;
    }
    if (d < 0) return false;
  }
}
