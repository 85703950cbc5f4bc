// Input and parameter gradients of every module against finite differences in float64; a few second
// derivatives; random layers under a fixed seed.
import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { Variable, gradcheck, gradgradcheck } from '@torch/autograd';
import * as nn from '../src/index';
import { randn, leaf } from './helpers';

/** Inputs kept away from kinks (|x| ≥ 0.1) so central differences do not straddle them. */
const away = (...s: number[]) => {
  const t = randn(...s);
  return t.add(t.sign().mul(0.1));
};
const labels = (n: number, c: number) => torch.randint(0, c, [n]);

type Case = [name: string, make: () => nn.Module, inputs: () => (Variable | torch.Tensor)[], seeded?: boolean];

const cases: Case[] = [
  ['Linear', () => new nn.Linear(3, 2), () => [leaf(randn(4, 3))]],
  ['Linear 3d input', () => new nn.Linear(3, 2), () => [leaf(randn(2, 2, 3))]],
  ['Bilinear', () => new nn.Bilinear(2, 3, 2), () => [leaf(randn(3, 2)), leaf(randn(3, 3))]],
  ['ReLU', () => new nn.ReLU(), () => [leaf(away(3, 4))]],
  ['ReLU6', () => new nn.ReLU6(), () => [leaf(away(3, 4).mul(4))]],
  ['ELU', () => new nn.ELU(0.5), () => [leaf(away(3, 4))]],
  ['SELU', () => new nn.SELU(), () => [leaf(away(3, 4))]],
  ['LeakyReLU', () => new nn.LeakyReLU(0.1), () => [leaf(away(3, 4))]],
  ['RReLU training', () => new nn.RReLU().train(), () => [leaf(away(3, 4))], true],
  ['PReLU', () => new nn.PReLU(3), () => [leaf(away(2, 3, 2))]],
  ['Threshold', () => new nn.Threshold(0.05, 2), () => [leaf(away(3, 4))]],
  ['Hardtanh', () => new nn.Hardtanh(), () => [leaf(away(3, 4))]],
  ['Sigmoid', () => new nn.Sigmoid(), () => [leaf(randn(3, 4))]],
  ['Tanh', () => new nn.Tanh(), () => [leaf(randn(3, 4))]],
  ['LogSigmoid', () => new nn.LogSigmoid(), () => [leaf(randn(3, 4).mul(10))]],
  ['Softplus', () => new nn.Softplus(2, 5), () => [leaf(away(3, 4).mul(2))]],
  ['Softshrink', () => new nn.Softshrink(0.05), () => [leaf(away(3, 4))]],
  ['Hardshrink', () => new nn.Hardshrink(0.05), () => [leaf(away(3, 4))]],
  ['Softsign', () => new nn.Softsign(), () => [leaf(away(3, 4))]],
  ['Tanhshrink', () => new nn.Tanhshrink(), () => [leaf(randn(3, 4))]],
  ['Softmin', () => new nn.Softmin(1), () => [leaf(randn(3, 4))]],
  ['Softmax', () => new nn.Softmax(0), () => [leaf(randn(3, 4))]],
  ['Softmax2d', () => new nn.Softmax2d(), () => [leaf(randn(1, 3, 2, 2))]],
  ['LogSoftmax', () => new nn.LogSoftmax(1), () => [leaf(randn(3, 4))]],
  ['GELU', () => new nn.GELU(), () => [leaf(randn(3, 4).mul(2))]],
  ['GELU tanh', () => new nn.GELU({ approximate: 'tanh' }), () => [leaf(randn(3, 4))]],
  ['LayerNorm', () => new nn.LayerNorm([2, 3]), () => [leaf(randn(2, 2, 3))]],
  ['GroupNorm', () => new nn.GroupNorm(2, 4), () => [leaf(randn(2, 4, 3))]],
  ['LocalResponseNorm', () => new nn.LocalResponseNorm(3, { alpha: 0.5, k: 1.5 }), () => [leaf(randn(2, 4, 2, 2))]],
  ['CrossMapLRN2d', () => new nn.CrossMapLRN2d(3, { alpha: 0.5, k: 1.5 }), () => [leaf(randn(1, 5, 2, 2))]],
  ['Dropout training', () => new nn.Dropout(0.3).train(), () => [leaf(randn(3, 4))], true],
  ['Dropout2d training', () => new nn.Dropout2d(0.5).train(), () => [leaf(randn(2, 3, 2, 2))], true],
  ['AlphaDropout training', () => new nn.AlphaDropout(0.3).train(), () => [leaf(randn(3, 4))], true],
  // (paddingIdx and scaleGradByFreq change the gradient on purpose, so they are checked against PyTorch only)
  ['Embedding (weight)', () => new nn.Embedding(5, 3), () => [torch.tensor([[0, 1, 4], [4, 4, 2]])]],
  ['EmbeddingBag mean (weight)', () => new nn.EmbeddingBag(5, 3), () => [torch.tensor([[0, 1, 4], [4, 4, 2]])]],
  ['PairwiseDistance', () => new nn.PairwiseDistance(), () => [leaf(randn(3, 4)), leaf(randn(3, 4))]],
  ['CosineSimilarity', () => new nn.CosineSimilarity(), () => [leaf(randn(3, 4)), leaf(randn(3, 4))]],
  ['PixelShuffle', () => new nn.PixelShuffle(2), () => [leaf(randn(1, 4, 2, 2))]],
  ['ReflectionPad2d', () => new nn.ReflectionPad2d([1, 1, 2, 0]), () => [leaf(randn(1, 1, 3, 3))]],
  ['ReplicationPad3d', () => new nn.ReplicationPad3d(1), () => [leaf(randn(1, 1, 2, 2, 2))]],
  ['ConstantPad2d', () => new nn.ConstantPad2d([1, -1, 0, 2], 3), () => [leaf(randn(1, 2, 3))]],
  ['Upsample bilinear', () => new nn.Upsample({ scaleFactor: 2, mode: 'bilinear' }), () => [leaf(randn(1, 1, 2, 3))]],
  ['Upsample nearest', () => new nn.Upsample({ size: [3, 5] }), () => [leaf(randn(1, 1, 2, 3))]],
  ['CrossEntropyLoss', () => new nn.CrossEntropyLoss({ weight: randn(4).abs(), ignoreIndex: 0, labelSmoothing: 0.1 }), () => [leaf(randn(5, 4)), labels(5, 4)]],
  ['NLLLoss 2d', () => new nn.NLLLoss(), () => [leaf(randn(2, 3, 2, 2)), torch.randint(0, 3, [2, 2, 2])]],
  ['MSELoss', () => new nn.MSELoss(), () => [leaf(randn(3, 4)), leaf(randn(3, 4))]],
  ['L1Loss', () => new nn.L1Loss(), () => [leaf(randn(3, 4)), randn(3, 4)]],
  ['SmoothL1Loss', () => new nn.SmoothL1Loss({ beta: 0.5 }), () => [leaf(randn(3, 4)), randn(3, 4)]],
  ['BCELoss', () => new nn.BCELoss(), () => [leaf(torch.rand([3, 4], { dtype: torch.float64 }).mul(0.8).add(0.1)), torch.rand([3, 4], { dtype: torch.float64 })]],
  ['BCEWithLogitsLoss', () => new nn.BCEWithLogitsLoss({ posWeight: torch.full([4], 2, { dtype: torch.float64 }) }), () => [leaf(randn(3, 4)), torch.rand([3, 4], { dtype: torch.float64 })]],
  ['KLDivLoss', () => new nn.KLDivLoss({ reduction: 'batchmean' }), () => [leaf(randn(3, 4)), torch.rand([3, 4], { dtype: torch.float64 })]],
  ['PoissonNLLLoss', () => new nn.PoissonNLLLoss({ full: true }), () => [leaf(randn(3, 4)), torch.randint(0, 4, [3, 4]).double()]],
  ['MultiLabelMarginLoss', () => new nn.MultiLabelMarginLoss(), () => [leaf(randn(2, 4)), torch.tensor([[3, 0, -1, 1], [1, -1, 0, 0]])]],
  ['MultiLabelSoftMarginLoss', () => new nn.MultiLabelSoftMarginLoss(), () => [leaf(randn(2, 4)), torch.randint(0, 2, [2, 4]).double()]],
  ['MultiMarginLoss', () => new nn.MultiMarginLoss({ p: 2 }), () => [leaf(randn(3, 4)), labels(3, 4)]],
  ['HingeEmbeddingLoss', () => new nn.HingeEmbeddingLoss(), () => [leaf(away(3, 4)), torch.tensor([[1, -1, 1, -1], [-1, -1, 1, 1], [1, 1, 1, -1]]).double()]],
  ['SoftMarginLoss', () => new nn.SoftMarginLoss(), () => [leaf(randn(3, 4)), torch.tensor([[1, -1, 1, -1], [-1, -1, 1, 1], [1, 1, 1, -1]]).double()]],
  ['MarginRankingLoss', () => new nn.MarginRankingLoss({ margin: 0.1 }), () => [leaf(randn(4)), leaf(randn(4)), torch.tensor([1, -1, 1, -1]).double()]],
  ['CosineEmbeddingLoss', () => new nn.CosineEmbeddingLoss({ margin: -1 }), () => [leaf(randn(3, 4)), leaf(randn(3, 4)), torch.tensor([1, -1, 1]).double()]],
  ['TripletMarginLoss', () => new nn.TripletMarginLoss({ margin: 5 }), () => [leaf(randn(3, 4)), leaf(randn(3, 4)), leaf(randn(3, 4))]],
];

describe('gradcheck of module input and parameter gradients (float64)', () => {
  for (const [name, make, inputs, seeded] of cases) {
    it(name, () => {
      torch.manualSeed(3);
      const m = make().double();
      const ins = inputs();
      const params = [...m.parameters()];
      const nIn = ins.length;
      const fn = (...args: unknown[]) => {
        if (seeded) torch.manualSeed(11);
        return (m.forward as (...a: unknown[]) => Variable)(...args.slice(0, nIn));
      };
      expect(gradcheck(fn, [...ins, ...params])).toBe(true);
    });
  }
});

describe('second derivatives', () => {
  it('ELU, Softplus, GELU, LayerNorm and CrossEntropyLoss are twice differentiable', () => {
    torch.manualSeed(5);
    const x = leaf(away(2, 3));
    expect(gradgradcheck((a: Variable) => new nn.ELU(0.7).forward(a), [x])).toBe(true);
    expect(gradgradcheck((a: Variable) => new nn.Softplus().forward(a), [x])).toBe(true);
    expect(gradgradcheck((a: Variable) => new nn.GELU().forward(a), [x])).toBe(true);
    const ln = new nn.LayerNorm(3).double();
    expect(gradgradcheck((a: Variable) => ln.forward(a), [x])).toBe(true);
    const t = torch.tensor([2, 0]);
    expect(gradgradcheck((a: Variable) => new nn.CrossEntropyLoss().forward(a, t), [x])).toBe(true);
  });
});
