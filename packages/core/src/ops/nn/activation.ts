// The backward of the threshold activations (relu, threshold) from their saved result, in one pass:
// relu's gradient used to take a bool mask (result > 0), then a product that converted the mask to
// float, each allocating a tensor the size of the activation.
import { fmtSize, TorchSizeError, TorchTypeError } from '../../errors';
import { sameShape } from '../../shape';
import { checkTensor, emptyTensor, type Tensor } from '../../tensor';
import { launch } from '../launch';
import { OP } from '../opcodes';

/**
 * The gradient of a threshold activation from its result: 0 where `result <= threshold`, else `grad`
 * (so a NaN result passes its gradient, as PyTorch's threshold_backward), as a new tensor of grad's
 * size and dtype, or written into `grad` itself when `inPlace` (autograd does that when it has proved
 * that nothing else reads the gradient). Relu's backward is `thresholdBackward(grad, relu(x), 0)`.
 * @example thresholdBackward(torch.ones(3), torch.tensor([0, 1, 2], { dtype: torch.float32 }), 0) // [0, 1, 1]
 * @internal
 */
export function thresholdBackward(grad: Tensor, result: Tensor, threshold: number, inPlace = false): Tensor {
  const op = 'thresholdBackward';
  if (arguments.length > 4) throw new TorchTypeError(`${op}: expected (grad, result, threshold, inPlace?), got ${arguments.length} arguments`);
  checkTensor(op, grad, 'grad');
  checkTensor(op, result, 'result');
  if (!sameShape(grad.shape, result.shape))
    throw new TorchSizeError(`${op}: grad of size ${fmtSize(grad.shape)} and result of size ${fmtSize(result.shape)} differ`);
  if (!grad.dtype.isFloatingPoint || grad.dtype !== result.dtype)
    throw new TorchTypeError(`${op}: expected grad and result of one floating-point dtype, got ${grad.dtype} and ${result.dtype}`);
  if (typeof threshold !== 'number') throw new TorchTypeError(`${op}: threshold must be a number, got ${typeof threshold}`);
  if (typeof inPlace !== 'boolean') throw new TorchTypeError(`${op}: inPlace must be a boolean, got ${typeof inPlace}`);
  const out = inPlace ? grad : emptyTensor(grad.shape, grad.dtype, grad._storage.backend);
  launch(OP.thresholdBackward, grad.dtype, out, grad, result, undefined, threshold);
  return out;
}
