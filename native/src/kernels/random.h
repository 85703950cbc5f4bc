// Mersenne Twister (mt19937, the generator PyTorch's CPU backend uses) with its whole state in a
// caller-owned array of 625 uint32 words (624 state words + index), so JS can save and restore it.
// Sampling is sequential, so the same seed gives the same numbers whatever the thread count.
#pragma once
#include <cstdint>

#include "dtype.h"

namespace torch_native {

constexpr int kMtStateWords = 625;

void mtSeed(uint32_t* state, uint64_t seed);
uint32_t mtNext(uint32_t* state);
// Uniform doubles in [0, 1) with 53 random bits.
double mtUniform(uint32_t* state);

// Fill n contiguous elements of `dtype` at `out`.
void fillUniform(uint32_t* state, char* out, DType dtype, int64_t n, double low, double high);
void fillNormal(uint32_t* state, char* out, DType dtype, int64_t n, double mean, double std);

}  // namespace torch_native
