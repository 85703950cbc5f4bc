// Losses. Each takes (input, target, options) with PyTorch's keyword arguments in the options object,
// including `reduction: 'mean' | 'sum' | 'none'`. Targets may be Variables (gradients reach them where
// PyTorch's do) or Tensors; class-index targets are integer tensors.
import { Tensor, TorchIndexError, TorchSizeError, TorchTypeError, tensor, arange } from '@torch/core';
import { Variable, where } from '@torch/autograd';
import { asVar, optVar, checkFloat, type VarLike } from './util';
import { logsigmoid, softplus } from './activation';
import { pairwiseDistance, cosineSimilarity } from './distance';
import { checkOptions, fmtSize } from '../utils/args';
import { crossEntropyFused } from './cross-entropy-fused';

/** How a loss combines its per-element values. */
export type Reduction = 'none' | 'mean' | 'sum';

function reductionOf(op: string, r: unknown, extra: readonly string[] = []): string {
  const r2 = r ?? 'mean';
  if (typeof r2 !== 'string' || !['none', 'mean', 'sum', ...extra].includes(r2))
    throw new TorchTypeError(`${op}: reduction must be one of 'none', 'mean', 'sum'${extra.map((e) => `, '${e}'`).join('')}, got ${String(r)}`);
  return r2;
}

function reduce(loss: Variable, reduction: string): Variable {
  return reduction === 'none' ? loss : reduction === 'sum' ? loss.sum() : loss.mean();
}

function sameSize(op: string, x: Variable, y: Variable, what = 'target'): void {
  if (x.shape.length !== y.shape.length || x.shape.some((s, i) => s !== y.shape[i]))
    throw new TorchSizeError(`${op}: ${what} size ${fmtSize(y.shape)} must be the same as input size ${fmtSize(x.shape)}`);
}

function floatPair(op: string, input: VarLike, target: VarLike): [Variable, Variable] {
  const x = asVar(op, input), y = asVar(op, target, 'target');
  checkFloat(op, x);
  checkFloat(op, y, 'target');
  sameSize(op, x, y);
  return [x, y];
}

function classTarget(op: string, target: unknown): Tensor {
  const t = target instanceof Variable ? target.data : target;
  if (!(t instanceof Tensor)) throw new TorchTypeError(`${op}: target must be a Tensor of class indices, got ${t === null ? 'null' : typeof t}`);
  if (t.dtype.isFloatingPoint || t.dtype.name === 'bool') throw new TorchTypeError(`${op}: expected a target of class indices (int64), got ${t.dtype}`);
  return t.dtype.name === 'int64' ? t : t.long();
}

/** Options of the losses with only a reduction. */
export interface ReductionOptions {
  reduction?: Reduction;
}

/** Mean (or sum) of |x - y|. @example nn.functional.l1Loss(x, y) */
export function l1Loss(input: VarLike, target: VarLike, options?: ReductionOptions): Variable {
  const o = checkOptions('l1Loss', options, ['reduction']);
  const [x, y] = floatPair('l1Loss', input, target);
  return reduce(x.sub(y).abs(), reductionOf('l1Loss', o.reduction));
}

/** Mean (or sum) of (x - y)². @example nn.functional.mseLoss(x, y, { reduction: 'sum' }) */
export function mseLoss(input: VarLike, target: VarLike, options?: ReductionOptions): Variable {
  const o = checkOptions('mseLoss', options, ['reduction']);
  const [x, y] = floatPair('mseLoss', input, target);
  const d = x.sub(y);
  return reduce(d.mul(d), reductionOf('mseLoss', o.reduction));
}

/**
 * 0.5 d²/beta where |d| < beta, else |d| - 0.5 beta (d = x - y).
 * @example nn.functional.smoothL1Loss(x, y, { beta: 0.5 })
 */
export function smoothL1Loss(input: VarLike, target: VarLike, options?: ReductionOptions & { beta?: number }): Variable {
  const o = checkOptions('smoothL1Loss', options, ['reduction', 'beta']);
  const beta = o.beta ?? 1;
  if (typeof beta !== 'number' || beta < 0) throw new TorchTypeError(`smoothL1Loss: beta must be a non-negative number, got ${String(beta)}`);
  const [x, y] = floatPair('smoothL1Loss', input, target);
  const d = x.sub(y), a = d.abs();
  const loss = beta === 0 ? a : where(a.data.lt(beta), d.mul(d).mul(0.5 / beta), a.sub(0.5 * beta));
  return reduce(loss, reductionOf('smoothL1Loss', o.reduction));
}

/** log(1 + exp(-y·x)) for labels y in {1, -1}. @example nn.functional.softMarginLoss(x, y) */
export function softMarginLoss(input: VarLike, target: VarLike, options?: ReductionOptions): Variable {
  const o = checkOptions('softMarginLoss', options, ['reduction']);
  const [x, y] = floatPair('softMarginLoss', input, target);
  return reduce(softplus(x.mul(y).neg()), reductionOf('softMarginLoss', o.reduction));
}

/** Options of the losses with per-class or per-element weights. */
export interface WeightOptions extends ReductionOptions {
  weight?: VarLike | null;
}

/**
 * Binary cross entropy of probabilities: -w·(y log x + (1 - y) log(1 - x)), logs clamped at -100 as PyTorch.
 * @example nn.functional.binaryCrossEntropy(torch.sigmoid(z), y)
 */
export function binaryCrossEntropy(input: VarLike, target: VarLike, options?: WeightOptions): Variable {
  const op = 'binaryCrossEntropy';
  const o = checkOptions(op, options, ['reduction', 'weight']);
  const [x, y] = floatPair(op, input, target);
  if (x.numel() > 0 && (x.data.lt(0).any().item() || x.data.gt(1).any().item()))
    throw new TorchTypeError(`${op}: all elements of input should be between 0 and 1`);
  let loss = y.mul(x.log().clamp(-100, null)).add(y.neg().add(1).mul(x.neg().add(1).log().clamp(-100, null))).neg();
  const w = optVar(op, o.weight, 'weight');
  if (w !== null) loss = loss.mul(w);
  return reduce(loss, reductionOf(op, o.reduction));
}

/**
 * Binary cross entropy on logits, computed stably: (1 - y)·x + (1 + (p - 1)·y)·log(1 + e⁻ˣ) with posWeight p.
 * @example nn.functional.binaryCrossEntropyWithLogits(z, y, { posWeight: torch.full([3], 2) })
 */
export function binaryCrossEntropyWithLogits(input: VarLike, target: VarLike, options?: WeightOptions & { posWeight?: VarLike | null }): Variable {
  const op = 'binaryCrossEntropyWithLogits';
  const o = checkOptions(op, options, ['reduction', 'weight', 'posWeight']);
  const [x, y] = floatPair(op, input, target);
  // log(1 + e^-x) = softplus(-x), stable for both signs.
  const sp = softplus(x.neg());
  const pw = optVar(op, o.posWeight, 'posWeight');
  let loss = pw === null ? y.neg().add(1).mul(x).add(sp) : y.neg().add(1).mul(x).add(pw.sub(1).mul(y).add(1).mul(sp));
  const w = optVar(op, o.weight, 'weight');
  if (w !== null) loss = loss.mul(w);
  return reduce(loss, reductionOf(op, o.reduction));
}

/** Options of nllLoss and crossEntropy. */
export interface NLLOptions extends WeightOptions {
  /** Targets equal to this contribute nothing (and do not count in the mean). Default -100. */
  ignoreIndex?: number;
}

/** Moves the class dim (1) last and flattens: [N, C, d...] -> [N·d..., C]; target [N, d...] -> [N·d...]. */
function flattenClasses(op: string, x: Variable, t: Tensor): [Variable, Tensor, number[]] {
  if (x.dim() < 1) throw new TorchSizeError(`${op}: input must have at least 1 dimension, got size ${fmtSize(x.shape)}`);
  const unbatched = x.dim() === 1;
  const C = unbatched ? x.shape[0]! : x.shape[1]!;
  const expected = unbatched ? [] : [x.shape[0]!, ...x.shape.slice(2)];
  if (t.dim() !== expected.length || t.shape.some((s, i) => s !== expected[i]))
    throw new TorchSizeError(`${op}: expected target of size ${fmtSize(expected)} for input of size ${fmtSize(x.shape)} (${C} classes), got target of size ${fmtSize(t.shape)}`);
  const flat = unbatched ? x.view([1, C]) : x.dim() === 2 ? x : x.reshape([x.shape[0]!, C, -1]).transpose(1, 2).reshape([-1, C]);
  return [flat, t.reshape([-1]), expected];
}

/** Throws naming the first target outside [0, C) (ignoreIndex excepted); returns the not-ignored mask. */
function checkClasses(op: string, t: Tensor, C: number, ignoreIndex: number | null): Tensor {
  const valid = ignoreIndex === null ? t.eq(t) : t.ne(ignoreIndex);
  if (t.numel() > 0) {
    const bad = t.lt(0).where(t.lt(C), true).where(valid, false);
    if (bad.any().item()) {
      const v = t.maskedSelect(bad).get(0).item();
      throw new TorchIndexError(`${op}: target ${v} is out of bounds for ${C} classes (valid: 0 to ${C - 1}${ignoreIndex === null ? '' : `, or ignoreIndex ${ignoreIndex}`})`);
    }
  }
  return valid;
}

/**
 * Negative log likelihood of class indices given log-probabilities: input [N, C] (or [N, C, d1, ...],
 * or [C]) and target [N] ([N, d1, ...], or 0-dim); class weights and ignoreIndex as PyTorch, the mean
 * divided by the total weight of the counted targets.
 * @example nn.functional.nllLoss(nn.functional.logSoftmax(z, 1), target)
 */
export function nllLoss(input: VarLike, target: VarLike, options?: NLLOptions): Variable {
  return nllImpl('nllLoss', input, target, options);
}

function nllImpl(op: string, input: VarLike, target: VarLike, options: NLLOptions | undefined, checked?: Record<string, unknown>): Variable {
  const o = (checked ?? checkOptions(op, options, ['reduction', 'weight', 'ignoreIndex'])) as NLLOptions;
  const x = asVar(op, input);
  checkFloat(op, x);
  const reduction = reductionOf(op, o.reduction);
  const ignoreIndex = o.ignoreIndex ?? -100;
  if (!Number.isInteger(ignoreIndex)) throw new TorchTypeError(`${op}: ignoreIndex must be an integer, got ${String(ignoreIndex)}`);
  const [flat, t, outShape] = flattenClasses(op, x, classTarget(op, target));
  const C = flat.shape[1]!;
  const wv0 = optVar(op, o.weight, 'weight');
  // Fast path (the common training step): no class weights and every target a valid class.
  if (wv0 === null && t.numel() > 0 && (ignoreIndex < 0 || ignoreIndex >= C) && reduction !== 'none') {
    const lo = t.min().item(), hi = t.max().item();
    if (lo >= 0 && hi < C) {
      const picked = flat.gather(1, t.unsqueeze(1));
      return (reduction === 'sum' ? picked.sum() : picked.mean()).neg();
    }
  }
  const valid = checkClasses(op, t, C, ignoreIndex);
  const safe = t.where(valid, 0);
  const picked = flat.gather(1, safe.unsqueeze(1)).view([-1]);
  const wv = wv0;
  if (wv !== null && (wv.dim() !== 1 || wv.shape[0] !== C)) throw new TorchSizeError(`${op}: weight of size ${fmtSize(wv.shape)} does not match ${C} classes`);
  // Per-target weight: the class weight, 0 where ignored; a constant (weights are not learned here).
  let w: Tensor = valid.to(flat.dtype);
  if (wv !== null) w = wv.data.to(flat.dtype).indexSelect(0, safe).mul(w);
  const losses = picked.mul(w).neg();
  if (reduction === 'none') return losses.view(outShape);
  if (reduction === 'sum') return losses.sum();
  return losses.sum().div(w.sum());
}

/**
 * logSoftmax over the classes (dim 1) followed by nllLoss; or, when target has the input's size and a
 * floating dtype, class probabilities: -Σ p log softmax(x). labelSmoothing mixes in the uniform distribution.
 * @example
 * const loss = nn.functional.crossEntropy(logits, labels);                    // labels int64 [N]
 * nn.functional.crossEntropy(logits, labels, { weight: w, ignoreIndex: 0 });
 */
export function crossEntropy(input: VarLike, target: VarLike, options?: NLLOptions & { labelSmoothing?: number }): Variable {
  const op = 'crossEntropy';
  const o = checkOptions(op, options, ['reduction', 'weight', 'ignoreIndex', 'labelSmoothing']);
  const x = asVar(op, input);
  checkFloat(op, x);
  const classDim = x.dim() === 1 ? 0 : 1;
  const eps = o.labelSmoothing ?? 0;
  // The training step's case on one fused Function: [N, C] logits, valid class indices, no weights or smoothing.
  const tv0 = target instanceof Variable ? target.data : target;
  const ignore = o.ignoreIndex ?? -100;
  if (x.dim() === 2 && eps === 0 && (o.weight === undefined || o.weight === null) && o.reduction !== 'none' && tv0 instanceof Tensor && tv0.dtype.name === 'int64'
    && tv0.dim() === 1 && tv0.shape[0] === x.shape[0] && tv0.numel() > 0 && Number.isInteger(ignore) && (ignore < 0 || ignore >= x.shape[1]!)) {
    // The fused forward's gather checks every target before anything is recorded; a target out of
    // range goes on to the composite, whose error names this op and the target.
    try {
      return crossEntropyFused(x, tv0, reductionOf(op, o.reduction) === 'sum');
    } catch (e) {
      if (!(e instanceof TorchIndexError)) throw e;
    }
  }
  const logp = x.logSoftmax(classDim);
  if (typeof eps !== 'number' || !(eps >= 0 && eps <= 1)) throw new TorchTypeError(`${op}: labelSmoothing must be in [0, 1], got ${String(eps)}`);
  const reduction = reductionOf(op, o.reduction);
  const C = x.shape[classDim]!;
  const wv = optVar(op, o.weight, 'weight');
  if (wv !== null && (wv.dim() !== 1 || wv.shape[0] !== C)) throw new TorchSizeError(`${op}: weight of size ${fmtSize(wv.shape)} does not match ${C} classes`);
  const weightB = wv === null ? null : wv.view([C, ...Array(Math.max(0, x.dim() - classDim - 1)).fill(1)]);
  const tv = target instanceof Variable ? target.data : target;
  if (tv instanceof Tensor && tv.dtype.isFloatingPoint) {
    // Class probabilities.
    sameSize(op, x, asVar(op, target, 'target'));
    let p = asVar(op, target, 'target');
    if (eps > 0) p = p.mul(1 - eps).add(eps / C);
    let l = logp.mul(p);
    if (weightB !== null) l = l.mul(weightB);
    const per = l.sum(classDim).neg();
    if (reduction === 'none') return per;
    if (reduction === 'sum') return per.sum();
    return x.dim() === 1 ? per : per.sum().div(x.numel() / C);
  }
  const nll = nllImpl(op, logp, target, undefined, { reduction, weight: o.weight, ignoreIndex: o.ignoreIndex });
  if (eps === 0) return nll;
  // Label smoothing on class indices: the uniform part, masked where ignored (PyTorch 1.13's formula).
  const ignoreIndex = o.ignoreIndex ?? -100;
  const t = classTarget(op, target);
  const valid = t.ne(ignoreIndex).to(x.dtype);
  let smooth = (weightB !== null ? logp.mul(weightB) : logp).sum(classDim).neg().mul(valid);
  let r: Variable;
  if (reduction === 'none') r = smooth;
  else if (reduction === 'sum') r = smooth.sum();
  else if (wv !== null) r = smooth.sum().div(wv.data.to(x.dtype).indexSelect(0, t.maskedSelect(t.ne(ignoreIndex))).sum());
  else r = smooth.mean();
  smooth = r;
  return nll.mul(1 - eps).add(smooth.mul(eps / C));
}

/**
 * Kullback-Leibler divergence of target from input (input: log-probabilities): y·(log y - x), 0 where
 * y = 0; `logTarget` when y is given as log-probabilities. reduction 'batchmean' divides by size(0),
 * the mathematically correct KL; 'mean' (PyTorch's default) by the number of elements.
 * @example nn.functional.klDiv(logq, p, { reduction: 'batchmean' })
 */
export function klDiv(input: VarLike, target: VarLike, options?: { reduction?: Reduction | 'batchmean'; logTarget?: boolean }): Variable {
  const op = 'klDiv';
  const o = checkOptions(op, options, ['reduction', 'logTarget']);
  const [x, y] = floatPair(op, input, target);
  const reduction = reductionOf(op, o.reduction, ['batchmean']);
  const loss = o.logTarget ? y.exp().mul(y.sub(x)) : where(y.data.gt(0), y.mul(y.log()), 0).sub(y.mul(x));
  if (reduction === 'batchmean') return x.dim() === 0 ? loss.sum() : loss.sum().div(x.shape[0]!);
  return reduce(loss, reduction);
}

/**
 * Poisson negative log likelihood: exp(x) - y·x (logInput, default) or x - y·log(x + eps); `full` adds
 * Stirling's approximation of log(y!) where y > 1.
 * @example nn.functional.poissonNllLoss(logRate, counts)
 */
export function poissonNllLoss(input: VarLike, target: VarLike, options?: ReductionOptions & { logInput?: boolean; full?: boolean; eps?: number }): Variable {
  const op = 'poissonNllLoss';
  const o = checkOptions(op, options, ['reduction', 'logInput', 'full', 'eps']);
  const [x, y] = floatPair(op, input, target);
  const eps = o.eps ?? 1e-8;
  let loss = o.logInput === false ? x.sub(y.mul(x.add(eps).log())) : x.exp().sub(y.mul(x));
  if (o.full) {
    const stirling = y.mul(y.log()).sub(y).add(y.mul(2 * Math.PI).log().mul(0.5));
    loss = loss.add(where(y.data.gt(1), stirling, 0));
  }
  return reduce(loss, reductionOf(op, o.reduction));
}

/** Options of the margin losses. */
export interface MarginOptions extends ReductionOptions {
  margin?: number;
}

/**
 * max(0, -y·(x1 - x2) + margin) for y in {1, -1}.
 * @example nn.functional.marginRankingLoss(s1, s2, y, { margin: 0.5 })
 */
export function marginRankingLoss(input1: VarLike, input2: VarLike, target: VarLike, options?: MarginOptions): Variable {
  const op = 'marginRankingLoss';
  const o = checkOptions(op, options, ['reduction', 'margin']);
  const x1 = asVar(op, input1, 'input1'), x2 = asVar(op, input2, 'input2'), y = asVar(op, target, 'target');
  sameSize(op, x1, x2, 'input2');
  sameSize(op, x1, y);
  return reduce(x1.sub(x2).mul(y).neg().add(o.margin ?? 0).clamp(0, null), reductionOf(op, o.reduction));
}

/**
 * x where y = 1, max(0, margin - x) where y = -1.
 * @example nn.functional.hingeEmbeddingLoss(dist, y, { margin: 1 })
 */
export function hingeEmbeddingLoss(input: VarLike, target: VarLike, options?: MarginOptions): Variable {
  const op = 'hingeEmbeddingLoss';
  const o = checkOptions(op, options, ['reduction', 'margin']);
  const x = asVar(op, input), y = asVar(op, target, 'target');
  sameSize(op, x, y);
  const marginClamp = x.neg().add(o.margin ?? 1).clamp(0, null);
  const loss = where(y.data.ne(1), marginClamp, 0).add(where(y.data.ne(-1), x, 0));
  return reduce(loss, reductionOf(op, o.reduction));
}

/**
 * Multi-label hinge loss: target holds class indices, ended by the first -1; each (target class j,
 * other class k) pair adds max(0, 1 - (x_j - x_k)), divided by C.
 * @example nn.functional.multilabelMarginLoss(x, torch.tensor([[3, 0, -1, 1]]))
 */
export function multilabelMarginLoss(input: VarLike, target: VarLike, options?: ReductionOptions): Variable {
  const op = 'multilabelMarginLoss';
  const o = checkOptions(op, options, ['reduction']);
  const x0 = asVar(op, input);
  checkFloat(op, x0);
  const t0 = classTarget(op, target);
  if (x0.dim() > 2 || x0.dim() < 1) throw new TorchSizeError(`${op}: expected 1D or 2D input, got size ${fmtSize(x0.shape)}`);
  if (t0.dim() !== x0.dim() || t0.shape.some((s, i) => s !== x0.shape[i]))
    throw new TorchSizeError(`${op}: target size ${fmtSize(t0.shape)} must be the same as input size ${fmtSize(x0.shape)}`);
  const x = x0.dim() === 1 ? x0.view([1, -1]) : x0;
  const [N, C] = x.shape as [number, number];
  const rows = t0.reshape([N, C]).tolist() as number[][];
  const isT = rows.map((r) => {
    const m = new Array<number>(C).fill(0);
    for (const c of r) {
      if (c === -1) break;
      if (c < 0 || c >= C) throw new TorchIndexError(`${op}: target ${c} is out of bounds for ${C} classes`);
      m[c] = 1;
    }
    return m;
  });
  const mask = tensor(isT, { dtype: x.data.dtype });
  // pair[n, j, k] = max(0, 1 - x_j + x_k) for target j and non-target k.
  const pair = x.unsqueeze(2).neg().add(x.unsqueeze(1)).add(1).clamp(0, null);
  const w = mask.unsqueeze(2).mul(mask.neg().add(1).unsqueeze(1));
  const loss = pair.mul(w).sum([1, 2]).div(C);
  const l = x0.dim() === 1 ? loss.view([]) : loss;
  return reduce(l, reductionOf(op, o.reduction));
}

/**
 * -(y·log σ(x) + (1 - y)·log σ(-x)) averaged over the C classes, per sample.
 * @example nn.functional.multilabelSoftMarginLoss(x, y)
 */
export function multilabelSoftMarginLoss(input: VarLike, target: VarLike, options?: WeightOptions): Variable {
  const op = 'multilabelSoftMarginLoss';
  const o = checkOptions(op, options, ['reduction', 'weight']);
  const [x, y] = floatPair(op, input, target);
  let loss = y.mul(logsigmoid(x)).add(y.neg().add(1).mul(logsigmoid(x.neg()))).neg();
  const w = optVar(op, o.weight, 'weight');
  if (w !== null) loss = loss.mul(w);
  const C = x.shape[x.dim() - 1]!;
  return reduce(loss.sum(x.dim() - 1).div(C), reductionOf(op, o.reduction));
}

/**
 * 1 - cos(x1, x2) where y = 1, max(0, cos(x1, x2) - margin) where y = -1 (cosine along dim 1).
 * @example nn.functional.cosineEmbeddingLoss(a, b, y)
 */
export function cosineEmbeddingLoss(input1: VarLike, input2: VarLike, target: VarLike, options?: MarginOptions): Variable {
  const op = 'cosineEmbeddingLoss';
  const o = checkOptions(op, options, ['reduction', 'margin']);
  const x1 = asVar(op, input1, 'input1'), x2 = asVar(op, input2, 'input2'), y = asVar(op, target, 'target');
  sameSize(op, x1, x2, 'input2');
  const d = x1.dim() - 1;
  if (y.dim() !== d || y.shape.some((s, i) => s !== x1.shape[i])) throw new TorchSizeError(`${op}: target of size ${fmtSize(y.shape)} does not match inputs of size ${fmtSize(x1.shape)}`);
  // PyTorch's form: Σ x1 x2 / sqrt((|x1|² + 1e-12)(|x2|² + 1e-12)).
  const EPS = 1e-12;
  const cos = x1.mul(x2).sum(d).div(x1.mul(x1).sum(d).add(EPS).mul(x2.mul(x2).sum(d).add(EPS)).sqrt());
  const loss = where(y.data.eq(1), cos.neg().add(1), 0).add(where(y.data.eq(-1), cos.sub(o.margin ?? 0).clamp(0, null), 0));
  return reduce(loss, reductionOf(op, o.reduction));
}

/**
 * Multi-class hinge loss: Σ_{i≠y} max(0, margin - x_y + x_i)^p / C, weighted by the target class.
 * @example nn.functional.multiMarginLoss(x, labels, { p: 2 })
 */
export function multiMarginLoss(input: VarLike, target: VarLike, options?: WeightOptions & { p?: 1 | 2; margin?: number }): Variable {
  const op = 'multiMarginLoss';
  const o = checkOptions(op, options, ['reduction', 'weight', 'p', 'margin']);
  const p = o.p ?? 1;
  if (p !== 1 && p !== 2) throw new TorchTypeError(`${op}: only p == 1 and p == 2 supported, got ${String(p)}`);
  const x0 = asVar(op, input);
  checkFloat(op, x0);
  if (x0.dim() > 2 || x0.dim() < 1) throw new TorchSizeError(`${op}: expected 1D or 2D input, got size ${fmtSize(x0.shape)}`);
  const x = x0.dim() === 1 ? x0.view([1, -1]) : x0;
  const [N, C] = x.shape as [number, number];
  const t = classTarget(op, target).reshape([-1]);
  if (t.numel() !== N) throw new TorchSizeError(`${op}: expected target of ${N} elements for input of size ${fmtSize(x0.shape)}, got size ${fmtSize(t.shape)}`);
  checkClasses(op, t, C, null);
  const xy = x.gather(1, t.unsqueeze(1));
  let h = xy.neg().add(x).add(o.margin ?? 1).clamp(0, null);
  if (p === 2) h = h.mul(h);
  const notTarget = t.unsqueeze(1).ne(arange(C).view([1, C]));
  h = h.mul(notTarget.to(x.data.dtype));
  const w = optVar(op, o.weight, 'weight');
  if (w !== null) h = h.mul(w.data.to(x.data.dtype).indexSelect(0, t).unsqueeze(1));
  const loss = h.sum(1).div(C);
  return reduce(x0.dim() === 1 ? loss.view([]) : loss, reductionOf(op, o.reduction));
}

/**
 * max(0, d(a, p) - d(a, n) + margin) with the pairwise p-norm distance; `swap` uses the smaller of
 * d(a, n) and d(p, n).
 * @example nn.functional.tripletMarginLoss(anchor, positive, negative, { margin: 1 })
 */
export function tripletMarginLoss(anchor: VarLike, positive: VarLike, negative: VarLike, options?: MarginOptions & { p?: number; eps?: number; swap?: boolean }): Variable {
  const op = 'tripletMarginLoss';
  const o = checkOptions(op, options, ['reduction', 'margin', 'p', 'eps', 'swap']);
  const a = asVar(op, anchor, 'anchor'), pos = asVar(op, positive, 'positive'), neg = asVar(op, negative, 'negative');
  sameSize(op, a, pos, 'positive');
  sameSize(op, a, neg, 'negative');
  const opts = { p: o.p ?? 2, eps: o.eps ?? 1e-6 };
  const dap = pairwiseDistance(a, pos, opts);
  let dan = pairwiseDistance(a, neg, opts);
  if (o.swap) dan = dan.min(pairwiseDistance(pos, neg, opts));
  return reduce(dap.sub(dan).add(o.margin ?? 1).clamp(0, null), reductionOf(op, o.reduction));
}

export { cosineSimilarity };
