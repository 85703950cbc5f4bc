// Packed sequences (torch.nn.utils.rnn): a batch of variable-length sequences stored time step by time
// step, longest first, so recurrent layers only compute on the sequences still running.
import { Tensor, TorchSizeError, TorchTypeError, tensor, int64, full } from '@torch/core';
import { Variable, cat, stack } from '@torch/autograd';
import { checkOptions, fmtSize } from './args';

/**
 * A packed batch: `data` holds the elements of every running sequence at time 0, then at time 1, ...;
 * `batchSizes[t]` is how many sequences are still running at t (non-increasing). `sortedIndices` maps the
 * packed order to the original batch order (null when the batch was already sorted by length).
 * @example const packed = nn.utils.rnn.packPaddedSequence(x, [5, 3, 2]); lstm.forward(packed);
 */
export class PackedSequence {
  constructor(
    readonly data: Variable,
    readonly batchSizes: Tensor,
    readonly sortedIndices: Tensor | null = null,
    readonly unsortedIndices: Tensor | null = null,
  ) {
    if (!(data instanceof Variable)) throw new TorchTypeError('PackedSequence: data must be a Variable');
    if (!(batchSizes instanceof Tensor) || batchSizes.dim() !== 1) throw new TorchTypeError('PackedSequence: batchSizes must be a 1-D Tensor');
  }
  /** batchSizes as numbers. @internal */
  get _sizes(): number[] {
    return this.batchSizes.tolist() as number[];
  }
  /** The same batch with data replaced (e.g. after a layer). @example packed.withData(out) */
  withData(data: Variable): PackedSequence {
    return packedSequence(data, this.batchSizes, this.sortedIndices, this.unsortedIndices);
  }
}

// Outside the class body, so that the bundle keeps the class's name (docs/packaging.md).
function packedSequence(...args: ConstructorParameters<typeof PackedSequence>): PackedSequence {
  return new PackedSequence(...args);
}

function lengthsOf(op: string, lengths: number[] | Tensor, batch: number, maxT: number): number[] {
  const l = lengths instanceof Tensor ? (lengths.tolist() as number[]) : lengths;
  if (!Array.isArray(l) || l.length !== batch) throw new TorchSizeError(`${op}: expected ${batch} lengths (one per sequence of the batch), got ${Array.isArray(l) ? l.length : typeof l}`);
  for (const n of l)
    if (!Number.isInteger(n) || n < 1 || n > maxT) throw new TorchSizeError(`${op}: every length must be an integer in [1, ${maxT}] (the padded length), got ${n}`);
  return l;
}

/**
 * Packs a padded batch [T, B, *] ([B, T, *] with batchFirst) of sequences with the given lengths.
 * With enforceSorted (the default) lengths must be non-increasing; otherwise the batch is sorted here
 * and the order is remembered (padPackedSequence and the RNNs restore it). Differentiable.
 * @example nn.utils.rnn.packPaddedSequence(padded, [4, 2, 1], { batchFirst: false })
 */
export function packPaddedSequence(input: Variable | Tensor, lengths: number[] | Tensor, options?: { batchFirst?: boolean; enforceSorted?: boolean }): PackedSequence {
  const op = 'packPaddedSequence';
  const o = checkOptions(op, options, ['batchFirst', 'enforceSorted']);
  let x = input instanceof Variable ? input : new Variable(input);
  if (x.dim() < 2) throw new TorchSizeError(`${op}: expected input of at least 2 dims [T, B, *], got size ${fmtSize(x.shape)}`);
  if (o.batchFirst) x = x.transpose(0, 1);
  const [T, B] = x.shape as [number, number];
  let l = lengthsOf(op, lengths, B, T);
  let sorted: Tensor | null = null, unsorted: Tensor | null = null;
  if (o.enforceSorted ?? true) {
    if (l.some((n, i) => i > 0 && n > l[i - 1]!)) throw new TorchSizeError(`${op}: lengths ${fmtSize(l)} must be sorted in decreasing order when enforceSorted is true; pass enforceSorted: false`);
  } else {
    // Longest first (ties keep their order); unsorted is the inverse permutation.
    const order = l.map((_, i) => i).sort((a, b) => l[b]! - l[a]! || a - b);
    const inverse = new Array<number>(B);
    order.forEach((src, k) => (inverse[src] = k));
    sorted = tensor(order, { dtype: int64 });
    unsorted = tensor(inverse, { dtype: int64 });
    x = x.indexSelect(1, sorted);
    l = order.map((i) => l[i]!);
  }
  const sizes: number[] = [];
  for (let t = 0; t < l[0]!; t++) sizes.push(l.filter((n) => n > t).length);
  const data = cat(sizes.map((b, t) => x.select(0, t).narrow(0, 0, b)), 0);
  return new PackedSequence(data, tensor(sizes, { dtype: int64 }), sorted, unsorted);
}

/**
 * Unpacks to a padded batch [T, B, *] (or [B, T, *]) and the lengths, in the original batch order.
 * @example const [padded, lengths] = nn.utils.rnn.padPackedSequence(out, { batchFirst: true })
 */
export function padPackedSequence(sequence: PackedSequence, options?: { batchFirst?: boolean; paddingValue?: number; totalLength?: number | null }): [Variable, Tensor] {
  const op = 'padPackedSequence';
  const o = checkOptions(op, options, ['batchFirst', 'paddingValue', 'totalLength']);
  if (!(sequence instanceof PackedSequence)) throw new TorchTypeError(`${op}: expected a PackedSequence`);
  const sizes = sequence._sizes;
  const B = sizes[0] ?? 0, T = sizes.length;
  const total = o.totalLength ?? T;
  if (total < T) throw new TorchSizeError(`${op}: totalLength (${total}) must be at least the length of the longest sequence (${T})`);
  const d = sequence.data;
  const rest = d.shape.slice(1) as number[];
  const pad = (n: number) => full([n, ...rest], o.paddingValue ?? 0, { dtype: d.data.dtype });
  const steps: (Variable | Tensor)[] = [];
  let off = 0;
  for (const b of sizes) {
    const part = d.narrow(0, off, b);
    steps.push(b < B ? cat([part, pad(B - b)], 0) : part);
    off += b;
  }
  for (let t = T; t < total; t++) steps.push(pad(B));
  let out = stack(steps, 0);
  const lengths = Array.from({ length: B }, (_, i) => sizes.filter((b) => b > i).length);
  let lens: Tensor = tensor(lengths, { dtype: int64 });
  if (sequence.unsortedIndices !== null) {
    out = out.indexSelect(1, sequence.unsortedIndices);
    lens = lens.indexSelect(0, sequence.unsortedIndices);
  }
  return [o.batchFirst ? out.transpose(0, 1) : out, lens];
}

/**
 * Pads a list of [L_i, *] sequences to [maxL, B, *] (or [B, maxL, *]).
 * @example nn.utils.rnn.padSequence([a, b, c], { batchFirst: true })
 */
export function padSequence(sequences: (Variable | Tensor)[], options?: { batchFirst?: boolean; paddingValue?: number }): Variable {
  const op = 'padSequence';
  const o = checkOptions(op, options, ['batchFirst', 'paddingValue']);
  if (!Array.isArray(sequences) || sequences.length === 0) throw new TorchSizeError(`${op}: expected a non-empty array of sequences`);
  const vs = sequences.map((s) => (s instanceof Variable ? s : new Variable(s)));
  const maxL = Math.max(...vs.map((v) => v.shape[0] ?? 0));
  const rest = vs[0]!.shape.slice(1);
  const padded = vs.map((v) => {
    if (v.shape.slice(1).some((s, i) => s !== rest[i])) throw new TorchSizeError(`${op}: sequences must agree in every dim after the first, got sizes ${fmtSize(vs[0]!.shape)} and ${fmtSize(v.shape)}`);
    const n = maxL - v.shape[0]!;
    return n > 0 ? cat([v, full([n, ...rest] as number[], o.paddingValue ?? 0, { dtype: v.data.dtype })], 0) : v;
  });
  return stack(padded, o.batchFirst ? 0 : 1);
}

/**
 * Packs a list of [L_i, *] sequences (sorted by decreasing length unless enforceSorted is false).
 * @example nn.utils.rnn.packSequence([a, b, c], { enforceSorted: false })
 */
export function packSequence(sequences: (Variable | Tensor)[], options?: { enforceSorted?: boolean }): PackedSequence {
  const o = checkOptions('packSequence', options, ['enforceSorted']);
  const lengths = sequences.map((s) => s.shape[0]!);
  return packPaddedSequence(padSequence(sequences), lengths, { enforceSorted: o.enforceSorted ?? true });
}
