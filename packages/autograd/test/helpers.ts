import * as torch from '@torch/core';
import { Variable } from '../src/index';

torch.manualSeed(0);

/** A float64 leaf requiring grad, uniform in [lo, hi). */
export function v(shape: number[], lo = -1, hi = 1, requiresGrad = true): Variable {
  return new Variable(torch.rand(shape, { dtype: torch.float64 }).mul(hi - lo).add(lo), { requiresGrad });
}

/** The same values as a non-contiguous leaf (a transposed view of a fresh tensor). */
export function nc(shape: [number, number], lo = -1, hi = 1): Variable {
  const t = torch.rand([shape[1], shape[0]], { dtype: torch.float64 }).mul(hi - lo).add(lo).t();
  return new Variable(t, { requiresGrad: true });
}

export const f64 = { dtype: torch.float64 };
