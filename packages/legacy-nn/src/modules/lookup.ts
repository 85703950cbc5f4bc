import { empty, int64, TorchIndexError, TorchTypeError, type Tensor } from '@torch/core';
import { Module, type Activity } from '../module';
import { asTensor } from './util';
import { signature } from '../signature';

/**
 * Embeddings: row input[i] of the [nIndex, nOutput] weight for each 0-based index (Torch7's LookupTable).
 * The input is an int64 tensor of indices, [n] or [batch, n]; rows equal to paddingValue get no gradient.
 * @example
 * const emb = new nn.LookupTable(1000, 64);
 * emb.forward(torch.tensor([[3, 7, 9]]));   // [1, 3, 64]
 */
@signature('nIndex: number, nOutput: number, paddingValue?: number | null, maxNorm?: number | null, normType?: number')
export class LookupTable extends Module {
  declare weight: Tensor;
  declare gradWeight: Tensor;
  constructor(nIndex: number, nOutput: number, public paddingValue: number | null = null, public maxNorm: number | null = null, public normType = 2) {
    super();
    this.weight = empty(nIndex, nOutput).normal_(0, 1);
    this.gradWeight = empty(nIndex, nOutput).zero_();
  }

  override reset(stdv = 1): this {
    this.weight.normal_(0, stdv);
    return this;
  }

  private indices(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    if (x.dtype.isFloatingPoint) throw new TorchTypeError(`${this.typename}: expected integer indices, got ${x.dtype.name}`);
    const flat = x.reshape(-1).to(int64);
    const n = this.weight.size(0);
    if (flat.numel() > 0 && (flat.min().item() < 0 || flat.max().item() >= n))
      throw new TorchIndexError(`${this.typename}: index ${flat.min().item() < 0 ? flat.min().item() : flat.max().item()} out of range for ${n} rows`);
    return flat;
  }

  override updateOutput(input: Activity): Tensor {
    const idx = this.indices(input);
    if (this.maxNorm !== null) this.renormRows(idx);
    const x = input as Tensor;
    return (this.output = this.weight.indexSelect(0, idx).view(...x.size(), this.weight.size(1)));
  }

  /** Rows used by this batch with a norm above maxNorm are scaled down to it, in place (as Torch7). */
  private renormRows(idx: Tensor): void {
    const rows = idx.unique();
    const w = this.weight.indexSelect(0, rows);
    const norms = w.norm(this.normType, 1, { keepdim: true });
    const scale = norms.clamp(this.maxNorm!, null).reciprocal_().mul_(this.maxNorm!);
    this.weight.indexCopy_(0, rows, w.mul_(scale));
  }

  override updateGradInput(input: Activity, _gradOutput: Activity): Tensor {
    // Indices have no gradient; Torch7 returns an empty tensor.
    return (this.gradInput = (input as Tensor).new());
  }

  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    const idx = this.indices(input);
    const gy = asTensor(gradOutput, this.typename, 'gradOutput').reshape(-1, this.weight.size(1));
    const g = this.paddingValue === null ? gy : gy.clone().maskedFill_(idx.eq(this.paddingValue).view(-1, 1), 0);
    this.gradWeight.indexAdd_(0, idx, scale === 1 ? g : g.mul(scale));
  }

  override toString(): string {
    return `${this.typename}(${this.weight.size(0)}, ${this.weight.size(1)})`;
  }
}
