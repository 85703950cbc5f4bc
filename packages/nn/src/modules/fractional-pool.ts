// FractionalMaxPool2d (Graham, "Fractional Max-Pooling"): max pooling with pseudo-random overlapping
// windows, over nn.functional.fractionalMaxPool2d (a native kernel).
import { TorchTypeError, type Tensor } from '@torch/core';
import type { Variable } from '@torch/autograd';
import { Module } from '../module';
import { fractionalMaxPool2d } from '../functional/pooling';
import { checkArity, checkOptions } from '../utils/args';

/** Options of FractionalMaxPool2d: exactly one of outputSize and outputRatio. */
export interface FractionalMaxPool2dOptions {
  /** The output's [H, W] (or one number for both). */
  outputSize?: number | number[] | null;
  /** The output's size as a fraction in (0, 1) of the input's, per dim or for both. */
  outputRatio?: number | number[] | null;
  /** forward returns [output, indices]; default false. */
  returnIndices?: boolean;
  /** Fixed samples [N, C, 2] in [0, 1) for reproducible windows (a buffer, so it is in the state dict). */
  _randomSamples?: Tensor | null;
}

/**
 * 2d fractional max pooling. Each forward draws fresh windows from the default generator
 * (`torch.manualSeed` makes them reproducible) unless `_randomSamples` is given.
 * @example
 * const pool = new nn.FractionalMaxPool2d(3, { outputRatio: 0.5 });
 * pool.forward(x);                                            // [N, C, H/2, W/2]
 * new nn.FractionalMaxPool2d([2, 2], { outputSize: [13, 12], returnIndices: true }).forward(x); // [y, indices]
 */
export class FractionalMaxPool2d extends Module {
  readonly kernelSize: number | number[];
  readonly outputSize: number | number[] | null;
  readonly outputRatio: number | number[] | null;
  readonly returnIndices: boolean;
  declare _randomSamples: Tensor | null;

  constructor(kernelSize: number | number[], options?: FractionalMaxPool2dOptions) {
    super();
    const op = 'FractionalMaxPool2d';
    checkArity(op, arguments.length, 2);
    const o = checkOptions(op, options, ['outputSize', 'outputRatio', 'returnIndices', '_randomSamples']);
    this.kernelSize = kernelSize;
    this.outputSize = o.outputSize ?? null;
    this.outputRatio = o.outputRatio ?? null;
    this.returnIndices = o.returnIndices ?? false;
    if (this.outputSize === null && this.outputRatio === null) throw new TorchTypeError(`${op}: requires either an outputSize or an outputRatio`);
    if (this.outputSize !== null && this.outputRatio !== null) throw new TorchTypeError(`${op}: only one of outputSize and outputRatio may be given`);
    if (this.outputRatio !== null) {
      const r = this.outputRatio;
      const rs = typeof r === 'number' ? [r, r] : r;
      if (!Array.isArray(rs) || rs.length !== 2 || !rs.every((v) => typeof v === 'number' && v > 0 && v < 1))
        throw new TorchTypeError(`${op}: outputRatio must be between 0 and 1 (got ${JSON.stringify(r)})`);
    }
    this.registerBuffer('_randomSamples', o._randomSamples ?? null);
  }

  /** The pooled input, or [output, indices] with returnIndices. */
  override forward(input: Variable): Variable | [Variable, Variable] {
    return fractionalMaxPool2d(input, this.kernelSize, {
      outputSize: this.outputSize, outputRatio: this.outputRatio, returnIndices: this.returnIndices, _randomSamples: this._randomSamples,
    });
  }

  override extraRepr(): string {
    const size = this.outputSize !== null ? `outputSize=${JSON.stringify(this.outputSize)}` : `outputRatio=${JSON.stringify(this.outputRatio)}`;
    return `kernelSize=${JSON.stringify(this.kernelSize)}, ${size}${this.returnIndices ? ', returnIndices=true' : ''}`;
  }
}
