// softmax and log-softmax along one dim of any strided float32/float64 tensor. Plain C++ (no N-API); the
// binding checks every extent.
#pragma once
#include <cstdint>

#include "dtype.h"

namespace torch_native {

// Codes are part of the JS <-> C++ contract (packages/core/src/ops/softmax.ts mirrors them).
enum class SoftmaxOp : int { Softmax = 0, LogSoftmax = 1 };

struct SoftmaxCall {
  SoftmaxOp op = SoftmaxOp::Softmax;
  DType dtype = DType::F32;  // F32 or F64 (the caller converts other dtypes)
  int ndim = 0;
  int dim = 0;
  const int64_t* sizes = nullptr;
  const int64_t* strides = nullptr;
  const char* in = nullptr;  // element 0 (offset applied)
  char* out = nullptr;       // contiguous, the input's sizes and dtype
};

void runSoftmax(const SoftmaxCall& c);

}  // namespace torch_native
