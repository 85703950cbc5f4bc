// gradcheck (and gradgradcheck) on every differentiable op of core's elementwise table: plain,
// broadcast, non-contiguous and in-place variants; and a coverage test over the table's names.
import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { Variable, derivativeNames } from '../src/index';
import { gradcheck, gradgradcheck, v, nc } from './helpers';

const domains: Record<string, [number, number]> = {
  sqrt: [0.5, 2], rsqrt: [0.5, 2], log: [0.5, 2], log1p: [0.5, 2], reciprocal: [0.5, 2],
  asin: [-0.8, 0.8], acos: [-0.8, 0.8], tan: [-1, 1],
  // Piecewise-constant ops: keep away from the jumps so the finite differences see zero.
  floor: [0.2, 0.8], ceil: [0.2, 0.8], round: [0.1, 0.4], trunc: [0.2, 0.8], frac: [0.2, 0.8], abs: [0.2, 1], sign: [0.2, 1],
};
const unary = ['neg', 'abs', 'sign', 'reciprocal', 'sqrt', 'rsqrt', 'exp', 'log', 'log1p', 'expm1', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'sigmoid', 'floor', 'ceil', 'round', 'trunc', 'frac'];

describe('elementwise table coverage', () => {
  it('every op of the table has a derivative or is marked non-differentiable', () => {
    const names = derivativeNames();
    const table = [...Object.keys(torch.unaryOps), ...Object.keys(torch.binaryOps), ...Object.keys(torch.ternaryOps)];
    const missing = table.filter((n) => !names.has(n));
    expect(missing).toEqual([]);
    for (const n of ['eq', 'ne', 'lt', 'le', 'gt', 'ge']) expect(names.get(n)).toBe(false);
    for (const n of unary) expect(names.get(n)).toBe(true);
    for (const n of table) expect(typeof (Variable.prototype as any)[n]).toBe('function');
  });
});

describe('unary ops', () => {
  for (const name of unary) {
    const [lo, hi] = domains[name] ?? [-1, 1];
    it(`${name}: gradcheck, gradgradcheck, non-contiguous, in place`, () => {
      const x = v([2, 3], lo, hi);
      expect(gradcheck((a: any) => a[name](), [x])).toBe(true);
      expect(gradgradcheck((a: any) => a[name](), [x])).toBe(true);
      expect(gradcheck((a: any) => a[name](), [nc([2, 3], lo, hi)])).toBe(true);
      expect(gradcheck((a: any) => a.mul(1)[`${name}_`](), [x])).toBe(true);
      expect(gradgradcheck((a: any) => a.mul(1)[`${name}_`](), [x])).toBe(true);
    });
  }
});

const binaryDomains: Record<string, [[number, number], [number, number]]> = {
  div: [[-1, 1], [0.5, 2]],
  pow: [[0.5, 2], [-1, 2]],
  fmod: [[-3, 3], [1.3, 1.45]],
  remainder: [[-3, 3], [1.3, 1.45]],
  atan2: [[0.2, 1], [0.2, 1]],
};
const binary = ['add', 'sub', 'mul', 'div', 'atan2', 'pow', 'fmod', 'remainder', 'minimum', 'maximum', 'max', 'min'];

describe('binary ops', () => {
  for (const name of binary) {
    const [[alo, ahi], [blo, bhi]] = binaryDomains[name] ?? [[-1, 1], [-1, 1]];
    it(`${name}: same size, broadcast both ways, scalar, non-contiguous, in place`, () => {
      const call = (a: any, b: any) => a[name](b);
      if (!['fmod', 'remainder'].includes(name)) {
        expect(gradcheck(call, [v([2, 3], alo, ahi), v([2, 3], blo, bhi)])).toBe(true);
        expect(gradgradcheck(call, [v([2, 3], alo, ahi), v([2, 3], blo, bhi)])).toBe(true);
      } else {
        // fmod/remainder: dividends and divisors chosen so no quotient sits at a jump.
        const a = new Variable(torch.tensor([[-2.5, -0.7, 0.3], [0.9, 1.9, 2.6]], { dtype: torch.float64 }), { requiresGrad: true });
        expect(gradcheck(call, [a, v([2, 3], blo, bhi)])).toBe(true);
      }
      expect(gradcheck(call, [v([2, 3], alo, ahi), v([3], blo, bhi)])).toBe(true);
      expect(gradcheck(call, [v([2, 1], alo, ahi), v([1, 3], blo, bhi)])).toBe(true);
      expect(gradcheck(call, [nc([2, 3], alo, ahi), nc([2, 3], blo, bhi)])).toBe(true);
      expect(gradcheck((a: any, b: any) => a.mul(1)[`${name}_`]?.(b) ?? a[name](b), [v([2, 3], alo, ahi), v([3], blo, bhi)])).toBe(true);
      if (!['max', 'min', 'minimum', 'maximum', 'atan2'].includes(name))
        expect(gradcheck((a: any) => a[name](name === 'pow' ? 2.5 : 1.7), [v([2, 3], alo, ahi)])).toBe(true);
    });
  }
  it('add and sub with alpha', () => {
    expect(gradcheck((a: any, b: any) => a.add(b, { alpha: 2.5 }), [v([2, 3]), v([3])])).toBe(true);
    expect(gradcheck((a: any, b: any) => a.sub(b, { alpha: -1.5 }), [v([2, 3]), v([2, 1])])).toBe(true);
    expect(gradcheck((a: any, b: any) => a.mul(1).sub_(b, { alpha: 3 }), [v([2, 3]), v([3])])).toBe(true);
  });
  it('pow with a zero base takes x^e log x as 0 for e >= 0', () => {
    const x = new Variable(torch.tensor([0, 0, 2], { dtype: torch.float64 }), { requiresGrad: true });
    const e = new Variable(torch.tensor([1, 2, 3], { dtype: torch.float64 }), { requiresGrad: true });
    x.pow(e).backward(torch.ones(3, { dtype: torch.float64 }));
    expect((e.grad!.data.tolist() as number[])[0]).toBe(0);
    expect((e.grad!.data.tolist() as number[])[1]).toBe(0);
    expect(x.grad!.data.tolist()).toEqual([1, 0, 12]);
  });
  it('comparisons give results that do not require grad', () => {
    const a = v([3]);
    for (const n of ['eq', 'ne', 'lt', 'le', 'gt', 'ge']) expect((a as any)[n](0).requiresGrad).toBe(false);
  });
});

describe('ternary ops and clamp', () => {
  it('lerp', () => {
    expect(gradcheck((a: any, b: any, w: any) => a.lerp(b, w), [v([2, 3]), v([2, 3]), v([2, 3])])).toBe(true);
    expect(gradcheck((a: any, b: any) => a.lerp(b, 0.3), [v([2, 3]), v([2, 3])])).toBe(true);
    expect(gradgradcheck((a: any, b: any, w: any) => a.lerp(b, w), [v([2, 3]), v([2, 3]), v([2, 3])])).toBe(true);
    expect(gradcheck((a: any, b: any, w: any) => a.mul(1).lerp_(b, w), [v([2, 3]), v([2, 3]), v([2, 3])])).toBe(true);
  });
  it('addcmul and addcdiv, with value and broadcasting', () => {
    expect(gradcheck((a: any, b: any, c: any) => a.addcmul(b, c, { value: 0.5 }), [v([2, 3]), v([3]), v([2, 1])])).toBe(true);
    expect(gradcheck((a: any, b: any, c: any) => a.addcdiv(b, c, { value: -2 }), [v([3]), v([2, 3]), v([2, 3], 0.5, 2)])).toBe(true);
    expect(gradgradcheck((a: any, b: any, c: any) => a.addcdiv(b, c), [v([2, 3]), v([2, 3]), v([2, 3], 0.5, 2)])).toBe(true);
    expect(gradcheck((a: any, b: any, c: any) => a.mul(1).addcmul_(b, c), [v([2, 3]), v([2, 3]), v([3])])).toBe(true);
  });
  it('clamp passes the gradient inside the bounds only', () => {
    const x = new Variable(torch.tensor([-2, -0.5, 0.5, 2], { dtype: torch.float64 }), { requiresGrad: true });
    x.clamp(-1, 1).backward(torch.ones(4, { dtype: torch.float64 }));
    expect(x.grad!.data.tolist()).toEqual([0, 1, 1, 0]);
    expect(gradcheck((a: any) => a.clamp(-0.5, null), [v([2, 3])])).toBe(true);
    expect(gradcheck((a: any) => a.mul(1).clamp_(null, 0.3), [v([2, 3])])).toBe(true);
  });
});
