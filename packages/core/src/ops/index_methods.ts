// The indexing family's Tensor methods (ops in index_ops.ts, masked.ts and indexing.ts).
import type { OutOption, Tensor } from '../tensor';
import {
  gather, indexAdd, indexAdd_, indexCopy, indexCopy_, indexFill, indexFill_, indexSelect, put, put_, scatter, scatter_, scatterAdd, scatterAdd_, take,
  type IndexAddOptions, type PutOptions, type ScatterOptions,
} from './index_ops';
import { indexPut, indexPut_, type IndexPutOptions } from './indexing';
import { maskedFill, maskedFill_, maskedScatter, maskedScatter_, maskedSelect, nonzero, type NonzeroOptions } from './masked';

type Value = number | boolean | Tensor;

/** The indexing methods of Tensor (advanced indexing itself is in get/set). */
export interface IndexMethods {
  /**
   * Entries of index along dim (a copy); see torch.indexSelect.
   * @example x.indexSelect(0, torch.tensor([2, 0], { dtype: torch.int64 }))
   */
  indexSelect(dim: number, index: Tensor, options?: OutOption): Tensor;
  /**
   * Copies source's slices along dim to the positions in index, in place; see torch.indexCopy_.
   * @example x.indexCopy_(0, idx, src)
   */
  indexCopy_(dim: number, index: Tensor, source: Tensor): this;
  /** Out-of-place indexCopy_. @example x.indexCopy(0, idx, src) */
  indexCopy(dim: number, index: Tensor, source: Tensor): Tensor;
  /**
   * Adds alpha * source's slices along dim at the positions in index, in place (duplicates accumulate).
   * @example x.indexAdd_(0, idx, src, { alpha: 2 })
   */
  indexAdd_(dim: number, index: Tensor, source: Tensor, options?: IndexAddOptions): this;
  /** Out-of-place indexAdd_. @example x.indexAdd(0, idx, src) */
  indexAdd(dim: number, index: Tensor, source: Tensor, options?: IndexAddOptions): Tensor;
  /**
   * Fills the slices along dim at index with a value, in place (negative indices allowed).
   * @example x.indexFill_(1, idx, 0)
   */
  indexFill_(dim: number, index: Tensor, value: Value): this;
  /** Out-of-place indexFill_. @example x.indexFill(1, idx, -1) */
  indexFill(dim: number, index: Tensor, value: Value): Tensor;
  /**
   * Values along dim at index (index has self's number of dims); see torch.gather.
   * @example x.gather(1, torch.tensor([[0], [1]], { dtype: torch.int64 }))
   */
  gather(dim: number, index: Tensor, options?: OutOption): Tensor;
  /**
   * Writes src (tensor or scalar) along dim at index, in place; `reduce: 'add' | 'multiply'` combines.
   * @example x.scatter_(0, idx, src); x.scatter_(1, idx, 1.5, { reduce: 'add' })
   */
  scatter_(dim: number, index: Tensor, src: Value, options?: ScatterOptions): this;
  /** Out-of-place scatter_. @example x.scatter(0, idx, src) */
  scatter(dim: number, index: Tensor, src: Value, options?: ScatterOptions): Tensor;
  /**
   * Adds src along dim at index, in place (duplicates accumulate).
   * @example x.scatterAdd_(0, idx, src)
   */
  scatterAdd_(dim: number, index: Tensor, src: Tensor): this;
  /** Out-of-place scatterAdd_. @example x.scatterAdd(0, idx, src) */
  scatterAdd(dim: number, index: Tensor, src: Tensor): Tensor;
  /**
   * Elements at flat row-major positions (negative count from the end).
   * @example x.take(torch.tensor([0, -1], { dtype: torch.int64 }))
   */
  take(index: Tensor, options?: OutOption): Tensor;
  /**
   * Writes source at flat positions, in place; `accumulate` adds (duplicates add up).
   * @example x.put_(idx, src, { accumulate: true })
   */
  put_(index: Tensor, source: Tensor, options?: PutOptions): this;
  /** PyTorch's positional accumulate: `t.put_(i, v, true)`. */
  put_(index: Tensor, source: Tensor, accumulate: boolean): this;
  /** Out-of-place put_. @example x.put(idx, src) */
  put(index: Tensor, source: Tensor, options?: PutOptions): Tensor;
  /** PyTorch's positional accumulate: `t.put(i, v, true)`. */
  put(index: Tensor, source: Tensor, accumulate: boolean): Tensor;
  /**
   * Elements where a bool mask (broadcast with self) is true, as a 1-D tensor.
   * @example x.maskedSelect(x.gt(0))
   */
  maskedSelect(mask: Tensor, options?: OutOption): Tensor;
  /**
   * Sets elements where the mask is true to a value, in place.
   * @example x.maskedFill_(x.lt(0), 0)
   */
  maskedFill_(mask: Tensor, value: Value): this;
  /** Out-of-place maskedFill_ (self and mask broadcast). @example x.maskedFill(mask, 0) */
  maskedFill(mask: Tensor, value: Value): Tensor;
  /**
   * Copies source's elements in order into the positions where the mask is true, in place.
   * @example x.maskedScatter_(mask, src)
   */
  maskedScatter_(mask: Tensor, source: Tensor): this;
  /** Out-of-place maskedScatter_. @example x.maskedScatter(mask, src) */
  maskedScatter(mask: Tensor, source: Tensor): Tensor;
  /**
   * Positions of non-zero elements: [count, ndim] int64, or one tensor per dim with asTuple.
   * @example x.nonzero(); const [r, c] = x.nonzero({ asTuple: true });
   */
  nonzero(options?: { asTuple?: false }): Tensor;
  nonzero(options: { asTuple: true }): Tensor[];
  nonzero(options?: NonzeroOptions): Tensor | Tensor[];
  /**
   * Writes values at advanced indices (one index tensor or null per leading dim), in place; see torch.indexPut_.
   * @example x.indexPut_([rows, cols], torch.tensor(1), { accumulate: true })
   */
  indexPut_(indices: readonly (Tensor | null)[], values: Value, options?: IndexPutOptions): this;
  /** PyTorch's positional accumulate: `t.indexPut_([i], v, true)`. */
  indexPut_(indices: readonly (Tensor | null)[], values: Value, accumulate: boolean): this;
  /** Out-of-place indexPut_. @example x.indexPut([rows], v) */
  indexPut(indices: readonly (Tensor | null)[], values: Value, options?: IndexPutOptions): Tensor;
  /** PyTorch's positional accumulate: `t.indexPut([i], v, true)`. */
  indexPut(indices: readonly (Tensor | null)[], values: Value, accumulate: boolean): Tensor;
}

/** Installs the indexing methods on Tensor.prototype. @internal */
export function installIndexMethods(proto: Record<string, unknown>): void {
  const methods: Record<string, (this: Tensor, ...args: never[]) => unknown> = {
    indexSelect(this: Tensor, dim: number, index: Tensor, options?: OutOption) { return indexSelect(this, dim, index, options); },
    indexCopy_(this: Tensor, dim: number, index: Tensor, source: Tensor) { return indexCopy_(this, dim, index, source); },
    indexCopy(this: Tensor, dim: number, index: Tensor, source: Tensor) { return indexCopy(this, dim, index, source); },
    indexAdd_(this: Tensor, dim: number, index: Tensor, source: Tensor, o?: IndexAddOptions) { return indexAdd_(this, dim, index, source, o); },
    indexAdd(this: Tensor, dim: number, index: Tensor, source: Tensor, o?: IndexAddOptions) { return indexAdd(this, dim, index, source, o); },
    indexFill_(this: Tensor, dim: number, index: Tensor, value: Value) { return indexFill_(this, dim, index, value); },
    indexFill(this: Tensor, dim: number, index: Tensor, value: Value) { return indexFill(this, dim, index, value); },
    gather(this: Tensor, dim: number, index: Tensor, options?: OutOption) { return gather(this, dim, index, options); },
    scatter_(this: Tensor, dim: number, index: Tensor, src: Value, o?: ScatterOptions) { return scatter_(this, dim, index, src, o); },
    scatter(this: Tensor, dim: number, index: Tensor, src: Value, o?: ScatterOptions) { return scatter(this, dim, index, src, o); },
    scatterAdd_(this: Tensor, dim: number, index: Tensor, src: Tensor) { return scatterAdd_(this, dim, index, src); },
    scatterAdd(this: Tensor, dim: number, index: Tensor, src: Tensor) { return scatterAdd(this, dim, index, src); },
    take(this: Tensor, index: Tensor, options?: OutOption) { return take(this, index, options); },
    put_(this: Tensor, index: Tensor, source: Tensor, o?: PutOptions) { return put_(this, index, source, o); },
    put(this: Tensor, index: Tensor, source: Tensor, o?: PutOptions) { return put(this, index, source, o); },
    maskedSelect(this: Tensor, mask: Tensor, options?: OutOption) { return maskedSelect(this, mask, options); },
    maskedFill_(this: Tensor, mask: Tensor, value: Value) { return maskedFill_(this, mask, value); },
    maskedFill(this: Tensor, mask: Tensor, value: Value) { return maskedFill(this, mask, value); },
    maskedScatter_(this: Tensor, mask: Tensor, source: Tensor) { return maskedScatter_(this, mask, source); },
    maskedScatter(this: Tensor, mask: Tensor, source: Tensor) { return maskedScatter(this, mask, source); },
    nonzero(this: Tensor, options?: NonzeroOptions) { return nonzero(this, options); },
    indexPut_(this: Tensor, indices: readonly (Tensor | null)[], values: Value, o?: IndexPutOptions) { return indexPut_(this, indices, values, o); },
    indexPut(this: Tensor, indices: readonly (Tensor | null)[], values: Value, o?: IndexPutOptions) { return indexPut(this, indices, values, o); },
  };
  for (const [name, fn] of Object.entries(methods)) proto[name] = fn;
}
