// cumsum / cumprod along one dim (reduce.h). Sums and products of floats run in double, as PyTorch's
// CPU kernels do; integers in int64 with wrap-around.
#include <algorithm>
#include <type_traits>
#include <vector>

#include "along_dim.h"
#include "reduce.h"
#include "reduce_ops.h"
#include "threadpool.h"

namespace torch_native {
using namespace reduce_detail;
namespace {

constexpr int64_t kScanTile = 1024;

template <class In, class Acc, class Out, bool Prod>
void scanTyped(const ScanCall& c) {
  const In* in = reinterpret_cast<const In*>(c.in);
  Out* out = reinterpret_cast<Out*>(c.out);
  const int nd = c.ndim, dim = c.dim;
  int64_t outerN = 1, innerM = 1;
  for (int d = 0; d < dim; d++) outerN *= c.sizes[d];
  for (int d = dim + 1; d < nd; d++) innerM *= c.sizes[d];
  const int64_t n = c.sizes[dim], sd = c.strides[dim];
  if (outerN * innerM * n == 0) return;
  const std::vector<int64_t> innerOff = innerOffsets(c.sizes, c.strides, nd, dim);
  auto outerOff = [&](int64_t o) { return outerOffset(c.sizes, c.strides, dim, o); };
  auto op = [](Acc a, Acc x) { return Prod ? mulWrap(a, x) : addWrap(a, x); };
  const Acc identity = Prod ? Acc(1) : Acc(0);
  if (innerM == 1) {  // independent rows, each a sequential scan
    parallelFor(outerN, std::max<int64_t>(1, kGrainSize / n), [&](int64_t ob, int64_t oe) {
      for (int64_t o = ob; o < oe; o++) {
        const In* p = in + outerOff(o);
        Out* q = out + o * n;
        Acc acc = identity;
        int64_t r = 0;
        // Sums four at a time: the local prefixes do not wait for acc, so the dependency chain through
        // acc is one add per four elements instead of one per element. Exact for integers; for float32
        // and float16 (double accumulator) within a double rounding of the sequential sum. Products
        // and float64 sums stay sequential (reassociation could overflow differently from PyTorch).
        constexpr bool blocked = !Prod && !std::is_same_v<In, double>;
        for (; blocked && r + 4 <= n; r += 4) {
          Acc x0 = static_cast<Acc>(load(p[r * sd])), x1 = static_cast<Acc>(load(p[(r + 1) * sd]));
          Acc x2 = static_cast<Acc>(load(p[(r + 2) * sd])), x3 = static_cast<Acc>(load(p[(r + 3) * sd]));
          Acc s1 = op(x0, x1), s2 = op(s1, x2), s3 = op(s2, x3);
          q[r] = static_cast<Out>(op(acc, x0));
          q[r + 1] = static_cast<Out>(op(acc, s1));
          q[r + 2] = static_cast<Out>(op(acc, s2));
          acc = op(acc, s3);
          q[r + 3] = static_cast<Out>(acc);
        }
        for (; r < n; r++) {
          acc = op(acc, static_cast<Acc>(load(p[r * sd])));
          q[r] = static_cast<Out>(acc);
        }
      }
    });
    return;
  }
  // Rows along dim are accumulated a tile of inner positions at a time (vectorised when contiguous).
  const int64_t tiles = (innerM + kScanTile - 1) / kScanTile;
  bool unit = true;
  for (int64_t j = 0; j < innerM && unit; j++) unit = innerOff[j] == j;
  parallelFor(outerN * tiles, std::max<int64_t>(1, kGrainSize / (n * std::min(innerM, kScanTile))), [&](int64_t ib, int64_t ie) {
    Acc acc[kScanTile];
    for (int64_t it = ib; it < ie; it++) {
      int64_t o = it / tiles, j0 = (it % tiles) * kScanTile, w = std::min(kScanTile, innerM - j0);
      const In* base = in + outerOff(o);
      for (int64_t j = 0; j < w; j++) acc[j] = identity;
      for (int64_t r = 0; r < n; r++) {
        const In* p = base + r * sd;
        Out* q = out + (o * n + r) * innerM + j0;
        if (unit) {
          for (int64_t j = 0; j < w; j++) {
            acc[j] = op(acc[j], static_cast<Acc>(load(p[j0 + j])));
            q[j] = static_cast<Out>(acc[j]);
          }
        } else {
          for (int64_t j = 0; j < w; j++) {
            acc[j] = op(acc[j], static_cast<Acc>(load(p[innerOff[j0 + j]])));
            q[j] = static_cast<Out>(acc[j]);
          }
        }
      }
    }
  });
}

template <class In, class Acc, class Out>
void scanOp(const ScanCall& c) {
  if (c.op == ScanOp::CumProd) scanTyped<In, Acc, Out, true>(c);
  else scanTyped<In, Acc, Out, false>(c);
}

}  // namespace

DType scanOutputType(DType in) {
  if (in == DType::F32 || in == DType::F16) return DType::F32;
  if (in == DType::F64) return DType::F64;
  return DType::I64;
}

void runScan(const ScanCall& c) {
  switch (c.dtype) {
    case DType::F32: return scanOp<float, double, float>(c);
    case DType::F64: return scanOp<double, double, double>(c);
    case DType::F16: return scanOp<uint16_t, double, float>(c);
    case DType::I64: return scanOp<int64_t, int64_t, int64_t>(c);
    case DType::I32: return scanOp<int32_t, int64_t, int64_t>(c);
    case DType::I16: return scanOp<int16_t, int64_t, int64_t>(c);
    case DType::I8: return scanOp<int8_t, int64_t, int64_t>(c);
    case DType::U8: case DType::Bool: return scanOp<uint8_t, int64_t, int64_t>(c);
  }
}

}  // namespace torch_native
