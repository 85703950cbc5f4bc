/**
 * Torch7's batch normalization over the feature dim on core's THNN-shaped kernel: BatchNormalization for
 * [N, C], SpatialBatchNormalization for [N, C, H, W], VolumetricBatchNormalization for [N, C, T, H, W].
 */
import { batchNormBackward_, batchNormUpdateOutput, empty, TorchSizeError, type Tensor } from '@torch/core';
import { Module, type Activity } from '../module';
import { asTensor, reuse } from './util';
import { signature } from '../signature';

/**
 * Normalises each feature by the batch's mean and variance while training (updating running estimates
 * with `momentum`) and by the running estimates in evaluation; then scales and shifts when affine.
 * @example
 * const bn = new nn.BatchNormalization(10);
 * bn.forward(torch.randn(32, 10));      // training
 * bn.evaluate().forward(torch.randn(1, 10));
 */
@signature('nOutput: number, eps?: number, momentum?: number, affine?: boolean')
export class BatchNormalization extends Module {
  /** Input rank this class accepts (2: [N, C]). */
  protected readonly nDim: number = 2;
  runningMean: Tensor;
  runningVar: Tensor;
  saveMean: Tensor = empty(0);
  saveStd: Tensor = empty(0);

  constructor(public nOutput: number, public eps = 1e-5, public momentum = 0.1, public affine = true) {
    super();
    this.runningMean = empty(nOutput).zero_();
    this.runningVar = empty(nOutput).fill_(1);
    if (affine) {
      this.weight = empty(nOutput).uniform_(0, 1);
      this.bias = empty(nOutput).zero_();
      this.gradWeight = empty(nOutput).zero_();
      this.gradBias = empty(nOutput).zero_();
    }
  }

  override reset(): this {
    this.weight?.uniform_(0, 1);
    this.bias?.zero_();
    this.runningMean.zero_();
    this.runningVar.fill_(1);
    return this;
  }

  private check(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    if (x.dim() !== this.nDim || x.size(1) !== this.nOutput)
      throw new TorchSizeError(`${this.typename}: expected a ${this.nDim}-D input with ${this.nOutput} features in dim 1, got [${x.size().join(', ')}]`);
    return x;
  }

  override updateOutput(input: Activity): Tensor {
    const x = this.check(input);
    const out = reuse(this.output, x);
    batchNormUpdateOutput(x, out, this.weight ?? null, this.bias ?? null, this.runningMean, this.runningVar, this.saveMean, this.saveStd, this.train, this.momentum, this.eps);
    return (this.output = out);
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = this.check(input);
    const gx = reuse(this.gradInput, x);
    batchNormBackward_(x, asTensor(gradOutput, this.typename, 'gradOutput'), gx, null, null, this.weight ?? null, this.saveMean, this.saveStd, this.train);
    return (this.gradInput = gx);
  }

  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    if (!this.affine) return;
    const x = this.check(input);
    batchNormBackward_(x, asTensor(gradOutput, this.typename, 'gradOutput'), null, this.gradWeight!, this.gradBias!, this.weight!, this.saveMean, this.saveStd, this.train, scale);
  }

  /** Files from older Torch7 keep 1/√(var + eps) as running_std instead of running_var. @internal */
  override afterT7Load(fields: Record<string, unknown>): void {
    super.afterT7Load(fields);
    this.saveMean ??= empty(0);
    this.saveStd ??= empty(0);
    this.affine ??= this.weight !== undefined;
    const std = fields.running_std as Tensor | undefined;
    if (std && !fields.running_var) this.runningVar = std.pow(-2).sub(this.eps);
  }

  protected override stateKeys(): string[] {
    return [...super.stateKeys(), 'saveMean', 'saveStd'];
  }

  override toString(): string {
    return `${this.typename} (${this.nDim}D) (${this.nOutput})`;
  }
}

/**
 * BatchNormalization over the channels of [N, C, H, W].
 * @example new nn.SpatialBatchNormalization(16).forward(torch.randn(8, 16, 10, 10))
 */
@signature('nOutput: number, eps?: number, momentum?: number, affine?: boolean')
export class SpatialBatchNormalization extends BatchNormalization {
  protected override readonly nDim: number = 4;
}

/**
 * BatchNormalization over the channels of [N, C, T, H, W].
 * @example new nn.VolumetricBatchNormalization(4).forward(torch.randn(2, 4, 3, 5, 5))
 */
@signature('nOutput: number, eps?: number, momentum?: number, affine?: boolean')
export class VolumetricBatchNormalization extends BatchNormalization {
  protected override readonly nDim: number = 5;
}
