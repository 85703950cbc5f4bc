/** Torch7's optim.lbfgs. */
import type { Tensor } from '@torch/core';
import { TorchTypeError } from '@torch/core';
import { evaluate, num, setup, type OpFunc, type Table } from './common';
import type { LswolfeOptions } from './lswolfe';

/** A line search as lbfgs calls it: lswolfe's signature. */
export type LineSearch = (opfunc: OpFunc, x: Tensor, t: number, d: Tensor, f: number, g: Tensor, gtd: number, options?: LswolfeOptions) => [number, Tensor, Tensor, number, number];

const CONFIG = ['maxIter', 'maxEval', 'tolFun', 'tolX', 'nCorrection', 'lineSearch', 'lineSearchOptions', 'learningRate', 'verbose'];
const STATE = ['funcEval', 'nIter', 'd', 't', 'old_dirs', 'old_stps', 'Hdiag', 'g_old', 'f_old'];

/**
 * L-BFGS, Torch7's `optim.lbfgs`: up to maxIter iterations per call, with fixed steps of learningRate
 * or a line search (`config.lineSearch = lswolfe`). Config: `maxIter` (20), `maxEval` (maxIter × 1.25),
 * `tolFun` (1e-5, on the sum of |g|), `tolX` (1e-9), `nCorrection` (100), `lineSearch`,
 * `lineSearchOptions`, `learningRate` (1), `verbose` (false). State: `funcEval`, `nIter`, `d`, `t`,
 * `old_dirs`, `old_stps`, `Hdiag`, `g_old`, `f_old`.
 * @returns `[x, f values (the first before any step, the last at x)]`, and the evaluations of this call
 * @example
 * const [x, fs] = legacy.optim.lbfgs(feval, x0, { maxIter: 100, lineSearch: legacy.optim.lswolfe });
 */
export function lbfgs(opfunc: OpFunc, x: Tensor, config?: Table, state?: Table): [Tensor, number[], number] {
  const [c, s] = setup('lbfgs', opfunc, x, config, state, CONFIG, STATE);
  const maxIter = num('lbfgs', c, 'maxIter', 20);
  const maxEval = num('lbfgs', c, 'maxEval', maxIter * 1.25);
  const tolFun = num('lbfgs', c, 'tolFun', 1e-5);
  const tolX = num('lbfgs', c, 'tolX', 1e-9);
  const nCorrection = num('lbfgs', c, 'nCorrection', 100);
  const lr = num('lbfgs', c, 'learningRate', 1);
  const lineSearch = c.lineSearch as LineSearch | undefined;
  if (lineSearch !== undefined && typeof lineSearch !== 'function') throw new TorchTypeError('lbfgs: config.lineSearch must be a function like optim.lswolfe');
  const log = c.verbose ? (...a: unknown[]) => console.log('<optim.lbfgs>', ...a) : () => {};
  s.funcEval ??= 0;
  s.nIter ??= 0;

  let [f, g] = evaluate('lbfgs', opfunc, x);
  g = g.clone();
  const fHist = [f];
  let evals = 1;
  s.funcEval++;
  if (g.abs().sum().item() <= tolFun) {
    log('optimality condition below tolFun');
    return [x, fHist, evals];
  }
  let d: Tensor = s.d;
  let t: number = s.t;
  let dirs: Tensor[] = s.old_dirs;
  let stps: Tensor[] = s.old_stps;
  let hDiag: number = s.Hdiag;
  let gOld: Tensor | undefined = s.g_old;
  let fOld: number = s.f_old;
  let nIter = 0;
  while (nIter < maxIter) {
    nIter++;
    s.nIter++;
    if (s.nIter === 1) {
      d = g.neg();
      dirs = [];
      stps = [];
      hDiag = 1;
    } else {
      // Torch7's names: old_dirs holds the steps s, old_stps the gradient changes y.
      const y = g.sub(gOld!);
      const st = d.mul(t);
      const ys = y.dot(st).item();
      if (ys > 1e-10) {
        if (dirs.length === nCorrection) {
          dirs.shift();
          stps.shift();
        }
        dirs.push(st);
        stps.push(y);
        hDiag = ys / y.dot(y).item();
      }
      const k = dirs.length;
      const ro = dirs.map((si, i) => 1 / stps[i]!.dot(si).item());
      const al = new Array<number>(k);
      const q = g.neg();
      for (let i = k - 1; i >= 0; i--) {
        al[i] = dirs[i]!.dot(q).item() * ro[i]!;
        q.add_(stps[i]!, { alpha: -al[i]! });
      }
      d = q.mul_(hDiag);
      for (let i = 0; i < k; i++) {
        const be = stps[i]!.dot(d).item() * ro[i]!;
        d.add_(dirs[i]!, { alpha: al[i]! - be });
      }
    }
    gOld = gOld === undefined ? g.clone() : gOld.copy_(g);
    fOld = f;
    const gtd = g.dot(d).item();
    if (gtd > -tolX) break;
    t = s.nIter === 1 ? Math.min(1, 1 / g.abs().sum().item()) * lr : lr;
    let lsEvals = 0;
    if (lineSearch) {
      let gNew: Tensor;
      [f, gNew, , t, lsEvals] = lineSearch(opfunc, x, t, d, f, g, gtd, c.lineSearchOptions);
      g = gNew.clone();
      fHist.push(f);
    } else {
      x.add_(d, { alpha: t });
      if (nIter !== maxIter) {
        [f, g] = evaluate('lbfgs', opfunc, x);
        g = g.clone();
        lsEvals = 1;
        fHist.push(f);
      }
    }
    evals += lsEvals;
    s.funcEval += lsEvals;
    if (nIter === maxIter) { log('reached max number of iterations'); break; }
    if (evals >= maxEval) { log('max nb of function evals'); break; }
    if (g.abs().sum().item() <= tolFun) { log('optimality condition below tolFun'); break; }
    if (d.abs().sum().item() * Math.abs(t) <= tolX) { log('step size below tolX'); break; }
    if (Math.abs(f - fOld) < tolX) { log('function value changing less than tolX'); break; }
  }
  Object.assign(s, { old_dirs: dirs, old_stps: stps, Hdiag: hDiag, g_old: gOld, f_old: fOld, t, d });
  return [x, fHist, evals];
}
