// Convolution as im2col (vol2col) + GEMM, over 1, 2 or 3 spatial dims (1d/2d are 3d with leading
// sizes 1). Samples of a batch run in parallel on the pool with single-threaded products, each thread
// owning its column buffer; a batch smaller than the pool runs sample by sample with parallel products.
// A pointwise kernel (1x1, stride 1, no padding) reads the input as its own column matrix. float32 3x3
// stride-1 layers with enough channels go to Winograd (conv_winograd.cc): forward, input and weight gradients.
#include <algorithm>
#include <cstring>
#include <type_traits>
#include <vector>

#include "../gemm.h"
#include "../threadpool.h"
#include "conv_thin.h"
#include "conv_winograd.h"
#include "nn.h"

namespace torch_native::nn {
namespace {

// Per-thread scratch, kept between calls unless it grew past 64 MiB.
template <typename T>
T* scratch(int64_t n) {
  thread_local std::vector<T> buf;
  if (buf.capacity() * sizeof(T) > (size_t(64) << 20) && static_cast<int64_t>(buf.capacity()) > 2 * n) std::vector<T>().swap(buf);
  if (static_cast<int64_t>(buf.size()) < n) buf.resize(static_cast<size_t>(n));
  return buf.data();
}

bool pointwise(const Window& w) {
  for (int d = 0; d < 3; d++)
    if (w.kernel[d] != 1 || w.stride[d] != 1 || w.pad[d] != 0 || w.in[d] != w.out[d]) return false;
  return true;
}

// Visits every (column row, output row) pair: fn(rowOut, src or null when the input row is padding,
// off) where the window's width position for output ow is ow*stride + off. rowOut points at `out[2]`
// entries of the column matrix; src at the input row (channel c, depth id, height ih).
template <typename T, typename Fn>
void forEachColumnRow(const Window& w, int64_t channels, T* x, T* col, Fn fn) {
  const int64_t L = w.outPlane();
  T* dst = col;
  for (int64_t c = 0; c < channels; c++)
    for (int64_t kd = 0; kd < w.kernel[0]; kd++)
      for (int64_t kh = 0; kh < w.kernel[1]; kh++)
        for (int64_t kw = 0; kw < w.kernel[2]; kw++, dst += L) {
          const int64_t off = kw * w.dilation[2] - w.pad[2];
          for (int64_t od = 0; od < w.out[0]; od++) {
            const int64_t id = od * w.stride[0] - w.pad[0] + kd * w.dilation[0];
            for (int64_t oh = 0; oh < w.out[1]; oh++) {
              const int64_t ih = oh * w.stride[1] - w.pad[1] + kh * w.dilation[1];
              T* row = dst + (od * w.out[1] + oh) * w.out[2];
              const bool inside = id >= 0 && id < w.in[0] && ih >= 0 && ih < w.in[1];
              fn(row, inside ? x + ((c * w.in[0] + id) * w.in[1] + ih) * w.in[2] : nullptr, off);
            }
          }
        }
}

// A stride-1 2-D window whose output plane is the input plane ("same" padding): each column row is the
// flattened input plane shifted by one offset, with the columns that cross the left or right edge zeroed.
bool samePlane(const Window& w) {
  return w.kernel[0] == 1 && w.in[0] == 1 && w.out[0] == 1 && w.stride[1] == 1 && w.stride[2] == 1 && w.out[1] == w.in[1] &&
         w.out[2] == w.in[2];
}

// im2col for samePlane windows: one shifted copy of the plane per column row, then the edge columns, in
// place of a copy per (column row, output row) pair (~30 calls of 32 elements per row for a 32x32 image).
template <typename T>
void im2colSamePlane(const T* x, int64_t channels, const Window& w, T* col) {
  const int64_t W = w.in[2], L = w.inPlane();
  T* row = col;
  for (int64_t c = 0; c < channels; c++)
    for (int64_t kh = 0; kh < w.kernel[1]; kh++)
      for (int64_t kw = 0; kw < w.kernel[2]; kw++, row += L) {
        const int64_t s = kw * w.dilation[2] - w.pad[2], shift = (kh * w.dilation[1] - w.pad[1]) * W + s;
        const int64_t lo = std::clamp<int64_t>(-shift, 0, L), hi = std::clamp<int64_t>(L - shift, lo, L);
        std::fill(row, row + lo, T(0));
        std::copy(x + c * L + lo + shift, x + c * L + hi + shift, row + lo);
        std::fill(row + hi, row + L, T(0));
        // Positions whose shifted column left the row read the neighbouring row: zero them.
        const int64_t zlo = s < 0 ? 0 : std::max<int64_t>(W - s, 0), zhi = s < 0 ? std::min(-s, W) : W;
        if (s != 0)
          for (int64_t y = 0; y < w.in[1]; y++) std::fill(row + y * W + zlo, row + y * W + zhi, T(0));
      }
}

// Columns [channels * kernelVolume, outPlane] of one sample's input [channels, in...].
template <typename T>
void im2col(const T* x, int64_t channels, const Window& w, T* col) {
  if (samePlane(w)) return im2colSamePlane(x, channels, w, col);
  const int64_t ow = w.out[2], iw = w.in[2], s = w.stride[2];
  forEachColumnRow(w, channels, const_cast<T*>(x), col, [&](T* row, const T* src, int64_t off) {
    if (src == nullptr) {
      std::fill(row, row + ow, T(0));
    } else if (s == 1) {  // iw = o + off: a straight copy between zero borders
      const int64_t lo = std::clamp<int64_t>(-off, 0, ow), hi = std::clamp<int64_t>(iw - off, lo, ow);
      std::fill(row, row + lo, T(0));
      std::copy(src + lo + off, src + hi + off, row + lo);
      std::fill(row + hi, row + ow, T(0));
    } else {
      for (int64_t o = 0; o < ow; o++) {
        const int64_t i = o * s + off;
        row[o] = i >= 0 && i < iw ? src[i] : T(0);
      }
    }
  });
}

// Adds the columns back onto one sample's input gradient [channels, in...] (the adjoint of im2col).
template <typename T>
void col2im(T* col, int64_t channels, const Window& w, T* x) {
  const int64_t ow = w.out[2], iw = w.in[2], s = w.stride[2];
  forEachColumnRow(w, channels, x, col, [&](T* row, T* dst, int64_t off) {
    if (dst == nullptr) return;
    const int64_t lo = s == 1 ? std::clamp<int64_t>(-off, 0, ow) : 0, hi = s == 1 ? std::clamp<int64_t>(iw - off, lo, ow) : ow;
    for (int64_t o = lo; o < hi; o++) {
      const int64_t i = o * s + off;
      if (s == 1 || (i >= 0 && i < iw)) dst[i] += row[o];
    }
  });
}

#if defined(__x86_64__) && !defined(__clang__)
#define TN_CONV_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define TN_CONV_CLONES
#endif

// Σ x over n values in explicit 64-byte vectors (two accumulators): a single running sum is one
// dependent add per element (the bias gradient of a 3-channel layer spent as long there as in its
// GEMM), and GCC turns a lane array's adds into shuffles.
template <typename T>
TN_CONV_CLONES T laneSum(const T* x, int64_t n) {
  typedef T V __attribute__((vector_size(64)));
  constexpr int64_t W = 64 / sizeof(T);
  V a0{}, a1{};
  int64_t i = 0;
  for (; i + 2 * W <= n; i += 2 * W) {
    V u0, u1;
    std::memcpy(&u0, x + i, sizeof(V));
    std::memcpy(&u1, x + i + W, sizeof(V));
    a0 += u0, a1 += u1;
  }
  a0 += a1;
  T s = 0;
  for (; i < n; i++) s += x[i];
  for (int j = 0; j < W; j++) s += a0[j];
  return s;
}

// Runs sample(n, parallelProducts) for every sample of the batch.
template <typename Fn>
void overBatch(int64_t batch, Fn sample) {
  if (batch >= getNumThreads() && getNumThreads() > 1) {
    parallelFor(batch, 1, [&](int64_t lo, int64_t hi) {
      for (int64_t n = lo; n < hi; n++) sample(n, false);
    });
  } else {
    for (int64_t n = 0; n < batch; n++) sample(n, true);
  }
}

struct Dims {
  int64_t cg, cog, kg, L, inPlane;  // per group: in channels, out channels, column rows; out/in plane sizes
  explicit Dims(const ConvCall& c)
      : cg(c.inChannels / c.groups), cog(c.outChannels / c.groups), kg(cg * c.w.kernelVolume()), L(c.w.outPlane()),
        inPlane(c.w.inPlane()) {}
};

// One sample's output by im2col + GEMM; col is the sample's column buffer (null for pointwise kernels).
template <typename T>
void forwardSample(const ConvCall& c, const Dims& d, int64_t n, bool par, const T* in, const T* weight, const T* bias, T* out) {
  const bool direct = pointwise(c.w);
  T* col = direct || d.kg == 0 ? nullptr : scratch<T>(d.kg * d.L);
  for (int64_t g = 0; g < c.groups; g++) {
    const T* xg = in + (n * c.inChannels + g * d.cg) * d.inPlane;
    T* og = out + (n * c.outChannels + g * d.cog) * d.L;
    const bool thin = d.kg > 0 && d.kg <= kThinRows && (!par || getNumThreads() <= 1);
    T beta = 0;
    if (bias != nullptr && !thin) {
      for (int64_t o = 0; o < d.cog; o++) std::fill(og + o * d.L, og + (o + 1) * d.L, bias[g * d.cog + o]);
      beta = 1;
    }
    if (d.kg == 0) {
      if (bias == nullptr) std::fill(og, og + d.cog * d.L, T(0));
      continue;
    }
    const T* cols = xg;
    if (!direct) im2col(xg, d.cg, c.w, col), cols = col;
    if (thin)  // writes the bias with the sums
      thinForward(d.cog, d.kg, d.L, weight + g * d.cog * d.kg, cols, bias ? bias + g * d.cog : nullptr, og);
    else
      stridedGemm(d.cog, d.L, d.kg, T(1), weight + g * d.cog * d.kg, d.kg, 1, cols, d.L, 1, beta, og, d.L, 1, par);
  }
}

template <typename T>
void forward(const ConvCall& c, const T* in, const T* weight, const T* bias, T* out) {
  const Dims d(c);
  if (d.L == 0 || d.cog == 0) return;
  if constexpr (std::is_same_v<T, float>) {
    if (winogradApplies(c) && allFinite(weight, c.outChannels * d.kg)) {
      winogradForward(c, in, weight, bias, out, [&](int64_t n, bool par) { forwardSample(c, d, n, par, in, weight, bias, out); });
      return;
    }
  }
  overBatch(c.batch, [&](int64_t n, bool par) { forwardSample(c, d, n, par, in, weight, bias, out); });
}

// One sample's input gradient by GEMM + col2im.
template <typename T>
void gradInputSample(const ConvCall& c, const Dims& d, int64_t n, bool par, const T* gradOut, const T* weight, T* gradIn) {
  const bool direct = pointwise(c.w);
  T* gi = gradIn + n * c.inChannels * d.inPlane;
  if (!direct || d.cog == 0 || d.L == 0) std::fill(gi, gi + c.inChannels * d.inPlane, T(0));
  if (d.cog == 0 || d.L == 0) return;
  T* col = direct ? nullptr : scratch<T>(d.kg * d.L);
  for (int64_t g = 0; g < c.groups; g++) {
    T* gig = gi + g * d.cg * d.inPlane;
    const T* gog = gradOut + (n * c.outChannels + g * d.cog) * d.L;
    // columns (kg x L) = weight_g^T (kg x cog) @ gradOut_g (cog x L)
    T* dst = direct ? gig : col;
    stridedGemm(d.kg, d.L, d.cog, T(1), weight + g * d.cog * d.kg, 1, d.kg, gog, d.L, 1, T(0), dst, d.L, 1, par);
    if (!direct) col2im(col, d.cg, c.w, gig);
  }
}

// The input gradient of a 3x3 stride-1 layer with padding p <= 2 is the stride-1 convolution of the
// output gradient, padded by 2 - p, with each group's filters transposed (in <-> out) and flipped.
// Returns false (nothing written) when that convolution is not one Winograd takes.
bool winogradGradInput(const ConvCall& c, const float* gradOut, const float* weight, float* gradIn) {
  if (c.w.pad[1] > 2 || c.w.pad[2] > 2 || !winogradApplies(c)) return false;
  ConvCall t = c;
  t.inChannels = c.outChannels;
  t.outChannels = c.inChannels;
  for (int k = 0; k < 3; k++) {
    t.w.in[k] = c.w.out[k];
    t.w.out[k] = c.w.in[k];
  }
  t.w.pad[1] = 2 - c.w.pad[1];
  t.w.pad[2] = 2 - c.w.pad[2];
  const Dims d(c);
  if (!winogradApplies(t) || !allFinite(weight, c.outChannels * d.kg)) return false;
  std::vector<float> flipped(static_cast<size_t>(c.inChannels * d.cog * 9));
  for (int64_t g = 0; g < c.groups; g++)
    for (int64_t o = 0; o < d.cog; o++)
      for (int64_t i = 0; i < d.cg; i++)
        for (int k = 0; k < 9; k++)
          flipped[static_cast<size_t>(((g * d.cg + i) * d.cog + o) * 9 + k)] = weight[((g * d.cog + o) * d.cg + i) * 9 + 8 - k];
  winogradForward(t, gradOut, flipped.data(), nullptr, gradIn,
                  [&](int64_t n, bool par) { gradInputSample(c, d, n, par, gradOut, weight, gradIn); });
  return true;
}

template <typename T>
void gradInput(const ConvCall& c, const T* gradOut, const T* weight, T* gradIn) {
  const Dims d(c);
  if (d.inPlane == 0 || d.cg == 0) return;
  if constexpr (std::is_same_v<T, float>) {
    if (winogradGradInput(c, gradOut, weight, gradIn)) return;
  }
  overBatch(c.batch, [&](int64_t n, bool par) { gradInputSample(c, d, n, par, gradOut, weight, gradIn); });
}

// gradWeight (cog x kg per group) = alpha * gradOut_n @ columns_n^T + beta * gradWeight, and
// gradBias[o] += alpha * Σ gradOut_n[o], for one sample n.
template <typename T>
void accumulateSample(const ConvCall& c, const Dims& d, int64_t n, const T* in, const T* gradOut, T* gw, T* gb, T alpha,
                      T beta, bool par) {
  const bool direct = pointwise(c.w);
  T* col = direct || gw == nullptr ? nullptr : scratch<T>(d.kg * d.L);
  for (int64_t g = 0; g < c.groups; g++) {
    const T* gog = gradOut + (n * c.outChannels + g * d.cog) * d.L;
    if (gw != nullptr && d.kg > 0) {
      const T* xg = in + (n * c.inChannels + g * d.cg) * d.inPlane;
      const T* cols = xg;
      if (!direct) im2col(xg, d.cg, c.w, col), cols = col;
      stridedGemm(d.cog, d.kg, d.L, alpha, gog, d.L, 1, cols, 1, d.L, beta, gw + g * d.cog * d.kg, d.kg, 1, par);
    }
    if (gb != nullptr)
      for (int64_t o = 0; o < d.cog; o++) gb[g * d.cog + o] += alpha * laneSum(gog + o * d.L, d.L);
  }
}

// The parameter gradients of a layer with few column rows (conv_thin.h): each thread sums a range of
// samples into lane sums, the bias with the weights, and the lanes are reduced once at the end. A GEMM
// library's packing costs more than such a thin product itself.
template <typename T>
void thinAccGradParameters(const ConvCall& c, const Dims& d, const T* in, const T* gradOut, T* gw, T* gb, T scale) {
  constexpr int64_t W = thinLanes<T>;
  const int64_t threads = getNumThreads(), chunks = c.batch >= threads && threads > 1 ? threads : 1;
  const int64_t wsize = c.outChannels * d.kg * W, bsize = gb ? c.outChannels * W : 0, csize = wsize + bsize;
  std::vector<T> lanes(static_cast<size_t>(chunks * csize), T(0));
  parallelFor(chunks, 1, [&](int64_t lo, int64_t hi) {
    T* col = pointwise(c.w) ? nullptr : scratch<T>(d.kg * d.L);
    for (int64_t k = lo; k < hi; k++) {
      T* lw = lanes.data() + k * csize;
      T* lb = gb ? lw + wsize : nullptr;
      for (int64_t n = k * c.batch / chunks; n < (k + 1) * c.batch / chunks; n++)
        for (int64_t g = 0; g < c.groups; g++) {
          const T* xg = in + (n * c.inChannels + g * d.cg) * d.inPlane;
          if (col) im2col(xg, d.cg, c.w, col);
          thinGradWeightLanes(d.cog, d.kg, d.L, gradOut + (n * c.outChannels + g * d.cog) * d.L, col ? col : xg,
                              lw + g * d.cog * d.kg * W, lb ? lb + g * d.cog * W : nullptr);
        }
    }
  });
  const auto reduce = [&](int64_t offset, int64_t count, T* dst) {
    for (int64_t i = 0; i < count; i++) {
      T s = 0;
      for (int64_t k = 0; k < chunks; k++)
        for (int64_t j = 0; j < W; j++) s += lanes[static_cast<size_t>(k * csize + offset + i * W + j)];
      dst[i] += scale * s;
    }
  };
  reduce(0, c.outChannels * d.kg, gw);
  if (gb) reduce(wsize, c.outChannels, gb);
}

template <typename T>
void accGradParameters(const ConvCall& c, const T* in, const T* gradOut, T* gw, T* gb, T scale) {
  const Dims d(c);
  if (d.L == 0 || d.cog == 0 || c.batch == 0 || (gw == nullptr && gb == nullptr)) return;
  if constexpr (std::is_same_v<T, float>) {
    if (gw != nullptr && winogradGradWeight(c, in, gradOut, gw, scale)) gw = nullptr;  // what is left: the bias
    if (gw == nullptr && gb == nullptr) return;
  }
  const int64_t threads = getNumThreads();
  if (gw != nullptr && d.kg > 0 && d.kg <= kThinRows && (c.batch >= threads || threads <= 1))
    return thinAccGradParameters(c, d, in, gradOut, gw, gb, scale);
  if (c.batch < threads || threads <= 1) {
    for (int64_t n = 0; n < c.batch; n++) accumulateSample(c, d, n, in, gradOut, gw, gb, scale, T(1), true);
    return;
  }
  // Each chunk of the batch sums into its own partial gradients; they are added up afterwards.
  const int64_t chunks = threads, wsize = gw ? c.outChannels * d.kg : 0, bsize = gb ? c.outChannels : 0;
  std::vector<T> partial(static_cast<size_t>(chunks * (wsize + bsize)), T(0));
  parallelFor(chunks, 1, [&](int64_t lo, int64_t hi) {
    for (int64_t k = lo; k < hi; k++) {
      T* pw = gw ? partial.data() + k * (wsize + bsize) : nullptr;
      T* pb = gb ? partial.data() + k * (wsize + bsize) + wsize : nullptr;
      const int64_t n0 = k * c.batch / chunks, n1 = (k + 1) * c.batch / chunks;
      for (int64_t n = n0; n < n1; n++) accumulateSample(c, d, n, in, gradOut, pw, pb, T(1), n == n0 ? T(0) : T(1), false);
    }
  });
  for (int64_t k = 0; k < chunks; k++) {
    const T* p = partial.data() + k * (wsize + bsize);
    for (int64_t i = 0; i < wsize; i++) gw[i] += scale * p[i];
    for (int64_t i = 0; i < bsize; i++) gb[i] += scale * p[wsize + i];
  }
}

}  // namespace

void convForward(const ConvCall& c, const void* input, const void* weight, const void* bias, void* output) {
  if (c.dtype == DType::F64)
    forward(c, static_cast<const double*>(input), static_cast<const double*>(weight), static_cast<const double*>(bias), static_cast<double*>(output));
  else
    forward(c, static_cast<const float*>(input), static_cast<const float*>(weight), static_cast<const float*>(bias), static_cast<float*>(output));
}

void convGradInput(const ConvCall& c, const void* gradOutput, const void* weight, void* gradIn) {
  if (c.dtype == DType::F64)
    gradInput(c, static_cast<const double*>(gradOutput), static_cast<const double*>(weight), static_cast<double*>(gradIn));
  else
    gradInput(c, static_cast<const float*>(gradOutput), static_cast<const float*>(weight), static_cast<float*>(gradIn));
}

void convAccGradParameters(const ConvCall& c, const void* input, const void* gradOutput, void* gradWeight, void* gradBias,
                           double scale) {
  if (c.dtype == DType::F64)
    accGradParameters(c, static_cast<const double*>(input), static_cast<const double*>(gradOutput), static_cast<double*>(gradWeight),
                      static_cast<double*>(gradBias), scale);
  else
    accGradParameters(c, static_cast<const float*>(input), static_cast<const float*>(gradOutput), static_cast<float*>(gradWeight),
                      static_cast<float*>(gradBias), static_cast<float>(scale));
}

}  // namespace torch_native::nn
