// Each Torch7 optim function and its @torch/optim counterpart follow the same trajectory step by step,
// on the Rosenbrock function and on a small logistic regression (PyTorch's test_optim discipline).
import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { Variable } from '@torch/autograd';
import * as optim from '@torch/optim';
import * as legacy from '../src/index';

const f64 = { dtype: torch.float64 };
type Objective = (x: Variable) => Variable;

const rosenbrock: Objective = (xy) => {
  const x = xy.get(0);
  const y = xy.get(1);
  return x.neg().add(1).pow(2).add(y.sub(x.pow(2)).pow(2).mul(100));
};

// Logistic regression on 32 fixed points in 3-D: x = [w (3), b (1)].
torch.manualSeed(3);
const X = new Variable(torch.randn([32, 3], f64));
const labels = new Variable(X.data.matmul(torch.tensor([1.5, -2, 0.5], f64)).add(torch.randn([32], f64).mul(0.5)).gt(0).double());
const logistic: Objective = (x) => {
  const p = X.matmul(x.narrow(0, 0, 3)).add(x.get(3)).sigmoid();
  return labels.mul(p.log()).add(labels.neg().add(1).mul(p.neg().add(1).log())).mean().neg();
};
const problems: [string, Objective, number[]][] = [
  ['Rosenbrock', rosenbrock, [-1.5, 2]],
  ['logistic regression', logistic, [0.1, -0.2, 0.3, 0]],
];

/** Torch7's opfunc for an objective of a flat parameter vector. */
const opfuncOf = (objective: Objective): legacy.OpFunc => (x) => {
  const v = new Variable(x, { requiresGrad: true });
  const loss = objective(v);
  loss.backward();
  return [loss.item(), v.grad!.data];
};

interface Pair {
  name: string;
  legacy: (opfunc: legacy.OpFunc, x: torch.Tensor, config: legacy.Table, state: legacy.Table) => [torch.Tensor, number[], ...unknown[]];
  config: legacy.Table;
  make: (p: Variable) => optim.Optimizer<any>;
  steps?: number;
  closure?: boolean;
  /** Maps the new optimizer's parameter to the legacy iterate (nag's change of variable). */
  view?: (p: Variable, opt: optim.Optimizer<any>) => torch.Tensor;
  tol?: number;
  extra?: (state: legacy.Table, opt: optim.Optimizer<any>, p: Variable) => void;
}

const pairs: Pair[] = [
  { name: 'sgd', legacy: legacy.sgd, config: { learningRate: 1e-3 }, make: (p) => new optim.SGD([p], { lr: 1e-3 }) },
  {
    name: 'sgd momentum, dampening, weight decay', legacy: legacy.sgd,
    config: { learningRate: 1e-3, momentum: 0.9, dampening: 0.3, weightDecay: 0.01 },
    make: (p) => new optim.SGD([p], { lr: 1e-3, momentum: 0.9, dampening: 0.3, weightDecay: 0.01 }),
  },
  {
    name: 'sgd nesterov', legacy: legacy.sgd, config: { learningRate: 1e-3, momentum: 0.9, dampening: 0, nesterov: true },
    make: (p) => new optim.SGD([p], { lr: 1e-3, momentum: 0.9, nesterov: true }),
  },
  {
    // learningRateDecay is a LambdaLR stepped after every step in the new optim.
    name: 'sgd learningRateDecay', legacy: legacy.sgd, config: { learningRate: 2e-3, learningRateDecay: 0.01 },
    make: (p) => {
      const opt = new optim.SGD([p], { lr: 2e-3 });
      const sched = new optim.lrScheduler.LambdaLR(opt, (e) => 1 / (1 + e * 0.01));
      const step = opt.step.bind(opt);
      opt.step = (c) => {
        const r = step(c);
        sched.step();
        return r;
      };
      return opt;
    },
  },
  {
    // Torch7's nag keeps x behind PyTorch's Nesterov parameter by the momentum step: x = p + lr m buf.
    name: 'nag', legacy: legacy.nag, config: { learningRate: 1e-3, momentum: 0.9 },
    make: (p) => new optim.SGD([p], { lr: 1e-3, momentum: 0.9, nesterov: true }),
    view: (p, opt) => {
      const buf = opt.state.get(p)?.momentumBuffer as torch.Tensor | undefined;
      return buf ? p.data.add(buf, { alpha: 1e-3 * 0.9 }) : p.data;
    },
  },
  {
    name: 'adagrad', legacy: legacy.adagrad, config: { learningRate: 0.05, learningRateDecay: 0.01, weightDecay: 0.01 },
    make: (p) => new optim.Adagrad([p], { lr: 0.05, lrDecay: 0.01, weightDecay: 0.01 }),
  },
  {
    name: 'adadelta', legacy: legacy.adadelta, config: { rho: 0.95, eps: 1e-5, weightDecay: 0.01 },
    make: (p) => new optim.Adadelta([p], { rho: 0.95, eps: 1e-5, weightDecay: 0.01 }),
  },
  {
    // Torch7 adds epsilon before the bias correction, PyTorch after: equal up to O(epsilon).
    name: 'adam', legacy: legacy.adam, config: { learningRate: 0.01, beta1: 0.8, beta2: 0.99, weightDecay: 0.01 },
    make: (p) => new optim.Adam([p], { lr: 0.01, betas: [0.8, 0.99], weightDecay: 0.01 }), tol: 1e-6,
  },
  {
    name: 'adam without epsilon', legacy: legacy.adam, config: { learningRate: 0.01, epsilon: 0 },
    make: (p) => new optim.Adam([p], { lr: 0.01, eps: 0 }),
  },
  {
    name: 'adamax', legacy: legacy.adamax, config: { learningRate: 0.01, beta1: 0.8, beta2: 0.99, epsilon: 1e-8, weightDecay: 0.01 },
    make: (p) => new optim.Adamax([p], { lr: 0.01, betas: [0.8, 0.99], eps: 1e-8, weightDecay: 0.01 }),
  },
  {
    name: 'asgd', legacy: legacy.asgd, config: { eta0: 1e-3, lambda: 1e-3, alpha: 0.6, t0: 20 },
    make: (p) => new optim.ASGD([p], { lr: 1e-3, lambd: 1e-3, alpha: 0.6, t0: 20 }),
    extra: (state, opt, p) => expectClose(state.ax as torch.Tensor, opt.state.get(p)!.ax as torch.Tensor, 1e-12, 'asgd averages'),
  },
  {
    name: 'rmsprop', legacy: legacy.rmsprop, config: { learningRate: 1e-3, alpha: 0.9, epsilon: 1e-6, weightDecay: 0.01 },
    make: (p) => new optim.RMSprop([p], { lr: 1e-3, alpha: 0.9, eps: 1e-6, weightDecay: 0.01 }),
  },
  {
    name: 'rprop', legacy: legacy.rprop, config: { stepsize: 0.01, etaplus: 1.3, etaminus: 0.4, stepsizemax: 0.5, stepsizemin: 1e-5 },
    make: (p) => new optim.Rprop([p], { lr: 0.01, etas: [0.4, 1.3], stepSizes: [1e-5, 0.5] }),
  },
  {
    name: 'lbfgs (fixed steps)', legacy: legacy.lbfgs, closure: true, steps: 8, tol: 1e-10,
    config: { maxIter: 6, maxEval: 8, learningRate: 0.02, nCorrection: 4, tolFun: 1e-30, tolX: 1e-30 },
    make: (p) => new optim.LBFGS([p], { maxIter: 6, maxEval: 8, lr: 0.02, historySize: 4, toleranceGrad: 1e-30, toleranceChange: 1e-30 }),
  },
];

function expectClose(a: torch.Tensor, b: torch.Tensor, tol: number, what: string) {
  const x = a.reshape(-1).tolist() as number[];
  const y = b.reshape(-1).tolist() as number[];
  x.forEach((v, i) => {
    if (!(Math.abs(v - y[i]!) <= tol * (1 + Math.abs(y[i]!)))) expect.fail(`${what}[${i}]: ${v} vs ${y[i]} (diff ${Math.abs(v - y[i]!)})`);
  });
}

for (const [problemName, objective, start] of problems)
  describe(`legacy optim and new optim take the same steps: ${problemName}`, () => {
    for (const pair of pairs)
      it(pair.name, () => {
        const x = torch.tensor(start, f64);
        const p = new Variable(torch.tensor(start, f64), { requiresGrad: true });
        const opt = pair.make(p);
        const state: legacy.Table = {};
        const opfunc = opfuncOf(objective);
        const tol = pair.tol ?? 1e-12;
        const f0 = objective(new Variable(x)).item();
        for (let i = 0; i < (pair.steps ?? 60); i++) {
          const [xr, fs] = pair.legacy(opfunc, x, { ...pair.config }, state);
          expect(xr).toBe(x);
          const loss = opt.step(() => {
            opt.zeroGrad();
            const l = objective(p);
            l.backward();
            return l;
          }) as Variable;
          expectClose(torch.tensor([fs[0]!], f64), torch.tensor([loss.item()], f64), tol, `${pair.name} f before step ${i}`);
          expectClose(x, pair.view ? pair.view(p, opt) : p.data, tol, `${pair.name} step ${i}`);
          pair.extra?.(state, opt, p);
        }
        // And both made progress.
        expect(objective(new Variable(x)).item()).toBeLessThan(f0);
      });
  });
