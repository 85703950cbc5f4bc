/**
 * softmax and logSoftmax along one dim (native/src/kernels/softmax.cc), PyTorch's `torch.softmax` /
 * `torch.log_softmax`: each row is shifted by its max before exp, so large inputs do not overflow, and
 * logSoftmax never takes the log of a rounded-off softmax. float32 and float64 run natively; float16 is
 * computed in float32 and rounded back (PyTorch 1.13 has no CPU kernel for it); integer and bool input
 * need the `dtype` option, as in PyTorch.
 */
import { DType, float16, float32 } from '../dtype';
import { fmtSize, TorchTypeError } from '../errors';
import { normDim } from '../shape';
import { checkTensor, describe, emptyTensor, isContiguous, type Tensor } from '../tensor';
import { copyInto, toDtype } from './copy';
import { checkOut, writeAlongDimMeta } from './reduce_core';
import { sameBackend } from '../backend/registry';
import { meta } from '../native';

/** Options of softmax and logSoftmax. */
export interface SoftmaxOptions {
  /** Cast the input to this floating point dtype first; the result has it. */
  dtype?: DType;
  /**
   * Tensor to write into, of the result's dtype and the input's size (resized when empty). A contiguous
   * `out` is written directly, so a caller that keeps one allocates nothing per call.
   */
  out?: Tensor;
}

const SOFTMAX_OP = { softmax: 0, logSoftmax: 1 } as const;

function softmaxImpl(op: keyof typeof SOFTMAX_OP, self: Tensor, dim: number, options: SoftmaxOptions | undefined): Tensor {
  checkTensor(op, self, 'self');
  if (typeof dim !== 'number') throw new TorchTypeError(`${op}: dim must be an integer, got ${describe(dim)}`);
  const d = normDim(op, dim, self.shape.length);
  if (options !== undefined && (typeof options !== 'object' || options === null)) throw new TorchTypeError(`${op}: expected an options object, got ${describe(options)}`);
  const dtype = options?.dtype;
  if (dtype !== undefined && !(dtype instanceof DType)) throw new TorchTypeError(`${op}: dtype must be a torch dtype, got ${describe(dtype)}`);
  const result = dtype ?? self.dtype;
  if (!result.isFloatingPoint)
    throw new TorchTypeError(`${op}: not implemented for ${result} (size ${fmtSize(self.shape)}); pass { dtype: torch.float32 } to compute in floating point`);
  const given = options?.out;
  if (given !== undefined) {
    checkOut(op, given, self.shape, result, 'out', true);
    sameBackend(op, self, given);
    if (given.numel() !== self.numel()) given.resize_(self.shape);
  }
  const x = toDtype(self, result === float16 ? float32 : result);
  const direct = given !== undefined && given.dtype === x.dtype && isContiguous(given) && given._storage !== x._storage;
  const out = direct ? given : emptyTensor(x.shape, x.dtype, x._storage.backend);
  if (x.numel() > 0) {
    writeAlongDimMeta(SOFTMAX_OP[op], x, d);
    meta[5] = out._offset;
    out._storage.backend.softmax(x._storage, out._storage);
    out._storage.version++;
  }
  if (direct) return out;
  return given !== undefined ? copyInto(given, toDtype(out, result)) : toDtype(out, result);
}

/**
 * exp(x) / Σ exp(x) along dim: every slice along dim becomes non-negative and sums to 1.
 * @example
 * torch.softmax(torch.tensor([1, 2, 3]).float(), 0);     // [0.0900, 0.2447, 0.6652]
 * logits.softmax(1, { dtype: torch.float64 });
 */
export function softmax(self: Tensor, dim: number, options?: SoftmaxOptions): Tensor {
  return softmaxImpl('softmax', self, dim, options);
}

/**
 * log(softmax(x)) along dim, computed as x - max - log Σ exp(x - max) (no overflow, no log of 0 for
 * very negative inputs).
 * @example
 * torch.logSoftmax(torch.tensor([1, 2, 3]).float(), 0);  // [-2.4076, -1.4076, -0.4076]
 * logits.logSoftmax(1);
 */
export function logSoftmax(self: Tensor, dim: number, options?: SoftmaxOptions): Tensor {
  return softmaxImpl('logSoftmax', self, dim, options);
}

/** The softmax methods of Tensor. */
export interface SoftmaxMethods {
  /**
   * softmax along dim; see torch.softmax.
   * @example x.softmax(1)
   */
  softmax(dim: number, options?: SoftmaxOptions): Tensor;
  /**
   * log-softmax along dim; see torch.logSoftmax.
   * @example x.logSoftmax(-1)
   */
  logSoftmax(dim: number, options?: SoftmaxOptions): Tensor;
}

/** Installs the softmax methods on Tensor.prototype. @internal */
export function installSoftmaxMethods(proto: Record<string, unknown>): void {
  const methods: Record<string, (this: Tensor, ...args: never[]) => unknown> = {
    softmax(this: Tensor, dim: number, o?: SoftmaxOptions) { return softmax(this, dim, o); },
    logSoftmax(this: Tensor, dim: number, o?: SoftmaxOptions) { return logSoftmax(this, dim, o); },
  };
  Object.assign(proto, methods);
}
