// Batched LAPACK calls (see lapack.h). The Fortran prototypes are declared here (column-major,
// every argument by pointer, LP64 32-bit integers as Debian's OpenBLAS and liblapack use, and the
// hidden trailing length argument gfortran passes for each CHARACTER argument).
#include "lapack.h"

#include "gemm.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <vector>

namespace torch_native {

#ifdef TN_HAVE_LAPACK

using fint = int;
using flen = size_t;  // hidden CHARACTER length

extern "C" {
void sgetrf_(const fint* m, const fint* n, float* a, const fint* lda, fint* ipiv, fint* info);
void dgetrf_(const fint* m, const fint* n, double* a, const fint* lda, fint* ipiv, fint* info);
void sgetri_(const fint* n, float* a, const fint* lda, const fint* ipiv, float* work, const fint* lwork, fint* info);
void dgetri_(const fint* n, double* a, const fint* lda, const fint* ipiv, double* work, const fint* lwork, fint* info);
void sgesv_(const fint* n, const fint* nrhs, float* a, const fint* lda, fint* ipiv, float* b, const fint* ldb, fint* info);
void dgesv_(const fint* n, const fint* nrhs, double* a, const fint* lda, fint* ipiv, double* b, const fint* ldb, fint* info);
void sgels_(const char* trans, const fint* m, const fint* n, const fint* nrhs, float* a, const fint* lda, float* b,
            const fint* ldb, float* work, const fint* lwork, fint* info, flen);
void dgels_(const char* trans, const fint* m, const fint* n, const fint* nrhs, double* a, const fint* lda, double* b,
            const fint* ldb, double* work, const fint* lwork, fint* info, flen);
void spotrf_(const char* uplo, const fint* n, float* a, const fint* lda, fint* info, flen);
void dpotrf_(const char* uplo, const fint* n, double* a, const fint* lda, fint* info, flen);
void spotrs_(const char* uplo, const fint* n, const fint* nrhs, const float* a, const fint* lda, float* b,
             const fint* ldb, fint* info, flen);
void dpotrs_(const char* uplo, const fint* n, const fint* nrhs, const double* a, const fint* lda, double* b,
             const fint* ldb, fint* info, flen);
void spotri_(const char* uplo, const fint* n, float* a, const fint* lda, fint* info, flen);
void dpotri_(const char* uplo, const fint* n, double* a, const fint* lda, fint* info, flen);
void strsm_(const char* side, const char* uplo, const char* transa, const char* diag, const fint* m, const fint* n,
            const float* alpha, const float* a, const fint* lda, float* b, const fint* ldb, flen, flen, flen, flen);
void dtrsm_(const char* side, const char* uplo, const char* transa, const char* diag, const fint* m, const fint* n,
            const double* alpha, const double* a, const fint* lda, double* b, const fint* ldb, flen, flen, flen, flen);
void sgeqrf_(const fint* m, const fint* n, float* a, const fint* lda, float* tau, float* work, const fint* lwork, fint* info);
void dgeqrf_(const fint* m, const fint* n, double* a, const fint* lda, double* tau, double* work, const fint* lwork,
             fint* info);
void sorgqr_(const fint* m, const fint* n, const fint* k, float* a, const fint* lda, const float* tau, float* work,
             const fint* lwork, fint* info);
void dorgqr_(const fint* m, const fint* n, const fint* k, double* a, const fint* lda, const double* tau, double* work,
             const fint* lwork, fint* info);
void sgesdd_(const char* jobz, const fint* m, const fint* n, float* a, const fint* lda, float* s, float* u,
             const fint* ldu, float* vt, const fint* ldvt, float* work, const fint* lwork, fint* iwork, fint* info, flen);
void dgesdd_(const char* jobz, const fint* m, const fint* n, double* a, const fint* lda, double* s, double* u,
             const fint* ldu, double* vt, const fint* ldvt, double* work, const fint* lwork, fint* iwork, fint* info,
             flen);
void sgeev_(const char* jobvl, const char* jobvr, const fint* n, float* a, const fint* lda, float* wr, float* wi,
            float* vl, const fint* ldvl, float* vr, const fint* ldvr, float* work, const fint* lwork, fint* info, flen,
            flen);
void dgeev_(const char* jobvl, const char* jobvr, const fint* n, double* a, const fint* lda, double* wr, double* wi,
            double* vl, const fint* ldvl, double* vr, const fint* ldvr, double* work, const fint* lwork, fint* info,
            flen, flen);
void ssyevd_(const char* jobz, const char* uplo, const fint* n, float* a, const fint* lda, float* w, float* work,
             const fint* lwork, fint* iwork, const fint* liwork, fint* info, flen, flen);
void dsyevd_(const char* jobz, const char* uplo, const fint* n, double* a, const fint* lda, double* w, double* work,
             const fint* lwork, fint* iwork, const fint* liwork, fint* info, flen, flen);
}

namespace {

// float/double overloads, so each op is written once as a template.
inline void getrf(fint m, fint n, float* a, fint lda, fint* ipiv, fint* info) { sgetrf_(&m, &n, a, &lda, ipiv, info); }
inline void getrf(fint m, fint n, double* a, fint lda, fint* ipiv, fint* info) { dgetrf_(&m, &n, a, &lda, ipiv, info); }
inline void getri(fint n, float* a, fint lda, const fint* ipiv, float* w, fint lw, fint* info) { sgetri_(&n, a, &lda, ipiv, w, &lw, info); }
inline void getri(fint n, double* a, fint lda, const fint* ipiv, double* w, fint lw, fint* info) { dgetri_(&n, a, &lda, ipiv, w, &lw, info); }
inline void gesv(fint n, fint k, float* a, fint lda, fint* ipiv, float* b, fint ldb, fint* info) { sgesv_(&n, &k, a, &lda, ipiv, b, &ldb, info); }
inline void gesv(fint n, fint k, double* a, fint lda, fint* ipiv, double* b, fint ldb, fint* info) { dgesv_(&n, &k, a, &lda, ipiv, b, &ldb, info); }
inline void gels(fint m, fint n, fint k, float* a, fint lda, float* b, fint ldb, float* w, fint lw, fint* info) {
  sgels_("N", &m, &n, &k, a, &lda, b, &ldb, w, &lw, info, 1);
}
inline void gels(fint m, fint n, fint k, double* a, fint lda, double* b, fint ldb, double* w, fint lw, fint* info) {
  dgels_("N", &m, &n, &k, a, &lda, b, &ldb, w, &lw, info, 1);
}
inline void potrf(const char* u, fint n, float* a, fint lda, fint* info) { spotrf_(u, &n, a, &lda, info, 1); }
inline void potrf(const char* u, fint n, double* a, fint lda, fint* info) { dpotrf_(u, &n, a, &lda, info, 1); }
inline void potrs(const char* u, fint n, fint k, const float* a, fint lda, float* b, fint ldb, fint* info) { spotrs_(u, &n, &k, a, &lda, b, &ldb, info, 1); }
inline void potrs(const char* u, fint n, fint k, const double* a, fint lda, double* b, fint ldb, fint* info) { dpotrs_(u, &n, &k, a, &lda, b, &ldb, info, 1); }
inline void potri(const char* u, fint n, float* a, fint lda, fint* info) { spotri_(u, &n, a, &lda, info, 1); }
inline void potri(const char* u, fint n, double* a, fint lda, fint* info) { dpotri_(u, &n, a, &lda, info, 1); }
inline void trsm(const char* u, const char* t, const char* d, fint m, fint n, const float* a, fint lda, float* b, fint ldb) {
  const float one = 1;
  strsm_("L", u, t, d, &m, &n, &one, a, &lda, b, &ldb, 1, 1, 1, 1);
}
inline void trsm(const char* u, const char* t, const char* d, fint m, fint n, const double* a, fint lda, double* b, fint ldb) {
  const double one = 1;
  dtrsm_("L", u, t, d, &m, &n, &one, a, &lda, b, &ldb, 1, 1, 1, 1);
}
inline void geqrf(fint m, fint n, float* a, fint lda, float* tau, float* w, fint lw, fint* info) { sgeqrf_(&m, &n, a, &lda, tau, w, &lw, info); }
inline void geqrf(fint m, fint n, double* a, fint lda, double* tau, double* w, fint lw, fint* info) { dgeqrf_(&m, &n, a, &lda, tau, w, &lw, info); }
inline void orgqr(fint m, fint n, fint k, float* a, fint lda, const float* tau, float* w, fint lw, fint* info) { sorgqr_(&m, &n, &k, a, &lda, tau, w, &lw, info); }
inline void orgqr(fint m, fint n, fint k, double* a, fint lda, const double* tau, double* w, fint lw, fint* info) { dorgqr_(&m, &n, &k, a, &lda, tau, w, &lw, info); }
inline void gesdd(const char* j, fint m, fint n, float* a, fint lda, float* s, float* u, fint ldu, float* vt, fint ldvt,
                  float* w, fint lw, fint* iw, fint* info) {
  sgesdd_(j, &m, &n, a, &lda, s, u, &ldu, vt, &ldvt, w, &lw, iw, info, 1);
}
inline void gesdd(const char* j, fint m, fint n, double* a, fint lda, double* s, double* u, fint ldu, double* vt,
                  fint ldvt, double* w, fint lw, fint* iw, fint* info) {
  dgesdd_(j, &m, &n, a, &lda, s, u, &ldu, vt, &ldvt, w, &lw, iw, info, 1);
}
inline void geev(const char* jv, fint n, float* a, fint lda, float* wr, float* wi, float* vr, fint ldvr, float* w, fint lw,
                 fint* info) {
  float vl = 0;
  const fint one = 1;
  sgeev_("N", jv, &n, a, &lda, wr, wi, &vl, &one, vr, &ldvr, w, &lw, info, 1, 1);
}
inline void geev(const char* jv, fint n, double* a, fint lda, double* wr, double* wi, double* vr, fint ldvr, double* w,
                 fint lw, fint* info) {
  double vl = 0;
  const fint one = 1;
  dgeev_("N", jv, &n, a, &lda, wr, wi, &vl, &one, vr, &ldvr, w, &lw, info, 1, 1);
}
inline void syevd(const char* j, const char* u, fint n, float* a, fint lda, float* w, float* wk, fint lw, fint* iw, fint liw,
                  fint* info) {
  ssyevd_(j, u, &n, a, &lda, w, wk, &lw, iw, &liw, info, 1, 1);
}
inline void syevd(const char* j, const char* u, fint n, double* a, fint lda, double* w, double* wk, fint lw, fint* iw,
                  fint liw, fint* info) {
  dsyevd_(j, u, &n, a, &lda, w, wk, &lw, iw, &liw, info, 1, 1);
}

// A workspace size LAPACK reported through a query (work[0]), as a positive int.
template <typename T>
fint lworkOf(T w) {
  double v = std::ceil(static_cast<double>(w));
  if (!(v >= 1)) return 1;
  if (v > INT_MAX) throw std::bad_alloc();
  return static_cast<fint>(v);
}

inline fint ld(int64_t v) { return static_cast<fint>(std::max<int64_t>(v, 1)); }

template <typename T>
LapackStatus run(const LapackCall& c) {
  const int64_t batch = c.batch;
  const fint m = static_cast<fint>(c.m), n = static_cast<fint>(c.n), k = static_cast<fint>(c.k);
  T* a = static_cast<T*>(c.arrays[0]);
  T* b = static_cast<T*>(c.arrays[1]);
  T* x2 = static_cast<T*>(c.arrays[2]);
  T* x3 = static_cast<T*>(c.arrays[3]);
  const char* uplo = c.p1 ? "U" : "L";  // SymEig's uplo is p1
  const char* uploP0 = c.p0 ? "U" : "L";
  LapackStatus st;
  fint info = 0;
  auto fail = [&](int64_t i) {
    st.batch = i;
    st.info = info;
    return st;
  };
  const int64_t nn = static_cast<int64_t>(n) * n;
  switch (c.op) {
    case LapackOp::Inverse: {
      std::vector<fint> ipiv(std::max<fint>(n, 1));
      T q = 0;
      getri(n, a, ld(n), ipiv.data(), &q, -1, &info);
      std::vector<T> work(lworkOf(q));
      for (int64_t i = 0; i < batch; i++) {
        T* ai = a + i * nn;
        getrf(n, n, ai, ld(n), ipiv.data(), &info);
        if (info != 0) return fail(i);
        getri(n, ai, ld(n), ipiv.data(), work.data(), static_cast<fint>(work.size()), &info);
        if (info != 0) return fail(i);
      }
      return st;
    }
    case LapackOp::Det: {
      std::vector<fint> ipiv(std::max<fint>(n, 1));
      for (int64_t i = 0; i < batch; i++) {
        T* ai = a + i * nn;
        getrf(n, n, ai, ld(n), ipiv.data(), &info);
        if (info < 0) return fail(i);
        T det = 1, sign = 1, logabs = 0;
        for (fint j = 0; j < n; j++) {
          const T u = ai[j * static_cast<int64_t>(n) + j];
          if (ipiv[j] != j + 1) {
            det = -det;
            sign = -sign;
          }
          det *= u;
          sign *= u > 0 ? T(1) : u < 0 ? T(-1) : T(0);  // sign(NaN) = 0, as torch.sign
          logabs += std::log(std::abs(u));
        }
        b[3 * i] = det;
        b[3 * i + 1] = sign;
        b[3 * i + 2] = logabs;
      }
      return st;
    }
    case LapackOp::Solve: {
      std::vector<fint> ipiv(std::max<fint>(n, 1));
      for (int64_t i = 0; i < batch; i++) {
        gesv(n, k, a + i * nn, ld(n), ipiv.data(), b + i * static_cast<int64_t>(n) * k, ld(n), &info);
        if (info != 0) return fail(i);
      }
      return st;
    }
    case LapackOp::Lstsq: {
      const fint ldb = ld(std::max(m, n));
      const int64_t amn = static_cast<int64_t>(m) * n, bsz = static_cast<int64_t>(ldb) * k;
      T q = 0;
      gels(m, n, k, a, ld(m), b, ldb, &q, -1, &info);
      std::vector<T> work(lworkOf(q));
      for (int64_t i = 0; i < batch; i++) {
        gels(m, n, k, a + i * amn, ld(m), b + i * bsz, ldb, work.data(), static_cast<fint>(work.size()), &info);
        if (info != 0) return fail(i);
      }
      return st;
    }
    case LapackOp::Cholesky: {
      for (int64_t i = 0; i < batch; i++) {
        T* ai = a + i * nn;
        potrf(uploP0, n, ai, ld(n), &info);
        if (info != 0) return fail(i);
        for (fint j = 0; j < n; j++)  // zero the triangle potrf leaves untouched; (r, j) is ai[j*n + r]
          for (fint r = 0; r < n; r++)
            if (c.p0 ? r > j : r < j) ai[static_cast<int64_t>(j) * n + r] = 0;
      }
      return st;
    }
    case LapackOp::CholSolve: {
      for (int64_t i = 0; i < batch; i++) {
        potrs(uploP0, n, k, a + i * nn, ld(n), b + i * static_cast<int64_t>(n) * k, ld(n), &info);
        if (info != 0) return fail(i);
      }
      return st;
    }
    case LapackOp::CholInverse: {
      for (int64_t i = 0; i < batch; i++) {
        T* ai = a + i * nn;
        potri(uploP0, n, ai, ld(n), &info);
        if (info != 0) return fail(i);
        for (fint j = 0; j < n; j++)  // mirror the computed triangle
          for (fint r = 0; r < n; r++)
            if (c.p0 ? r > j : r < j) ai[static_cast<int64_t>(j) * n + r] = ai[static_cast<int64_t>(r) * n + j];
      }
      return st;
    }
    case LapackOp::TriSolve: {
      const char* trans = c.p1 ? "T" : "N";
      const char* diag = c.p2 ? "U" : "N";
      for (int64_t i = 0; i < batch; i++)
        trsm(uploP0, trans, diag, n, k, a + i * nn, ld(n), b + i * static_cast<int64_t>(n) * k, ld(n));
      return st;
    }
    case LapackOp::Qr: {
      const fint kk = std::min(m, n), qc = static_cast<fint>(c.p0), rr = static_cast<fint>(c.p1);
      const int64_t amn = static_cast<int64_t>(m) * n;
      std::vector<T> tau(std::max<fint>(kk, 1));
      T q1 = 0, q2 = 0;
      geqrf(m, n, a, ld(m), tau.data(), &q1, -1, &info);
      orgqr(m, qc, kk, b, ld(m), tau.data(), &q2, -1, &info);
      std::vector<T> work(std::max(lworkOf(q1), lworkOf(q2)));
      const fint lw = static_cast<fint>(work.size());
      for (int64_t i = 0; i < batch; i++) {
        T* ai = a + i * amn;
        T* qi = b + i * static_cast<int64_t>(m) * qc;
        T* ri = x2 + i * static_cast<int64_t>(rr) * n;
        geqrf(m, n, ai, ld(m), tau.data(), work.data(), lw, &info);
        if (info != 0) return fail(i);
        for (fint j = 0; j < n; j++)
          for (fint r = 0; r < rr; r++) ri[static_cast<int64_t>(j) * rr + r] = r <= j ? ai[static_cast<int64_t>(j) * m + r] : T(0);
        std::fill(qi, qi + static_cast<int64_t>(m) * qc, T(0));
        std::memcpy(qi, ai, sizeof(T) * static_cast<size_t>(m) * static_cast<size_t>(std::min(n, qc)));
        orgqr(m, qc, kk, qi, ld(m), tau.data(), work.data(), lw, &info);
        if (info != 0) return fail(i);
      }
      return st;
    }
    case LapackOp::Svd: {
      const fint kk = std::min(m, n);
      const char* jobz = c.p0 == 0 ? "N" : c.p0 == 1 ? "S" : "A";
      const fint uc = c.p0 == 0 ? 0 : c.p0 == 1 ? kk : m;
      const fint vr = c.p0 == 0 ? 0 : c.p0 == 1 ? kk : n;
      const int64_t amn = static_cast<int64_t>(m) * n;
      std::vector<fint> iwork(8 * static_cast<size_t>(std::max<fint>(kk, 1)));
      T dummy[1] = {0};
      T q = 0;
      gesdd(jobz, m, n, a, ld(m), b, uc ? x2 : dummy, ld(m), vr ? x3 : dummy, ld(vr), &q, -1, iwork.data(), &info);
      std::vector<T> work(lworkOf(q));
      for (int64_t i = 0; i < batch; i++) {
        T* ui = uc ? x2 + i * static_cast<int64_t>(m) * uc : dummy;
        T* vi = vr ? x3 + i * static_cast<int64_t>(vr) * n : dummy;
        gesdd(jobz, m, n, a + i * amn, ld(m), b + i * kk, ui, ld(m), vi, ld(vr), work.data(), static_cast<fint>(work.size()),
              iwork.data(), &info);
        if (info != 0) return fail(i);
      }
      return st;
    }
    case LapackOp::Eig: {
      const char* jv = c.p0 ? "V" : "N";
      std::vector<T> wr(std::max<fint>(n, 1)), wi(std::max<fint>(n, 1));
      T dummy[1] = {0};
      T q = 0;
      geev(jv, n, a, ld(n), wr.data(), wi.data(), c.p0 ? x2 : dummy, c.p0 ? ld(n) : 1, &q, -1, &info);
      std::vector<T> work(lworkOf(q));
      for (int64_t i = 0; i < batch; i++) {
        geev(jv, n, a + i * nn, ld(n), wr.data(), wi.data(), c.p0 ? x2 + i * nn : dummy, c.p0 ? ld(n) : 1, work.data(),
             static_cast<fint>(work.size()), &info);
        if (info != 0) return fail(i);
        for (fint j = 0; j < n; j++) {
          b[i * 2 * n + 2 * j] = wr[j];
          b[i * 2 * n + 2 * j + 1] = wi[j];
        }
      }
      return st;
    }
    case LapackOp::SymEig: {
      const char* jobz = c.p0 ? "V" : "N";
      T q = 0;
      fint iq = 0;
      syevd(jobz, uplo, n, a, ld(n), b, &q, -1, &iq, -1, &info);
      std::vector<T> work(lworkOf(q));
      std::vector<fint> iwork(std::max<fint>(iq, 1));
      for (int64_t i = 0; i < batch; i++) {
        syevd(jobz, uplo, n, a + i * nn, ld(n), b + i * n, work.data(), static_cast<fint>(work.size()), iwork.data(),
              static_cast<fint>(iwork.size()), &info);
        if (info != 0) return fail(i);
      }
      return st;
    }
  }
  throw std::runtime_error("lapack: unknown op");
}

}  // namespace

const char* lapackLibrary() {
#ifdef TN_HAVE_OPENBLAS
  return "openblas";
#else
  return "lapack";
#endif
}

LapackStatus runLapack(const LapackCall& call) {
  if (call.batch == 0) return LapackStatus{};
  LapackBlasThreads threads;
  return call.f64 ? run<double>(call) : run<float>(call);
}

#else  // no LAPACK in this build

const char* lapackLibrary() { return nullptr; }

LapackStatus runLapack(const LapackCall&) { throw std::runtime_error("needs LAPACK; this build has none"); }

#endif

void lapackExtents(const LapackCall& c, int64_t out[4]) {
  const int64_t b = c.batch, m = c.m, n = c.n, k = c.k, kk = std::min(m, n);
  for (int i = 0; i < 4; i++) out[i] = 0;
  switch (c.op) {
    case LapackOp::Inverse: case LapackOp::Cholesky: case LapackOp::CholInverse:
      out[0] = b * n * n;
      break;
    case LapackOp::Det:
      out[0] = b * n * n;
      out[1] = b * 3;
      break;
    case LapackOp::Solve: case LapackOp::CholSolve: case LapackOp::TriSolve:
      out[0] = b * n * n;
      out[1] = b * n * k;
      break;
    case LapackOp::Lstsq:
      out[0] = b * m * n;
      out[1] = b * std::max<int64_t>(std::max(m, n), 1) * k;
      break;
    case LapackOp::Qr:
      out[0] = b * m * n;
      out[1] = b * m * c.p0;
      out[2] = b * c.p1 * n;
      break;
    case LapackOp::Svd:
      out[0] = b * m * n;
      out[1] = b * kk;
      if (c.p0 != 0) {
        out[2] = b * m * (c.p0 == 1 ? kk : m);
        out[3] = b * (c.p0 == 1 ? kk : n) * n;
      }
      break;
    case LapackOp::Eig:
      out[0] = b * n * n;
      out[1] = b * n * 2;
      if (c.p0) out[2] = b * n * n;
      break;
    case LapackOp::SymEig:
      out[0] = b * n * n;
      out[1] = b * n;
      break;
  }
}

}  // namespace torch_native
