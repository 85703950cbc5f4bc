// Register-blocked products for thin column matrices (conv_thin.h). Weight gradient g @ col^T: blocks of
// 4 output channels x 6 column rows keep 24 vector accumulators in registers while one pass over the
// plane reads each g row once per 6 column rows and each column row once per 4 output channels; the
// accumulators are added to lane sums in memory, not summed across lanes (16 serial adds each, per
// sample, had cost a third as much as the products of a 32x32 plane).
// Forward w @ col: tiles of 8 output rows x 2 vectors of plane positions accumulate over the kg column
// rows, each column vector loaded once per 8 rows and each weight broadcast once per tile. Explicit
// 64-byte vectors (GCC vector extensions) in
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

// lanes[(i * kg + r) * W + j] (i < MO, r < NR) += lane j of Σ_p g[i * L + p] col[r * L + p], and
// biasLanes[i * W + j] += lane j of Σ_p g[i * L + p] when BIAS (only in the FIRST column block). The
// plane's tail goes into lane 0.
template <typename T, int MO, int NR, bool FIRST, bool BIAS>
inline __attribute__((always_inline)) void block(const T* g, const T* next, const T* col, int64_t L, T* lanes, T* biasLanes, int64_t kg) {
  typedef T V __attribute__((vector_size(64)));
  constexpr int64_t W = 64 / sizeof(T);
  V acc[MO][NR], bacc[MO];
  for (int i = 0; i < MO; i++) {
    bacc[i] = V{};
    for (int r = 0; r < NR; r++) acc[i][r] = V{};
  }
  int64_t p = 0;
  for (; p + W <= L; p += W) {
    V gv[MO];
    for (int i = 0; i < MO; i++) std::memcpy(&gv[i], g + i * L + p, sizeof(V));
    // The first column block is the first to read these g rows, from memory: meanwhile fetch the next
    // block's rows (`next`, null when that block is short or there is none).
    if constexpr (FIRST)
      if (next != nullptr)
        for (int i = 0; i < MO; i++) __builtin_prefetch(next + i * L + p, 0, 3);
    if constexpr (BIAS)
      for (int i = 0; i < MO; i++) bacc[i] += gv[i];
    for (int r = 0; r < NR; r++) {
      V cv;
      std::memcpy(&cv, col + r * L + p, sizeof(V));
      for (int i = 0; i < MO; i++) acc[i][r] += gv[i] * cv;
    }
  }
  for (int i = 0; i < MO; i++) {
    for (int r = 0; r < NR; r++) {
      for (int64_t q = p; q < L; q++) acc[i][r][0] += g[i * L + q] * col[r * L + q];
      V sum;
      T* dst = lanes + (i * kg + r) * W;
      std::memcpy(&sum, dst, sizeof(V));
      sum += acc[i][r];
      std::memcpy(dst, &sum, sizeof(V));
    }
    if constexpr (BIAS) {
      for (int64_t q = p; q < L; q++) bacc[i][0] += g[i * L + q];
      V sum;
      std::memcpy(&sum, biasLanes + i * W, sizeof(V));
      sum += bacc[i];
      std::memcpy(biasLanes + i * W, &sum, sizeof(V));
    }
  }
}

template <typename T, int MO, bool FIRST, bool BIAS>
inline __attribute__((always_inline)) void rows(int nr, const T* g, const T* next, const T* col, int64_t L, T* lanes, T* biasLanes, int64_t kg) {
  switch (nr) {
    case 1: return block<T, MO, 1, FIRST, BIAS>(g, next, col, L, lanes, biasLanes, kg);
    case 2: return block<T, MO, 2, FIRST, BIAS>(g, next, col, L, lanes, biasLanes, kg);
    case 3: return block<T, MO, 3, FIRST, BIAS>(g, next, col, L, lanes, biasLanes, kg);
    case 4: return block<T, MO, 4, FIRST, BIAS>(g, next, col, L, lanes, biasLanes, kg);
    case 5: return block<T, MO, 5, FIRST, BIAS>(g, next, col, L, lanes, biasLanes, kg);
    default: return block<T, MO, kNr, FIRST, BIAS>(g, next, col, L, lanes, biasLanes, kg);
  }
}

template <typename T, bool FIRST, bool BIAS>
inline __attribute__((always_inline)) void blockRows(int mo, int nr, const T* g, const T* next, const T* col, int64_t L, T* lanes, T* biasLanes, int64_t kg) {
  switch (mo) {
    case 1: return rows<T, 1, FIRST, BIAS>(nr, g, next, col, L, lanes, biasLanes, kg);
    case 2: return rows<T, 2, FIRST, BIAS>(nr, g, next, col, L, lanes, biasLanes, kg);
    case 3: return rows<T, 3, FIRST, BIAS>(nr, g, next, col, L, lanes, biasLanes, kg);
    default: return rows<T, kMo, FIRST, BIAS>(nr, g, next, col, L, lanes, biasLanes, kg);
  }
}

template <typename T>
inline __attribute__((always_inline)) void run(int64_t cog, int64_t kg, int64_t L, const T* g, const T* col, T* lanes, T* biasLanes) {
  constexpr int64_t W = 64 / sizeof(T);
  for (int64_t o = 0; o < cog; o += kMo) {
    const int mo = static_cast<int>(std::min<int64_t>(kMo, cog - o));
    for (int64_t k = 0; k < kg; k += kNr) {
      const int nr = static_cast<int>(std::min<int64_t>(kNr, kg - k));
      const T* go = g + o * L;
      const T* next = o + 2 * mo <= cog ? go + mo * L : nullptr;  // the next block, when it has as many rows
      T* out = lanes + (o * kg + k) * W;
      // The bias sums ride along with the first column block, while its g rows are loaded anyway.
      if (k == 0 && biasLanes != nullptr)
        blockRows<T, true, true>(mo, nr, go, next, col + k * L, L, out, biasLanes + o * W, kg);
      else if (k == 0)
        blockRows<T, true, false>(mo, nr, go, next, col + k * L, L, out, nullptr, kg);
      else
        blockRows<T, false, false>(mo, nr, go, next, col + k * L, L, out, nullptr, kg);
    }
  }
}

constexpr int kFo = 8, kFv = 2;

// out rows [0, MO) at PV vectors of plane positions from p = w rows @ col + bias: each weight, broadcast
// once, serves all PV vectors.
template <typename T, int MO, int PV>
inline __attribute__((always_inline)) void forwardTile(int64_t kg, int64_t L, int64_t p, const T* w, const T* col, const T* b, T* out) {
  typedef T V __attribute__((vector_size(64)));
  constexpr int64_t W = 64 / sizeof(T);
  V acc[MO][PV];
  for (int i = 0; i < MO; i++)
    for (int v = 0; v < PV; v++) acc[i][v] = V{} + b[i];
  for (int64_t k = 0; k < kg; k++) {
    V cv[PV];
    for (int v = 0; v < PV; v++) std::memcpy(&cv[v], col + k * L + p + v * W, sizeof(V));
    for (int i = 0; i < MO; i++) {
      const V wv = V{} + w[i * kg + k];
      for (int v = 0; v < PV; v++) acc[i][v] += wv * cv[v];
    }
  }
  for (int i = 0; i < MO; i++)
    for (int v = 0; v < PV; v++) std::memcpy(out + i * L + p + v * W, &acc[i][v], sizeof(V));
}

// out rows [0, MO) = w rows @ col + bias over the whole plane.
template <typename T, int MO>
inline __attribute__((always_inline)) void forwardRows(int64_t kg, int64_t L, const T* w, const T* col, const T* bias, T* out) {
  constexpr int64_t W = 64 / sizeof(T);
  T b[MO];
  for (int i = 0; i < MO; i++) b[i] = bias ? bias[i] : T(0);
  int64_t p = 0;
  for (; p + kFv * W <= L; p += kFv * W) forwardTile<T, MO, kFv>(kg, L, p, w, col, b, out);
  for (; p + W <= L; p += W) forwardTile<T, MO, 1>(kg, L, p, w, col, b, out);
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

TN_THIN_CLONES void thinGradWeightLanes(int64_t cog, int64_t kg, int64_t L, const float* g, const float* col, float* lanes, float* biasLanes) {
  run(cog, kg, L, g, col, lanes, biasLanes);
}

TN_THIN_CLONES void thinGradWeightLanes(int64_t cog, int64_t kg, int64_t L, const double* g, const double* col, double* lanes,
                                        double* biasLanes) {
  run(cog, kg, L, g, col, lanes, biasLanes);
}

}  // namespace torch_native::nn
