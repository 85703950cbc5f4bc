/**
 * The strong-Wolfe line search LBFGS uses (Nocedal & Wright, algorithms 3.5 and 3.6): bracket a step
 * satisfying the sufficient-decrease and curvature conditions, then zoom into the bracket with cubic
 * interpolation. Works on flat tensors; the objective evaluates the loss and gradient at x + t d.
 */
import type { Tensor } from '@torch/core';

/** f and its flat gradient at x + t d. */
export type DirectionalObjective = (t: number) => [f: number, g: Tensor];

/**
 * The minimizer of the cubic through (x1, f1) and (x2, f2) with slopes g1, g2, clamped to the bounds
 * (default: the interval between the points); the bounds' midpoint when the cubic has no minimum.
 * @internal
 */
export function cubicInterpolate(x1: number, f1: number, g1: number, x2: number, f2: number, g2: number, bounds?: [number, number]): number {
  const [lo, hi] = bounds ?? (x1 <= x2 ? [x1, x2] : [x2, x1]);
  const d1 = g1 + g2 - (3 * (f1 - f2)) / (x1 - x2);
  const d2Square = d1 * d1 - g1 * g2;
  if (d2Square < 0) return (lo + hi) / 2;
  const d2 = Math.sqrt(d2Square);
  const minPos = x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2)) : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
  return Math.min(Math.max(minPos, lo), hi);
}

/** Options of strongWolfe (Nocedal & Wright's names). */
export interface StrongWolfeOptions {
  c1?: number;
  c2?: number;
  toleranceChange?: number;
  maxLs?: number;
}

/** One end of the bracket. */
interface Point {
  t: number;
  f: number;
  g: Tensor;
  gtd: number;
}

/**
 * Finds a step t along d from the point with loss f, gradient g and slope gtd = g·d.
 * @returns the loss and gradient at the chosen step, the step, and how many evaluations it took
 * @internal
 */
export function strongWolfe(
  obj: DirectionalObjective, t: number, d: Tensor, f: number, g: Tensor, gtd: number, options: StrongWolfeOptions = {},
): { f: number; g: Tensor; t: number; evals: number } {
  const { c1 = 1e-4, c2 = 0.9, toleranceChange = 1e-9, maxLs = 25 } = options;
  const dNorm = d.abs().max().item();
  let [fNew, gNew] = obj(t);
  let evals = 1;
  let gtdNew = gNew.dot(d).item();
  let prev: Point = { t: 0, f, g: g.clone(), gtd };
  let bracket: Point[] | null = null;
  let done = false;
  let iter = 0;
  const sufficient = (tt: number, ff: number) => ff > f + c1 * tt * gtd;
  // Phase 1: grow the step until the minimum is bracketed (or the conditions hold).
  while (iter < maxLs) {
    const cur = { t, f: fNew, g: gNew, gtd: gtdNew };
    if (sufficient(t, fNew) || (iter > 1 && fNew >= prev.f)) {
      bracket = [prev, { ...cur, g: gNew.clone() }];
      break;
    }
    if (Math.abs(gtdNew) <= -c2 * gtd) {
      bracket = [cur];
      done = true;
      break;
    }
    if (gtdNew >= 0) {
      bracket = [prev, { ...cur, g: gNew.clone() }];
      break;
    }
    const next = cubicInterpolate(prev.t, prev.f, prev.gtd, t, fNew, gtdNew, [t + 0.01 * (t - prev.t), t * 10]);
    prev = { ...cur, g: gNew.clone() };
    t = next;
    [fNew, gNew] = obj(t);
    evals++;
    gtdNew = gNew.dot(d).item();
    iter++;
  }
  if (iter === maxLs) bracket = [{ t: 0, f, g, gtd }, { t, f: fNew, g: gNew, gtd: gtdNew }];
  const b = bracket!;
  // Phase 2: zoom until the strong Wolfe conditions hold or the bracket is too small.
  let insufficientProgress = false;
  let [low, high] = b.length > 1 && b[0]!.f > b[1]!.f ? [1, 0] : [0, 1];
  while (!done && iter < maxLs) {
    if (Math.abs(b[1]!.t - b[0]!.t) * dNorm < toleranceChange) break;
    t = cubicInterpolate(b[0]!.t, b[0]!.f, b[0]!.gtd, b[1]!.t, b[1]!.f, b[1]!.gtd);
    // Keep away from the bracket's ends unless the last interpolation already did.
    const bMax = Math.max(b[0]!.t, b[1]!.t);
    const bMin = Math.min(b[0]!.t, b[1]!.t);
    const eps = 0.1 * (bMax - bMin);
    if (Math.min(bMax - t, t - bMin) < eps) {
      if (insufficientProgress || t >= bMax || t <= bMin) {
        t = Math.abs(t - bMax) < Math.abs(t - bMin) ? bMax - eps : bMin + eps;
        insufficientProgress = false;
      } else insufficientProgress = true;
    } else insufficientProgress = false;
    [fNew, gNew] = obj(t);
    evals++;
    gtdNew = gNew.dot(d).item();
    iter++;
    if (sufficient(t, fNew) || fNew >= b[low]!.f) {
      b[high] = { t, f: fNew, g: gNew.clone(), gtd: gtdNew };
      [low, high] = b[0]!.f <= b[1]!.f ? [0, 1] : [1, 0];
    } else {
      if (Math.abs(gtdNew) <= -c2 * gtd) done = true;
      else if (gtdNew * (b[high]!.t - b[low]!.t) >= 0) b[high] = b[low]!;
      b[low] = { t, f: fNew, g: gNew.clone(), gtd: gtdNew };
    }
  }
  const best = b[low]!;
  return { f: best.f, g: best.g, t: best.t, evals };
}
