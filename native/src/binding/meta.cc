#include "meta.h"

#include "registry.h"

namespace torch_native {
namespace {

MetaBuffer gMeta;
// Keeps the Float64Array alive; leaked on purpose so no destructor runs after the env is gone.
Napi::Reference<Napi::Float64Array>* gMetaRef = nullptr;

Napi::Value SetMeta(const Napi::CallbackInfo& info) {
  if (!info[0].IsTypedArray() || info[0].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array)
    throw Napi::TypeError::New(info.Env(), "setMeta: expected a Float64Array");
  auto arr = info[0].As<Napi::Float64Array>();
  if (!gMetaRef) gMetaRef = new Napi::Reference<Napi::Float64Array>();
  *gMetaRef = Napi::Persistent(arr);
  gMeta.data = arr.Data();
  gMeta.length = arr.ElementLength();
  return info.Env().Undefined();
}

void registerMeta(Napi::Env env, Napi::Object exports) { exports.Set("setMeta", Napi::Function::New(env, SetMeta)); }

}  // namespace

const MetaBuffer& meta() { return gMeta; }

static Registration reg(registerMeta);

}  // namespace torch_native
