// Elementwise kernels: large contiguous (bandwidth bound), transcendental (compute bound), non-contiguous and
// broadcast inputs, and the cost of allocating the output versus writing into `out`.

const N7 = 10_000_000;
const N6 = 1_000_000;

/** @type {import('./index.mjs').Workload[]} */
export default [
  {
    id: 'elementwise.add_out.1e7',
    label: 'torch.add(x, y, {out}), 1e7 f32',
    metric: 'ms',
    samples: 31,
    setup(torch) {
      const x = torch.randn(N7);
      const y = torch.randn(N7);
      const out = torch.empty(N7);
      return () => torch.add(x, y, { out });
    },
  },
  {
    id: 'elementwise.add_alloc.1e7',
    label: 'x.add(y) allocating, 1e7 f32',
    metric: 'ms',
    samples: 31,
    setup(torch) {
      const x = torch.randn(N7);
      const y = torch.randn(N7);
      return () => x.add(y);
    },
  },
  {
    id: 'elementwise.mul.1e6',
    label: 'x.mul(y), 1e6 f32',
    metric: 'ms',
    samples: 101,
    setup(torch) {
      const x = torch.randn(N6);
      const y = torch.randn(N6);
      return () => x.mul(y);
    },
  },
  {
    id: 'elementwise.mul_out.1e6',
    label: 'torch.mul(x, y, {out}), 1e6 f32',
    metric: 'ms',
    samples: 101,
    setup(torch) {
      const x = torch.randn(N6);
      const y = torch.randn(N6);
      const out = torch.empty(N6);
      return () => torch.mul(x, y, { out });
    },
  },
  {
    id: 'elementwise.exp.1e6',
    label: 'x.exp(), 1e6 f32',
    metric: 'ms',
    samples: 101,
    setup(torch) {
      const x = torch.randn(N6);
      return () => x.exp();
    },
  },
  {
    id: 'elementwise.sigmoid.1e6',
    label: 'x.sigmoid(), 1e6 f32',
    metric: 'ms',
    samples: 101,
    setup(torch) {
      const x = torch.randn(N6);
      return () => x.sigmoid();
    },
  },
  {
    id: 'elementwise.erf.1e6',
    label: 'x.erf(), 1e6 f32',
    metric: 'ms',
    samples: 101,
    setup(torch) {
      const x = torch.randn(N6);
      return () => x.erf();
    },
  },
  {
    id: 'elementwise.logical_and.1e6',
    label: 'a.logicalAnd(b), 1e6 bool',
    metric: 'ms',
    samples: 101,
    setup(torch) {
      const a = torch.randn(N6).gt(0);
      const b = torch.randn(N6).gt(0);
      return () => a.logicalAnd(b);
    },
  },
  {
    id: 'elementwise.add_transposed.1000x1000',
    label: 'x.t().add(y), 1000x1000 f32',
    metric: 'ms',
    samples: 101,
    setup(torch) {
      const x = torch.randn(1000, 1000);
      const y = torch.randn(1000, 1000);
      return () => x.t().add(y);
    },
  },
  {
    id: 'elementwise.add_broadcast.1000x1000',
    label: 'x.add(b), [1000,1000]+[1000] f32',
    metric: 'ms',
    samples: 101,
    setup(torch) {
      const x = torch.randn(1000, 1000);
      const b = torch.randn(1000);
      return () => x.add(b);
    },
  },
];

/** Rows computed from other rows' medians (shown only when both inputs ran). */
export const derived = [
  {
    id: 'elementwise.add_alloc_over_out.1e7',
    label: '  allocating / out time (1e7 add)',
    metric: 'x',
    from: ['elementwise.add_alloc.1e7', 'elementwise.add_out.1e7'],
    compute: (alloc, out) => alloc / out,
  },
  {
    id: 'elementwise.mul_alloc_over_out.1e6',
    label: '  allocating / out time (1e6 mul)',
    metric: 'x',
    from: ['elementwise.mul.1e6', 'elementwise.mul_out.1e6'],
    compute: (alloc, out) => alloc / out,
  },
];
