// Type-level tests (checked by tsc in `typecheck` and by `vitest --typecheck` in `test`). Each
// line marked ts-expect-error must fail to compile.
import { describe, expectTypeOf, it } from 'vitest';
import type { Variable } from '@torch/autograd';
import * as optim from '../src/index';

declare const params: Variable[];

describe('optimizers and schedulers', () => {
  it('options are typed, schedulers take every optimizer', () => {
    const sgd = new optim.SGD(params, { lr: 0.1, momentum: 0.9 });
    const adam = new optim.Adam(params);
    expectTypeOf(new optim.lrScheduler.StepLR(sgd, 10).optimizer).toMatchTypeOf<optim.Optimizer<object>>();
    expectTypeOf(new optim.lrScheduler.ExponentialLR(adam, 0.9).getLastLr()).toEqualTypeOf<number[]>();
    // @ts-expect-error: snake_case is not an option name
    new optim.SGD(params, { lr: 0.1, weight_decay: 0 });
    // @ts-expect-error: a scheduler needs an optimizer
    new optim.lrScheduler.StepLR({}, 10);
  });
});
