#!/usr/bin/python3
"""Reference values from real PyTorch for the LAPACK ops (packages/core/test/lapack.test.ts).

Run with Debian's PyTorch 1.13:  /usr/bin/python3 tools/gen_fixtures_lapack.py
Writes packages/core/test/fixtures/lapack.json; deterministic (fixed seeds, sorted keys).

Uses the encoding of tools/gen_fixtures.py (see docs/testing.md). Each case is
  {op, dtype, name, inputs: [tensor specs], options: {...camelCase...}, expected: {field: tensor} | {error, kind}}
with the fields named as the TypeScript functions return them ('out' for single-tensor results).
`kind` says which error class we throw: 'type' (TorchTypeError), 'size' (TorchSizeError) or
'linalg' (TorchLinAlgError).

torch.eig was removed in 1.13; its eigenvalues (n x 2: real, imaginary) come from torch.linalg.eigvals,
in LAPACK's order. Eigenvectors and singular vectors are only defined up to sign/phase: the tests check
them through invariants, and against these references up to the sign of each column.
"""
import os
import random
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_fixtures as gf  # noqa: E402

OUT = 'lapack.json'
FL = ['float32', 'float64']


def rnd(r, shape, lo=-2.0, hi=2.0):
    t = torch.tensor([round(r.uniform(lo, hi), 4) for _ in range(max(1, _numel(shape)))], dtype=torch.float64)
    return t[:_numel(shape)].reshape(shape)


def _numel(shape):
    n = 1
    for s in shape:
        n *= s
    return n


def make(d, m, layout='contig', r=None):
    """An Input whose view, applied to its base, gives the float64 matrix batch m (then cast to d)."""
    if layout == 'contig':
        return gf.Input(d, list(m.shape), m.reshape(-1).tolist())
    if layout == 't':
        base = m.transpose(-1, -2).contiguous()
        view = [['t']] if m.dim() == 2 else [['transpose', m.dim() - 2, m.dim() - 1]]
        return gf.Input(d, list(base.shape), base.reshape(-1).tolist(), view)
    if layout == 'strided':
        shape = list(m.shape)
        shape[-1] *= 2
        base = rnd(r, shape)
        base[..., ::2] = m
        return gf.Input(d, shape, base.reshape(-1).tolist(), [['get', '...', '::2']])
    if layout == 'expand':
        assert m.shape[0] == 1
        return gf.Input(d, list(m.shape), m.reshape(-1).tolist(), [['expand', [3] + list(m.shape[1:])]])
    raise ValueError(layout)


def well(r, shape):
    """Random square matrices with a dominant diagonal (well conditioned)."""
    m = rnd(r, shape)
    n = shape[-1]
    return m + n * torch.eye(n, dtype=torch.float64) if n else m


def spd(r, shape):
    m = rnd(r, shape)
    n = shape[-1]
    return (m @ m.transpose(-1, -2) + n * torch.eye(n, dtype=torch.float64)).round(decimals=4) if n else m


def sym(r, shape):
    m = rnd(r, shape)
    return (m + m.transpose(-1, -2)).round(decimals=4)


def tri(r, shape, upper):
    m = well(r, shape)
    return m.triu() if upper else m.tril()


def enc_result(res, names):
    if isinstance(res, torch.Tensor):
        res = (res,)
    return {name: gf.enc_tensor(t) for name, t in zip(names, res)}


def eig_values(a):
    if a.dim() != 2:  # torch.eig took 2-D input only
        raise RuntimeError('eig: input must be a 2-D square matrix')
    return torch.view_as_real(torch.linalg.eigvals(a)).to(a.dtype)


CALLS = {
    'inverse': (lambda ts, o: torch.inverse(ts[0]), ['out']),
    'det': (lambda ts, o: torch.det(ts[0]), ['out']),
    'logdet': (lambda ts, o: torch.logdet(ts[0]), ['out']),
    'slogdet': (lambda ts, o: torch.slogdet(ts[0]), ['sign', 'logabsdet']),
    'solve': (lambda ts, o: torch.linalg.solve(ts[0], ts[1]), ['out']),
    'lstsq': (lambda ts, o: torch.linalg.lstsq(ts[0], ts[1], driver='gels')[:2], ['solution', 'residuals']),
    'cholesky': (lambda ts, o: torch.cholesky(ts[0], upper=o.get('upper', False)), ['out']),
    'choleskySolve': (lambda ts, o: torch.cholesky_solve(ts[0], ts[1], upper=o.get('upper', False)), ['out']),
    'choleskyInverse': (lambda ts, o: torch.cholesky_inverse(ts[0], upper=o.get('upper', False)), ['out']),
    'triangularSolve': (lambda ts, o: torch.triangular_solve(ts[0], ts[1], upper=o.get('upper', True),
                                                             transpose=o.get('transpose', False),
                                                             unitriangular=o.get('unitriangular', False)),
                        ['solution', 'clonedCoefficient']),
    'qr': (lambda ts, o: torch.qr(ts[0], some=o.get('some', True)), ['Q', 'R']),
    'svd': (lambda ts, o: torch.svd(ts[0], some=o.get('some', True), compute_uv=o.get('computeUv', True)), ['U', 'S', 'V']),
    'eig': (lambda ts, o: eig_values(ts[0]), ['eigenvalues']),
    'symeig': (lambda ts, o: torch.symeig(ts[0], eigenvectors=o.get('eigenvectors', False), upper=o.get('upper', True)),
               ['eigenvalues', 'eigenvectors']),
    'pinverse': (lambda ts, o: torch.pinverse(ts[0], rcond=o.get('rcond', 1e-15)), ['out']),
    'matrixPower': (lambda ts, o: torch.matrix_power(ts[0], o['n']), ['out']),
    # The 0.x LAPACK names: B before A, and the upper Cholesky factor by default.
    'gesv': (lambda ts, o: (torch.linalg.solve(ts[1], ts[0]), torch.linalg.lu_factor(ts[1])[0]), ['solution', 'LU']),
    'gels': (lambda ts, o: (torch.linalg.lstsq(ts[1], ts[0], driver='gels')[0], torch.geqrf(ts[1])[0]), ['solution', 'QR']),
    'potrf': (lambda ts, o: torch.cholesky(ts[0], upper=o.get('upper', True)), ['out']),
    'potrs': (lambda ts, o: torch.cholesky_solve(ts[0], ts[1], upper=o.get('upper', True)), ['out']),
    'potri': (lambda ts, o: torch.cholesky_inverse(ts[0], upper=o.get('upper', True)), ['out']),
    'trtrs': (lambda ts, o: torch.triangular_solve(ts[0], ts[1], upper=o.get('upper', True)), ['solution', 'clonedCoefficient']),
}


def cases():
    r = random.Random(3)
    out = []

    def add(op, d, name, inputs, options=None, kind=None):
        opts = options or {}
        fn, names = CALLS[op]
        try:
            res = enc_result(fn([x.make() for x in inputs], opts), names)
            assert kind is None, (op, name, 'expected an error')
        except Exception as e:  # noqa: BLE001
            assert kind is not None, (op, name, str(e))
            res = {'error': str(e).split('\n')[0], 'kind': kind}
        out.append({'op': op, 'dtype': d, 'name': name, 'inputs': [x.enc() for x in inputs], 'options': opts,
                    'expected': res})

    for d in FL:
        # ---- inverse / det family
        for op in ['inverse', 'det', 'logdet', 'slogdet']:
            add(op, d, '3x3', [make(d, well(r, [3, 3]))])
            add(op, d, '1x1', [make(d, well(r, [1, 1]))])
            add(op, d, 'transposed', [make(d, well(r, [4, 4]), 't')])
            add(op, d, 'strided', [make(d, well(r, [3, 3]), 'strided', r)])
            add(op, d, 'batched', [make(d, well(r, [2, 3, 3]))])
            add(op, d, 'batched 4-D transposed', [make(d, well(r, [2, 2, 3, 3]), 't')])
            add(op, d, 'expanded batch', [make(d, well(r, [1, 3, 3]), 'expand')])
            add(op, d, 'empty 0x0', [make(d, torch.zeros(0, 0, dtype=torch.float64))])
            add(op, d, 'empty batch', [make(d, torch.zeros(0, 3, 3, dtype=torch.float64))])
            add(op, d, 'batch of 0x0', [make(d, torch.zeros(2, 0, 0, dtype=torch.float64))])
            add(op, d, 'non-square', [make(d, rnd(r, [2, 3]))], kind='size')
            add(op, d, '1-D', [make(d, rnd(r, [3]))], kind='size')
            sing = torch.tensor([[1, 2, 3], [2, 4, 6], [1, 0, 1]], dtype=torch.float64)
            neg = torch.tensor([[0, 1], [1, 0]], dtype=torch.float64)
            if op == 'inverse':
                add(op, d, 'singular', [make(d, sing)], kind='linalg')
                add(op, d, 'batch element 1 singular', [make(d, torch.stack([torch.eye(3, dtype=torch.float64), sing]))], kind='linalg')
            else:
                add(op, d, 'singular', [make(d, torch.zeros(3, 3, dtype=torch.float64))])
                add(op, d, 'negative det, batched singular', [make(d, torch.stack([neg, torch.zeros(2, 2, dtype=torch.float64), 2 * torch.eye(2, dtype=torch.float64)]))])
                add(op, d, 'nan', [make(d, torch.tensor([[float('nan'), 1], [1, 1]], dtype=torch.float64))])
        # ---- solve
        add('solve', d, 'matrix rhs', [make(d, well(r, [3, 3])), make(d, rnd(r, [3, 2]))])
        add('solve', d, 'vector rhs', [make(d, well(r, [3, 3])), make(d, rnd(r, [3]))])
        add('solve', d, 'batched', [make(d, well(r, [2, 3, 3])), make(d, rnd(r, [2, 3, 2]))])
        add('solve', d, 'batched vector rhs', [make(d, well(r, [2, 3, 3])), make(d, rnd(r, [2, 3]))])
        add('solve', d, 'broadcast A', [make(d, well(r, [3, 3]), 't'), make(d, rnd(r, [4, 3, 2]))])
        add('solve', d, 'broadcast B', [make(d, well(r, [2, 1, 3, 3])), make(d, rnd(r, [3, 3, 1]), 't')])
        add('solve', d, 'expanded', [make(d, well(r, [1, 4, 4]), 'expand'), make(d, rnd(r, [4, 2]), 'strided', r)])
        add('solve', d, 'empty n=0', [make(d, torch.zeros(0, 0, dtype=torch.float64)), make(d, torch.zeros(0, 2, dtype=torch.float64))])
        add('solve', d, 'empty k=0', [make(d, well(r, [3, 3])), make(d, torch.zeros(3, 0, dtype=torch.float64))])
        add('solve', d, 'singular', [make(d, torch.zeros(3, 3, dtype=torch.float64)), make(d, rnd(r, [3, 1]))], kind='linalg')
        add('solve', d, 'size mismatch', [make(d, well(r, [3, 3])), make(d, rnd(r, [4, 1]))], kind='size')
        add('solve', d, 'non-square', [make(d, rnd(r, [3, 2])), make(d, rnd(r, [3, 1]))], kind='size')
        # ---- lstsq
        add('lstsq', d, 'overdetermined', [make(d, rnd(r, [5, 3])), make(d, rnd(r, [5, 2]))])
        add('lstsq', d, 'underdetermined', [make(d, rnd(r, [3, 5])), make(d, rnd(r, [3, 2]))])
        add('lstsq', d, 'square', [make(d, well(r, [3, 3])), make(d, rnd(r, [3, 1]))])
        add('lstsq', d, 'vector rhs', [make(d, rnd(r, [4, 3])), make(d, rnd(r, [4]))])
        add('lstsq', d, 'batched transposed', [make(d, rnd(r, [2, 5, 3]), 't'), make(d, rnd(r, [2, 5, 2]))])
        add('lstsq', d, 'batched underdetermined strided', [make(d, rnd(r, [2, 2, 4]), 'strided', r), make(d, rnd(r, [2, 2, 3]))])
        add('lstsq', d, 'batched vector rhs', [make(d, rnd(r, [2, 4, 3])), make(d, rnd(r, [2, 4]))])
        add('lstsq', d, 'empty m=0', [make(d, torch.zeros(0, 3, dtype=torch.float64)), make(d, torch.zeros(0, 2, dtype=torch.float64))])
        add('lstsq', d, 'row mismatch', [make(d, rnd(r, [4, 3])), make(d, rnd(r, [3, 2]))], kind='size')
        # ---- the 0.x names
        add('gesv', d, 'matrix rhs', [make(d, rnd(r, [3, 2])), make(d, well(r, [3, 3]))])
        add('gesv', d, 'batched transposed', [make(d, rnd(r, [2, 3, 1])), make(d, well(r, [2, 3, 3]), 't')])
        add('gesv', d, 'singular', [make(d, rnd(r, [3, 1])), make(d, torch.zeros(3, 3, dtype=torch.float64))], kind='linalg')
        add('gels', d, 'overdetermined', [make(d, rnd(r, [5, 2])), make(d, rnd(r, [5, 3]))])
        add('gels', d, 'square transposed', [make(d, rnd(r, [3, 1])), make(d, well(r, [3, 3]), 't')])
        add('potrf', d, 'default upper', [make(d, spd(r, [3, 3]))])
        add('potrf', d, 'lower', [make(d, spd(r, [3, 3]))], {'upper': False})
        up = torch.linalg.cholesky(spd(r, [3, 3]), upper=True).round(decimals=4)
        add('potrs', d, 'default upper', [make(d, rnd(r, [3, 2])), make(d, up)])
        add('potri', d, 'default upper', [make(d, up)])
        add('trtrs', d, 'default upper', [make(d, rnd(r, [3, 2])), make(d, tri(r, [3, 3], True))])
        # ---- cholesky family
        for upper in [False, True]:
            o = {'upper': upper}
            u = ' upper' if upper else ''
            add('cholesky', d, '3x3' + u, [make(d, spd(r, [3, 3]))], o)
            add('cholesky', d, 'batched transposed' + u, [make(d, spd(r, [2, 4, 4]), 't')], o)
            add('cholesky', d, 'strided' + u, [make(d, spd(r, [3, 3]), 'strided', r)], o)
            add('cholesky', d, 'empty' + u, [make(d, torch.zeros(0, 0, dtype=torch.float64))], o)
            add('cholesky', d, 'not positive-definite' + u, [make(d, -torch.eye(3, dtype=torch.float64))], o, kind='linalg')
            add('cholesky', d, 'batch element 1 not positive-definite' + u,
                [make(d, torch.stack([torch.eye(2, dtype=torch.float64), torch.tensor([[1, 2], [2, 1]], dtype=torch.float64)]))], o, kind='linalg')
            f = lambda m: torch.linalg.cholesky(m, upper=upper).round(decimals=4)  # noqa: E731
            add('choleskySolve', d, '3x3' + u, [make(d, rnd(r, [3, 2])), make(d, f(spd(r, [3, 3])))], o)
            add('choleskySolve', d, 'broadcast' + u, [make(d, rnd(r, [2, 3, 2]), 't'), make(d, f(spd(r, [3, 3])))], o)
            add('choleskySolve', d, 'batched expanded' + u, [make(d, rnd(r, [3, 4, 1])), make(d, f(spd(r, [1, 4, 4])), 'expand')], o)
            add('choleskyInverse', d, '3x3' + u, [make(d, f(spd(r, [3, 3])))], o)
            add('choleskyInverse', d, 'batched transposed' + u, [make(d, f(spd(r, [2, 3, 3])), 't')], o)
            add('choleskyInverse', d, 'empty' + u, [make(d, torch.zeros(0, 0, dtype=torch.float64))], o)
            add('choleskyInverse', d, 'singular' + u, [make(d, torch.zeros(3, 3, dtype=torch.float64))], o, kind='linalg')
        add('choleskySolve', d, 'size mismatch', [make(d, rnd(r, [4, 2])), make(d, torch.eye(3, dtype=torch.float64))], kind='size')
        # ---- triangular solve
        for upper in [True, False]:
            for trans in [False, True]:
                for unit in [False, True]:
                    o = {'upper': upper, 'transpose': trans, 'unitriangular': unit}
                    add('triangularSolve', d, 'upper=%s transpose=%s unit=%s' % (upper, trans, unit),
                        [make(d, rnd(r, [3, 2])), make(d, tri(r, [3, 3], upper) + (0 if not unit else rnd(r, [3, 3])))], o)
        add('triangularSolve', d, 'defaults batched broadcast', [make(d, rnd(r, [2, 3, 2]), 't'), make(d, tri(r, [3, 3], True))])
        add('triangularSolve', d, 'broadcast A batch', [make(d, rnd(r, [3, 1])), make(d, tri(r, [1, 3, 3], False), 'expand')], {'upper': False})
        add('triangularSolve', d, 'singular gives inf/nan', [make(d, torch.ones(2, 1, dtype=torch.float64)), make(d, torch.zeros(2, 2, dtype=torch.float64))])
        add('triangularSolve', d, 'empty', [make(d, torch.zeros(0, 2, dtype=torch.float64)), make(d, torch.zeros(0, 0, dtype=torch.float64))])
        add('triangularSolve', d, 'size mismatch', [make(d, rnd(r, [4, 1])), make(d, tri(r, [3, 3], True))], kind='size')
        # ---- qr
        add('qr', d, 'tall', [make(d, rnd(r, [5, 3]))])
        add('qr', d, 'wide', [make(d, rnd(r, [3, 5]))])
        add('qr', d, 'square transposed', [make(d, rnd(r, [4, 4]), 't')])
        add('qr', d, 'tall complete', [make(d, rnd(r, [5, 3]))], {'some': False})
        add('qr', d, 'wide complete', [make(d, rnd(r, [2, 4]))], {'some': False})
        add('qr', d, 'batched strided', [make(d, rnd(r, [2, 4, 3]), 'strided', r)])
        add('qr', d, 'empty 0x3', [make(d, torch.zeros(0, 3, dtype=torch.float64))])
        add('qr', d, 'empty 3x0', [make(d, torch.zeros(3, 0, dtype=torch.float64))])
        add('qr', d, 'empty 3x0 complete', [make(d, torch.zeros(3, 0, dtype=torch.float64))], {'some': False})
        # ---- svd
        add('svd', d, 'tall', [make(d, rnd(r, [5, 3]))])
        add('svd', d, 'wide transposed', [make(d, rnd(r, [3, 5]), 't')])
        add('svd', d, 'tall complete', [make(d, rnd(r, [4, 2]))], {'some': False})
        add('svd', d, 'wide complete', [make(d, rnd(r, [2, 4]))], {'some': False})
        add('svd', d, 'no u, v', [make(d, rnd(r, [4, 3]))], {'computeUv': False})
        add('svd', d, 'batched expanded', [make(d, rnd(r, [1, 3, 4]), 'expand')])
        add('svd', d, 'rank deficient', [make(d, torch.tensor([[1, 2], [2, 4], [3, 6]], dtype=torch.float64))])
        add('svd', d, 'empty 0x3', [make(d, torch.zeros(0, 3, dtype=torch.float64))])
        add('svd', d, 'nan', [make(d, torch.tensor([[float('nan'), 1], [1, 1]], dtype=torch.float64))], kind='linalg')
        # ---- eig (eigenvalues; eigenvectors are checked by invariants)
        rot = torch.tensor([[0, -1, 0], [1, 0, 0], [0, 0, 2]], dtype=torch.float64)
        for ev in [False, True]:
            o = {'eigenvectors': ev}
            add('eig', d, 'random 4x4 ev=%s' % ev, [make(d, rnd(r, [4, 4]))], o)
            add('eig', d, 'complex pair ev=%s' % ev, [make(d, rot)], o)
            add('eig', d, 'symmetric transposed ev=%s' % ev, [make(d, sym(r, [3, 3]), 't')], o)
            add('eig', d, 'strided ev=%s' % ev, [make(d, rnd(r, [3, 3]), 'strided', r)], o)
        add('eig', d, 'batched', [make(d, rnd(r, [2, 3, 3]))], kind='size')
        # ---- symeig
        for ev in [False, True]:
            for upper in [True, False]:
                o = {'eigenvectors': ev, 'upper': upper}
                s = ' ev=%s upper=%s' % (ev, upper)
                add('symeig', d, 'symmetric' + s, [make(d, sym(r, [4, 4]))], o)
                add('symeig', d, 'one triangle read' + s, [make(d, rnd(r, [3, 3]))], o)
                add('symeig', d, 'batched transposed' + s, [make(d, sym(r, [2, 3, 3]), 't')], o)
            add('symeig', d, 'empty ev=%s' % ev, [make(d, torch.zeros(0, 0, dtype=torch.float64))], o)
        add('symeig', d, 'defaults', [make(d, sym(r, [3, 3]))])
        # ---- pinverse
        add('pinverse', d, 'tall', [make(d, rnd(r, [5, 3]))])
        add('pinverse', d, 'wide transposed', [make(d, rnd(r, [3, 5]), 't')])
        add('pinverse', d, 'rank deficient', [make(d, torch.tensor([[1, 2], [2, 4], [3, 6]], dtype=torch.float64))], {'rcond': 1e-5})
        add('pinverse', d, 'batched rcond 0.5', [make(d, rnd(r, [2, 3, 3]))], {'rcond': 0.5})
        add('pinverse', d, 'empty', [make(d, torch.zeros(0, 3, dtype=torch.float64))])
        # ---- matrix power
        for n in [0, 1, 2, 3, 5, -1, -2]:
            add('matrixPower', d, 'n=%d' % n, [make(d, well(r, [3, 3]) / 3)], {'n': n})
        add('matrixPower', d, 'batched transposed n=3', [make(d, well(r, [2, 3, 3]) / 3, 't')], {'n': 3})
        add('matrixPower', d, 'batched n=-3', [make(d, well(r, [2, 2, 2]) / 2)], {'n': -3})
        add('matrixPower', d, 'batched n=0', [make(d, rnd(r, [2, 2, 2]))], {'n': 0})
        add('matrixPower', d, 'empty', [make(d, torch.zeros(0, 0, dtype=torch.float64))], {'n': 3})
        add('matrixPower', d, 'singular n=-1', [make(d, torch.zeros(2, 2, dtype=torch.float64))], {'n': -1}, kind='linalg')
        add('matrixPower', d, 'non-square', [make(d, rnd(r, [2, 3]))], {'n': 2}, kind='size')

    # dtype errors: integer input is a TorchTypeError; integer matrix powers n >= 0 work.
    ii = lambda shape, vals: gf.Input('int64', shape, vals)  # noqa: E731
    for op in ['inverse', 'det', 'logdet', 'slogdet', 'cholesky', 'choleskyInverse', 'qr', 'svd', 'eig', 'symeig', 'pinverse']:
        add(op, 'int64', 'integer input', [ii([2, 2], [2, 1, 1, 2])], kind='type')
    add('solve', 'int64', 'integer input', [ii([2, 2], [2, 1, 1, 2]), ii([2, 1], [1, 1])], kind='type')
    add('solve', 'float32', 'dtype mismatch', [gf.Input('float32', [2, 2], [2, 1, 1, 2]), gf.Input('float64', [2, 1], [1, 1])], kind='type')
    add('lstsq', 'int64', 'integer input', [ii([2, 2], [2, 1, 1, 2]), ii([2, 1], [1, 1])], kind='type')
    add('triangularSolve', 'int64', 'integer input', [ii([2, 1], [1, 1]), ii([2, 2], [2, 1, 0, 2])], kind='type')
    add('choleskySolve', 'int64', 'integer input', [ii([2, 1], [1, 1]), ii([2, 2], [2, 0, 1, 2])], kind='type')
    add('inverse', 'float16', 'float16 input', [gf.Input('float16', [2, 2], [2, 1, 1, 2])], kind='type')
    add('matrixPower', 'int64', 'integer n=3', [ii([2, 2], [1, 1, 0, 1])], {'n': 3})
    add('matrixPower', 'int64', 'integer n=0', [ii([2, 2], [1, 1, 0, 1])], {'n': 0})
    add('matrixPower', 'int64', 'integer beyond 2^31', [ii([2, 2], [3000000000, 0, 0, 1])], {'n': 2})
    add('matrixPower', 'int64', 'integer n=-1', [ii([2, 2], [1, 1, 0, 1])], {'n': -1}, kind='type')
    return out


def main():
    torch.manual_seed(0)
    torch.set_default_dtype(torch.float32)
    torch.set_num_threads(1)
    gf.write(OUT, cases(), 'tools/gen_fixtures_lapack.py')


if __name__ == '__main__':
    import warnings
    warnings.filterwarnings('ignore')
    main()
