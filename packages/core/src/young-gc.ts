/**
 * Prompt reuse of large tensor memory (docs/native.md, "Memory").
 *
 * PyTorch frees an op's output the moment its last reference goes, so a loop that allocates a 16 MB
 * result each step keeps writing into the same cache-warm block. Here a storage's memory belongs to
 * V8 and returns only when the garbage collector finds it dead, and V8 waits too long for tensors:
 * - Node 20 collects the young generation under external memory pressure, but frees the dead buffers
 *   on a background thread afterwards, so the next allocation gets another, cold block (and the
 *   sweeper thread competes with our worker threads for the cores);
 * - Node 24 does no young collection for external memory at all: it runs a full mark-compact per
 *   ~100 MB of buffers, and a 1e6-element allocating mul took 0.65 ms against 0.13 ms with the policy;
 * - both mark the whole heap about once per training step of the Fashion-MNIST CNN (53 MB of tensors
 *   a step), because V8 lets the old generation grow only ~1.6x between full collections.
 *
 * So every JS environment that loads core asks V8 for a young-generation collection (a scavenge,
 * ~0.1 ms on a small young heap) after each budget of large storages allocated (16 MiB while the
 * collections free most of it), has the buffers freed during the collection, and lets the old
 * generation grow 4x. The young generation is where a just-dropped op output lives; tensors that
 * outlive two scavenges move to the old generation and are left to V8's own schedule. The end of a
 * backward pass is the moment a training step's activations die, so autograd asks for a scavenge at the
 * next large allocation after it too (`collectAfterBackward`).
 * `TORCH_GC_TUNING=0` leaves V8's defaults.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Bytes of large storages allocated between two forced young collections while these free most of
 * them. 16 MB measured best (Node 20 and 24, 2 cores, allocating mul/cat/stack/roll): small enough
 * that the freed blocks are still in cache, large enough that scavenges stay a small share of the time.
 */
const MIN_BUDGET = 16 << 20;
/**
 * Where the budget stops growing. A young collection that frees less than half of the bytes allocated
 * since the last one found mostly live tensors: mid-way through a training step the activations are all
 * alive until the backward pass, and collecting then only copies the autograd graph and promotes the
 * activations early. Such a collection doubles the budget, up to where V8's own schedule takes over; one
 * that frees most of them halves it again.
 */
const MAX_BUDGET = 256 << 20;
/** The old generation may grow by this many percent of what survived the last full collection. */
const HEAP_GROWING_PERCENT = 300;

/** Runs a young-generation collection, or null where the policy is off or V8 refuses. */
const collectYoung: (() => void) | null = tuneCollector();
let budget = MIN_BUDGET;
let allocatedSinceCollect = 0;
/** Set by `collectAfterBackward`: the next large allocation may collect first. */
let graphFreed = false;

/** What core does about garbage collection, for `torch.backends.cpu.gc`. @internal */
export const gcPolicy: string = collectYoung
  ? `young collection per ${MIN_BUDGET >> 20}-${MAX_BUDGET >> 20} MiB of large storages, buffers freed during it; ` +
    `old generation grows ${HEAP_GROWING_PERCENT}% between full collections`
  : 'V8 defaults';

/**
 * Counts `bytes` of a storage about to be allocated; when they would take the bytes allocated since the
 * last collection past the budget, collects the young generation first, so that the blocks of tensors
 * dropped since then are free again and this allocation can reuse one. @internal
 */
export function noteLargeAllocation(bytes: number): void {
  if (graphFreed) {
    graphFreed = false;
    if (allocatedSinceCollect >= AFTER_BACKWARD_MIN && collectYoung) collect(collectYoung);
  }
  if (allocatedSinceCollect + bytes > budget && allocatedSinceCollect > 0 && collectYoung) {
    const allocated = allocatedSinceCollect;
    if (collect(collectYoung) * 2 >= allocated) budget = Math.max(budget / 2, MIN_BUDGET);
    else budget = Math.min(budget * 2, MAX_BUDGET);
  }
  allocatedSinceCollect += bytes;
}

/** The current budget in bytes (tests watch it adapt). @internal */
export function youngCollectionBudget(): number {
  return budget;
}

/** External bytes right after the last collection this module ran. */
let externalAfterCollect = externalBytes();

/**
 * Runs a young collection and returns how many of the bytes allocated since the last one are gone now:
 * freed by this collection, or by one V8 ran on its own in between (Node 20 also collects under external
 * memory pressure). Counting only what this collection freed took the buffers V8 had already freed for
 * survivors: an allocating loop of 4 MB outputs doubled the budget up to 256 MiB, where V8's own
 * schedule collected every ~36 MB (an allocating `x.mul(y)` of 1e6 f32 105 -> 96 us, `x.add(b)` of
 * [1000, 1000] + [1000] 99 -> 89 us: medians of 6 alternated runs).
 */
function collect(collectNow: () => void): number {
  collectNow();
  const after = externalBytes();
  const gone = externalAfterCollect + allocatedSinceCollect - after;
  externalAfterCollect = after;
  allocatedSinceCollect = 0;
  return gone;
}

/**
 * Large storages allocated since the last collection below which the collection after a backward pass
 * is skipped: a small model's step then pays for a young collection only every few steps.
 */
const AFTER_BACKWARD_MIN = 4 << 20;

/**
 * Called by autograd when a backward pass has freed its graph: the step's activations just died, so
 * the next large allocation collects the young generation first, while they are still young, if at
 * least `AFTER_BACKWARD_MIN` bytes of large storages were allocated since the last collection.
 * Collected later, after V8's own young collections have moved them to the old generation, only a full
 * mark-compact frees them: the Fashion-MNIST CNN ran one every ~4.5 steps, with 4 marking threads
 * competing with the kernels for 2 cores (18.6-20.4 -> 16.5-18.4 ms a step on Node 20, 21.7-22.1 ->
 * 14.8-15.2 ms on Node 24). Not at the end of the pass itself: the tensor `backward` was called on is
 * still alive there, and surviving that collection moved a large one (a 16 MB convolution output) to
 * the old generation on the next: 24 full collections in 200 steps instead of 2. @internal
 */
export function collectAfterBackward(): void {
  graphFreed = true;
}

/**
 * Bytes of external memory V8 accounts for, ArrayBuffers' included (exact right after a collection).
 * Not `process.memoryUsage().arrayBuffers`: that also reads the resident size from /proc, ~11 us a call,
 * which made a collection's bookkeeping cost half as much as the collection itself.
 */
function externalBytes(): number {
  return getHeapStatistics().external_memory;
}

/** Sets the V8 flags of the policy and takes V8's collection hook; null when the policy is off. */
function tuneCollector(): (() => void) | null {
  if (process.env.TORCH_GC_TUNING === '0') return null;
  try {
    // Free dead buffers during the collection rather than on a background thread later.
    setFlagsFromString('--no-concurrent-array-buffer-sweeping');
    // Let the old generation grow 4x between full collections (V8 picks that factor itself only for
    // heaps it deems fast to collect): a training step's dead tensors keep external memory high, and
    // with V8's own factor (~1.6 on a 10 MB heap) it marked the whole heap once per step of the
    // Fashion-MNIST CNN, about 10 ms of CPU on a 2-core machine. A factor the user set stays theirs.
    if (!`${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`.includes('heap-growing-percent'))
      setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    // V8 hands out its collection hook only with --expose-gc; reuse the user's when they gave the flag,
    // otherwise turn it on just long enough to take the hook from a fresh context, which leaves the
    // user's global scope untouched.
    const given = (globalThis as { gc?: unknown }).gc;
    let gc = typeof given === 'function' ? given : null;
    if (!gc) {
      setFlagsFromString('--expose-gc');
      try {
        gc = runInNewContext('typeof gc === "function" ? gc : null') as typeof gc;
      } finally {
        setFlagsFromString('--no-expose-gc');
      }
    }
    if (!gc) return null;
    const collect = gc as (options: { type: 'minor' }) => void;
    return () => collect({ type: 'minor' });
  } catch {
    return null;
  }
}
