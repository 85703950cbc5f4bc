// The weight gradient of a convolution with few column rows (input channels x kernel taps per group,
// at most kThinRows: the 1- and 3-channel first layers of image networks), conv_thin.cc. A GEMM
// library packs and blocks for the general shape; here the product's inner dimension is the output
// plane and its result only cog x kg, so a register-blocked dot kernel does it in one pass.
#pragma once
#include <cstdint>

namespace torch_native::nn {

constexpr int64_t kThinRows = 32;

// gw [cog, kg] = beta * gw + alpha * g [cog, L] @ col[kg, L]^T (rows contiguous; gw not read when beta
// is 0). kg <= kThinRows.
void thinGradWeight(int64_t cog, int64_t kg, int64_t L, const float* g, const float* col, float* gw, float alpha, float beta);
void thinGradWeight(int64_t cog, int64_t kg, int64_t L, const double* g, const double* col, double* gw, double alpha, double beta);

}  // namespace torch_native::nn
