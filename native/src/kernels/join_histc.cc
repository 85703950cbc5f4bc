#include <algorithm>
#include <cmath>
#include <mutex>
#include <vector>

#include "join.h"
#include "threadpool.h"

namespace torch_native {

template <class T>
void histc(const T* in, int64_t n, int64_t bins, double lo, double hi, T* hist) {
  // Bin edges as PyTorch's scalar linspace in T: from the start for the first half, from the end for
  // the rest, so both ends are exact.
  const int64_t steps = bins + 1, halfway = steps / 2;
  const T start = static_cast<T>(lo), end = static_cast<T>(hi);
  const T step = (end - start) / static_cast<T>(steps - 1);
  std::vector<T> edges(steps);
  for (int64_t i = 0; i < steps; i++)
    edges[i] = i < halfway ? start + step * static_cast<T>(i) : end - step * static_cast<T>(steps - i - 1);
  const T left = edges[0], right = edges[bins];
  const T* e = edges.data();
  const T scale = static_cast<T>(bins) / (right - left);

  std::vector<int64_t> counts(bins, 0);
  std::mutex merge;
  parallelFor(n, kGrainSize, [&](int64_t begin, int64_t endIdx) {
    // Four interleaved sub-histograms (so runs of one bin do not wait on each other's increments), each
    // with a spare slot `bins` that collects the values outside the range and NaN.
    constexpr int kWays = 4;
    const int64_t width = bins + 1;
    std::vector<int64_t> local(kWays * width, 0);
    for (int64_t i = begin; i < endIdx; i++) {
      const T v = in[i];
      const bool inside = v >= left && v <= right;  // false for NaN
      // Interpolate the bin, then correct it by one either way against the actual edges (as PyTorch's
      // local search does): e[pos] <= v < e[pos + 1], the last bin including `right`.
      int64_t pos = std::min<int64_t>(static_cast<int64_t>(inside ? (v - left) * scale : T(0)), bins - 1);
      pos -= (pos > 0) & (v < e[pos]);
      pos += (pos < bins - 1) & (v >= e[pos + 1]);
      local[(i & (kWays - 1)) * width + (inside ? pos : bins)]++;
    }
    std::lock_guard<std::mutex> lock(merge);
    for (int k = 0; k < kWays; k++)
      for (int64_t b = 0; b < bins; b++) counts[b] += local[k * width + b];
  });
  for (int64_t b = 0; b < bins; b++) hist[b] = static_cast<T>(counts[b]);
}

template void histc<float>(const float*, int64_t, int64_t, double, double, float*);
template void histc<double>(const double*, int64_t, int64_t, double, double, double*);

}  // namespace torch_native
