/**
 * Element types and PyTorch's type-promotion rules.
 * The numeric `code` of each dtype is part of the contract with the native addon (native/src/kernels/dtype.h).
 */

/** Any TypedArray a storage may hold. */
export type TypedArray =
  | Float32Array
  | Float64Array
  | Uint16Array
  | BigInt64Array
  | Int32Array
  | Int16Array
  | Int8Array
  | Uint8Array;

type Category = 0 | 1 | 2; // bool, integer, floating point

/** The TypedArray each dtype is stored in, by dtype name (float16 as raw bits in Uint16Array, bool as 0/1 bytes). */
export interface TypedArrays {
  float32: Float32Array;
  float64: Float64Array;
  float16: Uint16Array;
  int64: BigInt64Array;
  int32: Int32Array;
  int16: Int16Array;
  int8: Int8Array;
  uint8: Uint8Array;
  bool: Uint8Array;
}

/** PyTorch's dtype names: 'float32', 'int64', ... */
export type DTypeName = keyof TypedArrays;

/** The dtype name of each word dtypeFromName knows (its table, `byName`, below). */
type NameWords = { [K in keyof typeof byName]: (typeof byName)[K] extends DType<infer N> ? N : never };
/** The lower-case words a dtype is spelled with: dtypeFromName's, and the two only `resolveDtype` (ops/strict.ts) adds. */
type DTypeWords = NameWords & { char: 'int8'; byte: 'uint8' };
/** The words that name a typed class when capitalised (`Double` in `torch.DoubleTensor`): those without digits. */
type ClassWord = Exclude<keyof DTypeWords, `${string}${1 | 2 | 3 | 4 | 6 | 8}${string}`>;

/**
 * Every string that names a dtype: `'float64'`, `'double'`, `'torch.float64'`, `'DoubleTensor'`, `'torch.DoubleTensor'`.
 * @example const spelling: torch.DTypeString = 'torch.DoubleTensor';
 */
export type DTypeString =
  | keyof DTypeWords | `torch.${keyof DTypeWords}` | `${Capitalize<ClassWord>}Tensor` | `torch.${Capitalize<ClassWord>}Tensor`;

/**
 * The dtype name a dtype string denotes (`DTypeOfString<'torch.DoubleTensor'>` is 'float64').
 * @example const n: torch.DTypeOfString<'double'> = 'float64';
 */
export type DTypeOfString<S extends string> = S extends `torch.${infer R}`
  ? DTypeOfString<R>
  : S extends keyof DTypeWords
    ? DTypeWords[S]
    : S extends `${infer W}Tensor`
      ? Uncapitalize<W> extends ClassWord ? DTypeWords[Uncapitalize<W>] : DTypeName
      : DTypeName;

/**
 * The TypedArray of a dtype name (`TypedArrayOf<'float32'>` is Float32Array); the union for the union.
 * @example const data: torch.TypedArrayOf<'float64'> = torch.zeros(2, { dtype: torch.float64 }).numpy().data;
 */
export type TypedArrayOf<N extends DTypeName> = TypedArrays[N];

/**
 * An element type, as `torch.float32` is in PyTorch.
 * @example
 * const t = torch.zeros([2], { dtype: torch.float64 });
 * t.dtype === torch.float64; // true
 * torch.float64.itemsize;    // 8
 */
export class DType<N extends DTypeName = DTypeName> {
  /** @internal */
  constructor(
    /** PyTorch's name: 'float32', 'int64', ... */
    readonly name: N,
    /** Code shared with the native addon. */
    readonly code: number,
    /** Bytes per element. */
    readonly itemsize: number,
    /** The Torch7-style type word: 'Float' for torch.FloatTensor. */
    readonly typeWord: string,
    /** The TypedArray that stores elements of this dtype (float16 is stored as raw bits in Uint16Array). */
    readonly arrayType: { new (n: number): TypedArray; new (b: ArrayBufferLike, off: number, n: number): TypedArray; BYTES_PER_ELEMENT: number },
    /** @internal */
    readonly category: Category,
    /** @internal rank within its category, for promotion */
    readonly rank: number,
  ) {}

  /** True for float16, float32, float64. */
  get isFloatingPoint(): boolean {
    return this.category === 2;
  }

  /** True for bool and the integer types. */
  get isIntegral(): boolean {
    return this.category !== 2;
  }

  /** 'torch.float32', as PyTorch prints a dtype. */
  toString(): string {
    return `torch.${this.name}`;
  }
}

/** 32-bit float (`torch.FloatTensor`). @example torch.zeros([2], { dtype: torch.float32 }) */
export const float32 = new DType('float32', 0, 4, 'Float', Float32Array, 2, 1);
/** 64-bit float (`torch.DoubleTensor`). @example torch.zeros([2], { dtype: torch.float64 }) */
export const float64 = new DType('float64', 1, 8, 'Double', Float64Array, 2, 2);
/** 16-bit float (`torch.HalfTensor`), stored as IEEE binary16 bits, computed in float32. @example torch.zeros([2], { dtype: torch.float16 }) */
export const float16 = new DType('float16', 2, 2, 'Half', Uint16Array, 2, 0);
/** 64-bit signed integer (`torch.LongTensor`), stored in a BigInt64Array. @example torch.arange(5) // int64 */
export const int64 = new DType('int64', 3, 8, 'Long', BigInt64Array as never, 1, 4);
/** 32-bit signed integer (`torch.IntTensor`). @example torch.zeros([2], { dtype: torch.int32 }) */
export const int32 = new DType('int32', 4, 4, 'Int', Int32Array, 1, 3);
/** 16-bit signed integer (`torch.ShortTensor`). @example torch.zeros([2], { dtype: torch.int16 }) */
export const int16 = new DType('int16', 5, 2, 'Short', Int16Array, 1, 2);
/** 8-bit signed integer (`torch.CharTensor`). @example torch.zeros([2], { dtype: torch.int8 }) */
export const int8 = new DType('int8', 6, 1, 'Char', Int8Array, 1, 1);
/** 8-bit unsigned integer (`torch.ByteTensor`). @example torch.zeros([2], { dtype: torch.uint8 }) */
export const uint8 = new DType('uint8', 7, 1, 'Byte', Uint8Array, 1, 0);
/** Boolean (`torch.BoolTensor`), one byte per element holding 0 or 1. @example torch.tensor([1, 2]).gt(1) // bool */
export const bool = new DType('bool', 8, 1, 'Bool', Uint8Array, 0, 0);

/** Every dtype, indexed by its code. */
export const dtypes: readonly DType[] = [float32, float64, float16, int64, int32, int16, int8, uint8, bool];

/**
 * The type two operands of one op are computed in (PyTorch's `torch.promote_types`).
 * @example
 * torch.promoteTypes(torch.uint8, torch.int8); // torch.int16
 * torch.promoteTypes(torch.int64, torch.float16); // torch.float16
 */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  if (a.category !== b.category) return a.category > b.category ? a : b;
  // uint8 and int8 cannot hold each other's values; int16 holds both.
  if ((a === uint8 && b === int8) || (a === int8 && b === uint8)) return int16;
  return a.rank >= b.rank ? a : b;
}

/**
 * Whether an op may write a `from` result into a `to` tensor (PyTorch's `torch.can_cast`): never
 * float into an integer tensor, never a number into a bool tensor.
 * @example
 * torch.canCast(torch.float32, torch.int32); // false
 * torch.canCast(torch.int32, torch.float32); // true
 */
export function canCast(from: DType, to: DType): boolean {
  return from.category <= to.category;
}

let defaultFloat: DType = float32;

/** The float dtype new tensors get by default (`torch.get_default_dtype`). @example torch.getDefaultDtype() // torch.float32 */
export function getDefaultDtype(): DType {
  return defaultFloat;
}

/** @internal set by setDefaultTensorType / setDefaultDtype */
export function setDefaultFloatDtype(d: DType): void {
  if (!d.isFloatingPoint) throw new TypeError(`setDefaultDtype: only floating point dtypes can be the default, got ${d}`);
  defaultFloat = d;
}

/** Anything an op accepts where a tensor may stand, as far as type promotion is concerned. */
export interface PromotionOperand {
  readonly dtype: DType;
  dim(): number;
}

/**
 * The result dtype of an op over tensors and JS scalars, following PyTorch: tensors with dimensions
 * decide within a category; 0-dim tensors and then plain numbers only matter when they belong to a
 * higher category (bool < integer < float). A JS number that is an integer counts as an int64 scalar,
 * any other number as a float scalar of the default dtype; a boolean as a bool scalar.
 * @example
 * torch.resultType(torch.ones([2], { dtype: torch.int32 }), 2.5); // torch.float32
 * torch.resultType(torch.ones([2], { dtype: torch.int32 }), 2);   // torch.int32
 */
export function resultType(...operands: (PromotionOperand | number | boolean)[]): DType {
  let dimType: DType | null = null;
  let zeroType: DType | null = null;
  let scalarType: DType | null = null;
  for (const o of operands) {
    if (typeof o === 'number') {
      const t = Number.isInteger(o) ? int64 : defaultFloat;
      scalarType = scalarType ? promoteTypes(scalarType, t) : t;
    } else if (typeof o === 'boolean') {
      scalarType = scalarType ? promoteTypes(scalarType, bool) : bool;
    } else if (o.dim() > 0) {
      dimType = dimType ? promoteTypes(dimType, o.dtype) : o.dtype;
    } else {
      zeroType = zeroType ? promoteTypes(zeroType, o.dtype) : o.dtype;
    }
  }
  let result = dimType;
  for (const t of [zeroType, scalarType]) {
    if (!t) continue;
    if (!result) result = t;
    else if (t.category > result.category) result = t;
  }
  return result ?? defaultFloat;
}

/** Looks a dtype up by PyTorch name or alias ('float', 'double', 'long', ...). @example torch.dtypeFromName('double') // torch.float64 */
export function dtypeFromName(name: string): DType {
  const key = name.replace(/^torch\./, '');
  // Own keys only: 'constructor' or 'toString' would otherwise find Object.prototype's.
  const d = Object.hasOwn(byName, key) ? (byName as Readonly<Record<string, DType>>)[key] : undefined;
  if (!d) throw new TypeError(`unknown dtype '${name}'`);
  return d;
}

const byName = {
  float32, float: float32, float64, double: float64, float16, half: float16, int64, long: int64,
  int32, int: int32, int16, short: int16, int8, uint8, bool,
} as const;
