/**
 * Strict arguments (DESIGN.md §3): every op's signature is declared once (ops/signatures.ts, and the
 * elementwise op table), and the checks are derived from it. A call with too many positional
 * arguments, an unknown option key or an option of the wrong type is a TorchTypeError naming the op;
 * snake_case spellings and near misses of a real key get a did-you-mean. See docs/arguments.md.
 *
 * Cost: the checks run only on the slow path, when a call passes more arguments than the op's
 * positional count or passes an options object, so `a.add(b)` pays one length test and one type test.
 */
import { DType, dtypeFromName } from '../dtype';
import { TorchTypeError } from '../errors';
import { Tensor, describe } from '../tensor';

/** What an option's value must be; checked only when the key is present and not undefined. */
export type OptionKind = 'bool' | 'number' | 'dims' | 'out' | 'dtype' | 'object' | 'string' | 'device' | 'any';

/** One op's declared signature, parsed from its declaration string (see `parseSignature`). */
export interface Signature {
  /** Names of the positional parameters the implementation takes (after self for methods). */
  readonly positional: readonly string[];
  /** Options PyTorch also takes positionally, in order, after `positional` (`x.sum(1, true)` is keepdim). */
  readonly folded: readonly string[];
  /** The option keys (empty: the op takes no options object). */
  readonly options: ReadonlySet<string>;
  /** Takes any number of positional arguments (view(2, 3), repeat(...)): only options are checked. */
  readonly variadic: boolean;
}

/** The kind of each option key used anywhere in core (one meaning per key across ops). */
const KINDS: Record<string, OptionKind> = {
  out: 'out', dtype: 'dtype', device: 'device', generator: 'any', dim: 'dims',
  alpha: 'number', beta: 'number', value: 'number', rcond: 'number', p: 'any', reduce: 'string',
  keepdim: 'bool', descending: 'bool', stable: 'bool', largest: 'bool', sorted: 'bool', returnInverse: 'bool',
  returnCounts: 'bool', upper: 'bool', transpose: 'bool', unitriangular: 'bool', some: 'bool', computeUv: 'bool',
  eigenvectors: 'bool', replacement: 'bool', accumulate: 'bool', asTuple: 'bool', copy: 'bool', unbiased: 'bool',
  requiresGrad: 'bool', nonBlocking: 'bool',
};

/**
 * Parses a declaration: positional names, then `=name` for options PyTorch also takes positionally,
 * `...name` for a variadic tail, and after `|` the option keys.
 * @example parseSignature('dim =keepdim | dim keepdim dtype out')
 */
export function parseSignature(decl: string): Signature {
  const [pos = '', opts = ''] = decl.split('|');
  const positional: string[] = [], folded: string[] = [];
  let variadic = false;
  for (const w of pos.split(/\s+/).filter(Boolean)) {
    if (w.startsWith('=')) folded.push(w.slice(1));
    else if (w.startsWith('...')) variadic = true;
    else positional.push(w);
  }
  return { positional, folded, options: new Set(opts.split(/\s+/).filter(Boolean)), variadic };
}

/** True for `{ ... }` literals (not tensors, arrays, devices, generators or other class instances). @example isPlainObject({ keepdim: true }) // true */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object') return false;
  const p = Object.getPrototypeOf(x);
  return p === Object.prototype || p === null;
}

const camel = (s: string): string => s.replace(/[_-]([a-z])/g, (_, c: string) => c.toUpperCase());

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/**
 * The valid key a wrong one most likely meant: its camelCase spelling, the same word in another case
 * or without separators (`keep_dim` → keepdim), or one within two edits (`keepdims`). Null if none.
 * @example didYouMean('requires_grad', ['requiresGrad']) // 'requiresGrad'
 */
export function didYouMean(key: string, valid: Iterable<string>): string | null {
  const list = [...valid];
  const c = camel(key);
  if (list.includes(c)) return c;
  const flat = (s: string) => s.replace(/[_-]/g, '').toLowerCase();
  const f = flat(key);
  const same = list.find((v) => flat(v) === f);
  if (same) return same;
  let best: string | null = null, bestD = key.length > 4 ? 3 : 2;
  for (const v of list) {
    const d = editDistance(f, flat(v));
    if (d < bestD) [best, bestD] = [v, d];
  }
  return best;
}

/** The error for an unknown option key, with a did-you-mean when one is close. @example throw unknownOption('sum', 'keep_dim', ['dim', 'keepdim']) */
export function unknownOption(op: string, key: string, valid: Iterable<string>): TorchTypeError {
  const list = [...valid];
  const near = didYouMean(key, list);
  const hint = near ? ` (did you mean '${near}'?)` : list.length ? `; valid options: ${list.join(', ')}` : '; it takes no options';
  return new TorchTypeError(`${op}: unknown option '${key}'${hint}`);
}

/**
 * A dtype from any of the forms users write: a dtype (`torch.float64`), its name (`'float64'`,
 * `'torch.float64'`, `'double'`), a type name (`'torch.DoubleTensor'`) or a typed class (`torch.DoubleTensor`).
 * @example resolveDtype('to', 'torch.DoubleTensor') // torch.float64
 */
export function resolveDtype(op: string, x: unknown, arg = 'dtype'): DType {
  if (x instanceof DType) return x;
  if (typeof x === 'function' && (x as { dtype?: unknown }).dtype instanceof DType) return (x as unknown as { dtype: DType }).dtype;
  if (typeof x === 'string') {
    const m = /^(?:torch\.)?([A-Z][a-z]*)Tensor$/.exec(x);
    const word = m ? m[1]!.toLowerCase() : x.replace(/^torch\./, '');
    try {
      return dtypeFromName(TYPE_WORDS[word] ?? word);
    } catch {
      // fall through to the error naming the op
    }
  }
  throw new TorchTypeError(
    `${op}: ${arg} must be a dtype (torch.float32), its name ('float32', 'torch.FloatTensor') or a typed class (torch.FloatTensor), got ${describeValue(x)}`,
  );
}

// The type words of the typed classes ('Float' in FloatTensor) and PyTorch's dtype aliases.
const TYPE_WORDS: Record<string, string> = {
  float: 'float32', double: 'float64', half: 'float16', long: 'int64', int: 'int32', short: 'int16', char: 'int8', byte: 'uint8',
};

/** A value as error messages show it: strings quoted, tensors by type and size. @example describeValue('x') // "'x'" */
export function describeValue(x: unknown): string {
  if (typeof x === 'string') return `'${x}'`;
  if (typeof x === 'function') return `function ${x.name || '(anonymous)'}`;
  return describe(x);
}

function kindOk(kind: OptionKind, v: unknown): boolean {
  switch (kind) {
    case 'bool': return typeof v === 'boolean';
    case 'number': return typeof v === 'number';
    case 'dims': return typeof v === 'number' || Array.isArray(v);
    case 'out': return v === null || typeof v === 'object';
    case 'object': return v === null || typeof v === 'object';
    case 'string': return typeof v === 'string';
    case 'device': return typeof v === 'string' || typeof v === 'number' || (typeof v === 'object' && v !== null);
    default: return true;
  }
}

const KIND_WORDS: Record<OptionKind, string> = {
  bool: 'a boolean', number: 'a number', dims: 'an integer or a list of integers', out: 'a Tensor', dtype: 'a dtype',
  object: 'an object', string: 'a string', device: 'a device', any: 'a value',
};

/**
 * Checks an options object against the allowed keys and each key's kind; returns it, with a `dtype`
 * given by name or typed class replaced by the dtype.
 * @example checkOptionsObject('sum', { keepdim: true }, new Set(['keepdim'])) // { keepdim: true }
 */
export function checkOptionsObject(op: string, o: Record<string, unknown>, allowed: ReadonlySet<string>): Record<string, unknown> {
  let res = o;
  for (const k in o) {
    if (!allowed.has(k)) throw unknownOption(op, k, allowed);
    const v = o[k];
    if (v === undefined) continue;
    const kind = KINDS[k];
    if (kind === 'dtype') {
      if (v !== null && !(v instanceof DType)) res = { ...res, dtype: resolveDtype(op, v) };
    } else if (kind !== undefined && !kindOk(kind, v)) {
      throw new TorchTypeError(`${op}: option '${k}' must be ${KIND_WORDS[kind]}, got ${describeValue(v)}`);
    }
  }
  return res;
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

/**
 * The slow path of a checked call: validates `args` against `sig` and returns the arguments to pass on
 * (options PyTorch takes positionally folded into the options object, dtype names resolved).
 * `offset` is 1 for the function form (`torch.sum(x, ...)`), whose first argument is self.
 * @internal
 */
export function checkCall(op: string, sig: Signature, args: ArrayLike<unknown>, offset = 0): unknown[] {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  const out = Array.prototype.slice.call(args, 0, n) as unknown[];
  const P = offset + sig.positional.length;
  // Objects in positional slots are options given early (x.sum({ dim: 1 })): same keys.
  for (let i = offset; i < Math.min(n, P); i++) if (isPlainObject(out[i])) out[i] = checkOptionsObject(op, out[i] as Record<string, unknown>, sig.options);
  if (n <= P || sig.variadic) {
    if (sig.variadic && n > 0 && isPlainObject(out[n - 1])) {
      if (sig.options.size === 0) throw new TorchTypeError(`${op}: takes no options object, got one with keys ${Object.keys(out[n - 1] as object).join(', ') || '(none)'}`);
      out[n - 1] = checkOptionsObject(op, out[n - 1] as Record<string, unknown>, sig.options);
    }
    return out;
  }
  let options: Record<string, unknown> | undefined;
  let rest = out.slice(P);
  const last = rest[rest.length - 1];
  if (isPlainObject(last) || last === null) {
    if (isPlainObject(last) && sig.options.size === 0)
      throw new TorchTypeError(`${op}: takes no options object, got one with keys ${Object.keys(last).join(', ') || '(none)'}`);
    options = last === null ? undefined : last;
    rest = rest.slice(0, -1);
  }
  if (rest.length > sig.folded.length) {
    const at = P + sig.folded.length;
    const names = [...(offset ? ['self'] : []), ...sig.positional, ...sig.folded];
    const what = names.length ? ` (${names.join(', ')})` : '';
    const opts = sig.options.size ? ` and an options object { ${[...sig.options].join(', ')} }` : '';
    const head = `${op}: takes ${plural(names.length, 'positional argument')}${what}${opts}, but argument ${at + 1}`;
    if (isPlainObject(out[at])) throw new TorchTypeError(`${head} is an options object with ${n - at - 1} more argument(s) after it (the options object comes last)`);
    throw new TorchTypeError(
      `${head} is ${describeValue(out[at])}` +
        (isTensorValue(out[at]) || sig.options.size === 0 ? '' : '; pass options as an object, e.g. { ' + (sig.folded[0] ?? [...sig.options][0]) + ': ... }'),
    );
  }
  if (rest.length > 0) {
    const merged: Record<string, unknown> = { ...options };
    for (let i = 0; i < rest.length; i++) {
      const k = sig.folded[i]!;
      if (options && options[k] !== undefined) throw new TorchTypeError(`${op}: ${k} given both positionally and as an option`);
      merged[k] = rest[i];
    }
    options = merged;
  }
  const res = out.slice(0, P);
  if (options !== undefined) {
    while (res.length < P) res.push(undefined);
    res.push(checkOptionsObject(op, options, sig.options));
  }
  return res;
}

function isTensorValue(x: unknown): boolean {
  return x instanceof Tensor || (typeof x === 'object' && x !== null && 'data' in x && (x as { data: unknown }).data instanceof Tensor);
}

/** Any function (every function type is assignable to it; calls go through `call` below). */
type AnyFn = (...args: never[]) => unknown;
/** How the wrappers call an implementation: with the arguments they were given, whatever its declared parameters. */
type Impl = (...args: unknown[]) => unknown;

/**
 * Wraps a method so calls are checked against its signature. The common call (no more arguments than
 * the positional count, no options object) goes straight through.
 * @internal
 */
export function checkedMethod<F extends AnyFn>(op: string, sig: Signature, impl: F): F {
  const P = sig.variadic ? Infinity : sig.positional.length;
  const f = impl as unknown as Impl;
  // `arguments` rather than rest parameters: the common call then allocates no array.
  /* eslint-disable prefer-rest-params */
  const checked = function (this: unknown) {
    const n = arguments.length;
    if (n > P || (n > 0 && isObjectArg(arguments[n - 1]))) return f.apply(this, checkCall(op, sig, arguments));
    return f.apply(this, arguments as unknown as unknown[]);
  };
  /* eslint-enable prefer-rest-params */
  Object.defineProperty(checked, 'name', { value: impl.name || op });
  (checked as { [STRICT]?: Signature })[STRICT] = sig;
  return checked as unknown as F;
}

/** The same for a function whose first argument is self (`torch.sum(x, 1, true)`). @internal */
export function checkedFunction<F extends AnyFn>(op: string, sig: Signature, impl: F): F {
  const P = sig.variadic ? Infinity : sig.positional.length + 1;
  const f = impl as unknown as Impl;
  // `arguments` rather than rest parameters: the common call then allocates no array.
  /* eslint-disable prefer-rest-params */
  const checked = function (this: unknown) {
    const n = arguments.length;
    if (n > P || (n > 1 && isObjectArg(arguments[n - 1]))) return f.apply(this, checkCall(op, sig, arguments, 1));
    return f.apply(this, arguments as unknown as unknown[]);
  };
  /* eslint-enable prefer-rest-params */
  Object.defineProperty(checked, 'name', { value: impl.name || op });
  (checked as { [STRICT]?: Signature })[STRICT] = sig;
  return checked as unknown as F;
}

/** Cheap test for the fast path: a plain-object last argument is an options object (null only matters past the positional count). */
function isObjectArg(x: unknown): boolean {
  return typeof x === 'object' && x !== null && ((x as object).constructor === Object || Object.getPrototypeOf(x) === null);
}

/** Marks checked functions with their signature (tests and the umbrella package read it). */
export const STRICT: unique symbol = Symbol.for('torch.strictSignature');

/**
 * Marks `fn` as checked against `sig` without wrapping it: for a function whose every path calls a
 * checked one (the umbrella's torch.add dispatching to @torch/core's or to the Variable method). @internal
 */
export function markChecked<F extends AnyFn>(fn: F, sig: Signature): F {
  (fn as { [STRICT]?: Signature })[STRICT] = sig;
  return fn;
}

/** The signature a checked method or function was declared with, or undefined. @internal */
export function signatureOf(fn: unknown): Signature | undefined {
  return typeof fn === 'function' ? (fn as { [STRICT]?: Signature })[STRICT] : undefined;
}

/**
 * The integer-literal trap: JavaScript has no `1.0`, so `torch.tensor([1, 2])` is int64 (as PyTorch
 * infers from integers). Errors caused by an integer dtype where a float one is needed append this fix.
 * Empty for floating point dtypes.
 * @example throw new TorchTypeError(`mean: needs a floating point input, got ${t.dtype}${integerDtypeHint(t.dtype)}`)
 */
export function integerDtypeHint(dtype: DType): string {
  if (dtype.isFloatingPoint) return '';
  return (
    `. Integer literals make integer tensors (JavaScript's 1.0 is 1, so torch.tensor([1.0, 2.0]) is int64 as in PyTorch): ` +
    'ask for floats with torch.tensor([1, 2], { dtype: torch.float32 }) or torch.FloatTensor([1, 2]), or convert with .float()'
  );
}
