// Joining/shaping ops (src/ops/join.ts): all are views + the elementwise copy, so each should run at
// the speed of a memcpy-bound copy of its output.

/** @type {import('./index.mjs').Workload[]} */
export default [
  {
    id: 'join.cat_dim0.4x1000x1000',
    label: 'torch.cat(4 x [1000,1000], 0) f32',
    metric: 'ms',
    samples: 51,
    setup(torch) {
      const xs = Array.from({ length: 4 }, () => torch.randn(1000, 1000));
      return () => torch.cat(xs, 0);
    },
  },
  {
    id: 'join.cat_dim1.4x1000x1000',
    label: 'torch.cat(4 x [1000,1000], 1) f32',
    metric: 'ms',
    samples: 51,
    setup(torch) {
      const xs = Array.from({ length: 4 }, () => torch.randn(1000, 1000));
      return () => torch.cat(xs, 1);
    },
  },
  {
    id: 'join.stack.8x1e5',
    label: 'torch.stack(8 x [1e5], 1) f32',
    metric: 'ms',
    samples: 51,
    setup(torch) {
      const xs = Array.from({ length: 8 }, () => torch.randn(100000));
      return () => torch.stack(xs, 1);
    },
  },
  {
    id: 'join.flip.1000x1000',
    label: 'x.flip(1), 1000x1000 f32',
    metric: 'ms',
    samples: 51,
    setup(torch) {
      const x = torch.randn(1000, 1000);
      return () => x.flip(1);
    },
  },
  {
    id: 'join.roll.1000x1000',
    label: 'x.roll([3, 7], [0, 1]), 1000x1000 f32',
    metric: 'ms',
    samples: 51,
    setup(torch) {
      const x = torch.randn(1000, 1000);
      return () => x.roll([3, 7], [0, 1]);
    },
  },
  {
    id: 'join.repeat.1000x1000',
    label: 'x.repeat(4, 4), 1000x1000 -> 4000x4000 f32',
    metric: 'ms',
    samples: 21,
    setup(torch) {
      const x = torch.randn(1000, 1000);
      return () => x.repeat(4, 4);
    },
  },
  {
    id: 'join.tril.1000x1000',
    label: 'x.tril(), 1000x1000 f32',
    metric: 'ms',
    samples: 51,
    setup(torch) {
      const x = torch.randn(1000, 1000);
      return () => x.tril();
    },
  },
  {
    id: 'join.where.1e6',
    label: 'torch.where(c, x, y), 1e6 f32',
    metric: 'ms',
    samples: 51,
    setup(torch) {
      const x = torch.randn(1000000), y = torch.randn(1000000);
      const c = x.gt(0);
      return () => torch.where(c, x, y);
    },
  },
  {
    id: 'join.histc.1e6',
    label: 'x.histc(100), 1e6 f32',
    metric: 'ms',
    samples: 51,
    setup(torch) {
      const x = torch.randn(1000000);
      return () => x.histc(100);
    },
  },
];
