// Sorting and selection kernels (see sort.h).
//
// Every element becomes an item (key, position): the key is an unsigned integer whose order is the
// value order (floats: sign-magnitude flipped, NaN above +inf, -0 == +0; signed ints: sign bit flipped;
// descending: all bits inverted). Items compare as (key, position), a total order, so any algorithm
// gives the stable result. Items of keys up to 32 bits are packed into one uint64 (key << 32 | pos).
//
// - sort: LSD radix sort of the items (8-bit digits, 11-bit for long rows of 32-bit keys; passes in
//   which every key has the same digit are skipped), std::sort for short rows;
// - topk: for small k a bounded max-heap fed by a blockwise scan that skips whole blocks above the
//   current threshold, otherwise nth_element + sort of the first k (the full radix sort when k is a
//   large fraction of the row);
// - kthvalue/median: nth_element; mode: sort then count runs; unique: sort then count runs.
// Values are written by gathering the input at the sorted positions, so they are bit-exact copies
// (NaN payloads and the sign of zero survive).
#include "sort.h"

#include <algorithm>
#include <cstring>
#include <type_traits>
#include <vector>

#include "threadpool.h"

namespace torch_native {
namespace {

// ---------------------------------------------------------------- keys

struct F32Traits {
  using T = uint32_t;  // raw bits
  using K = uint32_t;
  static constexpr int bits = 32;
  static constexpr bool isFloat = true;
  static K key(T u) {
    u = (u == 0x80000000u) ? 0u : u;
    uint32_t m = static_cast<uint32_t>(static_cast<int32_t>(u) >> 31) | 0x80000000u;
    uint32_t k = u ^ m;
    return ((u & 0x7fffffffu) > 0x7f800000u) ? 0xffffffffu : k;
  }
};
struct F64Traits {
  using T = uint64_t;
  using K = uint64_t;
  static constexpr int bits = 64;
  static constexpr bool isFloat = true;
  static K key(T u) {
    u = (u == 0x8000000000000000ull) ? 0ull : u;
    uint64_t m = static_cast<uint64_t>(static_cast<int64_t>(u) >> 63) | 0x8000000000000000ull;
    uint64_t k = u ^ m;
    return ((u & 0x7fffffffffffffffull) > 0x7ff0000000000000ull) ? ~0ull : k;
  }
};
struct F16Traits {
  using T = uint16_t;
  using K = uint16_t;
  static constexpr int bits = 16;
  static constexpr bool isFloat = true;
  static K key(T h) {
    uint32_t x = (h == 0x8000u) ? 0u : h;
    uint32_t m = (x & 0x8000u) ? 0xffffu : 0x8000u;
    uint32_t k = x ^ m;
    return static_cast<K>(((x & 0x7fffu) > 0x7c00u) ? 0xffffu : k);
  }
};
template <class S, class U>
struct SignedTraits {
  using T = S;
  using K = U;
  static constexpr int bits = 8 * sizeof(U);
  static constexpr bool isFloat = false;
  static K key(T v) { return static_cast<K>(static_cast<K>(v) ^ (K(1) << (bits - 1))); }
};
struct U8Traits {
  using T = uint8_t;
  using K = uint8_t;
  static constexpr int bits = 8;
  static constexpr bool isFloat = false;
  static K key(T v) { return v; }
};

// ---------------------------------------------------------------- items

struct Wide {  // item of a 64-bit key
  uint64_t key;
  uint64_t pos;
};
inline bool operator<(const Wide& a, const Wide& b) { return a.key < b.key || (a.key == b.key && a.pos < b.pos); }

template <class TR>
struct Items {
  static constexpr bool wide = TR::bits == 64;
  using Item = std::conditional_t<wide, Wide, uint64_t>;
  static Item make(uint64_t k, uint64_t pos) {
    if constexpr (wide) return Wide{k, pos};
    else return (k << 32) | pos;
  }
  static uint64_t key(const Item& it) {
    if constexpr (wide) return it.key;
    else return it >> 32;
  }
  static uint64_t pos(const Item& it) {
    if constexpr (wide) return it.pos;
    else return it & 0xffffffffull;
  }
  // The key with every bit set: NaN for float keys (in ascending order).
  static constexpr uint64_t kMax = TR::bits == 64 ? ~0ull : ((1ull << TR::bits) - 1);
};

// LSD radix sort of n items by their key (KeyBits wide) in DigitBits-bit digits. Stable, so the
// position order among equal keys (the build order) is kept. Returns whichever buffer holds the result.
template <class TR, int DigitBits>
typename Items<TR>::Item* radixSort(typename Items<TR>::Item* a, typename Items<TR>::Item* tmp, int64_t n) {
  using I = Items<TR>;
  using Item = typename I::Item;
  constexpr int kBuckets = 1 << DigitBits;
  constexpr int kPasses = (TR::bits + DigitBits - 1) / DigitBits;
  constexpr uint64_t kMask = kBuckets - 1;
  std::vector<uint32_t> histStore(static_cast<size_t>(kPasses) * kBuckets, 0);
  uint32_t* hist = histStore.data();
  for (int64_t i = 0; i < n; i++) {
    uint64_t k = I::key(a[i]);
    for (int p = 0; p < kPasses; p++) hist[p * kBuckets + ((k >> (p * DigitBits)) & kMask)]++;
  }
  Item* src = a;
  Item* dst = tmp;
  const uint64_t first = I::key(a[0]);
  for (int p = 0; p < kPasses; p++) {
    uint32_t* h = hist + p * kBuckets;
    const int shift = p * DigitBits;
    if (h[(first >> shift) & kMask] == static_cast<uint32_t>(n)) continue;  // every key has this digit
    uint32_t sum = 0;
    for (int b = 0; b < kBuckets; b++) {
      uint32_t c = h[b];
      h[b] = sum;
      sum += c;
    }
    for (int64_t i = 0; i < n; i++) {
      Item it = src[i];
      dst[h[(I::key(it) >> shift) & kMask]++] = it;
    }
    std::swap(src, dst);
  }
  return src;
}

// ---------------------------------------------------------------- one row

template <class TR>
struct Row {
  using T = typename TR::T;
  using K = typename TR::K;
  using I = Items<TR>;
  using Item = typename I::Item;

  std::vector<Item> buf, tmp;

  // Items of the row, keys flipped (descending) when `flip` is set.
  void build(const T* p, int64_t s, int64_t n, bool flip) {
    if (static_cast<int64_t>(buf.size()) < n) buf.resize(n);
    const K mask = flip ? static_cast<K>(~K(0)) : K(0);
    Item* b = buf.data();
    if (s == 1) {
      for (int64_t j = 0; j < n; j++) b[j] = I::make(static_cast<K>(TR::key(p[j]) ^ mask), j);
    } else {
      for (int64_t j = 0; j < n; j++) b[j] = I::make(static_cast<K>(TR::key(p[j * s]) ^ mask), j);
    }
  }

  // Sorts buf[0..n); returns the sorted array (buf or tmp).
  Item* sortBuilt(int64_t n) {
    Item* b = buf.data();
    if (n < (I::wide ? 512 : 256)) {
      std::sort(b, b + n);
      return b;
    }
    if (static_cast<int64_t>(tmp.size()) < n) tmp.resize(n);
    if constexpr (TR::bits == 32) {
      if (n >= (1 << 16)) return radixSort<TR, 11>(b, tmp.data(), n);
    }
    return radixSort<TR, 8>(b, tmp.data(), n);
  }

  static void emit(const Item* items, int64_t count, const T* p, int64_t s, T* vo, int64_t vs, int64_t* io, int64_t is) {
    if (vo) {
      if (s == 1 && vs == 1) {
        for (int64_t j = 0; j < count; j++) vo[j] = p[I::pos(items[j])];
      } else {
        for (int64_t j = 0; j < count; j++) vo[j * vs] = p[I::pos(items[j]) * s];
      }
    }
    if (io) {
      if (is == 1) {
        for (int64_t j = 0; j < count; j++) io[j] = static_cast<int64_t>(I::pos(items[j]));
      } else {
        for (int64_t j = 0; j < count; j++) io[j * is] = static_cast<int64_t>(I::pos(items[j]));
      }
    }
  }

  void sort(const T* p, int64_t s, int64_t n, bool desc, T* vo, int64_t vs, int64_t* io, int64_t is) {
    build(p, s, n, desc);
    emit(sortBuilt(n), n, p, s, vo, vs, io, is);
  }

  // The k smallest items (by flipped key) of p[0..n) in ascending order, written to out[0..k), by a
  // bounded max-heap. Blocks whose keys are all at or above the heap's largest key are skipped after a
  // vectorisable min scan.
  static void heapSelect(const T* p, int64_t s, int64_t begin, int64_t end, int64_t k, bool flip, Item* heap) {
    const K mask = flip ? static_cast<K>(~K(0)) : K(0);
    for (int64_t j = 0; j < k; j++) heap[j] = I::make(static_cast<K>(TR::key(p[(begin + j) * s]) ^ mask), begin + j);
    std::make_heap(heap, heap + k);
    K thr = static_cast<K>(I::key(heap[0]));
    constexpr int kBlock = 64;
    K kb[kBlock];
    for (int64_t j0 = begin + k; j0 < end; j0 += kBlock) {
      const int len = static_cast<int>(std::min<int64_t>(kBlock, end - j0));
      K mn = static_cast<K>(~K(0));
      if (s == 1) {
        const T* q = p + j0;
        for (int i = 0; i < len; i++) {
          K kk = static_cast<K>(TR::key(q[i]) ^ mask);
          kb[i] = kk;
          mn = kk < mn ? kk : mn;
        }
      } else {
        for (int i = 0; i < len; i++) {
          K kk = static_cast<K>(TR::key(p[(j0 + i) * s]) ^ mask);
          kb[i] = kk;
          mn = kk < mn ? kk : mn;
        }
      }
      if (mn >= thr) continue;
      for (int i = 0; i < len; i++) {
        if (kb[i] < thr) {  // a tie with the threshold loses: its position is larger
          std::pop_heap(heap, heap + k);
          heap[k - 1] = I::make(kb[i], j0 + i);
          std::push_heap(heap, heap + k);
          thr = static_cast<K>(I::key(heap[0]));
        }
      }
    }
    std::sort_heap(heap, heap + k);
  }

  void topk(const T* p, int64_t s, int64_t n, int64_t k, bool largest, T* vo, int64_t vs, int64_t* io, int64_t is) {
    if (k == 0) return;
    if (k <= 256 && n >= 16 * k) {
      if (static_cast<int64_t>(buf.size()) < k) buf.resize(k);
      heapSelect(p, s, 0, n, k, largest, buf.data());
      emit(buf.data(), k, p, s, vo, vs, io, is);
      return;
    }
    build(p, s, n, largest);
    if (4 * k >= n) {
      emit(sortBuilt(n), k, p, s, vo, vs, io, is);
      return;
    }
    Item* b = buf.data();
    std::nth_element(b, b + k, b + n);
    std::sort(b, b + k);
    emit(b, k, p, s, vo, vs, io, is);
  }

  // The item of ascending rank r.
  Item select(const T* p, int64_t s, int64_t n, int64_t r) {
    build(p, s, n, false);
    Item* b = buf.data();
    std::nth_element(b, b + r, b + n);
    return b[r];
  }

  static void emitOne(const T* p, int64_t s, int64_t pos, T* vo, int64_t* io) {
    if (vo) *vo = p[pos * s];
    if (io) *io = pos;
  }

  void kthvalue(const T* p, int64_t s, int64_t n, int64_t r, T* vo, int64_t* io) {
    emitOne(p, s, static_cast<int64_t>(I::pos(select(p, s, n, r))), vo, io);
  }

  // Lower median; a row holding NaN gives its first NaN, as PyTorch.
  void median(const T* p, int64_t s, int64_t n, T* vo, int64_t* io) {
    if constexpr (TR::isFloat) {
      for (int64_t j = 0; j < n; j++) {
        if (TR::key(p[j * s]) == static_cast<K>(I::kMax)) {
          emitOne(p, s, j, vo, io);
          return;
        }
      }
    }
    kthvalue(p, s, n, (n - 1) / 2, vo, io);
  }

  static bool sameGroup(uint64_t a, uint64_t b) {
    if constexpr (TR::isFloat) return a == b && a != I::kMax;  // every NaN is its own value
    else return a == b;
  }

  // Smallest most frequent value; its index is the largest position holding it.
  void mode(const T* p, int64_t s, int64_t n, T* vo, int64_t* io) {
    build(p, s, n, false);
    const Item* b = sortBuilt(n);
    int64_t best = 0, bestPos = 0, run = 0;
    for (int64_t j = 0; j < n; j++) {
      run++;
      if (j == n - 1 || !sameGroup(I::key(b[j]), I::key(b[j + 1]))) {
        if (run > best) {
          best = run;
          bestPos = static_cast<int64_t>(I::pos(b[j]));
        }
        run = 0;
      }
    }
    emitOne(p, s, bestPos, vo, io);
  }

  int64_t unique(const T* p, int64_t n, T* vo, int64_t* inverse, int64_t* counts) {
    if (n == 0) return 0;
    build(p, 1, n, false);
    const Item* b = sortBuilt(n);
    int64_t g = -1;
    for (int64_t j = 0; j < n; j++) {
      if (j == 0 || !sameGroup(I::key(b[j - 1]), I::key(b[j]))) {
        g++;
        vo[g] = p[I::pos(b[j])];
        if (counts) counts[g] = 0;
      }
      if (counts) counts[g]++;
      if (inverse) inverse[I::pos(b[j])] = g;
    }
    return g + 1;
  }
};

// ---------------------------------------------------------------- rows of a tensor

template <class TR>
void runTyped(const SortCall& c) {
  using T = typename TR::T;
  const int nd = c.ndim, dim = c.dim;
  const int64_t n = c.sizes[dim];
  const int64_t outLen = sortOutputLength(c);
  int64_t rows = 1;
  for (int d = 0; d < nd; d++)
    if (d != dim) rows *= c.sizes[d];
  if (rows == 0 || outLen == 0) return;
  const int64_t s = c.inStrides[dim];
  const int64_t vs = c.values ? c.valStrides[dim] : 0;
  const int64_t is = c.indices ? c.idxStrides[dim] : 0;
  // Sorting costs far more per element than an elementwise op: split early.
  const int64_t work = std::max<int64_t>(n, 1) * (c.kind == SortKind::TopK && c.k <= 256 ? 1 : 8);
  const int64_t grain = std::max<int64_t>(1, kGrainSize / work);
  parallelFor(rows, grain, [&](int64_t begin, int64_t end) {
    Row<TR> row;
    int64_t idx[64];
    // Multi-index (over the dims other than `dim`, row-major) of row `begin`.
    int64_t r = begin;
    for (int d = nd - 1; d >= 0; d--) {
      if (d == dim) {
        idx[d] = 0;
        continue;
      }
      idx[d] = r % c.sizes[d];
      r /= c.sizes[d];
    }
    for (int64_t row_i = begin; row_i < end; row_i++) {
      int64_t io = 0, vo = 0, xo = 0;
      for (int d = 0; d < nd; d++) {
        if (d == dim) continue;
        io += idx[d] * c.inStrides[d];
        if (c.values) vo += idx[d] * c.valStrides[d];
        if (c.indices) xo += idx[d] * c.idxStrides[d];
      }
      const T* p = reinterpret_cast<const T*>(c.in) + io;
      T* vp = c.values ? reinterpret_cast<T*>(c.values) + vo : nullptr;
      int64_t* ip = c.indices ? c.indices + xo : nullptr;
      switch (c.kind) {
        case SortKind::Sort: row.sort(p, s, n, c.descending, vp, vs, ip, is); break;
        case SortKind::TopK: row.topk(p, s, n, c.k, c.descending, vp, vs, ip, is); break;
        case SortKind::KthValue: row.kthvalue(p, s, n, c.k, vp, ip); break;
        case SortKind::Median: row.median(p, s, n, vp, ip); break;
        case SortKind::Mode: row.mode(p, s, n, vp, ip); break;
      }
      for (int d = nd - 1; d >= 0; d--) {  // next row
        if (d == dim) continue;
        if (++idx[d] < c.sizes[d]) break;
        idx[d] = 0;
      }
    }
  });
}

template <class F>
auto dispatch(DType dtype, F&& f) {
  switch (dtype) {
    case DType::F32: return f(F32Traits{});
    case DType::F64: return f(F64Traits{});
    case DType::F16: return f(F16Traits{});
    case DType::I64: return f(SignedTraits<int64_t, uint64_t>{});
    case DType::I32: return f(SignedTraits<int32_t, uint32_t>{});
    case DType::I16: return f(SignedTraits<int16_t, uint16_t>{});
    case DType::I8: return f(SignedTraits<int8_t, uint8_t>{});
    case DType::U8:
    case DType::Bool: return f(U8Traits{});
  }
  throw std::invalid_argument("sort: unknown dtype");
}

}  // namespace

int64_t sortOutputLength(const SortCall& c) {
  switch (c.kind) {
    case SortKind::Sort: return c.sizes[c.dim];
    case SortKind::TopK: return c.k;
    default: return 1;
  }
}

void runSort(const SortCall& c) {
  dispatch(c.dtype, [&](auto tr) { runTyped<decltype(tr)>(c); });
}

int64_t runUnique(DType dtype, const char* in, int64_t n, char* values, int64_t* inverse, int64_t* counts) {
  return dispatch(dtype, [&](auto tr) -> int64_t {
    using TR = decltype(tr);
    using T = typename TR::T;
    Row<TR> row;
    return row.unique(reinterpret_cast<const T*>(in), n, reinterpret_cast<T*>(values), inverse, counts);
  });
}

}  // namespace torch_native
