// unique(t, { dim }): the distinct slices along one dim, in lexicographic order (PyTorch's unique_dim).
// Slices are compared element by element in TypeScript: the rows of a [size(dim), rest] matrix are
// sorted by index, then equal neighbours merged. NaN compares greater than every number and unequal to
// itself, so slices containing NaN are never merged (as NaN != NaN); -0 equals +0.
import { int64 } from '../dtype';
import { halfToNumber } from '../half';
import { emptyTensor, type Tensor } from '../tensor';
import { clone } from './copy';
import { transpose } from './views';

/** The distinct slices of `self` along `dim` (already normalised), with inverse and counts. */
export function uniqueDim(self: Tensor, dim: number): { values: Tensor; inverse: Tensor; counts: Tensor } {
  // [size(dim), ...rest] contiguous, so slice r is the run of `width` elements starting at r * width.
  const moved = clone(transpose(self, 0, dim));
  const rows = self.shape[dim]!;
  const width = rows === 0 ? 0 : moved.numel() / rows;
  const data = moved._storage.data as ArrayLike<number | bigint>;
  const isHalf = self.dtype.name === 'float16';
  const at = (i: number): number | bigint => (isHalf ? halfToNumber(data[i] as number) : data[i]!);

  const compare = (a: number, b: number): number => {
    for (let k = 0; k < width; k++) {
      const x = at(a * width + k), y = at(b * width + k);
      if (x < y) return -1;
      if (x > y) return 1;
      if (x !== y) return x !== x ? (y !== y ? 0 : 1) : -1; // NaN involved: NaN sorts last
    }
    return 0;
  };
  const same = (a: number, b: number): boolean => {
    for (let k = 0; k < width; k++) if (!(at(a * width + k) === at(b * width + k))) return false;
    return true;
  };

  const order = Array.from({ length: rows }, (_, i) => i).sort((a, b) => compare(a, b) || a - b);
  const inverseData = new BigInt64Array(rows);
  const firstOfGroup: number[] = [];
  const countData: number[] = [];
  for (let i = 0; i < rows; i++) {
    const r = order[i]!;
    if (i === 0 || !same(order[i - 1]!, r)) {
      firstOfGroup.push(r);
      countData.push(0);
    }
    inverseData[r] = BigInt(firstOfGroup.length - 1);
    countData[countData.length - 1]!++;
  }

  // Gather the first slice of each group into [groups, ...rest], then move dim back.
  const groups = firstOfGroup.length;
  const out = emptyTensor([groups, ...moved.shape.slice(1)], self.dtype);
  const dst = out._storage.data as unknown as { set(src: ArrayLike<unknown>, offset: number): void; subarray(a: number, b: number): ArrayLike<unknown> };
  const src = moved._storage.data as unknown as { subarray(a: number, b: number): ArrayLike<unknown> };
  firstOfGroup.forEach((r, g) => dst.set(src.subarray(r * width, (r + 1) * width), g * width));
  const values = clone(transpose(out, 0, dim));

  const inverse = emptyTensor([rows], int64);
  (inverse._storage.data as BigInt64Array).set(inverseData);
  const counts = emptyTensor([groups], int64);
  (counts._storage.data as BigInt64Array).set(countData.map(BigInt));
  return { values, inverse, counts };
}
