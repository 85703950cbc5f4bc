// Type-level tests (checked by tsc in `typecheck` and by `vitest --typecheck` in `test`). Each
// line marked ts-expect-error must fail to compile.
import { describe, expectTypeOf, it } from 'vitest';
import type { Tensor } from '@torch/core';
import { Function, Variable, gradcheck, type Ctx, type Derivative, type FunctionArgs, type FunctionResult, type GradsByArg } from '../src/index';

declare const t: Tensor;
declare const v: Variable;

class Scale extends Function {
  override forward(x: Tensor, k: number): Tensor { return x.mul(k); }
}
class Split extends Function {
  override forward(x: Tensor): [Tensor, Tensor] { return [x.mul(1), x.mul(2)]; }
}

describe('Function', () => {
  it('apply takes forward\'s parameters, Tensors widened to Variables', () => {
    expectTypeOf<FunctionArgs<Scale>>().toEqualTypeOf<[x: Variable | Tensor, k: number]>();
    expectTypeOf(Scale.apply(v, 2)).toEqualTypeOf<Variable>();
    expectTypeOf(Scale.apply(t, 2)).toEqualTypeOf<Variable>();
    // @ts-expect-error: k is a number
    Scale.apply(v, '2');
    // @ts-expect-error: missing k
    Scale.apply(v);
  });
  it('apply returns forward\'s outputs as Variables, a tuple as a tuple', () => {
    expectTypeOf<FunctionResult<Split>>().toEqualTypeOf<[Variable, Variable]>();
    const [a, b] = Split.apply(v);
    expectTypeOf(a).toEqualTypeOf<Variable>();
    expectTypeOf(b).toEqualTypeOf<Variable>();
    // @ts-expect-error: a single output is not an array
    Scale.apply(v, 2)[0];
  });
});

describe('Variable methods', () => {
  it('keep Variables through ops, views and reductions', () => {
    expectTypeOf(v.mm(t)).toEqualTypeOf<Variable>();
    expectTypeOf(v.add(1).sum()).toEqualTypeOf<Variable>();
    expectTypeOf(v.data).toEqualTypeOf<Tensor>();
    expectTypeOf(v.grad).toEqualTypeOf<Variable | null>();
    // PyTorch's positional keywords, as on Tensors; every overload of the Tensor method is kept.
    expectTypeOf(v.sum(1, true)).toEqualTypeOf<Variable>();
    expectTypeOf(v.sum()).toEqualTypeOf<Variable>();
    expectTypeOf(v.std(1, false, true)).toEqualTypeOf<Variable>();
    expectTypeOf(v.max(1, true).values).toEqualTypeOf<Variable>();
    expectTypeOf(v.sort(0, true).indices).toEqualTypeOf<Variable>();
    expectTypeOf(v.symeig(true).eigenvectors).toEqualTypeOf<Variable>();
    expectTypeOf(v.cholesky(true)).toEqualTypeOf<Variable>();
    // @ts-expect-error: keepdim is a boolean
    v.sum(1, 'yes');
    // @ts-expect-error: view takes sizes
    v.view('a');
  });
});

describe('gradcheck', () => {
  it('types fn\'s parameters from the inputs', () => {
    gradcheck((x, k) => {
      expectTypeOf(x).toEqualTypeOf<Variable>();
      expectTypeOf(k).toEqualTypeOf<number>();
      return x.mul(k);
    }, [v, 3]);
    // @ts-expect-error: fn must return Variables
    gradcheck((x: Variable) => x.data, [v]);
  });
});

describe('derivative entries', () => {
  it('type the formula by the kind of output, and ctx without any', () => {
    expectTypeOf<Ctx['args']>().toEqualTypeOf<readonly unknown[]>();
    expectTypeOf<Ctx['result']>().toEqualTypeOf<Variable | Variable[]>();
    const single: Derivative = { name: 'exp', saves: ['result'], backward: (g: Variable, ctx: Ctx) => [g.mul(ctx.result as Variable)] };
    const multi: Derivative = { name: 'split', multiOutput: true, backward: (gs: Variable[]) => [gs[0]!] };
    const fields: Derivative = { name: 'qr', outputs: ['Q', 'R'], backward: (gs: (Variable | null)[]): GradsByArg => [gs[0]] };
    const forward: Derivative = { name: 'twice', isFunction: true, forward: (x: Tensor, k: number) => x.mul(k) };
    void [single, multi, fields, forward];
    // @ts-expect-error: a single-output formula gets one gradient, not a list
    const wrong: Derivative = { name: 'exp', backward: (gs: Variable[]) => [gs[0]] };
    // @ts-expect-error: a multi-output formula gets a list
    const wrong2: Derivative = { name: 'split', multiOutput: true, backward: (g: Variable) => [g] };
    // @ts-expect-error: ctx.args are unknown until the formula says what they are
    const wrong3: Derivative = { name: 'mul', backward: (g: Variable, ctx: Ctx) => [g.mul(ctx.args[1])] };
    // @ts-expect-error: forward computes on Tensors
    const wrong4: Derivative = { name: 'f', forward: (x: Tensor) => x.item() };
    void [wrong, wrong2, wrong3, wrong4];
  });
});
