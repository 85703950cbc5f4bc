// nn.functional: one file per family, re-exported here.
export { linear, bilinear } from './linear';
export {
  threshold, relu, hardtanh, relu6, leakyRelu, elu, selu, rrelu, prelu, sigmoid, tanh, softplus, logsigmoid,
  softshrink, hardshrink, softsign, tanhshrink, softmax, softmin, logSoftmax, gelu,
} from './activation';
export { erf } from './erf';
export { dropout, dropout2d, dropout3d, alphaDropout, type DropoutOptions } from './dropout';
export { embedding, embeddingBag, type EmbeddingOptions, type EmbeddingBagOptions } from './embedding';
export { layerNorm, groupNorm, localResponseNorm, crossMapLrn2d } from './normalization';
export { pad, pixelShuffle, interpolate, type PadMode, type InterpolateMode, type InterpolateOptions } from './vision';
export { pairwiseDistance, cosineSimilarity } from './distance';
export {
  l1Loss, mseLoss, smoothL1Loss, softMarginLoss, binaryCrossEntropy, binaryCrossEntropyWithLogits, nllLoss,
  crossEntropy, klDiv, poissonNllLoss, marginRankingLoss, hingeEmbeddingLoss, multilabelMarginLoss,
  multilabelSoftMarginLoss, cosineEmbeddingLoss, multiMarginLoss, tripletMarginLoss,
  type Reduction, type ReductionOptions, type WeightOptions, type NLLOptions, type MarginOptions,
} from './loss';
export { conv1d, conv2d, conv3d, convTranspose1d, convTranspose2d, convTranspose3d } from './conv';
export {
  maxPool1d, maxPool2d, maxPool3d, avgPool1d, avgPool2d, avgPool3d, adaptiveAvgPool1d, adaptiveAvgPool2d, adaptiveMaxPool1d, adaptiveMaxPool2d,
  maxUnpool1d, maxUnpool2d, maxUnpool3d, fractionalMaxPool2d,
} from './pooling';
export { lpPool1d, lpPool2d, type LPPoolOptions } from './lp-pool';
export { batchNorm, instanceNorm, type BatchNormOptions, type InstanceNormOptions } from './batchnorm';
