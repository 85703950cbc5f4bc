// erf as an autograd Function (core has no erf kernel yet): forward evaluates it elementwise in
// float64 JavaScript, backward is 2/√π·exp(-x²)·g in Variable ops (so it is differentiable again).
import { Tensor, tensor, float64 } from '@torch/core';
import { Variable, Function as AutogradFunction } from '@torch/autograd';

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * erf(x) to about 1e-14: the Maclaurin series below 2.5, erfc's continued fraction above.
 * @example erfScalar(1) // 0.8427007929497149
 */
export function erfScalar(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a < 2.5) {
    // erf(x) = 2/√π Σ (-1)^n x^(2n+1) / (n! (2n+1))
    let term = x, sum = x;
    const x2 = x * x;
    for (let n = 1; n < 200; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return TWO_OVER_SQRT_PI * sum;
  }
  if (a > 6) return Math.sign(x);
  // erfc(a) = exp(-a²)/√π · 1/(a + (1/2)/(a + 1/(a + (3/2)/(a + ...)))), evaluated from the tail.
  let t = a;
  for (let n = 120; n >= 1; n--) t = a + n / 2 / t;
  const erfc = Math.exp(-a * a) / (Math.sqrt(Math.PI) * t);
  return Math.sign(x) * (1 - erfc);
}

class Erf extends AutogradFunction {
  override forward(x: Tensor): Tensor {
    this.saveForBackward(x);
    const src = x.double().contiguous().toTypedArray() as Float64Array;
    const out = new Float64Array(src.length);
    for (let i = 0; i < src.length; i++) out[i] = erfScalar(src[i]!);
    const r = tensor(out, { dtype: float64 }).view(x.shape as number[]);
    return r.dtype === x.dtype ? r : r.to(x.dtype);
  }
  override backward(g: Variable): Variable {
    const [x] = this.savedTensors;
    return g.mul(x!.mul(x!).neg().exp().mul(TWO_OVER_SQRT_PI));
  }
}

/**
 * The error function, differentiable.
 * @example nn.functional.erf(x)
 */
export function erf(x: Variable): Variable {
  return Erf.apply(x) as Variable;
}
