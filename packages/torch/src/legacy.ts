/**
 * `torch.legacy`: the Torch7 packages, ported with their Torch7 signatures.
 * @example
 * import * as torch from 'torch';
 * torch.legacy.optim.sgd(feval, params, { learningRate: 0.01, momentum: 0.9 });
 * @module
 */
/** Torch7's optim functions: `torch.legacy.optim.sgd(opfunc, x, config, state)`, ... */
export * as optim from '@torch/legacy-optim';
