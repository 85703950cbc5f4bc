// Reductions, softmax and logSoftmax against PyTorch (fixtures/reduce.json from tools/gen_fixtures_reduce.py):
// every op x dtype x layout (contiguous, transposed, strided, expanded, 3-D, permuted, 0-dim, empty) x dims
// (negative, lists, keepdim), NaN/Inf and int64 beyond 2^31; then long rows and the thread-split paths
// against a float64 JS reference, float32 accuracy on 1e7 elements, `out`, the max/min forms, views
// starting inside their storage, and the errors.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';
import { approxTol, attempt, compareTensor, EXACT, inputTensor, loadFixture, onEveryBackend, readValues, sameOnEveryBackend, snapshot, type TensorSpec, type Tol } from './fixtures';

interface Args {
  dim?: number | number[];
  keepdim?: boolean;
  p?: number | string;
  unbiased?: boolean;
  dtype?: string;
  maxnorm?: number;
  other?: TensorSpec;
}
interface Case {
  op: string;
  tag: string;
  input: TensorSpec;
  args: Args;
  expected: { error?: string; tensor?: TensorSpec; values?: TensorSpec; indices?: TensorSpec };
  emulated?: boolean;
}

const cases = loadFixture<Case>('reduce.json');

const pOf = (p: number | string | undefined): number | 'fro' | undefined =>
  p === 'inf' ? Infinity : p === '-inf' ? -Infinity : (p as number | 'fro' | undefined);

function runOp(c: Case, x: torch.Tensor): torch.Tensor | { values: torch.Tensor; indices: torch.Tensor } {
  const a = c.args;
  const dtype = a.dtype ? torch.dtypeFromName(a.dtype) : undefined;
  const o = { dim: a.dim, keepdim: a.keepdim };
  switch (c.op) {
    case 'sum':
      return torch.sum(x, { ...o, dtype });
    case 'mean':
      return torch.mean(x, { ...o, dtype });
    case 'prod':
      return torch.prod(x, { dim: a.dim as number | undefined, keepdim: a.keepdim, dtype });
    case 'var':
      return torch.var(x, { ...o, unbiased: a.unbiased });
    case 'std':
      return x.std({ ...o, unbiased: a.unbiased });
    case 'norm':
      return torch.norm(x, pOf(a.p), o);
    case 'logsumexp':
      return torch.logsumexp(x, a.dim!, { keepdim: a.keepdim });
    case 'all':
      return torch.all(x, { dim: a.dim as number | undefined, keepdim: a.keepdim });
    case 'any':
      return x.any({ dim: a.dim as number | undefined, keepdim: a.keepdim });
    case 'argmax':
      return torch.argmax(x, { dim: a.dim as number | undefined, keepdim: a.keepdim });
    case 'argmin':
      return x.argmin({ dim: a.dim as number | undefined, keepdim: a.keepdim });
    case 'max':
    case 'min': {
      if (a.dim === undefined) return c.op === 'max' ? x.max() : torch.min(x);
      const r = c.op === 'max' ? torch.max(x, a.dim as number, { keepdim: a.keepdim }) : x.min({ dim: a.dim as number, keepdim: a.keepdim });
      return { values: r.values, indices: r.indices };
    }
    case 'cumsum':
      return torch.cumsum(x, a.dim as number, { dtype });
    case 'cumprod':
      return x.cumprod(a.dim as number);
    case 'softmax':
      return torch.softmax(x, a.dim as number, { dtype });
    case 'logSoftmax':
      return x.logSoftmax(a.dim as number, { dtype });
    case 'dist':
      return torch.dist(x, inputTensor(a.other!), pOf(a.p) as number);
    case 'renorm':
      return torch.renorm(x, pOf(a.p) as number, a.dim as number, a.maxnorm!);
  }
  throw new Error(`unknown op ${c.op}`);
}

/** Sums may add in another order than PyTorch: a few ulps relative to the magnitudes involved. */
function tolFor(c: Case, dtype: string): Tol {
  if (['max', 'min', 'argmax', 'argmin', 'all', 'any'].includes(c.op)) return EXACT;
  // PyTorch 1.13 accumulates float16 p-norms for other p in float16 (we use float32): a few ulps apart.
  if (dtype === 'float16' && c.op === 'norm' && ![1, 2, 0, 'fro', 'inf', '-inf'].includes(c.args.p!)) return { rtol: 5e-3, atol: 5e-3 };
  if (dtype === 'float16') return { rtol: 2e-3, atol: 2e-3 };
  const t = approxTol(dtype);
  return { rtol: t.rtol * 8, atol: t.atol * 8 };
}

const label = (c: Case) => `${c.op} ${c.input.dtype}[${c.input.shape}]${c.input.view ? JSON.stringify(c.input.view) : ''} ${c.tag} ${JSON.stringify({ ...c.args, other: undefined })}`;

const OPS = ['sum', 'mean', 'prod', 'var', 'std', 'norm', 'logsumexp', 'all', 'any', 'argmax', 'argmin', 'max', 'min', 'cumsum', 'cumprod', 'softmax', 'logSoftmax', 'dist', 'renorm'];

describe('reductions vs PyTorch fixtures', () => {
  for (const op of OPS) {
    it(`${op}: every dtype x layout x dims, keepdim, NaN/Inf`, () => {
      const mine = cases.filter((c) => c.op === op && c.tag !== 'error' && c.expected.error === undefined);
      expect(mine.length).toBeGreaterThan(0);
      const bad: string[] = [];
      for (const c of mine) {
        const msg = onEveryBackend(() => {
          const x = inputTensor(c.input);
          const before = snapshot(x);
          const { result, error } = attempt(() => runOp(c, x));
          sameOnEveryBackend(label(c), { result, error });
          if (error !== undefined) return `threw ${String(error)}`;
          const r = result as ReturnType<typeof runOp>;
          const e = c.expected;
          if (snapshot(x) !== before) return 'input changed';
          if (r instanceof torch.Tensor) return compareTensor(r, e.tensor!, tolFor(c, e.tensor!.dtype));
          return compareTensor(r.values, e.values!, EXACT) ?? compareTensor(r.indices, e.indices!, EXACT);
        });
        if (msg) bad.push(`${label(c)}: ${msg}`);
      }
      expect(bad, bad.slice(0, 8).join('\n')).toEqual([]);
    });
  }

  it('errors (dim out of range or repeated, mean/var/norm of integers, max of empty, renorm args) name the op and change nothing', () => {
    const errs = cases.filter((c) => c.expected.error !== undefined);
    expect(errs.length).toBeGreaterThan(40);
    const bad: string[] = [];
    for (const c of errs) {
      const msg = onEveryBackend(() => {
        const x = inputTensor(c.input);
        const before = snapshot(x);
        const { error: err } = attempt(() => runOp(c, x));
        sameOnEveryBackend(label(c), { error: err });
        if (snapshot(x) !== before) return 'input changed';
        if (err === undefined) return `did not throw (PyTorch: ${c.expected.error})`;
        const ok = err instanceof torch.TorchIndexError || err instanceof torch.TorchTypeError || err instanceof torch.TorchSizeError;
        if (!ok) return `threw ${String(err)}, expected a Torch error`;
        if (!String((err as Error).message).startsWith(c.op)) return `message does not name the op: ${String(err)}`;
        return null;
      });
      if (msg) bad.push(`${label(c)}: ${msg}`);
    }
    expect(bad, bad.join('\n')).toEqual([]);
  });
});

// ---------------------------------------------------------------- long rows vs a JS reference

function mulberry(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A [rows, cols] float64 matrix of values in [-4, 4) and its reference row/column sums. */
function matrix(rows: number, cols: number, seed: number): { t: torch.Tensor; vals: number[] } {
  const rnd = mulberry(seed);
  const vals = Array.from({ length: rows * cols }, () => Math.round((rnd() * 8 - 4) * 1024) / 1024);
  const t = torch.tensor(vals, { dtype: torch.float64 }).view(rows, cols);
  return { t, vals };
}

function refReduce(vals: number[], rows: number, cols: number, dim: 0 | 1, f: (xs: number[]) => number): number[] {
  const out: number[] = [];
  if (dim === 0) for (let j = 0; j < cols; j++) out.push(f(Array.from({ length: rows }, (_, i) => vals[i * cols + j]!)));
  else for (let i = 0; i < rows; i++) out.push(f(vals.slice(i * cols, (i + 1) * cols)));
  return out;
}

const sumOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const varOf = (xs: number[]) => {
  const m = sumOf(xs) / xs.length;
  return sumOf(xs.map((x) => (x - m) ** 2)) / (xs.length - 1);
};

function expectClose(got: torch.Tensor, want: number[], rtol: number, what: string): void {
  const g = readValues(got).map(Number);
  expect(g.length, what).toBe(want.length);
  for (let i = 0; i < g.length; i++) if (!(Math.abs(g[i]! - want[i]!) <= rtol * (Math.abs(want[i]!) + 1))) expect.fail(`${what} [${i}]: ${g[i]} vs ${want[i]}`);
}

describe('long rows, many outputs and the thread-split paths', () => {
  // Shapes chosen to hit: inner runs longer than a block (1024), few outputs with a reduction split
  // across threads (above 2^20 elements), outer (row-accumulating) reductions with several tiles, and
  // short rows vectorised across outputs.
  const shapes: [number, number][] = [[3, 400000], [400000, 3], [600, 700], [5, 4097], [2, 150000]];
  for (const [rows, cols] of shapes) {
    it(`[${rows}, ${cols}] float64/float32/int32, contiguous and transposed: sum, mean, var, max/argmax, norm, cumsum`, () => {
      const { t, vals } = matrix(rows, cols, rows * 31 + cols);
      // the same values through a transposed view (the iterator's other path)
      const tt = torch.clone(t.t());
      for (const dim of [0, 1] as const) {
        const sums = refReduce(vals, rows, cols, dim, sumOf);
        expectClose(t.sum(dim), sums, 1e-12, `sum f64 dim ${dim}`);
        expectClose(t.float().sum(dim), sums, 1e-5, `sum f32 dim ${dim}`);
        expectClose(tt.t().sum(dim), sums, 1e-12, `sum of transposed f64 dim ${dim}`);
        expectClose(tt.t().float().sum(dim), sums, 1e-5, `sum of transposed f32 dim ${dim}`);
        expectClose(t.mul(1024).int().sum(dim), sums.map((s) => s * 1024), 0, `sum int32 dim ${dim}`);
        expectClose(t.mean(dim), sums.map((s) => s / (dim === 0 ? rows : cols)), 1e-12, `mean dim ${dim}`);
        expectClose(t.var(dim), refReduce(vals, rows, cols, dim, varOf), 1e-9, `var dim ${dim}`);
        expectClose(t.norm(2, dim), refReduce(vals, rows, cols, dim, (xs) => Math.sqrt(sumOf(xs.map((x) => x * x)))), 1e-12, `norm dim ${dim}`);
        const maxOf = (xs: number[]) => xs.reduce((a, b) => (b > a ? b : a), -Infinity);
        const mx = refReduce(vals, rows, cols, dim, maxOf);
        const am = refReduce(vals, rows, cols, dim, (xs) => xs.indexOf(maxOf(xs)));
        const r = tt.t().float().max(dim);
        expectClose(r.values, mx, 0, `max values dim ${dim}`);
        expectClose(r.indices, am, 0, `max indices dim ${dim}`);
        expectClose(t.argmax(dim), am, 0, `argmax dim ${dim}`);
      }
      const cs = t.cumsum(1);
      const last = readValues(cs.select(1, cols - 1)).map(Number);
      expectClose(torch.tensor(last, { dtype: torch.float64 }), refReduce(vals, rows, cols, 1, sumOf), 1e-12, 'cumsum last column');
      const cs0 = tt.t().float().cumsum(0);
      expectClose(cs0.select(0, rows - 1), refReduce(vals, rows, cols, 0, sumOf), 1e-5, 'cumsum dim 0 of a transposed f32 view');
    }, 120_000); // synchronous and ~20 s on a quiet 2-core machine: the 30 s default timed out under load
  }

  it('float32 sum of 1e7 values matches the float64 sum to ~1e-6 relative', () => {
    const x = torch.rand(10_000_000);
    const s = x.sum().item();
    const ref = x.double().sum().item();
    const data = x.storage().data as Float32Array;
    let kahan = 0, comp = 0;
    for (let i = 0; i < data.length; i++) {
      const y = data[i]! - comp;
      const t = kahan + y;
      comp = t - kahan - y;
      kahan = t;
    }
    expect(Math.abs(ref - kahan) / kahan).toBeLessThan(1e-12);
    expect(Math.abs(s - kahan) / kahan).toBeLessThan(1e-6);
    // a constant 0.1 everywhere: naive float32 accumulation would be off by about 10%
    const c = torch.full([10_000_000], 0.1);
    expect(Math.abs(c.sum().item() - 1e6) / 1e6).toBeLessThan(1e-6);
    expect(Math.abs(c.mean().item() - 0.1) / 0.1).toBeLessThan(1e-6);
  });

  it('a multi-dim reduction over a permuted 4-D view equals summing one dim at a time', () => {
    const x = torch.randn(6, 5, 4, 7, { dtype: torch.float64 }).permute(2, 0, 3, 1);
    const a = x.sum([1, 3]);
    const b = x.sum(3).sum(1);
    expectClose(a, readValues(b).map(Number), 1e-12, 'sum [1, 3]');
    expectClose(x.sum([0, 1, 2, 3]), [x.sum().item()], 1e-12, 'all dims');
    expectClose(x.sum([]), [x.sum().item()], 1e-12, 'empty list means all dims');
  });
});

// ---------------------------------------------------------------- semantics and options

/** An int64 tensor holding exactly these values (beyond 2^53 too). */
function longs(vals: bigint[]): torch.Tensor {
  const t = torch.empty(vals.length, { dtype: torch.int64 });
  (t.storage().data as BigInt64Array).set(vals);
  return t;
}

describe('semantics', () => {
  it('integer and bool sums and products are int64; int64 beyond 2^31 and 2^53 is exact', () => {
    const big = longs([2n ** 40n, 2n ** 53n + 1n, -(2n ** 31n)]);
    expect(readValues(big.sum())).toEqual([2n ** 40n + 2n ** 53n + 1n - 2n ** 31n]);
    expect(torch.tensor([true, true, false]).sum().dtype).toBe(torch.int64);
    expect(torch.tensor([100, 100], { dtype: torch.int8 }).sum().item()).toBe(200);
    expect(torch.tensor([3, 5], { dtype: torch.uint8 }).prod().dtype).toBe(torch.int64);
    expect(readValues(longs([2n ** 32n, 2n ** 21n + 1n]).prod())).toEqual([2n ** 53n + 2n ** 32n]);
    expect(readValues(longs([2n ** 62n, 4n]).prod())).toEqual([0n]); // wraps like two's complement, as PyTorch
  });

  it('empty tensors: sum 0, prod 1, mean NaN, all true, any false, logsumexp -inf, norm 0', () => {
    const e = torch.empty(0, 3);
    expect(e.sum().item()).toBe(0);
    expect(e.prod().item()).toBe(1);
    expect(e.mean().item()).toBeNaN();
    expect(e.all().item()).toBe(1);
    expect(e.any().item()).toBe(0);
    expect(torch.logsumexp(e, 0).tolist()).toEqual([-Infinity, -Infinity, -Infinity]);
    expect(e.norm().item()).toBe(0);
    expect(e.sum(0).tolist()).toEqual([0, 0, 0]);
    expect(e.sum(1).size()).toEqual([0]);
    expect(e.cumsum(0).size()).toEqual([0, 3]);
  });

  it('NaN propagates through max/min and wins argmax/argmin at its first position', () => {
    const x = torch.tensor([[1, NaN, 3, NaN], [4, 2, 0, -1]]);
    expect(x.max().item()).toBeNaN();
    expect(x.argmax().item()).toBe(1);
    expect(x.argmin().item()).toBe(1);
    const { values, indices } = x.max(1);
    expect(readValues(values).map(Number)).toEqual([NaN, 4]);
    expect(readValues(indices)).toEqual([1n, 0n]);
    expect(x.min(0).indices.tolist()).toEqual([0, 0, 1, 0]);
  });

  it('max/min keep the elementwise form with a Tensor argument', () => {
    const a = torch.tensor([1, 5, 2]), b = torch.tensor([3, 1, 2]);
    expect(a.max(b).tolist()).toEqual([3, 5, 2]);
    expect(torch.min(a, b).tolist()).toEqual([1, 1, 2]);
    const out = torch.empty(3, { dtype: torch.int64 });
    torch.max(a, b, { out });
    expect(out.tolist()).toEqual([3, 5, 2]);
    expect(torch.max(a).item()).toBe(5);
    const [v, i] = torch.min(a, 0);
    expect([v!.item(), i!.item()]).toEqual([1, 0]);
  });

  it('writes into out (resizing an empty one, casting to its dtype) and into out pairs', () => {
    const x = torch.tensor([[1, 2], [3, 4]]).float();
    const out = torch.empty(0);
    expect(torch.sum(x, 1, { out })).toBe(out);
    expect(out.tolist()).toEqual([3, 7]);
    const d = torch.empty(2, { dtype: torch.float64 });
    torch.mean(x, 0, { out: d });
    expect(d.tolist()).toEqual([2, 3]);
    const strided = torch.zeros(2, 2).select(1, 1);
    torch.norm(x, 1, 1, { out: strided });
    expect(strided.tolist()).toEqual([3, 7]);
    const vals = torch.empty(0), idx = torch.empty(0, { dtype: torch.int64 });
    const r = torch.max(x, 0, { out: [vals, idx] });
    expect(r.values).toBe(vals);
    expect(vals.tolist()).toEqual([3, 4]);
    expect(idx.tolist()).toEqual([1, 1]);
    const ai = torch.empty(0, { dtype: torch.int64 });
    torch.argmax(x, 1, { out: ai });
    expect(ai.tolist()).toEqual([1, 1]);
    const c = torch.empty(2, 2);
    torch.cumsum(x, 1, { out: c });
    expect(c.tolist()).toEqual([[1, 3], [3, 7]]);
    const b = torch.empty(0, { dtype: torch.bool });
    torch.all(x.gt(1), 1, { out: b });
    expect(b.tolist()).toEqual([0, 1]);
  });

  it('out into the input itself goes through a temporary', () => {
    const x = torch.tensor([[1, 2], [3, 4]]).float();
    const row = x.select(0, 0);
    torch.sum(x, 0, { out: row });
    expect(x.tolist()).toEqual([[4, 6], [3, 4]]);
  });

  it('in-place cumsum_/cumprod_ and renorm_ write into self (cast to its dtype)', () => {
    const x = torch.tensor([1, 2, 3], { dtype: torch.int32 });
    expect(x.cumsum_(0)).toBe(x);
    expect(x.tolist()).toEqual([1, 3, 6]);
    x.cumprod_(0);
    expect(x.tolist()).toEqual([1, 3, 18]);
    const w = torch.tensor([[3, 4], [0.5, 0]]);
    w.renorm_(2, 0, 1);
    expect(readValues(w).map((v) => Math.round(Number(v) * 1e5) / 1e5)).toEqual([0.6, 0.8, 0.5, 0]);
    expect(() => torch.tensor([true, false]).cumsum_(0)).toThrow(torch.TorchTypeError);
  });

  it('dtype option casts first; var(false) is biased; argmax keepdim without a dim keeps all dims', () => {
    const x = torch.tensor([[1, 2], [3, 4]]);
    expect(x.sum({ dtype: torch.float64 }).dtype).toBe(torch.float64);
    expect(x.mean({ dtype: torch.float32 }).item()).toBe(2.5);
    expect(x.cumsum(0, { dtype: torch.float32 }).dtype).toBe(torch.float32);
    expect(x.float().var(false).item()).toBeCloseTo(1.25, 6);
    expect(x.argmax({ keepdim: true }).size()).toEqual([1, 1]);
    expect(torch.logsumexp(x, 1).dtype).toBe(torch.float32);
    expect(torch.tensor([1, 0], { dtype: torch.uint8 }).all().dtype).toBe(torch.uint8);
  });
});

describe('errors name the op and sizes and change nothing', () => {
  const x = torch.tensor([[1, 2, 3], [4, 5, 6]]).float();
  const cases: [string, () => unknown, RegExp][] = [
    ['sum dim 2', () => x.sum(2), /^sum: dimension 2 out of range for a 2-D tensor/],
    ['mean of int', () => torch.arange(3).mean(), /^mean: .*int64/],
    ['var of int', () => torch.arange(3).var(), /^var: .*int64.*\[3\]/],
    ['norm p nuc', () => x.norm('nuc' as never), /^norm: p must be/],
    ['norm of int', () => torch.arange(3).norm(), /^norm: .*int64/],
    ['max of empty', () => torch.empty(0, 2).max(), /^max: .*\[0, 2\]/],
    ['argmin of an empty dim', () => torch.empty(0, 2).argmin(0), /^argmin: .*dim 0.*\[0, 2\]/],
    ['prod with a list', () => x.prod([0, 1] as never), /^prod: dim must be an integer/],
    ['logsumexp without dim', () => (torch.logsumexp as (t: torch.Tensor) => torch.Tensor)(x), /^logsumexp: dim is required/],
    ['renorm 1-D', () => torch.ones(3).renorm(2, 0, 1), /^renorm: input needs at least 2 dimensions.*\[3\]/],
    ['renorm p <= 0', () => x.renorm(0, 0, 1), /^renorm: p must be positive/],
    ['dist broadcast', () => x.dist(torch.ones(4)), /^dist: sizes \[2, 3\] and \[4\] cannot broadcast/],
    ['sum out wrong size', () => x.sum(0, { out: torch.zeros(2) }), /^sum: out has size \[2\] but the result has size \[3\]/],
    ['sum out int for float', () => x.sum(0, { out: torch.zeros(3, { dtype: torch.int32 }) }), /^sum: expected out to have dtype/],
    ['max out pair dtype', () => x.max(0, { out: [torch.empty(0, { dtype: torch.float64 }), torch.empty(0, { dtype: torch.int64 })] }), /^max: expected out values to have dtype torch.float32/],
    ['cumsum dim', () => x.cumsum(-3), /^cumsum: dimension -3 out of range/],
    ['all with a list', () => x.all([0] as never), /^all: dim must be an integer/],
  ];
  for (const [what, fn, re] of cases) {
    it(what, () => {
      const before = snapshot(x);
      expect(fn).toThrow(re);
      expect(snapshot(x)).toBe(before);
    });
  }

  it('failed out calls leave out untouched', () => {
    const out = torch.full([2], 7.5);
    expect(() => x.sum(0, { out })).toThrow(torch.TorchSizeError);
    expect(out.tolist()).toEqual([7.5, 7.5]);
  });
});

describe('native bound checks', () => {
  it('the binding refuses views outside their storage and bad op/dtype pairs', async () => {
    const { native, meta } = await import('../src/native');
    const inp = new Float32Array(4), out = new Float32Array(1);
    meta.set([0, 0, 1, 0, 0, 0, 0, 8, 1, 1]); // sum of 8 elements from a 4-element array
    expect(() => native.reduce(inp, out, null)).toThrow(RangeError);
    meta.set([0, 0, 2, 0, 5, 0, 0, 2, 2, 2, 1, 0, 1]); // out offset 5 of a 1-element out
    expect(() => native.reduce(inp, out, null)).toThrow(RangeError);
    meta.set([7, 3, 1, 0, 0, 0, 2, 4, 1, 1]); // norm of int64
    expect(() => native.reduce(new BigInt64Array(4), new BigInt64Array(1), null)).toThrow(TypeError);
    meta.set([3, 0, 1, 0, 0, 0, 0, 0, 1, 1]); // max of zero elements
    expect(() => native.reduce(inp, out, null)).toThrow(RangeError);
    meta.set([0, 0, 1, 0, 0, 0, 4, 1]); // cumsum: out too short
    expect(() => native.scan(inp, new Float32Array(3))).toThrow(RangeError);
  });
});

describe('views that start inside their storage', () => {
  it('cumsum, cumprod and logsumexp read from the view offset', () => {
    const x = torch.arange(10, { dtype: torch.float64 }).narrow(0, 3, 4); // [3, 4, 5, 6] at offset 3
    expect(x.cumsum(0).tolist()).toEqual([3, 7, 12, 18]);
    expect(x.cumprod(0).tolist()).toEqual([3, 12, 60, 360]);
    expect(x.logsumexp(0).item()).toBeCloseTo(Math.log(Math.exp(3) + Math.exp(4) + Math.exp(5) + Math.exp(6)), 12);
  });
});
