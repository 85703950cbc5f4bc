// The convolution, pooling and normalization modules: they run the functional forms with their own
// parameters, initialise as PyTorch, keep running statistics as PyTorch 1.13 does over training steps
// (tools/gen_fixtures_nn_kernels.py writes nn_layers.json), and reject bad arguments naming the module.
import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { Variable } from '@torch/autograd';
import * as nn from '../src/index';
import { loadCases, fromSpec, expectClose, type TensorSpec } from './helpers';

interface NormCase {
  module: string; numFeatures: number; options: Record<string, unknown>; train: TensorSpec[]; eval: TensorSpec; outputs: TensorSpec[];
  weight?: TensorSpec; bias?: TensorSpec; runningMean?: TensorSpec; runningVar?: TensorSpec; numBatchesTracked?: number;
}

describe('norm modules match PyTorch 1.13 over training and evaluation steps', () => {
  for (const c of loadCases<NormCase>('nn_layers.json')) {
    it(`${c.module} ${JSON.stringify(c.options)}`, () => {
      const Cls = (nn as unknown as Record<string, new (n: number, o: object) => nn.Module>)[c.module]!;
      const m = new Cls(c.numFeatures, { ...c.options, dtype: torch.float64 }) as unknown as {
        forward(x: Variable): Variable; eval(): unknown; weight: nn.Parameter | null; bias: nn.Parameter | null;
        runningMean: torch.Tensor | null; runningVar: torch.Tensor | null; numBatchesTracked: torch.Tensor | null;
      };
      if (c.weight) {
        m.weight!.data.copy_(fromSpec(c.weight));
        m.bias!.data.copy_(fromSpec(c.bias!));
      }
      c.train.forEach((x, i) => expectClose(m.forward(new Variable(fromSpec(x))), fromSpec(c.outputs[i]!), `train step ${i}`, 1e-10, 1e-10));
      m.eval();
      expectClose(m.forward(new Variable(fromSpec(c.eval))), fromSpec(c.outputs[c.outputs.length - 1]!), 'eval step', 1e-10, 1e-10);
      if (c.runningMean) {
        expectClose(m.runningMean!, fromSpec(c.runningMean), 'runningMean', 1e-10, 1e-10);
        expectClose(m.runningVar!, fromSpec(c.runningVar!), 'runningVar', 1e-10, 1e-10);
        expect(m.numBatchesTracked!.item()).toBe(c.numBatchesTracked);
      } else expect(m.runningMean).toBeNull();
    });
  }
});

describe('convolution modules', () => {
  it('have PyTorch parameter shapes and default init bounds, and run the functional conv', () => {
    const conv = new nn.Conv2d(4, 6, [3, 2], { padding: 1, groups: 2 });
    expect(conv.weight.data.shape).toEqual([6, 2, 3, 2]);
    const bound = 1 / Math.sqrt(2 * 3 * 2);
    expect(conv.weight.data.abs().max().item()).toBeLessThanOrEqual(bound);
    expect(conv.bias!.data.abs().max().item()).toBeLessThanOrEqual(bound);
    const x = new Variable(torch.randn(2, 4, 5, 5));
    const y = conv.forward(x);
    expectClose(y, torch.conv2d(x.data, conv.weight.data, conv.bias!.data, { padding: 1, groups: 2 }), 'Conv2d', 0, 0);
    y.sum().backward();
    expect(conv.weight.grad!.data.shape).toEqual([6, 2, 3, 2]);
    expect(conv.bias!.grad!.data.tolist()).toEqual(new Array(6).fill(2 * 5 * 6));
    const t = new nn.ConvTranspose2d(4, 6, 3, { stride: 2, outputPadding: 1, bias: false });
    expect(t.weight.data.shape).toEqual([4, 6, 3, 3]);
    expect(t.bias).toBeNull();
    expect(t.forward(new Variable(torch.randn(1, 4, 5, 5))).shape).toEqual([1, 6, 12, 12]);
    expect(new nn.Conv1d(2, 3, 3).forward(new Variable(torch.randn(1, 2, 8))).shape).toEqual([1, 3, 6]);
    expect(new nn.Conv3d(2, 3, 2).forward(new Variable(torch.randn(1, 2, 3, 3, 3))).shape).toEqual([1, 3, 2, 2, 2]);
    expect(new nn.ConvTranspose1d(2, 3, 3).forward(new Variable(torch.randn(1, 2, 4))).shape).toEqual([1, 3, 6]);
    expect(new nn.ConvTranspose3d(2, 2, 2, { stride: 2 }).forward(new Variable(torch.randn(1, 2, 2, 2, 2))).shape).toEqual([1, 2, 4, 4, 4]);
  });

  it('reject bad arguments naming the module', () => {
    expect(() => new nn.Conv2d(3, 4, 3, { groups: 2 })).toThrow(/Conv2d: inChannels \(3\) must be divisible by groups \(2\)/);
    expect(() => new nn.Conv2d(3, 4, 3, { padding_mode: 'zeros' } as never)).toThrow(/Conv2d: unknown option 'padding_mode' \(did you mean 'paddingMode'\?\)/);
    expect(() => new nn.Conv2d(3, 4, 3, { outputPadding: 1 } as never)).toThrow(/Conv2d: unknown option 'outputPadding'/);
    expect(() => new nn.Conv2d(3, 4, 3).forward(new Variable(torch.randn(1, 2, 5, 5)))).toThrow(/conv2d: input of size \[1, 2, 5, 5\] has 2 channels/);
  });
});

describe('pooling modules', () => {
  it('run the functional pools, with indices that MaxUnpool inverts', () => {
    const x = new Variable(torch.randn(2, 3, 6, 6), { requiresGrad: true });
    const [y, idx] = new nn.MaxPool2d(2, { returnIndices: true }).forward(x) as [Variable, Variable];
    expectClose(y, torch.maxPool2d(x.data, 2), 'MaxPool2d', 0, 0);
    const back = new nn.MaxUnpool2d(2).forward(y, idx);
    expect(back.shape).toEqual([2, 3, 6, 6]);
    expectClose(back.data.view(2, 3, 36).gather(2, idx.data.view(2, 3, 9)), y.data.view(2, 3, 9), 'unpooled values at the indices', 0, 0);
    expect(back.data.ne(0).sum().item()).toBe(2 * 3 * 9);
    expectClose(new nn.AvgPool2d(3, { stride: 2, padding: 1 }).forward(x), torch.avgPool2d(x.data, 3, { stride: 2, padding: 1 }), 'AvgPool2d', 0, 0);
    expect(new nn.AdaptiveAvgPool2d(1).forward(x).shape).toEqual([2, 3, 1, 1]);
    expect((new nn.AdaptiveMaxPool2d([2, 3]).forward(x) as Variable).shape).toEqual([2, 3, 2, 3]);
    expect((new nn.MaxPool1d(2).forward(new Variable(torch.randn(1, 2, 8))) as Variable).shape).toEqual([1, 2, 4]);
    expect((new nn.MaxPool3d(2).forward(new Variable(torch.randn(1, 1, 4, 4, 4))) as Variable).shape).toEqual([1, 1, 2, 2, 2]);
    expect(new nn.AvgPool1d(2).forward(new Variable(torch.randn(1, 2, 8))).shape).toEqual([1, 2, 4]);
    expect(new nn.AvgPool3d(2).forward(new Variable(torch.randn(1, 1, 4, 4, 4))).shape).toEqual([1, 1, 2, 2, 2]);
    expect(new nn.AdaptiveAvgPool1d(3).forward(new Variable(torch.randn(1, 2, 8))).shape).toEqual([1, 2, 3]);
    expect((new nn.AdaptiveMaxPool1d(3).forward(new Variable(torch.randn(1, 2, 8))) as Variable).shape).toEqual([1, 2, 3]);
    const [y1, i1] = torch.maxPool1d(torch.randn(1, 1, 8), 2, { returnIndices: true });
    expect(new nn.MaxUnpool1d(2).forward(new Variable(y1), i1).shape).toEqual([1, 1, 8]);
    const [y3, i3] = torch.maxPool3d(torch.randn(1, 1, 4, 4, 4), 2, { returnIndices: true });
    expect(new nn.MaxUnpool3d(2).forward(new Variable(y3), i3).shape).toEqual([1, 1, 4, 4, 4]);
  });

  it('reject unknown options naming the module', () => {
    expect(() => new nn.MaxPool2d(2, { ceil_mode: true } as never)).toThrow(/MaxPool2d: unknown option 'ceil_mode' \(did you mean 'ceilMode'\?\)/);
    expect(() => new nn.AvgPool2d(2, { dilation: 2 } as never)).toThrow(/AvgPool2d: unknown option 'dilation'/);
  });
});

describe('a small CNN trains', () => {
  it('a step of the Fashion-MNIST style CNN lowers its loss', () => {
    torch.manualSeed(0);
    class Net extends nn.Module {
      conv1 = new nn.Conv2d(1, 4, 3, { padding: 1 });
      bn = new nn.BatchNorm2d(4);
      pool = new nn.MaxPool2d(2);
      fc = new nn.Linear(4 * 4 * 4, 3);
      override forward(x: Variable): Variable {
        const h = this.pool.forward(nn.functional.relu(this.bn.forward(this.conv1.forward(x)))) as Variable;
        return this.fc.forward(h.view(x.shape[0]!, 64));
      }
    }
    const net = new Net();
    const x = new Variable(torch.randn(6, 1, 8, 8)), target = torch.tensor([0, 1, 2, 0, 1, 2]);
    const lossOf = () => nn.functional.crossEntropy(net.forward(x), target);
    const before = lossOf();
    before.backward();
    for (const p of net.parameters()) p.data.sub_(p.grad!.data.mul(0.05));
    expect(lossOf().item()).toBeLessThan(before.item());
  });
});
