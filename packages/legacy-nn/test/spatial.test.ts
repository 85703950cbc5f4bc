import { describe, expect, it } from 'vitest';
import * as core from '@torch/core';
import { nn, load, serialize } from '../src/index';
import { jacobians, randn } from './helpers';

describe('legacy nn: convolutions on the shared kernels', () => {
  it('SpatialConvolution matches torch.conv2d (Torch7 argument order: kW, kH, dW, dH, padW, padH)', () => {
    const m = new nn.SpatialConvolution(3, 4, 3, 2, 2, 1, 1, 0);
    const x = core.randn(2, 3, 7, 6);
    const ref = core.conv2d(x, m.weight!, m.bias!, { stride: [1, 2], padding: [0, 1] });
    expect((m.forward(x) as core.Tensor).sub(ref).abs().max().item()).toBeLessThan(1e-5);
    expect((m.forward(x.get(0)) as core.Tensor).size()).toEqual(ref.size().slice(1));
  });

  for (const [name, make, shape] of [
    ['SpatialConvolution', () => new nn.SpatialConvolution(2, 3, 3, 3, 1, 1, 1, 1), [2, 2, 4, 4]],
    ['SpatialConvolution strided, one sample', () => new nn.SpatialConvolution(2, 2, 2, 3, 2, 1, 0, 1), [2, 5, 5]],
    ['SpatialConvolutionMM', () => new nn.SpatialConvolutionMM(2, 3, 3, 3, 1, 1, 1, 1), [1, 2, 4, 4]],
    ['SpatialDilatedConvolution', () => new nn.SpatialDilatedConvolution(2, 2, 3, 3, 1, 1, 2, 2, 2, 2), [1, 2, 5, 5]],
    ['SpatialFullConvolution', () => new nn.SpatialFullConvolution(2, 3, 3, 3, 2, 2, 1, 1, 1, 1), [1, 2, 3, 3]],
    ['VolumetricConvolution', () => new nn.VolumetricConvolution(2, 2, 2, 2, 2), [1, 2, 3, 3, 3]],
    ['VolumetricFullConvolution', () => new nn.VolumetricFullConvolution(2, 1, 2, 2, 2, 2, 2, 2), [1, 2, 2, 2, 2]],
    ['TemporalConvolution', () => new nn.TemporalConvolution(3, 2, 2, 1), [5, 3]],
    ['TemporalConvolution batch', () => new nn.TemporalConvolution(3, 2, 3, 2), [2, 7, 3]],
  ] as [string, () => nn.Module, number[]][])
    it(`${name}: Jacobians of input, weight and bias`, () => expect(jacobians(make(), randn(...shape))).toBeLessThan(1e-6));

  it('TemporalConvolution keeps Torch7\'s [out, kW·in] weight layout', () => {
    const m = new nn.TemporalConvolution(3, 2, 2);
    expect(m.weight!.size()).toEqual([2, 6]);
    const x = core.randn(4, 3);
    const y = m.forward(x) as core.Tensor;
    const frame = core.cat([x.get(1), x.get(2)], 0); // frames 1 and 2 form output frame 1
    expect(y.get(1).sub(m.weight!.mv(frame).add(m.bias!)).abs().max().item()).toBeLessThan(1e-5);
  });
});

describe('legacy nn: pooling, batch norm and the spatial helpers', () => {
  for (const [name, make, shape] of [
    ['SpatialMaxPooling', () => new nn.SpatialMaxPooling(2, 2, 2, 2), [1, 2, 4, 6]],
    ['SpatialMaxPooling ceil', () => new nn.SpatialMaxPooling(3, 2, 2, 2).ceil(), [2, 5, 6]],
    ['SpatialAveragePooling padded', () => new nn.SpatialAveragePooling(3, 3, 2, 2, 1, 1), [1, 2, 5, 5]],
    ['VolumetricMaxPooling', () => new nn.VolumetricMaxPooling(2, 2, 2), [1, 1, 4, 4, 4]],
    ['VolumetricAveragePooling', () => new nn.VolumetricAveragePooling(2, 2, 2, 2, 2, 2), [1, 2, 4, 4, 4]],
    ['TemporalMaxPooling', () => new nn.TemporalMaxPooling(2), [6, 3]],
    ['SpatialAdaptiveMaxPooling', () => new nn.SpatialAdaptiveMaxPooling(2, 3), [1, 2, 5, 7]],
    ['SpatialAdaptiveAveragePooling', () => new nn.SpatialAdaptiveAveragePooling(3, 2), [2, 5, 7]],
    ['BatchNormalization', () => new nn.BatchNormalization(3), [5, 3]],
    ['SpatialBatchNormalization', () => new nn.SpatialBatchNormalization(2), [3, 2, 3, 3]],
    ['SpatialBatchNormalization eval', () => new nn.SpatialBatchNormalization(2).evaluate(), [3, 2, 3, 3]],
    ['VolumetricBatchNormalization', () => new nn.VolumetricBatchNormalization(2), [2, 2, 2, 2, 2]],
    ['SpatialZeroPadding', () => new nn.SpatialZeroPadding(1, 2, 0, 1), [1, 2, 3, 3]],
    ['SpatialZeroPadding crop', () => new nn.SpatialZeroPadding(-1, 1, 1, -1), [2, 4, 4]],
    ['SpatialReflectionPadding', () => new nn.SpatialReflectionPadding(2, 1, 1, 2), [1, 2, 4, 4]],
    ['SpatialReplicationPadding', () => new nn.SpatialReplicationPadding(1, 2, 2, 1), [1, 2, 3, 3]],
    ['SpatialUpSamplingNearest', () => new nn.SpatialUpSamplingNearest(2), [1, 2, 2, 3]],
    ['SpatialSoftMax', () => new nn.SpatialSoftMax(), [2, 3, 2, 2]],
    ['SpatialCrossMapLRN', () => new nn.SpatialCrossMapLRN(3, 0.5, 0.75, 2), [2, 5, 2, 2]],
    ['RReLU eval', () => new nn.RReLU().evaluate(), [3, 4]],
  ] as [string, () => nn.Module, number[]][])
    it(name, () => {
      const x = randn(...shape);
      expect(jacobians(make(), x)).toBeLessThan(1e-5);
    });

  it('SpatialMaxPooling agrees with torch.maxPool2d; unpooling puts values back', () => {
    const x = core.randn(1, 2, 4, 4);
    const pool = new nn.SpatialMaxPooling(2, 2);
    const y = pool.forward(x) as core.Tensor;
    expect(y.sub(core.maxPool2d(x, 2)).abs().max().item()).toBe(0);
    const un = new nn.SpatialMaxUnpooling(pool);
    const back = un.forward(y) as core.Tensor;
    expect(back.size()).toEqual([1, 2, 4, 4]);
    expect(back.sum().item()).toBeCloseTo(y.sum().item(), 4);
  });

  it('BatchNormalization: training normalises and updates running stats; evaluation uses them', () => {
    const bn = new nn.BatchNormalization(3, 1e-5, 0.1, false);
    const x = core.randn(64, 3).mul(3).add(2);
    const y = bn.forward(x) as core.Tensor;
    expect(y.mean(0).abs().max().item()).toBeLessThan(1e-5);
    expect(bn.runningMean.sub(x.mean(0).mul(0.1)).abs().max().item()).toBeLessThan(1e-5);
    bn.evaluate();
    const e = bn.forward(x) as core.Tensor;
    const ref = x.sub(bn.runningMean).div(bn.runningVar.add(1e-5).sqrt());
    expect(e.sub(ref).abs().max().item()).toBeLessThan(1e-4);
    expect(() => bn.forward(core.randn(4, 5))).toThrow(/expected a 2-D input with 3 features in dim 1, got \[4, 5\]/);
  });
});

describe('legacy nn: Bilinear, MixtureTable, DepthConcat', () => {
  it('Bilinear: value and Jacobians (through a table-making container)', () => {
    const b = new nn.Bilinear(3, 2, 4).double();
    const a = randn(5, 3);
    const c = randn(5, 2);
    const y = b.forward([a, c]) as core.Tensor;
    const ref = a.get(1).view(1, 3).mm(b.weight!.get(2)).mm(c.get(1).view(2, 1)).item() + b.bias!.get(2).item();
    expect(y.get(1, 2).item()).toBeCloseTo(ref, 10);
    const net = new nn.Sequential().add(new nn.ConcatTable().add(new nn.Narrow(1, 0, 3)).add(new nn.Narrow(1, 3, 2))).add(b);
    const x = randn(4, 5);
    expect(nn.testJacobian(net, x)).toBeLessThan(1e-6);
    expect(nn.testJacobianParameters(net, x, b.weight!, b.gradWeight!)).toBeLessThan(1e-6);
  });

  it('MixtureTable with a tensor of experts and with a table of them', () => {
    for (const table of [false, true]) {
      const experts = table
        ? new nn.ConcatTable().add(new nn.Linear(4, 3)).add(new nn.Linear(4, 3))
        : new nn.Sequential().add(new nn.Linear(4, 6)).add(new nn.Reshape(2, 3));
      const net = new nn.Sequential().add(new nn.ConcatTable().add(new nn.Sequential().add(new nn.Linear(4, 2)).add(new nn.SoftMax())).add(experts)).add(new nn.MixtureTable());
      expect(nn.testJacobian(net.double(), randn(3, 4)), `table=${table}`).toBeLessThan(1e-6);
    }
  });

  it('DepthConcat centres smaller outputs', () => {
    const dc = new nn.DepthConcat(1).add(new nn.SpatialConvolution(2, 3, 1, 1)).add(new nn.SpatialConvolution(2, 2, 3, 3));
    const x = randn(1, 2, 5, 5);
    expect((dc.double().forward(x) as core.Tensor).size()).toEqual([1, 5, 5, 5]);
    expect(jacobians(dc, x)).toBeLessThan(1e-6);
  });
});

describe('legacy nn: a small CNN', () => {
  it('trains, and round-trips through .t7 with the same outputs', () => {
    const net = new nn.Sequential()
      .add(new nn.SpatialConvolution(1, 4, 3, 3, 1, 1, 1, 1)).add(new nn.ReLU()).add(new nn.SpatialMaxPooling(2, 2))
      .add(new nn.View(4 * 4 * 4)).add(new nn.Linear(64, 3)).add(new nn.LogSoftMax());
    const crit = new nn.ClassNLLCriterion();
    const x = core.randn(8, 1, 8, 8);
    const t = core.tensor([0, 1, 2, 0, 1, 2, 0, 1]);
    const first = crit.forward(net.forward(x), t);
    for (let i = 0; i < 30; i++) {
      net.zeroGradParameters();
      crit.forward(net.forward(x), t);
      net.backward(x, crit.backward(net.output, t));
      net.updateParameters(0.1);
    }
    expect(crit.forward(net.forward(x), t)).toBeLessThan(first * 0.5);
    const back = load(serialize(net)) as nn.Sequential;
    expect((back.forward(x) as core.Tensor).sub(net.forward(x) as core.Tensor).abs().max().item()).toBe(0);
    expect(String(back)).toContain('nn.SpatialConvolution(1 -> 4, 3x3, 1,1, 1,1)');
  });
});
