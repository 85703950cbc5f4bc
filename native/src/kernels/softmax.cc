// softmax / log-softmax along one dim (softmax.h). Each slice is shifted by its max before exp, so no
// finite input overflows; a NaN anywhere in a slice makes the whole slice NaN (through the sum), as in
// PyTorch. Sums run in the element type with independent lanes, as PyTorch's CPU kernels do.
//
// The loops read contiguous runs (strided input is gathered first) and are compiled twice, for AVX2 with
// FMA and for baseline x86-64, picked once at load: exp is a polynomial, and FMA is what makes it fast.
// (target_clones("avx2") would leave FMA out.)
#include "softmax.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "along_dim.h"
#include "threadpool.h"
#include "vecmath.h"

namespace torch_native {
namespace {

constexpr int kLanes = 16;
constexpr int64_t kTile = 256;  // inner positions handled together when dim is not the innermost

// Max of x[0, n), skipping NaN (a NaN still makes its slice NaN, through exp(NaN - max) in the sum).
// Explicit 32-byte vectors (GCC vector extensions): GCC does not vectorise a lane array of max updates.
template <class T>
inline T maxOf(const T* x, int64_t n) {
  constexpr int W = 32 / sizeof(T);
  typedef T V __attribute__((vector_size(32)));
  const T lowest = -std::numeric_limits<T>::infinity();
  V a0 = V{} + lowest, a1 = a0;
  int64_t r = 0;
  for (; r + 2 * W <= n; r += 2 * W) {
    V v0, v1;
    std::memcpy(&v0, x + r, sizeof(V));
    std::memcpy(&v1, x + r + W, sizeof(V));
    a0 = v0 > a0 ? v0 : a0;
    a1 = v1 > a1 ? v1 : a1;
  }
  a0 = a1 > a0 ? a1 : a0;
  T mx = lowest;
  for (int l = 0; l < W; l++) mx = a0[l] > mx ? a0[l] : mx;
  for (; r < n; r++) mx = x[r] > mx ? x[r] : mx;
  return mx;
}

// Σ exp(x - mx) over x[0, n); with Store also writes each exp(x - mx) to q.
template <class T, bool Store>
inline T sumExp(const T* x, int64_t n, T mx, T* q) {
  T s[kLanes] = {};
  int64_t r = 0;
  for (; r + kLanes <= n; r += kLanes)
    for (int l = 0; l < kLanes; l++) {
      const T e = vecmath::exp(x[r + l] - mx);
      if constexpr (Store) q[r + l] = e;
      s[l] += e;
    }
  for (; r < n; r++) {
    const T e = vecmath::exp(x[r] - mx);
    if constexpr (Store) q[r] = e;
    s[0] += e;
  }
  T sum = 0;
  for (int l = 0; l < kLanes; l++) sum += s[l];
  return sum;
}

// One slice of n elements at stride sd into the contiguous q[0, n).
template <class T, bool Log>
inline void softmaxSlice(const T* p, int64_t sd, int64_t n, T* q) {
  const T* x = p;
  if (sd != 1) {  // gather first: the passes below read contiguous memory
    for (int64_t r = 0; r < n; r++) q[r] = p[r * sd];
    x = q;
  }
  const T mx = maxOf(x, n);
  if constexpr (Log) {
    // (x - max) - log Σ, in this order: max + log Σ would lose log Σ next to a huge max.
    const T logSum = std::log(sumExp<T, false>(x, n, mx, nullptr));
    for (int64_t r = 0; r < n; r++) q[r] = (x[r] - mx) - logSum;
  } else {
    const T scale = T(1) / sumExp<T, true>(x, n, mx, q);
    for (int64_t r = 0; r < n; r++) q[r] *= scale;
  }
}

// Rows shorter than a vector (a classifier's 10 logits) would take sumExp's scalar tail, one exp at a
// time, and a scalar log per row: here a group of contiguous rows is shifted row by row into q, then
// the exps and the logs run as lane loops across the whole group. Same arithmetic as softmaxSlice.
constexpr int64_t kShortGroup = 1024;  // elements per group

template <class T, bool Log>
inline void softmaxShortRows(const T* const* rows, int64_t count, int64_t n, T* q) {
  T e[kShortGroup], sums[kShortGroup];
  for (int64_t i = 0; i < count; i++) {
    const T mx = maxOf(rows[i], n);
    for (int64_t r = 0; r < n; r++) q[i * n + r] = rows[i][r] - mx;
  }
  const int64_t total = count * n;
  for (int64_t j = 0; j < total; j++) e[j] = vecmath::exp(q[j]);
  for (int64_t i = 0; i < count; i++) {
    T sum = 0;
    for (int64_t r = 0; r < n; r++) sum += e[i * n + r];
    sums[i] = sum;
  }
  if constexpr (Log) {
    for (int64_t i = 0; i < count; i++) sums[i] = vecmath::log(sums[i]);
    for (int64_t i = 0; i < count; i++)
      for (int64_t r = 0; r < n; r++) q[i * n + r] -= sums[i];
  } else {
    for (int64_t i = 0; i < count; i++) sums[i] = T(1) / sums[i];
    for (int64_t i = 0; i < count; i++)
      for (int64_t r = 0; r < n; r++) q[i * n + r] = e[i * n + r] * sums[i];
  }
}

// When dim is not the innermost: w inner positions side by side, their running max (mx) and sum (k)
// in arrays, one row along dim at a time. row(r) gives row r's w inputs, contiguous.
template <class T, bool Log, class Row>
inline void softmaxTile(Row row, int64_t n, int64_t w, int64_t rowStride, T* q0) {
  T mx[kTile], k[kTile];
  std::fill(mx, mx + w, -std::numeric_limits<T>::infinity());
  std::fill(k, k + w, T(0));
  for (int64_t r = 0; r < n; r++) {
    const T* x = row(r);
    for (int64_t j = 0; j < w; j++) mx[j] = x[j] > mx[j] ? x[j] : mx[j];
  }
  for (int64_t r = 0; r < n; r++) {
    const T* x = row(r);
    T* q = q0 + r * rowStride;
    for (int64_t j = 0; j < w; j++) {
      const T e = vecmath::exp(x[j] - mx[j]);
      k[j] += e;
      if constexpr (!Log) q[j] = e;
    }
  }
  for (int64_t j = 0; j < w; j++) k[j] = Log ? std::log(k[j]) : T(1) / k[j];
  for (int64_t r = 0; r < n; r++) {
    const T* x = row(r);
    T* q = q0 + r * rowStride;
    for (int64_t j = 0; j < w; j++) q[j] = Log ? (x[j] - mx[j]) - k[j] : q[j] * k[j];
  }
}

// A block of work items: slices (innerOff == nullptr) or tiles of the tile layout.
struct Block {
  const char* in;
  char* out;
  int64_t n, sd, innerM, tiles;
  const int64_t* innerOff;  // null: slices; else per inner position, its input offset
  bool unit;                // innerOff[j] == j for all j
  const SoftmaxCall* call;
};

template <class T, bool Log>
inline void runBlock(const Block& b, int64_t begin, int64_t end) {
  const T* in = reinterpret_cast<const T*>(b.in);
  T* out = reinterpret_cast<T*>(b.out);
  if (!b.innerOff && b.sd == 1 && b.n < kLanes) {
    const T* rows[kShortGroup];
    const int64_t group = kShortGroup / b.n;
    for (int64_t o = begin; o < end; o += group) {
      const int64_t count = std::min(group, end - o);
      for (int64_t i = 0; i < count; i++) rows[i] = in + outerOffset(b.call->sizes, b.call->strides, b.call->dim, o + i);
      softmaxShortRows<T, Log>(rows, count, b.n, out + o * b.n);
    }
    return;
  }
  if (!b.innerOff) {
    for (int64_t o = begin; o < end; o++) softmaxSlice<T, Log>(in + outerOffset(b.call->sizes, b.call->strides, b.call->dim, o), b.sd, b.n, out + o * b.n);
    return;
  }
  T tmp[kTile];
  for (int64_t it = begin; it < end; it++) {
    const int64_t o = it / b.tiles, j0 = (it % b.tiles) * kTile, w = std::min(kTile, b.innerM - j0);
    const T* base = in + outerOffset(b.call->sizes, b.call->strides, b.call->dim, o);
    auto row = [&](int64_t r) -> const T* {
      if (b.unit) return base + r * b.sd + j0;
      for (int64_t j = 0; j < w; j++) tmp[j] = base[r * b.sd + b.innerOff[j0 + j]];
      return tmp;
    };
    softmaxTile<T, Log>(row, b.n, w, b.innerM, out + o * b.n * b.innerM + j0);
  }
}

using BlockFn = void (*)(const Block&, int64_t, int64_t);

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
template <class T, bool Log>
__attribute__((target("avx2,fma"), flatten)) void blockAvx2(const Block& b, int64_t begin, int64_t end) {
  runBlock<T, Log>(b, begin, end);
}
#endif
template <class T, bool Log>
__attribute__((flatten)) void blockBaseline(const Block& b, int64_t begin, int64_t end) {
  runBlock<T, Log>(b, begin, end);
}

template <class T, bool Log>
BlockFn pickBlock() {
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return blockAvx2<T, Log>;
#endif
  return blockBaseline<T, Log>;
}

template <class T, bool Log>
void softmaxTyped(const SoftmaxCall& c) {
  static const BlockFn block = pickBlock<T, Log>();
  int64_t outerN = 1, innerM = 1;
  for (int d = 0; d < c.dim; d++) outerN *= c.sizes[d];
  for (int d = c.dim + 1; d < c.ndim; d++) innerM *= c.sizes[d];
  const int64_t n = c.sizes[c.dim];
  if (outerN * innerM * n == 0) return;
  Block b{c.in, c.out, n, c.strides[c.dim], innerM, 1, nullptr, true, &c};
  if (innerM == 1) {  // dim is the innermost of the output: independent slices
    parallelFor(outerN, std::max<int64_t>(1, kGrainSize / n), [&](int64_t lo, int64_t hi) { block(b, lo, hi); });
    return;
  }
  const std::vector<int64_t> innerOff = innerOffsets(c.sizes, c.strides, c.ndim, c.dim);
  for (int64_t j = 0; j < innerM && b.unit; j++) b.unit = innerOff[j] == j;
  b.innerOff = innerOff.data();
  b.tiles = (innerM + kTile - 1) / kTile;
  parallelFor(outerN * b.tiles, std::max<int64_t>(1, kGrainSize / (n * std::min(innerM, kTile))),
              [&](int64_t lo, int64_t hi) { block(b, lo, hi); });
}

template <class T>
void softmaxOp(const SoftmaxCall& c) {
  if (c.op == SoftmaxOp::LogSoftmax) softmaxTyped<T, true>(c);
  else softmaxTyped<T, false>(c);
}

}  // namespace

void runSoftmax(const SoftmaxCall& c) {
  if (c.dtype == DType::F64) softmaxOp<double>(c);
  else softmaxOp<float>(c);
}

}  // namespace torch_native
