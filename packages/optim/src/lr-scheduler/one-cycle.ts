/** OneCycleLR: the 1cycle policy (Smith & Topin), stepped once per batch. */
import { TorchTypeError } from '@torch/core';
import type { Optimizer } from '../optimizer';
import { checkBool, checkKeys, checkNumber, checkOptionsObject, describe } from '../options';
import { LRScheduler, checkOptimizer, type SchedulerGroup } from './scheduler';

/** OneCycleLR options. Give totalSteps, or epochs and stepsPerEpoch. */
export interface OneCycleLROptions {
  /** Steps in the whole cycle. */
  totalSteps?: number;
  /** Epochs (with stepsPerEpoch) when totalSteps is not given. */
  epochs?: number;
  /** Steps per epoch (with epochs). */
  stepsPerEpoch?: number;
  /** Fraction of the cycle spent raising the lr. Default 0.3. */
  pctStart?: number;
  /** 'cos' or 'linear' annealing. Default 'cos'. */
  annealStrategy?: 'cos' | 'linear';
  /** Cycle momentum (or Adam's beta1) inversely to the lr. Default true. */
  cycleMomentum?: boolean;
  /** Lowest momentum, one value or one per group. Default 0.85. */
  baseMomentum?: number | readonly number[];
  /** Highest momentum, one value or one per group. Default 0.95. */
  maxMomentum?: number | readonly number[];
  /** initial lr = maxLr / divFactor. Default 25. */
  divFactor?: number;
  /** min lr = initial lr / finalDivFactor. Default 1e4. */
  finalDivFactor?: number;
  /** Three phases (up, back down to the initial lr, then annihilation) instead of two. Default false. */
  threePhase?: boolean;
  /** The index of the last step when resuming. Default -1. */
  lastEpoch?: number;
}

interface Phase {
  endStep: number;
  startLr: 'initialLr' | 'maxLr' | 'minLr';
  endLr: 'initialLr' | 'maxLr' | 'minLr';
  startMomentum: 'maxMomentum' | 'baseMomentum';
  endMomentum: 'maxMomentum' | 'baseMomentum';
}

type CycleGroup = SchedulerGroup & { maxLr: number; minLr: number; maxMomentum: number; baseMomentum: number; momentum?: number; betas?: readonly [number, number] };

const KEYS = ['totalSteps', 'epochs', 'stepsPerEpoch', 'pctStart', 'annealStrategy', 'cycleMomentum', 'baseMomentum', 'maxMomentum', 'divFactor', 'finalDivFactor', 'threePhase', 'lastEpoch'];

function perGroup(owner: string, name: string, v: number | readonly number[], n: number): number[] {
  if (Array.isArray(v)) {
    if (v.length !== n) throw new RangeError(`${owner}: expected ${n} values for ${name}, got ${v.length}`);
    v.forEach((x) => checkNumber(owner, name, x));
    return [...v];
  }
  checkNumber(owner, name, v);
  return new Array(n).fill(v);
}

/**
 * The 1cycle policy: the lr rises from maxLr/divFactor to maxLr over pctStart of the cycle, then falls
 * to the initial lr / finalDivFactor; momentum (or beta1) moves the other way. Call step() after every
 * batch.
 * @example
 * const s = new optim.lrScheduler.OneCycleLR(opt, 0.1, { epochs: 10, stepsPerEpoch: loader.length });
 * for (const batch of loader) { trainOn(batch); opt.step(); s.step(); }
 */
export class OneCycleLR extends LRScheduler {
  totalSteps: number;
  annealStrategy: 'cos' | 'linear';
  cycleMomentum: boolean;
  useBeta1: boolean;
  private readonly _phases: Phase[];

  constructor(optimizer: Optimizer<object>, maxLr: number | readonly number[], options?: OneCycleLROptions) {
    const owner = 'OneCycleLR';
    checkOptimizer(owner, optimizer);
    checkOptionsObject(owner, options);
    if (options !== undefined) checkKeys(owner, options, KEYS);
    const o = options ?? {};
    const n = optimizer.paramGroups.length;
    let total: number;
    if (o.totalSteps !== undefined) {
      checkNumber(owner, 'totalSteps', o.totalSteps);
      if (!Number.isInteger(o.totalSteps) || o.totalSteps <= 0) throw new RangeError(`${owner}: expected a positive integer totalSteps, got ${o.totalSteps}`);
      total = o.totalSteps;
    } else if (o.epochs !== undefined && o.stepsPerEpoch !== undefined) {
      if (!Number.isInteger(o.epochs) || o.epochs <= 0) throw new RangeError(`${owner}: expected a positive integer epochs, got ${o.epochs}`);
      if (!Number.isInteger(o.stepsPerEpoch) || o.stepsPerEpoch <= 0) throw new RangeError(`${owner}: expected a positive integer stepsPerEpoch, got ${o.stepsPerEpoch}`);
      total = o.epochs * o.stepsPerEpoch;
    } else throw new TorchTypeError(`${owner}: you must define either totalSteps OR (epochs AND stepsPerEpoch)`);
    const pct = o.pctStart ?? 0.3;
    checkNumber(owner, 'pctStart', pct);
    if (pct < 0 || pct > 1) throw new RangeError(`${owner}: expected a number between 0 and 1 for pctStart, got ${pct}`);
    const anneal = o.annealStrategy ?? 'cos';
    if (anneal !== 'cos' && anneal !== 'linear') throw new TorchTypeError(`${owner}: annealStrategy must be 'cos' or 'linear', got ${describe(anneal)}`);
    const phases: Phase[] = o.threePhase
      ? [
          { endStep: pct * total - 1, startLr: 'initialLr', endLr: 'maxLr', startMomentum: 'maxMomentum', endMomentum: 'baseMomentum' },
          { endStep: 2 * pct * total - 2, startLr: 'maxLr', endLr: 'initialLr', startMomentum: 'baseMomentum', endMomentum: 'maxMomentum' },
          { endStep: total - 1, startLr: 'initialLr', endLr: 'minLr', startMomentum: 'maxMomentum', endMomentum: 'maxMomentum' },
        ]
      : [
          { endStep: pct * total - 1, startLr: 'initialLr', endLr: 'maxLr', startMomentum: 'maxMomentum', endMomentum: 'baseMomentum' },
          { endStep: total - 1, startLr: 'maxLr', endLr: 'minLr', startMomentum: 'baseMomentum', endMomentum: 'maxMomentum' },
        ];
    const lastEpoch = o.lastEpoch ?? -1;
    const maxLrs = perGroup(owner, 'maxLr', maxLr, n);
    const divFactor = o.divFactor ?? 25;
    const finalDiv = o.finalDivFactor ?? 1e4;
    checkNumber(owner, 'divFactor', divFactor);
    checkNumber(owner, 'finalDivFactor', finalDiv);
    const groups = optimizer.paramGroups as CycleGroup[];
    // Set up the groups before the base class reads initialLr from them.
    if (lastEpoch === -1)
      groups.forEach((g, i) => {
        g.initialLr = maxLrs[i]! / divFactor;
        g.maxLr = maxLrs[i]!;
        g.minLr = g.initialLr / finalDiv;
      });
    const cycle = o.cycleMomentum ?? true;
    checkBool(owner, 'cycleMomentum', cycle);
    const defaults = optimizer.defaults as Record<string, unknown>;
    const useBeta1 = 'betas' in defaults;
    if (cycle) {
      if (!('momentum' in defaults) && !useBeta1) throw new TorchTypeError(`${owner}: optimizer must support momentum or betas with cycleMomentum enabled`);
      const maxM = perGroup(owner, 'maxMomentum', o.maxMomentum ?? 0.95, n);
      const baseM = perGroup(owner, 'baseMomentum', o.baseMomentum ?? 0.85, n);
      if (lastEpoch === -1)
        groups.forEach((g, i) => {
          if (useBeta1) g.betas = [maxM[i]!, g.betas![1]];
          else g.momentum = maxM[i]!;
          g.maxMomentum = maxM[i]!;
          g.baseMomentum = baseM[i]!;
        });
    }
    super(optimizer, lastEpoch, owner);
    this.totalSteps = total;
    this.annealStrategy = anneal;
    this.cycleMomentum = cycle;
    this.useBeta1 = useBeta1;
    this._phases = phases;
    this._initialStep();
  }

  private _anneal(start: number, end: number, pct: number): number {
    return this.annealStrategy === 'cos' ? end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1) : (end - start) * pct + start;
  }

  protected _computeLr(): number[] {
    const stepNum = this.lastEpoch;
    if (stepNum > this.totalSteps)
      throw new RangeError(`OneCycleLR: tried to step ${stepNum} times; the total number of steps is ${this.totalSteps}`);
    return (this._groups() as CycleGroup[]).map((g) => {
      let start = 0;
      for (let i = 0; i < this._phases.length; i++) {
        const ph = this._phases[i]!;
        if (stepNum <= ph.endStep || i === this._phases.length - 1) {
          const pct = (stepNum - start) / (ph.endStep - start);
          const lr = this._anneal(g[ph.startLr]!, g[ph.endLr]!, pct);
          if (this.cycleMomentum) {
            const m = this._anneal(g[ph.startMomentum], g[ph.endMomentum], pct);
            if (this.useBeta1) g.betas = [m, g.betas![1]];
            else g.momentum = m;
          }
          return lr;
        }
        start = ph.endStep;
      }
      throw new Error('unreachable');
    });
  }
}
