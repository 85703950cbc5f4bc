// Autograd overhead: recording ops onto the tape and walking it back.
// TODO(reductions): the MLP workload (784-256-10, batch 64, cross-entropy, forward+backward) needs
// sum/logSoftmax from the reductions family; add it here (and to reference.py) when that family merges.

/** @type {import('./index.mjs').Workload[]} */
export default [
  {
    id: 'autograd.add_chain.100x100',
    label: '100 chained x.add(y) on 100 f32 + backward (per chain)',
    metric: 'us',
    samples: 101,
    inner: 20,
    warmup: 3,
    setup(torch) {
      const { Variable } = torch.autograd;
      const x = new Variable(torch.randn(100), { requiresGrad: true });
      const y = new Variable(torch.randn(100));
      const g = torch.ones(100);
      return () => {
        let h = x;
        for (let i = 0; i < 100; i++) h = h.add(y);
        h.backward(g);
      };
    },
  },
];
