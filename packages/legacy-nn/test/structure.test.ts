import { describe, expect, it } from 'vitest';
import * as core from '@torch/core';
import { nn, load, serialize } from '../src/index';

const randn = (...shape: number[]) => core.randn(shape, { dtype: core.float64 });
const jac = (m: nn.Module, x: core.Tensor) => nn.testJacobian(m.double(), x);

describe('legacy nn: shape modules (Jacobians in float64, 0-based dims)', () => {
  const cases: [string, () => nn.Module, number[], number[]][] = [
    ['Reshape', () => new nn.Reshape(3, 4), [12], [3, 4]],
    ['Reshape batch', () => new nn.Reshape(6), [2, 2, 3], [2, 6]],
    ['View -1', () => new nn.View(-1), [2, 3], [6]],
    ['Transpose', () => new nn.Transpose([0, 1], [1, 2]), [2, 3, 4], [3, 4, 2]],
    ['Squeeze', () => new nn.Squeeze(1), [3, 1, 2], [3, 2]],
    ['Unsqueeze', () => new nn.Unsqueeze(0), [3], [1, 3]],
    ['Narrow', () => new nn.Narrow(1, 1, 2), [2, 4], [2, 2]],
    ['Narrow negative length', () => new nn.Narrow(1, 1, -1), [2, 4], [2, 3]],
    ['Select', () => new nn.Select(0, -1), [3, 2], [2]],
    ['Replicate', () => new nn.Replicate(3, 1), [2, 2], [2, 3, 2]],
    ['Padding after', () => new nn.Padding(0, 2, 1), [3], [5]],
    ['Padding before', () => new nn.Padding(1, -1), [2, 2], [2, 3]],
    ['Contiguous', () => new nn.Contiguous(), [3, 2], [3, 2]],
    ['GradientReversal', () => new nn.GradientReversal(0.5), [4], [4]],
    ['Sum', () => new nn.Sum(1), [3, 4], [3]],
    ['Mean', () => new nn.Mean(0), [3, 4], [4]],
    ['Max', () => new nn.Max(1), [3, 4], [3]],
    ['Min', () => new nn.Min(0), [3, 4], [4]],
  ];
  for (const [name, make, inShape, outShape] of cases)
    it(name, () => {
      const m = make();
      const x = randn(...inShape);
      expect((m.forward(x) as core.Tensor).size()).toEqual(outShape);
      // GradientReversal's backward is not the Jacobian of its forward, by design
      if (name === 'GradientReversal') expect((m.backward(x, core.ones(4, { dtype: core.float64 })) as core.Tensor).tolist()).toEqual([-0.5, -0.5, -0.5, -0.5]);
      else expect(jac(m, x)).toBeLessThan(1e-6);
    });

  it('Reshape names the sizes when they do not fit', () => {
    expect(() => new nn.Reshape(5).forward(randn(2, 3))).toThrow(/input of size \[2, 3\] cannot be reshaped to \[5\]/);
  });
});

describe('legacy nn: Add, Mul, CMul (parameter Jacobians)', () => {
  for (const [name, make, shape] of [
    ['Add', () => new nn.Add(4), [3, 4]],
    ['Add scalar', () => new nn.Add(1, true), [3, 4]],
    ['Mul', () => new nn.Mul(), [3, 4]],
    ['CMul', () => new nn.CMul(4), [3, 4]],
    ['CMul 2-D', () => new nn.CMul(2, 4), [3, 2, 4]],
  ] as [string, () => nn.Module, number[]][])
    it(name, () => {
      const m = make().double();
      const x = randn(...shape);
      expect(nn.testJacobian(m, x)).toBeLessThan(1e-6);
      const [params, grads] = m.parameters()!;
      expect(nn.testJacobianParameters(m, x, params[0]!, grads[0]!)).toBeLessThan(1e-6);
    });
});

describe('legacy nn: table modules and branching containers', () => {
  it('ConcatTable + CAddTable / CSubTable / CMulTable / CDivTable / CMaxTable / CMinTable', () => {
    for (const combine of [new nn.CAddTable(), new nn.CSubTable(), new nn.CMulTable(), new nn.CDivTable(), new nn.CMaxTable(), new nn.CMinTable()]) {
      const branches = new nn.ConcatTable().add(new nn.Linear(3, 4)).add(new nn.Sequential().add(new nn.Linear(3, 4)).add(new nn.Sigmoid()));
      const net = new nn.Sequential().add(branches).add(combine).double();
      expect(nn.testJacobian(net, randn(2, 3)), combine.typename).toBeLessThan(1e-5);
    }
  });

  it('JoinTable, SplitTable, SelectTable, NarrowTable, FlattenTable, ParallelTable', () => {
    const x = randn(3, 4);
    const split = new nn.Sequential().add(new nn.SplitTable(0)).add(new nn.NarrowTable(1, 2)).add(new nn.JoinTable(0));
    expect((split.forward(x) as core.Tensor).tolist()).toEqual(x.narrow(0, 1, 2).reshape(-1).tolist());
    expect(jac(split, x)).toBeLessThan(1e-6);
    const select = new nn.Sequential().add(new nn.SplitTable(1)).add(new nn.SelectTable(-1));
    expect(jac(select, x)).toBeLessThan(1e-6);
    const parallel = new nn.Sequential()
      .add(new nn.ConcatTable().add(new nn.Identity()).add(new nn.ConcatTable().add(new nn.Tanh()).add(new nn.Square())))
      .add(new nn.FlattenTable())
      .add(new nn.ParallelTable().add(new nn.Linear(4, 2)).add(new nn.Exp()).add(new nn.Sigmoid()))
      .add(new nn.NarrowTable(1, 2))
      .add(new nn.JoinTable(1));
    expect(jac(parallel, x)).toBeLessThan(1e-6);
    expect((parallel.forward(x) as core.Tensor).size()).toEqual([3, 8]);
  });

  it('Concat and Parallel', () => {
    const concat = new nn.Concat(1).add(new nn.Linear(4, 2)).add(new nn.Tanh());
    const x = randn(3, 4);
    expect((concat.forward(x.float()) as core.Tensor).size()).toEqual([3, 6]);
    expect(jac(concat, x)).toBeLessThan(1e-6);
    const lin = concat.get(0) as nn.Linear;
    expect(nn.testJacobianParameters(concat, x, lin.weight!, lin.gradWeight!)).toBeLessThan(1e-6);
    const parallel = new nn.Parallel(0, 0).add(new nn.Linear(4, 2)).add(new nn.Linear(4, 2)).add(new nn.Tanh());
    expect((parallel.forward(x.float()) as core.Tensor).size()).toEqual([8]);
    expect(jac(parallel, x)).toBeLessThan(1e-6);
    expect(() => parallel.forward(randn(2, 4))).toThrow(/2 slices for 3 modules/);
  });

  it('a branching network round-trips through .t7', () => {
    const net = new nn.Sequential().add(new nn.ConcatTable().add(new nn.Linear(3, 2)).add(new nn.Linear(3, 2))).add(new nn.JoinTable(1)).add(new nn.Max(1));
    const x = core.randn(4, 3);
    const back = load(serialize(net)) as nn.Sequential;
    expect((back.forward(x) as core.Tensor).tolist()).toEqual((net.forward(x) as core.Tensor).tolist());
  });
});
