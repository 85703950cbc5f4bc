// The thread pool must pick up work published right after it starts or resizes (a worker that read
// the task generation late used to wait forever), and stay correct when resized between calls.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const addonPath = require.resolve('../index.js');

const script = `
const t = require(${JSON.stringify(addonPath)});
const m = t.meta, a = new Float32Array(1e6).fill(1), o = new Float32Array(1e6);
for (let k = 0; k < 20; k++) {
  if (k % 5 === 4) t.setNumThreads(1 + (k % 3));
  m.set([32, 0, 1e6, 1, 0, 0, 0, 0, 0, 0]);
  t.elementwise1d(o, a, a);
  if (o[0] !== 2 || o[999999] !== 2) throw new Error('wrong result');
}`;

// Parts are claimed by whichever thread gets to them first. With far more threads than cores most
// workers wake after the caller has taken their parts: each part must still run exactly once, which
// an in-place add counts (a part run twice or skipped leaves some element off by one).
const claimScript = `
const t = require(${JSON.stringify(addonPath)});
const m = t.meta, n = 1 << 20, o = new Float32Array(n), one = new Float32Array(n).fill(1);
for (const threads of [16, 3, 2, 7]) {
  t.setNumThreads(threads);
  o.fill(0);
  for (let k = 1; k <= 300; k++) {
    m.set([32, 0, n, 1, 0, 0, 0, 0, 0, 0]);
    t.elementwise1d(o, o, one);
  }
  for (let i = 0; i < n; i++) if (o[i] !== 300) throw new Error(threads + ' threads: element ' + i + ' is ' + o[i]);
}`;

describe('thread pool', () => {
  it('runs every part exactly once when workers wake late (more threads than cores)', () => {
    expect(() => execFileSync(process.execPath, ['-e', claimScript], { timeout: 60000, stdio: 'pipe' })).not.toThrow();
  });

  it('runs the first parallel op of a fresh process and survives resizes (no lost wake-ups)', () => {
    for (let i = 0; i < 15; i++) {
      expect(() => execFileSync(process.execPath, ['-e', script], { timeout: 10000, stdio: 'pipe' })).not.toThrow();
    }
  });
});
