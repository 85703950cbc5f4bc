// Gradients of the nn layer ops: against PyTorch 1.13 (the fixtures tools/gen_fixtures_nn_kernels.py
// writes for core: gradients of sum(output * gradOutput)) and against finite differences (gradcheck,
// float64) for input, weight and bias; unbatched and non-contiguous inputs; running statistics stay out
// of the graph.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import * as ag from '../src/index';
import { Variable } from '../src/index';
import { gradcheck, passDevice } from './helpers';

interface Spec { dtype: string; shape: number[]; data: (number | string)[] }
interface NnCase { op: string; tag: string; inputs: Record<string, Spec>; args: unknown[]; gradOutput?: Spec; grads?: Record<string, Spec> }

const cases = (JSON.parse(readFileSync(fileURLToPath(new URL('../../core/test/fixtures/nn_kernels.json', import.meta.url)), 'utf8')) as { cases: NnCase[] }).cases;
const tensorOf = (s: Spec) => {
  const values = s.data.map(Number);
  const t = torch.tensor(values, { dtype: torch.dtypeFromName(s.dtype) });
  return s.shape.length === 0 ? t.view([]) : t.view(s.shape);
};

/** Calls autograd's function of a fixture case. */
function call(c: NnCase, t: Record<string, Variable | torch.Tensor | null>): Variable {
  const fn = (ag as unknown as Record<string, (...a: unknown[]) => unknown>)[c.op]!;
  let r: unknown;
  if (c.op === 'batchNorm' || c.op === 'instanceNorm') r = fn(t.input, t.runningMean, t.runningVar, t.weight ?? null, t.bias ?? null, ...c.args);
  else if (c.op.startsWith('maxUnpool')) r = fn(t.input, t.indices, ...c.args);
  else if (c.op === 'fractionalMaxPool2d') r = fn(t.input, c.args[0], { ...(c.args[1] as object), _randomSamples: t._randomSamples });
  else if (c.op.startsWith('conv')) r = fn(t.input, t.weight, t.bias ?? null, ...c.args);
  else r = fn(t.input, ...c.args);
  return (Array.isArray(r) ? r[0] : r) as Variable;
}

describe('nn layer gradients match PyTorch 1.13', () => {
  for (const c of cases.filter((k) => k.grads)) {
    it(`${c.op} ${c.tag}`, () => {
      const t: Record<string, Variable | torch.Tensor> = {};
      for (const [k, s] of Object.entries(c.inputs)) t[k] = k in c.grads! ? new Variable(tensorOf(s), { requiresGrad: true }) : tensorOf(s);
      const y = call(c, t);
      y.backward(tensorOf(c.gradOutput!));
      for (const [k, s] of Object.entries(c.grads!)) {
        const got = (t[k] as Variable).grad!.data, want = tensorOf(s);
        expect(got.shape).toEqual(want.shape);
        const tol = s.dtype === 'float64' ? 1e-10 : 1e-4;
        const err = got.sub(want).abs().max().item() as number;
        expect(err, `${c.op} ${c.tag} grad ${k}`).toBeLessThan(tol * (1 + (want.abs().max().item() as number)));
      }
    });
  }
});

const f64 = { dtype: torch.float64 };
const leaf = (...shape: number[]) => new Variable(torch.randn(shape, f64), { requiresGrad: true });

describe('nn layer gradcheck (float64)', () => {
  it('conv1d/2d/3d with stride, padding, dilation, groups and bias', () => {
    expect(gradcheck((x, w, b) => ag.conv2d(x, w, b, { stride: [2, 1], padding: 1, dilation: [1, 2], groups: 2 }), [leaf(2, 4, 5, 6), leaf(4, 2, 3, 2), leaf(4)])).toBe(true);
    expect(gradcheck((x, w, b) => ag.conv1d(x, w, b, { padding: 2 }), [leaf(2, 3, 7), leaf(2, 3, 3), leaf(2)])).toBe(true);
    expect(gradcheck((x, w) => ag.conv3d(x, w, null, { stride: 2, padding: 1 }), [leaf(1, 2, 4, 3, 4), leaf(3, 2, 2, 2, 2)])).toBe(true);
  });

  it('transposed convolutions', () => {
    expect(gradcheck((x, w, b) => ag.convTranspose2d(x, w, b, { stride: 2, padding: 1, outputPadding: 1, groups: 2 }), [leaf(2, 4, 3, 3), leaf(4, 1, 3, 3), leaf(2)])).toBe(true);
    expect(gradcheck((x, w) => ag.convTranspose1d(x, w, null, { stride: 3, dilation: 2 }), [leaf(1, 2, 4), leaf(2, 3, 2)])).toBe(true);
    expect(gradcheck((x, w, b) => ag.convTranspose3d(x, w, b, { stride: 2 }), [leaf(1, 2, 2, 2, 2), leaf(2, 2, 2, 2, 2), leaf(2)])).toBe(true);
  });

  it('unbatched and non-contiguous conv input, batch of one', () => {
    const x = leaf(3, 5, 5), w = leaf(2, 3, 3, 3);
    expect(gradcheck((a, b) => ag.conv2d(a, b, null, { padding: 1 }), [x, w])).toBe(true);
    const base = leaf(5, 1, 3, 6);
    expect(gradcheck((a, b) => ag.conv2d(a.transpose(0, 1).narrow(3, 1, 4), b), [base, leaf(2, 5, 2, 2)])).toBe(true);
  });

  it('pooling and unpooling', () => {
    // Distinct values keep the max away from ties, where finite differences are meaningless.
    const distinct = (...shape: number[]) => new Variable(torch.randperm(shape.reduce((a, b) => a * b, 1)).to(torch.float64).div(7).view(shape), { requiresGrad: true });
    expect(gradcheck((x) => ag.maxPool2d(x, 3, { stride: 2, padding: 1, ceilMode: true }), [distinct(2, 2, 7, 6)])).toBe(true);
    expect(gradcheck((x) => ag.maxPool1d(x, 2, { dilation: 2 }), [distinct(1, 2, 9)])).toBe(true);
    expect(gradcheck((x) => ag.maxPool3d(x, 2), [distinct(1, 1, 4, 4, 4)])).toBe(true);
    expect(gradcheck((x) => ag.avgPool2d(x, 3, { stride: 2, padding: 1, ceilMode: true, countIncludePad: false }), [leaf(1, 2, 6, 7)])).toBe(true);
    expect(gradcheck((x) => ag.avgPool3d(x, 2, { divisorOverride: 3 }), [leaf(1, 1, 4, 4, 2)])).toBe(true);
    expect(gradcheck((x) => ag.adaptiveAvgPool2d(x, [3, 2]), [leaf(1, 2, 7, 5)])).toBe(true);
    expect(gradcheck((x) => ag.adaptiveMaxPool1d(x, 3), [distinct(2, 2, 8)])).toBe(true);
    const [y, idx] = torch.maxPool2d(torch.randn(1, 2, 4, 4, f64), 2, { returnIndices: true });
    expect(gradcheck((x) => ag.maxUnpool2d(x, idx, 2), [new Variable(y, { requiresGrad: true })])).toBe(true);
  });

  it('max pooling\'s backward allocates nothing for its indices output (which has no gradient)', () => {
    const x = new Variable(torch.randn(8, 16, 32, 32), { requiresGrad: true });
    const y = ag.maxPool2d(x, 2);
    const before = torch.storageAllocations();
    y.sum().backward();
    const bytes = torch.storageAllocations().bytes - before.bytes;
    // The input gradient (512 KiB) and the sum's small buffers; before, also 256 KiB of zero int64 indices.
    expect(bytes).toBeGreaterThanOrEqual(8 * 16 * 32 * 32 * 4);
    expect(bytes).toBeLessThan(8 * 16 * 32 * 32 * 4 + 8 * 16 * 16 * 16 * 8);
    expect(x.grad!.data.sum().item()).toBe(8 * 16 * 16 * 16);
  });

  it('batch norm (training and evaluation) and instance norm', () => {
    expect(gradcheck((x, w, b) => ag.batchNorm(x, null, null, w, b, true, 0.1, 1e-5), [leaf(4, 3, 2, 2), leaf(3), leaf(3)])).toBe(true);
    const rm = torch.randn(3, f64), rv = torch.rand(3, f64).add(0.5);
    // The running statistics are constants of the function: on gradcheck's meta pass they go to meta too.
    expect(gradcheck((x, w, b) => ag.batchNorm(x, rm.to(passDevice()), rv.to(passDevice()), w, b, false), [leaf(4, 3, 5), leaf(3), leaf(3)])).toBe(true);
    expect(gradcheck((x) => ag.batchNorm(x, null, null, null, null, true), [leaf(5, 2)])).toBe(true);
    expect(gradcheck((x, w, b) => ag.instanceNorm(x, null, null, w, b), [leaf(2, 3, 4), leaf(3), leaf(3)])).toBe(true);
  });

  it('a conv -> batch norm -> relu -> max pool -> conv chain', () => {
    const chain = (x: Variable, w1: Variable, b1: Variable, g: Variable, w2: Variable) => {
      const h = ag.batchNorm(ag.conv2d(x, w1, b1, { padding: 1 }), null, null, g, null, true).clamp(0, null);
      return ag.conv2d(ag.maxPool2d(h, 2), w2, null, { padding: 1 });
    };
    expect(gradcheck(chain, [leaf(2, 2, 6, 6), leaf(3, 2, 3, 3), leaf(3), leaf(3), leaf(2, 3, 3, 3)])).toBe(true);
  });

  it('running statistics update once per forward and stay constants', () => {
    const rm = torch.zeros(3), rv = torch.ones(3);
    const x = new Variable(torch.randn(8, 3, 4), { requiresGrad: true });
    const y = ag.batchNorm(x, rm, rv, null, null, true, 0.5);
    expect(y.gradFn!.name).toBe('BatchNormBackward');
    const mean = x.data.mean([0, 2]);
    expect(rm.sub(mean.mul(0.5)).abs().max().item()).toBeLessThan(1e-6);
    y.sum().backward();
    expect(rm.sub(mean.mul(0.5)).abs().max().item()).toBeLessThan(1e-6);
  });
});
