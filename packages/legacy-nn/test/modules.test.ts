import { describe, expect, it } from 'vitest';
import * as core from '@torch/core';
import { nn, load, serialize } from '../src/index';

const f64 = { dtype: core.float64 };
const randn = (...shape: number[]) => core.randn(shape, f64);

describe('legacy nn: Jacobians of the elementwise modules (float64, finite differences)', () => {
  const cases: [string, () => nn.Module, (x: core.Tensor) => core.Tensor][] = [
    ['Tanh', () => new nn.Tanh(), (x) => x],
    ['Sigmoid', () => new nn.Sigmoid(), (x) => x],
    ['ReLU', () => new nn.ReLU(), (x) => x],
    ['ReLU6', () => new nn.ReLU6(), (x) => x.mul(4)],
    ['Threshold', () => new nn.Threshold(0.3, -2), (x) => x],
    ['HardTanh', () => new nn.HardTanh(-0.5, 0.7), (x) => x],
    ['Clamp', () => new nn.Clamp(-0.2, 0.4), (x) => x],
    ['ELU', () => new nn.ELU(0.7), (x) => x],
    ['LeakyReLU', () => new nn.LeakyReLU(0.2), (x) => x],
    ['HardShrink', () => new nn.HardShrink(0.3), (x) => x],
    ['SoftShrink', () => new nn.SoftShrink(0.3), (x) => x],
    ['SoftPlus', () => new nn.SoftPlus(2, 3), (x) => x.mul(2)],
    ['SoftSign', () => new nn.SoftSign(), (x) => x],
    ['LogSigmoid', () => new nn.LogSigmoid(), (x) => x.mul(5)],
    ['TanhShrink', () => new nn.TanhShrink(), (x) => x],
    ['Abs', () => new nn.Abs(), (x) => x],
    ['Exp', () => new nn.Exp(), (x) => x],
    ['Log', () => new nn.Log(), (x) => x.abs().add(0.5)],
    ['Sqrt', () => new nn.Sqrt(), (x) => x.abs().add(0.5)],
    ['Square', () => new nn.Square(), (x) => x],
    ['Power', () => new nn.Power(3), (x) => x],
    ['AddConstant', () => new nn.AddConstant(3), (x) => x],
    ['MulConstant', () => new nn.MulConstant(-1.5), (x) => x],
    ['SoftMax', () => new nn.SoftMax(), (x) => x],
    ['LogSoftMax', () => new nn.LogSoftMax(), (x) => x],
    ['SoftMin', () => new nn.SoftMin(), (x) => x],
    ['Identity', () => new nn.Identity(), (x) => x],
  ];
  for (const [name, make, prep] of cases)
    it(name, () => {
      // keep inputs away from the kinks (|x| near a threshold) where finite differences disagree
      let x = prep(randn(3, 5));
      x = x.add(x.sign().mul(0.05)).contiguous();
      expect(nn.testJacobian(make(), x)).toBeLessThan(1e-5);
    });
});

describe('legacy nn: Linear and Sequential', () => {
  it('Linear: forward is x·Wᵀ + b; Jacobians of input, weight and bias; 1-D and batched input', () => {
    const lin = new nn.Linear(4, 3).double();
    const x = randn(5, 4);
    const y = lin.forward(x) as core.Tensor;
    const ref = core.addmm(lin.bias!.view(1, 3).expand(5, 3), x, lin.weight!.t());
    expect(y.sub(ref).abs().max().item()).toBeLessThan(1e-12);
    expect(nn.testJacobian(lin, x)).toBeLessThan(1e-6);
    expect(nn.testJacobianParameters(lin, x, lin.weight!, lin.gradWeight!)).toBeLessThan(1e-6);
    expect(nn.testJacobianParameters(lin, x, lin.bias!, lin.gradBias!)).toBeLessThan(1e-6);
    const x1 = randn(4);
    expect(nn.testJacobian(lin, x1)).toBeLessThan(1e-6);
    expect(nn.testJacobianParameters(lin, x1, lin.weight!, lin.gradWeight!)).toBeLessThan(1e-6);
    expect(() => lin.forward(randn(5, 3))).toThrow(/nn.Linear: expected input of size \[4\] or \[n, 4\], got \[5, 3\]/);
  });

  it('accGradParameters scales and accumulates', () => {
    const lin = new nn.Linear(3, 2).double();
    const x = randn(4, 3);
    const g = randn(4, 2);
    lin.zeroGradParameters();
    lin.forward(x);
    lin.backward(x, g, 1);
    const once = lin.gradWeight!.clone();
    lin.backward(x, g, 0.5);
    expect(lin.gradWeight!.sub(once.mul(1.5)).abs().max().item()).toBeLessThan(1e-12);
  });

  it('Sequential chains forward and backward, reuses its buffers, and prints like Torch7', () => {
    const net = new nn.Sequential().add(new nn.Linear(4, 6)).add(new nn.Tanh()).add(new nn.Linear(6, 2)).double();
    const x = randn(3, 4);
    expect(nn.testJacobian(net, x)).toBeLessThan(1e-6);
    const first = net.get(0) as nn.Linear;
    expect(nn.testJacobianParameters(net, x, first.weight!, first.gradWeight!)).toBeLessThan(1e-6);
    const out1 = net.forward(x);
    const gin1 = net.backward(x, randn(3, 2));
    expect(net.forward(randn(3, 4))).toBe(out1); // same tensor object: no allocation once sizes settle
    expect(net.backward(x, randn(3, 2))).toBe(gin1);
    expect(String(net)).toBe('nn.Sequential {\n  [input -> (0) -> (1) -> (2) -> output]\n  (0): nn.Linear(4 -> 6)\n  (1): nn.Tanh\n  (2): nn.Linear(6 -> 2)\n}');
    expect(net.findModules('nn.Linear')).toHaveLength(2);
    expect(net.listModules()).toHaveLength(4);
    expect(() => net.get(3)).toThrow(/index 3 out of range for 3 modules/);
  });

  it('updateParameters descends; training/evaluate reach every child', () => {
    const net = new nn.Sequential().add(new nn.Linear(2, 2)).add(new nn.ReLU());
    const w = (net.get(0) as nn.Linear).weight!;
    const before = w.clone();
    net.zeroGradParameters();
    const x = core.randn(3, 2);
    net.forward(x);
    net.backward(x, core.ones(3, 2));
    net.updateParameters(0.1);
    const g = (net.get(0) as nn.Linear).gradWeight!;
    expect(w.sub(before.sub(g.mul(0.1))).abs().max().item()).toBeLessThan(1e-6);
    net.evaluate();
    expect(net.get(1).train).toBe(false);
  });

  it('in-place ReLU writes into its input', () => {
    const x = core.tensor([-1, 2, -3], { dtype: core.float32 });
    const y = new nn.ReLU(true).forward(x);
    expect(y).toBe(x);
    expect(x.tolist()).toEqual([0, 2, 0]);
  });

  it('rejects integer input with the fix in the message', () => {
    expect(() => new nn.Tanh().forward(core.tensor([1, 2]))).toThrow(/expected a floating point input, got int64; convert it with .float\(\)/);
  });
});

describe('legacy nn: getParameters, share, clone, type', () => {
  it('getParameters gives one flat storage that the weights view, sharing kept', () => {
    const a = new nn.Linear(3, 2);
    const b = new nn.Linear(3, 2);
    b.share(a, 'weight'); // tied weights
    const net = new nn.Sequential().add(a).add(new nn.Tanh()).add(b);
    const values = [a.weight!.clone(), a.bias!.clone(), b.bias!.clone()];
    const [x, dx] = net.getParameters();
    expect(x.numel()).toBe(6 + 2 + 2); // the tied weight once
    expect(a.weight!.storage()).toBe(x.storage());
    expect(b.weight!.storage()).toBe(x.storage());
    expect(b.bias!.storage()).toBe(x.storage());
    expect(a.gradWeight!.storage()).toBe(dx.storage());
    expect(a.weight!.tolist()).toEqual(values[0]!.tolist());
    expect(a.bias!.tolist()).toEqual(values[1]!.tolist());
    expect(b.bias!.tolist()).toEqual(values[2]!.tolist());
    x.fill_(0.5);
    expect(b.weight!.get(0, 0).item()).toBe(0.5);
  });

  it('clone copies; clone with names shares those', () => {
    const lin = new nn.Linear(2, 2);
    const copy = lin.clone();
    copy.weight!.fill_(9);
    expect(lin.weight!.get(0, 0).item()).not.toBe(9);
    const tied = lin.clone('weight');
    tied.weight!.fill_(3);
    expect(lin.weight!.get(0, 0).item()).toBe(3);
    expect(tied).toBeInstanceOf(nn.Linear);
  });

  it('type converts every tensor, keeping shared storages shared', () => {
    const lin = new nn.Linear(2, 3).double();
    expect(lin.weight!.dtype).toBe(core.float64);
    expect(lin.gradBias!.dtype).toBe(core.float64);
    expect((lin.forward(randn(2)) as core.Tensor).dtype).toBe(core.float64);
    expect(() => lin.type('torch.IntTensor')).toThrow(/expected 'torch.FloatTensor' or 'torch.DoubleTensor'/);
  });
});

describe('legacy nn: criteria', () => {
  const fdCheck = (crit: nn.Criterion, x: core.Tensor, t: core.Tensor | number): number => {
    const g = (crit.backward(x, t) as core.Tensor).clone();
    const flat = x.view(-1);
    let worst = 0;
    for (let i = 0; i < x.numel(); i++) {
      const v = flat.get(i).item();
      flat.set(i, v + 1e-6);
      const up = crit.forward(x, t);
      flat.set(i, v - 1e-6);
      const down = crit.forward(x, t);
      flat.set(i, v);
      worst = Math.max(worst, Math.abs((up - down) / 2e-6 - g.view(-1).get(i).item()));
    }
    return worst;
  };

  it('MSE, Abs and SmoothL1: values and gradients', () => {
    const x = randn(3, 4);
    const t = randn(3, 4);
    expect(new nn.MSECriterion().forward(x, t)).toBeCloseTo(x.sub(t).pow(2).mean().item(), 12);
    expect(new nn.MSECriterion(false).forward(x, t)).toBeCloseTo(x.sub(t).pow(2).sum().item(), 12);
    expect(new nn.AbsCriterion().forward(x, t)).toBeCloseTo(x.sub(t).abs().mean().item(), 12);
    for (const crit of [new nn.MSECriterion(), new nn.AbsCriterion(), new nn.SmoothL1Criterion(), new nn.SmoothL1Criterion(false)])
      expect(fdCheck(crit, x, t)).toBeLessThan(1e-5);
    expect(() => new nn.MSECriterion().forward(x, randn(5))).toThrow(/differ in element count/);
  });

  it('ClassNLL and CrossEntropy: 0-based targets, weights, ignoreIndex, gradients', () => {
    const x = randn(4, 5);
    const t = core.tensor([0, 4, 2, 2]);
    const lsm = x.logSoftmax(1);
    const ref = -[0, 1, 2, 3].reduce((acc, i) => acc + lsm.get(i, t.get(i).item()).item(), 0) / 4;
    expect(new nn.CrossEntropyCriterion().forward(x, t)).toBeCloseTo(ref, 12);
    expect(new nn.ClassNLLCriterion().forward(lsm, t)).toBeCloseTo(ref, 12);
    const w = core.tensor([1, 2, 3, 4, 5], f64);
    const weighted = -[0, 1, 2, 3].reduce((acc, i) => acc + w.get(t.get(i).item()).item() * lsm.get(i, t.get(i).item()).item(), 0) / (1 + 5 + 3 + 3);
    expect(new nn.ClassNLLCriterion(w).forward(lsm, t)).toBeCloseTo(weighted, 12);
    const ignoring = new nn.ClassNLLCriterion(null, true, 2);
    expect(ignoring.forward(lsm, t)).toBeCloseTo(-(lsm.get(0, 0).item() + lsm.get(1, 4).item()) / 2, 12);
    for (const crit of [new nn.CrossEntropyCriterion(), new nn.ClassNLLCriterion(w), ignoring, new nn.CrossEntropyCriterion(w, false)])
      expect(fdCheck(crit, x.clone(), t)).toBeLessThan(1e-5);
    expect(new nn.ClassNLLCriterion().forward(lsm.get(1), 4)).toBeCloseTo(-lsm.get(1, 4).item(), 12);
    expect(() => new nn.ClassNLLCriterion().forward(lsm, core.tensor([0, 5, 1, 1]))).toThrow(/target 5 is out of range for 5 classes/);
  });

  it('BCE: value and gradient', () => {
    const x = randn(6).sigmoid();
    const t = core.tensor([1, 0, 1, 1, 0, 0], f64);
    const ref = -t.mul(x.log()).add(t.neg().add(1).mul(x.neg().add(1).log())).mean().item();
    expect(new nn.BCECriterion().forward(x, t)).toBeCloseTo(ref, 9);
    expect(fdCheck(new nn.BCECriterion(), x, t)).toBeLessThan(1e-5);
  });
});

describe('legacy nn: .t7 round trip of modules', () => {
  it('a saved Sequential loads as working legacy modules with the same outputs', () => {
    const net = new nn.Sequential().add(new nn.Linear(4, 3)).add(new nn.HardTanh(-0.5, 0.5)).add(new nn.Linear(3, 2)).add(new nn.LogSoftMax());
    const x = core.randn(2, 4);
    const y = (net.forward(x) as core.Tensor).clone();
    const back = load(serialize(net)) as nn.Sequential;
    expect(back).toBeInstanceOf(nn.Sequential);
    expect(back.get(1)).toBeInstanceOf(nn.HardTanh);
    expect((back.get(1) as nn.HardTanh).maxVal).toBe(0.5);
    expect((back.forward(x) as core.Tensor).tolist()).toEqual(y.tolist());
    expect(String(back)).toBe(String(net));
  });

  it('writes Torch7 field names (min_val, constant_scalar)', () => {
    const bytes = serialize(new nn.HardTanh(-2, 3)).toString('latin1');
    expect(bytes).toContain('min_val');
    expect(bytes).toContain('max_val');
    expect(serialize(new nn.AddConstant(2)).toString('latin1')).toContain('constant_scalar');
  });
});
