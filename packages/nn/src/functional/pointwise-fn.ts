// One autograd Function per in-place-capable activation (relu, threshold, hardtanh, leakyRelu, elu,
// rrelu): forward writes the result (into the input when in place, marking it dirty so autograd's
// version counters catch a later use of the overwritten values), backward multiplies by the
// derivative. The Function's class name gives the node its name (ReluBackward, EluBackward, ...).
import { Tensor } from '@torch/core';
import { Variable, Function as AutogradFunction, isGradEnabled } from '@torch/autograd';

/** What an activation computes in forward: the result (in `out`) and how to get its derivative. */
export interface PointwiseSpec {
  /**
   * The activation of x and its derivative as a constant tensor (gradients flow through it as through
   * a mask), or null when `derivFromResult` gives it from the saved result instead.
   */
  forward(x: Tensor): [y: Tensor, deriv: Tensor | null];
  /** The derivative from the saved result as a Variable, so that double backward sees it. */
  derivFromResult?(y: Variable, mask: Tensor): Variable | Tensor;
  /** Extra constant the derivFromResult needs (e.g. the x > 0 mask), computed before x is overwritten. */
  mask?(x: Tensor): Tensor;
  /**
   * The input gradient from the output gradient and the saved result in one kernel, for a plain
   * backward (a differentiable one, createGraph, goes through derivFromResult); written into `g` when
   * `inPlace` (the engine proved nothing else reads it).
   */
  gradFromResult?(g: Tensor, y: Tensor, inPlace: boolean): Tensor;
}

type PointwiseClass = new (spec: PointwiseSpec, inplace: boolean) => AutogradFunction;
const classes = new Map<string, PointwiseClass>();

/** The Function class named `name` (so its node is `${name}Backward`). */
function classFor(name: string): PointwiseClass {
  let C = classes.get(name);
  if (C === undefined) {
    const holder = {
      [name]: class extends AutogradFunction {
        private deriv: Tensor | null = null;
        private maskT: Tensor | null = null;
        constructor(private readonly spec: PointwiseSpec, private readonly inplace: boolean) {
          super();
          // backward keeps neither the gradient it gets nor the one it returns
          this._keepsNoGrads = true;
        }
        override forward(x: Tensor): Tensor {
          if (this.spec.mask) this.maskT = this.spec.mask(x);
          const [y, deriv] = this.spec.forward(x);
          this.deriv = deriv;
          const out = this.inplace ? x.copy_(y) : y;
          if (this.inplace) this.markDirty(x);
          if (this.deriv === null) this.saveForBackward(out);
          return out;
        }
        override backward(g: Variable): Variable {
          if (this.deriv !== null) return g.mul(this.deriv);
          const [y] = this.savedTensors;
          if (this.spec.gradFromResult && !isGradEnabled())
            return new Variable(this.spec.gradFromResult(g.data, y!.data, this._gradOverwritable[0] === true));
          return g.mul(this.spec.derivFromResult!(y!, this.maskT!));
        }
      },
    };
    C = holder[name] as unknown as PointwiseClass;
    classes.set(name, C);
  }
  return C;
}

/**
 * Runs an activation as a named autograd Function, in place when asked.
 * @example pointwise('Relu', spec, x, false)
 */
export function pointwise(name: string, spec: PointwiseSpec, x: Variable, inplace: boolean): Variable {
  const C = classFor(name);
  return new C(spec, inplace).apply(x) as Variable;
}
