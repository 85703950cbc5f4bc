// The fractional max-pool binding must refuse arrays too short for the geometry and samples that
// would put a window outside its plane (PyTorch 1.13 reads out of bounds for those), and compute a
// known case. Each refused call runs in a child process, so one let through crashes the child, not vitest.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const addonPath = require.resolve('../index.js');
const native = require('../index.js');

// float32, 1 plane 4x5 -> 2x2 with 2x2 windows; p[22..25]: offsets of input, samples, output, indices.
const params = (planes = 1) => {
  const p = new Float64Array(26);
  p[0] = 0, p[1] = planes, p[2] = 1, p[3] = 4, p[4] = 5, p[5] = 1, p[6] = 2, p[7] = 2, p[8] = 1, p[9] = 2, p[10] = 2;
  for (let d = 0; d < 3; d++) p[11 + d] = 1, p[17 + d] = 1;
  return p;
};

function refused(body: string): string {
  const script = `const t = require(${JSON.stringify(addonPath)});
const p = new Float64Array(26); p[0] = 0; p[1] = 1; p[2] = 1; p[3] = 4; p[4] = 5; p[5] = 1; p[6] = 2; p[7] = 2; p[8] = 1; p[9] = 2; p[10] = 2;
for (let d = 0; d < 3; d++) { p[11 + d] = 1; p[17 + d] = 1; }
try { ${body}; console.log('accepted'); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }`;
  const r = spawnSync(process.execPath, ['-e', script], { timeout: 20000, encoding: 'utf8' });
  expect(r.signal).toBeNull();
  return r.stdout.trim();
}

describe('fractionalMaxPool2d binding', () => {
  it('pools a known plane: window starts from the samples, the last window at the end', () => {
    const x = Float32Array.from({ length: 20 }, (_, i) => i);
    const y = new Float32Array(4), idx = new BigInt64Array(4);
    // Sample 0 for both dims: starts [0, in - k] -> rows 0 and 2, columns 0 and 3.
    native.fractionalMaxPool2d(params(), x, new Float32Array([0, 0]), y, idx);
    expect(Array.from(y)).toEqual([6, 9, 16, 19]);
    expect(Array.from(idx, Number)).toEqual([6, 9, 16, 19]);
  });

  it('refuses short arrays and samples outside [0, 1)', () => {
    expect(refused('t.fractionalMaxPool2d(p, new Float32Array(19), new Float32Array(2), new Float32Array(4), new BigInt64Array(4))')).toMatch(/^RangeError: fractionalMaxPool2d/);
    expect(refused('t.fractionalMaxPool2d(p, new Float32Array(20), new Float32Array(1), new Float32Array(4), new BigInt64Array(4))')).toMatch(/^RangeError: fractionalMaxPool2d/);
    expect(refused('t.fractionalMaxPool2d(p, new Float32Array(20), new Float32Array(2), new Float32Array(4), new BigInt64Array(3))')).toMatch(/^RangeError: fractionalMaxPool2d/);
    expect(refused('t.fractionalMaxPool2d(p, new Float32Array(20), new Float32Array([5, 0]), new Float32Array(4), new BigInt64Array(4))')).toMatch(/RangeError: fractionalMaxPool2d: a sample is outside \[0, 1\)/);
    expect(refused('t.fractionalMaxPool2d(p, new Float32Array(20), new Float32Array([NaN, 0]), new Float32Array(4), new BigInt64Array(4))')).toMatch(/a sample is outside \[0, 1\)/);
    expect(refused('p[9] = 5; t.fractionalMaxPool2d(p, new Float32Array(20), new Float32Array(2), new Float32Array(4), new BigInt64Array(4))')).toMatch(/kernel is larger than the input/);
  });
});
