import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { DataLoader, DatasetNotFoundError, defaultCollate, encodeIdx, FashionMNIST, IdxFormatError, MNIST, transforms, type Resource } from '../src/index';
import { startServer, type TestServer } from './server';

const N_TRAIN = 12, N_TEST = 5;
const images = (n: number, seed: number) => torch.randint(0, 256, [n, 28, 28], { dtype: torch.uint8, generator: new torch.Generator().manualSeed(seed) });
const labels = (n: number) => torch.tensor(Array.from({ length: n }, (_, i) => (i * 3) % 10), { dtype: torch.uint8 });
const files: Record<string, Uint8Array> = {
  'train-images-idx3-ubyte': encodeIdx(images(N_TRAIN, 1)),
  'train-labels-idx1-ubyte': encodeIdx(labels(N_TRAIN)),
  't10k-images-idx3-ubyte': encodeIdx(images(N_TEST, 2)),
  't10k-labels-idx1-ubyte': encodeIdx(labels(N_TEST)),
};
const ints = (t: torch.Tensor) => Array.from(t.toTypedArray() as ArrayLike<number | bigint>, Number);

function writeSet(dir: string, gz: boolean, only?: string[]): string {
  mkdirSync(dir, { recursive: true });
  for (const [stem, bytes] of Object.entries(files)) if (!only || only.includes(stem)) writeFileSync(join(dir, gz ? `${stem}.gz` : stem), gz ? gzipSync(bytes) : bytes);
  return dir;
}

const root = mkdtempSync(join(tmpdir(), 'mnist-test-'));

describe('MNIST reader', () => {
  it('reads the flat layout (gzip) and torchvision layout (raw) alike', () => {
    const flat = writeSet(join(root, 'flat'), true);
    writeSet(join(root, 'tv', 'MNIST', 'raw'), false);
    for (const r of [flat, join(root, 'tv')]) {
      const train = new MNIST(r);
      expect(train.length).toBe(N_TRAIN);
      expect(train.data.dtype).toBe(torch.uint8);
      expect(train.data.shape).toEqual([N_TRAIN, 28, 28]);
      expect(train.targets.dtype).toBe(torch.int64);
      expect(ints(train.targets)).toEqual(ints(labels(N_TRAIN)));
      expect(train.data.equal(images(N_TRAIN, 1))).toBe(true);
      const test = new MNIST(r, { train: false });
      expect(test.length).toBe(N_TEST);
      expect(test.data.equal(images(N_TEST, 2))).toBe(true);
    }
  });

  it('getItem gives [image, label]; transforms apply per sample', () => {
    const ds = new MNIST(join(root, 'flat'));
    const [img, y] = ds.getItem(4);
    expect((img as torch.Tensor).shape).toEqual([28, 28]);
    expect(y).toBe(2);
    const t = new MNIST(join(root, 'flat'), { transform: transforms.toTensor(), targetTransform: (v) => v * 10 });
    const [timg, ty] = t.getItem(4);
    expect((timg as torch.Tensor).shape).toEqual([1, 28, 28]);
    expect((timg as torch.Tensor).dtype).toBe(torch.float32);
    expect((timg as torch.Tensor).get(0).equal((img as torch.Tensor).float().div(255))).toBe(true);
    expect(ty).toBe(20);
    expect(() => ds.getItem(N_TRAIN)).toThrow(torch.TorchIndexError);
  });

  it('getBatch equals defaultCollate of getItem for every kind of transform', () => {
    const idx = torch.tensor([7, 0, 3, 11]);
    const perSample = (x: torch.Tensor) => x.float().add(1); // not marked batched
    for (const options of [{}, { transform: transforms.toTensor() }, { transform: perSample }, { transform: transforms.toTensor(), targetTransform: (v: number) => v + 0.5 }]) {
      const ds = new MNIST(join(root, 'flat'), options);
      const fast = ds.getBatch(idx) as [torch.Tensor, torch.Tensor];
      const slow = defaultCollate(ints(idx).map((i) => ds.getItem(i))) as [torch.Tensor, torch.Tensor];
      for (const k of [0, 1]) {
        expect(fast[k].shape).toEqual(slow[k].shape);
        expect(fast[k].dtype).toBe(slow[k].dtype);
        expect(fast[k].equal(slow[k])).toBe(true);
      }
    }
  });

  it('feeds a DataLoader through the batch fast path', () => {
    const ds = new MNIST(join(root, 'flat'), { transform: transforms.compose([transforms.toTensor(), transforms.normalize([0.5], [0.25])]) });
    const loader = new DataLoader(ds, { batchSize: 5, shuffle: true, generator: new torch.Generator().manualSeed(0) });
    expect(loader.usesBatchFastPath).toBe(true);
    const batches = [...loader] as [torch.Tensor, torch.Tensor][];
    expect(batches.map(([x]) => x.shape)).toEqual([[5, 1, 28, 28], [5, 1, 28, 28], [2, 1, 28, 28]]);
    expect(batches.flatMap(([, y]) => ints(y)).sort()).toEqual(ints(labels(N_TRAIN)).sort());
  });

  it('says how to get missing files', () => {
    const empty = join(root, 'empty');
    mkdirSync(empty);
    expect(() => new MNIST(empty)).toThrow(DatasetNotFoundError);
    expect(() => new MNIST(empty)).toThrow(/MNIST: train-images-idx3-ubyte\(.gz\) not found in .*empty\/MNIST\/raw or .*empty\. To get it, download it with `await MNIST.create\(".*", \{ download: true \}\)`/);
    expect(() => new FashionMNIST(empty, { download: true })).toThrow(/Downloads are asynchronous and cannot run in a constructor.*apt-get install dataset-fashion-mnist/);
  });

  it('rejects inconsistent files', () => {
    const dir = writeSet(join(root, 'bad'), false, ['train-images-idx3-ubyte']);
    writeFileSync(join(dir, 'train-labels-idx1-ubyte'), encodeIdx(labels(3)));
    expect(() => new MNIST(dir)).toThrow(/has 12 images but .* has 3 labels/);
    writeFileSync(join(dir, 'train-labels-idx1-ubyte'), encodeIdx(torch.full([N_TRAIN], 10, { dtype: torch.uint8 })));
    expect(() => new MNIST(dir)).toThrow(/label 0 in .* is 10, outside 0..9/);
    writeFileSync(join(dir, 'train-labels-idx1-ubyte'), encodeIdx(torch.zeros(N_TRAIN, 1).to(torch.uint8)));
    expect(() => new MNIST(dir)).toThrow(IdxFormatError);
    writeFileSync(join(dir, 'train-images-idx3-ubyte'), files['train-images-idx3-ubyte']!.subarray(0, 500));
    expect(() => new MNIST(dir)).toThrow(/is truncated/);
  });

  it('checks its options', () => {
    expect(() => new MNIST(join(root, 'flat'), { target_transform: 1 } as never)).toThrow(/did you mean 'targetTransform'/);
    expect(() => new MNIST(join(root, 'flat'), { transform: 3 as never })).toThrow(/transform must be a function/);
    expect(() => new MNIST(join(root, 'flat'), { train: 'yes' as never })).toThrow(/train must be a boolean/);
  });
});

describe('download from a local server', () => {
  let server: TestServer;
  const gz = Object.fromEntries(Object.entries(files).map(([k, v]) => [`${k}.gz`, gzipSync(v)]));
  class Tiny extends MNIST {
    static override readonly folder = 'Tiny';
    static override readonly resources: readonly Resource[] = Object.entries(gz).map(([file, b]) => ({ file, md5: createHash('md5').update(b).digest('hex') }));
  }
  beforeAll(async () => {
    server = await startServer();
    for (const [file, b] of Object.entries(gz)) server.routes.set(`/good/${file}`, { body: b });
    server.routes.set('/corrupt/train-images-idx3-ubyte.gz', { body: gz['t10k-images-idx3-ubyte.gz']! });
  });
  afterAll(() => server.close());

  it('create({ download: true }) fetches each file, trying mirrors in order, verifies md5 and reads the split', async () => {
    const r = join(root, 'dl');
    const ds = await Tiny.create(r, { download: true, mirrors: [`${server.url}/missing/`, `${server.url}/good`], progress: false });
    expect(ds).toBeInstanceOf(Tiny);
    expect(ds.data.equal(images(N_TRAIN, 1))).toBe(true);
    for (const file of Object.keys(gz)) expect(existsSync(join(r, 'Tiny', 'raw', file))).toBe(true);
    const before = server.requests.length;
    await Tiny.download(r, { progress: false });
    expect(server.requests.length).toBe(before); // nothing fetched twice
  });

  it('a file with the wrong checksum from every mirror fails with each mirror\'s reason', async () => {
    const r = join(root, 'dl-bad');
    await expect(Tiny.download(r, { mirrors: [`${server.url}/corrupt/`], progress: false })).rejects.toThrow(
      /could not download train-images-idx3-ubyte.gz from any mirror:\n {2}downloadUrl: .*md5 mismatch/,
    );
    expect(existsSync(join(r, 'Tiny', 'raw', 'train-images-idx3-ubyte.gz'))).toBe(false);
  });
});

describe.runIf(existsSync(join(FashionMNIST.debianDir, 'train-images-idx3-ubyte.gz')))('the Debian dataset-fashion-mnist package', () => {
  it('is the default root, with 6000 training and 1000 test images of each class', () => {
    expect(FashionMNIST.defaultRoot()).toBe(FashionMNIST.debianDir);
    const train = new FashionMNIST();
    expect(train.data.shape).toEqual([60000, 28, 28]);
    const counts = torch.zeros(10).indexAdd_(0, train.targets, torch.ones(60000));
    expect(ints(counts.to(torch.int64))).toEqual(Array(10).fill(6000));
    const test = new FashionMNIST(undefined, { train: false });
    expect(test.length).toBe(10000);
    expect(ints(torch.zeros(10).indexAdd_(0, test.targets, torch.ones(10000)).to(torch.int64))).toEqual(Array(10).fill(1000));
    expect(Number(train.data.float().mean().item())).toBeCloseTo(72.94, 1); // Fashion-MNIST's mean pixel (0.2860 × 255)
  });
});
