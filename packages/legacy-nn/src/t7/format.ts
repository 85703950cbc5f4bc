/**
 * Torch7's serialization format (`torch.save` / `torch.load` in Lua, File:writeObject): the type tags,
 * the tensor and storage class names, and the values that have no JavaScript twin.
 *
 * Every object starts with an int tag. Numbers are doubles, booleans ints, strings an int length and
 * the bytes. Tables and torch objects carry a reference index: an index seen before is a reference to
 * the object read then (this is how sharing and cycles survive). A torch object is a version string
 * ("V 1"), a class name, then its own payload: a storage is a long element count and the raw elements,
 * a tensor its dimension count, long sizes, long strides, the 1-based long storage offset and its storage
 * as an object; any other class (nn modules) is a table of its fields.
 */
import { float16, float32, float64, int16, int32, int64, int8, uint8, type DType } from '@torch/core';

/** The object tags of Torch7's File:writeObject. */
export const TAG = {
  nil: 0,
  number: 1,
  string: 2,
  table: 3,
  torch: 4,
  boolean: 5,
  function: 6,
  legacyRecurFunction: 7,
  recurFunction: 8,
} as const;

/**
 * A malformed, truncated or unsupported `.t7` file, or a value that cannot be written as one.
 * @example
 * try { torch.legacy.load(Buffer.from([1, 2])); } catch (e) { e instanceof torch.legacy.TorchT7Error; } // true
 */
export class TorchT7Error extends Error {
  override name = 'TorchT7Error';
}

/** Torch7's element type words (torch.FloatTensor ...) and our dtypes; Torch7 has no bool. */
const TYPE_WORDS: ReadonlyArray<readonly [string, DType]> = [
  ['Byte', uint8], ['Char', int8], ['Short', int16], ['Int', int32], ['Long', int64],
  ['Float', float32], ['Double', float64], ['Half', float16],
];

/** cutorch's CUDA class words: their payload is written as the matching CPU type's. */
const CUDA_WORDS: ReadonlyArray<readonly [string, DType]> = [
  ['Cuda', float32], ['CudaByte', uint8], ['CudaChar', int8], ['CudaShort', int16], ['CudaInt', int32],
  ['CudaLong', int64], ['CudaDouble', float64], ['CudaHalf', float16],
];

const tensorClasses = new Map<string, DType>();
const storageClasses = new Map<string, DType>();
for (const [word, dtype] of [...TYPE_WORDS, ...CUDA_WORDS]) {
  tensorClasses.set(`torch.${word}Tensor`, dtype);
  storageClasses.set(`torch.${word}Storage`, dtype);
}

/** The dtype of a Torch7 tensor class name, or undefined. @internal */
export const tensorDtype = (className: string): DType | undefined => tensorClasses.get(className);
/** The dtype of a Torch7 storage class name, or undefined. @internal */
export const storageDtype = (className: string): DType | undefined => storageClasses.get(className);

/** The Torch7 type word of a dtype ('Float'), or undefined for bool. @internal */
export function typeWordOf(dtype: DType): string | undefined {
  return TYPE_WORDS.find(([, d]) => d === dtype)?.[0];
}

/**
 * An object of a Torch7 class this reader has no JavaScript class for (loaded with
 * `{ unknownClasses: 'object' }`), or one to write under a given class name: its `typename` and its fields.
 * @example
 * const m = torch.legacy.load('net.t7', { unknownClasses: 'object' });
 * m.typename;              // 'nn.SpatialConvolutionMM'
 * m.fields.weight.size();  // [64, 27]
 */
export class T7Object {
  /**
   * @param typename the Torch7 class name, e.g. 'nn.Linear'
   * @param fields the object's fields, as they were in Lua (1-based numbers stay as they were)
   */
  constructor(
    readonly typename: string,
    readonly fields: Record<string, unknown> = {},
  ) {}
}

/**
 * A Lua function found in a file loaded with `{ functions: 'placeholder' }`. Its bytecode is never run;
 * only its size is kept, so that the rest of the object can be inspected.
 * @example
 * const o = torch.legacy.load('with-closure.t7', { functions: 'placeholder' });
 * o.callback instanceof torch.legacy.T7LuaFunction; // true
 */
export class T7LuaFunction {
  /** @param bytecodeLength the size of the function's Lua bytecode in bytes */
  constructor(readonly bytecodeLength: number) {}
}

/**
 * How `load` turns a Torch7 class into a JavaScript object. `create` makes the (empty) object before its
 * fields are read, so that references back to it inside its own fields resolve to it; `restore` fills it.
 * Legacy nn modules register one handler per class name.
 * @example
 * const handler: torch.legacy.T7ClassHandler = {
 *   create: () => new MyModule(),
 *   restore: (m, fields) => Object.assign(m, fields),
 * };
 */
export interface T7ClassHandler {
  create(className: string): object;
  restore(object: object, fields: Record<string, unknown>): void;
}
