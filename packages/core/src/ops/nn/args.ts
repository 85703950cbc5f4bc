/**
 * Argument checks shared by the nn layer ops: options objects with known keys only, size tuples
 * given as a number or one number per spatial dim, and the input checks every layer repeats.
 * @internal
 */
import { float32, float64 } from '../../dtype';
import { fmtSize, TorchSizeError, TorchTypeError } from '../../errors';
import { checkTensor, describe, type Tensor } from '../../tensor';
import type { Triple } from './kernels';
import { integerDtypeHint } from '../strict';

const camel = (s: string) => s.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** Throws unless `options` is undefined or a plain object whose keys are all in `allowed`. */
export function checkOptions(op: string, options: unknown, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new TorchTypeError(`${op}: expected an options object, got ${describe(options)}`);
  for (const key of Object.keys(options)) {
    if (allowed.includes(key)) continue;
    const hint = allowed.includes(camel(key)) ? ` (did you mean ${camel(key)}?)` : '';
    throw new TorchTypeError(`${op}: unknown option ${key}${hint}; expected one of ${allowed.join(', ')}`);
  }
}

/** A number or a list of `n` numbers, as a list of `n` integers >= `min`. */
export function tuple(op: string, name: string, v: unknown, n: number, min: number): number[] {
  const list = typeof v === 'number' ? new Array<number>(n).fill(v) : Array.isArray(v) ? (v as unknown[]) : null;
  if (list === null || list.length !== n || !list.every((x) => typeof x === 'number' && Number.isInteger(x)))
    throw new TorchTypeError(`${op}: ${name} must be an integer or a list of ${n} integers, got ${Array.isArray(v) ? `[${v.join(', ')}]` : describe(v)}`);
  const nums = list as number[];
  if (nums.some((x) => x < min)) throw new TorchSizeError(`${op}: ${name} must be at least ${min}, got ${fmtSize(nums)}`);
  return nums;
}

/** Pads a list of 1..3 spatial values on the left to depth/height/width. */
export function triple(v: readonly number[], fill: number): Triple {
  const t = [fill, fill, fill];
  for (let i = 0; i < v.length; i++) t[3 - v.length + i] = v[i]!;
  return t as unknown as Triple;
}

/** Checks a float32/float64 tensor of rank `ranks` (named `arg`). */
export function checkFloatTensor(op: string, x: unknown, arg: string, ranks: readonly number[]): asserts x is Tensor {
  checkTensor(op, x, arg);
  if (x.dtype !== float32 && x.dtype !== float64) throw new TorchTypeError(`${op}: ${arg} must be float32 or float64, got ${x.dtype} (size ${fmtSize(x.shape)})${integerDtypeHint(x.dtype)}`);
  if (!ranks.includes(x.dim()))
    throw new TorchSizeError(`${op}: expected ${arg} of ${ranks.map((r) => `${r}D`).join(' or ')}, got size ${fmtSize(x.shape)}`);
}

/** Checks that `t` (when given) has `like`'s dtype. */
export function checkSameDtype(op: string, t: Tensor | null | undefined, arg: string, like: Tensor): void {
  if (t !== null && t !== undefined && t.dtype !== like.dtype)
    throw new TorchTypeError(`${op}: ${arg} has dtype ${t.dtype} but input has ${like.dtype}`);
}

/** An explicit output tensor for a THNN-style call: resized to `shape` when it differs, and contiguous. */
export function prepareOutput(op: string, out: Tensor, arg: string, shape: readonly number[], like: Tensor): Tensor {
  checkTensor(op, out, arg);
  checkSameDtype(op, out, arg, like);
  if (out.shape.length !== shape.length || out.shape.some((s, i) => s !== shape[i])) out.resize_(shape as number[]);
  if (!out.isContiguous()) throw new TorchTypeError(`${op}: ${arg} must be contiguous (size ${fmtSize(out.shape)})`);
  return out;
}
