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
export { Optimizer, type Params, type ParamGroup, type ParamGroupInput, type ParamState, type StateValue, type Closure, type StateDict, type ZeroGradOptions } from './optimizer';
export { SGD, type SGDOptions, type SGDState } from './sgd';
export { Adam, AdamW, type AdamOptions, type AdamState } from './adam';
export { Adamax, type AdamaxOptions, type AdamaxState } from './adamax';
export { Adagrad, type AdagradOptions, type AdagradState } from './adagrad';
export { Adadelta, type AdadeltaOptions, type AdadeltaState } from './adadelta';
export { ASGD, type ASGDOptions, type ASGDState } from './asgd';
export { RMSprop, type RMSpropOptions, type RMSpropState } from './rmsprop';
export { Rprop, type RpropOptions, type RpropState } from './rprop';
export { LBFGS, type LBFGSOptions, type LBFGSState } from './lbfgs';
/** Learning rate schedulers: `optim.lrScheduler.StepLR`, ... */
export * as lrScheduler from './lr-scheduler/index';
