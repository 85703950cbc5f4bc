/* eslint-disable prefer-rest-params -- `arguments.length` is how these check their arity strictly (an extra positional argument is an error, DESIGN.md §3) without rest parameters widening the public signatures. */
// The everyday composites a PyTorch user reaches for (outer, isclose, tensordot, kron, cdist, meshgrid,
// diff, searchsorted, bincount, ...), built from existing ops. Differentiable ones call only methods
// Tensor and Variable share, so they record for backward when given Variables; the counting and
// comparing ones (isclose, searchsorted, bucketize, bincount) work on the plain data, as PyTorch's have
// no derivative.
import { emptyTensor, type Tensor } from '../tensor';
import { dataDependent } from '../backend/meta';
import { sameBackend } from '../backend/registry';
import { TorchIndexError, TorchSizeError, TorchTypeError } from '../errors';
import { int32, int64, float64, type DType } from '../dtype';
import { tensor } from './construct';
import { toTypedArray } from './numpy';
import { catAny, checkArg, checkArity, checkOptions, describe, isFloat, rawTensor, stackAny } from './composite_args';

const fmt = (s: readonly number[]): string => `[${s.join(', ')}]`;

/**
 * Outer product of two 1-D tensors: `out[i][j] = a[i] * b[j]` (dtypes promote).
 * @example torch.outer(torch.tensor([1, 2]), torch.tensor([3, 4, 5])) // 2x3
 */
export function outer(a: Tensor, b: Tensor): Tensor {
  checkArity('outer', arguments, 2);
  checkArg('outer', a, 'input');
  checkArg('outer', b, 'vec2');
  if (a.dim() !== 1 || b.dim() !== 1)
    throw new TorchSizeError(`outer: expected 1-D tensors, got sizes ${fmt(a.shape)} and ${fmt(b.shape)}`);
  return a.reshape([a.shape[0]!, 1]).mul(b.reshape([1, b.shape[0]!]));
}

/** Options of isclose and allclose. */
export interface IscloseOptions {
  /** Relative tolerance (default 1e-5). */
  rtol?: number;
  /** Absolute tolerance (default 1e-8). */
  atol?: number;
  /** Count two NaNs as close (default false). */
  equalNan?: boolean;
}
const CLOSE_KEYS = ['rtol', 'atol', 'equalNan'];

/**
 * Elementwise `|a - b| <= atol + rtol * |b|` (Infs close only to themselves, NaNs only with equalNan),
 * broadcasting, as a bool tensor. Both inputs must have the same dtype, as in PyTorch.
 * @example torch.isclose(torch.tensor([1, 2]), torch.tensor([1.000001, 3])) // [true, false]
 */
export function isclose(a: Tensor, b: Tensor, options?: IscloseOptions): Tensor {
  checkArity('isclose', arguments, 3);
  return closeness('isclose', a, b, options);
}

function closeness(op: string, a: Tensor, b: Tensor, options?: IscloseOptions): Tensor {
  checkArg(op, a, 'input');
  checkArg(op, b, 'other');
  const o = checkOptions<IscloseOptions>(op, options, CLOSE_KEYS);
  const rtol = o.rtol ?? 1e-5, atol = o.atol ?? 1e-8;
  if (typeof rtol !== 'number' || typeof atol !== 'number') throw new TorchTypeError(`${op}: rtol and atol must be numbers`);
  if (rtol < 0 || atol < 0) throw new TorchTypeError(`${op}: rtol and atol must be non-negative, got rtol=${rtol} and atol=${atol}`);
  let x = rawTensor(a), y = rawTensor(b);
  if (x.dtype !== y.dtype) throw new TorchTypeError(`${op}: ${x.dtype.name} and ${y.dtype.name} inputs: the dtypes must match`);
  if (x.dtype.name === 'bool') return x.eq(y);
  // Integers are compared in float64, where the tolerance terms are meaningful.
  if (!isFloat(x)) (x = x.to(float64)), (y = y.to(float64));
  const equal = x.eq(y);
  // Infinities are close only when equal: an infinite difference never counts as within tolerance.
  const d = x.sub(y).abs();
  const within = d.le(y.abs().mul(rtol).add(atol)).int().mul(d.lt(Infinity).int());
  let close = equal.int().add(within);
  if (o.equalNan) close = close.add(x.ne(x).int().mul(y.ne(y).int()));
  return close.gt(0);
}

/**
 * True when every element pair is close (see isclose); sizes must broadcast.
 * @example torch.allclose(a, a.add(1e-9)) // true
 */
export function allclose(a: Tensor, b: Tensor, options?: IscloseOptions): boolean {
  checkArity('allclose', arguments, 3);
  return Boolean(closeness('allclose', a, b, options).all().item());
}

/**
 * Tensor contraction over the last `dims` dims of a and the first `dims` of b, or over the explicit
 * pairs `[[dims of a], [dims of b]]` (default 2).
 * @example torch.tensordot(torch.randn(3, 4, 5), torch.randn(4, 5, 6), 2).shape // [3, 6]
 * @example torch.tensordot(a, b, [[1, 0], [0, 1]])
 */
export function tensordot(a: Tensor, b: Tensor, dims: number | readonly [readonly number[], readonly number[]] | { dims?: number | readonly [readonly number[], readonly number[]] } = 2): Tensor {
  checkArity('tensordot', arguments, 3);
  checkArg('tensordot', a, 'a');
  checkArg('tensordot', b, 'b');
  let d: unknown = dims;
  if (typeof d === 'object' && d !== null && !Array.isArray(d)) d = checkOptions<{ dims?: unknown }>('tensordot', d, ['dims']).dims ?? 2;
  let da: number[], db: number[];
  if (typeof d === 'number') {
    if (!Number.isInteger(d) || d < 0) throw new TorchTypeError(`tensordot: dims must be a non-negative integer, got ${d}`);
    if (d > a.dim() || d > b.dim())
      throw new TorchSizeError(`tensordot: cannot contract ${d} dims of tensors of sizes ${fmt(a.shape)} and ${fmt(b.shape)}`);
    da = Array.from({ length: d }, (_, i) => a.dim() - d + i);
    db = Array.from({ length: d }, (_, i) => i);
  } else if (Array.isArray(d) && d.length === 2 && d.every((x) => Array.isArray(x) || typeof x === 'number')) {
    const list = (x: unknown): number[] => (typeof x === 'number' ? [x] : (x as number[]).slice());
    [da, db] = [list(d[0]), list(d[1])];
    if (da.length !== db.length) throw new TorchSizeError(`tensordot: dims lists of different lengths ${da.length} and ${db.length}`);
  } else throw new TorchTypeError(`tensordot: dims must be a number or a pair of dim lists, got ${describe(d)}`);
  const norm = (t: Tensor, ds: number[], which: string): number[] => {
    const out = ds.map((x) => {
      if (!Number.isInteger(x) || x < -t.dim() || x >= Math.max(t.dim(), 1)) throw new TorchSizeError(`tensordot: dim ${x} out of range for ${which} of size ${fmt(t.shape)}`);
      return x < 0 ? x + t.dim() : x;
    });
    if (new Set(out).size !== out.length) throw new TorchSizeError(`tensordot: dim ${ds.join(', ')} repeated for ${which}`);
    return out;
  };
  da = norm(a, da, 'a');
  db = norm(b, db, 'b');
  da.forEach((x, i) => {
    if (a.shape[x] !== b.shape[db[i]!])
      throw new TorchSizeError(`tensordot: contracted dims of sizes ${a.shape[x]} (dim ${x} of a) and ${b.shape[db[i]!]} (dim ${db[i]} of b) do not match`);
  });
  const freeA = a.shape.map((_, i) => i).filter((i) => !da.includes(i));
  const freeB = b.shape.map((_, i) => i).filter((i) => !db.includes(i));
  const prod = (t: Tensor, ds: number[]): number => ds.reduce((p, i) => p * t.shape[i]!, 1);
  const k = prod(a, da);
  const ma = a.permute([...freeA, ...da]).reshape([prod(a, freeA), k]);
  const mb = b.permute([...db, ...freeB]).reshape([k, prod(b, freeB)]);
  return ma.matmul(mb).reshape([...freeA.map((i) => a.shape[i]!), ...freeB.map((i) => b.shape[i]!)]);
}

/**
 * Kronecker product: the block tensor whose block `i` is `a[i] * b` (the fewer-dim input gets leading
 * dims of size 1).
 * @example torch.kron(torch.eye(2), torch.ones(2, 2)) // 4x4 block diagonal
 */
export function kron(a: Tensor, b: Tensor): Tensor {
  checkArity('kron', arguments, 2);
  checkArg('kron', a, 'input');
  checkArg('kron', b, 'other');
  const n = Math.max(a.dim(), b.dim());
  const sa = [...Array<number>(n - a.dim()).fill(1), ...a.shape];
  const sb = [...Array<number>(n - b.dim()).fill(1), ...b.shape];
  const ra = a.reshape(sa.flatMap((s) => [s, 1]));
  const rb = b.reshape(sb.flatMap((s) => [1, s]));
  return ra.mul(rb).reshape(sa.map((s, i) => s * sb[i]!));
}

/** Options of cdist. */
export interface CdistOptions {
  /** When to compute the Euclidean distance as |x|² + |y|² - 2x·y through matmul (faster, less exact). */
  computeMode?: 'use_mm_for_euclid_dist_if_necessary' | 'use_mm_for_euclid_dist' | 'donot_use_mm_for_euclid_dist';
}

/**
 * p-norm distances between the rows of x1 (`*, P, M`) and of x2 (`*, R, M`): `*, P, R`, batch dims
 * broadcasting. p = 0 counts differing coordinates, p = Infinity takes the largest difference. For p = 2
 * the matmul form is used when P or R exceeds 25 (PyTorch's default computeMode).
 * @example torch.cdist(torch.randn(5, 3), torch.randn(4, 3)).shape // [5, 4]
 */
export function cdist(x1: Tensor, x2: Tensor, p = 2, options?: CdistOptions): Tensor {
  checkArity('cdist', arguments, 4);
  checkArg('cdist', x1, 'x1');
  checkArg('cdist', x2, 'x2');
  const o = checkOptions<CdistOptions>('cdist', options, ['computeMode']);
  if (typeof p !== 'number' || Number.isNaN(p) || p < 0) throw new TorchTypeError(`cdist: p must be a non-negative number, got ${String(p)}`);
  if (x1.dim() < 2 || x2.dim() < 2)
    throw new TorchSizeError(`cdist: x1 and x2 must have at least 2 dims, got sizes ${fmt(x1.shape)} and ${fmt(x2.shape)}`);
  if (!isFloat(x1) || !isFloat(x2)) throw new TorchTypeError(`cdist: only floating-point dtypes are supported, got ${x1.dtype.name} and ${x2.dtype.name}`);
  if (x1.dtype !== x2.dtype) throw new TorchTypeError(`cdist: x1 and x2 must have the same dtype, got ${x1.dtype.name} and ${x2.dtype.name}`);
  const m1 = x1.shape[x1.dim() - 1]!, m2 = x2.shape[x2.dim() - 1]!;
  if (m1 !== m2) throw new TorchSizeError(`cdist: x1 and x2 must have the same number of columns, got sizes ${fmt(x1.shape)} and ${fmt(x2.shape)}`);
  const mode = o.computeMode ?? 'use_mm_for_euclid_dist_if_necessary';
  const modes = ['use_mm_for_euclid_dist_if_necessary', 'use_mm_for_euclid_dist', 'donot_use_mm_for_euclid_dist'];
  if (!modes.includes(mode)) throw new TorchTypeError(`cdist: computeMode must be one of ${modes.join(', ')}, got '${String(mode)}'`);
  const P = x1.shape[x1.dim() - 2]!, R = x2.shape[x2.dim() - 2]!;
  const mm = p === 2 && (mode === 'use_mm_for_euclid_dist' || (mode === 'use_mm_for_euclid_dist_if_necessary' && (P > 25 || R > 25)));
  if (mm) {
    const n1 = x1.mul(x1).sum(-1, { keepdim: true });
    const n2 = x2.mul(x2).sum(-1, { keepdim: true });
    const cross = x1.matmul(x2.transpose(-1, -2));
    // Clamped at 1e-30 rather than 0 (as PyTorch): coincident points then get a zero gradient, not NaN.
    return cross.mul(-2).add(n1).add(n2.transpose(-1, -2)).clamp(1e-30, null).sqrt();
  }
  const diff = x1.unsqueeze(-2).sub(x2.unsqueeze(-3));
  if (m1 === 0) return diff.sum(-1);
  return diff.norm(p, -1);
}

/** Options of meshgrid. */
export interface MeshgridOptions {
  /** 'ij' (matrix indexing, the default) or 'xy' (Cartesian: the first two output dims swapped). */
  indexing?: 'ij' | 'xy';
}

/**
 * Coordinate grids of 0-D or 1-D tensors: output i holds input i's values along dim i (with 'xy',
 * dims 0 and 1 swap). The outputs are expanded views.
 * @example const [X, Y] = torch.meshgrid([torch.arange(3), torch.arange(2)], { indexing: 'xy' }) // each 2x3
 */
export function meshgrid(tensors: readonly Tensor[], options?: MeshgridOptions): Tensor[] {
  checkArity('meshgrid', arguments, 2);
  if (!Array.isArray(tensors)) throw new TorchTypeError(`meshgrid: expected an array of tensors, got ${describe(tensors)}`);
  const o = checkOptions<MeshgridOptions>('meshgrid', options, ['indexing']);
  const indexing = o.indexing ?? 'ij';
  if (indexing !== 'ij' && indexing !== 'xy') throw new TorchTypeError(`meshgrid: indexing must be 'ij' or 'xy', got '${String(indexing)}'`);
  if (tensors.length === 0) throw new TorchSizeError('meshgrid: expects a non-empty list of tensors');
  tensors.forEach((t, i) => {
    checkArg('meshgrid', t, `tensor ${i}`);
    if (t.dim() > 1) throw new TorchSizeError(`meshgrid: expected 0-D or 1-D tensors, got tensor ${i} of size ${fmt(t.shape)}`);
    if (t.dtype !== tensors[0]!.dtype) throw new TorchTypeError(`meshgrid: expected all tensors to have the same dtype, got ${tensors[0]!.dtype.name} and ${t.dtype.name}`);
  });
  const swap = indexing === 'xy' && tensors.length >= 2;
  const order = tensors.map((_, i) => (swap && i < 2 ? 1 - i : i));
  const ordered = order.map((i) => tensors[i]!);
  const sizes = ordered.map((t) => t.numel());
  const grids = ordered.map((t, i) => t.reshape(sizes.map((s, j) => (j === i ? s : 1))).expand(sizes));
  return order.map((_, i) => grids[order[i]!]!);
}

/**
 * Cartesian product of 1-D tensors: an `N x k` tensor of every combination (one input: itself).
 * @example torch.cartesianProd([torch.tensor([1, 2]), torch.tensor([3, 4])]) // [[1,3],[1,4],[2,3],[2,4]]
 */
export function cartesianProd(tensors: readonly Tensor[]): Tensor {
  checkArity('cartesianProd', arguments, 1);
  if (!Array.isArray(tensors)) throw new TorchTypeError(`cartesianProd: expected an array of tensors, got ${describe(tensors)}`);
  tensors.forEach((t, i) => {
    checkArg('cartesianProd', t, `tensor ${i}`);
    if (t.dim() !== 1) throw new TorchSizeError(`cartesianProd: expected 1-D tensors, got tensor ${i} of size ${fmt(t.shape)}`);
  });
  if (tensors.length === 1) return tensors[0]!;
  const grids = meshgrid(tensors, { indexing: 'ij' });
  return stackAny('cartesianProd', grids.map((g) => g.reshape([-1])), 1);
}

/** Options of diff. */
export interface DiffOptions {
  /** How many times to difference (default 1). */
  n?: number;
  /** The dim (default -1). */
  dim?: number;
  /** Values joined before the input along dim first. */
  prepend?: Tensor;
  /** Values joined after the input along dim first. */
  append?: Tensor;
}

/**
 * n-th forward difference along a dim, `out[i] = x[i + 1] - x[i]` (for bool: `x[i + 1] != x[i]`),
 * after joining prepend/append.
 * @example torch.diff(torch.tensor([1, 3, 6, 10])) // [2, 3, 4]
 * @example torch.diff(x, { n: 2, dim: 0, prepend: torch.zeros(1, 3) })
 */
export function diff(input: Tensor, options?: DiffOptions): Tensor {
  checkArity('diff', arguments, 2);
  checkArg('diff', input, 'input');
  const o = checkOptions<DiffOptions>('diff', options, ['n', 'dim', 'prepend', 'append']);
  const n = o.n ?? 1;
  if (!Number.isInteger(n) || n < 0) throw new TorchTypeError(`diff: n must be a non-negative integer, got ${String(n)}`);
  if (input.dim() === 0) throw new TorchSizeError('diff: expects input to be at least one-dimensional');
  const d0 = o.dim ?? -1;
  if (!Number.isInteger(d0) || d0 < -input.dim() || d0 >= input.dim()) throw new TorchSizeError(`diff: dim ${String(d0)} out of range for size ${fmt(input.shape)}`);
  const dim = d0 < 0 ? d0 + input.dim() : d0;
  const parts: Tensor[] = [];
  for (const [name, t] of [['prepend', o.prepend], ['append', o.append]] as const) {
    if (t === undefined) continue;
    checkArg('diff', t, name);
    if (t.dim() !== input.dim()) throw new TorchSizeError(`diff: ${name} must have the same number of dims as input, got sizes ${fmt(t.shape)} and ${fmt(input.shape)}`);
  }
  if (o.prepend) parts.push(o.prepend);
  parts.push(input);
  if (o.append) parts.push(o.append);
  let x = parts.length > 1 ? catAny('diff', parts, dim) : input;
  const isBool = x.dtype.name === 'bool';
  for (let i = 0; i < n && x.shape[dim]! > 0; i++) {
    const len = x.shape[dim]! - 1;
    const hi = x.narrow(dim, 1, len), lo = x.narrow(dim, 0, len);
    x = isBool ? hi.ne(lo) : hi.sub(lo);
  }
  return x;
}

/** Options of searchsorted. */
export interface SearchsortedOptions {
  /** Return the last suitable index instead of the first (default false). */
  right?: boolean;
  /** 'left' or 'right'; same as right (must agree with it when both are given). */
  side?: 'left' | 'right';
  /** int64 indices that sort sortedSequence along its last dim (when it is not sorted itself). */
  sorter?: Tensor;
  /** int32 output instead of int64. */
  outInt32?: boolean;
}

/**
 * For each value, the index in the (last dim of the) sorted sequence where it would be inserted to keep
 * it sorted: the first such index, or the last with `right`. A 1-D sequence serves any values; an N-D
 * one needs values with the same leading dims.
 * @example torch.searchsorted(torch.tensor([1, 3, 5, 7]), torch.tensor([3, 6])) // [1, 3]
 */
export function searchsorted(sortedSequence: Tensor, values: Tensor | number, options?: SearchsortedOptions): Tensor {
  checkArity('searchsorted', arguments, 3);
  checkArg('searchsorted', sortedSequence, 'sortedSequence');
  const o = checkOptions<SearchsortedOptions>('searchsorted', options, ['right', 'side', 'sorter', 'outInt32']);
  if (o.side !== undefined && o.side !== 'left' && o.side !== 'right') throw new TorchTypeError(`searchsorted: side must be 'left' or 'right', got '${String(o.side)}'`);
  if (o.side === 'left' && o.right === true) throw new TorchTypeError("searchsorted: side and right can't be set to opposites, got side of left while right was true");
  const right = o.right === true || o.side === 'right';
  let seq = rawTensor(sortedSequence);
  const scalar = typeof values === 'number';
  if (!scalar) checkArg('searchsorted', values, 'values');
  const vals = scalar ? tensor([values as number], { device: seq.device }).reshape([]) : rawTensor(values as Tensor);
  if (scalar && seq.dim() !== 1) throw new TorchSizeError(`searchsorted: a scalar value needs a 1-D sortedSequence, got size ${fmt(seq.shape)}`);
  if (seq.dim() === 0) throw new TorchSizeError('searchsorted: sortedSequence must have at least one dim');
  if (seq.dim() > 1 && (vals.dim() !== seq.dim() || !seq.shape.slice(0, -1).every((s, i) => s === vals.shape[i])))
    throw new TorchSizeError(`searchsorted: sortedSequence of size ${fmt(seq.shape)} and values of size ${fmt(vals.shape)}: all dims but the last must match (or sortedSequence must be 1-D)`);
  if (seq.dtype.name === 'bool' || vals.dtype.name === 'bool') throw new TorchTypeError('searchsorted: bool tensors are not supported');
  if (o.sorter !== undefined) {
    checkArg('searchsorted', o.sorter, 'sorter');
    const s = rawTensor(o.sorter);
    if (s.dtype !== int64) throw new TorchTypeError(`searchsorted: sorter must be an int64 tensor, got ${s.dtype.name}`);
    if (s.shape.length !== seq.shape.length || !s.shape.every((x, i) => x === seq.shape[i]))
      throw new TorchSizeError(`searchsorted: sorter of size ${fmt(s.shape)} must have the size of sortedSequence ${fmt(seq.shape)}`);
    const n = seq.shape[seq.dim() - 1]!;
    if (s.numel() > 0 && !s.isMeta && (Number(s.min().item()) < 0 || Number(s.max().item()) >= n))
      throw new TorchIndexError(`searchsorted: sorter index out of range for a last dim of size ${n}`);
    seq = seq.gather(seq.dim() - 1, s);
  }
  // On meta the result's metadata is all there is: the values' shape, in int64 (or int32).
  const backend = sameBackend('searchsorted', seq, vals);
  if (backend.isMeta) return emptyTensor(vals.shape, o.outInt32 ? int32 : int64, backend);
  const sd = toTypedArray(seq.contiguous()) as ArrayLike<number | bigint>;
  const vd = toTypedArray(vals.contiguous()) as ArrayLike<number | bigint>;
  const n = seq.shape[seq.dim() - 1]!;
  const inner = vals.dim() === 0 ? 1 : vals.shape[vals.dim() - 1]!;
  const out = new BigInt64Array(vd.length);
  for (let i = 0; i < vd.length; i++) {
    const base = seq.dim() === 1 ? 0 : Math.floor(i / inner) * n;
    const v = vd[i]!;
    let lo = 0, hi = n;
    // Binary search; JS compares number with bigint exactly, so int64 beyond 2^53 is fine.
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const s = sd[base + mid]!;
      if (right ? s <= v : s < v) lo = mid + 1;
      else hi = mid;
    }
    out[i] = BigInt(lo);
  }
  const res = tensor(out).reshape([...vals.shape]);
  return o.outInt32 ? res.to(int32) : res;
}

/** Options of bucketize. */
export interface BucketizeOptions {
  /** Buckets closed on the left (`b[i-1] <= x < b[i]`) instead of the right (default false). */
  right?: boolean;
  /** int32 output instead of int64. */
  outInt32?: boolean;
}

/**
 * The bucket of each input element for the sorted 1-D boundaries: i with `b[i-1] < x <= b[i]`
 * (with right: `b[i-1] <= x < b[i]`).
 * @example torch.bucketize(torch.tensor([1, 5, 9]), torch.tensor([2, 4, 6, 8])) // [0, 2, 4]
 */
export function bucketize(input: Tensor | number, boundaries: Tensor, options?: BucketizeOptions): Tensor {
  checkArity('bucketize', arguments, 3);
  checkArg('bucketize', boundaries, 'boundaries');
  const o = checkOptions<BucketizeOptions>('bucketize', options, ['right', 'outInt32']);
  if (boundaries.dim() !== 1) throw new TorchSizeError(`bucketize: boundaries must be 1-D, got size ${fmt(boundaries.shape)}`);
  return searchsorted(boundaries, input, { right: o.right ?? false, outInt32: o.outInt32 ?? false });
}

/** Options of bincount. */
export interface BincountOptions {
  /** A weight per input element (same size): the counts become sums of weights. */
  weights?: Tensor;
  /** At least this many bins (default 0). */
  minlength?: number;
}

/**
 * Counts of each value of a 1-D non-negative integer tensor: bin i counts the elements equal to i
 * (int64), or sums their weights (in the weights' dtype for float32/float64 weights, else float64,
 * as PyTorch).
 * @example torch.bincount(torch.tensor([0, 1, 1, 3])) // [1, 2, 0, 1]
 */
export function bincount(input: Tensor, options?: BincountOptions): Tensor {
  checkArity('bincount', arguments, 2);
  checkArg('bincount', input, 'input');
  const o = checkOptions<BincountOptions>('bincount', options, ['weights', 'minlength']);
  const x = rawTensor(input);
  const minlength = o.minlength ?? 0;
  if (!Number.isInteger(minlength) || minlength < 0) throw new TorchTypeError(`bincount: minlength should be a non-negative integer, got ${String(minlength)}`);
  if (x.dim() !== 1) throw new TorchSizeError(`bincount: input must be 1-D, got size ${fmt(x.shape)}`);
  if (isFloat(x) || x.dtype.name === 'bool') throw new TorchTypeError(`bincount: input must be an integer tensor, got ${x.dtype.name}`);
  // The number of bins is the largest value plus one: unknown without data.
  if (x.isMeta) throw dataDependent('bincount');
  const xs = Array.from(toTypedArray(x.contiguous()) as ArrayLike<number | bigint>, Number);
  if (xs.some((v) => v < 0)) throw new TorchTypeError('bincount: input must contain only non-negative values');
  let w: ArrayLike<number> | null = null;
  let wdtype: DType = float64;
  if (o.weights !== undefined) {
    checkArg('bincount', o.weights, 'weights');
    const wt = rawTensor(o.weights);
    if (wt.dim() !== 1 || wt.shape[0] !== x.shape[0]) throw new TorchSizeError(`bincount: weights of size ${fmt(wt.shape)} should have the size of input ${fmt(x.shape)}`);
    if (wt.dtype.isFloatingPoint && wt.dtype.name !== 'float16') wdtype = wt.dtype;
    w = Array.from(toTypedArray(wt.contiguous()) as ArrayLike<number | bigint>, Number);
  }
  const len = Math.max(minlength, xs.length ? Math.max(...xs) + 1 : 0);
  const bins = new Float64Array(len);
  xs.forEach((v, i) => (bins[v] += w ? w[i]! : 1));
  if (!w) return tensor(BigInt64Array.from(bins, (v) => BigInt(v)));
  return tensor(bins).to(wdtype);
}

/**
 * `clamp(input, min)`: elements below min raised to it.
 * @example torch.clampMin(torch.tensor([-1, 2]), 0) // [0, 2]
 */
export function clampMin(input: Tensor, min: number): Tensor {
  checkArity('clampMin', arguments, 2);
  checkArg('clampMin', input, 'input');
  if (typeof min !== 'number') throw new TorchTypeError(`clampMin: min must be a number, got ${describe(min)}`);
  return input.clamp(min, null);
}

/**
 * `clamp(input, undefined, max)`: elements above max lowered to it.
 * @example torch.clampMax(torch.tensor([-1, 2]), 1) // [-1, 1]
 */
export function clampMax(input: Tensor, max: number): Tensor {
  checkArity('clampMax', arguments, 2);
  checkArg('clampMax', input, 'input');
  if (typeof max !== 'number') throw new TorchTypeError(`clampMax: max must be a number, got ${describe(max)}`);
  return input.clamp(null, max);
}
