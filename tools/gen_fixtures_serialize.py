#!/usr/bin/python3
"""Checkpoints written by real PyTorch's torch.save, and what they hold, for the torch.load tests.

    /usr/bin/python3 tools/gen_fixtures_serialize.py      # Debian's python3-torch (PyTorch 1.13)

Output: packages/core/test/fixtures/serialize/*.pt and serialize.json (the expected contents, in the
tensor encoding of tools/gen_fixtures.py plus "storage_offset", "stride" and which tensors share a
storage). Covers every dtype, shared views (transpose, narrow, select, flattened alias, a storage saved
twice), non-contiguous, expanded (stride 0), 0-d and empty tensors, nested containers, an optimizer
state dict, a trained MLP's state dict with its input and output, a checkpoint recorded on 'cuda:0',
the legacy (pre-1.6) format with shared views, and a pickle that names a forbidden global. Deterministic (fixed seeds; PyTorch
writes no zip timestamps) except legacy.pt, whose storage keys are Python object ids.
"""
import collections
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_fixtures as gf  # noqa: E402

OUT_DIR = os.path.join(gf.OUT_DIR, 'serialize')


def enc(t):
    """A tensor with its layout: values (row-major), offset and strides in its storage."""
    e = gf.enc_tensor(t)
    e['storage_offset'] = t.storage_offset()
    e['stride'] = list(t.stride())
    return e


def save(name, obj, **kw):
    torch.save(obj, os.path.join(OUT_DIR, name), **kw)


def dtype_values():
    out = collections.OrderedDict()
    for name in gf.ALL:
        dt = gf.DTYPES[name]
        if name == 'bool':
            t = torch.tensor([True, False, True, True])
        elif name in gf.FLOATS:
            t = torch.tensor([0.0, -0.0, 1.5, -2.25, float('inf'), float('-inf'), float('nan'), 65504.0], dtype=dt)
        elif name == 'int64':
            t = torch.tensor([0, -1, 2 ** 40 + 3, -(2 ** 53), 2 ** 62, -(2 ** 63)], dtype=dt)
        else:
            info = torch.iinfo(dt)
            t = torch.tensor([0, 1, info.max, info.min, 7], dtype=dt)
        out[name] = t.reshape(-1, 1) if name == 'float32' else t
    return out


def shared_views():
    base = torch.arange(24, dtype=torch.float32).reshape(4, 6)
    return {
        'base': base,
        'transposed': base.t(),
        'narrowed': base.narrow(1, 2, 3),
        'row': base[2],
        'flat': base.view(-1),
        'strided': base[:, ::2],
        'expanded': torch.tensor([1.0, 2.0, 3.0]).expand(4, 3),
        'scalar': torch.tensor(3.5, dtype=torch.float64),
        'empty': torch.zeros(0, 3, dtype=torch.int32),
        'other': torch.ones(2, dtype=torch.int16),
    }


def mlp():
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 3))
    opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
    x = torch.randn(16, 4)
    target = torch.randn(16, 3)
    for _ in range(5):
        opt.zero_grad()
        torch.nn.functional.mse_loss(net(x), target).backward()
        opt.step()
    probe = torch.randn(5, 4)
    with torch.no_grad():
        y = net(probe)
    return net, opt, probe, y


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    expected = {}

    d = dtype_values()
    save('dtypes.pt', d)
    expected['dtypes'] = {k: enc(v) for k, v in d.items()}

    s = shared_views()
    save('shared.pt', [s, s['base'].storage(), s['base'].storage()])
    expected['shared'] = {k: enc(v) for k, v in s.items()}

    net, opt, probe, y = mlp()
    save('mlp.pt', net.state_dict())
    save('optimizer.pt', opt.state_dict())
    expected['mlp'] = {'state_dict': {k: enc(v) for k, v in net.state_dict().items()}, 'input': enc(probe), 'output': enc(y)}
    expected['optimizer'] = {'momentum_buffers': [enc(opt.state_dict()['state'][i]['momentum_buffer']) for i in range(4)]}

    nested = {'list': [1, 'two', (3, None), [True, False]], 'tuple': (torch.ones(2, dtype=torch.int8),), 'float': 0.25,
              'big': 2 ** 40, 'neg': -(2 ** 70), 'intkeys': {1: 'a', 2: 'b'}, 'param': torch.nn.Parameter(torch.full((2,), 2.0))}
    save('nested.pt', nested)

    # A checkpoint whose storages are recorded on 'cuda:0', as one written from CUDA tensors is (no GPU needed).
    torch.serialization.register_package(-100, lambda obj: 'cuda:0', lambda obj, location: None)
    save('cuda.pt', {'w': torch.arange(3, dtype=torch.float32)})
    torch.serialization._package_registry.pop(0)

    x = torch.arange(6, dtype=torch.int64).reshape(2, 3)
    save('legacy.pt', {'w': torch.ones(2), 'x': x, 'xt': x.t(), 'h': torch.tensor([0.5, -2.0], dtype=torch.float16)},
         _use_new_zipfile_serialization=False)
    save('evil.pt', {'payload': Evil()})

    gf.write('serialize/serialize.json', expected, generator='tools/gen_fixtures_serialize.py')


class Evil:
    """Pickles as a call of os.system: loading must refuse it, naming the global."""

    def __reduce__(self):
        return (os.system, ('echo this must never run',))


if __name__ == '__main__':
    main()
