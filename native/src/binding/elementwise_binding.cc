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
                                 "eq", "ne", "lt", "le", "gt", "ge", "logicalAnd", "logicalOr", "logicalXor",
                                 "bitwiseAnd", "bitwiseOr", "bitwiseXor", "div", "floorDivide", "nanToNum", "thresholdBackward"};
  static const char* ternary[] = {"lerp", "addcmul", "addcdiv", "where"};
  static const char* unary2[] = {"erf", "erfc", "erfinv", "log2", "log10", "exp2", "square", "isnan", "isinf", "isfinite",
                                 "logicalNot", "bitwiseNot"};
  constexpr int nb = sizeof(binary) / sizeof(*binary), nu2 = sizeof(unary2) / sizeof(*unary2);
  static_assert(nb == static_cast<int>(Op::ThresholdBackward) - 31 && nu2 == static_cast<int>(Op::BitwiseNot) - 95);
  int c = static_cast<int>(op);
  if (c >= 0 && c < 27) return unary[c];
  if (c >= 32 && c < 32 + nb) return binary[c - 32];
  if (c >= 64 && c < 68) return ternary[c - 64];
  if (c >= 96 && c < 96 + nu2) return unary2[c - 96];
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

// Binds a tensor operand (a TypedArray) or, for anything else, the scalar `scalar`. The offset is
// read from meta only for a tensor (a scalar's slot is unused) and, like the sizes and strides, must be
// an integer; the extent check is 128-bit (checkStrided), so no forged size/stride/offset can wrap
// around into a view that passes it and reaches outside the buffer.
void bindOperand(napi_env env, napi_value v, DType dtype, double offsetSlot, double scalar, const int64_t* sizes, int ndim,
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
  const int64_t offset = metaInt(env, name, offsetSlot, "offset", 0);
  checkStrided(env, name, "tensor view", length, offset, sizes, op.strides, ndim);
  op.data = static_cast<char*>(data) + offset * itemSize(dtype);
}

// A size or stride from the meta buffer: an integer in [0 or -2^53, 2^53] (NaN and fractions throw).
int64_t metaDim(napi_env env, const char* name, double v, const char* what, bool signedOk = false) {
  return metaInt(env, name, v, what, signedOk ? -9007199254740992.0 : 0);
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
  for (int d = 0; d < ndim; d++) call.sizes[d] = metaDim(env, name, m[5 + d], "size");
  for (int k = 0; k <= nin; k++) {
    const double* o = m + 5 + ndim + k * (3 + ndim);
    Operand& op = k == 0 ? call.out : call.in[k - 1];
    for (int d = 0; d < ndim; d++) op.strides[d] = metaDim(env, name, o[3 + d], "stride", true);
    bindOperand(env, info[k], readDtype(env, o[0], name), o[1], o[2], call.sizes, ndim, op, name);
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
  call.sizes[0] = metaDim(env, name, m[2], "size");
  call.params[0] = m[3];
  call.params[1] = m[4];
  call.out.strides[0] = 1;
  bindOperand(env, info[0], isComparison(call.op) ? DType::Bool : dtype, m[5], 0, call.sizes, 1,
              call.out, name);
  if (call.out.isScalar) throwError(env, false, std::string(name) + ": output must be a tensor");
  const int nin = arity(call.op);
  for (int k = 0; k < nin; k++) {
    call.in[k].strides[0] = 1;
    bindOperand(env, info[1 + k], dtype, m[6 + 2 * k], m[7 + 2 * k], call.sizes, 1, call.in[k], name);
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
