// SpatialFractionalMaxPooling and SpatialLPPooling: Jacobians in float64, agreement with core's
// fractionalMaxPool2d / torch.nn's LPPool2d arithmetic on the same numbers, Torch7's window
// regeneration rules and its errors.
import { describe, expect, it } from 'vitest';
import * as core from '@torch/core';
import { nn } from '../src/index';

const f64 = { dtype: core.float64 };
const randn = (...shape: number[]) => core.randn(shape, f64);

describe('legacy nn: SpatialFractionalMaxPooling', () => {
  it('pools to outW x outH (width first) with the windows of its samples, as core\'s fractionalMaxPool2d', () => {
    const pool = new nn.SpatialFractionalMaxPooling(2, 3, 5, 4);
    const x = randn(2, 3, 9, 11);
    const y = pool.forward(x) as core.Tensor;
    expect(y.size()).toEqual([2, 3, 4, 5]);
    const [want, idx] = core.fractionalMaxPool2d(x, [3, 2], { outputSize: [4, 5], _randomSamples: pool.randomSamples!, returnIndices: true });
    expect(y.equal(want)).toBe(true);
    expect(pool.indices.equal(idx)).toBe(true);
    const ratio = new nn.SpatialFractionalMaxPooling(2, 2, 0.5, 0.7);
    expect((ratio.forward(randn(3, 10, 10)) as core.Tensor).size()).toEqual([3, 7, 5]);
    expect(String(ratio)).toBe('nn.SpatialFractionalMaxPooling(0.5x0.7, 2,2)');
  });

  it('draws new windows every call unless fixPoolingRegions(), and redraws for another batch size', () => {
    const pool = new nn.SpatialFractionalMaxPooling(2, 2, 4, 4);
    const x = randn(1, 8, 10, 10);
    pool.forward(x);
    const first = pool.randomSamples!.clone();
    pool.forward(x);
    expect(pool.randomSamples!.equal(first)).toBe(false);
    pool.fixPoolingRegions();
    const fixed = pool.randomSamples!.clone();
    pool.forward(x);
    expect(pool.randomSamples!.equal(fixed)).toBe(true);
    pool.forward(randn(2, 8, 10, 10));
    expect(pool.randomSamples!.size()).toEqual([2, 8, 2]);
    pool.clearState();
    expect(pool.randomSamples).toBeNull();
  });

  it('has a correct Jacobian with fixed windows', () => {
    const pool = new nn.SpatialFractionalMaxPooling(2, 3, 4, 3).fixPoolingRegions();
    const x = randn(2, 2, 7, 8);
    pool.forward(x);
    expect(nn.testJacobian(pool, x)).toBeLessThan(1e-6);
  });

  it('rejects bad sizes naming the module', () => {
    expect(() => new nn.SpatialFractionalMaxPooling(1, 2, 4, 4)).toThrow(/nn.SpatialFractionalMaxPooling: poolSizeW must be an integer >= 2, got 1/);
    expect(() => new nn.SpatialFractionalMaxPooling(2, 2, 0.5, 1.5)).toThrow(/ratios must be between 0 and 1/);
    expect(() => new nn.SpatialFractionalMaxPooling(2, 2, 4, 4).forward(randn(8, 8))).toThrow(/nn.SpatialFractionalMaxPooling: input must be 3D or 4D, got size \[8, 8\]/);
    expect(() => new nn.SpatialFractionalMaxPooling(3, 3, 8, 8).forward(randn(1, 8, 8))).toThrow(/kernel \[3, 3\] and output size \[8, 8\] are too large for input \[1, 8, 8\]/);
    expect(() => new nn.SpatialFractionalMaxPooling(2, 2, 0.1, 0.1).forward(randn(1, 5, 5))).toThrow(/reduction ratio or input size too small/);
    expect(() => new nn.SpatialFractionalMaxPooling(2, 2, 2, 2).updateGradInput(randn(1, 5, 5), randn(1, 2, 2))).toThrow(/must call updateOutput\/forward first/);
  });
});

describe('legacy nn: SpatialLPPooling', () => {
  it('is Torch7\'s Sequential (Square/Power, average pooling, ×kW·kH, Sqrt/Power) and agrees with LPPool2d on positive input', () => {
    const lp = new nn.SpatialLPPooling(3, 2, 2, 3);
    expect(lp.modules.map((m) => m.typename)).toEqual(['nn.Square', 'nn.SpatialAveragePooling', 'nn.MulConstant', 'nn.Sqrt']);
    const x = core.rand([2, 3, 6, 7], f64).add(0.1);
    const y = lp.forward(x) as core.Tensor;
    // torch.nn.LPPool2d's arithmetic on the same numbers: (avgPool(x^p) · kW·kH)^(1/p).
    const want = core.avgPool2d(x.pow(2), [3, 2]).mul(6).sqrt();
    expect(y.sub(want).abs().max().item()).toBeLessThan(1e-12);
    const p3 = new nn.SpatialLPPooling(3, 3, 2, 2, 1, 1);
    expect(p3.modules.map((m) => m.typename)).toEqual(['nn.Power', 'nn.SpatialAveragePooling', 'nn.MulConstant', 'nn.Power']);
    expect((p3.forward(x) as core.Tensor).sub(core.avgPool2d(x.pow(3), 2, { stride: 1 }).mul(4).pow(1 / 3)).abs().max().item()).toBeLessThan(1e-12);
  });

  it('has a correct Jacobian and nothing to learn', () => {
    const lp = new nn.SpatialLPPooling(2, 3, 2, 2);
    expect(nn.testJacobian(lp, core.rand([2, 4, 4], f64).add(0.2))).toBeLessThan(1e-6);
    expect(lp.parameters()).toBeNull();
  });

  it('rejects a zero norm', () => {
    expect(() => new nn.SpatialLPPooling(2, 0, 2, 2)).toThrow(/nn.SpatialLPPooling: pnorm must be a finite non-zero number, got 0/);
  });
});
