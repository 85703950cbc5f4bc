/** Torch7's optim.cg: conjugate gradients after Rasmussen's minimize.m. */
import type { Tensor } from '@torch/core';
import { evaluate, num, setup, type OpFunc, type Table } from './common';

const CONFIG = ['rho', 'sig', 'int', 'ext', 'maxIter', 'ratio', 'maxEval', 'verbose'];
const STATE = ['df0', 'df1', 'df2', 'df3', 's', 'x0'];

/**
 * Nonlinear conjugate gradients (Polak-Ribière directions, a line search with cubic/quadratic
 * interpolation and extrapolation, Wolfe-Powell stopping), Torch7's `optim.cg`, a rewrite of Carl
 * Rasmussen's minimize.m. One call runs until `maxEval` function evaluations. As in Torch7, a failed
 * line search ends the call. Config: `rho` (0.01), `sig` (0.5), `int` (0.1), `ext` (3), `maxIter` (20),
 * `ratio` (100), `maxEval` (maxIter × 1.25).
 * @returns `[x, f values after each successful line search (the first before any), evaluations]`
 * @example const [x, fs] = legacy.optim.cg(feval, x0, { maxIter: 50 });
 */
export function cg(opfunc: OpFunc, x: Tensor, config?: Table, state?: Table): [Tensor, number[], number] {
  const [c] = setup('cg', opfunc, x, config, state, CONFIG, STATE);
  const RHO = num('cg', c, 'rho', 0.01);
  const SIG = num('cg', c, 'sig', 0.5);
  const INT = num('cg', c, 'int', 0.1);
  const EXT = num('cg', c, 'ext', 3);
  const maxIter = num('cg', c, 'maxIter', 20);
  const ratio = num('cg', c, 'ratio', 100);
  const maxEval = num('cg', c, 'maxEval', maxIter * 1.25);
  const feval = (): [number, Tensor] => {
    const [f, g] = evaluate('cg', opfunc, x);
    return [f, g.clone()];
  };

  let evals = 0;
  const fx: number[] = [];
  let [f1, df1] = feval();
  fx.push(f1);
  evals++;
  const s = df1.neg();
  let d1 = -s.dot(s).item();
  let z1 = 1 / (1 - d1);
  while (evals < Math.abs(maxEval)) {
    const x0 = x.clone();
    const f0 = f1;
    const df0 = df1.clone();
    x.add_(s, { alpha: z1 });
    let [f2, df2] = feval();
    evals++;
    let d2 = df2.dot(s).item();
    let [f3, d3, z3] = [f1, d1, -z1];
    let m = Math.min(maxIter, maxEval - evals);
    let success = false;
    let limit = -1;
    for (;;) {
      // Interpolate back while the point is not acceptable.
      while ((f2 > f1 + z1 * RHO * d1 || d2 > -SIG * d1) && m > 0) {
        limit = z1;
        let z2: number;
        if (f2 > f1) z2 = z3 - (0.5 * d3 * z3 * z3) / (d3 * z3 + f2 - f3);
        else {
          const A = (6 * (f2 - f3)) / z3 + 3 * (d2 + d3);
          const B = 3 * (f3 - f2) - z3 * (d3 + 2 * d2);
          z2 = (Math.sqrt(B * B - A * d2 * z3 * z3) - B) / A;
        }
        if (!Number.isFinite(z2)) z2 = z3 / 2;
        z2 = Math.max(Math.min(z2, INT * z3), (1 - INT) * z3);
        z1 += z2;
        x.add_(s, { alpha: z2 });
        [f2, df2] = feval();
        evals++;
        m--;
        d2 = df2.dot(s).item();
        z3 -= z2;
      }
      if (f2 > f1 + z1 * RHO * d1 || d2 > -SIG * d1) break;
      if (d2 > SIG * d1) {
        success = true;
        break;
      }
      if (m === 0) break;
      // Extrapolate with a cubic, within limits.
      const A = (6 * (f2 - f3)) / z3 + 3 * (d2 + d3);
      const B = 3 * (f3 - f2) - z3 * (d3 + 2 * d2);
      let z2 = (-d2 * z3 * z3) / (B + Math.sqrt(B * B - A * d2 * z3 * z3));
      if (!Number.isFinite(z2) || z2 < 0) z2 = limit < -0.5 ? z1 * (EXT - 1) : (limit - z1) / 2;
      else if (limit > -0.5 && z2 + z1 > limit) z2 = (limit - z1) / 2;
      else if (limit < -0.5 && z2 + z1 > z1 * EXT) z2 = z1 * (EXT - 1);
      else if (z2 < -z3 * INT) z2 = -z3 * INT;
      else if (limit > -0.5 && z2 < (limit - z1) * (1 - INT)) z2 = (limit - z1) * (1 - INT);
      [f3, d3, z3] = [f2, d2, -z2];
      z1 += z2;
      x.add_(s, { alpha: z2 });
      [f2, df2] = feval();
      evals++;
      m--;
      d2 = df2.dot(s).item();
    }
    if (success) {
      f1 = f2;
      fx.push(f1);
      // Polak-Ribière direction.
      const beta = (df2.dot(df2).item() - df2.dot(df1).item()) / df1.dot(df1).item();
      s.mul_(beta).sub_(df2);
      [df1, df2] = [df2, df1];
      d2 = df1.dot(s).item();
      if (d2 > 0) {
        s.copy_(df1).neg_();
        d2 = -s.dot(s).item();
      }
      z1 *= Math.min(ratio, d1 / (d2 - 1e-320));
      d1 = d2;
    } else {
      // Back to the best point. Torch7 tests its failure flag as a number, which Lua treats as true,
      // so any failed line search ends the call (minimize.m would retry once along -g).
      x.copy_(x0);
      f1 = f0;
      df1 = df0;
      break;
    }
  }
  return [x, fx, evals];
}
