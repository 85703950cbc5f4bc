// copy_, fill_, clone and dtype conversions: all one native Copy op with a cast in the iterator.
import { bool, DType, dtypeFromName, float16, float64, type DTypeName } from '../dtype';
import { fmtSize, TorchSizeError, TorchTypeError } from '../errors';
import { broadcastShapes, sameShape } from '../shape';
import { checkTensor, describe, emptyTensor, isContiguous, Tensor, type TypeSpec } from '../tensor';
import type { Backend } from '../backend/contract';
import type { DeviceLike } from '../backend/device';
import { backendFor } from '../backend/registry';
import { launch } from './launch';
import { isPlainObject, resolveDtype } from './strict';
import { OP } from './opcodes';
import { assertWritable } from './overlap';

/** @see Tensor.copy_ */
export function copyInto<T extends Tensor>(dst: T, src: Tensor | number): T {
  checkTensor('copy_', dst, 'self');
  if (typeof src === 'number' || typeof src === 'boolean') return fill(dst, src);
  checkTensor('copy_', src, 'src');
  if (!sameShape(broadcastShapes('copy_', dst.shape, src.shape), dst.shape))
    throw new TorchSizeError(`copy_: source of size ${fmtSize(src.shape)} cannot be broadcast to the destination's size ${fmtSize(dst.shape)}`);
  assertWritable('copy_', dst, src);
  if (src._storage.backend !== dst._storage.backend) return copyAcrossDevices(dst, src);
  dst._storage.version++;
  // The loop runs in the source dtype; the one cast happens on store (through uint8 would turn 256 into false).
  launch(OP.copy, src.dtype, dst, src, undefined, undefined);
  return dst;
}

/** @see Tensor.fill_ */
export function fill<T extends Tensor>(dst: T, value: number | boolean): T {
  checkTensor('fill_', dst, 'self');
  if (typeof value !== 'number' && typeof value !== 'boolean') throw new TorchTypeError(`fill_: value must be a number, got ${describe(value)}`);
  checkFits('fill_', +value, dst.dtype);
  dst._storage.version++;
  launch(OP.copy, dst.dtype === bool ? float64 : dst.dtype, dst, +value, undefined, undefined);
  return dst;
}

const intRange: Record<string, [number, number]> = {
  uint8: [0, 255], int8: [-128, 127], int16: [-32768, 32767], int32: [-2147483648, 2147483647], int64: [-(2 ** 63), 2 ** 63 - 1],
};

/** A number written into a tensor must fit its dtype (PyTorch raises rather than wrap). @internal */
export function checkFits(op: string, value: number, dtype: DType): void {
  const range = intRange[dtype.name];
  const fits = range
    ? Number.isFinite(value) && Math.trunc(value) >= range[0] && Math.trunc(value) <= range[1]
    : dtype !== float16 || !Number.isFinite(value) || Math.abs(value) <= 65504;
  if (!fits) throw new TorchTypeError(`${op}: value ${value} cannot be converted to ${dtype} without overflow`);
}

/** @see Tensor.clone */
export function clone<N extends DTypeName>(t: Tensor<N>): Tensor<N> {
  return cloneImpl(t) as Tensor<N>;
}
function cloneImpl(t: Tensor): Tensor {
  checkTensor('clone', t);
  const out = emptyTensor(t.shape, t.dtype, t._storage.backend, 'clone');
  launch(OP.copy, t.dtype, out, t, undefined, undefined);
  return out;
}

/** A copy with `dtype`, or t itself when it already has it (as PyTorch's .float() etc.). @internal */
export function toDtype<N extends DTypeName>(t: Tensor, dtype: DType<N>): Tensor<N> {
  // The result has `dtype` (t itself when it already has it).
  return toDtypeImpl(t, dtype) as Tensor<N>;
}
function toDtypeImpl(t: Tensor, dtype: DType): Tensor {
  if (t.dtype === dtype) return t;
  const out = emptyTensor(t.shape, dtype, t._storage.backend, 'to');
  launch(OP.copy, t.dtype, out, t, undefined, undefined);
  return out;
}

/** `t.type('torch.DoubleTensor')`, also accepting a dtype, a dtype name or a typed class. @internal */
export function toType(t: Tensor, to: TypeSpec): Tensor {
  if (typeof to === 'string' && /^torch\.cuda\./.test(to)) throw new TorchTypeError(`type: ${to} needs @torch/cuda, which is not loaded`);
  return toDtype(t, resolveDtype('type', to));
}

const words: Record<string, string> = { char: 'int8', byte: 'uint8' };
/** Dtype by name, also accepting the Torch7 type words ('char', 'byte'). @internal */
export function dtypeByName(name: string): DType {
  return dtypeFromName(words[name] ?? name);
}

/** The backend that moves data between two devices: the meta side if any, else the non-CPU side. */
function acrossBackend(dst: Backend, src: Backend): Backend {
  if (src.isMeta) return src;
  if (dst.isMeta) return dst;
  return dst.device.type === 'cpu' ? src : dst;
}

/** copy_ from another device: convert and lay out on the source's device, move, then place on dst's. */
function copyAcrossDevices<T extends Tensor>(dst: T, src: Tensor): T {
  const from = src._storage.backend, to = dst._storage.backend;
  const staged = clone(toDtype(src.expand(dst.shape), dst.dtype));
  const landing = isContiguous(dst) ? dst : emptyTensor(dst.shape, dst.dtype, to);
  acrossBackend(to, from).copyAcross(landing._storage, landing._offset, staged._storage, staged._offset, dst.numel());
  dst._storage.version++;
  if (landing !== dst) launch(OP.copy, dst.dtype, dst, landing, undefined, undefined);
  return dst;
}

/** Options of `t.to(...)`. */
export interface ToOptions {
  /** The dtype of the result (a dtype, its name or a typed class). */
  dtype?: TypeSpec;
  /** The device of the result. */
  device?: DeviceLike;
  /** Return a new tensor even when nothing changes (default false: t itself). */
  copy?: boolean;
}

/**
 * `t.to(...)`: a dtype (or its name, or a typed class), a device ('cpu', 'meta', 'cuda:1', a
 * torch.device), a tensor (its dtype and device), or a device and a dtype; options `{ dtype, device,
 * copy }`. Returns t itself when nothing changes (unless `copy`), as PyTorch.
 * @internal
 */
export function to(t: Tensor, target?: unknown, dtype?: unknown, options?: ToOptions): Tensor {
  checkTensor('to', t, 'self');
  let o: ToOptions = options ?? {};
  if (isPlainObject(target)) [o, target] = [target as ToOptions, undefined];
  else if (isPlainObject(dtype)) [o, dtype] = [dtype as ToOptions, undefined];
  let device = o.device;
  let dt = o.dtype === undefined || o.dtype === null ? undefined : resolveDtype('to', o.dtype);
  const setDtype = (d: DType) => {
    if (dt !== undefined) throw new TorchTypeError('to: the dtype is given twice (give it once: to(dtype), to(device, dtype) or { dtype })');
    dt = d;
  };
  if (target instanceof Tensor) {
    if (device !== undefined) throw new TorchTypeError('to: a tensor target gives the device; do not also pass { device }');
    device = target.device;
    setDtype(target.dtype);
  } else if (target instanceof DType || typeof target === 'function') setDtype(resolveDtype('to', target));
  else if (typeof target === 'string' && isDtypeName(target)) setDtype(resolveDtype('to', target));
  else if (target !== undefined && target !== null) {
    if (device !== undefined) throw new TorchTypeError('to: the device is given twice (positionally and as { device })');
    if (typeof target !== 'string' && typeof target !== 'number' && typeof target !== 'object')
      throw new TorchTypeError(`to: expected a dtype, a device or a tensor, got ${describe(target)}`);
    device = target as DeviceLike;
    if (typeof target === 'string') {
      try {
        backendFor('to', device);
      } catch (e) {
        if (!(e instanceof TorchTypeError) || !/invalid device string/.test(e.message)) throw e;
        throw new TorchTypeError(`to: '${target}' is neither a dtype ('float64', 'torch.DoubleTensor') nor a device ('cpu', 'meta', 'cuda:1')`);
      }
    }
  }
  if (dtype !== undefined && dtype !== null) setDtype(resolveDtype('to', dtype));
  const backend = device === undefined ? t._storage.backend : backendFor('to', device);
  const res = toDevice('to', t, backend, dt ?? t.dtype);
  return o.copy && res === t ? clone(t) : res;
}

function isDtypeName(s: string): boolean {
  try {
    resolveDtype('to', s);
    return true;
  } catch {
    return false;
  }
}

/** A copy of t on `backend`'s device with `dtype` (t itself when both already match). @internal */
export function toDevice(op: string, t: Tensor, backend: Backend, dtype: DType): Tensor {
  if (t._storage.backend === backend) return toDtype(t, dtype);
  const out = emptyTensor(t.shape, dtype, backend);
  copyAcrossDevices(out, t);
  out._storage.version = 0;
  return out;
}
