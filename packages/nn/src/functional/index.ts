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
