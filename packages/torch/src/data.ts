/**
 * `torch/data` (also `torch/utils/data`): the same module as `torch.utils.data` (@torch/data), for
 * `import { DataLoader } from 'torch/utils/data'`.
 * @example
 * import * as torch from 'torch';
 * import { DataLoader, TensorDataset } from 'torch/utils/data';
 * const loader = new DataLoader(new TensorDataset(torch.randn(8, 2)), { batchSize: 4 });
 * @module
 */
export * from '@torch/data';
