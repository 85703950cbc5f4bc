// The numpy bridge: t.numpy() / torch.fromNumpy / toTypedArray share memory both ways; .npy/.npz files
// written by real numpy (tools/gen_fixtures_numpy.py) read back exactly; what we write, numpy reads
// (checked live when /usr/bin/python3 has numpy; CI skips that part).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import * as torch from '../src/index';
import { numberToHalf } from '../src/half';
import { crc32, crc32Table } from '../src/io/zip';
import { big, loadFixtureObject, num, readValues, snapshot, type FixtureValue } from './fixtures';

const FIXTURE_DIR = fileURLToPath(new URL('./fixtures/numpy/', import.meta.url));
const fixturePath = (name: string) => join(FIXTURE_DIR, name);

interface ArraySpec {
  dtype: string;
  shape: number[];
  data: FixtureValue[];
  fortran: boolean;
  canonical?: boolean;
}
interface NpzSpec {
  members: Record<string, ArraySpec>;
  order: string[];
  methods: number[];
  data_descriptors: boolean;
}
const fixtures = loadFixtureObject<{ files: Record<string, ArraySpec | NpzSpec>; errors: Record<string, string> }>('numpy/numpy.json');

const ALL_DTYPES = [torch.float32, torch.float64, torch.float16, torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8, torch.bool];

/** Differences between a tensor and a spec (dtype, shape, exact values incl. NaN and the sign of zero, layout). */
function mismatches(t: torch.Tensor, spec: ArraySpec): string[] {
  const out: string[] = [];
  if (t.dtype.name !== spec.dtype) return [`dtype ${t.dtype.name}, expected ${spec.dtype}`];
  if (JSON.stringify(t.size()) !== JSON.stringify(spec.shape)) return [`shape ${fmt(t.size())}, expected ${fmt(spec.shape)}`];
  const got = readValues(t);
  const want = spec.data.map((v) => (spec.dtype === 'int64' ? big(v) : num(v)));
  got.forEach((g, i) => {
    if (!Object.is(g, want[i])) out.push(`[${i}] ${String(g)} != ${String(want[i])}`);
  });
  const fortran = t.dim() > 1 && !t.isContiguous();
  if (fortran !== spec.fortran) out.push(`fortran layout ${fortran}, expected ${spec.fortran} (strides ${fmt(t.stride())})`);
  return out;
}
const fmt = (a: readonly unknown[]) => `[${a.join(', ')}]`;

/** A spec for what a tensor holds, to hand to the Python side (-0 kept as a string). */
function specOf(t: torch.Tensor, fortran: boolean): ArraySpec {
  const data = readValues(t).map((v): FixtureValue => {
    if (typeof v === 'bigint') return v > 2n ** 53n || v < -(2n ** 53n) ? String(v) : Number(v);
    if (Number.isNaN(v)) return 'nan';
    if (v === Infinity) return 'inf';
    if (v === -Infinity) return '-inf';
    if (Object.is(v, -0)) return '-0';
    return v;
  });
  return { dtype: t.dtype.name, shape: t.size(), data, fortran };
}

/** Tensors of every dtype with its edge values (int64 beyond 2^53, NaN/Inf/-0, subnormals) from numpy's own files. */
const sample = (dtype: torch.DType) => torch.loadNpy(fixturePath(`c_${dtype.name}.npy`));

describe('numpy(): an ndarray-compatible view sharing memory', () => {
  it('has ndarray fields for every dtype and shares the storage TypedArray', () => {
    const names: Record<string, string> = {
      float32: 'float32', float64: 'float64', float16: 'uint16', int64: 'bigint64', int32: 'int32', int16: 'int16', int8: 'int8', uint8: 'uint8', bool: 'uint8',
    };
    for (const dtype of ALL_DTYPES) {
      const t = sample(dtype);
      const a = t.numpy();
      expect(a.data).toBe(t.storage().data);
      expect(a.dtype).toBe(names[dtype.name]);
      expect(a.torchDtype).toBe(dtype.name);
      expect(a.shape).toEqual([2, 3, 4]);
      expect(a.stride).toEqual([12, 4, 1]);
      expect(a.offset).toBe(0);
      expect(a.size).toBe(24);
      expect(a.dimension).toBe(3);
      expect(a.order).toEqual([2, 1, 0]);
      // writes through the view are seen by the tensor, and the other way round
      const one = dtype === torch.int64 ? 1n : dtype === torch.float16 ? numberToHalf(1) : 1;
      a.set(1, 2, 3, one);
      expect(t.get(1, 2, 3).item()).toBe(1);
      t.set([0, 1, 2], 0);
      expect(dtype === torch.float16 ? a.get(0, 1, 2) : Number(a.get(0, 1, 2))).toBe(0);
      expect(a.index(0, 1, 2)).toBe(6);
    }
  });

  it('keeps strides and offsets of views (transposed, narrowed, expanded, 0-dim, empty)', () => {
    const t = torch.arange(24).float().view(2, 3, 4);
    const v = t.transpose(0, 2).narrow(1, 1, 2);
    const a = v.numpy();
    expect([a.shape, a.stride, a.offset]).toEqual([[4, 2, 2], [1, 4, 12], 4]);
    expect(a.order).toEqual([0, 1, 2]);
    expect(a.get(3, 1, 1)).toBe(v.get(3, 1, 1).item());
    a.set(3, 1, 1, -7);
    expect(t.get(1, 2, 3).item()).toBe(-7);
    const e = torch.arange(3).float().unsqueeze(1).expand(3, 4).numpy();
    expect(e.stride).toEqual([1, 0]);
    const z = torch.tensor(5.5).numpy();
    expect([z.shape, z.stride, z.size, z.dimension, z.get()]).toEqual([[], [], 1, 0, 5.5]);
    const empty = torch.zeros(0, 3).numpy();
    expect([empty.shape, empty.size]).toEqual([[0, 3], 0]);
    // the view's shape/stride arrays are its own
    a.shape[0] = 99;
    expect(v.size(0)).toBe(4);
  });

  it('has ndarray sub-views (hi, lo, step, transpose, pick) that share data', () => {
    const t = torch.arange(12).float().view(3, 4);
    const a = t.numpy();
    const layout = (v: torch.NdArrayView) => [v.shape, v.stride, v.offset];
    expect(layout(a.hi(2, null))).toEqual([[2, 4], [4, 1], 0]);
    expect(layout(a.lo(1, 2))).toEqual([[2, 2], [4, 1], 6]);
    expect(layout(a.lo(-1, 1))).toEqual([[3, 3], [4, 1], 1]);
    expect(layout(a.step(2, -1))).toEqual([[2, 4], [8, -1], 3]);
    expect(layout(a.step(null, 3))).toEqual([[3, 2], [4, 3], 0]);
    expect(layout(a.transpose(1, 0))).toEqual([[4, 3], [1, 4], 0]);
    expect(layout(a.transpose())).toEqual([[4, 3], [1, 4], 0]);
    expect(layout(a.pick(1, null))).toEqual([[4], [1], 4]);
    expect(layout(a.pick(null, 2))).toEqual([[3], [4], 2]);
    expect(a.lo(1, 1).hi(1, 2).get(0, 1)).toBe(6);
    a.lo(1, 1).hi(1, 2).set(0, 1, -6);
    expect(t.get(1, 2).item()).toBe(-6);
    // a positively strided sub-view turns back into a tensor; a reversed one is refused
    const u = torch.fromNumpy(a.transpose(1, 0).lo(1, 0));
    expect([u.size(), u.stride(), u.storageOffset(), u.get(0, 1).item()]).toEqual([[3, 3], [1, 4], 1, 5]);
    expect(() => torch.fromNumpy(a.step(-1, 1))).toThrow(/negative entry/);
    expect(torch.fromNumpy(a.step(-1, 1).step(-1, 1)).tolist()).toEqual(t.tolist());
  });

  it('round-trips through fromNumpy to the same storage', () => {
    for (const dtype of ALL_DTYPES) {
      const t = sample(dtype).transpose(0, 2);
      const u = torch.fromNumpy(t.numpy());
      expect(u.dtype).toBe(dtype);
      expect(u.storage()).toBe(t.storage());
      expect([u.size(), u.stride(), u.storageOffset()]).toEqual([t.size(), t.stride(), t.storageOffset()]);
      expect(snapshot(u)).toBe(snapshot(t));
    }
  });
});

describe('fromNumpy: tensors over ndarray-like objects and TypedArrays', () => {
  it('infers the dtype from the TypedArray and shares memory both ways', () => {
    const cases: [ArrayBufferView, torch.DType, number | bigint][] = [
      [new Float32Array(6), torch.float32, 2.5], [new Float64Array(6), torch.float64, 2.5], [new Int32Array(6), torch.int32, -3],
      [new Int16Array(6), torch.int16, -3], [new Int8Array(6), torch.int8, -3], [new Uint8Array(6), torch.uint8, 200],
      [new BigInt64Array(6), torch.int64, 2n ** 60n],
    ];
    for (const [arr, dtype, v] of cases) {
      const t = torch.fromNumpy(arr, [2, 3]);
      expect(t.dtype).toBe(dtype);
      expect(t.storage().data).toBe(arr);
      (arr as unknown as (number | bigint)[])[4] = v; // JS side writes, tensor sees
      expect(readValues(t.get(1, 1))[0]).toBe(v);
      t.set([0, 2], 1); // tensor writes, JS side sees
      expect(Number((arr as unknown as (number | bigint)[])[2])).toBe(1);
      expect(torch.fromNumpy(arr).size()).toEqual([6]);
    }
  });

  it('reads ndarray objects with strides and offsets (stride or strides), zero strides, 0-d, empty', () => {
    const data = new Float32Array([0, 1, 2, 3, 4, 5, 6, 7]);
    const t = torch.fromNumpy({ data, shape: [3, 2], stride: [1, 3], offset: 1 });
    expect(t.tolist()).toEqual([[1, 4], [2, 5], [3, 6]]);
    t.mul_(10);
    expect(Array.from(data)).toEqual([0, 10, 20, 30, 40, 50, 60, 7]);
    expect(torch.fromNumpy({ data, shape: [2, 2], strides: [0, 2] }).tolist()).toEqual([[0, 20], [0, 20]]);
    expect(torch.fromNumpy({ data, shape: [2, 4] }).stride()).toEqual([4, 1]);
    const z = torch.fromNumpy({ data, shape: [], stride: [], offset: 7 });
    expect([z.dim(), z.item()]).toEqual([0, 7]);
    expect(torch.fromNumpy({ data, shape: [0, 5] }).numel()).toBe(0);
    expect(torch.fromNumpy(new Float64Array(0)).size()).toEqual([0]);
    // a size-1 dim may carry any stride, even a negative one: it is never used
    expect(torch.fromNumpy({ data, shape: [1, 2], stride: [-3, 1] }).tolist()).toEqual([[0, 10]]);
  });

  it('float16 and bool need the dtype (option, torchDtype or a torch dtype name); Uint8ClampedArray is uint8', () => {
    const bits = new Uint16Array([numberToHalf(1.5), numberToHalf(-2)]);
    for (const t of [
      torch.fromNumpy(bits, { dtype: torch.float16 }),
      torch.fromNumpy(bits, [2], { dtype: 'float16' }),
      torch.fromNumpy({ data: bits, shape: [2], dtype: 'float16' }),
      torch.fromNumpy({ data: bits, shape: [2], dtype: 'uint16', torchDtype: 'float16' }),
    ]) {
      expect(t.dtype).toBe(torch.float16);
      expect(t.tolist()).toEqual([1.5, -2]);
      expect(t.storage().data).toBe(bits);
    }
    const mask = new Uint8Array([1, 0, 1]);
    const b = torch.fromNumpy(mask, { dtype: torch.bool });
    expect(b.dtype).toBe(torch.bool);
    b.set([1], true);
    expect(Array.from(mask)).toEqual([1, 1, 1]);
    const clamped = new Uint8ClampedArray([1, 2, 3]);
    const c = torch.fromNumpy(clamped);
    expect(c.dtype).toBe(torch.uint8);
    c.add_(1);
    expect(Array.from(clamped)).toEqual([2, 3, 4]);
  });

  it('errors clearly and leaves the data unchanged', () => {
    const data = new Float32Array([1, 2, 3, 4, 5, 6]);
    const before = Array.from(data);
    const bad: [() => unknown, new (...a: never[]) => Error, RegExp][] = [
      [() => torch.fromNumpy({ data, shape: [3], stride: [-1], offset: 2 }), torch.TorchTypeError, /fromNumpy: stride \[-1\] has a negative entry/],
      [() => torch.fromNumpy({ data, shape: [2, 3], stride: [3, 2] }), torch.TorchSizeError, /reaches element 7, beyond data of 6 elements/],
      [() => torch.fromNumpy({ data, shape: [2], offset: 5 }), torch.TorchSizeError, /beyond data of 6 elements/],
      [() => torch.fromNumpy({ data, shape: [2], offset: -1 }), torch.TorchTypeError, /offset must be a non-negative integer/],
      [() => torch.fromNumpy({ data, shape: [2, 3], stride: [3] }), torch.TorchSizeError, /stride \[3\] has 1 entries for size \[2, 3\]/],
      [() => torch.fromNumpy({ data, shape: [2.5] }), torch.TorchSizeError, /shape must hold non-negative integers/],
      [() => torch.fromNumpy(data, [4, 2]), torch.TorchSizeError, /6 elements cannot be viewed as size \[4, 2\]/],
      [() => torch.fromNumpy({ data: [1, 2, 3], shape: [3] } as never), torch.TorchTypeError, /data must be a TypedArray.*torch\.tensor/],
      [() => torch.fromNumpy(new Uint16Array(2)), torch.TorchTypeError, /Uint16Array \(uint16\) has no torch dtype; pass \{ dtype: torch.float16 \}/],
      [() => torch.fromNumpy(new Uint32Array(2)), torch.TorchTypeError, /Uint32Array has no torch dtype/],
      [() => torch.fromNumpy(new BigUint64Array(2)), torch.TorchTypeError, /BigUint64Array has no torch dtype/],
      [() => torch.fromNumpy(new DataView(new ArrayBuffer(4))), torch.TorchTypeError, /DataView has no element type/],
      [() => torch.fromNumpy(data, { dtype: torch.float64 }), torch.TorchTypeError, /dtype torch.float64 needs a Float64Array to share, got Float32Array/],
      [() => torch.fromNumpy(data, { dtype: torch.bool }), torch.TorchTypeError, /needs a Uint8Array of 0\/1/],
      [() => torch.fromNumpy(data, { dtype: 'complex64' }), torch.TorchTypeError, /unknown dtype 'complex64'/],
      [() => torch.fromNumpy([1, 2] as never), torch.TorchTypeError, /expected a TypedArray or an ndarray-like object/],
      [() => torch.fromNumpy(null as never), torch.TorchTypeError, /got null/],
    ];
    for (const [fn, cls, msg] of bad) {
      expect(fn).toThrow(cls);
      expect(fn).toThrow(msg);
      expect(Array.from(data)).toEqual(before);
    }
  });
});

describe('toTypedArray', () => {
  it('shares the elements of contiguous tensors and copies otherwise', () => {
    const t = torch.arange(12).float().view(3, 4);
    const shared = t.narrow(0, 1, 2).toTypedArray();
    expect(shared).toBeInstanceOf(Float32Array);
    expect(Array.from(shared as Float32Array)).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
    expect(shared.buffer).toBe(t.storage().data.buffer);
    shared[0] = -1;
    expect(t.get(1, 0).item()).toBe(-1);

    const copied = t.t().toTypedArray();
    expect(Array.from(copied as Float32Array)).toEqual([0, -1, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]);
    expect(copied.buffer).not.toBe(t.storage().data.buffer);
    const forced = t.toTypedArray({ copy: true });
    forced[0] = 100;
    expect(t.get(0, 0).item()).toBe(0);
    expect(torch.zeros(0, 3).toTypedArray().length).toBe(0);
    expect(torch.tensor(7).toTypedArray()).toEqual(new BigInt64Array([7n]));
  });

  it('gives every dtype its storage array type (float16 bits, bool bytes, int64 bigints)', () => {
    for (const dtype of ALL_DTYPES) {
      const t = sample(dtype);
      const arr = t.transpose(0, 1).toTypedArray();
      expect(arr).toBeInstanceOf(dtype.arrayType);
      expect(Array.from(arr as ArrayLike<number>)).toEqual(Array.from(t.transpose(0, 1).contiguous().storage().data as ArrayLike<number>));
    }
    expect(torch.toTypedArray(torch.ones(2).bool())).toEqual(new Uint8Array([1, 1]));
  });
});

describe('.npy files written by numpy', () => {
  const npyFiles = Object.entries(fixtures.files).filter(([n]) => n.endsWith('.npy')) as [string, ArraySpec][];

  it(`reads all ${npyFiles.length} files: every dtype, C/Fortran, big-endian, 0-d, empty, versions 1-3`, async () => {
    const problems: string[] = [];
    for (const [name, spec] of npyFiles) {
      const fromPath = torch.loadNpy(fixturePath(name));
      const fromBuffer = torch.loadNpy(readFileSync(fixturePath(name)));
      const fromPathAsync = await torch.loadNpyAsync(fixturePath(name));
      for (const t of [fromPath, fromBuffer, fromPathAsync]) problems.push(...mismatches(t, spec).map((m) => `${name}: ${m}`));
      if (spec.fortran) {
        const shape = spec.shape;
        const strides = shape.map((_, d) => shape.slice(0, d).reduce((a, b) => a * b, 1));
        if (fmt(fromPath.stride()) !== fmt(strides)) problems.push(`${name}: strides ${fmt(fromPath.stride())}, expected ${fmt(strides)}`);
      }
    }
    expect(problems).toEqual([]);
    expect(npyFiles.length).toBeGreaterThan(40);
  });

  it('writes the same bytes numpy writes (np.save) for every canonical file', () => {
    const problems: string[] = [];
    let n = 0;
    for (const [name, spec] of npyFiles) {
      if (!spec.canonical) continue;
      n++;
      const bytes = readFileSync(fixturePath(name));
      const ours = torch.encodeNpy(torch.loadNpy(bytes));
      if (!ours.equals(bytes)) problems.push(`${name}: ${JSON.stringify(ours.subarray(0, 128).toString('latin1'))}`);
    }
    expect(problems).toEqual([]);
    expect(n).toBeGreaterThan(30);
  });

  it('parses headers', () => {
    const h = torch.parseNpyHeader(readFileSync(fixturePath('be_f_float64.npy')));
    expect(h).toEqual({ version: [1, 0], descr: '>f8', fortranOrder: true, shape: [4, 3], dataOffset: 128 });
    expect(torch.parseNpyHeader(readFileSync(fixturePath('v2_float32.npy'))).version).toEqual([2, 0]);
    expect(torch.parseNpyHeader(readFileSync(fixturePath('v3_int16.npy'))).version).toEqual([3, 0]);
  });

  it('refuses unsupported dtypes with a TorchTypeError naming them', () => {
    for (const [name, what] of Object.entries(fixtures.errors)) {
      const f = () => torch.loadNpy(fixturePath(name));
      expect(f, name).toThrow(torch.TorchTypeError);
      expect(f, name).toThrow(new RegExp(`loadNpy: .*${what}.*not supported`));
    }
    expect(Object.keys(fixtures.errors).length).toBe(11);
  });

  it('refuses malformed files with an NpyFormatError', async () => {
    const good = readFileSync(fixturePath('c_float32.npy'));
    const header = (text: string) => {
      const total = Math.ceil((10 + text.length + 1) / 64) * 64;
      const h = Buffer.alloc(total, 0x20);
      Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, total - 10, 0]).copy(h);
      h.write(text, 10, 'latin1');
      h[total - 1] = 0x0a;
      return Buffer.concat([h, Buffer.alloc(64)]);
    };
    const cases: [Uint8Array, RegExp][] = [
      [Buffer.from('hello world'), /not a \.npy file/],
      [good.subarray(0, 9), /not a \.npy file/],
      [good.subarray(0, 100), /file truncated: the header claims 118 bytes/],
      [good.subarray(0, good.length - 1), /file truncated: size \[2, 3, 4\] of '<f4' needs 96 bytes of data, only 95 follow/],
      [Buffer.concat([good.subarray(0, 6), Buffer.from([4, 0]), good.subarray(8)]), /unsupported \.npy format version 4\.0/],
      [header("{'descr': '<f4', 'shape': (2,), }"), /exactly the keys descr, fortran_order, shape/],
      [header("{'descr': '<f4', 'fortran_order': 0, 'shape': (2,), }"), /fortran_order must be True or False/],
      [header("{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), }"), /shape must be a tuple of non-negative integers/],
      [header("{'descr': '<f4', 'fortran_order': False, 'shape': (2,) "), /cannot parse the header/],
      [header("[1, 2]"), /not a dictionary/],
    ];
    const huge = Buffer.from(good);
    huge.writeUInt16LE(60000, 8);
    cases.push([huge, /header of 60000 bytes is larger than the 10000 allowed/]);
    const dir = mkdtempSync(join(tmpdir(), 'torch-numpy-bad-'));
    try {
      for (const [i, [bytes, msg]] of cases.entries()) {
        expect(() => torch.loadNpy(bytes)).toThrow(torch.NpyFormatError);
        expect(() => torch.loadNpy(bytes)).toThrow(msg);
        // the same errors when reading from a file (which reads the header, then the elements into the storage)
        const file = join(dir, `${i}.npy`);
        writeFileSync(file, bytes);
        expect(() => torch.loadNpy(file)).toThrow(msg);
        await expect(torch.loadNpyAsync(file)).rejects.toThrow(msg);
        await expect(torch.loadNpyAsync(bytes)).rejects.toThrow(msg);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // A Python 2 header ('L' suffixes) still parses.
    expect(torch.loadNpy(header("{'descr': '<i2', 'fortran_order': False, 'shape': (2L, 3L), }")).size()).toEqual([2, 3]);
    expect(() => torch.loadNpy(42 as never)).toThrow(/expected a file path, a Buffer\/Uint8Array or an ArrayBuffer/);
  });

  it('copies: the loaded tensor does not share the buffer', () => {
    const bytes = Buffer.from(readFileSync(fixturePath('vec_int32.npy')));
    const t = torch.loadNpy(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    const before = snapshot(t);
    bytes.fill(0, 128);
    expect(snapshot(t)).toBe(before);
  });
});

describe('.npz files written by numpy', () => {
  const npzFiles = Object.entries(fixtures.files).filter(([n]) => n.endsWith('.npz')) as [string, NpzSpec][];

  it('reads stored, deflated and streamed (data descriptor) archives, members in order', () => {
    const problems: string[] = [];
    expect(npzFiles.map(([n]) => n).sort()).toEqual(['compressed.npz', 'empty.npz', 'stored.npz', 'streamed.npz', 'streamed_compressed.npz']);
    for (const [name, spec] of npzFiles) {
      for (const arrays of [torch.loadNpz(fixturePath(name)), torch.decodeNpz(readFileSync(fixturePath(name)))]) {
        expect(Object.keys(arrays), name).toEqual(spec.order);
        for (const [k, s] of Object.entries(spec.members)) problems.push(...mismatches(arrays[k]!, s).map((m) => `${name}[${k}]: ${m}`));
      }
    }
    expect(problems).toEqual([]);
  });

  it('computes CRC-32 like zlib, also without zlib.crc32 (Node < 20.15)', () => {
    const data = new Uint8Array(10000).map((_, i) => (i * 7919) % 251);
    expect(crc32Table(Buffer.from('123456789'))).toBe(0xcbf43926); // the standard check value
    expect(crc32Table(data.subarray(5000), crc32Table(data.subarray(0, 5000)))).toBe(crc32Table(data));
    expect(crc32(data)).toBe(crc32Table(data));
  });

  it('checks CRCs and structure', () => {
    const good = readFileSync(fixturePath('stored.npz'));
    const corrupt = Buffer.from(good);
    corrupt[200] ^= 0xff; // inside the first member's data
    expect(() => torch.loadNpz(corrupt)).toThrow(/member 'weight.npy' fails its CRC-32 check/);
    expect(() => torch.loadNpz(good.subarray(0, good.length - 30))).toThrow(torch.NpyFormatError);
    expect(() => torch.loadNpz(Buffer.from('not a zip at all, just some text'))).toThrow(/no end-of-central-directory record/);
    const compressed = Buffer.from(readFileSync(fixturePath('compressed.npz')));
    compressed[60] ^= 0x55;
    expect(() => torch.loadNpz(compressed)).toThrow(torch.NpyFormatError);
  });
});

describe('writing .npy and .npz', () => {
  const dir = mkdtempSync(join(tmpdir(), 'torch-numpy-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Every dtype × (contiguous, transposed → Fortran, strided → C copy, expanded, offset, 0-dim, empty). */
  function layouts(): [string, torch.Tensor, boolean][] {
    const out: [string, torch.Tensor, boolean][] = [];
    for (const dtype of ALL_DTYPES) {
      const t = sample(dtype);
      const d = dtype.name;
      out.push([`${d}_c`, t, false]);
      out.push([`${d}_f`, t.permute(2, 1, 0), true]);
      out.push([`${d}_strided`, t.get(':', '::2', '1:'), false]);
      out.push([`${d}_expanded`, t.get(0, 0).unsqueeze(0).expand(3, 4), false]);
      out.push([`${d}_offset`, t.get(1), false]);
      out.push([`${d}_0d`, t.get(1, 2, 3), false]);
      out.push([`${d}_empty`, t.narrow(1, 0, 0), false]);
    }
    return out;
  }

  it('round-trips every dtype and layout through .npy (Fortran-contiguous stays Fortran)', () => {
    const problems: string[] = [];
    for (const [name, t, fortran] of layouts()) {
      const back = torch.loadNpy(torch.encodeNpy(t));
      problems.push(...mismatches(back, specOf(t, fortran)).map((m) => `${name}: ${m}`));
      expect(torch.parseNpyHeader(torch.encodeNpy(t)).fortranOrder).toBe(fortran);
    }
    expect(problems).toEqual([]);
  });

  it('round-trips through .npz, stored, deflated and zip64, with array and record forms', () => {
    const all = Object.fromEntries(layouts().map(([n, t]) => [n, t]));
    for (const options of [{}, { compressed: true }, { forceZip64: true }, { compressed: true, forceZip64: true }]) {
      const back = torch.loadNpz(torch.encodeNpz(all, options));
      expect(Object.keys(back)).toEqual(Object.keys(all));
      for (const [name, t, fortran] of layouts()) expect(mismatches(back[name]!, specOf(t, fortran)), name).toEqual([]);
    }
    const positional = torch.loadNpz(torch.encodeNpz([torch.ones(2), torch.arange(3)]));
    expect(Object.keys(positional)).toEqual(['arr_0', 'arr_1']);
    // odd names: '__proto__' stays an own key, non-ASCII names are UTF-8
    const oddNames: Record<string, torch.Tensor> = { 'ü/x': torch.zeros(1) };
    Object.defineProperty(oddNames, '__proto__', { value: torch.ones(1), enumerable: true });
    const odd = torch.loadNpz(torch.encodeNpz(oddNames));
    expect(Object.keys(odd)).toEqual(['ü/x', '__proto__']);
    expect(Object.getPrototypeOf(odd)).toBe(Object.prototype);
    expect(odd['__proto__']!.tolist()).toEqual([1]);
    expect(Object.keys(torch.loadNpz(torch.encodeNpz({})))).toEqual([]);
    // deflate actually compresses
    const zeros = { z: torch.zeros(1000) };
    expect(torch.encodeNpz(zeros, { compressed: true }).length).toBeLessThan(torch.encodeNpz(zeros).length / 10);
  });

  it('saves and loads files, synchronously and with Promises', async () => {
    const t = sample(torch.float64).transpose(0, 1);
    const same = (a: torch.Tensor) => expect(mismatches(a, specOf(t, false))).toEqual([]); // written row-major: t is neither C nor F
    torch.saveNpy(join(dir, 'a.npy'), t);
    same(torch.loadNpy(join(dir, 'a.npy')));
    await torch.saveNpyAsync(join(dir, 'b.npy'), t);
    same(await torch.loadNpyAsync(join(dir, 'b.npy')));
    expect(readFileSync(join(dir, 'a.npy')).equals(readFileSync(join(dir, 'b.npy')))).toBe(true);
    torch.saveNpz(join(dir, 'c.npz'), { t, u: torch.arange(4) }, { compressed: true });
    await torch.saveNpzAsync(join(dir, 'd.npz'), { t, u: torch.arange(4) }, { compressed: true });
    expect(readFileSync(join(dir, 'c.npz')).equals(readFileSync(join(dir, 'd.npz')))).toBe(true);
    const loaded = await torch.loadNpzAsync(join(dir, 'd.npz'));
    same(loaded.t!);
    expect(loaded.u!.tolist()).toEqual([0, 1, 2, 3]);
    expect(Object.keys(await torch.loadNpzAsync(readFileSync(fixturePath('compressed.npz'))))).toEqual(
      (fixtures.files['compressed.npz'] as NpzSpec).order,
    );
    await expect(torch.loadNpyAsync(join(dir, 'missing.npy'))).rejects.toThrow(/ENOENT/);
  });

  it('validates arguments before writing anything', async () => {
    const bad: [() => unknown, RegExp][] = [
      [() => torch.saveNpy(join(dir, 'x.npy'), [1, 2] as never), /saveNpy: tensor must be a Tensor/],
      [() => torch.saveNpy('' as never, torch.ones(1)), /saveNpy: path must be a non-empty string/],
      [() => torch.saveNpz(join(dir, 'x.npz'), { a: torch.ones(1), b: 3 } as never), /saveNpz: 'b' must be a Tensor, got number 3/],
      [() => torch.saveNpz(join(dir, 'x.npz'), torch.ones(1) as never), /expected an object of named tensors or an array of tensors/],
      [() => torch.encodeNpz({ '': torch.ones(1) }), /array names must be non-empty/],
    ];
    for (const [fn, msg] of bad) {
      expect(fn).toThrow(torch.TorchTypeError);
      expect(fn).toThrow(msg);
    }
    await expect(torch.saveNpzAsync(join(dir, 'y.npz'), { a: 'x' } as never)).rejects.toThrow(torch.TorchTypeError);
    expect(readdirSync(dir).filter((f) => f.startsWith('x.') || f.startsWith('y.'))).toEqual([]);
  });
});

// ---- live round trip with numpy: we write → numpy reads and checks → numpy writes → we read ----

const PYTHON = '/usr/bin/python3';
const hasNumpy = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;
const why = hasNumpy ? '' : ` (skipped: ${existsSync(PYTHON) ? `${PYTHON} has no numpy module` : `${PYTHON} not found`})`;

describe.skipIf(!hasNumpy)(`round trip with numpy${why}`, () => {
  it('numpy reads what we write (same values and bytes as np.save), and we read what numpy writes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'torch-numpy-rt-'));
    try {
      const manifest: { file: string; kind: string; expected: unknown }[] = [];
      const written: Record<string, [torch.Tensor, boolean]> = {};
      for (const dtype of ALL_DTYPES) {
        const t = sample(dtype);
        const cases: [string, torch.Tensor, boolean][] = [
          [`${dtype.name}_c`, t, false], [`${dtype.name}_f`, t.permute(2, 1, 0), true], [`${dtype.name}_strided`, t.get(':', '::2'), false],
          [`${dtype.name}_0d`, t.get(0, 1, 2), false], [`${dtype.name}_empty`, t.narrow(2, 0, 0), false],
        ];
        for (const [name, x, fortran] of cases) {
          torch.saveNpy(join(dir, `${name}.npy`), x);
          manifest.push({ file: `${name}.npy`, kind: 'npy', expected: specOf(x, fortran) });
          written[name] = [x, fortran];
        }
      }
      const members = Object.fromEntries(Object.entries(written).map(([n, [x]]) => [n, x]));
      const specs = Object.fromEntries(Object.entries(written).map(([n, [x, f]]) => [n, specOf(x, f)]));
      torch.saveNpz(join(dir, 'stored.npz'), members);
      torch.saveNpz(join(dir, 'compressed.npz'), members, { compressed: true });
      writeFileSync(join(dir, 'zip64.npz'), torch.encodeNpz(members, { compressed: true, forceZip64: true }));
      for (const file of ['stored.npz', 'compressed.npz', 'zip64.npz']) manifest.push({ file, kind: 'npz', expected: specs });
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));

      const script = fileURLToPath(new URL('./numpy_roundtrip.py', import.meta.url));
      const run = spawnSync(PYTHON, [script, dir], { encoding: 'utf8' });
      expect(run.stderr + run.stdout).toBe(`ok ${manifest.length}\n`);

      const problems: string[] = [];
      for (const [name, [x, fortran]] of Object.entries(written))
        problems.push(...mismatches(torch.loadNpy(join(dir, 'back', `${name}.npy`)), specOf(x, fortran)).map((m) => `back/${name}.npy: ${m}`));
      for (const file of ['all.npz', 'all_compressed.npz']) {
        const back = torch.loadNpz(join(dir, 'back', file));
        expect(Object.keys(back)).toEqual(Object.keys(written));
        for (const [name, [x, fortran]] of Object.entries(written)) problems.push(...mismatches(back[name]!, specOf(x, fortran)).map((m) => `${file}[${name}]: ${m}`));
      }
      expect(problems).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

