/**
 * Torch7's nn.Jacobian discipline: compare the Jacobian a module's backward gives with one from finite
 * differences. Run it in float64 (`module.double()`, double inputs).
 */
import { float64, TorchTypeError, type Tensor } from '@torch/core';
import type { Module } from './module';

/** The Jacobian [n(wrt), n(output)] by backward: column j is the gradient of output element j. */
function backwardJacobian(module: Module, input: Tensor, wrt: Tensor, grad: Tensor | null): Tensor {
  const out = module.forward(input) as Tensor;
  const jac = wrt.new().resize_(wrt.numel(), out.numel());
  const direction = out.clone().zero_();
  for (let j = 0; j < out.numel(); j++) {
    direction.view(-1).zero_().set(j, 1);
    module.zeroGradParameters();
    const gx = module.backward(input, direction) as Tensor;
    jac.select(1, j).copy_((grad ?? gx).reshape(-1));
  }
  return jac;
}

/** The same matrix from central differences, perturbing `wrt` in place. */
function finiteDifferenceJacobian(module: Module, input: Tensor, wrt: Tensor, eps: number): Tensor {
  const n = (module.forward(input) as Tensor).numel();
  const jac = wrt.new().resize_(wrt.numel(), n);
  const flat = wrt.view(-1);
  for (let i = 0; i < wrt.numel(); i++) {
    const orig = flat.get(i).item();
    flat.set(i, orig - eps);
    const minus = (module.forward(input) as Tensor).clone().reshape(-1);
    flat.set(i, orig + eps);
    const plus = (module.forward(input) as Tensor).clone().reshape(-1);
    flat.set(i, orig);
    jac.select(0, i).copy_(plus.sub_(minus).div_(2 * eps));
  }
  return jac;
}

/** Finite differences need float64, and the perturbed tensor must be contiguous (it is changed in place). */
function checkPerturbable(op: string, t: Tensor): void {
  if (t.dtype !== float64) throw new TorchTypeError(`${op}: use float64 (module.double() and a float64 input), got ${t.dtype.name}`);
  if (!t.isContiguous()) throw new TorchTypeError(`${op}: the perturbed tensor must be contiguous`);
}

/**
 * The largest difference between the input Jacobian from `backward` and from finite differences.
 * @example
 * const m = new nn.Tanh();
 * torch.legacy.nn.testJacobian(m, torch.randn(5, { dtype: torch.float64 })) < 1e-6;   // true
 */
export function testJacobian(module: Module, input: Tensor, eps = 1e-6): number {
  checkPerturbable('testJacobian', input);
  const fd = finiteDifferenceJacobian(module, input, input, eps);
  const bp = backwardJacobian(module, input, input, null);
  return fd.sub(bp).abs().max().item();
}

/**
 * The largest difference between the Jacobian of the output with respect to `param` (e.g. `m.weight`) from
 * `accGradParameters` (read in `gradParam`) and from finite differences.
 * @example torch.legacy.nn.testJacobianParameters(lin, x, lin.weight, lin.gradWeight) < 1e-6
 */
export function testJacobianParameters(module: Module, input: Tensor, param: Tensor, gradParam: Tensor, eps = 1e-6): number {
  checkPerturbable('testJacobianParameters', param);
  const fd = finiteDifferenceJacobian(module, input, param, eps);
  const bp = backwardJacobian(module, input, param, gradParam);
  return fd.sub(bp).abs().max().item();
}
