/**
 * numpy's `.npy` format (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html):
 * a magic string, a version, a Python-literal header `{'descr': '<f4', 'fortran_order': False,
 * 'shape': (2, 3), }` and the raw elements. Versions 1.0, 2.0 and 3.0 are read; 1.0 is written (2.0
 * when the header needs it), byte for byte as numpy's `np.save` writes. Decisions are in docs/numpy.md.
 */
import { Buffer } from 'node:buffer';
import { closeSync, fstatSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { bool, float16, float32, float64, int16, int32, int64, int8, uint8, type DType } from '../dtype';
import { fmtSize, TorchTypeError } from '../errors';
import { contiguousStrides, numelOf } from '../shape';
import { checkAttached, Storage } from '../storage';
import { checkTensor, isContiguous, makeTensor, type Tensor } from '../tensor';
import { clone } from '../ops/copy';

/**
 * A file that is not a well-formed `.npy`/`.npz` (bad magic, unparsable header, truncated data,
 * broken zip structure). Unsupported dtypes are `TorchTypeError`s instead.
 * @example
 * try { torch.loadNpy(Buffer.from('hello')); } catch (e) { e instanceof torch.NpyFormatError; } // true
 */
export class NpyFormatError extends Error {
  override name = 'NpyFormatError';
}

/** What can be loaded: a file path, or the file's bytes. */
export type NpySource = string | Uint8Array | ArrayBuffer;

/** A parsed `.npy` header. */
export interface NpyHeader {
  /** Format version, e.g. [1, 0]. */
  version: [number, number];
  /** numpy's dtype string, e.g. '<f4'. */
  descr: string;
  /** Whether the elements are stored column-major. */
  fortranOrder: boolean;
  /** Sizes. */
  shape: number[];
  /** Byte offset of the first element. */
  dataOffset: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
/** numpy pads the header so the data starts on this alignment. */
const ARRAY_ALIGN = 64;
/** numpy leaves room to grow the first (C) or last (Fortran) dim in place: len(str(8*2**64-1)). */
const GROWTH_AXIS_MAX_DIGITS = 21;
/** Like numpy's `max_header_size` default: a longer header is refused rather than parsed. */
const MAX_HEADER_SIZE = 10000;
/** @internal */
export const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** torch dtype → numpy's type code (without the byte-order character). */
const codeOf: Record<string, string> = {
  bool: 'b1', uint8: 'u1', int8: 'i1', int16: 'i2', int32: 'i4', int64: 'i8', float16: 'f2', float32: 'f4', float64: 'f8',
};
const dtypeOfCode: Record<string, DType> = {
  b1: bool, u1: uint8, i1: int8, i2: int16, i4: int32, i8: int64, f2: float16, f4: float32, f8: float64,
};
/** numpy names for the codes we refuse, for the error message. */
const unsupportedNames: Record<string, string> = {
  u2: 'uint16', u4: 'uint32', u8: 'uint64', c8: 'complex64', c16: 'complex128', c32: 'complex256', f12: 'float96', f16: 'float128',
};

/**
 * Reads a `.npy` file (path) or its bytes into a new tensor (nothing is shared with the buffer). Every
 * torch dtype (`'|b1'`, `'|u1'`, `'|i1'`, `'<i2'`, `'<i4'`, `'<i8'`, `'<f2'`, `'<f4'`, `'<f8'`) in
 * either byte order (big-endian input is byte-swapped), C or Fortran order (a Fortran array becomes a
 * tensor with column-major strides, like numpy's), 0-d and empty arrays, header versions 1.0–3.0.
 * Complex, unsigned 16/32/64-bit, object, string, datetime and structured dtypes throw a TorchTypeError.
 * @example
 * const t = torch.loadNpy('weights.npy');
 * const u = torch.loadNpy(fs.readFileSync('weights.npy'));
 */
export function loadNpy(source: NpySource): Tensor {
  if (typeof source !== 'string') return decodeNpy(readSource('loadNpy', source), 'loadNpy');
  // From a file, the elements are read straight into the new storage: no intermediate file buffer.
  const fd = openSync(source, 'r');
  try {
    const read = (into: Uint8Array, at: number) => {
      let done = 0;
      while (done < into.length) {
        const n = readSync(fd, into, done, into.length - done, at + done);
        if (n === 0) break;
        done += n;
      }
      return done;
    };
    return readNpy(fstatSync(fd).size, read, 'loadNpy');
  } finally {
    closeSync(fd);
  }
}

/**
 * Promise form of loadNpy: reads the file without blocking the event loop.
 * @example
 * const t = await torch.loadNpyAsync('weights.npy');
 */
export async function loadNpyAsync(source: NpySource): Promise<Tensor> {
  if (typeof source !== 'string') return decodeNpy(readSource('loadNpyAsync', source), 'loadNpyAsync');
  const fh = await open(source, 'r');
  try {
    const size = (await fh.stat()).size;
    // The header (at most a few KiB) is read first, then the elements straight into the storage.
    const head = new Uint8Array(Math.min(size, 12));
    await readAll(fh, head, 0);
    const prefix = new Uint8Array(prefixLength(head, size));
    await readAll(fh, prefix, 0);
    const { storage, out, header, dtype, swap } = allocateFor(prefix, size, 'loadNpyAsync');
    const got = await readAll(fh, out, header.dataOffset);
    return finish(storage, out, got, header, dtype, swap, 'loadNpyAsync');
  } finally {
    await fh.close();
  }
}

async function readAll(fh: Awaited<ReturnType<typeof open>>, into: Uint8Array, at: number): Promise<number> {
  let done = 0;
  while (done < into.length) {
    const { bytesRead } = await fh.read(into, done, into.length - done, at + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}

/** Bytes of magic + version + header length + header, from the first 12 bytes (capped so a bogus length reads little). */
function prefixLength(head: Uint8Array, size: number): number {
  if (head.length < 12) return head.length;
  const hlen = head[6] === 1 ? head[8]! | (head[9]! << 8) : new DataView(head.buffer, head.byteOffset, 12).getUint32(8, true);
  return Math.min(size, (head[6] === 1 ? 10 : 12) + Math.min(hlen, MAX_HEADER_SIZE + 1));
}

/** Reads a .npy through `read(into, position)` from a source of `size` bytes. */
function readNpy(size: number, read: (into: Uint8Array, at: number) => number, op: string): Tensor {
  const head = new Uint8Array(Math.min(size, 12));
  read(head, 0);
  const prefix = new Uint8Array(prefixLength(head, size));
  read(prefix, 0);
  const { storage, out, header, dtype, swap } = allocateFor(prefix, size, op);
  return finish(storage, out, read(out, header.dataOffset), header, dtype, swap, op);
}

/**
 * Writes a tensor as a `.npy` file, as `np.save` does (the path is used as given; no `.npy` is
 * appended). A Fortran-contiguous tensor (e.g. a transposed matrix) is written with
 * `fortran_order: True` like numpy writes Fortran arrays; any other layout is written row-major.
 * @example
 * torch.saveNpy('x.npy', torch.randn(3, 4));   // np.load('x.npy') in Python
 */
export function saveNpy(path: string, tensor: Tensor): void {
  const parts = encodeNpyParts(tensor, 'saveNpy');
  writeParts(checkPath('saveNpy', path), parts);
}

/**
 * Promise form of saveNpy.
 * @example
 * await torch.saveNpyAsync('x.npy', torch.randn(3, 4));
 */
export async function saveNpyAsync(path: string, tensor: Tensor): Promise<void> {
  const parts = encodeNpyParts(tensor, 'saveNpyAsync');
  await writePartsAsync(checkPath('saveNpyAsync', path), parts);
}

/**
 * The bytes of a `.npy` file holding the tensor (what saveNpy writes).
 * @example
 * const bytes = torch.encodeNpy(torch.arange(3));   // a Buffer; torch.loadNpy(bytes) reads it back
 */
export function encodeNpy(tensor: Tensor): Buffer {
  return Buffer.concat(encodeNpyParts(tensor, 'encodeNpy'));
}

/** @internal the header and the element bytes (a view of the storage, not copied). */
export function encodeNpyParts(tensor: Tensor, op: string): [Buffer, Uint8Array] {
  checkTensor(op, tensor, 'tensor');
  let t = tensor;
  const fortran = !isContiguous(t) && isFortranContiguous(t);
  if (!fortran && !isContiguous(t)) t = clone(t);
  const n = t.numel();
  const dtype = t.dtype;
  const order = dtype.itemsize === 1 ? '|' : HOST_LITTLE_ENDIAN ? '<' : '>';
  const shape = t.shape;
  const shapeRepr = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${order}${codeOf[dtype.name]}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${shapeRepr}, }`;
  if (shape.length > 0) header += ' '.repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - String(shape[fortran ? shape.length - 1 : 0]).length));
  const hlen = header.length + 1; // + '\n'
  // Version 1.0 unless its 2-byte header length cannot hold the padded header (numpy's rule).
  const padFor = (prefix: number) => ARRAY_ALIGN - ((prefix + hlen) % ARRAY_ALIGN);
  const version = hlen + padFor(10) <= 0xffff ? 1 : 2;
  const prefix = version === 1 ? 10 : 12;
  const padlen = padFor(prefix);
  const head = Buffer.alloc(prefix + hlen + padlen, 0x20);
  head.set(MAGIC, 0);
  head[6] = version;
  head[7] = 0;
  if (version === 1) head.writeUInt16LE(hlen + padlen, 8);
  else head.writeUInt32LE(hlen + padlen, 8);
  head.write(header, prefix, 'latin1');
  head[head.length - 1] = 0x0a;
  const data = t._storage.data;
  checkAttached(data, op);
  const elems = data.subarray(t._offset, t._offset + n); // clamps an empty tensor's offset
  return [head, new Uint8Array(elems.buffer, elems.byteOffset, elems.byteLength)];
}

/**
 * Parses the header of a `.npy` file.
 * @example
 * torch.parseNpyHeader(torch.encodeNpy(torch.zeros(2, 3))); // { version: [1, 0], descr: '<f4', fortranOrder: false, shape: [2, 3], dataOffset: 128 }
 */
export function parseNpyHeader(bytes: Uint8Array, op = 'parseNpyHeader'): NpyHeader {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b))
    throw new NpyFormatError(`${op}: not a .npy file (it does not start with the magic string \\x93NUMPY)`);
  const major = bytes[6]!, minor = bytes[7]!;
  if (!((major === 1 || major === 2 || major === 3) && minor === 0))
    throw new NpyFormatError(`${op}: unsupported .npy format version ${major}.${minor} (1.0, 2.0 and 3.0 are supported)`);
  const lenBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lenBytes) throw new NpyFormatError(`${op}: file truncated inside the header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hlen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataOffset = 8 + lenBytes + hlen;
  if (hlen > MAX_HEADER_SIZE) throw new NpyFormatError(`${op}: header of ${hlen} bytes is larger than the ${MAX_HEADER_SIZE} allowed`);
  if (dataOffset > bytes.length) throw new NpyFormatError(`${op}: file truncated: the header claims ${hlen} bytes, only ${bytes.length - 8 - lenBytes} follow`);
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + 8 + lenBytes, hlen).toString(major === 3 ? 'utf8' : 'latin1');
  let dict: unknown;
  try {
    dict = new LiteralParser(text).parseAll();
  } catch (e) {
    throw new NpyFormatError(`${op}: cannot parse the header ${JSON.stringify(text.trim())}: ${(e as Error).message}`);
  }
  if (!(dict instanceof Map)) throw new NpyFormatError(`${op}: the header is not a dictionary: ${JSON.stringify(text.trim())}`);
  const keys = [...dict.keys()].sort();
  if (keys.join() !== 'descr,fortran_order,shape')
    throw new NpyFormatError(`${op}: the header must have exactly the keys descr, fortran_order, shape; got ${keys.join(', ')}`);
  const descr = dict.get('descr'), fortran = dict.get('fortran_order'), shape = dict.get('shape');
  if (typeof fortran !== 'boolean') throw new NpyFormatError(`${op}: fortran_order must be True or False, got ${String(fortran)}`);
  if (!(shape instanceof Tuple) || !shape.items.every((s) => typeof s === 'number' && Number.isSafeInteger(s) && s >= 0))
    throw new NpyFormatError(`${op}: shape must be a tuple of non-negative integers, got ${JSON.stringify(text.trim())}`);
  if (typeof descr !== 'string') {
    throw new TorchTypeError(`${op}: structured numpy dtypes (descr ${JSON.stringify(descr instanceof Tuple ? descr.items : descr)}) are not supported`);
  }
  return { version: [major, minor], descr, fortranOrder: fortran, shape: shape.items as number[], dataOffset };
}

/**
 * Decodes the bytes of a `.npy` file into a new tensor (what loadNpy does with a buffer).
 * @example
 * const t = torch.decodeNpy(fs.readFileSync('x.npy'));
 */
export function decodeNpy(bytes: Uint8Array, op = 'decodeNpy'): Tensor {
  const { storage, out, header, dtype, swap } = allocateFor(bytes, bytes.length, op);
  out.set(bytes.subarray(header.dataOffset, header.dataOffset + out.length));
  return finish(storage, out, out.length, header, dtype, swap, op);
}

/** Parses the header at the start of `prefix` and allocates the storage, checking the source's `size` holds the data. */
function allocateFor(prefix: Uint8Array, size: number, op: string) {
  const header = parseNpyHeader(prefix, op);
  const { dtype, swap } = dtypeOfDescr(header.descr, op);
  const n = numelOf(header.shape);
  const nbytes = n * dtype.itemsize;
  if (!Number.isSafeInteger(nbytes) || header.dataOffset + nbytes > size) throw truncated(header, nbytes, size - header.dataOffset, op);
  const storage = Storage.allocate(dtype, n);
  const out = new Uint8Array(storage.data.buffer, storage.data.byteOffset, nbytes);
  return { storage, out, header, dtype, swap };
}

function truncated(header: NpyHeader, nbytes: number, available: number, op: string): NpyFormatError {
  return new NpyFormatError(
    `${op}: file truncated: size ${fmtSize(header.shape)} of '${header.descr}' needs ${nbytes} bytes of data, only ${available} follow`,
  );
}

/** Byte-swaps and normalises the elements read into `out` and wraps the storage in a tensor. */
function finish(storage: Storage, out: Uint8Array, got: number, header: NpyHeader, dtype: DType, swap: boolean, op: string): Tensor {
  if (got < out.length) throw truncated(header, out.length, got, op); // the file shrank while we read it
  if (swap) swapBytes(out, dtype.itemsize);
  if (dtype === bool) for (let i = 0; i < out.length; i++) if (out[i]! > 1) out[i] = 1;
  const shape = header.shape;
  return makeTensor(storage, 0, shape, header.fortranOrder ? fortranStrides(shape) : contiguousStrides(shape));
}

/** The torch dtype of a numpy descr, and whether its bytes must be swapped on this host. @internal */
export function dtypeOfDescr(descr: string, op: string): { dtype: DType; swap: boolean } {
  const m = /^([<>|=]?)([a-zA-Z?]+)(\d*)(.*)$/.exec(descr);
  const order = m?.[1] ?? '', code = `${m?.[2] ?? ''}${m?.[3] ?? ''}`;
  const dtype = m && m[4] === '' ? dtypeOfCode[code] : undefined;
  if (!dtype) {
    const kind = m?.[2] ?? '';
    const what =
      unsupportedNames[code] ??
      ({ O: 'object (pickled Python objects)', U: 'unicode string', S: 'byte string', a: 'byte string', V: 'void/raw bytes', M: 'datetime64', m: 'timedelta64', c: 'complex' } as Record<string, string>)[kind] ??
      'unknown';
    throw new TorchTypeError(
      `${op}: numpy dtype '${descr}' (${what}) is not supported; supported: bool, uint8, int8, int16, int32, int64, float16, float32, float64`,
    );
  }
  const little = order === '<' || (order !== '>' && HOST_LITTLE_ENDIAN);
  return { dtype, swap: dtype.itemsize > 1 && little !== HOST_LITTLE_ENDIAN };
}

function swapBytes(b: Uint8Array, size: number): void {
  for (let i = 0; i + size <= b.length; i += size) {
    for (let lo = i, hi = i + size - 1; lo < hi; lo++, hi--) {
      const x = b[lo]!;
      b[lo] = b[hi]!;
      b[hi] = x;
    }
  }
}

/** Column-major strides (numpy's Fortran order). @internal */
export function fortranStrides(shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  let s = 1;
  for (let d = 0; d < shape.length; d++) {
    out[d] = s;
    s *= Math.max(shape[d]!, 1);
  }
  return out;
}

/** Column-major without gaps (size-1 dims may have any stride), numpy's F_CONTIGUOUS flag. @internal */
export function isFortranContiguous(t: Tensor): boolean {
  const shape = t.shape, strides = t._strides;
  let expected = 1;
  for (let d = 0; d < shape.length; d++) {
    const s = shape[d]!;
    if (s === 0) return true;
    if (s !== 1) {
      if (strides[d] !== expected) return false;
      expected *= s;
    }
  }
  return true;
}

/** @internal bytes of a path or buffer source. */
export function readSource(op: string, source: NpySource): Uint8Array {
  if (typeof source === 'string') return readFileSync(source);
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  throw new TorchTypeError(`${op}: expected a file path, a Buffer/Uint8Array or an ArrayBuffer, got ${source === null ? 'null' : typeof source}`);
}

/** @internal writes the pieces of a file one after another (no concatenated copy of the data). */
export function writeParts(path: string, parts: readonly Uint8Array[]): void {
  const fd = openSync(path, 'w');
  try {
    for (const p of parts) for (let done = 0; done < p.length; ) done += writeSync(fd, p, done, p.length - done);
  } finally {
    closeSync(fd);
  }
}

/** @internal Promise form of writeParts. */
export async function writePartsAsync(path: string, parts: readonly Uint8Array[]): Promise<void> {
  const fh = await open(path, 'w');
  try {
    for (const p of parts) for (let done = 0; done < p.length; ) done += (await fh.write(p, done, p.length - done)).bytesWritten;
  } finally {
    await fh.close();
  }
}

/** @internal */
export function checkPath(op: string, path: unknown): string {
  if (typeof path !== 'string' || path === '') throw new TorchTypeError(`${op}: path must be a non-empty string, got ${typeof path}`);
  return path;
}

// ---- a parser for the Python literal in the header: dicts, tuples, lists, strings, ints, True/False/None ----

/** A Python tuple (or list) value. */
class Tuple {
  constructor(readonly items: unknown[]) {}
}

class LiteralParser {
  private i = 0;
  constructor(private readonly s: string) {}

  parseAll(): unknown {
    const v = this.value();
    this.ws();
    if (this.i !== this.s.length) throw new Error(`unexpected '${this.s[this.i]}' at ${this.i}`);
    return v;
  }

  private ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
  }

  private expect(c: string): void {
    this.ws();
    if (this.s[this.i] !== c) throw new Error(`expected '${c}' at ${this.i}`);
    this.i++;
  }

  private value(): unknown {
    this.ws();
    const c = this.s[this.i];
    if (c === '{') return this.dict();
    if (c === '(' || c === '[') return this.sequence(c === '(' ? ')' : ']');
    if (c === "'" || c === '"') return this.string();
    const word = /^(True|False|None|-?\d+L?)/.exec(this.s.slice(this.i, this.i + 32));
    if (!word) throw new Error(`unexpected ${c === undefined ? 'end' : `'${c}'`} at ${this.i}`);
    this.i += word[0].length;
    if (word[0] === 'True') return true;
    if (word[0] === 'False') return false;
    if (word[0] === 'None') return null;
    return Number(word[0].replace('L', '')); // Python 2 headers may write 3L
  }

  private dict(): Map<unknown, unknown> {
    const out = new Map<unknown, unknown>();
    this.expect('{');
    for (;;) {
      this.ws();
      if (this.s[this.i] === '}') break;
      const k = this.value();
      this.expect(':');
      out.set(k, this.value());
      this.ws();
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== '}') throw new Error(`expected ',' or '}' at ${this.i}`);
    }
    this.i++;
    return out;
  }

  private sequence(close: string): Tuple {
    const items: unknown[] = [];
    this.i++;
    for (;;) {
      this.ws();
      if (this.s[this.i] === close) break;
      items.push(this.value());
      this.ws();
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== close) throw new Error(`expected ',' or '${close}' at ${this.i}`);
    }
    this.i++;
    return new Tuple(items);
  }

  private string(): string {
    const q = this.s[this.i]!;
    let out = '';
    for (this.i++; this.i < this.s.length; this.i++) {
      const c = this.s[this.i]!;
      if (c === q) {
        this.i++;
        return out;
      }
      if (c === '\\') {
        this.i++;
        out += this.s[this.i] ?? '';
      } else out += c;
    }
    throw new Error('unterminated string');
  }
}
