import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { defaultCollate } from '../src/index';

const values = (t: torch.Tensor) => Array.from(t.toTypedArray() as ArrayLike<number | bigint>, Number);

describe('defaultCollate', () => {
  it('stacks tensors along a new first dimension', () => {
    const b = defaultCollate([torch.zeros(2, 3), torch.ones(2, 3)]);
    expect(b.shape).toEqual([2, 2, 3]);
    expect(b.dtype).toBe(torch.float32);
    expect(values(b.get(1))).toEqual([1, 1, 1, 1, 1, 1]);
  });
  it('turns integers into int64, other numbers into float64, bigints into int64, booleans into bool (like PyTorch)', () => {
    const ints = defaultCollate([1, 2, 3]);
    expect(ints.dtype).toBe(torch.int64);
    expect(values(ints)).toEqual([1, 2, 3]);
    const floats = defaultCollate([1, 2.5]);
    expect(floats.dtype).toBe(torch.float64);
    expect(values(floats)).toEqual([1, 2.5]);
    expect(defaultCollate([2n ** 60n, 1n]).dtype).toBe(torch.int64);
    expect((defaultCollate([2n ** 60n, 1n]).toTypedArray() as BigInt64Array)[0]).toBe(2n ** 60n);
    const flags = defaultCollate([true, false]);
    expect(flags.dtype).toBe(torch.bool);
    expect(values(flags)).toEqual([1, 0]);
  });
  it('collates tuples position by position and objects key by key, recursively', () => {
    const batch = defaultCollate([
      { image: torch.zeros(2), label: 3, meta: { name: 'a', ids: [1, 10] } },
      { image: torch.ones(2), label: 5, meta: { name: 'b', ids: [2, 20] } },
    ]);
    expect(batch.image.shape).toEqual([2, 2]);
    expect(values(batch.label)).toEqual([3, 5]);
    expect(batch.meta.name).toEqual(['a', 'b']);
    expect(values(batch.meta.ids[0]!)).toEqual([1, 2]);
    expect(values(batch.meta.ids[1]!)).toEqual([10, 20]);
    const pairs = defaultCollate([[torch.tensor([1, 2]), 0], [torch.tensor([3, 4]), 1]] as [torch.Tensor, number][]);
    expect(pairs[0].shape).toEqual([2, 2]);
    expect(values(pairs[1])).toEqual([0, 1]);
  });
  it('stacks TypedArrays as tensors of their dtype', () => {
    const b = defaultCollate([new Float64Array([1, 2]), new Float64Array([3, 4])]);
    expect(b.dtype).toBe(torch.float64);
    expect(b.shape).toEqual([2, 2]);
  });
  it('names the sample and the path on mismatched sizes, dtypes, lengths, keys and types', () => {
    expect(() => defaultCollate([torch.zeros(28, 28), torch.zeros(28, 28), torch.zeros(27, 28)])).toThrow(
      'defaultCollate: sample 2 has size [27, 28], sample 0 has [28, 28]; every sample must have the same size to be stacked',
    );
    expect(() => defaultCollate([torch.zeros(2), torch.zeros(2).double()])).toThrow(/sample 1 has dtype float64, sample 0 has float32/);
    expect(() => defaultCollate([{ x: [torch.zeros(1), 1] }, { x: [torch.zeros(2), 1] }])).toThrow(/sample 1 at \.x\[0\] has size \[2\]/);
    expect(() => defaultCollate([[1, 2], [1]])).toThrow(torch.TorchSizeError);
    expect(() => defaultCollate([[1, 2], [1]])).toThrow(/equal length: sample 1 has length 1, sample 0 has 2/);
    expect(() => defaultCollate([{ a: 1 }, { b: 1 }])).toThrow(/sample 1 has keys \{b\}, sample 0 has \{a\}/);
    expect(() => defaultCollate([1, 'x'])).toThrow(/sample 1 is the string "x", but sample 0 is number 1/);
    expect(() => defaultCollate([null, null])).toThrow(/expected tensors, numbers/);
    expect(() => defaultCollate([])).toThrow(/empty batch/);
    expect(() => defaultCollate('ab' as never)).toThrow(torch.TorchTypeError);
  });
});
