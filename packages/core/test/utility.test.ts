// The 0.x tensor utilities (ops/utility.ts): equal, numel, typename, isStorage, elementSize, isSigned,
// new, resizeAs_, in-place views and the per-element callbacks.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';

describe('tensor utilities', () => {
  it('equal compares sizes and values after promotion; NaN is unequal', () => {
    expect(torch.equal(torch.tensor([1, 2]), torch.tensor([1, 2], { dtype: torch.float64 }))).toBe(true);
    expect(torch.tensor([1, 2]).equal(torch.tensor([1, 3]))).toBe(false);
    expect(torch.equal(torch.zeros(2, 1), torch.zeros(2))).toBe(false);
    expect(torch.equal(torch.tensor([NaN]), torch.tensor([NaN]))).toBe(false);
    expect(torch.equal(torch.zeros(0, 3), torch.zeros(0, 3))).toBe(true);
    expect(() => torch.equal(torch.zeros(1), 1 as never)).toThrow(/equal/);
  });

  it('numel, typename, isStorage, elementSize, isSigned', () => {
    const t = torch.zeros(2, 3, { dtype: torch.int16 });
    expect([torch.numel(t), torch.typename(t), torch.typename(t.storage()), torch.typename(3)]).toEqual([6, 'torch.ShortTensor', 'torch.ShortStorage', 'number']);
    expect([torch.isStorage(t.storage()), torch.isStorage(t)]).toEqual([true, false]);
    expect([t.elementSize(), torch.zeros(1, { dtype: torch.float64 }).elementSize()]).toEqual([2, 8]);
    expect([t.isSigned(), torch.zeros(1, { dtype: torch.uint8 }).isSigned(), torch.zeros(1, { dtype: torch.bool }).isSigned(), torch.zeros(1).isSigned()]).toEqual([true, false, false, true]);
  });

  it('new makes a tensor of the same dtype from sizes or data', () => {
    const x = torch.zeros(1, { dtype: torch.int32 });
    const a = x.new(2, 3), b = x.new([[1, 2]]), c = x.new();
    expect([a.dtype, a.size(), b.dtype, b.tolist(), c.size()]).toEqual([torch.int32, [2, 3], torch.int32, [[1, 2]], [0]]);
    expect(() => x.new(-1)).toThrow(/new/);
  });

  it('in-place views change the tensor itself and keep sharing storage', () => {
    const base = torch.arange(6).view(2, 3);
    const m = base.view(2, 3);
    m.t_();
    expect([m.size(), m.stride(), m.get(2, 1).item()]).toEqual([[3, 2], [1, 3], 5]);
    m.transpose_(0, 1).unsqueeze_(0);
    expect(m.size()).toEqual([1, 2, 3]);
    m.squeeze_(0);
    expect(m.size()).toEqual([2, 3]);
    m.set([0, 0], 9);
    expect(base.get(0, 0).item()).toBe(9);
    expect(() => m.transpose_(0, 5)).toThrow(/transpose/);
    expect(m.size()).toEqual([2, 3]);
    const r = torch.zeros(1).resizeAs_(torch.zeros(4, 2));
    expect(r.size()).toEqual([4, 2]);
  });

  it('apply_, map_, map2_ call a function per element in row-major order, any strides and dtypes', () => {
    const t = torch.arange(6).float().view(2, 3).t();   // non-contiguous
    const seen: number[] = [];
    t.apply_((v) => { seen.push(v); return v * 10; });
    expect(seen).toEqual([0, 3, 1, 4, 2, 5]);
    expect(t.tolist()).toEqual([[0, 30], [10, 40], [20, 50]]);
    const a = torch.tensor([1, 2, 3], { dtype: torch.int64 });
    a.map_(torch.tensor([[0.5, 1.5, 2.5]]), (x, y) => x + y);   // truncates into int64
    expect(a.tolist()).toEqual([1, 3, 5]);
    const h = torch.tensor([1, 2], { dtype: torch.float16 });
    torch.map2_(h, torch.tensor([1, 1]), torch.tensor([2, 3]), (x, y, z) => x + y * z);
    expect(h.tolist()).toEqual([3, 5]);
    const v0 = a._storage.version;
    a.apply_(() => undefined);   // returning nothing leaves elements unchanged
    expect(a.tolist()).toEqual([1, 3, 5]);
    expect(a._storage.version).toBe(v0 + 1);
    expect(() => a.map_(torch.zeros(2), (x) => x)).toThrow(/map_: tensors must have the same number of elements/);
    expect(() => a.apply_(3 as never)).toThrow(/apply_: expected a function/);
  });
});
