import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as core from '@torch/core';
import { nn } from '../src/index';

interface Enc { shape: number[]; data: number[]; dtype?: 'int64' }
interface Fixture { inputs: Enc[]; loss: number; grads: Enc[] }
const fixtures = JSON.parse(readFileSync(new URL('./fixtures/criteria.json', import.meta.url), 'utf8')) as Record<string, Fixture>;
const dec = (e: Enc) => core.tensor(e.data, { dtype: e.dtype === 'int64' ? core.int64 : core.float64 }).view(e.shape);
const close = (a: core.Tensor, b: core.Tensor) => a.sub(b.viewAs(a)).abs().max().item();

/** [criterion, how its (input, target) come from the fixture's inputs, how many inputs are differentiated]. */
const cases: [string, () => nn.Criterion, (xs: core.Tensor[]) => [nn.Activity, nn.Activity | number]][] = [
  ['HingeEmbedding', () => new nn.HingeEmbeddingCriterion(1.2), ([x, y]) => [x!, y!]],
  ['CosineEmbedding', () => new nn.CosineEmbeddingCriterion(0.1), ([a, b, y]) => [[a!, b!], y!]],
  ['MarginRanking', () => new nn.MarginRankingCriterion(0.3), ([p, q, y]) => [[p!, q!], y!]],
  ['SoftMargin', () => new nn.SoftMarginCriterion(), ([x, y]) => [x!, y!]],
  ['MultiMargin p1', () => new nn.MultiMarginCriterion(1, null, 1), ([x, t]) => [x!, t!]],
  ['MultiMargin p2 weighted', () => new nn.MultiMarginCriterion(2, core.tensor([1, 2, 3, 4, 5], { dtype: core.float64 }), 0.5), ([x, t]) => [x!, t!]],
  ['MultiLabelMargin', () => new nn.MultiLabelMarginCriterion(), ([x, t]) => [x!, t!]],
  ['MultiLabelSoftMargin', () => new nn.MultiLabelSoftMarginCriterion(), ([x, y]) => [x!, y!]],
  ['MultiLabelSoftMargin weighted', () => new nn.MultiLabelSoftMarginCriterion(core.tensor([1, 2, 3, 4, 5], { dtype: core.float64 })), ([x, y]) => [x!, y!]],
  ['DistKLDiv', () => new nn.DistKLDivCriterion(), ([x, t]) => [x!, t!]],
  ['MSE', () => new nn.MSECriterion(), ([x, t]) => [x!, t!]],
  ['Abs', () => new nn.AbsCriterion(), ([x, t]) => [x!, t!]],
  ['SmoothL1', () => new nn.SmoothL1Criterion(), ([x, t]) => [x!, t!]],
  ['BCE', () => new nn.BCECriterion(), ([x, t]) => [x!, t!]],
  ['ClassNLL weighted', () => new nn.ClassNLLCriterion(core.tensor([1, 2, 3, 4, 5], { dtype: core.float64 })), ([x, t]) => [x!, t!]],
  ['CrossEntropy ignore 2', () => crossEntropyIgnoring(2), ([x, t]) => [x!, t!]],
  ['SpatialClassNLL', () => new nn.SpatialClassNLLCriterion(), ([x, t]) => [x!, t!]],
];

function crossEntropyIgnoring(index: number): nn.CrossEntropyCriterion {
  const ce = new nn.CrossEntropyCriterion();
  ce.nll.ignoreIndex = index;
  return ce;
}

describe('legacy nn criteria against PyTorch 1.13 (loss and input gradient)', () => {
  for (const [name, make, args] of cases)
    it(name, () => {
      const f = fixtures[name]!;
      const [input, target] = args(f.inputs.map(dec));
      const crit = make();
      expect(crit.forward(input, target)).toBeCloseTo(f.loss, 10);
      const g = crit.backward(input, target);
      const grads = Array.isArray(g) ? g : [g];
      f.grads.forEach((e, i) => expect(close(grads[i] as core.Tensor, dec(e)), `grad ${i}`).toBeLessThan(1e-10));
    });
});

describe('legacy nn criteria without a PyTorch twin (finite differences)', () => {
  it('MarginCriterion and L1HingeEmbeddingCriterion', () => {
    const x = core.randn([6], { dtype: core.float64 });
    const y = core.tensor([1, -1, 1, -1, 1, 1], { dtype: core.float64 });
    const m = new nn.MarginCriterion(0.5);
    expect(m.forward(x, y)).toBeCloseTo(x.mul(y).neg().add(0.5).clamp(0, null).mean().item(), 12);
    const g = m.backward(x, y) as core.Tensor;
    for (let i = 0; i < 6; i++) {
      const v = x.get(i).item();
      x.set(i, v + 1e-6);
      const up = m.forward(x, y);
      x.set(i, v - 1e-6);
      const down = m.forward(x, y);
      x.set(i, v);
      expect(Math.abs((up - down) / 2e-6 - g.get(i).item())).toBeLessThan(1e-5);
    }
    const a = core.randn([5], { dtype: core.float64 });
    const b = core.randn([5], { dtype: core.float64 });
    const l1 = new nn.L1HingeEmbeddingCriterion(100);
    expect(l1.forward([a, b], 1)).toBeCloseTo(a.sub(b).abs().sum().item(), 12);
    expect(l1.forward([a, b], -1)).toBeCloseTo(100 - a.sub(b).abs().sum().item(), 12);
    const [ga] = l1.backward([a, b], -1) as core.Tensor[];
    expect(ga!.tolist()).toEqual(a.sub(b).sign().neg().tolist());
  });

  it('MultiCriterion, ParallelCriterion and WeightedMSECriterion combine their parts', () => {
    const x = core.randn([3, 4], { dtype: core.float64 });
    const t = core.randn([3, 4], { dtype: core.float64 });
    const mc = new nn.MultiCriterion().add(new nn.MSECriterion()).add(new nn.AbsCriterion(), 0.5);
    expect(mc.forward(x, t)).toBeCloseTo(new nn.MSECriterion().forward(x, t) + 0.5 * new nn.AbsCriterion().forward(x, t), 12);
    const pc = new nn.ParallelCriterion().add(new nn.MSECriterion()).add(new nn.AbsCriterion(), 2);
    expect(pc.forward([x, t], [t, x])).toBeCloseTo(new nn.MSECriterion().forward(x, t) + 2 * new nn.AbsCriterion().forward(t, x), 12);
    const [, g1] = pc.backward([x, t], [t, x]) as core.Tensor[];
    expect(close(g1!, (new nn.AbsCriterion().backward(t, x) as core.Tensor).mul(2))).toBe(0);
    const w = core.tensor([1, 0.5, 2, 0], { dtype: core.float64 });
    expect(new nn.WeightedMSECriterion(w).forward(x, t)).toBeCloseTo(new nn.MSECriterion().forward(x, t.mul(w)), 12);
  });

  it('bad targets are named', () => {
    expect(() => new nn.MultiMarginCriterion().forward(core.randn(2, 3), core.tensor([0, 3]))).toThrow(/target out of range for 3 classes/);
    expect(() => new nn.MultiLabelMarginCriterion().forward(core.randn(1, 3), core.tensor([[5, -1, 0]]))).toThrow(/target 5 out of range for 3 classes/);
    expect(() => new nn.SpatialClassNLLCriterion().forward(core.randn(2, 3, 4, 4), core.zeros([2, 4], { dtype: core.int64 }))).toThrow(/expected input \[n, C, H, W\] and target \[n, H, W\]/);
  });
});
