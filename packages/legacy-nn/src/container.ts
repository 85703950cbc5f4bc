/**
 * Torch7's `nn.Container`: a module made of modules. Parameters, modes, type conversion and traversal go
 * to every child; subclasses say how data flows through them.
 */
import { TorchIndexError, TorchTypeError, type Tensor } from '@torch/core';
import { Module } from './module';

/**
 * The base of the legacy containers (Sequential, Concat, Parallel, ConcatTable, ...).
 * @example
 * const net = new torch.legacy.nn.Sequential().add(new nn.Linear(4, 3)).add(new nn.Tanh());
 * net.get(0);        // the Linear (0-based)
 * net.size();        // 2
 */
export class Container extends Module {
  /** The children, in order. */
  modules: Module[] = [];

  /** Appends a module. @example seq.add(new nn.ReLU()) */
  add(module: Module): this {
    if (!(module instanceof Module)) throw new TorchTypeError(`${this.typename}.add: expected a legacy nn module, got ${typeof module}`);
    this.modules.push(module);
    return this;
  }

  /** The i-th child (0-based; negative counts from the end). @example seq.get(-1) */
  get(i: number): Module {
    const j = i < 0 ? i + this.modules.length : i;
    const m = this.modules[j];
    if (!Number.isInteger(i) || !m) throw new TorchIndexError(`${this.typename}.get: index ${i} out of range for ${this.modules.length} modules`);
    return m;
  }

  /** Number of children. @example seq.size() */
  size(): number {
    return this.modules.length;
  }

  override parameters(): [Tensor[], Tensor[]] | null {
    const params: Tensor[] = [];
    const grads: Tensor[] = [];
    for (const m of this.modules) {
      const pg = m.parameters();
      if (pg) (params.push(...pg[0]), grads.push(...pg[1]));
    }
    return params.length ? [params, grads] : null;
  }

  override training(): this {
    for (const m of this.modules) m.training();
    return super.training();
  }

  override evaluate(): this {
    for (const m of this.modules) m.evaluate();
    return super.evaluate();
  }

  override apply(fn: (m: Module) => void): this {
    fn(this);
    for (const m of this.modules) m.apply(fn);
    return this;
  }

  override listModules(): Module[] {
    return [this, ...this.modules.flatMap((m) => m.listModules())];
  }

  override clearState(): this {
    for (const m of this.modules) m.clearState();
    return super.clearState();
  }

  override reset(stdv?: number): this {
    for (const m of this.modules) m.reset(stdv);
    return this;
  }

  override replace(fn: (m: Module) => Module): Module {
    const replaced = fn(this);
    if (replaced !== this) return replaced;
    this.modules = this.modules.map((m) => m.replace(fn));
    return this;
  }
}
