/**
 * The `meta` device (as PyTorch's): tensors with sizes, strides and a dtype but no memory. Every op
 * still validates, promotes and computes its result's metadata in TypeScript, then dispatches here,
 * where kernels do nothing; so a whole model's forward gives every shape without allocating. Kernels
 * whose result size depends on the data (maskedSelect, unique, nonzero, ...) throw, as PyTorch does.
 */
import type { DType } from '../dtype';
import { TorchDeviceError, TorchIndexError } from '../errors';
import { Storage } from '../storage';
import type { Backend } from './contract';
import { Device } from './device';
import { registerBackend } from './registry';

/** The error for reading elements of a meta tensor. @internal */
export function noData(op: string): TorchDeviceError {
  return new TorchDeviceError(`${op}: a tensor on the meta device has sizes and no data; run the op on 'cpu' (or another real device) to get values`);
}

/** A meta storage: a dtype and an element count, no buffer. @internal */
export class MetaStorage extends Storage {
  /** Element count (a CPU storage reads it from its buffer). */
  readonly _numel: number;

  constructor(dtype: DType, n: number) {
    if (!Number.isSafeInteger(n) || n < 0) throw new TorchIndexError(`Storage: size must be a non-negative integer, got ${n}`);
    super(dtype, 0);
    this._numel = n;
    // Reading the buffer of a meta storage is always a bug in the caller: say so instead of returning an empty array.
    Object.defineProperty(this, 'data', { get: () => { throw noData('data'); }, set: () => { throw noData('data'); } });
  }

  override size(): number {
    return this._numel;
  }
  override get(): number {
    throw noData('Storage.get');
  }
  override set(): this {
    throw noData('Storage.set');
  }
  override fill_(): this {
    throw noData('Storage.fill_');
  }
  override tolist(): number[] {
    throw noData('Storage.tolist');
  }
}

const nothing = (): void => {};

/** The error of an op whose result's size depends on the data (nonzero, maskedSelect, unique, ...). @internal */
export function dataDependent(op: string): TorchDeviceError {
  return new TorchDeviceError(`${op}: the size of the result depends on the data, which a meta tensor does not have`);
}
const throws = (op: string) => (): never => {
  throw dataDependent(op);
};

/**
 * The meta backend: allocation makes a MetaStorage, kernels do nothing (the op already made the
 * result's metadata), data-dependent kernels throw.
 * @example torch.empty(2, 3, { device: 'meta' }).storage().backend === torch.metaBackend  // true
 */
export const metaBackend: Backend = {
  device: new Device('meta'),
  isMeta: true,
  allocate: (dtype, n) => new MetaStorage(dtype, n),
  copyAcross(dst, _dstOffset, src) {
    if (src.backend === metaBackend) throw noData(`copy to ${dst.backend.device}`);
    // Copying into a meta tensor: nothing to store.
  },
  elementwise1d: nothing,
  elementwise: nothing,
  reduce: nothing,
  scan: nothing,
  softmax: nothing,
  cat: nothing,
  histc: nothing,
  // No data: no index can be checked against its dim, as on PyTorch's meta device.
  index: () => null,
  // Fill and scatter modes; the counting modes are refused by the op (ops/masked.ts) before dispatch.
  mask: () => 0,
  sort: nothing,
  unique: throws('unique'),
  bmm: nothing,
  lapack: () => null,
  arange: nothing,
  linspace: nothing,
  randomFill: nothing,
  randperm: nothing,
  bernoulliTensor: () => -1,
  multinomial: () => [0, -1],
  // The nn layer ops computed their outputs' metadata before calling these.
  convForward: nothing,
  convGradInput: nothing,
  convAccGradParameters: nothing,
  pool: nothing,
  fractionalMaxPool2d: nothing,
  batchNorm: nothing,
};
(MetaStorage.prototype as { backend: Backend }).backend = metaBackend;

registerBackend('meta', (index) => {
  if (index !== null && index !== 0) throw new TorchDeviceError(`device: there is one meta device, got meta:${index}`);
  return metaBackend;
});
