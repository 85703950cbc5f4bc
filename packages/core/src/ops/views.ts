// Views: new sizes/strides/offset over the same storage, never a copy (reshape copies only when it must).
import { fmtSize, TorchIndexError, TorchSizeError, TorchTypeError } from '../errors';
import { checkShape, contiguousStrides, normDim, numelOf } from '../shape';
import { Storage } from '../storage';
import { checkTensor, describe, isContiguous, makeTensor, Tensor } from '../tensor';
import { clone } from './copy';

/** Accepts `f(2, 3)` and `f([2, 3])`. @internal */
export function sizeArgs(op: string, args: readonly unknown[]): number[] {
  const list = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  for (const s of list) {
    if (typeof s !== 'number' || !Number.isSafeInteger(s))
      throw new TorchTypeError(`${op}: sizes must be integers, got [${list.map(String).join(', ')}]`);
  }
  return list.slice() as number[];
}

/** Resolves a single -1 and checks the element count. */
function inferShape(op: string, t: Tensor, shape: number[]): number[] {
  const numel = t.numel();
  let infer = -1;
  let known = 1;
  for (let d = 0; d < shape.length; d++) {
    const s = shape[d]!;
    if (s === -1) {
      if (infer >= 0) throw new TorchSizeError(`${op}: only one dimension can be inferred, got ${fmtSize(shape)}`);
      infer = d;
    } else if (s < 0) {
      throw new TorchSizeError(`${op}: invalid size ${s} in ${fmtSize(shape)}`);
    } else {
      known *= s;
    }
  }
  if (infer >= 0) {
    if (known === 0 || numel % known !== 0)
      throw new TorchSizeError(`${op}: shape ${fmtSize(shape)} is invalid for input of size ${numel}`);
    shape[infer] = numel / known;
  } else if (known !== numel) {
    throw new TorchSizeError(`${op}: shape ${fmtSize(shape)} is invalid for input of size ${numel}`);
  }
  return checkShape(op, shape);
}

/**
 * Strides for viewing (shape, strides) as newShape without copying, or null when the memory layout
 * does not allow it. Groups of old dims that are contiguous with each other can be split or merged.
 */
function viewStrides(shape: readonly number[], strides: readonly number[], newShape: readonly number[]): number[] | null {
  if (numelOf(shape) === 0 || shape.length === 0) return contiguousStrides(newShape);
  const out = new Array<number>(newShape.length);
  let viewD = newShape.length - 1;
  let chunkBase = strides[strides.length - 1] ?? 1;
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    tensorNumel *= shape[d]!;
    // End of a contiguous chunk of old dims: hand it out to new dims.
    if (d === 0 || (shape[d - 1] !== 1 && strides[d - 1] !== tensorNumel * chunkBase)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        out[viewD] = viewNumel * chunkBase;
        viewNumel *= newShape[viewD]!;
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (d > 0) {
        chunkBase = strides[d - 1]!;
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  if (viewD !== -1) return null;
  return out;
}

/** @see Tensor.view */
export function view(t: Tensor, ...args: number[] | [readonly number[]]): Tensor {
  checkTensor('view', t);
  const shape = inferShape('view', t, sizeArgs('view', args));
  const strides = viewStrides(t.shape, t._strides, shape);
  if (!strides)
    throw new TorchSizeError(
      `view: size ${fmtSize(shape)} is not compatible with the input's size ${fmtSize(t.shape)} and stride ${fmtSize(t._strides)} (at least one dimension spans two contiguous subspaces); use reshape instead`,
    );
  return makeTensor(t._storage, t._offset, shape, strides);
}

/** @see Tensor.reshape */
export function reshape(t: Tensor, ...args: number[] | [readonly number[]]): Tensor {
  checkTensor('reshape', t);
  const shape = inferShape('reshape', t, sizeArgs('reshape', args));
  const strides = viewStrides(t.shape, t._strides, shape);
  if (strides) return makeTensor(t._storage, t._offset, shape, strides);
  const c = clone(t);
  return makeTensor(c._storage, 0, shape, contiguousStrides(shape));
}

/** @see Tensor.transpose */
export function transpose(t: Tensor, dim0: number, dim1: number): Tensor {
  checkTensor('transpose', t);
  const nd = t.shape.length;
  const a = normDim('transpose', dim0, nd), b = normDim('transpose', dim1, nd);
  if (nd === 0) return t;
  const shape = t.shape.slice(), strides = t._strides.slice();
  [shape[a], shape[b]] = [shape[b]!, shape[a]!];
  [strides[a], strides[b]] = [strides[b]!, strides[a]!];
  return makeTensor(t._storage, t._offset, shape, strides);
}

/** @see Tensor.t */
export function t(x: Tensor): Tensor {
  checkTensor('t', x);
  if (x.shape.length > 2) throw new TorchSizeError(`t: expects a tensor with <= 2 dimensions, got size ${fmtSize(x.shape)}; use transpose`);
  return x.shape.length < 2 ? x : transpose(x, 0, 1);
}

/** @see Tensor.permute */
export function permute(x: Tensor, ...args: number[] | [readonly number[]]): Tensor {
  checkTensor('permute', x);
  const dims = sizeArgs('permute', args);
  const nd = x.shape.length;
  if (dims.length !== nd) throw new TorchSizeError(`permute: got ${dims.length} dims for a ${nd}-D tensor of size ${fmtSize(x.shape)}`);
  const seen = new Array<boolean>(nd).fill(false);
  const shape = new Array<number>(nd), strides = new Array<number>(nd);
  for (let i = 0; i < nd; i++) {
    const d = normDim('permute', dims[i]!, nd);
    if (seen[d]) throw new TorchIndexError(`permute: dimension ${d} repeats in ${fmtSize(dims)}`);
    seen[d] = true;
    shape[i] = x.shape[d]!;
    strides[i] = x._strides[d]!;
  }
  return makeTensor(x._storage, x._offset, shape, strides);
}

function checkInt(op: string, name: string, v: unknown): asserts v is number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new TorchTypeError(`${op}: ${name} must be an integer, got ${describe(v)}`);
}

/** @see Tensor.narrow */
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  checkTensor('narrow', x);
  const nd = x.shape.length;
  if (nd === 0) throw new TorchSizeError('narrow: cannot be applied to a 0-dim tensor');
  const d = normDim('narrow', dim, nd);
  checkInt('narrow', 'start', start);
  checkInt('narrow', 'length', length);
  const size = x.shape[d]!;
  if (start < 0) start += size;
  if (start < 0 || length < 0 || start + length > size)
    throw new TorchIndexError(`narrow: start ${start} + length ${length} exceeds dimension ${d} of size ${size}`);
  const shape = x.shape.slice();
  shape[d] = length;
  return makeTensor(x._storage, x._offset + start * x._strides[d]!, shape, x._strides);
}

/** @see Tensor.select */
export function select(x: Tensor, dim: number, index: number): Tensor {
  checkTensor('select', x);
  const nd = x.shape.length;
  if (nd === 0) throw new TorchSizeError('select: cannot be applied to a 0-dim tensor');
  const d = normDim('select', dim, nd);
  checkInt('select', 'index', index);
  const size = x.shape[d]!;
  const i = index < 0 ? index + size : index;
  if (i < 0 || i >= size) throw new TorchIndexError(`select: index ${index} is out of bounds for dimension ${d} with size ${size}`);
  const shape = x.shape.slice(), strides = x._strides.slice();
  shape.splice(d, 1);
  strides.splice(d, 1);
  return makeTensor(x._storage, x._offset + i * x._strides[d]!, shape, strides);
}

/** @see Tensor.unfold */
export function unfold(x: Tensor, dim: number, size: number, step: number): Tensor {
  checkTensor('unfold', x);
  const nd = x.shape.length;
  const d = normDim('unfold', dim, nd);
  checkInt('unfold', 'size', size);
  checkInt('unfold', 'step', step);
  const dimSize = nd === 0 ? 1 : x.shape[d]!;
  if (size < 0 || size > dimSize) throw new TorchSizeError(`unfold: size ${size} exceeds dimension ${d} of size ${dimSize}`);
  if (step <= 0) throw new TorchSizeError(`unfold: step must be positive, got ${step}`);
  const shape = x.shape.slice(), strides = x._strides.slice();
  if (nd > 0) {
    shape[d] = Math.floor((dimSize - size) / step) + 1;
    strides[d] = x._strides[d]! * step;
  }
  shape.push(size);
  strides.push(nd === 0 ? 1 : x._strides[d]!);
  return makeTensor(x._storage, x._offset, shape, strides);
}

/** @see Tensor.expand */
export function expand(x: Tensor, ...args: number[] | [readonly number[]]): Tensor {
  checkTensor('expand', x);
  const target = sizeArgs('expand', args);
  const nd = target.length, old = x.shape.length;
  if (nd < old)
    throw new TorchSizeError(`expand: the number of sizes ${fmtSize(target)} must be >= the tensor's dims ${fmtSize(x.shape)}`);
  const shape = new Array<number>(nd), strides = new Array<number>(nd);
  for (let d = nd - 1; d >= 0; d--) {
    const od = d - (nd - old);
    const want = target[d]!;
    if (od < 0) {
      if (want < 0) throw new TorchSizeError(`expand: -1 is not allowed for a new leading dimension in ${fmtSize(target)}`);
      shape[d] = want;
      strides[d] = 0;
      continue;
    }
    const have = x.shape[od]!;
    if (want === -1 || want === have) {
      shape[d] = have;
      strides[d] = x._strides[od]!;
    } else if (have === 1 && want >= 0) {
      shape[d] = want;
      strides[d] = 0;
    } else {
      throw new TorchSizeError(`expand: size ${fmtSize(x.shape)} cannot be expanded to ${fmtSize(target)} (dimension ${d}: ${have} vs ${want})`);
    }
  }
  return makeTensor(x._storage, x._offset, shape, strides);
}

/** @see Tensor.squeeze */
export function squeeze(x: Tensor, dim?: number): Tensor {
  checkTensor('squeeze', x);
  const shape: number[] = [], strides: number[] = [];
  const only = dim === undefined ? -1 : normDim('squeeze', dim, x.shape.length);
  for (let d = 0; d < x.shape.length; d++) {
    if (x.shape[d] === 1 && (only < 0 || only === d)) continue;
    shape.push(x.shape[d]!);
    strides.push(x._strides[d]!);
  }
  return makeTensor(x._storage, x._offset, shape, strides);
}

/** @see Tensor.unsqueeze */
export function unsqueeze(x: Tensor, dim: number): Tensor {
  checkTensor('unsqueeze', x);
  const nd = x.shape.length;
  const d = normDim('unsqueeze', dim, nd + 1);
  const shape = x.shape.slice(), strides = x._strides.slice();
  const stride = d < nd ? x.shape[d]! * x._strides[d]! : 1;
  shape.splice(d, 0, 1);
  strides.splice(d, 0, stride);
  return makeTensor(x._storage, x._offset, shape, strides);
}

/** @see Tensor.flatten */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  checkTensor('flatten', x);
  const nd = x.shape.length;
  if (nd === 0) return reshape(x, 1);
  const s = normDim('flatten', startDim, nd), e = normDim('flatten', endDim, nd);
  if (s > e) throw new TorchIndexError(`flatten: startDim ${startDim} comes after endDim ${endDim}`);
  const shape = [...x.shape.slice(0, s), numelOf(x.shape.slice(s, e + 1)), ...x.shape.slice(e + 1)];
  return reshape(x, shape);
}

/** @see Tensor.resize_ */
export function resize<T extends Tensor>(x: T, ...args: number[] | [readonly number[]]): T {
  checkTensor('resize_', x);
  const shape = checkShape('resize_', sizeArgs('resize_', args));
  const n = numelOf(shape);
  if (x._offset + n > x._storage.size() || !isContiguous(x)) {
    // On the tensor's own device: a meta tensor stays on meta.
    const storage = x._storage.backend.allocate(x.dtype, n, 'resize_');
    x._storage = storage;
    x._offset = 0;
  }
  x.shape = shape;
  x._strides = contiguousStrides(shape);
  return x;
}

/** @see Tensor.set_ */
export function setSource<T extends Tensor>(x: T, source: Storage | Tensor, offset?: number, size?: readonly number[], stride?: readonly number[]): T {
  if (source instanceof Tensor) {
    if (source.dtype !== x.dtype) throw new TorchTypeError(`set_: source has dtype ${source.dtype}, tensor has ${x.dtype}`);
    x._storage = source._storage;
    x._offset = source._offset;
    x.shape = source.shape;
    x._strides = source._strides;
    return x;
  }
  if (!(source instanceof Storage)) throw new TorchTypeError(`set_: expected a Storage or Tensor, got ${describe(source)}`);
  if (source.dtype !== x.dtype) throw new TorchTypeError(`set_: storage has dtype ${source.dtype}, tensor has ${x.dtype}`);
  // NaN, fractions and strings would otherwise slip through the range check below (NaN compares false).
  if (offset !== undefined && (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0))
    throw new TorchTypeError(`set_: storage offset must be a non-negative integer, got ${describe(offset)}`);
  if (size !== undefined && !Array.isArray(size)) throw new TorchTypeError(`set_: size must be an array of integers, got ${describe(size)}`);
  if (stride !== undefined && !Array.isArray(stride)) throw new TorchTypeError(`set_: stride must be an array of integers, got ${describe(stride)}`);
  if (offset !== undefined && offset > source.size())
    throw new TorchSizeError(`set_: storage offset ${offset} is past the end of a storage of ${source.size()} elements`);
  const shape = checkShape('set_', size ? size.slice() : [source.size() - (offset ?? 0)]);
  const strides = stride ? stride.slice() : contiguousStrides(shape);
  if (strides.length !== shape.length || strides.some((s) => !Number.isSafeInteger(s) || s < 0))
    throw new TorchSizeError(`set_: strides must be ${shape.length} non-negative integers, got ${fmtSize(strides)}`);
  const off = offset ?? 0;
  let hi = off;
  for (let d = 0; d < shape.length; d++) if (shape[d]! > 0) hi += (shape[d]! - 1) * Math.max(strides[d]!, 0);
  if (off < 0 || (numelOf(shape) > 0 && hi >= source.size()))
    throw new TorchSizeError(`set_: offset ${off}, size ${fmtSize(shape)}, stride ${fmtSize(strides)} reach outside a storage of ${source.size()} elements`);
  x._storage = source;
  x._offset = off;
  x.shape = shape;
  x._strides = strides;
  return x;
}
