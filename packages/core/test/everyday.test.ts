// The everyday composites (outer, isclose, tensordot, kron, cdist, meshgrid, diff, searchsorted,
// bincount, einsum, ...) and torch.linalg against PyTorch 1.13 (fixtures/everyday.json, written by
// tools/gen_fixtures_everyday.py), plus strict-argument and invariant checks. Every case also checks
// that the inputs are unchanged.
import { describe, expect, it, type TestContext } from 'vitest';
import * as torch from '../src/index';
import { attempt, compareTensor, inputTensor, loadFixture, onEveryBackend, sameOnEveryBackend, snapshot, type TensorSpec, type Tol } from './fixtures';

const hasLapack = torch.lapackLibrary() !== null;

interface Case {
  op: string;
  name: string;
  inputs: TensorSpec[];
  args: unknown[];
  expected: TensorSpec | { list: TensorSpec[] } | { fields: Record<string, TensorSpec> } | { bool: boolean } | { error: string; kind: string };
}

const cases = loadFixture<Case>('everyday.json');
const LAPACK_OPS = /^linalg\.(det|inv|solve|cholesky|qr|svd|eigh|lstsq|pinv|matrixRank)$|nuc|ord=-?2/;

/** Rebuilds the TypeScript arguments: {t: i} is input i, {dtype} a dtype, {num: 'inf'} Infinity. */
function decode(a: unknown, ts: torch.Tensor[]): unknown {
  if (Array.isArray(a)) return a.map((x) => decode(x, ts));
  if (a && typeof a === 'object') {
    const o = a as Record<string, unknown>;
    if ('t' in o) return ts[o.t as number];
    if ('dtype' in o && typeof o.dtype === 'string') return torch.dtypeFromName(o.dtype);
    if ('num' in o) return o.num === 'inf' ? Infinity : -Infinity;
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, decode(v, ts)]));
  }
  return a;
}

type AnyFn = (...args: unknown[]) => unknown;
function fnOf(op: string): AnyFn {
  const [ns, name] = op.startsWith('linalg.') ? [torch.linalg as unknown as Record<string, AnyFn>, op.slice(7)] : [torch as unknown as Record<string, AnyFn>, op];
  return ns[name]!;
}

const tolOf = (dtype: string, op: string): Tol =>
  dtype === 'float64' ? (LAPACK_OPS.test(op) ? { rtol: 1e-9, atol: 1e-10 } : { rtol: 1e-11, atol: 1e-12 }) : { rtol: 2e-5, atol: 2e-5 };

const errorClass: Record<string, unknown> = {
  type: torch.TorchTypeError, size: torch.TorchSizeError, index: torch.TorchIndexError, linalg: torch.TorchLinAlgError,
};

describe('everyday composites and torch.linalg vs PyTorch 1.13', () => {
  for (const c of cases) {
    it(`${c.op}: ${c.name}`, (ctx: TestContext) => {
      ctx.skip(!hasLapack && LAPACK_OPS.test(c.op + ' ' + c.name), 'needs LAPACK');
      expect(onEveryBackend(() => {
      const ts = c.inputs.map(inputTensor);
      const before = ts.map(snapshot);
      const args = decode(c.args, ts) as unknown[];
      const fn = fnOf(c.op);
      const e = c.expected;
      const { result, error } = attempt(() => fn(...args));
      sameOnEveryBackend(`${c.op}: ${c.name}`, { result, error });
      if ('error' in e) {
        expect(error).toBeInstanceOf(errorClass[e.kind] as never);
        return;
      }
      if (error !== undefined) throw error;
      let r = result;
      const check = (got: unknown, want: TensorSpec, what: string): void => {
        expect(got, what).toBeInstanceOf(torch.Tensor);
        expect(compareTensor(got as torch.Tensor, want, tolOf(want.dtype, c.op + ' ' + c.name)), what).toBeNull();
      };
      if ('bool' in e) expect(r).toBe(e.bool);
      else if ('list' in e) {
        expect((r as unknown[]).length).toBe(e.list.length);
        e.list.forEach((w, i) => check((r as unknown[])[i], w, `output ${i}`));
      } else if ('fields' in e) {
        if (c.op === 'linalg.qr') r = { R: (r as { R: torch.Tensor }).R.abs() }; // R is unique up to row signs
        for (const [k, w] of Object.entries(e.fields)) check((r as Record<string, unknown>)[k], w, k);
      } else check(r, e, 'result');
      expect(ts.map(snapshot)).toEqual(before);
      })).toBeNull();
    });
  }
});

describe('strict arguments', () => {
  const a = torch.tensor([1, 2, 3], { dtype: torch.float64 });
  const m = torch.eye(2, { dtype: torch.float64 });
  const calls: [string, () => unknown, RegExp][] = [
    ['outer extra arg', () => (torch.outer as AnyFn)(a, a, a), /outer: takes at most 2/],
    ['isclose unknown key', () => torch.isclose(a, a, { equal_nan: true } as never), /isclose: unknown option 'equal_nan' \(did you mean 'equalNan'\?\)/],
    ['allclose extra arg', () => (torch.allclose as AnyFn)(a, a, {}, 1), /allclose: takes at most 3/],
    ['tensordot bad dims', () => torch.tensordot(a, a, 'x' as never), /tensordot: dims must be/],
    ['kron non-tensor', () => torch.kron(a, [1] as never), /kron: other must be a Tensor/],
    ['cdist unknown key', () => torch.cdist(m, m, 2, { compute_mode: 'x' } as never), /cdist: unknown option 'compute_mode'/],
    ['cdist bad mode', () => torch.cdist(m, m, 2, { computeMode: 'x' } as never), /cdist: computeMode must be/],
    ['meshgrid bad indexing', () => torch.meshgrid([a], { indexing: 'yx' } as never), /meshgrid: indexing must be/],
    ['diff unknown key', () => torch.diff(a, { axis: 0 } as never), /diff: unknown option 'axis'/],
    ['diff negative n', () => torch.diff(a, { n: -1 }), /diff: n must be/],
    ['searchsorted side conflict', () => torch.searchsorted(a, a, { side: 'left', right: true }), /searchsorted: side and right/],
    ['searchsorted sorter range', () => torch.searchsorted(a, a, { sorter: torch.tensor([0, 1, 5]) }), /searchsorted: sorter index out of range/],
    ['bincount minlength', () => torch.bincount(torch.tensor([1]), { minlength: -1 }), /bincount: minlength/],
    ['clampMin tensor', () => torch.clampMin(a, a as never), /clampMin: min must be a number/],
    ['einsum bad char', () => torch.einsum('i1->i', a), /einsum: invalid character '1'/],
    ['einsum two ellipses', () => torch.einsum('...i...->i', a), /einsum: more than one '...'/],
    ['einsum repeated output', () => torch.einsum('i->ii', a), /einsum: output label 'i' appears more than once/],
    ['linalg.vectorNorm extra', () => (torch.linalg.vectorNorm as AnyFn)(a, 2, 0, {}, 1), /linalg.vectorNorm: takes at most 4/],
    ['linalg.vectorNorm int dtype', () => torch.linalg.vectorNorm(a, 2, null, { dtype: torch.int64 }), /linalg.vectorNorm: dtype must be a floating/],
    ['linalg.matrixNorm bad ord', () => torch.linalg.matrixNorm(m, 3), /linalg.matrixNorm: ord must be/],
    ['linalg.norm bad key', () => torch.linalg.norm(m, null, null, { keep_dim: true } as never), /linalg.norm: unknown option 'keep_dim'/],
    ['linalg.qr bad mode', () => torch.linalg.qr(m, 'full' as never), /linalg.qr: mode must be/],
    ['linalg.eigh bad UPLO', () => torch.linalg.eigh(m, 'X' as never), /linalg.eigh: UPLO must be/],
    ['linalg.svd non-boolean', () => torch.linalg.svd(m, 1 as never), /linalg.svd: fullMatrices must be a boolean/],
    ['linalg.lstsq driver', () => torch.linalg.lstsq(m, m, { driver: 'gelsd' } as never), /linalg.lstsq: only the 'gels' driver/],
  ];
  for (const [name, f, re] of calls) it(name, () => expect(f).toThrow(re));
  it('errors are TorchTypeError / TorchSizeError', () => {
    expect(() => torch.einsum('ij', a)).toThrow(torch.TorchSizeError);
    expect(() => (torch.outer as AnyFn)(a, a, a)).toThrow(torch.TorchTypeError);
  });
});

describe('invariants', () => {
  it('meshgrid outputs are expanded views of the inputs (no copy)', () => {
    const x = torch.tensor([1, 2, 3]);
    const [g] = torch.meshgrid([x, torch.tensor([4, 5])]);
    expect(g!.storage()).toBe(x.storage());
    expect(g!.stride()).toEqual([1, 0]);
  });
  it('einsum agrees with matmul on a non-contiguous operand', () => {
    const a = torch.arange(12, { dtype: torch.float64 }).reshape(3, 4).t();
    const b = torch.arange(6, { dtype: torch.float64 }).reshape(3, 2);
    expect(torch.einsum('ij,jk->ik', a, b).tolist()).toEqual(a.matmul(b).tolist());
  });
  it('einsum equals tensordot and kron follows its block rule', () => {
    const a = torch.arange(24, { dtype: torch.float64 }).reshape(2, 3, 4);
    const b = torch.arange(12, { dtype: torch.float64 }).reshape(3, 4);
    expect(torch.einsum('ijk,jk->i', a, b).tolist()).toEqual(torch.tensordot(a, b, 2).tolist());
    const k = torch.kron(torch.tensor([[1, 2]]), torch.tensor([[1], [10]]));
    expect(k.tolist()).toEqual([[1, 2], [10, 20]]);
  });
  it('searchsorted handles int64 beyond 2^53 exactly', () => {
    const s = torch.tensor([9007199254740993n, 9007199254740995n] as never, { dtype: torch.int64 });
    const v = torch.tensor([9007199254740994n] as never, { dtype: torch.int64 });
    expect(torch.searchsorted(s, v).tolist()).toEqual([1]);
  });
  it('linalg.svd, eigh and qr reconstruct their input (batched, full and reduced)', (ctx: TestContext) => {
    ctx.skip(!hasLapack, 'needs LAPACK');
    const A = torch.arange(24, { dtype: torch.float64 }).reshape(2, 3, 4).sin();
    const close = (x: torch.Tensor, y: torch.Tensor): void => expect(torch.allclose(x, y, { atol: 1e-10 })).toBe(true);
    const r = torch.linalg.svd(A, false);
    expect(r.U.shape).toEqual([2, 3, 3]);
    expect(r.Vh.shape).toEqual([2, 3, 4]);
    close(r.U.mul(r.S.unsqueeze(-2)).matmul(r.Vh), A);
    const f = torch.linalg.svd(A);
    expect(f.Vh.shape).toEqual([2, 4, 4]);
    close(f.Vh.matmul(f.Vh.transpose(-2, -1)), torch.eye(4, { dtype: torch.float64 }).expand(2, 4, 4));
    const S = A.matmul(A.transpose(-2, -1));
    const e = torch.linalg.eigh(S);
    close(S.matmul(e.eigenvectors), e.eigenvectors.mul(e.eigenvalues.unsqueeze(-2)));
    const q = torch.linalg.qr(A.transpose(-2, -1), 'complete');
    expect(q.Q.shape).toEqual([2, 4, 4]);
    close(q.Q.matmul(q.R), A.transpose(-2, -1));
  });
  it('einsum on int64 stays exact', () => {
    const a = torch.tensor([[3000000000, 1], [2, 3]]);
    expect(torch.einsum('ij,jk->ik', a, torch.eye(2, { dtype: torch.int64 })).tolist()).toEqual(a.tolist());
    expect(torch.einsum('ii', a).tolist()).toBe(3000000003);
  });
  it('searchsorted takes a JS number as values', () => {
    expect(torch.searchsorted(torch.tensor([1, 3, 5]), 4).tolist()).toBe(2);
  });
});
