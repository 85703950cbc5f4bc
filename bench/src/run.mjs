#!/usr/bin/env node
// pnpm bench: times the workloads in ./workloads against the built @torch/core, then runs the same workloads
// in PyTorch (../reference.py, with /usr/bin/python3) when it is installed, and prints one table side by side.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, median, best } from './timing.mjs';
import { workloads, derived } from './workloads/index.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const referenceScript = path.resolve(here, '..', 'reference.py');

const USAGE = `usage: pnpm bench [--filter <substring>] [--json <file>] [--threads <n>] [--rounds <n>] [--no-reference] [--list]
  --filter <s>      run only workloads whose id or label contains <s> (case-insensitive; repeatable)
  --rounds <n>      run ours and then PyTorch n times; report the median over rounds of each side's median and
                    of the per-round ratio (default 1; a shared host's slow phases then move single rounds only)
  --json <file>     also write every sample and statistic to <file>
  --threads <n>     threads on both sides (default: the machine's cores, ${os.availableParallelism()})
  --no-reference    skip PyTorch and numpy
  --list            list the workloads and exit
  env TORCH_BENCH_PYTHON   the Python that runs reference.py (default /usr/bin/python3)`;

function parseArgs(argv) {
  const o = { filters: [], json: null, threads: os.availableParallelism(), rounds: 1, reference: true, list: false };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let v;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) [a, v] = [a.slice(0, eq), a.slice(eq + 1)];
    const value = () => {
      if (v !== undefined) return v;
      if (i + 1 >= argv.length) fail(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--') continue;
    else if (a === '--filter' || a === '-f') o.filters.push(value().toLowerCase());
    else if (a === '--json') o.json = path.resolve(process.env.INIT_CWD || process.cwd(), value());
    else if (a === '--threads') {
      o.threads = Number(value());
      if (!Number.isSafeInteger(o.threads) || o.threads < 1) fail('--threads needs a positive integer');
    } else if (a === '--rounds') {
      o.rounds = Number(value());
      if (!Number.isSafeInteger(o.rounds) || o.rounds < 1) fail('--rounds needs a positive integer');
    } else if (a === '--no-reference') o.reference = false;
    else if (a === '--list') o.list = true;
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown argument ${a}`);
  }
  return o;
}

function fail(msg) {
  console.error(`bench: ${msg}\n${USAGE}`);
  process.exit(2);
}

function die(msg) {
  console.error(`bench: ${msg}`);
  process.exit(1);
}

/** Warns when packages/core/dist is older than its sources: the bench measures the build, not the sources. */
function checkBuild() {
  const require = createRequire(import.meta.url);
  let entry;
  try {
    entry = require.resolve('@torch/core');
  } catch {
    die('cannot resolve @torch/core: run `pnpm install` and `pnpm --filter @torch/core build` first');
  }
  if (!existsSync(entry)) die(`${entry} is missing: run \`pnpm --filter @torch/core build\` first`);
  const src = path.resolve(path.dirname(entry), '..', 'src');
  if (!existsSync(src)) return;
  const built = statSync(entry).mtimeMs;
  const newest = (dir) =>
    readdirSync(dir, { withFileTypes: true }).reduce((m, d) => {
      const p = path.join(dir, d.name);
      return Math.max(m, d.isDirectory() ? newest(p) : d.name.endsWith('.test.ts') ? 0 : statSync(p).mtimeMs);
    }, 0);
  if (newest(src) > built) {
    console.warn('bench: warning: packages/core/src is newer than dist; run `pnpm --filter @torch/core build` to bench the sources');
  }
}

// ---- formatting -------------------------------------------------------------------------------------------

const UNIT = { us: 'µs', ms: 'ms', gflops: 'GFLOP/s', x: '×' };

function fmtNum(x) {
  if (x == null || !Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  return x.toFixed(3);
}

function fmtVal(x, metric) {
  return x == null ? '—' : `${fmtNum(x)} ${UNIT[metric]}`;
}

function table(header, rows) {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const right = header.map((_, c) => c > 0);
  const line = (cells) =>
    cells.map((s, c) => (right[c] ? (s ?? '').padStart(widths[c]) : (s ?? '').padEnd(widths[c]))).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

// ---- statistics per workload --------------------------------------------------------------------------------

/** Turns per-call times (s) into the reported statistic(s): { median, best } in the workload's unit. */
function stats(w, times) {
  if (!times || times.length === 0) return null;
  if (w.metric === 'gflops') {
    return { median: w.flops / median(times) / 1e9, best: w.flops / best(times) / 1e9 };
  }
  const scale = w.metric === 'us' ? 1e6 : 1e3;
  return { median: median(times) * scale, best: best(times) * scale };
}

/** Our time over PyTorch's: the same number for times (ours / theirs) and rates (theirs / ours). */
function ratio(metric, ours, theirs) {
  if (ours == null || theirs == null || ours === 0 || theirs === 0) return null;
  return metric === 'gflops' ? theirs / ours : ours / theirs;
}

/**
 * Each side's statistics and the ratio of medians, over rounds: with one round, that round's; with several, the
 * median over rounds of each side's median (best: the best of all) and of the per-round ratio, so that a slow
 * phase of a shared host during one side of one round moves that round only.
 */
function roundMedians(w, rounds, refOk) {
  const per = rounds.map(({ ours, ref }) => {
    const o = stats(w, ours.get(w.id));
    const p = refOk ? stats(w, ref?.results?.[w.id]?.times) : null;
    return { o, p, r: ratio(w.metric, o?.median, p?.median) };
  });
  if (per.length === 1) return { o: per[0].o, p: per[0].p, ratioMedian: per[0].r };
  const combine = (side) => {
    const all = per.map((x) => x[side]).filter(Boolean);
    if (all.length === 0) return null;
    const bests = all.map((s) => s.best);
    return { median: median(all.map((s) => s.median)), best: w.metric === 'gflops' ? Math.max(...bests) : Math.min(...bests) };
  };
  const ratios = per.map((x) => x.r).filter((r) => r != null);
  return { o: combine('o'), p: combine('p'), ratioMedian: ratios.length ? median(ratios) : null };
}

/**
 * Times each selected workload of ours: returns the per-call times and warm-up samples by id. A workload that
 * throws goes to `errors` (and is skipped in later rounds); `countAllocations` workloads fill `allocations`.
 */
function measureOurs(torch, selected, roundLabel, errors, allocations) {
  const ours = new Map();
  const warmupsUsed = new Map();
  for (const w of selected) {
    if (errors.has(w.id)) continue;
    process.stderr.write(`bench: ${w.id}${roundLabel} ...`);
    try {
      const fn = w.setup(torch);
      const { times, warmup } = measure(fn, { samples: w.samples, inner: w.inner, warmup: w.warmup, budgetS: w.budgetS });
      ours.set(w.id, times);
      warmupsUsed.set(w.id, warmup);
      if (w.countAllocations) {
        // One more warmed-up call between two snapshots of core's storage allocation counters.
        const before = torch.storageAllocations();
        fn();
        const after = torch.storageAllocations();
        allocations.set(w.id, { storages: after.storages - before.storages, bytes: after.bytes - before.bytes, reusedBytes: after.reusedBytes - before.reusedBytes });
      }
      process.stderr.write(` ${times.length} samples\n`);
    } catch (e) {
      errors.set(w.id, e instanceof Error ? `${e.name}: ${e.message}` : String(e));
      process.stderr.write(` failed: ${errors.get(w.id)}\n`);
    }
  }
  return { ours, warmupsUsed };
}

// ---- the reference ------------------------------------------------------------------------------------------

function runReference(selected, samplesUsed, warmupsUsed, threads) {
  const python = process.env.TORCH_BENCH_PYTHON || '/usr/bin/python3';
  const spec = {
    threads,
    workloads: selected.map((w) => ({
      id: w.id,
      samples: samplesUsed.get(w.id),
      inner: w.inner ?? 1,
      warmup: warmupsUsed.get(w.id) ?? w.warmup ?? 3,
      params: w.params ?? {},
    })),
  };
  const env = { ...process.env, OMP_NUM_THREADS: String(threads), OPENBLAS_NUM_THREADS: String(threads) };
  const r = spawnSync(python, [referenceScript], {
    input: JSON.stringify(spec),
    env,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    timeout: 180_000,
  });
  if (r.error) return { unavailable: `${python}: ${r.error.code === 'ENOENT' ? 'not found' : r.error.message}` };
  if (r.status !== 0) {
    const err = (r.stderr || '').trim().split('\n').pop() || `exit status ${r.status}`;
    return { unavailable: `${python} ${path.basename(referenceScript)}: ${err}` };
  }
  try {
    return JSON.parse(r.stdout);
  } catch {
    return { unavailable: `could not parse reference.py output: ${r.stdout.slice(0, 200)}` };
  }
}

/**
 * How many cores other processes keep busy right now, from two reads of /proc/stat while we sleep (Linux;
 * null elsewhere). More direct than the load average, which also counts our own previous run.
 */
async function busyCores(ms = 300) {
  const read = () => {
    try {
      const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
      return { idle: f[3] + (f[4] || 0), total: f.reduce((a, b) => a + b, 0) };
    } catch {
      return null;
    }
  };
  const a = read();
  if (!a) return null;
  await new Promise((r) => setTimeout(r, ms));
  const b = read();
  const total = b.total - a.total;
  return total > 0 ? (1 - (b.idle - a.idle) / total) * os.cpus().length : null;
}

// ---- main ---------------------------------------------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const matches = (w) => opts.filters.length === 0 || opts.filters.some((f) => `${w.id} ${w.label}`.toLowerCase().includes(f));
  const selected = workloads.filter(matches);
  if (opts.list) {
    for (const w of workloads) console.log(`${w.id.padEnd(40)} ${w.label}`);
    return;
  }
  if (selected.length === 0) fail(`no workload matches ${opts.filters.join(', ')} (see --list)`);

  checkBuild();
  let torch;
  try {
    torch = await import('@torch/core');
  } catch (e) {
    die(`could not load @torch/core (${String(e?.message ?? e).split('\n')[0]}); build it: \`node native/scripts/build.js && pnpm --filter @torch/core build\``);
  }
  // The higher packages ride along when built (their workloads need them; unbuilt, those report an error and
  // the rest run); the module namespace is frozen, so copy. @torch/legacy-nn is torch.legacy (its .nn).
  const higher = [['autograd', '@torch/autograd'], ['optim', '@torch/optim'], ['nn', '@torch/nn'], ['legacy', '@torch/legacy-nn']];
  for (const [key, pkg] of higher) {
    try {
      torch = { ...torch, [key]: await import(pkg) };
    } catch {
      // not built
    }
  }
  // torch.nn likewise (the nn workloads).
  try {
    torch = { ...torch, nn: await import('@torch/nn') };
  } catch {
    // not built: nn workloads report an error, the rest run
  }
  torch.setNumThreads(opts.threads);
  const blas = torch.backends.blas;
  const cpu = torch.backends.cpu;
  const t0 = Date.now();
  const busyBefore = await busyCores();

  // Ours first, then PyTorch: never both at once on a shared machine. Each round does both; the table
  // reports the last round's samples unless there are several rounds (see `roundMedians`).
  const errors = new Map();
  const allocations = new Map();
  const rounds = [];
  for (let round = 0; round < opts.rounds; round++) {
    const { ours, warmupsUsed } = measureOurs(torch, selected, opts.rounds > 1 ? ` (round ${round + 1} of ${opts.rounds})` : '', errors, allocations);
    const samplesUsed = new Map(selected.map((w) => [w.id, ours.get(w.id)?.length ?? Math.min(w.samples, 3)]));
    let ref = null;
    if (opts.reference) {
      process.stderr.write('bench: running the PyTorch reference ...\n');
      ref = runReference(selected, samplesUsed, warmupsUsed, opts.threads);
    }
    rounds.push({ ours, ref });
  }
  const { ours, ref } = rounds[rounds.length - 1];
  const refOk = ref && !ref.unavailable;

  // ---- assemble rows ----
  const results = [];
  const rows = [];
  const hasNumpy = refOk && ref.numpy && Object.keys(ref.numpy.runs ?? {}).length > 0;
  const numpyCell = (w, stat) => {
    if (!hasNumpy || w.metric !== 'gflops' || !w.params) return ''; // GFLOP/s rows without a matrix size (conv) have no numpy twin
    const key = `${w.params.dtype}.${w.params.n}`;
    return Object.entries(ref.numpy.runs)
      .map(([coretype, run]) => {
        const s = run.results?.[key];
        return s ? `${coretype}: ${fmtNum(stat === 'best' ? s.best : s.median)}` : run.error ? `${coretype}: error` : '';
      })
      .filter(Boolean)
      .join(', ');
  };
  const medians = new Map();
  let tickRows = 0;
  for (const w of selected) {
    const refTimes = refOk ? ref.results?.[w.id]?.times : null;
    const { o, p, ratioMedian } = roundMedians(w, rounds, refOk);
    const refErr = refOk ? ref.results?.[w.id]?.error : null;
    // A median of 8 ms (two scheduler ticks) on a busy machine is PyTorch's spin-waiting OpenMP worker
    // waiting for a core, not its kernel: flag it rather than let it pass as a ratio.
    const onTick = (t) => t > 7.9e-3 && t < 8.5e-3; // two 4 ms ticks: what this machine shows
    const suspect = !!refTimes && w.metric !== 'gflops' && onTick(median(refTimes)) &&
      refTimes.filter(onTick).length >= refTimes.length / 2;
    if (suspect) tickRows++;
    // Seconds per call for the derived rows: the median over rounds of each round's median.
    const overRounds = (timesOf) => {
      const ms = rounds.map(timesOf).filter((t) => t?.length).map(median);
      return ms.length ? median(ms) : null;
    };
    medians.set(w.id, { ours: overRounds((r) => r.ours.get(w.id)), ref: refOk ? overRounds((r) => r.ref?.results?.[w.id]?.times) : null });
    results.push({
      id: w.id, label: w.label, metric: w.metric, flops: w.flops,
      ours: o && { ...o, times: ours.get(w.id) }, oursError: errors.get(w.id) ?? null,
      pytorch: p && { ...p, times: refTimes }, pytorchError: refErr ?? null,
      ratioMedian,
      ...(rounds.length > 1 ? { rounds: rounds.length } : {}),
      pytorchOnSchedulerTick: suspect,
      ...(allocations.has(w.id) ? { allocationsPerCall: allocations.get(w.id) } : {}),
    });
    const oursCell = (stat) => (errors.has(w.id) ? 'error' : fmtVal(o?.[stat], w.metric));
    const refCell = (stat) => (refErr ? 'error' : refOk ? fmtVal(p?.[stat], w.metric) + (suspect ? ' !' : '') : '');
    if (w.metric === 'gflops') {
      for (const stat of ['median', 'best']) {
        rows.push([`${w.label} (${stat})`, oursCell(stat), refCell(stat), fmtNum(ratio(w.metric, o?.[stat], p?.[stat])), numpyCell(w, stat)]);
      }
    } else {
      rows.push([w.label, oursCell('median'), refCell('median'), refOk ? fmtNum(ratioMedian) : '', '']);
    }
    const alloc = allocations.get(w.id);
    if (alloc) {
      const reused = alloc.reusedBytes > 0 ? ` (${alloc.reusedBytes} B of them reused from backward's pool)` : '';
      rows.push(['  storages / bytes allocated by one warmed-up call', `${alloc.storages} / ${alloc.bytes} B${reused}`, '', '', '']);
    }
    for (const d of derived) {
      if (d.from[0] !== w.id && d.from[1] !== w.id) continue;
      const [a, b] = d.from.map((id) => medians.get(id));
      if (!a || !b) continue; // the other input has not run (yet)
      const vo = a.ours != null && b.ours != null ? d.compute(a.ours, b.ours) : null;
      const vp = a.ref != null && b.ref != null ? d.compute(a.ref, b.ref) : null;
      results.push({ id: d.id, label: d.label.trim(), metric: d.metric, ours: vo, pytorch: vp });
      rows.push([d.label, fmtVal(vo, 'x'), refOk ? fmtVal(vp, 'x') : '', '', '']);
    }
  }

  // ---- print ----
  const lines = [];
  lines.push(`torch-ts bench: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${opts.threads} threads both sides, node ${process.version}`);
  lines.push(
    `ours: BLAS ${blas.library}${blas.coretype ? ` (${blas.coretype}, chosen by ${blas.chosenBy})` : ` (chosen by ${blas.chosenBy})`}, ` +
      `${blas.threads} BLAS threads${blas.config ? `, ${blas.config}` : ''}; elementwise SIMD ${cpu.capability}`,
  );
  if (refOk) {
    lines.push(
      `PyTorch ${ref.torch.version} (${ref.torch.threads} threads, BLAS ${ref.torch.blas ?? 'unknown'}` +
        `${ref.torch.openblas_coretype ? `, OpenBLAS core ${ref.torch.openblas_coretype}` : ''}` +
        `${ref.torch.omp_wait_policy ? `, OMP_WAIT_POLICY=${ref.torch.omp_wait_policy}` : ''}), python ${ref.python}` +
        (hasNumpy ? `; numpy ${ref.numpy.version}` : ''),
    );
  } else if (opts.reference) {
    lines.push(`PyTorch reference unavailable (${ref.unavailable}): showing our column alone`);
  } else {
    lines.push('PyTorch reference skipped (--no-reference): showing our column alone');
  }
  const header = ['workload', 'ours', 'PyTorch', 'ratio ours/PyTorch time'];
  if (hasNumpy) header.push('numpy GFLOP/s by OPENBLAS_CORETYPE');
  lines.push('');
  lines.push(table(header, rows.map((r) => r.slice(0, header.length))));
  lines.push('');
  lines.push(
    `median over samples (mm: best and median)${rounds.length > 1 ? `, then the median over ${rounds.length} rounds (the ratio: of the per-round ratios)` : ''}. ` +
      'ratio = our time / PyTorch time (for GFLOP/s: PyTorch rate / ours):',
  );
  lines.push('  < 1 we are faster, > 1 we are slower by that factor. Shared noisy machine: compare ratios within one run only.');
  if (hasNumpy) {
    const cores = Object.entries(ref.numpy.runs).map(([k, r]) => `${k} -> ${r.openblas_coretype ?? r.error ?? '?'}`);
    lines.push(`numpy OpenBLAS core by OPENBLAS_CORETYPE: ${cores.join(', ')}`);
  }
  const busyAfter = await busyCores();
  const fmtBusy = (b) => (b == null ? '?' : b.toFixed(2));
  lines.push(`took ${((Date.now() - t0) / 1000).toFixed(1)} s; cores busy with other processes: ${fmtBusy(busyBefore)} before, ${fmtBusy(busyAfter)} after`);
  if (tickRows > 0) {
    lines.push(
      `! ${tickRows} PyTorch median(s) of 8 ms (two scheduler ticks): its OpenMP worker waited for a core held by another ` +
        'process; those ratios are meaningless. Rerun on a quiet machine, or with OMP_WAIT_POLICY=PASSIVE pnpm bench.',
    );
  }
  if (Math.max(busyBefore ?? 0, busyAfter ?? 0) > 0.3) {
    lines.push(
      'warning: other processes were using the CPU; multi-threaded timings may be inflated on both sides.',
    );
  }
  console.log(lines.join('\n'));

  if (opts.json) {
    const doc = {
      date: new Date().toISOString(),
      host: { cpu: os.cpus()[0]?.model, cores: os.availableParallelism(), node: process.version, platform: `${process.platform}-${process.arch}` },
      threads: opts.threads,
      busyCores: { before: busyBefore, after: busyAfter },
      ours: { blas, cpu },
      reference: refOk ? { torch: ref.torch, python: ref.python, numpy: ref.numpy } : { unavailable: ref?.unavailable ?? 'skipped' },
      ratio: 'our time / PyTorch time; for gflops PyTorch rate / our rate; < 1 we are faster',
      results,
    };
    writeFileSync(opts.json, JSON.stringify(doc, null, 2) + '\n');
    console.log(`wrote ${opts.json}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
