// Embedding and EmbeddingBag: a weight [numEmbeddings, embeddingDim] looked up by integer indices.
import { Tensor, empty, type DType, TorchSizeError } from '@torch/core';
import { Variable, noGrad } from '@torch/autograd';
import { Module } from '../module';
import { Parameter } from '../parameter';
import * as F from '../functional/embedding';
import { checkOptions, positiveInt, fmtSize } from '../utils/args';
import { normal_ } from '../init';

/** Options of Embedding. */
export interface EmbeddingModuleOptions extends F.EmbeddingOptions {
  /** Start from this weight instead of N(0, 1). */
  weight?: Tensor;
  dtype?: DType;
}

function makeWeight(op: string, n: number, d: number, o: EmbeddingModuleOptions): Parameter {
  if (o.weight !== undefined) {
    if (!(o.weight instanceof Tensor) || o.weight.dim() !== 2 || o.weight.shape[0] !== n || o.weight.shape[1] !== d)
      throw new TorchSizeError(`${op}: weight must be a Tensor of size [${n}, ${d}], got ${o.weight instanceof Tensor ? fmtSize(o.weight.shape) : typeof o.weight}`);
    return new Parameter(o.weight);
  }
  const w = new Parameter(empty([n, d], o.dtype ? { dtype: o.dtype } : {}));
  normal_(w);
  const pad = F.paddingIndex(op, o.paddingIdx, n);
  if (pad !== null) noGrad(() => w.data.get(pad).fill_(0));
  return w;
}

/**
 * A lookup table: forward(indices) gives weight rows, [...indices, embeddingDim].
 * @example
 * const emb = new nn.Embedding(10, 3, { paddingIdx: 0 });
 * emb.forward(torch.tensor([[1, 2, 4, 5], [4, 3, 2, 9]]))  // [2, 4, 3]
 */
export class Embedding extends Module {
  readonly numEmbeddings: number;
  readonly embeddingDim: number;
  readonly paddingIdx: number | null;
  readonly options: F.EmbeddingOptions;
  weight: Parameter;

  constructor(numEmbeddings: number, embeddingDim: number, options?: EmbeddingModuleOptions) {
    super();
    const o = checkOptions('Embedding', options, ['paddingIdx', 'maxNorm', 'normType', 'scaleGradByFreq', 'sparse', 'weight', 'dtype']);
    this.numEmbeddings = positiveInt('Embedding', 'numEmbeddings', numEmbeddings, true);
    this.embeddingDim = positiveInt('Embedding', 'embeddingDim', embeddingDim, true);
    this.paddingIdx = F.paddingIndex('Embedding', o.paddingIdx, numEmbeddings);
    this.options = { paddingIdx: this.paddingIdx, maxNorm: o.maxNorm ?? null, normType: o.normType ?? 2, scaleGradByFreq: o.scaleGradByFreq ?? false, sparse: o.sparse ?? false };
    this.weight = makeWeight('Embedding', numEmbeddings, embeddingDim, o);
  }

  /**
   * An Embedding over a given weight (frozen unless freeze is false).
   * @example nn.Embedding.fromPretrained(vectors, { freeze: true })
   */
  static fromPretrained(embeddings: Tensor, options?: F.EmbeddingOptions & { freeze?: boolean }): Embedding {
    const o = checkOptions('Embedding.fromPretrained', options, ['paddingIdx', 'maxNorm', 'normType', 'scaleGradByFreq', 'sparse', 'freeze']);
    if (!(embeddings instanceof Tensor) || embeddings.dim() !== 2) throw new TorchSizeError('Embedding.fromPretrained: embeddings must be a 2-D Tensor');
    const { freeze = true, ...rest } = o;
    const e = new this(embeddings.shape[0]!, embeddings.shape[1]!, { ...rest, weight: embeddings });
    e.weight.requiresGrad = !freeze;
    return e;
  }

  override forward(input: Tensor | Variable): Variable {
    return F.embedding(input, this.weight, this.options);
  }

  override extraRepr(): string {
    let s = `${this.numEmbeddings}, ${this.embeddingDim}`;
    if (this.paddingIdx !== null) s += `, paddingIdx=${this.paddingIdx}`;
    if (this.options.maxNorm !== null) s += `, maxNorm=${this.options.maxNorm}`;
    if (this.options.scaleGradByFreq) s += ', scaleGradByFreq=true';
    return s;
  }
}

/** Options of EmbeddingBag. */
export interface EmbeddingBagModuleOptions extends EmbeddingModuleOptions {
  mode?: 'sum' | 'mean' | 'max';
  includeLastOffset?: boolean;
}

/**
 * Sums, means or maxes of bags of embeddings, without building the [bags, length, dim] intermediate in
 * the API. forward(input, offsets?, perSampleWeights?).
 * @example new nn.EmbeddingBag(10, 3, { mode: 'sum' }).forward(torch.tensor([1, 2, 4, 5, 4, 3]), torch.tensor([0, 3]))
 */
export class EmbeddingBag extends Module {
  readonly numEmbeddings: number;
  readonly embeddingDim: number;
  readonly mode: 'sum' | 'mean' | 'max';
  readonly options: F.EmbeddingBagOptions;
  weight: Parameter;

  constructor(numEmbeddings: number, embeddingDim: number, options?: EmbeddingBagModuleOptions) {
    super();
    const o = checkOptions('EmbeddingBag', options, ['paddingIdx', 'maxNorm', 'normType', 'scaleGradByFreq', 'sparse', 'weight', 'dtype', 'mode', 'includeLastOffset']);
    this.numEmbeddings = positiveInt('EmbeddingBag', 'numEmbeddings', numEmbeddings, true);
    this.embeddingDim = positiveInt('EmbeddingBag', 'embeddingDim', embeddingDim, true);
    this.mode = o.mode ?? 'mean';
    const pad = F.paddingIndex('EmbeddingBag', o.paddingIdx, numEmbeddings);
    this.options = { paddingIdx: pad, maxNorm: o.maxNorm ?? null, normType: o.normType ?? 2, scaleGradByFreq: o.scaleGradByFreq ?? false, mode: this.mode, includeLastOffset: o.includeLastOffset ?? false };
    this.weight = makeWeight('EmbeddingBag', numEmbeddings, embeddingDim, o);
  }

  override forward(input: Tensor | Variable, offsets?: Tensor | null, perSampleWeights?: Variable | Tensor | null): Variable {
    return F.embeddingBag(input, this.weight, { ...this.options, offsets: offsets ?? null, perSampleWeights: perSampleWeights ?? null });
  }

  override extraRepr(): string {
    return `${this.numEmbeddings}, ${this.embeddingDim}, mode='${this.mode}'`;
  }
}
