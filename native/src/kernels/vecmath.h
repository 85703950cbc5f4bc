// exp, log, expm1, tanh and sigmoid written only with arithmetic, selects and bit casts, so that GCC
// vectorises the loops that call them (libm's scalar calls block vectorisation). Range reduction plus
// short polynomials; errors are a few ulp, NaN/Inf/subnormals/-0 are handled like libm.
#pragma once
#include <bit>
#include <cmath>
#include <cstdint>

namespace torch_native::vecmath {

// ln 2 split so that k * kLn2Hi is exact for the k that occur (Cody-Waite reduction).
constexpr float kLn2HiF = 0.693359375f;
constexpr float kLn2LoF = -2.12194440e-4f;
constexpr double kLn2Hi = 6.93147180369123816490e-01;
constexpr double kLn2Lo = 1.90821492927058770002e-10;
// 1.5 * 2^52: adding and subtracting it rounds a double to an integer, and while the sum is held its
// low mantissa bits are that integer. Used instead of double <-> int64 conversions, which x86 has no
// vector instructions for below AVX-512, so that double loops vectorise on AVX2 too.
constexpr double kRoundMagic = 6755399441055744.0;

/** 2^k for an integral double k in [-1022, 1023]. */
inline double pow2(double k) {
  int64_t biased = std::bit_cast<int64_t>(k + (kRoundMagic + 1023)) - std::bit_cast<int64_t>(kRoundMagic);
  return std::bit_cast<double>(biased << 52);
}

inline float exp(float x) {
  const float hi = 88.72283935546875f, lo = -103.972084045410156f;
  float xc = x > hi ? hi : (x < lo ? lo : x);
  // k = round(x / ln2) with the 1.5 * 2^23 trick (exact for |k| < 2^22, vectorises without SSE4.1).
  float k = (xc * 1.44269504088896341f + 12582912.0f) - 12582912.0f;
  float r = (xc - k * kLn2HiF) - k * kLn2LoF;  // |r| <= 0.35
  // Taylor series of e^r to r^7: the first omitted term is below 6e-9 relative.
  float p = 1.0f / 5040;
  p = p * r + 1.0f / 720;
  p = p * r + 1.0f / 120;
  p = p * r + 1.0f / 24;
  p = p * r + 1.0f / 6;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  // Scale by 2^k in two factors so subnormal results and k = 128 stay representable.
  int32_t ki = static_cast<int32_t>(k);
  int32_t k1 = ki >> 1, k2 = ki - k1;
  float s1 = std::bit_cast<float>((k1 + 127) << 23), s2 = std::bit_cast<float>((k2 + 127) << 23);
  float y = p * s1 * s2;
  y = x > hi ? INFINITY : (x < lo ? 0 : y);
  return x != x ? x : y;
}

inline double exp(double x) {
  const double hi = 709.782712893383973, lo = -745.133219101941108;
  double xc = x > hi ? hi : (x < lo ? lo : x);
  double k = (xc * 1.44269504088896340736 + kRoundMagic) - kRoundMagic;
  double r = (xc - k * kLn2Hi) - k * kLn2Lo;
  // Taylor series to r^13: the first omitted term is below 5e-18 relative.
  double p = 1.0 / 6227020800.0;
  p = p * r + 1.0 / 479001600.0;
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;
  // 2^k in two factors (k1 + k2 = k) so subnormal results and k = 1024 stay representable.
  double k1 = (k * 0.5 + kRoundMagic) - kRoundMagic;
  double y = p * pow2(k1) * pow2(k - k1);
  y = x > hi ? INFINITY : (x < lo ? 0 : y);
  return x != x ? x : y;
}

inline float log(float x) {
  // x = m * 2^e with m in [sqrt(1/2), sqrt(2)); subnormals are scaled up by 2^23 first.
  const bool sub = x < 1.17549435e-38f;
  float xs = sub ? x * 8388608.0f : x;
  int32_t bits = std::bit_cast<int32_t>(xs);
  int32_t e = ((bits >> 23) & 0xff) - 127 - (sub ? 23 : 0);
  float m = std::bit_cast<float>((bits & 0x007fffff) | 0x3f800000);
  const bool big = m > 1.41421356f;
  m = big ? m * 0.5f : m;
  float ef = static_cast<float>(big ? e + 1 : e);
  // log(m) = 2 atanh(f), f = (m - 1) / (m + 1), |f| <= 0.172: series to f^9.
  float f = (m - 1.0f) / (m + 1.0f);
  float f2 = f * f;
  float p = 1.0f / 9;
  p = p * f2 + 1.0f / 7;
  p = p * f2 + 1.0f / 5;
  p = p * f2 + 1.0f / 3;
  p = p * f2 + 1.0f;
  float y = (2.0f * f * p + ef * kLn2LoF) + ef * kLn2HiF;
  y = x == INFINITY ? x : y;
  y = x == 0.0f ? -INFINITY : y;
  y = x < 0.0f ? NAN : y;
  return x != x ? x : y;
}

inline double log(double x) {
  const bool sub = x < 2.2250738585072014e-308;
  double xs = sub ? x * 4503599627370496.0 : x;  // 2^52
  uint64_t bits = std::bit_cast<uint64_t>(xs);
  // The exponent field as a double without an int64 -> double conversion (see kRoundMagic).
  double e = std::bit_cast<double>((bits >> 52) | 0x4330000000000000ULL) - 4503599627370496.0 - 1023.0 - (sub ? 52.0 : 0.0);
  double m = std::bit_cast<double>((bits & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL);
  const bool big = m > 1.4142135623730951;
  m = big ? m * 0.5 : m;
  e = big ? e + 1.0 : e;
  // log(m) = 2 atanh(f), f = (m - 1) / (m + 1), |f| <= 0.172: series to f^23 (next term < 1e-17 relative).
  double f = (m - 1.0) / (m + 1.0);
  double f2 = f * f;
  double p = 1.0 / 23;
  p = p * f2 + 1.0 / 21;
  p = p * f2 + 1.0 / 19;
  p = p * f2 + 1.0 / 17;
  p = p * f2 + 1.0 / 15;
  p = p * f2 + 1.0 / 13;
  p = p * f2 + 1.0 / 11;
  p = p * f2 + 1.0 / 9;
  p = p * f2 + 1.0 / 7;
  p = p * f2 + 1.0 / 5;
  p = p * f2 + 1.0 / 3;
  double y = (2.0 * f * f2 * p + e * kLn2Lo) + 2.0 * f + e * kLn2Hi;
  y = x == INFINITY ? x : y;
  y = x == 0.0 ? -INFINITY : y;
  y = x < 0.0 ? NAN : y;
  return x != x ? x : y;
}

// e^x - 1 without cancellation for small |x|.
inline float expm1(float x) {
  float ax = x < 0 ? -x : x;
  float p = 1.0f / 362880;  // Taylor to x^9 for |x| < 0.5
  p = p * x + 1.0f / 40320;
  p = p * x + 1.0f / 5040;
  p = p * x + 1.0f / 720;
  p = p * x + 1.0f / 120;
  p = p * x + 1.0f / 24;
  p = p * x + 1.0f / 6;
  p = p * x + 0.5f;
  p = p * x * x + x;
  p = ax < 0.5f ? p : exp(x) - 1.0f;
  return x == 0.0f ? x : p;  // keeps -0
}

inline double expm1(double x) {
  double ax = x < 0 ? -x : x;
  double p = 1.0 / 355687428096000.0;  // Taylor to x^17 for |x| < 0.5
  p = p * x + 1.0 / 20922789888000.0;
  p = p * x + 1.0 / 1307674368000.0;
  p = p * x + 1.0 / 87178291200.0;
  p = p * x + 1.0 / 6227020800.0;
  p = p * x + 1.0 / 479001600.0;
  p = p * x + 1.0 / 39916800.0;
  p = p * x + 1.0 / 3628800.0;
  p = p * x + 1.0 / 362880.0;
  p = p * x + 1.0 / 40320.0;
  p = p * x + 1.0 / 5040.0;
  p = p * x + 1.0 / 720.0;
  p = p * x + 1.0 / 120.0;
  p = p * x + 1.0 / 24.0;
  p = p * x + 1.0 / 6.0;
  p = p * x + 0.5;
  p = p * x * x + x;
  p = ax < 0.5 ? p : exp(x) - 1.0;
  return x == 0.0 ? x : p;  // keeps -0
}

inline double tanh(double x) {
  double em = expm1(2.0 * x);
  double y = em / (em + 2.0);
  y = x > 20.0 ? 1.0 : (x < -20.0 ? -1.0 : y);  // tanh(20) rounds to 1 in float64
  return x == 0.0 ? x : y;
}

inline float tanh(float x) {
  float em = expm1(2.0f * x);
  float y = em / (em + 2.0f);
  y = x > 9.0f ? 1.0f : (x < -9.0f ? -1.0f : y);  // tanh(9) rounds to 1 in float32
  return x == 0.0f ? x : y;                      // keeps -0
}

template <class T>
inline T sigmoid(T x) {
  return T(1) / (T(1) + exp(-x));
}

}  // namespace torch_native::vecmath
