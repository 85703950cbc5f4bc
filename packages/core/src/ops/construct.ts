// The seed's constructor forms shared by torch.Tensor and the typed classes (torch.FloatTensor, ...),
// and torch.tensor's data inference.
import { bool, float32, float64, getDefaultDtype, int16, int32, int64, int8, uint8, type DType, type DTypeName, type TypedArray } from '../dtype';
import { TorchSizeError, TorchTypeError } from '../errors';
import { checkShape, contiguousStrides, numelOf } from '../shape';
import { Storage, writeElement } from '../storage';
import { describe, emptyTensor, makeTensor, Tensor } from '../tensor';
import { copyInto, toDevice } from './copy';
import type { DeviceLike } from '../backend/device';
import { backendFor } from '../backend/registry';
import { setSource } from './views';
import { factoryOptions, finishFactory } from './factory';

/** Nested arrays of numbers or booleans. */
export type NestedData = number | boolean | readonly NestedData[];

/** What typed constructors accept: sizes, nested data, a TypedArray, a Storage or a Tensor. */
export type TensorInit = number | readonly NestedData[] | TypedArray | Storage | Tensor | readonly number[];

/** @internal */
export function constructTensor(dtype: DType, args: readonly unknown[], ctorName: string): Tensor {
  if (args.length === 0) return emptyTensor([0], dtype);
  const first = args[0];
  if (typeof first === 'number') return emptyTensor(checkShape(ctorName, args), dtype, undefined, ctorName);
  if (args.length === 1 && first instanceof Tensor) {
    if (first.dtype !== dtype) throw new TorchTypeError(`${ctorName}: cannot share memory with a ${first.type()}; use .type() to convert`);
    return makeTensor(first._storage, first._offset, first.shape, first._strides);
  }
  if (first instanceof Storage) {
    if (first.dtype !== dtype) throw new TorchTypeError(`${ctorName}: storage holds ${first.dtype}, expected ${dtype}`);
    const t = emptyTensor([0], dtype);
    return setSource(t, first, args[1] as number | undefined, args[2] as number[] | undefined, args[3] as number[] | undefined);
  }
  if (ArrayBuffer.isView(first) && args.length === 1) {
    const arr = first as TypedArray;
    if (arr instanceof dtype.arrayType) return makeTensor(new Storage(dtype, arr), 0, [arr.length], [1]);
    return fromData(Array.from(arr as ArrayLike<number>), dtype, ctorName);
  }
  if (Array.isArray(first) && args.length === 1) return fromData(first, dtype, ctorName);
  throw new TorchTypeError(`${ctorName}: cannot construct from ${args.map(describe).join(', ')}`);
}

/** Shape of nested arrays, checking they are rectangular. */
function shapeOf(data: NestedData, op: string): number[] {
  const shape: number[] = [];
  let level: NestedData = data;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0] as NestedData;
    if (level === undefined) break;
  }
  const check = (x: NestedData, d: number): void => {
    if (d === shape.length) {
      if (typeof x !== 'number' && typeof x !== 'boolean' && typeof x !== 'bigint')
        throw new TorchTypeError(`${op}: expected numbers or booleans, found ${describe(x)}`);
      return;
    }
    if (!Array.isArray(x) || x.length !== shape[d])
      throw new TorchSizeError(`${op}: nested arrays are not rectangular (expected length ${shape[d]} at depth ${d})`);
    for (const y of x) check(y as NestedData, d + 1);
  };
  check(data, 0);
  return checkShape(op, shape);
}

/** Copies nested data into a new tensor of `dtype`. @internal */
export function fromData(data: NestedData, dtype: DType, op: string): Tensor {
  const shape = shapeOf(data, op);
  const t = emptyTensor(shape, dtype);
  const flat = (Array.isArray(data) ? (data as unknown[]).flat(Infinity) : [data]) as (number | boolean | bigint)[];
  const out = t._storage.data;
  if (dtype === int64) {
    for (let i = 0; i < flat.length; i++) {
      const v = flat[i]!;
      (out as BigInt64Array)[i] = typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v)));
    }
  } else {
    for (let i = 0; i < flat.length; i++) writeElement(out, dtype, i, Number(flat[i]));
  }
  return t;
}

/** The dtype torch.tensor infers: bool if all booleans, int64 if all integers, else the default float. @internal */
export function inferDtype(data: NestedData | TypedArray): DType {
  if (ArrayBuffer.isView(data)) {
    if (data instanceof Float32Array) return float32;
    if (data instanceof Float64Array) return float64;
    if (data instanceof BigInt64Array) return int64;
    if (data instanceof Int32Array) return int32;
    if (data instanceof Int16Array) return int16;
    if (data instanceof Int8Array) return int8;
    if (data instanceof Uint8Array) return uint8;
    return int32; // Uint16Array and other unsigned arrays: values fit in int32
  }
  const flat = (Array.isArray(data) ? (data as unknown[]).flat(Infinity) : [data]) as unknown[];
  if (flat.length > 0 && flat.every((v) => typeof v === 'boolean')) return bool;
  if (flat.every((v) => typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v)))) return flat.length ? int64 : getDefaultDtype();
  return getDefaultDtype();
}

/**
 * A tensor copied from data, with its dtype inferred (bool, int64, or the default float) unless given.
 * @example
 * torch.tensor([[1, 2], [3, 4]]);                     // int64
 * torch.tensor([0.5, 1]);                              // float32
 * torch.tensor([1, 2], { dtype: torch.float64 });
 * torch.tensor(3.5);                                   // 0-dim
 * torch.tensor([1, 2], { device: 'meta' });            // sizes only
 */
export function tensor<N extends DTypeName = DTypeName>(data: NestedData | TypedArray | Tensor, options?: { dtype?: DType<N>; device?: DeviceLike; requiresGrad?: boolean }): Tensor<N>;
export function tensor(data: NestedData | TypedArray | Tensor, options?: { dtype?: DType; device?: DeviceLike; requiresGrad?: boolean }): Tensor {
  if (arguments.length > 2) throw new TorchTypeError(`tensor: takes the data and an options object { dtype, device, requiresGrad }, got ${arguments.length} arguments`);
  const o = factoryOptions<{ dtype?: DType; device?: DeviceLike; requiresGrad?: boolean }>('tensor', options);
  return o.requiresGrad ? finishFactory('tensor', tensorOf(data, o), o) : tensorOf(data, o);
}

function tensorOf(data: NestedData | TypedArray | Tensor, options: { dtype?: DType; device?: DeviceLike }): Tensor {
  if (options?.device !== undefined) {
    // Built on the CPU from the JS values, then moved (a meta tensor keeps only the metadata).
    const t = tensorOf(data, { dtype: options.dtype });
    return toDevice('tensor', t, backendFor('tensor', options.device), t.dtype);
  }
  if (data instanceof Tensor) return copyInto(emptyTensor(data.shape, options?.dtype ?? data.dtype, data._storage.backend), data);
  if (ArrayBuffer.isView(data)) {
    const arr = data as TypedArray;
    const dtype = options?.dtype ?? inferDtype(arr);
    if (arr instanceof dtype.arrayType && dtype.name !== 'bool' && dtype.name !== 'float16') return fromTypedArray(arr.slice(), dtype, [arr.length]);
    return fromData(Array.from(arr as ArrayLike<number>), dtype, 'tensor');
  }
  const dtype = options?.dtype ?? inferDtype(data);
  return fromData(data, dtype, 'tensor');
}

/** @internal shares a contiguous TypedArray as a tensor of `shape`. */
export function fromTypedArray(arr: TypedArray, dtype: DType, shape: readonly number[]): Tensor {
  if (numelOf(shape) > arr.length) throw new TorchSizeError(`fromTypedArray: ${arr.length} elements cannot fill size [${shape.join(', ')}]`);
  return makeTensor(new Storage(dtype, arr), 0, shape, contiguousStrides(shape));
}
