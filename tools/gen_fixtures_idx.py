#!/usr/bin/python3
"""IDX files written by numpy, independently of our encoder, for the @torch/data reader tests.

    /usr/bin/python3 tools/gen_fixtures_idx.py        # or: pnpm fixtures

Writes packages/data/test/fixtures/idx/<dtype>.idx (one file per IDX type code, big-endian as the format
requires), uint8.idx.gz (gzip with mtime 0, so the output is byte-identical on every run) and values.json
with each file's dtype, shape and row-major values as numpy reads them back.
"""
import gzip
import json
import os

import numpy as np

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'packages', 'data', 'test', 'fixtures', 'idx')

# IDX type code, big-endian numpy dtype, and the values: the extremes of each type and a few in between.
TYPES = {
    'uint8': (0x08, '>u1', [0, 1, 127, 128, 254, 255]),
    'int8': (0x09, '>i1', [-128, -1, 0, 1, 100, 127]),
    'int16': (0x0B, '>i2', [-32768, -300, -1, 0, 258, 32767]),
    'int32': (0x0C, '>i4', [-2147483648, -65536, -1, 0, 16909060, 2147483647]),
    'float32': (0x0D, '>f4', [-1.5, 0.0, 0.1, 3.25, 1e30, -2.5e-10]),
    'float64': (0x0E, '>f8', [-1.5, 0.0, 0.1, 3.25, 1e300, -2.5e-300]),
}
SHAPE = (2, 3)


def idx_bytes(code, dtype, values, shape):
    header = bytes([0, 0, code, len(shape)]) + b''.join(int(s).to_bytes(4, 'big') for s in shape)
    return header + np.array(values, dtype=dtype).reshape(shape).tobytes()


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    out = {}
    for name, (code, dtype, values) in TYPES.items():
        raw = idx_bytes(code, dtype, values, SHAPE)
        with open(os.path.join(OUT_DIR, f'{name}.idx'), 'wb') as f:
            f.write(raw)
        back = np.frombuffer(raw, dtype=dtype, offset=4 + 4 * len(SHAPE))
        out[name] = {'shape': list(SHAPE), 'data': [float(v) if 'f' in dtype else int(v) for v in back]}
    # An images file in the MNIST layout (3 dims), gzip-compressed.
    images = (np.arange(4 * 5 * 6) * 7 % 256).astype('>u1').reshape(4, 5, 6)
    raw = idx_bytes(0x08, '>u1', images.ravel().tolist(), images.shape)
    with open(os.path.join(OUT_DIR, 'images.idx.gz'), 'wb') as f:
        f.write(gzip.compress(raw, mtime=0))
    out['images'] = {'shape': list(images.shape), 'data': images.ravel().tolist()}
    with open(os.path.join(OUT_DIR, 'values.json'), 'w') as f:
        json.dump(out, f, sort_keys=True, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
