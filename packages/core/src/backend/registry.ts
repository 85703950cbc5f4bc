/**
 * Device type -> backend. `cpu` and `meta` register themselves when core loads; `cuda` is registered as
 * unavailable until @torch/cuda replaces it. Ops never look a backend up here on their hot path: a
 * storage carries its backend object (`storage.backend`), so dispatch is one property load.
 */
import { TorchDeviceError, TorchTypeError } from '../errors';
import type { Storage } from '../storage';
import type { Tensor } from '../tensor';
import type { Backend } from './contract';
import { Device, parseDevice, type DeviceLike } from './device';

/** Makes the backend of one device of a type (index null: the type's current/default device). */
export type BackendProvider = (index: number | null) => Backend;

const providers = new Map<string, BackendProvider>();
const cache = new Map<string, Backend>();

/**
 * Registers (or replaces) the backend of a device type. @torch/cuda calls this for 'cuda' when loaded.
 * @example torch.registerBackend('cuda', (index) => cudaBackendFor(index ?? 0));
 */
export function registerBackend(type: string, provider: BackendProvider): void {
  if (typeof type !== 'string' || !/^[a-z]+$/.test(type)) throw new TorchTypeError(`registerBackend: invalid device type ${String(type)}`);
  if (typeof provider !== 'function') throw new TorchTypeError('registerBackend: provider must be a function (index) => Backend');
  providers.set(type, provider);
  for (const key of [...cache.keys()]) if (key === type || key.startsWith(`${type}:`)) cache.delete(key);
}

/** The registered device types, e.g. ['cpu', 'meta', 'cuda']. @example torch.deviceTypes() */
export function deviceTypes(): string[] {
  return [...providers.keys()];
}

/**
 * A device object, as `torch.device`: 'cpu', 'meta', 'cuda', 'cuda:1', or (type, index).
 * @example
 * torch.device('cuda:1').index;   // 1
 * torch.device('cpu').type;       // 'cpu'
 */
export function device(spec: DeviceLike, index?: number): Device {
  const d = parseDevice('device', spec, index);
  if (!providers.has(d.type)) throw new TorchTypeError(`device: unknown device type '${d.type}' (known: ${deviceTypes().join(', ')})`);
  return d;
}

/** The backend serving a device; throws for unknown or unavailable devices. @internal */
export function backendFor(op: string, spec: DeviceLike): Backend {
  const key = typeof spec === 'string' ? spec : String(spec);
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const d = parseDevice(op, spec);
  const provider = providers.get(d.type);
  if (provider === undefined) throw new TorchTypeError(`${op}: unknown device type '${d.type}' (known: ${deviceTypes().join(', ')})`);
  const backend = provider(d.index);
  cache.set(key, backend);
  return backend;
}

/** The backend of a storage, for APIs given a storage directly. @internal */
export function backendOfStorage(s: Storage): Backend {
  return s.backend;
}

/**
 * The backend shared by an op's tensor arguments (undefined and numbers are skipped); mixing devices is
 * a TorchDeviceError naming the op and the devices.
 * @internal
 */
export function sameBackend(op: string, first: Tensor, ...rest: unknown[]): Backend {
  const be = first._storage.backend;
  for (const x of rest) {
    if (x === undefined || x === null || typeof x !== 'object') continue;
    const other = (x as Tensor)._storage?.backend;
    if (other !== undefined && other !== be) throw deviceMismatch(op, be, other);
  }
  return be;
}

/** The error for one op given tensors on two devices. @internal */
export function deviceMismatch(op: string, a: Backend, b: Backend): TorchDeviceError {
  return new TorchDeviceError(`${op}: expected all tensors to be on the same device, but found at least two devices, ${a.device} and ${b.device}`);
}

/** 'cuda' until @torch/cuda registers a real backend. */
registerBackend('cuda', () => {
  throw new TorchDeviceError('CUDA is not available: @torch/cuda is not loaded (or this build has no CUDA)');
});
