// Linear, Bilinear, Identity.
import { empty, TorchTypeError, type DType } from '@torch/core';
import { Variable } from '@torch/autograd';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { checkLinear, linearUnchecked, bilinear } from '../functional/linear';
import { checkOptions, checkArity, positiveInt } from '../utils/args';
import { kaimingUniform_, uniform_ } from '../init';

/** Options of Linear and Bilinear. */
export interface LinearOptions {
  /** Learn an additive bias (default true). */
  bias?: boolean;
  /** dtype of the parameters (default: the default dtype). */
  dtype?: DType;
}

/**
 * y = x Wᵀ + b. weight [outFeatures, inFeatures] and bias [outFeatures] start at U(-1/√in, 1/√in) (PyTorch's init).
 * @example
 * const fc = new nn.Linear(784, 256);
 * fc.forward(x);                  // x [N, 784] -> [N, 256]; any leading dims
 * new nn.Linear(4, 2, { bias: false }).bias // null
 */
export class Linear extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;
  weight: Parameter;
  bias: Parameter | null;

  constructor(inFeatures: number, outFeatures: number, options?: LinearOptions) {
    super();
    checkArity('Linear', arguments.length, 3);
    const o = checkOptions('Linear', options, ['bias', 'dtype']);
    this.inFeatures = positiveInt('Linear', 'inFeatures', inFeatures, true);
    this.outFeatures = positiveInt('Linear', 'outFeatures', outFeatures, true);
    const dt = o.dtype === undefined ? {} : { dtype: o.dtype };
    this.weight = new Parameter(empty([outFeatures, inFeatures], dt));
    this.bias = o.bias === false ? null : new Parameter(empty([outFeatures], dt));
    this.resetParameters();
  }

  /** Re-draws weight and bias from PyTorch's default distribution. @example fc.resetParameters() */
  resetParameters(): void {
    kaimingUniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias !== null) {
      const bound = this.inFeatures > 0 ? 1 / Math.sqrt(this.inFeatures) : 0;
      uniform_(this.bias, -bound, bound);
    }
  }

  override forward(input: Variable): Variable {
    checkLinear('Linear', input, this.weight, this.bias);
    return linearUnchecked(input, this.weight, this.bias);
  }

  override extraRepr(): string {
    return `inFeatures=${this.inFeatures}, outFeatures=${this.outFeatures}, bias=${this.bias !== null}`;
  }
}

/**
 * y = x1ᵀ W x2 + b with weight [out, in1, in2].
 * @example new nn.Bilinear(20, 30, 40).forward(x1, x2) // [N, 20], [N, 30] -> [N, 40]
 */
export class Bilinear extends Module {
  readonly in1Features: number;
  readonly in2Features: number;
  readonly outFeatures: number;
  weight: Parameter;
  bias: Parameter | null;

  constructor(in1Features: number, in2Features: number, outFeatures: number, options?: LinearOptions) {
    super();
    checkArity('Bilinear', arguments.length, 4);
    const o = checkOptions('Bilinear', options, ['bias', 'dtype']);
    this.in1Features = positiveInt('Bilinear', 'in1Features', in1Features);
    this.in2Features = positiveInt('Bilinear', 'in2Features', in2Features);
    this.outFeatures = positiveInt('Bilinear', 'outFeatures', outFeatures);
    const dt = o.dtype === undefined ? {} : { dtype: o.dtype };
    this.weight = new Parameter(empty([outFeatures, in1Features, in2Features], dt));
    this.bias = o.bias === false ? null : new Parameter(empty([outFeatures], dt));
    const bound = 1 / Math.sqrt(in1Features);
    uniform_(this.weight, -bound, bound);
    if (this.bias) uniform_(this.bias, -bound, bound);
  }

  override forward(input1: Variable, input2: Variable): Variable {
    return bilinear(input1, input2, this.weight, this.bias);
  }

  override extraRepr(): string {
    return `in1Features=${this.in1Features}, in2Features=${this.in2Features}, outFeatures=${this.outFeatures}, bias=${this.bias !== null}`;
  }
}

/**
 * Returns its input (a placeholder that keeps a model's structure, e.g. when a layer is removed).
 * @example new nn.Identity().forward(x) === x
 */
export class Identity extends Module {
  constructor(..._args: unknown[]) {
    super();
  }
  override forward(input: Variable): Variable {
    if (!(input instanceof Variable)) throw new TorchTypeError(`Identity: input must be a Variable, got ${typeof input}`);
    return input;
  }
}
