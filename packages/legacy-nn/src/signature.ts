/**
 * Strict constructor arguments for the legacy modules and criteria. Each class declares its Torch7
 * signature once, as a decorator (`@signature('inputSize: number, outputSize: number, bias?: boolean')`),
 * and constructing it with more positional arguments, a required one left out, or one of the wrong
 * type throws a TorchTypeError naming the module:
 * `nn.Linear: expected at most 3 arguments (inputSize, outputSize, bias), got 4`.
 */
import { DType, Tensor, TorchTypeError } from '@torch/core';

/** One declared constructor parameter. */
export interface Param {
  name: string;
  /** The accepted kinds: number, boolean, string, Tensor, DType, module, array, null. */
  types: readonly string[];
  optional: boolean;
  /** `...name: type`: takes every remaining argument. */
  rest: boolean;
}

const KINDS: Record<string, (v: unknown) => boolean> = {
  number: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  string: (v) => typeof v === 'string',
  Tensor: (v) => v instanceof Tensor,
  DType: (v) => v instanceof DType,
  module: (v) => typeof v === 'object' && v !== null && typeof (v as { updateOutput?: unknown }).updateOutput === 'function',
  array: (v) => Array.isArray(v),
  null: (v) => v === null,
};

/** 'a: number, b?: boolean | null, ...c: number' → its parameters. @internal */
export function parseSignature(text: string): Param[] {
  if (text.trim() === '') return [];
  return text.split(',').map((part) => {
    const m = /^\s*(\.\.\.)?(\w+)(\?)?\s*:\s*(.+?)\s*$/.exec(part);
    if (!m) throw new TorchTypeError(`signature: cannot read '${part.trim()}'`);
    const types = m[4]!.split('|').map((t) => t.trim());
    for (const t of types) if (!KINDS[t]) throw new TorchTypeError(`signature: unknown type '${t}' for ${m[2]}`);
    return { name: m[2]!, types, optional: !!m[3] || !!m[1], rest: !!m[1] };
  });
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (v instanceof Tensor) return `a tensor of size [${v.size().join(', ')}]`;
  if (typeof v === 'object') return v.constructor?.name ? `a ${v.constructor.name}` : 'an object';
  return `${typeof v} ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`;
}

/** Throws a TorchTypeError naming `op` when `args` do not fit `params`. @internal */
export function checkArguments(op: string, params: readonly Param[], args: readonly unknown[]): void {
  const rest = params.length > 0 && params[params.length - 1]!.rest;
  const fixed = rest ? params.length - 1 : params.length;
  if (!rest && args.length > params.length)
    throw new TorchTypeError(`${op}: expected at most ${params.length} argument${params.length === 1 ? '' : 's'}${params.length ? ` (${params.map((p) => p.name).join(', ')})` : ''}, got ${args.length}`);
  for (let i = 0; i < Math.max(args.length, fixed); i++) {
    const p = params[Math.min(i, params.length - 1)]!;
    const v = args[i];
    if (v === undefined) {
      if (!p.optional) throw new TorchTypeError(`${op}: missing argument ${i + 1} (${p.name})`);
      continue;
    }
    if (!p.types.some((t) => KINDS[t]!(v)))
      throw new TorchTypeError(`${op}: argument ${i + 1} (${p.name}) must be ${p.types.join(' or ')}, got ${describe(v)}`);
  }
}

/** Where a checked class keeps its parsed signature (what the tests read). */
const SIGNATURE = Symbol('legacy-nn signature');

/** The parameters a class declared with `@signature`, or undefined. @internal */
export function signatureOf(cls: unknown): readonly Param[] | undefined {
  return typeof cls === 'function' && Object.prototype.hasOwnProperty.call(cls, SIGNATURE) ? (cls as unknown as Record<symbol, Param[]>)[SIGNATURE] : undefined;
}

type Constructor = new (...args: never[]) => object;

/**
 * Declares a module's (or criterion's) constructor signature and checks every direct construction
 * against it (a subclass checks its own). Returns the class wrapped in a subclass of the same name.
 * @example
 * ‍@signature('inputSize: number, outputSize: number, bias?: boolean')
 * export class Linear extends Module { ... }
 */
export function signature(text: string) {
  const params = parseSignature(text);
  return <C extends Constructor>(target: C, _context: ClassDecoratorContext<C>): C => {
    const op = `nn.${target.name}`;
    const Base = target as unknown as new (...args: unknown[]) => object;
    // Named through the computed key rather than by redefining `name`, which would turn the class into
    // a slow dictionary-mode object (instanceof on it then takes V8's generic path).
    const Checked = {
      [target.name]: class extends Base {
        constructor(...args: unknown[]) {
          if (new.target === Checked) checkArguments(op, params, args);
          super(...args);
        }
      },
    }[target.name]!;
    Object.defineProperty(Checked, SIGNATURE, { value: params });
    return Checked as unknown as C;
  };
}
