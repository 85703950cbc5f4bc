// Dense (batched) matrix products: out[i] = beta*out[i] + alpha * a[i] @ b[i] for every dtype.
// float32/float64 go to OpenBLAS when the addon was built with it (TN_HAVE_OPENBLAS), otherwise to
// the builtin cache-blocked kernel in gemm_builtin.cc; float16 computes in float32; integer and bool
// types use exact loops (wrap-around, as PyTorch's integer matmul). Plain C++, no N-API.
#pragma once
#include <cstdint>

#include "dtype.h"

namespace torch_native {

// A batch of matrices: element (b, r, c) is data[(offset + b*batchStride + r*rowStride + c*colStride) * itemSize].
struct MatrixOperand {
  char* data = nullptr;  // start of the storage (offset not applied)
  int64_t offset = 0, batchStride = 0, rowStride = 0, colStride = 0;
};

struct BmmCall {
  DType dtype = DType::F32;
  int64_t batch = 1, m = 0, n = 0, k = 0;
  double alpha = 1, beta = 0;
  MatrixOperand a, b, out;  // a: m x k, b: k x n, out: m x n
  // When true, out is one m x n matrix (its batchStride is ignored) receiving
  // beta*out + alpha * sum_i a[i] @ b[i] (addbmm).
  bool accumulateBatches = false;
};

// Runs the product. Bounds are the caller's job (the binding checks them). Throws std::bad_alloc only.
void runBmm(const BmmCall& call);

// Plain float GEMM on row/column-strided matrices with the builtin kernel (used without OpenBLAS,
// exposed for tests and for the BLAS-less build). C = beta*C + alpha*A@B; C is not read when beta == 0.
// `parallel` allows the addon's thread pool.
void builtinGemm(int64_t m, int64_t n, int64_t k, float alpha, const float* a, int64_t ars, int64_t acs, const float* b,
                 int64_t brs, int64_t bcs, float beta, float* c, int64_t crs, int64_t ccs, bool parallel);
void builtinGemm(int64_t m, int64_t n, int64_t k, double alpha, const double* a, int64_t ars, int64_t acs,
                 const double* b, int64_t brs, int64_t bcs, double beta, double* c, int64_t crs, int64_t ccs,
                 bool parallel);
// C = beta*C + alpha*A@B on strided float matrices through OpenBLAS when built with it (else the builtin
// kernel); m, n, k > 0. `parallel` splits the product over the pool; false inside a pool task (the
// nn kernels parallelise over the batch and call this per sample). C is not read when beta == 0.
void stridedGemm(int64_t m, int64_t n, int64_t k, float alpha, const float* a, int64_t ars, int64_t acs, const float* b,
                 int64_t brs, int64_t bcs, float beta, float* c, int64_t crs, int64_t ccs, bool parallel);
void stridedGemm(int64_t m, int64_t n, int64_t k, double alpha, const double* a, int64_t ars, int64_t acs,
                 const double* b, int64_t brs, int64_t bcs, double beta, double* c, int64_t crs, int64_t ccs,
                 bool parallel);
// Which micro-kernel set builtinGemm uses on this CPU: "avx512", "avx2" or "baseline".
const char* builtinGemmLevel();

struct BlasInfo {
  const char* library;   // "openblas" or "builtin"
  const char* coretype;  // openblas_get_corename(), nullptr for builtin
  const char* config;    // openblas_get_config(), nullptr for builtin
  int threads;
};
BlasInfo blasInfo();
// How many of the pool's threads a product uses; no-op for the builtin kernel (it follows the pool).
void setBlasThreads(int n);

// OpenBLAS runs single-threaded (products are split across the pool instead). LAPACK calls, which
// thread inside OpenBLAS, hold one of these to get the pool's thread count for their duration.
struct LapackBlasThreads {
  LapackBlasThreads();
  ~LapackBlasThreads();
  LapackBlasThreads(const LapackBlasThreads&) = delete;
  LapackBlasThreads& operator=(const LapackBlasThreads&) = delete;
};

}  // namespace torch_native
