// Gradients of broadcast inputs are summed back to the input's size. This is the one place that does it.
import { zeros } from '@torch/core';
import { Variable } from './variable';

/**
 * Sums `grad` over the dims that broadcasting added or expanded, giving a gradient of `shape`.
 * One `sum(dims, { keepdim: true })` (recorded, so differentiable for createGraph) and a reshape.
 * @internal
 */
export function sumToSize(grad: Variable, shape: readonly number[]): Variable {
  const gs = grad.data.shape;
  if (sameShape(gs, shape)) return grad;
  const lead = gs.length - shape.length;
  const dims: number[] = [];
  for (let d = 0; d < gs.length; d++) if (d < lead || (shape[d - lead] === 1 && gs[d] !== 1)) dims.push(d);
  if (dims.length === 0) return grad.reshape([...shape]);
  if (shape.some((s) => s === 0)) return new Variable(zeros([...shape], { dtype: grad.data.dtype, device: grad.data.device }));
  const summed = grad.sum(dims, { keepdim: true });
  return summed.reshape([...shape]);
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
