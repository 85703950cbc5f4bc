/**
 * Nodes of the backward graph: `variable.gradFn` is one. Each node turns the gradients of its outputs
 * into gradients of its inputs, and `nextFunctions` says where those go.
 */
import type { DType, Tensor } from '@torch/core';
import type { GradOwnership } from './grad-ownership';
import type { Variable } from './variable';

/** A gradient flowing along an edge; null means zero (nothing flowed). */
export type Grad = Variable | null;

/** Returned by every `registerHook`: `remove()` unregisters the hook (safe to call twice). */
export interface RemovableHandle {
  remove(): void;
}

/** A hook on a variable's gradient: return a Variable to replace the gradient, or nothing to keep it. */
export type VariableHook = (grad: Variable) => Variable | Tensor | void | undefined;
/** A hook run after a node: sees the gradients it produced (for its inputs) and received (for its outputs). */
export type NodeHook = (gradInputs: Grad[], gradOutputs: Grad[]) => Grad[] | void | undefined;
/** A hook run before a node: sees the gradients it received and may replace them. */
export type NodePreHook = (gradOutputs: Grad[]) => Grad[] | void | undefined;

function handle<T>(list: T[], fn: T): RemovableHandle {
  return {
    remove() {
      const i = list.indexOf(fn);
      if (i >= 0) list.splice(i, 1);
    },
  };
}

let sequence = 0;

/**
 * One function of the backward graph. Its inputs are the forward op's inputs (reached through
 * `nextFunctions`), its outputs the forward op's outputs.
 * @example
 * const y = x.mul(2).add(1);
 * y.gradFn!.name;                      // 'AddBackward'
 * y.gradFn!.nextFunctions[0][0]!.name; // 'MulBackward'
 */
export abstract class Node {
  /** Creation order; the engine runs later nodes first, as PyTorch's. @internal */
  readonly _seq = sequence++;
  /** Where each input's gradient goes (null: that input needs none). @internal */
  _next: (Node | null)[] = [];
  /** Which output of the next node each input is. @internal */
  _nextNr: number[] = [];
  /** Sizes of the inputs at forward time, to check gradients against. @internal */
  _inShapes: (readonly number[])[] = [];
  /** Dtypes of the inputs at forward time; gradients are cast back to them. @internal */
  _inDtypes: DType[] = [];
  /** Number of forward outputs. @internal */
  _numOutputs = 1;
  /** Hooks of the variables this node produced, by output number. @internal */
  _varHooks: VariableHook[][] | null = null;
  /** @internal */
  _hooks: NodeHook[] | null = null;
  /** @internal */
  _preHooks: NodePreHook[] | null = null;
  /** Set once backward ran without retainGraph and freed what this node saved. @internal */
  _released = false;

  /** The node's type, as PyTorch names it (`MulBackward`, `AccumulateGrad`, ...). */
  abstract get name(): string;

  /** Gradients of the inputs from gradients of the outputs. @internal */
  abstract _apply(gradOutputs: Grad[]): Grad[];

  /** Drops saved tensors after a backward without retainGraph. @internal */
  _release(): void {
    this._released = true;
  }

  /**
   * `[node, outputNumber]` per input: the next functions of the backward graph (null for inputs that
   * need no gradient).
   * @example y.gradFn!.nextFunctions.map(([f]) => f?.name)
   */
  get nextFunctions(): [Node | null, number][] {
    return this._next.map((n, i) => [n, this._nextNr[i]!]);
  }

  /**
   * Registers a hook run after this node with `(gradInputs, gradOutputs)`; it may return replacement gradInputs.
   * @example const h = y.gradFn!.registerHook((gi, go) => console.log(gi, go)); h.remove();
   */
  registerHook(fn: NodeHook): RemovableHandle {
    (this._hooks ??= []).push(fn);
    return handle(this._hooks, fn);
  }

  /**
   * Registers a hook run before this node with its incoming gradients; it may return replacements.
   * @example y.gradFn!.registerPreHook((go) => go.map((g) => g && g.mul(2)))
   */
  registerPreHook(fn: NodePreHook): RemovableHandle {
    (this._preHooks ??= []).push(fn);
    return handle(this._preHooks, fn);
  }

  /** @internal */
  _addVarHook(outputNr: number, fn: VariableHook): RemovableHandle {
    this._varHooks ??= [];
    const list = (this._varHooks[outputNr] ??= []);
    list.push(fn);
    return handle(list, fn);
  }

  /** The backward graph below this node, one node per line. @example console.log(String(loss.gradFn)) */
  toString(): string {
    return formatGraph(this);
  }

  /** @internal */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return formatGraph(this);
  }
}

/**
 * The sink of a leaf variable's gradient: adds what arrives into `variable.grad`.
 * @example x.add(1).gradFn!.nextFunctions[0][0]!.name // 'AccumulateGrad'
 */
export class AccumulateGrad extends Node {
  constructor(readonly variable: Variable) {
    super();
    this._inShapes = [];
  }

  get name(): string {
    return 'AccumulateGrad';
  }

  /** @internal */
  _apply(grads: Grad[], ownership: GradOwnership | null = null): Grad[] {
    const g = grads[0];
    if (g) this.variable._accumulate(g, ownership);
    return [];
  }
}

/** A readable tree of the graph under `root`; shared nodes are printed once and referred to after. */
export function formatGraph(root: Node | null): string {
  if (!root) return 'None';
  const ids = new Map<Node, number>();
  const lines: string[] = [];
  const label = (n: Node): string => {
    let s = n.name;
    if (n instanceof AccumulateGrad) s += ` (leaf of size [${n.variable.data.shape.join(', ')}])`;
    return s;
  };
  // Iterative, so graphs thousands of nodes deep (long recurrent loops) print without a stack overflow.
  const stack: [Node | null, string, string][] = [[root, '', '']];
  while (stack.length) {
    const [n, prefix, childPrefix] = stack.pop()!;
    if (!n) {
      lines.push(`${prefix}None`);
      continue;
    }
    const seen = ids.get(n);
    if (seen !== undefined) {
      lines.push(`${prefix}${label(n)} #${seen} (see above)`);
      continue;
    }
    const id = ids.size;
    ids.set(n, id);
    lines.push(`${prefix}${label(n)} #${id}`);
    const k = n._next.length;
    for (let i = k - 1; i >= 0; i--) {
      const last = i === k - 1;
      stack.push([n._next[i]!, childPrefix + (last ? '└─ ' : '├─ '), childPrefix + (last ? '   ' : '│  ')]);
    }
  }
  return lines.join('\n');
}
