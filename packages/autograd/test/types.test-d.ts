// Type-level tests (checked by tsc in `typecheck` and by `vitest --typecheck` in `test`). Each
// line marked ts-expect-error must fail to compile.
import { describe, expectTypeOf, it } from 'vitest';
import type { Tensor } from '@torch/core';
import { Function, Variable, gradcheck, type FunctionArgs, type FunctionResult } from '../src/index';

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
