#include "elementwise.h"

#include <algorithm>
#include <atomic>

#include "cast.h"
#include "strided_copy.h"
#include "threadpool.h"

namespace torch_native {

namespace baseline { void fillLoopTable(LoopFn* table); }
namespace avx2 { void fillLoopTable(LoopFn* table); }
namespace avx512 { void fillLoopTable(LoopFn* table); }

namespace {

struct LoopTable {
  LoopFn fns[kNumOps * kNumDTypes] = {};
  const char* level = "baseline";
  LoopTable() {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl")) {
      avx512::fillLoopTable(fns);
      level = "avx512";
    } else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
      avx2::fillLoopTable(fns);
      level = "avx2";
    } else {
      baseline::fillLoopTable(fns);
    }
  }
};

const LoopTable& loopTable() {
  static LoopTable t;
  return t;
}

// Elements per inner chunk: 4 buffers x 1024 x 8 bytes stay in L1/L2 and on the stack.
constexpr int64_t kChunk = 1024;

// Drops size-1 dims and merges dims that are contiguous with each other in every operand, so that
// most calls become a single long inner loop.
void coalesce(ElementwiseCall& c, Operand* ops[], int nops) {
  int nd = 0;
  for (int d = 0; d < c.ndim; d++) {
    if (c.sizes[d] == 1) continue;
    c.sizes[nd] = c.sizes[d];
    for (int k = 0; k < nops; k++) ops[k]->strides[nd] = ops[k]->strides[d];
    nd++;
  }
  if (nd == 0) {  // a single element
    c.sizes[0] = 1;
    for (int k = 0; k < nops; k++) ops[k]->strides[0] = 0;
    nd = 1;
  }
  int out = 0;
  for (int d = 1; d < nd; d++) {
    bool mergeable = true;
    for (int k = 0; k < nops && mergeable; k++)
      mergeable = ops[k]->strides[out] == ops[k]->strides[d] * c.sizes[d];
    if (mergeable) {
      c.sizes[out] *= c.sizes[d];
      for (int k = 0; k < nops; k++) ops[k]->strides[out] = ops[k]->strides[d];
    } else {
      out++;
      c.sizes[out] = c.sizes[d];
      for (int k = 0; k < nops; k++) ops[k]->strides[out] = ops[k]->strides[d];
    }
  }
  c.ndim = out + 1;
}

// Rounds float32 values to the nearest float16 and back, in place: a float16 op sees its other-typed
// operands (scalars, 0-dim tensors of wider types) as float16 values, as PyTorch does.
void roundThroughHalf(char* buf, int64_t n) {
  float* f = reinterpret_cast<float*>(buf);
  for (int64_t i = 0; i < n; i++) f[i] = halfToFloat(floatToHalf(f[i]));
}

}  // namespace

LoopFn findLoop(Op op, DType compute) {
  int o = static_cast<int>(op), t = static_cast<int>(compute);
  if (o < 0 || o >= kNumOps || t < 0 || t >= kNumDTypes) return nullptr;
  return loopTable().fns[o * kNumDTypes + t];
}

const char* simdLevel() { return loopTable().level; }

int runElementwise(ElementwiseCall& c) {
  const int nin = arity(c.op);
  LoopFn fn = findLoop(c.op, c.compute);
  if (!fn) return kUnsupported;
  const DType loopOut = isComparison(c.op) ? DType::U8 : c.compute;

  Operand* ops[4] = {&c.out, &c.in[0], &c.in[1], &c.in[2]};
  coalesce(c, ops, nin + 1);
  int64_t total = 1;
  for (int d = 0; d < c.ndim; d++) total *= c.sizes[d];
  if (total == 0) return kOk;
  if (stridedCopy(c)) return kOk;  // same-dtype copies: rows or tiles, no staging through buffers

  const int nd = c.ndim;
  const int64_t inner = c.sizes[nd - 1];
  const int outSize = itemSize(c.out.dtype);
  // An input is read in place when it already is a contiguous run of the compute type; bool bytes
  // are valid uint8 values. The output is written in place under the same rule, except that uint8
  // arithmetic results must be normalised to 0/1 when the destination is bool.
  auto readsDirect = [&](const Operand& op) {
    DType t = op.dtype == DType::Bool ? DType::U8 : op.dtype;
    return !op.isScalar && t == c.compute && op.strides[nd - 1] == 1;
  };
  // A float16 op writing into another dtype (out=float64, ...) still rounds its result to float16 first,
  // as PyTorch computes it in float16 and then casts; the loop itself runs in float32.
  const bool roundOut = c.halfInputs && c.out.dtype != DType::F16 && loopOut == DType::F32;
  const bool outDirect = !roundOut && c.out.strides[nd - 1] == 1 &&
                         (c.out.dtype == loopOut || (c.out.dtype == DType::Bool && isComparison(c.op)));

  std::atomic<int> error{kOk};
  auto body = [&](int64_t begin, int64_t end) {
    alignas(64) char inBuf[3][kChunk * 8];
    alignas(64) char outBuf[kChunk * 8];
    bool direct[3];
    // For an input broadcast along the inner dim: the element whose value fills inBuf[k], and how many
    // copies are there, so the rows that share it (a [1, 1] operand) stage it once.
    const char* staged[3] = {};
    int64_t stagedCount[3] = {};
    bool allDirect = outDirect;
    for (int k = 0; k < nin; k++) {
      direct[k] = readsDirect(c.in[k]);
      allDirect = allDirect && direct[k];
      if (c.in[k].isScalar) {
        fillValue(c.in[k].scalar, inBuf[k], c.compute, kChunk);
        if (c.halfInputs) roundThroughHalf(inBuf[k], kChunk);
      }
    }
    // Multi-index of `begin` over the outer dims, and the element offsets it gives each operand.
    int64_t idx[kMaxDims] = {};
    int64_t offs[4] = {};
    int64_t outer = begin / inner, pos = begin % inner;
    for (int d = nd - 2; d >= 0; d--) {
      idx[d] = outer % c.sizes[d];
      outer /= c.sizes[d];
      for (int k = 0; k <= nin; k++) offs[k] += idx[d] * ops[k]->strides[d];
    }
    int64_t remaining = end - begin;
    while (remaining > 0) {
      int64_t run = std::min(inner - pos, remaining);
      for (int64_t done = 0; done < run;) {
        // Chunking only bounds the scratch buffers; when nothing is staged, take the whole run.
        int64_t n = allDirect ? run - done : std::min(kChunk, run - done);
        int64_t at = pos + done;
        const void* in[3] = {};
        for (int k = 0; k < nin; k++) {
          const Operand& op = c.in[k];
          if (op.isScalar) { in[k] = inBuf[k]; continue; }
          const char* p = op.data + (offs[k + 1] + at * op.strides[nd - 1]) * itemSize(op.dtype);
          if (direct[k]) {
            in[k] = p;
          } else if (op.strides[nd - 1] == 0) {
            if (staged[k] != p || stagedCount[k] < n) {
              const int64_t fill = std::min(kChunk, run - done);
              gatherCast(p, op.dtype, 0, inBuf[k], c.compute, fill);
              if (c.halfInputs && op.dtype != DType::F16) roundThroughHalf(inBuf[k], fill);
              staged[k] = p, stagedCount[k] = fill;
            }
            in[k] = inBuf[k];
          } else {
            gatherCast(p, op.dtype, op.strides[nd - 1], inBuf[k], c.compute, n);
            if (c.halfInputs && op.dtype != DType::F16) roundThroughHalf(inBuf[k], n);
            in[k] = inBuf[k];
          }
        }
        char* outPtr = c.out.data + (offs[0] + at * c.out.strides[nd - 1]) * outSize;
        int rc = fn(n, outDirect ? outPtr : outBuf, in, c.params);
        if (rc != kOk) { error.store(rc); return; }
        if (roundOut) roundThroughHalf(outBuf, n);
        if (!outDirect) scatterCast(outBuf, loopOut, outPtr, c.out.dtype, c.out.strides[nd - 1], n);
        done += n;
      }
      remaining -= run;
      pos = 0;
      // Advance the outer multi-index by one (odometer).
      for (int d = nd - 2; d >= 0; d--) {
        for (int k = 0; k <= nin; k++) offs[k] += ops[k]->strides[d];
        if (++idx[d] < c.sizes[d]) break;
        for (int k = 0; k <= nin; k++) offs[k] -= idx[d] * ops[k]->strides[d];
        idx[d] = 0;
      }
    }
  };
  // Below two grains parallelFor would run one part on this thread anyway: calling the body directly
  // skips wrapping it in a std::function, a heap allocation on every small op.
  if (total < 2 * kGrainSize) body(0, total);
  else parallelFor(total, kGrainSize, body);
  return error.load();
}

}  // namespace torch_native
