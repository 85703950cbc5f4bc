// Helpers shared by the legacy modules.
import { Tensor, TorchTypeError } from '@torch/core';
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
