// Every JS-side reader of a detached storage throws TorchDetachedError naming the op (issue 9 §2):
// none may read `undefined`, an empty array or zeros from a buffer that was transferred away.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';

/** A tensor whose storage's buffer has been transferred to another thread. */
function detachedTensor(): torch.Tensor {
  const t = torch.arange(20000, { dtype: torch.float32 });
  const data = t.storage().data;
  structuredClone(data, { transfer: [data.buffer as ArrayBuffer] });
  expect(t.storage().isDetached()).toBe(true);
  return t;
}

const readers: [string, (t: torch.Tensor) => unknown][] = [
  ['numpy().get', (t) => t.numpy().get(3)],
  ['numpy().set', (t) => t.numpy().set(3, 1)],
  ['numpy', (t) => t.numpy()],
  ['toTypedArray', (t) => t.toTypedArray()],
  ['toTypedArray copy', (t) => t.toTypedArray({ copy: true })],
  ['fromNumpy', (t) => torch.fromNumpy(t.storage().data)],
  ['trace', (t) => t.view(100, 200).trace()],
  ['unique', (t) => t.unique()],
  ['unique dim', (t) => t.view(100, 200).unique({ dim: 0 })],
  ['cat', (t) => torch.cat([t, t])],
  ['stack', (t) => torch.stack([t, t])],
  ['flip', (t) => t.flip(0)],
  ['roll', (t) => t.roll(1)],
  ['tril', (t) => t.view(100, 200).tril()],
  ['histc', (t) => t.histc()],
  ['clone', (t) => t.clone()],
  ['contiguous', (t) => t.view(100, 200).t().contiguous()],
  ['equal', (t) => torch.equal(t, t)],
  ['allclose', (t) => torch.allclose(t, t)],
  ['tolist', (t) => t.tolist()],
  ['item', (t) => t.get(0).item()],
  ['print', (t) => String(t)],
  ['save', (t) => torch.saveSync(t)],
  ['encodeNpy', (t) => torch.encodeNpy(t)],
  ['apply_', (t) => t.apply_((v: number) => v)],
  ['map_', (t) => t.map_(t, (a: number) => a)],
  ['nonzero', (t) => t.nonzero()],
  ['maskedSelect', (t) => t.maskedSelect(torch.ones(20000, { dtype: torch.bool }))],
  ['sort', (t) => t.sort()],
  ['max', (t) => t.max()],
  ['norm', (t) => t.norm()],
  ['bincount', (t) => t.long()],
  ['searchsorted', (t) => torch.searchsorted(t, torch.ones(2))],
];

describe('readers of a detached storage', () => {
  for (const [name, read] of readers)
    it(`${name} throws TorchDetachedError`, () => {
      const t = detachedTensor();
      expect(() => read(t)).toThrow(torch.TorchDetachedError);
    });
});
