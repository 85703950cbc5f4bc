import { int64, Tensor, tensor, TorchIndexError, TorchSizeError, TorchTypeError } from '@torch/core';
import type { Activity } from '../module';
import { asTensor, scratch } from '../modules/util';
import { MSECriterion } from './regression';
import { signature } from '../signature';

/**
 * The vertices of a regular simplex centred at the origin: n + 1 unit vectors in n dims, every pair at
 * the same angle (dot product −1/n). Row k's last non-zero coordinate is fixed by its unit norm; the rows
 * after it share their k-th coordinate, chosen so that their dot product with row k is −1/n.
 */
function regularSimplex(n: number): number[][] {
  const a = Array.from({ length: n + 1 }, () => new Array<number>(n).fill(0));
  for (let k = 0; k < n; k++) {
    const row = a[k]!;
    row[k] = k === 0 ? 1 : Math.sqrt(1 - row.slice(0, k).reduce((s, v) => s + v * v, 0));
    const c = (row[k]! * row[k]! - 1 - 1 / n) / row[k]!;
    for (let j = k + 1; j <= n; j++) a[j]![k] = c;
  }
  return a;
}

/**
 * MSE between the input and the embedding of the target class as a vertex of a regular simplex
 * (arXiv:1506.08230): nClasses vertices in nClasses dims (the last coordinate always 0, as Torch7: a
 * dimension more than the minimum trains better). Input [nClasses] or [n, nClasses]; target a 0-based
 * class index or [n] of them.
 * @example
 * const crit = new nn.ClassSimplexCriterion(10);
 * crit.forward(torch.randn(4, 10), torch.tensor([1, 0, 9, 3]));
 * crit.getTopPrediction(torch.randn(4, 10));   // the nearest vertex of each row
 */
@signature('nClasses: number')
export class ClassSimplexCriterion extends MSECriterion {
  /** The vertices, one row per class: [nClasses, nClasses]. */
  simplex: Tensor;

  constructor(public nClasses: number) {
    super();
    if (!Number.isInteger(nClasses) || nClasses < 2) throw new TorchTypeError(`nn.ClassSimplexCriterion: nClasses must be an integer > 1, got ${nClasses}`);
    this.simplex = tensor(regularSimplex(nClasses - 1).map((r) => [...r, 0]));
  }

  /** The embedded targets, shaped like the input. */
  private embedded(input: Activity, target: Activity | number): [Tensor, Tensor] {
    const x = asTensor(input, this.typename);
    const classes = typeof target === 'number' ? tensor([target]) : asTensor(target, this.typename, 'target').reshape(-1);
    if (classes.dtype.isFloatingPoint ? !classes.eq(classes.trunc()).all().item() : false) throw new TorchTypeError(`${this.typename}: targets must be class indices`);
    const idx = classes.to(int64);
    if (idx.numel() > 0 && (idx.min().item() < 0 || idx.max().item() >= this.nClasses))
      throw new TorchIndexError(`${this.typename}: targets must be in [0, ${this.nClasses}), got [${idx.tolist()}]`);
    if (x.numel() !== idx.numel() * this.nClasses)
      throw new TorchSizeError(`${this.typename}: input of size [${x.size().join(', ')}] for ${idx.numel()} targets of ${this.nClasses} classes`);
    const simplex = this.simplex.dtype === x.dtype ? this.simplex : this.simplex.to(x.dtype);
    const t = simplex.indexSelect(0, idx, { out: scratch(this, '_target', x, [idx.numel(), this.nClasses]) });
    return [x, t.view(x.size())];
  }

  override updateOutput(input: Activity, target: Activity | number): number {
    const [x, t] = this.embedded(input, target);
    return super.updateOutput(x, t);
  }

  override updateGradInput(input: Activity, target: Activity | number): Tensor {
    const [x, t] = this.embedded(input, target);
    return super.updateGradInput(x, t);
  }

  /** The dot product of each input row with every vertex: [n, nClasses]. @example crit.getPredictions(x) */
  getPredictions(input: Tensor): Tensor {
    const x = input.dim() === 1 ? input.view(1, -1) : input;
    return x.mm((this.simplex.dtype === x.dtype ? this.simplex : this.simplex.to(x.dtype)).t());
  }

  /** The class whose vertex has the largest dot product with each row (0-based): [n]. @example crit.getTopPrediction(x) */
  getTopPrediction(input: Tensor): Tensor {
    return this.getPredictions(input).argmax(1).view(-1);
  }
}
