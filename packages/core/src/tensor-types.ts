// The typed tensor classes of the seed (torch.FloatTensor, ...). All tensors are instances of the one
// Tensor class; these constructors create tensors of their dtype and make `instanceof` check it.
import { dtypes, getDefaultDtype, setDefaultFloatDtype, type DType, type DTypeName } from './dtype';
import { TorchTypeError } from './errors';
import { constructTensor, type TensorInit } from './ops/construct';
import { Tensor } from './tensor';

/** A constructor for one dtype's tensors, as `torch.FloatTensor`. */
export interface TypedTensorConstructor<N extends DTypeName = DTypeName> {
  /** Same forms as `new torch.Tensor(...)`: sizes, nested data, TypedArray, Storage or Tensor. */
  new (...args: TensorInit[]): Tensor<N>;
  /** The dtype it creates. */
  readonly dtype: DType<N>;
  [Symbol.hasInstance](x: unknown): boolean;
}

function typedTensor(dtype: DType): TypedTensorConstructor {
  const name = `${dtype.typeWord}Tensor`;
  const ctor = function (this: unknown, ...args: TensorInit[]) {
    if (!new.target) throw new TypeError(`${name} must be called with new`);
    return constructTensor(dtype, args, name);
  } as unknown as TypedTensorConstructor;
  Object.defineProperty(ctor, 'name', { value: name });
  Object.defineProperty(ctor, 'dtype', { value: dtype });
  Object.defineProperty(ctor, Symbol.hasInstance, { value: (x: unknown) => x instanceof Tensor && x.dtype === dtype });
  return ctor;
}

const [F, D, H, L, I, S, C, B, Bo] = dtypes.map(typedTensor) as [
  TypedTensorConstructor<'float32'>, TypedTensorConstructor<'float64'>, TypedTensorConstructor<'float16'>, TypedTensorConstructor<'int64'>, TypedTensorConstructor<'int32'>,
  TypedTensorConstructor<'int16'>, TypedTensorConstructor<'int8'>, TypedTensorConstructor<'uint8'>, TypedTensorConstructor<'bool'>,
];
/** float32 tensors. @example new torch.FloatTensor(2, 3); new torch.FloatTensor([[1, 2]]) */
export const FloatTensor = F;
/** float64 tensors. @example new torch.DoubleTensor(2, 3) */
export const DoubleTensor = D;
/** float16 tensors. @example new torch.HalfTensor(2, 3) */
export const HalfTensor = H;
/** int64 tensors. @example new torch.LongTensor([1, 2, 3]) */
export const LongTensor = L;
/** int32 tensors. @example new torch.IntTensor(4) */
export const IntTensor = I;
/** int16 tensors. @example new torch.ShortTensor(4) */
export const ShortTensor = S;
/** int8 tensors. @example new torch.CharTensor(4) */
export const CharTensor = C;
/** uint8 tensors. @example new torch.ByteTensor(4) */
export const ByteTensor = B;
/** bool tensors. @example new torch.BoolTensor([true, false]) */
export const BoolTensor = Bo;

const byTypeName = new Map<string, TypedTensorConstructor>(
  [F, D, H, L, I, S, C, B, Bo].map((c) => [`torch.${c!.dtype.typeWord}Tensor`, c!]),
);

/**
 * Sets the type `new torch.Tensor(...)` and float-creating functions use (floating point types only).
 * @example
 * torch.setDefaultTensorType('torch.DoubleTensor');
 * torch.zeros(2).dtype; // torch.float64
 */
export function setDefaultTensorType(type: string | TypedTensorConstructor): void {
  const ctor = typeof type === 'string' ? byTypeName.get(type.startsWith('torch.') ? type : `torch.${type}`) : type;
  if (!ctor) throw new TorchTypeError(`setDefaultTensorType: unknown type '${String(type)}'`);
  if (!ctor.dtype.isFloatingPoint) throw new TorchTypeError(`setDefaultTensorType: only floating point types are supported, got ${ctor.name}`);
  setDefaultFloatDtype(ctor.dtype);
}

/** Sets the default float dtype. @example torch.setDefaultDtype(torch.float64) */
export function setDefaultDtype(dtype: DType): void {
  setDefaultFloatDtype(dtype);
}

/** The default tensor type's name. @example torch.getDefaultTensorType() // 'torch.FloatTensor' */
export function getDefaultTensorType(): string {
  return `torch.${getDefaultDtype().typeWord}Tensor`;
}

/** True for tensors. @example torch.isTensor(torch.zeros(1)) // true */
export function isTensor(x: unknown): x is Tensor {
  return x instanceof Tensor;
}
