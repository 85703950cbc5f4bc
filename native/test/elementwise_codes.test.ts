// The op-code contract of the elementwise binding: the codes added for issue 10 (a second one-input
// block from 96, nanToNum among the two-input ops) and relu's thresholdBackward (57) run, and codes in
// the gaps between the blocks are refused with a TypeError instead of indexing the loop table out of its rows.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const native = require('../index.js');
const F32 = 0, F64 = 1;
const ERF = 96, ISNAN = 103, NAN_TO_NUM = 56, THRESHOLD_BACKWARD = 57, LOGICAL_AND = 48;

/** The contiguous entry: meta = [op, dtype, n, p0, p1, outOffset, then per input: offset, scalar]. */
function run1d(op: number, dtype: number, out: ArrayBufferView, a: unknown, b: unknown, p0 = 0, p1 = 0, bScalar = 0): void {
  native.meta.set([op, dtype, (out as Float32Array).length, p0, p1, 0, 0, 0, 0, bScalar]);
  native.elementwise1d(out, a, b, null);
}

describe('elementwise op codes', () => {
  it('runs the new one-input block (erf at 96) and a bool-result op', () => {
    const out = new Float64Array(2);
    run1d(ERF, F64, out, new Float64Array([0, 0.5]), null);
    expect(out[1]).toBeCloseTo(0.5204998778130465, 15);
    const flags = new Uint8Array(2);
    run1d(ISNAN, F32, flags, new Float32Array([NaN, 1]), null);
    expect(Array.from(flags)).toEqual([1, 0]);
    const both = new Uint8Array(2);
    run1d(LOGICAL_AND, F32, both, new Float32Array([2, 0]), new Float32Array([1, 1]));
    expect(Array.from(both)).toEqual([1, 0]);
  });

  it('nanToNum takes its NaN replacement as a scalar operand and the infinities as parameters', () => {
    const out = new Float32Array(3);
    run1d(NAN_TO_NUM, F32, out, new Float32Array([NaN, Infinity, -Infinity]), null, 7, -7, 5);
    expect(Array.from(out)).toEqual([5, 7, -7]);
  });

  it('thresholdBackward passes the gradient where the result is above the threshold (and where it is NaN)', () => {
    const out = new Float32Array(4);
    run1d(THRESHOLD_BACKWARD, F32, out, new Float32Array([1, 2, 3, 4]), new Float32Array([0, 0.5, NaN, -1]), 0.25);
    expect(Array.from(out)).toEqual([0, 2, 3, 0]);
  });

  it('refuses codes between and after the blocks', () => {
    for (const code of [27, 31, 58, 63, 68, 95, 108, 1000, -1]) {
      native.meta.set([code, F32, 1, 0, 0, 0, 0, 0, 0, 0]);
      expect(() => native.elementwise1d(new Float32Array(1), new Float32Array(1), null, null), `code ${code}`).toThrow(/unknown op code/);
    }
  });
});
