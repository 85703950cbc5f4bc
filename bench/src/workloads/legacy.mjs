// The Torch7 legacy nn against the new nn on the Fashion-MNIST CNN: the same layers and the same kernels,
// so the legacy step should cost what the new one does (issue: within 1.1x), with no storage allocated
// once warmed up (the legacy modules write into their output/gradInput tensors and `_` scratch buffers
// again); both rows report what one warmed-up step allocates.

/** The CNN of the main job, as legacy modules. */
function legacyNet(torch) {
  const nn = torch.legacy.nn;
  return new nn.Sequential()
    .add(new nn.SpatialConvolution(1, 32, 3, 3, 1, 1, 1, 1)).add(new nn.ReLU()).add(new nn.SpatialMaxPooling(2, 2))
    .add(new nn.SpatialConvolution(32, 64, 3, 3, 1, 1, 1, 1)).add(new nn.ReLU()).add(new nn.SpatialMaxPooling(2, 2))
    .add(new nn.View(3136)).add(new nn.Linear(3136, 128)).add(new nn.ReLU()).add(new nn.Linear(128, 10)).add(new nn.LogSoftMax());
}

/** The same network as new nn modules (torch.nn has no Flatten module yet: the view is in forward). */
function moduleNet(torch) {
  const nn = torch.nn;
  class Net extends nn.Module {
    features = new nn.Sequential(
      new nn.Conv2d(1, 32, 3, { padding: 1 }), new nn.ReLU(), new nn.MaxPool2d(2),
      new nn.Conv2d(32, 64, 3, { padding: 1 }), new nn.ReLU(), new nn.MaxPool2d(2),
    );
    classifier = new nn.Sequential(new nn.Linear(3136, 128), new nn.ReLU(), new nn.Linear(128, 10));
    forward(x) {
      const h = this.features.forward(x);
      return this.classifier.forward(h.view(h.size(0), 3136));
    }
  }
  return new Net();
}

/** @type {import('./index.mjs').Workload[]} */
export default [
  {
    id: 'legacy.cnn_step.fmnist.b64',
    label: 'legacy nn CNN step (Fashion-MNIST net) f32 batch 64: forward + ClassNLL + backward',
    metric: 'ms',
    samples: 31,
    warmup: 20,
    countAllocations: true,
    setup(torch) {
      torch.manualSeed(0);
      const net = legacyNet(torch);
      const crit = new torch.legacy.nn.ClassNLLCriterion();
      const x = torch.randn(64, 1, 28, 28);
      const target = torch.randint(10, [64]);
      return () => {
        net.zeroGradParameters();
        crit.forward(net.forward(x), target);
        net.backward(x, crit.backward(net.output, target));
      };
    },
  },
  {
    id: 'nn.module_cnn_step.fmnist.b64',
    label: 'torch.nn CNN step (the same net as modules) f32 batch 64: forward + cross-entropy + backward',
    metric: 'ms',
    samples: 31,
    warmup: 20,
    countAllocations: true,
    setup(torch) {
      torch.manualSeed(0);
      const net = moduleNet(torch);
      const loss = new torch.nn.CrossEntropyLoss();
      const x = new torch.autograd.Variable(torch.randn(64, 1, 28, 28));
      const target = torch.randint(10, [64]);
      return () => {
        net.zeroGrad();
        loss.forward(net.forward(x), target).backward();
      };
    },
  },
];
