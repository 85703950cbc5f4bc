// nn rows of the issue not covered by nn.mjs: the LSTM (input 128, hidden 256, seq 35, batch 32) forward
// and forward + backward, an embedding lookup and cross-entropy of 64x10. PyTorch's column (reference.py)
// is the faster of mkldnn on and off, as for every nn.* row.

/** @type {import('./index.mjs').Workload[]} */
export default [
  {
    id: 'nn.lstm_fwd.128-256.s35b32',
    label: 'nn.LSTM(128, 256) on 35x32x128 f32: forward (grad mode on)',
    metric: 'ms',
    samples: 21,
    warmup: 5,
    setup(torch) {
      const { nn } = torch;
      torch.manualSeed(0);
      const lstm = new nn.LSTM(128, 256);
      const x = new nn.Variable(torch.randn(35, 32, 128));
      return () => lstm.forward(x);
    },
  },
  {
    id: 'nn.lstm_fwdbwd.128-256.s35b32',
    label: 'nn.LSTM(128, 256) on 35x32x128 f32: forward + backward of output.sum(), zeroGrad',
    metric: 'ms',
    samples: 21,
    warmup: 5,
    setup(torch) {
      const { nn } = torch;
      torch.manualSeed(0);
      const lstm = new nn.LSTM(128, 256);
      const x = new nn.Variable(torch.randn(35, 32, 128));
      return () => {
        lstm.zeroGrad(true);
        const [out] = lstm.forward(x);
        out.sum().backward();
      };
    },
  },
  {
    id: 'nn.embedding_fwd.10000x256.32x35',
    label: 'nn.Embedding(10000, 256) lookup of 32x35 indices f32: forward',
    metric: 'us',
    samples: 51,
    inner: 20,
    // 4000 untimed calls (both sides): after the 400 of a warm-up of 20, V8's tiers and young-generation
    // sizing had not settled, and the median sample was 84-115 µs where it is 39-57 µs after 5000.
    warmup: 200,
    setup(torch) {
      const { nn } = torch;
      torch.manualSeed(0);
      const emb = new nn.Embedding(10000, 256);
      const idx = torch.randint(10000, [32, 35]);
      return () => emb.forward(idx);
    },
  },
  {
    id: 'nn.embedding_fwdbwd.10000x256.32x35',
    label: 'nn.Embedding(10000, 256) lookup of 32x35 indices f32: forward + backward of sum, zeroGrad',
    metric: 'us',
    samples: 51,
    inner: 5,
    warmup: 200, // 1000 untimed calls, as the forward row
    setup(torch) {
      const { nn } = torch;
      torch.manualSeed(0);
      const emb = new nn.Embedding(10000, 256);
      const idx = torch.randint(10000, [32, 35]);
      return () => {
        emb.zeroGrad(true);
        emb.forward(idx).sum().backward();
      };
    },
  },
  {
    id: 'nn.cross_entropy_fwd.64x10',
    label: 'nn.functional.crossEntropy of 64x10 f32 logits: forward',
    metric: 'us',
    samples: 51,
    inner: 50,
    warmup: 50,
    setup(torch) {
      const { nn } = torch;
      torch.manualSeed(0);
      const logits = new nn.Variable(torch.randn(64, 10), { requiresGrad: true });
      const target = torch.randint(10, [64]);
      return () => nn.functional.crossEntropy(logits, target);
    },
  },
  {
    id: 'nn.cross_entropy_fwdbwd.64x10',
    label: 'nn.functional.crossEntropy of 64x10 f32 logits: forward + backward',
    metric: 'us',
    samples: 51,
    inner: 20,
    warmup: 50,
    setup(torch) {
      const { nn } = torch;
      torch.manualSeed(0);
      const logits = new nn.Variable(torch.randn(64, 10), { requiresGrad: true });
      const target = torch.randint(10, [64]);
      return () => {
        logits.grad = null;
        nn.functional.crossEntropy(logits, target).backward();
      };
    },
  },
];
