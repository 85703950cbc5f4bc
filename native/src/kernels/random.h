// Random number generation.
//
// A Generator's state is mt19937 (the generator PyTorch's CPU backend uses), kept in a caller-owned
// array of 625 uint32 words (624 state words + index) so JS can save and restore it.
//
// Tensors are not filled from mt19937 directly. Each sampling call draws four words from it: a 64-bit
// key and a 64-bit nonce for Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as
// 1, 2, 3", SC'11; the counter-based generator cuRAND and PyTorch's CUDA backend use). Element i of
// the output then reads the words at fixed positions of that call's Philox stream (word w is word
// w % 4 of the block with counter (w / 4, nonce)). Every element's value is a function of (key, i)
// alone, so the work splits across threads freely and the same seed gives the same numbers whatever
// the thread count, and whether the target is contiguous or a strided view.
#pragma once
#include <cstdint>

#include "dtype.h"

namespace torch_native {

constexpr int kMtStateWords = 625;

void mtSeed(uint32_t* state, uint64_t seed);
uint32_t mtNext(uint32_t* state);
// Uniform doubles in [0, 1) with 53 random bits.
double mtUniform(uint32_t* state);

// One sampling call's Philox key (k0, k1) and counter high words (n0, n1).
struct PhiloxKey {
  uint32_t k0, k1, n0, n1;
};
// Draws a fresh key from the generator (advances it by four words).
PhiloxKey philoxKeyFrom(uint32_t* state);
// The four words of one Philox4x32-10 block (for tests of the generator itself).
void philoxBlock(uint32_t c0, uint32_t c1, uint32_t c2, uint32_t c3, uint32_t k0, uint32_t k1, uint32_t out[4]);

// What sample() draws. Words per element: Uniform/Normal on float32/float16 use one 32-bit word
// (24 or 31 random bits); everything else one 64-bit pair (52 random bits for doubles in [0, 1)).
enum class Dist : int {
  Uniform = 0,      // [a, b)
  Normal = 1,       // mean a, std b (Box-Muller; elements 2k and 2k+1 come from one pair)
  Exponential = 2,  // rate a: -log(u) / a, u in (0, 1), so always > 0
  Geometric = 3,    // success probability a: ceil(log(u) / log1p(-a)) >= 1 (saturates at the dtype's max)
  Cauchy = 4,       // median a, scale b: a + b * tan(pi * (u - 1/2))
  LogNormal = 5,    // exp(normal(a, b))
  Bernoulli = 6,    // u < a ? 1 : 0
  RandomInt = 7,    // from + floor(x * range / 2^64) for a 64-bit word x; range 0 means 2^64
};
constexpr int kNumDists = 8;

struct SampleParams {
  double a = 0, b = 0;
  int64_t from = 0;
  uint64_t range = 0;
};

// Fills n contiguous elements of `dtype` at `out` (multithreaded, deterministic).
void sample(const PhiloxKey& key, Dist dist, const SampleParams& params, char* out, DType dtype, int64_t n);

// The index of the first of n contiguous probabilities (float32 or float64) outside [0, 1] (NaN
// included), or -1.
int64_t firstBadProbability(const char* p, DType pType, int64_t n);
// out[i] = u_i < p[i] ? 1 : 0 for n contiguous elements (p checked by firstBadProbability first).
void bernoulliTensor(const PhiloxKey& key, const char* p, DType pType, char* out, DType dtype, int64_t n);

// A random permutation of 0..n-1 (Fisher-Yates from the top; step i draws word pair i of the stream).
void randperm(const PhiloxKey& key, int64_t n, char* out, DType dtype);

// Multinomial sampling over `rows` rows of `cats` contiguous float64 probabilities.
// multinomialCheck returns 0, or an error code: 1 a probability < 0 or NaN, 2 infinite, 3 a row sums to
// <= 0, 4 fewer than numSamples non-zero categories in a row (without replacement); *badRow names the row.
int multinomialCheck(const double* probs, int64_t rows, int64_t cats, int64_t numSamples, bool replacement, int64_t* badRow);
// Writes rows x numSamples category indices (rows checked first). With replacement: inverse CDF by
// binary search (sample s of row r draws word pair r * numSamples + s). Without: exponential races
// (category c of row r draws pair r * cats + c; the numSamples smallest Exp(1)/p_c, in increasing order).
void multinomial(const PhiloxKey& key, const double* probs, int64_t rows, int64_t cats, int64_t numSamples,
                 bool replacement, int64_t* out);

}  // namespace torch_native
