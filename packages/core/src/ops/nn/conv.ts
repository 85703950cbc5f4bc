/**
 * Convolution over 1, 2 or 3 spatial dims, PyTorch's `torch.conv1d/2d/3d` and
 * `torch.convTranspose1d/2d/3d`, on the native im2col + GEMM kernels. The THNN-shaped entries
 * (`convolutionUpdateOutput`, `convolutionUpdateGradInput`, `convolutionAccGradParameters` and the
 * transposed three) take explicit output tensors and a scale, for the legacy nn; the functional forms
 * allocate. The transposed convolution is the adjoint of the plain one, so it runs the same three
 * kernels with input and output swapped.
 */
import { fmtSize, TorchSizeError, TorchTypeError } from '../../errors';
import { emptyTensor, type Tensor } from '../../tensor';
import { zeros } from '../creation';
import { checkFloatTensor, checkOptions, checkSameDtype, prepareOutput, triple, tuple } from './args';
import { convAccGradParametersKernel, convForwardKernel, convGradInputKernel, type ConvGeometry } from './kernels';

/** Options of conv1d/2d/3d (each size a number or one per spatial dim). */
export interface ConvOptions {
  /** Step of the window; default 1. */
  stride?: number | number[];
  /** Zeros added on both sides of each spatial dim; default 0. */
  padding?: number | number[];
  /** Spacing between kernel elements; default 1. */
  dilation?: number | number[];
  /** Input and output channels are split into this many independent groups; default 1. */
  groups?: number;
}

/** Options of convTranspose1d/2d/3d. */
export interface ConvTransposeOptions extends ConvOptions {
  /** Extra size added to one side of each spatial output dim (smaller than stride); default 0. */
  outputPadding?: number | number[];
}

/** Normalised convolution parameters of the THNN-shaped entries (one entry per spatial dim). */
export interface ConvParams {
  stride: number[];
  padding: number[];
  dilation: number[];
  groups: number;
  /** Transposed convolution only. */
  outputPadding?: number[];
}

const CONV_KEYS = ['stride', 'padding', 'dilation', 'groups'] as const;
const CONVT_KEYS = [...CONV_KEYS, 'outputPadding'] as const;

/** Parses conv options for `nd` spatial dims. @internal */
export function convParams(op: string, nd: number, options: ConvTransposeOptions | undefined, transposed: boolean): ConvParams {
  checkOptions(op, options, transposed ? CONVT_KEYS : CONV_KEYS);
  const o = options ?? {};
  const groups = o.groups ?? 1;
  if (typeof groups !== 'number' || !Number.isInteger(groups) || groups < 1) throw new TorchTypeError(`${op}: groups must be a positive integer, got ${String(groups)}`);
  const p: ConvParams = {
    stride: tuple(op, 'stride', o.stride ?? 1, nd, 1),
    padding: tuple(op, 'padding', o.padding ?? 0, nd, 0),
    dilation: tuple(op, 'dilation', o.dilation ?? 1, nd, 1),
    groups,
  };
  if (transposed) p.outputPadding = tuple(op, 'outputPadding', o.outputPadding ?? 0, nd, 0);
  return p;
}

function checkWeight(op: string, input: Tensor, weight: Tensor, bias: Tensor | null | undefined, nd: number, outChannels: (w: Tensor) => number): void {
  checkFloatTensor(op, weight, 'weight', [nd + 2]);
  checkSameDtype(op, weight, 'weight', input);
  if (bias !== null && bias !== undefined) {
    checkFloatTensor(op, bias, 'bias', [1]);
    checkSameDtype(op, bias, 'bias', input);
    if (bias.shape[0] !== outChannels(weight))
      throw new TorchSizeError(`${op}: bias of size ${fmtSize(bias.shape)} does not match ${outChannels(weight)} output channels (weight ${fmtSize(weight.shape)})`);
  }
}

/**
 * Validates a convolution of input [N, C, *in] with weight [Cout, C/groups, *k] and returns its
 * geometry and output size. @internal
 */
export function convGeometry(op: string, input: Tensor, weight: Tensor, bias: Tensor | null | undefined, p: ConvParams): { g: ConvGeometry; outShape: number[] } {
  const nd = p.stride.length;
  checkFloatTensor(op, input, 'input', [nd + 2]);
  checkWeight(op, input, weight, bias, nd, (w) => w.shape[0]!);
  const [n, c] = input.shape as [number, number];
  const cout = weight.shape[0]!, groups = p.groups;
  if (c !== weight.shape[1]! * groups)
    throw new TorchSizeError(`${op}: input of size ${fmtSize(input.shape)} has ${c} channels, but weight of size ${fmtSize(weight.shape)} with groups=${groups} expects ${weight.shape[1]! * groups}`);
  if (cout % groups !== 0) throw new TorchSizeError(`${op}: weight of size ${fmtSize(weight.shape)} has ${cout} output channels, not divisible by groups=${groups}`);
  const ins = input.shape.slice(2), ks = weight.shape.slice(2);
  const outs = ins.map((s, d) => {
    const span = p.dilation[d]! * (ks[d]! - 1) + 1, padded = s + 2 * p.padding[d]!;
    if (padded < span)
      throw new TorchSizeError(`${op}: kernel size (dilated) ${fmtSize(ks.map((k, i) => p.dilation[i]! * (k - 1) + 1))} is larger than the padded input size ${fmtSize(ins.map((x, i) => x + 2 * p.padding[i]!))} (input ${fmtSize(input.shape)})`);
    return Math.floor((padded - span) / p.stride[d]!) + 1;
  });
  const g: ConvGeometry = {
    batch: n, inChannels: c, outChannels: cout, groups, input: triple(ins, 1), kernel: triple(ks, 1),
    stride: triple(p.stride, 1), padding: triple(p.padding, 0), dilation: triple(p.dilation, 1),
  };
  return { g, outShape: [n, cout, ...outs] };
}

/**
 * Validates a transposed convolution of input [N, Cin, *in] with weight [Cin, Cout/groups, *k]: the
 * geometry is that of the plain convolution it is the adjoint of (from the output back to the input). @internal
 */
export function convTransposeGeometry(op: string, input: Tensor, weight: Tensor, bias: Tensor | null | undefined, p: ConvParams): { g: ConvGeometry; outShape: number[] } {
  const nd = p.stride.length, groups = p.groups;
  checkFloatTensor(op, input, 'input', [nd + 2]);
  checkWeight(op, input, weight, bias, nd, (w) => w.shape[1]! * groups);
  const [n, cin] = input.shape as [number, number];
  if (cin !== weight.shape[0]! || cin % groups !== 0)
    throw new TorchSizeError(`${op}: input of size ${fmtSize(input.shape)} has ${cin} channels, but weight of size ${fmtSize(weight.shape)} with groups=${groups} expects ${weight.shape[0]} (divisible by groups)`);
  const cout = weight.shape[1]! * groups;
  const ins = input.shape.slice(2), ks = weight.shape.slice(2), op_ = p.outputPadding!;
  const outs = ins.map((s, d) => {
    if (op_[d]! >= p.stride[d]!) throw new TorchSizeError(`${op}: outputPadding ${fmtSize(op_)} must be smaller than stride ${fmtSize(p.stride)}`);
    const o = (s - 1) * p.stride[d]! - 2 * p.padding[d]! + p.dilation[d]! * (ks[d]! - 1) + op_[d]! + 1;
    if (o <= 0) throw new TorchSizeError(`${op}: output size ${o} is too small for input ${fmtSize(input.shape)} (kernel ${fmtSize(ks)}, padding ${fmtSize(p.padding)})`);
    return o;
  });
  const g: ConvGeometry = {
    batch: n, inChannels: cout, outChannels: cin, groups, input: triple(outs, 1), kernel: triple(ks, 1),
    stride: triple(p.stride, 1), padding: triple(p.padding, 0), dilation: triple(p.dilation, 1),
  };
  return { g, outShape: [n, cout, ...outs] };
}

const paramsFor = (op: string, weight: Tensor, p: ConvParams): ConvParams => {
  checkFloatTensor(op, weight, 'weight', [3, 4, 5]);
  const nd = weight.dim() - 2;
  const q = convParams(op, nd, { stride: p.stride, padding: p.padding, dilation: p.dilation, groups: p.groups, ...(p.outputPadding ? { outputPadding: p.outputPadding } : {}) }, p.outputPadding !== undefined);
  return q;
};

/**
 * THNN-shaped convolution forward (1/2/3d from the weight's rank): output = conv(input, weight) + bias,
 * output resized to fit.
 * @example
 * const out = torch.empty(0);
 * torch.convolutionUpdateOutput(x, out, w, b, { stride: [1, 1], padding: [1, 1], dilation: [1, 1], groups: 1 });
 */
export function convolutionUpdateOutput(input: Tensor, output: Tensor, weight: Tensor, bias: Tensor | null, params: ConvParams): Tensor {
  const op = 'convolutionUpdateOutput';
  const p = paramsFor(op, weight, params);
  const { g, outShape } = convGeometry(op, input, weight, bias, p);
  prepareOutput(op, output, 'output', outShape, input);
  if (output.numel() > 0) convForwardKernel(g, input.contiguous(), weight.contiguous(), bias?.contiguous() ?? null, output);
  return output;
}

/**
 * THNN-shaped convolution input gradient: gradInput (resized to input's size) = dL/dinput.
 * @example torch.convolutionUpdateGradInput(x, gy, gx, w, { stride: [1, 1], padding: [1, 1], dilation: [1, 1], groups: 1 });
 */
export function convolutionUpdateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, weight: Tensor, params: ConvParams): Tensor {
  const op = 'convolutionUpdateGradInput';
  const p = paramsFor(op, weight, params);
  const { g, outShape } = convGeometry(op, input, weight, null, p);
  checkGradOutput(op, gradOutput, outShape, input);
  prepareOutput(op, gradInput, 'gradInput', input.shape, input);
  if (gradInput.numel() > 0) convGradInputKernel(g, gradOutput.contiguous(), weight.contiguous(), gradInput);
  return gradInput;
}

/**
 * THNN-shaped convolution parameter gradients: gradWeight += scale * dL/dweight and gradBias +=
 * scale * dL/dbias (either may be null; both must already have the parameters' sizes).
 * @example torch.convolutionAccGradParameters(x, gy, gw, gb, { stride: [1, 1], padding: [1, 1], dilation: [1, 1], groups: 1 }, 1);
 */
export function convolutionAccGradParameters(input: Tensor, gradOutput: Tensor, gradWeight: Tensor | null, gradBias: Tensor | null, params: ConvParams, scale = 1): void {
  const op = 'convolutionAccGradParameters';
  const wlike = gradWeight ?? null;
  if (wlike === null) throw new TorchTypeError(`${op}: gradWeight is required (it gives the kernel size)`);
  const p = paramsFor(op, wlike, params);
  const { g, outShape } = convGeometry(op, input, wlike, gradBias, p);
  checkGradOutput(op, gradOutput, outShape, input);
  checkAccumulator(op, wlike, 'gradWeight');
  if (gradBias) checkAccumulator(op, gradBias, 'gradBias');
  if (typeof scale !== 'number' || !Number.isFinite(scale)) throw new TorchTypeError(`${op}: scale must be a finite number, got ${String(scale)}`);
  convAccGradParametersKernel(g, input.contiguous(), gradOutput.contiguous(), wlike, gradBias, scale);
}

/** @internal */
export function checkGradOutput(op: string, gradOutput: Tensor, shape: readonly number[], input: Tensor): void {
  checkFloatTensor(op, gradOutput, 'gradOutput', [shape.length]);
  checkSameDtype(op, gradOutput, 'gradOutput', input);
  if (gradOutput.shape.some((s, i) => s !== shape[i]))
    throw new TorchSizeError(`${op}: gradOutput of size ${fmtSize(gradOutput.shape)} does not match the output size ${fmtSize(shape)}`);
}

function checkAccumulator(op: string, t: Tensor, arg: string): void {
  if (!t.isContiguous()) throw new TorchTypeError(`${op}: ${arg} must be contiguous (size ${fmtSize(t.shape)})`);
}

/**
 * THNN-shaped transposed convolution forward: output = convTranspose(input, weight) + bias.
 * @example torch.convTransposeUpdateOutput(x, out, w, null, { stride: [2, 2], padding: [0, 0], dilation: [1, 1], groups: 1, outputPadding: [0, 0] });
 */
export function convTransposeUpdateOutput(input: Tensor, output: Tensor, weight: Tensor, bias: Tensor | null, params: ConvParams): Tensor {
  const op = 'convTransposeUpdateOutput';
  const p = paramsFor(op, weight, { ...params, outputPadding: params.outputPadding ?? params.stride.map(() => 0) });
  const { g, outShape } = convTransposeGeometry(op, input, weight, bias, p);
  prepareOutput(op, output, 'output', outShape, input);
  if (output.numel() === 0) return output;
  convGradInputKernel(g, input.contiguous(), weight.contiguous(), output);
  if (bias) output.add_(bias.view(-1, ...outShape.slice(2).map(() => 1)));
  return output;
}

/**
 * Gradients of a convolution (plain or transposed) for gradOutput: each requested one is a new
 * tensor, null otherwise. The autograd derivative calls this. @internal
 */
export function convolutionBackward(input: Tensor, gradOutput: Tensor, weight: Tensor, params: ConvParams, transposed: boolean, needs: readonly [boolean, boolean, boolean]): [Tensor | null, Tensor | null, Tensor | null] {
  const op = transposed ? 'convTransposeBackward' : 'convolutionBackward';
  const { g, outShape } = (transposed ? convTransposeGeometry : convGeometry)(op, input, weight, null, params);
  checkGradOutput(op, gradOutput, outShape, input);
  const x = input.contiguous(), gy = gradOutput.contiguous(), w = weight.contiguous();
  let gx: Tensor | null = null, gw: Tensor | null = null, gb: Tensor | null = null;
  if (needs[0]) {
    gx = emptyTensor(input.shape, input.dtype, input._storage.backend);
    if (gx.numel() > 0) {
      if (transposed) convForwardKernel(g, gy, w, null, gx);
      else convGradInputKernel(g, gy, w, gx);
    }
  }
  if (!transposed && (needs[1] || needs[2])) {
    gw = needs[1] ? zeros(weight.shape as number[], { dtype: weight.dtype, device: weight.device }) : null;
    gb = needs[2] ? zeros([weight.shape[0]!], { dtype: weight.dtype, device: weight.device }) : null;
    convAccGradParametersKernel(g, x, gy, gw, gb, 1);
  }
  if (transposed && needs[1]) {
    // The transposed convolution's weight gradient is the plain one's with input and output swapped.
    gw = zeros(weight.shape as number[], { dtype: weight.dtype, device: weight.device });
    convAccGradParametersKernel(g, gy, x, gw, null, 1);
  }
  if (transposed && needs[2]) {
    const dims = [0, ...outShape.slice(2).map((_s, i) => i + 2)];
    gb = gy.sum(dims);
  }
  return [gx, gw, gb];
}

function convN(nd: number, name: string, input: Tensor, weight: Tensor, bias: Tensor | null | undefined, options: ConvOptions | undefined, extra: number): Tensor {
  if (extra > 0) throw new TorchTypeError(`${name}: expected at most 4 arguments (input, weight, bias, options)`);
  const p = convParams(name, nd, options, false);
  checkFloatTensor(name, input, 'input', [nd + 1, nd + 2]);
  const batched = input.dim() === nd + 2;
  const x = batched ? input : input.unsqueeze(0);
  const { g, outShape } = convGeometry(name, x, weight, bias, p);
  const out = emptyTensor(outShape, x.dtype, x._storage.backend);
  if (out.numel() > 0) convForwardKernel(g, x.contiguous(), weight.contiguous(), bias?.contiguous() ?? null, out);
  return batched ? out : out.squeeze(0);
}

function convTransposeN(nd: number, name: string, input: Tensor, weight: Tensor, bias: Tensor | null | undefined, options: ConvTransposeOptions | undefined, extra: number): Tensor {
  if (extra > 0) throw new TorchTypeError(`${name}: expected at most 4 arguments (input, weight, bias, options)`);
  const p = convParams(name, nd, options, true);
  checkFloatTensor(name, input, 'input', [nd + 1, nd + 2]);
  const batched = input.dim() === nd + 2;
  const x = batched ? input : input.unsqueeze(0);
  const { g, outShape } = convTransposeGeometry(name, x, weight, bias, p);
  const out = emptyTensor(outShape, x.dtype, x._storage.backend);
  if (out.numel() > 0) {
    convGradInputKernel(g, x.contiguous(), weight.contiguous(), out);
    if (bias) out.add_(bias.view(-1, ...outShape.slice(2).map(() => 1)));
  }
  return batched ? out : out.squeeze(0);
}

/**
 * 1d convolution of input [N, Cin, L] (or [Cin, L]) with weight [Cout, Cin/groups, k].
 * @example torch.conv1d(torch.randn(4, 2, 10), torch.randn(3, 2, 5), null, { padding: 2 }); // [4, 3, 10]
 */
export function conv1d(input: Tensor, weight: Tensor, bias?: Tensor | null, options?: ConvOptions, ...rest: never[]): Tensor {
  return convN(1, 'conv1d', input, weight, bias, options, rest.length);
}
/**
 * 2d convolution of input [N, Cin, H, W] (or [Cin, H, W]) with weight [Cout, Cin/groups, kH, kW].
 * @example torch.conv2d(torch.randn(8, 3, 32, 32), torch.randn(16, 3, 3, 3), null, { padding: 1 }); // [8, 16, 32, 32]
 */
export function conv2d(input: Tensor, weight: Tensor, bias?: Tensor | null, options?: ConvOptions, ...rest: never[]): Tensor {
  return convN(2, 'conv2d', input, weight, bias, options, rest.length);
}
/**
 * 3d convolution of input [N, Cin, D, H, W] (or unbatched) with weight [Cout, Cin/groups, kD, kH, kW].
 * @example torch.conv3d(torch.randn(1, 2, 8, 8, 8), torch.randn(4, 2, 3, 3, 3), null, { stride: 2 }); // [1, 4, 3, 3, 3]
 */
export function conv3d(input: Tensor, weight: Tensor, bias?: Tensor | null, options?: ConvOptions, ...rest: never[]): Tensor {
  return convN(3, 'conv3d', input, weight, bias, options, rest.length);
}
/**
 * 1d transposed convolution ("deconvolution") of input [N, Cin, L] with weight [Cin, Cout/groups, k].
 * @example torch.convTranspose1d(torch.randn(1, 4, 5), torch.randn(4, 2, 3), null, { stride: 2 }); // [1, 2, 11]
 */
export function convTranspose1d(input: Tensor, weight: Tensor, bias?: Tensor | null, options?: ConvTransposeOptions, ...rest: never[]): Tensor {
  return convTransposeN(1, 'convTranspose1d', input, weight, bias, options, rest.length);
}
/**
 * 2d transposed convolution of input [N, Cin, H, W] with weight [Cin, Cout/groups, kH, kW].
 * @example torch.convTranspose2d(torch.randn(1, 4, 5, 5), torch.randn(4, 2, 3, 3), null, { stride: 2, outputPadding: 1 }); // [1, 2, 12, 12]
 */
export function convTranspose2d(input: Tensor, weight: Tensor, bias?: Tensor | null, options?: ConvTransposeOptions, ...rest: never[]): Tensor {
  return convTransposeN(2, 'convTranspose2d', input, weight, bias, options, rest.length);
}
/**
 * 3d transposed convolution of input [N, Cin, D, H, W] with weight [Cin, Cout/groups, kD, kH, kW].
 * @example torch.convTranspose3d(torch.randn(1, 2, 3, 3, 3), torch.randn(2, 1, 2, 2, 2), null, { stride: 2 }); // [1, 1, 6, 6, 6]
 */
export function convTranspose3d(input: Tensor, weight: Tensor, bias?: Tensor | null, options?: ConvTransposeOptions, ...rest: never[]): Tensor {
  return convTransposeN(3, 'convTranspose3d', input, weight, bias, options, rest.length);
}
