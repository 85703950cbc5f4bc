/**
 * The containers whose children run side by side: ConcatTable and Concat give every child the same
 * input (a table of outputs, or the outputs joined along a dim); ParallelTable and Parallel give child i
 * the i-th input entry (or slice).
 */
import { cat, TorchSizeError, type Tensor } from '@torch/core';
import { Container } from '../container';
import type { Activity } from '../module';
import { asTable, asTensor, reuse } from './util';
import { signature } from '../signature';

/**
 * Σ grads written into `into` (the container's last gradInput, reused when its structure and sizes
 * fit), entry by entry for tables: the gradient of an input every child saw.
 */
function sumInto(into: Activity, grads: readonly Activity[]): Activity {
  const first = grads[0]!;
  if (Array.isArray(first)) {
    const table = Array.isArray(into) ? into : [];
    table.length = first.length;
    for (let i = 0; i < first.length; i++) table[i] = sumInto(table[i] ?? [], grads.map((g) => (g as Activity[])[i]!));
    return table;
  }
  const out = reuse(into, first).copy_(first);
  for (let i = 1; i < grads.length; i++) out.add_(grads[i] as Tensor);
  return out;
}

/**
 * Every child on the same input; the output is the table of their outputs.
 * @example new nn.ConcatTable().add(new nn.Linear(4, 2)).add(new nn.Linear(4, 3)).forward(x)   // [[n,2], [n,3]]
 */
@signature('')
export class ConcatTable extends Container {
  override updateOutput(input: Activity): Activity[] {
    return (this.output = this.modules.map((m) => m.updateOutput(input)));
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Activity {
    const gs = asTable(gradOutput, this.typename, 'gradOutput');
    return (this.gradInput = sumInto(this.gradInput, this.modules.map((m, i) => m.updateGradInput(input, gs[i]!))));
  }
  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    const gs = asTable(gradOutput, this.typename, 'gradOutput');
    this.modules.forEach((m, i) => m.accGradParameters(input, gs[i]!, scale));
  }
}

/**
 * Child i on input[i]; the output is the table of their outputs.
 * @example new nn.ParallelTable().add(new nn.Linear(2, 3)).add(new nn.Tanh()).forward([a, b])
 */
@signature('')
export class ParallelTable extends Container {
  override updateOutput(input: Activity): Activity[] {
    const xs = asTable(input, this.typename);
    if (xs.length !== this.modules.length) throw new TorchSizeError(`${this.typename}: ${xs.length} inputs for ${this.modules.length} modules`);
    return (this.output = this.modules.map((m, i) => m.updateOutput(xs[i]!)));
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Activity[] {
    const xs = asTable(input, this.typename);
    const gs = asTable(gradOutput, this.typename, 'gradOutput');
    return (this.gradInput = this.modules.map((m, i) => m.updateGradInput(xs[i]!, gs[i]!)));
  }
  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    const xs = asTable(input, this.typename);
    const gs = asTable(gradOutput, this.typename, 'gradOutput');
    this.modules.forEach((m, i) => m.accGradParameters(xs[i]!, gs[i]!, scale));
  }
}

/**
 * Every child on the same input, their outputs joined along `dimension`.
 * @example new nn.Concat(1).add(new nn.Linear(4, 2)).add(new nn.Linear(4, 3)).forward(x)   // [n, 5]
 */
@signature('dimension: number')
export class Concat extends Container {
  constructor(public dimension: number) {
    super();
  }
  private slices(gradOutput: Activity): Tensor[] {
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    let at = 0;
    return this.modules.map((m) => {
      const n = (m.output as Tensor).size(this.dimension);
      return gy.narrow(this.dimension, (at += n) - n, n);
    });
  }
  override updateOutput(input: Activity): Tensor {
    const outs = this.modules.map((m) => asTensor(m.updateOutput(input), this.typename, 'child output'));
    return (this.output = cat(outs, this.dimension, { out: joinedBuffer(this.output, outs, this.dimension) }));
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Activity {
    const gs = this.slices(gradOutput);
    return (this.gradInput = sumInto(this.gradInput, this.modules.map((m, i) => m.updateGradInput(input, gs[i]!))));
  }
  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    const gs = this.slices(gradOutput);
    this.modules.forEach((m, i) => m.accGradParameters(input, gs[i]!, scale));
  }
}

/** The container's last output, resized to hold `parts` joined along dim (cat then writes into it). */
function joinedBuffer(buffer: Activity, parts: readonly Tensor[], dim: number): Tensor | undefined {
  const first = parts[0];
  if (first === undefined || dim < 0 || dim >= first.dim()) return undefined; // cat's own error or -dim form
  const sizes = first.size();
  sizes[dim] = parts.reduce((n, p) => n + (p.dim() === first.dim() ? p.size(dim) : 0), 0);
  return reuse(buffer, first).resize_(sizes);
}

/**
 * Child i on the i-th slice of the input along `inputDimension`; outputs joined along `outputDimension`.
 * @example new nn.Parallel(0, 0).add(new nn.Linear(3, 2)).add(new nn.Linear(3, 2)).forward(torch.randn(2, 3))   // [4]
 */
@signature('inputDimension: number, outputDimension: number')
export class Parallel extends Container {
  constructor(public inputDimension: number, public outputDimension: number) {
    super();
  }
  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    if (x.size(this.inputDimension) !== this.modules.length) throw new TorchSizeError(`${this.typename}: ${x.size(this.inputDimension)} slices for ${this.modules.length} modules`);
    return (this.output = cat(this.modules.map((m, i) => asTensor(m.updateOutput(x.select(this.inputDimension, i)), this.typename, 'child output')), this.outputDimension));
  }
  private slices(gradOutput: Activity): Tensor[] {
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    let at = 0;
    return this.modules.map((m) => {
      const n = (m.output as Tensor).size(this.outputDimension);
      return gy.narrow(this.outputDimension, (at += n) - n, n);
    });
  }
  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const gs = this.slices(gradOutput);
    const gx = x.new().resizeAs_(x);
    this.modules.forEach((m, i) => gx.select(this.inputDimension, i).copy_(asTensor(m.updateGradInput(x.select(this.inputDimension, i), gs[i]!), this.typename)));
    return (this.gradInput = gx);
  }
  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    const x = asTensor(input, this.typename);
    const gs = this.slices(gradOutput);
    this.modules.forEach((m, i) => m.accGradParameters(x.select(this.inputDimension, i), gs[i]!, scale));
  }
}
