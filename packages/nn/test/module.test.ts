// The module system: registration from fields, traversal, state dicts, hooks, modes, conversions, printing.
import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { Variable, formatGraph } from '@torch/autograd';
import * as nn from '../src/index';
import { randn, leaf, expectClose } from './helpers';

class Net extends nn.Module {
  conv1 = new nn.Linear(4, 8);
  act = new nn.ReLU();
  fc = new nn.Linear(8, 2);
  scale = new nn.Parameter(torch.ones([1]));
  notAModule = 3;
  constructor() {
    super();
    this.registerBuffer('steps', torch.zeros([1]));
  }
  override forward(x: Variable): Variable {
    return this.fc.forward(this.act.forward(this.conv1.forward(x))).mul(this.scale);
  }
}

describe('registration and traversal', () => {
  it('finds children, parameters and buffers from fields, in declaration order, typed', () => {
    const net = new Net();
    expect(net.conv1.weight.shape).toEqual([8, 4]);
    expect([...net.namedChildren()].map(([n]) => n)).toEqual(['conv1', 'act', 'fc']);
    expect([...net.namedParameters()].map(([n]) => n)).toEqual(['scale', 'conv1.weight', 'conv1.bias', 'fc.weight', 'fc.bias']);
    expect([...net.namedBuffers()].map(([n]) => n)).toEqual(['steps']);
    expect([...net.namedModules()].map(([n]) => n)).toEqual(['', 'conv1', 'act', 'fc']);
    expect([...net.parameters()].every((p) => p instanceof nn.Parameter && p.requiresGrad)).toBe(true);
    expect([...net.parameters(false)].length).toBe(1);
  });

  it('counts a shared module or parameter once', () => {
    const shared = new nn.Linear(2, 2);
    const seq = new nn.Sequential(shared, new nn.Tanh(), shared);
    expect([...seq.parameters()].length).toBe(2);
    expect([...seq.modules()].length).toBe(3);
  });

  it('registers through registerParameter/addModule/registerBuffer and rejects clashes', () => {
    const m = new nn.Module();
    m.registerParameter('w', new nn.Parameter(torch.zeros([2])));
    m.addModule('lin', new nn.Linear(2, 2));
    m.registerBuffer('runningMean', torch.zeros([2]), { persistent: false });
    expect([...m.namedParameters()].map(([n]) => n)).toEqual(['w', 'lin.weight', 'lin.bias']);
    expect(Object.keys(m.stateDict())).toEqual(['w', 'lin.weight', 'lin.bias']); // non-persistent buffer left out
    expect(() => m.registerParameter('a.b', null)).toThrow(/no '\.'/);
    expect(() => m.registerParameter('forward', null)).toThrow(/already an attribute/);
    expect(() => m.addModule('w', new nn.ReLU())).toThrow(/already an attribute/);
    expect(() => m.registerParameter('x', torch.zeros([1]) as never)).toThrow(/must be a Parameter/);
  });

  it('supports the seed Container form and the other containers', () => {
    const c = new nn.Container({ conv1: new nn.Linear(2, 3), relu1: new nn.ReLU() });
    expect([...c.namedChildren()].map(([n]) => n)).toEqual(['conv1', 'relu1']);
    expect(c.get('conv1')).toBeInstanceOf(nn.Linear);
    const list = new nn.ModuleList<nn.Module>([new nn.Linear(2, 2), new nn.Linear(2, 2)]);
    list.append(new nn.ReLU());
    list.insert(0, new nn.Identity());
    expect([...list].map((m) => m.constructor.name)).toEqual(['Identity', 'Linear', 'Linear', 'ReLU']);
    expect(list.get(-1)).toBeInstanceOf(nn.ReLU);
    expect(list[1]).toBe(list.get(1));
    expect(() => list.get(4)).toThrow(/out of range/);
    const dict = new nn.ModuleDict<nn.Module>({ a: new nn.Linear(1, 1) });
    dict.set('b', new nn.Tanh());
    expect(dict.keys()).toEqual(['a', 'b']);
    expect(dict.pop('a')).toBeInstanceOf(nn.Linear);
    expect(dict.keys()).toEqual(['b']);
    const pl = new nn.ParameterList([new nn.Parameter(torch.zeros([2])), new nn.Parameter(torch.ones([3]))]);
    expect([...pl.namedParameters()].map(([n, p]) => [n, p.shape])).toEqual([['0', [2]], ['1', [3]]]);
    const pd = new nn.ParameterDict({ alpha: new nn.Parameter(torch.zeros([1])) });
    expect(Object.keys(pd.stateDict())).toEqual(['alpha']);
    const seq = new nn.Sequential({ fc: new nn.Linear(2, 3), act: new nn.Tanh() });
    expect(Object.keys(seq.stateDict())).toEqual(['fc.weight', 'fc.bias']);
    expect(seq.length).toBe(2);
  });

  it('apply visits every module, children first', () => {
    const net = new Net();
    const seen: string[] = [];
    net.apply((m) => seen.push(m.constructor.name));
    expect(seen).toEqual(['Linear', 'ReLU', 'Linear', 'Net']);
    net.apply((m) => {
      if (m instanceof nn.Linear) nn.init.zeros_(m.weight);
    });
    expect(net.fc.weight.data.abs().sum().item()).toBe(0);
  });
});

describe('state dict', () => {
  it('round-trips through stateDict/loadStateDict, in place', () => {
    const a = new Net(), b = new Net();
    const w = b.fc.weight;
    b.loadStateDict(a.stateDict());
    expect(b.fc.weight).toBe(w); // same Parameter object (optimizers keep working)
    for (const [k, t] of Object.entries(a.stateDict())) expect(b.stateDict()[k]!.equal(t), k).toBe(true);
    const x = new Variable(torch.randn([3, 4]));
    expect(a.forward(x).data.equal(b.forward(x).data)).toBe(true);
  });

  it('strict loading names missing and unexpected keys; non-strict reports them', () => {
    const net = new Net();
    const sd = net.stateDict();
    const partial: Record<string, torch.Tensor> = { ...sd, extra: torch.zeros([1]) };
    delete partial['fc.bias'];
    expect(() => net.loadStateDict(partial)).toThrow(/Missing key\(s\) in state_dict: "fc.bias"[\s\S]*Unexpected key\(s\) in state_dict: "extra"/);
    const r = net.loadStateDict(partial, { strict: false });
    expect(r).toEqual({ missingKeys: ['fc.bias'], unexpectedKeys: ['extra'] });
    expect(() => net.loadStateDict(sd, { strict: true, foo: 1 } as never)).toThrow(/unknown option 'foo'/);
  });

  it('a size mismatch is an error naming the key and both sizes, strict or not, and nothing is copied', () => {
    const net = new Net();
    const before = net.conv1.weight.data.clone();
    const sd = { ...net.stateDict(), 'fc.weight': torch.zeros([3, 8]), 'conv1.weight': torch.zeros([8, 4]) };
    expect(() => net.loadStateDict(sd, { strict: false })).toThrow(/size mismatch for fc.weight: copying a param with shape \[3, 8\] from checkpoint, the shape in current model is \[2, 8\]/);
    expect(net.conv1.weight.data.equal(before)).toBe(true);
  });
});

describe('hooks', () => {
  it('forward pre-hooks and forward hooks run on forward, may replace inputs/outputs, and are removable', () => {
    const lin = new nn.Linear(3, 2);
    const x = new Variable(torch.randn([4, 3]));
    const plain = lin.forward(x).data.clone();
    const calls: string[] = [];
    const h1 = lin.registerForwardPreHook((m, inputs) => {
      calls.push('pre');
      expect(m).toBe(lin);
      return [(inputs[0] as Variable).mul(0)];
    });
    const h2 = lin.registerForwardHook((_m, inputs, out) => {
      calls.push('fwd');
      expect((inputs[0] as Variable).data.abs().sum().item()).toBe(0);
      return (out as Variable).add(1);
    });
    const y = lin.forward(x);
    expect(calls).toEqual(['pre', 'fwd']);
    expectClose(y, lin.bias!.data.add(1).expand([4, 2]), 'hooked output');
    h1.remove();
    h2.remove();
    h2.remove();
    expect(lin.forward(x).data.equal(plain)).toBe(true);
    expect(calls.length).toBe(2);
  });

  it('backward hooks see the gradients of the module inputs and outputs and may replace the input gradient', () => {
    const lin = new nn.Linear(3, 2).double();
    const x = leaf(randn(4, 3));
    let seen: [number[] | undefined, number[] | undefined] | null = null;
    const h = lin.registerBackwardHook((m, gIn, gOut) => {
      expect(m).toBe(lin);
      seen = [gIn[0]?.shape as number[], gOut[0]?.shape as number[]];
      return gIn.map((g) => g && g.mul(2));
    });
    lin.forward(x).sum().backward();
    expect(seen).toEqual([[4, 3], [4, 2]]);
    // d(sum)/dx = column sums of W, doubled by the hook.
    expectClose(x.grad!, lin.weight.data.sum(0).mul(2).expand([4, 3]), 'hooked gradient');
    h.remove();
    x.grad = null;
    lin.forward(x).sum().backward();
    expectClose(x.grad!, lin.weight.data.sum(0).expand([4, 3]), 'unhooked gradient');
  });

  it('a backward hook on a module whose input needs no grad still fires, with null input gradients', () => {
    const lin = new nn.Linear(3, 2);
    let fired = 0;
    lin.registerBackwardHook((_m, gIn, gOut) => {
      fired++;
      expect(gIn.length).toBe(0);
      expect(gOut[0]!.shape).toEqual([1, 2]);
    });
    lin.forward(new Variable(torch.randn([1, 3]))).sum().backward();
    expect(fired).toBe(1);
  });
});

describe('modes, gradients and conversions', () => {
  it('train/eval set training on every module, and dropout follows it', () => {
    const seq = new nn.Sequential(new nn.Linear(10, 10), new nn.Dropout(0.5));
    seq.eval();
    expect([...seq.modules()].every((m) => !m.training)).toBe(true);
    const x = new Variable(torch.ones([4, 10]));
    const d = seq.get(1) as nn.Dropout; // get gives a Module, whose forward returns unknown
    expect(d.forward(x).data.equal(x.data)).toBe(true);
    seq.train();
    const y = d.forward(x).data;
    const vals = new Set(y.reshape([-1]).tolist() as number[]);
    expect([...vals].every((v) => v === 0 || v === 2)).toBe(true);
    expect(vals.size).toBe(2);
  });

  it('RReLU draws slopes in [lower, upper] while training and uses their mean in eval', () => {
    const m = new nn.RReLU(0.1, 0.3);
    const x = new Variable(torch.full([1000], -1, { dtype: torch.float32 }));
    const slopes = m.forward(x).data.neg();
    expect(slopes.min().item()).toBeGreaterThanOrEqual(0.1);
    expect(slopes.max().item()).toBeLessThanOrEqual(0.3);
    expect(slopes.std().item()).toBeGreaterThan(0.03);
    m.eval();
    expect(m.forward(x).data.sub(-0.2).abs().max().item()).toBeLessThan(1e-6);
  });

  it('zeroGrad zeroes gradients in place (or drops them)', () => {
    const net = new Net();
    net.forward(new Variable(torch.randn([2, 4]))).sum().backward();
    const g = net.fc.weight.grad!;
    expect(g.data.abs().sum().item()).toBeGreaterThan(0);
    net.zeroGrad();
    expect(net.fc.weight.grad!.data.abs().sum().item()).toBe(0);
    // A gradient the user assigned is shared: zeroGrad replaces it rather than zeroing the user's tensor.
    const mine = torch.ones([2, 8]);
    net.fc.weight.grad = mine;
    net.zeroGrad();
    expect(mine.sum().item()).toBe(16);
    expect(net.fc.weight.grad!.data.abs().sum().item()).toBe(0);
    net.zeroGrad(true);
    expect(net.fc.weight.grad).toBe(null);
  });

  it('double/float/half/type convert floating parameters and buffers, keeping the Parameter objects', () => {
    const net = new Net();
    const w = net.fc.weight;
    net.double();
    expect(net.fc.weight).toBe(w);
    expect([...net.parameters()].every((p) => p.dtype === torch.float64)).toBe(true);
    expect((net as any).steps.dtype).toBe(torch.float64);
    net.half();
    expect(w.dtype).toBe(torch.float16);
    net.type('float32');
    expect(w.dtype).toBe(torch.float32);
    expect(() => net.type('int64')).toThrow(/floating point dtype/);
    expect(net.cpu()).toBe(net);
    expect(() => net.cuda()).toThrow(/CUDA backend is not available/);
  });

  it('requiresGrad_ freezes parameters', () => {
    const net = new Net();
    net.conv1.requiresGrad_(false);
    net.forward(new Variable(torch.randn([2, 4]))).sum().backward();
    expect(net.conv1.weight.grad).toBe(null);
    expect(net.fc.weight.grad).not.toBe(null);
  });
});

describe('Linear layouts', () => {
  it('gives contiguous outputs (view works) and contiguous weight gradients, for small and large batches', () => {
    const lin = new nn.Linear(3, 2);
    for (const n of [1, 2, 3, 4, 50]) {
      const y = lin.forward(new Variable(torch.randn([n, 3])));
      expect(y.isContiguous(), `batch ${n}`).toBe(true);
      expect(y.view([-1]).shape).toEqual([2 * n]);
      lin.zeroGrad(true);
      y.sum().backward();
      expect(lin.weight.grad!.isContiguous(), `batch ${n}`).toBe(true);
    }
  });
});

describe('printing and debugging', () => {
  it('prints the module tree as PyTorch does', () => {
    const s = new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU(true), new nn.Sequential(new nn.Dropout(0.1)));
    expect(String(s)).toBe(
      'Sequential(\n' +
        '  (0): Linear(inFeatures=2, outFeatures=3, bias=true)\n' +
        '  (1): ReLU(inplace=true)\n' +
        '  (2): Sequential(\n' +
        '    (0): Dropout(p=0.1, inplace=false)\n' +
        '  )\n' +
        ')',
    );
    expect(String(new nn.Tanh())).toBe('Tanh()');
  });

  it("the output's gradFn chain names the layers' backward nodes", () => {
    const seq = new nn.Sequential(new nn.Linear(3, 4), new nn.ReLU(), new nn.Linear(4, 2), new nn.LogSoftmax(1));
    const y = seq.forward(new Variable(torch.randn([2, 3])));
    // The graph printed depth first from the output: the layers' nodes appear from the last layer back.
    const graph = formatGraph(y.gradFn);
    const order = ['LogSoftmaxBackward', 'AddmmBackward', 'ReluBackward', 'AddmmBackward'];
    let at = 0;
    for (const name of order) {
      const k = graph.indexOf(name, at);
      expect(k, `${name} after position ${at} in\n${graph}`).toBeGreaterThanOrEqual(0);
      at = k + name.length;
    }
  });
});

describe('in-place activations and version checks', () => {
  it('ReLU(true) overwrites its input and gives the right gradient', () => {
    const x = leaf(randn(3, 4));
    const h = x.mul(1);
    const y = new nn.ReLU(true).forward(h);
    expect(y).toBe(h);
    expect(h.data.min().item()).toBeGreaterThanOrEqual(0);
    y.sum().backward();
    expectClose(x.grad!, x.data.gt(0).double(), 'relu_ gradient');
  });

  it('a variable overwritten in place and needed by backward raises an error', () => {
    const x = leaf(randn(3, 4));
    const s = x.sigmoid(); // sigmoid's backward needs its output
    new nn.ReLU(true).forward(s);
    expect(() => s.sum().backward()).toThrow(/modified by an in-place operation/);
    const t = x.mul(1);
    const r = new nn.LeakyReLU(0.1, true).forward(t);
    const u = r.mul(r); // mul's backward needs r's values
    new nn.ELU(1, true).forward(r);
    expect(() => u.sum().backward()).toThrow(/modified by an in-place operation/);
  });

  it('an in-place activation on a leaf that requires grad is refused', () => {
    expect(() => new nn.ReLU(true).forward(leaf(randn(2)))).toThrow(/leaf Variable that requires grad/);
  });
});

describe('strict arguments', () => {
  it('unknown options and extra positional arguments name the module', () => {
    expect(() => new nn.Linear(2, 3, { bais: false } as never)).toThrow(/Linear: unknown option 'bais'/);
    expect(() => new nn.LeakyReLU({ negative_slope: 0.2 } as never)).toThrow(/did you mean 'negativeSlope'/);
    expect(() => new (nn.ReLU as any)(true, 3)).toThrow(/ReLU: expected at most 1 positional argument/);
    expect(() => new nn.CrossEntropyLoss({ ignore_index: 3 } as never)).toThrow(/did you mean 'ignoreIndex'/);
    expect(() => new nn.Dropout(1.5)).toThrow(/Dropout: p must be a number in \[0, 1\]/);
    expect(() => new nn.ReLU('yes' as never)).toThrow(/inplace must be a boolean/);
  });
});
