// JS entry points for the indexing kernels (kernels/index.h). Numbers travel in the shared meta buffer.
//
// index(dst, src, indices: BigInt64Array[]) -> null | [which, value: bigint], meta layout:
//   [0] mode (0 gather, 1 scatter, 2 scatter-add, 3 scatter-multiply)   [1] dtype code   [2] ndim
//   [3] number of index tensors   [4] negative indices allowed (0/1)   [5] alpha (scatter-add)
//   [6] dst offset   [7] src offset
//   [8 .. 8+nd) iteration sizes; nd dst strides; nd src strides;
//   then per index tensor: offset, size of the dim it selects along, that dim's stride in the
//   indexed tensor, nd strides over the iteration shape.
// The indexed operand (src for gather, dst otherwise) is passed restrided: stride 0 in the dims the
// indices replace. An index out of range gives back [which index tensor, its value]; scatter modes
// check every index before writing anything, a gather checks each run before using it (its dst may
// then be partly written; it is always a fresh or `out` tensor).
//
// mask(self, mask | null, out | null, src | null) -> number, meta layout:
//   [0] mode (0 count, 1 select, 2 fill, 3 scatter, 4 nonzero)   [1] dtype code   [2] ndim
//   [3] self offset   [4] mask offset   [5] out offset   [6] src offset
//   [7 .. 7+nd) sizes (the broadcast shape); nd self strides; nd mask strides.
// Select/Fill/Scatter need the mask (bool or uint8 storage), Count counts it or (null) self != 0; Nonzero tests self and writes int64
// coordinates [count, nd] into out; Fill reads one element of src. Returns the count (count, select,
// scatter, nonzero) and throws RangeError when out/src hold fewer elements than that.
#include <napi.h>

#include <cmath>
#include <string>
#include <vector>

#include "../kernels/index.h"
#include "args.h"
#include "meta.h"
#include "registry.h"

namespace torch_native {
namespace {

struct Arr {
  char* data = nullptr;  // element 0 of the array
  int64_t length = 0;
  bool present = false;
};

Arr typed(napi_env env, const char* op, napi_value v, DType dtype, const char* name, bool nullable) {
  napi_valuetype vt;
  napi_typeof(env, v, &vt);
  if (nullable && (vt == napi_null || vt == napi_undefined)) return {};
  napi_typedarray_type type;
  size_t length;
  void* data;
  if (napi_get_typedarray_info(env, v, &type, &length, &data, nullptr, nullptr) != napi_ok)
    typeError(env, op, std::string(name) + " must be a TypedArray");
  if (length == 0) throwIfDetached(env, op, v);
  if (!storesDtype(type, dtype)) typeError(env, op, std::string(name) + ": TypedArray does not hold " + dtypeName(dtype));
  return {static_cast<char*>(data), static_cast<int64_t>(length), true};
}

// [lo, hi] element range reachable from `offset` (128-bit, so no overflow); empty when a size is 0.
struct Range {
  __int128 lo, hi;
  bool empty;
};
Range reach(int64_t offset, const int64_t* sizes, const int64_t* strides, int nd) {
  Range r{offset, offset, false};
  for (int d = 0; d < nd; d++) {
    if (sizes[d] == 0) r.empty = true;
    __int128 span = static_cast<__int128>(sizes[d] > 0 ? sizes[d] - 1 : 0) * strides[d];
    if (span < 0) r.lo += span; else r.hi += span;
  }
  return r;
}
void inside(napi_env env, const char* op, const Range& r, const Arr& a, int size, const char* name) {
  if (r.empty) return;
  if (r.lo < 0 || r.hi >= static_cast<__int128>(a.length))
    rangeError(env, op, std::string(name) + " reaches outside its storage (elements " + std::to_string(static_cast<long long>(r.lo)) +
                            ".." + std::to_string(static_cast<long long>(r.hi)) + " of " + std::to_string(a.length) + ")");
  (void)size;
}
bool overlaps(const Arr& a, int asz, const Arr& b, int bsz) {
  const char* a0 = a.data; const char* a1 = a.data + a.length * asz;
  const char* b0 = b.data; const char* b1 = b.data + b.length * bsz;
  return a0 < b1 && b0 < a1;
}

Napi::Value Index(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  const char* op = "index";
  const double* m = meta(env).data;
  if (!m || meta(env).length < 8) typeError(env, op, "meta buffer not registered (setMeta) or too short");
  if (info.Length() < 3 || !info[2].IsArray()) typeError(env, op, "expected (dst, src, indices[])");
  IndexCall c;
  int mode = static_cast<int>(metaInt(env, op, m[0], "mode", 0));
  if (mode > 3) typeError(env, op, "unknown mode " + std::to_string(mode));
  c.mode = static_cast<IndexMode>(mode);
  c.dtype = metaDtype(env, op, m[1]);
  const int nd = static_cast<int>(metaInt(env, op, m[2], "ndim", 0));
  const int nidx = static_cast<int>(metaInt(env, op, m[3], "index count", 0));
  if (nd > kMaxIndexDims || nidx > kMaxIndexDims) rangeError(env, op, "too many dimensions or index tensors");
  if (static_cast<size_t>(8 + 3 * nd + nidx * (3 + nd)) > meta(env).length) rangeError(env, op, "too many dimensions for the meta buffer");
  Napi::Array list = info[2].As<Napi::Array>();
  if (static_cast<int>(list.Length()) != nidx) typeError(env, op, "the indices array does not match the index count");
  c.ndim = nd;
  c.nidx = nidx;
  c.negative = m[4] != 0;
  c.alpha = m[5];
  const int64_t dstOffset = metaInt(env, op, m[6], "offset", 0), srcOffset = metaInt(env, op, m[7], "offset", 0);
  const double lo = -9007199254740992.0;
  int64_t sizes[kMaxIndexDims], dstStrides[kMaxIndexDims], srcStrides[kMaxIndexDims];
  for (int d = 0; d < nd; d++) {
    sizes[d] = metaInt(env, op, m[8 + d], "size", 0);
    dstStrides[d] = metaInt(env, op, m[8 + nd + d], "stride", lo);
    srcStrides[d] = metaInt(env, op, m[8 + 2 * nd + d], "stride", lo);
  }
  std::vector<int64_t> idxStrides(static_cast<size_t>(nidx) * (nd > 0 ? nd : 1));
  std::vector<IndexOperand> idx(nidx);
  Arr dst = typed(env, op, info[0], c.dtype, "dst", false);
  Arr src = typed(env, op, info[1], c.dtype, "src", false);
  const int isz = itemSize(c.dtype);
  // The loops read src and write dst through restrict pointers (core clones a src that shares self's
  // storage, and computes a gather into `out` through a temporary when they overlap).
  if (overlaps(src, isz, dst, isz)) typeError(env, op, "src shares memory with the destination");
  Range dstR = reach(dstOffset, sizes, dstStrides, nd), srcR = reach(srcOffset, sizes, srcStrides, nd);
  Range& indexed = c.mode == IndexMode::Gather ? srcR : dstR;
  const double* p = m + 8 + 3 * nd;
  for (int k = 0; k < nidx; k++, p += 3 + nd) {
    const int64_t off = metaInt(env, op, p[0], "index offset", 0);
    IndexOperand& ix = idx[k];
    ix.size = metaInt(env, op, p[1], "index bound", 0);
    ix.selfStride = metaInt(env, op, p[2], "stride", lo);
    int64_t* st = idxStrides.data() + static_cast<size_t>(k) * nd;
    for (int d = 0; d < nd; d++) st[d] = metaInt(env, op, p[3 + d], "stride", lo);
    ix.strides = st;
    Napi::Value v = list[static_cast<uint32_t>(k)];
    Arr a = typed(env, op, v, DType::I64, "index", false);
    inside(env, op, reach(off, sizes, st, nd), a, 8, "index");
    // A scatter must not write the indices it is reading.
    if (c.mode != IndexMode::Gather && overlaps(a, 8, dst, isz)) typeError(env, op, "an index tensor shares memory with the destination");
    ix.data = reinterpret_cast<const int64_t*>(a.data) + off;
    // Every valid index lands in [0, size): the indexed operand's reach grows by that span.
    __int128 span = static_cast<__int128>(ix.size > 0 ? ix.size - 1 : 0) * ix.selfStride;
    if (span < 0) indexed.lo += span; else indexed.hi += span;
    // No index is in range of an empty dim: the kernel reports a fault before touching the operand.
    if (ix.size == 0) indexed.empty = true;
  }
  inside(env, op, dstR, dst, isz, "dst");
  inside(env, op, srcR, src, isz, "src");
  c.sizes = sizes;
  c.dst = dst.data + dstOffset * isz;
  c.dstStrides = dstStrides;
  c.src = src.data + srcOffset * isz;
  c.srcStrides = srcStrides;
  c.idx = idx.data();
  IndexFault fault;
  if (!runIndex(c, &fault)) {
    Napi::Array r = Napi::Array::New(env, 2);
    r.Set(uint32_t{0}, Napi::Number::New(env, fault.which));
    r.Set(uint32_t{1}, Napi::BigInt::New(env, fault.value));
    return r;
  }
  return Napi::Env(env).Null();
}

Napi::Value Mask(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  const char* op = "mask";
  const double* m = meta(env).data;
  if (!m || meta(env).length < 7) typeError(env, op, "meta buffer not registered (setMeta) or too short");
  if (info.Length() < 4) typeError(env, op, "expected (self, mask, out, src)");
  MaskCall c;
  int mode = static_cast<int>(metaInt(env, op, m[0], "mode", 0));
  if (mode > 4) typeError(env, op, "unknown mode " + std::to_string(mode));
  c.mode = static_cast<MaskMode>(mode);
  c.dtype = metaDtype(env, op, m[1]);
  const int nd = static_cast<int>(metaInt(env, op, m[2], "ndim", 0));
  if (nd > kMaxIndexDims || static_cast<size_t>(7 + 3 * nd) > meta(env).length) rangeError(env, op, "too many dimensions");
  c.ndim = nd;
  int64_t offs[4];
  for (int i = 0; i < 4; i++) offs[i] = metaInt(env, op, m[3 + i], "offset", 0);
  const double lo = -9007199254740992.0;
  int64_t sizes[kMaxIndexDims], selfStrides[kMaxIndexDims], maskStrides[kMaxIndexDims];
  for (int d = 0; d < nd; d++) {
    sizes[d] = metaInt(env, op, m[7 + d], "size", 0);
    selfStrides[d] = metaInt(env, op, m[7 + nd + d], "stride", lo);
    maskStrides[d] = metaInt(env, op, m[7 + 2 * nd + d], "stride", lo);
  }
  const int isz = itemSize(c.dtype);
  Arr self = typed(env, op, info[0], c.dtype, "self", false);
  inside(env, op, reach(offs[0], sizes, selfStrides, nd), self, isz, "self");
  c.sizes = sizes;
  c.self = self.data + offs[0] * isz;
  c.selfStrides = selfStrides;
  if (c.mode != MaskMode::Nonzero) {
    // Count without a mask counts self's non-zero elements.
    Arr mask = typed(env, op, info[1], DType::U8, "mask", c.mode == MaskMode::Count);
    if (mask.present) {
      inside(env, op, reach(offs[1], sizes, maskStrides, nd), mask, 1, "mask");
      c.mask = reinterpret_cast<const uint8_t*>(mask.data) + offs[1];
      c.maskStrides = maskStrides;
    }
  }
  if (c.mode == MaskMode::Select) {
    Arr out = typed(env, op, info[2], c.dtype, "out", false);
    if (offs[2] > out.length) rangeError(env, op, "out offset outside its storage");
    c.out = out.data + offs[2] * isz;
    c.capacity = out.length - offs[2];
  } else if (c.mode == MaskMode::Nonzero) {
    Arr out = typed(env, op, info[2], DType::I64, "out", false);
    if (offs[2] > out.length) rangeError(env, op, "out offset outside its storage");
    c.out = out.data + offs[2] * 8;
    c.capacity = nd == 0 ? INT64_MAX : (out.length - offs[2]) / nd;
  } else if (c.mode == MaskMode::Fill || c.mode == MaskMode::Scatter) {
    Arr src = typed(env, op, info[3], c.dtype, "src", false);
    if (offs[3] >= src.length && !(c.mode == MaskMode::Scatter && offs[3] == src.length))
      rangeError(env, op, "src offset outside its storage");
    c.src = src.data + offs[3] * isz;
    c.capacity = src.length - offs[3];
    if (c.mode == MaskMode::Fill && c.capacity < 1) rangeError(env, op, "fill value outside its storage");
  }
  int64_t n = runMask(c);
  if (n < 0) rangeError(env, op, c.mode == MaskMode::Scatter ? "source has fewer elements than the mask selects" : "out has fewer elements than the result");
  return Napi::Number::New(env, static_cast<double>(n));
}

void registerIndex(Napi::Env env, Napi::Object exports) {
  exports.Set("index", Napi::Function::New(env, Index, "index"));
  exports.Set("mask", Napi::Function::New(env, Mask, "mask"));
}

}  // namespace

static Registration reg(registerIndex);

}  // namespace torch_native
