// The Optimizer base (groups, state, zeroGrad, stateDict), argument errors, and convergence of every
// optimizer on the Rosenbrock function.
import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { Variable, noGrad } from '@torch/autograd';
import * as optim from '../src/index';
import { flatValues, makeProblem, readFixture, rosenbrock, t64, type Problem } from './helpers';

const { problem } = readFixture<{ problem: Problem }>('optimizers.json');
const leaf = (...shape: number[]) => new Variable(torch.randn(shape), { requiresGrad: true });
type Ctor = new (params: any, options?: any) => optim.Optimizer<any>;

describe('Rosenbrock: every optimizer converges to (1, 1)', () => {
  // Options tuned per optimizer (Rosenbrock's valley is badly conditioned); start at (-1.5, 2), where
  // the loss is 12.5. The last column bounds |x - 1| (negative: bounds the final loss instead).
  const configs: [string, Ctor, Record<string, unknown>, number, number][] = [
    ['SGD momentum', optim.SGD, { lr: 5e-4, momentum: 0.9 }, 6000, 1e-3],
    ['SGD nesterov', optim.SGD, { lr: 5e-4, momentum: 0.9, nesterov: true }, 6000, 1e-3],
    ['Adam', optim.Adam, { lr: 0.02 }, 4000, 1e-3],
    ['Adam amsgrad', optim.Adam, { lr: 0.02, amsgrad: true }, 4000, 1e-3],
    ['AdamW', optim.AdamW, { lr: 0.02, weightDecay: 0 }, 4000, 1e-3],
    ['Adamax', optim.Adamax, { lr: 0.02 }, 6000, 1e-3],
    ['Adagrad', optim.Adagrad, { lr: 1 }, 15000, 1e-3],
    // Adadelta crawls along the valley (its step is tied to the previous steps' size), in PyTorch too:
    // only its loss is checked, below 2% of the start.
    ['Adadelta', optim.Adadelta, { lr: 1, rho: 0.999, eps: 1e-2 }, 4000, -0.25],
    ['ASGD', optim.ASGD, { lr: 5e-4, lambd: 0, alpha: 0 }, 20000, 1e-2],
    ['RMSprop', optim.RMSprop, { lr: 1e-3 }, 6000, 1e-2],
    ['RMSprop centered momentum', optim.RMSprop, { lr: 2e-4, centered: true, momentum: 0.9 }, 6000, 1e-3],
    ['Rprop', optim.Rprop, { lr: 1e-3 }, 5000, 1e-3],
  ];
  for (const [name, Opt, options, steps, tol] of configs)
    it(name, () => {
      const xy = new Variable(t64([-1.5, 2]), { requiresGrad: true });
      const opt = new Opt([xy], options);
      for (let i = 0; i < steps; i++) {
        opt.zeroGrad();
        rosenbrock(xy).backward();
        opt.step();
      }
      const [x, y] = xy.data.tolist() as number[];
      if (tol < 0) return expect(rosenbrock(xy).item()).toBeLessThan(-tol);
      expect(Math.abs(x! - 1), `${name} x = ${x}`).toBeLessThan(tol);
      expect(Math.abs(y! - 1), `${name} y = ${y}`).toBeLessThan(2 * tol);
    });

  for (const lineSearchFn of [null, 'strongWolfe'] as const)
    it(`LBFGS (lineSearchFn ${lineSearchFn})`, () => {
      const xy = new Variable(t64([-1.5, 2]), { requiresGrad: true });
      const opt = new optim.LBFGS([xy], { lineSearchFn, lr: lineSearchFn ? 1 : 0.1, maxIter: 100, historySize: 10, toleranceGrad: 1e-12, toleranceChange: 1e-14 });
      const closure = () => {
        opt.zeroGrad();
        const l = rosenbrock(xy);
        l.backward();
        return l;
      };
      for (let i = 0; i < (lineSearchFn ? 2 : 30); i++) opt.step(closure);
      const [x, y] = xy.data.tolist() as number[];
      // Fixed steps of 0.1 approach slowly; the line search lands on the minimum.
      const tol = lineSearchFn ? 1e-7 : 2e-3;
      expect(Math.abs(x! - 1)).toBeLessThan(tol);
      expect(Math.abs(y! - 1)).toBeLessThan(tol);
    });
});

describe('stateDict round trip resumes the same trajectory', () => {
  const configs: [string, Ctor, Record<string, unknown>][] = [
    ['SGD', optim.SGD, { lr: 0.05, momentum: 0.9, nesterov: true }],
    ['Adam', optim.Adam, { lr: 0.05, amsgrad: true }],
    ['AdamW', optim.AdamW, { lr: 0.05 }],
    ['Adamax', optim.Adamax, { lr: 0.05 }],
    ['Adagrad', optim.Adagrad, { lr: 0.1, lrDecay: 0.01 }],
    ['Adadelta', optim.Adadelta, {}],
    ['ASGD', optim.ASGD, { lr: 0.1, t0: 5 }],
    ['RMSprop', optim.RMSprop, { lr: 0.01, centered: true, momentum: 0.5 }],
    ['Rprop', optim.Rprop, {}],
    ['LBFGS', optim.LBFGS, { maxIter: 3, lineSearchFn: 'strongWolfe', historySize: 4 }],
  ];
  for (const [name, Opt, options] of configs)
    it(name, () => {
      const run = (opt: optim.Optimizer<any>, objective: () => Variable, n: number) => {
        for (let i = 0; i < n; i++)
          opt.step(() => {
            opt.zeroGrad();
            const l = objective();
            l.backward();
            return l;
          });
      };
      const a = makeProblem(problem);
      const optA = new Opt(a.params, options);
      run(optA, a.objective, 10);
      const saved = optA.stateDict();
      expect(saved.paramGroups[0]!.params).toEqual([0, 1]);
      // A fresh copy of the model and optimizer, resumed from the checkpoint.
      const b = makeProblem(problem);
      noGrad(() => b.params.forEach((p, i) => p.data.copy_(a.params[i]!.data)));
      const optB = new Opt(b.params, name === 'SGD' ? { lr: 1 } : {});
      optB.loadStateDict(saved);
      run(optA, a.objective, 10);
      run(optB, b.objective, 10);
      expect(flatValues(b.params)).toEqual(flatValues(a.params));
      expect(optB.paramGroups[0]!.lr).toBe(optA.paramGroups[0]!.lr);
    });

  it('loaded tensors are copies cast to the parameter dtype', () => {
    const p = leaf(3);
    const opt = new optim.Adam([p]);
    p.grad = torch.ones(3);
    opt.step();
    const sd = opt.stateDict();
    const q = new Variable(torch.zeros(3, { dtype: torch.float64 }), { requiresGrad: true });
    const opt2 = new optim.Adam([q]);
    opt2.loadStateDict(sd);
    const st = opt2.state.get(q)!;
    expect(st.expAvg.dtype).toBe(torch.float64);
    expect(st.step).toBe(1);
    st.expAvg.fill_(7);
    expect(opt.state.get(p)!.expAvg.tolist()).not.toEqual([7, 7, 7]);
  });

  it('loadStateDict checks group and parameter counts', () => {
    const opt = new optim.SGD([leaf(2), leaf(3)], { lr: 0.1 });
    const one = new optim.SGD([leaf(2)], { lr: 0.1 }).stateDict();
    expect(() => opt.loadStateDict(one)).toThrow(/parameter group 0 of the loaded state dict has 1 parameters but the optimizer's has 2/);
    const two = new optim.SGD([{ params: [leaf(2)] }, { params: [leaf(3)] }], { lr: 0.1 }).stateDict();
    expect(() => opt.loadStateDict(two)).toThrow(/loaded state dict has 2 parameter groups but the optimizer has 1/);
    expect(() => opt.loadStateDict({} as any)).toThrow(/expected \{ state, paramGroups \}/);
  });
});

describe('Optimizer base', () => {
  it('params may be a generator, an array of Variables, or parameter groups with their own options', () => {
    const [a, b, c] = [leaf(2), leaf(2), leaf(2)];
    function* gen() {
      yield a;
      yield b;
    }
    expect(new optim.SGD(gen(), { lr: 1 }).paramGroups[0]!.params).toEqual([a, b]);
    const opt = new optim.SGD([{ params: [a, b] }, { params: c, lr: 0.01, momentum: 0.9 }], { lr: 0.1, weightDecay: 1e-4 });
    expect(opt.paramGroups.map((g) => [g.lr, g.momentum, g.weightDecay, g.params.length])).toEqual([[0.1, 0, 1e-4, 2], [0.01, 0.9, 1e-4, 1]]);
  });

  it('groups update with their own lr; parameters without a gradient are skipped', () => {
    const [a, b, c] = [leaf(2), leaf(2), leaf(2)];
    const before = [a, b, c].map((v) => v.data.clone());
    const opt = new optim.SGD([{ params: [a] }, { params: [b, c], lr: 0.5 }], { lr: 0.1 });
    a.grad = torch.ones(2);
    b.grad = torch.ones(2);
    opt.step();
    expect(a.data.sub(before[0]!).tolist()).toEqual(before[0]!.sub(0.1).sub(before[0]!).tolist());
    expect(b.data.sub(before[1]!).tolist()).toEqual([-0.5, -0.5]);
    expect(c.data.equal(before[2]!)).toBe(true);
  });

  it('addParamGroup fills in defaults and refuses parameters already optimized', () => {
    const [a, b] = [leaf(2), leaf(2)];
    const opt = new optim.Adam([a], { lr: 0.01 });
    opt.addParamGroup({ params: [b], betas: [0.5, 0.6] });
    expect(opt.paramGroups[1]).toMatchObject({ lr: 0.01, betas: [0.5, 0.6], eps: 1e-8, amsgrad: false });
    expect(() => opt.addParamGroup({ params: [a] })).toThrow(/Adam: some parameters appear in more than one parameter group/);
    expect(() => opt.addParamGroup({ params: [leaf(1)], weight_decay: 0 } as any)).toThrow(/Adam: unknown parameter group option 'weight_decay'; did you mean 'weightDecay'\?/);
  });

  it('zeroGrad zeroes owned gradients in place, replaces shared ones, or sets them to null', () => {
    const p = leaf(3);
    const opt = new optim.SGD([p], { lr: 0.1 });
    p.mul(2).sum().backward();
    const g = p.grad!;
    opt.zeroGrad();
    expect(p.grad).toBe(g);
    expect(g.data.tolist()).toEqual([0, 0, 0]);
    const mine = torch.ones(3);
    p.grad = mine;
    opt.zeroGrad();
    expect(mine.tolist()).toEqual([1, 1, 1]);
    expect(p.grad!.data.tolist()).toEqual([0, 0, 0]);
    opt.zeroGrad({ setToNone: true });
    expect(p.grad).toBe(null);
    expect(() => opt.zeroGrad({ set_to_none: true } as any)).toThrow(/did you mean 'setToNone'/);
  });

  it('step returns the closure result and runs it with grad enabled inside noGrad', () => {
    const p = leaf(2);
    const opt = new optim.SGD([p], { lr: 0.1 });
    const r = noGrad(() =>
      opt.step(() => {
        const l = p.pow(2).sum();
        expect(l.requiresGrad).toBe(true);
        l.backward();
        return l;
      }),
    );
    expect(r).toBeInstanceOf(Variable);
    expect(opt.step()).toBe(undefined);
    expect(() => opt.step(42 as any)).toThrow(/SGD.step: closure must be a function/);
  });

  it('weight decay and maximize leave .grad untouched (they work in a reused buffer)', () => {
    for (const Opt of [optim.SGD, optim.Adam, optim.Adagrad, optim.RMSprop, optim.Adadelta, optim.Adamax, optim.ASGD] as Ctor[]) {
      const p = new Variable(torch.tensor([1.5, -2, 3]), { requiresGrad: true });
      const q = new Variable(torch.tensor([1.5, -2, 3]), { requiresGrad: true });
      const a = new Opt([p], { lr: 0.1, weightDecay: 0.5, maximize: true });
      const b = new Opt([q], { lr: 0.1, weightDecay: 0.5 });
      for (let i = 0; i < 3; i++) {
        p.grad = torch.tensor([0.5, 0.25, -1]);
        q.grad = torch.tensor([-0.5, -0.25, 1]);
        a.step();
        b.step();
        expect(p.grad!.data.tolist()).toEqual([0.5, 0.25, -1]);
      }
      // Maximizing f is minimizing -f.
      expect(p.data.tolist()).toEqual(q.data.tolist());
    }
  });

  it('updates float32 parameters in place (same tensor, no new storage)', () => {
    const p = leaf(4);
    const data = p.data;
    const opt = new optim.Adam([p], { lr: 0.1 });
    p.grad = torch.ones(4);
    opt.step();
    expect(p.data).toBe(data);
    expect(opt.state.get(p)!.expAvg.dtype).toBe(torch.float32);
  });
});

describe('argument errors', () => {
  const p = () => [leaf(2)];
  it('unknown options name the optimizer, with a did-you-mean for snake_case', () => {
    expect(() => new optim.SGD(p(), { lr: 0.1, weight_decay: 1e-4 } as any)).toThrow(/SGD: unknown option 'weight_decay'; did you mean 'weightDecay'\?/);
    expect(() => new optim.Adagrad(p(), { lr_decay: 1 } as any)).toThrow(/Adagrad: unknown option 'lr_decay'; did you mean 'lrDecay'\?/);
    expect(() => new optim.LBFGS(p(), { line_search_fn: 'strongWolfe' } as any)).toThrow(/did you mean 'lineSearchFn'/);
    expect(() => new optim.Adam(p(), { foo: 1 } as any)).toThrow(/Adam: unknown option 'foo'; valid options are 'lr', 'betas'/);
    expect(() => new optim.Adam(p(), { foo: 1 } as any)).toThrow(torch.TorchTypeError);
  });
  it('invalid values throw as in PyTorch', () => {
    expect(() => new optim.SGD(p(), {})).toThrow(/SGD: lr is required/);
    expect(() => new optim.SGD(p(), { lr: -1 })).toThrow(/SGD: Invalid learning rate: -1/);
    expect(() => new optim.SGD(p(), { lr: 0.1, momentum: -0.5 })).toThrow(/Invalid momentum value: -0.5/);
    expect(() => new optim.SGD(p(), { lr: 0.1, nesterov: true })).toThrow(/Nesterov momentum requires a momentum and zero dampening/);
    expect(() => new optim.SGD(p(), { lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true })).toThrow(/Nesterov/);
    expect(() => new optim.SGD(p(), { lr: '0.1' as any })).toThrow(/SGD: lr must be a finite number, got '0.1'/);
    expect(() => new optim.Adam(p(), { betas: [1, 0.999] })).toThrow(/Invalid beta parameter at index 0: 1/);
    expect(() => new optim.AdamW(p(), { betas: [0.9, -1] })).toThrow(/AdamW: Invalid beta parameter at index 1: -1/);
    expect(() => new optim.Adam(p(), { betas: 0.9 as any })).toThrow(/betas must be a pair of numbers/);
    expect(() => new optim.Adam(p(), { eps: -1 })).toThrow(/Invalid epsilon value: -1/);
    expect(() => new optim.Adamax(p(), { weightDecay: -1 })).toThrow(/Adamax: Invalid weight_decay value: -1/);
    expect(() => new optim.Adagrad(p(), { lrDecay: -1 })).toThrow(/Invalid lr_decay value: -1/);
    expect(() => new optim.Adagrad(p(), { initialAccumulatorValue: -1 })).toThrow(/Invalid initial_accumulator_value value: -1/);
    expect(() => new optim.Adadelta(p(), { rho: 1.5 })).toThrow(/Invalid rho value: 1.5/);
    expect(() => new optim.RMSprop(p(), { alpha: -1 })).toThrow(/Invalid alpha value: -1/);
    expect(() => new optim.Rprop(p(), { etas: [1.5, 1.2] })).toThrow(/Invalid eta values: 1.5, 1.2/);
    expect(() => new optim.LBFGS(p(), { lineSearchFn: 'armijo' as any })).toThrow(/only 'strongWolfe' is supported/);
    expect(() => new optim.LBFGS([{ params: p() }, { params: p() }])).toThrow(/doesn't support per-parameter options/);
    expect(() => new optim.LBFGS(p()).addParamGroup({ params: p() })).toThrow(/doesn't support per-parameter options/);
    expect(() => new optim.SGD([{ params: p(), lr: -1 }], { lr: 0.1 })).toThrow(/Invalid learning rate: -1/);
  });
  it('bad parameter lists', () => {
    expect(() => new optim.SGD([], { lr: 0.1 })).toThrow(/SGD: got an empty parameter list/);
    expect(() => new optim.SGD(leaf(2) as any, { lr: 0.1 })).toThrow(/SGD: params must be an iterable of Variables or of parameter groups, got Variable/);
    expect(() => new optim.SGD([torch.zeros(2)] as any, { lr: 0.1 })).toThrow(/a parameter group must be an object with a 'params' key, got Tensor/);
    expect(() => new optim.SGD([{ params: [torch.zeros(2)] }] as any, { lr: 0.1 })).toThrow(/SGD: can only optimize Variables, got Tensor/);
    const x = leaf(2);
    expect(() => new optim.SGD([x.mul(2)], { lr: 0.1 })).toThrow(/can't optimize a non-leaf Variable \(it comes from MulBackward\)/);
    expect(() => new optim.SGD([x, x], { lr: 0.1 })).toThrow(/contains the same parameter twice/);
    expect(() => new optim.SGD([x], 0.1 as any)).toThrow(/SGD: options must be an object, got number/);
    expect(() => new optim.LBFGS([x]).step()).toThrow(/LBFGS.step: requires a closure/);
  });
});
