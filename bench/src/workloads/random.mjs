// Random sampling: filling large tensors (the Philox stream generation plus the transform to the
// distribution). Both allocate the result, as torch.rand / torch.randn do.

const N7 = 10_000_000;

/** @type {import('./index.mjs').Workload[]} */
export default [
  {
    id: 'random.rand.1e7',
    label: 'torch.rand(1e7) f32',
    metric: 'ms',
    samples: 31,
    setup(torch) {
      return () => torch.rand(N7);
    },
  },
  {
    id: 'random.randn.1e7',
    label: 'torch.randn(1e7) f32',
    metric: 'ms',
    samples: 31,
    setup(torch) {
      return () => torch.randn(N7);
    },
  },
];
