/**
 * Error classes. Every user error names the op and the offending sizes or dtypes, e.g.
 * `TorchSizeError: add: sizes [2, 3] and [4] cannot broadcast`.
 */

/**
 * Shapes that do not fit the op (broadcasting, view, matmul sizes).
 * @example
 * try { torch.ones([2, 3]).add(torch.ones([4])); } catch (e) { e instanceof torch.TorchSizeError; } // true
 */
export class TorchSizeError extends RangeError {
  override name = 'TorchSizeError';
}

/**
 * An index or dim outside its range.
 * @example
 * try { torch.ones([2]).select(0, 5); } catch (e) { e instanceof torch.TorchIndexError; } // true
 */
export class TorchIndexError extends RangeError {
  override name = 'TorchIndexError';
}

/**
 * An argument of the wrong type or dtype (e.g. an in-place op whose result cannot be cast back).
 * @example
 * try { torch.ones([2], { dtype: torch.int32 }).div_(2); } catch (e) { e instanceof torch.TorchTypeError; } // true
 */
export class TorchTypeError extends TypeError {
  override name = 'TorchTypeError';
}

/**
 * A tensor or storage whose memory is gone: its ArrayBuffer was transferred to another thread
 * (`postMessage(x, [buffer])`, `structuredClone(x, { transfer })`) and so detached here. Reads, writes,
 * printing and ops on it throw this, naming the op. Also a {@link TorchTypeError}.
 * @example
 * const t = torch.zeros(100000);
 * structuredClone(t.numpy().data, { transfer: [t.numpy().data.buffer] });
 * try { t.sum(); } catch (e) { e instanceof torch.TorchDetachedError; } // true
 */
export class TorchDetachedError extends TorchTypeError {
  override name = 'TorchDetachedError';
}

/** Formats a size list as `[2, 3]` for messages. @internal */
export function fmtSize(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/**
 * A file that `torch.load` cannot read: not a checkpoint, truncated, corrupted, or holding something
 * loading refuses to build (a global other than tensors, storages and containers, a cyclic reference).
 * @example
 * try { torch.loadSync(Buffer.from('hello')); } catch (e) { e instanceof torch.TorchSerializationError; } // true
 */
export class TorchSerializationError extends Error {
  override name = 'TorchSerializationError';
}

/**
 * A device problem: tensors of one op on different devices, an unavailable device (CUDA without
 * @torch/cuda), or reading the data of a `meta` tensor, which has none.
 * @example
 * try { torch.zeros(2).add(torch.zeros(2, { device: 'meta' })); } catch (e) { e instanceof torch.TorchDeviceError; } // true
 */
export class TorchDeviceError extends Error {
  override name = 'TorchDeviceError';
}
