#!/usr/bin/python3
"""Reference values from real PyTorch for the reductions (packages/core/test/reduce.test.ts).

    /usr/bin/python3 tools/gen_fixtures_reduce.py      # or: pnpm fixtures

Writes packages/core/test/fixtures/reduce.json (deterministic). Encoding as tools/gen_fixtures.py; a case is
  {"op", "tag", "input", "args" (the JS arguments: dim (int or list), keepdim, p, unbiased, dtype, maxnorm,
   other (a tensor spec, for dist)), "expected", "emulated"?}
with expected {"tensor"}, {"values", "indices"} (max/min along a dim) or {"error": "<PyTorch's message>"}.

Ops PyTorch 1.13 has no CPU kernel for (prod, cumsum, cumprod, logsumexp, softmax, log_softmax of float16;
argmax/argmin of bool) are computed on float32 / uint8 and converted back ("emulated": true): that is how we
define them.
"""
import os
import random
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_fixtures as gf  # noqa: E402

ALL = gf.ALL
FLOATS = gf.FLOATS
NAN, INF = float('nan'), float('inf')
FLOAT_POOL = [1.5, -2.5, 3.25, 0.5, -1.0, 2.0, 0.125, -7.5, 10.0, 1.5, -2.5, 0.0, -0.0, 4.0]
SPECIAL_POOL = [NAN, INF, -INF, 1.5, -2.5, 0.0, 3.0, 1.5]
INT_POOLS = {
    # int64 beyond 2^31 (sums stay far from 2^63)
    'int64': [0, 1, -1, 7, 2 ** 31 + 5, -(2 ** 31) - 7, 2 ** 40, -(2 ** 40) + 3, 2 ** 53 + 1, 7, 1, 3],
    'int32': [0, 1, -1, 7, 2 ** 31 - 1, -(2 ** 31), 65536, -65537, 300, 7, 1],
    'int16': [0, 1, -1, 7, 32767, -32768, 300, -300, 7, 1],
    'int8': [0, 1, -1, 7, 127, -128, 64, -65, 7, 1],
    'uint8': [0, 1, 7, 255, 128, 127, 64, 7, 1],
    'bool': [False, True, True],
}
# Products: small magnitudes so that int64 never overflows (overflow is undefined in PyTorch's C++).
PROD_POOLS = {'bool': [True, True, False, True]}
SMALL_INT = [1, 2, -1, 3, 1, -2, 1, 1]


def pool_for(dtype, kind):
    if kind == 'special':
        return SPECIAL_POOL if dtype in FLOATS else INT_POOLS[dtype]
    if kind == 'prod':
        if dtype in FLOATS:
            return [1.5, -0.5, 2.0, 0.25, -1.0, 1.0, 0.75, 3.0]
        return PROD_POOLS.get(dtype, [v for v in SMALL_INT if dtype != 'uint8' or v > 0])
    return FLOAT_POOL if dtype in FLOATS else INT_POOLS[dtype]


def layouts(r, dtype, kind):
    p = pool_for(dtype, kind)
    v = lambda n: [r.choice(p) for _ in range(n)]  # noqa: E731
    return [
        ('contiguous', gf.Input(dtype, [4, 6], v(24))),
        ('transposed', gf.Input(dtype, [6, 4], v(24), [['t']])),
        ('strided', gf.Input(dtype, [4, 12], v(48), [['get', ':', '::2']])),
        ('expanded', gf.Input(dtype, [1, 6], v(6), [['expand', [4, 6]]])),
        ('3d', gf.Input(dtype, [2, 3, 5], v(30))),
        ('3d-permuted', gf.Input(dtype, [3, 5, 2], v(30), [['transpose', 0, 2]])),
        ('0-dim', gf.Input(dtype, [], v(1))),
        ('empty', gf.Input(dtype, [0, 4], [])),
        ('empty-cols', gf.Input(dtype, [3, 0], [])),
    ]


def emulation(dtype):
    if dtype == 'float16':
        return (lambda x: x.float()), (lambda y: y.half() if y.is_floating_point() else y)
    if dtype == 'bool':
        return (lambda x: x.to(torch.uint8)), (lambda y: y.bool() if y.dtype == torch.uint8 else y)
    return None


def encode(r):
    if isinstance(r, tuple):
        return {'values': gf.enc_tensor(r[0]), 'indices': gf.enc_tensor(r[1])}
    return {'tensor': gf.enc_tensor(r)}


def call(fn, x, dtype):
    try:
        return encode(fn(x)), False
    except Exception as e:  # noqa: BLE001
        msg = str(e).split('\n')[0]
        em = emulation(dtype)
        if 'not implemented for' not in msg or em is None:
            return {'error': msg}, False
        widen, narrow = em
        try:
            r = fn(widen(x))
        except Exception:  # noqa: BLE001  (no kernel for the widened dtype either: softmax of bool)
            return {'error': msg}, False
        r = tuple(narrow(t) for t in r) if isinstance(r, tuple) else narrow(r)
        return encode(r), True


def case(op, tag, inp, args, fn, dtype):
    expected, emulated = call(fn, inp.make(), dtype)
    c = {'op': op, 'tag': tag, 'input': inp.enc(), 'args': args, 'expected': expected}
    if emulated:
        c['emulated'] = True
    return c


TORCH_DTYPES = gf.DTYPES


def kw(args):
    """PyTorch keyword arguments for our JS args."""
    out = {}
    for k, v in args.items():
        if k == 'dtype':
            out['dtype'] = TORCH_DTYPES[v]
        elif k in ('dim', 'keepdim', 'unbiased'):
            out[k] = tuple(v) if isinstance(v, list) else v
    return out


def dims_for(nd):
    if nd == 0:
        return [None, 0, -1]
    if nd == 2:
        return [None, 0, -1, [0, 1]]
    return [None, 1, -1, [0, 2]]


def op_cases():
    r = random.Random(5)
    cases = []
    for dtype in ALL:
        isf = dtype in FLOATS
        for kind in ('plain', 'special', 'prod'):
            if kind == 'special' and not isf:
                continue
            for tag, inp in layouts(r, dtype, kind):
                if kind != 'plain':
                    tag = tag + '-' + kind
                    if tag.startswith(('empty', '0-dim')):
                        continue
                nd = len(inp.make().shape)
                dims = dims_for(nd)
                if kind == 'prod':
                    for dim, keep in [(None, False), (0, True), (-1, False)]:
                        args = {} if dim is None else {'dim': dim, 'keepdim': keep}
                        for op, f in [('prod', torch.prod), ('cumprod', torch.cumprod)]:
                            if op == 'cumprod':
                                if dim is None:
                                    continue
                                args = {'dim': dim}
                            cases.append(case(op, tag, inp, args, lambda x, f=f, a=args: f(x, **kw(a)), dtype))
                    continue
                for dim in dims:
                    # keepdim is checked on the last dim (and on everything for 0-dim inputs)
                    for keep in ([False, True] if dim == -1 else [False]):
                        args = {} if dim is None else {'dim': dim, 'keepdim': keep}
                        a = kw(args)
                        cases.append(case('sum', tag, inp, args, lambda x, a=a: torch.sum(x, **a) if a else torch.sum(x), dtype))
                        if isf or tag == 'contiguous':
                            cases.append(case('mean', tag, inp, args, lambda x, a=a: torch.mean(x, **a) if a else torch.mean(x), dtype))
                        if isf:
                            for unbiased in ((True, False) if dim is None else (keep,)):
                                va = dict(args, unbiased=unbiased)
                                for op, f in [('var', torch.var), ('std', torch.std)]:
                                    cases.append(case(op, tag, inp, va, lambda x, f=f, a=kw(va): f(x, **a), dtype))
                            ps = ['fro', 1, 2, 3, 0, INF, -INF, -1, 0.5] if kind == 'plain' and not keep else [2, 1, INF, 0]
                            for p in ps:
                                na = dict(args, p=p if p != INF and p != -INF else ('inf' if p > 0 else '-inf'))
                                cases.append(case('norm', tag, inp, na, lambda x, p=p, a=a: torch.norm(x, p=p, **a), dtype))
                        if dim is not None and (isf or not keep):
                            cases.append(case('logsumexp', tag, inp, args, lambda x, a=a: torch.logsumexp(x, **a), dtype))
                        if dim is None or isinstance(dim, int):
                            for op, f in [('all', torch.all), ('any', torch.any), ('argmax', torch.argmax), ('argmin', torch.argmin)]:
                                cases.append(case(op, tag, inp, args, lambda x, f=f, a=a: f(x, **a) if a else f(x), dtype))
                            for op, f in [('max', torch.max), ('min', torch.min)]:
                                cases.append(case(op, tag, inp, args, lambda x, f=f, a=a: f(x, **a) if a else f(x), dtype))
                        if isinstance(dim, int) and not keep:
                            cases.append(case('cumsum', tag, inp, {'dim': dim}, lambda x, d=dim: torch.cumsum(x, d), dtype))
                            if isf:
                                for op, f in [('softmax', torch.softmax), ('logSoftmax', torch.log_softmax)]:
                                    cases.append(case(op, tag, inp, {'dim': dim}, lambda x, f=f, d=dim: f(x, d), dtype))
                if isf and nd == 2:
                    other = gf.Input(dtype, [6], [r.choice(FLOAT_POOL) for _ in range(6)])
                    for p in [2, 1, 3, 0, INF]:
                        da = {'p': p if p != INF else 'inf', 'other': other.enc()}
                        cases.append(case('dist', tag, inp, da, lambda x, p=p, o=other: torch.dist(x, o.make(), p), dtype))
                    for p, d, mx in [(2, 0, 3.0), (1, 1, 4.0), (INF, 0, 2.0), (3, -1, 0.5)]:
                        ra = {'p': p if p != INF else 'inf', 'dim': d, 'maxnorm': mx}
                        cases.append(case('renorm', tag, inp, ra, lambda x, p=p, d=d, mx=mx: torch.renorm(x, p, d, mx), dtype))
        # dtype option
        src = gf.Input(dtype, [3, 4], [r.choice(pool_for(dtype, 'prod')) for _ in range(12)])  # small: float32 sums exact
        for target in ('float64', 'float32', 'int64'):
            a = {'dim': 1, 'dtype': target}
            cases.append(case('sum', 'dtype', src, a, lambda x, t=target: torch.sum(x, 1, dtype=TORCH_DTYPES[t]), dtype))
            cases.append(case('cumsum', 'dtype', src, a, lambda x, t=target: torch.cumsum(x, 1, dtype=TORCH_DTYPES[t]), dtype))
            if target != 'int64':
                cases.append(case('mean', 'dtype', src, {'dtype': target}, lambda x, t=target: torch.mean(x, dtype=TORCH_DTYPES[t]), dtype))
                for op, f in [('softmax', torch.softmax), ('logSoftmax', torch.log_softmax)]:
                    cases.append(case(op, 'dtype', src, a, lambda x, f=f, t=target: f(x, 1, dtype=TORCH_DTYPES[t]), dtype))
    # Rows longer than one accumulation block and the thread-split paths are checked in reduce.test.ts
    # against a float64 JS reference (their inputs would make this file large).
    return cases


def error_cases():
    cases = []
    x = gf.Input('float32', [3, 4], [float(i % 5) for i in range(12)])
    xi = gf.Input('int64', [3, 4], list(range(12)))
    xb = gf.Input('bool', [2, 2], [True, False, True, True])
    e03 = gf.Input('float32', [0, 3], [])
    specs = [
        ('sum', x, {'dim': 2}, lambda t: torch.sum(t, 2)),
        ('sum', x, {'dim': -3}, lambda t: torch.sum(t, -3)),
        ('sum', x, {'dim': [0, 0]}, lambda t: torch.sum(t, (0, 0))),
        ('sum', x, {'dim': [1, -1]}, lambda t: torch.sum(t, (1, -1))),
        ('mean', xi, {}, lambda t: torch.mean(t)),
        ('mean', xb, {'dim': 0}, lambda t: torch.mean(t, 0)),
        ('var', xi, {}, lambda t: torch.var(t)),
        ('std', xi, {'dim': 0}, lambda t: torch.std(t, 0)),
        ('norm', xi, {}, lambda t: torch.norm(t)),
        ('prod', x, {'dim': 3}, lambda t: torch.prod(t, 3)),
        ('max', x, {'dim': 2}, lambda t: torch.max(t, 2)),
        ('max', e03, {}, lambda t: torch.max(t)),
        ('min', e03, {}, lambda t: torch.min(t)),
        ('max', e03, {'dim': 0}, lambda t: torch.max(t, 0)),
        ('argmax', e03, {}, lambda t: torch.argmax(t)),
        ('argmin', e03, {'dim': 0}, lambda t: torch.argmin(t, 0)),
        ('argmax', x, {'dim': -3}, lambda t: torch.argmax(t, -3)),
        ('logsumexp', x, {'dim': 2}, lambda t: torch.logsumexp(t, 2)),
        ('cumsum', x, {'dim': 2}, lambda t: torch.cumsum(t, 2)),
        ('cumprod', x, {'dim': -3}, lambda t: torch.cumprod(t, -3)),
        ('softmax', x, {'dim': 2}, lambda t: torch.softmax(t, 2)),
        ('logSoftmax', x, {'dim': -3}, lambda t: torch.log_softmax(t, -3)),
        ('softmax', xi, {'dim': 1}, lambda t: torch.softmax(t, 1)),
        ('logSoftmax', xb, {'dim': 0}, lambda t: torch.log_softmax(t, 0)),
        ('all', x, {'dim': 2}, lambda t: torch.all(t, 2)),
        ('any', x, {'dim': -3}, lambda t: torch.any(t, -3)),
        ('renorm', gf.Input('float32', [4], [1.0, 2.0, 3.0, 4.0]), {'p': 2, 'dim': 0, 'maxnorm': 1.0}, lambda t: torch.renorm(t, 2, 0, 1.0)),
        ('renorm', x, {'p': -1, 'dim': 0, 'maxnorm': 1.0}, lambda t: torch.renorm(t, -1, 0, 1.0)),
        ('renorm', x, {'p': 2, 'dim': 0, 'maxnorm': -3.0}, lambda t: torch.renorm(t, 2, 0, -3.0)),
        ('renorm', x, {'p': 2, 'dim': 2, 'maxnorm': 1.0}, lambda t: torch.renorm(t, 2, 2, 1.0)),
        ('dist', xi, {'p': 2, 'other': xi.enc()}, lambda t: torch.dist(t, t)),
        ('dist', x, {'p': 2, 'other': gf.Input('float32', [3], [1.0, 2.0, 3.0]).enc()}, lambda t: torch.dist(t, torch.tensor([1.0, 2.0, 3.0]))),
    ]
    for op, inp, args, fn in specs:
        dtype = gf.NAMES[inp.make().dtype]
        c = case(op, 'error', inp, args, fn, dtype)
        assert 'error' in c['expected'], (op, args, c['expected'])
        cases.append(c)
    return cases


def main():
    torch.manual_seed(0)
    gf.write('reduce.json', op_cases() + error_cases(), 'tools/gen_fixtures_reduce.py')


if __name__ == '__main__':
    import warnings
    warnings.filterwarnings('ignore')
    main()
