#!/usr/bin/env node
// Trains our network from PyTorch's starting point: the initial weights and the shuffling orders that
// `reference.py --export DIR` wrote for its seed. Same weights, same batches, same hyperparameters, so the
// only differences left are floating-point rounding; the accuracy then shows whether the two implementations
// train alike, free of the seed-to-seed spread (our generator's streams differ from PyTorch's, so the same
// --seed gives other initial weights).
//
//   /usr/bin/python3 reference.py --mkldnn on --export /tmp/xchk && node crosscheck.mjs /tmp/xchk
import { join } from 'node:path';
import * as torch from 'torch';
import { Net, makeTrainer, evaluate } from './model.mjs';

const dir = process.argv[2];
if (!dir || process.argv.length > 3) {
  console.error('usage: node crosscheck.mjs <dir written by reference.py --export>');
  process.exit(2);
}
const { data } = torch.utils;
const split = (train) => new data.FashionMNIST(undefined, { train, transform: data.transforms.toTensor() });
const [train, test] = [split(true), split(false)];

const net = new Net();
net.loadStateDict(Object.fromEntries(torch.loadSync(join(dir, 'init.pt'))));
const run = torch.loadSync(join(dir, 'orders.pt'));
const step = makeTrainer(net, { lr: run.lr, momentum: 0.9 });
for (const [epoch, order] of run.orders.entries()) {
  const loader = new data.DataLoader(train, { batchSize: run.batch_size, sampler: order.tolist() });
  const t0 = performance.now();
  let steps = 0, lossSum = 0;
  for (const [x, y] of loader) {
    lossSum += step(x, y);
    steps++;
  }
  const seconds = (performance.now() - t0) / 1000;
  console.log(JSON.stringify({ epoch: epoch + 1, steps, seconds: +seconds.toFixed(3), mean_loss: +(lossSum / steps).toFixed(4), test_accuracy: evaluate(net, test), seed: run.seed }));
}
