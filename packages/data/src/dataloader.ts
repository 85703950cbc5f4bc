/**
 * DataLoader (PyTorch's `torch.utils.data.DataLoader`): batches of a map-style dataset in sampler order,
 * iterable with `for ... of` and `for await ... of`.
 *
 * Loading is split in two so that worker processes can slot in later: the main side turns the batch
 * sampler into lists of indices (plain number arrays, cheap to send to a worker), and `fetchBatch` turns
 * one list into a batch (getBatch or getItem + collate). Today both run in this thread; the async
 * iterator yields to the event loop between batches. With workers, the async iterator will hand index
 * lists to a pool and put results back in order; the sync iterator stays single-threaded.
 */
import { fromNumpy, Generator, TorchTypeError } from '@torch/core';
import { defaultCollate } from './collate';
import { checkDataset, type DatasetLike } from './dataset';
import { BatchSampler, RandomSampler, SequentialSampler } from './sampler';
import { checkBool, checkOptions, checkPositiveInt, describe } from './util';

/** Options of {@link DataLoader}. */
export interface DataLoaderOptions<T, B> {
  /** Samples per batch (default 1); `null` yields single samples, unbatched. */
  batchSize?: number | null;
  /** Reshuffle the indices every epoch (default false). Not with `sampler`. */
  shuffle?: boolean;
  /** Where indices come from (default: sequential, or random with `shuffle`). Not with `shuffle`. */
  sampler?: Iterable<number>;
  /** Where whole batches of indices come from. Not with batchSize, shuffle, sampler or dropLast. */
  batchSampler?: Iterable<number[]>;
  /** Drop the last batch when it is smaller than batchSize (default false). */
  dropLast?: boolean;
  /** Turns a list of samples into a batch (default {@link defaultCollate}). */
  collate?: (samples: T[]) => B;
  /** Generator of the shuffling RandomSampler (default: torch's default generator). */
  generator?: Generator;
  /** Loader worker processes; only 0 (load in this thread) until @torch/multiprocessing lands. */
  numWorkers?: number;
}

const OPTION_KEYS = ['batchSize', 'shuffle', 'sampler', 'batchSampler', 'dropLast', 'collate', 'generator', 'numWorkers'];

function isIterable(x: unknown): boolean {
  return x !== null && typeof x === 'object' && typeof (x as Iterable<unknown>)[Symbol.iterator] === 'function';
}

/**
 * Iterates a dataset in batches.
 * @example
 * const loader = new data.DataLoader(new data.TensorDataset(x, y), { batchSize: 64, shuffle: true });
 * for (const [xb, yb] of loader) { ... }          // or: for await (const [xb, yb] of loader)
 */
export class DataLoader<T = unknown, B = unknown> implements Iterable<B>, AsyncIterable<B> {
  readonly dataset: DatasetLike<T>;
  /** null when batches come from a batchSampler or when unbatched. */
  readonly batchSize: number | null;
  readonly dropLast: boolean;
  readonly sampler: Iterable<number>;
  /** null when unbatched (batchSize: null). */
  readonly batchSampler: Iterable<number[]> | null;
  readonly collate: ((samples: T[]) => B) | null;
  readonly numWorkers: number;
  /** True when batches come from the dataset's getBatch (default collate and a dataset that has one). */
  readonly usesBatchFastPath: boolean;

  constructor(dataset: DatasetLike<T>, options?: DataLoaderOptions<T, B>) {
    const op = 'DataLoader';
    checkDataset(op, dataset);
    checkOptions(op, options, OPTION_KEYS);
    const o = options ?? {};
    this.dataset = dataset;
    this.numWorkers = o.numWorkers ?? 0;
    if (!Number.isSafeInteger(this.numWorkers) || this.numWorkers < 0)
      throw new TorchTypeError(`${op}: numWorkers must be a non-negative integer, got ${describe(o.numWorkers)}`);
    if (this.numWorkers > 0)
      throw new TorchTypeError(`${op}: numWorkers=${this.numWorkers} needs loader worker processes, which come with @torch/multiprocessing; use numWorkers: 0 (load in this thread)`);
    const shuffle = o.shuffle === undefined ? false : checkBool(op, 'shuffle', o.shuffle);
    this.dropLast = o.dropLast === undefined ? false : checkBool(op, 'dropLast', o.dropLast);
    if (o.collate !== undefined && typeof o.collate !== 'function') throw new TorchTypeError(`${op}: collate must be a function, got ${describe(o.collate)}`);
    if (o.generator !== undefined && !(o.generator instanceof Generator)) throw new TorchTypeError(`${op}: generator must be a torch.Generator, got ${describe(o.generator)}`);
    if (o.sampler !== undefined && !isIterable(o.sampler)) throw new TorchTypeError(`${op}: sampler must be an iterable of indices, got ${describe(o.sampler)}`);
    if (o.sampler !== undefined && shuffle) throw new TorchTypeError(`${op}: sampler option is mutually exclusive with shuffle`);

    if (o.batchSampler !== undefined) {
      if (!isIterable(o.batchSampler)) throw new TorchTypeError(`${op}: batchSampler must be an iterable of index arrays, got ${describe(o.batchSampler)}`);
      if ((o.batchSize !== undefined && o.batchSize !== 1) || shuffle || o.sampler !== undefined || this.dropLast)
        throw new TorchTypeError(`${op}: batchSampler option is mutually exclusive with batchSize, shuffle, sampler, and dropLast`);
      this.batchSize = null;
      this.batchSampler = o.batchSampler;
      this.sampler = (o.batchSampler as Partial<BatchSampler>).sampler ?? new SequentialSampler(dataset);
    } else {
      const batchSize = o.batchSize === undefined ? 1 : o.batchSize === null ? null : checkPositiveInt(op, 'batchSize', o.batchSize);
      if (batchSize === null && (this.dropLast || o.collate !== undefined))
        throw new TorchTypeError(`${op}: batchSize: null (unbatched samples) is mutually exclusive with dropLast and collate`);
      this.batchSize = batchSize;
      this.sampler = o.sampler ?? (shuffle ? new RandomSampler(dataset, { generator: o.generator }) : new SequentialSampler(dataset));
      this.batchSampler = batchSize === null ? null : new BatchSampler(this.sampler, batchSize, this.dropLast);
    }
    this.collate = o.collate ?? null;
    this.usesBatchFastPath = this.batchSampler !== null && this.collate === null && typeof dataset.getBatch === 'function';
  }

  /** Batches per epoch (samples per epoch when unbatched). Throws when the sampler has no length. */
  get length(): number {
    const s = (this.batchSampler ?? this.sampler) as Partial<{ length: number }>;
    if (typeof s.length !== 'number') throw new TorchTypeError('DataLoader: the sampler has no length, so neither has the loader');
    return s.length;
  }

  /**
   * One batch from a list of dataset indices: what a loader worker will run. Uses the dataset's getBatch
   * when the collate is the default one, else getItem on each index and the collate.
   * @example
   * loader.fetchBatch([0, 1, 2]);
   */
  fetchBatch(indices: readonly number[]): B {
    if (this.usesBatchFastPath) return this.dataset.getBatch!(fromNumpy(BigInt64Array.from(indices, (i) => BigInt(i)))) as B;
    const samples = indices.map((i) => this.dataset.getItem(i));
    return this.collate ? this.collate(samples) : (defaultCollate(samples) as B);
  }

  *[Symbol.iterator](): Iterator<B> {
    if (this.batchSampler === null) {
      for (const i of this.sampler) yield this.dataset.getItem(i) as unknown as B;
      return;
    }
    for (const indices of this.batchSampler) yield this.fetchBatch(indices);
  }

  /** The same batches as the sync iterator; yields to the event loop between batches (timers, signals, I/O run). */
  async *[Symbol.asyncIterator](): AsyncIterator<B> {
    for (const batch of this) {
      yield batch;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}

