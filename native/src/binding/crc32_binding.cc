// crc32(bytes, crc) for the checkpoint writer and reader (packages/core/src/io/zip.ts).
#include <napi.h>

#include "../kernels/crc32.h"
#include "args.h"
#include "registry.h"

namespace torch_native {
namespace {

// crc32(data: Uint8Array, crc: number) -> number: the CRC of data continuing from crc (zlib's convention).
Napi::Value Crc32(const Napi::CallbackInfo& info) {
  if (info.Length() < 2 || !info[0].IsTypedArray() || info[0].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array)
    typeError(info.Env(), "crc32", "expected a Uint8Array and a number");
  auto bytes = info[0].As<Napi::Uint8Array>();
  const double crc = info[1].As<Napi::Number>().DoubleValue();
  if (!(crc >= 0 && crc <= 4294967295.0)) rangeError(info.Env(), "crc32", "crc must be a 32-bit unsigned integer");
  const uint32_t out = crc32(static_cast<uint32_t>(crc), bytes.Data(), bytes.ByteLength());
  return Napi::Number::New(info.Env(), out);
}

Napi::Value Crc32Kernel(const Napi::CallbackInfo& info) { return Napi::String::New(info.Env(), crc32Kernel()); }

const Registration registration([](Napi::Env env, Napi::Object exports) {
  exports.Set("crc32", Napi::Function::New(env, Crc32, "crc32"));
  exports.Set("crc32Kernel", Napi::Function::New(env, Crc32Kernel, "crc32Kernel"));
});

}  // namespace
}  // namespace torch_native
