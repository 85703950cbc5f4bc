// Gradients of composite expressions against real PyTorch 1.13 (tools/gen_fixtures_autograd.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { Variable, grad, cat, where, solve, lstsq } from '../src/index';
import { sameOnMeta } from './helpers';

interface Case { name: string; inputs: any[]; consts: any[]; grad_output: any; output: any; grads: (any | null)[] }
const fixtures = JSON.parse(readFileSync(new URL('./fixtures/autograd.json', import.meta.url), 'utf8')) as { cases: Case[] };
// The expressions' constants are made on `device`: the meta pass (sameOnMeta) sets it to 'meta'.
let device = 'cpu';
const t = (x: any) => torch.tensor(x, { dtype: torch.float64 });
const ones = (...s: number[]) => torch.ones(s, { dtype: torch.float64, device });
const eye = (n: number) => torch.eye(n, { dtype: torch.float64, device });

const exprs: Record<string, (...a: any[]) => Variable> = {
  mlp_tanh: (x, w1, b1, w2) => x.mm(w1).add(b1).tanh().mm(w2),
  sigmoid_mix: (a, b) => a.mul(b).sigmoid().mul(a.exp()).div(b.abs().add(1)),
  rnn_loop: (W, U, xs: torch.Tensor) => {
    let h: any = new Variable(torch.zeros([1, 3], { dtype: torch.float64, device }));
    let loss: any = new Variable(torch.zeros([], { dtype: torch.float64, device }));
    for (let s = 0; s < xs.shape[0]!; s++) {
      h = h.mm(W).add(new Variable(xs.get(s)).mm(U)).tanh();
      loss = loss.add(h.mm(ones(3, 1)).view([]));
    }
    return loss;
  },
  views_inplace: (a) => {
    const h = a.mul(2);
    h.get(1).mul_(3);
    h.set([':', 0], a.get(':', 3).exp());
    return h.t().mm(a.narrow(1, 0, 2));
  },
  broadcast_div_pow: (a, b) => a.pow(2).add(b).div(b.mul(b).add(1)),
  cat_where: (a, b) => {
    const w = where(a.data.gt(0), a.mul(b), b.sin());
    return cat([w, a.flip(1)], 0).unfold(1, 2, 1).matmul(b.get(0, ':2'));
  },
  hvp: (x, v) => {
    const y = x.sin().mul(x).pow(2);
    const [g] = grad(y, x, ones(3), { createGraph: true });
    return g!.mul(v);
  },
  solve_logdet: (a, b) => solve(a, b).t().matmul(a.inverse()).add(a.logdet()).add(a.slogdet().logabsdet.mul(a.det())),
  cholesky_chain: (m, b) => {
    const l = m.matmul(m.t()).add(eye(3).mul(3)).cholesky();
    const t = b.triangularSolve(l, { upper: false });
    return b.choleskySolve(l).add(l.choleskyInverse().matmul(b)).add(t.solution).add(t.clonedCoefficient.matmul(b));
  },
  svd_qr: (a) => {
    const { U, S, V } = a.svd();
    const { Q, R } = a.qr();
    return U.mul(U).matmul(V.mul(V)).mul(S).add(Q.mul(Q).matmul(R.mul(R)));
  },
  symeig_powers: (m, p) => {
    const { eigenvalues: e, eigenvectors: v } = m.add(m.t()).mul(0.5).symeig({ eigenvectors: true });
    return v.mul(v).mul(e).add(m.det().mul(m.matrixPower(3))).add(m.matrixPower(-2)).add(p.pinverse().matmul(p.pow(2)));
  },
  lstsq_solution: (a, b) => lstsq(a, b).solution.pow(2),
  reductions: (a, b) =>
    a.sum(1, { keepdim: true }).mul(a.prod(0)).add(a.var(1, { keepdim: true })).add(a.std(0, { unbiased: false }))
      .add(a.norm(3, 1, { keepdim: true })).add(a.logsumexp(0)).add(a.cumsum(1).mul(a.cumprod(0)))
      .add(a.dist(b)).add(a.renorm(2, 0, 0.9)).add(a.norm(Infinity)).add(a.max()).add(a.min(1, { keepdim: true }).values),
  selecting: (a) =>
    a.sort(1, { descending: true }).values.mul(a.topk(2, 0).values.sum(0)).add(a.median(1, { keepdim: true }).values)
      .add(a.kthvalue(2, 0).values).add(a.mean([0, 1])),
  indexing: (a, s) => {
    const long = (d: any) => torch.tensor(d, { dtype: torch.int64, device });
    let y = a.indexSelect(0, long([2, 0, 2])).add(a.gather(1, long([[0, 3, 3, 1], [2, 2, 0, 1], [1, 1, 1, 1]])));
    y = y.scatterAdd(0, long([[1, 1, 0, 2]]), s).add(a.maskedFill(a.data.gt(0), 0.5).mul(a.take(long([0, 11, 5, 5]))));
    let z = a.indexAdd(1, long([0, 0]), s.get(':', ':2').expand(3, 2).mul(1)).add(a.get([0, 0, 2], '1:3').sum());
    z = z.indexPut([long([1, 1])], s.expand(2, 4), { accumulate: true });
    const buf = new Variable(torch.zeros([3, 4], { dtype: torch.float64, device }));
    buf.set(a.data.gt(0.2), a.get(a.data.gt(0.2)).mul(2));
    const put = new Variable(torch.zeros([12], { dtype: torch.float64, device })).put(long([1, 1, 4]), s.view(4).get(':3'), { accumulate: true }).view(3, 4);
    return y.mul(z).add(buf).add(a.maskedSelect(a.data.lt(0)).sum()).add(put);
  },
  mlp_nll: (x, w1, b1, w2, b2, target: torch.Tensor) => {
    const h = x.mm(w1).add(b1).clamp(0, null);
    const logits = h.mm(w2).add(b2);
    const logp = logits.sub(logits.logsumexp(1, { keepdim: true }));
    return logp.gather(1, target.long().view(-1, 1)).mean().neg();
  },
  softmax_mix: (a, b) => a.softmax(1).mul(b.logSoftmax(0)).add(a.t().mul(3).logSoftmax(0).t()),
  mlp_log_softmax: (x, w1, b1, w2, b2, target: torch.Tensor) => {
    const h = x.mm(w1).add(b1).clamp(0, null);
    return h.mm(w2).add(b2).logSoftmax(1).gather(1, target.long().view(-1, 1)).mean().neg();
  },
};

const flatten = (x: any): number[] => (Array.isArray(x) ? x.flatMap(flatten) : [x]);
function expectClose(actual: any, expected: any) {
  const a = flatten(actual), e = flatten(expected);
  expect(a.length).toBe(e.length);
  a.forEach((x, i) => expect(Math.abs(x - e[i]!)).toBeLessThanOrEqual(1e-10 + 1e-9 * Math.abs(e[i]!)));
}

describe('composite expressions against PyTorch (and on meta)', () => {
  for (const c of fixtures.cases) {
    it(c.name, () => {
      const ins = c.inputs.map((x) => new Variable(t(x), { requiresGrad: true }));
      const y = exprs[c.name]!(...ins, ...c.consts.map(t));
      expectClose(y.data.tolist(), c.output);
      const gs = grad(y, ins, t(c.grad_output), { allowUnused: true });
      gs.forEach((g, i) => (c.grads[i] === null ? expect(g).toBe(null) : expectClose(g!.data.tolist(), c.grads[i])));
      // The same expression forward and backward on the meta device: the cpu run's sizes and dtypes.
      sameOnMeta((...all: any[]) => {
        device = all[0].data.device.type;
        try {
          return exprs[c.name]!(...all);
        } finally {
          device = 'cpu';
        }
      }, [...c.inputs.map((x) => new Variable(t(x), { requiresGrad: true })), ...c.consts.map(t)]);
    });
  }
});
