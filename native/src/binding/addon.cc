#include <napi.h>

#include "meta.h"
#include "registry.h"

namespace torch_native {

// Runs once per JS environment that loads the addon (the main thread and each worker thread).
Napi::Object Init(Napi::Env env, Napi::Object exports) {
  initEnvState(env);
  for (RegisterFn fn : registrations()) fn(env, exports);
  return exports;
}

NODE_API_MODULE(torch_native, Init)

}  // namespace torch_native
