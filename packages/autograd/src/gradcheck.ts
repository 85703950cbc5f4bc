/**
 * gradcheck / gradgradcheck: compare the gradients autograd computes with central finite differences.
 * Use float64 inputs; the tolerances are PyTorch's defaults.
 */
import { float64, randn, Tensor, TorchTypeError, zeros } from '@torch/core';
import { grad } from './engine';
import { Variable } from './variable';

/** Options of gradcheck and gradgradcheck. */
export interface GradcheckOptions {
  /** Finite-difference step. Default 1e-6. */
  eps?: number;
  /** Absolute tolerance. Default 1e-5. */
  atol?: number;
  /** Relative tolerance. Default 1e-3. */
  rtol?: number;
  /** Throw with the mismatching Jacobians (default) rather than return false. */
  raiseException?: boolean;
}

/** The function under test: called with `inputs`, returning Variables. */
type Fn<A extends unknown[] = unknown[]> = (...inputs: A) => Variable | Variable[];

function outputsOf(fn: Fn, inputs: unknown[]): Variable[] {
  const r = fn(...inputs);
  return (Array.isArray(r) ? r : [r]).filter((v) => v instanceof Variable);
}

/** Storage offsets of a tensor's elements in row-major order. */
function offsets(t: Tensor): number[] {
  const out: number[] = [];
  const nd = t.shape.length;
  const idx = new Array<number>(nd).fill(0);
  const n = t.numel();
  for (let k = 0; k < n; k++) {
    let off = t._offset;
    for (let d = 0; d < nd; d++) off += idx[d]! * t._strides[d]!;
    out.push(off);
    for (let d = nd - 1; d >= 0; d--) {
      if (++idx[d]! < t.shape[d]!) break;
      idx[d] = 0;
    }
  }
  return out;
}

function flat(t: Tensor): number[] {
  return offsets(t).map((o) => Number(t._storage.data[o]));
}

/**
 * Checks the analytical Jacobian of fn (from backward) against central differences, for every input
 * Variable that requires grad. Returns true, or throws (or returns false) naming the mismatch.
 * @example
 * const x = new Variable(torch.randn(3, { dtype: torch.float64 }), { requiresGrad: true });
 * torch.autograd.gradcheck((a) => a.mul(a).sin(), [x]); // true
 */
export function gradcheck<A extends unknown[]>(func: Fn<A>, inputs: [...A], options?: GradcheckOptions): boolean {
  const fn = func as Fn<unknown[]>; // called with inputs only, which are an A
  const eps = options?.eps ?? 1e-6, atol = options?.atol ?? 1e-5, rtol = options?.rtol ?? 1e-3;
  const raise = options?.raiseException ?? true;
  const diff = inputs.map((a, i) => [a, i] as const).filter(([a]) => a instanceof Variable && a.requiresGrad) as [Variable, number][];
  if (diff.length === 0) throw new TorchTypeError('gradcheck: no input requires grad');
  for (const [v, i] of diff) {
    if (v.data.dtype !== float64) console.warn(`gradcheck: input ${i} is ${v.data.dtype}, not float64; the check may fail from rounding alone`);
    const offs = offsets(v.data);
    if (new Set(offs).size !== offs.length) throw new TorchTypeError(`gradcheck: input ${i} has overlapping memory (an expanded tensor); pass a contiguous copy and expand inside fn`);
  }
  const outs = outputsOf(fn, inputs);
  const outSizes = outs.map((o) => o.numel());

  // Numerical: one column per input element, by perturbing it in place.
  const numerical: number[][][][] = diff.map(([v]) => {
    const data = v.data._storage.data as Float64Array;
    return offsets(v.data).map((off) => {
      const orig = data[off]!;
      data[off] = orig + eps;
      const plus = outputsOf(fn, inputs).map((o) => flat(o.data));
      data[off] = orig - eps;
      const minus = outputsOf(fn, inputs).map((o) => flat(o.data));
      data[off] = orig;
      return plus.map((p, k) => p.map((x, e) => (x - minus[k]![e]!) / (2 * eps)));
    });
  });

  // Analytical: one backward per output element.
  for (let k = 0; k < outs.length; k++) {
    const o = outs[k]!;
    for (let e = 0; e < outSizes[k]!; e++) {
      let row: (Variable | null)[];
      if (o.requiresGrad) {
        const go = zeros([o.numel()], { dtype: o.data.dtype });
        go.set([e], 1);
        row = grad([o], diff.map(([v]) => v), [go.view(o.data.shape)], { retainGraph: true, allowUnused: true });
      } else row = diff.map(() => null);
      for (let j = 0; j < diff.length; j++) {
        const [v, i] = diff[j]!;
        const a = row[j] ? flat(row[j]!.data) : new Array<number>(v.numel()).fill(0);
        for (let q = 0; q < a.length; q++) {
          const n = numerical[j]![q]![k]![e]!;
          const an = a[q]!;
          const ok = Math.abs(an - n) <= atol + rtol * Math.abs(n) || (Number.isNaN(an) && Number.isNaN(n));
          if (!ok) {
            const msg = `gradcheck: Jacobian mismatch for output ${k} with respect to input ${i}, at input element ${q} and output element ${e}: numerical ${n}, analytical ${an} (atol ${atol}, rtol ${rtol})`;
            if (raise) throw new Error(msg);
            return false;
          }
        }
      }
    }
  }
  return true;
}

/**
 * Checks second derivatives: gradcheck of the function taking (inputs, gradOutputs) to the gradients
 * of fn's outputs with respect to its inputs, computed with createGraph.
 * @example torch.autograd.gradgradcheck((a) => a.mul(a).mul(a), [x]); // true
 */
export function gradgradcheck<A extends unknown[]>(func: Fn<A>, inputs: [...A], gradOutputs?: (Variable | Tensor)[] | null, options?: GradcheckOptions): boolean {
  const fn = func as Fn<unknown[]>; // called with inputs only, which are an A
  const outs = outputsOf(fn, inputs);
  const gos = (gradOutputs ?? outs.map((o) => randn(o.data.shape as number[], { dtype: float64 }).to(o.data.dtype))).map((g) =>
    g instanceof Variable ? g : new Variable(g, { requiresGrad: true }),
  );
  const n = inputs.length;
  const second = (...all: unknown[]) => {
    const ins = all.slice(0, n);
    const go = all.slice(n) as Variable[];
    const diffIns = ins.filter((a) => a instanceof Variable && a.requiresGrad) as Variable[];
    const os = outputsOf(fn, ins);
    const keep = os.map((o, i) => [o, go[i]!] as const).filter(([o]) => o.requiresGrad);
    const gs = grad(keep.map(([o]) => o), diffIns, keep.map(([, g]) => g), { createGraph: true, allowUnused: true });
    return gs.filter((g): g is Variable => g !== null);
  };
  return gradcheck(second, [...inputs, ...gos], options);
}
