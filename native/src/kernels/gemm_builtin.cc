// The addon's own GEMM, used for float32/float64 when it is built without OpenBLAS: GotoBLAS/BLIS
// structure (B panels packed per KC x NC block, A blocks packed per MC x KC, an MR x NR register-blocked
// micro-kernel written with GCC vector extensions so the compiler emits FMA vector code), threaded over
// row blocks with the addon's pool.
//
// This file includes itself once per instruction set: the first pass (TN_GEMM_BODY undefined) holds
// the dispatch; the kernel body below `#else` is compiled three times, inside `#pragma GCC target`
// regions for AVX-512, AVX2+FMA and baseline x86-64, each in its own namespace. The best one the CPU
// supports is picked at first use.
#ifndef TN_GEMM_BODY

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>

#include "gemm.h"
#include "threadpool.h"

namespace torch_native {
namespace gemm_detail {

// A growable 64-byte-aligned buffer (packed panels), one per thread and role.
template <typename T>
struct AlignedBuffer {
  T* p = nullptr;
  size_t cap = 0;
  T* get(size_t n) {
    if (n > cap) {
      std::free(p);
      size_t bytes = (n * sizeof(T) + 63) / 64 * 64;
      p = static_cast<T*>(std::aligned_alloc(64, bytes));
      if (!p) throw std::bad_alloc();
      cap = n;
    }
    return p;
  }
  ~AlignedBuffer() { std::free(p); }
};

// Multiply-adds below which one thread does the whole product.
constexpr double kParallelWork = 65536.0 * 4;

}  // namespace gemm_detail
}  // namespace torch_native

#define TN_GEMM_BODY 1

#if defined(__x86_64__) || defined(__i386__)
#pragma GCC push_options
#pragma GCC target("avx512f,avx512dq,avx512bw,avx512vl,avx2,fma")
namespace torch_native::gemm_avx512 {
constexpr int kVecBytes = 64;
constexpr int kMR = 12;
#include "gemm_builtin.cc"
}  // namespace torch_native::gemm_avx512
#pragma GCC pop_options

#pragma GCC push_options
#pragma GCC target("avx2,fma")
namespace torch_native::gemm_avx2 {
constexpr int kVecBytes = 32;
constexpr int kMR = 6;
#include "gemm_builtin.cc"
}  // namespace torch_native::gemm_avx2
#pragma GCC pop_options
#endif

namespace torch_native::gemm_base {
constexpr int kVecBytes = 16;
constexpr int kMR = 6;
#include "gemm_builtin.cc"
}  // namespace torch_native::gemm_base

#undef TN_GEMM_BODY

namespace torch_native {
namespace {

enum class Level { Base, Avx2, Avx512 };

Level level() {
  static const Level l = [] {
#if defined(__x86_64__) || defined(__i386__)
    // TORCH_GEMM_ISA=avx2|baseline caps the kernel set (for tests and comparisons).
    const char* cap = std::getenv("TORCH_GEMM_ISA");
    const bool allow512 = !cap || std::strcmp(cap, "avx512") == 0;
    const bool allow256 = allow512 || std::strcmp(cap, "avx2") == 0;
    __builtin_cpu_init();
    if (allow512 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
        __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl"))
      return Level::Avx512;
    if (allow256 && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return Level::Avx2;
#endif
    return Level::Base;
  }();
  return l;
}

template <typename T>
void dispatchGemm(int64_t m, int64_t n, int64_t k, T alpha, const T* a, int64_t ars, int64_t acs, const T* b,
                  int64_t brs, int64_t bcs, T beta, T* c, int64_t crs, int64_t ccs, bool parallel) {
  if (m <= 0 || n <= 0) return;
  if (k <= 0 || alpha == T(0)) {
    for (int64_t i = 0; i < m; i++)
      for (int64_t j = 0; j < n; j++) {
        T& x = c[i * crs + j * ccs];
        x = beta == T(0) ? T(0) : beta * x;
      }
    return;
  }
  switch (level()) {
#if defined(__x86_64__) || defined(__i386__)
    case Level::Avx512:
      gemm_avx512::gemm(m, n, k, alpha, a, ars, acs, b, brs, bcs, beta, c, crs, ccs, parallel);
      return;
    case Level::Avx2:
      gemm_avx2::gemm(m, n, k, alpha, a, ars, acs, b, brs, bcs, beta, c, crs, ccs, parallel);
      return;
#endif
    default:
      gemm_base::gemm(m, n, k, alpha, a, ars, acs, b, brs, bcs, beta, c, crs, ccs, parallel);
  }
}

}  // namespace

void builtinGemm(int64_t m, int64_t n, int64_t k, float alpha, const float* a, int64_t ars, int64_t acs, const float* b,
                 int64_t brs, int64_t bcs, float beta, float* c, int64_t crs, int64_t ccs, bool parallel) {
  dispatchGemm(m, n, k, alpha, a, ars, acs, b, brs, bcs, beta, c, crs, ccs, parallel);
}
void builtinGemm(int64_t m, int64_t n, int64_t k, double alpha, const double* a, int64_t ars, int64_t acs,
                 const double* b, int64_t brs, int64_t bcs, double beta, double* c, int64_t crs, int64_t ccs,
                 bool parallel) {
  dispatchGemm(m, n, k, alpha, a, ars, acs, b, brs, bcs, beta, c, crs, ccs, parallel);
}

const char* builtinGemmLevel() {
  switch (level()) {
    case Level::Avx512: return "avx512";
    case Level::Avx2: return "avx2";
    default: return "baseline";
  }
}

}  // namespace torch_native

#else  // TN_GEMM_BODY: the kernel, compiled once per instruction set (kVecBytes, kMR from the includer)

template <typename T>
struct Tile {
  static constexpr int W = kVecBytes / static_cast<int>(sizeof(T));  // lanes per vector
  static constexpr int NV = 2;                                        // vectors per row of the tile
  static constexpr int MR = kMR;
  static constexpr int NR = W * NV;
  // Cache blocks: a KC x NR sliver of B stays in L1, an MC x KC block of A in L2, KC x NC of B in L3.
  static constexpr int64_t KC = 256;
  static constexpr int64_t MC = MR * (sizeof(T) == 4 ? 16 : 12);
  static constexpr int64_t NC = 4096;
  typedef T V __attribute__((vector_size(kVecBytes)));
};

template <typename T>
inline typename Tile<T>::V loadv(const T* p) {
  typename Tile<T>::V v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}
template <typename T>
inline void storev(T* p, typename Tile<T>::V v) {
  std::memcpy(p, &v, sizeof(v));
}

// C[0..mr, 0..nr] = beta*C + alpha * Apanel @ Bpanel, where Apanel is kc x MR (MR contiguous per k)
// and Bpanel kc x NR. C is not read when beta == 0.
template <typename T>
void microKernel(int64_t kc, const T* __restrict a, const T* __restrict b, T alpha, T beta, T* c, int64_t crs,
                 int64_t ccs, int mr, int nr) {
  using K = Tile<T>;
  using V = typename K::V;
  V acc[K::MR][K::NV];
  const V ones = V{} + T(1);
#pragma GCC unroll 32
  for (int r = 0; r < K::MR; r++)
#pragma GCC unroll 4
    for (int v = 0; v < K::NV; v++) acc[r][v] = V{};
  for (int64_t p = 0; p < kc; p++) {
    V bv[K::NV];
#pragma GCC unroll 4
    for (int v = 0; v < K::NV; v++) bv[v] = loadv(b + v * K::W);
#pragma GCC unroll 32
    for (int r = 0; r < K::MR; r++) {
      V av = a[r] * ones;  // a broadcast (x * 1 folds to x; 0 + x would not, because of -0)
#pragma GCC unroll 4
      for (int v = 0; v < K::NV; v++) acc[r][v] += av * bv[v];
    }
    a += K::MR;
    b += K::NR;
  }
  if (mr == K::MR && nr == K::NR && ccs == 1) {
#pragma GCC unroll 32
    for (int r = 0; r < K::MR; r++) {
      T* row = c + r * crs;
#pragma GCC unroll 4
      for (int v = 0; v < K::NV; v++) {
        V x = alpha * acc[r][v];
        if (beta != T(0)) x += beta * loadv(row + v * K::W);
        storev(row + v * K::W, x);
      }
    }
    return;
  }
  alignas(64) T tmp[K::MR * K::NR];
  for (int r = 0; r < K::MR; r++)
    for (int v = 0; v < K::NV; v++) storev(tmp + r * K::NR + v * K::W, acc[r][v]);
  for (int r = 0; r < mr; r++)
    for (int j = 0; j < nr; j++) {
      T& x = c[r * crs + j * ccs];
      T y = alpha * tmp[r * K::NR + j];
      x = beta == T(0) ? y : beta * x + y;
    }
}

// Packs rows [0, mc) x cols [0, kc) of A into MR-row slivers, each kc x MR, zero-padded.
template <typename T>
void packA(const T* a, int64_t rs, int64_t cs, int64_t mc, int64_t kc, T* dst) {
  constexpr int MR = Tile<T>::MR;
  for (int64_t i0 = 0; i0 < mc; i0 += MR) {
    int mr = static_cast<int>(std::min<int64_t>(MR, mc - i0));
    const T* src = a + i0 * rs;
    if (mr == MR && rs == 1) {
      for (int64_t p = 0; p < kc; p++)
        for (int r = 0; r < MR; r++) dst[p * MR + r] = src[p * cs + r];
    } else if (mr == MR) {
      for (int64_t p = 0; p < kc; p++)
        for (int r = 0; r < MR; r++) dst[p * MR + r] = src[r * rs + p * cs];
    } else {
      for (int64_t p = 0; p < kc; p++)
        for (int r = 0; r < MR; r++) dst[p * MR + r] = r < mr ? src[r * rs + p * cs] : T(0);
    }
    dst += kc * MR;
  }
}

// Packs cols [j0, j1) (a multiple-of-NR range, relative to b) of the kc x nc block of B into NR-column
// slivers, each kc x NR, zero-padded.
template <typename T>
void packB(const T* b, int64_t rs, int64_t cs, int64_t kc, int64_t nc, int64_t j0, int64_t j1, T* dst) {
  constexpr int NR = Tile<T>::NR;
  for (int64_t j = j0; j < j1; j += NR) {
    int nr = static_cast<int>(std::min<int64_t>(NR, nc - j));
    T* d = dst + j * kc;
    const T* src = b + j * cs;
    if (nr == NR && cs == 1) {
      for (int64_t p = 0; p < kc; p++) std::memcpy(d + p * NR, src + p * rs, NR * sizeof(T));
    } else {
      for (int64_t p = 0; p < kc; p++)
        for (int jj = 0; jj < NR; jj++) d[p * NR + jj] = jj < nr ? src[p * rs + jj * cs] : T(0);
    }
  }
}

template <typename T>
void gemm(int64_t m, int64_t n, int64_t k, T alpha, const T* a, int64_t ars, int64_t acs, const T* b, int64_t brs,
          int64_t bcs, T beta, T* c, int64_t crs, int64_t ccs, bool parallel) {
  using K = Tile<T>;
  constexpr int MR = K::MR, NR = K::NR;
  const double work = static_cast<double>(m) * static_cast<double>(n) * static_cast<double>(k);
  const int threads = parallel && work >= gemm_detail::kParallelWork ? getNumThreads() : 1;
  // Enough row blocks for every thread (at least two each when m allows), each a multiple of MR.
  int64_t mc = K::MC;
  if (threads > 1) {
    int64_t want = (m + 2 * threads - 1) / (2 * threads);
    mc = std::min<int64_t>(mc, std::max<int64_t>(MR, (want + MR - 1) / MR * MR));
  }
  const int64_t icBlocks = (m + mc - 1) / mc;
  thread_local gemm_detail::AlignedBuffer<T> bBuf;
  const int64_t kcMax = std::min<int64_t>(K::KC, k);
  const int64_t ncMax = std::min<int64_t>(K::NC, (n + NR - 1) / NR * NR);
  T* bPack = bBuf.get(static_cast<size_t>(kcMax * ncMax));

  for (int64_t jc = 0; jc < n; jc += K::NC) {
    const int64_t nc = std::min<int64_t>(K::NC, n - jc);
    const int64_t ncRounded = (nc + NR - 1) / NR * NR;
    for (int64_t pc = 0; pc < k; pc += K::KC) {
      const int64_t kc = std::min<int64_t>(K::KC, k - pc);
      const T betaBlock = pc == 0 ? beta : T(1);
      const T* bBlock = b + pc * brs + jc * bcs;
      const int64_t slivers = ncRounded / NR;
      auto packBRange = [&](int64_t s0, int64_t s1) { packB(bBlock, brs, bcs, kc, nc, s0 * NR, s1 * NR, bPack); };
      if (threads > 1) parallelFor(slivers, 4, packBRange);
      else packBRange(0, slivers);

      auto rowBlocks = [&](int64_t blo, int64_t bhi) {
        thread_local gemm_detail::AlignedBuffer<T> aBuf;
        T* aPack = aBuf.get(static_cast<size_t>(K::MC * K::KC));
        for (int64_t blk = blo; blk < bhi; blk++) {
          const int64_t ic = blk * mc;
          const int64_t mcCur = std::min<int64_t>(mc, m - ic);
          packA(a + ic * ars + pc * acs, ars, acs, mcCur, kc, aPack);
          for (int64_t jr = 0; jr < nc; jr += NR) {
            const int nr = static_cast<int>(std::min<int64_t>(NR, nc - jr));
            const T* bs = bPack + jr * kc;
            for (int64_t ir = 0; ir < mcCur; ir += MR) {
              const int mr = static_cast<int>(std::min<int64_t>(MR, mcCur - ir));
              microKernel<T>(kc, aPack + ir * kc, bs, alpha, betaBlock, c + (ic + ir) * crs + (jc + jr) * ccs, crs, ccs,
                             mr, nr);
            }
          }
        }
      };
      if (threads > 1) parallelFor(icBlocks, 1, rowBlocks);
      else rowBlocks(0, icBlocks);
    }
  }
}

// The dispatcher calls these two.
inline void gemm(int64_t m, int64_t n, int64_t k, float alpha, const float* a, int64_t ars, int64_t acs, const float* b,
                 int64_t brs, int64_t bcs, float beta, float* c, int64_t crs, int64_t ccs, bool parallel) {
  gemm<float>(m, n, k, alpha, a, ars, acs, b, brs, bcs, beta, c, crs, ccs, parallel);
}
inline void gemm(int64_t m, int64_t n, int64_t k, double alpha, const double* a, int64_t ars, int64_t acs,
                 const double* b, int64_t brs, int64_t bcs, double beta, double* c, int64_t crs, int64_t ccs,
                 bool parallel) {
  gemm<double>(m, n, k, alpha, a, ars, acs, b, brs, bcs, beta, c, crs, ccs, parallel);
}

#endif  // TN_GEMM_BODY
