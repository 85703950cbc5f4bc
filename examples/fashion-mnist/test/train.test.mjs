// End-to-end: train.mjs on a tiny generated Fashion-MNIST (IDX files written with torch.utils.data.encodeIdx),
// then --eval on the saved model, the missing-data message and flag errors. Run: pnpm test (node --test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as torch from 'torch';

const script = fileURLToPath(new URL('../train.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'fashion-mnist-e2e-'));
const { encodeIdx } = torch.utils.data;

// 256 training and 64 test images: class k is a bright horizontal band at rows 2k..2k+7, so it is learnable.
function split(n, seed) {
  const labels = torch.randint(0, 10, [n], { dtype: torch.uint8, generator: new torch.Generator().manualSeed(seed) });
  const images = torch.randint(0, 60, [n, 28, 28], { dtype: torch.uint8, generator: new torch.Generator().manualSeed(seed + 1) });
  const ys = labels.toTypedArray();
  for (let i = 0; i < n; i++) images.get(i).narrow(0, 2 * ys[i], 8).fill_(250);
  return [images, labels];
}
for (const [prefix, n, seed] of [['train', 256, 1], ['t10k', 64, 3]]) {
  const [images, labels] = split(n, seed);
  writeFileSync(join(dir, `${prefix}-images-idx3-ubyte`), encodeIdx(images));
  writeFileSync(join(dir, `${prefix}-labels-idx1-ubyte`), encodeIdx(labels));
}

function run(args) {
  return spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', timeout: 300_000 });
}

test('trains, reports accuracy per epoch as JSON, saves, and --eval reloads the same accuracy', () => {
  const model = join(dir, 'model.bin');
  const r = run(['--data', dir, '--epochs', '2', '--batch-size', '32', '--threads', '1', '--json', '--model', model]);
  assert.equal(r.status, 0, r.stderr);
  const epochs = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(epochs.length, 2);
  assert.deepEqual(epochs.map((e) => e.steps), [8, 8]);
  for (const e of epochs) assert.ok(e.test_accuracy >= 0 && e.test_accuracy <= 1 && e.seconds > 0);
  assert.ok(epochs[1].test_accuracy > 0.5, `the bands should be learnt: ${r.stdout}`);
  assert.ok(existsSync(model));
  const ev = run(['--data', dir, '--eval', '--model', model]);
  assert.equal(ev.status, 0, ev.stderr);
  assert.match(ev.stdout, new RegExp(`test accuracy of .*: ${epochs[1].test_accuracy.toFixed(4)} \\(64 images\\)`));
});

test('the progress bar run prints the epoch summary, and --steps limits the epoch', () => {
  const r = run(['--data', dir, '--steps', '3', '--no-save', '--threads', '1']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /epoch 1: [\d.]+ s \(\d+ img\/s\), mean loss [\d.]+, test accuracy [\d.]+/);
});

test('missing data says how to get it', () => {
  const r = run(['--data', join(dir, 'nowhere')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /train-images-idx3-ubyte\(\.gz\) not found/);
  assert.match(r.stderr, /apt-get install dataset-fashion-mnist/);
  assert.match(r.stderr, /--download/);
});

test('bad flags and a missing model are reported', () => {
  assert.match(run(['--epochs', 'two']).stderr, /--epochs must be an integer ≥ 1, got two/);
  assert.match(run(['--bogus']).stderr, /Unknown option '--bogus'/);
  const r = run(['--data', dir, '--eval', '--model', join(dir, 'none.pt')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /cannot load .*none\.pt.*\nTrain and save a model first/);
});

test('--help lists the flags', () => {
  const out = execFileSync(process.execPath, [script, '--help'], { encoding: 'utf8' });
  for (const flag of ['--epochs', '--batch-size', '--lr', '--threads', '--data', '--eval']) assert.ok(out.includes(flag), flag);
});
