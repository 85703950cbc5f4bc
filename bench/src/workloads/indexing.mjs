// Indexing: indexSelect of random whole rows (the memcpy-per-row path split across threads), gather and
// scatterAdd_ along the last dim of 1000x1000 (an index per element), maskedSelect of about half of 1e6
// elements (count, then two-pass parallel compaction), and advanced-indexing reads with one and two index
// tensors of 1e6 random positions.

const N6 = 1_000_000;

/** @type {import('./index.mjs').Workload[]} */
export default [
  {
    id: 'index.indexSelect.1e5x64',
    label: 'x.indexSelect(0, 1e5 rows), 1e5x64 f32',
    metric: 'ms',
    samples: 31,
    setup(torch) {
      const x = torch.randn(100_000, 64);
      const idx = torch.randint(0, 100_000, [100_000]);
      return () => x.indexSelect(0, idx);
    },
  },
  {
    id: 'index.gather.1000x1000',
    label: 'x.gather(1, idx), 1000x1000 f32',
    metric: 'ms',
    samples: 31,
    setup(torch) {
      const x = torch.randn(1000, 1000);
      const idx = torch.randint(0, 1000, [1000, 1000]);
      return () => x.gather(1, idx);
    },
  },
  {
    id: 'index.scatterAdd.1000x1000',
    label: 'y.scatterAdd_(1, idx, src), 1000x1000 f32',
    metric: 'ms',
    samples: 31,
    setup(torch) {
      const y = torch.zeros(1000, 1000);
      const src = torch.randn(1000, 1000);
      const idx = torch.randint(0, 1000, [1000, 1000]);
      return () => y.scatterAdd_(1, idx, src);
    },
  },
  {
    id: 'index.maskedSelect.1e6',
    label: 'x.maskedSelect(x > 0), 1e6 f32',
    metric: 'ms',
    samples: 31,
    setup(torch) {
      const x = torch.randn(N6);
      const m = x.gt(0);
      return () => x.maskedSelect(m);
    },
  },
  {
    id: 'index.advanced.1e6',
    label: 'x.get(idx) (x[idx]), 1e6 of 1e6 f32',
    metric: 'ms',
    samples: 31,
    setup(torch) {
      const x = torch.randn(N6);
      const idx = torch.randint(0, N6, [N6]);
      return () => x.get(idx);
    },
  },
  {
    id: 'index.advanced2.1000x1000',
    label: 'x.get(i, j) (x[i, j]), 1e6 of 1000x1000 f32',
    metric: 'ms',
    samples: 31,
    setup(torch) {
      const x = torch.randn(1000, 1000);
      const i = torch.randint(0, 1000, [N6]);
      const j = torch.randint(0, 1000, [N6]);
      return () => x.get(i, j);
    },
  },
];
