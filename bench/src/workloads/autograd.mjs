// Autograd: per-op overhead (recording ops onto the tape and walking it back), and the MLP step.

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
  {
    id: 'autograd.mlp.784-256-10.b64',
    label: 'MLP 784-256-10 f32, batch 64: forward (log-softmax + NLL) + backward, grads zeroed',
    metric: 'us',
    samples: 51,
    inner: 5,
    // A second of training first: V8's optimizing compiler keeps recompiling the step for about that
    // long on background threads, which take the second core from the products' worker thread.
    warmup: 200,
    setup(torch) {
      const { Variable } = torch.autograd;
      torch.manualSeed(0);
      const x = new Variable(torch.randn(64, 784));
      const target = torch.randint(10, [64, 1]);
      const W1 = new Variable(torch.randn(784, 256).mul(0.05), { requiresGrad: true });
      const b1 = new Variable(torch.zeros(256), { requiresGrad: true });
      const W2 = new Variable(torch.randn(256, 10).mul(0.05), { requiresGrad: true });
      const b2 = new Variable(torch.zeros(10), { requiresGrad: true });
      const params = [W1, b1, W2, b2];
      return () => {
        for (const p of params) p.grad = null;
        const h = x.mm(W1).add(b1).clamp(0, null);
        const logp = h.mm(W2).add(b2).logSoftmax(1);
        const loss = logp.gather(1, target).mean().neg();
        loss.backward();
      };
    },
  },
];
