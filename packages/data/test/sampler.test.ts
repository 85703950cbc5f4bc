import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { BatchSampler, RandomSampler, SequentialSampler, SubsetRandomSampler, WeightedRandomSampler } from '../src/index';

const source = (n: number) => ({ length: n });
const gen = (seed: number) => new torch.Generator().manualSeed(seed);

describe('SequentialSampler', () => {
  it('yields 0..n-1', () => {
    expect([...new SequentialSampler(source(4))]).toEqual([0, 1, 2, 3]);
    expect(new SequentialSampler(source(4)).length).toBe(4);
    expect([...new SequentialSampler(source(0))]).toEqual([]);
    expect(() => new SequentialSampler({} as never)).toThrow(torch.TorchTypeError);
  });
});

describe('RandomSampler', () => {
  it('yields a permutation, the same for the same seed, a new one each pass', () => {
    const s = new RandomSampler(source(20), { generator: gen(3) });
    const a = [...s], b = [...s];
    expect(a.slice().sort((x, y) => x - y)).toEqual([...Array(20).keys()]);
    expect(b).not.toEqual(a); // the generator advanced
    expect([...new RandomSampler(source(20), { generator: gen(3) })]).toEqual(a);
  });
  it('follows torch.manualSeed when no generator is given', () => {
    torch.manualSeed(7);
    const a = [...new RandomSampler(source(50))];
    torch.manualSeed(7);
    expect([...new RandomSampler(source(50))]).toEqual(a);
  });
  it('numSamples beyond the length repeats whole permutations', () => {
    const out = [...new RandomSampler(source(4), { numSamples: 10, generator: gen(0) })];
    expect(out.length).toBe(10);
    expect(out.slice(0, 4).sort()).toEqual([0, 1, 2, 3]);
    expect(out.slice(4, 8).sort()).toEqual([0, 1, 2, 3]);
  });
  it('with replacement draws numSamples indices in range', () => {
    const out = [...new RandomSampler(source(3), { replacement: true, numSamples: 200, generator: gen(0) })];
    expect(out.length).toBe(200);
    expect(new Set(out)).toEqual(new Set([0, 1, 2]));
  });
  it('checks its options', () => {
    expect(() => new RandomSampler(source(3), { num_samples: 2 } as never)).toThrow(/did you mean 'numSamples'/);
    expect(() => new RandomSampler(source(3), { numSamples: 0 })).toThrow(/numSamples must be a positive integer/);
    expect(() => new RandomSampler(source(3), { generator: 1 as never })).toThrow(/generator must be a torch.Generator/);
    expect(() => [...new RandomSampler(source(0), { numSamples: 2 })]).toThrow(/empty data source/);
  });
});

describe('SubsetRandomSampler', () => {
  it('permutes the given indices', () => {
    const out = [...new SubsetRandomSampler([5, 9, 11, 2], { generator: gen(1) })];
    expect(out.slice().sort((a, b) => a - b)).toEqual([2, 5, 9, 11]);
    expect([...new SubsetRandomSampler([5, 9, 11, 2], { generator: gen(1) })]).toEqual(out);
    expect(() => new SubsetRandomSampler([-1])).toThrow(torch.TorchTypeError);
  });
});

describe('WeightedRandomSampler', () => {
  it('never draws zero-weight indices and follows the weights', () => {
    const out = [...new WeightedRandomSampler([0, 1, 3], 4000, { generator: gen(0) })];
    expect(out.length).toBe(4000);
    expect(out.includes(0)).toBe(false);
    const twos = out.filter((i) => i === 2).length / out.length;
    expect(twos).toBeGreaterThan(0.7);
    expect(twos).toBeLessThan(0.8);
  });
  it('without replacement draws distinct indices', () => {
    const out = [...new WeightedRandomSampler(torch.tensor([1, 1, 1, 1]), 4, { replacement: false, generator: gen(0) })];
    expect(out.slice().sort()).toEqual([0, 1, 2, 3]);
    expect(() => new WeightedRandomSampler([1, 1], 3, { replacement: false })).toThrow(/numSamples=3 > 2 weights/);
    expect(() => new WeightedRandomSampler([[1]] as never, 3)).toThrow(/1-D/);
  });
});

describe('BatchSampler', () => {
  it('groups indices, keeping or dropping the short last batch', () => {
    const seq = new SequentialSampler(source(10));
    expect([...new BatchSampler(seq, 4, false)]).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    expect([...new BatchSampler(seq, 4, true)]).toEqual([[0, 1, 2, 3], [4, 5, 6, 7]]);
    expect(new BatchSampler(seq, 4, false).length).toBe(3);
    expect(new BatchSampler(seq, 4, true).length).toBe(2);
    expect(new BatchSampler(seq, 5, true).length).toBe(2);
    expect(() => new BatchSampler(seq, 0, false)).toThrow(/batchSize must be a positive integer/);
    expect(() => new BatchSampler(seq, 2, 'no' as never)).toThrow(/dropLast must be a boolean/);
    expect(() => new BatchSampler(null as never, 2, false)).toThrow(/sampler must be an iterable/);
  });
  it('works on any iterable, with a length only when it has one', () => {
    const gen3 = { *[Symbol.iterator]() { yield 7; yield 8; yield 9; } };
    expect([...new BatchSampler(gen3, 2, false)]).toEqual([[7, 8], [9]]);
    expect(() => new BatchSampler(gen3, 2, false).length).toThrow(/has no length/);
  });
});
