// Loss modules: each keeps its options (PyTorch's keyword arguments, in one options object) and calls
// nn.functional. forward(input, target) returns the loss Variable.
import { Tensor } from '@torch/core';
import { Variable } from '@torch/autograd';
import { Module } from '../module';
import * as F from '../functional/loss';
import { checkArity, checkOptions } from '../utils/args';

type Fn2<O> = (input: Variable, target: Variable | Tensor, options?: O) => Variable;
type Fn3<O> = (a: Variable, b: Variable, target: Variable | Tensor, options?: O) => Variable;

/** Base of the losses: options checked once, kept for forward and printing. */
abstract class Loss<O extends object> extends Module {
  readonly options: O;
  constructor(name: string, options: O | undefined, allowed: readonly string[], nargs: number) {
    super();
    checkArity(name, nargs, 1);
    this.options = checkOptions(name, options, allowed) as O;
    // Weights given as Tensors are buffers (saved, converted by double()), as PyTorch's.
    for (const k of ['weight', 'posWeight']) {
      const w = (this.options as Record<string, unknown>)[k];
      if (w instanceof Tensor) this.registerBuffer(k, w);
    }
  }
  /** The options with the weight buffers' current tensors. @internal */
  _opts(): O {
    const self = this as unknown as Record<string, unknown>;
    const o: Record<string, unknown> = { ...(this.options as object) };
    for (const k of ['weight', 'posWeight']) if (self[k] instanceof Tensor) o[k] = self[k];
    return o as unknown as O;
  }
  /** `reduction` (default 'mean'). @example new nn.MSELoss().reduction // 'mean' */
  get reduction(): string {
    return (this.options as { reduction?: string }).reduction ?? 'mean';
  }
  override extraRepr(): string {
    return Object.entries(this.options).filter(([k]) => k !== 'weight' && k !== 'posWeight').map(([k, v]) => `${k}=${typeof v === 'string' ? `'${v}'` : String(v)}`).join(', ');
  }
}

/** A loss of (input, target). */
abstract class Loss2<O extends object> extends Loss<O> {
  constructor(name: string, options: O | undefined, allowed: readonly string[], nargs: number, private readonly fn: Fn2<O>) {
    super(name, options, allowed, nargs);
  }
  override forward(input: Variable, target: Variable | Tensor): Variable {
    return this.fn(input, target, this._opts());
  }
}

/** A loss of (input1, input2, target). */
abstract class Loss3<O extends object> extends Loss<O> {
  constructor(name: string, options: O | undefined, allowed: readonly string[], nargs: number, private readonly fn: Fn3<O>) {
    super(name, options, allowed, nargs);
  }
  override forward(input1: Variable, input2: Variable, target: Variable | Tensor): Variable {
    return this.fn(input1, input2, target, this._opts());
  }
}

const R = ['reduction'] as const;
const RW = ['reduction', 'weight'] as const;
const RM = ['reduction', 'margin'] as const;

/** Mean absolute error. @example new nn.L1Loss().forward(pred, target) */
export class L1Loss extends Loss2<F.ReductionOptions> {
  constructor(options?: F.ReductionOptions) {
    super('L1Loss', options, R, arguments.length, F.l1Loss);
  }
}
/** Mean squared error. @example new nn.MSELoss({ reduction: 'sum' }).forward(pred, target) */
export class MSELoss extends Loss2<F.ReductionOptions> {
  constructor(options?: F.ReductionOptions) {
    super('MSELoss', options, R, arguments.length, F.mseLoss);
  }
}
/** Huber-like smooth L1. @example new nn.SmoothL1Loss({ beta: 0.5 }) */
export class SmoothL1Loss extends Loss2<F.ReductionOptions & { beta?: number }> {
  constructor(options?: F.ReductionOptions & { beta?: number }) {
    super('SmoothL1Loss', options, ['reduction', 'beta'], arguments.length, F.smoothL1Loss);
  }
}
/** Two-class logistic loss on labels ±1. @example new nn.SoftMarginLoss() */
export class SoftMarginLoss extends Loss2<F.ReductionOptions> {
  constructor(options?: F.ReductionOptions) {
    super('SoftMarginLoss', options, R, arguments.length, F.softMarginLoss);
  }
}
/** Binary cross entropy of probabilities. @example new nn.BCELoss().forward(torch.sigmoid(z), y) */
export class BCELoss extends Loss2<F.WeightOptions> {
  constructor(options?: F.WeightOptions) {
    super('BCELoss', options, RW, arguments.length, F.binaryCrossEntropy);
  }
}
/** Binary cross entropy on logits (stable). @example new nn.BCEWithLogitsLoss({ posWeight }) */
export class BCEWithLogitsLoss extends Loss2<F.WeightOptions & { posWeight?: Tensor | Variable | null }> {
  constructor(options?: F.WeightOptions & { posWeight?: Tensor | Variable | null }) {
    super('BCEWithLogitsLoss', options, ['reduction', 'weight', 'posWeight'], arguments.length, F.binaryCrossEntropyWithLogits);
  }
}
/** Negative log likelihood of class indices (input: log-probabilities). @example new nn.NLLLoss({ ignoreIndex: 0 }) */
export class NLLLoss extends Loss2<F.NLLOptions> {
  constructor(options?: F.NLLOptions) {
    super('NLLLoss', options, ['reduction', 'weight', 'ignoreIndex'], arguments.length, F.nllLoss);
  }
}
/** Cross entropy on logits: logSoftmax + NLL, or class probabilities. @example new nn.CrossEntropyLoss().forward(logits, labels) */
export class CrossEntropyLoss extends Loss2<F.NLLOptions & { labelSmoothing?: number }> {
  constructor(options?: F.NLLOptions & { labelSmoothing?: number }) {
    super('CrossEntropyLoss', options, ['reduction', 'weight', 'ignoreIndex', 'labelSmoothing'], arguments.length, F.crossEntropy);
  }
}
/** KL divergence (input: log-probabilities). @example new nn.KLDivLoss({ reduction: 'batchmean' }) */
export class KLDivLoss extends Loss2<{ reduction?: F.Reduction | 'batchmean'; logTarget?: boolean }> {
  constructor(options?: { reduction?: F.Reduction | 'batchmean'; logTarget?: boolean }) {
    super('KLDivLoss', options, ['reduction', 'logTarget'], arguments.length, F.klDiv);
  }
}
/** Poisson negative log likelihood. @example new nn.PoissonNLLLoss({ logInput: true, full: false }) */
export class PoissonNLLLoss extends Loss2<F.ReductionOptions & { logInput?: boolean; full?: boolean; eps?: number }> {
  constructor(options?: F.ReductionOptions & { logInput?: boolean; full?: boolean; eps?: number }) {
    super('PoissonNLLLoss', options, ['reduction', 'logInput', 'full', 'eps'], arguments.length, F.poissonNllLoss);
  }
}
/** Hinge on x (y = 1) and margin - x (y = -1). @example new nn.HingeEmbeddingLoss({ margin: 2 }) */
export class HingeEmbeddingLoss extends Loss2<F.MarginOptions> {
  constructor(options?: F.MarginOptions) {
    super('HingeEmbeddingLoss', options, RM, arguments.length, F.hingeEmbeddingLoss);
  }
}
/** Multi-label hinge loss on index targets. @example new nn.MultiLabelMarginLoss() */
export class MultiLabelMarginLoss extends Loss2<F.ReductionOptions> {
  constructor(options?: F.ReductionOptions) {
    super('MultiLabelMarginLoss', options, R, arguments.length, F.multilabelMarginLoss);
  }
}
/** Multi-label one-versus-all logistic loss. @example new nn.MultiLabelSoftMarginLoss() */
export class MultiLabelSoftMarginLoss extends Loss2<F.WeightOptions> {
  constructor(options?: F.WeightOptions) {
    super('MultiLabelSoftMarginLoss', options, RW, arguments.length, F.multilabelSoftMarginLoss);
  }
}
/** Multi-class hinge loss. @example new nn.MultiMarginLoss({ p: 1, margin: 1 }) */
export class MultiMarginLoss extends Loss2<F.WeightOptions & { p?: 1 | 2; margin?: number }> {
  constructor(options?: F.WeightOptions & { p?: 1 | 2; margin?: number }) {
    super('MultiMarginLoss', options, ['reduction', 'weight', 'p', 'margin'], arguments.length, F.multiMarginLoss);
  }
}
/** Ranking hinge of two inputs. @example new nn.MarginRankingLoss({ margin: 0.1 }).forward(s1, s2, y) */
export class MarginRankingLoss extends Loss3<F.MarginOptions> {
  constructor(options?: F.MarginOptions) {
    super('MarginRankingLoss', options, RM, arguments.length, F.marginRankingLoss);
  }
}
/** Cosine embedding loss. @example new nn.CosineEmbeddingLoss().forward(a, b, y) */
export class CosineEmbeddingLoss extends Loss3<F.MarginOptions> {
  constructor(options?: F.MarginOptions) {
    super('CosineEmbeddingLoss', options, RM, arguments.length, F.cosineEmbeddingLoss);
  }
}
/** Triplet loss with p-norm distances. @example new nn.TripletMarginLoss({ margin: 1, p: 2 }).forward(a, p, n) */
export class TripletMarginLoss extends Loss3<F.MarginOptions & { p?: number; eps?: number; swap?: boolean }> {
  constructor(options?: F.MarginOptions & { p?: number; eps?: number; swap?: boolean }) {
    super('TripletMarginLoss', options, ['reduction', 'margin', 'p', 'eps', 'swap'], arguments.length, F.tripletMarginLoss);
  }
}
