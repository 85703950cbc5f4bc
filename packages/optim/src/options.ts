/**
 * Strict option objects: every optimizer and scheduler declares its option names once, and a key that
 * is not one of them throws instead of being ignored (a typo such as `weight_decay` would otherwise
 * silently train without weight decay).
 */
import { TorchTypeError } from '@torch/core';

/** `weight_decay` → `weightDecay`. */
function camel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The option every optimizer takes. */
export interface MaximizeOption {
  /** Ascend the objective instead of descending it. Default false. */
  maximize: boolean;
}

/** The options of the optimizers that add an L2 penalty to the gradient. */
export interface L2Options extends MaximizeOption {
  /** L2 penalty added to the gradient. Default 0. */
  weightDecay: number;
}

/**
 * Throws a TorchTypeError naming `owner` for the first key of `options` not in `known`, with a
 * did-you-mean when the key is the snake_case spelling of a known one.
 * @internal
 */
export function checkKeys(owner: string, options: object, known: readonly string[], what = 'option'): void {
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const c = camel(key);
    const hint = c !== key && known.includes(c) ? `; did you mean '${c}'?` : `; valid ${what}s are ${known.map((k) => `'${k}'`).join(', ')}`;
    throw new TorchTypeError(`${owner}: unknown ${what} '${key}'${hint}`);
  }
}

/** Throws unless `options` is undefined or a plain object. @internal */
export function checkOptionsObject(owner: string, options: unknown): void {
  if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options)))
    throw new TorchTypeError(`${owner}: options must be an object, got ${options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options}`);
}

/** Throws unless `v` is a finite number (or, with `allowInf`, ±Infinity). @internal */
export function checkNumber(owner: string, name: string, v: unknown, allowInf = false): asserts v is number {
  if (typeof v !== 'number' || Number.isNaN(v) || (!allowInf && !Number.isFinite(v)))
    throw new TorchTypeError(`${owner}: ${name} must be a ${allowInf ? '' : 'finite '}number, got ${describe(v)}`);
}

/** Throws unless `v` is a pair of numbers. @internal */
export function checkPair(owner: string, name: string, v: unknown): asserts v is readonly [number, number] {
  if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'number' || typeof v[1] !== 'number')
    throw new TorchTypeError(`${owner}: ${name} must be a pair of numbers [a, b], got ${describe(v)}`);
}

/** Throws unless `v` is a boolean. @internal */
export function checkBool(owner: string, name: string, v: unknown): asserts v is boolean {
  if (typeof v !== 'boolean') throw new TorchTypeError(`${owner}: ${name} must be a boolean, got ${describe(v)}`);
}

/** Throws a RangeError (PyTorch's ValueError) naming the owner unless `ok`. @internal */
export function checkRange(owner: string, ok: boolean, message: string): void {
  if (!ok) throw new RangeError(`${owner}: ${message}`);
}

/** A short description of a value for messages. @internal */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map(describe).join(', ')}]`;
  // Bundlers may rename classes (_Variable); the user knows them by their exported names.
  if (typeof v === 'object') return ((v as object).constructor?.name ?? 'object').replace(/^_+/, '');
  if (typeof v === 'string') return `'${v}'`;
  return String(v);
}
