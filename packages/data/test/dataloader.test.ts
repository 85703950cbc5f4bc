import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { BatchSampler, DataLoader, Dataset, defaultCollate, SequentialSampler, TensorDataset } from '../src/index';

const ints = (t: torch.Tensor) => Array.from(t.toTypedArray() as BigInt64Array, Number);

class Items extends Dataset<{ x: torch.Tensor; y: number }> {
  calls = 0;
  constructor(readonly n: number) {
    super();
  }
  get length() {
    return this.n;
  }
  getItem(i: number) {
    this.calls++;
    return { x: torch.full([2], i), y: i };
  }
}

describe('DataLoader', () => {
  const ds = new TensorDataset(torch.arange(10).float().view(10, 1), torch.arange(10));

  it('batches in order with a short last batch, or drops it', () => {
    const loader = new DataLoader(ds, { batchSize: 4 });
    const batches = [...loader];
    expect(loader.length).toBe(3);
    expect(batches.map((b) => ints((b as torch.Tensor[])[1]!))).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    const dropped = new DataLoader(ds, { batchSize: 4, dropLast: true });
    expect(dropped.length).toBe(2);
    expect([...dropped].length).toBe(2);
  });

  it('batchSize defaults to 1 and null yields unbatched samples', () => {
    const one = [...new DataLoader(ds)];
    expect(one.length).toBe(10);
    expect(((one[3] as torch.Tensor[])[0]!).shape).toEqual([1, 1]);
    const raw = [...new DataLoader(ds, { batchSize: null })];
    expect(((raw[3] as torch.Tensor[])[0]!).shape).toEqual([1]);
    expect(() => new DataLoader(ds, { batchSize: null, dropLast: true })).toThrow(/mutually exclusive/);
  });

  it('shuffles reproducibly with a Generator and reshuffles every epoch', () => {
    const order = (seed: number) => {
      const loader = new DataLoader(ds, { batchSize: 3, shuffle: true, generator: new torch.Generator().manualSeed(seed) });
      return [[...loader].flatMap((b) => ints((b as torch.Tensor[])[1]!)), [...loader].flatMap((b) => ints((b as torch.Tensor[])[1]!))];
    };
    const [e1, e2] = order(42);
    expect(e1!.slice().sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
    expect(e2).not.toEqual(e1);
    expect(order(42)).toEqual([e1, e2]);
    expect(order(43)[0]).not.toEqual(e1);
  });

  it('uses the dataset getBatch fast path with the default collate, and it equals getItem + defaultCollate', () => {
    const fast = new DataLoader(ds, { batchSize: 4, shuffle: true, generator: new torch.Generator().manualSeed(0) });
    const slow = new DataLoader(ds, { batchSize: 4, shuffle: true, generator: new torch.Generator().manualSeed(0), collate: (s) => defaultCollate(s) });
    expect(fast.usesBatchFastPath).toBe(true);
    expect(slow.usesBatchFastPath).toBe(false);
    const a = [...fast] as torch.Tensor[][], b = [...slow] as torch.Tensor[][];
    expect(a.length).toBe(b.length);
    a.forEach((batch, i) => batch.forEach((t, j) => {
      expect(t.shape).toEqual(b[i]![j]!.shape);
      expect(t.dtype).toBe(b[i]![j]!.dtype);
      expect(t.equal(b[i]![j]!)).toBe(true);
    }));
  });

  it('collates dict samples from getItem and passes custom collates the sample list', () => {
    const items = new Items(5);
    const [first] = new DataLoader(items, { batchSize: 2 });
    const b = first as { x: torch.Tensor; y: torch.Tensor };
    expect(b.x.shape).toEqual([2, 2]);
    expect(b.y.dtype).toBe(torch.int64);
    const sizes = [...new DataLoader(items, { batchSize: 2, collate: (s) => s.length })];
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('takes a sampler or a batchSampler', () => {
    const rev = { length: 3, *[Symbol.iterator]() { yield 9; yield 5; yield 0; } };
    expect([...new DataLoader(ds, { sampler: rev, batchSize: 2 })].map((b) => ints((b as torch.Tensor[])[1]!))).toEqual([[9, 5], [0]]);
    const bs = new BatchSampler(new SequentialSampler(ds), 5, false);
    const loader = new DataLoader(ds, { batchSampler: bs });
    expect(loader.length).toBe(2);
    expect([...loader].map((b) => ints((b as torch.Tensor[])[1]!))).toEqual([[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]);
    expect(() => new DataLoader(ds, { batchSampler: bs, batchSize: 4 })).toThrow(/batchSampler option is mutually exclusive/);
    expect(() => new DataLoader(ds, { batchSampler: bs, shuffle: true })).toThrow(/mutually exclusive/);
    expect(() => new DataLoader(ds, { sampler: rev, shuffle: true })).toThrow(/sampler option is mutually exclusive with shuffle/);
  });

  it('iterates with for await, yielding to the event loop between batches', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const seen: number[] = [];
    for await (const b of new DataLoader(ds, { batchSize: 1 })) {
      seen.push(ints((b as torch.Tensor[])[1]!)[0]!);
      await new Promise((r) => setTimeout(r, 1));
    }
    clearInterval(timer);
    expect(seen).toEqual([...Array(10).keys()]);
    expect(ticks).toBeGreaterThan(0);
  });

  it('surfaces collate errors with the sample shapes', () => {
    class Ragged extends Dataset<torch.Tensor> {
      get length() { return 3; }
      getItem(i: number) { return torch.zeros(i === 2 ? 3 : 2); }
    }
    expect(() => [...new DataLoader(new Ragged(), { batchSize: 3 })]).toThrow(/sample 2 has size \[3\], sample 0 has \[2\]/);
  });

  it('checks its arguments', () => {
    expect(() => new DataLoader({} as never)).toThrow(/expected a dataset/);
    expect(() => new DataLoader(ds, { batch_size: 2 } as never)).toThrow(/unknown option 'batch_size' \(did you mean 'batchSize'\?\)/);
    expect(() => new DataLoader(ds, { batchSize: 0 })).toThrow(/batchSize must be a positive integer/);
    expect(() => new DataLoader(ds, { shuffle: 1 as never })).toThrow(/shuffle must be a boolean/);
    expect(() => new DataLoader(ds, { numWorkers: 2 })).toThrow(/@torch\/multiprocessing/);
    expect(() => new DataLoader(ds, { collate: 3 as never })).toThrow(/collate must be a function/);
  });
});
