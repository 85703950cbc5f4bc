// The engine, hooks, grad modes, custom Functions and every error case of the issue.
import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { Variable, Function, backward, grad, noGrad, enableGrad, setGradEnabled, isGradEnabled, formatGraph } from '../src/index';
import { gradcheck, gradgradcheck, v, f64 } from './helpers';

const ones = (...s: number[]) => torch.ones(s, f64);
const close = (a: number[] | number[][], b: number[] | number[][]) => expect(JSON.stringify(round(a))).toBe(JSON.stringify(round(b)));
const round = (x: any): any => (Array.isArray(x) ? x.map(round) : Math.round(x * 1e9) / 1e9);

describe('backward', () => {
  it('accumulates into .grad across calls until zeroed', () => {
    const x = v([3]);
    x.mul(2).backward(ones(3));
    x.mul(3).backward(ones(3));
    expect(x.grad!.data.tolist()).toEqual([5, 5, 5]);
    x.grad!.data.zero_();
    x.mul(4).backward(ones(3));
    expect(x.grad!.data.tolist()).toEqual([4, 4, 4]);
    x.grad = null;
    x.add(1).backward(ones(3));
    expect(x.grad!.data.tolist()).toEqual([1, 1, 1]);
  });
  it('sums gradients where a variable is used several times, and leaves do not share .grad tensors', () => {
    const x = v([2]), y = v([2]);
    const z = x.add(y);
    z.mul(z).add(x).backward(ones(2));
    const xs = x.data.tolist() as number[], ys = y.data.tolist() as number[];
    close(x.grad!.data.tolist() as number[], xs.map((a, i) => 2 * (a + ys[i]!) + 1));
    const a = v([2]), b = v([2]);
    a.add(b).backward(ones(2));
    a.grad!.data.add_(1);
    expect(b.grad!.data.tolist()).toEqual([1, 1]);
  });
  it('scalar outputs need no gradient; backward on a leaf accumulates ones', () => {
    const x = v([1]);
    x.mul(3).backward();
    expect(x.grad!.data.tolist()).toEqual([3]);
    const y = v([2]);
    y.backward(ones(2));
    expect(y.grad!.data.tolist()).toEqual([1, 1]);
  });
  it('retainGraph (and the 0.1-era retainVariables) keeps the graph for another backward', () => {
    const x = v([3]);
    const y = x.exp();
    y.backward(ones(3), { retainGraph: true });
    y.backward(ones(3), { retainVariables: true });
    y.backward(ones(3));
    close(x.grad!.data.tolist() as number[], (x.data.exp().mul(3).tolist() as number[]));
  });
  it('autograd.backward on several outputs and grad() without touching .grad', () => {
    const x = v([2]);
    backward([x.mul(2), x.mul(3)], [ones(2), ones(2)]);
    expect(x.grad!.data.tolist()).toEqual([5, 5]);
    const y = v([2]);
    const [gy] = grad(y.mul(y), y, ones(2));
    close(gy!.data.tolist() as number[], y.data.mul(2).tolist() as number[]);
    expect(y.grad).toBe(null);
    const u = v([2]);
    expect(grad(y.mul(2), [y, u], ones(2), { allowUnused: true })[1]).toBe(null);
    expect(() => grad(y.mul(2), [y, u], ones(2))).toThrow(/input 1 was not used.*allowUnused/);
  });
  it('grad() of a non-leaf intermediate', () => {
    const x = v([3]);
    const h = x.mul(2);
    const y = h.mul(h);
    const [gh] = grad(y, h, ones(3));
    close(gh!.data.tolist() as number[], h.data.mul(2).tolist() as number[]);
  });
  it('createGraph: Hessian-vector product and a gradient penalty', () => {
    const x = v([3]);
    const y = x.mul(x).mul(x);
    const [g] = grad(y, x, ones(3), { createGraph: true });
    expect(g!.requiresGrad).toBe(true);
    const [hv] = grad(g!, x, torch.tensor([1, 0, 2], f64));
    close(hv!.data.tolist() as number[], x.data.mul(6).mul(torch.tensor([1, 0, 2], f64)).tolist() as number[]);
    // penalty: || d(w x)/dx ||^2 wrt w
    const w = v([3]);
    const xi = v([3]);
    const [gx] = grad(w.mul(xi).sin(), xi, ones(3), { createGraph: true });
    gx!.dot(gx!).backward();
    expect(w.grad).not.toBe(null);
    expect(gradgradcheck((a: any, b: any) => a.mul(b).sin().mm(b.t().tanh()), [v([2, 2]), v([2, 2])])).toBe(true);
  });
  it('runs nodes in dependency order for a diamond graph', () => {
    const x = v([2]);
    const a = x.mul(2), b = x.mul(3);
    a.mul(b).add(a).backward(ones(2));
    close(x.grad!.data.tolist() as number[], x.data.mul(12).add(2).tolist() as number[]);
  });
});

describe('gradient ownership', () => {
  // A gradient nothing else holds becomes the leaf's .grad without a copy (PyTorch takes it when its
  // reference count is 1); one that user code or another leaf may hold is copied.
  const storagesMadeBy = (fn: () => void) => {
    const before = torch.Storage._created;
    fn();
    return torch.Storage._created - before;
  };
  it('moves a freshly computed gradient into .grad instead of copying it', () => {
    const x = v([4, 3], -1, 1, false);
    const taken = v([3, 2]);
    const copied = v([3, 2]);
    copied.registerHook(() => undefined);
    const moved = storagesMadeBy(() => x.mm(taken).sum().backward());
    const withCopy = storagesMadeBy(() => x.mm(copied).sum().backward());
    expect(withCopy - moved).toBe(1);
    close(taken.grad!.data.tolist() as number[][], copied.grad!.data.tolist() as number[][]);
  });
  it('two leaves fed the same fresh gradient get separate .grad tensors', () => {
    const a = v([3]), b = v([3]);
    a.add(b).mul(2).backward(ones(3));
    a.grad!.data.add_(1);
    expect(b.grad!.data.tolist()).toEqual([2, 2, 2]);
    a.add(b).mul(3).backward(ones(3));
    expect(a.grad!.data.tolist()).toEqual([6, 6, 6]);
    expect(b.grad!.data.tolist()).toEqual([5, 5, 5]);
  });
  it('a gradient a hook kept is not changed by later accumulation into .grad', () => {
    const x = v([2]);
    let atLeaf: Variable | undefined, atNode: Variable | undefined;
    x.registerHook((g) => void (atLeaf = g));
    const z = x.add(0);
    z.registerHook((g) => void (atNode = g));
    z.mul(2).backward(ones(2));
    x.mul(3).backward(ones(2));
    expect(x.grad!.data.tolist()).toEqual([5, 5]);
    expect(atNode!.data.tolist()).toEqual([2, 2]);
    expect(atLeaf!.data.tolist()).toEqual([3, 3]);
  });
  it('a gradient still waiting for another node (whose hook keeps it) is copied', () => {
    const x = v([2]), w = v([2]);
    const y = w.mul(1);
    let kept: Variable | undefined;
    y.registerHook((g) => void (kept = g));
    // x's AccumulateGrad runs before y's node, while the same gradient still waits there.
    x.add(y).mul(2).backward(ones(2));
    x.mul(3).backward(ones(2));
    expect(x.grad!.data.tolist()).toEqual([5, 5]);
    expect(kept!.data.tolist()).toEqual([2, 2]);
  });
  it('a custom Function keeps the gradients its backward returned', () => {
    let kept: Variable | undefined;
    class Scale extends Function {
      override forward(t: torch.Tensor) {
        return t.mul(4);
      }
      override backward(g: Variable) {
        return (kept = g.mul(4));
      }
    }
    const x = v([2]);
    Scale.apply(x).backward(ones(2));
    x.mul(1).backward(ones(2));
    expect(x.grad!.data.tolist()).toEqual([5, 5]);
    expect(kept!.data.tolist()).toEqual([4, 4]);
  });
});

describe('matrix product gradients keep their operand\'s layout', () => {
  // nn's linear computes (W xᵀ)ᵀ: the gradient of the transposed operand xᵀ used to come out contiguous,
  // so x's own gradient was a transpose that the next kernel (max pool's backward) copied.
  const gradOf = (make: (h: Variable) => Variable) => {
    const x = v([5, 7]);
    const h = x.mul(1);
    let seen: Variable | undefined;
    h.registerHook((g) => void (seen = g));
    make(h).sum().backward();
    return seen!;
  };
  const w = v([3, 7]), b = v([3, 1]);
  it('mm and addmm give a transposed operand its gradient as a transpose, so its source gets a contiguous one', () => {
    for (const make of [(h: Variable) => w.mm(h.t()), (h: Variable) => b.addmm(w, h.t())]) {
      const g = gradOf(make);
      expect(g.data.isContiguous()).toBe(true);
      // d/dh sum(W hᵀ) = column sums of W, for every row of h
      const colSums = w.data.sum(0).tolist() as number[];
      for (const row of g.data.tolist() as number[][]) close(row, colSums);
    }
  });
  it('a transposed first operand too, with the same values as the contiguous formula', () => {
    const a = v([4, 6]), m = v([4, 5]);
    const viaT = a.t().mm(m);
    viaT.backward(ones(6, 5));
    close(a.grad!.data.tolist() as number[][], m.data.mm(ones(6, 5).t()).tolist() as number[][]);
    close(m.grad!.data.tolist() as number[][], a.data.mm(ones(6, 5)).tolist() as number[][]);
    expect(gradcheck((p: Variable, q: Variable) => p.t().mm(q.t()), [v([4, 3]), v([5, 4])])).toBe(true);
    expect(gradgradcheck((p: Variable, q: Variable) => b.addmm(p.t(), q.t()), [v([7, 3]), v([1, 7])])).toBe(true);
  });
});

describe('recurrent loop', () => {
  it('reuses weights across many timesteps: loss = loss.add(step) then one backward', () => {
    torch.manualSeed(1);
    const W = v([4, 4], -0.5, 0.5), U = v([3, 4], -0.5, 0.5);
    const xs = Array.from({ length: 50 }, () => new Variable(torch.randn([1, 3], f64)));
    // Constants on the weights' device, so the meta pass (helpers.ts) runs the same loop on meta.
    const run = (W: any, U: any) => {
      const on = { ...f64, device: W.data.device };
      let h: any = new Variable(torch.zeros([1, 4], on));
      let loss: any = new Variable(torch.zeros([], on));
      for (const x of xs) {
        h = h.mm(W).add(new Variable(x.data.to(W.data.device)).mm(U)).tanh();
        loss = loss.add(h.mul(h).mm(torch.ones([4, 1], on)).view([]));
      }
      return loss;
    };
    run(W, U).backward();
    const gW = W.grad!.data.clone();
    expect(gradcheck(run, [W, U])).toBe(true);
    // 2000 steps: deep graphs run without recursion limits
    let h: any = new Variable(torch.zeros([1, 4], f64));
    for (let t = 0; t < 2000; t++) h = h.mm(W).tanh().add(0.01);
    h.backward(torch.ones([1, 4], f64));
    expect(gW.numel()).toBe(16);
  });
});

describe('hooks', () => {
  it('variable hooks run in order, may replace the gradient, and are removable', () => {
    const x = v([2]);
    const calls: string[] = [];
    const h1 = x.registerHook((g) => { calls.push('a'); return g.mul(2); });
    x.registerHook((g) => { calls.push(`b${g.data.tolist()}`); });
    x.mul(1).backward(ones(2));
    expect(calls).toEqual(['a', 'b2,2']);
    expect(x.grad!.data.tolist()).toEqual([2, 2]);
    h1.remove();
    h1.remove();
    x.grad = null;
    x.mul(1).backward(ones(2));
    expect(x.grad!.data.tolist()).toEqual([1, 1]);
  });
  it('hooks on non-leaves see their gradient; retainGrad keeps it', () => {
    const x = v([2]);
    const h = x.mul(3);
    let seen: number[] = [];
    h.registerHook((g) => { seen = g.data.tolist() as number[]; });
    h.retainGrad();
    h.mul(h).backward(ones(2));
    close(seen, h.data.mul(2).tolist() as number[]);
    close(h.grad!.data.tolist() as number[], seen);
  });
  it('node hooks and pre-hooks', () => {
    const x = v([2]);
    const y = x.mul(2);
    const order: string[] = [];
    y.gradFn!.registerPreHook((go) => { order.push('pre'); return go.map((g) => g && g.mul(10)); });
    const hh = y.gradFn!.registerHook((gi, go) => { order.push(`post ${gi.length} ${go.length}`); });
    y.backward(ones(2), { retainGraph: true });
    expect(order).toEqual(['pre', 'post 1 1']); // one input (x; the 2 is a number), one output
    expect(x.grad!.data.tolist()).toEqual([20, 20]);
    hh.remove();
  });
});

describe('grad modes and volatile', () => {
  it('noGrad, enableGrad, setGradEnabled', () => {
    const x = v([2]);
    expect(noGrad(() => x.mul(2)).requiresGrad).toBe(false);
    expect(noGrad(() => enableGrad(() => x.mul(2))).requiresGrad).toBe(true);
    setGradEnabled(false);
    try {
      expect(isGradEnabled()).toBe(false);
      expect(x.mul(2).gradFn).toBe(null);
      x.add_(1); // in place on a leaf is fine without grad (optimizer steps)
    } finally {
      setGradEnabled(true);
    }
    expect(isGradEnabled()).toBe(true);
  });
  it('volatile spreads and nothing is recorded', () => {
    const x = v([2]);
    const u = new Variable(torch.ones(2, f64), { volatile: true });
    const y = x.mul(u);
    expect(y.volatile).toBe(true);
    expect(y.requiresGrad).toBe(false);
  });
  it('detach and detach_', () => {
    const x = v([2]);
    const y = x.mul(2);
    const d = y.detach();
    expect(d.requiresGrad).toBe(false);
    expect(d.data).toBe(y.data);
    const z = x.mul(3);
    z.detach_();
    expect(z.isLeaf).toBe(true);
    expect(z.requiresGrad).toBe(false);
  });
});

describe('custom Function', () => {
  class Cube extends Function {
    override forward(x: torch.Tensor) {
      this.saveForBackward(x);
      return x.mul(x).mul(x);
    }
    override backward(g: Variable) {
      const [x] = this.savedTensors;
      return g.mul(x!.mul(x!)).mul(3);
    }
  }
  class ScaleInPlace extends Function {
    override forward(x: torch.Tensor, k: number) {
      this.markDirty(x);
      return x.mul_(k);
    }
    override backward(g: Variable) {
      return [g.mul(2), null];
    }
  }
  class ArgMaxLike extends Function {
    override forward(x: torch.Tensor) {
      const idx = x.gt(0).long();
      this.markNonDifferentiable(idx);
      return [x.mul(2), idx];
    }
    override backward(g: Variable) {
      return g.mul(2);
    }
  }
  it('saveForBackward/savedTensors, createGraph through backward, gradcheck', () => {
    const x = v([3]);
    expect(gradcheck((a: any) => Cube.apply(a), [x])).toBe(true);
    expect(gradgradcheck((a: any) => Cube.apply(a), [x])).toBe(true);
    const y = Cube.apply(x);
    expect(y.gradFn!.name).toBe('CubeBackward');
    expect(y.creator).toBe(y.gradFn);
  });
  it('needsInputGrad, markDirty, markNonDifferentiable', () => {
    let needs: boolean[] = [];
    class Probe extends Function {
      override forward(a: torch.Tensor, b: torch.Tensor) { needs = this.needsInputGrad; return a.add(b); }
      override backward(g: Variable) { return [g, g]; }
    }
    Probe.apply(v([2]), new Variable(torch.ones(2, f64)));
    expect(needs).toEqual([true, false]);
    const x = v([2]);
    const h = x.mul(1);
    const r = ScaleInPlace.apply(h, 2);
    expect(r).toBe(h);
    r.backward(ones(2));
    expect(x.grad!.data.tolist()).toEqual([2, 2]);
    expect(() => ScaleInPlace.apply(v([2]), 2)).toThrow(/leaf Variable that requires grad/);
    const [out, idx] = ArgMaxLike.apply(v([2]));
    expect(out.requiresGrad).toBe(true);
    expect(idx.requiresGrad).toBe(false);
  });
  it('a wrong-size gradient from backward is an error naming the function', () => {
    class Bad extends Function {
      override forward(x: torch.Tensor) { return x.mul(2); }
      override backward(g: Variable) { return g.get(0); }
    }
    expect(() => Bad.apply(v([3])).backward(ones(3))).toThrow(/BadBackward: backward returned an invalid gradient for input 0: got size \[\], expected \[3\]/);
  });
  it('gradcheck catches a wrong backward', () => {
    class Wrong extends Function {
      override forward(x: torch.Tensor) { return x.mul(x); }
      override backward(g: Variable) { return g.mul(3); }
    }
    expect(() => gradcheck((a: any) => Wrong.apply(a), [v([2])])).toThrow(/Jacobian mismatch/);
    expect(gradcheck((a: any) => Wrong.apply(a), [v([2])], { raiseException: false })).toBe(false);
  });
});

describe('errors', () => {
  it('a saved tensor modified in place after being saved', () => {
    const x = v([3]);
    const h = x.mul(1);
    const y = h.mul(h);
    h.add_(1);
    expect(() => y.backward(ones(3))).toThrow(/MulBackward: one of the variables needed for gradient computation has been modified by an in-place operation: mul saved its input self .* at version \d+, and it is now at version \d+/);
    const e = x.exp();
    e.mul_(2); // exp saved its result, which mul_ changed
    expect(() => e.backward(ones(3))).toThrow(/ExpBackward: .*modified by an in-place operation: exp saved its output/);
    const ok = x.add(1);
    const z = ok.mul(2); // mul by a number saves nothing that add_ below changes... it saves ok itself, so this errors too
    ok.add_(1);
    expect(() => z.backward(ones(3))).toThrow(/modified by an in-place/);
    const w = x.mul(1);
    const s = w.add(2); // add saves nothing: modifying w afterwards is fine
    w.mul_(3);
    s.backward(ones(3));
  });
  it('an in-place op on a leaf that requires grad, or on a view of one', () => {
    const x = v([3]);
    expect(() => x.add_(1)).toThrow(/add_: a leaf Variable that requires grad is being used in an in-place operation/);
    expect(() => x.narrow(0, 0, 1).mul_(2)).toThrow(/mul_: a view of a leaf Variable that requires grad/);
    expect(() => x.set([0], 1)).toThrow(/fill_: a view of a leaf Variable/);
    expect(() => x.mul(1).split(1)[0]!.add_(1)).toThrow(/add_: this variable is one of the views returned by split/);
  });
  it('backward through a freed graph', () => {
    const x = v([3]);
    const y = x.exp();
    y.backward(ones(3));
    expect(() => y.backward(ones(3))).toThrow(/ExpBackward: trying to backward through the graph a second time.*retainGraph: true/);
    const c = Cube();
    function Cube() {
      class C extends Function {
        override forward(t: torch.Tensor) { this.saveForBackward(t); return t.mul(2); }
        override backward(g: Variable) { this.savedTensors; return g.mul(2); }
      }
      return C.apply(v([2]));
    }
    c.backward(ones(2));
    expect(() => c.backward(ones(2))).toThrow(/CBackward: trying to backward through the graph a second time/);
  });
  it('gradients of the wrong size, missing gradients, outputs that need none', () => {
    const x = v([3]);
    expect(() => x.mul(2).backward(ones(2))).toThrow(/backward: gradient 0 has size \[2\] but the output has size \[3\]/);
    expect(() => x.mul(2).backward()).toThrow(/grad can be implicitly created only for outputs with one element/);
    expect(() => new Variable(ones(2)).mul(2).backward(ones(2))).toThrow(/does not require grad and does not have a gradFn/);
    expect(() => x.registerHook((g) => g.get(0)) && x.mul(1).backward(ones(3))).toThrow(/hook: a hook on AccumulateGrad's output 0 returned a gradient of size \[\], expected \[3\]/);
    expect(() => { x.grad = ones(2); }).toThrow(/grad: assigned gradient has size \[2\]/);
    expect(() => new Variable(torch.ones(2, { dtype: torch.int64 }), { requiresGrad: true })).toThrow(/only floating point/);
    expect(() => x.mul(2).requiresGrad = false).toThrow(/only change requiresGrad flags of leaf variables/);
    expect(() => x.mul(2, { out: new Variable(ones(3)) as any })).toThrow(/mul: out= arguments don't support automatic differentiation/);
  });
});

describe('inspectability', () => {
  it('gradFn.name, nextFunctions and a printed graph', () => {
    const x = v([2]), w = v([2]);
    const y = x.mul(w).add(x).exp();
    expect(y.gradFn!.name).toBe('ExpBackward');
    const [add] = y.gradFn!.nextFunctions;
    expect(add![0]!.name).toBe('AddBackward');
    expect(add![0]!.nextFunctions.map(([n]) => n!.name)).toEqual(['MulBackward', 'AccumulateGrad']);
    const printed = formatGraph(y.gradFn);
    expect(printed).toBe(
      [
        'ExpBackward #0',
        '└─ AddBackward #1',
        '   ├─ MulBackward #2',
        '   │  ├─ AccumulateGrad (leaf of size [2]) #3',
        '   │  └─ AccumulateGrad (leaf of size [2]) #4',
        '   └─ AccumulateGrad (leaf of size [2]) #3 (see above)',
      ].join('\n'),
    );
    expect(String(y.gradFn)).toBe(printed);
    expect(String(x)).toMatch(/^Variable containing:\n/);
    expect(x.mul(new Variable(ones(2))).gradFn!.nextFunctions[1]).toEqual([null, 0]);
  });
  it('version counters on tensors', () => {
    const t = torch.zeros(3);
    const v0 = t._version;
    t.add_(1);
    t.narrow(0, 0, 1).mul_(2);
    torch.add(t, 1, { out: t });
    t.set([0], 5);
    expect(t._version).toBe(v0 + 4);
    expect(t.clone()._version).toBe(0);
  });
});
