/**
 * Random sampling: generators and every sampler (rand/randn live in creation.ts and call uniform_/normal_).
 *
 * A {@link Generator} is mt19937 with its state in a Uint32Array. Each sampling call draws four words from
 * it, a key for a Philox4x32-10 counter-based stream, and element i of the result (in row-major order) is
 * computed from words at fixed positions of that stream. So the same seed gives the same numbers on every
 * run, for every thread count (`torch.setNumThreads`), and for contiguous and strided targets alike; the
 * numbers differ from PyTorch's. See docs/random.md.
 */
import { bool, float16, float32, float64, getDefaultDtype, int64, type DType } from '../dtype';
import { fmtSize, TorchSizeError, TorchTypeError } from '../errors';
import { meta, native } from '../native';
import { backendFor, sameBackend } from '../backend/registry';
import type { DeviceLike } from '../backend/device';
import { broadcastShapes, checkShape, sameShape } from '../shape';
import { checkTensor, describe, emptyTensor, isContiguous, Tensor } from '../tensor';
import { copyInto } from './copy';
import { assertNoInternalOverlap, assertWritable } from './overlap';
import { expand } from './views';

/**
 * A Mersenne Twister generator, as `torch.Generator`. Same seed, same numbers, on every run and
 * every thread count.
 * @example
 * const g = new torch.Generator().manualSeed(42);
 * const a = torch.rand([3], { generator: g });
 */
export class Generator {
  /** @internal 624 state words and the read index. */
  readonly _state = new Uint32Array(625);
  private seed0 = 0;

  constructor(seed = 5489) {
    this.manualSeed(seed);
  }

  /** Reseeds; returns this generator. @example g.manualSeed(0) */
  manualSeed(seed: number | bigint): this {
    if (typeof seed === 'number' && (!Number.isSafeInteger(seed) || seed < 0))
      throw new TorchTypeError(`manualSeed: seed must be a non-negative integer, got ${seed}`);
    if (typeof seed === 'bigint' && (seed < 0n || seed >= 1n << 64n))
      throw new TorchTypeError(`manualSeed: seed must be in [0, 2^64), got ${seed}`);
    if (typeof seed !== 'number' && typeof seed !== 'bigint') throw new TorchTypeError(`manualSeed: seed must be an integer, got ${describe(seed)}`);
    this.seed0 = Number(seed);
    native.mtSeed(this._state, seed);
    return this;
  }

  /** Seeds from a nondeterministic source and returns the seed. @example const s = g.seed() */
  seed(): number {
    const s = Math.floor(Math.random() * 2 ** 32) ^ Number(process.hrtime.bigint() & 0xffffffffn);
    this.manualSeed(s >>> 0);
    return s >>> 0;
  }

  /** The seed last set. @example g.initialSeed() */
  initialSeed(): number {
    return this.seed0;
  }

  /** A copy of the full state (625 uint32 words). @example const s = g.getState(); ...; g.setState(s) */
  getState(): Uint32Array {
    return this._state.slice();
  }

  /** Restores a state from getState. @example g.setState(saved) */
  setState(state: Uint32Array): this {
    if (!(state instanceof Uint32Array) || state.length !== 625 || state[624]! > 624)
      throw new TorchTypeError('setState: expected a Uint32Array of 625 words from getState()');
    this._state.set(state);
    return this;
  }

  /** @internal fills a contiguous tensor: kind 0 uniform [a, b), 1 normal(a, b) */
  fill(kind: 0 | 1, t: Tensor, a: number, b: number): void {
    fillDist(this, kind, t, a, b);
  }

  /** @internal next uniform double in [0, 1), straight from mt19937 */
  uniform(): number {
    return native.mtUniform(this._state);
  }
}

/** The generator used when none is passed. @example torch.defaultGenerator.manualSeed(1) */
export const defaultGenerator = new Generator();

/** Seeds the default generator (torch.manualSeed). @example torch.manualSeed(42) */
export function manualSeed(seed: number | bigint): Generator {
  return defaultGenerator.manualSeed(seed);
}

/** Seeds the default generator nondeterministically and returns the seed. @example torch.seed() */
export function seed(): number {
  return defaultGenerator.seed();
}

/** The default generator's seed. @example torch.initialSeed() */
export function initialSeed(): number {
  return defaultGenerator.initialSeed();
}

/** The default generator's state. @example const s = torch.getRngState() */
export function getRngState(): Uint32Array {
  return defaultGenerator.getState();
}

/** Restores the default generator's state. @example torch.setRngState(s) */
export function setRngState(state: Uint32Array): void {
  defaultGenerator.setState(state);
}

// ---- options ---------------------------------------------------------------------------------------

/** Options of every sampler. */
export interface SamplerOptions {
  /** Generator to draw from (default: torch's default generator). */
  generator?: Generator;
}
/** Options of randint and randperm. */
export interface RandintOptions extends SamplerOptions {
  /** Element type (default int64). */
  dtype?: DType;
  /** Device of the result (default cpu). */
  device?: DeviceLike;
}
/** Options of multinomial. */
export interface MultinomialOptions extends SamplerOptions {
  /** Draw with replacement (default false: every category at most once per row). */
  replacement?: boolean;
}
/** Options of normal. */
export interface NormalOptions extends SamplerOptions {
  /** Element type when mean and std are both numbers (default: the default float dtype). */
  dtype?: DType;
  /** Device of the result when mean and std are both numbers (default cpu). */
  device?: DeviceLike;
}

// ---- native calls ----------------------------------------------------------------------------------

/** Distribution codes of native/src/kernels/random.h. */
const DIST = { uniform: 0, normal: 1, exponential: 2, geometric: 3, cauchy: 4, logNormal: 5, bernoulli: 6, randomInt: 7 } as const;

/** Fills the contiguous tensor t (its numel elements from its offset). */
function fillDist(g: Generator, dist: number, t: Tensor, a: number, b: number, from = 0n, range = 0n): void {
  const n = t.numel();
  if (n === 0) return;
  meta[0] = dist;
  meta[1] = t.dtype.code;
  meta[2] = n;
  meta[3] = t._offset;
  meta[4] = a;
  meta[5] = b;
  if (dist === DIST.randomInt) {
    const f = BigInt.asUintN(64, from);
    meta[6] = Number(f >> 32n);
    meta[7] = Number(f & 0xffffffffn);
    meta[8] = Number(range >> 32n);
    meta[9] = Number(range & 0xffffffffn);
  } else {
    meta[6] = meta[7] = meta[8] = meta[9] = 0;
  }
  t._storage.backend.randomFill(g._state, t._storage);
}

function generatorOf(op: string, options: SamplerOptions | undefined): Generator {
  if (options !== undefined && (options === null || typeof options !== 'object'))
    throw new TorchTypeError(`${op}: options must be an object, got ${describe(options)}`);
  const g = options?.generator;
  if (g === undefined) return defaultGenerator;
  if (!(g instanceof Generator)) throw new TorchTypeError(`${op}: generator must be a torch.Generator, got ${describe(g)}`);
  return g;
}

/** Samples into t in place (through a contiguous temporary when t is a strided view). Validate first. */
function sampleInto<T extends Tensor>(op: string, t: T, g: Generator, dist: number, a: number, b: number, from = 0n, range = 0n): T {
  assertNoInternalOverlap(op, t);
  t._storage.version++;
  if (isContiguous(t)) {
    fillDist(g, dist, t, a, b, from, range);
    return t;
  }
  const tmp = emptyTensor(t.shape, t.dtype, t._storage.backend);
  fillDist(g, dist, tmp, a, b, from, range);
  copyInto(t, tmp);
  return t;
}

function checkNumber(op: string, name: string, v: unknown): asserts v is number {
  if (typeof v !== 'number') throw new TorchTypeError(`${op}: ${name} must be a number, got ${describe(v)}`);
}

function checkFloatTarget(op: string, t: unknown): asserts t is Tensor {
  checkTensor(op, t, 'self');
  if (!t.dtype.isFloatingPoint) throw new TorchTypeError(`${op}: expected a floating point tensor, got ${t.dtype}`);
}

const floatMax: Record<string, number> = { float16: 65504, float32: 3.4028234663852886e38, float64: Number.MAX_VALUE };

// ---- in-place samplers -----------------------------------------------------------------------------

/** In-place uniform samples in [from, to) (Tensor.uniform_). @example uniformInto(torch.empty(3), -1, 1) */
export function uniformInto<T extends Tensor>(t: T, from = 0, to = 1, g?: Generator): T {
  const op = 'uniform_';
  checkFloatTarget(op, t);
  checkNumber(op, 'from', from);
  checkNumber(op, 'to', to);
  if (!(from <= to)) throw new TorchTypeError(`${op}: expects to return a [from, to) range, but found from=${from} > to=${to}`);
  if (!Number.isFinite(from) || !Number.isFinite(to) || to - from > floatMax[t.dtype.name]!)
    throw new TorchTypeError(`${op}: expects to - from to be finite and at most the largest ${t.dtype} (${floatMax[t.dtype.name]}), got from=${from} to=${to}`);
  return sampleInto(op, t, generatorOf(op, { generator: g }), DIST.uniform, from, to);
}

/** In-place normal samples (Tensor.normal_). @example normalInto(torch.empty(3), 0, 2) */
export function normalInto<T extends Tensor>(t: T, mean = 0, std = 1, g?: Generator): T {
  const op = 'normal_';
  checkFloatTarget(op, t);
  checkNumber(op, 'mean', mean);
  checkNumber(op, 'std', std);
  if (!(std >= 0)) throw new TorchTypeError(`${op}: expects std >= 0.0, but found std=${std}`);
  return sampleInto(op, t, generatorOf(op, { generator: g }), DIST.normal, mean, std);
}

/** @see RandomMethods.exponential_ @example exponentialInto(torch.empty(3), 2) */
export function exponentialInto<T extends Tensor>(t: T, lambd = 1, options?: SamplerOptions): T {
  const op = 'exponential_';
  checkFloatTarget(op, t);
  checkNumber(op, 'lambd', lambd);
  if (!(lambd > 0)) throw new TorchTypeError(`${op}: expects lambd > 0.0, but found lambd=${lambd}`);
  return sampleInto(op, t, generatorOf(op, options), DIST.exponential, lambd, 0);
}

/** @see RandomMethods.geometric_ @example geometricInto(torch.empty(3), 0.5) */
export function geometricInto<T extends Tensor>(t: T, p: number, options?: SamplerOptions): T {
  const op = 'geometric_';
  checkTensor(op, t, 'self');
  if (t.dtype === bool) throw new TorchTypeError(`${op}: not supported for ${t.dtype} tensors`);
  checkNumber(op, 'p', p);
  if (!(p > 0 && p < 1)) throw new TorchTypeError(`${op}: expects p to be in (0, 1), but got p=${p}`);
  return sampleInto(op, t, generatorOf(op, options), DIST.geometric, p, 0);
}

/** @see RandomMethods.cauchy_ @example cauchyInto(torch.empty(3), 0, 1) */
export function cauchyInto<T extends Tensor>(t: T, median = 0, sigma = 1, options?: SamplerOptions): T {
  const op = 'cauchy_';
  checkFloatTarget(op, t);
  checkNumber(op, 'median', median);
  checkNumber(op, 'sigma', sigma);
  if (!(sigma > 0)) throw new TorchTypeError(`${op}: expects sigma > 0.0, but found sigma=${sigma}`);
  return sampleInto(op, t, generatorOf(op, options), DIST.cauchy, median, sigma);
}

/** @see RandomMethods.logNormal_ @example logNormalInto(torch.empty(3), 0, 1) */
export function logNormalInto<T extends Tensor>(t: T, mean = 1, std = 2, options?: SamplerOptions): T {
  const op = 'logNormal_';
  checkFloatTarget(op, t);
  checkNumber(op, 'mean', mean);
  checkNumber(op, 'std', std);
  if (!(std > 0)) throw new TorchTypeError(`${op}: expects std > 0.0, but found std=${std}`);
  return sampleInto(op, t, generatorOf(op, options), DIST.logNormal, mean, std);
}

// ---- integers --------------------------------------------------------------------------------------

/** Integer value range of a dtype, and for floats the largest integer below which all are exact. */
function intBounds(dtype: DType): { lo: bigint; hi: bigint; defaultHi: bigint } {
  switch (dtype.name) {
    case 'bool': return { lo: 0n, hi: 1n, defaultHi: 1n };
    case 'uint8': return { lo: 0n, hi: 255n, defaultHi: 255n };
    case 'int8': return { lo: -128n, hi: 127n, defaultHi: 127n };
    case 'int16': return { lo: -32768n, hi: 32767n, defaultHi: 32767n };
    case 'int32': return { lo: -(2n ** 31n), hi: 2n ** 31n - 1n, defaultHi: 2n ** 31n - 1n };
    case 'int64': return { lo: -(2n ** 63n), hi: 2n ** 63n - 1n, defaultHi: 2n ** 63n - 1n };
    // Floats: any int64 bound is accepted (values beyond 2^mantissa round, as in PyTorch), the default
    // range is [0, 2^mantissa] so that every value is representable.
    case 'float16': return { lo: -(2n ** 63n), hi: 2n ** 63n - 1n, defaultHi: 2n ** 11n };
    case 'float32': return { lo: -(2n ** 63n), hi: 2n ** 63n - 1n, defaultHi: 2n ** 24n };
    default: return { lo: -(2n ** 63n), hi: 2n ** 63n - 1n, defaultHi: 2n ** 53n };
  }
}

function toBigInt(op: string, name: string, v: unknown): bigint {
  if (typeof v === 'bigint') {
    if (v < -(2n ** 63n) || v >= 2n ** 63n) throw new TorchTypeError(`${op}: ${name}=${v} does not fit in int64`);
    return v;
  }
  if (typeof v === 'number' && Number.isInteger(v)) {
    if (v < -(2 ** 63) || v >= 2 ** 63) throw new TorchTypeError(`${op}: ${name}=${v} does not fit in int64`);
    return BigInt(v);
  }
  throw new TorchTypeError(`${op}: ${name} must be an integer (number or bigint), got ${describe(v)}`);
}

/** [from, to) for a dtype, or [from, dtype max] when to is null; returns from and the range size. */
function intRange(op: string, dtype: DType, fromArg: unknown, toArg: unknown): [bigint, bigint] {
  const b = intBounds(dtype);
  const from = toBigInt(op, 'from', fromArg);
  if (toArg === null || toArg === undefined) {
    if (from < b.lo || from > b.defaultHi)
      throw new TorchTypeError(`${op}: expects 'from' to be at most ${b.defaultHi} for ${dtype} when 'to' is not given, but got from=${from}`);
    return [from, b.defaultHi - from + 1n];
  }
  const to = toBigInt(op, 'to', toArg);
  if (!(from < to)) throw new TorchTypeError(`${op}: expects 'from' to be less than 'to', but got from=${from} >= to=${to}`);
  if (from < b.lo || from > b.hi) throw new TorchTypeError(`${op}: from=${from} is out of bounds for ${dtype}`);
  if (to - 1n < b.lo || to - 1n > b.hi) throw new TorchTypeError(`${op}: to - 1 = ${to - 1n} is out of bounds for ${dtype}`);
  return [from, to - from];
}

/** The positional arguments and options of an overloaded call. */
function splitOptions<O extends object>(args: readonly unknown[]): [unknown[], O | undefined] {
  const last = args[args.length - 1];
  if (last !== null && typeof last === 'object' && !Array.isArray(last) && !(last instanceof Tensor))
    return [args.slice(0, -1), last as O];
  return [args.slice(), undefined];
}

/** @see RandomMethods.random_ @example randomInto(torch.empty(3, { dtype: torch.int32 }), 0, 10) */
export function randomInto<T extends Tensor>(t: T, ...args: (number | bigint | null | SamplerOptions | undefined)[]): T {
  const op = 'random_';
  checkTensor(op, t, 'self');
  const [pos, options] = splitOptions<SamplerOptions>(args);
  if (pos.length > 2) throw new TorchTypeError(`${op}: expected at most (from, to, options), got ${pos.length} positional arguments`);
  let from: bigint, range: bigint;
  if (pos.length === 0 || (pos.length === 1 && (pos[0] === undefined || pos[0] === null))) {
    [from, range] = intRange(op, t.dtype, 0, null);
  } else if (pos.length === 1) {
    [from, range] = intRange(op, t.dtype, 0, pos[0]);
  } else {
    [from, range] = intRange(op, t.dtype, pos[0] ?? 0, pos[1]);
  }
  return sampleInto(op, t, generatorOf(op, options), DIST.randomInt, 0, 0, from, range === 2n ** 64n ? 0n : range);
}

type Int = number | bigint;

/**
 * Integers drawn uniformly from [low, high) (low defaults to 0), as `torch.randint`. The dtype defaults to
 * int64; any dtype whose range holds [low, high - 1] works, floats included. Bounds may be bigints.
 * @example
 * torch.randint(10, [3]);                       // e.g. [4, 0, 7]
 * torch.randint(-5, 5, [2, 2], { dtype: torch.int8 });
 */
export function randint(high: Int, size: readonly number[], options?: RandintOptions): Tensor;
export function randint(low: Int, high: Int, size: readonly number[], options?: RandintOptions): Tensor;
export function randint(...args: unknown[]): Tensor {
  const op = 'randint';
  const sizeAt = Array.isArray(args[1]) ? 1 : 2;
  const [low, high] = sizeAt === 1 ? [0, args[0]] : [args[0], args[1]];
  const size = args[sizeAt];
  if (!Array.isArray(size)) throw new TorchTypeError(`${op}: expected (low?, high, size, options?) with size an array, got ${describe(size)}`);
  const options = args[sizeAt + 1] as RandintOptions | undefined;
  const shape = checkShape(op, size);
  const dtype = options?.dtype ?? int64;
  if (high === undefined || high === null) throw new TorchTypeError(`${op}: high must be given`);
  const [from, range] = intRange(op, dtype, low, high);
  const g = generatorOf(op, options);
  const t = emptyTensor(shape, dtype, options?.device === undefined ? undefined : backendFor(op, options.device));
  fillDist(g, DIST.randomInt, t, 0, 0, from, range);
  return t;
}

/** Largest n for which 0..n-1 are all exact in a dtype. */
function permLimit(dtype: DType): number {
  switch (dtype.name) {
    case 'float16': return 2 ** 11 + 1;
    case 'float32': return 2 ** 24 + 1;
    case 'uint8': return 256;
    case 'int8': return 128;
    case 'int16': return 32768;
    case 'int32': return 2 ** 31;
    default: return Number.MAX_SAFE_INTEGER;
  }
}

/**
 * A random permutation of 0..n-1, as `torch.randperm` (int64 by default).
 * @example
 * torch.manualSeed(0);
 * torch.randperm(5); // e.g. [3, 0, 4, 1, 2]
 */
export function randperm(n: number, options?: RandintOptions): Tensor {
  const op = 'randperm';
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw new TorchSizeError(`${op}: n must be a non-negative integer, got ${describe(n)}`);
  const dtype = options?.dtype ?? int64;
  if (dtype === bool) throw new TorchTypeError(`${op}: not supported for ${dtype}`);
  if (n > permLimit(dtype)) throw new TorchSizeError(`${op}: n=${n} is too large for ${dtype} (at most ${permLimit(dtype)})`);
  const g = generatorOf(op, options);
  const t = emptyTensor([n], dtype, options?.device === undefined ? undefined : backendFor(op, options.device));
  if (n === 0) return t;
  meta[0] = dtype.code;
  meta[1] = n;
  meta[2] = 0;
  t._storage.backend.randperm(g._state, t._storage);
  return t;
}

// ---- bernoulli -------------------------------------------------------------------------------------

function checkProbability(op: string, p: unknown): asserts p is number {
  checkNumber(op, 'p', p);
  if (!(p >= 0 && p <= 1)) throw new TorchTypeError(`${op}: expects p to be in [0, 1], but got p=${p}`);
}

/** p expanded to `shape` as a contiguous float32/float64 tensor. */
function contiguousProbabilities(op: string, p: Tensor, shape: readonly number[]): Tensor {
  if (!p.dtype.isFloatingPoint) throw new TorchTypeError(`${op}: p must be a floating point tensor, got ${p.dtype}`);
  const nd = shape.length, pd = p.shape.length;
  if (pd > nd || p.shape.some((s, i) => s !== 1 && s !== shape[nd - pd + i]))
    throw new TorchSizeError(`${op}: p of size ${fmtSize(p.shape)} cannot be expanded to the size ${fmtSize(shape)} of self`);
  const pe = sameShape(p.shape, shape) ? p : expand(p, shape);
  if (p.dtype !== float16 && isContiguous(pe)) return pe;
  const out = emptyTensor(shape, p.dtype === float16 ? float32 : p.dtype, p._storage.backend);
  return copyInto(out, pe);
}

/** Draws out[i] ~ Bernoulli(p[i]) into the contiguous tensor out; throws (writing nothing) on a bad p. */
function bernoulliFill(op: string, out: Tensor, p: Tensor, g: Generator): void {
  const n = out.numel();
  if (n === 0) return;
  meta[0] = out.dtype.code;
  meta[1] = n;
  meta[2] = out._offset;
  meta[3] = p.dtype.code;
  meta[4] = p._offset;
  const bad = out._storage.backend.bernoulliTensor(g._state, out._storage, p._storage);
  if (bad >= 0) {
    const v = (p._storage.data as Float32Array | Float64Array)[p._offset + bad];
    throw new TorchTypeError(`${op}: expects all elements of p to be in [0, 1], but found ${v} (element ${bad})`);
  }
}

/** @see RandomMethods.bernoulli_ @example bernoulliInto(torch.empty(3), 0.5) */
export function bernoulliInto<T extends Tensor>(t: T, p: number | Tensor = 0.5, options?: SamplerOptions): T {
  const op = 'bernoulli_';
  checkTensor(op, t, 'self');
  const g = generatorOf(op, options);
  if (!(p instanceof Tensor)) {
    checkProbability(op, p);
    return sampleInto(op, t, g, DIST.bernoulli, p, 0);
  }
  assertWritable(op, t, p);
  const pc = contiguousProbabilities(op, p, t.shape);
  const target = isContiguous(t) ? t : emptyTensor(t.shape, t.dtype, t._storage.backend);
  bernoulliFill(op, target, pc, g);
  t._storage.version++;
  if (target !== t) copyInto(t, target);
  return t;
}

/**
 * Bernoulli samples (0 or 1), as `torch.bernoulli`: with a tensor alone, element i is 1 with probability
 * input[i] (a floating point tensor of values in [0, 1]); with a number p, every element of a tensor shaped
 * and typed like input is 1 with probability p.
 * @example
 * torch.bernoulli(torch.tensor([0, 0.5, 1], { dtype: torch.float32 })); // e.g. [0, 1, 1]
 * torch.bernoulli(torch.zeros(4), 0.25);
 */
export function bernoulli(input: Tensor, p?: number | SamplerOptions, options?: SamplerOptions): Tensor {
  const op = 'bernoulli';
  checkTensor(op, input);
  if (typeof p === 'object' && p !== null) [p, options] = [undefined, p];
  const g = generatorOf(op, options);
  if (p !== undefined) {
    checkProbability(op, p);
    const out = emptyTensor(input.shape, input.dtype, input._storage.backend);
    fillDist(g, DIST.bernoulli, out, p, 0);
    return out;
  }
  if (!input.dtype.isFloatingPoint) throw new TorchTypeError(`${op}: expected a floating point tensor of probabilities, got ${input.dtype}`);
  const pc = contiguousProbabilities(op, input, input.shape);
  const out = emptyTensor(input.shape, input.dtype, input._storage.backend);
  bernoulliFill(op, out, pc, g);
  return out;
}

// ---- multinomial -----------------------------------------------------------------------------------

/**
 * Category indices drawn from each row of `probs` (1-D, or 2-D for one distribution per row), as
 * `torch.multinomial`. Weights need not sum to 1 but must be non-negative and finite with a positive sum.
 * Without replacement (the default) each row draws distinct categories, which needs numSamples <= the number
 * of non-zero weights in every row. Returns int64 indices of size [numSamples] or [rows, numSamples].
 * @example
 * torch.multinomial(torch.tensor([0.1, 0.0, 0.9]), 2);                       // e.g. [2, 0]
 * torch.multinomial(torch.tensor([1, 3], { dtype: torch.float32 }), 5, { replacement: true });
 */
export function multinomial(probs: Tensor, numSamples: number, options?: MultinomialOptions): Tensor {
  const op = 'multinomial';
  checkTensor(op, probs, 'probs');
  if (!probs.dtype.isFloatingPoint) throw new TorchTypeError(`${op}: only supports floating point probabilities, got ${probs.dtype}`);
  const nd = probs.dim();
  if (nd !== 1 && nd !== 2) throw new TorchSizeError(`${op}: probs must be 1-D or 2-D, got size ${fmtSize(probs.shape)}`);
  if (typeof numSamples !== 'number' || !Number.isSafeInteger(numSamples) || numSamples <= 0)
    throw new TorchSizeError(`${op}: cannot sample numSamples=${describe(numSamples)} (expected a positive integer)`);
  const replacement = options?.replacement ?? false;
  if (typeof replacement !== 'boolean') throw new TorchTypeError(`${op}: replacement must be a boolean, got ${describe(replacement)}`);
  const g = generatorOf(op, options);
  const rows = nd === 1 ? 1 : probs.shape[0]!;
  const cats = probs.shape[nd - 1]!;
  if (!replacement && numSamples > cats)
    throw new TorchSizeError(`${op}: cannot sample ${numSamples} > ${cats} categories (probs of size ${fmtSize(probs.shape)}) without replacement`);
  const outShape = nd === 1 ? [numSamples] : [rows, numSamples];
  const out = emptyTensor(outShape, int64, probs._storage.backend);
  if (rows === 0) return out;
  if (cats === 0) throw new TorchSizeError(`${op}: probs of size ${fmtSize(probs.shape)} has no categories`);
  const p64 = probs.dtype === float64 && isContiguous(probs) ? probs : copyInto(emptyTensor(probs.shape, float64, probs._storage.backend), probs);
  meta[0] = rows;
  meta[1] = cats;
  meta[2] = numSamples;
  meta[3] = replacement ? 1 : 0;
  meta[4] = p64._offset;
  meta[5] = 0;
  const [code, row] = out._storage.backend.multinomial(g._state, out._storage, p64._storage);
  const where = nd === 2 ? ` in row ${row}` : '';
  switch (code) {
    case 0: return out;
    case 1: throw new TorchTypeError(`${op}: invalid distribution: probabilities must be non-negative, found a negative or NaN entry${where}`);
    case 2: throw new TorchTypeError(`${op}: invalid distribution: found an infinite probability${where}`);
    case 3: throw new TorchTypeError(`${op}: invalid distribution: the probabilities${where} sum to 0`);
    default:
      throw new TorchSizeError(`${op}: cannot sample ${numSamples} categories without replacement: fewer than ${numSamples} have a non-zero probability${where}`);
  }
}

// ---- normal ----------------------------------------------------------------------------------------

/** Throws unless every element of t is >= 0 (NaN fails). */
function checkNonNegative(op: string, name: string, t: Tensor): void {
  if (t.numel() === 0 || t.isMeta) return;
  const d = (t.dtype === float64 && isContiguous(t) ? t : copyInto(emptyTensor(t.shape, float64, t._storage.backend), t));
  const data = d._storage.data as Float64Array;
  const end = d._offset + d.numel();
  for (let i = d._offset; i < end; i++)
    if (!(data[i]! >= 0)) throw new TorchTypeError(`${op}: expects all elements of ${name} >= 0.0, but found ${data[i]} (element ${i - d._offset})`);
}

/**
 * Normal samples with the given means and standard deviations, as `torch.normal`: mean and std are tensors
 * (broadcast against each other) or numbers; with two numbers, `size` gives the shape. The result has
 * mean's dtype when mean is a tensor, else std's, else the default float dtype (or `dtype`).
 * @example
 * torch.normal(torch.zeros(3), torch.tensor([1, 2, 3], { dtype: torch.float32 }));
 * torch.normal(0, 1, [2, 2]);
 * torch.normal(torch.arange(4, { dtype: torch.float64 }), 0.1);
 */
export function normal(mean: Tensor | number, std: Tensor | number, size?: readonly number[] | NormalOptions, options?: NormalOptions): Tensor {
  const op = 'normal';
  if (size !== undefined && !Array.isArray(size)) [size, options] = [undefined, size as NormalOptions];
  const g = generatorOf(op, options);
  const mt = mean instanceof Tensor, st = std instanceof Tensor;
  if (!mt) checkNumber(op, 'mean', mean);
  if (!st) checkNumber(op, 'std', std);
  if (!mt && !st) {
    if (size === undefined) throw new TorchTypeError(`${op}: with a number mean and std, a size is required`);
    const shape = checkShape(op, size as unknown[]);
    const dtype = options?.dtype ?? getDefaultDtype();
    if (!dtype.isFloatingPoint) throw new TorchTypeError(`${op}: expected a floating point dtype, got ${dtype}`);
    if (!((std as number) >= 0)) throw new TorchTypeError(`${op}: expects std >= 0.0, but found std=${std}`);
    const out = emptyTensor(shape, dtype, options?.device === undefined ? undefined : backendFor(op, options.device));
    fillDist(g, DIST.normal, out, mean as number, std as number);
    return out;
  }
  if (size !== undefined) throw new TorchTypeError(`${op}: size is only accepted when mean and std are both numbers`);
  if (options?.dtype !== undefined) throw new TorchTypeError(`${op}: dtype is only accepted when mean and std are both numbers`);
  if (options?.device !== undefined) throw new TorchTypeError(`${op}: device is only accepted when mean and std are both numbers (tensor arguments give their own)`);
  if (mt) {
    const m = mean as Tensor;
    if (!m.dtype.isFloatingPoint) throw new TorchTypeError(`${op}: expected a floating point mean, got ${m.dtype}`);
    if (!st) {
      if (!((std as number) >= 0)) throw new TorchTypeError(`${op}: expects std >= 0.0, but found std=${std}`);
      const out = emptyTensor(m.shape, m.dtype, m._storage.backend);
      fillDist(g, DIST.normal, out, 0, std as number);
      return out.add_(m);
    }
    const s = std as Tensor;
    const shape = broadcastShapes(op, m.shape, s.shape);
    checkNonNegative(op, 'std', s);
    const out = emptyTensor(shape, m.dtype, sameBackend(op, m, s));
    fillDist(g, DIST.normal, out, 0, 1);
    return out.mul_(s).add_(m);
  }
  const s = std as Tensor;
  if (!s.dtype.isFloatingPoint) throw new TorchTypeError(`${op}: expected a floating point std, got ${s.dtype}`);
  checkNonNegative(op, 'std', s);
  const out = emptyTensor(s.shape, s.dtype, s._storage.backend);
  fillDist(g, DIST.normal, out, 0, 1);
  return out.mul_(s).add_(mean as number);
}

// ---- Tensor methods --------------------------------------------------------------------------------

/** Random sampling methods of Tensor (uniform_ and normal_ are declared on the class itself). */
export interface RandomMethods {
  /**
   * Fills with exponential samples of rate lambd (> 0), always > 0. Floating point tensors only.
   * @example torch.empty(3).exponential_(2)
   */
  exponential_(lambd?: number, options?: SamplerOptions): this;
  /**
   * Fills with geometric samples (the number of Bernoulli(p) trials up to the first success, >= 1),
   * 0 < p < 1. Any dtype but bool; integer results saturate at the dtype's maximum.
   * @example torch.empty(3, { dtype: torch.int64 }).geometric_(0.25)
   */
  geometric_(p: number, options?: SamplerOptions): this;
  /**
   * Fills with Cauchy samples of location median and scale sigma (> 0).
   * @example torch.empty(3).cauchy_(0, 1)
   */
  cauchy_(median?: number, sigma?: number, options?: SamplerOptions): this;
  /**
   * Fills with exp(normal(mean, std)) samples (std > 0; defaults 1 and 2 as in PyTorch).
   * @example torch.empty(3).logNormal_(0, 0.5)
   */
  logNormal_(mean?: number, std?: number, options?: SamplerOptions): this;
  /**
   * Fills with integers drawn uniformly from [from, to), for every dtype. `random_()` draws from
   * [0, dtype max] (floats: [0, 2^mantissa], bool: {0, 1}), `random_(to)` from [0, to), and
   * `random_(from, null)` from [from, dtype max]. Bounds may be bigints.
   * @example
   * torch.empty(4, { dtype: torch.uint8 }).random_();
   * torch.empty(4).random_(1, 7); // dice
   */
  random_(options?: SamplerOptions): this;
  random_(to: Int | null, options?: SamplerOptions): this;
  random_(from: Int, to: Int | null, options?: SamplerOptions): this;
  /**
   * Fills with 0/1 samples that are 1 with probability p (a number, or a floating point tensor
   * broadcastable to this tensor's size). Any dtype.
   * @example torch.empty(5, { dtype: torch.bool }).bernoulli_(0.3)
   */
  bernoulli_(p?: number | Tensor, options?: SamplerOptions): this;
  /**
   * `torch.bernoulli(this)` (this holds probabilities), or with p a tensor like this one of Bernoulli(p) samples.
   * @example torch.full([3], 0.5).bernoulli()
   */
  bernoulli(p?: number | SamplerOptions, options?: SamplerOptions): Tensor;
  /**
   * `torch.multinomial(this, numSamples, options)`.
   * @example torch.tensor([0.2, 0.8]).multinomial(4, { replacement: true })
   */
  multinomial(numSamples: number, options?: MultinomialOptions): Tensor;
  /** PyTorch's positional replacement: `p.multinomial(4, true)`. */
  multinomial(numSamples: number, replacement: boolean, options?: Omit<MultinomialOptions, 'replacement'>): Tensor;
}

/**
 * Installs {@link RandomMethods} on the Tensor prototype.
 * @example installRandomMethods(Tensor.prototype as unknown as Record<string, unknown>)
 */
export function installRandomMethods(proto: Record<string, unknown>): void {
  proto.exponential_ = function (this: Tensor, lambd?: number, options?: SamplerOptions) {
    return exponentialInto(this, lambd, options);
  };
  proto.geometric_ = function (this: Tensor, p: number, options?: SamplerOptions) {
    return geometricInto(this, p, options);
  };
  proto.cauchy_ = function (this: Tensor, median?: number, sigma?: number, options?: SamplerOptions) {
    return cauchyInto(this, median, sigma, options);
  };
  proto.logNormal_ = function (this: Tensor, mean?: number, std?: number, options?: SamplerOptions) {
    return logNormalInto(this, mean, std, options);
  };
  proto.random_ = function (this: Tensor, ...args: (number | bigint | null | SamplerOptions | undefined)[]) {
    return randomInto(this, ...args);
  };
  proto.bernoulli_ = function (this: Tensor, p?: number | Tensor, options?: SamplerOptions) {
    return bernoulliInto(this, p, options);
  };
  proto.bernoulli = function (this: Tensor, p?: number | SamplerOptions, options?: SamplerOptions) {
    return bernoulli(this, p, options);
  };
  proto.multinomial = function (this: Tensor, numSamples: number, options?: MultinomialOptions) {
    return multinomial(this, numSamples, options);
  };
}

