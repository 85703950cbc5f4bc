// bmm(out, a, b) against a naive triple loop: every dtype, BLAS-able and non-BLAS-able layouts,
// broadcast batches, beta == 0 with NaN in out, alpha/beta scaling, addbmm accumulation, empty
// shapes and the bounds checks. Runs against whichever GEMM the addon was built with (OpenBLAS or
// the builtin kernel: build with TORCH_NO_BLAS=1 to test the latter).
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const native = require('../index.js');

const meta: Float64Array = native.meta;

type DtypeName = 'float32' | 'float64' | 'float16' | 'int64' | 'int32' | 'int16' | 'int8' | 'uint8' | 'bool';
type Layout = 'row' | 'col' | 'padded' | 'strided' | 'bcast';
type Storage = Float32Array | Float64Array | Uint16Array | BigInt64Array | Int32Array | Int16Array | Int8Array | Uint8Array;

const DTYPES: Record<DtypeName, { code: number; ctor: new (n: number) => Storage; bits?: number; signed?: boolean }> = {
  float32: { code: 0, ctor: Float32Array },
  float64: { code: 1, ctor: Float64Array },
  float16: { code: 2, ctor: Uint16Array },
  int64: { code: 3, ctor: BigInt64Array, bits: 64, signed: true },
  int32: { code: 4, ctor: Int32Array, bits: 32, signed: true },
  int16: { code: 5, ctor: Int16Array, bits: 16, signed: true },
  int8: { code: 6, ctor: Int8Array, bits: 8, signed: true },
  uint8: { code: 7, ctor: Uint8Array, bits: 8, signed: false },
  bool: { code: 8, ctor: Uint8Array },
};

// --- float16 bits <-> number -------------------------------------------------------------------
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
function halfToNumber(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}
// Exact for the values the tests use (small integers and halves).
function numberToHalf(v: number): number {
  if (Number.isNaN(v)) return 0x7e00;
  f32[0] = v;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  if (v === 0) return sign;
  const e = ((x >>> 23) & 0xff) - 127 + 15;
  return sign | (e << 10) | ((x >>> 13) & 0x3ff);
}

// --- operands ----------------------------------------------------------------------------------
interface Operand {
  arr: Storage;
  offset: number;
  bs: number;
  rs: number;
  cs: number;
}

let seed = 12345;
function rand(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
function randInt(lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

// Random element value as stored for the dtype.
function gen(dtype: DtypeName): number | bigint {
  switch (dtype) {
    case 'float32': case 'float64': return rand() * 2 - 1;
    case 'float16': return numberToHalf(randInt(-3, 3));
    case 'int64': return BigInt(randInt(-1000, 1000)) * (rand() < 0.2 ? 10n ** 15n : 1n);
    case 'int32': return randInt(-100000, 100000);
    case 'int16': return randInt(-300, 300);
    case 'int8': return randInt(-128, 127);
    case 'uint8': return randInt(0, 255);
    case 'bool': return rand() < 0.3 ? 1 : 0;
  }
}

function makeOperand(dtype: DtypeName, batch: number, rows: number, cols: number, layout: Layout, fill?: number | bigint): Operand {
  const offset = 3;
  let rs: number, cs: number, bs: number;
  switch (layout) {
    case 'row': rs = cols; cs = 1; bs = rows * cols; break;
    case 'col': rs = 1; cs = rows; bs = rows * cols; break;
    case 'padded': rs = cols + 3; cs = 1; bs = rows * rs + 2; break;
    case 'strided': rs = 2 * cols + 1; cs = 2; bs = rows * rs + 5; break;
    case 'bcast': rs = cols; cs = 1; bs = 0; break;
  }
  const span = batch && rows && cols ? (batch - 1) * bs + (rows - 1) * rs + (cols - 1) * cs + 1 : 0;
  const arr = new DTYPES[dtype].ctor(offset + span + 2);
  for (let i = 0; i < arr.length; i++) (arr as any)[i] = fill ?? gen(dtype);
  return { arr, offset, bs, rs, cs };
}

function get(o: Operand, b: number, r: number, c: number): number | bigint {
  return o.arr[o.offset + b * o.bs + r * o.rs + c * o.cs];
}

interface Case {
  dtype: DtypeName;
  batch: number;
  m: number;
  n: number;
  k: number;
  alpha?: number;
  beta?: number;
  accumulate?: boolean;
  la?: Layout;
  lb?: Layout;
  lo?: Layout;
  outFill?: number | bigint;
}

function callBmm(c: Required<Case>, out: Operand, a: Operand, b: Operand) {
  meta.set([
    DTYPES[c.dtype].code, c.batch, c.m, c.n, c.k, c.alpha, c.beta,
    a.offset, a.bs, a.rs, a.cs,
    b.offset, b.bs, b.rs, b.cs,
    out.offset, out.bs, out.rs, out.cs,
    c.accumulate ? 1 : 0,
  ]);
  native.bmm(out.arr, a.arr, b.arr);
}

// Runs the case and checks every element of out (and that nothing outside out's elements changed).
function check(spec: Case) {
  const c: Required<Case> = {
    alpha: 1, beta: 0, accumulate: false, la: 'row', lb: 'row', lo: 'row',
    outFill: spec.dtype === 'float16' ? 0x7e00 : spec.dtype === 'float32' || spec.dtype === 'float64' ? NaN : (undefined as any),
    ...spec,
  };
  const { dtype, batch, m, n, k } = c;
  const outBatch = c.accumulate ? 1 : batch;
  const a = makeOperand(dtype, batch, m, k, c.la);
  const b = makeOperand(dtype, batch, k, n, c.lb);
  const out = makeOperand(dtype, outBatch, m, n, c.lo, c.beta === 0 ? c.outFill : undefined);
  const before = out.arr.slice();
  callBmm(c, out, a, b);

  const touched = new Set<number>();
  for (let ob = 0; ob < outBatch; ob++) {
    const batches = c.accumulate ? [...Array(batch).keys()] : [ob];
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        const idx = out.offset + ob * out.bs + i * out.rs + j * out.cs;
        touched.add(idx);
        const got = out.arr[idx];
        const old = before[idx];
        if (dtype === 'bool') {
          let any = false;
          for (const bi of batches) for (let p = 0; p < k; p++) if (get(a, bi, i, p) && get(b, bi, p, j)) any = true;
          const exp = (c.alpha !== 0 && any) || (c.beta !== 0 && old !== 0) ? 1 : 0;
          expect(got, `bool [${ob},${i},${j}]`).toBe(exp);
        } else if (DTYPES[dtype].bits) {
          let sum = 0n;
          for (const bi of batches) for (let p = 0; p < k; p++) sum += BigInt(get(a, bi, i, p)) * BigInt(get(b, bi, p, j));
          let exp = BigInt(Math.trunc(c.alpha)) * sum;
          if (c.beta !== 0) exp += BigInt(Math.trunc(c.beta)) * BigInt(old);
          const { bits, signed } = DTYPES[dtype];
          exp = signed ? BigInt.asIntN(bits!, exp) : BigInt.asUintN(bits!, exp);
          expect(BigInt(got), `${dtype} [${ob},${i},${j}]`).toBe(exp);
        } else {
          const val = dtype === 'float16' ? (x: any) => halfToNumber(x) : (x: any) => Number(x);
          let sum = 0, mag = 0;
          for (const bi of batches)
            for (let p = 0; p < k; p++) {
              const prod = val(get(a, bi, i, p)) * val(get(b, bi, p, j));
              sum += prod;
              mag += Math.abs(prod);
            }
          let exp = c.alpha * sum;
          mag = Math.abs(c.alpha) * mag;
          if (c.beta !== 0) {
            exp += c.beta * val(old);
            mag += Math.abs(c.beta * val(old));
          }
          const g = val(got);
          const tol = dtype === 'float64' ? 1e-13 : dtype === 'float32' ? 1e-5 : 0;
          expect(Number.isNaN(g), `${dtype} NaN at [${ob},${i},${j}]`).toBe(false);
          expect(Math.abs(g - exp), `${dtype} [${ob},${i},${j}] got ${g} expected ${exp}`).toBeLessThanOrEqual(tol * (mag + 1));
        }
      }
    }
  }
  for (let idx = 0; idx < out.arr.length; idx++)
    if (!touched.has(idx)) expect(Object.is(out.arr[idx], before[idx]), `element ${idx} outside out changed`).toBe(true);
}

const ALL: DtypeName[] = ['float32', 'float64', 'float16', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool'];

describe('bmm', () => {
  it('reports its BLAS', () => {
    const info = native.blasInfo();
    expect(['openblas', 'builtin']).toContain(info.library);
    expect(info.threads).toBeGreaterThanOrEqual(1);
    if (info.library === 'openblas') {
      expect(typeof info.coretype).toBe('string');
      expect(info.config).toMatch(/OpenBLAS/);
    } else {
      expect(info.coretype).toBeNull();
    }
    native.setBlasThreads(info.threads);
    expect(() => native.setBlasThreads(0)).toThrow(RangeError);
  });

  for (const dtype of ALL) {
    it(`${dtype}: batched products, alpha/beta, addbmm, layouts`, () => {
      check({ dtype, batch: 3, m: 5, n: 7, k: 4 });
      check({ dtype, batch: 2, m: 4, n: 3, k: 6, la: 'col', lb: 'strided', lo: 'padded' });
      check({ dtype, batch: 2, m: 3, n: 5, k: 2, la: 'bcast', lb: 'col', lo: 'col' });
      const [alpha, beta] = dtype === 'bool' ? [1, 1] : DTYPES[dtype].bits ? [3, -2] : [0.5, 2];
      check({ dtype, batch: 2, m: 6, n: 5, k: 3, alpha, beta, lo: 'strided' });
      check({ dtype, batch: 4, m: 3, n: 4, k: 5, alpha, beta, accumulate: true });
      check({ dtype, batch: 3, m: 2, n: 3, k: 4, accumulate: true, lb: 'bcast', lo: 'col' });
      check({ dtype, batch: 2, m: 3, n: 3, k: 0, beta });
      check({ dtype, batch: 2, m: 3, n: 3, k: 0 });
      check({ dtype, batch: 2, m: 0, n: 3, k: 3 });
      check({ dtype, batch: 1, m: 1, n: 9, k: 5, la: 'col' });
      check({ dtype, batch: 1, m: 8, n: 1, k: 5, lb: 'col' });
    });
  }

  it('bool: alpha 0 keeps beta*out; values other than 1 count as true', () => {
    check({ dtype: 'bool', batch: 2, m: 3, n: 4, k: 3, alpha: 0, beta: 1 });
    const a = { arr: Uint8Array.of(2, 0), offset: 0, bs: 0, rs: 2, cs: 1 };
    const b = { arr: Uint8Array.of(7, 0), offset: 0, bs: 0, rs: 1, cs: 1 };
    const out = { arr: Uint8Array.of(9), offset: 0, bs: 0, rs: 1, cs: 1 };
    callBmm({ dtype: 'bool', batch: 1, m: 1, n: 1, k: 2, alpha: 1, beta: 0, accumulate: false } as any, out, a, b);
    expect(out.arr[0]).toBe(1);
  });

  for (const dtype of ['float32', 'float64'] as DtypeName[]) {
    it(`${dtype}: every layout combination`, () => {
      const layouts: Layout[] = ['row', 'col', 'padded', 'strided', 'bcast'];
      for (const la of layouts)
        for (const lb of layouts)
          for (const lo of ['row', 'col', 'padded', 'strided'] as Layout[]) {
            check({ dtype, batch: 2, m: 5, n: 6, k: 7, la, lb, lo });
            check({ dtype, batch: 1, m: 1, n: 6, k: 7, la, lb, lo, beta: 1.5 });
            check({ dtype, batch: 1, m: 5, n: 1, k: 7, la, lb, lo });
          }
    });

    it(`${dtype}: sizes past the kernel's tiles and cache blocks, threaded`, () => {
      check({ dtype, batch: 1, m: 150, n: 140, k: 300, la: 'col', lo: 'padded' });
      check({ dtype, batch: 1, m: 67, n: 45, k: 520, alpha: -1.25, beta: 0.5, lb: 'col', lo: 'col' });
      check({ dtype, batch: 24, m: 17, n: 33, k: 19, lb: 'bcast' });
      check({ dtype, batch: 5, m: 40, n: 30, k: 70, accumulate: true, beta: 1, la: 'strided' });
      // Split into column panels across the pool (wider than tall), with a transposed B, and a
      // matrix-vector product split the same way.
      check({ dtype, batch: 1, m: 40, n: 261, k: 200, alpha: 2, beta: 0.5, lb: 'col', lo: 'padded' });
      check({ dtype, batch: 1, m: 1, n: 3001, k: 200, la: 'col' });
    });

    it(`${dtype}: alpha 0 and k 0 give beta*out without reading NaN operands`, () => {
      check({ dtype, batch: 2, m: 3, n: 4, k: 0 });
      const a = makeOperand(dtype, 1, 2, 2, 'row', NaN);
      const b = makeOperand(dtype, 1, 2, 2, 'row', NaN);
      const out = makeOperand(dtype, 1, 2, 2, 'row', 4);
      callBmm({ dtype, batch: 1, m: 2, n: 2, k: 2, alpha: 0, beta: 0.5, accumulate: false } as any, out, a, b);
      expect(Array.from(out.arr.subarray(3, 7))).toEqual([2, 2, 2, 2]);
    });
  }

  it('float16 rounds once, from a float32 accumulation', () => {
    // 2049 is not a float16; 1024 + 1024 + 1 accumulated in float32 rounds once to 2048.
    const a = { arr: Uint16Array.of(numberToHalf(1024), numberToHalf(1024), numberToHalf(1)), offset: 0, bs: 0, rs: 3, cs: 1 };
    const b = { arr: Uint16Array.of(numberToHalf(1), numberToHalf(1), numberToHalf(1)), offset: 0, bs: 0, rs: 1, cs: 1 };
    const out = { arr: new Uint16Array(1), offset: 0, bs: 0, rs: 1, cs: 1 };
    callBmm({ dtype: 'float16', batch: 1, m: 1, n: 1, k: 3, alpha: 1, beta: 0, accumulate: false } as any, out, a, b);
    expect(halfToNumber(out.arr[0])).toBe(2048);
  });

  it('throws RangeError for views outside their storage and TypeError for wrong arrays', () => {
    const c: Required<Case> = { dtype: 'float32', batch: 2, m: 3, n: 4, k: 5, alpha: 1, beta: 0, accumulate: false } as any;
    const a = makeOperand('float32', 2, 3, 5, 'row');
    const b = makeOperand('float32', 2, 5, 4, 'row');
    const out = makeOperand('float32', 2, 3, 4, 'row');
    expect(() => callBmm(c, { ...out, arr: out.arr.subarray(0, out.arr.length - 3) }, a, b)).toThrow(RangeError);
    expect(() => callBmm(c, out, { ...a, offset: a.arr.length }, b)).toThrow(/bmm/);
    expect(() => callBmm(c, out, a, { ...b, bs: 1000 })).toThrow(RangeError);
    expect(() => callBmm(c, out, { ...a, rs: -10 }, b)).toThrow(RangeError);
    expect(() => callBmm(c, out, a, { ...b, arr: new Float64Array(b.arr.length) })).toThrow(TypeError);
    expect(() => callBmm(c, out, a, { ...b, arr: [1, 2, 3] as any })).toThrow(TypeError);
    expect(() => callBmm({ ...c, dtype: 'int32' }, out, a, b)).toThrow(/bmm.*int32/);
    expect(() => callBmm({ ...c, m: 2.5 }, out, a, b)).toThrow(RangeError);
    // Still fine after the errors.
    callBmm(c, out, a, b);
  });
});
