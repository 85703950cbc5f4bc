import { describe, expect, it } from 'vitest';
import * as core from '@torch/core';
import { nn } from '../src/index';
import type { Activity, Module } from '../src/module';
import type { Criterion } from '../src/criterion';

/**
 * Storages a warmed-up step allocates (core's `storageAllocations` counter): the step runs three times
 * first so that every reused buffer has its size, then once counted.
 */
function allocationsPerStep(step: () => void): { storages: number; bytes: number } {
  for (let i = 0; i < 3; i++) step();
  const before = core.storageAllocations();
  step();
  const after = core.storageAllocations();
  return { storages: after.storages - before.storages, bytes: after.bytes - before.bytes };
}

/** forward + backward of a module with a fixed gradOutput. */
function moduleStep(m: Module, x: Activity): () => void {
  const gy = (() => {
    const y = m.forward(x);
    const like = (t: Activity): Activity => (Array.isArray(t) ? t.map(like) : core.randn(t.size(), { dtype: t.dtype }));
    return like(y);
  })();
  return () => {
    m.zeroGradParameters();
    m.forward(x);
    m.backward(x, gy);
  };
}

function criterionStep(c: Criterion, x: core.Tensor, t: core.Tensor): () => void {
  return () => {
    c.forward(x, t);
    c.backward(x, t);
  };
}

const r = (...s: number[]) => core.randn(s);

describe('legacy nn: a warmed-up step allocates no storage', () => {
  it('the bench network (conv/ReLU/maxpool/view/linear/logsoftmax + ClassNLL), forward and backward', () => {
    core.manualSeed(0);
    const net = new nn.Sequential()
      .add(new nn.SpatialConvolution(1, 4, 3, 3, 1, 1, 1, 1)).add(new nn.ReLU()).add(new nn.SpatialMaxPooling(2, 2))
      .add(new nn.SpatialConvolution(4, 8, 3, 3, 1, 1, 1, 1)).add(new nn.ReLU()).add(new nn.SpatialMaxPooling(2, 2))
      .add(new nn.View(8 * 7 * 7)).add(new nn.Linear(8 * 7 * 7, 16)).add(new nn.ReLU()).add(new nn.Linear(16, 10)).add(new nn.LogSoftMax());
    const crit = new nn.ClassNLLCriterion();
    const x = r(4, 1, 28, 28);
    const target = core.randint(10, [4]);
    const got = allocationsPerStep(() => {
      net.zeroGradParameters();
      crit.forward(net.forward(x), target);
      net.backward(x, crit.backward(net.output, target));
    });
    expect(got).toEqual({ storages: 0, bytes: 0 });
  });

  const modules: [string, () => Module, () => Activity][] = [
    ['Linear (batch)', () => new nn.Linear(5, 3), () => r(4, 5)],
    ['Linear (one sample)', () => new nn.Linear(5, 3), () => r(5)],
    ['Linear without bias', () => new nn.Linear(5, 3, false), () => r(4, 5)],
    ['SpatialConvolution', () => new nn.SpatialConvolution(2, 3, 3, 3, 1, 1, 1, 1), () => r(2, 2, 6, 6)],
    ['SpatialConvolution (one sample)', () => new nn.SpatialConvolution(2, 3, 3, 3), () => r(2, 6, 6)],
    ['ReLU', () => new nn.ReLU(), () => r(4, 5)],
    ['ReLU in place', () => new nn.ReLU(true), () => r(4, 5)],
    ['Tanh', () => new nn.Tanh(), () => r(4, 5)],
    ['Sigmoid', () => new nn.Sigmoid(), () => r(4, 5)],
    ['Threshold', () => new nn.Threshold(0.1, 2), () => r(4, 5)],
    ['SpatialMaxPooling', () => new nn.SpatialMaxPooling(2, 2), () => r(2, 3, 6, 6)],
    ['SpatialAveragePooling', () => new nn.SpatialAveragePooling(2, 2, 2, 2), () => r(2, 3, 6, 6)],
    ['SpatialBatchNormalization (training)', () => new nn.SpatialBatchNormalization(3), () => r(4, 3, 5, 5)],
    ['SpatialBatchNormalization (evaluation)', () => new nn.SpatialBatchNormalization(3).evaluate(), () => r(4, 3, 5, 5)],
    ['BatchNormalization', () => new nn.BatchNormalization(5), () => r(4, 5)],
    ['Dropout', () => new nn.Dropout(0.3), () => r(4, 5)],
    ['LogSoftMax', () => new nn.LogSoftMax(), () => r(4, 5)],
    ['SoftMax', () => new nn.SoftMax(), () => r(4, 5)],
    ['View', () => new nn.View(20), () => r(20)],
    ['View (batch, -1)', () => new nn.View(-1), () => r(3, 4, 5)],
    ['Reshape', () => new nn.Reshape(4, 5), () => r(20)],
    ['Sequential', () => new nn.Sequential().add(new nn.Linear(5, 4)).add(new nn.Tanh()), () => r(3, 5)],
    ['Concat', () => new nn.Concat(1).add(new nn.Linear(5, 4)).add(new nn.Linear(5, 2)), () => r(3, 5)],
    ['ConcatTable', () => new nn.ConcatTable().add(new nn.Linear(5, 4)).add(new nn.Sigmoid()), () => r(3, 5)],
  ];
  for (const [name, make, input] of modules) {
    it(name, () => {
      core.manualSeed(1);
      expect(allocationsPerStep(moduleStep(make(), input()))).toEqual({ storages: 0, bytes: 0 });
    });
  }

  const criteria: [string, () => Criterion, () => [core.Tensor, core.Tensor]][] = [
    ['ClassNLLCriterion', () => new nn.ClassNLLCriterion(), () => [r(4, 5).logSoftmax(1), core.randint(5, [4])]],
    ['ClassNLLCriterion (one sample)', () => new nn.ClassNLLCriterion(), () => [r(5).logSoftmax(0), core.tensor(2)]],
    ['ClassNLLCriterion (weights, no averaging)', () => new nn.ClassNLLCriterion(core.rand(5), false), () => [r(4, 5).logSoftmax(1), core.randint(5, [4])]],
    ['CrossEntropyCriterion', () => new nn.CrossEntropyCriterion(), () => [r(4, 5), core.randint(5, [4])]],
    ['MSECriterion', () => new nn.MSECriterion(), () => [r(4, 5), r(4, 5)]],
    ['MSECriterion (sum)', () => new nn.MSECriterion(false), () => [r(4, 5), r(4, 5)]],
  ];
  for (const [name, make, inputs] of criteria) {
    it(name, () => {
      core.manualSeed(2);
      const [x, t] = inputs();
      expect(allocationsPerStep(criterionStep(make(), x, t))).toEqual({ storages: 0, bytes: 0 });
    });
  }
});
