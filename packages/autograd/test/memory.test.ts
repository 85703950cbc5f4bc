// The end of a backward pass collects the young generation (core's collectAfterBackward), so that the
// activations the pass released die while still young instead of waiting, promoted, for a full
// mark-compact (docs/native.md, "Memory").
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// In a fresh process, where the allocations are known: 12 MB of storages (under core's 16 MiB budget
// and V8's own 32 MB trigger, so nothing else collects) and some young JS garbage, then a backward.
// (--expose-gc only to start from an empty young generation; core then uses that hook.)
const script = `
const torch = require('@torch/core');
const { Variable } = require('./dist/index.cjs');
const v8 = require('node:v8');
const newSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_used_size;
const w = new Variable(torch.randn([1024, 1024]), { requiresGrad: true });
const y = w.mul(2);
gc({ type: 'minor' });   // an empty young generation, then ~300 KB of garbage in it
let junk;
for (let i = 0; i < 5000; i++) junk = { i, pair: [i, i + 1] };
const before = newSpace();
y.sum().backward();
console.log(JSON.stringify({ before, after: newSpace() }));
`;
const run = (env: Record<string, string>) =>
  JSON.parse(execFileSync(process.execPath, ['--expose-gc', '-e', script], { cwd: new URL('..', import.meta.url), env: { ...process.env, ...env }, encoding: 'utf8' })) as { before: number; after: number };

describe('memory after backward', () => {
  it('collects the young generation when the pass and its forward allocated a few MB of storages', () => {
    const { before, after } = run({});
    expect(before).toBeGreaterThan(128 << 10);
    expect(after).toBeLessThan(before / 4);
  });
  it('leaves it alone under TORCH_GC_TUNING=0', () => {
    const { before, after } = run({ TORCH_GC_TUNING: '0' });
    expect(after).toBeGreaterThanOrEqual(before);
  });
});
