// JS entry points for the join family's one native loop (histc). Numbers travel through meta:
//   histc(hist, input)      meta = [dtype, n, inOffset, histOffset, bins, lo, hi]
// dtype is float32 (0) or float64 (1); both arrays are contiguous runs of that dtype.
#include <napi.h>

#include <cmath>
#include <string>

#include "../kernels/join.h"
#include "args.h"
#include "meta.h"
#include "registry.h"

namespace torch_native {
namespace {

const double* readMeta(const Napi::Env& env, size_t need, const char* op) {
  const MetaBuffer& m = meta(env);
  if (!m.data || m.length < need) throw Napi::TypeError::New(env, std::string(op) + ": meta buffer not registered (setMeta)");
  return m.data;
}

int64_t metaInt(const Napi::Env& env, double v, const char* what, const char* op) {
  if (!(v >= 0 && v <= 9007199254740992.0) || v != std::floor(v))
    throw Napi::RangeError::New(env, std::string(op) + ": invalid " + what + " " + std::to_string(v));
  return static_cast<int64_t>(v);
}

DType floatDtype(const Napi::Env& env, double code, const char* op) {
  if (code != 0 && code != 1) throw Napi::TypeError::New(env, std::string(op) + ": expects float32 or float64 data");
  return static_cast<DType>(static_cast<int>(code));
}

// The n contiguous elements at `offset` of a TypedArray of `dtype`, checked to lie inside it.
char* bindRun(const Napi::Value& v, DType dtype, int64_t offset, int64_t n, const char* op, const char* name) {
  ArrayView a = toArray(v, dtype, op);
  if (n > 0 && offset + n > a.length)
    throw Napi::RangeError::New(v.Env(), std::string(op) + ": " + name + " reaches outside its storage (elements " + std::to_string(offset) +
                                             ".." + std::to_string(offset + n - 1) + " of " + std::to_string(a.length) + ")");
  return a.data + offset * itemSize(dtype);
}

Napi::Value Histc(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const double* m = readMeta(env, 7, "histc");
  DType dtype = floatDtype(env, m[0], "histc");
  int64_t n = metaInt(env, m[1], "count", "histc"), inOffset = metaInt(env, m[2], "offset", "histc");
  int64_t histOffset = metaInt(env, m[3], "offset", "histc"), bins = metaInt(env, m[4], "bins", "histc");
  double lo = m[5], hi = m[6];
  if (bins < 1) throw Napi::RangeError::New(env, "histc: bins must be > 0");
  if (!std::isfinite(lo) || !std::isfinite(hi) || !(lo < hi)) throw Napi::RangeError::New(env, "histc: invalid range");
  char* hist = bindRun(info[0], dtype, histOffset, bins, "histc", "hist");
  char* in = bindRun(info[1], dtype, inOffset, n, "histc", "input");
  if (dtype == DType::F32) histc(reinterpret_cast<const float*>(in), n, bins, lo, hi, reinterpret_cast<float*>(hist));
  else histc(reinterpret_cast<const double*>(in), n, bins, lo, hi, reinterpret_cast<double*>(hist));
  return env.Undefined();
}

void registerJoin(Napi::Env env, Napi::Object exports) {
  exports.Set("histc", Napi::Function::New(env, Histc));
}

}  // namespace

static Registration reg(registerJoin);

}  // namespace torch_native
