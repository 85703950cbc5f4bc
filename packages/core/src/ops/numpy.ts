/**
 * The numpy bridge (the seed's "seamless numpy conversions", for JavaScript): `t.numpy()` gives an
 * ndarray-compatible view of a tensor and `torch.fromNumpy(x)` a tensor over an ndarray-like object or
 * a TypedArray. Both share memory, never copy: a write through either side is seen by the other.
 * The `.npy`/`.npz` file formats live in io/npy.ts and io/npz.ts. Decisions are in docs/numpy.md.
 */
import { bool, float16, float32, float64, int16, int32, int64, int8, uint8, dtypeFromName, type DType, type DTypeName, type TypedArray, type TypedArrayOf } from '../dtype';
import { fmtSize, TorchSizeError, TorchTypeError } from '../errors';
import { contiguousStrides, numelOf } from '../shape';
import { checkAttached, Storage } from '../storage';
import { checkTensor, describe, isContiguous, makeTensor, type Tensor } from '../tensor';
import { copyInto } from './copy';
import { noData } from '../backend/meta';

/**
 * The `dtype` names of the `ndarray` npm package, which `t.numpy()` reports: float16 tensors are
 * their raw binary16 bits (`'uint16'`), bool tensors bytes holding 0/1 (`'uint8'`), int64 `'bigint64'`.
 */
export type NdArrayDtype = 'float32' | 'float64' | 'int32' | 'int16' | 'int8' | 'uint8' | 'uint16' | 'bigint64';

/**
 * What `torch.fromNumpy` accepts besides a bare TypedArray: any object shaped like an `ndarray`
 * (npm package `ndarray`, or scijs/stdlib-style arrays): `data` a TypedArray, `shape`, and optionally
 * `stride` (or `strides`) and `offset` in elements. `torchDtype` (set by `t.numpy()`) or `dtype` naming
 * a torch dtype (`'float16'`, `'bool'`) says how to read a Uint16Array / Uint8Array.
 */
export interface NdArrayLike {
  /** The elements; shared, never copied. */
  readonly data: ArrayBufferView;
  /** Sizes. */
  readonly shape: ArrayLike<number>;
  /** Strides in elements (row-major when absent). Negative strides are refused. */
  readonly stride?: ArrayLike<number>;
  /** Alias of `stride` (as `@stdlib/ndarray` spells it). */
  readonly strides?: ArrayLike<number>;
  /** Index of element 0 in `data` (default 0). */
  readonly offset?: number;
  /** ndarray's dtype name, or a torch dtype name. */
  readonly dtype?: string;
  /** The torch dtype name, as `t.numpy()` sets it ('float16', 'bool', ...). */
  readonly torchDtype?: string;
}

/** Options of `torch.fromNumpy`. */
export interface FromNumpyOptions {
  /**
   * How to read the elements: needed for float16 (a Uint16Array of binary16 bits) and bool (a
   * Uint8Array of 0/1); any other dtype must match the TypedArray's type.
   */
  dtype?: DType | string;
}

/** Options of `t.toTypedArray()`. */
export interface ToTypedArrayOptions {
  /** Always return a fresh copy, even when the tensor's elements could be shared (default false). */
  copy?: boolean;
}

const ndarrayDtype: Record<string, NdArrayDtype> = {
  float32: 'float32', float64: 'float64', float16: 'uint16', int64: 'bigint64', int32: 'int32', int16: 'int16', int8: 'int8',
  uint8: 'uint8', bool: 'uint8',
};

/**
 * An ndarray-compatible view of a tensor's elements, as `t.numpy()` returns it: the fields and methods
 * of the `ndarray` npm package (`data`, `shape`, `stride`, `offset`, `dtype`, `size`, `dimension`,
 * `order`, `get`, `set`, `index`, `hi`, `lo`, `step`, `transpose`, `pick`), so ndarray-ops, cwise and
 * friends accept it. Sub-views from hi/lo/step/transpose/pick share `data` too (a negative `step`
 * gives negative strides, which `torch.fromNumpy` then refuses). `data` is the tensor's
 * storage TypedArray itself: writes through the view are seen by the tensor and the other way round.
 * `shape` and `stride` are the view's own arrays (changing them does not change the tensor).
 * @example
 * const t = torch.arange(6).float().view(2, 3);
 * const a = t.numpy();          // { data: Float32Array, shape: [2, 3], stride: [3, 1], offset: 0, dtype: 'float32' }
 * a.set(1, 2, 42);              // t.get(1, 2).item() === 42
 */
export class NdArrayView<A extends TypedArray = TypedArray> {
  constructor(
    /** The tensor's storage TypedArray, of its dtype's type (float16 as raw bits, int64 as BigInt64Array, bool as 0/1 bytes). */
    public data: A,
    /** Sizes. */
    public shape: number[],
    /** Strides in elements. */
    public stride: number[],
    /** Index of element 0 in `data`. */
    public offset: number,
    /** ndarray's name for the element type of `data`. */
    public dtype: NdArrayDtype,
    /** The tensor's dtype name ('float16', 'bool', ... ); `torch.fromNumpy` reads it back. */
    public torchDtype: string,
  ) {}

  /** Number of elements. @example torch.zeros(2, 3).numpy().size // 6 */
  get size(): number {
    return numelOf(this.shape);
  }

  /** Number of dimensions. @example torch.zeros(2, 3).numpy().dimension // 2 */
  get dimension(): number {
    return this.shape.length;
  }

  /** Dims from the smallest to the largest |stride| (ndarray's `order`). @example torch.zeros(2, 3).numpy().order // [1, 0] */
  get order(): number[] {
    const dims = this.stride.map((_, i) => i);
    return dims.sort((a, b) => Math.abs(this.stride[a]!) - Math.abs(this.stride[b]!) || a - b);
  }

  /** Position in `data` of the element at the given indices (no bounds check, as ndarray). @example a.index(1, 2) */
  index(...indices: number[]): number {
    let i = this.offset;
    for (let d = 0; d < this.stride.length; d++) i += this.stride[d]! * (indices[d] ?? 0);
    return i;
  }

  /** The raw element at the indices (float16 as bits, int64 as bigint), as ndarray's get. @example a.get(0, 1) */
  get(...indices: number[]): number | bigint {
    const v = this.data[this.index(...indices)];
    // Past the end reads undefined, as ndarray's get; a transferred-away buffer throws instead.
    if (v === undefined) checkAttached(this.data, 'numpy get');
    return v!;
  }

  /** Writes the raw element at the indices: `set(i, j, value)`, as ndarray's set. @example a.set(0, 1, 5) */
  set(...args: (number | bigint)[]): number | bigint {
    const value = args[args.length - 1]!;
    checkAttached(this.data, 'numpy set');
    (this.data as unknown as (number | bigint)[])[this.index(...(args.slice(0, -1) as number[]))] = value;
    return value;
  }

  /** A view cut off at the given indices (non-numbers keep a dim's size), as ndarray's hi. @example a.hi(2, 2) */
  hi(...indices: (number | null | undefined)[]): NdArrayView<A> {
    const shape = this.shape.map((s, d) => (typeof indices[d] === 'number' && indices[d]! >= 0 ? Math.min(indices[d]!, s) : s));
    return this.derive(shape, this.stride.slice(), this.offset);
  }

  /** A view starting at the given indices (negative or non-numbers skip a dim), as ndarray's lo. @example a.lo(1, 1) */
  lo(...indices: (number | null | undefined)[]): NdArrayView<A> {
    let offset = this.offset;
    const shape = this.shape.slice();
    for (let d = 0; d < shape.length; d++) {
      const i = indices[d];
      if (typeof i !== 'number' || i < 0) continue;
      const k = Math.min(i, shape[d]!);
      offset += this.stride[d]! * k;
      shape[d]! -= k;
    }
    return this.derive(shape, this.stride.slice(), offset);
  }

  /** A view taking every step-th element per dim (negative steps reverse), as ndarray's step. @example a.step(-1) */
  step(...steps: (number | null | undefined)[]): NdArrayView<A> {
    let offset = this.offset;
    const shape = this.shape.slice(), stride = this.stride.slice();
    for (let d = 0; d < shape.length; d++) {
      const k = steps[d];
      if (typeof k !== 'number' || k === 0 || !Number.isInteger(k)) continue;
      if (k < 0) {
        offset += stride[d]! * (shape[d]! - 1); // as ndarray, even for an empty dim
        shape[d] = Math.ceil(-shape[d]! / k);
      } else {
        shape[d] = Math.ceil(shape[d]! / k);
      }
      stride[d]! *= k;
    }
    return this.derive(shape, stride, offset);
  }

  /** A view with permuted dims, as ndarray's transpose. @example a.transpose(1, 0) */
  transpose(...axes: number[]): NdArrayView<A> {
    const n = this.shape.length;
    const order = axes.length === 0 ? this.shape.map((_, d) => n - 1 - d) : axes;
    return this.derive(
      order.map((a) => this.shape[a]!),
      order.map((a) => this.stride[a]!),
      this.offset,
    );
  }

  /** A lower-dimensional view fixing the dims given a number >= 0, as ndarray's pick. @example a.pick(0, null) // row 0 */
  pick(...indices: (number | null | undefined)[]): NdArrayView<A> {
    let offset = this.offset;
    const shape: number[] = [], stride: number[] = [];
    for (let d = 0; d < this.shape.length; d++) {
      const i = indices[d];
      if (typeof i === 'number' && i >= 0) offset += this.stride[d]! * i;
      else shape.push(this.shape[d]!), stride.push(this.stride[d]!);
    }
    return this.derive(shape, stride, offset);
  }

  private derive(shape: number[], stride: number[], offset: number): NdArrayView<A> {
    return ndArrayView<A>(this.data, shape, stride, offset, this.dtype, this.torchDtype);
  }
}

// Outside the class body, so that the bundle keeps the class's name (docs/packaging.md).
function ndArrayView<A extends TypedArray>(...args: ConstructorParameters<typeof NdArrayView<A>>): NdArrayView<A> {
  return new NdArrayView<A>(...args);
}

/**
 * An ndarray-compatible view sharing the tensor's memory (PyTorch's `Tensor.numpy()`); see NdArrayView.
 * Strided, transposed and expanded tensors keep their strides; nothing is copied.
 * @example
 * const a = torch.ones(2, 2).numpy();
 * a.data[0] = 5;               // the tensor's element [0, 0] is now 5
 */
export function numpy<N extends DTypeName>(self: Tensor<N>): NdArrayView<TypedArrayOf<N>> {
  checkTensor('numpy', self, 'self');
  if (self.isMeta) throw noData('numpy');
  const storage = self._storage;
  checkAttached(storage.data, 'numpy');
  viewedStorages.set(storage.data, storage);
  // A storage's data is its dtype's TypedArray.
  return new NdArrayView(storage.data as TypedArrayOf<N>, self.shape.slice(), self._strides.slice(), self._offset, ndarrayDtype[self.dtype.name]!, self.dtype.name);
}

/** Storages handed out by numpy(), so fromNumpy(t.numpy()) gets back the same Storage (one version counter). */
const viewedStorages = new WeakMap<ArrayBufferView, Storage>();

/**
 * A tensor sharing memory with an ndarray-like object (`{ data, shape, stride, offset }`, e.g. from
 * the `ndarray` npm package or `t.numpy()`) or with a TypedArray (`torch.fromNumpy(arr, shape?)`,
 * row-major, `shape` defaults to `[arr.length]` and must hold exactly `arr.length` elements).
 * PyTorch's `torch.from_numpy`: nothing is copied, writes through either side are seen by the other.
 *
 * Element types follow the TypedArray: Float32Array → float32, Float64Array → float64, Int32Array,
 * Int16Array, Int8Array, Uint8Array (and Uint8ClampedArray) → uint8, BigInt64Array → int64.
 * float16 (a Uint16Array of binary16 bits) and bool (a Uint8Array of 0/1) need `{ dtype }` or a
 * `torchDtype`/`dtype` field naming them. Uint16Array, Uint32Array, BigUint64Array, plain arrays and
 * negative strides throw (as PyTorch refuses uint16/uint32/uint64 and negative strides).
 * @example
 * const buf = new Float32Array([1, 2, 3, 4, 5, 6]);
 * const t = torch.fromNumpy(buf, [2, 3]);
 * t.mul_(2);                     // buf is now [2, 4, 6, 8, 10, 12]
 * const h = torch.fromNumpy(new Uint16Array([0x3c00]), { dtype: torch.float16 }); // [1] as float16
 * const u = torch.fromNumpy({ data: buf, shape: [3, 2], stride: [1, 3], offset: 0 }); // transposed view
 */
export function fromNumpy(x: NdArrayLike | ArrayBufferView, shapeOrOptions?: readonly number[] | FromNumpyOptions, options?: FromNumpyOptions): Tensor {
  const op = 'fromNumpy';
  let data: ArrayBufferView, shape: number[], strides: number[], offset: number, named: string | undefined;
  if (ArrayBuffer.isView(x)) {
    if (Array.isArray(shapeOrOptions)) {
      shape = checkSizes(op, 'shape', shapeOrOptions as ArrayLike<number>);
    } else {
      if (shapeOrOptions !== undefined && !isPlainOptions(shapeOrOptions))
        throw new TorchTypeError(`${op}: the second argument must be a shape array or an options object, got ${describe(shapeOrOptions)}`);
      options = shapeOrOptions as FromNumpyOptions | undefined;
      shape = [(x as unknown as ArrayLike<number>).length ?? 0];
    }
    data = x;
    const length = elementCount(op, data);
    if (numelOf(shape) !== length)
      throw new TorchSizeError(`${op}: a TypedArray of ${length} elements cannot be viewed as size ${fmtSize(shape)} (${numelOf(shape)} elements)`);
    strides = contiguousStrides(shape);
    offset = 0;
  } else {
    if (x === null || typeof x !== 'object' || !('data' in x) || !('shape' in x))
      throw new TorchTypeError(`${op}: expected a TypedArray or an ndarray-like object { data, shape, stride?, offset? }, got ${describe(x)}`);
    if (shapeOrOptions !== undefined && (Array.isArray(shapeOrOptions) || !isPlainOptions(shapeOrOptions)))
      throw new TorchTypeError(`${op}: an ndarray-like input takes only an options object as second argument, got ${describe(shapeOrOptions)}`);
    options = shapeOrOptions as FromNumpyOptions | undefined;
    data = x.data;
    if (!ArrayBuffer.isView(data))
      throw new TorchTypeError(`${op}: data must be a TypedArray to be shared, got ${describe(data)}; copy plain arrays with torch.tensor(...)`);
    shape = checkSizes(op, 'shape', x.shape);
    const st = x.stride ?? x.strides;
    strides = st === undefined ? contiguousStrides(shape) : checkStrides(op, st, shape);
    offset = x.offset ?? 0;
    if (!Number.isSafeInteger(offset) || offset < 0) throw new TorchTypeError(`${op}: offset must be a non-negative integer, got ${String(offset)}`);
    named = x.torchDtype ?? (typeof x.dtype === 'string' && (x.dtype === 'float16' || x.dtype === 'bool') ? x.dtype : undefined);
  }
  const requested = options?.dtype ?? named;
  const dtype = requested === undefined ? undefined : typeof requested === 'string' ? lookupDtype(op, requested) : requested;
  const arr = shareableArray(op, data, dtype);
  checkAttached(arr, op);
  const resolved = dtype ?? dtypeOfArray(op, arr);
  const length = arr.length;
  // Every element the strides reach must lie inside data.
  if (numelOf(shape) > 0) {
    let last = offset;
    for (let d = 0; d < shape.length; d++) last += (shape[d]! - 1) * strides[d]!;
    if (last >= length)
      throw new TorchSizeError(
        `${op}: size ${fmtSize(shape)} with strides ${fmtSize(strides)} and offset ${offset} reaches element ${last}, beyond data of ${length} elements`,
      );
  } else if (offset > length) {
    throw new TorchSizeError(`${op}: offset ${offset} is beyond data of ${length} elements`);
  }
  const known = viewedStorages.get(data);
  const storage = known && known.data === data && known.dtype === resolved ? known : new Storage(resolved, arr);
  return makeTensor(storage, offset, shape, strides);
}

/**
 * The tensor's elements in row-major order as a TypedArray of its dtype (float16 as binary16 bits in
 * a Uint16Array, bool as 0/1 in a Uint8Array, int64 as a BigInt64Array). When the tensor is
 * contiguous this is a view of its storage (no copy, writes are shared); otherwise, or with
 * `{ copy: true }`, a fresh copy with its own buffer.
 * @example
 * const t = torch.arange(6).float();
 * t.toTypedArray();                    // Float32Array [0, 1, 2, 3, 4, 5], shares memory
 * t.view(2, 3).t().toTypedArray();     // Float32Array [0, 3, 1, 4, 2, 5], a copy
 */
export function toTypedArray<N extends DTypeName>(self: Tensor<N>, options?: ToTypedArrayOptions): TypedArrayOf<N> {
  // The array is the storage's, or a new one of the same dtype.
  return toTypedArrayImpl(self, options) as TypedArrayOf<N>;
}
function toTypedArrayImpl(self: Tensor, options?: ToTypedArrayOptions): TypedArray {
  checkTensor('toTypedArray', self, 'self');
  if (self.isMeta) throw noData('toTypedArray');
  const n = self.numel();
  const data = self._storage.data;
  checkAttached(data, 'toTypedArray');
  if (isContiguous(self)) {
    // An empty tensor's offset may lie past the storage's end; subarray/slice clamp it.
    return options?.copy ? data.slice(self._offset, self._offset + n) : data.subarray(self._offset, self._offset + n);
  }
  const arr = new self.dtype.arrayType(n);
  copyInto(makeTensor(new Storage(self.dtype, arr), 0, self.shape, contiguousStrides(self.shape)), self);
  return arr;
}

/** Methods the numpy bridge adds to Tensor. */
export interface NumpyMethods<N extends DTypeName = DTypeName> {
  /**
   * An ndarray-compatible view sharing this tensor's memory (PyTorch's `.numpy()`); see NdArrayView.
   * @example
   * const a = torch.zeros(2, 3).numpy();   // a.data is the storage's Float32Array
   * a.set(0, 1, 7);                        // the tensor sees it
   */
  numpy(): NdArrayView<TypedArrayOf<N>>;
  /**
   * Elements in row-major order as a TypedArray: shared when contiguous, else (or with `{ copy: true }`) a copy.
   * @example
   * torch.arange(4).toTypedArray();   // BigInt64Array [0n, 1n, 2n, 3n]
   */
  toTypedArray(options?: ToTypedArrayOptions): TypedArrayOf<N>;
}

/**
 * Installs `numpy` and `toTypedArray` on Tensor.prototype.
 * @example installNumpyMethods(Tensor.prototype as unknown as Record<string, unknown>);
 */
export function installNumpyMethods(proto: Record<string, unknown>): void {
  proto.numpy = function (this: Tensor) {
    return numpy(this);
  };
  proto.toTypedArray = function (this: Tensor, options?: ToTypedArrayOptions) {
    return toTypedArray(this, options);
  };
}

// ---- helpers ----

function isPlainOptions(x: unknown): boolean {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !ArrayBuffer.isView(x);
}

function elementCount(op: string, data: ArrayBufferView): number {
  if (data instanceof DataView) throw new TorchTypeError(`${op}: a DataView has no element type; pass a TypedArray`);
  return (data as unknown as ArrayLike<number>).length;
}

function checkSizes(op: string, what: string, sizes: ArrayLike<number>): number[] {
  if (sizes === null || typeof sizes !== 'object' || typeof sizes.length !== 'number')
    throw new TorchTypeError(`${op}: ${what} must be an array of sizes, got ${describe(sizes)}`);
  const out = Array.from(sizes);
  for (const s of out)
    if (!Number.isSafeInteger(s) || s < 0)
      throw new TorchSizeError(`${op}: ${what} must hold non-negative integers, got [${out.map(String).join(', ')}]`);
  return out;
}

function checkStrides(op: string, strides: ArrayLike<number>, shape: readonly number[]): number[] {
  if (strides === null || typeof strides !== 'object' || typeof strides.length !== 'number')
    throw new TorchTypeError(`${op}: stride must be an array, got ${describe(strides)}`);
  const out = Array.from(strides);
  if (out.length !== shape.length)
    throw new TorchSizeError(`${op}: stride ${fmtSize(out)} has ${out.length} entries for size ${fmtSize(shape)} of ${shape.length} dims`);
  for (let d = 0; d < out.length; d++) {
    const s = out[d]!;
    if (!Number.isSafeInteger(s)) throw new TorchTypeError(`${op}: strides must be integers, got ${fmtSize(out)}`);
    if (s < 0 && shape[d]! > 1)
      throw new TorchTypeError(
        `${op}: stride ${fmtSize(out)} has a negative entry; tensors cannot have negative strides (as in PyTorch). ` +
          'Copy the array into a positively strided one first (e.g. ndarray-ops assign into a fresh ndarray).',
      );
    if (s < 0) out[d] = 0; // a dim of size 0 or 1 never uses its stride
  }
  return out;
}

function lookupDtype(op: string, name: string): DType {
  try {
    return dtypeFromName(name);
  } catch {
    throw new TorchTypeError(`${op}: unknown dtype '${name}'`);
  }
}

const globalFloat16 = (globalThis as { Float16Array?: new (...a: never[]) => ArrayBufferView }).Float16Array;

/** The data as the TypedArray class a storage of the dtype holds, sharing memory; throws when it cannot. */
function shareableArray(op: string, data: ArrayBufferView, dtype: DType | undefined): TypedArray {
  const name = data.constructor?.name ?? 'ArrayBufferView';
  elementCount(op, data);
  const reinterpret = <T extends TypedArray>(ctor: new (b: ArrayBufferLike, o: number, n: number) => T, itemsize: number): T =>
    new ctor(data.buffer, data.byteOffset, data.byteLength / itemsize);
  if (data instanceof Uint8ClampedArray) data = reinterpret(Uint8Array, 1);
  if (globalFloat16 && data instanceof globalFloat16) data = reinterpret(Uint16Array, 2);
  if (dtype === undefined) return data as TypedArray;
  const ok =
    dtype === bool ? data instanceof Uint8Array : dtype === float16 ? data instanceof Uint16Array : data instanceof dtype.arrayType;
  if (!ok) {
    const wants = dtype === bool ? 'Uint8Array of 0/1' : dtype === float16 ? 'Uint16Array of binary16 bits' : dtype.arrayType.name;
    throw new TorchTypeError(`${op}: dtype ${dtype} needs a ${wants} to share, got ${name}; convert with .to(dtype) after sharing`);
  }
  return data as TypedArray;
}

function dtypeOfArray(op: string, arr: ArrayBufferView): DType {
  if (arr instanceof Float32Array) return float32;
  if (arr instanceof Float64Array) return float64;
  if (arr instanceof Int32Array) return int32;
  if (arr instanceof Int16Array) return int16;
  if (arr instanceof Int8Array) return int8;
  if (arr instanceof Uint8Array) return uint8;
  if (arr instanceof BigInt64Array) return int64;
  if (arr instanceof Uint16Array)
    throw new TorchTypeError(`${op}: Uint16Array (uint16) has no torch dtype; pass { dtype: torch.float16 } if it holds float16 bits`);
  throw new TorchTypeError(`${op}: ${arr.constructor?.name ?? 'this array'} has no torch dtype (torch has no uint32/uint64); convert it first`);
}
