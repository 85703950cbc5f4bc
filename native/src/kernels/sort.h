// Sorting and selection along one dim of a strided tensor: sort, topk, kthvalue, median, mode, and
// unique of a contiguous 1-D array. Plain C++ (no N-API); the binding validates every extent first.
//
// Order: every element is mapped to an unsigned key whose unsigned order is the value order, with
// NaN above +inf (as PyTorch sorts it) and -0 equal to +0; descending order inverts the key. Ties are
// always broken by the element's position, so every result is the stable one (and deterministic).
#pragma once
#include <cstdint>

#include "dtype.h"

namespace torch_native {

enum class SortKind : int { Sort = 0, TopK = 1, KthValue = 2, Median = 3, Mode = 4 };

struct SortCall {
  SortKind kind = SortKind::Sort;
  DType dtype = DType::F32;
  int ndim = 0;
  int dim = 0;
  // TopK: how many; KthValue: the 0-based rank in ascending order. Sort/Median/Mode: unused.
  int64_t k = 0;
  // Sort: descending; TopK: largest.
  bool descending = false;
  const int64_t* sizes = nullptr;  // input sizes; outputs have the same sizes except along dim
  const char* in = nullptr;        // element 0 of the input (offset applied)
  const int64_t* inStrides = nullptr;
  char* values = nullptr;  // element 0 of the values output, or null to skip values
  const int64_t* valStrides = nullptr;
  int64_t* indices = nullptr;  // element 0 of the indices output, or null to skip indices
  const int64_t* idxStrides = nullptr;
};

// Length of the outputs along dim: n for Sort, k for TopK, 1 otherwise.
int64_t sortOutputLength(const SortCall& c);

// Runs the call, splitting rows across the thread pool. Rows along dim must be shorter than 2^32.
void runSort(const SortCall& c);

// Unique elements of a contiguous array of n elements, ascending (NaNs are all distinct and last).
// values gets the unique elements (capacity n), inverse[i] the position of in[i] among them,
// counts[j] how often values[j] occurs; inverse and counts may be null. Returns the unique count.
int64_t runUnique(DType dtype, const char* in, int64_t n, char* values, int64_t* inverse, int64_t* counts);

}  // namespace torch_native
