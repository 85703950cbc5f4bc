// The op mix that the worker_threads test runs on the main thread and in every worker at once. It takes
// the torch module as an argument so the main thread can pass the sources (under vitest) and a worker
// the built package. Every result is checked against values computed here in plain JS, so a thread
// that computes on another environment's meta buffer, or a pool that mixes two callers' tasks, fails.

/** Throws unless `got` (numbers) equals `want` exactly. */
function same(what, got, want) {
  if (got.length !== want.length) throw new Error(`${what}: length ${got.length}, expected ${want.length}`);
  for (let i = 0; i < want.length; i++)
    if (got[i] !== want[i]) throw new Error(`${what}: element ${i} is ${got[i]}, expected ${want[i]}`);
}

/**
 * One round of every op family, with its checks. `k` varies the inputs from round to round so that a
 * result computed from another thread's numbers cannot match by accident.
 */
export function round(torch, k, randomRef) {
  // Small elementwise (the contiguous fast path and slab-backed storages).
  same('small add', torch.tensor([1, 2, 3]).add(k).tolist(), [1 + k, 2 + k, 3 + k]);
  same('small mul', torch.tensor([1, 2, 3], { dtype: torch.float64 }).mul(k).tolist(), [k, 2 * k, 3 * k]);
  // Large elementwise on a strided view (the pool, and the strided iterator's meta layout).
  const n = 200000;
  const a = torch.arange(n, { dtype: torch.float64 });
  const b = a.view([400, 500]).t().add(k);   // element (i, j) = 500 j + i + k
  const bl = b.contiguous().view([n]);
  for (const i of [0, 1, 399, 12345, n - 1]) {
    const row = Math.floor(i / 400), col = i % 400;
    const want = 500 * col + row + k;
    if (bl.get(i).item() !== want) throw new Error(`strided add: element ${i} is ${bl.get(i).item()}, expected ${want}`);
  }
  // Reductions, whole and along a dim.
  const s = a.sum().item();
  if (s !== (n * (n - 1)) / 2) throw new Error(`sum: ${s}, expected ${(n * (n - 1)) / 2}`);
  const rows = a.view([400, 500]).sum(1).tolist();
  for (const r of [0, 7, 399]) {
    const want = 500 * 500 * r + (500 * 499) / 2;
    if (rows[r] !== want) throw new Error(`sum(1): row ${r} is ${rows[r]}, expected ${want}`);
  }
  const mx = a.add(-k).max().item();
  if (mx !== n - 1 - k) throw new Error(`max: ${mx}, expected ${n - 1 - k}`);
  // Matrix product: ones(m, p) @ diag-ish integers, exact in float64.
  const m = 64 + (k % 5);
  const left = torch.ones([m, 96], { dtype: torch.float64 });
  const right = torch.arange(96 * 80, { dtype: torch.float64 }).view([96, 80]);
  const prod = torch.mm(left, right);
  for (const j of [0, 1, 79]) {
    let want = 0;
    for (let p = 0; p < 96; p++) want += p * 80 + j;
    const got = prod.get(m - 1).get(j).item();
    if (got !== want) throw new Error(`mm: column ${j} is ${got}, expected ${want}`);
  }
  // Sort of a reversed range gives the range back, with the reversed positions as indices.
  const len = 5000 + k;
  const { values, indices } = torch.sort(torch.arange(len, { dtype: torch.float32 }).flip(0));
  const vs = values.tolist(), is = indices.tolist();
  for (const i of [0, 1, len - 1]) {
    if (vs[i] !== i) throw new Error(`sort: value ${i} is ${vs[i]}`);
    if (is[i] !== len - 1 - i) throw new Error(`sort: index ${i} is ${is[i]}, expected ${len - 1 - i}`);
  }
  // Random: the default generator of this environment alone decides the numbers.
  torch.manualSeed(1234);
  same('rand after manualSeed', torch.rand(100000).tolist(), randomRef);
}

/** Runs rounds for `ms` milliseconds; returns how many ran. */
export function stress(torch, ms) {
  torch.manualSeed(1234);
  const randomRef = torch.rand(100000).tolist();
  const end = Date.now() + ms;
  let rounds = 0;
  do round(torch, rounds++ % 17, randomRef);
  while (Date.now() < end);
  return { rounds, firstRandom: randomRef.slice(0, 4) };
}
