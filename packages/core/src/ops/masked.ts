/**
 * Mask ops: maskedSelect, maskedFill_, maskedScatter_ (and out-of-place forms) and nonzero, on the
 * native mask kernels (native/src/kernels/index_masked.cc). Masks are bool; uint8 masks are accepted
 * with a deprecation warning, as PyTorch 1.13 does (see docs/indexing.md).
 */
import { int64, type DType } from '../dtype';
import { fmtSize, TorchSizeError } from '../errors';
import { meta } from '../native';
import { sameBackend } from '../backend/registry';
import { dataDependent } from '../backend/meta';
import { broadcastShapes, broadcastStrides, sameShape } from '../shape';
import { checkTensor, emptyTensor, makeTensor, Tensor, type OutOption } from '../tensor';
import { clone, copyInto } from './copy';
import { checkWritable, detached, maskTensor, sameDtype, scalarValue, withOut } from './index_common';

const enum MaskMode {
  Count = 0,
  Select = 1,
  Fill = 2,
  Scatter = 3,
  Nonzero = 4,
}

/** Options of nonzero. */
export interface NonzeroOptions {
  /** Return one 1-D int64 tensor per dim instead of one [count, ndim] tensor. */
  asTuple?: boolean;
}

// The op a mode serves, for errors (Count sizes maskedSelect's result; on meta it counts 0).
const MASK_OPS = ['maskedSelect', 'maskedSelect', 'maskedFill', 'maskedScatter', 'nonzero'];

function launchMask(mode: MaskMode, shape: readonly number[], self: Tensor, mask: Tensor | null, out: Tensor | null, src: Tensor | null): number {
  sameBackend(MASK_OPS[mode]!, self, mask, out, src);
  const nd = shape.length;
  meta[0] = mode;
  meta[1] = self.dtype.code;
  meta[2] = nd;
  meta[3] = self._offset;
  meta[4] = mask ? mask._offset : 0;
  meta[5] = out ? out._offset : 0;
  meta[6] = src ? src._offset : 0;
  const ss = broadcastStrides(self.shape, self._strides, shape);
  const ms = mask ? broadcastStrides(mask.shape, mask._strides, shape) : null;
  for (let d = 0; d < nd; d++) {
    meta[7 + d] = shape[d]!;
    meta[7 + nd + d] = ss[d]!;
    meta[7 + 2 * nd + d] = ms ? ms[d]! : 0;
  }
  return self._storage.backend.mask(self._storage, mask ? mask._storage : null, out ? out._storage : null, src ? src._storage : null);
}

/**
 * The elements of self where mask is true, as a 1-D tensor (self and mask broadcast together).
 * @example
 * const x = torch.tensor([[1, 2], [3, 4]]);
 * torch.maskedSelect(x, x.gt(2));                       // [3, 4]
 * x.maskedSelect(torch.tensor([true, false]));          // [1, 3] (mask broadcast over rows)
 */
export function maskedSelect(self: Tensor, mask: Tensor, options?: OutOption): Tensor {
  const op = 'maskedSelect';
  checkTensor(op, self, 'self');
  const m = maskTensor(op, mask);
  const shape = broadcastShapes(op, self.shape, m.shape);
  // After the argument checks, so a meta call reports a bad mask as a cpu call does.
  if (self.isMeta || m.isMeta) throw dataDependent(op);
  const count = launchMask(MaskMode.Count, shape, self, m, null, null);
  return withOut(op, options?.out, [count], self.dtype, [self], (dst) => {
    launchMask(MaskMode.Select, shape, self, m, dst, null);
  });
}

/** The mask must broadcast to self's own size for the in-place forms. */
function checkInPlaceMask(op: string, self: Tensor, m: Tensor): void {
  const shape = broadcastShapes(op, self.shape, m.shape);
  if (!sameShape(shape, self.shape))
    throw new TorchSizeError(`${op}: mask of size ${fmtSize(m.shape)} does not broadcast to self's size ${fmtSize(self.shape)}`);
}

/**
 * One 0-dim tensor per dtype that carries maskedFill_'s value to the CPU kernel. The kernel reads it
 * during the call only, so reusing it spares a storage per call (Torch7's legacy modules fill masks on
 * every step and must not allocate once warmed up).
 */
const cpuFillValues = new Map<DType, Tensor>();

function cpuFillValue(self: Tensor): Tensor | undefined {
  if (self._storage.backend.device.type !== 'cpu') return undefined;
  let v = cpuFillValues.get(self.dtype);
  if (v === undefined) cpuFillValues.set(self.dtype, (v = emptyTensor([], self.dtype, self._storage.backend)));
  return v;
}

/**
 * Sets the elements of self where mask is true to value (a number, boolean or 0-dim tensor), in
 * place. The mask broadcasts to self's size.
 * @example
 * const x = torch.arange(4).float();
 * x.maskedFill_(x.gt(1), -1);   // [0, 1, -1, -1]
 */
export function maskedFill_<T extends Tensor>(self: T, mask: Tensor, value: number | boolean | Tensor): T {
  const op = 'maskedFill_';
  checkTensor(op, self, 'self');
  const m = maskTensor(op, mask);
  checkInPlaceMask(op, self, m);
  const v = scalarValue(op, value, self.dtype, self._storage.backend, cpuFillValue(self));
  checkWritable(op, self);
  self._storage.version++;
  launchMask(MaskMode.Fill, self.shape, self, m, null, v);
  return self;
}

/**
 * Out-of-place maskedFill_: self and mask broadcast together.
 * @example torch.maskedFill(x, mask, 0)
 */
export function maskedFill(self: Tensor, mask: Tensor, value: number | boolean | Tensor): Tensor {
  const op = 'maskedFill';
  checkTensor(op, self, 'self');
  const m = maskTensor(op, mask);
  const shape = broadcastShapes(op, self.shape, m.shape);
  const r = copyInto(emptyTensor(shape, self.dtype, self._storage.backend), self);
  return maskedFill_(r, m, value);
}

/**
 * Copies source's elements, in order, into the positions of self where mask is true (in place).
 * source has self's dtype and at least as many elements as the mask selects.
 * @example
 * torch.zeros(4).maskedScatter_(torch.tensor([true, false, true, false]), torch.tensor([7, 8]));  // [7, 0, 8, 0]
 */
export function maskedScatter_<T extends Tensor>(self: T, mask: Tensor, source: Tensor): T {
  const op = 'maskedScatter_';
  checkTensor(op, self, 'self');
  const m = maskTensor(op, mask);
  checkTensor(op, source, 'source');
  sameDtype(op, self, source);
  checkInPlaceMask(op, self, m);
  checkWritable(op, self);
  const count = launchMask(MaskMode.Count, self.shape, self, m, null, null);
  if (source.numel() < count)
    throw new TorchSizeError(`${op}: source has ${source.numel()} elements but the mask selects ${count}`);
  const src = detached(source, self).contiguous();
  const mm = detached(m, self);
  self._storage.version++;
  launchMask(MaskMode.Scatter, self.shape, self, mm, null, src);
  return self;
}

/**
 * Out-of-place maskedScatter_: self and mask broadcast together.
 * @example torch.maskedScatter(x, mask, src)
 */
export function maskedScatter(self: Tensor, mask: Tensor, source: Tensor): Tensor {
  const op = 'maskedScatter';
  checkTensor(op, self, 'self');
  const m = maskTensor(op, mask);
  const shape = broadcastShapes(op, self.shape, m.shape);
  const r = copyInto(emptyTensor(shape, self.dtype, self._storage.backend), self);
  return maskedScatter_(r, m, source);
}

/**
 * Positions of the non-zero elements (NaN counts as non-zero, -0 as zero): an int64 tensor of size
 * [count, ndim] in row-major order, or with `asTuple` one 1-D tensor per dim (a 0-dim input then
 * counts as 1-D).
 * @example
 * torch.nonzero(torch.tensor([[0, 1], [2, 0]]));                  // [[0, 1], [1, 0]]
 * const [rows, cols] = torch.tensor([[0, 1], [2, 0]]).nonzero({ asTuple: true });
 */
export function nonzero(self: Tensor, options?: { asTuple?: false }): Tensor;
export function nonzero(self: Tensor, options: { asTuple: true }): Tensor[];
export function nonzero(self: Tensor, options?: NonzeroOptions): Tensor | Tensor[];
export function nonzero(self: Tensor, options?: NonzeroOptions): Tensor | Tensor[] {
  const op = 'nonzero';
  checkTensor(op, self, 'self');
  if (self.isMeta) throw dataDependent(op);
  const count = launchMask(MaskMode.Count, self.shape, self, null, null, null);
  const nd = self.shape.length;
  if (options?.asTuple) {
    if (nd === 0) {
      const r = emptyTensor([count], int64, self._storage.backend);
      if (count) (r._storage.data as BigInt64Array)[0] = 0n;
      return [r];
    }
    const all = nonzeroInto(self, count);
    return Array.from({ length: nd }, (_, d) => clone(makeTensor(all._storage, d, [count], [nd])));
  }
  return nonzeroInto(self, count);
}

function nonzeroInto(self: Tensor, count: number): Tensor {
  const r = emptyTensor([count, self.shape.length], int64, self._storage.backend);
  if (count > 0 && self.shape.length > 0) launchMask(MaskMode.Nonzero, self.shape, self, null, r, null);
  return r;
}

/** nonzero of a mask as strided column views (no copy): the index tensors a mask stands for. @internal */
export function maskIndices(mask: Tensor, op = 'index'): Tensor[] {
  if (mask.isMeta) throw dataDependent(`${op} with a bool mask`);
  const nd = mask.shape.length;
  const count = launchMask(MaskMode.Count, mask.shape, mask, null, null, null);
  const all = nonzeroInto(mask, count);
  return Array.from({ length: nd }, (_, d) => makeTensor(all._storage, d, [count], [nd]));
}
