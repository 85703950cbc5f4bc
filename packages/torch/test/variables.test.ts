// torch.* functions accept Variables (packages/torch/src/variable-functions.ts).
import { describe, expect, it } from 'vitest';
import * as core from '@torch/core';
import * as torch from '../src/index';

const { Variable } = torch.autograd;

describe('torch.* functions with Variables', () => {
  it('covers every core function that has a Variable method of the same name', () => {
    const proto = Variable.prototype as unknown as Record<string, unknown>;
    const api = torch as unknown as Record<string, unknown>;
    const missing = Object.keys(core).filter(
      (n) => typeof (core as Record<string, unknown>)[n] === 'function' && !/^[A-Z]/.test(n) && typeof proto[n] === 'function' && api[n] === (core as Record<string, unknown>)[n],
    );
    expect(missing).toEqual([]);
  });

  it('records for backward; plain tensors still get the core function', () => {
    const w = new Variable(torch.tensor([[1, 2], [3, 4]], { dtype: torch.float32 }), { requiresGrad: true });
    const x = torch.tensor([[1, 0], [0, 1]], { dtype: torch.float32 });
    const y = torch.sum(torch.mul(torch.mm(x, w), 2));   // a Tensor first: wrapped as a constant
    expect(y).toBeInstanceOf(Variable);
    y.backward();
    expect(w.grad!.data.tolist()).toEqual([[2, 2], [2, 2]]);
    const h = torch.cat([w, new Variable(x)], 1);
    expect(h.size()).toEqual([2, 4]);
    expect(torch.stack([w, w]).size()).toEqual([2, 2, 2]);
    expect(torch.where(x.gt(0), w, 0)).toBeInstanceOf(Variable);
    expect(torch.add(x, 1)).toBeInstanceOf(torch.Tensor);
    expect(torch.cat([x, x]).size()).toEqual([4, 2]);
  });
});
