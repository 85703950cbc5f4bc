// Typings of the addon's exports. Numbers for each call are written into `meta` first; the layout
// of each call is documented at its binding in src/binding/.

type Data = Float32Array | Float64Array | Uint16Array | BigInt64Array | Int32Array | Int16Array | Int8Array | Uint8Array;

/** Shared argument buffer of every call (1024 doubles). */
export const meta: Float64Array;
/** How the OpenBLAS kernel set was chosen before load (see blas-coretype.js). */
export const openblasCoretypeChoice: { coretype: string | null; reason: 'user' | 'avx512' | 'openblas' };

/** Elementwise op over strided operands; meta = [op, dtype, p0, p1, ndim, sizes..., per operand: dtype, offset, scalar, strides...]. */
export function elementwise(out: Data, a?: Data | null, b?: Data | null, c?: Data | null): void;
/** Elementwise op over contiguous same-dtype operands; meta = [op, dtype, n, p0, p1, outOffset, per input: offset, scalar]. */
export function elementwise1d(out: Data, a?: Data | null, b?: Data | null, c?: Data | null): void;

export function setNumThreads(n: number): void;
export function getNumThreads(): number;
/** SIMD level the elementwise loops were selected for: 'avx512' | 'avx2' | 'baseline'. */
export function simdLevel(): string;
/** out[i] = start + i*step for i < n, computed in double. */
export function arange(out: Data, dtype: number, n: number, start: number, step: number): void;
/** n points from start to end inclusive. */
export function linspace(out: Data, dtype: number, n: number, start: number, end: number): void;

/** mt19937 state: a Uint32Array of 625 words (624 + index). */
export function mtSeed(state: Uint32Array, seed: number | bigint): void;
export function mtUniform(state: Uint32Array): number;
/** kind 0: uniform [a, b); kind 1: normal(mean a, std b). */
export function fillRandom(state: Uint32Array, kind: 0 | 1, out: Data, dtype: number, n: number, a: number, b: number): void;
