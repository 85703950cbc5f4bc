// Shared helpers of the functional files.
import { Tensor, TorchTypeError, integerDtypeHint } from '@torch/core';
import { Variable } from '@torch/autograd';

/** Inputs may be Variables or (as constants) Tensors; everything downstream works on Variables. */
export function asVar(op: string, x: unknown, name = 'input'): Variable {
  if (x instanceof Variable) return x;
  if (x instanceof Tensor) return new Variable(x);
  throw new TorchTypeError(`${op}: ${name} must be a Variable or a Tensor, got ${x === null ? 'null' : typeof x}`);
}

/** A Variable, Tensor or null/undefined (optional weights and biases). */
export function optVar(op: string, x: unknown, name: string): Variable | null {
  return x === null || x === undefined ? null : asVar(op, x, name);
}

/** Checks a floating point input (layers compute in float). */
export function checkFloat(op: string, x: Variable, name = 'input'): void {
  if (!x.data.dtype.isFloatingPoint) throw new TorchTypeError(`${op}: expected a floating point ${name}, got ${x.data.dtype}${integerDtypeHint(x.data.dtype)}`);
}

/** What each functional accepts where PyTorch takes a tensor. */
export type VarLike = Variable | Tensor;
