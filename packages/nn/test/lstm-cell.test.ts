// The fused LSTM step (functional/lstm-cell.ts) against its Variable-op composite: values, every
// gradient (with and without bias, fresh or carried state), double backward, and the node name.
// The LSTM/LSTMCell fixtures of modules.test.ts check both against PyTorch 1.13.
import { describe, expect, it } from 'vitest';
import { Variable, backward, gradcheck, gradgradcheck } from '@torch/autograd';
import { lstmCell, lstmComposite } from '../src/functional/lstm-cell';
import { leaf, randn } from './helpers';

const inputs = (bias: boolean) => [leaf(randn(3, 16)), leaf(randn(3, 4)), leaf(randn(3, 4)), leaf(randn(16, 4).t()), bias ? leaf(randn(16)) : null] as const;

describe('fused LSTM cell', () => {
  for (const bias of [true, false]) {
    it(`matches the composite's outputs and gradients${bias ? '' : ' without bias'}`, () => {
      const a = inputs(bias);
      const b = a.map((v) => (v === null ? null : leaf(v.data.clone()))) as unknown as typeof a;
      const [h1, c1] = lstmCell(...a);
      const [h2, c2] = lstmComposite(...b);
      expect(h1.data.sub(h2.data).abs().max().item()).toBeLessThan(1e-12);
      expect(c1.data.sub(c2.data).abs().max().item()).toBeLessThan(1e-12);
      expect(h1.gradFn?.name).toBe('LstmCellBackward');
      const gh = randn(3, 4), gc = randn(3, 4);
      backward([h1, c1], [gh, gc]);
      backward([h2, c2], [gh, gc]);
      a.forEach((v, k) => {
        if (v === null) return;
        expect(v.grad!.data.sub(b[k]!.grad!.data).abs().max().item(), `input ${k}`).toBeLessThan(1e-12);
      });
    });
  }

  it('passes gradcheck and gradgradcheck (float64), also when only h\' is used', () => {
    const a = inputs(true) as unknown as [Variable, Variable, Variable, Variable, Variable];
    expect(gradcheck((gi, h, c, w, b) => lstmCell(gi, h, c, w, b), a)).toBe(true);
    expect(gradcheck((gi, h, c, w, b) => lstmCell(gi, h, c, w, b)[0], a)).toBe(true);
    expect(gradgradcheck((gi, h, c, w, b) => lstmCell(gi, h, c, w, b), a)).toBe(true);
  });
});

describe('LSTM steps sharing their weight-gradient sums', () => {
  it('give the per-step gradients\' sum once, from the first step, also when only a middle output is used', () => {
    for (const use of ['all', 'middle'] as const) {
      const [gi, h0, c0, w, b] = inputs(true);
      const gi2 = leaf(gi.data.clone()), w2 = leaf(w!.data.clone()), b2 = leaf(b!.data.clone());
      const sums = { whhT: null, bias: null };
      let s1: [Variable, Variable] = [h0, c0], s2: [Variable, Variable] = [h0.detach(), c0.detach()];
      const o1: Variable[] = [], o2: Variable[] = [];
      for (let t = 0; t < 3; t++) {
        s1 = lstmCell(gi, s1[0], s1[1], w!, b, sums, t === 0);
        s2 = lstmCell(gi2, s2[0], s2[1], w2, b2);
        o1.push(s1[0]), o2.push(s2[0]);
      }
      const pick = (o: Variable[]) => (use === 'all' ? o[0]!.add(o[1]!).add(o[2]!) : o[1]!);
      pick(o1).sum().backward();
      pick(o2).sum().backward();
      expect(w!.grad!.data.sub(w2.grad!.data).abs().max().item()).toBeLessThan(1e-12);
      expect(b!.grad!.data.sub(b2.grad!.data).abs().max().item()).toBeLessThan(1e-12);
      expect(gi.grad!.data.sub(gi2.grad!.data).abs().max().item()).toBeLessThan(1e-12);
      expect(sums).toEqual({ whhT: null, bias: null });
    }
  });
});
