#!/usr/bin/python3
"""Reference values from real PyTorch for the @torch/core conformance tests.

Run with Debian's PyTorch 1.13 (python3-torch), not whatever `python3` is first on PATH:

    /usr/bin/python3 tools/gen_fixtures.py        # or: pnpm fixtures

It writes packages/core/test/fixtures/*.json, which are committed; CI never runs Python.
The output is deterministic (fixed seeds, sorted keys, no timestamps), so re-running it on an
unchanged script gives byte-identical files.

Encoding (read by packages/core/test/fixtures.ts):
  - a tensor is {"dtype": "float32", "shape": [3, 4], "data": [...row-major...]} and, for inputs,
    an optional "view": a list of steps applied after building the contiguous base tensor of
    `shape` (["t"], ["transpose", d0, d1], ["expand", [sizes]], ["get", idx...], ...), so that
    non-contiguous and stride-0 inputs are reproduced exactly on both sides;
  - floats that JSON cannot hold are the strings "nan", "inf", "-inf"; -0.0 is written as -0.0;
  - integers beyond 2**53 in magnitude are decimal strings; bools are 0/1;
  - a JS scalar operand is {"scalar": v}: an integer-valued v is an int (an int64 scalar for type
    promotion, as a JS integer number is), anything else a float; true/false are bool scalars;
  - an expected result is {"dtype", "shape", "data"} or {"error": "<PyTorch's message>"}.
  - "emulated": true marks float16 results that PyTorch 1.13 has no CPU kernel for ("not implemented
    for 'Half'"): the reference is the float32 result rounded to float16, which is how we define them.

Values whose conversion is undefined behaviour in C++ (NaN/Inf or out-of-range floats converted to an
integer type, signed int64 overflow) are not generated.
"""
import json
import math
import os
import random

import torch

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'packages', 'core', 'test', 'fixtures')

DTYPES = {
    'float32': torch.float32, 'float64': torch.float64, 'float16': torch.float16,
    'int64': torch.int64, 'int32': torch.int32, 'int16': torch.int16, 'int8': torch.int8,
    'uint8': torch.uint8, 'bool': torch.bool,
}
NAMES = {v: k for k, v in DTYPES.items()}
FLOATS = ['float32', 'float64', 'float16']
INTS = ['int64', 'int32', 'int16', 'int8', 'uint8']
ALL = FLOATS + INTS + ['bool']

UNARY = ['neg', 'abs', 'sign', 'reciprocal', 'sqrt', 'rsqrt', 'exp', 'log', 'log1p', 'expm1', 'sin', 'cos', 'tan',
         'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'sigmoid', 'floor', 'ceil', 'round', 'trunc', 'frac']
BINARY = ['add', 'sub', 'mul', 'div', 'atan2', 'pow', 'fmod', 'remainder', 'minimum', 'maximum',
          'eq', 'ne', 'lt', 'le', 'gt', 'ge']
# Python's torch.atan2 etc. take no Number for `other`; a 0-dim tensor promotes like a wrapped scalar
# as long as it has the scalar's default dtype (int64 / float32 / bool), which torch.tensor(v) gives.
NO_SCALAR_API = {'atan2', 'minimum', 'maximum'}

FLOAT_SPECIALS = [float('nan'), float('inf'), float('-inf'), -0.0, 0.0, 1.0, -2.5, 0.5, 7.0]
UNARY_SPECIALS = [float('nan'), float('inf'), float('-inf'), -0.0, 0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 1.0, -1.0, 100.0, -100.0, 1e-8]


# ---------------------------------------------------------------- encoding

def enc_value(v, dtype):
    if dtype == 'bool':
        return 1 if v else 0
    if dtype in INTS:
        v = int(v)
        return v if abs(v) <= 2 ** 53 else str(v)
    v = float(v)
    if math.isnan(v):
        return 'nan'
    if math.isinf(v):
        return 'inf' if v > 0 else '-inf'
    return v


def flat_list(t):
    x = t.detach().contiguous().reshape(-1).tolist()
    return x


def enc_tensor(t):
    d = NAMES[t.dtype]
    return {'dtype': d, 'shape': list(t.shape), 'data': [enc_value(v, d) for v in flat_list(t)]}


def apply_view(t, steps):
    for s in steps or []:
        name, args = s[0], s[1:]
        if name == 't':
            t = t.t()
        elif name == 'transpose':
            t = t.transpose(*args)
        elif name == 'expand':
            t = t.expand(*args[0])
        elif name == 'get':
            t = t[py_index(args)]
        else:
            raise ValueError(name)
    return t


def py_index(idx):
    out = []
    for i in idx:
        if i is None:
            out.append(None)
        elif i == '...':
            out.append(Ellipsis)
        elif isinstance(i, int):
            out.append(i)
        else:
            parts = [int(p) if p.strip() else None for p in i.split(':')]
            out.append(slice(*parts))
    return tuple(out)


class Input:
    """A tensor input: a contiguous base of `shape` and `values`, then view steps."""

    def __init__(self, dtype, shape, values, view=None):
        if dtype == 'bool':
            base = torch.tensor(values, dtype=torch.bool)
        elif dtype in FLOATS:
            base = torch.tensor(values, dtype=torch.float64).to(DTYPES[dtype])
        else:
            base = torch.tensor(values, dtype=torch.int64).to(DTYPES[dtype])
        self.base = base.reshape(shape)
        self.view = view

    def make(self):
        return apply_view(self.base.clone(), self.view)

    def enc(self):
        e = enc_tensor(self.base)
        if self.view:
            e['view'] = self.view
        return e


class Scalar:
    def __init__(self, v):
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        self.v = v

    def make(self):
        return self.v

    def enc(self):
        v = self.v
        if isinstance(v, bool):
            return {'scalar': v}
        if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
            return {'scalar': enc_value(v, 'float64')}
        return {'scalar': v}


def run(fn, emulate_half=None):
    """Runs fn(); returns the encoded result (or error) and whether it was emulated."""
    try:
        r = fn()
        return enc_tensor(r), False
    except Exception as e:  # noqa: BLE001
        msg = str(e).split('\n')[0]
        if "not implemented for 'Half'" in msg and emulate_half is not None:
            return enc_tensor(emulate_half()), True
        return {'error': msg}, False


def result(out, emulated):
    d = dict(out)
    if emulated:
        d['emulated'] = True
    return d


def half_to_float(x):
    return x.float() if isinstance(x, torch.Tensor) and x.dtype == torch.float16 else x


def emulated_call(fn, args, result_dtype):
    """fn on the float16 arguments widened to float32, result narrowed to result_dtype."""
    r = fn(*[half_to_float(a) for a in args])
    return r.to(result_dtype) if r.dtype == torch.float32 and result_dtype == torch.float16 else r


# ---------------------------------------------------------------- values

def values(r, dtype, n, kind='gen'):
    if dtype == 'bool':
        if kind in ('nz',):
            return [True] * n
        return [r.random() < 0.5 for _ in range(n)]
    if dtype in INTS:
        lo, hi = (0, 20) if dtype == 'uint8' else (-9, 9)
        if kind == 'exp':
            lo, hi = 0, 3
        if kind == 'base':
            lo, hi = (0, 5) if dtype == 'uint8' else (-4, 4)
        out = []
        while len(out) < n:
            v = r.randint(lo, hi)
            if kind == 'nz' and v == 0:
                continue
            out.append(v)
        return out
    if kind == 'unit':
        return [round(r.uniform(-1.2, 1.2), 3) for _ in range(n)]
    if kind == 'pos':
        return [round(r.uniform(0.1, 4), 3) for _ in range(n)]
    return [round(r.uniform(-4, 4), 3) for _ in range(n)]


def unary_kind(op):
    return 'unit' if op in ('asin', 'acos') else 'gen'


def binary_kinds(op, da, db):
    """Value kinds for self and other of a binary op (avoid integer division by zero and overflow)."""
    if op == 'pow':
        if da in INTS + ['bool'] and db in INTS + ['bool']:
            return 'base', 'exp'
        return 'gen', 'gen'
    if op in ('fmod', 'remainder', 'div'):
        return 'gen', 'nz'
    return 'gen', 'gen'


# ---------------------------------------------------------------- elementwise

def unary_ref(op, x):
    fn = getattr(torch, op)
    return run(lambda: fn(x.make()), lambda: emulated_call(fn, [x.make()], torch.float16))


def unary_cases():
    r = random.Random(1)
    cases = []
    for op in UNARY:
        for d in ALL:
            k = unary_kind(op)
            layouts = [
                ('contiguous', Input(d, [3, 4], values(r, d, 12, k))),
                ('transposed', Input(d, [4, 3], values(r, d, 12, k), [['t']])),
                ('expanded', Input(d, [3, 1], values(r, d, 3, k), [['expand', [3, 4]]])),
                ('strided', Input(d, [2, 6], values(r, d, 12, k), [['get', ':', '::2']])),
                ('0-dim', Input(d, [], values(r, d, 1, k)[0])),
                ('empty [0]', Input(d, [0], [])),
                ('empty [2,0]', Input(d, [2, 0], [])),
            ]
            if d in FLOATS:
                layouts.append(('specials', Input(d, [len(UNARY_SPECIALS)], UNARY_SPECIALS)))
            if d == 'int64' and op in ('neg', 'abs', 'sign', 'floor', 'ceil', 'round', 'trunc'):
                layouts.append(('int64 large', Input(d, [6], [2 ** 53 + 1, -(2 ** 62) - 3, 2 ** 31, -(2 ** 31) - 1, 2 ** 63 - 1, -(2 ** 63) + 1])))
            if d in INTS and op in ('sqrt', 'exp', 'reciprocal', 'sigmoid'):
                big = {'int64': 2 ** 40 + 1, 'int32': 2 ** 30 + 3, 'int16': 30000, 'int8': 127, 'uint8': 255}[d]
                layouts.append(('int range', Input(d, [3], [big, 0, 1])))
            for name, x in layouts:
                out, em = unary_ref(op, x)
                cases.append({'op': op, 'layout': name, 'self': x.enc(), 'expected': result(out, em)})
            # in place (rejected when the result type cannot be cast back)
            x = Input(d, [2, 3], values(r, d, 6, k))
            xi = x.make()
            out, em = run(lambda: getattr(xi, op + '_')(), lambda: emulated_call(getattr(torch, op), [x.make()], torch.float16))
            cases.append({'op': op, 'layout': 'inplace', 'inplace': True, 'self': x.enc(), 'expected': result(out, em)})
    return cases


def binary_call(op, a, b, alpha=None, inplace=False, out=None):
    kw = {}
    if alpha is not None:
        kw['alpha'] = alpha
    if isinstance(b, (int, float, bool)) and op in NO_SCALAR_API:
        b = torch.tensor(b)
    if inplace:
        if op in NO_SCALAR_API:  # PyTorch 1.13 has no minimum_/maximum_: the same as out=self
            return getattr(torch, op)(a, b, out=a)
        return getattr(a, op + '_')(b, **kw)
    if out is not None:
        kw['out'] = out
    return getattr(torch, op)(a, b, **kw)


def binary_result_dtype(op, a, b):
    t = torch.result_type(a, b)
    return t


def binary_ref(op, a, b, alpha=None, inplace=False, out_input=None):
    holder = {}

    def go():
        av = a.make()
        bv = b.make()
        o = out_input.make() if out_input is not None else None
        holder['self'] = av
        holder['out'] = o
        return binary_call(op, av, bv, alpha, inplace, o)

    def emulate():
        av = a.make()
        bv = b.make()
        rt = torch.result_type(av, bv)
        if inplace:
            rt = av.dtype
        if out_input is not None:
            rt = out_input.make().dtype
        kw = {'alpha': alpha} if alpha is not None else {}
        if isinstance(bv, (int, float, bool)) and op in NO_SCALAR_API:
            bv = torch.tensor(bv)
        r = getattr(torch, op)(half_to_float(av), half_to_float(bv), **kw)
        return r.to(rt) if r.dtype == torch.float32 and rt == torch.float16 else r

    return run(go, emulate)


def binary_cases():
    r = random.Random(2)
    cases = []

    def add(op, layout, a, b, **extra):
        alpha = extra.get('alpha')
        out, em = binary_ref(op, a, b, alpha=alpha, inplace=extra.get('inplace', False), out_input=extra.get('out'))
        c = {'op': op, 'layout': layout, 'self': a.enc(), 'other': b.enc(), 'expected': result(out, em)}
        if alpha is not None:
            c['alpha'] = alpha
        if extra.get('inplace'):
            c['inplace'] = True
        if extra.get('out') is not None:
            c['out'] = extra['out'].enc()
        cases.append(c)

    for op in BINARY:
        # every dtype pair, contiguous [2, 3]
        for da in ALL:
            for db in ALL:
                ka, kb = binary_kinds(op, da, db)
                add(op, 'dtypes', Input(da, [2, 3], values(r, da, 6, ka)), Input(db, [2, 3], values(r, db, 6, kb)))
        # layouts, one dtype
        for d in ALL:
            ka, kb = binary_kinds(op, d, d)
            V = lambda n, k: values(r, d, n, k)  # noqa: E731
            add(op, 'transposed', Input(d, [4, 3], V(12, ka), [['t']]), Input(d, [3, 4], V(12, kb)))
            add(op, 'transposed other', Input(d, [3, 4], V(12, ka)), Input(d, [4, 3], V(12, kb), [['t']]))
            add(op, 'broadcast [3,1]x[1,4]', Input(d, [3, 1], V(3, ka)), Input(d, [1, 4], V(4, kb)))
            add(op, 'stride-0 expanded', Input(d, [3, 4], V(12, ka)), Input(d, [4], V(4, kb), [['expand', [3, 4]]]))
            add(op, 'strided', Input(d, [3, 8], V(24, ka), [['get', ':', '1::2']]), Input(d, [3, 4], V(12, kb)))
            add(op, '0-dim', Input(d, [], V(1, ka)[0]), Input(d, [], V(1, kb)[0]))
            add(op, 'tensor with 0-dim', Input(d, [2, 3], V(6, ka)), Input(d, [], V(1, kb)[0]))
            add(op, '0-dim with tensor', Input(d, [], V(1, ka)[0]), Input(d, [2, 3], V(6, kb)))
            add(op, 'empty [0]', Input(d, [0], []), Input(d, [0], []))
            add(op, 'empty [2,0] with [1]', Input(d, [2, 0], []), Input(d, [1], V(1, kb)))
            for s in ([3, -3, 2.5, -0.5, True] if op != 'pow' else [2, 3, -2, 0.5, 2.5, True]):
                if op in ('fmod', 'remainder') and s is True and d in INTS + ['bool']:
                    s = 1
                add(op, 'scalar %r' % s, Input(d, [2, 3], V(6, ka)), Scalar(s))
            # in place, same dtype, and with a broadcast other
            add(op, 'inplace', Input(d, [2, 3], V(6, ka)), Input(d, [2, 3], V(6, kb)), inplace=True)
            add(op, 'inplace broadcast', Input(d, [2, 3], V(6, ka)), Input(d, [3], V(3, kb)), inplace=True)
            add(op, 'inplace transposed self', Input(d, [3, 2], V(6, ka), [['t']]), Input(d, [2, 3], V(6, kb)), inplace=True)
            add(op, 'inplace scalar 2', Input(d, [2, 3], V(6, ka)), Scalar(2), inplace=True)
            add(op, 'inplace scalar 2.5', Input(d, [2, 3], V(6, ka)), Scalar(2.5), inplace=True)
        # in place across dtypes (what can be cast back)
        for da in ALL:
            for db in ALL:
                if da == db:
                    continue
                ka, kb = binary_kinds(op, da, db)
                add(op, 'inplace dtypes', Input(da, [2, 3], values(r, da, 6, ka)), Input(db, [2, 3], values(r, db, 6, kb)), inplace=True)
        # special values: every pair of specials via broadcasting
        for d in FLOATS:
            n = len(FLOAT_SPECIALS)
            add(op, 'specials', Input(d, [n, 1], FLOAT_SPECIALS), Input(d, [1, n], FLOAT_SPECIALS))
            add(op, 'scalar nan', Input(d, [n], FLOAT_SPECIALS), Scalar(float('nan')))
            add(op, 'scalar inf', Input(d, [n], FLOAT_SPECIALS), Scalar(float('inf')))

    # mixed-dtype promotion with 0-dim tensors and scalars (result dtype compared exactly)
    promo = [
        ('int32', [2, 3], 'float64', []), ('int64', [2, 3], 'float32', []), ('int8', [2, 3], 'int64', []),
        ('uint8', [2, 3], 'int8', []), ('float16', [2, 3], 'float64', []), ('bool', [2, 3], 'int32', []),
        ('bool', [2, 3], 'float16', []), ('int16', [], 'float32', []), ('uint8', [], 'int8', [2]),
        ('int32', [], 'int64', [2, 3]), ('float16', [], 'float32', [3]), ('int64', [0], 'float64', []),
    ]
    for op in ['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'eq', 'lt', 'remainder']:
        for da, sa, db, sb in promo:
            ka, kb = binary_kinds(op, da, db)
            na = int(torch.tensor(sa).prod().item()) if sa else 1
            nb = int(torch.tensor(sb).prod().item()) if sb else 1
            va = values(r, da, na, ka)
            vb = values(r, db, nb, kb)
            add(op, 'promotion', Input(da, sa, va if sa else va[0]), Input(db, sb, vb if sb else vb[0]))
        for d in ['int32', 'uint8', 'bool', 'float16', 'int64']:
            for s in [2, -1, 0.5, 2.917, True, False]:
                if op in ('remainder',) and s in (0, False) and d in INTS + ['bool']:
                    continue
                add(op, 'promotion scalar %r' % s, Input(d, [4], values(r, d, 4, 'base' if op == 'pow' else 'gen')), Scalar(s))

    # alpha
    for op in ['add', 'sub']:
        for d in ALL:
            for alpha in [2, -1, 0.5]:
                add(op, 'alpha %r' % alpha, Input(d, [2, 3], values(r, d, 6)), Input(d, [2, 3], values(r, d, 6)), alpha=alpha)
                add(op, 'alpha %r scalar' % alpha, Input(d, [2, 3], values(r, d, 6)), Scalar(3), alpha=alpha)
            add(op, 'alpha 2 inplace', Input(d, [2, 3], values(r, d, 6)), Input(d, [3], values(r, d, 3)), alpha=2, inplace=True)
        add(op, 'alpha mixed', Input('int32', [3], [1, 2, 3]), Input('float32', [3], [0.5, 1.5, -2.0]), alpha=0.5)
        add(op, 'alpha mixed int', Input('int8', [3], [1, 2, 3]), Input('int64', [3], [5, 6, 7]), alpha=3)

    # int64 beyond 2**31 and 2**53 where the op is exact in integers
    big = [2 ** 53 + 1, -(2 ** 62) - 7, 2 ** 31 + 5, -(2 ** 31) - 3, 3037000499, 2 ** 63 - 1, -(2 ** 63) + 2, 0]
    big2 = [2 ** 53, -(2 ** 62), -(2 ** 31), 2 ** 31 + 5, 3037000499, 2 ** 63 - 2, 2, 1]
    for op in ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'minimum', 'maximum']:
        add(op, 'int64 large', Input('int64', [8, 1], big), Input('int64', [1, 8], big2))
    add('add', 'int64 large', Input('int64', [6], big[:5] + [2 ** 62]), Input('int64', [6], [2 ** 53, 2 ** 61, -(2 ** 31), 2 ** 40, -3037000499, 2 ** 62 - 1]))
    add('sub', 'int64 large', Input('int64', [6], big[:5] + [-(2 ** 62)]), Input('int64', [6], [2 ** 53, 2 ** 61, -(2 ** 31), 2 ** 40, -3037000499, 2 ** 62]))
    add('mul', 'int64 large', Input('int64', [6], [3037000499, 2 ** 31 + 1, -(2 ** 40) - 1, 2 ** 53 + 1, 7, -1]), Input('int64', [6], [3037000499, 2 ** 31 - 1, 2 ** 20 + 3, 3, 2 ** 60 + 1, 2 ** 63 - 1]))
    add('fmod', 'int64 large', Input('int64', [4], [2 ** 62 + 1, -(2 ** 53) - 1, 2 ** 40, 2 ** 63 - 1]), Input('int64', [4], [2 ** 33 + 1, 1000, -(2 ** 35) - 3, 2 ** 62 + 3]))
    add('remainder', 'int64 large', Input('int64', [4], [2 ** 62 + 1, -(2 ** 53) - 1, 2 ** 40, 2 ** 63 - 1]), Input('int64', [4], [2 ** 33 + 1, 1000, -(2 ** 35) - 3, 2 ** 62 + 3]))
    add('add', 'int64 large alpha', Input('int64', [3], [2 ** 53 + 1, 2 ** 62, -5]), Input('int64', [3], [2 ** 52 + 1, -(2 ** 60), 2 ** 40]), alpha=3)
    add('add', 'int64 large scalar', Input('int64', [3], [2 ** 53 + 1, 2 ** 62, -(2 ** 62)]), Scalar(2 ** 40 + 1))
    add('eq', 'int64 large scalar', Input('int64', [3], [2 ** 53 + 1, 2 ** 53, 2 ** 53 - 1]), Scalar(2 ** 53))
    add('gt', 'int64 large scalar', Input('int64', [3], [2 ** 53 + 1, 2 ** 53, 2 ** 53 - 1]), Scalar(2 ** 53))
    add('mul', 'int64 large scalar', Input('int64', [3], [2 ** 53 + 1, 2 ** 40 + 3, -(2 ** 61)]), Scalar(3))
    add('div', 'int64 large', Input('int64', [3], [2 ** 53 + 1, 2 ** 62, -(2 ** 40) - 1]), Input('int64', [3], [1, 3, 7]))
    add('div', 'int64 large float64', Input('int64', [3], [2 ** 53 + 1, 2 ** 62, -(2 ** 40) - 1]), Input('float64', [3], [1.0, 3.0, 7.0]))
    add('add', 'int64 large + float scalar', Input('int64', [3], [2 ** 53 + 1, 2 ** 40 + 1, -(2 ** 35) - 1]), Scalar(0.5))

    # wrap-around in small unsigned types (defined behaviour)
    add('add', 'uint8 wrap', Input('uint8', [4], [200, 255, 0, 128]), Input('uint8', [4], [100, 1, 0, 128]))
    add('sub', 'uint8 wrap', Input('uint8', [4], [3, 0, 255, 10]), Input('uint8', [4], [15, 1, 0, 20]))
    add('add', 'uint8 scalar -1', Input('uint8', [4], [3, 0, 255, 10]), Scalar(-1))
    add('mul', 'uint8 wrap', Input('uint8', [4], [16, 255, 3, 200]), Input('uint8', [4], [16, 2, 100, 2]))
    add('add', 'int8 wrap', Input('int8', [3], [127, -128, 100]), Input('int8', [3], [1, -1, 100]))

    # integer division by zero: PyTorch raises; we must throw too (never crash)
    for op in ['fmod', 'remainder']:
        for d in ['int64', 'int32', 'uint8']:
            add(op, 'int zero divisor', Input(d, [3], [5, 7, 3]), Input(d, [3], [1, 0, 2]))
            add(op, 'int zero scalar', Input(d, [3], [5, 7, 3]), Scalar(0))
    add('div', 'int zero divisor', Input('int64', [3], [5, 0, -3]), Input('int64', [3], [0, 0, 0]))

    # out=
    outs = [
        ('add', Input('float32', [3], [1.5, -2.0, 3.0]), Input('float32', [3], [0.5, 2.0, 1.0]), Input('float64', [3], [0, 0, 0])),
        ('add', Input('int32', [3], [1, 2, 3]), Input('int32', [3], [4, 5, 6]), Input('float32', [3], [0, 0, 0])),
        ('add', Input('int32', [3], [1, 2, 3]), Input('int32', [3], [4, 5, 6]), Input('int8', [3], [0, 0, 0])),
        ('mul', Input('float32', [3], [1.5, -2.0, 3.0]), Input('float32', [3], [0.5, 2.0, 1.0]), Input('int32', [3], [0, 0, 0])),
        ('div', Input('int64', [3], [1, 2, 3]), Input('int64', [3], [2, 2, 2]), Input('int64', [3], [0, 0, 0])),
        ('div', Input('int64', [3], [1, 2, 3]), Input('int64', [3], [2, 2, 2]), Input('float64', [3], [0, 0, 0])),
        ('eq', Input('float32', [3], [1.0, 2.0, 3.0]), Input('float32', [3], [1.0, 0.0, 3.0]), Input('float32', [3], [7, 7, 7])),
        ('lt', Input('int32', [3], [1, 2, 3]), Input('int32', [3], [2, 2, 2]), Input('int64', [3], [7, 7, 7])),
        ('add', Input('float32', [3], [1.0, 2.0, 3.0]), Input('float32', [3], [1.0, 1.0, 1.0]), Input('bool', [3], [0, 0, 0])),
        ('sub', Input('float64', [2, 3], values(r, 'float64', 6)), Input('float64', [3], values(r, 'float64', 3)), Input('float64', [3, 2], [0] * 6, [['t']])),
        ('mul', Input('float32', [2, 3], values(r, 'float32', 6)), Input('float32', [2, 3], values(r, 'float32', 6)), Input('float32', [0], [])),
        ('maximum', Input('int16', [2, 3], values(r, 'int16', 6)), Input('int16', [3], values(r, 'int16', 3)), Input('int32', [2, 3], [0] * 6)),
    ]
    for op, a, b, o in outs:
        add(op, 'out %s' % NAMES[o.base.dtype], a, b, out=o)
    return cases


def ternary_cases():
    r = random.Random(3)
    cases = []

    def add(op, layout, a, b, c, value=None, inplace=False):
        def go():
            av, bv, cv = a.make(), b.make(), c.make()
            if op == 'lerp':
                return av.lerp_(bv, cv) if inplace else torch.lerp(av, bv, cv)
            kw = {'value': value} if value is not None else {}
            return getattr(av, op + '_')(bv, cv, **kw) if inplace else getattr(torch, op)(av, bv, cv, **kw)

        def emulate():
            av, bv, cv = a.make(), b.make(), c.make()
            rt = av.dtype if inplace else torch.result_type(av, bv) if op == 'lerp' else \
                torch.promote_types(torch.result_type(av, bv), cv.dtype if isinstance(cv, torch.Tensor) else torch.result_type(av, cv))
            kw = {'value': value} if value is not None else {}
            args = [half_to_float(x) for x in (av, bv, cv)]
            res = torch.lerp(*args) if op == 'lerp' else getattr(torch, op)(*args, **kw)
            return res.to(rt) if res.dtype == torch.float32 and rt == torch.float16 else res

        out, em = run(go, emulate)
        cc = {'op': op, 'layout': layout, 'self': a.enc(), 'tensor1': b.enc(), 'tensor2': c.enc(), 'expected': result(out, em)}
        if value is not None:
            cc['value'] = value
        if inplace:
            cc['inplace'] = True
        cases.append(cc)

    for d in ALL:
        V = lambda n, k='gen': values(r, d, n, k)  # noqa: E731
        for w in [0.25, 0.75, 2, -0.5]:
            add('lerp', 'weight %r' % w, Input(d, [2, 3], V(6)), Input(d, [2, 3], V(6)), Scalar(w))
        add('lerp', 'weight tensor', Input(d, [2, 3], V(6)), Input(d, [2, 3], V(6)), Input(d, [2, 3], V(6)))
        add('lerp', 'broadcast', Input(d, [3, 1], V(3)), Input(d, [1, 4], V(4)), Input(d, [4], V(4)))
        add('lerp', 'inplace', Input(d, [2, 3], V(6)), Input(d, [3], V(3)), Scalar(0.3), inplace=True)
        for op in ['addcmul', 'addcdiv']:
            k2 = 'nz'
            for value in [None, 2, 0.5, -1]:
                add(op, 'value %r' % value, Input(d, [2, 3], V(6)), Input(d, [2, 3], V(6)), Input(d, [2, 3], V(6, k2)), value=value)
            add(op, 'broadcast', Input(d, [3, 1], V(3)), Input(d, [1, 4], V(4)), Input(d, [4], V(4, k2)))
            add(op, 'transposed', Input(d, [4, 3], V(12), [['t']]), Input(d, [3, 4], V(12)), Input(d, [3, 4], V(12, k2)))
            add(op, 'empty', Input(d, [2, 0], []), Input(d, [2, 0], []), Input(d, [0], []))
            add(op, 'inplace', Input(d, [2, 3], V(6)), Input(d, [3], V(3)), Input(d, [2, 3], V(6, k2)), value=2, inplace=True)
    for d in FLOATS:
        n = len(FLOAT_SPECIALS)
        add('lerp', 'specials', Input(d, [n, 1], FLOAT_SPECIALS), Input(d, [1, n], FLOAT_SPECIALS), Scalar(0.5))
        add('addcmul', 'specials', Input(d, [n, 1], FLOAT_SPECIALS), Input(d, [1, n], FLOAT_SPECIALS), Input(d, [n, 1], FLOAT_SPECIALS))
        add('addcdiv', 'specials', Input(d, [n, 1], FLOAT_SPECIALS), Input(d, [1, n], FLOAT_SPECIALS), Input(d, [n, 1], FLOAT_SPECIALS))
    # mixed dtypes
    mixed = [('float32', 'float64', 'float32'), ('int32', 'float32', 'int32'), ('int64', 'int32', 'int8'), ('uint8', 'int8', 'int8'),
             ('bool', 'int32', 'int32'), ('float16', 'float32', 'float16'), ('float32', 'int64', 'int64'), ('int32', 'int32', 'float64')]
    for da, db, dc in mixed:
        for op in ['addcmul', 'addcdiv', 'lerp']:
            add(op, 'mixed', Input(da, [3], values(r, da, 3)), Input(db, [3], values(r, db, 3)), Input(dc, [3], values(r, dc, 3, 'nz')))
    add('addcmul', 'int 0-dim float', Input('int32', [3], [1, 2, 3]), Input('int32', [3], [4, 5, 6]), Input('float64', [], 0.5))
    add('addcmul', 'int64 large', Input('int64', [3], [2 ** 53 + 1, 2 ** 62, -7]), Input('int64', [3], [3, 2 ** 30, 2 ** 40]), Input('int64', [3], [5, 2 ** 31, 2 ** 20]), value=1)
    return cases


def clamp_cases():
    r = random.Random(4)
    cases = []

    def add(layout, x, lo, hi, inplace=False):
        def go():
            xv = x.make()
            return xv.clamp_(lo, hi) if inplace else torch.clamp(xv, lo, hi)

        def emulate():
            xv = x.make()
            res = torch.clamp(half_to_float(xv), lo, hi)
            rt = xv.dtype if inplace else torch.result_type(xv, lo if lo is not None else hi)
            if lo is not None and hi is not None:
                rt = torch.promote_types(rt, torch.result_type(xv, hi)) if not inplace else rt
            return res.to(rt) if res.dtype == torch.float32 and rt == torch.float16 else res

        out, em = run(go, emulate)
        c = {'op': 'clamp', 'layout': layout, 'self': x.enc(), 'min': lo, 'max': hi, 'expected': result(out, em)}
        if inplace:
            c['inplace'] = True
        cases.append(c)

    for d in ALL:
        V = lambda n: values(r, d, n)  # noqa: E731
        for lo, hi in [(-1, 1), (None, 2), (3, None), (-2.5, 1.5), (0.5, None), (None, -0.5), (2, 1)]:
            add('bounds %r %r' % (lo, hi), Input(d, [2, 3], V(6)), lo, hi)
        add('transposed', Input(d, [4, 3], V(12), [['t']]), -2, 2)
        add('expanded', Input(d, [3, 1], V(3), [['expand', [3, 4]]]), -2, 2)
        add('0-dim', Input(d, [], V(1)[0]), -2, 2)
        add('empty', Input(d, [2, 0], []), -2, 2)
        add('inplace', Input(d, [2, 3], V(6)), -1, 1, inplace=True)
        add('inplace fractional', Input(d, [2, 3], V(6)), -1.5, 1.5, inplace=True)
    for d in FLOATS:
        add('specials', Input(d, [len(FLOAT_SPECIALS)], FLOAT_SPECIALS), -1, 1)
        add('specials min only', Input(d, [len(FLOAT_SPECIALS)], FLOAT_SPECIALS), -0.0, None)
    add('int64 large', Input('int64', [4], [2 ** 53 + 1, -(2 ** 62), 2 ** 31 + 1, 5]), -(2 ** 40), 2 ** 50)
    return cases


# ---------------------------------------------------------------- copy_

RANGES = {'int64': (-(2 ** 63), 2 ** 63 - 1), 'int32': (-(2 ** 31), 2 ** 31 - 1), 'int16': (-(2 ** 15), 2 ** 15 - 1),
          'int8': (-128, 127), 'uint8': (0, 255)}
COPY_VALUES = {
    'float32': [0.0, -0.0, 1.5, -1.5, 2.7, -3.7, 0.3, 127.9, -128.5, 200.5, -200.5, 255.0, 256.0, 1e4, 65504.0, 70000.0,
                3e9, -3e9, 1e20, 1e-40, 16777217.0, float('nan'), float('inf'), float('-inf')],
    'float64': [0.0, -0.0, 1.5, -1.5, 2.7, -3.7, 0.1, 127.9, -128.5, 200.5, -200.5, 255.0, 256.0, 1e4, 65504.0, 65520.0,
                70000.0, 3e9, -3e9, 2.0 ** 53 + 2, 1e20, 1e300, 1e-300, 1e-8, 6e-8, 16777217.0, float('nan'), float('inf'), float('-inf')],
    'float16': [0.0, -0.0, 1.5, -1.5, 2.7, -3.7, 0.1, 127.9, -128.5, 200.5, -200.5, 255.0, 256.0, 1e4, 65504.0, 6e-8,
                float('nan'), float('inf'), float('-inf')],
    'int64': [0, 1, -1, 127, 128, -129, 255, 256, 300, -300, 32767, 32768, -40000, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 1,
              2 ** 63 - 1, -(2 ** 63), 16777217, 2049],
    'int32': [0, 1, -1, 127, 128, -129, 255, 256, 300, -300, 32767, 32768, -40000, 2 ** 31 - 1, -(2 ** 31), 16777217, 2049],
    'int16': [0, 1, -1, 127, 128, -129, 255, 256, 300, -300, 32767, -32768, 2049],
    'int8': [0, 1, -1, 127, -128, 5, -7],
    'uint8': [0, 1, 127, 128, 200, 255],
    'bool': [False, True],
}


def copy_defined(v, src, dst):
    """False where C++ leaves the conversion undefined (float to integer out of range, NaN, Inf)."""
    if src in FLOATS and dst in INTS:
        if math.isnan(v) or math.isinf(v):
            return False
        t = math.trunc(v)
        if dst == 'uint8':  # PyTorch converts through int64, so negatives wrap
            lo, hi = RANGES['int64']
        else:
            lo, hi = RANGES[dst]
        return lo <= t <= hi and not (dst == 'int64' and abs(t) >= 2 ** 63)
    return True


def copy_cases():
    cases = []
    for src in ALL:
        for dst in ALL:
            vals = [v for v in COPY_VALUES[src] if copy_defined(float(v) if src in FLOATS else v, src, dst)]
            skipped = [enc_value(v, src) for v in COPY_VALUES[src] if v not in vals and not (isinstance(v, float) and math.isnan(v) and any(isinstance(x, float) and math.isnan(x) for x in vals))]
            x = Input(src, [len(vals)], vals)
            d = torch.zeros(len(vals), dtype=DTYPES[dst])
            d.copy_(x.make())
            c = {'src': x.enc(), 'dst': dst, 'expected': enc_tensor(d)}
            if skipped:
                c['skipped_undefined'] = skipped
            cases.append(c)
    # broadcasting and non-contiguous copies
    extra = []
    s = Input('float64', [3], [1.5, -2.5, 3.25])
    d = torch.zeros(2, 3, dtype=torch.float32)
    d.copy_(s.make())
    extra.append({'layout': 'broadcast', 'src': s.enc(), 'dst': 'float32', 'dst_shape': [2, 3], 'expected': enc_tensor(d)})
    s = Input('int32', [3, 2], [1, 2, 3, 4, 5, 6], [['t']])
    d = torch.zeros(2, 3, dtype=torch.int64)
    d.copy_(s.make())
    extra.append({'layout': 'transposed', 'src': s.enc(), 'dst': 'int64', 'dst_shape': [2, 3], 'expected': enc_tensor(d)})
    return {'pairs': cases, 'layouts': extra}


# ---------------------------------------------------------------- creation

def creation_cases():
    cases = []

    def add(fn, args, kwargs, call):
        out, _ = run(call)
        cases.append({'fn': fn, 'args': args, 'options': kwargs, 'expected': out})

    def dt(kwargs):
        return {k: (DTYPES[v] if k == 'dtype' else v) for k, v in kwargs.items()}

    for args, kw in [([5], {}), ([1, 2.5, 0.5], {}), ([-3, 3, 2], {}), ([0, 1, 0.1], {}), ([10], {'dtype': 'float64'}),
                     ([0, 5], {'dtype': 'int32'}), ([1, 10, 3], {}), ([5, 0, -1], {}), ([0.5, 3], {}), ([0, 1, 0.3], {'dtype': 'float64'}),
                     ([0, -2.5, -0.5], {}), ([0], {}), ([2, 2], {}), ([0, 10, 2.5], {'dtype': 'int64'}), ([0, 3], {'dtype': 'uint8'}),
                     ([-1.5, 2.5], {'dtype': 'float16'}), ([2 ** 40, 2 ** 40 + 3], {}), ([1, 0, 1], {})]:
        add('arange', args, kw, lambda a=args, k=kw: torch.arange(*a, **dt(k)))
    for args, kw in [([1, 4], {}), ([0, 1, 0.25], {}), ([1, 4], {'dtype': 'int64'}), ([0, 1, 0.1], {'dtype': 'float64'}), ([5, 1, -2], {}),
                     ([0, 0.9, 0.3], {})]:
        add('range', args, kw, lambda a=args, k=kw: torch.range(*a, **dt(k)))
    for args, kw in [([0, 1, 5], {}), ([-1, 1, 7], {'dtype': 'float64'}), ([0, 10, 4], {'dtype': 'int64'}), ([3, 3, 1], {}), ([0, 1, 0], {}),
                     ([1, 0, 6], {}), ([0, 1, 11], {'dtype': 'float16'}), ([0, 1, 1], {}), ([2.5, -1, 1], {'dtype': 'float64'}), ([-5, 5, 6], {'dtype': 'int32'}), ([0, 255, 4], {'dtype': 'uint8'})]:
        add('linspace', args, kw, lambda a=args, k=kw: torch.linspace(*a, **dt(k)))
    for args, kw in [([0, 2, 3], {}), ([0, 1, 5, 2], {}), ([-2, 2, 5], {'dtype': 'float64'}), ([0, 3, 4, 2], {'dtype': 'int64'}),
                     ([1, 0, 3], {}), ([0, 1, 1], {})]:
        def lg(a=args, k=kw):
            return torch.logspace(a[0], a[1], a[2], base=a[3] if len(a) > 3 else 10.0, **dt(k))
        add('logspace', args, kw, lg)
    for args, kw in [([3], {}), ([2, 3], {}), ([3, 2], {'dtype': 'int32'}), ([0], {}), ([2], {'dtype': 'bool'}), ([1, 0], {})]:
        add('eye', args, kw, lambda a=args, k=kw: torch.eye(*a, **dt(k)))
    for val, kw in [(7, {}), (2.5, {}), (True, {}), (-3, {'dtype': 'float64'}), (2.5, {'dtype': 'int32'}), (0.5, {'dtype': 'float16'}),
                    (300, {'dtype': 'uint8'}), (2 ** 40 + 1, {})]:
        add('full', [[2, 2], val], kw, lambda v=val, k=kw: torch.full((2, 2), v, **dt(k)))
    for d in ALL:
        add('zeros', [[2, 3]], {'dtype': d}, lambda d=d: torch.zeros(2, 3, dtype=DTYPES[d]))
        add('ones', [[2, 3]], {'dtype': d}, lambda d=d: torch.ones(2, 3, dtype=DTYPES[d]))
    add('zeros', [[0, 3]], {}, lambda: torch.zeros(0, 3))
    add('ones', [[]], {}, lambda: torch.ones([]))
    return cases


# ---------------------------------------------------------------- views

def view_cases():
    cases = []

    def add(name, base_shape, steps, dtype='float32', write=True):
        n = 1
        for s in base_shape:
            n *= s
        base_vals = list(range(n))
        base = Input(dtype, base_shape, base_vals)
        b = base.make()
        try:
            v = apply_view_full(b, steps)
        except Exception as e:  # noqa: BLE001
            cases.append({'name': name, 'base': base.enc(), 'steps': steps, 'expected': {'error': str(e).split('\n')[0]}})
            return
        c = {'name': name, 'base': base.enc(), 'steps': steps, 'expected': enc_tensor(v),
             'stride': list(v.stride()), 'shares': v.data_ptr() == b.data_ptr() or v.storage().data_ptr() == b.storage().data_ptr()}
        if write:
            v.fill_(-1)
            c['base_after_write'] = enc_tensor(b)
        cases.append(c)

    add('view', [2, 3, 4], [['view', [6, 4]]])
    add('view -1', [2, 3, 4], [['view', [-1, 2]]])
    add('view 0-dim', [1], [['view', []]])
    add('view of transposed (mergeable)', [2, 3, 4], [['transpose', 0, 1], ['view', [3, 2, 2, 2]]])
    add('reshape contiguous', [2, 3, 4], [['reshape', [4, 6]]])
    add('reshape transposed (copies)', [2, 3, 4], [['transpose', 1, 2], ['reshape', [2, 12]]])
    add('reshape expanded (copies)', [3, 1], [['expand', [3, 4]], ['reshape', [12]]], write=False)
    add('reshape permuted', [2, 3, 4], [['permute', [2, 0, 1]], ['reshape', [-1]]])
    add('transpose', [2, 3, 4], [['transpose', 0, 2]])
    add('transpose negative', [2, 3, 4], [['transpose', -1, -3]])
    add('t', [3, 4], [['t']])
    add('t 1-D', [4], [['t']])
    add('permute', [2, 3, 4], [['permute', [2, 0, 1]]])
    add('permute negative', [2, 3, 4], [['permute', [-1, 0, 1]]])
    add('narrow', [4, 5], [['narrow', 1, 1, 3]])
    add('narrow negative start', [4, 5], [['narrow', 0, -2, 2]])
    add('narrow empty', [4, 5], [['narrow', 1, 5, 0]])
    add('select', [2, 3, 4], [['select', 1, 2]])
    add('select negative', [2, 3, 4], [['select', -1, -1]])
    add('select to 0-dim', [4], [['select', 0, 3]])
    add('unfold', [7], [['unfold', 0, 3, 2]])
    add('unfold 2-D', [3, 5], [['unfold', 1, 2, 1]])
    add('unfold overlapping (no write)', [6], [['unfold', 0, 3, 1]], write=False)
    add('expand', [3, 1], [['expand', [2, 3, 4]]], write=False)
    add('expand -1', [1, 4], [['expand', [3, -1]]], write=False)
    add('expand 0-dim', [], [['expand', [2, 2]]], write=False)
    add('squeeze', [1, 3, 1, 2], [['squeeze']])
    add('squeeze dim', [1, 3, 1, 2], [['squeeze', 2]])
    add('squeeze non-1 dim', [1, 3, 1, 2], [['squeeze', 1]])
    add('unsqueeze', [3, 2], [['unsqueeze', 1]])
    add('unsqueeze negative', [3, 2], [['unsqueeze', -1]])
    add('unsqueeze of transposed', [3, 2], [['t'], ['unsqueeze', 0]])
    add('flatten', [2, 3, 4], [['flatten']])
    add('flatten 1', [2, 3, 4], [['flatten', 1]])
    add('flatten 0 1', [2, 3, 4], [['flatten', 0, 1]])
    add('flatten transposed (copies)', [2, 3, 4], [['transpose', 0, 2], ['flatten']])
    add('flatten 0-dim', [], [['flatten']])
    add('chain narrow transpose select', [4, 5, 6], [['narrow', 2, 1, 4], ['transpose', 0, 2], ['select', 1, 3]])
    idx = [
        [0], [-1], [':', 1], [1, '::2', -1], ['...', None, 0], [None], ['...'], [1, '...', '::3'], [':', '-2:'], ['::2', '1:3'],
        [':', '5:10'], ['1:', ':-1', '1::2'], [None, ':', None, 1], [-2, -3, -4], ['-1:'], ['...', 2], [0, '...', None],
        ['1:2', ':', '2:3'],
    ]
    for ix in idx:
        add('index %s' % json.dumps(ix), [2, 3, 4], [['get'] + ix])
    add('index of transposed', [3, 4], [['t'], ['get', '::2', -1]])
    add('index int64', [3, 4], [['get', 1, '1:']], dtype='int64')
    # errors PyTorch reports (we must throw too)
    add('view transposed error', [2, 3, 4], [['transpose', 0, 1], ['view', [-1]]])
    add('index out of range', [2, 3], [['get', 2]])
    add('select out of range', [2, 3], [['select', 1, -4]])
    add('narrow out of range', [2, 3], [['narrow', 1, 2, 2]])
    add('too many indices', [2, 3], [['get', 0, 0, 0]])
    add('expand bad', [2, 3], [['expand', [3, 3]]])
    add('view bad numel', [2, 3], [['view', [4]]])
    add('permute repeated', [2, 3], [['permute', [0, 0]]])
    add('transpose bad dim', [2, 3], [['transpose', 0, 2]])
    return cases


def apply_view_full(t, steps):
    for s in steps:
        name, args = s[0], s[1:]
        if name in ('view', 'reshape', 'expand', 'permute'):
            t = getattr(t, name)(tuple(args[0]))
        elif name == 'get':
            t = t[py_index(args)]
        elif name in ('transpose', 'narrow', 'select', 'unfold', 'squeeze', 'unsqueeze', 'flatten', 't'):
            t = getattr(t, name)(*args)
        else:
            raise ValueError(name)
    return t


# ---------------------------------------------------------------- matrix products

def linalg_cases():
    r = random.Random(5)
    cases = []

    def vals(d, shape):
        n = 1
        for s in shape:
            n *= s
        if d in FLOATS:
            return [round(r.uniform(-2, 2), 4) for _ in range(n)]
        return [r.randint(-9, 9) for _ in range(n)]

    def add(op, inputs, options=None, layout=''):
        opts = options or {}

        def go():
            ts = [x.make() for x in inputs]
            kw = dict(opts)
            if op in ('addmm', 'addmv', 'addr', 'baddbmm', 'addbmm'):
                return getattr(torch, op)(*ts, **kw)
            return getattr(torch, op)(*ts)

        out, _ = run(go)
        cases.append({'op': op, 'layout': layout, 'inputs': [x.enc() for x in inputs], 'options': opts, 'expected': out})

    for d in ['float32', 'float64', 'int64', 'int32']:
        I = lambda shape, view=None: Input(d, shape, vals(d, shape), view)  # noqa: E731, E741
        add('mm', [I([3, 4]), I([4, 5])])
        add('mm', [I([4, 3], [['t']]), I([5, 4], [['t']])], layout='transposed')
        add('mm', [I([2, 0]), I([0, 3])], layout='k=0')
        add('mm', [I([0, 3]), I([3, 2])], layout='m=0')
        add('mm', [I([1, 7]), I([7, 1])], layout='1x1')
        add('mm', [I([3, 8], [['get', ':', '::2']]), I([4, 2])], layout='strided')
        add('mm', [I([17, 33]), I([33, 9])], layout='larger')
        add('mv', [I([3, 4]), I([4])])
        add('mv', [I([4, 3], [['t']]), I([8], [['get', '::2']])], layout='transposed strided')
        add('dot', [I([5]), I([5])])
        add('dot', [I([0]), I([0])], layout='empty')
        add('dot', [I([10], [['get', '::2']]), I([5])], layout='strided')
        add('addmm', [I([3, 5]), I([3, 4]), I([4, 5])])
        add('addmm', [I([5]), I([3, 4]), I([4, 5])], {'beta': 2, 'alpha': 3}, 'broadcast self, beta alpha')
        add('addmm', [I([3, 5]), I([3, 4]), I([4, 5])], {'beta': 0}, 'beta 0')
        add('addmv', [I([3]), I([3, 4]), I([4])], {'beta': 2, 'alpha': -1})
        add('addmv', [I([1]), I([3, 4]), I([4])], layout='broadcast self')
        add('addr', [I([3, 4]), I([3]), I([4])])
        add('addr', [I([3, 4]), I([3]), I([4])], {'beta': 2, 'alpha': 3}, 'beta alpha')
        add('bmm', [I([2, 3, 4]), I([2, 4, 5])])
        add('bmm', [I([2, 4, 3], [['transpose', 1, 2]]), I([4, 2, 5], [['transpose', 0, 1]])], layout='transposed')
        add('bmm', [I([0, 3, 4]), I([0, 4, 5])], layout='empty batch')
        add('baddbmm', [I([2, 3, 5]), I([2, 3, 4]), I([2, 4, 5])], {'beta': 2, 'alpha': 3})
        add('baddbmm', [I([5]), I([2, 3, 4]), I([2, 4, 5])], layout='broadcast self')
        add('addbmm', [I([3, 5]), I([2, 3, 4]), I([2, 4, 5])])
        add('addbmm', [I([3, 5]), I([4, 3, 2]), I([4, 2, 5])], {'beta': 2, 'alpha': -1}, 'beta alpha')
        add('addbmm', [I([3, 5]), I([0, 3, 2]), I([0, 2, 5])], {'beta': 2}, 'empty batch')
        add('matmul', [I([4]), I([4])], layout='1-D 1-D')
        add('matmul', [I([3, 4]), I([4])], layout='2-D 1-D')
        add('matmul', [I([4]), I([4, 3])], layout='1-D 2-D')
        add('matmul', [I([3, 4]), I([4, 2])], layout='2-D 2-D')
        add('matmul', [I([2, 3, 4]), I([4, 2])], layout='3-D 2-D')
        add('matmul', [I([3, 4]), I([2, 4, 2])], layout='2-D 3-D')
        add('matmul', [I([2, 1, 2, 3]), I([3, 3, 4])], layout='batch broadcast')
        add('matmul', [I([4]), I([2, 4, 3])], layout='1-D 3-D')
        add('matmul', [I([2, 3, 4]), I([4])], layout='3-D 1-D')
        add('matmul', [I([1, 2, 3]), I([3, 3, 2], [['transpose', 1, 2]])], layout='transposed batch')
    # NaN in self with beta=0 is ignored; errors
    add('addmm', [Input('float32', [2, 2], [float('nan')] * 4), Input('float32', [2, 2], [1, 2, 3, 4]), Input('float32', [2, 2], [1, 0, 0, 1])], {'beta': 0}, 'beta 0 ignores nan')
    add('mm', [Input('float32', [2, 3], [0] * 6), Input('float32', [4, 2], [0] * 8)], layout='inner mismatch')
    add('mm', [Input('float32', [2, 3], [0] * 6), Input('float64', [3, 2], [0] * 6)], layout='dtype mismatch')
    add('mm', [Input('float32', [2, 3, 1], [0] * 6), Input('float32', [3, 2], [0] * 6)], layout='3-D')
    add('bmm', [Input('float32', [2, 2, 3], [0] * 12), Input('float32', [3, 3, 2], [0] * 18)], layout='batch mismatch')
    add('matmul', [Input('float32', [2, 2, 3], [0] * 12), Input('float32', [3, 4, 2], [0] * 24)], layout='batch broadcast mismatch')
    add('dot', [Input('float32', [3], [0] * 3), Input('float32', [4], [0] * 4)], layout='size mismatch')
    add('mv', [Input('float32', [2, 3], [0] * 6), Input('float32', [2], [0] * 2)], layout='size mismatch')
    return cases


# ---------------------------------------------------------------- main

def write(name, obj, generator='tools/gen_fixtures.py'):
    """Writes a fixture file (compact, sorted keys, no NaN literals); every generator uses this."""
    path = os.path.join(OUT_DIR, name)
    with open(path, 'w') as f:
        json.dump({'torch_version': torch.__version__.split('+')[0], 'generator': generator, 'cases': obj},
                  f, separators=(',', ':'), sort_keys=True, allow_nan=False)
        f.write('\n')
    count = ', %d cases' % len(obj) if isinstance(obj, list) else ''
    print('%-28s %8d bytes%s' % (name, os.path.getsize(path), count))


def main():
    torch.manual_seed(0)
    torch.set_default_dtype(torch.float32)
    os.makedirs(OUT_DIR, exist_ok=True)
    write('elementwise_unary.json', unary_cases())
    write('elementwise_binary.json', binary_cases())
    write('elementwise_ternary.json', ternary_cases() + clamp_cases())
    write('copy.json', copy_cases())
    write('creation.json', creation_cases())
    write('views.json', view_cases())
    write('linalg.json', linalg_cases())


if __name__ == '__main__':
    import warnings
    warnings.filterwarnings('ignore')
    main()
