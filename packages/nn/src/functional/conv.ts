// Convolutions (native im2col + GEMM kernels in @torch/native, wrapped by core's ops/nn and recorded by
// autograd's nn-functions): PyTorch's F.conv1d/2d/3d and F.conv_transpose1d/2d/3d with a trailing
// options object for stride, padding, dilation, groups (and outputPadding).
import * as ag from '@torch/autograd';
import type { ConvOptions, ConvTransposeOptions } from '@torch/core';
import type { Variable } from '@torch/autograd';
import { asVar, optVar, type VarLike } from './util';

type ConvFn = (x: VarLike, w: VarLike, b: VarLike | null, o?: ConvTransposeOptions) => Variable;

function conv(op: string, fn: ConvFn, input: VarLike, weight: VarLike, bias: VarLike | null | undefined, options: ConvTransposeOptions | undefined, extra: number): Variable {
  if (extra > 0) throw new TypeError(`${op}: expected at most 4 arguments (input, weight, bias, options)`);
  return fn(asVar(op, input), asVar(op, weight, 'weight'), optVar(op, bias, 'bias'), options);
}

/** 1d convolution. @example nn.functional.conv1d(x, w, b, { padding: 1 }) // x [N, Cin, L], w [Cout, Cin/groups, k] */
export function conv1d(input: VarLike, weight: VarLike, bias?: VarLike | null, options?: ConvOptions, ...rest: never[]): Variable {
  return conv('conv1d', ag.conv1d, input, weight, bias, options, rest.length);
}
/** 2d convolution. @example nn.functional.conv2d(x, w, b, { stride: 2, padding: 1 }) // x [N, Cin, H, W] */
export function conv2d(input: VarLike, weight: VarLike, bias?: VarLike | null, options?: ConvOptions, ...rest: never[]): Variable {
  return conv('conv2d', ag.conv2d, input, weight, bias, options, rest.length);
}
/** 3d convolution. @example nn.functional.conv3d(x, w) // x [N, Cin, D, H, W] */
export function conv3d(input: VarLike, weight: VarLike, bias?: VarLike | null, options?: ConvOptions, ...rest: never[]): Variable {
  return conv('conv3d', ag.conv3d, input, weight, bias, options, rest.length);
}
/** 1d transposed convolution. @example nn.functional.convTranspose1d(x, w, null, { stride: 2 }) // w [Cin, Cout/groups, k] */
export function convTranspose1d(input: VarLike, weight: VarLike, bias?: VarLike | null, options?: ConvTransposeOptions, ...rest: never[]): Variable {
  return conv('convTranspose1d', ag.convTranspose1d, input, weight, bias, options, rest.length);
}
/** 2d transposed convolution. @example nn.functional.convTranspose2d(x, w, b, { stride: 2, outputPadding: 1 }) */
export function convTranspose2d(input: VarLike, weight: VarLike, bias?: VarLike | null, options?: ConvTransposeOptions, ...rest: never[]): Variable {
  return conv('convTranspose2d', ag.convTranspose2d, input, weight, bias, options, rest.length);
}
/** 3d transposed convolution. @example nn.functional.convTranspose3d(x, w) */
export function convTranspose3d(input: VarLike, weight: VarLike, bias?: VarLike | null, options?: ConvTransposeOptions, ...rest: never[]): Variable {
  return conv('convTranspose3d', ag.convTranspose3d, input, weight, bias, options, rest.length);
}
