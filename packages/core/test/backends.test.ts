// The backend contract, tested the way every device will be: one test body per op, run on each
// registered backend that is available here (cpu, meta; cuda joins when @torch/cuda registers it). The
// meta device computes no values, so its results are compared with the CPU's by metadata: sizes,
// strides, storage offset and dtype. See docs/backends.md.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';

/** Devices whose backend can be made here (a registered-but-unavailable type such as cuda throws). */
function availableDevices(): string[] {
  return torch.deviceTypes().filter((type) => {
    try {
      torch.zeros(1, { device: type });
      return true;
    } catch {
      return false;
    }
  });
}

type Result = unknown;
/** An op body: builds its inputs on `device` (through factories' { device }) and runs the op. */
type Body = (device: string) => Result;

const f32 = (device: string, ...shape: number[]) => torch.randn(shape, { device });
const f64 = (device: string, ...shape: number[]) => torch.randn(shape, { device, dtype: torch.float64 });
const long = (device: string, values: number[] | number[][]) => torch.tensor(values, { device });
const bools = (device: string, values: boolean[] | boolean[][]) => torch.tensor(values, { device });

/** The table: op name -> one body. Every op whose result's metadata does not depend on the data. */
const OPS: [string, Body][] = [
  // creation
  ['zeros', (d) => torch.zeros(2, 3, { device: d })],
  ['ones int32', (d) => torch.ones([4], { device: d, dtype: torch.int32 })],
  ['full', (d) => torch.full([2, 2], 7, { device: d })],
  ['empty', (d) => torch.empty(3, 1, { device: d })],
  ['eye', (d) => torch.eye(3, 4, { device: d })],
  ['arange', (d) => torch.arange(0, 10, 3, { device: d })],
  ['linspace', (d) => torch.linspace(0, 1, 5, { device: d })],
  ['logspace', (d) => torch.logspace(0, 2, 3, 10, { device: d })],
  ['rand', (d) => torch.rand(2, 5, { device: d })],
  ['zerosLike', (d) => torch.zerosLike(f32(d, 2, 3).t())],
  ['tensor', (d) => torch.tensor([[1, 2], [3, 4]], { device: d })],
  // elementwise
  ['add', (d) => f32(d, 2, 3).add(f32(d, 3))],
  ['add alpha', (d) => torch.add(f32(d, 2, 3), f32(d, 2, 1), { alpha: 2 })],
  ['mul scalar', (d) => f32(d, 4).mul(2)],
  ['add_ in place', (d) => f32(d, 2, 3).add_(1)],
  ['sub transposed', (d) => f32(d, 3, 2).t().sub(f32(d, 2, 3))],
  ['div int->float', (d) => long(d, [1, 2]).div(long(d, [2, 2]))],
  ['exp', (d) => f32(d, 2, 3).exp()],
  ['sigmoid', (d) => f64(d, 5).sigmoid()],
  ['neg int', (d) => long(d, [1, -2]).neg()],
  ['lt', (d) => f32(d, 2, 3).lt(0)],
  ['eq broadcast', (d) => f32(d, 3, 1).eq(f32(d, 1, 4))],
  ['pow', (d) => f32(d, 3).pow(2)],
  ['clamp', (d) => f32(d, 3).clamp(-1, 1)],
  ['lerp', (d) => f32(d, 3).lerp(f32(d, 3), 0.5)],
  ['addcmul', (d) => f32(d, 2, 3).addcmul(f32(d, 3), f32(d, 2, 1), { value: 2 })],
  ['where', (d) => torch.where(f32(d, 2, 3).gt(0), f32(d, 2, 3), 0)],
  ['maximum', (d) => torch.maximum(f32(d, 2, 1), f32(d, 3))],
  ['type promotion', (d) => long(d, [1, 2]).add(f64(d, 2))],
  // copies and conversions
  ['clone', (d) => f32(d, 2, 3).t().clone()],
  ['contiguous', (d) => f32(d, 2, 3).t().contiguous()],
  ['double', (d) => f32(d, 2).double()],
  ['to dtype', (d) => f32(d, 2).to(torch.int64)],
  ['copy_ broadcast', (d) => torch.zeros(2, 3, { device: d }).copy_(f32(d, 3))],
  ['fill_', (d) => f32(d, 2).fill_(3)],
  // views
  ['view', (d) => f32(d, 2, 3).view(3, 2)],
  ['reshape of transposed', (d) => f32(d, 2, 3).t().reshape(6)],
  ['permute', (d) => f32(d, 2, 3, 4).permute(2, 0, 1)],
  ['narrow', (d) => f32(d, 5, 2).narrow(0, 1, 3)],
  ['select', (d) => f32(d, 2, 3).select(1, 2)],
  ['unfold', (d) => f32(d, 7).unfold(0, 3, 2)],
  ['expand', (d) => f32(d, 3, 1).expand(3, 4)],
  ['squeeze/unsqueeze', (d) => f32(d, 2, 1, 3).squeeze().unsqueeze(0)],
  ['flatten', (d) => f32(d, 2, 3, 4).flatten(1)],
  ['get basic', (d) => f32(d, 2, 3, 4).get(1, '::2', null)],
  ['get advanced', (d) => f32(d, 3, 4).get(':', [2, 0])],
  ['get long tensor', (d) => f32(d, 3, 4).get(long(d, [0, 2, 2]))],
  ['set', (d) => f32(d, 3, 3).set([0, ':'], 1)],
  // reductions
  ['sum', (d) => f32(d, 2, 3).sum()],
  ['sum dim keepdim', (d) => f32(d, 2, 3, 4).sum(1, { keepdim: true })],
  ['sum int', (d) => long(d, [[1, 2], [3, 4]]).sum(0)],
  ['mean dims', (d) => f32(d, 2, 3, 4).mean([0, 2])],
  ['prod', (d) => f32(d, 2, 3).prod(1)],
  ['var', (d) => f64(d, 3, 4).var(0)],
  ['norm', (d) => f32(d, 3, 4).norm(2, 1)],
  ['max dim', (d) => f32(d, 3, 4).max(1)],
  ['argmin', (d) => f32(d, 3, 4).argmin(0)],
  ['all', (d) => bools(d, [true, false]).all()],
  ['cumsum', (d) => f32(d, 3, 4).cumsum(1)],
  ['logsumexp', (d) => f32(d, 3, 4).logsumexp(1)],
  ['softmax', (d) => f32(d, 3, 4).softmax(1)],
  ['logSoftmax', (d) => f64(d, 3, 4).logSoftmax(0)],
  ['renorm', (d) => f32(d, 3, 4).renorm(2, 0, 1)],
  // sort
  ['sort', (d) => f32(d, 3, 4).sort(1)],
  ['argsort descending', (d) => f32(d, 5).argsort(0, { descending: true })],
  ['topk', (d) => f32(d, 3, 6).topk(2)],
  ['kthvalue', (d) => f32(d, 3, 6).kthvalue(2, 1)],
  ['median dim', (d) => f32(d, 3, 5).median(1)],
  // join
  ['cat', (d) => torch.cat([f32(d, 2, 3), f32(d, 1, 3)], 0)],
  ['stack', (d) => torch.stack([f32(d, 2), f32(d, 2)], 1)],
  ['split', (d) => f32(d, 5, 2).split(2)],
  ['chunk', (d) => f32(d, 6).chunk(3)],
  ['repeat', (d) => f32(d, 2, 3).repeat(2, 1, 2)],
  ['flip', (d) => f32(d, 2, 3).flip(1)],
  ['roll', (d) => f32(d, 2, 3).roll(1, 1)],
  ['tril', (d) => f32(d, 3, 3).tril()],
  ['diag', (d) => f32(d, 3).diag(1)],
  ['trace', (d) => f32(d, 3, 3).trace()],
  ['cross', (d) => f32(d, 4, 3).cross(f32(d, 4, 3))],
  ['histc range', (d) => f32(d, 100).histc(10, -1, 1)],
  // linear algebra
  ['mm', (d) => f32(d, 2, 3).mm(f32(d, 3, 4))],
  ['mv', (d) => f32(d, 2, 3).mv(f32(d, 3))],
  ['dot', (d) => f32(d, 3).dot(f32(d, 3))],
  ['bmm', (d) => f32(d, 5, 2, 3).bmm(f32(d, 5, 3, 4))],
  ['matmul broadcast', (d) => f32(d, 5, 2, 3).matmul(f32(d, 3, 4))],
  ['addmm', (d) => f32(d, 2, 4).addmm(f32(d, 2, 3), f32(d, 3, 4), { beta: 0.5 })],
  ['addr', (d) => f32(d, 2, 3).addr(f32(d, 2), f32(d, 3))],
  // indexing
  ['indexSelect', (d) => f32(d, 4, 3).indexSelect(0, long(d, [3, 0]))],
  ['gather', (d) => f32(d, 3, 4).gather(1, long(d, [[0], [1], [3]]))],
  ['scatter', (d) => torch.zeros(3, 4, { device: d }).scatter(1, long(d, [[0], [1], [3]]), 1)],
  ['scatterAdd_', (d) => torch.zeros(3, 4, { device: d }).scatterAdd_(1, long(d, [[0], [1], [3]]), f32(d, 3, 1))],
  ['indexAdd', (d) => torch.zeros(4, 2, { device: d }).indexAdd(0, long(d, [1, 3]), f32(d, 2, 2))],
  ['indexFill_', (d) => f32(d, 4, 2).indexFill_(0, long(d, [1]), 0)],
  ['take', (d) => f32(d, 3, 4).take(long(d, [0, 5]))],
  ['put_', (d) => f32(d, 3, 4).put_(long(d, [0, 5]), f32(d, 2))],
  ['maskedFill', (d) => f32(d, 2, 3).maskedFill(bools(d, [true, false, true]), 0)],
  ['maskedScatter_', (d) => torch.zeros(2, 2, { device: d }).maskedScatter_(bools(d, [[true, false], [false, true]]), f32(d, 4))],
  // random (in place: metadata only on meta)
  ['uniform_', (d) => torch.empty(3, { device: d }).uniform_(-1, 1)],
  ['normal_ strided', (d) => torch.empty(3, 2, { device: d }).t().normal_()],
  ['bernoulli', (d) => torch.bernoulli(torch.full([4], 0.5, { device: d }))],
  ['multinomial', (d) => torch.multinomial(torch.ones(2, 5, { device: d }), 3)],
  ['normal tensor mean', (d) => torch.normal(f32(d, 3), 1)],
  ['normal numbers', (d) => torch.normal(0, 1, [2, 3], { device: d })],
  ['randint', (d) => torch.randint(0, 5, [4], { device: d })],
  ['randperm', (d) => torch.randperm(6, { device: d })],
];

/** Every tensor a result holds, in a fixed order (a tensor, an array, or an object of tensors). */
function tensorsOf(r: Result): torch.Tensor[] {
  if (r instanceof torch.Tensor) return [r];
  if (Array.isArray(r)) return r.flatMap(tensorsOf);
  if (r !== null && typeof r === 'object') return Object.keys(r).sort().flatMap((k) => tensorsOf((r as Record<string, unknown>)[k]));
  throw new Error(`not a tensor result: ${String(r)}`);
}

const layout = (t: torch.Tensor) => ({ shape: t.size(), stride: t.stride(), offset: t.storageOffset(), dtype: t.dtype.name });

describe('backends: one body per op, on every available device', () => {
  const devices = availableDevices();

  it('cpu and meta are registered and available; cuda is registered but unavailable without @torch/cuda', () => {
    expect(devices).toEqual(expect.arrayContaining(['cpu', 'meta']));
    expect(torch.deviceTypes()).toContain('cuda');
    expect(devices).not.toContain('cuda');
  });

  for (const device of ['cpu', 'meta']) {
    it(`${device}: every op's results live on ${device}`, () => {
      const wrong: string[] = [];
      for (const [name, body] of OPS) {
        for (const t of tensorsOf(body(device))) if (t.device.type !== device) wrong.push(`${name}: result on ${t.device}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it('meta results have the sizes, strides, storage offset and dtype of the cpu results', () => {
    const differ: string[] = [];
    for (const [name, body] of OPS) {
      torch.manualSeed(0);
      const cpu = tensorsOf(body('cpu')).map(layout);
      torch.manualSeed(0);
      const meta = tensorsOf(body('meta')).map(layout);
      if (JSON.stringify(meta) !== JSON.stringify(cpu)) differ.push(`${name}: meta ${JSON.stringify(meta)} vs cpu ${JSON.stringify(cpu)}`);
    }
    expect(differ).toEqual([]);
    expect(OPS.length).toBeGreaterThan(100);
  });

  it('in-place ops and out= return the very tensor given, on every device', () => {
    for (const device of devices) {
      const t = torch.zeros(2, 3, { device });
      expect(t.add_(1)).toBe(t);
      expect(t.mul_(t)).toBe(t);
      const out = torch.empty(2, 3, { device });
      expect(torch.add(t, 1, { out })).toBe(out);
      expect(torch.mm(t, t.t(), { out: torch.empty(2, 2, { device }) }).device.type).toBe(device);
    }
  });
});

describe('devices', () => {
  it('torch.device parses a type and an index', () => {
    expect(torch.device('cpu').type).toBe('cpu');
    expect(torch.device('cpu').index).toBe(null);
    expect(torch.device('cuda:1').index).toBe(1);
    expect(torch.device('cuda', 2).toString()).toBe('cuda:2');
    expect(torch.device('meta').equals('meta')).toBe(true);
    expect(torch.device('cuda:1').equals(torch.device('cuda:0'))).toBe(false);
    expect(() => torch.device('tpu')).toThrow(/device: unknown device type 'tpu'/);
    expect(() => torch.device('cuda:x')).toThrow(torch.TorchTypeError);
    expect(() => torch.device('cuda:1', 2)).toThrow(/already has an index/);
  });

  it('tensors and storages carry their device', () => {
    const t = torch.zeros(2);
    expect(t.device.type).toBe('cpu');
    expect(String(t.device)).toBe('cpu');
    expect(t.isCuda).toBe(false);
    expect(t.isMeta).toBe(false);
    expect(t.storage().device.type).toBe('cpu');
    const m = torch.zeros(2, { device: torch.device('meta') });
    expect(m.device).toBe(torch.metaBackend.device);
    expect(m.isMeta).toBe(true);
    expect(m.storage().size()).toBe(2);
    expect(m.storage().backend).toBe(torch.metaBackend);
    expect(t.storage().backend).toBe(torch.cpuBackend);
  });

  it('cuda is a registered device that is not available', () => {
    expect(() => torch.zeros(2, { device: 'cuda' })).toThrow(/CUDA is not available/);
    expect(() => torch.zeros(2).to('cuda:1')).toThrow(torch.TorchDeviceError);
  });

  it('to(device) and cpu() move between devices; meta data cannot come back', () => {
    const t = torch.arange(6).view(2, 3).t();
    const m = t.to('meta');
    expect(m.isMeta).toBe(true);
    expect(m.size()).toEqual([3, 2]);
    expect(m.dtype).toBe(torch.int64);
    expect(m.isContiguous()).toBe(true);
    expect(t.to('cpu')).toBe(t);
    expect(t.cpu()).toBe(t);
    expect(m.to('meta')).toBe(m);
    expect(t.to('meta', torch.float32).dtype).toBe(torch.float32);
    expect(() => m.cpu()).toThrow(/copy to cpu: a tensor on the meta device has sizes and no data/);
    expect(() => torch.zeros(3, 2).copy_(m)).toThrow(torch.TorchDeviceError);
    // copy_ into a meta tensor from the cpu is allowed (nothing to store), with the usual broadcast check.
    expect(m.copy_(torch.zeros(2))).toBe(m);
    expect(() => m.copy_(torch.zeros(4))).toThrow(torch.TorchSizeError);
  });

  it('mixing devices in one op names the op and the devices', () => {
    const c = torch.zeros(2, 3), m = torch.zeros(2, 3, { device: 'meta' });
    const msg = (op: string) => new RegExp(`^${op}: expected all tensors to be on the same device, but found at least two devices, (cpu and meta|meta and cpu)$`);
    expect(() => c.add(m)).toThrow(msg('add'));
    expect(() => m.mul(c)).toThrow(msg('mul'));
    expect(() => c.addcmul(c, m)).toThrow(msg('addcmul'));
    expect(() => c.mm(m.t())).toThrow(msg('mm'));
    expect(() => torch.cat([c, m])).toThrow(msg('cat'));
    expect(() => c.indexSelect(0, torch.tensor([0], { device: 'meta' }))).toThrow(msg('indexSelect'));
    expect(() => torch.where(c.gt(0), m, c)).toThrow(msg('where'));
    expect(() => c.sum(0, { out: torch.empty(3, { device: 'meta' }) })).toThrow(msg('sum'));
    expect(() => c.add(m)).toThrow(torch.TorchDeviceError);
  });

  it('reading a meta tensor\'s values throws, naming the op', () => {
    const m = torch.zeros(2, 3, { device: 'meta' });
    expect(() => m.sum().item()).toThrow(/^item: a tensor on the meta device has sizes and no data/);
    expect(() => m.tolist()).toThrow(/^tolist: /);
    expect(() => m.numpy()).toThrow(/^numpy: /);
    expect(() => m.toTypedArray()).toThrow(/^toTypedArray: /);
    expect(() => m.storage().get(0)).toThrow(/^Storage.get: /);
    expect(() => m.storage().data).toThrow(torch.TorchDeviceError);
  });

  it('LAPACK ops give their results\' metadata on meta', () => {
    const inv = torch.inverse(torch.eye(3, { device: 'meta', dtype: torch.float64 }));
    expect([inv.isMeta, inv.size(), inv.stride(), inv.dtype]).toEqual([true, [3, 3], [1, 3], torch.float64]);
    const { U, S, V } = torch.svd(torch.ones(2, 4, 3, { device: 'meta' }));
    expect([U.size(), S.size(), V.size(), U.isMeta && S.isMeta && V.isMeta]).toEqual([[2, 4, 3], [2, 3], [2, 3, 3], true]);
  });

  it('ops whose result size depends on the data throw on meta', () => {
    const m = torch.randn(4, { device: 'meta' });
    expect(() => m.nonzero()).toThrow(/^nonzero: the size of the result depends on the data/);
    expect(() => m.maskedSelect(m.gt(0))).toThrow(/^maskedSelect: the size of the result depends on the data/);
    expect(() => m.unique()).toThrow(/^unique: the size of the result depends on the data/);
    expect(() => m.get(m.gt(0))).toThrow(/the size of the result depends on the data/);
  });

  it('a meta tensor prints like PyTorch\'s', () => {
    expect(String(torch.empty(2, 3, { device: 'meta' }))).toBe("tensor(..., device='meta', size=(2, 3))");
    expect(String(torch.arange(5, { device: 'meta' }))).toBe("tensor(..., device='meta', size=(5,), dtype=torch.int64)");
    expect(String(torch.zeros([], { device: 'meta', dtype: torch.float64 }))).toBe("tensor(..., device='meta', size=(), dtype=torch.float64)");
  });

  it('factories reject a bad device clearly', () => {
    expect(() => torch.zeros(2, { device: 'gpu' })).toThrow(/zeros: unknown device type 'gpu'/);
    expect(() => torch.ones(2, { device: 'meta:1' })).toThrow(/one meta device/);
    expect(() => torch.normal(torch.zeros(2), 1, { device: 'meta' })).toThrow(/normal: device is only accepted when mean and std are both numbers/);
  });
});

describe('the nn layer kernels on meta (their backend family)', () => {
  it('conv, pooling and batch norm give the CPU results\' sizes and dtypes without memory', () => {
    const run = (device: 'cpu' | 'meta') => {
      const x = torch.empty([2, 3, 9, 9], { device });
      const w = torch.empty([4, 3, 3, 3], { device });
      const y = torch.conv2d(x, w, torch.empty([4], { device }), { stride: 2, padding: 1 });
      const [p, idx] = torch.maxPool2d(y, 2, { returnIndices: true, ceilMode: true }) as unknown as [torch.Tensor, torch.Tensor];
      const b = torch.batchNorm(p, torch.zeros([4], { device }), torch.ones([4], { device }), null, null, true);
      const a = torch.adaptiveAvgPool2d(b, [1, 1]);
      return [y, p, idx, b, a];
    };
    const cpu = run('cpu');
    const meta = run('meta');
    meta.forEach((t, i) => {
      expect(t.device.type).toBe('meta');
      expect(t.size()).toEqual(cpu[i]!.size());
      expect(t.dtype).toBe(cpu[i]!.dtype);
    });
    expect(String(meta[0])).toBe("tensor(..., device='meta', size=(2, 4, 5, 5))");
  });
});
