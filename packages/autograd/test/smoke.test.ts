import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { Variable, gradcheck } from '../src/index';

describe('smoke', () => {
  it('mul add backward', () => {
    const x = new Variable(torch.tensor([1, 2, 3], { dtype: torch.float64 }), { requiresGrad: true });
    const y = x.mul(x).add(x);
    y.backward(torch.ones(3, { dtype: torch.float64 }));
    expect(x.grad!.data.tolist()).toEqual([3, 5, 7]);
    expect(y.gradFn!.name).toBe('AddBackward');
    expect(gradcheck((a: Variable) => a.mul(a).sin().add(a.unsqueeze(1).mm(a.unsqueeze(0))), [x])).toBe(true);
  });
});
