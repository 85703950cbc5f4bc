// Dense linear algebra on LAPACK (float32/float64): factorizations, solves, eigen- and singular value
// decompositions over a batch of matrices. Plain C++, no N-API.
//
// Every routine takes contiguous *column-major* matrices (what LAPACK wants), one after another for
// the batch (matrix i of an m x n batch starts at i*m*n), works in place on the caller's copies and
// never reads or writes beyond batch * (its documented size) elements of each array: the caller
// (the binding) checks the arrays' lengths. Sizes must fit LAPACK's 32-bit integers (the binding
// checks that too).
//
// LAPACK comes from OpenBLAS (which contains it) when the addon is built with it, otherwise from the
// system's liblapack when pkg-config finds one (TN_HAVE_LAPACK); without either, every routine
// throws std::runtime_error and lapackLibrary() is nullptr.
#pragma once
#include <cstdint>

namespace torch_native {

// "openblas", "lapack" (the system's liblapack) or nullptr when the addon has no LAPACK.
const char* lapackLibrary();

// The outcome of a batched call: ok, or the first failing batch element and LAPACK's info for it
// (info > 0: the routine's numerical failure, e.g. U(info, info) == 0 for getrf, 1-based as LAPACK
// reports it; info < 0: argument -info was rejected).
struct LapackStatus {
  int64_t batch = -1;
  int64_t info = 0;
  bool ok() const { return batch < 0; }
};

// Operations of the one `lapack` entry point (the numbers are part of the JS <-> C++ contract,
// see packages/core/src/ops/lapack.ts).
enum class LapackOp : int {
  Inverse = 0,    // a: n x n -> inverse (getrf + getri)
  Det = 1,        // a: n x n (destroyed); out: 3 per matrix = det, sign, log|det| (getrf)
  Solve = 2,      // a: n x n (destroyed), b: n x k -> solution (gesv)
  Lstsq = 3,      // a: m x n (destroyed), b: max(m, n) x k -> solution in the first n rows (gels)
  Cholesky = 4,   // a: n x n -> factor, the other triangle zeroed (potrf); p0: upper
  CholSolve = 5,  // a: n x n factor, b: n x k -> solution (potrs); p0: upper
  CholInverse = 6,  // a: n x n factor -> inverse, both triangles (potri); p0: upper
  TriSolve = 7,   // a: n x n, b: n x k -> solution (trsm); p0: upper, p1: transpose, p2: unit diagonal
  Qr = 8,         // a: m x n (destroyed), q: m x p0, r: p1 x n (geqrf + orgqr); p0 = cols of Q, p1 = rows of R
  Svd = 9,        // a: m x n (destroyed), s: min(m, n), u: m x ucols, vt: vrows x n (gesdd); p0: 0 none, 1 reduced, 2 full
  Eig = 10,       // a: n x n (destroyed), e: n x 2 row-major (re, im), v: n x n (geev); p0: eigenvectors
  SymEig = 11,    // a: n x n -> eigenvectors (when p0), w: n ascending (syevd); p1: upper
};

struct LapackCall {
  LapackOp op = LapackOp::Inverse;
  bool f64 = false;
  int64_t batch = 0, m = 0, n = 0, k = 0;
  int64_t p0 = 0, p1 = 0, p2 = 0;
  void* arrays[4] = {nullptr, nullptr, nullptr, nullptr};
};

// The number of elements each of the op's arrays must hold (0 for unused slots), for the binding's checks.
void lapackExtents(const LapackCall& call, int64_t out[4]);

// Runs the call. Throws std::runtime_error when the addon has no LAPACK, std::bad_alloc for workspace.
LapackStatus runLapack(const LapackCall& call);

}  // namespace torch_native
