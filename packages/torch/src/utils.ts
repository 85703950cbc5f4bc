/**
 * `torch.utils`: PyTorch's utility namespaces. `torch.utils.data` is @torch/data (Dataset, DataLoader,
 * samplers, MNIST/Fashion-MNIST readers, transforms).
 * @example
 * import * as torch from 'torch';
 * const loader = new torch.utils.data.DataLoader(new torch.utils.data.TensorDataset(torch.randn(8, 2)), { batchSize: 4 });
 */
export * as data from '@torch/data';
