// Learning rate schedules epoch by epoch against PyTorch 1.13 (tools/gen_fixtures_optim.py), plus errors.
import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { Variable } from '@torch/autograd';
import * as optim from '../src/index';
import { expectClose, readFixture } from './helpers';

const { lrScheduler } = optim;

interface Case {
  name: string; optimizer: 'SGD' | 'Adam'; options: Record<string, unknown>; groups?: number[]; scheduler: string;
  args: unknown[]; schedOptions: Record<string, unknown>; metrics?: number[]; lrs: number[][]; momenta: number[][];
}
const cases = readFixture<Case[]>('schedulers.json');
const lambdas: Record<string, (epoch: number) => number> = { lambda: (epoch) => 0.95 ** epoch };

function makeOptimizer(c: Pick<Case, 'optimizer' | 'options' | 'groups'>) {
  const ps = [new Variable(torch.zeros(2), { requiresGrad: true }), new Variable(torch.zeros(3), { requiresGrad: true })];
  const params = c.groups ? c.groups.map((lr, i) => ({ params: [ps[i]!], lr })) : ps;
  return c.optimizer === 'SGD' ? new optim.SGD(params, c.options) : new optim.Adam(params, c.options);
}

describe('lr schedulers follow PyTorch epoch by epoch', () => {
  for (const c of cases)
    it(c.name, () => {
      const opt = makeOptimizer(c);
      const S = (lrScheduler as Record<string, any>)[c.scheduler];
      const sched = c.scheduler === 'LambdaLR' ? new S(opt, lambdas[c.name]) : new S(opt, ...c.args, c.schedOptions);
      c.lrs.forEach((expected, epoch) => {
        const groups = opt.paramGroups as Record<string, any>[];
        expectClose(groups.map((g) => g.lr), expected, 1e-15, 1e-13, `${c.name} lr at epoch ${epoch}`);
        expectClose(groups.map((g) => (g.betas ? g.betas[0] : g.momentum)), c.momenta[epoch]!, 1e-15, 1e-13, `${c.name} momentum at epoch ${epoch}`);
        opt.step();
        if (c.metrics) sched.step(c.metrics[epoch]);
        else sched.step();
      });
    });

  it('getLastLr gives the lrs the last step set', () => {
    const opt = makeOptimizer({ optimizer: 'SGD', options: {}, groups: [1, 1] });
    const s = new lrScheduler.StepLR(opt, 2, { gamma: 0.5 });
    expect(s.getLastLr()).toEqual([1, 1]);
    s.step();
    s.step();
    expect(s.getLastLr()).toEqual([0.5, 0.5]);
    expect(s.lastEpoch).toBe(2);
  });

  it('a scheduler resumed from its stateDict continues the same schedule', () => {
    const a = makeOptimizer({ optimizer: 'SGD', options: { lr: 0.1 } });
    const sa = new lrScheduler.CosineAnnealingLR(a, 10, { etaMin: 0.01 });
    for (let i = 0; i < 4; i++) sa.step();
    const b = makeOptimizer({ optimizer: 'SGD', options: { lr: 0.1 } });
    b.loadStateDict(a.stateDict());
    const sb = new lrScheduler.CosineAnnealingLR(b, 10, { etaMin: 0.01 });
    sb.loadStateDict(sa.stateDict());
    for (let i = 0; i < 15; i++) {
      sa.step();
      sb.step();
      expect(b.paramGroups[0]!.lr).toBe(a.paramGroups[0]!.lr);
    }
  });

  it('ReduceLROnPlateau takes one-element Variables and tensors as metrics', () => {
    const opt = makeOptimizer({ optimizer: 'SGD', options: {}, groups: [1, 1] });
    const s = new lrScheduler.ReduceLROnPlateau(opt, { patience: 0 });
    s.step(new Variable(torch.tensor(1)));
    s.step(torch.tensor(2));
    expect(s.getLastLr()).toEqual([0.1, 0.1]);
    expect(() => s.step('x' as unknown as number)).toThrow(/metric must be a number/);
  });
});

describe('lr scheduler errors', () => {
  const opt = () => makeOptimizer({ optimizer: 'SGD', options: {}, groups: [0.1, 0.2] });
  it('rejects unknown options with a did-you-mean', () => {
    expect(() => new lrScheduler.StepLR(opt(), 3, { step_size: 3 } as any)).toThrow(/StepLR: unknown option 'step_size'/);
    expect(() => new lrScheduler.CosineAnnealingLR(opt(), 3, { eta_min: 0 } as any)).toThrow(/did you mean 'etaMin'/);
    expect(() => new lrScheduler.ReduceLROnPlateau(opt(), { min_lr: 0 } as any)).toThrow(/did you mean 'minLr'/);
    expect(() => new lrScheduler.OneCycleLR(opt(), 1, { total_steps: 3 } as any)).toThrow(/did you mean 'totalSteps'/);
  });
  it('rejects invalid values as PyTorch does', () => {
    expect(() => new lrScheduler.StepLR({} as any, 3)).toThrow(/StepLR: .* is not an Optimizer/);
    expect(() => new lrScheduler.ReduceLROnPlateau(opt(), { factor: 1 })).toThrow(/factor should be < 1.0/);
    expect(() => new lrScheduler.ReduceLROnPlateau(opt(), { mode: 'up' as any })).toThrow(/mode 'up' is unknown/);
    expect(() => new lrScheduler.LambdaLR(opt(), [(e) => e])).toThrow(/expected 2 lrLambdas, but got 1/);
    expect(() => new lrScheduler.OneCycleLR(opt(), 1)).toThrow(/totalSteps OR \(epochs AND stepsPerEpoch\)/);
    expect(() => new lrScheduler.OneCycleLR(opt(), 1, { totalSteps: 5, pctStart: 2 })).toThrow(/between 0 and 1/);
    expect(() => new lrScheduler.StepLR(opt(), 3, { lastEpoch: 4 })).toThrow(/'initialLr' is not specified in paramGroups\[0\]/);
    const o = new optim.Adagrad([new Variable(torch.zeros(1), { requiresGrad: true })]);
    expect(() => new lrScheduler.OneCycleLR(o, 1, { totalSteps: 3 })).toThrow(/must support momentum or betas/);
  });
  it('OneCycleLR refuses to step past its total', () => {
    const s = new lrScheduler.OneCycleLR(opt(), 1, { totalSteps: 2 });
    s.step();
    s.step();
    expect(() => s.step()).toThrow(/tried to step 3 times; the total number of steps is 2/);
  });
});
