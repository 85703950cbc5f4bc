// Typings of the addon's exports. Numbers for each call are written into `meta` first; the layout
// of each call is documented at its binding in src/binding/.

type Data = Float32Array | Float64Array | Uint16Array | BigInt64Array | Int32Array | Int16Array | Int8Array | Uint8Array;

/** Shared argument buffer of every call (1024 doubles), one per JS environment (main thread, each worker). */
export const meta: Float64Array;
/** Registers, for the calling JS environment, the error class thrown when an op gets a detached TypedArray. */
export function setErrorClasses(classes: { detached: new (message: string) => Error }): void;
/** How the OpenBLAS kernel set was chosen before load (see blas-coretype.js). */
export const openblasCoretypeChoice: { coretype: string | null; reason: 'user' | 'torch-env' | 'avx512' | 'openblas' | 'opt-out' | 'worker-thread' | 'already-loaded' };

/** Elementwise op over strided operands; meta = [op, dtype, p0, p1, ndim, sizes..., per operand: dtype, offset, scalar, strides...]. */
export function elementwise(out: Data, a?: Data | null, b?: Data | null, c?: Data | null): void;
/** Elementwise op over contiguous same-dtype operands; meta = [op, dtype, n, p0, p1, outOffset, per input: offset, scalar]. */
export function elementwise1d(out: Data, a?: Data | null, b?: Data | null, c?: Data | null): void;

/** How large buffers are allocated (see docs/native.md). */
export const mallocPolicy: string;

/**
 * Called for each large storage: asks for transparent huge pages on the C heap's memory added since the last
 * call, and on the 2 MiB-aligned part of `data` when it is 4 MiB or more (Linux; no-op elsewhere).
 */
export function adviseHugePages(data: Data): void;

export function setNumThreads(n: number): void;
export function getNumThreads(): number;
/** SIMD level the elementwise loops were selected for: 'avx512' | 'avx2' | 'baseline'. */
export function simdLevel(): string;
/** out[i] = start + i*step for i < n, computed in double. */
export function arange(out: Data, dtype: number, n: number, start: number, step: number): void;
/** n points from start to end inclusive. */
export function linspace(out: Data, dtype: number, n: number, start: number, end: number): void;

/** mt19937 state: a Uint32Array of 625 words (624 + index). */
export function mtSeed(state: Uint32Array, seed: number | bigint): void;
export function mtUniform(state: Uint32Array): number;
/** kind 0: uniform [a, b); kind 1: normal(mean a, std b). */
export function fillRandom(state: Uint32Array, kind: 0 | 1, out: Data, dtype: number, n: number, a: number, b: number): void;

// --- dense matrix products (src/binding/blas_binding.cc) ---------------------------------------
/**
 * Batched matrix product: for each batch i, out[i] = beta*out[i] + alpha * a[i] (m x k) @ b[i] (k x n).
 * All arrays hold the dtype's storage. meta = [dtype, batch, m, n, k, alpha, beta,
 * aOffset, aBatchStride, aRowStride, aColStride, bOffset, bBatchStride, bRowStride, bColStride,
 * outOffset, outBatchStride, outRowStride, outColStride, accumulateBatches] (offsets/strides in elements;
 * batch stride 0 broadcasts). beta == 0 never reads out. accumulateBatches = 1: out is one m x n matrix
 * receiving beta*out + alpha * sum_i a[i] @ b[i] (addbmm). Throws RangeError (a view outside its array)
 * or TypeError (wrong array type).
 */
export function bmm(out: Data, a: Data, b: Data): void;
/** The GEMM library in use: OpenBLAS (with its kernel set and build config) or the addon's builtin kernel. */
export function blasInfo(): { library: 'openblas' | 'builtin'; coretype: string | null; config: string | null; threads: number };
/** OpenBLAS's thread count (openblas_set_num_threads); no-op for the builtin kernel, which uses the addon's pool. */
export function setBlasThreads(n: number): void;

// --- sorting and selection (src/binding/sort_binding.cc) -----------------------------------------
/**
 * Sort-family op along one dim of a strided tensor. meta = [kind (0 sort, 1 topk, 2 kthvalue, 3 median,
 * 4 mode), dtype, ndim, dim, k (topk: count; kthvalue: 0-based rank), descending/largest (0/1),
 * inputOffset, valuesOffset, indicesOffset, sizes[ndim], inputStrides[ndim], valuesStrides[ndim],
 * indicesStrides[ndim]]. Outputs have the input's sizes except along dim (n, k or 1); values has the
 * input's dtype, indices is int64; a null output is skipped. Throws RangeError (extent, k) or TypeError.
 */
export function sort(input: Data, values: Data | null, indices: Data | null): void;
/**
 * Unique elements of a contiguous array, ascending; returns their count. meta = [dtype, n, inputOffset];
 * values (the input's dtype), inverse and counts (int64) hold at least n elements; inverse/counts may be null.
 */
export function unique(input: Data, values: Data, inverse: Data | null, counts: Data | null): number;
// --- LAPACK (src/binding/lapack_binding.cc) ----------------------------------------------------
/**
 * One batched LAPACK routine on fresh contiguous column-major float32/float64 arrays, in place.
 * meta = [op, dtype (0 float32, 1 float64), batch, m, n, k, p0, p1, p2]; op and the arrays each one
 * needs are listed at LapackOp in src/kernels/lapack.h (unused arrays may be omitted). Returns null,
 * or [batchIndex, info] for the first matrix LAPACK reported a failure for. Throws RangeError (an
 * array too short, sizes beyond LAPACK's 32-bit integers), TypeError (wrong array type) or Error
 * (the addon was built without LAPACK).
 */
export function lapack(a: Float32Array | Float64Array, b?: Float32Array | Float64Array, c?: Float32Array | Float64Array, d?: Float32Array | Float64Array): [number, number] | null;
/** Where LAPACK comes from: 'openblas', 'lapack' (the system's liblapack) or null (none in this build). */
export function lapackLibrary(): 'openblas' | 'lapack' | null;
// --- join ops: cat, histc (src/binding/join_binding.cc) ----------------------------------------
/**
 * Copies contiguous parts into the columns of `outer` output rows `dstRowStride` apart, part j's row
 * `inner_j` elements long, after the columns of the parts before it; all arrays hold `dtype`, at most
 * 128 parts. meta = [dtype, outer, dstRowStride, dstOffset, parts, (offset_j, inner_j) per part].
 */
export function cat(out: TypedArray, parts: TypedArray[]): void;
/** Counts input into bins equal bins over [lo, hi] (PyTorch 1.13 histc); meta = [dtype, n, inOffset, histOffset, bins, lo, hi]. */
export function histc(hist: Float32Array | Float64Array, input: Float32Array | Float64Array): void;
// --- random (src/binding/random_binding.cc) ----------------------------------------------------------
/**
 * Fills a contiguous run of out from a fresh Philox stream keyed by the generator. meta = [dist, dtype, n, offset,
 * a, b, fromHi, fromLo, rangeHi, rangeLo]; dist: 0 uniform [a, b), 1 normal(a, b), 2 exponential(a), 3 geometric(a),
 * 4 cauchy(a, b), 5 logNormal(a, b), 6 bernoulli(a), 7 integers from + [0, range) (64-bit halves; range 0 = 2^64).
 */
export function randomFill(state: Uint32Array, out: Data): void;
/** out[i] = Bernoulli(p[i]); meta = [dtype, n, outOffset, pDtype (float32/float64), pOffset]. Returns -1, or the first bad p index (nothing written). */
export function bernoulliTensor(state: Uint32Array, out: Data, p: Data): number;
/** A random permutation of 0..n-1; meta = [dtype, n, offset]. */
export function randperm(state: Uint32Array, out: Data): void;
/**
 * rows x numSamples category indices; meta = [rows, cats, numSamples, replacement, probsOffset, outOffset].
 * Returns [code, row]: 0 ok, 1 negative/NaN, 2 infinite, 3 zero sum, 4 too few non-zero categories (nothing written).
 */
export function multinomial(state: Uint32Array, out: BigInt64Array, probs: Float64Array): [number, number];
// --- reductions and scans (src/binding/reduce_binding.cc) --------------------------------------
/**
 * Reduction over the flagged dims of a strided tensor. meta = [op (0 sum, 1 mean, 2 prod, 3 max, 4 min,
 * 5 argmax, 6 argmin, 7 norm, 8 var, 9 std, 10 all, 11 any, 12 logsumexp), dtype, ndim, inputOffset,
 * outOffset, indicesOffset, p (norm order / var correction), sizes[ndim], inputStrides[ndim],
 * reducedFlags[ndim]]. out is contiguous over the kept dims, of the op's output type (sum/mean/prod:
 * float32, float64 or int64; max/min/arg*: the input's compute type, float32 for float16, uint8 for bool;
 * norm/logsumexp: float32/float64; var/std: float64; all/any: uint8). indices (argmax/argmin, which reduce
 * exactly one dim) is int64, laid out like out. Throws TypeError (unsupported dtype, wrong array type) or
 * RangeError (a view outside its array, max/min/arg* of zero elements).
 */
export function reduce(input: Data, out: Data, indices: Data | null): void;
/**
 * cumsum (op 0) / cumprod (op 1) along dim. meta = [op, dtype, ndim, dim, inputOffset, outOffset,
 * sizes[ndim], inputStrides[ndim]]; out is contiguous with the input's sizes: float32 for
 * float32/float16, float64, int64 for integers and bool.
 */
export function scan(input: Data, out: Data): void;
// --- softmax (src/binding/reduce_binding.cc) ----------------------------------------------------
/**
 * softmax (op 0) / logSoftmax (op 1) along dim of a float32 or float64 tensor. meta = [op, dtype, ndim,
 * dim, inputOffset, outOffset, sizes[ndim], inputStrides[ndim]]; out is contiguous with the input's sizes
 * and dtype. Throws TypeError for other dtypes, RangeError for a view outside its array.
 */
export function softmax(input: Data, out: Data): void;
// --- indexing (src/binding/index_binding.cc) ---------------------------------------------------
/**
 * Indexed gather/scatter over strided operands of one dtype. meta = [mode (0 gather dst[i] = src[i + off],
 * 1 scatter dst[i + off] = src[i], 2 scatter-add dst[i + off] += alpha*src[i], 3 scatter-multiply), dtype, ndim,
 * nidx, negative (0/1: indices in [-size, 0) count from the end), alpha, dstOffset, srcOffset, sizes[ndim],
 * dstStrides[ndim], srcStrides[ndim], then per index tensor: offset, bound (size of the dim it selects along),
 * selfStride (that dim's stride in the indexed operand), strides[ndim] over the iteration shape];
 * off = sum_k index_k * selfStride_k. Scatter modes check every index before writing anything; a gather checks each run of indices just before using it (dst may then be partly written). Returns null, or
 * [which index tensor, the bad value]. Throws RangeError (an operand reaching outside its
 * array) or TypeError (wrong array type, an index sharing memory with a scatter's destination).
 */
export function index(dst: Data, src: Data, indices: BigInt64Array[]): null | [number, bigint];
/**
 * Mask ops over a broadcast shape. meta = [mode (0 count, 1 select, 2 fill, 3 scatter, 4 nonzero), dtype, ndim,
 * selfOffset, maskOffset, outOffset, srcOffset, sizes[ndim], selfStrides[ndim], maskStrides[ndim]]. mask is a
 * bool/uint8 Uint8Array (null for nonzero, which tests self != 0). Select writes the selected self elements into
 * out (contiguous); fill writes src[srcOffset] where the mask is set; scatter writes src's elements in order;
 * nonzero writes int64 coordinates [count, ndim] into out. Returns the count (0 for fill); throws RangeError when
 * out/src are too small (nothing written).
 */
export function mask(self: Data, mask: Uint8Array | null, out: Data | null, src: Data | null): number;
// --- nn layers (src/binding/nn_binding.cc; the parameter layouts are documented there) ----------
/** Convolution forward: output = conv(input, weight) + bias. p: conv parameter layout. */
export function convForward(p: Float64Array, input: Data, weight: Data, bias: Data | null, output: Data): void;
/** Convolution input gradient (gradInput overwritten). */
export function convGradInput(p: Float64Array, gradOutput: Data, weight: Data, gradInput: Data): void;
/** Convolution parameter gradients, accumulated with the scale p[20]. */
export function convAccGradParameters(p: Float64Array, input: Data, gradOutput: Data, gradWeight: Data | null, gradBias: Data | null): void;
/** A pooling kernel (kind 0..8: max, avg, adaptive, unpool forward/backward). RangeError for an index outside its plane. */
export function pool(kind: number, p: Float64Array, a: Data, b: Data, c: Data | null): void;
/** Fractional max pooling 2d: output and indices written; `p` as pool's with four offsets at [22..25]. */
export function fractionalMaxPool2d(p: Float64Array, input: Data, samples: Data, output: Data, indices: BigInt64Array): void;
/** Batch norm: kind 0 train, 1 eval, 2 backward, each with its tensor list. */
export function batchNorm(kind: number, p: Float64Array, ...tensors: (Data | null)[]): void;

/** CRC-32 (zlib's) of `data` continuing from `crc` (0 to start): PCLMULQDQ folding or slicing-by-8, split across threads. */
export function crc32(data: Uint8Array, crc: number): number;
/** Which CRC-32 kernel this CPU runs: 'pclmul' | 'table'. */
export function crc32Kernel(): string;
