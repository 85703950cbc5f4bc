/** ReduceLROnPlateau: lowers the lr when a metric stops improving. */
import { TorchTypeError } from '@torch/core';
import type { Optimizer } from '../optimizer';
import { checkKeys, checkNumber, checkOptionsObject, describe } from '../options';
import { checkOptimizer, type SchedulerGroup } from './scheduler';

/** ReduceLROnPlateau options. */
export interface ReduceLROnPlateauOptions {
  /** 'min': the metric should fall (a loss); 'max': rise (an accuracy). Default 'min'. */
  mode?: 'min' | 'max';
  /** new lr = lr × factor (must be < 1). Default 0.1. */
  factor?: number;
  /** Epochs without improvement tolerated before the lr drops. Default 10. */
  patience?: number;
  /** What counts as an improvement (relative or absolute, see thresholdMode). Default 1e-4. */
  threshold?: number;
  /** 'rel': better than best × (1 ∓ threshold); 'abs': better than best ∓ threshold. Default 'rel'. */
  thresholdMode?: 'rel' | 'abs';
  /** Epochs to wait after a drop before counting bad epochs again. Default 0. */
  cooldown?: number;
  /** The lowest lr, one for all groups or one per group. Default 0. */
  minLr?: number | readonly number[];
  /** Drops smaller than this are skipped. Default 1e-8. */
  eps?: number;
}

/**
 * Multiplies every group's lr by factor once the metric passed to step() has not improved for
 * `patience` epochs.
 * @example
 * const s = new optim.lrScheduler.ReduceLROnPlateau(opt, { mode: 'min', patience: 5 });
 * for (let e = 0; e < 100; e++) { train(); s.step(validationLoss()); }
 */
export class ReduceLROnPlateau {
  readonly optimizer: Optimizer<object>;
  mode: 'min' | 'max';
  factor: number;
  patience: number;
  threshold: number;
  thresholdMode: 'rel' | 'abs';
  cooldown: number;
  minLrs: number[];
  eps: number;
  /** The best metric seen. */
  best: number;
  /** Consecutive epochs without improvement. */
  numBadEpochs = 0;
  /** Epochs of cooldown left. */
  cooldownCounter = 0;
  lastEpoch = 0;
  private _lastLr: number[];

  constructor(optimizer: Optimizer<object>, options?: ReduceLROnPlateauOptions) {
    const owner = 'ReduceLROnPlateau';
    checkOptimizer(owner, optimizer);
    checkOptionsObject(owner, options);
    if (options !== undefined) checkKeys(owner, options, ['mode', 'factor', 'patience', 'threshold', 'thresholdMode', 'cooldown', 'minLr', 'eps']);
    const o = options ?? {};
    this.optimizer = optimizer;
    this.factor = o.factor ?? 0.1;
    checkNumber(owner, 'factor', this.factor);
    if (this.factor >= 1) throw new RangeError(`${owner}: factor should be < 1.0, got ${this.factor}`);
    const n = optimizer.paramGroups.length;
    const minLr = o.minLr ?? 0;
    if (Array.isArray(minLr)) {
      if (minLr.length !== n) throw new RangeError(`${owner}: expected ${n} minLrs, got ${minLr.length}`);
      this.minLrs = [...minLr];
    } else {
      checkNumber(owner, 'minLr', minLr);
      this.minLrs = new Array(n).fill(minLr);
    }
    this.mode = o.mode ?? 'min';
    this.thresholdMode = o.thresholdMode ?? 'rel';
    if (this.mode !== 'min' && this.mode !== 'max') throw new TorchTypeError(`${owner}: mode ${describe(this.mode)} is unknown; use 'min' or 'max'`);
    if (this.thresholdMode !== 'rel' && this.thresholdMode !== 'abs')
      throw new TorchTypeError(`${owner}: thresholdMode ${describe(this.thresholdMode)} is unknown; use 'rel' or 'abs'`);
    this.patience = o.patience ?? 10;
    this.threshold = o.threshold ?? 1e-4;
    this.cooldown = o.cooldown ?? 0;
    this.eps = o.eps ?? 1e-8;
    for (const k of ['patience', 'threshold', 'cooldown', 'eps'] as const) checkNumber(owner, k, this[k]);
    this.best = this.mode === 'min' ? Infinity : -Infinity;
    this._lastLr = this._groups().map((g) => g.lr);
  }

  private _groups(): SchedulerGroup[] {
    return this.optimizer.paramGroups as SchedulerGroup[];
  }

  /**
   * True when `a` improves on the best metric by more than the threshold (in the scheduler's mode).
   * @example s.isBetter(0.5, s.best)
   */
  isBetter(a: number, best: number): boolean {
    const { mode, thresholdMode: tm, threshold } = this;
    if (mode === 'min') return tm === 'rel' ? a < best * (1 - threshold) : a < best - threshold;
    return tm === 'rel' ? a > best * (threshold + 1) : a > best + threshold;
  }

  /**
   * Records one epoch's metric (a number, or a one-element Variable/Tensor) and lowers the lr when due.
   * @example s.step(valLoss);
   */
  step(metric: number | { item(): number }): void {
    const current = typeof metric === 'number' ? metric : metric !== null && typeof metric === 'object' && typeof metric.item === 'function' ? metric.item() : NaN;
    if (typeof metric !== 'number' && Number.isNaN(current)) throw new TorchTypeError(`ReduceLROnPlateau.step: metric must be a number or a one-element tensor, got ${describe(metric)}`);
    this.lastEpoch++;
    if (this.isBetter(current, this.best)) {
      this.best = current;
      this.numBadEpochs = 0;
    } else this.numBadEpochs++;
    if (this.cooldownCounter > 0) {
      this.cooldownCounter--;
      this.numBadEpochs = 0;
    }
    if (this.numBadEpochs > this.patience) {
      this._groups().forEach((g, i) => {
        const next = Math.max(g.lr * this.factor, this.minLrs[i]!);
        if (g.lr - next > this.eps) g.lr = next;
      });
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
    this._lastLr = this._groups().map((g) => g.lr);
  }

  /**
   * The lrs after the last step, one per group.
   * @example s.getLastLr()
   */
  getLastLr(): number[] {
    return [...this._lastLr];
  }

  /**
   * The counters, for checkpoints.
   * @example const saved = s.stateDict();
   */
  stateDict(): Record<string, unknown> {
    const { optimizer: _, ...rest } = this as unknown as Record<string, unknown>;
    return { ...rest, minLrs: [...this.minLrs] };
  }

  /**
   * Restores counters saved by stateDict.
   * @example s.loadStateDict(saved);
   */
  loadStateDict(state: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(state)) {
      if (!(k in this) || k === 'optimizer') throw new TorchTypeError(`ReduceLROnPlateau.loadStateDict: unknown key '${k}'`);
      (this as Record<string, unknown>)[k] = Array.isArray(v) ? [...v] : v;
    }
  }
}
