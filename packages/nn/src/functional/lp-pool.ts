// Power-average pooling (PyTorch's F.lp_pool1d/2d): (Σ_window x^p)^(1/p), computed as PyTorch does
// it, from the average pool of x^p (the native avg-pool kernel) scaled back by the window size.
import { TorchSizeError, TorchTypeError, type Tensor } from '@torch/core';
import * as ag from '@torch/autograd';
import type { Variable } from '@torch/autograd';
import { checkOptions, checkRank, fmtSize } from '../utils/args';
import { pointwise } from './pointwise-fn';
import { asVar, checkFloat, type VarLike } from './util';

/** Options of the LP pools. */
export interface LPPoolOptions {
  /** Window step; default the kernel size. */
  stride?: number | number[] | null;
  /** Round the output size up instead of down; default false. */
  ceilMode?: boolean;
}

/**
 * (sign(s)·relu(|s|)·K)^(1/p) of the window averages s (K: the window's size), and its derivative with
 * PyTorch's convention that a window whose sum is zero passes no gradient (the relu's mask; the raw
 * formula would give 0·∞ there).
 */
function rootOfSums(s: Variable, p: number, windowSize: number): Variable {
  return pointwise('LpPoolRoot', {
    forward: (t: Tensor) => {
      const base = t.sign().mul(t.abs().clamp(0, null)).mul(windowSize);
      const e = 1 / p;
      const deriv = base.pow(e - 1).mul(e * windowSize).where(t.ne(0), 0);
      return [base.pow(e), deriv];
    },
  }, s, false);
}

function lpPool(nd: 1 | 2, input: VarLike, normType: number, kernelSize: number | number[], options: LPPoolOptions | undefined): Variable {
  const op = `lpPool${nd}d`;
  const x = asVar(op, input);
  checkFloat(op, x);
  if (typeof normType !== 'number' || !Number.isFinite(normType) || normType === 0)
    throw new TorchTypeError(`${op}: normType must be a finite non-zero number, got ${String(normType)}`);
  const o = checkOptions(op, options, ['stride', 'ceilMode']);
  const k = typeof kernelSize === 'number' ? new Array<number>(nd).fill(kernelSize) : kernelSize;
  if (!Array.isArray(k) || k.length !== nd) throw new TorchTypeError(`${op}: kernelSize must be an integer or a list of ${nd} integers, got ${String(kernelSize)}`);
  checkRank(op, x.shape, [nd + 1, nd + 2]);
  const spatial = x.shape.slice(x.dim() - nd);
  if (!(o.ceilMode ?? false) && spatial.some((s, d) => s < k[d]!))
    throw new TorchSizeError(`${op}: input of size ${fmtSize(x.shape)} is smaller than the kernel ${fmtSize(k)}`);
  const avg = (nd === 1 ? ag.avgPool1d : ag.avgPool2d)(x.pow(normType), k, { stride: o.stride ?? null, padding: 0, ceilMode: o.ceilMode ?? false });
  return rootOfSums(avg, normType, k.reduce((a, b) => a * b, 1));
}

/**
 * 1d power-average pooling over [N, C, L] or [C, L]: (Σ_window x^p)^(1/p); p = 1 is sum pooling, large
 * p approaches max pooling.
 * @example nn.functional.lpPool1d(x, 2, 3, { stride: 2 }) // the L2 norm of each window of 3
 */
export function lpPool1d(input: VarLike, normType: number, kernelSize: number | number[], options?: LPPoolOptions): Variable {
  return lpPool(1, input, normType, kernelSize, options);
}

/**
 * 2d power-average pooling over [N, C, H, W] or [C, H, W].
 * @example nn.functional.lpPool2d(x, 2, [3, 2], { stride: [2, 1], ceilMode: true })
 */
export function lpPool2d(input: VarLike, normType: number, kernelSize: number | number[], options?: LPPoolOptions): Variable {
  return lpPool(2, input, normType, kernelSize, options);
}
