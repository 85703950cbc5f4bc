#include "cast.h"

#include <cmath>
#include <type_traits>

namespace torch_native {
namespace {

struct Half { uint16_t bits; };
struct BoolByte { uint8_t v; };

template <DType D> struct Storage;
template <> struct Storage<DType::F32> { using T = float; };
template <> struct Storage<DType::F64> { using T = double; };
template <> struct Storage<DType::F16> { using T = Half; };
template <> struct Storage<DType::I64> { using T = int64_t; };
template <> struct Storage<DType::I32> { using T = int32_t; };
template <> struct Storage<DType::I16> { using T = int16_t; };
template <> struct Storage<DType::I8> { using T = int8_t; };
template <> struct Storage<DType::U8> { using T = uint8_t; };
template <> struct Storage<DType::Bool> { using T = BoolByte; };

// Every value passes through the widest type of its kind so each (src, dst) pair is one expression.
template <class S> inline double toDouble(S v) { return static_cast<double>(v); }
template <> inline double toDouble(Half v) { return halfToFloat(v.bits); }
template <> inline double toDouble(BoolByte v) { return v.v ? 1.0 : 0.0; }

template <class D, class S>
inline D convert(S v) {
  if constexpr (std::is_same_v<D, S>) {
    return v;
  } else if constexpr (std::is_same_v<D, BoolByte>) {
    return BoolByte{static_cast<uint8_t>(toDouble(v) != 0.0)};
  } else if constexpr (std::is_same_v<D, Half>) {
    return Half{floatToHalf(static_cast<float>(toDouble(v)))};
  } else if constexpr (std::is_integral_v<S> && std::is_integral_v<D>) {
    return static_cast<D>(v);  // int64 -> narrower ints wraps, as in PyTorch
  } else if constexpr (std::is_integral_v<D>) {
    // float -> int truncates toward zero; go through int64 so out-of-range values wrap
    // instead of being undefined (NaN/Inf become 0 here).
    double d = toDouble(v);
    if (!(std::fabs(d) < 9.2e18)) return D(0);
    return static_cast<D>(static_cast<int64_t>(d));
  } else if constexpr (std::is_same_v<S, BoolByte> || std::is_same_v<S, Half>) {
    return static_cast<D>(toDouble(v));
  } else {
    return static_cast<D>(v);
  }
}

template <class F>
void dispatch(DType t, F&& f) {
  switch (t) {
    case DType::F32: f(Storage<DType::F32>::T{}); break;
    case DType::F64: f(Storage<DType::F64>::T{}); break;
    case DType::F16: f(Storage<DType::F16>::T{}); break;
    case DType::I64: f(Storage<DType::I64>::T{}); break;
    case DType::I32: f(Storage<DType::I32>::T{}); break;
    case DType::I16: f(Storage<DType::I16>::T{}); break;
    case DType::I8: f(Storage<DType::I8>::T{}); break;
    case DType::U8: f(Storage<DType::U8>::T{}); break;
    case DType::Bool: f(Storage<DType::Bool>::T{}); break;
  }
}

}  // namespace

void gatherCast(const char* src, DType srcType, int64_t srcStride, char* dst, DType dstType, int64_t n) {
  dispatch(srcType, [&](auto s) {
    using S = decltype(s);
    dispatch(dstType, [&](auto d) {
      using D = decltype(d);
      const S* sp = reinterpret_cast<const S*>(src);
      D* dp = reinterpret_cast<D*>(dst);
      if (srcStride == 1) {
        for (int64_t i = 0; i < n; i++) dp[i] = convert<D>(sp[i]);
      } else if (srcStride == 0) {  // a broadcast value: one conversion, then a fill the compiler vectorises
        const D v = convert<D>(sp[0]);
        for (int64_t i = 0; i < n; i++) dp[i] = v;
      } else {
        for (int64_t i = 0; i < n; i++) dp[i] = convert<D>(sp[i * srcStride]);
      }
    });
  });
}

void scatterCast(const char* src, DType srcType, char* dst, DType dstType, int64_t dstStride, int64_t n) {
  dispatch(srcType, [&](auto s) {
    using S = decltype(s);
    dispatch(dstType, [&](auto d) {
      using D = decltype(d);
      const S* sp = reinterpret_cast<const S*>(src);
      D* dp = reinterpret_cast<D*>(dst);
      for (int64_t i = 0; i < n; i++) dp[i * dstStride] = convert<D>(sp[i]);
    });
  });
}

void fillValue(double value, char* dst, DType dstType, int64_t n) {
  dispatch(dstType, [&](auto d) {
    using D = decltype(d);
    D v = convert<D>(value);
    D* dp = reinterpret_cast<D*>(dst);
    for (int64_t i = 0; i < n; i++) dp[i] = v;
  });
}

}  // namespace torch_native
