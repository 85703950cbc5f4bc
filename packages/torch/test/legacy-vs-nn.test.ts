// Torch7's legacy modules against their torch.nn twins on the same weights and inputs (float64): the
// forward output, the input gradient (updateGradInput) and the parameter gradients (accGradParameters)
// must agree with what autograd computes through the new nn.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';

const { Variable } = torch.autograd;
const lnn = torch.legacy.nn;
const f64 = { dtype: torch.float64 };
const close = (a: torch.Tensor, b: torch.Tensor) => a.sub(b.viewAs(a)).abs().max().item();

type NewModule = InstanceType<typeof torch.nn.Module>;
interface Pair {
  name: string;
  legacy: () => InstanceType<typeof lnn.Module>;
  modern: () => NewModule;
  shape: number[];
  /** [legacy field, new-nn parameter name] pairs copied new → legacy before the comparison. */
  params?: [string, string][];
  prep?: (x: torch.Tensor) => torch.Tensor;
}

const pairs: Pair[] = [
  { name: 'Linear', legacy: () => new lnn.Linear(5, 3), modern: () => new torch.nn.Linear(5, 3), shape: [4, 5], params: [['weight', 'weight'], ['bias', 'bias']] },
  {
    name: 'SpatialConvolution / Conv2d', legacy: () => new lnn.SpatialConvolution(2, 3, 3, 2, 1, 2, 1, 0), modern: () => new torch.nn.Conv2d(2, 3, [2, 3], { stride: [2, 1], padding: [0, 1] }),
    shape: [2, 2, 5, 6], params: [['weight', 'weight'], ['bias', 'bias']],
  },
  { name: 'SpatialFullConvolution / ConvTranspose2d', legacy: () => new lnn.SpatialFullConvolution(2, 3, 3, 3, 2, 2, 1, 1), modern: () => new torch.nn.ConvTranspose2d(2, 3, 3, { stride: 2, padding: 1 }), shape: [1, 2, 3, 3], params: [['weight', 'weight'], ['bias', 'bias']] },
  { name: 'VolumetricConvolution / Conv3d', legacy: () => new lnn.VolumetricConvolution(2, 2, 2, 2, 2), modern: () => new torch.nn.Conv3d(2, 2, 2), shape: [1, 2, 3, 3, 3], params: [['weight', 'weight'], ['bias', 'bias']] },
  { name: 'SpatialMaxPooling / MaxPool2d', legacy: () => new lnn.SpatialMaxPooling(2, 2), modern: () => new torch.nn.MaxPool2d(2), shape: [2, 3, 4, 6] },
  { name: 'SpatialAveragePooling / AvgPool2d', legacy: () => new lnn.SpatialAveragePooling(3, 3, 2, 2, 1, 1), modern: () => new torch.nn.AvgPool2d(3, { stride: 2, padding: 1 }), shape: [1, 2, 5, 5] },
  { name: 'SpatialBatchNormalization / BatchNorm2d', legacy: () => new lnn.SpatialBatchNormalization(3), modern: () => new torch.nn.BatchNorm2d(3), shape: [4, 3, 2, 2], params: [['weight', 'weight'], ['bias', 'bias']] },
  { name: 'BatchNormalization / BatchNorm1d', legacy: () => new lnn.BatchNormalization(3), modern: () => new torch.nn.BatchNorm1d(3), shape: [6, 3], params: [['weight', 'weight'], ['bias', 'bias']] },
  // A batch [N, C, H, W]: Torch7 reads a 3-D input as one image [C, H, W], PyTorch as [N, C, L].
  { name: 'PReLU', legacy: () => new lnn.PReLU(3), modern: () => new torch.nn.PReLU(3), shape: [2, 3, 2, 2], params: [['weight', 'weight']] },
  { name: 'Tanh', legacy: () => new lnn.Tanh(), modern: () => new torch.nn.Tanh(), shape: [3, 4] },
  { name: 'Sigmoid', legacy: () => new lnn.Sigmoid(), modern: () => new torch.nn.Sigmoid(), shape: [3, 4] },
  { name: 'ReLU', legacy: () => new lnn.ReLU(), modern: () => new torch.nn.ReLU(), shape: [3, 4] },
  { name: 'ReLU6', legacy: () => new lnn.ReLU6(), modern: () => new torch.nn.ReLU6(), shape: [3, 4], prep: (x) => x.mul(4) },
  { name: 'Threshold', legacy: () => new lnn.Threshold(0.2, -1), modern: () => new torch.nn.Threshold(0.2, -1), shape: [3, 4] },
  { name: 'HardTanh / Hardtanh', legacy: () => new lnn.HardTanh(-0.5, 0.5), modern: () => new torch.nn.Hardtanh(-0.5, 0.5), shape: [3, 4] },
  { name: 'ELU', legacy: () => new lnn.ELU(0.7), modern: () => new torch.nn.ELU(0.7), shape: [3, 4] },
  { name: 'LeakyReLU', legacy: () => new lnn.LeakyReLU(0.1), modern: () => new torch.nn.LeakyReLU(0.1), shape: [3, 4] },
  { name: 'SoftPlus / Softplus', legacy: () => new lnn.SoftPlus(2, 5), modern: () => new torch.nn.Softplus(2, 5), shape: [3, 4], prep: (x) => x.mul(3) },
  { name: 'SoftSign / Softsign', legacy: () => new lnn.SoftSign(), modern: () => new torch.nn.Softsign(), shape: [3, 4] },
  { name: 'LogSigmoid', legacy: () => new lnn.LogSigmoid(), modern: () => new torch.nn.LogSigmoid(), shape: [3, 4] },
  { name: 'TanhShrink / Tanhshrink', legacy: () => new lnn.TanhShrink(), modern: () => new torch.nn.Tanhshrink(), shape: [3, 4] },
  { name: 'SoftShrink / Softshrink', legacy: () => new lnn.SoftShrink(0.3), modern: () => new torch.nn.Softshrink(0.3), shape: [3, 4] },
  { name: 'HardShrink / Hardshrink', legacy: () => new lnn.HardShrink(0.3), modern: () => new torch.nn.Hardshrink(0.3), shape: [3, 4] },
  { name: 'SoftMax / Softmax', legacy: () => new lnn.SoftMax(), modern: () => new torch.nn.Softmax(1), shape: [3, 4] },
  { name: 'LogSoftMax / LogSoftmax', legacy: () => new lnn.LogSoftMax(), modern: () => new torch.nn.LogSoftmax(1), shape: [3, 4] },
  { name: 'SoftMin / Softmin', legacy: () => new lnn.SoftMin(), modern: () => new torch.nn.Softmin(1), shape: [3, 4] },
  { name: 'Identity', legacy: () => new lnn.Identity(), modern: () => new torch.nn.Identity(), shape: [3, 4] },
  // torch.nn's padding order is (left, right, top, bottom, front, back), as Torch7's arguments.
  { name: 'VolumetricReplicationPadding / ReplicationPad3d', legacy: () => new lnn.VolumetricReplicationPadding(1, 2, 0, 1, 2, 1), modern: () => new torch.nn.ReplicationPad3d([1, 2, 0, 1, 2, 1]), shape: [2, 2, 2, 3, 3] },
];

describe('legacy nn agrees with torch.nn on the same weights (forward, gradInput, parameter gradients)', () => {
  for (const p of pairs)
    it(p.name, () => {
      torch.manualSeed(3);
      const modern = p.modern().double();
      const legacy = p.legacy().double();
      const named = new Map(modern.namedParameters());
      for (const [lf, nf] of p.params ?? []) ((legacy as unknown as Record<string, torch.Tensor>)[lf]!).copy_(named.get(nf)!.data);
      let x: torch.Tensor = torch.randn(p.shape, f64);
      if (p.prep) x = p.prep(x);
      x = x.add(x.sign().mul(0.05)); // away from kinks
      const xv = new Variable(x.clone(), { requiresGrad: true });
      const y = modern.forward(xv) as InstanceType<typeof Variable>;
      const g = torch.randn(y.data.size(), f64);
      y.backward(g);
      const ly = legacy.forward(x) as torch.Tensor;
      expect(close(ly, y.data), 'output').toBeLessThan(1e-10);
      legacy.zeroGradParameters();
      const gx = legacy.backward(x, g) as torch.Tensor;
      expect(close(gx, xv.grad!.data), 'gradInput').toBeLessThan(1e-10);
      for (const [lf, nf] of p.params ?? [])
        expect(close((legacy as unknown as Record<string, torch.Tensor>)[`grad${lf[0]!.toUpperCase()}${lf.slice(1)}`]!, named.get(nf)!.grad!.data), `grad ${lf}`).toBeLessThan(1e-10);
    });
});
