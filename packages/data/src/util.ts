/** Argument checks shared by the data package. @internal */
import { TorchIndexError, TorchTypeError } from '@torch/core';

/** A short description of a value for error messages. */
export function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return `an array of length ${x.length}`;
  if (typeof x === 'object') return (x as object).constructor?.name ? `a ${(x as object).constructor.name}` : 'an object';
  if (typeof x === 'string') return `the string ${JSON.stringify(x.length > 40 ? x.slice(0, 40) + '…' : x)}`;
  return `${typeof x} ${String(x)}`;
}

/** Throws when `options` is not a plain object or has keys outside `allowed` (with a did-you-mean for snake_case). */
export function checkOptions(op: string, options: unknown, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw new TorchTypeError(`${op}: options must be an object, got ${describe(options)}`);
  for (const key of Object.keys(options)) {
    if (allowed.includes(key)) continue;
    const camel = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    const hint = camel !== key && allowed.includes(camel) ? ` (did you mean '${camel}'?)` : '';
    throw new TorchTypeError(`${op}: unknown option '${key}'${hint}; expected one of ${allowed.join(', ')}`);
  }
}

/** An index into a sequence of `length` items, negative counting from the end; returns it non-negative. */
export function checkIndex(op: string, index: unknown, length: number): number {
  if (typeof index !== 'number' || !Number.isInteger(index)) throw new TorchTypeError(`${op}: index must be an integer, got ${describe(index)}`);
  if (index < -length || index >= length) throw new TorchIndexError(`${op}: index ${index} is out of range for length ${length}`);
  return index < 0 ? index + length : index;
}

/** A positive integer argument. */
export function checkPositiveInt(op: string, name: string, x: unknown): number {
  if (typeof x !== 'number' || !Number.isSafeInteger(x) || x <= 0) throw new TorchTypeError(`${op}: ${name} must be a positive integer, got ${describe(x)}`);
  return x;
}

/** A boolean argument. */
export function checkBool(op: string, name: string, x: unknown): boolean {
  if (typeof x !== 'boolean') throw new TorchTypeError(`${op}: ${name} must be a boolean, got ${describe(x)}`);
  return x;
}
