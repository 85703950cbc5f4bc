// The everyday composites and torch.linalg from @torch/core, wired for Variables: they call only methods
// Tensor and Variable share, plus autograd's cat, stack, solve and lstsq, registered here because core
// cannot import autograd. With Variables among the arguments they return Variables recorded for backward.
import * as core from '@torch/core';
import { cat, stack, solve, lstsq } from '@torch/autograd';

core.registerCompositeHooks({ cat, stack, solve, lstsq } as unknown as core.CompositeHooks);

/* eslint-disable @typescript-eslint/no-explicit-any */
/** A core composite that also takes Variables (then returning Variables). */
export type AlsoVariables<F> = F & ((...args: any[]) => any);
/* eslint-enable @typescript-eslint/no-explicit-any */
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
export const linalg: { [K in keyof Linalg]: AlsoVariables<Linalg[K]> } = core.linalg;
