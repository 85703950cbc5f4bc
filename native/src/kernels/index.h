// Indexing kernels: one indexed gather/scatter over strided operands (indexSelect, indexCopy_,
// indexAdd_, indexFill_, gather, scatter_, scatterAdd_, take, put_, advanced indexing get/set/
// indexPut_), and the mask kernels (maskedSelect, maskedFill_, maskedScatter_, nonzero).
// Plain C++ (no N-API); the binding checks every extent first.
//
// The indexed kernel works like ATen's advanced indexing: the caller restrides the indexed tensor so
// that the dims an index replaces have stride 0, and gives each index tensor its strides over the
// iteration shape plus the size and stride of the dim of the indexed tensor it selects along. An
// element's position in the indexed tensor is then base + sum_k index_k * selfStride_k.
#pragma once
#include <cstdint>

#include "dtype.h"

namespace torch_native {

// Gather: dst[i] = src[i + off]. Scatter*: dst[i + off] (=, +=, *=) src[i]; off = sum of index terms.
enum class IndexMode : int { Gather = 0, Scatter = 1, ScatterAdd = 2, ScatterMul = 3 };

constexpr int kMaxIndexDims = 64;

struct IndexOperand {
  const int64_t* data = nullptr;     // element 0 of the index tensor (int64)
  const int64_t* strides = nullptr;  // over the iteration shape (0 where broadcast)
  int64_t size = 0;                  // size of the dim it selects along (valid: [0, size) or [-size, size))
  int64_t selfStride = 0;            // that dim's stride in the indexed tensor, in elements
};

struct IndexCall {
  IndexMode mode = IndexMode::Gather;
  DType dtype = DType::F32;
  int ndim = 0;
  const int64_t* sizes = nullptr;  // iteration shape
  char* dst = nullptr;             // element 0 (offset applied)
  const int64_t* dstStrides = nullptr;
  const char* src = nullptr;
  const int64_t* srcStrides = nullptr;
  int nidx = 0;
  const IndexOperand* idx = nullptr;
  bool negative = false;  // indices in [-size, 0) count from the end
  double alpha = 1;       // ScatterAdd: dst += alpha * src (integers: alpha truncated, as PyTorch)
};

// The first index outside its range: which index tensor, its value, and its element number in the
// order the validation pass visits (row-major over the dims the index varies along).
struct IndexFault {
  int which = -1;
  int64_t value = 0;
};

// Runs the call; returns false and fills `fault` when an index is out of range. Scatter modes check
// every index in a parallel pass first, so then nothing has been written. A gather checks each run of
// indices just before using it (saving a pass over them): on a fault its destination, always a fresh
// or `out` tensor, may be partly written. Gather splits anywhere; scatter modes split only along a dim
// that moves the destination, so two threads never write one element (duplicates then accumulate
// deterministically).
bool runIndex(const IndexCall& c, IndexFault* fault);

// ---------------------------------------------------------------- masks

enum class MaskMode : int { Count = 0, Select = 1, Fill = 2, Scatter = 3, Nonzero = 4 };

struct MaskCall {
  MaskMode mode = MaskMode::Count;
  DType dtype = DType::F32;  // of self/out/src (Nonzero: the dtype of `self` tested for != 0)
  int ndim = 0;
  const int64_t* sizes = nullptr;  // the broadcast shape
  char* self = nullptr;            // Select: read; Fill/Scatter: written; Nonzero: tested. element 0
  const int64_t* selfStrides = nullptr;
  const uint8_t* mask = nullptr;  // bool/uint8 mask (Count, Select, Fill, Scatter); null for Nonzero
  const int64_t* maskStrides = nullptr;
  char* out = nullptr;        // Select: contiguous values; Nonzero: int64 [count, ndim] contiguous
  const char* src = nullptr;  // Fill: the value (one element); Scatter: contiguous source
  int64_t capacity = 0;       // Select/Scatter/Nonzero: slots out/src hold (Nonzero: rows of ndim)
};

// Count: number of set mask elements (or, without a mask, of non-zero self elements). Select,
// Scatter, Nonzero: the number of elements moved, or -1 (nothing written) when that is more than
// `capacity`. Fill: 0.
int64_t runMask(const MaskCall& c);

}  // namespace torch_native
