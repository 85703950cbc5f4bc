// The join family (src/ops/join.ts) against PyTorch 1.13: tools/gen_fixtures_join.py writes
// fixtures/join.json (every op x dtypes x contiguous/transposed/strided/expanded/0-dim/empty inputs,
// promotion, out=, errors); the hand-written tests below cover what fixtures cannot (views sharing
// memory, version counters, deviations, threaded sizes).
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';
import { meta, native } from '../src/native';
import {
  approxTol, attempt, compareTensor, fixtureDevice, onEveryBackend, sameOnEveryBackend, describeSpec, dtypeOf, EXACT, loadFixture, operand, readValues, snapshot,
  type ScalarSpec, type TensorSpec, type Tol,
} from './fixtures';

interface Case {
  op: string;
  name: string;
  inputs: (TensorSpec | ScalarSpec)[];
  params: { [k: string]: unknown; out?: { dtype: string; shape: number[] } };
  expected: TensorSpec | { list: TensorSpec[] } | { error: string };
  emulated?: boolean;
}

const cases = loadFixture<Case>('join.json');
const ops = [...new Set(cases.map((c) => c.op))];

type Result = torch.Tensor | torch.Tensor[];

/** Calls our op the way the generator called PyTorch's. */
function call(c: Case, ins: (torch.Tensor | number | boolean)[], out: torch.Tensor | undefined): Result {
  const p = c.params as Record<string, never>;
  const opt = out ? { out } : undefined;
  const [a, b, d] = ins as [torch.Tensor, torch.Tensor, torch.Tensor];
  switch (c.op) {
    case 'cat': return torch.cat(ins as torch.Tensor[], p.dim, opt);
    case 'stack': return torch.stack(ins as torch.Tensor[], p.dim, opt);
    case 'split': return a.split(p.split, p.dim);
    case 'chunk': return a.chunk(p.chunks, p.dim);
    case 'unbind': return a.unbind(p.dim);
    case 'repeat': return a.repeat(p.sizes);
    case 'flip': return a.flip(p.dims);
    case 'roll': return a.roll(p.shifts, p.dims);
    case 'tril': return torch.tril(a, p.k, opt);
    case 'triu': return torch.triu(a, p.k, opt);
    case 'tril_': return a.tril_(p.k);
    case 'triu_': return a.triu_(p.k);
    case 'diag': return torch.diag(a, p.k, opt);
    case 'trace': return a.trace();
    case 'cross': return torch.cross(a, b, p.dim, opt);
    case 'histc': return torch.histc(a, p.bins, p.min, p.max, opt);
    case 'where': return torch.where(a, b, d, opt);
    case 'clone': return a.clone();
  }
  throw new Error(`unknown op ${c.op}`);
}

function tolFor(c: Case, dtype: string): Tol {
  // Float cross products: PyTorch's vectorised kernel may fuse a multiply-add.
  return c.op === 'cross' && dtypeOf(dtype).isFloatingPoint ? approxTol(dtype) : EXACT;
}

const viewOps = new Set(['split', 'chunk', 'unbind']);
const inPlaceOps = new Set(['tril_', 'triu_']);

/** Runs one case; returns a description of what is wrong, or null. */
function check(c: Case): string | null {
  const ins = c.inputs.map(operand);
  const before = ins.map(snapshot);
  const out = c.params.out ? torch.zeros(c.params.out.shape, { dtype: dtypeOf(c.params.out.dtype), ...fixtureDevice() }) : undefined;
  const exp = c.expected;
  const { result: r, error: thrown } = attempt(() => call(c, ins, out));
  sameOnEveryBackend(c.name, { result: r, error: thrown });
  if ('error' in exp) {
    if (thrown === undefined) return `no error (PyTorch: ${exp.error})`;
    if (!(thrown instanceof torch.TorchSizeError || thrown instanceof torch.TorchIndexError || thrown instanceof torch.TorchTypeError))
      return `threw ${String(thrown)}, not a Torch error`;
    const name = c.op.replace(/_$/, '');
    if (!(thrown as Error).message.startsWith(name)) return `message does not name the op: ${(thrown as Error).message}`;
    if (ins.map(snapshot).join() !== before.join()) return 'inputs changed by a failing call';
    return null;
  }
  if (thrown !== undefined) throw thrown;
  if ('list' in exp) {
    const list = r as torch.Tensor[];
    if (!Array.isArray(list) || list.length !== exp.list.length) return `got ${Array.isArray(list) ? list.length : 'no'} pieces, expected ${exp.list.length}`;
    for (let i = 0; i < list.length; i++) {
      const bad = compareTensor(list[i]!, exp.list[i]!);
      if (bad) return `piece ${i}: ${bad}`;
      if (viewOps.has(c.op) && list[i]!.storage() !== (ins[0] as torch.Tensor).storage()) return `piece ${i} is not a view`;
    }
    return null;
  }
  const t = r as torch.Tensor;
  if (out && t !== out) return 'did not return out';
  if (inPlaceOps.has(c.op) && t !== ins[0]) return 'in-place op did not return self';
  if (!inPlaceOps.has(c.op) && !out) {
    if (ins.some((x) => x instanceof torch.Tensor && x.storage() === t.storage())) return 'result shares memory with an input';
    if (!t.isContiguous()) return `result is not contiguous (strides [${t.stride()}])`;
  }
  return compareTensor(t, exp, tolFor(c, exp.dtype));
}

describe('join ops against PyTorch 1.13 (fixtures/join.json)', () => {
  for (const op of ops) {
    for (const kind of ['values', 'errors'] as const) {
      const mine = cases.filter((c) => c.op === op && ('error' in c.expected) === (kind === 'errors'));
      if (mine.length === 0) continue;
      it(`${op}: ${kind} (${mine.length} cases)`, () => {
        const failures: string[] = [];
        for (const c of mine) {
          let bad: string | null;
          try {
            bad = onEveryBackend(() => check(c));
          } catch (e) {
            bad = `threw ${String(e)}`;
          }
          if (bad) failures.push(`${c.name} [${c.inputs.map(describeSpec).join(', ')}]: ${bad}`);
        }
        expect(failures, failures.slice(0, 12).join('\n')).toEqual([]);
      });
    }
  }
  it('covers every dtype for the dtype-generic ops', () => {
    for (const op of ['cat', 'stack', 'split', 'chunk', 'unbind', 'repeat', 'flip', 'roll', 'tril', 'triu', 'diag', 'trace', 'where', 'clone']) {
      const seen = new Set(cases.filter((c) => c.op === op).flatMap((c) => c.inputs.map((i) => ('dtype' in i ? i.dtype : ''))));
      for (const d of ['float32', 'float64', 'float16', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool']) expect(seen.has(d), `${op} ${d}`).toBe(true);
    }
  });
});

const f32 = { dtype: torch.float32 };

describe('cat and stack', () => {
  it('names every size when sizes do not match', () => {
    const a = torch.ones(2, 3), b = torch.ones(2, 3), c = torch.ones(2, 4);
    expect(() => torch.cat([a, b, c])).toThrow(/cat: sizes of tensors must match except in dimension 0, got \[2, 3\], \[2, 3\], \[2, 4\]/);
    expect(() => torch.cat([a, torch.ones(2, 3, 1)])).toThrow(torch.TorchSizeError);
  });
  it('writes into a narrow view of a bigger out and skips [0] tensors for promotion only', () => {
    const big = torch.zeros(4, 3);
    const out = big.narrow(0, 1, 2);
    torch.cat([torch.ones(1, 3), torch.full([1, 3], 2)], 0, { out });
    expect(big.tolist()).toEqual([[0, 0, 0], [1, 1, 1], [2, 2, 2], [0, 0, 0]]);
  });
  it('rejects a non-empty out of the wrong size (PyTorch resizes it with a warning) and leaves it unchanged', () => {
    const out = torch.zeros(3);
    expect(() => torch.cat([torch.ones(2), torch.ones(2)], 0, { out })).toThrow(torch.TorchSizeError);
    expect(out.tolist()).toEqual([0, 0, 0]);
  });
  it('rejects an out that overlaps an input', () => {
    const buf = torch.arange(6).float();
    expect(() => torch.cat([buf.narrow(0, 0, 2), buf.narrow(0, 2, 1)], 0, { out: buf.narrow(0, 1, 3) })).toThrow(/cat: unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location/);
    expect(buf.tolist()).toEqual([0, 1, 2, 3, 4, 5]);
  });
  it('bumps out\'s version counter', () => {
    const out = torch.empty(4);
    const v = out.storage().version;
    torch.cat([torch.ones(2), torch.ones(2)], 0, { out });
    expect(out.storage().version).toBeGreaterThan(v);
  });
  it('handles many inputs, large and strided ones (threaded copies)', () => {
    const parts = Array.from({ length: 50 }, (_, i) => torch.full([3, 2], i));
    const r = torch.cat(parts, 1);
    expect(r.size()).toEqual([3, 100]);
    expect(r.get(2, 99).item()).toBe(49);
    const x = torch.arange(200000).view(1000, 200);
    const y = torch.cat([x.t(), x.t()], 1);
    expect(y.size()).toEqual([200, 2000]);
    expect(y.get(7, 1500).item()).toBe(500 * 200 + 7);
    const s = torch.stack([x, x], 2);
    expect(s.size()).toEqual([1000, 200, 2]);
    expect(s.get(999, 199, 1).item()).toBe(199999);
  });
  it('the one-pass kernel matches a nested-list concatenation: every dtype, dims, part counts, offsets, both loops', () => {
    // Nested-array cat along d, the reference the kernel's output is compared with.
    const catLists = (lists: unknown[], d: number): unknown =>
      d === 0 ? lists.flatMap((l) => l as unknown[]) : (lists[0] as unknown[]).map((_, i) => catLists(lists.map((l) => (l as unknown[])[i]), d - 1));
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    const dtypes = [torch.float32, torch.float64, torch.float16, torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8, torch.bool];
    // [part sizes along dim, the other sizes]: few long rows (the element-span loop), many short rows
    // (the row loop: one element, a few, and >= 256 bytes per part row), many parts, empty parts.
    const layouts: [number[], number[], number][] = [
      [[3, 1, 2], [5, 7], 0], [[2, 3], [3, 4], 1], [[1, 1, 1, 1, 1, 1, 1, 1], [40000], 1], [[4, 0, 3], [6, 2], 1],
      [[2, 5], [9000, 3], 1], [[1, 2], [64, 300], 1], [[150, 90], [300], 0], [Array(200).fill(1), [3, 2], 1], [[70000, 1], [], 0],
    ];
    for (const [sizes, rest, d] of layouts)
      for (const dtype of dtypes) {
        const parts = sizes.map((n) => {
          const shape = rest.slice();
          shape.splice(d, 0, n);
          const numel = shape.reduce((a, b) => a * b, 1);
          // A view at a non-zero offset of a bigger storage, filled with varied values.
          const base = torch.arange(numel + 3).remainder(dtype === torch.bool ? 2 : 97).sub(rand(3)).to(dtype);
          return base.narrow(0, 3, numel).view(shape);
        });
        const got = torch.cat(parts, d);
        expect(got.dtype).toBe(dtype);
        expect(got.tolist(), `cat ${dtype} ${sizes.length} parts along ${d} of ${rest}`).toEqual(catLists(parts.map((p) => p.tolist()), d));
      }
    // Rows of 16 KiB or more (the row loop, part after part), threaded, with an empty part and odd sizes.
    for (const dtype of dtypes) {
      const widths = [9000, 0, 7395, 5];
      const parts = widths.map((w, j) => torch.arange(12 * w).add(j * 7).remainder(dtype === torch.bool ? 2 : 101).to(dtype).view(12, w));
      const got = torch.cat(parts, 1);
      let at = 0;
      for (const [j, w] of widths.entries()) {
        expect(torch.equal(got.narrow(1, at, w), parts[j]!), `${dtype} part ${j}`).toBe(true);
        at += w;
      }
    }
    const ys = Array.from({ length: 8 }, (_, i) => torch.arange(100000).add(i * 100000));
    const s = torch.stack(ys, 1);
    expect(s.get(99999).tolist()).toEqual(ys.map((y) => y.get(99999).item()));
    expect(s.view(-1).sub(torch.arange(800000).view(8, 100000).t().reshape(-1)).abs().max().item()).toBe(0);
  });
  it('native cat re-checks extents (never reads or writes outside the arrays)', () => {
    const out = new Float32Array(8), a = new Float32Array(4), b = new Float32Array(4);
    meta.set([0, 2, 4, 0, 2, 0, 2, 0, 2]);
    native.cat(out, [a, b]); // in bounds
    meta.set([0, 2, 4, 1, 2, 0, 2, 0, 2]); // out offset 1: the last row ends past 8
    expect(() => native.cat(out, [a, b])).toThrow(RangeError);
    meta.set([0, 2, 4, 0, 2, 1, 2, 0, 2]); // part 0 offset 1 + 4 elements > 4
    expect(() => native.cat(out, [a, b])).toThrow(RangeError);
    meta.set([0, 2, 3, 0, 2, 0, 2, 0, 2]); // rows of 4 into a stride of 3
    expect(() => native.cat(out, [a, b])).toThrow(RangeError);
    meta.set([0, 2, 4, 0, 2, 0, 2, 0, 2]);
    expect(() => native.cat(out, [a])).toThrow(TypeError); // fewer arrays than parts
    expect(() => native.cat(out, [a, new Float64Array(4)])).toThrow(TypeError); // wrong array type
    meta.set([0, 1, 1e6, 0, 129]);
    expect(() => native.cat(out, Array(129).fill(a))).toThrow(RangeError); // more parts than a call takes
    meta.set([0, 2 ** 40, 2 ** 40, 0, 1, 0, 2 ** 40]);
    expect(() => native.cat(out, [a])).toThrow(RangeError); // sizes whose product overflows int64
  });
  it('rejects a non-array and non-tensors', () => {
    expect(() => torch.cat(torch.ones(2) as never)).toThrow(torch.TorchTypeError);
    expect(() => torch.stack([torch.ones(2), 3] as never)).toThrow(torch.TorchTypeError);
  });
});

describe('split, chunk, unbind return views', () => {
  it('writes through the pieces', () => {
    const t = torch.zeros(4, 2);
    const [a, b] = t.split(2);
    a!.fill_(1);
    t.chunk(2, 1)[1]!.fill_(5);
    b!.unbind(0)[1]!.fill_(7);
    expect(t.tolist()).toEqual([[1, 5], [1, 5], [0, 5], [7, 7]]);
  });
  it('rejects fractional sizes', () => {
    expect(() => torch.arange(4).split(1.5)).toThrow(torch.TorchTypeError);
    expect(() => torch.arange(4).chunk(2.5)).toThrow(torch.TorchTypeError);
  });
});

describe('tril, triu', () => {
  it('in place bumps the version and returns self; out-of-place keeps the input', () => {
    const m = torch.ones(3, 3);
    const v = m.storage().version;
    expect(m.triu_(1)).toBe(m);
    expect(m.storage().version).toBeGreaterThan(v);
    expect(m.tolist()).toEqual([[0, 1, 1], [0, 0, 1], [0, 0, 0]]);
    const n = torch.ones(2, 2);
    n.tril();
    expect(n.tolist()).toEqual([[1, 1], [1, 1]]);
  });
  it('rejects in-place writes to an expanded tensor, leaving it unchanged', () => {
    const e = torch.ones(3).expand(3, 3);
    expect(() => e.tril_()).toThrow(torch.TorchSizeError);
    expect(e.tolist()).toEqual([[1, 1, 1], [1, 1, 1], [1, 1, 1]]);
  });
  it('tril(out = self) works in place', () => {
    const m = torch.ones(2, 3);
    expect(torch.tril(m, 0, { out: m })).toBe(m);
    expect(m.tolist()).toEqual([[1, 0, 0], [1, 1, 0]]);
  });
  it('large batched matrices (rows and columns loops)', () => {
    const x = torch.ones(3, 300, 40);
    const l = x.tril(5);
    const v = readValues(l) as number[];
    let count = 0;
    for (const e of v) count += e;
    let want = 0;
    for (let i = 0; i < 300; i++) want += Math.min(Math.max(i + 6, 0), 40);
    expect(count).toBe(3 * want);
    const u = torch.ones(40, 300).triu(-3);
    let cu = 0;
    for (const e of readValues(u) as number[]) cu += e;
    let wu = 0;
    for (let i = 0; i < 40; i++) wu += 300 - Math.min(Math.max(i - 3, 0), 300);
    expect(cu).toBe(wu);
  });
});

describe('diag, trace', () => {
  it('a diagonal past the corner is empty (PyTorch 1.13 errors with an overflow)', () => {
    expect(torch.ones(3, 3).diag(5).size()).toEqual([0]);
  });
  it('trace of int64 beyond 2^53 is exact', () => {
    const m = torch.zeros([2, 2], { dtype: torch.int64 });
    const d = m.storage().data as BigInt64Array;
    d[0] = 2n ** 60n + 1n;
    d[3] = 2n ** 60n + 2n;
    expect((m.trace().storage().data as BigInt64Array)[0]).toBe(2n ** 61n + 3n);
  });
});

describe('histc', () => {
  it('counts a large input on several threads like a direct count', () => {
    const n = 200003;
    const x = torch.rand([n], { dtype: torch.float64 }).mul(8);
    const h = x.histc(16, 0, 8);
    const want = new Array<number>(16).fill(0);
    for (const v of readValues(x) as number[]) want[Math.min(Math.floor(v * 2), 15)]!++;
    expect(h.tolist()).toEqual(want);
  });
  it('finds the default range wherever the extremes and a NaN sit (vector lanes and the tail)', () => {
    for (const dtype of [torch.float32, torch.float64]) {
      for (const n of [2, 15, 16, 17, 37, 1000]) {
        for (const at of new Set([0, n >> 1, 15 % n, n - 1])) {
          const v = Array.from({ length: n }, (_, i) => (i * 7) % 5);
          const lo = [...v], hi = [...v];
          lo[at] = -3;
          hi[at] = 9;
          expect(torch.tensor(lo, { dtype }).histc(12).sum().item()).toBe(n); // every value inside [min, max]
          expect((torch.tensor(lo, { dtype }).histc(12).tolist() as number[])[0]).toBe(1); // -3 alone in the first bin
          expect((torch.tensor(hi, { dtype }).histc(12).tolist() as number[])[11]).toBe(1); // 9 alone in the last
          const withNaN = [...v];
          withNaN[at] = NaN;
          expect(() => torch.tensor(withNaN, { dtype }).histc(12)).toThrow(/histc/);
        }
      }
    }
  });
  it('a meta tensor with the default range gives meta bins (its range comes from no data)', () => {
    const h = torch.zeros([5], { device: 'meta' }).histc(4);
    expect([h.isMeta, h.shape]).toEqual([true, [4]]);
  });
  it('skips NaN with an explicit range (PyTorch 1.13 counts it in bin 0 through undefined behaviour; 2.x skips it)', () => {
    expect(torch.tensor([NaN, 1, 2.5]).histc(3, 0, 3).tolist()).toEqual([0, 1, 1]);
  });
  it('native histc re-checks extents (never reads or writes outside the arrays)', () => {
    const hist = new Float32Array(4), input = new Float32Array(10);
    meta.set([0, 10, 1, 0, 4, 0, 1]); // input offset 1 + 10 elements > 10
    expect(() => native.histc(hist, input)).toThrow(RangeError);
    meta.set([0, 10, 0, 1, 4, 0, 1]); // hist offset 1 + 4 bins > 4
    expect(() => native.histc(hist, input)).toThrow(RangeError);
    meta.set([0, 10, 0, 0, 4, 0, 1]);
    expect(() => native.histc(new Float64Array(4), input)).toThrow(TypeError); // wrong array type
  });
  it('rejects integer tensors and bad bins before writing out', () => {
    const out = torch.zeros(4);
    expect(() => torch.arange(4).histc(4, 0, 4, { out })).toThrow(torch.TorchTypeError);
    expect(() => torch.ones(4).histc(0)).toThrow(torch.TorchSizeError);
    expect(() => torch.ones(4).histc(2.5)).toThrow(torch.TorchTypeError);
    expect(out.tolist()).toEqual([0, 0, 0, 0]);
  });
});

describe('where', () => {
  it('rejects a uint8 condition (PyTorch 1.13 accepts it with a deprecation warning)', () => {
    expect(() => torch.where(torch.tensor([1, 0], { dtype: torch.uint8 }), torch.ones(2), torch.zeros(2))).toThrow(/where: expected condition to be a bool tensor/);
  });
  it('with the condition alone is nonzero as a tuple (any dtype, 0-dim included)', () => {
    const [rows, cols] = torch.where(torch.tensor([[0, 2.5], [-1, 0]]));
    expect([rows!.tolist(), cols!.tolist(), rows!.dtype]).toEqual([[0, 1], [1, 0], torch.int64]);
    expect(torch.where(torch.tensor(true)).map((t) => t.tolist())).toEqual([[0]]);
    expect(() => (torch.where as (c: torch.Tensor, x: number) => unknown)(torch.ones(2).gt(0), 1)).toThrow(/where: expected \(condition\) or/);
  });
  it('is also a method: x.where(cond, y)', () => {
    const x = torch.tensor([1.5, -2, 3]);
    expect(x.where(x.gt(0), 0).tolist()).toEqual([1.5, 0, 3]);
  });
  it('selects across threads with broadcasting', () => {
    const c = torch.arange(100000).remainder(3).eq(0);
    const r = torch.where(c, torch.arange(100000), torch.tensor(-1));
    const v = readValues(r);
    expect(v[0]).toBe(0n);
    expect(v[1]).toBe(-1n);
    expect(v[99999]).toBe(99999n);
    expect(v[99998]).toBe(-1n);
  });
  it('rejects non-tensor, non-number operands', () => {
    expect(() => torch.where(torch.ones(2).gt(0), 'a' as never, 1)).toThrow(torch.TorchTypeError);
  });
});

describe('clone of any layout', () => {
  it('gives a contiguous copy with its own storage', () => {
    const layouts = [torch.arange(12).view(3, 4).t(), torch.ones(3, 1).expand(3, 4), torch.tensor(5), torch.empty(0, 3),
      torch.arange(24).view(2, 3, 4).permute(2, 0, 1).get(':', '::2'), torch.arange(10).flip(0)];
    for (const t of layouts) {
      const c = t.clone();
      expect(c.isContiguous()).toBe(true);
      expect(c.storage()).not.toBe(t.storage());
      expect(c.size()).toEqual(t.size());
      expect(c.tolist()).toEqual(t.tolist());
    }
  });
});

describe('repeat, flip, roll', () => {
  it('accept sizes/dims as varargs or one array', () => {
    const t = torch.arange(4).view(2, 2);
    expect(t.repeat([1, 2]).tolist()).toEqual(t.repeat(1, 2).tolist());
    expect(t.flip([0, 1]).tolist()).toEqual([[3, 2], [1, 0]]);
    expect(torch.flip(t, 1).tolist()).toEqual([[1, 0], [3, 2]]);
    expect(torch.roll(t, [1], [1]).tolist()).toEqual([[1, 0], [3, 2]]);
  });
  it('roll needs shifts', () => {
    expect(() => torch.arange(3).roll([])).toThrow(torch.TorchSizeError);
  });
  it('repeat and flip a large tensor (threaded)', () => {
    const x = torch.arange(100000);
    const f = x.flip(0);
    expect(f.get(0).item()).toBe(99999);
    expect(f.get(99999).item()).toBe(0);
    const r = x.view(1000, 100).repeat(2, 3);
    expect(r.size()).toEqual([2000, 300]);
    expect(r.get(1999, 299).item()).toBe(99999);
  });
});

describe('cross', () => {
  it('writes through a temporary when out is an input', () => {
    const a = torch.tensor([1, 0, 0], f32), b = torch.tensor([0, 1, 0], f32);
    expect(torch.cross(a, b, undefined, { out: a }).tolist()).toEqual([0, 0, 1]);
  });
});
