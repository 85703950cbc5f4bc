// Linear algebra on LAPACK: inverse, det/logdet/slogdet, solve, lstsq, cholesky and its solve and
// inverse, triangular solve, qr, svd, eig, symeig, pinverse, matrixPower.
//
// Each op validates its arguments, copies its inputs into fresh column-major buffers (what LAPACK
// wants; the copy is also what keeps the inputs unchanged), and hands the whole batch to one native
// call (native/src/binding/lapack_binding.cc), which works in place on those buffers. Results are
// views of the buffers with column-major strides, as PyTorch's are. Float32 and float64 only.
import { float32, float64, int64, type DType } from '../dtype';
import { fmtSize, TorchSizeError, TorchTypeError } from '../errors';
import type { Backend } from '../backend/contract';
import { cpuBackend } from '../backend/cpu';
import { deviceMismatch } from '../backend/registry';
import { meta, native } from '../native';
import { broadcastShapes, contiguousStrides, numelOf, sameShape } from '../shape';
import { checkTensor, emptyTensor, makeTensor, type Tensor } from '../tensor';
import { clone, copyInto, fill } from './copy';
import { matmul } from './linalg';
import { namedTuple, type NamedTuple } from './named-tuple';
import { expand, transpose } from './views';

/** The LAPACK ops' named tuples (ops/named-tuple.ts): fields by name, or destructured in PyTorch's order. */
export type SlogdetResult = NamedTuple<{ sign: Tensor; logabsdet: Tensor }>;
/** @see SlogdetResult */
export type SolveLUResult = NamedTuple<{ solution: Tensor; LU: Tensor }>;
/** @see SlogdetResult */
export type TriangularSolveResult = NamedTuple<{ solution: Tensor; clonedCoefficient: Tensor }>;
/** @see SlogdetResult */
export type QrResult = NamedTuple<{ Q: Tensor; R: Tensor }>;
/** @see SlogdetResult */
export type SvdResult = NamedTuple<{ U: Tensor; S: Tensor; V: Tensor }>;
/** eig's and symeig's (and `torch.linalg.eigh`'s). @see SlogdetResult */
export type EigResult = NamedTuple<{ eigenvalues: Tensor; eigenvectors: Tensor }>;

/**
 * A numerical failure of a linear algebra routine: a singular matrix, a matrix that is not
 * positive-definite, an algorithm that did not converge. (PyTorch raises `torch.linalg.LinAlgError`.)
 * @example
 * try { torch.inverse(torch.zeros(2, 2)); } catch (e) { e instanceof torch.TorchLinAlgError; } // true
 */
export class TorchLinAlgError extends Error {
  override name = 'TorchLinAlgError';
}

/** Where LAPACK comes from in this build: 'openblas', 'lapack' (the system's liblapack), or null. */
const library: 'openblas' | 'lapack' | null = native.lapackLibrary();

/**
 * Where this build's LAPACK comes from: 'openblas', 'lapack' (the system's liblapack) or null when the
 * addon was built without one (then every LAPACK op throws "<op>: needs LAPACK; this build has none").
 * @example torch.lapackLibrary() // 'openblas'
 */
export function lapackLibrary(): 'openblas' | 'lapack' | null {
  return library;
}

// Op codes of the native entry point (LapackOp in native/src/kernels/lapack.h).
const L = { inverse: 0, det: 1, solve: 2, lstsq: 3, cholesky: 4, cholSolve: 5, cholInverse: 6, triSolve: 7, qr: 8, svd: 9, eig: 10, symeig: 11 } as const;

/**
 * The device of the running op's inputs (set by checkFloat; ops are synchronous, and the ones that call
 * each other share their inputs' device): every buffer and result is allocated there, so on meta the
 * op computes its results' metadata and the meta backend's LAPACK entry does nothing.
 */
let device: Backend = cpuBackend;
let deviceSet = false;

function needLapack(op: string): void {
  if (library === null) throw new Error(`${op}: needs LAPACK; this build has none`);
  deviceSet = false;
}

/** A new tensor on the running op's device. */
function empty(shape: readonly number[], dtype: DType): Tensor {
  return emptyTensor(shape, dtype, device);
}

/** Checks a float32/float64 tensor with at least `minDims` dims; integer input is a TorchTypeError. */
function checkFloat(op: string, t: unknown, name: string, minDims = 2): asserts t is Tensor {
  checkTensor(op, t, name);
  const be = t._storage.backend;
  if (!deviceSet) [device, deviceSet] = [be, true];
  else if (be !== device) throw deviceMismatch(op, device, be);
  if (t.dtype !== float32 && t.dtype !== float64)
    throw new TorchTypeError(`${op}: expected a float32 or float64 tensor for ${name}, got ${t.dtype}`);
  if (t.shape.length < minDims)
    throw new TorchSizeError(`${op}: ${name} must have at least ${minDims} dimensions, got size ${fmtSize(t.shape)}`);
}

function checkSquare(op: string, t: Tensor, name: string): number {
  const n = t.shape[t.shape.length - 1]!;
  if (t.shape[t.shape.length - 2] !== n)
    throw new TorchSizeError(`${op}: ${name} must be a square matrix or a batch of them, got size ${fmtSize(t.shape)}`);
  return n;
}

function checkSameDtype(op: string, a: Tensor, b: Tensor, na: string, nb: string): void {
  if (a.dtype !== b.dtype) throw new TorchTypeError(`${op}: ${na} and ${nb} must have the same dtype, got ${a.dtype} and ${b.dtype}`);
}

const batchOf = (t: Tensor): number[] => t.shape.slice(0, -2);

/** A fresh column-major copy of t's r x c matrices (t broadcast to `batch`): a contiguous [...batch, c, r] tensor. */
function colMajor(t: Tensor, batch: readonly number[], r: number, c: number): Tensor {
  const src = sameShape(batchOf(t), batch) ? t : expand(t, [...batch, r, c]);
  const buf = empty([...batch, c, r], t.dtype);
  copyInto(buf, transpose(src, -1, -2));
  return buf;
}

/** The r x c matrices stored column-major (leading dimension ld, ld*c elements each) in buf, as a [...batch, r, c] view. */
function colView(buf: Tensor, batch: readonly number[], r: number, c: number, ld = r): Tensor {
  const strides = contiguousStrides(batch).map((s) => s * ld * c);
  return makeTensor(buf._storage, 0, [...batch, r, c], [...strides, 1, Math.max(ld, 1)]);
}

/** An identity matrix for every batch element (any dtype). */
function eyeBatch(batch: readonly number[], n: number, dtype: DType): Tensor {
  const t = empty([...batch, n, n], dtype);
  fill(t, 0);
  const count = numelOf(batch);
  if (n > 0 && count > 0) fill(makeTensor(t._storage, 0, [count, n], [n * n, n + 1]), 1);
  return t;
}

function zerosOf(shape: readonly number[], dtype: DType): Tensor {
  return fill(empty(shape, dtype), 0);
}

/** Runs one batched LAPACK call; returns null or [batch element, info] of the first failure. */
function call(op: number, dtype: DType, batch: number, m: number, n: number, k: number, p: [number, number, number], ...arrays: Tensor[]): [number, number] | null {
  meta[0] = op;
  meta[1] = dtype.code;
  meta[2] = batch;
  meta[3] = m;
  meta[4] = n;
  meta[5] = k;
  meta[6] = p[0];
  meta[7] = p[1];
  meta[8] = p[2];
  const s = arrays.map((t) => t._storage);
  return s[0]!.backend.lapack(s[0]!, s[1], s[2], s[3]);
}

/** "(batch element 3)" for batched inputs, "" for a single matrix. */
function where(t: Tensor, batchIndex: number): string {
  return t.shape.length > 2 ? ` (batch element ${batchIndex})` : '';
}

function lapackFailure(op: string, what: string, status: [number, number]): never {
  const [, info] = status;
  if (info < 0) throw new Error(`${op}: LAPACK rejected argument ${-info} (${what}); this is a bug`);
  throw new TorchLinAlgError(what);
}

// ---------------------------------------------------------------- inverse, det

/**
 * Inverse of a square matrix or of each matrix in a batch (`*, n, n`). A singular matrix is a
 * TorchLinAlgError naming the batch element (as PyTorch 1.13's `torch.inverse`).
 * @example
 * const a = torch.tensor([[4, 1], [1, 3]], { dtype: torch.float64 });
 * torch.inverse(a); // [[0.2727, -0.0909], [-0.0909, 0.3636]]
 */
export function inverse(a: Tensor): Tensor {
  return inverseImpl('inverse', a);
}

function inverseImpl(op: string, a: Tensor): Tensor {
  needLapack(op);
  checkFloat(op, a, 'input');
  const n = checkSquare(op, a, 'input');
  const batch = batchOf(a);
  if (a.numel() === 0) return empty(a.shape, a.dtype);
  const buf = colMajor(a, batch, n, n);
  const st = call(L.inverse, a.dtype, numelOf(batch), n, n, 1, [0, 0, 0], buf);
  if (st)
    lapackFailure(op, `${op}: the input of size ${fmtSize(a.shape)} is singular${where(a, st[0])}: diagonal element ${st[1] - 1} of its LU factorization is zero`, st);
  return colView(buf, batch, n, n);
}

/** det, sign and log|det| per matrix, from one LU factorization. */
function luDet(op: string, a: Tensor): { batch: number[]; out: Float32Array | Float64Array } {
  needLapack(op);
  checkFloat(op, a, 'input');
  const n = checkSquare(op, a, 'input');
  const batch = batchOf(a);
  const count = numelOf(batch);
  const out = new (a.dtype.arrayType as Float64ArrayConstructor)(3 * count) as Float32Array | Float64Array;
  if (count === 0) return { batch, out };
  if (n === 0) {
    for (let i = 0; i < count; i++) [out[3 * i], out[3 * i + 1], out[3 * i + 2]] = [1, 1, 0];
    return { batch, out };
  }
  // A row-major copy is the transpose in LAPACK's eyes, which has the same determinant.
  const buf = clone(a);
  const res = empty([count, 3], a.dtype);
  const st = call(L.det, a.dtype, count, n, n, 1, [0, 0, 0], buf, res);
  if (st) lapackFailure(op, `${op}: LU factorization failed`, st);
  if (!device.isMeta) out.set(res._storage.data as Float64Array);
  return { batch, out };
}

function fromValues(batch: readonly number[], dtype: DType, values: ArrayLike<number>): Tensor {
  const t = empty(batch, dtype);
  if (!device.isMeta) (t._storage.data as Float64Array).set(values);
  return t;
}

function pick(out: ArrayLike<number>, j: number): number[] {
  const r: number[] = new Array(out.length / 3);
  for (let i = 0; i < r.length; i++) r[i] = out[3 * i + j]!;
  return r;
}

/**
 * Determinant of a square matrix or of each matrix in a batch; 0 for singular matrices.
 * @example torch.det(torch.tensor([[1, 2], [3, 4]], { dtype: torch.float64 })).item() // -2
 */
export function det(a: Tensor): Tensor {
  const { batch, out } = luDet('det', a);
  return fromValues(batch, a.dtype, pick(out, 0));
}

/**
 * Sign and natural log of the absolute determinant (batched): sign is 0 and logabsdet -Infinity for
 * singular matrices.
 * @example
 * const { sign, logabsdet } = torch.slogdet(torch.tensor([[0, 1], [1, 0]], { dtype: torch.float64 }));
 * sign.item(); // -1
 */
export function slogdet(a: Tensor): SlogdetResult {
  const { batch, out } = luDet('slogdet', a);
  return namedTuple({ sign: fromValues(batch, a.dtype, pick(out, 1)), logabsdet: fromValues(batch, a.dtype, pick(out, 2)) });
}

/**
 * Natural log of the determinant (batched): -Infinity for a singular matrix, NaN for a negative determinant.
 * @example torch.logdet(torch.eye(3, { dtype: torch.float64 }).mul(2)).item() // 3 * ln 2
 */
export function logdet(a: Tensor): Tensor {
  const { batch, out } = luDet('logdet', a);
  const sign = pick(out, 1), logabs = pick(out, 2);
  return fromValues(batch, a.dtype, logabs.map((v, i) => (sign[i]! < 0 || Number.isNaN(sign[i]!) ? NaN : v)));
}

// ---------------------------------------------------------------- solve, lstsq

/** B as a matrix batch: the vector case of torch.linalg.solve/lstsq adds a trailing dim of 1. */
function rhs(a: Tensor, b: Tensor): { b2: Tensor; vector: boolean } {
  const vector = b.shape.length === 1 || (b.shape.length === a.shape.length - 1 && sameShape(b.shape, a.shape.slice(0, -1)));
  return { b2: vector ? makeTensor(b._storage, b._offset, [...b.shape, 1], [...b._strides, 1]) : b, vector };
}

/**
 * Solves A X = B for X, with today's `torch.linalg.solve(A, B)` argument order (not the 0.x
 * `torch.solve(B, A)`, which also returned the LU factors). A is `*, n, n`; B is `*, n, k` or a
 * vector `n` / `*, n`; batch dims broadcast. A singular A is a TorchLinAlgError.
 * @example
 * const A = torch.tensor([[3, 1], [1, 2]], { dtype: torch.float64 });
 * torch.solve(A, torch.tensor([9, 8], { dtype: torch.float64 })); // [2, 3]
 */
export function solve(a: Tensor, b: Tensor): Tensor {
  return solveWithLU('solve', a, b).solution;
}

/** solve, also returning getrf's packed LU factors of A (for the 0.x `gesv`). @internal */
export function solveWithLU(op: string, a: Tensor, b: Tensor): SolveLUResult {
  needLapack(op);
  checkFloat(op, a, 'A');
  checkFloat(op, b, 'B', 1);
  checkSameDtype(op, a, b, 'A', 'B');
  const n = checkSquare(op, a, 'A');
  const { b2, vector } = rhs(a, b);
  if (b2.shape[b2.shape.length - 2] !== n)
    throw new TorchSizeError(`${op}: incompatible sizes of A ${fmtSize(a.shape)} and B ${fmtSize(b.shape)} for A X = B`);
  const k = b2.shape[b2.shape.length - 1]!;
  const batch = broadcastShapes(op, batchOf(a), batchOf(b2)).slice();
  const finish = (x: Tensor) => (vector ? makeTensor(x._storage, x._offset, x.shape.slice(0, -1), x._strides.slice(0, -1)) : x);
  if (numelOf(batch) * n === 0) return namedTuple({ solution: finish(empty([...batch, n, k], a.dtype)), LU: empty([...batch, n, n], a.dtype) });
  const abuf = colMajor(a, batch, n, n);
  // With k == 0 there is nothing to solve, but the LU factors are still wanted: factor against one zero column.
  const bbuf = k === 0 ? zerosOf([...batch, 1, n], a.dtype) : colMajor(b2, batch, n, k);
  const st = call(L.solve, a.dtype, numelOf(batch), n, n, Math.max(k, 1), [0, 0, 0], abuf, bbuf);
  if (st) lapackFailure(op, `${op}: A of size ${fmtSize(a.shape)} is singular${batch.length ? ` (batch element ${st[0]})` : ''}: diagonal element ${st[1] - 1} of its LU factorization is zero`, st);
  const solution = k === 0 ? empty([...batch, n, 0], a.dtype) : colView(bbuf, batch, n, k);
  return namedTuple({ solution: finish(solution), LU: colView(abuf, batch, n, n) });
}

/** What lstsq returns (torch.linalg.lstsq's fields). */
export interface LstsqResult {
  /** The least-squares (m >= n) or minimum-norm (m < n) solution, `*, n, k` (or `*, n` for a vector B). */
  solution: Tensor;
  /** Squared residual norms `||A X - B||²` per column, `*, k`, when m > n; else an empty tensor. */
  residuals: Tensor;
  /** Empty: the gels driver does not compute the rank. */
  rank: Tensor;
  /** Empty: the gels driver does not compute singular values. */
  singularValues: Tensor;
}

/**
 * Least squares / minimum norm solution of A X = B with LAPACK's gels (QR or LQ), as
 * `torch.linalg.lstsq(A, B, driver='gels')`: A is `*, m, n` of full rank, B is `*, m, k` or a vector
 * `*, m`; batch dims broadcast. m >= n gives the least-squares solution, m < n the minimum-norm one.
 * A rank-deficient A is a TorchLinAlgError (PyTorch 1.13 returns garbage for it).
 * @example
 * const A = torch.tensor([[1, 0], [0, 1], [1, 1]], { dtype: torch.float64 });
 * const { solution, residuals } = torch.lstsq(A, torch.tensor([1, 2, 4], { dtype: torch.float64 }));
 */
export function lstsq(a: Tensor, b: Tensor): NamedTuple<LstsqResult> {
  return lstsqWithQR('lstsq', a, b).result;
}

/** lstsq, also returning A as gels leaves it (its packed QR or LQ factors; for the 0.x `gels`). @internal */
export function lstsqWithQR(op: string, a: Tensor, b: Tensor): { result: NamedTuple<LstsqResult>; QR: Tensor } {
  needLapack(op);
  checkFloat(op, a, 'A');
  checkFloat(op, b, 'B', 1);
  checkSameDtype(op, a, b, 'A', 'B');
  const [m, n] = a.shape.slice(-2) as [number, number];
  const vector = b.shape.length === a.shape.length - 1;
  const b2 = vector ? makeTensor(b._storage, b._offset, [...b.shape, 1], [...b._strides, 1]) : b;
  if (b2.shape[b2.shape.length - 2] !== m)
    throw new TorchSizeError(`${op}: incompatible sizes of A ${fmtSize(a.shape)} and B ${fmtSize(b.shape)} (A has ${m} rows, B ${b2.shape[b2.shape.length - 2]})`);
  const k = b2.shape[b2.shape.length - 1]!;
  const batch = broadcastShapes(op, batchOf(a), batchOf(b2)).slice();
  const count = numelOf(batch);
  const ldb = Math.max(m, n, 1);
  // B goes into the first m rows of a max(m, n) x k column-major buffer; gels leaves X in the first n.
  const bbuf = empty([...batch, k, ldb], a.dtype);
  if (n > m) fill(bbuf, 0);
  copyInto(colView(bbuf, batch, m, k, ldb), expand(b2, [...batch, m, k]));
  const abuf = colMajor(a, batch, m, n);
  if (count * m * n * k !== 0) {
    const st = call(L.lstsq, a.dtype, count, m, n, k, [0, 0, 0], abuf, bbuf);
    if (st) lapackFailure(op, `${op}: A of size ${fmtSize(a.shape)} does not have full rank${batch.length ? ` (batch element ${st[0]})` : ''} (diagonal element ${st[1] - 1} of its triangular factor is zero); the gels driver needs full rank`, st);
  } else if (count * n * k !== 0) {
    fill(bbuf, 0); // m == 0: the minimum-norm solution is 0
  }
  let solution = colView(bbuf, batch, n, k, ldb);
  // With n == 0 the solution is empty and the residual is all of B.
  let residuals: Tensor;
  if (m > n) {
    residuals = empty([...batch, k], a.dtype);
    if (!device.isMeta) {
      const src = bbuf._storage.data as Float64Array, dst = residuals._storage.data as Float64Array;
      for (let i = 0; i < count * k; i++) {
        let s = 0;
        for (let r = n; r < m; r++) s += src[i * ldb + r]! ** 2;
        dst[i] = s;
      }
    }
  } else {
    residuals = empty([0], a.dtype);
  }
  if (vector) solution = makeTensor(solution._storage, 0, solution.shape.slice(0, -1), solution._strides.slice(0, -1));
  const result = namedTuple<LstsqResult>({ solution, residuals, rank: empty([0], int64), singularValues: empty([0], a.dtype) });
  return { result, QR: colView(abuf, batch, m, n) };
}

// ---------------------------------------------------------------- Cholesky

/** `upper` option of the Cholesky family. */
export interface UpperOption {
  /** Use (or return) the upper triangular factor U with A = UᵀU instead of the lower L with A = LLᵀ (default false). */
  upper?: boolean;
}

/**
 * Cholesky factor of a symmetric positive-definite matrix (batched): lower L with A = L Lᵀ, or upper U
 * with A = Uᵀ U when `upper`. Only the chosen triangle of A is read. A matrix that is not
 * positive-definite is a TorchLinAlgError.
 * @example
 * const A = torch.tensor([[4, 2], [2, 3]], { dtype: torch.float64 });
 * torch.cholesky(A); // [[2, 0], [1, 1.4142]]
 */
export function cholesky(a: Tensor, options?: UpperOption): Tensor {
  needLapack('cholesky');
  checkFloat('cholesky', a, 'input');
  const n = checkSquare('cholesky', a, 'input');
  const upper = !!options?.upper;
  const batch = batchOf(a);
  if (a.numel() === 0) return empty(a.shape, a.dtype);
  const buf = colMajor(a, batch, n, n);
  const st = call(L.cholesky, a.dtype, numelOf(batch), n, n, 1, [upper ? 1 : 0, 0, 0], buf);
  if (st) lapackFailure('cholesky', `cholesky: the input of size ${fmtSize(a.shape)} is not positive-definite${where(a, st[0])}: the leading minor of order ${st[1]} is not positive-definite`, st);
  return colView(buf, batch, n, n);
}

/**
 * Solves A X = B given the Cholesky factor of A (`torch.cholesky_solve(B, L, upper)`; LAPACK's potrs):
 * B is `*, n, k`, the factor `*, n, n` (lower unless `upper`); batch dims broadcast.
 * @example
 * const A = torch.tensor([[4, 2], [2, 3]], { dtype: torch.float64 });
 * torch.choleskySolve(torch.tensor([[6], [5]], { dtype: torch.float64 }), torch.cholesky(A)); // [[1], [1]]
 */
export function choleskySolve(b: Tensor, factor: Tensor, options?: UpperOption): Tensor {
  needLapack('choleskySolve');
  checkFloat('choleskySolve', b, 'B');
  checkFloat('choleskySolve', factor, 'factor');
  checkSameDtype('choleskySolve', b, factor, 'B', 'factor');
  const n = checkSquare('choleskySolve', factor, 'factor');
  if (b.shape[b.shape.length - 2] !== n)
    throw new TorchSizeError(`choleskySolve: incompatible sizes of B ${fmtSize(b.shape)} and the factor ${fmtSize(factor.shape)}`);
  const k = b.shape[b.shape.length - 1]!;
  const batch = broadcastShapes('choleskySolve', batchOf(b), batchOf(factor)).slice();
  if (numelOf(batch) * n * k === 0) return empty([...batch, n, k], b.dtype);
  const abuf = colMajor(factor, batch, n, n);
  const bbuf = colMajor(b, batch, n, k);
  const st = call(L.cholSolve, b.dtype, numelOf(batch), n, n, k, [options?.upper ? 1 : 0, 0, 0], abuf, bbuf);
  if (st) lapackFailure('choleskySolve', 'choleskySolve: potrs failed', st);
  return colView(bbuf, batch, n, k);
}

/**
 * Inverse of A from its Cholesky factor (`torch.cholesky_inverse`; LAPACK's potri), batched. A factor
 * with a zero on its diagonal is a TorchLinAlgError.
 * @example
 * const A = torch.tensor([[4, 2], [2, 3]], { dtype: torch.float64 });
 * torch.choleskyInverse(torch.cholesky(A)); // inverse(A)
 */
export function choleskyInverse(factor: Tensor, options?: UpperOption): Tensor {
  needLapack('choleskyInverse');
  checkFloat('choleskyInverse', factor, 'factor');
  const n = checkSquare('choleskyInverse', factor, 'factor');
  const batch = batchOf(factor);
  if (factor.numel() === 0) return empty(factor.shape, factor.dtype);
  const buf = colMajor(factor, batch, n, n);
  const st = call(L.cholInverse, factor.dtype, numelOf(batch), n, n, 1, [options?.upper ? 1 : 0, 0, 0], buf);
  if (st) lapackFailure('choleskyInverse', `choleskyInverse: the factor of size ${fmtSize(factor.shape)} is singular${where(factor, st[0])}: diagonal element ${st[1] - 1} is zero`, st);
  return colView(buf, batch, n, n);
}

// ---------------------------------------------------------------- triangular solve

/** Options of triangularSolve (PyTorch's defaults). */
export interface TriangularSolveOptions {
  /** A is upper triangular (default true); only that triangle is read. */
  upper?: boolean;
  /** Solve Aᵀ X = B instead (default false). */
  transpose?: boolean;
  /** Assume a unit diagonal; the diagonal of A is not read (default false). */
  unitriangular?: boolean;
}

/**
 * Solves A X = B for triangular A (`torch.triangular_solve(B, A, upper=True, transpose=False,
 * unitriangular=False)`; BLAS trsm), batched with broadcasting. Returns the solution and a copy of A
 * (broadcast to the batch) as PyTorch does. A zero on the diagonal gives Inf/NaN, not an error.
 * @example
 * const A = torch.tensor([[2, 1], [0, 4]], { dtype: torch.float64 });
 * torch.triangularSolve(torch.tensor([[4], [8]], { dtype: torch.float64 }), A).solution; // [[1], [2]]
 */
export function triangularSolve(b: Tensor, a: Tensor, options?: TriangularSolveOptions): TriangularSolveResult {
  needLapack('triangularSolve');
  checkFloat('triangularSolve', b, 'B');
  checkFloat('triangularSolve', a, 'A');
  checkSameDtype('triangularSolve', b, a, 'B', 'A');
  const n = checkSquare('triangularSolve', a, 'A');
  if (b.shape[b.shape.length - 2] !== n)
    throw new TorchSizeError(`triangularSolve: incompatible sizes: each A is ${n} x ${n} but each B is ${b.shape.slice(-2).join(' x ')} (A ${fmtSize(a.shape)}, B ${fmtSize(b.shape)})`);
  const k = b.shape[b.shape.length - 1]!;
  const batch = broadcastShapes('triangularSolve', batchOf(b), batchOf(a)).slice();
  const abuf = colMajor(a, batch, n, n);
  const bbuf = colMajor(b, batch, n, k);
  if (numelOf(batch) * n * k !== 0) {
    const p: [number, number, number] = [(options?.upper ?? true) ? 1 : 0, options?.transpose ? 1 : 0, options?.unitriangular ? 1 : 0];
    call(L.triSolve, b.dtype, numelOf(batch), n, n, k, p, abuf, bbuf);
  }
  return namedTuple({ solution: colView(bbuf, batch, n, k), clonedCoefficient: colView(abuf, batch, n, n) });
}

// ---------------------------------------------------------------- QR

/**
 * QR decomposition (batched) with LAPACK's geqrf + orgqr: A = Q R with orthonormal columns in Q and
 * upper triangular R. Reduced by default (`some: true`: Q is m x min(m, n), R min(m, n) x n);
 * `some: false` gives the complete Q (m x m) and R (m x n).
 * @example
 * const { Q, R } = torch.qr(torch.randn(4, 3));   // Q: 4x3, R: 3x3
 */
export function qr(a: Tensor, options?: { some?: boolean }): QrResult {
  needLapack('qr');
  checkFloat('qr', a, 'input');
  const [m, n] = a.shape.slice(-2) as [number, number];
  const some = options?.some ?? true;
  const kk = Math.min(m, n);
  const qc = some ? kk : m, rr = some ? kk : m;
  const batch = batchOf(a);
  const count = numelOf(batch);
  if (count === 0 || kk === 0) {
    const Q = count === 0 || qc === 0 ? empty([...batch, m, qc], a.dtype) : eyeBatch(batch, m, a.dtype);
    return namedTuple({ Q, R: zerosOf([...batch, rr, n], a.dtype) });
  }
  const abuf = colMajor(a, batch, m, n);
  const qbuf = empty([...batch, qc, m], a.dtype);
  const rbuf = empty([...batch, n, rr], a.dtype);
  const st = call(L.qr, a.dtype, count, m, n, 1, [qc, rr, 0], abuf, qbuf, rbuf);
  if (st) lapackFailure('qr', 'qr: geqrf/orgqr failed', st);
  return namedTuple({ Q: colView(qbuf, batch, m, qc), R: colView(rbuf, batch, rr, n) });
}

// ---------------------------------------------------------------- SVD, pinverse

/** Options of svd (PyTorch's defaults). */
export interface SvdOptions {
  /** Reduced decomposition (default true): U is m x min(m, n), V is n x min(m, n); false gives m x m and n x n. */
  some?: boolean;
  /** Compute U and V (default true); when false they are zero-filled m x m and n x n tensors, as PyTorch's. */
  computeUv?: boolean;
}

function svdImpl(op: string, a: Tensor, some: boolean, computeUv: boolean): SvdResult {
  needLapack(op);
  checkFloat(op, a, 'input');
  const [m, n] = a.shape.slice(-2) as [number, number];
  const kk = Math.min(m, n);
  const batch = batchOf(a);
  const count = numelOf(batch);
  const job = !computeUv ? 0 : some ? 1 : 2;
  const uc = job === 1 ? kk : m, vc = job === 1 ? kk : n;
  const S = empty([...batch, kk], a.dtype);
  if (count === 0 || kk === 0) {
    if (job !== 2 || count === 0) return namedTuple({ U: zerosOf([...batch, m, uc], a.dtype), S, V: zerosOf([...batch, n, vc], a.dtype) });
    return namedTuple({ U: eyeBatch(batch, m, a.dtype), S, V: eyeBatch(batch, n, a.dtype) });
  }
  // gesdd can loop forever on Inf (a 200x200 matrix with one Inf never returns); PyTorch gives NaNs.
  checkAllFinite(op, a);
  const abuf = colMajor(a, batch, m, n);
  const ubuf = job ? empty([...batch, uc, m], a.dtype) : null;
  const vtbuf = job ? empty([...batch, n, vc], a.dtype) : null; // vt (vc x n, column-major) is V row-major
  const st = call(L.svd, a.dtype, count, m, n, 1, [job, 0, 0], abuf, S, ...(job ? [ubuf!, vtbuf!] : []));
  if (st) {
    if (st[1] === -4) throw new TorchLinAlgError(`${op}: the input of size ${fmtSize(a.shape)} contains NaN${where(a, st[0])}`);
    lapackFailure(op, `${op}: the SVD of the input of size ${fmtSize(a.shape)} did not converge${where(a, st[0])}`, st);
  }
  if (!job) return namedTuple({ U: zerosOf([...batch, m, m], a.dtype), S, V: zerosOf([...batch, n, n], a.dtype) });
  return namedTuple({ U: colView(ubuf!, batch, m, uc), S, V: vtbuf! });
}

/**
 * Singular value decomposition (batched; LAPACK's gesdd): A = U diag(S) Vᵀ with S descending.
 * Returns V, not Vᵀ, as `torch.svd` does. Singular vectors are unique only up to sign.
 * @example
 * const { U, S, V } = torch.svd(torch.randn(4, 3));   // U: 4x3, S: 3, V: 3x3
 */
export function svd(a: Tensor, options?: SvdOptions): SvdResult {
  return svdImpl('svd', a, options?.some ?? true, options?.computeUv ?? true);
}

/**
 * Moore–Penrose pseudo-inverse (batched) through the SVD: singular values at most `rcond` times the
 * largest are treated as zero (`torch.pinverse(A, rcond=1e-15)`).
 * @example
 * torch.pinverse(torch.tensor([[1, 2], [2, 4], [0, 0]], { dtype: torch.float64 })); // 2x3
 */
export function pinverse(a: Tensor, options?: { rcond?: number }): Tensor {
  const rcond = options?.rcond ?? 1e-15;
  if (typeof rcond !== 'number' || Number.isNaN(rcond)) throw new TorchTypeError(`pinverse: rcond must be a number, got ${String(rcond)}`);
  needLapack('pinverse');
  checkFloat('pinverse', a, 'input');
  const [m, n] = a.shape.slice(-2) as [number, number];
  const batch = batchOf(a);
  if (a.numel() === 0) return zerosOf([...batch, n, m], a.dtype);
  const { U, S, V } = svdImpl('pinverse', a, true, true);
  // V (contiguous, n x k per matrix) scaled column-wise by 1/S where S is above the cutoff.
  const kk = Math.min(m, n);
  const count = device.isMeta ? 0 : numelOf(batch); // no values to scale on meta
  const s = count ? (S._storage.data as Float64Array) : null, v = count ? (V._storage.data as Float64Array) : null;
  for (let b = 0; b < count; b++) {
    const cutoff = rcond * s![b * kk]!;
    for (let j = 0; j < kk; j++) {
      const sj = s![b * kk + j]!;
      const inv = sj > cutoff ? 1 / sj : 0;
      for (let r = 0; r < n; r++) v![b * n * kk + r * kk + j]! *= inv;
    }
  }
  return matmul(V, transpose(U, -1, -2));
}

// ---------------------------------------------------------------- eigenvalues

/**
 * Eigenvalues (and, with `eigenvectors: true`, right eigenvectors) of a general real square matrix,
 * as the 0.x `torch.eig` returned them (LAPACK's geev; 2-D input only): eigenvalues is n x 2 with the
 * (real, imaginary) parts per row; eigenvectors is n x n with LAPACK's packing: for a real eigenvalue
 * column j is its eigenvector, for a complex pair (j, j+1) the eigenvectors are column j ± i·column j+1.
 * Without `eigenvectors` the eigenvectors field is an empty tensor.
 * @example
 * const { eigenvalues } = torch.eig(torch.tensor([[0, -1], [1, 0]], { dtype: torch.float64 })); // [[0, 1], [0, -1]]
 */
export function eig(a: Tensor, options?: { eigenvectors?: boolean }): EigResult {
  needLapack('eig');
  checkFloat('eig', a, 'input');
  if (a.shape.length !== 2) throw new TorchSizeError(`eig: input must be a 2-D square matrix, got size ${fmtSize(a.shape)}`);
  const n = checkSquare('eig', a, 'input');
  const wantV = !!options?.eigenvectors;
  const e = empty([n, 2], a.dtype);
  if (n === 0) return namedTuple({ eigenvalues: e, eigenvectors: empty(wantV ? [0, 0] : [0], a.dtype) });
  checkAllFinite('eig', a);
  const abuf = colMajor(a, [], n, n);
  const vbuf = wantV ? empty([n, n], a.dtype) : null;
  const st = call(L.eig, a.dtype, 1, n, n, 1, [wantV ? 1 : 0, 0, 0], abuf, e, ...(vbuf ? [vbuf] : []));
  if (st) lapackFailure('eig', `eig: the QR algorithm did not converge for the input of size ${fmtSize(a.shape)} (${st[1]} eigenvalues not computed)`, st);
  return namedTuple({ eigenvalues: e, eigenvectors: vbuf ? colView(vbuf, [], n, n) : empty([0], a.dtype) });
}

/** LAPACK's eigensolvers may loop for long on NaN/Inf; PyTorch rejects such input too. */
function checkAllFinite(op: string, a: Tensor): void {
  if (a.isMeta) return; // no values to check
  const c = a.contiguous();
  const d = c._storage.data as Float64Array;
  for (let i = c._offset, end = c._offset + c.numel(); i < end; i++)
    if (!Number.isFinite(d[i]!)) throw new TorchLinAlgError(`${op}: the input of size ${fmtSize(a.shape)} contains non-finite values (NaN or Inf)`);
}

/** Options of symeig (PyTorch's defaults). */
export interface SymeigOptions {
  /** Also compute the eigenvectors (default false; then the eigenvectors field is an empty tensor). */
  eigenvectors?: boolean;
  /** Read the upper triangle of A (default true); false reads the lower one. */
  upper?: boolean;
}

/**
 * Eigenvalues (ascending) and optionally orthonormal eigenvectors (as columns) of a real symmetric
 * matrix, batched (`torch.symeig`; LAPACK's syevd). Only one triangle of A is read.
 * @example
 * const { eigenvalues, eigenvectors } = torch.symeig(torch.tensor([[2, 1], [1, 2]], { dtype: torch.float64 }), { eigenvectors: true });
 * eigenvalues; // [1, 3]
 */
export function symeig(a: Tensor, options?: SymeigOptions): EigResult {
  needLapack('symeig');
  checkFloat('symeig', a, 'input');
  const n = checkSquare('symeig', a, 'input');
  const wantV = !!options?.eigenvectors;
  const upper = options?.upper ?? true;
  const batch = batchOf(a);
  const w = empty([...batch, n], a.dtype);
  // (PyTorch 1.13 returns empty input's shape for the eigenvectors even when it was not asked for them.)
  if (a.numel() === 0) return namedTuple({ eigenvalues: w, eigenvectors: empty(a.shape, a.dtype) });
  checkAllFinite('symeig', a);
  const abuf = colMajor(a, batch, n, n);
  const st = call(L.symeig, a.dtype, numelOf(batch), n, n, 1, [wantV ? 1 : 0, upper ? 1 : 0, 0], abuf, w);
  if (st) lapackFailure('symeig', `symeig: the eigensolver did not converge for the input of size ${fmtSize(a.shape)}${where(a, st[0])}`, st);
  return namedTuple({ eigenvalues: w, eigenvectors: wantV ? colView(abuf, batch, n, n) : empty([0], a.dtype) });
}

// ---------------------------------------------------------------- matrix power

/**
 * A raised to the integer power n (batched, `*, m, m`) by repeated squaring: n = 0 gives the identity,
 * n < 0 uses the inverse (float32/float64 only; n >= 0 works for every dtype matmul supports).
 * @example
 * torch.matrixPower(torch.tensor([[1, 1], [0, 1]]), 5); // [[1, 5], [0, 1]]
 */
export function matrixPower(a: Tensor, n: number): Tensor {
  checkTensor('matrixPower', a, 'input');
  [device, deviceSet] = [a._storage.backend, true]; // n = 0 makes its identity here
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new TorchTypeError(`matrixPower: the exponent must be an integer, got ${String(n)}`);
  if (a.shape.length < 2) throw new TorchSizeError(`matrixPower: input must have at least 2 dimensions, got size ${fmtSize(a.shape)}`);
  checkSquare('matrixPower', a, 'input');
  const m = a.shape[a.shape.length - 1]!;
  if (a.dtype.name === 'bool' || a.dtype.name === 'float16') throw new TorchTypeError(`matrixPower: ${a.dtype} is not supported`);
  if (n === 0) return eyeBatch(batchOf(a), m, a.dtype);
  let base = a;
  if (n < 0) {
    base = inverseImpl('matrixPower', a);
    n = -n;
  }
  if (n === 1) return base === a ? clone(a) : base;
  let result: Tensor | null = null;
  for (;;) {
    if (n & 1) result = result ? matmul(result, base) : base;
    n = Math.floor(n / 2);
    if (n === 0) break;
    base = matmul(base, base);
  }
  return result === a ? clone(a) : result!;
}

// ---------------------------------------------------------------- methods

/** LAPACK-backed Tensor methods (the functions are `torch.inverse(t)` etc.). */
export interface LapackMethods {
  /** @see inverse @example torch.randn(3, 3).inverse() */
  inverse(): Tensor;
  /** @see det @example torch.randn(3, 3).det() */
  det(): Tensor;
  /** @see logdet @example torch.eye(3).logdet() */
  logdet(): Tensor;
  /** @see slogdet @example const { sign, logabsdet } = torch.randn(3, 3).slogdet(); */
  slogdet(): SlogdetResult;
  /** @see cholesky @example spd.cholesky({ upper: true }) */
  cholesky(options?: UpperOption): Tensor;
  /** PyTorch's positional upper: `A.cholesky(true)`. */
  cholesky(upper: boolean): Tensor;
  /** Solves A X = this given A's Cholesky factor. @see choleskySolve @example b.choleskySolve(L) */
  choleskySolve(factor: Tensor, options?: UpperOption): Tensor;
  /** PyTorch's positional upper: `b.choleskySolve(u, true)`. */
  choleskySolve(factor: Tensor, upper: boolean): Tensor;
  /** @see choleskyInverse @example L.choleskyInverse() */
  choleskyInverse(options?: UpperOption): Tensor;
  /** PyTorch's positional upper: `u.choleskyInverse(true)`. */
  choleskyInverse(upper: boolean): Tensor;
  /** Solves A X = this for triangular A. @see triangularSolve @example b.triangularSolve(A, { upper: false }) */
  triangularSolve(a: Tensor, options?: TriangularSolveOptions): TriangularSolveResult;
  /** PyTorch's positional upper, transpose and unitriangular: `b.triangularSolve(A, false)`. */
  triangularSolve(a: Tensor, upper: boolean, transpose?: boolean, unitriangular?: boolean): TriangularSolveResult;
  /** @see qr @example const { Q, R } = torch.randn(4, 3).qr(); */
  qr(options?: { some?: boolean }): QrResult;
  /** PyTorch's positional some: `A.qr(false)`. */
  qr(some: boolean): QrResult;
  /** @see svd @example const { U, S, V } = torch.randn(4, 3).svd(); */
  svd(options?: SvdOptions): SvdResult;
  /** PyTorch's positional some and computeUv: `A.svd(false)`. */
  svd(some: boolean, computeUv?: boolean): SvdResult;
  /** @see eig @example torch.randn(3, 3).eig({ eigenvectors: true }) */
  eig(options?: { eigenvectors?: boolean }): EigResult;
  /** PyTorch's positional eigenvectors: `A.eig(true)`. */
  eig(eigenvectors: boolean): EigResult;
  /** @see symeig @example sym.symeig({ eigenvectors: true }) */
  symeig(options?: SymeigOptions): EigResult;
  /** PyTorch's positional eigenvectors and upper: `A.symeig(true)`. */
  symeig(eigenvectors: boolean, upper?: boolean): EigResult;
  /** @see pinverse @example torch.randn(4, 3).pinverse() */
  pinverse(options?: { rcond?: number }): Tensor;
  /** PyTorch's positional rcond: `A.pinverse(1e-10)`. */
  pinverse(rcond: number): Tensor;
  /** @see matrixPower @example torch.randn(3, 3).matrixPower(-2) */
  matrixPower(n: number): Tensor;
}

/** Installs the LapackMethods on Tensor.prototype. @internal */
export function installLapackMethods(proto: Record<string, unknown>): void {
  const unary = { inverse, det, logdet, slogdet, cholesky, choleskyInverse, qr, svd, eig, symeig, pinverse, matrixPower } as Record<string, (t: Tensor, ...args: unknown[]) => unknown>;
  for (const [name, fn] of Object.entries(unary))
    proto[name] = function (this: Tensor, ...args: unknown[]) {
      return fn(this, ...args);
    };
  proto.choleskySolve = function (this: Tensor, factor: Tensor, options?: UpperOption) {
    return choleskySolve(this, factor, options);
  };
  proto.triangularSolve = function (this: Tensor, a: Tensor, options?: TriangularSolveOptions) {
    return triangularSolve(this, a, options);
  };
}
