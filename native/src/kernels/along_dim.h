// Offsets for the kernels that work along one dim of a strided tensor (scan.cc, softmax.cc): the dims
// before `dim` are the outer index, those after it the inner index, both in row-major order.
#pragma once
#include <cstdint>
#include <vector>

namespace torch_native {

// Input offset of outer index o (dims [0, dim)).
inline int64_t outerOffset(const int64_t* sizes, const int64_t* strides, int dim, int64_t o) {
  int64_t off = 0;
  for (int d = dim - 1; d >= 0; d--) {
    off += (o % sizes[d]) * strides[d];
    o /= sizes[d];
  }
  return off;
}

// Input offset of every inner index (dims (dim, ndim)).
inline std::vector<int64_t> innerOffsets(const int64_t* sizes, const int64_t* strides, int ndim, int dim) {
  int64_t innerM = 1;
  for (int d = dim + 1; d < ndim; d++) innerM *= sizes[d];
  std::vector<int64_t> offs(innerM);
  for (int64_t j = 0; j < innerM; j++) {
    int64_t rest = j, off = 0;
    for (int d = ndim - 1; d > dim; d--) {
      off += (rest % sizes[d]) * strides[d];
      rest /= sizes[d];
    }
    offs[j] = off;
  }
  return offs;
}

}  // namespace torch_native
