// The same-dtype strided copy (native/src/kernels/strided_copy.cc) behind contiguous, clone, cat,
// stack, flip and roll: rows, reversed rows and tiled transposes of every element size, checked
// element by element against reads through the strides (fixtures.ts's readValues).
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';
import { readValues } from './fixtures';

const dtypes = [torch.uint8, torch.float16, torch.float32, torch.int64, torch.float64];

/** A tensor of `shape` with distinct values in `dtype` (small ints, so every dtype holds them). */
function numbered(shape: number[], dtype: torch.DType): torch.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return torch.arange(n, { dtype: torch.float64 }).remainder(dtype === torch.uint8 ? 251 : 2039).to(dtype).view(shape);
}

describe('strided copy', () => {
  for (const dtype of dtypes)
    it(`${dtype.name}: permuted, transposed, reversed and sliced layouts copy element for element`, () => {
      const x = numbered([37, 70, 5], dtype);
      const views: torch.Tensor[] = [
        x.permute(2, 0, 1), x.permute(1, 2, 0), x.transpose(0, 1), x.flip(1), x.flip(0, 2),
        x.get('::3', '5:', ':').transpose(0, 2), x.narrow(1, 3, 40).permute(1, 0, 2), x.view(37, 350).t(),
      ];
      for (const v of views) {
        const c = v.contiguous();
        expect(c.isContiguous()).toBe(true);
        expect(readValues(c)).toEqual(readValues(v));
        // Into a non-contiguous destination: a transposed out.
        const out = torch.empty(v.size().slice().reverse(), { dtype }).permute(...v.size().map((_, i, a) => a.length - 1 - i));
        out.copy_(v);
        expect(readValues(out)).toEqual(readValues(v));
      }
    });

  it('large transposes split across threads give the same result as a row-by-row copy', () => {
    const x = numbered([300, 517], torch.float32);
    const t = x.t().contiguous();
    for (const i of [0, 1, 255, 516]) expect(readValues(t.get(i))).toEqual(readValues(x.select(1, i)));
    expect(readValues(torch.stack([x.get(0), x.get(1), x.get(2)], 1).t())).toEqual(readValues(x.narrow(0, 0, 3)));
  });

  it('a single long row is cut into pieces (one per 65536 elements) that land where they belong', () => {
    // 2.5 pieces, so both a full and a partial last piece are written; forward, reversed and strided rows.
    const n = 65536 * 2 + 32768 + 7;
    const x = torch.arange(n, { dtype: torch.float64 }).to(torch.float32);
    const copy = torch.empty(n).copy_(x);
    const reversed = x.flip(0).contiguous();
    const strided = torch.empty(n * 3).get('::3').copy_(x);
    for (const i of [0, 65535, 65536, 131071, 131072, n - 1]) {
      expect(copy.get(i).item()).toBe(i);
      expect(reversed.get(i).item()).toBe(n - 1 - i);
      expect(strided.get(i).item()).toBe(i);
    }
    expect(copy.equal(x)).toBe(true);
    expect(reversed.flip(0).equal(x)).toBe(true);
    expect(strided.equal(x)).toBe(true);
    // cat of long rows: each input is one row of the output.
    expect(torch.cat([x, reversed], 0).narrow(0, n, n).equal(reversed)).toBe(true);
  });
});
