// Writes whose output overlaps an input or itself (src/ops/overlap.ts). PyTorch 1.13 refuses partial
// overlap and writing through an expanded view, with the messages matched below, and allows exact
// overlap (a.add_(a)); each case here gave a silently wrong ("smeared") result before the checks.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';

const PARTIAL = /some elements of the input tensor and the written-to tensor refer to a single memory location/;
const INTERNAL = /more than one element of the written-to tensor refers to a single memory location/;

const range = (n: number) => torch.arange(n).float();

describe('partial overlap throws, naming the op, and leaves the output unchanged', () => {
  it('basic-index set from a shifted view of itself', () => {
    const x = range(6);
    expect(() => x.set('1:', x.get(':-1'))).toThrow(/^set: unsupported operation/);
    expect(() => x.set('1:', x.get(':-1'))).toThrow(PARTIAL);
    expect(x.tolist()).toEqual([0, 1, 2, 3, 4, 5]);
  });
  it('copy_ between overlapping narrows', () => {
    const x = range(6);
    expect(() => x.narrow(0, 1, 5).copy_(x.narrow(0, 0, 5))).toThrow(/^copy_: .*single memory location/);
    expect(x.tolist()).toEqual([0, 1, 2, 3, 4, 5]);
  });
  it('set of the whole tensor from its transpose', () => {
    const x = range(9).view(3, 3);
    expect(() => x.set([':', ':'], x.t())).toThrow(PARTIAL);
    expect(() => x.copy_(x.t())).toThrow(PARTIAL);
    expect(x.tolist()).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8]]);
  });
  it('elementwise in-place and out=', () => {
    const x = range(9).view(3, 3);
    expect(() => x.add_(x.t())).toThrow(/^add_: unsupported/);
    expect(() => x.add_(x.t())).toThrow(PARTIAL);
    expect(() => x.add_(x.get(0))).toThrow(PARTIAL); // a broadcast read of the rows being written
    expect(() => torch.add(x, 1, { out: x.t() })).toThrow(/^add: .*single memory location/);
    const y = range(6);
    expect(() => torch.add(y.narrow(0, 0, 5), 1, { out: y.narrow(0, 1, 5) })).toThrow(PARTIAL);
    expect(() => torch.addcmul(y.narrow(0, 1, 3), y.narrow(0, 0, 3), y.narrow(0, 0, 3), { out: y.narrow(0, 1, 3) })).toThrow(PARTIAL);
    expect(() => y.narrow(0, 0, 3).clamp(0, 1, { out: y.narrow(0, 2, 3) })).toThrow(PARTIAL);
    expect(() => y.narrow(0, 0, 3).neg({ out: y.narrow(0, 1, 3) })).toThrow(PARTIAL);
    expect(x.tolist()).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8]]);
    expect(y.tolist()).toEqual([0, 1, 2, 3, 4, 5]);
  });
  it('cat and stack out=', () => {
    const x = range(6);
    expect(() => torch.cat([x.narrow(0, 0, 2), x.narrow(0, 2, 2)], 0, { out: x.narrow(0, 1, 4) })).toThrow(/^cat: .*single memory location/);
    expect(() => torch.stack([x.narrow(0, 0, 2), x.narrow(0, 2, 2)], 0, { out: x.narrow(0, 2, 4).view(2, 2) })).toThrow(PARTIAL);
    expect(x.tolist()).toEqual([0, 1, 2, 3, 4, 5]);
  });
  it('matmul-family out=', () => {
    const x = range(8);
    const a = x.narrow(0, 0, 4).view(2, 2);
    expect(() => torch.mm(a, a, { out: x.narrow(0, 2, 4).view(2, 2) })).toThrow(/^mm: .*single memory location/);
    expect(() => torch.mv(a, x.narrow(0, 4, 2), { out: x.narrow(0, 3, 2) })).toThrow(PARTIAL);
    expect(() => torch.addmm(x.narrow(0, 1, 4).view(2, 2), a, a, { out: x.narrow(0, 4, 4).view(2, 2) })).toThrow(PARTIAL);
    expect(x.tolist()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('exact overlap is allowed and gives the right answer', () => {
  it('elementwise with the input as the output', () => {
    const a = range(4);
    expect(a.add_(a).tolist()).toEqual([0, 2, 4, 6]);
    expect(torch.mul(a, a, { out: a }).tolist()).toEqual([0, 4, 16, 36]);
    const m = range(6).view(2, 3).t(); // a non-contiguous view written through itself
    expect(torch.add(m, m, { out: m }).tolist()).toEqual([[0, 6], [2, 8], [4, 10]]);
    const x = range(3);
    expect(x.copy_(x).tolist()).toEqual([0, 1, 2]);
    expect(x.set(':', x.get(':')).tolist()).toEqual([0, 1, 2]);
  });
  it('mm/addmm/mv whose out is one of its operands computes through a temporary', () => {
    const a = torch.tensor([[1, 2], [3, 4]]).float();
    const b = torch.tensor([[5, 6], [7, 8]]).float();
    const expected = torch.mm(a, b).tolist();
    expect(torch.mm(a, b, { out: a }).tolist()).toEqual(expected);
    const c = torch.tensor([[1, 2], [3, 4]]).float();
    expect(c.addmm_(c, b).tolist()).toEqual([[1 + 19, 2 + 22], [3 + 43, 4 + 50]]);
    const v = torch.tensor([1, 1]).float();
    expect(torch.mv(torch.eye(2).mul(2), v, { out: v }).tolist()).toEqual([2, 2]);
  });
  it('interleaved views share no element and are not refused', () => {
    const x = range(6);
    x.get('::2').add_(x.get('1::2'));
    expect(x.tolist()).toEqual([1, 1, 5, 3, 9, 5]);
    const y = range(6);
    y.narrow(0, 0, 3).copy_(y.narrow(0, 3, 3));
    expect(y.tolist()).toEqual([3, 4, 5, 3, 4, 5]);
  });
  it('reductions and index ops whose out shares memory compute through a temporary', () => {
    const x = range(6);
    torch.sum(x.view(2, 3), 0, { out: x.narrow(0, 0, 3) });
    expect(x.tolist()).toEqual([3, 5, 7, 3, 4, 5]);
    const y = range(6);
    y.indexCopy_(0, torch.tensor([1, 2], { dtype: torch.int64 }), y.narrow(0, 0, 2));
    expect(y.tolist()).toEqual([0, 0, 1, 3, 4, 5]);
  });
});

describe('writing through an expanded (stride-0) or self-overlapping tensor throws', () => {
  it('in-place on an expanded tensor', () => {
    const base = torch.zeros(1);
    const e = base.expand(3);
    expect(() => e.add_(1)).toThrow(/^add_: unsupported/);
    expect(() => e.add_(1)).toThrow(INTERNAL);
    expect(() => e.copy_(torch.ones(3))).toThrow(INTERNAL);
    expect(() => e.neg_()).toThrow(INTERNAL);
    expect(base.tolist()).toEqual([0]);
  });
  it('an expanded out', () => {
    const o = torch.zeros(1).expand(3);
    expect(() => torch.add(torch.ones(3), 1, { out: o })).toThrow(/^add: .*more than one element/);
    expect(() => torch.cat([torch.ones(1), torch.ones(2)], 0, { out: o })).toThrow(INTERNAL);
    expect(() => torch.mm(torch.ones(3, 1), torch.ones(1, 1), { out: torch.zeros(1, 1).expand(3, 1) })).toThrow(INTERNAL);
    expect(() => torch.sum(torch.ones(3, 2), 1, { out: o })).toThrow(INTERNAL);
    expect(() => torch.tril(torch.ones(3, 3), 0, { out: torch.zeros(3, 1).expand(3, 3) })).toThrow(INTERNAL);
    expect(o.tolist()).toEqual([0, 0, 0]);
  });
  it('overlapping unfold windows (stricter than PyTorch, which writes them in an unspecified order)', () => {
    const x = range(6);
    expect(() => x.unfold(0, 2, 1).add_(1)).toThrow(INTERNAL);
    expect(x.tolist()).toEqual([0, 1, 2, 3, 4, 5]);
    // Non-overlapping windows are fine.
    x.unfold(0, 2, 2).add_(1);
    expect(x.tolist()).toEqual([1, 2, 3, 4, 5, 6]);
  });
  it('random in-place samplers and the callback ops, naming the op', () => {
    const base = torch.zeros(1);
    expect(() => base.expand(3).uniform_()).toThrow(/^uniform_: .*more than one element/);
    expect(() => base.expand(3).normal_()).toThrow(/^normal_: /);
    expect(() => base.expand(3).bernoulli_(0.5)).toThrow(/^bernoulli_: /);
    expect(() => base.expand(3).bernoulli_(torch.full([3], 0.5))).toThrow(INTERNAL);
    expect(() => base.expand(3).apply_((v) => v + 1)).toThrow(/^apply_: .*more than one element/);
    expect(base.tolist()).toEqual([0]);
    const x = range(4);
    expect(() => x.narrow(0, 1, 3).map_(x.narrow(0, 0, 3), (a, b) => a + b)).toThrow(/^map_: .*some elements/);
    expect(x.tolist()).toEqual([0, 1, 2, 3]);
    expect(x.map_(x, (a, b) => a + b).tolist()).toEqual([0, 2, 4, 6]);
  });
  it('fill_ of an expanded tensor is allowed, as in PyTorch (every write stores the same value)', () => {
    const base = torch.zeros(1);
    base.expand(3).fill_(2);
    expect(base.tolist()).toEqual([2]);
  });
});

describe('out= shapes', () => {
  it('matmul checks out the way the other ops do', () => {
    expect(() => torch.matmul(torch.ones(2), torch.ones(2, 1), { out: torch.zeros(7) })).toThrow(/^matmul: out has size \[7\], expected \[1\]/);
    expect(() => torch.matmul(torch.ones(2), torch.ones(2), { out: torch.zeros(7) })).toThrow(/matmul: out has size \[7\], expected \[\]/);
    expect(() => torch.matmul(torch.ones(2), torch.ones(2), { out: torch.zeros(1, { dtype: torch.float64 }) })).toThrow(/dtype/);
    const out = torch.zeros(0);
    expect(torch.matmul(torch.ones(2), torch.ones(2, 1), { out }).shape).toEqual([1]);
    expect(torch.matmul(torch.ones(2), torch.ones(2), { out: torch.zeros(0) }).shape).toEqual([]);
  });
});
