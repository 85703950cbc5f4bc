/**
 * The backward engine: walks the graph from the outputs in dependency order (a node runs once every
 * gradient for it has arrived), summing gradients that meet, running hooks, and freeing saved values
 * unless told to keep them.
 */
import { collectAfterBackward, ones, reuseBuffers, Tensor, TorchSizeError, TorchTypeError } from '@torch/core';
import { FunctionNode } from './function';
import { gradState } from './grad-mode';
import { GradOwnership } from './grad-ownership';
import { AccumulateGrad, type Grad, type Node } from './node';
import { Variable } from './variable';

/** Options of `backward`. */
export interface BackwardOptions {
  /** Keep the graph's saved values so backward can run through it again. Default: createGraph. */
  retainGraph?: boolean;
  /** The 0.1-era name of retainGraph. */
  retainVariables?: boolean;
  /** Record the backward computation, so the gradients can be differentiated again. Default false. */
  createGraph?: boolean;
}

/** Options of `grad`. */
export interface GradOptions extends BackwardOptions {
  /** Return null for inputs the outputs do not depend on, instead of throwing. Default false. */
  allowUnused?: boolean;
}

const fmt = (s: readonly number[]) => `[${s.join(', ')}]`;
type GradInput = Variable | Tensor | null | undefined;

function asArray<T>(x: T | readonly T[] | undefined): T[] {
  return x === undefined ? [] : Array.isArray(x) ? [...(x as T[])] : [x as T];
}

function rootGrads(op: string, outputs: Variable[], grads: GradInput[], createGraph: boolean): Variable[] {
  if (grads.length !== 0 && grads.length !== outputs.length)
    throw new TorchSizeError(`${op}: got ${grads.length} gradients for ${outputs.length} outputs`);
  return outputs.map((v, i) => {
    if (!(v instanceof Variable)) throw new TorchTypeError(`${op}: element ${i} of the outputs is not a Variable`);
    if (!v.requiresGrad) throw new TorchTypeError(`${op}: element ${i} of the outputs does not require grad and does not have a gradFn`);
    const g = grads[i];
    if (g === null || g === undefined) {
      if (v.numel() !== 1)
        throw new TorchTypeError(`${op}: grad can be implicitly created only for outputs with one element; element ${i} has size ${fmt(v.data.shape)}, so pass a gradient`);
      return new Variable(ones(v.data.shape, { dtype: v.data.dtype, device: v.data.device }));
    }
    const gv = g instanceof Variable ? g : g instanceof Tensor ? new Variable(g) : null;
    if (gv === null) throw new TorchTypeError(`${op}: gradient ${i} must be a Variable, a Tensor or null`);
    if (!sameShape(gv.data.shape, v.data.shape))
      throw new TorchSizeError(`${op}: gradient ${i} has size ${fmt(gv.data.shape)} but the output has size ${fmt(v.data.shape)}`);
    return createGraph || gv.data.dtype === v.data.dtype ? gv : new Variable(gv.data.to(v.data.dtype));
  });
}

/**
 * Computes gradients of `variables` (with respect to every leaf that requires grad) and adds them into
 * the leaves' `.grad`.
 * @example torch.autograd.backward([loss1, loss2], [null, null])
 */
export function backward(variables: Variable | readonly Variable[], grads?: GradInput | readonly GradInput[], options?: BackwardOptions): void {
  const outs = asArray(variables);
  const createGraph = !!options?.createGraph;
  const retain = options?.retainGraph ?? options?.retainVariables ?? createGraph;
  const g = rootGrads('backward', outs, asArray(grads as GradInput | GradInput[]), createGraph);
  run(outs, g, retain, createGraph, null, false);
  if (!retain) collectAfterBackward();
}

/**
 * Gradients of `outputs` with respect to `inputs`, returned rather than accumulated into `.grad`.
 * With `createGraph` the results are themselves differentiable (gradient penalties, Hessian-vector products).
 * @example
 * const y = x.mul(x).mul(x);                                   // x: 3 elements, requiresGrad
 * const [gx] = torch.autograd.grad(y, x, torch.ones(3), { createGraph: true }); // 3x^2
 * const [ggx] = torch.autograd.grad(gx!, x, torch.ones(3));                     // 6x
 */
export function grad(
  outputs: Variable | readonly Variable[],
  inputs: Variable | readonly Variable[],
  gradOutputs?: GradInput | readonly GradInput[] | null,
  options?: GradOptions,
): (Variable | null)[] {
  const outs = asArray(outputs);
  const ins = asArray(inputs);
  const createGraph = !!options?.createGraph;
  const retain = options?.retainGraph ?? options?.retainVariables ?? createGraph;
  ins.forEach((v, i) => {
    if (!(v instanceof Variable)) throw new TorchTypeError(`grad: element ${i} of the inputs is not a Variable`);
    if (!v.requiresGrad) throw new TorchTypeError(`grad: element ${i} of the inputs does not require grad`);
  });
  const g = rootGrads('grad', outs, gradOutputs === null || gradOutputs === undefined ? [] : asArray(gradOutputs as GradInput | GradInput[]), createGraph);
  const res = run(outs, g, retain, createGraph, ins, !!options?.allowUnused);
  return res!;
}

/** Max-heap of nodes by creation order: later nodes run first, as PyTorch's engine. */
class ReadyQueue {
  private heap: Node[] = [];
  get size(): number {
    return this.heap.length;
  }
  push(n: Node): void {
    const h = this.heap;
    let i = h.push(n) - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p]!._seq >= n._seq) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = n;
  }
  pop(): Node {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        let mv = last._seq;
        if (l < h.length && h[l]!._seq > mv) (m = l), (mv = h[l]!._seq);
        if (r < h.length && h[r]!._seq > mv) m = r;
        if (m === i) break;
        h[i] = h[m]!;
        i = m;
      }
      h[i] = last;
    }
    return top;
  }
}

function run(outputs: Variable[], grads: Variable[], retain: boolean, createGraph: boolean, inputs: Variable[] | null, allowUnused: boolean): (Variable | null)[] | null {
  const roots: Node[] = outputs.map((v) => v.gradFn ?? v._gradAccumulator());
  // Where to capture gradients for autograd.grad: the input's node and output number.
  let captures: Map<Node, [nr: number, index: number][]> | null = null;
  if (inputs) {
    captures = new Map();
    inputs.forEach((v, i) => {
      const n = v.gradFn ?? v._gradAccumulator();
      const nr = v.gradFn ? v._outputNr : 0;
      const list = captures!.get(n);
      if (list) list.push([nr, i]);
      else captures!.set(n, [[nr, i]]);
    });
  }

  // Reachable nodes (iteratively: recurrent graphs are deep).
  const order: Node[] = [];
  const seen = new Set<Node>();
  for (const r of roots) if (!seen.has(r)) (seen.add(r), order.push(r));
  for (let k = 0; k < order.length; k++) {
    for (const c of order[k]!._next) if (c !== null && !seen.has(c)) (seen.add(c), order.push(c));
  }
  // For grad(): a node runs only when a captured node lies below it.
  let needed: Set<Node> | null = null;
  if (captures) {
    needed = new Set();
    // Reverse BFS order visits children before parents except across shared subgraphs, so iterate to a fixpoint.
    let changed = true;
    while (changed) {
      changed = false;
      for (let k = order.length - 1; k >= 0; k--) {
        const n = order[k]!;
        if (needed.has(n)) continue;
        if (captures.has(n) || n._next.some((c) => c !== null && needed!.has(c))) {
          needed.add(n);
          changed = true;
        }
      }
    }
  }
  const counted = (n: Node) => needed === null || needed.has(n);
  const deps = new Map<Node, number>();
  for (const n of order) {
    if (!counted(n)) continue;
    for (const c of n._next) if (c !== null && counted(c)) deps.set(c, (deps.get(c) ?? 0) + 1);
  }

  // Under createGraph gradients carry their own graphs and are never moved into a .grad.
  const ownership = createGraph ? null : new GradOwnership();
  const buffers = new Map<Node, Grad[]>();
  const addTo = (n: Node, nr: number, g: Variable) => {
    let buf = buffers.get(n);
    if (buf === undefined) {
      buf = new Array(n._numOutputs).fill(null);
      buffers.set(n, buf);
    }
    const prev = buf[nr];
    if (prev) ownership?.wait(prev, -1);
    buf[nr] = prev ? prev.add(g) : g;
    ownership?.wait(buf[nr]!, 1);
  };
  outputs.forEach((v, i) => addTo(roots[i]!, v.gradFn ? v._outputNr : 0, grads[i]!));

  const results: (Variable | null)[] | null = inputs ? new Array(inputs.length).fill(null) : null;
  const queue = new ReadyQueue();
  for (const r of new Set(roots)) if (counted(r) && !deps.get(r)) queue.push(r);

  const prevMode = gradState.enabled;
  gradState.enabled = createGraph;
  // Large allocations of a pass that proves gradients dead take back the buffers of earlier passes' dead ones.
  const drain = () => {
    while (queue.size > 0) {
      const n = queue.pop();
      let gs = buffers.get(n) ?? new Array<Grad>(n._numOutputs).fill(null);
      buffers.delete(n);
      if (ownership) for (const g of gs) if (g) ownership.wait(g, -1);
      // What hooks, custom Functions and autograd.grad's caller see stays theirs.
      const userSees = n._varHooks !== null || n._preHooks !== null || n._hooks !== null || (n instanceof FunctionNode && !n.fn._keepsNoGrads);
      if (userSees) ownership?.share(gs);
      if (n._varHooks !== null) runVarHooks(n, gs);
      const cap = captures?.get(n);
      if (cap) {
        for (const [nr, idx] of cap) results![idx] = gs[nr] ?? null;
        ownership?.share(gs);
      }
      // In grad(), leaves are not accumulated into and nodes with nothing captured below are skipped.
      if (needed !== null && (n instanceof AccumulateGrad || !n._next.some((c) => c !== null && needed!.has(c)))) continue;
      if (n._preHooks) for (const h of n._preHooks.slice()) gs = (h(gs) as Grad[] | undefined) ?? gs;
      let outs: Grad[];
      if (gs.every((g) => g === null)) outs = new Array(n._next.length).fill(null);
      else if (n instanceof AccumulateGrad) outs = n._apply(gs, ownership);
      else if (ownership && n instanceof FunctionNode && n.fn._keepsNoGrads) {
        n.fn._gradOverwritable = ownership.overwritable(gs);
        try {
          outs = n._apply(gs);
        } finally {
          n.fn._gradOverwritable = [];
        }
      } else outs = n._apply(gs);
      if (n._hooks) for (const h of n._hooks.slice()) outs = (h(outs, gs) as Grad[] | undefined) ?? outs;
      if (userSees) {
        ownership?.share(gs);
        ownership?.share(outs);
      }
      if (!retain) n._release();
      const next = n._next;
      for (let i = 0; i < next.length; i++) {
        const c = next[i];
        if (c === null || c === undefined || !counted(c)) continue;
        let g = outs[i];
        if (g) {
          g = validate(n, i, g);
          addTo(c, n._nextNr[i]!, g);
        }
        const d = deps.get(c)! - 1;
        deps.set(c, d);
        if (d === 0) queue.push(c);
      }
      ownership?.releaseConsumed(gs, outs);
    }
  };
  try {
    if (ownership) reuseBuffers(drain);
    else drain();
  } finally {
    gradState.enabled = prevMode;
  }

  if (results && !allowUnused) {
    results.forEach((r, i) => {
      if (r === null)
        throw new TorchTypeError(`grad: input ${i} was not used in the graph of the outputs (or got no gradient); pass { allowUnused: true } to get null for it`);
    });
  }
  return results;
}

function runVarHooks(n: Node, gs: Grad[]): void {
  const hooks = n._varHooks!;
  for (let nr = 0; nr < hooks.length; nr++) {
    const list = hooks[nr];
    if (!list || gs[nr] === null || gs[nr] === undefined) continue;
    for (const h of list.slice()) {
      const r: unknown = h(gs[nr]!);
      if (r === undefined || r === null) continue;
      const v = r instanceof Variable ? r : r instanceof Tensor ? new Variable(r) : null;
      if (v === null) throw new TorchTypeError(`hook: a gradient hook must return a Variable, a Tensor or nothing, got ${typeof r}`);
      if (!sameShape(v.data.shape, gs[nr]!.data.shape))
        throw new TorchSizeError(`hook: a hook on ${n.name}'s output ${nr} returned a gradient of size ${fmt(v.data.shape)}, expected ${fmt(gs[nr]!.data.shape)}`);
      gs[nr] = v;
    }
  }
}

/** Checks a gradient a node produced against its input's size, and casts it to the input's dtype. */
function validate(n: Node, i: number, g: unknown): Variable {
  if (!(g instanceof Variable))
    throw new TorchTypeError(`${n.name}: backward returned a ${typeof g} as the gradient of input ${i}; expected a Variable or null`);
  const shape = n._inShapes[i];
  if (shape !== undefined && !sameShape(g.data.shape, shape))
    throw new TorchSizeError(`${n.name}: backward returned an invalid gradient for input ${i}: got size ${fmt(g.data.shape)}, expected ${fmt(shape)}`);
  const dtype = n._inDtypes[i];
  if (dtype !== undefined && g.data.dtype !== dtype) return g.to(dtype);
  return g;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
