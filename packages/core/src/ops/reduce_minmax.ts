/**
 * max / min (of all elements, or values and indices along a dim) and argmax / argmin. The form with a
 * Tensor argument (`a.max(b)`, elementwise) is installed by the elementwise table, which hands the
 * other forms to maxReduce / minReduce here.
 *
 * NaN propagates: the max of a row holding NaN is NaN and its index the first NaN's; otherwise ties give
 * the first index.
 */
import { int64 } from '../dtype';
import { fmtSize, TorchIndexError, TorchTypeError } from '../errors';
import { normDim } from '../shape';
import { checkTensor, makeTensor, Tensor } from '../tensor';
import { copyInto, toDtype } from './copy';
import { checkOut, flat, RED, reduceFlags, reduceTo, reduceArg, withDim } from './reduce_core';
import { namedTuple } from './named-tuple';
import type { OutOptions } from './elementwise';
import type { ReduceDimOptions, ValuesIndices, ValuesIndicesOut } from './sort';

/** Options of argmax / argmin. */
export interface ArgReduceOptions {
  /** The dim to reduce; none: the index into the flattened tensor. */
  dim?: number;
  /** Keep the reduced dim with size 1 (default false; ignored without a dim). */
  keepdim?: boolean;
  /** int64 tensor to write into. */
  out?: Tensor;
}

function outPair(op: string, out: ValuesIndicesOut): [unknown, unknown] {
  return Array.isArray(out) ? [out[0], out[1]] : [(out as { values: unknown }).values, (out as { indices: unknown }).indices];
}

function checkDim(op: string, self: Tensor, dim: unknown): number {
  if (typeof dim !== 'number' || !Number.isSafeInteger(dim)) throw new TorchTypeError(`${op}: dim must be an integer, got ${String(dim)}`);
  return normDim(op, dim, self.shape.length);
}

/** Along a dim: the 0-dim input is read as one element of a 1-D one. */
function alongDim(op: string, code: number, self: Tensor, dim: number, keepdim: boolean): [Tensor, Tensor] {
  const x = self.shape.length === 0 ? makeTensor(self._storage, self._offset, [1], [1]) : self;
  if (x.shape[dim] === 0)
    throw new TorchIndexError(`${op}: expected reduction dim ${dim} to have non-zero size, got size ${fmtSize(self.shape)}`);
  return reduceArg(code, x, dim, keepdim && self.shape.length > 0);
}

function extremeReduce(op: 'max' | 'min', self: Tensor, dim: unknown, options: ReduceDimOptions | undefined): Tensor | ValuesIndices {
  const o = withDim(op, dim, options);
  if (o.dim === undefined || o.dim === null) {
    if (o.out !== undefined) throw new TorchTypeError(`${op}: out needs a dim (the ${op} of all elements has no out)`);
    if (self.numel() === 0)
      throw new TorchIndexError(`${op}: expected a reduction dim to be specified for an input with no elements (size ${fmtSize(self.shape)}); give the dim argument`);
    return reduceTo(op, op === 'max' ? RED.max : RED.min, self, reduceFlags(op, self, undefined), false, self.dtype, undefined);
  }
  const d = checkDim(op, self, o.dim);
  const keepdim = !!o.keepdim;
  let outV: Tensor | undefined, outI: Tensor | undefined;
  if (o.out !== undefined) {
    const [v, i] = outPair(op, o.out);
    const shape = self.shape.length === 0 ? [] : self.shape.filter((_, k) => k !== d || keepdim).map((s, k) => (keepdim && k === d ? 1 : s));
    checkOut(op, v, shape, self.dtype, 'out values', true);
    checkOut(op, i, shape, int64, 'out indices', true);
    outV = v;
    outI = i;
  }
  const [values, indices] = alongDim(op, op === 'max' ? RED.argmax : RED.argmin, self, d, keepdim);
  const v = toDtype(values, self.dtype);
  if (outV === undefined) return namedTuple({ values: v, indices });
  if (outV.numel() === 0) outV.resize_(v.shape);
  if (outI!.numel() === 0) outI!.resize_(indices.shape);
  copyInto(outV, v);
  copyInto(outI!, indices);
  return namedTuple({ values: outV, indices: outI! });
}

/** max(), max(dim, options), max(options): the reduction forms of Tensor.max. @internal */
export function maxReduce(self: Tensor, dim?: number | ReduceDimOptions, options?: ReduceDimOptions): Tensor | ValuesIndices {
  checkTensor('max', self, 'self');
  return extremeReduce('max', self, dim, options);
}

/** min(), min(dim, options), min(options): the reduction forms of Tensor.min. @internal */
export function minReduce(self: Tensor, dim?: number | ReduceDimOptions, options?: ReduceDimOptions): Tensor | ValuesIndices {
  checkTensor('min', self, 'self');
  return extremeReduce('min', self, dim, options);
}

/**
 * The largest element (0-dim tensor); with a dim, the largest values along it and their indices; with
 * a Tensor, the elementwise maximum (as torch.maximum). NaN propagates.
 * @example
 * torch.max(torch.tensor([1, 5, 2]));                        // 5
 * const { values, indices } = torch.max(x, 1, { keepdim: true });
 * torch.max(a, b);                                           // elementwise
 */
export function max(self: Tensor): Tensor;
export function max(self: Tensor, dim: number, options?: ReduceDimOptions): ValuesIndices;
export function max(self: Tensor, options: ReduceDimOptions & { dim: number }): ValuesIndices;
export function max(self: Tensor, other: Tensor, options?: OutOptions): Tensor;
export function max(self: Tensor, a?: unknown, b?: unknown): Tensor | ValuesIndices {
  checkTensor('max', self, 'self');
  return (self.max as (a?: unknown, b?: unknown) => Tensor | ValuesIndices)(a, b);
}

/**
 * The smallest element; with a dim, values and indices along it; with a Tensor, the elementwise minimum.
 * @example
 * torch.min(torch.tensor([1, 5, 2]));                        // 1
 * const [values, indices] = torch.min(x, 0);
 * torch.min(a, b);                                           // elementwise
 */
export function min(self: Tensor): Tensor;
export function min(self: Tensor, dim: number, options?: ReduceDimOptions): ValuesIndices;
export function min(self: Tensor, options: ReduceDimOptions & { dim: number }): ValuesIndices;
export function min(self: Tensor, other: Tensor, options?: OutOptions): Tensor;
export function min(self: Tensor, a?: unknown, b?: unknown): Tensor | ValuesIndices {
  checkTensor('min', self, 'self');
  return (self.min as (a?: unknown, b?: unknown) => Tensor | ValuesIndices)(a, b);
}

function argReduce(op: 'argmax' | 'argmin', self: Tensor, dim: number | ArgReduceOptions | undefined, options: ArgReduceOptions | undefined): Tensor {
  checkTensor(op, self, 'self');
  const o = withDim(op, dim, options);
  const code = op === 'argmax' ? RED.argmax : RED.argmin;
  let indices: Tensor;
  if (o.dim === undefined || o.dim === null) {
    if (o.out !== undefined) checkOut(op, o.out, o.keepdim ? self.shape.map(() => 1) : [], int64, 'out', true);
    if (self.numel() === 0)
      throw new TorchIndexError(`${op}: expected a reduction dim to be specified for an input with no elements (size ${fmtSize(self.shape)})`);
    indices = reduceArg(code, flat(self), 0, false)[1];
    // keepdim without a dim keeps every dim with size 1, as PyTorch.
    if (o.keepdim) indices = indices.view(self.shape.map(() => 1));
  } else {
    const d = checkDim(op, self, o.dim);
    const keepdim = !!o.keepdim && self.shape.length > 0;
    if (o.out !== undefined) {
      const shape = self.shape.flatMap((s, k) => (k !== d ? [s] : keepdim ? [1] : []));
      checkOut(op, o.out, shape, int64, 'out', true);
    }
    indices = alongDim(op, code, self, d, keepdim)[1];
  }
  if (o.out === undefined) return indices;
  if (o.out.numel() === 0) o.out.resize_(indices.shape);
  return copyInto(o.out, indices);
}

/**
 * The index of the largest element: into the flattened tensor, or along a dim. The first NaN wins;
 * otherwise the first of equal maxima.
 * @example
 * torch.argmax(torch.tensor([[1, 9], [3, 4]]));          // 1 (flat index)
 * torch.argmax(x, 1, { keepdim: true });
 */
export function argmax(self: Tensor, dim?: number | ArgReduceOptions, options?: ArgReduceOptions): Tensor {
  return argReduce('argmax', self, dim, options);
}

/**
 * The index of the smallest element: into the flattened tensor, or along a dim (NaN counts as smallest
 * here: the first NaN wins, as PyTorch).
 * @example
 * torch.argmin(torch.tensor([4, 1, 1]));                 // 1
 * torch.argmin(x, { dim: 0 });
 */
export function argmin(self: Tensor, dim?: number | ArgReduceOptions, options?: ArgReduceOptions): Tensor {
  return argReduce('argmin', self, dim, options);
}
