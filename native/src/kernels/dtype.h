// Element types shared by every kernel. The numeric codes are part of the JS <-> C++ contract:
// packages/core/src/dtype.ts uses the same numbers.
#pragma once
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace torch_native {

enum class DType : int { F32 = 0, F64 = 1, F16 = 2, I64 = 3, I32 = 4, I16 = 5, I8 = 6, U8 = 7, Bool = 8 };
constexpr int kNumDTypes = 9;

inline int itemSize(DType t) {
  switch (t) {
    case DType::F64: case DType::I64: return 8;
    case DType::F32: case DType::I32: return 4;
    case DType::F16: case DType::I16: return 2;
    default: return 1;
  }
}

inline const char* dtypeName(DType t) {
  static const char* names[] = {"float32", "float64", "float16", "int64", "int32", "int16", "int8", "uint8", "bool"};
  return names[static_cast<int>(t)];
}

// Half floats are computed in float32; bool is computed as uint8 and normalised to 0/1 on store.
inline DType computeTypeFor(DType t) {
  if (t == DType::F16) return DType::F32;
  if (t == DType::Bool) return DType::U8;
  return t;
}

// IEEE 754 binary16 <-> binary32, round-to-nearest-even; portable (no F16C requirement).
inline float halfToFloat(uint16_t h) {
  uint32_t sign = (uint32_t)(h & 0x8000) << 16;
  uint32_t exp = (h >> 10) & 0x1f;
  uint32_t mant = h & 0x3ff;
  uint32_t bits;
  if (exp == 0) {
    if (mant == 0) {
      bits = sign;
    } else {  // subnormal: normalise
      int e = -1;
      do { mant <<= 1; e++; } while ((mant & 0x400) == 0);
      mant &= 0x3ff;
      bits = sign | ((uint32_t)(127 - 15 - e) << 23) | (mant << 13);
    }
  } else if (exp == 31) {
    bits = sign | 0x7f800000u | (mant << 13);
  } else {
    bits = sign | ((exp + 127 - 15) << 23) | (mant << 13);
  }
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

inline uint16_t floatToHalf(float f) {
  uint32_t x;
  std::memcpy(&x, &f, 4);
  uint32_t sign = (x >> 16) & 0x8000;
  uint32_t absx = x & 0x7fffffffu;
  if (absx >= 0x7f800000u) {  // inf or nan
    return (uint16_t)(sign | 0x7c00 | (absx > 0x7f800000u ? 0x200 | ((absx >> 13) & 0x3ff) : 0));
  }
  if (absx >= 0x477ff000u) return (uint16_t)(sign | 0x7c00);  // rounds to inf
  if (absx < 0x38800000u) {  // result is subnormal or zero
    if (absx < 0x33000000u) return (uint16_t)sign;
    uint32_t mant = (absx & 0x7fffff) | 0x800000;
    int shift = 126 - (int)(absx >> 23);  // 14..24
    uint32_t half = mant >> shift;
    uint32_t rem = mant & ((1u << shift) - 1);
    uint32_t mid = 1u << (shift - 1);
    if (rem > mid || (rem == mid && (half & 1))) half++;
    return (uint16_t)(sign | half);
  }
  uint32_t e = (absx >> 23) - 127 + 15;
  uint32_t mant = absx & 0x7fffff;
  uint32_t half = (e << 10) | (mant >> 13);
  uint32_t rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem == 0x1000 && (half & 1))) half++;
  return (uint16_t)(sign | half);
}

}  // namespace torch_native
