/**
 * `torch/optim`: the same module as `torch.optim` (@torch/optim), for `import { SGD } from 'torch/optim'`.
 * @example
 * import { SGD } from 'torch/optim';
 * const optimizer = new SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });
 * @module
 */
export * from '@torch/optim';
