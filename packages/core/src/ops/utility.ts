/**
 * The small tensor utilities of PyTorch 0.x that fit no op family: equal, numel, typename, isStorage,
 * elementSize, isSigned, new, resizeAs_, the in-place view ops (squeeze_, unsqueeze_, t_, transpose_)
 * and the CPU-only callbacks apply_, map_ and map2_ (Torch7's), which call a JS function per element.
 */
import { bool, type DType } from '../dtype';
import { fmtSize, TorchSizeError, TorchTypeError } from '../errors';
import { sameShape } from '../shape';
import { readElement, Storage, writeElement } from '../storage';
import { checkTensor, describe, Tensor } from '../tensor';
import { constructTensor } from './construct';
import * as views from './views';
import { assertWritable } from './overlap';

/**
 * True when both tensors have the same sizes and equal elements (after type promotion, as `eq`); NaN is
 * unequal to itself.
 * @example torch.equal(torch.tensor([1, 2]), torch.tensor([1, 2])) // true
 */
export function equal(a: Tensor, b: Tensor): boolean {
  checkTensor('equal', a, 'input');
  checkTensor('equal', b, 'other');
  if (!sameShape(a.shape, b.shape)) return false;
  return a.numel() === 0 || a.eq(b).all().item() !== 0;
}

/** Number of elements. @example torch.numel(torch.zeros(2, 3)) // 6 */
export function numel(t: Tensor): number {
  checkTensor('numel', t);
  return t.numel();
}

/** True for storages. @example torch.isStorage(torch.zeros(2).storage()) // true */
export function isStorage(x: unknown): x is Storage {
  return x instanceof Storage;
}

/**
 * The type name of a tensor or storage (`'torch.FloatTensor'`), or the JS type of anything else.
 * @example torch.typename(torch.zeros(2)) // 'torch.FloatTensor'
 */
export function typename(x: unknown): string {
  if (x instanceof Tensor || x instanceof Storage) return x.type() as string;
  return x === null ? 'null' : typeof x === 'object' ? (x.constructor?.name ?? 'Object') : typeof x;
}

type ElementFn = (...values: number[]) => number | boolean | undefined | void;

/** Calls fn on every element of the tensors (same number of elements each) in row-major order. */
function eachElement(op: string, self: Tensor, others: readonly Tensor[], fn: ElementFn): Tensor {
  checkTensor(op, self);
  if (typeof fn !== 'function') throw new TorchTypeError(`${op}: expected a function, got ${describe(fn)}`);
  for (const o of others) {
    checkTensor(op, o, 'other');
    if (o.numel() !== self.numel())
      throw new TorchSizeError(`${op}: tensors must have the same number of elements, got ${fmtSize(self.shape)} and ${fmtSize(o.shape)}`);
  }
  // fn runs once per element: a self-overlapping self would see its own results, a partly overlapping input values already replaced.
  assertWritable(op, self, others[0], others[1]);
  const all = [self, ...others];
  const offsets = all.map((t) => t._offset);
  const values = new Array<number>(all.length);
  // Each tensor is walked with its own sizes and strides (they only share the element count).
  const indices = all.map((t) => new Array<number>(t.shape.length).fill(0));
  for (let n = self.numel(), i = 0; i < n; i++) {
    for (let k = 0; k < all.length; k++) values[k] = readElement(all[k]!._storage.data, all[k]!.dtype, offsets[k]!);
    const r = fn(...values);
    if (r !== undefined) writeElement(self._storage.data, self.dtype, offsets[0]!, +r);
    for (let k = 0; k < all.length; k++) offsets[k] = advance(all[k]!, indices[k]!, offsets[k]!);
  }
  if (self.numel() > 0) self._storage.version++;
  return self;
}

/** Moves a row-major cursor one element on; returns the new storage offset. */
function advance(t: Tensor, index: number[], offset: number): number {
  for (let d = t.shape.length - 1; d >= 0; d--) {
    if (++index[d]! < t.shape[d]!) return offset + t._strides[d]!;
    offset -= (t.shape[d]! - 1) * t._strides[d]!;
    index[d] = 0;
  }
  return offset;
}

/**
 * Replaces each element by `fn(value)` (a CPU-only convenience; slow next to a tensor op). A function
 * that returns nothing leaves the element unchanged.
 * @example torch.arange(3).float().apply_((x) => x * x) // [0, 1, 4]
 */
export function apply_(self: Tensor, fn: (value: number) => number | boolean | undefined | void): Tensor {
  return eachElement('apply_', self, [], fn as ElementFn);
}

/**
 * `self[i] = fn(self[i], other[i])` over the elements in row-major order (same element count).
 * @example a.map_(b, (x, y) => x + 2 * y)
 */
export function map_(self: Tensor, other: Tensor, fn: (value: number, other: number) => number | boolean | undefined | void): Tensor {
  return eachElement('map_', self, [other], fn as ElementFn);
}

/**
 * `self[i] = fn(self[i], a[i], b[i])` over the elements in row-major order (same element count).
 * @example a.map2_(b, c, (x, y, z) => x + y * z)
 */
export function map2_(self: Tensor, a: Tensor, b: Tensor, fn: (value: number, a: number, b: number) => number | boolean | undefined | void): Tensor {
  return eachElement('map2_', self, [a, b], fn as ElementFn);
}

/** Makes `self` view `v`'s elements (for the in-place view ops). */
function becomeView<T extends Tensor>(self: T, v: Tensor): T {
  self.shape = v.shape;
  self._strides = v._strides;
  self._offset = v._offset;
  return self;
}

/** Methods of this file on Tensor. */
export interface UtilityMethods {
  /** @see equal @example a.equal(b) */
  equal(other: Tensor): boolean;
  /** Bytes per element. @example torch.zeros(2).elementSize() // 4 */
  elementSize(): number;
  /** True for signed dtypes (floats included). @example torch.zeros(1, { dtype: torch.uint8 }).isSigned() // false */
  isSigned(): boolean;
  /**
   * A new tensor of this dtype (the 0.x `x.new(...)`), taking what this dtype's typed class takes:
   * sizes (uninitialised), nested arrays (copied), a TypedArray or storage (shared); nothing gives an empty tensor.
   * @example x.new(2, 3); x.new([1, 2, 3])
   */
  'new'(...args: unknown[]): Tensor;
  /** Resizes to another tensor's sizes. @example a.resizeAs_(b) */
  resizeAs_(other: Tensor): this;
  /** squeeze, changing this tensor's own sizes. @example t.squeeze_(0) */
  squeeze_(dim?: number): this;
  /** unsqueeze, changing this tensor's own sizes. @example t.unsqueeze_(0) */
  unsqueeze_(dim: number): this;
  /** t(), in place. @example m.t_() */
  t_(): this;
  /** transpose, in place. @example m.transpose_(0, 1) */
  transpose_(dim0: number, dim1: number): this;
  /** @see apply_ @example t.apply_(Math.abs) */
  apply_(fn: (value: number) => number | boolean | undefined | void): this;
  /** @see map_ @example a.map_(b, (x, y) => x * y) */
  map_(other: Tensor, fn: (value: number, other: number) => number | boolean | undefined | void): this;
  /** @see map2_ @example a.map2_(b, c, (x, y, z) => x + y * z) */
  map2_(a: Tensor, b: Tensor, fn: (value: number, a: number, b: number) => number | boolean | undefined | void): this;
}

/** Installs the UtilityMethods on Tensor.prototype. @internal */
export function installUtilityMethods(proto: Record<string, unknown>): void {
  const methods: Record<string, (this: Tensor, ...args: never[]) => unknown> = {
    equal(this: Tensor, other: Tensor) { return equal(this, other); },
    elementSize(this: Tensor) { return this.dtype.itemsize; },
    isSigned(this: Tensor) { return isSignedDtype(this.dtype); },
    new(this: Tensor, ...args: unknown[]) { return constructTensor(this.dtype, args, 'new'); },
    resizeAs_(this: Tensor, other: Tensor) { checkTensor('resizeAs_', other, 'other'); return views.resize(this, other.shape); },
    squeeze_(this: Tensor, dim?: number) { return becomeView(this, views.squeeze(this, dim)); },
    unsqueeze_(this: Tensor, dim: number) { return becomeView(this, views.unsqueeze(this, dim)); },
    t_(this: Tensor) { return becomeView(this, views.t(this)); },
    transpose_(this: Tensor, dim0: number, dim1: number) { return becomeView(this, views.transpose(this, dim0, dim1)); },
    apply_(this: Tensor, fn: (v: number) => number) { return apply_(this, fn); },
    map_(this: Tensor, other: Tensor, fn: (v: number, o: number) => number) { return map_(this, other, fn); },
    map2_(this: Tensor, a: Tensor, b: Tensor, fn: (v: number, a: number, b: number) => number) { return map2_(this, a, b, fn); },
  };
  Object.assign(proto, methods);
}

function isSignedDtype(d: DType): boolean {
  return d.isFloatingPoint || (d !== bool && d.name !== 'uint8');
}
