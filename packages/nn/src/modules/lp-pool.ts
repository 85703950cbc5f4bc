// LPPool1d and LPPool2d: power-average pooling over nn.functional.lpPool1d/2d (the avg-pool kernel).
import type { Variable } from '@torch/autograd';
import { Module } from '../module';
import { lpPool1d, lpPool2d, type LPPoolOptions } from '../functional/lp-pool';
import { checkArity, checkOptions } from '../utils/args';

abstract class LPPoolNd extends Module {
  readonly stride: number | number[] | null;
  readonly ceilMode: boolean;
  constructor(private readonly fn: typeof lpPool1d, op: string, readonly normType: number, readonly kernelSize: number | number[], options: LPPoolOptions | undefined) {
    super();
    const o = checkOptions(op, options, ['stride', 'ceilMode']);
    this.stride = o.stride ?? null;
    this.ceilMode = o.ceilMode ?? false;
  }
  override forward(input: Variable): Variable {
    return this.fn(input, this.normType, this.kernelSize, { stride: this.stride, ceilMode: this.ceilMode });
  }
  override extraRepr(): string {
    return `normType=${this.normType}, kernelSize=${JSON.stringify(this.kernelSize)}, stride=${JSON.stringify(this.stride)}, ceilMode=${this.ceilMode}`;
  }
}

/**
 * 1d power-average pooling: (Σ_window x^p)^(1/p) over [N, C, L] or [C, L].
 * @example new nn.LPPool1d(2, 3, { stride: 2 }).forward(x) // x [N, C, L] -> [N, C, floor((L - 3) / 2) + 1]
 */
export class LPPool1d extends LPPoolNd {
  constructor(normType: number, kernelSize: number | number[], options?: LPPoolOptions) {
    checkArity('LPPool1d', arguments.length, 3);
    super(lpPool1d, 'LPPool1d', normType, kernelSize, options);
  }
}

/**
 * 2d power-average pooling over [N, C, H, W] or [C, H, W].
 * @example new nn.LPPool2d(2, 3, { stride: 2 }).forward(x); new nn.LPPool2d(1.5, [3, 2], { ceilMode: true }).forward(x)
 */
export class LPPool2d extends LPPoolNd {
  constructor(normType: number, kernelSize: number | number[], options?: LPPoolOptions) {
    checkArity('LPPool2d', arguments.length, 3);
    super(lpPool2d, 'LPPool2d', normType, kernelSize, options);
  }
}
