// copy_, fill_, clone and dtype conversions: all one native Copy op with a cast in the iterator.
import { bool, dtypeFromName, float16, float64, type DType } from '../dtype';
import { fmtSize, TorchSizeError, TorchTypeError } from '../errors';
import { broadcastShapes, sameShape } from '../shape';
import { checkTensor, describe, emptyTensor, Tensor, type TypeSpec } from '../tensor';
import { launch } from './launch';
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
export function clone(t: Tensor): Tensor {
  checkTensor('clone', t);
  const out = emptyTensor(t.shape, t.dtype, 'clone');
  launch(OP.copy, t.dtype, out, t, undefined, undefined);
  return out;
}

/** A copy with `dtype`, or t itself when it already has it (as PyTorch's .float() etc.). @internal */
export function toDtype(t: Tensor, dtype: DType): Tensor {
  if (t.dtype === dtype) return t;
  const out = emptyTensor(t.shape, dtype, 'to');
  launch(OP.copy, t.dtype, out, t, undefined, undefined);
  return out;
}

/** `t.type('torch.DoubleTensor')`, also accepting a dtype or a dtype name. @internal */
export function toType(t: Tensor, to: TypeSpec): Tensor {
  if (typeof to !== 'string') return toDtype(t, to);
  const m = /^(?:torch\.)?(Float|Double|Half|Long|Int|Short|Char|Byte|Bool)Tensor$/.exec(to);
  if (m) return toDtype(t, dtypeByName(m[1]!.toLowerCase()));
  if (/^torch\.cuda\./.test(to)) throw new TorchTypeError(`type: ${to} needs @torch/cuda, which is not loaded`);
  return toDtype(t, dtypeByName(to));
}

const words: Record<string, string> = { char: 'int8', byte: 'uint8' };
/** Dtype by name, also accepting the Torch7 type words ('char', 'byte'). @internal */
export function dtypeByName(name: string): DType {
  return dtypeFromName(words[name] ?? name);
}
