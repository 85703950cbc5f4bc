// After a backward pass frees its graph, the next large allocation collects the young generation
// (core's collectAfterBackward), so that the activations the pass released die while still young
// instead of waiting, promoted, for a full mark-compact (docs/native.md, "A training step's memory").
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const run = (script: string, env: Record<string, string> = {}) =>
  JSON.parse(
    execFileSync(process.execPath, ['--expose-gc', '-e', script], {
      cwd: new URL('..', import.meta.url),
      env: { ...process.env, ...env },
      encoding: 'utf8',
    }),
  ) as Record<string, number>;

// In a fresh process, where the allocations are known: 12 MB of storages (under core's 16 MiB budget
// and V8's own 32 MB trigger, so nothing else collects) and some young JS garbage, then a backward and
// one more large allocation. (--expose-gc only to start from an empty young generation; core then uses
// that hook.)
const youngAfterBackward = `
const torch = require('@torch/core');
const { Variable } = require('./dist/index.cjs');
const v8 = require('node:v8');
const newSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_used_size;
const w = new Variable(torch.randn([1024, 1024]), { requiresGrad: true });
const y = w.mul(2);
gc({ type: 'minor' });   // an empty young generation, then ~300 KB of garbage in it
let junk;
for (let i = 0; i < 5000; i++) junk = { i, pair: [i, i + 1] };
y.sum().backward();
const before = newSpace();
torch.empty([1 << 20]);
console.log(JSON.stringify({ before, after: newSpace() }));
`;

// A loop whose backward root is a large tensor alive when the pass ends (a conv layer's output, here a
// broadcast mul's): the collection must wait until it is dropped, or it survives into the old generation.
const rootLoop = `
const torch = require('@torch/core');
const { Variable } = require('./dist/index.cjs');
const { PerformanceObserver, constants } = require('node:perf_hooks');
let majors = 0;
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (e.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majors++;
});
observer.observe({ entryTypes: ['gc'] });
const x = torch.randn([1 << 22]), g = torch.ones([1 << 22]);
const w = new Variable(torch.randn([1]), { requiresGrad: true });
for (let i = 0; i < 200; i++) {
  w.grad = null;
  new Variable(x).mul(w).backward(g);
}
setTimeout(() => { observer.disconnect(); console.log(JSON.stringify({ majors })); }, 10);
`;

describe('memory after backward', () => {
  it('collects the young generation at the next large allocation once the pass and its forward allocated a few MB', () => {
    const { before, after } = run(youngAfterBackward);
    expect(before).toBeGreaterThan(128 << 10);
    expect(after).toBeLessThan(before / 4);
  });
  it('leaves it alone under TORCH_GC_TUNING=0', () => {
    const { before, after } = run(youngAfterBackward, { TORCH_GC_TUNING: '0' });
    expect(after).toBeGreaterThanOrEqual(before);
  });
  it('does not move a large backward root to the old generation (16 MB x 200 steps, few full collections)', () => {
    // Collecting at the end of the pass itself, with the root still alive, gave 24 here.
    expect(run(rootLoop).majors).toBeLessThanOrEqual(6);
  });
});
