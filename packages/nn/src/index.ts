/**
 * @torch/nn: modules (containers of named children, parameters and buffers, with hooks), layers,
 * losses, `functional`, `init` and `utils`. Users reach it as `torch.nn` through the umbrella package.
 * @example
 * import * as torch from 'torch';
 * const { nn } = torch;
 * const mlp = new nn.Sequential(new nn.Linear(784, 256), new nn.ReLU(), new nn.Linear(256, 10));
 * const loss = new nn.CrossEntropyLoss().forward(mlp.forward(x), target);
 * loss.backward();
 * @packageDocumentation
 */
export { Variable } from '@torch/autograd';
export { Module, type RemovableHandle, type ForwardHook, type ForwardPreHook, type BackwardHook, type StateDict, type LoadStateDictResult } from './module';
export { Parameter } from './parameter';
export { Container } from './containers/container';
export { Sequential } from './containers/sequential';
export { ModuleList } from './containers/module-list';
export { ModuleDict } from './containers/module-dict';
export { ParameterList, ParameterDict } from './containers/parameter-list';
export { Linear, Bilinear, Identity, type LinearOptions } from './modules/linear';
export {
  ReLU, ReLU6, Threshold, Hardtanh, LeakyReLU, ELU, SELU, RReLU, PReLU, Sigmoid, Tanh, LogSigmoid, Softsign, Tanhshrink,
  Softplus, Softshrink, Hardshrink, Softmax, Softmin, LogSoftmax, Softmax2d, GELU,
} from './modules/activation';
export { Dropout, Dropout2d, Dropout3d, AlphaDropout } from './modules/dropout';
export { Embedding, EmbeddingBag, type EmbeddingModuleOptions, type EmbeddingBagModuleOptions } from './modules/embedding';
export { LayerNorm, GroupNorm, LocalResponseNorm, CrossMapLRN2d } from './modules/normalization';
export {
  ConstantPad1d, ConstantPad2d, ConstantPad3d, ZeroPad2d, ReflectionPad1d, ReflectionPad2d, ReplicationPad1d,
  ReplicationPad2d, ReplicationPad3d, PixelShuffle, Upsample,
} from './modules/vision';
export { PairwiseDistance, CosineSimilarity } from './modules/distance';
export {
  L1Loss, MSELoss, SmoothL1Loss, SoftMarginLoss, BCELoss, BCEWithLogitsLoss, NLLLoss, CrossEntropyLoss, KLDivLoss,
  PoissonNLLLoss, HingeEmbeddingLoss, MultiLabelMarginLoss, MultiLabelSoftMarginLoss, MultiMarginLoss,
  MarginRankingLoss, CosineEmbeddingLoss, TripletMarginLoss,
} from './modules/loss';
export { RNNBase, RNN, LSTM, GRU, type RNNOptions } from './modules/rnn';
export { RNNCellBase, RNNCell, LSTMCell, GRUCell, type RNNCellOptions } from './modules/rnn-cell';
export { PackedSequence } from './utils/rnn';
export { Conv1d, Conv2d, Conv3d, ConvTranspose1d, ConvTranspose2d, ConvTranspose3d, type ConvModuleOptions, type ConvTransposeModuleOptions } from './modules/conv';
export {
  MaxPool1d, MaxPool2d, MaxPool3d, AvgPool1d, AvgPool2d, AvgPool3d, AdaptiveAvgPool1d, AdaptiveAvgPool2d, AdaptiveMaxPool1d, AdaptiveMaxPool2d,
  MaxUnpool1d, MaxUnpool2d, MaxUnpool3d,
} from './modules/pooling';
export { FractionalMaxPool2d, type FractionalMaxPool2dOptions } from './modules/fractional-pool';
export { LPPool1d, LPPool2d } from './modules/lp-pool';
export { BatchNorm1d, BatchNorm2d, BatchNorm3d, InstanceNorm1d, InstanceNorm2d, InstanceNorm3d, type NormModuleOptions } from './modules/batchnorm';
export * as functional from './functional/index';
export * as utils from './utils/index';
export * as init from './init';
