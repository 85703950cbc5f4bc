// Padding, pixel shuffle and interpolation, all from views, cat and indexSelect (so gradients are
// the adjoint gathers/scatters autograd already has).
import { Tensor, TorchSizeError, TorchTypeError, tensor, int64, full } from '@torch/core';
import { Variable, cat } from '@torch/autograd';
import { asVar, checkFloat, type VarLike } from './util';
import { checkOptions, fmtSize } from '../utils/args';

const idx = (xs: number[]) => tensor(xs, { dtype: int64 });

/** Padding modes. */
export type PadMode = 'constant' | 'reflect' | 'replicate';

/**
 * Pads the last dims: `pad` = [left, right] for the last dim, then [top, bottom] for the one before, ...
 * Negative padding crops. 'reflect' mirrors without repeating the edge, 'replicate' repeats it.
 * @example nn.functional.pad(x, [1, 1, 2, 0], { mode: 'constant', value: 0 })
 */
export function pad(input: VarLike, padding: number[], options?: { mode?: PadMode; value?: number }): Variable {
  const op = 'pad';
  const o = checkOptions(op, options, ['mode', 'value']);
  const x = asVar(op, input);
  const mode = o.mode ?? 'constant';
  if (!['constant', 'reflect', 'replicate'].includes(mode)) throw new TorchTypeError(`${op}: mode must be 'constant', 'reflect' or 'replicate', got '${String(mode)}'`);
  if (!Array.isArray(padding) || padding.length % 2 !== 0 || padding.some((p) => !Number.isInteger(p)))
    throw new TorchTypeError(`${op}: padding must be an array of an even number of integers, got ${JSON.stringify(padding)}`);
  if (padding.length / 2 > x.dim()) throw new TorchSizeError(`${op}: padding of length ${padding.length} pads more dims than input of size ${fmtSize(x.shape)} has`);
  let y = x;
  for (let k = 0; k < padding.length / 2; k++) {
    const dim = x.dim() - 1 - k;
    const before = padding[2 * k]!, after = padding[2 * k + 1]!;
    if (before === 0 && after === 0) continue;
    y = padDim(op, y, dim, before, after, mode, o.value ?? 0);
  }
  return y;
}

function padDim(op: string, x: Variable, dim: number, before: number, after: number, mode: string, value: number): Variable {
  const n = x.shape[dim]!;
  if (n + before + after < 0 || (mode !== 'constant' && n + Math.min(before, 0) + Math.min(after, 0) <= 0))
    throw new TorchSizeError(`${op}: padding (${before}, ${after}) of dim ${dim} leaves no elements of input of size ${fmtSize(x.shape)}`);
  if (mode === 'constant') {
    let y = x;
    if (before < 0) y = y.narrow(dim, -before, y.shape[dim]! + before);
    if (after < 0) y = y.narrow(dim, 0, y.shape[dim]! + after);
    const block = (m: number) => {
      const s = [...y.shape] as number[];
      s[dim] = m;
      return full(s, value, { dtype: x.data.dtype });
    };
    const parts: (Variable | Tensor)[] = [];
    if (before > 0) parts.push(block(before));
    parts.push(y);
    if (after > 0) parts.push(block(after));
    return parts.length === 1 ? y : cat(parts, dim);
  }
  if (mode === 'reflect' && (before >= n || after >= n))
    throw new TorchSizeError(`${op}: reflect padding (${before}, ${after}) must be less than the size ${n} of dim ${dim} of input of size ${fmtSize(x.shape)}`);
  const list: number[] = [];
  for (let i = -before; i < n + after; i++) {
    if (mode === 'reflect') list.push(i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i);
    else list.push(Math.min(Math.max(i, 0), n - 1));
  }
  return x.indexSelect(dim, idx(list));
}

/**
 * Rearranges [*, C·r², H, W] into [*, C, H·r, W·r] (sub-pixel convolution).
 * @example nn.functional.pixelShuffle(x, 3)
 */
export function pixelShuffle(input: VarLike, upscaleFactor: number): Variable {
  const op = 'pixelShuffle';
  const x = asVar(op, input);
  const r = upscaleFactor;
  if (!Number.isInteger(r) || r < 1) throw new TorchTypeError(`${op}: upscaleFactor must be a positive integer, got ${String(r)}`);
  if (x.dim() < 3) throw new TorchSizeError(`${op}: expected input of at least 3 dims [*, C, H, W], got size ${fmtSize(x.shape)}`);
  const d = x.dim();
  const [c, h, w] = x.shape.slice(d - 3) as [number, number, number];
  if (c % (r * r) !== 0) throw new TorchSizeError(`${op}: the channel dim ${c} of input of size ${fmtSize(x.shape)} is not divisible by upscaleFactor² (${r * r})`);
  const lead = x.shape.slice(0, d - 3) as number[];
  const L = lead.length;
  const oc = c / (r * r);
  return x.reshape([...lead, oc, r, r, h, w])
    .permute([...lead.map((_, i) => i), L, L + 3, L + 1, L + 4, L + 2])
    .reshape([...lead, oc, h * r, w * r]);
}

/** Interpolation modes. */
export type InterpolateMode = 'nearest' | 'linear' | 'bilinear' | 'trilinear';

/** Options of interpolate / Upsample. */
export interface InterpolateOptions {
  /** Output spatial size (one number for every spatial dim, or one per dim). */
  size?: number | number[] | null;
  /** Multiplier of the spatial sizes (instead of size). */
  scaleFactor?: number | number[] | null;
  /** Default 'nearest'. */
  mode?: InterpolateMode;
  /** Linear modes: map corner pixel centres onto each other (default false). */
  alignCorners?: boolean | null;
}

/**
 * Resizes the spatial dims of [N, C, *spatial] (1 to 3 spatial dims): nearest neighbour, or
 * (bi/tri)linear interpolation separably along each dim, with PyTorch's coordinate rules.
 * @example nn.functional.interpolate(x, { scaleFactor: 2, mode: 'bilinear', alignCorners: false })
 */
export function interpolate(input: VarLike, options?: InterpolateOptions): Variable {
  const op = 'interpolate';
  const o = checkOptions(op, options, ['size', 'scaleFactor', 'mode', 'alignCorners']);
  const x = asVar(op, input);
  checkFloat(op, x);
  const mode = o.mode ?? 'nearest';
  const spatial = x.dim() - 2;
  if (spatial < 1 || spatial > 3) throw new TorchSizeError(`${op}: expected 3D, 4D or 5D input [N, C, *spatial], got size ${fmtSize(x.shape)}`);
  const need: Record<string, number> = { linear: 1, bilinear: 2, trilinear: 3 };
  if (mode !== 'nearest' && need[mode] === undefined) throw new TorchTypeError(`${op}: mode must be 'nearest', 'linear', 'bilinear' or 'trilinear', got '${String(mode)}'`);
  if (mode !== 'nearest' && need[mode] !== spatial) throw new TorchSizeError(`${op}: mode '${mode}' needs ${need[mode]! + 2}D input, got size ${fmtSize(x.shape)}`);
  if (mode === 'nearest' && o.alignCorners != null) throw new TorchTypeError(`${op}: alignCorners can only be set with the linear modes`);
  const hasSize = o.size !== undefined && o.size !== null, hasScale = o.scaleFactor !== undefined && o.scaleFactor !== null;
  if (hasSize === hasScale) throw new TorchTypeError(`${op}: exactly one of size and scaleFactor must be given`);
  const perDim = (v: number | number[], name: string): number[] => {
    const a = Array.isArray(v) ? v : Array(spatial).fill(v);
    if (a.length !== spatial) throw new TorchSizeError(`${op}: ${name} has ${a.length} values but input of size ${fmtSize(x.shape)} has ${spatial} spatial dims`);
    return a;
  };
  const inSizes = x.shape.slice(2) as number[];
  const scales = hasScale ? perDim(o.scaleFactor!, 'scaleFactor') : null;
  const outSizes = hasSize ? perDim(o.size!, 'size') : inSizes.map((n, i) => Math.floor(n * scales![i]!));
  if (outSizes.some((s) => !Number.isInteger(s) || s < 1)) throw new TorchSizeError(`${op}: output size ${fmtSize(outSizes)} must be positive integers`);
  let y = x;
  for (let k = 0; k < spatial; k++) {
    const dim = 2 + k, n = inSizes[k]!, m = outSizes[k]!;
    // PyTorch: with scaleFactor given, source coordinates use 1/scaleFactor; with size, n/m.
    const scale = scales ? 1 / scales[k]! : n / m;
    if (mode === 'nearest') {
      const list = Array.from({ length: m }, (_, i) => Math.min(Math.floor(i * scale), n - 1));
      y = y.indexSelect(dim, idx(list));
      continue;
    }
    const lo: number[] = [], hi: number[] = [], lam: number[] = [];
    for (let i = 0; i < m; i++) {
      let src = o.alignCorners ? (m > 1 ? (i * (n - 1)) / (m - 1) : 0) : Math.max((i + 0.5) * scale - 0.5, 0);
      if (src > n - 1) src = n - 1;
      const i0 = Math.floor(src);
      lo.push(i0);
      hi.push(Math.min(i0 + 1, n - 1));
      lam.push(src - i0);
    }
    const shape = Array(y.dim()).fill(1);
    shape[dim] = m;
    const l = tensor(lam, { dtype: x.data.dtype }).view(shape);
    y = y.indexSelect(dim, idx(lo)).mul(l.neg().add(1)).add(y.indexSelect(dim, idx(hi)).mul(l));
  }
  return y;
}
