// Matrix product (torch.mm -> native.bmm -> the BLAS or the built-in GEMM): GFLOP/s, best and median.

const N = 1024;

function mm(dtypeName, label) {
  return {
    id: `mm.${dtypeName}.${N}`,
    label: `torch.mm ${N}x${N} ${label}`,
    metric: 'gflops',
    flops: 2 * N ** 3,
    samples: 15,
    warmup: 2,
    budgetS: 6,
    params: { n: N, dtype: dtypeName },
    setup(torch) {
      const dtype = torch[dtypeName];
      const a = torch.randn(N, N, { dtype });
      const b = torch.randn(N, N, { dtype });
      return () => torch.mm(a, b);
    },
  };
}

/** @type {import('./index.mjs').Workload[]} */
export default [mm('float32', 'f32'), mm('float64', 'f64')];
