/**
 * The legacy nn modules and criteria (`torch.legacy.nn`), each registered for `.t7` loading under its
 * Torch7 class name.
 */
import { registerModuleClass } from './t7/modules';
import { Container } from './container';
import { Module } from './module';
import { Criterion } from './criterion';
import { Sequential } from './modules/sequential';
import { Linear } from './modules/linear';
import { Identity } from './modules/identity';
import { SoftMax, LogSoftMax, SoftMin } from './modules/softmax';
import * as pointwise from './modules/pointwise';
import * as shape from './modules/shape';
import * as reduce from './modules/reduce';
import * as scale from './modules/scale';
import * as tables from './modules/tables';
import * as branches from './modules/branches';
import * as products from './modules/products';
import * as misc from './modules/misc';
import { Dropout } from './modules/dropout';
import { LookupTable } from './modules/lookup';
import * as convolution from './modules/convolution';
import * as pooling from './modules/pooling';
import * as batchnorm from './modules/batchnorm';
import * as spatial from './modules/spatial';
import * as more from './modules/more';
import * as fractionalPooling from './modules/fractional-pooling';
import * as lpPooling from './modules/lp-pooling';
import { MSECriterion, AbsCriterion, SmoothL1Criterion } from './criteria/regression';
import { ClassNLLCriterion, CrossEntropyCriterion, BCECriterion } from './criteria/classification';
import * as margin from './criteria/margin';
import * as combine from './criteria/combine';
import { SpatialConvolutionMap } from './modules/convmap';
import { SpatialConvolutionLocal } from './modules/local';
import { SpatialSubSampling, TemporalSubSampling } from './modules/subsampling';
import { SpatialSubtractiveNormalization, SpatialDivisiveNormalization, SpatialContrastiveNormalization } from './modules/normalization';
import { VolumetricReplicationPadding } from './modules/volumetric-padding';
import { WeightedEuclidean } from './modules/weighted-euclidean';
import { ClassSimplexCriterion } from './criteria/simplex';

export { Module, type Activity } from './module';
export { testJacobian, testJacobianParameters } from './jacobian';
export { Container, Criterion, Sequential, Linear, Identity, SoftMax, LogSoftMax, SoftMin };
export {
  Pointwise, Threshold, ReLU, ReLU6, HardTanh, Clamp, Tanh, Sigmoid, ELU, LeakyReLU, HardShrink, SoftShrink, SoftPlus,
  SoftSign, LogSigmoid, TanhShrink, Abs, Exp, Log, Sqrt, Square, Power, AddConstant, MulConstant,
} from './modules/pointwise';
export { Reshape, View, Transpose, Squeeze, Unsqueeze, Narrow, Select, Replicate, Padding, Contiguous, Copy, GradientReversal } from './modules/shape';
export { Sum, Mean, Max, Min } from './modules/reduce';
export { Add, Mul, CMul } from './modules/scale';
export { CAddTable, CSubTable, CMulTable, CDivTable, CMaxTable, CMinTable, JoinTable, SplitTable, SelectTable, NarrowTable, FlattenTable } from './modules/tables';
export { ConcatTable, ParallelTable, Concat, Parallel } from './modules/branches';
export { DotProduct, CosineDistance, PairwiseDistance, MM, MV, Euclidean } from './modules/products';
export { PReLU, Normalize, L1Penalty, MaskedSelect, Index } from './modules/misc';
export { Dropout, LookupTable };
export {
  SpatialConvolution, SpatialConvolutionMM, SpatialDilatedConvolution, SpatialFullConvolution, VolumetricConvolution, VolumetricFullConvolution, TemporalConvolution,
} from './modules/convolution';
export {
  SpatialMaxPooling, SpatialAveragePooling, VolumetricMaxPooling, VolumetricAveragePooling, TemporalMaxPooling, SpatialAdaptiveMaxPooling,
  SpatialAdaptiveAveragePooling, SpatialMaxUnpooling,
} from './modules/pooling';
export {
  SpatialZeroPadding, SpatialReflectionPadding, SpatialReplicationPadding, SpatialUpSamplingNearest, SpatialSoftMax, SpatialDropout, VolumetricDropout,
} from './modules/spatial';
export { RReLU, Bilinear, MixtureTable, SpatialCrossMapLRN, DepthConcat } from './modules/more';
export { SpatialFractionalMaxPooling } from './modules/fractional-pooling';
export { SpatialLPPooling } from './modules/lp-pooling';
export { BatchNormalization, SpatialBatchNormalization, VolumetricBatchNormalization } from './modules/batchnorm';
export {
  HingeEmbeddingCriterion, L1HingeEmbeddingCriterion, CosineEmbeddingCriterion, MarginRankingCriterion, MarginCriterion, SoftMarginCriterion,
  MultiMarginCriterion, MultiLabelMarginCriterion, MultiLabelSoftMarginCriterion,
} from './criteria/margin';
export { DistKLDivCriterion, WeightedMSECriterion, SpatialClassNLLCriterion, MultiCriterion, ParallelCriterion } from './criteria/combine';
export { MSECriterion, AbsCriterion, SmoothL1Criterion, ClassNLLCriterion, CrossEntropyCriterion, BCECriterion };
export { tables } from './modules/convmap';
export {
  SpatialConvolutionMap, SpatialConvolutionLocal, SpatialSubSampling, TemporalSubSampling, SpatialSubtractiveNormalization,
  SpatialDivisiveNormalization, SpatialContrastiveNormalization, VolumetricReplicationPadding, WeightedEuclidean, ClassSimplexCriterion,
};

const transfer = Object.values(pointwise).filter((cls) => cls !== pointwise.Pointwise);
for (const cls of [
  Sequential, Linear, Identity, SoftMax, LogSoftMax, SoftMin, ...transfer,
  Dropout, LookupTable,
  ...[shape, reduce, scale, tables, branches, products, misc, convolution, pooling, batchnorm, spatial, more, fractionalPooling, lpPooling]
    .flatMap((m) => Object.values(m))
    .filter((v): v is typeof Module => typeof v === 'function' && v.prototype instanceof Module && v !== convolution.ConvolutionBase),
  SpatialConvolutionMap, SpatialConvolutionLocal, SpatialSubSampling, TemporalSubSampling, SpatialSubtractiveNormalization,
  SpatialDivisiveNormalization, SpatialContrastiveNormalization, VolumetricReplicationPadding, WeightedEuclidean, ClassSimplexCriterion,
  MSECriterion, AbsCriterion, SmoothL1Criterion, ClassNLLCriterion, CrossEntropyCriterion, BCECriterion,
  ...Object.values(margin), ...Object.values(combine),
])
  registerModuleClass(cls);
