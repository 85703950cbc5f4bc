#!/usr/bin/python3
"""Writes .npy/.npz files with real numpy, and the values they hold, for the numpy bridge tests.

    /usr/bin/python3 tools/gen_fixtures_numpy.py      # Debian's python3-numpy

Output: packages/core/test/fixtures/numpy/*.npy, *.npz and numpy.json (the expected contents). Every
dtype torch has, C and Fortran order, big-endian, header versions 1.0/2.0/3.0, 0-d, empty, stored,
deflated and streamed (data-descriptor) .npz, and the dtypes we refuse. Deterministic: fixed values, and
the zip timestamps numpy would take from the clock are pinned, so re-running gives identical files.
"""
import io
import json
import math
import os
import time
import zipfile

import numpy as np

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'packages', 'core', 'test', 'fixtures', 'numpy')

TORCH_NAME = {
    'float32': 'float32', 'float64': 'float64', 'float16': 'float16', 'int64': 'int64', 'int32': 'int32',
    'int16': 'int16', 'int8': 'int8', 'uint8': 'uint8', 'bool': 'bool',
}
DTYPES = list(TORCH_NAME)


def values(dtype, n):
    """n deterministic values of dtype, with the type's edge cases first."""
    if dtype == 'bool':
        return np.array([(i * 7) % 3 == 0 for i in range(n)], dtype=bool)
    if dtype.startswith('float'):
        info = np.finfo(dtype)
        specials = [math.nan, math.inf, -math.inf, -0.0, 0.0, 1.5, -2.25, float(info.max), float(info.tiny) / 4, float(info.eps)]
        vals = specials + [((i * 37) % 101 - 50) / 8 for i in range(n)]
        return np.array(vals[:n], dtype=dtype)
    info = np.iinfo(dtype)
    specials = [0, -1 if info.min < 0 else 1, int(info.max), int(info.min), 1]
    if dtype == 'int64':
        specials += [2 ** 53 + 1, -(2 ** 53) - 3, 123456789012345, 2 ** 31, -(2 ** 31) - 1]
    vals = specials + [(i * 37) % 101 - (50 if info.min < 0 else 0) for i in range(n)]
    return np.array(vals[:n], dtype=dtype)


def enc_value(v, dtype):
    if dtype == 'bool':
        return 1 if v else 0
    if not dtype.startswith('float'):
        v = int(v)
        return v if abs(v) <= 2 ** 53 else str(v)
    v = float(v)
    if math.isnan(v):
        return 'nan'
    if math.isinf(v):
        return 'inf' if v > 0 else '-inf'
    return v


def spec(a):
    """What loading the array must give: torch dtype, shape, row-major values, strides in elements."""
    d = a.dtype.newbyteorder('=').name
    return {
        'dtype': TORCH_NAME[d],
        'shape': list(a.shape),
        'data': [enc_value(v, d) for v in np.ascontiguousarray(a).reshape(-1).tolist()],
        'fortran': bool(a.ndim > 1 and a.flags.f_contiguous and not a.flags.c_contiguous),
    }


FILES = {}
ERRORS = {}


def save(name, a, version=None, canonical=None):
    """np.save (or write_array with an explicit version). `canonical`: a file our encodeNpy reproduces byte for byte."""
    path = os.path.join(OUT_DIR, name)
    with open(path, 'wb') as f:
        if version is None:
            np.save(f, a)
        else:
            np.lib.format.write_array(f, a, version=version)
    s = spec(a)
    if canonical is None:
        canonical = version is None and (a.dtype.byteorder in '=|<')
    s['canonical'] = bool(canonical)
    FILES[name] = s


class Unseekable(io.RawIOBase):
    """A write-only stream without seek/tell, so zipfile writes data descriptors (bit 3) as it would to a pipe."""

    def __init__(self, path):
        self.f = open(path, 'wb')

    def writable(self):
        return True

    def write(self, b):
        return self.f.write(b)

    def close(self):
        self.f.close()
        super().close()


def save_npz(name, arrays, compressed=False, stream=False):
    path = os.path.join(OUT_DIR, name)
    fn = np.savez_compressed if compressed else np.savez
    real_time = time.time
    time.time = lambda: 1577836800.0  # pin zip timestamps (2020-01-01 UTC)
    try:
        if stream:
            f = Unseekable(path)
            fn(f, **arrays)
            f.close()
        else:
            fn(path, **arrays)
    finally:
        time.time = real_time
    with zipfile.ZipFile(path) as z:
        methods = sorted({i.compress_type for i in z.infolist()})
        descriptors = any(i.flag_bits & 8 for i in z.infolist())
    FILES[name] = {'members': {k: spec(v) for k, v in arrays.items()}, 'order': list(arrays), 'methods': methods,
                   'data_descriptors': descriptors}


def error_file(name, a, message, allow_pickle=False):
    with open(os.path.join(OUT_DIR, name), 'wb') as f:
        np.save(f, a, allow_pickle=allow_pickle)
    ERRORS[name] = message


def main():
    os.environ['TZ'] = 'UTC'
    time.tzset()
    os.makedirs(OUT_DIR, exist_ok=True)
    for old in os.listdir(OUT_DIR):
        os.remove(os.path.join(OUT_DIR, old))

    for d in DTYPES:
        save('c_%s.npy' % d, values(d, 24).reshape(2, 3, 4))
        save('f_%s.npy' % d, np.asfortranarray(values(d, 12).reshape(3, 4)))
        if np.dtype(d).itemsize > 1:
            save('be_%s.npy' % d, values(d, 6).reshape(2, 3).astype('>' + np.dtype(d).str[1:]))
        save('scalar_%s.npy' % d, values(d, 3)[2].reshape(()))
        save('vec_%s.npy' % d, values(d, 7))
    save('f3_float32.npy', np.asfortranarray(values('float32', 24).reshape(2, 3, 4)))
    save('be_f_float64.npy', np.asfortranarray(values('float64', 12).reshape(4, 3)).astype('>f8', order='F'))
    save('empty_0x3_float32.npy', np.zeros((0, 3), dtype=np.float32))
    save('empty_vec_int64.npy', np.zeros((0,), dtype=np.int64))
    save('empty_f_2x0x3_float64.npy', np.asfortranarray(np.zeros((2, 0, 3), dtype=np.float64)))
    save('v2_float32.npy', values('float32', 6).reshape(3, 2), version=(2, 0))
    save('v3_int16.npy', values('int16', 6).reshape(2, 3), version=(3, 0))
    save('v2_f_bool.npy', np.asfortranarray(values('bool', 6).reshape(2, 3)), version=(2, 0))
    # A long header: 30 dims force numpy past the 64-byte minimum; still version 1.0.
    save('many_dims_uint8.npy', np.arange(2, dtype=np.uint8).reshape((1,) * 29 + (2,)))

    mixed = {
        'weight': values('float32', 12).reshape(3, 4),
        'bias': values('float64', 3),
        'fortran': np.asfortranarray(values('int16', 6).reshape(2, 3)),
        'big_endian': values('int32', 4).astype('>i4'),
        'half': values('float16', 5),
        'long': values('int64', 10).reshape(2, 5),
        'mask': values('bool', 4),
        'scalar': np.array(2.5),
        'empty': np.zeros((0, 2), dtype=np.int8),
        'bytes': values('uint8', 9).reshape(3, 3),
    }
    save_npz('stored.npz', mixed)
    save_npz('compressed.npz', mixed, compressed=True)
    save_npz('streamed.npz', {'a': values('float32', 6).reshape(2, 3), 'b': values('int64', 4)}, stream=True)
    save_npz('streamed_compressed.npz', {'a': values('float64', 5), 'arr_0': values('uint8', 3)}, compressed=True, stream=True)
    save_npz('empty.npz', {})

    error_file('complex64.npy', np.array([1 + 2j], dtype=np.complex64), 'complex64')
    error_file('complex128.npy', np.array([1 + 2j]), 'complex128')
    error_file('uint16.npy', np.array([1, 2], dtype=np.uint16), 'uint16')
    error_file('uint32.npy', np.array([1, 2], dtype=np.uint32), 'uint32')
    error_file('uint64.npy', np.array([1, 2], dtype=np.uint64), 'uint64')
    error_file('object.npy', np.array([{'a': 1}, None], dtype=object), 'object', allow_pickle=True)
    error_file('unicode.npy', np.array(['ab', 'c']), 'string')
    error_file('bytes.npy', np.array([b'ab', b'c']), 'string')
    error_file('structured.npy', np.zeros(2, dtype=[('x', '<f4'), ('y', '<i4')]), 'structured')
    error_file('datetime.npy', np.array(['2020-01-01'], dtype='datetime64[D]'), 'datetime64')
    error_file('longdouble.npy', np.array([1.0], dtype=np.longdouble), 'float128')

    path = os.path.join(OUT_DIR, 'numpy.json')
    with open(path, 'w') as f:
        json.dump({'numpy_version': np.__version__, 'generator': 'tools/gen_fixtures_numpy.py',
                   'cases': {'files': FILES, 'errors': ERRORS}},
                  f, separators=(',', ':'), sort_keys=True, allow_nan=False)
        f.write('\n')
    total = sum(os.path.getsize(os.path.join(OUT_DIR, n)) for n in os.listdir(OUT_DIR))
    print('numpy/ %d files, %d bytes' % (len(os.listdir(OUT_DIR)), total))


if __name__ == '__main__':
    main()
