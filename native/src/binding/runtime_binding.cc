// Threads, build facts, and the fills that creation functions need (ranges; random numbers are in
// random_binding.cc).
#include <napi.h>

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

#include "../kernels/cast.h"
#include "../kernels/elementwise.h"
#include "../kernels/threadpool.h"
#include "args.h"
#include "registry.h"

namespace torch_native {
namespace {

// Far beyond any machine's cores; each thread is an OS thread with its own stack (core checks the same bound).
constexpr int kMaxThreads = 1024;

Napi::Value SetNumThreads(const Napi::CallbackInfo& info) {
  double v = info[0].As<Napi::Number>().DoubleValue();
  if (!(v >= 1 && v <= kMaxThreads) || v != static_cast<int>(v))
    throw Napi::RangeError::New(info.Env(), "setNumThreads: expected a thread count in [1, " + std::to_string(kMaxThreads) + "], got " + std::to_string(v));
  try {
    setNumThreads(static_cast<int>(v));
  } catch (const std::exception& e) {
    throw Napi::RangeError::New(info.Env(), std::string("setNumThreads: ") + e.what());
  }
  return info.Env().Undefined();
}

Napi::Value GetNumThreads(const Napi::CallbackInfo& info) { return Napi::Number::New(info.Env(), getNumThreads()); }

Napi::Value SimdLevel(const Napi::CallbackInfo& info) { return Napi::String::New(info.Env(), simdLevel()); }

double num(const Napi::Value& v) { return v.As<Napi::Number>().DoubleValue(); }

// Writes value(k) for k < n into the first n elements of `out`, computed in double and converted once.
template <class Value>
void fillComputed(Napi::Env env, const char* op, const Napi::Value& outArg, const Napi::Value& dtypeArg, double count, Value value) {
  DType dtype = toDtype(dtypeArg, op);
  ArrayView out = toArray(outArg, dtype, op);
  const int64_t n = static_cast<int64_t>(count);
  if (n < 0 || n > out.length) throw Napi::RangeError::New(env, std::string(op) + ": output too small");
  double buf[256];
  for (int64_t done = 0; done < n; done += 256) {
    int64_t m = n - done < 256 ? n - done : 256;
    for (int64_t i = 0; i < m; i++) buf[i] = value(done + i);
    gatherCast(reinterpret_cast<const char*>(buf), DType::F64, 1, out.data + done * itemSize(dtype), dtype, m);
  }
}

// arange(out, dtype, n, start, step): out[i] = start + i * step.
Napi::Value Arange(const Napi::CallbackInfo& info) {
  const double start = num(info[3]), step = num(info[4]);
  fillComputed(info.Env(), "arange", info[0], info[1], num(info[2]), [&](int64_t k) { return start + static_cast<double>(k) * step; });
  return info.Env().Undefined();
}

// linspace(out, dtype, n, start, end): the first half steps up from start, the second half steps
// down from end, so both endpoints are exact.
Napi::Value Linspace(const Napi::CallbackInfo& info) {
  const int64_t n = static_cast<int64_t>(num(info[2]));
  const double start = num(info[3]), end = num(info[4]);
  const double step = n > 1 ? (end - start) / static_cast<double>(n - 1) : 0;
  fillComputed(info.Env(), "linspace", info[0], info[1], num(info[2]), [&](int64_t k) {
    return k < n / 2 || n == 1 ? start + step * static_cast<double>(k) : end - step * static_cast<double>(n - 1 - k);
  });
  return info.Env().Undefined();
}

// glibc serves blocks above 32 MiB with fresh mmaps, so every large op output faults in and zeroes new
// pages (about 3x the cost of the op itself for a 1e7-float add). Serving them from the heap instead,
// and keeping freed memory there, lets an allocating op reuse warm memory as a caching allocator
// would. TORCH_MALLOC_TUNING=0 keeps glibc's defaults.
const char* tuneMalloc() {
#if defined(__GLIBC__)
  const char* env = std::getenv("TORCH_MALLOC_TUNING");
  if (env && std::strcmp(env, "0") == 0) return "glibc defaults";
  mallopt(M_MMAP_MAX, 0);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
  mallopt(M_TOP_PAD, 64 << 20);
  return "heap (large blocks reused)";
#else
  return "system defaults";
#endif
}

#if defined(__linux__) && defined(MADV_HUGEPAGE)
constexpr uintptr_t kHugePage = 2u << 20;

// The heap is advised from the break when the addon loaded up to heapAdvisedUpTo.
std::mutex heapAdviceMu;
const uintptr_t heapAdviceStart = reinterpret_cast<uintptr_t>(sbrk(0));
uintptr_t heapAdvisedUpTo = heapAdviceStart;

// Advises the part of the C heap that grew since the last call, as glibc does itself when run with
// GLIBC_TUNABLES=glibc.malloc.hugetlb=1 (a tunable read only at process start). Tensor buffers come
// from the heap, and every fresh 4 KiB page they touch is a page fault (11 us each on the VMs we
// measured on); 2 MiB pages fault once per 512 of them and take one TLB entry.
// Returns true when [begin, end) lies in the part of the heap already advised.
bool adviseHeapGrowth(uintptr_t begin, uintptr_t end) {
  std::lock_guard<std::mutex> lock(heapAdviceMu);
  const uintptr_t brk = reinterpret_cast<uintptr_t>(sbrk(0));
  if (brk < heapAdvisedUpTo) {  // the heap shrank (trimmed): start again from its end
    heapAdvisedUpTo = brk;
    return false;
  }
  const uintptr_t from = (heapAdvisedUpTo + kHugePage - 1) & ~(kHugePage - 1), to = brk & ~(kHugePage - 1);
  if (to > from) {
    madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE);
    heapAdvisedUpTo = to;
  }
  return begin >= heapAdviceStart && end <= heapAdvisedUpTo;
}
#endif

// Called for every large storage allocated: advises the heap's growth (above), and asks the kernel to
// back a buffer of 4 MiB or more with 2 MiB pages (transparent huge pages in "madvise" mode) wherever it
// lies: a streaming op over 100 MB touches 25,000 4 KiB pages and misses the TLB on most of them.
Napi::Value AdviseHugePages(const Napi::CallbackInfo& info) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  napi_typedarray_type type;
  size_t length;
  void* data;
  size_t byteOffset;
  napi_value ab;
  if (napi_get_typedarray_info(info.Env(), info[0], &type, &length, &data, &ab, &byteOffset) != napi_ok)
    throw Napi::TypeError::New(info.Env(), "adviseHugePages: expected a TypedArray");
  size_t bytes = length * (type == napi_float64_array || type == napi_bigint64_array ? 8
                           : type == napi_float32_array || type == napi_int32_array || type == napi_uint32_array ? 4
                           : type == napi_int16_array || type == napi_uint16_array ? 2 : 1);
  uintptr_t begin = (reinterpret_cast<uintptr_t>(data) + kHugePage - 1) & ~(kHugePage - 1);
  uintptr_t end = (reinterpret_cast<uintptr_t>(data) + bytes) & ~(kHugePage - 1);
  // A buffer inside the advised heap needs no call of its own (one took ~4 us for a reused 16 MB block).
  if (adviseHeapGrowth(begin, end) || bytes < (4u << 20)) return info.Env().Undefined();
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#endif
  return info.Env().Undefined();
}

void registerRuntime(Napi::Env env, Napi::Object exports) {
  exports.Set("adviseHugePages", Napi::Function::New(env, AdviseHugePages));
  exports.Set("mallocPolicy", Napi::String::New(env, tuneMalloc()));
  exports.Set("setNumThreads", Napi::Function::New(env, SetNumThreads));
  exports.Set("getNumThreads", Napi::Function::New(env, GetNumThreads));
  exports.Set("simdLevel", Napi::Function::New(env, SimdLevel));
  exports.Set("arange", Napi::Function::New(env, Arange));
  exports.Set("linspace", Napi::Function::New(env, Linspace));
}

}  // namespace

static Registration reg(registerRuntime);

}  // namespace torch_native
