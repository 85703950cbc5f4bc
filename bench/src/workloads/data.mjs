// Data loading: one epoch of shuffled Fashion-MNIST batches, the way examples/fashion-mnist reads them
// (the DataLoader's batch fast path: one indexSelect per batch, the uint8 → float32 transform once per batch).
// PyTorch's side is the loader a PyTorch user writes: DataLoader over a TensorDataset of the uint8 images
// (per-sample indexing and default_collate), then the same conversion. Needs Debian's dataset-fashion-mnist.
let data = null;
try {
  data = await import('@torch/data');
} catch {
  // not built: the workload reports an error, the rest run
}

/** @type {import('./index.mjs').Workload[]} */
export default [
  {
    id: 'data.fashion_mnist.epoch.b64',
    label: 'Fashion-MNIST epoch of shuffled batches of 64 via DataLoader (938 batches, to float [0,1])',
    metric: 'ms',
    // PyTorch's side takes seconds per epoch (per-sample collate): few samples keep the run short.
    samples: 3,
    warmup: 1,
    budgetS: 5,
    setup(torch) {
      if (!data) throw new Error('@torch/data is not built: pnpm --filter @torch/data build');
      const train = new data.FashionMNIST(undefined, { transform: data.transforms.toTensor() });
      const loader = new data.DataLoader(train, { batchSize: 64, shuffle: true, generator: new torch.Generator().manualSeed(0) });
      return () => {
        let n = 0;
        for (const [x] of loader) n += x.shape[0];
        if (n !== 60000) throw new Error(`expected 60000 images, got ${n}`);
      };
    },
  },
];
