// Batch and instance normalization on the native kernel (core's ops/nn/batchnorm, recorded by autograd):
// PyTorch's F.batch_norm / F.instance_norm with the optional arguments in an options object.
import * as ag from '@torch/autograd';
import type { Tensor } from '@torch/core';
import type { Variable } from '@torch/autograd';
import { checkOptions } from '../utils/args';
import { asVar, optVar, type VarLike } from './util';

/** Options of batchNorm. */
export interface BatchNormOptions {
  /** Per-channel scale (default none). */
  weight?: VarLike | null;
  /** Per-channel shift (default none). */
  bias?: VarLike | null;
  /** Normalise with the batch's statistics and update the running ones (default false). */
  training?: boolean;
  /** Weight of the new batch in the running statistics (default 0.1). */
  momentum?: number;
  /** Added to the variance (default 1e-5). */
  eps?: number;
}

/** Options of instanceNorm. */
export interface InstanceNormOptions {
  runningMean?: Tensor | null;
  runningVar?: Tensor | null;
  weight?: VarLike | null;
  bias?: VarLike | null;
  /** Normalise with each instance's own statistics (default true); false uses the running ones. */
  useInputStats?: boolean;
  momentum?: number;
  eps?: number;
}

/**
 * Batch normalization of input [N, C, *] (running statistics are Tensors updated in place when training).
 * @example nn.functional.batchNorm(x, runningMean, runningVar, { weight: g, bias: b, training: true })
 */
export function batchNorm(input: VarLike, runningMean: Tensor | null, runningVar: Tensor | null, options?: BatchNormOptions): Variable {
  const op = 'batchNorm';
  const o = checkOptions(op, options, ['weight', 'bias', 'training', 'momentum', 'eps']);
  return ag.batchNorm(asVar(op, input), runningMean, runningVar, optVar(op, o.weight, 'weight'), optVar(op, o.bias, 'bias'), o.training ?? false, o.momentum ?? 0.1, o.eps ?? 1e-5);
}

/**
 * Instance normalization: each (sample, channel) plane normalised by its own statistics.
 * @example nn.functional.instanceNorm(x) // x [N, C, *]
 */
export function instanceNorm(input: VarLike, options?: InstanceNormOptions): Variable {
  const op = 'instanceNorm';
  const o = checkOptions(op, options, ['runningMean', 'runningVar', 'weight', 'bias', 'useInputStats', 'momentum', 'eps']);
  return ag.instanceNorm(asVar(op, input), o.runningMean ?? null, o.runningVar ?? null, optVar(op, o.weight, 'weight'), optVar(op, o.bias, 'bias'), o.useInputStats ?? true, o.momentum ?? 0.1, o.eps ?? 1e-5);
}
