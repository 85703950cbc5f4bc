"""Round trip with real numpy, run by numpy.test.ts when /usr/bin/python3 has numpy:

    python3 numpy_roundtrip.py DIR

DIR/manifest.json lists the files torch wrote ({file, kind, expected}); each is loaded with np.load and
checked (dtype, shape, values, Fortran flag, and for .npy that np.save writes the same bytes). Then numpy
writes every array back (DIR/back/<file>.npy, and DIR/back/all.npz, DIR/back/all_compressed.npz) for the
test to read. Prints 'ok N' or the list of mismatches, and exits 1 on any mismatch.
"""
import io
import json
import math
import os
import sys

import numpy as np

NP_DTYPE = {'float32': np.float32, 'float64': np.float64, 'float16': np.float16, 'int64': np.int64, 'int32': np.int32,
            'int16': np.int16, 'int8': np.int8, 'uint8': np.uint8, 'bool': np.bool_}


def decode(v, dtype):
    if isinstance(v, str):
        if dtype.startswith('float'):
            return {'nan': math.nan, 'inf': math.inf, '-inf': -math.inf, '-0': -0.0}[v]
        return int(v)
    return v


def same(a, spec):
    errs = []
    if a.dtype != np.dtype(NP_DTYPE[spec['dtype']]):
        errs.append('dtype %s, expected %s' % (a.dtype, spec['dtype']))
        return errs
    if list(a.shape) != spec['shape']:
        errs.append('shape %s, expected %s' % (list(a.shape), spec['shape']))
        return errs
    want = np.array([decode(v, spec['dtype']) for v in spec['data']], dtype=NP_DTYPE[spec['dtype']]).reshape(spec['shape'])
    got = np.array(a, order='C', copy=True)  # ascontiguousarray would make 0-d arrays 1-d
    if spec['dtype'].startswith('float'):
        ok = np.array_equal(got, want, equal_nan=True) and np.array_equal(np.signbit(got), np.signbit(want))
    else:
        ok = np.array_equal(got, want)
    if not ok:
        errs.append('values %s, expected %s' % (got.reshape(-1).tolist(), want.reshape(-1).tolist()))
    fortran = bool(a.ndim > 1 and a.flags.f_contiguous and not a.flags.c_contiguous)
    if fortran != spec['fortran']:
        errs.append('fortran %s, expected %s' % (fortran, spec['fortran']))
    return errs


def main():
    d = sys.argv[1]
    manifest = json.load(open(os.path.join(d, 'manifest.json')))
    back = os.path.join(d, 'back')
    os.makedirs(back, exist_ok=True)
    problems = []
    everything = {}
    for entry in manifest:
        path = os.path.join(d, entry['file'])
        if entry['kind'] == 'npy':
            a = np.load(path)
            problems += ['%s: %s' % (entry['file'], e) for e in same(a, entry['expected'])]
            buf = io.BytesIO()
            np.save(buf, a)
            if buf.getvalue() != open(path, 'rb').read():
                problems.append('%s: np.save writes different bytes' % entry['file'])
            np.save(os.path.join(back, entry['file']), a)
            everything[entry['file'][:-4]] = a
        else:
            with np.load(path) as z:
                if list(z.files) != list(entry['expected']):
                    problems.append('%s: members %s, expected %s' % (entry['file'], z.files, list(entry['expected'])))
                for k, s in entry['expected'].items():
                    if k in z.files:
                        problems += ['%s[%s]: %s' % (entry['file'], k, e) for e in same(z[k], s)]
    np.savez(os.path.join(back, 'all.npz'), **everything)
    np.savez_compressed(os.path.join(back, 'all_compressed.npz'), **everything)
    if problems:
        print('\n'.join(problems))
        sys.exit(1)
    print('ok %d' % len(manifest))


if __name__ == '__main__':
    main()
