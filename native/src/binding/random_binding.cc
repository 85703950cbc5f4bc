// JS entry points for random numbers (see kernels/random.h for the generator scheme). The first
// argument is always a generator's state, a Uint32Array of 625 words that each call advances.
//
//   mtSeed(state, seed)                          seed: number or bigint
//   mtUniform(state) -> number                   next 53-bit double in [0, 1) from mt19937 itself
//   fillRandom(state, kind, out, dtype, n, a, b) kind 0 uniform [a, b), 1 normal(a, b); first n elements
//   randomFill(state, out)                       meta = [dist, dtype, n, offset, a, b, fromHi, fromLo,
//                                                        rangeHi, rangeLo] (Dist codes of random.h; from is
//                                                        a signed, range an unsigned 64-bit integer given
//                                                        as two 32-bit halves; range 0 means 2^64)
//   bernoulliTensor(state, out, p) -> number     meta = [dtype, n, outOffset, pDtype, pOffset]; p float32 or
//                                                float64, contiguous. Returns -1, or the index of the first
//                                                p outside [0, 1] (then nothing is written and the
//                                                generator does not advance)
//   randperm(state, out)                         meta = [dtype, n, offset]
//   multinomial(state, out, probs) -> [code, row] meta = [rows, cats, numSamples, replacement, probsOffset,
//                                                outOffset]; probs Float64Array, out BigInt64Array (rows x
//                                                numSamples); code 0 = ok, else see random.h
// All offsets are in elements; every extent is checked against its array.
#include <napi.h>

#include <cmath>
#include <string>

#include "../kernels/random.h"
#include "args.h"
#include "meta.h"
#include "registry.h"

namespace torch_native {
namespace {

double num(const Napi::Value& v) { return v.As<Napi::Number>().DoubleValue(); }

uint32_t* toState(const Napi::Value& v, const char* op) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_uint32_array ||
      v.As<Napi::Uint32Array>().ElementLength() != kMtStateWords)
    throw Napi::TypeError::New(v.Env(), std::string(op) + ": generator state must be a Uint32Array of 625 words");
  uint32_t* s = v.As<Napi::Uint32Array>().Data();
  if (s[624] > 624) throw Napi::RangeError::New(v.Env(), std::string(op) + ": corrupt generator state");
  return s;
}

const double* metaOf(Napi::Env env, size_t need, const char* op) {
  if (!meta(env).data || meta(env).length < need) throw Napi::TypeError::New(env, std::string(op) + ": meta buffer not registered");
  return meta(env).data;
}

// An integral meta value in [lo, hi]; anything else is a RangeError.
int64_t metaInt(Napi::Env env, double v, const char* op, const char* what, double lo, double hi) {
  if (!(v >= lo && v <= hi) || v != std::floor(v))
    throw Napi::RangeError::New(env, std::string(op) + ": invalid " + what + " " + std::to_string(v));
  return static_cast<int64_t>(v);
}

constexpr double kMaxIndex = 9007199254740992.0;

DType metaDtype(Napi::Env env, double v, const char* op) {
  return static_cast<DType>(metaInt(env, v, op, "dtype code", 0, kNumDTypes - 1));
}

// out's first element at `offset`, with n elements inside the array.
char* bindRun(Napi::Env env, const Napi::Value& arr, DType dtype, int64_t offset, int64_t n, const char* op) {
  ArrayView v = toArray(arr, dtype, op);
  if (offset < 0 || n < 0 || offset + n > v.length)
    throw Napi::RangeError::New(env, std::string(op) + ": elements " + std::to_string(offset) + ".." + std::to_string(offset + n) +
                                         " reach outside an array of " + std::to_string(v.length));
  return v.data + offset * itemSize(dtype);
}

uint64_t halves(double hi, double lo) {
  return (static_cast<uint64_t>(static_cast<uint32_t>(hi)) << 32) | static_cast<uint64_t>(static_cast<uint32_t>(lo));
}

Napi::Value MtSeed(const Napi::CallbackInfo& info) {
  uint32_t* s = toState(info[0], "manualSeed");
  bool lossless;
  uint64_t seed = info[1].IsBigInt() ? info[1].As<Napi::BigInt>().Uint64Value(&lossless) : static_cast<uint64_t>(num(info[1]));
  mtSeed(s, seed);
  return info.Env().Undefined();
}

Napi::Value MtUniform(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), mtUniform(toState(info[0], "random")));
}

Napi::Value FillRandom(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint32_t* s = toState(info[0], "random");
  int kind = info[1].As<Napi::Number>().Int32Value();
  if (kind != 0 && kind != 1) throw Napi::RangeError::New(env, "fillRandom: kind must be 0 (uniform) or 1 (normal)");
  DType dtype = toDtype(info[3], "random");
  if (dtype != DType::F32 && dtype != DType::F64 && dtype != DType::F16) throw Napi::TypeError::New(env, "fillRandom: expected a floating point dtype");
  const int64_t n = metaInt(env, num(info[4]), "random", "count", 0, kMaxIndex);
  char* out = bindRun(env, info[2], dtype, 0, n, "random");
  SampleParams p;
  p.a = num(info[5]);
  p.b = num(info[6]);
  sample(philoxKeyFrom(s), static_cast<Dist>(kind), p, out, dtype, n);
  return env.Undefined();
}

Napi::Value RandomFill(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* op = "randomFill";
  const double* m = metaOf(env, 10, op);
  uint32_t* s = toState(info[0], op);
  const Dist dist = static_cast<Dist>(metaInt(env, m[0], op, "distribution", 0, kNumDists - 1));
  const DType dtype = metaDtype(env, m[1], op);
  const int64_t n = metaInt(env, m[2], op, "count", 0, kMaxIndex);
  const int64_t offset = metaInt(env, m[3], op, "offset", 0, kMaxIndex);
  char* out = bindRun(env, info[1], dtype, offset, n, op);
  SampleParams p;
  p.a = m[4];
  p.b = m[5];
  p.from = static_cast<int64_t>(halves(m[6], m[7]));
  p.range = halves(m[8], m[9]);
  sample(philoxKeyFrom(s), dist, p, out, dtype, n);
  return env.Undefined();
}

Napi::Value BernoulliTensor(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* op = "bernoulli";
  const double* m = metaOf(env, 5, op);
  uint32_t* s = toState(info[0], op);
  const DType dtype = metaDtype(env, m[0], op);
  const int64_t n = metaInt(env, m[1], op, "count", 0, kMaxIndex);
  char* out = bindRun(env, info[1], dtype, metaInt(env, m[2], op, "offset", 0, kMaxIndex), n, op);
  const DType pType = metaDtype(env, m[3], op);
  if (pType != DType::F32 && pType != DType::F64) throw Napi::TypeError::New(env, "bernoulli: p must be float32 or float64");
  const char* p = bindRun(env, info[2], pType, metaInt(env, m[4], op, "offset", 0, kMaxIndex), n, op);
  // Checked before the generator advances, so a failing call leaves it (and out) unchanged.
  const int64_t bad = firstBadProbability(p, pType, n);
  if (bad < 0) bernoulliTensor(philoxKeyFrom(s), p, pType, out, dtype, n);
  return Napi::Number::New(env, static_cast<double>(bad));
}

Napi::Value Randperm(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* op = "randperm";
  const double* m = metaOf(env, 3, op);
  uint32_t* s = toState(info[0], op);
  const DType dtype = metaDtype(env, m[0], op);
  const int64_t n = metaInt(env, m[1], op, "count", 0, kMaxIndex);
  char* out = bindRun(env, info[1], dtype, metaInt(env, m[2], op, "offset", 0, kMaxIndex), n, op);
  randperm(philoxKeyFrom(s), n, out, dtype);
  return env.Undefined();
}

Napi::Value Multinomial(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* op = "multinomial";
  const double* m = metaOf(env, 6, op);
  uint32_t* s = toState(info[0], op);
  const int64_t rows = metaInt(env, m[0], op, "rows", 0, kMaxIndex);
  const int64_t cats = metaInt(env, m[1], op, "categories", 1, kMaxIndex);
  const int64_t numSamples = metaInt(env, m[2], op, "sample count", 1, kMaxIndex);
  const bool replacement = m[3] != 0;
  if (!replacement && numSamples > cats) throw Napi::RangeError::New(env, "multinomial: more samples than categories");
  if (rows > 0 && (cats > kMaxIndex / rows || numSamples > kMaxIndex / rows)) throw Napi::RangeError::New(env, "multinomial: too many elements");
  auto* out = reinterpret_cast<int64_t*>(bindRun(env, info[1], DType::I64, metaInt(env, m[5], op, "offset", 0, kMaxIndex), rows * numSamples, op));
  auto* probs = reinterpret_cast<const double*>(bindRun(env, info[2], DType::F64, metaInt(env, m[4], op, "offset", 0, kMaxIndex), rows * cats, op));
  int64_t badRow = 0;
  const int code = multinomialCheck(probs, rows, cats, numSamples, replacement, &badRow);
  if (code == 0) multinomial(philoxKeyFrom(s), probs, rows, cats, numSamples, replacement, out);
  Napi::Array r = Napi::Array::New(env, 2);
  r.Set(0u, Napi::Number::New(env, code));
  r.Set(1u, Napi::Number::New(env, static_cast<double>(badRow)));
  return r;
}

void registerRandom(Napi::Env env, Napi::Object exports) {
  exports.Set("mtSeed", Napi::Function::New(env, MtSeed));
  exports.Set("mtUniform", Napi::Function::New(env, MtUniform));
  exports.Set("fillRandom", Napi::Function::New(env, FillRandom));
  exports.Set("randomFill", Napi::Function::New(env, RandomFill));
  exports.Set("bernoulliTensor", Napi::Function::New(env, BernoulliTensor));
  exports.Set("randperm", Napi::Function::New(env, Randperm));
  exports.Set("multinomial", Napi::Function::New(env, Multinomial));
}

}  // namespace

static Registration reg(registerRandom);

}  // namespace torch_native
