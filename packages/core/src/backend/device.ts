// torch.device: a device type ('cpu', 'meta', 'cuda') and an optional index. Parsing lives here;
// which types exist and which backend serves each is the registry's business (registry.ts).
import { TorchTypeError } from '../errors';

/** What APIs taking a device accept: a Device, or its string form ('cpu', 'meta', 'cuda', 'cuda:1'). */
export type DeviceLike = Device | string;

/**
 * Where a tensor's storage lives: a type and, for devices that have several, an index.
 * @example
 * const d = torch.device('cuda:1');
 * d.type;   // 'cuda'
 * d.index;  // 1
 * String(torch.device('meta'));  // 'meta'
 */
export class Device {
  /**
   * @param type the device type, e.g. 'cpu', 'meta' or 'cuda'
   * @param index which device of that type (null: the current one)
   */
  constructor(
    readonly type: string,
    readonly index: number | null = null,
  ) {
    if (typeof type !== 'string' || !/^[a-z]+$/.test(type)) throw new TorchTypeError(`device: expected a device type such as 'cpu', got ${String(type)}`);
    if (index !== null && !(Number.isSafeInteger(index) && index >= 0))
      throw new TorchTypeError(`device: index must be a non-negative integer, got ${String(index)}`);
    Object.freeze(this);
  }

  /** 'cpu', 'meta', 'cuda:1'. @example String(torch.device('cuda', 1)) // 'cuda:1' */
  toString(): string {
    return this.index === null ? this.type : `${this.type}:${this.index}`;
  }

  /** Same type and index. @example torch.device('cpu').equals('cpu') // true */
  equals(other: DeviceLike): boolean {
    const o = typeof other === 'string' ? parseDevice('equals', other) : other;
    return isDevice(o) && o.type === this.type && o.index === this.index;
  }

  /** Prints as PyTorch: `device(type='cuda', index=1)`. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.index === null ? `device(type='${this.type}')` : `device(type='${this.type}', index=${this.index})`;
  }
}

/** Parses 'cpu', 'meta', 'cuda', 'cuda:1' (any registered type checks happen in the registry). @internal */
// (A class body that names its own class is bundled as `var X = class _X`, which names the class `_X`:
// this helper lives outside the class so the bundle keeps the name; checked by packages/torch/test/class-names.test.ts.)
function isDevice(x: unknown): x is Device {
  return x instanceof Device;
}

export function parseDevice(op: string, spec: unknown, index?: number): Device {
  if (spec instanceof Device) {
    if (index !== undefined) throw new TorchTypeError(`${op}: an index cannot be given with a device object`);
    return spec;
  }
  if (typeof spec !== 'string') throw new TorchTypeError(`${op}: expected a device (e.g. 'cpu', 'meta', 'cuda:1'), got ${spec === null ? 'null' : typeof spec}`);
  const m = /^([a-z]+)(?::(\d+))?$/.exec(spec);
  if (!m) throw new TorchTypeError(`${op}: invalid device string '${spec}' (expected e.g. 'cpu', 'meta', 'cuda', 'cuda:1')`);
  if (m[2] !== undefined && index !== undefined) throw new TorchTypeError(`${op}: '${spec}' already has an index; do not pass ${index} as well`);
  return new Device(m[1]!, m[2] !== undefined ? Number(m[2]) : (index ?? null));
}
