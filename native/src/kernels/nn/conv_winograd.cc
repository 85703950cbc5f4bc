// float32 3x3 stride-1 convolution by Winograd's minimal filtering F(4x4, 3x3): each 4x4 output tile
// is A^T [ (G g G^T) ⊙ (B^T d B) ] A over a 6x6 input tile d, so the channel sums become 36 independent
// products (out x in) @ (in x tiles), 4x fewer multiplies than im2col + GEMM for the same sums. The
// transforms run over blocks of 16 tiles in plain loops that the compiler vectorises (target_clones
// picks AVX-512, AVX2 or the baseline at load); the products go to stridedGemm (the builtin GEMM for
// wide blocks when OpenBLAS runs without AVX-512 on an AVX-512 CPU: builtinProducts). Small planes go
// several samples at a time (samplesBlock), so that their products are wide too.
//
// The interpolation points are 0, ±1, ±2 (the usual choice): the transforms' coefficients stay small
// (at most 8 in A, 5 in B), so float32 results stay within a few ulps of the channel sum's magnitude;
// conv_winograd.test.ts checks them against float64 direct sums.
#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "../gemm.h"
#include "../threadpool.h"
#include "conv_winograd.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace torch_native::nn {
namespace {

#if defined(__x86_64__) && !defined(__clang__)
#define TN_WINO_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define TN_WINO_CLONES
#endif

constexpr int kLanes = 16;  // tiles transformed together (one AVX-512 register of floats)
constexpr int kAlpha = 6;   // input tile side: 4 outputs + 3 - 1
constexpr int kPoints = kAlpha * kAlpha;
// Floats past the end of the padded planes: the row kernels read whole vectors beyond a run's last window.
constexpr int64_t kSlack = 128;

// Geometry of one call: tiles of 4x4 outputs over the output plane, read from a zero-padded copy of
// the input plane whose rows and columns cover every tile's 6x6 window.
struct Tiles {
  int64_t oh, ow, th, tw, count, ph, pw;
  explicit Tiles(const Window& w)
      : oh(w.out[1]), ow(w.out[2]), th((oh + 3) / 4), tw((ow + 3) / 4), count(th * tw), ph(4 * th + 2), pw(4 * tw + 2) {}
};

// B^T applied along one axis of 6 rows of kLanes values: o[i] = Σ_k B^T[i][k] x[k].
template <typename In, typename Out>
inline void inputRows(In x, Out o) {
  for (int j = 0; j < kLanes; j++) {
    const float x0 = x(0)[j], x1 = x(1)[j], x2 = x(2)[j], x3 = x(3)[j], x4 = x(4)[j], x5 = x(5)[j];
    o(0)[j] = 4 * x0 - 5 * x2 + x4;
    o(1)[j] = -4 * (x1 + x2) + x3 + x4;
    o(2)[j] = 4 * (x1 - x2) - x3 + x4;
    o(3)[j] = 2 * (x3 - x1) - x2 + x4;
    o(4)[j] = 2 * (x1 - x3) - x2 + x4;
    o(5)[j] = 4 * x1 - 5 * x3 + x5;
  }
}

// V = B^T d B for the kLanes tiles in d[point][lane]; writes the first n lanes to v[point * ld + j].
inline __attribute__((always_inline)) void transformInput(float (&d)[kPoints][kLanes], int64_t n, float* v, int64_t ld) {
  alignas(64) float r[kPoints][kLanes];
  for (int l = 0; l < kAlpha; l++)  // columns: r[i][l] = Σ_k B^T[i][k] d[k][l]
    inputRows([&](int k) { return d[k * kAlpha + l]; }, [&](int i) { return r[i * kAlpha + l]; });
  for (int i = 0; i < kAlpha; i++) {  // rows: V[i][m] = Σ_l r[i][l] B[l][m]
    alignas(64) float o[kAlpha][kLanes];
    inputRows([&](int l) { return r[i * kAlpha + l]; }, [&](int m) { return o[m]; });
    for (int m = 0; m < kAlpha; m++) {
      float* dst = v + (i * kAlpha + m) * ld;
      if (n == kLanes)  // a fixed-size copy the compiler inlines (memcpy calls of 64 bytes showed up in profiles)
        for (int j = 0; j < kLanes; j++) dst[j] = o[m][j];
      else
        std::memcpy(dst, o[m], sizeof(float) * n);
    }
  }
}

// Transforms n <= kLanes tiles (starting at tile t0) of one channel's padded plane p into v[point * ld + j].
TN_WINO_CLONES void inputBlock(const float* p, const Tiles& g, int64_t t0, int64_t n, float* v, int64_t ld) {
  alignas(64) float d[kPoints][kLanes];
  for (int64_t j = 0; j < kLanes; j++) {
    const int64_t t = t0 + std::min<int64_t>(j, n - 1);  // the tail repeats the last tile
    const float* src = p + (t / g.tw) * 4 * g.pw + (t % g.tw) * 4;
    for (int k = 0; k < kAlpha; k++)
      for (int l = 0; l < kAlpha; l++) d[k * kAlpha + l][j] = src[k * g.pw + l];
  }
  transformInput(d, n, v, ld);
}

// A^T applied along one axis: 6 rows of kLanes values to 4.
template <typename In, typename Out>
inline void outputRows(In m, Out y) {
  for (int j = 0; j < kLanes; j++) {
    const float m0 = m(0)[j], m1 = m(1)[j], m2 = m(2)[j], m3 = m(3)[j], m4 = m(4)[j], m5 = m(5)[j];
    const float s12 = m1 + m2, d12 = m1 - m2, s34 = m3 + m4, d34 = m3 - m4;
    y(0)[j] = m0 + s12 + s34;
    y(1)[j] = d12 + 2 * d34;
    y(2)[j] = s12 + 4 * s34;
    y(3)[j] = d12 + 8 * d34 + m5;
  }
}

// y[4 * i + s][lane] = (A^T M A)[i][s] for the first n tiles of the products at m[point * ld + j]
// (lanes from n on are zero).
inline __attribute__((always_inline)) void transformOutput(const float* m, int64_t ld, int64_t n, float (&y)[16][kLanes]) {
  alignas(64) float a[kPoints][kLanes], r[4 * kAlpha][kLanes];
  for (int q = 0; q < kPoints; q++) {
    const float* src = m + q * ld;
    if (n == kLanes) {
      for (int j = 0; j < kLanes; j++) a[q][j] = src[j];
    } else {
      std::memcpy(a[q], src, sizeof(float) * n);
      std::fill(a[q] + n, a[q] + kLanes, 0.0f);
    }
  }
  for (int l = 0; l < kAlpha; l++)
    outputRows([&](int k) { return a[k * kAlpha + l]; }, [&](int i) { return r[i * kAlpha + l]; });
  for (int i = 0; i < 4; i++)
    outputRows([&](int l) { return r[i * kAlpha + l]; }, [&](int s) { return y[i * 4 + s]; });
}

// Inverse-transforms n <= kLanes tiles from t0 on of one output channel (products at m[point * ld + j]) and writes their
// 4x4 outputs, clipped to the plane, plus `bias` into out [oh, ow].
TN_WINO_CLONES void outputBlock(const float* m, int64_t ld, const Tiles& g, int64_t t0, int64_t n, float bias, float* out) {
  alignas(64) float y[16][kLanes];
  transformOutput(m, ld, n, y);
  for (int64_t j = 0; j < n; j++) {
    const int64_t t = t0 + j, y0 = (t / g.tw) * 4, x0 = (t % g.tw) * 4;
    const int64_t rows = std::min<int64_t>(4, g.oh - y0), cols = std::min<int64_t>(4, g.ow - x0);
    for (int64_t i = 0; i < rows; i++)
      for (int64_t s = 0; s < cols; s++) out[(y0 + i) * g.ow + x0 + s] = y[i * 4 + s][j] + bias;
  }
}

// A applied along one axis: 4 rows of kLanes values to 6 (the adjoint of outputRows).
template <typename In, typename Out>
inline void gradRows(In u, Out z) {
  for (int j = 0; j < kLanes; j++) {
    const float u0 = u(0)[j], u1 = u(1)[j], u2 = u(2)[j], u3 = u(3)[j];
    const float e = u0 + u2, o = u1 + u3, e4 = u0 + 4 * u2, o4 = 2 * u1 + 8 * u3;
    z(0)[j] = u0;
    z(1)[j] = e + o;
    z(2)[j] = e - o;
    z(3)[j] = e4 + o4;
    z(4)[j] = e4 - o4;
    z(5)[j] = u3;
  }
}

// (A dY A^T) for the kLanes 4x4 tiles in d[16][lane]; writes the first n lanes to v[point * ld + j].
inline __attribute__((always_inline)) void transformGrad(float (&d)[16][kLanes], int64_t n, float* v, int64_t ld) {
  alignas(64) float r[kAlpha * 4][kLanes];
  for (int k = 0; k < 4; k++)  // columns: r[i][k] = Σ_l A[i][l] d[l][k]
    gradRows([&](int l) { return d[l * 4 + k]; }, [&](int i) { return r[i * 4 + k]; });
  for (int i = 0; i < kAlpha; i++) {  // rows: V[i][m] = Σ_k r[i][k] A[m][k]
    alignas(64) float o[kAlpha][kLanes];
    gradRows([&](int k) { return r[i * 4 + k]; }, [&](int m) { return o[m]; });
    for (int m = 0; m < kAlpha; m++) {
      float* dst = v + (i * kAlpha + m) * ld;
      if (n == kLanes)
        for (int j = 0; j < kLanes; j++) dst[j] = o[m][j];
      else
        std::memcpy(dst, o[m], sizeof(float) * n);
    }
  }
}

// Transforms n <= kLanes 4x4 tiles (from t0 on) of one output-gradient plane, zero-padded to
// gp [4 th, 4 tw], into v[point * ld + j] = (A dY A^T)[point]: the weight gradient's counterpart of
// the filter transform.
TN_WINO_CLONES void gradBlock(const float* gp, const Tiles& g, int64_t t0, int64_t n, float* v, int64_t ld) {
  alignas(64) float d[16][kLanes];
  const int64_t pw = 4 * g.tw;
  for (int64_t j = 0; j < kLanes; j++) {
    const int64_t t = t0 + std::min<int64_t>(j, n - 1);
    const float* src = gp + (t / g.tw) * 4 * pw + (t % g.tw) * 4;
    for (int i = 0; i < 4; i++)
      for (int k = 0; k < 4; k++) d[i * 4 + k][j] = src[i * pw + k];
  }
  transformGrad(d, n, v, ld);
}

#if defined(__x86_64__)
// Row kernels (AVX-512): when a block's tiles lie in one row of tiles, lane j's window starts 4j
// floats after lane 0's, so each of a window's columns is a stride-4 slice of one row that two
// two-source permutes and a 128-bit shuffle gather (instead of 16 scalar loads and stores), and the
// outputs go back by the inverse interleave with masked stores.

// out[l] lane j = x[l + 4j] for l < count (count <= 4), from the 64 floats at x.
__attribute__((target("avx512f"), always_inline)) inline void stride4(const float* x, __m512* out, int count) {
  const __m512 a0 = _mm512_loadu_ps(x), a1 = _mm512_loadu_ps(x + 16), a2 = _mm512_loadu_ps(x + 32), a3 = _mm512_loadu_ps(x + 48);
  for (int l = 0; l < count; l++) {
    const __m512i idx = _mm512_setr_epi32(l, l + 4, l + 8, l + 12, l + 16, l + 20, l + 24, l + 28, l, l + 4, l + 8, l + 12, l + 16, l + 20, l + 24, l + 28);
    // idx repeats in both halves: lanes 0-7 come from a0:a1, lanes 8-15 from a2:a3
    out[l] = _mm512_mask_blend_ps(0xFF00, _mm512_permutex2var_ps(a0, idx, a1), _mm512_permutex2var_ps(a2, idx, a3));
  }
}

// inputBlock for n tiles from t0 on that lie in one row of tiles.
__attribute__((target("avx512f"))) void inputBlockRow(const float* p, const Tiles& g, int64_t t0, int64_t n, float* v, int64_t ld) {
  alignas(64) float d[kPoints][kLanes];
  const float* src = p + (t0 / g.tw) * 4 * g.pw + (t0 % g.tw) * 4;
  for (int k = 0; k < kAlpha; k++) {
    __m512 a[4], b[2];
    stride4(src + k * g.pw, a, 4);
    stride4(src + k * g.pw + 4, b, 2);
    for (int l = 0; l < 4; l++) _mm512_store_ps(d[k * kAlpha + l], a[l]);
    _mm512_store_ps(d[k * kAlpha + 4], b[0]);
    _mm512_store_ps(d[k * kAlpha + 5], b[1]);
  }
  transformInput(d, n, v, ld);
}

// gradBlock for n tiles from t0 on that lie in one row of tiles.
__attribute__((target("avx512f"))) void gradBlockRow(const float* gp, const Tiles& g, int64_t t0, int64_t n, float* v, int64_t ld) {
  alignas(64) float d[16][kLanes];
  const int64_t pw = 4 * g.tw;
  const float* src = gp + (t0 / g.tw) * 4 * pw + (t0 % g.tw) * 4;
  for (int i = 0; i < 4; i++) {
    __m512 a[4];
    stride4(src + i * pw, a, 4);
    for (int k = 0; k < 4; k++) _mm512_store_ps(d[i * 4 + k], a[k]);
  }
  transformGrad(d, n, v, ld);
}

// outputBlock for n tiles from t0 on that lie in one row of tiles.
__attribute__((target("avx512f"))) void outputBlockRow(const float* m, int64_t ld, const Tiles& g, int64_t t0, int64_t n, float bias,
                                                        float* out) {
  alignas(64) float y[16][kLanes];
  transformOutput(m, ld, n, y);
  const int64_t y0 = (t0 / g.tw) * 4, x0 = (t0 % g.tw) * 4;
  const int64_t rows = std::min<int64_t>(4, g.oh - y0), cols = std::min<int64_t>(4 * n, g.ow - x0);
  const __m512i pairLo = _mm512_setr_epi32(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
  const __m512i pairHi = _mm512_setr_epi32(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const __m512i quadLo = _mm512_setr_epi32(0, 1, 16, 17, 2, 3, 18, 19, 4, 5, 20, 21, 6, 7, 22, 23);
  const __m512i quadHi = _mm512_setr_epi32(8, 9, 24, 25, 10, 11, 26, 27, 12, 13, 28, 29, 14, 15, 30, 31);
  const __m512 b = _mm512_set1_ps(bias);
  for (int64_t i = 0; i < rows; i++) {
    const __m512 c0 = _mm512_load_ps(y[i * 4]), c1 = _mm512_load_ps(y[i * 4 + 1]), c2 = _mm512_load_ps(y[i * 4 + 2]), c3 = _mm512_load_ps(y[i * 4 + 3]);
    const __m512 u0 = _mm512_permutex2var_ps(c0, pairLo, c1), u1 = _mm512_permutex2var_ps(c0, pairHi, c1);
    const __m512 w0 = _mm512_permutex2var_ps(c2, pairLo, c3), w1 = _mm512_permutex2var_ps(c2, pairHi, c3);
    const __m512 o[4] = {_mm512_permutex2var_ps(u0, quadLo, w0), _mm512_permutex2var_ps(u0, quadHi, w0),
                         _mm512_permutex2var_ps(u1, quadLo, w1), _mm512_permutex2var_ps(u1, quadHi, w1)};
    float* dst = out + (y0 + i) * g.ow + x0;  // out[x0 + 4j + s] = column s of tile j
    for (int q = 0; q < 4; q++) {
      const int64_t left = cols - 16 * q;
      if (left <= 0) break;
      const __mmask16 mask = left >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << left) - 1);
      _mm512_mask_storeu_ps(dst + 16 * q, mask, _mm512_add_ps(o[q], b));
    }
  }
}

// Segment kernels (AVX-512, rows of fewer than 8 tiles): a run of 16 tiles spans several rows of
// tiles; each row's part (a segment of at most 7 tiles) is gathered from its own row by one
// two-source permute per window column, blended into the segment's lanes.
// The segments of a run of n tiles from t0 on: lanes [j, j + len) hold tiles t .. t + len - 1 of one row.
#define TN_FOR_EACH_SEGMENT(g, t0, n)                                                          \
  for (int64_t j = 0, t = (t0), len = 0; j < (n); j += len, t += len)                         \
    if ((len = std::min<int64_t>((g).tw - t % (g).tw, (n) - j)), true)

// acc[l] lanes [j, j + len) = x[l + 4 (lane - j)] for l < count; x holds 32 readable floats.
__attribute__((target("avx512f"), always_inline)) inline void segment4(const float* x, int64_t j, int64_t len, __m512* acc, int count) {
  const __m512 a0 = _mm512_loadu_ps(x), a1 = _mm512_loadu_ps(x + 16);
  const __m512i lane = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  const __m512i d = _mm512_sub_epi32(lane, _mm512_set1_epi32(static_cast<int>(j))), d2 = _mm512_add_epi32(d, d);
  const __m512i shift = _mm512_add_epi32(d2, d2);  // 4 (lane - j)
  const __mmask16 mask = static_cast<__mmask16>(((1u << len) - 1) << j);
  for (int l = 0; l < count; l++)
    acc[l] = _mm512_mask_blend_ps(mask, acc[l], _mm512_permutex2var_ps(a0, _mm512_add_epi32(shift, _mm512_set1_epi32(l)), a1));
}

// inputBlock for rows of fewer than 8 tiles.
__attribute__((target("avx512f"))) void inputBlockSeg(const float* p, const Tiles& g, int64_t t0, int64_t n, float* v, int64_t ld) {
  alignas(64) float d[kPoints][kLanes];
  for (int k = 0; k < kAlpha; k++) {
    __m512 acc[kAlpha];
    for (int l = 0; l < kAlpha; l++) acc[l] = _mm512_setzero_ps();
    TN_FOR_EACH_SEGMENT(g, t0, n) {
      const float* row = p + ((t / g.tw) * 4 + k) * g.pw + (t % g.tw) * 4;
      segment4(row, j, len, acc, 4);
      segment4(row + 4, j, len, acc + 4, 2);
    }
    for (int l = 0; l < kAlpha; l++) _mm512_store_ps(d[k * kAlpha + l], acc[l]);
  }
  transformInput(d, n, v, ld);
}

// gradBlock for rows of fewer than 8 tiles.
__attribute__((target("avx512f"))) void gradBlockSeg(const float* gp, const Tiles& g, int64_t t0, int64_t n, float* v, int64_t ld) {
  alignas(64) float d[16][kLanes];
  const int64_t pw = 4 * g.tw;
  for (int i = 0; i < 4; i++) {
    __m512 acc[4];
    for (int l = 0; l < 4; l++) acc[l] = _mm512_setzero_ps();
    TN_FOR_EACH_SEGMENT(g, t0, n) segment4(gp + ((t / g.tw) * 4 + i) * pw + (t % g.tw) * 4, j, len, acc, 4);
    for (int l = 0; l < 4; l++) _mm512_store_ps(d[i * 4 + l], acc[l]);
  }
  transformGrad(d, n, v, ld);
}

// outputBlock for rows of fewer than 8 tiles: each output row of the run is interleaved once into
// 64 floats (4 per tile), and each segment's part goes to its own row with masked stores.
__attribute__((target("avx512f"))) void outputBlockSeg(const float* m, int64_t ld, const Tiles& g, int64_t t0, int64_t n, float bias,
                                                        float* out) {
  alignas(64) float y[16][kLanes], line[4 * kLanes];
  transformOutput(m, ld, n, y);
  const __m512i pairLo = _mm512_setr_epi32(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
  const __m512i pairHi = _mm512_setr_epi32(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const __m512i quadLo = _mm512_setr_epi32(0, 1, 16, 17, 2, 3, 18, 19, 4, 5, 20, 21, 6, 7, 22, 23);
  const __m512i quadHi = _mm512_setr_epi32(8, 9, 24, 25, 10, 11, 26, 27, 12, 13, 28, 29, 14, 15, 30, 31);
  const __m512 b = _mm512_set1_ps(bias);
  for (int i = 0; i < 4; i++) {
    const __m512 c0 = _mm512_load_ps(y[i * 4]), c1 = _mm512_load_ps(y[i * 4 + 1]), c2 = _mm512_load_ps(y[i * 4 + 2]), c3 = _mm512_load_ps(y[i * 4 + 3]);
    const __m512 u0 = _mm512_permutex2var_ps(c0, pairLo, c1), u1 = _mm512_permutex2var_ps(c0, pairHi, c1);
    const __m512 w0 = _mm512_permutex2var_ps(c2, pairLo, c3), w1 = _mm512_permutex2var_ps(c2, pairHi, c3);
    _mm512_store_ps(line, _mm512_add_ps(_mm512_permutex2var_ps(u0, quadLo, w0), b));
    _mm512_store_ps(line + 16, _mm512_add_ps(_mm512_permutex2var_ps(u0, quadHi, w0), b));
    _mm512_store_ps(line + 32, _mm512_add_ps(_mm512_permutex2var_ps(u1, quadLo, w1), b));
    _mm512_store_ps(line + 48, _mm512_add_ps(_mm512_permutex2var_ps(u1, quadHi, w1), b));
    TN_FOR_EACH_SEGMENT(g, t0, n) {
      const int64_t y0 = (t / g.tw) * 4, x0 = (t % g.tw) * 4;
      if (y0 + i >= g.oh) continue;
      float* dst = out + (y0 + i) * g.ow + x0;
      const int64_t cols = std::min<int64_t>(4 * len, g.ow - x0);
      for (int64_t q = 0; q < cols; q += 16) {
        const int64_t left = std::min<int64_t>(16, cols - q);
        _mm512_mask_storeu_ps(dst + q, static_cast<__mmask16>((1u << left) - 1), _mm512_loadu_ps(line + 4 * j + q));
      }
    }
  }
}

// Which kernels transform a plane's tiles: 0 the portable ones, 1 the row kernels (8 tiles a row or
// more), 2 the segment kernels.
int tileKernels(const Tiles& g) {
  static const bool avx512 = __builtin_cpu_supports("avx512f");
  return !avx512 ? 0 : g.tw >= 8 ? 1 : 2;
}
#undef TN_FOR_EACH_SEGMENT
#else
int tileKernels(const Tiles&) { return 0; }
#endif

using InputFn = void (*)(const float*, const Tiles&, int64_t, int64_t, float*, int64_t);
using OutputFn = void (*)(const float*, int64_t, const Tiles&, int64_t, int64_t, float, float*);

// The kernels tileKernels picks; `rows` says whether runs of tiles must stay within one row.
struct TileKernels {
  InputFn input = inputBlock, grad = gradBlock;
  OutputFn output = outputBlock;
  bool rows = false;
  explicit TileKernels(const Tiles& g) {
#if defined(__x86_64__)
    const int kind = tileKernels(g);
    if (kind == 1) input = inputBlockRow, grad = gradBlockRow, output = outputBlockRow, rows = true;
    if (kind == 2) input = inputBlockSeg, grad = gradBlockSeg, output = outputBlockSeg;
#endif
  }
};

// Calls fn(t, n) for runs of n <= kLanes consecutive tiles that cover [t0, t0 + count); with `rows`
// no run crosses the end of a row of tiles (what the row kernels need).
template <typename Fn>
void forEachRun(const Tiles& g, bool rows, int64_t t0, int64_t count, Fn fn) {
  for (int64_t t = t0, e = t0 + count; t < e;) {
    int64_t n = std::min<int64_t>(kLanes, e - t);
    if (rows) n = std::min<int64_t>(n, g.tw - t % g.tw);
    fn(t, n);
    t += n;
  }
}

// Whether n floats hold no NaN or Inf (x * 0 is 0 exactly for finite x).
TN_WINO_CLONES bool finite(const float* x, int64_t n) {
  float acc[kLanes] = {};
  int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes)
    for (int j = 0; j < kLanes; j++) acc[j] += x[i + j] * 0.0f;
  for (; i < n; i++) acc[0] += x[i] * 0.0f;
  float all = 0;
  for (int j = 0; j < kLanes; j++) all += acc[j];
  return all == 0.0f;
}

// The filter transform of F(4x4, 3x3): U = G g G^T.
constexpr double G[kAlpha][3] = {{1.0 / 4, 0, 0},           {-1.0 / 6, -1.0 / 6, -1.0 / 6}, {-1.0 / 6, 1.0 / 6, -1.0 / 6},
                                 {1.0 / 24, 1.0 / 12, 1.0 / 6}, {1.0 / 24, -1.0 / 12, 1.0 / 6}, {0, 0, 1}};

// U[point][f0 + j] for the n <= kLanes filters from f0 on: lanes are filters, so the loops vectorise
// (in double, as the transform's 1/6 and 1/24 are not exact in float).
TN_WINO_CLONES void transformFilters(const float* weight, int64_t f0, int64_t n, int64_t per, float* u) {
  alignas(64) double w[9][kLanes] = {}, t[kAlpha][3][kLanes];
  for (int64_t j = 0; j < n; j++)
    for (int k = 0; k < 9; k++) w[k][j] = weight[(f0 + j) * 9 + k];
  for (int i = 0; i < kAlpha; i++)
    for (int k = 0; k < 3; k++)
      for (int j = 0; j < kLanes; j++) t[i][k][j] = G[i][0] * w[k][j] + G[i][1] * w[3 + k][j] + G[i][2] * w[6 + k][j];
  for (int i = 0; i < kAlpha; i++)
    for (int m = 0; m < kAlpha; m++) {
      alignas(64) float o[kLanes];
      for (int j = 0; j < kLanes; j++) o[j] = static_cast<float>(t[i][0][j] * G[m][0] + t[i][1][j] * G[m][1] + t[i][2][j] * G[m][2]);
      std::memcpy(u + (i * kAlpha + m) * per + f0, o, sizeof(float) * n);
    }
}

// U[point][o][c] = (G g G^T)[point] for every filter g = weight[o][c] (3x3), o over all out channels.
std::vector<float> transformWeights(const float* weight, int64_t outChannels, int64_t cg) {
  const int64_t per = outChannels * cg;
  std::vector<float> u(static_cast<size_t>(kPoints * per));
  parallelFor((per + kLanes - 1) / kLanes, 16, [&](int64_t lo, int64_t hi) {
    for (int64_t b = lo; b < hi; b++) transformFilters(weight, b * kLanes, std::min<int64_t>(kLanes, per - b * kLanes), per, u.data());
  });
  return u;
}

// Tiles whose transformed input and products (36 x (cg + cog) floats each) make ~4 MiB: a block of them
// is still in cache when the products and the output transform read it.
int64_t tilesIn4MiB(const ConvCall& c) {
  return (int64_t(4) << 20) / (4 * kPoints * ((c.inChannels + c.outChannels) / c.groups));
}

// Tiles per block of one sample's plane: tilesIn4MiB in whole runs of kLanes, at most the plane's.
int64_t blockTiles(const ConvCall& c, const Tiles& g) {
  return std::clamp<int64_t>(tilesIn4MiB(c) / kLanes * kLanes, kLanes, (g.count + kLanes - 1) / kLanes * kLanes);
}

// Per-thread buffers, kept between calls (fresh pages on every call cost as much as the transforms)
// unless they grew past 64 MiB. Only the interior of `padded` (the input's rows and columns) is ever
// written, so its zero border holds from one call to the next while the layout is the same; a call with
// another layout (`layout` differs) zeroes it again.
struct Scratch {
  std::vector<float> padded, v, m, gpad;  // gpad: output-gradient planes padded to whole tiles
  std::array<int64_t, 7> layout{};  // cg, ph, pw, top, left, rows, cols of the padded planes
};

Scratch& threadScratch() {
  thread_local Scratch s;
  const size_t cap = (s.padded.capacity() + s.v.capacity() + s.m.capacity() + s.gpad.capacity()) * sizeof(float);
  if (cap > (size_t(64) << 20)) s = Scratch();
  return s;
}

// Copies one group's input channels x [cg, ih, iw] into the interior of s.padded.
void padGroup(const ConvCall& c, const Tiles& g, const float* x, Scratch& s) {
  const int64_t cg = c.inChannels / c.groups, inPlane = c.w.in[1] * c.w.in[2], padPlane = g.ph * g.pw;
  const int64_t top = c.w.pad[1], left = c.w.pad[2];
  // Padded rows/columns that hold input: row ih sits at ih + top; rows past the input stay zero.
  const int64_t rows = std::min(c.w.in[1], g.ph - top), cols = std::min(c.w.in[2], g.pw - left);
  const std::array<int64_t, 7> layout{cg, g.ph, g.pw, top, left, rows, cols};
  if (s.layout != layout) {
    s.padded.assign(static_cast<size_t>(cg * padPlane + kSlack), 0.0f);
    s.layout = layout;
  }
  for (int64_t ch = 0; ch < cg; ch++)
    for (int64_t ih = 0; ih < rows; ih++)
      std::memcpy(s.padded.data() + ch * padPlane + (ih + top) * g.pw + left, x + ch * inPlane + ih * c.w.in[2], sizeof(float) * cols);
}

// Copies one output-gradient plane gy [oh, ow] into gp [4 th, 4 tw], zero beyond the plane.
void padGrad(const float* gy, const Tiles& g, std::vector<float>& gp) {
  const int64_t pw = 4 * g.tw;
  gp.resize(static_cast<size_t>(4 * g.th * pw + kSlack));
  for (int64_t i = 0; i < g.oh; i++) {
    std::memcpy(gp.data() + i * pw, gy + i * g.ow, sizeof(float) * g.ow);
    std::fill(gp.data() + i * pw + g.ow, gp.data() + (i + 1) * pw, 0.0f);
  }
  std::fill(gp.data() + g.oh * pw, gp.data() + 4 * g.th * pw, 0.0f);
}

// Whether a block of nb tiles runs its 36 forward products on the addon's own GEMM rather than
// OpenBLAS: when OpenBLAS runs a kernel set without AVX-512 (OPENBLAS_CORETYPE=Haswell, or its
// detection lagging a new CPU) on a CPU whose builtin kernels use AVX-512, and the block is wide enough
// for their packing to pay. Measured on Zen 4 with Haswell kernels: 64->64 on 32x64x56x56 (blocks of
// 224 tiles) 27.5 ms against 33.3 ms on one thread; 32->64 on 64x32x14x14 (blocks of 18 samples, 288
// tiles) 1.75 ms against 1.96 ms on two; blocks of 16 tiles stay faster on OpenBLAS, and OpenBLAS's own
// AVX-512 kernels (SkylakeX) beat the builtin ones (22.7 and 1.44 ms).
bool builtinProducts(int64_t nb) {
  static const bool lagging = [] {
    if (std::strcmp(builtinGemmLevel(), "avx512") != 0) return false;
    const BlasInfo b = blasInfo();
    if (std::strcmp(b.library, "openblas") != 0 || b.coretype == nullptr) return false;
    std::string core(b.coretype);
    for (char& ch : core) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    for (const char* avx512 : {"skylakex", "cooperlake", "sapphirerapids"})
      if (core.find(avx512) != std::string::npos) return false;
    return true;
  }();
  return lagging && nb >= 128;
}

// The 36 products of one group's block of nb tiles: s.m[q] (cog x nb) = U[q] (cog x cg) @ s.v[q] (cg x nb).
void products(const ConvCall& c, const float* u, int64_t grp, int64_t nb, bool par, Scratch& s) {
  const int64_t cg = c.inChannels / c.groups, cog = c.outChannels / c.groups;
  const bool builtin = builtinProducts(nb);
  for (int q = 0; q < kPoints; q++) {
    const float* uq = u + (q * c.outChannels + grp * cog) * cg;
    if (builtin)
      builtinGemm(cog, nb, cg, 1.0f, uq, cg, 1, s.v.data() + q * cg * nb, nb, 1, 0.0f, s.m.data() + q * cog * nb, nb, 1, par);
    else
      stridedGemm(cog, nb, cg, 1.0f, uq, cg, 1, s.v.data() + q * cg * nb, nb, 1, 0.0f, s.m.data() + q * cog * nb, nb, 1, par);
  }
}

// One sample n: every group, every block of tiles. `par` lets the products use the pool. Returns false
// when the sample holds a NaN or Inf (found before anything is written): Winograd would spread it from
// its window over every output of the tiles that read it.
bool sample(const ConvCall& c, const Tiles& g, const float* u, const float* in, const float* bias, float* out, int64_t n, bool par,
            Scratch& s) {
  const int64_t cg = c.inChannels / c.groups, cog = c.outChannels / c.groups, inPlane = c.w.in[1] * c.w.in[2];
  const int64_t outPlane = g.oh * g.ow, padPlane = g.ph * g.pw, block = blockTiles(c, g);
  const TileKernels kern(g);
  s.v.resize(static_cast<size_t>(kPoints * cg * block));
  s.m.resize(static_cast<size_t>(kPoints * cog * block));
  if (!finite(in + n * c.inChannels * inPlane, c.inChannels * inPlane)) return false;
  for (int64_t grp = 0; grp < c.groups; grp++) {
    padGroup(c, g, in + (n * c.inChannels + grp * cg) * inPlane, s);
    float* y = out + (n * c.outChannels + grp * cog) * outPlane;
    for (int64_t t0 = 0; t0 < g.count; t0 += block) {
      const int64_t nb = std::min(block, g.count - t0);
      for (int64_t ch = 0; ch < cg; ch++)
        forEachRun(g, kern.rows, t0, nb, [&](int64_t t, int64_t k) {
          kern.input(s.padded.data() + ch * padPlane, g, t, k, s.v.data() + ch * nb + t - t0, cg * nb);
        });
      products(c, u, grp, nb, par, s);
      for (int64_t o = 0; o < cog; o++)
        forEachRun(g, kern.rows, t0, nb, [&](int64_t t, int64_t k) {
          kern.output(s.m.data() + o * nb + t - t0, cog * nb, g, t, k, bias ? bias[grp * cog + o] : 0.0f, y + o * outPlane);
        });
    }
  }
  return true;
}


// Samples n0 .. n0 + ns - 1 at once, their tiles side by side: a small plane has few tiles (a 14x14
// one 16), and the 36 products of one sample, (out x in) @ (in x 16), cost more in GEMM calls and
// packing than in arithmetic. Returns false, having written nothing, when one of them holds a NaN or
// Inf (the caller then takes them one by one).
bool samplesBlock(const ConvCall& c, const Tiles& g, const float* u, const float* in, const float* bias, float* out, int64_t n0, int64_t ns,
                  bool par, Scratch& s) {
  const int64_t cg = c.inChannels / c.groups, cog = c.outChannels / c.groups, inPlane = c.w.in[1] * c.w.in[2];
  const int64_t outPlane = g.oh * g.ow, padPlane = g.ph * g.pw, nt = ns * g.count;
  if (!finite(in + n0 * c.inChannels * inPlane, ns * c.inChannels * inPlane)) return false;
  const TileKernels kern(g);
  s.v.resize(static_cast<size_t>(kPoints * cg * nt));
  s.m.resize(static_cast<size_t>(kPoints * cog * nt));
  for (int64_t grp = 0; grp < c.groups; grp++) {
    for (int64_t i = 0; i < ns; i++) {
      padGroup(c, g, in + ((n0 + i) * c.inChannels + grp * cg) * inPlane, s);
      for (int64_t ch = 0; ch < cg; ch++)
        forEachRun(g, kern.rows, 0, g.count, [&](int64_t t, int64_t k) {
          kern.input(s.padded.data() + ch * padPlane, g, t, k, s.v.data() + ch * nt + i * g.count + t, cg * nt);
        });
    }
    products(c, u, grp, nt, par, s);
    for (int64_t i = 0; i < ns; i++) {
      float* y = out + ((n0 + i) * c.outChannels + grp * cog) * outPlane;
      for (int64_t o = 0; o < cog; o++)
        forEachRun(g, kern.rows, 0, g.count, [&](int64_t t, int64_t k) {
          kern.output(s.m.data() + o * nt + i * g.count + t, cog * nt, g, t, k, bias ? bias[grp * cog + o] : 0.0f, y + o * outPlane);
        });
    }
  }
  return true;
}

// Samples [lo, hi) in blocks of `per`; a block holding a NaN or Inf goes sample by sample.
void samplesRange(const ConvCall& c, const Tiles& g, const float* u, const float* input, const float* bias, float* output, int64_t lo,
                  int64_t hi, int64_t per, bool par, const std::function<void(int64_t, bool)>& fallback) {
  Scratch& s = threadScratch();
  for (int64_t n0 = lo; n0 < hi; n0 += per) {
    const int64_t ns = std::min(per, hi - n0);
    if (ns > 1 && samplesBlock(c, g, u, input, bias, output, n0, ns, par, s)) continue;
    for (int64_t n = n0; n < n0 + ns; n++)
      if (!sample(c, g, u, input, bias, output, n, par, s)) fallback(n, par);
  }
}

}  // namespace

bool winogradApplies(const ConvCall& c) {
  const Window& w = c.w;
  if (c.dtype != DType::F32 || w.kernel[0] != 1 || w.in[0] != 1 || w.out[0] != 1 || w.kernel[1] != 3 || w.kernel[2] != 3) return false;
  if (w.stride[1] != 1 || w.stride[2] != 1 || w.dilation[1] != 1 || w.dilation[2] != 1) return false;
  // Below ~16 channels a side the products are too thin for the transforms to pay for themselves.
  const int64_t cg = c.inChannels / c.groups, cog = c.outChannels / c.groups;
  return cg >= 16 && cog >= 16 && w.out[1] >= 4 && w.out[2] >= 4 && c.batch > 0;
}

bool allFinite(const float* x, int64_t n) { return finite(x, n); }

void winogradForward(const ConvCall& c, const float* input, const float* weight, const float* bias, float* output,
                     const std::function<void(int64_t, bool)>& fallback) {
  const Tiles g(c.w);
  const std::vector<float> u = transformWeights(weight, c.outChannels, c.inChannels / c.groups);
  // Samples per block of samplesBlock; 1 when a sample's plane fills a block by itself.
  const int64_t per = std::max<int64_t>(1, tilesIn4MiB(c) / g.count);
  if (c.batch >= getNumThreads() && getNumThreads() > 1) {
    // One contiguous range of samples per thread, so that each can make blocks of `per`.
    const int64_t threads = getNumThreads();
    parallelFor(threads, 1, [&](int64_t lo, int64_t hi) {
      for (int64_t k = lo; k < hi; k++) samplesRange(c, g, u.data(), input, bias, output, k * c.batch / threads, (k + 1) * c.batch / threads, per, false, fallback);
    });
  } else {
    samplesRange(c, g, u.data(), input, bias, output, 0, c.batch, per, true, fallback);
  }
}

// The weight gradient of a forward Y = A^T [(G w G^T) ⊙ (B^T d B)] A is, summed over every tile of
// every sample, dW = G^T [Σ (A dY A^T) ⊙ (B^T d B)] G: the channel sums become 36 products
// (out x tiles) @ (tiles x in) over blocks of tiles from several samples, and the 6x6 -> 3x3
// transform runs once per filter at the end.
bool winogradGradWeight(const ConvCall& c, const float* input, const float* gradOut, float* gradWeight, float scale) {
  if (!winogradApplies(c)) return false;
  const Tiles g(c.w);
  const int64_t cg = c.inChannels / c.groups, cog = c.outChannels / c.groups;
  const int64_t inPlane = c.w.in[1] * c.w.in[2], outPlane = g.oh * g.ow, padPlane = g.ph * g.pw;
  // A NaN or Inf would reach every filter tap through the transforms: im2col keeps it to the taps it meets.
  if (!finite(input, c.batch * c.inChannels * inPlane) || !finite(gradOut, c.batch * c.outChannels * outPlane)) return false;
  // Samples per block: their tiles together are the products' depth, the block's transforms ~4 MiB.
  const TileKernels kern(g);
  const int64_t per = std::clamp<int64_t>(tilesIn4MiB(c) / g.count, 1, c.batch);
  const int64_t threads = getNumThreads(), chunks = c.batch >= threads && threads > 1 ? threads : 1;
  const int64_t msize = c.groups * kPoints * cog * cg;  // per chunk: [group][point][out][in]
  std::vector<float> sums(static_cast<size_t>(chunks * msize), 0.0f);
  parallelFor(chunks, 1, [&](int64_t lo, int64_t hi) {
    Scratch& s = threadScratch();
    for (int64_t k = lo; k < hi; k++) {
      const int64_t n0 = k * c.batch / chunks, n1 = (k + 1) * c.batch / chunks;
      for (int64_t b0 = n0; b0 < n1; b0 += per) {
        const int64_t ns = std::min(per, n1 - b0), nt = ns * g.count;
        s.v.resize(static_cast<size_t>(kPoints * cg * nt));
        s.m.resize(static_cast<size_t>(kPoints * cog * nt));
        for (int64_t grp = 0; grp < c.groups; grp++) {
          for (int64_t i = 0; i < ns; i++) {
            const int64_t n = b0 + i, col = i * g.count;
            padGroup(c, g, input + (n * c.inChannels + grp * cg) * inPlane, s);
            for (int64_t ch = 0; ch < cg; ch++)
              forEachRun(g, kern.rows, 0, g.count, [&](int64_t t, int64_t k) {
                kern.input(s.padded.data() + ch * padPlane, g, t, k, s.v.data() + ch * nt + col + t, cg * nt);
              });
            const float* gy = gradOut + (n * c.outChannels + grp * cog) * outPlane;
            for (int64_t o = 0; o < cog; o++) {
              padGrad(gy + o * outPlane, g, s.gpad);
              forEachRun(g, kern.rows, 0, g.count, [&](int64_t t, int64_t k) {
                kern.grad(s.gpad.data(), g, t, k, s.m.data() + o * nt + col + t, cog * nt);
              });
            }
          }
          float* m = sums.data() + k * msize + grp * kPoints * cog * cg;
          for (int q = 0; q < kPoints; q++)  // M[q] (cog x cg) += Gy[q] (cog x nt) @ V[q]^T (nt x cg)
            stridedGemm(cog, cg, nt, 1.0f, s.m.data() + q * cog * nt, nt, 1, s.v.data() + q * cg * nt, 1, nt, 1.0f, m + q * cog * cg, cg, 1,
                        chunks == 1);
        }
      }
    }
  });
  const int64_t filters = c.outChannels * cg;
  parallelFor(filters, 64, [&](int64_t lo, int64_t hi) {
    for (int64_t f = lo; f < hi; f++) {
      const int64_t grp = f / (cog * cg), o = f / cg % cog, ch = f % cg;
      double m[kAlpha][kAlpha] = {};
      for (int64_t k = 0; k < chunks; k++)
        for (int q = 0; q < kPoints; q++) m[q / kAlpha][q % kAlpha] += sums[static_cast<size_t>(k * msize + ((grp * kPoints + q) * cog + o) * cg + ch)];
      double t[3][kAlpha];  // G^T M
      for (int a = 0; a < 3; a++)
        for (int j = 0; j < kAlpha; j++) {
          double acc = 0;
          for (int i = 0; i < kAlpha; i++) acc += G[i][a] * m[i][j];
          t[a][j] = acc;
        }
      float* w = gradWeight + f * 9;
      for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++) {
          double acc = 0;
          for (int j = 0; j < kAlpha; j++) acc += t[a][j] * G[j][b];
          w[a * 3 + b] += static_cast<float>(scale * acc);
        }
    }
  });
  return true;
}

}  // namespace torch_native::nn
