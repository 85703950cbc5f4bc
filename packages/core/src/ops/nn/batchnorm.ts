/**
 * Batch normalization over [N, C, *] (one native kernel for 1d, 2d and 3d) and instance norm through
 * it, as PyTorch's `torch.nn.functional.batch_norm` / `instance_norm`. Training normalises with the
 * batch's statistics and updates the running ones in place (momentum, unbiased variance); evaluation
 * uses the running ones. The THNN-shaped `batchNormUpdateOutput` / `batchNormBackward` take explicit
 * outputs and a scale.
 */
import { fmtSize, TorchSizeError, TorchTypeError } from '../../errors';
import { emptyTensor, type Tensor } from '../../tensor';
import { zeros } from '../creation';
import { checkFloatTensor, checkSameDtype, prepareOutput } from './args';
import { batchNormBackwardKernel, batchNormEvalKernel, batchNormTrainKernel, type BatchNormGeometry } from './kernels';

function geometry(op: string, input: Tensor, momentum: number, eps: number): BatchNormGeometry {
  checkFloatTensor(op, input, 'input', [2, 3, 4, 5]);
  if (typeof momentum !== 'number' || !Number.isFinite(momentum)) throw new TorchTypeError(`${op}: momentum must be a finite number, got ${String(momentum)}`);
  if (typeof eps !== 'number' || !(eps >= 0)) throw new TorchTypeError(`${op}: eps must be a non-negative number, got ${String(eps)}`);
  const [n, c] = input.shape as [number, number];
  return { batch: n, channels: c, spatial: input.shape.slice(2).reduce((a, b) => a * b, 1), momentum, eps };
}

function checkChannelVector(op: string, t: Tensor | null | undefined, arg: string, input: Tensor): Tensor | null {
  if (t === null || t === undefined) return null;
  checkFloatTensor(op, t, arg, [1]);
  checkSameDtype(op, t, arg, input);
  if (t.shape[0] !== input.shape[1])
    throw new TorchSizeError(`${op}: ${arg} of size ${fmtSize(t.shape)} does not match the ${input.shape[1]} channels of input ${fmtSize(input.shape)}`);
  return t;
}

/** A running-statistics buffer updated in place: it must be contiguous so the kernel writes it. */
function checkBuffer(op: string, t: Tensor | null, arg: string): void {
  if (t !== null && !t.isContiguous()) throw new TorchTypeError(`${op}: ${arg} must be contiguous`);
}

/**
 * Batch norm forward that also returns the statistics it normalised with: [output, mean, invstd]
 * (the batch's when training, else the running ones). The autograd derivative saves them. @internal
 */
export function batchNormWithStats(input: Tensor, runningMean: Tensor | null, runningVar: Tensor | null, weight: Tensor | null, bias: Tensor | null, training: boolean, momentum: number, eps: number, into?: readonly [Tensor, Tensor, Tensor]): [Tensor, Tensor, Tensor] {
  const op = 'batchNorm';
  const g = geometry(op, input, momentum, eps);
  const rm = checkChannelVector(op, runningMean, 'runningMean', input), rv = checkChannelVector(op, runningVar, 'runningVar', input);
  const w = checkChannelVector(op, weight, 'weight', input)?.contiguous() ?? null, b = checkChannelVector(op, bias, 'bias', input)?.contiguous() ?? null;
  if (typeof training !== 'boolean') throw new TorchTypeError(`${op}: training must be a boolean, got ${String(training)}`);
  if ((rm === null) !== (rv === null)) throw new TorchTypeError(`${op}: runningMean and runningVar must both be given or both be null`);
  checkBuffer(op, rm, 'runningMean');
  checkBuffer(op, rv, 'runningVar');
  const x = input.contiguous();
  // `into` (batchNormUpdateOutput's contiguous, correctly sized outputs) is written directly: no copy.
  const [out, mean, invstd] = into ?? [
    emptyTensor(input.shape, input.dtype, input._storage.backend), emptyTensor([g.channels], input.dtype, input._storage.backend), emptyTensor([g.channels], input.dtype, input._storage.backend),
  ];
  if (training) {
    if (g.batch * g.spatial <= 1)
      throw new TorchSizeError(`${op}: expected more than 1 value per channel when training, got input size ${fmtSize(input.shape)}`);
    batchNormTrainKernel(g, x, w, b, out, mean, invstd, rm, rv);
  } else {
    if (rm === null || rv === null) throw new TorchTypeError(`${op}: runningMean and runningVar are required in evaluation mode (training false)`);
    if (x.numel() > 0) batchNormEvalKernel(g, x, w, b, rm.contiguous(), rv.contiguous(), out);
    mean.copy_(rm);
    rv.add(eps, { out: invstd }).rsqrt_();
  }
  return [out, mean, invstd];
}

/**
 * Gradients of batch norm for gradOutput from the statistics batchNormWithStats returned: [gradInput,
 * gradWeight, gradBias], each null unless `needs` asks for it. @internal
 */
export function batchNormBackward(input: Tensor, gradOutput: Tensor, weight: Tensor | null, mean: Tensor, invstd: Tensor, training: boolean, needs: readonly [boolean, boolean, boolean]): [Tensor | null, Tensor | null, Tensor | null] {
  const op = 'batchNormBackward';
  const g = geometry(op, input, 0, 0);
  checkFloatTensor(op, gradOutput, 'gradOutput', [input.dim()]);
  if (gradOutput.shape.some((s, i) => s !== input.shape[i])) throw new TorchSizeError(`${op}: gradOutput of size ${fmtSize(gradOutput.shape)} does not match input ${fmtSize(input.shape)}`);
  const gx = needs[0] ? emptyTensor(input.shape, input.dtype, input._storage.backend) : null;
  const on = { dtype: input.dtype, device: input.device };
  const gw = needs[1] ? zeros([g.channels], on) : null, gb = needs[2] ? zeros([g.channels], on) : null;
  batchNormBackwardKernel(g, training, input.contiguous(), gradOutput.contiguous(), weight?.contiguous() ?? null, mean.contiguous(), invstd.contiguous(), gx, gw, gb, 1);
  return [gx, gw, gb];
}

/**
 * Batch normalization of input [N, C, *] per channel: (x - mean) / sqrt(var + eps) * weight + bias.
 * Training uses the batch's statistics and updates runningMean/runningVar in place
 * (running = (1 - momentum) * running + momentum * batch, the variance unbiased); evaluation uses them.
 * @example
 * const rm = torch.zeros(3), rv = torch.ones(3);
 * torch.batchNorm(torch.randn(8, 3, 4, 4), rm, rv, null, null, true); // normalised, rm/rv updated
 */
export function batchNorm(input: Tensor, runningMean: Tensor | null, runningVar: Tensor | null, weight: Tensor | null = null, bias: Tensor | null = null, training = false, momentum = 0.1, eps = 1e-5, ...rest: never[]): Tensor {
  if (rest.length > 0) throw new TorchTypeError('batchNorm: expected at most 8 arguments');
  return batchNormWithStats(input, runningMean, runningVar, weight, bias, training, momentum, eps)[0];
}

/**
 * THNN-shaped batch norm forward: output (resized), saveMean and saveStd (1/sqrt(var + eps), resized
 * to [C]) written; running statistics updated when training.
 * @example torch.batchNormUpdateOutput(x, out, w, b, rm, rv, sm, ss, true, 0.1, 1e-5);
 */
export function batchNormUpdateOutput(input: Tensor, output: Tensor, weight: Tensor | null, bias: Tensor | null, runningMean: Tensor | null, runningVar: Tensor | null, saveMean: Tensor, saveStd: Tensor, train: boolean, momentum: number, eps: number): void {
  const op = 'batchNormUpdateOutput';
  checkFloatTensor(op, input, 'input', [2, 3, 4, 5]);
  const outs = [
    prepareOutput(op, output, 'output', input.shape, input),
    prepareOutput(op, saveMean, 'saveMean', [input.shape[1]!], input),
    prepareOutput(op, saveStd, 'saveStd', [input.shape[1]!], input),
  ] as const;
  // Written in place unless an output shares memory with an input (then through fresh tensors).
  const reads = [input, weight, bias, runningMean, runningVar];
  const aliased = outs.some((o) => reads.some((r) => r !== null && r._storage === o._storage));
  const [out, mean, invstd] = batchNormWithStats(input, runningMean, runningVar, weight, bias, train, momentum, eps, aliased ? undefined : outs);
  if (aliased) (outs[0].copy_(out), outs[1].copy_(mean), outs[2].copy_(invstd));
}

/**
 * THNN-shaped batch norm backward: gradInput (resized) written, gradWeight/gradBias accumulated with
 * scale; each may be null. saveMean/saveStd are batchNormUpdateOutput's.
 * @example torch.batchNormBackward_(x, gy, gx, gw, gb, w, sm, ss, true, 1);
 */
export function batchNormBackward_(input: Tensor, gradOutput: Tensor, gradInput: Tensor | null, gradWeight: Tensor | null, gradBias: Tensor | null, weight: Tensor | null, saveMean: Tensor, saveStd: Tensor, train: boolean, scale = 1): void {
  const op = 'batchNormBackward';
  const g = geometry(op, input, 0, 0);
  if (gradInput) prepareOutput(op, gradInput, 'gradInput', input.shape, input);
  for (const [t, name] of [[gradWeight, 'gradWeight'], [gradBias, 'gradBias'], [weight, 'weight'], [saveMean, 'saveMean'], [saveStd, 'saveStd']] as const) {
    checkChannelVector(op, t, name, input);
    if (t && !t.isContiguous()) throw new TorchTypeError(`${op}: ${name} must be contiguous`);
  }
  checkFloatTensor(op, gradOutput, 'gradOutput', [input.dim()]);
  if (gradOutput.shape.some((s, i) => s !== input.shape[i])) throw new TorchSizeError(`${op}: gradOutput of size ${fmtSize(gradOutput.shape)} does not match input ${fmtSize(input.shape)}`);
  batchNormBackwardKernel(g, train, input.contiguous(), gradOutput.contiguous(), weight, saveMean, saveStd, gradInput, gradWeight, gradBias, scale);
}

/**
 * Instance normalization: each (sample, channel) plane normalised by its own statistics, as a batch
 * norm of input viewed as [1, N*C, *]. Running statistics (optional) are updated with the mean over
 * the batch of the per-instance ones.
 * @example torch.instanceNorm(torch.randn(2, 3, 5, 5)); // every [5, 5] plane has mean 0, variance 1
 */
export function instanceNorm(input: Tensor, runningMean: Tensor | null = null, runningVar: Tensor | null = null, weight: Tensor | null = null, bias: Tensor | null = null, useInputStats = true, momentum = 0.1, eps = 1e-5, ...rest: never[]): Tensor {
  if (rest.length > 0) throw new TorchTypeError('instanceNorm: expected at most 8 arguments');
  const a = instanceNormArgs(input, runningMean, runningVar, weight, bias);
  const out = batchNorm(a.input, a.runningMean, a.runningVar, a.weight, a.bias, useInputStats, momentum, eps);
  a.writeBack();
  return out.view(input.shape as number[]);
}

/**
 * instanceNorm's batch-norm arguments: input as [1, N*C, *], the per-channel tensors repeated per
 * sample, and writeBack() folding updated running statistics back into [C]. @internal
 */
export function instanceNormArgs(input: Tensor, runningMean: Tensor | null, runningVar: Tensor | null, weight: Tensor | null, bias: Tensor | null) {
  const op = 'instanceNorm';
  checkFloatTensor(op, input, 'input', [3, 4, 5]);
  const [n, c] = input.shape as [number, number];
  for (const [t, name] of [[runningMean, 'runningMean'], [runningVar, 'runningVar'], [weight, 'weight'], [bias, 'bias']] as const) checkChannelVector(op, t, name, input);
  const rep = (t: Tensor | null) => (t === null ? null : t.repeat(n));
  const rm = rep(runningMean), rv = rep(runningVar);
  return {
    input: input.contiguous().view([1, n * c, ...input.shape.slice(2)]),
    runningMean: rm, runningVar: rv, weight: rep(weight), bias: rep(bias), batch: n, channels: c,
    writeBack(): void {
      if (runningMean && rm) runningMean.copy_(rm.view(n, c).mean(0));
      if (runningVar && rv) runningVar.copy_(rv.view(n, c).mean(0));
    },
  };
}
