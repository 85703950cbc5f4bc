import type { Activity } from '../module';
import { Container } from '../container';
import { signature } from '../signature';

/**
 * Feeds each module's output to the next (Torch7's `nn.Sequential`).
 * @example
 * const net = new nn.Sequential().add(new nn.Linear(10, 5)).add(new nn.Tanh()).add(new nn.Linear(5, 1));
 * net.forward(torch.randn(8, 10));
 * console.log(String(net));   // nn.Sequential { [input -> (0) -> (1) -> (2) -> output] ... }
 */
@signature('')
export class Sequential extends Container {
  override updateOutput(input: Activity): Activity {
    let x = input;
    for (const m of this.modules) x = m.updateOutput(x);
    return (this.output = x);
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Activity {
    let g = gradOutput;
    for (let i = this.modules.length - 1; i > 0; i--) g = this.modules[i]!.updateGradInput(this.modules[i - 1]!.output, g);
    return (this.gradInput = this.modules.length ? this.modules[0]!.updateGradInput(input, g) : g);
  }

  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    let g = gradOutput;
    for (let i = this.modules.length - 1; i > 0; i--) {
      const m = this.modules[i]!;
      m.accGradParameters(this.modules[i - 1]!.output, g, scale);
      g = m.gradInput;
    }
    if (this.modules.length) this.modules[0]!.accGradParameters(input, g, scale);
  }

  override backward(input: Activity, gradOutput: Activity, scale = 1): Activity {
    let g = gradOutput;
    for (let i = this.modules.length - 1; i > 0; i--) g = this.modules[i]!.backward(this.modules[i - 1]!.output, g, scale);
    return (this.gradInput = this.modules.length ? this.modules[0]!.backward(input, g, scale) : g);
  }

  override toString(): string {
    const chain = this.modules.map((_, i) => ` -> (${i})`).join('');
    const lines = this.modules.map((m, i) => `  (${i}): ${String(m).replace(/\n/g, '\n  ')}`);
    return `${this.typename} {\n  [input${chain} -> output]\n${lines.join('\n')}\n}`;
  }
}
