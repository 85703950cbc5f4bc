/**
 * Torch7's SpatialLPPooling: a Sequential of x^p (Square for p = 2), SpatialAveragePooling, ×kW·kH and
 * the p-th root (Sqrt for p = 2), as Torch7 builds it, so it runs on the same avg-pool kernel as
 * torch.nn.LPPool2d. Unlike LPPool2d there is no sign handling: Torch7 takes the root of the sum as is.
 */
import { TorchTypeError } from '@torch/core';
import { Sequential } from './sequential';
import { MulConstant, Power, Sqrt, Square } from './pointwise';
import { SpatialAveragePooling } from './pooling';
import { signature } from '../signature';

/**
 * 2-D power-average pooling: (Σ_window x^p)^(1/p) over kW×kH windows with steps dW, dH (default the
 * window). nInputPlane is kept for Torch7's signature. It has no parameters.
 * @example new nn.SpatialLPPooling(3, 2, 2, 2).forward(torch.rand(3, 8, 8))   // [3, 4, 4]: the L2 norm of each 2x2 block
 */
@signature('nInputPlane: number, pnorm: number, kW: number, kH: number, dW?: number, dH?: number')
export class SpatialLPPooling extends Sequential {
  constructor(public nInputPlane: number, public pnorm: number, public kW: number, public kH: number, public dW = kW, public dH = kH) {
    super();
    if (typeof pnorm !== 'number' || !Number.isFinite(pnorm) || pnorm === 0) throw new TorchTypeError(`nn.SpatialLPPooling: pnorm must be a finite non-zero number, got ${String(pnorm)}`);
    this.add(pnorm === 2 ? new Square() : new Power(pnorm));
    this.add(new SpatialAveragePooling(kW, kH, dW, dH));
    this.add(new MulConstant(kW * kH));
    this.add(pnorm === 2 ? new Sqrt() : new Power(1 / pnorm));
  }

  // Torch7's no-ops: the pooling has nothing to learn.
  override reset(): this {
    return this;
  }
  override accGradParameters(): void {}
  override zeroGradParameters(): void {}
  override updateParameters(): void {}
}
