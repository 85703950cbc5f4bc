// Strict arguments on Variables (issue 10 §1): Variable's options, every Variable method checked against
// its declared signature (derived methods share their Tensor op's), PyTorch's positional forms recorded
// correctly for backward, and factories returning leaf Variables for { requiresGrad: true }.
import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { Variable } from '../src/index';

const proto = Variable.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
const methods = Object.getOwnPropertyNames(proto).filter(
  (k) => k !== 'constructor' && !k.startsWith('_') && typeof Object.getOwnPropertyDescriptor(proto, k)!.value === 'function',
);

describe('Variable arguments', () => {
  it("new Variable(t, { requires_grad: true }) says 'did you mean requiresGrad'", () => {
    const t = torch.ones(2);
    expect(() => new Variable(t, { requires_grad: true } as never)).toThrow("Variable: unknown option 'requires_grad' (did you mean 'requiresGrad'?)");
    expect(() => new Variable(t, { requiresGrad: 1 } as never)).toThrow("Variable: option 'requiresGrad' must be a boolean, got number 1");
    expect(() => new (Variable as never as new (...a: unknown[]) => Variable)(t, {}, 3)).toThrow(/^Variable: takes 1 positional argument/);
    expect(() => new Variable(new Variable(t) as never)).toThrow(/^Variable: data must be a Tensor, got a Variable/);
    expect(new Variable(t, { requiresGrad: true }).requiresGrad).toBe(true);
  });

  it('every public Variable method is checked', () => {
    expect(methods.filter((k) => !torch.signatureOf(proto[k]))).toEqual([]);
  });

  it.each(methods)('%s rejects extra positional arguments', (name) => {
    const sig = torch.signatureOf(proto[name])!;
    if (sig.variadic) return;
    const v = new Variable(torch.zeros(2, 2));
    const extra = new Array(sig.positional.length + sig.folded.length + 1).fill(torch.zeros(1));
    expect(() => proto[name]!.apply(v, extra)).toThrow(torch.TorchTypeError);
    expect(() => proto[name]!.apply(v, extra)).toThrow(new RegExp(`^${name.replace(/[$_]/g, '\\$&')}: takes `));
  });

  it('v.sum(1, true) is keepdim, and backward sees the same arguments', () => {
    const x = new Variable(torch.arange(6).view(2, 3).double(), { requiresGrad: true });
    const y = x.sum(1, true as never);
    expect(y.shape).toEqual([2, 1]);
    y.mul(new Variable(torch.tensor([[1], [2]], { dtype: torch.float64 }))).sum().backward();
    expect(x.grad!.data.tolist()).toEqual([[1, 1, 1], [2, 2, 2]]);
    expect(() => x.add(2, x as never)).toThrow(/^add: takes 1 positional argument/);
    expect(() => x.backward(undefined, { retain_graph: true } as never)).toThrow("backward: unknown option 'retain_graph' (did you mean 'retainGraph'?)");
  });

  it('torch.tensor([1.5], { requiresGrad: true }) and the other factories give leaf Variables', () => {
    const a = torch.tensor([1.5], { requiresGrad: true }) as unknown as Variable;
    expect(a).toBeInstanceOf(Variable);
    expect(a.requiresGrad).toBe(true);
    expect(a.isLeaf).toBe(true);
    a.mul(a).sum().backward();
    expect(a.grad!.data.tolist()).toEqual([3]);
    for (const v of [torch.zeros(2, { requiresGrad: true }), torch.randn(2, 2, { requiresGrad: true }), torch.full([2], 3, { dtype: torch.float32, requiresGrad: true }),
      torch.arange(3, { dtype: 'float64' as never, requiresGrad: true }), torch.onesLike(torch.ones(2), { requiresGrad: true }), torch.eye(2, { requiresGrad: true })])
      expect((v as unknown as Variable).requiresGrad).toBe(true);
    expect(torch.zeros(2, { requiresGrad: false })).toBeInstanceOf(torch.Tensor);
  });

  it('the integer-literal trap: requiresGrad on int64 shows the fix', () => {
    const fix = /got torch\.int64\. Integer literals .*torch\.tensor\(\[1, 2\], \{ dtype: torch\.float32 \}\) or torch\.FloatTensor\(\[1, 2\]\)/;
    expect(() => new Variable(torch.tensor([1, 2]), { requiresGrad: true })).toThrow(fix);
    expect(() => torch.tensor([1, 2], { requiresGrad: true })).toThrow(fix);
  });

  it('type(), T, ndim and detach on Variables', () => {
    const x = new Variable(torch.tensor([[1, 2, 3]], { dtype: torch.float32 }), { requiresGrad: true });
    const d = x.type('torch.DoubleTensor');
    expect(d.dtype).toBe(torch.float64);
    expect(x.type(torch.DoubleTensor).dtype).toBe(torch.float64);
    expect(x.type()).toBe('torch.FloatTensor');
    d.sum().backward();
    expect(x.grad!.data.tolist()).toEqual([[1, 1, 1]]);
    expect(x.T.shape).toEqual([3, 1]);
    expect(x.T.requiresGrad).toBe(true);
    expect(x.ndim).toBe(2);
    expect(x.detach().requiresGrad).toBe(false);
  });
});
