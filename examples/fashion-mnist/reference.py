#!/usr/bin/python3
"""PyTorch twin of examples/fashion-mnist: the same network, hyperparameters and data, on Debian's
PyTorch 1.13 (/usr/bin/python3, python3-torch). Prints one JSON line per epoch with the epoch's wall time
and the test accuracy, so the two sides can be compared on the same machine.

    /usr/bin/python3 examples/fashion-mnist/reference.py [--epochs 1] [--threads 2] [--mkldnn on|off|both]
        [--steps N] [--data /usr/share/datasets/fashion-mnist] [--seed 0] [--export DIR]

--steps limits an epoch to N batches (the bench table uses a slice); accuracy is then still measured on the
whole test set. Data loading is the same whole-tensor gather as ours: the IDX files are decoded once into
uint8 tensors, each batch is one index_select and a division by 255.
"""
import argparse
import gzip
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

DEFAULT_DATA = '/usr/share/datasets/fashion-mnist'


def read_idx(path):
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rb') as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], 'big') for i in range(ndim)]
    return torch.from_numpy(np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims).copy())


def find(root, stem):
    for name in (stem + '.gz', stem):
        for sub in ('', 'FashionMNIST/raw'):
            p = os.path.join(root, sub, name)
            if os.path.exists(p):
                return p
    sys.exit(f'reference.py: {stem}(.gz) not found under {root}')


def load(root, train):
    prefix = 'train' if train else 't10k'
    images = read_idx(find(root, f'{prefix}-images-idx3-ubyte'))
    labels = read_idx(find(root, f'{prefix}-labels-idx1-ubyte')).long()
    return images, labels


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.fc1 = nn.Linear(3136, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = x.flatten(1)
        return self.fc2(F.relu(self.fc1(x)))


def batch(images, idx):
    return images.index_select(0, idx).unsqueeze(1).float().div_(255)


def step(net, opt, x, y):
    opt.zero_grad()
    loss = F.cross_entropy(net(x), y)
    loss.backward()
    opt.step()
    return loss.item()


def evaluate(net, images, labels, bs=1000):
    net.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, images.shape[0], bs):
            idx = torch.arange(i, min(i + bs, images.shape[0]))
            out = net(batch(images, idx))
            correct += (out.argmax(1) == labels[idx]).sum().item()
    net.train()
    return correct / images.shape[0]


def run(args, mkldnn):
    torch.backends.mkldnn.enabled = mkldnn
    torch.manual_seed(args.seed)
    train_x, train_y = load(args.data, True)
    test_x, test_y = load(args.data, False)
    net = Net()
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9)
    g = torch.Generator().manual_seed(args.seed)
    n = train_x.shape[0]
    if args.export:
        # For crosscheck.mjs: this run's initial weights and every epoch's shuffling order.
        os.makedirs(args.export, exist_ok=True)
        torch.save(net.state_dict(), os.path.join(args.export, 'init.pt'))
        g_copy = torch.Generator().manual_seed(args.seed)
        orders = [torch.randperm(n, generator=g_copy) for _ in range(args.epochs)]
        torch.save({'orders': orders, 'lr': args.lr, 'batch_size': args.batch_size, 'seed': args.seed},
                   os.path.join(args.export, 'orders.pt'))
    for epoch in range(args.epochs):
        perm = torch.randperm(n, generator=g)
        steps = (n + args.batch_size - 1) // args.batch_size
        if args.steps:
            steps = min(steps, args.steps)
        t0 = time.perf_counter()
        total = 0.0
        for s in range(steps):
            idx = perm[s * args.batch_size:(s + 1) * args.batch_size]
            total += step(net, opt, batch(train_x, idx), train_y.index_select(0, idx))
        seconds = time.perf_counter() - t0
        acc = evaluate(net, test_x, test_y)
        print(json.dumps({'mkldnn': mkldnn, 'epoch': epoch + 1, 'steps': steps, 'seconds': round(seconds, 3),
                          'images_per_s': round(min(steps * args.batch_size, n) / seconds, 1),
                          'mean_loss': round(total / steps, 4), 'test_accuracy': acc,
                          'threads': torch.get_num_threads(), 'torch': torch.__version__}), flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('--epochs', type=int, default=1)
    p.add_argument('--batch-size', type=int, default=64)
    p.add_argument('--lr', type=float, default=0.05)
    p.add_argument('--threads', type=int, default=os.cpu_count())
    p.add_argument('--mkldnn', choices=['on', 'off', 'both'], default='both')
    p.add_argument('--steps', type=int, default=0)
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--data', default=os.environ.get('FASHION_MNIST_DIR', DEFAULT_DATA))
    p.add_argument('--export', metavar='DIR', help='also write the initial weights and shuffling orders there '
                   '(init.pt, orders.pt) for crosscheck.mjs')
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    for mkldnn in ([True, False] if args.mkldnn == 'both' else [args.mkldnn == 'on']):
        run(args, mkldnn)


if __name__ == '__main__':
    main()
