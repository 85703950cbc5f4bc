// Converting runs of elements between storage dtypes. Used by the iterator to gather strided or
// differently-typed operands into contiguous compute buffers and to scatter results back.
#pragma once
#include <cstdint>

#include "dtype.h"

namespace torch_native {

// dst[i] = (dstType) src[i * srcStride], i < n; dst is contiguous.
void gatherCast(const char* src, DType srcType, int64_t srcStride, char* dst, DType dstType, int64_t n);
// dst[i * dstStride] = (dstType) src[i], i < n; src is contiguous.
void scatterCast(const char* src, DType srcType, char* dst, DType dstType, int64_t dstStride, int64_t n);
// Writes `value` converted to dstType into dst[0..n).
void fillValue(double value, char* dst, DType dstType, int64_t n);

}  // namespace torch_native
