/**
 * torch for TypeScript: `import * as torch from 'torch'`. Re-exports every @torch/* package under
 * PyTorch's names: the tensor library (@torch/core) and `torch.autograd` (@torch/autograd).
 * @example
 * import * as torch from 'torch';
 * const a = torch.randn(2, 3);
 * console.log(String(a.mm(a.t())));
 * @packageDocumentation
 */
export * from '@torch/core';
// These override the same names from @torch/core's star export: they also accept Variables.
export {
  abs, acos, add, addbmm, addcdiv, addcmul, addmm, addmv, addr, all, any, argmax, argmin, argsort, asin,
  atan, atan2, baddbmm, bmm, ceil, cholesky, choleskyInverse, choleskySolve, chunk, clamp, clone, cos, cosh,
  cross, cumprod, cumsum, det, diag, dist, div, dot, eig, eq, equal, exp, expm1, flatten, flip, floor, fmod,
  frac, gather, ge, gels, gesv, gt, histc, indexAdd, indexAdd_, indexCopy, indexCopy_, indexFill, indexFill_,
  indexPut, indexPut_, indexSelect, inverse, kthvalue, le, lerp, log, log1p, logdet, logSoftmax, logsumexp, lt,
  maskedFill, maskedFill_, maskedScatter, maskedScatter_, maskedSelect, matmul, matrixPower, max, maximum,
  mean, median, min, minimum, mm, mode, mul, mv, narrow, ne, neg, nonzero, norm, numel, permute, pinverse,
  potrf, potri, potrs, pow, prod, put, put_, qr, reciprocal, remainder, renorm, repeat, reshape, roll, round,
  rsqrt, scatter, scatterAdd, scatterAdd_, scatter_, select, sigmoid, sign, sin, sinh, slogdet, softmax, sort, split,
  sqrt, squeeze, std, sub, sum, svd, symeig, t, take, tan, tanh, topk, trace, transpose, triangularSolve,
  tril, triu, trtrs, trunc, unbind, unfold, unique, unsqueeze, var, view, cat, stack, where, solve, lstsq,
  conv1d, conv2d, conv3d, convTranspose1d, convTranspose2d, convTranspose3d, maxPool1d, maxPool2d, maxPool3d, avgPool1d, avgPool2d, avgPool3d, adaptiveAvgPool1d, adaptiveAvgPool2d, adaptiveMaxPool1d, adaptiveMaxPool2d, maxUnpool1d, maxUnpool2d, maxUnpool3d, batchNorm, instanceNorm,
  fractionalMaxPool2d,
} from './variable-functions';
export {
  erf, erfc, erfinv, log2, log10, exp2, square, isnan, isinf, isfinite, logicalNot, bitwiseNot, nanToNum,
  floorDivide, logicalAnd, logicalOr, logicalXor, bitwiseAnd, bitwiseOr, bitwiseXor,
} from './variable-functions';
export type { WithVariables, ListWithVariables } from './variable-functions';
// The everyday composites and torch.linalg, also for Variables (override @torch/core's star export).
export {
  outer, tensordot, kron, cdist, meshgrid, cartesianProd, diff, clampMin, clampMax, isclose, allclose, searchsorted, bucketize, bincount, einsum, linalg,
  type AlsoVariables,
} from './everyday';
/** Variable, backward, grad, Function, hooks and gradcheck: `torch.autograd.Variable`, ... */
export * as autograd from '@torch/autograd';
export { noGrad, enableGrad, setGradEnabled, isGradEnabled } from '@torch/autograd';
/** `torch.utils.data`: Dataset, DataLoader, samplers, dataset readers (@torch/data). */
export * as utils from './utils';
/** Modules, layers, losses, functional, init and utils: `torch.nn.Linear`, `torch.nn.functional.relu`, ... */
export * as nn from '@torch/nn';
/** Optimizers and lr schedulers: `torch.optim.SGD`, `torch.optim.lrScheduler.StepLR`, ... */
export * as optim from '@torch/optim';
/** The Torch7-era packages: `torch.legacy.optim.sgd`, ... */
export * as legacy from './legacy';
