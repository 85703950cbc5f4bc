/** Torch7's optim.ConfusionMatrix: counts of (target, prediction) pairs and the accuracies from them. */
import { Tensor, TorchIndexError, TorchSizeError, TorchTypeError, zeros, float64 } from '@torch/core';

/**
 * A confusion matrix for classification, Torch7's `optim.ConfusionMatrix`, 0-based: `mat[t][p]`
 * counts samples of class t predicted as p. Predictions may be class indices or score vectors (the
 * argmax is taken), single or batched.
 * @example
 * const cm = new legacy.optim.ConfusionMatrix(['cat', 'dog']);
 * cm.batchAdd(logits, targets);      // logits [n, 2], targets [n]
 * cm.updateValids();
 * cm.totalValid;                     // overall accuracy
 * console.log(String(cm));
 */
export class ConfusionMatrix {
  /** The counts, a [nclasses, nclasses] float64 tensor (rows: targets). */
  mat: Tensor;
  /** Class names (default '0', '1', ...). */
  classes: string[];
  /** Overall accuracy, after updateValids(). */
  totalValid = 0;
  /** Mean per-class accuracy, after updateValids(). */
  averageValid = 0;
  /** Mean per-class intersection over union, after updateValids(). */
  averageUnionValid = 0;
  /** Per-class accuracy (recall), after updateValids(). */
  valids: Tensor;
  /** Per-class intersection over union, after updateValids(). */
  unionvalids: Tensor;

  constructor(nclasses: number | readonly string[], classes?: readonly string[]) {
    const names = Array.isArray(nclasses) ? [...(nclasses as string[])] : classes ? [...classes] : undefined;
    const n = typeof nclasses === 'number' ? nclasses : names!.length;
    if (!Number.isInteger(n) || n <= 0) throw new TorchTypeError(`ConfusionMatrix: nclasses must be a positive integer or a list of class names, got ${String(nclasses)}`);
    if (names && names.length !== n) throw new TorchSizeError(`ConfusionMatrix: ${names.length} class names for ${n} classes`);
    this.classes = names ?? Array.from({ length: n }, (_, i) => String(i));
    this.mat = zeros([n, n], { dtype: float64 });
    this.valids = zeros([n], { dtype: float64 });
    this.unionvalids = zeros([n], { dtype: float64 });
  }

  /** Number of classes. @example new ConfusionMatrix(10).nclasses // 10 */
  get nclasses(): number {
    return this.classes.length;
  }

  private _class(v: number | Tensor, what: string): number {
    const n = this.nclasses;
    let c: number;
    if (typeof v === 'number') c = v;
    else if (v.numel() === 1 && !v.dtype.isFloatingPoint) c = v.item();
    else if (v.numel() === n) c = v.reshape(-1).argmax().item();
    else if (v.numel() === 1) c = v.item();
    else throw new TorchSizeError(`ConfusionMatrix: a ${what} must be a class index or ${n} scores, got ${v.numel()} elements`);
    if (!Number.isInteger(c) || c < 0 || c >= n) throw new TorchIndexError(`ConfusionMatrix: ${what} class ${c} is out of range [0, ${n})`);
    return c;
  }

  /**
   * Counts one sample: prediction (an index or scores) against target (an index or a one-hot vector).
   * @example cm.add(2, 1); cm.add(scores, 1);
   */
  add(prediction: number | Tensor, target: number | Tensor): void {
    const p = this._class(prediction, 'prediction');
    const t = this._class(target, 'target');
    this.mat.set([t, p], this.mat.get(t, p).item() + 1);
  }

  /**
   * Counts a batch: predictions [n] indices or [n, nclasses] scores, targets [n] indices or one-hot rows.
   * @example cm.batchAdd(model.forward(x).data, y);
   */
  batchAdd(predictions: Tensor, targets: Tensor): void {
    if (!(predictions instanceof Tensor) || !(targets instanceof Tensor)) throw new TorchTypeError('ConfusionMatrix.batchAdd: predictions and targets must be Tensors');
    const n = predictions.shape[0] ?? 0;
    if (predictions.dim() < 1 || (targets.shape[0] ?? -1) !== n)
      throw new TorchSizeError(`ConfusionMatrix.batchAdd: predictions [${predictions.shape.join(', ')}] and targets [${targets.shape.join(', ')}] must have the same first size`);
    const pred = predictions.dim() === 1 ? predictions : predictions.argmax(1);
    const tgt = targets.dim() === 1 ? targets : targets.argmax(1);
    const ps = pred.tolist() as number[];
    const ts = tgt.tolist() as number[];
    for (let i = 0; i < n; i++) this.add(ps[i]!, ts[i]!);
  }

  /**
   * Clears the counts.
   * @example cm.zero();
   */
  zero(): void {
    this.mat.zero_();
    this.valids.zero_();
    this.unionvalids.zero_();
    this.totalValid = this.averageValid = this.averageUnionValid = 0;
  }

  /**
   * Recomputes the accuracies from the counts (classes without samples count as NaN and are left out of
   * the averages, as in Torch7).
   * @example cm.updateValids(); cm.valids;
   */
  updateValids(): void {
    const m = this.mat.tolist() as number[][];
    const n = this.nclasses;
    let total = 0;
    let correct = 0;
    const valids: number[] = [];
    const unions: number[] = [];
    for (let t = 0; t < n; t++) {
      const row = m[t]!.reduce((a, b) => a + b, 0);
      const col = m.reduce((a, r) => a + r[t]!, 0);
      valids.push(m[t]![t]! / row);
      unions.push(m[t]![t]! / (row + col - m[t]![t]!));
      total += row;
      correct += m[t]![t]!;
    }
    valids.forEach((v, i) => this.valids.set(i, v));
    unions.forEach((v, i) => this.unionvalids.set(i, v));
    const mean = (xs: number[]) => {
      const ok = xs.filter((v) => !Number.isNaN(v));
      return ok.length ? ok.reduce((a, b) => a + b, 0) / ok.length : NaN;
    };
    this.totalValid = correct / total;
    this.averageValid = mean(valids);
    this.averageUnionValid = mean(unions);
  }

  /**
   * The matrix with per-class accuracies and the summary, as Torch7 prints it.
   * @example console.log(String(cm));
   */
  toString(): string {
    this.updateValids();
    const m = this.mat.tolist() as number[][];
    const width = Math.max(4, ...m.flat().map((v) => String(v).length));
    const lines = [`ConfusionMatrix:`];
    m.forEach((row, t) => {
      const cells = row.map((v) => String(v).padStart(width)).join(' ');
      const acc = (100 * (this.valids.get(t).item() as number)).toFixed(3);
      lines.push(`${t === 0 ? '[' : ' '}[${cells}]${t === m.length - 1 ? ']' : ' '}  ${acc}% \t[class: ${this.classes[t]}]`);
    });
    lines.push(` + average row correct: ${(100 * this.averageValid).toFixed(3)}% `);
    lines.push(` + average rowUcol correct (VOC measure): ${(100 * this.averageUnionValid).toFixed(3)}% `);
    lines.push(` + global correct: ${(100 * this.totalValid).toFixed(3)}%`);
    return lines.join('\n');
  }
}
