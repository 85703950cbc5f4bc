/**
 * The LAPACK-named functions of PyTorch 0.x (gesv, gels, potrf, potrs, potri, trtrs), kept so that code
 * written against the seed-era API runs. Each is a thin layer over today's op in ./lapack.ts with the
 * old argument order (B before A) and the old defaults (the Cholesky family used the upper factor).
 * See docs/lapack.md.
 */
import type { Tensor } from '../tensor';
import { namedTuple, type NamedTuple } from './named-tuple';
import { choleskyInverse, choleskySolve, cholesky, lstsqWithQR, solveWithLU, triangularSolve, type SolveLUResult, type TriangularSolveOptions, type TriangularSolveResult } from './lapack';

/** gels's named tuple: the solution and A as gels leaves it. */
export type GelsResult = NamedTuple<{ solution: Tensor; QR: Tensor }>;

/** `upper` option of the 0.x Cholesky functions: unlike today's cholesky, the upper factor is the default. */
export interface LegacyUpperOption {
  /** Use the upper triangular factor U with A = UᵀU (default **true**, as in PyTorch 0.x). */
  upper?: boolean;
}

/**
 * 0.x `torch.gesv(B, A)`: solves A X = B (LAPACK gesv) and also returns A's packed LU factors (getrf's
 * L below the diagonal with an implied unit diagonal, U on and above it; row pivots not returned).
 * @example
 * const A = torch.tensor([[3, 1], [1, 2]], { dtype: torch.float64 });
 * const { solution, LU } = torch.gesv(torch.tensor([[9], [8]], { dtype: torch.float64 }), A); // [[2], [3]]
 */
export function gesv(b: Tensor, a: Tensor): SolveLUResult {
  return solveWithLU('gesv', a, b);
}

/**
 * 0.x `torch.gels(B, A)`: least squares (m >= n) or minimum norm (m < n) solution of A X = B with LAPACK
 * gels, and A as gels leaves it (its packed QR or LQ factorisation).
 * @example
 * const A = torch.tensor([[1, 0], [0, 1], [1, 1]], { dtype: torch.float64 });
 * torch.gels(torch.tensor([[1], [2], [4]], { dtype: torch.float64 }), A).solution; // [[4/3], [7/3]]
 */
export function gels(b: Tensor, a: Tensor): GelsResult {
  const { result, QR } = lstsqWithQR('gels', a, b);
  return namedTuple({ solution: result.solution, QR });
}

/**
 * 0.x `torch.potrf(A, upper=True)`: the Cholesky factor, upper by default (today's `cholesky` defaults
 * to lower).
 * @example
 * const A = torch.tensor([[4, 2], [2, 3]], { dtype: torch.float64 });
 * torch.potrf(A); // upper U with A = Uᵀ U: [[2, 1], [0, 1.4142]]
 */
export function potrf(a: Tensor, options?: LegacyUpperOption): Tensor {
  return cholesky(a, { upper: options?.upper ?? true });
}

/**
 * 0.x `torch.potrs(B, U, upper=True)`: solves A X = B from A's Cholesky factor (LAPACK potrs).
 * @example
 * const A = torch.tensor([[4, 2], [2, 3]], { dtype: torch.float64 });
 * torch.potrs(torch.tensor([[6], [5]], { dtype: torch.float64 }), torch.potrf(A)); // [[1], [1]]
 */
export function potrs(b: Tensor, factor: Tensor, options?: LegacyUpperOption): Tensor {
  return choleskySolve(b, factor, { upper: options?.upper ?? true });
}

/**
 * 0.x `torch.potri(U, upper=True)`: the inverse of A from its Cholesky factor (LAPACK potri).
 * @example
 * const A = torch.tensor([[4, 2], [2, 3]], { dtype: torch.float64 });
 * torch.potri(torch.potrf(A)); // inverse(A)
 */
export function potri(factor: Tensor, options?: LegacyUpperOption): Tensor {
  return choleskyInverse(factor, { upper: options?.upper ?? true });
}

/**
 * 0.x `torch.trtrs(B, A, upper=True, transpose=False, unitriangular=False)`: triangular solve (today's
 * `triangularSolve`, same order and defaults), returning the solution and a copy of A.
 * @example
 * const A = torch.tensor([[2, 1], [0, 4]], { dtype: torch.float64 });
 * torch.trtrs(torch.tensor([[4], [8]], { dtype: torch.float64 }), A).solution; // [[1], [2]]
 */
export function trtrs(b: Tensor, a: Tensor, options?: TriangularSolveOptions): TriangularSolveResult {
  return triangularSolve(b, a, options);
}

/** The 0.x LAPACK-named Tensor methods (`this` is B for the solvers, A or the factor otherwise). */
export interface LapackLegacyMethods {
  /** @see gesv @example b.gesv(A).solution */
  gesv(a: Tensor): SolveLUResult;
  /** @see gels @example b.gels(A).solution */
  gels(a: Tensor): GelsResult;
  /** @see potrf @example spd.potrf() */
  potrf(options?: LegacyUpperOption): Tensor;
  /** PyTorch's positional upper: `A.potrf(false)`. */
  potrf(upper: boolean): Tensor;
  /** @see potrs @example b.potrs(U) */
  potrs(factor: Tensor, options?: LegacyUpperOption): Tensor;
  /** PyTorch's positional upper: `b.potrs(u, true)`. */
  potrs(factor: Tensor, upper: boolean): Tensor;
  /** @see potri @example U.potri() */
  potri(options?: LegacyUpperOption): Tensor;
  /** PyTorch's positional upper: `u.potri(true)`. */
  potri(upper: boolean): Tensor;
  /** @see trtrs @example b.trtrs(A, { upper: false }) */
  trtrs(a: Tensor, options?: TriangularSolveOptions): TriangularSolveResult;
  /** PyTorch's positional upper, transpose and unitriangular: `b.trtrs(A, false)`. */
  trtrs(a: Tensor, upper: boolean, transpose?: boolean, unitriangular?: boolean): TriangularSolveResult;
}

/** Installs the LapackLegacyMethods on Tensor.prototype. @internal */
export function installLapackLegacyMethods(proto: Record<string, unknown>): void {
  const fns = { gesv, gels, potrf, potrs, potri, trtrs } as Record<string, (t: Tensor, ...args: unknown[]) => unknown>;
  for (const [name, fn] of Object.entries(fns))
    proto[name] = function (this: Tensor, ...args: unknown[]) {
      return fn(this, ...args);
    };
}
