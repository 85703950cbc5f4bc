// The elementwise binding must refuse forged meta values (sizes, strides, offsets) that would make a
// view reach outside its TypedArray, including ones whose extent overflows 64-bit arithmetic and
// would wrap around into a range that looks valid. Each forged call runs in a child process, so a
// binding that lets one through fails the test by crashing the child instead of the test runner.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const addonPath = require.resolve('../index.js');
const native = require('../index.js');

const COPY = 0, ADD = 32, F32 = 0;

/** Runs `body` (with `t` the addon, `m` its meta buffer) in a fresh process; returns what it printed. */
function forged(body: string): { out: string; signal: NodeJS.Signals | null } {
  const script = `const t = require(${JSON.stringify(addonPath)}); const m = t.meta;
try { ${body}; console.log('accepted'); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }`;
  const r = spawnSync(process.execPath, ['-e', script], { timeout: 20000, encoding: 'utf8' });
  return { out: r.stdout.trim(), signal: r.signal };
}

/** A strided 1-D copy from a 1-element array into `outLen` floats: sizes [n], out stride/offset given. */
function strided1d(n: number, outStride: number, outOffset: number, outLen = 4): string {
  return `m.set([${COPY}, ${F32}, 0, 0, 1, ${n}, ${F32}, ${outOffset}, 0, ${outStride}, ${F32}, 0, 0, 0]);
  t.elementwise(new Float32Array(${outLen}), new Float32Array(1), null, null)`;
}

describe('elementwise binding bounds', () => {
  it('refuses an extent that overflows int64 (2048 * 2^53 = 2^64 wraps to 0)', () => {
    const r = forged(strided1d(2049, 2 ** 53, 0));
    expect(r.signal).toBeNull();
    expect(r.out).toMatch(/^RangeError: copy: tensor view reaches outside its storage/);
  });

  it('refuses a 2-D extent whose sum of spans overflows', () => {
    const body = `m.set([${COPY}, ${F32}, 0, 0, 2, 1025, 1025, ${F32}, 0, 0, ${2 ** 53}, ${2 ** 53}, ${F32}, 0, 0, 0, 0]);
    t.elementwise(new Float32Array(4), new Float32Array(1), null, null)`;
    const r = forged(body);
    expect(r.signal).toBeNull();
    expect(r.out).toMatch(/^RangeError: copy: tensor view reaches outside its storage/);
  });

  it('refuses sizes, strides and offsets that are not integers (they used to be truncated)', () => {
    expect(forged(strided1d(2.5, 1, 0)).out).toMatch(/^RangeError: copy: invalid size 2\.5/);
    expect(forged(strided1d(2, 1.5, 0)).out).toMatch(/^RangeError: copy: invalid stride 1\.5/);
    expect(forged(strided1d(2, 1, 0.5)).out).toMatch(/^RangeError: copy: invalid offset 0\.5/);
    expect(forged(strided1d(2, 1, NaN)).out).toMatch(/^RangeError: copy: invalid offset nan/);
    expect(forged(strided1d(NaN, 1, 0)).out).toMatch(/^RangeError: copy: invalid size nan/);
    // The contiguous entry: n and the offsets.
    const flat = (n: number, outOff: number, inOff: number) => `m.set([${ADD}, ${F32}, ${n}, 1, 0, ${outOff}, ${inOff}, 0, 0, 1]);
      t.elementwise1d(new Float32Array(4), new Float32Array(4), 1, null)`;
    expect(forged(flat(2.5, 0, 0)).out).toMatch(/^RangeError: add: invalid size 2\.5/);
    expect(forged(flat(2, 0.5, 0)).out).toMatch(/^RangeError: add: invalid offset 0\.5/);
    expect(forged(flat(2, 0, 1e300)).out).toMatch(/^RangeError: add: invalid offset/);
  });

  it('still runs valid calls, including a scalar operand whose offset slot holds junk', () => {
    const out = new Float32Array(4), a = new Float32Array([1, 2, 3, 4]);
    native.meta.set([ADD, F32, 4, 1, 0, 0, 0, 0, NaN, 10]);
    native.elementwise1d(out, a, 10, null);
    expect(Array.from(out)).toEqual([11, 12, 13, 14]);
    native.meta.set([COPY, F32, 0, 0, 1, 2, F32, 1, 0, 2, F32, 0, 0, 1]);
    native.elementwise(out, a, null, null);
    expect(Array.from(out)).toEqual([11, 1, 13, 2]);
  });
});

describe('setNumThreads bounds', () => {
  it('refuses absurd or non-integer counts with a RangeError instead of aborting', () => {
    const r = forged('t.setNumThreads(1e9)');
    expect(r.signal).toBeNull();
    expect(r.out).toMatch(/^RangeError: setNumThreads: expected a thread count in \[1, 1024\]/);
    expect(forged('t.setNumThreads(2.5)').out).toMatch(/^RangeError: setNumThreads/);
    expect(forged('t.setNumThreads(NaN)').out).toMatch(/^RangeError: setNumThreads/);
    expect(forged('t.setNumThreads(3); if (t.getNumThreads() !== 3) throw new Error("not resized")').out).toBe('accepted');
  });
});
