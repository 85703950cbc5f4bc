// Shared test helpers: fixture tensors, comparisons, non-contiguous copies.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import * as torch from '@torch/core';
import { Variable } from '@torch/autograd';

export interface TensorSpec { dtype: string; shape: number[]; data: (number | string)[] }

export function loadCases<T>(name: string): T[] {
  return (JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as { cases: T[] }).cases;
}

const dtypes: Record<string, torch.DType> = { float64: torch.float64, float32: torch.float32, int64: torch.int64, bool: torch.bool };

/** The tensor a fixture spec describes. */
export function fromSpec(spec: TensorSpec): torch.Tensor {
  const data = spec.data.map((v) => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : Number(v)));
  return torch.tensor(data, { dtype: dtypes[spec.dtype]! }).reshape(spec.shape);
}

/** The same values with non-contiguous strides (every other element of a buffer twice as large). */
export function nonContiguous(t: torch.Tensor): torch.Tensor {
  if (t.dim() === 0) return t;
  const big = torch.zeros([...t.shape, 2], { dtype: t.dtype });
  const v = big.select(t.dim(), 1);
  v.copy_(t);
  return v;
}

/** Asserts same size and values within tolerance, naming what is compared. */
export function expectClose(actual: torch.Tensor | Variable, expected: torch.Tensor, what: string, rtol = 1e-7, atol = 1e-9): void {
  const a = actual instanceof Variable ? actual.data : actual;
  expect(a.shape, `${what}: size`).toEqual(expected.shape);
  const x = a.double().contiguous().reshape([-1]).tolist() as number[];
  const y = expected.double().contiguous().reshape([-1]).tolist() as number[];
  for (let i = 0; i < x.length; i++) {
    const ok = Number.isNaN(y[i]!) ? Number.isNaN(x[i]!) : Math.abs(x[i]! - y[i]!) <= atol + rtol * Math.abs(y[i]!);
    if (!ok) expect(x[i], `${what}: element ${i} of ${x.length}`).toBe(y[i]);
  }
}

/** snake_case state dict keys of PyTorch to ours (camelCase per name part). */
export const camelKey = (k: string) => k.split('.').map((p) => p.replace(/(?!^)_([a-z0-9])/g, (_, c: string) => c.toUpperCase())).join('.');

export const f64 = { dtype: torch.float64 };
export const randn = (...s: number[]) => torch.randn(s, f64);
export const leaf = (t: torch.Tensor) => new Variable(t, { requiresGrad: true });
