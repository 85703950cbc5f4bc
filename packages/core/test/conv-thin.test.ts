// Convolutions with at most 32 column rows per group (input channels x kernel taps: the first layers of
// image networks) run their forward and weight gradient on register-blocked kernels (native/src/
// kernels/nn/conv_thin.cc) instead of the GEMM. The weight gradient is checked against the same
// gradient written as a forward convolution of the transposed input by the transposed output gradient
// (a large GEMM, not the thin kernel), the forward against a direct sum in JavaScript, in float32 and
// float64: every block shape (output channels not a multiple of 4 or 8, column rows not a multiple of
// 6), planes that are not a multiple of the vector width, stride, padding, dilation, groups, the
// accumulate-with-scale contract, and NaN.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';

interface Case {
  n: number;
  cin: number;
  cout: number;
  h: number;
  w: number;
  k: number;
  stride?: number;
  padding?: number;
  dilation?: number;
}

const params = (c: Case, groups = 1) => ({
  stride: [c.stride ?? 1, c.stride ?? 1],
  padding: [c.padding ?? 0, c.padding ?? 0],
  dilation: [c.dilation ?? 1, c.dilation ?? 1],
  groups,
});

// gw[o, c, kh, kw] = Σ gy[n, o, i, j] x[n, c, i*s + kh*d - p, j*s + kw*d - p]: a convolution of x^T
// [C, N, H, W] with filters gy^T [O, N, oh, ow] at stride d and dilation s, cut to the kernel size.
function reference(x: torch.Tensor, gy: torch.Tensor, c: Case): torch.Tensor {
  const full = torch.conv2d(x.transpose(0, 1).contiguous(), gy.transpose(0, 1).contiguous(), null, {
    padding: c.padding ?? 0,
    stride: c.dilation ?? 1,
    dilation: c.stride ?? 1,
  });
  return full.narrow(2, 0, c.k).narrow(3, 0, c.k).transpose(0, 1);
}

function gradWeight(x: torch.Tensor, gy: torch.Tensor, c: Case, start: torch.Tensor, scale: number, groups = 1) {
  const gw = start.clone(), gb = torch.zeros(gy.shape[1]!, { dtype: x.dtype });
  torch.convolutionAccGradParameters(x, gy, gw, gb, params(c, groups), scale);
  return { gw, gb };
}

const cases: Case[] = [
  { n: 2, cin: 1, cout: 32, h: 28, w: 28, k: 3, padding: 1 }, // the Fashion-MNIST first layer
  { n: 3, cin: 3, cout: 64, h: 11, w: 13, k: 3, padding: 1 }, // 27 rows: four blocks of 6 and one of 3
  { n: 2, cin: 2, cout: 7, h: 9, w: 10, k: 3, stride: 2, padding: 1 },
  { n: 2, cin: 1, cout: 5, h: 12, w: 9, k: 5, padding: 2, dilation: 2 }, // 25 rows
  { n: 1, cin: 32, cout: 3, h: 5, w: 6, k: 1 }, // pointwise: the input is its own column matrix
  { n: 4, cin: 2, cout: 9, h: 3, w: 3, k: 2 }, // a plane of 4, shorter than one vector
  { n: 2, cin: 2, cout: 6, h: 7, w: 5, k: 3, padding: 2, dilation: 2 }, // a 'same' plane: shifted copies of the input
  { n: 2, cin: 1, cout: 4, h: 4, w: 3, k: 5, padding: 4, dilation: 2 }, // shifts wider than a row, taller than the plane
];

// The forward as a direct sum over each output's window (float64), for small shapes.
function directForward(x: torch.Tensor, w: torch.Tensor, b: torch.Tensor | null, c: Case, groups: number): number[] {
  const xs = x.double().flatten().tolist() as number[], ws = w.double().flatten().tolist() as number[];
  const bs = b ? (b.double().tolist() as number[]) : null;
  const s = c.stride ?? 1, p = c.padding ?? 0, d = c.dilation ?? 1, k = c.k, cg = c.cin / groups, og = c.cout / groups;
  const oh = Math.floor((c.h + 2 * p - d * (k - 1) - 1) / s) + 1, ow = Math.floor((c.w + 2 * p - d * (k - 1) - 1) / s) + 1;
  const out: number[] = [];
  for (let n = 0; n < c.n; n++)
    for (let o = 0; o < c.cout; o++)
      for (let i = 0; i < oh; i++)
        for (let j = 0; j < ow; j++) {
          let acc = bs ? bs[o]! : 0;
          const g = Math.floor(o / og);
          for (let ci = 0; ci < cg; ci++)
            for (let a = 0; a < k; a++)
              for (let e = 0; e < k; e++) {
                const y = i * s - p + a * d, z = j * s - p + e * d;
                if (y < 0 || y >= c.h || z < 0 || z >= c.w) continue;
                acc += ws[((o * cg + ci) * k + a) * k + e]! * xs[((n * c.cin + g * cg + ci) * c.h + y) * c.w + z]!;
              }
          out.push(acc);
        }
  return out;
}

describe('thin convolution forward', () => {
  const forwardCases: [Case, number][] = [
    ...cases.map((c): [Case, number] => [c, 1]),
    [{ n: 2, cin: 4, cout: 10, h: 7, w: 9, k: 3, padding: 1 }, 2], // groups: 18 rows each, 5 outputs (an 8-row block and a tail)
    [{ n: 3, cin: 3, cout: 17, h: 5, w: 21, k: 3, stride: 2, padding: 2 }, 1],
  ];
  for (const dtype of [torch.float32, torch.float64]) {
    it.each(forwardCases)(`matches a direct sum in ${dtype}: %o groups %i`, (c, groups) => {
      torch.manualSeed(13);
      const x = torch.randn([c.n, c.cin, c.h, c.w], { dtype }), w = torch.randn([c.cout, c.cin / groups, c.k, c.k], { dtype });
      const b = torch.randn([c.cout], { dtype });
      for (const bias of [b, null]) {
        const got = torch.conv2d(x, w, bias, { stride: c.stride ?? 1, padding: c.padding ?? 0, dilation: c.dilation ?? 1, groups });
        const want = directForward(x, w, bias, c, groups), flat = got.double().flatten().tolist() as number[];
        expect(flat.length).toBe(want.length);
        const scale = Math.max(...want.map(Math.abs));
        const err = Math.max(...flat.map((v, i) => Math.abs(v - want[i]!)));
        expect(err / scale).toBeLessThan(dtype === torch.float32 ? 1e-5 : 1e-12);
      }
    });
  }

  it('keeps a NaN in the outputs whose window reads it', () => {
    const x = torch.ones(2, 1, 6, 6), w = torch.ones(5, 1, 3, 3);
    x.narrow(0, 1, 1).narrow(2, 0, 1).narrow(3, 0, 1).fill_(NaN);
    const y = torch.conv2d(x, w, torch.zeros(5), { padding: 1 }).tolist() as number[][][][];
    for (let i = 0; i < 6; i++)
      for (let j = 0; j < 6; j++) {
        expect(Number.isNaN(y[1]![4]![i]![j]), `${i},${j}`).toBe(i <= 1 && j <= 1);
        expect(Number.isFinite(y[0]![4]![i]![j])).toBe(true);
      }
  });
});

describe('thin convolution weight gradient', () => {
  for (const dtype of [torch.float32, torch.float64]) {
    it.each(cases)(`matches the transposed-forward form in ${dtype}: %o`, (c) => {
      torch.manualSeed(11);
      const x = torch.randn([c.n, c.cin, c.h, c.w], { dtype });
      const w = torch.randn([c.cout, c.cin, c.k, c.k], { dtype });
      const gy = torch.randn(torch.conv2d(x, w, null, { stride: c.stride ?? 1, padding: c.padding ?? 0, dilation: c.dilation ?? 1 }).shape, { dtype });
      const start = torch.randn(w.shape, { dtype });
      const { gw, gb } = gradWeight(x, gy, c, start, 0.5);
      const want = reference(x.double(), gy.double(), c).mul(0.5).add(start.double());
      const tol = dtype === torch.float32 ? 1e-5 : 1e-12;
      expect(gw.double().sub(want).abs().max().item() / want.abs().max().item()).toBeLessThan(tol);
      const wantBias = gy.double().sum([0, 2, 3]).mul(0.5);
      expect(gb.double().sub(wantBias).abs().max().item() / wantBias.abs().max().item()).toBeLessThan(tol);
    });
  }

  it('runs each group on its own channels', () => {
    torch.manualSeed(12);
    const c: Case = { n: 3, cin: 4, cout: 6, h: 7, w: 8, k: 3, padding: 1 };
    const x = torch.randn(3, 4, 7, 8), gy = torch.randn(3, 6, 7, 8), start = torch.zeros(6, 2, 3, 3);
    const { gw } = gradWeight(x, gy, c, start, 1, 2);
    for (let g = 0; g < 2; g++) {
      const want = reference(x.narrow(1, 2 * g, 2).double(), gy.narrow(1, 3 * g, 3).double(), { ...c, cin: 2, cout: 3 });
      expect(gw.narrow(0, 3 * g, 3).double().sub(want).abs().max().item()).toBeLessThan(1e-5 * want.abs().max().item());
    }
  });

  it('keeps a NaN in the taps that read it', () => {
    const c: Case = { n: 2, cin: 1, cout: 5, h: 6, w: 6, k: 3, padding: 0 };
    const x = torch.ones(2, 1, 6, 6), gy = torch.ones(2, 5, 4, 4);
    x.narrow(0, 1, 1).narrow(2, 0, 1).narrow(3, 0, 1).fill_(NaN); // read only by tap (0, 0) of output (0, 0)
    const { gw } = gradWeight(x, gy, c, torch.zeros(5, 1, 3, 3), 1);
    const t = gw.tolist() as number[][][][];
    for (let o = 0; o < 5; o++)
      for (let k = 0; k < 3; k++)
        for (let l = 0; l < 3; l++) expect(Number.isNaN(t[o]![0]![k]![l]), `${o} ${k},${l}`).toBe(k === 0 && l === 0);
  });
});
