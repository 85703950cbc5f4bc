// The network, one training step and the evaluation of examples/fashion-mnist, shared by train.mjs and the
// bench (bench/src/workloads/fashion-mnist.mjs). reference.py is the same thing in PyTorch.
import * as torch from 'torch';

const { nn, optim, autograd } = torch;
/** The umbrella this module was built with (the bench reaches torch.utils.data through it). */
export { torch };
const { Variable } = autograd;

/**
 * conv(1→32, 3×3, pad 1) → ReLU → maxpool 2 → conv(32→64, 3×3, pad 1) → ReLU → maxpool 2 → flatten →
 * linear(3136→128) → ReLU → linear(128→10). Input float32 [N, 1, 28, 28] in [0, 1]; output logits [N, 10].
 */
export class Net extends nn.Module {
  conv1 = new nn.Conv2d(1, 32, 3, { padding: 1 });
  conv2 = new nn.Conv2d(32, 64, 3, { padding: 1 });
  pool = new nn.MaxPool2d(2);
  relu = new nn.ReLU();
  fc1 = new nn.Linear(64 * 7 * 7, 128);
  fc2 = new nn.Linear(128, 10);

  forward(x) {
    x = this.pool.forward(this.relu.forward(this.conv1.forward(x)));
    x = this.pool.forward(this.relu.forward(this.conv2.forward(x)));
    x = x.view(x.shape[0], -1);
    return this.fc2.forward(this.relu.forward(this.fc1.forward(x)));
  }
}

/**
 * A training step closure: cross-entropy on a batch, backward, SGD with momentum. Returns the batch loss.
 * @param {Net} net
 * @param {{ lr: number, momentum?: number }} options
 */
export function makeTrainer(net, { lr, momentum = 0.9 }) {
  const optimizer = new optim.SGD(net.parameters(), { lr, momentum });
  const criterion = new nn.CrossEntropyLoss();
  net.train();
  return (images, labels) => {
    optimizer.zeroGrad();
    const loss = criterion.forward(net.forward(new Variable(images)), new Variable(labels));
    loss.backward();
    optimizer.step();
    return loss.item();
  };
}

/** Accuracy of `net` on a dataset of [image, label] (through its batch fast path, 1000 at a time). */
export function evaluate(net, dataset) {
  const loader = new torch.utils.data.DataLoader(dataset, { batchSize: 1000 });
  let correct = 0;
  net.eval();
  torch.noGrad(() => {
    for (const [images, labels] of loader) {
      const logits = net.forward(new Variable(images));
      correct += Number(logits.data.argmax(1).eq(labels).sum().item());
    }
  });
  net.train();
  return correct / dataset.length;
}

/**
 * Saves the parameters: torch.saveSync (PyTorch's checkpoint format) when the build has it, else an .npz
 * of the state dict (numpy reads it; `--eval` reads either).
 */
export function saveModel(net, path) {
  const state = net.stateDict();
  if (typeof torch.saveSync === 'function') torch.saveSync(state, path);
  else torch.saveNpz(path, state);
}

/** A Net with the parameters saved by saveModel. */
export function loadModel(path) {
  const net = new Net();
  const loaded = typeof torch.loadSync === 'function' && !path.endsWith('.npz') ? torch.loadSync(path) : torch.loadNpz(path);
  net.loadStateDict(loaded instanceof Map ? Object.fromEntries(loaded) : loaded);
  return net;
}

/** Where saveModel writes by default: `.pt` with torch.save, `.npz` without. */
export const defaultModelPath = typeof torch.saveSync === 'function' ? 'fashion-mnist.pt' : 'fashion-mnist.npz';
