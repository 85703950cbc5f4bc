// crossEntropy's fused path (functional/cross-entropy-fused.ts) against the composite it replaces:
// values and gradients for mean and sum, double backward, and the cases that keep the composite.
import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { Variable, gradcheck, gradgradcheck } from '@torch/autograd';
import * as nn from '../src/index';
import { leaf, randn } from './helpers';

const F = nn.functional;
const composite = (x: Variable, t: torch.Tensor, sum: boolean) => {
  const p = x.logSoftmax(1).gather(1, t.unsqueeze(1));
  return (sum ? p.sum() : p.mean()).neg();
};

describe('fused cross-entropy', () => {
  for (const reduction of ['mean', 'sum'] as const) {
    it(`matches the composite's value and gradient (${reduction})`, () => {
      const x = leaf(randn(7, 5)), x2 = leaf(x.data.clone());
      const t = torch.randint(5, [7]);
      const y = F.crossEntropy(x, t, { reduction });
      expect(y.gradFn?.name).toBe('CrossEntropyBackward');
      const y2 = composite(x2, t, reduction === 'sum');
      expect(Math.abs((y.item() as number) - (y2.item() as number))).toBeLessThan(1e-12);
      y.mul(1.7).backward();
      y2.mul(1.7).backward();
      expect(x.grad!.data.sub(x2.grad!.data).abs().max().item()).toBeLessThan(1e-12);
    });
  }

  it('passes gradcheck and gradgradcheck (float64)', () => {
    const t = torch.randint(4, [6]);
    expect(gradcheck((x) => F.crossEntropy(x, t), [leaf(randn(6, 4))])).toBe(true);
    expect(gradgradcheck((x) => F.crossEntropy(x, t, { reduction: 'sum' }), [leaf(randn(6, 4))])).toBe(true);
  });

  it('leaves weights, smoothing, ignored targets, out-of-range targets and other ranks to the composite', () => {
    const x = leaf(randn(4, 3));
    const t = torch.tensor([0, 2, 1, 2]);
    expect(F.crossEntropy(x, t, { weight: torch.ones(3, { dtype: torch.float64 }) }).gradFn?.name).not.toBe('CrossEntropyBackward');
    expect(F.crossEntropy(x, t, { labelSmoothing: 0.1 }).gradFn?.name).not.toBe('CrossEntropyBackward');
    expect(F.crossEntropy(x, t, { ignoreIndex: 2 }).gradFn?.name).not.toBe('CrossEntropyBackward');
    expect(() => F.crossEntropy(x, torch.tensor([0, 3, 1, 2]))).toThrow(/crossEntropy: .*3/);
    expect(() => F.crossEntropy(x, t, { ignoreIndex: 100.5 })).toThrow(/ignoreIndex must be an integer/);
    expect(F.crossEntropy(leaf(randn(2, 3, 4)), torch.randint(3, [2, 4])).gradFn?.name).not.toBe('CrossEntropyBackward');
  });
});
