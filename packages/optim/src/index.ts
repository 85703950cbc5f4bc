/**
 * @torch/optim: optimizers that update autograd Variables from their `.grad`, and learning rate
 * schedulers (`optim.lrScheduler`). Users normally reach it as `torch.optim` through the umbrella.
 * Options are PyTorch's in camelCase, in a trailing options object; parameters may be an iterable of
 * Variables or a list of parameter groups `{ params, ...options }`.
 * @example
 * import * as torch from 'torch';
 * const { optim, autograd } = torch;
 * const w = new autograd.Variable(torch.randn(3, 1), { requiresGrad: true });
 * const opt = new optim.SGD([w], { lr: 0.1, momentum: 0.9 });
 * for (let i = 0; i < 100; i++) {
 *   opt.zeroGrad();
 *   const loss = torch.mm(x, w).sub(y).pow(2).mean();
 *   loss.backward();
 *   opt.step();
 * }
 * @packageDocumentation
 */
export { Optimizer, type Params, type ParamGroup, type ParamGroupInput, type ParamState, type Closure, type StateDict, type ZeroGradOptions } from './optimizer';
export { SGD, type SGDOptions } from './sgd';
export { Adam, AdamW, type AdamOptions } from './adam';
export { Adamax, type AdamaxOptions } from './adamax';
export { Adagrad, type AdagradOptions } from './adagrad';
export { Adadelta, type AdadeltaOptions } from './adadelta';
export { ASGD, type ASGDOptions } from './asgd';
export { RMSprop, type RMSpropOptions } from './rmsprop';
export { Rprop, type RpropOptions } from './rprop';
export { LBFGS, type LBFGSOptions } from './lbfgs';
/** Learning rate schedulers: `optim.lrScheduler.StepLR`, ... */
export * as lrScheduler from './lr-scheduler/index';
