// The batch norm kernel's one-pass statistics (shifted sums in vector lanes, native/src/kernels/nn/
// batchnorm.cc) and its vectorised backward, against float64 on the same float32 values: a mean far
// above the spread (where E[x²] - mean² would cancel), rows longer than one summing piece and not a
// multiple of the vector width, NaN confined to its channel, and the backward sums.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';

const maxRel = (a: torch.Tensor, b: torch.Tensor) => a.double().sub(b).abs().max().item() / Math.max(1e-30, b.abs().max().item());

function train(x: torch.Tensor) {
  const c = x.shape[1]!;
  const rm = torch.zeros(c, { dtype: x.dtype }), rv = torch.ones(c, { dtype: x.dtype });
  const [out, mean, invstd] = torch.batchNormWithStats(x, rm, rv, null, null, true, 1, 1e-5);
  return { out, mean, invstd, rv };
}

describe('batch norm statistics', () => {
  // The output's tolerance is float32's own: y = x * (invstd w) + (b - mean invstd w) rounds x's last
  // bit times invstd, which for mean 1000, std 0.01 is ~6e-3 of y (PyTorch's CPU kernel computes the same form).
  it.each([
    ['mean 1000, std 0.01', [4, 3, 7, 9], 1000, 0.01, 1e-2],
    ['rows of 10007 (beyond one piece, odd tail)', [2, 2, 10007], 0, 1, 1e-5],
    ['a single row of 5 per channel', [1, 3, 5], -3, 2, 1e-5],
  ] as const)('match float64 for %s', (_name, shape, offset, scale, outTol) => {
    torch.manualSeed(7);
    const x = torch.randn([...shape]).mul(scale).add(offset);
    const got = train(x), want = train(x.double());
    // the mean's error: within 1e-6 of the spread it normalises by, or float32's rounding of the mean itself
    const err = got.mean.double().sub(want.mean).abs(), allowed = torch.maximum(want.invstd.reciprocal().mul(1e-6), want.mean.abs().mul(2 ** -23));
    expect(err.sub(allowed).max().item()).toBeLessThanOrEqual(0);
    expect(maxRel(got.invstd, want.invstd)).toBeLessThan(1e-5);
    expect(maxRel(got.rv, want.rv)).toBeLessThan(1e-5); // momentum 1: the unbiased batch variance
    expect(maxRel(got.out, want.out)).toBeLessThan(outTol);
  });

  it('keeps a NaN in its own channel, running variance included', () => {
    const x = torch.randn(2, 3, 20);
    x.narrow(1, 1, 1).narrow(2, 17, 1).narrow(0, 1, 1).fill_(NaN);
    const { out, rv } = train(x);
    const v = rv.tolist() as number[];
    expect(Number.isNaN(v[1])).toBe(true);
    expect(Number.isFinite(v[0]) && Number.isFinite(v[2])).toBe(true);
    const o = out.tolist() as number[][][];
    expect(o[0]![1]!.every(Number.isNaN)).toBe(true);
    expect(o[0]![0]!.every(Number.isFinite) && o[1]![2]!.every(Number.isFinite)).toBe(true);
  });

  it('backward matches float64 on rows that are not a multiple of the vector width', () => {
    torch.manualSeed(8);
    const x = torch.randn(3, 4, 5, 7).mul(3).add(2), gy = torch.randn(3, 4, 5, 7), w = torch.randn(4);
    const run = (xx: torch.Tensor, gg: torch.Tensor, ww: torch.Tensor) => {
      const [, mean, invstd] = torch.batchNormWithStats(xx, null, null, ww, null, true, 0.1, 1e-5);
      return torch.batchNormBackward(xx, gg, ww, mean, invstd, true, [true, true, true]);
    };
    const got = run(x, gy, w), want = run(x.double(), gy.double(), w.double());
    for (let i = 0; i < 3; i++) expect(maxRel(got[i]!, want[i]!), `output ${i}`).toBeLessThan(1e-5);
  });
});
