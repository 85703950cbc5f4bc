// JS entry points for the nn layer kernels (kernels/nn/nn.h). Each takes a Float64Array of numbers
// first, then the tensors' TypedArrays (null for an optional one that is absent). Every tensor is
// contiguous from its offset, and each is checked to hold all the elements its geometry reaches.
//
// convForward(p, input, weight, bias|null, output)
// convGradInput(p, gradOutput, weight, gradInput)
// convAccGradParameters(p, input, gradOutput, gradWeight|null, gradBias|null)
//   p: [0] dtype [1] N [2] C [3] Cout [4] groups [5..7] in sizes (D, H, W) [8..10] kernel [11..13] stride
//      [14..16] padding [17..19] dilation [20] scale [21..24] the tensors' offsets, in argument order.
//   The output sizes follow from these (PyTorch's formula) and must be at least 0.
//
// pool(kind, p, a, b, c|null): kind 0 maxFwd(input, output, indices) 1 maxBwd(gradOutput, indices, gradInput)
//   2 avgFwd(input, output) 3 avgBwd(gradOutput, gradInput) 4 adaptiveAvgFwd(input, output)
//   5 adaptiveAvgBwd(gradOutput, gradInput) 6 adaptiveMaxFwd(input, output, indices)
//   7 unpoolFwd(input, indices, output) 8 unpoolBwd(gradOutput, indices, gradInput)
//   p: [0] dtype [1] planes [2..4] in sizes [5..7] out sizes [8..10] kernel [11..13] stride [14..16] padding
//      [17..19] dilation [20] countIncludePad [21] divisor (0: none) [22..24] offsets of a, b, c.
//   "in" is the pooled input (for unpooling: its input, the smaller plane); indices are int64 and
//   have the out plane's layout (unpooling: the in plane's).
//
// fractionalMaxPool2d(p, input, samples, output, indices): p as pool's (kernel, in and out sizes in the
//   H and W slots; [22..25] offsets of the four tensors); samples [planes, 2] of the input's dtype.
//
// batchNorm(kind, p, ...tensors): kind 0 train(input, weight, bias, output, saveMean, saveInvstd, runMean, runVar)
//   1 eval(input, weight, bias, runMean, runVar, output)
//   2 backward(input, gradOutput, weight, mean, invstd, gradInput, gradWeight, gradBias)
//   p: [0] dtype [1] N [2] C [3] S [4] momentum [5] eps [6] scale [7] training (backward) [8..15] offsets.
//   weight, bias, running stats and the gradients may be null where the kernel allows it.
#include <napi.h>

#include <cmath>
#include <initializer_list>
#include <string>

#include "../kernels/nn/nn.h"
#include "args.h"
#include "registry.h"

namespace torch_native {
namespace {

struct Params {
  const double* v;
  size_t n;
};

Params params(const Napi::CallbackInfo& info, int at, const char* op, size_t need) {
  napi_typedarray_type type;
  size_t length;
  void* data;
  if (napi_get_typedarray_info(info.Env(), info[at], &type, &length, &data, nullptr, nullptr) != napi_ok || type != napi_float64_array)
    typeError(info.Env(), op, "expected a Float64Array of parameters");
  if (length < need) rangeError(info.Env(), op, "parameter array too short");
  return Params{static_cast<const double*>(data), length};
}

// A contiguous tensor argument of `count` elements at `offset`; null (nullptr) only when `optional`.
char* bindContiguous(const Napi::CallbackInfo& info, const char* op, int arg, DType dtype, double offset, int64_t count,
                     const char* name, bool optional) {
  if (info[arg].IsNull() || info[arg].IsUndefined()) {
    if (!optional) typeError(info.Env(), op, std::string(name) + " is required");
    return nullptr;
  }
  const int64_t off = metaInt(info.Env(), op, offset, "offset", 0);
  const int64_t sizes[1] = {count}, strides[1] = {1};
  return bindStrided(info.Env(), op, info[arg], dtype, off, sizes, strides, 1, name);
}

// The product of sizes, RangeError if it overflows int64 (each factor is already at most 2^53).
int64_t count(napi_env env, const char* op, std::initializer_list<int64_t> sizes) {
  int64_t r = 1;
  for (int64_t s : sizes)
    if (__builtin_mul_overflow(r, s, &r)) rangeError(env, op, "sizes overflow");
  return r;
}

DType floatDtype(const Napi::CallbackInfo& info, const char* op, double code) {
  const int64_t c = metaInt(info.Env(), op, code, "dtype code", 0);
  if (c != static_cast<int64_t>(DType::F32) && c != static_cast<int64_t>(DType::F64))
    typeError(info.Env(), op, "only float32 and float64 are implemented");
  return static_cast<DType>(c);
}

// Reads the window numbers from p[first..first+11] (kernel, stride, padding, dilation).
void readWindow(const Napi::CallbackInfo& info, const char* op, const double* p, nn::Window& w) {
  for (int d = 0; d < 3; d++) {
    w.kernel[d] = metaInt(info.Env(), op, p[d], "kernel size", 1);
    w.stride[d] = metaInt(info.Env(), op, p[3 + d], "stride", 1);
    w.pad[d] = metaInt(info.Env(), op, p[6 + d], "padding", 0);
    w.dilation[d] = metaInt(info.Env(), op, p[9 + d], "dilation", 1);
    // Keeps (kernel - 1) * dilation and 2 * padding far from overflow.
    if (w.kernel[d] > (int64_t(1) << 31) || w.dilation[d] > (int64_t(1) << 31) || w.pad[d] > (int64_t(1) << 52))
      rangeError(info.Env(), op, "kernel size, dilation or padding too large");
  }
}

nn::ConvCall readConv(const Napi::CallbackInfo& info, const char* op, const Params& p) {
  nn::ConvCall c;
  Napi::Env env = info.Env();
  c.dtype = floatDtype(info, op, p.v[0]);
  c.batch = metaInt(env, op, p.v[1], "batch size", 0);
  c.inChannels = metaInt(env, op, p.v[2], "channel count", 0);
  c.outChannels = metaInt(env, op, p.v[3], "channel count", 0);
  c.groups = metaInt(env, op, p.v[4], "groups", 1);
  if (c.inChannels % c.groups != 0 || c.outChannels % c.groups != 0) rangeError(env, op, "channels not divisible by groups");
  for (int d = 0; d < 3; d++) c.w.in[d] = metaInt(env, op, p.v[5 + d], "input size", 0);
  readWindow(info, op, p.v + 8, c.w);
  for (int d = 0; d < 3; d++) {
    const int64_t span = c.w.dilation[d] * (c.w.kernel[d] - 1) + 1, padded = c.w.in[d] + 2 * c.w.pad[d];
    if (padded < span) rangeError(env, op, "kernel larger than the padded input");
    c.w.out[d] = (padded - span) / c.w.stride[d] + 1;
  }
  // Products of sizes stay far below 2^63: each factor is at most 2^53 and the arrays bound them.
  return c;
}

Napi::Value ConvForward(const Napi::CallbackInfo& info) {
  const char* op = "convForward";
  const Params p = params(info, 0, op, 25);
  const nn::ConvCall c = readConv(info, op, p);
  const char* in = bindContiguous(info, op, 1, c.dtype, p.v[21], count(info.Env(), op, {c.batch, c.inChannels, c.w.in[0], c.w.in[1], c.w.in[2]}), "input", false);
  const char* w = bindContiguous(info, op, 2, c.dtype, p.v[22], count(info.Env(), op, {c.outChannels, c.inChannels / c.groups, c.w.kernel[0], c.w.kernel[1], c.w.kernel[2]}), "weight", false);
  const char* b = bindContiguous(info, op, 3, c.dtype, p.v[23], c.outChannels, "bias", true);
  char* out = bindContiguous(info, op, 4, c.dtype, p.v[24], count(info.Env(), op, {c.batch, c.outChannels, c.w.out[0], c.w.out[1], c.w.out[2]}), "output", false);
  nn::convForward(c, in, w, b, out);
  return info.Env().Undefined();
}

Napi::Value ConvGradInput(const Napi::CallbackInfo& info) {
  const char* op = "convGradInput";
  const Params p = params(info, 0, op, 25);
  const nn::ConvCall c = readConv(info, op, p);
  const char* go = bindContiguous(info, op, 1, c.dtype, p.v[21], count(info.Env(), op, {c.batch, c.outChannels, c.w.out[0], c.w.out[1], c.w.out[2]}), "gradOutput", false);
  const char* w = bindContiguous(info, op, 2, c.dtype, p.v[22], count(info.Env(), op, {c.outChannels, c.inChannels / c.groups, c.w.kernel[0], c.w.kernel[1], c.w.kernel[2]}), "weight", false);
  char* gi = bindContiguous(info, op, 3, c.dtype, p.v[23], count(info.Env(), op, {c.batch, c.inChannels, c.w.in[0], c.w.in[1], c.w.in[2]}), "gradInput", false);
  nn::convGradInput(c, go, w, gi);
  return info.Env().Undefined();
}

Napi::Value ConvAccGradParameters(const Napi::CallbackInfo& info) {
  const char* op = "convAccGradParameters";
  const Params p = params(info, 0, op, 25);
  const nn::ConvCall c = readConv(info, op, p);
  const char* in = bindContiguous(info, op, 1, c.dtype, p.v[21], count(info.Env(), op, {c.batch, c.inChannels, c.w.in[0], c.w.in[1], c.w.in[2]}), "input", false);
  const char* go = bindContiguous(info, op, 2, c.dtype, p.v[22], count(info.Env(), op, {c.batch, c.outChannels, c.w.out[0], c.w.out[1], c.w.out[2]}), "gradOutput", false);
  char* gw = bindContiguous(info, op, 3, c.dtype, p.v[23], count(info.Env(), op, {c.outChannels, c.inChannels / c.groups, c.w.kernel[0], c.w.kernel[1], c.w.kernel[2]}), "gradWeight", true);
  char* gb = bindContiguous(info, op, 4, c.dtype, p.v[24], c.outChannels, "gradBias", true);
  if (!std::isfinite(p.v[20])) rangeError(info.Env(), op, "scale must be finite");
  nn::convAccGradParameters(c, in, go, gw, gb, p.v[20]);
  return info.Env().Undefined();
}

Napi::Value Pool(const Napi::CallbackInfo& info) {
  static const char* const names[9] = {"maxPoolForward", "maxPoolBackward", "avgPoolForward", "avgPoolBackward", "adaptiveAvgPoolForward",
                                       "adaptiveAvgPoolBackward", "adaptiveMaxPoolForward", "maxUnpoolForward", "maxUnpoolBackward"};
  Napi::Env env = info.Env();
  const int64_t kind = metaInt(env, "pool", info[0].IsNumber() ? info[0].As<Napi::Number>().DoubleValue() : -1.0, "kind", 0);
  if (kind > 8) rangeError(env, "pool", "unknown kind");
  const char* op = names[kind];
  const Params p = params(info, 1, op, 25);
  nn::PoolCall c;
  c.dtype = floatDtype(info, op, p.v[0]);
  c.planes = metaInt(env, op, p.v[1], "plane count", 0);
  for (int d = 0; d < 3; d++) {
    c.w.in[d] = metaInt(env, op, p.v[2 + d], "input size", 0);
    c.w.out[d] = metaInt(env, op, p.v[5 + d], "output size", 0);
  }
  readWindow(info, op, p.v + 8, c.w);
  c.countIncludePad = p.v[20] != 0;
  c.divisor = metaInt(env, op, p.v[21], "divisor", 0);
  const int64_t inN = count(env, op, {c.planes, c.w.in[0], c.w.in[1], c.w.in[2]});
  const int64_t outN = count(env, op, {c.planes, c.w.out[0], c.w.out[1], c.w.out[2]});
  // Element counts of a, b, c per kind; indices (I64) are listed by position.
  struct Arg { int64_t count; bool index; };
  Arg args[3] = {{0, false}, {0, false}, {0, false}};
  int nargs = 2;
  switch (kind) {
    case 0: case 6: args[0] = {inN, false}, args[1] = {outN, false}, args[2] = {outN, true}, nargs = 3; break;
    case 1: args[0] = {outN, false}, args[1] = {outN, true}, args[2] = {inN, false}, nargs = 3; break;
    case 2: case 4: args[0] = {inN, false}, args[1] = {outN, false}; break;
    case 3: case 5: args[0] = {outN, false}, args[1] = {inN, false}; break;
    case 7: args[0] = {inN, false}, args[1] = {inN, true}, args[2] = {outN, false}, nargs = 3; break;
    case 8: args[0] = {outN, false}, args[1] = {inN, true}, args[2] = {inN, false}, nargs = 3; break;
  }
  if (kind <= 3)
    for (int d = 0; d < 3; d++)
      if (c.w.pad[d] * 2 > c.w.kernel[d] * c.w.dilation[d]) rangeError(env, op, "padding larger than half the kernel");
  if ((kind == 4 || kind == 5 || kind == 6))
    for (int d = 0; d < 3; d++)
      if (c.w.out[d] == 0 && c.w.in[d] != 0) rangeError(env, op, "output size 0 for a non-empty input");
  static const char* const argNames[3] = {"a", "b", "c"};
  char* ptr[3] = {nullptr, nullptr, nullptr};
  for (int i = 0; i < nargs; i++)
    ptr[i] = bindContiguous(info, op, 2 + i, args[i].index ? DType::I64 : c.dtype, p.v[22 + i], args[i].count, argNames[i], false);
  bool ok = true;
  switch (kind) {
    case 0: nn::maxPoolForward(c, ptr[0], ptr[1], reinterpret_cast<int64_t*>(ptr[2])); break;
    case 1: ok = nn::maxPoolBackward(c, ptr[0], reinterpret_cast<int64_t*>(ptr[1]), ptr[2]); break;
    case 2: nn::avgPoolForward(c, ptr[0], ptr[1]); break;
    case 3: nn::avgPoolBackward(c, ptr[0], ptr[1]); break;
    case 4: nn::adaptiveAvgPoolForward(c, ptr[0], ptr[1]); break;
    case 5: nn::adaptiveAvgPoolBackward(c, ptr[0], ptr[1]); break;
    case 6: nn::adaptiveMaxPoolForward(c, ptr[0], ptr[1], reinterpret_cast<int64_t*>(ptr[2])); break;
    case 7: ok = nn::maxUnpoolForward(c, ptr[0], reinterpret_cast<int64_t*>(ptr[1]), ptr[2]); break;
    case 8: ok = nn::maxUnpoolBackward(c, ptr[0], reinterpret_cast<int64_t*>(ptr[1]), ptr[2]); break;
  }
  if (!ok) rangeError(env, op, "an index is outside the plane it points into");
  return env.Undefined();
}

Napi::Value FractionalMaxPool2d(const Napi::CallbackInfo& info) {
  const char* op = "fractionalMaxPool2d";
  Napi::Env env = info.Env();
  const Params p = params(info, 0, op, 26);
  nn::PoolCall c;
  c.dtype = floatDtype(info, op, p.v[0]);
  c.planes = metaInt(env, op, p.v[1], "plane count", 0);
  for (int d = 1; d < 3; d++) {
    c.w.in[d] = metaInt(env, op, p.v[2 + d], "input size", 0);
    c.w.out[d] = metaInt(env, op, p.v[5 + d], "output size", 0);
  }
  readWindow(info, op, p.v + 8, c.w);
  const int64_t inN = count(env, op, {c.planes, c.w.in[1], c.w.in[2]}), outN = count(env, op, {c.planes, c.w.out[1], c.w.out[2]});
  const char* in = bindContiguous(info, op, 1, c.dtype, p.v[22], inN, "input", false);
  const char* samples = bindContiguous(info, op, 2, c.dtype, p.v[23], count(env, op, {c.planes, 2}), "samples", false);
  char* out = bindContiguous(info, op, 3, c.dtype, p.v[24], outN, "output", false);
  char* idx = bindContiguous(info, op, 4, DType::I64, p.v[25], outN, "indices", false);
  if (!nn::fractionalMaxPool2dForward(c, in, samples, out, reinterpret_cast<int64_t*>(idx)))
    rangeError(env, op, "a sample is outside [0, 1) or the kernel is larger than the input");
  return env.Undefined();
}

Napi::Value BatchNorm(const Napi::CallbackInfo& info) {
  static const char* const names[3] = {"batchNormTrain", "batchNormEval", "batchNormBackward"};
  Napi::Env env = info.Env();
  const int64_t kind = metaInt(env, "batchNorm", info[0].IsNumber() ? info[0].As<Napi::Number>().DoubleValue() : -1.0, "kind", 0);
  if (kind > 2) rangeError(env, "batchNorm", "unknown kind");
  const char* op = names[kind];
  const Params p = params(info, 1, op, 16);
  nn::BatchNormCall c;
  c.dtype = floatDtype(info, op, p.v[0]);
  c.batch = metaInt(env, op, p.v[1], "batch size", 0);
  c.channels = metaInt(env, op, p.v[2], "channel count", 0);
  c.spatial = metaInt(env, op, p.v[3], "spatial size", 0);
  c.momentum = p.v[4], c.eps = p.v[5];
  if (!std::isfinite(c.momentum) || !(c.eps >= 0) || !std::isfinite(p.v[6])) rangeError(env, op, "invalid momentum, eps or scale");
  const int64_t all = count(env, op, {c.batch, c.channels, c.spatial}), ch = c.channels;
  auto bind = [&](int i, int64_t count, const char* name, bool optional) {
    return bindContiguous(info, op, 2 + i, c.dtype, p.v[8 + i], count, name, optional);
  };
  if (kind == 0) {
    const char* in = bind(0, all, "input", false);
    const char* w = bind(1, ch, "weight", true);
    const char* b = bind(2, ch, "bias", true);
    char* out = bind(3, all, "output", false);
    char* sm = bind(4, ch, "saveMean", false);
    char* si = bind(5, ch, "saveInvstd", false);
    char* rm = bind(6, ch, "runningMean", true);
    char* rv = bind(7, ch, "runningVar", true);
    nn::batchNormTrain(c, in, w, b, out, sm, si, rm, rv);
  } else if (kind == 1) {
    const char* in = bind(0, all, "input", false);
    const char* w = bind(1, ch, "weight", true);
    const char* b = bind(2, ch, "bias", true);
    const char* rm = bind(3, ch, "runningMean", false);
    const char* rv = bind(4, ch, "runningVar", false);
    char* out = bind(5, all, "output", false);
    nn::batchNormEval(c, in, w, b, rm, rv, out);
  } else {
    const char* in = bind(0, all, "input", false);
    const char* go = bind(1, all, "gradOutput", false);
    const char* w = bind(2, ch, "weight", true);
    const char* m = bind(3, ch, "mean", false);
    const char* is = bind(4, ch, "invstd", false);
    char* gi = bind(5, all, "gradInput", true);
    char* gw = bind(6, ch, "gradWeight", true);
    char* gb = bind(7, ch, "gradBias", true);
    nn::batchNormBackward(c, p.v[7] != 0, in, go, w, m, is, gi, gw, gb, p.v[6]);
  }
  return env.Undefined();
}

void registerNn(Napi::Env env, Napi::Object exports) {
  exports.Set("convForward", Napi::Function::New(env, ConvForward, "convForward"));
  exports.Set("convGradInput", Napi::Function::New(env, ConvGradInput, "convGradInput"));
  exports.Set("convAccGradParameters", Napi::Function::New(env, ConvAccGradParameters, "convAccGradParameters"));
  exports.Set("pool", Napi::Function::New(env, Pool, "pool"));
  exports.Set("batchNorm", Napi::Function::New(env, BatchNorm, "batchNorm"));
  exports.Set("fractionalMaxPool2d", Napi::Function::New(env, FractionalMaxPool2d, "fractionalMaxPool2d"));
}

}  // namespace

static Registration reg(registerNn);

}  // namespace torch_native
