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
import { checkAttached, Storage } from '../storage';
import { Tensor } from '../tensor';
import { HOST_LITTLE_ENDIAN } from './npy';
import { describePy, PickleWriter, unpickle } from './pickle';
import { loadLegacy } from './pt-legacy';
import { loadHooks, MAX_DEPTH, STORAGE_CLASS, swapBytes, toJs, type MapLocation } from './pt-unpickle';
import {
  archiveParts, crc32Async, openArchive, readRecord, readRecordInto, runAsync, runSync, writeAsyncTo, writeSyncTo,
  type LoadSource, type LoadSourceSync, type ReadSteps, type SaveTarget, type SaveTargetSync,
} from './pt-zip';
import type { ZipInput, ZipRecord } from './zip';

export type { LoadSource, LoadSourceSync, SaveTarget, SaveTargetSync } from './pt-zip';
export type { MapLocation } from './pt-unpickle';

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
    if (key === undefined) {
      checkAttached(s.data, op); // a transferred-away buffer would save as an empty storage
      storageKeys.set(s, (key = storages.push(s) - 1));
    }
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
      // An autograd Variable (core cannot see its class) holds its tensor in `.data`.
      const hint = (o as { data?: unknown }).data instanceof Tensor ? '; save its .data tensor' : '';
      throw new TorchTypeError(`${op}: cannot save a ${o.constructor?.name ?? 'object'} at ${path} (only tensors, storages, plain objects, arrays, Maps, numbers, strings, booleans, null and bigints${hint})`);
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
