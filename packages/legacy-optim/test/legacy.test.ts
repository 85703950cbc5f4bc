// The Torch7 functions on their own: line search, cg, Torch7-only options, state tables, errors,
// ConfusionMatrix.
import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { Variable } from '@torch/autograd';
import * as optim from '@torch/optim';
import * as legacy from '../src/index';

const f64 = { dtype: torch.float64 };
const rosen = (xy: Variable) => {
  const x = xy.get(0);
  const y = xy.get(1);
  return x.neg().add(1).pow(2).add(y.sub(x.pow(2)).pow(2).mul(100));
};
const feval: legacy.OpFunc = (x) => {
  const v = new Variable(x, { requiresGrad: true });
  const l = rosen(v);
  l.backward();
  return [l.item(), v.grad!.data];
};
// A quadratic with known minimum, for the Torch7-only options.
const quad: legacy.OpFunc = (x) => [x.pow(2).sum().item() / 2, x.clone()];

describe('polyinterp', () => {
  it('finds the minimum of the cubic through two points, with and without bounds', () => {
    // f(x) = x³ - x: f(0) = 0, f'(0) = -1, f(1) = 0, f'(1) = 2; minimum at 1/√3.
    expect(legacy.polyinterp([[0, 0, -1], [1, 0, 2]])[0]).toBeCloseTo(1 / Math.sqrt(3), 12);
    expect(legacy.polyinterp([[1, 0, 2], [0, 0, -1]])[0]).toBeCloseTo(1 / Math.sqrt(3), 12);
    const [x, f] = legacy.polyinterp([[0, 0, -1], [1, 0, 2]], -0.5, 3);
    expect(x).toBeCloseTo(1 / Math.sqrt(3), 12);
    expect(f).toBeCloseTo(1 / Math.sqrt(3) ** 3 - 1 / Math.sqrt(3), 12);
    // A quadratic (x - 0.3)²: its minimum, or the bound when the minimum is outside.
    expect(legacy.polyinterp([[0, 0.09, -0.6], [1, 0.49, 1.4]], -1, 2)[0]).toBeCloseTo(0.3, 12);
    expect(legacy.polyinterp([[0, 0.09, -0.6], [1, 0.49, 1.4]], 0.5, 2)[0]).toBeCloseTo(0.5, 12);
  });
  it('falls back to the midpoint when the cubic has no minimum, and rejects other point counts', () => {
    // Slopes 1 at both ends and a rise of 2/3: the cubic is monotone, so no minimizer inside.
    expect(legacy.polyinterp([[0, 0, 1], [1, 2 / 3, 1]])[0]).toBeCloseTo(0.5, 12);
    expect(() => legacy.polyinterp([[0, 0, 1]] as any)).toThrow(/polyinterp: points must be two \[x, f, g\] triples/);
  });
});

describe('lbfgs and cg minimize the Rosenbrock function', () => {
  it('lbfgs with lswolfe', () => {
    const x = torch.tensor([-1.5, 2], f64);
    const config = { maxIter: 100, lineSearch: legacy.lswolfe, tolFun: 1e-12, tolX: 1e-14 };
    const [xr, fs, evals] = legacy.lbfgs(feval, x, config);
    expect(xr).toBe(x);
    expect(fs[0]).toBe(12.5);
    expect(fs[fs.length - 1]!).toBeLessThan(1e-12);
    expect(x.sub(1).abs().max().item()).toBeLessThan(1e-6);
    expect(evals).toBeGreaterThan(10);
    expect((config as legacy.Table).nIter).toBeGreaterThan(10);
  });
  it('lbfgs with lswolfe and optim.LBFGS with strongWolfe both converge from the same start', () => {
    const p = new Variable(torch.tensor([-1.2, 1], f64), { requiresGrad: true });
    const opt = new optim.LBFGS([p], { maxIter: 200, lineSearchFn: 'strongWolfe', toleranceGrad: 1e-12, toleranceChange: 1e-14 });
    opt.step(() => {
      opt.zeroGrad();
      const l = rosen(p);
      l.backward();
      return l;
    });
    const x = torch.tensor([-1.2, 1], f64);
    legacy.lbfgs(feval, x, { maxIter: 200, maxEval: 400, lineSearch: legacy.lswolfe, tolFun: 1e-12, tolX: 1e-14 });
    expect(p.data.sub(1).abs().max().item()).toBeLessThan(1e-6);
    expect(x.sub(1).abs().max().item()).toBeLessThan(1e-6);
  });
  it('cg', () => {
    const x = torch.tensor([0, 0], f64);
    const [, fs, evals] = legacy.cg(feval, x, { maxIter: 100 });
    expect(fs[0]).toBe(1);
    for (let i = 1; i < fs.length; i++) expect(fs[i]!).toBeLessThan(fs[i - 1]!);
    expect(evals).toBeLessThanOrEqual(125);
    expect(x.sub(1).abs().max().item()).toBeLessThan(1e-4);
  });
});

describe('Torch7 options and state tables', () => {
  it('state defaults to config and keeps the counters and buffers there', () => {
    const x = torch.tensor([1, 2], f64);
    const config: legacy.Table = { learningRate: 0.1, momentum: 0.5 };
    legacy.sgd(quad, x, config);
    legacy.sgd(quad, x, config);
    expect(config.evalCounter).toBe(2);
    expect(config.dfdx).toBeInstanceOf(torch.Tensor);
    // x1 = 0.9 x0; buf = 0.5 x0 + 0.5 * 0.9 x0 = 0.95 x0 (dampening defaults to momentum); x2 = x1 - 0.1 buf
    expect(x.tolist()).toEqual([0.9 - 0.095, 1.8 - 0.19]);
  });
  it('sgd learningRates and weightDecays are per-element', () => {
    const x = torch.tensor([1, 1], f64);
    legacy.sgd(quad, x, { learningRate: 1, learningRates: torch.tensor([0.1, 0.2], f64), weightDecays: torch.tensor([0, 1], f64) });
    expect(x.tolist()).toEqual([0.9, 1 - 0.2 * 2]);
    expect(() => legacy.sgd(quad, x, { learningRates: torch.tensor([1], f64) })).toThrow(/sgd: config.learningRates has 1 elements but x has 2/);
  });
  it('asgd returns the average; rprop runs niter evaluations', () => {
    const x = torch.tensor([1, -1], f64);
    const [, fs, ax] = legacy.asgd(quad, x, { eta0: 0.1 });
    expect(fs).toHaveLength(1);
    expect(ax.tolist()).toEqual(x.tolist());
    const [, rfs] = legacy.rprop(quad, torch.tensor([1, -1], f64), { niter: 3 });
    expect(rfs).toHaveLength(3);
  });
  it('rejects unknown config keys, bad tables and bad opfunc results', () => {
    const x = torch.tensor([1, 2], f64);
    expect(() => legacy.sgd(quad, x, { learning_rate: 0.1 })).toThrow(/sgd: unknown config key 'learning_rate'; did you mean 'learningRate'\?/);
    expect(() => legacy.adam(quad, x, { lr: 0.1 }, {})).toThrow(/adam: unknown config key 'lr'; valid keys are 'learningRate'/);
    expect(() => legacy.sgd(quad, x, { learningRate: '1' })).toThrow(/sgd: config.learningRate must be a number, got '1'/);
    expect(() => legacy.sgd(quad, [1, 2] as any)).toThrow(/sgd: x must be a Tensor/);
    expect(() => legacy.sgd(42 as any, x)).toThrow(/sgd: opfunc must be a function/);
    expect(() => legacy.sgd(quad, x, 5 as any)).toThrow(/sgd: config must be an object/);
    expect(() => legacy.sgd(() => [1, torch.zeros(3)], x)).toThrow(/sgd: opfunc's df\/dx has size \[3\] \(3 elements\) but x has size \[2\] \(2\)/);
    expect(() => legacy.sgd(() => [1] as any, x)).toThrow(/sgd: opfunc must return \[f\(x\), df\/dx\]/);
    expect(() => legacy.sgd(() => ['a', x.clone()] as any, x)).toThrow(/f\(x\) must be a number or a one-element tensor/);
    expect(() => legacy.sgd(quad, x, { nesterov: true, momentum: 0.9 })).toThrow(/Nesterov momentum requires a momentum and zero dampening/);
    expect(() => legacy.nag(quad, x, { momentum: 0 })).toThrow(/Momentum must be positive/);
    expect(() => legacy.lbfgs(quad, x, { lineSearch: 'wolfe' })).toThrow(/config.lineSearch must be a function/);
    expect(() => legacy.sgd(quad, torch.tensor([1, 2]).long())).toThrow(/sgd: x must be a floating point tensor/);
  });
  it('df/dx may have another shape with the same number of elements', () => {
    const x = torch.tensor([1, 2], f64);
    legacy.sgd((v) => [0, v.clone().view(2, 1)], x, { learningRate: 0.5 });
    expect(x.tolist()).toEqual([0.5, 1]);
  });
  it('f(x) may be a one-element tensor', () => {
    const x = torch.tensor([1, 2], f64);
    const [, fs] = legacy.adagrad((v) => [v.pow(2).sum().div(2), v.clone()], x, { learningRate: 0.1 });
    expect(fs[0]).toBe(2.5);
  });
});

describe('ConfusionMatrix', () => {
  it('counts (target, prediction) pairs from indices and scores, and computes the accuracies', () => {
    const cm = new legacy.ConfusionMatrix(['a', 'b', 'c']);
    cm.add(0, 0);
    cm.add(torch.tensor([0.1, 0.7, 0.2]), 1);
    cm.batchAdd(torch.tensor([[0.9, 0, 0], [0, 0, 1], [0, 1, 0]]), torch.tensor([0, 2, 2]));
    expect(cm.mat.tolist()).toEqual([[2, 0, 0], [0, 1, 0], [0, 1, 1]]);
    cm.updateValids();
    expect(cm.totalValid).toBe(4 / 5);
    expect(cm.valids.tolist()).toEqual([1, 1, 0.5]);
    expect(cm.averageValid).toBeCloseTo(2.5 / 3, 15);
    expect(cm.unionvalids.tolist()).toEqual([1, 0.5, 0.5]);
    expect(String(cm)).toMatch(/global correct: 80\.000%/);
    cm.zero();
    expect(cm.mat.sum().item()).toBe(0);
  });
  it('rejects out-of-range classes and mismatched batches', () => {
    const cm = new legacy.ConfusionMatrix(2);
    expect(cm.classes).toEqual(['0', '1']);
    expect(() => cm.add(2, 0)).toThrow(/prediction class 2 is out of range \[0, 2\)/);
    expect(() => cm.add(torch.zeros(3), 0)).toThrow(/a prediction must be a class index or 2 scores, got 3 elements/);
    expect(() => cm.batchAdd(torch.zeros(3, 2), torch.zeros(2))).toThrow(/must have the same first size/);
    expect(() => new legacy.ConfusionMatrix(0)).toThrow(/nclasses must be a positive integer/);
  });
});
