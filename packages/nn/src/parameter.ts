/**
 * Parameter: a Variable that a Module owns as a learnable weight. Assigning one to a module field (or
 * registerParameter) makes it appear in `parameters()`, `stateDict()` and the optimizer's view.
 */
import { Tensor, TorchTypeError } from '@torch/core';
import { Variable } from '@torch/autograd';

/**
 * A learnable tensor of a module: a leaf Variable that requires grad unless told otherwise.
 * @example
 * const w = new nn.Parameter(torch.randn(3, 4));
 * w.requiresGrad; // true
 * class Scale extends nn.Module { s = new nn.Parameter(torch.ones(1)); forward(x: Variable) { return x.mul(this.s); } }
 */
export class Parameter extends Variable {
  constructor(data: Tensor, requiresGrad = true) {
    if (!(data instanceof Tensor)) throw new TorchTypeError(`Parameter: data must be a Tensor, got ${data === null ? 'null' : typeof data}`);
    if (typeof requiresGrad !== 'boolean') throw new TorchTypeError(`Parameter: requiresGrad must be a boolean, got ${typeof requiresGrad}`);
    super(data, { requiresGrad: requiresGrad && data.dtype.isFloatingPoint });
  }

  /** `Parameter containing:` and the tensor, as PyTorch prints it. */
  override toString(): string {
    return `Parameter containing:\n${this.data.toString()}`;
  }
}
