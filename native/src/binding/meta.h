// Per-JS-environment state. The addon is loaded by the main thread and by worker threads alike, each a
// separate Node environment (DESIGN.md §4): whatever belongs to one environment lives in its instance
// data (napi_set_instance_data), never in a process-wide global, so a worker loading or unloading the
// addon cannot change what another thread computes.
#pragma once
#include <napi.h>

#include <cstddef>
#include <string>

namespace torch_native {

// The shared argument buffer: a Float64Array that JS registers once per environment (setMeta) and
// writes each call's numbers into before calling. Every binding file reads its numbers from here.
struct MetaBuffer {
  const double* data = nullptr;
  size_t length = 0;
};

struct EnvState {
  MetaBuffer meta;
  Napi::Reference<Napi::Float64Array> metaRef;  // keeps meta.data's array alive while the env lives
  Napi::FunctionReference detachedError;         // setErrorClasses({ detached }): thrown by throwIfDetached
};

// Creates the calling environment's state; addon Init calls it before any registration runs.
void initEnvState(Napi::Env env);

// The calling environment's state (valid for the whole life of the environment).
inline EnvState& envState(napi_env env) {
  void* data = nullptr;
  napi_get_instance_data(env, &data);
  return *static_cast<EnvState*>(data);
}

// The calling environment's registered buffer (empty until its setMeta has been called).
inline const MetaBuffer& meta(napi_env env) { return envState(env).meta; }

// For a TypedArray argument that reported length 0: throws the environment's detached-storage error
// (TorchDetachedError once core has registered it, a TypeError before) when its ArrayBuffer has been
// detached, e.g. transferred to another thread with postMessage/structuredClone; returns otherwise.
void throwIfDetached(napi_env env, const std::string& op, napi_value typedArray);

}  // namespace torch_native
