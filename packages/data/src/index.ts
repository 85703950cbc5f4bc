/**
 * @torch/data: PyTorch's `torch.utils.data` for torch for TypeScript, reached as `torch.utils.data`.
 * Datasets, samplers, collate and the DataLoader; IDX readers with MNIST and Fashion-MNIST; verified
 * downloads; image transforms.
 * @example
 * import * as torch from 'torch';
 * const { data } = torch.utils;
 * const train = new data.FashionMNIST(undefined, { transform: data.transforms.toTensor() });
 * for (const [images, labels] of new data.DataLoader(train, { batchSize: 64, shuffle: true })) { ... }
 * @packageDocumentation
 */
export { Dataset, TensorDataset, ConcatDataset, Subset, randomSplit, type DatasetLike, type RandomSplitOptions } from './dataset';
export {
  SequentialSampler, RandomSampler, SubsetRandomSampler, WeightedRandomSampler, BatchSampler,
  type Sampler, type RandomSamplerOptions, type SubsetRandomSamplerOptions, type WeightedRandomSamplerOptions,
} from './sampler';
export { defaultCollate, type Collated } from './collate';
export { DataLoader, type DataLoaderOptions } from './dataloader';
export { IdxFormatError, parseIdx, parseIdxHeader, encodeIdx, readIdx, readIdxAsync, maybeGunzip, DEFAULT_MAX_BYTES, type IdxHeader, type IdxReadOptions } from './idx';
export { DownloadError, downloadUrl, checkIntegrity, fileDigest, type Checksums, type DownloadOptions, type ProgressOption } from './download';
export { MNIST, FashionMNIST, DatasetNotFoundError, type MNISTOptions, type Resource } from './datasets/mnist';
/** Image transforms: toTensor, normalize, compose, batched. */
export * as transforms from './transforms';
export type { Transform } from './transforms';
