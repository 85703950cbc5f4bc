// The modules ported last: SpatialConvolutionMap (with nn.tables), SpatialConvolutionLocal, Spatial/Temporal
// SubSampling, the three local normalizations, VolumetricReplicationPadding, WeightedEuclidean and
// ClassSimplexCriterion. Each: Jacobians in float64, a forward against an independent computation
// (torch.conv2d, plain loops), Torch7's printing, and a .t7 round trip.
import { describe, expect, it } from 'vitest';
import * as core from '@torch/core';
import { load, nn, serialize } from '../src/index';
import { jacobians, randn } from './helpers';

const maxDiff = (a: core.Tensor, b: core.Tensor) => a.sub(b).abs().max().item();
/** The module written to a .t7 file and read back. */
const roundTrip = <M>(m: M): M => load(serialize(m)) as M;

describe('nn.tables', () => {
  it('full, oneToOne and random give 0-based (input plane, output plane) rows as Torch7 orders them', () => {
    expect(nn.tables.full(2, 3).tolist()).toEqual([[0, 0], [1, 0], [0, 1], [1, 1], [0, 2], [1, 2]]);
    expect(nn.tables.oneToOne(3).tolist()).toEqual([[0, 0], [1, 1], [2, 2]]);
    core.manualSeed(3);
    const r = nn.tables.random(6, 5, 2).tolist() as number[][];
    expect(r.map((p) => p[1])).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    // Each output plane sees 2 distinct planes; the first 3 outputs deal out one permutation of all 6.
    for (let j = 0; j < 5; j++) expect(r[2 * j]![0]).not.toBe(r[2 * j + 1]![0]);
    expect(r.slice(0, 6).map((p) => p[0]).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(() => nn.tables.random(2, 3, 3)).toThrow(/nn.tables.random: cannot connect 3 of only 2 input planes/);
  });
});

describe('legacy nn: SpatialConvolutionMap', () => {
  it('with a full table is SpatialConvolution; with oneToOne a depthwise torch.conv2d; with a sparse table a conv2d with zeros off the table', () => {
    const full = new nn.SpatialConvolutionMap(nn.tables.full(2, 3), 3, 2, 1, 2);
    const x = core.randn(2, 2, 7, 6);
    const dense = full.weight!.view(3, 2, 2, 3); // table rows ordered by output plane, then input plane
    expect(maxDiff(full.forward(x) as core.Tensor, core.conv2d(x, dense, full.bias!, { stride: [2, 1] }))).toBeLessThan(1e-5);
    const one = new nn.SpatialConvolutionMap(nn.tables.oneToOne(3), 3, 3);
    const y = core.randn(3, 5, 5);
    expect(maxDiff(one.forward(y) as core.Tensor, core.conv2d(y, one.weight!.unsqueeze(1), one.bias!, { groups: 3 }))).toBeLessThan(1e-5);
    const table = core.tensor([[0, 0], [2, 0], [1, 1]]);
    const sparse = new nn.SpatialConvolutionMap(table, 2, 2);
    const w = core.zeros(2, 3, 2, 2);
    w.get(0, 0).copy_(sparse.weight!.get(0));
    w.get(0, 2).copy_(sparse.weight!.get(1));
    w.get(1, 1).copy_(sparse.weight!.get(2));
    expect(maxDiff(sparse.forward(y) as core.Tensor, core.conv2d(y, w, sparse.bias!))).toBeLessThan(1e-5);
    expect([sparse.nInputPlane, sparse.nOutputPlane]).toEqual([3, 2]);
  });
  it('Jacobians of input, weight and bias (batch and one sample)', () => {
    expect(jacobians(new nn.SpatialConvolutionMap(core.tensor([[0, 0], [2, 0], [1, 1], [2, 1]]), 2, 3, 1, 2), randn(2, 3, 5, 4))).toBeLessThan(1e-6);
    expect(jacobians(new nn.SpatialConvolutionMap(nn.tables.oneToOne(2), 2, 2), randn(2, 4, 4))).toBeLessThan(1e-6);
  });
  it('initialises each kernel within ±1/√(kW·kH·fanIn) of its output plane; loads from .t7 with the 1-based table shifted', () => {
    core.manualSeed(0);
    const m = new nn.SpatialConvolutionMap(core.tensor([[0, 0], [1, 0], [2, 0], [0, 1]]), 3, 3);
    expect(m.weight!.narrow(0, 0, 3).abs().max().item()).toBeLessThanOrEqual(1 / Math.sqrt(27));
    expect(m.weight!.get(3).abs().max().item()).toBeGreaterThan(1 / Math.sqrt(27)); // fan-in 1: a wider range
    const fields = m.toT7().fields;
    expect((fields.connTable as core.Tensor).tolist()).toEqual([[1, 1], [2, 1], [3, 1], [1, 2]]);
    const back = roundTrip(m);
    expect(back.connTable.tolist()).toEqual(m.connTable.tolist());
    const x = core.randn(3, 6, 6);
    expect(maxDiff(back.forward(x) as core.Tensor, m.forward(x) as core.Tensor)).toBe(0);
    expect(String(m)).toBe('nn.SpatialConvolutionMap');
  });
});

/** SpatialConvolutionLocal by definition: a loop over output positions, samples and taps. */
function localReference(m: nn.SpatialConvolutionLocal, x: core.Tensor): number[] {
  const [n, c, ih, iw] = x.size() as [number, number, number, number];
  const xs = x.contiguous().view(-1).tolist() as number[];
  const w = m.weight!.contiguous().view(-1).tolist() as number[];
  const b = m.bias!.contiguous().view(-1).tolist() as number[];
  const out: number[] = [];
  for (let s = 0; s < n; s++)
    for (let o = 0; o < m.nOutputPlane; o++)
      for (let i = 0; i < m.oH; i++)
        for (let j = 0; j < m.oW; j++) {
          let acc = b[(o * m.oH + i) * m.oW + j]!;
          for (let p = 0; p < c; p++)
            for (let u = 0; u < m.kH; u++)
              for (let v = 0; v < m.kW; v++) {
                const r = i * m.dH + u - m.padH, q = j * m.dW + v - m.padW;
                if (r < 0 || r >= ih || q < 0 || q >= iw) continue;
                const wi = ((((i * m.oW + j) * m.nOutputPlane + o) * c + p) * m.kH + u) * m.kW + v;
                acc += w[wi]! * xs[((s * c + p) * ih + r) * iw + q]!;
              }
          out.push(acc);
        }
  return out;
}

describe('legacy nn: SpatialConvolutionLocal', () => {
  it('matches the definition (untied weights per position), with strides and padding; prints as Torch7', () => {
    const m = new nn.SpatialConvolutionLocal(2, 3, 6, 5, 3, 2, 2, 1, 1, 1).double();
    expect(m.weight!.size()).toEqual([6, 3, 3, 2, 2, 3]);
    const x = randn(2, 2, 5, 6);
    const y = m.forward(x) as core.Tensor;
    expect(y.size()).toEqual([2, 3, 6, 3]);
    const ref = core.tensor(localReference(m, x), { dtype: core.float64 }).view(y.size());
    expect(maxDiff(y, ref)).toBeLessThan(1e-12);
    expect(String(m)).toBe('nn.SpatialConvolutionLocal(2 -> 3, 6x5, 3x2, 2,1, 1,1)');
    expect(String(new nn.SpatialConvolutionLocal(1, 1, 4, 4, 3, 3))).toBe('nn.SpatialConvolutionLocal(1 -> 1, 4x4, 3x3)');
    expect(() => m.forward(randn(2, 2, 6, 6))).toThrow(/nn.SpatialConvolutionLocal: expected input \[2, 5, 6\] or \[N, 2, 5, 6\]/);
  });
  it('Jacobians of input, weight and bias (overlapping windows, padding, one sample)', () => {
    expect(jacobians(new nn.SpatialConvolutionLocal(2, 2, 4, 4, 2, 2, 1, 1), randn(2, 2, 4, 4))).toBeLessThan(1e-6);
    expect(jacobians(new nn.SpatialConvolutionLocal(1, 2, 5, 4, 3, 3, 2, 1, 1, 1), randn(1, 4, 5))).toBeLessThan(1e-6);
  });
});

describe('legacy nn: SpatialSubSampling and TemporalSubSampling', () => {
  it('SpatialSubSampling is a depthwise convolution whose kernel is the plane weight everywhere', () => {
    const m = new nn.SpatialSubSampling(3, 2, 3, 2, 1);
    const x = core.randn(2, 3, 7, 6);
    const kernel = m.weight!.view(3, 1, 1, 1).expand(3, 1, 3, 2).contiguous();
    expect(maxDiff(m.forward(x) as core.Tensor, core.conv2d(x, kernel, m.bias!, { stride: [1, 2], groups: 3 }))).toBeLessThan(1e-5);
    expect((m.forward(x.get(0)) as core.Tensor).size()).toEqual([3, 5, 3]);
  });
  it('TemporalSubSampling sums kW frames (step dW) per feature, weighted, plus bias', () => {
    const m = new nn.TemporalSubSampling(4, 3, 2);
    const x = core.randn(9, 4);
    const y = m.forward(x) as core.Tensor;
    expect(y.size()).toEqual([4, 4]);
    for (let t = 0; t < 4; t++) expect(maxDiff(y.get(t), x.narrow(0, 2 * t, 3).sum(0).mul(m.weight!).add(m.bias!))).toBeLessThan(1e-5);
    expect((m.forward(core.randn(2, 9, 4)) as core.Tensor).size()).toEqual([2, 4, 4]);
  });
  it('Jacobians of input, weight and bias', () => {
    expect(jacobians(new nn.SpatialSubSampling(2, 2, 2, 2, 2), randn(2, 2, 4, 6))).toBeLessThan(1e-6);
    expect(jacobians(new nn.SpatialSubSampling(2, 3, 2, 1, 1), randn(2, 4, 5))).toBeLessThan(1e-6);
    expect(jacobians(new nn.TemporalSubSampling(3, 2, 1), randn(5, 3))).toBeLessThan(1e-6);
    expect(jacobians(new nn.TemporalSubSampling(2, 3, 2), randn(2, 7, 2))).toBeLessThan(1e-6);
  });
});

/** The local weighted mean over all planes by torch.conv2d on the zero-padded input, divided by that of ones. */
function localMean(x: core.Tensor, kernel: core.Tensor): core.Tensor {
  const [c, kh, kw] = [x.size(1), kernel.size(0), kernel.size(1)];
  const w = kernel.expand(1, c, kh, kw).contiguous();
  const sums = core.conv2d(x, w, null, { padding: [kh >> 1, kw >> 1] });
  const ones = core.conv2d(core.onesLike(x), w, null, { padding: [kh >> 1, kw >> 1] });
  return sums.div(ones);
}

describe('legacy nn: local contrast normalization', () => {
  const kernel = core.tensor([[1, 2, 1], [2, 4, 2], [1, 2, 1]], { dtype: core.float64 });
  it('SpatialSubtractiveNormalization subtracts the border-corrected local mean over all planes (2-D kernel, and a 1-D one = its outer product)', () => {
    const x = randn(2, 3, 6, 5);
    const sub = new nn.SpatialSubtractiveNormalization(3, kernel).double();
    expect(maxDiff(sub.forward(x) as core.Tensor, x.sub(localMean(x, kernel)))).toBeLessThan(1e-12);
    const k1 = core.tensor([1, 2, 1], { dtype: core.float64 });
    const sep = new nn.SpatialSubtractiveNormalization(3, k1).double();
    expect(maxDiff(sep.forward(x) as core.Tensor, x.sub(localMean(x, k1.view(-1, 1).mul(k1.view(1, -1)))))).toBeLessThan(1e-12);
    expect(maxDiff(sep.forward(x.get(1)) as core.Tensor, x.get(1).sub(localMean(x.narrow(0, 1, 1), k1.view(-1, 1).mul(k1.view(1, -1))).get(0)))).toBeLessThan(1e-12);
    expect(kernel.get(1, 1).item()).toBe(4); // the caller's kernel is not normalised in place
  });
  it('SpatialDivisiveNormalization divides by √(local mean of x²), thresholded', () => {
    const x = randn(2, 2, 5, 5);
    const div = new nn.SpatialDivisiveNormalization(2, kernel, 0.5, 0.7).double();
    const stds = localMean(x.mul(x), kernel).sqrt(); // the border correction divides the sum, then √: as Torch7
    const k = kernel.div(kernel.sum().item() * 2).expand(1, 2, 3, 3).contiguous();
    const coef = core.conv2d(core.onesLike(x), k, null, { padding: 1 });
    const torch7Stds = core.conv2d(x.mul(x), k, null, { padding: 1 }).sqrt().div(coef);
    const thresholded = torch7Stds.where(torch7Stds.gt(0.5), 0.7);
    expect(maxDiff(div.forward(x) as core.Tensor, x.div(thresholded))).toBeLessThan(1e-12);
    expect(stds.size()).toEqual(torch7Stds.size());
  });
  it('SpatialContrastiveNormalization is the two in sequence', () => {
    const x = randn(1, 2, 6, 6);
    const con = new nn.SpatialContrastiveNormalization(2, kernel).double();
    const sub = new nn.SpatialSubtractiveNormalization(2, kernel).double();
    const div = new nn.SpatialDivisiveNormalization(2, kernel).double();
    expect(maxDiff(con.forward(x) as core.Tensor, div.forward(sub.forward(x)) as core.Tensor)).toBe(0);
  });
  it('Jacobians (2-D and 1-D kernels, batch and one sample)', () => {
    expect(jacobians(new nn.SpatialSubtractiveNormalization(2, kernel), randn(2, 2, 4, 5))).toBeLessThan(1e-6);
    expect(jacobians(new nn.SpatialSubtractiveNormalization(2, core.ones(3)), randn(2, 4, 4))).toBeLessThan(1e-6);
    expect(jacobians(new nn.SpatialDivisiveNormalization(2, kernel), randn(2, 2, 4, 5))).toBeLessThan(1e-6);
    expect(jacobians(new nn.SpatialDivisiveNormalization(2, core.ones(3)), randn(2, 4, 4))).toBeLessThan(1e-6);
    expect(jacobians(new nn.SpatialContrastiveNormalization(1, core.ones(3, 3)), randn(1, 5, 5))).toBeLessThan(1e-6);
  });
  it('check their kernel; survive a .t7 round trip', () => {
    expect(() => new nn.SpatialSubtractiveNormalization(1, core.ones(2, 3))).toThrow(/nn.SpatialSubtractiveNormalization: the averaging kernel must have odd sizes, got \[2, 3\]/);
    expect(() => new nn.SpatialDivisiveNormalization(1, core.ones(3, 3, 3))).toThrow(/nn.SpatialDivisiveNormalization: the averaging kernel must be a 1-D or 2-D tensor/);
    const x = core.randn(2, 2, 7, 7);
    for (const m of [new nn.SpatialSubtractiveNormalization(2), new nn.SpatialDivisiveNormalization(2, core.ones(5)), new nn.SpatialContrastiveNormalization(2, core.ones(3, 3))]) {
      const y = (m.forward(x) as core.Tensor).clone();
      expect(maxDiff(roundTrip(m).forward(x) as core.Tensor, y)).toBeLessThan(1e-6);
      expect(String(m)).toBe(m.typename);
    }
  });
});

describe('legacy nn: VolumetricReplicationPadding', () => {
  it('repeats the border values along T, H and W (indexing by clamped positions), prints as Torch7', () => {
    const m = new nn.VolumetricReplicationPadding(1, 2, 0, 1, 2, 0);
    const x = core.randn(2, 3, 2, 3, 4);
    const y = m.forward(x) as core.Tensor;
    expect(y.size()).toEqual([2, 3, 4, 4, 7]);
    const clamp = (v: number, n: number) => Math.min(n - 1, Math.max(0, v));
    for (const [t, h, w] of [[0, 0, 0], [3, 3, 6], [1, 2, 3], [2, 0, 5]] as const)
      expect(y.get(1, 2, t, h, w).item()).toBe(x.get(1, 2, clamp(t - 2, 2), clamp(h, 3), clamp(w - 1, 4)).item());
    expect(String(m)).toBe('nn.VolumetricReplicationPadding(left=1, right=2, top=0, bottom=1, front=2, back=0)');
    expect(String(new nn.VolumetricReplicationPadding(2))).toBe('nn.VolumetricReplicationPadding(left=2, right=2, top=2, bottom=2, front=2, back=2)');
    expect(() => m.forward(core.randn(3, 4, 4))).toThrow(/expected a 4-D or 5-D input/);
  });
  it('Jacobian', () => {
    expect(jacobians(new nn.VolumetricReplicationPadding(1, 0, 2, 1, 0, 1), randn(2, 2, 2, 3))).toBeLessThan(1e-6);
  });
});

describe('legacy nn: WeightedEuclidean', () => {
  it('y_j = ‖c_j ⊙ (x − w_j)‖ for each template column j; weight and diagCov are its parameters', () => {
    const m = new nn.WeightedEuclidean(4, 3).double();
    m.diagCov.copy_(randn(4, 3));
    const x = randn(5, 4);
    const y = m.forward(x) as core.Tensor;
    for (let s = 0; s < 5; s++)
      for (let j = 0; j < 3; j++) {
        let acc = 0;
        for (let i = 0; i < 4; i++) acc += (m.diagCov.get(i, j).item() * (x.get(s, i).item() - m.weight!.get(i, j).item())) ** 2;
        expect(y.get(s, j).item()).toBeCloseTo(Math.sqrt(acc), 12);
      }
    expect((m.forward(x.get(0)) as core.Tensor).size()).toEqual([3]);
    expect(m.parameters()[0]).toEqual([m.weight, m.diagCov]);
  });
  it('Jacobians of input, weight and diagCov', () => {
    const m = new nn.WeightedEuclidean(3, 2).double();
    m.diagCov.copy_(randn(3, 2));
    const x = randn(4, 3);
    expect(nn.testJacobian(m, x)).toBeLessThan(1e-5);
    expect(nn.testJacobianParameters(m, x, m.weight!, m.gradWeight!)).toBeLessThan(1e-5);
    expect(nn.testJacobianParameters(m, x, m.diagCov, m.gradDiagCov)).toBeLessThan(1e-5);
    const back = roundTrip(m);
    expect(maxDiff(back.forward(x) as core.Tensor, m.forward(x) as core.Tensor)).toBe(0);
  });
});

describe('legacy nn: ClassSimplexCriterion', () => {
  it('embeds class k as vertex k of a regular simplex (unit vectors, pairwise dot −1/(n−1), last coordinate 0)', () => {
    const c = new nn.ClassSimplexCriterion(5);
    const s = c.simplex.double();
    expect(s.size()).toEqual([5, 5]);
    const gram = s.mm(s.t());
    const expected = core.full([5, 5], -1 / 4, { dtype: core.float64 }).add(core.eye(5, { dtype: core.float64 }).mul(1 + 1 / 4));
    expect(maxDiff(gram, expected)).toBeLessThan(1e-6);
    expect(s.select(1, 4).abs().max().item()).toBe(0);
  });
  it('is the MSE to the target vertices; its gradient is MSE\'s; predictions pick the nearest vertex', () => {
    const c = new nn.ClassSimplexCriterion(4);
    const x = core.randn(3, 4);
    const target = core.tensor([2, 0, 3]);
    const t = c.simplex.indexSelect(0, target);
    expect(c.forward(x, target)).toBeCloseTo(x.sub(t).pow(2).mean().item(), 5);
    expect(maxDiff(c.backward(x, target) as core.Tensor, x.sub(t).mul(2 / 12))).toBeLessThan(1e-6);
    expect(c.forward(c.simplex.get(1), 1)).toBeCloseTo(0, 6);
    expect(c.getTopPrediction(c.simplex).tolist()).toEqual([0, 1, 2, 3]);
    expect(() => c.forward(x, core.tensor([0, 4, 1]))).toThrow(/nn.ClassSimplexCriterion: targets must be in \[0, 4\)/);
    expect(() => new nn.ClassSimplexCriterion(1)).toThrow(/nClasses must be an integer > 1/);
    expect(String(c)).toBe('nn.ClassSimplexCriterion');
  });
});

describe('the ported modules: Torch7 names, printing and .t7 round trips', () => {
  const cases: [string, () => nn.Module, () => core.Tensor, string][] = [
    ['SpatialConvolutionMap', () => new nn.SpatialConvolutionMap(nn.tables.full(2, 2), 3, 3), () => core.randn(2, 5, 5), 'nn.SpatialConvolutionMap'],
    ['SpatialConvolutionLocal', () => new nn.SpatialConvolutionLocal(2, 2, 5, 5, 3, 3), () => core.randn(2, 5, 5), 'nn.SpatialConvolutionLocal(2 -> 2, 5x5, 3x3)'],
    ['SpatialSubSampling', () => new nn.SpatialSubSampling(2, 2, 2, 2, 2), () => core.randn(2, 4, 4), 'nn.SpatialSubSampling'],
    ['TemporalSubSampling', () => new nn.TemporalSubSampling(3, 2), () => core.randn(5, 3), 'nn.TemporalSubSampling'],
    ['SpatialSubtractiveNormalization', () => new nn.SpatialSubtractiveNormalization(2, core.ones(3, 3)), () => core.randn(2, 5, 5), 'nn.SpatialSubtractiveNormalization'],
    ['SpatialDivisiveNormalization', () => new nn.SpatialDivisiveNormalization(2, core.ones(3)), () => core.randn(2, 5, 5), 'nn.SpatialDivisiveNormalization'],
    ['SpatialContrastiveNormalization', () => new nn.SpatialContrastiveNormalization(2), () => core.randn(2, 5, 5), 'nn.SpatialContrastiveNormalization'],
    ['VolumetricReplicationPadding', () => new nn.VolumetricReplicationPadding(1), () => core.randn(1, 2, 2, 2), 'nn.VolumetricReplicationPadding(left=1, right=1, top=1, bottom=1, front=1, back=1)'],
    ['WeightedEuclidean', () => new nn.WeightedEuclidean(3, 2), () => core.randn(4, 3), 'nn.WeightedEuclidean'],
  ];
  for (const [name, make, input, printed] of cases)
    it(name, () => {
      const m = make();
      const x = input();
      expect(m.typename).toBe(`nn.${name}`);
      expect(String(m)).toBe(printed);
      const y = (m.forward(x) as core.Tensor).clone();
      const back = roundTrip(m);
      expect(back.typename).toBe(`nn.${name}`);
      expect(maxDiff(back.forward(x) as core.Tensor, y)).toBeLessThan(1e-6);
    });
  it('ClassSimplexCriterion', () => {
    const c = new nn.ClassSimplexCriterion(3);
    const back = roundTrip(c);
    expect(back.typename).toBe('nn.ClassSimplexCriterion');
    const x = core.randn(2, 3);
    expect(back.forward(x, core.tensor([0, 2]))).toBeCloseTo(c.forward(x, core.tensor([0, 2])), 6);
  });
});
