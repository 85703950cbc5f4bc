// JS entry points for dense matrix products: bmm(out, a, b) with every number in the shared meta
// Float64Array (the one index.js registers through setMeta), plus blasInfo() and setBlasThreads(n).
//
// bmm meta layout (indices):
//   [0] dtype code   [1] batch   [2] m   [3] n   [4] k   [5] alpha   [6] beta
//   [7] aOffset   [8] aBatchStride   [9] aRowStride   [10] aColStride
//   [11] bOffset  [12] bBatchStride  [13] bRowStride  [14] bColStride
//   [15] outOffset [16] outBatchStride [17] outRowStride [18] outColStride
//   [19] accumulateBatches (0/1: out is one m x n matrix receiving beta*out + alpha*sum_i a[i]@b[i])
// All offsets and strides are in elements.
#include <napi.h>

#include <cmath>
#include <string>

#include "../kernels/gemm.h"
#include "args.h"
#include "meta.h"
#include "registry.h"

namespace torch_native {
namespace {

constexpr size_t kBmmMetaLength = 20;

[[noreturn]] void rangeError(napi_env env, const std::string& msg) { throw Napi::RangeError::New(Napi::Env(env), "bmm: " + msg); }
[[noreturn]] void typeError(napi_env env, const std::string& msg) { throw Napi::TypeError::New(Napi::Env(env), "bmm: " + msg); }

// An integral meta value in [lo, 2^53] (args.h's check, naming bmm).
int64_t metaInt(napi_env env, double v, const char* what, double lo) { return torch_native::metaInt(env, "bmm", v, what, lo); }

struct Extent {
  int64_t sizes[3];
  int64_t strides[3];
};

// Binds one operand: TypedArray type check, then every reachable element must lie inside the array
// (computed in 128-bit so no stride/size combination can overflow).
char* bindMatrix(napi_env env, napi_value v, DType dtype, int64_t offset, const Extent& e, const char* name) {
  napi_typedarray_type type;
  size_t length;
  void* data;
  if (napi_get_typedarray_info(env, v, &type, &length, &data, nullptr, nullptr) != napi_ok)
    typeError(env, std::string(name) + " must be a TypedArray");
  if (length == 0) throwIfDetached(env, "bmm", v);
  if (!storesDtype(type, dtype)) typeError(env, std::string(name) + ": TypedArray does not hold " + dtypeName(dtype));
  for (int d = 0; d < 3; d++)
    if (e.sizes[d] == 0) return static_cast<char*>(data);  // nothing reachable
  __int128 lo = offset, hi = offset;
  for (int d = 0; d < 3; d++) {
    __int128 span = static_cast<__int128>(e.sizes[d] - 1) * e.strides[d];
    if (span < 0) lo += span; else hi += span;
  }
  if (lo < 0 || hi >= static_cast<__int128>(length))
    rangeError(env, std::string(name) + " reaches outside its storage (elements " + std::to_string(static_cast<long long>(lo)) +
                        ".." + std::to_string(static_cast<long long>(hi)) + " of " + std::to_string(length) + ")");
  return static_cast<char*>(data);
}

Napi::Value Bmm(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  if (!meta(env).data || meta(env).length < kBmmMetaLength) typeError(env, "meta buffer not registered (setMeta) or too short");
  const double* m = meta(env).data;
  if (info.Length() < 3) typeError(env, "expected (out, a, b)");
  BmmCall c;
  int code = static_cast<int>(metaInt(env, m[0], "dtype code", 0));
  if (code >= kNumDTypes) typeError(env, "unknown dtype code " + std::to_string(code));
  c.dtype = static_cast<DType>(code);
  c.batch = metaInt(env, m[1], "batch", 0);
  c.m = metaInt(env, m[2], "m", 0);
  c.n = metaInt(env, m[3], "n", 0);
  c.k = metaInt(env, m[4], "k", 0);
  c.alpha = m[5];
  c.beta = m[6];
  const double lo = -9007199254740992.0;
  MatrixOperand* ops[3] = {&c.a, &c.b, &c.out};
  for (int i = 0; i < 3; i++) {
    const double* o = m + 7 + 4 * i;
    ops[i]->offset = metaInt(env, o[0], "offset", 0);
    ops[i]->batchStride = metaInt(env, o[1], "batch stride", lo);
    ops[i]->rowStride = metaInt(env, o[2], "row stride", lo);
    ops[i]->colStride = metaInt(env, o[3], "column stride", lo);
  }
  c.accumulateBatches = m[19] != 0;
  const int64_t outBatch = c.accumulateBatches ? 1 : c.batch;
  Extent ea{{c.batch, c.m, c.k}, {c.a.batchStride, c.a.rowStride, c.a.colStride}};
  Extent eb{{c.batch, c.k, c.n}, {c.b.batchStride, c.b.rowStride, c.b.colStride}};
  Extent eo{{outBatch, c.m, c.n}, {c.out.batchStride, c.out.rowStride, c.out.colStride}};
  c.out.data = bindMatrix(env, info[0], c.dtype, c.out.offset, eo, "out");
  c.a.data = bindMatrix(env, info[1], c.dtype, c.a.offset, ea, "a");
  c.b.data = bindMatrix(env, info[2], c.dtype, c.b.offset, eb, "b");
  runBmm(c);
  return Napi::Value();
}

Napi::Value BlasInfoJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  BlasInfo bi = blasInfo();
  Napi::Object o = Napi::Object::New(env);
  o.Set("library", bi.library);
  o.Set("coretype", bi.coretype ? Napi::Value(Napi::String::New(env, bi.coretype)) : env.Null());
  o.Set("config", bi.config ? Napi::Value(Napi::String::New(env, bi.config)) : env.Null());
  o.Set("threads", bi.threads);
  return o;
}

Napi::Value SetBlasThreadsJs(const Napi::CallbackInfo& info) {
  if (info.Length() < 1 || !info[0].IsNumber())
    throw Napi::TypeError::New(info.Env(), "setBlasThreads: expected a thread count");
  double n = info[0].As<Napi::Number>().DoubleValue();
  if (!(n >= 1 && n <= 4096) || n != std::floor(n))
    throw Napi::RangeError::New(info.Env(), "setBlasThreads: expected a positive integer thread count");
  setBlasThreads(static_cast<int>(n));
  return info.Env().Undefined();
}

void registerBlas(Napi::Env env, Napi::Object exports) {
  exports.Set("bmm", Napi::Function::New(env, Bmm, "bmm"));
  exports.Set("blasInfo", Napi::Function::New(env, BlasInfoJs, "blasInfo"));
  exports.Set("setBlasThreads", Napi::Function::New(env, SetBlasThreadsJs, "setBlasThreads"));
}

}  // namespace

static Registration reg(registerBlas);

}  // namespace torch_native
