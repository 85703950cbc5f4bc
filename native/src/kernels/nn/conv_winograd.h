// Winograd F(4x4, 3x3) convolution for float32 3x3 stride-1 layers (conv_winograd.cc). conv.cc routes
// the calls it applies to here: the forward, the input gradient as the forward of the flipped,
// transposed filters over the output gradient, and the weight gradient.
#pragma once
#include <functional>

#include "nn.h"

namespace torch_native::nn {

// True when winogradForward computes this call: float32, 2-d, kernel 3x3, stride 1, dilation 1, at
// least 16 input and output channels per group and an output plane of at least 4x4.
bool winogradApplies(const ConvCall& c);
// output [N, Cout, oh, ow] = conv(input, weight) + bias (bias may be null); the call must apply and the
// weights be finite. A sample holding NaN or Inf is left to fallback(n, parallelProducts), which must
// write its output (Winograd would spread a non-finite value beyond the outputs whose window holds it).
void winogradForward(const ConvCall& c, const float* input, const float* weight, const float* bias, float* output,
                     const std::function<void(int64_t, bool)>& fallback);
// gradWeight [Cout, Cin/groups, 3, 3] += scale * the weight gradient of conv for gradOut. False (nothing
// written) when the call does not apply or input or gradOut holds a NaN or Inf.
bool winogradGradWeight(const ConvCall& c, const float* input, const float* gradOut, float* gradWeight, float scale);
// Whether n floats hold no NaN or Inf.
bool allFinite(const float* x, int64_t n);

}  // namespace torch_native::nn
