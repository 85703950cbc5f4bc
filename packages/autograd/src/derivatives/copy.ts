// Derivatives of copies and dtype conversions (core's ops/copy.ts): the gradient goes back unchanged,
// cast to the input's dtype. Conversions to integer types give results that never require grad.
import type { Derivative, Ctx } from '../record';
import { sumToSize } from '../sum-to-size';
import { Variable } from '../variable';
import { needs, self } from './helpers';

const same = (g: Variable) => [g];
const castBack = (g: Variable, ctx: Ctx) => {
  const x = self(ctx).data;
  // Back to the input's dtype and device (to('meta'), cpu() move devices; one Device object per device).
  return [g.data.dtype === x.dtype && g.data.device === x.device ? g : g.to(x.device, x.dtype)];
};

export const copyDerivatives: Derivative[] = [
  { name: 'clone', backward: same },
  // contiguous() and same-dtype conversions return self's tensor: a view of it, for in-place tracking.
  { name: 'contiguous', view: true, backward: same },
  { name: 'float', view: true, backward: castBack },
  { name: 'double', view: true, backward: castBack },
  { name: 'half', view: true, backward: castBack },
  { name: 'to', view: true, backward: castBack },
  { name: 'cpu', view: true, backward: castBack },
  { name: 'typeAs', view: true, backward: castBack },
  ...['long', 'int', 'short', 'char', 'byte', 'bool'].map((name): Derivative => ({ name, nonDifferentiable: true })),
  {
    name: 'copy_',
    inplaceOnly: true,
    backward: (g: Variable, ctx: Ctx) => {
      const src = ctx.args[1];
      if (!needs(ctx, 1) || !(src instanceof Variable)) return [null, null];
      const gs = g.data.dtype === src.data.dtype ? g : g.to(src.data.dtype);
      // self's old value is overwritten: no gradient reaches it.
      return [null, sumToSize(gs, src.data.shape)];
    },
  },
  { name: 'fill_', inplaceOnly: true, backward: () => [null] },
  { name: 'zero_', inplaceOnly: true, backward: () => [null] },
];
