// Tensor printing in the style of PyTorch 0.1–0.3 (`[torch.FloatTensor of size 2x3]` footers).
// The layout rules (widths, scale factors, summarising dots) follow the old torch/_tensor_str.py;
// the few places where we knowingly differ are listed in the TSDoc of `formatTensor`.

import { TorchTypeError } from './errors';

/**
 * Printing options, as in `torch.set_printoptions`. Every field is optional; missing ones fall back
 * to the values last given to {@link setPrintOptions} (initially precision 4, threshold 1000,
 * edgeitems 3, linewidth 80).
 *
 * @example
 * ```ts
 * const opts: PrintOptions = { precision: 2, threshold: 10 };
 * formatTensor([1.5, 2.25], [2], 'torch.FloatTensor', true, opts);
 * // '   1.50\n   2.25\n[torch.FloatTensor of size 2]'
 * ```
 */
export interface PrintOptions {
  /** Digits after the decimal point in fixed and scientific notation. */
  precision?: number;
  /** Tensors with more than this many elements are summarised with dots. */
  threshold?: number;
  /** Items kept at the start and the end of each summarised dimension (at least 1). */
  edgeitems?: number;
  /** Characters per line before a full matrix is split into column blocks. */
  linewidth?: number;
}

type Opts = Required<PrintOptions>;
const DEFAULTS: Opts = { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80 };
let current: Opts = { ...DEFAULTS };

function merge(base: Opts, o: PrintOptions | undefined): Opts {
  const { precision = base.precision, threshold = base.threshold, linewidth = base.linewidth } = o ?? {};
  // Zero edge items would make the dot rows meaningless (the old code even printed whole rows).
  return { precision, threshold, linewidth, edgeitems: Math.max(1, o?.edgeitems ?? base.edgeitems) };
}

/**
 * Changes the defaults used by {@link formatTensor}, like `torch.set_printoptions`. Only the given
 * fields change; the others keep their current values.
 *
 * @example
 * ```ts
 * setPrintOptions({ precision: 2 });
 * formatTensor([0.123456], [1], 'torch.FloatTensor', true); // '   0.12\n[torch.FloatTensor of size 1]'
 * setPrintOptions({ precision: 4 });
 * ```
 */
export function setPrintOptions(options: PrintOptions): void {
  // Checked here, not at print time: a bad precision would surface later as toFixed's RangeError.
  if (options === null || typeof options !== 'object') throw new TorchTypeError(`setPrintOptions: expected an options object, got ${typeof options}`);
  for (const [k, v] of Object.entries(options)) {
    if (!(k in DEFAULTS)) throw new TorchTypeError(`setPrintOptions: unknown option '${k}'; valid options: ${Object.keys(DEFAULTS).join(', ')}`);
    const max = k === 'precision' ? 100 : Infinity;
    if (v !== undefined && (typeof v !== 'number' || !(v >= 0 && v <= max) || (k !== 'threshold' && !Number.isInteger(v))))
      throw new TorchTypeError(`setPrintOptions: ${k} must be ${k === 'precision' ? 'an integer from 0 to 100' : 'a non-negative integer'}, got ${String(v)}`);
  }
  current = merge(current, options);
}

// ---- number formatting -------------------------------------------------------------------------

/** Python's `'{:.pf}'` / `'{:.pe}'` for one float, which the old printer's cells were made of. */
function pyFormat(x: number, p: number, sci: boolean): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const a = Math.abs(x);
  let out = sci ? a.toExponential(p) : a.toFixed(p);
  // JS rounds exact ties away from zero, Python to even. 100 digits are enough to see whether a
  // double is a tie; toFixed switches to e-notation from 1e21, where no fraction is left anyway.
  if (p < 100 && (sci || a < 1e21)) {
    const [mant, exp] = (sci ? a.toExponential(100) : a.toFixed(100)).split('e') as [string, string?];
    const cut = mant.indexOf('.') + (p > 0 ? 1 + p : 0);
    const kept = mant.slice(0, cut);
    if (/^\.?50*$/.test(mant.slice(cut)) && Number(kept[kept.length - 1]) % 2 === 0) {
      out = exp === undefined ? kept : `${kept}e${exp}`;
    }
  }
  // Python writes at least two exponent digits and keeps the sign of -0.0 (shown as "-0").
  return (x < 0 || Object.is(x, -0) ? '-' : '') + out.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** How every element of one tensor is written: one layout for all, so that columns line up. */
type Layout = { kind: 'exact' | 'int' | 'fixed' | 'sci'; scale: number; width: number };

// The old `_number_format`: looks at the magnitudes of all finite values and picks plain integers,
// fixed point, fixed point with a common power-of-ten factor, or scientific notation.
function chooseLayout(
  values: ArrayLike<number | bigint | boolean>,
  isFloat: boolean,
  minSz: number,
  prec: number,
): Layout {
  minSz = Math.max(minSz, 2);
  if (!isFloat) {
    // Integer dtypes print exactly (the old code sent large LongTensor values to e-notation).
    let digits = 1;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      const abs = typeof v === 'bigint' ? (v < 0n ? -v : v) : typeof v === 'boolean' ? 1 : Math.abs(v);
      digits = Math.max(digits, String(abs).length);
    }
    return { kind: 'exact', scale: 1, width: Math.max(minSz, digits + 1) };
  }
  let min = Infinity, max = 0, intMode = true;
  for (let i = 0; i < values.length; i++) {
    const x = Number(values[i]);
    if (!Number.isFinite(x)) {
      minSz = Math.max(minSz, x === -Infinity ? 4 : 3); // room for "nan"/"inf"; "-inf" is our fix
      continue;
    }
    const a = Math.abs(x);
    if (a < min) min = a;
    if (a > max) max = a;
    if (intMode && a !== Math.ceil(a)) intMode = false;
  }
  if (min === Infinity) min = 0; // no finite values at all
  const digitsOf = (a: number) => (a !== 0 ? Math.floor(Math.log10(a)) + 1 : 1);
  const expMin = digitsOf(min), expMax = digitsOf(max);
  if (intMode) {
    if (expMax > prec + 1) return { kind: 'sci', scale: 1, width: Math.max(minSz, 7 + prec) };
    return { kind: 'int', scale: 1, width: Math.max(minSz, expMax + 1) };
  }
  if (expMax - expMin > prec) {
    const wide = Math.abs(expMax) > 99 || Math.abs(expMin) > 99 ? 1 : 0;
    return { kind: 'sci', scale: 1, width: Math.max(minSz, 7 + prec + wide) };
  }
  if (expMax > prec + 1 || expMax < 0) {
    // Number('1e-4') is the correctly rounded power of ten; Math.pow(10, -4) is not.
    return { kind: 'fixed', scale: Number(`1e${expMax - 1}`), width: Math.max(minSz, 7) };
  }
  return { kind: 'fixed', scale: 1, width: Math.max(minSz, expMax === 0 ? 7 : expMax + 6) };
}

function rawCell(v: number | bigint | boolean, l: Layout, prec: number): string {
  if (l.kind === 'exact') return typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
  return pyFormat(Number(v) / l.scale, l.kind === 'int' ? 0 : prec, l.kind === 'sci');
}

/** Python's `'{:^w}'.format(s)`: the odd leftover space goes to the right. */
function centre(s: string, w: number): string {
  const pad = Math.max(0, w - s.length);
  const left = Math.floor(pad / 2);
  return ' '.repeat(left) + s + ' '.repeat(pad - left);
}

const GAP = -1; // marks the dots in a list of kept indices

function keptIndices(size: number, summarise: boolean, n: number): number[] {
  // Only the kept indices are built: a summarised dim may be far too long to list (an expanded view).
  const span = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
  return summarise && size > 2 * n ? [...span(0, n), GAP, ...span(size - n, size)] : span(0, size);
}

// ---- layout of vectors, matrices and stacks of matrices ---------------------------------------

/**
 * Formats a tensor the way PyTorch 0.1–0.3 printed it. values: the elements in row-major (C) order,
 * as numbers, bigints (int64) or booleans; shape: sizes; typeName: e.g. 'torch.FloatTensor';
 * isFloat: whether the dtype is floating point.
 *
 * Lines are joined with "\n"; there is no leading or trailing newline (the old `__repr__` added
 * both). Trailing spaces the old printer left (`Columns 0 to 5 `, `(0 ,.,.) = `) are kept, and a
 * common factor prints as 0.2–0.3 did, with five decimals: `1.00000e+05 *`.
 * Deliberate differences from the old printer:
 * - 0-dim tensors did not exist then: they print like a one-element vector with `of size ()`.
 *   Empty tensors (any size 0) print `[T with no dimension]`, as 0.3 did for `FloatTensor(0)`.
 * - Column blocks are numbered from 0, as everything in this library is; a blank line separates
 *   blocks but none starts the output.
 * - Summarising starts above `threshold` elements (the old code started at exactly `threshold`).
 * - Integer dtypes (incl. bigint int64) print exactly; booleans print as 1/0 like a ByteTensor.
 * - Column widths grow to fit the longest shown cell (`-inf`, -9.99999 rounding to -10.0000,
 *   precision other than 4), so columns always line up.
 * - In column blocks of 3-D and larger tensors, the first row (or the scale line) no longer gets a
 *   stray extra space.
 *
 * @example
 * ```ts
 * formatTensor([1, 2.5, 3, 4], [2, 2], 'torch.FloatTensor', true);
 * // ' 1.0000  2.5000\n 3.0000  4.0000\n[torch.FloatTensor of size 2x2]'
 * formatTensor([1n, -20n], [2], 'torch.LongTensor', false);
 * // '  1\n-20\n[torch.LongTensor of size 2]'
 * ```
 */
export function formatTensor(
  values: ArrayLike<number | bigint | boolean>,
  shape: readonly number[],
  typeName: string,
  isFloat: boolean,
  options?: PrintOptions,
): string {
  const o = merge(current, options);
  const numel = shape.reduce((a, b) => a * b, 1);
  if (shape.some((s) => !Number.isInteger(s) || s < 0) || values.length !== numel) {
    throw new RangeError(`formatTensor: ${values.length} values do not fill a tensor of size (${shape.join(', ')})`);
  }
  return formatCells((i) => values[i]!, values, shape, typeName, isFloat, o);
}

/**
 * formatTensor over a cell reader: `cellAt(i)` gives element i in row-major order and is called for
 * the shown cells only; `layoutValues` holds every distinct value (they pick the number format), so a
 * huge expanded view prints from its few real elements. @internal
 * @example formatCells((i) => 1, [1], [2 ** 40], 'torch.FloatTensor', true) // summarised, nothing copied
 */
export function formatCells(
  cellAt: (i: number) => number | bigint | boolean,
  layoutValues: ArrayLike<number | bigint | boolean>,
  shape: readonly number[],
  typeName: string,
  isFloat: boolean,
  options?: PrintOptions,
): string {
  const o = merge(current, options);
  const numel = shape.reduce((a, b) => a * b, 1);
  if (numel === 0) return `[${typeName} with no dimension]`;

  const n = o.edgeitems;
  const summarise = numel > o.threshold;
  const dims = shape.length === 0 ? [1] : shape; // a 0-dim tensor prints as a one-element vector
  const rows = dims.length >= 2 ? dims[dims.length - 2]! : 1;
  const cols = dims[dims.length - 1]!;
  const truncated = rows > 2 * n || cols > 2 * n;
  // Old quirk kept on purpose: wider minimum cells once a matrix could need dots.
  const minSz = dims.length === 1 ? 0 : dims.length === 2 ? (truncated ? 5 : 0) : truncated ? 3 : 0;
  const layout = chooseLayout(layoutValues, isFloat, minSz, o.precision);

  // Only the cells actually shown decide the final width, so widen it to the longest of them.
  const kept = dims.map((s) => keptIndices(s, summarise, n).filter((i) => i !== GAP));
  const strides = dims.map((_, d) => dims.slice(d + 1).reduce((a, b) => a * b, 1));
  const shown = kept.reduce<number[]>((acc, ks, d) => acc.flatMap((off) => ks.map((k) => off + k * strides[d]!)), [0]);
  const raws = new Map(shown.map((i) => [i, rawCell(cellAt(i), layout, o.precision)]));
  let w = layout.width;
  for (const s of raws.values()) w = Math.max(w, s.length);
  const cell = (i: number) => raws.get(i)!.padStart(w);

  const scaled = layout.scale !== 1;
  const scaleLine = `${pyFormat(layout.scale, 5, true)} *`;
  const pre = scaled ? ' ' : ''; // full-size scaled rows sit one space in (summarised ones never did)
  const out: string[] = [];

  const matrix = (offset: number, indent: string) => {
    const rowOf = (r: number, cs: number[], lead: string) =>
      lead + cs.map((c) => (c === GAP ? ' ... ' : cell(offset + r * cols + c))).join(' ');
    // A summarised matrix, and every matrix of a summarised stack (indent ' '), ignores linewidth.
    if (summarise && (truncated || indent !== '')) {
      if (scaled) out.push(scaleLine);
      const cs = keptIndices(cols, true, n);
      const blockWidth = (w + 1) * n - 1;
      for (const r of keptIndices(rows, true, n)) {
        if (r !== GAP) out.push(rowOf(r, cs, indent));
        else if (cols <= 2 * n) out.push(centre('\u22EE', cols * (w + 1))); // old width: row + 1, no indent
        else out.push(indent + [centre('...', blockWidth), centre('\u22F1', 5), centre('...', blockWidth)].join(' '));
      }
      return;
    }
    const perLine = Math.max(1, Math.floor((o.linewidth - indent.length) / (w + 1)));
    for (let first = 0; first < cols; first += perLine) {
      const last = Math.min(first + perLine, cols) - 1;
      if (perLine < cols) {
        if (out.length > 0) out.push('');
        out.push(`Columns ${first} to ${last} `);
      }
      if (scaled) out.push(scaleLine);
      const cs = Array.from({ length: last - first + 1 }, (_, k) => first + k);
      for (let r = 0; r < rows; r++) out.push(rowOf(r, cs, indent + pre));
    }
  };

  if (dims.length === 1) {
    if (scaled) out.push(scaleLine);
    for (const i of keptIndices(cols, summarise, n)) out.push(pre + (i === GAP ? centre('\u22EE', w) : cell(i)));
  } else if (dims.length === 2) matrix(0, '');
  else {
    // One `(i ,j ,.,.) = ` block per matrix; between shown blocks, a `...` row marks skipped
    // indices and (when summarising) a `⋮` row marks an index that started over.
    const lead = kept.slice(0, -2);
    const dimSz = Math.max(2, ...dims.map((s) => String(s).length));
    const tuples = lead.reduce<number[][]>((acc, ks) => acc.flatMap((t) => ks.map((k) => [...t, k])), [[]]);
    let prev: number[] | undefined;
    for (const t of tuples) {
      if (prev && summarise) {
        const p = prev;
        const skipped = t.map((k, d) => k > p[d]! + 1);
        if (skipped.some(Boolean)) out.push(skipped.map((s) => centre(s ? '...' : '', dimSz + 1)).join(''));
        // A dimension starts over exactly when some dimension outside it moved on.
        const restarted = t.map((_, d) => t.slice(0, d).some((k, e) => k !== p[e]));
        if (restarted.some(Boolean)) {
          out.push(' ' + restarted.map((r) => centre(r ? '\u22EE' : '', dimSz + 1)).join(''));
        }
      }
      if (out.length > 0) out.push('');
      out.push(`(${t.map((k) => centre(String(k), dimSz)).join(',')},.,.) = `);
      matrix(t.reduce((acc, k, d) => acc + k * strides[d]!, 0), ' ');
      prev = t;
    }
  }
  out.push(`[${typeName} of size ${shape.length === 0 ? '()' : shape.join('x')}]`);
  return out.join('\n');
}
