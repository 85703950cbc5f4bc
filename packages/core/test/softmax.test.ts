// softmax / logSoftmax beyond the PyTorch fixtures (reduce.test.ts holds those: every dtype x layout x dim,
// NaN/Inf, float16, the dtype option, errors): the native kernel's paths on sizes the fixtures do not
// reach (rows split across threads, dims that are not innermost in tiles of 256 positions, strided
// inputs), against a float64 JS reference; overflow-free results for huge inputs; bad arguments.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';

/** softmax or logSoftmax of `x` along `dim`, in float64 JS, from the tensor's element values. */
function reference(x: torch.Tensor, d: number, log: boolean): number[] {
  const shape = x.shape, nd = shape.length, dim = d < 0 ? d + nd : d, n = shape[dim]!;
  const values = (x.double().contiguous().flatten().tolist() as number[]);
  const inner = shape.slice(dim + 1).reduce((a, b) => a * b, 1);
  const out = new Array<number>(values.length);
  for (let base = 0; base < values.length; base += n * inner)
    for (let j = 0; j < inner; j++) {
      const at = (r: number) => base + r * inner + j;
      let mx = -Infinity;
      for (let r = 0; r < n; r++) mx = Math.max(mx, values[at(r)]!);
      let sum = 0;
      for (let r = 0; r < n; r++) sum += Math.exp(values[at(r)]! - mx);
      for (let r = 0; r < n; r++) out[at(r)] = log ? values[at(r)]! - mx - Math.log(sum) : Math.exp(values[at(r)]! - mx) / sum;
    }
  expect(nd).toBeGreaterThan(0);
  return out;
}

function expectMatches(x: torch.Tensor, dim: number) {
  for (const log of [false, true]) {
    const r = log ? x.logSoftmax(dim) : x.softmax(dim);
    expect(r.shape).toEqual(x.shape);
    expect(r.dtype).toBe(x.dtype);
    const got = r.double().flatten().tolist() as number[];
    const want = reference(x, dim, log);
    const tol = x.dtype === torch.float32 ? 2e-6 : 1e-14;
    let worst = 0;
    got.forEach((g, i) => (worst = Math.max(worst, Math.abs(g - want[i]!) / (1 + Math.abs(want[i]!)))));
    expect(worst, `${log ? 'logSoftmax' : 'softmax'} [${x.shape}] dim ${dim}`).toBeLessThan(tol);
  }
}

describe('softmax / logSoftmax kernel paths against a float64 reference', () => {
  torch.manualSeed(3);
  it('rows split across threads (1000 rows of 70), float32 and float64', () => {
    expectMatches(torch.randn(1000, 70).mul(4), 1);
    expectMatches(torch.randn([1000, 70], { dtype: torch.float64 }).mul(4), -1);
  });
  it('rows shorter than a vector, in groups of rows (3000 rows of 10 cross the 1024-element groups), also strided', () => {
    expectMatches(torch.randn(3000, 10).mul(4), 1);
    expectMatches(torch.randn([333, 15], { dtype: torch.float64 }).mul(4), 1);
    expectMatches(torch.randn(7, 1), 1);
    expectMatches(torch.randn(50, 40).get(':', '5:15'), 1); // rows 40 apart
    expectMatches(torch.randn(4, 30, 3).permute(0, 2, 1).contiguous().get(':', ':', '::3'), 2);
  });
  it('a dim that is not innermost: tiles of inner positions (600 > 256), with a partial last tile', () => {
    expectMatches(torch.randn(70, 600).mul(3), 0);
    expectMatches(torch.randn([3, 50, 301], { dtype: torch.float64 }), 1);
  });
  it('strided inputs: transposed, sliced, offset and expanded', () => {
    expectMatches(torch.randn(40, 900).t(), 1);
    expectMatches(torch.randn(40, 900).t(), 0);
    expectMatches(torch.randn(6, 20).get(':', '::3'), 1);
    expectMatches(torch.randn(6, 20).get('2:5', '1::3'), 1); // a view that starts inside its storage
    expectMatches(torch.randn(6, 300).get('2:5', '1:'), 0);
    expectMatches(torch.randn(1, 9).expand(5, 9), 0);
  });
  it('huge and tiny inputs stay finite (shifted by the row max)', () => {
    const x = torch.tensor([[1000, 999, -1000], [-1e30, -1e30, -1e30]], { dtype: torch.float32 });
    expect(x.softmax(1).tolist()).toEqual(torch.tensor([[1 / (1 + Math.exp(-1)), 1 / (1 + Math.exp(1)), 0], [1 / 3, 1 / 3, 1 / 3]]).tolist());
    const l = x.logSoftmax(1).tolist() as number[][];
    expect(l[0]![2]).toBeCloseTo(-2000 - Math.log1p(Math.exp(-1)), 2);
    expect(l[1]![0]).toBeCloseTo(-Math.log(3), 6);
  });
  it('bad arguments name the op and the offending value', () => {
    const x = torch.randn(2, 3);
    expect(() => x.softmax(2)).toThrow(/^softmax: dimension 2 out of range/);
    expect(() => x.logSoftmax(0.5)).toThrow(/^logSoftmax: dimension 0.5 out of range/);
    expect(() => (x as any).softmax()).toThrow(/^softmax: dim must be an integer, got undefined/);
    expect(() => x.softmax(1, { dtype: torch.int32 })).toThrow(/^softmax: not implemented for torch.int32 \(size \[2, 3\]\)/);
    // A dtype may be named (issue 10): 'float64' is torch.float64; a name that is no dtype names the op.
    expect(x.softmax(1, { dtype: 'float64' as any }).dtype).toBe(torch.float64);
    expect(() => x.softmax(1, { dtype: 'float46' as any })).toThrow(/^softmax: dtype must be a dtype .*got 'float46'/);
    expect(() => torch.softmax(5 as any, 0)).toThrow(/^softmax/);
  });
  it('out: written in place when contiguous (no storage allocated), at an offset, resized when empty, cast through a copy otherwise', () => {
    const x = torch.randn(4, 7);
    const buf = torch.empty(4, 7);
    x.softmax(1, { out: buf });
    const before = torch.storageAllocations();
    const r = x.logSoftmax(1, { out: buf });
    const after = torch.storageAllocations();
    expect(r).toBe(buf);
    expect(after.storages - before.storages).toBe(0);
    expect(buf.tolist()).toEqual(x.logSoftmax(1).tolist());
    const big = torch.zeros(2, 4, 7);
    x.softmax(0, { out: big.select(0, 1) });   // a view at storage offset 28
    expect(big.select(0, 1).tolist()).toEqual(x.softmax(0).tolist());
    expect(big.select(0, 0).abs().sum().item()).toBe(0);
    const empty = torch.empty(0);
    expect(x.softmax(1, { out: empty }).size()).toEqual([4, 7]);
    const strided = torch.zeros(7, 4).t();
    x.softmax(1, { out: strided });
    expect(strided.tolist()).toEqual(x.softmax(1).tolist());
    expect(() => x.softmax(1, { out: torch.empty(4, 7, { dtype: torch.float64 }) })).toThrow(/^softmax: expected out to have dtype torch.float32/);
    expect(() => x.softmax(1, { out: torch.empty(3, 7) })).toThrow(/^softmax: out has size \[3, 7\] but the result has size \[4, 7\]/);
  });
});
