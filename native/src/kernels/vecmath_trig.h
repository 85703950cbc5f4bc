// sin, cos and tan written so that GCC vectorises the loops that call them (see vecmath.h). The argument
// is reduced by multiples of pi/2 in double precision with a three-part constant (Cody-Waite), which
// stays exact while the multiple q fits in 20 bits; larger arguments (and Inf/NaN) go to libm through
// guardedUnary in elementwise_loops.cc, so the fast path only ever sees |x| <= kTrigFastLimit.
// float inputs are computed in double and rounded once, so they are correctly rounded almost always.
#pragma once
#include <bit>
#include <cstdint>

#include "vecmath.h"

namespace torch_native::vecmath {

constexpr double kTrigFastLimit = 1e5;  // q <= 63662 < 2^20
// pi/2 = kPio2A + kPio2B + kPio2C; A and B have 33 significant bits, so q * A and q * B are exact.
constexpr double kPio2A = 1.5707963267341256;
constexpr double kPio2B = 6.077100506303966e-11;
constexpr double kPio2C = 2.0222662487959506e-21;
constexpr double kTwoOverPi = 0.6366197723675814;

struct Reduced {
  double r;     // x - q pi/2, |r| <= pi/4
  int64_t q;    // the quadrant, q mod 4 (only the low two bits are meaningful)
};

inline Reduced reduceHalfPi(double x) {
  double held = x * kTwoOverPi + kRoundMagic;
  double q = held - kRoundMagic;
  double r = ((x - q * kPio2A) - q * kPio2B) - q * kPio2C;
  return {r, std::bit_cast<int64_t>(held) & 3};
}

// Taylor series on |r| <= pi/4; float results need fewer terms.
template <class T>
inline double sinPoly(double r) {
  double r2 = r * r, p;
  if constexpr (sizeof(T) == 4) {
    p = -1.0 / 39916800.0;  // to r^11: next term < 2e-12 relative
    p = p * r2 + 1.0 / 362880.0;
  } else {
    p = -1.0 / 121645100408832000.0;  // to r^19: next term < 1e-19 relative
    p = p * r2 + 1.0 / 355687428096000.0;
    p = p * r2 - 1.0 / 1307674368000.0;
    p = p * r2 + 1.0 / 6227020800.0;
    p = p * r2 - 1.0 / 39916800.0;
    p = p * r2 + 1.0 / 362880.0;
  }
  p = p * r2 - 1.0 / 5040.0;
  p = p * r2 + 1.0 / 120.0;
  p = p * r2 - 1.0 / 6.0;
  return r + r * r2 * p;
}

template <class T>
inline double cosPoly(double r) {
  double r2 = r * r, p;
  if constexpr (sizeof(T) == 4) {
    p = 1.0 / 479001600.0;  // to r^12
    p = p * r2 - 1.0 / 3628800.0;
  } else {
    p = -1.0 / 6402373705728000.0;  // to r^18: next term < 3e-21
    p = p * r2 + 1.0 / 20922789888000.0;
    p = p * r2 - 1.0 / 87178291200.0;
    p = p * r2 + 1.0 / 479001600.0;
    p = p * r2 - 1.0 / 3628800.0;
  }
  p = p * r2 + 1.0 / 40320.0;
  p = p * r2 - 1.0 / 720.0;
  p = p * r2 + 1.0 / 24.0;
  // 1 - r^2/2 + r^4 p: the small terms are summed first.
  return 1.0 - 0.5 * r2 + r2 * r2 * p;
}

template <class T>
inline T sin(T x) {
  Reduced a = reduceHalfPi(static_cast<double>(x));
  double s = sinPoly<T>(a.r), c = cosPoly<T>(a.r);
  double y = (a.q & 1) ? c : s;
  y = (a.q & 2) ? -y : y;
  return x == 0 ? x : static_cast<T>(y);  // keeps -0
}

template <class T>
inline T cos(T x) {
  Reduced a = reduceHalfPi(static_cast<double>(x));
  double s = sinPoly<T>(a.r), c = cosPoly<T>(a.r);
  double y = (a.q & 1) ? s : c;
  return static_cast<T>(((a.q + 1) & 2) ? -y : y);
}

template <class T>
inline T tan(T x) {
  Reduced a = reduceHalfPi(static_cast<double>(x));
  double s = sinPoly<T>(a.r), c = cosPoly<T>(a.r);
  double y = (a.q & 1) ? -c / s : s / c;
  return x == 0 ? x : static_cast<T>(y);  // keeps -0
}

}  // namespace torch_native::vecmath
