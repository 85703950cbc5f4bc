// Type-level tests (checked by tsc in `typecheck` and by `vitest --typecheck` in `test`). Each
// line marked ts-expect-error must fail to compile.
import { describe, expectTypeOf, it } from 'vitest';
import type { Variable } from '@torch/autograd';
import * as nn from '../src/index';

declare const x: Variable;

describe('modules', () => {
  it('forward results: layers and Sequential give Variables, a bare Module unknown', () => {
    const fc = new nn.Linear(3, 2);
    expectTypeOf(fc.forward(x)).toEqualTypeOf<Variable>();
    expectTypeOf(new nn.Sequential(fc, new nn.ReLU()).forward(x)).toEqualTypeOf<Variable>();
    expectTypeOf(new nn.Module().forward(x)).toEqualTypeOf<unknown>();
    expectTypeOf(fc.weight).toMatchTypeOf<Variable>();
    // @ts-expect-error: Linear's sizes are numbers
    new nn.Linear('3', 2);
  });
  it('losses take their options object', () => {
    expectTypeOf(new nn.MSELoss({ reduction: 'sum' }).forward(x, x)).toEqualTypeOf<Variable>();
    // @ts-expect-error: reduction is 'none' | 'mean' | 'sum'
    new nn.MSELoss({ reduction: 'avg' });
  });
  it('forward hooks see the output as unknown (any module may register one)', () => {
    new nn.Linear(1, 1).registerForwardHook((_m, _inputs, out) => {
      expectTypeOf(out).toEqualTypeOf<unknown>();
    });
  });
});
