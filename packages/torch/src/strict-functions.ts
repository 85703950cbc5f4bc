// The torch.* functions that are Tensor methods of their first argument and take no Variables (so
// variable-functions.ts does not wrap them): checked against their op's declared signature here.
import * as core from '@torch/core';

function checked<F extends (...args: never[]) => unknown>(name: string, fn: F): F {
  return core.checkedFunction(name, core.methodSignatures().get(name)!, fn as never) as unknown as F;
}

/** @see core.numpy @example torch.numpy(t) */
export const numpy = checked('numpy', core.numpy);
/** @see core.toTypedArray @example torch.toTypedArray(t, { copy: true }) */
export const toTypedArray = checked('toTypedArray', core.toTypedArray);
/** @see core.bernoulli @example torch.bernoulli(torch.full([3], 0.5)) */
export const bernoulli = checked('bernoulli', core.bernoulli);
/** @see core.multinomial @example torch.multinomial(torch.tensor([0.2, 0.8]), 4, { replacement: true }) */
export const multinomial = checked('multinomial', core.multinomial);
/** @see core.apply_ @example torch.apply_(t, (v) => v * 2) */
export const apply_ = checked('apply_', core.apply_);
/** @see core.map_ @example torch.map_(a, b, (x, y) => x + y) */
export const map_ = checked('map_', core.map_);
/** @see core.map2_ @example torch.map2_(a, b, c, (x, y, z) => x + y * z) */
export const map2_ = checked('map2_', core.map2_);
