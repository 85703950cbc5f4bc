/**
 * @torch/autograd: Variable, the tape-based backward engine, custom Functions, hooks, grad modes and
 * gradcheck. Users normally reach it as `torch.autograd` through the umbrella package.
 * @example
 * import * as torch from 'torch';
 * const { Variable } = torch.autograd;
 * const w = new Variable(torch.randn(3, 2), { requiresGrad: true });
 * const x = new Variable(torch.randn(4, 3));
 * const loss = x.mm(w).tanh().trace();   // any differentiable op
 * loss.backward();
 * w.grad!.data;                           // d loss / d w
 * @packageDocumentation
 */
import { Tensor, TorchTypeError, checkedMethod, methodSignatures, parseSignature, registerRequiresGradHook } from '@torch/core';
import { registry, register, runOp, type Derivative } from './record';
import { installBackwardEngine, Variable } from './variable';
import { backward as engineBackward } from './engine';
import { installInplaceViews } from './inplace-views';
import { unaryDerivatives, binaryDerivatives, ternaryDerivatives } from './derivatives/elementwise';
import { viewDerivatives } from './derivatives/views';
import { linalgDerivatives } from './derivatives/linalg';
import { joinDerivatives, catV, stackV } from './derivatives/join';
import { copyDerivatives } from './derivatives/copy';
import { lapackDerivatives, solveV, lstsqV } from './derivatives/lapack';
import { reduceDerivatives, installReduceDispatch } from './derivatives/reduce';
import { softmaxDerivatives } from './derivatives/softmax';
import { indexingDerivatives, installIndexingDispatch } from './derivatives/indexing';
import { nnDerivatives } from './derivatives/nn';

// Variable reaches the engine through a slot (no variable <-> engine import cycle).
installBackwardEngine(engineBackward);

// One derivative file per op family; a new family adds its file here.
register(unaryDerivatives);
register(binaryDerivatives);
register(ternaryDerivatives);
register(viewDerivatives);
register(linalgDerivatives);
register(joinDerivatives);
register(copyDerivatives);
register(lapackDerivatives);
register(reduceDerivatives);
register(softmaxDerivatives);
register(indexingDerivatives);
register(nnDerivatives);

installVariableMethods(Variable.prototype as unknown as Record<string, unknown>);
installInplaceViews(Variable.prototype as unknown as Record<string, unknown>);

/** Puts a method (and its in-place `_` form where Tensor has one) on Variable for every derivative entry. */
function installVariableMethods(proto: Record<string, unknown>): void {
  const tensorProto = Tensor.prototype as unknown as Record<string, unknown>;
  for (const d of registry.values()) {
    if (d.isFunction) continue;
    if (d.inplaceOnly) {
      proto[d.name] = function (this: Variable, ...args: unknown[]) {
        return runOp(d, [this, ...args], this);
      };
      continue;
    }
    proto[d.name] = function (this: Variable, ...args: unknown[]) {
      return runOp(d, [this, ...args], null);
    };
    if (typeof tensorProto[`${d.name}_`] === 'function' && !d.view && !d.multiOutput)
      proto[`${d.name}_`] = function (this: Variable, ...args: unknown[]) {
        return runOp(d, [this, ...args], this);
      };
  }
  // Ops whose Tensor method takes several forms (max(), max(dim), max(other); basic and advanced set).
  installReduceDispatch(proto);
  installIndexingDispatch(proto);
}

/** The signatures of Variable's own methods (the derived ones share their Tensor method's, from core). */
const VARIABLE_DECLARATIONS: Record<string, string> = {
  size: 'dim', dim: '', numel: '', item: '', tolist: '', isContiguous: '', type: 'dtype', toString: '',
  backward: 'gradient | retainGraph retainVariables createGraph', detach: '', detach_: '', registerHook: 'fn', retainGrad: '', requiresGrad_: 'value',
};

/**
 * Wraps every Variable method with the checks of its declared signature: a method derived from a Tensor
 * op gets that op's, so `v.sum(1, true)` is folded to `{ keepdim: true }` before it is recorded (the
 * backward formula sees the same arguments as the forward). Returns the names left unchecked (none).
 */
function installVariableArgChecks(proto: Record<string, unknown>): string[] {
  const tensorSigs = methodSignatures();
  const unchecked: string[] = [];
  for (const name of Object.getOwnPropertyNames(proto)) {
    const desc = Object.getOwnPropertyDescriptor(proto, name)!;
    if (name === 'constructor' || name.startsWith('_') || typeof desc.value !== 'function') continue;
    const own = VARIABLE_DECLARATIONS[name];
    const sig = own !== undefined ? parseSignature(own) : tensorSigs.get(name);
    if (sig === undefined) {
      unchecked.push(name);
      continue;
    }
    Object.defineProperty(proto, name, { ...desc, value: checkedMethod(name, sig, desc.value as (...a: unknown[]) => unknown) });
  }
  return unchecked;
}

// torch.tensor([1.5], { requiresGrad: true }) and the other factories return leaf Variables.
registerRequiresGradHook((t) => new Variable(t, { requiresGrad: true }) as unknown as Tensor);
installVariableArgChecks(Variable.prototype as unknown as Record<string, unknown>);

/**
 * Concatenates Variables (or Tensors) along dim, recorded for backward.
 * @example torch.autograd.cat([h1, h2], 1)
 */
export function cat(tensors: readonly (Variable | Tensor)[], dim = 0): Variable {
  return catV(tensors, dim);
}

/**
 * Stacks Variables along a new dim, recorded for backward.
 * @example torch.autograd.stack(outputs, 0)
 */
export function stack(tensors: readonly (Variable | Tensor)[], dim = 0): Variable {
  return stackV(tensors, dim);
}

/**
 * `condition ? x : y` elementwise, recorded for backward (x or y may be numbers).
 * @example torch.autograd.where(x.data.gt(0), x, 0)
 */
export function where(condition: Tensor | Variable, x: Variable | Tensor | number, y: Variable | Tensor | number): Variable {
  const cond = condition instanceof Variable ? condition.data : condition;
  if (x instanceof Variable || x instanceof Tensor) return (x instanceof Variable ? x : new Variable(x)).where(cond, y);
  if (y instanceof Variable || y instanceof Tensor) return (y instanceof Variable ? y : new Variable(y)).where(cond.eq(0), x);
  throw new TorchTypeError('where: x or y must be a Variable or Tensor');
}

/**
 * `base ** exponent` with a number base (PyTorch's `torch.pow(2, x)`), recorded for backward: the
 * gradient reaching the exponent is base^x ln(base).
 * @example const y = torch.autograd.pow(2, x); y.sum().backward(); x.grad
 */
export function pow(base: number, exponent: Variable | Tensor, options?: { out?: Tensor }): Variable {
  if (typeof base !== 'number' && typeof base !== 'boolean') throw new TorchTypeError(`pow: base must be a number, got ${typeof base}`);
  return runOp(registry.get('powScalarBase')!, options === undefined ? [base, exponent] : [base, exponent, options], null) as Variable;
}

/**
 * Solves A X = B (core's `torch.solve(A, B)` argument order), recorded for backward: gradients reach
 * A and B, through batch broadcasting and vector B.
 * @example const x = torch.autograd.solve(A, b); x.backward(torch.ones(3)); A.grad
 */
export function solve(a: Variable | Tensor, b: Variable | Tensor): Variable {
  return solveV(a, b);
}

/**
 * Least squares / minimum norm solution of A X = B (core's gels-driven `torch.lstsq(A, B)`), recorded
 * for backward: as PyTorch 1.13's torch.linalg.lstsq, the solution is differentiable (A⁺ B for
 * full-rank A); residuals, rank and singularValues are not.
 * @example const { solution } = torch.autograd.lstsq(A, b); solution.backward(torch.ones(2));
 */
export function lstsq(a: Variable | Tensor, b: Variable | Tensor): Record<'solution' | 'residuals' | 'rank' | 'singularValues', Variable> {
  return lstsqV(a, b);
}

/**
 * The names of every op with an entry in the derivative registry, and whether it is differentiable.
 * @example torch.autograd.derivativeNames().get('mul') // true
 */
export function derivativeNames(): Map<string, boolean> {
  return new Map([...registry.values()].map((d: Derivative) => [d.name, !d.nonDifferentiable]));
}

export { Variable, type VariableOptions } from './variable';
export { Function, type FunctionArgs, type FunctionResult } from './function';
export { Node, AccumulateGrad, formatGraph, type Grad, type RemovableHandle, type VariableHook, type NodeHook, type NodePreHook } from './node';
export { backward, grad, type BackwardOptions, type GradOptions } from './engine';
export { noGrad, enableGrad, setGradEnabled, isGradEnabled } from './grad-mode';
export { gradcheck, gradgradcheck, type GradcheckOptions } from './gradcheck';
export type { VariableMethods, Lift, LiftArgs, LiftResult, Signatures } from './method-types';
export type { Derivative, Ctx, GradsByArg } from './record';
export { sumToSize } from './sum-to-size';
export {
  conv1d, conv2d, conv3d, convTranspose1d, convTranspose2d, convTranspose3d, maxPool1d, maxPool2d, maxPool3d, avgPool1d, avgPool2d, avgPool3d,
  adaptiveAvgPool1d, adaptiveAvgPool2d, adaptiveMaxPool1d, adaptiveMaxPool2d, maxUnpool1d, maxUnpool2d, maxUnpool3d, batchNorm, instanceNorm,
  fractionalMaxPool2d,
} from './nn-functions';
