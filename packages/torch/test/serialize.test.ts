// torch.save / torch.load through the umbrella package (implemented in @torch/core, docs/serialization.md).
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';

describe('torch.save / torch.load', () => {
  it('are exported by the umbrella and round-trip a checkpoint', async () => {
    const w = torch.randn(3, 4);
    const back = await torch.load<{ w: torch.Tensor; wt: torch.Tensor }>(await torch.save({ w, wt: w.t() }));
    expect(back.w.tolist()).toEqual(w.tolist());
    expect(back.wt.storage()).toBe(back.w.storage());
    expect(torch.loadSync<number[]>(torch.saveSync([1, 2]))).toEqual([1, 2]);
  });

  it('a Variable is refused with a hint to save its tensor', () => {
    const v = new torch.autograd.Variable(torch.ones(2), { requiresGrad: true });
    expect(() => torch.saveSync({ v })).toThrow(/cannot save a _?Variable at the root\.v .*save its \.data tensor/);
    expect(torch.loadSync<{ v: torch.Tensor }>(torch.saveSync({ v: v.data })).v.tolist()).toEqual([1, 1]);
  });
});
