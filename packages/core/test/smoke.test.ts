import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';

describe('smoke', () => {
  it('creates and adds', () => {
    const a = torch.tensor([[1, 2], [3, 4]], { dtype: torch.float32 });
    const b = a.add(torch.tensor([10, 20], { dtype: torch.float32 }));
    expect(b.tolist()).toEqual([[11, 22], [13, 24]]);
    expect(a.t().add(1).tolist()).toEqual([[2, 4], [3, 5]]);
    expect(torch.arange(6).view(2, 3).tolist()).toEqual([[0, 1, 2], [3, 4, 5]]);
    expect(a.gt(2).tolist()).toEqual([[0, 0], [1, 1]]);
    expect(String(a)).toContain('torch.FloatTensor of size 2x2');
  });
});
