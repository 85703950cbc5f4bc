/**
 * The two encodings of a `.t7` file, behind one cursor: binary (Torch7's default: native byte order,
 * 4-byte ints, 8-byte doubles, longs of 8 or 4 bytes) and ascii (numbers as text separated by spaces and
 * newlines; chars and bytes raw). Every read checks the bytes left first, so a truncated or hostile file
 * gives an error instead of a read past the end or an absurd allocation.
 */
import { int16, int32, int64, int8, Storage, uint8, type DType } from '@torch/core';
import { TorchT7Error } from './format';

/** How a file's numbers are laid out. */
export interface T7Encoding {
  /** 'binary' (Torch7's default) or 'ascii'. */
  mode: 'binary' | 'ascii';
  /** Bytes per long in binary files: 8 (64-bit Torch, the default) or 4 (Torch7's 'b32'). */
  longSize: 4 | 8;
  /** Byte order of binary files; Torch7 wrote the machine's own, little-endian on x86 and ARM. */
  endian: 'little' | 'big';
}

/** A cursor over the bytes of a `.t7` file. @internal */
export interface T7Source {
  readInt(): number;
  readLong(): number;
  readDouble(): number;
  /** n raw bytes (a string's characters). */
  readBytes(n: number): Uint8Array;
  /** A storage of n elements of dtype read from the file. */
  readStorage(dtype: DType, n: number): Storage;
  /** An upper bound on how many more elements of `bytesPerElement` bytes the file can still hold. */
  capacity(bytesPerElement: number): number;
  /** Where the cursor is, for messages. */
  readonly position: number;
}

/** A cursor for `encoding` over `bytes`. @internal */
export function openSource(bytes: Uint8Array, encoding: T7Encoding): T7Source {
  return encoding.mode === 'binary' ? new BinarySource(bytes, encoding) : new AsciiSource(bytes);
}

function truncated(what: string, at: number, need: number, left: number): TorchT7Error {
  return new TorchT7Error(`load: truncated file: ${what} at byte ${at} needs ${need} bytes, ${left} left`);
}

function checkLong(v: bigint | number, at: number): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new TorchT7Error(`load: long ${v} at byte ${at} is beyond 2^53`);
  return n;
}

class BinarySource implements T7Source {
  position = 0;
  private readonly view: DataView;
  private readonly little: boolean;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly encoding: T7Encoding,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.little = encoding.endian === 'little';
  }

  private take(n: number, what: string): number {
    const left = this.bytes.length - this.position;
    if (n > left) throw truncated(what, this.position, n, left);
    const at = this.position;
    this.position += n;
    return at;
  }

  readInt(): number {
    return this.view.getInt32(this.take(4, 'an int'), this.little);
  }

  readLong(): number {
    if (this.encoding.longSize === 4) return this.view.getInt32(this.take(4, 'a long'), this.little);
    const at = this.take(8, 'a long');
    return checkLong(this.view.getBigInt64(at, this.little), at);
  }

  readDouble(): number {
    return this.view.getFloat64(this.take(8, 'a double'), this.little);
  }

  readBytes(n: number): Uint8Array {
    const at = this.take(n, `a string of ${n} bytes`);
    return this.bytes.subarray(at, at + n);
  }

  capacity(bytesPerElement: number): number {
    return Math.floor((this.bytes.length - this.position) / bytesPerElement);
  }

  readStorage(dtype: DType, n: number): Storage {
    const fileItem = dtype === int64 ? this.encoding.longSize : dtype.itemsize;
    const at = this.take(n * fileItem, `a ${dtype.name} storage of ${n} elements`);
    const storage = Storage.allocate(dtype, n);
    const src = this.bytes.subarray(at, at + n * fileItem);
    if (dtype === int64 && fileItem === 4) {
      const out = storage.data as BigInt64Array;
      for (let i = 0; i < n; i++) out[i] = BigInt(this.view.getInt32(at + 4 * i, this.little));
      return storage;
    }
    const dst = new Uint8Array(storage.data.buffer, storage.data.byteOffset, n * fileItem);
    dst.set(src);
    if (!this.little && fileItem > 1) swapBytes(dst, fileItem);
    return storage;
  }
}

/** Reverses the bytes of each `width`-byte element in place (big-endian files on little-endian hosts). */
function swapBytes(bytes: Uint8Array, width: number): void {
  for (let i = 0; i < bytes.length; i += width) bytes.subarray(i, i + width).reverse();
}

const SPACE = new Set([0x20, 0x0a, 0x0d, 0x09, 0x0b, 0x0c]);
const NEWLINE = 0x0a;

/** Torch7's ascii files: each write of n elements is n space-separated numbers and a newline. */
class AsciiSource implements T7Source {
  position = 0;

  constructor(private readonly bytes: Uint8Array) {}

  /** The next whitespace-separated token, as fscanf reads it. */
  private token(what: string): string {
    const b = this.bytes;
    while (this.position < b.length && SPACE.has(b[this.position]!)) this.position++;
    const start = this.position;
    while (this.position < b.length && !SPACE.has(b[this.position]!)) this.position++;
    if (start === this.position) throw truncated(what, start, 1, 0);
    return String.fromCharCode(...b.subarray(start, Math.min(this.position, start + 64)));
  }

  /** Torch7 ends each write with a newline, which the matching read consumes. */
  private endOfWrite(): void {
    if (this.bytes[this.position] === NEWLINE) this.position++;
  }

  private integer(what: string, min: number, max: number): number {
    const at = this.position;
    const text = this.token(what);
    if (!/^[+-]?\d+$/.test(text)) throw new TorchT7Error(`load: expected ${what} at byte ${at}, found '${text}'`);
    const v = Number(text);
    if (!(v >= min && v <= max)) throw new TorchT7Error(`load: ${what} ${text} at byte ${at} is out of range`);
    return v;
  }

  private real(what: string): number {
    const at = this.position;
    const text = this.token(what).toLowerCase();
    const v = text === 'inf' || text === '+inf' ? Infinity : text === '-inf' ? -Infinity : /^[+-]?nan/.test(text) ? NaN : Number(text);
    if (Number.isNaN(v) && !text.includes('nan')) throw new TorchT7Error(`load: expected ${what} at byte ${at}, found '${text}'`);
    return v;
  }

  readInt(): number {
    const v = this.integer('an int', -(2 ** 31), 2 ** 31 - 1);
    this.endOfWrite();
    return v;
  }

  readLong(): number {
    const v = this.integer('a long', -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    this.endOfWrite();
    return v;
  }

  readDouble(): number {
    const v = this.real('a double');
    this.endOfWrite();
    return v;
  }

  readBytes(n: number): Uint8Array {
    const left = this.bytes.length - this.position;
    if (n > left) throw truncated(`a string of ${n} bytes`, this.position, n, left);
    const out = this.bytes.subarray(this.position, this.position + n);
    this.position += n;
    if (n > 0) this.endOfWrite();
    return out;
  }

  capacity(): number {
    // Raw bytes take one byte each; numbers at least one character and one separator.
    return this.bytes.length - this.position;
  }

  readStorage(dtype: DType, n: number): Storage {
    if (dtype === uint8 || dtype === int8) {
      const raw = this.readBytes(n);
      const storage = Storage.allocate(dtype, n);
      new Uint8Array(storage.data.buffer, storage.data.byteOffset, n).set(raw);
      return storage;
    }
    const storage = Storage.allocate(dtype, n);
    const integral: Partial<Record<string, [number, number]>> = {
      [int16.name]: [-32768, 32767], [int32.name]: [-(2 ** 31), 2 ** 31 - 1], [int64.name]: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    };
    const range = integral[dtype.name];
    for (let i = 0; i < n; i++) {
      const v = range ? this.integer(`element ${i} of a ${dtype.name} storage`, range[0], range[1]) : this.real(`element ${i} of a ${dtype.name} storage`);
      storage.set(i, v);
    }
    if (n > 0) this.endOfWrite();
    return storage;
  }
}

