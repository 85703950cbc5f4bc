/**
 * Torch7's local contrast normalizations: SpatialSubtractiveNormalization (minus a weighted local mean
 * over all planes), SpatialDivisiveNormalization (divided by the weighted local standard deviation) and
 * SpatialContrastiveNormalization (the two in sequence). The local sums are legacy modules (zero padding
 * and convolution, on core's convolution kernel), divided by the same sums of ones so that the borders
 * average over the positions that exist. Torch7 builds the same pipeline.
 */
import { empty, Tensor, TorchSizeError, TorchTypeError } from '@torch/core';
import { Module, type Activity } from '../module';
import { SpatialConvolution } from './convolution';
import { SpatialConvolutionMap, tables } from './convmap';
import { Sequential } from './sequential';
import { SpatialZeroPadding } from './spatial';
import { asTensor, reuse, scratch } from './util';
import { signature } from '../signature';

/** The kernel, checked (1-D or 2-D with odd sizes) and copied (Torch7 normalised the caller's tensor in place). */
function checkedKernel(op: string, kernel: Tensor | undefined): Tensor {
  const k = kernel ?? empty(9, 9).fill_(1);
  if (!(k instanceof Tensor) || (k.dim() !== 1 && k.dim() !== 2)) throw new TorchTypeError(`${op}: the averaging kernel must be a 1-D or 2-D tensor`);
  if (k.size().some((s) => s % 2 === 0)) throw new TorchSizeError(`${op}: the averaging kernel must have odd sizes, got [${k.size().join(', ')}]`);
  return k.clone();
}

/**
 * The local weighted sum over all planes: [N, C, H, W] → [N, 1, H, W] (or [C, H, W] → [1, H, W]), the
 * kernel centred on every position with zeros outside. A 1-D kernel is applied along rows (each plane on
 * its own) and then along columns, as Torch7.
 */
function localSum(nInputPlane: number, kernel: Tensor): Sequential {
  const [kh, kw] = kernel.dim() === 2 ? [kernel.size(0), kernel.size(1)] : [kernel.size(0), kernel.size(0)];
  const net = new Sequential().add(new SpatialZeroPadding(kw >> 1, kw >> 1, kh >> 1, kh >> 1));
  if (kernel.dim() === 2) {
    const conv = new SpatialConvolution(nInputPlane, 1, kw, kh);
    conv.weight.copy_(kernel.expand(1, nInputPlane, kh, kw));
    conv.bias!.zero_();
    net.add(conv);
  } else {
    const rows = new SpatialConvolutionMap(tables.oneToOne(nInputPlane), kw, 1);
    rows.weight.copy_(kernel.view(1, 1, kw).expand(nInputPlane, 1, kw));
    rows.bias!.zero_();
    const cols = new SpatialConvolution(nInputPlane, 1, 1, kh);
    cols.weight.copy_(kernel.view(1, 1, kh, 1).expand(1, nInputPlane, kh, 1));
    cols.bias!.zero_();
    net.add(rows).add(cols);
  }
  return net;
}

/** The checks and the border coefficients both normalizations share. */
abstract class LocalNormalization extends Module {
  kernel: Tensor;
  /** The local sums of ones (one sample, [1, H, W]): what divides the local sums at the borders. */
  protected coef: Tensor = empty(0);

  constructor(public nInputPlane = 1, kernel?: Tensor) {
    super();
    this.kernel = checkedKernel(`nn.${new.target.name}`, kernel);
  }

  protected checked(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    if ((x.dim() !== 3 && x.dim() !== 4) || x.size(-3) !== this.nInputPlane)
      throw new TorchSizeError(`${this.typename}: expected input [${this.nInputPlane}, H, W] or [N, ${this.nInputPlane}, H, W], got [${x.size().join(', ')}]`);
    if (!x.dtype.isFloatingPoint) throw new TorchTypeError(`${this.typename}: expected a floating point input, got ${x.dtype.name}`);
    return x;
  }

  /** The coefficients for x's plane size (recomputed only when the size or dtype changes). */
  protected coefficients(estimator: Sequential, x: Tensor): Tensor {
    const [h, w] = [x.size(-2), x.size(-1)];
    if (this.coef.dim() !== 3 || this.coef.size(1) !== h || this.coef.size(2) !== w || this.coef.dtype !== x.dtype) {
      const ones = empty([this.nInputPlane, h, w], { dtype: x.dtype }).fill_(1);
      this.coef = (estimator.updateOutput(ones) as Tensor).clone();
    }
    return this.coef;
  }

  /** Fields a Torch7 file may lack; the coefficients are recomputed. @internal */
  override afterT7Load(fields: Record<string, unknown>): void {
    super.afterT7Load(fields);
    this.nInputPlane ??= 1;
    this.coef = empty(0);
  }
}

/**
 * x minus the weighted mean of its neighbourhood over all planes (kernel: 2-D, or 1-D applied along
 * rows then columns; default a 9×9 box), normalised to sum to 1 and corrected at the borders.
 * @example new nn.SpatialSubtractiveNormalization(3, torch.ones(5, 5)).forward(torch.randn(3, 16, 16))
 */
@signature('nInputPlane?: number, kernel?: Tensor')
export class SpatialSubtractiveNormalization extends LocalNormalization {
  meanestimator: Sequential;

  constructor(nInputPlane = 1, kernel?: Tensor) {
    super(nInputPlane, kernel);
    this.kernel.div_(this.kernel.sum().item() * this.nInputPlane);
    this.meanestimator = localSum(this.nInputPlane, this.kernel);
  }

  override updateOutput(input: Activity): Tensor {
    const x = this.checked(input);
    const coef = this.coefficients(this.meanestimator, x);
    const sums = this.meanestimator.updateOutput(x) as Tensor;
    const means = scratch(this, '_means', x, sums.size()).copy_(sums).div_(coef);
    return (this.output = reuse(this.output, x).copy_(x).sub_(means));
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = this.checked(input);
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    // ∂/∂(local sum) = −Σ over planes of gy / coef; then back through the estimator.
    const gMeans = gy.sum(-3, { keepdim: true }).div_(this.coefficients(this.meanestimator, x)).neg_();
    const gx = reuse(this.gradInput, x).copy_(gy);
    gx.add_(this.meanestimator.updateGradInput(x, gMeans) as Tensor);
    return (this.gradInput = gx);
  }

  override afterT7Load(fields: Record<string, unknown>): void {
    super.afterT7Load(fields);
    // Rebuilt from the (already normalised) kernel rather than trusting Torch7's module list.
    this.meanestimator = localSum(this.nInputPlane, this.kernel);
  }
}

/**
 * x divided by the weighted standard deviation of its neighbourhood over all planes (√ of the local
 * mean of x², corrected at the borders); deviations at or below `threshold` become `thresval`.
 * @example new nn.SpatialDivisiveNormalization(3).forward(torch.randn(2, 3, 16, 16))
 */
@signature('nInputPlane?: number, kernel?: Tensor, threshold?: number, thresval?: number')
export class SpatialDivisiveNormalization extends LocalNormalization {
  meanestimator: Sequential;
  stdestimator: Sequential;

  constructor(nInputPlane = 1, kernel?: Tensor, public threshold = 1e-4, public thresval = threshold) {
    super(nInputPlane, kernel);
    this.kernel.div_(this.kernel.sum().item() * (this.kernel.dim() === 2 ? this.nInputPlane : Math.sqrt(this.nInputPlane)));
    this.meanestimator = localSum(this.nInputPlane, this.kernel);
    this.stdestimator = localSum(this.nInputPlane, this.kernel);
  }

  /** x², the local standard deviations (corrected at the borders) and where they were thresholded. */
  private deviations(x: Tensor): { squares: Tensor; stds: Tensor; kept: Tensor } {
    const squares = scratch(this, '_squares', x, x.size()).copy_(x).mul_(x);
    const sums = this.stdestimator.updateOutput(squares) as Tensor;
    const stds = scratch(this, '_stds', x, sums.size()).copy_(sums).sqrt_().div_(this.coefficients(this.meanestimator, x));
    const kept = stds.gt(this.threshold);
    return { squares, stds: stds.maskedFill_(stds.le(this.threshold), this.thresval), kept };
  }

  override updateOutput(input: Activity): Tensor {
    const x = this.checked(input);
    const { stds } = this.deviations(x);
    return (this.output = reuse(this.output, x).copy_(x).div_(stds));
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = this.checked(input);
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    const { squares, stds, kept } = this.deviations(x);
    const sums = this.stdestimator.output as Tensor;
    // y = x / s with s = √(sums) / coef where kept: ∂/∂s = −Σ_planes gy·x / s²; ∂s/∂sums = 1 / (2·coef·√sums).
    const gStd = gy.mul(x).sum(-3, { keepdim: true }).div_(stds).div_(stds).neg_().mul_(kept);
    const root = sums.sqrt();
    const gSums = gStd.div_(root.mul_(this.coefficients(this.meanestimator, x)).mul_(2)).maskedFill_(root.eq(0), 0);
    const gSquares = this.stdestimator.updateGradInput(squares, gSums) as Tensor;
    const gx = reuse(this.gradInput, x).copy_(gy).div_(stds);
    gx.addcmul_(gSquares, x, { value: 2 });
    return (this.gradInput = gx);
  }

  override afterT7Load(fields: Record<string, unknown>): void {
    super.afterT7Load(fields);
    this.threshold ??= 1e-4;
    this.thresval ??= this.threshold;
    this.meanestimator = localSum(this.nInputPlane, this.kernel);
    this.stdestimator = localSum(this.nInputPlane, this.kernel);
  }

}

/**
 * SpatialSubtractiveNormalization followed by SpatialDivisiveNormalization with the same kernel.
 * @example new nn.SpatialContrastiveNormalization(3, torch.ones(7)).forward(torch.randn(3, 32, 32))
 */
@signature('nInputPlane?: number, kernel?: Tensor, threshold?: number, thresval?: number')
export class SpatialContrastiveNormalization extends Module {
  kernel: Tensor;
  normalizer: Sequential;

  constructor(public nInputPlane = 1, kernel?: Tensor, public threshold = 1e-4, public thresval = threshold) {
    super();
    this.kernel = checkedKernel('nn.SpatialContrastiveNormalization', kernel);
    this.normalizer = new Sequential()
      .add(new SpatialSubtractiveNormalization(nInputPlane, this.kernel))
      .add(new SpatialDivisiveNormalization(nInputPlane, this.kernel, threshold, thresval));
  }

  override updateOutput(input: Activity): Activity {
    return (this.output = this.normalizer.forward(input));
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Activity {
    return (this.gradInput = this.normalizer.backward(input, gradOutput));
  }
}
