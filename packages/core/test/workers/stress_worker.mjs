// Worker entry of the worker_threads test: loads the built package, runs the stress rounds and reports.
import { parentPort, workerData } from 'node:worker_threads';
import { stress } from './stress.mjs';

const torch = await import(workerData.torchUrl);
try {
  // A different seed first: a generator shared between environments would leak into the main thread.
  torch.manualSeed(99 + workerData.index);
  torch.rand(10);
  parentPort.postMessage({ ok: true, ...stress(torch, workerData.ms) });
} catch (e) {
  parentPort.postMessage({ ok: false, error: String(e && e.stack ? e.stack : e) });
}
