// The whole training step (conv, max-pool, linear, cross-entropy, backward, SGD with momentum) against real
// PyTorch: 28 steps of the example's network from formula-made weights on formula-made images, compared loss
// by loss with PyTorch 1.13's (test/fixtures/trajectory.json, from tools/gen_fixtures_fashion_mnist.py, which
// documents the formulas). A wrong gradient anywhere in the network shows up within a few steps. The run
// stops at 28 steps: the loss spikes at step 30, and from there rounding differences grow chaotically.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Net, makeTrainer, torch } from '../model.mjs';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/trajectory.json', import.meta.url), 'utf8'));

/** The generator's images(n): label i % 10 is a bright band over integer-hash noise, as uint8. */
function images(n) {
  const pixels = new Uint8Array(n * 28 * 28);
  for (let i = 0; i < n; i++) {
    const label = i % 10;
    for (let r = 0; r < 28; r++) {
      for (let c = 0; c < 28; c++) {
        const noise = (i * 2654435761 + r * 40503 + c * 9973) % 251;
        pixels[(i * 28 + r) * 28 + c] = r >= 2 * label && r < 2 * label + 8 ? 200 + (noise % 56) : noise;
      }
    }
  }
  const labels = torch.arange(n).remainder(10);
  return [torch.tensor(pixels).view(n, 1, 28, 28), labels];
}

/** The generator's formula_weights: w[i] = bound * (2 h / 65521 - 1), bound = 1 / sqrt(fan_in). */
function formulaWeights(net) {
  const state = net.stateDict();
  const names = Object.keys(state);
  const loaded = {};
  names.forEach((name, k) => {
    const p = state[name];
    const weight = name.endsWith('bias') ? state[name.replace(/bias$/, 'weight')] : p;
    const bound = 1 / Math.sqrt(weight.numel() / weight.shape[0]);
    const values = new Float64Array(p.numel());
    for (let i = 0; i < values.length; i++) values[i] = bound * ((2 * ((i * 2654435761 + k * 40503) % 65521)) / 65521 - 1);
    loaded[name] = torch.tensor(values).float().view(p.shape);
  });
  net.loadStateDict(loaded);
}

test('28 SGD-momentum steps follow PyTorch 1.13 loss by loss', () => {
  torch.setNumThreads(1);
  const net = new Net();
  formulaWeights(net);
  const step = makeTrainer(net, { lr: 0.05, momentum: 0.9 });
  const [pixels, labels] = images(fixture.steps * fixture.batch);
  const losses = [];
  for (let s = 0; s < fixture.steps; s++) {
    const x = pixels.narrow(0, s * fixture.batch, fixture.batch).float().div(255);
    losses.push(step(x, labels.narrow(0, s * fixture.batch, fixture.batch)));
  }
  for (let s = 0; s < fixture.steps; s++) {
    assert.ok(Math.abs(losses[s] - fixture.losses[s]) <= 1e-4 * Math.max(1, fixture.losses[s]),
      `step ${s}: loss ${losses[s]} vs PyTorch ${fixture.losses[s]}\nours    ${losses.map((l) => l.toFixed(4)).join(' ')}\nPyTorch ${fixture.losses.map((l) => l.toFixed(4)).join(' ')}`);
  }
  const state = net.stateDict();
  for (const [name, { sum, first }] of Object.entries(fixture.params)) {
    const p = state[name].data ?? state[name];
    const ours = p.double().sum().item();
    assert.ok(Math.abs(ours - sum) <= 1e-4 * Math.max(1, Math.abs(sum)), `${name}: sum ${ours} vs PyTorch ${sum}`);
    p.flatten().narrow(0, 0, first.length).tolist().forEach((v, i) => assert.ok(Math.abs(v - first[i]) <= 1e-5, `${name}[${i}]: ${v} vs ${first[i]}`));
  }
});
