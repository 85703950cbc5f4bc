/**
 * The IDX file format (MNIST, Fashion-MNIST, EMNIST, KMNIST): a 4-byte magic (two zero bytes, a type code,
 * the number of dimensions), the dimensions as big-endian uint32, then the elements in row-major order,
 * big-endian. Files are read whole into one tensor; gzip files (recognised by their magic bytes, whatever
 * their name) are inflated with node:zlib, never beyond a size limit, so a corrupt or hostile file cannot
 * exhaust memory.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip, gunzipSync, type InputType, type ZlibOptions } from 'node:zlib';
import { float32, float64, fromNumpy, int16, int32, int8, Tensor, TorchTypeError, uint8, type DType } from '@torch/core';
import { checkOptions, describe } from './util';

/**
 * A file that is not valid IDX (bad magic, unknown type code, sizes that do not match the data) or a gzip
 * stream that is corrupt, truncated or inflates beyond the limit.
 * @example
 * try { data.parseIdx(new Uint8Array([1, 2, 3])); } catch (e) { e instanceof data.IdxFormatError; } // true
 */
export class IdxFormatError extends Error {
  override name = 'IdxFormatError';
}

/** IDX type codes and the dtype each is read as. */
const IDX_TYPES: ReadonlyMap<number, DType> = new Map<number, DType>([
  [0x08, uint8], [0x09, int8], [0x0b, int16], [0x0c, int32], [0x0d, float32], [0x0e, float64],
]);

/** Default bound on the inflated size of a gzip file: 2 GiB, above any IDX data set in use. */
export const DEFAULT_MAX_BYTES = 2 ** 31;

/** Options of the IDX readers. */
export interface IdxReadOptions {
  /** Upper bound on the bytes a gzip file may inflate to (default 2 GiB); larger streams throw. */
  maxBytes?: number;
}

function limitOf(op: string, options: IdxReadOptions | undefined): number {
  checkOptions(op, options, ['maxBytes']);
  const m = options?.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!Number.isSafeInteger(m) || m <= 0) throw new TorchTypeError(`${op}: maxBytes must be a positive integer, got ${describe(m)}`);
  return m;
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Turns zlib's errors into IdxFormatErrors that say what went wrong with which file. */
function gzipError(op: string, name: string, maxBytes: number, e: unknown): IdxFormatError {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ERR_BUFFER_TOO_LARGE' || /larger than|maxOutputLength|Cannot create a Buffer/i.test(err.message ?? ''))
    return new IdxFormatError(`${op}: ${name} inflates to more than ${maxBytes} bytes (maxBytes); refusing to read it`);
  return new IdxFormatError(`${op}: ${name} is not a valid gzip stream (corrupt or truncated): ${err.message}`);
}

function zlibOptions(maxBytes: number): ZlibOptions {
  return { maxOutputLength: maxBytes };
}

/**
 * The bytes of a gzip file inflated (at most `maxBytes`), or the bytes themselves when they are not gzip.
 * @example
 * const raw = data.maybeGunzip(fs.readFileSync('train-images-idx3-ubyte.gz'));
 */
export function maybeGunzip(bytes: Uint8Array, options?: IdxReadOptions & { name?: string }): Uint8Array {
  const op = 'maybeGunzip';
  const { name = 'data', ...rest } = options ?? {};
  const maxBytes = limitOf(op, rest);
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes as InputType, zlibOptions(maxBytes));
  } catch (e) {
    throw gzipError(op, name, maxBytes, e);
  }
}

const gunzipAsync = promisify(gunzip) as (b: InputType, o: ZlibOptions) => Promise<Buffer>;

/** Everything the header says, checked against the data's length. */
export interface IdxHeader {
  dtype: DType;
  shape: number[];
  /** Byte offset of the first element. */
  dataOffset: number;
}

/**
 * Reads and validates an IDX header: the magic's zero bytes, the type code, and that the dimensions
 * describe exactly the bytes that follow.
 * @example
 * data.parseIdxHeader(bytes);   // { dtype: uint8, shape: [60000, 28, 28], dataOffset: 16 }
 */
export function parseIdxHeader(bytes: Uint8Array, name = 'data'): IdxHeader {
  const op = 'parseIdx';
  if (!(bytes instanceof Uint8Array)) throw new TorchTypeError(`${op}: expected a Uint8Array, got ${describe(bytes)}`);
  if (bytes.length < 4) throw new IdxFormatError(`${op}: ${name} has ${bytes.length} bytes, too short for an IDX header (4-byte magic)`);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const hint = isGzip(bytes) ? ' (it is gzip-compressed: inflate it first, or use readIdx)' : '';
    throw new IdxFormatError(`${op}: ${name} is not an IDX file: magic starts with 0x${hex(bytes[0]!)} 0x${hex(bytes[1]!)}, expected 0x00 0x00${hint}`);
  }
  const dtype = IDX_TYPES.get(bytes[2]!);
  if (!dtype) throw new IdxFormatError(`${op}: ${name} has unknown IDX type code 0x${hex(bytes[2]!)} (expected 0x08, 0x09, 0x0b, 0x0c, 0x0d or 0x0e)`);
  const ndim = bytes[3]!;
  if (ndim === 0) throw new IdxFormatError(`${op}: ${name} declares 0 dimensions`);
  const dataOffset = 4 + 4 * ndim;
  if (bytes.length < dataOffset) throw new IdxFormatError(`${op}: ${name} is truncated: ${bytes.length} bytes cannot hold the header of ${ndim} dimensions (${dataOffset} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape = Array.from({ length: ndim }, (_, d) => view.getUint32(4 + 4 * d, false));
  const expected = shape.reduce((a, b) => a * b, 1) * dtype.itemsize;
  const actual = bytes.length - dataOffset;
  if (expected !== actual) {
    const what = expected > actual ? 'is truncated' : 'has trailing bytes';
    throw new IdxFormatError(`${op}: ${name} ${what}: its header declares ${dtype} of size [${shape.join(', ')}] (${expected} bytes of data), but ${actual} bytes follow the header`);
  }
  return { dtype, shape, dataOffset };
}

function hex(b: number): string {
  return b.toString(16).padStart(2, '0');
}

/**
 * Decodes IDX bytes (not gzip) into a new tensor of the file's dtype and shape (uint8, int8, int16, int32,
 * float32 or float64), converting from big-endian.
 * @example
 * const images = data.parseIdx(bytes);   // uint8 [60000, 28, 28]
 */
export function parseIdx(bytes: Uint8Array, name = 'data'): Tensor {
  const { dtype, shape, dataOffset } = parseIdxHeader(bytes, name);
  const n = shape.reduce((a, b) => a * b, 1);
  const Arr = dtype.arrayType as unknown as { new (n: number): ArrayBufferView & ArrayLike<number> & { [i: number]: number; set(a: ArrayLike<number>): void } };
  const out = new Arr(n);
  const body = bytes.subarray(dataOffset);
  if (dtype.itemsize === 1) {
    out.set(dtype === int8 ? new Int8Array(body.buffer, body.byteOffset, n) : body);
  } else {
    const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
    const read = readers[dtype.name]!;
    for (let i = 0, off = 0; i < n; i++, off += dtype.itemsize) out[i] = read(view, off);
  }
  return fromNumpy(out, shape);
}

const readers: Record<string, (v: DataView, off: number) => number> = {
  int16: (v, o) => v.getInt16(o, false),
  int32: (v, o) => v.getInt32(o, false),
  float32: (v, o) => v.getFloat32(o, false),
  float64: (v, o) => v.getFloat64(o, false),
};

/**
 * Encodes a tensor as IDX bytes (the inverse of parseIdx), e.g. to write small test files.
 * @example
 * fs.writeFileSync('labels-idx1-ubyte', data.encodeIdx(torch.tensor([3, 1, 4], { dtype: torch.uint8 })));
 */
export function encodeIdx(t: Tensor): Uint8Array {
  const op = 'encodeIdx';
  if (!(t instanceof Tensor)) throw new TorchTypeError(`${op}: expected a Tensor, got ${describe(t)}`);
  const code = [...IDX_TYPES].find(([, d]) => d === t.dtype)?.[0];
  if (code === undefined) throw new TorchTypeError(`${op}: IDX has no type for ${t.dtype} (uint8, int8, int16, int32, float32 and float64 only)`);
  if (t.dim() === 0 || t.dim() > 255) throw new TorchTypeError(`${op}: IDX needs 1 to 255 dimensions, got size [${t.shape.join(', ')}]`);
  const values = t.contiguous().toTypedArray() as unknown as ArrayLike<number>;
  const headerBytes = 4 + 4 * t.dim();
  const out = new Uint8Array(headerBytes + values.length * t.dtype.itemsize);
  const view = new DataView(out.buffer);
  out[2] = code;
  out[3] = t.dim();
  t.shape.forEach((s, d) => view.setUint32(4 + 4 * d, s, false));
  const writers: Partial<Record<string, (o: number, x: number) => void>> = {
    uint8: (o: number, x: number) => view.setUint8(o, x),
    int8: (o: number, x: number) => view.setInt8(o, x),
    int16: (o: number, x: number) => view.setInt16(o, x, false),
    int32: (o: number, x: number) => view.setInt32(o, x, false),
    float32: (o: number, x: number) => view.setFloat32(o, x, false),
    float64: (o: number, x: number) => view.setFloat64(o, x, false),
  };
  const write = writers[t.dtype.name]!;
  for (let i = 0, o = headerBytes; i < values.length; i++, o += t.dtype.itemsize) write(o, values[i]!);
  return out;
}

/**
 * Reads an IDX file, gzip-compressed or not, into one tensor.
 * @example
 * const labels = data.readIdx('/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz');  // uint8 [60000]
 */
export function readIdx(path: string, options?: IdxReadOptions): Tensor {
  const maxBytes = limitOf('readIdx', options);
  const bytes = readFileSync(path);
  return parseIdx(maybeGunzip(bytes, { maxBytes, name: path }), path);
}

/**
 * readIdx without blocking the event loop while the file is read and inflated.
 * @example
 * const images = await data.readIdxAsync('train-images-idx3-ubyte.gz');
 */
export async function readIdxAsync(path: string, options?: IdxReadOptions): Promise<Tensor> {
  const op = 'readIdxAsync';
  const maxBytes = limitOf(op, options);
  let bytes: Uint8Array = await readFile(path);
  if (isGzip(bytes)) {
    try {
      bytes = await gunzipAsync(bytes as InputType, zlibOptions(maxBytes));
    } catch (e) {
      throw gzipError(op, path, maxBytes, e);
    }
  }
  return parseIdx(bytes, path);
}
