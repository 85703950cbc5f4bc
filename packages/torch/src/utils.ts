/**
 * `torch.utils`: PyTorch's utility namespaces. `torch.utils.data` is @torch/data (Dataset, DataLoader,
 * samplers, MNIST/Fashion-MNIST readers, transforms).
 * @example
 * import * as torch from 'torch';
 * const loader = new torch.utils.data.DataLoader(new torch.utils.data.TensorDataset(torch.randn(8, 2)), { batchSize: 4 });
 */
export * as data from '@torch/data';
/**
 * `torch.utils.serialization.loadLua(path)`: PyTorch 0.x's name for reading Torch7 `.t7` files (the same
 * reader as `torch.legacy.load`).
 * @example const model = torch.utils.serialization.loadLua('model.t7');
 */
export * as serialization from './serialization';
