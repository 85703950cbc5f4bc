// torch.nn through the umbrella: a small model trains end to end with autograd.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';

describe('torch.nn', () => {
  it('trains a tiny MLP on XOR with nn modules and plain SGD steps', () => {
    const { nn } = torch;
    torch.manualSeed(0);
    const x = new nn.Variable(torch.tensor([[0, 0], [0, 1], [1, 0], [1, 1]], { dtype: torch.float32 }));
    const y = torch.tensor([0, 1, 1, 0]);
    const model = new nn.Sequential(new nn.Linear(2, 16), new nn.Tanh(), new nn.Linear(16, 2));
    const criterion = new nn.CrossEntropyLoss();
    let loss = Infinity;
    for (let step = 0; step < 300; step++) {
      model.zeroGrad();
      const l = criterion.forward(model.forward(x), y);
      l.backward();
      torch.noGrad(() => {
        for (const p of model.parameters()) p.data.sub_(p.grad!.data.mul(0.5));
      });
      loss = l.item();
    }
    expect(loss).toBeLessThan(0.05);
    expect(model.forward(x).data.argmax(1).tolist()).toEqual([0, 1, 1, 0]);
  });
});
