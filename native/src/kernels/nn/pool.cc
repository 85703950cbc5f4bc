// Max, average, adaptive and unpooling over planes [N*C, D, H, W] (1d/2d are 3d with leading sizes
// 1). Planes are independent, so every kernel splits them across the pool; backward passes write only
// their own plane, so no two threads touch one element.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>

#include "../threadpool.h"
#include "nn.h"

namespace torch_native::nn {
namespace {

template <typename Fn>
void overPlanes(const PoolCall& c, int64_t work, Fn fn) {
  const int64_t perPlane = std::max<int64_t>(1, work);
  parallelFor(c.planes, std::max<int64_t>(1, kGrainSize / perPlane), [&](int64_t lo, int64_t hi) {
    for (int64_t p = lo; p < hi; p++) fn(p);
  });
}

// Calls fn(outIndex, d0, d1, h0, h1, w0, w1) per output position with its (unclamped) window
// starts and ends, start = o*stride - pad, end = start + (kernel-1)*dilation + 1.
template <typename Fn>
void forEachWindow(const Window& w, Fn fn) {
  int64_t o = 0;
  for (int64_t od = 0; od < w.out[0]; od++)
    for (int64_t oh = 0; oh < w.out[1]; oh++)
      for (int64_t ow = 0; ow < w.out[2]; ow++, o++)
        fn(o, od * w.stride[0] - w.pad[0], oh * w.stride[1] - w.pad[1], ow * w.stride[2] - w.pad[2]);
}

// The kernel taps [k0, k1) of a window starting at `start` that land inside [0, in), so the loops
// over them need no per-element bounds checks.
inline void validTaps(int64_t start, int64_t k, int64_t dil, int64_t in, int64_t& k0, int64_t& k1) {
  if (dil == 1) {  // no divisions on the common path
    k0 = start < 0 ? -start : 0;
    k1 = std::max(k0, std::min(k, in - start));
    return;
  }
  k0 = start < 0 ? (-start + dil - 1) / dil : 0;
  k1 = start + (k - 1) * dil < in ? k : (in - start + dil - 1) / dil;
  if (k1 < k0) k1 = k0;
}

// One output row of a 2x2/stride-2 max pool over input rows a and a + W: selects instead of branches
// (on random data a branch per comparison mispredicts half the time), written so that the AVX2 clone
// vectorises. `base` is a's flat position in the plane.
template <typename T>
inline __attribute__((always_inline)) void maxPairsRowImpl(const T* a, int64_t W, int64_t base, int64_t n, T* y, int64_t* ix) {
  const T* b = a + W;
  for (int64_t o = 0; o < n; o++) {
    const int64_t i = 2 * o;
    T best = a[i];
    int64_t at = base + i;
    const auto take = [&](T v, int64_t j) {
      const bool t = (v > best) | (v != v);
      best = t ? v : best;
      at = t ? j : at;
    };
    take(a[i + 1], base + i + 1);
    take(b[i], base + W + i);
    take(b[i + 1], base + W + i + 1);
    y[o] = best;
    ix[o] = at;
  }
}
__attribute__((target_clones("avx2", "default"))) void maxPairsRow(const float* a, int64_t W, int64_t base, int64_t n, float* y, int64_t* ix) {
  maxPairsRowImpl(a, W, base, n, y, ix);
}
__attribute__((target_clones("avx2", "default"))) void maxPairsRow(const double* a, int64_t W, int64_t base, int64_t n, double* y, int64_t* ix) {
  maxPairsRowImpl(a, W, base, n, y, ix);
}

template <typename T>
void maxForward(const PoolCall& c, const T* in, T* out, int64_t* idx) {
  const Window& w = c.w;
  const int64_t ip = w.inPlane(), op = w.outPlane();
  // 2x2 windows with stride 2 that all lie inside the input (the CNN's pooling): two rows at a time.
  const bool pairs = w.kernel[0] == 1 && w.kernel[1] == 2 && w.kernel[2] == 2 && w.stride[1] == 2 && w.stride[2] == 2 && w.pad[0] == 0 &&
                     w.pad[1] == 0 && w.pad[2] == 0 && w.dilation[1] == 1 && w.dilation[2] == 1 && w.out[0] == w.in[0] &&
                     2 * w.out[1] <= w.in[1] && 2 * w.out[2] <= w.in[2];
  overPlanes(c, op * w.kernelVolume(), [&](int64_t p) {
    const T* x = in + p * ip;
    T* y = out + p * op;
    int64_t* ix = idx + p * op;
    if (pairs) {
      for (int64_t od = 0; od < w.out[0]; od++)
        for (int64_t oh = 0; oh < w.out[1]; oh++) {
          const int64_t r0 = (od * w.in[1] + 2 * oh) * w.in[2], o0 = (od * w.out[1] + oh) * w.out[2];
          maxPairsRow(x + r0, w.in[2], r0, w.out[2], y + o0, ix + o0);
        }
      return;
    }
    forEachWindow(w, [&](int64_t o, int64_t d0, int64_t h0, int64_t w0) {
      int64_t a0, a1, b0, b1, c0, c1;
      validTaps(d0, w.kernel[0], w.dilation[0], w.in[0], a0, a1);
      validTaps(h0, w.kernel[1], w.dilation[1], w.in[1], b0, b1);
      validTaps(w0, w.kernel[2], w.dilation[2], w.in[2], c0, c1);
      T best = -std::numeric_limits<T>::infinity();
      // PyTorch's choice when every tap is -inf: the window's first position inside the input.
      int64_t at = ((d0 + a0 * w.dilation[0]) * w.in[1] + h0 + b0 * w.dilation[1]) * w.in[2] + w0 + c0 * w.dilation[2];
      for (int64_t kd = a0; kd < a1; kd++)
        for (int64_t kh = b0; kh < b1; kh++) {
          const int64_t rowAt = ((d0 + kd * w.dilation[0]) * w.in[1] + h0 + kh * w.dilation[1]) * w.in[2] + w0;
          for (int64_t kw = c0; kw < c1; kw++) {
            const int64_t i = rowAt + kw * w.dilation[2];
            const T v = x[i];
            // NaN wins and stays (as PyTorch): v > NaN is false; a later NaN replaces it (PyTorch keeps the last).
            const bool t = (v > best) | (v != v);
            best = t ? v : best;
            at = t ? i : at;
          }
        }
      y[o] = best;
      ix[o] = (a1 > a0 && b1 > b0 && c1 > c0) ? at : 0;
    });
  });
}

// gradInput[p][indices[p][o]] += gradOutput[p][o] (or = when not `accumulate`: unpooling keeps the
// last value written to a position, as PyTorch); false when an index is outside [0, inPlane).
template <typename T>
bool scatterPlanes(const PoolCall& c, int64_t outPlane, int64_t inPlane, const T* gradOut, const int64_t* idx, T* gradIn, bool accumulate) {
  std::atomic<bool> ok{true};
  overPlanes(c, outPlane, [&](int64_t p) {
    T* gi = gradIn + p * inPlane;
    std::fill(gi, gi + inPlane, T(0));
    const T* go = gradOut + p * outPlane;
    const int64_t* ix = idx + p * outPlane;
    for (int64_t o = 0; o < outPlane; o++) {
      const int64_t i = ix[o];
      if (i < 0 || i >= inPlane) {
        ok.store(false, std::memory_order_relaxed);
        return;
      }
      if (accumulate) gi[i] += go[o];
      else gi[i] = go[o];
    }
  });
  return ok.load();
}

// The average pool's window: clamped bounds and the divisor (PyTorch's rule: the size of the
// window cut at the padded border, or of the part inside the input when padding is not counted).
struct AvgWindow {
  int64_t d0, d1, h0, h1, w0, w1;
  double divisor;
};

AvgWindow avgWindow(const PoolCall& c, int64_t d0, int64_t h0, int64_t w0) {
  const Window& w = c.w;
  int64_t d1 = std::min(d0 + w.kernel[0], w.in[0] + w.pad[0]);
  int64_t h1 = std::min(h0 + w.kernel[1], w.in[1] + w.pad[1]);
  int64_t w1 = std::min(w0 + w.kernel[2], w.in[2] + w.pad[2]);
  const int64_t padded = (d1 - d0) * (h1 - h0) * (w1 - w0);
  AvgWindow a;
  a.d0 = std::max<int64_t>(d0, 0), a.h0 = std::max<int64_t>(h0, 0), a.w0 = std::max<int64_t>(w0, 0);
  a.d1 = std::min(d1, w.in[0]), a.h1 = std::min(h1, w.in[1]), a.w1 = std::min(w1, w.in[2]);
  const int64_t inside = std::max<int64_t>(0, a.d1 - a.d0) * std::max<int64_t>(0, a.h1 - a.h0) * std::max<int64_t>(0, a.w1 - a.w0);
  a.divisor = c.divisor > 0 ? double(c.divisor) : double(c.countIncludePad ? padded : inside);
  return a;
}

template <typename T>
void avgForward(const PoolCall& c, const T* in, T* out) {
  const Window& w = c.w;
  const int64_t ip = w.inPlane(), op = w.outPlane();
  overPlanes(c, op * w.kernelVolume(), [&](int64_t p) {
    const T* x = in + p * ip;
    T* y = out + p * op;
    forEachWindow(w, [&](int64_t o, int64_t d0, int64_t h0, int64_t w0) {
      const AvgWindow a = avgWindow(c, d0, h0, w0);
      T s = 0;
      for (int64_t id = a.d0; id < a.d1; id++)
        for (int64_t ih = a.h0; ih < a.h1; ih++) {
          const T* r = x + (id * w.in[1] + ih) * w.in[2];
          for (int64_t iw = a.w0; iw < a.w1; iw++) s += r[iw];
        }
      y[o] = static_cast<T>(s / a.divisor);
    });
  });
}

template <typename T>
void avgBackward(const PoolCall& c, const T* gradOut, T* gradIn) {
  const Window& w = c.w;
  const int64_t ip = w.inPlane(), op = w.outPlane();
  overPlanes(c, op * w.kernelVolume(), [&](int64_t p) {
    T* gi = gradIn + p * ip;
    std::fill(gi, gi + ip, T(0));
    const T* go = gradOut + p * op;
    forEachWindow(w, [&](int64_t o, int64_t d0, int64_t h0, int64_t w0) {
      const AvgWindow a = avgWindow(c, d0, h0, w0);
      const T g = static_cast<T>(go[o] / a.divisor);
      for (int64_t id = a.d0; id < a.d1; id++)
        for (int64_t ih = a.h0; ih < a.h1; ih++) {
          T* r = gi + (id * w.in[1] + ih) * w.in[2];
          for (int64_t iw = a.w0; iw < a.w1; iw++) r[iw] += g;
        }
    });
  });
}

// Adaptive windows along one dim: [floor(o*in/out), ceil((o+1)*in/out)).
inline int64_t adaptiveStart(int64_t o, int64_t in, int64_t out) { return (o * in) / out; }
inline int64_t adaptiveEnd(int64_t o, int64_t in, int64_t out) { return ((o + 1) * in + out - 1) / out; }

// fn(outIndex, d0, d1, h0, h1, w0, w1) per adaptive window.
template <typename Fn>
void forEachAdaptive(const Window& w, Fn fn) {
  int64_t o = 0;
  for (int64_t od = 0; od < w.out[0]; od++) {
    const int64_t d0 = adaptiveStart(od, w.in[0], w.out[0]), d1 = adaptiveEnd(od, w.in[0], w.out[0]);
    for (int64_t oh = 0; oh < w.out[1]; oh++) {
      const int64_t h0 = adaptiveStart(oh, w.in[1], w.out[1]), h1 = adaptiveEnd(oh, w.in[1], w.out[1]);
      for (int64_t ow = 0; ow < w.out[2]; ow++, o++)
        fn(o, d0, d1, h0, h1, adaptiveStart(ow, w.in[2], w.out[2]), adaptiveEnd(ow, w.in[2], w.out[2]));
    }
  }
}

template <typename T>
void adaptiveAvgForward(const PoolCall& c, const T* in, T* out) {
  const Window& w = c.w;
  const int64_t ip = w.inPlane(), op = w.outPlane();
  overPlanes(c, ip, [&](int64_t p) {
    const T* x = in + p * ip;
    T* y = out + p * op;
    forEachAdaptive(w, [&](int64_t o, int64_t d0, int64_t d1, int64_t h0, int64_t h1, int64_t w0, int64_t w1) {
      T s = 0;
      for (int64_t id = d0; id < d1; id++)
        for (int64_t ih = h0; ih < h1; ih++)
          for (int64_t iw = w0; iw < w1; iw++) s += x[(id * w.in[1] + ih) * w.in[2] + iw];
      y[o] = s / static_cast<T>((d1 - d0) * (h1 - h0) * (w1 - w0));
    });
  });
}

template <typename T>
void adaptiveAvgBackward(const PoolCall& c, const T* gradOut, T* gradIn) {
  const Window& w = c.w;
  const int64_t ip = w.inPlane(), op = w.outPlane();
  overPlanes(c, ip, [&](int64_t p) {
    T* gi = gradIn + p * ip;
    std::fill(gi, gi + ip, T(0));
    const T* go = gradOut + p * op;
    forEachAdaptive(w, [&](int64_t o, int64_t d0, int64_t d1, int64_t h0, int64_t h1, int64_t w0, int64_t w1) {
      const T g = go[o] / static_cast<T>((d1 - d0) * (h1 - h0) * (w1 - w0));
      for (int64_t id = d0; id < d1; id++)
        for (int64_t ih = h0; ih < h1; ih++)
          for (int64_t iw = w0; iw < w1; iw++) gi[(id * w.in[1] + ih) * w.in[2] + iw] += g;
    });
  });
}

template <typename T>
void adaptiveMaxForward(const PoolCall& c, const T* in, T* out, int64_t* idx) {
  const Window& w = c.w;
  const int64_t ip = w.inPlane(), op = w.outPlane();
  overPlanes(c, ip, [&](int64_t p) {
    const T* x = in + p * ip;
    T* y = out + p * op;
    int64_t* ix = idx + p * op;
    forEachAdaptive(w, [&](int64_t o, int64_t d0, int64_t d1, int64_t h0, int64_t h1, int64_t w0, int64_t w1) {
      T best = -std::numeric_limits<T>::infinity();
      int64_t at = -1;
      for (int64_t id = d0; id < d1; id++)
        for (int64_t ih = h0; ih < h1; ih++)
          for (int64_t iw = w0; iw < w1; iw++) {
            const int64_t i = (id * w.in[1] + ih) * w.in[2] + iw;
            if (at < 0 || x[i] > best || (std::isnan(x[i]) && !std::isnan(best))) best = x[i], at = i;
          }
      y[o] = best;
      ix[o] = at < 0 ? 0 : at;
    });
  });
}

// Unpooling: output plane (the Window's out) gets input plane values at their indices.
template <typename T>
bool unpoolForward(const PoolCall& c, const T* in, const int64_t* idx, T* out) {
  return scatterPlanes(c, c.w.inPlane(), c.w.outPlane(), in, idx, out, false);
}

template <typename T>
bool unpoolBackward(const PoolCall& c, const T* gradOut, const int64_t* idx, T* gradIn) {
  const int64_t ip = c.w.inPlane(), op = c.w.outPlane();
  std::atomic<bool> ok{true};
  overPlanes(c, ip, [&](int64_t p) {
    const T* go = gradOut + p * op;
    T* gi = gradIn + p * ip;
    const int64_t* ix = idx + p * ip;
    for (int64_t i = 0; i < ip; i++) {
      if (ix[i] < 0 || ix[i] >= op) {
        ok.store(false, std::memory_order_relaxed);
        return;
      }
      gi[i] = go[ix[i]];
    }
  });
  return ok.load();
}

#define TN_FLOAT_DISPATCH(dtype, call)         \
  do {                                         \
    if ((dtype) == DType::F64) {               \
      using T = double;                        \
      call;                                    \
    } else {                                   \
      using T = float;                         \
      call;                                    \
    }                                          \
  } while (0)

}  // namespace

void maxPoolForward(const PoolCall& c, const void* input, void* output, int64_t* indices) {
  TN_FLOAT_DISPATCH(c.dtype, maxForward(c, static_cast<const T*>(input), static_cast<T*>(output), indices));
}
bool maxPoolBackward(const PoolCall& c, const void* gradOutput, const int64_t* indices, void* gradInput) {
  bool ok = true;
  TN_FLOAT_DISPATCH(c.dtype, ok = scatterPlanes(c, c.w.outPlane(), c.w.inPlane(), static_cast<const T*>(gradOutput), indices,
                                                static_cast<T*>(gradInput), true));
  return ok;
}
void avgPoolForward(const PoolCall& c, const void* input, void* output) {
  TN_FLOAT_DISPATCH(c.dtype, avgForward(c, static_cast<const T*>(input), static_cast<T*>(output)));
}
void avgPoolBackward(const PoolCall& c, const void* gradOutput, void* gradInput) {
  TN_FLOAT_DISPATCH(c.dtype, avgBackward(c, static_cast<const T*>(gradOutput), static_cast<T*>(gradInput)));
}
void adaptiveAvgPoolForward(const PoolCall& c, const void* input, void* output) {
  TN_FLOAT_DISPATCH(c.dtype, adaptiveAvgForward(c, static_cast<const T*>(input), static_cast<T*>(output)));
}
void adaptiveAvgPoolBackward(const PoolCall& c, const void* gradOutput, void* gradInput) {
  TN_FLOAT_DISPATCH(c.dtype, adaptiveAvgBackward(c, static_cast<const T*>(gradOutput), static_cast<T*>(gradInput)));
}
void adaptiveMaxPoolForward(const PoolCall& c, const void* input, void* output, int64_t* indices) {
  TN_FLOAT_DISPATCH(c.dtype, adaptiveMaxForward(c, static_cast<const T*>(input), static_cast<T*>(output), indices));
}
bool maxUnpoolForward(const PoolCall& c, const void* input, const int64_t* indices, void* output) {
  bool ok = true;
  TN_FLOAT_DISPATCH(c.dtype, ok = unpoolForward(c, static_cast<const T*>(input), indices, static_cast<T*>(output)));
  return ok;
}
bool maxUnpoolBackward(const PoolCall& c, const void* gradOutput, const int64_t* indices, void* gradInput) {
  bool ok = true;
  TN_FLOAT_DISPATCH(c.dtype, ok = unpoolBackward(c, static_cast<const T*>(gradOutput), indices, static_cast<T*>(gradInput)));
  return ok;
}

}  // namespace torch_native::nn
