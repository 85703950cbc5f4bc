// The special functions of the elementwise table that libm lacks or that need care at the edges:
// a vectorisable float32 erf, erfinv, and PyTorch's floor division of floats. The loops that call them
// are compiled once per SIMD level like every other loop (elementwise_loops.cc).
#pragma once
#include <cmath>

#include "vecmath.h"

namespace torch_native::vecmath {

// erf for float32 inputs, computed in double with selects only (no branches, no libm calls), so the
// loop vectorises like exp's. |x| <= 1: x A(x^2); 1 < |x| < 4: 1 - e^(-x^2) B(1/|x|); beyond, +-1
// (erf(3.92) already rounds to 1 in float32). A and B are least-squares fits on Chebyshev nodes made
// for this file; in double they are within 1.6e-9 (relative, A) and 1.6e-9 (absolute, B) of erf, far
// below float32's half ulp, so the result is the correctly rounded value but in rare ties.
inline float erf(float xf) {
  const double x = xf, ax = std::fabs(x);
  const double t = x * x;
  double a = 7.933494263982767e-05;
  a = a * t - 0.0008034846769484385;
  a = a * t + 0.005191218391565172;
  a = a * t - 0.026855399459735033;
  a = a * t + 0.11283625725263317;
  a = a * t - 0.37612629877687676;
  a = a * t + 1.1283791665931535;
  const double small = x * a;
  const double axc = ax < 1.0 ? 1.0 : (ax > 4.0 ? 4.0 : ax);  // keeps the unused branch finite
  const double u = 1.0 / axc;
  double b = 0.028223217361631785;
  b = b * u - 0.16586221645024027;
  b = b * u + 0.4048020059662744;
  b = b * u - 0.49102227392041026;
  b = b * u + 0.19884866517640687;
  b = b * u + 0.25239911822758593;
  b = b * u - 0.38380051498152823;
  b = b * u + 0.022321134537532806;
  b = b * u + 0.5615409327318838;
  b = b * u + 0.00013351183155724256;
  double big = 1.0 - exp(-axc * axc) * b;
  big = ax >= 4.0 ? 1.0 : big;
  big = x < 0 ? -big : big;
  const double y = ax <= 1.0 ? small : big;
  return x != x ? xf : static_cast<float>(y);
}

// erfinv(y): a closed-form first guess (Winitzki's approximation, about 2e-3 relative) refined by
// three Halley steps, which triples the correct digits each time. For |y| > 0.5 the residual is taken
// on erfc, because 1 - |y| is exact there and the tail keeps its relative accuracy up to |y| -> 1.
inline double erfinv(double y) {
  if (!(y >= -1.0 && y <= 1.0)) return NAN;  // NaN and |y| > 1
  if (y == 1.0) return INFINITY;
  if (y == -1.0) return -INFINITY;
  if (y == 0.0) return y;  // keeps -0
  constexpr double a = 0.147, twoOverPiA = 2.0 / (M_PI * a);
  const double ay = std::fabs(y), rest = 1.0 - ay;
  const double l = std::log(rest * (1.0 + ay));
  const double b = twoOverPiA + 0.5 * l;
  double x = std::sqrt(std::sqrt(b * b - l / a) - b);
  for (int i = 0; i < 3; i++) {
    const double f = ay <= 0.5 ? std::erf(x) - ay : rest - std::erfc(x);
    const double u = f / (M_2_SQRTPI * std::exp(-x * x));
    x -= u / (1.0 + x * u);
  }
  return std::copysign(x, y);
}

// a // b for floats as Python and PyTorch define it: the quotient of the exact remainder
// decomposition a = q b + fmod(a, b), rounded down, so that 1 // 0.1 is 9 (not floor(1 / 0.1) = 10).
template <class T>
inline T floorDivide(T a, T b) {
  if (b == 0) return a / b;  // +-Inf or NaN, as true division
  T mod = std::fmod(a, b);
  T div = (a - mod) / b;
  if (mod != 0 && ((b < 0) != (mod < 0))) div -= T(1);
  if (div == 0) return std::copysign(T(0), a / b);
  T fl = std::floor(div);
  return div - fl > T(0.5) ? fl + T(1) : fl;
}

}  // namespace torch_native::vecmath
