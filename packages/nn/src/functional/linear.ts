// Linear maps: linear, bilinear, identity.
import { TorchSizeError } from '@torch/core';
import { Variable } from '@torch/autograd';
import { asVar, optVar, checkFloat, type VarLike } from './util';
import { fmtSize, checkRank } from '../utils/args';

/** Checks x [..., in] against weight [out, in] and bias [out]. @internal */
export function checkLinear(op: string, x: Variable, w: Variable, b: Variable | null): void {
  checkFloat(op, x);
  checkRank(op, w.shape, [2], 'weight');
  checkRank(op, x.shape, { min: 1 });
  const inF = w.shape[1]!;
  if (x.shape[x.shape.length - 1] !== inF)
    throw new TorchSizeError(`${op}: expected input with ${inF} features in its last dim (weight has size ${fmtSize(w.shape)}), got input of size ${fmtSize(x.shape)}`);
  if (b !== null && (b.dim() !== 1 || b.shape[0] !== w.shape[0]))
    throw new TorchSizeError(`${op}: bias of size ${fmtSize(b.shape)} does not match weight of size ${fmtSize(w.shape)} (expected [${w.shape[0]}])`);
}

/**
 * y = x Wᵀ + b over the last dim of x.
 * @example nn.functional.linear(x, w, b)   // x [N, in], w [out, in], b [out] -> [N, out]
 */
export function linear(input: VarLike, weight: VarLike, bias?: VarLike | null): Variable {
  const x = asVar('linear', input), w = asVar('linear', weight, 'weight'), b = optVar('linear', bias, 'bias');
  checkLinear('linear', x, w, b);
  return linearUnchecked(x, w, b);
}

/** linear after the caller checked sizes (Linear's forward). @internal */
export function linearUnchecked(x: Variable, w: Variable, b: Variable | null): Variable {
  if (x.dim() === 2) {
    // For batches up to the input width, computed as (W xᵀ + b)ᵀ made contiguous: autograd's gradient
    // of W is then gᵀ x, a fresh contiguous [out, in] tensor that backward hands to weight.grad without a
    // copy, while x Wᵀ would give it as the transpose of an [in, out] product, copied (transposing) on
    // every backward; the output copy costs N·out elements instead of out·in. Larger batches: x Wᵀ + b.
    if (x.shape[0]! <= w.shape[1]!) return (b !== null ? b.unsqueeze(1).addmm(w, x.t()) : w.mm(x.t())).t().contiguous();
    return b !== null ? b.addmm(x, w.t()) : x.mm(w.t());
  }
  const y = x.matmul(w.t());
  return b !== null ? y.add(b) : y;
}

/**
 * y_k = x1ᵀ W_k x2 + b_k for inputs [N, in1], [N, in2] and weight [out, in1, in2].
 * @example nn.functional.bilinear(x1, x2, w, b)
 */
export function bilinear(input1: VarLike, input2: VarLike, weight: VarLike, bias?: VarLike | null): Variable {
  const op = 'bilinear';
  const x1 = asVar(op, input1, 'input1'), x2 = asVar(op, input2, 'input2'), w = asVar(op, weight, 'weight'), b = optVar(op, bias, 'bias');
  checkRank(op, w.shape, [3], 'weight');
  const [out, in1, in2] = w.shape as [number, number, number];
  if (x1.shape[x1.dim() - 1] !== in1 || x2.shape[x2.dim() - 1] !== in2 || x1.dim() !== x2.dim() || x1.shape.slice(0, -1).some((s, i) => s !== x2.shape[i]))
    throw new TorchSizeError(`${op}: inputs of size ${fmtSize(x1.shape)} and ${fmtSize(x2.shape)} do not match weight of size ${fmtSize(w.shape)} (expected [..., ${in1}] and [..., ${in2}] with the same leading dims)`);
  if (b !== null && (b.dim() !== 1 || b.shape[0] !== out)) throw new TorchSizeError(`${op}: bias of size ${fmtSize(b.shape)} does not match ${out} outputs`);
  const lead = x1.shape.slice(0, -1);
  const a = x1.reshape([-1, in1]), c = x2.reshape([-1, in2]);
  // (a W_k) · c for every k at once: [N, in1] x [in1, out*in2] -> [N, out, in2], then sum against c.
  const t = a.mm(w.permute([1, 0, 2]).reshape([in1, out * in2])).view([-1, out, in2]);
  let y = t.mul(c.unsqueeze(1)).sum(2);
  if (b !== null) y = y.add(b);
  return y.reshape([...lead, out]);
}
