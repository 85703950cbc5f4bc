/**
 * What every Torch7 optim function shares: argument checks, the config/state tables (state defaults to
 * config, as in Torch7, so the same object carries both), and calling opfunc.
 */
import { Tensor, TorchTypeError, TorchSizeError, fmtSize, zerosLike } from '@torch/core';

/** `opfunc(x)` returns f(x) and df/dx (a tensor with x's number of elements). */
export type OpFunc = (x: Tensor) => readonly [number | { item(): number }, Tensor];

/** A Torch7 config or state table: option values, and the buffers and counters an optim function keeps. */
export type Table = Record<string, unknown>;
/** A table as the optim functions read it after setup checked its keys: their own slots, of known use. @internal */
export type Slots = Record<string, any>;

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object') return ((v as object).constructor?.name ?? 'object').replace(/^_+/, '');
  return typeof v === 'string' ? `'${v}'` : String(v);
}

/**
 * Checks the arguments of a Torch7 optim function and returns its config and state tables. Config keys
 * outside `configKeys` (and, when state is config, `stateKeys`) throw with a did-you-mean.
 * @internal
 */
export function setup(name: string, opfunc: unknown, x: unknown, config: unknown, state: unknown, configKeys: readonly string[], stateKeys: readonly string[]): [Slots, Slots] {
  if (typeof opfunc !== 'function') throw new TorchTypeError(`${name}: opfunc must be a function x => [f(x), df/dx], got ${describe(opfunc)}`);
  if (!(x instanceof Tensor)) throw new TorchTypeError(`${name}: x must be a Tensor, got ${describe(x)}`);
  if (!x.dtype.isFloatingPoint) throw new TorchTypeError(`${name}: x must be a floating point tensor, got ${x.dtype}`);
  for (const [what, t] of [['config', config], ['state', state]] as const)
    if (t !== undefined && t !== null && (typeof t !== 'object' || Array.isArray(t) || t instanceof Tensor))
      throw new TorchTypeError(`${name}: ${what} must be an object (a Torch7 table), got ${describe(t)}`);
  const c = (config ?? {}) as Slots;
  const s = (state ?? c) as Slots;
  const allowed = s === c ? [...configKeys, ...stateKeys] : configKeys;
  for (const key of Object.keys(c)) {
    if (allowed.includes(key)) continue;
    const lower = key.toLowerCase().replace(/_/g, '');
    const near = configKeys.find((k) => k.toLowerCase() === lower);
    throw new TorchTypeError(`${name}: unknown config key '${key}'${near ? `; did you mean '${near}'?` : `; valid keys are ${configKeys.map((k) => `'${k}'`).join(', ')}`}`);
  }
  return [c, s];
}

/** A numeric config value or its default; throws on anything but a number. @internal */
export function num(name: string, c: Slots, key: string, fallback: number): number {
  const v = c[key] ?? fallback;
  if (typeof v !== 'number' || Number.isNaN(v)) throw new TorchTypeError(`${name}: config.${key} must be a number, got ${describe(v)}`);
  return v;
}

/** An optional tensor config value (learningRates, weightDecays) with x's number of elements. @internal */
export function optTensor(name: string, c: Slots, key: string, x: Tensor): Tensor | undefined {
  const v = c[key];
  if (v === undefined || v === null) return undefined;
  if (!(v instanceof Tensor)) throw new TorchTypeError(`${name}: config.${key} must be a Tensor, got ${describe(v)}`);
  if (v.numel() !== x.numel()) throw new TorchSizeError(`${name}: config.${key} has ${v.numel()} elements but x has ${x.numel()}`);
  return v;
}

/** Calls opfunc(x) and checks what it returned. @internal */
export function evaluate(name: string, opfunc: OpFunc, x: Tensor): [number, Tensor] {
  const r = opfunc(x);
  if (!Array.isArray(r) || r.length < 2) throw new TorchTypeError(`${name}: opfunc must return [f(x), df/dx], got ${describe(r)}`);
  const [f, g] = r;
  const fx = typeof f === 'number' ? f : f !== null && typeof f === 'object' && typeof f.item === 'function' ? f.item() : NaN;
  if (typeof f !== 'number' && Number.isNaN(fx)) throw new TorchTypeError(`${name}: opfunc's f(x) must be a number or a one-element tensor, got ${describe(f)}`);
  if (!(g instanceof Tensor)) throw new TorchTypeError(`${name}: opfunc's df/dx must be a Tensor, got ${describe(g)}`);
  if (g.numel() !== x.numel())
    throw new TorchSizeError(`${name}: opfunc's df/dx has size ${fmtSize(g.shape)} (${g.numel()} elements) but x has size ${fmtSize(x.shape)} (${x.numel()})`);
  return [fx, g.shape.length === x.shape.length && g.shape.every((n, i) => n === x.shape[i]) ? g : g.reshape(x.shape)];
}

/** `state[key]`, created as zeros shaped like `like` on first use. @internal */
export function buffer(state: Slots, key: string, like: Tensor): Tensor {
  let t = state[key];
  if (!(t instanceof Tensor)) state[key] = t = zerosLike(like);
  return t;
}
