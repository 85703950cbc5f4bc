// The everyday composites and torch.linalg with Variables: they return Variables, and their gradients
// match finite differences (gradcheck, float64).
import { describe, expect, it, type TestContext } from 'vitest';
import * as torch from '../src/index';

const { Variable, gradcheck } = torch.autograd;
type V = InstanceType<typeof Variable>;
const hasLapack = torch.lapackLibrary() !== null;

/** A float64 leaf Variable with deterministic, well-spread values. */
function leaf(shape: number[], offset = 0): V {
  const n = shape.reduce((p, s) => p * s, 1);
  const vals = Array.from({ length: n }, (_, i) => Math.sin(1.3 * (i + offset) + 0.4) * 1.5 + 0.1 * (i % 3));
  return new Variable(torch.tensor(vals, { dtype: torch.float64 }).reshape(shape), { requiresGrad: true });
}
/** A well-conditioned square matrix Variable. */
function square(n: number, batch: number[] = []): V {
  const x = leaf([...batch, n, n]).data.add(torch.eye(n, { dtype: torch.float64 }).mul(3));
  return new Variable(x, { requiresGrad: true });
}

describe('composites record for backward', () => {
  const cases: [string, () => boolean][] = [
    ['outer', () => gradcheck((a: V, b: V) => torch.outer(a, b), [leaf([3]), leaf([4], 5)])],
    ['tensordot dims=1', () => gradcheck((a: V, b: V) => torch.tensordot(a, b, 1), [leaf([2, 3]), leaf([3, 4], 2)])],
    ['tensordot dim lists', () => gradcheck((a: V, b: V) => torch.tensordot(a, b, [[0, 2], [1, 0]]), [leaf([2, 3, 4]), leaf([4, 2, 3], 2)])],
    ['kron', () => gradcheck((a: V, b: V) => torch.kron(a, b), [leaf([2, 2]), leaf([3], 4)])],
    ['cdist p=2', () => gradcheck((a: V, b: V) => torch.cdist(a, b), [leaf([3, 2]), leaf([4, 2], 7)])],
    ['cdist p=2 via matmul', () => gradcheck((a: V, b: V) => torch.cdist(a, b, 2, { computeMode: 'use_mm_for_euclid_dist' }), [leaf([3, 2]), leaf([4, 2], 7)])],
    ['cdist p=1', () => gradcheck((a: V, b: V) => torch.cdist(a, b, 1), [leaf([3, 2]), leaf([2, 2], 7)])],
    ['cdist p=3 batched', () => gradcheck((a: V, b: V) => torch.cdist(a, b, 3), [leaf([2, 3, 2]), leaf([2, 2, 2], 7)])],
    ['einsum matmul', () => gradcheck((a: V, b: V) => torch.einsum('ij,jk->ik', a, b), [leaf([2, 3]), leaf([3, 2], 3)])],
    ['einsum trace/diagonal', () => gradcheck((a: V) => torch.einsum('ii->i', a), [leaf([3, 3])])],
    ['einsum three operands with ellipsis', () =>
      gradcheck((a: V, b: V, c: V) => torch.einsum('...ij,jk,k->...i', a, b, c), [leaf([2, 2, 3]), leaf([3, 2], 3), leaf([2], 9)])],
    ['diff with prepend', () => gradcheck((a: V, p: V) => torch.diff(a, { n: 2, dim: 0, prepend: p }), [leaf([3, 2]), leaf([1, 2], 5)])],
    ['cartesianProd', () => gradcheck((a: V, b: V) => torch.cartesianProd([a, b]), [leaf([2]), leaf([3], 4)])],
    ['meshgrid', () => gradcheck((a: V, b: V) => torch.meshgrid([a, b], { indexing: 'xy' }), [leaf([2]), leaf([3], 4)])],
    ['clampMin', () => gradcheck((a: V) => torch.clampMin(a, 0.05), [leaf([5])])],
    ['linalg.vectorNorm', () => gradcheck((a: V) => torch.linalg.vectorNorm(a, 3, 1), [leaf([2, 3])])],
    ['linalg.vectorNorm inf', () => gradcheck((a: V) => torch.linalg.vectorNorm(a, Infinity, [0, 1]), [leaf([2, 3])])],
    ['linalg.norm', () => gradcheck((a: V) => torch.linalg.norm(a), [leaf([2, 3])])],
    ['linalg.matrixNorm fro', () => gradcheck((a: V) => torch.linalg.matrixNorm(a), [leaf([2, 3, 2])])],
    ['linalg.matrixNorm 1', () => gradcheck((a: V) => torch.linalg.matrixNorm(a, 1), [leaf([3, 3])])],
  ];
  for (const [name, f] of cases) it(name, () => expect(f()).toBe(true));

  const lapackCases: [string, () => boolean][] = [
    ['linalg.det', () => gradcheck((a: V) => torch.linalg.det(a), [square(3)])],
    ['linalg.inv batched', () => gradcheck((a: V) => torch.linalg.inv(a), [square(2, [2])])],
    ['linalg.solve vector B', () => gradcheck((a: V, b: V) => torch.linalg.solve(a, b), [square(3), leaf([3], 4)])],
    ['linalg.solve matrix B', () => gradcheck((a: V, b: V) => torch.linalg.solve(a, b), [square(2), leaf([2, 3], 4)])],
    ['linalg.matrixNorm nuc', () => gradcheck((a: V) => torch.linalg.matrixNorm(a, 'nuc'), [square(3)])],
    ['linalg.lstsq solution', () => gradcheck((a: V, b: V) => torch.linalg.lstsq(a, b).solution, [leaf([4, 2]), leaf([4, 1], 3)])],
  ];
  for (const [name, f] of lapackCases)
    it(name, (ctx: TestContext) => {
      ctx.skip(!hasLapack, 'needs LAPACK');
      expect(f()).toBe(true);
    });

  it('cdist through matmul: coincident points get a zero gradient, not NaN (as the direct form)', () => {
    const pts = torch.tensor([[1, 2], [3, 4]], { dtype: torch.float64 });
    const a = new Variable(pts.clone(), { requiresGrad: true });
    const b = new Variable(pts.clone(), { requiresGrad: true });
    torch.cdist(a, a).sum().backward();
    torch.cdist(b, b, 2, { computeMode: 'use_mm_for_euclid_dist' }).sum().backward();
    const g = a.grad!.data.tolist() as number[][];
    expect(g[0]![0]).toBeCloseTo(-Math.SQRT2, 12);
    (b.grad!.data.tolist() as number[][]).flat().forEach((x, i) => expect(x).toBeCloseTo(g.flat()[i]!, 6));
  });

  it('returns Variables for Variables and Tensors for Tensors', () => {
    const a = leaf([2, 2]);
    expect(torch.einsum('ij->j', a)).toBeInstanceOf(Variable);
    expect(torch.einsum('ij->j', a.data)).toBeInstanceOf(torch.Tensor);
    expect(torch.diff(a, { append: a.data })).toBeInstanceOf(Variable);
    // Not differentiable in PyTorch either: plain tensors from the data.
    expect(torch.isclose(a, a)).toBeInstanceOf(torch.Tensor);
    expect(torch.allclose(a, a)).toBe(true);
  });
});
