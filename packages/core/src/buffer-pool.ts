/**
 * Reuse of the large buffers of gradients that autograd proves dead (docs/native.md, "Memory").
 *
 * PyTorch frees a tensor's memory when its last reference goes, so the gradient buffers of one backward
 * pass return to the allocator and the next pass gets them again, cache-warm. Here memory belongs to V8
 * and returns only after a garbage collection. The backward engine, though, knows without one when a
 * gradient it made is dead (autograd's GradOwnership): it releases such a storage here (`releaseStorage`
 * in storage.ts), and the large allocations of later backward passes take the buffer back.
 *
 * Only allocations made during a backward pass take pooled buffers (`reuseBuffers`). Handed to a forward
 * pass, a pooled buffer (old, having waited in the pool) would become an activation that dies as old
 * garbage, which only a full mark-compact frees; backward buffers instead cycle through the pool. For
 * the Fashion-MNIST CNN this leaves a training step ~26 MB of fresh memory instead of ~40 MB, under the
 * 32 MB of young buffers at which Node 20's V8 collects in mid-step.
 *
 * The pool holds at most `CAPACITY` bytes (a buffer that does not fit is left to the collector).
 */

import { TorchTypeError } from './errors';

/** The most bytes the pool holds. */
const CAPACITY = 256 << 20;
/** Buffers by byte length; each list is last-in first-out, so the most recently freed (warmest) goes first. */
const free = new Map<number, ArrayBuffer[]>();
let pooledBytes = 0;
/** How many backward passes are running (nested ones count): pooled buffers are handed out only then. */
let reuseDepth = 0;

/** Runs `fn` (a backward pass) with large allocations taking pooled buffers. @internal */
export function reuseBuffers<T>(fn: () => T): T {
  reuseDepth++;
  try {
    return fn();
  } finally {
    reuseDepth--;
  }
}

/** Adds a dead buffer to the pool; false when the pool is full. @internal */
export function poolBuffer(buffer: ArrayBuffer): boolean {
  const bytes = buffer.byteLength;
  if (pooledBytes + bytes > CAPACITY) return false;
  const list = free.get(bytes);
  if (list) list.push(buffer);
  else free.set(bytes, [buffer]);
  pooledBytes += bytes;
  return true;
}

/** A pooled buffer of exactly `bytes` bytes (contents undefined) during a backward pass, else undefined. @internal */
export function takePooledBuffer(bytes: number): ArrayBuffer | undefined {
  if (reuseDepth === 0) return undefined;
  const list = free.get(bytes);
  const buffer = list?.pop();
  if (buffer === undefined) return undefined;
  if (list!.length === 0) free.delete(bytes);
  pooledBytes -= bytes;
  return buffer;
}

/**
 * Empties the pool of gradient buffers that backward passes released, leaving them to the garbage
 * collector, and returns how many bytes it held. Like `torch.cuda.empty_cache()`, only useful to hand
 * memory back after training; the next backward pass refills it.
 * @example
 * loss.backward();
 * torch.emptyBufferPool();   // e.g. 12_000_000 after a step of a small CNN
 */
export function emptyBufferPool(): number {
  if (arguments.length > 0) throw new TorchTypeError(`emptyBufferPool: expected no arguments, got ${arguments.length}`);
  const bytes = pooledBytes;
  free.clear();
  pooledBytes = 0;
  return bytes;
}

/** Bytes the pool holds now, for `torch.backends.cpu.pooledBytes`. @internal */
export function pooledBufferBytes(): number {
  return pooledBytes;
}
