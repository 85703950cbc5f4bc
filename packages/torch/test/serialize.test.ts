// torch.save / torch.load through the umbrella package (implemented in @torch/core, docs/serialization.md).
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';

describe('torch.save / torch.load', () => {
  it('are exported by the umbrella and round-trip a checkpoint', async () => {
    const w = torch.randn(3, 4);
    const back = await torch.load<{ w: torch.Tensor; wt: torch.Tensor }>(await torch.save({ w, wt: w.t() }));
    expect(back.w.tolist()).toEqual(w.tolist());
    expect(back.wt.storage()).toBe(back.w.storage());
    expect(torch.loadSync<number[]>(torch.saveSync([1, 2]))).toEqual([1, 2]);
  });

  it('a Variable is refused with a hint to save its tensor', () => {
    const v = new torch.autograd.Variable(torch.ones(2), { requiresGrad: true });
    expect(() => torch.saveSync({ v })).toThrow(/cannot save a _?Variable at the root\.v .*save its \.data tensor/);
    expect(torch.loadSync<{ v: torch.Tensor }>(torch.saveSync({ v: v.data })).v.tolist()).toEqual([1, 1]);
  });
});

describe('a PyTorch-trained checkpoint in torch.nn', () => {
  it("nn.Sequential.loadStateDict of PyTorch's mlp.pt (an OrderedDict, loaded as a Map) gives PyTorch's output", async () => {
    const { readFileSync } = await import('node:fs');
    const dir = new URL('../../core/test/fixtures/serialize/', import.meta.url);
    const expected = JSON.parse(readFileSync(new URL('serialize.json', dir), 'utf8')).cases.mlp as {
      input: { shape: number[]; data: number[] };
      output: { shape: number[]; data: number[] };
    };
    const sd = torch.loadSync<Map<string, torch.Tensor>>(new URL('mlp.pt', dir).pathname);
    const net = new torch.nn.Sequential(new torch.nn.Linear(4, 8), new torch.nn.ReLU(), new torch.nn.Linear(8, 3));
    const { missingKeys, unexpectedKeys } = net.loadStateDict(sd);
    expect([missingKeys, unexpectedKeys]).toEqual([[], []]);
    const x = new torch.autograd.Variable(torch.tensor(expected.input.data).view(expected.input.shape).float());
    const y = net.forward(x).data as torch.Tensor;
    const want = torch.tensor(expected.output.data).view(expected.output.shape).float();
    expect(y.sub(want).abs().max().item()).toBeLessThan(1e-5);
  });
});
