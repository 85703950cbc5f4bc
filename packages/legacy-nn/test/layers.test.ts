import { describe, expect, it } from 'vitest';
import * as core from '@torch/core';
import { nn } from '../src/index';

const randn = (...shape: number[]) => core.randn(shape, { dtype: core.float64 });

describe('legacy nn: Dropout', () => {
  it('zeroes about p of the elements, scales the rest by 1/(1-p), and is the identity in evaluation', () => {
    const drop = new nn.Dropout(0.25);
    const x = core.ones(10000);
    const y = drop.forward(x) as core.Tensor;
    const kept = y.ne(0).sum().item() / 10000;
    expect(Math.abs(kept - 0.75)).toBeLessThan(0.03);
    expect(y.maskedSelect(y.ne(0)).sub(1 / 0.75).abs().max().item()).toBeLessThan(1e-6);
    const g = drop.backward(x, core.ones(10000)) as core.Tensor;
    expect(g.tolist()).toEqual(y.tolist());
    drop.evaluate();
    expect((drop.forward(x) as core.Tensor).tolist()).toEqual(x.tolist());
    const v1 = new nn.Dropout(0.25, true).evaluate();
    expect((v1.forward(x) as core.Tensor).get(0).item()).toBeCloseTo(0.75, 6);
    expect(() => new nn.Dropout(1)).toThrow(/p must be in \[0, 1\)/);
  });
});

describe('legacy nn: LookupTable', () => {
  it('selects rows by 0-based index; accumulates gradients; padding rows get none; maxNorm renormalises', () => {
    const emb = new nn.LookupTable(6, 3).double();
    const idx = core.tensor([[0, 5], [5, 2]]);
    const y = emb.forward(idx) as core.Tensor;
    expect(y.size()).toEqual([2, 2, 3]);
    expect(y.get(1, 0).tolist()).toEqual(emb.weight!.get(5).tolist());
    expect(nn.testJacobianParameters(emb, idx, emb.weight!, emb.gradWeight!)).toBeLessThan(1e-6);
    const padded = new nn.LookupTable(6, 3, 5);
    padded.forward(idx);
    padded.zeroGradParameters();
    padded.backward(idx, core.ones(2, 2, 3));
    expect(padded.gradWeight!.get(5).tolist()).toEqual([0, 0, 0]);
    expect(padded.gradWeight!.get(2).tolist()).toEqual([1, 1, 1]);
    const capped = new nn.LookupTable(4, 8, null, 1);
    capped.weight!.mul_(10);
    capped.forward(core.tensor([1, 3]));
    expect(capped.weight!.get(1).norm().item()).toBeCloseTo(1, 5);
    expect(capped.weight!.get(0).norm().item()).toBeGreaterThan(1.5);
    expect(() => emb.forward(core.tensor([6]))).toThrow(/index 6 out of range for 6 rows/);
    expect(() => emb.forward(core.tensor([1.5]))).toThrow(/expected integer indices/);
  });
});

describe('legacy nn: products and distances (Jacobians through table-making containers)', () => {
  const pairNet = (m: nn.Module) =>
    new nn.Sequential().add(new nn.ConcatTable().add(new nn.Linear(4, 3)).add(new nn.Sequential().add(new nn.Linear(4, 3)).add(new nn.Tanh()))).add(m).double();
  for (const [name, make] of [
    ['DotProduct', () => new nn.DotProduct()],
    ['CosineDistance', () => new nn.CosineDistance()],
    ['PairwiseDistance 2', () => new nn.PairwiseDistance(2)],
    ['PairwiseDistance 3', () => new nn.PairwiseDistance(3)],
  ] as [string, () => nn.Module][])
    it(name, () => expect(nn.testJacobian(pairNet(make()), randn(5, 4))).toBeLessThan(1e-5));

  it('values: DotProduct, CosineDistance, PairwiseDistance', () => {
    const a = randn(3, 4);
    const b = randn(3, 4);
    expect((new nn.DotProduct().forward([a, b]) as core.Tensor).get(1).item()).toBeCloseTo(a.get(1).dot(b.get(1)).item(), 10);
    const cos = a.get(2).dot(b.get(2)).item() / (a.get(2).norm().item() * b.get(2).norm().item());
    expect((new nn.CosineDistance().forward([a, b]) as core.Tensor).get(2).item()).toBeCloseTo(cos, 10);
    expect((new nn.PairwiseDistance(1).forward([a, b]) as core.Tensor).get(0).item()).toBeCloseTo(a.get(0).sub(b.get(0)).abs().sum().item(), 10);
  });

  it('MM and MV, with transposes and batches', () => {
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]]) {
      const mm = new nn.Sequential()
        .add(new nn.ConcatTable().add(new nn.Reshape(3, 2)).add(new nn.Sequential().add(new nn.Tanh()).add(new nn.Reshape(ta === tb ? 2 : 3, ta === tb ? 3 : 2))))
        .add(new nn.MM(ta, tb));
      expect(nn.testJacobian(mm.double(), randn(6)), `MM(${ta}, ${tb})`).toBeLessThan(1e-6);
    }
    const a = randn(2, 3, 4);
    const b = randn(2, 4, 5);
    expect((new nn.MM().forward([a, b]) as core.Tensor).size()).toEqual([2, 3, 5]);
    expect((new nn.MM(true, true).forward([a.transpose(1, 2), b.transpose(1, 2)]) as core.Tensor).sub(core.bmm(a, b)).abs().max().item()).toBeLessThan(1e-12);
    const mv = new nn.Sequential().add(new nn.ConcatTable().add(new nn.Reshape(2, 3)).add(new nn.Narrow(0, 0, 3))).add(new nn.MV());
    expect(nn.testJacobian(mv.double(), randn(6))).toBeLessThan(1e-6);
    const mvt = new nn.Sequential().add(new nn.ConcatTable().add(new nn.Reshape(3, 2)).add(new nn.Narrow(0, 0, 3))).add(new nn.MV(true));
    expect(nn.testJacobian(mvt.double(), randn(6))).toBeLessThan(1e-6);
  });

  it('Euclidean: distances to the centres; input and weight Jacobians', () => {
    const e = new nn.Euclidean(4, 3).double();
    const x = randn(2, 4);
    const y = e.forward(x) as core.Tensor;
    expect(y.get(1, 2).item()).toBeCloseTo(x.get(1).sub(e.weight!.select(1, 2)).norm().item(), 10);
    expect(nn.testJacobian(e, x)).toBeLessThan(1e-6);
    expect(nn.testJacobianParameters(e, x, e.weight!, e.gradWeight!)).toBeLessThan(1e-6);
  });
});

describe('legacy nn: PReLU, Normalize, L1Penalty, MaskedSelect, Index', () => {
  it('PReLU shared and per channel: input and weight Jacobians', () => {
    for (const [m, shape] of [[new nn.PReLU(), [3, 4]], [new nn.PReLU(4), [3, 4, 2, 2]], [new nn.PReLU(3), [3, 2, 2]]] as [nn.PReLU, number[]][]) {
      const x = randn(...shape);
      m.double();
      m.weight!.uniform_(0.1, 0.5);
      expect(nn.testJacobian(m, x)).toBeLessThan(1e-6);
      expect(nn.testJacobianParameters(m, x, m.weight!, m.gradWeight!)).toBeLessThan(1e-6);
    }
    expect(() => new nn.PReLU(5).forward(core.randn(2, 4))).toThrow(/expected 5 channels in dim 1/);
  });

  it('Normalize: unit rows, Jacobian for p = 1, 2, 3', () => {
    expect((new nn.Normalize(2).forward(core.randn(4, 3)) as core.Tensor).norm(2, 1).sub(1).abs().max().item()).toBeLessThan(1e-5);
    for (const p of [1.5, 2, 3]) expect(nn.testJacobian(new nn.Normalize(p).double(), randn(3, 4)), `p=${p}`).toBeLessThan(1e-5);
  });

  it('L1Penalty adds l1weight·sign(x) to the gradient', () => {
    const m = new nn.L1Penalty(0.5);
    const x = core.tensor([-2, 3], { dtype: core.float64 });
    m.forward(x);
    expect(m.loss).toBe(2.5);
    expect((m.backward(x, core.ones(2, { dtype: core.float64 })) as core.Tensor).tolist()).toEqual([0.5, 1.5]);
  });

  it('MaskedSelect and Index route the gradient back to the chosen elements', () => {
    const x = randn(3, 4);
    const mask = x.gt(0);
    const ms = new nn.MaskedSelect();
    const y = ms.forward([x, mask]) as core.Tensor;
    const [gx] = ms.backward([x, mask], core.ones(y.numel(), { dtype: core.float64 })) as core.Tensor[];
    expect(gx!.tolist()).toEqual(mask.double().tolist());
    const idx = core.tensor([2, 0, 2]);
    const ix = new nn.Index(0);
    expect((ix.forward([x, idx]) as core.Tensor).get(0).tolist()).toEqual(x.get(2).tolist());
    const [gi] = ix.backward([x, idx], core.ones(3, 4, { dtype: core.float64 })) as core.Tensor[];
    expect(gi!.select(1, 0).tolist()).toEqual([1, 0, 2]);
  });
});
