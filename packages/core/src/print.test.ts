import { afterEach, describe, expect, it } from 'vitest';
import { formatTensor, setPrintOptions } from './print';

// Expected strings follow PyTorch 0.3's torch/_tensor_str.py worked through by hand for each input
// (minus the "\n" its __repr__ put before and after), except where a test names a deliberate change.
const F = 'torch.FloatTensor';
const lines = (...ls: string[]) => ls.join('\n');
const range = (n: number, f = (i: number) => i) => Array.from({ length: n }, (_, i) => f(i));

afterEach(() => setPrintOptions({ precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80 }));

describe('formatTensor: numbers', () => {
  it('prints a matrix in fixed point with right-aligned columns and a size footer', () => {
    expect(formatTensor([1, 2.5, 3, 4], [2, 2], F, true)).toBe(
      lines(' 1.0000  2.5000', ' 3.0000  4.0000', '[torch.FloatTensor of size 2x2]'),
    );
  });

  it('prints integer-valued floats without decimals, one element per line for 1-D', () => {
    expect(formatTensor([1, 2, 3], [3], F, true)).toBe(lines(' 1', ' 2', ' 3', '[torch.FloatTensor of size 3]'));
  });

  it('widens cells by the number of integer digits and keeps signs aligned', () => {
    expect(formatTensor([0.05, -0.25, 0.5], [3], F, true)).toBe(lines(' 0.0500', '-0.2500', ' 0.5000', `[${F} of size 3]`));
    expect(formatTensor([10.5, -2.25], [2], F, true)).toBe(lines(' 10.5000', ' -2.2500', `[${F} of size 2]`));
  });

  it('pulls out a common scale factor for small values', () => {
    expect(formatTensor([0.001, 0.002, 0.0035], [3], F, true)).toBe(
      lines('1.00000e-03 *', '  1.0000', '  2.0000', '  3.5000', `[${F} of size 3]`),
    );
  });

  it('pulls out a common scale factor for large values of similar magnitude', () => {
    expect(formatTensor([123456.5, 234567.25, 345678, 456789.5], [2, 2], F, true)).toBe(
      lines('1.00000e+05 *', '  1.2346  2.3457', '  3.4568  4.5679', `[${F} of size 2x2]`),
    );
  });

  it('switches to scientific notation when magnitudes span more than `precision` decades', () => {
    expect(formatTensor([1e-5, 1, 1000.5], [3], F, true)).toBe(
      lines(' 1.0000e-05', ' 1.0000e+00', ' 1.0005e+03', `[${F} of size 3]`),
    );
  });

  it('uses scientific notation for large integer-valued floats', () => {
    expect(formatTensor([1e10, 1], [2], F, true)).toBe(lines(' 1.0000e+10', ' 1.0000e+00', `[${F} of size 2]`));
  });

  it('prints nan, inf and -inf', () => {
    expect(formatTensor([1.5, NaN, Infinity, -Infinity], [4], F, true)).toBe(
      lines(' 1.5000', '    nan', '    inf', '   -inf', `[${F} of size 4]`),
    );
  });

  it('widens integer-mode cells to fit -inf (old code left it one character too wide)', () => {
    expect(formatTensor([1, NaN, -Infinity], [3], F, true)).toBe(lines('   1', ' nan', '-inf', `[${F} of size 3]`));
  });

  it('rounds exact ties to even like Python, and keeps the sign of -0', () => {
    expect(formatTensor([1.03125, 2], [2], F, true)).toBe(lines(' 1.0312', ' 2.0000', `[${F} of size 2]`));
    expect(formatTensor([-0, 1], [2], F, true)).toBe(lines('-0', ' 1', `[${F} of size 2]`));
  });

  it('widens every column when rounding makes one cell longer (-9.99999 -> -10.0000)', () => {
    expect(formatTensor([-9.99999, 1], [2], F, true)).toBe(lines('-10.0000', '  1.0000', `[${F} of size 2]`));
  });

  it('prints int64 bigints exactly and booleans as 1/0', () => {
    expect(formatTensor([9007199254740993n, -5n], [2], 'torch.LongTensor', false)).toBe(
      lines(' 9007199254740993', '               -5', '[torch.LongTensor of size 2]'),
    );
    expect(formatTensor([true, false, true, true], [2, 2], 'torch.ByteTensor', false)).toBe(
      lines(' 1  0', ' 1  1', '[torch.ByteTensor of size 2x2]'),
    );
  });
});

describe('formatTensor: shapes', () => {
  it('prints a 0-dim tensor as its value with size ()', () => {
    expect(formatTensor([3.5], [], F, true)).toBe(lines(' 3.5000', '[torch.FloatTensor of size ()]'));
  });

  it('prints empty tensors as having no dimension, as 0.3 did', () => {
    expect(formatTensor([], [0], F, true)).toBe('[torch.FloatTensor with no dimension]');
    expect(formatTensor(new Float32Array(0), [2, 0], F, true)).toBe('[torch.FloatTensor with no dimension]');
  });

  it('prints 3-D tensors as headed 2-D slices', () => {
    expect(formatTensor(range(8, (i) => i + 1), [2, 2, 2], F, true)).toBe(
      lines('(0 ,.,.) = ', '  1  2', '  3  4', '', '(1 ,.,.) = ', '  5  6', '  7  8', `[${F} of size 2x2x2]`),
    );
  });

  it('prints 4-D tensors with one header index per leading dimension', () => {
    const s = formatTensor(range(16, (i) => i + 1), [2, 2, 2, 2], F, true);
    expect(s.split('\n').filter((l) => l.startsWith('('))).toEqual([
      '(0 ,0 ,.,.) = ', '(0 ,1 ,.,.) = ', '(1 ,0 ,.,.) = ', '(1 ,1 ,.,.) = ',
    ]);
    expect(s.endsWith(lines('(1 ,1 ,.,.) = ', '  13  14', '  15  16', `[${F} of size 2x2x2x2]`))).toBe(true);
  });

  it('splits wide matrices into 0-based column blocks', () => {
    expect(formatTensor(range(16), [2, 8], F, true, { linewidth: 20 })).toBe(
      lines(
        'Columns 0 to 2 ', '    0     1     2', '    8     9    10', '',
        'Columns 3 to 5 ', '    3     4     5', '   11    12    13', '',
        'Columns 6 to 7 ', '    6     7', '   14    15',
        `[${F} of size 2x8]`,
      ),
    );
  });
});

describe('formatTensor: summarising', () => {
  it('summarises a long vector with a vertical ellipsis', () => {
    expect(formatTensor(range(10), [10], F, true, { threshold: 5 })).toBe(
      lines(' 0', ' 1', ' 2', '\u22EE ', ' 7', ' 8', ' 9', `[${F} of size 10]`),
    );
  });

  it('summarises a big matrix in both directions', () => {
    const row = (r: number) => [0, 1, 2].map((c) => String(r * 10 + c).padStart(5)).join(' ') + '  ...  ' +
      [7, 8, 9].map((c) => String(r * 10 + c).padStart(5)).join(' ');
    expect(formatTensor(range(100), [10, 10], F, true, { threshold: 49 })).toBe(
      lines(row(0), row(1), row(2), '       ...          \u22F1          ...       ', row(7), row(8), row(9), `[${F} of size 10x10]`),
    );
  });

  it('summarises only the columns of a short wide matrix', () => {
    expect(formatTensor(range(20), [2, 10], F, true, { threshold: 10 })).toBe(
      lines('    0     1     2  ...      7     8     9', '   10    11    12  ...     17    18    19', `[${F} of size 2x10]`),
    );
  });

  it('summarises only the rows of a tall narrow matrix', () => {
    expect(formatTensor(range(20, (i) => i / 4), [10, 2], F, true, { threshold: 10 })).toBe(
      lines(
        ' 0.0000  0.2500', ' 0.5000  0.7500', ' 1.0000  1.2500', '       \u22EE        ',
        ' 3.5000  3.7500', ' 4.0000  4.2500', ' 4.5000  4.7500', `[${F} of size 10x2]`,
      ),
    );
  });

  it('marks skipped slices of a summarised 3-D tensor with ...', () => {
    expect(formatTensor(range(16), [8, 2, 1], F, true, { threshold: 10, edgeitems: 1 })).toBe(
      lines('(0 ,.,.) = ', '   0', '   1', '...', '', '(7 ,.,.) = ', '  14', '  15', `[${F} of size 8x2x1]`),
    );
  });

  it('marks a restarting inner index of a summarised 4-D tensor with \u22EE', () => {
    expect(formatTensor([1, 2, 3, 4], [2, 2, 1, 1], F, true, { threshold: 3 })).toBe(
      lines(
        '(0 ,0 ,.,.) = ', '  1', '', '(0 ,1 ,.,.) = ', '  2', '     \u22EE ', '',
        '(1 ,0 ,.,.) = ', '  3', '', '(1 ,1 ,.,.) = ', '  4', `[${F} of size 2x2x1x1]`,
      ),
    );
  });

  it('summarises only above the threshold (0.3 already did at exactly the threshold)', () => {
    expect(formatTensor(range(10), [10], F, true, { threshold: 10 })).not.toContain('\u22EE');
    expect(formatTensor(range(10), [10], F, true, { threshold: 9 })).toContain('\u22EE');
  });
});

describe('print options', () => {
  it('setPrintOptions changes the defaults; per-call options win', () => {
    setPrintOptions({ precision: 2 });
    expect(formatTensor([0.123456], [1], F, true)).toBe(lines('   0.12', `[${F} of size 1]`));
    expect(formatTensor([0.123456], [1], F, true, { precision: 3 })).toBe(lines('  0.123', `[${F} of size 1]`));
    setPrintOptions({ threshold: 5 }); // precision stays 2
    expect(formatTensor(range(10, (i) => i / 2), [10], F, true)).toContain('\u22EE');
  });

  it('rejects values that do not match the shape', () => {
    expect(() => formatTensor([1, 2, 3], [2, 2], F, true)).toThrow(RangeError);
  });
});
