// Reductions (sum, prod, mean, max/min with indices, norms, var/std, all/any, logsumexp) and scans
// (cumsum, cumprod) over any strided tensor. Plain C++ (no N-API); the binding checks every extent.
//
// One iterator serves every op (DESIGN.md §4): the dims are split into kept (output) dims and reduced
// dims, each side coalesced. When a kept dim is the innermost in memory, rows are accumulated into a
// tile of outputs with the contiguous dim vectorised ("outer" reduction); otherwise each output reduces
// contiguous runs with several accumulator lanes ("inner" reduction). Float sums are pairwise over
// blocks, so error grows with log n. Work above kGrainSize is split across the thread pool: across
// outputs when there are enough, otherwise across the reduced elements with partials merged in order.
#pragma once
#include <cstdint>

#include "dtype.h"

namespace torch_native {

// Codes are part of the JS <-> C++ contract (packages/core/src/ops/reduce_core.ts mirrors them).
enum class ReduceOp : int {
  Sum = 0, Mean = 1, Prod = 2,
  Max = 3, Min = 4,          // values only
  ArgMax = 5, ArgMin = 6,    // values and indices along the one reduced dim
  Norm = 7,                  // p in ReduceCall::p (0, inf and -inf included)
  Var = 8, Std = 9,          // ReduceCall::p is the correction (1 = unbiased)
  All = 10, Any = 11,
  LogSumExp = 12,
  End
};

// The dtype of the output buffer runReduce writes for (op, input dtype); the caller converts it to the
// result dtype. Sum/Mean/Prod: float32 for float32/float16, float64, int64 for integers and bool;
// Max/Min/Arg*: the input's compute type (float32 for float16, uint8 for bool); Norm/LogSumExp:
// float32/float64; Var/Std: float64 (computed in double); All/Any: uint8 (0/1).
DType reduceOutputType(ReduceOp op, DType in);
// False for (op, dtype) pairs without a kernel (Norm, Var, Std, Mean, LogSumExp of integers).
bool reduceSupports(ReduceOp op, DType in);

struct ReduceCall {
  ReduceOp op = ReduceOp::Sum;
  DType dtype = DType::F32;
  int ndim = 0;
  const int64_t* sizes = nullptr;
  const int64_t* strides = nullptr;
  const bool* reduced = nullptr;  // per dim; Arg* reduce exactly one dim
  const char* in = nullptr;       // element 0 (offset applied)
  char* out = nullptr;            // contiguous over the kept dims in order, reduceOutputType
  int64_t* indices = nullptr;     // Arg* only: contiguous like out
  double p = 0;
};

// Runs the call. Reducing zero elements gives the op's identity (sum 0, prod 1, norm 0, all true, any
// false, logsumexp -inf) or NaN (mean, var); Max/Min/Arg* of zero elements must be refused by the caller.
void runReduce(const ReduceCall& c);

enum class ScanOp : int { CumSum = 0, CumProd = 1 };

// float32 for float32/float16 (accumulated in double), float64, int64 for integers and bool.
DType scanOutputType(DType in);

struct ScanCall {
  ScanOp op = ScanOp::CumSum;
  DType dtype = DType::F32;
  int ndim = 0;
  int dim = 0;
  const int64_t* sizes = nullptr;
  const int64_t* strides = nullptr;
  const char* in = nullptr;
  char* out = nullptr;  // contiguous, the input's sizes, scanOutputType
};

void runScan(const ScanCall& c);

}  // namespace torch_native
