#!/usr/bin/env node
// Trains a small convolutional network on Fashion-MNIST (see README.md), or with --eval reports the test
// accuracy of a saved model. `node train.mjs --help` lists the flags.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import * as torch from 'torch';
import { Net, makeTrainer, evaluate, saveModel, loadModel, defaultModelPath } from './model.mjs';

const { data } = torch.utils;

const USAGE = `usage: node train.mjs [options]        (pnpm start -- [options] from this folder)
  --epochs <n>        epochs to train (default 1)
  --batch-size <n>    images per step (default 64)
  --lr <x>            SGD learning rate (default 0.05; momentum 0.9)
  --threads <n>       threads for the kernels (default: the machine's cores, ${os.availableParallelism()})
  --data <dir>        Fashion-MNIST directory (default: Debian's ${data.FashionMNIST.debianDir} when
                      dataset-fashion-mnist is installed, else ${data.MNIST.defaultRoot()})
  --download          fetch missing files into --data (md5-checked) before training
  --steps <n>         stop each epoch after n steps (a quick run; accuracy is still on the whole test set)
  --seed <n>          seed of the initial weights and the shuffling (default 0)
  --model <file>      where to save the trained model, or what --eval loads (default ${defaultModelPath})
  --no-save           do not save the model
  --eval              load --model and report its test accuracy instead of training
  --json              print one JSON line per epoch (for scripts) instead of the progress bar
  -h, --help          this text
Ctrl-C stops after the current step (twice: at once).`;

function fail(message) {
  console.error(`fashion-mnist: ${message}`);
  process.exit(2);
}

function options() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        epochs: { type: 'string', default: '1' },
        'batch-size': { type: 'string', default: '64' },
        lr: { type: 'string', default: '0.05' },
        threads: { type: 'string', default: String(os.availableParallelism()) },
        data: { type: 'string' },
        download: { type: 'boolean', default: false },
        steps: { type: 'string', default: '0' },
        seed: { type: 'string', default: '0' },
        model: { type: 'string', default: defaultModelPath },
        'no-save': { type: 'boolean', default: false },
        eval: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (e) {
    fail(`${e.message}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const int = (name, min) => {
    const v = Number(values[name]);
    if (!Number.isSafeInteger(v) || v < min) fail(`--${name} must be an integer ≥ ${min}, got ${values[name]}`);
    return v;
  };
  const lr = Number(values.lr);
  if (!(lr > 0)) fail(`--lr must be a positive number, got ${values.lr}`);
  return {
    epochs: int('epochs', 1), batchSize: int('batch-size', 1), lr, threads: int('threads', 1), steps: int('steps', 0),
    seed: int('seed', 0), root: values.data, download: values.download, model: values.model, save: !values['no-save'],
    eval: values.eval, json: values.json,
  };
}

/** The split, or an exit with the reader's message, which says how to get the files. */
async function dataset(o, train) {
  const opts = { train, transform: data.transforms.toTensor() };
  try {
    if (o.download) return await data.FashionMNIST.create(o.root ?? data.MNIST.defaultRoot(), { ...opts, download: true });
    return new data.FashionMNIST(o.root, opts);
  } catch (e) {
    if (e instanceof data.DatasetNotFoundError) {
      fail(`${e.message}\nOr run again with --download${o.root ? '' : ` (files go to ${data.MNIST.defaultRoot()}/FashionMNIST/raw)`}.`);
    }
    throw e;
  }
}

async function main() {
  const o = options();
  torch.setNumThreads(o.threads);
  if (o.eval) {
    const test = await dataset(o, false);
    let net;
    try {
      net = loadModel(o.model);
    } catch (e) {
      fail(`cannot load ${o.model}: ${e.message}\nTrain and save a model first: node train.mjs`);
    }
    console.log(`test accuracy of ${o.model}: ${evaluate(net, test).toFixed(4)} (${test.length} images)`);
    return;
  }

  const train = await dataset(o, true);
  const test = await dataset(o, false);
  torch.manualSeed(o.seed);
  const net = new Net();
  const step = makeTrainer(net, { lr: o.lr, momentum: 0.9 });
  const loader = new data.DataLoader(train, { batchSize: o.batchSize, shuffle: true, generator: new torch.Generator().manualSeed(o.seed) });
  const steps = o.steps > 0 ? Math.min(o.steps, loader.length) : loader.length;

  // Ctrl-C: finish the current step, then stop (the for-await loop lets the handler run between steps).
  let stop = false;
  process.on('SIGINT', () => {
    if (stop) process.exit(130);
    stop = true;
  });

  if (!o.json) console.log(`Fashion-MNIST: ${train.length} training and ${test.length} test images; ${o.threads} threads; batch ${o.batchSize}, lr ${o.lr}, momentum 0.9`);
  for (let epoch = 1; epoch <= o.epochs && !stop; epoch++) {
    const bar = o.json
      ? null
      : new SingleBar({
          format: `epoch ${epoch}/${o.epochs} [{bar}] {value}/{total} | loss {loss} | {ips} img/s | ETA {eta_formatted}`,
          barsize: 30,
          noTTYOutput: true,
          notTTYSchedule: 10000,
          etaBuffer: 50,
        });
    bar?.start(steps, 0, { loss: '-', ips: '-' });
    const t0 = performance.now();
    let done = 0, images = 0, lossSum = 0, recent = 0;
    for await (const [x, y] of loader) {
      const loss = step(x, y);
      done++;
      images += x.shape[0];
      lossSum += loss;
      recent = done === 1 ? loss : 0.95 * recent + 0.05 * loss;
      if (bar && (done % 10 === 0 || done === steps)) bar.update(done, { loss: recent.toFixed(4), ips: Math.round(images / ((performance.now() - t0) / 1000)) });
      if (done >= steps || stop) break;
    }
    const seconds = (performance.now() - t0) / 1000;
    bar?.stop();
    if (stop) {
      console.log(`stopped by Ctrl-C after ${done} of ${steps} steps of epoch ${epoch} (${seconds.toFixed(1)} s); the model was not saved`);
      process.exitCode = 130;
      return;
    }
    const accuracy = evaluate(net, test);
    const result = { epoch, steps: done, seconds: +seconds.toFixed(3), images_per_s: Math.round(images / seconds), mean_loss: +(lossSum / done).toFixed(4), test_accuracy: accuracy, threads: o.threads };
    if (o.json) console.log(JSON.stringify(result));
    else console.log(`epoch ${epoch}: ${seconds.toFixed(1)} s (${result.images_per_s} img/s), mean loss ${result.mean_loss}, test accuracy ${accuracy.toFixed(4)}`);
  }
  if (o.save) {
    saveModel(net, o.model);
    if (!o.json) console.log(`saved the model to ${o.model} (check it: node train.mjs --eval --model ${o.model})`);
  }
}

await main();
