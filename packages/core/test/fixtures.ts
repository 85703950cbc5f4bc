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

/** The input tensor a spec describes (base + view steps). */
export function inputTensor(spec: TensorSpec): torch.Tensor {
  return applyView(baseTensor(spec), spec.view);
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
