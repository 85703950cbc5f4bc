// sort(input, values, indices) / unique(...) bounds and argument checks: the binding must refuse any
// view that reaches outside its TypedArray and any k out of range, without writing anything.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const native = require('../index.js');
const meta: Float64Array = native.meta;

/** 1-D call: kind, dtype code, n, k, descending, offsets and strides for input/values/indices. */
function call1d(kind: number, n: number, k: number, input: unknown, values: unknown, indices: unknown, opts: { inOff?: number; inStride?: number; outLen?: number } = {}) {
  meta.set([kind, 0, 1, 0, k, 0, opts.inOff ?? 0, 0, 0, n, opts.inStride ?? 1, 1, 1]);
  native.sort(input, values, indices);
}

describe('native sort binding', () => {
  it('sorts a strided float32 row with int64 indices', () => {
    const x = new Float32Array([5, -1, 3, -1, NaN, -1, 0]);
    const v = new Float32Array(4), i = new BigInt64Array(4);
    call1d(0, 4, 0, x, v, i, { inStride: 2 }); // 5, 3, NaN, 0
    expect(Array.from(v)).toEqual([0, 3, 5, NaN]);
    expect(Array.from(i)).toEqual([3n, 1n, 0n, 2n]);
  });

  it('refuses views outside the arrays and k out of range, writing nothing', () => {
    const x = new Float32Array(4), v = new Float32Array(4), i = new BigInt64Array(4);
    v.fill(7);
    expect(() => call1d(0, 5, 0, x, v, i)).toThrow(RangeError);
    expect(() => call1d(0, 3, 0, x, v, i, { inOff: 2 })).toThrow(RangeError);
    expect(() => call1d(0, 3, 0, x, v, i, { inStride: 2 })).toThrow(RangeError);
    expect(() => call1d(1, 4, 5, x, v, i)).toThrow(RangeError);
    expect(() => call1d(2, 4, 4, x, v, i)).toThrow(RangeError);
    expect(() => call1d(0, 4, 0, x, new Float64Array(4), i)).toThrow(TypeError);
    expect(() => call1d(0, 4, 0, x, v, new Int32Array(4))).toThrow(TypeError);
    expect(Array.from(v)).toEqual([7, 7, 7, 7]);
    meta.set([0, 0, 2, 2, 0, 0, 0, 0, 0, 2, 2]);
    expect(() => native.sort(x, v, i)).toThrow(RangeError); // dim 2 of a 2-D call
  });

  it('unique counts and refuses short outputs', () => {
    const x = new Int32Array([3, 1, 3, 2]);
    const v = new Int32Array(4), inv = new BigInt64Array(4), c = new BigInt64Array(4);
    meta.set([4, 4, 0]);
    expect(native.unique(x, v, inv, c)).toBe(3);
    expect(Array.from(v.subarray(0, 3))).toEqual([1, 2, 3]);
    expect(Array.from(inv)).toEqual([2n, 0n, 2n, 1n]);
    expect(Array.from(c.subarray(0, 3))).toEqual([1n, 1n, 2n]);
    meta.set([4, 4, 0]);
    expect(() => native.unique(x, new Int32Array(3), null, null)).toThrow(RangeError);
  });
});
