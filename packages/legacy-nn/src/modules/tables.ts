/**
 * The table modules: inputs or outputs that are arrays of tensors. CAddTable, CSubTable, CMulTable,
 * CDivTable, CMaxTable, CMinTable combine elementwise; JoinTable, SplitTable, SelectTable, NarrowTable and
 * FlattenTable restructure. Dims and indices are 0-based.
 */
import { cat, type Tensor } from '@torch/core';
import { Module, type Activity } from '../module';
import { asTable, asTensor } from './util';
import { signature } from '../signature';

function tensors(x: Activity, op: string): Tensor[] {
  return asTable(x, op).map((t, i) => asTensor(t, op, `input[${i}]`));
}

/**
 * Σ of the input tensors.
 * @example new nn.CAddTable().forward([a, b])   // a + b
 */
@signature('inplace?: boolean')
export class CAddTable extends Module {
  constructor(public inplace = false) {
    super();
  }
  override updateOutput(input: Activity): Tensor {
    const xs = tensors(input, this.typename);
    const y = this.inplace ? xs[0]! : xs[0]!.clone();
    for (const x of xs.slice(1)) y.add_(x);
    return (this.output = y);
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor[] {
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    return (this.gradInput = tensors(input, this.typename).map((x) => gy.clone().viewAs(x)));
  }
}

/**
 * input[0] − input[1].
 * @example new nn.CSubTable().forward([a, b])
 */
@signature('')
export class CSubTable extends Module {
  override updateOutput(input: Activity): Tensor {
    const [a, b] = tensors(input, this.typename);
    return (this.output = a!.sub(b!));
  }
  override updateGradInput(_input: Activity, gradOutput: Activity): Tensor[] {
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    return (this.gradInput = [gy.clone(), gy.neg()]);
  }
}

/**
 * Π of the input tensors, elementwise.
 * @example new nn.CMulTable().forward([a, b, c])
 */
@signature('')
export class CMulTable extends Module {
  override updateOutput(input: Activity): Tensor {
    const xs = tensors(input, this.typename);
    const y = xs[0]!.clone();
    for (const x of xs.slice(1)) y.mul_(x);
    return (this.output = y);
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor[] {
    const xs = tensors(input, this.typename);
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    return (this.gradInput = xs.map((_, i) => xs.reduce((acc, x, j) => (j === i ? acc : acc.mul_(x)), gy.clone())));
  }
}

/**
 * input[0] / input[1].
 * @example new nn.CDivTable().forward([a, b])
 */
@signature('')
export class CDivTable extends Module {
  override updateOutput(input: Activity): Tensor {
    const [a, b] = tensors(input, this.typename);
    return (this.output = a!.div(b!));
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor[] {
    const [a, b] = tensors(input, this.typename);
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    return (this.gradInput = [gy.div(b!), gy.mul(a!).div_(b!).div_(b!).neg_()]);
  }
}

/** CMax/CMinTable: the gradient goes to the input that won. */
abstract class CExtremumTable extends Module {
  protected abstract better(a: Tensor, b: Tensor): Tensor;
  private winner?: Tensor;
  override updateOutput(input: Activity): Tensor {
    const xs = tensors(input, this.typename);
    const y = xs[0]!.clone();
    const winner = y.new().resizeAs_(y).zero_();
    xs.slice(1).forEach((x, i) => {
      const wins = this.better(x, y);
      y.maskedScatter_(wins, x.maskedSelect(wins));
      winner.maskedFill_(wins, i + 1);
    });
    this.winner = winner;
    return (this.output = y);
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor[] {
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    return (this.gradInput = tensors(input, this.typename).map((_, i) => gy.clone().maskedFill_(this.winner!.ne(i), 0)));
  }
}

/**
 * The elementwise maximum of the input tensors.
 * @example new nn.CMaxTable().forward([a, b])
 */
@signature('')
export class CMaxTable extends CExtremumTable {
  protected better(a: Tensor, b: Tensor): Tensor {
    return a.gt(b);
  }
}

/**
 * The elementwise minimum of the input tensors.
 * @example new nn.CMinTable().forward([a, b])
 */
@signature('')
export class CMinTable extends CExtremumTable {
  protected better(a: Tensor, b: Tensor): Tensor {
    return a.lt(b);
  }
}

/**
 * Concatenates the input tensors along `dimension`.
 * @example new nn.JoinTable(1).forward([torch.randn(2, 3), torch.randn(2, 4)])   // [2, 7]
 */
@signature('dimension: number')
export class JoinTable extends Module {
  constructor(public dimension: number) {
    super();
  }
  override updateOutput(input: Activity): Tensor {
    return (this.output = cat(tensors(input, this.typename), this.dimension));
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor[] {
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    let at = 0;
    return (this.gradInput = tensors(input, this.typename).map((x) => {
      const n = x.size(this.dimension);
      return gy.narrow(this.dimension, (at += n) - n, n).clone();
    }));
  }
}

/**
 * Splits a tensor into the table of its slices along `dimension`.
 * @example new nn.SplitTable(0).forward(torch.randn(3, 4))   // 3 tensors of [4]
 */
@signature('dimension: number')
export class SplitTable extends Module {
  constructor(public dimension: number) {
    super();
  }
  override updateOutput(input: Activity): Tensor[] {
    const x = asTensor(input, this.typename);
    return (this.output = Array.from({ length: x.size(this.dimension) }, (_, i) => x.select(this.dimension, i)));
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const gs = tensors(gradOutput, this.typename);
    const gx = x.new().resizeAs_(x);
    gs.forEach((g, i) => gx.select(this.dimension, i).copy_(g));
    return (this.gradInput = gx);
  }
}

/** Zeros shaped like an activity (for the entries a table module did not use). */
function zerosLike(x: Activity): Activity {
  return Array.isArray(x) ? x.map(zerosLike) : x.new().resizeAs_(x).zero_();
}

/**
 * The table entry at `index` (negative counts from the end).
 * @example new nn.SelectTable(1).forward([a, b, c])   // b
 */
@signature('index: number')
export class SelectTable extends Module {
  constructor(public index: number) {
    super();
  }
  private at(xs: Activity[]): number {
    return this.index < 0 ? xs.length + this.index : this.index;
  }
  override updateOutput(input: Activity): Activity {
    const xs = asTable(input, this.typename);
    return (this.output = xs[this.at(xs)]!);
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Activity[] {
    const xs = asTable(input, this.typename);
    return (this.gradInput = xs.map((x, i) => (i === this.at(xs) ? gradOutput : zerosLike(x))));
  }
}

/**
 * `length` entries of the table from `offset`.
 * @example new nn.NarrowTable(1, 2).forward([a, b, c])   // [b, c]
 */
@signature('offset: number, length?: number')
export class NarrowTable extends Module {
  constructor(public offset: number, public length = 1) {
    super();
  }
  override updateOutput(input: Activity): Activity[] {
    return (this.output = asTable(input, this.typename).slice(this.offset, this.offset + this.length));
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Activity[] {
    const gs = asTable(gradOutput, this.typename, 'gradOutput');
    return (this.gradInput = asTable(input, this.typename).map((x, i) =>
      i >= this.offset && i < this.offset + this.length ? gs[i - this.offset]! : zerosLike(x)));
  }
}

/**
 * A nested table flattened into one level, depth first.
 * @example new nn.FlattenTable().forward([a, [b, [c]]])   // [a, b, c]
 */
@signature('')
export class FlattenTable extends Module {
  override updateOutput(input: Activity): Tensor[] {
    const flat = (x: Activity): Tensor[] => (Array.isArray(x) ? x.flatMap(flat) : [x]);
    return (this.output = flat(input));
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Activity {
    const gs = tensors(gradOutput, this.typename);
    let at = 0;
    const rebuild = (x: Activity): Activity => (Array.isArray(x) ? x.map(rebuild) : gs[at++]!);
    return (this.gradInput = rebuild(input));
  }
}
