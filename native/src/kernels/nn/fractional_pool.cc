// Fractional max pooling (Graham, "Fractional Max-Pooling", 2014) over planes [N*C, H, W]: each plane
// pools windows of a fixed size whose starts follow a pseudo-random increasing sequence fixed by two
// samples in [0, 1) per plane (one for the width, one for the height). Indices are flat positions in
// the input plane, so the backward pass is maxPoolBackward's scatter.
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "../threadpool.h"
#include "nn.h"

namespace torch_native::nn {
namespace {

// The window starts along one dim. The arithmetic is done in T, as PyTorch does, so float32 inputs
// pick the same windows as there: start_i = trunc((i + u) * a) - trunc(u * a), a = (in - k) / (out - 1),
// and the last window ends at the input's end. False when a start would leave [0, in - k].
template <typename T>
bool windowStarts(T u, int64_t in, int64_t out, int64_t k, std::vector<int64_t>& starts) {
  starts.resize(out);
  if (out > 1) {
    const T alpha = static_cast<T>(in - k) / static_cast<T>(out - 1);
    const int64_t first = static_cast<int64_t>(u * alpha);
    for (int64_t i = 0; i < out - 1; i++) starts[i] = static_cast<int64_t>((static_cast<T>(i) + u) * alpha) - first;
  }
  if (out > 0) starts[out - 1] = in - k;
  for (int64_t s : starts)
    if (s < 0 || s > in - k) return false;
  return true;
}

template <typename T>
bool forward(const PoolCall& c, const T* in, const T* samples, T* out, int64_t* idx) {
  const Window& w = c.w;
  const int64_t inH = w.in[1], inW = w.in[2], outH = w.out[1], outW = w.out[2], kH = w.kernel[1], kW = w.kernel[2];
  const int64_t ip = inH * inW, op = outH * outW;
  if (kH > inH || kW > inW) return false;
  bool ok = true;
  for (int64_t p = 0; p < c.planes * 2; p++)
    if (!(samples[p] >= T(0) && samples[p] < T(1))) ok = false;
  if (!ok) return false;
  parallelFor(c.planes, std::max<int64_t>(1, kGrainSize / std::max<int64_t>(1, op * kH * kW)), [&](int64_t lo, int64_t hi) {
    std::vector<int64_t> rows, cols;
    for (int64_t p = lo; p < hi; p++) {
      // Checked above, so the starts stay inside the plane.
      windowStarts(samples[2 * p], inW, outW, kW, cols);
      windowStarts(samples[2 * p + 1], inH, outH, kH, rows);
      const T* x = in + p * ip;
      T* y = out + p * op;
      int64_t* ix = idx + p * op;
      for (int64_t oh = 0; oh < outH; oh++)
        for (int64_t ow = 0; ow < outW; ow++) {
          T best = -std::numeric_limits<T>::infinity();
          int64_t at = rows[oh] * inW + cols[ow];
          for (int64_t ih = rows[oh]; ih < rows[oh] + kH; ih++)
            for (int64_t iw = cols[ow]; iw < cols[ow] + kW; iw++) {
              const T v = x[ih * inW + iw];
              // A NaN wins over every number, and a later NaN over an earlier one (PyTorch's order).
              if (v > best || std::isnan(v)) best = v, at = ih * inW + iw;
            }
          y[oh * outW + ow] = best;
          ix[oh * outW + ow] = at;
        }
    }
  });
  return true;
}

}  // namespace

bool fractionalMaxPool2dForward(const PoolCall& c, const void* input, const void* samples, void* output, int64_t* indices) {
  if (c.dtype == DType::F64)
    return forward(c, static_cast<const double*>(input), static_cast<const double*>(samples), static_cast<double*>(output), indices);
  return forward(c, static_cast<const float*>(input), static_cast<const float*>(samples), static_cast<float*>(output), indices);
}

}  // namespace torch_native::nn
