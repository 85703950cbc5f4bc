/**
 * @torch/core: tensors, storages, dtypes and tensor ops. Users normally import the umbrella
 * package: `import * as torch from 'torch'`.
 * @packageDocumentation
 */
import { installTensorOps, Tensor } from './tensor';
import { elementwiseFunctions, installElementwiseMethods } from './ops/elementwise';
import { installSortMethods } from './ops/sort';
import { installNumpyMethods } from './ops/numpy';
import { installLapackMethods } from './ops/lapack';
import { installLapackLegacyMethods } from './ops/lapack-legacy';
import { installJoinMethods } from './ops/join';
import { installRandomMethods } from './ops/random';
import { installReduceMethods } from './ops/reduce';
import { installSoftmaxMethods } from './ops/softmax';
import { installIndexMethods } from './ops/index_methods';
import { installUtilityMethods } from './ops/utility';
import * as views from './ops/views';
import * as indexing from './ops/indexing';
import * as copy from './ops/copy';
import * as linalg from './ops/linalg';
import * as random from './ops/random';
import { constructTensor } from './ops/construct';
import { installArgChecks, methodSignatures } from './ops/signatures';
import { checkedFunction } from './ops/strict';

// tensor.ts imports no op family at run time (no import cycles): it gets the ones its own methods call here.
installTensorOps({ views, indexing, copy, linalg, random, constructTensor });

// Each op family installs its own methods on Tensor.prototype (their types are merged into the Tensor
// interface in tensor.ts); no two families install the same name.
const proto = Tensor.prototype as unknown as Record<string, unknown>;
for (const install of [
  installElementwiseMethods, installSortMethods, installNumpyMethods, installLapackMethods, installLapackLegacyMethods,
  installJoinMethods, installRandomMethods, installReduceMethods, installSoftmaxMethods, installIndexMethods, installUtilityMethods,
])
  install(proto);
// Every method checks its arguments against its declared signature (ops/signatures.ts); the names of any
// undeclared ones are kept for the test that requires there be none.
/** @internal */
export const undeclaredTensorMethods: readonly string[] = installArgChecks(proto);

export { Tensor, type Index, type NestedArray, type OutOption, type ScaleOptions, type GeneratorOption, type TypeSpec, type DTypeSpec, type DTypeOfSpec } from './tensor';
export * from './dtype';
export * from './errors';
export {
  Storage, FloatStorage, DoubleStorage, HalfStorage, LongStorage, IntStorage, ShortStorage, CharStorage, ByteStorage, BoolStorage,
  type TypedStorageConstructor, storageAllocations, releaseStorage,
} from './storage';
export { emptyBufferPool, reuseBuffers } from './buffer-pool';
export { collectAfterBackward } from './young-gc';
export * from './tensor-types';
export * from './backends';
// Devices and the backend contract (docs/backends.md).
export { Device, type DeviceLike } from './backend/device';
export { device, registerBackend, deviceTypes, type BackendProvider } from './backend/registry';
export type { Backend, AllocationKernels, ElementwiseKernels, ReduceKernels, JoinKernels, IndexKernels, SortKernels, LinalgKernels, CreationKernels } from './backend/contract';
export { cpuBackend } from './backend/cpu';
export { metaBackend } from './backend/meta';
export { tensor, type NestedData, type TensorInit } from './ops/construct';
export * from './ops/creation';
export { registerRequiresGradHook } from './ops/factory';
export type { JoinOutOptions, JoinMethods } from './ops/join';
export { ger } from './ops/linalg';
export {
  lapackLibrary, TorchLinAlgError, type LstsqResult, type SlogdetResult, type SolveLUResult, type TriangularSolveResult, type QrResult, type SvdResult, type EigResult, type UpperOption, type TriangularSolveOptions, type SvdOptions, type SymeigOptions, type LapackMethods,
} from './ops/lapack';
export type { LegacyUpperOption, LapackLegacyMethods, GelsResult } from './ops/lapack-legacy';
export { Generator, defaultGenerator, manualSeed, seed, initialSeed, getRngState, setRngState } from './ops/random';
export { randint, randperm, normal, type RandomMethods, type SamplerOptions, type RandintOptions, type MultinomialOptions, type NormalOptions } from './ops/random';
export type { OutOptions, AlphaOptions, ValueOptions, DivOptions, NanToNumOptions, ElementwiseMethods, ElementwiseFunctions } from './ops/elementwise';
/** The elementwise op table itself (names, op codes, dtype rules): autograd derives Variable methods from it. */
export { unaryOps, binaryOps, ternaryOps } from './ops/elementwise';
export type { ValuesIndices, ValuesIndicesOut, SortOptions, ArgsortOptions, TopkOptions, ReduceDimOptions, UniqueOptions, UniqueResult, UniquePositional, SortMethods } from './ops/sort';
export type { NamedTuple } from './ops/named-tuple';
export type { SumOptions, ProdOptions, VarOptions, NormP, NormOptions, LogicalReduceOptions, LogsumexpOptions, ScanOptions, ReduceMethods } from './ops/reduce';
export type { ArgReduceOptions } from './ops/reduce_minmax';
export type { SoftmaxOptions, SoftmaxMethods } from './ops/softmax';
export type { Dims } from './ops/reduce_core';
// nn layers (convolution, pooling, batch norm): functional, THNN-shaped and backward entries.
export * from './ops/nn/index';
export type { IndexAddOptions, ScatterOptions, PutOptions } from './ops/index_ops';
export type { NonzeroOptions } from './ops/masked';
export type { IndexPutOptions } from './ops/indexing';
export type { IndexMethods } from './ops/index_methods';
export { isStorage, typename, type UtilityMethods } from './ops/utility';
// The everyday composites (issue 10 §2) and the torch.linalg namespace.
export {
  outer, isclose, allclose, tensordot, kron, cdist, meshgrid, cartesianProd, diff, searchsorted, bucketize, bincount, clampMin, clampMax,
  type IscloseOptions, type CdistOptions, type MeshgridOptions, type DiffOptions, type SearchsortedOptions, type BucketizeOptions, type BincountOptions,
} from './ops/everyday';
export { einsum } from './ops/einsum';
export { linalg, type VectorNormOptions, type MatrixNormOptions, type MatrixOrd } from './ops/linalg_ns';
export { registerCompositeHooks, type CompositeHooks } from './ops/composite_args';
export { formatTensor, setPrintOptions, type PrintOptions } from './print';
export { fromNumpy, NdArrayView, type NdArrayDtype, type NdArrayLike, type FromNumpyOptions, type ToTypedArrayOptions, type NumpyMethods } from './ops/numpy';
export { loadNpy, loadNpyAsync, saveNpy, saveNpyAsync, encodeNpy, decodeNpy, parseNpyHeader, NpyFormatError, type NpyHeader, type NpySource } from './io/npy';
export { loadNpz, loadNpzAsync, saveNpz, saveNpzAsync, encodeNpz, decodeNpz, type SaveNpzOptions, type NpzContents } from './io/npz';
export { save, saveSync, load, loadSync, SERIALIZATION_VERSION, type LoadOptions, type MapLocation, type LoadSource, type LoadSourceSync, type SaveTarget, type SaveTargetSync } from './io/serialize';
const fns = elementwiseFunctions(Tensor.prototype as unknown as Record<string, unknown>);
// The functions are checked too (torch.add(a, a, b) is an error, not a dropped argument).
for (const [name, fn] of Object.entries(fns)) (fns as Record<string, unknown>)[name] = checkedFunction(name, methodSignatures().get(name)!, fn);
/**
 * An op of the elementwise table as a function of its first tensor: `torch.erf(t)` is `t.erf()`, with
 * the same options (see the Tensor method of the same name for its description and example).
 * @example torch.add(a, b, { alpha: 2 }); torch.erf(t, { out }); torch.pow(2, t)
 */
export const {
  neg, abs, sign, reciprocal, sqrt, rsqrt, exp, log, log1p, expm1, sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, sigmoid,
  floor, ceil, round, trunc, frac, add, sub, mul, div, atan2, pow, fmod, remainder, minimum, maximum, eq, ne, lt, le, gt, ge,
  lerp, addcmul, addcdiv, clamp,
  erf, erfc, erfinv, log2, log10, exp2, square, isnan, isinf, isfinite, logicalNot, bitwiseNot, nanToNum,
  floorDivide, logicalAnd, logicalOr, logicalXor, bitwiseAnd, bitwiseOr, bitwiseXor,
} = fns;

// The other torch.* functions, each checked against its declared signature (ops/functions.ts).
export * from './ops/functions';
// Strict arguments (docs/arguments.md): the mechanism the other packages reuse for their own signatures.
export {
  parseSignature, checkCall, checkedMethod, checkedFunction, markChecked, checkOptionsObject, signatureOf, didYouMean, unknownOption, resolveDtype, isPlainObject, integerDtypeHint, describeValue,
  type Signature, type OptionKind,
} from './ops/strict';
export { methodSignatures, functionSignature, METHOD_DECLARATIONS, FUNCTION_DECLARATIONS } from './ops/signatures';
