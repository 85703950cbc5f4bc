// OpenBLAS built with DYNAMIC_ARCH picks its kernels from the CPU model and falls back to older
// kernel sets for CPUs newer than the library (Debian's 0.3.21 runs Zen 5 on its Haswell AVX2
// kernels, half the speed of its AVX-512 ones). When the CPU has AVX-512 and the user has not chosen,
// ask for the SkylakeX kernels through OPENBLAS_CORETYPE, which OpenBLAS reads when it loads.
'use strict';
const fs = require('node:fs');

function cpuFlags() {
  try {
    const info = fs.readFileSync('/proc/cpuinfo', 'utf8');
    const line = info.split('\n').find((l) => l.startsWith('flags'));
    return new Set(line ? line.split(':')[1].trim().split(/\s+/) : []);
  } catch {
    return new Set();
  }
}

/** Returns { coretype, reason } and sets process.env.OPENBLAS_CORETYPE when it chooses one. */
function chooseOpenblasCoretype() {
  if (process.env.OPENBLAS_CORETYPE) return { coretype: process.env.OPENBLAS_CORETYPE, reason: 'user' };
  if (process.env.TORCH_BLAS_CORETYPE === 'auto') return { coretype: null, reason: 'openblas' };
  const flags = cpuFlags();
  if (['avx512f', 'avx512bw', 'avx512vl', 'avx512dq', 'avx512cd'].every((f) => flags.has(f))) {
    process.env.OPENBLAS_CORETYPE = 'SKYLAKEX';
    return { coretype: 'SKYLAKEX', reason: 'avx512' };
  }
  return { coretype: null, reason: 'openblas' };
}

module.exports = { chooseOpenblasCoretype };
