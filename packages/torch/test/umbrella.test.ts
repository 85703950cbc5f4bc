import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';

describe('torch umbrella', () => {
  it('exposes the tensor library under PyTorch names', () => {
    const a = new torch.FloatTensor([[1, 2], [3, 4]]);
    expect(a).toBeInstanceOf(torch.FloatTensor);
    expect(a).toBeInstanceOf(torch.Tensor);
    expect(torch.add(a, 1).tolist()).toEqual([[2, 3], [4, 5]]);
    expect(torch.mm(a, torch.eye(2)).tolist()).toEqual([[1, 2], [3, 4]]);
  });
});

describe('published builds', () => {
  // The dist files are what users load: check both module systems resolve and work (turbo builds first).
  it('loads through require (CJS) and import (ESM)', async () => {
    const { execFileSync } = await import('node:child_process');
    const { fileURLToPath } = await import('node:url');
    const cwd = fileURLToPath(new URL('..', import.meta.url));
    const cjs = "const t = require('torch'); process.stdout.write(String(t.ones(2).add(1).tolist()))";
    const esm = "import * as t from 'torch'; process.stdout.write(String(t.mm(t.eye(2), t.ones(2, 1)).tolist()))";
    expect(execFileSync(process.execPath, ['-e', cjs], { cwd }).toString()).toBe('2,2');
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', esm], { cwd }).toString()).toBe('1,1');
  });
});

describe('torch.autograd', () => {
  it('is reachable with the grad mode functions at the top level', () => {
    const x = new torch.autograd.Variable(torch.ones(2), { requiresGrad: true });
    x.mul(3).backward(torch.ones(2));
    expect(x.grad!.data.tolist()).toEqual([3, 3]);
    expect(torch.noGrad(() => x.mul(2)).requiresGrad).toBe(false);
    expect(torch.enableGrad(() => x.mul(2)).requiresGrad).toBe(true);
    torch.setGradEnabled(true);
    expect(torch.isGradEnabled()).toBe(true);
  });
});

describe('torch.utils.data', () => {
  it('is @torch/data: a DataLoader over a TensorDataset batches with the core tensors', () => {
    const { data } = torch.utils;
    const ds = new data.TensorDataset(torch.arange(10).float(), torch.arange(10));
    const batches = [...new data.DataLoader(ds, { batchSize: 4, dropLast: true })] as torch.Tensor[][];
    expect(batches.length).toBe(2);
    expect(batches[1]![0]).toBeInstanceOf(torch.Tensor);
    expect(batches[1]![1]!.tolist()).toEqual([4, 5, 6, 7]);
  });
});

describe('torch.optim and torch.legacy.optim', () => {
  it('train the same least-squares problem', () => {
    const { Variable } = torch.autograd;
    const A = torch.tensor([[1, 2], [3, 4], [5, 6]], { dtype: torch.float64 });
    const b = torch.tensor([1, 0, 1], { dtype: torch.float64 });
    const w = new Variable(torch.zeros(2, { dtype: torch.float64 }), { requiresGrad: true });
    const opt = new torch.optim.SGD([w], { lr: 0.01, momentum: 0.9 });
    const sched = new torch.optim.lrScheduler.StepLR(opt, 400, { gamma: 0.5 });
    const x = torch.zeros(2, { dtype: torch.float64 });
    const feval = (v: torch.Tensor) => {
      const r = A.mv(v).sub(b);
      return [r.dot(r).item() / 2, A.t().mv(r)] as const;
    };
    const config = { learningRate: 0.01, momentum: 0.9, dampening: 0 };
    for (let i = 0; i < 800; i++) {
      opt.zeroGrad();
      new Variable(A).mv(w).sub(b).pow(2).sum().div(2).backward();
      opt.step();
      sched.step();
      torch.legacy.optim.sgd(feval, x, config);
    }
    // Both near the least-squares solution A⁺ b.
    const best = torch.pinverse(A).mv(b);
    expect(w.data.sub(best).abs().max().item()).toBeLessThan(1e-3);
    expect(x.sub(best).abs().max().item()).toBeLessThan(1e-3);
  });
});

describe('torch.legacy.nn, torch.legacy.load/save and torch.utils.serialization.loadLua', () => {
  it('a legacy network trained with torch.legacy.optim, saved as .t7 and read back by both names', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const nn = torch.legacy.nn;
    torch.manualSeed(1);
    const net = new nn.Sequential().add(new nn.Linear(2, 8)).add(new nn.Tanh()).add(new nn.Linear(8, 1));
    const crit = new nn.MSECriterion();
    const X = torch.randn(32, 2);
    const Y = X.select(1, 0).mul(X.select(1, 1)).view(32, 1);
    const [params, grads] = net.getParameters();
    const feval = () => {
      grads.zero_();
      const loss = crit.forward(net.forward(X), Y);
      net.backward(X, crit.backward(net.output, Y));
      return [loss, grads] as const;
    };
    const first = feval()[0];
    const state = {};
    for (let i = 0; i < 200; i++) torch.legacy.optim.adam(feval, params, { learningRate: 0.02 }, state);
    expect(feval()[0]).toBeLessThan(first / 2);
    const file = join(mkdtempSync(join(tmpdir(), 't7-')), 'net.t7');
    torch.legacy.save(file, net);
    for (const loaded of [torch.legacy.load(file), torch.utils.serialization.loadLua(file)]) {
      expect(loaded).toBeInstanceOf(nn.Sequential);
      expect(((loaded as InstanceType<typeof nn.Sequential>).forward(X) as torch.Tensor).tolist()).toEqual((net.forward(X) as torch.Tensor).tolist());
    }
  });
});
