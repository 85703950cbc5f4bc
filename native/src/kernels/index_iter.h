// A small strided walker for the indexing kernels: several operands over one shape, dims coalesced,
// visited as runs along the innermost dim. Each operand has its own strides (0 where broadcast).
#pragma once
#include <cstdint>

namespace torch_native {

constexpr int kMaxWalkOperands = 68;  // dst, src, mask and up to 64 index tensors (plus slack)

struct Walk {
  int nd = 0;     // dims after coalescing, innermost first
  int nops = 0;
  int64_t sizes[64];
  int64_t strides[kMaxWalkOperands][64];  // [operand][dim], innermost first
  int64_t numel = 1;
};

// Builds a walk from row-major sizes and per-operand row-major strides: drops size-1 dims and merges
// neighbours that every operand steps through as one. A size-0 dim gives numel 0.
inline void makeWalk(Walk& w, int ndim, const int64_t* sizes, int nops, const int64_t* const* strides) {
  w.nops = nops;
  w.nd = 0;
  w.numel = 1;
  for (int d = ndim - 1; d >= 0; d--) {
    int64_t s = sizes[d];
    w.numel *= s;
    if (s == 1) continue;
    if (w.nd > 0) {
      int prev = w.nd - 1;
      bool merge = true;
      for (int k = 0; k < nops && merge; k++) merge = strides[k][d] == w.strides[k][prev] * w.sizes[prev];
      if (merge) {
        w.sizes[prev] *= s;
        continue;
      }
    }
    w.sizes[w.nd] = s;
    for (int k = 0; k < nops; k++) w.strides[k][w.nd] = strides[k][d];
    w.nd++;
  }
  if (w.nd == 0) {  // 0-dim or all ones: one run of one element
    w.sizes[0] = 1;
    for (int k = 0; k < nops; k++) w.strides[k][0] = 0;
    w.nd = 1;
  }
}

// Visits linear positions [begin, end) of the walk as runs: fn(offs, n) with offs[k] the element
// offset of operand k at the run's start and n the run length along dim 0 (stride strides[k][0]).
template <class F>
inline void walkRange(const Walk& w, int64_t begin, int64_t end, F&& fn) {
  if (begin >= end) return;
  int64_t coord[64];
  int64_t offs[kMaxWalkOperands];
  int64_t rem = begin;
  for (int k = 0; k < w.nops; k++) offs[k] = 0;
  for (int d = 0; d < w.nd; d++) {
    coord[d] = rem % w.sizes[d];
    rem /= w.sizes[d];
    for (int k = 0; k < w.nops; k++) offs[k] += coord[d] * w.strides[k][d];
  }
  int64_t pos = begin;
  while (pos < end) {
    int64_t n = w.sizes[0] - coord[0];
    if (n > end - pos) n = end - pos;
    fn(static_cast<const int64_t*>(offs), n);
    pos += n;
    if (pos >= end) break;
    // advance to the next run: dim 0 wraps (or stops mid-run only at `end`)
    coord[0] += n;
    for (int k = 0; k < w.nops; k++) offs[k] += n * w.strides[k][0];
    for (int d = 0; d < w.nd && coord[d] == w.sizes[d]; d++) {
      coord[d] = 0;
      for (int k = 0; k < w.nops; k++) offs[k] -= w.sizes[d] * w.strides[k][d];
      if (d + 1 < w.nd) {
        coord[d + 1]++;
        for (int k = 0; k < w.nops; k++) offs[k] += w.strides[k][d + 1];
      }
    }
  }
}

}  // namespace torch_native
