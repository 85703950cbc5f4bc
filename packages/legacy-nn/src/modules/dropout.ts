import type { Tensor } from '@torch/core';
import { Module, type Activity } from '../module';
import { asTensor, reuse, scratch } from './util';
import { signature } from '../signature';

/**
 * Zeroes each element with probability p while training and scales the rest by 1/(1−p), so evaluation
 * is the identity (Torch7's default, v2). With `v1`, training does not scale and evaluation multiplies by 1−p.
 * @example
 * const drop = new nn.Dropout(0.3);
 * drop.forward(x);             // training
 * drop.evaluate().forward(x);  // x
 */
@signature('p?: number, v1?: boolean, inplace?: boolean')
export class Dropout extends Module {
  /** The last training forward's mask, scaled by 1/(1−p) unless v1 (kept: backward multiplies by it). */
  private _noise?: Tensor;
  constructor(public p = 0.5, public v1 = false, public inplace = false) {
    super();
    if (!(p >= 0 && p < 1)) throw new RangeError(`nn.Dropout: p must be in [0, 1), got ${p}`);
  }

  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const y = this.inplace ? x : reuse(this.output, x).copy_(x);
    if (this.train && this.p > 0) {
      const noise = scratch(this, '_noise', x, x.size()).bernoulli_(1 - this.p);
      if (!this.v1) noise.div_(1 - this.p);
      y.mul_(noise);
    } else if (!this.train && this.v1) y.mul_(1 - this.p);
    return (this.output = y);
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    const gx = this.inplace ? gy : reuse(this.gradInput, x).copy_(gy);
    if (this.train && this.p > 0) gx.mul_(this._noise!);
    else if (!this.train && this.v1) gx.mul_(1 - this.p);
    return (this.gradInput = gx);
  }

  override toString(): string {
    return `${this.typename}(${this.p})`;
  }
}
