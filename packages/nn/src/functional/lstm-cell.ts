// The LSTM step as one autograd Function (LstmCellBackward): forward is one GEMM and a handful of
// whole-tensor kernels, backward one pass of tensor math, instead of the dozen recorded Variable ops
// (and as many backward nodes, zero-filled chunk gradients and temporaries) of the composite. The
// composite stays as the reference and is what a double backward differentiates.
import type { Tensor } from '@torch/core';
import { Function as AutogradFunction, Variable, enableGrad, grad, isGradEnabled } from '@torch/autograd';

/**
 * One LSTM step from Variable ops: gates = gi + b_hh + h·W_hhᵀ in PyTorch's (i, f, g, o) row order.
 * @example const [h1, c1] = lstmComposite(gi, h0, c0, weightHh.t(), biasHh)
 */
export function lstmComposite(gi: Variable, h: Variable, c: Variable, whhT: Variable, biasHh: Variable | null): [Variable, Variable] {
  const rec = biasHh !== null ? biasHh.addmm(h, whhT) : h.mm(whhT);
  const [i, f, g, o] = gi.add(rec).chunk(4, 1) as Variable[];
  const c2 = f!.sigmoid().mul(c).add(i!.sigmoid().mul(g!.tanh()));
  return [o!.sigmoid().mul(c2.tanh()), c2];
}

/**
 * Where the steps of one sequence sum their recurrent weight and bias gradients: in place, so the T
 * per-step gradients are neither allocated nor accumulated by the engine one by one. Step 0 runs its
 * backward last (every later step depends on it), so it hands the sums on and resets them.
 */
export interface LstmGradSums {
  whhT: Tensor | null;
  bias: Tensor | null;
}

class LstmCell extends AutogradFunction {
  /** The activated gates [B, 4H] (sigmoid of i, f, o; tanh of g) and tanh(c'). */
  private act: Tensor | null = null;
  private tc: Tensor | null = null;

  constructor(private readonly inputs: readonly (Variable | null)[], private readonly sums: LstmGradSums | null, private readonly first: boolean) {
    super();
    this._keepsNoGrads = true;
  }

  override forward(gi: Tensor, h: Tensor, c: Tensor, whhT: Tensor, biasHh: Tensor | null): Tensor[] {
    const H = c.shape[1]!;
    const gates = gi.addmm(h, whhT);
    if (biasHh !== null) gates.add_(biasHh);
    // Activated in place: σ on (i, f) and o, tanh on g.
    gates.narrow(1, 0, 2 * H).sigmoid_();
    gates.narrow(1, 2 * H, H).tanh_();
    gates.narrow(1, 3 * H, H).sigmoid_();
    const [i, f, g, o] = [0, 1, 2, 3].map((k) => gates.narrow(1, k * H, H));
    const c2 = f!.mul(c).addcmul_(i!, g!);
    const tc = c2.tanh();
    this.act = gates;
    this.tc = tc;
    this.saveForBackward(h, c, whhT);
    return [o!.mul(tc), c2];
  }

  override backward(dh: Variable, dc: Variable): (Variable | Tensor | null)[] {
    // create_graph: differentiate the composite again on the original inputs, so second derivatives are exact.
    if (isGradEnabled()) return this.viaComposite(dh, dc);
    const [hV, cV, whhTV] = this.savedTensors as Variable[];
    const h = hV!.data, c = cV!.data, whhT = whhTV!.data, act = this.act!, tc = this.tc!;
    const H = c.shape[1]!;
    const [i, f, g, o] = [0, 1, 2, 3].map((k) => act.narrow(1, k * H, H)) as Tensor[];
    const dhT = dh.data;
    // dL/dc' in total: from c' itself and through h' = o·tanh(c').
    const dcTot = dhT.mul(o!).mul_(tc.mul(tc).neg_().add_(1)).add_(dc.data);
    // dL/d(activated gate), then times each activation's derivative (σ' = σ(1-σ), tanh' = 1-tanh²).
    const dGates = act.mul(act.neg().add_(1));
    dGates.narrow(1, 2 * H, H).copy_(g!.mul(g!).neg_().add_(1));
    dGates.narrow(1, 0, H).mul_(dcTot.mul(g!));
    dGates.narrow(1, H, H).mul_(dcTot.mul(c));
    dGates.narrow(1, 2 * H, H).mul_(dcTot.mul(i!));
    dGates.narrow(1, 3 * H, H).mul_(dhT.mul(tc));
    const need = this.needsInputGrad;
    let dW: Tensor | null = null, dB: Tensor | null = null;
    const s = this.sums;
    if (s === null) {
      dW = need[3] ? h.t().mm(dGates) : null;
      dB = need[4] ? dGates.sum(0) : null;
    } else {
      if (need[3]) s.whhT = s.whhT === null ? h.t().mm(dGates) : s.whhT.addmm_(h.t(), dGates);
      if (need[4]) s.bias = s.bias === null ? dGates.sum(0) : s.bias.add_(dGates.sum(0));
      if (this.first) [dW, dB, s.whhT, s.bias] = [s.whhT, s.bias, null, null];
    }
    return [need[0] ? dGates : null, need[1] ? dGates.mm(whhT.t()) : null, need[2] ? dcTot.mul(f!) : null, dW, dB];
  }

  private viaComposite(dh: Variable, dc: Variable): (Variable | null)[] {
    const [gi, h, c, whhT, b] = this.inputs;
    const wanted = this.inputs.map((v, k) => (this.needsInputGrad[k] ? v : null));
    const ins = wanted.filter((v): v is Variable => v !== null);
    const outs = enableGrad(() => lstmComposite(gi!, h!, c!, whhT!, b ?? null));
    const gs = grad(outs, ins, [dh, dc], { createGraph: true, allowUnused: true });
    let k = 0;
    return wanted.map((v) => (v === null ? null : gs[k++] ?? null));
  }
}

/**
 * One LSTM step on the fused Function: gi = x·W_ihᵀ + b_ih of this step [B, 4H], state (h, c) [B, H],
 * whhT = W_hhᵀ [H, 4H]; returns [h', c']. Same numbers as lstmComposite (up to rounding). The steps of
 * one sequence may share `sums` (a fresh `{ whhT: null, bias: null }`), the first step passing
 * `first`: whhT's and biasHh's gradients then reach autograd once, from the first step, summed in place.
 * @example const [h1, c1] = lstmCell(gi, h0, c0, weightHh.t(), biasHh)
 */
export function lstmCell(gi: Variable, h: Variable, c: Variable, whhT: Variable, biasHh: Variable | null, sums: LstmGradSums | null = null, first = true): [Variable, Variable] {
  return new LstmCell([gi, h, c, whhT, biasHh], sums, first).apply(gi, h, c, whhT, biasHh) as [Variable, Variable];
}
