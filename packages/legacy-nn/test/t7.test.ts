import { describe, expect, it } from 'vitest';
import * as core from '@torch/core';
import { load, serialize, T7Object, T7LuaFunction, TorchT7Error, registerT7Class } from '../src/index';

const { Tensor } = core;

/** Bytes written by hand from Torch7's format (File.lua writeObject, Tensor/Storage write), little-endian, 8-byte longs. */
function handWrittenFloatTensor(): Uint8Array {
  const int = (v: number) => [v & 255, (v >> 8) & 255, (v >> 16) & 255, (v >>> 24) & 255];
  const long = (v: number) => [...int(v), 0, 0, 0, 0];
  const str = (s: string) => [...int(s.length), ...Buffer.from(s, 'latin1')];
  return Uint8Array.from([
    ...int(4), ...int(1), ...str('V 1'), ...str('torch.FloatTensor'),
    ...int(1), ...long(2), ...long(1), ...long(1),                    // 1 dim, size 2, stride 1, offset 1 (Lua)
    ...int(4), ...int(2), ...str('V 1'), ...str('torch.FloatStorage'),
    ...long(2), 0x00, 0x00, 0xc0, 0x3f, 0x00, 0x00, 0x00, 0xc0,         // 1.5f, -2f
  ]);
}

describe('t7: reading Torch7 files', () => {
  it('reads a hand-written FloatTensor file', () => {
    const t = load(handWrittenFloatTensor()) as core.Tensor;
    expect(t).toBeInstanceOf(Tensor);
    expect(t.dtype).toBe(core.float32);
    expect(t.tolist()).toEqual([1.5, -2]);
    // and writes the same bytes back
    expect([...serialize(t)]).toEqual([...handWrittenFloatTensor()]);
  });

  it('round-trips numbers, strings, booleans, nil, arrays, objects and Maps', () => {
    const value = { n: 1.25, s: 'héllo', yes: true, no: false, nothing: null, list: [1, 'two', [3]], nested: { a: { b: -0.5 } }, m: new Map<unknown, unknown>([[true, 1], [2.5, 'x']]) };
    for (const mode of ['binary', 'ascii'] as const)
      for (const longSize of [8, 4] as const) {
        const back = load(serialize(value, { mode, longSize }), { mode, longSize }) as Record<string, unknown>;
        expect(back.n).toBe(1.25);
        expect(back.s).toBe('héllo');
        expect(back.yes).toBe(true);
        expect(back.no).toBe(false);
        expect('nothing' in back).toBe(false); // a nil value is no entry, as in a Lua table
        expect(back.list).toEqual([1, 'two', [3]]);
        expect(back.nested).toEqual({ a: { b: -0.5 } });
        expect(back.m).toEqual(new Map<unknown, unknown>([[true, 1], [2.5, 'x']]));
      }
  });

  it('round-trips tensors of every Torch7 type, in both modes, both long sizes and both byte orders', () => {
    const dtypes = [core.uint8, core.int8, core.int16, core.int32, core.int64, core.float32, core.float64, core.float16];
    for (const dtype of dtypes)
      for (const [mode, longSize, endian] of [['binary', 8, 'little'], ['binary', 4, 'little'], ['binary', 8, 'big'], ['ascii', 8, 'little']] as const) {
        const t = core.arange(-5, 7, { dtype }).view(3, 4).t(); // non-contiguous
        const back = load(serialize(t, { mode, longSize, endian }), { mode, longSize, endian }) as core.Tensor;
        expect(back.dtype).toBe(dtype);
        expect(back.size()).toEqual([4, 3]);
        expect(back.stride()).toEqual([1, 4]);
        expect(back.tolist()).toEqual(t.tolist());
      }
  });

  it('keeps non-finite and exact doubles in ascii files', () => {
    const t = core.tensor([Infinity, -Infinity, NaN, 0.1, 1 / 3], { dtype: core.float64 });
    const back = load(serialize(t, { mode: 'ascii' }), { mode: 'ascii' }) as core.Tensor;
    expect(back.tolist()).toEqual([Infinity, -Infinity, NaN, 0.1, 1 / 3]);
  });

  it('keeps sharing: views of one storage load as views of one storage; a table twice is one object', () => {
    const base = core.arange(12, { dtype: core.float32 });
    const a = base.view(3, 4);
    const b = base.narrow(0, 2, 5);
    const shared = { w: 1 };
    const back = load(serialize({ a, b, again: a, s1: shared, s2: shared })) as Record<string, core.Tensor | object>;
    const [ba, bb] = [back.a as core.Tensor, back.b as core.Tensor];
    expect(ba.storage()).toBe(bb.storage());
    expect(back.again).toBe(ba);
    expect(back.s1).toBe(back.s2);
    expect(bb.storageOffset()).toBe(2);
    ba.fill_(7);
    expect(bb.tolist()).toEqual([7, 7, 7, 7, 7]);
  });

  it('keeps cycles', () => {
    const root: Record<string, unknown> = { name: 'root' };
    root.self = root;
    const list: unknown[] = [1];
    list.push(list);
    const back = load(serialize({ root, list })) as { root: Record<string, unknown>; list: Record<string, unknown> };
    expect(back.root.self).toBe(back.root);
    // A 1..n table that refers to itself keeps its identity, so it stays an object keyed '1', '2'.
    expect(back.list['2']).toBe(back.list);
    expect(back.list['1']).toBe(1);
  });

  it('loads Torch7 class objects through registered handlers, and unknown ones only by option', () => {
    const bytes = serialize(new T7Object('nn.Foo', { weight: core.ones(2), train: true }));
    expect(() => load(bytes)).toThrow(/unknown Torch7 class 'nn.Foo'/);
    const o = load(bytes, { unknownClasses: 'object' }) as T7Object;
    expect(o).toBeInstanceOf(T7Object);
    expect(o.typename).toBe('nn.Foo');
    expect((o.fields.weight as core.Tensor).tolist()).toEqual([1, 1]);
    class Foo { weight?: core.Tensor; restored = false; }
    registerT7Class('nn.Foo', { create: () => new Foo(), restore: (m, f) => Object.assign(m, f, { restored: true }) });
    const foo = load(bytes) as Foo;
    expect(foo).toBeInstanceOf(Foo);
    expect(foo.restored).toBe(true);
    expect(foo.weight!.tolist()).toEqual([1, 1]);
  });

  it('reads files from before versioning (class name first) and empty tensors', () => {
    const int = (v: number) => [v & 255, (v >> 8) & 255, (v >> 16) & 255, (v >>> 24) & 255];
    const str = (s: string) => [...int(s.length), ...Buffer.from(s, 'latin1')];
    const bytes = Uint8Array.from([...int(4), ...int(1), ...str('torch.DoubleTensor'), ...int(0), 1, 0, 0, 0, 0, 0, 0, 0, ...int(0)]);
    const t = load(bytes) as core.Tensor;
    expect(t.dtype).toBe(core.float64);
    expect(t.numel()).toBe(0);
  });

  it('never runs Lua functions: refused by default, a placeholder by option', () => {
    const int = (v: number) => [v & 255, (v >> 8) & 255, (v >> 16) & 255, (v >>> 24) & 255];
    // TYPE_RECUR_FUNCTION, index 1, 3 bytes of "bytecode", upvalues = empty table (index 2)
    const bytes = Uint8Array.from([...int(8), ...int(1), ...int(3), 0x1b, 0x4c, 0x4a, ...int(3), ...int(2), ...int(0)]);
    expect(() => load(bytes)).toThrow(/Lua function/);
    const f = load(bytes, { functions: 'placeholder' }) as T7LuaFunction;
    expect(f).toBeInstanceOf(T7LuaFunction);
    expect(f.bytecodeLength).toBe(3);
  });

  it('refuses what Torch7 cannot hold when writing', () => {
    expect(() => serialize(core.tensor([true, false]))).toThrow(/no bool tensors/);
    expect(() => serialize({ f: () => 1 })).toThrow(TorchT7Error);
  });
});

describe('t7: hostile and truncated files', () => {
  const int = (v: number) => [v & 255, (v >> 8) & 255, (v >> 16) & 255, (v >>> 24) & 255];
  const str = (s: string) => [...int(s.length), ...Buffer.from(s, 'latin1')];

  it('gives a clear error for wrong tags, huge lengths, out-of-range views, wrong storage types and deep nesting', () => {
    expect(() => load(Uint8Array.from(int(99)))).toThrow(/unknown object tag 99/);
    expect(() => load(Uint8Array.from([...int(2), ...int(2 ** 31 - 1)]))).toThrow(/truncated/);
    expect(() => load(Uint8Array.from([...int(3), ...int(1), ...int(2 ** 30)]))).toThrow(/does not fit/);
    // storage declaring 2^40 elements: refused before allocating
    const huge = [...int(4), ...int(1), ...str('V 1'), ...str('torch.FloatStorage'), 0, 0, 0, 0, 0, 1, 0, 0];
    expect(() => load(Uint8Array.from(huge))).toThrow(/does not fit/);
    // tensor of size 5 over a storage of 2
    const big = handWrittenFloatTensor();
    big[4 + 4 + 7 + 21 + 4] = 5;
    expect(() => load(big)).toThrow(/reaches element 4 of a storage of 2/);
    // a LongStorage under a FloatTensor
    const wrong = Buffer.from(handWrittenFloatTensor());
    wrong.write('torch.LongStorage ', 4 + 4 + 7 + 21 + 4 + 24 + 8 + 7 + 4, 'latin1');
    expect(() => load(wrong)).toThrow(TorchT7Error);
    // 5000 nested tables
    const deep: number[] = [];
    for (let i = 0; i < 5000; i++) deep.push(...int(3), ...int(i + 1), ...int(1), ...int(1), 0, 0, 0, 0, 0, 0, 0xf0, 0x3f);
    expect(() => load(Uint8Array.from(deep))).toThrow(/nest deeper than/);
  });

  it('fuzz: truncations and byte flips of valid files load or throw TorchT7Error/Torch errors, never anything else', () => {
    const samples = [
      serialize({ a: core.arange(10, { dtype: core.float64 }).view(2, 5), b: [1, 'x', true], c: new T7Object('nn.Linear', { w: core.ones(2, 2) }) }),
      serialize({ t: core.arange(6, { dtype: core.int64 }), s: 'abc' }, { mode: 'ascii' }),
      Buffer.from(handWrittenFloatTensor()),
    ];
    let seed = 12345;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    let loaded = 0;
    for (const [k, sample] of samples.entries()) {
      const mode = k === 1 ? 'ascii' : 'binary';
      // (an ascii file cut just before its final newline is still whole)
      for (let cut = 0; cut < sample.length - (mode === 'ascii' ? 1 : 0); cut++) expect(() => load(sample.subarray(0, cut), { mode, unknownClasses: 'object' })).toThrow();
      for (let trial = 0; trial < 1500; trial++) {
        const bytes = Buffer.from(sample);
        for (let f = 1 + rand(4); f > 0; f--) bytes[rand(bytes.length)] = rand(256);
        try {
          load(bytes, { mode, unknownClasses: 'object' });
          loaded++;
        } catch (e) {
          expect(e instanceof TorchT7Error || e instanceof core.TorchSizeError || e instanceof core.TorchIndexError || e instanceof core.TorchTypeError, String(e)).toBe(true);
        }
      }
    }
    expect(loaded).toBeGreaterThan(0);
  });
});

