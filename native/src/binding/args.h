// Argument conversion shared by the binding files: TypedArray -> (pointer, length, dtype) with the
// checks that keep native code inside the caller's memory.
#pragma once
#include <napi.h>

#include <cmath>
#include <string>

#include "../kernels/dtype.h"
#include "meta.h"

namespace torch_native {

[[noreturn]] inline void rangeError(napi_env env, const std::string& op, const std::string& msg) {
  throw Napi::RangeError::New(Napi::Env(env), op + ": " + msg);
}
[[noreturn]] inline void typeError(napi_env env, const std::string& op, const std::string& msg) {
  throw Napi::TypeError::New(Napi::Env(env), op + ": " + msg);
}

[[noreturn, gnu::cold, gnu::noinline]] inline void invalidMetaInt(napi_env env, const char* op, double v, const char* what) {
  rangeError(env, op, std::string("invalid ") + what + " " + std::to_string(v));
}

// A meta-buffer number that must be an integer in [lo, 2^53]; RangeError naming `what` otherwise.
// Read for every operand of every op: the integer test is a round trip through int64 (in range, so
// defined) rather than floor(), a libm call without SSE4.1, and the message is built out of line.
inline int64_t metaInt(napi_env env, const char* op, double v, const char* what, double lo) {
  if (!(v >= lo && v <= 9007199254740992.0)) invalidMetaInt(env, op, v, what);
  const int64_t i = static_cast<int64_t>(v);
  if (static_cast<double>(i) != v) invalidMetaInt(env, op, v, what);
  return i;
}

// A meta-buffer dtype code; TypeError naming the op for a code no dtype has.
inline DType metaDtype(napi_env env, const char* op, double v) {
  const int64_t code = metaInt(env, op, v, "dtype code", 0);
  if (code >= kNumDTypes) typeError(env, op, "unknown dtype code " + std::to_string(code));
  return static_cast<DType>(code);
}

struct ArrayView {
  char* data = nullptr;
  int64_t length = 0;  // in elements
};

// True when `arr` is a TypedArray whose element type stores `dtype`.
inline bool storesDtype(napi_typedarray_type t, DType dtype) {
  switch (dtype) {
    case DType::F32: return t == napi_float32_array;
    case DType::F64: return t == napi_float64_array;
    case DType::F16: return t == napi_uint16_array;
    case DType::I64: return t == napi_bigint64_array;
    case DType::I32: return t == napi_int32_array;
    case DType::I16: return t == napi_int16_array;
    case DType::I8: return t == napi_int8_array;
    case DType::U8: case DType::Bool: return t == napi_uint8_array || t == napi_uint8_clamped_array;
  }
  return false;
}

inline DType toDtype(const Napi::Value& v, const char* op) {
  int code = v.As<Napi::Number>().Int32Value();
  if (code < 0 || code >= kNumDTypes) throw Napi::TypeError::New(v.Env(), std::string(op) + ": unknown dtype code " + std::to_string(code));
  return static_cast<DType>(code);
}

inline ArrayView toArray(const Napi::Value& v, DType dtype, const char* op) {
  napi_typedarray_type type;
  size_t length = 0;
  void* data = nullptr;
  // The raw call avoids creating an ArrayBuffer handle per operand: this sits on every op's hot path.
  if (napi_get_typedarray_info(v.Env(), v, &type, &length, &data, nullptr, nullptr) != napi_ok)
    throw Napi::TypeError::New(v.Env(), std::string(op) + ": expected a TypedArray");
  if (length == 0) throwIfDetached(v.Env(), op, v);  // a detached array reads as empty
  if (!storesDtype(type, dtype))
    throw Napi::TypeError::New(v.Env(), std::string(op) + ": TypedArray does not hold " + dtypeName(dtype));
  return ArrayView{static_cast<char*>(data), static_cast<int64_t>(length)};
}

// Throws RangeError unless every element reachable from `offset` with these sizes/strides lies in
// [0, length). Nothing is reachable when a size is 0.
inline void checkExtent(Napi::Env env, const char* op, int64_t length, int64_t offset, const int64_t* sizes,
                        const int64_t* strides, int ndim) {
  int64_t lo = offset, hi = offset;
  for (int d = 0; d < ndim; d++) {
    if (sizes[d] == 0) return;
    if (sizes[d] < 0) throw Napi::RangeError::New(env, std::string(op) + ": negative size");
    int64_t span = (sizes[d] - 1) * strides[d];
    if (span < 0) lo += span; else hi += span;
  }
  if (lo < 0 || hi >= length)
    throw Napi::RangeError::New(env, std::string(op) + ": tensor view reaches outside its storage (elements " +
                                         std::to_string(lo) + ".." + std::to_string(hi) + " of " +
                                         std::to_string(length) + ")");
}

// Throws RangeError unless every element reachable from `offset` with these sizes/strides lies in
// [0, length) (128-bit arithmetic, so no overflow). Nothing is reachable when a size is 0.
inline void checkStrided(napi_env env, const char* op, const char* name, size_t length, int64_t offset, const int64_t* sizes,
                         const int64_t* strides, int nd) {
  bool empty = false;
  __int128 lo = offset, hi = offset;
  for (int d = 0; d < nd; d++) {
    if (sizes[d] == 0) empty = true;
    __int128 span = static_cast<__int128>(sizes[d] > 0 ? sizes[d] - 1 : 0) * strides[d];
    if (span < 0) lo += span; else hi += span;
  }
  if (!empty && (lo < 0 || hi >= static_cast<__int128>(length)))
    rangeError(env, op, std::string(name) + " reaches outside its storage (elements " + std::to_string(static_cast<long long>(lo)) + ".." +
                            std::to_string(static_cast<long long>(hi)) + " of " + std::to_string(length) + ")");
}

// Binds a TypedArray holding `dtype` and checks that every element reachable from offset with these
// sizes/strides lies inside it.
inline char* bindStrided(napi_env env, const char* op, napi_value v, DType dtype, int64_t offset, const int64_t* sizes, const int64_t* strides, int nd,
           const char* name) {
  napi_typedarray_type type;
  size_t length;
  void* data;
  if (napi_get_typedarray_info(env, v, &type, &length, &data, nullptr, nullptr) != napi_ok)
    typeError(env, op, std::string(name) + " must be a TypedArray");
  if (length == 0) throwIfDetached(env, op, v);
  if (!storesDtype(type, dtype)) typeError(env, op, std::string(name) + ": TypedArray does not hold " + dtypeName(dtype));
  checkStrided(env, op, name, length, offset, sizes, strides, nd);
  return static_cast<char*>(data) + offset * itemSize(dtype);
}

}  // namespace torch_native
