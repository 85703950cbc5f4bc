// Bad input gives a clear error naming the module and the sizes, never a wrong answer.
import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { Variable } from '@torch/autograd';
import * as nn from '../src/index';
import { randn } from './helpers';

const v = (...s: number[]) => new Variable(randn(...s));

describe('bad input names the module and the sizes', () => {
  it('wrong feature / channel counts', () => {
    expect(() => new nn.Linear(4, 3).double().forward(v(2, 5))).toThrow(/Linear: expected input with 4 features in its last dim \(weight has size \[3, 4\]\), got input of size \[2, 5\]/);
    expect(() => new nn.Linear(4, 3).double().forward(v(2, 5))).toThrow(torch.TorchSizeError);
    expect(() => new nn.GroupNorm(2, 4).double().forward(v(2, 6, 3))).toThrow(/GroupNorm: expected input with 4 channels \(dim 1\), got input of size \[2, 6, 3\]/);
    expect(() => new nn.LayerNorm([3, 4]).double().forward(v(2, 4, 3))).toThrow(/LayerNorm: expected input with shape \[\*, 3, 4\], got input of size \[2, 4, 3\]/);
    expect(() => new nn.PReLU(3).double().forward(v(2, 4, 5))).toThrow(/prelu: weight has 3 elements but input of size \[2, 4, 5\] has 4 channels/);
    expect(() => new nn.LSTM(3, 4).double().forward(v(5, 2, 6))).toThrow(/LSTM: expected input with 3 features in its last dim, got input of size \[5, 2, 6\]/);
    expect(() => new nn.GRU(3, 4).double().forward(v(5, 2, 3), v(1, 3, 4))).toThrow(/GRU: expected hx of size \[1, 2, 4\], got \[1, 3, 4\]/);
    expect(() => new nn.Bilinear(2, 3, 4).double().forward(v(5, 2), v(5, 2))).toThrow(/bilinear: inputs of size \[5, 2\] and \[5, 2\] do not match weight of size \[4, 2, 3\]/);
    expect(() => new nn.PixelShuffle(2).forward(v(1, 3, 2, 2))).toThrow(/pixelShuffle: the channel dim 3 of input of size \[1, 3, 2, 2\] is not divisible by upscaleFactor² \(4\)/);
  });

  it('wrong rank', () => {
    expect(() => new nn.Softmax2d().forward(v(3, 4))).toThrow(/Softmax2d: expected 3D or 4D input, got 2D input of size \[3, 4\]/);
    expect(() => new nn.ReflectionPad2d(1).forward(v(3, 4))).toThrow(/ReflectionPad2d: expected 3D or 4D input, got 2D input of size \[3, 4\]/);
    expect(() => new nn.Dropout2d().forward(v(3, 4))).toThrow(/dropout2d: expected 3D or 4D input/);
    expect(() => new nn.RNN(3, 4).double().forward(v(2, 2, 2, 3))).toThrow(/RNN: expected input of 2 \(unbatched\) or 3 dims, got 4D input of size \[2, 2, 2, 3\]/);
    expect(() => new nn.CrossMapLRN2d(3).forward(v(2, 3, 4))).toThrow(/CrossMapLRN2d: expected 4D input, got 3D input of size \[2, 3, 4\]/);
    expect(() => new nn.Upsample({ scaleFactor: 2, mode: 'bilinear' }).forward(v(1, 2, 3))).toThrow(/interpolate: mode 'bilinear' needs 4D input, got size \[1, 2, 3\]/);
  });

  it('targets out of range and mismatched targets in losses', () => {
    const x = v(3, 5);
    expect(() => new nn.CrossEntropyLoss().forward(x, torch.tensor([0, 5, 1]))).toThrow(/crossEntropy: target 5 is out of bounds for 5 classes/);
    expect(() => new nn.CrossEntropyLoss().forward(x, torch.tensor([0, 5, 1]))).toThrow(torch.TorchIndexError);
    expect(() => new nn.NLLLoss().forward(x, torch.tensor([0, -3, 1]))).toThrow(/nllLoss: target -3 is out of bounds for 5 classes/);
    expect(() => new nn.NLLLoss({ ignoreIndex: 7 }).forward(x, torch.tensor([0, 7, 9]))).toThrow(/target 9 is out of bounds/);
    expect(() => new nn.NLLLoss().forward(x, torch.tensor([0, 1]))).toThrow(/nllLoss: expected target of size \[3\] for input of size \[3, 5\] \(5 classes\), got target of size \[2\]/);
    expect(() => new nn.CrossEntropyLoss().forward(x, randn(3))).toThrow(/crossEntropy: target size \[3\] must be the same as input size \[3, 5\]/);
    expect(() => new nn.MultiMarginLoss().forward(x, torch.tensor([0, 1, 8]))).toThrow(/multiMarginLoss: target 8 is out of bounds for 5 classes/);
    expect(() => new nn.MultiLabelMarginLoss().forward(x, torch.tensor([[0, 6, -1, 0, 0], [0, -1, 0, 0, 0], [1, -1, 0, 0, 0]]))).toThrow(/target 6 is out of bounds for 5 classes/);
    expect(() => new nn.MSELoss().forward(x, randn(5, 3))).toThrow(/mseLoss: target size \[5, 3\] must be the same as input size \[3, 5\]/);
    expect(() => new nn.BCELoss().forward(new Variable(torch.tensor([-0.5, 0.5], { dtype: torch.float64 })), torch.zeros([2], { dtype: torch.float64 }).add(0.5))).toThrow(/binaryCrossEntropy: all elements of input should be between 0 and 1/);
    expect(() => new nn.CrossEntropyLoss().forward(x, torch.tensor([0.5, 1, 2]))).toThrow(/target size \[3\] must be the same as input size \[3, 5\]/);
    expect(() => new nn.CrossEntropyLoss({ weight: randn(4) }).forward(x, torch.tensor([0, 1, 2]))).toThrow(/weight of size \[4\] does not match 5 classes/);
  });

  it('indices out of range in embeddings', () => {
    const e = new nn.Embedding(5, 2);
    expect(() => e.forward(torch.tensor([1, 5]))).toThrow(/embedding: index 5 is out of range for 5 embeddings/);
    expect(() => e.forward(torch.tensor([-1]))).toThrow(/index -1 is out of range/);
    expect(() => e.forward(torch.tensor([0.5]))).toThrow(/embedding: expected an integer tensor of indices, got torch.float32/);
    expect(() => new nn.Embedding(5, 2, { paddingIdx: 5 })).toThrow(/paddingIdx 5 must be within the 5 embeddings/);
    expect(() => new nn.EmbeddingBag(5, 2).forward(torch.tensor([1, 2, 3]), torch.tensor([1]))).toThrow(/offsets must start at 0/);
  });

  it('bad layer settings', () => {
    expect(() => new nn.Linear(-1, 2)).toThrow(/Linear: inFeatures must be a non-negative integer, got -1/);
    expect(() => new nn.GroupNorm(3, 4)).toThrow(/GroupNorm: numChannels \(4\) must be divisible by numGroups \(3\)/);
    expect(() => new nn.RNN(3, 4, { nonlinearity: 'sigmoid' as never })).toThrow(/RNN: unknown nonlinearity 'sigmoid'/);
    expect(() => new nn.LSTM(3, 4, { num_layers: 2 } as never)).toThrow(/LSTM: unknown option 'num_layers' \(did you mean 'numLayers'\?\)/);
    expect(() => new nn.Hardtanh(2, 1)).not.toThrow(); // checked at forward, as PyTorch
    expect(() => new nn.Hardtanh(2, 1).forward(v(2))).toThrow(/hardtanh: minVal \(2\) must be less than or equal to maxVal \(1\)/);
    expect(() => nn.functional.pad(v(2, 3), [4, 0], { mode: 'reflect' })).toThrow(/reflect padding \(4, 0\) must be less than the size 3 of dim 1/);
    expect(() => nn.utils.rnn.packPaddedSequence(v(4, 3, 2), [2, 4, 1])).toThrow(/must be sorted in decreasing order when enforceSorted is true/);
    expect(() => nn.utils.rnn.packPaddedSequence(v(4, 3, 2), [4, 5, 1], { enforceSorted: false })).toThrow(/every length must be an integer in \[1, 4\]/);
    expect(() => nn.functional.relu(torch.tensor([1, 2]))).toThrow(/relu: expected a floating point input, got torch.int64/);
  });
});

describe('utils', () => {
  it('clipGradNorm_ scales gradients to the norm and returns the norm before; clipGradValue_ clamps', () => {
    const p1 = new nn.Parameter(torch.zeros([2], { dtype: torch.float64 }));
    const p2 = new nn.Parameter(torch.zeros([1], { dtype: torch.float64 }));
    p1.grad = torch.tensor([3, 0], { dtype: torch.float64 });
    p2.grad = torch.tensor([4], { dtype: torch.float64 });
    expect(nn.utils.clipGradNorm_([p1, p2], 1)).toBeCloseTo(5, 12);
    expect((p1.grad!.data.tolist() as number[])[0]).toBeCloseTo(0.6, 6);
    expect((p2.grad!.data.tolist() as number[])[0]).toBeCloseTo(0.8, 6);
    expect(nn.utils.clipGradNorm_([p1, p2], 10, Infinity)).toBeCloseTo(0.8, 6);
    nn.utils.clipGradValue_([p1, p2], 0.7);
    expect(p2.grad!.data.tolist()).toEqual([0.7]);
  });

  it('parametersToVector / vectorToParameters round trip, and parametersToVector is differentiable', () => {
    const net = new nn.Sequential(new nn.Linear(3, 2), new nn.Linear(2, 1)).double();
    const vec = nn.utils.parametersToVector(net.parameters());
    expect(vec.shape).toEqual([11]);
    const other = new nn.Sequential(new nn.Linear(3, 2), new nn.Linear(2, 1)).double();
    nn.utils.vectorToParameters(vec, other.parameters());
    for (const [k, t] of Object.entries(net.stateDict())) expect(other.stateDict()[k]!.equal(t), k).toBe(true);
    vec.mul(vec).sum().backward();
    const w = net.get(0) as nn.Linear;
    expect(w.weight.grad!.data.equal(w.weight.data.mul(2))).toBe(true);
    expect(() => nn.utils.vectorToParameters(torch.zeros([3]), net.parameters())).toThrow(/the vector has 3 elements but the parameters have 11/);
  });

  it('init: fans, gains and distributions', () => {
    expect(nn.init.calculateFanInAndFanOut(torch.empty([16, 3, 5, 5]))).toEqual([75, 400]);
    expect(nn.init.calculateGain('relu')).toBeCloseTo(Math.SQRT2, 12);
    expect(nn.init.calculateGain('leaky_relu', 0.2)).toBeCloseTo(Math.sqrt(2 / 1.04), 12);
    expect(nn.init.calculateGain('tanh')).toBeCloseTo(5 / 3, 12);
    const w = torch.empty([200, 300], { dtype: torch.float64 });
    nn.init.xavierUniform_(w);
    const a = Math.sqrt(6 / 500);
    expect(w.abs().max().item()).toBeLessThanOrEqual(a);
    expect(w.abs().max().item()).toBeGreaterThan(a * 0.95);
    nn.init.kaimingNormal_(w, { mode: 'fan_out', nonlinearity: 'relu' });
    expect(w.std().item()).toBeCloseTo(Math.sqrt(2 / 200), 2);
    const q = nn.init.orthogonal_(torch.empty([3, 5], { dtype: torch.float64 }));
    const qqt = q.mm(q.t());
    expect(qqt.sub(torch.eye(3, { dtype: torch.float64 })).abs().max().item()).toBeLessThan(1e-10);
    const e = nn.init.eye_(torch.empty([2, 3]));
    expect(e.tolist()).toEqual([[1, 0, 0], [0, 1, 0]]);
    const d = nn.init.dirac_(torch.empty([2, 2, 3]));
    expect(d.tolist()).toEqual([[[0, 1, 0], [0, 0, 0]], [[0, 0, 0], [0, 1, 0]]]);
    const s = nn.init.sparse_(torch.empty([10, 4], { dtype: torch.float64 }), 0.5);
    for (let c = 0; c < 4; c++) expect(s.select(1, c).eq(0).sum().item()).toBeGreaterThanOrEqual(5);
    expect(() => nn.init.xavierUniform_(torch.empty([3]))).toThrow(/fewer than 2 dimensions/);
  });

  it('pack/pad round trip in the original order', () => {
    const x = randn(4, 3, 2);
    const packed = nn.utils.rnn.packPaddedSequence(x, [2, 4, 1], { enforceSorted: false });
    expect(packed.batchSizes.tolist()).toEqual([3, 2, 1, 1]);
    const [padded, lengths] = nn.utils.rnn.padPackedSequence(packed);
    expect(lengths.tolist()).toEqual([2, 4, 1]);
    const mask = torch.tensor([[1, 1, 1], [1, 1, 0], [0, 1, 0], [0, 1, 0]], { dtype: torch.float64 }).unsqueeze(2);
    expect(padded.data.equal(x.mul(mask))).toBe(true);
    const seq = nn.utils.rnn.padSequence([randn(3, 2), randn(1, 2)], { batchFirst: true, paddingValue: -1 });
    expect(seq.shape).toEqual([2, 3, 2]);
    expect(seq.data.get(1, 2).tolist()).toEqual([-1, -1]);
  });
});
