// The types of the Variable methods derived from the op table: each is the Tensor method of the same name
// with Tensor arguments accepting Variables (or Tensors, as constants) and Tensor results becoming Variables.
import type { Tensor, ElementwiseMethods } from '@torch/core';
import type { Variable } from './variable';

type LiftArg<T> = T extends Tensor ? Variable | Tensor : T extends readonly Tensor[] ? readonly (Variable | Tensor)[] : T;
export type LiftArgs<A extends unknown[]> = { [I in keyof A]: LiftArg<A[I]> };
export type LiftResult<R> = R extends Tensor
  ? Variable
  : R extends Tensor[]
    ? Variable[]
    : R extends { values: Tensor; indices: Tensor }
      ? { readonly values: Variable; readonly indices: Variable } & Iterable<Variable> // sort, topk, kthvalue, mode
      : R extends Iterable<Tensor>
        ? { readonly [K in Exclude<keyof R, typeof Symbol.iterator>]: Variable } & Iterable<Variable> // LAPACK named tuples: { Q, R }, { U, S, V }, ...
        : R extends Record<string, Tensor>
          ? { [K in keyof R]: Variable }
          : R;
/**
 * The signatures of a function with up to six overloads, as [parameters, result] pairs (a function with
 * fewer repeats its signatures, which is harmless once they are intersected again).
 */
export type Signatures<F> = F extends {
  (...a: infer A1): infer R1; (...a: infer A2): infer R2; (...a: infer A3): infer R3; (...a: infer A4): infer R4; (...a: infer A5): infer R5; (...a: infer A6): infer R6;
} ? [A1, R1] | [A2, R2] | [A3, R3] | [A4, R4] | [A5, R5] | [A6, R6] : never;
type Intersect<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type LiftSignature<S> = S extends [infer A extends unknown[], infer R] ? (...args: LiftArgs<A>) => LiftResult<R> : never;
/** A Tensor method as a Variable method: every overload kept (`v.sum(1, true)` as `t.sum(1, true)`), Tensors in and out lifted. */
export type Lift<F> = Intersect<LiftSignature<Signatures<F>>>;

/** Names of the view, shape, linear algebra, LAPACK, join and copy methods Variables have besides the elementwise table. */
export type OtherMethodName =
  | 'view' | 'viewAs' | 'reshape' | 'transpose' | 't' | 'permute' | 'narrow' | 'select' | 'squeeze' | 'unsqueeze'
  | 'expand' | 'expandAs' | 'flatten' | 'unfold' | 'get'
  | 'mm' | 'mv' | 'dot' | 'bmm' | 'matmul' | 'addmm' | 'addmv' | 'addr' | 'baddbmm' | 'addbmm'
  | 'addmm_' | 'addmv_' | 'addr_' | 'baddbmm_' | 'addbmm_'
  | 'split' | 'chunk' | 'unbind' | 'repeat' | 'flip' | 'roll' | 'tril' | 'triu' | 'tril_' | 'triu_' | 'diag' | 'trace' | 'cross' | 'where' | 'histc'
  | 'clone' | 'contiguous' | 'float' | 'double' | 'half' | 'to' | 'cpu' | 'typeAs' | 'copy_' | 'fill_' | 'zero_'
  | 'long' | 'int' | 'short' | 'char' | 'byte' | 'bool'
  | 'inverse' | 'det' | 'logdet' | 'slogdet' | 'cholesky' | 'choleskySolve' | 'choleskyInverse' | 'triangularSolve'
  | 'qr' | 'svd' | 'symeig' | 'eig' | 'pinverse' | 'matrixPower' | 'gesv' | 'gels' | 'potrf' | 'potrs' | 'potri' | 'trtrs'
  | 'sum' | 'prod' | 'mean' | 'var' | 'std' | 'norm' | 'dist' | 'renorm' | 'renorm_' | 'logsumexp' | 'all' | 'any' | 'argmax' | 'argmin'
  | 'cumsum' | 'cumsum_' | 'cumprod' | 'cumprod_' | 'softmax' | 'logSoftmax' | 'mode' | 'kthvalue' | 'sort' | 'argsort' | 'topk' | 'unique'
  | 'indexSelect' | 'indexCopy' | 'indexCopy_' | 'indexAdd' | 'indexAdd_' | 'indexFill' | 'indexFill_' | 'gather' | 'scatter' | 'scatter_'
  | 'scatterAdd' | 'scatterAdd_' | 'maskedSelect' | 'maskedFill' | 'maskedFill_' | 'maskedScatter' | 'maskedScatter_' | 'take' | 'put' | 'put_'
  | 'nonzero' | 'indexPut' | 'indexPut_';

/** Every Variable method derived from the op table. */
type Overloaded = 'max' | 'min';
/** The values/indices pair of max(dim), sort, topk, ...: values differentiable, indices int64 Variables. */
export type VariableValuesIndices = { readonly values: Variable; readonly indices: Variable } & Iterable<Variable>;
type DimOptions = { dim?: number; keepdim?: boolean };

export type VariableMethods = { [K in Exclude<keyof ElementwiseMethods, Overloaded>]: Lift<ElementwiseMethods[K]> } & {
  /** All elements (gradient split among ties), along a dim ({ values, indices }), or elementwise with a tensor. */
  max(): Variable;
  max(dim: number, options?: DimOptions): VariableValuesIndices;
  max(dim: number, keepdim: boolean): VariableValuesIndices;
  max(options: DimOptions & { dim: number }): VariableValuesIndices;
  max(other: Variable | Tensor): Variable;
  /** See max. */
  min(): Variable;
  min(dim: number, options?: DimOptions): VariableValuesIndices;
  min(dim: number, keepdim: boolean): VariableValuesIndices;
  min(options: DimOptions & { dim: number }): VariableValuesIndices;
  min(other: Variable | Tensor): Variable;
  /** The lower median of all elements (gradient split among ties), or { values, indices } along a dim. */
  median(): Variable;
  median(dim: number, options?: DimOptions): VariableValuesIndices;
  median(dim: number, keepdim: boolean): VariableValuesIndices;
  median(options: DimOptions & { dim: number }): VariableValuesIndices;
} & {
  [K in OtherMethodName]: Lift<Tensor[K]>;
} & {
  /**
   * Writes `value` through basic indexing (recorded as an in-place op on a view) or advanced indexing
   * (one recorded in-place op; `accumulate` adds, duplicates summed). @example h.set([0, ':'], x)
   */
  set(indices: Parameters<Tensor['set']>[0], value: Variable | Tensor | number | boolean, options?: { accumulate?: boolean }): Variable;
  /** squeeze in place: this Variable's own sizes change (recorded like squeeze). @example v.squeeze_(0) */
  squeeze_(dim?: number): Variable;
  /** unsqueeze in place. @example v.unsqueeze_(0) */
  unsqueeze_(dim: number): Variable;
  /** t() in place. @example m.t_() */
  t_(): Variable;
  /** transpose in place. @example m.transpose_(0, 1) */
  transpose_(dim0: number, dim1: number): Variable;
  /** Same sizes and values as the other's data. @example a.equal(b) */
  equal(other: Variable | Tensor): boolean;
  /** Bytes per element of the data. @example v.elementSize() */
  elementSize(): number;
  /** True for a signed dtype. @example v.isSigned() */
  isSigned(): boolean;
  /** A new Tensor of the data's dtype (see Tensor.new). @example v.new(2, 3) */
  'new'(...args: unknown[]): Tensor;
};
