// The addon loaded by several JS environments at once (DESIGN.md §4): the main thread and worker
// threads each keep their own meta buffer and default generator, and share one thread pool safely.
// Workers import the built package (dist/): `pnpm build` (turbo runs it before `pnpm test`) first.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';
// @ts-expect-error: a plain .mjs module shared with the worker, without typings
import { round, stress } from './workers/stress.mjs';

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const workerFile = new URL('./workers/stress_worker.mjs', import.meta.url);

interface Report {
  ok: boolean;
  error?: string;
  rounds?: number;
  firstRandom?: number[];
}

/** Starts a worker running the stress rounds for `ms`; resolves with its report once it has exited. */
function startWorker(index: number, ms: number): Promise<Report> {
  return new Promise((resolve, reject) => {
    const w = new Worker(workerFile, { workerData: { index, ms, torchUrl: pathToFileURL(dist).href } });
    let report: Report | undefined;
    w.on('message', (m: Report) => (report = m));
    w.on('error', reject);
    w.on('exit', (code) => (report ? resolve(report) : reject(new Error(`worker ${index} exited with code ${code} without a report`))));
  });
}

describe('worker_threads', () => {
  it('has the built package the workers load', () => {
    expect(existsSync(dist), `${dist} is missing: run pnpm build`).toBe(true);
  });

  it('keeps the main thread correct after a worker loads the addon and after it exits', async () => {
    const w = new Worker(`import(${JSON.stringify(pathToFileURL(dist).href)}).then((t) => require('node:worker_threads').parentPort.postMessage(t.tensor([5]).add(1).item()))`, { eval: true });
    const fromWorker = await new Promise((resolve) => w.once('message', resolve));
    expect(fromWorker).toBe(6);
    expect(torch.tensor([1, 2, 3]).add(1).tolist()).toEqual([2, 3, 4]);
    await w.terminate();
    // The worker's environment (and with it its meta buffer) is gone: the main thread must not read it.
    expect(torch.tensor([1, 2, 3]).add(1).tolist()).toEqual([2, 3, 4]);
    round(torch, 3, (torch.manualSeed(1234), torch.rand(100000).tolist()));
  });

  it('runs ops on the main thread and 4 workers at once, every result checked', async () => {
    const ms = 2500;
    const workers = [0, 1, 2, 3].map((i) => startWorker(i, ms));
    // The main thread runs the same rounds meanwhile (synchronously: the workers run on their own threads).
    const main = stress(torch, ms) as { rounds: number; firstRandom: number[] };
    const reports = await Promise.all(workers);
    for (const r of reports) {
      expect(r.error).toBeUndefined();
      expect(r.ok).toBe(true);
      expect(r.rounds).toBeGreaterThan(0);
      // Same seed, same numbers in every environment: each has its own default generator.
      expect(r.firstRandom).toEqual(main.firstRandom);
    }
    expect(main.rounds).toBeGreaterThan(0);
    // Every worker has exited; the main thread goes on correctly.
    round(torch, 5, (torch.manualSeed(1234), torch.rand(100000).tolist()));
    expect(torch.tensor([1, 2, 3]).add(1).tolist()).toEqual([2, 3, 4]);
  });

  it('goes on when workers are terminated in the middle of their ops', async () => {
    const workers = [0, 1, 2].map((i) => new Worker(workerFile, { workerData: { index: i, ms: 60000, torchUrl: pathToFileURL(dist).href } }));
    // Let them load and get going (large ops on the pool included), then stop them mid-round.
    await new Promise((resolve) => setTimeout(resolve, 700));
    stress(torch, 300);
    const codes = await Promise.all(workers.map((w) => w.terminate()));
    expect(codes).toEqual([1, 1, 1]);
    round(torch, 7, (torch.manualSeed(1234), torch.rand(100000).tolist()));
  });

  it('lets a worker change the thread count while others run ops', async () => {
    const before = torch.getNumThreads();
    const toggler = new Worker(
      `import(${JSON.stringify(pathToFileURL(dist).href)}).then((t) => {
        const end = Date.now() + 1000;
        for (let i = 0; Date.now() < end; i++) { t.setNumThreads(1 + (i % 4)); t.arange(100000).sum(); }
        require('node:worker_threads').parentPort.postMessage('done');
      })`,
      { eval: true },
    );
    const done = new Promise((resolve, reject) => {
      toggler.once('message', resolve);
      toggler.once('error', reject);
    });
    const workers = [0, 1].map((i) => startWorker(i, 1000));
    stress(torch, 1000);
    expect(await done).toBe('done');
    for (const r of await Promise.all(workers)) expect(r.error).toBeUndefined();
    await toggler.terminate();
    torch.setNumThreads(before);
    expect(torch.getNumThreads()).toBe(before);
  });
});
