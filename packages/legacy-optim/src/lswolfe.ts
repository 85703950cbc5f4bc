/** Torch7's optim.polyinterp (two-point form) and optim.lswolfe, the line search lbfgs can use. */
import { Tensor, TorchTypeError } from '@torch/core';
import type { OpFunc } from './common';
import { evaluate } from './common';

/** A point of polyinterp: position, function value, derivative. */
export type InterpPoint = readonly [x: number, f: number, g: number];

/** Value of the cubic with coefficients [a, b, c, d] (highest power first) at x. */
function cubicAt(p: readonly number[], x: number): number {
  return ((p[0]! * x + p[1]!) * x + p[2]!) * x + p[3]!;
}

/** Solves the 4×4 system A p = b by Gaussian elimination with partial pivoting (NaN when singular). */
function solve4(A: number[][], b: number[]): number[] {
  const n = 4;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let k = 0; k < n; k++) {
    let piv = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(M[i]![k]!) > Math.abs(M[piv]![k]!)) piv = i;
    [M[k], M[piv]] = [M[piv]!, M[k]!];
    if (M[k]![k] === 0) return [NaN, NaN, NaN, NaN];
    for (let i = k + 1; i < n; i++) {
      const f = M[i]![k]! / M[k]![k]!;
      for (let j = k; j <= n; j++) M[i]![j]! -= f * M[k]![j]!;
    }
  }
  const p = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = M[i]![n]!;
    for (let j = i + 1; j < n; j++) s -= M[i]![j]! * p[j]!;
    p[i] = s / M[i]![i]!;
  }
  return p;
}

/**
 * The minimizer of the cubic matching two points' values and derivatives, Torch7's
 * `optim.polyinterp(points, xminBound, xmaxBound)` for two points. Without bounds, the closed form
 * clamped between the points (their mean when the cubic has no minimum); with bounds, the lowest of
 * the cubic's critical points, the points and the bounds that lie within the bounds.
 * @returns `[xmin, fmin]` (fmin only with bounds; NaN otherwise)
 * @example legacy.optim.polyinterp([[0, 1, -1], [1, 0.5, 0.2]]) // [0.7…, NaN]
 */
export function polyinterp(points: readonly InterpPoint[], xminBound?: number, xmaxBound?: number): [number, number] {
  if (!Array.isArray(points) || points.length !== 2 || !points.every((p) => Array.isArray(p) && p.length === 3 && p.every((v) => typeof v === 'number')))
    throw new TorchTypeError('polyinterp: points must be two [x, f, g] triples (the general n-point form is not implemented)');
  const [p1, p2] = points as [InterpPoint, InterpPoint];
  if (xminBound === undefined && xmaxBound === undefined) {
    const [lo, hi] = p1[0] <= p2[0] ? [p1, p2] : [p2, p1];
    const d1 = lo[2] + hi[2] - (3 * (lo[1] - hi[1])) / (lo[0] - hi[0]);
    const d2 = Math.sqrt(d1 * d1 - lo[2] * hi[2]);
    if (Number.isNaN(d2)) return [(p1[0] + p2[0]) / 2, NaN];
    const t = hi[0] - (hi[0] - lo[0]) * ((hi[2] + d2 - d1) / (hi[2] - lo[2] + 2 * d2));
    return [Math.min(Math.max(t, lo[0]), hi[0]), NaN];
  }
  const xmin = Math.min(p1[0], p2[0]);
  const xmax = Math.max(p1[0], p2[0]);
  const lo = xminBound ?? xmin;
  const hi = xmaxBound ?? xmax;
  // Fit f(x) = a x³ + b x² + c x + d to both values and both derivatives.
  const rows: number[][] = [];
  const rhs: number[] = [];
  for (const [x, f] of [p1, p2]) {
    rows.push([x ** 3, x ** 2, x, 1]);
    rhs.push(f);
  }
  for (const [x, , g] of [p1, p2]) {
    rows.push([3 * x ** 2, 2 * x, 1, 0]);
    rhs.push(g);
  }
  const coef = solve4(rows, rhs).map((v) => (Math.abs(v) <= 1e-12 ? 0 : v));
  const candidates = [lo, hi, p1[0], p2[0]];
  if (coef.every(Number.isFinite)) {
    // Real roots of the derivative 3a x² + 2b x + c.
    const [A, B, C] = [3 * coef[0]!, 2 * coef[1]!, coef[2]!];
    if (A !== 0) {
      const disc = B * B - 4 * A * C;
      if (disc >= 0) candidates.push((-B + Math.sqrt(disc)) / (2 * A), (-B - Math.sqrt(disc)) / (2 * A));
    } else if (B !== 0) candidates.push(-C / B);
  }
  let best = (lo + hi) / 2;
  let fbest = Infinity;
  for (const x of candidates)
    if (x >= lo && x <= hi) {
      const f = cubicAt(coef, x);
      if (f < fbest) [best, fbest] = [x, f];
    }
  return [best, fbest];
}

/** lswolfe's options (Torch7's names). */
export interface LswolfeOptions {
  /** Sufficient decrease parameter. Default 1e-4. */
  c1?: number;
  /** Curvature parameter. Default 0.9. */
  c2?: number;
  /** Smallest bracket progress before giving up. Default 1e-9. */
  tolX?: number;
  /** Most evaluations. Default 20. */
  maxIter?: number;
}

/** One end of the bracket. */
interface End {
  t: number;
  f: number;
  g: Tensor;
}

/**
 * A line search for the strong Wolfe conditions, Torch7's `optim.lswolfe(opfunc, x, t, d, f, g, gtd,
 * options)`: brackets a step along d from x (loss f, gradient g, slope gtd), then zooms in with cubic
 * interpolation. x ends at x + t d.
 * @returns `[f, g, x, t, evaluations]` at the chosen step
 * @example const config = { lineSearch: legacy.optim.lswolfe }; legacy.optim.lbfgs(feval, x, config);
 */
export function lswolfe(opfunc: OpFunc, x: Tensor, t: number, d: Tensor, f: number, g: Tensor, gtd: number, options: LswolfeOptions = {}): [number, Tensor, Tensor, number, number] {
  const { c1 = 1e-4, c2 = 0.9, tolX = 1e-9, maxIter = 20 } = options;
  const xInit = x.clone();
  const moveTo = (step: number) => x.copy_(xInit).add_(d, { alpha: step });
  moveTo(t);
  let [fNew, gNew] = evaluate('lswolfe', opfunc, x);
  gNew = gNew.clone();
  let evals = 1;
  let gtdNew = gNew.dot(d).item();
  let iter = 0;
  let done = false;
  let prev: End & { gtd: number } = { t: 0, f, g: g.clone(), gtd };
  let bracket: End[] = [];
  while (iter < maxIter) {
    if (fNew > f + c1 * t * gtd || (iter > 1 && fNew >= prev.f)) {
      bracket = [prev, { t, f: fNew, g: gNew }];
      break;
    }
    if (Math.abs(gtdNew) <= -c2 * gtd) {
      bracket = [{ t, f: fNew, g: gNew }];
      done = true;
      break;
    }
    if (gtdNew >= 0) {
      bracket = [prev, { t, f: fNew, g: gNew }];
      break;
    }
    const [next] = polyinterp([[prev.t, prev.f, prev.gtd], [t, fNew, gtdNew]], t + 0.01 * (t - prev.t), t * 10);
    prev = { t, f: fNew, g: gNew, gtd: gtdNew };
    t = next;
    moveTo(t);
    [fNew, gNew] = evaluate('lswolfe', opfunc, x);
    gNew = gNew.clone();
    evals++;
    gtdNew = gNew.dot(d).item();
    iter++;
  }
  if (iter === maxIter) bracket = [{ t: 0, f, g }, { t, f: fNew, g: gNew }];
  let insufficientProgress = false;
  while (!done && iter < maxIter) {
    const lo = bracket[0]!.f <= bracket[1]!.f ? 0 : 1;
    const hi = 1 - lo;
    const [b0, b1] = bracket as [End, End];
    t = polyinterp([[b0.t, b0.f, b0.g.dot(d).item()], [b1.t, b1.f, b1.g.dot(d).item()]])[0];
    const bMax = Math.max(b0.t, b1.t);
    const bMin = Math.min(b0.t, b1.t);
    // Keep away from the bracket's ends unless the last interpolation already did.
    if (Math.min(bMax - t, t - bMin) / (bMax - bMin) < 0.1) {
      if (insufficientProgress || t >= bMax || t <= bMin) {
        t = Math.abs(t - bMax) < Math.abs(t - bMin) ? bMax - 0.1 * (bMax - bMin) : bMin + 0.1 * (bMax - bMin);
        insufficientProgress = false;
      } else insufficientProgress = true;
    } else insufficientProgress = false;
    moveTo(t);
    [fNew, gNew] = evaluate('lswolfe', opfunc, x);
    gNew = gNew.clone();
    evals++;
    gtdNew = gNew.dot(d).item();
    iter++;
    if (fNew > f + c1 * t * gtd || fNew >= bracket[lo]!.f) bracket[hi] = { t, f: fNew, g: gNew };
    else {
      if (Math.abs(gtdNew) <= -c2 * gtd) done = true;
      else if (gtdNew * (bracket[hi]!.t - bracket[lo]!.t) >= 0) bracket[hi] = bracket[lo]!;
      bracket[lo] = { t, f: fNew, g: gNew };
    }
    if (!done && Math.abs((bracket[0]!.t - bracket[1]!.t) * gtdNew) < tolX) break;
  }
  const best = bracket.length === 1 || bracket[0]!.f <= bracket[1]!.f ? bracket[0]! : bracket[1]!;
  moveTo(best.t);
  return [best.f, best.g, x, best.t, evals];
}
