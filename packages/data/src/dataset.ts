/**
 * Map-style datasets (PyTorch's `torch.utils.data.Dataset` family): a dataset has a `length` and a
 * `getItem(index)`; it may also offer `getBatch(indices)` that builds a whole collated batch at once, which
 * the DataLoader prefers over `getItem` + collate (PyTorch's `__getitems__`).
 */
import { Generator, defaultGenerator, fromNumpy, randperm, Tensor, TorchSizeError, TorchTypeError } from '@torch/core';
import { checkOptions, checkIndex, describe } from './util';

/**
 * What the DataLoader needs from a dataset: `length` and `getItem`. Any object of this shape works;
 * extending {@link Dataset} is optional.
 */
export interface DatasetLike<T = unknown> {
  readonly length: number;
  getItem(index: number): T;
  /**
   * Optional fast path: the batch of `indices` (int64, 1-D) exactly as `defaultCollate` would build it from
   * `getItem` of each index. PyTorch's `__getitems__`, except that it returns the collated batch, so that
   * datasets held in tensors build a batch with one indexSelect instead of one view and one copy per sample.
   */
  getBatch?(indices: Tensor): unknown;
}

/**
 * Base class of map-style datasets. Subclasses implement `length` and `getItem`.
 * @example
 * class Squares extends data.Dataset<number> {
 *   get length() { return 10; }
 *   getItem(i: number) { return i * i; }
 * }
 */
export abstract class Dataset<T = unknown> implements DatasetLike<T> {
  abstract readonly length: number;
  abstract getItem(index: number): T;

  /** This dataset followed by `other`, as a {@link ConcatDataset}. @example const both = a.concat(b); */
  concat(other: DatasetLike<T>): ConcatDataset<T> {
    return new ConcatDataset([this, other]);
  }
}

/** Checks that `x` has a non-negative integer `length` and a `getItem` method. @internal */
export function checkDataset(op: string, x: unknown): asserts x is DatasetLike {
  if (x === null || typeof x !== 'object' || typeof (x as DatasetLike).getItem !== 'function')
    throw new TorchTypeError(`${op}: expected a dataset (an object with length and getItem(index)), got ${describe(x)}`);
  const n = (x as DatasetLike).length;
  if (!Number.isSafeInteger(n) || n < 0) throw new TorchTypeError(`${op}: the dataset's length must be a non-negative integer, got ${describe(n)}`);
}

/**
 * Wraps tensors of the same first size: sample i is the list of their i-th rows (views).
 * A batch is one indexSelect per tensor.
 * @example
 * const ds = new data.TensorDataset(torch.randn(100, 3), torch.arange(100));
 * const [x, y] = ds.getItem(0);       // x: [3], y: 0-dim int64
 */
export class TensorDataset extends Dataset<Tensor[]> {
  readonly tensors: readonly Tensor[];

  constructor(...tensors: Tensor[]) {
    super();
    const op = 'TensorDataset';
    if (tensors.length === 0) throw new TorchTypeError(`${op}: expected at least one tensor`);
    tensors.forEach((t, i) => {
      if (!(t instanceof Tensor)) throw new TorchTypeError(`${op}: argument ${i} must be a Tensor, got ${describe(t)}`);
      if (t.dim() === 0) throw new TorchSizeError(`${op}: argument ${i} is 0-dim; every tensor needs a first dimension to index`);
    });
    const n = tensors[0]!.shape[0]!;
    tensors.forEach((t, i) => {
      if (t.shape[0] !== n)
        throw new TorchSizeError(`${op}: size mismatch between tensors: tensor 0 has ${n} rows, tensor ${i} has size [${t.shape.join(', ')}]`);
    });
    this.tensors = tensors;
  }

  get length(): number {
    return this.tensors[0]!.shape[0]!;
  }

  /** The i-th row of every tensor (views, not copies). @example ds.getItem(3) */
  getItem(index: number): Tensor[] {
    const i = checkIndex('TensorDataset.getItem', index, this.length);
    return this.tensors.map((t) => t.select(0, i));
  }

  /** Rows `indices` of every tensor, one indexSelect each. @example ds.getBatch(torch.tensor([0, 5])) */
  getBatch(indices: Tensor): Tensor[] {
    return this.tensors.map((t) => t.indexSelect(0, indices));
  }
}

/**
 * Several datasets one after the other. Index i goes to the dataset whose range holds it (binary search).
 * @example
 * const all = new data.ConcatDataset([trainA, trainB]);
 * all.length === trainA.length + trainB.length;
 */
export class ConcatDataset<T = unknown> extends Dataset<T> {
  readonly datasets: readonly DatasetLike<T>[];
  /** cumulativeSizes[k] = total length of datasets 0..k. */
  readonly cumulativeSizes: readonly number[];

  constructor(datasets: readonly DatasetLike<T>[]) {
    super();
    const op = 'ConcatDataset';
    if (!Array.isArray(datasets) || datasets.length === 0) throw new TorchTypeError(`${op}: expected a non-empty array of datasets, got ${describe(datasets)}`);
    let total = 0;
    this.cumulativeSizes = datasets.map((d) => {
      checkDataset(op, d);
      return (total += d.length);
    });
    this.datasets = datasets.slice();
  }

  get length(): number {
    return this.cumulativeSizes[this.cumulativeSizes.length - 1]!;
  }

  /** Item `index` of the concatenation (negative counts from the end). @example all.getItem(-1) */
  getItem(index: number): T {
    const i = checkIndex('ConcatDataset.getItem', index, this.length);
    let lo = 0, hi = this.cumulativeSizes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulativeSizes[mid]! > i) hi = mid;
      else lo = mid + 1;
    }
    const start = lo === 0 ? 0 : this.cumulativeSizes[lo - 1]!;
    return this.datasets[lo]!.getItem(i - start);
  }
}

/**
 * The items of `dataset` at `indices`, in that order.
 * @example
 * const firstTen = new data.Subset(ds, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
 */
export class Subset<T = unknown> extends Dataset<T> {
  readonly dataset: DatasetLike<T>;
  readonly indices: readonly number[];

  constructor(dataset: DatasetLike<T>, indices: readonly number[]) {
    super();
    const op = 'Subset';
    checkDataset(op, dataset);
    if (!Array.isArray(indices)) throw new TorchTypeError(`${op}: indices must be an array of integers, got ${describe(indices)}`);
    this.indices = indices.map((j) => checkIndex(op, j, dataset.length));
    this.dataset = dataset;
  }

  get length(): number {
    return this.indices.length;
  }

  /** Item `indices[index]` of the wrapped dataset. @example sub.getItem(0) */
  getItem(index: number): T {
    return this.dataset.getItem(this.indices[checkIndex('Subset.getItem', index, this.length)]!);
  }

  /**
   * The wrapped dataset's batch fast path, with the batch's indices mapped through this subset's, or
   * undefined when the wrapped dataset has none (then the loader falls back to getItem + collate).
   */
  get getBatch(): ((indices: Tensor) => unknown) | undefined {
    const inner = this.dataset.getBatch;
    if (typeof inner !== 'function') return undefined;
    return (indices: Tensor) => inner.call(this.dataset, indexArray(this.indices).indexSelect(0, indices));
  }
}

const indexCache = new WeakMap<readonly number[], Tensor>();
/** The indices as an int64 tensor, built once per array. */
function indexArray(indices: readonly number[]): Tensor {
  let t = indexCache.get(indices);
  if (!t) {
    t = fromNumpy(BigInt64Array.from(indices, (i) => BigInt(i)));
    indexCache.set(indices, t);
  }
  return t;
}

/** Options of {@link randomSplit}. */
export interface RandomSplitOptions {
  /** Generator for the permutation (default: torch's default generator). */
  generator?: Generator;
}

/**
 * Splits a dataset into non-overlapping random subsets of the given lengths. Lengths are either counts that
 * add up to the dataset's length, or fractions that add up to 1 (then the remainder after flooring is
 * handed out one by one, round-robin from the first subset, as PyTorch does).
 * @example
 * const [train, val] = data.randomSplit(ds, [0.8, 0.2], { generator: new torch.Generator().manualSeed(0) });
 */
export function randomSplit<T>(dataset: DatasetLike<T>, lengths: readonly number[], options?: RandomSplitOptions): Subset<T>[] {
  const op = 'randomSplit';
  checkDataset(op, dataset);
  checkOptions(op, options, ['generator']);
  if (!Array.isArray(lengths) || lengths.length === 0) throw new TorchTypeError(`${op}: lengths must be a non-empty array, got ${describe(lengths)}`);
  const n = dataset.length;
  let counts = lengths.slice();
  const sum = counts.reduce((a, b) => a + b, 0);
  if (counts.every((x) => typeof x === 'number' && x >= 0 && x <= 1) && Math.abs(sum - 1) < 1e-9 && sum !== n) {
    counts = lengths.map((f) => Math.floor(n * f));
    let rest = n - counts.reduce((a, b) => a + b, 0);
    for (let i = 0; rest > 0; i = (i + 1) % counts.length, rest--) counts[i]!++;
  }
  counts.forEach((c) => {
    if (!Number.isSafeInteger(c) || c < 0) throw new TorchTypeError(`${op}: lengths must be non-negative integers or fractions summing to 1, got [${lengths.join(', ')}]`);
  });
  if (counts.reduce((a, b) => a + b, 0) !== n)
    throw new TorchSizeError(`${op}: sum of input lengths [${lengths.join(', ')}] does not equal the length of the input dataset (${n})`);
  const perm = Array.from(randperm(n, { generator: options?.generator ?? defaultGenerator }).toTypedArray() as BigInt64Array, Number);
  let start = 0;
  return counts.map((c) => new Subset(dataset, perm.slice(start, (start += c))));
}

