// Inputs that used to be accepted silently, hang, abort the process or surface Node's internal errors:
// each must now give a clear error naming the op (or, for printing, just work).
import { Buffer } from 'node:buffer';
import { afterEach, describe, expect, it } from 'vitest';
import * as torch from '../src/index';

describe('storage offsets and sizes', () => {
  const storage = () => new torch.FloatStorage(10);
  it('NaN, fractional and string offsets throw', () => {
    expect(() => new torch.FloatTensor(storage(), NaN, [1000])).toThrow(torch.TorchTypeError);
    expect(() => new torch.FloatTensor(storage(), NaN, [1000])).toThrow(/^set_: storage offset must be a non-negative integer, got number NaN/);
    expect(() => new torch.FloatTensor(storage(), 1.5, [2])).toThrow(/storage offset must be a non-negative integer/);
    expect(() => new torch.FloatTensor(storage(), '1' as unknown as number, [2])).toThrow(/storage offset must be a non-negative integer, got string 1/);
    expect(() => torch.empty(0).set_(storage(), Infinity, [0])).toThrow(torch.TorchTypeError);
    expect(() => new torch.FloatTensor(storage(), 0, [2.5])).toThrow(/sizes must be integers/);
  });
  it('offsets and sizes past the end throw', () => {
    expect(() => new torch.FloatTensor(storage(), 11, [0])).toThrow(/^set_: storage offset 11 is past the end of a storage of 10 elements/);
    expect(() => new torch.FloatTensor(storage(), 11)).toThrow(torch.TorchSizeError);
    expect(() => new torch.FloatTensor(storage(), 5, [1000])).toThrow(torch.TorchSizeError);
    expect(() => new torch.FloatTensor(storage(), 0, [2, 2], [9, 2])).toThrow(/reach outside a storage of 10 elements/);
  });
  it('valid forms still work, including an empty view at the very end', () => {
    const s = storage();
    s.set(9, 7);
    expect(new torch.FloatTensor(s, 9, [1]).tolist()).toEqual([7]);
    expect(new torch.FloatTensor(s, 10, [0]).shape).toEqual([0]);
    expect(new torch.FloatTensor(s, 8).shape).toEqual([2]);
  });
});

describe('svd and pinverse of non-finite input', () => {
  // Small matrices with Inf gave NaNs (as PyTorch), but a larger one sent gesdd's divide and conquer
  // into an endless loop (after "DLASCL parameter number 4 had an illegal value"): all are rejected now.
  it('reject Inf and NaN instead of hanging', () => {
    const big = torch.randn([200, 200], { dtype: torch.float64 });
    big.set([1, 1], Infinity);
    expect(() => torch.svd(big)).toThrow(/^svd: the input of size \[200, 200\] contains non-finite values/);
    expect(() => torch.pinverse(big)).toThrow(torch.TorchLinAlgError);
    const a = torch.tensor([[1, Infinity], [2, 3]], { dtype: torch.float64 });
    expect(() => torch.svd(a)).toThrow(torch.TorchLinAlgError);
    expect(() => torch.svd(a)).toThrow(/^svd: the input of size \[2, 2\] contains non-finite values/);
    expect(() => torch.pinverse(a)).toThrow(/^pinverse: .*non-finite/);
    expect(() => torch.svd(torch.tensor([[NaN, 1], [2, 3]]))).toThrow(/non-finite/);
    expect(() => torch.svd(torch.tensor([[-Infinity, 1], [2, 3]]).float(), { computeUv: false })).toThrow(/non-finite/);
  });
  it('finite input still decomposes', () => {
    const { S } = torch.svd(torch.tensor([[3, 0], [0, 4]], { dtype: torch.float64 }));
    expect(S.tolist()).toEqual([4, 3]);
  });
});

describe('setNumThreads', () => {
  const before = torch.getNumThreads();
  afterEach(() => torch.setNumThreads(before));
  it('rejects absurd counts before changing anything (1e9 used to abort the process)', () => {
    torch.setNumThreads(2);
    expect(() => torch.setNumThreads(1e9)).toThrow(torch.TorchSizeError);
    expect(() => torch.setNumThreads(1e9)).toThrow(/^setNumThreads: at most 1024 threads are supported, got 1000000000/);
    expect(() => torch.setNumThreads(2.5)).toThrow(torch.TorchTypeError);
    expect(torch.getNumThreads()).toBe(2);
    expect(torch.backends.blas.threads).toBeGreaterThan(0);
  });
});

describe('.npz members that inflate past their declared size', () => {
  /** A deflated npz whose member declares `declared` bytes but inflates to 64 MiB of zeros. */
  function bomb(declared: number): Buffer {
    const bytes = Buffer.from(torch.encodeNpz({ x: torch.zeros(1 << 24) }, { compressed: true }));
    expect(bytes.length).toBeLessThan(1 << 20);
    for (let p = 0; p + 4 <= bytes.length; p++) {
      const sig = bytes.readUInt32LE(p);
      if (sig === 0x02014b50) bytes.writeUInt32LE(declared, p + 24); // central directory: uncompressed size
      if (sig === 0x04034b50) bytes.writeUInt32LE(declared, p + 22); // local header
    }
    return bytes;
  }
  it('stop inflating at the declared size (sync and async)', async () => {
    const b = bomb(1000);
    expect(() => torch.decodeNpz(b)).toThrow(/^loadNpz: member 'x.npy' inflates to more than the 1000 bytes the directory declares/);
    await expect(torch.loadNpzAsync(b)).rejects.toThrow(/inflates to more than the 1000 bytes the directory declares/);
  });
  it('honest files still load', async () => {
    const bytes = torch.encodeNpz({ y: torch.arange(5) }, { compressed: true });
    expect(torch.decodeNpz(bytes).y!.tolist()).toEqual([0, 1, 2, 3, 4]);
    expect((await torch.loadNpzAsync(bytes)).y!.tolist()).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('huge expanded views', () => {
  it('print summarised without being copied', () => {
    const s = String(torch.ones(1).expand(2 ** 40));
    expect(s).toBe([' 1', ' 1', ' 1', '\u22EE ', ' 1', ' 1', ' 1', '[torch.FloatTensor of size 1099511627776]'].join('\n'));
    const m = String(torch.arange(3).float().view(3, 1).expand(3, 2 ** 31));
    // The same cells as a small expanded view that could be copied.
    const small = String(torch.arange(3).float().view(3, 1).expand(3, 2000));
    expect(m).toBe(small.replace('3x2000', '3x2147483648'));
    expect(m.split('\n')[1]).toBe('    1     1     1  ...      1     1     1');
  });
  it('print the same as before for ordinary, strided and expanded tensors', () => {
    const t = torch.arange(6).float().view(2, 3);
    expect(String(t.t())).toBe(String(t.t().contiguous()));
    expect(String(t.get(':', '::2'))).toBe(String(t.get(':', '::2').contiguous()));
    const e = torch.tensor([1.5, -2]).view(2, 1).expand(2, 3);
    expect(String(e)).toBe(String(e.contiguous()));
    expect(String(torch.tensor(3, { dtype: torch.int64 }))).toBe(' 3\n[torch.LongTensor of size ()]');
  });
  it('sizes beyond what can be allocated are a TorchSizeError naming the op', () => {
    const big = torch.ones(1).expand(2 ** 40);
    expect(() => big.clone()).toThrow(torch.TorchSizeError);
    expect(() => big.clone()).toThrow(/^clone: cannot allocate 1099511627776 elements of torch.float32/);
    expect(() => big.contiguous()).toThrow(/^clone: cannot allocate/);
    expect(() => big.add(1)).toThrow(/^add: cannot allocate/);
    expect(() => big.double()).toThrow(/^to: cannot allocate/);
    expect(() => torch.zeros(2 ** 40)).toThrow(/^zeros: cannot allocate/);
    expect(() => new torch.FloatTensor(2 ** 40)).toThrow(/^FloatTensor: cannot allocate/);
    expect(() => new torch.FloatStorage(2 ** 40)).toThrow(torch.TorchSizeError);
  });
});
