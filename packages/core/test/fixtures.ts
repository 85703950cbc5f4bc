// Reads the reference values that tools/gen_fixtures.py writes from real PyTorch (see docs/testing.md):
// builds input tensors exactly as PyTorch had them (dtype, values, strides) and compares results.
// Inputs are written and results read straight through the storage's TypedArray, so these helpers
// do not depend on the library's own conversion or copy code.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as torch from '../src/index';
import { halfToNumber, numberToHalf } from '../src/half';

/** A fixture value: a number, or "nan"/"inf"/"-inf", or a decimal string for int64 beyond 2^53. */
export type FixtureValue = number | string;

/** A tensor as the generator writes it. */
export interface TensorSpec {
  dtype: string;
  shape: number[];
  data: FixtureValue[];
  /** View steps applied to the contiguous base: ['t'], ['transpose', 0, 1], ['expand', [3, 4]], ['get', ...]. */
  view?: unknown[][];
  /** float16 reference computed in float32 because PyTorch 1.13 has no CPU kernel for it. */
  emulated?: boolean;
}
/** A JS scalar operand. */
export interface ScalarSpec {
  scalar: number | boolean | string;
}
/** An expected result: a tensor or PyTorch's error message. */
export type Expected = TensorSpec | { error: string };

/** The `cases` array of a fixture file. */
export function loadFixture<T>(name: string): T[] {
  const text = readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');
  return (JSON.parse(text) as { cases: T[] }).cases;
}
/** The whole `cases` object of a fixture file (for files whose cases are grouped). */
export function loadFixtureObject<T>(name: string): T {
  const text = readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');
  return (JSON.parse(text) as { cases: T }).cases;
}

export function dtypeOf(name: string): torch.DType {
  return torch.dtypeFromName(name);
}

/** Decodes a float fixture value. */
export function num(v: FixtureValue): number {
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return Number(v);
}

/** Decodes an int64 fixture value. */
export function big(v: FixtureValue): bigint {
  return BigInt(v);
}

/** A contiguous tensor of the spec's dtype and shape, its storage written directly. */
export function baseTensor(spec: TensorSpec): torch.Tensor {
  const dtype = dtypeOf(spec.dtype);
  const t = torch.empty(spec.shape, { dtype });
  const data = t.storage().data;
  spec.data.forEach((v, i) => {
    if (dtype === torch.int64) (data as BigInt64Array)[i] = big(v);
    else if (dtype === torch.float16) (data as Uint16Array)[i] = numberToHalf(num(v));
    else (data as Float32Array)[i] = num(v);
  });
  return t;
}

/** Applies generator view steps. */
export function applyView(t: torch.Tensor, steps: readonly unknown[][] | undefined): torch.Tensor {
  for (const [name, ...args] of steps ?? []) {
    switch (name) {
      case 't':
        t = t.t();
        break;
      case 'transpose':
        t = t.transpose(args[0] as number, args[1] as number);
        break;
      case 'expand':
        t = t.expand(args[0] as number[]);
        break;
      case 'get':
        t = t.get(...(args as torch.Index[]));
        break;
      default:
        throw new Error(`fixture: unknown view step ${String(name)}`);
    }
  }
  return t;
}

/** The input tensor a spec describes (base + view steps), on the device of the current backend pass. */
export function inputTensor(spec: TensorSpec): torch.Tensor {
  const base = baseTensor(spec);
  return applyView(pass === 'meta' ? base.to('meta') : base, spec.view);
}

/** A tensor or a JS scalar. */
export function operand(spec: TensorSpec | ScalarSpec): torch.Tensor | number | boolean {
  if ('scalar' in spec) return typeof spec.scalar === 'boolean' ? spec.scalar : num(spec.scalar);
  return inputTensor(spec);
}

/** Elements of a tensor in row-major order, read through its strides (int64 as bigint, bool as 0/1). */
export function readValues(t: torch.Tensor): (number | bigint)[] {
  const data = t.storage().data;
  const shape = t.size(), strides = t.stride();
  const out: (number | bigint)[] = [];
  const f16 = t.dtype === torch.float16;
  const walk = (d: number, off: number): void => {
    if (d === shape.length) {
      const v = data[off]!;
      out.push(f16 ? halfToNumber(v as number) : v);
      return;
    }
    for (let i = 0; i < shape[d]!; i++) walk(d + 1, off + i * strides[d]!);
  };
  walk(0, t.storageOffset());
  return out;
}

/** A snapshot of a tensor's visible state, to check that failed ops leave inputs unchanged. */
export function snapshot(t: unknown): string {
  if (!(t instanceof torch.Tensor)) return JSON.stringify(t);
  if (t.isMeta) return JSON.stringify({ d: t.dtype.name, s: t.size(), st: t.stride(), o: t.storageOffset() });
  return JSON.stringify({ d: t.dtype.name, s: t.size(), st: t.stride(), o: t.storageOffset(), v: readValues(t).map(String) });
}

/** Tolerance for comparing floats: |a - e| <= atol + rtol * |e|. `zeroSign` also checks the sign of zeros. */
export interface Tol {
  rtol: number;
  atol: number;
  zeroSign?: boolean;
}
export const EXACT: Tol = { rtol: 0, atol: 0, zeroSign: true };

/** Transcendental tolerances per result dtype (a few ulps). */
export function approxTol(dtype: string): Tol {
  if (dtype === 'float64') return { rtol: 1e-12, atol: 1e-12 };
  if (dtype === 'float16') return { rtol: 1e-3, atol: 1e-3 };
  return { rtol: 1e-6, atol: 1e-6 };
}

function close(a: number, e: number, tol: Tol): boolean {
  if (Number.isNaN(e) || Number.isNaN(a)) return Number.isNaN(e) && Number.isNaN(a);
  if (a === e) return tol.zeroSign && a === 0 ? Object.is(a, e) : true;
  if (!Number.isFinite(e) || !Number.isFinite(a)) return false;
  return Math.abs(a - e) <= tol.atol + tol.rtol * Math.abs(e);
}

const fmt = (v: unknown): string => (typeof v === 'number' && Object.is(v, -0) ? '-0' : String(v));

/**
 * Compares a result with the expected tensor: dtype and shape exactly, values within `tol` (integers
 * and bools always exactly, NaN positions exactly). Returns a description of the first mismatch or null.
 */
export function compareTensor(actual: torch.Tensor, expected: TensorSpec, tol: Tol = EXACT): string | null {
  if (actual.dtype.name !== expected.dtype) return `dtype ${actual.dtype.name}, expected ${expected.dtype}`;
  if (JSON.stringify(actual.size()) !== JSON.stringify(expected.shape))
    return `shape [${actual.size()}], expected [${expected.shape}]`;
  const got = readValues(actual);
  const isFloat = dtypeOf(expected.dtype).isFloatingPoint;
  const bad: string[] = [];
  for (let i = 0; i < got.length; i++) {
    const g = got[i]!;
    const e = expected.data[i]!;
    let ok: boolean;
    if (expected.dtype === 'int64') ok = g === big(e);
    else if (isFloat) ok = close(g as number, num(e), tol);
    else ok = g === num(e);
    if (!ok) bad.push(`[${i}] got ${fmt(g)} expected ${fmt(typeof e === 'number' ? e : e)}`);
  }
  if (bad.length === 0) return null;
  return `${bad.length}/${got.length} values differ: ${bad.slice(0, 4).join('; ')}${bad.length > 4 ? '; ...' : ''}`;
}

/** Compact description of a spec for failure messages. */
export function describeSpec(spec: TensorSpec | ScalarSpec | undefined): string {
  if (spec === undefined) return '-';
  if ('scalar' in spec) return `scalar ${JSON.stringify(spec.scalar)}`;
  return `${spec.dtype}[${spec.shape}]${spec.view ? ' ' + JSON.stringify(spec.view) : ''}`;
}

/** True for PyTorch errors that mean "no CPU kernel for this dtype" rather than a dtype rule. */
export function isKernelGap(error: string): boolean {
  return /not implemented for '/.test(error);
}

// ---------------------------------------------------------------- every fixture case on every backend
//
// A fixture case runs twice: on cpu, where it checks values against PyTorch, and again with its inputs on
// the meta device (sizes and no memory), where the op must give a result with the sizes, contiguity and
// dtype the cpu pass gave, on meta; refuse data reads; and throw the error the cpu pass threw. A case's
// body builds its inputs with inputTensor/operand (meta tensors on the second pass, `fixtureDevice()`
// for tensors it makes itself) and hands the op's outcome to `sameOnEveryBackend`, which on the meta pass
// compares it with the cpu outcome and ends the pass there.

/** The backends every fixture case runs on. */
export const BACKENDS = ['cpu', 'meta'] as const;
let pass: (typeof BACKENDS)[number] = 'cpu';
let recorded: Outcome[] = [];
let replayAt = 0;

/** The device of the current pass, as factory options: `torch.zeros(2, { ...fixtureDevice() })`. */
export function fixtureDevice(): { device: string } {
  return { device: pass };
}

/** What an op did: its result (or the error it threw). */
export interface Outcome {
  result?: unknown;
  error?: unknown;
}

/** Calls f, catching what it throws. */
export function attempt(f: () => unknown): Outcome {
  try {
    return { result: f() };
  } catch (error) {
    return { error };
  }
}

/** Ends the meta pass of a case: `failure` null when the meta outcome agrees with the cpu one. */
class MetaPassEnd {
  constructor(readonly failure: string | null) {}
}

/**
 * Ops whose result size depends on the values: on meta they throw a TorchDeviceError that names them
 * (PyTorch's meta device refuses them too); any other op doing so fails the case.
 */
export const DATA_DEPENDENT_OPS = ['nonzero', 'maskedSelect', 'bincount', 'unique', 'uniqueConsecutive', 'argwhere', 'index with a bool mask', 'set with a bool mask', 'indexPut_ with a bool mask'];

/**
 * Errors the cpu pass may throw that only the values can reveal (an index past its dim, division by
 * zero, a non-finite histc range, a singular matrix, ...): a meta tensor has no values, so the meta pass
 * may return its result's metadata instead, as PyTorch's meta device does.
 */
const VALUE_ERRORS = /out of (range|bounds)|the mask selects|ZeroDivision|is out of|index \d+ is|outside|must be in \[|not finite|non-finite|singular|positive.definite|not converge|contains a negative|negative values|invalid multinomial|sum of probabilities|must contain|range of|of bounds|[<>]=?\s*0\b|NaN|too many indices|expected .*non-negative|min .*max|max must be larger than min/;

/** The metadata of an outcome that a meta run must reproduce: tensors (alone, in arrays, in named tuples) and plain values. */
function shapeOf(v: unknown): unknown {
  if (v instanceof torch.Tensor) return { size: v.size(), contiguous: v.isContiguous(), dtype: v.dtype.name };
  if (Array.isArray(v)) return v.map(shapeOf);
  if (v !== null && typeof v === 'object') {
    const tensors = Object.entries(v).filter(([, x]) => x instanceof torch.Tensor || Array.isArray(x));
    if (tensors.length > 0) return Object.fromEntries(tensors.map(([k, x]) => [k, shapeOf(x)]));
  }
  return { value: typeof v };
}

/** True when an outcome holds a plain value (a number, a boolean ...), which a meta run cannot have. */
function holdsData(shape: unknown): boolean {
  if (Array.isArray(shape)) return shape.some(holdsData);
  if (shape !== null && typeof shape === 'object') return 'value' in shape || Object.values(shape).some(holdsData);
  return false;
}

/** Every tensor in a meta outcome is on meta. */
function allMeta(v: unknown): boolean {
  if (v instanceof torch.Tensor) return v.isMeta;
  if (Array.isArray(v)) return v.every(allMeta);
  if (v !== null && typeof v === 'object') return Object.values(v).every((x) => !(x instanceof torch.Tensor || Array.isArray(x)) || allMeta(x));
  return true;
}

const message = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/** The meta pass's verdict on an outcome, given the cpu pass's. */
function compareOutcomes(label: string, cpu: Outcome, got: Outcome): string | null {
  if (cpu.error !== undefined) {
    const valueError = VALUE_ERRORS.test((cpu.error as Error).message ?? '');
    if (got.error !== undefined) {
      if ((got.error as Error).message === (cpu.error as Error).message) return null;
      if (valueError && got.error instanceof torch.TorchDeviceError && /depends on the data/.test(got.error.message)) return null;
      return `meta threw ${message(got.error)}; cpu threw ${message(cpu.error)}`;
    }
    if (valueError) return allMeta(got.result) ? null : 'meta gave a result off the meta device';
    return `meta returned where cpu threw ${message(cpu.error)}`;
  }
  const want = shapeOf(cpu.result);
  if (got.error !== undefined) {
    const e = got.error;
    if (!(e instanceof torch.TorchDeviceError)) return `meta threw ${message(e)}; cpu gave ${JSON.stringify(want)}`;
    if (holdsData(want) && /has sizes and no data/.test(e.message)) return null;
    if (DATA_DEPENDENT_OPS.some((name) => e.message.startsWith(`${name}: the size of the result depends on the data`))) return null;
    return `meta threw ${message(e)}; cpu gave ${JSON.stringify(want)}`;
  }
  if (holdsData(want)) return `meta returned ${JSON.stringify(shapeOf(got.result))}, a value it cannot know; cpu gave ${JSON.stringify(want)}`;
  if (!allMeta(got.result)) return 'meta gave a result off the meta device';
  const have = shapeOf(got.result);
  return JSON.stringify(have) === JSON.stringify(want) ? null : `meta gave ${JSON.stringify(have)}, cpu ${JSON.stringify(want)}`;
}

/**
 * The point of a fixture case where its op has run. On the cpu pass it records the outcome and returns,
 * so the case goes on to check values; on the meta pass it compares the outcome with the cpu pass's and
 * ends the pass (the rest of the case reads values).
 */
export function sameOnEveryBackend(label: string, outcome: Outcome): void {
  if (pass === 'cpu') {
    recorded.push(outcome);
    return;
  }
  const cpu = recorded[replayAt++];
  if (cpu === undefined) throw new MetaPassEnd(`${label}: the meta pass reached an op the cpu pass did not`);
  const bad = compareOutcomes(label, cpu, outcome);
  throw new MetaPassEnd(bad === null ? null : `${label} on meta: ${bad}`);
}

/**
 * Runs one fixture case on every backend: on cpu (`body`'s own checks, which return a failure or null, or throw),
 * then, if that passed, on meta, where `sameOnEveryBackend` compares the op's outcome with the cpu one.
 * Returns the first failure, or null.
 * @example runAll(cases, (c) => onEveryBackend(() => runUnary(c)))
 */
export function onEveryBackend(body: () => string | null | void): string | null {
  recorded = [];
  const cpu = body() ?? null;
  if (cpu !== null || recorded.length === 0) return cpu;
  pass = 'meta';
  replayAt = 0;
  try {
    body();
    return 'the meta pass never reached the op';
  } catch (e) {
    if (e instanceof MetaPassEnd) return e.failure;
    return `on meta, before the op: ${message(e)}`;
  } finally {
    pass = 'cpu';
  }
}
