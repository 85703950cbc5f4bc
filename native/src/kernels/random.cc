#include "random.h"

#include <cmath>

#include "cast.h"

namespace torch_native {

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

namespace {
// Samples go through a small double buffer, then one cast into the destination dtype.
template <class Sample>
void fillWith(char* out, DType dtype, int64_t n, Sample sample) {
  double buf[256];
  const int size = itemSize(dtype);
  for (int64_t done = 0; done < n;) {
    int64_t m = n - done < 256 ? n - done : 256;
    for (int64_t i = 0; i < m; i++) buf[i] = sample();
    gatherCast(reinterpret_cast<const char*>(buf), DType::F64, 1, out + done * size, dtype, m);
    done += m;
  }
}
}  // namespace

void fillUniform(uint32_t* s, char* out, DType dtype, int64_t n, double low, double high) {
  const double span = high - low;
  // Float32 results must stay below `high`: rounding low + u*span up to high would break [low, high).
  fillWith(out, dtype, n, [&] {
    double v = low + mtUniform(s) * span;
    if (dtype == DType::F32 && static_cast<float>(v) >= static_cast<float>(high) && span > 0)
      v = std::nextafter(static_cast<float>(high), -INFINITY);
    return v;
  });
}

void fillNormal(uint32_t* s, char* out, DType dtype, int64_t n, double mean, double std) {
  // Box-Muller, using both outputs of each pair.
  bool haveSpare = false;
  double spare = 0;
  fillWith(out, dtype, n, [&] {
    if (haveSpare) { haveSpare = false; return mean + std * spare; }
    double u1 = 1.0 - mtUniform(s), u2 = mtUniform(s);
    double r = std::sqrt(-2.0 * std::log(u1)), theta = 2.0 * M_PI * u2;
    spare = r * std::sin(theta);
    haveSpare = true;
    return mean + std * r * std::cos(theta);
  });
}

}  // namespace torch_native
