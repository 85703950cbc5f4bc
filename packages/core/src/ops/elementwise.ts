/**
 * The elementwise op table. Each op is declared once here (name, native op code, dtype rule); the
 * Tensor methods (`t.add`, `t.add_`) and the `torch.*` functions (`torch.add`) are derived from it.
 */
import { bool, canCast, float16, float32, getDefaultDtype, int64, promoteTypes, resultType, type DType } from '../dtype';
import { fmtSize, TorchSizeError, TorchTypeError } from '../errors';
import { broadcastShapes, sameShape } from '../shape';
import { checkTensor, describe, emptyTensor, Tensor } from '../tensor';
import { launch } from './launch';
import { OP } from './opcodes';
import { assertWritable, mayOverlap } from './overlap';
import { maxReduce, minReduce } from './reduce_minmax';
import { integerDtypeHint } from './strict';
import type { ReduceDimOptions, ValuesIndices } from './sort';

/**
 * How an op's result dtype follows from its inputs' promoted dtype:
 * - `same`: the promoted dtype (add, mul, abs, ...)
 * - `signed`: the promoted dtype, but not bool (neg, sub)
 * - `float`: integers and bool become the default float dtype (sqrt, exp, div, ...)
 * - `floatOnly`: floating point inputs only (frac, lerp)
 * - `compare`: bool result, computed in the promoted dtype
 * - `noIntDiv`: the promoted dtype, floating point only (addcdiv)
 * - `integral`: the promoted dtype, integer or bool only (bitwise ops)
 * - `noBool`: the promoted dtype, bool becoming int64 (square, which is pow(x, 2) in PyTorch)
 */
type Rule = 'same' | 'signed' | 'float' | 'floatOnly' | 'compare' | 'noIntDiv' | 'integral' | 'noBool';

interface OpSpec {
  readonly code: number;
  readonly rule: Rule;
  /** The op has only its function/method form: no in-place `_` variant and no `out` (isnan, as PyTorch). */
  readonly noInplace?: true;
  /** Option keys besides `out`. */
  readonly options?: readonly string[];
  /** `out` must have the result's dtype exactly (PyTorch does not cast these ops' results). */
  readonly exactOut?: true;
}

/** Ops of one tensor. */
export const unaryOps = {
  /** -x. @example torch.tensor([1, -2]).neg() // [-1, 2] */
  neg: { code: OP.neg, rule: 'signed' },
  /** |x|. @example torch.tensor([-1.5]).abs() // [1.5] */
  abs: { code: OP.abs, rule: 'same' },
  /** -1, 0 or 1 (NaN gives 0, as PyTorch 1.13). @example torch.tensor([-3, 0, 2]).sign() // [-1, 0, 1] */
  sign: { code: OP.sign, rule: 'same' },
  /** 1/x. @example torch.tensor([2.0]).reciprocal() // [0.5] */
  reciprocal: { code: OP.reciprocal, rule: 'float' },
  /** Square root. @example torch.tensor([4.0]).sqrt() // [2] */
  sqrt: { code: OP.sqrt, rule: 'float' },
  /** 1/sqrt(x). @example torch.tensor([4.0]).rsqrt() // [0.5] */
  rsqrt: { code: OP.rsqrt, rule: 'float' },
  /** e^x. @example torch.zeros(2).exp() // [1, 1] */
  exp: { code: OP.exp, rule: 'float' },
  /** Natural log. @example torch.ones(2).log() // [0, 0] */
  log: { code: OP.log, rule: 'float' },
  /** log(1 + x), accurate near 0. @example torch.tensor([1e-10]).log1p() */
  log1p: { code: OP.log1p, rule: 'float' },
  /** e^x - 1, accurate near 0. @example torch.tensor([1e-10]).expm1() */
  expm1: { code: OP.expm1, rule: 'float' },
  /** Sine. @example torch.zeros(1).sin() */
  sin: { code: OP.sin, rule: 'float' },
  /** Cosine. @example torch.zeros(1).cos() // [1] */
  cos: { code: OP.cos, rule: 'float' },
  /** Tangent. @example torch.zeros(1).tan() */
  tan: { code: OP.tan, rule: 'float' },
  /** Arcsine. @example torch.zeros(1).asin() */
  asin: { code: OP.asin, rule: 'float' },
  /** Arccosine. @example torch.ones(1).acos() // [0] */
  acos: { code: OP.acos, rule: 'float' },
  /** Arctangent. @example torch.ones(1).atan() */
  atan: { code: OP.atan, rule: 'float' },
  /** Hyperbolic sine. @example torch.zeros(1).sinh() */
  sinh: { code: OP.sinh, rule: 'float' },
  /** Hyperbolic cosine. @example torch.zeros(1).cosh() // [1] */
  cosh: { code: OP.cosh, rule: 'float' },
  /** Hyperbolic tangent. @example torch.zeros(1).tanh() */
  tanh: { code: OP.tanh, rule: 'float' },
  /** 1 / (1 + e^-x). @example torch.zeros(1).sigmoid() // [0.5] */
  sigmoid: { code: OP.sigmoid, rule: 'float' },
  /** Round down (integers unchanged). @example torch.tensor([1.5]).floor() // [1] */
  floor: { code: OP.floor, rule: 'same' },
  /** Round up. @example torch.tensor([1.5]).ceil() // [2] */
  ceil: { code: OP.ceil, rule: 'same' },
  /** Round half to even, as PyTorch. @example torch.tensor([0.5, 1.5]).round() // [0, 2] */
  round: { code: OP.round, rule: 'same' },
  /** Round toward zero. @example torch.tensor([-1.5]).trunc() // [-1] */
  trunc: { code: OP.trunc, rule: 'same' },
  /** x - trunc(x). @example torch.tensor([1.25]).frac() // [0.25] */
  frac: { code: OP.frac, rule: 'floatOnly' },
  /** The Gauss error function, 2/sqrt(pi) times the integral of e^(-t^2) from 0 to x. @example torch.tensor([0, 0.5]).erf() // [0, 0.5205] */
  erf: { code: OP.erf, rule: 'float' },
  /** 1 - erf(x), accurate where erf(x) is near 1. @example torch.tensor([0, 5]).erfc() // [1, 1.5375e-12] */
  erfc: { code: OP.erfc, rule: 'float' },
  /** The inverse of erf on [-1, 1] (±1 give ±Inf, outside NaN). @example torch.tensor([0, 0.5]).erfinv() // [0, 0.4769] */
  erfinv: { code: OP.erfinv, rule: 'float' },
  /** Base-2 logarithm. @example torch.tensor([1, 8]).log2() // [0, 3] */
  log2: { code: OP.log2, rule: 'float' },
  /** Base-10 logarithm. @example torch.tensor([1, 100]).log10() // [0, 2] */
  log10: { code: OP.log10, rule: 'float' },
  /** 2^x. @example torch.tensor([3, -1]).exp2() // [8, 0.5] */
  exp2: { code: OP.exp2, rule: 'float' },
  /** x * x (integers stay integers, bool becomes int64). @example torch.tensor([-3, 2]).square() // [9, 4] */
  square: { code: OP.square, rule: 'noBool', exactOut: true },
  /** True where x is NaN (always false for integers). @example torch.tensor([1, NaN]).isnan() // [false, true] */
  isnan: { code: OP.isnan, rule: 'compare', noInplace: true },
  /** True where x is +Inf or -Inf. @example torch.tensor([1, -Infinity]).isinf() // [false, true] */
  isinf: { code: OP.isinf, rule: 'compare', noInplace: true },
  /** True where x is neither NaN nor ±Inf. @example torch.tensor([1, NaN, Infinity]).isfinite() // [true, false, false] */
  isfinite: { code: OP.isfinite, rule: 'compare', noInplace: true },
  /** True where x is zero (bool result for every dtype; in place keeps self's dtype). @example torch.tensor([0, 2]).logicalNot() // [true, false] */
  logicalNot: { code: OP.logicalNot, rule: 'compare' },
  /** ~x for integers, logical not for bool. @example torch.tensor([0, 5]).bitwiseNot() // [-1, -6] */
  bitwiseNot: { code: OP.bitwiseNot, rule: 'integral', exactOut: true },
  /**
   * Replaces NaN by `nan` (default 0), +Inf by `posinf` and -Inf by `neginf` (default: the dtype's
   * largest and lowest finite values); integers and bool are copied.
   * @example torch.tensor([NaN, Infinity, -1]).nanToNum({ posinf: 100 }) // [0, 100, -1]
   */
  nanToNum: { code: OP.nanToNum, rule: 'same', options: ['nan', 'posinf', 'neginf'], exactOut: true },
} as const satisfies Record<string, OpSpec>;

/** Ops of two tensors (or a tensor and a number). */
export const binaryOps = {
  /** self + alpha * other. @example torch.ones(2).add(torch.ones(2), { alpha: 2 }) // [3, 3] */
  add: { code: OP.add, rule: 'same', options: ['alpha'] },
  /** self - alpha * other. @example torch.ones(2).sub(1) // [0, 0] */
  sub: { code: OP.sub, rule: 'signed', options: ['alpha'] },
  /** Elementwise product. @example torch.ones(2).mul(3) // [3, 3] */
  mul: { code: OP.mul, rule: 'same' },
  /**
   * True division (integers give floats); with `roundingMode` 'trunc' or 'floor' the quotient rounded
   * toward zero or down, in the promoted dtype (integers stay integers).
   * @example torch.tensor([7, -7]).div(2, { roundingMode: 'floor' }) // [3, -4]
   */
  div: { code: OP.div, rule: 'float', options: ['roundingMode'] },
  /** Division rounded down, in the promoted dtype (Python's //). @example torch.tensor([7, -7]).floorDivide(2) // [3, -4] */
  floorDivide: { code: OP.divFloor, rule: 'signed' },
  /** atan(self / other) in the right quadrant. @example torch.ones(1).atan2(torch.ones(1)) */
  atan2: { code: OP.atan2, rule: 'float' },
  /** self ** other. @example torch.tensor([2, 3]).pow(2) // [4, 9] */
  pow: { code: OP.pow, rule: 'same' },
  /** C-style remainder (sign of self). @example torch.tensor([-3]).fmod(2) // [-1] */
  fmod: { code: OP.fmod, rule: 'same' },
  /** Python-style remainder (sign of other). @example torch.tensor([-3]).remainder(2) // [1] */
  remainder: { code: OP.remainder, rule: 'same' },
  /** Elementwise minimum, NaN propagating. @example torch.tensor([1, 5]).minimum(torch.tensor([3, 2])) // [1, 2] */
  minimum: { code: OP.minimum, rule: 'same' },
  /** Elementwise maximum, NaN propagating. @example torch.tensor([1, 5]).maximum(torch.tensor([3, 2])) // [3, 5] */
  maximum: { code: OP.maximum, rule: 'same' },
  /** self == other (bool). @example torch.tensor([1, 2]).eq(2) // [false, true] */
  eq: { code: OP.eq, rule: 'compare' },
  /** self != other (bool). @example torch.tensor([1, 2]).ne(2) */
  ne: { code: OP.ne, rule: 'compare' },
  /** self < other (bool). @example torch.tensor([1, 2]).lt(2) */
  lt: { code: OP.lt, rule: 'compare' },
  /** self <= other (bool). @example torch.tensor([1, 2]).le(2) */
  le: { code: OP.le, rule: 'compare' },
  /** self > other (bool). @example torch.tensor([1, 2]).gt(1) */
  gt: { code: OP.gt, rule: 'compare' },
  /** self >= other (bool). @example torch.tensor([1, 2]).ge(2) */
  ge: { code: OP.ge, rule: 'compare' },
  /** Both nonzero (bool result for any dtypes). @example torch.tensor([0, 1, 2]).logicalAnd(torch.tensor([1, 1, 0])) // [false, true, false] */
  logicalAnd: { code: OP.logicalAnd, rule: 'compare' },
  /** Either nonzero (bool result). @example torch.tensor([0, 1, 0]).logicalOr(torch.tensor([0, 0, 3])) // [false, true, true] */
  logicalOr: { code: OP.logicalOr, rule: 'compare' },
  /** Exactly one nonzero (bool result). @example torch.tensor([0, 1, 2]).logicalXor(torch.tensor([1, 1, 0])) // [true, false, true] */
  logicalXor: { code: OP.logicalXor, rule: 'compare' },
  /** Bitwise and; integer and bool tensors only. @example torch.tensor([12, 10]).bitwiseAnd(6) // [4, 2] */
  bitwiseAnd: { code: OP.bitwiseAnd, rule: 'integral' },
  /** Bitwise or; integer and bool tensors only. @example torch.tensor([12, 10]).bitwiseOr(1) // [13, 11] */
  bitwiseOr: { code: OP.bitwiseOr, rule: 'integral' },
  /** Bitwise exclusive or; integer and bool tensors only. @example torch.tensor([12, 10]).bitwiseXor(6) // [10, 12] */
  bitwiseXor: { code: OP.bitwiseXor, rule: 'integral' },
} as const satisfies Record<string, OpSpec>;

/** Ops of three tensors. */
export const ternaryOps = {
  /** The table entry of Tensor.lerp (its methods' signatures differ, so they are declared in ElementwiseMethods). @example t.lerp(end, 0.5) */
  lerp: { code: OP.lerp, rule: 'floatOnly' },
  /** The table entry of Tensor.addcmul. @example t.addcmul(a, b) */
  addcmul: { code: OP.addcmul, rule: 'same' },
  /** The table entry of Tensor.addcdiv. @example t.addcdiv(a, b) */
  addcdiv: { code: OP.addcdiv, rule: 'noIntDiv' },
} as const satisfies Record<string, OpSpec>;

/** Options of ops with an out tensor. */
export interface OutOptions {
  /** Where to write the result; its dtype must be able to hold the result's. */
  out?: Tensor;
}
/** add/sub options. */
export interface AlphaOptions extends OutOptions {
  /** Multiplier of `other` (default 1). */
  alpha?: number;
}
/** div options. */
export interface DivOptions extends OutOptions {
  /** Round the quotient: 'trunc' toward zero, 'floor' down; null or absent: true division. */
  roundingMode?: 'trunc' | 'floor' | null;
}
/** nanToNum options: the replacement values (each as in PyTorch when absent or null). */
export interface NanToNumOptions extends OutOptions {
  /** Replaces NaN (default 0). */
  nan?: number | null;
  /** Replaces +Inf (default: the dtype's largest finite value). */
  posinf?: number | null;
  /** Replaces -Inf (default: the dtype's lowest finite value). */
  neginf?: number | null;
}
/** addcmul/addcdiv options. */
export interface ValueOptions extends OutOptions {
  /** Multiplier of the product/quotient (default 1). */
  value?: number;
}

type Scalar = number | boolean;
type UnaryName = keyof typeof unaryOps;
type BinaryName = keyof typeof binaryOps;
type TernaryName = keyof typeof ternaryOps;
type BinaryOptionsOf<K> = K extends 'add' | 'sub' ? AlphaOptions : K extends 'div' ? DivOptions : OutOptions;
type UnaryOptionsOf<K> = K extends 'nanToNum' ? NanToNumOptions : OutOptions;
type NoInplace<K extends UnaryName> = (typeof unaryOps)[K] extends { noInplace: true } ? true : false;

/** The methods the tables above add to Tensor. */
// `K in keyof typeof table` is spelt out (not through the UnaryName alias) so that each method links
// to its table entry: editors and the API docs show the entry's description and example.
export type ElementwiseMethods = { -readonly [K in keyof typeof unaryOps]: NoInplace<K> extends true ? () => Tensor : (options?: UnaryOptionsOf<K>) => Tensor } & {
  [K in UnaryName as NoInplace<K> extends true ? never : `${K}_`]: (options?: Omit<UnaryOptionsOf<K>, 'out'>) => Tensor;
} & { -readonly [K in keyof typeof binaryOps]: (other: Tensor | Scalar, options?: BinaryOptionsOf<K>) => Tensor } & {
  [K in BinaryName as `${K}_`]: (other: Tensor | Scalar, options?: BinaryOptionsOf<K>) => Tensor;
} & {
  /** self + weight * (end - self); floating point only. @example torch.zeros(2).lerp(torch.ones(2), 0.25) // [0.25, 0.25] */
  lerp(end: Tensor, weight: Tensor | number, options?: OutOptions): Tensor;
  /** In-place lerp. @example t.lerp_(end, 0.5) */
  lerp_(end: Tensor, weight: Tensor | number): Tensor;
  /** self + value * t1 * t2. @example torch.zeros(2).addcmul(torch.ones(2), torch.ones(2), { value: 2 }) // [2, 2] */
  addcmul(t1: Tensor, t2: Tensor, options?: ValueOptions): Tensor;
  /** In-place addcmul. @example t.addcmul_(a, b, { value: 0.5 }) */
  addcmul_(t1: Tensor, t2: Tensor, options?: ValueOptions): Tensor;
  /** self + value * t1 / t2; floating point only. @example torch.zeros(2).addcdiv(torch.ones(2), torch.full([2], 4)) // [0.25, 0.25] */
  addcdiv(t1: Tensor, t2: Tensor, options?: ValueOptions): Tensor;
  /** In-place addcdiv. @example t.addcdiv_(a, b, { value: 2 }) */
  addcdiv_(t1: Tensor, t2: Tensor, options?: ValueOptions): Tensor;
  /** Limits values to [min, max]; either bound may be null. @example torch.tensor([-2, 0, 2]).clamp(-1, 1) */
  clamp(min: number | null, max?: number | null, options?: OutOptions): Tensor;
  /** In-place clamp. @example t.clamp_(0, null) */
  clamp_(min: number | null, max?: number | null): Tensor;
  /**
   * The largest element; with a dim, values and indices along it; with a Tensor, the elementwise
   * maximum (NaN propagates). The reduction forms are in reduce_minmax.ts; see torch.max.
   * @example
   * x.max();                                  // 0-dim
   * const { values, indices } = x.max(1, { keepdim: true });
   * a.max(b);                                 // elementwise
   */
  max(): Tensor;
  max(dim: number, options?: ReduceDimOptions): ValuesIndices;
  max(dim: number, keepdim: boolean, options?: Omit<ReduceDimOptions, 'dim' | 'keepdim'>): ValuesIndices;
  max(options: ReduceDimOptions & { dim: number }): ValuesIndices;
  max(other: Tensor, options?: OutOptions): Tensor;
  /**
   * The smallest element; with a dim, values and indices; with a Tensor, the elementwise minimum.
   * @example
   * x.min();
   * const [values, indices] = x.min(0);
   * a.min(b);
   */
  min(): Tensor;
  min(dim: number, options?: ReduceDimOptions): ValuesIndices;
  min(dim: number, keepdim: boolean, options?: Omit<ReduceDimOptions, 'dim' | 'keepdim'>): ValuesIndices;
  min(options: ReduceDimOptions & { dim: number }): ValuesIndices;
  min(other: Tensor, options?: OutOptions): Tensor;
};

/** The dtype the inputs are computed in and the dtype of the result. */
function dtypesFor(op: string, rule: Rule, promoted: DType): [compute: DType, result: DType] {
  switch (rule) {
    case 'same':
      return [promoted, promoted];
    case 'signed':
      if (promoted === bool) throw new TorchTypeError(`${op}: not supported for bool tensors; use logical ops instead`);
      return [promoted, promoted];
    case 'float': {
      const t = promoted.isFloatingPoint ? promoted : getDefaultDtype();
      return [t, t];
    }
    case 'floatOnly':
    case 'noIntDiv':
      if (!promoted.isFloatingPoint)
        throw new TorchTypeError(`${op}: only floating point tensors are supported, got ${promoted}${rule === 'noIntDiv' ? ' (integer division is not supported)' : ''}${integerDtypeHint(promoted)}`);
      return [promoted, promoted];
    case 'compare':
      return [promoted, bool];
    case 'integral':
      if (promoted.isFloatingPoint) throw new TorchTypeError(`${op}: only integer and bool tensors are supported, got ${promoted}`);
      return [promoted, promoted];
    case 'noBool': {
      const t = promoted === bool ? int64 : promoted;
      return [t, t];
    }
  }
}

/** Validates and prepares the destination: a new tensor, `out`, or self for in-place. */
function destination(op: string, shape: readonly number[], result: DType, self: Tensor, inplace: boolean, out: Tensor | undefined, a: unknown, b?: unknown, c?: unknown): Tensor {
  if (inplace) {
    if (!canCast(result, self.dtype))
      throw new TorchTypeError(`${op}_: result type ${result} cannot be cast to the in-place tensor's dtype ${self.dtype}`);
    if (!sameShape(shape, self.shape))
      throw new TorchSizeError(`${op}_: output of size ${fmtSize(self.shape)} does not match the broadcast size ${fmtSize(shape)}`);
    // self is the output itself (a is self): only the other inputs can overlap it.
    if (mayOverlap(self, undefined, b, c)) assertWritable(`${op}_`, self, undefined, b, c);
    self._storage.version++;
    return self;
  }
  if (out === undefined) return emptyTensor(shape, result, self._storage.backend, op);
  checkTensor(op, out, 'out');
  if (!canCast(result, out.dtype)) throw new TorchTypeError(`${op}: result type ${result} cannot be cast to out's dtype ${out.dtype}`);
  if (!sameShape(shape, out.shape)) {
    if (out.numel() !== 0)
      throw new TorchSizeError(`${op}: out has size ${fmtSize(out.shape)} but the result has size ${fmtSize(shape)}`);
    out.resize_(shape);
  }
  assertWritable(op, out, a, b, c);
  out._storage.version++;
  return out;
}

function checkScalar(op: string, v: unknown, name = 'other'): asserts v is Scalar {
  if (typeof v !== 'number' && typeof v !== 'boolean') throw new TorchTypeError(`${op}: ${name} must be a Tensor or a number, got ${describe(v)}`);
}

function checkIntegral(op: string, name: string, v: number, compute: DType): void {
  if (compute.isIntegral && !Number.isInteger(v))
    throw new TorchTypeError(`${op}: ${name} must be an integer for ${compute} tensors, got ${v}`);
}

/** One-input op. @internal */
export function unary(name: UnaryName, self: Tensor, options: NanToNumOptions | undefined, inplace: boolean): Tensor {
  checkTensor(name, self, 'self');
  const spec: OpSpec = unaryOps[name];
  const [compute, result] = dtypesFor(name, spec.rule, self.dtype);
  const out = options?.out;
  if (spec.exactOut && out instanceof Tensor && out.dtype !== result)
    throw new TorchTypeError(`${name}: out has dtype ${out.dtype} but the result has dtype ${result} (this op does not cast)`);
  const dst = destination(name, self.shape, result, self, inplace, out, self);
  if (name === 'nanToNum') {
    const [nan, posinf, neginf] = nanToNumValues(compute, options);
    launch(spec.code, compute, dst, self, nan, undefined, posinf, neginf);
  } else {
    // ~ of a bool is its logical not (the loop sees bool as uint8, where ~1 is not a bool).
    launch(name === 'bitwiseNot' && compute === bool ? OP.logicalNot : spec.code, compute, dst, self, undefined, undefined);
  }
  return dst;
}

/** nanToNum's replacements: the options, or PyTorch's defaults for the dtype. */
function nanToNumValues(compute: DType, options: NanToNumOptions | undefined): [number, number, number] {
  const big = compute === float16 ? 65504 : compute === float32 ? 3.4028234663852886e38 : Number.MAX_VALUE;
  const pick = (key: 'nan' | 'posinf' | 'neginf', def: number): number => {
    const v = options?.[key];
    if (v === undefined || v === null) return def;
    if (typeof v !== 'number') throw new TorchTypeError(`nanToNum: ${key} must be a number or null, got ${describe(v)}`);
    return v;
  };
  return [pick('nan', 0), pick('posinf', big), pick('neginf', -big)];
}

/** The op code div runs for its roundingMode option. */
function divCode(mode: unknown): number {
  if (mode === undefined || mode === null) return OP.div;
  if (mode === 'trunc') return OP.divTrunc;
  if (mode === 'floor') return OP.divFloor;
  throw new TorchTypeError(`div: roundingMode must be 'trunc', 'floor' or null, got ${typeof mode === 'string' ? `'${mode}'` : describe(mode)}`);
}

/** Two-input op; `other` may be a number. @internal */
export function binary(name: BinaryName, self: Tensor, other: Tensor | Scalar, options: AlphaOptions | undefined, inplace: boolean): Tensor {
  checkTensor(name, self, 'self');
  const spec = binaryOps[name];
  let shape = self.shape;
  let promoted: DType;
  if (other instanceof Tensor) {
    promoted = other.dtype === self.dtype ? self.dtype : resultType(self, other);
    shape = broadcastShapes(name, self.shape, other.shape);
  } else {
    checkScalar(name, other);
    // A number never changes a float tensor's dtype, nor an integer number an integer tensor's.
    const keeps = self.dtype.isFloatingPoint || (typeof other === 'number' && Number.isInteger(other) && self.dtype !== bool);
    promoted = keeps ? self.dtype : resultType(self, other);
  }
  if (name === 'sub' && (self.dtype === bool || typeof other === 'boolean' || (other instanceof Tensor && other.dtype === bool)))
    throw new TorchTypeError('sub: subtraction with a bool tensor or value is not supported; use logicalXor or bitwise ops');
  // A rounding div keeps the promoted dtype (integers stay integers, bool is an error), as floorDivide.
  const code = name === 'div' ? divCode((options as DivOptions | undefined)?.roundingMode) : spec.code;
  const [compute, result] = dtypesFor(name, code === spec.code ? spec.rule : 'signed', promoted);
  let alpha = options?.alpha ?? 1;
  if (alpha !== 1) {
    if (name !== 'add' && name !== 'sub') throw new TorchTypeError(`${name}: has no alpha option`);
    checkIntegral(name, 'alpha', alpha, compute);
    if (compute === bool) alpha = alpha ? 1 : 0; // a bool op reads alpha as a bool, as PyTorch
  }
  if (name === 'pow' && compute.isIntegral && typeof other === 'number' && other < 0)
    throw new TorchTypeError(`pow: integers to negative integer powers are not allowed (exponent ${other} for ${compute})`);
  const dst = destination(name, shape, result, self, inplace, options?.out, self, other);
  launch(code, compute, dst, self, typeof other === 'boolean' ? +other : other, undefined, alpha);
  return dst;
}

/** `torch.pow(base, exponent)` with a number base: base ** each element, promoted as PyTorch's Scalar-Tensor pow. @internal */
export function powScalarBase(base: Scalar, exponent: Tensor, options: OutOptions | undefined): Tensor {
  checkTensor('pow', exponent, 'exponent');
  const [compute, result] = dtypesFor('pow', 'signed', resultType(exponent, base));
  const dst = destination('pow', exponent.shape, result, exponent, false, options?.out, exponent);
  launch(OP.pow, compute, dst, typeof base === 'boolean' ? +base : base, exponent, undefined);
  return dst;
}

/** Three-input op (lerp's weight may be a number). @internal */
export function ternary(name: TernaryName, self: Tensor, b: Tensor, c: Tensor | number, value: number, out: Tensor | undefined, inplace: boolean): Tensor {
  checkTensor(name, self, 'self');
  checkTensor(name, b, 'tensor1');
  let shape = broadcastShapes(name, self.shape, b.shape);
  if (c instanceof Tensor) shape = broadcastShapes(name, shape, c.shape);
  else checkScalar(name, c, 'weight');
  const spec = ternaryOps[name];
  const promoted = name === 'lerp' ? promoteTypes(self.dtype, b.dtype) : resultType(self, b, c);
  if (name === 'lerp' && (self.dtype !== b.dtype || (c instanceof Tensor && c.dtype !== self.dtype)))
    throw new TorchTypeError(`lerp: expected self, end and weight of one dtype, got ${self.dtype}, ${b.dtype}${c instanceof Tensor ? `, ${c.dtype}` : ''}`);
  if (name === 'addcdiv' && b.dtype.isIntegral && c instanceof Tensor && c.dtype.isIntegral)
    throw new TorchTypeError(`addcdiv: integer division of tensor1 (${b.dtype}) by tensor2 (${c.dtype}) is not supported; use a floating point tensor`);
  const [compute, result] = dtypesFor(name, spec.rule, promoted);
  checkIntegral(name, 'value', value, compute);
  const dst = destination(name, shape, result, self, inplace, out, self, b, c);
  launch(spec.code, compute, dst, self, b, c, value);
  return dst;
}

/** clamp with optional bounds (NaN = no bound natively). @internal */
export function clamp(self: Tensor, min: number | null | undefined, max: number | null | undefined, out: Tensor | undefined, inplace: boolean): Tensor {
  checkTensor('clamp', self, 'self');
  const lo = min ?? null, hi = max ?? null;
  if (lo === null && hi === null) throw new TorchTypeError('clamp: at least one of min and max must be given');
  for (const v of [lo, hi]) if (v !== null) checkScalar('clamp', v, 'bound');
  const promoted = resultType(self, ...([lo, hi].filter((v) => v !== null) as number[]));
  if (promoted === bool) throw new TorchTypeError('clamp: not supported for bool tensors');
  const dst = destination('clamp', self.shape, promoted, self, inplace, out, self);
  launch(OP.clamp, promoted, dst, self, undefined, undefined, lo ?? NaN, hi ?? NaN);
  return dst;
}

/** Installs the table's methods on Tensor.prototype. @internal */
export function installElementwiseMethods(proto: Record<string, unknown>): void {
  for (const name of Object.keys(unaryOps) as UnaryName[]) {
    const spec: OpSpec = unaryOps[name];
    proto[name] = function (this: Tensor, options?: NanToNumOptions) {
      return unary(name, this, options, false);
    };
    if (spec.noInplace) continue;
    proto[`${name}_`] = function (this: Tensor, options?: NanToNumOptions) {
      return unary(name, this, options, true);
    };
  }
  for (const name of Object.keys(binaryOps) as BinaryName[]) {
    proto[name] = function (this: Tensor, other: Tensor | Scalar, options?: AlphaOptions) {
      return binary(name, this, other, options, false);
    };
    proto[`${name}_`] = function (this: Tensor, other: Tensor | Scalar, options?: AlphaOptions) {
      return binary(name, this, other, options, true);
    };
  }
  proto.lerp = function (this: Tensor, end: Tensor, weight: Tensor | number, options?: OutOptions) {
    return ternary('lerp', this, end, weight, 1, options?.out, false);
  };
  proto.lerp_ = function (this: Tensor, end: Tensor, weight: Tensor | number) {
    return ternary('lerp', this, end, weight, 1, undefined, true);
  };
  for (const name of ['addcmul', 'addcdiv'] as const) {
    proto[name] = function (this: Tensor, t1: Tensor, t2: Tensor, options?: ValueOptions) {
      checkTensor(name, t2, 'tensor2');
      return ternary(name, this, t1, t2, options?.value ?? 1, options?.out, false);
    };
    proto[`${name}_`] = function (this: Tensor, t1: Tensor, t2: Tensor, options?: ValueOptions) {
      checkTensor(name, t2, 'tensor2');
      return ternary(name, this, t1, t2, options?.value ?? 1, undefined, true);
    };
  }
  proto.clamp = function (this: Tensor, min: number | null, max?: number | null, options?: OutOptions) {
    return clamp(this, min, max, options?.out, false);
  };
  proto.clamp_ = function (this: Tensor, min: number | null, max?: number | null) {
    return clamp(this, min, max, undefined, true);
  };
  // A Tensor argument is the elementwise form; a dim, an options object or nothing the reduction.
  proto.max = function (this: Tensor, other?: Tensor | number | ReduceDimOptions, options?: OutOptions | ReduceDimOptions) {
    if (other instanceof Tensor) return binary('maximum', this, other, options as OutOptions | undefined, false);
    return maxReduce(this, other, options as ReduceDimOptions | undefined);
  };
  proto.min = function (this: Tensor, other?: Tensor | number | ReduceDimOptions, options?: OutOptions | ReduceDimOptions) {
    if (other instanceof Tensor) return binary('minimum', this, other, options as OutOptions | undefined, false);
    return minReduce(this, other, options as ReduceDimOptions | undefined);
  };
}

type Fn<F> = F extends (...args: infer A) => infer R ? (self: Tensor, ...args: A) => R : never;
/** `torch.add(a, b, options)` and friends: the methods as functions of their first tensor (torch.max/min are in reduce_minmax.ts). */
export type ElementwiseFunctions = { [K in keyof ElementwiseMethods as K extends `${string}_` | 'max' | 'min' | 'pow' ? never : K]: Fn<ElementwiseMethods[K]> } & {
  /**
   * self ** exponent; the base may be a number (`torch.pow(2, t)`), promoted as in PyTorch.
   * @example torch.pow(torch.tensor([2, 3]), 2); torch.pow(2, torch.tensor([1, 2, 3])) // [2, 4, 8]
   */
  pow(self: Tensor | number, exponent: Tensor | number, options?: OutOptions): Tensor;
};

/**
 * Builds the torch.* functions from the installed methods. Their arguments are checked by the
 * strict-argument wrappers index.ts puts around them (from the same declarations as the methods'). @internal
 */
export function elementwiseFunctions(proto: Record<string, unknown>): ElementwiseFunctions {
  const fns: Record<string, unknown> = {};
  const names = [...Object.keys(unaryOps), ...Object.keys(binaryOps), 'lerp', 'addcmul', 'addcdiv', 'clamp'];
  for (const name of names) {
    const method = proto[name] as (...args: unknown[]) => Tensor;
    fns[name] = (self: Tensor, ...args: unknown[]) => {
      // torch.pow(2, t): a number base is PyTorch's pow(Scalar, Tensor).
      if (name === 'pow' && (typeof self === 'number' || typeof self === 'boolean') && args[0] instanceof Tensor) {
        return powScalarBase(self, args[0], args[1] as OutOptions | undefined);
      }
      checkTensor(name, self, 'self');
      return method.apply(self, args);
    };
  }
  return fns as ElementwiseFunctions;
}

