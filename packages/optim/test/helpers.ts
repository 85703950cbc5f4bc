// Shared by the optim tests: the fixture problem, and comparison helpers.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import * as torch from '@torch/core';
import { Variable } from '@torch/autograd';

export const f64 = { dtype: torch.float64 };
export const t64 = (x: any) => torch.tensor(x, f64);

export function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')).cases as T;
}

/** The fixture problem: loss(W, b) = mean((tanh(X W + b) - Y)^2), W [3, 2], b [2], float64. */
export interface Problem { X: number[][]; Y: number[][]; W: number[][]; b: number[] }

export function makeProblem(p: Problem, sign = 1, dtype: torch.DType = torch.float64) {
  const t = (x: any) => torch.tensor(x, f64).to(dtype);
  const X = new Variable(t(p.X));
  const Y = new Variable(t(p.Y));
  const W = new Variable(t(p.W), { requiresGrad: true });
  const b = new Variable(t(p.b), { requiresGrad: true });
  const objective = () => X.mm(W).add(b).tanh().sub(Y).pow(2).mean().mul(sign);
  return { W, b, params: [W, b], objective };
}

/** The Rosenbrock function of a 2-vector Variable, (a - x)² + b (y - x²)². */
export function rosenbrock(xy: Variable, a = 1, b = 100): Variable {
  const x = xy.get(0);
  const y = xy.get(1);
  return x.neg().add(a).pow(2).add(y.sub(x.pow(2)).pow(2).mul(b));
}

export function flatValues(ts: readonly Variable[]): number[] {
  return ts.flatMap((v) => (v.data.reshape(-1).tolist() as number[]));
}

/** Every |a - b| ≤ atol + rtol |b|, reporting the first offender with its index. */
export function expectClose(actual: readonly number[], expected: readonly number[], atol: number, rtol: number, what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) expect.fail(`${what}[${i}]: got ${a}, expected ${e} (diff ${Math.abs(a - e)})`);
  }
}
