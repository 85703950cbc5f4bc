// The umbrella's torch.* forms of the issue 10 elementwise ops take Variables: torch.pow(2, v) records
// for backward, and the new functions return Variables for Variable inputs.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';

describe('issue 10 elementwise functions with Variables', () => {
  it('torch.pow(number, variable) records; torch.pow(number, tensor) stays a tensor', () => {
    const e = new torch.autograd.Variable(torch.tensor([1, 3], { dtype: torch.float64 }), { requiresGrad: true });
    const y = torch.pow(2, e);
    expect(y).toBeInstanceOf(torch.autograd.Variable);
    y.sum().backward();
    expect(e.grad!.data.tolist()).toEqual([2 * Math.LN2, 8 * Math.LN2]);
    expect(torch.pow(2, torch.tensor([3]))).toBeInstanceOf(torch.Tensor);
  });

  it('torch.erf(variable) and torch.logicalAnd(variable, tensor) give Variables', () => {
    const x = new torch.autograd.Variable(torch.tensor([0.5], { dtype: torch.float64 }), { requiresGrad: true });
    torch.erf(x).backward();
    expect(x.grad!.data.item()).toBeCloseTo((2 / Math.sqrt(Math.PI)) * Math.exp(-0.25), 14);
    const r = torch.logicalAnd(x, torch.tensor([1]));
    expect(r).toBeInstanceOf(torch.autograd.Variable);
    expect(r.requiresGrad).toBe(false);
  });
});
