#include "meta.h"

#include "registry.h"

namespace torch_native {

void initEnvState(Napi::Env env) {
  // node-addon-api deletes the state (and so releases its references) when the environment is torn down.
  env.SetInstanceData<EnvState>(new EnvState());
}

void throwIfDetached(napi_env env, const std::string& op, napi_value typedArray) {
  napi_value buffer;
  bool detached = false;
  if (napi_get_typedarray_info(env, typedArray, nullptr, nullptr, nullptr, &buffer, nullptr) != napi_ok ||
      napi_is_detached_arraybuffer(env, buffer, &detached) != napi_ok || !detached)
    return;
  const std::string msg = op + ": a tensor's memory was detached (its ArrayBuffer was transferred to another thread "
                               "with postMessage or structuredClone); the tensor can no longer be read or written";
  Napi::Env e(env);
  EnvState& state = envState(env);
  if (state.detachedError.IsEmpty()) throw Napi::TypeError::New(e, msg);
  throw Napi::Error(e, state.detachedError.New({Napi::String::New(e, msg)}));
}

namespace {

Napi::Value SetMeta(const Napi::CallbackInfo& info) {
  if (!info[0].IsTypedArray() || info[0].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array)
    throw Napi::TypeError::New(info.Env(), "setMeta: expected a Float64Array");
  auto arr = info[0].As<Napi::Float64Array>();
  EnvState& state = envState(info.Env());
  state.metaRef = Napi::Persistent(arr);
  state.meta.data = arr.Data();
  state.meta.length = arr.ElementLength();
  return info.Env().Undefined();
}

// setErrorClasses({ detached }): the error class throwIfDetached constructs (core's TorchDetachedError).
Napi::Value SetErrorClasses(const Napi::CallbackInfo& info) {
  if (!info[0].IsObject()) throw Napi::TypeError::New(info.Env(), "setErrorClasses: expected an object");
  Napi::Value detached = info[0].As<Napi::Object>().Get("detached");
  if (!detached.IsFunction()) throw Napi::TypeError::New(info.Env(), "setErrorClasses: detached must be a class");
  envState(info.Env()).detachedError = Napi::Persistent(detached.As<Napi::Function>());
  return info.Env().Undefined();
}

void registerMeta(Napi::Env env, Napi::Object exports) {
  exports.Set("setMeta", Napi::Function::New(env, SetMeta));
  exports.Set("setErrorClasses", Napi::Function::New(env, SetErrorClasses));
}

}  // namespace

static Registration reg(registerMeta);

}  // namespace torch_native
