// Hands one elementwise op to the native strided iterator: picks the contiguous fast entry when it
// can, otherwise writes shapes and broadcast strides into the shared meta buffer.
import type { DType } from '../dtype';
import { TorchSizeError } from '../errors';
import { meta } from '../native';
import type { Storage } from '../storage';
import type { Backend } from '../backend/contract';
import { deviceMismatch } from '../backend/registry';
import { broadcastStrides, numelOf, sameShape } from '../shape';
import { isContiguous, type Tensor } from '../tensor';
import { isComparisonOp, opName } from './opcodes';

/** An input: a tensor, or a number broadcast everywhere. */
export type Operand = Tensor | number;

/**
 * Runs `op` writing into `out` (already of the broadcast shape), computing in `compute`; inputs are
 * converted to `compute` and the result to out's dtype by the iterator. p0/p1 are the op's parameters.
 * @internal
 */
export function launch(op: number, compute: DType, out: Tensor, a: Operand, b: Operand | undefined, c: Operand | undefined, p0 = 0, p1 = 0): void {
  const shape = out.shape;
  const n = numelOf(shape);
  // Every operand on out's device: the op allocated out on its inputs' device, so this catches mixing.
  const backend = out._storage.backend;
  if (onOther(a, backend) || onOther(b, backend) || onOther(c, backend))
    throw deviceMismatch(opName(op), backend, ([a, b, c].find((x) => onOther(x, backend)) as Tensor)._storage.backend);
  if (n === 0) return;
  // Fast entry: every tensor contiguous, same shape, of the compute dtype (bool out for comparisons).
  const outDtype = isComparisonOp(op) ? out.dtype.name === 'bool' : out.dtype === compute;
  if (outDtype && isContiguous(out) && fits1d(a, compute, shape) && fits1d(b, compute, shape) && fits1d(c, compute, shape)) {
    meta[0] = op;
    meta[1] = compute.code;
    meta[2] = n;
    meta[3] = p0;
    meta[4] = p1;
    meta[5] = out._offset;
    slot1d(6, a);
    slot1d(8, b);
    slot1d(10, c);
    backend.elementwise1d(out._storage, storageOf(a), storageOf(b), storageOf(c));
    return;
  }
  const nd = shape.length;
  if (nd > 64) throw new TorchSizeError(`elementwise op: at most 64 dimensions are supported, got ${nd}`);
  meta[0] = op;
  meta[1] = compute.code;
  meta[2] = p0;
  meta[3] = p1;
  meta[4] = nd;
  for (let d = 0; d < nd; d++) meta[5 + d] = shape[d]!;
  const stride = 3 + nd;
  let base = 5 + nd;
  slotStrided(base, out, shape);
  slotStrided((base += stride), a, shape);
  if (b !== undefined) slotStrided((base += stride), b, shape);
  if (c !== undefined) slotStrided((base += stride), c, shape);
  backend.elementwise(out._storage, storageOf(a), storageOf(b), storageOf(c));
}

function fits1d(x: Operand | undefined, compute: DType, shape: readonly number[]): boolean {
  if (x === undefined || typeof x === 'number') return true;
  return (x.dtype === compute || (x.dtype.name === 'bool' && compute.name === 'uint8')) && sameShape(x.shape, shape) && isContiguous(x);
}

function slot1d(at: number, x: Operand | undefined): void {
  if (x === undefined) return;
  if (typeof x === 'number') {
    meta[at + 1] = x;
  } else {
    meta[at] = x._offset;
  }
}

function slotStrided(at: number, x: Operand, shape: readonly number[]): void {
  const nd = shape.length;
  if (typeof x === 'number') {
    meta[at] = 0;
    meta[at + 1] = 0;
    meta[at + 2] = x;
    return;
  }
  meta[at] = x.dtype.code;
  meta[at + 1] = x._offset;
  const strides = sameShape(x.shape, shape) ? x._strides : broadcastStrides(x.shape, x._strides, shape);
  for (let d = 0; d < nd; d++) meta[at + 3 + d] = strides[d]!;
}

function storageOf(x: Operand | undefined): Storage | null {
  return x === undefined || typeof x === 'number' ? null : x._storage;
}

function onOther(x: Operand | undefined, backend: Backend): boolean {
  return x !== undefined && typeof x !== 'number' && x._storage.backend !== backend;
}
