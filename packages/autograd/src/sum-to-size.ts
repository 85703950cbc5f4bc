// Gradients of broadcast inputs are summed back to the input's size. This is the one place that does it.
import { ones } from '@torch/core';
import { Variable } from './variable';

const prod = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

/**
 * Sums `grad` over the dims that broadcasting added or expanded, giving a gradient of `shape`.
 * Written with Variable ops, so it is differentiable (createGraph) itself.
 *
 * TODO(reductions): the reductions family (Tensor.sum over dims) is not merged yet; each summed dim is a
 * product with a ones vector for now. Switch to `grad.sum(dims, { keepdim: true })` when it lands.
 * @internal
 */
export function sumToSize(grad: Variable, shape: readonly number[]): Variable {
  const gs = grad.data.shape;
  if (sameShape(gs, shape)) return grad;
  const dtype = grad.data.dtype;
  if (prod(gs) === 0 || prod(shape) === 0) {
    // Nothing to sum (or nothing to sum into): the gradient is zero, a constant.
    return new Variable(ones(shape as number[], { dtype }).mul(0));
  }
  let x = grad;
  const lead = gs.length - shape.length;
  if (lead > 0) {
    const L = prod(gs.slice(0, lead));
    const rest = gs.slice(lead);
    x = new Variable(ones([1, L], { dtype })).mm(x.reshape(L, prod(rest))).reshape(rest);
  }
  for (let d = 0; d < shape.length; d++) {
    const xs = x.data.shape;
    if (shape[d] === 1 && xs[d] !== 1) {
      const A = prod(xs.slice(0, d)), n = xs[d]!, B = prod(xs.slice(d + 1));
      const summed = new Variable(ones([1, n], { dtype })).matmul(x.reshape(A, n, B));
      const next = xs.slice();
      next[d] = 1;
      x = summed.reshape(next);
    }
  }
  return x;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
