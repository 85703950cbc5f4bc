// JS entry points for sorting and selection (kernels/sort.h). Numbers travel in the shared meta buffer.
//
// sort(input, values | null, indices | null), meta layout:
//   [0] kind (0 sort, 1 topk, 2 kthvalue, 3 median, 4 mode)   [1] dtype code   [2] ndim   [3] dim
//   [4] k (topk: count; kthvalue: 0-based ascending rank)      [5] descending / largest (0/1)
//   [6] input offset   [7] values offset   [8] indices offset
//   [9 .. 9+nd)  input sizes;  then nd input strides, nd values strides, nd indices strides
// Outputs have the input's sizes except along dim (n for sort, k for topk, 1 otherwise); values has
// the input's dtype, indices is a BigInt64Array. A null output is not written.
//
// unique(input, values, inverse | null, counts | null) -> number of unique elements, meta layout:
//   [0] dtype code   [1] n   [2] input offset   (input contiguous; values/inverse/counts hold >= n)
#include <napi.h>

#include <cmath>
#include <string>

#include "../kernels/sort.h"
#include "args.h"
#include "meta.h"
#include "registry.h"

namespace torch_native {
namespace {

struct Bound {
  char* data = nullptr;  // element 0 (offset applied)
  bool present = false;
};

// bindStrided, or nothing when `nullable` and the value is null/undefined.
Bound bind(napi_env env, const char* op, napi_value v, DType dtype, int64_t offset, const int64_t* sizes,
           const int64_t* strides, int nd, const char* name, bool nullable) {
  napi_valuetype vt;
  napi_typeof(env, v, &vt);
  if (nullable && (vt == napi_null || vt == napi_undefined)) return {};
  return {bindStrided(env, op, v, dtype, offset, sizes, strides, nd, name), true};
}

const char* kindName(int kind) {
  static const char* names[] = {"sort", "topk", "kthvalue", "median", "mode"};
  return kind >= 0 && kind < 5 ? names[kind] : "sort";
}

Napi::Value Sort(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  const double* m = meta(env).data;
  if (!m || meta(env).length < 16) typeError(env, "sort", "meta buffer not registered (setMeta) or too short");
  if (info.Length() < 3) typeError(env, "sort", "expected (input, values, indices)");
  int kind = static_cast<int>(metaInt(env, "sort", m[0], "kind", 0));
  if (kind > 4) typeError(env, "sort", "unknown kind " + std::to_string(kind));
  const char* op = kindName(kind);
  int code = static_cast<int>(metaInt(env, op, m[1], "dtype code", 0));
  if (code >= kNumDTypes) typeError(env, op, "unknown dtype code " + std::to_string(code));
  SortCall c;
  c.kind = static_cast<SortKind>(kind);
  c.dtype = static_cast<DType>(code);
  int nd = static_cast<int>(metaInt(env, op, m[2], "ndim", 1));
  if (nd > 64 || static_cast<size_t>(9 + 4 * nd) > meta(env).length) rangeError(env, op, "too many dimensions");
  c.ndim = nd;
  c.dim = static_cast<int>(metaInt(env, op, m[3], "dim", 0));
  if (c.dim >= nd) rangeError(env, op, "dim out of range");
  c.k = metaInt(env, op, m[4], "k", 0);
  c.descending = m[5] != 0;
  int64_t offsets[3];
  for (int i = 0; i < 3; i++) offsets[i] = metaInt(env, op, m[6 + i], "offset", 0);
  int64_t sizes[64], outSizes[64], strides[3][64];
  const double lo = -9007199254740992.0;
  for (int d = 0; d < nd; d++) sizes[d] = metaInt(env, op, m[9 + d], "size", 0);
  for (int i = 0; i < 3; i++)
    for (int d = 0; d < nd; d++) strides[i][d] = metaInt(env, op, m[9 + (i + 1) * nd + d], "stride", lo);
  const int64_t n = sizes[c.dim];
  if (n >= (int64_t{1} << 32)) rangeError(env, op, "rows of 2^32 or more elements are not supported");
  switch (c.kind) {
    case SortKind::TopK:
      if (c.k > n) rangeError(env, op, "k " + std::to_string(c.k) + " out of range for a row of " + std::to_string(n));
      break;
    case SortKind::KthValue:
      if (c.k >= n) rangeError(env, op, "rank " + std::to_string(c.k) + " out of range for a row of " + std::to_string(n));
      break;
    case SortKind::Median:
    case SortKind::Mode: {
      int64_t rows = 1;
      for (int d = 0; d < nd; d++)
        if (d != c.dim) rows *= sizes[d];
      if (n == 0 && rows != 0) rangeError(env, op, "reduction dim has size 0");
      break;
    }
    default: break;
  }
  c.sizes = sizes;
  for (int d = 0; d < nd; d++) outSizes[d] = sizes[d];
  outSizes[c.dim] = sortOutputLength(c);
  Bound in = bind(env, op, info[0], c.dtype, offsets[0], sizes, strides[0], nd, "input", false);
  Bound values = bind(env, op, info[1], c.dtype, offsets[1], outSizes, strides[1], nd, "values", true);
  Bound indices = bind(env, op, info[2], DType::I64, offsets[2], outSizes, strides[2], nd, "indices", true);
  c.in = in.data;
  c.inStrides = strides[0];
  c.values = values.present ? values.data : nullptr;
  c.valStrides = strides[1];
  c.indices = indices.present ? reinterpret_cast<int64_t*>(indices.data) : nullptr;
  c.idxStrides = strides[2];
  runSort(c);
  return Napi::Value();
}

Napi::Value Unique(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  const double* m = meta(env).data;
  const char* op = "unique";
  if (!m || meta(env).length < 3) typeError(env, op, "meta buffer not registered (setMeta) or too short");
  if (info.Length() < 4) typeError(env, op, "expected (input, values, inverse, counts)");
  int code = static_cast<int>(metaInt(env, op, m[0], "dtype code", 0));
  if (code >= kNumDTypes) typeError(env, op, "unknown dtype code " + std::to_string(code));
  DType dtype = static_cast<DType>(code);
  int64_t n = metaInt(env, op, m[1], "n", 0);
  int64_t offset = metaInt(env, op, m[2], "offset", 0);
  if (n >= (int64_t{1} << 32)) rangeError(env, op, "2^32 or more elements are not supported");
  int64_t one = 1;
  Bound in = bind(env, op, info[0], dtype, offset, &n, &one, 1, "input", false);
  Bound values = bind(env, op, info[1], dtype, 0, &n, &one, 1, "values", false);
  Bound inverse = bind(env, op, info[2], DType::I64, 0, &n, &one, 1, "inverse", true);
  Bound counts = bind(env, op, info[3], DType::I64, 0, &n, &one, 1, "counts", true);
  int64_t count = runUnique(dtype, in.data, n, values.data, inverse.present ? reinterpret_cast<int64_t*>(inverse.data) : nullptr,
                            counts.present ? reinterpret_cast<int64_t*>(counts.data) : nullptr);
  return Napi::Number::New(env, static_cast<double>(count));
}

void registerSort(Napi::Env env, Napi::Object exports) {
  exports.Set("sort", Napi::Function::New(env, Sort, "sort"));
  exports.Set("unique", Napi::Function::New(env, Unique, "unique"));
}

}  // namespace

static Registration reg(registerSort);

}  // namespace torch_native
