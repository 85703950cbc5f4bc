/**
 * Torch7's criterion protocol: `updateOutput(input, target)` gives the loss (a number, also `output`),
 * `updateGradInput(input, target)` its gradient with respect to the input (`gradInput`, reused).
 */
import { empty, type Tensor } from '@torch/core';
import type { Activity } from './module';
import { moduleToT7 } from './t7/fields';

/**
 * The base of every legacy criterion (Torch7's `nn.Criterion`).
 * @example
 * const crit = new torch.legacy.nn.MSECriterion();
 * const loss = crit.forward(prediction, target);     // a number
 * const grad = crit.backward(prediction, target);    // ∂loss/∂prediction
 */
export abstract class Criterion {
  /** The last loss. */
  output = 0;
  /** The last gradient with respect to the input, reused across calls. */
  gradInput: Activity = empty(0);

  /** Torch7's class name. @example new nn.MSECriterion().typename // 'nn.MSECriterion' */
  get typename(): string {
    return `nn.${this.constructor.name}`;
  }

  /** The loss. @example crit.updateOutput(x, t) */
  abstract updateOutput(input: Activity, target: Activity | number): number;
  /** ∂loss/∂input. @example crit.updateGradInput(x, t) */
  abstract updateGradInput(input: Activity, target: Activity | number): Activity;

  /** updateOutput. @example const loss = crit.forward(x, t) */
  forward(input: Activity, target: Activity | number): number {
    return this.updateOutput(input, target);
  }

  /** updateGradInput. @example const g = crit.backward(x, t) */
  backward(input: Activity, target: Activity | number): Activity {
    return this.updateGradInput(input, target);
  }

  /** Criteria hold no tensors to convert but their buffers; kept for Torch7's API. @example crit.float() */
  type(_to?: unknown): this {
    return this;
  }

  /** @example crit.float() */
  float(): this {
    return this.type();
  }

  /** @example crit.double() */
  double(): this {
    return this.type();
  }

  /** The Torch7 class name and fields `torch.legacy.save` writes. @example torch.legacy.save('crit.t7', crit) */
  toT7(): { typename: string; fields: Record<string, unknown> } {
    return moduleToT7(this);
  }

  /** @example String(crit) // 'nn.MSECriterion' */
  toString(): string {
    return this.typename;
  }
}

/** @internal The number of elements a loss is averaged over. */
export const averageOver = (x: Tensor, sizeAverage: boolean): number => (sizeAverage ? x.numel() : 1);
