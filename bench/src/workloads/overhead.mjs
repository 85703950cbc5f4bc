// Per-op overhead: the fixed cost of one small op (argument checks, output allocation, the native call).

/** @type {import('./index.mjs').Workload[]} */
export default [
  {
    id: 'overhead.add.100',
    label: 'a.add(b), 100 f32 (per call)',
    metric: 'us',
    samples: 101,
    inner: 2000,
    warmup: 2,
    setup(torch) {
      const a = torch.randn(100);
      const b = torch.randn(100);
      return () => a.add(b);
    },
  },
];
