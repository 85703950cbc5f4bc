/**
 * Which gradients a backward pass may move into a leaf's `.grad` instead of copying them, as PyTorch's
 * AccumulateGrad takes a gradient that nothing else references. JS has no reference counts, so the
 * engine proves it instead: the buffer was allocated during this pass (so the user cannot hold it), no
 * hook or custom Function saw it (user code might keep it), no other leaf took it, no gradient still
 * waiting for another node shares it, and it is one whole contiguous tensor. Skipping the copy saves an
 * allocation and a pass over the largest gradients (a 784x256 weight's is 800 KB).
 *
 * The same proof serves twice more. A node may overwrite a gradient it receives (relu's backward writes
 * its result into it) when nothing else reads it. And once a node has consumed such a gradient and did
 * not pass it on, nothing can reach its buffer again: the engine hands it to core's buffer pool, where
 * the next backward pass's allocations take it (docs/native.md, "Memory").
 */
import { releaseStorage, Storage, type Tensor } from '@torch/core';
import type { Grad } from './node';
import type { Variable } from './variable';

/** @internal */
export class GradOwnership {
  private readonly since = Storage._created;
  /** Buffers user code saw, or a leaf already took. */
  private readonly held = new Set<Storage>();
  /** How many gradients waiting in the engine's input buffers use each buffer. */
  private readonly waiting = new Map<Storage, number>();

  /** Records gradients that user code (a hook, a custom Function) saw: they stay copied. */
  share(grads: readonly Grad[]): void {
    for (const g of grads) if (g) this.held.add(g.data._storage);
  }

  /** A gradient entered (+1) or left (-1) a node's input buffer. */
  wait(g: Variable, delta: 1 | -1): void {
    const s = g.data._storage;
    const n = (this.waiting.get(s) ?? 0) + delta;
    if (n === 0) this.waiting.delete(s);
    else this.waiting.set(s, n);
  }

  /** Made during this pass, seen by no user code, taken by no leaf, and waiting in no node's input. */
  private unclaimed(s: Storage): boolean {
    return s._serial >= this.since && !this.held.has(s) && !this.waiting.has(s);
  }

  /**
   * Whether the node about to run may overwrite each of its incoming gradients `gs`: made during this
   * pass, never seen by user code nor taken by a leaf, waiting in no other node's input, one whole
   * contiguous tensor, and appearing once among `gs`.
   */
  overwritable(gs: readonly Grad[]): boolean[] {
    return gs.map((g) => {
      if (!g) return false;
      const s = g.data._storage;
      return this.unclaimed(s) && whole(g.data) && gs.filter((o) => o && o.data._storage === s).length === 1;
    });
  }

  /**
   * Releases to core's buffer pool the gradients a node consumed (`consumed`) that are now dead: the
   * proof of `overwritable`, and not passed on in the node's outputs (`produced`; a view's backward
   * returns a view of its input). Call it once the outputs are in the next nodes' inputs.
   */
  releaseConsumed(consumed: readonly Grad[], produced: readonly Grad[]): void {
    for (const g of consumed) {
      if (!g) continue;
      const s = g.data._storage;
      if (this.unclaimed(s) && !produced.some((o) => o && o.data._storage === s)) releaseStorage(s);
    }
  }

  /** True when `grad` may become the `.grad` of a leaf whose data is `like`; the buffer is then taken. */
  take(grad: Tensor, like: Tensor): boolean {
    const s = grad._storage;
    if (!this.unclaimed(s) || !whole(grad) || !like.isContiguous()) return false;
    this.held.add(s);
    return true;
  }
}

/** One contiguous tensor covering its whole storage. */
function whole(t: Tensor): boolean {
  return t.storageOffset() === 0 && t._storage.size() === t.numel() && t.isContiguous();
}
