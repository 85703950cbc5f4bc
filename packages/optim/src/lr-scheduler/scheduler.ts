/**
 * The LRScheduler base: schedules that compute every group's lr from the epoch counter, PyTorch 1.13's
 * "chainable" form (each step derives the new lr from the group's current one where PyTorch does, so
 * values match PyTorch's to the last bit and several schedulers can be chained).
 */
import { TorchTypeError } from '@torch/core';
import type { Optimizer, ParamGroup } from '../optimizer';
import { Optimizer as OptimizerClass } from '../optimizer';
import { checkNumber, describe } from '../options';

/** A group as schedulers see it: the optimizer's group with its lr and the keys schedulers add. */
export type SchedulerGroup = ParamGroup<{ lr: number }> & { initialLr?: number };

/** Options every epoch-based scheduler takes. */
export interface LastEpochOptions {
  /** The index of the last epoch when resuming (-1 starts fresh; then every group needs `initialLr`). Default -1. */
  lastEpoch?: number;
}

/** Throws unless `optimizer` is an Optimizer. @internal */
export function checkOptimizer(owner: string, optimizer: unknown): asserts optimizer is Optimizer<object> {
  if (!(optimizer instanceof OptimizerClass)) throw new TorchTypeError(`${owner}: ${describe(optimizer)} is not an Optimizer`);
}

/**
 * Base class of the epoch-based schedulers: `step()` once per epoch, after the optimizer's steps.
 * Subclasses implement `_computeLr`, the lrs for `lastEpoch`.
 * @example
 * class Halving extends optim.lrScheduler.LRScheduler {
 *   protected _computeLr() { return this.baseLrs.map((lr) => lr / 2 ** this.lastEpoch); }
 * }
 * const s = new Halving(opt);
 */
export abstract class LRScheduler {
  /** The optimizer whose groups' lr this sets. */
  readonly optimizer: Optimizer<object>;
  /** Each group's lr when the schedule started (its `initialLr`). */
  baseLrs: number[];
  /** The epoch counter (0 after construction). */
  lastEpoch: number;
  /** How many times step() ran. @internal */
  protected _stepCount = 0;
  private _lastLr: number[] = [];
  protected readonly _owner: string;

  constructor(optimizer: Optimizer<object>, lastEpoch = -1, owner = 'LRScheduler') {
    this._owner = owner;
    checkOptimizer(owner, optimizer);
    checkNumber(owner, 'lastEpoch', lastEpoch);
    if (!Number.isInteger(lastEpoch) || lastEpoch < -1) throw new RangeError(`${owner}: lastEpoch must be an integer >= -1, got ${lastEpoch}`);
    this.optimizer = optimizer;
    const groups = this._groups();
    groups.forEach((g, i) => {
      if (lastEpoch === -1) g.initialLr ??= g.lr;
      else if (g.initialLr === undefined)
        throw new RangeError(`${owner}: param 'initialLr' is not specified in paramGroups[${i}] when resuming an optimizer (lastEpoch ${lastEpoch})`);
    });
    this.baseLrs = groups.map((g) => g.initialLr!);
    this.lastEpoch = lastEpoch;
  }

  /** Runs the first step (epoch 0); subclasses call it at the end of their constructor. @internal */
  protected _initialStep(): void {
    this._stepCount = 0;
    this.step();
  }

  /** The optimizer's groups. @internal */
  protected _groups(): SchedulerGroup[] {
    return this.optimizer.paramGroups as SchedulerGroup[];
  }

  /** The lr of every group for `lastEpoch`. @internal */
  protected abstract _computeLr(): number[];

  /**
   * Advances one epoch and sets every group's lr.
   * @example
   * for (let epoch = 0; epoch < 100; epoch++) { train(); scheduler.step(); }
   */
  step(): void {
    this._stepCount++;
    this.lastEpoch++;
    const lrs = this._computeLr();
    this._groups().forEach((g, i) => (g.lr = lrs[i]!));
    this._lastLr = this._groups().map((g) => g.lr);
  }

  /**
   * The lrs the last step set, one per group.
   * @example scheduler.getLastLr() // [0.05]
   */
  getLastLr(): number[] {
    return [...this._lastLr];
  }

  /**
   * The scheduler's counters (everything but the optimizer), for checkpoints.
   * @example const saved = scheduler.stateDict(); other.loadStateDict(saved);
   */
  stateDict(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this)) if (k !== 'optimizer' && typeof v !== 'function') out[k] = Array.isArray(v) ? [...v] : v;
    return out;
  }

  /**
   * Restores counters saved by stateDict.
   * @example scheduler.loadStateDict(saved);
   */
  loadStateDict(state: Record<string, unknown>): void {
    if (state === null || typeof state !== 'object') throw new TorchTypeError(`${this._owner}.loadStateDict: expected an object, got ${describe(state)}`);
    for (const [k, v] of Object.entries(state)) {
      if (!(k in this) || k === 'optimizer') throw new TorchTypeError(`${this._owner}.loadStateDict: unknown key '${k}'`);
      if (typeof (this as Record<string, unknown>)[k] === 'function') continue;
      (this as Record<string, unknown>)[k] = Array.isArray(v) ? [...v] : v;
    }
  }
}
