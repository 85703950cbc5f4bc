// gradcheck and gradgradcheck (float64) on the reductions and the value-selecting sort ops: dims, keepdim,
// non-contiguous inputs, zeros in prod/cumprod, ties in max/min/median/norm(inf), the dtype option; and the
// coverage test over core's op families.
import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { Variable, derivativeNames } from '../src/index';
import { gradcheck, gradgradcheck, v, nc } from './helpers';

const check = (fn: (...a: any[]) => any, inputs: unknown[], second = true) => {
  expect(gradcheck(fn, inputs)).toBe(true);
  if (second) expect(gradgradcheck(fn, inputs)).toBe(true);
};
const f64 = { dtype: torch.float64 };
const leaf = (data: number[] | number[][]) => new Variable(torch.tensor(data, f64), { requiresGrad: true });
const gradOf = (x: Variable, f: (a: Variable) => Variable) => {
  x.grad = null;
  const y = f(x);
  y.backward(torch.ones(y.data.shape, f64));
  return x.grad!.data.tolist();
};

export const reduceNames = ['sum', 'prod', 'mean', 'var', 'std', 'norm', 'dist', 'renorm', 'logsumexp', 'all', 'any', 'argmax', 'argmin', 'cumsum', 'cumprod', 'softmax', 'logSoftmax', 'max', 'min'];
export const sortNames = ['sort', 'argsort', 'topk', 'kthvalue', 'median', 'mode', 'unique'];
export const indexNames = [
  'indexSelect', 'indexCopy', 'indexAdd', 'indexFill', 'gather', 'scatter', 'scatterAdd', 'take', 'put', 'maskedSelect', 'maskedFill', 'maskedScatter', 'nonzero', 'indexPut',
];
const nonDifferentiable = ['all', 'any', 'argmax', 'argmin', 'argsort', 'nonzero'];
/** Tensor methods that are not ops (sizes, storage, conversion out of the library) or are random samplers, which have no derivatives. */
const notOps = [
  'ndimension', 'nelement', 'stride', 'storage', 'storageOffset', 'resize_', 'set_', 'numpy', 'toTypedArray',
  'resizeAs_', 'apply_', 'map_', 'map2_', // Torch7-era utilities; Variables do not have them in PyTorch either
  'uniform_', 'normal_', 'exponential_', 'geometric_', 'cauchy_', 'logNormal_', 'random_', 'bernoulli_', 'bernoulli', 'multinomial',
];

describe('coverage', () => {
  it('every op of the reduction, sort and indexing families has an entry (and a Variable method, with its _ form)', () => {
    const names = derivativeNames();
    for (const n of [...reduceNames, ...sortNames, ...indexNames]) {
      expect(typeof (torch.Tensor.prototype as any)[n]).toBe('function');
      expect(names.has(n), n).toBe(true);
      expect(typeof (Variable.prototype as any)[n]).toBe('function');
      if (typeof (torch.Tensor.prototype as any)[`${n}_`] === 'function') expect(typeof (Variable.prototype as any)[`${n}_`], `${n}_`).toBe('function');
    }
    for (const n of nonDifferentiable) expect(names.get(n), n).toBe(false);
  });
  it('every Tensor method is an op with an entry, a Variable method, or explicitly not an op', () => {
    const names = derivativeNames();
    const proto = torch.Tensor.prototype as any;
    const missing = Object.getOwnPropertyNames(proto).filter((n) => {
      if (n === 'constructor' || typeof Object.getOwnPropertyDescriptor(proto, n)!.value !== 'function') return false;
      if (names.has(n) || (n.endsWith('_') && names.has(n.slice(0, -1)))) return false;
      return typeof (Variable.prototype as any)[n] !== 'function' && !notOps.includes(n);
    });
    expect(missing).toEqual([]);
  });
});

describe('sum, mean, prod', () => {
  it('sum and mean: all, dims, keepdim, negative dims, non-contiguous, 0-dim', () => {
    for (const op of ['sum', 'mean']) {
      check((a: any) => a[op](), [v([2, 3])]);
      check((a: any) => a[op](1), [v([2, 3])]);
      check((a: any) => a[op]([0, -1], { keepdim: true }), [v([2, 3, 2])]);
      check((a: any) => a[op]({ dim: -2 }), [nc([3, 4])]);
      check((a: any) => a[op](), [v([])]);
    }
    expect(v([2, 3]).sum(1).gradFn!.name).toBe('SumBackward');
  });
  it('the dtype option: the gradient comes back in the input dtype', () => {
    const x = new Variable(torch.rand([2, 3]), { requiresGrad: true });
    const y = x.sum(1, { dtype: torch.float64 });
    expect(y.data.dtype).toBe(torch.float64);
    y.backward(torch.ones(2, f64));
    expect(x.grad!.data.dtype).toBe(torch.float32);
    expect(x.grad!.data.tolist()).toEqual([[1, 1, 1], [1, 1, 1]]);
    check((a: any) => a.mean(0, { dtype: torch.float64 }), [v([2, 3])]);
    check((a: any) => a.cumsum(1, { dtype: torch.float64 }), [v([2, 3])]);
  });
  it('prod: all, dim, keepdim, and zeros in the input as PyTorch (one zero: the product of the others; two: 0)', () => {
    check((a: any) => a.prod(), [v([2, 3], 0.5, 1.5)]);
    check((a: any) => a.prod(1, { keepdim: true }), [nc([3, 4], 0.5, 1.5)]);
    const z = () => leaf([[2, 0, 3, 4], [0, 5, 0, 1], [1, 2, 3, 4]]);
    check((a: any) => a.prod(1), [z()]);
    check((a: any) => a.prod(0), [z()]);
    expect(gradOf(leaf([2, 0, 3, 4]), (a) => a.prod())).toEqual([0, 24, 0, 0]);
    expect(gradOf(leaf([2, 0, 3, 0]), (a) => a.prod())).toEqual([0, 0, 0, 0]);
    expect(gradOf(leaf([[2, 0], [3, 4]]), (a) => a.prod(1))).toEqual([[0, 2], [4, 3]]);
  });
});

describe('softmax, logSoftmax', () => {
  it('gradcheck and gradgradcheck: each dim, negative dims, non-contiguous, 3-D, 0-dim', () => {
    for (const op of ['softmax', 'logSoftmax']) {
      check((a: any) => a[op](1), [v([3, 4], -3, 3)]);
      check((a: any) => a[op](0), [nc([3, 4])]);
      check((a: any) => a[op](-2), [v([2, 3, 4])]);
      check((a: any) => a[op](0), [v([])]);
    }
    expect(v([2, 3]).logSoftmax(1).gradFn!.name).toBe('LogSoftmaxBackward');
  });
  it('the gradient of logSoftmax is g - softmax Σ g; softmax rows sum to 1, so Σ g y cancels a constant g', () => {
    const x = leaf([[1, 2, 3], [-1, 0, 5]]);
    const p = x.data.softmax(1).tolist() as number[][];
    const g = gradOf(x, (a) => a.logSoftmax(1)) as number[][];
    g.forEach((row, i) => row.forEach((gi, j) => expect(gi).toBeCloseTo(1 - 3 * p[i]![j]!, 12)));
    (gradOf(x, (a) => a.softmax(1)) as number[][]).flat().forEach((gi) => expect(Math.abs(gi)).toBeLessThan(1e-15));
  });
  it('the dtype option: computed in float64, the gradient comes back in float32', () => {
    const x = new Variable(torch.randn([2, 3]), { requiresGrad: true });
    const y = x.logSoftmax(1, { dtype: torch.float64 });
    expect(y.data.dtype).toBe(torch.float64);
    y.backward(torch.ones(2, 3, f64));
    expect(x.grad!.data.dtype).toBe(torch.float32);
    const ref = torch.ones(2, 3).sub(x.data.double().softmax(1).mul(3)).float();
    expect(x.grad!.data.sub(ref).abs().max().item()).toBeLessThan(1e-6);
  });
});

describe('var, std, norm, dist, renorm, logsumexp', () => {
  it('var and std: unbiased or not, dims, keepdim, the boolean form', () => {
    for (const op of ['var', 'std']) {
      check((a: any) => a[op](), [v([2, 3])]);
      check((a: any) => a[op](false), [v([2, 3])]);
      check((a: any) => a[op](1, { unbiased: false, keepdim: true }), [v([2, 3])]);
      check((a: any) => a[op]([0, 2]), [v([2, 3, 2])]);
      check((a: any) => a[op](0), [nc([3, 2])]);
    }
    // A constant row has std 0: PyTorch gives a zero gradient there.
    expect(gradOf(leaf([1, 1]), (a) => a.std())).toEqual([0, 0]);
  });
  it('norm: p = 0, 1, 1.5, 2, 3, 0.5, ±inf, fro; dims, keepdim', () => {
    for (const p of [0, 1, 1.5, 2, 3, 0.5, Infinity, -Infinity, 'fro'] as const) {
      check((a: any) => a.norm(p), [v([2, 3], 0.2, 1)]);
      check((a: any) => a.norm(p, 1, { keepdim: true }), [nc([3, 4], 0.2, 1)]);
    }
    check((a: any) => a.norm({ p: 3, dim: [0, 2] }), [v([2, 3, 2], -1, 1)]);
    // inf: the gradient is shared among the largest |x|, as PyTorch 1.13.
    expect(gradOf(leaf([1, -3, 3, 2]), (a) => a.norm(Infinity))).toEqual([0, -0.5, 0.5, 0]);
  });
  it('dist with broadcasting, renorm (and renorm_), logsumexp', () => {
    check((a: any, b: any) => a.dist(b), [v([2, 3]), v([3])]);
    check((a: any, b: any) => a.dist(b, 3), [v([2, 1]), v([2, 3])]);
    check((a: any, b: any) => a.dist(b, Infinity), [v([4]), v([4])]);
    check((a: any) => a.renorm(2, 0, 0.8), [v([3, 4])]);
    check((a: any) => a.renorm(1, 1, 0.7), [nc([3, 4])]);
    check((a: any) => a.mul(1).renorm_(3, 0, 0.5), [v([3, 2])]);
    check((a: any) => a.logsumexp(1), [v([2, 3])]);
    check((a: any) => a.logsumexp([0, 1], { keepdim: true }), [nc([3, 2])]);
  });
});

describe('cumsum, cumprod', () => {
  it('along each dim, in place, and cumprod with zeros', () => {
    check((a: any) => a.cumsum(0), [v([3, 2])]);
    check((a: any) => a.cumsum(-1), [nc([3, 4])]);
    check((a: any) => a.mul(1).cumsum_(1), [v([2, 3])]);
    check((a: any) => a.cumprod(1), [v([2, 4], 0.5, 1.5)]);
    check((a: any) => a.cumprod(0), [leaf([[2, 0, 3], [0, 5, 0], [1, 0, 3], [4, 1, 2]])]);
    check((a: any) => a.mul(1).cumprod_(0), [v([3, 2])]);
    expect(gradOf(leaf([2, 0, 3, 4]), (a) => a.cumprod(0))).toEqual([1, 32, 0, 0]);
  });
});

describe('max, min, median, mode, kthvalue, sort, topk', () => {
  it('all elements: the gradient split evenly among ties (PyTorch 1.13)', () => {
    expect(gradOf(leaf([1, 3, 3, 2]), (a) => a.max())).toEqual([0, 0.5, 0.5, 0]);
    expect(gradOf(leaf([1, 0, 1, 0]), (a) => a.min())).toEqual([0, 0.5, 0, 0.5]);
    expect(gradOf(leaf([1, 2, 2, 3]), (a) => a.median())).toEqual([0, 0.5, 0.5, 0]);
    check((a: any) => a.max(), [v([2, 3])]);
    check((a: any) => a.min(), [nc([3, 2])]);
    check((a: any) => a.median(), [v([5])]);
    expect(v([3]).max().gradFn!.name).toBe('MaxBackward');
  });
  it('along a dim: values differentiable (to the first of tied maxima), indices not', () => {
    const x = v([3, 4]);
    const { values, indices } = x.max(1);
    expect(values.requiresGrad).toBe(true);
    expect(indices.requiresGrad).toBe(false);
    expect(indices.data.dtype).toBe(torch.int64);
    const [vals] = x.min({ dim: 0, keepdim: true });
    expect(vals!.data.shape).toEqual([1, 4]);
    expect(gradOf(leaf([[1, 3, 3], [2, 2, 0]]), (a) => a.max(1).values)).toEqual([[0, 1, 0], [1, 0, 0]]);
    check((a: any) => a.max(1).values, [v([3, 4])]);
    check((a: any) => a.min(0, { keepdim: true }).values, [nc([3, 4])]);
    check((a: any) => a.median(1).values, [v([3, 5])]);
    check((a: any) => a.median({ dim: 0, keepdim: true }).values, [v([3, 2])]);
    check((a: any) => a.kthvalue(2, 1).values, [v([3, 4])]);
    check((a: any) => a.kthvalue(1, 0, { keepdim: true }).values, [nc([3, 2])]);
    check((a: any) => a.mode(1).values, [v([2, 3])]);
  });
  it('the elementwise two-tensor form still works', () => {
    check((a: any, b: any) => a.max(b), [v([2, 3]), v([3])]);
    // a Tensor argument is a constant (a Variable that requires grad there would get no gradient, which gradcheck flags)
    check((a: any, b: any) => a.min(b), [v([2, 3]), v([2, 3]).data], false);
  });
  it('sort and topk: values scattered back through the indices', () => {
    check((a: any) => a.sort().values, [v([3, 4])]);
    check((a: any) => a.sort(0, { descending: true }).values, [nc([3, 4])]);
    check((a: any) => a.topk(2).values, [v([3, 4])]);
    check((a: any) => a.topk(2, 0, { largest: false }).values, [v([3, 4])]);
    const [s, i] = v([4]).sort();
    expect(s!.requiresGrad && !i!.requiresGrad).toBe(true);
    expect(gradOf(leaf([3, 1, 2]), (a) => a.sort().values.mul(torch.tensor([1, 2, 3], f64)))).toEqual([3, 1, 2]);
  });
  it('non-differentiable: all, any, argmax, argmin, argsort; unique raises at backward as PyTorch', () => {
    const x = v([2, 3]);
    for (const r of [x.all(), x.any(1), x.argmax(), x.argmin(0), x.argsort()] as unknown as Variable[]) expect(r.requiresGrad).toBe(false);
    const u = x.unique() as unknown as Variable;
    expect(u.requiresGrad).toBe(true);
    expect(() => u.sum().backward()).toThrow(/unique is not implemented/);
  });
});
