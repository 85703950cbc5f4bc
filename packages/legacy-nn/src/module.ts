/**
 * Torch7's module protocol, 0-based: `updateOutput` computes `output`, `updateGradInput` computes
 * `gradInput`, `accGradParameters` adds scale·∂loss/∂params into the `grad*` tensors. Modules keep their
 * `output` and `gradInput` tensors across calls and write into them, so a warmed-up network allocates
 * nothing per step.
 */
import { empty, float32, float64, Storage, Tensor, TorchTypeError, type DType } from '@torch/core';
import { flattenTensors } from './flatten';
import { moduleToT7 } from './t7/fields';

/** What flows between legacy modules: a tensor, or a table (array) of them, nested. */
export type Activity = Tensor | Activity[];

/**
 * The base of every legacy module (Torch7's `nn.Module`).
 * @example
 * const lin = new torch.legacy.nn.Linear(3, 2);
 * const y = lin.forward(torch.randn(4, 3));            // [4, 2], also lin.output
 * lin.zeroGradParameters();
 * lin.backward(torch.randn(4, 3), torch.ones(4, 2));  // fills lin.gradInput, lin.gradWeight, lin.gradBias
 * lin.updateParameters(0.1);
 */
export class Module {
  /** The last result of updateOutput, reused across calls. */
  output: Activity = empty(0);
  /** The last result of updateGradInput, reused across calls. */
  gradInput: Activity = empty(0);
  /** Training mode (dropout, batch norm); `training()` / `evaluate()` switch it. */
  train = true;
  weight?: Tensor;
  bias?: Tensor;
  gradWeight?: Tensor;
  gradBias?: Tensor;

  /** The Torch7 class name, as `torch.typename(m)`. @example new nn.Linear(2, 3).typename // 'nn.Linear' */
  get typename(): string {
    return `nn.${this.constructor.name}`;
  }

  /** Computes `output` from `input`. @example m.updateOutput(x) */
  updateOutput(input: Activity): Activity {
    return this.output = input;
  }

  /** Computes `gradInput` from `input` and `gradOutput`. @example m.updateGradInput(x, g) */
  updateGradInput(_input: Activity, gradOutput: Activity): Activity {
    return this.gradInput = gradOutput;
  }

  /** Adds scale·∂loss/∂params into the gradient tensors. @example m.accGradParameters(x, g, 1) */
  accGradParameters(_input: Activity, _gradOutput: Activity, _scale = 1): void {}

  /** updateOutput. @example const y = m.forward(x) */
  forward(input: Activity): Activity {
    return this.updateOutput(input);
  }

  /** updateGradInput then accGradParameters. @example const gx = m.backward(x, gy) */
  backward(input: Activity, gradOutput: Activity, scale = 1): Activity {
    this.updateGradInput(input, gradOutput);
    this.accGradParameters(input, gradOutput, scale);
    return this.gradInput;
  }

  /** The learnable tensors and their gradients, or null. @example const [params, grads] = m.parameters()! */
  parameters(): [Tensor[], Tensor[]] | null {
    const params: Tensor[] = [];
    const grads: Tensor[] = [];
    if (this.weight) (params.push(this.weight), grads.push(this.gradWeight!));
    if (this.bias) (params.push(this.bias), grads.push(this.gradBias!));
    return params.length ? [params, grads] : null;
  }

  /**
   * Moves every parameter into one flat tensor and every gradient into another, which the module's
   * tensors then view (sharing between parameters kept): what the legacy optim functions take.
   * @example
   * const [x, dx] = net.getParameters();
   * torch.legacy.optim.sgd((x) => [loss(x), dx], x, { learningRate: 0.1 });
   */
  getParameters(): [Tensor, Tensor] {
    const pg = this.parameters();
    if (!pg) return [empty(0), empty(0)];
    return [flattenTensors(pg[0], 'getParameters'), flattenTensors(pg[1], 'getParameters')];
  }

  /** Alias of getParameters. @example const [x, dx] = net.flattenParameters() */
  flattenParameters(): [Tensor, Tensor] {
    return this.getParameters();
  }

  /** Zeroes every gradient tensor. @example m.zeroGradParameters() */
  zeroGradParameters(): void {
    for (const g of this.parameters()?.[1] ?? []) g.zero_();
  }

  /** params -= lr·grads. @example m.updateParameters(0.01) */
  updateParameters(learningRate: number): void {
    const pg = this.parameters();
    if (!pg) return;
    pg[0].forEach((p, i) => p.add_(pg[1][i]!, { alpha: -learningRate }));
  }

  /** Training mode. @example m.training() */
  training(): this {
    this.train = true;
    return this;
  }

  /** Evaluation mode. @example m.evaluate() */
  evaluate(): this {
    this.train = false;
    return this;
  }

  /** Re-initialises the parameters (with `stdv` where the module takes one). @example m.reset() */
  reset(_stdv?: number): this {
    return this;
  }

  /** Calls fn on this module and, for containers, every module inside. @example net.apply((m) => m.evaluate()) */
  apply(fn: (m: Module) => void): this {
    fn(this);
    return this;
  }

  /** This module followed by every module inside (depth first). @example net.listModules().length */
  listModules(): Module[] {
    return [this];
  }

  /** The modules of one Torch7 class name, here or inside. @example net.findModules('nn.Linear') */
  findModules(typename: string): Module[] {
    return this.listModules().filter((m) => m.typename === typename);
  }

  /** Empties the reused buffers (output, gradInput, the `_`-named scratch tensors, ...) before saving. @example m.clearState() */
  clearState(): this {
    for (const key of [...this.stateKeys(), ...Object.keys(this).filter((k) => k.startsWith('_'))]) {
      const v = (this as unknown as Record<string, unknown>)[key];
      if (v instanceof Tensor) v.set_(new Storage(v.dtype, 0));
      else if (Array.isArray(v)) (this as unknown as Record<string, unknown>)[key] = [];
    }
    return this;
  }

  /** The buffer fields clearState empties. @internal */
  protected stateKeys(): string[] {
    return ['output', 'gradInput'];
  }

  /**
   * Converts every tensor field to another type (`'torch.DoubleTensor'` or a dtype); tensors that shared
   * storage before share it after.
   * @example net.type('torch.DoubleTensor'); net.double();
   */
  type(to: string | DType, cache = new Map<Storage, Storage>()): this {
    const dtype = typeof to === 'string' ? dtypeOfTypename(to) : to;
    const self = this as unknown as Record<string, unknown>;
    for (const key of Object.keys(self)) self[key] = convert(self[key], dtype, cache);
    return this;
  }

  /** @example m.float() */
  float(): this {
    return this.type(float32);
  }

  /** @example m.double() */
  double(): this {
    return this.type(float64);
  }

  /**
   * Makes the named fields of this module view the same tensors as `other`'s (tied weights).
   * @example const tied = lin.clone('weight', 'bias');   // or lin2.share(lin, 'weight', 'bias')
   */
  share(other: Module, ...names: string[]): this {
    const self = this as unknown as Record<string, unknown>;
    const src = other as unknown as Record<string, unknown>;
    for (const name of names) {
      const mine = self[name];
      const theirs = src[name];
      if (mine instanceof Tensor && theirs instanceof Tensor) mine.set_(theirs);
      else if (mine !== undefined) throw new TorchTypeError(`share: field '${name}' is not a tensor on both modules`);
    }
    return this;
  }

  /**
   * A deep copy; the named fields are shared with this module instead of copied.
   * @example const twin = lin.clone('weight', 'bias');   // shares weight and bias
   */
  clone(...shareNames: string[]): this {
    const copy = deepClone(this, new Map()) as this;
    return shareNames.length ? copy.share(this, ...shareNames) : copy;
  }

  /**
   * Replaces, depth first, each module for which fn returns another module.
   * @example net.replace((m) => (m instanceof nn.Dropout ? new nn.Identity() : m))
   */
  replace(fn: (m: Module) => Module): Module {
    return fn(this);
  }

  /**
   * Called by `torch.legacy.load` after a Torch7 file's fields were copied in: fills what the file may
   * lack and turns Torch7's 1-based fields (dims, offsets) 0-based. Subclasses extend it. @internal
   */
  afterT7Load(_fields: Record<string, unknown>): void {
    this.output ??= empty(0);
    this.gradInput ??= empty(0);
    this.train ??= true;
    if (this.weight && !this.gradWeight) this.gradWeight = this.weight.clone().zero_();
    if (this.bias && !this.gradBias) this.gradBias = this.bias.clone().zero_();
  }

  /** The Torch7 class name and fields `torch.legacy.save` writes. @example torch.legacy.save('net.t7', net) */
  toT7(): { typename: string; fields: Record<string, unknown> } {
    return moduleToT7(this);
  }

  /** Torch7's description, e.g. 'nn.Linear(3 -> 2)'. @example String(new nn.Linear(3, 2)) */
  toString(): string {
    return this.typename;
  }
}

function dtypeOfTypename(name: string): DType {
  const table: Record<string, DType> = { 'torch.FloatTensor': float32, 'torch.DoubleTensor': float64 };
  const dtype = table[name];
  if (!dtype) throw new TorchTypeError(`type: expected 'torch.FloatTensor' or 'torch.DoubleTensor', got '${name}'`);
  return dtype;
}

function convert(v: unknown, dtype: DType, cache: Map<Storage, Storage>): unknown {
  if (v instanceof Tensor) {
    if (!v.dtype.isFloatingPoint || v.dtype === dtype) return v;
    let storage = cache.get(v.storage());
    if (!storage) {
      storage = wholeStorage(v.storage()).to(dtype).storage();
      cache.set(v.storage(), storage);
    }
    return empty(0, { dtype }).set_(storage, v.storageOffset(), v.size(), v.stride());
  }
  if (v instanceof Module) return v.type(dtype, cache);
  if (Array.isArray(v)) return v.map((x) => convert(x, dtype, cache));
  return v;
}

/** Copies modules, arrays and tensors (sharing preserved among the copies), leaves other values as they are. */
function deepClone(v: unknown, seen: Map<unknown, unknown>): unknown {
  if (seen.has(v)) return seen.get(v);
  if (v instanceof Tensor) {
    let storage = seen.get(v.storage()) as Storage | undefined;
    if (!storage) {
      storage = wholeStorage(v.storage()).clone().storage();
      seen.set(v.storage(), storage);
    }
    const t = empty(0, { dtype: v.dtype }).set_(storage, v.storageOffset(), v.size(), v.stride());
    seen.set(v, t);
    return t;
  }
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    seen.set(v, out);
    for (const x of v) out.push(deepClone(x, seen));
    return out;
  }
  if (v instanceof Module) {
    const out = Object.create(Object.getPrototypeOf(v)) as Record<string, unknown>;
    seen.set(v, out);
    for (const [k, x] of Object.entries(v)) out[k] = deepClone(x, seen);
    return out;
  }
  return v;
}

/** A 1-D tensor over all of a storage. */
function wholeStorage(s: Storage): Tensor {
  return empty(0, { dtype: s.dtype }).set_(s);
}
