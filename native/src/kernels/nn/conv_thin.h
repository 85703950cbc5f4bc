// Products of convolutions with few column rows (input channels x kernel taps per group, at most
// kThinRows: the 1- and 3-channel first layers of image networks), conv_thin.cc. A GEMM library packs
// and blocks for the general shape; here one side of each product is at most 32 deep, so register-
// blocked kernels do it in one pass: the weight gradient (the plane is the inner dimension, the result
// only cog x kg) and the forward (the bias written with the sums, not in a pass of its own).
#pragma once
#include <cstdint>

namespace torch_native::nn {

constexpr int64_t kThinRows = 32;

// Lane sums of the weight gradient g [cog, L] @ col [kg, L]^T (rows contiguous), kg <= kThinRows:
// lanes [cog, kg, thinLanes<T>] += the entries' partial sums, one per lane of a 64-byte vector, and
// biasLanes [cog, thinLanes<T>] += those of g's row sums when not null. Summed over many samples and
// reduced once by the caller (conv.cc), they replace a horizontal sum per entry per sample.
template <typename T>
constexpr int64_t thinLanes = 64 / sizeof(T);
void thinGradWeightLanes(int64_t cog, int64_t kg, int64_t L, const float* g, const float* col, float* lanes, float* biasLanes);
void thinGradWeightLanes(int64_t cog, int64_t kg, int64_t L, const double* g, const double* col, double* lanes, double* biasLanes);
// out [cog, L] = w [cog, kg] @ col [kg, L] + bias (per row; null for none). kg <= kThinRows.
void thinForward(int64_t cog, int64_t kg, int64_t L, const float* w, const float* col, const float* bias, float* out);
void thinForward(int64_t cog, int64_t kg, int64_t L, const double* w, const double* col, const double* bias, double* out);

}  // namespace torch_native::nn
