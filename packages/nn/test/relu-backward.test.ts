// relu's backward in one kernel (core's thresholdBackward) instead of a bool mask and a product: the
// same gradients, one allocation, PyTorch's NaN rule, and the composite kept for double backward.
import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { Variable, gradcheck, gradgradcheck } from '@torch/autograd';
import * as nn from '../src/index';
import { leaf, randn } from './helpers';

const F = nn.functional;

describe('relu backward', () => {
  it('passes the gradient where the result is above 0, including non-contiguous gradients', () => {
    const x = leaf(torch.tensor([[-1, 0, 2], [3, -4, 0.5]], { dtype: torch.float32 }));
    const y = F.relu(x);
    y.mul(new Variable(torch.tensor([[1, 2, 3], [4, 5, 6]], { dtype: torch.float32 }))).sum().backward();
    expect(x.grad!.data.tolist()).toEqual([[0, 0, 3], [4, 0, 6]]);
    const x2 = leaf(torch.tensor([[-1, 2], [3, -4]], { dtype: torch.float32 }));
    F.relu(x2).t().mul(new Variable(torch.tensor([[1, 2], [3, 4]], { dtype: torch.float32 }))).sum().backward();
    expect(x2.grad!.data.tolist()).toEqual([[0, 3], [2, 0]]);
  });

  it('allocates only the input gradient (no mask)', () => {
    const x = leaf(randn(64, 32));
    const y = F.relu(x);
    const g = new Variable(torch.ones(64, 32, { dtype: torch.float64 }));
    const before = torch.storageAllocations();
    y.backward(g);
    const after = torch.storageAllocations();
    expect(after.storages - before.storages).toBe(1);
    expect(after.bytes - before.bytes).toBe(64 * 32 * 8);
  });

  it('lets the gradient of a NaN result through, as PyTorch', () => {
    const x = leaf(torch.tensor([NaN, -1, 1], { dtype: torch.float32 }));
    F.relu(x).sum().backward();
    expect(x.grad!.data.tolist()).toEqual([1, 0, 1]);
  });

  it('passes gradcheck and gradgradcheck (float64), in place too', () => {
    const x = leaf(randn(4, 5));
    expect(gradcheck((a: Variable) => F.relu(a), [x])).toBe(true);
    expect(gradgradcheck((a: Variable) => F.relu(a).mul(a), [x])).toBe(true);
    expect(gradcheck((a: Variable) => F.relu(a.mul(1), true), [x])).toBe(true);
  });

  it('thresholdBackward checks its arguments', () => {
    const g = torch.ones(3);
    expect(torch.thresholdBackward(g, torch.tensor([0, 1, 2], { dtype: torch.float32 }), 0).tolist()).toEqual([0, 1, 1]);
    expect(torch.thresholdBackward(g, torch.tensor([0, 1, 2], { dtype: torch.float32 }), 1).tolist()).toEqual([0, 0, 1]);
    expect(() => torch.thresholdBackward(g, torch.ones(4), 0)).toThrow(/thresholdBackward: grad of size \[3\] and result of size \[4\] differ/);
    expect(() => torch.thresholdBackward(g, torch.ones(3, { dtype: torch.float64 }), 0)).toThrow(/thresholdBackward: expected grad and result of one floating-point dtype/);
    const call = torch.thresholdBackward as (...args: unknown[]) => torch.Tensor;
    expect(() => call(g, g, 0, 1)).toThrow(/thresholdBackward: expected \(grad, result, threshold\), got 4 arguments/);
    expect(() => call(g, [1, 2, 3], 0)).toThrow(/thresholdBackward: .*result/);
    expect(() => call(g, g, '0')).toThrow(/thresholdBackward: threshold must be a number, got string/);
  });
});
