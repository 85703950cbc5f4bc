// Per-op loops over contiguous arrays of one compute type. This file is compiled once per SIMD level
// (baseline, AVX2, AVX-512; see binding.gyp) with TN_CAP naming the level; elementwise.cc picks the
// table for the running CPU.
#include <cmath>
#include <limits>
#include <type_traits>

#include "elementwise.h"
#include "vecmath.h"
#include "vecmath_special.h"
#include "vecmath_trig.h"

#ifndef TN_CAP
#define TN_CAP baseline
#endif

namespace torch_native {
namespace TN_CAP {
namespace {

template <class T>
using Unsigned = std::make_unsigned_t<std::conditional_t<std::is_same_v<T, uint8_t> || std::is_same_v<T, int8_t> ||
                                                             std::is_same_v<T, int16_t>,
                                                         int32_t, T>>;

// Integer + - * wrap around like two's complement (PyTorch behaviour) without signed-overflow UB.
template <class T>
inline T wrapAdd(T a, T b) {
  if constexpr (std::is_integral_v<T>) return static_cast<T>(static_cast<Unsigned<T>>(a) + static_cast<Unsigned<T>>(b));
  else return a + b;
}
template <class T>
inline T wrapSub(T a, T b) {
  if constexpr (std::is_integral_v<T>) return static_cast<T>(static_cast<Unsigned<T>>(a) - static_cast<Unsigned<T>>(b));
  else return a - b;
}
template <class T>
inline T wrapMul(T a, T b) {
  if constexpr (std::is_integral_v<T>) return static_cast<T>(static_cast<Unsigned<T>>(a) * static_cast<Unsigned<T>>(b));
  else return a * b;
}

template <class T, class F>
int unary(int64_t n, void* out, const void* const* in, F f) {
  T* o = static_cast<T*>(out);
  const T* a = static_cast<const T*>(in[0]);
  for (int64_t i = 0; i < n; i++) o[i] = f(a[i]);
  return kOk;
}

template <class T, class R, class F>
int unary2(int64_t n, void* out, const void* const* in, F f) {
  R* o = static_cast<R*>(out);
  const T* a = static_cast<const T*>(in[0]);
  for (int64_t i = 0; i < n; i++) o[i] = f(a[i]);
  return kOk;
}

template <class T, class R, class F>
int binary(int64_t n, void* out, const void* const* in, F f) {
  R* o = static_cast<R*>(out);
  const T* a = static_cast<const T*>(in[0]);
  const T* b = static_cast<const T*>(in[1]);
  for (int64_t i = 0; i < n; i++) o[i] = f(a[i], b[i]);
  return kOk;
}

template <class T, class F>
int ternary(int64_t n, void* out, const void* const* in, F f) {
  T* o = static_cast<T*>(out);
  const T* a = static_cast<const T*>(in[0]);
  const T* b = static_cast<const T*>(in[1]);
  const T* c = static_cast<const T*>(in[2]);
  for (int64_t i = 0; i < n; i++) o[i] = f(a[i], b[i], c[i]);
  return kOk;
}

template <class T>
inline T nanMin(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (a != a) return a;
    if (b != b) return b;
  }
  return b < a ? b : a;
}
template <class T>
inline T nanMax(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (a != a) return a;
    if (b != b) return b;
  }
  return b > a ? b : a;
}

template <class T>
T intPow(T base, T exp) {
  if (exp < 0) {  // truncating semantics: only |base| == 1 survives
    if (base == 1) return 1;
    if (base == static_cast<T>(-1)) return (exp & 1) ? base : 1;
    return 0;
  }
  T result = 1;
  while (exp) {
    if (exp & 1) result = wrapMul(result, base);
    exp >>= 1;
    base = wrapMul(base, base);
  }
  return result;
}

// A vectorised approximation for arguments within `limit`, libm for the rest: each block of inputs is
// checked first, so one huge or non-finite element sends only its own block to libm. Checking before
// writing keeps in-place calls (out == in) correct.
template <class T, class Fast, class Exact>
int guardedUnary(int64_t n, void* out, const void* const* in, double limit, Fast fast, Exact exact) {
  T* o = static_cast<T*>(out);
  const T* a = static_cast<const T*>(in[0]);
  constexpr int64_t kBlock = 256;
  for (int64_t b = 0; b < n; b += kBlock) {
    const int64_t m = n - b < kBlock ? n - b : kBlock;
    int64_t inRange = 0;  // a count rather than a flag, so that the check vectorises
    for (int64_t i = 0; i < m; i++) inRange += std::fabs(static_cast<double>(a[b + i])) <= limit;  // NaN: no
    if (inRange == m)
      for (int64_t i = 0; i < m; i++) o[b + i] = fast(a[b + i]);
    else
      for (int64_t i = 0; i < m; i++) o[b + i] = exact(a[b + i]);
  }
  return kOk;
}

// Integer a op d element by element, reporting division by zero instead of raising SIGFPE.
template <class T, class F>
int intDivisionLoop(int64_t n, void* out, const void* const* in, F op) {
  T* o = static_cast<T*>(out);
  const T* a = static_cast<const T*>(in[0]);
  const T* b = static_cast<const T*>(in[1]);
  for (int64_t i = 0; i < n; i++) {
    const T d = b[i];
    if (d == 0) return kIntegerDivisionByZero;
    o[i] = op(a[i], d);
  }
  return kOk;
}

// Remainder with the sign of the dividend (fmod) or, Python's, of the divisor (remainder).
template <class T, bool Python>
int intMod(int64_t n, void* out, const void* const* in, const double*) {
  return intDivisionLoop<T>(n, out, in, [](T a, T d) {
    if constexpr (std::is_signed_v<T>) {
      if (d == static_cast<T>(-1)) return T(0);  // INT_MIN % -1 traps on x86
    }
    T r = static_cast<T>(a % d);
    if constexpr (Python && std::is_signed_v<T>) {
      if (r != 0 && ((r < 0) != (d < 0))) r = static_cast<T>(r + d);
    }
    return r;
  });
}

// Integer division rounded toward zero or down; INT_MIN / -1 wraps.
template <class T, bool Floor>
int intDiv(int64_t n, void* out, const void* const* in, const double*) {
  return intDivisionLoop<T>(n, out, in, [](T a, T d) {
    if constexpr (std::is_signed_v<T>) {
      if (d == static_cast<T>(-1)) return wrapSub<T>(0, a);  // INT_MIN / -1 traps on x86
    }
    T q = static_cast<T>(a / d);
    if constexpr (Floor && std::is_signed_v<T>) {
      if (static_cast<T>(a % d) != 0 && ((a < 0) != (d < 0))) q = static_cast<T>(q - 1);
    }
    return q;
  });
}

// The ops added for issue 10: predicates, logical and bitwise ops, rounding divisions, nan_to_num and
// the float special functions.
template <class T>
void fillMoreFor(LoopFn* row) {
  constexpr bool isFloat = std::is_floating_point_v<T>;
  using P = const double*;
  using V = const void* const*;
  using B = uint8_t;
  auto at = [&](Op op) -> LoopFn& { return row[static_cast<int>(op) * kNumDTypes]; };

  at(Op::IsNan) = [](int64_t n, void* o, V in, P) { return unary2<T, B>(n, o, in, [](T a) -> B { return a != a; }); };
  at(Op::IsInf) = [](int64_t n, void* o, V in, P) {
    return unary2<T, B>(n, o, in, [](T a) -> B {
      if constexpr (isFloat) return std::fabs(a) == std::numeric_limits<T>::infinity();
      else return 0;
    });
  };
  at(Op::IsFinite) = [](int64_t n, void* o, V in, P) {
    return unary2<T, B>(n, o, in, [](T a) -> B { return a - a == T(0); });  // Inf - Inf and NaN - NaN are NaN
  };
  at(Op::LogicalNot) = [](int64_t n, void* o, V in, P) { return unary2<T, B>(n, o, in, [](T a) -> B { return a == T(0); }); };
  at(Op::LogicalAnd) = [](int64_t n, void* o, V in, P) { return binary<T, B>(n, o, in, [](T a, T b) -> B { return (a != T(0)) & (b != T(0)); }); };
  at(Op::LogicalOr) = [](int64_t n, void* o, V in, P) { return binary<T, B>(n, o, in, [](T a, T b) -> B { return (a != T(0)) | (b != T(0)); }); };
  at(Op::LogicalXor) = [](int64_t n, void* o, V in, P) { return binary<T, B>(n, o, in, [](T a, T b) -> B { return (a != T(0)) ^ (b != T(0)); }); };
  at(Op::Square) = [](int64_t n, void* o, V in, P) { return unary<T>(n, o, in, [](T a) { return wrapMul(a, a); }); };

  if constexpr (isFloat) {
    at(Op::NanToNum) = [](int64_t n, void* o, V in, P p) {
      // in[1] holds the NaN replacement (a scalar already in T); the infinities' come as parameters.
      const T pos = static_cast<T>(p[0]), neg = static_cast<T>(p[1]);
      constexpr T inf = std::numeric_limits<T>::infinity();
      return binary<T, T>(n, o, in, [=](T a, T nan) { return a != a ? nan : a == inf ? pos : a == -inf ? neg : a; });
    };
    at(Op::DivTrunc) = [](int64_t n, void* o, V in, P) { return binary<T, T>(n, o, in, [](T a, T b) { return std::trunc(a / b); }); };
    at(Op::DivFloor) = [](int64_t n, void* o, V in, P) { return binary<T, T>(n, o, in, vecmath::floorDivide<T>); };
    at(Op::Erf) = [](int64_t n, void* o, V in, P) {
      if constexpr (sizeof(T) == 4) return unary<T>(n, o, in, [](T a) { return vecmath::erf(a); });
      else return unary<T>(n, o, in, [](T a) { return std::erf(a); });  // float64 needs libm's accuracy
    };
    at(Op::Erfc) = [](int64_t n, void* o, V in, P) { return unary<T>(n, o, in, [](T a) { return std::erfc(a); }); };
    at(Op::Erfinv) = [](int64_t n, void* o, V in, P) {
      return unary<T>(n, o, in, [](T a) { return static_cast<T>(vecmath::erfinv(static_cast<double>(a))); });
    };
    at(Op::Log2) = [](int64_t n, void* o, V in, P) { return unary<T>(n, o, in, [](T a) { return std::log2(a); }); };
    at(Op::Log10) = [](int64_t n, void* o, V in, P) { return unary<T>(n, o, in, [](T a) { return std::log10(a); }); };
    at(Op::Exp2) = [](int64_t n, void* o, V in, P) { return unary<T>(n, o, in, [](T a) { return std::exp2(a); }); };
  } else {
    at(Op::NanToNum) = [](int64_t n, void* o, V in, P) { return unary<T>(n, o, in, [](T a) { return a; }); };
    at(Op::DivTrunc) = intDiv<T, false>;
    at(Op::DivFloor) = intDiv<T, true>;
    at(Op::BitwiseAnd) = [](int64_t n, void* o, V in, P) { return binary<T, T>(n, o, in, [](T a, T b) { return static_cast<T>(a & b); }); };
    at(Op::BitwiseOr) = [](int64_t n, void* o, V in, P) { return binary<T, T>(n, o, in, [](T a, T b) { return static_cast<T>(a | b); }); };
    at(Op::BitwiseXor) = [](int64_t n, void* o, V in, P) { return binary<T, T>(n, o, in, [](T a, T b) { return static_cast<T>(a ^ b); }); };
    // Bool tensors run as uint8 and take logicalNot instead (~1 is not a bool).
    at(Op::BitwiseNot) = [](int64_t n, void* o, V in, P) { return unary<T>(n, o, in, [](T a) { return static_cast<T>(~a); }); };
  }
}

template <class T>
void fillFor(LoopFn* row) {
  constexpr bool isFloat = std::is_floating_point_v<T>;
  using P = const double*;
  using V = const void* const*;
  auto at = [&](Op op) -> LoopFn& { return row[static_cast<int>(op) * kNumDTypes]; };

  at(Op::Copy) = [](int64_t n, void* o, V in, P) { return unary<T>(n, o, in, [](T a) { return a; }); };
  at(Op::Neg) = [](int64_t n, void* o, V in, P) {
    return unary<T>(n, o, in, [](T a) {
      if constexpr (isFloat) return -a;  // -(+0) is -0
      else return wrapSub<T>(0, a);
    });
  };
  at(Op::Abs) = [](int64_t n, void* o, V in, P) {
    return unary<T>(n, o, in, [](T a) {
      if constexpr (isFloat) return std::fabs(a);
      else if constexpr (std::is_signed_v<T>) return a < 0 ? wrapSub<T>(0, a) : a;
      else return a;
    });
  };
  at(Op::Sign) = [](int64_t n, void* o, V in, P) {
    return unary<T>(n, o, in, [](T a) { return static_cast<T>((T(0) < a) - (a < T(0))); });  // NaN -> 0, as PyTorch
  };
  at(Op::Clamp) = [](int64_t n, void* o, V in, P p) {
    // NaN bound = no bound. Float NaN inputs propagate because every comparison with NaN is false.
    const bool hasLo = p[0] == p[0], hasHi = p[1] == p[1];
    const T lo = hasLo ? static_cast<T>(p[0]) : T(0), hi = hasHi ? static_cast<T>(p[1]) : T(0);
    return unary<T>(n, o, in, [=](T a) {
      if (hasLo && a < lo) a = lo;
      if (hasHi && a > hi) a = hi;
      return a;
    });
  };
  at(Op::Add) = [](int64_t n, void* o, V in, P p) {
    const T alpha = static_cast<T>(p[0]);
    if (alpha == T(1)) return binary<T, T>(n, o, in, [](T a, T b) { return wrapAdd(a, b); });
    return binary<T, T>(n, o, in, [=](T a, T b) { return wrapAdd(a, wrapMul(alpha, b)); });
  };
  at(Op::Sub) = [](int64_t n, void* o, V in, P p) {
    const T alpha = static_cast<T>(p[0]);
    if (alpha == T(1)) return binary<T, T>(n, o, in, [](T a, T b) { return wrapSub(a, b); });
    return binary<T, T>(n, o, in, [=](T a, T b) { return wrapSub(a, wrapMul(alpha, b)); });
  };
  at(Op::Mul) = [](int64_t n, void* o, V in, P) { return binary<T, T>(n, o, in, [](T a, T b) { return wrapMul(a, b); }); };
  at(Op::Minimum) = [](int64_t n, void* o, V in, P) { return binary<T, T>(n, o, in, nanMin<T>); };
  at(Op::Maximum) = [](int64_t n, void* o, V in, P) { return binary<T, T>(n, o, in, nanMax<T>); };
  at(Op::Eq) = [](int64_t n, void* o, V in, P) { return binary<T, uint8_t>(n, o, in, [](T a, T b) -> uint8_t { return a == b; }); };
  at(Op::Ne) = [](int64_t n, void* o, V in, P) { return binary<T, uint8_t>(n, o, in, [](T a, T b) -> uint8_t { return a != b; }); };
  at(Op::Lt) = [](int64_t n, void* o, V in, P) { return binary<T, uint8_t>(n, o, in, [](T a, T b) -> uint8_t { return a < b; }); };
  at(Op::Le) = [](int64_t n, void* o, V in, P) { return binary<T, uint8_t>(n, o, in, [](T a, T b) -> uint8_t { return a <= b; }); };
  at(Op::Gt) = [](int64_t n, void* o, V in, P) { return binary<T, uint8_t>(n, o, in, [](T a, T b) -> uint8_t { return a > b; }); };
  at(Op::Ge) = [](int64_t n, void* o, V in, P) { return binary<T, uint8_t>(n, o, in, [](T a, T b) -> uint8_t { return a >= b; }); };
  at(Op::Addcmul) = [](int64_t n, void* o, V in, P p) {
    const T v = static_cast<T>(p[0]);
    return ternary<T>(n, o, in, [=](T a, T b, T c) { return wrapAdd(a, wrapMul(v, wrapMul(b, c))); });
  };
  // cond ? x : y. The iterator hands every input over in the compute type, so cond (a bool tensor)
  // arrives as 0/1 of type T here.
  at(Op::Where) = [](int64_t n, void* o, V in, P) { return ternary<T>(n, o, in, [](T c, T x, T y) { return c != T(0) ? x : y; }); };
  at(Op::ThresholdBackward) = [](int64_t n, void* o, V in, P p) {
    const T threshold = static_cast<T>(p[0]);
    // As PyTorch's threshold_backward: a NaN result passes its gradient through.
    return binary<T, T>(n, o, in, [=](T g, T y) { return y <= threshold ? T(0) : g; });
  };

  if constexpr (isFloat) {
    at(Op::Reciprocal) = [](int64_t n, void* o, V in, P) { return unary<T>(n, o, in, [](T a) { return T(1) / a; }); };
    at(Op::Sqrt) = [](int64_t n, void* o, V in, P) { return unary<T>(n, o, in, [](T a) { return std::sqrt(a); }); };
    at(Op::Rsqrt) = [](int64_t n, void* o, V in, P) { return unary<T>(n, o, in, [](T a) { return T(1) / std::sqrt(a); }); };
    at(Op::Exp) = [](int64_t n, void* o, V in, P) { return unary<T>(n, o, in, [](T a) { return vecmath::exp(a); }); };
    at(Op::Log) = [](int64_t n, void* o, V in, P) { return unary<T>(n, o, in, [](T a) { return vecmath::log(a); }); };
    at(Op::Log1p) = [](int64_t n, void* o, V in, P) { return unary<T>(n, o, in, [](T a) { return std::log1p(a); }); };
    at(Op::Expm1) = [](int64_t n, void* o, V in, P) { return unary<T>(n, o, in, [](T a) { return vecmath::expm1(a); }); };
    constexpr double trigLimit = vecmath::kTrigFastLimit;
    at(Op::Sin) = [](int64_t n, void* o, V in, P) {
      return guardedUnary<T>(n, o, in, trigLimit, vecmath::sin<T>, [](T a) { return std::sin(a); });
    };
    at(Op::Cos) = [](int64_t n, void* o, V in, P) {
      return guardedUnary<T>(n, o, in, trigLimit, vecmath::cos<T>, [](T a) { return std::cos(a); });
    };
    at(Op::Tan) = [](int64_t n, void* o, V in, P) {
      return guardedUnary<T>(n, o, in, trigLimit, vecmath::tan<T>, [](T a) { return std::tan(a); });
    };
    at(Op::Asin) = [](int64_t n, void* o, V in, P) { return unary<T>(n, o, in, [](T a) { return std::asin(a); }); };
    at(Op::Acos) = [](int64_t n, void* o, V in, P) { return unary<T>(n, o, in, [](T a) { return std::acos(a); }); };
    at(Op::Atan) = [](int64_t n, void* o, V in, P) { return unary<T>(n, o, in, [](T a) { return std::atan(a); }); };
    at(Op::Sinh) = [](int64_t n, void* o, V in, P) { return unary<T>(n, o, in, [](T a) { return std::sinh(a); }); };
    at(Op::Cosh) = [](int64_t n, void* o, V in, P) { return unary<T>(n, o, in, [](T a) { return std::cosh(a); }); };
    at(Op::Tanh) = [](int64_t n, void* o, V in, P) { return unary<T>(n, o, in, [](T a) { return vecmath::tanh(a); }); };
    at(Op::Sigmoid) = [](int64_t n, void* o, V in, P) { return unary<T>(n, o, in, vecmath::sigmoid<T>); };
    at(Op::Floor) = [](int64_t n, void* o, V in, P) { return unary<T>(n, o, in, [](T a) { return std::floor(a); }); };
    at(Op::Ceil) = [](int64_t n, void* o, V in, P) { return unary<T>(n, o, in, [](T a) { return std::ceil(a); }); };
    at(Op::Round) = [](int64_t n, void* o, V in, P) { return unary<T>(n, o, in, [](T a) { return std::nearbyint(a); }); };
    at(Op::Trunc) = [](int64_t n, void* o, V in, P) { return unary<T>(n, o, in, [](T a) { return std::trunc(a); }); };
    at(Op::Frac) = [](int64_t n, void* o, V in, P) { return unary<T>(n, o, in, [](T a) { return a - std::trunc(a); }); };
    at(Op::Div) = [](int64_t n, void* o, V in, P) { return binary<T, T>(n, o, in, [](T a, T b) { return a / b; }); };
    at(Op::Atan2) = [](int64_t n, void* o, V in, P) { return binary<T, T>(n, o, in, [](T a, T b) { return std::atan2(a, b); }); };
    at(Op::Pow) = [](int64_t n, void* o, V in, P) { return binary<T, T>(n, o, in, [](T a, T b) { return std::pow(a, b); }); };
    at(Op::Fmod) = [](int64_t n, void* o, V in, P) { return binary<T, T>(n, o, in, [](T a, T b) { return std::fmod(a, b); }); };
    at(Op::Remainder) = [](int64_t n, void* o, V in, P) {
      return binary<T, T>(n, o, in, [](T a, T b) {
        T r = std::fmod(a, b);
        if (r != 0 && ((r < 0) != (b < 0))) r += b;
        return r;
      });
    };
    at(Op::Lerp) = [](int64_t n, void* o, V in, P) {
      // Two forms keep the endpoints exact: w=0 gives a, w=1 gives b.
      return ternary<T>(n, o, in, [](T a, T b, T w) { return std::fabs(w) < T(0.5) ? a + w * (b - a) : b - (b - a) * (T(1) - w); });
    };
    at(Op::Addcdiv) = [](int64_t n, void* o, V in, P p) {
      const T v = static_cast<T>(p[0]);
      return ternary<T>(n, o, in, [=](T a, T b, T c) { return a + v * (b / c); });
    };
  } else {
    // Rounding an integer is the identity.
    for (Op op : {Op::Floor, Op::Ceil, Op::Round, Op::Trunc}) at(op) = at(Op::Copy);
    at(Op::Pow) = [](int64_t n, void* o, V in, P) { return binary<T, T>(n, o, in, intPow<T>); };
    at(Op::Fmod) = intMod<T, false>;
    at(Op::Remainder) = intMod<T, true>;
  }
  fillMoreFor<T>(row);
}

}  // namespace

// table[op * kNumDTypes + computeDtype]
void fillLoopTable(LoopFn* table) {
  fillFor<float>(table + static_cast<int>(DType::F32));
  fillFor<double>(table + static_cast<int>(DType::F64));
  fillFor<int64_t>(table + static_cast<int>(DType::I64));
  fillFor<int32_t>(table + static_cast<int>(DType::I32));
  fillFor<int16_t>(table + static_cast<int>(DType::I16));
  fillFor<int8_t>(table + static_cast<int>(DType::I8));
  fillFor<uint8_t>(table + static_cast<int>(DType::U8));
}

}  // namespace TN_CAP
}  // namespace torch_native
