import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { ConcatDataset, Dataset, randomSplit, Subset, TensorDataset } from '../src/index';

class Range extends Dataset<number> {
  constructor(readonly n: number, readonly base = 0) {
    super();
  }
  get length() {
    return this.n;
  }
  getItem(i: number) {
    return this.base + i;
  }
}

describe('TensorDataset', () => {
  const x = torch.arange(12).view(4, 3).float();
  const y = torch.arange(4);
  const ds = new TensorDataset(x, y);

  it('returns row views of each tensor', () => {
    expect(ds.length).toBe(4);
    const [xi, yi] = ds.getItem(2);
    expect(xi!.shape).toEqual([3]);
    expect(Array.from(xi!.toTypedArray() as Float32Array)).toEqual([6, 7, 8]);
    expect(yi!.dim()).toBe(0);
    expect(yi!.item()).toBe(2);
    xi!.fill_(-1);
    expect(x.get(2, 0).item()).toBe(-1); // a view, as in PyTorch
    x.get(2).copy_(torch.tensor([6, 7, 8]));
  });

  it('accepts negative indices and rejects out-of-range ones', () => {
    expect((ds.getItem(-1)[1]!).item()).toBe(3);
    expect(() => ds.getItem(4)).toThrow(torch.TorchIndexError);
    expect(() => ds.getItem(4)).toThrow(/index 4 is out of range for length 4/);
    expect(() => ds.getItem(1.5)).toThrow(torch.TorchTypeError);
  });

  it('builds a batch with one indexSelect per tensor', () => {
    const [xb, yb] = ds.getBatch(torch.tensor([3, 0, 3]));
    expect(xb!.shape).toEqual([3, 3]);
    expect(Array.from(yb!.toTypedArray() as BigInt64Array, Number)).toEqual([3, 0, 3]);
    expect(xb!.get(1).equal(x.get(0))).toBe(true);
  });

  it('rejects tensors of different first sizes and 0-dim tensors', () => {
    expect(() => new TensorDataset(torch.zeros(3, 2), torch.zeros(4))).toThrow(/tensor 0 has 3 rows, tensor 1 has size \[4\]/);
    expect(() => new TensorDataset(torch.tensor(1))).toThrow(torch.TorchSizeError);
    expect(() => new TensorDataset()).toThrow(torch.TorchTypeError);
    expect(() => new TensorDataset([1, 2] as unknown as torch.Tensor)).toThrow(/argument 0 must be a Tensor/);
  });
});

describe('ConcatDataset', () => {
  const c = new ConcatDataset([new Range(3, 0), new Range(0, 100), new Range(2, 10)]);
  it('indexes across the parts, skipping empty ones', () => {
    expect(c.length).toBe(5);
    expect(c.cumulativeSizes).toEqual([3, 3, 5]);
    expect(Array.from({ length: 5 }, (_, i) => c.getItem(i))).toEqual([0, 1, 2, 10, 11]);
    expect(c.getItem(-1)).toBe(11);
    expect(() => c.getItem(5)).toThrow(torch.TorchIndexError);
  });
  it('Dataset.concat and bad inputs', () => {
    expect(new Range(2).concat(new Range(1, 7)).getItem(2)).toBe(7);
    expect(() => new ConcatDataset([])).toThrow(torch.TorchTypeError);
    expect(() => new ConcatDataset([{} as never])).toThrow(/expected a dataset/);
  });
});

describe('Subset', () => {
  it('maps indices and keeps the batch fast path of the wrapped dataset', () => {
    const ds = new TensorDataset(torch.arange(10).mul(10));
    const s = new Subset(ds, [9, 2, 5]);
    expect(s.length).toBe(3);
    expect(s.getItem(0)[0]!.item()).toBe(90);
    const batch = s.getBatch!(torch.tensor([2, 0])) as torch.Tensor[];
    expect(Array.from(batch[0]!.toTypedArray() as BigInt64Array, Number)).toEqual([50, 90]);
  });
  it('has no fast path when the wrapped dataset has none', () => {
    expect(new Subset(new Range(4), [1]).getBatch).toBeUndefined();
  });
  it('rejects indices outside the dataset', () => {
    expect(() => new Subset(new Range(4), [4])).toThrow(/index 4 is out of range for length 4/);
  });
});

describe('randomSplit', () => {
  it('splits by counts into a permutation, reproducibly with a generator', () => {
    const ds = new Range(10);
    const parts = randomSplit(ds, [3, 7], { generator: new torch.Generator().manualSeed(1) });
    expect(parts.map((p) => p.length)).toEqual([3, 7]);
    const all = parts.flatMap((p) => Array.from({ length: p.length }, (_, i) => p.getItem(i)));
    expect(all.slice().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const again = randomSplit(ds, [3, 7], { generator: new torch.Generator().manualSeed(1) });
    expect(again[0]!.indices).toEqual(parts[0]!.indices);
    expect(randomSplit(ds, [3, 7], { generator: new torch.Generator().manualSeed(2) })[1]!.indices).not.toEqual(parts[1]!.indices);
  });
  it('splits by fractions, handing out the remainder round-robin', () => {
    expect(randomSplit(new Range(10), [0.33, 0.33, 0.34]).map((p) => p.length)).toEqual([4, 3, 3]);
    expect(randomSplit(new Range(5), [0.5, 0.5]).map((p) => p.length)).toEqual([3, 2]);
  });
  it('rejects lengths that do not add up', () => {
    expect(() => randomSplit(new Range(10), [3, 3])).toThrow(/sum of input lengths \[3, 3\] does not equal the length of the input dataset \(10\)/);
    expect(() => randomSplit(new Range(10), [0.5, 0.2])).toThrow(torch.TorchTypeError);
    expect(() => randomSplit(new Range(10), [10], { seed: 1 } as never)).toThrow(/unknown option 'seed'/);
  });
});
