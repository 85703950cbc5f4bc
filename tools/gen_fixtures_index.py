#!/usr/bin/python3
"""Reference values from real PyTorch for the indexing family (packages/core/test/index.test.ts).

    /usr/bin/python3 tools/gen_fixtures_index.py      # or: pnpm fixtures

Writes packages/core/test/fixtures/index.json (deterministic). Encoding as tools/gen_fixtures.py; a case is
  {"op", "tag", "self", "operands": {name: tensor | scalar | [index entries]}, "args", "expected"}
where the operands are index, src/source/value, mask and (get/set/indexPut_) indices: a list of entries, each a
number, a slice string, "...", null, {"tensor": spec} or {"array": [...]}. expected is the result (for in-place
ops: self afterwards), {"tuple": [...]} (nonzero asTuple) or {"error": "<PyTorch's message>"}.

Plain scatter_/indexCopy_/put_ cases use distinct indices (PyTorch leaves the winner of duplicates
unspecified); the accumulating ops use duplicates on purpose, with small integral values so that float16
sums are exact in any order.
"""
import os
import random
import sys
import warnings

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_fixtures as gf  # noqa: E402

ALL = gf.ALL
NAN, INF = float('nan'), float('inf')
POOLS = {
    'float': [NAN, INF, -INF, -0.0, 0.0, 1.5, -2.5, 3.25, 0.5, -1.0, 2.0, 100.0],
    'int64': [0, 1, -1, 7, 2 ** 31 + 5, -(2 ** 31) - 7, 2 ** 40, 2 ** 53 + 1, -(2 ** 53) - 3, 2 ** 62 + 3, -(2 ** 63), 2 ** 63 - 1],
    'int32': [0, 1, -1, 7, 2 ** 31 - 1, -(2 ** 31), 65536, -300],
    'int16': [0, 1, -1, 7, 32767, -32768, 300],
    'int8': [0, 1, -1, 7, 127, -128, 64],
    'uint8': [0, 1, 7, 255, 128, 64],
    'bool': [False, True],
}
SMALL = {'float': [-2.0, -1.0, 0.0, 1.0, 2.0, 3.0, 0.5], 'int': [-2, -1, 0, 1, 2, 3], 'uint8': [0, 1, 2, 3], 'bool': [False, True]}


def pool(dtype, small=False):
    if small:
        if dtype in gf.FLOATS:
            return SMALL['float']
        return SMALL['uint8'] if dtype == 'uint8' else SMALL['bool'] if dtype == 'bool' else SMALL['int']
    if dtype in gf.FLOATS:
        return POOLS['float']
    return POOLS[dtype]


def vals(r, dtype, n, small=False):
    p = pool(dtype, small)
    return [r.choice(p) for _ in range(n)]


def prod(xs):
    n = 1
    for q in xs:
        n *= q
    return n


def T(dtype, shape, values, view=None):
    return gf.Input(dtype, shape, values, view)


def L(values, shape=None, view=None):
    return gf.Input('int64', shape if shape is not None else [len(values)], values, view)


def B(values, shape=None, view=None):
    return gf.Input('bool', shape if shape is not None else [len(values)], values, view)


def S(v):
    return gf.Scalar(v)


def enc(x):
    if isinstance(x, list):
        return [enc_entry(e) for e in x]
    return x.enc()


def enc_entry(e):
    if isinstance(e, gf.Input):
        return {'tensor': e.enc()}
    if isinstance(e, tuple):
        return {'array': list(e)}
    return e


def py_entry(e):
    if isinstance(e, gf.Input):
        return e.make()
    if isinstance(e, tuple):
        return list(e)
    if e is None:
        return None
    if e == '...':
        return Ellipsis
    if isinstance(e, int):
        return e
    parts = [int(p) if p.strip() else None for p in e.split(':')]
    return slice(*parts)


def make(x):
    if isinstance(x, list):
        return tuple(py_entry(e) for e in x)
    return x.make()


def case(op, tag, self_in, operands, args, fn):
    """fn(self, **operands) -> result tensor (or tuple); runs on fresh copies."""
    s = self_in.make()
    made = {k: make(v) for k, v in operands.items()}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            r = fn(s, **made)
        if isinstance(r, tuple):
            expected = {'tuple': [gf.enc_tensor(t) for t in r]}
        else:
            expected = gf.enc_tensor(r)
    except Exception as e:  # noqa: BLE001
        expected = {'error': str(e).split('\n')[0]}
    return {'op': op, 'tag': tag, 'self': self_in.enc(), 'operands': {k: enc(v) for k, v in operands.items()}, 'args': args,
            'expected': expected}


def layouts(r, dtype, small=False):
    v = lambda n: vals(r, dtype, n, small)  # noqa: E731
    return [
        ('contiguous', T(dtype, [4, 5], v(20))),
        ('transposed', T(dtype, [5, 4], v(20), [['t']])),
        ('strided', T(dtype, [4, 10], v(40), [['get', ':', '::2']])),
        ('3d', T(dtype, [2, 3, 4], v(24))),
    ]


def dtype_cases(r, dtype):
    cs = []
    v = lambda n, small=False: vals(r, dtype, n, small)  # noqa: E731
    lay = layouts(r, dtype)
    expanded = ('expanded', T(dtype, [1, 5], v(5), [['expand', [4, 5]]]))
    for tag, x in lay + [expanded]:
        shape = list(x.make().shape)
        # indexSelect: both ends, duplicates and a strided index
        for dim in (0, -1):
            n = shape[dim]
            cs.append(case('indexSelect', tag, x, {'index': L([n - 1, 0, n - 1, 1])}, {'dim': dim}, lambda s, index, d=dim: s.index_select(d, index)))
        cs.append(case('indexSelect', tag + ' strided-index', x, {'index': L([1, 9, 0, 9, 1, 9], view=[['get', '::2']])}, {'dim': 0},
                       lambda s, index: s.index_select(0, index)))
        # gather: index smaller than self, transposed index
        for dim in (0, 1, -1):
            ishape = [min(3, k) for k in shape]
            sz = shape[dim]
            idx = [r.randrange(sz) for _ in range(prod(ishape))]
            cs.append(case('gather', tag, x, {'index': L(idx, ishape)}, {'dim': dim}, lambda s, index, d=dim: s.gather(d, index)))
        if len(shape) == 2:
            idx = [r.randrange(shape[1]) for _ in range(6)]
            cs.append(case('gather', tag + ' transposed-index', x, {'index': L(idx, [2, 3], [['t']])}, {'dim': 1},
                           lambda s, index: s.gather(1, index)))
        # take and advanced reads work on expanded inputs too
        cs.append(case('take', tag, x, {'index': L([0, -1, 7, 3, 3], [5])}, {}, lambda s, index: s.take(index)))
        mask = B([r.random() < 0.5 for _ in range(shape[-1])])
        cs.append(case('maskedSelect', tag + ' broadcast-mask', x, {'mask': mask}, {}, lambda s, mask: s.masked_select(mask)))
        fullmask = B([r.random() < 0.5 for _ in range(prod(shape))], shape)
        cs.append(case('maskedSelect', tag, x, {'mask': fullmask}, {}, lambda s, mask: s.masked_select(mask)))
        cs.append(case('nonzero', tag, x, {}, {}, lambda s: s.nonzero()))
        cs.append(case('nonzero', tag, x, {}, {'asTuple': True}, lambda s: s.nonzero(as_tuple=True)))
        cs.append(case('get', tag, x, {'indices': [(1, 0, -1)]}, {}, lambda s, indices: s[indices]))
        cs.append(case('get', tag, x, {'indices': [':', L([0, 2, -1])]}, {}, lambda s, indices: s[indices]))
        cs.append(case('get', tag + ' mask', x, {'indices': [fullmask]}, {}, lambda s, indices: s[indices]))
        cs.append(case('get', tag + ' broadcast', x, {'indices': [L([0, 1], [2, 1]), L([1, 0, 1], [3])]}, {}, lambda s, indices: s[indices]))
        if len(shape) == 3:
            cs.append(case('get', tag + ' separated', x, {'indices': [L([1, 0]), ':', L([3, -1])]}, {}, lambda s, indices: s[indices]))
            cs.append(case('get', tag + ' int+adv', x, {'indices': [0, ':', L([2, 1])]}, {}, lambda s, indices: s[indices]))
            cs.append(case('get', tag + ' none+ellipsis', x, {'indices': [None, '...', L([0, 3, 3])]}, {}, lambda s, indices: s[indices]))
            cs.append(case('get', tag + ' 2d-mask', x, {'indices': [B([True, False, True, True, False, True], [2, 3])]}, {},
                           lambda s, indices: s[indices]))
            cs.append(case('get', tag + ' mask-after-int', x, {'indices': [1, B([True, False, True]), '1:3']}, {}, lambda s, indices: s[indices]))
    # writes: not on expanded selves
    for tag, x in layouts(r, dtype, small=True):
        shape = list(x.make().shape)
        n0 = shape[0]
        rest = shape[1:]
        k = 1
        for s_ in rest:
            k *= s_
        src2 = T(dtype, [2] + rest, v(2 * k, True))
        cs.append(case('indexCopy_', tag, x, {'index': L([n0 - 1, 0]), 'source': src2}, {'dim': 0},
                       lambda s, index, source: s.index_copy_(0, index, source)))
        srcl = T(dtype, shape[:-1] + [2], v(prod(shape[:-1]) * 2, True))
        cs.append(case('indexCopy_', tag + ' last-dim', x, {'index': L([1, 3]), 'source': srcl}, {'dim': -1},
                       lambda s, index, source: s.index_copy_(-1, index, source)))
        src3 = T(dtype, [3] + rest, v(3 * k, True))
        alpha = 1 if dtype == 'bool' else 2
        cs.append(case('indexAdd_', tag, x, {'index': L([1, 0, 1]), 'source': src3}, {'dim': 0, 'alpha': alpha},
                       lambda s, index, source, a=alpha: s.index_add_(0, index, source, alpha=a)))
        cs.append(case('indexAdd_', tag + ' last-dim', x, {'index': L([1, 1, 0, 1]), 'source': T(dtype, shape[:-1] + [4], v(prod(shape[:-1]) * 4, True))},
                       {'dim': -1}, lambda s, index, source: s.index_add_(-1, index, source)))
        if len(shape) == 2:
            cs.append(case('indexAdd_', tag + ' transposed-source', x, {'index': L([1, 1, 0]), 'source': T(dtype, [shape[1], 3], v(shape[1] * 3, True), [['t']])},
                           {'dim': 0}, lambda s, index, source: s.index_add_(0, index, source)))
        fillv = True if dtype == 'bool' else 3
        cs.append(case('indexFill_', tag, x, {'index': L([-1, 0]), 'value': S(fillv)}, {'dim': 0},
                       lambda s, index, value: s.index_fill_(0, index, value)))
        cs.append(case('indexFill_', tag + ' tensor-value', x, {'index': L([1]), 'value': T(dtype, [], v(1))}, {'dim': -1},
                       lambda s, index, value: s.index_fill_(-1, index, value)))
        ishape = [min(2, q) for q in shape]
        ni = prod(ishape)
        # scatter_: distinct positions along dim 0 per column (a permutation prefix)
        perm = []
        for _ in range(ni // ishape[0]):
            perm.append(r.sample(range(shape[0]), ishape[0]))
        idx = [perm[j][i] for i in range(ishape[0]) for j in range(ni // ishape[0])]
        srcs = T(dtype, shape, v(prod(shape), True))
        cs.append(case('scatter_', tag, x, {'index': L(idx, ishape), 'src': srcs}, {'dim': 0}, lambda s, index, src: s.scatter_(0, index, src)))
        cs.append(case('scatter_', tag + ' scalar', x, {'index': L(idx, ishape), 'src': S(fillv)}, {'dim': 0}, lambda s, index, src: s.scatter_(0, index, src)))
        dup = [r.randrange(shape[1]) for _ in range(prod(shape))]
        for red in ('add', 'multiply'):
            cs.append(case('scatter_', tag + ' reduce', x, {'index': L(dup, shape), 'src': srcs}, {'dim': 1, 'reduce': red},
                           lambda s, index, src, rd=red: s.scatter_(1, index, src, reduce=rd)))
        cs.append(case('scatterAdd_', tag, x, {'index': L(dup, shape), 'src': srcs}, {'dim': 1}, lambda s, index, src: s.scatter_add_(1, index, src)))
        if len(shape) == 2:
            tdup = [r.randrange(shape[1]) for _ in range(prod(shape))]
            cs.append(case('scatterAdd_', tag + ' transposed-index', x, {'index': L(tdup, shape[::-1], [['t']]), 'src': srcs}, {'dim': 1},
                           lambda s, index, src: s.scatter_add_(1, index, src)))
            cs.append(case('gather', tag + ' expanded-index', x, {'index': L([r.randrange(shape[0]) for _ in range(shape[1])], [1, shape[1]], [['expand', [3, shape[1]]]])},
                           {'dim': 0}, lambda s, index: s.gather(0, index)))
            cs.append(case('put_', tag + ' strided-index', x, {'index': L([3, 9, -2, 9, 0, 9], view=[['get', '::2']]), 'source': T(dtype, [3], v(3, True))}, {},
                           lambda s, index, source: s.put_(index, source)))
        cs.append(case('scatter', tag + ' out-of-place', x, {'index': L(idx, ishape), 'src': srcs}, {'dim': 0}, lambda s, index, src: torch.scatter(s, 0, index, src)))
        cs.append(case('put_', tag, x, {'index': L([0, -1, 5]), 'source': T(dtype, [3], v(3, True))}, {}, lambda s, index, source: s.put_(index, source)))
        cs.append(case('put_', tag + ' accumulate', x, {'index': L([1, -1, 1, 1], [2, 2]), 'source': T(dtype, [4], v(4, True))}, {'accumulate': True},
                       lambda s, index, source: s.put_(index, source, accumulate=True)))
        mask = B([r.random() < 0.5 for _ in range(shape[-1])])
        cs.append(case('maskedFill_', tag, x, {'mask': mask, 'value': S(fillv)}, {}, lambda s, mask, value: s.masked_fill_(mask, value)))
        cs.append(case('maskedFill_', tag + ' tensor-value', x, {'mask': mask, 'value': T(dtype, [], v(1))}, {}, lambda s, mask, value: s.masked_fill_(mask, value)))
        # PyTorch 1.13 fills a non-contiguous self in memory order; the reference is the row-major order
        # of the documented semantics (the same op on a contiguous copy), see docs/indexing.md.
        cs.append(case('maskedScatter_', tag, x, {'mask': mask, 'source': T(dtype, [50], v(50))}, {},
                       lambda s, mask, source: s.copy_(s.contiguous().masked_scatter_(mask, source))))
        cs.append(case('set', tag, x, {'indices': [L([0, -1]), ':'], 'value': S(fillv)}, {}, lambda s, indices, value: s.__setitem__(indices, value) or s))
        last = 2 if len(shape) == 2 else shape[-1]
        cs.append(case('set', tag + ' tensor-value', x, {'indices': [':', L([1, 0])], 'value': T(dtype, [last], v(last))}, {},
                       lambda s, indices, value: s.__setitem__(indices, value) or s))
        cs.append(case('indexPut_', tag + ' accumulate', x, {'indices': [L([0, 1, 0]), L([1, 1, 1])], 'value': T(dtype, [], v(1, True))}, {'accumulate': True},
                       lambda s, indices, value: s.index_put_(indices, value, accumulate=True)))
    # 0-dim and empty
    z = T(dtype, [], v(1))
    cs.append(case('indexSelect', '0-dim', z, {'index': L([0])}, {'dim': 0}, lambda s, index: s.index_select(0, index)))
    cs.append(case('gather', '0-dim', z, {'index': L([0], [])}, {'dim': 0}, lambda s, index: s.gather(0, index)))
    cs.append(case('take', '0-dim', z, {'index': L([0, -1, 0], [3])}, {}, lambda s, index: s.take(index)))
    cs.append(case('nonzero', '0-dim', z, {}, {}, lambda s: s.nonzero()))
    cs.append(case('maskedSelect', '0-dim', z, {'mask': B([True], [])}, {}, lambda s, mask: s.masked_select(mask)))
    cs.append(case('scatter_', '0-dim', z, {'index': L([0], []), 'src': T(dtype, [], v(1))}, {'dim': 0}, lambda s, index, src: s.scatter_(0, index, src)))
    cs.append(case('scatterAdd_', '0-dim', z, {'index': L([0], []), 'src': T(dtype, [], v(1, True))}, {'dim': -1}, lambda s, index, src: s.scatter_add_(-1, index, src)))
    cs.append(case('indexCopy_', '0-dim', z, {'index': L([0]), 'source': T(dtype, [], v(1))}, {'dim': 0}, lambda s, index, source: s.index_copy_(0, index, source)))
    cs.append(case('indexAdd_', '0-dim', z, {'index': L([0]), 'source': T(dtype, [], v(1, True))}, {'dim': 0}, lambda s, index, source: s.index_add_(0, index, source)))
    cs.append(case('put_', '0-dim', z, {'index': L([-1]), 'source': T(dtype, [1], v(1))}, {}, lambda s, index, source: s.put_(index, source)))
    cs.append(case('maskedFill_', '0-dim', z, {'mask': B([True], []), 'value': S(True if dtype == 'bool' else 1)}, {}, lambda s, mask, value: s.masked_fill_(mask, value)))
    cs.append(case('get', '0-dim index', T(dtype, [3, 2], v(6)), {'indices': [L([2], [])]}, {}, lambda s, indices: s[indices]))
    cs.append(case('get', '2-d index', T(dtype, [3, 2], v(6)), {'indices': [L([2, 0, 1, 1], [2, 2]), 1]}, {}, lambda s, indices: s[indices]))
    cs.append(case('indexFill_', '0-dim', z, {'index': L([0]), 'value': S(True if dtype == 'bool' else 2)}, {'dim': 0},
                   lambda s, index, value: s.index_fill_(0, index, value)))
    e = T(dtype, [0, 3], [])
    cs.append(case('indexSelect', 'empty', e, {'index': L([2, 0])}, {'dim': 1}, lambda s, index: s.index_select(1, index)))
    cs.append(case('indexSelect', 'empty-index', T(dtype, [2, 3], v(6)), {'index': L([])}, {'dim': 0}, lambda s, index: s.index_select(0, index)))
    cs.append(case('gather', 'empty', e, {'index': L([], [0, 2])}, {'dim': 1}, lambda s, index: s.gather(1, index)))
    cs.append(case('maskedSelect', 'empty', e, {'mask': B([], [0, 3])}, {}, lambda s, mask: s.masked_select(mask)))
    cs.append(case('nonzero', 'empty', e, {}, {}, lambda s: s.nonzero()))
    cs.append(case('get', 'empty-array', T(dtype, [2, 3], v(6)), {'indices': [()]}, {}, lambda s, indices: s[indices]))
    cs.append(case('take', 'empty', e, {'index': L([], [0])}, {}, lambda s, index: s.take(index)))
    # long rows: the threaded paths (above the grain size), with int64 values beyond 2^31 moved intact
    if dtype in ('float32', 'int64'):
        big = T(dtype, [150, 256], v(150 * 256))
        rows = [r.randrange(150) for _ in range(140)]
        cs.append(case('indexSelect', 'large', big, {'index': L(rows)}, {'dim': 0}, lambda s, index: s.index_select(0, index)))
        cs.append(case('get', 'large', big, {'indices': [L(rows)]}, {}, lambda s, indices: s[indices]))
    return cs


def threaded_cases(r):
    """Accumulation with many duplicates above the grain size (the threaded split must not race)."""
    cs = []
    n = 5000
    x = T('float64', [8, 16], [0.0] * 128)
    idx = [r.randrange(16) for _ in range(n)]
    src = T('float64', [n], [float(r.randrange(4)) for _ in range(n)])
    cs.append(case('put_', 'threaded accumulate', x, {'index': L(idx), 'source': src}, {'accumulate': True},
                   lambda s, index, source: s.put_(index, source, accumulate=True)))
    x2 = T('int64', [4, 64], [0] * 256)
    idx2 = [r.randrange(4) for _ in range(600 * 64)]
    src2 = T('int64', [600, 64], [r.randrange(-3, 4) for _ in range(600 * 64)])
    cs.append(case('indexAdd_', 'threaded duplicates', x2, {'index': L([r.randrange(4) for _ in range(600)]), 'source': src2}, {'dim': 0},
                   lambda s, index, source: s.index_add_(0, index, source)))
    cs.append(case('scatterAdd_', 'threaded duplicates', x2, {'index': L(idx2, [600, 64]), 'src': src2}, {'dim': 0},
                   lambda s, index, src: s.scatter_add_(0, index, src)))
    m = T('float32', [700, 100], [float(r.randrange(-5, 5)) for _ in range(70000)])
    cs.append(case('maskedSelect', 'threaded', m, {'mask': B([r.random() < 0.3 for _ in range(70000)], [700, 100])}, {},
                   lambda s, mask: s.masked_select(mask)))
    cs.append(case('nonzero', 'threaded', m, {}, {}, lambda s: s.nonzero()))
    return cs


def error_cases():
    cs = []
    x = T('float32', [3, 4], [float(i) for i in range(12)])
    f = T('float32', [2, 4], [1.0] * 8)
    specs = [
        ('indexSelect', 'out of range', {'index': L([3])}, {'dim': 0}, lambda s, index: s.index_select(0, index)),
        ('indexSelect', 'negative', {'index': L([-1])}, {'dim': 0}, lambda s, index: s.index_select(0, index)),
        ('indexSelect', 'float index', {'index': T('float32', [1], [0.0])}, {'dim': 0}, lambda s, index: s.index_select(0, index)),
        ('indexSelect', '2-d index', {'index': L([0], [1, 1])}, {'dim': 0}, lambda s, index: s.index_select(0, index)),
        ('indexSelect', 'bad dim', {'index': L([0])}, {'dim': 2}, lambda s, index: s.index_select(2, index)),
        ('gather', 'out of range', {'index': L([4], [1, 1])}, {'dim': 1}, lambda s, index: s.gather(1, index)),
        ('gather', 'negative', {'index': L([-1], [1, 1])}, {'dim': 1}, lambda s, index: s.gather(1, index)),
        ('gather', 'int32 index', {'index': gf.Input('int32', [1, 1], [0])}, {'dim': 1}, lambda s, index: s.gather(1, index)),
        ('gather', 'too large index', {'index': L([0] * 4, [4, 1])}, {'dim': 1}, lambda s, index: s.gather(1, index)),
        ('gather', 'ndim mismatch', {'index': L([0])}, {'dim': 1}, lambda s, index: s.gather(1, index)),
        ('scatter_', 'out of range', {'index': L([0, 9], [1, 2]), 'src': f}, {'dim': 1}, lambda s, index, src: s.scatter_(1, index, src)),
        ('scatter_', 'src dtype', {'index': L([0], [1, 1]), 'src': T('float64', [1, 1], [1.0])}, {'dim': 1}, lambda s, index, src: s.scatter_(1, index, src)),
        ('scatterAdd_', 'out of range', {'index': L([1, 2, 4], [1, 3]), 'src': f}, {'dim': 1}, lambda s, index, src: s.scatter_add_(1, index, src)),
        ('scatterAdd_', 'src too small', {'index': L([1, 2, 3], [1, 3]), 'src': T('float32', [1, 1], [1.0])}, {'dim': 1},
         lambda s, index, src: s.scatter_add_(1, index, src)),
        ('indexCopy_', 'out of range', {'index': L([0, 3]), 'source': f}, {'dim': 0}, lambda s, index, source: s.index_copy_(0, index, source)),
        ('indexCopy_', 'int32 index', {'index': gf.Input('int32', [2], [0, 1]), 'source': f}, {'dim': 0}, lambda s, index, source: s.index_copy_(0, index, source)),
        ('indexCopy_', 'size mismatch', {'index': L([0, 1, 2]), 'source': f}, {'dim': 0}, lambda s, index, source: s.index_copy_(0, index, source)),
        ('indexAdd_', 'out of range', {'index': L([1, 3]), 'source': f}, {'dim': 0}, lambda s, index, source: s.index_add_(0, index, source)),
        ('indexAdd_', 'negative', {'index': L([1, -1]), 'source': f}, {'dim': 0}, lambda s, index, source: s.index_add_(0, index, source)),
        ('indexAdd_', 'source dtype', {'index': L([1, 2]), 'source': T('float64', [2, 4], [1.0] * 8)}, {'dim': 0},
         lambda s, index, source: s.index_add_(0, index, source)),
        ('indexFill_', 'out of range', {'index': L([0, -4]), 'value': S(1)}, {'dim': 0}, lambda s, index, value: s.index_fill_(0, index, value)),
        ('indexFill_', 'int32 index', {'index': gf.Input('int32', [1], [0]), 'value': S(1)}, {'dim': 0}, lambda s, index, value: s.index_fill_(0, index, value)),
        ('indexFill_', '1-d value', {'index': L([0]), 'value': T('float32', [1], [1.0])}, {'dim': 0}, lambda s, index, value: s.index_fill_(0, index, value)),
        ('take', 'out of range', {'index': L([0, 12])}, {}, lambda s, index: s.take(index)),
        ('take', 'negative out of range', {'index': L([-13])}, {}, lambda s, index: s.take(index)),
        ('put_', 'out of range', {'index': L([0, 12]), 'source': T('float32', [2], [1.0, 2.0])}, {}, lambda s, index, source: s.put_(index, source)),
        ('put_', 'count mismatch', {'index': L([0, 1]), 'source': T('float32', [1], [1.0])}, {}, lambda s, index, source: s.put_(index, source)),
        ('maskedSelect', 'float mask', {'mask': T('float32', [4], [1.0] * 4)}, {}, lambda s, mask: s.masked_select(mask)),
        ('maskedSelect', 'mask shape', {'mask': B([True] * 3)}, {}, lambda s, mask: s.masked_select(mask)),
        ('maskedSelect', 'int64 mask', {'mask': L([1, 0, 1, 0])}, {}, lambda s, mask: s.masked_select(mask)),
        ('maskedFill_', 'mask larger than self', {'mask': B([True] * 24, [2, 3, 4]), 'value': S(1)}, {}, lambda s, mask, value: s.masked_fill_(mask, value)),
        ('maskedScatter_', 'source too small', {'mask': B([True] * 4), 'source': T('float32', [3], [1.0] * 3)}, {},
         lambda s, mask, source: s.masked_scatter_(mask, source)),
        ('maskedScatter_', 'source dtype', {'mask': B([True] * 4), 'source': T('float64', [12], [1.0] * 12)}, {},
         lambda s, mask, source: s.masked_scatter_(mask, source)),
        ('get', 'out of range', {'indices': [':', L([4])]}, {}, lambda s, indices: s[indices]),
        ('get', 'int32 index', {'indices': [gf.Input('int32', [1], [0])]}, {}, lambda s, indices: s[indices]),
        ('get', 'mask shape', {'indices': [B([True, False])]}, {}, lambda s, indices: s[indices]),
        ('get', 'no broadcast', {'indices': [L([0, 1]), L([0, 1, 2])]}, {}, lambda s, indices: s[indices]),
        ('set', 'out of range', {'indices': [L([0, -4])], 'value': S(1)}, {}, lambda s, indices, value: s.__setitem__(indices, value)),
        ('indexPut_', 'value shape', {'indices': [L([0])], 'value': T('float32', [2], [1.0, 2.0])}, {},
         lambda s, indices, value: s.index_put_(indices, value)),
        ('indexPut_', 'value dtype', {'indices': [L([0])], 'value': T('float64', [], [1.0])}, {},
         lambda s, indices, value: s.index_put_(indices, value)),
    ]
    for op, tag, operands, args, fn in specs:
        c = case(op, 'error ' + tag, x, operands, args, fn)
        assert 'error' in c['expected'], (op, tag, c['expected'])
        cs.append(c)
    return cs


def main():
    r = random.Random(11)
    cases = []
    for dtype in ALL:
        cases += dtype_cases(r, dtype)
    cases += threaded_cases(r)
    cases += error_cases()
    gf.write('index.json', cases, 'tools/gen_fixtures_index.py')


if __name__ == '__main__':
    main()
