#include "reduce.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "reduce_loops.h"
#include "threadpool.h"

namespace torch_native {
using namespace reduce_detail;
namespace {

// Reductions of fewer elements stay on the calling thread. The pool now lets the caller take every part
// a late worker has not started, so sharing costs a few microseconds and a 1e6-float reduction in cache
// (~50 us on one thread) runs in ~27 us on two; below 2^18 elements the hand-off is not worth it.
constexpr int64_t kSerialBelow = int64_t{1} << 18;

// parallelFor, or one call on this thread for serial reductions.
template <class F>
void split(bool serial, int64_t n, int64_t grain, const F& fn) {
  if (serial) fn(int64_t{0}, n);
  else parallelFor(n, grain, fn);
}

struct Geometry {
  int nk = 0, nr = 0;
  int64_t ksize[kMaxRDims], kin[kMaxRDims], kout[kMaxRDims];
  int64_t rsize[kMaxRDims], rin[kMaxRDims];
  int64_t nOut = 1, nRed = 1;
};

// Splits dims into kept and reduced ones, drops size-1 dims, sorts the reduced dims by stride
// (innermost last) and merges neighbours that are contiguous with each other.
Geometry buildGeometry(const ReduceCall& c) {
  Geometry g;
  int64_t outStride[kMaxRDims];
  int64_t s = 1;
  for (int d = c.ndim - 1; d >= 0; d--) {
    if (c.reduced[d]) {
      g.nRed *= c.sizes[d];
    } else {
      outStride[d] = s;
      s *= c.sizes[d];
    }
  }
  g.nOut = s;
  for (int d = 0; d < c.ndim; d++) {
    if (c.sizes[d] == 1) continue;
    if (c.reduced[d]) {
      g.rsize[g.nr] = c.sizes[d];
      g.rin[g.nr++] = c.strides[d];
    } else {
      int k = g.nk;
      if (k > 0 && g.kin[k - 1] == c.strides[d] * c.sizes[d] && g.kout[k - 1] == outStride[d] * c.sizes[d]) {
        g.ksize[k - 1] *= c.sizes[d];
        g.kin[k - 1] = c.strides[d];
        g.kout[k - 1] = outStride[d];
      } else {
        g.ksize[k] = c.sizes[d];
        g.kin[k] = c.strides[d];
        g.kout[k] = outStride[d];
        g.nk++;
      }
    }
  }
  // Stable insertion sort by |stride| descending, then merge.
  for (int i = 1; i < g.nr; i++)
    for (int j = i; j > 0 && std::llabs(g.rin[j - 1]) < std::llabs(g.rin[j]); j--) {
      std::swap(g.rin[j - 1], g.rin[j]);
      std::swap(g.rsize[j - 1], g.rsize[j]);
    }
  int n = 0;
  for (int i = 0; i < g.nr; i++) {
    if (n > 0 && g.rin[n - 1] == g.rin[i] * g.rsize[i]) {
      g.rsize[n - 1] *= g.rsize[i];
      g.rin[n - 1] = g.rin[i];
    } else {
      g.rsize[n] = g.rsize[i];
      g.rin[n++] = g.rin[i];
    }
  }
  g.nr = n;
  if (g.nr == 0) {  // every reduced dim has size 1: one element per output
    g.nr = 1;
    g.rsize[0] = 1;
    g.rin[0] = 0;
  }
  return g;
}

// ---------------------------------------------------------------- inner reduction

// Reduces the linear indices [b, e) of the reduced space starting at `base`.
template <class R, class In>
typename R::Wide span(const R& r, const Geometry& g, const In* base, int64_t b, int64_t e, typename R::AccT aux) {
  const int nr = g.nr;
  const int64_t nI = g.rsize[nr - 1], sI = g.rin[nr - 1];
  int64_t idx[kMaxRDims];
  int64_t outer = b / nI, pos = b % nI, off = 0;
  for (int d = nr - 2; d >= 0; d--) {
    idx[d] = outer % g.rsize[d];
    outer /= g.rsize[d];
    off += idx[d] * g.rin[d];
  }
  typename R::Wide w = r.wideInit();
  while (b < e) {
    int64_t len = std::min(nI - pos, e - b);
    w = r.merge(w, runBlocks(r, base + off + pos * sI, len, sI, aux, b));
    b += len;
    pos = 0;
    for (int d = nr - 2; d >= 0; d--) {
      off += g.rin[d];
      if (++idx[d] < g.rsize[d]) break;
      off -= idx[d] * g.rin[d];
      idx[d] = 0;
    }
  }
  return w;
}

// Input offset of output o (kept dims only).
inline int64_t keptOffset(const Geometry& g, int64_t o, int skip = -1) {
  int64_t off = 0;
  for (int d = g.nk - 1; d >= 0; d--) {
    if (d == skip) continue;
    off += (o % g.ksize[d]) * g.kin[d];
    o /= g.ksize[d];
  }
  return off;
}

template <class R, class In>
void innerReduce(const R& r, const Geometry& g, const In* in, typename R::OutT* out, int64_t* indices, bool serial) {
  const int nt = getNumThreads();
  const int64_t nRed = g.nRed, nOut = g.nOut;
  if (serial || nOut >= 4 * nt || nRed < 4 * kGrainSize) {
    split(serial, nOut, std::max<int64_t>(1, kGrainSize / std::max<int64_t>(nRed, 1)), [&](int64_t ob, int64_t oe) {
      int64_t idx[kMaxRDims], off = 0, o = ob;
      for (int d = g.nk - 1; d >= 0; d--) {
        idx[d] = o % g.ksize[d];
        o /= g.ksize[d];
        off += idx[d] * g.kin[d];
      }
      for (o = ob; o < oe; o++) {
        auto aux = auxAt<R>(out, o);
        store(r, out, indices, o, span(r, g, in + off, 0, nRed, aux), nRed, aux);
        for (int d = g.nk - 1; d >= 0; d--) {
          off += g.kin[d];
          if (++idx[d] < g.ksize[d]) break;
          off -= idx[d] * g.kin[d];
          idx[d] = 0;
        }
      }
    });
    return;
  }
  // Few long reductions: split each across the pool; partials merge in index order.
  const int64_t parts = std::min<int64_t>(4 * nt, nRed / kGrainSize);
  const int64_t chunk = (nRed + parts - 1) / parts;
  std::vector<typename R::Wide> partial(parts);
  for (int64_t o = 0; o < nOut; o++) {
    const In* base = in + keptOffset(g, o);
    auto aux = auxAt<R>(out, o);
    parallelFor(parts, 1, [&](int64_t pb, int64_t pe) {
      for (int64_t q = pb; q < pe; q++) partial[q] = span(r, g, base, q * chunk, std::min(nRed, (q + 1) * chunk), aux);
    });
    typename R::Wide w = r.wideInit();
    for (int64_t q = 0; q < parts; q++) w = r.merge(w, partial[q]);
    store(r, out, indices, o, w, nRed, aux);
  }
}

// ---------------------------------------------------------------- outer reduction

template <class R, class In>
void outerReduce(const R& r, const Geometry& g, int v, const In* in, typename R::OutT* out, int64_t* indices, bool serial) {
  using Acc = typename R::AccT;
  using Wide = typename R::Wide;
  const int nt = getNumThreads();
  const int64_t nv = g.ksize[v], sv = g.kin[v], ov = g.kout[v];
  const int64_t tiles = (nv + kTile - 1) / kTile;
  const int64_t items = (g.nOut / nv) * tiles;
  const int64_t nRed = g.nRed;

  // Input and output offsets of item `it`'s first element; its width.
  auto locate = [&](int64_t it, int64_t& inOff, int64_t& outOff, int64_t& j0, int64_t& w) {
    int64_t combo = it / tiles;
    j0 = (it % tiles) * kTile;
    w = std::min(kTile, nv - j0);
    inOff = j0 * sv;
    outOff = j0 * ov;
    for (int d = g.nk - 1; d >= 0; d--) {
      if (d == v) continue;
      int64_t i = combo % g.ksize[d];
      combo /= g.ksize[d];
      inOff += i * g.kin[d];
      outOff += i * g.kout[d];
    }
  };
  // Accumulates rows [rb, re) of one item into wide[0..w).
  auto rows = [&](const Geometry& g, const In* base, int64_t rb, int64_t re, int64_t w, int64_t sv, const Acc* aux, Wide* wide) {
    alignas(64) Acc acc[kTile];
    alignas(64) typename R::C val[R::kArg ? kTile : 1];
    alignas(64) int64_t idxs[R::kArg ? kTile : 1];
    int64_t offs[kRowBlock];
    for (int64_t j = 0; j < w; j++) wide[j] = r.wideInit();
    int64_t idx[kMaxRDims], off = 0, rest = rb;
    for (int d = g.nr - 1; d >= 0; d--) {
      idx[d] = rest % g.rsize[d];
      rest /= g.rsize[d];
      off += idx[d] * g.rin[d];
    }
    for (int64_t row = rb; row < re;) {
      const int64_t row0 = row, n = std::min(re - row, kRowBlock);
      for (int64_t k = 0; k < n; k++) {
        offs[k] = off;
        for (int d = g.nr - 1; d >= 0; d--) {
          off += g.rin[d];
          if (++idx[d] < g.rsize[d]) break;
          off -= idx[d] * g.rin[d];
          idx[d] = 0;
        }
      }
      row += n;
      if constexpr (R::kArg) {
        for (int64_t j = 0; j < w; j++) idxs[j] = -1;
        argRowsStep<R, In>(val, idxs, base, offs, n, sv, w, row0);
        for (int64_t j = 0; j < w; j++) wide[j] = r.merge(wide[j], Acc{val[j], idxs[j]});
      } else {
        for (int64_t j = 0; j < w; j++) acc[j] = r.init();
        rowsStep(r, acc, base, offs, n, sv, w, aux);
        for (int64_t j = 0; j < w; j++) wide[j] = r.merge(wide[j], r.widen(acc[j], 0));
      }
    }
  };
  auto loadAux = [&](Acc* aux, int64_t outOff, int64_t w) {
    for (int64_t j = 0; j < w; j++) aux[j] = auxAt<R>(out, outOff + j * ov);
  };

  // A packed [nRed, nv] block with few outputs (say [1e6, 3] summed over dim 0): k consecutive rows form
  // one contiguous row of k * nv, so reduce that wider matrix and fold the k groups together at the end.
  if constexpr (!R::kArg) {
    const int64_t k = kTile / std::max<int64_t>(nv, 1);
    if (sv == 1 && g.nk == 1 && g.nr == 1 && g.rin[0] == nv && k >= 4 && nRed >= 4 * k) {
      const int64_t w = k * nv, vrows = nRed / k;
      const int64_t parts = serial ? 1 : std::max<int64_t>(1, std::min<int64_t>(4 * nt, vrows / (2 * kRowBlock)));
      const int64_t chunk = (vrows + parts - 1) / parts;
      Geometry g2 = g;
      g2.rsize[0] = vrows;
      g2.rin[0] = w;
      alignas(64) Acc aux[kTile];
      for (int64_t j = 0; j < w; j++) aux[j] = auxAt<R>(out, (j % nv) * ov);
      std::vector<Wide> partial(parts * kTile);
      split(serial, parts, 1, [&](int64_t pb, int64_t pe) {
        for (int64_t q = pb; q < pe; q++) rows(g2, in, q * chunk, std::min(vrows, (q + 1) * chunk), w, 1, aux, &partial[q * kTile]);
      });
      for (int64_t j = 0; j < nv; j++) {
        Wide acc = r.wideInit();
        for (int64_t q = 0; q < parts; q++)
          for (int64_t b = 0; b < k; b++) acc = r.merge(acc, partial[q * kTile + b * nv + j]);
        Acc tail = r.init();
        for (int64_t row = vrows * k; row < nRed; row++) tail = r.step(tail, load(in[row * nv + j]), aux[j], row);
        store(r, out, indices, j * ov, r.merge(acc, r.widen(tail, 0)), nRed, aux[j]);
      }
      return;
    }
  }

  const int64_t itemWork = nRed * std::min(kTile, nv);
  if (serial || items >= 2 * nt || nRed < 4 * kRowBlock || items * itemWork < 4 * kGrainSize) {
    split(serial, items, std::max<int64_t>(1, kGrainSize / std::max<int64_t>(itemWork, 1)), [&](int64_t ib, int64_t ie) {
      alignas(64) Acc aux[kTile];
      alignas(64) Wide wide[kTile];
      for (int64_t it = ib; it < ie; it++) {
        int64_t inOff, outOff, j0, w;
        locate(it, inOff, outOff, j0, w);
        loadAux(aux, outOff, w);
        rows(g, in + inOff, 0, nRed, w, sv, aux, wide);
        for (int64_t j = 0; j < w; j++) store(r, out, indices, outOff + j * ov, wide[j], nRed, aux[j]);
      }
    });
    return;
  }
  // Few items with many rows: split the rows too, then merge each item's partial tiles in order.
  const int64_t parts = std::max<int64_t>(1, std::min<int64_t>((4 * nt + items - 1) / items, nRed / (2 * kRowBlock)));
  const int64_t chunk = (nRed + parts - 1) / parts;
  std::vector<Wide> partial(items * parts * kTile);
  parallelFor(items * parts, 1, [&](int64_t ub, int64_t ue) {
    alignas(64) Acc aux[kTile];
    for (int64_t u = ub; u < ue; u++) {
      int64_t it = u / parts, q = u % parts, inOff, outOff, j0, w;
      locate(it, inOff, outOff, j0, w);
      loadAux(aux, outOff, w);
      rows(g, in + inOff, q * chunk, std::min(nRed, (q + 1) * chunk), w, sv, aux, &partial[u * kTile]);
    }
  });
  alignas(64) Acc aux[kTile];
  for (int64_t it = 0; it < items; it++) {
    int64_t inOff, outOff, j0, w;
    locate(it, inOff, outOff, j0, w);
    loadAux(aux, outOff, w);
    for (int64_t j = 0; j < w; j++) {
      Wide acc = partial[(it * parts) * kTile + j];
      for (int64_t q = 1; q < parts; q++) acc = r.merge(acc, partial[(it * parts + q) * kTile + j]);
      store(r, out, indices, outOff + j * ov, acc, nRed, aux[j]);
    }
  }
}

template <class R, class In>
void drive(const R& r, const ReduceCall& c) {
  const Geometry g = buildGeometry(c);
  const In* in = reinterpret_cast<const In*>(c.in);
  auto* out = reinterpret_cast<typename R::OutT*>(c.out);
  if (g.nOut == 0) return;
  if (g.nRed == 0) {
    for (int64_t o = 0; o < g.nOut; o++) {
      if constexpr (!R::kArg) out[o] = r.finish(r.wideInit(), 0, auxAt<R>(out, o));
    }
    return;
  }
  // Outer reduction when a kept dim is closer to contiguous than every reduced dim, or when each
  // output reduces so few elements that vectorising across outputs pays more.
  int v = -1;
  for (int d = 0; d < g.nk; d++)
    if (v < 0 || std::llabs(g.kin[d]) < std::llabs(g.kin[v])) v = d;
  const int64_t minR = std::llabs(g.rin[g.nr - 1]);
  const bool outer = v >= 0 && g.nRed > 1 && (std::llabs(g.kin[v]) < minR || (g.nRed < kLanes && g.ksize[v] >= kLanes));
  const bool serial = g.nOut * g.nRed < kSerialBelow || getNumThreads() == 1;
  if (outer) outerReduce(r, g, v, in, out, c.indices, serial);
  else innerReduce(r, g, in, out, c.indices, serial);
}

// ---------------------------------------------------------------- dispatch

template <class In>
void reduceTyped(const ReduceCall& c) {
  using C = Compute<In>;
  constexpr bool isFloat = std::is_floating_point_v<C>;
  using SumAcc = std::conditional_t<isFloat, C, int64_t>;
  const double p = c.p;
  auto with = [&](auto r) {
    r.p = p;
    drive<decltype(r), In>(r, c);
  };
  switch (c.op) {
    case ReduceOp::Sum: return with(SumR<In, SumAcc, SumAcc, Map::Id, Fin::Plain>{});
    case ReduceOp::Prod: return with(ProdR<In, SumAcc>{});
    case ReduceOp::Max: return with(ExtremeR<In, true, false>{});
    case ReduceOp::Min: return with(ExtremeR<In, false, false>{});
    case ReduceOp::ArgMax: return with(ArgR<In, true>{});
    case ReduceOp::ArgMin: return with(ArgR<In, false>{});
    case ReduceOp::All: return with(LogicalR<In, true>{});
    case ReduceOp::Any: return with(LogicalR<In, false>{});
    default: break;
  }
  if constexpr (isFloat) {
    switch (c.op) {
      case ReduceOp::Mean: return with(SumR<In, C, C, Map::Id, Fin::Mean>{});
      case ReduceOp::Norm:
        if (p == 0) return with(SumR<In, C, C, Map::NonZero, Fin::Plain>{});
        if (p == 1) return with(SumR<In, C, C, Map::Abs, Fin::Plain>{});
        if (p == 2) return with(SumR<In, C, C, Map::Sq, Fin::Sqrt>{});
        if (std::isinf(p)) {
          if (p > 0) return with(ExtremeR<In, true, true>{});
          return with(ExtremeR<In, false, true>{});
        }
        return with(SumR<In, C, C, Map::Pow, Fin::Root>{});
      case ReduceOp::Var:
      case ReduceOp::Std: {
        // Two passes in double: the mean lands in out, then the squared deviations from it.
        SumR<In, double, double, Map::Id, Fin::Mean> mean;
        drive<decltype(mean), In>(mean, c);
        if (c.op == ReduceOp::Var) return with(SumR<In, double, double, Map::SqDev, Fin::Var>{});
        return with(SumR<In, double, double, Map::SqDev, Fin::Std>{});
      }
      case ReduceOp::LogSumExp: {
        // The max lands in out; exp(x - max) is summed (0 replaces an infinite max, as PyTorch).
        ExtremeR<In, true, false> mx;
        drive<decltype(mx), In>(mx, c);
        return with(SumR<In, C, C, Map::ExpShift, Fin::Log>{});
      }
      default: break;
    }
  }
}

}  // namespace

bool reduceSupports(ReduceOp op, DType in) {
  bool isFloat = in == DType::F32 || in == DType::F64 || in == DType::F16;
  switch (op) {
    case ReduceOp::Mean: case ReduceOp::Norm: case ReduceOp::Var: case ReduceOp::Std: case ReduceOp::LogSumExp:
      return isFloat;
    default:
      return static_cast<int>(op) >= 0 && op < ReduceOp::End;
  }
}

DType reduceOutputType(ReduceOp op, DType in) {
  bool isFloat = in == DType::F32 || in == DType::F64 || in == DType::F16;
  DType compute = in == DType::F16 ? DType::F32 : in == DType::Bool ? DType::U8 : in;
  switch (op) {
    case ReduceOp::Sum: case ReduceOp::Prod: case ReduceOp::Mean:
      return isFloat ? compute : DType::I64;
    case ReduceOp::Var: case ReduceOp::Std:
      return DType::F64;
    case ReduceOp::All: case ReduceOp::Any:
      return DType::U8;
    default:
      return compute;
  }
}

void runReduce(const ReduceCall& c) {
  switch (c.dtype) {
    case DType::F32: return reduceTyped<float>(c);
    case DType::F64: return reduceTyped<double>(c);
    case DType::F16: return reduceTyped<uint16_t>(c);
    case DType::I64: return reduceTyped<int64_t>(c);
    case DType::I32: return reduceTyped<int32_t>(c);
    case DType::I16: return reduceTyped<int16_t>(c);
    case DType::I8: return reduceTyped<int8_t>(c);
    case DType::U8: case DType::Bool: return reduceTyped<uint8_t>(c);
  }
}

}  // namespace torch_native
