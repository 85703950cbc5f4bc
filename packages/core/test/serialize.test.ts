// torch.save / torch.load in this library's own use: every dtype, sharing, containers, targets, the
// format's records and alignment, argument errors. PyTorch's files are in serialize_pytorch.test.ts,
// hostile files in serialize_fuzz.test.ts.
import { Buffer } from 'node:buffer';
import { closeSync, mkdtempSync, openSync, readFileSync, createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import * as zlib from 'node:zlib';
import { finished } from 'node:stream/promises';
import { describe, expect, test } from 'vitest';
import * as torch from '../src/index';
import { native } from '../src/native';
import { crc32Table, readZip, writeZipSync } from '../src/io/zip';

const dir = mkdtempSync(join(tmpdir(), 'torch-serialize-'));
const bytesOf = (t: torch.Tensor) => Buffer.from(t.storage().data.buffer, t.storage().data.byteOffset, t.storage().data.byteLength);

/** A tensor of each dtype holding its edge values (NaN, -0, infinities, int64 beyond 2^53, float16 bit patterns). */
function everyDtype(): Record<string, torch.Tensor> {
  const out: Record<string, torch.Tensor> = {};
  for (const d of torch.dtypes) {
    const s = new torch.Storage(d, 6);
    const data = s.data;
    if (d === torch.int64) (data as BigInt64Array).set([0n, -1n, 2n ** 62n, -(2n ** 63n), 2n ** 53n + 1n, 7n]);
    else if (d === torch.float16) (data as Uint16Array).set([0x0000, 0x8000, 0x7c00, 0xfc00, 0x7e00, 0x3c01]);
    else if (d.isFloatingPoint) (data as Float32Array).set([0, -0, Infinity, -Infinity, NaN, 1 / 3]);
    else if (d === torch.bool) (data as Uint8Array).set([1, 0, 1, 1, 0, 1]);
    else (data as Int32Array).set([0, 1, -1, 100, -100, 127].map((v) => (d === torch.uint8 ? v & 0xff : v)));
    out[d.name] = torch.zeros([0], { dtype: d }).set_(s, 0, [2, 3]);
  }
  return out;
}

describe('round trip', () => {
  test('every dtype keeps its exact bits, sizes and strides', () => {
    const saved = everyDtype();
    const loaded = torch.loadSync<Record<string, torch.Tensor>>(torch.saveSync(saved));
    expect(Object.keys(loaded)).toEqual(Object.keys(saved));
    for (const [name, t] of Object.entries(saved)) {
      const l = loaded[name]!;
      expect(l.dtype, name).toBe(t.dtype);
      expect(l.size()).toEqual([2, 3]);
      expect(l.stride()).toEqual([3, 1]);
      expect(bytesOf(l).equals(bytesOf(t)), name).toBe(true);
    }
  });

  test('views of one storage load as views of one storage, with the same offsets and strides', () => {
    const base = torch.arange(24).float().view(4, 6);
    const views = { base, t: base.t(), narrow: base.narrow(1, 2, 3), row: base.select(0, 2), flat: base.view(-1), expanded: base.select(1, 0).unsqueeze(1).expand(4, 5) };
    const other = torch.ones(3);
    const loaded = torch.loadSync<Record<string, torch.Tensor>>(torch.saveSync({ ...views, other }));
    const storage = loaded.base!.storage();
    for (const [k, v] of Object.entries(views)) {
      const l = loaded[k]!;
      expect(l.storage(), k).toBe(storage);
      expect([l.size(), l.stride(), l.storageOffset()], k).toEqual([v.size(), v.stride(), v.storageOffset()]);
      expect(l.tolist(), k).toEqual(v.tolist());
    }
    expect(loaded.other!.storage()).not.toBe(storage);
    // Writing through one view is seen through the others, as before saving.
    loaded.t!.fill_(5);
    expect(loaded.flat!.sum().item()).toBe(5 * 24);
  });

  test('a storage saved twice, and a tensor or object saved twice, load as one', () => {
    const t = torch.arange(4).float();
    const shared = { lr: 0.5 };
    const loaded = torch.loadSync<unknown[]>(torch.saveSync([t.storage(), t, t.storage(), t, shared, shared]));
    expect(loaded[0]).toBeInstanceOf(torch.Storage);
    expect(loaded[2]).toBe(loaded[0]);
    expect(loaded[3]).toBe(loaded[1]);
    expect((loaded[1] as torch.Tensor).storage()).toBe(loaded[0]);
    expect(loaded[5]).toBe(loaded[4]);
    expect(loaded[4]).toEqual({ lr: 0.5 });
  });

  test('a small storage carved from a shared slab saves only its own elements', () => {
    // Small storages share one ArrayBuffer: the record must hold the storage's bytes, not the slab's.
    const a = torch.tensor([1, 2, 3], { dtype: torch.float32 });
    const b = torch.tensor([4, 5], { dtype: torch.float32 });
    expect(a.storage().data.buffer).toBe(b.storage().data.buffer);
    const loaded = torch.loadSync<torch.Tensor[]>(torch.saveSync([a, b]));
    expect(loaded.map((x) => x.storage().size())).toEqual([3, 2]);
    expect(loaded.map((x) => x.tolist())).toEqual([[1, 2, 3], [4, 5]]);
  });

  test('containers and scalars: objects, arrays, Maps, numbers, strings, booleans, null, bigints', () => {
    const value = {
      ints: [0, 1, 255, 256, 65535, 65536, -1, -129, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 1e15, -(2 ** 53)],
      floats: [0.1, -0, NaN, Infinity, -Infinity, 1e-300, 5e-324],
      strings: ['', 'ascii', 'ünïcødé ✓ 😀', 'a\nb'],
      flags: [true, false, null],
      bigints: [0n, 1n, -1n, 127n, 128n, -128n, -129n, 2n ** 64n, -(2n ** 200n), 2n ** 2100n],
      map: new Map<unknown, unknown>([['a', 1], [2, 'two'], [3n, null], [true, [1]], [null, 'none']]),
      nested: { deeper: [[{ x: [] }], {}] },
      ['__proto__']: 'a key, not a prototype',
    };
    Object.defineProperty(value, '__proto__', { value: 'a key, not a prototype', enumerable: true });
    const loaded = torch.loadSync<typeof value>(torch.saveSync(value));
    expect(loaded).toEqual(value);
    expect(Object.is(loaded.floats[1], -0)).toBe(true);
    expect(Object.getPrototypeOf(loaded)).toBe(Object.prototype);
    expect(Object.keys(loaded)).toContain('__proto__');
    expect(loaded.map).toBeInstanceOf(Map);
    expect([...loaded.map.keys()]).toEqual(['a', 2, 3n, true, null]);
  });

  test('0-dim and empty tensors', () => {
    const [s, e] = torch.loadSync<torch.Tensor[]>(torch.saveSync([torch.tensor(2.5), torch.zeros(0, 3)]));
    expect([s!.dim(), s!.item()]).toEqual([0, 2.5]);
    expect(e!.size()).toEqual([0, 3]);
  });
});

describe('targets and sources', () => {
  const ckpt = () => ({ w: torch.arange(6).float().view(2, 3), step: 3 });
  const check = (x: unknown) => {
    const l = x as { w: torch.Tensor; step: number };
    expect(l.w.tolist()).toEqual([[0, 1, 2], [3, 4, 5]]);
    expect(l.step).toBe(3);
  };

  test('path, file descriptor and Buffer, synchronously', () => {
    const p = join(dir, 'sync.pt');
    expect(torch.saveSync(ckpt(), p)).toBeUndefined();
    check(torch.loadSync(p));
    check(torch.loadSync(readFileSync(p)));
    check(torch.loadSync(new Uint8Array(readFileSync(p)).buffer));
    const fd = openSync(join(dir, 'fd.pt'), 'w+');
    try {
      torch.saveSync(ckpt(), fd);
      check(torch.loadSync(fd));
    } finally {
      closeSync(fd);
    }
  });

  test('Promise forms: path, FileHandle, streams and Buffer', async () => {
    const p = join(dir, 'async.pt');
    await torch.save(ckpt(), p);
    check(await torch.load(p));
    const buf = await torch.save(ckpt());
    expect(Buffer.isBuffer(buf)).toBe(true);
    expect(buf.equals(torch.saveSync(ckpt()))).toBe(true);
    check(await torch.load(buf));
    const fh = await open(join(dir, 'fh.pt'), 'w+');
    try {
      await torch.save(ckpt(), fh);
      check(await torch.load(fh));
    } finally {
      await fh.close();
    }
    const ws = createWriteStream(join(dir, 'stream.pt'));
    await torch.save(ckpt(), ws);
    ws.end();
    await finished(ws);
    check(await torch.load(createReadStream(join(dir, 'stream.pt'))));
  });

  test('a save to a path is byte-identical to the returned bytes (reproducible: no timestamps)', () => {
    const p = join(dir, 'same.pt');
    torch.saveSync(ckpt(), p);
    expect(readFileSync(p).equals(torch.saveSync(ckpt()))).toBe(true);
  });
});

describe('format', () => {
  test('records: data.pkl first, byteorder, the versioned format record, 64-byte aligned storages, version', () => {
    const bytes = torch.saveSync({ a: torch.ones(3), b: torch.ones(5, { dtype: torch.float64 }) });
    const entries = readZip(bytes, 'test');
    expect(entries.map((e) => e.name)).toEqual(['archive/data.pkl', 'archive/byteorder', 'archive/.format/torch-ts.json', 'archive/data/0', 'archive/data/1', 'archive/version']);
    expect(entries.every((e) => e.method === 0)).toBe(true);
    for (const e of entries.filter((x) => x.name.startsWith('archive/data/'))) expect((e.raw.byteOffset - bytes.byteOffset) % 64, e.name).toBe(0);
    const text = (n: string) => Buffer.from(entries.find((e) => e.name === n)!.raw).toString();
    expect(text('archive/byteorder')).toBe('little');
    expect(text('archive/version')).toBe('3\n');
    const format = JSON.parse(text('archive/.format/torch-ts.json'));
    expect(format).toMatchObject({ format: 'torch-ts', version: torch.SERIALIZATION_VERSION, byteorder: 'little', alignment: 64 });
    expect(format.itemsizes).toEqual(Object.fromEntries(torch.dtypes.map((d) => [d.name, d.itemsize])));
  });

  test('a big-endian file (byteorder record "big") is byte-swapped on load', () => {
    const t = { h: torch.tensor([1.5, -2], { dtype: torch.float16 }), f: torch.tensor([1.5, -2]), d: torch.tensor([1.5, -2], { dtype: torch.float64 }), l: torch.tensor([1, -2]), u: torch.tensor([1, 2], { dtype: torch.uint8 }) };
    const entries = readZip(torch.saveSync(t), 'test');
    const members = entries.map((e) => {
      const raw = Buffer.from(e.raw);
      if (e.name === 'archive/byteorder') return { name: e.name, parts: [Buffer.from('big')] };
      const key = /archive\/data\/(\d)$/.exec(e.name)?.[1];
      if (key !== undefined) {
        const size = [2, 4, 8, 8, 1][Number(key)]!;
        if (size === 2) raw.swap16();
        if (size === 4) raw.swap32();
        if (size === 8) raw.swap64();
      }
      return { name: e.name, parts: [raw] };
    });
    const loaded = torch.loadSync<Record<string, torch.Tensor>>(Buffer.concat(writeZipSync(members, null)));
    for (const k of Object.keys(t)) expect(loaded[k]!.tolist(), k).toEqual(t[k as keyof typeof t].tolist());
    expect(loaded.f!.tolist()).toEqual([1.5, -2]);
  });
});

describe('errors', () => {
  test('values that cannot be saved name their path', () => {
    expect(() => torch.saveSync({ a: [1, undefined] })).toThrow(/saveSync: cannot save undefined at the root\.a\[1\]/);
    expect(() => torch.saveSync({ f: () => 1 })).toThrow(torch.TorchTypeError);
    expect(() => torch.saveSync({ d: new Date(0) })).toThrow(/cannot save a Date at the root\.d/);
    expect(() => torch.saveSync(new Map([[[1], 2]]))).toThrow(/Map keys must be/);
    const cyc: Record<string, unknown> = {};
    cyc.self = { back: cyc };
    expect(() => torch.saveSync(cyc)).toThrow(/cyclic reference at the root\.self\.back/);
  });

  test('strict arguments', async () => {
    expect(() => (torch.saveSync as (...a: unknown[]) => unknown)({}, join(dir, 'x.pt'), {})).toThrow(/saveSync: takes at most 2 arguments, got 3/);
    expect(() => torch.saveSync({}, '')).toThrow(torch.TorchTypeError);
    expect(() => torch.saveSync({}, {} as never)).toThrow(torch.TorchTypeError);
    const bytes = torch.saveSync({});
    expect(() => torch.loadSync(bytes, { map_location: 'cpu' } as never)).toThrow(/unknown option 'map_location' \(did you mean 'mapLocation'\?\)/);
    expect(() => torch.loadSync(bytes, { mapLocation: 3 } as never)).toThrow(/mapLocation must be/);
    expect(() => torch.loadSync({} as never)).toThrow(torch.TorchTypeError);
    await expect((torch.load as (...a: unknown[]) => Promise<unknown>)(bytes, {}, 1)).rejects.toThrow(/load: takes at most 2 arguments/);
    await expect(torch.save({}, null as never)).rejects.toThrow(torch.TorchTypeError);
  });

  test('not a checkpoint', () => {
    expect(() => torch.loadSync(Buffer.from('hello'))).toThrow(/loadSync: not a valid checkpoint: it does not start with a zip signature/);
    expect(() => torch.loadSync(Buffer.alloc(0))).toThrow(torch.TorchSerializationError);
    expect(() => torch.loadSync(torch.encodeNpz({ a: torch.ones(2) }))).toThrow(/no \/data\.pkl record|no arr_0\.npy\/data\.pkl|data\.pkl/);
  });
});

describe("the addon's crc32 (checkpoint checksums)", () => {
  test('equals the table CRC for every length around the folding boundaries, any alignment, continued', () => {
    const data = randomBytes((3 << 20) + 77);
    expect(['pclmul', 'table']).toContain(native.crc32Kernel());
    for (const n of [0, 1, 15, 16, 17, 63, 64, 65, 79, 80, 127, 128, 129, 1000, 65536, 65537, (3 << 20) + 70]) {
      for (const off of [0, 1, 7]) {
        const b = data.subarray(off, off + n);
        expect(native.crc32(b, 0), `n=${n} off=${off}`).toBe(crc32Table(b));
        expect(native.crc32(b, 0xdeadbeef), `n=${n} off=${off} continued`).toBe(crc32Table(b, 0xdeadbeef));
      }
    }
    expect(native.crc32(Buffer.from('123456789'), 0)).toBe(0xcbf43926);
    if (typeof zlib.crc32 === 'function') expect(native.crc32(data, 0)).toBe(zlib.crc32(data));
  });

  test('rejects what is not a Uint8Array and a 32-bit crc', () => {
    expect(() => native.crc32(new Float32Array(4) as never, 0)).toThrow(TypeError);
    expect(() => native.crc32(new Uint8Array(4), -1)).toThrow(RangeError);
  });
});
