// nn: the MLP built from nn.Linear / nn.ReLU with nn.CrossEntropyLoss (compare with
// autograd.mlp.784-256-10.b64, the same step written with raw Variables: the module layer's overhead).

/** @type {import('./index.mjs').Workload[]} */
export default [
  {
    id: 'nn.mlp.784-256-10.b64',
    label: 'nn.Sequential(Linear 784-256, ReLU, Linear 256-10) + CrossEntropyLoss f32, batch 64: forward + backward, zeroGrad',
    metric: 'us',
    samples: 51,
    inner: 5,
    // As autograd.mlp: a second of training first, so V8's optimizing compiler has settled.
    warmup: 200,
    setup(torch) {
      const { nn } = torch;
      torch.manualSeed(0);
      const x = new nn.Variable(torch.randn(64, 784));
      const target = torch.randint(10, [64]);
      const model = new nn.Sequential(new nn.Linear(784, 256), new nn.ReLU(), new nn.Linear(256, 10));
      const criterion = new nn.CrossEntropyLoss();
      return () => {
        model.zeroGrad(true);
        criterion.forward(model.forward(x), target).backward();
      };
    },
  },
];
