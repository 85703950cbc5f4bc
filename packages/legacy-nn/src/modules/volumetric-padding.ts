import { tensor, TorchSizeError, TorchTypeError, type Tensor } from '@torch/core';
import { Module, type Activity } from '../module';
import { sourceIndex } from './spatial';
import { asTensor, reuse } from './util';
import { signature } from '../signature';

/**
 * Pads the last three dims of [C, T, H, W] or [N, C, T, H, W] by repeating the border values: left and
 * right (W), top and bottom (H), front and back (T); each defaults to `pleft`, as Torch7.
 * @example new nn.VolumetricReplicationPadding(1, 1, 2, 2, 0, 1).forward(torch.randn(2, 3, 4, 4))   // [2, 4, 8, 6]
 */
@signature('pleft: number, pright?: number, ptop?: number, pbottom?: number, pfront?: number, pback?: number')
export class VolumetricReplicationPadding extends Module {
  constructor(public pleft: number, public pright = pleft, public ptop = pleft, public pbottom = pleft, public pfront = pleft, public pback = pleft) {
    super();
    for (const p of [pleft, pright, ptop, pbottom, pfront, pback])
      if (!Number.isInteger(p) || p < 0) throw new TorchTypeError(`nn.VolumetricReplicationPadding: pads must be non-negative integers, got ${p}`);
  }

  /** For dims -3, -2, -1: which input position each output position repeats. */
  private sources(x: Tensor): Tensor[] {
    if (x.dim() !== 4 && x.dim() !== 5) throw new TorchSizeError(`${this.typename}: expected a 4-D or 5-D input, got [${x.size().join(', ')}]`);
    if (x.size(-3) === 0 || x.size(-2) === 0 || x.size(-1) === 0) throw new TorchSizeError(`${this.typename}: cannot pad an empty [${x.size().join(', ')}] input`);
    const pads: [number, number][] = [[this.pfront, this.pback], [this.ptop, this.pbottom], [this.pleft, this.pright]];
    return pads.map(([before, after], i) => tensor(sourceIndex(x.size(i - 3), before, after, 'replicate')));
  }

  override updateOutput(input: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const [t, h, w] = this.sources(x);
    return (this.output = x.indexSelect(-3, t!).indexSelect(-2, h!).indexSelect(-1, w!));
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = asTensor(input, this.typename);
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    const [t, h, w] = this.sources(x);
    const lead = x.size().slice(0, -3);
    if (gy.dim() !== x.dim() || gy.size(-3) !== t!.numel() || gy.size(-2) !== h!.numel() || gy.size(-1) !== w!.numel())
      throw new TorchSizeError(`${this.typename}: gradOutput of size [${gy.size().join(', ')}] does not match the padded input`);
    // Each padded position's gradient goes back to the position it repeats, one dim at a time.
    const alongW = gy.new().resize_([...lead, t!.numel(), h!.numel(), x.size(-1)]).zero_().indexAdd_(-1, w!, gy);
    const alongH = gy.new().resize_([...lead, t!.numel(), x.size(-2), x.size(-1)]).zero_().indexAdd_(-2, h!, alongW);
    return (this.gradInput = reuse(this.gradInput, x).zero_().indexAdd_(-3, t!, alongH));
  }

  override toString(): string {
    return `${this.typename}(left=${this.pleft}, right=${this.pright}, top=${this.ptop}, bottom=${this.pbottom}, front=${this.pfront}, back=${this.pback})`;
  }
}
