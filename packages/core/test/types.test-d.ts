// Type-level tests (checked by tsc in `typecheck` and by `vitest --typecheck` in `test`). Each
// line marked ts-expect-error must fail to compile.
import { describe, expectTypeOf, it } from 'vitest';
import * as torch from '../src/index';

const t = torch.randn(2, 3);

describe('tensor results', () => {
  it('ops give Tensors, tolist nested numbers, numpy a TypedArray view', () => {
    expectTypeOf(t.add(1).mm(t.t())).toEqualTypeOf<torch.Tensor>();
    expectTypeOf(torch.add(t, t)).toEqualTypeOf<torch.Tensor>();
    expectTypeOf(t.tolist()).toEqualTypeOf<torch.NestedArray>();
    expectTypeOf(t.item()).toEqualTypeOf<number>();
    expectTypeOf(t.numpy().data).toEqualTypeOf<torch.TypedArray>();
    expectTypeOf(t.shape).toEqualTypeOf<readonly number[]>();
    expectTypeOf(t.max(0).values).toEqualTypeOf<torch.Tensor>();
    // @ts-expect-error: tolist gives numbers, not strings
    const s: string[][] = t.tolist();
    void s;
    // @ts-expect-error: add takes a tensor or a number
    t.add('1');
    // @ts-expect-error: sum's keepdim is an option, not a positional boolean
    t.sum(1, true);
  });
});
