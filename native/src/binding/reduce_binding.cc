// JS entry points for reductions, scans (kernels/reduce.h) and softmax (kernels/softmax.h). Numbers travel
// in the shared meta buffer.
//
// reduce(input, out, indices | null), meta layout:
//   [0] op (ReduceOp)   [1] dtype code   [2] ndim   [3] input offset   [4] out offset   [5] indices offset
//   [6] p (norm order, or the var/std correction)
//   [7 .. 7+nd) sizes;  then nd input strides;  then nd flags (1 = reduced)
// out is contiguous over the kept dims, of reduceOutputType(op, dtype); indices (argmax/argmin only)
// likewise, a BigInt64Array.
//
// scan(input, out), meta layout:
//   [0] op (0 cumsum, 1 cumprod)   [1] dtype code   [2] ndim   [3] dim   [4] input offset   [5] out offset
//   [6 .. 6+nd) sizes;  then nd input strides.   out: contiguous, the input's sizes, scanOutputType(dtype).
//
// softmax(input, out): the scan layout with [0] op 0 softmax, 1 logSoftmax; float32/float64 only; out:
// contiguous, the input's sizes and dtype.
#include <napi.h>

#include <cmath>
#include <string>

#include "../kernels/reduce.h"
#include "../kernels/softmax.h"
#include "args.h"
#include "meta.h"
#include "registry.h"

namespace torch_native {
namespace {

const char* opName(int op) {
  static const char* names[] = {"sum", "mean", "prod", "max", "min", "argmax", "argmin", "norm", "var", "std", "all", "any", "logsumexp"};
  return op >= 0 && op < static_cast<int>(ReduceOp::End) ? names[op] : "reduce";
}

Napi::Value Reduce(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  const double* m = meta(env).data;
  if (!m || meta(env).length < 16) typeError(env, "reduce", "meta buffer not registered (setMeta) or too short");
  if (info.Length() < 3) typeError(env, "reduce", "expected (input, out, indices)");
  int code = static_cast<int>(metaInt(env, "reduce", m[0], "op", 0));
  if (code >= static_cast<int>(ReduceOp::End)) typeError(env, "reduce", "unknown op " + std::to_string(code));
  const char* op = opName(code);
  int dt = static_cast<int>(metaInt(env, op, m[1], "dtype code", 0));
  if (dt >= kNumDTypes) typeError(env, op, "unknown dtype code " + std::to_string(dt));
  ReduceCall c;
  c.op = static_cast<ReduceOp>(code);
  c.dtype = static_cast<DType>(dt);
  if (!reduceSupports(c.op, c.dtype)) typeError(env, op, std::string("not supported for ") + dtypeName(c.dtype));
  int nd = static_cast<int>(metaInt(env, op, m[2], "ndim", 0));
  if (nd > 64 || static_cast<size_t>(7 + 3 * nd) > meta(env).length) rangeError(env, op, "too many dimensions");
  int64_t inOff = metaInt(env, op, m[3], "offset", 0), outOff = metaInt(env, op, m[4], "offset", 0),
          idxOff = metaInt(env, op, m[5], "offset", 0);
  c.p = m[6];
  int64_t sizes[64], strides[64];
  bool reduced[64];
  int64_t nOut = 1, nRed = 1;
  int nReduced = 0;
  for (int d = 0; d < nd; d++) {
    sizes[d] = metaInt(env, op, m[7 + d], "size", 0);
    strides[d] = metaInt(env, op, m[7 + nd + d], "stride", -9007199254740992.0);
    reduced[d] = m[7 + 2 * nd + d] != 0;
    if (reduced[d]) {
      nRed *= sizes[d];
      nReduced++;
    } else {
      nOut *= sizes[d];
    }
  }
  bool isArg = c.op == ReduceOp::ArgMax || c.op == ReduceOp::ArgMin;
  if (isArg && nReduced != 1) rangeError(env, op, "argmax/argmin reduce exactly one dim");
  bool noIdentity = isArg || c.op == ReduceOp::Max || c.op == ReduceOp::Min;
  if (noIdentity && nRed == 0 && nOut != 0) rangeError(env, op, "cannot reduce zero elements (no identity)");
  c.ndim = nd;
  c.sizes = sizes;
  c.strides = strides;
  c.reduced = reduced;
  c.in = bindStrided(env, op, info[0], c.dtype, inOff, sizes, strides, nd, "input");
  int64_t one = 1;
  c.out = bindStrided(env, op, info[1], reduceOutputType(c.op, c.dtype), outOff, &nOut, &one, 1, "out");
  if (isArg) c.indices = reinterpret_cast<int64_t*>(bindStrided(env, op, info[2], DType::I64, idxOff, &nOut, &one, 1, "indices"));
  runReduce(c);
  return Napi::Value();
}

// The scan and softmax calls share one meta layout: [0] op (0 or 1, naming one of `names`) [1] dtype code
// [2] ndim [3] dim [4] input offset [5] out offset [6 .. 6+nd) sizes, then nd input strides. Reads it and
// returns the op's name.
struct AlongDim {
  int code;
  DType dtype;
  int ndim, dim;
  int64_t inOff, outOff, numel = 1;
  int64_t sizes[64], strides[64];
};

const char* readAlongDim(const Napi::CallbackInfo& info, const char* family, const char* const names[2], AlongDim& a) {
  napi_env env = info.Env();
  const double* m = meta(env).data;
  if (!m || meta(env).length < 16) typeError(env, family, "meta buffer not registered (setMeta) or too short");
  if (info.Length() < 2) typeError(env, family, "expected (input, out)");
  a.code = static_cast<int>(metaInt(env, family, m[0], "op", 0));
  if (a.code > 1) typeError(env, family, "unknown op " + std::to_string(a.code));
  const char* op = names[a.code];
  int dt = static_cast<int>(metaInt(env, op, m[1], "dtype code", 0));
  if (dt >= kNumDTypes) typeError(env, op, "unknown dtype code " + std::to_string(dt));
  a.dtype = static_cast<DType>(dt);
  a.ndim = static_cast<int>(metaInt(env, op, m[2], "ndim", 1));
  if (a.ndim > 64 || static_cast<size_t>(6 + 2 * a.ndim) > meta(env).length) rangeError(env, op, "too many dimensions");
  a.dim = static_cast<int>(metaInt(env, op, m[3], "dim", 0));
  if (a.dim >= a.ndim) rangeError(env, op, "dim out of range");
  a.inOff = metaInt(env, op, m[4], "offset", 0);
  a.outOff = metaInt(env, op, m[5], "offset", 0);
  for (int d = 0; d < a.ndim; d++) {
    a.sizes[d] = metaInt(env, op, m[6 + d], "size", 0);
    a.strides[d] = metaInt(env, op, m[6 + a.ndim + d], "stride", -9007199254740992.0);
    a.numel *= a.sizes[d];
  }
  return op;
}

// The contiguous output of an along-dim call: numel elements of `dtype` from outOff.
char* bindAlongDimOut(const Napi::CallbackInfo& info, const char* op, AlongDim& a, DType dtype) {
  int64_t one = 1;
  return bindStrided(info.Env(), op, info[1], dtype, a.outOff, &a.numel, &one, 1, "out");
}

Napi::Value Scan(const Napi::CallbackInfo& info) {
  static const char* const names[2] = {"cumsum", "cumprod"};
  AlongDim a;
  const char* op = readAlongDim(info, "scan", names, a);
  ScanCall c;
  c.op = static_cast<ScanOp>(a.code);
  c.dtype = a.dtype, c.ndim = a.ndim, c.dim = a.dim, c.sizes = a.sizes, c.strides = a.strides;
  c.in = bindStrided(info.Env(), op, info[0], c.dtype, a.inOff, a.sizes, a.strides, a.ndim, "input");
  c.out = bindAlongDimOut(info, op, a, scanOutputType(c.dtype));
  runScan(c);
  return Napi::Value();
}

Napi::Value Softmax(const Napi::CallbackInfo& info) {
  static const char* const names[2] = {"softmax", "logSoftmax"};
  AlongDim a;
  const char* op = readAlongDim(info, "softmax", names, a);
  if (a.dtype != DType::F32 && a.dtype != DType::F64) typeError(info.Env(), op, std::string("not implemented for ") + dtypeName(a.dtype));
  SoftmaxCall c;
  c.op = static_cast<SoftmaxOp>(a.code);
  c.dtype = a.dtype, c.ndim = a.ndim, c.dim = a.dim, c.sizes = a.sizes, c.strides = a.strides;
  c.in = bindStrided(info.Env(), op, info[0], c.dtype, a.inOff, a.sizes, a.strides, a.ndim, "input");
  c.out = bindAlongDimOut(info, op, a, c.dtype);
  runSoftmax(c);
  return Napi::Value();
}

void registerReduce(Napi::Env env, Napi::Object exports) {
  exports.Set("reduce", Napi::Function::New(env, Reduce, "reduce"));
  exports.Set("scan", Napi::Function::New(env, Scan, "scan"));
  exports.Set("softmax", Napi::Function::New(env, Softmax, "softmax"));
}

}  // namespace

static Registration reg(registerReduce);

}  // namespace torch_native
