// gradcheck on the view, linear algebra, join and copy families, including in-place writes through views.
import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { Variable, cat, stack, where } from '../src/index';
import { gradcheck, gradgradcheck, v, nc } from './helpers';

const check = (fn: (...a: any[]) => any, inputs: unknown[], second = true) => {
  expect(gradcheck(fn, inputs)).toBe(true);
  if (second) expect(gradgradcheck(fn, inputs)).toBe(true);
};

describe('views', () => {
  it('view, viewAs, reshape, flatten, squeeze, unsqueeze', () => {
    check((a: any) => a.view(3, 2), [v([2, 3])]);
    check((a: any) => a.view([-1]), [v([2, 3])]);
    check((a: any) => a.viewAs(torch.zeros(6)), [v([2, 3])]);
    check((a: any) => a.reshape(3, 2), [nc([2, 3])]);
    check((a: any) => a.flatten(), [v([2, 3, 2])]);
    check((a: any) => a.squeeze(), [v([2, 1, 3])]);
    check((a: any) => a.squeeze(1), [v([2, 1, 3])]);
    check((a: any) => a.unsqueeze(-1), [v([2, 3])]);
  });
  it('transpose, t, permute', () => {
    check((a: any) => a.transpose(0, 2), [v([2, 3, 4])]);
    check((a: any) => a.t(), [nc([2, 3])]);
    check((a: any) => a.permute(2, 0, 1), [v([2, 3, 4])]);
    check((a: any) => a.permute([1, -1, 0]), [v([2, 3, 4])]);
  });
  it('in-place views squeeze_, unsqueeze_, t_, transpose_ rebase the Variable (also a view of a view)', () => {
    check((a: any) => a.mul(2).t_().unsqueeze_(0).transpose_(0, 2).squeeze_(), [v([2, 3])]);
    check((a: any) => a.mul(1).narrow(0, 0, 2).t_().mul(3), [v([3, 2])]);
    const leaf = new Variable(torch.zeros(2, 1), { requiresGrad: true });
    expect(() => leaf.squeeze_()).toThrow(/squeeze_: a leaf Variable that requires grad/);
    expect(leaf.size()).toEqual([2, 1]);
    const plain = new Variable(torch.zeros(2, 1));
    expect(plain.squeeze_().size()).toEqual([2]);
    const y = leaf.mul(1).t_();
    expect([y.size(), y.gradFn!.name]).toEqual([[1, 2], 'TBackward']);
    expect([y.equal(torch.zeros(1, 2)), y.elementSize(), y.isSigned(), y.new(3).size()]).toEqual([true, 4, true, [3]]);
  });
  it('narrow, select, get (basic indexing)', () => {
    check((a: any) => a.narrow(1, 1, 2), [v([2, 4])]);
    check((a: any) => a.select(0, -1), [v([3, 2])]);
    check((a: any) => a.get(1, '::2'), [v([3, 5])]);
    check((a: any) => a.get('...', null, 0), [nc([3, 2])]);
  });
  it('expand, expandAs (gradients summed over the expanded dims)', () => {
    check((a: any) => a.expand(4, 2, 3), [v([2, 1])]);
    check((a: any) => a.expandAs(torch.zeros(2, 3, 3)), [v([3])]);
  });
  it('unfold with overlapping and gapped windows', () => {
    check((a: any) => a.unfold(1, 3, 1), [v([2, 5])]);
    check((a: any) => a.unfold(0, 2, 3), [v([7, 2])]);
  });
  it('in-place ops through views reach the base (CopySlices)', () => {
    // base is computed (not a leaf), a row of it is scaled in place
    check((a: any, b: any) => {
      const base = a.mul(1);
      base.select(0, 1).mul_(b);
      return base;
    }, [v([3, 4]), v([4])]);
    check((a: any, b: any) => {
      const base = a.add(0);
      base.narrow(1, 1, 2).t().add_(b);
      return base.mul(base);
    }, [v([3, 4]), v([2, 3])]);
  });
  it('indexing writes (set) into a buffer that does not require grad', () => {
    check((a: any, b: any) => {
      const buf = new Variable(torch.zeros(3, 4, { dtype: torch.float64 }));
      buf.set([0], a);
      buf.set([':', 2], b);
      buf.set([2, 3], 5);
      return buf.mul(buf);
    }, [v([4]), v([3])]);
  });
  it('an earlier view sees the base after an in-place op on it', () => {
    const x = v([2, 3]);
    const base = x.mul(2);
    const row = base.select(0, 0);
    base.mul_(3);
    row.backward(torch.ones(3, { dtype: torch.float64 }));
    expect(x.grad!.data.tolist()).toEqual([[6, 6, 6], [0, 0, 0]]);
  });
});

describe('linear algebra', () => {
  it('mm, mv, dot, bmm', () => {
    check((a: any, b: any) => a.mm(b), [v([2, 3]), nc([3, 4])]);
    check((a: any, b: any) => a.mv(b), [v([2, 3]), v([3])]);
    check((a: any, b: any) => a.dot(b), [v([4]), v([4])]);
    check((a: any, b: any) => a.bmm(b), [v([2, 2, 3]), v([2, 3, 2])]);
  });
  it('matmul in every rank combination, with batch broadcasting', () => {
    check((a: any, b: any) => a.matmul(b), [v([3]), v([3])]);
    check((a: any, b: any) => a.matmul(b), [v([3]), v([3, 2])]);
    check((a: any, b: any) => a.matmul(b), [v([2, 3]), v([3])]);
    check((a: any, b: any) => a.matmul(b), [v([2, 2, 3]), v([3, 2])]);
    check((a: any, b: any) => a.matmul(b), [v([2, 1, 2, 3]), v([3, 3, 2])]);
    check((a: any, b: any) => a.matmul(b), [v([3]), v([2, 3, 2])]);
  });
  it('addmm, addmv, addr, baddbmm, addbmm with beta/alpha, broadcast self and in place', () => {
    const s = { beta: 0.5, alpha: -2 };
    check((c: any, a: any, b: any) => c.addmm(a, b, s), [v([2, 4]), v([2, 3]), v([3, 4])]);
    check((c: any, a: any, b: any) => c.addmm(a, b), [v([4]), v([2, 3]), v([3, 4])]);
    check((c: any, a: any, b: any) => c.mul(1).addmm_(a, b, s), [v([2, 4]), v([2, 3]), v([3, 4])]);
    check((c: any, a: any, b: any) => c.addmv(a, b, s), [v([2]), v([2, 3]), v([3])]);
    check((c: any, a: any, b: any) => c.addr(a, b, s), [v([2, 3]), v([2]), v([3])]);
    check((c: any, a: any, b: any) => c.baddbmm(a, b, s), [v([2, 2, 2]), v([2, 2, 3]), v([2, 3, 2])]);
    check((c: any, a: any, b: any) => c.addbmm(a, b, s), [v([2, 2]), v([3, 2, 3]), v([3, 3, 2])]);
  });
});

describe('join and shaping', () => {
  it('cat, stack (functions on Variables), with constant Tensors mixed in', () => {
    // The constant is an argument, so the meta pass gets it on meta too.
    check((a: any, b: any, c: any) => cat([a, c, b], 0), [v([2, 3]), v([1, 3]), torch.ones(1, 3, { dtype: torch.float64 })]);
    check((a: any, b: any) => cat([a, b], -1), [v([2, 3]), nc([2, 2])]);
    check((a: any, b: any) => stack([a, b], 1), [v([2, 3]), v([2, 3])]);
  });
  it('split, chunk, unbind (some outputs unused)', () => {
    check((a: any) => a.split(2, 1)[1], [v([2, 5])]);
    check((a: any) => { const p = a.split([1, 3], 0); return p[0].mul(2).add(p[1].narrow(0, 0, 1)); }, [v([4, 2])]);
    check((a: any) => a.chunk(3, 0).slice(0, 2), [v([5, 2])]);
    check((a: any) => a.unbind(1)[2].mul(a.unbind(1)[0]), [v([2, 3])]);
  });
  it('repeat, flip, roll, tril, triu, diag, trace, cross', () => {
    check((a: any) => a.repeat(2, 1, 3), [v([2, 2])]);
    check((a: any) => a.flip(0, 1), [v([2, 3])]);
    check((a: any) => a.roll([1, -1], [0, 1]), [v([3, 3])]);
    check((a: any) => a.roll(2), [v([2, 3])]);
    check((a: any) => a.tril(-1), [v([3, 4])]);
    check((a: any) => a.triu(1), [v([4, 3])]);
    check((a: any) => a.mul(1).triu_(0), [v([3, 3])]);
    check((a: any) => a.diag(1), [v([3])]);
    check((a: any) => a.diag(-1), [v([3, 4])]);
    check((a: any) => a.diag(1), [v([4, 3])]);
    check((a: any) => a.trace(), [v([3, 4])]);
    check((a: any, b: any) => a.cross(b, 1), [v([2, 3]), v([2, 3])]);
  });
  it('where: method and function forms, broadcast', () => {
    const cond = torch.tensor([[true, false, true], [false, false, true]]);
    check((a: any, b: any, c: any) => a.where(c, b), [v([2, 3]), v([3]), cond]);
    check((b: any, c: any) => where(c, 0, b), [v([2, 3]), cond]);
  });
});

describe('copies and casts', () => {
  it('clone, contiguous, float/double round trip, to, typeAs', () => {
    check((a: any) => a.clone(), [v([2, 3])]);
    check((a: any) => a.t().contiguous(), [v([2, 3])]);
    // Through float32, finite differences need a step float32 resolves.
    const loose = { eps: 1e-3, atol: 1e-3, rtol: 1e-3 };
    expect(gradcheck((a: any) => a.float().double(), [v([2, 3])], loose)).toBe(true);
    expect(gradcheck((a: any) => a.to(torch.float32).mul(2).to(torch.float64), [v([3])], loose)).toBe(true);
    const x = v([3]);
    expect(x.float().gradFn!.name).toBe('FloatBackward');
    expect(x.float().grad).toBe(null);
    expect(x.long().requiresGrad).toBe(false);
  });
  it('copy_ into a buffer, fill_ and zero_ cut the gradient of what they overwrite', () => {
    check((a: any, b: any) => {
      const buf = a.mul(2);
      buf.narrow(0, 0, 1).copy_(b);
      return buf;
    }, [v([3, 2]), v([2])]);
    check((a: any) => a.mul(2).fill_(3).add(a), [v([3])]);
    check((a: any) => a.mul(2).zero_().add(a), [v([3])]);
  });
});
