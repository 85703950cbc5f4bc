// Strict arguments through the umbrella (issue 10 §1): the torch.* functions check their arguments
// against the declared signature of their op, with Tensors and with Variables.
import { describe, expect, it } from 'vitest';
import * as core from '@torch/core';
import * as torch from '../src/index';

const { Variable } = torch.autograd;
const fns = torch as unknown as Record<string, (...a: unknown[]) => unknown>;

describe('torch.* functions are strict', () => {
  it('every function that is a Tensor method of its first argument is checked with that signature', () => {
    const names = [...core.methodSignatures().keys()].filter((n) => typeof fns[n] === 'function');
    expect(names.length).toBeGreaterThan(100);
    expect(names.filter((n) => !core.signatureOf(fns[n]))).toEqual([]);
    for (const n of Object.keys(core.FUNCTION_DECLARATIONS)) expect(core.signatureOf(fns[n]), n).toBeDefined();
  });

  it('torch.add(a, a, b) throws with Tensors and with Variables', () => {
    const a = torch.ones(3), b = torch.ones(3);
    expect(() => torch.add(a, a, b as never)).toThrow(/^add: takes 2 positional arguments \(self, other\)/);
    const va = new Variable(a, { requiresGrad: true });
    expect(() => torch.add(va, va, b as never)).toThrow(/^add: takes 2 positional arguments \(self, other\)/);
  });

  it('torch.sum(x, 1, true) is keepdim, recorded for backward', () => {
    const x = new Variable(torch.ones(2, 3), { requiresGrad: true });
    const y = torch.sum(x, 1, true as never) as InstanceType<typeof Variable>;
    expect(y.shape).toEqual([2, 1]);
    y.sum().backward();
    expect(x.grad!.data.tolist()).toEqual([[1, 1, 1], [1, 1, 1]]);
    expect(torch.sum(torch.ones(2, 3), 0, true as never).shape).toEqual([1, 3]);
  });

  it('cat, stack and where reject extra arguments and unknown options', () => {
    const a = torch.ones(2);
    expect(() => torch.cat([a, a], 0, 5 as never)).toThrow(/^cat: takes 2 positional arguments \(tensors, dim\)/);
    expect(() => torch.stack([a, a], 0, { dims: 1 } as never)).toThrow("stack: unknown option 'dims'");
    expect(() => torch.where(a.gt(0), a, a, a as never)).toThrow(/^where: takes 3 positional arguments/);
  });
});
