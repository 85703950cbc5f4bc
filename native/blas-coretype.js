// OpenBLAS built with DYNAMIC_ARCH picks its kernels from the CPU model and falls back to older
// kernel sets for CPUs newer than the library (Debian's 0.3.21 can run new AVX-512 CPUs on its
// Haswell AVX2 kernels, up to half the speed of its AVX-512 ones). When the CPU and OS support
// AVX-512 and the user has not chosen, ask for the SkylakeX kernels through OPENBLAS_CORETYPE, which
// OpenBLAS reads once, when the library is loaded; so this must run before the addon is required.
// (SkylakeX's sgemm/dgemm kernels are the ones OpenBLAS also uses for Cooperlake/Zen 4, and every
// OpenBLAS since 0.3.0 knows the name.)
//
// Controls, read here:
//   OPENBLAS_CORETYPE=NAME     the user's choice; left alone.
//   TORCH_BLAS_CORETYPE=auto   (or off/0/none) let OpenBLAS detect the CPU itself.
//   TORCH_BLAS_CORETYPE=NAME   ask for that OpenBLAS kernel set (e.g. HASWELL, SKYLAKEX, ZEN).
// blasInfo().coretype (from the addon) reports the kernel set OpenBLAS actually uses.
'use strict';
const fs = require('node:fs');

const AVX512 = ['avx512f', 'avx512dq', 'avx512cd', 'avx512bw', 'avx512vl'];

function cpuFlags() {
  try {
    const info = fs.readFileSync('/proc/cpuinfo', 'utf8');
    const line = info.split('\n').find((l) => l.startsWith('flags'));
    return new Set(line ? line.split(':')[1].trim().split(/\s+/) : []);
  } catch {
    return new Set();
  }
}

// True when libopenblas is already mapped into this process (loaded by another module, or by this
// addon from another thread): it has read its environment, so setting OPENBLAS_CORETYPE does nothing.
function openblasLoaded() {
  try {
    return /libopenblas/.test(fs.readFileSync('/proc/self/maps', 'utf8'));
  } catch {
    return false;
  }
}

// In a worker thread process.env is a private copy: assigning to it never reaches getenv().
function canSetEnvironment() {
  try {
    return require('node:worker_threads').isMainThread;
  } catch {
    return true;
  }
}

/**
 * Chooses OpenBLAS's kernel set before the addon (and libopenblas) is loaded.
 * Returns { coretype, reason }: coretype is the OPENBLAS_CORETYPE now in effect for the load (null:
 * OpenBLAS detects the CPU itself); reason is one of 'user', 'torch-env', 'avx512', 'openblas',
 * 'opt-out', 'worker-thread', 'already-loaded'. Sets process.env.OPENBLAS_CORETYPE when it chooses.
 */
function chooseOpenblasCoretype(env = process.env) {
  if (env.OPENBLAS_CORETYPE) return { coretype: env.OPENBLAS_CORETYPE, reason: 'user' };
  const request = (env.TORCH_BLAS_CORETYPE || '').trim();
  if (/^(auto|off|none|0|false)$/i.test(request)) return { coretype: null, reason: 'opt-out' };
  if (process.platform !== 'linux' || !['x64', 'ia32'].includes(process.arch)) {
    return { coretype: null, reason: 'openblas' };
  }
  let coretype = null;
  let reason = 'openblas';
  if (request) {
    coretype = request.toUpperCase();
    reason = 'torch-env';
  } else {
    // Linux lists avx512* flags only when the OS saves the AVX-512 register state.
    const flags = cpuFlags();
    if (AVX512.every((f) => flags.has(f))) {
      coretype = 'SKYLAKEX';
      reason = 'avx512';
    }
  }
  if (!coretype) return { coretype: null, reason };
  if (openblasLoaded()) return { coretype: null, reason: 'already-loaded' };
  if (!canSetEnvironment()) return { coretype: null, reason: 'worker-thread' };
  env.OPENBLAS_CORETYPE = coretype;
  return { coretype, reason };
}

module.exports = { chooseOpenblasCoretype };
