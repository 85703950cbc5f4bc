// Each binding file adds its functions to the addon's exports through a static Registration, so
// adding an op family never touches a central list. The list is filled while the library loads (static
// initialisation, one thread) and only read afterwards, by each environment's Init.
#pragma once
#include <napi.h>

#include <vector>

namespace torch_native {

using RegisterFn = void (*)(Napi::Env, Napi::Object);

inline std::vector<RegisterFn>& registrations() {
  static std::vector<RegisterFn> fns;
  return fns;
}

struct Registration {
  explicit Registration(RegisterFn fn) { registrations().push_back(fn); }
};

}  // namespace torch_native
