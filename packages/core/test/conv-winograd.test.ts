// float32 3x3 stride-1 convolutions with at least 16 channels a side run by Winograd F(4x4, 3x3)
// (native/src/kernels/nn/conv_winograd.cc): forward, input and weight gradients. Each case is checked against
// the float64 im2col result of the same values, with B = Σ |x| |w| over each output's window:
// Winograd's error must stay within a few float32 ulps of the largest B of its output plane (its
// rounding scales with the whole 6x6 input tile, not with one output's window, so an output next to
// the zero padding is checked against its plane's scale). The layers Winograd does not take (stride,
// dilation, few channels, padding above 2 for the input gradient) are held to the elementwise bound
// of a direct float32 sum, so the routing cannot send them down a wrong path.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';

interface Case {
  n: number;
  cin: number;
  cout: number;
  h: number;
  w: number;
  padding?: number | [number, number];
  groups?: number;
  stride?: number;
  dilation?: number;
  bias?: boolean;
}

type Scale = 'output' | 'plane';

// Largest |got - want| over the largest |want|.
const maxAbsRel = (got: torch.Tensor, want: torch.Tensor) => {
  expect(got.shape).toEqual(want.shape);
  return got.double().sub(want).abs().max().item() / want.abs().max().item();
};

// Worst |float32 - float64| over the bound B (of each output, or the largest of its [N, C] plane), in
// units of float32's epsilon.
function relError(got: torch.Tensor, want: torch.Tensor, bound: torch.Tensor, scale: Scale): number {
  expect(got.shape).toEqual(want.shape);
  const err = got.double().sub(want).abs();
  if (scale === 'output') return err.div(bound.add(1e-30)).max().item() / 2 ** -23;
  const planeMax = (t: torch.Tensor) => t.flatten(2).max(2).values;
  return planeMax(err).div(planeMax(bound).add(1e-30)).max().item() / 2 ** -23;
}

function forwardError(x: torch.Tensor, w: torch.Tensor, b: torch.Tensor | null, opts: Record<string, unknown>, scale: Scale): number {
  const got = torch.conv2d(x, w, b, opts);
  const want = torch.conv2d(x.double(), w.double(), b && b.double(), opts);
  const bound = torch.conv2d(x.double().abs(), w.double().abs(), b && b.double().abs(), opts);
  return relError(got, want, bound, scale);
}

function gradInputError(x: torch.Tensor, w: torch.Tensor, gy: torch.Tensor, p: ReturnType<typeof thnn>, scale: Scale): number {
  const gx = torch.empty(0), gx64 = torch.empty(0, { dtype: torch.float64 }), bound = torch.empty(0, { dtype: torch.float64 });
  torch.convolutionUpdateGradInput(x, gy, gx, w, p);
  torch.convolutionUpdateGradInput(x.double(), gy.double(), gx64, w.double(), p);
  torch.convolutionUpdateGradInput(x.double(), gy.double().abs(), bound, w.double().abs(), p);
  expect(gx.shape).toEqual(x.shape);
  return relError(gx, gx64, bound, scale);
}

// Weight gradient (accumulated with a scale onto a non-zero start, as THNN's accGradParameters) against
// float64, with the bound from |x| and |gradOutput|; the bias gradient comes from the same call.
function gradWeightError(x: torch.Tensor, w: torch.Tensor, gy: torch.Tensor, p: ReturnType<typeof thnn>, scale: Scale): number {
  const start = torch.randn(w.shape), gw = start.clone(), gw64 = start.double(), bound = torch.zeros(w.shape, { dtype: torch.float64 });
  const gb = torch.zeros(w.shape[0]!), gb64 = torch.zeros(w.shape[0]!, { dtype: torch.float64 });
  torch.convolutionAccGradParameters(x, gy, gw, gb, p, 0.5);
  torch.convolutionAccGradParameters(x.double(), gy.double(), gw64, gb64, p, 0.5);
  torch.convolutionAccGradParameters(x.double().abs(), gy.double().abs(), bound, null, p, 0.5);
  expect(maxAbsRel(gb, gb64)).toBeLessThan(1e-5);
  return relError(gw.sub(start), gw64.sub(start.double()), bound, scale);
}

function inputs(c: Case) {
  const groups = c.groups ?? 1;
  const x = torch.randn(c.n, c.cin, c.h, c.w), w = torch.randn(c.cout, c.cin / groups, 3, 3);
  const opts = { padding: c.padding ?? 1, groups, stride: c.stride ?? 1, dilation: c.dilation ?? 1 };
  return { x, w, b: c.bias === false ? null : torch.randn(c.cout), opts };
}

const pair = (v: number | [number, number]) => (typeof v === 'number' ? [v, v] : v);
const thnn = (o: { padding: number | [number, number]; groups: number; stride: number; dilation: number }) => ({
  stride: [o.stride, o.stride],
  padding: pair(o.padding),
  dilation: [o.dilation, o.dilation],
  groups: o.groups,
});

// Winograd's cases: odd and tile-straddling planes, every padding it takes, groups, a batch of one, wide rows.
const winograd: Case[] = [
  { n: 2, cin: 16, cout: 16, h: 8, w: 8 },
  { n: 3, cin: 24, cout: 17, h: 7, w: 9 },
  { n: 1, cin: 32, cout: 16, h: 13, w: 5, padding: 0 },
  { n: 2, cin: 16, cout: 32, h: 6, w: 11, padding: 2, bias: false },
  { n: 2, cin: 16, cout: 16, h: 5, w: 6, padding: [0, 2] },
  { n: 2, cin: 32, cout: 48, h: 9, w: 9, groups: 2 },
  { n: 1, cin: 64, cout: 64, h: 30, w: 29 },
  { n: 5, cin: 16, cout: 16, h: 4, w: 4, padding: 3 },
  // rows of 8 tiles or more take the AVX-512 row kernels: runs of 16 and a tail, a clipped last tile
  { n: 2, cin: 16, cout: 16, h: 9, w: 70 },
  { n: 3, cin: 16, cout: 24, h: 6, w: 37, padding: 0 },
  // blocks of 128 tiles or more, whose forward products may run on the builtin GEMM (builtinProducts)
  { n: 2, cin: 16, cout: 16, h: 47, w: 50 },
];

describe('conv2d float32 by Winograd F(4x4, 3x3)', () => {
  it.each(winograd)('forward matches float64 to a few ulps of Σ|x||w|: %o', (c) => {
    torch.manualSeed(1);
    const { x, w, b, opts } = inputs(c);
    expect(forwardError(x, w, b, opts, 'plane')).toBeLessThan(32);
  });

  it.each(winograd.filter((c) => Math.max(...pair(c.padding ?? 1)) <= 2))('input gradient matches float64: %o', (c) => {
    torch.manualSeed(2);
    const { x, w, opts } = inputs(c);
    const gy = torch.randn(torch.conv2d(x, w, null, opts).shape);
    expect(gradInputError(x, w, gy, thnn(opts), 'plane')).toBeLessThan(32);
  });

  it.each(winograd)('weight gradient matches float64: %o', (c) => {
    torch.manualSeed(10);
    const { x, w, opts } = inputs(c);
    const gy = torch.randn(torch.conv2d(x, w, null, opts).shape);
    expect(gradWeightError(x, w, gy, thnn(opts), 'plane')).toBeLessThan(32);
  });

  it('reads non-contiguous and offset inputs', () => {
    torch.manualSeed(3);
    const base = torch.randn(2, 20, 12, 40);
    const x = base.narrow(3, 3, 10).transpose(2, 3); // [2, 20, 10, 12], strided
    const w = torch.randn(16, 20, 3, 3), b = torch.randn(16);
    expect(x.isContiguous()).toBe(false);
    const got = torch.conv2d(x, w, b, { padding: 1 });
    const want = torch.conv2d(x.contiguous(), w, b, { padding: 1 });
    expect(got.sub(want).abs().max().item()).toBe(0);
    expect(forwardError(x, w, b, { padding: 1 }, 'plane')).toBeLessThan(32);
  });

  // Small planes go in blocks of samples whose tiles share the products (wider GEMMs), so a sample's
  // sums may round differently by batch, as with PyTorch's oneDNN; they stay within float32 rounding.
  it('agrees sample by sample with the batched call, to float32 rounding', () => {
    torch.manualSeed(4);
    const x = torch.randn(4, 16, 9, 9), w = torch.randn(16, 16, 3, 3), b = torch.randn(16);
    const all = torch.conv2d(x, w, b, { padding: 1 });
    const scale = all.abs().max().item();
    for (let i = 0; i < 4; i++) {
      expect(torch.conv2d(x.narrow(0, i, 1), w, b, { padding: 1 }).sub(all.narrow(0, i, 1)).abs().max().item()).toBeLessThan(scale * 1e-5);
    }
  });

  it('a NaN in one sample of a block leaves the other samples exact and gives PyTorch its NaN', () => {
    torch.manualSeed(6);
    const x = torch.randn(6, 16, 9, 9), w = torch.randn(16, 16, 3, 3);
    const clean = torch.conv2d(x, w, null, { padding: 1 });
    const bad = x.clone();
    bad.narrow(0, 2, 1).view(-1).narrow(0, 0, 1).fill_(NaN);
    const y = torch.conv2d(bad, w, null, { padding: 1 });
    for (const i of [0, 1, 3, 4, 5]) expect(y.narrow(0, i, 1).sub(clean.narrow(0, i, 1)).abs().max().item()).toBeLessThan(clean.abs().max().item() * 1e-5);
    // the NaN reaches the outputs whose windows hold it, and only those (im2col's answer)
    const nanAt = y.narrow(0, 2, 1).isnan().sum().item();
    expect(nanAt).toBeGreaterThan(0);
    expect(nanAt).toBeLessThan(16 * 81);
  });

  // Layers that stay on im2col + GEMM: their float32 sums are as exact as a direct sum.
  it.each<Case>([
    { n: 2, cin: 16, cout: 16, h: 9, w: 9, stride: 2 },
    { n: 2, cin: 16, cout: 16, h: 9, w: 9, dilation: 2 },
    { n: 2, cin: 8, cout: 16, h: 9, w: 9 },
    { n: 2, cin: 16, cout: 8, h: 9, w: 9 },
    { n: 2, cin: 32, cout: 32, h: 9, w: 9, groups: 4 },
    { n: 2, cin: 16, cout: 16, h: 3, w: 9 },
  ])('the im2col fallbacks stay exact: %o', (c) => {
    torch.manualSeed(5);
    const { x, w, b, opts } = inputs(c);
    expect(forwardError(x, w, b, opts, 'output')).toBeLessThan(32);
    const gy = torch.randn(torch.conv2d(x, w, null, opts).shape);
    expect(gradInputError(x, w, gy, thnn(opts), 'output')).toBeLessThan(32);
    expect(gradWeightError(x, w, gy, thnn(opts), 'output')).toBeLessThan(32);
  });

  it('input gradient with padding 3 (beyond the flipped form) falls back and stays right', () => {
    torch.manualSeed(6);
    const x = torch.randn(2, 16, 6, 6), w = torch.randn(16, 16, 3, 3);
    const gy = torch.randn(2, 16, 10, 10);
    expect(gradInputError(x, w, gy, thnn({ padding: 3, groups: 1, stride: 1, dilation: 1 }), 'output')).toBeLessThan(32);
  });

  // The padded copy of the input is kept per thread between calls; its zero border must follow the
  // padding even when two calls have planes of the same padded size (10x10 here: 10x10 unpadded, 8x8
  // with padding 1).
  it('re-zeroes the kept padded buffer when the padding moves the input inside it', () => {
    torch.manualSeed(9);
    const w = torch.randn(16, 16, 3, 3);
    for (const n of [1, 4]) {
      torch.conv2d(torch.randn(n, 16, 10, 10).add(100), w, null, { padding: 0 });
      const x = torch.randn(n, 16, 8, 8);
      expect(forwardError(x, w, null, { padding: 1 }, 'plane')).toBeLessThan(32);
    }
  });

  it('leaves conv3d with a padded depth of one to im2col (its output has several depth planes)', () => {
    torch.manualSeed(7);
    const x = torch.randn(2, 16, 1, 8, 8), w = torch.randn(16, 16, 1, 3, 3), b = torch.randn(16);
    const got = torch.conv3d(x, w, b, { padding: 1 });
    const want = torch.conv3d(x.double(), w.double(), b.double(), { padding: 1 });
    expect(got.shape).toEqual([2, 16, 3, 8, 8]);
    expect(maxAbsRel(got, want)).toBeLessThan(1e-5);
    // a depth of one without depth padding is a 2-d layer and may take Winograd
    const flat = torch.conv3d(x, w, b, { padding: [0, 1, 1] });
    expect(maxAbsRel(flat, torch.conv2d(x.double().squeeze(2), w.double().squeeze(2), b.double(), { padding: 1 }).unsqueeze(2))).toBeLessThan(1e-5);
  });

  it('runs convTranspose2d (the input-gradient kernel) at stride 1', () => {
    torch.manualSeed(8);
    const x = torch.randn(2, 16, 7, 10), w = torch.randn(16, 24, 3, 3), b = torch.randn(24);
    for (const padding of [0, 1, 2]) {
      const got = torch.convTranspose2d(x, w, b, { padding });
      const want = torch.convTranspose2d(x.double(), w.double(), b.double(), { padding });
      expect(maxAbsRel(got, want), `padding ${padding}`).toBeLessThan(1e-5);
    }
  });

  // The weight gradient's transforms would mix a non-finite input into all nine taps of its channel's
  // filters: such calls go to im2col, where a corner value reaches only the four taps that read it.
  it.each([NaN, Infinity])('keeps %s in the weight-gradient taps it reaches', (v) => {
    const x = torch.ones(2, 16, 8, 8), gy = torch.ones(2, 16, 8, 8), p = thnn({ padding: 1, groups: 1, stride: 1, dilation: 1 });
    x.narrow(0, 1, 1).narrow(1, 3, 1).narrow(2, 0, 1).narrow(3, 0, 1).fill_(v);
    const gw = torch.zeros(16, 16, 3, 3);
    torch.convolutionAccGradParameters(x, gy, gw, null, p, 1);
    const t = gw.tolist() as number[][][][];
    for (let k = 0; k < 3; k++)
      for (let l = 0; l < 3; l++) {
        expect(Number.isFinite(t[5]![3]![k]![l]), `tap ${k},${l}`).toBe(k === 2 || l === 2);
        expect(Number.isFinite(t[5]![4]![k]![l])).toBe(true);
      }
  });

  // A non-finite value would spread over the whole 6x6 input tile's outputs in Winograd's sums; such
  // samples (and non-finite filters) are computed by im2col, so NaN/Inf reach exactly their windows.
  it.each([NaN, Infinity])('keeps %s in the windows it reaches', (v) => {
    const x = torch.ones(2, 16, 8, 8), w = torch.ones(16, 16, 3, 3).mul(0.5);
    x.narrow(0, 1, 1).narrow(1, 0, 1).narrow(2, 4, 1).narrow(3, 4, 1).fill_(v);
    const y = torch.conv2d(x, w, null, { padding: 1 }).tolist() as number[][][][];
    for (let i = 0; i < 8; i++)
      for (let j = 0; j < 8; j++) {
        const inside = i >= 3 && i <= 5 && j >= 3 && j <= 5;
        expect(Number.isFinite(y[1]![3]![i]![j]), `${i},${j}`).toBe(!inside);
        expect(Number.isFinite(y[0]![3]![i]![j])).toBe(true);
      }
    const wBad = w.clone();
    wBad.narrow(0, 2, 1).narrow(1, 0, 1).narrow(2, 1, 1).narrow(3, 1, 1).fill_(v);
    const z = torch.conv2d(torch.ones(1, 16, 8, 8), wBad, null, { padding: 1 }).tolist() as number[][][][];
    expect(z[0]![2]!.flat().some(Number.isFinite)).toBe(false);
    expect(z[0]![3]!.flat().every(Number.isFinite)).toBe(true);
  });
});
