/**
 * @torch/core: tensors, storages, dtypes and tensor ops. Users normally import the umbrella
 * package: `import * as torch from 'torch'`.
 * @packageDocumentation
 */
import { Tensor } from './tensor';
import { elementwiseFunctions, installElementwiseMethods } from './ops/elementwise';
import { installRandomMethods } from './ops/random';

installElementwiseMethods(Tensor.prototype as unknown as Record<string, unknown>);
installRandomMethods(Tensor.prototype as unknown as Record<string, unknown>);

export { Tensor, type Index, type NestedArray, type OutOption, type ScaleOptions, type GeneratorOption, type TypeSpec } from './tensor';
export * from './dtype';
export * from './errors';
export {
  Storage, FloatStorage, DoubleStorage, HalfStorage, LongStorage, IntStorage, ShortStorage, CharStorage, ByteStorage, BoolStorage,
  type TypedStorageConstructor,
} from './storage';
export * from './tensor-types';
export * from './backends';
export { tensor, type NestedData, type TensorInit } from './ops/construct';
export * from './ops/creation';
export { mm, mv, dot, addmm, addmv, addr, ger, bmm, baddbmm, addbmm, matmul } from './ops/linalg';
export { Generator, defaultGenerator, manualSeed, seed, initialSeed, getRngState, setRngState } from './ops/random';
export { randint, randperm, bernoulli, multinomial, normal, type RandomMethods, type SamplerOptions, type RandintOptions, type MultinomialOptions, type NormalOptions } from './ops/random';
export type { OutOptions, AlphaOptions, ValueOptions, ElementwiseMethods, ElementwiseFunctions } from './ops/elementwise';
export { formatTensor, setPrintOptions, type PrintOptions } from './print';
import * as views from './ops/views';
import { clone as cloneImpl } from './ops/copy';

const fns = elementwiseFunctions(Tensor.prototype as unknown as Record<string, unknown>);
export const {
  neg, abs, sign, reciprocal, sqrt, rsqrt, exp, log, log1p, expm1, sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, sigmoid,
  floor, ceil, round, trunc, frac, add, sub, mul, div, atan2, pow, fmod, remainder, minimum, maximum, eq, ne, lt, le, gt, ge,
  lerp, addcmul, addcdiv, clamp, max, min,
} = fns;

/** @see Tensor.view @example torch.view(t, 2, 3) */
export const view = views.view;
/** @see Tensor.reshape @example torch.reshape(t, [6]) */
export const reshape = views.reshape;
/** @see Tensor.transpose @example torch.transpose(t, 0, 1) */
export const transpose = views.transpose;
/** @see Tensor.t @example torch.t(m) */
export const t = views.t;
/** @see Tensor.permute @example torch.permute(t, 1, 0) */
export const permute = views.permute;
/** @see Tensor.narrow @example torch.narrow(t, 0, 1, 2) */
export const narrow = views.narrow;
/** @see Tensor.select @example torch.select(t, 0, 1) */
export const select = views.select;
/** @see Tensor.unfold @example torch.unfold(t, 0, 2, 1) */
export const unfold = views.unfold;
/** @see Tensor.squeeze @example torch.squeeze(t) */
export const squeeze = views.squeeze;
/** @see Tensor.unsqueeze @example torch.unsqueeze(t, 0) */
export const unsqueeze = views.unsqueeze;
/** @see Tensor.flatten @example torch.flatten(t) */
export const flatten = views.flatten;
/** @see Tensor.clone @example torch.clone(t) */
export const clone = cloneImpl;
