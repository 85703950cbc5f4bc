/**
 * Module: the base class of every layer and model. A module is a container of named children,
 * parameters and buffers; they are found from the instance's own fields, so they are typed and
 * reachable by name (`net.conv1.weight`).
 *
 * Calling: a subclass writes `forward(...)`; the Module constructor puts a wrapper of it on the
 * instance, so `model.forward(x)` runs the forward pre-hooks, forward, the forward hooks and sets up
 * the backward hooks. We chose this over a callable object (a Proxy or a function with a prototype)
 * because it keeps `class Net extends nn.Module` ordinary TypeScript: `forward`'s own signature is the
 * call's type, `instanceof` and fields work, stack traces name the class, and there is no second name
 * (`call`) to learn. `super.forward(x)` in a subclass reaches the parent's unwrapped forward.
 */
import { Tensor, TorchIndexError, TorchSizeError, TorchTypeError, zeros, type DType } from '@torch/core';
import { Variable, Function as AutogradFunction, noGrad } from '@torch/autograd';
import { Parameter } from './parameter';
import { fmtSize } from './utils/args';

/** The handle a hook registration returns. @example const h = m.registerForwardHook(fn); h.remove(); */
export interface RemovableHandle {
  /** Unregisters the hook (calling it twice is harmless). */
  remove(): void;
}

/** Runs before forward; may return replacement arguments (an array is the whole argument list). */
export type ForwardPreHook<M extends Module = Module> = (module: M, inputs: unknown[]) => unknown;
/** Runs after forward; may return a replacement output. */
export type ForwardHook<M extends Module = Module> = (module: M, inputs: unknown[], output: unknown) => unknown;
/**
 * Runs when the gradients of the module's inputs are computed, with the gradients of its Variable
 * inputs and outputs (null where none); may return replacement input gradients.
 */
export type BackwardHook<M extends Module = Module> = (
  module: M,
  gradInput: (Variable | null)[],
  gradOutput: (Variable | null)[],
) => (Variable | Tensor | null)[] | void | undefined;

/** What `loadStateDict` reports in non-strict mode. */
export interface LoadStateDictResult {
  /** Keys of the module that the state dict did not have. */
  missingKeys: string[];
  /** Keys of the state dict that the module does not have. */
  unexpectedKeys: string[];
}

/** A state dict: parameter and buffer tensors by dotted name, in registration order. */
export type StateDict = Record<string, Tensor>;

type HookMap<F> = Map<number, F>;
/** A module's fields by name, for the code that reaches them dynamically (children, parameters, buffers). @internal */
export type Slots = Record<PropertyKey, unknown>;
let nextHookId = 0;

function handle<F>(map: HookMap<F>, fn: F): RemovableHandle {
  const id = nextHookId++;
  map.set(id, fn);
  return { remove: () => void map.delete(id) };
}

function checkName(owner: string, name: unknown, what: string): asserts name is string {
  if (typeof name !== 'string') throw new TorchTypeError(`${owner}.${what}: name must be a string, got ${typeof name}`);
  if (name === '' || name.includes('.')) throw new TorchTypeError(`${owner}.${what}: name must be non-empty and contain no '.', got '${name}'`);
}

// Names used by Module itself; a child, parameter or buffer may not shadow them.
const reserved = new Set(['training', 'forward', '_fwdPre', '_fwd', '_bwd', '_bufferNames', '_nonPersistent']);

/**
 * Base class of all neural network modules. Subclass it, assign layers and Parameters as fields, and
 * write `forward`.
 * @example
 * class Net extends nn.Module {
 *   fc1 = new nn.Linear(784, 256);
 *   fc2 = new nn.Linear(256, 10);
 *   forward(x: Variable) { return this.fc2.forward(nn.functional.relu(this.fc1.forward(x))); }
 * }
 * const net = new Net();
 * net.fc1.weight;                         // typed: Parameter
 * [...net.namedParameters()].map(([n]) => n); // ['fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias']
 * const y = net.forward(x);               // runs hooks
 */
export class Module {
  /** True in training mode (dropout active, batch statistics); set by train() / eval(). */
  declare training: boolean;
  // Stored as hooks of `never` (any module type's hook fits); each is called with the module it was
  // registered on, hence the casts where they run.
  /** @internal */ declare _fwdPre: HookMap<ForwardPreHook<never>>;
  /** @internal */ declare _fwd: HookMap<ForwardHook<never>>;
  /** @internal */ declare _bwd: HookMap<BackwardHook<never>>;
  /** Names of the registered buffers. @internal */ declare _bufferNames: Set<string>;
  /** Buffers left out of the state dict. @internal */ declare _nonPersistent: Set<string>;

  constructor() {
    // Bookkeeping is non-enumerable so that the instance's enumerable fields are exactly its
    // children, parameters and buffers (and the user's other fields).
    const hidden = (key: string, value: unknown) => Object.defineProperty(this, key, { value, writable: true, enumerable: false, configurable: true });
    hidden('training', true);
    hidden('_fwdPre', new Map());
    hidden('_fwd', new Map());
    hidden('_bwd', new Map());
    hidden('_bufferNames', new Set());
    hidden('_nonPersistent', new Set());
    const impl = (this as unknown as { forward: (...a: unknown[]) => unknown }).forward;
    hidden('forward', (...args: unknown[]) =>
      this._fwdPre.size === 0 && this._fwd.size === 0 && this._bwd.size === 0 ? impl.apply(this, args) : this._callWithHooks(impl, args),
    );
  }

  /**
   * The computation; subclasses override it. Calling it on an instance runs the module's hooks.
   * @example class Double extends nn.Module { forward(x: Variable) { return x.mul(2); } }
   */
  forward(..._args: unknown[]): unknown {
    throw new TorchTypeError(`${this.constructor.name}: forward is not implemented; subclasses of nn.Module define forward(...)`);
  }

  /** Extra text shown between the parentheses when the module is printed. Override it. @example new nn.Linear(2, 3).extraRepr() */
  extraRepr(): string {
    return '';
  }

  // ------------------------------------------------------------------ registration

  /**
   * Adds a parameter (or null, which removes it) under a name; the same as assigning the field.
   * @example m.registerParameter('scale', new nn.Parameter(torch.ones(1)))
   */
  registerParameter(name: string, param: Parameter | null): void {
    checkName(this.constructor.name, name, 'registerParameter');
    if (param !== null && !(param instanceof Parameter))
      throw new TorchTypeError(`${this.constructor.name}.registerParameter: '${name}' must be a Parameter or null, got ${describe(param)}`);
    this._checkFree(name, 'registerParameter', (v) => v instanceof Parameter || v === null || v === undefined);
    (this as unknown as Slots)[name] = param;
  }

  /**
   * Adds a buffer: a tensor that is part of the module's state (saved in the state dict, converted by
   * float()/double()) but not a parameter, e.g. BatchNorm's running mean.
   * @example m.registerBuffer('runningMean', torch.zeros(16))
   */
  registerBuffer(name: string, tensor: Tensor | null, options?: { persistent?: boolean }): void {
    checkName(this.constructor.name, name, 'registerBuffer');
    if (tensor !== null && !(tensor instanceof Tensor))
      throw new TorchTypeError(`${this.constructor.name}.registerBuffer: '${name}' must be a Tensor or null, got ${describe(tensor)}`);
    if (options !== undefined) for (const k of Object.keys(options)) if (k !== 'persistent') throw new TorchTypeError(`registerBuffer: unknown option '${k}'`);
    this._checkFree(name, 'registerBuffer', (v) => this._bufferNames.has(name) || v === undefined);
    Object.defineProperty(this, name, { value: tensor, writable: true, enumerable: true, configurable: true });
    this._bufferNames.add(name);
    if (options?.persistent === false) this._nonPersistent.add(name);
    else this._nonPersistent.delete(name);
  }

  /**
   * Adds a child module (or null) under a name; the same as assigning the field.
   * @example seq.addModule('relu', new nn.ReLU())
   */
  addModule(name: string, module: Module | null): void {
    checkName(this.constructor.name, name, 'addModule');
    if (module !== null && !isModule(module))
      throw new TorchTypeError(`${this.constructor.name}.addModule: '${name}' must be a Module or null, got ${describe(module)}`);
    this._checkFree(name, 'addModule', (v) => isModule(v) || v === null || v === undefined);
    (this as unknown as Slots)[name] = module;
  }

  /** Seed-era name of addModule. @example c.registerModule('fc', new nn.Linear(2, 2)) */
  registerModule(name: string, module: Module | null): void {
    this.addModule(name, module);
  }

  /** @internal */
  _checkFree(name: string, op: string, ok: (v: unknown) => boolean): void {
    if (reserved.has(name) || (name in this && !Object.prototype.hasOwnProperty.call(this, name)))
      throw new TorchTypeError(`${this.constructor.name}.${op}: '${name}' is already an attribute of the module`);
    const cur = (this as unknown as Slots)[name];
    if (Object.prototype.hasOwnProperty.call(this, name) && !ok(cur))
      throw new TorchTypeError(`${this.constructor.name}.${op}: '${name}' is already an attribute of the module (${describe(cur)})`);
  }

  // ------------------------------------------------------------------ traversal

  /** The module's own parameters, children and buffers as `[name, value]`, in field order. @internal */
  _own(): { params: [string, Parameter][]; buffers: [string, Tensor][]; children: [string, Module][] } {
    const params: [string, Parameter][] = [], buffers: [string, Tensor][] = [], children: [string, Module][] = [];
    for (const key of Object.keys(this)) {
      const v = (this as unknown as Slots)[key];
      if (v instanceof Parameter) params.push([key, v]);
      else if (isModule(v)) children.push([key, v]);
      else if (v instanceof Tensor && this._bufferNames.has(key)) buffers.push([key, v]);
    }
    return { params, buffers, children };
  }

  /**
   * `[name, child]` for the direct children.
   * @example for (const [name, child] of net.namedChildren()) console.log(name, String(child));
   */
  *namedChildren(): Generator<[string, Module]> {
    const seen = new Set<Module>();
    for (const [k, m] of this._own().children) {
      if (seen.has(m)) continue;
      seen.add(m);
      yield [k, m];
    }
  }

  /** The direct children. @example [...net.children()].length */
  *children(): Generator<Module> {
    for (const [, m] of this.namedChildren()) yield m;
  }

  /**
   * This module and every descendant, depth first, each once, with dotted names ('' for this one).
   * @example [...net.namedModules()].map(([n]) => n) // ['', 'fc1', 'fc2']
   */
  *namedModules(prefix = '', memo: Set<Module> = new Set()): Generator<[string, Module]> {
    if (memo.has(this)) return;
    memo.add(this);
    yield [prefix, this];
    for (const [k, m] of this._own().children) yield* m.namedModules(prefix ? `${prefix}.${k}` : k, memo);
  }

  /** This module and every descendant. @example for (const m of net.modules()) if (m instanceof nn.Linear) ... */
  *modules(): Generator<Module> {
    for (const [, m] of this.namedModules()) yield m;
  }

  /**
   * Every parameter (of descendants too, unless recurse is false) with its dotted name, each once.
   * @example new Map(net.namedParameters()).get('fc1.weight')
   */
  *namedParameters(prefix = '', recurse = true): Generator<[string, Parameter]> {
    const seen = new Set<Parameter>();
    const mods: Iterable<[string, Module]> = recurse ? this.namedModules(prefix) : [[prefix, this]];
    for (const [mp, m] of mods)
      for (const [k, p] of m._own().params) {
        if (seen.has(p)) continue;
        seen.add(p);
        yield [mp ? `${mp}.${k}` : k, p];
      }
  }

  /** Every parameter, each once (what an optimizer takes). @example new optim.SGD(net.parameters(), { lr: 0.1 }) */
  *parameters(recurse = true): Generator<Parameter> {
    for (const [, p] of this.namedParameters('', recurse)) yield p;
  }

  /** Every buffer with its dotted name. @example [...bn.namedBuffers()].map(([n]) => n) */
  *namedBuffers(prefix = '', recurse = true): Generator<[string, Tensor]> {
    const seen = new Set<Tensor>();
    const mods: Iterable<[string, Module]> = recurse ? this.namedModules(prefix) : [[prefix, this]];
    for (const [mp, m] of mods)
      for (const [k, b] of m._own().buffers) {
        if (seen.has(b)) continue;
        seen.add(b);
        yield [mp ? `${mp}.${k}` : k, b];
      }
  }

  /** Every buffer. @example [...net.buffers()].length */
  *buffers(recurse = true): Generator<Tensor> {
    for (const [, b] of this.namedBuffers('', recurse)) yield b;
  }

  /**
   * Calls fn on every descendant and then on this module; returns this.
   * @example net.apply((m) => { if (m instanceof nn.Linear) nn.init.zeros_(m.bias!); })
   */
  apply(fn: (module: Module) => void): this {
    if (typeof fn !== 'function') throw new TorchTypeError(`${this.constructor.name}.apply: expected a function, got ${typeof fn}`);
    for (const m of this.children()) m.apply(fn);
    fn(this);
    return this;
  }

  // ------------------------------------------------------------------ modes and gradients

  /** Sets training mode on this module and its descendants. @example net.train() */
  train(mode = true): this {
    if (typeof mode !== 'boolean') throw new TorchTypeError(`${this.constructor.name}.train: mode must be a boolean, got ${typeof mode}`);
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  /** Evaluation mode (train(false)). @example net.eval() */
  eval(): this {
    return this.train(false);
  }

  /** Sets requiresGrad on every parameter. @example backbone.requiresGrad_(false) // freeze */
  requiresGrad_(requiresGrad = true): this {
    for (const p of this.parameters()) p.requiresGrad = requiresGrad;
    return this;
  }

  /**
   * Zeroes the gradients of every parameter (in place, as PyTorch 1.13), or drops them with setToNone.
   * @example net.zeroGrad(); loss.backward();
   */
  zeroGrad(setToNone = false): void {
    for (const p of this.parameters()) {
      const g = p.grad;
      if (g === null) continue;
      if (setToNone) p.grad = null;
      else if (p._gradOwned && g.gradFn === null) g.data.zero_();
      else p.grad = new Variable(zeros(g.data.shape as number[], { dtype: g.data.dtype }));
    }
  }

  // ------------------------------------------------------------------ conversion

  /**
   * Replaces every parameter's and buffer's tensor (and gradient) by fn(tensor), keeping the
   * Parameter objects (optimizers hold them). @internal
   */
  _applyTensors(fn: (t: Tensor) => Tensor): this {
    noGrad(() => {
      for (const m of this.modules()) {
        for (const [, p] of m._own().params) {
          p.data = fn(p.data);
          if (p.grad !== null) p.grad.data = fn(p.grad.data);
        }
        for (const [k, b] of m._own().buffers) (m as unknown as Slots)[k] = fn(b);
      }
    });
    return this;
  }

  /** Casts floating point parameters and buffers to float32. @example net.float() */
  float(): this {
    return this.type('float32');
  }
  /** Casts floating point parameters and buffers to float64. @example net.double() */
  double(): this {
    return this.type('float64');
  }
  /** Casts floating point parameters and buffers to float16. @example net.half() */
  half(): this {
    return this.type('float16');
  }

  /**
   * Casts floating point parameters and buffers to a floating dtype (a DType or its name).
   * @example net.type(torch.float64)
   */
  type(dtype: DType | string): this {
    const name = typeof dtype === 'string' ? dtype : dtype?.name;
    const convert: Record<string, (t: Tensor) => Tensor> = { float32: (t) => t.float(), float64: (t) => t.double(), float16: (t) => t.half() };
    const f = name === undefined ? undefined : convert[name];
    if (f === undefined) throw new TorchTypeError(`${this.constructor.name}.type: expected a floating point dtype (float32, float64, float16), got ${String(name ?? dtype)}`);
    return this._applyTensors((t) => (t.dtype.isFloatingPoint && t.dtype.name !== name ? f(t) : t));
  }

  /** Moves parameters and buffers to the CPU (a no-op for CPU tensors). @example net.cpu() */
  cpu(): this {
    return this._applyTensors((t) => {
      const f = (t as unknown as { cpu?: () => Tensor }).cpu;
      return t.isCuda && typeof f === 'function' ? f.call(t) : t;
    });
  }

  /**
   * Moves parameters and buffers to a CUDA device; needs the CUDA backend (@torch/cuda).
   * @example net.cuda()
   */
  cuda(device?: number): this {
    return this._applyTensors((t) => {
      const f = (t as unknown as { cuda?: (d?: number) => Tensor }).cuda;
      if (typeof f !== 'function') throw new TorchTypeError(`${this.constructor.name}.cuda: the CUDA backend is not available (import @torch/cuda on a machine with a GPU)`);
      return f.call(t, device);
    });
  }

  /**
   * Moves parameters and buffers into shared memory, so that worker threads or processes see the
   * same weights (Hogwild training). Needs Tensor.shareMemory_ (from @torch/multiprocessing).
   * @example net.shareMemory()
   */
  shareMemory(): this {
    return this._applyTensors((t) => {
      const f = (t as unknown as { shareMemory_?: () => Tensor }).shareMemory_;
      if (typeof f !== 'function') throw new TorchTypeError(`${this.constructor.name}.shareMemory: Tensor.shareMemory_ is not available (import @torch/multiprocessing)`);
      f.call(t);
      return t;
    });
  }

  // ------------------------------------------------------------------ state dict

  /**
   * Every parameter and persistent buffer by dotted name (tensors sharing the module's memory).
   * @example const sd = net.stateDict(); Object.keys(sd) // ['fc1.weight', 'fc1.bias', ...]
   */
  stateDict(prefix = ''): StateDict {
    const out: StateDict = {};
    for (const [mp, m] of this.namedModules(prefix)) {
      const own = m._own();
      const dot = mp ? `${mp}.` : '';
      for (const [k, p] of own.params) out[dot + k] = p.data;
      for (const [k, b] of own.buffers) if (!m._nonPersistent.has(k)) out[dot + k] = b;
    }
    return out;
  }

  /**
   * Copies tensors from a state dict into the parameters and buffers (in place, so optimizers keep
   * working). Strict mode (the default) throws on missing or unexpected keys; a size mismatch always
   * throws, naming the key and both sizes.
   * @example
   * net2.loadStateDict(net.stateDict());
   * const { missingKeys, unexpectedKeys } = net2.loadStateDict(partial, { strict: false });
   */
  loadStateDict(dict: Record<string, Tensor | Variable> | ReadonlyMap<string, Tensor | Variable>, options?: { strict?: boolean }): LoadStateDictResult {
    const name = this.constructor.name;
    // PyTorch's checkpoints hold OrderedDicts, which torch.load gives as Maps.
    const stateDict = dict instanceof Map ? (Object.fromEntries(dict) as Record<string, Tensor | Variable>) : (dict as Record<string, Tensor | Variable>);
    if (stateDict === null || typeof stateDict !== 'object') throw new TorchTypeError(`${name}.loadStateDict: expected an object of tensors, got ${describe(stateDict)}`);
    if (options !== undefined) for (const k of Object.keys(options)) if (k !== 'strict') throw new TorchTypeError(`${name}.loadStateDict: unknown option '${k}'`);
    const strict = options?.strict ?? true;
    const targets = new Map<string, { get: () => Tensor; set: (t: Tensor) => void }>();
    for (const [mp, m] of this.namedModules()) {
      const own = m._own();
      const dot = mp ? `${mp}.` : '';
      for (const [k, p] of own.params) targets.set(dot + k, { get: () => p.data, set: (t) => void p.data.copy_(t) });
      for (const [k] of own.buffers)
        if (!m._nonPersistent.has(k)) targets.set(dot + k, { get: () => (m as unknown as Slots)[k] as Tensor, set: (t) => void ((m as unknown as Slots)[k] as Tensor).copy_(t) });
    }
    const missingKeys = [...targets.keys()].filter((k) => !(k in stateDict));
    const unexpectedKeys = Object.keys(stateDict).filter((k) => !targets.has(k));
    const mismatches: string[] = [];
    for (const [k, target] of targets) {
      if (!(k in stateDict)) continue;
      const raw = stateDict[k];
      const src = raw instanceof Variable ? raw.data : raw;
      if (!(src instanceof Tensor)) {
        mismatches.push(`value for ${k} is not a Tensor (${describe(raw)})`);
        continue;
      }
      const cur = target.get();
      if (!sameSizes(cur.shape, src.shape))
        mismatches.push(`size mismatch for ${k}: copying a param with shape ${fmtSize(src.shape)} from checkpoint, the shape in current model is ${fmtSize(cur.shape)}`);
    }
    const problems = [...mismatches];
    if (strict) {
      if (unexpectedKeys.length) problems.unshift(`Unexpected key(s) in state_dict: ${unexpectedKeys.map((k) => `"${k}"`).join(', ')}`);
      if (missingKeys.length) problems.unshift(`Missing key(s) in state_dict: ${missingKeys.map((k) => `"${k}"`).join(', ')}`);
    }
    if (problems.length) {
      const msg = `${name}.loadStateDict: Error(s) in loading state_dict for ${name}:\n\t${problems.join('\n\t')}`;
      throw mismatches.length ? new TorchSizeError(msg) : new TorchIndexError(msg);
    }
    noGrad(() => {
      for (const [k, target] of targets) {
        const raw = stateDict[k];
        if (raw !== undefined) target.set(raw instanceof Variable ? raw.data : raw);
      }
    });
    return { missingKeys, unexpectedKeys };
  }

  // ------------------------------------------------------------------ hooks

  /**
   * Registers fn(module, inputs) to run before forward; it may return replacement inputs (an array
   * replaces the whole argument list, anything else the single argument).
   * @example const h = m.registerForwardPreHook((mod, [x]) => [x.mul(2)]); h.remove();
   */
  registerForwardPreHook(fn: ForwardPreHook<this>): RemovableHandle {
    if (typeof fn !== 'function') throw new TorchTypeError(`${this.constructor.name}.registerForwardPreHook: expected a function`);
    return handle(this._fwdPre, fn);
  }

  /**
   * Registers fn(module, inputs, output) to run after forward; it may return a replacement output.
   * @example m.registerForwardHook((mod, inputs, out) => { activations.push(out); })
   */
  registerForwardHook(fn: ForwardHook<this>): RemovableHandle {
    if (typeof fn !== 'function') throw new TorchTypeError(`${this.constructor.name}.registerForwardHook: expected a function`);
    return handle(this._fwd, fn);
  }

  /**
   * Registers fn(module, gradInput, gradOutput), called during backward once the gradients of the
   * module's Variable inputs are known (PyTorch's full backward hook); it may return replacement
   * input gradients.
   * @example m.registerBackwardHook((mod, gIn, gOut) => gIn.map((g) => g && g.clamp(-1, 1)))
   */
  registerBackwardHook(fn: BackwardHook<this>): RemovableHandle {
    if (typeof fn !== 'function') throw new TorchTypeError(`${this.constructor.name}.registerBackwardHook: expected a function`);
    return handle(this._bwd, fn);
  }

  /** @internal */
  _callWithHooks(impl: (...a: unknown[]) => unknown, args: unknown[]): unknown {
    for (const hook of [...this._fwdPre.values()] as ForwardPreHook[]) {
      const r = hook(this, args);
      if (r !== undefined) args = Array.isArray(r) ? r : [r];
    }
    const hooks = [...this._bwd.values()] as BackwardHook[];
    const state: BackwardHookState = { module: this, hooks, gradOutputs: null, inputsHooked: false };
    if (hooks.length) args = hookInputs(args, state);
    let out = impl.apply(this, args);
    for (const hook of [...this._fwd.values()] as ForwardHook[]) {
      const r = hook(this, args, out);
      if (r !== undefined) out = r;
    }
    if (hooks.length) out = hookOutputs(out, state);
    return out;
  }

  // ------------------------------------------------------------------ printing

  /**
   * The module tree as PyTorch prints it.
   * @example String(new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU()))
   * // Sequential(
   * //   (0): Linear(inFeatures=2, outFeatures=3, bias=true)
   * //   (1): ReLU()
   * // )
   */
  toString(): string {
    const extra = this.extraRepr();
    const extraLines = extra ? extra.split('\n') : [];
    const childLines = this._own().children.map(([k, m]) => `(${k}): ${String(m).split('\n').join('\n  ')}`);
    const lines = [...extraLines, ...childLines];
    let s = `${this.constructor.name}(`;
    if (lines.length) s += extraLines.length === 1 && childLines.length === 0 ? extra : `\n  ${lines.join('\n  ')}\n`;
    return `${s})`;
  }

  /** @internal */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

// Outside the class body, so that the bundle keeps the class's name (docs/packaging.md).
function isModule(x: unknown): x is Module {
  return x instanceof Module;
}

interface BackwardHookState {
  module: Module;
  hooks: BackwardHook[];
  gradOutputs: (Variable | null)[] | null;
  inputsHooked: boolean;
}

function runBackwardHooks(state: BackwardHookState, gradInput: (Variable | null)[]): (Variable | null)[] {
  let g = gradInput;
  for (const hook of state.hooks) {
    const r = hook(state.module, g, state.gradOutputs ?? []);
    if (r !== undefined) {
      if (!Array.isArray(r) || r.length !== g.length)
        throw new TorchTypeError(`${state.module.constructor.name}: a backward hook returned ${Array.isArray(r) ? r.length : typeof r} gradients, expected an array of ${g.length}`);
      g = r.map((x) => (x === null || x === undefined ? null : x instanceof Variable ? x : new Variable(x)));
    }
  }
  state.gradOutputs = null;
  return g;
}

/** Identity on the module's Variable inputs; its backward sees the inputs' gradients and runs the hooks. */
class BackwardHookFunction extends AutogradFunction {
  constructor(private readonly state?: BackwardHookState, private readonly isOutput = false) {
    super();
  }
  override forward(...ts: Tensor[]): Tensor[] {
    return ts;
  }
  override backward(...grads: Variable[]): (Variable | null)[] {
    const state = this.state!;
    if (this.isOutput) {
      state.gradOutputs = grads;
      // No input needs a gradient: the hooks run now, with none for the inputs (as PyTorch).
      if (!state.inputsHooked) runBackwardHooks(state, []);
      return grads;
    }
    return runBackwardHooks(state, grads);
  }
}

function makeHookFn(state: BackwardHookState, isOutput: boolean): BackwardHookFunction {
  return new BackwardHookFunction(state, isOutput);
}

function hookInputs(args: unknown[], state: BackwardHookState): unknown[] {
  const idx = args.flatMap((a, i) => (a instanceof Variable && a.requiresGrad ? [i] : []));
  if (idx.length === 0) return args;
  state.inputsHooked = true;
  const wrapped = makeHookFn(state, false).apply(...idx.map((i) => args[i] as Variable)) as Variable[];
  const out = [...args];
  idx.forEach((i, k) => (out[i] = wrapped[k]));
  return out;
}

function hookOutputs(out: unknown, state: BackwardHookState): unknown {
  const list = out instanceof Variable ? [out] : Array.isArray(out) ? out : [];
  const idx = list.flatMap((a, i) => (a instanceof Variable && a.requiresGrad ? [i] : []));
  if (idx.length === 0) return out;
  const wrapped = makeHookFn(state, true).apply(...idx.map((i) => list[i])) as Variable[];
  if (out instanceof Variable) return wrapped[0];
  const res = [...list];
  idx.forEach((i, k) => (res[i] = wrapped[k]));
  return res;
}

function sameSizes(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'object';
  return typeof v;
}
