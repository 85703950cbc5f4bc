// JS entry point for softmax / log-softmax (kernels/softmax.h). Numbers travel in the shared meta buffer.
//
// softmax(input, out), meta layout:
//   [0] op (0 softmax, 1 logSoftmax)   [1] dtype code (float32 or float64)   [2] ndim   [3] dim
//   [4] input offset   [5] out offset   [6 .. 6+nd) sizes;  then nd input strides.
// out: contiguous, the input's sizes and dtype.
#include <napi.h>

#include <string>

#include "../kernels/softmax.h"
#include "args.h"
#include "meta.h"
#include "registry.h"

namespace torch_native {
namespace {

Napi::Value Softmax(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  const double* m = meta().data;
  if (!m || meta().length < 16) typeError(env, "softmax", "meta buffer not registered (setMeta) or too short");
  if (info.Length() < 2) typeError(env, "softmax", "expected (input, out)");
  int code = static_cast<int>(metaInt(env, "softmax", m[0], "op", 0));
  if (code > 1) typeError(env, "softmax", "unknown op " + std::to_string(code));
  const char* op = code == 0 ? "softmax" : "logSoftmax";
  int dt = static_cast<int>(metaInt(env, op, m[1], "dtype code", 0));
  if (dt >= kNumDTypes) typeError(env, op, "unknown dtype code " + std::to_string(dt));
  SoftmaxCall c;
  c.op = static_cast<SoftmaxOp>(code);
  c.dtype = static_cast<DType>(dt);
  if (c.dtype != DType::F32 && c.dtype != DType::F64) typeError(env, op, std::string("not implemented for ") + dtypeName(c.dtype));
  int nd = static_cast<int>(metaInt(env, op, m[2], "ndim", 1));
  if (nd > 64 || static_cast<size_t>(6 + 2 * nd) > meta().length) rangeError(env, op, "too many dimensions");
  c.ndim = nd;
  c.dim = static_cast<int>(metaInt(env, op, m[3], "dim", 0));
  if (c.dim >= nd) rangeError(env, op, "dim out of range");
  int64_t inOff = metaInt(env, op, m[4], "offset", 0), outOff = metaInt(env, op, m[5], "offset", 0);
  int64_t sizes[64], strides[64];
  int64_t n = 1;
  for (int d = 0; d < nd; d++) {
    sizes[d] = metaInt(env, op, m[6 + d], "size", 0);
    strides[d] = metaInt(env, op, m[6 + nd + d], "stride", -9007199254740992.0);
    n *= sizes[d];
  }
  c.sizes = sizes;
  c.strides = strides;
  c.in = bindStrided(env, op, info[0], c.dtype, inOff, sizes, strides, nd, "input");
  int64_t one = 1;
  c.out = bindStrided(env, op, info[1], c.dtype, outOff, &n, &one, 1, "out");
  runSoftmax(c);
  return Napi::Value();
}

void registerSoftmax(Napi::Env env, Napi::Object exports) {
  exports.Set("softmax", Napi::Function::New(env, Softmax, "softmax"));
}

}  // namespace

static Registration reg(registerSoftmax);

}  // namespace torch_native
