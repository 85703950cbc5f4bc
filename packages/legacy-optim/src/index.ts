/**
 * @torch/legacy-optim: the Torch7 optim package (`torch.legacy.optim`). Every function has Torch7's
 * signature `fn(opfunc, x, config, state) → [x, [f(x), ...]]`: opfunc(x) returns f(x) and df/dx, x (a
 * tensor, usually all parameters flattened) is updated in place, config holds Torch7's keys
 * (`learningRate`, `learningRateDecay`, `weightDecay`, `momentum`, ...) and state, which defaults to
 * config, keeps the buffers between calls.
 * @example
 * import * as torch from 'torch';
 * const { optim } = torch.legacy;
 * const x = torch.zeros(2, { dtype: torch.float64 });
 * const feval = (x: torch.Tensor) => [f(x), gradOf(x)] as const;
 * const config = { learningRate: 1e-3, momentum: 0.9 };
 * for (let i = 0; i < 1000; i++) optim.sgd(feval, x, config);
 * @packageDocumentation
 */
export type { OpFunc, Table } from './common';
export { sgd, nag } from './sgd';
export { adagrad, adadelta, rmsprop } from './adaptive';
export { adam, adamax } from './adam';
export { asgd } from './asgd';
export { rprop } from './rprop';
export { cg } from './cg';
export { lbfgs, type LineSearch } from './lbfgs';
export { lswolfe, polyinterp, type LswolfeOptions, type InterpPoint } from './lswolfe';
export { ConfusionMatrix } from './confusion-matrix';
export { Logger } from './logger';
