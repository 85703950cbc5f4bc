/**
 * Image transforms in the style of torchvision.transforms: functions from a tensor to a tensor. Each one
 * here also works on a whole batch (a leading batch dimension), and says so with `batched: true`; a
 * dataset with a batch fast path (MNIST) applies such transforms once per batch instead of once per image.
 */
import { float32, Tensor, tensor, TorchSizeError, TorchTypeError } from '@torch/core';
import { checkOptions, describe } from './util';

/**
 * A transform: a function of one sample. `batched: true` promises that applying it to a batch (the samples
 * stacked along a new first dimension) gives the stack of its results on each sample.
 */
export type Transform<I = Tensor, O = Tensor> = ((x: I) => O) & { readonly batched?: boolean };

function batchedTransform<I, O>(fn: (x: I) => O): Transform<I, O> {
  return Object.assign(fn, { batched: true as const });
}

/**
 * uint8 images with values 0..255 → float32 in [0, 1], with a channel dimension: `[H, W]` → `[1, H, W]`
 * (a batch `[N, H, W]` → `[N, 1, H, W]`). Float inputs are only given the channel dimension.
 * torchvision's `ToTensor` for grayscale images.
 * @example
 * const ds = new data.FashionMNIST(root, { transform: data.transforms.toTensor() });
 */
export function toTensor(): Transform {
  return batchedTransform((x: Tensor) => {
    if (!(x instanceof Tensor)) throw new TorchTypeError(`toTensor: expected a Tensor image, got ${describe(x)}`);
    if (x.dim() < 2) throw new TorchSizeError(`toTensor: expected an image [H, W] or a batch [N, H, W], got size [${x.shape.join(', ')}]`);
    const withChannel = x.unsqueeze(x.dim() - 2);
    if (x.dtype.isFloatingPoint) return withChannel;
    return withChannel.to(float32).div_(255);
  });
}

/** Options of {@link normalize}. */
export interface NormalizeOptions {
  /** Normalize in place (default false). */
  inplace?: boolean;
}

/**
 * (x - mean[c]) / std[c] for each channel c of a float image `[C, H, W]` (or a batch `[N, C, H, W]`).
 * torchvision's `Normalize`.
 * @example
 * data.transforms.compose([data.transforms.toTensor(), data.transforms.normalize([0.2860], [0.3530])]);
 */
export function normalize(mean: readonly number[], std: readonly number[], options?: NormalizeOptions): Transform {
  const op = 'normalize';
  checkOptions(op, options, ['inplace']);
  if (!Array.isArray(mean) || !Array.isArray(std) || mean.length === 0 || mean.length !== std.length)
    throw new TorchTypeError(`${op}: mean and std must be non-empty arrays of the same length, got ${describe(mean)} and ${describe(std)}`);
  if (std.some((s) => s === 0)) throw new TorchTypeError(`${op}: std evaluated to zero, leading to division by zero (std = [${std.join(', ')}])`);
  const inplace = options?.inplace ?? false;
  const m = tensor(mean as number[], { dtype: float32 }).view(-1, 1, 1);
  const s = tensor(std as number[], { dtype: float32 }).view(-1, 1, 1);
  return batchedTransform((x: Tensor) => {
    if (!(x instanceof Tensor) || !x.dtype.isFloatingPoint) throw new TorchTypeError(`${op}: expected a float image tensor, got ${x instanceof Tensor ? x.dtype : describe(x)}`);
    if (x.dim() < 3) throw new TorchSizeError(`${op}: expected an image [C, H, W] or a batch [N, C, H, W], got size [${x.shape.join(', ')}]`);
    const c = x.shape[x.dim() - 3]!;
    if (c !== mean.length && mean.length !== 1)
      throw new TorchSizeError(`${op}: image has ${c} channels (size [${x.shape.join(', ')}]) but mean/std have ${mean.length}`);
    const mx = m.to(x.dtype), sx = s.to(x.dtype);
    return inplace ? x.sub_(mx).div_(sx) : x.sub(mx).div(sx);
  });
}

/**
 * Applies transforms one after the other. Batched when every one of them is.
 * @example
 * const t = data.transforms.compose([data.transforms.toTensor(), data.transforms.normalize([0.5], [0.5])]);
 */
export function compose<T>(transforms: readonly Transform<T, T>[]): Transform<T, T> {
  if (!Array.isArray(transforms) || transforms.some((f) => typeof f !== 'function'))
    throw new TorchTypeError(`compose: expected an array of functions, got ${describe(transforms)}`);
  const fn = (x: T) => transforms.reduce((acc, f) => f(acc), x);
  return transforms.every((f) => f.batched) ? batchedTransform(fn) : fn;
}

/**
 * Marks a function as valid on batches too (see {@link Transform}), so batch fast paths may use it.
 * @example
 * const flatten = data.transforms.batched((x: torch.Tensor) => x.flatten(-3));
 */
export function batched<I, O>(fn: (x: I) => O): Transform<I, O> {
  if (typeof fn !== 'function') throw new TorchTypeError(`batched: expected a function, got ${describe(fn)}`);
  return batchedTransform((x: I) => fn(x));
}
