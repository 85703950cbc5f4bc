/**
 * PyTorch's legacy (pre-1.6) checkpoint format, read only. Decisions are in docs/serialization.md.
 * @internal
 */
import { TorchSerializationError } from '../errors';
import { Storage } from '../storage';
import { HOST_LITTLE_ENDIAN } from './npy';
import { PyDict, unpickleFrom, type UnpickleHooks } from './pickle';
import { loadHooks, swapBytes, toJs, type MapLocation, type NewStorage } from './pt-unpickle';

/** PyTorch's legacy format header: the magic number and the protocol version it pickles first. */
const LEGACY_MAGIC_NUMBER = 0x1950a86a20f9469cfc6cn;
const LEGACY_PROTOCOL_VERSION = 1001;

/**
 * PyTorch's pre-1.6 format: pickles of the magic number, the protocol version, a dict of system facts
 * (byte order, type sizes), the object (storages as 6-item persistent ids), the sorted list of storage
 * keys; then each storage in that order as an int64 element count and its raw elements.
 * @internal
 */
export function loadLegacy(bytes: Uint8Array, map: MapLocation | undefined, op: string): unknown {
  const fail = (what: string): never => {
    throw new TorchSerializationError(`${op}: corrupt legacy (pre-1.6) checkpoint: ${what}`);
  };
  const plain: UnpickleHooks = {
    findGlobal: (m, n) => fail(`global '${m}.${n}' in a header`),
    persistentLoad: () => fail('a persistent id in a header'),
    call: () => fail('a call in a header'),
    build: () => fail('a BUILD in a header'),
  };
  let at = 0;
  const next = (hooks: UnpickleHooks) => {
    const r = unpickleFrom(bytes, at, hooks, op);
    at = r.end;
    return r.value;
  };
  if (next(plain) !== LEGACY_MAGIC_NUMBER) fail('bad magic number');
  const version = next(plain);
  if (version !== LEGACY_PROTOCOL_VERSION) fail(`protocol version ${String(version)}, expected ${LEGACY_PROTOCOL_VERSION}`);
  const info = next(plain);
  const little = info instanceof PyDict ? info.entries.get('little_endian') : undefined;
  if (typeof little !== 'boolean') fail('the system-info dict has no little_endian flag');
  const byKey = new Map<string, Storage>();
  const newStorage: NewStorage = (key, dtype, n, rest) => {
    if (rest.length !== 1) fail(`a persistent id has ${5 + rest.length} items, not 6`);
    if (rest[0] !== null) fail('storage views (view_metadata, written before PyTorch 1.0) are not supported');
    // Each storage's bytes follow the pickles: a size the rest of the file cannot hold allocates nothing.
    if (n * dtype.itemsize > bytes.length - at) fail(`storage '${key}' declares ${n} ${dtype.name} elements, more than the file holds`);
    const s = Storage.allocate(dtype, n);
    byKey.set(key, s);
    return s;
  };
  const root = next(loadHooks(newStorage, map, op));
  const keys = next(plain);
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) fail('the storage key list is not a list of strings');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const key of keys as string[]) {
    const s = byKey.get(key) ?? fail(`storage '${key}' is listed but never used`);
    if (at + 8 > bytes.length) fail(`the file ends before storage '${key}'`);
    const count = view.getBigInt64(at, true);
    if (count !== BigInt(s.size())) fail(`storage '${key}' has ${count} elements in the file and ${s.size()} in the pickle`);
    const n = s.size() * s.dtype.itemsize;
    if (at + 8 + n > bytes.length) fail(`the file ends inside storage '${key}'`);
    const out = new Uint8Array(s.data.buffer, s.data.byteOffset, n);
    out.set(bytes.subarray(at + 8, at + 8 + n));
    if (little !== HOST_LITTLE_ENDIAN) swapBytes(out, s.dtype.itemsize);
    at += 8 + n;
    byKey.delete(key);
  }
  if (byKey.size) fail(`storage '${byKey.keys().next().value}' has no data`);
  return toJs(root, op);
}
