// gradcheck and gradgradcheck (float64) on the indexing family and advanced indexing on Variables:
// duplicates in scatterAdd/indexAdd/put/indexPut accumulate, broadcast masks, non-contiguous inputs,
// in-place forms, and advanced writes into a buffer that does not require grad.
import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { Variable } from '../src/index';
import { gradcheck, gradgradcheck, passDevice, v, nc } from './helpers';

const check = (fn: (...a: any[]) => any, inputs: unknown[], second = true) => {
  expect(gradcheck(fn, inputs)).toBe(true);
  if (second) expect(gradgradcheck(fn, inputs)).toBe(true);
};
const f64 = { dtype: torch.float64 };
// Index and mask constants are made inside the checked functions, on the device of the pass (helpers.ts).
const long = (d: number[] | number[][]) => torch.tensor(d, { dtype: torch.int64, device: passDevice() });
const mask = (d: boolean[] | boolean[][]) => torch.tensor(d, { dtype: torch.bool, device: passDevice() });
const gradOf = (x: Variable, f: (a: Variable) => Variable) => {
  x.grad = null;
  const y = f(x);
  y.backward(torch.ones(y.data.shape, f64));
  return x.grad!.data.tolist();
};

describe('index ops', () => {
  it('indexSelect (repeated indices add up), non-contiguous', () => {
    check((a: any) => a.indexSelect(0, long([2, 0, 2])), [v([3, 4])]);
    check((a: any) => a.indexSelect(-1, long([1, 1])), [nc([3, 4])]);
    const x = new Variable(torch.zeros(3, f64), { requiresGrad: true });
    expect(gradOf(x, (a) => a.indexSelect(0, long([2, 0, 2])))).toEqual([1, 0, 2]);
  });
  it('indexCopy, indexAdd with duplicates and alpha, indexFill with a number or a Variable value; in-place forms', () => {
    check((a: any, s: any) => a.indexCopy(1, long([3, 0]), s), [v([3, 4]), v([3, 2])]);
    check((a: any, s: any) => a.indexAdd(0, long([1, 1, 0]), s, { alpha: 2 }), [v([2, 3]), v([3, 3])]);
    check((a: any, s: any) => a.indexAdd(1, long([0, 2, 0]), s), [nc([3, 4]), nc([3, 3])]);
    check((a: any) => a.indexFill(1, long([0, 2]), 1.5), [v([2, 3])]);
    check((a: any, val: any) => a.indexFill(0, long([1, 1]), val), [v([2, 3]), v([])]);
    check((a: any, s: any) => a.mul(1).indexCopy_(0, long([1]), s), [v([2, 3]), v([1, 3])]);
    check((a: any, s: any) => a.mul(1).indexAdd_(0, long([0, 0]), s), [v([2, 3]), v([2, 3])]);
    check((a: any) => a.mul(1).indexFill_(1, long([1]), 0), [v([2, 3])]);
    const val = new Variable(torch.tensor(2, f64), { requiresGrad: true });
    v([2, 3]).indexFill(1, long([0, 0, 2]), val).sum().backward();
    expect(val.grad!.data.item()).toBe(4); // two columns filled (duplicates once), two rows
  });
  it('gather, scatter (tensor and value), scatterAdd with duplicates; in-place forms', () => {
    const gi = () => long([[0, 1, 0, 2], [2, 2, 1, 0]]);
    check((a: any) => a.gather(0, gi()), [v([3, 4])]);
    check((a: any) => a.gather(1, long([[0, 0], [3, 1], [2, 2]])), [nc([3, 4])]);
    check((a: any, s: any) => a.scatter(1, long([[0, 1], [2, 3], [1, 0]]), s), [v([3, 4]), v([3, 2])]);
    check((a: any) => a.scatter(0, long([[1, 0, 1]]), 2.5), [v([2, 3])]);
    check((a: any, s: any) => a.scatterAdd(0, gi(), s), [v([3, 4]), v([2, 4])]);
    check((a: any, s: any) => a.mul(1).scatter_(1, long([[2], [0]]), s), [v([2, 3]), v([2, 1])]);
    check((a: any, s: any) => a.mul(1).scatterAdd_(1, long([[0, 0, 0]]), s), [v([1, 3]), v([1, 3])]);
  });
  it('scatter with reduce is recorded but not differentiable, as PyTorch 1.13', () => {
    const y = v([2, 3]).scatter(1, long([[0], [1]]), 1, { reduce: 'add' });
    expect(y.requiresGrad).toBe(true);
    expect(() => y.sum().backward()).toThrow(/reduce option is not implemented/);
  });
  it('take, put with and without accumulate (duplicates add up); in-place', () => {
    check((a: any) => a.take(long([5, 0, -1, 5])), [v([2, 3])]);
    check((a: any) => a.take(long([[0, 3], [2, 1]])), [nc([2, 3])]);
    check((a: any, s: any) => a.put(long([1, 4]), s), [v([2, 3]), v([2])]);
    check((a: any, s: any) => a.put(long([1, 1, 4]), s, { accumulate: true }), [v([2, 3]), v([3])]);
    check((a: any, s: any) => a.mul(1).put_(long([0, 0]), s, { accumulate: true }), [v([2, 2]), v([2])]);
    const s = new Variable(torch.ones(3, f64), { requiresGrad: true });
    new Variable(torch.zeros(4, f64)).put(long([1, 1, 2]), s, { accumulate: true }).mul(torch.tensor([1, 2, 3, 4], f64)).sum().backward();
    expect(s.grad!.data.tolist()).toEqual([2, 2, 3]);
  });
  it('nonzero is not differentiable', () => {
    expect((v([2, 3]).nonzero() as Variable).requiresGrad).toBe(false);
    const [r, c] = v([2, 2]).nonzero({ asTuple: true }) as any;
    expect(r.requiresGrad || c.requiresGrad).toBe(false);
  });
});

describe('masked ops', () => {
  const m = () => mask([[true, false, true], [false, false, true]]);
  it('maskedSelect, with a mask that broadcasts self', () => {
    check((a: any) => a.maskedSelect(m()), [v([2, 3])]);
    check((a: any) => a.maskedSelect(m()), [v([3])]);
    check((a: any) => a.maskedSelect(mask([true, false, true])), [nc([2, 3])]);
  });
  it('maskedFill with a number or a Variable value, broadcast, in place', () => {
    check((a: any) => a.maskedFill(m(), 0.5), [v([2, 3])]);
    check((a: any, val: any) => a.maskedFill(m(), val), [v([3]), v([])]);
    check((a: any) => a.mul(1).maskedFill_(mask([false, true, true]), 0), [nc([2, 3])]);
  });
  it('maskedScatter, source longer than the mask count; in place', () => {
    check((a: any, s: any) => a.maskedScatter(m(), s), [v([2, 3]), v([5])]);
    check((a: any, s: any) => a.maskedScatter(m(), s), [v([2, 3]), v([2, 2])]);
    check((a: any, s: any) => a.mul(1).maskedScatter_(mask([true, false, true]), s), [v([2, 3]), v([4])]);
  });
});

describe('advanced indexing on Variables', () => {
  it('get with tensor, array and mask indices (repeats add up), mixed with slices', () => {
    check((a: any) => a.get(long([2, 0, 2])), [v([3, 4])]);
    check((a: any) => a.get(':', [3, 3, 1]), [nc([3, 4])]);
    check((a: any) => a.get(long([0, 2]), long([1, 3])), [v([3, 4])]);
    check((a: any) => a.get(a.data.gt(0)), [v([3, 4])]);
    check((a: any) => a.get('1:', mask([true, false, true, true])), [v([3, 4])]);
    const x = new Variable(torch.zeros(3, f64), { requiresGrad: true });
    expect(gradOf(x, (a) => a.get([1, 1, 1, 0]))).toEqual([1, 3, 0]);
  });
  it('set with advanced indices into a buffer that does not require grad; accumulate', () => {
    check((a: any, b: any) => {
      const buf = new Variable(torch.zeros(4, 3, { ...f64, device: passDevice() }));
      buf.set([long([0, 2])], a);
      buf.set([':', [1]], b, { accumulate: true });
      return buf.mul(buf);
    }, [v([2, 3]), v([4, 1])]);
    check((a: any) => {
      const buf = new Variable(torch.zeros(5, { ...f64, device: passDevice() }));
      buf.set([[1, 1, 3]], a, { accumulate: true });
      return buf;
    }, [v([3])]);
    const buf = new Variable(torch.zeros(2, 2, f64));
    const a = v([2]);
    buf.set(torch.eye(2).bool(), a);
    expect(buf.requiresGrad).toBe(true);
    expect(buf.gradFn!.name).toBe('IndexPutBackward');
  });
  it('set on a computed Variable: the overwritten positions get no gradient', () => {
    check((a: any, b: any) => {
      const h = a.mul(2);
      h.set([[0, 2], [1, 1]], b);
      return h;
    }, [v([3, 3]), v([2])]);
  });
  it('indexPut and indexPut_ with accumulate and duplicates, null dims', () => {
    check((a: any, s: any) => a.indexPut([long([1, 1, 0])], s, { accumulate: true }), [v([3, 2]), v([3, 2])]);
    check((a: any, s: any) => a.indexPut([null, long([0, 2])], s), [v([2, 3]), v([2])]);
    check((a: any, s: any) => a.mul(1).indexPut_([long([0, 1]), long([1, 1])], s, { accumulate: true }), [v([2, 3]), v([])]);
  });
  it('basic set still writes through a view', () => {
    check((a: any) => {
      const buf = new Variable(torch.zeros(2, 3, f64));
      buf.set([1, '1:'], a.get('1:'));
      return buf;
    }, [v([3])]);
  });
});
