// examples/fashion-mnist's training, a slice of it: 200 steps of the example's own network, step and data
// loader (model.mjs), against the same in PyTorch (examples/fashion-mnist/reference.py's Net and step, best
// of mkldnn on and off is what the issue compares with: see README there). Needs the built `torch` with nn
// (Conv2d, MaxPool2d, ReLU, CrossEntropyLoss), optim and Debian's dataset-fashion-mnist.
let example = null, loadError = null;
try {
  example = await import('../../../examples/fashion-mnist/model.mjs');
} catch (e) {
  loadError = e;
}

export const STEPS = 200;

/** @type {import('./index.mjs').Workload[]} */
export default [
  {
    id: 'train.fashion_mnist.cnn.200steps',
    label: `Fashion-MNIST CNN training, ${STEPS} steps of batch 64 (SGD momentum, with loading)`,
    metric: 'ms',
    samples: 3,
    warmup: 1,
    budgetS: 60,
    params: { steps: STEPS },
    setup(torch) {
      if (!example) throw new Error(`examples/fashion-mnist/model.mjs did not load: ${loadError?.message ?? loadError}`);
      const { utils } = example.torch;
      const train = new utils.data.FashionMNIST(undefined, { transform: utils.data.transforms.toTensor() });
      torch.manualSeed(0);
      const net = new example.Net();
      const step = example.makeTrainer(net, { lr: 0.05, momentum: 0.9 });
      const loader = new utils.data.DataLoader(train, { batchSize: 64, shuffle: true, generator: new torch.Generator().manualSeed(0) });
      return () => {
        let n = 0;
        for (const [x, y] of loader) {
          step(x, y);
          if (++n === STEPS) break;
        }
      };
    },
  },
];
