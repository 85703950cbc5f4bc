// Random number generation: mt19937 generators (the state lives in a Uint32Array so it can be saved
// and restored) and the samplers that fill tensors from them.
import { TorchTypeError } from '../errors';
import { native } from '../native';
import { checkTensor, isContiguous, Tensor } from '../tensor';
import { clone, copyInto } from './copy';

/**
 * A Mersenne Twister generator, as `torch.Generator`. Same seed, same numbers, on every run and
 * every thread count.
 * @example
 * const g = new torch.Generator().manualSeed(42);
 * const a = torch.rand([3], { generator: g });
 */
export class Generator {
  /** 624 state words and the read index. */
  private state = new Uint32Array(625);
  private seed0 = 0;

  constructor(seed = 5489) {
    this.manualSeed(seed);
  }

  /** Reseeds; returns this generator. @example g.manualSeed(0) */
  manualSeed(seed: number | bigint): this {
    if (typeof seed === 'number' && (!Number.isSafeInteger(seed) || seed < 0))
      throw new TorchTypeError(`manualSeed: seed must be a non-negative integer, got ${seed}`);
    this.seed0 = Number(seed);
    native.mtSeed(this.state, seed);
    return this;
  }

  /** Seeds from a nondeterministic source and returns the seed. @example const s = g.seed() */
  seed(): number {
    const s = Math.floor(Math.random() * 2 ** 32) ^ Number(process.hrtime.bigint() & 0xffffffffn);
    this.manualSeed(s >>> 0);
    return s >>> 0;
  }

  /** The seed last set. @example g.initialSeed() */
  initialSeed(): number {
    return this.seed0;
  }

  /** A copy of the full state (625 uint32 words). @example const s = g.getState(); ...; g.setState(s) */
  getState(): Uint32Array {
    return this.state.slice();
  }

  /** Restores a state from getState. @example g.setState(saved) */
  setState(state: Uint32Array): this {
    if (!(state instanceof Uint32Array) || state.length !== 625 || state[624]! > 624)
      throw new TorchTypeError('setState: expected a Uint32Array of 625 words from getState()');
    this.state.set(state);
    return this;
  }

  /** @internal */
  fill(kind: 0 | 1, t: Tensor, a: number, b: number): void {
    const n = t.numel();
    native.fillRandom(this.state, kind, t._storage.data.subarray(t._offset, t._offset + n), t.dtype.code, n, a, b);
  }

  /** @internal next uniform double in [0, 1) */
  uniform(): number {
    return native.mtUniform(this.state);
  }
}

/** The generator used when none is passed. @example torch.defaultGenerator.manualSeed(1) */
export const defaultGenerator = new Generator();

/** Seeds the default generator (torch.manualSeed). @example torch.manualSeed(42) */
export function manualSeed(seed: number | bigint): Generator {
  return defaultGenerator.manualSeed(seed);
}

/** Seeds the default generator nondeterministically and returns the seed. @example torch.seed() */
export function seed(): number {
  return defaultGenerator.seed();
}

/** The default generator's seed. @example torch.initialSeed() */
export function initialSeed(): number {
  return defaultGenerator.initialSeed();
}

/** The default generator's state. @example const s = torch.getRngState() */
export function getRngState(): Uint32Array {
  return defaultGenerator.getState();
}

/** Restores the default generator's state. @example torch.setRngState(s) */
export function setRngState(state: Uint32Array): void {
  defaultGenerator.setState(state);
}

/** Samples into t (through a contiguous temporary when t is a strided view). */
function sampleInto<T extends Tensor>(op: string, t: T, kind: 0 | 1, a: number, b: number, g: Generator | undefined): T {
  checkTensor(op, t, 'self');
  if (!t.dtype.isFloatingPoint) throw new TorchTypeError(`${op}: expected a floating point tensor, got ${t.dtype}`);
  const gen = g ?? defaultGenerator;
  t._storage.version++;
  if (isContiguous(t)) {
    gen.fill(kind, t, a, b);
    return t;
  }
  const tmp = clone(t);
  gen.fill(kind, tmp, a, b);
  copyInto(t, tmp);
  return t;
}

/** @see Tensor.uniform_ */
export function uniformInto<T extends Tensor>(t: T, from: number, to: number, g?: Generator): T {
  if (!(from <= to)) throw new TorchTypeError(`uniform_: expects from <= to, got from=${from} to=${to}`);
  return sampleInto('uniform_', t, 0, from, to, g);
}

/** @see Tensor.normal_ */
export function normalInto<T extends Tensor>(t: T, mean: number, std: number, g?: Generator): T {
  if (!(std >= 0)) throw new TorchTypeError(`normal_: expects std >= 0, got ${std}`);
  return sampleInto('normal_', t, 1, mean, std, g);
}
