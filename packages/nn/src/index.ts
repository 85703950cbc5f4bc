/**
 * @torch/nn: modules (containers of named children, parameters and buffers, with hooks), layers,
 * losses, `functional`, `init` and `utils`. Users reach it as `torch.nn` through the umbrella package.
 * @example
 * import * as torch from 'torch';
 * const { nn } = torch;
 * const mlp = new nn.Sequential(new nn.Linear(784, 256), new nn.ReLU(), new nn.Linear(256, 10));
 * const loss = new nn.CrossEntropyLoss().forward(mlp.forward(x), target);
 * loss.backward();
 * @packageDocumentation
 */
export { Variable } from '@torch/autograd';
export { Module, type RemovableHandle, type ForwardHook, type ForwardPreHook, type BackwardHook, type StateDict, type LoadStateDictResult } from './module';
export { Parameter } from './parameter';
export { Container } from './containers/container';
export { Sequential } from './containers/sequential';
export { ModuleList } from './containers/module-list';
export { ModuleDict } from './containers/module-dict';
export { ParameterList, ParameterDict } from './containers/parameter-list';
export { Linear, Bilinear, Identity, type LinearOptions } from './modules/linear';
export * as functional from './functional/index';
export * as init from './init';
