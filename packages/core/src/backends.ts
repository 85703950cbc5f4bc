// Threads and the facts about the kernels in use (torch.backends).
import { TorchSizeError, TorchTypeError } from './errors';
import { native } from './native';
import { gcPolicy } from './young-gc';
import { pooledBufferBytes } from './buffer-pool';

/** The most threads setNumThreads accepts (far beyond any machine's cores; the bound keeps a typo from aborting the process). */
const MAX_THREADS = 1024;

/**
 * Threads used by elementwise kernels and the BLAS. Work below a grain size stays on one thread.
 * @example torch.setNumThreads(1)
 */
export function setNumThreads(n: number): void {
  if (!Number.isSafeInteger(n) || n < 1) throw new TorchTypeError(`setNumThreads: expected a positive integer, got ${n}`);
  // Every thread is a real OS thread with its own stack: an absurd count would exhaust the process.
  if (n > MAX_THREADS) throw new TorchSizeError(`setNumThreads: at most ${MAX_THREADS} threads are supported, got ${n}`);
  native.setNumThreads(n);
  native.setBlasThreads(n);
}

/** The number of threads the native kernels split work across (see setNumThreads). @example torch.getNumThreads() // 2 on a 2-core machine */
export function getNumThreads(): number {
  return native.getNumThreads();
}

/** What BLAS is in use. */
export interface BlasInfo {
  /** 'openblas', or 'builtin' when the addon was built without a BLAS. */
  library: 'openblas' | 'builtin';
  /** The kernel set OpenBLAS runs (e.g. 'SkylakeX'), or null. */
  coretype: string | null;
  /** OpenBLAS's build description, or null. */
  config: string | null;
  /** BLAS threads. */
  threads: number;
  /** Why this kernel set: 'user' (OPENBLAS_CORETYPE was set), 'avx512' (chosen by us for this CPU), or 'openblas' (its own detection). */
  chosenBy: string;
}

/**
 * Which kernels run: the BLAS and its kernel set, and the SIMD level of the elementwise loops.
 * @example
 * torch.backends.blas.coretype;   // 'SkylakeX'
 * torch.backends.cpu.capability;  // 'avx512'
 */
export const backends = {
  get blas(): BlasInfo {
    return { ...native.blasInfo(), chosenBy: native.openblasCoretypeChoice.reason };
  },
  /**
   * capability: SIMD level of the elementwise loops; malloc: how large buffers are allocated; gc: when
   * the memory of dropped tensors is collected; pooledBytes: gradient buffers that backward passes
   * released for later passes (docs/native.md, "Memory"; `torch.emptyBufferPool()` drops them).
   */
  get cpu(): { capability: string; malloc: string; gc: string; pooledBytes: number } {
    return { capability: native.simdLevel(), malloc: native.mallocPolicy, gc: gcPolicy, pooledBytes: pooledBufferBytes() };
  },
};
