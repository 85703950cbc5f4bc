#include <napi.h>

#include "registry.h"

namespace torch_native {

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  for (RegisterFn fn : registrations()) fn(env, exports);
  return exports;
}

NODE_API_MODULE(torch_native, Init)

}  // namespace torch_native
