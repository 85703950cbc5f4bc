// BatchNorm1d/2d/3d and InstanceNorm1d/2d/3d over the native batch-norm kernel: affine parameters
// (weight 1, bias 0), running statistics as buffers (runningMean 0, runningVar 1, numBatchesTracked),
// batch statistics in training mode, running ones in evaluation mode (when tracked), as PyTorch.
import { empty, tensor, TorchSizeError, TorchTypeError, zeros, int64, type DType, type Tensor } from '@torch/core';
import type { Variable } from '@torch/autograd';
import { Module } from '../module';
import { Parameter } from '../parameter';
import * as F from '../functional/batchnorm';
import { checkArity, checkOptions, fmtSize, positiveInt } from '../utils/args';

/** Options of the batch and instance norm modules. */
export interface NormModuleOptions {
  /** Added to the variance (default 1e-5). */
  eps?: number;
  /** Weight of a new batch in the running statistics (default 0.1); null: a cumulative average. */
  momentum?: number | null;
  /** Learn a per-channel weight and bias (default true for BatchNorm, false for InstanceNorm). */
  affine?: boolean;
  /** Keep running statistics (default true for BatchNorm, false for InstanceNorm). */
  trackRunningStats?: boolean;
  dtype?: DType;
}

abstract class NormBase extends Module {
  readonly numFeatures: number;
  readonly eps: number;
  readonly momentum: number | null;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;
  weight: Parameter | null;
  bias: Parameter | null;
  declare runningMean: Tensor | null;
  declare runningVar: Tensor | null;
  declare numBatchesTracked: Tensor | null;

  constructor(protected readonly op: string, protected readonly ranks: readonly number[], numFeatures: number, options: NormModuleOptions | undefined, instance: boolean) {
    super();
    const o = checkOptions(op, options, ['eps', 'momentum', 'affine', 'trackRunningStats', 'dtype']);
    this.numFeatures = positiveInt(op, 'numFeatures', numFeatures);
    this.eps = o.eps ?? 1e-5;
    this.momentum = o.momentum === undefined ? 0.1 : o.momentum;
    if (this.momentum !== null && typeof this.momentum !== 'number') throw new TorchTypeError(`${op}: momentum must be a number or null`);
    this.affine = o.affine ?? !instance;
    this.trackRunningStats = o.trackRunningStats ?? !instance;
    const dt = o.dtype ? { dtype: o.dtype } : {};
    this.weight = this.affine ? new Parameter(empty([numFeatures], dt).fill_(1)) : null;
    this.bias = this.affine ? new Parameter(empty([numFeatures], dt).fill_(0)) : null;
    this.registerBuffer('runningMean', this.trackRunningStats ? zeros([numFeatures], dt) : null);
    this.registerBuffer('runningVar', this.trackRunningStats ? empty([numFeatures], dt).fill_(1) : null);
    this.registerBuffer('numBatchesTracked', this.trackRunningStats ? tensor(0, { dtype: int64 }) : null);
  }

  /** Zeroes the running statistics (and the batch count). @example bn.resetRunningStats() */
  resetRunningStats(): void {
    if (!this.trackRunningStats) return;
    this.runningMean!.fill_(0);
    this.runningVar!.fill_(1);
    this.numBatchesTracked!.fill_(0);
  }

  /** Running statistics back to their start and the affine parameters to 1 and 0. @example bn.resetParameters() */
  resetParameters(): void {
    this.resetRunningStats();
    this.weight?.data.fill_(1);
    this.bias?.data.fill_(0);
  }

  protected checkInput(x: Variable): void {
    if (!this.ranks.includes(x.dim()))
      throw new TorchSizeError(`${this.op}: expected ${this.ranks.map((r) => `${r}D`).join(' or ')} input, got input of size ${fmtSize(x.shape)}`);
  }

  /** The momentum of this step: the given one, or 1/numBatchesTracked for a cumulative average. */
  protected stepMomentum(): number {
    if (this.training && this.trackRunningStats) {
      this.numBatchesTracked!.add_(1);
      if (this.momentum === null) return 1 / (this.numBatchesTracked!.item() as number);
    }
    return this.momentum ?? 0;
  }

  override extraRepr(): string {
    return `${this.numFeatures}, eps=${this.eps}, momentum=${this.momentum}, affine=${this.affine}, trackRunningStats=${this.trackRunningStats}`;
  }
}

abstract class BatchNormNd extends NormBase {
  override forward(input: Variable): Variable {
    this.checkInput(input);
    if (input.shape[1] !== this.numFeatures)
      throw new TorchSizeError(`${this.op}: expected ${this.numFeatures} channels, got input of size ${fmtSize(input.shape)}`);
    const momentum = this.stepMomentum();
    // Batch statistics when training or when no running ones are kept.
    const useBatch = this.training || !this.trackRunningStats;
    const track = this.training || !useBatch;
    return F.batchNorm(input, track ? this.runningMean : null, track ? this.runningVar : null, {
      weight: this.weight, bias: this.bias, training: useBatch, momentum, eps: this.eps,
    });
  }
}

/**
 * Batch norm over [N, C] or [N, C, L].
 * @example const bn = new nn.BatchNorm1d(100); bn.forward(x); bn.eval(); bn.forward(x)
 */
export class BatchNorm1d extends BatchNormNd {
  constructor(numFeatures: number, options?: NormModuleOptions) {
    checkArity('BatchNorm1d', arguments.length, 2);
    super('BatchNorm1d', [2, 3], numFeatures, options, false);
  }
}
/**
 * Batch norm over [N, C, H, W].
 * @example new nn.BatchNorm2d(64).forward(x)
 */
export class BatchNorm2d extends BatchNormNd {
  constructor(numFeatures: number, options?: NormModuleOptions) {
    checkArity('BatchNorm2d', arguments.length, 2);
    super('BatchNorm2d', [4], numFeatures, options, false);
  }
}
/**
 * Batch norm over [N, C, D, H, W].
 * @example new nn.BatchNorm3d(8, { momentum: null }).forward(x) // cumulative running averages
 */
export class BatchNorm3d extends BatchNormNd {
  constructor(numFeatures: number, options?: NormModuleOptions) {
    checkArity('BatchNorm3d', arguments.length, 2);
    super('BatchNorm3d', [5], numFeatures, options, false);
  }
}

abstract class InstanceNormNd extends NormBase {
  override forward(input: Variable): Variable {
    this.checkInput(input);
    const batched = input.dim() === this.ranks[this.ranks.length - 1];
    const x = batched ? input : input.unsqueeze(0);
    if (x.shape[1] !== this.numFeatures && this.affine)
      throw new TorchSizeError(`${this.op}: expected ${this.numFeatures} channels, got input of size ${fmtSize(input.shape)}`);
    // As PyTorch, instance norm counts no batches: a null momentum means the default.
    const momentum = this.momentum ?? 0.1;
    const y = F.instanceNorm(x, {
      runningMean: this.runningMean, runningVar: this.runningVar, weight: this.weight, bias: this.bias,
      useInputStats: this.training || !this.trackRunningStats, momentum, eps: this.eps,
    });
    return batched ? y : y.squeeze(0);
  }
}

/** Instance norm over [N, C, L] (or [C, L]). @example new nn.InstanceNorm1d(10).forward(x) */
export class InstanceNorm1d extends InstanceNormNd {
  constructor(numFeatures: number, options?: NormModuleOptions) {
    checkArity('InstanceNorm1d', arguments.length, 2);
    super('InstanceNorm1d', [2, 3], numFeatures, options, true);
  }
}
/** Instance norm over [N, C, H, W] (or [C, H, W]). @example new nn.InstanceNorm2d(3, { affine: true }).forward(x) */
export class InstanceNorm2d extends InstanceNormNd {
  constructor(numFeatures: number, options?: NormModuleOptions) {
    checkArity('InstanceNorm2d', arguments.length, 2);
    super('InstanceNorm2d', [3, 4], numFeatures, options, true);
  }
}
/** Instance norm over [N, C, D, H, W] (or [C, D, H, W]). @example new nn.InstanceNorm3d(4).forward(x) */
export class InstanceNorm3d extends InstanceNormNd {
  constructor(numFeatures: number, options?: NormModuleOptions) {
    checkArity('InstanceNorm3d', arguments.length, 2);
    super('InstanceNorm3d', [4, 5], numFeatures, options, true);
  }
}
