#!/usr/bin/python3
"""Reference values from real PyTorch for the everyday composites and torch.linalg
(packages/core/test/everyday.test.ts).

Run with Debian's PyTorch 1.13:  /usr/bin/python3 tools/gen_fixtures_everyday.py
Writes packages/core/test/fixtures/everyday.json; deterministic (fixed values, sorted keys).

Uses the encoding of tools/gen_fixtures.py. Each case is
  {op, name, inputs: [tensor specs], args: [...], expected}
where `op` is the TypeScript name ('einsum', 'linalg.vectorNorm', ...), `args` are the TypeScript
arguments with {"t": i} standing for input i, {"dtype": name} for a dtype and {"num": "inf"} for
Infinity, and `expected` is a
tensor, {"list": [tensors]}, {"fields": {name: tensor}}, {"bool": b} or {"error": message, "kind":
'type' | 'size' | 'index' | 'linalg'} (which of our error classes is thrown).
"""
import os
import sys

# One BLAS thread: lstsq's last bits otherwise depend on the threading, and the output must be reproducible.
os.environ.setdefault('OPENBLAS_NUM_THREADS', '1')
os.environ.setdefault('OMP_NUM_THREADS', '1')
import torch  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_fixtures as gf  # noqa: E402

OUT = 'everyday.json'
INF = float('inf')


def T(i):
    return {'t': i}


def inp(dtype, shape, values, view=None):
    return gf.Input(dtype, shape, values, view)


def seq(dtype, shape, start=1.0, step=1.0, scale=1.0):
    n = 1
    for s in shape:
        n *= s
    vals = [round(((start + k * step) * 0.37) % 3.1 - 1.3, 4) * scale for k in range(n)]
    if dtype not in gf.FLOATS:
        vals = [int(round(v * 3)) for v in vals]
    return gf.Input(dtype, shape, vals)


def enc_out(r):
    if isinstance(r, torch.Tensor):
        return gf.enc_tensor(r)
    if isinstance(r, bool):
        return {'bool': r}
    if isinstance(r, dict):
        return {'fields': {k: gf.enc_tensor(v) for k, v in r.items()}}
    return {'list': [gf.enc_tensor(x) for x in r]}


def enc_args(a):
    """JSON cannot hold Infinity: an infinite number argument is written {"num": "inf"} / {"num": "-inf"}."""
    if isinstance(a, float) and a in (INF, -INF):
        return {'num': 'inf' if a > 0 else '-inf'}
    if isinstance(a, list):
        return [enc_args(x) for x in a]
    if isinstance(a, dict):
        return {k: enc_args(v) for k, v in a.items()}
    return a


def cases():
    out = []

    def add(op, name, inputs, args, fn, kind=None):
        made = [i.make() for i in inputs]
        case = {'op': op, 'name': name, 'inputs': [i.enc() for i in inputs], 'args': enc_args(args)}
        try:
            case['expected'] = enc_out(fn(*made))
            if kind:
                raise AssertionError('%s %s: expected an error' % (op, name))
        except (RuntimeError, ValueError, TypeError, IndexError) as e:
            if not kind:
                raise
            case['expected'] = {'error': str(e).split('\n')[0], 'kind': kind}
        out.append(case)

    f32, f64 = 'float32', 'float64'
    # ---- outer
    add('outer', 'float', [seq(f32, [3]), seq(f32, [4], 2)], [T(0), T(1)], torch.outer)
    add('outer', 'int64', [seq('int64', [2]), seq('int64', [3], 5)], [T(0), T(1)], torch.outer)
    add('outer', 'int x float promotes', [seq('int32', [2]), seq(f64, [2])], [T(0), T(1)], torch.outer)
    add('outer', 'empty', [seq(f32, [0]), seq(f32, [3])], [T(0), T(1)], torch.outer)
    add('outer', '2-D input', [seq(f32, [2, 2]), seq(f32, [2])], [T(0), T(1)], torch.outer, kind='size')
    # ---- isclose / allclose
    a = inp(f64, [6], [1.0, 2.0, float('nan'), INF, -INF, 1e-9])
    b = inp(f64, [6], [1.000001, 2.1, float('nan'), INF, INF, 0.0])
    add('isclose', 'defaults', [a, b], [T(0), T(1)], torch.isclose)
    add('isclose', 'equalNan', [a, b], [T(0), T(1), {'equalNan': True}], lambda x, y: torch.isclose(x, y, equal_nan=True))
    add('isclose', 'rtol atol', [a, b], [T(0), T(1), {'rtol': 0.1, 'atol': 0.01}], lambda x, y: torch.isclose(x, y, rtol=0.1, atol=0.01))
    add('isclose', 'broadcast', [seq(f32, [2, 3]), seq(f32, [3])], [T(0), T(1)], torch.isclose)
    add('isclose', 'int64', [inp('int64', [3], [1, 5, 100]), inp('int64', [3], [1, 6, 101])], [T(0), T(1), {'rtol': 0.01, 'atol': 0}],
        lambda x, y: torch.isclose(x, y, rtol=0.01, atol=0))
    add('isclose', 'bool', [inp('bool', [3], [1, 0, 1]), inp('bool', [3], [1, 1, 1])], [T(0), T(1)], torch.isclose)
    add('isclose', 'dtype mismatch', [seq(f32, [2]), seq(f64, [2])], [T(0), T(1)], torch.isclose, kind='type')
    add('allclose', 'true', [a, a], [T(0), T(1), {'equalNan': True}], lambda x, y: torch.allclose(x, y, equal_nan=True))
    add('allclose', 'false (nan)', [a, a], [T(0), T(1)], torch.allclose)
    add('allclose', 'empty', [seq(f32, [0]), seq(f32, [0])], [T(0), T(1)], torch.allclose)
    # ---- tensordot
    add('tensordot', 'dims=2', [seq(f64, [3, 4, 5]), seq(f64, [4, 5, 2], 3)], [T(0), T(1), 2], lambda x, y: torch.tensordot(x, y, 2))
    add('tensordot', 'dims=0', [seq(f64, [2]), seq(f64, [3])], [T(0), T(1), 0], lambda x, y: torch.tensordot(x, y, 0))
    add('tensordot', 'dim lists', [seq(f64, [3, 4, 5]), seq(f64, [5, 3, 2], 2)], [T(0), T(1), [[2, 0], [0, 1]]],
        lambda x, y: torch.tensordot(x, y, ([2, 0], [0, 1])))
    add('tensordot', 'empty contraction', [seq(f32, [2, 0]), seq(f32, [0, 3])], [T(0), T(1), 1], lambda x, y: torch.tensordot(x, y, 1))
    add('tensordot', 'size mismatch', [seq(f32, [2, 3]), seq(f32, [4, 2])], [T(0), T(1), 1], lambda x, y: torch.tensordot(x, y, 1), kind='size')
    # ---- kron
    add('kron', '2-D', [seq(f64, [2, 2]), seq(f64, [2, 3], 4)], [T(0), T(1)], torch.kron)
    add('kron', 'mixed ndim', [seq(f64, [3]), seq(f64, [2, 2], 4)], [T(0), T(1)], torch.kron)
    add('kron', 'int64', [seq('int64', [2, 2]), seq('int64', [2], 4)], [T(0), T(1)], torch.kron)
    add('kron', 'empty', [seq(f32, [0, 2]), seq(f32, [2, 2])], [T(0), T(1)], torch.kron)
    # ---- cdist
    x1, x2 = seq(f64, [4, 3]), seq(f64, [5, 3], 7)
    for p in [2.0, 1.0, 0.0, INF, 3.0, 0.5]:
        add('cdist', 'p=%s' % p, [x1, x2], [T(0), T(1), p], lambda x, y, p=p: torch.cdist(x, y, p))
    add('cdist', 'batched broadcast', [seq(f64, [2, 1, 3, 2]), seq(f64, [3, 4, 2], 3)], [T(0), T(1)], torch.cdist)
    add('cdist', 'mm for p=2 (P > 25)', [seq(f64, [30, 3]), seq(f64, [4, 3], 5)], [T(0), T(1)], torch.cdist)
    add('cdist', 'use_mm_for_euclid_dist', [x1, x2], [T(0), T(1), 2, {'computeMode': 'use_mm_for_euclid_dist'}],
        lambda x, y: torch.cdist(x, y, 2, compute_mode='use_mm_for_euclid_dist'))
    add('cdist', 'empty rows', [seq(f32, [0, 3]), seq(f32, [2, 3])], [T(0), T(1)], torch.cdist)
    add('cdist', 'int input', [seq('int64', [2, 3]), seq('int64', [2, 3])], [T(0), T(1)], torch.cdist, kind='type')
    add('cdist', 'column mismatch', [seq(f32, [2, 3]), seq(f32, [2, 4])], [T(0), T(1)], torch.cdist, kind='size')
    # ---- meshgrid / cartesianProd
    for ix in ['ij', 'xy']:
        add('meshgrid', ix, [seq(f32, [3]), seq(f32, [2], 5), seq(f32, [4], 9)], [[T(0), T(1), T(2)], {'indexing': ix}],
            lambda x, y, z, ix=ix: torch.meshgrid(x, y, z, indexing=ix))
    add('meshgrid', '0-D and empty', [inp('int64', [], 7), seq('int64', [0])], [[T(0), T(1)], {'indexing': 'ij'}],
        lambda x, y: torch.meshgrid(x, y, indexing='ij'))
    add('meshgrid', '2-D input', [seq(f32, [2, 2])], [[T(0)], {'indexing': 'ij'}], lambda x: torch.meshgrid(x, indexing='ij'), kind='size')
    add('cartesianProd', 'three', [seq('int64', [2]), seq('int64', [3], 4), seq('int64', [2], 9)], [[T(0), T(1), T(2)]],
        lambda x, y, z: torch.cartesian_prod(x, y, z))
    add('cartesianProd', 'one', [seq(f32, [3])], [[T(0)]], lambda x: torch.cartesian_prod(x))
    add('cartesianProd', 'with empty', [seq(f32, [3]), seq(f32, [0])], [[T(0), T(1)]], torch.cartesian_prod)
    # ---- diff
    d = seq(f64, [3, 5])
    add('diff', 'default', [d], [T(0)], torch.diff)
    add('diff', 'n=2 dim=0', [d], [T(0), {'n': 2, 'dim': 0}], lambda x: torch.diff(x, n=2, dim=0))
    add('diff', 'n beyond length', [d], [T(0), {'n': 7}], lambda x: torch.diff(x, n=7))
    add('diff', 'prepend append', [d, seq(f64, [3, 1], 20), seq(f64, [3, 2], 30)], [T(0), {'prepend': T(1), 'append': T(2)}],
        lambda x, p, a: torch.diff(x, prepend=p, append=a))
    add('diff', 'int64', [seq('int64', [6])], [T(0)], torch.diff)
    add('diff', 'bool', [inp('bool', [5], [1, 1, 0, 1, 0])], [T(0)], torch.diff)
    add('diff', 'n=0', [d], [T(0), {'n': 0}], lambda x: torch.diff(x, n=0))
    add('diff', '0-D', [inp(f32, [], 1.0)], [T(0)], torch.diff, kind='size')
    # ---- searchsorted / bucketize
    s1 = inp(f64, [6], [1.0, 2.0, 2.0, 4.0, 7.0, 9.0])
    v1 = inp(f64, [2, 4], [0.0, 2.0, 3.0, 9.0, 10.0, 4.0, 1.0, 2.5])
    add('searchsorted', 'left', [s1, v1], [T(0), T(1)], torch.searchsorted)
    add('searchsorted', 'right', [s1, v1], [T(0), T(1), {'right': True}], lambda s, v: torch.searchsorted(s, v, right=True))
    add('searchsorted', 'side right int32', [s1, v1], [T(0), T(1), {'side': 'right', 'outInt32': True}],
        lambda s, v: torch.searchsorted(s, v, side='right', out_int32=True))
    s2 = inp('int64', [2, 4], [1, 3, 5, 7, 2, 4, 6, 8])
    v2 = inp('int64', [2, 3], [3, 6, 9, 0, 4, 5])
    add('searchsorted', 'batched int64', [s2, v2], [T(0), T(1)], torch.searchsorted)
    uns = inp(f64, [5], [5.0, 1.0, 3.0, 9.0, 7.0])
    srt = inp('int64', [5], [1, 2, 0, 4, 3])
    add('searchsorted', 'sorter', [uns, inp(f64, [3], [2.0, 7.0, 10.0]), srt], [T(0), T(1), {'sorter': T(2)}],
        lambda s, v, so: torch.searchsorted(s, v, sorter=so))
    add('searchsorted', 'empty values', [s1, seq(f64, [0])], [T(0), T(1)], torch.searchsorted)
    add('searchsorted', 'leading dims mismatch', [s2, seq('int64', [3, 3])], [T(0), T(1)], torch.searchsorted, kind='size')
    add('bucketize', 'left', [v1, s1], [T(0), T(1)], torch.bucketize)
    add('bucketize', 'right', [v1, s1], [T(0), T(1), {'right': True}], lambda v, s: torch.bucketize(v, s, right=True))
    add('bucketize', '2-D boundaries', [v1, s2], [T(0), T(1)], torch.bucketize, kind='size')
    # ---- bincount
    bi = inp('int64', [7], [0, 1, 1, 3, 5, 3, 3])
    add('bincount', 'counts', [bi], [T(0)], torch.bincount)
    add('bincount', 'minlength', [bi], [T(0), {'minlength': 9}], lambda x: torch.bincount(x, minlength=9))
    add('bincount', 'float32 weights', [bi, seq(f32, [7])], [T(0), {'weights': T(1)}], lambda x, w: torch.bincount(x, weights=w))
    add('bincount', 'float64 weights', [bi, seq(f64, [7])], [T(0), {'weights': T(1)}], lambda x, w: torch.bincount(x, weights=w))
    add('bincount', 'int weights', [bi, seq('int64', [7])], [T(0), {'weights': T(1)}], lambda x, w: torch.bincount(x, weights=w))
    add('bincount', 'uint8 input', [inp('uint8', [4], [2, 2, 0, 4])], [T(0)], torch.bincount)
    add('bincount', 'empty', [inp('int64', [0], [])], [T(0)], torch.bincount)
    add('bincount', 'empty minlength', [inp('int64', [0], [])], [T(0), {'minlength': 3}], lambda x: torch.bincount(x, minlength=3))
    add('bincount', 'negative', [inp('int64', [2], [1, -1])], [T(0)], torch.bincount, kind='type')
    add('bincount', 'float input', [seq(f32, [3])], [T(0)], torch.bincount, kind='type')
    # ---- clampMin / clampMax
    add('clampMin', 'float', [seq(f32, [5])], [T(0), 0.1], lambda x: torch.clamp_min(x, 0.1))
    add('clampMax', 'int64', [seq('int64', [5])], [T(0), 1], lambda x: torch.clamp_max(x, 1))
    # ---- einsum
    A, B = seq(f64, [3, 4]), seq(f64, [4, 5], 3)
    add('einsum', 'matmul', [A, B], ['ij,jk->ik', T(0), T(1)], lambda x, y: torch.einsum('ij,jk->ik', x, y))
    add('einsum', 'implicit matmul', [A, B], ['ij,jk', T(0), T(1)], lambda x, y: torch.einsum('ij,jk', x, y))
    add('einsum', 'implicit order', [A, B], ['jk,ij', T(1), T(0)], lambda x, y: torch.einsum('jk,ij', y, x))
    add('einsum', 'transpose', [A], ['ij->ji', T(0)], lambda x: torch.einsum('ij->ji', x))
    add('einsum', 'sum all', [A], ['ij->', T(0)], lambda x: torch.einsum('ij->', x))
    sq = seq(f64, [3, 3], 2)
    add('einsum', 'trace', [sq], ['ii', T(0)], lambda x: torch.einsum('ii', x))
    add('einsum', 'diagonal', [sq], ['ii->i', T(0)], lambda x: torch.einsum('ii->i', x))
    add('einsum', 'triple diagonal', [seq(f64, [2, 2, 2])], ['iii->i', T(0)], lambda x: torch.einsum('iii->i', x))
    add('einsum', 'outer', [seq(f64, [3]), seq(f64, [2], 5)], ['i,j->ij', T(0), T(1)], lambda x, y: torch.einsum('i,j->ij', x, y))
    add('einsum', 'dot', [seq(f64, [3]), seq(f64, [3], 5)], ['i,i', T(0), T(1)], lambda x, y: torch.einsum('i,i', x, y))
    add('einsum', 'batched matmul', [seq(f64, [2, 3, 4]), seq(f64, [2, 4, 2], 5)], ['bij,bjk->bik', T(0), T(1)],
        lambda x, y: torch.einsum('bij,bjk->bik', x, y))
    add('einsum', 'ellipsis broadcast', [seq(f64, [2, 1, 3, 4]), seq(f64, [5, 4, 2], 5)], ['...ij,...jk->...ik', T(0), T(1)],
        lambda x, y: torch.einsum('...ij,...jk->...ik', x, y))
    add('einsum', 'ellipsis implicit', [seq(f64, [2, 3, 4])], ['i...->...', T(0)], lambda x: torch.einsum('i...->...', x))
    add('einsum', 'ellipsis summed', [seq(f64, [2, 3, 4])], ['...j->j', T(0)], lambda x: torch.einsum('...j->j', x))
    add('einsum', 'three operands', [seq(f64, [2, 3]), seq(f64, [3, 4], 3), seq(f64, [4, 2], 5)], ['ij,jk,kl->il', T(0), T(1), T(2)],
        lambda x, y, z: torch.einsum('ij,jk,kl->il', x, y, z))
    add('einsum', 'bilinear', [seq(f64, [2, 3]), seq(f64, [5, 3, 4], 3), seq(f64, [2, 4], 5)], ['bn,anm,bm->ba', T(0), T(1), T(2)],
        lambda x, y, z: torch.einsum('bn,anm,bm->ba', x, y, z))
    add('einsum', 'label summed in one operand', [seq(f64, [2, 3]), seq(f64, [3, 4], 3)], ['ij,jk->k', T(0), T(1)],
        lambda x, y: torch.einsum('ij,jk->k', x, y))
    add('einsum', 'uppercase labels', [seq(f64, [2, 3]), seq(f64, [3, 2], 3)], ['Ab,bA', T(0), T(1)], lambda x, y: torch.einsum('Ab,bA', x, y))
    add('einsum', 'spaces', [A, B], [' ij , jk -> ki ', T(0), T(1)], lambda x, y: torch.einsum(' ij , jk -> ki ', x, y))
    add('einsum', 'empty dim', [seq(f64, [2, 0]), seq(f64, [0, 3])], ['ij,jk->ik', T(0), T(1)], lambda x, y: torch.einsum('ij,jk->ik', x, y))
    add('einsum', 'operand list', [A, B], ['ij,jk->ik', [T(0), T(1)]], lambda x, y: torch.einsum('ij,jk->ik', [x, y]))
    add('einsum', 'wrong operand count', [A], ['ij,jk->ik', T(0)], lambda x: torch.einsum('ij,jk->ik', x), kind='type')
    add('einsum', 'size mismatch', [A, A], ['ij,jk->ik', T(0), T(1)], lambda x, y: torch.einsum('ij,jk->ik', x, y), kind='size')
    add('einsum', 'unknown output label', [A], ['ij->iz', T(0)], lambda x: torch.einsum('ij->iz', x), kind='type')
    add('einsum', 'too many labels', [A], ['ijk->i', T(0)], lambda x: torch.einsum('ijk->i', x), kind='size')
    # ---- linalg norms
    M = seq(f64, [3, 4])
    for o in [2.0, 1.0, INF, -INF, 0.0, 3.5, -1.0]:
        add('linalg.vectorNorm', 'ord=%s' % o, [M], [T(0), o], lambda x, o=o: torch.linalg.vector_norm(x, o))
    add('linalg.vectorNorm', 'dim keepdim', [M], [T(0), 2, 1, {'keepdim': True}], lambda x: torch.linalg.vector_norm(x, 2, 1, True))
    add('linalg.vectorNorm', 'dims inf', [seq(f64, [2, 3, 4])], [T(0), INF, [0, 2]], lambda x: torch.linalg.vector_norm(x, INF, [0, 2]))
    add('linalg.vectorNorm', 'dtype float64', [seq(f32, [4])], [T(0), 2, None, {'dtype': {'dtype': 'float64'}}],
        lambda x: torch.linalg.vector_norm(x, dtype=torch.float64))
    add('linalg.vectorNorm', '0-D', [inp(f32, [], -3.0)], [T(0)], torch.linalg.vector_norm)
    add('linalg.vectorNorm', 'empty', [seq(f32, [0, 3])], [T(0)], torch.linalg.vector_norm)
    add('linalg.vectorNorm', 'empty inf', [seq(f32, [0, 3])], [T(0), INF], lambda x: torch.linalg.vector_norm(x, INF), kind='size')
    add('linalg.vectorNorm', 'int input', [seq('int64', [3])], [T(0)], torch.linalg.vector_norm, kind='type')
    for o in ['fro', 'nuc', 2.0, -2.0, 1.0, -1.0, INF, -INF]:
        add('linalg.matrixNorm', 'ord=%s' % o, [M], [T(0), o], lambda x, o=o: torch.linalg.matrix_norm(x, o))
    add('linalg.matrixNorm', 'batched dims keepdim', [seq(f64, [3, 2, 4])], [T(0), 1, [0, 2], {'keepdim': True}],
        lambda x: torch.linalg.matrix_norm(x, 1, (0, 2), True))
    add('linalg.matrixNorm', 'batched nuc', [seq(f64, [2, 3, 3])], [T(0), 'nuc'], lambda x: torch.linalg.matrix_norm(x, 'nuc'))
    add('linalg.matrixNorm', '1-D input', [seq(f64, [3])], [T(0)], torch.linalg.matrix_norm, kind='size')
    add('linalg.norm', 'default', [M], [T(0)], torch.linalg.norm)
    add('linalg.norm', '3-D default', [seq(f64, [2, 3, 2])], [T(0)], torch.linalg.norm)
    add('linalg.norm', 'matrix ord', [M], [T(0), 1], lambda x: torch.linalg.norm(x, 1))
    add('linalg.norm', 'vector ord', [seq(f64, [5])], [T(0), 1], lambda x: torch.linalg.norm(x, 1))
    add('linalg.norm', 'int dim', [M], [T(0), 3, 1], lambda x: torch.linalg.norm(x, 3, 1))
    add('linalg.norm', 'nuc', [M], [T(0), 'nuc'], lambda x: torch.linalg.norm(x, 'nuc'))
    add('linalg.norm', 'ord with 3-D and no dim', [seq(f64, [2, 2, 2])], [T(0), 2], lambda x: torch.linalg.norm(x, 2), kind='size')
    # ---- linalg decompositions (well-conditioned inputs)
    spd = inp(f64, [3, 3], [4.0, 1.0, 0.5, 1.0, 3.0, 0.2, 0.5, 0.2, 2.0])
    gen = inp(f64, [3, 3], [2.0, -1.0, 0.5, 1.0, 3.0, 0.2, -0.5, 0.7, 2.0])
    bat = inp(f64, [2, 2, 2], [2.0, 1.0, 0.5, 3.0, 1.0, -2.0, 0.3, 4.0])
    add('linalg.det', '3x3', [gen], [T(0)], torch.linalg.det)
    add('linalg.det', 'batched', [bat], [T(0)], torch.linalg.det)
    add('linalg.det', 'non-square', [M], [T(0)], torch.linalg.det, kind='size')
    add('linalg.inv', '3x3', [gen], [T(0)], torch.linalg.inv)
    add('linalg.inv', 'batched', [bat], [T(0)], torch.linalg.inv)
    add('linalg.inv', 'int input', [inp('int64', [2, 2], [1, 0, 0, 1])], [T(0)], torch.linalg.inv, kind='type')
    add('linalg.solve', 'matrix B', [gen, seq(f64, [3, 2])], [T(0), T(1)], torch.linalg.solve)
    add('linalg.solve', 'vector B', [gen, seq(f64, [3])], [T(0), T(1)], torch.linalg.solve)
    add('linalg.solve', 'batched vector B', [bat, seq(f64, [2, 2])], [T(0), T(1)], torch.linalg.solve)
    add('linalg.solve', 'broadcast B', [bat, seq(f64, [2, 3])], [T(0), T(1)], torch.linalg.solve)
    add('linalg.solve', 'size mismatch', [gen, seq(f64, [4, 2])], [T(0), T(1)], torch.linalg.solve, kind='size')
    add('linalg.cholesky', 'lower', [spd], [T(0)], torch.linalg.cholesky)
    add('linalg.cholesky', 'upper', [spd], [T(0), {'upper': True}], lambda x: torch.linalg.cholesky(x, upper=True))
    add('linalg.eigh', 'values', [spd], [T(0)], lambda x: {'eigenvalues': torch.linalg.eigh(x)[0]})
    add('linalg.eigh', 'upper', [gen], [T(0), 'U'], lambda x: {'eigenvalues': torch.linalg.eigh(x, 'U')[0]})
    add('linalg.svd', 'values', [M], [T(0), False], lambda x: {'S': torch.linalg.svd(x, False)[1]})
    add('linalg.qr', 'r', [M], [T(0), 'r'], lambda x: {'R': torch.linalg.qr(x, 'r')[1].abs()})
    add('linalg.pinv', '3x4', [M], [T(0)], torch.linalg.pinv)
    add('linalg.matrixRank', 'full', [M], [T(0)], torch.linalg.matrix_rank)
    add('linalg.matrixRank', 'rank 1', [inp(f64, [3, 3], [1, 2, 3, 2, 4, 6, 3, 6, 9])], [T(0)], torch.linalg.matrix_rank)
    add('linalg.matrixRank', 'batched', [bat], [T(0)], torch.linalg.matrix_rank)
    add('linalg.matrixRank', 'tol', [inp(f64, [2, 2], [1, 0, 0, 1e-3])], [T(0), {'tol': 1e-2}], lambda x: torch.linalg.matrix_rank(x, tol=1e-2))
    add('linalg.lstsq', 'tall', [seq(f64, [5, 3]), seq(f64, [5, 2], 3)], [T(0), T(1)], 
        # gelsy's last bits vary from run to run: rounded to 1e-12 so the file is reproducible.
        lambda x, y: {'solution': torch.linalg.lstsq(x, y).solution.mul(1e12).round().div(1e12)})
    return out


def main():
    torch.set_num_threads(1)
    gf.write(OUT, cases(), 'tools/gen_fixtures_everyday.py')


if __name__ == '__main__':
    import warnings
    warnings.filterwarnings('ignore')
    main()
