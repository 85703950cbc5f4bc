// Activation modules: each holds its settings and calls nn.functional. Constructors take PyTorch's
// arguments positionally or in a trailing options object (see utils/args.ts signature()).
import { empty, type DType } from '@torch/core';
import { Variable } from '@torch/autograd';
import { Module } from '../module';
import { Parameter } from '../parameter';
import * as F from '../functional/activation';
import { signature, checkRank, positiveInt } from '../utils/args';

const inplaceRepr = (inplace: boolean) => (inplace ? 'inplace=true' : '');

/** max(x, 0). @example new nn.ReLU(); new nn.ReLU(true) // in place */
export class ReLU extends Module {
  readonly inplace: boolean;
  constructor(...args: [inplace?: boolean] | [{ inplace?: boolean }]) {
    super();
    ({ inplace: this.inplace } = signature('ReLU', args, { inplace: false }));
  }
  override forward(x: Variable): Variable {
    return F.relu(x, this.inplace);
  }
  override extraRepr(): string {
    return inplaceRepr(this.inplace);
  }
}

/** min(max(x, 0), 6). @example new nn.ReLU6() */
export class ReLU6 extends Module {
  readonly inplace: boolean;
  constructor(...args: [inplace?: boolean] | [{ inplace?: boolean }]) {
    super();
    ({ inplace: this.inplace } = signature('ReLU6', args, { inplace: false }));
  }
  override forward(x: Variable): Variable {
    return F.relu6(x, this.inplace);
  }
  override extraRepr(): string {
    return inplaceRepr(this.inplace);
  }
}

/** x where x > threshold, else value. @example new nn.Threshold(0.1, 20) */
export class Threshold extends Module {
  readonly threshold: number;
  readonly value: number;
  readonly inplace: boolean;
  constructor(threshold: number, value: number, ...rest: [inplace?: boolean] | [{ inplace?: boolean }]) {
    super();
    ({ threshold: this.threshold, value: this.value, inplace: this.inplace } = signature('Threshold', [threshold, value, ...rest], { threshold: 0, value: 0, inplace: false }));
  }
  override forward(x: Variable): Variable {
    return F.threshold(x, this.threshold, this.value, this.inplace);
  }
  override extraRepr(): string {
    return `threshold=${this.threshold}, value=${this.value}${this.inplace ? ', inplace=true' : ''}`;
  }
}

type HardtanhArgs = { minVal?: number; maxVal?: number; inplace?: boolean };
/** clamp(x, minVal, maxVal). @example new nn.Hardtanh(-2, 2) */
export class Hardtanh extends Module {
  readonly minVal: number;
  readonly maxVal: number;
  readonly inplace: boolean;
  constructor(...args: [minVal?: number, maxVal?: number, inplace?: boolean] | [HardtanhArgs] | [number, HardtanhArgs] | [number, number, HardtanhArgs]) {
    super();
    ({ minVal: this.minVal, maxVal: this.maxVal, inplace: this.inplace } = signature('Hardtanh', args, { minVal: -1, maxVal: 1, inplace: false }));
  }
  override forward(x: Variable): Variable {
    return F.hardtanh(x, this.minVal, this.maxVal, this.inplace);
  }
  override extraRepr(): string {
    return `minVal=${this.minVal}, maxVal=${this.maxVal}${this.inplace ? ', inplace=true' : ''}`;
  }
}

/** x where x > 0, else negativeSlope·x. @example new nn.LeakyReLU(0.2, true) */
export class LeakyReLU extends Module {
  readonly negativeSlope: number;
  readonly inplace: boolean;
  constructor(...args: [negativeSlope?: number, inplace?: boolean] | [{ negativeSlope?: number; inplace?: boolean }] | [number, { inplace?: boolean }]) {
    super();
    ({ negativeSlope: this.negativeSlope, inplace: this.inplace } = signature('LeakyReLU', args, { negativeSlope: 0.01, inplace: false }));
  }
  override forward(x: Variable): Variable {
    return F.leakyRelu(x, this.negativeSlope, this.inplace);
  }
  override extraRepr(): string {
    return `negativeSlope=${this.negativeSlope}${this.inplace ? ', inplace=true' : ''}`;
  }
}

/** x where x > 0, else alpha·(eˣ - 1). @example new nn.ELU(1.0) */
export class ELU extends Module {
  readonly alpha: number;
  readonly inplace: boolean;
  constructor(...args: [alpha?: number, inplace?: boolean] | [{ alpha?: number; inplace?: boolean }] | [number, { inplace?: boolean }]) {
    super();
    ({ alpha: this.alpha, inplace: this.inplace } = signature('ELU', args, { alpha: 1, inplace: false }));
  }
  override forward(x: Variable): Variable {
    return F.elu(x, this.alpha, this.inplace);
  }
  override extraRepr(): string {
    return `alpha=${this.alpha}${this.inplace ? ', inplace=true' : ''}`;
  }
}

/** Self-normalising ELU. @example new nn.SELU() */
export class SELU extends Module {
  readonly inplace: boolean;
  constructor(...args: [inplace?: boolean] | [{ inplace?: boolean }]) {
    super();
    ({ inplace: this.inplace } = signature('SELU', args, { inplace: false }));
  }
  override forward(x: Variable): Variable {
    return F.selu(x, this.inplace);
  }
  override extraRepr(): string {
    return inplaceRepr(this.inplace);
  }
}

type RReLUArgs = { lower?: number; upper?: number; inplace?: boolean };
/** Leaky ReLU with a random slope in U(lower, upper) while training, the mean slope in eval. @example new nn.RReLU(0.1, 0.3) */
export class RReLU extends Module {
  readonly lower: number;
  readonly upper: number;
  readonly inplace: boolean;
  constructor(...args: [lower?: number, upper?: number, inplace?: boolean] | [RReLUArgs] | [number, number, RReLUArgs]) {
    super();
    ({ lower: this.lower, upper: this.upper, inplace: this.inplace } = signature('RReLU', args, { lower: 1 / 8, upper: 1 / 3, inplace: false }));
  }
  override forward(x: Variable): Variable {
    return F.rrelu(x, this.lower, this.upper, this.training, this.inplace);
  }
  override extraRepr(): string {
    return `lower=${this.lower}, upper=${this.upper}${this.inplace ? ', inplace=true' : ''}`;
  }
}

/**
 * Leaky ReLU with a learned slope: one shared (numParameters = 1) or one per channel.
 * @example new nn.PReLU(16, 0.25)
 */
export class PReLU extends Module {
  readonly numParameters: number;
  weight: Parameter;
  constructor(...args: [numParameters?: number, init?: number] | [{ numParameters?: number; init?: number; dtype?: DType }]) {
    super();
    const o = signature('PReLU', args, { numParameters: 1, init: 0.25, dtype: undefined as DType | undefined });
    this.numParameters = positiveInt('PReLU', 'numParameters', o.numParameters);
    this.weight = new Parameter(empty([this.numParameters], o.dtype ? { dtype: o.dtype } : {}).fill_(o.init));
  }
  override forward(x: Variable): Variable {
    if (this.numParameters > 1) checkRank('PReLU', x.shape, { min: 1 });
    return F.prelu(x, this.weight);
  }
  override extraRepr(): string {
    return `numParameters=${this.numParameters}`;
  }
}

/** Base of the activations without settings. */
abstract class Plain extends Module {
  constructor(...args: unknown[]) {
    super();
    signature(new.target.name, args, {});
  }
}
/** 1 / (1 + e⁻ˣ). @example new nn.Sigmoid() */
export class Sigmoid extends Plain {
  override forward(x: Variable): Variable {
    return F.sigmoid(x);
  }
}
/** tanh. @example new nn.Tanh() */
export class Tanh extends Plain {
  override forward(x: Variable): Variable {
    return F.tanh(x);
  }
}
/** log(sigmoid(x)). @example new nn.LogSigmoid() */
export class LogSigmoid extends Plain {
  override forward(x: Variable): Variable {
    return F.logsigmoid(x);
  }
}
/** x / (1 + |x|). @example new nn.Softsign() */
export class Softsign extends Plain {
  override forward(x: Variable): Variable {
    return F.softsign(x);
  }
}
/** x - tanh(x). @example new nn.Tanhshrink() */
export class Tanhshrink extends Plain {
  override forward(x: Variable): Variable {
    return F.tanhshrink(x);
  }
}

/** log(1 + e^(beta·x)) / beta. @example new nn.Softplus(2, 10) */
export class Softplus extends Module {
  readonly beta: number;
  readonly threshold: number;
  constructor(...args: [beta?: number, threshold?: number] | [{ beta?: number; threshold?: number }]) {
    super();
    ({ beta: this.beta, threshold: this.threshold } = signature('Softplus', args, { beta: 1, threshold: 20 }));
  }
  override forward(x: Variable): Variable {
    return F.softplus(x, this.beta, this.threshold);
  }
  override extraRepr(): string {
    return `beta=${this.beta}, threshold=${this.threshold}`;
  }
}

/** Soft shrinkage by lambd. @example new nn.Softshrink(0.5) */
export class Softshrink extends Module {
  readonly lambd: number;
  constructor(...args: [lambd?: number] | [{ lambd?: number }]) {
    super();
    ({ lambd: this.lambd } = signature('Softshrink', args, { lambd: 0.5 }));
  }
  override forward(x: Variable): Variable {
    return F.softshrink(x, this.lambd);
  }
  override extraRepr(): string {
    return `${this.lambd}`;
  }
}

/** Hard shrinkage by lambd. @example new nn.Hardshrink(0.5) */
export class Hardshrink extends Module {
  readonly lambd: number;
  constructor(...args: [lambd?: number] | [{ lambd?: number }]) {
    super();
    ({ lambd: this.lambd } = signature('Hardshrink', args, { lambd: 0.5 }));
  }
  override forward(x: Variable): Variable {
    return F.hardshrink(x, this.lambd);
  }
  override extraRepr(): string {
    return `${this.lambd}`;
  }
}

abstract class DimActivation extends Module {
  readonly dim: number | null;
  constructor(args: unknown[]) {
    super();
    ({ dim: this.dim } = signature(new.target.name, args, { dim: null as number | null }));
  }
  override extraRepr(): string {
    return `dim=${this.dim === null ? 'null' : this.dim}`;
  }
}
/** softmax along dim. @example new nn.Softmax(1) */
export class Softmax extends DimActivation {
  constructor(...args: [dim?: number | null] | [{ dim?: number | null }]) {
    super(args);
  }
  override forward(x: Variable): Variable {
    return F.softmax(x, this.dim);
  }
}
/** softmax(-x) along dim. @example new nn.Softmin(1) */
export class Softmin extends DimActivation {
  constructor(...args: [dim?: number | null] | [{ dim?: number | null }]) {
    super(args);
  }
  override forward(x: Variable): Variable {
    return F.softmin(x, this.dim);
  }
}
/** log(softmax) along dim. @example new nn.LogSoftmax(1) */
export class LogSoftmax extends DimActivation {
  constructor(...args: [dim?: number | null] | [{ dim?: number | null }]) {
    super(args);
  }
  override forward(x: Variable): Variable {
    return F.logSoftmax(x, this.dim);
  }
}
/** softmax over the channels of each location of a [N, C, H, W] or [C, H, W] input. @example new nn.Softmax2d() */
export class Softmax2d extends Plain {
  override forward(x: Variable): Variable {
    checkRank('Softmax2d', x.shape, [3, 4]);
    return F.softmax(x, -3);
  }
}

/** x·Φ(x), exactly (erf) or with approximate: 'tanh'. @example new nn.GELU(); new nn.GELU({ approximate: 'tanh' }) */
export class GELU extends Module {
  readonly approximate: 'none' | 'tanh';
  constructor(...args: [approximate?: 'none' | 'tanh'] | [{ approximate?: 'none' | 'tanh' }]) {
    super();
    ({ approximate: this.approximate } = signature('GELU', args, { approximate: 'none' as 'none' | 'tanh' }));
  }
  override forward(x: Variable): Variable {
    return F.gelu(x, { approximate: this.approximate });
  }
  override extraRepr(): string {
    return `approximate='${this.approximate}'`;
  }
}
