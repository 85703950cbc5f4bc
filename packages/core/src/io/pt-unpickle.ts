/**
 * What a checkpoint's pickle may build, and nothing else: the allow-list of globals (as PyTorch's
 * `weights_only=True`), storages resolved through `mapLocation`, tensors checked against their storage,
 * and the conversion of Python containers to JS ones with sharing kept and cycles refused. Used for the
 * zip format (serialize.ts) and the legacy one (pt-legacy.ts). Decisions are in docs/serialization.md.
 * @internal
 */
import { Buffer } from 'node:buffer';
import { dtypes, type DType } from '../dtype';
import { TorchSerializationError, TorchTypeError } from '../errors';
import { Storage } from '../storage';
import { makeTensor, Tensor } from '../tensor';
import { describePy, PyDict, PyTuple, type UnpickleHooks } from './pickle';

/**
 * Where loaded storages go, by the location the file recorded ('cpu', 'cuda:0', ...): one device for all,
 * a table from recorded location to device (unlisted locations stay), or a function of the location.
 */
export type MapLocation = string | Readonly<Record<string, string>> | ((location: string) => string);

/** Deepest nesting saved or loaded: deeper graphs are refused rather than overflowing the stack. @internal */
export const MAX_DEPTH = 1000;

/** PyTorch's storage class of each dtype (`FloatStorage`). @internal */
export const STORAGE_CLASS = new Map<DType, string>(dtypes.map((d) => [d, `${d.typeWord}Storage`]));
const DTYPE_OF_STORAGE = new Map<string, DType>(dtypes.map((d) => [`${d.typeWord}Storage`, d]));
/** PyTorch storage types with no dtype here, for the message. */
const UNSUPPORTED_STORAGE: Record<string, string> = {
  BFloat16Storage: 'bfloat16', ComplexFloatStorage: 'complex64', ComplexDoubleStorage: 'complex128', QInt8Storage: 'qint8',
  QUInt8Storage: 'quint8', QInt32Storage: 'qint32', QUInt4x2Storage: 'quint4x2', QUInt2x4Storage: 'quint2x4',
};

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
export type NewStorage = (key: string, dtype: DType, numel: number, rest: unknown[]) => Storage;

/** The unpickler hooks of a checkpoint. @internal */
export function loadHooks(newStorage: NewStorage, map: MapLocation | undefined, op: string): UnpickleHooks {
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

/** Turns the unpickled values into JS ones; shared stays shared, a cycle is refused. @internal */
export function toJs(root: unknown, op: string): unknown {
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

/** Reverses the byte order of each element in place. @internal */
export function swapBytes(b: Uint8Array, size: number): void {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (size === 2) buf.swap16();
  else if (size === 4) buf.swap32();
  else if (size === 8) buf.swap64();
}
