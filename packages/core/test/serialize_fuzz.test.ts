// Hostile and damaged checkpoints: each crafted attack gets its own clear error, and thousands of
// deterministic mutations of valid files either load or throw one of the library's errors (never another
// exception type, never a hang, never an absurd allocation).
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import * as torch from '../src/index';
import { PickleWriter } from '../src/io/pickle';
import { readZip, writeZipSync, type ZipInput } from '../src/io/zip';

const TORCH_ERRORS = [torch.TorchSerializationError, torch.TorchTypeError, torch.TorchSizeError, torch.TorchIndexError];

/** A checkpoint of the given data.pkl bytes and storage records (named data/0, data/1, ...). */
function checkpoint(pickle: Uint8Array, storages: Uint8Array[] = [], deflatePickle = false): Buffer {
  const members: ZipInput[] = [{ name: 'archive/data.pkl', parts: [pickle] }, ...storages.map((s, i) => ({ name: `archive/data/${i}`, parts: [s] }))];
  if (!deflatePickle) return Buffer.concat(writeZipSync(members, null, false, 64));
  return Buffer.concat(writeZipSync(members, (d) => deflateRawSync(d)));
}

/** A pickle of one float32 tensor over storage '0' of `numel` elements, with the given layout. */
function tensorPickle(numel: number | bigint, offset: number, size: number[], stride: number[]): Uint8Array {
  const w = new PickleWriter();
  w.global('torch._utils', '_rebuild_tensor_v2').mark();
  w.mark().string('storage').global('torch', 'FloatStorage').string('0').string('cpu');
  if (typeof numel === 'bigint') w.bigint(numel);
  else w.number(numel);
  w.tuple(5).persistentId();
  w.number(offset);
  w.mark();
  size.forEach((x) => w.number(x));
  w.byte(0x74).mark();
  stride.forEach((x) => w.number(x));
  w.byte(0x74).bool(false).global('collections', 'OrderedDict').tuple(0).reduce().tuple(6).reduce();
  return w.finish();
}

const raw = (...codes: (number | string)[]) => Uint8Array.from(codes.flatMap((c) => (typeof c === 'string' ? [...Buffer.from(c, 'latin1')] : [c])));
const floats = (n: number) => new Uint8Array(new Float32Array(n).buffer);

describe('crafted hostile files get clear errors', () => {
  test('a valid crafted tensor loads (the helpers are right)', () => {
    const t = torch.loadSync<torch.Tensor>(checkpoint(tensorPickle(4, 1, [3], [1]), [floats(4)]));
    expect([t.size(), t.storageOffset()]).toEqual([[3], 1]);
  });

  test('a huge declared storage size does not allocate', () => {
    expect(() => torch.loadSync(checkpoint(tensorPickle(2n ** 50n, 0, [1], [1]), [floats(4)]))).toThrow(/declares 1125899906842624 float32 elements .* but its record holds 16 bytes/);
    expect(() => torch.loadSync(checkpoint(tensorPickle(2n ** 70n, 0, [1], [1]), [floats(4)]))).toThrow(/a storage size is 1180591620717411303424n, not a non-negative integer/);
  });

  test('views past the end of their storage, bad sizes and strides', () => {
    const load = (offset: number, size: number[], stride: number[]) => () => torch.loadSync(checkpoint(tensorPickle(4, offset, size, stride), [floats(4)]));
    expect(load(4, [1], [1])).toThrow(/reaches element 4 of a storage of 4/);
    expect(load(0, [2, 3], [3, 1])).toThrow(/reaches element 5/);
    expect(load(0, [-1], [1])).toThrow(/a tensor size is number -1, not a non-negative integer/);
    expect(load(0, [2], [-1])).toThrow(/a tensor stride is number -1/);
    expect(load(0, [1.5], [1])).toThrow(torch.TorchSerializationError);
    expect(load(0, [2 ** 31 - 1, 2 ** 31 - 1, 2 ** 31 - 1], [0, 0, 0])).toThrow(/too large/);
    expect(load(10, [0], [1])()).toBeInstanceOf(torch.Tensor); // an empty view may sit anywhere, as in PyTorch
  });

  test('cyclic references', () => {
    const list = raw(0x80, 2, 0x5d, 0x71, 0, 0x68, 0, 0x61, 0x2e); // l = []; l.append(l)
    expect(() => torch.loadSync(checkpoint(list))).toThrow(/cyclic reference \(a list contains itself\)/);
    const dict = raw(0x80, 2, 0x7d, 0x71, 0, 0x58, 1, 0, 0, 0, 'a', 0x68, 0, 0x73, 0x2e); // d = {}; d['a'] = d
    expect(() => torch.loadSync(checkpoint(dict))).toThrow(/cyclic reference \(a dict contains itself\)/);
  });

  test('huge declared lengths, memo misuse, stack underflow, forbidden opcodes and globals', () => {
    const cases: [Uint8Array, RegExp][] = [
      [raw(0x80, 2, 0x58, 0xff, 0xff, 0xff, 0x7f, 0x2e), /needs 2147483647 bytes/],
      [raw(0x80, 2, 0x8d, 0, 0, 0, 0, 0, 0, 0, 0x40, 0x2e), /a string of 4611686018427387904 bytes/],
      [raw(0x80, 2, 0x8b, 0xff, 0xff, 0xff, 0x7f, 0x2e), /a LONG4 integer of 2147483647 bytes/],
      [raw(0x80, 2, 0x6a, 0xff, 0xff, 0xff, 0xff, 0x2e), /memo entry 4294967295 is read before it is written/],
      [raw(0x80, 2, 0x61, 0x2e), /stack underflow/],
      [raw(0x80, 2, 0x4e, 0x4e, 0x2e), /STOP with 2 values/],
      [raw(0x80, 2, 0x4e), /needs 1 bytes, 0 are left/],
      [raw(0x80, 2, 0x28, 0x4e, 0x61, 0x2e), /stack underflow/],
      [raw(0x80, 2, 0x69, 'os\nsystem\n', 0x2e), /opcode 0x69 .* is not allowed/],
      [raw(0x80, 2, 0x63, 'builtins\neval\n', 0x2e), /global 'builtins\.eval' is not allowed/],
      [raw(0x80, 2, 0x63, 'torch\nFloatStorage\n', 0x29, 0x52, 0x2e), /calling a StorageType \(torch\.FloatStorage\) is not allowed/],
      [raw(0x80, 2, 0x63, 'torch\nBFloat16Storage\n', 0x2e), /torch\.BFloat16Storage \(bfloat16\), a dtype this library does not have/],
      [raw(0x80, 2, 0x63, 'collections\nOrderedDict\n', 0x2e), /a bare AllowedCall/],
      [raw(0x80, 2, 0x63, 'collections\n' + 'x'.repeat(2000), 0x2e), /unterminated name/],
      [raw(0x80, 2, 0x7d, 0x5d, 0x4e, 0x73, 0x2e), /unhashable/],
      [raw(0x80, 9, 0x2e), /protocol 9/],
      [raw(0x80, 2, 0x28, 0x58, 7, 0, 0, 0, 'storage', 0x4e, 0x58, 1, 0, 0, 0, '0', 0x58, 3, 0, 0, 0, 'cpu', 0x4b, 1, 0x74, 0x51, 0x2e), /names a None, not a storage type/],
    ];
    for (const [pickle, message] of cases) {
      let error: unknown;
      try {
        torch.loadSync(checkpoint(pickle));
      } catch (e) {
        error = e;
      }
      expect(error, String(message)).toBeInstanceOf(Error);
      expect(TORCH_ERRORS.some((c) => error instanceof c), `${message}: ${error}`).toBe(true);
      expect((error as Error).message).toMatch(message);
    }
  });

  test('nesting deeper than the limit is refused, not a stack overflow', () => {
    const n = 100000;
    const deep = Buffer.concat([raw(0x80, 2), Buffer.alloc(n, 0x5d), Buffer.alloc(n - 1, 0x61), raw(0x2e)]);
    expect(() => torch.loadSync(checkpoint(deep))).toThrow(/nests deeper than 1000/);
    let v: unknown[] = [];
    for (let i = 0; i < 5000; i++) v = [v];
    expect(() => torch.saveSync(v)).toThrow(/nested deeper than 1000/);
  });

  test('a storage record missing or too short', () => {
    expect(() => torch.loadSync(checkpoint(tensorPickle(4, 0, [1], [1])))).toThrow(/storage '0' has no record archive\/data\/0/);
    expect(() => torch.loadSync(checkpoint(tensorPickle(4, 0, [1], [1]), [floats(3)]))).toThrow(/declares 4 float32 elements \(16 bytes\) but its record holds 12 bytes/);
  });

  test('zip damage: a bad CRC, a deflate bomb, a lying directory', () => {
    const good = torch.saveSync({ w: torch.ones(64) });
    const flipped = Buffer.from(good);
    const at = flipped.indexOf(Buffer.from(new Float32Array([1]).buffer));
    flipped[at]! ^= 1;
    expect(() => torch.loadSync(flipped)).toThrow(/record 'archive\/data\/0' fails its CRC-32 check/);
    // data.pkl deflated and declared far larger than deflate can produce.
    const bomb = checkpoint(raw(0x80, 2, 0x4e, 0x2e), [], true);
    const cd = bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bomb.writeUInt32LE(0x7ffffff0, cd + 24);
    expect(() => torch.loadSync(bomb)).toThrow(/declares 2147483632 bytes inflated from \d+, more than deflate can produce/);
    const lying = Buffer.from(good);
    const eocd = lying.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    lying.writeUInt16LE(60000, eocd + 10);
    expect(() => torch.loadSync(lying)).toThrow(/cannot hold the 60000 entries/);
  });
});

/** A deterministic generator (xorshift32) so failures reproduce. */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return (n: number) => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s % n;
  };
}

function mutate(bytes: Uint8Array, r: (n: number) => number): Uint8Array {
  const out = Uint8Array.from(bytes);
  const kind = r(4);
  if (kind === 0) return out.subarray(0, r(out.length)); // truncate
  const flips = 1 + r(4);
  for (let k = 0; k < flips; k++) {
    const at = r(out.length);
    out[at] = kind === 1 ? r(256) : kind === 2 ? out[at]! ^ (1 << r(8)) : [0, 0xff, 0x7f, 0x80][r(4)]!;
  }
  return out;
}

function expectTorchErrorOrValue(load: () => unknown, what: string): 'ok' | 'error' {
  try {
    load();
    return 'ok';
  } catch (e) {
    if (!TORCH_ERRORS.some((c) => e instanceof c)) throw new Error(`${what}: threw ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
    return 'error';
  }
}

describe('fuzz (deterministic)', () => {
  const base = torch.arange(12).float().view(3, 4);
  const graph = { base, t: base.t(), n: base.narrow(1, 1, 2), m: new Map<unknown, unknown>([[1, 'x'], ['k', [1n, 2.5, null, true]]]), h: torch.ones(3, { dtype: torch.float16 }), l: torch.arange(5) };
  const valid = torch.saveSync(graph);

  test('mutated and truncated files: every load succeeds or throws a Torch error', () => {
    const r = rng(12345);
    const counts = { ok: 0, error: 0 };
    for (let i = 0; i < 1500; i++) counts[expectTorchErrorOrValue(() => torch.loadSync(mutate(valid, r)), `file mutation ${i}`)]++;
    expect(counts.error).toBeGreaterThan(1000); // CRCs and structure checks catch nearly all of them
  });

  test('mutated data.pkl inside a well-formed archive (CRCs valid): the unpickler never throws anything else', () => {
    const entries = readZip(valid, 'fuzz');
    const pickle = entries.find((e) => e.name === 'archive/data.pkl')!.raw;
    const records = entries.filter((e) => e.name.startsWith('archive/data/')).map((e) => Uint8Array.from(e.raw));
    const r = rng(777);
    const counts = { ok: 0, error: 0 };
    for (let i = 0; i < 1500; i++) counts[expectTorchErrorOrValue(() => torch.loadSync(checkpoint(mutate(pickle, r), records)), `pickle mutation ${i}`)]++;
    expect(counts.ok).toBeGreaterThan(10); // some mutations (a changed value) still load
    expect(counts.error).toBeGreaterThan(500);
  });

  test('mutated and truncated legacy (pre-1.6) files: every load succeeds or throws a Torch error', () => {
    const legacy = readFileSync(fileURLToPath(new URL('./fixtures/serialize/legacy.pt', import.meta.url)));
    const r = rng(4242);
    const counts = { ok: 0, error: 0 };
    for (let i = 0; i < 1000; i++) counts[expectTorchErrorOrValue(() => torch.loadSync(mutate(legacy, r)), `legacy mutation ${i}`)]++;
    expect(counts.error).toBeGreaterThan(300);
  });

  test('async loads of damaged files reject with Torch errors too', async () => {
    const r = rng(99);
    for (let i = 0; i < 100; i++) {
      const bytes = mutate(valid, r);
      await torch.load(Buffer.from(bytes)).catch((e) => {
        expect(TORCH_ERRORS.some((c) => e instanceof c), String(e)).toBe(true);
      });
    }
  });
});
