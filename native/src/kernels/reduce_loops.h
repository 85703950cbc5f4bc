// The innermost loops of the reduction iterator (reduce.cc): contiguous and strided runs with
// accumulator lanes, explicit-vector sums and max/min, and the row blocks of outer reductions. Each is
// multiversioned (AVX-512 / AVX2 / baseline in one binary) and called once per block of elements, so the
// dispatch never sits on the per-element path. Internal to reduce.cc.
#pragma once
#include <algorithm>
#include <cstdint>
#include <cstring>

#include "reduce_ops.h"

#if defined(__x86_64__) && !defined(__clang__)
#define TN_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define TN_CLONES
#endif

namespace torch_native {
namespace reduce_detail {

constexpr int kMaxRDims = 64;
// Elements one set of accumulator lanes takes before its total moves to the wide accumulator.
constexpr int64_t kBlock = 1024;
// Outputs one outer-reduction work item accumulates at once (its tiles stay in L1).
constexpr int64_t kTile = 512;
// Rows accumulated in the narrow type before the tile is merged into the wide one.
constexpr int64_t kRowBlock = 64;
constexpr int kLanes = 16;

// ---------------------------------------------------------------- contiguous and strided runs

// Max/min of a contiguous run with explicit 32-byte vectors (GCC vector extensions; split into two
// 16-byte halves without AVX): compare + blend, NaN sticking, two accumulators in flight.
template <class C, bool IsMax>
TN_CLONES C extremeRun(const C* p, int64_t n, C init) {
  constexpr int W = 32 / sizeof(C);
  typedef C V __attribute__((vector_size(32)));
  V a0 = V{} + init, a1 = a0;
  int64_t i = 0;
  for (; i + 2 * W <= n; i += 2 * W) {
    V x0, x1;
    std::memcpy(&x0, p + i, 32);
    std::memcpy(&x1, p + i + W, 32);
    if constexpr (IsMax) {
      a0 = ((x0 > a0) | (x0 != x0)) ? x0 : a0;
      a1 = ((x1 > a1) | (x1 != x1)) ? x1 : a1;
    } else {
      a0 = ((x0 < a0) | (x0 != x0)) ? x0 : a0;
      a1 = ((x1 < a1) | (x1 != x1)) ? x1 : a1;
    }
  }
  auto pick = [](C m, C x) { return ((IsMax ? x > m : x < m) || x != x) ? x : m; };
  C m = init;
  for (int l = 0; l < W; l++) m = pick(pick(m, a0[l]), a1[l]);
  for (; i < n; i++) m = pick(m, p[i]);
  return m;
}

// Sum of map(x) over a contiguous float run: four 32-byte vector accumulators kept in registers (32
// float lanes of at most kBlock / 32 elements each), combined as a tree.
template <class C, Map M>
TN_CLONES C sumRun(const C* p, int64_t n) {
  constexpr int W = 32 / sizeof(C);
  typedef C V __attribute__((vector_size(32)));
  auto map = [](V x) {
    if constexpr (M == Map::Sq) return x * x;
    else if constexpr (M == Map::Abs) return x < 0 ? -x : x;
    else return x;
  };
  V a0 = V{}, a1 = V{}, a2 = V{}, a3 = V{};
  int64_t i = 0;
  for (; i + 4 * W <= n; i += 4 * W) {
    V x0, x1, x2, x3;
    std::memcpy(&x0, p + i, 32);
    std::memcpy(&x1, p + i + W, 32);
    std::memcpy(&x2, p + i + 2 * W, 32);
    std::memcpy(&x3, p + i + 3 * W, 32);
    a0 += map(x0);
    a1 += map(x1);
    a2 += map(x2);
    a3 += map(x3);
  }
  V a = (a0 + a1) + (a2 + a3);
  C tail = 0;
  for (; i < n; i++) {
    C x = p[i];
    tail += M == Map::Sq ? x * x : M == Map::Abs ? std::abs(x) : x;
  }
  C t[W];
  std::memcpy(t, &a, 32);
  for (int w = W / 2; w >= 1; w /= 2)
    for (int l = 0; l < w; l++) t[l] += t[l + w];
  return t[0] + tail;
}

// n elements at stride s reduced with kLanes independent accumulators (the compiler vectorises the
// lane loop; no reassociation is needed), lanes merged as a tree.
template <class R, class In>
TN_CLONES typename R::AccT runLanes(const R& r, const In* p, int64_t n, int64_t s, typename R::AccT aux) {
  using Acc = typename R::AccT;
  if constexpr (requires { R::kVector; })
    if constexpr (R::kVector)
      if (s == 1) return extremeRun<Acc, R::kMax>(p, n, r.init());
  if constexpr (requires { R::kVectorSum; })
    if constexpr (R::kVectorSum)
      if (s == 1) return sumRun<Acc, R::kMap>(p, n);
  Acc lane[kLanes];
  for (int l = 0; l < kLanes; l++) lane[l] = r.init();
  int64_t i = 0;
  if (s == 1) {
    for (; i + kLanes <= n; i += kLanes)
      for (int l = 0; l < kLanes; l++) lane[l] = r.step(lane[l], load(p[i + l]), aux, 0);
  } else {
    for (; i + kLanes <= n; i += kLanes)
      for (int l = 0; l < kLanes; l++) lane[l] = r.step(lane[l], load(p[(i + l) * s]), aux, 0);
  }
  Acc tail = r.init();
  for (; i < n; i++) tail = r.step(tail, load(p[i * s]), aux, 0);
  for (int w = kLanes / 2; w >= 1; w /= 2)
    for (int l = 0; l < w; l++) lane[l] = r.combine(lane[l], lane[l + w]);
  return r.combine(lane[0], tail);
}

// Arg reductions: the extreme value by vectorised lanes, then the first position holding it.
template <class R, class In>
typename R::AccT runArg(const R&, const In* p, int64_t n, int64_t s) {
  using C = typename R::C;
  typename R::Extreme ext;
  C m = runLanes(ext, p, n, s, C(0));
  bool nan = false;
  if constexpr (std::is_floating_point_v<C>) nan = m != m;
  for (int64_t i = 0; i < n; i++) {
    C x = load(p[i * s]);
    if (nan ? x != x : x == m) return {x, i};
  }
  return {m, n > 0 ? 0 : -1};
}

template <class R, class In>
typename R::Wide runBlocks(const R& r, const In* p, int64_t n, int64_t s, typename R::AccT aux, int64_t base) {
  typename R::Wide w = r.wideInit();
  for (int64_t b = 0; b < n; b += kBlock) {
    int64_t len = std::min(kBlock, n - b);
    if constexpr (R::kArg) w = r.merge(w, r.widen(runArg(r, p + b * s, len, s), base + b));
    else w = r.merge(w, r.widen(runLanes(r, p + b * s, len, s, aux), 0));
  }
  return w;
}

// A block of rows of an outer reduction: acc[j] takes base[off[k] + j * s] for k < nrows, j < w. One
// call per block keeps the multiversion dispatch off the per-row path (rows may be 3 elements wide).
template <class R, class In>
TN_CLONES void rowsStep(const R& r, typename R::AccT* acc, const In* base, const int64_t* off, int64_t nrows, int64_t s, int64_t w,
                        const typename R::AccT* aux) {
  int64_t k = 0;
  if (s == 1) {  // four rows per pass over the tile: a quarter of the accumulator loads and stores
    for (; k + 4 <= nrows; k += 4) {
      const In *p0 = base + off[k], *p1 = base + off[k + 1], *p2 = base + off[k + 2], *p3 = base + off[k + 3];
      for (int64_t j = 0; j < w; j++)
        acc[j] = r.step(r.step(r.step(r.step(acc[j], load(p0[j]), aux[j], 0), load(p1[j]), aux[j], 0), load(p2[j]), aux[j], 0), load(p3[j]), aux[j], 0);
    }
  }
  for (; k < nrows; k++) {
    const In* p = base + off[k];
    if (s == 1) {
      for (int64_t j = 0; j < w; j++) acc[j] = r.step(acc[j], load(p[j]), aux[j], 0);
    } else {
      for (int64_t j = 0; j < w; j++) acc[j] = r.step(acc[j], load(p[j * s]), aux[j], 0);
    }
  }
}

// The same for argmax/argmin with values and indices in separate arrays (so the loop vectorises).
template <class R, class In>
TN_CLONES void argRowsStep(typename R::C* val, int64_t* idx, const In* base, const int64_t* off, int64_t nrows, int64_t s, int64_t w, int64_t row0) {
  using C = typename R::C;
  for (int64_t k = 0; k < nrows; k++) {
    const In* p = base + off[k];
    const int64_t row = row0 + k;
    for (int64_t j = 0; j < w; j++) {
      C x = load(p[j * s]);
      bool take = (idx[j] < 0) | R::better(x, val[j]);
      val[j] = take ? x : val[j];
      idx[j] = take ? row : idx[j];
    }
  }
}

template <class R>
void store(const R& r, typename R::OutT* out, int64_t* indices, int64_t o, const typename R::Wide& w, int64_t n, typename R::AccT aux) {
  if constexpr (R::kArg) {
    out[o] = w.v;
    indices[o] = w.i;
  } else {
    out[o] = r.finish(w, n, aux);
  }
}

template <class R>
typename R::AccT auxAt(const typename R::OutT* out, int64_t o) {
  if constexpr (R::kAux) return static_cast<typename R::AccT>(out[o]);
  else return typename R::AccT{};
}


}  // namespace reduce_detail
}  // namespace torch_native
