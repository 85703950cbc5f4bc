// gradcheck and gradgradcheck (float64) on the LAPACK family: batched, broadcast and non-contiguous
// inputs, on well-conditioned matrices (SPD for the Cholesky family, distinct singular values / eigenvalues).
import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { Variable, derivativeNames, solve, lstsq, grad } from '../src/index';
import { gradcheck, gradgradcheck, v } from './helpers';

const check = (fn: (...a: any[]) => any, inputs: unknown[], second = true) => {
  expect(gradcheck(fn, inputs)).toBe(true);
  if (second) expect(gradgradcheck(fn, inputs)).toBe(true);
};
const f64 = { dtype: torch.float64 };
const mT = (x: any) => x.transpose(-1, -2);
/** (x + xᵀ) / 2: the ops that read one triangle see a symmetric input, so finite differences match. */
const sym = (x: any) => x.add(mT(x)).mul(0.5);

/** A leaf of size `*, n, n` near 2·I (well conditioned, positive determinant). */
function wellCond(shape: number[]): Variable {
  const n = shape[shape.length - 1]!;
  return new Variable(torch.rand(shape, f64).mul(0.6).sub(0.3).add(torch.eye(n, f64).mul(2)), { requiresGrad: true });
}
/** A symmetric positive-definite leaf `*, n, n` (M Mᵀ + n I). */
function spd(shape: number[]): Variable {
  const n = shape[shape.length - 1]!;
  const m = torch.rand(shape, f64).sub(0.5);
  return new Variable(m.matmul(m.transpose(-1, -2)).add(torch.eye(n, f64).mul(n)), { requiresGrad: true });
}
/** The same values as a non-contiguous leaf (the transpose of a contiguous tensor). */
function ncOf(x: Variable): Variable {
  return new Variable(x.data.transpose(-1, -2).contiguous().transpose(-1, -2), { requiresGrad: true });
}
/** The lower Cholesky factor of an SPD matrix, as a leaf. */
function factor(shape: number[], upper = false): Variable {
  return new Variable(spd(shape).data.cholesky({ upper }), { requiresGrad: true });
}

const lapackNames = [
  'inverse', 'det', 'logdet', 'slogdet', 'solve', 'lstsq', 'cholesky', 'choleskySolve', 'choleskyInverse', 'triangularSolve',
  'qr', 'svd', 'symeig', 'eig', 'pinverse', 'matrixPower', 'gesv', 'gels', 'potrf', 'potrs', 'potri', 'trtrs',
];

describe('LAPACK coverage', () => {
  it('every LAPACK op of core has an entry in the derivative registry', () => {
    const names = derivativeNames();
    expect(lapackNames.filter((n) => !names.has(n))).toEqual([]);
    for (const n of lapackNames) {
      if (n === 'solve' || n === 'lstsq') expect(typeof (torch as any)[n]).toBe('function');
      else {
        expect(typeof (torch.Tensor.prototype as any)[n]).toBe('function');
        expect(typeof (Variable.prototype as any)[n]).toBe('function');
      }
    }
  });
});

describe('named tuples', () => {
  it('LAPACK results of a Variable destructure into Variables, in order, and still differentiate', () => {
    const a = new Variable(torch.tensor([[4, 1], [1, 3]], f64), { requiresGrad: true });
    const [U, S, V] = (a as any).svd();
    expect([U, S, V].every((x) => x instanceof Variable)).toBe(true);
    const [eigenvalues] = (a as any).symeig(true);
    expect(eigenvalues).toBeInstanceOf(Variable);
    eigenvalues.sum().backward();
    // d(trace A)/dA = I: the sum of the eigenvalues is the trace
    expect(a.grad!.data.sub(torch.eye(2, f64)).abs().max().item()).toBeLessThan(1e-12);
    expect(S.data.tolist()).toEqual((a as any).svd().S.data.tolist());
    void V;
  });
});

describe('inverse, det, logdet, slogdet', () => {
  it('inverse: plain, batched, non-contiguous', () => {
    check((a: any) => a.inverse(), [wellCond([3, 3])]);
    check((a: any) => a.inverse(), [wellCond([2, 3, 3])]);
    check((a: any) => a.inverse(), [ncOf(wellCond([3, 3]))]);
    expect(wellCond([2, 2]).inverse().gradFn!.name).toBe('InverseBackward');
  });
  it('det: plain, batched, non-contiguous, negative determinant', () => {
    check((a: any) => a.det(), [wellCond([3, 3])]);
    check((a: any) => a.det(), [wellCond([2, 3, 3])]);
    check((a: any) => a.det(), [ncOf(wellCond([4, 4]))]);
    check((a: any) => a.flip(0).det(), [wellCond([3, 3])]);
  });
  it('det of a singular matrix: the cofactor matrix, through the SVD', () => {
    const m = torch.tensor([[1, 2, 3], [2, 1, 0.5], [3, 3, 3.5]], f64); // row 3 = row 1 + row 2
    const a = new Variable(m, { requiresGrad: true });
    expect(a.det().item()).toBeCloseTo(0, 12);
    // First order only: gradgradcheck's perturbations leave the singular set, where det·A^{-T} of a
    // nearly singular matrix loses the digits finite differences need.
    check((x: any) => x.det(), [a], false);
    // The cofactor matrix of a rank-2 matrix, checked against the adjugate formula by hand.
    const [g] = grad(a.det(), a);
    const c = (r: number, k: number) => {
      const rows = [0, 1, 2].filter((i) => i !== r), cols = [0, 1, 2].filter((j) => j !== k);
      const x = (i: number, j: number) => m.get(rows[i]!, cols[j]!).item();
      return (-1) ** (r + k) * (x(0, 0) * x(1, 1) - x(0, 1) * x(1, 0));
    };
    const flatG = (g!.data.tolist() as number[][]).flat();
    flatG.forEach((val, i) => expect(val).toBeCloseTo(c(Math.floor(i / 3), i % 3), 10));
  });
  it('logdet and slogdet (logabsdet differentiable, sign not)', () => {
    check((a: any) => a.logdet(), [wellCond([3, 3])]);
    check((a: any) => a.logdet(), [wellCond([2, 2, 3, 3])]);
    check((a: any) => a.slogdet().logabsdet, [wellCond([2, 3, 3])]);
    check((a: any) => a.flip(-1).slogdet().logabsdet, [ncOf(wellCond([3, 3]))]);
    const r = wellCond([3, 3]).flip(0).slogdet();
    expect(r.sign.requiresGrad).toBe(false);
    expect(r.sign.item()).toBe(-1);
    expect(r.logabsdet.gradFn!.name).toBe('SlogdetBackward');
  });
});

describe('solve, gesv, lstsq, gels', () => {
  it('solve(A, B): matrix and vector B, batched and broadcast, non-contiguous', () => {
    check((a: any, b: any) => solve(a, b), [wellCond([3, 3]), v([3, 2])]);
    check((a: any, b: any) => solve(a, b), [wellCond([2, 3, 3]), v([3, 2])]);
    check((a: any, b: any) => solve(a, b), [wellCond([3, 3]), v([2, 3, 2])]);
    check((a: any, b: any) => solve(a, b), [wellCond([2, 1, 3, 3]), v([3, 3, 1])]);
    check((a: any, b: any) => solve(a, b), [wellCond([3, 3]), v([3])]);
    check((a: any, b: any) => solve(a, b), [wellCond([2, 3, 3]), v([2, 3])]);
    check((a: any, b: any) => solve(a, b), [ncOf(wellCond([3, 3])), ncOf(v([3, 3]))]);
    const constA = wellCond([3, 3]).data;
    check((b: any, A: any) => solve(A, b), [v([3, 2]), constA]);
  });
  it('gesv(B, A).solution is solve(A, B); LU is not differentiable', () => {
    check((b: any, a: any) => b.gesv(a).solution, [v([3, 2]), wellCond([3, 3])]);
    check((b: any, a: any) => b.gesv(a).solution, [v([2, 3, 1]), wellCond([3, 3])]);
    const r = v([3, 1]).gesv(wellCond([3, 3]));
    expect(r.LU.requiresGrad).toBe(false);
    expect(r.solution.gradFn!.name).toBe('GesvBackward');
  });
  it('lstsq: least squares (m > n), minimum norm (m < n), square, vector B, batched (residuals not differentiable)', () => {
    check((a: any, b: any) => lstsq(a, b).solution, [v([5, 3]), v([5, 2])]);
    check((a: any, b: any) => lstsq(a, b).solution, [v([2, 4]), v([2, 3])]);
    check((a: any, b: any) => lstsq(a, b).solution, [wellCond([3, 3]), v([3])]);
    check((a: any, b: any) => lstsq(a, b).solution, [v([2, 4, 3]), v([1, 4, 2])]);
    const r = lstsq(v([5, 3]), v([5, 2]));
    expect(r.residuals.requiresGrad).toBe(false);
    expect(r.rank.requiresGrad).toBe(false);
  });
  it('gels: recorded, but backward raises naming the op (PyTorch never differentiated it)', () => {
    const a = v([4, 2]);
    const x = v([4, 1]).gels(a).solution;
    expect(x.requiresGrad).toBe(true);
    expect(() => x.backward(torch.ones(2, 1, f64))).toThrow(/GelsBackward: the derivative of gels is not implemented.*lstsq/);
  });
});

describe('Cholesky family', () => {
  it('cholesky: lower and upper, batched, non-contiguous', () => {
    check((a: any) => sym(a).cholesky(), [spd([3, 3])]);
    check((a: any) => sym(a).cholesky({ upper: true }), [spd([3, 3])]);
    check((a: any) => sym(a).cholesky(), [spd([2, 3, 3])]);
    check((a: any) => sym(a).cholesky({ upper: true }), [ncOf(spd([2, 4, 4]))]);
  });
  it('potrf (upper by default), potri, potrs as the same formulas', () => {
    check((a: any) => sym(a).potrf(), [spd([3, 3])]);
    check((a: any) => sym(a).potrf({ upper: false }), [spd([3, 3])]);
    check((u: any) => u.triu().potri(), [factor([3, 3], true)]);
    check((b: any, u: any) => b.potrs(u.triu()), [v([3, 2]), factor([3, 3], true)]);
  });
  it('choleskySolve: lower and upper factors, batched and broadcast', () => {
    check((b: any, l: any) => b.choleskySolve(l.tril()), [v([3, 2]), factor([3, 3])]);
    check((b: any, u: any) => b.choleskySolve(u.triu(), { upper: true }), [v([3, 2]), factor([3, 3], true)]);
    check((b: any, l: any) => b.choleskySolve(l.tril()), [v([2, 3, 2]), factor([3, 3])]);
    check((b: any, l: any) => b.choleskySolve(l.tril()), [v([3, 1]), factor([2, 3, 3])]);
  });
  it('choleskyInverse: lower and upper, batched', () => {
    check((l: any) => l.tril().choleskyInverse(), [factor([3, 3])]);
    check((u: any) => u.triu().choleskyInverse({ upper: true }), [factor([3, 3], true)]);
    check((l: any) => l.tril().choleskyInverse(), [factor([2, 3, 3])]);
  });
  it('the factor of a cholesky feeds choleskySolve (a composite through both)', () => {
    check((a: any, b: any) => b.choleskySolve(sym(a).cholesky()), [spd([3, 3]), v([3, 2])]);
  });
});

describe('triangularSolve, trtrs', () => {
  const tri = (shape: number[], upper: boolean) => {
    const w = wellCond(shape);
    return new Variable(upper ? w.data.triu() : w.data.tril(), { requiresGrad: true });
  };
  it('upper/lower, transpose, unitriangular; solution and clonedCoefficient', () => {
    for (const upper of [true, false])
      for (const transpose of [false, true])
        for (const unitriangular of [false, true]) {
          const o = { upper, transpose, unitriangular };
          check((b: any, a: any) => {
            const r = b.triangularSolve(a, o);
            return [r.solution, r.clonedCoefficient];
          }, [v([3, 2]), tri([3, 3], upper)]);
        }
  });
  it('batched and broadcast, non-contiguous, trtrs', () => {
    check((b: any, a: any) => b.triangularSolve(a).solution, [v([2, 3, 2]), tri([3, 3], true)]);
    check((b: any, a: any) => b.triangularSolve(a, { upper: false }).solution, [v([3, 1]), tri([2, 3, 3], false)]);
    check((b: any, a: any) => b.triangularSolve(a, { upper: false }).clonedCoefficient, [v([2, 3, 1]), tri([3, 3], false)]);
    check((b: any, a: any) => b.triangularSolve(a, { transpose: true }).solution, [ncOf(v([3, 3])), ncOf(tri([3, 3], true))]);
    check((b: any, a: any) => b.trtrs(a, { upper: false }).solution, [v([3, 2]), tri([3, 3], false)]);
  });
});

describe('qr, svd, symeig, eig', () => {
  it('qr: tall, square and wide, batched, non-contiguous', () => {
    check((a: any) => { const { Q, R } = a.qr(); return [Q, R]; }, [v([4, 3])]);
    check((a: any) => { const { Q, R } = a.qr(); return [Q, R]; }, [wellCond([3, 3])]);
    check((a: any) => { const { Q, R } = a.qr(); return [Q, R]; }, [v([2, 4, 3])]);
    check((a: any) => { const { Q, R } = a.qr(); return [Q, R]; }, [ncOf(v([4, 4]))]);
    check((a: any) => { const { Q, R } = a.qr(); return [Q, R]; }, [v([2, 4])]);
    check((a: any) => a.qr().R, [v([4, 2])]);
    check((a: any) => a.qr({ some: false }).Q, [wellCond([3, 3])]);
  });
  it('qr with some=false and m > n raises at backward, naming the op', () => {
    const { Q } = v([4, 2]).qr({ some: false });
    expect(() => Q.backward(torch.ones(4, 4, f64))).toThrow(/QrBackward: the QR decomposition is not differentiable when some=false/);
  });
  it('svd: U, S, V (distinct singular values), tall, wide, square, batched, non-contiguous', () => {
    const all = (a: any) => { const { U, S, V } = a.svd(); return [U, S, V]; };
    check(all, [v([4, 3])]);
    check(all, [v([3, 4])]);
    check(all, [wellCond([3, 3])]);
    check(all, [v([2, 4, 3])]);
    check(all, [ncOf(v([4, 3]))]);
    check((a: any) => a.svd().S, [v([3, 4])]);
    check((a: any) => a.svd({ computeUv: false }).S, [v([4, 3])]);
    check((a: any) => { const { U, V } = a.svd({ some: false }); return [U.narrow(-1, 0, 3), V]; }, [v([4, 3])]);
  });
  it('symeig: eigenvalues and eigenvectors, batched, non-contiguous; eigenvectors: false raises at backward', () => {
    const both = (a: any) => { const r = sym(a).symeig({ eigenvectors: true }); return [r.eigenvalues, r.eigenvectors]; };
    check(both, [v([3, 3])]);
    check(both, [v([2, 4, 4])]);
    check(both, [ncOf(v([3, 3]))]);
    check((a: any) => sym(a).symeig({ eigenvectors: true, upper: false }).eigenvalues, [v([3, 3])]);
    const { eigenvalues } = sym(v([3, 3])).symeig();
    expect(() => eigenvalues.backward(torch.ones(3, f64))).toThrow(/SymeigBackward: symeig\(A, \{ eigenvectors: false \}\) is not differentiable/);
  });
  it('eig: recorded, backward raises naming the op', () => {
    const { eigenvalues } = wellCond([3, 3]).eig();
    expect(() => eigenvalues.backward(torch.ones(3, 2, f64))).toThrow(/EigBackward: eig is not differentiable/);
  });
});

describe('pinverse, matrixPower', () => {
  it('pinverse: tall, wide, square, batched', () => {
    check((a: any) => a.pinverse(), [v([4, 3])]);
    check((a: any) => a.pinverse(), [v([2, 4])]);
    check((a: any) => a.pinverse(), [wellCond([3, 3])]);
    check((a: any) => a.pinverse(), [v([2, 3, 2])]);
  });
  it('matrixPower: n = 0, 1, 3, -1, -2, batched, non-contiguous', () => {
    for (const n of [0, 1, 3, -1, -2]) check((a: any) => a.matrixPower(n), [wellCond([3, 3])]);
    check((a: any) => a.matrixPower(4), [v([2, 3, 3])]);
    check((a: any) => a.matrixPower(-3), [ncOf(wellCond([3, 3]))]);
  });
});

describe('multi-output nodes', () => {
  it('outputs of one decomposition share one node; unused outputs get no gradient', () => {
    const a = v([4, 3]);
    const { U, S, V } = a.svd();
    expect(U.gradFn).toBe(S.gradFn);
    expect(V.gradFn).toBe(S.gradFn);
    expect(S.gradFn!.name).toBe('SvdBackward');
    // Only S used: U diag(gS) Vᵀ, fine even for repeated singular values.
    const e = new Variable(torch.eye(3, f64), { requiresGrad: true });
    const [g] = grad(e.svd().S, e, torch.ones(3, f64));
    (g!.data.sub(torch.eye(3, f64)).tolist() as number[][]).flat().forEach((x) => expect(Math.abs(x)).toBeLessThan(1e-12));
  });
  it('modifying a saved output in place is reported', () => {
    const { Q, R } = v([3, 3]).qr();
    R.data.mul_(2);
    expect(() => Q.backward(torch.ones(3, 3, f64))).toThrow(/QrBackward: one of the variables needed for gradient computation has been modified/);
  });
});
