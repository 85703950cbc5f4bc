/**
 * Reads Torch7's serialized objects (see format.ts) into JavaScript values: numbers, strings, booleans,
 * tables (arrays when their keys are exactly 1..n, else objects, or Maps for keys that are neither strings
 * nor numbers), tensors and storages (sharing intact: one Storage per file storage), and objects of Torch7
 * classes through their registered handlers. Nothing from the file is ever executed.
 */
import { empty, Storage, type DType, type Tensor } from '@torch/core';
import { storageDtype, T7LuaFunction, T7Object, TAG, tensorDtype, TorchT7Error, type T7ClassHandler } from './format';
import { openSource, type T7Encoding, type T7Source } from './source';

/** Options of `load`. */
export interface T7LoadOptions extends Partial<T7Encoding> {
  /**
   * A class name without a registered handler: 'error' (the default) throws naming the class; 'object'
   * loads it as a `T7Object` holding its typename and fields.
   */
  unknownClasses?: 'error' | 'object';
  /** Lua functions: 'error' (the default) throws; 'placeholder' loads a `T7LuaFunction` (never run). */
  functions?: 'error' | 'placeholder';
  /** Handlers by class name, consulted before the registered ones. */
  classes?: ReadonlyMap<string, T7ClassHandler>;
}

/** Tables and objects nest at most this deep: deeper files are refused instead of overflowing the stack. */
const MAX_DEPTH = 1000;
/** Torch7 tensors have at most this many dimensions. */
const MAX_DIMS = 64;

const registered = new Map<string, T7ClassHandler>();

/**
 * Makes `load` build objects of Torch7 class `className` with `handler` (legacy nn modules register
 * themselves this way).
 * @example
 * torch.legacy.registerT7Class('nn.MyLayer', { create: () => new MyLayer(), restore: (m, f) => Object.assign(m, f) });
 */
export function registerT7Class(className: string, handler: T7ClassHandler): void {
  registered.set(className, handler);
}

/** Reads one object from the bytes of a `.t7` file. @internal */
export function readT7(bytes: Uint8Array, options: T7LoadOptions = {}): unknown {
  const encoding: T7Encoding = { mode: options.mode ?? 'binary', longSize: options.longSize ?? 8, endian: options.endian ?? 'little' };
  if (encoding.mode !== 'binary' && encoding.mode !== 'ascii') throw new TorchT7Error(`load: mode must be 'binary' or 'ascii', got ${String(encoding.mode)}`);
  if (encoding.longSize !== 8 && encoding.longSize !== 4) throw new TorchT7Error(`load: longSize must be 8 or 4, got ${String(encoding.longSize)}`);
  return new Reader(openSource(bytes, encoding), options).object(0);
}

class Reader {
  /** Objects by reference index, as Torch7's readObjects. */
  private readonly seen = new Map<number, unknown>();
  /** Tables whose entries are still being read: a reference to one of these must keep its identity. */
  private readonly open = new Set<number>();
  private readonly referencedWhileOpen = new Set<number>();

  constructor(
    private readonly src: T7Source,
    private readonly options: T7LoadOptions,
  ) {}

  object(depth: number): unknown {
    if (depth > MAX_DEPTH) throw new TorchT7Error(`load: objects nest deeper than ${MAX_DEPTH} levels at byte ${this.src.position}`);
    const at = this.src.position;
    const tag = this.src.readInt();
    switch (tag) {
      case TAG.nil:
        return null;
      case TAG.number:
        return this.src.readDouble();
      case TAG.boolean:
        return this.src.readInt() === 1;
      case TAG.string:
        return this.string();
      case TAG.function:
        return this.luaFunction(depth, false);
      case TAG.table:
      case TAG.torch:
      case TAG.recurFunction:
      case TAG.legacyRecurFunction: {
        const index = this.src.readInt();
        if (this.seen.has(index)) {
          if (this.open.has(index)) this.referencedWhileOpen.add(index);
          return this.seen.get(index);
        }
        if (tag === TAG.table) return this.table(index, depth);
        if (tag === TAG.torch) return this.torchObject(index, depth);
        return this.luaFunction(depth, true, index);
      }
      default:
        throw new TorchT7Error(`load: unknown object tag ${tag} at byte ${at} (not a Torch7 file, or the wrong mode/longSize)`);
    }
  }

  private string(): string {
    const at = this.src.position;
    const n = this.src.readInt();
    if (n < 0) throw new TorchT7Error(`load: negative string length ${n} at byte ${at}`);
    return Buffer.from(this.src.readBytes(n)).toString('utf8');
  }

  private luaFunction(depth: number, referenced: boolean, index?: number): T7LuaFunction {
    const at = this.src.position;
    if (this.options.functions !== 'placeholder')
      throw new TorchT7Error(`load: the file holds a Lua function at byte ${at}; it is never run, pass { functions: 'placeholder' } to load the rest`);
    const n = this.src.readInt();
    if (n < 0) throw new TorchT7Error(`load: negative bytecode length ${n} at byte ${at}`);
    this.src.readBytes(n);
    const fn = new T7LuaFunction(n);
    if (referenced) this.seen.set(index!, fn);
    this.object(depth + 1); // its upvalues, read and dropped
    return fn;
  }

  private table(index: number, depth: number): unknown {
    const at = this.src.position;
    const size = this.src.readInt();
    // Each entry is at least a key and a value of 4 bytes each.
    if (size < 0 || size > this.src.capacity(8)) throw new TorchT7Error(`load: table of ${size} entries at byte ${at} does not fit in the file`);
    const obj: Record<string, unknown> = {};
    this.seen.set(index, obj);
    this.open.add(index);
    const keys: unknown[] = [];
    const values: unknown[] = [];
    for (let i = 0; i < size; i++) {
      const keyAt = this.src.position;
      const key = this.object(depth + 1);
      if (key === null) throw new TorchT7Error(`load: table key at byte ${keyAt} is nil`);
      keys.push(key);
      values.push(this.object(depth + 1));
    }
    this.open.delete(index);
    if (keys.every((k) => typeof k === 'string' || typeof k === 'number')) {
      const isArray = keys.every((k) => typeof k === 'number') && (keys as number[]).slice().sort((a, b) => a - b).every((k, i) => k === i + 1);
      // A table referenced from inside itself keeps the identity those references already hold.
      if (isArray && !this.referencedWhileOpen.has(index)) {
        const arr = new Array<unknown>(size);
        keys.forEach((k, i) => (arr[(k as number) - 1] = values[i]));
        this.seen.set(index, arr);
        return arr;
      }
      keys.forEach((k, i) => (obj[String(k)] = values[i]));
      return obj;
    }
    if (this.referencedWhileOpen.has(index))
      throw new TorchT7Error(`load: table at byte ${at} has non-string keys and refers to itself; it cannot be represented`);
    const map = new Map<unknown, unknown>(keys.map((k, i) => [k, values[i]]));
    this.seen.set(index, map);
    return map;
  }

  private torchObject(index: number, depth: number): unknown {
    const at = this.src.position;
    let className = this.string();
    const version = /^V (\d+)$/.exec(className);
    if (version) className = this.string(); // files from before versioning start with the class name
    const storage = storageDtype(className);
    if (storage) return this.remember(index, this.storage(storage));
    const tensor = tensorDtype(className);
    if (tensor) return this.remember(index, this.tensor(tensor, className, depth));
    const handler = this.options.classes?.get(className) ?? registered.get(className);
    if (!handler && this.options.unknownClasses !== 'object')
      throw new TorchT7Error(`load: unknown Torch7 class '${className}' at byte ${at}; pass { unknownClasses: 'object' } to load it as a T7Object`);
    const object = handler ? handler.create(className) : new T7Object(className);
    this.seen.set(index, object);
    const fieldsAt = this.src.position;
    const fields = this.object(depth + 1);
    if (fields === null || typeof fields !== 'object' || Array.isArray(fields) || fields instanceof Map)
      throw new TorchT7Error(`load: the fields of '${className}' at byte ${fieldsAt} are not a table with string keys`);
    if (handler) handler.restore(object, fields as Record<string, unknown>);
    else Object.assign((object as T7Object).fields, fields);
    return object;
  }

  private remember<T>(index: number, value: T): T {
    this.seen.set(index, value);
    return value;
  }

  private storage(dtype: DType): Storage {
    const at = this.src.position;
    const n = this.src.readLong();
    if (n < 0 || n > this.src.capacity(1)) throw new TorchT7Error(`load: ${dtype.name} storage of ${n} elements at byte ${at} does not fit in the file`);
    return this.src.readStorage(dtype, n);
  }

  private tensor(dtype: DType, className: string, depth: number): Tensor {
    const at = this.src.position;
    const nd = this.src.readInt();
    if (nd < 0 || nd > MAX_DIMS) throw new TorchT7Error(`load: ${className} at byte ${at} has ${nd} dimensions`);
    const sizes: number[] = [];
    const strides: number[] = [];
    for (let d = 0; d < nd; d++) sizes.push(this.src.readLong());
    for (let d = 0; d < nd; d++) strides.push(this.src.readLong());
    const offset = this.src.readLong() - 1; // Lua's 1-based offset
    const storageAt = this.src.position;
    const storage = this.object(depth + 1);
    if (nd === 0) return empty([0], { dtype });
    if (sizes.some((s) => s < 0) || strides.some((s) => s < 0) || offset < 0)
      throw new TorchT7Error(`load: ${className} at byte ${at} has sizes [${sizes}], strides [${strides}], offset ${offset}`);
    const numel = sizes.reduce((a, b) => a * b, 1);
    if (numel === 0) return empty(sizes, { dtype });
    if (!(storage instanceof Storage) || storage.dtype !== dtype)
      throw new TorchT7Error(`load: ${className} at byte ${at} needs a ${dtype.name} storage, found ${describeValue(storage)} at byte ${storageAt}`);
    const last = offset + sizes.reduce((acc, s, d) => acc + (s - 1) * strides[d]!, 0);
    if (last >= storage.size())
      throw new TorchT7Error(`load: ${className} at byte ${at} (sizes [${sizes}], strides [${strides}], offset ${offset}) reaches element ${last} of a storage of ${storage.size()}`);
    return empty([0], { dtype }).set_(storage, offset, sizes, strides);
  }
}

function describeValue(v: unknown): string {
  if (v instanceof Storage) return `a ${v.dtype.name} storage`;
  return v === null ? 'nil' : typeof v;
}
