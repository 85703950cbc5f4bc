// Tensor creation: zeros, ones, full, empty, eye, arange, range, linspace, logspace, rand, randn and
// the *Like forms. Sizes are given as `f(2, 3)` or `f([2, 3])`, options as a trailing object.
import { bool, float64, getDefaultDtype, int64, type DType, type DTypeName } from '../dtype';
import { TorchSizeError, TorchTypeError } from '../errors';
import { checkShape } from '../shape';
import { checkTensor, emptyTensor, makeTensor, Tensor } from '../tensor';
import { fill } from './copy';
import type { Backend } from '../backend/contract';
import type { DeviceLike } from '../backend/device';
import { backendFor } from '../backend/registry';
import { defaultGenerator, type Generator } from './random';
import { factoryOptions, finishFactory } from './factory';

/** Options of creation functions. */
export interface CreateOptions<N extends DTypeName = DTypeName> {
  /** Element type (default: the default float dtype, or as documented per function); also a name ('float64') or a typed class. */
  dtype?: DType<N>;
  /** Return a leaf Variable that requires grad (floating point dtypes only; needs the autograd package, as `import * as torch from 'torch'` loads). */
  requiresGrad?: boolean;
  /** Device of the result: 'cpu' (default), 'meta', 'cuda:1' or a torch.device (the *Like forms default to the input's). */
  device?: DeviceLike;
}

/** The backend of options.device (undefined: cpu, or the input's for the *Like forms). */
function deviceOption(op: string, o: CreateOptions | undefined): Backend | undefined {
  return o?.device === undefined ? undefined : backendFor(op, o.device);
}
/** Options of random creation functions. */
export interface RandomOptions<N extends DTypeName = DTypeName> extends CreateOptions<N> {
  /** Generator to draw from. */
  generator?: Generator;
}

type SizeArgs<O> = number[] | [...number[], O] | [readonly number[]] | [readonly number[], O];

function parse<O extends object>(op: string, args: readonly unknown[], extra: readonly string[] = []): [number[], O] {
  let opts = {} as O;
  let list = args;
  const last = args[args.length - 1];
  if (last !== null && typeof last === 'object' && !Array.isArray(last)) {
    opts = factoryOptions<O>(op, last, extra);
    list = args.slice(0, -1);
  }
  const sizes = list.length === 1 && Array.isArray(list[0]) ? (list[0] as unknown[]) : list;
  return [checkShape(op, sizes), opts];
}

/** Uninitialised tensor (contents undefined, as torch.empty). @example torch.empty(2, 3) */
export function empty<N extends DTypeName = DTypeName>(...args: SizeArgs<CreateOptions<N>>): Tensor<N>;
export function empty(...args: SizeArgs<CreateOptions>): Tensor {
  const [shape, o] = parse<CreateOptions>('empty', args);
  return finishFactory('empty', emptyTensor(shape, o.dtype ?? getDefaultDtype(), deviceOption('empty', o), 'empty'), o);
}

/** Zeros. @example torch.zeros(2, 3); torch.zeros([2, 3], { dtype: torch.int32 }) */
export function zeros<N extends DTypeName = DTypeName>(...args: SizeArgs<CreateOptions<N>>): Tensor<N>;
export function zeros(...args: SizeArgs<CreateOptions>): Tensor {
  const [shape, o] = parse<CreateOptions>('zeros', args);
  return finishFactory('zeros', fill(emptyTensor(shape, o.dtype ?? getDefaultDtype(), deviceOption('zeros', o), 'zeros'), 0), o);
}

/** Ones. @example torch.ones(2, 3) */
export function ones<N extends DTypeName = DTypeName>(...args: SizeArgs<CreateOptions<N>>): Tensor<N>;
export function ones(...args: SizeArgs<CreateOptions>): Tensor {
  const [shape, o] = parse<CreateOptions>('ones', args);
  return finishFactory('ones', fill(emptyTensor(shape, o.dtype ?? getDefaultDtype(), deviceOption('ones', o), 'ones'), 1), o);
}

/** A tensor filled with value; the dtype follows the value (bool, int64 or default float) unless given. @example torch.full([2, 2], 7) */
export function full<N extends DTypeName = DTypeName>(size: readonly number[], value: number | boolean, options?: CreateOptions<N>): Tensor<N>;
export function full(size: readonly number[], value: number | boolean, options?: CreateOptions): Tensor {
  const shape = checkShape('full', size as unknown[]);
  const o = factoryOptions<CreateOptions>('full', options);
  const dtype = o.dtype ?? (typeof value === 'boolean' ? bool : Number.isInteger(value) ? int64 : getDefaultDtype());
  return finishFactory('full', fill(emptyTensor(shape, dtype, deviceOption('full', o), 'full'), value), o);
}

/** Identity matrix (n x m). @example torch.eye(3) */
export function eye<N extends DTypeName = DTypeName>(n: number, m?: number | CreateOptions<N>, options?: CreateOptions<N>): Tensor<N>;
export function eye(n: number, m?: number | CreateOptions, options?: CreateOptions): Tensor {
  if (typeof m === 'object') [options, m] = [m, undefined];
  const o = factoryOptions<CreateOptions>('eye', options);
  const cols = m ?? n;
  const t = zeros([n, cols], { dtype: o.dtype, device: o.device });
  const k = Math.min(n, cols);
  if (k > 0) fill(makeTensor(t._storage, 0, [k], [cols + 1]), 1);
  return finishFactory('eye', t, o);
}

function checkFinite(op: string, ...vs: number[]): void {
  for (const v of vs) if (typeof v !== 'number' || !Number.isFinite(v)) throw new TorchTypeError(`${op}: expected finite numbers, got ${v}`);
}

/**
 * Values from start (inclusive) to end (exclusive) by step; int64 when all arguments are integers,
 * else the default float dtype.
 * @example torch.arange(5); torch.arange(1, 2.5, 0.5) // [1, 1.5, 2]
 */
export function arange<N extends DTypeName = DTypeName>(...args: (number | CreateOptions<N>)[]): Tensor<N>;
export function arange(...args: (number | CreateOptions)[]): Tensor {
  const o = factoryOptions<CreateOptions>('arange', typeof args[args.length - 1] === 'object' ? args.pop() : undefined);
  if (args.length > 3) throw new TorchTypeError(`arange: takes at most 3 numbers (start, end, step) and an options object, got ${args.length} arguments`);
  const nums = args as number[];
  let [start, end, step] = nums.length === 1 ? [0, nums[0]!, 1] : [nums[0]!, nums[1]!, nums[2] ?? 1];
  checkFinite('arange', start, end, step);
  const dtype = o.dtype ?? ([start, end, step].every(Number.isInteger) ? int64 : getDefaultDtype());
  // An integer dtype takes its bounds and step as integers first (PyTorch: arange(0, 10, 2.5, int64) steps by 2).
  if (dtype.isIntegral) [start, end, step] = [Math.trunc(start), Math.trunc(end), Math.trunc(step)];
  if (step === 0) throw new TorchSizeError('arange: step must be nonzero');
  if ((end - start) / step < 0) throw new TorchSizeError(`arange: upper bound ${end} and lower bound ${start} inconsistent with step sign ${step}`);
  const n = Math.ceil((end - start) / step);
  const t = emptyTensor([n], dtype, deviceOption('arange', o), 'arange');
  t._storage.backend.arange(t._storage, dtype.code, n, start, step);
  return finishFactory('arange', t, o);
}

/** Deprecated inclusive range, as torch.range: start..end by step, default float dtype. @example torch.range(1, 4) // [1, 2, 3, 4] */
export function range<N extends DTypeName = DTypeName>(start: number, end: number, step?: number | CreateOptions<N>, options?: CreateOptions<N>): Tensor<N>;
export function range(start: number, end: number, step: number | CreateOptions = 1, options?: CreateOptions): Tensor {
  if (typeof step === 'object') [options, step] = [step, 1];
  options = factoryOptions<CreateOptions>('range', options);
  checkFinite('range', start, end, step);
  if (step === 0) throw new TorchSizeError('range: step must be nonzero');
  if ((end - start) / step < 0) throw new TorchSizeError(`range: upper bound ${end} and lower bound ${start} inconsistent with step sign ${step}`);
  const dtype = options?.dtype ?? getDefaultDtype();
  const n = Math.floor((end - start) / step + 1e-12) + 1;
  const t = emptyTensor([n], dtype, deviceOption('range', options), 'range');
  t._storage.backend.arange(t._storage, dtype.code, n, start, step);
  return finishFactory('range', t, options);
}

/** steps points from start to end inclusive. @example torch.linspace(0, 1, 5) // [0, 0.25, 0.5, 0.75, 1] */
export function linspace<N extends DTypeName = DTypeName>(start: number, end: number, steps?: number | CreateOptions<N>, options?: CreateOptions<N>): Tensor<N>;
export function linspace(start: number, end: number, steps: number | CreateOptions = 100, options?: CreateOptions): Tensor {
  if (typeof steps === 'object') [options, steps] = [steps, 100];
  options = factoryOptions<CreateOptions>('linspace', options);
  checkFinite('linspace', start, end);
  if (!Number.isSafeInteger(steps) || steps < 0) throw new TorchSizeError(`linspace: steps must be a non-negative integer, got ${steps}`);
  const dtype = options?.dtype ?? getDefaultDtype();
  const t = emptyTensor([steps], dtype, deviceOption('linspace', options), 'linspace');
  t._storage.backend.linspace(t._storage, dtype.code, steps, start, end);
  return finishFactory('linspace', t, options);
}

/** base ** linspace(start, end, steps). @example torch.logspace(0, 2, 3) // [1, 10, 100] */
export function logspace<N extends DTypeName = DTypeName>(start: number, end: number, steps?: number | CreateOptions<N>, base?: number | CreateOptions<N>, options?: CreateOptions<N>): Tensor<N>;
export function logspace(start: number, end: number, steps: number | CreateOptions = 100, base: number | CreateOptions = 10, options?: CreateOptions): Tensor {
  if (typeof steps === 'object') [options, steps, base] = [steps, 100, 10];
  if (typeof base === 'object') [options, base] = [base, 10];
  options = factoryOptions<CreateOptions>('logspace', options);
  const dtype = options?.dtype ?? getDefaultDtype();
  const exps = linspace(start, end, steps, { dtype: dtype.isFloatingPoint ? float64 : dtype, device: options?.device });
  const out = emptyTensor([steps], dtype, exps._storage.backend, 'logspace');
  const powers = fill(emptyTensor([steps], exps.dtype, exps._storage.backend, 'logspace'), base).pow(exps);
  return finishFactory('logspace', out.copy_(powers), options);
}

/** Uniform samples in [0, 1). @example torch.manualSeed(0); torch.rand(2, 3) */
export function rand<N extends DTypeName = DTypeName>(...args: SizeArgs<RandomOptions<N>>): Tensor<N>;
export function rand(...args: SizeArgs<RandomOptions>): Tensor {
  const [shape, o] = parse<RandomOptions>('rand', args, ['generator']);
  return finishFactory('rand', emptyTensor(shape, o.dtype ?? getDefaultDtype(), deviceOption('rand', o), 'rand').uniform_(0, 1, { generator: o.generator ?? defaultGenerator }), o);
}

/** Standard normal samples. @example torch.randn(2, 3) */
export function randn<N extends DTypeName = DTypeName>(...args: SizeArgs<RandomOptions<N>>): Tensor<N>;
export function randn(...args: SizeArgs<RandomOptions>): Tensor {
  const [shape, o] = parse<RandomOptions>('randn', args, ['generator']);
  return finishFactory('randn', emptyTensor(shape, o.dtype ?? getDefaultDtype(), deviceOption('randn', o), 'randn').normal_(0, 1, { generator: o.generator ?? defaultGenerator }), o);
}

function like(op: string, t: Tensor, o: CreateOptions): [readonly number[], DType] {
  checkTensor(op, t);
  return [t.shape, o.dtype ?? t.dtype];
}

/** The *Like forms: shape (and default dtype and device) of t, then `init` fills the new tensor. */
function likeFactory(op: string, t: Tensor, options: unknown, init: (x: Tensor, o: RandomOptions) => Tensor, extra: readonly string[] = []): Tensor {
  const o = factoryOptions<RandomOptions>(op, options, extra);
  const [s, d] = like(op, t, o);
  return finishFactory(op, init(emptyTensor(s, d, deviceOption(op, o) ?? t._storage.backend, op), o), o);
}

/** An uninitialised tensor of t's size, dtype and device (each overridable by an option). @example torch.emptyLike(t) */
export function emptyLike<N extends DTypeName>(t: Tensor<N>, options?: CreateOptions & { dtype?: undefined }): Tensor<N>;
export function emptyLike<M extends DTypeName>(t: Tensor, options: CreateOptions<M> & { dtype: DType<M> }): Tensor<M>;
export function emptyLike(t: Tensor, options?: CreateOptions): Tensor {
  return likeFactory('emptyLike', t, options, (x) => x);
}
/** Zeros of t's size, dtype and device (each overridable by an option). @example torch.zerosLike(t) */
export function zerosLike<N extends DTypeName>(t: Tensor<N>, options?: CreateOptions & { dtype?: undefined }): Tensor<N>;
export function zerosLike<M extends DTypeName>(t: Tensor, options: CreateOptions<M> & { dtype: DType<M> }): Tensor<M>;
export function zerosLike(t: Tensor, options?: CreateOptions): Tensor {
  return likeFactory('zerosLike', t, options, (x) => fill(x, 0));
}
/** Ones of t's size, dtype and device (each overridable by an option). @example torch.onesLike(t) */
export function onesLike<N extends DTypeName>(t: Tensor<N>, options?: CreateOptions & { dtype?: undefined }): Tensor<N>;
export function onesLike<M extends DTypeName>(t: Tensor, options: CreateOptions<M> & { dtype: DType<M> }): Tensor<M>;
export function onesLike(t: Tensor, options?: CreateOptions): Tensor {
  return likeFactory('onesLike', t, options, (x) => fill(x, 1));
}
/** `value` everywhere, at t's size, dtype and device (each overridable by an option). @example torch.fullLike(t, 7) */
export function fullLike<N extends DTypeName>(t: Tensor<N>, value: number | boolean, options?: CreateOptions & { dtype?: undefined }): Tensor<N>;
export function fullLike<M extends DTypeName>(t: Tensor, value: number | boolean, options: CreateOptions<M> & { dtype: DType<M> }): Tensor<M>;
export function fullLike(t: Tensor, value: number | boolean, options?: CreateOptions): Tensor {
  return likeFactory('fullLike', t, options, (x) => fill(x, value));
}
/** Uniform [0, 1) samples at t's size, dtype and device (each overridable by an option). @example torch.randLike(t) */
export function randLike<N extends DTypeName>(t: Tensor<N>, options?: RandomOptions & { dtype?: undefined }): Tensor<N>;
export function randLike<M extends DTypeName>(t: Tensor, options: RandomOptions<M> & { dtype: DType<M> }): Tensor<M>;
export function randLike(t: Tensor, options?: RandomOptions): Tensor {
  return likeFactory('randLike', t, options, (x, o) => x.uniform_(0, 1, { generator: o.generator }), ['generator']);
}
/** Standard normal samples at t's size, dtype and device (each overridable by an option). @example torch.randnLike(t) */
export function randnLike<N extends DTypeName>(t: Tensor<N>, options?: RandomOptions & { dtype?: undefined }): Tensor<N>;
export function randnLike<M extends DTypeName>(t: Tensor, options: RandomOptions<M> & { dtype: DType<M> }): Tensor<M>;
export function randnLike(t: Tensor, options?: RandomOptions): Tensor {
  return likeFactory('randnLike', t, options, (x, o) => x.normal_(0, 1, { generator: o.generator }), ['generator']);
}
