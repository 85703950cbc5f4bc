/**
 * nn.init: in-place initialisers of parameters (PyTorch's torch.nn.init). Each takes a Tensor or a
 * Variable/Parameter (its data is written, outside autograd) and returns it.
 */
import { Tensor, TorchSizeError, TorchTypeError, randperm, qr, zeros, float16, float32 } from '@torch/core';
import { Variable, noGrad } from '@torch/autograd';
import { checkOptions } from './utils/args';

type Target = Tensor | Variable;
const dataOf = (op: string, t: Target): Tensor => {
  if (t instanceof Variable) return t.data;
  if (t instanceof Tensor) return t;
  throw new TorchTypeError(`init.${op}: expected a Tensor or a Parameter, got ${t === null ? 'null' : typeof t}`);
};
const write = <T extends Target>(op: string, t: T, fn: (d: Tensor) => void): T => {
  const d = dataOf(op, t);
  noGrad(() => fn(d));
  return t;
};

/** Nonlinearities calculateGain knows. */
export type Nonlinearity = 'linear' | 'conv1d' | 'conv2d' | 'conv3d' | 'conv_transpose1d' | 'conv_transpose2d' | 'conv_transpose3d' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu';

/**
 * The recommended gain for a nonlinearity (PyTorch's values; `leaky_relu` takes the negative slope).
 * @example nn.init.calculateGain('relu') // Math.SQRT2
 */
export function calculateGain(nonlinearity: Nonlinearity | 'leakyRelu', param?: number): number {
  switch (nonlinearity) {
    case 'linear': case 'conv1d': case 'conv2d': case 'conv3d': case 'conv_transpose1d': case 'conv_transpose2d': case 'conv_transpose3d': case 'sigmoid':
      return 1;
    case 'tanh':
      return 5 / 3;
    case 'relu':
      return Math.SQRT2;
    case 'leaky_relu': case 'leakyRelu': {
      const slope = param ?? 0.01;
      if (typeof slope !== 'number') throw new TorchTypeError(`calculateGain: negative slope ${String(slope)} is not a valid number`);
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case 'selu':
      return 3 / 4;
    default:
      throw new TorchTypeError(`calculateGain: unsupported nonlinearity '${String(nonlinearity)}'`);
  }
}

/**
 * fan_in and fan_out of a weight: size(1) and size(0) times the receptive field (kernel) size.
 * @example nn.init.calculateFanInAndFanOut(torch.empty(16, 3, 5, 5)) // [75, 400]
 */
export function calculateFanInAndFanOut(t: Target): [number, number] {
  const s = dataOf('calculateFanInAndFanOut', t).shape;
  if (s.length < 2) throw new TorchSizeError(`init: fan in and fan out can not be computed for a tensor with fewer than 2 dimensions (size ${JSON.stringify(s)})`);
  const receptive = s.slice(2).reduce((a, b) => a * b, 1);
  return [s[1]! * receptive, s[0]! * receptive];
}

function fan(op: string, t: Target, mode: string): number {
  if (mode !== 'fan_in' && mode !== 'fan_out' && mode !== 'fanIn' && mode !== 'fanOut') throw new TorchTypeError(`init.${op}: mode ${mode} not supported, use fan_in or fan_out`);
  const [fi, fo] = calculateFanInAndFanOut(t);
  return mode === 'fan_in' || mode === 'fanIn' ? fi : fo;
}

/** Fills with U(a, b). @example nn.init.uniform_(w, -0.1, 0.1) */
export function uniform_<T extends Target>(t: T, a = 0, b = 1): T {
  return write('uniform_', t, (d) => d.uniform_(a, b));
}
/** Fills with N(mean, std²). @example nn.init.normal_(w, 0, 0.02) */
export function normal_<T extends Target>(t: T, mean = 0, std = 1): T {
  return write('normal_', t, (d) => d.normal_(mean, std));
}
/** Fills with a value. @example nn.init.constant_(b, 0.1) */
export function constant_<T extends Target>(t: T, value: number): T {
  if (typeof value !== 'number') throw new TorchTypeError(`init.constant_: value must be a number, got ${typeof value}`);
  return write('constant_', t, (d) => d.fill_(value));
}
/** Fills with 1. @example nn.init.ones_(bn.weight) */
export function ones_<T extends Target>(t: T): T {
  return constant_(t, 1);
}
/** Fills with 0. @example nn.init.zeros_(fc.bias!) */
export function zeros_<T extends Target>(t: T): T {
  return constant_(t, 0);
}

/** Fills a 2-D tensor with the identity. @example nn.init.eye_(w) */
export function eye_<T extends Target>(t: T): T {
  return write('eye_', t, (d) => {
    if (d.dim() !== 2) throw new TorchSizeError(`init.eye_: only 2-dimensional tensors are supported, got size ${JSON.stringify(d.shape)}`);
    d.zero_();
    const n = Math.min(d.shape[0]!, d.shape[1]!);
    for (let i = 0; i < n; i++) d.set([i, i], 1);
  });
}

/**
 * Fills a 3-, 4- or 5-D convolution weight with the Dirac delta (preserves the input of the first
 * channels), per group.
 * @example nn.init.dirac_(conv.weight)
 */
export function dirac_<T extends Target>(t: T, groups = 1): T {
  return write('dirac_', t, (d) => {
    const s = d.shape;
    if (s.length < 3 || s.length > 5) throw new TorchSizeError(`init.dirac_: only tensors with 3, 4, or 5 dimensions are supported, got size ${JSON.stringify(s)}`);
    if (!Number.isInteger(groups) || groups < 1 || s[0]! % groups !== 0) throw new TorchSizeError(`init.dirac_: dim 0 (${s[0]}) must be divisible by groups (${groups})`);
    const outPerGroup = s[0]! / groups;
    const minDim = Math.min(outPerGroup, s[1]!);
    d.zero_();
    const centre = s.slice(2).map((k) => Math.floor(k / 2));
    for (let g = 0; g < groups; g++) for (let i = 0; i < minDim; i++) d.set([g * outPerGroup + i, i, ...centre], 1);
  });
}

/** Options of the Xavier initialisers. */
export interface GainOptions {
  /** Scale factor (default 1). */
  gain?: number;
}
/**
 * Glorot uniform: U(-a, a) with a = gain·sqrt(6 / (fan_in + fan_out)).
 * @example nn.init.xavierUniform_(fc.weight, { gain: nn.init.calculateGain('tanh') })
 */
export function xavierUniform_<T extends Target>(t: T, options?: GainOptions): T {
  const { gain = 1 } = checkOptions('init.xavierUniform_', options, ['gain']);
  const [fi, fo] = calculateFanInAndFanOut(t);
  const a = gain * Math.sqrt(6 / (fi + fo));
  return uniform_(t, -a, a);
}
/** Glorot normal: N(0, std²), std = gain·sqrt(2 / (fan_in + fan_out)). @example nn.init.xavierNormal_(w) */
export function xavierNormal_<T extends Target>(t: T, options?: GainOptions): T {
  const { gain = 1 } = checkOptions('init.xavierNormal_', options, ['gain']);
  const [fi, fo] = calculateFanInAndFanOut(t);
  return normal_(t, 0, gain * Math.sqrt(2 / (fi + fo)));
}

/** Options of the Kaiming initialisers. */
export interface KaimingOptions {
  /** Negative slope of the rectifier after this layer (leaky_relu only; default 0). */
  a?: number;
  /** 'fan_in' (default, preserves the forward variance) or 'fan_out' (the backward's). */
  mode?: 'fan_in' | 'fan_out' | 'fanIn' | 'fanOut';
  /** The nonlinearity after this layer (default 'leaky_relu'). */
  nonlinearity?: Nonlinearity | 'leakyRelu';
}
function kaimingStd(op: string, t: Target, options: KaimingOptions | undefined): number {
  const { a = 0, mode = 'fan_in', nonlinearity = 'leaky_relu' } = checkOptions(op, options, ['a', 'mode', 'nonlinearity']);
  const n = fan(op, t, mode);
  if (n === 0) throw new TorchSizeError(`init.${op}: cannot initialise an empty tensor`);
  return calculateGain(nonlinearity, a) / Math.sqrt(n);
}
/**
 * He uniform: U(-b, b) with b = gain·sqrt(3 / fan).
 * @example nn.init.kaimingUniform_(w, { a: Math.sqrt(5) })   // Linear's default
 */
export function kaimingUniform_<T extends Target>(t: T, options?: KaimingOptions): T {
  const b = Math.sqrt(3) * kaimingStd('kaimingUniform_', t, options);
  return uniform_(t, -b, b);
}
/** He normal: N(0, std²), std = gain / sqrt(fan). @example nn.init.kaimingNormal_(w, { mode: 'fan_out', nonlinearity: 'relu' }) */
export function kaimingNormal_<T extends Target>(t: T, options?: KaimingOptions): T {
  return normal_(t, 0, kaimingStd('kaimingNormal_', t, options));
}

/**
 * A (semi-)orthogonal matrix from the QR decomposition of a normal sample (trailing dims flattened).
 * @example nn.init.orthogonal_(rnn.weightHh_l0)
 */
export function orthogonal_<T extends Target>(t: T, gain = 1): T {
  return write('orthogonal_', t, (d) => {
    if (d.dim() < 2) throw new TorchSizeError(`init.orthogonal_: only tensors with 2 or more dimensions are supported, got size ${JSON.stringify(d.shape)}`);
    const rows = d.shape[0]!, cols = d.numel() / rows;
    let flat = zeros([rows, cols], { dtype: d.dtype === float16 ? float32 : d.dtype }).normal_(0, 1);
    if (rows < cols) flat = flat.t();
    const { Q, R } = qr(flat.contiguous());
    // Make Q unique: multiply columns by the sign of R's diagonal.
    let q = Q.mul(R.diag().sign());
    if (rows < cols) q = q.t();
    d.copy_(q.reshape(d.shape as number[]).mul(gain));
  });
}

/**
 * A sparse 2-D matrix: in each column, a `sparsity` fraction of the rows are zero and the rest N(0, std²).
 * @example nn.init.sparse_(w, 0.1)
 */
export function sparse_<T extends Target>(t: T, sparsity: number, std = 0.01): T {
  return write('sparse_', t, (d) => {
    if (d.dim() !== 2) throw new TorchSizeError(`init.sparse_: only tensors with 2 dimensions are supported, got size ${JSON.stringify(d.shape)}`);
    if (!(sparsity >= 0 && sparsity <= 1)) throw new TorchTypeError(`init.sparse_: sparsity must be in [0, 1], got ${sparsity}`);
    const [rows, cols] = d.shape as [number, number];
    const nz = Math.ceil(sparsity * rows);
    d.normal_(0, std);
    for (let c = 0; c < cols; c++) {
      const idx = randperm(rows).narrow(0, 0, nz);
      for (const r of idx.tolist() as number[]) d.set([r, c], 0);
    }
  });
}

// PyTorch's older names without the trailing underscore (still in the list and in old code).
export {
  uniform_ as uniform, normal_ as normal, constant_ as constant, eye_ as eye, dirac_ as dirac,
  xavierUniform_ as xavierUniform, xavierNormal_ as xavierNormal, kaimingUniform_ as kaimingUniform,
  kaimingNormal_ as kaimingNormal, orthogonal_ as orthogonal, sparse_ as sparse,
};
