import { Module, type Activity } from '../module';
import { signature } from '../signature';

/**
 * Passes its input through unchanged, tensor or table (Torch7's `nn.Identity`).
 * @example new nn.Identity().forward(x) === x   // true
 */
@signature('')
export class Identity extends Module {
  override updateOutput(input: Activity): Activity {
    return (this.output = input);
  }

  override updateGradInput(_input: Activity, gradOutput: Activity): Activity {
    return (this.gradInput = gradOutput);
  }
}
