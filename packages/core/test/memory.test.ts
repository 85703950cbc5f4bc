// Prompt reuse of the memory of dropped tensors (src/young-gc.ts): a loop that drops a large op output
// each iteration must not pile up buffers until V8's own collection schedule gets to them (Node 20 let
// ~60 MB of 4 MB outputs accumulate, Node 24 ~136 MB).
import { execFileSync } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import * as torch from '../src/index';
import { youngCollectionBudget } from '../src/young-gc';

describe('memory of dropped tensors', () => {
  it('a loop of allocating ops keeps the buffers it drops to a few budgets of 16 MiB', () => {
    expect(torch.backends.cpu.gc).toMatch(/^young collection per 16-256 MiB/);
    const x = torch.randn(1e6);
    const base = process.memoryUsage().arrayBuffers;
    let peak = 0;
    for (let i = 0; i < 200; i++) {
      x.mul(2); // 4 MB, dropped at once
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - base);
    }
    expect(peak).toBeLessThan(48 << 20);
  });

  it('counts freed bytes without process.memoryUsage (it reads /proc: ~11 us, twice per collection)', () => {
    const x = torch.randn(1e6);
    const spy = vi.spyOn(process, 'memoryUsage');
    try {
      for (let i = 0; i < 20; i++) x.mul(2); // 80 MB: several collections
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('counts buffers that V8 freed on its own between two of its collections as freed (the budget stays at 16 MiB)', () => {
    // V8 may collect the young generation itself (Node 20 does under external memory pressure); this
    // simulates that with a collection of our own between allocations. Counting only what the policy's
    // collection freed took those buffers for survivors and doubled the budget up to 256 MiB.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as (o: { type: string }) => void;
    setFlagsFromString('--no-expose-gc');
    const x = torch.randn(1e6);
    for (let i = 0; i < 40; i++) {
      x.mul(2); // 4 MB, dropped at once
      if (i % 3 === 2) gc({ type: 'minor' });
    }
    expect(youngCollectionBudget()).toBe(16 << 20);
  });

  it('takes the collection hook without leaving gc on the global scope', () => {
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
  });

  it('the C heap memory that large storages add is advised for 2 MiB pages (smaps VmFlags "hg"), also below 4 MiB buffers', () => {
    // A fresh process, so that no earlier test's 4 MiB buffer advised the heap already. 30 buffers of 4e6
    // bytes (below the 4 MiB of a buffer advised for itself) grow the heap past glibc's 64 MiB top pad.
    const script = `import('${new URL('../dist/index.js', import.meta.url).href}').then((t) => {
      const keep = Array.from({ length: 30 }, () => t.empty(1e6).fill_(1));
      let heap = false, advised = false;
      for (const line of require('node:fs').readFileSync('/proc/self/smaps', 'utf8').split('\\n')) {
        if (/^[0-9a-f]+-[0-9a-f]+ /.test(line)) heap = line.trim().endsWith('[heap]');
        else if (heap && line.startsWith('VmFlags:') && line.split(' ').includes('hg')) advised = true;
      }
      console.log(keep.length, advised);
    })`;
    const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(out.trim()).toBe('30 true');
  });

  it('a large buffer outside the main heap (a worker thread\'s arena) is advised for 2 MiB pages itself', () => {
    // Worker threads allocate from glibc arenas of their own, mmapped outside [heap]: the per-buffer advice
    // must still reach them now that buffers inside the advised heap skip it.
    const script = `const { Worker } = require('node:worker_threads');
      const w = new Worker(\`import('${new URL('../dist/index.js', import.meta.url).href}').then((t) => {
        const keep = t.empty(5e6).fill_(1);
        let heap = false, advised = 0;
        for (const line of require('node:fs').readFileSync('/proc/self/smaps', 'utf8').split('\\\\n')) {
          if (/^[0-9a-f]+-[0-9a-f]+ /.test(line)) heap = line.trim().endsWith('[heap]');
          else if (!heap && line.startsWith('VmFlags:') && line.split(' ').includes('hg')) advised++;
        }
        require('node:worker_threads').parentPort.postMessage(keep.numel() + ' ' + (advised > 0));
      })\`, { eval: true });
      w.on('message', (m) => { console.log(m); w.terminate(); });`;
    const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(out.trim()).toBe('5000000 true');
  });

  it('TORCH_GC_TUNING=0 leaves V8 to its defaults', () => {
    const script = `import('${new URL('../dist/index.js', import.meta.url).href}').then((t) => console.log(t.backends.cpu.gc))`;
    const out = execFileSync(process.execPath, ['-e', script], { env: { ...process.env, TORCH_GC_TUNING: '0' }, encoding: 'utf8' });
    expect(out.trim()).toBe('V8 defaults');
  });
});
