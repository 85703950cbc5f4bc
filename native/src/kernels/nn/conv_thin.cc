// Register-blocked products for thin column matrices (conv_thin.h). Weight gradient g @ col^T: blocks of
// 4 output channels x 6 column rows keep 24 vector accumulators in registers while one pass over the
// plane reads each g row once per 6 column rows and each column row once per 4 output channels.
// Forward w @ col: 8 output rows of one vector of plane positions accumulate over the kg column rows,
// each column vector loaded once per 8 rows. Explicit 64-byte vectors (GCC vector extensions) in
// functions cloned for AVX-512, AVX2 and the baseline.
#include "conv_thin.h"

#include <algorithm>
#include <cstring>

namespace torch_native::nn {
namespace {

#if defined(__x86_64__) && !defined(__clang__)
#define TN_THIN_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define TN_THIN_CLONES
#endif

constexpr int kMo = 4, kNr = 6;

// out[i * kg + r] (i < MO, r < NR) = beta * out + alpha * Σ_p g[i * L + p] col[r * L + p].
template <typename T, int MO, int NR>
inline __attribute__((always_inline)) void block(const T* g, const T* col, int64_t L, T* out, int64_t kg, T alpha, T beta) {
  typedef T V __attribute__((vector_size(64)));
  constexpr int64_t W = 64 / sizeof(T);
  V acc[MO][NR];
  for (int i = 0; i < MO; i++)
    for (int r = 0; r < NR; r++) acc[i][r] = V{};
  int64_t p = 0;
  for (; p + W <= L; p += W) {
    V gv[MO];
    for (int i = 0; i < MO; i++) std::memcpy(&gv[i], g + i * L + p, sizeof(V));
    for (int r = 0; r < NR; r++) {
      V cv;
      std::memcpy(&cv, col + r * L + p, sizeof(V));
      for (int i = 0; i < MO; i++) acc[i][r] += gv[i] * cv;
    }
  }
  for (int i = 0; i < MO; i++)
    for (int r = 0; r < NR; r++) {
      T s = 0;
      for (int64_t q = p; q < L; q++) s += g[i * L + q] * col[r * L + q];
      for (int j = 0; j < W; j++) s += acc[i][r][j];
      T& o = out[i * kg + r];
      o = beta == T(0) ? alpha * s : beta * o + alpha * s;
    }
}

template <typename T, int MO>
inline __attribute__((always_inline)) void rows(int nr, const T* g, const T* col, int64_t L, T* out, int64_t kg, T alpha, T beta) {
  switch (nr) {
    case 1: return block<T, MO, 1>(g, col, L, out, kg, alpha, beta);
    case 2: return block<T, MO, 2>(g, col, L, out, kg, alpha, beta);
    case 3: return block<T, MO, 3>(g, col, L, out, kg, alpha, beta);
    case 4: return block<T, MO, 4>(g, col, L, out, kg, alpha, beta);
    case 5: return block<T, MO, 5>(g, col, L, out, kg, alpha, beta);
    default: return block<T, MO, kNr>(g, col, L, out, kg, alpha, beta);
  }
}

template <typename T>
inline __attribute__((always_inline)) void run(int64_t cog, int64_t kg, int64_t L, const T* g, const T* col, T* gw, T alpha, T beta) {
  for (int64_t o = 0; o < cog; o += kMo) {
    const int mo = static_cast<int>(std::min<int64_t>(kMo, cog - o));
    for (int64_t k = 0; k < kg; k += kNr) {
      const int nr = static_cast<int>(std::min<int64_t>(kNr, kg - k));
      const T* go = g + o * L;
      const T* ck = col + k * L;
      T* out = gw + o * kg + k;
      switch (mo) {
        case 1: rows<T, 1>(nr, go, ck, L, out, kg, alpha, beta); break;
        case 2: rows<T, 2>(nr, go, ck, L, out, kg, alpha, beta); break;
        case 3: rows<T, 3>(nr, go, ck, L, out, kg, alpha, beta); break;
        default: rows<T, kMo>(nr, go, ck, L, out, kg, alpha, beta); break;
      }
    }
  }
}

constexpr int kFo = 8;

// out rows [0, MO) = w rows @ col + bias over the whole plane.
template <typename T, int MO>
inline __attribute__((always_inline)) void forwardRows(int64_t kg, int64_t L, const T* w, const T* col, const T* bias, T* out) {
  typedef T V __attribute__((vector_size(64)));
  constexpr int64_t W = 64 / sizeof(T);
  T b[MO];
  for (int i = 0; i < MO; i++) b[i] = bias ? bias[i] : T(0);
  int64_t p = 0;
  for (; p + W <= L; p += W) {
    V acc[MO];
    for (int i = 0; i < MO; i++) acc[i] = V{} + b[i];
    for (int64_t k = 0; k < kg; k++) {
      V cv;
      std::memcpy(&cv, col + k * L + p, sizeof(V));
      for (int i = 0; i < MO; i++) acc[i] += w[i * kg + k] * cv;
    }
    for (int i = 0; i < MO; i++) std::memcpy(out + i * L + p, &acc[i], sizeof(V));
  }
  for (; p < L; p++)
    for (int i = 0; i < MO; i++) {
      T s = b[i];
      for (int64_t k = 0; k < kg; k++) s += w[i * kg + k] * col[k * L + p];
      out[i * L + p] = s;
    }
}

template <typename T>
inline __attribute__((always_inline)) void forward(int64_t cog, int64_t kg, int64_t L, const T* w, const T* col, const T* bias, T* out) {
  for (int64_t o = 0; o < cog; o += kFo) {
    const T* wo = w + o * kg;
    const T* bo = bias ? bias + o : nullptr;
    T* yo = out + o * L;
    switch (std::min<int64_t>(kFo, cog - o)) {
      case 1: forwardRows<T, 1>(kg, L, wo, col, bo, yo); break;
      case 2: forwardRows<T, 2>(kg, L, wo, col, bo, yo); break;
      case 3: forwardRows<T, 3>(kg, L, wo, col, bo, yo); break;
      case 4: forwardRows<T, 4>(kg, L, wo, col, bo, yo); break;
      case 5: forwardRows<T, 5>(kg, L, wo, col, bo, yo); break;
      case 6: forwardRows<T, 6>(kg, L, wo, col, bo, yo); break;
      case 7: forwardRows<T, 7>(kg, L, wo, col, bo, yo); break;
      default: forwardRows<T, kFo>(kg, L, wo, col, bo, yo); break;
    }
  }
}

}  // namespace

TN_THIN_CLONES void thinForward(int64_t cog, int64_t kg, int64_t L, const float* w, const float* col, const float* bias, float* out) {
  forward(cog, kg, L, w, col, bias, out);
}

TN_THIN_CLONES void thinForward(int64_t cog, int64_t kg, int64_t L, const double* w, const double* col, const double* bias, double* out) {
  forward(cog, kg, L, w, col, bias, out);
}

TN_THIN_CLONES void thinGradWeight(int64_t cog, int64_t kg, int64_t L, const float* g, const float* col, float* gw, float alpha, float beta) {
  run(cog, kg, L, g, col, gw, alpha, beta);
}

TN_THIN_CLONES void thinGradWeight(int64_t cog, int64_t kg, int64_t L, const double* g, const double* col, double* gw, double alpha,
                                   double beta) {
  run(cog, kg, L, g, col, gw, alpha, beta);
}

}  // namespace torch_native::nn
