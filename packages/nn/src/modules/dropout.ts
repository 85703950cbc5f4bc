// Dropout modules: active in training mode only (model.train() / model.eval()).
import { Variable } from '@torch/autograd';
import { Module } from '../module';
import * as F from '../functional/dropout';
import { signature, inRange } from '../utils/args';

type DropoutArgs = [p?: number, inplace?: boolean] | [{ p?: number; inplace?: boolean }] | [number, { inplace?: boolean }];

abstract class DropoutBase extends Module {
  readonly p: number;
  readonly inplace: boolean;
  constructor(args: unknown[]) {
    super();
    const name = new.target.name;
    ({ p: this.p, inplace: this.inplace } = signature(name, args, { p: 0.5, inplace: false }));
    inRange(name, 'p', this.p, 0, 1);
  }
  override extraRepr(): string {
    return `p=${this.p}, inplace=${this.inplace}`;
  }
  protected get opts(): F.DropoutOptions {
    return { p: this.p, training: this.training, inplace: this.inplace };
  }
}

/** Zeroes elements with probability p while training. @example new nn.Dropout(0.2) */
export class Dropout extends DropoutBase {
  constructor(...args: DropoutArgs) {
    super(args);
  }
  override forward(x: Variable): Variable {
    return F.dropout(x, this.opts);
  }
}
/** Zeroes whole channels of [N, C, H, W] inputs while training. @example new nn.Dropout2d(0.1) */
export class Dropout2d extends DropoutBase {
  constructor(...args: DropoutArgs) {
    super(args);
  }
  override forward(x: Variable): Variable {
    return F.dropout2d(x, this.opts);
  }
}
/** Zeroes whole channels of [N, C, D, H, W] inputs while training. @example new nn.Dropout3d(0.1) */
export class Dropout3d extends DropoutBase {
  constructor(...args: DropoutArgs) {
    super(args);
  }
  override forward(x: Variable): Variable {
    return F.dropout3d(x, this.opts);
  }
}
/** Dropout that keeps SELU's self-normalisation. @example new nn.AlphaDropout(0.1) */
export class AlphaDropout extends DropoutBase {
  constructor(...args: DropoutArgs) {
    super(args);
  }
  override forward(x: Variable): Variable {
    return F.alphaDropout(x, this.opts);
  }
}
