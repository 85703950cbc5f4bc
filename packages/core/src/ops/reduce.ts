/**
 * Reductions: sum, prod, mean, var, std, norm, logsumexp, all, any, dist, renorm, and the scans cumsum
 * and cumprod. Every op runs in the native reduction iterator (native/src/kernels/reduce.cc) over any
 * strided input, for every dtype PyTorch 1.13 supports (and float16/bool where 1.13 has no CPU kernel).
 * max/min/argmax/argmin are in reduce_minmax.ts; shared checks in reduce_core.ts. See docs/reduce.md.
 */
import { bool, DType, float64, getDefaultDtype, int64, uint8 } from '../dtype';
import { fmtSize, TorchSizeError, TorchTypeError } from '../errors';
import { broadcastShapes, normDim } from '../shape';
import { checkTensor, describe, emptyTensor, Tensor } from '../tensor';
import { copyInto, toDtype } from './copy';
import { checkOut, type Dims, RED, reduceFlags, reduceTo, scanTo, withDim } from './reduce_core';
import { argmax, argmin, type ArgReduceOptions } from './reduce_minmax';
import { integerDtypeHint } from './strict';

// ---------------------------------------------------------------- option types

/** Options of sum and mean. */
export interface SumOptions {
  /** The dim or dims to reduce (default: all; an empty list also means all, as PyTorch 1.13). */
  dim?: Dims;
  /** Keep reduced dims with size 1 (default false). */
  keepdim?: boolean;
  /** Cast the input to this dtype first; the result has it. */
  dtype?: DType;
  /** Tensor to write into (resized when empty; the result is cast to its dtype). */
  out?: Tensor;
}
/** Options of prod (one dim, as PyTorch). */
export interface ProdOptions extends Omit<SumOptions, 'dim'> {
  /** The dim to reduce (default: all). */
  dim?: number;
}
/** Options of var and std. */
export interface VarOptions {
  /** The dim or dims to reduce (default: all). */
  dim?: Dims;
  /** Divide by n - 1 (default true) rather than n. */
  unbiased?: boolean;
  /** Keep reduced dims with size 1 (default false). */
  keepdim?: boolean;
  /** Tensor to write into. */
  out?: Tensor;
}
/** The order of a norm: a number (0, Infinity and -Infinity included) or 'fro' (the 2-norm). */
export type NormP = number | 'fro';
/** Options of norm. */
export interface NormOptions {
  /** The order (default 'fro', the 2-norm of the reduced elements). */
  p?: NormP;
  /** The dim or dims to reduce (default: all). */
  dim?: Dims;
  /** Keep reduced dims with size 1 (default false). */
  keepdim?: boolean;
  /** Cast the input to this floating point dtype first. */
  dtype?: DType;
  /** Tensor to write into. */
  out?: Tensor;
}
/** Options of all and any. */
export interface LogicalReduceOptions {
  /** The dim to reduce (default: all). */
  dim?: number;
  /** Keep the reduced dim with size 1 (default false). */
  keepdim?: boolean;
  /** Tensor to write into. */
  out?: Tensor;
}
/** Options of logsumexp. */
export interface LogsumexpOptions {
  /** Keep reduced dims with size 1 (default false). */
  keepdim?: boolean;
  /** Tensor to write into. */
  out?: Tensor;
}
/** Options of cumsum and cumprod. */
export interface ScanOptions {
  /** Cast the input to this dtype first; the result has it. */
  dtype?: DType;
  /** Tensor to write into. */
  out?: Tensor;
}

// ---------------------------------------------------------------- helpers

function checkBool(op: string, name: string, v: unknown): void {
  if (v !== undefined && typeof v !== 'boolean') throw new TorchTypeError(`${op}: ${name} must be a boolean, got ${describe(v)}`);
}

/** The input cast to options.dtype (when given) and the result dtype. */
function withDtype(op: string, self: Tensor, dtype: unknown, rule: (d: DType) => DType): [Tensor, DType] {
  if (dtype === undefined || dtype === null) return [self, rule(self.dtype)];
  if (!(dtype instanceof DType)) throw new TorchTypeError(`${op}: dtype must be a torch dtype, got ${describe(dtype)}`);
  return [toDtype(self, dtype), dtype];
}

const sumRule = (d: DType): DType => (d.isFloatingPoint ? d : int64);

function requireFloat(op: string, self: Tensor, what: string): void {
  if (!self.dtype.isFloatingPoint) throw new TorchTypeError(`${op}: ${what}, got ${self.dtype} (size ${fmtSize(self.shape)})${integerDtypeHint(self.dtype)}`);
}

// ---------------------------------------------------------------- ops

/**
 * Sum of all elements, or over a dim or dims. Integers and bool sum in int64 (the result's dtype unless
 * `dtype` says otherwise); float32 sums are accumulated blockwise, so the error grows slowly with n.
 * @example
 * torch.sum(torch.tensor([[1, 2], [3, 4]]));           // 10 (int64)
 * torch.sum(x, 1, { keepdim: true });
 * torch.sum(x, [0, 2], { dtype: torch.float64 });
 */
export function sum(self: Tensor, dim?: Dims | SumOptions, options?: SumOptions): Tensor {
  checkTensor('sum', self, 'self');
  const o = withDim('sum', dim, options);
  const flags = reduceFlags('sum', self, o.dim);
  checkBool('sum', 'keepdim', o.keepdim);
  const [x, result] = withDtype('sum', self, o.dtype, sumRule);
  return reduceTo('sum', RED.sum, x, flags, !!o.keepdim, result, o.out);
}

/**
 * Product of all elements or along one dim (integers and bool in int64, wrapping on overflow).
 * @example
 * torch.prod(torch.tensor([1, 2, 3, 4]));              // 24
 * torch.prod(x, 0, { keepdim: true });
 */
export function prod(self: Tensor, dim?: number | ProdOptions, options?: ProdOptions): Tensor {
  checkTensor('prod', self, 'self');
  const o = withDim('prod', dim, options);
  const flags = reduceFlags('prod', self, o.dim, true);
  checkBool('prod', 'keepdim', o.keepdim);
  const [x, result] = withDtype('prod', self, o.dtype, sumRule);
  return reduceTo('prod', RED.prod, x, flags, !!o.keepdim, result, o.out);
}

/**
 * Mean of all elements or over a dim or dims; floating point input (or `dtype`) only, as PyTorch. The
 * mean of no elements is NaN.
 * @example
 * torch.mean(torch.tensor([1, 2, 3, 4.0]));            // 2.5
 * torch.mean(torch.arange(6).view(2, 3), 1, { dtype: torch.float64 });
 */
export function mean(self: Tensor, dim?: Dims | SumOptions, options?: SumOptions): Tensor {
  checkTensor('mean', self, 'self');
  const o = withDim('mean', dim, options);
  const flags = reduceFlags('mean', self, o.dim);
  checkBool('mean', 'keepdim', o.keepdim);
  const [x, result] = withDtype('mean', self, o.dtype, (d) => d);
  if (!result.isFloatingPoint)
    throw new TorchTypeError(`mean: could not infer the output dtype: the input dtype must be floating point (or give a floating point dtype), got ${result}${integerDtypeHint(result)}`);
  return reduceTo('mean', RED.mean, x, flags, !!o.keepdim, result, o.out);
}

function varStd(op: 'var' | 'std', self: Tensor, dim: Dims | boolean | VarOptions | undefined, options: VarOptions | undefined): Tensor {
  checkTensor(op, self, 'self');
  const o = typeof dim === 'boolean' ? { ...options, unbiased: dim } : withDim(op, dim, options);
  const flags = reduceFlags(op, self, o.dim);
  checkBool(op, 'unbiased', o.unbiased);
  checkBool(op, 'keepdim', o.keepdim);
  requireFloat(op, self, 'only floating point inputs are supported');
  return reduceTo(op, op === 'var' ? RED.var : RED.std, self, flags, !!o.keepdim, self.dtype, o.out, o.unbiased === false ? 0 : 1);
}

/**
 * Variance over all elements or a dim or dims: divides by n - 1 unless `unbiased: false` (NaN when
 * that is 0). Computed in double in two passes. `t.var(false)` is the biased variance of all elements.
 * @example
 * torch.var(torch.tensor([1, 2, 3, 4.0]));              // 1.6667
 * torch.var(x, 1, { unbiased: false, keepdim: true });
 */
export function variance(self: Tensor, dim?: Dims | boolean | VarOptions, options?: VarOptions): Tensor {
  return varStd('var', self, dim, options);
}
export { variance as var };

/**
 * Standard deviation (the square root of var; same options).
 * @example
 * torch.std(torch.tensor([1, 2, 3, 4.0]));              // 1.2910
 * torch.std(x, [0, 1]);
 */
export function std(self: Tensor, dim?: Dims | boolean | VarOptions, options?: VarOptions): Tensor {
  return varStd('std', self, dim, options);
}

function checkP(op: string, p: unknown): number {
  if (p === undefined || p === null || p === 'fro') return 2;
  if (typeof p !== 'number')
    throw new TorchTypeError(`${op}: p must be a number (0, Infinity and -Infinity included) or 'fro', got ${describe(p)}${p === 'nuc' ? " (the nuclear norm is not supported)" : ''}`);
  return p;
}

/**
 * The p-norm of all elements or over a dim or dims: (Σ|x|^p)^(1/p); p = 0 counts non-zeros, Infinity
 * and -Infinity give the largest and smallest |x|, 'fro' (default) the 2-norm. Floating point only.
 * @example
 * torch.norm(torch.tensor([3, 4.0]));                    // 5
 * torch.norm(x, 1, 0);                                   // column sums of |x|
 * torch.norm(x, Infinity, { dim: [0, 1], keepdim: true });
 */
export function norm(self: Tensor, p?: NormP | NormOptions | null, dim?: Dims | NormOptions, options?: NormOptions): Tensor {
  checkTensor('norm', self, 'self');
  const o: NormOptions = p !== null && typeof p === 'object' ? p : { ...withDim('norm', dim, options), ...(p === undefined || p === null ? {} : { p }) };
  const pv = checkP('norm', o.p);
  const flags = reduceFlags('norm', self, o.dim);
  checkBool('norm', 'keepdim', o.keepdim);
  const [x, result] = withDtype('norm', self, o.dtype, (d) => d);
  requireFloat('norm', x, 'input dtype should be floating point');
  return reduceTo('norm', RED.norm, x, flags, !!o.keepdim, result, o.out, pv);
}

/**
 * The p-norm of self - other (broadcast), a 0-dim tensor.
 * @example
 * torch.dist(torch.tensor([1, 2.0]), torch.tensor([4, 6.0]));      // 5
 * torch.dist(a, b, Infinity);
 */
export function dist(self: Tensor, other: Tensor, p: number = 2): Tensor {
  checkTensor('dist', self, 'self');
  checkTensor('dist', other, 'other');
  const pv = checkP('dist', p);
  broadcastShapes('dist', self.shape, other.shape);
  if (!self.dtype.isFloatingPoint || !other.dtype.isFloatingPoint)
    throw new TorchTypeError(`dist: expected floating point inputs, got ${self.dtype} and ${other.dtype}`);
  return norm(self.sub(other), pv);
}

function renormImpl(self: Tensor, p: number, dim: number, maxnorm: number, inplace: boolean): Tensor {
  const op = inplace ? 'renorm_' : 'renorm';
  checkTensor(op, self, 'self');
  if (typeof p !== 'number' || Number.isNaN(p)) throw new TorchTypeError(`${op}: p must be a number, got ${describe(p)}`);
  if (!(p > 0)) throw new TorchTypeError(`${op}: p must be positive (non-positive norms are not supported), got ${p}`);
  if (typeof maxnorm !== 'number' || !(maxnorm >= 0)) throw new TorchTypeError(`${op}: expected maxnorm to be a number >= 0, got ${describe(maxnorm)}`);
  if (typeof dim !== 'number') throw new TorchTypeError(`${op}: dim must be an integer, got ${describe(dim)}`);
  if (self.shape.length < 2) throw new TorchSizeError(`${op}: input needs at least 2 dimensions, got ${self.shape.length} (size ${fmtSize(self.shape)})`);
  const d = normDim(op, dim, self.shape.length);
  requireFloat(op, self, 'only floating point inputs are supported');
  const flags = self.shape.map((_, k) => k !== d);
  if (!Number.isFinite(p) && self.numel() === 0 && self.shape[d] !== 0)
    throw new TorchSizeError(`${op}: cannot compute the inf norm of empty slices (size ${fmtSize(self.shape)}, dim ${d}): the max has no identity`);
  // Each slice along dim whose norm exceeds maxnorm is scaled to it (PyTorch's factor and 1e-7 guard).
  const norms = reduceTo(op, RED.norm, self, flags, true, float64, undefined, p);
  const factor = emptyTensor(norms.shape, float64, norms._storage.backend);
  if (factor.isMeta) return inplace ? self : self.mul(toDtype(factor, self.dtype));
  const nv = norms._storage.data as Float64Array, fv = factor._storage.data as Float64Array;
  for (let i = 0; i < nv.length; i++) fv[i] = nv[i]! > maxnorm ? maxnorm / (nv[i]! + 1e-7) : 1;
  const f = toDtype(factor, self.dtype);
  return inplace ? self.mul_(f) : self.mul(f);
}

/**
 * Rescales each slice along `dim` whose p-norm exceeds maxnorm so that its norm is maxnorm
 * (at least 2-D, floating point, p > 0).
 * @example
 * torch.renorm(torch.tensor([[1, 2], [3, 4.0]]), 2, 0, 3);   // row 1 scaled to norm 3
 */
export function renorm(self: Tensor, p: number, dim: number, maxnorm: number): Tensor {
  return renormImpl(self, p, dim, maxnorm, false);
}

/**
 * logsumexp over a dim or dims: log Σ exp(x), computed stably (shifted by the max). Integer and bool
 * inputs are converted to the default float dtype first, as PyTorch.
 * @example
 * torch.logsumexp(torch.tensor([0, 0.0]), 0);             // log 2
 * torch.logsumexp(x, [0, 1], { keepdim: true });
 */
export function logsumexp(self: Tensor, dim: Dims | (LogsumexpOptions & { dim: Dims }), options?: LogsumexpOptions): Tensor {
  checkTensor('logsumexp', self, 'self');
  const o = withDim('logsumexp', dim, options as (LogsumexpOptions & { dim?: Dims }) | undefined);
  if (o.dim === undefined || o.dim === null) throw new TorchTypeError('logsumexp: dim is required (a dim or a list of dims)');
  const flags = reduceFlags('logsumexp', self, o.dim);
  checkBool('logsumexp', 'keepdim', o.keepdim);
  const x = self.dtype.isFloatingPoint ? self : toDtype(self, getDefaultDtype());
  return reduceTo('logsumexp', RED.logsumexp, x, flags, !!o.keepdim, x.dtype, o.out);
}

function logical(op: 'all' | 'any', self: Tensor, dim: number | LogicalReduceOptions | undefined, options: LogicalReduceOptions | undefined): Tensor {
  checkTensor(op, self, 'self');
  const o = withDim(op, dim, options);
  const flags = reduceFlags(op, self, o.dim, true);
  checkBool(op, 'keepdim', o.keepdim);
  // uint8 input gives uint8, as PyTorch 1.13 (kept for compatibility there); everything else bool.
  const result = self.dtype === uint8 ? uint8 : bool;
  return reduceTo(op, op === 'all' ? RED.all : RED.any, self, flags, !!o.keepdim, result, o.out);
}

/**
 * True when every element (of all, or along a dim) is non-zero. Any dtype; the result is bool (uint8 for
 * uint8 input, as PyTorch 1.13).
 * @example
 * torch.all(torch.tensor([true, false]));                // false
 * torch.all(x.gt(0), 1, { keepdim: true });
 */
export function all(self: Tensor, dim?: number | LogicalReduceOptions, options?: LogicalReduceOptions): Tensor {
  return logical('all', self, dim, options);
}

/**
 * True when some element (of all, or along a dim) is non-zero; see all.
 * @example
 * torch.any(torch.tensor([0, 0, 3]));                    // true
 * torch.any(x.ne(x), 0);                              // columns holding a NaN
 */
export function any(self: Tensor, dim?: number | LogicalReduceOptions, options?: LogicalReduceOptions): Tensor {
  return logical('any', self, dim, options);
}

function scan(op: 'cumsum' | 'cumprod', self: Tensor, dim: number, options: ScanOptions | undefined, inplace: boolean): Tensor {
  const name = inplace ? `${op}_` : op;
  checkTensor(name, self, 'self');
  if (typeof dim !== 'number' || !Number.isSafeInteger(dim)) throw new TorchTypeError(`${name}: dim must be an integer, got ${describe(dim)}`);
  const d = normDim(name, dim, self.shape.length);
  if (options !== undefined && (typeof options !== 'object' || options === null)) throw new TorchTypeError(`${name}: expected an options object, got ${describe(options)}`);
  const [x, result] = withDtype(name, self, options?.dtype, sumRule);
  const out = inplace ? self : options?.out;
  if (inplace && result.category > self.dtype.category)
    throw new TorchTypeError(`${name}: result type ${result} cannot be cast to the in-place tensor's dtype ${self.dtype}`);
  if (!inplace && out !== undefined) checkOut(name, out, self.shape, result);
  const r = toDtype(scanTo(op === 'cumsum' ? 0 : 1, x, d), result);
  if (out === undefined) return r;
  if (!inplace && out.numel() === 0 && self.numel() !== 0) out.resize_(self.shape);
  return copyInto(out, r);
}

/**
 * Cumulative sums along dim (dim is required). Integers and bool accumulate in int64; floats in double.
 * @example
 * torch.cumsum(torch.tensor([1, 2, 3]), 0);              // [1, 3, 6]
 * torch.cumsum(x, -1, { dtype: torch.float64 });
 */
export function cumsum(self: Tensor, dim: number, options?: ScanOptions): Tensor {
  return scan('cumsum', self, dim, options, false);
}

/**
 * Cumulative products along dim (dim is required).
 * @example
 * torch.cumprod(torch.tensor([1, 2, 3]), 0);             // [1, 2, 6]
 */
export function cumprod(self: Tensor, dim: number, options?: ScanOptions): Tensor {
  return scan('cumprod', self, dim, options, false);
}

// ---------------------------------------------------------------- methods

/** The reduction methods of Tensor (max and min, which also take a Tensor, come with the elementwise table). */
export interface ReduceMethods {
  /**
   * Sum of all elements or over dims; see torch.sum.
   * @example x.sum(); x.sum(1, { keepdim: true }); x.sum([0, 1])
   */
  sum(dim?: Dims | SumOptions, options?: SumOptions): Tensor;
  /** PyTorch's positional keepdim: `x.sum(1, true)`. */
  sum(dim: Dims, keepdim: boolean, options?: Omit<SumOptions, 'dim' | 'keepdim'>): Tensor;
  /**
   * Product of all elements or along a dim; see torch.prod.
   * @example torch.tensor([1, 2, 3]).prod() // 6
   */
  prod(dim?: number | ProdOptions, options?: ProdOptions): Tensor;
  /** PyTorch's positional keepdim: `x.prod(1, true)`. */
  prod(dim: number, keepdim: boolean, options?: Omit<ProdOptions, 'dim' | 'keepdim'>): Tensor;
  /**
   * Mean (floating point); see torch.mean.
   * @example x.mean(0)
   */
  mean(dim?: Dims | SumOptions, options?: SumOptions): Tensor;
  /** PyTorch's positional keepdim: `x.mean(1, true)`. */
  mean(dim: Dims, keepdim: boolean, options?: Omit<SumOptions, 'dim' | 'keepdim'>): Tensor;
  /**
   * Variance (unbiased by default); see torch.var.
   * @example x.var(1, { unbiased: false })
   */
  var(dim?: Dims | boolean | VarOptions, options?: VarOptions): Tensor;
  /** PyTorch's positional unbiased and keepdim: `x.var(1, false, true)`. */
  var(dim: Dims, unbiased: boolean, keepdim?: boolean, options?: Omit<VarOptions, 'dim' | 'unbiased' | 'keepdim'>): Tensor;
  /**
   * Standard deviation; see torch.std.
   * @example x.std()
   */
  std(dim?: Dims | boolean | VarOptions, options?: VarOptions): Tensor;
  /** PyTorch's positional unbiased and keepdim: `x.std(1, false, true)`. */
  std(dim: Dims, unbiased: boolean, keepdim?: boolean, options?: Omit<VarOptions, 'dim' | 'unbiased' | 'keepdim'>): Tensor;
  /**
   * p-norm (default 'fro'); see torch.norm.
   * @example x.norm(); x.norm(1, 0); x.norm(Infinity, { dim: 1 })
   */
  norm(p?: NormP | NormOptions | null, dim?: Dims | NormOptions, options?: NormOptions): Tensor;
  /** PyTorch's positional keepdim: `x.norm(2, 1, true)`. */
  norm(p: NormP | null, dim: Dims, keepdim: boolean, options?: Omit<NormOptions, 'p' | 'dim' | 'keepdim'>): Tensor;
  /**
   * p-norm of the difference; see torch.dist.
   * @example a.dist(b, 1)
   */
  dist(other: Tensor, p?: number): Tensor;
  /**
   * Slices along dim rescaled to p-norm at most maxnorm; see torch.renorm.
   * @example w.renorm(2, 0, 1)
   */
  renorm(p: number, dim: number, maxnorm: number): Tensor;
  /**
   * In-place renorm.
   * @example w.renorm_(2, 0, 1)
   */
  renorm_(p: number, dim: number, maxnorm: number): Tensor;
  /**
   * log Σ exp over dims; see torch.logsumexp.
   * @example x.logsumexp(1)
   */
  logsumexp(dim: Dims | (LogsumexpOptions & { dim: Dims }), options?: LogsumexpOptions): Tensor;
  /** PyTorch's positional keepdim: `x.logsumexp(1, true)`. */
  logsumexp(dim: Dims, keepdim: boolean, options?: Omit<LogsumexpOptions, 'dim' | 'keepdim'>): Tensor;
  /**
   * Every element non-zero; see torch.all.
   * @example x.gt(0).all()
   */
  all(dim?: number | LogicalReduceOptions, options?: LogicalReduceOptions): Tensor;
  /** PyTorch's positional keepdim: `x.all(1, true)`. */
  all(dim: number, keepdim: boolean, options?: Omit<LogicalReduceOptions, 'dim' | 'keepdim'>): Tensor;
  /**
   * Some element non-zero; see torch.any.
   * @example x.eq(3).any(1)
   */
  any(dim?: number | LogicalReduceOptions, options?: LogicalReduceOptions): Tensor;
  /** PyTorch's positional keepdim: `x.any(1, true)`. */
  any(dim: number, keepdim: boolean, options?: Omit<LogicalReduceOptions, 'dim' | 'keepdim'>): Tensor;
  /**
   * Index of the largest element (flat, or along a dim); see torch.argmax.
   * @example x.argmax(); x.argmax(1, { keepdim: true })
   */
  argmax(dim?: number | ArgReduceOptions, options?: ArgReduceOptions): Tensor;
  /** PyTorch's positional keepdim: `x.argmax(1, true)`. */
  argmax(dim: number, keepdim: boolean, options?: Omit<ArgReduceOptions, 'dim' | 'keepdim'>): Tensor;
  /**
   * Index of the smallest element; see torch.argmin.
   * @example x.argmin(0)
   */
  argmin(dim?: number | ArgReduceOptions, options?: ArgReduceOptions): Tensor;
  /** PyTorch's positional keepdim: `x.argmin(1, true)`. */
  argmin(dim: number, keepdim: boolean, options?: Omit<ArgReduceOptions, 'dim' | 'keepdim'>): Tensor;
  /**
   * Cumulative sum along dim; see torch.cumsum.
   * @example torch.tensor([1, 2, 3]).cumsum(0) // [1, 3, 6]
   */
  cumsum(dim: number, options?: ScanOptions): Tensor;
  /**
   * In-place cumulative sum (the result cast to this tensor's dtype).
   * @example x.cumsum_(1)
   */
  cumsum_(dim: number, options?: Omit<ScanOptions, 'out'>): Tensor;
  /**
   * Cumulative product along dim; see torch.cumprod.
   * @example torch.tensor([1, 2, 3]).cumprod(0) // [1, 2, 6]
   */
  cumprod(dim: number, options?: ScanOptions): Tensor;
  /**
   * In-place cumulative product.
   * @example x.cumprod_(0)
   */
  cumprod_(dim: number, options?: Omit<ScanOptions, 'out'>): Tensor;
}

/** Installs the reduction methods on Tensor.prototype. @internal */
export function installReduceMethods(proto: Record<string, unknown>): void {
  const methods: Record<string, (this: Tensor, ...args: never[]) => unknown> = {
    sum(this: Tensor, a?: Dims | SumOptions, b?: SumOptions) { return sum(this, a, b); },
    prod(this: Tensor, a?: number | ProdOptions, b?: ProdOptions) { return prod(this, a, b); },
    mean(this: Tensor, a?: Dims | SumOptions, b?: SumOptions) { return mean(this, a, b); },
    var(this: Tensor, a?: Dims | boolean | VarOptions, b?: VarOptions) { return varStd('var', this, a, b); },
    std(this: Tensor, a?: Dims | boolean | VarOptions, b?: VarOptions) { return varStd('std', this, a, b); },
    norm(this: Tensor, p?: NormP | NormOptions | null, a?: Dims | NormOptions, b?: NormOptions) { return norm(this, p, a, b); },
    dist(this: Tensor, other: Tensor, p?: number) { return dist(this, other, p); },
    renorm(this: Tensor, p: number, dim: number, maxnorm: number) { return renormImpl(this, p, dim, maxnorm, false); },
    renorm_(this: Tensor, p: number, dim: number, maxnorm: number) { return renormImpl(this, p, dim, maxnorm, true); },
    logsumexp(this: Tensor, a: Dims | (LogsumexpOptions & { dim: Dims }), b?: LogsumexpOptions) { return logsumexp(this, a, b); },
    all(this: Tensor, a?: number | LogicalReduceOptions, b?: LogicalReduceOptions) { return logical('all', this, a, b); },
    any(this: Tensor, a?: number | LogicalReduceOptions, b?: LogicalReduceOptions) { return logical('any', this, a, b); },
    argmax(this: Tensor, a?: number | ArgReduceOptions, b?: ArgReduceOptions) { return argmax(this, a, b); },
    argmin(this: Tensor, a?: number | ArgReduceOptions, b?: ArgReduceOptions) { return argmin(this, a, b); },
    cumsum(this: Tensor, dim: number, o?: ScanOptions) { return scan('cumsum', this, dim, o, false); },
    cumsum_(this: Tensor, dim: number, o?: ScanOptions) { return scan('cumsum', this, dim, o, true); },
    cumprod(this: Tensor, dim: number, o?: ScanOptions) { return scan('cumprod', this, dim, o, false); },
    cumprod_(this: Tensor, dim: number, o?: ScanOptions) { return scan('cumprod', this, dim, o, true); },
  };
  Object.assign(proto, methods);
}
