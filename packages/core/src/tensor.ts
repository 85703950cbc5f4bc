/**
 * Tensor: storage + storage offset + sizes + strides (DESIGN.md §3). This file holds the class and
 * the facts about one tensor; each op family lives in its own file and is reached from here by a
 * one-line method, so `t.op(...)` and `torch.op(t, ...)` are the same function.
 */
import { inspect } from 'node:util';
import { bool, float16, float32, float64, getDefaultDtype, int16, int32, int64, int8, uint8, type DType, type DTypeName, type DTypeOfString, type DTypeString } from './dtype';
import { TorchIndexError, TorchSizeError, TorchTypeError } from './errors';
import { contiguousStrides, normDim, numelOf } from './shape';
import { checkAttached, readElement, Storage } from './storage';
import type { Backend } from './backend/contract';
import type { Device, DeviceLike } from './backend/device';
import { cpuBackend } from './backend/cpu';
import { noData } from './backend/meta';
import type { ElementwiseMethods } from './ops/elementwise';
import type { SortMethods } from './ops/sort';
import type { NumpyMethods } from './ops/numpy';
import type { LapackMethods } from './ops/lapack';
import type { LapackLegacyMethods } from './ops/lapack-legacy';
import type { JoinMethods } from './ops/join';
import type { RandomMethods } from './ops/random';
import type { ReduceMethods } from './ops/reduce';
import type { SoftmaxMethods } from './ops/softmax';
import type { UtilityMethods } from './ops/utility';
import type { IndexMethods } from './ops/index_methods';
import type * as Views from './ops/views';
import type * as Indexing from './ops/indexing';
import type * as Copy from './ops/copy';
import type * as Linalg from './ops/linalg';
import type * as Random from './ops/random';
import type { constructTensor as ConstructTensor, TensorInit } from './ops/construct';
import type { TypedTensorConstructor } from './tensor-types';
import type { ToOptions } from './ops/copy';
import { formatCells } from './print';

// tensor.ts is a leaf of core's import graph (no runtime cycles, checked by `pnpm lint`): the op families
// its methods call are handed in once, by index.ts, through installTensorOps.
let views: typeof Views;
let indexing: typeof Indexing;
let copy: typeof Copy;
let linalg: typeof Linalg;
let random: typeof Random;
let constructTensor: typeof ConstructTensor;

/** The op families Tensor's own methods call. @internal */
export interface TensorOps {
  views: typeof Views;
  indexing: typeof Indexing;
  copy: typeof Copy;
  linalg: typeof Linalg;
  random: typeof Random;
  constructTensor: typeof ConstructTensor;
}

/** Hands tensor.ts the op families its methods call (index.ts, once, before any tensor is used). @internal */
export function installTensorOps(ops: TensorOps): void {
  ({ views, indexing, copy, linalg, random, constructTensor } = ops);
}

/** What a dtype-changing method or `type()` accepts: a dtype, its name ('float64', 'torch.DoubleTensor') or a typed class (torch.DoubleTensor). */
export type TypeSpec = DType | string | TypedTensorConstructor;

/**
 * The dtype forms whose dtype TypeScript can tell: a dtype, a dtype string literal or a typed class.
 * `t.to(spec)` and `t.type(spec)` with one of these are typed by it (`Tensor<'float64'>`).
 * @example const spec: torch.DTypeSpec = torch.DoubleTensor;
 */
export type DTypeSpec = DType | DTypeString | TypedTensorConstructor;

/**
 * The dtype name a DTypeSpec denotes (`DTypeOfSpec<typeof torch.DoubleTensor>` is 'float64').
 * @example const n: torch.DTypeOfSpec<'torch.LongTensor'> = 'int64';
 */
export type DTypeOfSpec<S> = S extends DType<infer M>
  ? M
  : S extends TypedTensorConstructor<infer M>
    ? M
    : S extends string
      ? DTypeOfString<S>
      : DTypeName;

/** The device strings that can never be read as a dtype: `t.to('cpu')` keeps the dtype in its type. */
type DeviceString = 'cpu' | 'meta' | 'cuda' | `cuda:${number}`;

/**
 * An n-dimensional, strided view of a Storage. 0-based everywhere; ops are out-of-place unless their
 * name ends in `_`.
 * @example
 * const a = torch.randn(2, 3);
 * const b = a.add(1).mul_(2);          // out-of-place, then in place
 * const c = torch.mm(a, b.t());        // 2x2
 * const row = a.get(0);                // a view of row 0
 * console.log(String(c));
 */
/**
 * (The type parameter N is the dtype's name when it is known from how the tensor was made, as for
 * `torch.zeros(2, { dtype: torch.float64 })` or `t.float()`: `numpy().data` is then that dtype's TypedArray.)
 */
export class Tensor<N extends DTypeName = DTypeName> {
  /** The storage this tensor views. */
  declare _storage: Storage;
  /** Offset of element 0 in the storage, in elements. */
  declare _offset: number;
  /** Sizes (never mutated in place; ops replace the array). */
  declare shape: readonly number[];
  /** Strides in elements (never mutated in place). */
  declare _strides: readonly number[];
  /** Element type. */
  declare dtype: DType<N>;

  /**
   * The seed's constructor forms, of the default tensor type (see `torch.setDefaultTensorType`):
   * `new torch.Tensor(2, 3)` (uninitialised, sizes), `new torch.Tensor([[1, 2], [3, 4]])` (copies),
   * `new torch.Tensor(typedArray | storage | tensor)` (shares memory), `new torch.Tensor()` (empty).
   * @example
   * const t = new torch.Tensor([[1, 2], [3, 4]]);
   */
  constructor(...args: TensorInit[]) {
    // Of the default dtype, which a type cannot know (N is left to its default, the union).
    return constructTensor(getDefaultDtype(), args, 'Tensor') as Tensor<N>;
  }

  /** Number of dimensions. @example torch.zeros(2, 3).dim() // 2 */
  dim(): number {
    return this.shape.length;
  }

  /** Alias of dim(). @example torch.zeros(2, 3).ndimension() // 2 */
  ndimension(): number {
    return this.shape.length;
  }

  /** Number of elements. @example torch.zeros(2, 3).numel() // 6 */
  numel(): number {
    return numelOf(this.shape);
  }

  /** Alias of numel(). @example torch.zeros(2, 3).nelement() // 6 */
  nelement(): number {
    return numelOf(this.shape);
  }

  /** Sizes (a copy), or the size of one dim. @example torch.zeros(2, 3).size() // [2, 3]; .size(-1) // 3 */
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number[] | number {
    if (dim === undefined) return this.shape.slice();
    return this.shape[normDim('size', dim, this.shape.length)] ?? 1;
  }

  /** Strides in elements (a copy), or one dim's stride. @example torch.zeros(2, 3).stride() // [3, 1] */
  stride(): number[];
  stride(dim: number): number;
  stride(dim?: number): number[] | number {
    if (dim === undefined) return this._strides.slice();
    return this._strides[normDim('stride', dim, this.shape.length)] ?? 1;
  }

  /** The storage this tensor views. @example t.storage().size() */
  storage(): Storage {
    return this._storage;
  }

  /** Offset of element 0 in the storage. @example torch.arange(6).narrow(0, 2, 3).storageOffset() // 2 */
  storageOffset(): number {
    return this._offset;
  }

  /**
   * Version counter of the data this tensor views: every in-place op and out= write bumps it (it lives on
   * the storage, so views share it). Autograd compares it with the value saved for backward.
   * @example const t = torch.zeros(2); t.add_(1); t._version // 1
   */
  get _version(): number {
    return this._storage.version;
  }

  /** True when elements are laid out row-major without gaps. @example torch.zeros(2, 3).t().isContiguous() // false */
  isContiguous(): boolean {
    return isContiguous(this);
  }

  /** The device of this tensor's storage. @example torch.zeros(2).device.type // 'cpu'; String(t.device) // 'cpu' */
  get device(): Device {
    return this._storage.backend.device;
  }

  /** True for a CUDA tensor. @example torch.zeros(2).isCuda // false */
  get isCuda(): boolean {
    return this._storage.backend.device.type === 'cuda';
  }

  /** True for a tensor on the meta device (sizes, no data). @example torch.zeros(2, { device: 'meta' }).isMeta // true */
  get isMeta(): boolean {
    return this._storage.backend.isMeta;
  }

  /** The single element as a number (bool as 0/1; int64 throws beyond 2^53). @example torch.tensor(3).item() // 3 */
  item(): number {
    if (this.numel() !== 1)
      throw new TorchSizeError(`item: only a one-element tensor can be converted to a number, got size [${this.shape.join(', ')}]`);
    if (this._storage.backend.isMeta) throw noData('item');
    return readElement(this._storage.data, this.dtype, this._offset, 'item');
  }

  /** Nested arrays of numbers. @example torch.tensor([[1, 2], [3, 4]]).tolist() // [[1, 2], [3, 4]] */
  tolist(): NestedArray {
    return tolist(this);
  }

  /** The type name, or a copy converted to another type. @example torch.zeros(2).type() // 'torch.FloatTensor'; .type('torch.DoubleTensor') */
  type(): string;
  type<S extends DTypeSpec>(to: S): Tensor<DTypeOfSpec<S>>;
  type(to: TypeSpec): Tensor;
  type(to?: TypeSpec): string | Tensor {
    if (to === undefined) return `torch.${this.dtype.typeWord}Tensor`;
    return copy.toType(this, to);
  }

  /**
   * A copy with another dtype and/or on another device, or this tensor if it already has them (unless
   * `copy`). The target is a dtype (or its name, or a typed class), a device, or a tensor (its dtype and device).
   * @example
   * torch.arange(3).to(torch.float32);
   * t.to('float64'); t.to(torch.DoubleTensor);
   * torch.zeros(2, 3).to('meta');            // shapes only
   * t.to(torch.device('cpu'), torch.float64);
   * t.to(other);                             // other's dtype and device
   * t.to({ dtype: torch.float64, copy: true });
   */
  to<S extends DTypeSpec>(dtype: S, options?: ToOptions & { dtype?: undefined }): Tensor<DTypeOfSpec<S>>;
  to<S extends DTypeSpec>(device: DeviceLike, dtype: S, options?: ToOptions & { dtype?: undefined }): Tensor<DTypeOfSpec<S>>;
  to<S extends DTypeSpec>(options: ToOptions & { dtype: S }): Tensor<DTypeOfSpec<S>>;
  to<M extends DTypeName>(other: Tensor<M>, options?: ToOptions & { dtype?: undefined; device?: undefined }): Tensor<M>;
  to(device: Device | DeviceString, options?: ToOptions & { dtype?: undefined }): Tensor<N>;
  to(options: ToOptions & { dtype?: undefined }): Tensor<N>;
  to(target: TypeSpec | DeviceLike | Tensor | ToOptions, dtype?: TypeSpec | ToOptions, options?: ToOptions): Tensor;
  to(target: TypeSpec | DeviceLike | Tensor | ToOptions, dtype?: TypeSpec | ToOptions, options?: ToOptions): Tensor {
    return copy.to(this, target, dtype, options);
  }

  /** This tensor on the CPU (a copy unless it is already there). @example t.cpu().device.type // 'cpu' */
  cpu(): Tensor {
    return copy.toDevice('cpu', this, cpuBackend, this.dtype);
  }

  /**
   * A new tensor sharing this one's data (PyTorch ≥ 0.4's Tensor.detach: plain tensors have no graph,
   * so it only makes the call valid on both Tensors and Variables).
   * @example const d = t.detach(); d.storage() === t.storage() // true
   */
  detach(): Tensor {
    return makeTensor(this._storage, this._offset, this.shape, this._strides);
  }

  /** Number of dimensions (PyTorch's `t.ndim`). @example torch.zeros(2, 3).ndim // 2 */
  get ndim(): number {
    return this.shape.length;
  }

  /** The dims reversed (a view; the transpose of a matrix). @example torch.zeros(2, 3).T.size() // [3, 2] */
  get T(): Tensor {
    return this.shape.length < 2 ? this : views.permute(this, this.shape.map((_, i) => this.shape.length - 1 - i));
  }

  /** @example torch.arange(3).float() // torch.FloatTensor */
  float(): Tensor<'float32'> { return copy.toDtype(this, float32); }
  /** @example t.double() // torch.DoubleTensor */
  double(): Tensor<'float64'> { return copy.toDtype(this, float64); }
  /** @example t.half() // torch.HalfTensor */
  half(): Tensor<'float16'> { return copy.toDtype(this, float16); }
  /** @example t.long() // torch.LongTensor */
  long(): Tensor<'int64'> { return copy.toDtype(this, int64); }
  /** @example t.int() // torch.IntTensor */
  int(): Tensor<'int32'> { return copy.toDtype(this, int32); }
  /** @example t.short() // torch.ShortTensor */
  short(): Tensor<'int16'> { return copy.toDtype(this, int16); }
  /** @example t.char() // torch.CharTensor */
  char(): Tensor<'int8'> { return copy.toDtype(this, int8); }
  /** @example t.byte() // torch.ByteTensor */
  byte(): Tensor<'uint8'> { return copy.toDtype(this, uint8); }
  /** @example t.bool() // torch.BoolTensor */
  bool(): Tensor<'bool'> { return copy.toDtype(this, bool); }
  /** Converts to another tensor's type. @example a.typeAs(b) */
  typeAs(other: Tensor): Tensor { return copy.toDtype(this, other.dtype); }

  /** Copies src (broadcast, any dtype, any strides) into this tensor. @example torch.zeros(2, 2).copy_(torch.ones(2)) */
  copy_(src: Tensor | number): this { return copy.copyInto(this, src); }
  /** Fills with one value. @example torch.empty(3).fill_(7) */
  fill_(value: number | boolean): this { return copy.fill(this, value); }
  /** Fills with zeros. @example torch.empty(3).zero_() */
  zero_(): this { return copy.fill(this, 0); }
  /** A contiguous copy with its own storage. @example t.t().clone().isContiguous() // true */
  clone(): Tensor<N> { return copy.clone(this); }
  /** This tensor if contiguous, else a contiguous copy. @example t.t().contiguous() */
  contiguous(): Tensor { return isContiguous(this) ? this : copy.clone(this); }

  /** A view with new sizes (one may be -1); never copies, throws if impossible. @example torch.arange(6).view(2, 3) */
  view(...shape: number[] | [readonly number[]]): Tensor { return views.view(this, ...shape); }
  /** A view with another tensor's sizes. @example a.viewAs(b) */
  viewAs(other: Tensor): Tensor { return views.view(this, other.shape); }
  /** Like view, but copies when no view is possible. @example torch.zeros(2, 3).t().reshape(6) */
  reshape(...shape: number[] | [readonly number[]]): Tensor { return views.reshape(this, ...shape); }
  /** Swaps two dims (a view). @example torch.zeros(2, 3).transpose(0, 1).size() // [3, 2] */
  transpose(dim0: number, dim1: number): Tensor { return views.transpose(this, dim0, dim1); }
  /** Transposes a 2-D (or 1-D, 0-D) tensor. @example torch.zeros(2, 3).t().size() // [3, 2] */
  t(): Tensor { return views.t(this); }
  /** Reorders dims (a view). @example torch.zeros(2, 3, 4).permute(2, 0, 1).size() // [4, 2, 3] */
  permute(...dims: number[] | [readonly number[]]): Tensor { return views.permute(this, ...dims); }
  /** length elements of dim from start (a view). @example torch.arange(5).narrow(0, 1, 3) // [1, 2, 3] */
  narrow(dim: number, start: number, length: number): Tensor { return views.narrow(this, dim, start, length); }
  /** Index `index` of dim, dropping that dim (a view). @example torch.zeros(2, 3).select(1, 0).size() // [2] */
  select(dim: number, index: number): Tensor { return views.select(this, dim, index); }
  /** All windows of `size` along dim with `step` as a new last dim (a view). @example torch.arange(5).unfold(0, 2, 1).size() // [4, 2] */
  unfold(dim: number, size: number, step: number): Tensor { return views.unfold(this, dim, size, step); }
  /** Repeats size-1 dims without copying (-1 keeps a size). @example torch.zeros(3, 1).expand(3, 4) */
  expand(...shape: number[] | [readonly number[]]): Tensor { return views.expand(this, ...shape); }
  /** Expands to another tensor's sizes. @example a.expandAs(b) */
  expandAs(other: Tensor): Tensor { return views.expand(this, other.shape); }
  /** Drops size-1 dims (or just `dim`). @example torch.zeros(2, 1, 3).squeeze().size() // [2, 3] */
  squeeze(dim?: number): Tensor { return views.squeeze(this, dim); }
  /** Inserts a size-1 dim at `dim`. @example torch.zeros(3).unsqueeze(0).size() // [1, 3] */
  unsqueeze(dim: number): Tensor { return views.unsqueeze(this, dim); }
  /** Merges dims startDim..endDim into one. @example torch.zeros(2, 3, 4).flatten(1).size() // [2, 12] */
  flatten(startDim = 0, endDim = -1): Tensor { return views.flatten(this, startDim, endDim); }

  /** In-place resize (keeps the storage when big enough; new elements are uninitialised). @example torch.empty(0).resize_(2, 3) */
  resize_(...shape: number[] | [readonly number[]]): this { return views.resize(this, ...shape); }
  /** Makes this tensor view another storage/tensor. @example a.set_(b) */
  set_(source: Storage | Tensor, offset?: number, size?: readonly number[], stride?: readonly number[]): this {
    return views.setSource(this, source, offset, size, stride);
  }

  /**
   * Indexing. Basic indices return a view: a number (selects, negative counts from the end), a slice
   * string `'start:stop:step'` (any part optional, `':'` is everything), `'...'` (ellipsis) or `null`
   * (a new axis). Advanced indices return a copy: an int64 tensor or array of integers selects along
   * a dim (several broadcast together), a bool tensor or array is a mask (see docs/indexing.md).
   * @example
   * const t = torch.arange(24).view(2, 3, 4);
   * t.get(0);              // [3, 4]
   * t.get(1, '::2', -1);   // [2]
   * t.get('...', null, 0); // [2, 3, 1]
   * t.get(':', [2, 0]);    // [2, 2, 4] copy: rows 2 and 0 of dim 1
   * t.get(t.gt(20));       // [3]: the elements above 20
   */
  get(...indices: Index[]): Tensor { return indexing.get(this, indices); }
  /**
   * Writes `value` (a number or a tensor broadcast to the indexed result, converted to this dtype)
   * through the same index forms as get. `indices` is the list of per-dim indices (a single
   * non-array index may be given alone), so an array of positions goes inside the list: `t.set([[0, 2]], v)`.
   * @example
   * const t = torch.zeros(3, 3);
   * t.set([0, ':'], 1);          // row 0 = 1
   * t.set([':', -1], torch.arange(3).float());
   * t.set([[0, 2], [1, 1]], 5);  // t[0,1] = t[2,1] = 5
   * t.set(t.lt(0), 0);           // mask
   * t.set([[0, 0]], 1, { accumulate: true });  // adds: t[0] += 2 (duplicates add up, as indexPut_)
   */
  set(indices: Index | Index[], value: Tensor | number | boolean, options?: { accumulate?: boolean }): this { return indexing.set(this, indices, value, options); }

  /** Matrix product of 2-D tensors. @example torch.randn(2, 3).mm(torch.randn(3, 4)) */
  mm(other: Tensor, options?: OutOption): Tensor { return linalg.mm(this, other, options); }
  /** Matrix-vector product. @example torch.randn(2, 3).mv(torch.randn(3)) */
  mv(vec: Tensor, options?: OutOption): Tensor { return linalg.mv(this, vec, options); }
  /** Inner product of 1-D tensors (0-dim result). @example torch.ones(3).dot(torch.ones(3)).item() // 3 */
  dot(other: Tensor): Tensor { return linalg.dot(this, other); }
  /** Batched matrix product of 3-D tensors. @example torch.randn(5, 2, 3).bmm(torch.randn(5, 3, 4)) */
  bmm(other: Tensor, options?: OutOption): Tensor { return linalg.bmm(this, other, options); }
  /** numpy-style matmul with batch broadcasting. @example torch.randn(5, 2, 3).matmul(torch.randn(3, 4)) */
  matmul(other: Tensor, options?: OutOption): Tensor { return linalg.matmul(this, other, options); }
  /** beta*self + alpha*(m1 @ m2). @example c.addmm(a, b, { beta: 1, alpha: 2 }) */
  addmm(m1: Tensor, m2: Tensor, options?: ScaleOptions): Tensor { return linalg.addmm(this, m1, m2, options); }
  /** In-place addmm. @example c.addmm_(a, b) */
  addmm_(m1: Tensor, m2: Tensor, options?: ScaleOptions): this { return linalg.addmm(this, m1, m2, { ...options, out: this }) as this; }
  /** beta*self + alpha*(mat @ vec). @example y.addmv(A, x) */
  addmv(mat: Tensor, vec: Tensor, options?: ScaleOptions): Tensor { return linalg.addmv(this, mat, vec, options); }
  /** In-place addmv. @example y.addmv_(A, x) */
  addmv_(mat: Tensor, vec: Tensor, options?: ScaleOptions): this { return linalg.addmv(this, mat, vec, { ...options, out: this }) as this; }
  /** beta*self + alpha*outer(v1, v2). @example m.addr(u, v) */
  addr(vec1: Tensor, vec2: Tensor, options?: ScaleOptions): Tensor { return linalg.addr(this, vec1, vec2, options); }
  /** In-place addr. @example m.addr_(u, v) */
  addr_(vec1: Tensor, vec2: Tensor, options?: ScaleOptions): this { return linalg.addr(this, vec1, vec2, { ...options, out: this }) as this; }
  /** beta*self + alpha*bmm(b1, b2). @example c.baddbmm(a, b) */
  baddbmm(b1: Tensor, b2: Tensor, options?: ScaleOptions): Tensor { return linalg.baddbmm(this, b1, b2, options); }
  /** In-place baddbmm. @example c.baddbmm_(a, b) */
  baddbmm_(b1: Tensor, b2: Tensor, options?: ScaleOptions): this { return linalg.baddbmm(this, b1, b2, { ...options, out: this }) as this; }
  /** beta*self + alpha*sum_i b1[i] @ b2[i]. @example c.addbmm(a, b) */
  addbmm(b1: Tensor, b2: Tensor, options?: ScaleOptions): Tensor { return linalg.addbmm(this, b1, b2, options); }
  /** In-place addbmm. @example c.addbmm_(a, b) */
  addbmm_(b1: Tensor, b2: Tensor, options?: ScaleOptions): this { return linalg.addbmm(this, b1, b2, { ...options, out: this }) as this; }

  /** Fills with uniform samples in [from, to). @example torch.empty(3).uniform_(-1, 1) */
  uniform_(from = 0, to = 1, options?: GeneratorOption): this { return random.uniformInto(this, from, to, options?.generator); }
  /** Fills with normal samples. @example torch.empty(3).normal_(0, 0.1) */
  normal_(mean = 0, std = 1, options?: GeneratorOption): this { return random.normalInto(this, mean, std, options?.generator); }

  /** Prints like PyTorch 0.x: values, then `[torch.FloatTensor of size 2x3]`. @example console.log(String(torch.eye(2))) */
  toString(): string {
    if (this._storage.backend.isMeta) return formatMeta(this);
    checkAttached(this._storage.data, 'print');
    const { shape, _strides: strides, _storage: storage, dtype } = this;
    // int64 elements print exactly, as bigints; everything else as numbers.
    const read = (at: number): number | bigint => (dtype === int64 ? (storage.data as BigInt64Array)[at]! : readElement(storage.data, dtype, at, 'print'));
    // The number format depends on the set of values only, and an expanded dim repeats the same ones:
    // read each real element once, so a huge expanded view prints without being copied.
    const real = makeTensor(storage, this._offset, shape.map((n, d) => (strides[d] === 0 ? Math.min(n, 1) : n)), strides);
    const values: (number | bigint)[] = [];
    forEachElement(real, (at) => values.push(read(at)));
    const cellAt = (i: number) => {
      let at = this._offset;
      for (let d = shape.length - 1; d >= 0; d--) {
        at += (i % shape[d]!) * strides[d]!;
        i = Math.floor(i / shape[d]!);
      }
      return read(at);
    };
    return formatCells(cellAt, values, shape, this.type(), dtype.isFloatingPoint);
  }

  /** console.log and util.inspect print the same as toString. */
  [inspect.custom](): string {
    return this.toString();
  }
}

/**
 * What indexing accepts for one dim: basic (a number, a slice string, '...', null) or advanced (an
 * int64 tensor or array of integers, a bool tensor or array as a mask); see docs/indexing.md.
 */
export type Index = number | string | null | Tensor | readonly number[] | readonly boolean[];
/** Nested arrays as returned by tolist. */
export type NestedArray = number | NestedArray[];
/** The `out` option of ops that have one. */
export interface OutOption {
  /** Tensor to write the result into (its dtype must be able to hold the result). */
  out?: Tensor;
}
/** beta/alpha scaling of the add*mm family. */
export interface ScaleOptions extends OutOption {
  /** Factor on the tensor added to (default 1). */
  beta?: number;
  /** Factor on the product (default 1). */
  alpha?: number;
}
/** Random sampling options. */
export interface GeneratorOption {
  /** Generator to draw from (default: torch's default generator). */
  generator?: Random.Generator;
}
export type { TensorInit };

// Elementwise methods (add, mul_, sqrt, ...) come from the op table in ops/elementwise.ts, which installs them.
export interface Tensor<N extends DTypeName = DTypeName> extends ElementwiseMethods, SortMethods, NumpyMethods<N>, LapackMethods, LapackLegacyMethods, JoinMethods, RandomMethods, ReduceMethods, SoftmaxMethods, IndexMethods, UtilityMethods {}

// Tensors are created through this plain constructor rather than the class's, which parses user
// arguments: every tensor then shares one hidden class, keeping property access on hot paths monomorphic.
interface RawTensorCtor {
  new (storage: Storage, offset: number, shape: readonly number[], strides: readonly number[]): Tensor;
}
const RawTensor = function (this: Tensor, storage: Storage, offset: number, shape: readonly number[], strides: readonly number[]) {
  this._storage = storage;
  this._offset = offset;
  this.shape = shape;
  this._strides = strides;
  this.dtype = storage.dtype;
} as unknown as RawTensorCtor;
RawTensor.prototype = Tensor.prototype;

/** A tensor over existing storage; no checks (callers validate). @internal */
export function makeTensor(storage: Storage, offset: number, shape: readonly number[], strides: readonly number[]): Tensor {
  return new RawTensor(storage, offset, shape, strides);
}

/**
 * A new contiguous tensor with undefined contents (like torch.empty), on `backend`'s device (default cpu);
 * `op` names the caller in allocation errors. @internal
 */
export function emptyTensor(shape: readonly number[], dtype: DType, backend: Backend = cpuBackend, op?: string): Tensor {
  return new RawTensor(backend.allocate(dtype, numelOf(shape), op), 0, shape, contiguousStrides(shape));
}

/** PyTorch's form for a meta tensor: `tensor(..., device='meta', size=(2, 3))`, with the dtype when not the default float. */
function formatMeta(t: Tensor): string {
  const size = t.shape.length === 1 ? `(${t.shape[0]},)` : `(${t.shape.join(', ')})`;
  const dtype = t.dtype === getDefaultDtype() ? '' : `, dtype=torch.${t.dtype.name}`;
  return `tensor(..., device='${t.device}', size=${size}${dtype})`;
}

/** Row-major with no gaps (size-1 dims may have any stride). @internal */
export function isContiguous(t: Tensor): boolean {
  const shape = t.shape, strides = t._strides;
  let expected = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    const s = shape[d]!;
    if (s === 0) return true;
    if (s !== 1) {
      if (strides[d] !== expected) return false;
      expected *= s;
    }
  }
  return true;
}

/** Checks that x is a Tensor, naming the op and argument otherwise. @internal */
export function checkTensor(op: string, x: unknown, arg = 'argument'): asserts x is Tensor {
  if (!(x instanceof Tensor)) throw new TorchTypeError(`${op}: ${arg} must be a Tensor, got ${describe(x)}`);
}

/** @internal */
export function describe(x: unknown): string {
  if (x instanceof Tensor) return `${x.type()} of size [${x.shape.join(', ')}]`;
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  return typeof x === 'object' ? (x.constructor?.name ?? 'object') : `${typeof x} ${String(x)}`;
}

/** Calls f with the storage index of every element, in row-major order. */
function forEachElement(t: Tensor, f: (at: number) => void): void {
  const { shape, _strides: strides } = t;
  const walk = (d: number, at: number): void => {
    if (d === shape.length) return f(at);
    for (let i = 0; i < shape[d]!; i++) walk(d + 1, at + i * strides[d]!);
  };
  walk(0, t._offset);
}

function tolist(t: Tensor): NestedArray {
  if (t._storage.backend.isMeta) throw noData('tolist');
  const { shape, _strides: strides, _storage: storage, dtype } = t;
  const walk = (d: number, off: number): NestedArray => {
    if (d === shape.length) return readElement(storage.data, dtype, off, 'tolist');
    const out: NestedArray[] = new Array(shape[d]!);
    for (let i = 0; i < shape[d]!; i++) out[i] = walk(d + 1, off + i * strides[d]!);
    return out;
  };
  return walk(0, t._offset);
}

/** @internal */
export function indexError(op: string, index: number, size: number, dim: number): TorchIndexError {
  return new TorchIndexError(`${op}: index ${index} is out of bounds for dimension ${dim} with size ${size}`);
}
