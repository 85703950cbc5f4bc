/**
 * Storage: a flat buffer of one dtype that tensors view (DESIGN.md §3). CPU storage is a JS
 * TypedArray, so the garbage collector owns it and views into it are free.
 */
import { Buffer, constants as bufferConstants } from 'node:buffer';
import { markAsUntransferable } from 'node:worker_threads';
import { bool, float16, int64, type DType, type TypedArray, dtypes } from './dtype';
import { TorchDetachedError, TorchIndexError, TorchSizeError, TorchTypeError } from './errors';
import { halfToNumber, numberToHalf } from './half';
import { native } from './native';
import { noteLargeAllocation } from './young-gc';
import { poolBuffer, takePooledBuffer } from './buffer-pool';
import type { Backend } from './backend/contract';
import type { Device } from './backend/device';

/** Below this many bytes, zero-filled `new TypedArray(n)` is faster than an uninitialised allocation. */
const SMALL_ALLOCATION = 1 << 16;
/**
 * Buffers up to this size are carved out of shared 64 KiB slabs: a view on an existing ArrayBuffer costs
 * ~50 ns where a new small ArrayBuffer costs ~300 ns plus GC work, which dominated small ops (as Node's
 * Buffer pool does). A slab is freed when every tensor carved from it is; it is never reused, so fresh
 * slab memory is zero-filled.
 *
 * A slab is marked untransferable (as Node marks its Buffer pool): transferring one small tensor's
 * `numpy().data.buffer` to a worker would otherwise detach the whole slab under every unrelated tensor
 * carved from it. With the mark, `postMessage`/`structuredClone` copy the slab instead (Node 20) or
 * throw a DataCloneError (Node 21+); docs/tensors.md has the details.
 */
const SLAB_MAX = 4096;
const SLAB_SIZE = 1 << 16;
let slab = newSlab();
/** Storages created so far (Storage._created). */
let created = 0;
let slabUsed = 0;

function newSlab(): ArrayBuffer {
  const buffer = new ArrayBuffer(SLAB_SIZE);
  markAsUntransferable(buffer);
  return buffer;
}

/**
 * Counts of CPU storage memory handed out since the process started: every storage whose memory this
 * module allocated (zero-filled, copied or uninitialised; not a wrap of an existing TypedArray) adds one
 * to `storages` and its size to `bytes`. Tests and `pnpm bench` read it around a warmed-up step to show
 * that the step reuses its buffers (`storageAllocations()` before and after).
 */
const allocations = { storages: 0, bytes: 0, reused: 0, reusedBytes: 0 };

/**
 * A snapshot of the CPU storage allocation counters (storages and bytes allocated so far, and how many of
 * them reused a buffer that a backward pass released: `reused`, `reusedBytes`); subtract two snapshots to
 * see what the code between them allocated. Counting costs two additions per allocation.
 * @example
 * const before = torch.storageAllocations();
 * net.forward(x);
 * const after = torch.storageAllocations();
 * after.storages - before.storages;   // 0 once the network's buffers are warmed up
 */
export function storageAllocations(): { storages: number; bytes: number; reused: number; reusedBytes: number } {
  return { ...allocations };
}

/** A buffer released by a backward pass for a storage of `bytes` bytes (counted as reused), or undefined. */
function reusedBuffer(bytes: number): ArrayBuffer | undefined {
  const buffer = takePooledBuffer(bytes);
  if (buffer !== undefined) {
    allocations.reused++;
    allocations.reusedBytes += bytes;
  }
  return buffer;
}

/** A zero-filled TypedArray of n elements, from a slab when small. */
function zeroedArray(dtype: DType, n: number): TypedArray {
  const bytes = n * dtype.itemsize;
  allocations.storages++;
  allocations.bytes += bytes;
  if (bytes > SLAB_MAX) {
    const pooled = reusedBuffer(bytes);
    if (pooled !== undefined) return new dtype.arrayType(new Uint8Array(pooled).fill(0).buffer, 0, n);
    noteLargeAllocation(bytes);
    try {
      return new dtype.arrayType(n);
    } catch (e) {
      // Within the largest buffer size but more than the process can get (Node 24 allows 2^53-byte buffers).
      if (e instanceof RangeError) throw new TorchSizeError(`Storage: cannot allocate ${n} elements of ${dtype} (${bytes} bytes): out of memory`);
      throw e;
    }
  }
  // A slab detached anyway (a runtime that ignores the mark) reads as 0 bytes: start a fresh one.
  if (slabUsed + bytes > SLAB_SIZE || slab.byteLength === 0) {
    slab = newSlab();
    slabUsed = 0;
  }
  const arr = new dtype.arrayType(slab, slabUsed, n);
  slabUsed += (bytes + 63) & ~63; // cache-line aligned starts
  return arr;
}

/**
 * A flat, typed, 0-based array of elements that tensors view.
 * @example
 * const s = new torch.FloatStorage(4);   // or new torch.Storage(torch.float32, 4)
 * s.set(0, 1.5);
 * s.get(0);   // 1.5
 * const t = new torch.FloatTensor(s);   // a 1-D tensor sharing s's memory
 */
export class Storage {
  /** How many storages have been created; autograd compares `_serial` with it. @internal */
  static get _created(): number {
    return created;
  }
  /** Creation order: autograd tells buffers made during a backward pass (which user code cannot hold) from older ones. @internal */
  readonly _serial = created++;
  /** Elements, as the TypedArray for the dtype (float16 as raw bits, int64 as BigInt64Array). */
  data: TypedArray;
  /** Bumped by every in-place write through a tensor of this storage (autograd checks it). */
  version = 0;
  /** True when `data` is the whole of an ArrayBuffer this module allocated for this storage alone (releaseStorage may pool it). @internal */
  _ownsBuffer = false;
  /** The backend of this storage's device; ops dispatch their kernels through it (set on the prototype by backend/cpu.ts and backend/meta.ts). */
  declare readonly backend: Backend;

  /** The device this storage lives on. @example new torch.FloatStorage(2).device.type // 'cpu' */
  get device(): Device {
    return this.backend.device;
  }

  /**
   * @param dtype element type
   * @param sizeOrData element count (zero-filled) or a TypedArray/array to wrap (a TypedArray of the
   *   dtype's array type is shared, anything else is copied)
   */
  constructor(
    readonly dtype: DType,
    sizeOrData: number | TypedArray | ArrayLike<number> = 0,
  ) {
    if (typeof sizeOrData === 'number') {
      if (!Number.isSafeInteger(sizeOrData) || sizeOrData < 0)
        throw new TorchIndexError(`Storage: size must be a non-negative integer, got ${sizeOrData}`);
      if (sizeOrData * dtype.itemsize > bufferConstants.MAX_LENGTH)
        throw new TorchSizeError(`Storage: cannot allocate ${sizeOrData} elements of ${dtype}: more than the largest buffer, ${bufferConstants.MAX_LENGTH} bytes`);
      this.data = zeroedArray(dtype, sizeOrData);
      this._ownsBuffer = sizeOrData * dtype.itemsize > SLAB_MAX;
    } else if (sizeOrData instanceof dtype.arrayType) {
      this.data = sizeOrData;
    } else {
      this.data = zeroedArray(dtype, sizeOrData.length);
      for (let i = 0; i < sizeOrData.length; i++) this.set(i, Number(sizeOrData[i]));
    }
  }

  /**
   * A storage of n elements whose contents are undefined (like `torch.empty`): large buffers skip the
   * zero fill and come from the C heap rather than fresh pages.
   * @example const s = torch.Storage.allocate(torch.float32, 1e6);
   */
  static allocate(dtype: DType, n: number, op = 'Storage.allocate'): Storage {
    const bytes = n * dtype.itemsize;
    if (bytes < SMALL_ALLOCATION) return newStorage(dtype, n);
    let data: TypedArray;
    const pooled = reusedBuffer(bytes);
    if (pooled !== undefined) data = new dtype.arrayType(pooled, 0, n);
    else {
      noteLargeAllocation(bytes);
      const buf = bigBuffer(op, dtype, n, bytes);
      data = new dtype.arrayType(buf.buffer, buf.byteOffset, n);
      // 2 MiB pages for the heap's new memory and for buffers of 4 MiB or more: one TLB entry and one
      // page fault per 2 MiB instead of per 4 KiB (~25% on a 1e7 add).
      native.adviseHugePages(data);
    }
    allocations.storages++;
    allocations.bytes += bytes;
    const storage = newStorage(dtype, data);
    storage._ownsBuffer = true;
    return storage;
  }

  /** Number of elements. @example new torch.FloatStorage(3).size() // 3 */
  size(): number {
    return this.data.length;
  }

  /** Reads element i as a number (float16 decoded; int64 throws beyond 2^53; bool as 0/1). @example s.get(0) */
  get(i: number): number {
    if (!(i >= 0 && i < this.data.length)) {
      checkAttached(this.data, 'Storage.get');
      throw new TorchIndexError(`Storage.get: index ${i} out of range for size ${this.data.length}`);
    }
    return readElement(this.data, this.dtype, i);
  }

  /** Writes element i, converting like a tensor copy. @example s.set(0, 2) */
  set(i: number, value: number): this {
    if (!(i >= 0 && i < this.data.length)) {
      checkAttached(this.data, 'Storage.set');
      throw new TorchIndexError(`Storage.set: index ${i} out of range for size ${this.data.length}`);
    }
    writeElement(this.data, this.dtype, i, value);
    return this;
  }

  /** Fills every element. @example new torch.FloatStorage(3).fill_(1) */
  fill_(value: number): this {
    checkAttached(this.data, 'Storage.fill_');
    for (let i = 0; i < this.data.length; i++) writeElement(this.data, this.dtype, i, value);
    return this;
  }

  /** True when this storage's memory was transferred to another thread (detached); every access then throws. @example s.isDetached() // false */
  isDetached(): boolean {
    return this.data.length === 0 && isDetachedBuffer(this.data.buffer);
  }

  /** The elements as a plain array of numbers. @example new torch.FloatStorage(2).tolist() // [0, 0] */
  tolist(): number[] {
    checkAttached(this.data, 'Storage.tolist');
    const out = new Array<number>(this.data.length);
    for (let i = 0; i < out.length; i++) out[i] = readElement(this.data, this.dtype, i);
    return out;
  }

  /** 'torch.FloatStorage'. @example new torch.FloatStorage(2).type() */
  type(): string {
    return `torch.${this.dtype.typeWord}Storage`;
  }
}

// Outside the class body, so that the bundle keeps the class's name (docs/packaging.md).
function newStorage(dtype: DType, sizeOrData: number | TypedArray): Storage {
  return new Storage(dtype, sizeOrData);
}

/**
 * An uninitialised buffer of `bytes` bytes: sizes past what a buffer can hold, or what the process
 * cannot get, are a TorchSizeError naming the op rather than Node's internal RangeError.
 */
function bigBuffer(op: string, dtype: DType, n: number, bytes: number): Buffer {
  const fail = (why: string) =>
    new TorchSizeError(`${op}: cannot allocate ${n} elements of ${dtype} (${bytes} bytes): ${why}`);
  if (!(bytes <= bufferConstants.MAX_LENGTH)) throw fail(`more than the largest buffer, ${bufferConstants.MAX_LENGTH} bytes`);
  try {
    return Buffer.allocUnsafeSlow(bytes);
  } catch (e) {
    if (e instanceof RangeError) throw fail('out of memory');
    throw e;
  }
}

/**
 * True for a detached ArrayBuffer (transferred away). Node 20 has no `ArrayBuffer.prototype.detached`;
 * constructing a view on a detached buffer throws, on any other it does not. Only called on the rare
 * path where an array reads as empty. @internal
 */
export function isDetachedBuffer(buffer: ArrayBufferLike): boolean {
  if (buffer.byteLength !== 0) return false;
  try {
    new Uint8Array(buffer);
    return false;
  } catch {
    return true;
  }
}

/** Throws TorchDetachedError naming `op` when `data`'s memory was transferred away. @internal */
export function checkAttached(data: TypedArray, op: string): void {
  if (data.length === 0 && isDetachedBuffer(data.buffer)) throw detachedError(op, data);
}

function detachedError(op: string, data: TypedArray): TorchDetachedError {
  if (releasedBuffers.has(data.buffer))
    return new TorchDetachedError(
      `${op}: this tensor's memory went back to the buffer pool after a backward pass found nothing referencing it; reaching it means autograd's proof was wrong (please report the code that got here; TORCH_BUFFER_POOL=0 turns the reuse off)`,
    );
  return new TorchDetachedError(
    `${op}: a tensor's memory was detached (its ArrayBuffer was transferred to another thread with postMessage or structuredClone); the tensor can no longer be read or written`,
  );
}

/** One empty, detached array per array type: what a released storage's `data` becomes, so that any later access throws. */
const releasedArrays = new Map<unknown, TypedArray>();
/** Their (detached) buffers, which tell a released storage from a transferred one in messages. */
const releasedBuffers = new WeakSet<ArrayBufferLike>();

function releasedArray(dtype: DType): TypedArray {
  let array = releasedArrays.get(dtype.arrayType);
  if (array === undefined) {
    const buffer = new ArrayBuffer(0);
    array = new dtype.arrayType(buffer, 0, 0);
    structuredClone(buffer, { transfer: [buffer] });
    releasedArrays.set(dtype.arrayType, array);
    releasedBuffers.add(buffer);
  }
  return array;
}

/** False under TORCH_BUFFER_POOL=0, which keeps every buffer out of the pool (to rule it out when debugging). */
const poolEnabled = process.env.TORCH_BUFFER_POOL !== '0';

/**
 * Gives a storage's buffer to the pool that backward passes allocate from (buffer-pool.ts), once the
 * caller has proved that nothing will read or write the storage again (autograd does, for gradients its
 * backward pass made and consumed). The storage then reads as detached, so that a wrong proof throws on
 * the next access instead of sharing memory with whoever reuses the buffer. Storages that do not own a
 * whole buffer (slab carvings, wraps of user arrays) are left alone. Returns whether the buffer was pooled.
 * @internal
 */
export function releaseStorage(storage: Storage): boolean {
  if (!(storage instanceof Storage)) throw new TorchTypeError(`releaseStorage: expected a Storage, got ${typeof storage}`);
  if (!poolEnabled || !storage._ownsBuffer || !poolBuffer(storage.data.buffer as ArrayBuffer)) return false;
  storage._ownsBuffer = false;
  storage.data = releasedArray(storage.dtype);
  return true;
}

/**
 * Reads one element as a number. An element past the array's end (which only a detached array, read
 * as empty, can give a valid tensor) throws instead of returning undefined. @internal
 */
export function readElement(data: TypedArray, dtype: DType, i: number, op = 'read'): number {
  const v = data[i];
  if (v === undefined) {
    checkAttached(data, op);
    throw new TorchIndexError(`${op}: element ${i} is outside its storage of ${data.length} elements`);
  }
  if (dtype === int64) {
    if ((v as bigint) > 9007199254740991n || (v as bigint) < -9007199254740991n)
      throw new TorchTypeError(`int64 element ${v} cannot be read as a number without losing precision; read the BigInt64Array directly`);
    return Number(v);
  }
  if (dtype === float16) return halfToNumber(v as number);
  return v as number;
}

/** Writes one element from a number with the conversion a tensor copy applies. @internal */
export function writeElement(data: TypedArray, dtype: DType, i: number, v: number): void {
  if (dtype === int64) (data as BigInt64Array)[i] = BigInt(Number.isFinite(v) ? Math.trunc(v) : 0);
  else if (dtype === float16) data[i] = numberToHalf(v);
  else if (dtype === bool) data[i] = v !== 0 ? 1 : 0;
  else if (dtype.isIntegral) data[i] = Number.isFinite(v) ? Math.trunc(v) : 0;
  else data[i] = v;
}

/** A constructor for one dtype's storage, as `torch.FloatStorage`. */
export interface TypedStorageConstructor {
  new (sizeOrData?: number | TypedArray | ArrayLike<number>): Storage;
  readonly dtype: DType;
  [Symbol.hasInstance](x: unknown): boolean;
}

function typedStorage(dtype: DType): TypedStorageConstructor {
  const ctor = function (this: unknown, sizeOrData?: number | TypedArray | ArrayLike<number>) {
    if (!new.target) throw new TypeError(`${dtype.typeWord}Storage must be called with new`);
    return new Storage(dtype, sizeOrData);
  } as unknown as TypedStorageConstructor;
  Object.defineProperty(ctor, 'name', { value: `${dtype.typeWord}Storage` });
  Object.defineProperty(ctor, 'dtype', { value: dtype });
  Object.defineProperty(ctor, Symbol.hasInstance, { value: (x: unknown) => x instanceof Storage && x.dtype === dtype });
  return ctor;
}

const [F, D, H, L, I, S, C, B, Bo] = dtypes.map(typedStorage) as TypedStorageConstructor[];
/** float32 storage. @example new torch.FloatStorage(4) */
export const FloatStorage = F!;
/** float64 storage. @example new torch.DoubleStorage(4) */
export const DoubleStorage = D!;
/** float16 storage. @example new torch.HalfStorage(4) */
export const HalfStorage = H!;
/** int64 storage. @example new torch.LongStorage(4) */
export const LongStorage = L!;
/** int32 storage. @example new torch.IntStorage(4) */
export const IntStorage = I!;
/** int16 storage. @example new torch.ShortStorage(4) */
export const ShortStorage = S!;
/** int8 storage. @example new torch.CharStorage(4) */
export const CharStorage = C!;
/** uint8 storage. @example new torch.ByteStorage(4) */
export const ByteStorage = B!;
/** bool storage. @example new torch.BoolStorage(4) */
export const BoolStorage = Bo!;
