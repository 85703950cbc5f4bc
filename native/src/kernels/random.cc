// mt19937 generator state, Philox4x32-10 streams and the samplers (see random.h for the scheme).
//
// The hot loops are compiled twice (baseline x86-64 and AVX2, picked at load through target_clones)
// and written with arithmetic, selects and bit casts only, so the compiler vectorises them. Neither
// clone contracts a*b+c into an FMA, and every operation used is exactly rounded IEEE arithmetic, so
// both clones (and every thread split) give bit-identical numbers. (No trapping math: FP exception
// flags are never read, and without it GCC will not if-convert the selects in log and sin/cos.)
#pragma GCC optimize("fp-contract=off", "no-trapping-math")

#include "random.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <vector>

#include "cast.h"
#include "threadpool.h"
#include "vecmath.h"
#if defined(__x86_64__)
#include <immintrin.h>
#endif

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define TN_RANDOM_CLONES __attribute__((target_clones("avx2", "default"), flatten))
#else
#define TN_RANDOM_CLONES
#endif

namespace torch_native {

// ---- mt19937 ---------------------------------------------------------------------------------------

void mtSeed(uint32_t* s, uint64_t seed) {
  s[0] = static_cast<uint32_t>(seed);
  for (int i = 1; i < 624; i++) s[i] = 1812433253u * (s[i - 1] ^ (s[i - 1] >> 30)) + static_cast<uint32_t>(i);
  s[624] = 624;
}

uint32_t mtNext(uint32_t* s) {
  uint32_t& index = s[624];
  if (index >= 624) {
    for (int i = 0; i < 624; i++) {
      uint32_t y = (s[i] & 0x80000000u) | (s[(i + 1) % 624] & 0x7fffffffu);
      s[i] = s[(i + 397) % 624] ^ (y >> 1) ^ ((y & 1u) ? 0x9908b0dfu : 0u);
    }
    index = 0;
  }
  uint32_t y = s[index++];
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  y ^= y >> 18;
  return y;
}

double mtUniform(uint32_t* s) {
  uint64_t a = mtNext(s) >> 5, b = mtNext(s) >> 6;
  return (static_cast<double>(a) * 67108864.0 + static_cast<double>(b)) * (1.0 / 9007199254740992.0);
}

PhiloxKey philoxKeyFrom(uint32_t* s) {
  PhiloxKey k;
  k.k0 = mtNext(s);
  k.k1 = mtNext(s);
  k.n0 = mtNext(s);
  k.n1 = mtNext(s);
  return k;
}

// ---- Philox4x32-10 -----------------------------------------------------------------------------------

namespace {

constexpr uint32_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u, kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;
constexpr int kLanes = 16;  // blocks computed together (structure of arrays, so the rounds vectorise)

// Words 4*block0 .. 4*(block0 + 16) - 1 of the stream, in order (portable version).
void philox16Scalar(const PhiloxKey& k, uint64_t block0, uint32_t* out) {
  uint32_t c0[kLanes], c1[kLanes], c2[kLanes], c3[kLanes];
  for (int j = 0; j < kLanes; j++) {
    const uint64_t b = block0 + static_cast<uint64_t>(j);
    c0[j] = static_cast<uint32_t>(b);
    c1[j] = static_cast<uint32_t>(b >> 32);
    c2[j] = k.n0;
    c3[j] = k.n1;
  }
  uint32_t k0 = k.k0, k1 = k.k1;
  for (int r = 0; r < 10; r++) {
    for (int j = 0; j < kLanes; j++) {
      const uint64_t p0 = static_cast<uint64_t>(c0[j]) * kM0, p1 = static_cast<uint64_t>(c2[j]) * kM1;
      const uint32_t n0 = static_cast<uint32_t>(p1 >> 32) ^ c1[j] ^ k0, n1 = static_cast<uint32_t>(p1);
      const uint32_t n2 = static_cast<uint32_t>(p0 >> 32) ^ c3[j] ^ k1, n3 = static_cast<uint32_t>(p0);
      c0[j] = n0;
      c1[j] = n1;
      c2[j] = n2;
      c3[j] = n3;
    }
    k0 += kW0;
    k1 += kW1;
  }
  for (int j = 0; j < kLanes; j++) {
    out[4 * j] = c0[j];
    out[4 * j + 1] = c1[j];
    out[4 * j + 2] = c2[j];
    out[4 * j + 3] = c3[j];
  }
}

#if defined(__x86_64__) && defined(__GNUC__)
// The same with AVX2: 8 blocks per register, 32x32 -> 64-bit products on even and odd lanes.
__attribute__((target("avx2"))) inline void mulHiLo8(__m256i a, __m256i m, __m256i& hi, __m256i& lo) {
  const __m256i pe = _mm256_mul_epu32(a, m);                          // lanes 0, 2, 4, 6
  const __m256i po = _mm256_mul_epu32(_mm256_srli_epi64(a, 32), m);  // lanes 1, 3, 5, 7
  lo = _mm256_blend_epi32(pe, _mm256_slli_epi64(po, 32), 0xAA);
  hi = _mm256_blend_epi32(_mm256_srli_epi64(pe, 32), po, 0xAA);
}

__attribute__((target("avx2"))) void philox16Avx2(const PhiloxKey& k, uint64_t block0, uint32_t* out) {
  const __m256i m0 = _mm256_set1_epi32(static_cast<int>(kM0)), m1 = _mm256_set1_epi32(static_cast<int>(kM1));
  __m256i c0[2], c1[2], c2[2], c3[2];
  for (int h = 0; h < 2; h++) {
    alignas(32) uint32_t lo[8], hi[8];
    for (int j = 0; j < 8; j++) {
      const uint64_t b = block0 + static_cast<uint64_t>(8 * h + j);
      lo[j] = static_cast<uint32_t>(b);
      hi[j] = static_cast<uint32_t>(b >> 32);
    }
    c0[h] = _mm256_load_si256(reinterpret_cast<const __m256i*>(lo));
    c1[h] = _mm256_load_si256(reinterpret_cast<const __m256i*>(hi));
    c2[h] = _mm256_set1_epi32(static_cast<int>(k.n0));
    c3[h] = _mm256_set1_epi32(static_cast<int>(k.n1));
  }
  uint32_t k0 = k.k0, k1 = k.k1;
  for (int r = 0; r < 10; r++) {
    const __m256i vk0 = _mm256_set1_epi32(static_cast<int>(k0)), vk1 = _mm256_set1_epi32(static_cast<int>(k1));
    for (int h = 0; h < 2; h++) {
      __m256i hi0, lo0, hi1, lo1;
      mulHiLo8(c0[h], m0, hi0, lo0);
      mulHiLo8(c2[h], m1, hi1, lo1);
      c0[h] = _mm256_xor_si256(_mm256_xor_si256(hi1, c1[h]), vk0);
      c1[h] = lo1;
      c2[h] = _mm256_xor_si256(_mm256_xor_si256(hi0, c3[h]), vk1);
      c3[h] = lo0;
    }
    k0 += kW0;
    k1 += kW1;
  }
  // Transpose to block order: out[4j + w] = c_w[j].
  for (int h = 0; h < 2; h++) {
    const __m256i t0 = _mm256_unpacklo_epi32(c0[h], c1[h]), t1 = _mm256_unpackhi_epi32(c0[h], c1[h]);
    const __m256i t2 = _mm256_unpacklo_epi32(c2[h], c3[h]), t3 = _mm256_unpackhi_epi32(c2[h], c3[h]);
    const __m256i r0 = _mm256_unpacklo_epi64(t0, t2), r1 = _mm256_unpackhi_epi64(t0, t2);
    const __m256i r2 = _mm256_unpacklo_epi64(t1, t3), r3 = _mm256_unpackhi_epi64(t1, t3);
    // r0 = blocks 0 and 4, r1 = 1 and 5, r2 = 2 and 6, r3 = 3 and 7 (128-bit halves).
    __m256i* o = reinterpret_cast<__m256i*>(out + 32 * h);
    _mm256_storeu_si256(o + 0, _mm256_permute2x128_si256(r0, r1, 0x20));
    _mm256_storeu_si256(o + 1, _mm256_permute2x128_si256(r2, r3, 0x20));
    _mm256_storeu_si256(o + 2, _mm256_permute2x128_si256(r0, r1, 0x31));
    _mm256_storeu_si256(o + 3, _mm256_permute2x128_si256(r2, r3, 0x31));
  }
}
#endif

using PhiloxFn = void (*)(const PhiloxKey&, uint64_t, uint32_t*);

PhiloxFn pickPhilox() {
#if defined(__x86_64__) && defined(__GNUC__)
  __builtin_cpu_init();  // may run before the runtime's own constructor
  if (__builtin_cpu_supports("avx2")) return philox16Avx2;
#endif
  return philox16Scalar;
}

const PhiloxFn philox16 = pickPhilox();

// Words [firstWord, firstWord + count) into out (which must hold count + 67 words: generation runs in
// whole groups of 16 blocks). Returns where word firstWord landed in out.
inline uint32_t* streamWords(const PhiloxKey& k, uint64_t firstWord, int64_t count, uint32_t* out) {
  const uint64_t block0 = firstWord / 4;
  const int64_t skip = static_cast<int64_t>(firstWord % 4);
  const int64_t blocks = (skip + count + 3) / 4;
  for (int64_t b = 0; b < blocks; b += kLanes) philox16(k, block0 + static_cast<uint64_t>(b), out + 4 * b);
  return out + skip;
}

inline uint64_t pairAt(const uint32_t* w, int64_t i) {
  return static_cast<uint64_t>(w[2 * i]) | (static_cast<uint64_t>(w[2 * i + 1]) << 32);
}

// Uniform numbers from random words. Conversions go through signed integers (which SSE/AVX convert
// natively) or exponent bit tricks, so they vectorise.
inline float unitFloat24(uint32_t w) { return static_cast<float>(static_cast<int32_t>(w >> 8)) * 0x1p-24f; }  // [0, 1)
inline float openFloat31(uint32_t w) {  // (0, 1]: never 0, so its log is finite
  return static_cast<float>(static_cast<int32_t>(w >> 1)) * 0x1p-31f + 0x1p-32f;
}
inline double unitDouble52(uint64_t x) {  // [0, 1), multiples of 2^-52
  return std::bit_cast<double>((x >> 12) | 0x3FF0000000000000ull) - 1.0;
}
inline double openDouble(uint64_t x) { return unitDouble52(x) + 0x1p-53; }  // (0, 1), exact

// log for x in (0, 1] and finite positive doubles: x = m 2^e with m in [sqrt(1/2), sqrt(2)),
// log(m) = 2 atanh((m - 1) / (m + 1)) by its series. Arithmetic only, so it vectorises.
inline double logPositive(double x) {
  const int64_t bits = std::bit_cast<int64_t>(x);
  int64_t e = ((bits >> 52) & 0x7ff) - 1023;
  double m = std::bit_cast<double>((bits & 0x000fffffffffffffll) | 0x3ff0000000000000ll);
  const bool big = m > 1.4142135623730951;
  m = big ? m * 0.5 : m;
  e = big ? e + 1 : e;
  const double f = (m - 1.0) / (m + 1.0), f2 = f * f;
  double p = 1.0 / 21;
  p = p * f2 + 1.0 / 19;
  p = p * f2 + 1.0 / 17;
  p = p * f2 + 1.0 / 15;
  p = p * f2 + 1.0 / 13;
  p = p * f2 + 1.0 / 11;
  p = p * f2 + 1.0 / 9;
  p = p * f2 + 1.0 / 7;
  p = p * f2 + 1.0 / 5;
  p = p * f2 + 1.0 / 3;
  p = p * f2 + 1.0;
  const double ef = static_cast<double>(static_cast<int32_t>(e));
  return (2.0 * f * p + ef * vecmath::kLn2Lo) + ef * vecmath::kLn2Hi;
}

// sin and cos of 2 pi u for u in [0, 1): quadrant from round(4u) (exact), then Taylor series on
// [-pi/4, pi/4] (float: error < 2e-9; double: < 1e-19, before rounding).
template <class T>
inline void sinCos2Pi(T u, T& s, T& c) {
  const T t = u * T(4);
  const int32_t q = static_cast<int32_t>(t + T(0.5));
  const T x = (t - static_cast<T>(q)) * T(1.5707963267948966);
  const T x2 = x * x;
  T ps, pc;
  if constexpr (sizeof(T) == 4) {
    ps = T(1.0 / 362880);
    ps = ps * x2 - T(1.0 / 5040);
    ps = ps * x2 + T(1.0 / 120);
    ps = ps * x2 - T(1.0 / 6);
    pc = T(-1.0 / 3628800);
    pc = pc * x2 + T(1.0 / 40320);
    pc = pc * x2 - T(1.0 / 720);
    pc = pc * x2 + T(1.0 / 24);
    pc = pc * x2 - T(0.5);
  } else {
    ps = T(1.0 / 355687428096000.0);
    ps = ps * x2 - T(1.0 / 1307674368000.0);
    ps = ps * x2 + T(1.0 / 6227020800.0);
    ps = ps * x2 - T(1.0 / 39916800.0);
    ps = ps * x2 + T(1.0 / 362880.0);
    ps = ps * x2 - T(1.0 / 5040.0);
    ps = ps * x2 + T(1.0 / 120.0);
    ps = ps * x2 - T(1.0 / 6.0);
    pc = T(1.0 / 6402373705728000.0);
    pc = pc * x2 - T(1.0 / 20922789888000.0);
    pc = pc * x2 + T(1.0 / 87178291200.0);
    pc = pc * x2 - T(1.0 / 479001600.0);
    pc = pc * x2 + T(1.0 / 3628800.0);
    pc = pc * x2 - T(1.0 / 40320.0);
    pc = pc * x2 + T(1.0 / 720.0);
    pc = pc * x2 - T(1.0 / 24.0);
    pc = pc * x2 + T(0.5);
    pc = -pc;
  }
  const T sx = x + x * x2 * ps, cx = T(1) + x2 * pc;
  const int32_t qm = q & 3;
  s = qm == 0 ? sx : (qm == 1 ? cx : (qm == 2 ? -sx : -cx));
  c = qm == 0 ? cx : (qm == 1 ? -sx : (qm == 2 ? -cx : sx));
}

// ---- sampling by chunks ----------------------------------------------------------------------------

constexpr int64_t kChunk = 512;       // elements per chunk (a multiple of 4, so chunks start on a block)
constexpr int64_t kGrainChunks = 32;  // chunks per thread at least

struct Job {
  PhiloxKey key;
  Dist dist;
  SampleParams p;
  char* out;
  DType dtype;
  int64_t n;
};

// Words per element of a job.
inline int wordsPerElement(Dist d, DType t) {
  return (d == Dist::Uniform || d == Dist::Normal) && (t == DType::F32 || t == DType::F16) ? 1 : 2;
}

double dtypeMax(DType t) {
  switch (t) {
    case DType::I64: return 9223372036854775807.0;  // rounds to 2^63, clamped separately
    case DType::I32: return 2147483647.0;
    case DType::I16: return 32767.0;
    case DType::I8: return 127.0;
    case DType::U8: return 255.0;
    case DType::Bool: return 1.0;
    default: return INFINITY;
  }
}

// Float32 values of [from, to) for float32/float16 targets.
inline float uniformFloat(uint32_t w, double from, double span) {
  return static_cast<float>(from + static_cast<double>(unitFloat24(w)) * span);
}

// The largest value of the target dtype below `to` (uniform_ must stay below `to` after rounding).
float belowF32(double to) { return std::nextafter(static_cast<float>(to), -INFINITY); }

TN_RANDOM_CLONES
void runChunk(const Job& job, int64_t chunk) {
  const int64_t e0 = chunk * kChunk;
  const int64_t m = std::min(kChunk, job.n - e0);
  const int wpe = wordsPerElement(job.dist, job.dtype);
  alignas(64) uint32_t wbuf[2 * kChunk + 80];
  const uint32_t* w = streamWords(job.key, static_cast<uint64_t>(e0) * wpe, m * wpe + 1, wbuf);
  const int size = itemSize(job.dtype);
  char* out = job.out + e0 * size;
  const double a = job.p.a, b = job.p.b;
  alignas(64) double dbuf[kChunk + 1];
  alignas(64) float fbuf[kChunk + 1];

  switch (job.dist) {
    case Dist::Uniform: {
      const double span = b - a;
      if (job.dtype == DType::F64) {
        double* o = reinterpret_cast<double*>(out);
        for (int64_t i = 0; i < m; i++) {
          const double v = a + unitDouble52(pairAt(w, i)) * span;
          o[i] = v;
        }
        if (span > 0)
          for (int64_t i = 0; i < m; i++)
            if (o[i] >= b) o[i] = std::max(a, std::nextafter(b, -INFINITY));
        return;
      }
      if (job.dtype == DType::F32) {
        float* o = reinterpret_cast<float*>(out);
        for (int64_t i = 0; i < m; i++) o[i] = uniformFloat(w[i], a, span);
        if (span > 0) {
          const float top = static_cast<float>(b), low = static_cast<float>(a), below = std::max(low, belowF32(b));
          for (int64_t i = 0; i < m; i++) o[i] = o[i] >= top ? below : o[i];
        }
        return;
      }
      // float16: round once from double, then keep below `to`.
      uint16_t* o = reinterpret_cast<uint16_t*>(out);
      const uint16_t topH = floatToHalf(static_cast<float>(b));
      const float top = halfToFloat(topH);
      for (int64_t i = 0; i < m; i++) {
        uint16_t h = floatToHalf(static_cast<float>(a + static_cast<double>(unitFloat24(w[i])) * span));
        if (span > 0 && halfToFloat(h) >= top && halfToFloat(h) > static_cast<float>(a)) {
          // The float16 just below `to` (to > 0: one step down in bits; to <= 0: one step away from zero).
          const uint16_t below = top > 0 ? static_cast<uint16_t>(topH - 1) : (top == 0 ? 0x8001 : static_cast<uint16_t>(topH + 1));
          h = halfToFloat(below) >= static_cast<float>(a) ? below : floatToHalf(static_cast<float>(a));
        }
        o[i] = h;
      }
      return;
    }
    case Dist::Normal: {
      if (job.dtype == DType::F64) {
        double* o = reinterpret_cast<double*>(out);
        const int64_t pairs = (m + 1) / 2;
        for (int64_t k = 0; k < pairs; k++) {
          const double u1 = openDouble(pairAt(w, 2 * k)), u2 = unitDouble52(pairAt(w, 2 * k + 1));
          const double r = std::sqrt(-2.0 * logPositive(u1));
          double s, c;
          sinCos2Pi(u2, s, c);
          dbuf[2 * k] = a + b * (r * c);
          dbuf[2 * k + 1] = a + b * (r * s);
        }
        std::memcpy(o, dbuf, m * sizeof(double));
        return;
      }
      const float fa = static_cast<float>(a), fb = static_cast<float>(b);
      const int64_t pairs = (m + 1) / 2;
      for (int64_t k = 0; k < pairs; k++) {
        const float u1 = openFloat31(w[2 * k]), u2 = unitFloat24(w[2 * k + 1]);
        const float r = std::sqrt(-2.0f * vecmath::log(u1));
        float s, c;
        sinCos2Pi(u2, s, c);
        fbuf[2 * k] = fa + fb * (r * c);
        fbuf[2 * k + 1] = fa + fb * (r * s);
      }
      if (job.dtype == DType::F32) std::memcpy(out, fbuf, m * sizeof(float));
      else gatherCast(reinterpret_cast<const char*>(fbuf), DType::F32, 1, out, job.dtype, m);
      return;
    }
    case Dist::Exponential:
      for (int64_t i = 0; i < m; i++) dbuf[i] = -logPositive(openDouble(pairAt(w, i))) / a;
      break;
    case Dist::Geometric: {
      const double scale = 1.0 / std::log1p(-a), cap = dtypeMax(job.dtype);
      for (int64_t i = 0; i < m; i++) {
        const double v = std::ceil(logPositive(openDouble(pairAt(w, i))) * scale);
        dbuf[i] = v < 1 ? 1 : (v > cap ? cap : v);
      }
      if (job.dtype == DType::I64) {  // exact int64 saturation (2^63 does not fit)
        int64_t* o = reinterpret_cast<int64_t*>(out);
        for (int64_t i = 0; i < m; i++)
          o[i] = dbuf[i] >= 9223372036854775807.0 ? std::numeric_limits<int64_t>::max() : static_cast<int64_t>(dbuf[i]);
        return;
      }
      break;
    }
    case Dist::Cauchy:
      for (int64_t i = 0; i < m; i++) dbuf[i] = a + b * std::tan(M_PI * (openDouble(pairAt(w, i)) - 0.5));
      break;
    case Dist::LogNormal: {
      const int64_t pairs = (m + 1) / 2;
      for (int64_t k = 0; k < pairs; k++) {
        const double u1 = openDouble(pairAt(w, 2 * k)), u2 = unitDouble52(pairAt(w, 2 * k + 1));
        const double r = std::sqrt(-2.0 * logPositive(u1));
        double s, c;
        sinCos2Pi(u2, s, c);
        dbuf[2 * k] = vecmath::exp(a + b * (r * c));
        dbuf[2 * k + 1] = vecmath::exp(a + b * (r * s));
      }
      break;
    }
    case Dist::Bernoulli:
      for (int64_t i = 0; i < m; i++) dbuf[i] = unitDouble52(pairAt(w, i)) < a ? 1.0 : 0.0;
      break;
    case Dist::RandomInt: {
      alignas(64) int64_t ibuf[kChunk];
      const uint64_t range = job.p.range, from = static_cast<uint64_t>(job.p.from);
      for (int64_t i = 0; i < m; i++) {
        const uint64_t x = pairAt(w, i);
        const uint64_t v = range == 0 ? x : static_cast<uint64_t>((static_cast<unsigned __int128>(x) * range) >> 64);
        ibuf[i] = static_cast<int64_t>(from + v);  // wraps mod 2^64, i.e. exact for in-range results
      }
      if (job.dtype == DType::I64) std::memcpy(out, ibuf, m * sizeof(int64_t));
      else gatherCast(reinterpret_cast<const char*>(ibuf), DType::I64, 1, out, job.dtype, m);
      return;
    }
  }
  if (job.dtype == DType::F64) std::memcpy(out, dbuf, m * sizeof(double));
  else gatherCast(reinterpret_cast<const char*>(dbuf), DType::F64, 1, out, job.dtype, m);
}

inline int64_t chunksOf(int64_t n) { return (n + kChunk - 1) / kChunk; }

// Word pairs [first, first + count) as uint64 (any alignment).
void pairsAt(const PhiloxKey& k, uint64_t first, int64_t count, uint64_t* out) {
  constexpr int64_t kBatch = 256;
  alignas(64) uint32_t wbuf[2 * kBatch + 80];
  for (int64_t done = 0; done < count; done += kBatch) {
    const int64_t m = std::min(kBatch, count - done);
    const uint32_t* w = streamWords(k, 2 * (first + static_cast<uint64_t>(done)), 2 * m, wbuf);
    for (int64_t i = 0; i < m; i++) out[done + i] = pairAt(w, i);
  }
}

}  // namespace

void philoxBlock(uint32_t c0, uint32_t c1, uint32_t c2, uint32_t c3, uint32_t k0, uint32_t k1, uint32_t out[4]) {
  // One block through the same rounds as philox16 (counter words 2, 3 come from the key's nonce).
  PhiloxKey k{k0, k1, c2, c3};
  alignas(64) uint32_t buf[4 * kLanes];
  philox16(k, static_cast<uint64_t>(c0) | (static_cast<uint64_t>(c1) << 32), buf);
  std::memcpy(out, buf, 4 * sizeof(uint32_t));
}

void sample(const PhiloxKey& key, Dist dist, const SampleParams& params, char* out, DType dtype, int64_t n) {
  if (n <= 0) return;
  const Job job{key, dist, params, out, dtype, n};
  parallelFor(chunksOf(n), kGrainChunks, [&](int64_t c0, int64_t c1) {
    for (int64_t c = c0; c < c1; c++) runChunk(job, c);
  });
}

int64_t firstBadProbability(const char* p, DType pType, int64_t n) {
  for (int64_t i = 0; i < n; i++) {
    const double v = pType == DType::F64 ? reinterpret_cast<const double*>(p)[i] : static_cast<double>(reinterpret_cast<const float*>(p)[i]);
    if (!(v >= 0 && v <= 1)) return i;
  }
  return -1;
}

void bernoulliTensor(const PhiloxKey& key, const char* p, DType pType, char* out, DType dtype, int64_t n) {
  const int size = itemSize(dtype);
  parallelFor(chunksOf(n), kGrainChunks, [&](int64_t c0, int64_t c1) {
    alignas(64) uint64_t x[kChunk];
    alignas(64) double d[kChunk];
    for (int64_t c = c0; c < c1; c++) {
      const int64_t e0 = c * kChunk, m = std::min(kChunk, n - e0);
      pairsAt(key, static_cast<uint64_t>(e0), m, x);
      if (pType == DType::F64) {
        const double* pp = reinterpret_cast<const double*>(p) + e0;
        for (int64_t i = 0; i < m; i++) d[i] = unitDouble52(x[i]) < pp[i] ? 1.0 : 0.0;
      } else {
        const float* pp = reinterpret_cast<const float*>(p) + e0;
        for (int64_t i = 0; i < m; i++) d[i] = unitDouble52(x[i]) < static_cast<double>(pp[i]) ? 1.0 : 0.0;
      }
      gatherCast(reinterpret_cast<const char*>(d), DType::F64, 1, out + e0 * size, dtype, m);
    }
  });
}

void randperm(const PhiloxKey& key, int64_t n, char* out, DType dtype) {
  if (n <= 0) return;
  std::vector<int64_t> tmp;
  int64_t* a;
  if (dtype == DType::I64) {
    a = reinterpret_cast<int64_t*>(out);
  } else {
    tmp.resize(static_cast<size_t>(n));
    a = tmp.data();
  }
  std::iota(a, a + n, int64_t{0});
  // Step i (i = n-1 .. 1) swaps a[i] with a[j], j uniform in [0, i], from word pair i.
  constexpr int64_t kBatch = 512;
  uint64_t x[kBatch];
  for (int64_t hi = n - 1; hi >= 1; hi -= kBatch) {
    const int64_t lo = std::max<int64_t>(1, hi - kBatch + 1);
    pairsAt(key, static_cast<uint64_t>(lo), hi - lo + 1, x);
    for (int64_t i = hi; i >= lo; i--) {
      const uint64_t j = static_cast<uint64_t>((static_cast<unsigned __int128>(x[i - lo]) * static_cast<uint64_t>(i + 1)) >> 64);
      std::swap(a[i], a[j]);
    }
  }
  if (dtype != DType::I64) gatherCast(reinterpret_cast<const char*>(a), DType::I64, 1, out, dtype, n);
}

int multinomialCheck(const double* probs, int64_t rows, int64_t cats, int64_t numSamples, bool replacement, int64_t* badRow) {
  for (int64_t r = 0; r < rows; r++) {
    const double* p = probs + r * cats;
    double sum = 0;
    int64_t nonzero = 0;
    *badRow = r;
    for (int64_t c = 0; c < cats; c++) {
      if (!(p[c] >= 0)) return 1;
      if (p[c] == INFINITY) return 2;
      sum += p[c];
      nonzero += p[c] > 0;
    }
    if (!(sum > 0)) return 3;
    if (!replacement && nonzero < numSamples) return 4;
  }
  return 0;
}

void multinomial(const PhiloxKey& key, const double* probs, int64_t rows, int64_t cats, int64_t numSamples,
                 bool replacement, int64_t* out) {
  const int64_t grain = std::max<int64_t>(1, 32768 / std::max<int64_t>(1, cats * (replacement ? 1 : 4) + numSamples));
  parallelFor(rows, grain, [&](int64_t r0, int64_t r1) {
    std::vector<double> work(static_cast<size_t>(cats));
    std::vector<uint64_t> x(static_cast<size_t>(replacement ? numSamples : cats));
    std::vector<int64_t> order;
    for (int64_t r = r0; r < r1; r++) {
      const double* p = probs + r * cats;
      int64_t* o = out + r * numSamples;
      if (replacement) {
        double acc = 0;
        int64_t last = 0;
        for (int64_t c = 0; c < cats; c++) {
          acc += p[c];
          work[c] = acc;
          if (p[c] > 0) last = c;
        }
        pairsAt(key, static_cast<uint64_t>(r * numSamples), numSamples, x.data());
        for (int64_t s = 0; s < numSamples; s++) {
          const double u = unitDouble52(x[s]) * acc;
          const int64_t c = std::upper_bound(work.begin(), work.end(), u) - work.begin();
          o[s] = c < cats ? c : last;
        }
      } else {
        // Exponential races: category c finishes at Exp(1) / p_c; the first numSamples to finish, in
        // order, are a draw without replacement (zero-probability categories never finish).
        pairsAt(key, static_cast<uint64_t>(r * cats), cats, x.data());
        order.clear();
        for (int64_t c = 0; c < cats; c++) {
          if (p[c] > 0) {
            work[c] = -logPositive(openDouble(x[c])) / p[c];
            order.push_back(c);
          }
        }
        auto earlier = [&](int64_t i, int64_t j) { return work[i] < work[j] || (work[i] == work[j] && i < j); };
        std::partial_sort(order.begin(), order.begin() + numSamples, order.end(), earlier);
        for (int64_t s = 0; s < numSamples; s++) o[s] = order[s];
      }
    }
  });
}

}  // namespace torch_native
