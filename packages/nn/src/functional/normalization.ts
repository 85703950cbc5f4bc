// Normalisation layers built from Variable ops (BatchNorm/InstanceNorm are native kernels elsewhere).
import { TorchSizeError, TorchTypeError, zeros } from '@torch/core';
import { Variable, cat } from '@torch/autograd';
import { asVar, optVar, checkFloat, type VarLike } from './util';
import { checkOptions, fmtSize } from '../utils/args';

/** (x - mean) / sqrt(var + eps) over the given dims (biased variance). */
function standardize(x: Variable, dims: number[], eps: number): Variable {
  const mean = x.mean(dims, { keepdim: true });
  const c = x.sub(mean);
  const v = c.mul(c).mean(dims, { keepdim: true });
  return c.div(v.add(eps).sqrt());
}

/**
 * Normalises over the last dims given by normalizedShape, then weight·x + bias (both of that shape).
 * @example nn.functional.layerNorm(x, [512], { weight: g, bias: b })
 */
export function layerNorm(input: VarLike, normalizedShape: number[] | number, options?: { weight?: VarLike | null; bias?: VarLike | null; eps?: number }): Variable {
  const op = 'layerNorm';
  const o = checkOptions(op, options, ['weight', 'bias', 'eps']);
  const x = asVar(op, input);
  checkFloat(op, x);
  const ns = typeof normalizedShape === 'number' ? [normalizedShape] : normalizedShape;
  if (!Array.isArray(ns) || ns.some((s) => !Number.isInteger(s))) throw new TorchTypeError(`${op}: normalizedShape must be an integer or an array of integers`);
  const k = ns.length, d = x.dim();
  if (k === 0 || d < k || ns.some((s, i) => x.shape[d - k + i] !== s))
    throw new TorchSizeError(`${op}: given normalizedShape=${fmtSize(ns)}, expected input with shape [*, ${ns.join(', ')}], but got input of size ${fmtSize(x.shape)}`);
  let y = standardize(x, Array.from({ length: k }, (_, i) => d - k + i), o.eps ?? 1e-5);
  const w = optVar(op, o.weight, 'weight'), b = optVar(op, o.bias, 'bias');
  if (w !== null) y = y.mul(w);
  if (b !== null) y = y.add(b);
  return y;
}

/**
 * Splits the C channels (dim 1) into numGroups groups and normalises each group of each sample; then
 * per-channel weight and bias.
 * @example nn.functional.groupNorm(x, 4, { weight: g, bias: b })
 */
export function groupNorm(input: VarLike, numGroups: number, options?: { weight?: VarLike | null; bias?: VarLike | null; eps?: number }): Variable {
  const op = 'groupNorm';
  const o = checkOptions(op, options, ['weight', 'bias', 'eps']);
  const x = asVar(op, input);
  checkFloat(op, x);
  if (x.dim() < 2) throw new TorchSizeError(`${op}: expected at least 2D input [N, C, *], got size ${fmtSize(x.shape)}`);
  const [N, C] = x.shape as [number, number];
  if (!Number.isInteger(numGroups) || numGroups < 1 || C % numGroups !== 0)
    throw new TorchSizeError(`${op}: expected the number of channels (${C}) of input of size ${fmtSize(x.shape)} to be divisible by numGroups (${numGroups})`);
  const g = x.reshape([N, numGroups, -1]);
  let y = standardize(g, [2], o.eps ?? 1e-5).view(x.shape as number[]);
  const bshape = [C, ...Array(x.dim() - 2).fill(1)];
  const w = optVar(op, o.weight, 'weight'), b = optVar(op, o.bias, 'bias');
  if (w !== null) y = y.mul(w.view(bshape));
  if (b !== null) y = y.add(b.view(bshape));
  return y;
}

/**
 * Local response normalisation across channels: x / (k + alpha/size · Σ x²)^beta, the sum over `size`
 * neighbouring channels (zero-padded).
 * @example nn.functional.localResponseNorm(x, 5, { alpha: 1e-4, beta: 0.75, k: 1 })
 */
export function localResponseNorm(input: VarLike, size: number, options?: { alpha?: number; beta?: number; k?: number }): Variable {
  const op = 'localResponseNorm';
  const o = checkOptions(op, options, ['alpha', 'beta', 'k']);
  const x = asVar(op, input);
  checkFloat(op, x);
  if (x.dim() < 3) throw new TorchSizeError(`${op}: expected 3D or higher dimensional input, got size ${fmtSize(x.shape)}`);
  if (!Number.isInteger(size) || size < 1) throw new TorchTypeError(`${op}: size must be a positive integer, got ${String(size)}`);
  return lrnImpl(x, size, o.alpha ?? 1e-4, o.beta ?? 0.75, o.k ?? 1, Math.floor(size / 2), Math.floor((size - 1) / 2));
}

/**
 * The legacy (Torch7) SpatialCrossMapLRN: as localResponseNorm on [N, C, H, W] inputs, with the window
 * of channels c - (size-1)/2 ... c + (size-1)/2.
 * @example nn.functional.crossMapLrn2d(x, 5, { alpha: 1e-4, beta: 0.75, k: 1 })
 */
export function crossMapLrn2d(input: VarLike, size: number, options?: { alpha?: number; beta?: number; k?: number }): Variable {
  const op = 'crossMapLrn2d';
  const o = checkOptions(op, options, ['alpha', 'beta', 'k']);
  const x = asVar(op, input);
  checkFloat(op, x);
  if (x.dim() !== 4) throw new TorchSizeError(`CrossMapLRN2d: expected 4D input [N, C, H, W], got size ${fmtSize(x.shape)}`);
  if (!Number.isInteger(size) || size < 1) throw new TorchTypeError(`${op}: size must be a positive integer, got ${String(size)}`);
  const half = Math.floor((size - 1) / 2);
  return lrnImpl(x, size, o.alpha ?? 1e-4, o.beta ?? 0.75, o.k ?? 1, half, half);
}

function lrnImpl(x: Variable, size: number, alpha: number, beta: number, k: number, before: number, after: number): Variable {
  const sq = x.mul(x);
  const padShape = (n: number) => [x.shape[0]!, n, ...x.shape.slice(2)] as number[];
  const parts = [];
  if (before) parts.push(zeros(padShape(before), { dtype: x.data.dtype }));
  parts.push(sq);
  if (after) parts.push(zeros(padShape(after), { dtype: x.data.dtype }));
  const padded = parts.length > 1 ? cat(parts, 1) : sq;
  // Windows of `size` channels: unfold adds a last dim of the window.
  const sums = padded.unfold(1, before + after + 1, 1).sum(-1);
  return x.div(sums.mul(alpha / size).add(k).pow(beta));
}
