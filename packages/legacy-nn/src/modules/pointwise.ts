/**
 * The transfer functions and other elementwise modules of Torch7's nn. Each says how to compute its
 * output and its gradInput from the input, the output and gradOutput; the base class does the buffer
 * reuse and the checks. Written with core's tensor ops, so they run on every backend.
 */
import { bool, Tensor, TorchTypeError, where } from '@torch/core';
import { Module, type Activity } from '../module';
import { asTensor, reuse, scratch } from './util';
import { signature } from '../signature';

/** An elementwise module: output and gradInput have the input's size. */
export abstract class Pointwise extends Module {
  /** Writes f(x) into y (y already has x's size). */
  protected abstract fwd(x: Tensor, y: Tensor): void;
  /** Writes ∂loss/∂x into gx, from x, y = f(x) and gy. */
  protected abstract bwd(x: Tensor, y: Tensor, gy: Tensor, gx: Tensor): void;
  /** In place: output is the input tensor itself (ReLU(true), Threshold(.., true)). */
  inplace = false;

  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    if (!x.dtype.isFloatingPoint) throw new TorchTypeError(`${this.typename}: expected a floating point input, got ${x.dtype.name}; convert it with .float() or .double()`);
    const y = this.inplace ? x : reuse(this.output, x);
    this.fwd(x, y);
    return (this.output = y);
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    if (gy.numel() !== x.numel()) throw new TorchTypeError(`${this.typename}: gradOutput of size [${gy.size()}] does not match input of size [${x.size()}]`);
    const gx = this.inplace ? gy : reuse(this.gradInput, x);
    this.bwd(x, this.output as Tensor, gy.viewAs(x), gx);
    return (this.gradInput = gx);
  }
}

/** y = x > threshold ? x : value. @example new nn.Threshold(0.1, 0) */
@signature('threshold?: number, val?: number, inplace?: boolean')
export class Threshold extends Pointwise {
  constructor(public threshold = 1e-6, public val = 0, inplace = false) {
    super();
    this.inplace = inplace;
  }
  // The x ≤ threshold mask is kept in a reused buffer: computed by forward, used again by backward (an
  // in-place forward overwrote x, so backward cannot recompute it).
  protected fwd(x: Tensor, y: Tensor): void {
    const drop = x.le(this.threshold, { out: scratch(this, '_dropped', x, x.size(), bool) });
    (y === x ? y : y.copy_(x)).maskedFill_(drop, this.val);
  }
  protected bwd(x: Tensor, _y: Tensor, gy: Tensor, gx: Tensor): void {
    (gx === gy ? gx : gx.copy_(gy)).maskedFill_(scratch(this, '_dropped', x, x.size(), bool), 0);
  }
  override toString(): string {
    return `${this.typename}(${this.threshold}, ${this.val})`;
  }
}

/** max(0, x). @example new nn.ReLU(); new nn.ReLU(true)  // in place */
@signature('inplace?: boolean')
export class ReLU extends Threshold {
  constructor(inplace = false) {
    super(0, 0, inplace);
  }
  // Allocation-free forms: y = max(x, 0), and ∂y/∂x = sign(y) since y ≥ 0 (1 where x > 0, else 0).
  protected override fwd(x: Tensor, y: Tensor): void {
    if (y === x) x.clamp_(0, null);
    else x.clamp(0, null, { out: y });
  }
  protected override bwd(_x: Tensor, y: Tensor, gy: Tensor, gx: Tensor): void {
    if (gx === gy) gx.mul_(y.sign());
    else y.sign({ out: gx }).mul_(gy);
  }
  override toString(): string {
    return this.typename;
  }
}

/** min(max(x, minValue), maxValue). @example new nn.HardTanh(-2, 2) */
@signature('minVal?: number, maxVal?: number, inplace?: boolean')
export class HardTanh extends Pointwise {
  constructor(public minVal = -1, public maxVal = 1, inplace = false) {
    super();
    if (maxVal <= minVal) throw new TorchTypeError(`nn.HardTanh: maxVal (${maxVal}) must be larger than minVal (${minVal})`);
    this.inplace = inplace;
  }
  protected fwd(x: Tensor, y: Tensor): void {
    x.clamp(this.minVal, this.maxVal, { out: y });
  }
  protected bwd(x: Tensor, _y: Tensor, gy: Tensor, gx: Tensor): void {
    (gx === gy ? gx : gx.copy_(gy)).maskedFill_(x.le(this.minVal), 0).maskedFill_(x.ge(this.maxVal), 0);
  }
}

/** min(max(x, 0), 6). @example new nn.ReLU6() */
@signature('inplace?: boolean')
export class ReLU6 extends HardTanh {
  constructor(inplace = false) {
    super(0, 6, inplace);
  }
}

/** Clamp(min, max): HardTanh with the bounds given. @example new nn.Clamp(0, 1) */
@signature('minVal?: number, maxVal?: number, inplace?: boolean')
export class Clamp extends HardTanh {}

/** tanh(x). @example new nn.Tanh() */
@signature('')
export class Tanh extends Pointwise {
  protected fwd(x: Tensor, y: Tensor): void {
    x.tanh({ out: y });
  }
  protected bwd(_x: Tensor, y: Tensor, gy: Tensor, gx: Tensor): void {
    gx.copy_(y).mul_(y).neg_().add_(1).mul_(gy);
  }
}

/** 1 / (1 + e^-x). @example new nn.Sigmoid() */
@signature('')
export class Sigmoid extends Pointwise {
  protected fwd(x: Tensor, y: Tensor): void {
    x.sigmoid({ out: y });
  }
  protected bwd(_x: Tensor, y: Tensor, gy: Tensor, gx: Tensor): void {
    gx.copy_(y).neg_().add_(1).mul_(y).mul_(gy);
  }
}

/** x for x > 0, alpha·(e^x − 1) otherwise. @example new nn.ELU(1) */
@signature('alpha?: number, inplace?: boolean')
export class ELU extends Pointwise {
  constructor(public alpha = 1, inplace = false) {
    super();
    this.inplace = inplace;
  }
  protected fwd(x: Tensor, y: Tensor): void {
    where(x.gt(0), x, x.exp().sub_(1).mul_(this.alpha), { out: y });
  }
  protected bwd(_x: Tensor, y: Tensor, gy: Tensor, gx: Tensor): void {
    where(y.gt(0), gy, y.add(this.alpha).mul_(gy), { out: gx });
  }
}

/** x for x > 0, negval·x otherwise. @example new nn.LeakyReLU(0.1) */
@signature('negval?: number, inplace?: boolean')
export class LeakyReLU extends Pointwise {
  constructor(public negval = 1 / 100, inplace = false) {
    super();
    this.inplace = inplace;
  }
  protected fwd(x: Tensor, y: Tensor): void {
    const scale = x.gt(0).to(x.dtype).mul_(1 - this.negval).add_(this.negval);
    x.mul(scale, { out: y });
  }
  protected bwd(x: Tensor, _y: Tensor, gy: Tensor, gx: Tensor): void {
    const scale = x.gt(0).to(x.dtype).mul_(1 - this.negval).add_(this.negval);
    gy.mul(scale, { out: gx });
  }
}

/** x where |x| > lambda, else 0. @example new nn.HardShrink(0.5) */
@signature('lambda?: number')
export class HardShrink extends Pointwise {
  constructor(public lambda = 0.5) {
    super();
  }
  protected fwd(x: Tensor, y: Tensor): void {
    y.copy_(x).maskedFill_(x.abs().le(this.lambda), 0);
  }
  protected bwd(x: Tensor, _y: Tensor, gy: Tensor, gx: Tensor): void {
    gx.copy_(gy).maskedFill_(x.abs().le(this.lambda), 0);
  }
}

/** x − lambda·sign(x) where |x| > lambda, else 0. @example new nn.SoftShrink(0.5) */
@signature('lambda?: number')
export class SoftShrink extends Pointwise {
  constructor(public lambda = 0.5) {
    super();
  }
  protected fwd(x: Tensor, y: Tensor): void {
    y.copy_(x).sub_(x.sign().mul_(this.lambda)).maskedFill_(x.abs().le(this.lambda), 0);
  }
  protected bwd(x: Tensor, _y: Tensor, gy: Tensor, gx: Tensor): void {
    gx.copy_(gy).maskedFill_(x.abs().le(this.lambda), 0);
  }
}

/** log(1 + e^(beta·x)) / beta, linear above threshold. @example new nn.SoftPlus(1, 20) */
@signature('beta?: number, threshold?: number')
export class SoftPlus extends Pointwise {
  constructor(public beta = 1, public threshold = 20) {
    super();
  }
  protected fwd(x: Tensor, y: Tensor): void {
    const bx = x.mul(this.beta);
    where(bx.gt(this.threshold), x, bx.exp().log1p_().div_(this.beta), { out: y });
  }
  protected bwd(x: Tensor, _y: Tensor, gy: Tensor, gx: Tensor): void {
    const bx = x.mul(this.beta);
    where(bx.gt(this.threshold), gy, bx.sigmoid().mul_(gy), { out: gx });
  }
}

/** x / (1 + |x|). @example new nn.SoftSign() */
@signature('')
export class SoftSign extends Pointwise {
  protected fwd(x: Tensor, y: Tensor): void {
    x.div(x.abs().add_(1), { out: y });
  }
  protected bwd(x: Tensor, _y: Tensor, gy: Tensor, gx: Tensor): void {
    const d = x.abs().add_(1);
    gy.div(d.mul_(d), { out: gx });
  }
}

/** log(1 / (1 + e^-x)). @example new nn.LogSigmoid() */
@signature('')
export class LogSigmoid extends Pointwise {
  protected fwd(x: Tensor, y: Tensor): void {
    // −softplus(−x), computed without overflow for large |x|
    const m = x.neg().clamp_(0, null);
    y.copy_(m.neg().exp().add_(x.neg().sub_(m).exp()).log_().add_(m).neg_());
  }
  protected bwd(x: Tensor, _y: Tensor, gy: Tensor, gx: Tensor): void {
    gx.copy_(x.neg().sigmoid().mul_(gy));
  }
}

/** x − tanh(x). @example new nn.TanhShrink() */
@signature('')
export class TanhShrink extends Pointwise {
  protected fwd(x: Tensor, y: Tensor): void {
    x.sub(x.tanh(), { out: y });
  }
  protected bwd(x: Tensor, _y: Tensor, gy: Tensor, gx: Tensor): void {
    const t = x.tanh();
    gx.copy_(t.mul_(t).mul_(gy));
  }
}

/** |x|. @example new nn.Abs() */
@signature('')
export class Abs extends Pointwise {
  protected fwd(x: Tensor, y: Tensor): void {
    x.abs({ out: y });
  }
  protected bwd(x: Tensor, _y: Tensor, gy: Tensor, gx: Tensor): void {
    gy.mul(x.sign(), { out: gx });
  }
}

/** e^x. @example new nn.Exp() */
@signature('')
export class Exp extends Pointwise {
  protected fwd(x: Tensor, y: Tensor): void {
    x.exp({ out: y });
  }
  protected bwd(_x: Tensor, y: Tensor, gy: Tensor, gx: Tensor): void {
    gy.mul(y, { out: gx });
  }
}

/** log(x). @example new nn.Log() */
@signature('')
export class Log extends Pointwise {
  protected fwd(x: Tensor, y: Tensor): void {
    x.log({ out: y });
  }
  protected bwd(x: Tensor, _y: Tensor, gy: Tensor, gx: Tensor): void {
    gy.div(x, { out: gx });
  }
}

/** √x. @example new nn.Sqrt() */
@signature('')
export class Sqrt extends Pointwise {
  protected fwd(x: Tensor, y: Tensor): void {
    x.sqrt({ out: y });
  }
  protected bwd(_x: Tensor, y: Tensor, gy: Tensor, gx: Tensor): void {
    gy.div(y, { out: gx }).mul_(0.5);
  }
}

/** x². @example new nn.Square() */
@signature('')
export class Square extends Pointwise {
  protected fwd(x: Tensor, y: Tensor): void {
    x.mul(x, { out: y });
  }
  protected bwd(x: Tensor, _y: Tensor, gy: Tensor, gx: Tensor): void {
    gy.mul(x, { out: gx }).mul_(2);
  }
}

/** x^p. @example new nn.Power(3) */
@signature('pow: number')
export class Power extends Pointwise {
  constructor(public pow: number) {
    super();
  }
  protected fwd(x: Tensor, y: Tensor): void {
    x.pow(this.pow, { out: y });
  }
  protected bwd(x: Tensor, _y: Tensor, gy: Tensor, gx: Tensor): void {
    gy.mul(x.pow(this.pow - 1), { out: gx }).mul_(this.pow);
  }
}

/** x + c. @example new nn.AddConstant(2) */
@signature('constantScalar: number, inplace?: boolean')
export class AddConstant extends Pointwise {
  constructor(public constantScalar: number, inplace = false) {
    super();
    this.inplace = inplace;
  }
  protected fwd(x: Tensor, y: Tensor): void {
    x.add(this.constantScalar, { out: y });
  }
  protected bwd(_x: Tensor, _y: Tensor, gy: Tensor, gx: Tensor): void {
    if (gx !== gy) gx.copy_(gy);
  }
}

/** c·x. @example new nn.MulConstant(0.5) */
@signature('constantScalar: number, inplace?: boolean')
export class MulConstant extends Pointwise {
  constructor(public constantScalar: number, inplace = false) {
    super();
    this.inplace = inplace;
  }
  protected fwd(x: Tensor, y: Tensor): void {
    x.mul(this.constantScalar, { out: y });
  }
  protected bwd(_x: Tensor, _y: Tensor, gy: Tensor, gx: Tensor): void {
    gy.mul(this.constantScalar, { out: gx });
  }
}
