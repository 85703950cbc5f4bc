// Shape inference on the meta device: a model's forward and backward run on tensors with sizes and no
// memory, and every result has the sizes, strides and dtype the same model gives on the CPU.
import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { Variable } from '../src/index';

/** A 784-256-10 MLP step (as bench's autograd.mlp) on `device`: loss, logits and the parameters' grads. */
function mlpStep(device: string) {
  torch.manualSeed(0);
  const on = { device };
  const x = new Variable(torch.randn(64, 784, on));
  const target = torch.zeros([64, 1], { dtype: torch.int64, device });
  const W1 = new Variable(torch.randn(784, 256, on).mul(0.05), { requiresGrad: true });
  const b1 = new Variable(torch.zeros(256, on), { requiresGrad: true });
  const W2 = new Variable(torch.randn(256, 10, on).mul(0.05), { requiresGrad: true });
  const b2 = new Variable(torch.zeros(10, on), { requiresGrad: true });
  const h = x.mm(W1).add(b1).clamp(0, null);
  const logp = h.mm(W2).add(b2).logSoftmax(1);
  const loss = logp.gather(1, target).mean().neg();
  loss.backward();
  return { loss: loss.data, logp: logp.data, h: h.data, grads: [W1, b1, W2, b2].map((p) => p.grad!.data) };
}

const meta = (t: torch.Tensor) => ({ shape: t.size(), stride: t.stride(), dtype: t.dtype.name });

describe('meta device: shape inference through autograd', () => {
  it('an MLP forward and backward give the CPU run\'s sizes, strides and dtypes, without data', () => {
    const cpu = mlpStep('cpu');
    const m = mlpStep('meta');
    for (const t of [m.loss, m.logp, m.h, ...m.grads]) expect(t.isMeta).toBe(true);
    expect(meta(m.loss)).toEqual(meta(cpu.loss));
    expect(meta(m.logp)).toEqual(meta(cpu.logp));
    expect(meta(m.h)).toEqual(meta(cpu.h));
    expect(m.grads.map(meta)).toEqual(cpu.grads.map(meta));
    expect(m.grads.map((g) => g.size())).toEqual([[784, 256], [256], [256, 10], [10]]);
    expect(() => m.loss.item()).toThrow(/item: a tensor on the meta device has sizes and no data/);
  });

  it('to(\'meta\') sends its gradient back to the input\'s device', () => {
    const x = new Variable(torch.ones(2, 3), { requiresGrad: true });
    const y = x.to('meta');
    expect(y.data.isMeta).toBe(true);
    expect(y.data.size()).toEqual([2, 3]);
    // to()'s gradient goes back to the input's device: a meta gradient has no values to bring to the CPU (as PyTorch).
    expect(() => y.sum().backward()).toThrow(/copy to cpu: a tensor on the meta device has sizes and no data/);
    // The other way round works: a meta leaf's gradient comes back as a meta tensor of its size.
    const m = new Variable(torch.ones(2, 3, { device: 'meta' }), { requiresGrad: true });
    m.mul(2).sum().backward();
    expect(m.grad!.data.isMeta).toBe(true);
    expect(m.grad!.data.size()).toEqual([2, 3]);
  });

  it('mixing a meta and a cpu Variable in one op names the op and both devices', () => {
    const a = new Variable(torch.ones(2, { device: 'meta' }));
    const b = new Variable(torch.ones(2));
    expect(() => a.mul(b)).toThrow(/mul: expected all tensors to be on the same device, but found at least two devices, meta and cpu/);
  });
});
