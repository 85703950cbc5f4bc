// JS entry points for LAPACK: lapack(a, b?, c?, d?) runs one batched routine on contiguous
// column-major float32/float64 arrays (fresh copies made by packages/core/src/ops/lapack.ts), in
// place; lapackLibrary() says where LAPACK comes from ('openblas', 'lapack' or null).
//
// lapack meta layout (indices):
//   [0] op (LapackOp in kernels/lapack.h)   [1] dtype code (0 float32, 1 float64)
//   [2] batch   [3] m   [4] n   [5] k   [6] p0   [7] p1   [8] p2
// Each array starts at element 0 and must hold at least the op's extent (lapackExtents), else RangeError.
// Returns null on success, or [batchIndex, info] for the first matrix LAPACK reported a failure for.
#include <napi.h>

#include <climits>
#include <cmath>
#include <stdexcept>
#include <string>

#include "../kernels/lapack.h"
#include "args.h"
#include "meta.h"
#include "registry.h"

namespace torch_native {
namespace {

constexpr size_t kLapackMetaLength = 9;

[[noreturn]] void rangeError(napi_env env, const std::string& msg) { throw Napi::RangeError::New(Napi::Env(env), "lapack: " + msg); }
[[noreturn]] void typeError(napi_env env, const std::string& msg) { throw Napi::TypeError::New(Napi::Env(env), "lapack: " + msg); }

// An integral meta value in [lo, hi]; anything else (NaN, fractions, out of range) is a RangeError.
int64_t metaInt(napi_env env, double v, const char* what, double lo, double hi) {
  if (!(v >= lo && v <= hi) || v != std::floor(v)) rangeError(env, std::string("invalid ") + what + " " + std::to_string(v));
  return static_cast<int64_t>(v);
}

Napi::Value Lapack(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  if (!meta(env).data || meta(env).length < kLapackMetaLength) typeError(env, "meta buffer not registered (setMeta) or too short");
  const double* m = meta(env).data;
  LapackCall c;
  int op = static_cast<int>(metaInt(env, m[0], "op", 0, static_cast<double>(LapackOp::SymEig)));
  c.op = static_cast<LapackOp>(op);
  int code = static_cast<int>(metaInt(env, m[1], "dtype code", 0, 1));
  DType dtype = static_cast<DType>(code);
  c.f64 = dtype == DType::F64;
  // LAPACK indexes with 32-bit integers: every size, and every matrix's element count, must fit
  // (checked with the extents below).
  c.batch = metaInt(env, m[2], "batch", 0, 9007199254740992.0);
  c.m = metaInt(env, m[3], "m", 1, INT_MAX);
  c.n = metaInt(env, m[4], "n", 1, INT_MAX);
  c.k = metaInt(env, m[5], "k", 1, INT_MAX);
  c.p0 = metaInt(env, m[6], "p0", 0, INT_MAX);
  c.p1 = metaInt(env, m[7], "p1", 0, INT_MAX);
  c.p2 = metaInt(env, m[8], "p2", 0, 1);
  const int64_t kk = std::min(c.m, c.n);
  if (c.op == LapackOp::Qr && (c.p0 < kk || c.p0 > c.m || (c.p1 != kk && c.p1 != c.m)))
    rangeError(env, "qr: invalid Q columns / R rows");
  if (c.op == LapackOp::Svd && c.p0 > 2) rangeError(env, "svd: invalid job");
  // Extents per matrix first (each at most INT_MAX * INT_MAX, so no overflow), then the batch
  // against the array's real length (division, so no overflow either).
  int64_t per[4];
  const int64_t batch = c.batch;
  c.batch = 1;
  lapackExtents(c, per);
  c.batch = batch;
  for (int i = 0; i < 4; i++) {
    if (per[i] == 0) continue;
    if (per[i] > INT_MAX)
      rangeError(env, "matrices of " + std::to_string(c.m) + " x " + std::to_string(c.n) + " (" + std::to_string(c.k) +
                          " right-hand sides) are too large for LAPACK's 32-bit indices");
    if (info.Length() <= static_cast<size_t>(i)) typeError(env, "missing array argument " + std::to_string(i));
    ArrayView v = toArray(info[i], dtype, "lapack");
    if (batch > v.length / per[i])
      rangeError(env, "array " + std::to_string(i) + " holds " + std::to_string(v.length) + " elements, the call needs " +
                          std::to_string(batch) + " x " + std::to_string(per[i]));
    c.arrays[i] = v.data;
  }
  LapackStatus st;
  try {
    st = runLapack(c);
  } catch (const std::bad_alloc&) {
    throw Napi::RangeError::New(info.Env(), "lapack: out of memory for the workspace");
  } catch (const std::runtime_error& e) {
    throw Napi::Error::New(info.Env(), std::string("lapack: ") + e.what());
  }
  if (st.ok()) return info.Env().Null();
  Napi::Array r = Napi::Array::New(info.Env(), 2);
  r.Set(0u, Napi::Number::New(info.Env(), static_cast<double>(st.batch)));
  r.Set(1u, Napi::Number::New(info.Env(), static_cast<double>(st.info)));
  return r;
}

Napi::Value LapackLibrary(const Napi::CallbackInfo& info) {
  const char* lib = lapackLibrary();
  return lib ? Napi::Value(Napi::String::New(info.Env(), lib)) : info.Env().Null();
}

void registerLapack(Napi::Env env, Napi::Object exports) {
  exports.Set("lapack", Napi::Function::New(env, Lapack, "lapack"));
  exports.Set("lapackLibrary", Napi::Function::New(env, LapackLibrary, "lapackLibrary"));
}

}  // namespace

static Registration reg(registerLapack);

}  // namespace torch_native
