// Parameter trajectories and final state of every optimizer, step by step against PyTorch 1.13
// (tools/gen_fixtures_optim.py): 60 steps of each first-order optimizer, several LBFGS calls.
import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { Tensor } from '@torch/core';
import * as optim from '../src/index';
import { expectClose, flatValues, makeProblem, readFixture, type Problem } from './helpers';

interface Case {
  name: string; optimizer: string; options: Record<string, unknown>; steps: number; losses: number[];
  trajectory: number[][]; state: Record<string, Record<string, number | number[]>> & { funcEvals?: number; nIter?: number };
  groups?: { params: number[]; options: Record<string, unknown> }[]; negate?: boolean; closure?: boolean; dtype?: 'float32';
}
const { problem, cases } = readFixture<{ problem: Problem; cases: Case[] }>('optimizers.json');
const classes = optim as unknown as Record<string, new (params: any, options?: any) => optim.Optimizer<any>>;

describe('optimizers follow PyTorch step by step', () => {
  it('covers every optimizer', () => {
    expect(new Set(cases.map((c) => c.optimizer))).toEqual(new Set(['SGD', 'Adam', 'AdamW', 'Adamax', 'Adagrad', 'Adadelta', 'ASGD', 'RMSprop', 'Rprop', 'LBFGS']));
  });

  for (const c of cases)
    it(c.name, () => {
      const { params, objective } = makeProblem(problem, c.negate ? -1 : 1, c.dtype === 'float32' ? torch.float32 : torch.float64);
      const groups = c.groups?.map((g) => ({ params: g.params.map((i) => params[i]!), ...g.options }));
      const opt = new classes[c.optimizer]!(groups ?? params, c.options);
      // Last-bit differences (an fma here, a pow there) may compound over the steps; LBFGS's through its
      // curvature pairs and line search more than the others'.
      // float32: kernels may round differently from PyTorch's (vector widths, fused multiply-adds).
      // float64: 1e-10, not exact: Node versions' Math.pow/exp differ from CPython's in the last bit, which
      // 60 steps grow to ~1e-12 (adamax with weight decay on Node 24).
      const tol = c.dtype === 'float32' ? 1e-5 : 1e-10;
      for (let s = 0; s < c.steps; s++) {
        let loss: number;
        if (c.closure) {
          const r = opt.step(() => {
            opt.zeroGrad();
            const l = objective();
            l.backward();
            return l;
          });
          loss = typeof r === 'number' ? r : (r as { item(): number }).item();
        } else {
          opt.zeroGrad();
          const l = objective();
          l.backward();
          loss = l.item();
          opt.step();
        }
        expectClose([loss], [c.losses[s]!], tol, tol, `${c.name} loss before step ${s}`);
        expectClose(flatValues(params), c.trajectory[s]!, tol, tol, `${c.name} parameters after step ${s}`);
      }
      if (c.optimizer === 'LBFGS') {
        const st = opt.state.get(params[0]!)!;
        expect(st.funcEvals).toBe(c.state.funcEvals);
        expect(st.nIter).toBe(c.state.nIter);
        return;
      }
      for (const [i, expected] of Object.entries(c.state)) {
        const st = opt.state.get(params[Number(i)]!)!;
        expect(Object.keys(st).sort(), `${c.name} state keys of param ${i}`).toEqual(Object.keys(expected).sort());
        for (const [k, v] of Object.entries(expected)) {
          const mine = st[k];
          const got = mine instanceof Tensor ? (mine.reshape(-1).tolist() as number[]) : [mine as number];
          expectClose(got, Array.isArray(v) ? v : [v], tol, tol, `${c.name} state ${i}.${k}`);
        }
      }
    });
});
