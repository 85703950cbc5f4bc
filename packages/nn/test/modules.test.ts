// Forward values and gradients of every module against real PyTorch 1.13 with the same weights
// (tools/gen_fixtures_nn.py), on contiguous and non-contiguous inputs.
import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { Variable, backward } from '@torch/autograd';
import * as nn from '../src/index';
import { loadCases, fromSpec, nonContiguous, expectClose, camelKey, type TensorSpec } from './helpers';

interface Case {
  name: string; params: Record<string, TensorSpec>; inputs: TensorSpec[]; grad_inputs: number[]; train: boolean;
  outputs: TensorSpec[]; grad_outputs: TensorSpec[]; grads: Record<string, TensorSpec>;
}
const cases = loadCases<Case>('nn.json');
const z = (...s: number[]) => torch.zeros(s, { dtype: torch.float64 });
type Red = nn.functional.Reduction;

/** A recurrent layer run on a batch packed with the given lengths (unsorted) and unpacked after (the generator's Packed). */
class Packed extends nn.Module {
  constructor(readonly rnn: nn.RNNBase) {
    super();
  }
  override forward(x: Variable, ...rest: (Variable | torch.Tensor)[]): unknown {
    const lengths = rest[rest.length - 1] as torch.Tensor;
    const state = rest.slice(0, -1) as Variable[];
    const packed = nn.utils.rnn.packPaddedSequence(x, lengths, { batchFirst: this.rnn.batchFirst, enforceSorted: false });
    const [out, h] = (this.rnn.forward as (...a: unknown[]) => [nn.PackedSequence, unknown])(packed, ...(state.length === 2 ? [state] : state));
    return [nn.utils.rnn.padPackedSequence(out, { batchFirst: this.rnn.batchFirst })[0], h];
  }
}
/** Calls an LSTM or LSTMCell with [h, c] given as two inputs (the generator's WithState). */
class WithState extends nn.Module {
  constructor(readonly rnn: nn.LSTM | nn.LSTMCell) {
    super();
  }
  override forward(x: Variable, h: Variable, c: Variable): unknown {
    return this.rnn.forward(x, [h, c]);
  }
}

/** Calls a transposed convolution with a fixed outputSize (the generator's WithOutputSize). */
class WithOutputSize extends nn.Module {
  constructor(readonly conv: nn.ConvTranspose1d | nn.ConvTranspose2d | nn.ConvTranspose3d, readonly size: number[]) {
    super();
  }
  override forward(x: Variable): Variable {
    return this.conv.forward(x, this.size);
  }
}

// The module of each case, built as the generator builds it in PyTorch (weights come from the fixture).
const plain: Record<string, () => nn.Module> = {
  Linear: () => new nn.Linear(4, 3),
  Linear_3d: () => new nn.Linear(4, 3),
  Linear_nobias_batch1: () => new nn.Linear(4, 3, { bias: false }),
  Bilinear: () => new nn.Bilinear(3, 4, 2),
  Identity: () => new nn.Identity(),
  // The samples buffer is overwritten by the fixture's (loadStateDict).
  FractionalMaxPool2d: () => new nn.FractionalMaxPool2d(3, { outputSize: [4, 5], _randomSamples: z(2, 3, 2) }),
  FractionalMaxPool2d_ratio_unbatched: () => new nn.FractionalMaxPool2d([2, 3], { outputRatio: [0.5, 0.7], _randomSamples: z(1, 2, 2) }),
  LPPool2d: () => new nn.LPPool2d(2, 3, { stride: 2 }), LPPool2d_p3_ceil: () => new nn.LPPool2d(3, [2, 3], { stride: [2, 1], ceilMode: true }),
  LPPool2d_unbatched: () => new nn.LPPool2d(1.5, 2), LPPool1d: () => new nn.LPPool1d(2, 3, { stride: 2 }),
  LPPool1d_p1_ceil: () => new nn.LPPool1d(1, 2, { ceilMode: true }),
  ConvTranspose1d_output_size: () => new WithOutputSize(new nn.ConvTranspose1d(2, 3, 3, { stride: 2 }), [10]),
  ConvTranspose2d_output_size: () => new WithOutputSize(new nn.ConvTranspose2d(2, 3, 3, { stride: 2, padding: 1, dilation: [1, 2] }), [8, 11]),
  ConvTranspose2d_output_size_full: () => new WithOutputSize(new nn.ConvTranspose2d(2, 2, 2, { stride: 3, groups: 2 }), [1, 2, 10, 12]),
  ConvTranspose3d_output_size: () => new WithOutputSize(new nn.ConvTranspose3d(2, 2, 2, { stride: 2 }), [5, 6, 5]),
  ReLU: () => new nn.ReLU(), ReLU6: () => new nn.ReLU6(), ELU: () => new nn.ELU(0.7), SELU: () => new nn.SELU(),
  LeakyReLU: () => new nn.LeakyReLU(0.2), Threshold: () => new nn.Threshold(0.5, -2.0), Hardtanh: () => new nn.Hardtanh(-1.5, 1.2),
  Sigmoid: () => new nn.Sigmoid(), Tanh: () => new nn.Tanh(), LogSigmoid: () => new nn.LogSigmoid(), Softplus: () => new nn.Softplus(2, 3),
  Softshrink: () => new nn.Softshrink(0.7), Hardshrink: () => new nn.Hardshrink(0.7), Softsign: () => new nn.Softsign(),
  Tanhshrink: () => new nn.Tanhshrink(), Softmin: () => new nn.Softmin(1), Softmax: () => new nn.Softmax(1), LogSoftmax: () => new nn.LogSoftmax(0),
  GELU: () => new nn.GELU(), GELU_tanh: () => new nn.GELU({ approximate: 'tanh' }), GELU_large: () => new nn.GELU(), RReLU_eval: () => new nn.RReLU(0.1, 0.3),
  Softmax2d: () => new nn.Softmax2d(), PReLU: () => new nn.PReLU(), PReLU_channels: () => new nn.PReLU(3),
  LayerNorm: () => new nn.LayerNorm(4), LayerNorm_2d: () => new nn.LayerNorm([3, 4]),
  LayerNorm_noaffine: () => new nn.LayerNorm(5, { elementwiseAffine: false, eps: 1e-3 }),
  GroupNorm: () => new nn.GroupNorm(2, 4), GroupNorm_4d: () => new nn.GroupNorm(3, 6, { eps: 1e-3 }),
  LocalResponseNorm: () => new nn.LocalResponseNorm(3, { alpha: 0.1, beta: 0.75, k: 2 }), LocalResponseNorm_3d: () => new nn.LocalResponseNorm(2),
  CrossMapLRN2d: () => new nn.CrossMapLRN2d(3, 0.1, 0.75, 2), CrossMapLRN2d_5: () => new nn.CrossMapLRN2d(5, { alpha: 0.3, beta: 0.5, k: 1.5 }),
  Embedding: () => new nn.Embedding(10, 3), Embedding_padding: () => new nn.Embedding(10, 3, { paddingIdx: 0 }),
  Embedding_maxnorm: () => new nn.Embedding(6, 3, { maxNorm: 1, normType: 1.5 }),
  Embedding_freq: () => new nn.Embedding(6, 2, { scaleGradByFreq: true }),
  EmbeddingBag_sum: () => new nn.EmbeddingBag(10, 3, { mode: 'sum' }), EmbeddingBag_mean: () => new nn.EmbeddingBag(10, 3, { mode: 'mean' }),
  EmbeddingBag_max: () => new nn.EmbeddingBag(10, 3, { mode: 'max' }),
  PairwiseDistance: () => new nn.PairwiseDistance(), PairwiseDistance_p1: () => new nn.PairwiseDistance({ p: 1, keepdim: true }),
  CosineSimilarity: () => new nn.CosineSimilarity({ dim: 1 }), PixelShuffle: () => new nn.PixelShuffle(2),
  ZeroPad2d: () => new nn.ZeroPad2d([1, 2, 0, 1]), ConstantPad1d: () => new nn.ConstantPad1d([2, -1], 3.5),
  ConstantPad2d: () => new nn.ConstantPad2d(1, -1), ConstantPad3d: () => new nn.ConstantPad3d([1, 0, 0, 1, 1, 1], 0.5),
  ReflectionPad1d: () => new nn.ReflectionPad1d([2, 1]), ReflectionPad2d: () => new nn.ReflectionPad2d([1, 2, 2, 0]),
  ReplicationPad1d: () => new nn.ReplicationPad1d([3, 1]), ReplicationPad2d: () => new nn.ReplicationPad2d([1, 2, 2, 0]),
  ReplicationPad3d: () => new nn.ReplicationPad3d(1),
  Upsample_nearest: () => new nn.Upsample({ scaleFactor: 2 }), Upsample_nearest_size: () => new nn.Upsample([5, 4]),
  Upsample_nearest_1d: () => new nn.Upsample({ scaleFactor: 3 }),
  Upsample_bilinear: () => new nn.Upsample({ scaleFactor: 2, mode: 'bilinear', alignCorners: false }),
  Upsample_bilinear_ac: () => new nn.Upsample({ size: [4, 5], mode: 'bilinear', alignCorners: true }),
  Upsample_bilinear_down: () => new nn.Upsample({ size: [2, 3], mode: 'bilinear' }),
  Upsample_linear: () => new nn.Upsample({ scaleFactor: 1.5, mode: 'linear' }),
  Upsample_trilinear: () => new nn.Upsample({ scaleFactor: 2, mode: 'trilinear' }),
  KLDivLoss_batchmean: () => new nn.KLDivLoss({ reduction: 'batchmean' }),
  KLDivLoss_logtarget: () => new nn.KLDivLoss({ reduction: 'sum', logTarget: true }),
  MultiMarginLoss_p1: () => new nn.MultiMarginLoss(),
  CrossEntropyLoss_2d: () => new nn.CrossEntropyLoss(), CrossEntropyLoss_batch1: () => new nn.CrossEntropyLoss(),
  CrossEntropyLoss_unbatched: () => new nn.CrossEntropyLoss(),
  RNN_tanh: () => new nn.RNN(3, 4), RNN_relu_2layer_h0: () => new nn.RNN(3, 4, { numLayers: 2, nonlinearity: 'relu' }),
  RNN_bidir_batchfirst: () => new nn.RNN(3, 4, { bidirectional: true, batchFirst: true }),
  LSTM: () => new nn.LSTM(3, 4), LSTM_2layer_bidir_state: () => new WithState(new nn.LSTM(3, 4, { numLayers: 2, bidirectional: true, batchFirst: true })),
  LSTM_unbatched: () => new nn.LSTM(3, 2, { numLayers: 2 }), LSTM_nobias_batch1: () => new nn.LSTM(3, 2, { bias: false }),
  GRU: () => new nn.GRU(3, 4), GRU_2layer_bidir: () => new nn.GRU(3, 4, { numLayers: 2, bidirectional: true }),
  LSTM_packed: () => new Packed(new nn.LSTM(3, 4, { numLayers: 2, bidirectional: true })),
  GRU_packed_batchfirst: () => new Packed(new nn.GRU(3, 4, { batchFirst: true, bidirectional: true })),
  RNN_packed: () => new Packed(new nn.RNN(2, 3, { numLayers: 2 })),
  RNNCell: () => new nn.RNNCell(3, 4), RNNCell_relu: () => new nn.RNNCell(3, 4, { nonlinearity: 'relu' }),
  LSTMCell: () => new WithState(new nn.LSTMCell(3, 4)), LSTMCell_zero_state: () => new nn.LSTMCell(3, 4, { bias: false }),
  GRUCell: () => new nn.GRUCell(3, 4),
  Sequential_mlp: () => new nn.Sequential(new nn.Linear(4, 6), new nn.ReLU(), new nn.Linear(6, 3), new nn.LogSoftmax(1)),
};
const losses: Record<string, (reduction: Red) => nn.Module> = {
  L1Loss: (reduction) => new nn.L1Loss({ reduction }),
  MSELoss: (reduction) => new nn.MSELoss({ reduction }),
  SmoothL1Loss: (reduction) => new nn.SmoothL1Loss({ reduction, beta: 0.7 }),
  SoftMarginLoss: (reduction) => new nn.SoftMarginLoss({ reduction }),
  BCELoss: (reduction) => new nn.BCELoss({ reduction, weight: z(4) }),
  BCEWithLogitsLoss: (reduction) => new nn.BCEWithLogitsLoss({ reduction, posWeight: z(4) }),
  NLLLoss: (reduction) => new nn.NLLLoss({ reduction, weight: z(5), ignoreIndex: 2 }),
  NLLLoss2d: (reduction) => new nn.NLLLoss({ reduction }),
  CrossEntropyLoss: (reduction) => new nn.CrossEntropyLoss({ reduction, weight: z(5), ignoreIndex: 1 }),
  CrossEntropyLoss_smooth: (reduction) => new nn.CrossEntropyLoss({ reduction, labelSmoothing: 0.2 }),
  CrossEntropyLoss_smoothw: (reduction) => new nn.CrossEntropyLoss({ reduction, weight: z(5), labelSmoothing: 0.1, ignoreIndex: 0 }),
  CrossEntropyLoss_probs: (reduction) => new nn.CrossEntropyLoss({ reduction }),
  PoissonNLLLoss: (reduction) => new nn.PoissonNLLLoss({ reduction, full: true }),
  PoissonNLLLoss_nolog: (reduction) => new nn.PoissonNLLLoss({ reduction, logInput: false }),
  KLDivLoss: (reduction) => new nn.KLDivLoss({ reduction }),
  MarginRankingLoss: (reduction) => new nn.MarginRankingLoss({ reduction, margin: 0.3 }),
  HingeEmbeddingLoss: (reduction) => new nn.HingeEmbeddingLoss({ reduction, margin: 1.5 }),
  MultiLabelMarginLoss: (reduction) => new nn.MultiLabelMarginLoss({ reduction }),
  MultiLabelSoftMarginLoss: (reduction) => new nn.MultiLabelSoftMarginLoss({ reduction, weight: z(4) }),
  CosineEmbeddingLoss: (reduction) => new nn.CosineEmbeddingLoss({ reduction, margin: 0.2 }),
  MultiMarginLoss: (reduction) => new nn.MultiMarginLoss({ reduction, p: 2, margin: 0.8, weight: z(5) }),
  TripletMarginLoss: (reduction) => new nn.TripletMarginLoss({ reduction, margin: 2, swap: true }),
};

function build(name: string): nn.Module {
  if (plain[name]) return plain[name]!();
  const m = /^(.*)_(mean|sum|none)$/.exec(name);
  if (m && losses[m[1]!]) return losses[m[1]!]!(m[2] as Red);
  throw new Error(`no factory for fixture case ${name}`);
}

// PyTorch 1.13's CrossMapLRN2d backward sums the ratio over channels c-2..c (size 3) instead of the window
// its forward used, so its gradient is not the derivative of its output; ours is checked by gradcheck
// (gradcheck.test.ts) and only the forward is compared here.
const forwardOnly = new Set(['CrossMapLRN2d', 'CrossMapLRN2d_5']);

/** A module's outputs as a flat list (arrays opened, PackedSequences as their data), as the generator's flatten. */
function flatten(out: unknown): Variable[] {
  if (out instanceof Variable) return [out];
  if (out instanceof nn.PackedSequence) return [out.data];
  if (Array.isArray(out)) return out.flatMap(flatten);
  throw new Error(`unexpected output ${String(out)}`);
}

function run(c: Case, contiguous: boolean): void {
  const m = build(c.name).double();
  const params = Object.fromEntries(Object.entries(c.params).map(([k, v]) => [camelKey(k), fromSpec(v)]));
  m.loadStateDict(params);
  m.train(c.train);
  const inputs = c.inputs.map((s, i) => {
    const t = fromSpec(s);
    const u = contiguous || !t.dtype.isFloatingPoint ? t : nonContiguous(t);
    return t.dtype.isFloatingPoint ? new Variable(u, { requiresGrad: c.grad_inputs.includes(i) }) : u;
  });
  const outs = flatten((m.forward as (...a: unknown[]) => unknown)(...inputs));
  expect(outs.length, `${c.name}: number of outputs`).toBe(c.outputs.length);
  outs.forEach((o, i) => expectClose(o, fromSpec(c.outputs[i]!), `${c.name} output ${i}`));
  if (contiguous) {
    // State dict round trip: a fresh module loading this one's state computes the same outputs.
    const m2 = build(c.name).double().train(c.train);
    m2.loadStateDict(m.stateDict());
    expect(Object.keys(m2.stateDict()).sort()).toEqual(Object.keys(params).sort());
    const again = flatten((m2.forward as (...a: unknown[]) => unknown)(...inputs.map((x) => (x instanceof Variable ? x.detach() : x))));
    again.forEach((o, i) => expectClose(o, outs[i]!.data, `${c.name} output ${i} after a state dict round trip`));
  }
  if (forwardOnly.has(c.name)) return;
  backward(outs, c.grad_outputs.map(fromSpec));
  const named = new Map(m.namedParameters());
  for (const [k, spec] of Object.entries(c.grads)) {
    const im = /^input(\d+)$/.exec(k);
    const g = im ? (inputs[Number(im[1])] as Variable).grad : named.get(camelKey(k))?.grad;
    expect(g, `${c.name}: gradient of ${k}`).toBeTruthy();
    expectClose(g!, fromSpec(spec), `${c.name} gradient of ${k}`);
  }
}

describe('modules against PyTorch 1.13 fixtures', () => {
  it('has a factory for every case and a case for every factory', () => {
    expect(cases.length).toBeGreaterThan(100);
    for (const c of cases) expect(() => build(c.name), c.name).not.toThrow();
    const names = new Set(cases.flatMap((c) => [c.name, c.name.replace(/_(mean|sum|none)$/, '')]));
    for (const k of [...Object.keys(plain), ...Object.keys(losses)]) expect(names.has(k), k).toBe(true);
  });
  for (const c of cases) {
    it(c.name, () => {
      run(c, true);
      run(c, false);
    });
  }
});
