/**
 * Derivatives of the view ops (core's ops/views.ts and basic indexing). Views share storage with
 * their input; `view: true` makes the Variable remember its base, so in-place writes through a view
 * reach the base's gradient (record.ts, CopySlices).
 */
import type { Derivative, Ctx } from '../record';
import { sumToSize } from '../sum-to-size';
import type { Variable } from '../variable';
import { self, viewBackward, zerosOf } from './helpers';
import { getBackward } from './indexing';

const reshapeBack = (g: Variable, ctx: Ctx) => [g.reshape(self(ctx).data.shape)];

function dimsOf(args: unknown[]): number[] {
  return (args.length === 1 && Array.isArray(args[0]) ? args[0] : args) as number[];
}

export const viewDerivatives: Derivative[] = [
  { name: 'view', view: true, replayAs: 'reshape', backward: reshapeBack },
  { name: 'viewAs', view: true, backward: reshapeBack },
  { name: 'reshape', view: true, backward: reshapeBack },
  { name: 'squeeze', view: true, backward: reshapeBack },
  { name: 'unsqueeze', view: true, backward: reshapeBack },
  { name: 'flatten', view: true, backward: reshapeBack },
  { name: 'transpose', view: true, backward: (g: Variable, ctx: Ctx) => [g.transpose(ctx.args[1] as number, ctx.args[2] as number)] },
  { name: 't', view: true, backward: (g: Variable) => [g.t()] },
  {
    name: 'permute',
    view: true,
    backward: (g: Variable, ctx: Ctx) => {
      const dims = dimsOf(ctx.args.slice(1));
      const nd = dims.length;
      const inverse = new Array<number>(nd);
      dims.forEach((d, i) => (inverse[d < 0 ? d + nd : d] = i));
      return [g.permute(inverse)];
    },
  },
  { name: 'expand', view: true, backward: (g: Variable, ctx: Ctx) => [sumToSize(g, self(ctx).data.shape)] },
  { name: 'expandAs', view: true, backward: (g: Variable, ctx: Ctx) => [sumToSize(g, self(ctx).data.shape)] },
  {
    name: 'narrow',
    view: true,
    backward: (g: Variable, ctx: Ctx) => {
      const [, dim, start, length] = ctx.args as [Variable, number, number, number];
      return [viewBackward(g, self(ctx).data.shape, (z) => z.narrow(dim, start, length))];
    },
  },
  {
    name: 'select',
    view: true,
    backward: (g: Variable, ctx: Ctx) => {
      const [, dim, index] = ctx.args as [Variable, number, number];
      return [viewBackward(g, self(ctx).data.shape, (z) => z.select(dim, index))];
    },
  },
  {
    name: 'get',
    view: true,
    // Basic indices view self; advanced ones (tensors, arrays, masks) gather a copy: derivatives/indexing.ts.
    backward: (g: Variable, ctx: Ctx) => [getBackward(g, self(ctx).data.shape, ctx.args.slice(1))],
  },
  {
    name: 'unfold',
    view: true,
    backward: (g: Variable, ctx: Ctx) => {
      const x = self(ctx);
      const [, dimArg, size, step] = ctx.args as [unknown, number, number, number];
      const nd = x.data.shape.length;
      if (nd === 0) return [g.reshape([])];
      const dim = dimArg < 0 ? dimArg + nd : dimArg;
      // Windows may overlap (step < size), so each window's gradient is added into its slice.
      const total = zerosOf(x.data.shape, g);
      const windows = g.data.shape[dim]!;
      for (let w = 0; w < windows; w++) {
        // Window w: [...before, ...after, size] -> [...before, size, ...after]
        const piece = g.select(dim, w).unsqueeze(dim).transpose(dim, -1).squeeze(-1);
        total.narrow(dim, w * step, size).add_(piece);
      }
      return [total];
    },
  },
];
