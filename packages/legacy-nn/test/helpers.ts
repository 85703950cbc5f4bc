// Shared by the legacy nn tests: float64 inputs and the largest Jacobian error of a module, over its
// input and every parameter (Torch7's nn.Jacobian tests).
import * as core from '@torch/core';
import { nn } from '../src/index';

/** A float64 tensor of standard normal values. */
export const randn = (...shape: number[]) => core.randn(shape, { dtype: core.float64 });

/** The module in float64; the largest error of its input and parameter Jacobians at x. */
export function jacobians(m: nn.Module, x: core.Tensor): number {
  m.double();
  const errs = [nn.testJacobian(m, x)];
  const pg = m.parameters();
  if (pg) pg[0].forEach((p, i) => errs.push(nn.testJacobianParameters(m, x, p, pg[1][i]!)));
  return Math.max(...errs);
}
