// Layer kernels of nn (convolution, pooling, batch norm), shaped as THNN's: a forward, a gradInput and
// an accumulate-gradParameters entry per layer, writing into outputs the caller allocated. Plain C++ (no
// N-API); every tensor is contiguous and float32/float64, and the binding has checked that each one
// holds the elements its geometry reaches. 1d and 2d layers are 3d ones with leading spatial sizes 1.
#pragma once
#include <cstdint>

#include "../dtype.h"

namespace torch_native::nn {

// Spatial geometry of a sliding window over [N, C, D, H, W] (index 0 = depth, 1 = height, 2 = width).
struct Window {
  int64_t in[3] = {1, 1, 1};
  int64_t out[3] = {1, 1, 1};
  int64_t kernel[3] = {1, 1, 1};
  int64_t stride[3] = {1, 1, 1};
  int64_t pad[3] = {0, 0, 0};
  int64_t dilation[3] = {1, 1, 1};
  int64_t inPlane() const { return in[0] * in[1] * in[2]; }
  int64_t outPlane() const { return out[0] * out[1] * out[2]; }
  int64_t kernelVolume() const { return kernel[0] * kernel[1] * kernel[2]; }
};

// Convolution: input [N, C, in...], weight [Cout, C/groups, kernel...], output [N, Cout, out...].
struct ConvCall {
  DType dtype = DType::F32;
  int64_t batch = 0, inChannels = 0, outChannels = 0, groups = 1;
  Window w;
};

// output = conv(input, weight) + bias (bias may be null).
void convForward(const ConvCall& c, const void* input, const void* weight, const void* bias, void* output);
// gradInput = the input gradient of conv for gradOutput (overwritten).
void convGradInput(const ConvCall& c, const void* gradOutput, const void* weight, void* gradInput);
// gradWeight += scale * dconv/dweight, gradBias += scale * Σ gradOutput (either may be null).
void convAccGradParameters(const ConvCall& c, const void* input, const void* gradOutput, void* gradWeight, void* gradBias,
                           double scale);

// Pooling over planes [N*C, in...] -> [N*C, out...].
struct PoolCall {
  DType dtype = DType::F32;
  int64_t planes = 0;
  Window w;
  bool countIncludePad = true;  // average pooling
  int64_t divisor = 0;          // average pooling: > 0 overrides the window size
};

// Max pooling; indices (int64) are flat positions inside the input plane, as PyTorch's.
void maxPoolForward(const PoolCall& c, const void* input, void* output, int64_t* indices);
// gradInput (zeroed here) receives gradOutput at the saved indices; false if an index lies outside the plane.
bool maxPoolBackward(const PoolCall& c, const void* gradOutput, const int64_t* indices, void* gradInput);
void avgPoolForward(const PoolCall& c, const void* input, void* output);
void avgPoolBackward(const PoolCall& c, const void* gradOutput, void* gradInput);
// Adaptive pools: window o covers [floor(o*in/out), ceil((o+1)*in/out)) along each dim; kernel etc. unused.
void adaptiveAvgPoolForward(const PoolCall& c, const void* input, void* output);
void adaptiveAvgPoolBackward(const PoolCall& c, const void* gradOutput, void* gradInput);
void adaptiveMaxPoolForward(const PoolCall& c, const void* input, void* output, int64_t* indices);
// max unpooling: output (zeroed here, out plane) gets input at indices; false if one is outside the plane.
bool maxUnpoolForward(const PoolCall& c, const void* input, const int64_t* indices, void* output);
// gradInput[i] = gradOutput[indices[i]]; false if an index is outside the plane.
bool maxUnpoolBackward(const PoolCall& c, const void* gradOutput, const int64_t* indices, void* gradInput);

// Fractional max pooling 2d (fractional_pool.cc): planes [N*C, H, W] -> [N*C, outH, outW] with windows
// of kernel[1] x kernel[2]; samples holds two numbers per plane in [0, 1) (width's, then height's) that
// fix the window starts. Indices as maxPoolForward's. False (nothing written) if a sample is outside
// [0, 1) or the kernel is larger than the plane.
bool fractionalMaxPool2dForward(const PoolCall& c, const void* input, const void* samples, void* output, int64_t* indices);

// Batch norm over [N, C, S] (S: the product of the spatial sizes).
struct BatchNormCall {
  DType dtype = DType::F32;
  int64_t batch = 0, channels = 0, spatial = 1;
  double momentum = 0.1, eps = 1e-5;
};

// Training: normalises with the batch statistics, writes saveMean/saveInvstd [C] and (when not null)
// updates runningMean/runningVar [C] with momentum (the variance unbiased, as PyTorch).
void batchNormTrain(const BatchNormCall& c, const void* input, const void* weight, const void* bias, void* output,
                    void* saveMean, void* saveInvstd, void* runningMean, void* runningVar);
// Evaluation: normalises with runningMean/runningVar.
void batchNormEval(const BatchNormCall& c, const void* input, const void* weight, const void* bias, const void* runningMean,
                   const void* runningVar, void* output);
// Backward of either form: `training` uses saveMean/saveInvstd (the batch statistics), otherwise they hold
// the running mean and 1/sqrt(runningVar + eps). gradInput, gradWeight, gradBias may each be null;
// gradWeight/gradBias are accumulated with `scale`.
void batchNormBackward(const BatchNormCall& c, bool training, const void* input, const void* gradOutput, const void* weight,
                       const void* saveMean, const void* saveInvstd, void* gradInput, void* gradWeight, void* gradBias,
                       double scale);

}  // namespace torch_native::nn
