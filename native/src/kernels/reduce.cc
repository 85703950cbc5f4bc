#include "reduce.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "reduce_ops.h"
#include "threadpool.h"

// Multiversioned hot loops: one binary, AVX-512 / AVX2 code where the CPU has it.
#if defined(__x86_64__) && !defined(__clang__)
#define TN_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define TN_CLONES
#endif

namespace torch_native {
using namespace reduce_detail;
namespace {

constexpr int kMaxRDims = 64;
// Elements one set of accumulator lanes takes before its total moves to the wide accumulator.
constexpr int64_t kBlock = 1024;
// Outputs one outer-reduction work item accumulates at once (its tiles stay in L1).
constexpr int64_t kTile = 512;
// Rows accumulated in the narrow type before the tile is merged into the wide one.
constexpr int64_t kRowBlock = 64;
constexpr int kLanes = 16;
// Reductions of fewer elements stay on the calling thread: a 1e6-float reduction in cache takes ~80 us,
// about what handing work to a pool worker costs when the cores are shared with other processes.
constexpr int64_t kSerialBelow = int64_t{1} << 20;

// parallelFor, or one call on this thread for serial reductions.
template <class F>
void split(bool serial, int64_t n, int64_t grain, const F& fn) {
  if (serial) fn(int64_t{0}, n);
  else parallelFor(n, grain, fn);
}

struct Geometry {
  int nk = 0, nr = 0;
  int64_t ksize[kMaxRDims], kin[kMaxRDims], kout[kMaxRDims];
  int64_t rsize[kMaxRDims], rin[kMaxRDims];
  int64_t nOut = 1, nRed = 1;
};

// Splits dims into kept and reduced ones, drops size-1 dims, sorts the reduced dims by stride
// (innermost last) and merges neighbours that are contiguous with each other.
Geometry buildGeometry(const ReduceCall& c) {
  Geometry g;
  int64_t outStride[kMaxRDims];
  int64_t s = 1;
  for (int d = c.ndim - 1; d >= 0; d--) {
    if (c.reduced[d]) {
      g.nRed *= c.sizes[d];
    } else {
      outStride[d] = s;
      s *= c.sizes[d];
    }
  }
  g.nOut = s;
  for (int d = 0; d < c.ndim; d++) {
    if (c.sizes[d] == 1) continue;
    if (c.reduced[d]) {
      g.rsize[g.nr] = c.sizes[d];
      g.rin[g.nr++] = c.strides[d];
    } else {
      int k = g.nk;
      if (k > 0 && g.kin[k - 1] == c.strides[d] * c.sizes[d] && g.kout[k - 1] == outStride[d] * c.sizes[d]) {
        g.ksize[k - 1] *= c.sizes[d];
        g.kin[k - 1] = c.strides[d];
        g.kout[k - 1] = outStride[d];
      } else {
        g.ksize[k] = c.sizes[d];
        g.kin[k] = c.strides[d];
        g.kout[k] = outStride[d];
        g.nk++;
      }
    }
  }
  // Stable insertion sort by |stride| descending, then merge.
  for (int i = 1; i < g.nr; i++)
    for (int j = i; j > 0 && std::llabs(g.rin[j - 1]) < std::llabs(g.rin[j]); j--) {
      std::swap(g.rin[j - 1], g.rin[j]);
      std::swap(g.rsize[j - 1], g.rsize[j]);
    }
  int n = 0;
  for (int i = 0; i < g.nr; i++) {
    if (n > 0 && g.rin[n - 1] == g.rin[i] * g.rsize[i]) {
      g.rsize[n - 1] *= g.rsize[i];
      g.rin[n - 1] = g.rin[i];
    } else {
      g.rsize[n] = g.rsize[i];
      g.rin[n++] = g.rin[i];
    }
  }
  g.nr = n;
  if (g.nr == 0) {  // every reduced dim has size 1: one element per output
    g.nr = 1;
    g.rsize[0] = 1;
    g.rin[0] = 0;
  }
  return g;
}

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

// ---------------------------------------------------------------- inner reduction

// Reduces the linear indices [b, e) of the reduced space starting at `base`.
template <class R, class In>
typename R::Wide span(const R& r, const Geometry& g, const In* base, int64_t b, int64_t e, typename R::AccT aux) {
  const int nr = g.nr;
  const int64_t nI = g.rsize[nr - 1], sI = g.rin[nr - 1];
  int64_t idx[kMaxRDims];
  int64_t outer = b / nI, pos = b % nI, off = 0;
  for (int d = nr - 2; d >= 0; d--) {
    idx[d] = outer % g.rsize[d];
    outer /= g.rsize[d];
    off += idx[d] * g.rin[d];
  }
  typename R::Wide w = r.wideInit();
  while (b < e) {
    int64_t len = std::min(nI - pos, e - b);
    w = r.merge(w, runBlocks(r, base + off + pos * sI, len, sI, aux, b));
    b += len;
    pos = 0;
    for (int d = nr - 2; d >= 0; d--) {
      off += g.rin[d];
      if (++idx[d] < g.rsize[d]) break;
      off -= idx[d] * g.rin[d];
      idx[d] = 0;
    }
  }
  return w;
}

// Input offset of output o (kept dims only).
inline int64_t keptOffset(const Geometry& g, int64_t o, int skip = -1) {
  int64_t off = 0;
  for (int d = g.nk - 1; d >= 0; d--) {
    if (d == skip) continue;
    off += (o % g.ksize[d]) * g.kin[d];
    o /= g.ksize[d];
  }
  return off;
}

template <class R, class In>
void innerReduce(const R& r, const Geometry& g, const In* in, typename R::OutT* out, int64_t* indices, bool serial) {
  const int nt = getNumThreads();
  const int64_t nRed = g.nRed, nOut = g.nOut;
  if (serial || nOut >= 4 * nt || nRed < 4 * kGrainSize) {
    split(serial, nOut, std::max<int64_t>(1, kGrainSize / std::max<int64_t>(nRed, 1)), [&](int64_t ob, int64_t oe) {
      int64_t idx[kMaxRDims], off = 0, o = ob;
      for (int d = g.nk - 1; d >= 0; d--) {
        idx[d] = o % g.ksize[d];
        o /= g.ksize[d];
        off += idx[d] * g.kin[d];
      }
      for (o = ob; o < oe; o++) {
        auto aux = auxAt<R>(out, o);
        store(r, out, indices, o, span(r, g, in + off, 0, nRed, aux), nRed, aux);
        for (int d = g.nk - 1; d >= 0; d--) {
          off += g.kin[d];
          if (++idx[d] < g.ksize[d]) break;
          off -= idx[d] * g.kin[d];
          idx[d] = 0;
        }
      }
    });
    return;
  }
  // Few long reductions: split each across the pool; partials merge in index order.
  const int64_t parts = std::min<int64_t>(4 * nt, nRed / kGrainSize);
  const int64_t chunk = (nRed + parts - 1) / parts;
  std::vector<typename R::Wide> partial(parts);
  for (int64_t o = 0; o < nOut; o++) {
    const In* base = in + keptOffset(g, o);
    auto aux = auxAt<R>(out, o);
    parallelFor(parts, 1, [&](int64_t pb, int64_t pe) {
      for (int64_t q = pb; q < pe; q++) partial[q] = span(r, g, base, q * chunk, std::min(nRed, (q + 1) * chunk), aux);
    });
    typename R::Wide w = r.wideInit();
    for (int64_t q = 0; q < parts; q++) w = r.merge(w, partial[q]);
    store(r, out, indices, o, w, nRed, aux);
  }
}

// ---------------------------------------------------------------- outer reduction

template <class R, class In>
void outerReduce(const R& r, const Geometry& g, int v, const In* in, typename R::OutT* out, int64_t* indices, bool serial) {
  using Acc = typename R::AccT;
  using Wide = typename R::Wide;
  const int nt = getNumThreads();
  const int64_t nv = g.ksize[v], sv = g.kin[v], ov = g.kout[v];
  const int64_t tiles = (nv + kTile - 1) / kTile;
  const int64_t items = (g.nOut / nv) * tiles;
  const int64_t nRed = g.nRed;

  // Input and output offsets of item `it`'s first element; its width.
  auto locate = [&](int64_t it, int64_t& inOff, int64_t& outOff, int64_t& j0, int64_t& w) {
    int64_t combo = it / tiles;
    j0 = (it % tiles) * kTile;
    w = std::min(kTile, nv - j0);
    inOff = j0 * sv;
    outOff = j0 * ov;
    for (int d = g.nk - 1; d >= 0; d--) {
      if (d == v) continue;
      int64_t i = combo % g.ksize[d];
      combo /= g.ksize[d];
      inOff += i * g.kin[d];
      outOff += i * g.kout[d];
    }
  };
  // Accumulates rows [rb, re) of one item into wide[0..w).
  auto rows = [&](const In* base, int64_t rb, int64_t re, int64_t w, const Acc* aux, Wide* wide) {
    alignas(64) Acc acc[kTile];
    alignas(64) typename R::C val[R::kArg ? kTile : 1];
    alignas(64) int64_t idxs[R::kArg ? kTile : 1];
    int64_t offs[kRowBlock];
    for (int64_t j = 0; j < w; j++) wide[j] = r.wideInit();
    int64_t idx[kMaxRDims], off = 0, rest = rb;
    for (int d = g.nr - 1; d >= 0; d--) {
      idx[d] = rest % g.rsize[d];
      rest /= g.rsize[d];
      off += idx[d] * g.rin[d];
    }
    for (int64_t row = rb; row < re;) {
      const int64_t row0 = row, n = std::min(re - row, kRowBlock);
      for (int64_t k = 0; k < n; k++) {
        offs[k] = off;
        for (int d = g.nr - 1; d >= 0; d--) {
          off += g.rin[d];
          if (++idx[d] < g.rsize[d]) break;
          off -= idx[d] * g.rin[d];
          idx[d] = 0;
        }
      }
      row += n;
      if constexpr (R::kArg) {
        for (int64_t j = 0; j < w; j++) idxs[j] = -1;
        argRowsStep<R, In>(val, idxs, base, offs, n, sv, w, row0);
        for (int64_t j = 0; j < w; j++) wide[j] = r.merge(wide[j], Acc{val[j], idxs[j]});
      } else {
        for (int64_t j = 0; j < w; j++) acc[j] = r.init();
        rowsStep(r, acc, base, offs, n, sv, w, aux);
        for (int64_t j = 0; j < w; j++) wide[j] = r.merge(wide[j], r.widen(acc[j], 0));
      }
    }
  };
  auto loadAux = [&](Acc* aux, int64_t outOff, int64_t w) {
    for (int64_t j = 0; j < w; j++) aux[j] = auxAt<R>(out, outOff + j * ov);
  };

  const int64_t itemWork = nRed * std::min(kTile, nv);
  if (serial || items >= 2 * nt || nRed < 4 * kRowBlock || items * itemWork < 4 * kGrainSize) {
    split(serial, items, std::max<int64_t>(1, kGrainSize / std::max<int64_t>(itemWork, 1)), [&](int64_t ib, int64_t ie) {
      alignas(64) Acc aux[kTile];
      alignas(64) Wide wide[kTile];
      for (int64_t it = ib; it < ie; it++) {
        int64_t inOff, outOff, j0, w;
        locate(it, inOff, outOff, j0, w);
        loadAux(aux, outOff, w);
        rows(in + inOff, 0, nRed, w, aux, wide);
        for (int64_t j = 0; j < w; j++) store(r, out, indices, outOff + j * ov, wide[j], nRed, aux[j]);
      }
    });
    return;
  }
  // Few items with many rows: split the rows too, then merge each item's partial tiles in order.
  const int64_t parts = std::max<int64_t>(1, std::min<int64_t>((4 * nt + items - 1) / items, nRed / (2 * kRowBlock)));
  const int64_t chunk = (nRed + parts - 1) / parts;
  std::vector<Wide> partial(items * parts * kTile);
  parallelFor(items * parts, 1, [&](int64_t ub, int64_t ue) {
    alignas(64) Acc aux[kTile];
    for (int64_t u = ub; u < ue; u++) {
      int64_t it = u / parts, q = u % parts, inOff, outOff, j0, w;
      locate(it, inOff, outOff, j0, w);
      loadAux(aux, outOff, w);
      rows(in + inOff, q * chunk, std::min(nRed, (q + 1) * chunk), w, aux, &partial[u * kTile]);
    }
  });
  alignas(64) Acc aux[kTile];
  for (int64_t it = 0; it < items; it++) {
    int64_t inOff, outOff, j0, w;
    locate(it, inOff, outOff, j0, w);
    loadAux(aux, outOff, w);
    for (int64_t j = 0; j < w; j++) {
      Wide acc = partial[(it * parts) * kTile + j];
      for (int64_t q = 1; q < parts; q++) acc = r.merge(acc, partial[(it * parts + q) * kTile + j]);
      store(r, out, indices, outOff + j * ov, acc, nRed, aux[j]);
    }
  }
}

template <class R, class In>
void drive(const R& r, const ReduceCall& c) {
  const Geometry g = buildGeometry(c);
  const In* in = reinterpret_cast<const In*>(c.in);
  auto* out = reinterpret_cast<typename R::OutT*>(c.out);
  if (g.nOut == 0) return;
  if (g.nRed == 0) {
    for (int64_t o = 0; o < g.nOut; o++) {
      if constexpr (!R::kArg) out[o] = r.finish(r.wideInit(), 0, auxAt<R>(out, o));
    }
    return;
  }
  // Outer reduction when a kept dim is closer to contiguous than every reduced dim, or when each
  // output reduces so few elements that vectorising across outputs pays more.
  int v = -1;
  for (int d = 0; d < g.nk; d++)
    if (v < 0 || std::llabs(g.kin[d]) < std::llabs(g.kin[v])) v = d;
  const int64_t minR = std::llabs(g.rin[g.nr - 1]);
  const bool outer = v >= 0 && g.nRed > 1 && (std::llabs(g.kin[v]) < minR || (g.nRed < kLanes && g.ksize[v] >= kLanes));
  const bool serial = g.nOut * g.nRed < kSerialBelow || getNumThreads() == 1;
  if (outer) outerReduce(r, g, v, in, out, c.indices, serial);
  else innerReduce(r, g, in, out, c.indices, serial);
}

// ---------------------------------------------------------------- dispatch

template <class In>
void reduceTyped(const ReduceCall& c) {
  using C = Compute<In>;
  constexpr bool isFloat = std::is_floating_point_v<C>;
  using SumAcc = std::conditional_t<isFloat, C, int64_t>;
  const double p = c.p;
  auto with = [&](auto r) {
    r.p = p;
    drive<decltype(r), In>(r, c);
  };
  switch (c.op) {
    case ReduceOp::Sum: return with(SumR<In, SumAcc, SumAcc, Map::Id, Fin::Plain>{});
    case ReduceOp::Prod: return with(ProdR<In, SumAcc>{});
    case ReduceOp::Max: return with(ExtremeR<In, true, false>{});
    case ReduceOp::Min: return with(ExtremeR<In, false, false>{});
    case ReduceOp::ArgMax: return with(ArgR<In, true>{});
    case ReduceOp::ArgMin: return with(ArgR<In, false>{});
    case ReduceOp::All: return with(LogicalR<In, true>{});
    case ReduceOp::Any: return with(LogicalR<In, false>{});
    default: break;
  }
  if constexpr (isFloat) {
    switch (c.op) {
      case ReduceOp::Mean: return with(SumR<In, C, C, Map::Id, Fin::Mean>{});
      case ReduceOp::Norm:
        if (p == 0) return with(SumR<In, C, C, Map::NonZero, Fin::Plain>{});
        if (p == 1) return with(SumR<In, C, C, Map::Abs, Fin::Plain>{});
        if (p == 2) return with(SumR<In, C, C, Map::Sq, Fin::Sqrt>{});
        if (std::isinf(p)) {
          if (p > 0) return with(ExtremeR<In, true, true>{});
          return with(ExtremeR<In, false, true>{});
        }
        return with(SumR<In, C, C, Map::Pow, Fin::Root>{});
      case ReduceOp::Var:
      case ReduceOp::Std: {
        // Two passes in double: the mean lands in out, then the squared deviations from it.
        SumR<In, double, double, Map::Id, Fin::Mean> mean;
        drive<decltype(mean), In>(mean, c);
        if (c.op == ReduceOp::Var) return with(SumR<In, double, double, Map::SqDev, Fin::Var>{});
        return with(SumR<In, double, double, Map::SqDev, Fin::Std>{});
      }
      case ReduceOp::LogSumExp: {
        // The max lands in out; exp(x - max) is summed (0 replaces an infinite max, as PyTorch).
        ExtremeR<In, true, false> mx;
        drive<decltype(mx), In>(mx, c);
        return with(SumR<In, C, C, Map::ExpShift, Fin::Log>{});
      }
      default: break;
    }
  }
}

}  // namespace

bool reduceSupports(ReduceOp op, DType in) {
  bool isFloat = in == DType::F32 || in == DType::F64 || in == DType::F16;
  switch (op) {
    case ReduceOp::Mean: case ReduceOp::Norm: case ReduceOp::Var: case ReduceOp::Std: case ReduceOp::LogSumExp:
      return isFloat;
    default:
      return static_cast<int>(op) >= 0 && op < ReduceOp::End;
  }
}

DType reduceOutputType(ReduceOp op, DType in) {
  bool isFloat = in == DType::F32 || in == DType::F64 || in == DType::F16;
  DType compute = in == DType::F16 ? DType::F32 : in == DType::Bool ? DType::U8 : in;
  switch (op) {
    case ReduceOp::Sum: case ReduceOp::Prod: case ReduceOp::Mean:
      return isFloat ? compute : DType::I64;
    case ReduceOp::Var: case ReduceOp::Std:
      return DType::F64;
    case ReduceOp::All: case ReduceOp::Any:
      return DType::U8;
    default:
      return compute;
  }
}

void runReduce(const ReduceCall& c) {
  switch (c.dtype) {
    case DType::F32: return reduceTyped<float>(c);
    case DType::F64: return reduceTyped<double>(c);
    case DType::F16: return reduceTyped<uint16_t>(c);
    case DType::I64: return reduceTyped<int64_t>(c);
    case DType::I32: return reduceTyped<int32_t>(c);
    case DType::I16: return reduceTyped<int16_t>(c);
    case DType::I8: return reduceTyped<int8_t>(c);
    case DType::U8: case DType::Bool: return reduceTyped<uint8_t>(c);
  }
}

}  // namespace torch_native
