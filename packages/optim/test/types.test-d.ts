// Type-level tests (checked by tsc in `typecheck` and by `vitest --typecheck` in `test`). Each
// line marked ts-expect-error must fail to compile.
import { describe, expectTypeOf, it } from 'vitest';
import type { Variable } from '@torch/autograd';
import type { Tensor } from '@torch/core';
import * as optim from '../src/index';

declare const params: Variable[];

describe('optimizers and schedulers', () => {
  it('options are typed, schedulers take every optimizer', () => {
    const sgd = new optim.SGD(params, { lr: 0.1, momentum: 0.9 });
    const adam = new optim.Adam(params);
    expectTypeOf(new optim.lrScheduler.StepLR(sgd, 10).optimizer).toMatchTypeOf<optim.Optimizer<object>>();
    expectTypeOf(new optim.lrScheduler.ExponentialLR(adam, 0.9).getLastLr()).toEqualTypeOf<number[]>();
    // Each optimizer's per-parameter state is its own precise type (no `any`).
    expectTypeOf(adam.state.get(params[0]!)!.expAvg).toEqualTypeOf<Tensor>();
    expectTypeOf(adam.state.get(params[0]!)!.step).toEqualTypeOf<number>();
    expectTypeOf(sgd.state.get(params[0]!)!.momentumBuffer).toEqualTypeOf<Tensor | null | undefined>();
    expectTypeOf(new optim.LBFGS(params).state.get(params[0]!)!.funcEvals).toEqualTypeOf<number>();
    expectTypeOf(sgd.stateDict().state[0]!.momentumBuffer).toEqualTypeOf<optim.StateValue>();
    // @ts-expect-error: Adam keeps no momentum buffer
    void adam.state.get(params[0]!)!.momentumBuffer;
    // @ts-expect-error: step is a number, not a tensor
    adam.state.get(params[0]!)!.step.add(1);
    // @ts-expect-error: snake_case is not an option name
    new optim.SGD(params, { lr: 0.1, weight_decay: 0 });
    // @ts-expect-error: a scheduler needs an optimizer
    new optim.lrScheduler.StepLR({}, 10);
  });
});
