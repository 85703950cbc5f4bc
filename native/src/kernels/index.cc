// The indexed gather/scatter kernel (see index.h).
//
// A run along the innermost (coalesced) dim whose index tensors do not move along it (indexSelect
// of rows, indexCopy_/indexAdd_ of rows, advanced indexing of leading dims) adds one offset for the
// whole run and copies it as a block: memcpy when both sides are contiguous. Otherwise each element
// reads its index terms. Copies move raw bytes (bit-exact for every dtype, NaN payloads included);
// add and multiply compute per dtype (float16 in float32, integers wrapping, bool as or/and).
#include <algorithm>
#include <atomic>
#include <cstring>
#include <limits>
#include <mutex>
#include <type_traits>

#include "index.h"
#include "index_iter.h"
#include "threadpool.h"

namespace torch_native {
namespace {

// ---------------------------------------------------------------- element ops

template <class T>
struct CopyOp {
  using Elem = T;
  static constexpr bool kCopy = true;
  void operator()(T& d, T s) const { d = s; }
};

template <class T>
struct AddFloat {
  using Elem = T;
  static constexpr bool kCopy = false;
  T alpha;
  void operator()(T& d, T s) const { d = d + alpha * s; }
};
template <class T>
struct MulFloat {
  using Elem = T;
  static constexpr bool kCopy = false;
  void operator()(T& d, T s) const { d = d * s; }
};
struct AddHalf {
  using Elem = uint16_t;
  static constexpr bool kCopy = false;
  float alpha;
  void operator()(uint16_t& d, uint16_t s) const { d = floatToHalf(halfToFloat(d) + alpha * halfToFloat(s)); }
};
struct MulHalf {
  using Elem = uint16_t;
  static constexpr bool kCopy = false;
  void operator()(uint16_t& d, uint16_t s) const { d = floatToHalf(halfToFloat(d) * halfToFloat(s)); }
};
// Integers wrap on overflow (as PyTorch's do), computed unsigned to stay defined.
template <class T>
struct AddInt {
  using Elem = T;
  using U = std::make_unsigned_t<T>;
  static constexpr bool kCopy = false;
  T alpha;
  void operator()(T& d, T s) const { d = static_cast<T>(static_cast<U>(static_cast<U>(d) + static_cast<U>(alpha) * static_cast<U>(s))); }
};
template <class T>
struct MulInt {
  using Elem = T;
  using U = std::make_unsigned_t<T>;
  static constexpr bool kCopy = false;
  void operator()(T& d, T s) const { d = static_cast<T>(static_cast<U>(static_cast<U>(d) * static_cast<U>(s))); }
};
struct AddBool {
  using Elem = uint8_t;
  static constexpr bool kCopy = false;
  bool alpha;
  void operator()(uint8_t& d, uint8_t s) const { d = (d != 0) | ((s != 0) & alpha); }
};
struct MulBool {
  using Elem = uint8_t;
  static constexpr bool kCopy = false;
  void operator()(uint8_t& d, uint8_t s) const { d = (d != 0) & (s != 0); }
};

// ---------------------------------------------------------------- the loop

inline int64_t wrap(int64_t v, int64_t size) { return v + (v < 0 ? size : 0); }

// True when some of n indices (stride s) lies outside [lo, hi): one unsigned compare per index,
// (v - lo) < hi - lo. Contiguous runs vectorise, with AVX2 where the CPU has it.
__attribute__((target_clones("avx2", "default"))) bool anyOutsideCompare(const int64_t* p, int64_t s, int64_t n, int64_t lo, int64_t hi) {
  const uint64_t range = static_cast<uint64_t>(hi - lo);
  uint64_t bad = 0;
  if (s == 1) {
    for (int64_t i = 0; i < n; i++) bad |= static_cast<uint64_t>(p[i] - lo) >= range;
  } else {
    for (int64_t i = 0; i < n; i++) bad |= static_cast<uint64_t>(p[i * s] - lo) >= range;
  }
  return bad != 0;
}

// The same with AVX-512: the largest (v - lo), read as unsigned, against hi - lo, one unsigned max
// per eight indices. It took scatterAdd_'s check-first pass from ~19% of the op to ~8% (1000x1000:
// 326 -> 300 us with the compare form, 421 -> 400 us with the max form after it). Under AVX2, which has
// no unsigned 64-bit max, the max form ran 3x slower than the compare, hence two functions.
__attribute__((target("arch=x86-64-v4"))) bool anyOutsideMax(const int64_t* p, int64_t s, int64_t n, int64_t lo, int64_t hi) {
  uint64_t largest = 0;
  if (s == 1) {
    for (int64_t i = 0; i < n; i++) largest = std::max(largest, static_cast<uint64_t>(p[i] - lo));
  } else {
    for (int64_t i = 0; i < n; i++) largest = std::max(largest, static_cast<uint64_t>(p[i * s] - lo));
  }
  return largest >= static_cast<uint64_t>(hi - lo);
}

bool anyOutside(const int64_t* p, int64_t s, int64_t n, int64_t lo, int64_t hi) {
  static const bool v4 = __builtin_cpu_supports("x86-64-v4");  // exactly what anyOutsideMax is compiled for
  return v4 ? anyOutsideMax(p, s, n, lo, hi) : anyOutsideCompare(p, s, n, lo, hi);
}

// d[i] = s[ip[i]] for non-negative indices, each checked against [0, size) before its load; returns the
// position of the first index outside, or -1. Eight indices are read together and checked by one
// never-taken branch on their largest, so the loads do not wait for the check and eight of them are in
// flight at once (~20% faster than a branch per index). A separate vectorised check pass cost ~1/4 more,
// and a branch-free check (select index 0 for a bad one) made each load wait on its compare.
template <class T>
int64_t gatherUnit(T* __restrict d, const T* __restrict s, const int64_t* __restrict ip, int64_t n, int64_t size) {
  const uint64_t bound = static_cast<uint64_t>(size);
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t j[8];
    for (int k = 0; k < 8; k++) j[k] = static_cast<uint64_t>(ip[i + k]);
    const uint64_t largest = std::max(std::max(std::max(j[0], j[1]), std::max(j[2], j[3])), std::max(std::max(j[4], j[5]), std::max(j[6], j[7])));
    if (largest >= bound) [[unlikely]] break;  // the loop below finds which one
    for (int k = 0; k < 8; k++) d[i + k] = s[j[k]];
  }
  for (; i < n; i++) {
    const uint64_t j = static_cast<uint64_t>(ip[i]);
    if (j >= bound) return i;
    d[i] = s[j];
  }
  return -1;
}

// op(d[ip[i]], s[i]) for checked, non-negative indices (scatterAdd_ along the last dim). Operands
// marked restrict and the op taken by value keep alpha and the bounds in registers: the generic loop
// reloaded alpha after every store (it might have aliased the destination) and wrapped every index.
// Reading eight indices ahead of their updates gains another ~8%.
template <class Op>
void scatterUnit(typename Op::Elem* __restrict d, const typename Op::Elem* __restrict s, const int64_t* __restrict ip, int64_t n, const Op op) {
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    int64_t j[8];
    for (int k = 0; k < 8; k++) j[k] = ip[i + k];
    for (int k = 0; k < 8; k++) op(d[j[k]], s[i + k]);
  }
  for (; i < n; i++) op(d[ip[i]], s[i]);
}

// Gathers check their indices in blocks of this many just before using them.
constexpr int64_t kCheckBlock = 512;

// A gather's inline index check: the first fault found stops every thread's remaining runs.
struct Guard {
  std::atomic<bool> hit{false};
  std::mutex mu;
  IndexFault fault;
  void report(int which, int64_t value) {
    std::lock_guard<std::mutex> lock(mu);
    if (!hit.load()) {
      fault.which = which;
      fault.value = value;
      hit.store(true);
    }
  }
};

// True when every one of n indices (stride s) lies in [lo, hi); reports the first that does not.
inline bool inRange(Guard* g, int which, const int64_t* p, int64_t s, int64_t n, int64_t lo, int64_t hi) {
  if (!anyOutside(p, s, n, lo, hi)) return true;
  for (int64_t i = 0; i < n; i++)
    if (p[i * s] < lo || p[i * s] >= hi) {
      g->report(which, p[i * s]);
      break;
    }
  return false;
}

// Walk operands: 0 dst, 1 src, 2.. the index tensors.
template <class Op>
void runLoop(const IndexCall& c, const Walk& w, const int64_t* base, const Op& op, Guard* guard) {
  using T = typename Op::Elem;
  const bool gather = c.mode == IndexMode::Gather;
  const int nidx = c.nidx;
  bool constIdx = true;
  for (int k = 0; k < nidx; k++) constIdx = constIdx && w.strides[2 + k][0] == 0;
  const int64_t ds = w.strides[0][0], ss = w.strides[1][0];
  T* const dst = reinterpret_cast<T*>(c.dst);
  const T* const src = reinterpret_cast<const T*>(c.src);
  // A gather with one or two indices along unit strides checks them block by block inside its loop;
  // other gathers scan each run first.
  const bool fused = guard && (nidx == 1 || (nidx == 2 && w.strides[3][0] == 1)) && !constIdx && ds == 1 && w.strides[2][0] == 1 && ss == 0;
  int64_t prefetchBytes = 0, srcNext = 0;
  if (fused && nidx == 1 && w.nd >= 2 && c.idx[0].selfStride == 1 && w.strides[1][1] != 0 &&
      c.idx[0].size * static_cast<int64_t>(sizeof(T)) <= 16384) {
    prefetchBytes = c.idx[0].size * static_cast<int64_t>(sizeof(T));
    srcNext = w.strides[1][1];
  }
  // The same for a scatter's destination rows (scatterAdd_ along the last dim).
  int64_t dstPrefetchBytes = 0, dstNext = 0;
  if (!gather && nidx == 1 && w.nd >= 2 && ds == 0 && c.idx[0].selfStride == 1 && w.strides[0][1] != 0 &&
      c.idx[0].size * static_cast<int64_t>(sizeof(T)) <= 16384) {
    dstPrefetchBytes = c.idx[0].size * static_cast<int64_t>(sizeof(T));
    dstNext = w.strides[0][1];
  }
  auto run = [&](const int64_t* o, int64_t n) {
    if (guard) {
      if (guard->hit.load(std::memory_order_relaxed)) return;
      for (int k = 0; k < nidx && !fused; k++) {
        const IndexOperand& ix = c.idx[k];
        const int64_t lo = c.negative ? -ix.size : 0;
        if (!inRange(guard, k, ix.data + base[2 + k] + o[2 + k], w.strides[2 + k][0], constIdx ? 1 : n, lo, ix.size)) return;
      }
    }
    T* d = dst + base[0] + o[0];
    const T* s = src + base[1] + o[1];
    if (constIdx) {
      int64_t off = 0;
      for (int k = 0; k < nidx; k++) {
        const IndexOperand& ix = c.idx[k];
        off += wrap(ix.data[base[2 + k] + o[2 + k]], ix.size) * ix.selfStride;
      }
      if (gather) s += off; else d += off;
      if (Op::kCopy && ds == 1 && ss == 1) {
        std::memcpy(d, s, static_cast<size_t>(n) * sizeof(T));
      } else {
        for (int64_t i = 0; i < n; i++) op(d[i * ds], s[i * ss]);
      }
      return;
    }
    if (nidx == 2 && fused) {
      const IndexOperand &a = c.idx[0], &b = c.idx[1];
      const int64_t* ap = a.data + base[2] + o[2];
      const int64_t* bp = b.data + base[3] + o[3];
      const int64_t loA = c.negative ? -a.size : 0, loB = c.negative ? -b.size : 0;
      for (int64_t b0 = 0; b0 < n; b0 += kCheckBlock) {
        const int64_t m = std::min(kCheckBlock, n - b0);
        if (!inRange(guard, 0, ap + b0, 1, m, loA, a.size) || !inRange(guard, 1, bp + b0, 1, m, loB, b.size)) return;
        for (int64_t i = b0; i < b0 + m; i++) op(d[i], s[wrap(ap[i], a.size) * a.selfStride + wrap(bp[i], b.size) * b.selfStride]);
      }
      return;
    }
    if (nidx == 2) {
      const IndexOperand &a = c.idx[0], &b = c.idx[1];
      const int64_t* ap = a.data + base[2] + o[2];
      const int64_t* bp = b.data + base[3] + o[3];
      const int64_t as = w.strides[2][0], bs = w.strides[3][0];
      for (int64_t i = 0; i < n; i++) {
        const int64_t off = wrap(ap[i * as], a.size) * a.selfStride + wrap(bp[i * bs], b.size) * b.selfStride;
        if (gather) op(d[i * ds], s[i * ss + off]); else op(d[i * ds + off], s[i * ss]);
      }
      return;
    }
    if (nidx == 1) {
      const IndexOperand& ix = c.idx[0];
      const int64_t* ip = ix.data + base[2] + o[2];
      const int64_t is = w.strides[2][0], size = ix.size, st = ix.selfStride;
      // The common unit-stride shapes (gather/scatter along the last dim, take, put_, x[idx]) get
      // loops the compiler can see through.
      if (fused) {
        // Rows of a gather along a short contiguous dim are read in random order: fetch the next
        // run's row while this one is gathered, so its misses overlap with this work.
        if (prefetchBytes > 0) {
          const char* next = reinterpret_cast<const char*>(s + srcNext);
          for (int64_t b = 0; b < prefetchBytes; b += 64) __builtin_prefetch(next + b);
        }
        if constexpr (Op::kCopy) {
          if (st == 1 && !c.negative) {
            const int64_t bad = gatherUnit(d, s, ip, n, size);
            if (bad >= 0) guard->report(0, ip[bad]);
            return;
          }
        }
        // Otherwise check a block (vectorised, in L1 afterwards), then gather it unchecked.
        const int64_t lo = c.negative ? -size : 0;
        for (int64_t b0 = 0; b0 < n; b0 += kCheckBlock) {
          const int64_t m = std::min(kCheckBlock, n - b0);
          if (!inRange(guard, 0, ip + b0, 1, m, lo, size)) return;
          if (st == 1 && !c.negative) {
            for (int64_t i = b0; i < b0 + m; i++) op(d[i], s[ip[i]]);
          } else if (st == 1) {
            for (int64_t i = b0; i < b0 + m; i++) op(d[i], s[wrap(ip[i], size)]);
          } else {
            for (int64_t i = b0; i < b0 + m; i++) op(d[i], s[wrap(ip[i], size) * st]);
          }
        }
        return;
      }
      if (!gather && ds == 0 && is == 1 && ss == 1) {
        if (dstPrefetchBytes > 0) {
          const char* next = reinterpret_cast<const char*>(d + dstNext);
          for (int64_t b = 0; b < dstPrefetchBytes; b += 64) __builtin_prefetch(next + b, 1);
        }
        if (st == 1 && !c.negative) scatterUnit(d, s, ip, n, op);
        else for (int64_t i = 0; i < n; i++) op(d[wrap(ip[i], size) * st], s[i]);
        return;
      }
      if (gather) {
        for (int64_t i = 0; i < n; i++) op(d[i * ds], s[i * ss + wrap(ip[i * is], size) * st]);
      } else {
        for (int64_t i = 0; i < n; i++) op(d[i * ds + wrap(ip[i * is], size) * st], s[i * ss]);
      }
      return;
    }
    for (int64_t i = 0; i < n; i++) {
      int64_t off = 0;
      for (int k = 0; k < nidx; k++) {
        const IndexOperand& ix = c.idx[k];
        off += wrap(ix.data[base[2 + k] + o[2 + k] + i * w.strides[2 + k][0]], ix.size) * ix.selfStride;
      }
      if (gather) op(d[i * ds], s[i * ss + off]); else op(d[i * ds + off], s[i * ss]);
    }
  };
  walkRange(w, 0, w.numel, run);
}

// Whole rows gathered by one index (indexSelect along a leading dim, x[idx] of a matrix): memcpy per
// row, with the rows a few iterations ahead prefetched so that several cache misses are in flight.
template <class T>
void gatherRows(const IndexCall& c, const Walk& w, int64_t begin, int64_t end, Guard* guard) {
  const IndexOperand& ix = c.idx[0];
  const int64_t len = w.sizes[0];
  const int64_t dRow = w.strides[0][1], sRow = w.strides[1][1], iRow = w.strides[2][1];
  T* dst = reinterpret_cast<T*>(c.dst);
  const T* src = reinterpret_cast<const T*>(c.src);
  const size_t bytes = static_cast<size_t>(len) * sizeof(T);
  constexpr int64_t kAhead = 8;
  const int64_t lo = c.negative ? -ix.size : 0;
  if (!inRange(guard, 0, ix.data + begin * iRow, iRow, end - begin, lo, ix.size)) return;
  for (int64_t r = begin; r < end; r++) {
    if (r + kAhead < end) {
      const char* p = reinterpret_cast<const char*>(src + (r + kAhead) * sRow + wrap(ix.data[(r + kAhead) * iRow], ix.size) * ix.selfStride);
      for (size_t b = 0; b < bytes && b < 1024; b += 64) __builtin_prefetch(p + b);
    }
    std::memcpy(dst + r * dRow, src + r * sRow + wrap(ix.data[r * iRow], ix.size) * ix.selfStride, bytes);
  }
}

// indexAdd_ along a leading dim (an embedding's backward): whole rows added at index rows of a
// destination whose rows are contiguous (the source's may be strided or expanded).
// Splitting the row across threads made both threads write each destination row side by side, and
// the cache lines bounced between cores (2 threads ran 3-4x slower than 1). Instead each thread owns a
// range of destination rows, reads every index and adds only the rows that land in its range: no two
// threads ever write one row, and duplicate indices stay race-free.
template <class Op>
void scatterRowsByOwner(const IndexCall& c, const Walk& w, const Op& op) {
  using T = typename Op::Elem;
  const IndexOperand& ix = c.idx[0];
  const int64_t len = w.sizes[0], rows = w.sizes[1], ss = w.strides[1][0], sRow = w.strides[1][1], iRow = w.strides[2][1];
  const int parts = getNumThreads();
  T* const dst = reinterpret_cast<T*>(c.dst);
  const T* const src = reinterpret_cast<const T*>(c.src);
  parallelFor(parts, 1, [&](int64_t p0, int64_t p1) {
    const int64_t lo = ix.size * p0 / parts, hi = ix.size * p1 / parts;
    for (int64_t r = 0; r < rows; r++) {
      const int64_t at = wrap(ix.data[r * iRow], ix.size);
      if (at < lo || at >= hi) continue;
      T* __restrict d = dst + at * ix.selfStride;
      const T* __restrict s = src + r * sRow;
      if (ss == 1) {
        for (int64_t i = 0; i < len; i++) op(d[i], s[i]);
      } else {
        for (int64_t i = 0; i < len; i++) op(d[i], s[i * ss]);
      }
    }
  });
}

template <class Op>
void runSplit(const IndexCall& c, const Op& op, Guard* guard) {
  const int nops = 2 + c.nidx;
  const int64_t* strides[kMaxWalkOperands];
  strides[0] = c.dstStrides;
  strides[1] = c.srcStrides;
  for (int k = 0; k < c.nidx; k++) strides[2 + k] = c.idx[k].strides;
  Walk w;
  makeWalk(w, c.ndim, c.sizes, nops, strides);
  if (w.numel == 0) return;
  // The dim to split across threads. A scatter splits only along a dim that moves the destination,
  // so threads own disjoint destination elements; a gather prefers the outermost dim.
  int split = -1;
  for (int d = w.nd - 1; d >= 0; d--) {
    if (c.mode != IndexMode::Gather && w.strides[0][d] == 0) continue;
    if (split < 0 || w.sizes[d] > w.sizes[split] * 4) split = d;
  }
  if constexpr (Op::kCopy) {
    if (c.mode == IndexMode::Gather && c.nidx == 1 && w.nd == 2 && w.strides[0][0] == 1 && w.strides[1][0] == 1 && w.strides[2][0] == 0) {
      using T = typename Op::Elem;
      const int64_t rows = w.sizes[1];
      parallelFor(rows, std::max<int64_t>(1, kGrainSize / w.sizes[0]), [&](int64_t b, int64_t e) { gatherRows<T>(c, w, b, e, guard); });
      return;
    }
  }
  const int64_t zero[kMaxWalkOperands] = {};
  // Whole destination rows at the index (dim 1 moves only the index, dim 0 is the contiguous row).
  const bool rowScatter = c.mode != IndexMode::Gather && !guard && c.nidx == 1 && w.nd == 2 && w.strides[0][0] == 1 &&
                          w.strides[2][0] == 0 && w.strides[0][1] == 0;
  if (rowScatter && w.numel >= kGrainSize && getNumThreads() > 1) {
    scatterRowsByOwner(c, w, op);
    return;
  }
  if (split < 0 || w.numel < kGrainSize || getNumThreads() <= 1) {
    runLoop(c, w, zero, op, guard);
    return;
  }
  const int64_t len = w.sizes[split];
  const int64_t per = w.numel / len;
  parallelFor(len, std::max<int64_t>(1, kGrainSize / std::max<int64_t>(per, 1)), [&](int64_t b, int64_t e) {
    Walk sub = w;
    sub.sizes[split] = e - b;
    sub.numel = per * (e - b);
    int64_t base[kMaxWalkOperands];
    for (int k = 0; k < nops; k++) base[k] = b * w.strides[k][split];
    runLoop(c, sub, base, op, guard);
  });
}

template <class T>
void copyBySize(const IndexCall& c, Guard* guard) { runSplit(c, CopyOp<T>{}, guard); }

template <class T>
void accumulateFloat(const IndexCall& c) {
  if (c.mode == IndexMode::ScatterAdd) runSplit(c, AddFloat<T>{static_cast<T>(c.alpha)}, nullptr);
  else runSplit(c, MulFloat<T>{}, nullptr);
}

template <class T>
void accumulateInt(const IndexCall& c) {
  if (c.mode == IndexMode::ScatterAdd) {
    // alpha is truncated toward zero, as PyTorch converts it to the integer type.
    double a = c.alpha;
    T alpha = static_cast<T>(static_cast<int64_t>(std::max(-9.2e18, std::min(9.2e18, a))));
    runSplit(c, AddInt<T>{alpha}, nullptr);
  } else {
    runSplit(c, MulInt<T>{}, nullptr);
  }
}

}  // namespace

namespace {

// Scans every index element once (in parallel); false and `fault` on the first bad one.
bool checkIndices(const IndexCall& c, IndexFault* fault) {
  for (int k = 0; k < c.nidx; k++) {
    const IndexOperand& ix = c.idx[k];
    // Visit each distinct index element once: dims the index does not move along count as size 1.
    int64_t sizes[kMaxIndexDims];
    for (int d = 0; d < c.ndim; d++) sizes[d] = ix.strides[d] == 0 ? 1 : c.sizes[d];
    for (int d = 0; d < c.ndim; d++)
      if (c.sizes[d] == 0) return true;  // nothing is visited, so nothing needs checking
    const int64_t* st[1] = {ix.strides};
    Walk w;
    makeWalk(w, c.ndim, sizes, 1, st);
    const int64_t lo = c.negative ? -ix.size : 0, hi = ix.size;
    std::mutex mu;
    int64_t firstAt = std::numeric_limits<int64_t>::max();
    int64_t firstValue = 0;
    parallelFor(w.numel, kGrainSize * 4, [&](int64_t b, int64_t e) {
      int64_t pos = b;
      bool found = false;
      int64_t at = 0, value = 0;
      walkRange(w, b, e, [&](const int64_t* o, int64_t n) {
        if (found) return;
        const int64_t* p = ix.data + o[0];
        const int64_t s = w.strides[0][0];
        if (anyOutside(p, s, n, lo, hi)) {
          for (int64_t i = 0; i < n; i++) {
            if (p[i * s] < lo || p[i * s] >= hi) {
              found = true;
              at = pos + i;
              value = p[i * s];
              break;
            }
          }
        }
        pos += n;
      });
      if (found) {
        std::lock_guard<std::mutex> lock(mu);
        if (at < firstAt) {
          firstAt = at;
          firstValue = value;
        }
      }
    });
    if (firstAt != std::numeric_limits<int64_t>::max()) {
      fault->which = k;
      fault->value = firstValue;
      return false;
    }
  }
  return true;
}

void dispatch(const IndexCall& c, Guard* guard) {
  if (c.mode == IndexMode::Gather || c.mode == IndexMode::Scatter) {
    switch (itemSize(c.dtype)) {
      case 1: copyBySize<uint8_t>(c, guard); return;
      case 2: copyBySize<uint16_t>(c, guard); return;
      case 4: copyBySize<uint32_t>(c, guard); return;
      default: copyBySize<uint64_t>(c, guard); return;
    }
  }
  const bool add = c.mode == IndexMode::ScatterAdd;
  switch (c.dtype) {
    case DType::F32: accumulateFloat<float>(c); return;
    case DType::F64: accumulateFloat<double>(c); return;
    case DType::F16:
      if (add) runSplit(c, AddHalf{static_cast<float>(c.alpha)}, nullptr);
      else runSplit(c, MulHalf{}, nullptr);
      return;
    case DType::I64: accumulateInt<int64_t>(c); return;
    case DType::I32: accumulateInt<int32_t>(c); return;
    case DType::I16: accumulateInt<int16_t>(c); return;
    case DType::I8: accumulateInt<int8_t>(c); return;
    case DType::U8: {
      if (add) {
        double a = c.alpha;
        auto alpha = static_cast<uint8_t>(static_cast<int64_t>(std::max(-9.2e18, std::min(9.2e18, a))));
        runSplit(c, AddInt<int8_t>{static_cast<int8_t>(alpha)}, nullptr);  // same bits as unsigned wrapping
      } else {
        runSplit(c, MulInt<int8_t>{}, nullptr);
      }
      return;
    }
    case DType::Bool:
      if (add) runSplit(c, AddBool{c.alpha != 0}, nullptr);
      else runSplit(c, MulBool{}, nullptr);
      return;
  }
}

}  // namespace

bool runIndex(const IndexCall& c, IndexFault* fault) {
  if (c.mode != IndexMode::Gather) {
    if (!checkIndices(c, fault)) return false;
    dispatch(c, nullptr);
    return true;
  }
  for (int d = 0; d < c.ndim; d++)
    if (c.sizes[d] == 0) return true;
  // Nothing is in range of an empty dim (the fused loops rely on size > 0).
  for (int k = 0; k < c.nidx; k++)
    if (c.idx[k].size == 0) {
      fault->which = k;
      fault->value = c.idx[k].data[0];
      return false;
    }
  Guard guard;
  dispatch(c, &guard);
  if (guard.hit.load()) {
    *fault = guard.fault;
    return false;
  }
  return true;
}

}  // namespace torch_native
