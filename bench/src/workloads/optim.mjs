// Optimizer steps on the 784-256-10 MLP's parameters (the step of the benchmarked training step),
// with fixed gradients: SGD with momentum and Adam.

/** The MLP's parameters (W1, b1, W2, b2) as leaves with gradients already set. */
function mlpParams(torch) {
  const { Variable } = torch.autograd;
  torch.manualSeed(0);
  const params = [
    new Variable(torch.randn(784, 256).mul(0.05), { requiresGrad: true }),
    new Variable(torch.zeros(256), { requiresGrad: true }),
    new Variable(torch.randn(256, 10).mul(0.05), { requiresGrad: true }),
    new Variable(torch.zeros(10), { requiresGrad: true }),
  ];
  for (const p of params) p.grad = torch.randn(p.data.shape).mul(0.01);
  return params;
}

/** @type {import('./index.mjs').Workload[]} */
export default [
  {
    id: 'optim.sgd_momentum.mlp784-256-10',
    label: 'SGD momentum 0.9 step, MLP 784-256-10 params (204k f32)',
    metric: 'us',
    samples: 51,
    inner: 20,
    warmup: 20,
    setup(torch) {
      const opt = new torch.optim.SGD(mlpParams(torch), { lr: 0.01, momentum: 0.9 });
      return () => opt.step();
    },
  },
  {
    id: 'optim.adam.mlp784-256-10',
    label: 'Adam step, MLP 784-256-10 params (204k f32)',
    metric: 'us',
    samples: 51,
    inner: 20,
    warmup: 20,
    setup(torch) {
      const opt = new torch.optim.Adam(mlpParams(torch), { lr: 1e-3 });
      return () => opt.step();
    },
  },
  {
    id: 'optim.train_step.mlp784-256-10.b64',
    label: 'MLP 784-256-10 f32, batch 64: zeroGrad, forward, NLL loss, backward, SGD momentum step',
    metric: 'us',
    samples: 51,
    inner: 5,
    // As autograd.mlp: a second of training first, while V8's optimizing compiler settles.
    warmup: 200,
    setup(torch) {
      const { Variable } = torch.autograd;
      const [W1, b1, W2, b2] = mlpParams(torch);
      const x = new Variable(torch.randn(64, 784));
      const target = torch.randint(10, [64, 1]);
      const opt = new torch.optim.SGD([W1, b1, W2, b2], { lr: 0.01, momentum: 0.9 });
      return () => {
        opt.zeroGrad();
        const h = x.mm(W1).add(b1).clamp(0, null);
        const logp = h.mm(W2).add(b2).logSoftmax(1);
        logp.gather(1, target).mean().neg().backward();
        opt.step();
      };
    },
  },
];
