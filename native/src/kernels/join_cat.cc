// cat's one-pass copy: every part's rows go to their columns of the output in a single parallel loop
// (join.h). Per-part strided copies wrote the whole output once per part: stack(8 x [1e5], 1) walked
// 3.2 MB eight times to write one float in eight each time.
#include <algorithm>
#include <cstring>

#include "join.h"
#include "threadpool.h"

namespace torch_native {
namespace {

// Bytes of output one block of rows spans: the rows of a block stay in L1 while every part writes
// its columns into them.
constexpr int64_t kBlockBytes = 16384;
// Runs at least this long go through memcpy; shorter ones are element loops.
constexpr int64_t kMemcpyBytes = 256;

// Copies n bytes four 64-byte vectors a step (AVX-512, AVX2 or SSE2, whichever the CPU has). For the
// pieces of cat's long rows (4 KiB each along dim 1 of 4 x [1000, 1000]) it beat memcpy, which glibc 2.36
// runs as `rep movsb` at that size.
__attribute__((target_clones("arch=x86-64-v4", "avx2", "default"))) void copyPiece(char* __restrict dst, const char* __restrict src, int64_t n) {
  using Block = char __attribute__((vector_size(64), aligned(1)));
  int64_t i = 0;
  for (; i + 256 <= n; i += 256) {
    const Block a = *reinterpret_cast<const Block*>(src + i), b = *reinterpret_cast<const Block*>(src + i + 64);
    const Block c = *reinterpret_cast<const Block*>(src + i + 128), d = *reinterpret_cast<const Block*>(src + i + 192);
    *reinterpret_cast<Block*>(dst + i) = a;
    *reinterpret_cast<Block*>(dst + i + 64) = b;
    *reinterpret_cast<Block*>(dst + i + 128) = c;
    *reinterpret_cast<Block*>(dst + i + 192) = d;
  }
  if (i < n) std::memcpy(dst + i, src + i, static_cast<size_t>(n - i));
}

// Rows [o0, o1) of the output, a block of rows at a time, part after part within a block. Rows of more
// than half a block (a block would hold one) go part after part over the whole range instead, so that
// each part is read as one sequential stream: cat of 4 x [1000, 1000] along dim 1 (16 KB rows) 330-360 ->
// 270-285 us with 2 threads, 860 -> 690 us with one (medians of 20 rounds alternated in one process,
// with copyPiece).
template <class T>
void copyRows(const CatLayout& c, int64_t o0, int64_t o1) {
  const int64_t stride = c.dstRowStride;
  const int64_t block = kBlockBytes / static_cast<int64_t>(stride * sizeof(T));
  T* dst = reinterpret_cast<T*>(c.dst);
  if (block <= 1) {
    int64_t column = 0;
    for (int j = 0; j < c.parts; j++) {
      const int64_t k = c.inner[j], bytes = k * static_cast<int64_t>(sizeof(T));
      const T* s = reinterpret_cast<const T*>(c.src[j]);
      for (int64_t o = o0; o < o1; o++)
        copyPiece(reinterpret_cast<char*>(dst + o * stride + column), reinterpret_cast<const char*>(s + o * k), bytes);
      column += k;
    }
    return;
  }
  for (int64_t o = o0; o < o1; o += block) {
    const int64_t rows = std::min(block, o1 - o);
    int64_t column = 0;
    for (int j = 0; j < c.parts; j++) {
      const int64_t k = c.inner[j];
      const T* s = reinterpret_cast<const T*>(c.src[j]) + o * k;
      T* d = dst + o * stride + column;
      column += k;
      if (k == 1) {
        for (int64_t r = 0; r < rows; r++) d[r * stride] = s[r];
      } else if (k * static_cast<int64_t>(sizeof(T)) >= kMemcpyBytes) {
        for (int64_t r = 0; r < rows; r++) std::memcpy(d + r * stride, s + r * k, k * sizeof(T));
      } else {
        for (int64_t r = 0; r < rows; r++)
          for (int64_t e = 0; e < k; e++) d[r * stride + e] = s[r * k + e];
      }
    }
  }
}

// Elements [begin, end) of the output's rows laid end to end (row o's column x is o * rowLen + x),
// as memcpy runs: for few long rows (cat along dim 0 has one), where splitting by rows would leave
// threads idle.
void copySpan(const CatLayout& c, int64_t rowLen, int64_t begin, int64_t end) {
  const int64_t size = c.itemSize;
  int64_t o = begin / rowLen, x = begin % rowLen, left = end - begin;
  int j = 0;
  int64_t start = 0;  // part j's first column
  while (start + c.inner[j] <= x) start += c.inner[j++];
  while (left > 0) {
    const int64_t k = c.inner[j], n = std::min(left, start + k - x);
    std::memcpy(c.dst + (o * c.dstRowStride + x) * size, c.src[j] + (o * k + x - start) * size, n * size);
    left -= n;
    x += n;
    if (x == rowLen) {
      o++;
      x = 0, j = 0, start = 0;
    } else {
      start += k;
      j++;
    }
    while (left > 0 && c.inner[j] == 0) j++;  // an empty part (size 0 along the dim) has no columns
  }
}

template <class T>
void catTyped(const CatLayout& c) {
  int64_t rowLen = 0;
  for (int j = 0; j < c.parts; j++) rowLen += c.inner[j];
  if (rowLen == 0 || c.outer == 0) return;
  const int threads = getNumThreads();
  if (c.outer >= 4 * threads) {
    const int64_t grain = std::max<int64_t>(1, kGrainSize / rowLen);
    parallelFor(c.outer, grain, [&](int64_t o0, int64_t o1) { copyRows<T>(c, o0, o1); });
  } else {
    parallelFor(c.outer * rowLen, kGrainSize, [&](int64_t b, int64_t e) { copySpan(c, rowLen, b, e); });
  }
}

}  // namespace

void cat(const CatLayout& c) {
  switch (c.itemSize) {
    case 1: return catTyped<uint8_t>(c);
    case 2: return catTyped<uint16_t>(c);
    case 4: return catTyped<uint32_t>(c);
    default: return catTyped<uint64_t>(c);
  }
}

}  // namespace torch_native
