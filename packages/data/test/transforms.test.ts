import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { transforms } from '../src/index';

const vals = (t: torch.Tensor) => Array.from(t.toTypedArray() as Float32Array);

describe('transforms', () => {
  const img = torch.tensor([[0, 51], [255, 102]], { dtype: torch.uint8 });

  it('toTensor scales uint8 to [0, 1] and adds the channel dimension, for an image and a batch', () => {
    const t = transforms.toTensor()(img);
    expect(t.shape).toEqual([1, 2, 2]);
    expect(t.dtype).toBe(torch.float32);
    expect(vals(t)).toEqual([0, 0.2, 1, 0.4].map(Math.fround));
    const b = transforms.toTensor()(torch.stack([img, img]));
    expect(b.shape).toEqual([2, 1, 2, 2]);
    expect(transforms.toTensor().batched).toBe(true);
    expect(transforms.toTensor()(torch.ones(2, 2)).dtype).toBe(torch.float32);
    expect(() => transforms.toTensor()(torch.ones(3))).toThrow(/expected an image \[H, W\]/);
  });

  it('normalize subtracts the mean and divides by the std per channel', () => {
    const x = torch.tensor([[[1, 2]], [[3, 4]]]); // [2, 1, 2]
    const y = transforms.normalize([1, 2], [2, 0.5])(x.float());
    expect(vals(y)).toEqual([0, 0.5, 2, 4]);
    const batch = transforms.normalize([1, 2], [2, 0.5])(torch.stack([x, x]).float());
    expect(vals(batch.get(1))).toEqual([0, 0.5, 2, 4]);
    const inplace = x.float();
    transforms.normalize([1, 2], [2, 0.5], { inplace: true })(inplace);
    expect(vals(inplace)).toEqual([0, 0.5, 2, 4]);
    expect(() => transforms.normalize([0], [0])).toThrow(/division by zero/);
    expect(() => transforms.normalize([0, 1], [1])).toThrow(/same length/);
    expect(() => transforms.normalize([0, 1], [1, 1])(torch.zeros(3, 2, 2))).toThrow(/3 channels .* mean\/std have 2/);
    expect(() => transforms.normalize([0], [1])(torch.zeros(1, 2, 2).to(torch.uint8))).toThrow(/expected a float image tensor/);
  });

  it('compose chains and is batched only when every part is', () => {
    const f = transforms.compose([transforms.toTensor(), transforms.normalize([0.5], [0.5])]);
    expect(f.batched).toBe(true);
    expect(vals(f(img))).toEqual([-1, -0.6, 1, -0.2].map((v) => expect.closeTo(v, 6)) as never);
    const g = transforms.compose([transforms.toTensor(), (x: torch.Tensor) => x.mul(2)]);
    expect(g.batched).toBeFalsy();
    expect(transforms.compose([transforms.toTensor(), transforms.batched((x: torch.Tensor) => x.mul(2))]).batched).toBe(true);
    expect(() => transforms.compose([1 as never])).toThrow(/array of functions/);
  });
});
