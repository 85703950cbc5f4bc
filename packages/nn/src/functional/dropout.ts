// Dropout family: in training, zero elements (or whole channels) with probability p and scale the
// rest by 1/(1-p); the identity in evaluation. The mask is a constant, so gradients flow through it.
import { Tensor, TorchTypeError, empty } from '@torch/core';
import { Variable } from '@torch/autograd';
import { asVar, checkFloat, type VarLike } from './util';
import { checkOptions, checkRank } from '../utils/args';

/** Options of the dropout functions. */
export interface DropoutOptions {
  /** Probability of zeroing (default 0.5). */
  p?: number;
  /** Apply (default true); false returns the input. */
  training?: boolean;
  /** Overwrite the input (default false). */
  inplace?: boolean;
}

function parse(op: string, options: DropoutOptions | undefined): Required<DropoutOptions> {
  const o = checkOptions(op, options, ['p', 'training', 'inplace']);
  const p = o.p ?? 0.5;
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw new TorchTypeError(`${op}: dropout probability has to be between 0 and 1, but got ${String(p)}`);
  return { p, training: o.training ?? true, inplace: o.inplace ?? false };
}

function applyMask(x: Variable, mask: Tensor, inplace: boolean): Variable {
  return inplace ? x.mul_(mask) : x.mul(mask);
}

/** keep/(1-p) Bernoulli mask of the given shape (all zeros when p = 1). */
function bernoulliMask(shape: number[], p: number, like: Tensor): Tensor {
  const m = empty(shape, { dtype: like.dtype }).bernoulli_(1 - p);
  return p === 1 ? m : m.div_(1 - p);
}

/**
 * Zeroes each element with probability p and scales the rest by 1/(1-p), in training.
 * @example nn.functional.dropout(x, { p: 0.2, training: model.training })
 */
export function dropout(input: VarLike, options?: DropoutOptions): Variable {
  const { p, training, inplace } = parse('dropout', options);
  const x = asVar('dropout', input);
  if (!training || p === 0) return x;
  checkFloat('dropout', x);
  return applyMask(x, bernoulliMask(x.shape as number[], p, x.data), inplace);
}

/** Channel dropout over the dims after the first two ([N, C, ...]); unbatched inputs have rank `featureRank + 1`. */
function featureDropout(op: string, input: VarLike, options: DropoutOptions | undefined, ranks: number[]): Variable {
  const { p, training, inplace } = parse(op, options);
  const x = asVar(op, input);
  checkRank(op, x.shape, ranks);
  if (!training || p === 0) return x;
  checkFloat(op, x);
  const batched = x.dim() === ranks[ranks.length - 1];
  const keep = batched ? 2 : 1;
  const shape = x.shape.map((s, i) => (i < keep ? s : 1));
  return applyMask(x, bernoulliMask(shape, p, x.data), inplace);
}

/**
 * Zeroes whole channels ([N, C, H, W] or [C, H, W]) with probability p.
 * @example nn.functional.dropout2d(x, { p: 0.1 })
 */
export function dropout2d(input: VarLike, options?: DropoutOptions): Variable {
  return featureDropout('dropout2d', input, options, [3, 4]);
}

/** Zeroes whole channels of [N, C, D, H, W] or [C, D, H, W] inputs. @example nn.functional.dropout3d(x) */
export function dropout3d(input: VarLike, options?: DropoutOptions): Variable {
  return featureDropout('dropout3d', input, options, [4, 5]);
}

/**
 * Dropout for SELU networks: dropped elements are set to SELU's negative saturation and the result is
 * affinely corrected so mean and variance are kept.
 * @example nn.functional.alphaDropout(x, { p: 0.1 })
 */
export function alphaDropout(input: VarLike, options?: DropoutOptions): Variable {
  const { p, training, inplace } = parse('alphaDropout', options);
  const x = asVar('alphaDropout', input);
  if (!training || p === 0) return x;
  checkFloat('alphaDropout', x);
  if (p === 1) return inplace ? x.mul_(0) : x.mul(0);
  const alphaP = -1.7580993408473766; // -selu_scale * selu_alpha
  const a = 1 / Math.sqrt((alphaP * alphaP * p + 1) * (1 - p));
  const keep = empty(x.shape as number[], { dtype: x.data.dtype }).bernoulli_(1 - p);
  // y = a·(x·keep + alphaP·(1 - keep)) + b, b = -a·alphaP·p: x times a constant plus a constant shift.
  const shift = keep.neg().add(1).mul(a * alphaP).add(-a * alphaP * p);
  const scale = keep.mul(a);
  return inplace ? x.mul_(scale).add_(shift) : x.mul(scale).add(shift);
}
