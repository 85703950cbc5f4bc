// Type-level tests of the public API as users import it (checked by tsc: `pnpm typecheck`, and by
// `vitest --typecheck` in the test script). Each line marked ts-expect-error must fail to compile.
import { describe, expectTypeOf, it } from 'vitest';
import * as torch from '../src/index';
import type { Tensor } from '@torch/core';
import type { Variable } from '@torch/autograd';

declare const t: Tensor;
declare const v: Variable;

describe('torch.* with Variables', () => {
  it('Tensors give Tensors, a Variable in either place gives a Variable', () => {
    expectTypeOf(torch.mm(t, t)).toEqualTypeOf<Tensor>();
    expectTypeOf(torch.mm(v, t)).toEqualTypeOf<Variable>();
    expectTypeOf(torch.mm(t, v)).toEqualTypeOf<Variable>();
    expectTypeOf(torch.add(v, 1)).toEqualTypeOf<Variable>();
    expectTypeOf(torch.exp(v)).toEqualTypeOf<Variable>();
    expectTypeOf(torch.exp(t)).toEqualTypeOf<Tensor>();
    expectTypeOf(torch.cat([v, t], 0)).toEqualTypeOf<Variable>();
    expectTypeOf(torch.cat([t, t])).toEqualTypeOf<Tensor>();
    expectTypeOf(torch.outer(v, v)).toEqualTypeOf<Variable>();
    expectTypeOf(torch.linalg.det(v)).toEqualTypeOf<Variable>();
    // @ts-expect-error: mm takes tensors, not strings
    torch.mm(v, 'w');
    // @ts-expect-error: a one-argument op has no Variable second argument
    torch.exp(t, v);
  });

  it('the values/indices pairs of a Variable are Variables', () => {
    const r = torch.max(v, 0);
    expectTypeOf(r.values).toEqualTypeOf<Variable>();
  });

  it('the LAPACK named tuples of a Variable hold Variables, by name and destructured', () => {
    expectTypeOf(v.svd().U).toEqualTypeOf<Variable>();
    const [U, S, V] = v.svd();
    expectTypeOf(U).toEqualTypeOf<Variable>();
    expectTypeOf(S).toEqualTypeOf<Variable>();
    expectTypeOf(V).toEqualTypeOf<Variable>();
    const [Q] = v.qr();
    expectTypeOf(Q).toEqualTypeOf<Variable>();
    const [sign] = t.slogdet();
    expectTypeOf(sign).toEqualTypeOf<Tensor>();
  });

  it("PyTorch's positional keywords typecheck in the function forms, with Tensors and Variables", () => {
    expectTypeOf(torch.sum(t, 1, true)).toEqualTypeOf<Tensor>();
    expectTypeOf(torch.sum(v, 1, true)).toEqualTypeOf<Variable>();
    expectTypeOf(torch.max(t)).toEqualTypeOf<Tensor>();
    expectTypeOf(torch.max(v, 1, true).values).toEqualTypeOf<Variable>();
    expectTypeOf(torch.std(v, 1, false, true)).toEqualTypeOf<Variable>();
    expectTypeOf(torch.symeig(t, true).eigenvectors).toEqualTypeOf<Tensor>();
    expectTypeOf(torch.sort(t, 0, true).values).toEqualTypeOf<Tensor>();
    expectTypeOf(v.sum(1, true)).toEqualTypeOf<Variable>();
    // @ts-expect-error: keepdim is a boolean
    torch.sum(t, 1, 'yes');
    // @ts-expect-error: sum takes no fourth positional argument
    torch.sum(v, 1, true, false);
  });
});

describe('autograd.Function.apply', () => {
  class Cube extends torch.autograd.Function {
    override forward(x: Tensor, k: number): Tensor { return x.mul(k); }
  }
  class Pair extends torch.autograd.Function {
    override forward(x: Tensor): [Tensor, Tensor] { return [x, x.mul(2)]; }
  }
  it('takes forward\'s arguments (Tensors or Variables) and returns its outputs as Variables', () => {
    expectTypeOf(Cube.apply(v, 3)).toEqualTypeOf<Variable>();
    expectTypeOf(Cube.apply(t, 3)).toEqualTypeOf<Variable>();
    expectTypeOf(Pair.apply(v)).toEqualTypeOf<[Variable, Variable]>();
    // @ts-expect-error: k must be a number
    Cube.apply(v, 'three');
    // @ts-expect-error: forward takes two arguments
    Cube.apply(v);
  });
});

describe('tensors and numpy', () => {
  it('tolist is nested numbers, numpy().data a TypedArray, item a number', () => {
    expectTypeOf(t.tolist()).toEqualTypeOf<torch.NestedArray>();
    expectTypeOf(t.numpy().data).toEqualTypeOf<torch.TypedArray>();
    expectTypeOf(t.item()).toEqualTypeOf<number>();
    // @ts-expect-error: tolist gives numbers, not strings
    const s: string[] = t.tolist();
    void s;
  });
  it('to(dtype) is typed by the dtype; torch.unique takes its positional flags', () => {
    expectTypeOf(t.to('double').numpy().data).toEqualTypeOf<Float64Array>();
    expectTypeOf(t.to(torch.LongTensor)).toEqualTypeOf<torch.Tensor<'int64'>>();
    expectTypeOf(torch.unique(t, true, true)).toEqualTypeOf<torch.UniqueResult>();
    expectTypeOf(torch.unique(t, true)).toEqualTypeOf<torch.Tensor>();
  });
});

describe('nn and optim', () => {
  it('Sequential.forward gives a Variable, schedulers take any optimizer', () => {
    const model = new torch.nn.Sequential(new torch.nn.Linear(2, 2));
    expectTypeOf(model.forward(v)).toEqualTypeOf<Variable>();
    const opt = new torch.optim.Adam(model.parameters(), { lr: 1e-3 });
    const sched = new torch.optim.lrScheduler.StepLR(opt, 10);
    expectTypeOf(sched.optimizer).toMatchTypeOf<torch.optim.Optimizer<object>>();
    // @ts-expect-error: an unknown option of Adam
    new torch.optim.Adam(model.parameters(), { learningRate: 1e-3 });
    // @ts-expect-error: a generic Module's forward result is unknown, not a Variable
    const y: Variable = new torch.nn.Module().forward(v);
    void y;
  });

  it('gradcheck types fn\'s parameters from the inputs', () => {
    torch.autograd.gradcheck((a, b) => {
      expectTypeOf(a).toEqualTypeOf<Variable>();
      expectTypeOf(b).toEqualTypeOf<number>();
      return a.mul(b);
    }, [v, 2]);
  });
});
