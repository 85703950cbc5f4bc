// Sorting and selection against PyTorch (fixtures/sort.json from tools/gen_fixtures_sort.py), plus
// properties checked against a JS reference on rows long enough for the radix and heap paths, `out`,
// and the error cases.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';
import { attempt, compareTensor, EXACT, inputTensor, loadFixture, onEveryBackend, readValues, sameOnEveryBackend, snapshot, type TensorSpec, type Tol } from './fixtures';
import { numberToHalf } from '../src/half';

interface Args {
  dim?: number;
  descending?: boolean;
  stable?: boolean;
  k?: number;
  largest?: boolean;
  keepdim?: boolean;
  returnInverse?: boolean;
  returnCounts?: boolean;
}
interface Case {
  op: string;
  tag: string;
  input: TensorSpec;
  args: Args;
  expected: { error?: string; values?: TensorSpec; indices?: TensorSpec; tensor?: TensorSpec; inverse?: TensorSpec; counts?: TensorSpec };
  exact_indices: boolean;
  emulated?: boolean;
}
interface Result {
  values?: torch.Tensor;
  indices?: torch.Tensor;
  tensor?: torch.Tensor;
  inverse?: torch.Tensor;
  counts?: torch.Tensor;
}

const cases = loadFixture<Case>('sort.json');

function runOp(c: Case, x: torch.Tensor): Result {
  const a = c.args;
  switch (c.op) {
    case 'sort': {
      const { values, indices } = torch.sort(x, { dim: a.dim, descending: a.descending, stable: a.stable });
      return { values, indices };
    }
    case 'argsort':
      return { tensor: torch.argsort(x, { dim: a.dim, descending: a.descending, stable: a.stable }) };
    case 'topk': {
      const { values, indices } = torch.topk(x, a.k!, { dim: a.dim, largest: a.largest });
      return { values, indices };
    }
    case 'kthvalue': {
      const { values, indices } = torch.kthvalue(x, a.k!, { dim: a.dim, keepdim: a.keepdim });
      return { values, indices };
    }
    case 'median': {
      const { values, indices } = torch.median(x, a.dim!, { keepdim: a.keepdim });
      return { values, indices };
    }
    case 'median_all':
      return { tensor: torch.median(x) };
    case 'mode': {
      const { values, indices } = torch.mode(x, { dim: a.dim, keepdim: a.keepdim });
      return { values, indices };
    }
    case 'unique': {
      const r = torch.unique(x, { returnInverse: a.returnInverse, returnCounts: a.returnCounts, dim: a.dim });
      if (r instanceof torch.Tensor) return { tensor: r };
      return { values: r.values, inverse: r.inverse, counts: r.counts };
    }
  }
  throw new Error(`unknown op ${c.op}`);
}

const same = (a: number | bigint, b: number | bigint): boolean =>
  typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) ? Number.isNaN(b) : Object.is(a, b);

/**
 * For ops whose indices PyTorch leaves unspecified among equal elements: every index must point at
 * its value (bit for bit), and for sort/topk the indices of one row must be distinct.
 */
function checkIndices(c: Case, x: torch.Tensor, values: torch.Tensor, indices: torch.Tensor): string | null {
  const shape = x.dim() === 0 ? [1] : x.size();
  const nd = shape.length;
  const dim = c.args.dim === undefined ? nd - 1 : (c.args.dim + nd) % nd;
  const outShape = shape.slice();
  outShape[dim] = c.op === 'sort' ? shape[dim]! : c.op === 'topk' ? (x.dim() === 0 ? 1 : c.args.k!) : 1;
  const inV = readValues(x), vV = readValues(values), iV = readValues(indices);
  if (vV.length !== iV.length) return `values and indices differ in size`;
  const seen = new Map<string, Set<number>>();
  for (let j = 0; j < vV.length; j++) {
    const coords = new Array<number>(nd);
    let r = j;
    for (let d = nd - 1; d >= 0; d--) {
      coords[d] = r % outShape[d]!;
      r = Math.floor(r / outShape[d]!);
    }
    const idx = Number(iV[j]);
    if (!(idx >= 0 && idx < shape[dim]!)) return `index ${idx} out of range at ${j}`;
    const rowKey = coords.filter((_, d) => d !== dim).join(',');
    if (c.op === 'sort' || c.op === 'topk') {
      const s = seen.get(rowKey) ?? new Set<number>();
      if (s.has(idx)) return `index ${idx} repeated in row ${rowKey}`;
      s.add(idx);
      seen.set(rowKey, s);
    }
    coords[dim] = idx;
    let flat = 0;
    for (let d = 0; d < nd; d++) flat = flat * shape[d]! + coords[d]!;
    if (!same(inV[flat]!, vV[j]!)) return `at ${j}: index ${idx} holds ${String(inV[flat])}, value is ${String(vV[j])}`;
  }
  return null;
}

function check(c: Case, r: Result, x: torch.Tensor): string | null {
  const e = c.expected;
  const loose: Tol = { rtol: 0, atol: 0, zeroSign: false };
  if (e.tensor) return compareTensor(r.tensor!, e.tensor, EXACT);
  if (c.op === 'unique') {
    return (
      compareTensor(r.values!, e.values!, EXACT) ??
      (e.inverse ? compareTensor(r.inverse!, e.inverse, EXACT) : null) ??
      (e.counts ? compareTensor(r.counts!, e.counts, EXACT) : null)
    );
  }
  if (c.exact_indices) return compareTensor(r.values!, e.values!, EXACT) ?? compareTensor(r.indices!, e.indices!, EXACT);
  // Equal elements may be picked in another order: ±0 compare equal here, and the indices are
  // checked for pointing at their (exact) values.
  return (
    compareTensor(r.values!, e.values!, loose) ??
    (r.indices!.dtype !== torch.int64 ? 'indices not int64' : null) ??
    (JSON.stringify(r.indices!.size()) !== JSON.stringify(e.indices!.shape) ? `indices shape [${r.indices!.size()}]` : null) ??
    checkIndices(c, x, r.values!, r.indices!)
  );
}

const label = (c: Case) => `${c.op} ${c.input.dtype}[${c.input.shape}]${c.input.view ? JSON.stringify(c.input.view) : ''} ${c.tag} ${JSON.stringify(c.args)}`;

describe('sort family vs PyTorch fixtures', () => {
  for (const op of ['sort', 'argsort', 'topk', 'kthvalue', 'median', 'median_all', 'mode', 'unique']) {
    it(`${op}: every dtype x layout (contiguous, transposed, strided, expanded, 3-D, 0-dim, empty, long rows)`, () => {
      const mine = cases.filter((c) => c.op === op && c.expected.error === undefined);
      expect(mine.length).toBeGreaterThan(0);
      const bad: string[] = [];
      for (const c of mine) {
        const msg = onEveryBackend(() => {
          const x = inputTensor(c.input);
          const before = snapshot(x);
          const { result, error } = attempt(() => runOp(c, x));
          sameOnEveryBackend(label(c), { result, error });
          if (error !== undefined) return `threw ${String(error)}`;
          if (snapshot(x) !== before) return 'input changed';
          return check(c, result as ReturnType<typeof runOp>, x);
        });
        if (msg) bad.push(`${label(c)}: ${msg}`);
      }
      expect(bad, bad.slice(0, 8).join('\n')).toEqual([]);
    });
  }

  it('errors (dim out of range, k out of range, empty reduction dims) leave the input unchanged', () => {
    const errs = cases.filter((c) => c.expected.error !== undefined);
    expect(errs.length).toBeGreaterThan(20);
    const bad: string[] = [];
    for (const c of errs) {
      const msg = onEveryBackend(() => {
        const x = inputTensor(c.input);
        const before = snapshot(x);
        const { error: err } = attempt(() => runOp(c, x));
        sameOnEveryBackend(label(c), { error: err });
        if (snapshot(x) !== before) return 'input changed';
        if (err === undefined) return `did not throw (PyTorch: ${c.expected.error})`;
        const name = c.op === 'median_all' ? 'median' : c.op;
        if (!(err instanceof torch.TorchIndexError)) return `threw ${String(err)}, expected a TorchIndexError`;
        if (!String((err as Error).message).startsWith(name)) return `message does not name the op: ${String(err)}`;
        return null;
      });
      if (msg) bad.push(`${label(c)}: ${msg}`);
    }
    expect(bad, bad.join('\n')).toEqual([]);
  });
});

// ---------------------------------------------------------------- properties on long rows

/** The order the kernels define: NaN largest, -0 == +0, ties by position. */
function refOrder(vals: readonly (number | bigint)[], descending: boolean): number[] {
  const idx = vals.map((_, i) => i);
  const cmp = (a: number | bigint, b: number | bigint): number => {
    const an = typeof a === 'number' && Number.isNaN(a), bn = typeof b === 'number' && Number.isNaN(b);
    if (an || bn) return an === bn ? 0 : an ? 1 : -1;
    return a < b ? -1 : a > b ? 1 : 0;
  };
  idx.sort((i, j) => (descending ? -cmp(vals[i]!, vals[j]!) : cmp(vals[i]!, vals[j]!)) || i - j);
  return idx;
}

function mulberry(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomTensor(dtype: torch.DType, n: number, seed: number): torch.Tensor {
  const rnd = mulberry(seed);
  const t = torch.empty([n], { dtype });
  const data = t.storage().data;
  const specials = [NaN, Infinity, -Infinity, -0, 0];
  for (let i = 0; i < n; i++) {
    const u = rnd();
    if (dtype === torch.int64) {
      (data as BigInt64Array)[i] = BigInt(Math.floor((u - 0.5) * 2 ** 52)) * (u < 0.5 ? 4099n : 1n);
    } else if (dtype.isFloatingPoint) {
      const v = u < 0.05 ? specials[Math.floor(u * 100) % 5]! : u < 0.3 ? Math.round(u * 20) / 4 : (u - 0.6) * 1000;
      if (dtype === torch.float16) (data as Uint16Array)[i] = numberToHalf(v);
      else (data as Float32Array)[i] = v;
    } else if (dtype === torch.bool) {
      (data as Uint8Array)[i] = u < 0.5 ? 1 : 0;
    } else {
      const range = ({ int32: 2 ** 32, int16: 2 ** 16, int8: 256, uint8: 256 } as Record<string, number>)[dtype.name]!;
      const lo = dtype === torch.uint8 ? 0 : -range / 2;
      (data as Int32Array)[i] = lo + Math.floor(rnd() * range);
    }
  }
  return t;
}

describe('sort family: long rows against a JS reference', () => {
  const configs: [torch.DType, number][] = [
    [torch.float32, 70000], // 11-bit radix digits
    [torch.float32, 3000],
    [torch.float64, 3000],
    [torch.float16, 3000],
    [torch.int64, 3000],
    [torch.int32, 3000],
    [torch.int16, 3000],
    [torch.int8, 600],
    [torch.uint8, 600],
    [torch.bool, 600],
  ];
  for (const [dtype, n] of configs) {
    it(`sort/argsort/topk/kthvalue/median/mode/unique of ${n} ${dtype.name}`, () => {
      const x = randomTensor(dtype, n, n + dtype.code);
      const vals = readValues(x);
      for (const descending of [false, true]) {
        const order = refOrder(vals, descending);
        const { values, indices } = x.sort({ descending });
        const got = readValues(indices).map(Number);
        expect(got.every((g, i) => g === order[i])).toBe(true);
        const gv = readValues(values);
        expect(gv.every((v, i) => same(v, vals[order[i]!]!))).toBe(true);
        expect(readValues(x.argsort({ descending })).map(Number)).toEqual(got);
        // topk picks the lowest index among ties, i.e. a prefix of the stable order
        for (const k of [1, 10, 300, n]) {
          const t = x.topk(k, { largest: descending });
          expect(readValues(t.indices).map(Number)).toEqual(order.slice(0, k));
        }
      }
      const asc = refOrder(vals, false);
      for (const k of [1, Math.floor(n / 3), n]) {
        const { values } = x.kthvalue(k);
        expect(same(readValues(values)[0]!, vals[asc[k - 1]!]!)).toBe(true);
      }
      const firstNaN = vals.findIndex((v) => typeof v === 'number' && Number.isNaN(v));
      const med = x.median(0);
      if (firstNaN >= 0) expect(Number(med.indices.item())).toBe(firstNaN);
      else expect(same(readValues(med.values)[0]!, vals[asc[(n - 1) >> 1]!]!)).toBe(true);
      // unique: sorted distinct values; counts sum to n; inverse maps back
      const u = x.unique({ returnInverse: true, returnCounts: true });
      const uv = readValues(u.values), inv = readValues(u.inverse!).map(Number), cnt = readValues(u.counts!).map(Number);
      expect(cnt.reduce((a, b) => a + b, 0)).toBe(n);
      for (let i = 0; i < n; i += 7) {
        const a = vals[i]!, b = uv[inv[i]!]!;
        expect(typeof a === 'number' && Number.isNaN(a) ? Number.isNaN(b as number) : a == b).toBe(true);
      }
    });
  }

  it('rows along dim 0 of a matrix (strided rows, split across threads) and along dim 1', () => {
    const x = torch.randn(300, 257);
    const a = x.sort(0);
    const b = x.t().contiguous().sort(1);
    expect(readValues(a.values.t())).toEqual(readValues(b.values));
    expect(readValues(a.indices.t())).toEqual(readValues(b.indices));
    const c = x.topk(5, 0);
    expect(readValues(c.values)).toEqual(readValues(x.sort(0, { descending: true }).values.narrow(0, 0, 5)));
  });

  it('topk on ascending input (every element enters the heap) and on constant input', () => {
    const x = torch.arange(100000, { dtype: torch.float32 });
    expect(readValues(x.topk(5).indices).map(Number)).toEqual([99999, 99998, 99997, 99996, 99995]);
    expect(readValues(x.topk(5, { largest: false }).values)).toEqual([0, 1, 2, 3, 4]);
    const z = torch.zeros(50000);
    expect(readValues(z.topk(3).indices).map(Number)).toEqual([0, 1, 2]);
  });
});

// ---------------------------------------------------------------- semantics and API

describe('sort family: semantics', () => {
  const f = (v: number[]) => torch.tensor(v, { dtype: torch.float32 });

  it('NaN sorts last ascending and first descending; -0 and +0 tie in position order', () => {
    const x = f([1, NaN, -0, 0, -Infinity, NaN]);
    const a = x.sort();
    expect(readValues(a.indices).map(Number)).toEqual([4, 2, 3, 0, 1, 5]);
    expect(Object.is(readValues(a.values)[1], -0)).toBe(true);
    const d = x.sort({ descending: true });
    expect(readValues(d.indices).map(Number)).toEqual([1, 5, 0, 2, 3, 4]);
  });

  it('stable: false gives the stable result', () => {
    const x = torch.tensor([2, 1, 2, 1, 2, 1]);
    expect(readValues(x.sort({ stable: false }).indices)).toEqual(readValues(x.sort({ stable: true }).indices));
  });

  it('dim as a number or an option, negative dims, methods equal functions, destructuring', () => {
    const x = torch.tensor([[3, 1, 2], [0, 5, 4]]);
    const [v, i] = x.sort(0);
    expect(v!.tolist()).toEqual([[0, 1, 2], [3, 5, 4]]);
    expect(i!.tolist()).toEqual([[1, 0, 0], [0, 1, 1]]);
    expect(torch.sort(x, { dim: -2 }).values.tolist()).toEqual(v!.tolist());
    expect(x.topk(2, 1, { largest: false }).values.tolist()).toEqual([[1, 2], [0, 4]]);
    expect(x.kthvalue(2, { dim: 1, keepdim: true }).values.tolist()).toEqual([[2], [4]]);
    expect(x.median({ dim: 1 }).values.tolist()).toEqual([2, 4]);
    expect(x.median().item()).toBe(2);
    expect(x.mode(0).values.tolist()).toEqual([0, 1, 2]);
  });

  it('kthvalue k is 1-based', () => {
    const x = f([5, 1, 4]);
    expect(x.kthvalue(1).values.item()).toBe(1);
    expect(x.kthvalue(3).values.item()).toBe(5);
    expect(() => x.kthvalue(0)).toThrow(torch.TorchIndexError);
  });

  it('median: NaN anywhere gives NaN; a row with NaN gives its first NaN; empty float is NaN, empty int throws', () => {
    expect(Number.isNaN(f([3, NaN, 1]).median().item())).toBe(true);
    const r = f([3, NaN, 1, NaN]).median(0);
    expect(Number(r.indices.item())).toBe(1);
    expect(Number.isNaN(torch.empty([0, 3]).median().item())).toBe(true);
    expect(() => torch.tensor([] as number[], { dtype: torch.int64 }).median()).toThrow(torch.TorchIndexError);
    const nc = torch.arange(12, { dtype: torch.float32 }).view(3, 4).t();
    expect(nc.median().item()).toBe(5);
  });

  it('mode: smallest most frequent value, its last index; each NaN its own value', () => {
    const r = torch.tensor([3, 1, 3, 1, 2]).mode();
    expect([r.values.item(), Number(r.indices.item())]).toEqual([1, 3]);
    expect(f([1, NaN, NaN, 2]).mode().values.item()).toBe(1);
  });

  it('unique: sorted regardless of `sorted`, NaNs distinct, ±0 one value, inverse shaped like the input', () => {
    const x = torch.tensor([[3, 1], [2, 1]]);
    expect(torch.unique(x, { sorted: false }).tolist()).toEqual([1, 2, 3]);
    const { values, inverse, counts } = torch.unique(x, { returnInverse: true, returnCounts: true });
    expect([values.tolist(), inverse!.tolist(), counts!.tolist()]).toEqual([[1, 2, 3], [[2, 0], [1, 0]], [2, 1, 1]]);
    const [u, c] = torch.unique(f([NaN, 1, NaN, -0, 0]), { returnCounts: true });
    expect(readValues(u!).map(String)).toEqual(['0', '1', 'NaN', 'NaN']);
    expect(Object.is(readValues(u!)[0], -0)).toBe(true);
    expect(c!.tolist()).toEqual([2, 1, 1, 1]);
    expect(torch.unique(torch.tensor(5)).size()).toEqual([1]);
  });

  it('unique along a dim: lexicographic slices, slices with NaN never merged, errors for 0-dim and bad dims', () => {
    const rows = torch.tensor([[1, NaN], [0, 2], [1, NaN], [0, 2]], { dtype: torch.float32 });
    const { values, inverse, counts } = torch.unique(rows, { dim: 0, returnInverse: true, returnCounts: true });
    expect(readValues(values).map(String)).toEqual(['0', '2', '1', 'NaN', '1', 'NaN']);
    expect([inverse!.tolist(), counts!.tolist()]).toEqual([[1, 0, 2, 0], [2, 1, 1]]);
    const cols = torch.unique(torch.tensor([[2, 1, 2], [0, 5, 0]]), { dim: -1 });
    expect(cols.tolist()).toEqual([[1, 2], [5, 0]]);
    expect(() => torch.unique(torch.tensor(5), { dim: 0 })).toThrow(torch.TorchIndexError);
    expect(() => torch.unique(rows, { dim: 2 })).toThrow(/unique: .*dim/);
  });

  it("unique's positional form (sorted, returnInverse, returnCounts, dim) is its options form", () => {
    const x = torch.tensor([[2, 1, 2], [0, 5, 0]]);
    expect(x.unique(true).tolist()).toEqual([0, 1, 2, 5]);
    const [v, inv] = x.unique(true, true);
    expect([v!.tolist(), inv!.tolist()]).toEqual([[0, 1, 2, 5], [[2, 1, 2], [0, 3, 0]]]);
    const r = torch.unique(x, false, false, true);
    expect([r.values.tolist(), r.inverse, r.counts!.tolist()]).toEqual([[0, 1, 2, 5], undefined, [2, 1, 2, 1]]);
    expect(torch.unique(x, true, false, false, 1).tolist()).toEqual(torch.unique(x, { dim: 1 }).tolist());
    // @ts-expect-error: a fifth argument (also a type error)
    expect(() => x.unique(true, true, true, 0, 1)).toThrow(/unique/);
    // @ts-expect-error: returnInverse is a boolean
    expect(() => x.unique(true, 'yes')).toThrow(/unique.*returnInverse/);
  });

  it('int64 beyond 2^53 sorts exactly', () => {
    const x = torch.empty([4], { dtype: torch.int64 });
    const d = x.storage().data as BigInt64Array;
    d.set([2n ** 62n + 1n, 2n ** 62n, -(2n ** 63n), 2n ** 63n - 1n]);
    const { values, indices } = x.sort();
    expect(Array.from(values.storage().data as BigInt64Array)).toEqual([-(2n ** 63n), 2n ** 62n, 2n ** 62n + 1n, 2n ** 63n - 1n]);
    expect(indices.tolist()).toEqual([2, 1, 0, 3]);
    expect((x.topk(1).values.storage().data as BigInt64Array)[0]).toBe(2n ** 63n - 1n);
  });
});

describe('sort family: out', () => {
  it('writes into out tensors (array or object form), resizing empty ones', () => {
    const x = torch.tensor([[3, 1, 2], [0, 5, 4]], { dtype: torch.float32 });
    const v = torch.empty([0]), i = torch.empty([0], { dtype: torch.int64 });
    const r = torch.sort(x, { dim: 1, out: [v, i] });
    expect(r.values).toBe(v);
    expect(r.indices).toBe(i);
    expect(v.tolist()).toEqual([[1, 2, 3], [0, 4, 5]]);
    expect(i.tolist()).toEqual([[1, 2, 0], [0, 2, 1]]);
    const tv = torch.empty([2, 2]), ti = torch.empty([2, 2], { dtype: torch.int64 });
    x.topk(2, { out: { values: tv, indices: ti } });
    expect(tv.tolist()).toEqual([[3, 2], [5, 4]]);
    // non-contiguous out
    const big = torch.zeros(3, 2), bigI = torch.zeros([3, 2], { dtype: torch.int64 });
    x.kthvalue(1, 0, { out: [big.get(':', '0:1').t(), bigI.get(':', '0:1').t()], keepdim: true });
    expect(big.tolist()).toEqual([[0, 0], [1, 0], [2, 0]]);
    const mv = torch.empty([2]), mi = torch.empty([2], { dtype: torch.int64 });
    x.median(1, { out: [mv, mi] });
    expect(mv.tolist()).toEqual([2, 4]);
    x.mode(1, { out: [mv, mi] });
    expect(mv.tolist()).toEqual([1, 0]);
  });

  it('sorts in place when out values is the input', () => {
    const x = torch.tensor([3, 1, 2], { dtype: torch.float32 });
    const idx = torch.empty([3], { dtype: torch.int64 });
    x.sort({ out: [x, idx] });
    expect(x.tolist()).toEqual([1, 2, 3]);
    expect(idx.tolist()).toEqual([1, 2, 0]);
  });

  it('rejects out of the wrong dtype or size, writing nothing', () => {
    const x = torch.tensor([3, 1, 2], { dtype: torch.float32 });
    const v = torch.zeros([3], { dtype: torch.float64 }), i = torch.zeros([3], { dtype: torch.int64 });
    const before = [snapshot(x), snapshot(v), snapshot(i)];
    expect(() => x.sort({ out: [v, i] })).toThrow(torch.TorchTypeError);
    expect(() => x.sort({ out: [torch.zeros(3), torch.zeros(3)] })).toThrow(torch.TorchTypeError);
    expect(() => x.topk(2, { out: [torch.zeros(3), i] })).toThrow(torch.TorchSizeError);
    expect([snapshot(x), snapshot(v), snapshot(i)]).toEqual(before);
  });

  it('rejects bad arguments with clear errors', () => {
    const x = torch.zeros(3, 4);
    expect(() => x.topk(1.5)).toThrow(torch.TorchTypeError);
    expect(() => x.sort({ dim: 0.5 })).toThrow(torch.TorchTypeError);
    expect(() => torch.sort('x' as never)).toThrow(torch.TorchTypeError);
    expect(() => x.sort(2)).toThrow(/sort: dimension 2 out of range for a 2-D tensor/);
    expect(() => x.topk(5)).toThrow(/topk: k \(5\) is out of range for dimension 1 of size 4/);
  });
});
