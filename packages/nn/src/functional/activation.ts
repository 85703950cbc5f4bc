// Activations. The ones PyTorch can run in place (relu, relu6, threshold, hardtanh, leakyRelu, elu,
// selu, rrelu) are named autograd Functions (pointwise-fn.ts); the rest are compositions of Variable ops.
import { Tensor, TorchSizeError, TorchTypeError, empty, thresholdBackward } from '@torch/core';
import { Variable, where } from '@torch/autograd';
import { asVar, checkFloat, type VarLike } from './util';
import { pointwise } from './pointwise-fn';
import { erf } from './erf';
import { fmtSize } from '../utils/args';

function num(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || Number.isNaN(v)) throw new TorchTypeError(`${op}: ${name} must be a number, got ${String(v)}`);
  return v;
}
function flag(op: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw new TorchTypeError(`${op}: inplace must be a boolean, got ${String(v)}`);
  return v;
}
function input(op: string, x: unknown): Variable {
  const v = asVar(op, x);
  checkFloat(op, v);
  return v;
}

/**
 * y = x where x > threshold, else value.
 * @example nn.functional.threshold(x, 0.1, 20)
 */
export function threshold(x: VarLike, threshold: number, value: number, inplace = false): Variable {
  const th = num('threshold', 'threshold', threshold), val = num('threshold', 'value', value);
  return pointwise('Threshold', {
    forward: (t) => {
      const keep = t.gt(th);
      return [t.where(keep, val), keep];
    },
  }, input('threshold', x), flag('threshold', inplace));
}

/**
 * max(x, 0); the gradient at 0 is 0, as PyTorch's.
 * @example nn.functional.relu(x); nn.functional.relu(h, true) // in place
 */
export function relu(x: VarLike, inplace = false): Variable {
  return pointwise('Relu', {
    forward: (t) => [t.clamp(0, null), null],
    derivFromResult: (y) => y.data.gt(0),
    // The engine hands every gradient over in its output's dtype, so g and y always share one.
    gradFromResult: (g, y, inPlace) => thresholdBackward(g, y, 0, inPlace),
  }, input('relu', x), flag('relu', inplace));
}

/**
 * clamp(x, minVal, maxVal), gradient 1 strictly inside.
 * @example nn.functional.hardtanh(x, -2, 2)
 */
export function hardtanh(x: VarLike, minVal = -1, maxVal = 1, inplace = false): Variable {
  const lo = num('hardtanh', 'minVal', minVal), hi = num('hardtanh', 'maxVal', maxVal);
  if (lo > hi) throw new TorchTypeError(`hardtanh: minVal (${lo}) must be less than or equal to maxVal (${hi})`);
  return pointwise('Hardtanh', { forward: (t) => [t.clamp(lo, hi), ones(t).where(t.gt(lo), 0).where(t.lt(hi), 0)] }, input('hardtanh', x), flag('hardtanh', inplace));
}

/** min(max(x, 0), 6). @example nn.functional.relu6(x) */
export function relu6(x: VarLike, inplace = false): Variable {
  return hardtanh(x, 0, 6, inplace);
}

/**
 * x where x > 0, else negativeSlope·x.
 * @example nn.functional.leakyRelu(x, 0.2)
 */
export function leakyRelu(x: VarLike, negativeSlope = 0.01, inplace = false): Variable {
  const s = num('leakyRelu', 'negativeSlope', negativeSlope);
  return pointwise('LeakyRelu', {
    forward: (t) => {
      const pos = t.gt(0);
      return [t.where(pos, t.mul(s)), ones(t).where(pos, s)];
    },
  }, input('leakyRelu', x), flag('leakyRelu', inplace));
}

function ones(t: Tensor): Tensor {
  return empty(t.shape as number[], { dtype: t.dtype }).fill_(1);
}

function eluImpl(name: string, x: Variable, alpha: number, scale: number, inplace: boolean): Variable {
  return pointwise(name, {
    mask: (t) => t.gt(0),
    forward: (t) => [t.mul(scale).where(t.gt(0), t.expm1().mul(alpha * scale)), null],
    // y' = scale where x > 0, else y + scale·alpha (from the result, so in-place works).
    derivFromResult: (y, pos) => where(pos, scale, y.add(scale * alpha)),
  }, x, inplace);
}

/**
 * x where x > 0, else alpha·(eˣ - 1).
 * @example nn.functional.elu(x, 1.0)
 */
export function elu(x: VarLike, alpha = 1, inplace = false): Variable {
  return eluImpl('Elu', input('elu', x), num('elu', 'alpha', alpha), 1, flag('elu', inplace));
}

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;
/** scale·elu(x, alpha) with the self-normalising constants. @example nn.functional.selu(x) */
export function selu(x: VarLike, inplace = false): Variable {
  return eluImpl('Selu', input('selu', x), SELU_ALPHA, SELU_SCALE, flag('selu', inplace));
}

/** Options of rrelu. */
export interface RReLUOptions {
  lower?: number;
  upper?: number;
  training?: boolean;
  inplace?: boolean;
}
/**
 * Randomized leaky ReLU: in training each negative element gets a slope drawn from U(lower, upper);
 * in evaluation the slope is (lower + upper) / 2.
 * @example nn.functional.rrelu(x, { training: true })
 */
export function rrelu(x: VarLike, lower = 1 / 8, upper = 1 / 3, training = false, inplace = false): Variable {
  const lo = num('rrelu', 'lower', lower), hi = num('rrelu', 'upper', upper);
  if (lo > hi) throw new TorchTypeError(`rrelu: lower (${lo}) must be less than or equal to upper (${hi})`);
  const v = input('rrelu', x);
  if (!training) return leakyRelu(v, (lo + hi) / 2, inplace);
  return pointwise('Rrelu', {
    forward: (t) => {
      // One slope per element, used only where x < 0; the derivative is that slope (1 elsewhere).
      const slope = empty(t.shape as number[], { dtype: t.dtype }).uniform_(lo, hi).where(t.lt(0), 1);
      return [t.mul(slope), slope];
    },
  }, v, flag('rrelu', inplace));
}

/**
 * x where x > 0, else weight·x; weight has one element or one per channel (dim 1).
 * @example nn.functional.prelu(x, weight)
 */
export function prelu(x: VarLike, weight: VarLike): Variable {
  const v = input('prelu', x), w = asVar('prelu', weight, 'weight');
  const n = w.numel();
  if (w.dim() > 1) throw new TorchSizeError(`prelu: weight must be 1-D, got size ${fmtSize(w.shape)}`);
  let wb = w;
  if (n !== 1) {
    const c = v.dim() >= 2 ? v.shape[1] : v.dim() === 1 ? v.shape[0] : 1;
    if (c !== n) throw new TorchSizeError(`prelu: weight has ${n} elements but input of size ${fmtSize(v.shape)} has ${c} channels (dim ${v.dim() >= 2 ? 1 : 0})`);
    if (v.dim() >= 2) wb = w.view([n, ...Array(v.dim() - 2).fill(1)]);
  } else wb = w.reshape([]);
  return where(v.data.gt(0), v, v.mul(wb));
}

/** 1 / (1 + e⁻ˣ). @example nn.functional.sigmoid(x) */
export function sigmoid(x: VarLike): Variable {
  return input('sigmoid', x).sigmoid();
}
/** tanh(x). @example nn.functional.tanh(x) */
export function tanh(x: VarLike): Variable {
  return input('tanh', x).tanh();
}

/**
 * log(1 + e^(beta·x)) / beta, linear where beta·x > threshold (numerically stable).
 * @example nn.functional.softplus(x, 2)
 */
export function softplus(x: VarLike, beta = 1, threshold = 20): Variable {
  const b = num('softplus', 'beta', beta), th = num('softplus', 'threshold', threshold);
  const v = input('softplus', x);
  const bx = v.mul(b);
  // The exp only sees values up to the threshold, so the branch not taken never overflows into NaN gradients.
  const soft = bx.clamp(null, th).exp().log1p().div(b);
  return where(bx.data.gt(th), v, soft);
}

/** log(sigmoid(x)), stable for large |x|. @example nn.functional.logsigmoid(x) */
export function logsigmoid(x: VarLike): Variable {
  return softplus(input('logsigmoid', x).neg()).neg();
}

/**
 * x - λ where x > λ, x + λ where x < -λ, else 0.
 * @example nn.functional.softshrink(x, 0.5)
 */
export function softshrink(x: VarLike, lambd = 0.5): Variable {
  const l = num('softshrink', 'lambd', lambd);
  if (l < 0) throw new TorchTypeError(`softshrink: lambd must be non-negative, got ${l}`);
  const v = input('softshrink', x);
  return where(v.data.gt(l), v.sub(l), where(v.data.lt(-l), v.add(l), 0));
}

/** x where |x| > λ, else 0. @example nn.functional.hardshrink(x, 0.5) */
export function hardshrink(x: VarLike, lambd = 0.5): Variable {
  const l = num('hardshrink', 'lambd', lambd);
  const v = input('hardshrink', x);
  return where(v.data.abs().gt(l), v, 0);
}

/** x / (1 + |x|). @example nn.functional.softsign(x) */
export function softsign(x: VarLike): Variable {
  const v = input('softsign', x);
  return v.div(v.abs().add(1));
}

/** x - tanh(x). @example nn.functional.tanhshrink(x) */
export function tanhshrink(x: VarLike): Variable {
  const v = input('tanhshrink', x);
  return v.sub(v.tanh());
}

/** PyTorch's legacy choice of softmax dim when none is given: 0 for 0-, 1- and 3-D inputs, else 1. */
function softmaxDim(op: string, v: Variable, dim: number | undefined | null): number {
  if (dim === undefined || dim === null) return v.dim() === 0 || v.dim() === 1 || v.dim() === 3 ? 0 : 1;
  if (!Number.isInteger(dim)) throw new TorchTypeError(`${op}: dim must be an integer, got ${String(dim)}`);
  return dim;
}

/**
 * e^x / Σ e^x along dim.
 * @example nn.functional.softmax(logits, 1)
 */
export function softmax(x: VarLike, dim?: number | null): Variable {
  const v = input('softmax', x);
  return v.softmax(softmaxDim('softmax', v, dim));
}
/** softmax(-x). @example nn.functional.softmin(x, 1) */
export function softmin(x: VarLike, dim?: number | null): Variable {
  const v = input('softmin', x);
  return v.neg().softmax(softmaxDim('softmin', v, dim));
}
/** log(softmax(x)), computed stably. @example nn.functional.logSoftmax(logits, 1) */
export function logSoftmax(x: VarLike, dim?: number | null): Variable {
  const v = input('logSoftmax', x);
  return v.logSoftmax(softmaxDim('logSoftmax', v, dim));
}

/**
 * x·Φ(x) (Φ the standard normal CDF, through erf), or the tanh approximation with `approximate: 'tanh'`.
 * @example nn.functional.gelu(x); nn.functional.gelu(x, { approximate: 'tanh' })
 */
export function gelu(x: VarLike, options?: { approximate?: 'none' | 'tanh' }): Variable {
  const approximate = options?.approximate ?? 'none';
  if (options) for (const k of Object.keys(options)) if (k !== 'approximate') throw new TorchTypeError(`gelu: unknown option '${k}'`);
  const v = input('gelu', x);
  if (approximate === 'tanh') {
    const inner = v.add(v.pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
    return v.mul(0.5).mul(inner.tanh().add(1));
  }
  if (approximate !== 'none') throw new TorchTypeError(`gelu: approximate must be 'none' or 'tanh', got '${String(approximate)}'`);
  return v.mul(0.5).mul(erf(v.mul(Math.SQRT1_2)).add(1));
}
