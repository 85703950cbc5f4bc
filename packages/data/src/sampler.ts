/**
 * Samplers (PyTorch's `torch.utils.data.Sampler` family): iterables of dataset indices, and BatchSampler,
 * which groups them into lists. Random samplers draw from a `torch.Generator` (the default generator when
 * none is given), so `torch.manualSeed` or a seeded Generator makes every epoch's order reproducible.
 */
import { Generator, defaultGenerator, float64, multinomial, randint, randperm, Tensor, tensor, TorchSizeError, TorchTypeError } from '@torch/core';
import { checkBool, checkOptions, checkPositiveInt, describe } from './util';

/** An iterable of indices with a known count. */
export interface Sampler<T = number> extends Iterable<T> {
  /** How many items one pass yields. */
  readonly length: number;
}

/** Anything with a length: a dataset, an array. */
interface Sized {
  readonly length: number;
}

function checkSized(op: string, x: unknown): number {
  const n = (x as Sized | null)?.length;
  if (!Number.isSafeInteger(n) || n! < 0) throw new TorchTypeError(`${op}: expected a data source with a non-negative integer length, got ${describe(x)}`);
  return n!;
}

function checkGenerator(op: string, g: unknown): Generator {
  if (g === undefined) return defaultGenerator;
  if (!(g instanceof Generator)) throw new TorchTypeError(`${op}: generator must be a torch.Generator, got ${describe(g)}`);
  return g;
}

/** An int64 tensor's elements as numbers (indices are far below 2^53). */
function numbers(t: Tensor): number[] {
  return Array.from(t.toTypedArray() as BigInt64Array, Number);
}

/**
 * 0, 1, ..., n-1 in order.
 * @example
 * [...new data.SequentialSampler(ds)];   // [0, 1, 2, ...]
 */
export class SequentialSampler implements Sampler {
  private readonly source: Sized;

  constructor(dataSource: Sized) {
    checkSized('SequentialSampler', dataSource);
    this.source = dataSource;
  }

  get length(): number {
    return this.source.length;
  }

  *[Symbol.iterator](): Iterator<number> {
    for (let i = 0, n = this.length; i < n; i++) yield i;
  }
}

/** Options of {@link RandomSampler}. */
export interface RandomSamplerOptions {
  /** Draw with replacement (default false: a permutation, repeated when numSamples exceeds the length). */
  replacement?: boolean;
  /** How many indices per pass (default: the data source's length). */
  numSamples?: number;
  /** Generator to draw from (default: torch's default generator). */
  generator?: Generator;
}

/**
 * Indices in random order: a fresh permutation each pass, or draws with replacement.
 * @example
 * const s = new data.RandomSampler(ds, { generator: new torch.Generator().manualSeed(0) });
 * [...s];   // a permutation of 0..ds.length-1, the same for the same seed
 */
export class RandomSampler implements Sampler {
  readonly replacement: boolean;
  readonly generator: Generator;
  private readonly source: Sized;
  private readonly fixedNumSamples: number | undefined;

  constructor(dataSource: Sized, options?: RandomSamplerOptions) {
    const op = 'RandomSampler';
    checkSized(op, dataSource);
    checkOptions(op, options, ['replacement', 'numSamples', 'generator']);
    this.source = dataSource;
    this.replacement = options?.replacement === undefined ? false : checkBool(op, 'replacement', options.replacement);
    this.fixedNumSamples = options?.numSamples === undefined ? undefined : checkPositiveInt(op, 'numSamples', options.numSamples);
    this.generator = checkGenerator(op, options?.generator);
  }

  /** numSamples, or the data source's current length. */
  get length(): number {
    return this.fixedNumSamples ?? this.source.length;
  }

  *[Symbol.iterator](): Iterator<number> {
    const n = this.source.length, total = this.length;
    if (total === 0) return;
    if (n === 0) throw new TorchSizeError(`RandomSampler: cannot draw ${total} samples from an empty data source`);
    if (this.replacement) {
      yield* numbers(randint(n, [total], { generator: this.generator }));
      return;
    }
    for (let left = total; left > 0; left -= n) {
      const perm = numbers(randperm(n, { generator: this.generator }));
      yield* left >= n ? perm : perm.slice(0, left);
    }
  }
}

/** Options of {@link SubsetRandomSampler}. */
export interface SubsetRandomSamplerOptions {
  /** Generator to draw from (default: torch's default generator). */
  generator?: Generator;
}

/**
 * The given indices in a fresh random order each pass.
 * @example
 * const val = new data.SubsetRandomSampler([0, 5, 9]);
 */
export class SubsetRandomSampler implements Sampler {
  readonly indices: readonly number[];
  readonly generator: Generator;

  constructor(indices: readonly number[], options?: SubsetRandomSamplerOptions) {
    const op = 'SubsetRandomSampler';
    checkOptions(op, options, ['generator']);
    if (!Array.isArray(indices) || indices.some((i) => !Number.isSafeInteger(i) || i < 0))
      throw new TorchTypeError(`${op}: indices must be an array of non-negative integers, got ${describe(indices)}`);
    this.indices = indices.slice();
    this.generator = checkGenerator(op, options?.generator);
  }

  get length(): number {
    return this.indices.length;
  }

  *[Symbol.iterator](): Iterator<number> {
    if (this.indices.length === 0) return;
    for (const k of numbers(randperm(this.indices.length, { generator: this.generator }))) yield this.indices[k]!;
  }
}

/** Options of {@link WeightedRandomSampler}. */
export interface WeightedRandomSamplerOptions {
  /** Draw with replacement (default true); without it numSamples may not exceed the number of weights. */
  replacement?: boolean;
  /** Generator to draw from (default: torch's default generator). */
  generator?: Generator;
}

/**
 * Indices 0..weights.length-1 drawn with probability proportional to their weights (torch.multinomial).
 * @example
 * // class-balanced sampling: weight each sample by 1 / (size of its class)
 * const s = new data.WeightedRandomSampler([0.1, 0.9, 0.4], 100);
 */
export class WeightedRandomSampler implements Sampler {
  readonly weights: Tensor;
  readonly numSamples: number;
  readonly replacement: boolean;
  readonly generator: Generator;

  constructor(weights: readonly number[] | Tensor, numSamples: number, options?: WeightedRandomSamplerOptions) {
    const op = 'WeightedRandomSampler';
    checkOptions(op, options, ['replacement', 'generator']);
    const w = weights instanceof Tensor ? weights.to(float64) : Array.isArray(weights) ? tensor(weights as number[], { dtype: float64 }) : undefined;
    if (!w || w.dim() !== 1) throw new TorchTypeError(`${op}: weights must be a 1-D array or tensor of numbers, got ${describe(weights)}`);
    if (w.numel() === 0) throw new TorchSizeError(`${op}: weights must not be empty`);
    this.weights = w;
    this.numSamples = checkPositiveInt(op, 'numSamples', numSamples);
    this.replacement = options?.replacement === undefined ? true : checkBool(op, 'replacement', options.replacement);
    if (!this.replacement && numSamples > w.numel())
      throw new TorchSizeError(`${op}: cannot draw numSamples=${numSamples} > ${w.numel()} weights without replacement`);
    this.generator = checkGenerator(op, options?.generator);
  }

  get length(): number {
    return this.numSamples;
  }

  *[Symbol.iterator](): Iterator<number> {
    yield* numbers(multinomial(this.weights, this.numSamples, { replacement: this.replacement, generator: this.generator }));
  }
}

/**
 * Groups another sampler's indices into lists of `batchSize`; the last one is shorter unless `dropLast`.
 * @example
 * [...new data.BatchSampler(new data.SequentialSampler(range10), 4, false)];  // [[0,1,2,3],[4,5,6,7],[8,9]]
 */
export class BatchSampler implements Sampler<number[]> {
  readonly sampler: Iterable<number> & Partial<Sized>;
  readonly batchSize: number;
  readonly dropLast: boolean;

  constructor(sampler: Iterable<number> & Partial<Sized>, batchSize: number, dropLast: boolean) {
    const op = 'BatchSampler';
    if (sampler === null || typeof (sampler as Iterable<number>)?.[Symbol.iterator] !== 'function')
      throw new TorchTypeError(`${op}: sampler must be an iterable of indices, got ${describe(sampler)}`);
    this.sampler = sampler;
    this.batchSize = checkPositiveInt(op, 'batchSize', batchSize);
    this.dropLast = checkBool(op, 'dropLast', dropLast);
  }

  /** The number of batches per pass. Throws when the sampler has no length. */
  get length(): number {
    const n = this.sampler.length;
    if (n === undefined) throw new TorchTypeError('BatchSampler: the sampler has no length, so neither has the batch sampler');
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  *[Symbol.iterator](): Iterator<number[]> {
    let batch: number[] = [];
    for (const i of this.sampler) {
      batch.push(i);
      if (batch.length === this.batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0 && !this.dropLast) yield batch;
  }
}
