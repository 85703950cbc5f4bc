// Type-level tests (checked by tsc in `typecheck` and by `vitest --typecheck` in `test`). Each
// line marked ts-expect-error must fail to compile.
import { describe, expectTypeOf, it } from 'vitest';
import * as torch from '../src/index';

const t = torch.randn(2, 3);

describe('tensors typed by dtype', () => {
  it('numpy().data and toTypedArray() are the dtype\'s own TypedArray when the dtype is known', () => {
    expectTypeOf(torch.zeros(2, 3, { dtype: torch.float32 }).numpy().data).toEqualTypeOf<Float32Array>();
    expectTypeOf(torch.ones([2], { dtype: torch.float64 }).numpy().data).toEqualTypeOf<Float64Array>();
    expectTypeOf(torch.arange(5, { dtype: torch.int64 }).toTypedArray()).toEqualTypeOf<BigInt64Array>();
    expectTypeOf(torch.tensor([1, 2], { dtype: torch.int32 }).numpy().data).toEqualTypeOf<Int32Array>();
    expectTypeOf(torch.randn(3, { dtype: torch.float64 })).toEqualTypeOf<torch.Tensor<'float64'>>();
    expectTypeOf(t.double().numpy().data).toEqualTypeOf<Float64Array>();
    expectTypeOf(t.half().numpy().data).toEqualTypeOf<Uint16Array>();
    expectTypeOf(t.bool().numpy().data).toEqualTypeOf<Uint8Array>();
    expectTypeOf(t.long().toTypedArray()).toEqualTypeOf<BigInt64Array>();
    expectTypeOf(new torch.FloatTensor(2, 3).numpy().data).toEqualTypeOf<Float32Array>();
    expectTypeOf(new torch.ByteTensor(4).numpy().data).toEqualTypeOf<Uint8Array>();
    expectTypeOf(torch.DoubleTensor.dtype).toEqualTypeOf<torch.DType<'float64'>>();
    expectTypeOf(torch.float16.name).toEqualTypeOf<'float16'>();
    // *Like keeps the input's dtype unless given one; clone keeps it too.
    const d = torch.zeros(2, { dtype: torch.float64 });
    expectTypeOf(torch.zerosLike(d).numpy().data).toEqualTypeOf<Float64Array>();
    expectTypeOf(torch.onesLike(d, { dtype: torch.int8 }).numpy().data).toEqualTypeOf<Int8Array>();
    expectTypeOf(d.clone().numpy().data).toEqualTypeOf<Float64Array>();
    // Unknown dtype (the default one, or an op's promoted result): the union, as before.
    expectTypeOf(torch.zeros(2).numpy().data).toEqualTypeOf<torch.TypedArray>();
    expectTypeOf(d.add(1).numpy().data).toEqualTypeOf<torch.TypedArray>();
    // A typed tensor is still a Tensor.
    expectTypeOf(d).toMatchTypeOf<torch.Tensor>();
    // @ts-expect-error: a float64 tensor's data is not a Float32Array
    const f: Float32Array = d.numpy().data;
    // @ts-expect-error: nor is an int64 tensor's
    const g: Float64Array = t.long().numpy().data;
    // @ts-expect-error: the union is not one TypedArray
    const h: Float32Array = torch.zeros(2).numpy().data;
    // @ts-expect-error: a DType<'float32'> is not a DType<'int32'>
    const i: torch.DType<'int32'> = torch.float32;
    void [f, g, h, i];
  });
});

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
  });
});

describe("PyTorch's positional forms (docs/arguments.md) typecheck", () => {
  it('keepdim, unbiased, descending, largest, upper, eigenvectors, some, replacement, accumulate', () => {
    const A = torch.randn(3, 3);
    expectTypeOf(t.sum(1, true)).toEqualTypeOf<torch.Tensor>();
    expectTypeOf(t.sum([0, 1], false, { dtype: torch.float64 })).toEqualTypeOf<torch.Tensor>();
    expectTypeOf(t.mean(1, true)).toEqualTypeOf<torch.Tensor>();
    expectTypeOf(t.std(1, false, true)).toEqualTypeOf<torch.Tensor>();
    expectTypeOf(t.var(1, false)).toEqualTypeOf<torch.Tensor>();
    expectTypeOf(t.norm(2, 1, true)).toEqualTypeOf<torch.Tensor>();
    expectTypeOf(t.max(1, true)).toEqualTypeOf<torch.ValuesIndices>();
    expectTypeOf(t.median(1, true).values).toEqualTypeOf<torch.Tensor>();
    expectTypeOf(t.argmax(1, true)).toEqualTypeOf<torch.Tensor>();
    expectTypeOf(t.sort(1, true)).toEqualTypeOf<torch.ValuesIndices>();
    expectTypeOf(t.topk(2, 1, false, true)).toEqualTypeOf<torch.ValuesIndices>();
    expectTypeOf(t.kthvalue(2, 1, true)).toEqualTypeOf<torch.ValuesIndices>();
    expectTypeOf(A.symeig(true).eigenvectors).toEqualTypeOf<torch.Tensor>();
    expectTypeOf(A.symeig(true, true).eigenvalues).toEqualTypeOf<torch.Tensor>();
    expectTypeOf(A.cholesky(true)).toEqualTypeOf<torch.Tensor>();
    expectTypeOf(A.svd(false).S).toEqualTypeOf<torch.Tensor>();
    expectTypeOf(A.qr(false).R).toEqualTypeOf<torch.Tensor>();
    expectTypeOf(A.triangularSolve(A, false, true).solution).toEqualTypeOf<torch.Tensor>();
    expectTypeOf(A.pinverse(1e-10)).toEqualTypeOf<torch.Tensor>();
    expectTypeOf(torch.tensor([0.2, 0.8]).multinomial(4, true)).toEqualTypeOf<torch.Tensor>();
    expectTypeOf(t.put(torch.tensor([0]), torch.tensor([1.5]), true)).toEqualTypeOf<torch.Tensor>();
    // The keyword forms still typecheck, and the function forms take the same positional keywords.
    expectTypeOf(t.sum(1, { keepdim: true })).toEqualTypeOf<torch.Tensor>();
    expectTypeOf(torch.sum(t, 1, true)).toEqualTypeOf<torch.Tensor>();
    expectTypeOf(torch.std(t, 1, false, true)).toEqualTypeOf<torch.Tensor>();
    expectTypeOf(torch.max(t, 1, true)).toEqualTypeOf<torch.ValuesIndices>();
    expectTypeOf(torch.sort(t, 0, true)).toEqualTypeOf<torch.ValuesIndices>();
    expectTypeOf(torch.symeig(A, true).eigenvectors).toEqualTypeOf<torch.Tensor>();
    // LAPACK results are named tuples, as in PyTorch: fields by name, or destructured in order.
    const [U, S] = A.svd();
    expectTypeOf(U).toEqualTypeOf<torch.Tensor>();
    expectTypeOf(S).toEqualTypeOf<torch.Tensor>();
    const [eigenvalues] = torch.symeig(A, true);
    expectTypeOf(eigenvalues).toEqualTypeOf<torch.Tensor>();
    expectTypeOf(torch.linalg.svd(A).Vh).toEqualTypeOf<torch.Tensor>();
    // @ts-expect-error: svd's result has no field W
    void A.svd().W;
    // @ts-expect-error: keepdim is a boolean
    t.sum(1, 'yes');
    // @ts-expect-error: a keyword given positionally is not also an option
    t.sum(1, true, { keepdim: true });
    // @ts-expect-error: PyTorch has no third positional argument to sum
    t.sum(1, true, false);
    // @ts-expect-error: symeig takes eigenvectors and upper, nothing more
    A.symeig(true, true, true);
    // @ts-expect-error: the positional form needs the dim before keepdim
    t.max(true);
  });
  it('unique takes sorted, returnInverse, returnCounts and dim positionally; a true flag makes the result a UniqueResult', () => {
    const x = torch.tensor([3, 1, 3]);
    expectTypeOf(x.unique(true)).toEqualTypeOf<torch.Tensor>();
    expectTypeOf(x.unique(true, false, false, 0)).toEqualTypeOf<torch.Tensor>();
    expectTypeOf(x.unique(true, true)).toEqualTypeOf<torch.UniqueResult>();
    expectTypeOf(x.unique(true, false, true)).toEqualTypeOf<torch.UniqueResult>();
    expectTypeOf(torch.unique(x, true, true, true)).toEqualTypeOf<torch.UniqueResult>();
    expectTypeOf(torch.unique(x, false)).toEqualTypeOf<torch.Tensor>();
    const flag = Math.random() > 0.5;
    expectTypeOf(x.unique(true, flag)).toEqualTypeOf<torch.Tensor | torch.UniqueResult>();
    // @ts-expect-error: dim is a number
    x.unique(true, true, true, 'rows');
    // @ts-expect-error: unique has four positional arguments
    torch.unique(x, true, true, true, 0, 1);
  });
});

describe('to() and type() are typed by the dtype they are given', () => {
  it('a dtype, a dtype string or a typed class gives that dtype; a device or options without a dtype keep it', () => {
    const d = torch.zeros(2, { dtype: torch.float64 });
    expectTypeOf(t.to(torch.float64)).toEqualTypeOf<torch.Tensor<'float64'>>();
    expectTypeOf(t.to('double')).toEqualTypeOf<torch.Tensor<'float64'>>();
    expectTypeOf(t.to('torch.LongTensor')).toEqualTypeOf<torch.Tensor<'int64'>>();
    expectTypeOf(t.to('torch.int8')).toEqualTypeOf<torch.Tensor<'int8'>>();
    expectTypeOf(t.to('ByteTensor')).toEqualTypeOf<torch.Tensor<'uint8'>>();
    expectTypeOf(t.to(torch.HalfTensor)).toEqualTypeOf<torch.Tensor<'float16'>>();
    expectTypeOf(t.to('cpu', torch.int32)).toEqualTypeOf<torch.Tensor<'int32'>>();
    expectTypeOf(t.to(torch.device('cpu'), 'float')).toEqualTypeOf<torch.Tensor<'float32'>>();
    expectTypeOf(t.to({ dtype: torch.bool, copy: true })).toEqualTypeOf<torch.Tensor<'bool'>>();
    expectTypeOf(t.to(d)).toEqualTypeOf<torch.Tensor<'float64'>>();
    expectTypeOf(d.to('cpu')).toEqualTypeOf<torch.Tensor<'float64'>>();
    expectTypeOf(d.to('meta')).toEqualTypeOf<torch.Tensor<'float64'>>();
    expectTypeOf(d.to({ copy: true })).toEqualTypeOf<torch.Tensor<'float64'>>();
    expectTypeOf(t.to(torch.float32).numpy().data).toEqualTypeOf<Float32Array>();
    expectTypeOf(t.type('torch.DoubleTensor')).toEqualTypeOf<torch.Tensor<'float64'>>();
    expectTypeOf(t.type(torch.IntTensor)).toEqualTypeOf<torch.Tensor<'int32'>>();
    expectTypeOf(t.type()).toEqualTypeOf<string>();
    // A string only known at run time may name a dtype or a device: the result's dtype is not known.
    const spelling: string = 'float64';
    expectTypeOf(d.to(spelling)).toEqualTypeOf<torch.Tensor>();
    expectTypeOf(t.type(spelling)).toEqualTypeOf<torch.Tensor>();
    // @ts-expect-error: converting to float64 does not give a float32 tensor
    const f: torch.Tensor<'float32'> = t.to('float64');
    // @ts-expect-error: to takes at most three arguments
    t.to('cpu', torch.float64, {}, 1);
    void f;
  });
});
