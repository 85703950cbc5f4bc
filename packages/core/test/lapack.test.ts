// LAPACK ops against PyTorch 1.13 (fixtures/lapack.json, written by tools/gen_fixtures_lapack.py),
// plus invariant checks where results are unique only up to sign (QR, SVD, eigenvectors):
// Q·R = A, U·diag(S)·Vᵀ = A, A·V = V·diag(λ), orthonormal columns. Every case also checks that the
// inputs are unchanged. Without LAPACK in the build these tests skip, and the ops must throw.
import { describe, expect, it, type TestContext } from 'vitest';
import * as torch from '../src/index';
import { native, meta } from '../src/native';
import { attempt, compareTensor, inputTensor, loadFixture, onEveryBackend, sameOnEveryBackend, snapshot, type TensorSpec, type Tol } from './fixtures';

const hasLapack = torch.lapackLibrary() !== null;
const SKIP = 'needs LAPACK; this build has none (missing library)';

/** A test that needs LAPACK: skipped, with the reason, when the addon has none. */
function lit(name: string, fn: () => void): void {
  it(name, (ctx: TestContext) => {
    ctx.skip(!hasLapack, SKIP);
    fn();
  });
}

interface Case {
  op: string;
  dtype: string;
  name: string;
  inputs: TensorSpec[];
  options: Record<string, unknown>;
  expected: Record<string, TensorSpec> | { error: string; kind: 'type' | 'size' | 'linalg' };
}

type T = torch.Tensor;
type Result = Record<string, T>;
/** A named-tuple result's fields as a plain record. */
const fields = (r: object): Result => ({ ...r }) as Result;

const cases = loadFixture<Case>('lapack.json');
const ops = [...new Set(cases.map((c) => c.op))];

/** Runs a case; float64 cases go through the Tensor methods, the others through torch.* functions. */
function run(c: Case, ts: T[]): Result {
  const o = c.options as never;
  const m = c.dtype === 'float64';
  const a = ts[0]!, b = ts[1]!;
  switch (c.op) {
    case 'inverse': return { out: m ? a.inverse() : torch.inverse(a) };
    case 'det': return { out: m ? a.det() : torch.det(a) };
    case 'logdet': return { out: m ? a.logdet() : torch.logdet(a) };
    case 'slogdet': return fields(m ? a.slogdet() : torch.slogdet(a));
    case 'solve': return { out: torch.solve(a, b) };
    case 'lstsq': return torch.lstsq(a, b) as unknown as Result;
    case 'cholesky': return { out: m ? a.cholesky(o) : torch.cholesky(a, o) };
    case 'choleskySolve': return { out: m ? a.choleskySolve(b, o) : torch.choleskySolve(a, b, o) };
    case 'choleskyInverse': return { out: m ? a.choleskyInverse(o) : torch.choleskyInverse(a, o) };
    case 'triangularSolve': return fields(m ? a.triangularSolve(b, o) : torch.triangularSolve(a, b, o));
    case 'qr': return fields(m ? a.qr(o) : torch.qr(a, o));
    case 'svd': return fields(m ? a.svd(o) : torch.svd(a, o));
    case 'eig': return fields(m ? a.eig(o) : torch.eig(a, o));
    case 'symeig': return fields(m ? a.symeig(o) : torch.symeig(a, o));
    case 'pinverse': return { out: m ? a.pinverse(o) : torch.pinverse(a, o) };
    case 'matrixPower': return { out: m ? a.matrixPower(c.options.n as number) : torch.matrixPower(a, c.options.n as number) };
    case 'gesv': return fields(m ? a.gesv(b) : torch.gesv(a, b));
    case 'gels': return fields(m ? a.gels(b) : torch.gels(a, b));
    case 'potrf': return { out: m ? a.potrf(o) : torch.potrf(a, o) };
    case 'potrs': return { out: m ? a.potrs(b, o) : torch.potrs(a, b, o) };
    case 'potri': return { out: m ? a.potri(o) : torch.potri(a, o) };
    case 'trtrs': return fields(m ? a.trtrs(b, o) : torch.trtrs(a, b, o));
  }
  throw new Error(`unknown op ${c.op}`);
}

function tolFor(c: Case): Tol {
  if (c.dtype === 'int64') return { rtol: 0, atol: 0 };
  // float32: the references come from the same algorithms but possibly other blockings/orders.
  return c.dtype === 'float32' ? { rtol: 2e-4, atol: 2e-4 } : { rtol: 1e-9, atol: 1e-10 };
}

// ---------------------------------------------------------------- small dense helpers on JS arrays

type M = number[][];
/** The matrices of a tensor (…, r, c) as a list of JS arrays. */
function mats(t: T): M[] {
  const [r, c] = t.size().slice(-2) as [number, number];
  const flat = t.contiguous().reshape(-1).tolist() as number[];
  const out: M[] = [];
  if (r * c === 0) return out;
  for (let off = 0; off < flat.length; off += r * c) out.push(Array.from({ length: r }, (_, i) => flat.slice(off + i * c, off + (i + 1) * c)));
  return out;
}
function vecs(t: T): number[][] {
  const n = t.size(-1);
  const flat = t.contiguous().reshape(-1).tolist() as number[];
  const out: number[][] = [];
  for (let off = 0; off < flat.length; off += n) out.push(flat.slice(off, off + n));
  return out;
}
const mul = (a: M, b: M): M => a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
const tr = (a: M): M => (a.length ? a[0]!.map((_, j) => a.map((row) => row[j]!)) : []);
const col = (a: M, j: number): number[] => a.map((row) => row[j]!);
const dotv = (x: number[], y: number[]): number => x.reduce((s, v, i) => s + v * y[i]!, 0);
function maxDiff(a: M, b: M): number {
  let d = 0;
  a.forEach((row, i) => row.forEach((v, j) => (d = Math.max(d, Math.abs(v - b[i]![j]!)))));
  return d;
}
const eyeM = (n: number): M => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
const scale = (c: Case, a: M): number => (c.dtype === 'float32' ? 2e-4 : 1e-10) * Math.max(1, ...a.flat().map(Math.abs));

/** Compares the first `k` columns of `got` with `exp` allowing each column to flip sign; returns the signs. */
function colsUpToSign(got: M, exp: M, k: number, tol: number, what: string): number[] {
  const signs: number[] = [];
  for (let j = 0; j < k; j++) {
    const s = dotv(col(got, j), col(exp, j)) < 0 ? -1 : 1;
    signs.push(s);
    got.forEach((row, i) => {
      if (Math.abs(s * row[j]! - exp[i]![j]!) > tol) throw new Error(`${what}: column ${j} differs at row ${i}: ${s * row[j]!} vs ${exp[i]![j]!}`);
    });
  }
  return signs;
}

function checkOrthonormalCols(q: M, tol: number, what: string): void {
  const d = maxDiff(mul(tr(q), q), eyeM(q[0]?.length ?? 0));
  if (d > tol) throw new Error(`${what}: columns not orthonormal (max |QᵀQ - I| = ${d})`);
}

function specMats(spec: TensorSpec): M[] {
  return mats(inputTensor(spec));
}

// ---------------------------------------------------------------- per-op result checks

function checkResult(c: Case, got: Result, exp: Record<string, TensorSpec>, inputs: T[]): string | null {
  const tol = tolFor(c);
  const cmp = (name: string, t: Tol = tol): string | null => {
    const e = compareTensor(got[name]!, exp[name]!, t);
    return e && `${name}: ${e}`;
  };
  const shapeOnly = (name: string): string | null => {
    const g = got[name]!;
    if (g.dtype.name !== exp[name]!.dtype) return `${name}: dtype ${g.dtype.name}, expected ${exp[name]!.dtype}`;
    if (JSON.stringify(g.size()) !== JSON.stringify(exp[name]!.shape)) return `${name}: shape [${g.size()}], expected [${exp[name]!.shape}]`;
    return null;
  };
  const a = inputs[0]!;
  switch (c.op) {
    case 'qr': {
      const err = shapeOnly('Q') ?? shapeOnly('R');
      if (err || a.numel() === 0) return err ?? (c.options.some === false ? cmp('Q') ?? cmp('R') : null);
      const [m, n] = a.size().slice(-2) as [number, number];
      const k = Math.min(m, n);
      const A = mats(a), Q = mats(got.Q!), R = mats(got.R!), Qe = specMats(exp.Q!), Re = specMats(exp.R!);
      A.forEach((Ai, b) => {
        const t = scale(c, Ai);
        const s = colsUpToSign(Q[b]!, Qe[b]!, k, t, 'Q');
        R[b]!.forEach((row, i) => row.forEach((v, j) => {
          if (i > j && v !== 0) throw new Error(`R not upper triangular at (${i}, ${j})`);
          if (i < k && Math.abs(s[i]! * v - Re[b]![i]![j]!) > t * 10) throw new Error(`R(${i}, ${j}) = ${v} vs ${Re[b]![i]![j]}`);
        }));
        checkOrthonormalCols(Q[b]!, t * 10, 'Q');
        const d = maxDiff(mul(Q[b]!, R[b]!), Ai);
        if (d > t * 10) throw new Error(`Q·R differs from A by ${d}`);
      });
      return null;
    }
    case 'svd': {
      const err = shapeOnly('U') ?? shapeOnly('S') ?? shapeOnly('V') ?? cmp('S');
      if (err) return err;
      if (c.options.computeUv === false || a.numel() === 0) return cmp('U') ?? cmp('V');
      const [m, n] = a.size().slice(-2) as [number, number];
      const k = Math.min(m, n);
      const A = mats(a), U = mats(got.U!), V = mats(got.V!), S = vecs(got.S!), Ue = specMats(exp.U!), Ve = specMats(exp.V!);
      A.forEach((Ai, b) => {
        const t = scale(c, Ai);
        // Singular vectors of distinct, non-zero singular values are unique up to sign (together in U and V).
        const s = S[b]!;
        const distinct = s.filter((v, j) => v > t * 100 && s.every((w, i) => i === j || Math.abs(w - v) > t * 100)).length;
        const signs = colsUpToSign(U[b]!, Ue[b]!, distinct, t * 10, 'U');
        const Vs = V[b]!.map((row) => row.map((v, j) => (j < distinct ? v * signs[j]! : v)));
        colsUpToSign(Vs, Ve[b]!, distinct, t * 10, 'V');
        checkOrthonormalCols(U[b]!, t * 10, 'U');
        checkOrthonormalCols(V[b]!, t * 10, 'V');
        const US = U[b]!.map((row) => row.slice(0, k).map((v, j) => v * s[j]!));
        const d = maxDiff(mul(US, tr(V[b]!.map((row) => row.slice(0, k)))), Ai);
        if (d > t * 10) throw new Error(`U·diag(S)·Vᵀ differs from A by ${d}`);
      });
      return null;
    }
    case 'eig': {
      const err = shapeOnly('eigenvalues');
      if (err) return err;
      const sortPairs = (p: number[][]) => [...p].sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]!);
      const ge = sortPairs(mats(got.eigenvalues!)[0] ?? []), ee = sortPairs(specMats(exp.eigenvalues!)[0] ?? []);
      const A = mats(a)[0] ?? [];
      const t = scale(c, A) * 10;
      if (maxDiff(ge, ee) > t) return `eigenvalues ${JSON.stringify(ge)} vs ${JSON.stringify(ee)}`;
      const ev = got.eigenvectors!;
      if (!c.options.eigenvectors) return ev.numel() === 0 && ev.dim() === 1 ? null : `eigenvectors should be empty, got [${ev.size()}]`;
      // A·v = λ·v, with complex pairs packed as (re, im) columns j, j+1.
      const V = mats(ev)[0]!, W = mats(got.eigenvalues!)[0]!, AV = mul(A, V);
      for (let j = 0; j < V.length; j++) {
        const [re, im] = W[j]!;
        if (im === 0) {
          const d = Math.max(...AV.map((row, i) => Math.abs(row[j]! - re! * V[i]![j]!)));
          if (d > t) return `A·v ≠ λ·v for eigenvalue ${re} (max diff ${d})`;
          if (Math.abs(Math.hypot(...col(V, j)) - 1) > t) return `eigenvector ${j} is not normalised`;
        } else {
          const d = Math.max(...AV.map((row, i) => Math.max(
            Math.abs(row[j]! - (re! * V[i]![j]! - im! * V[i]![j + 1]!)),
            Math.abs(row[j + 1]! - (im! * V[i]![j]! + re! * V[i]![j + 1]!)))));
          if (d > t) return `A·v ≠ λ·v for eigenvalue ${re} + ${im}i (max diff ${d})`;
          if (W[j + 1]![1] !== -im!) return `complex eigenvalues ${j}, ${j + 1} are not a conjugate pair`;
          j++;
        }
      }
      return null;
    }
    case 'symeig': {
      const err = cmp('eigenvalues') ?? shapeOnly('eigenvectors');
      if (err || !c.options.eigenvectors || a.numel() === 0) return err;
      const A = mats(a), V = mats(got.eigenvectors!), W = vecs(got.eigenvalues!), Ve = specMats(exp.eigenvectors!);
      const upper = c.options.upper ?? true;
      A.forEach((Ai, b) => {
        const t = scale(c, Ai) * 10;
        colsUpToSign(V[b]!, Ve[b]!, V[b]!.length, t, 'eigenvectors');
        checkOrthonormalCols(V[b]!, t, 'eigenvectors');
        const Sym = Ai.map((row, i) => row.map((v, j) => ((upper ? i <= j : i >= j) ? v : Ai[j]![i]!)));
        const d = maxDiff(mul(Sym, V[b]!), V[b]!.map((row) => row.map((v, j) => v * W[b]![j]!)));
        if (d > t) throw new Error(`A·V differs from V·diag(λ) by ${d}`);
      });
      return null;
    }
  }
  for (const name of Object.keys(exp)) {
    const e = cmp(name);
    if (e) return e;
  }
  return null;
}

// ---------------------------------------------------------------- the fixture cases

describe('lapack ops vs PyTorch 1.13', () => {
  for (const op of ops) {
    lit(op, () => {
      const failures: string[] = [];
      for (const c of cases.filter((x) => x.op === op)) {
        const label = `${c.dtype} ${c.name}`;
        const bad = onEveryBackend(() => {
          const ts = c.inputs.map(inputTensor);
          const before = ts.map(snapshot);
          const { result, error } = attempt(() => run(c, ts));
          sameOnEveryBackend(`${c.op} ${label}`, { result, error });
          if (ts.map(snapshot).join() !== before.join()) return 'an input was modified';
          if ('error' in c.expected) {
            const expected = c.expected as { error: string; kind: 'type' | 'size' | 'linalg' };
            const cls = { type: torch.TorchTypeError, size: torch.TorchSizeError, linalg: torch.TorchLinAlgError }[expected.kind];
            if (!(error instanceof cls)) return `expected ${cls.name} (PyTorch: ${expected.error}), got ${String(error)}`;
            if (!error.message.startsWith(`${c.op}: `)) return `message does not name the op: ${error.message}`;
            return null;
          }
          if (error !== undefined) return `threw ${String(error)}`;
          return checkResult(c, result as Result, c.expected as Record<string, TensorSpec>, ts);
        });
        if (bad) failures.push(`${label}: ${bad}`);
      }
      expect(failures).toEqual([]);
    });
  }
});

// ---------------------------------------------------------------- beyond the fixtures

describe('lapack: larger matrices, messages, layouts', () => {
  const f64 = { dtype: torch.float64 };
  torch.manualSeed(7);

  lit("results are named tuples: fields by name, or destructured in PyTorch's order (U, S, V = torch.svd(A))", () => {
    const A = torch.tensor([[4, 1, 0], [1, 3, 1], [0, 1, 2]], f64), B = torch.tensor([[1], [2], [3]], f64);
    const results: [string, object & Iterable<torch.Tensor>, string[]][] = [
      ['slogdet', A.slogdet(), ['sign', 'logabsdet']],
      ['qr', torch.qr(A), ['Q', 'R']],
      ['svd', A.svd(), ['U', 'S', 'V']],
      ['eig', A.eig(true), ['eigenvalues', 'eigenvectors']],
      ['symeig', torch.symeig(A, true), ['eigenvalues', 'eigenvectors']],
      ['triangularSolve', B.triangularSolve(A), ['solution', 'clonedCoefficient']],
      ['gesv', torch.gesv(B, A), ['solution', 'LU']],
      ['gels', torch.gels(B, A), ['solution', 'QR']],
      ['lstsq', torch.lstsq(A, B), ['solution', 'residuals', 'rank', 'singularValues']],
      ['linalg.qr r', torch.linalg.qr(A, 'r'), ['Q', 'R']],
      ['linalg.svd', torch.linalg.svd(A), ['U', 'S', 'Vh']],
      ['linalg.eigh', torch.linalg.eigh(A), ['eigenvalues', 'eigenvectors']],
      ['linalg.lstsq', torch.linalg.lstsq(A, B), ['solution', 'residuals', 'rank', 'singularValues']],
    ];
    for (const [op, r, names] of results) {
      expect(Object.keys(r), op).toEqual(names);
      expect([...r], op).toEqual(names.map((k) => (r as Record<string, torch.Tensor>)[k]));
    }
    const [U, S, V] = A.svd();
    expect(maxDiff(mats(U.mm(torch.diag(S)).mm(V.t()))[0]!, mats(A)[0]!)).toBeLessThan(1e-12);
  });

  lit('inverse and solve of a 70x70 matrix (blocked LAPACK paths)', () => {
    const a = torch.randn([70, 70], f64).add(torch.eye(70, f64).mul(10));
    const inv = a.inverse();
    expect(maxDiff(mats(a.mm(inv))[0]!, eyeM(70))).toBeLessThan(1e-12);
    const b = torch.randn([70, 3], f64);
    expect(maxDiff(mats(a.mm(torch.solve(a, b)))[0]!, mats(b)[0]!)).toBeLessThan(1e-12);
  });

  lit('svd, qr and symeig of larger matrices reconstruct their input', () => {
    const a = torch.randn([60, 40], f64);
    const { U, S, V } = a.svd();
    const A = mats(a)[0]!;
    const s = vecs(S)[0]!;
    expect(maxDiff(mul(mats(U)[0]!.map((row) => row.map((v, j) => v * s[j]!)), tr(mats(V)[0]!)), A)).toBeLessThan(1e-12);
    const { Q, R } = a.qr();
    expect(maxDiff(mats(Q.mm(R))[0]!, A)).toBeLessThan(1e-12);
    const sym = a.t().mm(a);
    const { eigenvalues, eigenvectors } = sym.symeig({ eigenvectors: true });
    const w = vecs(eigenvalues)[0]!;
    expect([...w].sort((x, y) => x - y)).toEqual(w);
    const V2 = mats(eigenvectors)[0]!;
    expect(maxDiff(mul(mats(sym)[0]!, V2), V2.map((row) => row.map((v, j) => v * w[j]!)))).toBeLessThan(1e-9);
  });

  lit('results have column-major strides, as PyTorch 1.13', () => {
    const a = torch.randn([2, 3, 3], f64).add(torch.eye(3, f64).mul(5));
    expect(a.inverse().stride()).toEqual([9, 1, 3]);
    expect(a.get(0).inverse().stride()).toEqual([1, 3]);
    expect(torch.qr(torch.randn([4, 3])).Q.stride()).toEqual([1, 4]);
    expect(torch.svd(torch.randn([4, 3])).V.stride()).toEqual([3, 1]);
  });

  lit('singular and non-positive-definite errors name the op, the sizes and the batch element', () => {
    const batch = torch.zeros([2, 3, 3], f64);
    batch.get(0).copy_(torch.eye(3, f64));
    expect(() => batch.inverse()).toThrow(/^inverse: the input of size \[2, 3, 3\] is singular \(batch element 1\)/);
    expect(() => torch.solve(torch.zeros([3, 3]), torch.ones([3]))).toThrow(/^solve: A of size \[3, 3\] is singular/);
    expect(() => torch.cholesky(torch.eye(2).neg())).toThrow(/^cholesky: the input of size \[2, 2\] is not positive-definite/);
    expect(() => torch.inverse(torch.ones([2, 3]))).toThrow(/^inverse: input must be a square matrix or a batch of them, got size \[2, 3\]/);
    expect(() => torch.inverse(torch.ones([2, 2], { dtype: torch.int64 }))).toThrow(/^inverse: expected a float32 or float64 tensor for input, got torch.int64/);
  });

  lit('lstsq: a rank-deficient A is an error (PyTorch 1.13 returns garbage for gels)', () => {
    const a = torch.tensor([[1, 0, 2], [1, 0, 1], [1, 0, 0], [1, 0, 5]], f64); // a zero column
    const b = torch.ones([4, 2], f64);
    const before = snapshot(a);
    expect(() => torch.lstsq(a, b)).toThrow(torch.TorchLinAlgError);
    expect(() => torch.lstsq(a, b)).toThrow(/^lstsq: A of size \[4, 3\] does not have full rank/);
    expect(snapshot(a)).toBe(before);
  });

  lit('eig and symeig reject NaN/Inf input', () => {
    const a = torch.tensor([[NaN, 1], [1, 1]], f64);
    expect(() => torch.eig(a)).toThrow(torch.TorchLinAlgError);
    expect(() => torch.symeig(a)).toThrow(/^symeig: .*non-finite/);
  });

  lit('inverse of NaN input propagates NaN (as PyTorch)', () => {
    const r = torch.inverse(torch.tensor([[NaN, 1], [1, 1]], f64));
    expect((r.tolist() as number[][]).flat().some(Number.isNaN)).toBe(true);
  });

  lit('pinverse and matrixPower(-1) agree with inverse for a square invertible matrix', () => {
    const a = torch.randn([4, 4], f64).add(torch.eye(4, f64).mul(4));
    expect(maxDiff(mats(a.pinverse())[0]!, mats(a.inverse())[0]!)).toBeLessThan(1e-12);
    expect(maxDiff(mats(a.matrixPower(-1))[0]!, mats(a.inverse())[0]!)).toBe(0);
  });

  it('the native entry point checks every array length and its sizes (with or without LAPACK)', () => {
    const set = (v: number[]) => meta.set(v);
    set([0, 1, 2, 3, 3, 1, 0, 0, 0]);
    expect(() => native.lapack(new Float64Array(17))).toThrow(RangeError); // needs 2 * 9
    set([0, 1, 1, 3, 3, 1, 0, 0, 0]);
    expect(() => native.lapack(new Float32Array(9))).toThrow(TypeError); // float64 call
    set([2, 1, 1, 3, 3, 2, 0, 0, 0]);
    expect(() => native.lapack(new Float64Array(9), new Float64Array(5))).toThrow(RangeError);
    set([0, 1, 1, 70000, 70000, 1, 0, 0, 0]);
    expect(() => native.lapack(new Float64Array(9))).toThrow(/32-bit/);
    set([8, 1, 1, 4, 3, 1, 2, 3, 0]);
    expect(() => native.lapack(new Float64Array(12), new Float64Array(8), new Float64Array(9))).toThrow(/qr: invalid/);
    set([0, 1, 1, 0.5, 3, 1, 0, 0, 0]);
    expect(() => native.lapack(new Float64Array(9))).toThrow(RangeError);
  });
});

describe('lapack: builds without LAPACK', () => {
  it('every LAPACK op throws "<op>: needs LAPACK; this build has none"', (ctx: TestContext) => {
    ctx.skip(hasLapack, `this build has LAPACK (${torch.lapackLibrary()})`);
    const a = torch.eye(2);
    const calls: [string, () => unknown][] = [
      ['inverse', () => torch.inverse(a)], ['det', () => torch.det(a)], ['logdet', () => torch.logdet(a)], ['slogdet', () => torch.slogdet(a)],
      ['solve', () => torch.solve(a, a)], ['lstsq', () => torch.lstsq(a, a)], ['cholesky', () => torch.cholesky(a)],
      ['choleskySolve', () => torch.choleskySolve(a, a)], ['choleskyInverse', () => torch.choleskyInverse(a)],
      ['triangularSolve', () => torch.triangularSolve(a, a)], ['qr', () => torch.qr(a)], ['svd', () => torch.svd(a)],
      ['eig', () => torch.eig(a)], ['symeig', () => torch.symeig(a)], ['pinverse', () => torch.pinverse(a)],
      ['matrixPower', () => torch.matrixPower(a, -1)],
    ];
    for (const [op, fn] of calls) expect(fn, op).toThrow(`${op}: needs LAPACK; this build has none`);
    expect(torch.matrixPower(a, 3).tolist()).toEqual([[1, 0], [0, 1]]);
  });
});
