// Batch norm over [N, C, S]: channels are independent, so each kernel splits them across the pool.
// The statistics are one pass of shifted sums (Σ (x - k), Σ (x - k)² with k the channel's first value,
// which keeps the variance free of cancellation when |mean| >> std), summed in vector lanes of T over
// pieces of at most kPiece values and in double across pieces, so float32 batches of millions of
// elements keep their precision. The loops are multiversioned (AVX-512 / AVX2 / baseline).
#include <algorithm>
#include <cmath>
#include <cstring>
#include <utility>

#include "../threadpool.h"
#include "nn.h"

namespace torch_native::nn {
namespace {

#if defined(__x86_64__) && !defined(__clang__)
#define TN_BN_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define TN_BN_CLONES
#endif

constexpr int64_t kPiece = 1024;

// Sums of pairs over n values, piece by piece: each piece of at most kPiece values goes through
// explicit 64-byte vectors (GCC vector extensions, two accumulators per sum so the adds overlap; the
// AVX2 and baseline clones split them) and its total is added in double. GCC turned the former lane
// arrays into shuffles (vpermt2ps) and ran at a third of the bandwidth. term(i) gives the two
// vectors to add for the values from i on; scalar(i) the same for one value.
template <typename T, typename VecTerm, typename ScalarTerm>
inline __attribute__((always_inline)) void pairSums(int64_t n, VecTerm term, ScalarTerm scalar, double& s1, double& s2) {
  typedef T V __attribute__((vector_size(64)));
  constexpr int64_t W = 64 / sizeof(T);
  for (int64_t p = 0; p < n; p += kPiece) {
    const int64_t e = std::min(n, p + kPiece);
    V a0{}, a1{}, b0{}, b1{};
    int64_t i = p;
    for (; i + 2 * W <= e; i += 2 * W) {
      V u0, v0, u1, v1;
      term(i, u0, v0);
      term(i + W, u1, v1);
      a0 += u0, b0 += v0, a1 += u1, b1 += v1;
    }
    a0 += a1, b0 += b1;
    T ta = 0, tb = 0;
    for (int j = 0; j < W; j++) ta += a0[j], tb += b0[j];
    for (; i < e; i++) {
      const auto [u, v] = scalar(i);
      ta += u, tb += v;
    }
    s1 += ta;
    s2 += tb;
  }
}

// s1 += Σ (x - k), s2 += Σ (x - k)² over n values.
template <typename T>
TN_BN_CLONES void shiftedSums(const T* x, int64_t n, T k, double& s1, double& s2) {
  typedef T V __attribute__((vector_size(64)));
  const V kv = V{} + k;
  pairSums<T>(
      n,
      [&](int64_t i, V& u, V& v) {
        std::memcpy(&u, x + i, sizeof(V));
        u -= kv;
        v = u * u;
      },
      [&](int64_t i) {
        const T d = x[i] - k;
        return std::pair<T, T>(d, d * d);
      },
      s1, s2);
}

// sg += Σ g, sgx += Σ g (x - m) over n values.
template <typename T>
TN_BN_CLONES void gradSums(const T* x, const T* g, int64_t n, T m, double& sg, double& sgx) {
  typedef T V __attribute__((vector_size(64)));
  const V mv = V{} + m;
  pairSums<T>(
      n,
      [&](int64_t i, V& u, V& v) {
        V xv;
        std::memcpy(&u, g + i, sizeof(V));
        std::memcpy(&xv, x + i, sizeof(V));
        v = u * (xv - mv);
      },
      [&](int64_t i) { return std::pair<T, T>(g[i], g[i] * (x[i] - m)); }, sg, sgx);
}

// y = x * a + b.
template <typename T>
TN_BN_CLONES void affine(const T* x, T* y, int64_t n, T a, T b) {
  for (int64_t i = 0; i < n; i++) y[i] = x[i] * a + b;
}

// y = g * a + x * p + b.
template <typename T>
TN_BN_CLONES void affine2(const T* g, const T* x, T* y, int64_t n, T a, T p, T b) {
  for (int64_t i = 0; i < n; i++) y[i] = g[i] * a + x[i] * p + b;
}

template <typename Fn>
void overChannels(const BatchNormCall& c, Fn fn) {
  const int64_t perChannel = std::max<int64_t>(1, c.batch * c.spatial);
  parallelFor(c.channels, std::max<int64_t>(1, kGrainSize / perChannel), [&](int64_t lo, int64_t hi) {
    for (int64_t ch = lo; ch < hi; ch++) fn(ch);
  });
}

// fn(pointer to the S elements of (n, ch)) for every sample n.
template <typename T, typename Fn>
void forEachRow(const BatchNormCall& c, T* base, int64_t ch, Fn fn) {
  for (int64_t n = 0; n < c.batch; n++) fn(base + (n * c.channels + ch) * c.spatial);
}

// y = (x - mean) * invstd * weight + bias on channel ch.
template <typename T>
void normalize(const BatchNormCall& c, const T* in, T* out, int64_t ch, double mean, double invstd, const T* weight, const T* bias) {
  const T scale = static_cast<T>(invstd * (weight ? double(weight[ch]) : 1.0));
  const T shift = static_cast<T>((bias ? double(bias[ch]) : 0.0) - mean * double(scale));
  for (int64_t n = 0; n < c.batch; n++) {
    const int64_t at = (n * c.channels + ch) * c.spatial;
    const T* x = in + at;
    T* y = out + at;
    affine(x, y, c.spatial, scale, shift);
  }
}

template <typename T>
void train(const BatchNormCall& c, const T* in, const T* weight, const T* bias, T* out, T* saveMean, T* saveInvstd, T* runMean,
           T* runVar) {
  const int64_t count = c.batch * c.spatial;
  overChannels(c, [&](int64_t ch) {
    const T k = count > 0 ? in[ch * c.spatial] : T(0);
    double s1 = 0, s2 = 0;
    forEachRow(c, in, ch, [&](const T* x) { shiftedSums(x, c.spatial, k, s1, s2); });
    const double shift = count > 0 ? s1 / double(count) : 0.0, mean = double(k) + shift;
    const double raw = s2 - s1 * shift, sq = raw < 0 ? 0.0 : raw;  // Σ (x - mean)², NaN kept
    const double var = count > 0 ? sq / double(count) : 0.0;
    const double invstd = 1.0 / std::sqrt(var + c.eps);
    saveMean[ch] = static_cast<T>(mean);
    saveInvstd[ch] = static_cast<T>(invstd);
    if (runMean) runMean[ch] = static_cast<T>((1 - c.momentum) * double(runMean[ch]) + c.momentum * mean);
    if (runVar) {
      const double unbiased = count > 1 ? sq / double(count - 1) : var;
      runVar[ch] = static_cast<T>((1 - c.momentum) * double(runVar[ch]) + c.momentum * unbiased);
    }
    normalize(c, in, out, ch, mean, invstd, weight, bias);
  });
}

template <typename T>
void eval(const BatchNormCall& c, const T* in, const T* weight, const T* bias, const T* runMean, const T* runVar, T* out) {
  overChannels(c, [&](int64_t ch) {
    normalize(c, in, out, ch, double(runMean[ch]), 1.0 / std::sqrt(double(runVar[ch]) + c.eps), weight, bias);
  });
}

template <typename T>
void backward(const BatchNormCall& c, bool training, const T* in, const T* gradOut, const T* weight, const T* mean, const T* invstd,
              T* gradIn, T* gradWeight, T* gradBias, double scale) {
  const int64_t count = c.batch * c.spatial;
  overChannels(c, [&](int64_t ch) {
    const double m = mean[ch], is = invstd[ch], w = weight ? double(weight[ch]) : 1.0;
    // Σ g and Σ g * (x - mean), read together.
    double sg = 0, sgx = 0;
    for (int64_t n = 0; n < c.batch; n++) {
      const int64_t at = (n * c.channels + ch) * c.spatial;
      gradSums(in + at, gradOut + at, c.spatial, static_cast<T>(m), sg, sgx);
    }
    if (gradIn) {
      // Training: gx = w*invstd * (g - mean(g) - xhat * mean(g*xhat)); evaluation: the statistics are constants.
      const double k = w * is;
      const double meanG = training && count > 0 ? sg / double(count) : 0.0;
      const double proj = training && count > 0 ? sgx * is * is / double(count) : 0.0;
      for (int64_t n = 0; n < c.batch; n++) {
        const int64_t at = (n * c.channels + ch) * c.spatial;
        const T *x = in + at, *g = gradOut + at;
        T* gx = gradIn + at;
        const T a = static_cast<T>(k), b = static_cast<T>(-k * meanG + k * proj * m), p = static_cast<T>(-k * proj);
        affine2(g, x, gx, c.spatial, a, p, b);
      }
    }
    if (gradWeight) gradWeight[ch] += static_cast<T>(scale * sgx * is);
    if (gradBias) gradBias[ch] += static_cast<T>(scale * sg);
  });
}

}  // namespace

void batchNormTrain(const BatchNormCall& c, const void* input, const void* weight, const void* bias, void* output, void* saveMean,
                    void* saveInvstd, void* runningMean, void* runningVar) {
  if (c.dtype == DType::F64)
    train(c, static_cast<const double*>(input), static_cast<const double*>(weight), static_cast<const double*>(bias), static_cast<double*>(output),
          static_cast<double*>(saveMean), static_cast<double*>(saveInvstd), static_cast<double*>(runningMean), static_cast<double*>(runningVar));
  else
    train(c, static_cast<const float*>(input), static_cast<const float*>(weight), static_cast<const float*>(bias), static_cast<float*>(output),
          static_cast<float*>(saveMean), static_cast<float*>(saveInvstd), static_cast<float*>(runningMean), static_cast<float*>(runningVar));
}

void batchNormEval(const BatchNormCall& c, const void* input, const void* weight, const void* bias, const void* runningMean,
                   const void* runningVar, void* output) {
  if (c.dtype == DType::F64)
    eval(c, static_cast<const double*>(input), static_cast<const double*>(weight), static_cast<const double*>(bias),
         static_cast<const double*>(runningMean), static_cast<const double*>(runningVar), static_cast<double*>(output));
  else
    eval(c, static_cast<const float*>(input), static_cast<const float*>(weight), static_cast<const float*>(bias),
         static_cast<const float*>(runningMean), static_cast<const float*>(runningVar), static_cast<float*>(output));
}

void batchNormBackward(const BatchNormCall& c, bool training, const void* input, const void* gradOutput, const void* weight,
                       const void* saveMean, const void* saveInvstd, void* gradInput, void* gradWeight, void* gradBias, double scale) {
  if (c.dtype == DType::F64)
    backward(c, training, static_cast<const double*>(input), static_cast<const double*>(gradOutput), static_cast<const double*>(weight),
             static_cast<const double*>(saveMean), static_cast<const double*>(saveInvstd), static_cast<double*>(gradInput),
             static_cast<double*>(gradWeight), static_cast<double*>(gradBias), scale);
  else
    backward(c, training, static_cast<const float*>(input), static_cast<const float*>(gradOutput), static_cast<const float*>(weight),
             static_cast<const float*>(saveMean), static_cast<const float*>(saveInvstd), static_cast<float*>(gradInput),
             static_cast<float*>(gradWeight), static_cast<float*>(gradBias), scale);
}

}  // namespace torch_native::nn
