// Semantics of the elementwise op table beyond the PyTorch fixtures (conformance.test.ts): options,
// in-place rules, version counters and error messages.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';

describe('elementwise ops', () => {
  it('method, function, in-place and out forms agree', () => {
    const a = torch.tensor([[1, 2], [3, 4]], { dtype: torch.float32 });
    const b = torch.tensor([10, 20], { dtype: torch.float32 });
    const expected = [[21, 42], [23, 44]];
    expect(a.add(b, { alpha: 2 }).tolist()).toEqual(expected);
    expect(torch.add(a, b, { alpha: 2 }).tolist()).toEqual(expected);
    const out = torch.empty(2, 2);
    expect(torch.add(a, b, { alpha: 2, out })).toBe(out);
    expect(out.tolist()).toEqual(expected);
    const c = a.clone();
    expect(c.add_(b, { alpha: 2 })).toBe(c);
    expect(c.tolist()).toEqual(expected);
  });

  it('an empty out tensor is resized; a mismatched one is an error', () => {
    const out = torch.empty(0);
    torch.mul(torch.ones(2, 3), 2, { out });
    expect(out.size()).toEqual([2, 3]);
    expect(() => torch.mul(torch.ones(2, 3), 2, { out: torch.empty(4) })).toThrow(/out has size \[4\]/);
    expect(() => torch.add(torch.ones(2), 0.5, { out: torch.empty(2, { dtype: torch.int32 }) })).toThrow(torch.TorchTypeError);
  });

  it('in-place ops bump the storage version shared by views', () => {
    const a = torch.zeros(4);
    const v = a.narrow(0, 1, 2);
    const before = a.storage().version;
    v.add_(1);
    expect(a.storage().version).toBe(before + 1);
    expect(a.tolist()).toEqual([0, 1, 1, 0]);
  });

  it('in-place results must fit the tensor: dtype and shape', () => {
    const i = torch.tensor([1, 2, 3], { dtype: torch.int32 });
    expect(() => i.div_(2)).toThrow(/div_: result type torch.float32 cannot be cast to the in-place tensor's dtype torch.int32/);
    expect(() => i.add_(1.5)).toThrow(torch.TorchTypeError);
    expect(() => torch.zeros(3).add_(torch.zeros(2, 3))).toThrow(/does not match the broadcast size \[2, 3\]/);
    expect(i.tolist()).toEqual([1, 2, 3]);
    const f = torch.zeros(3);
    f.add_(i); // int into float is fine
    expect(f.tolist()).toEqual([1, 2, 3]);
  });

  it('broadcast errors name the op and both sizes', () => {
    expect(() => torch.ones(2, 3).add(torch.ones(4))).toThrow('add: sizes [2, 3] and [4] cannot broadcast');
    expect(() => torch.ones(2, 3).addcmul(torch.ones(3), torch.ones(2))).toThrow(/addcmul: sizes \[2, 3\] and \[2\]/);
  });

  it('follows PyTorch type promotion', () => {
    const i32 = torch.tensor([1, 2], { dtype: torch.int32 });
    expect(i32.add(1).dtype).toBe(torch.int32);
    expect(i32.add(1.5).dtype).toBe(torch.float32);
    expect(i32.div(2).dtype).toBe(torch.float32);
    expect(i32.sqrt().dtype).toBe(torch.float32);
    expect(i32.add(torch.tensor(1.5, { dtype: torch.float64 })).dtype).toBe(torch.float64);
    expect(i32.add(torch.tensor([1.5], { dtype: torch.float64 })).dtype).toBe(torch.float64);
    expect(torch.tensor([1], { dtype: torch.uint8 }).add(torch.tensor([1], { dtype: torch.int8 })).dtype).toBe(torch.int16);
    expect(torch.tensor([true]).add(torch.tensor([true])).tolist()).toEqual([1]);
    expect(torch.tensor([true]).add(1).dtype).toBe(torch.int64);
    expect(i32.lt(1.5).dtype).toBe(torch.bool);
    expect(torch.tensor([1, 2], { dtype: torch.float16 }).mul(3).dtype).toBe(torch.float16);
  });

  it('integer corner cases raise instead of crashing', () => {
    const i = torch.tensor([5, -7]);
    expect(() => i.fmod(0)).toThrow(/ZeroDivisionError/);
    expect(() => i.remainder(torch.tensor([1, 0]))).toThrow(/ZeroDivisionError/);
    expect(i.remainder(-1).tolist()).toEqual([0, 0]);
    expect(() => i.pow(-1)).toThrow(/negative integer powers/);
    expect(() => i.add(1, { alpha: 0.5 })).toThrow(/alpha must be an integer/);
    expect(() => torch.tensor([true]).neg()).toThrow(/bool/);
    expect(() => torch.tensor([1, 2]).frac()).toThrow(/floating point/);
    expect(() => torch.tensor([1, 2]).addcdiv(torch.tensor([1, 2]), torch.tensor([1, 2]))).toThrow(/integer division/);
    expect(() => torch.ones(2).add('x' as never)).toThrow(/add: other must be a Tensor or a number, got string x/);
  });

  it('clamp, lerp, addcmul, addcdiv, max/min of two tensors', () => {
    const x = torch.tensor([-2, 0.5, 2, NaN]);
    expect(x.clamp(-1, 1).tolist()).toEqual([-1, 0.5, 1, NaN]);
    expect(x.clamp(null, 0).tolist()).toEqual([-2, 0, 0, NaN]);
    expect(x.clamp(0).tolist()).toEqual([0, 0.5, 2, NaN]);
    expect(() => x.clamp(null, null)).toThrow(/at least one/);
    expect(torch.zeros(2).lerp(torch.ones(2), 0.25).tolist()).toEqual([0.25, 0.25]);
    expect(torch.zeros(2).lerp(torch.ones(2), torch.tensor([0, 1], { dtype: torch.float32 })).tolist()).toEqual([0, 1]);
    expect(torch.ones(2).addcmul(torch.full([2], 2), torch.full([2], 3), { value: 0.5 }).tolist()).toEqual([4, 4]);
    expect(torch.ones(2).addcdiv(torch.full([2], 2, { dtype: torch.float32 }), torch.full([2], 4, { dtype: torch.float32 }), { value: 2 }).tolist()).toEqual([2, 2]);
    expect(torch.tensor([1, 5]).max(torch.tensor([3, 2])).tolist()).toEqual([3, 5]);
    expect(torch.tensor([1, NaN]).min(torch.tensor([3, 2])).tolist()).toEqual([1, NaN]);
  });

  it('vectorised exp/log/trig agree with libm (Math.*) everywhere, also past the fast range and in place', () => {
    // Mostly ordinary arguments, with huge and non-finite ones in some 256-element blocks (the libm path).
    const n = 5000;
    const xs = Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 60);
    Object.assign(xs, { 7: 1e6, 300: -3.5e5, 301: Infinity, 302: -Infinity, 303: NaN, 304: 0, 305: -0, 4000: 1e300 });
    const fns = { sin: Math.sin, cos: Math.cos, tan: Math.tan, exp: Math.exp, expm1: Math.expm1, tanh: Math.tanh, log: Math.log } as const;
    for (const dtype of [torch.float64, torch.float32]) {
      const round = dtype === torch.float32 ? Math.fround : (v: number) => v;
      for (const [name, ref] of Object.entries(fns)) {
        const x = torch.tensor(xs.map((v) => (name === 'log' ? Math.abs(v) : v)), { dtype });
        const inputs = x.tolist() as number[];
        const got = [(x as unknown as Record<string, () => torch.Tensor>)[name]!().tolist() as number[],
          (x.clone() as unknown as Record<string, () => torch.Tensor>)[`${name}_`]!().tolist() as number[]];
        for (const out of got)
          out.forEach((v, i) => {
            const want = round(ref(inputs[i]!));
            const tol = (dtype === torch.float32 ? 2.4e-7 : 1e-15) * Math.abs(want) + 1e-300;
            if (!(Object.is(v, want) || Math.abs(v - want) <= tol || (Number.isNaN(v) && Number.isNaN(want))))
              throw new Error(`${name} ${dtype.name} at ${inputs[i]}: ${v} vs ${want}`);
          });
      }
    }
  });

  it('works on non-contiguous, expanded, 0-dim and large inputs through the strided iterator', () => {
    const base = torch.arange(12, { dtype: torch.float64 }).view(3, 4);
    const nc = base.t();
    expect(nc.mul(2).tolist()).toEqual(base.mul(2).t().tolist());
    const e = torch.tensor([[1], [2]], { dtype: torch.float64 }).expand(2, 3);
    expect(e.add(torch.tensor(1, { dtype: torch.float64 })).tolist()).toEqual([[2, 2, 2], [3, 3, 3]]);
    const n = 100003; // above the threading grain, odd so chunks are uneven
    const big = torch.arange(n, { dtype: torch.float32 });
    const s = big.view(1, n).expand(3, n).t().add(1);
    expect(s.size()).toEqual([n, 3]);
    expect(s.get(n - 1).tolist()).toEqual([n, n, n]);
  });
  it('an input broadcast along the last dim (a column, a [1, 1] tensor) is staged right on every thread and dtype', () => {
    // Rows of 1000 over 301 rows: the second thread's range starts mid-row, so one value is staged first for part
    // of a row and then for whole rows; casts (int32 into float32) and float16 rounding go through the same path.
    const rows = 301, cols = 1000;
    for (const [xt, bt] of [[torch.float32, torch.float32], [torch.float64, torch.int32], [torch.float16, torch.float32], [torch.int64, torch.int16]] as const) {
      // Transposed, so that the [1, 1] operand's dims cannot coalesce into one run: every row restarts it.
      const x = torch.arange(rows * cols).remainder(251).to(xt).view(cols, rows).t();
      const col = torch.arange(rows).mul(3).sub(100).to(bt).view(rows, 1);
      // Different values one after the other: a stale staged buffer (left by the call before) would show.
      for (const b of [col, torch.tensor([[7]], { dtype: bt }), torch.tensor([[-3]], { dtype: bt }), torch.tensor([[11]], { dtype: bt })]) {
        const expected = x.add(b.expand(rows, cols).contiguous());
        expect(x.add(b).sub(expected).abs().max().item(), `${xt} + ${bt} ${b.size()}`).toBe(0);
        expect(b.add(x).sub(expected).abs().max().item()).toBe(0);
      }
    }
  });
});
