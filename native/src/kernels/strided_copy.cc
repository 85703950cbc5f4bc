#include "strided_copy.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "threadpool.h"

namespace torch_native {
namespace {

// Tile edge for transposing copies: a 32 x 32 tile of 8-byte elements is 8 KiB per side, in L1.
constexpr int64_t kTile = 32;
// Longest stretch of one row copied as one work item (256 KiB of float32).
constexpr int64_t kRowPiece = 1 << 16;

template <class T>
void copyRow(T* o, int64_t os, const T* in, int64_t is, int64_t n) {
  if (os == 1 && is == 1) {
    std::memcpy(o, in, static_cast<size_t>(n) * sizeof(T));
  } else if (os == 1 && is == -1) {
    for (int64_t k = 0; k < n; k++) o[k] = in[-k];
  } else if (os == 1) {
    for (int64_t k = 0; k < n; k++) o[k] = in[k * is];
  } else {
    for (int64_t k = 0; k < n; k++) o[k * os] = in[k * is];
  }
}

// Position of item `item` over the dims in `dims` (row-major over them): element offsets into out and in.
struct Outer {
  int n = 0;
  int dims[kMaxDims];
  int64_t count = 1;
  void offsets(const ElementwiseCall& c, int64_t item, int64_t& oo, int64_t& io) const {
    oo = 0;
    io = 0;
    for (int k = n - 1; k >= 0; k--) {
      const int d = dims[k];
      const int64_t i = item % c.sizes[d];
      item /= c.sizes[d];
      oo += i * c.out.strides[d];
      io += i * c.in[0].strides[d];
    }
  }
};

template <class T>
void copyTyped(const ElementwiseCall& c, int a, int b) {
  T* out = reinterpret_cast<T*>(c.out.data);
  const T* in = reinterpret_cast<const T*>(c.in[0].data);
  const int64_t na = c.sizes[a], osA = c.out.strides[a], isA = c.in[0].strides[a];
  Outer outer;
  for (int d = 0; d < c.ndim; d++)
    if (d != a && d != b) {
      outer.dims[outer.n++] = d;
      outer.count *= c.sizes[d];
    }
  if (a == b) {
    // Rows along a, cut into pieces of at most kRowPiece elements so that a single long row (a whole
    // contiguous tensor, or one input of a cat) is still shared among the threads.
    const int64_t pieces = (na + kRowPiece - 1) / kRowPiece, pieceLen = std::min(na, kRowPiece);
    const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(pieceLen, 1));
    parallelFor(outer.count * pieces, grain, [&](int64_t begin, int64_t end) {
      for (int64_t item = begin; item < end; item++) {
        int64_t oo, io;
        outer.offsets(c, item / pieces, oo, io);
        const int64_t k0 = (item % pieces) * kRowPiece, k1 = std::min(na, k0 + kRowPiece);
        copyRow(out + oo + k0 * osA, osA, in + io + k0 * isA, isA, k1 - k0);
      }
    });
    return;
  }
  // Tiles over (a, b): an item is one outer position and one block of kTile along b; the inner loop
  // runs along a, out's fastest dim, while the kTile input lines it reads stay in cache across b.
  const int64_t nb = c.sizes[b], osB = c.out.strides[b], isB = c.in[0].strides[b];
  const int64_t blocks = (nb + kTile - 1) / kTile;
  const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(kTile * na, 1));
  parallelFor(outer.count * blocks, grain, [&](int64_t begin, int64_t end) {
    for (int64_t item = begin; item < end; item++) {
      int64_t oo, io;
      outer.offsets(c, item / blocks, oo, io);
      const int64_t b0 = (item % blocks) * kTile, b1 = std::min(nb, b0 + kTile);
      for (int64_t a0 = 0; a0 < na; a0 += kTile) {
        const int64_t a1 = std::min(na, a0 + kTile);
        for (int64_t j = b0; j < b1; j++) {
          T* o = out + oo + j * osB;
          const T* s = in + io + j * isB;
          for (int64_t i = a0; i < a1; i++) o[i * osA] = s[i * isA];
        }
      }
    }
  });
}

// The dim with the smallest non-zero |stride|, or -1 when every stride is 0.
int fastest(const int64_t* strides, int ndim) {
  int best = -1;
  for (int d = 0; d < ndim; d++) {
    const int64_t s = std::llabs(strides[d]);
    if (s != 0 && (best < 0 || s < std::llabs(strides[best]))) best = d;
  }
  return best;
}

}  // namespace

bool stridedCopy(const ElementwiseCall& c) {
  if (c.op != Op::Copy || c.in[0].isScalar || c.in[0].dtype != c.out.dtype) return false;
  const int a = fastest(c.out.strides, c.ndim);
  if (a < 0) return false;  // a single output element: the generic path
  int b = fastest(c.in[0].strides, c.ndim);
  // Tile only when the input really is strided along out's fastest dim; otherwise copy rows along a.
  if (b < 0 || std::llabs(c.in[0].strides[a]) <= 1 || c.in[0].strides[a] == 0) b = a;
  switch (itemSize(c.out.dtype)) {
    case 1: copyTyped<uint8_t>(c, a, b); return true;
    case 2: copyTyped<uint16_t>(c, a, b); return true;
    case 4: copyTyped<uint32_t>(c, a, b); return true;
    case 8: copyTyped<uint64_t>(c, a, b); return true;
  }
  return false;
}

}  // namespace torch_native
