// The strided iterator under every elementwise op (DESIGN.md §4): broadcasting (stride 0), dtype casts,
// contiguous fast paths and thread splitting are handled here once; the per-op loops in
// elementwise_loops.cc only ever see contiguous arrays of one compute type.
#pragma once
#include <cstdint>

#include "dtype.h"

namespace torch_native {

constexpr int kMaxDims = 64;

// Op codes are part of the JS <-> C++ contract (packages/core/src/ops/opcodes.ts mirrors them).
enum class Op : int {
  // one input
  Copy = 0, Neg, Abs, Sign, Reciprocal, Sqrt, Rsqrt, Exp, Log, Log1p, Expm1, Sin, Cos, Tan, Asin, Acos,
  Atan, Sinh, Cosh, Tanh, Sigmoid, Floor, Ceil, Round, Trunc, Frac, Clamp,
  // two inputs
  Add = 32, Sub, Mul, Div, Atan2, Pow, Fmod, Remainder, Minimum, Maximum, Eq, Ne, Lt, Le, Gt, Ge,
  LogicalAnd, LogicalOr, LogicalXor, BitwiseAnd, BitwiseOr, BitwiseXor, DivTrunc, DivFloor,
  // nan_to_num: in[1] is the scalar NaN replacement, params the +Inf and -Inf ones
  NanToNum,
  // an activation's backward from its result: 0 where in[1] <= params[0], else in[0] (relu's mask and
  // product in one pass)
  ThresholdBackward,
  // three inputs
  Lerp = 64, Addcmul, Addcdiv, Where = 67,
  // one input again (the first block is full)
  Erf = 96, Erfc, Erfinv, Log2, Log10, Exp2, Square, IsNan, IsInf, IsFinite, LogicalNot, BitwiseNot,
  End
};
constexpr int kNumOps = static_cast<int>(Op::End);

inline int arity(Op op) {
  int c = static_cast<int>(op);
  return c < 32 || c >= 96 ? 1 : c < 64 ? 2 : 3;
}
// Ops whose loop writes 0/1 bytes (a bool result) whatever the compute type.
inline bool isComparison(Op op) {
  return (op >= Op::Eq && op <= Op::LogicalXor) || (op >= Op::IsNan && op <= Op::LogicalNot);
}

// Errors a loop can report without throwing across threads.
enum LoopError : int { kOk = 0, kIntegerDivisionByZero = 1, kUnsupported = 2 };

// n contiguous elements of the compute type; `in` holds up to three input pointers; `params` holds the
// op's scalar parameters (alpha for add/sub, value for addcmul/addcdiv, bounds for clamp).
using LoopFn = int (*)(int64_t n, void* out, const void* const* in, const double* params);

struct Operand {
  char* data = nullptr;         // element 0 of the tensor (storage offset already applied)
  DType dtype = DType::F32;
  bool isScalar = false;        // a number broadcast everywhere: `scalar` holds it
  double scalar = 0;
  int64_t strides[kMaxDims];  // filled for the call's ndim only
};

struct ElementwiseCall {
  Op op = Op::Copy;
  DType compute = DType::F32;   // storage dtype the loop runs in (F16 runs as F32, Bool as U8)
  bool halfInputs = false;      // the op's dtype is float16: other-typed inputs are rounded to it first
  int ndim = 0;
  int64_t sizes[kMaxDims];
  Operand out;
  Operand in[3];
  double params[4] = {};
};

// Looks up the loop for (op, compute dtype) for the best SIMD level this CPU supports; nullptr if the
// combination has no kernel.
LoopFn findLoop(Op op, DType compute);

// Runs the call; returns a LoopError.
int runElementwise(ElementwiseCall& call);

// The SIMD level the loops were selected for: "avx512", "avx2" or "baseline".
const char* simdLevel();

}  // namespace torch_native
