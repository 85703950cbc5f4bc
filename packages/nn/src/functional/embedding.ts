// Embedding lookups. The lookup is a named autograd Function (EmbeddingBackward) so that rows at
// paddingIdx get no gradient and scaleGradByFreq can divide by the index counts, as PyTorch's.
import { Tensor, TorchIndexError, TorchSizeError, TorchTypeError, zeros, ones, tensor, int64 } from '@torch/core';
import { Variable, Function as AutogradFunction, isGradEnabled, noGrad, stack } from '@torch/autograd';
import { asVar, optVar, type VarLike } from './util';
import { checkOptions, fmtSize } from '../utils/args';

// The class is named Embedding (its node prints as EmbeddingBackward) but bound to another identifier:
// the bundle holds nn.Embedding too, and would rename one of the two to Embedding2.
const EmbeddingLookup = { Embedding: class extends AutogradFunction {
  constructor(private readonly idx: Tensor, private readonly numRows: number, private readonly paddingIdx: number | null, private readonly scaleByFreq: boolean) {
    super();
    this._keepsNoGrads = true;
  }
  override forward(weight: Tensor): Tensor {
    return weight.indexSelect(0, this.idx.reshape([-1])).view([...this.idx.shape, weight.shape[1]!] as number[]);
  }
  override backward(g: Variable): Variable {
    const flat = this.idx.reshape([-1]);
    let rows = g.reshape([flat.numel(), -1]);
    let keep: Tensor | null = null;
    if (this.paddingIdx !== null) keep = flat.ne(this.paddingIdx);
    if (this.scaleByFreq) {
      const counts = zeros([this.numRows], { dtype: g.data.dtype }).indexAdd_(0, flat, ones([flat.numel()], { dtype: g.data.dtype }));
      const inv = counts.indexSelect(0, flat).reciprocal();
      rows = rows.mul(inv.unsqueeze(1));
    }
    if (keep !== null) rows = rows.mul(keep.to(g.data.dtype).unsqueeze(1));
    const base = zeros([this.numRows, rows.shape[1]!], { dtype: g.data.dtype });
    // A plain backward adds into the zeros in place; only a differentiable one (createGraph) records
    // the out-of-place indexAdd, which copies the whole [numRows, dim] gradient first.
    if (!isGradEnabled()) return new Variable(base.indexAdd_(0, flat, rows.data));
    return new Variable(base).indexAdd(0, flat, rows);
  }
} }.Embedding;

/** Throws naming the op unless every index is in [0, n). */
export function checkIndices(op: string, idx: Tensor, n: number): void {
  if (idx.dtype.isFloatingPoint || idx.dtype.name === 'bool') throw new TorchTypeError(`${op}: expected an integer tensor of indices, got ${idx.dtype}`);
  if (idx.numel() === 0) return;
  const lo = idx.min().item(), hi = idx.max().item();
  if (lo < 0 || hi >= n) throw new TorchIndexError(`${op}: index ${lo < 0 ? lo : hi} is out of range for ${n} embeddings (valid: 0 to ${n - 1})`);
}

/** Options of embedding. */
export interface EmbeddingOptions {
  /** This row gets no gradient (and Embedding initialises it to zeros). Negative counts from the end. */
  paddingIdx?: number | null;
  /** Rows looked up whose norm exceeds this are renormalised to it, in place. */
  maxNorm?: number | null;
  /** The p of the norm for maxNorm (default 2). */
  normType?: number;
  /** Divide gradients by how often each index occurs in the batch. */
  scaleGradByFreq?: boolean;
  /** PyTorch's sparse gradients; not supported (dense gradients only). */
  sparse?: boolean;
}

/** Normalises paddingIdx against the number of rows, or throws. @internal */
export function paddingIndex(op: string, paddingIdx: number | null | undefined, n: number): number | null {
  if (paddingIdx === null || paddingIdx === undefined) return null;
  if (!Number.isInteger(paddingIdx) || paddingIdx >= n || paddingIdx < -n) throw new TorchIndexError(`${op}: paddingIdx ${paddingIdx} must be within the ${n} embeddings`);
  return paddingIdx < 0 ? paddingIdx + n : paddingIdx;
}

/**
 * Rows of weight [numEmbeddings, dim] picked by integer indices of any shape: result [...indices, dim].
 * @example nn.functional.embedding(torch.tensor([[1, 2], [0, 3]]), weight)
 */
export function embedding(input: Tensor | Variable, weight: VarLike, options?: EmbeddingOptions): Variable {
  const op = 'embedding';
  const o = checkOptions(op, options, ['paddingIdx', 'maxNorm', 'normType', 'scaleGradByFreq', 'sparse']);
  if (o.sparse) throw new TorchTypeError(`${op}: sparse gradients are not supported; use sparse: false`);
  const idx = input instanceof Variable ? input.data : input;
  if (!(idx instanceof Tensor)) throw new TorchTypeError(`${op}: input must be a Tensor of indices, got ${idx === null ? 'null' : typeof idx}`);
  const w = asVar(op, weight, 'weight');
  if (w.dim() !== 2) throw new TorchSizeError(`${op}: weight must be 2-D [numEmbeddings, embeddingDim], got size ${fmtSize(w.shape)}`);
  const n = w.shape[0]!;
  checkIndices(op, idx, n);
  const longIdx = idx.dtype.name === 'int64' ? idx : idx.long();
  if (o.maxNorm !== null && o.maxNorm !== undefined) embeddingRenorm_(w.data, longIdx, o.maxNorm, o.normType ?? 2);
  const pad = paddingIndex(op, o.paddingIdx, n);
  return new EmbeddingLookup(longIdx, n, pad, o.scaleGradByFreq ?? false).apply(w) as Variable;
}

/** Rescales, in place and outside autograd, the looked-up rows whose p-norm exceeds maxNorm (as PyTorch's embedding_renorm_). */
function embeddingRenorm_(w: Tensor, idx: Tensor, maxNorm: number, p: number): void {
  noGrad(() => {
    const uniq = [...new Set(idx.reshape([-1]).tolist() as number[])];
    for (const i of uniq) {
      const row = w.get(i);
      const norm = row.norm(p).item();
      if (norm > maxNorm) row.mul_(maxNorm / (norm + 1e-7));
    }
  });
}

/** Options of embeddingBag. */
export interface EmbeddingBagOptions extends EmbeddingOptions {
  /** With a 1-D input: where each bag starts. */
  offsets?: Tensor | null;
  /** How a bag's rows combine (default 'mean'). */
  mode?: 'sum' | 'mean' | 'max';
  /** Weights of each index (mode 'sum' only), the input's size. */
  perSampleWeights?: VarLike | null;
  /** With offsets: the last offset is the end of the last bag (default false). */
  includeLastOffset?: boolean;
}

/**
 * Sums, means or maxes of bags of embeddings: input [B, L] (B bags of L indices) or a 1-D input with
 * `offsets` (bag starts). Empty bags give zeros.
 * @example nn.functional.embeddingBag(torch.tensor([1, 2, 4, 5, 4, 3]), weight, { offsets: torch.tensor([0, 3]), mode: 'sum' })
 */
export function embeddingBag(input: Tensor | Variable, weight: VarLike, options?: EmbeddingBagOptions): Variable {
  const op = 'embeddingBag';
  const o = checkOptions(op, options, ['paddingIdx', 'maxNorm', 'normType', 'scaleGradByFreq', 'sparse', 'offsets', 'mode', 'perSampleWeights', 'includeLastOffset']);
  const idx = input instanceof Variable ? input.data : input;
  if (!(idx instanceof Tensor)) throw new TorchTypeError(`${op}: input must be a Tensor of indices`);
  const mode = o.mode ?? 'mean';
  if (!['sum', 'mean', 'max'].includes(mode)) throw new TorchTypeError(`${op}: mode must be 'sum', 'mean' or 'max', got '${String(mode)}'`);
  let starts: number[];
  let flat: Tensor;
  if (idx.dim() === 2) {
    if (o.offsets !== undefined && o.offsets !== null) throw new TorchTypeError(`${op}: offsets must be null when input is 2-D (size ${fmtSize(idx.shape)})`);
    const [B, L] = idx.shape as [number, number];
    starts = Array.from({ length: B + 1 }, (_, b) => b * L);
    flat = idx.reshape([-1]);
  } else if (idx.dim() === 1) {
    if (!(o.offsets instanceof Tensor) || o.offsets.dim() !== 1) throw new TorchTypeError(`${op}: a 1-D input needs 1-D offsets (bag starts)`);
    starts = o.offsets.tolist() as number[];
    if (!o.includeLastOffset) starts.push(idx.numel());
    flat = idx;
    if (starts[0] !== 0 || starts.some((s, i) => i > 0 && s < starts[i - 1]!) || starts[starts.length - 1]! > idx.numel())
      throw new TorchIndexError(`${op}: offsets must start at 0 and be non-decreasing and within the ${idx.numel()} indices, got ${fmtSize(o.offsets.tolist() as number[])}`);
  } else throw new TorchSizeError(`${op}: input has to be 1-D or 2-D, got size ${fmtSize(idx.shape)}`);
  const psw = optVar(op, o.perSampleWeights, 'perSampleWeights');
  if (psw !== null && mode !== 'sum') throw new TorchTypeError(`${op}: perSampleWeights is only supported for mode 'sum', got mode '${mode}'`);
  if (psw !== null && (psw.numel() !== flat.numel())) throw new TorchSizeError(`${op}: perSampleWeights of size ${fmtSize(psw.shape)} must match input of size ${fmtSize(idx.shape)}`);
  const rows = embedding(flat, weight, { paddingIdx: o.paddingIdx, maxNorm: o.maxNorm, normType: o.normType, scaleGradByFreq: o.scaleGradByFreq });
  const w = asVar(op, weight, 'weight');
  const pad = paddingIndex(op, o.paddingIdx, w.shape[0]!);
  const flatList = pad === null ? null : (flat.tolist() as number[]);
  const weighted = psw !== null ? rows.mul(psw.reshape([-1, 1])) : rows;
  const bags: Variable[] = [];
  const D = w.shape[1]!;
  for (let b = 0; b + 1 < starts.length; b++) {
    const s = starts[b]!, e = starts[b + 1]!;
    // Rows at paddingIdx are left out of their bag (PyTorch 1.13), so they do not count in the mean.
    const keepIdx: number[] = [];
    for (let i = s; i < e; i++) if (flatList === null || flatList[i] !== pad) keepIdx.push(i);
    if (keepIdx.length === 0) {
      bags.push(new Variable(zeros([D], { dtype: w.data.dtype })));
      continue;
    }
    const part = keepIdx.length === e - s ? weighted.narrow(0, s, e - s) : weighted.indexSelect(0, tensor(keepIdx, { dtype: int64 }));
    bags.push(mode === 'sum' ? part.sum(0) : mode === 'mean' ? part.mean(0) : part.max(0).values);
  }
  if (bags.length === 0) return new Variable(zeros([0, D], { dtype: w.data.dtype }));
  return stack(bags, 0);
}
