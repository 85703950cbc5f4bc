/**
 * Derivatives of the indexing family (core's ops/index_ops.ts, masked.ts, indexing.ts) and advanced
 * indexing on Variables (`get` with tensor/array/mask indices, `set`, `indexPut`). PyTorch 1.13's
 * formulas in Variable ops: a gather's gradient is a scatter-add and the other way round, so every
 * formula is differentiable again. Index and mask arguments are constants (Tensors, or Variables that
 * never require grad).
 */
import { ones, Tensor, TorchTypeError, type Index } from '@torch/core';
import { registry, runOp, type Ctx, type Derivative } from '../record';
import { sumToSize } from '../sum-to-size';
import { Variable } from '../variable';
import { broadcastShape, needs, self, shapeOf, zerosOf, type Arg } from './helpers';

type G = Variable | null;
/** The arguments of the (self, dim, index, source-or-value, options?) ops: indexCopy, indexAdd, indexFill, scatter. */
type DimIndexArgs = [Variable, number, Variable | Tensor, Arg, object?];
/** An index or mask argument as a Tensor. */
const data = (a: unknown): Tensor => (a instanceof Variable ? a.data : (a as Tensor));
/** The gradient of a tensor argument reshaped to its size (0-dim sources of 0-dim selves). */
const like = (g: Variable, a: Arg): Variable => {
  const s = shapeOf(a);
  return g.data.shape.length === s.length ? g : g.reshape([...s]);
};
const isVar = (a: unknown): a is Variable => a instanceof Variable;
const cat = (list: Variable[], dim: number): Variable => runOp(registry.get('cat')!, [list, dim], null) as Variable;

/** An index of `get`/`set` that makes it advanced (a copy, not a view). */
export function isAdvancedIndex(ix: unknown): boolean {
  return ix instanceof Tensor || ix instanceof Variable || Array.isArray(ix);
}
const unwrapIndices = (list: readonly unknown[]): Index[] => list.map((ix) => (ix instanceof Variable ? ix.data : ix)) as Index[];

/** Where an advanced write lands: 0 there, 1 elsewhere (a constant). */
function keepMask(g: Variable, list: Index[]): Tensor {
  return ones(g.data.shape as number[], { dtype: g.data.dtype, device: g.data.device }).set(list, 0);
}

const notDifferentiable = (node: string, why: string) => (): never => {
  throw new TorchTypeError(`${node}: ${why}`);
};

export const indexingDerivatives: Derivative[] = [
  {
    name: 'indexSelect',
    backward: (g: Variable, ctx: Ctx) => [zerosOf(self(ctx).data.shape, g).indexAdd(ctx.args[1] as number, data(ctx.args[2]), g)],
  },
  {
    name: 'indexCopy',
    backward: (g: Variable, ctx: Ctx) => {
      const [, dim, index, source] = ctx.args as DimIndexArgs;
      const i = data(index);
      return [needs(ctx, 0) ? g.indexFill(dim, i, 0) : null, null, null, needs(ctx, 3) ? like(g.indexSelect(dim, i), source) : null];
    },
  },
  {
    name: 'indexAdd',
    backward: (g: Variable, ctx: Ctx) => {
      const [, dim, index, source, o] = ctx.args as DimIndexArgs;
      const alpha = (o as { alpha?: number } | undefined)?.alpha ?? 1;
      const gs = needs(ctx, 3) ? like(g.indexSelect(dim, data(index)), source) : null;
      return [needs(ctx, 0) ? g : null, null, null, gs && alpha !== 1 ? gs.mul(alpha) : gs];
    },
  },
  {
    name: 'indexFill',
    backward: (g: Variable, ctx: Ctx) => {
      const [, dim, index, value] = ctx.args as DimIndexArgs;
      const i = data(index);
      // The value's gradient: each filled slice once (duplicate indices fill it once), as PyTorch.
      const gv = isVar(value) && needs(ctx, 3) ? g.indexSelect(dim, i.reshape([-1]).unique()).sum() : null;
      return [needs(ctx, 0) ? g.indexFill(dim, i, 0) : null, null, null, gv];
    },
  },
  {
    name: 'gather',
    backward: (g: Variable, ctx: Ctx) => [zerosOf(self(ctx).data.shape, g).scatterAdd_(ctx.args[1] as number, data(ctx.args[2]), g)],
  },
  {
    name: 'scatter',
    backward: (g: Variable, ctx: Ctx) => {
      const [, dim, index, src, o] = ctx.args as DimIndexArgs;
      if ((o as { reduce?: string } | undefined)?.reduce !== undefined)
        notDifferentiable('ScatterBackward', "the derivative of scatter with the reduce option is not implemented (as in PyTorch 1.13; use scatterAdd, or scatterReduce's differentiable forms)")();
      const i = data(index);
      return [needs(ctx, 0) ? g.scatter(dim, i, 0) : null, null, null, isVar(src) && needs(ctx, 3) ? g.gather(dim, i) : null];
    },
  },
  {
    name: 'scatterAdd',
    backward: (g: Variable, ctx: Ctx) => [needs(ctx, 0) ? g : null, null, null, needs(ctx, 3) ? g.gather(ctx.args[1] as number, data(ctx.args[2])) : null],
  },
  {
    name: 'maskedSelect',
    backward: (g: Variable, ctx: Ctx) => {
      const x = self(ctx), mask = data(ctx.args[1]);
      const full = zerosOf(broadcastShape(x.data.shape, mask.shape), g).maskedScatter(mask, g);
      return [sumToSize(full, x.data.shape)];
    },
  },
  {
    name: 'maskedFill',
    backward: (g: Variable, ctx: Ctx) => {
      const [x, m, value] = ctx.args as [Variable, unknown, unknown];
      const mask = data(m);
      return [
        needs(ctx, 0) ? sumToSize(g.maskedFill(mask, 0), x.data.shape) : null,
        null,
        isVar(value) && needs(ctx, 2) ? g.maskedSelect(mask).sum() : null,
      ];
    },
  },
  {
    name: 'maskedScatter',
    backward: (g: Variable, ctx: Ctx) => {
      const [x, m, source] = ctx.args as [Variable, unknown, Arg];
      const mask = data(m);
      let gs: G = null;
      if (needs(ctx, 2)) {
        // The first k elements of source were written (k = true mask entries); the rest get zeros.
        const picked = g.maskedSelect(mask);
        const n = shapeOf(source).reduce((a, b) => a * b, 1), k = picked.data.shape[0]!;
        gs = (k < n ? cat([picked, zerosOf([n - k], g)], 0) : picked).reshape([...shapeOf(source)]);
      }
      return [needs(ctx, 0) ? sumToSize(g.maskedFill(mask, 0), x.data.shape) : null, null, gs];
    },
  },
  {
    name: 'take',
    backward: (g: Variable, ctx: Ctx) => [zerosOf(self(ctx).data.shape, g).put(data(ctx.args[1]), g, { accumulate: true })],
  },
  {
    name: 'put',
    backward: (g: Variable, ctx: Ctx) => {
      const [, index, source, o] = ctx.args;
      const i = data(index);
      const acc = !!(o as { accumulate?: boolean } | undefined)?.accumulate;
      const gSelf = needs(ctx, 0) ? (acc ? g : g.put(i, zerosOf(shapeOf(source as Arg), g).data)) : null;
      return [gSelf, null, needs(ctx, 2) ? like(g.take(i), source as Arg) : null];
    },
  },
  { name: 'nonzero', nonDifferentiable: true },
  {
    name: 'indexPut',
    backward: (g: Variable, ctx: Ctx) => {
      const [, indices, values, o] = ctx.args as [Variable, readonly unknown[], unknown, { accumulate?: boolean } | undefined];
      const list = indices.map((ix) => (ix === null || ix === undefined ? ':' : ix instanceof Variable ? ix.data : ix)) as Index[];
      const gSelf = needs(ctx, 0) ? (o?.accumulate ? g : g.mul(keepMask(g, list))) : null;
      return [gSelf, null, isVar(values) && needs(ctx, 2) ? sumToSize(g.get(...list), values.data.shape) : null];
    },
  },
  {
    // Variable.set with advanced indices (an in-place write at gathered positions; basic `set` writes through a view).
    name: 'setAdvanced',
    nodeName: 'IndexPutBackward',
    isFunction: true,
    inplaceOnly: true,
    forward: (t: Tensor, list: Index[], value: Tensor | number | boolean, o?: { accumulate?: boolean }) => t.set(list, value, o),
    backward: (g: Variable, ctx: Ctx) => {
      const [, indices, value, o] = ctx.args as [Variable, readonly unknown[], unknown, { accumulate?: boolean } | undefined];
      const list = unwrapIndices(indices);
      const gSelf = needs(ctx, 0) ? (o?.accumulate ? g : g.mul(keepMask(g, list))) : null;
      return [gSelf, null, isVar(value) && needs(ctx, 2) ? sumToSize(g.get(...list), value.data.shape) : null];
    },
  },
];

/**
 * The gradient of `get(...indices)`: basic indices view the input (the gradient is written through the
 * same view of zeros); advanced ones gather copies (the gradient is added back, duplicates summed).
 * @internal
 */
export function getBackward(g: Variable, shape: readonly number[], indices: readonly unknown[]): Variable {
  const z = zerosOf(shape, g);
  if (indices.some(isAdvancedIndex)) return z.set(unwrapIndices(indices), g, { accumulate: true });
  (z.get(...(indices as Index[])) as Variable).copy_(g);
  return z;
}

/** Variable.set: basic indices write through a view (CopySlices); advanced ones are one recorded in-place op. */
export function installIndexingDispatch(proto: Record<string, unknown>): void {
  const setAdvanced = registry.get('setAdvanced')!;
  proto.set = function (this: Variable, indices: Index | Index[], value: Variable | Tensor | number | boolean, options?: { accumulate?: boolean }) {
    const list = Array.isArray(indices) ? indices : [indices];
    if (list.some(isAdvancedIndex)) return runOp(setAdvanced, [this, list, value, options], this);
    const target = this.get(...list);
    if (options?.accumulate) target.add_(value as Variable);
    else if (typeof value === 'number' || typeof value === 'boolean') target.fill_(value);
    else target.copy_(value);
    return this;
  };
}
