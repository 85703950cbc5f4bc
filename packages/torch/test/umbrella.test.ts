import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';

describe('torch umbrella', () => {
  it('exposes the tensor library under PyTorch names', () => {
    const a = new torch.FloatTensor([[1, 2], [3, 4]]);
    expect(a).toBeInstanceOf(torch.FloatTensor);
    expect(a).toBeInstanceOf(torch.Tensor);
    expect(torch.add(a, 1).tolist()).toEqual([[2, 3], [4, 5]]);
    expect(torch.mm(a, torch.eye(2)).tolist()).toEqual([[1, 2], [3, 4]]);
  });
});
