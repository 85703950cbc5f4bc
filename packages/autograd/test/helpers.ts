import * as torch from '@torch/core';
import { Variable, grad, gradcheck as cpuGradcheck, gradgradcheck as cpuGradgradcheck } from '../src/index';

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

type Fn = (...inputs: any[]) => Variable | Variable[];

/** Sizes, contiguity and dtype of a tensor: what a meta run must reproduce. */
const shapeOf = (t: torch.Tensor) => ({ size: t.size(), contiguous: t.isContiguous(), dtype: t.dtype.name });

/** The outputs of fn on `inputs` and the gradients of their sum with respect to every input that requires grad. */
function forwardBackward(fn: Fn, inputs: unknown[]): { outputs: torch.Tensor[]; grads: (torch.Tensor | null)[] } {
  const r = fn(...inputs);
  const outs = (Array.isArray(r) ? r : [r]).filter((o): o is Variable => o instanceof Variable);
  const diff = inputs.filter((a): a is Variable => a instanceof Variable && a.requiresGrad);
  const keep = outs.filter((o) => o.requiresGrad);
  const gs = keep.length === 0 ? [] : grad(keep, diff, keep.map((o) => torch.onesLike(o.data)), { allowUnused: true });
  return { outputs: outs.map((o) => o.data), grads: gs.map((g) => (g === null ? null : g.data)) };
}

/** t on meta with its layout (sizes, strides, offset) kept, as PyTorch's `.to('meta')` keeps a dense layout. */
function metaLike(t: torch.Tensor): torch.Tensor {
  const storage = torch.empty([t.storage().size()], { dtype: t.dtype, device: 'meta' }).storage();
  return torch.empty([0], { dtype: t.dtype, device: 'meta' }).set_(storage, t.storageOffset(), t.size(), t.stride());
}

/** A fresh leaf with the input's values (cpu) or layout (meta); tensors move too, numbers stay. */
function leafOn(a: unknown, device: 'cpu' | 'meta'): unknown {
  const move = (t: torch.Tensor) => (device === 'meta' ? metaLike(t) : t);
  if (a instanceof Variable) return new Variable(move(a.data), { requiresGrad: a.requiresGrad });
  if (a instanceof torch.Tensor) return move(a);
  return a;
}

let pass: 'cpu' | 'meta' = 'cpu';

/** The device of the pass sameOnMeta is running: constants a test function makes itself go there (`{ device: passDevice() }`). */
export function passDevice(): 'cpu' | 'meta' {
  return pass;
}

/**
 * Runs fn forward and backward on the meta device and checks that every output and gradient has the
 * sizes, contiguity and dtype the cpu run gives, on meta. An op whose result size depends on the values
 * (a bool-mask index, maskedSelect, nonzero ...) or a function that reads values must throw the meta
 * device's TorchDeviceError instead. Throws on a mismatch.
 */
export function sameOnMeta(fn: Fn, inputs: unknown[]): void {
  const cpu = forwardBackward(fn, inputs.map((a) => leafOn(a, 'cpu')));
  let meta: ReturnType<typeof forwardBackward>;
  try {
    pass = 'meta';
    meta = forwardBackward(fn, inputs.map((a) => leafOn(a, 'meta')));
  } catch (e) {
    if (e instanceof torch.TorchDeviceError && /depends on the data|has sizes and no data/.test(e.message)) return;
    throw new Error(`on meta: ${String(e)}`);
  } finally {
    pass = 'cpu';
  }
  for (const t of [...meta.outputs, ...meta.grads]) if (t !== null && !t.isMeta) throw new Error(`on meta: a result is on ${t.device}`);
  const describe = (r: typeof cpu) => JSON.stringify({ outputs: r.outputs.map(shapeOf), grads: r.grads.map((g) => (g === null ? null : shapeOf(g))) });
  if (describe(meta) !== describe(cpu)) throw new Error(`on meta: ${describe(meta)}, on cpu: ${describe(cpu)}`);
}

/**
 * autograd's gradcheck on cpu, then the same function forward and backward on meta (sameOnMeta): every
 * gradient test of the suite also runs on the meta device.
 * @example expect(gradcheck((a) => a.sin(), [v([2, 3])])).toBe(true);
 */
export function gradcheck(fn: Fn, inputs: unknown[], options?: Parameters<typeof cpuGradcheck>[2]): boolean {
  const ok = cpuGradcheck(fn, inputs, options);
  if (ok) sameOnMeta(fn, inputs);
  return ok;
}

/** autograd's gradgradcheck on cpu, then sameOnMeta. @example expect(gradgradcheck((a) => a.sin(), [v([2, 3])])).toBe(true); */
export function gradgradcheck(fn: Fn, inputs: unknown[], gradOutputs?: Parameters<typeof cpuGradgradcheck>[2], options?: Parameters<typeof cpuGradgradcheck>[3]): boolean {
  const ok = cpuGradgradcheck(fn, inputs, gradOutputs, options);
  if (ok) sameOnMeta(fn, inputs);
  return ok;
}
