// JS entry points for the join family's native loops (cat, histc). Numbers travel through meta:
//   cat(out, [parts])       meta = [dtype, outer, dstRowStride, dstOffset, parts, (offset, inner) per part]
//   histc(hist, input)      meta = [dtype, n, inOffset, histOffset, bins, lo, hi]
// cat's arrays all hold `dtype` and are read as contiguous rows (kernels/join.h); histc's dtype is
// float32 (0) or float64 (1), both arrays contiguous runs of it.
#include <napi.h>

#include <cmath>
#include <string>
#include <vector>

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

DType floatDtype(const Napi::Env& env, double code, const char* op) {
  if (code != 0 && code != 1) throw Napi::TypeError::New(env, std::string(op) + ": expects float32 or float64 data");
  return static_cast<DType>(static_cast<int>(code));
}

// The n contiguous elements at `offset` of a TypedArray of `dtype`, checked to lie inside it.
char* bindRun(const Napi::Value& v, DType dtype, int64_t offset, int64_t n, const char* op, const char* name) {
  ArrayView a = toArray(v, dtype, op);
  if (n > 0 && (offset > a.length || n > a.length - offset))
    throw Napi::RangeError::New(v.Env(), std::string(op) + ": " + name + " reaches outside its storage (elements " + std::to_string(offset) +
                                             ".." + std::to_string(offset + n - 1) + " of " + std::to_string(a.length) + ")");
  return a.data + offset * itemSize(dtype);
}

Napi::Value Histc(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const double* m = readMeta(env, 7, "histc");
  DType dtype = floatDtype(env, m[0], "histc");
  int64_t n = metaInt(env, "histc", m[1], "count", 0), inOffset = metaInt(env, "histc", m[2], "offset", 0);
  int64_t histOffset = metaInt(env, "histc", m[3], "offset", 0), bins = metaInt(env, "histc", m[4], "bins", 0);
  double lo = m[5], hi = m[6];
  if (bins < 1) throw Napi::RangeError::New(env, "histc: bins must be > 0");
  if (!std::isfinite(lo) || !std::isfinite(hi) || !(lo < hi)) throw Napi::RangeError::New(env, "histc: invalid range");
  char* hist = bindRun(info[0], dtype, histOffset, bins, "histc", "hist");
  char* in = bindRun(info[1], dtype, inOffset, n, "histc", "input");
  if (dtype == DType::F32) histc(reinterpret_cast<const float*>(in), n, bins, lo, hi, reinterpret_cast<float*>(hist));
  else histc(reinterpret_cast<const double*>(in), n, bins, lo, hi, reinterpret_cast<double*>(hist));
  return env.Undefined();
}

// Parts per cat call: their (offset, inner) pairs must fit the meta buffer; core splits longer lists.
constexpr int kMaxCatParts = 128;

Napi::Value Cat(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const double* m = readMeta(env, 5, "cat");
  const DType dtype = metaDtype(env, "cat", m[0]);
  const int64_t outer = metaInt(env, "cat", m[1], "row count", 0), stride = metaInt(env, "cat", m[2], "row stride", 0);
  const int64_t dstOffset = metaInt(env, "cat", m[3], "offset", 0), parts = metaInt(env, "cat", m[4], "part count", 0);
  if (parts < 1 || parts > kMaxCatParts) throw Napi::RangeError::New(env, "cat: between 1 and " + std::to_string(kMaxCatParts) + " parts per call");
  if (!info[1].IsArray() || info[1].As<Napi::Array>().Length() != static_cast<uint32_t>(parts))
    throw Napi::TypeError::New(env, "cat: expected an array of " + std::to_string(parts) + " TypedArrays");
  const double* layout = readMeta(env, 5 + 2 * parts, "cat") + 5;
  Napi::Array list = info[1].As<Napi::Array>();
  std::vector<const char*> src(parts);
  std::vector<int64_t> inner(parts);
  int64_t rowLen = 0;
  for (int64_t j = 0; j < parts; j++) {
    const int64_t offset = metaInt(env, "cat", layout[2 * j], "offset", 0);
    inner[j] = metaInt(env, "cat", layout[2 * j + 1], "row length", 0);
    rowLen += inner[j];
    int64_t n;
    if (__builtin_mul_overflow(outer, inner[j], &n)) throw Napi::RangeError::New(env, "cat: a part's size overflows");
    src[j] = bindRun(list.Get(static_cast<uint32_t>(j)), dtype, offset, n, "cat", "a part");
  }
  if (rowLen > stride) throw Napi::RangeError::New(env, "cat: the parts' rows are longer than the output's");
  // The last row ends rowLen past its start; rows before it are whole strides.
  int64_t span = 0;
  if (outer > 0 && rowLen > 0 && (__builtin_mul_overflow(outer - 1, stride, &span) || __builtin_add_overflow(span, rowLen, &span)))
    throw Napi::RangeError::New(env, "cat: the output's size overflows");
  char* dst = bindRun(info[0], dtype, dstOffset, span, "cat", "the output");
  cat(CatLayout{dst, outer, stride, itemSize(dtype), static_cast<int>(parts), src.data(), inner.data()});
  return env.Undefined();
}

void registerJoin(Napi::Env env, Napi::Object exports) {
  exports.Set("cat", Napi::Function::New(env, Cat));
  exports.Set("histc", Napi::Function::New(env, Histc));
}

}  // namespace

static Registration reg(registerJoin);

}  // namespace torch_native
