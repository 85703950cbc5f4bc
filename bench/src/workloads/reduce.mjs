// Reductions (src/ops/reduce.ts): a whole-tensor float32 sum (bandwidth-bound, blockwise lanes, split
// across threads), a [1000,1000] sum along each dim (dim 0 accumulates rows, vectorised along the
// contiguous dim; dim 1 reduces contiguous runs: the two should be within 2x of each other), max with
// indices along a dim, mean, var (two passes in double) and a 1e6 cumsum (a sequential scan).

const N6 = 1_000_000;
const N7 = 10_000_000;

/** @type {import('./index.mjs').Workload[]} */
export default [
  {
    id: 'reduce.sum.1e7',
    label: 'x.sum(), 1e7 f32',
    metric: 'ms',
    samples: 51,
    setup(torch) {
      const x = torch.randn(N7);
      return () => x.sum();
    },
  },
  {
    id: 'reduce.sum_dim0.1000x1000',
    label: 'x.sum(0), 1000x1000 f32',
    metric: 'ms',
    samples: 101,
    setup(torch) {
      const x = torch.randn(1000, 1000);
      return () => x.sum(0);
    },
  },
  {
    id: 'reduce.sum_dim1.1000x1000',
    label: 'x.sum(1), 1000x1000 f32',
    metric: 'ms',
    samples: 101,
    setup(torch) {
      const x = torch.randn(1000, 1000);
      return () => x.sum(1);
    },
  },
  {
    id: 'reduce.max_dim0.1000x1000',
    label: 'x.max(0) (values+indices), 1000x1000 f32',
    metric: 'ms',
    samples: 101,
    setup(torch) {
      const x = torch.randn(1000, 1000);
      return () => x.max(0);
    },
  },
  {
    id: 'reduce.max_dim1.1000x1000',
    label: 'x.max(1) (values+indices), 1000x1000 f32',
    metric: 'ms',
    samples: 101,
    setup(torch) {
      const x = torch.randn(1000, 1000);
      return () => x.max(1);
    },
  },
  {
    id: 'reduce.mean.1e7',
    label: 'x.mean(), 1e7 f32',
    metric: 'ms',
    samples: 51,
    setup(torch) {
      const x = torch.randn(N7);
      return () => x.mean();
    },
  },
  {
    id: 'reduce.var_dim1.1000x1000',
    label: 'x.var(1), 1000x1000 f32',
    metric: 'ms',
    samples: 101,
    setup(torch) {
      const x = torch.randn(1000, 1000);
      return () => x.var(1);
    },
  },
  {
    id: 'reduce.log_softmax_dim1.1000x1000',
    label: 'x.logSoftmax(1), 1000x1000 f32',
    metric: 'ms',
    samples: 101,
    setup(torch) {
      const x = torch.randn(1000, 1000);
      return () => x.logSoftmax(1);
    },
  },
  {
    id: 'reduce.softmax_dim0.1000x1000',
    label: 'x.softmax(0), 1000x1000 f32',
    metric: 'ms',
    samples: 101,
    setup(torch) {
      const x = torch.randn(1000, 1000);
      return () => x.softmax(0);
    },
  },
  {
    id: 'reduce.cumsum.1e6',
    label: 'x.cumsum(0), 1e6 f32',
    metric: 'ms',
    samples: 51,
    setup(torch) {
      const x = torch.randn(N6);
      return () => x.cumsum(0);
    },
  },
];
