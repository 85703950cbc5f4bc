// Sorting and selection: a full sort of one long float32 row (values + int64 indices), topk of a small k
// from a long row (partial selection), and 1000 rows of 1000 sorted along the last dim (rows across threads).

const N6 = 1_000_000;

/** @type {import('./index.mjs').Workload[]} */
export default [
  {
    id: 'sort.sort.1e6',
    label: 'x.sort(), 1e6 f32',
    metric: 'ms',
    samples: 21,
    setup(torch) {
      const x = torch.randn(N6);
      return () => x.sort();
    },
  },
  {
    id: 'sort.topk10.1e6',
    label: 'x.topk(10), 1e6 f32',
    metric: 'ms',
    samples: 51,
    setup(torch) {
      const x = torch.randn(N6);
      return () => x.topk(10);
    },
  },
  {
    id: 'sort.sort_dim1.1000x1000',
    label: 'x.sort(1), 1000x1000 f32',
    metric: 'ms',
    samples: 21,
    setup(torch) {
      const x = torch.randn(1000, 1000);
      return () => x.sort(1);
    },
  },
];
