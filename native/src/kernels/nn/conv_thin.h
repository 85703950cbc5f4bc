// Products of convolutions with few column rows (input channels x kernel taps per group, at most
// kThinRows: the 1- and 3-channel first layers of image networks), conv_thin.cc. A GEMM library packs
// and blocks for the general shape; here one side of each product is at most 32 deep, so register-
// blocked kernels do it in one pass: the weight gradient (the plane is the inner dimension, the result
// only cog x kg) and the forward (the bias written with the sums, not in a pass of its own).
#pragma once
#include <cstdint>

namespace torch_native::nn {

constexpr int64_t kThinRows = 32;

// gw [cog, kg] = beta * gw + alpha * g [cog, L] @ col[kg, L]^T (rows contiguous; gw not read when beta
// is 0). kg <= kThinRows.
void thinGradWeight(int64_t cog, int64_t kg, int64_t L, const float* g, const float* col, float* gw, float alpha, float beta);
void thinGradWeight(int64_t cog, int64_t kg, int64_t L, const double* g, const double* col, double* gw, double alpha, double beta);
// out [cog, L] = w [cog, kg] @ col [kg, L] + bias (per row; null for none). kg <= kThinRows.
void thinForward(int64_t cog, int64_t kg, int64_t L, const float* w, const float* col, const float* bias, float* out);
void thinForward(int64_t cog, int64_t kg, int64_t L, const double* w, const double* col, const double* bias, double* out);

}  // namespace torch_native::nn
