// JS entry points for elementwise ops. Every number (op, dtype, shape, strides, offsets, parameters)
// travels through a Float64Array the JS side registers once (setMeta), so a call marshals only its
// data arrays; this is the hot path of every op, so it uses the raw N-API calls.
#include <napi.h>

#include <string>

#include "../kernels/elementwise.h"
#include "args.h"
#include "meta.h"
#include "registry.h"

namespace torch_native {
namespace {

const char* opName(Op op) {
  static const char* unary[] = {"copy", "neg", "abs", "sign", "reciprocal", "sqrt", "rsqrt", "exp", "log", "log1p",
                                "expm1", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh",
                                "sigmoid", "floor", "ceil", "round", "trunc", "frac", "clamp"};
  static const char* binary[] = {"add", "sub", "mul", "div", "atan2", "pow", "fmod", "remainder", "minimum", "maximum",
                                 "eq", "ne", "lt", "le", "gt", "ge"};
  static const char* ternary[] = {"lerp", "addcmul", "addcdiv", "where"};
  int c = static_cast<int>(op);
  if (c >= 0 && c < 27) return unary[c];
  if (c >= 32 && c < 48) return binary[c - 32];
  if (c >= 64 && c < 68) return ternary[c - 64];
  return nullptr;
}

[[noreturn]] void throwError(napi_env env, bool range, const std::string& msg) {
  if (range) throw Napi::RangeError::New(Napi::Env(env), msg);
  throw Napi::TypeError::New(Napi::Env(env), msg);
}

Op readOp(napi_env env, double code) {
  Op op = static_cast<Op>(static_cast<int>(code));
  if (!opName(op)) throwError(env, false, "elementwise: unknown op code " + std::to_string(code));
  return op;
}

DType readDtype(napi_env env, double code, const char* name) {
  int c = static_cast<int>(code);
  if (c < 0 || c >= kNumDTypes) throwError(env, false, std::string(name) + ": unknown dtype code");
  return static_cast<DType>(c);
}

// Binds a tensor operand (a TypedArray) or, for anything else, the scalar `scalar`.
void bindOperand(napi_env env, napi_value v, DType dtype, int64_t offset, double scalar, const int64_t* sizes, int ndim,
                 Operand& op, const char* name) {
  op.dtype = dtype;
  napi_typedarray_type type;
  size_t length;
  void* data;
  if (napi_get_typedarray_info(env, v, &type, &length, &data, nullptr, nullptr) != napi_ok) {
    op.isScalar = true;
    op.scalar = scalar;
    for (int d = 0; d < ndim; d++) op.strides[d] = 0;
    return;
  }
  if (length == 0) throwIfDetached(env, name, v);
  if (!storesDtype(type, dtype)) throwError(env, false, std::string(name) + ": TypedArray does not hold " + dtypeName(dtype));
  int64_t lo = offset, hi = offset;
  bool empty = false;
  for (int d = 0; d < ndim; d++) {
    if (sizes[d] <= 0) { empty = true; break; }
    int64_t span = (sizes[d] - 1) * op.strides[d];
    if (span < 0) lo += span; else hi += span;
  }
  if (!empty && (lo < 0 || hi >= static_cast<int64_t>(length)))
    throwError(env, true, std::string(name) + ": tensor view reaches outside its storage (elements " + std::to_string(lo) +
                              ".." + std::to_string(hi) + " of " + std::to_string(length) + ")");
  op.data = static_cast<char*>(data) + offset * itemSize(dtype);
}

void run(napi_env env, ElementwiseCall& call) {
  int rc = runElementwise(call);
  if (rc == kIntegerDivisionByZero)
    throwError(env, true, std::string(opName(call.op)) + ": ZeroDivisionError (integer division or modulo by zero)");
  if (rc == kUnsupported)
    throwError(env, false, std::string(opName(call.op)) + ": not implemented for dtype " + dtypeName(call.compute));
}

// Reads the op code and dtype that start every call's meta; returns the op's name for messages.
const char* readHeader(napi_env env, const double* m, ElementwiseCall& call) {
  if (!m) throwError(env, false, "elementwise: meta buffer not registered (setMeta)");
  call.op = readOp(env, m[0]);
  const char* name = opName(call.op);
  DType requested = readDtype(env, m[1], name);
  call.compute = computeTypeFor(requested);
  // A float16 op sees its other-typed inputs rounded to float16 (a plain copy converts once, on store).
  call.halfInputs = requested == DType::F16 && call.op != Op::Copy;
  return name;
}

// elementwise(out, a, b?, c?) with meta =
// [op, computeDtype, param0, param1, ndim, sizes..., then for out, a, b, c: dtype, offset, scalar, strides...]
// An input that is not a TypedArray is the scalar from its meta slot.
Napi::Value Elementwise(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  const double* m = meta(env).data;
  ElementwiseCall call;
  const char* name = readHeader(env, m, call);
  call.params[0] = m[2];
  call.params[1] = m[3];
  int ndim = static_cast<int>(m[4]);
  const int nin = arity(call.op);
  if (ndim < 0 || ndim > kMaxDims || static_cast<size_t>(5 + ndim + (nin + 1) * (3 + ndim)) > meta(env).length)
    throwError(env, true, std::string(name) + ": too many dimensions");
  call.ndim = ndim;
  for (int d = 0; d < ndim; d++) call.sizes[d] = static_cast<int64_t>(m[5 + d]);
  for (int k = 0; k <= nin; k++) {
    const double* o = m + 5 + ndim + k * (3 + ndim);
    Operand& op = k == 0 ? call.out : call.in[k - 1];
    for (int d = 0; d < ndim; d++) op.strides[d] = static_cast<int64_t>(o[3 + d]);
    bindOperand(env, info[k], readDtype(env, o[0], name), static_cast<int64_t>(o[1]), o[2], call.sizes, ndim, op, name);
    if (k == 0 && op.isScalar) throwError(env, false, std::string(name) + ": output must be a tensor");
  }
  run(env, call);
  return Napi::Value();
}

// The hot path for operands that are contiguous, same-shaped and of one dtype:
// elementwise1d(out, a, b?, c?) with meta = [op, dtype, n, param0, param1, outOffset, then per input: offset, scalar]
Napi::Value Elementwise1d(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  const double* m = meta(env).data;
  ElementwiseCall call;
  const char* name = readHeader(env, m, call);
  DType dtype = static_cast<DType>(static_cast<int>(m[1]));
  call.ndim = 1;
  call.sizes[0] = static_cast<int64_t>(m[2]);
  call.params[0] = m[3];
  call.params[1] = m[4];
  call.out.strides[0] = 1;
  bindOperand(env, info[0], isComparison(call.op) ? DType::Bool : dtype, static_cast<int64_t>(m[5]), 0, call.sizes, 1,
              call.out, name);
  if (call.out.isScalar) throwError(env, false, std::string(name) + ": output must be a tensor");
  const int nin = arity(call.op);
  for (int k = 0; k < nin; k++) {
    call.in[k].strides[0] = 1;
    bindOperand(env, info[1 + k], dtype, static_cast<int64_t>(m[6 + 2 * k]), m[7 + 2 * k], call.sizes, 1, call.in[k], name);
  }
  run(env, call);
  return Napi::Value();
}

void registerElementwise(Napi::Env env, Napi::Object exports) {
  exports.Set("elementwise", Napi::Function::New(env, Elementwise));
  exports.Set("elementwise1d", Napi::Function::New(env, Elementwise1d));
}

}  // namespace

static Registration reg(registerElementwise);

}  // namespace torch_native
