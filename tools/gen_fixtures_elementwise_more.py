#!/usr/bin/python3
"""Reference values from real PyTorch for the elementwise ops added for issue 10
(packages/core/test/elementwise-more.test.ts): erf, erfc, erfinv, log2, log10, exp2, square, isnan,
isinf, isfinite, logicalNot, bitwiseNot, nanToNum, logicalAnd/Or/Xor, bitwiseAnd/Or/Xor, floorDivide,
div's roundingMode and pow with a number base.

Run with Debian's PyTorch 1.13:  /usr/bin/python3 tools/gen_fixtures_elementwise_more.py
Writes packages/core/test/fixtures/elementwise_more.json; deterministic (fixed seeds, sorted keys).

Uses the encoding of tools/gen_fixtures.py. Each case is
  {op, layout, self, other?, options?, inplace?, out?, expected}
where `op` is the TypeScript name, `self`/`other` tensor specs or {"scalar": v} (pow with a number
base has a scalar self), `options` the TypeScript options (roundingMode, nan, posinf, neginf; numbers
that JSON cannot hold as in gen_fixtures), `out` the spec of an out tensor. float16 results that
PyTorch 1.13 has no CPU kernel for are computed in float32 and rounded ("emulated": true).
"""
import os
import random
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_fixtures as gf  # noqa: E402

OUT = 'elementwise_more.json'
Input, Scalar, ALL, INTS, FLOATS = gf.Input, gf.Scalar, gf.ALL, gf.INTS, gf.FLOATS

UNARY = {
    'erf': 'erf', 'erfc': 'erfc', 'erfinv': 'erfinv', 'log2': 'log2', 'log10': 'log10', 'exp2': 'exp2',
    'square': 'square', 'isnan': 'isnan', 'isinf': 'isinf', 'isfinite': 'isfinite', 'logicalNot': 'logical_not',
    'bitwiseNot': 'bitwise_not', 'nanToNum': 'nan_to_num',
}
NO_INPLACE = {'isnan', 'isinf', 'isfinite'}
BINARY = {
    'logicalAnd': 'logical_and', 'logicalOr': 'logical_or', 'logicalXor': 'logical_xor', 'bitwiseAnd': 'bitwise_and',
    'bitwiseOr': 'bitwise_or', 'bitwiseXor': 'bitwise_xor', 'floorDivide': 'floor_divide',
}
SPECIALS = gf.UNARY_SPECIALS + [3.0, 8.0, 1000.0, 1e-30, -1e-30, 0.999999, -0.999999, 5.5, -6.0, 30.0, 3e38]
DIV_SPECIALS = [float('nan'), float('inf'), float('-inf'), -0.0, 0.0, 1.0, -1.0, 0.1, 7.5, -7.5, 3.0, 1e-30]


def py_kwargs(options):
    kw = {}
    for k, v in (options or {}).items():
        kw[{'roundingMode': 'rounding_mode'}.get(k, k)] = v
    return kw


def enc_options(options):
    return {k: (gf.enc_value(v, 'float64') if isinstance(v, float) else v) for k, v in options.items()}


def call(op, a, b, options, inplace, out):
    kw = py_kwargs(options)
    if op == 'powScalarBase':
        fn = lambda x, e: torch.pow(x, e, **({'out': out} if out is not None else {}))  # noqa: E731
        return fn(a, b)
    name = UNARY.get(op) or BINARY.get(op) or op
    if op.startswith('logical') and isinstance(b, (int, float, bool)):
        b = torch.tensor(b)  # no Number overload in PyTorch; a wrapped 0-dim tensor promotes like the scalar
    args = [a] if b is None else [a, b]
    if inplace:
        return getattr(a, name + '_')(*args[1:], **kw)
    if out is not None:
        kw['out'] = out
    return getattr(torch, name)(*args, **kw)


def reference(op, x, y=None, options=None, inplace=False, out=None):
    def go():
        o = out.make() if out is not None else None
        return call(op, x.make(), None if y is None else y.make(), options, inplace, o)

    def emulate():
        """The op in float32 on float16 inputs, rounded to the dtype PyTorch's rules give."""
        a, b = x.make(), None if y is None else y.make()
        half = any(isinstance(v, torch.Tensor) and v.dtype == torch.float16 for v in (a, b))
        r = call(op, gf.half_to_float(a), gf.half_to_float(b), options, False, None)
        if inplace:
            return r.to(a.dtype)
        if out is not None:
            return r.to(out.make().dtype)
        return r.to(torch.float16) if half and r.dtype == torch.float32 else r

    out_, emulated = gf.run(go, None)
    if 'error' in out_ and "not implemented for 'Half'" in out_['error']:
        try:
            return gf.enc_tensor(emulate()), True
        except RuntimeError:  # no kernel for float32 either: a dtype rule, keep PyTorch's message
            pass
    return out_, emulated


def case(op, layout, x, y=None, options=None, inplace=False, out=None):
    res, em = reference(op, x, y, options, inplace, out)
    c = {'op': op, 'layout': layout, 'self': x.enc(), 'expected': gf.result(res, em)}
    if y is not None:
        c['other'] = y.enc()
    if options:
        c['options'] = enc_options(options)
    if inplace:
        c['inplace'] = True
    if out is not None:
        c['out'] = out.enc()
    return c


def kind(op):
    return 'unit' if op == 'erfinv' else 'gen'


def unary_cases(r):
    cases = []
    for op in UNARY:
        for d in ALL:
            k = kind(op)
            V = lambda n: gf.values(r, d, n, k)  # noqa: E731
            layouts = [
                ('contiguous', Input(d, [3, 4], V(12))),
                ('transposed', Input(d, [4, 3], V(12), [['t']])),
                ('expanded', Input(d, [3, 1], V(3), [['expand', [3, 4]]])),
                ('strided', Input(d, [2, 6], V(12), [['get', ':', '::2']])),
                ('0-dim', Input(d, [], V(1)[0])),
                ('empty [2,0]', Input(d, [2, 0], [])),
            ]
            if d in FLOATS:
                layouts.append(('specials', Input(d, [len(SPECIALS)], SPECIALS)))
            if d in ('int64', 'int32') and op in ('square', 'bitwiseNot', 'isnan', 'isfinite', 'log2', 'exp2'):
                layouts.append(('large', Input(d, [4], [3037000499, -(2 ** 31), 2 ** 30 + 7, -5] if d == 'int64' else [46341, -(2 ** 31), 2 ** 30 + 7, -5])))
            for name, x in layouts:
                cases.append(case(op, name, x))
            if op not in NO_INPLACE:
                cases.append(case(op, 'inplace', Input(d, [2, 3], V(6)), inplace=True))
                cases.append(case(op, 'out float64', Input(d, [2, 3], V(6)), out=Input('float64', [0], [])))
                cases.append(case(op, 'out int32', Input(d, [2, 3], V(6)), out=Input('int32', [2, 3], [0] * 6)))
    for d in FLOATS:
        x = Input(d, [len(SPECIALS)], SPECIALS)
        for opts in [{'nan': 1.5}, {'posinf': 2.0, 'neginf': -3.0}, {'nan': -1.0, 'posinf': 1e300, 'neginf': float('-inf')}, {'nan': None}]:
            cases.append(case('nanToNum', 'options %r' % sorted(opts.items()), x, options=opts))
        cases.append(case('nanToNum', 'options inplace', Input(d, [len(SPECIALS)], SPECIALS), options={'nan': 9.0, 'posinf': 1.0}, inplace=True))
    return cases


def binary_kinds(op, da, db):
    if op == 'floorDivide' or op.startswith('div'):
        return 'gen', 'nz'
    return 'gen', 'gen'


def binary_cases(r):
    cases = []
    ops = [(op, None) for op in BINARY] + [('div', {'roundingMode': 'trunc'}), ('div', {'roundingMode': 'floor'})]
    for op, opts in ops:
        label = op if opts is None else 'div ' + opts['roundingMode']
        for da in ALL:
            for db in ALL:
                ka, kb = binary_kinds(label, da, db)
                cases.append(case(op, 'dtypes', Input(da, [2, 3], gf.values(r, da, 6, ka)), Input(db, [2, 3], gf.values(r, db, 6, kb)), opts))
        for d in ALL:
            ka, kb = binary_kinds(label, d, d)
            V = lambda n, k: gf.values(r, d, n, k)  # noqa: E731
            cases.append(case(op, 'transposed', Input(d, [4, 3], V(12, ka), [['t']]), Input(d, [3, 4], V(12, kb)), opts))
            cases.append(case(op, 'broadcast [3,1]x[1,4]', Input(d, [3, 1], V(3, ka)), Input(d, [1, 4], V(4, kb)), opts))
            cases.append(case(op, 'strided', Input(d, [3, 8], V(24, ka), [['get', ':', '1::2']]), Input(d, [3, 4], V(12, kb)), opts))
            cases.append(case(op, '0-dim with tensor', Input(d, [], V(1, ka)[0]), Input(d, [2, 3], V(6, kb)), opts))
            cases.append(case(op, 'empty', Input(d, [2, 0], []), Input(d, [1], V(1, kb)), opts))
            for s in [3, -2, 2.5, True]:
                cases.append(case(op, 'scalar %r' % s, Input(d, [2, 3], V(6, ka)), Scalar(s), opts))
            cases.append(case(op, 'inplace', Input(d, [2, 3], V(6, ka)), Input(d, [3], V(3, kb)), opts, inplace=True))
            cases.append(case(op, 'out float32', Input(d, [2, 3], V(6, ka)), Input(d, [2, 3], V(6, kb)), opts, out=Input('float32', [0], [])))
        for d in FLOATS:
            n = len(DIV_SPECIALS)
            cases.append(case(op, 'specials', Input(d, [n, 1], DIV_SPECIALS), Input(d, [1, n], DIV_SPECIALS), opts))
        if op != 'logicalAnd' and not op.startswith('logical') and not op.startswith('bitwise'):
            for d in INTS:
                cases.append(case(op, 'integer division by zero', Input(d, [3], [1, 2, 3]), Input(d, [3], [1, 0, 1]), opts))
            cases.append(case(op, 'int64 large', Input('int64', [4], [2 ** 62 + 1, -(2 ** 53) - 1, -(2 ** 62), 7]), Input('int64', [4], [2 ** 33 + 1, 1000, -1, -2]), opts))
    for d in ['int64', 'int32', 'int8', 'uint8', 'bool']:
        cases.append(case('bitwiseAnd', 'int large', Input(d, [4], [True, False, True, True] if d == 'bool' else ([2 ** 62 + 5, -(2 ** 40), 12, -1] if d == 'int64' else [100, -7, 12, 1] if d != 'uint8' else [200, 7, 12, 255])), Scalar(True if d == 'bool' else 6)))
    return cases


def pow_cases(r):
    cases = []
    for d in ALL:
        k = 'exp' if d in INTS + ['bool'] else 'gen'
        for base in [2, -3, 2.5, 0.5, True, 0]:
            cases.append(case('powScalarBase', 'base %r' % base, Scalar(base), Input(d, [2, 3], gf.values(r, d, 6, k))))
        cases.append(case('powScalarBase', 'transposed', Scalar(2), Input(d, [3, 2], gf.values(r, d, 6, k), [['t']])))
    cases.append(case('powScalarBase', 'negative integer exponents', Scalar(2), Input('int64', [4], [-1, -2, 0, 3])))
    cases.append(case('powScalarBase', 'base 1 and -1', Scalar(-1), Input('int32', [4], [-1, -2, 5, 62])))
    cases.append(case('powScalarBase', 'specials', Scalar(2), Input('float64', [len(DIV_SPECIALS)], DIV_SPECIALS)))
    cases.append(case('powScalarBase', 'out', Scalar(3), Input('int32', [3], [1, 2, 3]), out=Input('float64', [0], [])))
    return cases


def main():
    torch.set_default_dtype(torch.float32)
    r = random.Random(10)
    gf.write(OUT, unary_cases(r) + binary_cases(r) + pow_cases(r), generator='tools/gen_fixtures_elementwise_more.py')


if __name__ == '__main__':
    main()
