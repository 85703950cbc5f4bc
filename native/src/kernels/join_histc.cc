#include <algorithm>
#include <cmath>
#include <mutex>
#include <vector>

#include "join.h"
#include "threadpool.h"

namespace torch_native {

template <class T>
void minMax(const T* in, int64_t n, double* lo, double* hi) {
  T mn = n > 0 ? in[0] : T(0), mx = mn;
  bool nan = false;
  for (int64_t i = 0; i < n; i++) {
    const T v = in[i];
    nan |= v != v;
    mn = v < mn ? v : mn;
    mx = v > mx ? v : mx;
  }
  *lo = nan ? NAN : static_cast<double>(mn);
  *hi = nan ? NAN : static_cast<double>(mx);
}

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

  std::vector<int64_t> counts(bins, 0);
  std::mutex merge;
  parallelFor(n, kGrainSize, [&](int64_t begin, int64_t endIdx) {
    std::vector<int64_t> local(bins, 0);
    for (int64_t i = begin; i < endIdx; i++) {
      const T v = in[i];
      if (!(v >= left && v <= right)) continue;  // outside, or NaN
      // Interpolate the bin, then correct it against the actual edges (within one bin either way).
      int64_t pos = static_cast<int64_t>((v - left) * static_cast<T>(bins) / (right - left));
      const int64_t from = std::max<int64_t>(0, pos - 1), to = std::min<int64_t>(pos + 2, steps);
      pos = std::upper_bound(e + from, e + to, v) - e - 1;
      if (pos == bins) pos--;  // the last bin includes its right edge
      local[pos]++;
    }
    std::lock_guard<std::mutex> lock(merge);
    for (int64_t b = 0; b < bins; b++) counts[b] += local[b];
  });
  for (int64_t b = 0; b < bins; b++) hist[b] = static_cast<T>(counts[b]);
}

template void minMax<float>(const float*, int64_t, double*, double*);
template void minMax<double>(const double*, int64_t, double*, double*);
template void histc<float>(const float*, int64_t, int64_t, double, double, float*);
template void histc<double>(const double*, int64_t, int64_t, double, double, double*);

}  // namespace torch_native
