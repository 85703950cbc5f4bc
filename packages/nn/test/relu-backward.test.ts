// relu's backward in one kernel (core's thresholdBackward) instead of a bool mask and a product: the
// same gradients, one allocation, PyTorch's NaN rule, and the composite kept for double backward.
import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { Variable, grad, gradcheck, gradgradcheck } from '@torch/autograd';
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

  it('writes into the incoming gradient when autograd proves nobody else reads it', () => {
    const x = leaf(randn(64, 32));
    const y = F.relu(x).mul(2).sum();
    const before = torch.Storage._created;
    y.backward();
    // The root's gradient (1), and mul's 2·g, which relu overwrites and x.grad then takes.
    expect(torch.Storage._created - before).toBe(2);
    expect(x.grad!.data.tolist()).toEqual((x.data.gt(0).double().mul(2).tolist()));
  });

  it('leaves alone the gradients that others read: hooks, autograd.grad results, shared inputs', () => {
    const x = leaf(torch.tensor([-1, 2, -3, 4], { dtype: torch.float64 }));
    const twos = [2, 2, 2, 2], masked = [0, 2, 0, 2];
    // a hook on relu's output keeps the gradient it saw
    let seen: Variable | undefined;
    const h = F.relu(x);
    h.registerHook((g) => void (seen = g));
    h.mul(2).sum().backward();
    expect(seen!.data.tolist()).toEqual(twos);
    expect(x.grad!.data.tolist()).toEqual(masked);
    // autograd.grad returns the gradient of relu's output and of its input from the same pass
    const h2 = F.relu(x);
    const [gh, gx] = grad(h2.mul(2).sum(), [h2, x]);
    expect(gh!.data.tolist()).toEqual(twos);
    expect(gx!.data.tolist()).toEqual(masked);
    // add's backward hands one gradient to two relus: the first must not overwrite what the second reads
    const a = leaf(torch.tensor([1, -1], { dtype: torch.float64 })), b = leaf(torch.tensor([-1, 1], { dtype: torch.float64 }));
    F.relu(a).add(F.relu(b)).mul(3).sum().backward();
    expect(a.grad!.data.tolist()).toEqual([3, 0]);
    expect(b.grad!.data.tolist()).toEqual([0, 3]);
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
    expect(() => call(g, g, 0, false, 1)).toThrow(/thresholdBackward: expected \(grad, result, threshold, inPlace\?\), got 5 arguments/);
    expect(() => call(g, g, 0, 1)).toThrow(/thresholdBackward: inPlace must be a boolean, got number/);
    expect(() => call(g, [1, 2, 3], 0)).toThrow(/thresholdBackward: .*result/);
    expect(() => call(g, g, '0')).toThrow(/thresholdBackward: threshold must be a number, got string/);
  });
});
