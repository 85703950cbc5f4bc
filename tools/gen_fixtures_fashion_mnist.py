#!/usr/bin/python3
"""PyTorch's training trajectory for examples/fashion-mnist's network (test/trajectory.test.mjs).

    /usr/bin/python3 tools/gen_fixtures_fashion_mnist.py      # or: pnpm fixtures

Both sides build everything from formulas, so no random generator and no data files are shared:
  - parameter k (in state-dict order): w[i] = bound * (2 h / 65521 - 1) with h = (i * 2654435761 + k * 40503)
    % 65521 (exact integers), and PyTorch's default bound 1 / sqrt(fan_in) (float64, then rounded to float32);
  - image i (28x28 uint8): label i % 10 is a bright band at rows 2*label .. 2*label+7 (value 200 + noise % 56)
    over background noise: noise(i, r, c) = (i * 2654435761 + r * 40503 + c * 9973) % 251, scaled by 1/255;
  - batches are consecutive: step s takes images 64 s .. 64 s + 63.
The network, loss (cross-entropy, mean) and optimizer (SGD lr 0.05, momentum 0.9) are reference.py's. The
fixture holds the loss before each step and every parameter's sum and first elements after the last step.
"""
import json
import math
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'examples', 'fashion-mnist'))
import reference  # noqa: E402

OUT = os.path.join(HERE, '..', 'examples', 'fashion-mnist', 'test', 'fixtures', 'trajectory.json')
STEPS, BATCH = 28, 64


def images(n):
    i = torch.arange(n, dtype=torch.int64).view(n, 1, 1)
    r = torch.arange(28, dtype=torch.int64).view(1, 28, 1)
    c = torch.arange(28, dtype=torch.int64).view(1, 1, 28)
    noise = (i * 2654435761 + r * 40503 + c * 9973) % 251
    label = i % 10
    band = (r >= 2 * label) & (r < 2 * label + 8)
    pixels = torch.where(band, 200 + noise % 56, noise)
    return pixels.to(torch.uint8), torch.arange(n) % 10


def formula_weights(net):
    state = {}
    for k, (name, p) in enumerate(net.state_dict().items()):
        fan_in = p[0].numel() if p.dim() > 1 else net.state_dict()[name.replace('bias', 'weight')][0].numel()
        bound = 1 / math.sqrt(fan_in)
        h = (torch.arange(p.numel(), dtype=torch.int64) * 2654435761 + k * 40503) % 65521
        state[name] = (bound * (2 * h.double() / 65521 - 1)).float().view(p.shape)
    net.load_state_dict(state)


def main():
    torch.set_num_threads(1)
    net = reference.Net()
    formula_weights(net)
    opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9)
    x, y = images(STEPS * BATCH)
    losses = []
    for s in range(STEPS):
        idx = torch.arange(s * BATCH, (s + 1) * BATCH)
        losses.append(reference.step(net, opt, reference.batch(x, idx), y.index_select(0, idx)))
    params = {name: {'sum': float(p.double().sum()), 'first': [float(v) for v in p.reshape(-1)[:4]]}
              for name, p in net.state_dict().items()}
    with open(OUT, 'w') as f:
        json.dump({'generator': 'tools/gen_fixtures_fashion_mnist.py', 'torch': torch.__version__, 'steps': STEPS,
                   'batch': BATCH, 'losses': losses, 'params': params}, f, indent=1)
        f.write('\n')
    print(f'wrote {OUT}: losses {losses[0]:.4f} -> {losses[-1]:.4f}')


if __name__ == '__main__':
    main()
