#!/usr/bin/python3
"""Reference values from real PyTorch for sorting and selection (packages/core/test/sort.test.ts).

    /usr/bin/python3 tools/gen_fixtures_sort.py      # or: pnpm fixtures

Writes packages/core/test/fixtures/sort.json (deterministic). Encoding as tools/gen_fixtures.py; a case is
  {"op", "tag", "input", "args" (the JS options: dim, descending, stable, k, largest, keepdim,
   returnInverse, returnCounts), "expected", "exact_indices", "emulated"?}
with expected {"values", "indices"} (sort/topk/kthvalue/median/mode), {"tensor"} (argsort, median of all
elements), {"values", "inverse", "counts"} (unique) or {"error": "<PyTorch's message>"}.

exact_indices is true where PyTorch's indices are defined (stable sort, unique); elsewhere (unstable sort,
topk, kthvalue, median, mode) PyTorch picks any of several equal elements, so the test checks that the
indices point at the returned values instead. float16 and bool ops that PyTorch 1.13 has no CPU kernel for
(topk, kthvalue, median, unique of float16; topk, kthvalue, median of bool) are computed on float32 / uint8
and converted back ("emulated": true); the order is the same, so values and indices are exact.
"""
import os
import random
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_fixtures as gf  # noqa: E402

ALL = gf.ALL
NAN, INF = float('nan'), float('inf')
FLOAT_POOL = [NAN, INF, -INF, -0.0, 0.0, 1.5, -2.5, 3.25, 0.5, -1.0, 2.0, 0.125, -7.5, 100.0, 1.5, -2.5]
INT_POOLS = {
    'int64': [0, 1, -1, 7, 2 ** 31 + 5, -(2 ** 31) - 7, 2 ** 40, -(2 ** 40), 2 ** 53 + 1, -(2 ** 53) - 3, 2 ** 62, -(2 ** 62),
              2 ** 63 - 1, -(2 ** 63), 7, 1],
    'int32': [0, 1, -1, 7, 2 ** 31 - 1, -(2 ** 31), 65536, -65537, 300, -300, 7, 1],
    'int16': [0, 1, -1, 7, 32767, -32768, 300, -300, 255, -256, 7, 1],
    'int8': [0, 1, -1, 7, 127, -128, 64, -65, 7, 1],
    'uint8': [0, 1, 7, 255, 128, 127, 64, 7, 1],
    'bool': [False, True],
}


def pool_values(r, dtype, n, pool=None):
    p = pool or (FLOAT_POOL if dtype in gf.FLOATS else INT_POOLS[dtype])
    if dtype == 'float16':
        p = [v for v in p if v != 100.0] + [1024.0, -0.0009765625]
    return [r.choice(p) for _ in range(n)]


def finite_pool(dtype):
    return [v for v in FLOAT_POOL if v == v and abs(v) != INF] if dtype in gf.FLOATS else None


def layouts(r, dtype):
    """(tag, Input, natural dims) for the layouts every op is checked on."""
    v = lambda n, pool=None: pool_values(r, dtype, n, pool)  # noqa: E731
    return [
        ('contiguous', gf.Input(dtype, [4, 6], v(24))),
        ('transposed', gf.Input(dtype, [6, 4], v(24), [['t']])),
        ('strided', gf.Input(dtype, [4, 12], v(48), [['get', ':', '::2']])),
        ('expanded', gf.Input(dtype, [1, 6], v(6), [['expand', [4, 6]]])),
        ('3d', gf.Input(dtype, [2, 3, 5], v(30))),
        ('finite', gf.Input(dtype, [3, 7], v(21, finite_pool(dtype)))),
    ]


def enc_opt(t):
    return gf.enc_tensor(t)


def emulation(dtype):
    """(widen, narrow) for dtypes whose op has no CPU kernel in PyTorch 1.13."""
    if dtype == 'float16':
        return (lambda x: x.float()), (lambda y: y.half())
    if dtype == 'bool':
        return (lambda x: x.to(torch.uint8)), (lambda y: y.bool())
    return None


def call(fn, x, dtype, pair=True):
    """Runs fn(x); on a kernel gap, fn on the widened input with values narrowed back."""
    try:
        r = fn(x)
        emulated = False
    except Exception as e:  # noqa: BLE001
        msg = str(e).split('\n')[0]
        em = emulation(dtype)
        if 'not implemented for' not in msg or em is None:
            return {'error': msg}, False
        widen, narrow = em
        r = fn(widen(x))
        if pair:
            r = (narrow(r[0]), r[1])
        elif isinstance(r, tuple):
            r = (narrow(r[0]),) + tuple(r[1:])
        else:
            r = narrow(r)
        emulated = True
    if pair:
        return {'values': enc_opt(r[0]), 'indices': enc_opt(r[1])}, emulated
    if isinstance(r, tuple):
        out = {'values': enc_opt(r[0])}
        if len(r) == 3:
            out['inverse'], out['counts'] = enc_opt(r[1]), enc_opt(r[2])
        return out, emulated
    return {'tensor': enc_opt(r)}, emulated


def has_nan(inp):
    x = inp.make()
    return bool(x.is_floating_point() and torch.isnan(x).any())


def case(op, tag, inp, args, fn, dtype, exact, pair=True):
    x = inp.make()
    if op == 'median' and tag == 'expanded':
        # PyTorch 1.13's median along a dim reads garbage from expanded (stride-0) inputs; the
        # reference is the median of the same values laid out contiguously.
        x = x.contiguous()
    expected, emulated = call(fn, x, dtype, pair)
    c = {'op': op, 'tag': tag, 'input': inp.enc(), 'args': args, 'expected': expected, 'exact_indices': exact}
    if emulated:
        c['emulated'] = True
    return c


def op_cases():
    r = random.Random(3)
    cases = []
    for dtype in ALL:
        lays = layouts(r, dtype)
        for tag, inp in lays:
            nd = len(inp.make().shape)
            last = inp.make().shape[-1]
            # sort: both directions, stable and not, last and first dim
            for dim, desc, stable in [(-1, False, True), (0, True, True), (-1, True, False), (0, False, False)]:
                cases.append(case('sort', tag, inp, {'dim': dim, 'descending': desc, 'stable': stable},
                                  lambda x, d=dim, ds=desc, s=stable: torch.sort(x, dim=d, descending=ds, stable=s), dtype, stable))
            if nd == 3:
                cases.append(case('sort', tag, inp, {'dim': 1, 'stable': True}, lambda x: torch.sort(x, dim=1, stable=True), dtype, True))
            cases.append(case('argsort', tag, inp, {'dim': -1, 'descending': True, 'stable': True},
                              lambda x: torch.argsort(x, dim=-1, descending=True, stable=True), dtype, True, pair=False))
            for k, dim, largest in [(2, -1, True), (3, 0, False), (0, -1, True), (last, -1, False)]:
                cases.append(case('topk', tag, inp, {'k': k, 'dim': dim, 'largest': largest},
                                  lambda x, k=k, d=dim, lg=largest: torch.topk(x, k, dim=d, largest=lg), dtype, False))
            for k, dim, keep in [(1, -1, False), (last, -1, False), (2, 0, True)]:
                cases.append(case('kthvalue', tag, inp, {'k': k, 'dim': dim, 'keepdim': keep},
                                  lambda x, k=k, d=dim, kp=keep: torch.kthvalue(x, k, dim=d, keepdim=kp), dtype, False))
            for dim, keep in [(-1, False), (0, True)]:
                cases.append(case('median', tag, inp, {'dim': dim, 'keepdim': keep},
                                  lambda x, d=dim, kp=keep: torch.median(x, dim=d, keepdim=kp), dtype, False))
                if not has_nan(inp):  # PyTorch 1.13's mode is undefined with NaN (std::sort with a NaN-unaware <)
                    cases.append(case('mode', tag, inp, {'dim': dim, 'keepdim': keep},
                                      lambda x, d=dim, kp=keep: torch.mode(x, dim=d, keepdim=kp), dtype, False))
            cases.append(case('median_all', tag, inp, {}, lambda x: torch.median(x), dtype, True, pair=False))
            # PyTorch 1.13's unique miscounts NaN (counts 0, wrong inverse): NaN-free inputs only (see docs/sort.md).
            if tag in ('contiguous', 'transposed', 'expanded', 'finite') and not has_nan(inp):
                cases.append(case('unique', tag, inp, {'returnInverse': True, 'returnCounts': True},
                                  lambda x: torch.unique(x, sorted=True, return_inverse=True, return_counts=True), dtype, True, pair=False))
                for dim in (0, -1):
                    cases.append(case('unique', tag, inp, {'dim': dim, 'returnInverse': True, 'returnCounts': True},
                                      lambda x, d=dim: torch.unique(x, dim=d, return_inverse=True, return_counts=True), dtype, True, pair=False))
        # unique along a dim with repeated slices (rows 0 and 2, columns 1 and 2 of the rows' transpose)
        dup = gf.Input(dtype, [4, 3], [1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 0] if dtype == 'bool' else [2, 5, 5, -1, 3, 3, 2, 5, 5, -1, 3, 1])
        for dim in (0, 1):
            cases.append(case('unique', 'repeated slices', dup, {'dim': dim, 'returnInverse': True, 'returnCounts': True},
                              lambda x, d=dim: torch.unique(x, dim=d, return_inverse=True, return_counts=True), dtype, True, pair=False))
        cases.append(case('unique', 'repeated slices', dup, {'dim': 0}, lambda x: torch.unique(x, dim=0), dtype, True, pair=False))
        # Long rows: the radix path (rows of >= 256 / 512 elements), with many duplicates.
        long_in = gf.Input(dtype, [520], pool_values(r, dtype, 520))
        for desc in (False, True):
            cases.append(case('sort', 'long', long_in, {'descending': desc, 'stable': True},
                              lambda x, ds=desc: torch.sort(x, descending=ds, stable=True), dtype, True))
        cases.append(case('topk', 'long', long_in, {'k': 5}, lambda x: torch.topk(x, 5), dtype, False))
        cases.append(case('topk', 'long', long_in, {'k': 200, 'largest': False}, lambda x: torch.topk(x, 200, largest=False), dtype, False))
        cases.append(case('kthvalue', 'long', long_in, {'k': 100}, lambda x: torch.kthvalue(x, 100), dtype, False))
        long_finite = gf.Input(dtype, [520], pool_values(r, dtype, 520, finite_pool(dtype)))
        cases.append(case('mode', 'long', long_finite, {}, lambda x: torch.mode(x), dtype, False))
        # 0-dim and empty
        zero = gf.Input(dtype, [], pool_values(r, dtype, 1, finite_pool(dtype)))
        cases.append(case('sort', '0-dim', zero, {}, lambda x: torch.sort(x), dtype, True))
        cases.append(case('sort', '0-dim', zero, {'dim': -1, 'descending': True}, lambda x: torch.sort(x, dim=-1, descending=True), dtype, True))
        cases.append(case('topk', '0-dim', zero, {'k': 1}, lambda x: torch.topk(x, 1), dtype, True))
        cases.append(case('kthvalue', '0-dim', zero, {'k': 1}, lambda x: torch.kthvalue(x, 1), dtype, True))
        cases.append(case('median', '0-dim', zero, {'dim': 0}, lambda x: torch.median(x, 0), dtype, True))
        cases.append(case('median_all', '0-dim', zero, {}, lambda x: torch.median(x), dtype, True, pair=False))
        cases.append(case('mode', '0-dim', zero, {}, lambda x: torch.mode(x), dtype, True))
        cases.append(case('unique', '0-dim', zero, {'returnInverse': True, 'returnCounts': True},
                          lambda x: torch.unique(x, return_inverse=True, return_counts=True), dtype, True, pair=False))
        e04 = gf.Input(dtype, [0, 4], [])
        e40 = gf.Input(dtype, [4, 0], [])
        cases.append(case('sort', 'empty', e04, {'dim': 0}, lambda x: torch.sort(x, dim=0), dtype, True))
        cases.append(case('sort', 'empty', e40, {'dim': -1}, lambda x: torch.sort(x, dim=-1), dtype, True))
        cases.append(case('topk', 'empty', e40, {'k': 0}, lambda x: torch.topk(x, 0), dtype, True))
        cases.append(case('topk', 'empty', e04, {'k': 2, 'dim': 1}, lambda x: torch.topk(x, 2, dim=1), dtype, True))
        cases.append(case('kthvalue', 'empty', e04, {'k': 1, 'dim': 1}, lambda x: torch.kthvalue(x, 1, dim=1), dtype, True))
        cases.append(case('median', 'empty', e04, {'dim': 1}, lambda x: torch.median(x, 1), dtype, True))
        cases.append(case('mode', 'empty', e04, {'dim': 1, 'keepdim': True}, lambda x: torch.mode(x, 1, keepdim=True), dtype, True))
        cases.append(case('unique', 'empty', e04, {'returnInverse': True, 'returnCounts': True},
                          lambda x: torch.unique(x, return_inverse=True, return_counts=True), dtype, True, pair=False))
    # median of all elements of an empty float tensor is NaN
    cases.append(case('median_all', 'empty', gf.Input('float32', [0, 3], []), {}, lambda x: torch.median(x), 'float32', True, pair=False))
    return cases


def error_cases():
    cases = []
    x = gf.Input('float32', [3, 4], [float(i % 5) for i in range(12)])
    specs = [
        ('sort', {'dim': 2}, lambda t: torch.sort(t, dim=2)),
        ('sort', {'dim': -3}, lambda t: torch.sort(t, dim=-3)),
        ('argsort', {'dim': 5}, lambda t: torch.argsort(t, dim=5)),
        ('topk', {'k': 5}, lambda t: torch.topk(t, 5)),
        ('topk', {'k': -1}, lambda t: torch.topk(t, -1)),
        ('topk', {'k': 4, 'dim': 0}, lambda t: torch.topk(t, 4, dim=0)),
        ('topk', {'k': 1, 'dim': 2}, lambda t: torch.topk(t, 1, dim=2)),
        ('kthvalue', {'k': 0}, lambda t: torch.kthvalue(t, 0)),
        ('kthvalue', {'k': 5}, lambda t: torch.kthvalue(t, 5)),
        ('kthvalue', {'k': 1, 'dim': -3}, lambda t: torch.kthvalue(t, 1, dim=-3)),
        ('median', {'dim': 2}, lambda t: torch.median(t, 2)),
        ('mode', {'dim': 3}, lambda t: torch.mode(t, 3)),
    ]
    for op, args, fn in specs:
        cases.append(case(op, 'error', x, args, fn, 'float32', True))
    for op, shape, args, fn in [
        ('median', [0, 3], {'dim': 0}, lambda t: torch.median(t, 0)),
        ('mode', [3, 0], {'dim': 1}, lambda t: torch.mode(t, 1)),
        ('kthvalue', [0], {'k': 1}, lambda t: torch.kthvalue(t, 1)),
        ('topk', [0], {'k': 1}, lambda t: torch.topk(t, 1)),
    ]:
        cases.append(case(op, 'error', gf.Input('float32', shape, []), args, fn, 'float32', True))
    z = gf.Input('int32', [], [4])
    cases.append(case('sort', 'error', z, {'dim': 1}, lambda t: torch.sort(t, dim=1), 'int32', True))
    cases.append(case('topk', 'error', z, {'k': 2}, lambda t: torch.topk(t, 2), 'int32', True))
    cases.append(case('kthvalue', 'error', z, {'k': 2}, lambda t: torch.kthvalue(t, 2), 'int32', True))
    for c in cases:
        assert 'error' in c['expected'], c
    return cases


def main():
    torch.manual_seed(0)
    gf.write('sort.json', op_cases() + error_cases(), 'tools/gen_fixtures_sort.py')


if __name__ == '__main__':
    import warnings
    warnings.filterwarnings('ignore')
    main()
