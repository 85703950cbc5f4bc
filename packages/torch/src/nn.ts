/**
 * `torch/nn`: the same module as `torch.nn` (@torch/nn), for `import { Linear } from 'torch/nn'`.
 * @example
 * import * as nn from 'torch/nn';
 * const model = new nn.Sequential(new nn.Linear(4, 8), new nn.ReLU(), new nn.Linear(8, 2));
 * @module
 */
export * from '@torch/nn';
