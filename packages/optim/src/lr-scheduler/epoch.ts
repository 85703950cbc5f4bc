/** Schedulers that are a function of the epoch: LambdaLR, StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR. */
import { TorchTypeError } from '@torch/core';
import type { Optimizer } from '../optimizer';
import { checkKeys, checkNumber, checkOptionsObject, describe } from '../options';
import { LRScheduler, type LastEpochOptions } from './scheduler';

function opts<T extends object>(owner: string, options: T | undefined, keys: readonly string[]): T {
  checkOptionsObject(owner, options);
  if (options !== undefined) checkKeys(owner, options, keys);
  return (options ?? {}) as T;
}

/**
 * lr = initial lr × lrLambda(epoch), one function for all groups or one per group.
 * @example
 * const s = new optim.lrScheduler.LambdaLR(opt, (epoch) => 0.95 ** epoch);
 * for (let e = 0; e < 10; e++) { train(); s.step(); }
 */
export class LambdaLR extends LRScheduler {
  /** One factor function per group. */
  lrLambdas: ((epoch: number) => number)[];

  constructor(optimizer: Optimizer<object>, lrLambda: ((epoch: number) => number) | ((epoch: number) => number)[], options?: LastEpochOptions) {
    const o = opts('LambdaLR', options, ['lastEpoch']);
    super(optimizer, o.lastEpoch ?? -1, 'LambdaLR');
    const n = optimizer.paramGroups.length;
    const list = Array.isArray(lrLambda) ? lrLambda : new Array<(e: number) => number>(n).fill(lrLambda);
    if (list.length !== n) throw new RangeError(`LambdaLR: expected ${n} lrLambdas, but got ${list.length}`);
    for (const f of list) if (typeof f !== 'function') throw new TorchTypeError(`LambdaLR: lrLambda must be a function or a list of functions, got ${describe(f)}`);
    this.lrLambdas = list;
    this._initialStep();
  }

  protected _computeLr(): number[] {
    return this.baseLrs.map((base, i) => base * this.lrLambdas[i]!(this.lastEpoch));
  }

  /**
   * The counters without the lambdas (functions are not data; the new scheduler keeps its own).
   * @example const saved = s.stateDict();
   */
  override stateDict(): Record<string, unknown> {
    const { lrLambdas: _, ...rest } = super.stateDict();
    return rest;
  }
}

/** StepLR options. */
export interface StepLROptions extends LastEpochOptions {
  /** Factor applied every stepSize epochs. Default 0.1. */
  gamma?: number;
}

/**
 * Multiplies the lr by gamma every stepSize epochs.
 * @example const s = new optim.lrScheduler.StepLR(opt, 30, { gamma: 0.1 });
 */
export class StepLR extends LRScheduler {
  stepSize: number;
  gamma: number;

  constructor(optimizer: Optimizer<object>, stepSize: number, options?: StepLROptions) {
    const o = opts('StepLR', options, ['gamma', 'lastEpoch']);
    super(optimizer, o.lastEpoch ?? -1, 'StepLR');
    checkNumber('StepLR', 'stepSize', stepSize);
    if (!Number.isInteger(stepSize) || stepSize <= 0) throw new RangeError(`StepLR: stepSize must be a positive integer, got ${stepSize}`);
    this.stepSize = stepSize;
    this.gamma = o.gamma ?? 0.1;
    checkNumber('StepLR', 'gamma', this.gamma);
    this._initialStep();
  }

  protected _computeLr(): number[] {
    const groups = this._groups();
    if (this.lastEpoch === 0 || this.lastEpoch % this.stepSize !== 0) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma);
  }
}

/**
 * Multiplies the lr by gamma at each milestone epoch (a milestone listed twice applies gamma twice).
 * @example const s = new optim.lrScheduler.MultiStepLR(opt, [30, 80], { gamma: 0.1 });
 */
export class MultiStepLR extends LRScheduler {
  /** How many times each milestone was listed. */
  milestones: Record<number, number>;
  gamma: number;

  constructor(optimizer: Optimizer<object>, milestones: readonly number[], options?: StepLROptions) {
    const o = opts('MultiStepLR', options, ['gamma', 'lastEpoch']);
    super(optimizer, o.lastEpoch ?? -1, 'MultiStepLR');
    if (!Array.isArray(milestones) || !milestones.every((m) => Number.isInteger(m)))
      throw new TorchTypeError(`MultiStepLR: milestones must be a list of integers, got ${describe(milestones)}`);
    this.milestones = {};
    for (const m of milestones) this.milestones[m] = (this.milestones[m] ?? 0) + 1;
    this.gamma = o.gamma ?? 0.1;
    checkNumber('MultiStepLR', 'gamma', this.gamma);
    this._initialStep();
  }

  protected _computeLr(): number[] {
    const count = this.milestones[this.lastEpoch];
    const groups = this._groups();
    if (count === undefined) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma ** count);
  }
}

/**
 * Multiplies the lr by gamma every epoch.
 * @example const s = new optim.lrScheduler.ExponentialLR(opt, 0.9);
 */
export class ExponentialLR extends LRScheduler {
  gamma: number;

  constructor(optimizer: Optimizer<object>, gamma: number, options?: LastEpochOptions) {
    const o = opts('ExponentialLR', options, ['lastEpoch']);
    super(optimizer, o.lastEpoch ?? -1, 'ExponentialLR');
    checkNumber('ExponentialLR', 'gamma', gamma);
    this.gamma = gamma;
    this._initialStep();
  }

  protected _computeLr(): number[] {
    const groups = this._groups();
    return this.lastEpoch === 0 ? groups.map((g) => g.lr) : groups.map((g) => g.lr * this.gamma);
  }
}

/** CosineAnnealingLR options. */
export interface CosineAnnealingLROptions extends LastEpochOptions {
  /** The lowest lr. Default 0. */
  etaMin?: number;
}

/**
 * Cosine annealing from the initial lr down to etaMin over TMax epochs, then back up (SGDR without
 * restarts), computed recursively from the current lr as PyTorch does.
 * @example const s = new optim.lrScheduler.CosineAnnealingLR(opt, 50, { etaMin: 1e-5 });
 */
export class CosineAnnealingLR extends LRScheduler {
  TMax: number;
  etaMin: number;

  constructor(optimizer: Optimizer<object>, TMax: number, options?: CosineAnnealingLROptions) {
    const o = opts('CosineAnnealingLR', options, ['etaMin', 'lastEpoch']);
    super(optimizer, o.lastEpoch ?? -1, 'CosineAnnealingLR');
    checkNumber('CosineAnnealingLR', 'TMax', TMax);
    if (TMax <= 0) throw new RangeError(`CosineAnnealingLR: TMax must be positive, got ${TMax}`);
    this.TMax = TMax;
    this.etaMin = o.etaMin ?? 0;
    checkNumber('CosineAnnealingLR', 'etaMin', this.etaMin);
    this._initialStep();
  }

  protected _computeLr(): number[] {
    const { lastEpoch: e, TMax: T, etaMin } = this;
    const groups = this._groups();
    if (e === 0) return groups.map((g) => g.lr);
    // Resumed mid-schedule: nothing to recurse from, use the closed form.
    if (this._stepCount === 1 && e > 0) return this.baseLrs.map((b) => etaMin + ((b - etaMin) * (1 + Math.cos((e * Math.PI) / T))) / 2);
    if ((e - 1 - T) % (2 * T) === 0)
      return groups.map((g, i) => g.lr + ((this.baseLrs[i]! - etaMin) * (1 - Math.cos(Math.PI / T))) / 2);
    return groups.map((g) => ((1 + Math.cos((Math.PI * e) / T)) / (1 + Math.cos((Math.PI * (e - 1)) / T))) * (g.lr - etaMin) + etaMin);
  }
}
