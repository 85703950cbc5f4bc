// Strict argument checks shared by every module and functional: unknown option keys and extra positional
// arguments are errors naming the op, never silently ignored.
import { TorchTypeError, TorchSizeError } from '@torch/core';

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * Throws when `options` is not a plain object or has a key outside `allowed` (with a did-you-mean for
 * PyTorch's snake_case spellings). Returns the options (an empty object for undefined).
 * @example const o = checkOptions('Linear', options, ['bias', 'dtype']);
 */
export function checkOptions<T extends object>(op: string, options: T | undefined | null, allowed: readonly string[]): Partial<T> {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options) || options instanceof Object === false)
    throw new TorchTypeError(`${op}: options must be an object, got ${Array.isArray(options) ? 'an array' : typeof options}`);
  const proto = Object.getPrototypeOf(options);
  if (proto !== Object.prototype && proto !== null)
    throw new TorchTypeError(`${op}: options must be a plain object, got ${(options as object).constructor?.name ?? 'an object'}`);
  for (const key of Object.keys(options)) {
    if (allowed.includes(key)) continue;
    const c = camel(key);
    const hint = c !== key && allowed.includes(c) ? ` (did you mean '${c}'?)` : allowed.length ? ` (expected one of ${allowed.join(', ')})` : '';
    throw new TorchTypeError(`${op}: unknown option '${key}'${hint}`);
  }
  return options;
}

/**
 * Throws when a call got more positional arguments than the op takes.
 * @example checkArity('ReLU', arguments.length, 1);
 */
export function checkArity(op: string, got: number, max: number): void {
  if (got > max) throw new TorchTypeError(`${op}: expected at most ${max} positional argument${max === 1 ? '' : 's'}, got ${got}`);
}

/** Throws unless v is a positive integer (sizes of layers). @example positiveInt('Linear', 'inFeatures', 3) */
export function positiveInt(op: string, name: string, v: unknown, allowZero = false): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < (allowZero ? 0 : 1))
    throw new TorchTypeError(`${op}: ${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer, got ${String(v)}`);
  return v;
}

/** Throws unless v is a number in [lo, hi]. @example inRange('Dropout', 'p', 0.5, 0, 1) */
export function inRange(op: string, name: string, v: unknown, lo: number, hi: number): number {
  if (typeof v !== 'number' || !(v >= lo && v <= hi)) throw new TorchTypeError(`${op}: ${name} must be a number in [${lo}, ${hi}], got ${String(v)}`);
  return v;
}

/** `[a, b, c]`, the way sizes appear in error messages. */
export const fmtSize = (s: readonly number[]) => `[${s.join(', ')}]`;

/**
 * Throws a TorchSizeError naming the op unless the input has one of the given ranks.
 * @example checkRank('Linear', x.shape, [1, 2, 3]);
 */
export function checkRank(op: string, shape: readonly number[], ranks: readonly number[] | { min: number; max?: number }, what = 'input'): void {
  const ok = Array.isArray(ranks) ? ranks.includes(shape.length) : shape.length >= (ranks as { min: number }).min && shape.length <= ((ranks as { max?: number }).max ?? Infinity);
  if (!ok) {
    const want = Array.isArray(ranks) ? `${ranks.join('D or ')}D` : `at least ${(ranks as { min: number }).min}D`;
    throw new TorchSizeError(`${op}: expected ${want} ${what}, got ${shape.length}D ${what} of size ${fmtSize(shape)}`);
  }
}

/**
 * PyTorch's `def f(a=1, b=2)` in TypeScript: positional arguments in order, optionally followed (or
 * replaced) by one options object with the same names. Unknown names, too many arguments and a name
 * given twice are errors naming the op.
 * @example
 * const { negativeSlope, inplace } = signature('LeakyReLU', args, { negativeSlope: 0.01, inplace: false });
 * // new nn.LeakyReLU(0.2, true)  or  new nn.LeakyReLU({ negativeSlope: 0.2 })  or  new nn.LeakyReLU(0.2, { inplace: true })
 */
export function signature<T extends Record<string, unknown>>(op: string, args: readonly unknown[], defaults: T): T {
  const names = Object.keys(defaults);
  let positional = args;
  let options: Record<string, unknown> = {};
  const last = args[args.length - 1];
  if (args.length && last !== null && typeof last === 'object' && Object.getPrototypeOf(last) === Object.prototype) {
    positional = args.slice(0, -1);
    options = checkOptions(op, last as Record<string, unknown>, names) as Record<string, unknown>;
  }
  checkArity(op, positional.length, names.length);
  const out: Record<string, unknown> = { ...defaults };
  positional.forEach((v, i) => {
    if (v !== undefined) out[names[i]!] = v;
  });
  for (const [k, v] of Object.entries(options)) {
    if (names.indexOf(k) < positional.length && positional[names.indexOf(k)] !== undefined) throw new TorchTypeError(`${op}: got '${k}' both positionally and in the options`);
    if (v !== undefined) out[k] = v;
  }
  for (const k of names) {
    const d = defaults[k], v = out[k];
    if (d !== null && d !== undefined && v !== null && typeof d !== typeof v)
      throw new TorchTypeError(`${op}: ${k} must be a ${typeof d}, got ${typeof v} (${String(v)})`);
  }
  return out as T;
}
