/**
 * `torch.legacy`: the Torch7 packages, ported with their Torch7 signatures.
 * @example
 * import * as torch from 'torch';
 * torch.legacy.optim.sgd(feval, params, { learningRate: 0.01, momentum: 0.9 });
 * const net = torch.legacy.load('model.t7');   // a Torch7 nn.Sequential, as legacy nn modules
 * @module
 */
/** Torch7's optim functions: `torch.legacy.optim.sgd(opfunc, x, config, state)`, ... */
export * as optim from '@torch/legacy-optim';
/** Torch7's nn, 0-based: `torch.legacy.nn.Sequential`, `torch.legacy.nn.SpatialConvolution`, ... */
export { nn } from '@torch/legacy-nn';
/** Torch7 `.t7` files: `torch.legacy.load(path)`, `torch.legacy.save(path, value)`. */
export { load, save, serialize, registerT7Class, T7Object, T7LuaFunction, TorchT7Error } from '@torch/legacy-nn';
export type { T7LoadOptions, T7SaveOptions, T7ClassHandler, T7Writable, T7Encoding } from '@torch/legacy-nn';
