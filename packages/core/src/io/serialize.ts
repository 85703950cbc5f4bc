/**
 * `torch.save` / `torch.load`: any nesting of tensors, storages, plain objects, arrays, Maps, numbers,
 * strings, booleans, null and bigints, written as a PyTorch ≥ 1.6 checkpoint (a zip of a restricted pickle
 * and one record per storage) that Python's `torch.load(f, weights_only=True)` reads, and read back from
 * files PyTorch writes. Every storage is written once and shared objects stay shared. The format and the
 * decisions are in docs/serialization.md.
 */
import { Buffer } from 'node:buffer';
import { dtypes, type DType } from '../dtype';
import { TorchSerializationError, TorchTypeError } from '../errors';
import { Storage } from '../storage';
import { makeTensor, Tensor } from '../tensor';
import { HOST_LITTLE_ENDIAN } from './npy';
import { describePy, PickleWriter, PyDict, PyTuple, unpickle, unpickleFrom, type UnpickleHooks } from './pickle';
import {
  archiveParts, crc32Async, openArchive, readRecord, readRecordInto, runAsync, runSync, writeAsyncTo, writeSyncTo,
  type LoadSource, type LoadSourceSync, type ReadSteps, type SaveTarget, type SaveTargetSync,
} from './pt-zip';
import type { ZipInput, ZipRecord } from './zip';

export type { LoadSource, LoadSourceSync, SaveTarget, SaveTargetSync } from './pt-zip';

/**
 * Where loaded storages go, by the location the file recorded ('cpu', 'cuda:0', ...): one device for all,
 * a table from recorded location to device (unlisted locations stay), or a function of the location.
 */
export type MapLocation = string | Readonly<Record<string, string>> | ((location: string) => string);

/** Options of load / loadSync. */
export interface LoadOptions {
  /** Where storages go (as PyTorch's `map_location`); needed for checkpoints written from CUDA tensors on a CPU-only machine. */
  mapLocation?: MapLocation;
}

/** Version of this library's use of the format (recorded in `<archive>/.format/torch-ts.json`). */
export const SERIALIZATION_VERSION = 1;
/** The archive name this library writes (PyTorch names it after the file; readers take it from the first record). */
const ARCHIVE = 'archive';
/** PyTorch's own record format version, as PyTorch ≥ 1.6 writes it. */
const PYTORCH_RECORD_VERSION = '3\n';
/** Deepest nesting saved or loaded: deeper graphs are refused rather than overflowing the stack. */
const MAX_DEPTH = 1000;

const STORAGE_CLASS = new Map<DType, string>(dtypes.map((d) => [d, `${d.typeWord}Storage`]));
const DTYPE_OF_STORAGE = new Map<string, DType>(dtypes.map((d) => [`${d.typeWord}Storage`, d]));
/** PyTorch storage types with no dtype here, for the message. */
const UNSUPPORTED_STORAGE: Record<string, string> = {
  BFloat16Storage: 'bfloat16', ComplexFloatStorage: 'complex64', ComplexDoubleStorage: 'complex128', QInt8Storage: 'qint8',
  QUInt8Storage: 'quint8', QInt32Storage: 'qint32', QUInt4x2Storage: 'quint4x2', QUInt2x4Storage: 'quint2x4',
};

// ---- saving ----

/**
 * Saves an object graph (tensors of every dtype, storages, plain objects, arrays, Maps, numbers, strings,
 * booleans, null, bigints) to a path or file descriptor, or returns the file's bytes when no target is
 * given. Each storage is written once; tensors that view one storage view one storage again after load.
 * Python's `torch.load(path, weights_only=True)` reads the file.
 * @example
 * torch.saveSync({ weight: w, bias: b, step: 10 }, 'model.pt');
 * const bytes = torch.saveSync([a, a.t()]);   // a Buffer
 */
export function saveSync(obj: unknown, target: SaveTargetSync): void;
export function saveSync(obj: unknown): Buffer;
export function saveSync(obj: unknown, target?: SaveTargetSync): Buffer | void {
  const op = 'saveSync';
  checkArgCount(op, arguments.length, 2);
  checkTarget(op, target, false);
  const parts = archiveParts(members(encodeGraph(obj, op)));
  if (target === undefined) return Buffer.concat(parts);
  writeSyncTo(op, target, parts);
}

/**
 * Promise form of saveSync: checksums and writes in pieces, so a large file never blocks the event loop
 * for long. Also writes to a FileHandle or a Writable stream (not ended afterwards).
 * @example
 * await torch.save(model.stateDict(), 'model.pt');
 * await torch.save(checkpoint, fs.createWriteStream('ckpt.pt'));
 */
export function save(obj: unknown, target: SaveTarget): Promise<void>;
export function save(obj: unknown): Promise<Buffer>;
export async function save(obj: unknown, target?: SaveTarget): Promise<Buffer | void> {
  const op = 'save';
  checkArgCount(op, arguments.length, 2);
  checkTarget(op, target, true);
  const m = members(encodeGraph(obj, op));
  for (const member of m) if (member.parts.length === 1) member.crc32 = await crc32Async(member.parts[0]!);
  const parts = archiveParts(m);
  if (target === undefined) return Buffer.concat(parts);
  await writeAsyncTo(op, target, parts);
}

interface Encoded {
  pickle: Uint8Array;
  storages: Storage[];
}

/** The records of a checkpoint, in the order PyTorch writes them (data.pkl first: readers take the archive name from it). */
function members(enc: Encoded): ZipInput[] {
  const byteorder = HOST_LITTLE_ENDIAN ? 'little' : 'big';
  const format = {
    format: 'torch-ts', version: SERIALIZATION_VERSION, byteorder, alignment: 64,
    itemsizes: Object.fromEntries(dtypes.map((d) => [d.name, d.itemsize])),
  };
  return [
    { name: `${ARCHIVE}/data.pkl`, parts: [enc.pickle] },
    { name: `${ARCHIVE}/byteorder`, parts: [Buffer.from(byteorder)] },
    { name: `${ARCHIVE}/.format/torch-ts.json`, parts: [Buffer.from(JSON.stringify(format))] },
    ...enc.storages.map((s, i) => ({ name: `${ARCHIVE}/data/${i}`, parts: [new Uint8Array(s.data.buffer, s.data.byteOffset, s.data.byteLength)] })),
    { name: `${ARCHIVE}/version`, parts: [Buffer.from(PYTORCH_RECORD_VERSION)] },
  ];
}

/** Walks the graph once: containers and tensors are memoized (so shared stays shared), storages numbered. */
function encodeGraph(root: unknown, op: string): Encoded {
  const w = new PickleWriter();
  const memo = new Map<object, number>();
  const active = new Set<object>();
  const storageKeys = new Map<Storage, number>();
  const storages: Storage[] = [];

  const storage = (s: Storage) => {
    let key = storageKeys.get(s);
    if (key === undefined) storageKeys.set(s, (key = storages.push(s) - 1));
    const device = (s as { device?: unknown }).device;
    w.mark().string('storage').global('torch', STORAGE_CLASS.get(s.dtype)!).string(String(key));
    w.string(typeof device === 'string' ? device : 'cpu');
    int(s.size());
    w.tuple(5).persistentId();
  };
  const int = (x: number) => (x >= -0x80000000 && x <= 0x7fffffff ? w.number(x) : w.bigint(BigInt(x)));
  const ints = (xs: readonly number[]) => {
    if (xs.length > 3) w.mark();
    xs.forEach(int);
    w.tuple(xs.length);
  };
  const orderedDict = () => w.global('collections', 'OrderedDict').tuple(0).reduce();

  const value = (v: unknown, path: string, depth: number): void => {
    if (v === null) return void w.none();
    switch (typeof v) {
      case 'boolean':
        return void w.bool(v);
      case 'number':
        return void w.number(v);
      case 'bigint':
        return void w.bigint(v);
      case 'string':
        return void w.string(v);
      case 'object':
        break;
      default:
        throw new TorchTypeError(`${op}: cannot save ${typeof v} at ${path} (only tensors, storages, objects, arrays, Maps, numbers, strings, booleans, null and bigints)`);
    }
    const o = v as object;
    // Containers are memoized before their contents (as Python's pickler does), so `active` is checked first.
    if (active.has(o)) throw new TorchTypeError(`${op}: cyclic reference at ${path} (an object contains itself)`);
    const seen = memo.get(o);
    if (seen !== undefined) return void w.get(seen);
    if (depth > MAX_DEPTH) throw new TorchTypeError(`${op}: the object graph is nested deeper than ${MAX_DEPTH} at ${path}`);
    active.add(o);
    if (o instanceof Tensor) {
      w.global('torch._utils', '_rebuild_tensor_v2').mark();
      storage(o._storage);
      int(o._offset);
      ints(o.shape);
      ints(o._strides);
      w.bool(false);
      orderedDict();
      w.tuple(6).reduce();
      memo.set(o, w.put());
    } else if (o instanceof Storage) {
      storage(o);
      memo.set(o, w.put());
    } else if (Array.isArray(o)) {
      w.emptyList();
      memo.set(o, w.put());
      if (o.length) {
        w.mark();
        for (let i = 0; i < o.length; i++) value(o[i], `${path}[${i}]`, depth + 1);
        w.appends();
      }
    } else if (o instanceof Map) {
      orderedDict();
      memo.set(o, w.put());
      if (o.size) {
        w.mark();
        for (const [k, x] of o) {
          if (k !== null && typeof k === 'object') throw new TorchTypeError(`${op}: Map keys must be strings, numbers, bigints, booleans or null; ${path} has a ${describePy(k)} key`);
          value(k, path, depth + 1);
          value(x, `${path}.get(${JSON.stringify(String(k))})`, depth + 1);
        }
        w.setitems();
      }
    } else if (Object.getPrototypeOf(o) === Object.prototype || Object.getPrototypeOf(o) === null) {
      w.emptyDict();
      memo.set(o, w.put());
      const keys = Object.keys(o);
      if (keys.length) {
        w.mark();
        for (const k of keys) {
          w.string(k);
          value((o as Record<string, unknown>)[k], `${path}.${k}`, depth + 1);
        }
        w.setitems();
      }
    } else {
      throw new TorchTypeError(`${op}: cannot save a ${o.constructor?.name ?? 'object'} at ${path} (only tensors, storages, plain objects, arrays, Maps, numbers, strings, booleans, null and bigints)`);
    }
    active.delete(o);
  };
  value(root, 'the root', 0);
  return { pickle: w.finish(), storages };
}

// ---- loading ----

/**
 * Loads what saveSync (or Python's `torch.save`, PyTorch ≥ 1.6) wrote, from a path, a file descriptor or
 * the bytes. Storages are read straight into their memory, shared storages load once, tensors get the
 * offsets and strides they were saved with. Nothing in the file is executed: only tensors, storages and
 * containers are built, and anything else is refused with a TorchSerializationError naming it.
 * Python dicts load as plain objects (a Map when a key is not a string), OrderedDicts (PyTorch's state
 * dicts) as Maps, lists and tuples as arrays, Python ints beyond 32 bits as bigints.
 * @example
 * const sd = torch.loadSync<Map<string, torch.Tensor>>('model.pt');
 * const ck = torch.loadSync('gpu_ckpt.pt', { mapLocation: 'cpu' });
 */
export function loadSync<T = unknown>(source: LoadSourceSync, options?: LoadOptions): T {
  const op = 'loadSync';
  checkArgCount(op, arguments.length, 2);
  const map = checkLoadOptions(op, options);
  return runSync(op, source, (size) => loadSteps(size, map, op)) as T;
}

/**
 * Promise form of loadSync: reads on the thread pool in pieces. Also reads a FileHandle, or a Readable
 * stream (collected in memory first, since the zip directory sits at the end of the file).
 * @example
 * const sd = await torch.load('model.pt', { mapLocation: 'cpu' });
 */
export async function load<T = unknown>(source: LoadSource, options?: LoadOptions): Promise<T> {
  const op = 'load';
  checkArgCount(op, arguments.length, 2);
  const map = checkLoadOptions(op, options);
  return (await runAsync(op, source, (size) => loadSteps(size, map, op))) as T;
}

function* loadSteps(size: number, map: MapLocation | undefined, op: string): ReadSteps<unknown> {
  const archive = yield* openArchive(size, op);
  if (archive === 'legacy') {
    // The legacy format is one stream of pickles and raw storages with no index: it is read whole.
    const all = new Uint8Array(size);
    yield { pos: 0, into: all };
    return loadLegacy(all, map, op);
  }
  let swap = false;
  if (archive.records.has('byteorder')) {
    const order = Buffer.from(yield* readRecord(archive, 'byteorder')).toString('latin1');
    if (order !== 'little' && order !== 'big') archive.fail(`byteorder record says '${order.slice(0, 20)}', not 'little' or 'big'`);
    swap = (order === 'little') !== HOST_LITTLE_ENDIAN;
  }
  const pickle = yield* readRecord(archive, 'data.pkl');
  const pending: { storage: Storage; record: ZipRecord }[] = [];
  const fail = (what: string): never => {
    throw new TorchSerializationError(`${op}: ${what}`);
  };
  const newStorage = (key: string, dtype: DType, n: number, rest: unknown[]): Storage => {
    if (rest.length !== 0) fail(`a persistent id has ${5 + rest.length} items, not 5`);
    const record = archive.records.get(`data/${key}`) ?? fail(`storage '${key}' has no record ${archive.prefix}/data/${key}`);
    // The record's size is bounded by the file's: checking it first keeps a hostile size from allocating.
    if (record.uncompressedSize !== n * dtype.itemsize)
      fail(`storage '${key}' declares ${n} ${dtype.name} elements (${n * dtype.itemsize} bytes) but its record holds ${record.uncompressedSize} bytes`);
    const storage = Storage.allocate(dtype, n);
    pending.push({ storage, record });
    return storage;
  };
  const root = unpickle(pickle, loadHooks(newStorage, map, op), op);
  for (const { storage, record } of pending) {
    const bytes = new Uint8Array(storage.data.buffer, storage.data.byteOffset, storage.data.byteLength);
    yield* readRecordInto(archive, record, bytes);
    if (swap) swapBytes(bytes, storage.dtype.itemsize);
  }
  return toJs(root, op);
}

/** PyTorch's legacy format header: the magic number and the protocol version it pickles first. */
const LEGACY_MAGIC_NUMBER = 0x1950a86a20f9469cfc6cn;
const LEGACY_PROTOCOL_VERSION = 1001;

/**
 * PyTorch's pre-1.6 format: pickles of the magic number, the protocol version, a dict of system facts
 * (byte order, type sizes), the object (storages as 6-item persistent ids), the sorted list of storage
 * keys; then each storage in that order as an int64 element count and its raw elements.
 */
function loadLegacy(bytes: Uint8Array, map: MapLocation | undefined, op: string): unknown {
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

/** A global the loader allows, standing for a function it calls itself. */
class AllowedCall {
  constructor(readonly qualname: string) {}
}
/** A `torch.XStorage` global. */
class StorageType {
  constructor(readonly dtype: DType, readonly qualname: string) {}
}

const ORDERED_DICT = new AllowedCall('collections.OrderedDict');
const REBUILD_TENSOR_V2 = new AllowedCall('torch._utils._rebuild_tensor_v2');
const REBUILD_TENSOR = new AllowedCall('torch._utils._rebuild_tensor');
const REBUILD_PARAMETER = new AllowedCall('torch._utils._rebuild_parameter');
const REBUILD_PARAMETER_WITH_STATE = new AllowedCall('torch._utils._rebuild_parameter_with_state');
const TORCH_SIZE = new AllowedCall('torch.Size');
const ALLOWED = new Map<string, AllowedCall>(
  [ORDERED_DICT, REBUILD_TENSOR_V2, REBUILD_TENSOR, REBUILD_PARAMETER, REBUILD_PARAMETER_WITH_STATE, TORCH_SIZE].map((c) => [c.qualname, c]),
);

/** Makes the storage a persistent id names (key, dtype, element count, the id's items after the fifth). */
type NewStorage = (key: string, dtype: DType, numel: number, rest: unknown[]) => Storage;

function loadHooks(newStorage: NewStorage, map: MapLocation | undefined, op: string): UnpickleHooks {
  const fail = (what: string): never => {
    throw new TorchSerializationError(`${op}: ${what}`);
  };
  const storages = new Map<string, Storage>();
  return {
    findGlobal(module, name) {
      const qualname = `${module}.${name}`;
      const call = ALLOWED.get(qualname);
      if (call) return call;
      if (module === 'torch') {
        const dtype = DTYPE_OF_STORAGE.get(name);
        if (dtype) return new StorageType(dtype, qualname);
        if (UNSUPPORTED_STORAGE[name]) throw new TorchTypeError(`${op}: the checkpoint holds ${qualname} (${UNSUPPORTED_STORAGE[name]}), a dtype this library does not have`);
      }
      return fail(`global '${qualname}' is not allowed: only tensors, storages and containers are loaded (as PyTorch's weights_only=True), nothing from the file is executed`);
    },
    persistentLoad(pid) {
      const items = pid instanceof PyTuple ? pid.items : fail(`a persistent id is a ${describePy(pid)}, not a tuple`);
      const [kind, type, key, location, numel] = items;
      if (items.length < 5 || kind !== 'storage') fail(`unknown persistent id (${items.length} items, kind ${JSON.stringify(String(kind)).slice(0, 40)})`);
      if (!(type instanceof StorageType)) fail(`a persistent id names a ${describePy(type)}, not a storage type`);
      if (typeof key !== 'string' || typeof location !== 'string') fail('a persistent id has a non-string key or location');
      const dtype = (type as StorageType).dtype;
      const n = toIndex(numel, 'a storage size', fail);
      const known = storages.get(key as string);
      if (known) {
        if (known.dtype !== dtype || known.size() !== n) fail(`storage '${key}' is referenced as ${known.size()} ${known.dtype.name} and as ${n} ${dtype.name}`);
        return known;
      }
      mapDevice(location as string, map, op);
      const storage = newStorage(key as string, dtype, n, items.slice(5));
      storages.set(key as string, storage);
      return storage;
    },
    call(callable, args) {
      if (callable === ORDERED_DICT) {
        if (args.length !== 0) fail('OrderedDict is built with arguments');
        return new PyDict(true);
      }
      if (callable === REBUILD_TENSOR_V2 || callable === REBUILD_TENSOR) {
        const want = callable === REBUILD_TENSOR ? [4] : [6, 7];
        if (!want.includes(args.length)) fail(`${(callable as AllowedCall).qualname} takes ${want.join(' or ')} arguments, got ${args.length}`);
        return rebuildTensor(args[0], args[1], args[2], args[3], fail);
      }
      if (callable === REBUILD_PARAMETER || callable === REBUILD_PARAMETER_WITH_STATE) {
        // A Parameter loads as its tensor: core has no Parameter class (nn wraps tensors when it loads a state dict).
        if (!(args[0] instanceof Tensor)) fail(`${(callable as AllowedCall).qualname} of a ${describePy(args[0])}, not a tensor`);
        return args[0];
      }
      if (callable === TORCH_SIZE) {
        if (args.length !== 1 || !(args[0] instanceof PyTuple)) fail('torch.Size is built from one tuple');
        return args[0];
      }
      return fail(`calling a ${describePy(callable)}${callable instanceof StorageType ? ` (${callable.qualname})` : ''} is not allowed`);
    },
    build(obj, state) {
      // OrderedDict state dicts carry `_metadata` (per-module versions) as instance state; it is dropped.
      if (obj instanceof PyDict && (state === null || state instanceof PyDict)) return obj;
      if (obj instanceof Tensor && (state === null || (state instanceof PyDict && state.entries.size === 0))) return obj;
      return fail(`setting the state of a ${describePy(obj)} is not allowed`);
    },
  };
}

/** Checks what a rebuilt tensor would view against its storage: never a view past the end. */
function rebuildTensor(storage: unknown, offset: unknown, size: unknown, stride: unknown, fail: (what: string) => never): Tensor {
  if (!(storage instanceof Storage)) fail(`a tensor is rebuilt from a ${describePy(storage)}, not a storage`);
  const s = storage as Storage;
  const shape = tupleOfIndices(size, 'a tensor size', fail);
  const strides = tupleOfIndices(stride, 'a tensor stride', fail);
  const start = toIndex(offset, 'a storage offset', fail);
  if (shape.length !== strides.length) fail(`a tensor has ${shape.length} sizes and ${strides.length} strides`);
  let numel = 1, last = start;
  for (let d = 0; d < shape.length; d++) {
    numel *= shape[d]!;
    if (shape[d]! > 0) last += (shape[d]! - 1) * strides[d]!;
  }
  if (!Number.isSafeInteger(numel) || !Number.isSafeInteger(last)) fail(`a tensor of sizes [${shape.join(', ')}] is too large`);
  if (numel > 0 && last >= s.size())
    fail(`a tensor (offset ${start}, sizes [${shape.join(', ')}], strides [${strides.join(', ')}]) reaches element ${last} of a storage of ${s.size()}`);
  return makeTensor(s, start, shape, strides);
}

function tupleOfIndices(v: unknown, what: string, fail: (what: string) => never): number[] {
  const items = v instanceof PyTuple ? v.items : Array.isArray(v) ? v : fail(`${what} is a ${describePy(v)}, not a tuple`);
  if (items.length > 64) fail(`${what} has ${items.length} dims`);
  return items.map((x) => toIndex(x, what, fail));
}

function toIndex(v: unknown, what: string, fail: (what: string) => never): number {
  const n = typeof v === 'bigint' && v >= 0n && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) fail(`${what} is ${typeof v === 'bigint' ? `${v}n` : describePy(v)}${typeof v === 'number' ? ` ${v}` : ''}, not a non-negative integer`);
  return n as number;
}

/** Resolves a recorded location through mapLocation; only the CPU exists here. */
function mapDevice(location: string, map: MapLocation | undefined, op: string): void {
  let device = location;
  if (typeof map === 'string') device = map;
  else if (typeof map === 'function') {
    const d = map(location);
    if (typeof d !== 'string') throw new TorchTypeError(`${op}: mapLocation returned ${typeof d} for '${location}', not a device string`);
    device = d;
  } else if (map && Object.prototype.hasOwnProperty.call(map, location)) device = map[location]!;
  if (device !== 'cpu' && device !== 'cpu:0')
    throw new TorchSerializationError(
      `${op}: the checkpoint has storages on '${location}'${device !== location ? ` (mapped to '${device}')` : ''}, a device this process does not have; pass { mapLocation: 'cpu' } to load them onto the CPU`,
    );
}

/** Turns the unpickled values into JS ones; shared stays shared, a cycle is refused. */
function toJs(root: unknown, op: string): unknown {
  const done = new Map<object, unknown>();
  const active = new Set<object>();
  const convert = (v: unknown, depth: number): unknown => {
    if (v === null || typeof v !== 'object' || v instanceof Tensor || v instanceof Storage) return v;
    if (done.has(v)) return done.get(v);
    if (active.has(v)) throw new TorchSerializationError(`${op}: the checkpoint holds a cyclic reference (a ${describePy(v)} contains itself)`);
    if (depth > MAX_DEPTH) throw new TorchSerializationError(`${op}: the checkpoint nests deeper than ${MAX_DEPTH}`);
    active.add(v);
    let out: unknown;
    if (v instanceof PyTuple || Array.isArray(v)) {
      const items = v instanceof PyTuple ? v.items : v;
      out = items.map((x) => convert(x, depth + 1));
    } else if (v instanceof PyDict) {
      const allStrings = [...v.entries.keys()].every((k) => typeof k === 'string');
      if (v.ordered || !allStrings) {
        const m = new Map<unknown, unknown>();
        for (const [k, x] of v.entries) m.set(convert(k, depth + 1), convert(x, depth + 1));
        out = m;
      } else {
        const o: Record<string, unknown> = {};
        for (const [k, x] of v.entries) Object.defineProperty(o, k as string, { value: convert(x, depth + 1), enumerable: true, writable: true, configurable: true });
        out = o;
      }
    } else {
      throw new TorchSerializationError(`${op}: the checkpoint holds a bare ${describePy(v)} (a global that is only allowed as a call)`);
    }
    active.delete(v);
    done.set(v, out);
    return out;
  };
  return convert(root, 0);
}

function swapBytes(b: Uint8Array, size: number): void {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (size === 2) buf.swap16();
  else if (size === 4) buf.swap32();
  else if (size === 8) buf.swap64();
}

// ---- argument checks ----

function checkArgCount(op: string, n: number, max: number): void {
  if (n > max) throw new TorchTypeError(`${op}: takes at most ${max} arguments, got ${n}`);
}

function checkTarget(op: string, target: unknown, async: boolean): void {
  if (target === undefined || typeof target === 'string' || typeof target === 'number') {
    if (target === '') throw new TorchTypeError(`${op}: the path must be a non-empty string`);
    return;
  }
  if (async && typeof target === 'object' && target !== null) return; // a FileHandle or a Writable, checked when written
  throw new TorchTypeError(`${op}: expected a path or a file descriptor${async ? ', a FileHandle or a Writable stream' : ''} to save to, got ${target === null ? 'null' : typeof target}`);
}

function checkLoadOptions(op: string, options: LoadOptions | undefined): MapLocation | undefined {
  if (options === undefined) return undefined;
  if (options === null || typeof options !== 'object') throw new TorchTypeError(`${op}: options must be an object, got ${options === null ? 'null' : typeof options}`);
  for (const k of Object.keys(options))
    if (k !== 'mapLocation') throw new TorchTypeError(`${op}: unknown option '${k}'${k === 'map_location' ? " (did you mean 'mapLocation'?)" : ''}`);
  const map = options.mapLocation;
  if (map !== undefined && typeof map !== 'string' && typeof map !== 'function' && (map === null || typeof map !== 'object'))
    throw new TorchTypeError(`${op}: mapLocation must be a device string, an object from location to device, or a function, got ${map === null ? 'null' : typeof map}`);
  return map;
}
