// FractionalMaxPool2d, LPPool1d/2d and ConvTranspose's outputSize beyond the PyTorch fixtures
// (modules.test.ts runs those): gradcheck in float64, PyTorch's zero gradient for an all-zero LP
// window, reproducible fractional windows, the meta device, printing, and errors naming the module.
import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { Variable, gradcheck } from '@torch/autograd';
import * as nn from '../src/index';
import { f64, leaf, randn } from './helpers';

const F = nn.functional;

describe('FractionalMaxPool2d', () => {
  it('passes gradcheck with fixed samples (float64), batched and unbatched', () => {
    const s = torch.rand([2, 3, 2], f64);
    const pool = new nn.FractionalMaxPool2d([2, 3], { outputSize: [4, 5], _randomSamples: s });
    expect(gradcheck((x) => pool.forward(x) as Variable, [leaf(randn(2, 3, 7, 9))])).toBe(true);
    const one = new nn.FractionalMaxPool2d(2, { outputRatio: 0.5, _randomSamples: s.narrow(0, 0, 1) });
    expect(gradcheck((x) => one.forward(x) as Variable, [leaf(randn(3, 8, 8))])).toBe(true);
  });

  it('draws new windows each call from the default generator unless the samples are fixed', () => {
    const x = new Variable(randn(1, 4, 12, 12));
    const pool = new nn.FractionalMaxPool2d(2, { outputSize: 5, returnIndices: true });
    torch.manualSeed(3);
    const [, a] = pool.forward(x) as [Variable, Variable];
    const [, b] = pool.forward(x) as [Variable, Variable];
    torch.manualSeed(3);
    const [, c] = pool.forward(x) as [Variable, Variable];
    expect(a.data.equal(c.data)).toBe(true);
    expect(a.data.equal(b.data)).toBe(false);
  });

  it('names its backward node, keeps its samples in the state dict and prints its sizes', () => {
    const y = F.fractionalMaxPool2d(leaf(randn(1, 2, 6, 6)), 2, { outputSize: 3 });
    expect(y.gradFn?.name).toBe('FractionalMaxPool2dBackward');
    const s = torch.rand([1, 2, 2], f64);
    expect(Object.keys(new nn.FractionalMaxPool2d(2, { outputSize: 3, _randomSamples: s }).stateDict())).toEqual(['_randomSamples']);
    expect(Object.keys(new nn.FractionalMaxPool2d(2, { outputRatio: 0.5 }).stateDict())).toEqual([]);
    expect(String(new nn.FractionalMaxPool2d(3, { outputRatio: [0.5, 0.7], returnIndices: true }))).toBe('FractionalMaxPool2d(kernelSize=3, outputRatio=[0.5,0.7], returnIndices=true)');
  });

  it('rejects bad arguments and input, naming the module or its functional and the sizes', () => {
    expect(() => new nn.FractionalMaxPool2d(3)).toThrow(/FractionalMaxPool2d: requires either an outputSize or an outputRatio/);
    expect(() => new nn.FractionalMaxPool2d(3, { outputSize: 2, outputRatio: 0.5 })).toThrow(/FractionalMaxPool2d: only one of outputSize and outputRatio may be given/);
    expect(() => new nn.FractionalMaxPool2d(3, { outputRatio: 1.5 })).toThrow(/FractionalMaxPool2d: outputRatio must be between 0 and 1 \(got 1.5\)/);
    expect(() => new nn.FractionalMaxPool2d(3, { output_ratio: 0.5 } as never)).toThrow(/did you mean 'outputRatio'/);
    expect(() => new nn.FractionalMaxPool2d(3, { outputSize: 6 }).forward(new Variable(randn(1, 2, 7, 7)))).toThrow(/fractionalMaxPool2d: kernel \[3, 3\] and output size \[6, 6\] are too large for input \[1, 2, 7, 7\]/);
    expect(() => new nn.FractionalMaxPool2d(2, { outputSize: 2 }).forward(new Variable(randn(7, 7)))).toThrow(/fractionalMaxPool2d: expected input of 3D or 4D, got size \[7, 7\]/);
  });

  it('runs on meta', () => {
    const y = new nn.FractionalMaxPool2d(3, { outputRatio: 0.5 }).forward(new Variable(torch.empty([2, 3, 10, 12], { device: 'meta' }))) as Variable;
    expect(y.data.device.type).toBe('meta');
    expect(y.shape).toEqual([2, 3, 5, 6]);
  });
});

describe('LPPool1d and LPPool2d', () => {
  it('is the p-norm of each window', () => {
    const x = torch.tensor([[[3, 4, 1, 2, 2]]], f64);
    expect((new nn.LPPool1d(2, 2).forward(new Variable(x)) as Variable).data.tolist()).toEqual([[[5, Math.sqrt(5)]]]);
    const y = new nn.LPPool2d(1, 2, { ceilMode: true }).forward(new Variable(torch.arange(9, f64).reshape([1, 3, 3]))) as Variable;
    // Sum pooling; a partial window in ceil mode is its average scaled by the full window's size, as PyTorch.
    expect(y.data.tolist()).toEqual([[[8, 14], [26, 32]]]);
  });

  it('passes gradcheck (float64) for p = 2, 3 and 1.5, with stride and ceil mode', () => {
    const pos = (...s: number[]) => leaf(torch.rand(s, f64).add(0.2));
    expect(gradcheck((x) => new nn.LPPool2d(2, 3, { stride: 2 }).forward(x), [leaf(randn(2, 2, 7, 7))])).toBe(true);
    expect(gradcheck((x) => new nn.LPPool2d(3, [2, 3], { stride: [2, 1], ceilMode: true }).forward(x), [pos(1, 2, 5, 6)])).toBe(true);
    expect(gradcheck((x) => new nn.LPPool1d(1.5, 2, { ceilMode: true }).forward(x), [pos(2, 3, 7)])).toBe(true);
    expect(gradcheck((x) => F.lpPool1d(x, 2, 3, { stride: 1 }), [leaf(randn(3, 8))])).toBe(true);
  });

  it('passes no gradient through a window whose sum is zero (PyTorch\'s sign/relu convention), not NaN', () => {
    const x = leaf(torch.tensor([[[0, 0, 1, 2]]], f64));
    (new nn.LPPool1d(2, 2).forward(x) as Variable).sum().backward();
    const g = x.grad!.data.tolist() as number[][][];
    expect(g[0]![0]!.slice(0, 2)).toEqual([0, 0]);
    expect(g[0]![0]![2]).toBeCloseTo(1 / Math.sqrt(5), 12);
  });

  it('prints, runs on meta and rejects bad input naming the op and sizes', () => {
    expect(String(new nn.LPPool2d(2, 3, { stride: 2 }))).toBe('LPPool2d(normType=2, kernelSize=3, stride=2, ceilMode=false)');
    const m = new nn.LPPool2d(2, 2).forward(new Variable(torch.empty([2, 3, 8, 6], { device: 'meta' })));
    expect(m.shape).toEqual([2, 3, 4, 3]);
    expect(m.data.device.type).toBe('meta');
    expect(() => new nn.LPPool2d(2, 2).forward(new Variable(randn(4, 4)))).toThrow(/lpPool2d: expected 3D or 4D input, got 2D input of size \[4, 4\]/);
    expect(() => new nn.LPPool1d(2, 5).forward(new Variable(randn(1, 2, 3)))).toThrow(/lpPool1d: input of size \[1, 2, 3\] is smaller than the kernel \[5\]/);
    expect(() => new nn.LPPool1d(0, 2)).not.toThrow();
    expect(() => new nn.LPPool1d(0, 2).forward(new Variable(randn(1, 2, 3)))).toThrow(/lpPool1d: normType must be a finite non-zero number, got 0/);
    expect(() => new nn.LPPool2d(2, 2, { ceil_mode: true } as never)).toThrow(/LPPool2d: unknown option 'ceil_mode' \(did you mean 'ceilMode'\?\)/);
    expect(() => new (nn.LPPool2d as any)(2, 2, {}, 1)).toThrow(/LPPool2d: expected at most 3 positional arguments, got 4/);
  });
});

describe('ConvTranspose outputSize', () => {
  it('picks the output padding that gives the requested size, spatial or full', () => {
    const up = new nn.ConvTranspose2d(4, 2, 3, { stride: 2, padding: 1 }).double();
    const y = new Variable(randn(1, 4, 5, 6));
    expect(up.forward(y).shape).toEqual([1, 2, 9, 11]);
    expect(up.forward(y, [10, 12]).shape).toEqual([1, 2, 10, 12]);
    expect(up.forward(y, [1, 2, 9, 12]).shape).toEqual([1, 2, 9, 12]);
    const same = F.convTranspose2d(y, up.weight, up.bias, { stride: 2, padding: 1, outputPadding: [1, 1] });
    expect(up.forward(y, [10, 12]).data.equal(same.data)).toBe(true);
    expect(new nn.ConvTranspose1d(3, 2, 3, { stride: 3 }).double().forward(new Variable(randn(3, 4)), [12]).shape).toEqual([2, 12]);
    expect(new nn.ConvTranspose3d(1, 1, 2, { stride: 2 }).double().forward(new Variable(randn(1, 1, 2, 2, 2)), [5, 4, 5]).shape).toEqual([1, 1, 5, 4, 5]);
  });

  it('passes gradcheck with an outputSize', () => {
    const up = new nn.ConvTranspose2d(2, 2, 3, { stride: 2 }).double();
    expect(gradcheck((x) => up.forward(x, [8, 8]), [leaf(randn(1, 2, 3, 3))])).toBe(true);
  });

  it('gives PyTorch\'s errors for impossible sizes', () => {
    const up = new nn.ConvTranspose2d(4, 2, 3, { stride: 2, padding: 1 }).double();
    const y = new Variable(randn(1, 4, 5, 6));
    expect(() => up.forward(y, [11, 11])).toThrow(/ConvTranspose2d: requested an output size of \[11, 11\], but valid sizes range from \[9, 11\] to \[10, 12\] \(for an input of \[5, 6\]\)/);
    expect(() => up.forward(y, [11, 11])).toThrow(torch.TorchSizeError);
    expect(() => up.forward(y, [10])).toThrow(/ConvTranspose2d: for 4D input, outputSize must have 2 or 4 elements \(got 1\)/);
    expect(() => up.forward(new Variable(randn(4, 5, 6)), [1, 2, 10, 12])).toThrow(/ConvTranspose2d: for 3D input, outputSize must have 2 or 3 elements \(got 4\)/);
    expect(() => up.forward(new Variable(randn(5, 6)), [10, 12])).toThrow(/ConvTranspose2d: expected 3D or 4D input, got size \[5, 6\]/);
    expect(() => up.forward(y, [10.5, 12])).toThrow(/ConvTranspose2d: outputSize must be a list of integers/);
    expect(() => (up.forward as (...a: unknown[]) => unknown)(y, [10, 12], 1)).toThrow(/ConvTranspose2d.forward: expected at most 2 positional arguments, got 3/);
  });

  it('runs on meta', () => {
    const up = new nn.ConvTranspose2d(4, 2, 3, { stride: 2, padding: 1 });
    up.weight = new nn.Parameter(torch.empty([4, 2, 3, 3], { device: 'meta' }));
    up.bias = new nn.Parameter(torch.empty([2], { device: 'meta' }));
    const y = up.forward(new Variable(torch.empty([1, 4, 5, 6], { device: 'meta' })), [10, 11]);
    expect(y.shape).toEqual([1, 2, 10, 11]);
    expect(y.data.device.type).toBe('meta');
  });
});
