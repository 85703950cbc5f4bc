/**
 * The modules that only move or select elements: Reshape, View, Transpose, Squeeze, Unsqueeze, Narrow,
 * Select, Replicate, Padding, Contiguous, Copy, GradientReversal. Dims and offsets are 0-based.
 */
import { cat, empty, Storage, TorchSizeError, type DType, type Tensor } from '@torch/core';
import { Module, type Activity } from '../module';
import { asTensor, reuse } from './util';
import { signature } from '../signature';

/** A module whose gradInput is gradOutput moved back into the input's shape. */
abstract class Rearrange extends Module {
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    const gx = reuse(this.gradInput, x);
    this.scatterBack(x, gy, gx);
    return (this.gradInput = gx);
  }

  /** Writes gradOutput into gx (zeroed where the output did not come from). */
  protected abstract scatterBack(x: Tensor, gy: Tensor, gx: Tensor): void;
}

/**
 * A view with the given sizes; with `batchMode` (or when the input has more elements), dim 0 is a batch.
 * @example new nn.Reshape(2, 8).forward(torch.randn(4, 16))   // [4, 2, 8]
 */
@signature('...args: number | boolean')
export class Reshape extends Rearrange {
  readonly size: number[];
  constructor(...args: (number | boolean)[]) {
    super();
    this.batchMode = typeof args[args.length - 1] === 'boolean' ? (args.pop() as boolean) : null;
    this.size = args as number[];
  }
  batchMode: boolean | null;

  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename).contiguous();
    const n = this.size.reduce((a, b) => a * b, 1);
    const batch = this.batchMode ?? (x.numel() !== n);
    if ((batch ? x.numel() / x.size(0) : x.numel()) !== n)
      throw new TorchSizeError(`${this.typename}: input of size [${x.size().join(', ')}] cannot be reshaped to [${this.size.join(', ')}]${batch ? ' per sample' : ''}`);
    return (this.output = batch ? x.view(x.size(0), ...this.size) : x.view(...this.size));
  }

  protected scatterBack(_x: Tensor, gy: Tensor, gx: Tensor): void {
    gx.view(-1).copy_(gy.reshape(-1));
  }

  /** Torch7 keeps the sizes in a LongStorage. @internal */
  override afterT7Load(fields: Record<string, unknown>): void {
    super.afterT7Load(fields);
    const size = fields.size;
    (this as { size: number[] }).size = size instanceof Storage ? size.tolist() : Array.isArray(size) ? (size as number[]) : [];
    this.batchMode ??= null;
  }

  override toString(): string {
    return `${this.typename}(${this.size.join('x')})`;
  }
}

/**
 * Torch7's View: a view with sizes (one may be −1); with more elements than the sizes hold, dim 0 is a batch.
 * @example new nn.View(-1).forward(torch.randn(4, 2, 3))   // [24], or new nn.View(6) → [4, 6]
 */
@signature('...size: number')
export class View extends Reshape {
  constructor(...size: number[]) {
    super(...size);
  }

  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename).contiguous();
    const known = this.size.filter((s) => s !== -1).reduce((a, b) => a * b, 1);
    const batched = !this.size.includes(-1) && x.numel() !== known;
    return (this.output = batched ? x.view(x.size(0), ...this.size) : x.view(...this.size));
  }
}

/**
 * Swaps each given pair of dims, in order.
 * @example new nn.Transpose([0, 1], [1, 2]).forward(torch.randn(2, 3, 4))   // [3, 4, 2]
 */
@signature('...permutations: array')
export class Transpose extends Rearrange {
  readonly permutations: [number, number][];
  constructor(...permutations: [number, number][]) {
    super();
    this.permutations = permutations;
  }

  override updateOutput(input: Activity): Tensor {
    let y = asTensor(input, this.typename);
    for (const [a, b] of this.permutations) y = y.transpose(a, b);
    return (this.output = y);
  }

  protected scatterBack(_x: Tensor, gy: Tensor, gx: Tensor): void {
    let g = gy;
    for (const [a, b] of [...this.permutations].reverse()) g = g.transpose(a, b);
    gx.copy_(g);
  }
}

/**
 * Removes size-1 dims (all, or just `dim`).
 * @example new nn.Squeeze(1).forward(torch.randn(3, 1, 2))   // [3, 2]
 */
@signature('dim?: number | null')
export class Squeeze extends Rearrange {
  constructor(public dim: number | null = null) {
    super();
  }
  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    return (this.output = this.dim === null ? x.squeeze() : x.squeeze(this.dim));
  }
  protected scatterBack(_x: Tensor, gy: Tensor, gx: Tensor): void {
    gx.view(-1).copy_(gy.reshape(-1));
  }
}

/**
 * Inserts a size-1 dim at `pos`.
 * @example new nn.Unsqueeze(0).forward(torch.randn(3))   // [1, 3]
 */
@signature('pos: number')
export class Unsqueeze extends Rearrange {
  constructor(public pos: number) {
    super();
  }
  override updateOutput(input: Activity): Tensor {
    return (this.output = asTensor(input, this.typename).unsqueeze(this.pos));
  }
  protected scatterBack(_x: Tensor, gy: Tensor, gx: Tensor): void {
    gx.view(-1).copy_(gy.reshape(-1));
  }
}

/**
 * `length` elements from `offset` along `dimension` (a negative length counts back from the end).
 * @example new nn.Narrow(1, 2, 3).forward(torch.randn(4, 10))   // [4, 3]
 */
@signature('dimension: number, index: number, length?: number')
export class Narrow extends Rearrange {
  constructor(public dimension: number, public index: number, public length = 1) {
    super();
  }
  private len(x: Tensor): number {
    return this.length < 0 ? x.size(this.dimension) - this.index + this.length + 1 : this.length;
  }
  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    return (this.output = x.narrow(this.dimension, this.index, this.len(x)));
  }
  protected scatterBack(x: Tensor, gy: Tensor, gx: Tensor): void {
    gx.zero_().narrow(this.dimension, this.index, this.len(x)).copy_(gy);
  }
}

/**
 * The slice at `index` of `dimension` (0-based; negative counts from the end).
 * @example new nn.Select(0, -1).forward(torch.randn(5, 3))   // the last row, [3]
 */
@signature('dimension: number, index: number')
export class Select extends Rearrange {
  constructor(public dimension: number, public index: number) {
    super();
  }
  override updateOutput(input: Activity): Tensor {
    return (this.output = asTensor(input, this.typename).select(this.dimension, this.index));
  }
  protected scatterBack(_x: Tensor, gy: Tensor, gx: Tensor): void {
    gx.zero_().select(this.dimension, this.index).copy_(gy);
  }
}

/**
 * nFeatures copies along a new dim (a stride-0 view, no copy).
 * @example new nn.Replicate(3, 0).forward(torch.randn(2))   // [3, 2]
 */
@signature('nfeatures: number, dim?: number')
export class Replicate extends Rearrange {
  constructor(public nfeatures: number, public dim = 0) {
    super();
  }
  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const sizes = x.size();
    sizes.splice(this.dim, 0, this.nfeatures);
    return (this.output = x.unsqueeze(this.dim).expand(...sizes));
  }
  protected scatterBack(_x: Tensor, gy: Tensor, gx: Tensor): void {
    gx.copy_(gy.sum(this.dim));
  }
}

/**
 * Adds |pad| entries of `value` along `dim`: after the end for pad > 0, before the start for pad < 0.
 * @example new nn.Padding(0, 2, 0).forward(torch.ones(3))   // [1, 1, 1, 0, 0]
 */
@signature('dim: number, pad: number, value?: number')
export class Padding extends Rearrange {
  constructor(public dim: number, public pad: number, public value = 0) {
    super();
  }
  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const sizes = x.size();
    sizes[this.dim] = Math.abs(this.pad);
    const fill = empty(sizes, { dtype: x.dtype }).fill_(this.value);
    return (this.output = cat(this.pad > 0 ? [x, fill] : [fill, x], this.dim));
  }
  protected scatterBack(x: Tensor, gy: Tensor, gx: Tensor): void {
    gx.copy_(gy.narrow(this.dim, this.pad > 0 ? 0 : -this.pad, x.size(this.dim)));
  }
}

/**
 * The input as a contiguous tensor (a copy only when it is not).
 * @example new nn.Contiguous().forward(torch.randn(3, 4).t()).isContiguous()   // true
 */
@signature('')
export class Contiguous extends Rearrange {
  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    return (this.output = x.isContiguous() ? x : reuse(this.output, x).copy_(x));
  }
  protected scatterBack(_x: Tensor, gy: Tensor, gx: Tensor): void {
    gx.copy_(gy);
  }
}

/**
 * Copies the input into a tensor of another type (and the gradient back).
 * @example new nn.Copy(torch.float64, torch.float32).forward(torch.randn(2, { dtype: torch.float64 }))
 */
@signature('intype?: DType | null, outtype?: DType | null')
export class Copy extends Rearrange {
  constructor(public intype: DType | null = null, public outtype: DType | null = null) {
    super();
  }
  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    return (this.output = x.to(this.outtype ?? x.dtype).clone());
  }
  protected scatterBack(_x: Tensor, gy: Tensor, gx: Tensor): void {
    gx.copy_(gy);
  }
}

/**
 * Identity forward, −lambda·gradOutput backward (domain-adversarial training).
 * @example new nn.GradientReversal(1)
 */
@signature('lambda?: number')
export class GradientReversal extends Rearrange {
  constructor(public lambda = 1) {
    super();
  }
  override updateOutput(input: Activity): Tensor {
    return (this.output = asTensor(input, this.typename));
  }
  protected scatterBack(_x: Tensor, gy: Tensor, gx: Tensor): void {
    gx.copy_(gy).mul_(-this.lambda);
  }
}
