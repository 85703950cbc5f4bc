// The shared argument buffer: a Float64Array that JS registers once (setMeta) and writes each call's
// numbers into before calling. Every binding file reads its numbers from here.
#pragma once
#include <napi.h>

#include <cstddef>

namespace torch_native {

struct MetaBuffer {
  const double* data = nullptr;
  size_t length = 0;
};

// The registered buffer (empty until setMeta has been called).
const MetaBuffer& meta();

}  // namespace torch_native
