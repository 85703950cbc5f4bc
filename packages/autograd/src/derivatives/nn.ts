/**
 * Derivatives of the nn layer ops (core's ops/nn): convolution (plain and transposed), max/avg/adaptive
 * pooling, max unpooling and batch norm. Their backward passes are the native gradInput /
 * accGradParameters kernels, so the gradients are constants (no double backward, as the assignment of
 * these layers allows); each entry is a function of its arguments, reached through the Variable
 * functions in nn-functions.ts.
 */
import {
  adaptiveAvgPool, adaptiveAvgPoolBackward, adaptiveMaxPoolWithIndices, avgPoolBackward, batchNormBackward, batchNormWithStats, convolutionBackward,
  convParams, conv1d, fractionalMaxPool2dWithIndices, conv2d, conv3d, convTranspose1d, convTranspose2d, convTranspose3d, maxPoolBackward, maxPoolWithIndices, maxUnpool,
  maxUnpoolBackward, avgPool1d, avgPool2d, avgPool3d, type Tensor,
} from '@torch/core';
import type { Ctx, Derivative } from '../record';
import { Variable } from '../variable';
import { needs } from './helpers';

const data = (a: unknown): Tensor => (a instanceof Variable ? a.data : (a as Tensor));
const constant = (t: Tensor | null): Variable | null => (t === null ? null : new Variable(t));

const CONV = [conv1d, conv2d, conv3d] as const;
const CONV_T = [convTranspose1d, convTranspose2d, convTranspose3d] as const;
const AVG = [avgPool1d, avgPool2d, avgPool3d] as const;

/** args: input, weight, bias, nd, options, transposed. */
function convForward(x: Tensor, w: Tensor, b: Tensor | null, nd: 1 | 2 | 3, options: object | undefined, transposed: boolean): Tensor {
  return (transposed ? CONV_T : CONV)[nd - 1]!(x, w, b, options);
}

function convBackward(g: Variable, ctx: Ctx): (Variable | null)[] {
  const [xa, wa, , nd, options, transposed] = ctx.args as [unknown, unknown, unknown, 1 | 2 | 3, object | undefined, boolean];
  const name = `${transposed ? 'convTranspose' : 'conv'}${nd}d`;
  const p = convParams(name, nd, options, transposed);
  let x = data(xa), gy = g.data;
  const unbatched = x.dim() === nd + 1;
  if (unbatched) x = x.unsqueeze(0), gy = gy.unsqueeze(0);
  const [gx, gw, gb] = convolutionBackward(x, gy, data(wa), p, transposed, [needs(ctx, 0), needs(ctx, 1), needs(ctx, 2)]);
  return [constant(gx && unbatched ? gx.squeeze(0) : gx), constant(gw), constant(gb)];
}

export const nnDerivatives: Derivative[] = [
  { name: 'convolution', isFunction: true, saves: [0, 1], forward: convForward, backward: convBackward },
  {
    name: 'maxPoolWithIndices',
    nodeName: 'MaxPoolWithIndicesBackward',
    isFunction: true,
    multiOutput: true,
    saves: [0, 'result'],
    // args: input, nd, kernelSize, options
    forward: (x: Tensor, nd: number, k: number | number[], o: object | undefined) => maxPoolWithIndices(`maxPool${nd}d`, nd, x, k, o),
    backward: (grads: Variable[], ctx: Ctx) => {
      const idx = (ctx.result as Variable[])[1]!.data;
      return [constant(maxPoolBackward(ctx.args[1] as number, data(ctx.args[0]), grads[0]!.data, idx))];
    },
  },
  {
    name: 'avgPool',
    isFunction: true,
    // args: input, nd, kernelSize, options
    forward: (x: Tensor, nd: 1 | 2 | 3, k: number | number[], o: object | undefined) => AVG[nd - 1]!(x, k, o),
    backward: (g: Variable, ctx: Ctx) => {
      const nd = ctx.args[1] as number;
      return [constant(avgPoolBackward(`avgPool${nd}d`, nd, data(ctx.args[0]), g.data, ctx.args[2] as number[], ctx.args[3] as object | undefined))];
    },
  },
  {
    name: 'adaptiveAvgPool',
    isFunction: true,
    // args: input, nd, outputSize
    forward: (x: Tensor, nd: number, size: number | number[]) => adaptiveAvgPool(`adaptiveAvgPool${nd}d`, nd, x, size),
    backward: (g: Variable, ctx: Ctx) => [constant(adaptiveAvgPoolBackward(ctx.args[1] as number, data(ctx.args[0]), g.data))],
  },
  {
    name: 'adaptiveMaxPoolWithIndices',
    nodeName: 'AdaptiveMaxPoolBackward',
    isFunction: true,
    multiOutput: true,
    saves: ['result'],
    forward: (x: Tensor, nd: number, size: number | number[]) => adaptiveMaxPoolWithIndices(`adaptiveMaxPool${nd}d`, nd, x, size),
    backward: (grads: Variable[], ctx: Ctx) => {
      const idx = (ctx.result as Variable[])[1]!.data;
      return [constant(maxPoolBackward(ctx.args[1] as number, data(ctx.args[0]), grads[0]!.data, idx))];
    },
  },
  {
    name: 'fractionalMaxPool2dWithIndices',
    nodeName: 'FractionalMaxPool2dBackward',
    isFunction: true,
    multiOutput: true,
    saves: [0, 'result'],
    // args: input, kernelSize, options (its _randomSamples a Tensor)
    forward: (x: Tensor, k: number | number[], o: object | undefined) => fractionalMaxPool2dWithIndices('fractionalMaxPool2d', x, k, o),
    backward: (grads: Variable[], ctx: Ctx) => {
      const idx = (ctx.result as Variable[])[1]!.data;
      return [constant(maxPoolBackward(2, data(ctx.args[0]), grads[0]!.data, idx))];
    },
  },
  {
    name: 'maxUnpool',
    isFunction: true,
    saves: [1],
    // args: input, indices, nd, kernelSize, options
    forward: (x: Tensor, idx: Tensor, nd: number, k: number | number[], o: object | undefined) => maxUnpool(`maxUnpool${nd}d`, nd, x, idx, k, o as never),
    backward: (g: Variable, ctx: Ctx) => [constant(maxUnpoolBackward(ctx.args[2] as number, data(ctx.args[0]), data(ctx.args[1]), g.data))],
  },
  {
    name: 'batchNorm',
    isFunction: true,
    multiOutput: true,
    saves: [0, 3, 'result'],
    // args: input, runningMean, runningVar, weight, bias, training, momentum, eps
    forward: (x: Tensor, rm: Tensor | null, rv: Tensor | null, w: Tensor | null, b: Tensor | null, training: boolean, momentum: number, eps: number) =>
      batchNormWithStats(x, rm, rv, w, b, training, momentum, eps),
    backward: (grads: Variable[], ctx: Ctx) => {
      const [, mean, invstd] = ctx.result as Variable[];
      const w = ctx.args[3] === null || ctx.args[3] === undefined ? null : data(ctx.args[3]);
      const [gx, gw, gb] = batchNormBackward(data(ctx.args[0]), grads[0]!.data, w, mean!.data, invstd!.data, ctx.args[5] as boolean, [needs(ctx, 0), needs(ctx, 3), needs(ctx, 4)]);
      return [constant(gx), null, null, constant(gw), constant(gb)];
    },
  },
];
