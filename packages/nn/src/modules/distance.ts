// PairwiseDistance and CosineSimilarity.
import { Variable } from '@torch/autograd';
import { Module } from '../module';
import * as F from '../functional/distance';
import { signature } from '../utils/args';

/** ‖x1 - x2 + eps‖_p over the last dim. @example new nn.PairwiseDistance(2).forward(a, b) */
export class PairwiseDistance extends Module {
  readonly norm: number;
  readonly eps: number;
  readonly keepdim: boolean;
  constructor(...args: [p?: number, eps?: number, keepdim?: boolean] | [{ p?: number; eps?: number; keepdim?: boolean }]) {
    super();
    ({ p: this.norm, eps: this.eps, keepdim: this.keepdim } = signature('PairwiseDistance', args, { p: 2, eps: 1e-6, keepdim: false }));
  }
  override forward(x1: Variable, x2: Variable): Variable {
    return F.pairwiseDistance(x1, x2, { p: this.norm, eps: this.eps, keepdim: this.keepdim });
  }
}

/** Cosine similarity along dim. @example new nn.CosineSimilarity({ dim: 1 }).forward(a, b) */
export class CosineSimilarity extends Module {
  readonly dim: number;
  readonly eps: number;
  constructor(...args: [dim?: number, eps?: number] | [{ dim?: number; eps?: number }]) {
    super();
    ({ dim: this.dim, eps: this.eps } = signature('CosineSimilarity', args, { dim: 1, eps: 1e-8 }));
  }
  override forward(x1: Variable, x2: Variable): Variable {
    return F.cosineSimilarity(x1, x2, { dim: this.dim, eps: this.eps });
  }
}
