/**
 * Writes JavaScript values in Torch7's serialization format (see format.ts), so that Lua Torch's
 * `torch.load` reads them: null, numbers, strings, booleans, arrays (tables keyed 1..n), plain objects
 * and Maps (tables), tensors and storages (each storage written once, so views stay views), `T7Object`s
 * and objects that describe themselves with `toT7()` (legacy nn modules).
 */
import { int64, Storage, Tensor } from '@torch/core';
import { T7Object, TAG, TorchT7Error, typeWordOf } from './format';
import type { T7Encoding } from './source';

/** An object that writes itself as a Torch7 class instance. */
export interface T7Writable {
  /** The Torch7 class name and the fields to write as its table. */
  toT7(): { typename: string; fields: Record<string, unknown> };
}

/** Options of `save`. */
export type T7SaveOptions = Partial<T7Encoding>;

/** Encodes `value` as the bytes of a `.t7` file. @internal */
export function writeT7(value: unknown, options: T7SaveOptions = {}): Buffer {
  const encoding: T7Encoding = { mode: options.mode ?? 'binary', longSize: options.longSize ?? 8, endian: options.endian ?? 'little' };
  if (encoding.mode !== 'binary' && encoding.mode !== 'ascii') throw new TorchT7Error(`save: mode must be 'binary' or 'ascii', got ${String(encoding.mode)}`);
  if (encoding.longSize !== 8 && encoding.longSize !== 4) throw new TorchT7Error(`save: longSize must be 8 or 4, got ${String(encoding.longSize)}`);
  const w = new Writer(encoding);
  w.object(value, '<root>');
  return w.finish();
}

class Writer {
  private readonly chunks: Buffer[] = [];
  /** Reference indices by object identity (the Storage object for storages: never its ArrayBuffer). */
  private readonly indices = new Map<object, number>();
  private readonly path: string[] = [];

  constructor(private readonly enc: T7Encoding) {}

  finish(): Buffer {
    return Buffer.concat(this.chunks);
  }

  object(value: unknown, name: string): void {
    this.path.push(name);
    if (value === null || value === undefined) this.int(TAG.nil);
    else if (typeof value === 'number') {
      this.int(TAG.number);
      this.double(value);
    } else if (typeof value === 'boolean') {
      this.int(TAG.boolean);
      this.int(value ? 1 : 0);
    } else if (typeof value === 'string') {
      this.int(TAG.string);
      this.string(value);
    } else if (typeof value === 'object') this.reference(value);
    else throw new TorchT7Error(`save: cannot write a ${typeof value} at ${this.path.join('.')}`);
    this.path.pop();
  }

  /** Tables and torch objects: an index, and the contents the first time only. */
  private reference(value: object): void {
    const isTorch = value instanceof Tensor || value instanceof Storage || value instanceof T7Object || isWritable(value);
    this.int(isTorch ? TAG.torch : TAG.table);
    const known = this.indices.get(value);
    if (known !== undefined) return this.int(known);
    const index = this.indices.size + 1;
    this.indices.set(value, index);
    this.int(index);
    if (value instanceof Tensor) return this.tensor(value);
    if (value instanceof Storage) return this.storage(value);
    if (value instanceof T7Object) return this.torchClass(value.typename, value.fields);
    if (isWritable(value)) {
      const { typename, fields } = value.toT7();
      return this.torchClass(typename, fields);
    }
    this.table(value);
  }

  private table(value: object): void {
    const all: [unknown, unknown][] = Array.isArray(value) ? value.map((v, i) => [i + 1, v]) : value instanceof Map ? [...value.entries()] : Object.entries(value);
    // A Lua table has no nil values: null and undefined entries are left out, as Lua's pairs() would.
    const entries = all.filter(([, v]) => v !== undefined && v !== null);
    this.int(entries.length);
    for (const [k, v] of entries) {
      this.object(k, 'key');
      this.object(v, String(k));
    }
  }

  private torchClass(typename: string, fields: Record<string, unknown>): void {
    this.string('V 1');
    this.string(typename);
    this.object(fields, typename);
  }

  private tensor(t: Tensor): void {
    const word = typeWordOf(t.dtype);
    if (!word) throw new TorchT7Error(`save: Torch7 has no ${t.dtype.name} tensors (at ${this.path.join('.')}); convert with .byte() first`);
    this.string('V 1');
    this.string(`torch.${word}Tensor`);
    const nd = t.numel() === 0 ? 0 : t.dim();
    this.int(nd);
    for (let d = 0; d < nd; d++) this.long(t.size(d));
    for (let d = 0; d < nd; d++) this.long(t.stride(d));
    this.long(t.storageOffset() + 1);
    this.object(nd === 0 ? null : t.storage(), 'storage');
  }

  private storage(s: Storage): void {
    const word = typeWordOf(s.dtype);
    if (!word) throw new TorchT7Error(`save: Torch7 has no ${s.dtype.name} storages (at ${this.path.join('.')})`);
    this.string('V 1');
    this.string(`torch.${word}Storage`);
    this.long(s.size());
    if (this.enc.mode === 'ascii') return this.asciiElements(s);
    const data = s.data;
    if (s.dtype === int64 && this.enc.longSize === 4) {
      const out = Buffer.alloc(4 * data.length);
      (data as BigInt64Array).forEach((v, i) => out.writeInt32LE(Number(BigInt.asIntN(32, v)), 4 * i));
      return this.push(this.enc.endian === 'big' ? out.swap32() : out);
    }
    const bytes = Buffer.from(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (this.enc.endian === 'big' && s.dtype.itemsize > 1) {
      const copy = Buffer.from(bytes);
      for (let i = 0; i < copy.length; i += s.dtype.itemsize) copy.subarray(i, i + s.dtype.itemsize).reverse();
      return this.push(copy);
    }
    this.push(bytes);
  }

  /** Torch7's ascii storages: raw bytes for Byte/Char, space-separated numbers otherwise, then a newline. */
  private asciiElements(s: Storage): void {
    if (s.size() === 0) return;
    if (s.dtype.itemsize === 1) {
      this.push(Buffer.from(new Uint8Array(s.data.buffer, s.data.byteOffset, s.size())));
      return this.push(Buffer.from('\n'));
    }
    const digits = s.dtype.name === 'float64' ? 17 : 9;
    const text = s.tolist().map((v) => (s.dtype.isFloatingPoint ? formatReal(v, digits) : String(v)));
    this.push(Buffer.from(text.join(' ') + '\n'));
  }

  private string(s: string): void {
    const bytes = Buffer.from(s, 'utf8');
    this.int(bytes.length);
    if (this.enc.mode === 'binary') return this.push(bytes);
    if (bytes.length > 0) this.push(Buffer.concat([bytes, Buffer.from('\n')]));
  }

  private int(v: number): void {
    if (this.enc.mode === 'ascii') return this.push(Buffer.from(`${v}\n`));
    const b = Buffer.alloc(4);
    if (this.enc.endian === 'little') b.writeInt32LE(v);
    else b.writeInt32BE(v);
    this.push(b);
  }

  private long(v: number): void {
    if (this.enc.mode === 'ascii') return this.push(Buffer.from(`${v}\n`));
    if (this.enc.longSize === 4) return this.int(v);
    const b = Buffer.alloc(8);
    if (this.enc.endian === 'little') b.writeBigInt64LE(BigInt(v));
    else b.writeBigInt64BE(BigInt(v));
    this.push(b);
  }

  private double(v: number): void {
    if (this.enc.mode === 'ascii') return this.push(Buffer.from(`${formatReal(v, 17)}\n`));
    const b = Buffer.alloc(8);
    if (this.enc.endian === 'little') b.writeDoubleLE(v);
    else b.writeDoubleBE(v);
    this.push(b);
  }

  private push(b: Buffer): void {
    this.chunks.push(b);
  }
}

function isWritable(v: object): v is T7Writable {
  return typeof (v as Partial<T7Writable>).toT7 === 'function';
}

/** C's "%.{digits}g" for the values Torch7 writes, with its spellings of the non-finite ones. */
function formatReal(v: number, digits: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  return String(Number(v.toPrecision(digits)));
}
