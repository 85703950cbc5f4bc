// The everyday composites and torch.linalg from @torch/core, wired for Variables: they call only methods
// Tensor and Variable share, plus autograd's cat, stack, solve and lstsq, registered here because core
// cannot import autograd. With Variables among the arguments they return Variables recorded for backward.
import * as core from '@torch/core';
import { cat, stack, solve, lstsq, type Variable, type LiftResult } from '@torch/autograd';
import type { Signatures } from './variable-functions';

core.registerCompositeHooks({ cat, stack, solve, lstsq } as unknown as core.CompositeHooks);

/** An argument that may also be a Variable: Tensors, lists of them, and Tensors inside options objects. */
type LiftDeep<T> = T extends core.Tensor
  ? core.Tensor | Variable
  : T extends readonly core.Tensor[]
    ? readonly (core.Tensor | Variable)[]
    : T extends core.DType | ((...a: never[]) => unknown) | readonly unknown[] ? T
      : T extends object ? { [K in keyof T]: LiftDeep<T[K]> } : T;
/** A result with Variables for Tensors, also in result records (`{ solution, residuals, ... }`). */
type LiftOut<R> = R extends core.Tensor | core.Tensor[] ? LiftResult<R>
  : R extends object ? { [K in keyof R]: R[K] extends core.Tensor ? Variable : R[K] } : R;
type Lifted<S> = S extends [infer A extends unknown[], infer R] ? (...args: { [I in keyof A]: LiftDeep<A[I]> }) => LiftOut<R> : never;
type Intersect<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
/**
 * A core composite that also takes Variables (anywhere a Tensor goes, options included), then returning
 * Variables; the Tensor forms are tried first.
 * @example const d = torch.cdist(x1, x2);   // a Variable when x1 or x2 is one
 */
export type AlsoVariables<F> = F & Intersect<Lifted<Signatures<F>>>;
const v = <F>(f: F): AlsoVariables<F> => f as AlsoVariables<F>;

/** @see core.outer @example torch.outer(u, v) */
export const outer = v(core.outer);
/** @see core.tensordot @example torch.tensordot(a, b, 2) */
export const tensordot = v(core.tensordot);
/** @see core.kron @example torch.kron(a, b) */
export const kron = v(core.kron);
/** @see core.cdist @example torch.cdist(x1, x2) */
export const cdist = v(core.cdist);
/** @see core.meshgrid @example torch.meshgrid([x, y]) */
export const meshgrid = v(core.meshgrid);
/** @see core.cartesianProd @example torch.cartesianProd([x, y]) */
export const cartesianProd = v(core.cartesianProd);
/** @see core.diff @example torch.diff(x) */
export const diff = v(core.diff);
/** @see core.clampMin @example torch.clampMin(x, 0) */
export const clampMin = v(core.clampMin);
/** @see core.clampMax @example torch.clampMax(x, 1) */
export const clampMax = v(core.clampMax);
/** @see core.isclose (Variables: compared on their data, not differentiable) @example torch.isclose(a, b) */
export const isclose = v(core.isclose);
/** @see core.allclose @example torch.allclose(a, b) */
export const allclose = v(core.allclose);
/** @see core.searchsorted (Variables: on their data) @example torch.searchsorted(s, v) */
export const searchsorted = v(core.searchsorted);
/** @see core.bucketize @example torch.bucketize(x, b) */
export const bucketize = v(core.bucketize);
/** @see core.bincount @example torch.bincount(x) */
export const bincount = v(core.bincount);
/** @see core.einsum @example torch.einsum('ij,jk->ik', a, b) */
export const einsum = v(core.einsum);
type Linalg = typeof core.linalg;
/** torch.linalg, also for Variables. @example torch.linalg.det(A) */
export const linalg = core.linalg as { [K in keyof Linalg]: AlsoVariables<Linalg[K]> };
