// Views share memory and never copy; indexing; errors leave tensors unchanged.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';

const sharesStorage = (a: torch.Tensor, b: torch.Tensor) => a.storage() === b.storage();

describe('views', () => {
  const base = () => torch.arange(24).view(2, 3, 4);

  it('view, transpose, permute, narrow, select, unfold, expand, squeeze, unsqueeze, flatten share storage', () => {
    const t = base();
    const views = [
      t.view(6, 4), t.view(-1), t.transpose(0, 2), t.permute(2, 0, 1), t.narrow(2, 1, 2), t.select(1, -1),
      t.unfold(2, 2, 2), t.get(0).unsqueeze(0).expand(5, 3, 4), t.unsqueeze(1).squeeze(1), t.flatten(1), t.get(0).t(),
    ];
    for (const v of views) expect(sharesStorage(v, t)).toBe(true);
    t.select(1, -1).fill_(-1);
    expect(t.get(0, 2).tolist()).toEqual([-1, -1, -1, -1]);
  });

  it('computes sizes and strides like PyTorch', () => {
    const t = base();
    expect(t.transpose(0, 2).stride()).toEqual([1, 4, 12]);
    expect(t.unfold(2, 2, 1).size()).toEqual([2, 3, 3, 2]);
    expect(t.unfold(2, 2, 1).stride()).toEqual([12, 4, 1, 1]);
    expect(t.narrow(1, 1, 2).storageOffset()).toBe(4);
    expect(t.get(0).unsqueeze(0).expand(5, -1, -1).stride()).toEqual([0, 4, 1]);
    expect(t.permute(1, 2, 0).view(12, 2).size()).toEqual([12, 2]); // merges dims 1,2 of the permuted view
  });

  it('view refuses layouts that need a copy; reshape copies then', () => {
    const t = base().transpose(1, 2);
    expect(() => t.view(24)).toThrow(torch.TorchSizeError);
    expect(() => t.view(24)).toThrow(/view: size \[24\]/);
    const r = t.reshape(24);
    expect(sharesStorage(r, t)).toBe(false);
    expect(r.get('0:4').tolist()).toEqual([0, 4, 8, 1]);
    expect(sharesStorage(base().reshape(4, 6), base())).toBe(false); // different bases; sanity
    const c = base();
    expect(sharesStorage(c.reshape(4, 6), c)).toBe(true);
  });

  it('0-dim and empty tensors', () => {
    const s = torch.tensor(5);
    expect(s.view(1).tolist()).toEqual([5]);
    expect(s.unsqueeze(0).size()).toEqual([1]);
    expect(s.t().dim()).toBe(0);
    const e = torch.zeros(2, 0);
    expect(e.view(0, 5).size()).toEqual([0, 5]);
    expect(e.t().size()).toEqual([0, 2]);
    expect(e.add(1).size()).toEqual([2, 0]);
  });

  it('bad dims and sizes are clear errors', () => {
    const t = base();
    expect(() => t.view(5, 5)).toThrow(/shape \[5, 5\] is invalid for input of size 24/);
    expect(() => t.transpose(0, 3)).toThrow(torch.TorchIndexError);
    expect(() => t.narrow(0, 1, 2)).toThrow(torch.TorchIndexError);
    expect(() => t.select(2, 4)).toThrow(/index 4 is out of bounds for dimension 2 with size 4/);
    expect(() => t.expand(3, 4)).toThrow(torch.TorchSizeError);
    expect(() => t.view(2.5, 4)).toThrow(torch.TorchTypeError);
    expect(() => t.permute(0, 0, 1)).toThrow(torch.TorchIndexError);
    expect(t.tolist()).toEqual(base().tolist());
  });
});

describe('indexing', () => {
  it('numbers, negative indices, slices with steps, new axes and ellipsis', () => {
    const t = torch.arange(24).view(2, 3, 4);
    expect(t.get(1, -1, -1).item()).toBe(23);
    expect(t.get(0, '1:', '::2').tolist()).toEqual([[4, 6], [8, 10]]);
    expect(t.get('...', 1).size()).toEqual([2, 3]);
    expect(t.get(null, 0, '...', null).size()).toEqual([1, 3, 4, 1]);
    expect(t.get(':', ':', '-2:').size()).toEqual([2, 3, 2]);
    expect(t.get(0, '5:10').size()).toEqual([0, 4]);
  });

  it('set writes numbers and broadcast tensors through views', () => {
    const t = torch.zeros(3, 4);
    t.set([':', '::2'], 1);
    t.set(-1, torch.arange(4).float());
    expect(t.tolist()).toEqual([[1, 0, 1, 0], [1, 0, 1, 0], [0, 1, 2, 3]]);
  });

  it('rejects bad indices without changing anything', () => {
    const t = torch.zeros(2, 2);
    expect(() => t.get(0, 0, 0)).toThrow(/too many indices/);
    expect(() => t.get(2)).toThrow(torch.TorchIndexError);
    expect(() => t.get('1:2:0')).toThrow(/step must be positive/);
    expect(() => t.get('a:b')).toThrow(/cannot parse/);
    expect(() => t.get('...', '...')).toThrow(/single ellipsis/);
    expect(() => t.set([5], 1)).toThrow(torch.TorchIndexError);
    expect(t.tolist()).toEqual([[0, 0], [0, 0]]);
  });
});
