// LayerNorm, GroupNorm, LocalResponseNorm, CrossMapLRN2d.
import { empty, type DType, TorchTypeError, TorchSizeError } from '@torch/core';
import { Variable } from '@torch/autograd';
import { Module } from '../module';
import { Parameter } from '../parameter';
import * as F from '../functional/normalization';
import { checkOptions, positiveInt, fmtSize, checkRank, signature } from '../utils/args';

/**
 * Normalises over the last dims (normalizedShape) of each sample, with a learned elementwise affine.
 * @example new nn.LayerNorm(512).forward(x)      // x [..., 512]
 * new nn.LayerNorm([10, 10], { elementwiseAffine: false })
 */
export class LayerNorm extends Module {
  readonly normalizedShape: number[];
  readonly eps: number;
  readonly elementwiseAffine: boolean;
  weight: Parameter | null;
  bias: Parameter | null;

  constructor(normalizedShape: number | number[], options?: { eps?: number; elementwiseAffine?: boolean; dtype?: DType }) {
    super();
    const o = checkOptions('LayerNorm', options, ['eps', 'elementwiseAffine', 'dtype']);
    this.normalizedShape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    if (this.normalizedShape.length === 0) throw new TorchTypeError('LayerNorm: normalizedShape must have at least one dim');
    this.normalizedShape.forEach((s) => positiveInt('LayerNorm', 'normalizedShape', s));
    this.eps = o.eps ?? 1e-5;
    this.elementwiseAffine = o.elementwiseAffine ?? true;
    const dt = o.dtype ? { dtype: o.dtype } : {};
    this.weight = this.elementwiseAffine ? new Parameter(empty(this.normalizedShape, dt).fill_(1)) : null;
    this.bias = this.elementwiseAffine ? new Parameter(empty(this.normalizedShape, dt).fill_(0)) : null;
  }
  override forward(x: Variable): Variable {
    const k = this.normalizedShape.length;
    if (x.dim() < k || this.normalizedShape.some((s, i) => x.shape[x.dim() - k + i] !== s))
      throw new TorchSizeError(`LayerNorm: expected input with shape [*, ${this.normalizedShape.join(', ')}], got input of size ${fmtSize(x.shape)}`);
    return F.layerNorm(x, this.normalizedShape, { weight: this.weight, bias: this.bias, eps: this.eps });
  }
  override extraRepr(): string {
    return `[${this.normalizedShape.join(', ')}], eps=${this.eps}, elementwiseAffine=${this.elementwiseAffine}`;
  }
}

/**
 * Normalises groups of channels of each sample; per-channel affine.
 * @example new nn.GroupNorm(4, 16).forward(x)   // x [N, 16, *]
 */
export class GroupNorm extends Module {
  readonly numGroups: number;
  readonly numChannels: number;
  readonly eps: number;
  readonly affine: boolean;
  weight: Parameter | null;
  bias: Parameter | null;

  constructor(numGroups: number, numChannels: number, options?: { eps?: number; affine?: boolean; dtype?: DType }) {
    super();
    const o = checkOptions('GroupNorm', options, ['eps', 'affine', 'dtype']);
    this.numGroups = positiveInt('GroupNorm', 'numGroups', numGroups);
    this.numChannels = positiveInt('GroupNorm', 'numChannels', numChannels);
    if (numChannels % numGroups !== 0) throw new TorchSizeError(`GroupNorm: numChannels (${numChannels}) must be divisible by numGroups (${numGroups})`);
    this.eps = o.eps ?? 1e-5;
    this.affine = o.affine ?? true;
    const dt = o.dtype ? { dtype: o.dtype } : {};
    this.weight = this.affine ? new Parameter(empty([numChannels], dt).fill_(1)) : null;
    this.bias = this.affine ? new Parameter(empty([numChannels], dt).fill_(0)) : null;
  }
  override forward(x: Variable): Variable {
    checkRank('GroupNorm', x.shape, { min: 2 });
    if (x.shape[1] !== this.numChannels) throw new TorchSizeError(`GroupNorm: expected input with ${this.numChannels} channels (dim 1), got input of size ${fmtSize(x.shape)}`);
    return F.groupNorm(x, this.numGroups, { weight: this.weight, bias: this.bias, eps: this.eps });
  }
  override extraRepr(): string {
    return `${this.numGroups}, ${this.numChannels}, eps=${this.eps}, affine=${this.affine}`;
  }
}

type LrnOpts = { alpha?: number; beta?: number; k?: number };

/**
 * Local response normalisation across channels.
 * @example new nn.LocalResponseNorm(2).forward(x); new nn.LocalResponseNorm(5, 1e-4, 0.75, 2)
 */
export class LocalResponseNorm extends Module {
  readonly size: number;
  readonly alpha: number;
  readonly beta: number;
  readonly k: number;
  constructor(size: number, ...rest: [alpha?: number, beta?: number, k?: number] | [LrnOpts] | [number, LrnOpts] | [number, number, LrnOpts]) {
    super();
    const name = new.target.name;
    const o = signature(name, [size, ...rest], { size: 0, alpha: 1e-4, beta: 0.75, k: 1 });
    this.size = positiveInt(name, 'size', o.size);
    this.alpha = o.alpha;
    this.beta = o.beta;
    this.k = o.k;
  }
  override forward(x: Variable): Variable {
    checkRank('LocalResponseNorm', x.shape, { min: 3 });
    return F.localResponseNorm(x, this.size, { alpha: this.alpha, beta: this.beta, k: this.k });
  }
  override extraRepr(): string {
    return `${this.size}, alpha=${this.alpha}, beta=${this.beta}, k=${this.k}`;
  }
}

/**
 * Torch7's SpatialCrossMapLRN on [N, C, H, W].
 * @example new nn.CrossMapLRN2d(5, { alpha: 1e-4, beta: 0.75, k: 1 })
 */
export class CrossMapLRN2d extends LocalResponseNorm {
  override forward(x: Variable): Variable {
    checkRank('CrossMapLRN2d', x.shape, [4]);
    return F.crossMapLrn2d(x, this.size, { alpha: this.alpha, beta: this.beta, k: this.k });
  }
}
