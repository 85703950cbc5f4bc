// The buffers of gradients a backward pass proves dead go to core's pool, and the large allocations of
// later passes take them back (core's buffer-pool.ts, GradOwnership.releaseConsumed). What the user can
// still reach (.grad, hook arguments, autograd.grad's results, retained graphs) must never be reused.
import { describe, expect, it } from 'vitest';
import * as torch from '@torch/core';
import { Variable, grad } from '../src/index';
import { GradOwnership } from '../src/grad-ownership';
import { v } from './helpers';

// 128 x 128 float64 = 128 KB, above the 64 KB where storages get a buffer of their own.
const N = 128;
const snapshot = (t: Variable | null | undefined) => t!.data.clone();

/** A small network with a shared weight, a view and a sum of two paths. */
function forward(x: Variable, w: Variable) {
  const h = x.mm(w).tanh();
  const k = h.view([N * N]).view([N, N]).mul(h).mm(w);
  return k.add(h).sigmoid().sum();
}

describe('gradient buffer pool', () => {
  it('a second backward pass reuses the dead gradients of the first', () => {
    const x = v([N, N]), w = v([N, N]);
    forward(x, w).backward();
    const before = torch.storageAllocations();
    forward(x, w).backward();
    const after = torch.storageAllocations();
    expect(after.reused - before.reused).toBeGreaterThan(0);
    expect(torch.backends.cpu.pooledBytes).toBeGreaterThan(0);
  });

  it('gives the same gradients with and without reuse', () => {
    const x = v([N, N]), w = v([N, N]);
    torch.emptyBufferPool();
    forward(x, w).backward();
    const fresh = [snapshot(x.grad), snapshot(w.grad)];
    x.grad = null;
    w.grad = null;
    forward(x, w).backward(); // the pool is full now
    expect(x.grad!.data.equal(fresh[0]!)).toBe(true);
    expect(w.grad!.data.equal(fresh[1]!)).toBe(true);
  });

  it('never reuses what user code can still reach', () => {
    const x = v([N, N]), w = v([N, N]);
    let seen: Variable | undefined;
    const h = x.mm(w).tanh();
    h.registerHook((g) => void (seen = g));
    const k = h.mul(h).mm(w);
    k.retainGrad();
    k.sigmoid().sum().backward();
    const [gh, gw] = grad(forward(x, w), [x, w]);
    const kept = [snapshot(seen), snapshot(k.grad), snapshot(x.grad), snapshot(w.grad), snapshot(gh), snapshot(gw)];
    // More passes that allocate from the pool and overwrite whatever it handed out.
    for (let i = 0; i < 3; i++) forward(v([N, N]), v([N, N])).backward();
    const now = [seen, k.grad, x.grad, w.grad, gh, gw];
    now.forEach((t, i) => expect(t!.data.equal(kept[i]!)).toBe(true));
  });

  it('lets a node overwrite only a gradient that reaches it once and waits nowhere else', () => {
    const ownership = new GradOwnership();
    const g = new Variable(torch.empty([N, N], { dtype: torch.float64 }));
    expect(ownership.overwritable([g])).toEqual([true]);
    expect(ownership.overwritable([g, g])).toEqual([false, false]); // one Variable in two input slots
    expect(ownership.overwritable([g, new Variable(g.data.view([N * N]))])).toEqual([false, false]);
    ownership.wait(g, 1);
    expect(ownership.overwritable([g])).toEqual([false]);
    ownership.wait(g, -1);
    ownership.share([g]);
    expect(ownership.overwritable([g])).toEqual([false]);
    const later = new GradOwnership();
    const fresh = new Variable(torch.empty([N, N], { dtype: torch.float64 }));
    expect(later.overwritable([fresh, null])).toEqual([true, false]);
    expect(later.overwritable([g])).toEqual([false]); // made before this pass began
  });

  it('a released storage throws on access instead of sharing memory', () => {
    const t = torch.empty([N, N], { dtype: torch.float64 });
    expect(torch.releaseStorage(t._storage)).toBe(true);
    expect(() => t.sum()).toThrow(torch.TorchDetachedError); // the kernels' own check
    expect(() => t.tolist()).toThrow(/went back to the buffer pool/);
    expect(() => t.add(1)).toThrow(torch.TorchDetachedError);
    // a slab carving (small) or a wrap of the user's array is never pooled
    expect(torch.releaseStorage(torch.zeros([4])._storage)).toBe(false);
    expect(torch.releaseStorage(torch.tensor(new Float64Array(N * N))._storage)).toBe(false);
  });

  it('hands pooled buffers only to allocations inside a backward pass, and empties on request', () => {
    torch.emptyBufferPool();
    const t = torch.empty([N, N], { dtype: torch.float64 });
    torch.releaseStorage(t._storage);
    expect(torch.backends.cpu.pooledBytes).toBe(N * N * 8);
    const outside = torch.storageAllocations().reused;
    torch.empty([N, N], { dtype: torch.float64 });
    expect(torch.storageAllocations().reused).toBe(outside);
    const inside = torch.reuseBuffers(() => torch.zeros([N, N], { dtype: torch.float64 }));
    expect(torch.storageAllocations().reused).toBe(outside + 1);
    expect(inside.sum().item()).toBe(0); // zero-filled requests are cleared
    torch.releaseStorage(inside._storage);
    expect(() => (torch.emptyBufferPool as (...a: unknown[]) => number)(true)).toThrow(/emptyBufferPool: expected no arguments, got 1/);
    expect(() => torch.releaseStorage(t as never)).toThrow(/releaseStorage: expected a Storage, got object/);
    expect(torch.emptyBufferPool()).toBe(N * N * 8);
    expect(torch.backends.cpu.pooledBytes).toBe(0);
  });
});
