/**
 * PyTorch's checkpoint container (the zip format of PyTorch ≥ 1.6): records `<archive>/data.pkl`,
 * `<archive>/data/<key>` (one per storage, stored uncompressed and 64-byte aligned), `<archive>/version`
 * and `<archive>/byteorder`. Reading is written once as a generator of read requests, which a synchronous
 * or a Promise driver serves from a file descriptor, a FileHandle or bytes in memory, so that a large
 * file is read piece by piece straight into its storages. Decisions are in docs/serialization.md.
 * @internal
 */
import { Buffer } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import * as zlib from 'node:zlib';
import { TorchSerializationError, TorchTypeError } from '../errors';
import {
  crc32, locateZipDirectory, parseZipDirectory, writeZipSync, zipDataStart, ZIP_LOCAL_HEADER_BYTES, ZIP_TAIL_BYTES,
  type ZipFail, type ZipInput, type ZipRecord,
} from './zip';

/** A request to fill `into` with the bytes at `pos` of the source. @internal */
export interface ReadRequest {
  pos: number;
  into: Uint8Array;
}

/** Steps that read from a source of `size` bytes by yielding requests. @internal */
export type ReadSteps<T> = Generator<ReadRequest, T, void>;

/** Bytes read per request while filling a storage: bounds how long the event loop waits between reads. */
const CHUNK = 64 << 20;
/** PyTorch aligns each record's data to this many bytes. */
export const RECORD_ALIGNMENT = 64;

/** An open checkpoint: its records by name under the archive's prefix. @internal */
export interface Archive {
  prefix: string;
  records: Map<string, ZipRecord>;
  fileSize: number;
  fail: ZipFail;
}

/** Signature of a zip file's first local header. */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** What a pre-1.6 `torch.save` file starts with: PROTO 2, then LONG1 of the magic number 0x1950a86a20f9469cfc6c. */
const LEGACY_MAGIC = [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];

/** Opens the archive: checks the magic, reads the central directory ('legacy' for a pre-1.6 file). @internal */
export function* openArchive(fileSize: number, op: string): ReadSteps<Archive | 'legacy'> {
  const fail: ZipFail = (what) => {
    throw new TorchSerializationError(`${op}: not a valid checkpoint: ${what}`);
  };
  const head = new Uint8Array(Math.min(fileSize, LEGACY_MAGIC.length));
  yield { pos: 0, into: head };
  if (!ZIP_MAGIC.every((b, i) => head[i] === b)) {
    if (head.length === LEGACY_MAGIC.length && LEGACY_MAGIC.every((b, i) => head[i] === b)) return 'legacy';
    fail(`it does not start with a zip signature (got ${fileSize} bytes starting ${Buffer.from(head.subarray(0, 4)).toString('hex') || 'with nothing'})`);
  }
  const tailStart = Math.max(0, fileSize - ZIP_TAIL_BYTES);
  const tail = new Uint8Array(fileSize - tailStart);
  yield { pos: tailStart, into: tail };
  const dir = locateZipDirectory(tail, tailStart, fileSize, fail);
  const cd = new Uint8Array(dir.size);
  yield { pos: dir.offset, into: cd };
  const list = parseZipDirectory(cd, dir, fileSize, fail);
  if (list.length === 0) fail('the archive is empty');
  const slash = list[0]!.name.indexOf('/');
  const prefix = slash > 0 ? list[0]!.name.slice(0, slash) : '';
  const records = new Map<string, ZipRecord>();
  for (const r of list) {
    // Deflate expands at most 1032:1: a larger declared size is a lie that would size an allocation.
    if (r.method === 8 && r.uncompressedSize > r.compressedSize * 1032 + 1024)
      fail(`record '${r.name}' declares ${r.uncompressedSize} bytes inflated from ${r.compressedSize}, more than deflate can produce`);
    if (r.name.startsWith(`${prefix}/`)) records.set(r.name.slice(prefix.length + 1), r);
  }
  if (!records.has('data.pkl')) fail(`no ${prefix}/data.pkl record (is this a torch.save file?)`);
  return { prefix, records, fileSize, fail };
}

/** A whole small record (data.pkl, version, byteorder), inflated within its declared size and CRC-checked. @internal */
export function* readRecord(archive: Archive, name: string): ReadSteps<Uint8Array> {
  const r = archive.records.get(name) ?? archive.fail(`no ${archive.prefix}/${name} record`);
  const start = yield* dataStart(archive, r);
  const raw = new Uint8Array(r.compressedSize);
  yield { pos: start, into: raw };
  const data = r.method === 8 ? inflateBounded(archive, r, raw) : raw;
  if (data.length !== r.uncompressedSize) archive.fail(`record '${r.name}' has ${data.length} bytes, the directory says ${r.uncompressedSize}`);
  if (crc32(data) !== r.crc32) archive.fail(`record '${r.name}' fails its CRC-32 check (corrupt file)`);
  return data;
}

/** Reads a storage record into `into` (exactly its size) in chunks, checking the CRC as it goes. @internal */
export function* readRecordInto(archive: Archive, r: ZipRecord, into: Uint8Array): ReadSteps<void> {
  if (r.method === 8) {
    into.set(yield* readRecord(archive, r.name.slice(archive.prefix.length + 1)));
    return;
  }
  const start = yield* dataStart(archive, r);
  let crc = 0;
  for (let done = 0; done < into.length; done += CHUNK) {
    const piece = into.subarray(done, Math.min(into.length, done + CHUNK));
    yield { pos: start + done, into: piece };
    crc = crc32(piece, crc);
  }
  if (crc !== r.crc32) archive.fail(`record '${r.name}' fails its CRC-32 check (corrupt file)`);
}

function* dataStart(archive: Archive, r: ZipRecord): ReadSteps<number> {
  const header = new Uint8Array(Math.min(ZIP_LOCAL_HEADER_BYTES, Math.max(0, archive.fileSize - r.localOffset)));
  yield { pos: r.localOffset, into: header };
  return zipDataStart(r, header, archive.fileSize, archive.fail);
}

/** Inflates at most the declared size: a "zip bomb" stops there instead of filling memory. */
function inflateBounded(archive: Archive, r: ZipRecord, raw: Uint8Array): Uint8Array {
  try {
    return zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, r.uncompressedSize) });
  } catch (e) {
    return archive.fail(`record '${r.name}' cannot be inflated within its declared ${r.uncompressedSize} bytes: ${(e as Error).message}`);
  }
}

// ---- sources: where a checkpoint is read from ----

/** What loadSync reads: a path, an open file descriptor, or the file's bytes. */
export type LoadSourceSync = string | number | Uint8Array | ArrayBuffer;
/** What load reads: also a FileHandle (fs/promises) or a Readable stream (collected in memory first). */
export type LoadSource = LoadSourceSync | FileHandle | Readable;

/** Runs read steps synchronously against a source. @internal */
export function runSync<T>(op: string, source: LoadSourceSync, steps: (size: number) => ReadSteps<T>): T {
  if (typeof source === 'string' || typeof source === 'number') {
    const fd = typeof source === 'string' ? openSync(source, 'r') : checkFd(op, source);
    try {
      const size = fstatSync(fd).size;
      return drive(steps(size), (req) => {
        for (let done = 0; done < req.into.length; ) {
          const n = readSync(fd, req.into, done, req.into.length - done, req.pos + done);
          if (n === 0) throw truncated(op, req, size);
          done += n;
        }
      });
    } finally {
      if (typeof source === 'string') closeSync(fd);
    }
  }
  const bytes = bytesOf(op, source);
  return drive(steps(bytes.length), (req) => fromMemory(op, bytes, req));
}

/** Runs read steps with Promise reads (file handles and paths read on the thread pool). @internal */
export async function runAsync<T>(op: string, source: LoadSource, steps: (size: number) => ReadSteps<T>): Promise<T> {
  if (typeof source === 'string' || isFileHandle(source)) {
    const fh = typeof source === 'string' ? await open(source, 'r') : source;
    try {
      const size = (await fh.stat()).size;
      const g = steps(size);
      for (let next = g.next(); ; ) {
        if (next.done) return next.value;
        const req = next.value;
        for (let done = 0; done < req.into.length; ) {
          const { bytesRead } = await fh.read(req.into, done, req.into.length - done, req.pos + done);
          if (bytesRead === 0) throw truncated(op, req, size);
          done += bytesRead;
        }
        next = g.next();
      }
    } finally {
      if (typeof source === 'string') await fh.close();
    }
  }
  if (isReadable(source)) {
    const chunks: Buffer[] = [];
    for await (const c of source) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as Uint8Array));
    return runSync(op, Buffer.concat(chunks), steps);
  }
  return runSync(op, source, steps);
}

function drive<T>(g: ReadSteps<T>, read: (req: ReadRequest) => void): T {
  for (let next = g.next(); ; next = g.next()) {
    if (next.done) return next.value;
    read(next.value);
  }
}

function fromMemory(op: string, bytes: Uint8Array, req: ReadRequest): void {
  if (req.pos + req.into.length > bytes.length) throw truncated(op, req, bytes.length);
  req.into.set(bytes.subarray(req.pos, req.pos + req.into.length));
}

function truncated(op: string, req: ReadRequest, size: number): TorchSerializationError {
  return new TorchSerializationError(`${op}: the file is truncated: ${req.into.length} bytes at ${req.pos} lie beyond its ${size} bytes`);
}

function bytesOf(op: string, source: unknown): Uint8Array {
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  throw new TorchTypeError(`${op}: expected a path, a file descriptor, a FileHandle, a Readable stream or a Buffer, got ${source === null ? 'null' : typeof source}`);
}

function checkFd(op: string, fd: number): number {
  if (!Number.isInteger(fd) || fd < 0 || fd > 0x7fffffff) throw new TorchTypeError(`${op}: a file descriptor must be an integer from 0 to 2^31 - 1, got ${fd}`);
  return fd;
}

function isFileHandle(x: unknown): x is FileHandle {
  return typeof x === 'object' && x !== null && typeof (x as FileHandle).fd === 'number' && typeof (x as FileHandle).read === 'function' && typeof (x as FileHandle).stat === 'function';
}

function isReadable(x: unknown): x is Readable {
  return typeof x === 'object' && x !== null && typeof (x as Readable)[Symbol.asyncIterator] === 'function' && typeof (x as Readable).pipe === 'function';
}

function isWritable(x: unknown): x is Writable {
  return typeof x === 'object' && x !== null && typeof (x as Writable).write === 'function' && typeof (x as Writable).end === 'function';
}

// ---- targets: where a checkpoint is written ----

/** Where saveSync writes: a path or an open file descriptor (or nothing: the bytes are returned). */
export type SaveTargetSync = string | number;
/** Where save writes: also a FileHandle or a Writable stream (which is not ended, so more may follow). */
export type SaveTarget = SaveTargetSync | FileHandle | Writable;

/** The archive's parts (headers, then the storages' own memory, never copied), 64-byte aligned. @internal */
export function archiveParts(members: ZipInput[]): Uint8Array[] {
  return writeZipSync(members, null, false, RECORD_ALIGNMENT);
}

/** Writes parts to a path or descriptor, one after another. @internal */
export function writeSyncTo(op: string, target: SaveTargetSync, parts: readonly Uint8Array[]): void {
  const fd = typeof target === 'string' ? openSync(target, 'w') : checkFd(op, target);
  try {
    for (const p of parts) for (let done = 0; done < p.length; ) done += writeSync(fd, p, done, Math.min(p.length - done, CHUNK));
  } finally {
    if (typeof target === 'string') closeSync(fd);
  }
}

/** Promise form of writeSyncTo, also for FileHandles and Writable streams (honouring backpressure). @internal */
export async function writeAsyncTo(op: string, target: SaveTarget, parts: readonly Uint8Array[]): Promise<void> {
  if (typeof target === 'string' || isFileHandle(target)) {
    const fh = typeof target === 'string' ? await open(target, 'w') : target;
    try {
      for (const p of parts) for (let done = 0; done < p.length; ) done += (await fh.write(p, done, Math.min(p.length - done, CHUNK))).bytesWritten;
    } finally {
      if (typeof target === 'string') await fh.close();
    }
    return;
  }
  if (typeof target === 'number') return writeSyncTo(op, target, parts);
  if (isWritable(target)) {
    for (const p of parts) {
      for (let done = 0; done < p.length; done += CHUNK) {
        const piece = p.subarray(done, Math.min(p.length, done + CHUNK));
        await new Promise<void>((resolve, reject) => {
          const ok = target.write(piece, (err) => (err ? reject(err) : ok && resolve()));
          if (!ok) target.once('drain', resolve);
        });
      }
    }
    return;
  }
  throw new TorchTypeError(`${op}: expected a path, a file descriptor, a FileHandle or a Writable stream to save to, got ${target === null ? 'null' : typeof target}`);
}

/** CRC-32 of a large buffer in pieces, yielding to the event loop between them. @internal */
export async function crc32Async(data: Uint8Array): Promise<number> {
  let crc = 0;
  for (let done = 0; done < data.length; done += CHUNK) {
    crc = crc32(data.subarray(done, Math.min(data.length, done + CHUNK)), crc);
    if (done + CHUNK < data.length) await new Promise((r) => setImmediate(r));
  }
  return crc;
}
