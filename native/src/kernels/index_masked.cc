// Mask kernels (see index.h): count, select, fill, scatter and nonzero over a broadcast shape.
//
// Select, scatter and nonzero are order-dependent (the k-th set element reads or writes slot k), so
// they run in two parallel passes over fixed chunks: count each chunk, take prefix sums, then each
// chunk writes from its own starting slot. Fill is order-free and splits anywhere.
#include <algorithm>
#include <atomic>
#include <cstring>
#include <vector>

#include "index.h"
#include "index_iter.h"
#include "threadpool.h"

namespace torch_native {
namespace {

// Tests element bits for != 0: floats ignore the sign bit (so -0 is zero and NaN is not).
template <class U>
inline bool nonzeroBits(U v, U valueMask) { return (v & valueMask) != 0; }

struct Pred {
  bool useMask;
  int size;          // item size of self (when testing self)
  uint64_t valueMask;
  bool test(const char* self, const uint8_t* mask, int64_t so, int64_t mo) const {
    if (useMask) return mask[mo] != 0;
    switch (size) {
      case 1: return nonzeroBits<uint8_t>(reinterpret_cast<const uint8_t*>(self)[so], static_cast<uint8_t>(valueMask));
      case 2: return nonzeroBits<uint16_t>(reinterpret_cast<const uint16_t*>(self)[so], static_cast<uint16_t>(valueMask));
      case 4: return nonzeroBits<uint32_t>(reinterpret_cast<const uint32_t*>(self)[so], static_cast<uint32_t>(valueMask));
      default: return nonzeroBits<uint64_t>(reinterpret_cast<const uint64_t*>(self)[so], valueMask);
    }
  }
};

Pred makePred(const MaskCall& c) {
  Pred p{c.mask != nullptr, itemSize(c.dtype), ~uint64_t{0}};
  if (c.dtype == DType::F32) p.valueMask = 0x7fffffffu;
  else if (c.dtype == DType::F64) p.valueMask = 0x7fffffffffffffffull;
  else if (c.dtype == DType::F16) p.valueMask = 0x7fffu;
  return p;
}

// Counts set elements of linear range [b, e).
int64_t countRange(const Walk& w, const Pred& p, const MaskCall& c, int64_t b, int64_t e) {
  int64_t count = 0;
  walkRange(w, b, e, [&](const int64_t* o, int64_t n) {
    if (p.useMask) {
      const uint8_t* m = c.mask + o[1];
      const int64_t ms = w.strides[1][0];
      int64_t local = 0;
      if (ms == 1) {
        for (int64_t i = 0; i < n; i++) local += m[i] != 0;
      } else {
        for (int64_t i = 0; i < n; i++) local += m[i * ms] != 0;
      }
      count += local;
    } else {
      const int64_t ss = w.strides[0][0];
      for (int64_t i = 0; i < n; i++) count += p.test(c.self, nullptr, o[0] + i * ss, 0);
    }
  });
  return count;
}

template <class T>
void fillRange(const Walk& w, const MaskCall& c, int64_t b, int64_t e) {
  T value;
  std::memcpy(&value, c.src, sizeof(T));
  T* self = reinterpret_cast<T*>(c.self);
  walkRange(w, b, e, [&](const int64_t* o, int64_t n) {
    T* d = self + o[0];
    const uint8_t* m = c.mask + o[1];
    const int64_t ds = w.strides[0][0], ms = w.strides[1][0];
    for (int64_t i = 0; i < n; i++)
      if (m[i * ms]) d[i * ds] = value;
  });
}

// Writes the set elements of [b, e), the first one into slot `slot`; returns how many.
template <class T>
int64_t writeRange(const Walk& w, const Pred& p, const MaskCall& c, int64_t b, int64_t e, int64_t slot) {
  T* self = reinterpret_cast<T*>(c.self);
  const int64_t ss = w.strides[0][0], ms = p.useMask ? w.strides[1][0] : 0;
  int64_t written = 0;
  if (c.mode == MaskMode::Select) {
    T* out = reinterpret_cast<T*>(c.out) + slot;
    walkRange(w, b, e, [&](const int64_t* o, int64_t n) {
      const T* s = self + o[0];
      const uint8_t* m = c.mask + o[1];
      for (int64_t i = 0; i < n; i++)
        if (m[i * ms]) out[written++] = s[i * ss];
    });
  } else if (c.mode == MaskMode::Scatter) {
    const T* src = reinterpret_cast<const T*>(c.src) + slot;
    walkRange(w, b, e, [&](const int64_t* o, int64_t n) {
      T* d = self + o[0];
      const uint8_t* m = c.mask + o[1];
      for (int64_t i = 0; i < n; i++)
        if (m[i * ms]) d[i * ss] = src[written++];
    });
  } else {  // Nonzero: coordinates in the original row-major shape
    int64_t* out = reinterpret_cast<int64_t*>(c.out) + slot * c.ndim;
    int64_t pos = b;
    walkRange(w, b, e, [&](const int64_t* o, int64_t n) {
      for (int64_t i = 0; i < n; i++) {
        if (p.test(c.self, nullptr, o[0] + i * ss, 0)) {
          int64_t rem = pos + i;
          for (int d = c.ndim - 1; d >= 0; d--) {
            out[d] = rem % c.sizes[d];
            rem /= c.sizes[d];
          }
          out += c.ndim;
          written++;
        }
      }
      pos += n;
    });
  }
  return written;
}

template <class T>
int64_t ordered(const Walk& w, const Pred& p, const MaskCall& c) {
  const int64_t numel = w.numel;
  const int threads = getNumThreads();
  int64_t chunks = std::min<int64_t>(numel / kGrainSize, 4 * static_cast<int64_t>(threads));
  if (chunks < 2 || threads <= 1) {
    if (countRange(w, p, c, 0, numel) > c.capacity) return -1;
    return writeRange<T>(w, p, c, 0, numel, 0);
  }
  const int64_t per = (numel + chunks - 1) / chunks;
  std::vector<int64_t> start(chunks + 1, 0);
  parallelFor(chunks, 1, [&](int64_t b, int64_t e) {
    for (int64_t k = b; k < e; k++) start[k + 1] = countRange(w, p, c, std::min(numel, k * per), std::min(numel, (k + 1) * per));
  });
  for (int64_t k = 0; k < chunks; k++) start[k + 1] += start[k];
  if (start[chunks] > c.capacity) return -1;
  parallelFor(chunks, 1, [&](int64_t b, int64_t e) {
    for (int64_t k = b; k < e; k++) writeRange<T>(w, p, c, std::min(numel, k * per), std::min(numel, (k + 1) * per), start[k]);
  });
  return start[chunks];
}

}  // namespace

int64_t runMask(const MaskCall& c) {
  const int64_t* strides[2] = {c.selfStrides, c.maskStrides};
  Walk w;
  makeWalk(w, c.ndim, c.sizes, c.mask ? 2 : 1, strides);
  if (w.numel == 0) return 0;
  const Pred p = makePred(c);
  const bool parallel = w.numel >= kGrainSize && getNumThreads() > 1;
  switch (c.mode) {
    case MaskMode::Count: {
      if (!parallel) return countRange(w, p, c, 0, w.numel);
      std::atomic<int64_t> total{0};
      parallelFor(w.numel, kGrainSize, [&](int64_t b, int64_t e) { total += countRange(w, p, c, b, e); });
      return total.load();
    }
    case MaskMode::Fill: {
      auto fill = [&](int64_t b, int64_t e) {
        switch (itemSize(c.dtype)) {
          case 1: fillRange<uint8_t>(w, c, b, e); break;
          case 2: fillRange<uint16_t>(w, c, b, e); break;
          case 4: fillRange<uint32_t>(w, c, b, e); break;
          default: fillRange<uint64_t>(w, c, b, e); break;
        }
      };
      if (parallel) parallelFor(w.numel, kGrainSize, fill); else fill(0, w.numel);
      return 0;
    }
    default:
      switch (c.mode == MaskMode::Nonzero ? 8 : itemSize(c.dtype)) {
        case 1: return ordered<uint8_t>(w, p, c);
        case 2: return ordered<uint16_t>(w, p, c);
        case 4: return ordered<uint32_t>(w, p, c);
        default: return ordered<uint64_t>(w, p, c);
      }
  }
}

}  // namespace torch_native
