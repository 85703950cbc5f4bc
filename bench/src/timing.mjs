// Timing helpers shared by every workload. Each sample times `inner` back-to-back calls and records the
// time per call in seconds; the statistic reported is the median over samples (and the best, for GEMM).

const gc = typeof globalThis.gc === 'function' ? globalThis.gc : () => {};

/** Seconds since an arbitrary origin, from the monotonic high-resolution clock. */
export function now() {
  return Number(process.hrtime.bigint()) / 1e9;
}

/**
 * Collects garbage, runs `fn` `warmup` times, then takes up to `samples` samples of `inner` calls each, stopping early (but never
 * before `minSamples`) once `budgetS` seconds have been spent sampling, so that a slow kernel cannot blow the
 * time budget of the whole run. Returns the per-call times in seconds; their count is what the PyTorch side
 * must repeat.
 */
export function measure(fn, { samples, inner = 1, warmup = 3, budgetS = 4, minSamples = 3 }) {
  // Collect the setup's garbage before the warm-up, not after it: a forced full collection resets V8's
  // heap sizing, and the first hundreds of calls after it ran up to 1.5x slower than in steady state.
  gc();
  for (let i = 0; i < warmup * inner; i++) fn();
  const times = [];
  const start = now();
  for (let s = 0; s < samples; s++) {
    const t0 = now();
    for (let i = 0; i < inner; i++) fn();
    times.push((now() - t0) / inner);
    if (times.length >= minSamples && now() - start > budgetS) break;
  }
  return times;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function best(xs) {
  return Math.min(...xs);
}
