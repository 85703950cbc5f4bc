/**
 * Options shared by the tensor factories (torch.tensor, zeros, ones, full, arange, rand, ... and the
 * *Like forms): strict keys, dtypes by name or typed class, and `requiresGrad`, which makes the result
 * a leaf Variable. Core cannot import autograd (DESIGN.md §2), so autograd registers how a leaf is made
 * when it is loaded, as the other cross-package hooks do.
 */
import { TorchTypeError } from '../errors';
import type { Tensor } from '../tensor';
import { checkOptionsObject, describeValue, integerDtypeHint, isPlainObject } from './strict';

let makeLeaf: ((t: Tensor) => Tensor) | null = null;

/**
 * Lets the factories return leaf Variables for `{ requiresGrad: true }`: autograd passes
 * `(t) => new Variable(t, { requiresGrad: true })` when it is loaded. Not for users.
 * @example registerRequiresGradHook((t) => new Variable(t, { requiresGrad: true }) as unknown as Tensor)
 */
export function registerRequiresGradHook(hook: (t: Tensor) => Tensor): void {
  makeLeaf = hook;
}

const BASE = ['dtype', 'device', 'requiresGrad'];
const keySets = new Map<string, ReadonlySet<string>>();

/** The validated options object of factory `op` (undefined: none); `extra` are its own keys (generator, ...). @internal */
export function factoryOptions<O extends object>(op: string, options: unknown, extra: readonly string[] = []): O {
  if (options === undefined || options === null) return {} as O;
  if (!isPlainObject(options)) throw new TorchTypeError(`${op}: expected an options object { ${[...BASE, ...extra].join(', ')} }, got ${describeValue(options)}`);
  let allowed = keySets.get(op);
  if (allowed === undefined) keySets.set(op, (allowed = new Set([...BASE, ...extra])));
  return checkOptionsObject(op, options, allowed) as O;
}

/** The factory's result: a leaf Variable when `requiresGrad` was asked for. @internal */
export function finishFactory(op: string, t: Tensor, options: { requiresGrad?: boolean }): Tensor {
  if (!options.requiresGrad) return t;
  if (!t.dtype.isFloatingPoint) throw new TorchTypeError(`${op}: only floating point tensors can require gradients, got ${t.dtype}${integerDtypeHint(t.dtype)}`);
  if (makeLeaf === null) throw new TorchTypeError(`${op}: requiresGrad needs the autograd package: import torch from 'torch' (or '@torch/autograd') rather than only '@torch/core'`);
  return makeLeaf(t);
}
