// Derivatives of the elementwise ops added for issue 10: float64 gradchecks (and gradgradchecks) of
// erf, erfc, erfinv, log2, log10, exp2, square, nanToNum and pow with a number base; div's
// roundingMode has zero gradients and floorDivide none, as PyTorch; the bool/integer ops never record.
import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { Variable, gradcheck, gradgradcheck, derivativeNames, pow } from '../src/index';
import { v, nc } from './helpers';

const domains: Record<string, [number, number]> = {
  erf: [-1.5, 1.5], erfc: [-1.5, 1.5], erfinv: [-0.9, 0.9], log2: [0.5, 2], log10: [0.5, 2], exp2: [-2, 2], square: [-2, 2], nanToNum: [-2, 2],
};

describe('issue 10 unary derivatives', () => {
  for (const [name, [lo, hi]] of Object.entries(domains))
    it(`${name}: gradcheck, gradgradcheck, non-contiguous, in place`, () => {
      const f = (a: any) => a[name]();
      expect(gradcheck(f, [v([2, 3], lo, hi)])).toBe(true);
      expect(gradgradcheck(f, [v([2, 3], lo, hi)])).toBe(true);
      expect(gradcheck(f, [nc([2, 3], lo, hi)])).toBe(true);
      expect(gradcheck((a: any) => a.mul(1)[`${name}_`](), [v([2, 3], lo, hi)])).toBe(true);
    });

  it('nanToNum passes the gradient only where the input was finite', () => {
    const x = new Variable(torch.tensor([1, NaN, Infinity, -Infinity, 2], { dtype: torch.float64 }), { requiresGrad: true });
    x.nanToNum().sum().backward();
    expect(x.grad!.data.tolist()).toEqual([1, 0, 0, 0, 1]);
  });

  it('the derivatives are the closed forms', () => {
    const x = new Variable(torch.tensor([0.3], { dtype: torch.float64 }), { requiresGrad: true });
    x.erf().backward();
    expect(x.grad!.data.item()).toBeCloseTo((2 / Math.sqrt(Math.PI)) * Math.exp(-0.09), 14);
  });
});

describe('issue 10 binary derivatives', () => {
  it("div with a roundingMode has zero gradients (PyTorch's rule)", () => {
    const a = v([2, 3], 1, 3), b = v([3], 1, 2);
    a.div(b, { roundingMode: 'floor' }).sum().backward();
    expect(a.grad!.data.abs().sum().item()).toBe(0);
    expect(b.grad!.data.abs().sum().item()).toBe(0);
    expect(b.grad!.data.size()).toEqual([3]);
    const c = v([2], 1, 3);
    c.div(2, { roundingMode: 'trunc' }).sum().backward();
    expect(c.grad!.data.tolist()).toEqual([0, 0]);
  });

  it('floorDivide records, and its backward says the derivative is not implemented', () => {
    const a = v([2], 1, 3);
    const y = a.floorDivide(2);
    expect(y.requiresGrad).toBe(true);
    expect(() => y.sum().backward()).toThrow(/floorDivide: its derivative is not implemented/);
  });

  it('pow with a number base: gradcheck and gradgradcheck on the exponent', () => {
    for (const base of [2, 0.5, 3.7]) {
      expect(gradcheck((e: any) => pow(base, e), [v([2, 3], -1, 2)])).toBe(true);
      expect(gradgradcheck((e: any) => pow(base, e), [v([2, 3], -1, 2)])).toBe(true);
    }
    expect(gradcheck((e: any) => pow(2, e), [nc([2, 3], -1, 2)])).toBe(true);
    const e = new Variable(torch.tensor([1, 2], { dtype: torch.float64 }), { requiresGrad: true });
    pow(0, e).sum().backward();
    expect(e.grad!.data.tolist()).toEqual([0, 0]);
  });

  it('logical, bitwise and predicate ops never require grad', () => {
    const names = derivativeNames();
    for (const n of ['isnan', 'isinf', 'isfinite', 'logicalNot', 'bitwiseNot', 'logicalAnd', 'logicalOr', 'logicalXor', 'bitwiseAnd', 'bitwiseOr', 'bitwiseXor'])
      expect(names.get(n)).toBe(false);
    for (const n of ['erf', 'erfc', 'erfinv', 'log2', 'log10', 'exp2', 'square', 'nanToNum', 'powScalarBase']) expect(names.get(n)).toBe(true);
    const x = v([3]);
    const r = x.isnan();
    expect(r).toBeInstanceOf(Variable);
    expect(r.requiresGrad).toBe(false);
    expect(x.logicalAnd(x).requiresGrad).toBe(false);
  });
});
