// The indexing family against PyTorch (fixtures/index.json from tools/gen_fixtures_index.py): every op x
// dtype x layout (contiguous, transposed, strided, expanded, 0-dim, empty), duplicates, the threaded
// paths and the error cases; plus out/out-of-place forms, mask dtype rules, aliasing and the native
// binding's own bounds checks.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';
import { attempt, compareTensor, describeSpec, inputTensor, loadFixture, onEveryBackend, operand, readValues, sameOnEveryBackend, snapshot, type ScalarSpec, type TensorSpec } from './fixtures';
import { meta, native } from '../src/native';

type Entry = number | string | null | { tensor: TensorSpec } | { array: (number | boolean)[] };
interface Case {
  op: string;
  tag: string;
  self: TensorSpec;
  operands: { index?: TensorSpec; src?: TensorSpec | ScalarSpec; source?: TensorSpec; value?: TensorSpec | ScalarSpec; mask?: TensorSpec; indices?: Entry[] };
  args: { dim?: number; alpha?: number; reduce?: 'add' | 'multiply'; accumulate?: boolean; asTuple?: boolean };
  expected: TensorSpec | { error: string } | { tuple: TensorSpec[] };
}

const cases = loadFixture<Case>('index.json');

function entry(e: Entry): torch.Index {
  if (e !== null && typeof e === 'object') return 'tensor' in e ? inputTensor(e.tensor) : (e.array as torch.Index);
  return e;
}

type Out = torch.Tensor | torch.Tensor[];

function run(c: Case, x: torch.Tensor, o: Record<string, unknown>): Out {
  const a = c.args;
  const T = (k: string) => o[k] as torch.Tensor;
  const V = (k: string) => o[k] as torch.Tensor | number | boolean;
  switch (c.op) {
    case 'indexSelect': return torch.indexSelect(x, a.dim!, T('index'));
    case 'gather': return x.gather(a.dim!, T('index'));
    case 'take': return x.take(T('index'));
    case 'maskedSelect': return x.maskedSelect(T('mask'));
    case 'nonzero': return a.asTuple ? x.nonzero({ asTuple: true }) : x.nonzero();
    case 'get': return x.get(...(o.indices as torch.Index[]));
    case 'indexCopy_': return x.indexCopy_(a.dim!, T('index'), T('source'));
    case 'indexAdd_': return x.indexAdd_(a.dim!, T('index'), T('source'), { alpha: a.alpha });
    case 'indexFill_': return x.indexFill_(a.dim!, T('index'), V('value'));
    case 'scatter_': return x.scatter_(a.dim!, T('index'), V('src'), { reduce: a.reduce });
    case 'scatter': return torch.scatter(x, a.dim!, T('index'), V('src'));
    case 'scatterAdd_': return x.scatterAdd_(a.dim!, T('index'), T('src'));
    case 'put_': return x.put_(T('index'), T('source'), { accumulate: a.accumulate });
    case 'maskedFill_': return x.maskedFill_(T('mask'), V('value'));
    case 'maskedScatter_': return x.maskedScatter_(T('mask'), T('source'));
    case 'set': return x.set(o.indices as torch.Index[], V('value'));
    case 'indexPut_': return x.indexPut_(o.indices as torch.Tensor[], V('value'), { accumulate: a.accumulate });
  }
  throw new Error(`unknown op ${c.op}`);
}

/** The op name our error messages start with. */
const errorName: Record<string, string> = { get: 'index', set: 'set' };

function label(c: Case): string {
  return `${c.op} ${c.tag} ${describeSpec(c.self)} ${JSON.stringify(c.args)}`;
}

/** Runs one case; returns its failures (joined), or null. */
function checkCase(c: Case): string | null {
  const failures: string[] = [];
  const x = inputTensor(c.self);
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c.operands)) o[k] = k === 'indices' ? (v as Entry[]).map(entry) : operand(v as TensorSpec | ScalarSpec);
  const before = snapshot(x);
  const snap = (v: unknown): string => (Array.isArray(v) ? v.map(snap).join('|') : snapshot(v));
  const operandsBefore = Object.values(o).map(snap);
  const { result, error } = attempt(() => run(c, x, o));
  sameOnEveryBackend(label(c), { result, error });
  if ('error' in c.expected) {
    const name = errorName[c.op] ?? c.op;
    if (!(error instanceof torch.TorchIndexError || error instanceof torch.TorchSizeError || error instanceof torch.TorchTypeError))
      failures.push(`${label(c)}: expected a Torch error (PyTorch: ${c.expected.error}), got ${String(error)}`);
    else if (!String(error.message).startsWith(`${name}:`)) failures.push(`${label(c)}: message does not name the op: ${error.message}`);
    if (snapshot(x) !== before) failures.push(`${label(c)}: self changed by a failed op`);
    return failures.length ? failures.join('\n') : null;
  }
  if (error !== undefined) return `${label(c)}: threw ${String(error)}`;
  const r = result as Out;
  if (c.op.endsWith('_') || c.op === 'set') {
    if (r !== x) failures.push(`${label(c)}: in-place op did not return self`);
  } else if (snapshot(x) !== before) failures.push(`${label(c)}: out-of-place op changed self`);
  Object.values(o).forEach((v, i) => {
    if (snap(v) !== operandsBefore[i]) failures.push(`${label(c)}: an operand changed`);
  });
  if ('tuple' in c.expected) {
    const rs = r as torch.Tensor[];
    if (rs.length !== c.expected.tuple.length) failures.push(`${label(c)}: ${rs.length} tensors, expected ${c.expected.tuple.length}`);
    c.expected.tuple.forEach((e, i) => {
      const msg = rs[i] ? compareTensor(rs[i]!, e) : 'missing';
      if (msg) failures.push(`${label(c)} [${i}]: ${msg}`);
    });
  } else {
    const msg = compareTensor(r as torch.Tensor, c.expected as TensorSpec);
    if (msg) failures.push(`${label(c)}: ${msg}`);
  }
  return failures.length ? failures.join('\n') : null;
}

describe('indexing vs PyTorch 1.13', () => {
  const byOp = new Map<string, Case[]>();
  for (const c of cases) byOp.set(c.op, [...(byOp.get(c.op) ?? []), c]);
  for (const [op, list] of byOp) {
    it(`${op} (${list.length} cases, cpu and meta)`, () => {
      const failures: string[] = [];
      for (const c of list) {
        const bad = onEveryBackend(() => checkCase(c));
        if (bad !== null) failures.push(bad);
      }
      expect(failures.slice(0, 10)).toEqual([]);
    });
  }
});

const L = (a: number[] | bigint[]) => torch.tensor(a as number[], { dtype: torch.int64 });
const F = (a: number[]) => torch.tensor(a, { dtype: torch.float32 });

describe('indexing options and forms', () => {
  it('every op is a Tensor method and a torch function', () => {
    const names = ['indexSelect', 'indexCopy_', 'indexCopy', 'indexAdd_', 'indexAdd', 'indexFill_', 'indexFill', 'gather', 'scatter_', 'scatter',
      'scatterAdd_', 'scatterAdd', 'take', 'put_', 'put', 'maskedSelect', 'maskedFill_', 'maskedFill', 'maskedScatter_', 'maskedScatter', 'nonzero',
      'indexPut_', 'indexPut'];
    const x = torch.zeros(2);
    for (const n of names) {
      expect(typeof (torch as unknown as Record<string, unknown>)[n], n).toBe('function');
      expect(typeof (x as unknown as Record<string, unknown>)[n], n).toBe('function');
    }
    const i = L([1, 0]);
    expect(torch.gather(F([5, 6]), -1, i).tolist()).toEqual(x.add(F([5, 6])).gather(-1, i).tolist());
    expect(torch.indexSelect(torch.arange(6).view(2, 3), -2, L([1])).tolist()).toEqual([[3, 4, 5]]);
  });

  it('out options write into (and resize) out', () => {
    const x = torch.arange(12).view(3, 4).float();
    const out = torch.empty(0);
    expect(torch.indexSelect(x, 0, L([2, 0]), { out })).toBe(out);
    expect(out.tolist()).toEqual([[8, 9, 10, 11], [0, 1, 2, 3]]);
    const g = torch.empty(2, 1);
    x.gather(1, L([3, 0]).view(2, 1), { out: g });
    expect(g.tolist()).toEqual([[3], [4]]);
    const t = torch.empty(3);
    torch.take(x, L([-1, 0, 5]), { out: t });
    expect(t.tolist()).toEqual([11, 0, 5]);
    const m = torch.empty(0);
    torch.maskedSelect(x, x.gt(9), { out: m });
    expect(m.tolist()).toEqual([10, 11]);
    // out aliasing the input goes through a temporary
    const y = torch.arange(4).float();
    torch.indexSelect(y, 0, L([3, 2, 1, 0]), { out: y });
    expect(y.tolist()).toEqual([3, 2, 1, 0]);
    expect(() => torch.indexSelect(x, 0, L([0]), { out: torch.empty(0, { dtype: torch.float64 }) })).toThrow(torch.TorchTypeError);
  });

  it('out-of-place forms equal the in-place ones on a copy and leave self alone', () => {
    const x = torch.arange(12).view(3, 4).float();
    const before = snapshot(x);
    const i = L([2, 0]);
    const s = torch.ones(2, 4);
    expect(x.indexCopy(0, i, s).tolist()).toEqual(x.clone().indexCopy_(0, i, s).tolist());
    expect(x.indexAdd(0, i, s, { alpha: 3 }).tolist()).toEqual(x.clone().indexAdd_(0, i, s, { alpha: 3 }).tolist());
    expect(x.indexFill(1, i, -1).tolist()).toEqual(x.clone().indexFill_(1, i, -1).tolist());
    expect(x.scatterAdd(0, L([1, 1, 1, 1]).view(1, 4), torch.ones(1, 4)).get(1).tolist()).toEqual([5, 6, 7, 8]);
    expect(x.scatter(1, L([0]).view(1, 1), 9, { reduce: 'multiply' }).get(0, 0).item()).toBe(0);
    expect(torch.put(x, L([0, 0]), F([1, 2]), { accumulate: true }).get(0, 0).item()).toBe(3);
    expect(x.maskedScatter(x.lt(2), F([7, 8])).get(0).tolist()).toEqual([7, 8, 2, 3]);
    expect(torch.indexPut(x, [L([0]), L([1])], F([5]).get(0)).get(0, 1).item()).toBe(5);
    expect(snapshot(x)).toBe(before);
    // maskedFill out of place broadcasts self with the mask; in place the mask must fit self
    const r = torch.tensor([1, 2]).float().maskedFill(torch.tensor([[true, false], [true, true]]), 0);
    expect(r.tolist()).toEqual([[0, 2], [0, 0]]);
    expect(() => torch.tensor([1, 2]).float().maskedFill_(torch.tensor([[true, false], [true, true]]), 0)).toThrow(torch.TorchSizeError);
  });

  it('int32 indices are accepted where PyTorch 1.13 accepts them (indexSelect, indexAdd_) only', () => {
    const x = torch.arange(6).view(3, 2).float();
    const i32 = torch.tensor([2, 0], { dtype: torch.int32 });
    expect(x.indexSelect(0, i32).tolist()).toEqual([[4, 5], [0, 1]]);
    expect(x.clone().indexAdd_(0, i32, torch.ones(2, 2)).tolist()).toEqual([[1, 2], [2, 3], [5, 6]]);
    expect(() => x.clone().indexCopy_(0, i32, torch.ones(2, 2))).toThrow(/indexCopy_: expected an int64 index/);
    expect(() => x.get(i32)).toThrow(torch.TorchTypeError);
  });

  it('maskedFill_ with a number allocates no storage on the CPU (its value travels in a reused 0-dim tensor) and fills every dtype right', () => {
    const x = torch.arange(6).float();
    const mask = x.gt(2), notMask = x.le(2);
    x.maskedFill_(mask, 7);
    const before = torch.storageAllocations();
    x.maskedFill_(mask, -1.5).maskedFill_(notMask, 2);
    expect(torch.storageAllocations().storages - before.storages).toBe(0);
    expect(x.tolist()).toEqual([2, 2, 2, -1.5, -1.5, -1.5]);
    const l = torch.arange(3).maskedFill_(torch.tensor([true, false, true]), 2 ** 40);
    expect(l.tolist()).toEqual([2 ** 40, 1, 2 ** 40]);
    expect(torch.zeros(2, { dtype: torch.uint8 }).maskedFill_(torch.tensor([false, true]), 255).tolist()).toEqual([0, 255]);
    expect(() => torch.zeros(2, { dtype: torch.uint8 }).maskedFill_(torch.tensor([false, true]), 256)).toThrow(/^maskedFill_/);
  });

  it('uint8 masks work with a deprecation warning; other mask dtypes are errors', () => {
    const x = torch.arange(4).float();
    const u8 = torch.tensor([1, 0, 1, 0], { dtype: torch.uint8 });
    const b = u8.bool();
    expect(x.clone().maskedFill_(u8, 9).tolist()).toEqual(x.clone().maskedFill_(b, 9).tolist());
    expect(x.maskedSelect(u8).tolist()).toEqual([0, 2]);
    expect(x.get(u8).tolist()).toEqual([0, 2]);
    // PyTorch 1.13 silently accepts an int64 mask in masked_fill_ (and ignores a float one): we refuse both.
    expect(() => x.clone().maskedFill_(L([1, 0, 1, 0]), 1)).toThrow(/maskedFill_: expected a bool mask/);
    expect(() => x.clone().maskedFill_(F([1, 0, 1, 0]), 1)).toThrow(torch.TorchTypeError);
  });

  it('0-dim bool indices add a dim of size 1 or 0; booleans arrays are masks; empty arrays select nothing', () => {
    const x = torch.arange(6).view(2, 3);
    expect(x.get(torch.tensor(true)).shape).toEqual([1, 2, 3]);
    expect(x.get(torch.tensor(false)).shape).toEqual([0, 2, 3]);
    expect(x.get([true, false]).tolist()).toEqual([[0, 1, 2]]);
    expect(x.get([]).shape).toEqual([0, 3]);
    expect(x.get(':', [2, -3]).tolist()).toEqual([[2, 0], [5, 3]]);
  });

  it('advanced indexing returns a copy; basic indexing stays a view', () => {
    const x = torch.zeros(3, 3);
    x.get([0, 1]).fill_(5);
    expect(readValues(x).every((v) => v === 0)).toBe(true);
    x.get('0:2').fill_(5);
    expect(readValues(x).filter((v) => v === 5).length).toBe(6);
  });

  it('set casts a tensor value to self\'s dtype; indexPut_ requires it (as PyTorch)', () => {
    const x = torch.zeros(3);
    x.set([[0, 2]], torch.tensor([4, 5]));
    expect(x.tolist()).toEqual([4, 0, 5]);
    expect(() => x.indexPut_([L([0])], torch.tensor([1]))).toThrow(/indexPut_: values must have self's dtype/);
  });

  it('indices sharing storage with the written tensor are read before writing', () => {
    const x = L([1, 0, 2]);
    x.indexFill_(0, x, 0);
    expect(readValues(x)).toEqual([0n, 0n, 0n]);
    const y = L([2, 1, 0]);
    y.scatter_(0, y, y.clone().add(10));
    expect(readValues(y)).toEqual([10n, 11n, 12n]);
    const z = L([0, 1, 1]);
    z.set([z], 7);
    expect(readValues(z)).toEqual([7n, 7n, 1n]);
  });

  it('int64 values beyond 2^53 are moved intact', () => {
    const big = [2n ** 62n + 1n, -(2n ** 63n), 2n ** 53n + 1n];
    const x = torch.tensor(big as unknown as number[], { dtype: torch.int64 });
    expect(readValues(x.indexSelect(0, L([2, 0, 1])))).toEqual([big[2], big[0], big[1]]);
    expect(readValues(x.get([1, 1]))).toEqual([big[1], big[1]]);
    expect(readValues(x.maskedSelect(torch.tensor([true, false, true])))).toEqual([big[0], big[2]]);
    const y = torch.zeros(3, { dtype: torch.int64 });
    y.put_(L([0]), x.get('0:1'));
    expect(readValues(y)[0]).toBe(big[0]);
  });

  it('writes into expanded tensors are refused', () => {
    const x = torch.zeros(1, 3).expand(4, 3);
    expect(() => x.indexFill_(0, L([0]), 1)).toThrow(torch.TorchSizeError);
    expect(() => x.maskedFill_(torch.ones(4, 3).bool(), 1)).toThrow(torch.TorchSizeError);
    expect(() => x.set([[0]], 1)).toThrow(torch.TorchSizeError);
  });

  it('threaded accumulation with heavy duplication matches a sequential reference', () => {
    const n = 300000, size = 1000;
    const idx = torch.randint(0, size, [n]);
    const src = torch.randint(-4, 5, [n]).double();
    const ix = idx.storage().data as BigInt64Array, sv = src.storage().data as Float64Array;
    const ref = new Float64Array(size);
    for (let i = 0; i < n; i++) ref[Number(ix[i])] += sv[i]!;
    expect(Array.from(torch.zeros(size, { dtype: torch.float64 }).put_(idx, src, { accumulate: true }).storage().data as Float64Array)).toEqual(Array.from(ref));
    expect(readValues(torch.zeros(size, { dtype: torch.float64 }).indexAdd_(0, idx, src))).toEqual(Array.from(ref));
    expect(readValues(torch.zeros(size, { dtype: torch.float64 }).scatterAdd_(0, idx, src))).toEqual(Array.from(ref));
    expect(readValues(torch.zeros(size, { dtype: torch.float64 }).indexPut_([idx], src, { accumulate: true }))).toEqual(Array.from(ref));
    // rows: each thread owns a range of destination rows and adds the source rows that land in it
    const rows = torch.randint(0, 8, [4000]);
    const s2 = torch.ones(4000, 64, { dtype: torch.float64 });
    const r2 = torch.zeros(8, 64, { dtype: torch.float64 }).indexAdd_(0, rows, s2);
    const counts = new Array(8).fill(0);
    for (const v of rows.storage().data as BigInt64Array) counts[Number(v)]++;
    expect(r2.get(':', 0).tolist()).toEqual(counts);
    expect(r2.get(':', 63).tolist()).toEqual(counts);
    // The same path with alpha, a destination that starts inside its storage, and indexCopy_'s
    // duplicates (the last source row wins, as a sequential loop gives).
    const inner = torch.zeros(9, 64, { dtype: torch.float64 }).narrow(0, 1, 8);
    inner.indexAdd_(0, rows, s2, { alpha: 2 });
    expect(inner.get(':', 5).tolist()).toEqual(counts.map((c) => 2 * c));
    const numbered = torch.arange(4000, { dtype: torch.float64 }).unsqueeze(1).expand(4000, 64).contiguous();
    const copied = torch.zeros(8, 64, { dtype: torch.float64 }).indexCopy_(0, rows, numbered);
    const last = new Array(8).fill(0);
    (rows.storage().data as BigInt64Array).forEach((v, i) => (last[Number(v)] = i));
    expect(copied.get(':', 10).tolist()).toEqual(counts.map((c, k) => (c ? last[k] : 0)));
  });

  it('gather along a contiguous last dim (the unit-stride loop) is right for every element size, threaded', () => {
    const rows = 301, cols = 700;
    const idx = torch.randint(0, cols, [rows, cols]);
    const at = idx.tolist() as number[][];
    for (const dtype of [torch.float32, torch.float64, torch.float16, torch.int64, torch.int16, torch.int8, torch.bool]) {
      const x = torch.arange(rows * cols).remainder(dtype === torch.bool ? 2 : 113).to(dtype).view(rows, cols);
      const xs = x.tolist() as number[][];
      expect(x.gather(1, idx).tolist(), `${dtype}`).toEqual(at.map((r, i) => r.map((j) => xs[i]![j])));
    }
  });

  it('scatters along a contiguous last dim (the unit-stride loop) are right for every dtype, threaded', () => {
    const rows = 301, cols = 700;
    const idx = torch.randint(0, cols, [rows, cols]);
    const at = idx.tolist() as number[][];
    const asRead = (t: torch.Tensor) => (t.tolist() as (number | boolean)[][]).map((r) => r.map(Number));
    for (const dtype of [torch.float32, torch.float64, torch.float16, torch.int64, torch.int16, torch.int8, torch.uint8, torch.bool]) {
      const isBool = dtype === torch.bool;
      const numbers = (mod: number, plus: number) => torch.arange(rows * cols).remainder(isBool ? 2 : mod).add(isBool ? 0 : plus).to(dtype).view(rows, cols);
      // Addends 0..12 and factors 1..2 keep every result exact in float16 and below int8's range
      // (products wrap as the integer dtypes do).
      const self = numbers(9, 0), addend = numbers(7, 0).mul(isBool ? 1 : 2).to(dtype), factor = numbers(2, 1);
      const wrap = (v: number) => (dtype === torch.int8 ? ((v + 128) & 255) - 128 : dtype === torch.uint8 ? v & 255 : dtype === torch.int16 ? ((v + 32768) & 65535) - 32768 : v);
      const add = asRead(self), mul = asRead(self), a = asRead(addend), f = asRead(factor);
      at.forEach((r, i) => r.forEach((j, k) => {
        add[i]![j] = isBool ? Number(add[i]![j]! || a[i]![k]!) : add[i]![j]! + a[i]![k]!;
        mul[i]![j] = isBool ? Number(mul[i]![j]! && f[i]![k]!) : wrap(mul[i]![j]! * f[i]![k]!);
      }));
      expect(asRead(self.clone().scatterAdd_(1, idx, addend)), `${dtype} add`).toEqual(add.map((r) => r.map(wrap)));
      expect(asRead(self.clone().scatter_(1, idx, factor, { reduce: 'multiply' })), `${dtype} multiply`).toEqual(mul);
    }
  });

  it('out-of-range indices are caught on every gather path, threaded or not, and on empty dims', () => {
    const x = torch.randn(1000, 1000);
    const idx = torch.randint(0, 1000, [1000, 1000]);
    idx.set([999, 998], 1000);
    expect(() => x.gather(1, idx)).toThrow(/^gather: index 1000 is out of bounds for dimension 1 with size 1000$/);
    idx.set([999, 998], -1); // negative: out of bounds for gather (no wrapping), in a run checked as it loads
    expect(() => x.gather(1, idx)).toThrow(/^gather: index -1 is out of bounds for dimension 1 with size 1000$/);
    expect(() => torch.ones(2, 3).gather(1, torch.tensor([[0, 3], [1, 2]]))).toThrow(/^gather: index 3 is out of bounds for dimension 1 with size 3$/);
    const flat = torch.randint(0, 1000000, [1000000]);
    flat.set(600000, -1000001);
    expect(() => x.take(flat)).toThrow(/^take: index -1000001 is out of bounds for dimension 0 with size 1000000$/);
    const j = flat.remainder(1000);
    j.set(700000, -1001);
    expect(() => x.get(flat.remainder(1000), j)).toThrow(/^index: index -1001 is out of bounds for dimension 1 with size 1000$/);
    const rows = torch.randint(0, 1000, [5000]);
    rows.set(4999, 1000);
    expect(() => x.indexSelect(0, rows)).toThrow(/^indexSelect: index 1000 is out of bounds for dimension 0 with size 1000$/);
    expect(() => torch.empty(3, 0).gather(1, torch.zeros(3, 1, { dtype: torch.int64 }))).toThrow(/gather: index 0 is out of bounds for dimension 1 with size 0/);
    expect(() => torch.empty(0).get([0])).toThrow(torch.TorchIndexError);
  });

  it('large threaded reads agree with the simple path', () => {
    const x = torch.randn(1000, 300);
    const m = x.gt(0.5);
    const sel = x.maskedSelect(m);
    const nz = m.nonzero();
    expect(sel.numel()).toBe(nz.size(0));
    const gathered = x.get(nz.get(':', 0), nz.get(':', 1));
    expect(readValues(gathered)).toEqual(readValues(sel));
    const [r, c] = m.nonzero({ asTuple: true });
    expect(readValues(x.get(r!, c!))).toEqual(readValues(sel));
    expect(readValues(x.take(r!.mul(300).add(c!)))).toEqual(readValues(sel));
  });
});

describe('native index binding checks its own bounds', () => {
  const setMeta = (vals: number[]) => vals.forEach((v, i) => (meta[i] = v));
  it('refuses operands reaching outside their arrays', () => {
    const dst = new Float32Array(4), src = new Float32Array(4), idx = new BigInt64Array([0n, 1n]);
    // gather of 2 elements along a dim of size 8 (src only holds 4)
    setMeta([0, 0, 1, 1, 0, 1, 0, 0, 2, 1, 0, 0, 8, 1, 1]);
    expect(() => native.index(dst, src, [idx])).toThrow(RangeError);
    // the index array too short for the iteration
    setMeta([0, 0, 1, 1, 0, 1, 0, 0, 5, 1, 0, 0, 4, 1, 1]);
    expect(() => native.index(dst, src, [idx])).toThrow(RangeError);
    // an out-of-range index comes back as a fault with nothing written
    const bad = new BigInt64Array([1n, 9n]);
    setMeta([1, 0, 1, 1, 0, 1, 0, 0, 2, 0, 1, 0, 4, 1, 1]);
    const d2 = new Float32Array(4);
    expect(native.index(d2, new Float32Array([5, 6]), [bad])).toEqual([0, 9n]);
    expect(Array.from(d2)).toEqual([0, 0, 0, 0]);
    // a scatter may not write the index array it reads
    const shared = new BigInt64Array(4);
    setMeta([1, 3, 1, 1, 0, 1, 0, 0, 2, 0, 1, 0, 4, 1, 1]);
    expect(() => native.index(shared, new BigInt64Array(2), [shared.subarray(0, 2) as BigInt64Array])).toThrow(TypeError);
    // nor read a src that overlaps its destination (the unit-stride loops take both as restrict), and a
    // gather may not write over its source either
    const mem = new Float32Array(8);
    setMeta([1, 0, 1, 1, 0, 1, 0, 0, 2, 0, 1, 0, 4, 1, 1]);
    expect(() => native.index(mem.subarray(0, 4), mem.subarray(3, 5), [idx])).toThrow(/src shares memory with the destination/);
    setMeta([0, 0, 1, 1, 0, 1, 0, 0, 2, 1, 0, 0, 4, 1, 1]);
    expect(() => native.index(mem.subarray(4, 6), mem.subarray(0, 5), [idx])).toThrow(/src shares memory with the destination/);
    expect(native.index(mem.subarray(4, 6), mem.subarray(0, 4), [idx])).toBeNull();
  });
  it('mask ops refuse too-small outputs and sources', () => {
    const self = new Float32Array([1, 2, 3]), mask = new Uint8Array([1, 1, 1]);
    setMeta([1, 0, 1, 0, 0, 0, 0, 3, 1, 1]);
    expect(() => native.mask(self, mask, new Float32Array(2), null)).toThrow(RangeError);
    setMeta([3, 0, 1, 0, 0, 0, 0, 3, 1, 1]);
    expect(() => native.mask(self, mask, null, new Float32Array(2))).toThrow(RangeError);
    expect(Array.from(self)).toEqual([1, 2, 3]);
    setMeta([1, 0, 1, 0, 0, 0, 0, 4, 1, 1]);
    expect(() => native.mask(self, mask, new Float32Array(4), null)).toThrow(RangeError);
  });
});
