/**
 * Sorting and selection: sort, argsort, topk, kthvalue, median, mode, unique. Every op runs in the
 * native sort kernels (native/src/kernels/sort.cc), for every dtype, along any dim of any strided input.
 *
 * Order (see docs/sort.md): NaN sorts as the largest value (last ascending, first descending), -0 and
 * +0 are equal, and ties keep their positions' order, so the result is always the stable one:
 * `stable: false` gives the same (valid) answer as `stable: true`.
 */
import { int64, type DType } from '../dtype';
import { fmtSize, TorchIndexError, TorchSizeError, TorchTypeError } from '../errors';
import { meta } from '../native';
import { dataDependent } from '../backend/meta';
import { normDim, numelOf, sameShape } from '../shape';
import { checkTensor, describe, emptyTensor, isContiguous, makeTensor, type Tensor } from '../tensor';
import { clone, copyInto } from './copy';
import { uniqueDim } from './unique-dim';
import { namedTuple } from './named-tuple';

// ---------------------------------------------------------------- result and option types

/**
 * A `(values, indices)` pair, as PyTorch's named tuples: read the fields or destructure it.
 * @example
 * const { values, indices } = torch.tensor([3, 1, 2]).sort();
 * const [v, i] = torch.tensor([3, 1, 2]).sort();
 */
export interface ValuesIndices extends Iterable<Tensor> {
  /** The selected or sorted values (the input's dtype). */
  readonly values: Tensor;
  /** Their positions along the dim (int64). */
  readonly indices: Tensor;
}

/** Output tensors for ops returning values and indices: `{ values, indices }` or `[values, indices]`. */
export type ValuesIndicesOut = { values: Tensor; indices: Tensor } | readonly [Tensor, Tensor];

/** Options of sort. */
export interface SortOptions {
  /** The dim to sort along (default -1). */
  dim?: number;
  /** Largest first (default false). NaN comes first when descending. */
  descending?: boolean;
  /** Keep the order of equal elements (default false; the result is always stable here). */
  stable?: boolean;
  /** Tensors to write into: values of the input's dtype, indices int64 (resized when empty). */
  out?: ValuesIndicesOut;
}
/** Options of argsort. */
export type ArgsortOptions = Omit<SortOptions, 'out'>;
/** Options of topk. */
export interface TopkOptions {
  /** The dim to select along (default -1). */
  dim?: number;
  /** The k largest (default true) or the k smallest. */
  largest?: boolean;
  /** Return them in sorted order (default true; they are always sorted here). */
  sorted?: boolean;
  /** Tensors to write into. */
  out?: ValuesIndicesOut;
}
/** Options of the reductions kthvalue, median and mode. */
export interface ReduceDimOptions {
  /** The dim to reduce (default -1). */
  dim?: number;
  /** Keep the reduced dim with size 1 (default false). */
  keepdim?: boolean;
  /** Tensors to write into. */
  out?: ValuesIndicesOut;
}
/** Options of unique. */
export interface UniqueOptions {
  /** Ascending order (default true). The result is always sorted here (PyTorch leaves the order unspecified for false). */
  sorted?: boolean;
  /** Also return, for each input element, the position of its value in the result (shaped like the input). */
  returnInverse?: boolean;
  /** Also return how often each unique value occurs. */
  returnCounts?: boolean;
  /**
   * Unique slices along this dim instead of unique elements: the distinct slices in lexicographic order;
   * `inverse` and `counts` are then 1-D over the dim. Slices holding NaN are never merged (NaN != NaN).
   */
  dim?: number;
}
/** What unique returns when returnInverse or returnCounts is set; destructures like PyTorch's tuple. */
export interface UniqueResult extends Iterable<Tensor> {
  /** The unique values, ascending (1-D; with `dim`, the unique slices stacked along that dim). */
  readonly values: Tensor;
  /** With returnInverse: each element's (with `dim`, each slice's) position in values; int64, the input's shape (with `dim`, 1-D). */
  readonly inverse?: Tensor;
  /** With returnCounts: occurrences of each unique value (int64). */
  readonly counts?: Tensor;
}

// ---------------------------------------------------------------- helpers

const enum Kind {
  Sort = 0,
  TopK = 1,
  KthValue = 2,
  Median = 3,
  Mode = 4,
}

/** `f(dim, options)` or `f(options)`. */
function withDim<O extends { dim?: number }>(op: string, a: number | O | undefined, b: O | undefined): O {
  if (a === undefined || a === null) return (b ?? {}) as O;
  if (typeof a === 'number') return { ...(b ?? ({} as O)), dim: a };
  if (typeof a !== 'object') throw new TorchTypeError(`${op}: expected a dim or an options object, got ${describe(a)}`);
  return a;
}

function checkInteger(op: string, name: string, v: unknown): asserts v is number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new TorchTypeError(`${op}: ${name} must be an integer, got ${describe(v)}`);
}

function resolveDim(op: string, self: Tensor, dim: number | undefined): number {
  const d = dim ?? -1;
  checkInteger(op, 'dim', d);
  return normDim(op, d, self.shape.length);
}

function outPair(op: string, out: ValuesIndicesOut): [Tensor, Tensor] {
  const pair: [unknown, unknown] = Array.isArray(out) ? [out[0], out[1]] : [(out as { values: Tensor }).values, (out as { indices: Tensor }).indices];
  checkTensor(op, pair[0], 'out values');
  checkTensor(op, pair[1], 'out indices');
  return pair as [Tensor, Tensor];
}

/** Checks an out tensor against the result's shape and dtype (before anything is written). */
function checkOut(op: string, name: string, out: Tensor, shape: readonly number[], dtype: DType): void {
  if (out.dtype !== dtype) throw new TorchTypeError(`${op}: expected out ${name} to have dtype ${dtype}, got ${out.dtype}`);
  if (!sameShape(out.shape, shape) && out.numel() !== 0)
    throw new TorchSizeError(`${op}: out ${name} has size ${fmtSize(out.shape)} but the result has size ${fmtSize(shape)}`);
  for (let d = 0; d < out.shape.length; d++)
    if (out.shape[d]! > 1 && out._strides[d] === 0 && sameShape(out.shape, shape))
      throw new TorchSizeError(`${op}: out ${name} is expanded (stride 0 in dimension ${d}); it must not overlap itself`);
}

/**
 * Runs one native sort-family call over `self` (at least 1-D) along `dim`, writing the outputs (whose
 * size along dim is the op's output length) given with their strides including `dim`.
 */
function launch(kind: Kind, self: Tensor, dim: number, k: number, descending: boolean, values: Tensor | null, valStrides: readonly number[], indices: Tensor | null, idxStrides: readonly number[]): void {
  const nd = self.shape.length;
  meta[0] = kind;
  meta[1] = self.dtype.code;
  meta[2] = nd;
  meta[3] = dim;
  meta[4] = k;
  meta[5] = descending ? 1 : 0;
  meta[6] = self._offset;
  meta[7] = values ? values._offset : 0;
  meta[8] = indices ? indices._offset : 0;
  const base = 9;
  for (let d = 0; d < nd; d++) {
    meta[base + d] = self.shape[d]!;
    meta[base + nd + d] = self._strides[d]!;
    meta[base + 2 * nd + d] = values ? valStrides[d]! : 0;
    meta[base + 3 * nd + d] = indices ? idxStrides[d]! : 0;
  }
  self._storage.backend.sort(self._storage, values ? values._storage : null, indices ? indices._storage : null);
}

/** Strides of `t` (of `shape` without dim when !keepdim) as the kernel sees them, dim included. */
function stridesWithDim(t: Tensor, dim: number, reducedAway: boolean): number[] {
  if (!reducedAway) return t._strides.slice();
  const s = t._strides.slice();
  s.splice(dim, 0, 0);
  return s;
}

/**
 * The common driver: validates `out`, allocates, runs the kernel and returns values and indices.
 * `outLen` is the result's size along dim; `reduce` drops dim unless keepdim (kthvalue/median/mode).
 * A 0-dim input is treated as a 1-element 1-D one and gives 0-dim results.
 */
function run(op: string, kind: Kind, self: Tensor, dim: number, k: number, descending: boolean, outLen: number, reduce: boolean, keepdim: boolean, out: ValuesIndicesOut | undefined, wantValues = true): ValuesIndices {
  const zeroDim = self.shape.length === 0;
  const x = zeroDim ? makeTensor(self._storage, self._offset, [1], [1]) : self;
  const fullShape = x.shape.slice();
  fullShape[dim] = outLen;
  let shape: number[] = fullShape;
  if (zeroDim) shape = [];
  else if (reduce && !keepdim) shape = fullShape.filter((_, d) => d !== dim);
  const squeezed = zeroDim || (reduce && !keepdim);
  let outV: Tensor | undefined, outI: Tensor | undefined;
  if (out !== undefined) {
    [outV, outI] = outPair(op, out);
    checkOut(op, 'values', outV, shape, self.dtype);
    checkOut(op, 'indices', outI, shape, int64);
    if (outV._storage === outI._storage) throw new TorchSizeError(`${op}: out values and out indices must not share memory`);
  }
  // Write straight into out unless it shares memory with the input (then through fresh tensors).
  const direct = out !== undefined && outV!._storage !== self._storage && outI!._storage !== self._storage;
  if (out !== undefined) {
    if (!sameShape(outV!.shape, shape)) outV!.resize_(shape);
    if (!sameShape(outI!.shape, shape)) outI!.resize_(shape);
  }
  const values = direct ? outV! : wantValues ? emptyTensor(shape, self.dtype, self._storage.backend) : null;
  const indices = direct ? outI! : emptyTensor(shape, int64, self._storage.backend);
  if (numelOf(fullShape) !== 0) {
    const vs = values ? (zeroDim ? [1] : stridesWithDim(values, dim, squeezed)) : [];
    const is = zeroDim ? [1] : stridesWithDim(indices, dim, squeezed);
    if (direct) {
      outV!._storage.version++;
      outI!._storage.version++;
    }
    launch(kind, x, dim, k, descending, values, vs, indices, is);
  }
  if (out !== undefined && !direct) {
    copyInto(outV!, values!);
    copyInto(outI!, indices);
    return namedTuple({ values: outV!, indices: outI! });
  }
  return namedTuple({ values: values ?? indices, indices });
}

// ---------------------------------------------------------------- ops

/**
 * Sorts along a dim (default the last), ascending unless `descending`; returns the sorted values and
 * their original positions. NaN counts as the largest value; equal elements keep their order.
 * @example
 * const { values, indices } = torch.sort(torch.tensor([3, 1, 2]));   // [1, 2, 3], [1, 2, 0]
 * torch.sort(torch.randn(4, 5), 0, { descending: true });             // along dim 0
 * torch.sort(x, { dim: 0, stable: true, out: [v, i] });
 */
export function sort(self: Tensor, dim?: number | SortOptions, options?: SortOptions): ValuesIndices {
  checkTensor('sort', self, 'self');
  const o = withDim('sort', dim, options);
  const d = resolveDim('sort', self, o.dim);
  const n = self.shape.length === 0 ? 1 : self.shape[d]!;
  return run('sort', Kind.Sort, self, d, 0, !!o.descending, n, false, false, o.out);
}

/**
 * The indices that sort a dim (the `indices` of sort, without the values).
 * @example
 * torch.argsort(torch.tensor([3, 1, 2]));                       // [1, 2, 0]
 * torch.argsort(torch.tensor([[3, 1], [0, 2]]), 0, { descending: true });
 */
export function argsort(self: Tensor, dim?: number | ArgsortOptions, options?: ArgsortOptions): Tensor {
  checkTensor('argsort', self, 'self');
  const o = withDim('argsort', dim, options);
  const d = resolveDim('argsort', self, o.dim);
  const n = self.shape.length === 0 ? 1 : self.shape[d]!;
  return run('argsort', Kind.Sort, self, d, 0, !!o.descending, n, false, false, undefined, false).indices;
}

/**
 * The k largest (or, with `largest: false`, smallest) elements along a dim and their indices, in
 * sorted order (largest first, or smallest first). NaN counts as the largest value; among equal
 * elements the lower index is taken first. Selects without sorting the whole dim.
 * @example
 * const { values, indices } = torch.topk(torch.tensor([1, 5, 3, 4]), 2);  // [5, 4], [1, 3]
 * torch.topk(x, 3, { dim: 0, largest: false });
 */
export function topk(self: Tensor, k: number, dim?: number | TopkOptions, options?: TopkOptions): ValuesIndices {
  checkTensor('topk', self, 'self');
  checkInteger('topk', 'k', k);
  const o = withDim('topk', dim, options);
  const d = resolveDim('topk', self, o.dim);
  const n = self.shape.length === 0 ? 1 : self.shape[d]!;
  if (k < 0 || k > n) throw new TorchIndexError(`topk: k (${k}) is out of range for dimension ${d} of size ${n} (expected 0 <= k <= ${n})`);
  // A 0-dim tensor gives itself for k = 0 as well, as PyTorch.
  const kk = self.shape.length === 0 ? 1 : k;
  return run('topk', Kind.TopK, self, d, kk, o.largest ?? true, kk, false, false, o.out);
}

/**
 * The k-th smallest element along a dim and its index. **k is 1-based, as in PyTorch**: k = 1 is the
 * minimum, k = size the maximum (NaN counts as the largest value). The dim is removed unless keepdim.
 * Among equal elements, which index is returned is unspecified (as in PyTorch).
 * @example
 * torch.kthvalue(torch.tensor([5, 1, 4]), 2);                    // values 4, indices 2
 * torch.kthvalue(torch.randn(3, 4), 1, 0, { keepdim: true });    // column minima, size [1, 4]
 */
export function kthvalue(self: Tensor, k: number, dim?: number | ReduceDimOptions, options?: ReduceDimOptions): ValuesIndices {
  checkTensor('kthvalue', self, 'self');
  checkInteger('kthvalue', 'k', k);
  const o = withDim('kthvalue', dim, options);
  const d = resolveDim('kthvalue', self, o.dim);
  const n = self.shape.length === 0 ? 1 : self.shape[d]!;
  if (n === 0) throw new TorchIndexError(`kthvalue: expected reduction dim ${d} to have non-zero size, got size ${fmtSize(self.shape)}`);
  if (k < 1 || k > n) throw new TorchIndexError(`kthvalue: k (${k}) is out of range for dimension ${d} of size ${n} (k is 1-based: expected 1 <= k <= ${n})`);
  return run('kthvalue', Kind.KthValue, self, d, k - 1, false, 1, true, !!o.keepdim, o.out);
}

/**
 * Median. Without a dim: the lower median of all elements as a 0-dim tensor (NaN if any element is
 * NaN; NaN for an empty float tensor). With a dim: values and indices along it (the lower median of an
 * even count; a row holding NaN gives its first NaN), the dim removed unless keepdim.
 * @example
 * torch.median(torch.tensor([1, 4, 2, 3]));                 // 2 (0-dim)
 * const { values, indices } = torch.median(x, 1, { keepdim: true });
 */
export function median(self: Tensor): Tensor;
export function median(self: Tensor, dim: number, options?: ReduceDimOptions): ValuesIndices;
export function median(self: Tensor, options: ReduceDimOptions & { dim: number }): ValuesIndices;
export function median(self: Tensor, dim?: number | ReduceDimOptions, options?: ReduceDimOptions): Tensor | ValuesIndices {
  checkTensor('median', self, 'self');
  const o = withDim('median', dim, options);
  if (o.dim === undefined) {
    if (options?.out !== undefined || o.out !== undefined) throw new TorchTypeError('median: out needs a dim (median of all elements has no out)');
    const n = self.numel();
    if (n === 0) {
      if (!self.dtype.isFloatingPoint)
        throw new TorchIndexError(`median: the median of an empty ${self.dtype} tensor is undefined (size ${fmtSize(self.shape)})`);
      const r = emptyTensor([], self.dtype, self._storage.backend);
      copyInto(r, NaN);
      return r;
    }
    const flat = isContiguous(self) ? makeTensor(self._storage, self._offset, [n], [1]) : clone(self).view(n);
    const r = run('median', Kind.Median, flat, 0, 0, false, 1, true, false, undefined).values;
    return r;
  }
  const d = resolveDim('median', self, o.dim);
  const n = self.shape.length === 0 ? 1 : self.shape[d]!;
  if (n === 0) throw new TorchIndexError(`median: expected reduction dim ${d} to have non-zero size, got size ${fmtSize(self.shape)}`);
  return run('median', Kind.Median, self, d, 0, false, 1, true, !!o.keepdim, o.out);
}

/**
 * The most frequent value along a dim (default the last) and an index where it occurs: the smallest
 * of the most frequent values (as PyTorch), at its last position. Every NaN counts as its own value.
 * @example
 * const { values, indices } = torch.mode(torch.tensor([3, 1, 3, 1, 2]));  // 1, 3
 * torch.mode(x, 0, { keepdim: true });
 */
export function mode(self: Tensor, dim?: number | ReduceDimOptions, options?: ReduceDimOptions): ValuesIndices {
  checkTensor('mode', self, 'self');
  const o = withDim('mode', dim, options);
  const d = resolveDim('mode', self, o.dim);
  const n = self.shape.length === 0 ? 1 : self.shape[d]!;
  if (n === 0) throw new TorchIndexError(`mode: expected reduction dim ${d} to have non-zero size, got size ${fmtSize(self.shape)}`);
  return run('mode', Kind.Mode, self, d, 0, false, 1, true, !!o.keepdim, o.out);
}

/**
 * The unique elements of the flattened input, ascending (-0 and +0 are one value; every NaN is its
 * own value, last). With returnInverse / returnCounts it returns `{ values, inverse, counts }`, which
 * destructures like PyTorch's tuple (only the requested tensors, in that order).
 * @example
 * torch.unique(torch.tensor([3, 1, 3, 2]));   // [1, 2, 3]
 * const [values, inverse, counts] = torch.unique(x, { returnInverse: true, returnCounts: true });
 */
export function unique(self: Tensor, options?: UniqueOptions & { returnInverse?: false; returnCounts?: false }): Tensor;
export function unique(self: Tensor, options: UniqueOptions & ({ returnInverse: true } | { returnCounts: true })): UniqueResult;
export function unique(self: Tensor, options?: UniqueOptions): Tensor | UniqueResult;
export function unique(self: Tensor, options?: UniqueOptions): Tensor | UniqueResult {
  checkTensor('unique', self, 'self');
  if (options !== undefined && (typeof options !== 'object' || options === null))
    throw new TorchTypeError(`unique: expected an options object, got ${describe(options)}`);
  const wantInverse = !!options?.returnInverse, wantCounts = !!options?.returnCounts;
  if (self.isMeta) throw dataDependent('unique');
  if (options?.dim !== undefined) {
    if (self.shape.length === 0) throw new TorchIndexError('unique: dim was given but the input is 0-dim');
    const r = uniqueDim(self, normDim('unique', options.dim, self.shape.length));
    return wantInverse || wantCounts ? uniqueResult(r.values, wantInverse ? r.inverse : undefined, wantCounts ? r.counts : undefined) : r.values;
  }
  const n = self.numel();
  const src = isContiguous(self) ? self : clone(self);
  const values = emptyTensor([n], self.dtype);
  const inverse = wantInverse ? emptyTensor(self.shape, int64) : null;
  const counts = wantCounts ? emptyTensor([n], int64) : null;
  let count = 0;
  if (n > 0) {
    meta[0] = self.dtype.code;
    meta[1] = n;
    meta[2] = src._offset;
    count = src._storage.backend.unique(src._storage, values._storage, inverse ? inverse._storage : null, counts ? counts._storage : null);
  }
  const exact = (t: Tensor): Tensor => (count === n ? t : clone(makeTensor(t._storage, 0, [count], [1])));
  const v = exact(values);
  if (!wantInverse && !wantCounts) return v;
  return uniqueResult(v, inverse ?? undefined, counts ? exact(counts) : undefined);
}

function uniqueResult(values: Tensor, inverse: Tensor | undefined, counts: Tensor | undefined): UniqueResult {
  return {
    values,
    inverse,
    counts,
    *[Symbol.iterator]() {
      yield values;
      if (inverse) yield inverse;
      if (counts) yield counts;
    },
  };
}

// ---------------------------------------------------------------- methods

/** The sorting and selection methods of Tensor. */
export interface SortMethods {
  /**
   * Sorts along a dim (default -1); see torch.sort.
   * @example
   * const { values, indices } = torch.tensor([3, 1, 2]).sort();
   * x.sort(0, { descending: true });
   */
  sort(dim?: number | SortOptions, options?: SortOptions): ValuesIndices;
  /** PyTorch's positional descending: `x.sort(0, true)`. */
  sort(dim: number, descending: boolean, options?: Omit<SortOptions, 'dim' | 'descending'>): ValuesIndices;
  /**
   * Indices that sort a dim; see torch.argsort.
   * @example torch.tensor([3, 1, 2]).argsort() // [1, 2, 0]
   */
  argsort(dim?: number | ArgsortOptions, options?: ArgsortOptions): Tensor;
  /** PyTorch's positional descending: `x.argsort(0, true)`. */
  argsort(dim: number, descending: boolean, options?: Omit<ArgsortOptions, 'dim' | 'descending'>): Tensor;
  /**
   * The k largest (or smallest) elements along a dim; see torch.topk.
   * @example x.topk(3, { dim: 0, largest: false })
   */
  topk(k: number, dim?: number | TopkOptions, options?: TopkOptions): ValuesIndices;
  /** PyTorch's positional largest and sorted: `x.topk(3, 0, false)`. */
  topk(k: number, dim: number, largest: boolean, sorted?: boolean, options?: Omit<TopkOptions, 'dim' | 'largest' | 'sorted'>): ValuesIndices;
  /**
   * The k-th smallest element along a dim, **k 1-based** as in PyTorch; see torch.kthvalue.
   * @example torch.tensor([5, 1, 4]).kthvalue(2).values // 4
   */
  kthvalue(k: number, dim?: number | ReduceDimOptions, options?: ReduceDimOptions): ValuesIndices;
  /** PyTorch's positional keepdim: `x.kthvalue(2, 0, true)`. */
  kthvalue(k: number, dim: number, keepdim: boolean, options?: Omit<ReduceDimOptions, 'dim' | 'keepdim'>): ValuesIndices;
  /**
   * Lower median of all elements (0-dim), or values and indices along a dim; see torch.median.
   * @example
   * torch.tensor([1, 4, 2, 3]).median();   // 2
   * x.median(1).indices;
   */
  median(): Tensor;
  median(dim: number, options?: ReduceDimOptions): ValuesIndices;
  median(dim: number, keepdim: boolean, options?: Omit<ReduceDimOptions, 'dim' | 'keepdim'>): ValuesIndices;
  median(options: ReduceDimOptions & { dim: number }): ValuesIndices;
  /**
   * Most frequent value along a dim (default -1); see torch.mode.
   * @example torch.tensor([3, 1, 3, 1, 2]).mode().values // 1
   */
  mode(dim?: number | ReduceDimOptions, options?: ReduceDimOptions): ValuesIndices;
  /** PyTorch's positional keepdim: `x.mode(0, true)`. */
  mode(dim: number, keepdim: boolean, options?: Omit<ReduceDimOptions, 'dim' | 'keepdim'>): ValuesIndices;
  /**
   * Unique elements, ascending; see torch.unique.
   * @example
   * torch.tensor([3, 1, 3]).unique();                           // [1, 3]
   * const { values, counts } = x.unique({ returnCounts: true });
   */
  unique(options?: UniqueOptions & { returnInverse?: false; returnCounts?: false }): Tensor;
  unique(options: UniqueOptions & ({ returnInverse: true } | { returnCounts: true })): UniqueResult;
  unique(options?: UniqueOptions): Tensor | UniqueResult;
  /** PyTorch's positional form, `x.unique(sorted, returnInverse, returnCounts, dim)`. */
  unique(sorted: boolean, returnInverse?: false, returnCounts?: false, dim?: number): Tensor;
  unique(sorted: boolean, returnInverse: true, returnCounts?: boolean, dim?: number): UniqueResult;
  unique(sorted: boolean, returnInverse: boolean, returnCounts: true, dim?: number): UniqueResult;
  unique(sorted: boolean, returnInverse?: boolean, returnCounts?: boolean, dim?: number): Tensor | UniqueResult;
}

/**
 * torch.unique's positional form, `torch.unique(x, sorted, returnInverse, returnCounts, dim)`: a
 * UniqueResult when either flag is true. (The argument check folds them into the options.)
 */
export interface UniquePositional {
  (self: Tensor, sorted: boolean, returnInverse?: false, returnCounts?: false, dim?: number): Tensor;
  (self: Tensor, sorted: boolean, returnInverse: true, returnCounts?: boolean, dim?: number): UniqueResult;
  (self: Tensor, sorted: boolean, returnInverse: boolean, returnCounts: true, dim?: number): UniqueResult;
  (self: Tensor, sorted: boolean, returnInverse?: boolean, returnCounts?: boolean, dim?: number): Tensor | UniqueResult;
}

/** Installs the sorting methods on Tensor.prototype. @internal */
export function installSortMethods(proto: Record<string, unknown>): void {
  proto.sort = function (this: Tensor, dim?: number | SortOptions, options?: SortOptions) {
    return sort(this, dim, options);
  };
  proto.argsort = function (this: Tensor, dim?: number | ArgsortOptions, options?: ArgsortOptions) {
    return argsort(this, dim, options);
  };
  proto.topk = function (this: Tensor, k: number, dim?: number | TopkOptions, options?: TopkOptions) {
    return topk(this, k, dim, options);
  };
  proto.kthvalue = function (this: Tensor, k: number, dim?: number | ReduceDimOptions, options?: ReduceDimOptions) {
    return kthvalue(this, k, dim, options);
  };
  proto.median = function (this: Tensor, dim?: number | ReduceDimOptions, options?: ReduceDimOptions) {
    return (median as (s: Tensor, d?: number | ReduceDimOptions, o?: ReduceDimOptions) => Tensor | ValuesIndices)(this, dim, options);
  };
  proto.mode = function (this: Tensor, dim?: number | ReduceDimOptions, options?: ReduceDimOptions) {
    return mode(this, dim, options);
  };
  proto.unique = function (this: Tensor, options?: UniqueOptions) {
    return unique(this, options);
  };
}
