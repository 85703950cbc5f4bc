// The nn layer ops (ops/nn: convolution, pooling, unpooling, batch/instance norm) against PyTorch 1.13
// (tools/gen_fixtures_nn_kernels.py): forward values, indices and updated running statistics; the
// THNN-shaped entries against the functional ones; non-contiguous inputs, batch of one, empty batches;
// and the errors for bad input, which must name the op and the sizes. Gradients are checked in
// autograd's nn.test.ts (the same fixtures, and gradcheck).
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';
import { attempt, compareTensor, inputTensor, loadFixture, onEveryBackend, sameOnEveryBackend, type TensorSpec, type Tol } from './fixtures';

interface NnCase {
  op: string;
  tag: string;
  inputs: Record<string, TensorSpec>;
  args: unknown[];
  expected: Record<string, TensorSpec>;
}

const cases = loadFixture<NnCase>('nn_kernels.json');
const tolOf = (dtype: string): Tol => (dtype === 'float64' ? { rtol: 1e-12, atol: 1e-12 } : { rtol: 2e-5, atol: 2e-5 });

/** Calls core's function for a fixture case (tensors first, in the op's argument order). */
export function callCase(api: Record<string, any>, c: NnCase, t: Record<string, torch.Tensor | null>): { output: torch.Tensor; indices?: torch.Tensor } {
  const fn = api[c.op] as (...a: unknown[]) => unknown;
  let r: unknown;
  if (c.op === 'batchNorm' || c.op === 'instanceNorm') r = fn(t.input, t.runningMean, t.runningVar, t.weight ?? null, t.bias ?? null, ...c.args);
  else if (c.op.startsWith('maxUnpool')) r = fn(t.input, t.indices, ...c.args);
  else if (c.op === 'fractionalMaxPool2d') r = fn(t.input, c.args[0], { ...(c.args[1] as object), _randomSamples: t._randomSamples });
  else if (c.op.startsWith('conv')) r = fn(t.input, t.weight, t.bias ?? null, ...c.args);
  else r = fn(t.input, ...c.args);
  return Array.isArray(r) ? { output: r[0], indices: r[1] } : { output: r as torch.Tensor };
}

function inputsOf(c: NnCase): Record<string, torch.Tensor> {
  return Object.fromEntries(Object.entries(c.inputs).map(([k, v]) => [k, inputTensor(v)]));
}

describe('nn layer ops match PyTorch 1.13', () => {
  for (const c of cases) {
    it(`${c.op} ${c.tag} (cpu and meta)`, () => {
      expect(onEveryBackend(() => {
      const t = inputsOf(c);
      const { result, error } = attempt(() => callCase(torch, c, t));
      sameOnEveryBackend(c.op, { result, error });
      if (error !== undefined) throw error;
      const { output, indices } = result as ReturnType<typeof callCase>;
      const tol = tolOf(c.expected.output!.dtype);
      expect(compareTensor(output, c.expected.output!, tol)).toBeNull();
      if (c.expected.indices) expect(compareTensor(indices!, c.expected.indices)).toBeNull();
      if (c.expected.runningMean) {
        expect(compareTensor(t.runningMean!, c.expected.runningMean, tol)).toBeNull();
        expect(compareTensor(t.runningVar!, c.expected.runningVar!, tol)).toBeNull();
      }
      })).toBeNull();
    });
  }

  it('gives the same results on non-contiguous inputs and weights', () => {
    for (const c of cases.filter((k) => k.op.startsWith('conv') || k.op.startsWith('maxPool') || k.op.startsWith('avgPool') || k.op === 'batchNorm')) {
      const t = inputsOf(c);
      // The first half of each row of a twice-as-wide tensor: same values, rows with gaps between them.
      const strided = Object.fromEntries(
        Object.entries(t).map(([k, v]) => [k, v.dim() >= 2 ? torch.cat([v, v], -1).narrow(-1, 0, v.shape[v.dim() - 1]!) : v]),
      );
      expect(strided.input!.isContiguous()).toBe(false);
      const { output } = callCase(torch, c, strided);
      expect(compareTensor(output, c.expected.output!, tolOf(c.expected.output!.dtype)), `${c.op} ${c.tag}`).toBeNull();
    }
  });
});

describe('conv', () => {
  const x = torch.randn(2, 3, 6, 6), w = torch.randn(4, 3, 3, 3), b = torch.randn(4);

  it('runs a batch of one and an unbatched input like the batched one', () => {
    const all = torch.conv2d(x, w, b, { padding: 1 });
    const one = torch.conv2d(x.narrow(0, 1, 1), w, b, { padding: 1 });
    expect(one.sub(all.narrow(0, 1, 1)).abs().max().item()).toBeLessThan(1e-5);
    const unbatched = torch.conv2d(x.select(0, 1), w, b, { padding: 1 });
    expect(unbatched.shape).toEqual([4, 6, 6]);
    expect(unbatched.sub(all.select(0, 1)).abs().max().item()).toBeLessThan(1e-5);
  });

  it('handles an empty batch', () => {
    expect(torch.conv2d(torch.empty(0, 3, 6, 6), w).shape).toEqual([0, 4, 4, 4]);
  });

  it('THNN-shaped entries agree with the functional form and accumulate with a scale', () => {
    const p = { stride: [1, 1], padding: [1, 1], dilation: [1, 1], groups: 1 };
    const out = torch.empty(0);
    torch.convolutionUpdateOutput(x, out, w, b, p);
    expect(out.sub(torch.conv2d(x, w, b, { padding: 1 })).abs().max().item()).toBe(0);
    const gy = torch.randn(2, 4, 6, 6), gx = torch.empty(0);
    torch.convolutionUpdateGradInput(x, gy, gx, w, p);
    expect(gx.shape).toEqual([2, 3, 6, 6]);
    const gw = torch.zeros(4, 3, 3, 3), gb = torch.zeros(4);
    torch.convolutionAccGradParameters(x, gy, gw, gb, p, 1);
    const gw2 = gw.clone(), gb2 = gb.clone();
    torch.convolutionAccGradParameters(x, gy, gw2, gb2, p, 0.5);
    expect(gw2.sub(gw.mul(1.5)).abs().max().item()).toBeLessThan(1e-4);
    expect(gb2.sub(gy.sum([0, 2, 3]).mul(1.5)).abs().max().item()).toBeLessThan(1e-4);
  });

  it('rejects bad input with the op and the sizes', () => {
    expect(() => torch.conv2d(torch.randn(2, 5, 6, 6), w)).toThrow(/conv2d: input of size \[2, 5, 6, 6\] has 5 channels, but weight of size \[4, 3, 3, 3\]/);
    expect(() => torch.conv2d(torch.randn(6, 6), w)).toThrow(/conv2d: expected input of 3D or 4D, got size \[6, 6\]/);
    expect(() => torch.conv2d(torch.randn(1, 3, 2, 2), w)).toThrow(/conv2d: kernel size \(dilated\) \[3, 3\] is larger than the padded input size \[2, 2\]/);
    expect(() => torch.conv2d(x, w, torch.randn(5))).toThrow(/conv2d: bias of size \[5\] does not match 4 output channels/);
    expect(() => torch.conv2d(x, w.double())).toThrow(/conv2d: weight has dtype torch.float64 but input has torch.float32/);
    expect(() => torch.conv2d(x.int(), w)).toThrow(/conv2d: input must be float32 or float64/);
    expect(() => torch.conv2d(x, w, null, { strides: 2 } as never)).toThrow(/conv2d: unknown option strides/);
    expect(() => torch.conv2d(x, w, null, { stride: 0 })).toThrow(/conv2d: stride must be at least 1/);
    expect(() => torch.conv2d(x, w, null, { groups: 2 })).toThrow(/conv2d: input of size \[2, 3, 6, 6\] has 3 channels/);
    expect(() => torch.convTranspose2d(x, torch.randn(3, 2, 3, 3), null, { stride: 2, outputPadding: 2 })).toThrow(/convTranspose2d: outputPadding \[2, 2\] must be smaller than stride \[2, 2\]/);
  });
});

describe('pooling', () => {
  it('propagates NaN through max pooling as PyTorch', () => {
    const x = torch.tensor([[[1, NaN, 3, 4]]]).float();
    expect(torch.maxPool1d(x, 2).tolist()).toEqual([[[NaN, 4]]]);
    // The 2x2/stride-2 path (vectorised) and the general one pick PyTorch's index: the last NaN of the window.
    const y = torch.tensor([[[[1, NaN, 3, 4], [NaN, 0, 9, -Infinity]]]]).float();
    for (const o of [{}, { padding: 0, dilation: 1, ceilMode: true }, { stride: [2, 2] }]) {
      const [v, i] = torch.maxPool2d(y, 2, { ...o, returnIndices: true });
      expect(v.tolist()).toEqual([[[[NaN, 9]]]]);
      expect(i.tolist()).toEqual([[[[4, 6]]]]);
    }
    const [v3, i3] = torch.maxPool2d(torch.tensor([[[[1, NaN, 3], [NaN, 0, 9]]]]).double(), 2, { ceilMode: true, returnIndices: true });
    expect(v3.tolist()).toEqual([[[[NaN, 9]]]]);
    expect(i3.tolist()).toEqual([[[[3, 5]]]]);
  });

  it('THNN-shaped max/avg pooling agree with the functional forms', () => {
    const x = torch.randn(2, 3, 7, 7);
    const p = { kernelSize: [3, 3], stride: [2, 2], padding: [1, 1], dilation: [1, 1], ceilMode: true, countIncludePad: false, divisorOverride: 0 };
    const out = torch.empty(0), idx = torch.empty(0, { dtype: torch.int64 });
    torch.maxPoolUpdateOutput(x, out, idx, p);
    const [y, i] = torch.maxPool2d(x, 3, { stride: 2, padding: 1, ceilMode: true, returnIndices: true });
    expect(out.equal(y)).toBe(true);
    expect(idx.equal(i)).toBe(true);
    const gx = torch.empty(0);
    torch.maxPoolUpdateGradInput(x, torch.onesLike(y), gx, idx, p);
    expect(gx.sum().item()).toBe(y.numel());
    const a = torch.empty(0);
    torch.avgPoolUpdateOutput(x, a, p);
    expect(a.sub(torch.avgPool2d(x, 3, { stride: 2, padding: 1, ceilMode: true, countIncludePad: false })).abs().max().item()).toBe(0);
  });

  it('max pool backward puts each gradient at its index, for every geometry', () => {
    // Reference: a zero plane and gradInput[index] += gradOutput, in JS.
    const scatter = (x: torch.Tensor, g: torch.Tensor, idx: torch.Tensor) => {
      const [n, c] = x.shape as [number, number], plane = x.shape[2]! * x.shape[3]!, outPlane = g.shape[2]! * g.shape[3]!;
      const out = new Float64Array(n * c * plane), gv = g.flatten().tolist() as number[], iv = idx.flatten().tolist() as number[];
      for (let p = 0; p < n * c; p++) for (let o = 0; o < outPlane; o++) out[p * plane + iv[p * outPlane + o]!] += gv[p * outPlane + o]!;
      return torch.tensor(out).view(x.shape);
    };
    torch.manualSeed(3);
    for (const [h, w, k, o] of [[8, 8, 2, {}], [7, 9, 2, {}], [9, 7, 2, { ceilMode: true }], [8, 8, 3, { stride: 2, padding: 1 }], [6, 6, 2, { stride: 1 }], [5, 5, 2, { dilation: 2 }]] as const) {
      const x = torch.randn(2, 3, h, w).double();
      x.view(-1).narrow(0, 0, 5).fill_(0); // ties: the first position wins
      const [y, idx] = torch.maxPool2d(x, k, { ...o, returnIndices: true });
      const g = torch.randn(y.shape).double();
      expect(torch.maxPoolBackward(2, x, g, idx).equal(scatter(x, g, idx))).toBe(true);
    }
    // Adaptive pooling of 7 into 3 has overlapping windows.
    const x = torch.randn(1, 2, 7, 7).double();
    const [y, idx] = torch.adaptiveMaxPool2d(x, 3, { returnIndices: true } as never) as unknown as [torch.Tensor, torch.Tensor];
    const g = torch.ones(y.shape).double();
    expect(torch.maxPoolBackward(2, x, g, idx).equal(scatter(x, g, idx))).toBe(true);
    // Bad indices are still an error, not a write outside the plane.
    expect(() => torch.maxPoolBackward(2, torch.randn(1, 1, 4, 4), torch.ones(1, 1, 2, 2), torch.full([1, 1, 2, 2], 99, { dtype: torch.int64 }))).toThrow(/maxPoolBackward/);
  });

  it('rejects bad input with the op and the sizes', () => {
    expect(() => torch.maxPool2d(torch.randn(1, 1, 2, 2), 3)).toThrow(/maxPool2d: input of size \[1, 1, 2, 2\] is too small for kernel \[3, 3\]/);
    expect(() => torch.maxPool2d(torch.randn(4, 4), 2)).toThrow(/maxPool2d: expected input of 3D or 4D, got size \[4, 4\]/);
    expect(() => torch.maxPool2d(torch.randn(1, 1, 4, 4), 2, { padding: 2 })).toThrow(/maxPool2d: padding \[2, 2\] should be at most half of the kernel size \[2, 2\]/);
    expect(() => torch.avgPool2d(torch.randn(1, 1, 4, 4), 2, { ceil_mode: true } as never)).toThrow(/avgPool2d: unknown option ceil_mode \(did you mean ceilMode\?\)/);
    expect(() => torch.adaptiveAvgPool2d(torch.randn(1, 1, 4, 4), [2])).toThrow(/adaptiveAvgPool2d: outputSize must be an integer or a list of 2 integers/);
    const [y, i] = torch.maxPool1d(torch.randn(1, 1, 4), 2, { returnIndices: true });
    expect(() => torch.maxUnpool1d(y, i.fill_(7), 2)).toThrow(/maxUnpoolForward: an index is outside the plane/);
  });
});

describe('batchNorm', () => {
  it('needs running statistics in evaluation mode and more than one value per channel when training', () => {
    expect(() => torch.batchNorm(torch.randn(2, 3), null, null)).toThrow(/batchNorm: runningMean and runningVar are required in evaluation mode/);
    expect(() => torch.batchNorm(torch.randn(1, 3), null, null, null, null, true)).toThrow(/batchNorm: expected more than 1 value per channel when training, got input size \[1, 3\]/);
    expect(() => torch.batchNorm(torch.randn(2, 3), torch.zeros(4), torch.ones(4))).toThrow(/batchNorm: runningMean of size \[4\] does not match the 3 channels of input \[2, 3\]/);
  });

  it('THNN-shaped entries agree with the functional form', () => {
    const x = torch.randn(4, 3, 5), w = torch.randn(3), b = torch.randn(3);
    const out = torch.empty(0), sm = torch.empty(0), ss = torch.empty(0);
    torch.batchNormUpdateOutput(x, out, w, b, null, null, sm, ss, true, 0.1, 1e-5);
    expect(out.sub(torch.batchNorm(x, null, null, w, b, true)).abs().max().item()).toBeLessThan(1e-6);
    expect(sm.sub(x.mean([0, 2])).abs().max().item()).toBeLessThan(1e-6);
    const gx = torch.empty(0), gw = torch.zeros(3), gb = torch.zeros(3);
    torch.batchNormBackward_(x, torch.onesLike(x), gx, gw, gb, w, sm, ss, true, 2);
    expect(gb.tolist()).toEqual([40, 40, 40]);
    // d/dx of Σ y is 0 when training (the mean is subtracted).
    expect(gx.abs().max().item()).toBeLessThan(1e-5);
  });
});
