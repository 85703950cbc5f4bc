/**
 * Fractional max pooling 2d (PyTorch's F.fractional_max_pool2d, Torch7's SpatialFractionalMaxPooling)
 * on the native kernel: each [H, W] plane is pooled by windows of `kernelSize` whose starts follow a
 * pseudo-random sequence fixed by two samples in [0, 1) per plane. The samples come from the default
 * generator (so torch.manualSeed makes a run reproducible) unless the caller passes them. The
 * backward pass is max pooling's scatter through the indices.
 */
import { int64 } from '../../dtype';
import { fmtSize, TorchSizeError, TorchTypeError } from '../../errors';
import { checkTensor, emptyTensor, type Tensor } from '../../tensor';
import { checkFloatTensor, checkOptions, checkSameDtype, prepareOutput, triple, tuple } from './args';
import { fractionalMaxPool2dKernel, POOL, poolKernel, type PoolGeometry } from './kernels';
import { planeGeometry, type MaxPoolResult } from './pool';

/** Options of fractional max pooling: exactly one of outputSize and outputRatio. */
export interface FractionalMaxPoolOptions {
  /** The output's [H, W] (or one number for both). */
  outputSize?: number | number[] | null;
  /** The output's size as a fraction of the input's: [H, W] = trunc(input [H, W] * ratio). */
  outputRatio?: number | number[] | null;
  /** Also return the flat position of each maximum inside its input plane; default false. */
  returnIndices?: boolean;
  /** The samples [N, C, 2] (width's, then height's, in [0, 1)) that fix the windows; default fresh ones. */
  _randomSamples?: Tensor | null;
}

const KEYS = ['outputSize', 'outputRatio', 'returnIndices', '_randomSamples'] as const;

/** Planes of a [N, C, H, W] or [C, H, W] input, and the batch the samples cover. */
function planes2d(op: string, input: Tensor): { batch: number; channels: number; lead: number[] } {
  checkFloatTensor(op, input, 'input', [3, 4]);
  const lead = input.shape.slice(0, input.dim() - 2);
  return { batch: lead.length === 2 ? lead[0]! : 1, channels: lead[lead.length - 1]!, lead };
}

/** The output's [H, W] for `outputSize` or `outputRatio` (exactly one given), as PyTorch's functional. @internal */
export function fractionalOutputSize(op: string, input: Tensor, outputSize: unknown, outputRatio: unknown): number[] {
  const hasSize = outputSize !== undefined && outputSize !== null, hasRatio = outputRatio !== undefined && outputRatio !== null;
  if (hasSize === hasRatio) throw new TorchTypeError(`${op}: expected exactly one of outputSize and outputRatio`);
  if (hasSize) return tuple(op, 'outputSize', outputSize, 2, 0);
  const ratio = typeof outputRatio === 'number' ? [outputRatio, outputRatio] : outputRatio;
  if (!Array.isArray(ratio) || ratio.length !== 2 || !ratio.every((r) => typeof r === 'number' && Number.isFinite(r) && r > 0))
    throw new TorchTypeError(`${op}: outputRatio must be a positive number or a list of 2, got ${String(outputRatio)}`);
  const hw = input.shape.slice(-2);
  return hw.map((s, d) => Math.trunc(s * (ratio[d] as number)));
}

/** Validates a fractional pool and returns its geometry (H and W in the last two slots) and output shape. @internal */
export function fractionalGeometry(op: string, input: Tensor, kernelSize: unknown, outputSize: readonly number[], samples: Tensor): { g: PoolGeometry; outShape: number[] } {
  const { batch, channels, lead } = planes2d(op, input);
  const k = tuple(op, 'kernelSize', kernelSize, 2, 1);
  const hw = input.shape.slice(-2);
  ['height', 'width'].forEach((name, d) => {
    if (outputSize[d]! + k[d]! - 1 > hw[d]!)
      throw new TorchSizeError(`${op}: kernel ${fmtSize(k)} and output size ${fmtSize(outputSize)} are too large for input ${fmtSize(input.shape)} along the ${name} (output + kernel - 1 must be at most the input)`);
  });
  checkTensor(op, samples, '_randomSamples');
  checkSameDtype(op, samples, '_randomSamples', input);
  const want = [batch, channels, 2];
  if (samples.dim() !== 3 || samples.shape.some((s, i) => s !== want[i]))
    throw new TorchSizeError(`${op}: _randomSamples must have size ${fmtSize(want)} for input ${fmtSize(input.shape)}, got ${fmtSize(samples.shape)}`);
  if (!samples._storage.backend.isMeta && samples.numel() > 0) {
    const lo = samples.min().item() as number, hi = samples.max().item() as number;
    if (!(lo >= 0 && hi < 1)) throw new TorchSizeError(`${op}: _randomSamples must lie in [0, 1), got values in [${lo}, ${hi}]`);
  }
  const g: PoolGeometry = {
    planes: batch * channels, input: triple(hw, 1), output: triple(outputSize, 1), kernel: triple(k, 1), stride: [1, 1, 1],
    padding: [0, 0, 0], dilation: [1, 1, 1], countIncludePad: true, divisor: 0,
  };
  return { g, outShape: [...lead, ...outputSize] };
}

/** Fresh samples [N, C, 2] in [0, 1) from the default generator, for `input`'s batch and channels. @internal */
export function fractionalSamples(op: string, input: Tensor): Tensor {
  const { batch, channels } = planes2d(op, input);
  return emptyTensor([batch, channels, 2], input.dtype, input._storage.backend, op).uniform_(0, 1);
}

/**
 * THNN-shaped fractional max pool 2d forward: output and indices (int64) resized and written; the
 * windows are fixed by `samples` [N, C, 2] (N = 1 for an unbatched [C, H, W] input).
 * @example
 * const out = torch.empty(0), idx = torch.empty(0, { dtype: torch.int64 });
 * torch.fractionalMaxPool2dUpdateOutput(x, out, idx, [2, 2], [4, 4], torch.rand(x.size(0), x.size(1), 2));
 */
export function fractionalMaxPool2dUpdateOutput(input: Tensor, output: Tensor, indices: Tensor, kernelSize: number | number[], outputSize: number | number[], samples: Tensor): void {
  const op = 'fractionalMaxPool2dUpdateOutput';
  const { g, outShape } = fractionalGeometry(op, input, kernelSize, tuple(op, 'outputSize', outputSize, 2, 0), samples);
  prepareOutput(op, output, 'output', outShape, input);
  checkTensor(op, indices, 'indices');
  if (indices.dtype !== int64) throw new TorchTypeError(`${op}: indices must be int64, got ${indices.dtype}`);
  if (indices.dim() !== outShape.length || indices.shape.some((s, i) => s !== outShape[i])) indices.resize_(outShape);
  if (!indices.isContiguous()) throw new TorchTypeError(`${op}: indices must be contiguous`);
  if (output.numel() > 0) fractionalMaxPool2dKernel(g, input.contiguous(), samples.contiguous(), output, indices);
}

/**
 * THNN-shaped fractional max pool 2d backward: gradInput (resized to input's size) gets gradOutput at the indices.
 * @example torch.fractionalMaxPool2dUpdateGradInput(x, gy, gx, idx);
 */
export function fractionalMaxPool2dUpdateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, indices: Tensor): void {
  const op = 'fractionalMaxPool2dUpdateGradInput';
  planes2d(op, input);
  checkFloatTensor(op, gradOutput, 'gradOutput', [input.dim()]);
  checkSameDtype(op, gradOutput, 'gradOutput', input);
  if (gradOutput.shape.slice(0, -2).some((s, i) => s !== input.shape[i]))
    throw new TorchSizeError(`${op}: gradOutput of size ${fmtSize(gradOutput.shape)} does not match input ${fmtSize(input.shape)}`);
  prepareOutput(op, gradInput, 'gradInput', input.shape, input);
  checkTensor(op, indices, 'indices');
  if (indices.dtype !== int64 || indices.dim() !== gradOutput.dim() || indices.shape.some((s, i) => s !== gradOutput.shape[i]))
    throw new TorchSizeError(`${op}: indices (${indices.dtype}, size ${fmtSize(indices.shape)}) must be int64 of gradOutput's size ${fmtSize(gradOutput.shape)}`);
  if (gradInput.numel() > 0) poolKernel(POOL.maxBackward, planeGeometry(2, input, gradOutput.shape.slice(-2)), gradOutput.contiguous(), indices.contiguous(), gradInput);
}

/** Fractional max pool 2d with indices (the gradient runs through maxPoolBackward). @internal */
export function fractionalMaxPool2dWithIndices(op: string, input: Tensor, kernelSize: number | number[], options: FractionalMaxPoolOptions | undefined): [Tensor, Tensor] {
  checkOptions(op, options, KEYS);
  const o = options ?? {};
  if (o.returnIndices !== undefined && typeof o.returnIndices !== 'boolean') throw new TorchTypeError(`${op}: returnIndices must be a boolean, got ${String(o.returnIndices)}`);
  planes2d(op, input);
  const size = fractionalOutputSize(op, input, o.outputSize, o.outputRatio);
  const samples = o._randomSamples ?? fractionalSamples(op, input);
  const { g, outShape } = fractionalGeometry(op, input, kernelSize, size, samples);
  const out = emptyTensor(outShape, input.dtype, input._storage.backend), idx = emptyTensor(outShape, int64, input._storage.backend);
  if (out.numel() > 0) fractionalMaxPool2dKernel(g, input.contiguous(), samples.contiguous(), out, idx);
  return [out, idx];
}

/**
 * 2d fractional max pooling over input [N, C, H, W] or [C, H, W]: windows of `kernelSize` at
 * pseudo-random, increasing starts that shrink the input to `outputSize` (or by `outputRatio`).
 * @example
 * torch.manualSeed(0);
 * torch.fractionalMaxPool2d(torch.randn(1, 3, 10, 10), 3, { outputSize: [5, 5] });        // [1, 3, 5, 5]
 * const [y, idx] = torch.fractionalMaxPool2d(x, 2, { outputRatio: 0.5, returnIndices: true });
 */
export function fractionalMaxPool2d<O extends FractionalMaxPoolOptions>(input: Tensor, kernelSize: number | number[], options?: O, ...rest: never[]): MaxPoolResult<O> {
  if (rest.length > 0) throw new TorchTypeError('fractionalMaxPool2d: expected at most 3 arguments (input, kernelSize, options)');
  const r = fractionalMaxPool2dWithIndices('fractionalMaxPool2d', input, kernelSize, options);
  return (options?.returnIndices ? r : r[0]) as MaxPoolResult<O>;
}
