/* eslint-disable prefer-rest-params -- `arguments.length` is how these check their arity strictly (an extra positional argument is an error, DESIGN.md §3) without rest parameters widening the public signatures. */
// torch.linalg: PyTorch 1.13's names, argument orders and defaults over the existing LAPACK ops
// (inverse, det, solve, cholesky, qr, svd, symeig, lstsq, pinverse). The norms are composites of
// methods Tensor and Variable share, so they differentiate; so do det, inv, solve, cholesky, qr, svd,
// eigh through the Variable methods of the same ops.
import type { Tensor } from '../tensor';
import { TorchSizeError, TorchTypeError } from '../errors';
import { int64, type DType } from '../dtype';
import { empty } from './creation';
import type { EigResult, LstsqResult, QrResult } from './lapack';
import { namedTuple, type NamedTuple } from './named-tuple';
import { checkArg, checkArity, checkOptions, describe, isFloat, lstsqAny, rawTensor, solveAny } from './composite_args';

const fmt = (s: readonly number[]): string => `[${s.join(', ')}]`;
type Dims = number | readonly number[];

function floatInput(op: string, x: Tensor): void {
  checkArg(op, x, 'input');
  if (!isFloat(x)) throw new TorchTypeError(`${op}: expected a floating point tensor as input, got ${x.dtype.name}`);
}
function matrixInput(op: string, x: Tensor): void {
  floatInput(op, x);
  if (x.dim() < 2) throw new TorchSizeError(`${op}: the input must have at least 2 dimensions, got size ${fmt(x.shape)}`);
}
function squareInput(op: string, x: Tensor): void {
  matrixInput(op, x);
  const n = x.shape.length;
  if (x.shape[n - 1] !== x.shape[n - 2]) throw new TorchSizeError(`${op}: A must be batches of square matrices, got size ${fmt(x.shape)}`);
}
function normDims(op: string, x: Tensor, dim: Dims): number[] {
  const ds = (typeof dim === 'number' ? [dim] : [...dim]).map((d) => {
    const nd = Math.max(x.dim(), 1);
    if (!Number.isInteger(d) || d < -nd || d >= nd) throw new TorchSizeError(`${op}: dim ${String(d)} out of range for size ${fmt(x.shape)}`);
    return d < 0 ? d + nd : d;
  });
  if (new Set(ds).size !== ds.length) throw new TorchSizeError(`${op}: dim [${ds.join(', ')}] repeats a dim`);
  return ds;
}
function checkDtype(op: string, dtype: DType | undefined): void {
  if (dtype !== undefined && !dtype.isFloatingPoint) throw new TorchTypeError(`${op}: dtype must be a floating point dtype, got ${String(dtype)}`);
}

/** Options of vectorNorm. */
export interface VectorNormOptions {
  /** Keep the reduced dims with size 1 (default false). */
  keepdim?: boolean;
  /** Compute in this floating dtype (the input is converted first). */
  dtype?: DType;
}

/**
 * Vector norm `(Σ|x|^ord)^(1/ord)` over dim (all elements by default); ord Infinity / -Infinity take the
 * largest / smallest |x|, ord 0 counts the non-zeros.
 * @example torch.linalg.vectorNorm(torch.tensor([3, 4]).float()) // 5
 * @example torch.linalg.vectorNorm(x, 1, [0, 1], { keepdim: true })
 */
function vectorNorm(x: Tensor, ord = 2, dim: Dims | null = null, options?: VectorNormOptions): Tensor {
  checkArity('linalg.vectorNorm', arguments, 4);
  floatInput('linalg.vectorNorm', x);
  const o = checkOptions<VectorNormOptions>('linalg.vectorNorm', options, ['keepdim', 'dtype']);
  if (typeof ord !== 'number' || Number.isNaN(ord)) throw new TorchTypeError(`linalg.vectorNorm: ord must be a number, got ${describe(ord)}`);
  checkDtype('linalg.vectorNorm', o.dtype);
  if (o.dtype) x = x.to(o.dtype);
  const keepdim = o.keepdim ?? false;
  // A 0-dim input is a one-element vector; an empty dim list means every dim, as dim=None.
  if (x.dim() === 0) return vectorNorm(x.reshape([1]), ord, 0);
  const ds = dim === null || (typeof dim !== 'number' && dim.length === 0) ? x.shape.map((_, i) => i) : normDims('linalg.vectorNorm', x, dim);
  if (x.numel() === 0 && (ord < 0 || ord === Infinity))
    throw new TorchSizeError(`linalg.vectorNorm: cannot compute the ${ord} norm of an empty tensor (size ${fmt(x.shape)}) because the operation has no identity`);
  if (ord === Infinity || ord === -Infinity) {
    // max/min along several dims: move them to the end and flatten them into one.
    const rest = x.shape.map((_, i) => i).filter((i) => !ds.includes(i));
    const flat = x.abs().permute([...rest, ...ds]).reshape([...rest.map((i) => x.shape[i]!), -1]);
    let r = (ord > 0 ? flat.max(-1) : flat.min(-1)).values;
    if (keepdim) r = r.reshape(x.shape.map((s, i) => (ds.includes(i) ? 1 : s)));
    return r;
  }
  return x.norm(ord, ds, { keepdim });
}

/** Options of matrixNorm. */
export type MatrixNormOptions = VectorNormOptions;
/** The orders of matrixNorm. */
export type MatrixOrd = 'fro' | 'nuc' | number;

/**
 * Matrix norm over two dims (the last two by default): 'fro' (default), 'nuc' (sum of singular values),
 * 2 / -2 (largest / smallest singular value), 1 / -1 (max / min absolute column sum), Infinity /
 * -Infinity (max / min absolute row sum). Batches over the other dims.
 * @example torch.linalg.matrixNorm(torch.eye(3)) // √3
 * @example torch.linalg.matrixNorm(a, 'nuc')
 */
function matrixNorm(A: Tensor, ord: MatrixOrd = 'fro', dim: readonly [number, number] = [-2, -1], options?: MatrixNormOptions): Tensor {
  checkArity('linalg.matrixNorm', arguments, 4);
  matrixInput('linalg.matrixNorm', A);
  const o = checkOptions<MatrixNormOptions>('linalg.matrixNorm', options, ['keepdim', 'dtype']);
  checkDtype('linalg.matrixNorm', o.dtype);
  if (o.dtype) A = A.to(o.dtype);
  const keepdim = o.keepdim ?? false;
  if (!Array.isArray(dim) || dim.length !== 2) throw new TorchTypeError(`linalg.matrixNorm: dim must be a pair of dims, got ${describe(dim)}`);
  const [d0, d1] = normDims('linalg.matrixNorm', A, dim);
  const restore = (r: Tensor): Tensor => (keepdim ? r.reshape(A.shape.map((s, i) => (i === d0 || i === d1 ? 1 : s))) : r);
  if (ord === 'fro') return vectorNorm(A, 2, [d0!, d1!], { keepdim });
  if (ord === 'nuc' || ord === 2 || ord === -2) {
    const rest = A.shape.map((_, i) => i).filter((i) => i !== d0 && i !== d1);
    const m = A.permute([...rest, d0!, d1!]);
    if (m.numel() === 0 && ord !== 'nuc') throw new TorchSizeError(`linalg.matrixNorm: the ${ord} norm of an empty matrix (size ${fmt(A.shape)}) is undefined`);
    const S = m.svd().S;
    const r = ord === 'nuc' ? S.sum(-1) : (ord === 2 ? S.max(-1) : S.min(-1)).values;
    return restore(r);
  }
  if (ord === 1 || ord === -1 || ord === Infinity || ord === -Infinity) {
    // Column sums for 1 (sum over rows d0), row sums for Infinity (sum over columns d1).
    const [sumDim, pickDim] = Math.abs(ord) === 1 ? [d0!, d1!] : [d1!, d0!];
    if (A.shape[pickDim] === 0) throw new TorchSizeError(`linalg.matrixNorm: the ${ord} norm of an empty matrix (size ${fmt(A.shape)}) is undefined`);
    const s = A.abs().sum(sumDim, { keepdim: true });
    const r = (ord > 0 ? s.max(pickDim, { keepdim: true }) : s.min(pickDim, { keepdim: true })).values;
    return keepdim ? r : r.reshape(A.shape.filter((_, i) => i !== d0 && i !== d1));
  }
  throw new TorchTypeError(`linalg.matrixNorm: ord must be 'fro', 'nuc', 1, -1, 2, -2, Infinity or -Infinity, got ${String(ord)}`);
}

/**
 * Vector or matrix norm, as torch.linalg.norm: with a string ord or a 2-element dim a matrix norm; with
 * an int dim a vector norm; with neither, the 2-norm of all elements (ord null) or the norm of the
 * 1-D / 2-D input.
 * @example torch.linalg.norm(torch.tensor([[1, 2], [3, 4]]).float()) // √30
 * @example torch.linalg.norm(a, 'nuc')
 */
function norm(A: Tensor, ord: MatrixOrd | null = null, dim: Dims | null = null, options?: VectorNormOptions): Tensor {
  checkArity('linalg.norm', arguments, 4);
  floatInput('linalg.norm', A);
  const o = checkOptions<VectorNormOptions>('linalg.norm', options, ['keepdim', 'dtype']);
  if (dim !== null && typeof dim !== 'number' && (!Array.isArray(dim) || dim.length < 1 || dim.length > 2))
    throw new TorchTypeError(`linalg.norm: dim must be a dim or a list of 1 or 2 dims, got ${describe(dim)}`);
  const asMatrix = dim !== null ? typeof dim !== 'number' && dim.length === 2 : ord !== null && A.dim() === 2;
  if (dim === null && ord !== null && A.dim() !== 1 && A.dim() !== 2)
    throw new TorchSizeError(`linalg.norm: with ord and no dim the input must be 1-D or 2-D, got size ${fmt(A.shape)}`);
  if (typeof ord === 'string' && !asMatrix && !(dim === null && A.dim() === 2))
    throw new TorchTypeError(`linalg.norm: ord '${ord}' needs a matrix (a 2-D input or a 2-element dim)`);
  if (asMatrix) return matrixNorm(A, ord ?? 'fro', (dim ?? [-2, -1]) as [number, number], o);
  return vectorNorm(A, (ord ?? 2) as number, dim, o);
}

/**
 * Determinant of a square matrix or batch.
 * @example torch.linalg.det(torch.tensor([[1, 2], [3, 4]]).float()) // -2
 */
function det(A: Tensor): Tensor {
  checkArity('linalg.det', arguments, 1);
  squareInput('linalg.det', A);
  return A.det();
}

/**
 * Inverse of a square matrix or batch; a singular input is a TorchLinAlgError.
 * @example torch.linalg.inv(torch.tensor([[2, 0], [0, 4]]).float()) // [[0.5, 0], [0, 0.25]]
 */
function inv(A: Tensor): Tensor {
  checkArity('linalg.inv', arguments, 1);
  squareInput('linalg.inv', A);
  return A.inverse();
}

/**
 * The X with `A X = B` (A square, batches broadcast); B may be a vector (`*, n`).
 * @example torch.linalg.solve(A, b)
 */
function solve(A: Tensor, B: Tensor): Tensor {
  checkArity('linalg.solve', arguments, 2);
  squareInput('linalg.solve', A);
  floatInput('linalg.solve', B);
  if (A.dtype !== B.dtype) throw new TorchTypeError(`linalg.solve: A and B must have the same dtype, got ${A.dtype.name} and ${B.dtype.name}`);
  // PyTorch's rule: B is a batch of vectors when it is 1-D or has exactly A's batch dims plus n.
  const vec = B.dim() === 1 || (B.dim() === A.dim() - 1 && B.shape.every((s, i) => s === A.shape[i]));
  const n = A.shape[A.dim() - 1]!;
  if ((vec ? B.shape[B.dim() - 1] : B.shape[B.dim() - 2]) !== n)
    throw new TorchSizeError(`linalg.solve: A of size ${fmt(A.shape)} and B of size ${fmt(B.shape)} are incompatible`);
  if (!vec) return solveAny('linalg.solve', A, B);
  return solveAny('linalg.solve', A, B.unsqueeze(-1)).squeeze(-1);
}

/**
 * Cholesky factor of a symmetric positive-definite matrix or batch: lower L with A = L Lᵀ (or upper U
 * with A = Uᵀ U).
 * @example torch.linalg.cholesky(torch.tensor([[4, 2], [2, 3]]).float())
 */
function cholesky(A: Tensor, options?: { upper?: boolean }): Tensor {
  checkArity('linalg.cholesky', arguments, 2);
  squareInput('linalg.cholesky', A);
  const o = checkOptions<{ upper?: boolean }>('linalg.cholesky', options, ['upper']);
  return A.cholesky({ upper: o.upper ?? false });
}

/**
 * QR decomposition: mode 'reduced' (default, Q is m x k), 'complete' (Q is m x m) or 'r' (R only, Q an
 * empty tensor).
 * @example const { Q, R } = torch.linalg.qr(a)
 */
function qr(A: Tensor, mode: 'reduced' | 'complete' | 'r' = 'reduced'): QrResult {
  checkArity('linalg.qr', arguments, 2);
  matrixInput('linalg.qr', A);
  if (mode !== 'reduced' && mode !== 'complete' && mode !== 'r') throw new TorchTypeError(`linalg.qr: mode must be 'reduced', 'complete' or 'r', got '${String(mode)}'`);
  const r = A.qr({ some: mode !== 'complete' });
  return mode === 'r' ? namedTuple({ Q: empty([0], { dtype: A.dtype, device: A.device }), R: r.R }) : r;
}

/**
 * Singular value decomposition `A = U diag(S) Vh` with full (default) or reduced U and Vh.
 * @example const { U, S, Vh } = torch.linalg.svd(a, false)
 */
function svd(A: Tensor, fullMatrices = true): NamedTuple<{ U: Tensor; S: Tensor; Vh: Tensor }> {
  checkArity('linalg.svd', arguments, 2);
  matrixInput('linalg.svd', A);
  if (typeof fullMatrices !== 'boolean') throw new TorchTypeError(`linalg.svd: fullMatrices must be a boolean, got ${describe(fullMatrices)}`);
  const { U, S, V } = A.svd({ some: !fullMatrices });
  return namedTuple({ U, S, Vh: V.transpose(-2, -1) });
}

/**
 * Eigenvalues (ascending) and orthonormal eigenvectors of a symmetric matrix or batch, reading the
 * lower ('L', default) or upper ('U') triangle.
 * @example const { eigenvalues, eigenvectors } = torch.linalg.eigh(a)
 */
function eigh(A: Tensor, UPLO: 'L' | 'U' = 'L'): EigResult {
  checkArity('linalg.eigh', arguments, 2);
  squareInput('linalg.eigh', A);
  if (UPLO !== 'L' && UPLO !== 'U') throw new TorchTypeError(`linalg.eigh: UPLO must be 'L' or 'U', got '${String(UPLO)}'`);
  return A.symeig({ eigenvectors: true, upper: UPLO === 'U' });
}

/**
 * Least-squares solution of `A X = B` (full-rank A, the gels driver): { solution, residuals, rank,
 * singularValues } as core's lstsq gives them; the solution differentiates.
 * @example torch.linalg.lstsq(A, B).solution
 */
function lstsq(A: Tensor, B: Tensor, options?: { rcond?: number | null; driver?: 'gels' }): NamedTuple<LstsqResult> {
  checkArity('linalg.lstsq', arguments, 3);
  matrixInput('linalg.lstsq', A);
  floatInput('linalg.lstsq', B);
  const o = checkOptions<{ rcond?: number | null; driver?: string }>('linalg.lstsq', options, ['rcond', 'driver']);
  if (o.driver !== undefined && o.driver !== 'gels') throw new TorchTypeError(`linalg.lstsq: only the 'gels' driver is available, got '${o.driver}'`);
  return lstsqAny('linalg.lstsq', A, B);
}

/**
 * Moore-Penrose pseudo-inverse through the SVD; singular values below rcond times the largest count as
 * zero (default 1e-15).
 * @example torch.linalg.pinv(torch.randn(3, 4)).shape // [4, 3]
 */
function pinv(A: Tensor, options?: { rcond?: number; hermitian?: boolean }): Tensor {
  checkArity('linalg.pinv', arguments, 2);
  matrixInput('linalg.pinv', A);
  const o = checkOptions<{ rcond?: number; hermitian?: boolean }>('linalg.pinv', options, ['rcond', 'hermitian']);
  return A.pinverse({ rcond: o.rcond ?? 1e-15 });
}

/**
 * Numerical rank: the number of singular values above tol (default: largest singular value times
 * max(m, n) times the dtype's epsilon), int64, batched.
 * @example torch.linalg.matrixRank(torch.eye(3)) // 3
 */
function matrixRank(A: Tensor, options?: { tol?: number; hermitian?: boolean }): Tensor {
  checkArity('linalg.matrixRank', arguments, 2);
  matrixInput('linalg.matrixRank', A);
  const o = checkOptions<{ tol?: number; hermitian?: boolean }>('linalg.matrixRank', options, ['tol', 'hermitian']);
  const a = rawTensor(A);
  const [m, n] = [a.shape[a.dim() - 2]!, a.shape[a.dim() - 1]!];
  if (m === 0 || n === 0) return empty(a.shape.slice(0, -2), { dtype: int64 }).fill_(0);
  const S = a.svd({ some: true }).S;
  const eps = a.dtype.name === 'float64' ? 2.220446049250313e-16 : a.dtype.name === 'float16' ? 9.765625e-4 : 1.1920928955078125e-7;
  const tol = o.tol !== undefined ? S.mul(0).add(o.tol) : S.max(-1, { keepdim: true }).values.mul(Math.max(m, n) * eps);
  return S.gt(tol).to(int64).sum(-1);
}

/**
 * `torch.linalg`: norm, vectorNorm, matrixNorm, det, inv, solve, cholesky, qr, svd, eigh, lstsq, pinv,
 * matrixRank with PyTorch 1.13's semantics.
 * @example torch.linalg.inv(torch.eye(2))
 */
export const linalg = { norm, vectorNorm, matrixNorm, det, inv, solve, cholesky, qr, svd, eigh, lstsq, pinv, matrixRank } as const;
