// Timing helpers shared by every workload. Each sample times `inner` back-to-back calls and records the
// time per call in seconds; the statistic reported is the median over samples (and the best, for GEMM).

const gc = typeof globalThis.gc === 'function' ? globalThis.gc : () => {};

/** Seconds since an arbitrary origin, from the monotonic high-resolution clock. */
export function now() {
  return Number(process.hrtime.bigint()) / 1e9;
}

/** Seconds of calls the warm-up runs at least (within `MAX_WARMUP_SAMPLES`), past the workload's `warmup`. */
const WARMUP_S = 0.1;
/** The most warm-up samples the time rule adds. */
const MAX_WARMUP_SAMPLES = 200;

/**
 * Collects garbage, warms up, then takes up to `samples` samples of `inner` calls each, stopping early (but
 * never before `minSamples`) once `budgetS` seconds have been spent sampling, so that a slow kernel cannot blow
 * the time budget of the whole run. The warm-up runs `warmup` samples, and more until `WARMUP_S` seconds have
 * passed (at most `MAX_WARMUP_SAMPLES`): three calls leave an op's JS path interpreted and its first large
 * outputs in fresh memory, and `x.gather(1, idx)` measured 670-730 us a call there against ~200 us once warm.
 * Returns the per-call times in seconds and the warm-up samples run; the PyTorch side repeats both counts.
 */
export function measure(fn, { samples, inner = 1, warmup = 3, budgetS = 4, minSamples = 3 }) {
  // Collect the setup's garbage before the warm-up, not after it: a forced full collection resets V8's
  // heap sizing, and the first hundreds of calls after it ran up to 1.5x slower than in steady state.
  gc();
  const warmStart = now();
  let warmed = 0;
  while (warmed < warmup || (warmed < MAX_WARMUP_SAMPLES && now() - warmStart < WARMUP_S)) {
    for (let i = 0; i < inner; i++) fn();
    warmed++;
  }
  const times = [];
  const start = now();
  for (let s = 0; s < samples; s++) {
    const t0 = now();
    for (let i = 0; i < inner; i++) fn();
    times.push((now() - t0) / inner);
    if (times.length >= minSamples && now() - start > budgetS) break;
  }
  return { times, warmup: warmed };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function best(xs) {
  return Math.min(...xs);
}
