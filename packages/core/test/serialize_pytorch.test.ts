// Checkpoints written by real PyTorch (tools/gen_fixtures_serialize.py) load with their values, layouts
// and sharing; a trained MLP's state dict computes PyTorch's outputs; and, when /usr/bin/python3 has
// torch, a live round trip in both directions.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import * as torch from '../src/index';
import { compareTensor, loadFixtureObject, type TensorSpec } from './fixtures';

interface Layout extends TensorSpec {
  storage_offset: number;
  stride: number[];
}
interface Expected {
  dtypes: Record<string, Layout>;
  shared: Record<string, Layout>;
  mlp: { state_dict: Record<string, Layout>; input: Layout; output: Layout };
  optimizer: { momentum_buffers: Layout[] };
}
const expected = loadFixtureObject<Expected>('serialize/serialize.json');
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/serialize/${name}`, import.meta.url));

function expectLayout(t: unknown, e: Layout, what: string): void {
  expect(t, what).toBeInstanceOf(torch.Tensor);
  const x = t as torch.Tensor;
  expect(compareTensor(x, e), what).toBeNull();
  expect([x.stride(), x.storageOffset()], what).toEqual([e.stride, e.storage_offset]);
}

describe('checkpoints written by PyTorch 1.13', () => {
  test('every dtype (a dict of tensors), bit-exact', () => {
    const d = torch.loadSync<Map<string, torch.Tensor>>(fixture('dtypes.pt'));
    // The generator saved an OrderedDict in this order (the JSON's keys are sorted).
    expect([...d.keys()]).toEqual(['float32', 'float64', 'float16', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool']);
    for (const [k, e] of Object.entries(expected.dtypes)) expectLayout(d.get(k), e, k);
  });

  test('shared views, non-contiguous, expanded, 0-d and empty tensors keep layout and sharing; a storage saved twice loads once', () => {
    const [views, s1, s2] = torch.loadSync<[Record<string, torch.Tensor>, torch.Storage, torch.Storage]>(fixture('shared.pt'));
    for (const [k, e] of Object.entries(expected.shared)) expectLayout(views[k], e, k);
    const base = views.base!.storage();
    for (const k of ['transposed', 'narrowed', 'row', 'flat', 'strided']) expect(views[k]!.storage(), k).toBe(base);
    expect(views.other!.storage()).not.toBe(base);
    expect(s1).toBe(base);
    expect(s2).toBe(base);
  });

  test("a trained MLP's state dict computes PyTorch's output (tensor level; nn.Module.loadStateDict after the nn merge)", () => {
    const sd = torch.loadSync<Map<string, torch.Tensor>>(fixture('mlp.pt'));
    expect(sd).toBeInstanceOf(Map); // PyTorch's state dicts are OrderedDicts
    expect([...sd.keys()]).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    for (const [k, e] of Object.entries(expected.mlp.state_dict)) expectLayout(sd.get(k), e, k);
    const x = torch.tensor(expected.mlp.input.data as number[]).view(expected.mlp.input.shape);
    const linear = (h: torch.Tensor, i: number) => torch.matmul(h, sd.get(`${i}.weight`)!.t()).add(sd.get(`${i}.bias`)!);
    const y = linear(linear(x, 0).clamp(0), 2);
    expect(compareTensor(y, expected.mlp.output, { rtol: 1e-5, atol: 1e-6 })).toBeNull();
  });

  test('an optimizer state dict: int keys, nested dicts and lists, momentum buffers', () => {
    const sd = torch.loadSync<{ state: Map<number, { momentum_buffer: torch.Tensor }>; param_groups: Record<string, unknown>[] }>(fixture('optimizer.pt'));
    expect(sd.state).toBeInstanceOf(Map);
    expect([...sd.state.keys()]).toEqual([0, 1, 2, 3]);
    expected.optimizer.momentum_buffers.forEach((e, i) => expectLayout(sd.state.get(i)!.momentum_buffer, e, `buffer ${i}`));
    expect(sd.param_groups[0]).toMatchObject({ lr: 0.1, momentum: 0.9, nesterov: false, params: [0, 1, 2, 3] });
  });

  test('nested containers, tuples, big ints, int keys and a Parameter', () => {
    const n = torch.loadSync<Record<string, unknown>>(fixture('nested.pt'));
    expect(n.list).toEqual([1, 'two', [3, null], [true, false]]);
    expect((n.tuple as torch.Tensor[])[0]!.tolist()).toEqual([1, 1]);
    expect([n.float, n.big, n.neg]).toEqual([0.25, 2n ** 40n, -(2n ** 70n)]);
    expect(n.intkeys).toEqual(new Map([[1, 'a'], [2, 'b']]));
    expect((n.param as torch.Tensor).tolist()).toEqual([2, 2]);
  });

  test("storages recorded on 'cuda:0' need mapLocation on this CPU-only machine", async () => {
    const p = fixture('cuda.pt');
    expect(() => torch.loadSync(p)).toThrow(/the checkpoint has storages on 'cuda:0', a device this process does not have; pass \{ mapLocation: 'cpu' \}/);
    for (const mapLocation of ['cpu', { 'cuda:0': 'cpu' }, (loc: string) => (loc.startsWith('cuda') ? 'cpu' : loc)]) {
      expect(torch.loadSync<{ w: torch.Tensor }>(p, { mapLocation }).w.tolist()).toEqual([0, 1, 2]);
    }
    expect(() => torch.loadSync(p, { mapLocation: { 'cuda:1': 'cpu' } })).toThrow(/'cuda:0'/);
    expect(() => torch.loadSync(p, { mapLocation: 'cuda:1' })).toThrow(/on 'cuda:0' \(mapped to 'cuda:1'\)/);
    expect((await torch.load<{ w: torch.Tensor }>(p, { mapLocation: 'cpu' })).w.tolist()).toEqual([0, 1, 2]);
  });

  test('the legacy (pre-1.6) format loads, with sharing; damaged legacy files get clear errors', async () => {
    const bytes = readFileSync(fixture('legacy.pt'));
    for (const d of [torch.loadSync<Record<string, torch.Tensor>>(bytes), await torch.load<Record<string, torch.Tensor>>(fixture('legacy.pt'))]) {
      expect(d.w!.tolist()).toEqual([1, 1]);
      expect(d.x!.dtype).toBe(torch.int64);
      expect(d.xt!.tolist()).toEqual([[0, 3], [1, 4], [2, 5]]);
      expect(d.xt!.storage()).toBe(d.x!.storage());
      expect(d.h!.tolist()).toEqual([0.5, -2]);
    }
    expect(() => torch.loadSync(bytes.subarray(0, bytes.length - 3))).toThrow(/corrupt legacy \(pre-1\.6\) checkpoint: the file ends inside storage/);
    expect(() => torch.loadSync(bytes.subarray(0, 40))).toThrow(torch.TorchSerializationError);
  });

  test('a pickle calling os.system is refused, naming the global, and nothing runs', () => {
    expect(() => torch.loadSync(fixture('evil.pt'))).toThrow(/global 'posix\.system' is not allowed/);
    expect(() => torch.loadSync(fixture('evil.pt'))).toThrow(torch.TorchSerializationError);
  });
});

// ---- live round trip with the system's PyTorch ----

const PYTHON = '/usr/bin/python3';
const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
const hasTorch = probe.status === 0;
const python = (code: string) => {
  const r = spawnSync(PYTHON, ['-c', code], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return r.stdout.trim();
};

describe.skipIf(!hasTorch)(`live round trip with ${PYTHON} (skipped only when it cannot import torch)`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'torch-live-'));

  test("Python's torch.load(weights_only=True) reads our state dict with values, dtypes, layout and sharing", () => {
    const base = torch.arange(12).view(3, 4);
    const sd = new Map<string, unknown>([
      ['w', base.float()], ['wt', base.float()], ['h', torch.tensor([0.5, -1], { dtype: torch.float16 })], ['l', base], ['lt', base.t()],
      ['d', torch.tensor([1e-300], { dtype: torch.float64 })], ['b', base.gt(5)], ['i8', torch.tensor([-3], { dtype: torch.int8 })],
      ['step', 7], ['big', 2n ** 40n],
    ]);
    sd.set('wt', (sd.get('w') as torch.Tensor).t());
    const p = join(dir, 'ours.pt');
    torch.saveSync(sd, p);
    const out = python(`
import torch, json
sd = torch.load(${JSON.stringify(p)}, weights_only=True)
print(json.dumps({
  'type': type(sd).__name__, 'keys': list(sd.keys()),
  'w': sd['w'].tolist(), 'wt_stride': list(sd['wt'].stride()), 'shared': sd['wt'].data_ptr() == sd['w'].data_ptr(),
  'lt_shared': sd['lt'].data_ptr() == sd['l'].data_ptr(), 'lt': sd['lt'].tolist(),
  'dtypes': {k: str(v.dtype) for k, v in sd.items() if torch.is_tensor(v)},
  'h': sd['h'].tolist(), 'd': sd['d'].tolist(), 'b': sd['b'].tolist(), 'i8': sd['i8'].tolist(), 'step': sd['step'], 'big': sd['big']}))`);
    const r = JSON.parse(out);
    expect(r.type).toBe('OrderedDict');
    expect(r.keys).toEqual([...sd.keys()]);
    expect(r.w).toEqual((sd.get('w') as torch.Tensor).tolist());
    expect([r.wt_stride, r.shared, r.lt_shared]).toEqual([[1, 4], true, true]);
    expect(r.lt).toEqual(base.t().tolist());
    expect(r.dtypes).toEqual({ w: 'torch.float32', wt: 'torch.float32', h: 'torch.float16', l: 'torch.int64', lt: 'torch.int64', d: 'torch.float64', b: 'torch.bool', i8: 'torch.int8' });
    expect([r.h, r.d, r.b[1], r.i8, r.step, r.big]).toEqual([[0.5, -1], [1e-300], [false, false, true, true], [-3], 7, 2 ** 40]);
  });

  test('what Python saves now loads here with sharing (and our re-save loads back in Python unchanged)', () => {
    const p = join(dir, 'theirs.pt');
    python(`
import torch
torch.manual_seed(1)
x = torch.randn(5, 7, dtype=torch.float64)
torch.save({'x': x, 'xt': x.t(), 'col': x[:, 3], 'ints': torch.randint(-9, 9, (4,), dtype=torch.int32)}, ${JSON.stringify(p)})`);
    const d = torch.loadSync<Record<string, torch.Tensor>>(p);
    expect(d.xt!.storage()).toBe(d.x!.storage());
    expect(d.col!.storage()).toBe(d.x!.storage());
    expect([d.col!.storageOffset(), d.col!.stride()]).toEqual([3, [7]]);
    const again = join(dir, 'again.pt');
    torch.saveSync(d, again);
    expect(python(`
import torch
a = torch.load(${JSON.stringify(p)}); b = torch.load(${JSON.stringify(again)}, weights_only=True)
print(all(torch.equal(a[k], b[k]) and a[k].stride() == b[k].stride() for k in a), b['col'].data_ptr() - b['x'].data_ptr())`)).toBe('True 24');
  });
});

test('the live round trip ran or was skipped only for a missing PyTorch', () => {
  // Documents the one allowed skip: it happens exactly when `import torch` fails.
  if (!hasTorch) expect(probe.status).not.toBe(0);
  else expect(readFileSync(fixture('dtypes.pt')).length).toBeGreaterThan(0);
});
