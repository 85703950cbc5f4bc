// fractionalMaxPool2d beyond the PyTorch fixtures (nn-kernels.test.ts runs those): the THNN-shaped
// entries against the functional one, reproducible windows under manualSeed, non-contiguous and
// empty inputs, the meta device, and the errors for bad input.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';

const samples = (n: number, c: number, dtype: torch.DType = torch.float32) => torch.rand([n, c, 2], { dtype });

describe('fractionalMaxPool2d', () => {
  const x = torch.randn(2, 3, 9, 11);

  it('pools each window to its maximum, the indices pointing at it in the input plane', () => {
    const s = samples(2, 3);
    const [y, idx] = torch.fractionalMaxPool2d(x, [2, 3], { outputSize: [4, 5], _randomSamples: s, returnIndices: true });
    expect(y.shape).toEqual([2, 3, 4, 5]);
    const gathered = x.reshape([2, 3, 99]).gather(2, idx.reshape([2, 3, 20])).reshape([2, 3, 4, 5]);
    expect(gathered.equal(y)).toBe(true);
  });

  it('agrees with the THNN-shaped entries, forward and backward', () => {
    const s = samples(2, 3);
    const [y, idx] = torch.fractionalMaxPool2d(x, 3, { outputRatio: 0.5, _randomSamples: s, returnIndices: true });
    const out = torch.empty(0), ix = torch.empty(0, { dtype: torch.int64 });
    torch.fractionalMaxPool2dUpdateOutput(x, out, ix, 3, [4, 5], s);
    expect(out.equal(y)).toBe(true);
    expect(ix.equal(idx)).toBe(true);
    const gy = torch.randn(2, 3, 4, 5), gx = torch.empty(0);
    torch.fractionalMaxPool2dUpdateGradInput(x, gy, gx, ix);
    expect(gx.shape).toEqual(x.shape);
    // The gradient is gradOutput scattered (added) at the indices.
    const want = torch.zeros(2, 3, 99).scatterAdd(2, ix.reshape([2, 3, 20]), gy.reshape([2, 3, 20])).reshape(x.shape);
    expect(gx.sub(want).abs().max().item()).toBeLessThan(1e-6);
  });

  it('draws its windows from the default generator, so manualSeed reproduces them', () => {
    const run = () => {
      torch.manualSeed(7);
      return torch.fractionalMaxPool2d(x, 2, { outputSize: 4, returnIndices: true })[1];
    };
    const a = run(), b = run();
    expect(a.equal(b)).toBe(true);
    torch.manualSeed(8);
    // Other samples pick other windows somewhere among the 6 planes.
    expect(torch.fractionalMaxPool2d(x, 2, { outputSize: 4, returnIndices: true })[1].equal(a)).toBe(false);
  });

  it('gives the same result for a non-contiguous input, an unbatched one and float64', () => {
    const s = samples(2, 3);
    const y = torch.fractionalMaxPool2d(x, 2, { outputSize: [5, 6], _randomSamples: s });
    const strided = torch.cat([x, x], 3).narrow(3, 0, 11);
    expect(strided.isContiguous()).toBe(false);
    expect(torch.fractionalMaxPool2d(strided, 2, { outputSize: [5, 6], _randomSamples: s }).equal(y)).toBe(true);
    const one = torch.fractionalMaxPool2d(x.select(0, 1), 2, { outputSize: [5, 6], _randomSamples: s.narrow(0, 1, 1) });
    expect(one.equal(y.select(0, 1))).toBe(true);
    const yd = torch.fractionalMaxPool2d(x.double(), 2, { outputSize: [5, 6], _randomSamples: s.double() });
    expect(yd.dtype).toBe(torch.float64);
    expect(yd.shape).toEqual([2, 3, 5, 6]);
  });

  it('handles an empty batch and an empty output', () => {
    expect(torch.fractionalMaxPool2d(torch.empty(0, 3, 9, 9), 2, { outputSize: 4, _randomSamples: torch.empty(0, 3, 2) }).shape).toEqual([0, 3, 4, 4]);
    expect(torch.fractionalMaxPool2d(x, 2, { outputRatio: 0.05 }).shape).toEqual([2, 3, 0, 0]);
  });

  it('runs on meta through its backend entry (sizes and dtypes, no memory)', () => {
    const m = torch.empty([2, 3, 9, 11], { device: 'meta' });
    const [y, idx] = torch.fractionalMaxPool2d(m, 3, { outputRatio: [0.5, 0.6], returnIndices: true });
    expect(y.device.type).toBe('meta');
    expect(y.shape).toEqual([2, 3, 4, 6]);
    expect(idx.dtype).toBe(torch.int64);
    expect(idx.device.type).toBe('meta');
  });

  it('rejects bad input with errors naming the op and the sizes', () => {
    const f = (o: object, input = x, k: number | number[] = 2) => () => torch.fractionalMaxPool2d(input, k, o);
    expect(f({})).toThrow(/fractionalMaxPool2d: expected exactly one of outputSize and outputRatio/);
    expect(f({ outputSize: 4, outputRatio: 0.5 })).toThrow(torch.TorchTypeError);
    expect(f({ outputSize: [8, 4] }, x, 3)).toThrow(/fractionalMaxPool2d: kernel \[3, 3\] and output size \[8, 4\] are too large for input \[2, 3, 9, 11\] along the height/);
    expect(f({ outputSize: 4 }, x, 12)).toThrow(torch.TorchSizeError);
    expect(f({ outputSize: 4 }, torch.randn(9, 11))).toThrow(/fractionalMaxPool2d: expected input of 3D or 4D, got size \[9, 11\]/);
    expect(f({ outputSize: 4 }, torch.randn(2, 3, 9, 11).int())).toThrow(/fractionalMaxPool2d: input must be float32 or float64, got torch.int32 \(size \[2, 3, 9, 11\]\)/);
    expect(f({ outputSize: 4, _randomSamples: samples(1, 3) })).toThrow(/fractionalMaxPool2d: _randomSamples must have size \[2, 3, 2\] for input \[2, 3, 9, 11\], got \[1, 3, 2\]/);
    expect(f({ outputSize: 4, _randomSamples: samples(2, 3, torch.float64) })).toThrow(/_randomSamples has dtype torch.float64 but input has torch.float32/);
    expect(f({ outputSize: 4, _randomSamples: samples(2, 3).add(1) })).toThrow(/fractionalMaxPool2d: _randomSamples must lie in \[0, 1\)/);
    expect(f({ outputSize: 4, _randomSamples: samples(2, 3).fill_(NaN) })).toThrow(/must lie in \[0, 1\)/);
    expect(f({ outputRatio: -0.5 })).toThrow(/outputRatio must be a positive number/);
    expect(f({ output_size: 4 })).toThrow(/unknown option output_size \(did you mean outputSize\?\)/);
    expect(() => (torch.fractionalMaxPool2d as (...a: unknown[]) => unknown)(x, 2, { outputSize: 4 }, 1)).toThrow(/fractionalMaxPool2d: expected at most 3 arguments/);
    const out = torch.empty(0), ix = torch.empty(0, { dtype: torch.int64 });
    torch.fractionalMaxPool2dUpdateOutput(x, out, ix, 2, 4, samples(2, 3));
    expect(() => torch.fractionalMaxPool2dUpdateGradInput(x, torch.randn(2, 3, 4, 5), torch.empty(0), ix)).toThrow(/fractionalMaxPool2dUpdateGradInput: indices \(torch.int64, size \[2, 3, 4, 4\]\) must be int64 of gradOutput's size \[2, 3, 4, 5\]/);
  });
});
