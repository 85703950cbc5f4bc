/**
 * A small zip reader and writer for `.npz` files: stored (method 0) and deflated (method 8) entries,
 * zip64 sizes and offsets (numpy writes zip64 local headers), data descriptors (read from the central
 * directory). No encryption, no multi-disk archives. Every offset is bounds-checked before it is read.
 * @internal
 */
import { Buffer, constants as bufferConstants } from 'node:buffer';
import * as zlib from 'node:zlib';
import { native } from '../native';
import { NpyFormatError } from './npy';

/** One member of an archive, its bytes still as stored. @internal */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc32: number;
  uncompressedSize: number;
  /** The member's bytes as stored in the archive (a view, not a copy). */
  raw: Uint8Array;
}

/** A member to write. @internal */
export interface ZipInput {
  name: string;
  /** Uncompressed content, possibly in pieces (written one after another). */
  parts: Uint8Array[];
  /** The content's CRC-32 when the caller has computed it already (e.g. in chunks off the event loop). */
  crc32?: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const U32_MAX = 0xffffffff;
const U16_MAX = 0xffff;
/** 1980-01-01 00:00:00 in DOS format: entries carry no real timestamp, so output is reproducible. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** A member as the central directory describes it, its bytes not yet read. @internal */
export interface ZipRecord {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Byte offset of the member's local header. */
  localOffset: number;
}

/** Where the central directory lies. @internal */
export interface ZipDirectory {
  count: number;
  offset: number;
  size: number;
}

/** Raises the format error of the caller (.npz or PyTorch checkpoint) with a message. @internal */
export type ZipFail = (what: string) => never;

/** How many bytes at the end of a file hold the end-of-central-directory records (with the longest comment). @internal */
export const ZIP_TAIL_BYTES = 22 + U16_MAX + 20 + 56;
/** Bytes of a local header before its name and extra field. @internal */
export const ZIP_LOCAL_HEADER_BYTES = 30;

function reader(bytes: Uint8Array, fail: ZipFail, base = 0) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = (pos: number, n: number) => {
    const i = pos - base;
    if (!(i >= 0 && i + n <= bytes.length)) fail(`truncated at byte ${pos}`);
    return i;
  };
  return {
    u16: (pos: number) => view.getUint16(at(pos, 2), true),
    u32: (pos: number) => view.getUint32(at(pos, 4), true),
    u64: (pos: number) => {
      const v = view.getBigUint64(at(pos, 8), true);
      return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : fail(`a zip64 field ${v} is too large`);
    },
  };
}

/**
 * Finds the central directory from the last bytes of a file (`tail`, which starts at byte `tailStart` of a
 * file of `fileSize` bytes; ZIP_TAIL_BYTES of them are enough). @internal
 */
export function locateZipDirectory(tail: Uint8Array, tailStart: number, fileSize: number, fail: ZipFail): ZipDirectory {
  const { u16, u32, u64 } = reader(tail, fail, tailStart);
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  // End of central directory: 22 bytes plus a comment of up to 65535 bytes, at the end of the file.
  let eocd = -1;
  for (let i = tail.length - 22; i >= Math.max(0, tail.length - 22 - U16_MAX); i--) {
    if (view.getUint32(i, true) === SIG_EOCD) {
      eocd = tailStart + i;
      break;
    }
  }
  if (eocd < 0) fail('no end-of-central-directory record');
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0) fail('multi-disk archives are not supported');
  let count = u16(eocd + 10);
  let size = u32(eocd + 12);
  let offset = u32(eocd + 16);
  if (count === U16_MAX || size === U32_MAX || offset === U32_MAX) {
    const loc = eocd - 20;
    if (loc < tailStart || u32(loc) !== SIG_EOCD64_LOCATOR) fail('zip64 end-of-central-directory locator missing');
    const at = u64(loc + 8);
    if (at < tailStart || u32(at) !== SIG_EOCD64) fail('zip64 end-of-central-directory record missing');
    count = u64(at + 32);
    size = u64(at + 40);
    offset = u64(at + 48);
  }
  if (offset + size > fileSize) fail(`central directory at ${offset} (+${size}) lies beyond the file's ${fileSize} bytes`);
  // Each entry takes at least 46 bytes: a count the directory cannot hold is a corrupt file, not a loop to run.
  if (count * 46 > size) fail(`the central directory (${size} bytes) cannot hold the ${count} entries it declares`);
  return { count, offset, size };
}

/** Parses the central directory's bytes (`dir` from locateZipDirectory) into records. @internal */
export function parseZipDirectory(cd: Uint8Array, dir: ZipDirectory, fileSize: number, fail: ZipFail): ZipRecord[] {
  const { u16, u32, u64 } = reader(cd, fail, dir.offset);
  const records: ZipRecord[] = [];
  let p = dir.offset;
  for (let k = 0; k < dir.count; k++) {
    if (u32(p) !== SIG_CENTRAL) fail(`central directory entry ${k} has a bad signature`);
    const flags = u16(p + 8);
    const method = u16(p + 10);
    const crc = u32(p + 16);
    let csize = u32(p + 20);
    let usize = u32(p + 24);
    const nameLen = u16(p + 28), extraLen = u16(p + 30), commentLen = u16(p + 32);
    if (u16(p + 34) !== 0) fail('multi-disk archives are not supported');
    let local = u32(p + 42);
    if (p + 46 + nameLen + extraLen > dir.offset + cd.length) fail(`central directory entry ${k} is truncated`);
    const name = Buffer.from(cd.buffer, cd.byteOffset + p - dir.offset + 46, nameLen).toString('utf8');
    // zip64 extra field: the 8-byte values present are those whose 4-byte field is 0xFFFFFFFF, in this order.
    for (let e = p + 46 + nameLen; e + 4 <= p + 46 + nameLen + extraLen; ) {
      const id = u16(e), len = u16(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (usize === U32_MAX) (usize = u64(q)), (q += 8);
        if (csize === U32_MAX) (csize = u64(q)), (q += 8);
        if (local === U32_MAX) (local = u64(q)), (q += 8);
      }
      e += 4 + len;
    }
    if (flags & 1) fail(`member '${name}' is encrypted`);
    if (method !== 0 && method !== 8) fail(`member '${name}' uses compression method ${method} (only stored and deflate are supported)`);
    if (method === 0 && csize !== usize) fail(`stored member '${name}' has sizes ${csize} and ${usize}`);
    if (local + ZIP_LOCAL_HEADER_BYTES + csize > fileSize) fail(`member '${name}' (${csize} bytes at ${local}) lies beyond the file's ${fileSize} bytes`);
    records.push({ name, method, crc32: crc, compressedSize: csize, uncompressedSize: usize, localOffset: local });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return records;
}

/**
 * Where a member's bytes start, from the first ZIP_LOCAL_HEADER_BYTES bytes of its local header (the name
 * and extra field lengths there may differ from the central directory's). @internal
 */
export function zipDataStart(record: ZipRecord, header: Uint8Array, fileSize: number, fail: ZipFail): number {
  const { u16, u32 } = reader(header, fail, record.localOffset);
  if (u32(record.localOffset) !== SIG_LOCAL) fail(`member '${record.name}' has a bad local header at ${record.localOffset}`);
  const start = record.localOffset + ZIP_LOCAL_HEADER_BYTES + u16(record.localOffset + 26) + u16(record.localOffset + 28);
  if (start + record.compressedSize > fileSize)
    fail(`member '${record.name}' (${record.compressedSize} bytes at ${start}) lies beyond the file's ${fileSize} bytes`);
  return start;
}

/** Parses the central directory of an archive held in memory and returns every member. @internal */
export function readZip(bytes: Uint8Array, op: string, fail?: ZipFail): ZipEntry[] {
  const onError: ZipFail =
    fail ??
    ((what) => {
      throw new NpyFormatError(`${op}: not a valid .npz (zip) file: ${what}`);
    });
  const dir = locateZipDirectory(bytes, 0, bytes.length, onError);
  return parseZipDirectory(bytes.subarray(dir.offset, dir.offset + dir.size), dir, bytes.length, onError).map((r) => {
    const start = zipDataStart(r, bytes.subarray(r.localOffset), bytes.length, onError);
    return { name: r.name, method: r.method, crc32: r.crc32, uncompressedSize: r.uncompressedSize, raw: bytes.subarray(start, start + r.compressedSize) };
  });
}

/** A member's uncompressed bytes, CRC-checked. @internal */
export function entryData(entry: ZipEntry, op: string): Uint8Array {
  let data: Uint8Array = entry.raw;
  if (entry.method === 8) {
    try {
      data = zlib.inflateRawSync(entry.raw, inflateLimit(entry, op));
    } catch (e) {
      throw inflateError(entry, op, e as Error & { code?: string });
    }
  }
  return checkEntry(entry, data, op);
}

/**
 * Inflating stops at the size the directory declares (a few KB can otherwise inflate to gigabytes
 * before the size check runs); one byte more lets checkEntry tell a member that is too long.
 */
function inflateLimit(entry: ZipEntry, op: string): zlib.ZlibOptions {
  if (entry.uncompressedSize >= bufferConstants.MAX_LENGTH)
    throw new NpyFormatError(`${op}: member '${entry.name}' declares ${entry.uncompressedSize} bytes, more than a buffer can hold`);
  return { maxOutputLength: entry.uncompressedSize + 1 };
}

function inflateError(entry: ZipEntry, op: string, e: Error & { code?: string }): NpyFormatError {
  if (e.code === 'ERR_BUFFER_TOO_LARGE')
    return new NpyFormatError(`${op}: member '${entry.name}' inflates to more than the ${entry.uncompressedSize} bytes the directory declares`);
  return new NpyFormatError(`${op}: member '${entry.name}' cannot be inflated: ${e.message}`);
}

/** Promise form of entryData (inflates on the thread pool). @internal */
export async function entryDataAsync(entry: ZipEntry, op: string): Promise<Uint8Array> {
  if (entry.method !== 8) return checkEntry(entry, entry.raw, op);
  const limit = inflateLimit(entry, op);
  const data = await new Promise<Uint8Array>((resolve, reject) =>
    zlib.inflateRaw(entry.raw, limit, (err, out) => (err ? reject(inflateError(entry, op, err)) : resolve(out))),
  );
  return checkEntry(entry, data, op);
}

function checkEntry(entry: ZipEntry, data: Uint8Array, op: string): Uint8Array {
  if (data.length !== entry.uncompressedSize)
    throw new NpyFormatError(`${op}: member '${entry.name}' has ${data.length} bytes, the directory says ${entry.uncompressedSize}`);
  if (crc32(data) !== entry.crc32) throw new NpyFormatError(`${op}: member '${entry.name}' fails its CRC-32 check (corrupt file)`);
  return data;
}

/** Compressed form of one member, synchronously or on the thread pool. @internal */
export type Deflater = (data: Uint8Array) => Uint8Array | Promise<Uint8Array>;

/** Deflates with zlib's default level, as Python's zipfile does. @internal */
export const deflateSync: Deflater = (data) => zlib.deflateRawSync(data);
/** @internal */
export const deflateAsync: Deflater = (data) =>
  new Promise((resolve, reject) => zlib.deflateRaw(data, (err, out) => (err ? reject(err) : resolve(out))));

/**
 * The pieces of a zip archive holding the members (stored, or deflated when `deflate` is given),
 * zip64 where sizes or offsets need it (or everywhere with `forceZip64`). @internal
 */
export async function writeZipAsync(members: ZipInput[], deflate: Deflater | null, forceZip64 = false): Promise<Uint8Array[]> {
  const prepared = [];
  for (const m of members) prepared.push(await prepare(m, deflate));
  return assemble(prepared, forceZip64);
}

/** Synchronous form of writeZipAsync; `deflate` must return synchronously. @internal */
export function writeZipSync(members: ZipInput[], deflate: Deflater | null, forceZip64 = false, align = 0): Uint8Array[] {
  const prepared = members.map((m) => {
    const usize = m.parts.reduce((a, b) => a + b.length, 0);
    const crc = m.crc32 ?? m.parts.reduce((c, b) => crc32(b, c), 0);
    const stored = deflate ? [deflate(m.parts.length === 1 ? m.parts[0]! : Buffer.concat(m.parts)) as Uint8Array] : m.parts;
    return { name: m.name, method: deflate ? 8 : 0, crc, usize, data: stored };
  });
  return assemble(prepared, forceZip64, align);
}

interface Prepared {
  name: string;
  method: number;
  crc: number;
  usize: number;
  data: Uint8Array[];
}

async function prepare(m: ZipInput, deflate: Deflater | null): Promise<Prepared> {
  const usize = m.parts.reduce((a, b) => a + b.length, 0);
  const crc = m.parts.reduce((c, b) => crc32(b, c), 0);
  const data = deflate ? [await deflate(m.parts.length === 1 ? m.parts[0]! : Buffer.concat(m.parts))] : m.parts;
  return { name: m.name, method: deflate ? 8 : 0, crc, usize, data };
}

/** The extra-field id of alignment padding ('FB', as PyTorch's writer uses). */
const PAD_EXTRA_ID = 0x4246;

/**
 * Lays the members out; with `align`, each member's data starts at a multiple of `align` bytes, padded in
 * its local header's extra field, so that a reader can map stored records in place (PyTorch aligns to 64).
 */
function assemble(members: Prepared[], forceZip64: boolean, align = 0): Uint8Array[] {
  const out: Uint8Array[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const name = Buffer.from(m.name, 'utf8');
    const csize = m.data.reduce((a, b) => a + b.length, 0);
    const zip64 = forceZip64 || csize >= U32_MAX || m.usize >= U32_MAX || offset >= U32_MAX;
    const utf8Flag = /^[\x20-\x7e]*$/.test(m.name) ? 0 : 0x0800;
    const version = zip64 ? 45 : 20;

    const zip64Extra = zip64 ? 20 : 0;
    let padExtra = 0;
    if (align > 0) {
      const unpadded = offset + 30 + name.length + zip64Extra + 4;
      padExtra = 4 + ((align - (unpadded % align)) % align);
    }
    const local = Buffer.alloc(30 + name.length + zip64Extra + padExtra);
    local.writeUInt32LE(SIG_LOCAL, 0);
    local.writeUInt16LE(version, 4);
    local.writeUInt16LE(utf8Flag, 6);
    local.writeUInt16LE(m.method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(m.crc, 14);
    local.writeUInt32LE(zip64 ? U32_MAX : csize, 18);
    local.writeUInt32LE(zip64 ? U32_MAX : m.usize, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(zip64Extra + padExtra, 28);
    name.copy(local, 30);
    if (zip64) {
      const e = 30 + name.length;
      local.writeUInt16LE(0x0001, e);
      local.writeUInt16LE(16, e + 2);
      local.writeBigUInt64LE(BigInt(m.usize), e + 4);
      local.writeBigUInt64LE(BigInt(csize), e + 12);
    }
    if (padExtra) {
      const e = 30 + name.length + zip64Extra;
      local.writeUInt16LE(PAD_EXTRA_ID, e);
      local.writeUInt16LE(padExtra - 4, e + 2);
    }

    const extra: bigint[] = [];
    if (zip64) extra.push(BigInt(m.usize), BigInt(csize), BigInt(offset));
    const cd = Buffer.alloc(46 + name.length + (extra.length ? 4 + 8 * extra.length : 0));
    cd.writeUInt32LE(SIG_CENTRAL, 0);
    cd.writeUInt16LE(version, 4); // version made by (MS-DOS attributes)
    cd.writeUInt16LE(version, 6);
    cd.writeUInt16LE(utf8Flag, 8);
    cd.writeUInt16LE(m.method, 10);
    cd.writeUInt16LE(DOS_TIME, 12);
    cd.writeUInt16LE(DOS_DATE, 14);
    cd.writeUInt32LE(m.crc, 16);
    cd.writeUInt32LE(zip64 ? U32_MAX : csize, 20);
    cd.writeUInt32LE(zip64 ? U32_MAX : m.usize, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt16LE(extra.length ? 4 + 8 * extra.length : 0, 30);
    cd.writeUInt32LE(zip64 ? U32_MAX : offset, 42);
    name.copy(cd, 46);
    if (extra.length) {
      const e = 46 + name.length;
      cd.writeUInt16LE(0x0001, e);
      cd.writeUInt16LE(8 * extra.length, e + 2);
      extra.forEach((v, i) => cd.writeBigUInt64LE(v, e + 4 + 8 * i));
    }
    central.push(cd);
    out.push(local, ...m.data);
    offset += local.length + csize;
  }
  const cdOffset = offset;
  const cdSize = central.reduce((a, b) => a + b.length, 0);
  out.push(...central);
  const zip64End = forceZip64 || members.length >= U16_MAX || cdOffset >= U32_MAX || cdSize >= U32_MAX;
  if (zip64End) {
    const rec = Buffer.alloc(56 + 20);
    rec.writeUInt32LE(SIG_EOCD64, 0);
    rec.writeBigUInt64LE(44n, 4); // size of the rest of the record
    rec.writeUInt16LE(45, 12);
    rec.writeUInt16LE(45, 14);
    rec.writeBigUInt64LE(BigInt(members.length), 24);
    rec.writeBigUInt64LE(BigInt(members.length), 32);
    rec.writeBigUInt64LE(BigInt(cdSize), 40);
    rec.writeBigUInt64LE(BigInt(cdOffset), 48);
    rec.writeUInt32LE(SIG_EOCD64_LOCATOR, 56);
    rec.writeBigUInt64LE(BigInt(cdOffset + cdSize), 64);
    rec.writeUInt32LE(1, 72); // total number of disks
    out.push(rec);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(SIG_EOCD, 0);
  end.writeUInt16LE(zip64End ? U16_MAX : members.length, 8);
  end.writeUInt16LE(zip64End ? U16_MAX : members.length, 10);
  end.writeUInt32LE(zip64End ? U32_MAX : cdSize, 12);
  end.writeUInt32LE(zip64End ? U32_MAX : cdOffset, 16);
  out.push(end);
  return out;
}

// CRC-32 (IEEE): the addon's for large buffers (carry-less multiply, across threads: zlib's runs at
// ~1.3 GB/s, which made checksumming a checkpoint cost as much as writing it), zlib's when this Node has
// it (>= 20.15) for small ones, else a table.
let table: Uint32Array | undefined;
const zlibCrc = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
/** From this many bytes the addon's CRC beats the call overhead. */
const NATIVE_CRC_MIN = 1 << 16;

/** CRC-32 of data, continuing from `crc`. @internal */
export function crc32(data: Uint8Array, crc = 0): number {
  if (data.length >= NATIVE_CRC_MIN) return native.crc32(data, crc);
  return zlibCrc ? zlibCrc(data, crc) : crc32Table(data, crc);
}

/** CRC-32 with a lookup table, for Node versions without zlib.crc32. @internal */
export function crc32Table(data: Uint8Array, crc = 0): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = ~crc >>> 0;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}
