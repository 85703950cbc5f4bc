/**
 * `torch/autograd`: the same module as `torch.autograd` (@torch/autograd), for
 * `import { Variable } from 'torch/autograd'`.
 * @example
 * import { Variable } from 'torch/autograd';
 * import * as torch from 'torch';
 * const x = new Variable(torch.randn(3), { requiresGrad: true });
 * x.mul(x).sum().backward();
 * @module
 */
export * from '@torch/autograd';
