// CRC-32 (IEEE 802.3, zlib's crc32) of large buffers for the checkpoint writer and reader: carry-less
// multiply folding where the CPU has PCLMULQDQ, slicing-by-8 tables elsewhere.
#pragma once
#include <cstddef>
#include <cstdint>

namespace torch_native {

// zlib's crc32(crc, data, n): `crc` is the CRC of what came before (0 to start).
uint32_t crc32(uint32_t crc, const uint8_t* data, size_t n);

// "pclmul" or "table": which kernel crc32 uses on this CPU.
const char* crc32Kernel();

}  // namespace torch_native
