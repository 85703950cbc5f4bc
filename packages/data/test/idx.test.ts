import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { encodeIdx, IdxFormatError, maybeGunzip, parseIdx, parseIdxHeader, readIdx, readIdxAsync } from '../src/index';

const FIX = join(__dirname, 'fixtures', 'idx');
const expected = JSON.parse(readFileSync(join(FIX, 'values.json'), 'utf8')) as Record<string, { shape: number[]; data: number[] }>;
const values = (t: torch.Tensor) => Array.from(t.toTypedArray() as ArrayLike<number>, Number);
const tmp = mkdtempSync(join(tmpdir(), 'idx-test-'));

describe('IDX reader on files written by numpy', () => {
  for (const name of ['uint8', 'int8', 'int16', 'int32', 'float32', 'float64']) {
    it(`reads ${name} (big-endian) into a ${name} tensor, and encodeIdx writes the same bytes`, () => {
      const path = join(FIX, `${name}.idx`);
      const t = readIdx(path);
      expect(t.dtype.name).toBe(name);
      expect(t.shape).toEqual(expected[name]!.shape);
      expect(values(t)).toEqual(expected[name]!.data);
      expect(Buffer.from(encodeIdx(t)).equals(readFileSync(path))).toBe(true);
    });
  }

  it('reads gzip files by their magic bytes, sync and async', async () => {
    const path = join(FIX, 'images.idx.gz');
    const t = readIdx(path);
    expect(t.dtype).toBe(torch.uint8);
    expect(t.shape).toEqual([4, 5, 6]);
    expect(values(t)).toEqual(expected.images!.data);
    expect((await readIdxAsync(path)).equal(t)).toBe(true);
    const renamed = join(tmp, 'no-extension');
    writeFileSync(renamed, readFileSync(path));
    expect(readIdx(renamed).equal(t)).toBe(true);
  });

  it('round-trips strided tensors through encodeIdx', () => {
    const t = torch.arange(12, { dtype: torch.int32 }).view(3, 4).t();
    expect(parseIdx(encodeIdx(t)).equal(t.contiguous())).toBe(true);
    expect(() => encodeIdx(torch.zeros(2).to(torch.int64))).toThrow(/IDX has no type for/);
    expect(() => encodeIdx(torch.tensor(1.5))).toThrow(/1 to 255 dimensions/);
  });
});

describe('IDX header validation', () => {
  const good = encodeIdx(torch.arange(6, { dtype: torch.uint8 }).view(2, 3));

  it('parses the header', () => {
    const h = parseIdxHeader(good);
    expect(h.dtype).toBe(torch.uint8);
    expect(h.shape).toEqual([2, 3]);
    expect(h.dataOffset).toBe(12);
  });
  it('rejects a bad magic, an unknown type code and 0 dimensions', () => {
    expect(() => parseIdx(new Uint8Array([1, 0, 8, 1, 0, 0, 0, 0]))).toThrow(IdxFormatError);
    expect(() => parseIdx(new Uint8Array([1, 0, 8, 1, 0, 0, 0, 0]))).toThrow(/not an IDX file: magic starts with 0x01 0x00/);
    expect(() => parseIdx(new Uint8Array([0, 0, 0x0a, 1, 0, 0, 0, 0]))).toThrow(/unknown IDX type code 0x0a/);
    expect(() => parseIdx(new Uint8Array([0, 0, 8, 0]))).toThrow(/declares 0 dimensions/);
    expect(() => parseIdx(new Uint8Array([0, 0]))).toThrow(/too short for an IDX header/);
    expect(() => parseIdx(gzipSync(good))).toThrow(/gzip-compressed/);
  });
  it('rejects truncated data and trailing bytes with the declared size', () => {
    expect(() => parseIdx(good.subarray(0, good.length - 1), 'x.idx')).toThrow(
      'parseIdx: x.idx is truncated: its header declares torch.uint8 of size [2, 3] (6 bytes of data), but 5 bytes follow the header',
    );
    expect(() => parseIdx(good.subarray(0, 7))).toThrow(/truncated: 7 bytes cannot hold the header of 2 dimensions/);
    const longer = new Uint8Array(good.length + 2);
    longer.set(good);
    expect(() => parseIdx(longer)).toThrow(/has trailing bytes/);
    const huge = new Uint8Array([0, 0, 0x0e, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    expect(() => parseIdx(huge)).toThrow(/is truncated: its header declares torch.float64 of size \[4294967295, 4294967295\]/);
  });
  it('a truncated or corrupt gzip file gives a clear error', () => {
    const gz = readFileSync(join(FIX, 'images.idx.gz'));
    const cut = join(tmp, 'cut.gz');
    writeFileSync(cut, gz.subarray(0, gz.length - 10));
    expect(() => readIdx(cut)).toThrow(IdxFormatError);
    expect(() => readIdx(cut)).toThrow(/cut.gz is not a valid gzip stream \(corrupt or truncated\)/);
    const flipped = Buffer.from(gz);
    flipped[20] ^= 0xff;
    writeFileSync(cut, flipped);
    expect(() => readIdx(cut)).toThrow(IdxFormatError);
  });
  it('never inflates beyond maxBytes', async () => {
    const bomb = join(tmp, 'bomb.gz');
    writeFileSync(bomb, gzipSync(new Uint8Array(1 << 20)));
    expect(() => readIdx(bomb, { maxBytes: 1000 })).toThrow(/inflates to more than 1000 bytes \(maxBytes\)/);
    await expect(readIdxAsync(bomb, { maxBytes: 1000 })).rejects.toThrow(/inflates to more than 1000 bytes/);
    expect(maybeGunzip(gzipSync(good), { maxBytes: 100 }).length).toBe(good.length);
    expect(() => readIdx(bomb, { max_bytes: 1 } as never)).toThrow(/unknown option 'max_bytes'/);
  });
});
