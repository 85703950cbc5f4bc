/** L-BFGS with a fixed step or a strong-Wolfe line search, over all parameters as one flat vector. */
import { cat, zeros, type Tensor } from '@torch/core';
import type { Variable } from '@torch/autograd';
import { Optimizer, type Closure, type Params } from './optimizer';
import { checkNumber, checkRange, describe } from './options';
import { strongWolfe } from './line-search';
import { TorchTypeError } from '@torch/core';

/** LBFGS's options. */
export interface LBFGSOptions {
  /** Step size (scales the first step, and the line search's first trial). Default 1. */
  lr: number;
  /** Iterations per `step` call. Default 20. */
  maxIter: number;
  /** Function evaluations per `step` call. Default maxIter * 5 / 4 (rounded down). */
  maxEval: number | null;
  /** Stop when the largest gradient component is at most this. Default 1e-7. */
  toleranceGrad: number;
  /** Stop when the loss or the step changes less than this. Default 1e-9. */
  toleranceChange: number;
  /** How many correction pairs approximate the inverse Hessian. Default 100. */
  historySize: number;
  /** 'strongWolfe' for a line search, null for fixed steps. Default null. */
  lineSearchFn: 'strongWolfe' | null;
}

/**
 * LBFGS's state (`opt.state.get(params[0])`, kept on the first parameter as PyTorch does): the counters,
 * and from the end of each step the search direction, step length, curvature history and last loss.
 */
export type LBFGSState = {
  funcEvals: number; nIter: number; d?: Tensor; t?: number; oldDirs?: Tensor[]; oldStps?: Tensor[]; ro?: number[]; hDiag?: number;
  prevFlatGrad?: Tensor; prevLoss?: number; al?: number[];
};
/**
 * L-BFGS (Nocedal's two-loop recursion). Needs a closure that re-evaluates the loss and gradients;
 * one `step` runs up to `maxIter` iterations. Accepts one parameter group only; its state lives under
 * the first parameter (`funcEvals`, `nIter`, `d`, `t`, `oldDirs`, `oldStps`, `ro`, `hDiag`,
 * `prevFlatGrad`, `prevLoss`, `al`).
 * @example
 * const opt = new optim.LBFGS([x], { lineSearchFn: 'strongWolfe' });
 * const closure = () => { opt.zeroGrad(); const loss = f(x); loss.backward(); return loss; };
 * for (let i = 0; i < 10; i++) opt.step(closure);
 */
export class LBFGS extends Optimizer<LBFGSOptions, LBFGSState> {
  private readonly _params: Variable[];

  constructor(params: Params<LBFGSOptions>, options?: Partial<LBFGSOptions>) {
    super('LBFGS', params, { lr: 1, maxIter: 20, maxEval: null, toleranceGrad: 1e-7, toleranceChange: 1e-9, historySize: 100, lineSearchFn: null }, options);
    if (this.paramGroups.length !== 1) throw new RangeError("LBFGS: doesn't support per-parameter options (parameter groups)");
    this._params = this.paramGroups[0]!.params;
  }

  /**
   * LBFGS keeps one group: adding another throws (as its constructor does for several).
   * @example opt.addParamGroup({ params: [w2] }) // throws
   */
  override addParamGroup(group: Parameters<Optimizer<LBFGSOptions>['addParamGroup']>[0]): void {
    if (this.paramGroups.length > 0) throw new RangeError("LBFGS: doesn't support per-parameter options (parameter groups)");
    super.addParamGroup(group);
  }

  protected _validate(g: LBFGSOptions): void {
    for (const k of ['lr', 'toleranceGrad', 'toleranceChange'] as const) checkNumber('LBFGS', k, g[k]);
    checkNumber('LBFGS', 'maxIter', g.maxIter);
    checkNumber('LBFGS', 'historySize', g.historySize);
    if (g.maxEval !== null) checkNumber('LBFGS', 'maxEval', g.maxEval);
    checkRange('LBFGS', g.lr >= 0, `Invalid learning rate: ${g.lr}`);
    checkRange('LBFGS', Number.isInteger(g.maxIter) && g.maxIter > 0, `maxIter must be a positive integer, got ${g.maxIter}`);
    checkRange('LBFGS', Number.isInteger(g.historySize) && g.historySize > 0, `historySize must be a positive integer, got ${g.historySize}`);
    if (g.lineSearchFn !== null && g.lineSearchFn !== 'strongWolfe')
      throw new TorchTypeError(`LBFGS: only 'strongWolfe' is supported as lineSearchFn (or null), got ${describe(g.lineSearchFn)}`);
  }

  /** All gradients as one flat vector (zeros for parameters without a gradient). */
  private _flatGrad(): Tensor {
    return cat(this._params.map((p) => (p.grad === null ? zeros([p.numel()], { dtype: p.data.dtype }) : p.grad.data.reshape(-1))), 0);
  }

  /** p += t * (p's slice of d), for every parameter. */
  private _addGrad(t: number, d: Tensor): void {
    let offset = 0;
    for (const p of this._params) {
      const n = p.numel();
      p.data.add_(d.narrow(0, offset, n).view(p.data.shape), { alpha: t });
      offset += n;
    }
  }

  private _lossOf(closure: Closure): number {
    const l = this._evaluate(closure)!;
    return typeof l === 'number' ? l : l.item();
  }

  /**
   * Runs up to maxIter iterations; the closure must zero the gradients, compute the loss, call
   * backward and return the loss. Returns the closure's first result.
   * @example opt.step(() => { opt.zeroGrad(); const l = loss(); l.backward(); return l; });
   */
  step(closure?: Closure) {
    if (typeof closure !== 'function') throw new TorchTypeError('LBFGS.step: requires a closure that re-evaluates the model and returns the loss');
    const group = this.paramGroups[0]!;
    const { lr, maxIter, toleranceGrad, toleranceChange, historySize, lineSearchFn } = group;
    const maxEval = group.maxEval ?? Math.floor((maxIter * 5) / 4);
    const state = this._stateOf(this._params[0]!, () => ({ funcEvals: 0, nIter: 0 }));

    const origLoss = this._evaluate(closure)!;
    let loss = typeof origLoss === 'number' ? origLoss : origLoss.item();
    let currentEvals = 1;
    state.funcEvals += 1;
    let flatGrad = this._flatGrad();
    if (flatGrad.abs().max().item() <= toleranceGrad) return origLoss;

    // The previous step's values: absent before the first iteration ever, which (nIter === 1) sets them before any read.
    let d: Tensor = state.d!;
    let t: number = state.t!;
    let oldDirs: Tensor[] = state.oldDirs!;
    let oldStps: Tensor[] = state.oldStps!;
    let ro: number[] = state.ro!;
    let hDiag: number = state.hDiag!;
    let prevFlatGrad: Tensor | undefined = state.prevFlatGrad;
    let prevLoss: number = state.prevLoss!;

    let nIter = 0;
    while (nIter < maxIter) {
      nIter++;
      state.nIter++;
      if (state.nIter === 1) {
        d = flatGrad.neg();
        oldDirs = [];
        oldStps = [];
        ro = [];
        hDiag = 1;
      } else {
        // Update the curvature pairs with the last step, skipping ones that would break positivity.
        const y = flatGrad.sub(prevFlatGrad!);
        const s = d.mul(t);
        const ys = y.dot(s).item();
        if (ys > 1e-10) {
          if (oldDirs.length === historySize) {
            oldDirs.shift();
            oldStps.shift();
            ro.shift();
          }
          oldDirs.push(y);
          oldStps.push(s);
          ro.push(1 / ys);
          hDiag = ys / y.dot(y).item();
        }
        // Two-loop recursion: d = -H g.
        const al: number[] = (state.al ??= new Array(historySize).fill(null));
        const q = flatGrad.neg();
        for (let i = oldDirs.length - 1; i >= 0; i--) {
          al[i] = oldStps[i]!.dot(q).item() * ro[i]!;
          q.add_(oldDirs[i]!, { alpha: -al[i]! });
        }
        d = q.mul_(hDiag);
        for (let i = 0; i < oldDirs.length; i++) {
          const be = oldDirs[i]!.dot(d).item() * ro[i]!;
          d.add_(oldStps[i]!, { alpha: al[i]! - be });
        }
      }
      if (prevFlatGrad === undefined) prevFlatGrad = flatGrad.clone();
      else prevFlatGrad.copy_(flatGrad);
      prevLoss = loss;

      t = state.nIter === 1 ? Math.min(1, 1 / flatGrad.abs().sum().item()) * lr : lr;
      const gtd = flatGrad.dot(d).item();
      if (gtd > -toleranceChange) break;

      let lsEvals = 0;
      let optimal = false;
      if (lineSearchFn !== null) {
        const xInit = this._params.map((p) => p.data.clone());
        const dir = d;
        const objective = (step: number): [number, Tensor] => {
          this._addGrad(step, dir);
          const f = this._lossOf(closure);
          const g = this._flatGrad();
          this._params.forEach((p, i) => p.data.copy_(xInit[i]!));
          return [f, g];
        };
        const r = strongWolfe(objective, t, d, loss, flatGrad, gtd);
        loss = r.f;
        flatGrad = r.g;
        t = r.t;
        lsEvals = r.evals;
        this._addGrad(t, d);
        optimal = flatGrad.abs().max().item() <= toleranceGrad;
      } else {
        this._addGrad(t, d);
        if (nIter !== maxIter) {
          loss = this._lossOf(closure);
          flatGrad = this._flatGrad();
          optimal = flatGrad.abs().max().item() <= toleranceGrad;
          lsEvals = 1;
        }
      }
      currentEvals += lsEvals;
      state.funcEvals += lsEvals;

      if (nIter === maxIter || currentEvals >= maxEval || optimal) break;
      if (d.abs().max().item() * Math.abs(t) <= toleranceChange) break;
      if (Math.abs(loss - prevLoss) < toleranceChange) break;
    }
    Object.assign(state, { d, t, oldDirs, oldStps, ro, hDiag, prevFlatGrad, prevLoss });
    return origLoss;
  }
}
