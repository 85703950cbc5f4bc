// nn layers: convolution (the 3->64 and 64->64 rows), batch norm (forward, forward + backward), max pooling, and the
// Fashion-MNIST style CNN training step. PyTorch's column (reference.py) is the faster of mkldnn on and off.

const conv64Flops = 2 * 32 * 64 * 56 * 56 * 64 * 9;

/** @type {import('./index.mjs').Workload[]} */
export default [
  {
    id: 'nn.conv2d_fwd.3-64.64x32x32',
    label: 'conv2d 3->64 3x3 pad 1 on 64x3x32x32 f32: forward',
    metric: 'ms',
    samples: 31,
    warmup: 5,
    setup(torch) {
      torch.manualSeed(0);
      const x = torch.randn(64, 3, 32, 32), w = torch.randn(64, 3, 3, 3), b = torch.randn(64);
      return () => torch.conv2d(x, w, b, { padding: 1 });
    },
  },
  {
    id: 'nn.conv2d_fwdbwd.3-64.64x32x32',
    label: 'conv2d 3->64 3x3 pad 1 on 64x3x32x32 f32: forward + backward (weight, bias)',
    metric: 'ms',
    samples: 31,
    warmup: 5,
    setup(torch) {
      const { Variable } = torch.autograd;
      torch.manualSeed(0);
      const x = new Variable(torch.randn(64, 3, 32, 32));
      const w = new Variable(torch.randn(64, 3, 3, 3), { requiresGrad: true }), b = new Variable(torch.randn(64), { requiresGrad: true });
      const g = torch.ones(64, 64, 32, 32);
      return () => {
        w.grad = null;
        b.grad = null;
        torch.autograd.conv2d(x, w, b, { padding: 1 }).backward(g);
      };
    },
  },
  {
    id: 'nn.conv2d_fwd.64-64.32x64x56x56',
    label: 'conv2d 64->64 3x3 pad 1 on 32x64x56x56 f32: forward',
    metric: 'gflops',
    flops: conv64Flops,
    samples: 7,
    warmup: 2,
    budgetS: 6,
    setup(torch) {
      torch.manualSeed(0);
      const x = torch.randn(32, 64, 56, 56), w = torch.randn(64, 64, 3, 3), b = torch.randn(64);
      return () => torch.conv2d(x, w, b, { padding: 1 });
    },
  },
  {
    id: 'nn.batchnorm2d_train.32x64x28x28',
    label: 'batchNorm 2d training forward on 32x64x28x28 f32 (running stats updated)',
    metric: 'ms',
    samples: 31,
    warmup: 5,
    setup(torch) {
      torch.manualSeed(0);
      const x = torch.randn(32, 64, 28, 28), rm = torch.zeros(64), rv = torch.ones(64), w = torch.ones(64), b = torch.zeros(64);
      return () => torch.batchNorm(x, rm, rv, w, b, true, 0.1, 1e-5);
    },
  },
  {
    id: 'nn.batchnorm2d_fwdbwd.32x64x28x28',
    label: 'batchNorm 2d training forward + backward (input, weight, bias) on 32x64x28x28 f32',
    metric: 'ms',
    samples: 31,
    warmup: 5,
    setup(torch) {
      const { Variable } = torch.autograd;
      torch.manualSeed(0);
      const x = new Variable(torch.randn(32, 64, 28, 28), { requiresGrad: true });
      const w = new Variable(torch.ones(64), { requiresGrad: true }), b = new Variable(torch.zeros(64), { requiresGrad: true });
      const rm = torch.zeros(64), rv = torch.ones(64), g = torch.randn(32, 64, 28, 28);
      return () => {
        x.grad = null;
        w.grad = null;
        b.grad = null;
        torch.autograd.batchNorm(x, rm, rv, w, b, true, 0.1, 1e-5).backward(g);
      };
    },
  },
  {
    id: 'nn.maxpool2d.64x32x32x32',
    label: 'maxPool2d 2x2 on 64x32x32x32 f32: forward',
    metric: 'ms',
    samples: 31,
    warmup: 5,
    setup(torch) {
      torch.manualSeed(0);
      const x = torch.randn(64, 32, 32, 32);
      return () => torch.maxPool2d(x, 2);
    },
  },
  {
    id: 'nn.cnn_step.fmnist.b64',
    label: 'CNN step (conv 1->32, pool, conv 32->64, pool, 3136-128-10) f32 batch 64: forward + backward',
    metric: 'ms',
    samples: 31,
    warmup: 20,
    setup(torch) {
      const { Variable } = torch.autograd;
      const ag = torch.autograd;
      torch.manualSeed(0);
      const x = new Variable(torch.randn(64, 1, 28, 28));
      const target = torch.randint(10, [64, 1]);
      const p = (t) => new Variable(t, { requiresGrad: true });
      const c1w = p(torch.randn(32, 1, 3, 3).mul(0.3)), c1b = p(torch.zeros(32));
      const c2w = p(torch.randn(64, 32, 3, 3).mul(0.05)), c2b = p(torch.zeros(64));
      const f1w = p(torch.randn(3136, 128).mul(0.02)), f1b = p(torch.zeros(128));
      const f2w = p(torch.randn(128, 10).mul(0.1)), f2b = p(torch.zeros(10));
      const params = [c1w, c1b, c2w, c2b, f1w, f1b, f2w, f2b];
      return () => {
        for (const q of params) q.grad = null;
        let h = ag.maxPool2d(ag.conv2d(x, c1w, c1b, { padding: 1 }).clamp(0, null), 2);
        h = ag.maxPool2d(ag.conv2d(h, c2w, c2b, { padding: 1 }).clamp(0, null), 2);
        h = h.view(64, 3136).mm(f1w).add(f1b).clamp(0, null);
        const loss = h.mm(f2w).add(f2b).logSoftmax(1).gather(1, target).mean().neg();
        loss.backward();
      };
    },
  },
];
