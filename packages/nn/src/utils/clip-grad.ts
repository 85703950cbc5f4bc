// Gradient clipping and flattening of parameters (torch.nn.utils).
import { Tensor, TorchSizeError, TorchTypeError } from '@torch/core';
import { Variable, noGrad, cat } from '@torch/autograd';
import { checkOptions } from './args';

type Params = Iterable<Variable> | Variable;
const list = (op: string, ps: Params): Variable[] => {
  const arr = ps instanceof Variable ? [ps] : [...ps];
  arr.forEach((p, i) => {
    if (!(p instanceof Variable)) throw new TorchTypeError(`${op}: parameter ${i} is not a Variable/Parameter`);
  });
  return arr;
};

/**
 * Scales all gradients in place so that their total norm (the norm of the norms) is at most maxNorm;
 * returns the total norm before clipping.
 * @example const total = nn.utils.clipGradNorm_(net.parameters(), 1.0);
 */
export function clipGradNorm_(parameters: Params, maxNorm: number, normType: number = 2, options?: { errorIfNonfinite?: boolean }): number {
  const op = 'clipGradNorm_';
  const o = checkOptions(op, options, ['errorIfNonfinite']);
  if (typeof maxNorm !== 'number' || Number.isNaN(maxNorm)) throw new TorchTypeError(`${op}: maxNorm must be a number, got ${String(maxNorm)}`);
  const grads = list(op, parameters).flatMap((p) => (p.grad === null ? [] : [p.grad.data]));
  if (grads.length === 0) return 0;
  const norms = grads.map((g) => g.norm(normType).item());
  const total = normType === Infinity ? Math.max(...norms) : Math.pow(norms.reduce((s, n) => s + Math.pow(n, normType), 0), 1 / normType);
  if (o.errorIfNonfinite && !Number.isFinite(total))
    throw new TorchTypeError(`${op}: the total norm of order ${normType} for gradients from parameters is non-finite, so it cannot be clipped`);
  const coef = maxNorm / (total + 1e-6);
  if (coef < 1) noGrad(() => grads.forEach((g) => g.mul_(coef)));
  return total;
}

/**
 * Clamps every gradient element into [-clipValue, clipValue], in place.
 * @example nn.utils.clipGradValue_(net.parameters(), 0.5)
 */
export function clipGradValue_(parameters: Params, clipValue: number): void {
  if (typeof clipValue !== 'number' || Number.isNaN(clipValue)) throw new TorchTypeError(`clipGradValue_: clipValue must be a number, got ${String(clipValue)}`);
  noGrad(() => {
    for (const p of list('clipGradValue_', parameters)) if (p.grad !== null) p.grad.data.clamp_(-clipValue, clipValue);
  });
}

/**
 * All parameters flattened into one 1-D Variable (differentiable: gradients reach the parameters).
 * @example const flat = nn.utils.parametersToVector(net.parameters());
 */
export function parametersToVector(parameters: Params): Variable {
  const ps = list('parametersToVector', parameters);
  if (ps.length === 0) throw new TorchSizeError('parametersToVector: no parameters given');
  const dt = ps[0]!.data.dtype;
  ps.forEach((p) => {
    if (p.data.dtype !== dt) throw new TorchTypeError(`parametersToVector: all parameters must have one dtype, got ${dt} and ${p.data.dtype}`);
  });
  return cat(ps.map((p) => p.reshape([-1])), 0);
}

/**
 * Copies consecutive slices of a 1-D vector into the parameters (in place, outside autograd).
 * @example nn.utils.vectorToParameters(flat, net.parameters())
 */
export function vectorToParameters(vec: Variable | Tensor, parameters: Params): void {
  const v = vec instanceof Variable ? vec.data : vec;
  if (!(v instanceof Tensor) || v.dim() !== 1) throw new TorchTypeError(`vectorToParameters: expected a 1-D Tensor or Variable, got ${v instanceof Tensor ? `size [${v.shape.join(', ')}]` : typeof v}`);
  const ps = list('vectorToParameters', parameters);
  const total = ps.reduce((s, p) => s + p.numel(), 0);
  if (total !== v.numel()) throw new TorchSizeError(`vectorToParameters: the vector has ${v.numel()} elements but the parameters have ${total}`);
  noGrad(() => {
    let off = 0;
    for (const p of ps) {
      const n = p.numel();
      p.data.copy_(v.narrow(0, off, n).view(p.shape as number[]));
      off += n;
    }
  });
}

export { clipGradNorm_ as clipGradNorm, clipGradValue_ as clipGradValue };
