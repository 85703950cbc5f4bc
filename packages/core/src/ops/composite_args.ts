// Shared argument checks and the Variable hooks for the composite ops (everyday.ts, linalg_ns.ts).
// The composites call only methods that Tensor and autograd's Variable both have, so they record for
// backward when given Variables. The few functions that are not methods (cat, stack, solve) cannot be
// reached from core (core never imports autograd): the umbrella package registers them here.
import { Tensor } from '../tensor';
import { TorchTypeError } from '../errors';
import { cat, stack } from './join';
import { lstsq, solve, type LstsqResult } from './lapack';
import type { NamedTuple } from './named-tuple';

/** A Tensor, or anything with Tensor's methods (an autograd Variable). */
export type TensorLike = Tensor;

/** Functions of the autograd package that the composites need for Variables. */
export interface CompositeHooks {
  cat(tensors: readonly unknown[], dim: number): Tensor;
  stack(tensors: readonly unknown[], dim: number): Tensor;
  solve(a: unknown, b: unknown): Tensor;
  lstsq(a: unknown, b: unknown): Record<'solution' | 'residuals' | 'rank' | 'singularValues', Tensor>;
}

let hooks: CompositeHooks | null = null;

/**
 * Lets the composites (einsum, diff, linalg.solve, ...) join and solve Variables: the umbrella package
 * passes autograd's cat, stack, solve and lstsq. Not for users.
 * @example registerCompositeHooks({ cat: autograd.cat, stack: autograd.stack, solve: autograd.solve })
 */
export function registerCompositeHooks(h: CompositeHooks): void {
  hooks = h;
}

/** True for a plain core Tensor (not a Variable). */
export const isPlain = (x: unknown): x is Tensor => x instanceof Tensor;

/** True for a Tensor or a Variable (anything with shape, dtype and the tensor methods). */
export function isTensorLike(x: unknown): x is Tensor {
  return x instanceof Tensor || (typeof x === 'object' && x !== null && 'data' in x && (x as { data: unknown }).data instanceof Tensor);
}

/** The plain Tensor of a Tensor or Variable (for ops that are not differentiable: comparisons, counts). */
export function rawTensor(x: Tensor): Tensor {
  return x instanceof Tensor ? x : (x as unknown as { data: Tensor }).data;
}

function hook(op: string): CompositeHooks {
  if (!hooks) throw new TorchTypeError(`${op}: Variables need the autograd package: import from 'torch' rather than '@torch/core'`);
  return hooks;
}

/** cat that also takes Variables (through the registered hook). */
export function catAny(op: string, ts: readonly Tensor[], dim: number): Tensor {
  return ts.every(isPlain) ? cat(ts as Tensor[], dim) : hook(op).cat(ts, dim);
}
/** stack that also takes Variables. */
export function stackAny(op: string, ts: readonly Tensor[], dim: number): Tensor {
  return ts.every(isPlain) ? stack(ts as Tensor[], dim) : hook(op).stack(ts, dim);
}
/** solve that also takes Variables. */
export function solveAny(op: string, a: Tensor, b: Tensor): Tensor {
  return isPlain(a) && isPlain(b) ? solve(a, b) : hook(op).solve(a, b);
}

/** lstsq that also takes Variables. */
export function lstsqAny(op: string, a: Tensor, b: Tensor): NamedTuple<LstsqResult> {
  return isPlain(a) && isPlain(b) ? lstsq(a, b) : (hook(op).lstsq(a, b) as unknown as NamedTuple<LstsqResult>);
}

/** Throws unless x is a Tensor or Variable. */
export function checkArg(op: string, x: unknown, name: string): asserts x is Tensor {
  if (!isTensorLike(x)) throw new TorchTypeError(`${op}: ${name} must be a Tensor, got ${describe(x)}`);
}

/** Throws for positional arguments past `max`. */
export function checkArity(op: string, args: IArguments | readonly unknown[], max: number): void {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  if (n > max) throw new TorchTypeError(`${op}: takes at most ${max} positional arguments, got ${n}`);
}

const camel = (s: string): string => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Throws for an options value that is not a plain object or that has keys outside `allowed`. */
export function checkOptions<O extends object>(op: string, options: unknown, allowed: readonly string[]): O {
  if (options === undefined || options === null) return {} as O;
  if (typeof options !== 'object' || Array.isArray(options) || isTensorLike(options))
    throw new TorchTypeError(`${op}: expected an options object, got ${describe(options)}`);
  for (const k of Object.keys(options)) {
    if (allowed.includes(k)) continue;
    const hint = allowed.includes(camel(k)) ? ` (did you mean '${camel(k)}'?)` : '';
    throw new TorchTypeError(`${op}: unknown option '${k}'${hint}; valid options: ${allowed.join(', ') || 'none'}`);
  }
  return options as O;
}

/** A short description of a value for error messages. */
export function describe(x: unknown): string {
  if (isTensorLike(x)) return `a ${x.dtype.name} tensor of size [${x.shape.join(', ')}]`;
  if (Array.isArray(x)) return 'an array';
  return x === null ? 'null' : typeof x;
}

/** True for the floating dtypes. */
export const isFloat = (t: Tensor): boolean => t.dtype.isFloatingPoint;
