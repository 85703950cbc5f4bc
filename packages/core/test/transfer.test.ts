// Transferring a tensor's ArrayBuffer to another thread (postMessage with a transfer list,
// structuredClone with { transfer }). Small storages share 64 KiB slabs, which must survive such a
// transfer; a storage that really is detached must throw a clear TorchDetachedError, never read as
// undefined or print nan.
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';

/** Transfers `data.buffer` away with structuredClone; the clone, or the DataCloneError a runtime may throw for an untransferable buffer. */
function transferAway(data: ArrayBufferView): unknown {
  try {
    return structuredClone(data, { transfer: [data.buffer as ArrayBuffer] });
  } catch (e) {
    return e;
  }
}

/** Posts `data` with its buffer in the transfer list through a MessageChannel; resolves with what arrives, or the error. */
async function postAway(data: ArrayBufferView): Promise<unknown> {
  const { port1, port2 } = new MessageChannel();
  try {
    const got = new Promise((resolve) => port2.once('message', resolve));
    port1.postMessage(data, [data.buffer as ArrayBuffer]);
    return await got;
  } catch (e) {
    return e;
  } finally {
    port1.close();
    port2.close();
  }
}

/** A received copy holds the values, or the send failed with a DataCloneError: either leaves us intact. */
function expectCopyOrRefusal(result: unknown, values: number[]): void {
  if (result instanceof Error) expect(result.name).toBe('DataCloneError');
  else expect(Array.from(result as Float32Array)).toEqual(values);
}

describe('small storages (slabs) and transfers', () => {
  it('transferring one small tensor buffer leaves unrelated tensors and later allocations intact', () => {
    const t = torch.tensor([1, 2, 3], { dtype: torch.float32 });
    const u = torch.tensor([4, 5], { dtype: torch.float32 });
    const data = t.numpy().data as Float32Array;
    expect(data.buffer.byteLength).toBeGreaterThan(data.byteLength); // a slab, shared with u
    expectCopyOrRefusal(transferAway(data), [1, 2, 3]);
    expect(u.tolist()).toEqual([4, 5]);
    expect(t.tolist()).toEqual([1, 2, 3]);
    expect(u.add(1).tolist()).toEqual([5, 6]);
    for (let i = 0; i < 2000; i++) expect(torch.tensor([i]).add(1).item()).toBe(i + 1);
  });

  it('postMessage with a transfer list of a slab buffer does not break the process', async () => {
    const t = torch.tensor([7, 8, 9], { dtype: torch.float32 });
    const u = torch.ones(5);
    expectCopyOrRefusal(await postAway(t.numpy().data), [7, 8, 9]);
    expect(String(u)).not.toContain('nan');
    expect(u.sum().item()).toBe(5);
    expect(torch.zeros(3).add(t).tolist()).toEqual([7, 8, 9]);
  });
});

describe('a detached storage', () => {
  /** A tensor with its own (non-slab) buffer whose buffer has been transferred away. */
  function detachedTensor(): torch.Tensor {
    const t = torch.arange(20000, { dtype: torch.float32 });
    const data = t.storage().data;
    expect(data.buffer.byteLength).toBe(data.byteLength); // its own buffer: transferable
    const moved = structuredClone(data, { transfer: [data.buffer as ArrayBuffer] }) as Float32Array;
    expect(moved[19999]).toBe(19999);
    return t;
  }

  it('throws TorchDetachedError naming the op on reads', () => {
    const t = detachedTensor();
    expect(t.storage().isDetached()).toBe(true);
    expect(() => t.get(5).item()).toThrow(torch.TorchDetachedError);
    expect(() => t.get(5).item()).toThrow(/item: .*detached.*transferred/);
    expect(() => t.tolist()).toThrow(/tolist: .*detached/);
    expect(() => String(t)).toThrow(/print: .*detached/);
    expect(() => t.storage().get(0)).toThrow(/Storage\.get: .*detached/);
    expect(() => t.storage().set(0, 1)).toThrow(/Storage\.set: .*detached/);
    expect(() => t.storage().tolist()).toThrow(/Storage\.tolist: .*detached/);
    expect(() => t.storage().fill_(1)).toThrow(/Storage\.fill_: .*detached/);
    // Still a TorchTypeError, for code that catches those.
    expect(() => t.tolist()).toThrow(torch.TorchTypeError);
  });

  it('throws TorchDetachedError naming the op from ops that receive it', () => {
    const t = detachedTensor();
    const other = torch.ones(20000);
    expect(() => t.add(1)).toThrow(torch.TorchDetachedError);
    expect(() => t.add(1)).toThrow(/add: .*detached/);
    expect(() => other.add(t)).toThrow(/add: .*detached/);
    expect(() => t.view([100, 200]).t().mul(2)).toThrow(/mul: .*detached/);
    expect(() => t.sum()).toThrow(/sum: .*detached/);
    expect(() => t.sort()).toThrow(/sort: .*detached/);
    expect(() => torch.mm(t.view([100, 200]), torch.ones([200, 3]))).toThrow(torch.TorchDetachedError);
    expect(() => t.fill_(2)).toThrow(torch.TorchDetachedError);
    expect(() => t.uniform_()).toThrow(torch.TorchDetachedError);
    expect(() => t.indexSelect(0, torch.tensor([0, 1], { dtype: torch.int64 }))).toThrow(torch.TorchDetachedError);
    // Other tensors are unaffected.
    expect(other.sum().item()).toBe(20000);
  });

  it('leaves an ordinary empty storage alone', () => {
    const e = new torch.FloatStorage(new Float32Array(0));
    expect(e.isDetached()).toBe(false);
    expect(e.tolist()).toEqual([]);
    expect(torch.tensor([]).tolist()).toEqual([]);
  });
});
