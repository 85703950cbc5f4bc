// Kernels of the joining/shaping op family (packages/core/src/ops/join.ts). Everything else in that
// family is views + the elementwise copy; cat (and stack through it) and histc have their own loops.
#pragma once
#include <cstdint>

namespace torch_native {

// cat of contiguous parts into a contiguous output, all of one element size. The output is `outer`
// rows `dstRowStride` elements apart; row o of part j is its elements [o * inner[j], (o + 1) * inner[j])
// and lands at the row's columns after those of parts 0..j-1 (so the parts fill sum(inner) <=
// dstRowStride columns: a call may cover one group of a longer list of parts).
struct CatLayout {
  char* dst;
  int64_t outer;
  int64_t dstRowStride;
  int itemSize;  // 1, 2, 4 or 8
  int parts;
  const char* const* src;
  const int64_t* inner;
};

// Copies every part's rows into the output (parallel over rows, or over elements when rows are few).
void cat(const CatLayout& layout);

// Counts n contiguous values into `bins` equal-width bins over [lo, hi] (lo < hi, both finite), as
// PyTorch 1.13's histc: the edges are linspace(lo, hi, bins + 1) computed in T, values outside the
// edges and NaN are skipped, the last bin includes its right edge. Writes the counts to hist[0..bins).
template <class T>
void histc(const T* in, int64_t n, int64_t bins, double lo, double hi, T* hist);

}  // namespace torch_native
