#!/usr/bin/python3
"""PyTorch reference for `pnpm bench` (bench/src/run.mjs).

Reads a JSON spec on stdin: {"threads": n, "workloads": [{"id", "samples", "inner", "warmup", "params"}]} and
runs each workload with exactly those repetitions, timing `inner` back-to-back calls per sample like the
Node runner does. Prints JSON on stdout: per-call times in seconds per workload, plus facts about PyTorch and,
when an mm workload is in the spec, numpy's mm run in a subprocess per OPENBLAS_CORETYPE setting (OpenBLAS
reads that variable once, when it is loaded).

Needs /usr/bin/python3 with python3-torch and python3-numpy (Debian). Each workload below must have the same
id and do the same work as its counterpart in bench/src/workloads/.
"""
import collections
import ctypes
import gc
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time


def openblas_coretype():
    """The kernel set of the OpenBLAS loaded in this process, or None."""
    try:
        with open('/proc/self/maps') as f:
            libs = sorted(set(re.findall(r'(/\S*openblas\S*\.so[\d.]*)', f.read())))
    except OSError:
        return None
    for lib in libs:
        try:
            fn = ctypes.CDLL(lib).openblas_get_corename
            fn.restype = ctypes.c_char_p
            return fn().decode()
        except (OSError, AttributeError):
            continue
    return None


def measure(fn, samples, inner=1, warmup=3):
    for _ in range(warmup * inner):
        fn()
    gc.collect()
    times = []
    clock = time.perf_counter
    for _ in range(samples):
        t0 = clock()
        for _ in range(inner):
            fn()
        times.append((clock() - t0) / inner)
    return times


# ---- workloads (ids shared with bench/src/workloads/*.mjs) ----------------------------------------------------

def workloads(torch):
    N7, N6 = 10_000_000, 1_000_000

    def autograd_chain(n):
        # 100 small adds recorded, then backward (the per-op autograd overhead).
        x = torch.randn(n, requires_grad=True)
        y = torch.randn(n)
        g = torch.ones(n)

        def run():
            h = x
            for _ in range(100):
                h = h.add(y)
            h.backward(g)
        return run

    def autograd_mlp():
        # The MLP step: Linear-ReLU-Linear, log-softmax + NLL, backward; grads set to None each step.
        F = torch.nn.functional
        torch.manual_seed(0)
        x = torch.randn(64, 784)
        target = torch.randint(10, (64,))
        W1 = (torch.randn(784, 256) * 0.05).requires_grad_()
        b1 = torch.zeros(256, requires_grad=True)
        W2 = (torch.randn(256, 10) * 0.05).requires_grad_()
        b2 = torch.zeros(10, requires_grad=True)
        params = [W1, b1, W2, b2]

        def run():
            for p in params:
                p.grad = None
            h = F.relu(x.mm(W1) + b1)
            logits = h.mm(W2) + b2
            loss = F.nll_loss(F.log_softmax(logits, 1), target)
            loss.backward()
        return run

    def optim_step(kind):
        # An optimizer step on the MLP's parameters with fixed gradients (bench/src/workloads/optim.mjs).
        torch.manual_seed(0)
        params = [(torch.randn(784, 256) * 0.05).requires_grad_(), torch.zeros(256, requires_grad=True),
                  (torch.randn(256, 10) * 0.05).requires_grad_(), torch.zeros(10, requires_grad=True)]
        for p in params:
            p.grad = torch.randn(p.shape) * 0.01
        if kind == 'sgd':
            opt = torch.optim.SGD(params, lr=0.01, momentum=0.9)
        else:
            opt = torch.optim.Adam(params, lr=1e-3)
        return opt.step

    def nn_mlp():
        # The same step with torch.nn modules (nn.mlp.784-256-10.b64).
        nn = torch.nn
        torch.manual_seed(0)
        x = torch.randn(64, 784)
        target = torch.randint(10, (64,))
        model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
        criterion = nn.CrossEntropyLoss()

        def run():
            model.zero_grad(set_to_none=True)
            criterion(model(x), target).backward()
        return run

    def optim_train_step():
        # The training step with plain tensors (bench/src/workloads/optim.mjs): zero_grad, forward,
        # NLL loss, backward, SGD momentum step.
        F = torch.nn.functional
        torch.manual_seed(0)
        W1, b1, W2, b2 = [(torch.randn(784, 256) * 0.05).requires_grad_(), torch.zeros(256, requires_grad=True),
                          (torch.randn(256, 10) * 0.05).requires_grad_(), torch.zeros(10, requires_grad=True)]
        x = torch.randn(64, 784)
        target = torch.randint(10, (64,))
        opt = torch.optim.SGD([W1, b1, W2, b2], lr=0.01, momentum=0.9)

        def run():
            opt.zero_grad()
            h = F.relu(x.mm(W1) + b1)
            loss = F.nll_loss(F.log_softmax(h.mm(W2) + b2, 1), target)
            loss.backward()
            opt.step()
        return run

    def overhead_add():
        a, b = torch.randn(100), torch.randn(100)
        return lambda: a.add(b)

    def add_out():
        x, y, out = torch.randn(N7), torch.randn(N7), torch.empty(N7)
        return lambda: torch.add(x, y, out=out)

    def add_alloc():
        x, y = torch.randn(N7), torch.randn(N7)
        return lambda: x.add(y)

    def mul():
        x, y = torch.randn(N6), torch.randn(N6)
        return lambda: x.mul(y)

    def mul_out():
        x, y, out = torch.randn(N6), torch.randn(N6), torch.empty(N6)
        return lambda: torch.mul(x, y, out=out)

    def exp():
        x = torch.randn(N6)
        return lambda: x.exp()

    def sigmoid():
        x = torch.randn(N6)
        return lambda: x.sigmoid()

    def erf():
        x = torch.randn(N6)
        return lambda: x.erf()

    def logical_and():
        a, b = torch.randn(N6).gt(0), torch.randn(N6).gt(0)
        return lambda: torch.logical_and(a, b)

    def add_transposed():
        x, y = torch.randn(1000, 1000), torch.randn(1000, 1000)
        return lambda: x.t().add(y)

    def add_broadcast():
        x, b = torch.randn(1000, 1000), torch.randn(1000)
        return lambda: x.add(b)

    def mm(params):
        n, dtype = params['n'], getattr(torch, params['dtype'])
        a, b = torch.randn(n, n, dtype=dtype), torch.randn(n, n, dtype=dtype)
        return lambda: torch.mm(a, b)

    def sort_1d():
        x = torch.randn(N6)
        return lambda: x.sort()

    def topk10():
        x = torch.randn(N6)
        return lambda: x.topk(10)

    def sort_dim1():
        x = torch.randn(1000, 1000)
        return lambda: x.sort(1)
    def join(kind):
        if kind in ('cat0', 'cat1'):
            xs = [torch.randn(1000, 1000) for _ in range(4)]
            return lambda: torch.cat(xs, 0 if kind == 'cat0' else 1)
        if kind == 'stack':
            xs = [torch.randn(100000) for _ in range(8)]
            return lambda: torch.stack(xs, 1)
        if kind == 'where':
            x, y = torch.randn(1000000), torch.randn(1000000)
            c = x.gt(0)
            return lambda: torch.where(c, x, y)
        if kind == 'histc':
            x = torch.randn(1000000)
            return lambda: x.histc(100)
        x = torch.randn(1000, 1000)
        return {
            'flip': lambda: x.flip(1),
            'roll': lambda: x.roll((3, 7), (0, 1)),
            'repeat': lambda: x.repeat(4, 4),
            'tril': lambda: x.tril(),
        }[kind]
    def reduce(kind):
        if kind in ('sum', 'mean'):
            x = torch.randn(N7)
            return (lambda: x.sum()) if kind == 'sum' else (lambda: x.mean())
        if kind == 'cumsum':
            x = torch.randn(N6)
            return lambda: x.cumsum(0)
        x = torch.randn(1000, 1000)
        return {
            'sum0': lambda: x.sum(0),
            'sum1': lambda: x.sum(1),
            'max0': lambda: x.max(0),
            'max1': lambda: x.max(1),
            'var1': lambda: x.var(1),
            'log_softmax1': lambda: x.log_softmax(1),
            'softmax0': lambda: x.softmax(0),
        }[kind]

    def rand():
        return lambda: torch.rand(N7)

    def indexing(kind):
        if kind == 'indexSelect':
            x, idx = torch.randn(100_000, 64), torch.randint(0, 100_000, (100_000,))
            return lambda: x.index_select(0, idx)
        if kind == 'maskedSelect':
            x = torch.randn(N6)
            m = x.gt(0)
            return lambda: x.masked_select(m)
        if kind == 'advanced':
            x, idx = torch.randn(N6), torch.randint(0, N6, (N6,))
            return lambda: x[idx]
        if kind == 'advanced2':
            x, i, j = torch.randn(1000, 1000), torch.randint(0, 1000, (N6,)), torch.randint(0, 1000, (N6,))
            return lambda: x[i, j]
        x, idx = torch.randn(1000, 1000), torch.randint(0, 1000, (1000, 1000))
        if kind == 'gather':
            return lambda: x.gather(1, idx)
        y = torch.zeros(1000, 1000)
        return lambda: y.scatter_add_(1, idx, x)

    def randn():
        return lambda: torch.randn(N7)

    def fashion_mnist_epoch():
        # The loader a PyTorch user writes over uint8 tensors; see bench/src/workloads/data.mjs.
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'examples', 'fashion-mnist'))
        import reference as fm
        images, labels = fm.load(os.environ.get('FASHION_MNIST_DIR', fm.DEFAULT_DATA), True)
        loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(images, labels), batch_size=64, shuffle=True,
                                             generator=torch.Generator().manual_seed(0))

        def run():
            n = 0
            for x, _ in loader:
                n += x.unsqueeze(1).float().div_(255).shape[0]
            assert n == 60000
        return run

    def fashion_mnist_train(steps):
        # examples/fashion-mnist/reference.py's network, data and step; mkldnn as this process has it (on: the
        # faster path here, 65 s vs 89 s an epoch when the issue was written). See bench/src/workloads/fashion-mnist.mjs.
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'examples', 'fashion-mnist'))
        import reference as fm
        images, labels = fm.load(os.environ.get('FASHION_MNIST_DIR', fm.DEFAULT_DATA), True)
        torch.manual_seed(0)
        net = fm.Net()
        opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9)
        g = torch.Generator().manual_seed(0)
        state = {'perm': torch.randperm(images.shape[0], generator=g), 'at': 0}

        def run():
            for _ in range(steps):
                if state['at'] + 64 > images.shape[0]:
                    state['perm'], state['at'] = torch.randperm(images.shape[0], generator=g), 0
                idx = state['perm'][state['at']:state['at'] + 64]
                state['at'] += 64
                fm.step(net, opt, fm.batch(images, idx), labels.index_select(0, idx))
        return run

    F = torch.nn.functional

    def conv_fwd(n, cin, cout, hw):
        x, w, b = torch.randn(n, cin, hw, hw), torch.randn(cout, cin, 3, 3), torch.randn(cout)
        return lambda: F.conv2d(x, w, b, padding=1)

    def conv_fwdbwd():
        x = torch.randn(64, 3, 32, 32)
        w, b = torch.randn(64, 3, 3, 3, requires_grad=True), torch.randn(64, requires_grad=True)
        g = torch.ones(64, 64, 32, 32)

        def run():
            w.grad = None
            b.grad = None
            F.conv2d(x, w, b, padding=1).backward(g)
        return run

    def batchnorm():
        x, rm, rv, w, b = torch.randn(32, 64, 28, 28), torch.zeros(64), torch.ones(64), torch.ones(64), torch.zeros(64)
        return lambda: F.batch_norm(x, rm, rv, w, b, True, 0.1, 1e-5)

    def batchnorm_fwdbwd():
        x = torch.randn(32, 64, 28, 28, requires_grad=True)
        w, b = torch.ones(64, requires_grad=True), torch.zeros(64, requires_grad=True)
        rm, rv, g = torch.zeros(64), torch.ones(64), torch.randn(32, 64, 28, 28)

        def run():
            x.grad = None
            w.grad = None
            b.grad = None
            F.batch_norm(x, rm, rv, w, b, True, 0.1, 1e-5).backward(g)
        return run

    def maxpool():
        x = torch.randn(64, 32, 32, 32)
        return lambda: F.max_pool2d(x, 2)

    def cnn_step():
        x = torch.randn(64, 1, 28, 28)
        target = torch.randint(10, (64,))

        def p(t):
            return t.requires_grad_(True)
        c1w, c1b = p(torch.randn(32, 1, 3, 3) * 0.3), p(torch.zeros(32))
        c2w, c2b = p(torch.randn(64, 32, 3, 3) * 0.05), p(torch.zeros(64))
        f1w, f1b = p(torch.randn(3136, 128) * 0.02), p(torch.zeros(128))
        f2w, f2b = p(torch.randn(128, 10) * 0.1), p(torch.zeros(10))
        params = [c1w, c1b, c2w, c2b, f1w, f1b, f2w, f2b]

        def run():
            for q in params:
                q.grad = None
            h = F.max_pool2d(F.relu(F.conv2d(x, c1w, c1b, padding=1)), 2)
            h = F.max_pool2d(F.relu(F.conv2d(h, c2w, c2b, padding=1)), 2)
            h = F.relu(h.view(64, 3136).mm(f1w) + f1b)
            F.nll_loss(F.log_softmax(h.mm(f2w) + f2b, 1), target).backward()
        return run

    def module_cnn_step():
        # bench/src/workloads/legacy.mjs: the same network built from torch.nn modules (also the legacy nn row's reference)
        torch.manual_seed(0)
        nn = torch.nn
        features = nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                                 nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
        classifier = nn.Sequential(nn.Linear(3136, 128), nn.ReLU(), nn.Linear(128, 10))
        loss = nn.CrossEntropyLoss()
        x = torch.randn(64, 1, 28, 28)
        target = torch.randint(10, (64,))

        def run():
            features.zero_grad(set_to_none=True)
            classifier.zero_grad(set_to_none=True)
            h = features(x)
            loss(classifier(h.view(h.size(0), 3136)), target).backward()
        return run

    def lstm(backward):
        # bench/src/workloads/nn-seq.mjs
        torch.manual_seed(0)
        m = torch.nn.LSTM(128, 256)
        x = torch.randn(35, 32, 128)
        if not backward:
            return lambda: m(x)

        def run():
            m.zero_grad(set_to_none=True)
            m(x)[0].sum().backward()
        return run

    def embedding(backward):
        torch.manual_seed(0)
        emb = torch.nn.Embedding(10000, 256)
        idx = torch.randint(10000, (32, 35))
        if not backward:
            return lambda: emb(idx)

        def run():
            emb.zero_grad(set_to_none=True)
            emb(idx).sum().backward()
        return run

    def cross_entropy(backward):
        torch.manual_seed(0)
        logits = torch.randn(64, 10, requires_grad=True)
        target = torch.randint(10, (64,))
        if not backward:
            return lambda: F.cross_entropy(logits, target)

        def run():
            logits.grad = None
            F.cross_entropy(logits, target).backward()
        return run

    def serialize(kind, p):
        import shutil
        import tempfile
        file = lambda name: os.path.join(tempfile.gettempdir(), 'torch-bench-serialize-py-%s.pt' % name)
        sd = collections.OrderedDict(('layer%d.weight' % i, torch.randn(1000, p['numel'] // 1000)) for i in range(p['tensors']))
        if kind == 'save':
            return lambda: torch.save(sd, file('save'))
        torch.save(sd, file(kind))
        if kind == 'load':
            return lambda: torch.load(file('load'))
        return lambda: shutil.copyfile(file('copy'), file('copy-dst'))

    return {
        'join.cat_dim0.4x1000x1000': lambda p: join('cat0'),
        'join.cat_dim1.4x1000x1000': lambda p: join('cat1'),
        'join.stack.8x1e5': lambda p: join('stack'),
        'join.flip.1000x1000': lambda p: join('flip'),
        'join.roll.1000x1000': lambda p: join('roll'),
        'join.repeat.1000x1000': lambda p: join('repeat'),
        'join.tril.1000x1000': lambda p: join('tril'),
        'join.where.1e6': lambda p: join('where'),
        'join.histc.1e6': lambda p: join('histc'),
        'overhead.add.100': lambda p: overhead_add(),
        'autograd.add_chain.100x100': lambda p: autograd_chain(100),
        'autograd.mlp.784-256-10.b64': lambda p: autograd_mlp(),
        'optim.sgd_momentum.mlp784-256-10': lambda p: optim_step('sgd'),
        'optim.adam.mlp784-256-10': lambda p: optim_step('adam'),
        'nn.mlp.784-256-10.b64': lambda p: nn_mlp(),
        'optim.train_step.mlp784-256-10.b64': lambda p: optim_train_step(),
        'elementwise.add_out.1e7': lambda p: add_out(),
        'elementwise.add_alloc.1e7': lambda p: add_alloc(),
        'elementwise.mul.1e6': lambda p: mul(),
        'elementwise.mul_out.1e6': lambda p: mul_out(),
        'elementwise.exp.1e6': lambda p: exp(),
        'elementwise.sigmoid.1e6': lambda p: sigmoid(),
        'elementwise.erf.1e6': lambda p: erf(),
        'elementwise.logical_and.1e6': lambda p: logical_and(),
        'elementwise.add_transposed.1000x1000': lambda p: add_transposed(),
        'elementwise.add_broadcast.1000x1000': lambda p: add_broadcast(),
        'mm.float32.1024': mm,
        'mm.float64.1024': mm,
        'sort.sort.1e6': lambda p: sort_1d(),
        'sort.topk10.1e6': lambda p: topk10(),
        'sort.sort_dim1.1000x1000': lambda p: sort_dim1(),
        'reduce.sum.1e7': lambda p: reduce('sum'),
        'reduce.sum_dim0.1000x1000': lambda p: reduce('sum0'),
        'reduce.sum_dim1.1000x1000': lambda p: reduce('sum1'),
        'reduce.max_dim0.1000x1000': lambda p: reduce('max0'),
        'reduce.max_dim1.1000x1000': lambda p: reduce('max1'),
        'reduce.mean.1e7': lambda p: reduce('mean'),
        'reduce.var_dim1.1000x1000': lambda p: reduce('var1'),
        'reduce.log_softmax_dim1.1000x1000': lambda p: reduce('log_softmax1'),
        'reduce.softmax_dim0.1000x1000': lambda p: reduce('softmax0'),
        'reduce.cumsum.1e6': lambda p: reduce('cumsum'),
        'index.indexSelect.1e5x64': lambda p: indexing('indexSelect'),
        'index.gather.1000x1000': lambda p: indexing('gather'),
        'index.scatterAdd.1000x1000': lambda p: indexing('scatterAdd'),
        'index.maskedSelect.1e6': lambda p: indexing('maskedSelect'),
        'index.advanced.1e6': lambda p: indexing('advanced'),
        'index.advanced2.1000x1000': lambda p: indexing('advanced2'),
        'random.rand.1e7': lambda p: rand(),
        'random.randn.1e7': lambda p: randn(),
        'data.fashion_mnist.epoch.b64': lambda p: fashion_mnist_epoch(),
        'train.fashion_mnist.cnn.200steps': lambda p: fashion_mnist_train(p['steps']),
        'nn.conv2d_fwd.3-64.64x32x32': lambda p: conv_fwd(64, 3, 64, 32),
        'nn.conv2d_fwdbwd.3-64.64x32x32': lambda p: conv_fwdbwd(),
        'nn.conv2d_fwd.64-64.32x64x56x56': lambda p: conv_fwd(32, 64, 64, 56),
        'nn.batchnorm2d_train.32x64x28x28': lambda p: batchnorm(),
        'nn.batchnorm2d_fwdbwd.32x64x28x28': lambda p: batchnorm_fwdbwd(),
        'nn.maxpool2d.64x32x32x32': lambda p: maxpool(),
        'nn.cnn_step.fmnist.b64': lambda p: cnn_step(),
        'nn.module_cnn_step.fmnist.b64': lambda p: module_cnn_step(),
        'legacy.cnn_step.fmnist.b64': lambda p: module_cnn_step(),  # PyTorch has no legacy nn: its modules
        'nn.lstm_fwd.128-256.s35b32': lambda p: lstm(False),
        'nn.lstm_fwdbwd.128-256.s35b32': lambda p: lstm(True),
        'nn.embedding_fwd.10000x256.32x35': lambda p: embedding(False),
        'nn.embedding_fwdbwd.10000x256.32x35': lambda p: embedding(True),
        'nn.cross_entropy_fwd.64x10': lambda p: cross_entropy(False),
        'nn.cross_entropy_fwdbwd.64x10': lambda p: cross_entropy(True),
        'serialize.save.100MB': lambda p: serialize('save', p),
        'serialize.load.100MB': lambda p: serialize('load', p),
        'serialize.copy.100MB': lambda p: serialize('copy', p),
    }


# ---- numpy mm, one subprocess per OPENBLAS_CORETYPE -------------------------------------------------------------

NUMPY_CORETYPES = [None, 'SKYLAKEX']


def numpy_mm_child(spec):
    """Runs in the subprocess: times numpy's matmul for each requested (dtype, n)."""
    import numpy as np
    rng = np.random.default_rng(0)
    out = {'version': np.__version__, 'openblas_coretype': None, 'results': {}}
    for job in spec['jobs']:
        n, dtype = job['n'], job['dtype']
        a = rng.standard_normal((n, n)).astype(dtype)
        b = rng.standard_normal((n, n)).astype(dtype)
        times = measure(lambda: a @ b, job['samples'], 1, job['warmup'])
        flops = 2 * n ** 3
        out['results'][f'{dtype}.{n}'] = {
            'times': times,
            'median': flops / statistics.median(times) / 1e9,
            'best': flops / min(times) / 1e9,
        }
    out['openblas_coretype'] = openblas_coretype()  # after numpy.linalg has surely loaded the BLAS
    return out


def numpy_mm(jobs, threads):
    runs = {}
    version = None
    for coretype in NUMPY_CORETYPES:
        env = dict(os.environ)
        env.pop('OPENBLAS_CORETYPE', None)
        if coretype:
            env['OPENBLAS_CORETYPE'] = coretype
        env['OPENBLAS_NUM_THREADS'] = env['OMP_NUM_THREADS'] = str(threads)
        key = coretype or 'unset'
        try:
            r = subprocess.run([sys.executable, __file__, '--numpy-mm'], input=json.dumps({'jobs': jobs}),
                               capture_output=True, text=True, env=env, timeout=120)
            if r.returncode != 0:
                runs[key] = {'error': (r.stderr.strip().splitlines() or ['exit %d' % r.returncode])[-1]}
                continue
            res = json.loads(r.stdout)
            version = res.pop('version')
            runs[key] = res
        except Exception as e:  # noqa: BLE001 - any failure only removes a reference column
            runs[key] = {'error': str(e)}
    return {'version': version, 'runs': runs}


def main():
    spec = json.load(sys.stdin)
    if '--numpy-mm' in sys.argv:
        json.dump(numpy_mm_child(spec), sys.stdout)
        return
    threads = int(spec.get('threads', os.cpu_count() or 1))
    wls = spec['workloads']

    # numpy first, in subprocesses, while this process has not loaded any BLAS yet.
    mm_jobs = [{'n': w['params']['n'], 'dtype': w['params']['dtype'], 'samples': w['samples'], 'warmup': w['warmup']}
               for w in wls if w['id'].startswith('mm.')]
    numpy_info = numpy_mm(mm_jobs, threads) if mm_jobs else None

    import torch
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    registry = workloads(torch)
    results = {}
    for w in wls:
        make = registry.get(w['id'])
        if make is None:
            results[w['id']] = {'error': 'no PyTorch counterpart in reference.py'}
            continue
        try:
            fn = make(w.get('params') or {})
            if w['id'].startswith('nn.'):
                # PyTorch's best path: timed with mkldnn on and off, the faster one reported.
                runs = {}
                for on in (True, False):
                    with torch.backends.mkldnn.flags(enabled=on):
                        runs['on' if on else 'off'] = measure(fn, w['samples'], w.get('inner', 1), w.get('warmup', 3))
                med = {k: sorted(v)[len(v) // 2] for k, v in runs.items()}
                fast = min(med, key=med.get)
                results[w['id']] = {'times': runs[fast], 'mkldnn_median_s': med}
                print(f"reference: {w['id']} mkldnn on {med['on'] * 1e3:.3f} ms, off {med['off'] * 1e3:.3f} ms", file=sys.stderr)
            else:
                results[w['id']] = {'times': measure(fn, w['samples'], w.get('inner', 1), w.get('warmup', 3))}
        except Exception as e:  # noqa: BLE001
            results[w['id']] = {'error': f'{type(e).__name__}: {e}'}
        print(f"reference: {w['id']} done", file=sys.stderr)

    blas = None
    m = re.search(r'BLAS_INFO=(\w+)', torch.__config__.show())
    if m:
        blas = m.group(1)
    json.dump({
        'python': platform.python_version(),
        'torch': {
            'version': torch.__version__,
            'threads': torch.get_num_threads(),
            'blas': blas,
            'openblas_coretype': openblas_coretype(),
            'omp_wait_policy': os.environ.get('OMP_WAIT_POLICY'),
            'capability': torch.backends.cpu.get_cpu_capability() if hasattr(torch.backends, 'cpu') and hasattr(torch.backends.cpu, 'get_cpu_capability') else None,
        },
        'numpy': numpy_info,
        'results': results,
    }, sys.stdout)


if __name__ == '__main__':
    main()
