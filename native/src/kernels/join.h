// Kernels of the joining/shaping op family (packages/core/src/ops/join.ts). Everything else in that
// family is views + the elementwise copy; only histc needs its own loop over elements.
#pragma once
#include <cstdint>

namespace torch_native {

// Counts n contiguous values into `bins` equal-width bins over [lo, hi] (lo < hi, both finite), as
// PyTorch 1.13's histc: the edges are linspace(lo, hi, bins + 1) computed in T, values outside the
// edges and NaN are skipped, the last bin includes its right edge. Writes the counts to hist[0..bins).
template <class T>
void histc(const T* in, int64_t n, int64_t bins, double lo, double hi, T* hist);

}  // namespace torch_native
