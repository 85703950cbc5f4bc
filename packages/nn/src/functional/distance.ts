// Distances between pairs of vectors.
import { TorchSizeError } from '@torch/core';
import { Variable } from '@torch/autograd';
import { asVar, checkFloat, type VarLike } from './util';
import { checkOptions, fmtSize } from '../utils/args';

/**
 * ‖x1 - x2 + eps‖_p along the last dim (inputs broadcast).
 * @example nn.functional.pairwiseDistance(a, b, { p: 1 })
 */
export function pairwiseDistance(x1: VarLike, x2: VarLike, options?: { p?: number; eps?: number; keepdim?: boolean }): Variable {
  const op = 'pairwiseDistance';
  const o = checkOptions(op, options, ['p', 'eps', 'keepdim']);
  const a = asVar(op, x1, 'x1'), b = asVar(op, x2, 'x2');
  checkFloat(op, a, 'x1');
  const d = Math.max(a.dim(), b.dim());
  if (d === 0) throw new TorchSizeError(`${op}: inputs must have at least 1 dimension, got sizes ${fmtSize(a.shape)} and ${fmtSize(b.shape)}`);
  return a.sub(b).add(o.eps ?? 1e-6).norm(o.p ?? 2, d - 1, { keepdim: o.keepdim ?? false });
}

/**
 * Σ x1·x2 / max(‖x1‖·‖x2‖, eps) along dim (inputs broadcast).
 * @example nn.functional.cosineSimilarity(a, b, { dim: 1 })
 */
export function cosineSimilarity(x1: VarLike, x2: VarLike, options?: { dim?: number; eps?: number }): Variable {
  const op = 'cosineSimilarity';
  const o = checkOptions(op, options, ['dim', 'eps']);
  const a = asVar(op, x1, 'x1'), b = asVar(op, x2, 'x2');
  checkFloat(op, a, 'x1');
  const dim = o.dim ?? 1, eps = o.eps ?? 1e-8;
  const w12 = a.mul(b).sum(dim), w1 = a.mul(a).sum(dim), w2 = b.mul(b).sum(dim);
  return w12.div(w1.mul(w2).clamp(eps * eps, null).sqrt());
}
