// The nn layer ops of core: functional forms (torch.conv2d, torch.maxPool2d, torch.batchNorm ...),
// THNN-shaped entries for the legacy nn, and the backward helpers autograd's derivatives call.
export {
  conv1d, conv2d, conv3d, convTranspose1d, convTranspose2d, convTranspose3d, convolutionUpdateOutput, convolutionUpdateGradInput,
  convolutionAccGradParameters, convTransposeUpdateOutput, convolutionBackward, convParams, type ConvOptions, type ConvTransposeOptions, type ConvParams,
} from './conv';
export {
  maxPool1d, maxPool2d, maxPool3d, avgPool1d, avgPool2d, avgPool3d, adaptiveAvgPool1d, adaptiveAvgPool2d, adaptiveMaxPool1d, adaptiveMaxPool2d,
  maxUnpool1d, maxUnpool2d, maxUnpool3d, maxPoolUpdateOutput, maxPoolUpdateGradInput, avgPoolUpdateOutput, avgPoolUpdateGradInput,
  maxPoolWithIndices, maxPoolBackward, avgPoolBackward, adaptiveAvgPool, adaptiveAvgPoolBackward, adaptiveMaxPoolWithIndices, maxUnpool, maxUnpoolBackward,
  poolParams, type MaxPoolOptions, type AvgPoolOptions, type MaxUnpoolOptions, type PoolParams, type MaxPoolResult,
} from './pool';
export {
  fractionalMaxPool2d, fractionalMaxPool2dUpdateOutput, fractionalMaxPool2dUpdateGradInput, fractionalMaxPool2dWithIndices, fractionalOutputSize,
  type FractionalMaxPoolOptions,
} from './fractional-pool';
export { batchNorm, batchNormWithStats, batchNormBackward, batchNormUpdateOutput, batchNormBackward_, instanceNorm, instanceNormArgs } from './batchnorm';
export { thresholdBackward } from './activation';
