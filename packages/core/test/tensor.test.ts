// Constructors, typed classes, storage sharing, element access and conversions.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';

describe('typed tensor classes', () => {
  it('construct from sizes, data, typed arrays, storages and tensors', () => {
    const a = new torch.FloatTensor(2, 3);
    expect(a.size()).toEqual([2, 3]);
    expect(a.type()).toBe('torch.FloatTensor');
    expect(a).toBeInstanceOf(torch.FloatTensor);
    expect(a).not.toBeInstanceOf(torch.DoubleTensor);
    expect(new torch.LongTensor([[1, 2], [3, 4]]).tolist()).toEqual([[1, 2], [3, 4]]);
    expect(new torch.DoubleTensor().size()).toEqual([0]);

    const arr = new Float32Array([1, 2, 3]);
    const shared = new torch.FloatTensor(arr);
    arr[0] = 9;
    expect(shared.get(0).item()).toBe(9);

    const s = new torch.FloatStorage(6);
    const v = new torch.FloatTensor(s, 1, [2, 2], [2, 1]);
    v.fill_(5);
    expect(s.tolist()).toEqual([0, 5, 5, 5, 5, 0]);
    const alias = new torch.FloatTensor(v);
    alias.set([0, 0], 7);
    expect(v.get(0, 0).item()).toBe(7);
    expect(() => new torch.DoubleTensor(v)).toThrow(torch.TorchTypeError);
    expect(() => new torch.FloatTensor(s, 0, [2, 4], [4, 1])).toThrow(/reach outside a storage of 6 elements/);
    expect(() => new torch.FloatTensor(s, 5, [2], [-1])).toThrow(/non-negative/);
  });

  it('torch.Tensor follows the default tensor type', () => {
    expect(new torch.Tensor(2).dtype).toBe(torch.float32);
    torch.setDefaultTensorType('torch.DoubleTensor');
    try {
      expect(new torch.Tensor(2).dtype).toBe(torch.float64);
      expect(torch.zeros(2).dtype).toBe(torch.float64);
      expect(torch.tensor([0.5]).dtype).toBe(torch.float64);
    } finally {
      torch.setDefaultTensorType('torch.FloatTensor');
    }
    expect(() => torch.setDefaultTensorType('torch.LongTensor')).toThrow(/floating point/);
  });

  it('torch.tensor infers bool, int64 and float', () => {
    expect(torch.tensor([true, false]).dtype).toBe(torch.bool);
    expect(torch.tensor([1, 2]).dtype).toBe(torch.int64);
    expect(torch.tensor([1, 2.5]).dtype).toBe(torch.float32);
    expect(torch.tensor(new Float64Array([1, 2])).dtype).toBe(torch.float64);
    const zero = torch.tensor(3.5);
    expect(zero.dim()).toBe(0);
    expect(zero.item()).toBe(3.5);
    expect(() => torch.tensor([[1, 2], [3]])).toThrow(torch.TorchSizeError);
  });
});

describe('elements and conversion', () => {
  it('reads and writes single elements of every dtype', () => {
    for (const dtype of torch.dtypes) {
      const t = torch.zeros([2, 2], { dtype });
      t.set([1, 0], 1);
      expect(t.get(1, 0).item()).toBe(1);
      expect(t.get(0, 0).item()).toBe(0);
    }
  });

  it('half precision round-trips representable values and rounds others', () => {
    const h = torch.tensor([1, 0.5, 65504, 1e-7, 70000], { dtype: torch.float16 });
    expect(h.tolist()).toEqual([1, 0.5, 65504, 1.1920928955078125e-7, Infinity]);
    expect(h.float().tolist()).toEqual(h.tolist());
  });

  it('int64 beyond 2^53 refuses a lossy read but computes exactly', () => {
    const big = torch.tensor([2n ** 60n as unknown as number]);
    expect(big.dtype).toBe(torch.int64);
    expect(() => big.item()).toThrow(/precision/);
    expect(String(big)).toContain('1152921504606846976');
    const sum = big.add(big);
    expect((sum.storage().data as BigInt64Array)[0]).toBe(2n ** 61n);
  });

  it('converts between types with type(), float(), ..., typeAs', () => {
    const t = torch.tensor([1.7, -1.7, 300]);
    expect(t.type('torch.IntTensor').tolist()).toEqual([1, -1, 300]);
    expect(t.long().dtype).toBe(torch.int64);
    expect(t.byte().tolist()).toEqual([1, 255, 44]);
    expect(t.bool().tolist()).toEqual([1, 1, 1]);
    expect(t.float()).toBe(t);
    expect(t.typeAs(torch.zeros(1, { dtype: torch.float64 })).dtype).toBe(torch.float64);
    expect(t.type()).toBe('torch.FloatTensor');
  });

  it('copy_ broadcasts, casts and works across strides', () => {
    const dst = torch.zeros(2, 3, { dtype: torch.int32 });
    dst.t().copy_(torch.tensor([[1.9], [2], [3]]));
    expect(dst.tolist()).toEqual([[1, 2, 3], [1, 2, 3]]);
    expect(() => dst.copy_(torch.ones(4))).toThrow(torch.TorchSizeError);
    expect(dst.tolist()).toEqual([[1, 2, 3], [1, 2, 3]]);
  });

  it('prints like PyTorch 0.x with a type and size footer', () => {
    const s = String(torch.tensor([[1, 2], [3, 4]], { dtype: torch.float32 }));
    expect(s).toMatch(/\[torch\.FloatTensor of size 2x2\]/);
    expect(s).toMatch(/1\s+2\n\s*3\s+4/);
  });
});
