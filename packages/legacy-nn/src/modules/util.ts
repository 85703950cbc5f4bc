// Helpers shared by the legacy modules.
import { empty, Tensor, TorchTypeError, type DType } from '@torch/core';
import type { Activity } from '../module';

/** The activity as a tensor, or a clear error naming the module. @internal */
export function asTensor(x: Activity, op: string, what = 'input'): Tensor {
  if (!(x instanceof Tensor)) throw new TorchTypeError(`${op}: expected ${what} to be a tensor, got a table of ${x.length}`);
  return x;
}

/** The activity as a table (array), or a clear error naming the module. @internal */
export function asTable(x: Activity, op: string, what = 'input'): Activity[] {
  if (!Array.isArray(x)) throw new TorchTypeError(`${op}: expected ${what} to be a table (array) of tensors, got a tensor of size [${x.size().join(', ')}]`);
  return x;
}

/** `buffer` resized to `like`'s sizes and dtype (reused when it already matches), as Torch7's resizeAs. @internal */
export function reuse(buffer: Activity, like: Tensor): Tensor {
  if (buffer instanceof Tensor && buffer.dtype === like.dtype) return buffer.resizeAs_(like);
  return like.new().resizeAs_(like);
}

/**
 * The module's (or criterion's) reused buffer field `name`, resized to `sizes` with `dtype` (default:
 * like's) on like's device. It is made on first use, after a dtype change, or when a `.t7` load left the
 * field out; otherwise the same tensor comes back, so a warmed-up step allocates nothing. Buffer fields
 * start with `_` and `clearState` empties them. @internal
 */
export function scratch(owner: object, name: `_${string}`, like: Tensor, sizes: readonly number[], dtype: DType = like.dtype): Tensor {
  const fields = owner as Record<string, unknown>;
  const old = fields[name];
  const t = old instanceof Tensor && old.dtype === dtype && old.device.type === like.device.type ? old : empty(0, { dtype, device: like.device });
  fields[name] = t;
  return sameSizes(t, sizes) ? t : t.resize_(sizes as number[]);
}

function sameSizes(t: Tensor, sizes: readonly number[]): boolean {
  if (t.dim() !== sizes.length) return false;
  for (let i = 0; i < sizes.length; i++) if (t.size(i) !== sizes[i]) return false;
  return true;
}

/** Σ x as a number through the reused 0-dim buffer `name` of owner (no allocation once warmed up). @internal */
export function total(owner: object, name: `_${string}`, x: Tensor): number {
  return x.sum({ out: scratch(owner, name, x, []) }).item();
}
