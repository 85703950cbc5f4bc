// Batched matrix products for every dtype (see gemm.h). float32/float64 call OpenBLAS when the addon
// was built with it, after copying any operand whose layout BLAS cannot take into a contiguous
// scratch buffer; otherwise they use the builtin kernel (gemm_builtin.cc). float16 computes in float32.
// Integer types accumulate in uint64 (wrap-around, exact modulo 2^bits like the narrow type itself);
// bool is "any product true".
#include "gemm.h"

#include <algorithm>
#include <atomic>
#include <climits>
#include <cmath>
#include <mutex>
#include <vector>

#include "threadpool.h"

#ifdef TN_HAVE_OPENBLAS
#include <cblas.h>
#endif

namespace torch_native {
namespace {

// Below this many multiply-adds a product runs on one thread (OpenBLAS uses the same threshold:
// SMP_THRESHOLD_MIN * GEMM_MULTITHREAD_THRESHOLD), so small batched products are split across batches.
constexpr double kSmallGemm = 65536.0 * 4;

template <typename T>
T* matrixAt(const MatrixOperand& o, int64_t batch) {
  return reinterpret_cast<T*>(o.data) + o.offset + batch * o.batchStride;
}

template <typename T>
T* scratch(std::vector<T>& v, int64_t n) {
  if (static_cast<int64_t>(v.size()) < n) v.resize(static_cast<size_t>(n));
  return v.data();
}

// Per-thread scratch buffers are kept between calls, unless they grew past 64 MiB.
template <typename T>
struct ScratchRelease {
  std::vector<T>& v;
  ~ScratchRelease() {
    if (v.capacity() * sizeof(T) > (size_t(64) << 20)) std::vector<T>().swap(v);
  }
};

// ---------------------------------------------------------------------------------------------
// float32 / float64

#ifdef TN_HAVE_OPENBLAS
// Can a rows x cols matrix with these strides be passed to row-major CBLAS, possibly transposed?
// Strides of a dimension of size 1 do not matter, so they are replaced by whatever makes it valid.
bool blasLayout(int64_t rows, int64_t cols, int64_t rs, int64_t cs, CBLAS_TRANSPOSE& trans, int64_t& ld) {
  int64_t nrs = rows <= 1 ? std::max<int64_t>(1, cols) : rs;
  int64_t ncs = cols <= 1 ? 1 : cs;
  if (ncs == 1 && nrs >= std::max<int64_t>(1, cols) && nrs <= INT_MAX) {
    trans = CblasNoTrans;
    ld = nrs;
    return true;
  }
  int64_t trs = rows <= 1 ? 1 : rs;
  int64_t tcs = cols <= 1 ? std::max<int64_t>(1, rows) : cs;
  if (trs == 1 && tcs >= std::max<int64_t>(1, rows) && tcs <= INT_MAX) {
    trans = CblasTrans;
    ld = tcs;
    return true;
  }
  return false;
}

inline void gemv(CBLAS_TRANSPOSE t, int64_t rows, int64_t cols, float alpha, const float* a, int64_t lda,
                 const float* x, int64_t incx, float* y, int64_t incy) {
  cblas_sgemv(CblasRowMajor, t, rows, cols, alpha, a, lda, x, incx, 1.0f, y, incy);
}
inline void gemv(CBLAS_TRANSPOSE t, int64_t rows, int64_t cols, double alpha, const double* a, int64_t lda,
                 const double* x, int64_t incx, double* y, int64_t incy) {
  cblas_dgemv(CblasRowMajor, t, rows, cols, alpha, a, lda, x, incx, 1.0, y, incy);
}
inline void gemm(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int64_t m, int64_t n, int64_t k, float alpha, const float* a,
                 int64_t lda, const float* b, int64_t ldb, float beta, float* c, int64_t ldc) {
  cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
inline void gemm(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int64_t m, int64_t n, int64_t k, double alpha,
                 const double* a, int64_t lda, const double* b, int64_t ldb, double beta, double* c, int64_t ldc) {
  cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

// Row-major C (ldc) = beta*C + alpha * op(A) @ op(B); a matrix-vector product goes to gemv, which
// does not pack the matrix. gemv gets beta applied here (zeros when beta == 0, never reading C).
template <typename T>
void blasCall(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int64_t m, int64_t n, int64_t k, T alpha, const T* a,
              int64_t lda, const T* b, int64_t ldb, T beta, T* c, int64_t ldc) {
  if (m == 1 || n == 1) {
    int64_t len = m == 1 ? n : m, inc = m == 1 ? 1 : ldc;
    for (int64_t i = 0; i < len; i++) c[i * inc] = beta == T(0) ? T(0) : beta * c[i * inc];
    if (m == 1) {  // c[j] = sum_p a[p] B[p, j]
      int64_t incx = ta == CblasNoTrans ? 1 : lda;
      if (tb == CblasNoTrans) gemv(CblasTrans, k, n, alpha, b, ldb, a, incx, c, 1);
      else gemv(CblasNoTrans, n, k, alpha, b, ldb, a, incx, c, 1);
    } else {  // c[i] = sum_p A[i, p] b[p]
      int64_t incx = tb == CblasNoTrans ? ldb : 1;
      if (ta == CblasNoTrans) gemv(CblasNoTrans, m, k, alpha, a, lda, b, incx, c, ldc);
      else gemv(CblasTrans, k, m, alpha, a, lda, b, incx, c, ldc);
    }
    return;
  }
  gemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

// Products run on the addon's pool, OpenBLAS itself single-threaded: with both pools on the same
// cores, OpenBLAS's spinning workers and ours slowed a 64x784x256 product between elementwise ops
// 1.5-2x, and OpenBLAS's own split of a 784x64x256 product was slower than one thread.
[[maybe_unused]] const bool openblasSingleThreaded = (openblas_set_num_threads(1), true);
// Threads a product may use (setBlasThreads); 0: as many as the pool has.
// Process-wide like the pool it sizes; atomic because any JS thread may set or read it.
std::atomic<int> blasThreads{0};
int productThreads() {
  const int b = blasThreads.load(std::memory_order_relaxed);
  return b > 0 ? std::min(b, getNumThreads()) : getNumThreads();
}

// blasCall on one panel of C per pool thread, split along C's longer side. (Smaller panels taken
// dynamically, so that a late-waking worker computes fewer, measured no faster: each repacks an operand.)
template <typename T>
void blasCallSplit(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int64_t m, int64_t n, int64_t k, T alpha, const T* a,
                   int64_t lda, const T* b, int64_t ldb, T beta, T* c, int64_t ldc, bool parallel) {
  const double work = static_cast<double>(m) * static_cast<double>(n) * static_cast<double>(k);
  const int64_t threads = parallel ? std::max<int64_t>(1, std::min<int64_t>(productThreads(), static_cast<int64_t>(work / kSmallGemm))) : 1;
  const bool rows = m >= n;
  const int64_t along = rows ? m : n;
  // Panels are whole multiples of 16 rows/columns, the widest OpenBLAS micro-kernel.
  const int64_t chunk = ((along + threads - 1) / threads + 15) / 16 * 16;
  const int64_t parts = (along + chunk - 1) / chunk;
  if (parts <= 1) {
    blasCall(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    return;
  }
  parallelFor(parts, 1, [&](int64_t lo, int64_t hi) {
    for (int64_t p = lo; p < hi; p++) {
      const int64_t s = p * chunk, len = std::min(along, s + chunk) - s;
      if (rows) blasCall(ta, tb, len, n, k, alpha, ta == CblasNoTrans ? a + s * lda : a + s, lda, b, ldb, beta, c + s * ldc, ldc);
      else blasCall(ta, tb, m, len, k, alpha, a, lda, tb == CblasNoTrans ? b + s : b + s * ldb, ldb, beta, c + s, ldc);
    }
  });
}
#endif

// Contiguous row-major copy of a strided rows x cols matrix.
template <typename T>
void packContiguous(const T* src, int64_t rows, int64_t cols, int64_t rs, int64_t cs, T* dst) {
  for (int64_t r = 0; r < rows; r++) {
    const T* s = src + r * rs;
    T* d = dst + r * cols;
    if (cs == 1) std::copy(s, s + cols, d);
    else for (int64_t c = 0; c < cols; c++) d[c] = s[c * cs];
  }
}

template <typename T>
void unpackContiguous(const T* src, int64_t rows, int64_t cols, T* dst, int64_t rs, int64_t cs) {
  for (int64_t r = 0; r < rows; r++)
    for (int64_t c = 0; c < cols; c++) dst[r * rs + c * cs] = src[r * cols + c];
}

// C = beta*C + alpha*A@B for strided matrices, m, n, k > 0. `parallel` allows threads (OpenBLAS's
// own, or the pool for the builtin kernel); false when the caller already splits work across threads.
template <typename T>
void gemmStrided(int64_t m, int64_t n, int64_t k, T alpha, const T* a, int64_t ars, int64_t acs, const T* b,
                 int64_t brs, int64_t bcs, T beta, T* c, int64_t crs, int64_t ccs, bool parallel) {
#ifdef TN_HAVE_OPENBLAS
  if (m <= INT_MAX && n <= INT_MAX && k <= INT_MAX) {
    CBLAS_TRANSPOSE tc;
    int64_t ldc;
    if (!blasLayout(m, n, crs, ccs, tc, ldc)) {
      // out is neither row- nor column-major: compute into a contiguous buffer.
      thread_local std::vector<T> cbuf;
      ScratchRelease<T> release{cbuf};
      T* tmp = scratch(cbuf, m * n);
      if (beta != T(0)) packContiguous(c, m, n, crs, ccs, tmp);
      gemmStrided(m, n, k, alpha, a, ars, acs, b, brs, bcs, beta, tmp, n, int64_t(1), parallel);
      unpackContiguous(tmp, m, n, c, crs, ccs);
      return;
    }
    if (tc == CblasTrans) {
      // out is column-major: out^T (n x m, row-major with leading dimension ldc) = b^T @ a^T.
      std::swap(m, n);
      std::swap(a, b);
      std::swap(ars, bcs);
      std::swap(acs, brs);
    }
    CBLAS_TRANSPOSE ta, tb;
    int64_t lda, ldb;
    thread_local std::vector<T> abuf, bbuf;
    ScratchRelease<T> releaseA{abuf}, releaseB{bbuf};
    if (!blasLayout(m, k, ars, acs, ta, lda)) {
      T* tmp = scratch(abuf, m * k);
      packContiguous(a, m, k, ars, acs, tmp);
      a = tmp, ta = CblasNoTrans, lda = std::max<int64_t>(1, k);
    }
    if (!blasLayout(k, n, brs, bcs, tb, ldb)) {
      T* tmp = scratch(bbuf, k * n);
      packContiguous(b, k, n, brs, bcs, tmp);
      b = tmp, tb = CblasNoTrans, ldb = std::max<int64_t>(1, n);
    }
    blasCallSplit(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, parallel);
    return;
  }
#endif
  builtinGemm(m, n, k, alpha, a, ars, acs, b, brs, bcs, beta, c, crs, ccs, parallel);
}

// out = beta*out (zeros when beta == 0, without reading out), for every out matrix of the call.
template <typename T, typename Compute, typename Load, typename Store>
void scaleOut(const BmmCall& c, Compute beta, Load load, Store store) {
  int64_t batches = c.accumulateBatches ? 1 : c.batch;
  for (int64_t bi = 0; bi < batches; bi++) {
    T* o = matrixAt<T>(c.out, bi);
    for (int64_t i = 0; i < c.m; i++)
      for (int64_t j = 0; j < c.n; j++) {
        T& x = o[i * c.out.rowStride + j * c.out.colStride];
        x = store(beta == Compute(0) ? Compute(0) : beta * load(x));
      }
  }
}

template <typename T>
void floatBmm(const BmmCall& c) {
  const T alpha = static_cast<T>(c.alpha), beta = static_cast<T>(c.beta);
  if (c.k == 0 || alpha == T(0) || c.batch == 0) {
    scaleOut<T>(c, beta, [](T x) { return x; }, [](T x) { return x; });
    return;
  }
  const MatrixOperand &A = c.a, &B = c.b, &O = c.out;
  if (c.accumulateBatches) {
    T* out = matrixAt<T>(O, 0);
    for (int64_t i = 0; i < c.batch; i++)
      gemmStrided<T>(c.m, c.n, c.k, alpha, matrixAt<T>(A, i), A.rowStride, A.colStride, matrixAt<T>(B, i),
                     B.rowStride, B.colStride, i == 0 ? beta : T(1), out, O.rowStride, O.colStride, true);
    return;
  }
  auto one = [&](int64_t i, bool parallel) {
    gemmStrided<T>(c.m, c.n, c.k, alpha, matrixAt<T>(A, i), A.rowStride, A.colStride, matrixAt<T>(B, i), B.rowStride,
                   B.colStride, beta, matrixAt<T>(O, i), O.rowStride, O.colStride, parallel);
  };
  double work = static_cast<double>(c.m) * static_cast<double>(c.n) * static_cast<double>(c.k);
  if (c.batch > 1 && work < kSmallGemm && getNumThreads() > 1) {
    int64_t grain = std::max<int64_t>(1, static_cast<int64_t>(kSmallGemm / std::max(1.0, work)));
    parallelFor(c.batch, grain, [&](int64_t lo, int64_t hi) {
      for (int64_t i = lo; i < hi; i++) one(i, false);
    });
  } else {
    for (int64_t i = 0; i < c.batch; i++) one(i, true);
  }
}

// ---------------------------------------------------------------------------------------------
// float16: gather into float32, multiply there, round once on store.

void gatherHalf(const uint16_t* src, int64_t rows, int64_t cols, int64_t rs, int64_t cs, float* dst) {
  for (int64_t r = 0; r < rows; r++)
    for (int64_t j = 0; j < cols; j++) dst[r * cols + j] = halfToFloat(src[r * rs + j * cs]);
}

void scatterHalf(const float* src, int64_t rows, int64_t cols, uint16_t* dst, int64_t rs, int64_t cs) {
  for (int64_t r = 0; r < rows; r++)
    for (int64_t j = 0; j < cols; j++) dst[r * rs + j * cs] = floatToHalf(src[r * cols + j]);
}

void halfBmm(const BmmCall& c) {
  const float alpha = static_cast<float>(c.alpha), beta = static_cast<float>(c.beta);
  if (c.k == 0 || alpha == 0.0f || c.batch == 0) {
    scaleOut<uint16_t>(c, beta, [](uint16_t x) { return halfToFloat(x); }, [](float x) { return floatToHalf(x); });
    return;
  }
  const int64_t m = c.m, n = c.n, k = c.k;
  std::vector<float> a32(m * k), b32(k * n), c32(m * n);
  const MatrixOperand &A = c.a, &B = c.b, &O = c.out;
  int64_t outBatches = c.accumulateBatches ? 1 : c.batch;
  int64_t perOut = c.accumulateBatches ? c.batch : 1;
  for (int64_t ob = 0; ob < outBatches; ob++) {
    uint16_t* out = matrixAt<uint16_t>(O, ob);
    if (beta != 0.0f) gatherHalf(out, m, n, O.rowStride, O.colStride, c32.data());
    for (int64_t t = 0; t < perOut; t++) {
      int64_t i = ob * perOut + t;
      gatherHalf(matrixAt<uint16_t>(A, i), m, k, A.rowStride, A.colStride, a32.data());
      gatherHalf(matrixAt<uint16_t>(B, i), k, n, B.rowStride, B.colStride, b32.data());
      gemmStrided<float>(m, n, k, alpha, a32.data(), k, 1, b32.data(), n, 1, t == 0 ? beta : 1.0f, c32.data(), n, 1,
                         true);
    }
    scatterHalf(c32.data(), m, n, out, O.rowStride, O.colStride);
  }
}

// ---------------------------------------------------------------------------------------------
// Integers and bool: exact loops.

int64_t toInt64(double v) {
  if (!(std::fabs(v) < 9.2e18)) return 0;
  return static_cast<int64_t>(v);
}

template <typename S>
void intBmm(const BmmCall& c) {
  using U = uint64_t;  // unsigned, so overflow wraps; the low bits equal the narrow type's wrap-around
  const U alpha = static_cast<U>(toInt64(c.alpha)), beta = static_cast<U>(toInt64(c.beta));
  const int64_t m = c.m, n = c.n, k = c.k;
  const MatrixOperand &A = c.a, &B = c.b, &O = c.out;
  const int64_t rows = c.accumulateBatches ? m : c.batch * m;
  const int64_t perRow = std::max<int64_t>(1, n * std::max<int64_t>(1, k) * (c.accumulateBatches ? c.batch : 1));
  parallelFor(rows, std::max<int64_t>(1, kGrainSize / perRow), [&](int64_t lo, int64_t hi) {
    std::vector<U> acc(static_cast<size_t>(n));
    for (int64_t r = lo; r < hi; r++) {
      int64_t b0 = c.accumulateBatches ? 0 : r / m, b1 = c.accumulateBatches ? c.batch : b0 + 1;
      int64_t i = c.accumulateBatches ? r : r % m;
      std::fill(acc.begin(), acc.end(), U(0));
      for (int64_t bi = b0; bi < b1; bi++) {
        const S* arow = matrixAt<S>(A, bi) + i * A.rowStride;
        const S* bm = matrixAt<S>(B, bi);
        for (int64_t p = 0; p < k; p++) {
          U av = static_cast<U>(static_cast<int64_t>(arow[p * A.colStride]));
          if (av == 0) continue;
          const S* brow = bm + p * B.rowStride;
          if (B.colStride == 1) {
            for (int64_t j = 0; j < n; j++) acc[j] += av * static_cast<U>(static_cast<int64_t>(brow[j]));
          } else {
            for (int64_t j = 0; j < n; j++) acc[j] += av * static_cast<U>(static_cast<int64_t>(brow[j * B.colStride]));
          }
        }
      }
      S* orow = matrixAt<S>(O, c.accumulateBatches ? 0 : b0) + i * O.rowStride;
      for (int64_t j = 0; j < n; j++) {
        S& x = orow[j * O.colStride];
        U v = alpha * acc[j];
        if (beta != 0) v += beta * static_cast<U>(static_cast<int64_t>(x));
        x = static_cast<S>(v);  // modular conversion (C++20)
      }
    }
  });
}

void boolBmm(const BmmCall& c) {
  const bool alpha = c.alpha != 0, beta = c.beta != 0;
  const int64_t m = c.m, n = c.n, k = c.k;
  const MatrixOperand &A = c.a, &B = c.b, &O = c.out;
  const int64_t rows = c.accumulateBatches ? m : c.batch * m;
  const int64_t perRow = std::max<int64_t>(1, n * std::max<int64_t>(1, k) * (c.accumulateBatches ? c.batch : 1));
  parallelFor(rows, std::max<int64_t>(1, kGrainSize / perRow), [&](int64_t lo, int64_t hi) {
    std::vector<uint8_t> acc(static_cast<size_t>(n));
    for (int64_t r = lo; r < hi; r++) {
      int64_t b0 = c.accumulateBatches ? 0 : r / m, b1 = c.accumulateBatches ? c.batch : b0 + 1;
      int64_t i = c.accumulateBatches ? r : r % m;
      std::fill(acc.begin(), acc.end(), uint8_t(0));
      if (alpha) {
        for (int64_t bi = b0; bi < b1; bi++) {
          const uint8_t* arow = matrixAt<uint8_t>(A, bi) + i * A.rowStride;
          const uint8_t* bm = matrixAt<uint8_t>(B, bi);
          for (int64_t p = 0; p < k; p++) {
            if (!arow[p * A.colStride]) continue;
            const uint8_t* brow = bm + p * B.rowStride;
            for (int64_t j = 0; j < n; j++) acc[j] |= brow[j * B.colStride] != 0;
          }
        }
      }
      uint8_t* orow = matrixAt<uint8_t>(O, c.accumulateBatches ? 0 : b0) + i * O.rowStride;
      for (int64_t j = 0; j < n; j++) {
        uint8_t& x = orow[j * O.colStride];
        x = static_cast<uint8_t>(acc[j] || (beta && x != 0));
      }
    }
  });
}

}  // namespace

void runBmm(const BmmCall& c) {
  if (c.m == 0 || c.n == 0) return;
  if (c.batch == 0 && !c.accumulateBatches) return;
  switch (c.dtype) {
    case DType::F32: floatBmm<float>(c); break;
    case DType::F64: floatBmm<double>(c); break;
    case DType::F16: halfBmm(c); break;
    case DType::I64: intBmm<int64_t>(c); break;
    case DType::I32: intBmm<int32_t>(c); break;
    case DType::I16: intBmm<int16_t>(c); break;
    case DType::I8: intBmm<int8_t>(c); break;
    case DType::U8: intBmm<uint8_t>(c); break;
    case DType::Bool: boolBmm(c); break;
  }
}

BlasInfo blasInfo() {
#ifdef TN_HAVE_OPENBLAS
  return BlasInfo{"openblas", openblas_get_corename(), openblas_get_config(), productThreads()};
#else
  return BlasInfo{"builtin", nullptr, nullptr, getNumThreads()};
#endif
}

void setBlasThreads(int n) {
#ifdef TN_HAVE_OPENBLAS
  blasThreads = std::max(1, n);
#else
  (void)n;
#endif
}

#ifdef TN_HAVE_OPENBLAS
// OpenBLAS's thread count is one process-wide setting. LAPACK calls from several JS threads overlap, so
// it is counted: the first raises it, the last puts it back to 1 (otherwise one call's end would drop
// another's threads mid-factorisation, or leave OpenBLAS threaded under the products).
namespace {
std::mutex lapackThreadsMu;
int lapackCallsRunning = 0;
}  // namespace
LapackBlasThreads::LapackBlasThreads() {
  std::lock_guard<std::mutex> lock(lapackThreadsMu);
  if (lapackCallsRunning++ == 0) openblas_set_num_threads(productThreads());
}
LapackBlasThreads::~LapackBlasThreads() {
  std::lock_guard<std::mutex> lock(lapackThreadsMu);
  if (--lapackCallsRunning == 0) openblas_set_num_threads(1);
}
#else
LapackBlasThreads::LapackBlasThreads() {}
LapackBlasThreads::~LapackBlasThreads() {}
#endif

void stridedGemm(int64_t m, int64_t n, int64_t k, float alpha, const float* a, int64_t ars, int64_t acs, const float* b,
                 int64_t brs, int64_t bcs, float beta, float* c, int64_t crs, int64_t ccs, bool parallel) {
  gemmStrided(m, n, k, alpha, a, ars, acs, b, brs, bcs, beta, c, crs, ccs, parallel);
}
void stridedGemm(int64_t m, int64_t n, int64_t k, double alpha, const double* a, int64_t ars, int64_t acs,
                 const double* b, int64_t brs, int64_t bcs, double beta, double* c, int64_t crs, int64_t ccs,
                 bool parallel) {
  gemmStrided(m, n, k, alpha, a, ars, acs, b, brs, bcs, beta, c, crs, ccs, parallel);
}

}  // namespace torch_native
