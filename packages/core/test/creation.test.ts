// Creation functions and the random generator.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';

describe('creation', () => {
  it('zeros, ones, full, eye, arange, range, linspace, logspace and *Like', () => {
    expect(torch.zeros(2, 3).tolist()).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect(torch.ones([2], { dtype: torch.int16 }).dtype).toBe(torch.int16);
    expect(torch.full([2], 7).dtype).toBe(torch.int64);
    expect(torch.full([2], 0.5).dtype).toBe(torch.float32);
    expect(torch.full([2], true).dtype).toBe(torch.bool);
    expect(torch.eye(2, 3).tolist()).toEqual([[1, 0, 0], [0, 1, 0]]);
    expect(torch.arange(5).tolist()).toEqual([0, 1, 2, 3, 4]);
    expect(torch.arange(5).dtype).toBe(torch.int64);
    expect(torch.arange(1, 2.5, 0.5).tolist()).toEqual([1, 1.5, 2]);
    expect(torch.arange(5, 0, -2).tolist()).toEqual([5, 3, 1]);
    expect(torch.range(1, 4).tolist()).toEqual([1, 2, 3, 4]);
    expect(torch.range(1, 4).dtype).toBe(torch.float32);
    expect(torch.linspace(0, 1, 5).tolist()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(torch.logspace(0, 2, 3).tolist()).toEqual([1, 10, 100]);
    const t = torch.ones(2, 2, { dtype: torch.float64 });
    expect(torch.zerosLike(t).dtype).toBe(torch.float64);
    expect(torch.fullLike(t, 3).tolist()).toEqual([[3, 3], [3, 3]]);
    expect(torch.emptyLike(t, { dtype: torch.int8 }).dtype).toBe(torch.int8);
  });

  it('rejects bad sizes and ranges', () => {
    expect(() => torch.zeros(-1)).toThrow(/zeros: sizes must be non-negative, got \[-1\]/);
    expect(() => torch.zeros(1.5)).toThrow(torch.TorchTypeError);
    expect(() => torch.arange(0, 5, -1)).toThrow(/inconsistent with step sign/);
    expect(() => torch.arange(0, 5, 0)).toThrow(/nonzero/);
    expect(() => torch.linspace(0, 1, -2)).toThrow(torch.TorchSizeError);
  });
});

describe('random', () => {
  it('same seed, same numbers, whatever the thread count', () => {
    torch.manualSeed(123);
    const a = torch.randn(100000);
    torch.setNumThreads(1);
    torch.manualSeed(123);
    const b = torch.randn(100000);
    torch.setNumThreads(2);
    expect(Array.from(a.storage().data as Float32Array)).toEqual(Array.from(b.storage().data as Float32Array));
  });

  it('rand is in [0, 1) with the right moments; randn has mean 0 and variance 1', () => {
    const g = new torch.Generator().manualSeed(7);
    const u = torch.rand([200000], { generator: g }).storage().data as Float32Array;
    let lo = Infinity, hi = -Infinity, sum = 0;
    for (const v of u) { lo = Math.min(lo, v); hi = Math.max(hi, v); sum += v; }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    expect(Math.abs(sum / u.length - 0.5)).toBeLessThan(0.005);
    const n = torch.randn([200000], { generator: g, dtype: torch.float64 }).storage().data as Float64Array;
    let m = 0, v2 = 0;
    for (const x of n) m += x;
    m /= n.length;
    for (const x of n) v2 += (x - m) ** 2;
    expect(Math.abs(m)).toBeLessThan(0.01);
    expect(Math.abs(v2 / n.length - 1)).toBeLessThan(0.02);
  });

  it('generator state can be saved and restored', () => {
    const g = new torch.Generator(99);
    const state = g.getState();
    const first = torch.rand([5], { generator: g }).tolist();
    g.setState(state);
    expect(torch.rand([5], { generator: g }).tolist()).toEqual(first);
    expect(g.initialSeed()).toBe(99);
    expect(() => g.setState(new Uint32Array(3))).toThrow(/625 words/);
  });

  it('samples into strided views and refuses integer tensors', () => {
    const t = torch.zeros(4, 4);
    t.t().narrow(0, 1, 2).uniform_(5, 6);
    expect(t.get(':', 0).tolist()).toEqual([0, 0, 0, 0]);
    expect(t.get(0, 1).item()).toBeGreaterThanOrEqual(5);
    expect(() => torch.zeros(2, { dtype: torch.int32 }).normal_()).toThrow(/floating point/);
  });
});
