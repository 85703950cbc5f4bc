// Conformance with PyTorch 1.13: every case here compares against reference values that
// tools/gen_fixtures.py recorded from real PyTorch (packages/core/test/fixtures/*.json), plus
// hand-written checks of error classes and messages. See docs/testing.md.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';
import {
  applyView, approxTol, baseTensor, compareTensor, describeSpec, EXACT, inputTensor, isKernelGap, loadFixture, loadFixtureObject,
  onEveryBackend, operand, readValues, sameOnEveryBackend, snapshot, fixtureDevice, type Expected, type ScalarSpec, type TensorSpec, type Tol,
} from './fixtures';

type AnyFn = (...args: unknown[]) => unknown;
const method = (t: unknown, name: string): AnyFn => {
  const f = (t as Record<string, unknown>)[name];
  if (typeof f !== 'function') throw new Error(`no method ${name}`);
  return (f as AnyFn).bind(t);
};
const fn = (name: string): AnyFn => (torch as unknown as Record<string, AnyFn>)[name]!;

/** Error classes the library throws for user errors (native kernels report as RangeError/TypeError). */
function isTorchError(e: unknown): boolean {
  return e instanceof torch.TorchTypeError || e instanceof torch.TorchSizeError || e instanceof torch.TorchIndexError;
}

/** PyTorch messages that are dtype rules (we must throw TorchTypeError), as opposed to value errors. */
function isDtypeRule(msg: string): boolean {
  return /can't be cast|alpha must not be|Negation|Subtraction|Integer division|negative integer powers|Found dtype|expected dtype|not implemented for/.test(msg);
}

interface Outcome {
  result?: unknown;
  error?: unknown;
}
function attempt(f: () => unknown): Outcome {
  try {
    return { result: f() };
  } catch (error) {
    return { error };
  }
}

/**
 * Checks one outcome against the reference; returns a failure line or null. `inputs` are snapshotted
 * before the call and must be unchanged when the call throws. `resultOf` picks the tensor to compare
 * (e.g. `out`), and `identity` the object the call must return (self for in-place, out for out=).
 */
function check(
  label: string,
  expected: Expected,
  run: () => unknown,
  inputs: unknown[],
  tol: Tol,
  opts: { identity?: unknown; ruleDtype?: () => string } = {},
): string | null {
  const before = inputs.map(snapshot);
  const { result, error } = attempt(run);
  sameOnEveryBackend(label, { result, error });
  const deviation = DEVIATIONS.find((d) => d.match.test(label));
  if (deviation) {
    if (!(error instanceof torch.TorchTypeError)) return `${label}: deliberate deviation (${deviation.reason}) expects a TorchTypeError, got ${describeResult(result ?? error)}`;
    return null;
  }
  if ('error' in expected && isKernelGap(expected.error) && error === undefined && opts.ruleDtype) {
    // PyTorch 1.13 has no CPU kernel for this dtype; computing it is allowed if the result has the dtype the promotion rule gives.
    const want = opts.ruleDtype();
    return result instanceof torch.Tensor && result.dtype.name === want ? null : `${label}: returned ${describeResult(result)}, the type rule gives ${want}`;
  }
  if ('error' in expected) {
    if (error === undefined) return `${label}: PyTorch rejects (${expected.error}) but we returned ${describeResult(result)}`;
    if (isDtypeRule(expected.error) && !(error instanceof torch.TorchTypeError))
      return `${label}: expected TorchTypeError (PyTorch: ${expected.error}), got ${String(error)}`;
    if (!isDtypeRule(expected.error) && !(error instanceof Error)) return `${label}: threw a non-Error ${String(error)}`;
    const after = inputs.map(snapshot);
    for (let i = 0; i < inputs.length; i++) if (after[i] !== before[i]) return `${label}: input ${i} changed by a failing call`;
    return null;
  }
  if (error !== undefined) return `${label}: threw ${String(error)}; PyTorch gives ${expected.dtype}[${expected.shape}]`;
  if (!(result instanceof torch.Tensor)) return `${label}: returned ${describeResult(result)}`;
  if (opts.identity !== undefined && result !== opts.identity) return `${label}: did not return self/out`;
  const tolHere = expected.dtype === 'float16' && expected.emulated ? { ...tol, ...approxTol('float16') } : tol;
  const diff = compareTensor(result, expected, tolHere);
  return diff ? `${label}: ${diff}` : null;
}

function describeResult(r: unknown): string {
  return r instanceof torch.Tensor ? `${r.dtype.name}[${r.size()}]` : String(r);
}

/** Runs `cases` through `one` on every backend (fixtures.ts's onEveryBackend), then asserts no failures (listing them all). */
function runAll<C>(cases: readonly C[], one: (c: C) => string | null): void {
  const failures = cases.map((c) => onEveryBackend(() => one(c))).filter((x): x is string => x !== null);
  expect(failures, `${failures.length} of ${cases.length} cases differ from PyTorch`).toEqual([]);
}

/**
 * Where we deliberately differ from PyTorch 1.13 (the case must throw a TorchTypeError instead).
 * Remove an entry to make the case compare against PyTorch again.
 */
const DEVIATIONS: { match: RegExp; reason: string }[] = [
  {
    match: /^addcmul_? .*\b(u?int\d+)\[.*value=0\.5$/,
    reason: 'a fractional value for integer addcmul is rejected like add\'s alpha; PyTorch 1.13 silently truncates it',
  },
];

/** Float ops whose result is exactly rounded (compared bit-exactly, including the sign of zero). */
const EXACT_OPS = new Set([
  'neg', 'abs', 'sign', 'reciprocal', 'sqrt', 'floor', 'ceil', 'round', 'trunc', 'frac',
  'add', 'sub', 'mul', 'div', 'fmod', 'minimum', 'maximum', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'clamp',
]);
function tolFor(op: string, expected: Expected): Tol {
  // PyTorch's own minimum/maximum give either zero for min(-0, 0) depending on the code path (vectorised or not).
  if (op === 'minimum' || op === 'maximum') return { ...EXACT, zeroSign: false };
  if ('error' in expected || EXACT_OPS.has(op)) return EXACT;
  return approxTol(expected.dtype);
}

// ---------------------------------------------------------------- elementwise: unary

interface UnaryCase {
  op: string;
  layout: string;
  self: TensorSpec;
  inplace?: boolean;
  expected: Expected;
}

function unaryLabel(c: UnaryCase): string {
  return `${c.op}${c.inplace ? '_' : ''} ${c.layout} ${describeSpec(c.self)}`;
}

function runUnary(c: UnaryCase): string | null {
  const self = inputTensor(c.self);
  return check(unaryLabel(c), c.expected, () => (c.inplace ? method(self, `${c.op}_`)() : method(self, c.op)()), [self], tolFor(c.op, c.expected), {
    identity: c.inplace ? self : undefined,
    ruleDtype: () => self.dtype.name,
  });
}

const gap = (c: { expected: Expected }) => 'error' in c.expected && isKernelGap(c.expected.error);

describe('elementwise unary ops vs PyTorch 1.13', () => {
  const cases = loadFixture<UnaryCase>('elementwise_unary.json');
  const ops = [...new Set(cases.map((c) => c.op))];
  for (const op of ops) {
    it(`${op}: every dtype, layouts, specials, in place`, () => {
      runAll(cases.filter((c) => c.op === op && !gap(c)), runUnary);
    });
    const gaps = cases.filter((c) => c.op === op && gap(c));
    if (gaps.length)
      it(`${op}: dtypes PyTorch 1.13 has no CPU kernel for: throw, or give the promoted dtype`, () => {
        runAll(gaps, runUnary);
      });
  }
});

// ---------------------------------------------------------------- elementwise: binary

interface BinaryCase {
  op: string;
  layout: string;
  self: TensorSpec;
  other: TensorSpec | ScalarSpec;
  alpha?: number;
  inplace?: boolean;
  out?: TensorSpec;
  expected: Expected;
}

function binaryLabel(c: BinaryCase): string {
  const extra = c.alpha !== undefined ? ` alpha=${c.alpha}` : c.out ? ` out=${describeSpec(c.out)}` : '';
  return `${c.op}${c.inplace ? '_' : ''} ${c.layout} ${describeSpec(c.self)}, ${describeSpec(c.other)}${extra}`;
}

function runBinary(c: BinaryCase): string | null {
  const self = inputTensor(c.self);
  const other = operand(c.other);
  const out = c.out ? inputTensor(c.out) : undefined;
  const options: { alpha?: number; out?: torch.Tensor } | undefined =
    c.alpha !== undefined || out ? { ...(c.alpha !== undefined ? { alpha: c.alpha } : {}), ...(out ? { out } : {}) } : undefined;
  const call = () => {
    if (c.inplace) return method(self, `${c.op}_`)(other, options);
    if (out) return fn(c.op)(self, other, options);
    return method(self, c.op)(other, options);
  };
  return check(binaryLabel(c), c.expected, call, [self, other, out], tolFor(c.op, c.expected), {
    identity: c.inplace ? self : out,
    ruleDtype: () => (c.inplace ? self.dtype : torch.resultType(self, other)).name,
  });
}

describe('elementwise binary ops vs PyTorch 1.13', () => {
  const cases = loadFixture<BinaryCase>('elementwise_binary.json');
  const ops = [...new Set(cases.map((c) => c.op))];
  for (const op of ops) {
    const mine = cases.filter((c) => c.op === op && !gap(c));
    it(`${op}: every dtype pair (results and rejections)`, () => {
      runAll(mine.filter((c) => c.layout === 'dtypes'), runBinary);
    });
    it(`${op}: layouts (transposed, broadcast, stride-0, 0-dim, empty, scalars)`, () => {
      runAll(mine.filter((c) => !c.inplace && !c.out && !/^(dtypes|specials|scalar nan|scalar inf|promotion|int64|alpha|uint8|int8|int zero)/.test(c.layout)), runBinary);
    });
    it(`${op}: in place (same dtype, broadcast, across dtypes)`, () => {
      runAll(mine.filter((c) => c.inplace), runBinary);
    });
    it(`${op}: NaN, ±Inf, -0, int64 beyond 2^31/2^53, wrap-around, division by zero`, () => {
      runAll(mine.filter((c) => !c.inplace && /^(specials|scalar nan|scalar inf|int64|uint8|int8|int zero)/.test(c.layout)), runBinary);
    });
    const promo = mine.filter((c) => c.layout.startsWith('promotion'));
    if (promo.length)
      it(`${op}: mixed-dtype promotion with 0-dim tensors and JS scalars`, () => {
        runAll(promo, runBinary);
      });
    const alpha = mine.filter((c) => !c.inplace && c.layout.startsWith('alpha'));
    if (alpha.length)
      it(`${op}: alpha`, () => {
        runAll(alpha, runBinary);
      });
    const outs = mine.filter((c) => c.out);
    if (outs.length)
      it(`${op}: out=`, () => {
        runAll(outs, runBinary);
      });
    const gaps = cases.filter((c) => c.op === op && gap(c));
    if (gaps.length)
      it(`${op}: dtypes PyTorch 1.13 has no CPU kernel for: throw, or give the promoted dtype`, () => {
        runAll(gaps, runBinary);
      });
  }

  it('max/min methods (two tensors) equal maximum/minimum', () => {
    const a = torch.tensor([1, NaN, -0, 3], { dtype: torch.float32 });
    const b = torch.tensor([2, 1, 0, NaN], { dtype: torch.float32 });
    expect(readValues(a.max(b)).map(String)).toEqual(['2', 'NaN', '0', 'NaN']);
    expect(readValues(a.min(b)).map(String)).toEqual(['1', 'NaN', '0', 'NaN']);
    expect(Object.is(readValues(a.min(b))[2], -0)).toBe(true);
  });
});

// ---------------------------------------------------------------- lerp, addcmul, addcdiv, clamp

interface TernaryCase {
  op: string;
  layout: string;
  self: TensorSpec;
  tensor1?: TensorSpec;
  tensor2?: TensorSpec | ScalarSpec;
  value?: number;
  min?: number | null;
  max?: number | null;
  inplace?: boolean;
  expected: Expected;
}

function ternaryLabel(c: TernaryCase): string {
  if (c.op === 'clamp') return `clamp${c.inplace ? '_' : ''} ${c.layout} ${describeSpec(c.self)} [${c.min}, ${c.max}]`;
  return `${c.op}${c.inplace ? '_' : ''} ${c.layout} ${describeSpec(c.self)}, ${describeSpec(c.tensor1)}, ${describeSpec(c.tensor2)}${c.value !== undefined ? ` value=${c.value}` : ''}`;
}

function runTernary(c: TernaryCase): string | null {
  const self = inputTensor(c.self);
  const t1 = c.tensor1 ? inputTensor(c.tensor1) : undefined;
  const t2 = c.tensor2 ? operand(c.tensor2) : undefined;
  const name = c.inplace ? `${c.op}_` : c.op;
  const call = () => {
    if (c.op === 'clamp') return method(self, name)(c.min, c.max);
    if (c.op === 'lerp') return method(self, name)(t1, t2);
    return method(self, name)(t1, t2, c.value !== undefined ? { value: c.value } : undefined);
  };
  const tol: Tol = 'error' in c.expected || c.op === 'clamp' ? EXACT : approxTol(c.expected.dtype);
  return check(ternaryLabel(c), c.expected, call, [self, t1, t2], tol, {
    identity: c.inplace ? self : undefined,
    ruleDtype: () => (c.inplace ? self.dtype : torch.resultType(...([self, t1, t2].filter((x) => x !== undefined) as torch.Tensor[]))).name,
  });
}

describe('lerp, addcmul, addcdiv, clamp vs PyTorch 1.13', () => {
  const cases = loadFixture<TernaryCase>('elementwise_ternary.json');
  for (const op of ['lerp', 'addcmul', 'addcdiv', 'clamp']) {
    it(`${op}: every dtype, mixed dtypes, layouts, specials, in place`, () => {
      runAll(cases.filter((c) => c.op === op && !gap(c)), runTernary);
    });
    const gaps = cases.filter((c) => c.op === op && gap(c));
    if (gaps.length)
      it(`${op}: dtypes PyTorch 1.13 has no CPU kernel for: throw, or give the promoted dtype`, () => {
        runAll(gaps, runTernary);
      });
  }
});

// ---------------------------------------------------------------- copy_

interface CopyCase {
  src: TensorSpec;
  dst: string;
  dst_shape?: number[];
  layout?: string;
  skipped_undefined?: unknown[];
  expected: TensorSpec;
}

describe('copy_ between dtypes vs PyTorch 1.13', () => {
  const { pairs, layouts } = loadFixtureObject<{ pairs: CopyCase[]; layouts: CopyCase[] }>('copy.json');
  const run = (c: CopyCase) => {
    const src = inputTensor(c.src);
    const dst = torch.zeros(c.dst_shape ?? c.src.shape, { dtype: torch.dtypeFromName(c.dst), ...fixtureDevice() });
    return check(`copy_ ${describeSpec(c.src)} -> ${c.dst}${c.layout ? ' ' + c.layout : ''}`, c.expected, () => dst.copy_(src), [src], EXACT, { identity: dst });
  };
  for (const src of ['float32', 'float64', 'float16', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool']) {
    it(`from ${src} to every dtype`, () => {
      runAll(pairs.filter((c) => c.src.dtype === src), run);
    });
  }
  it('broadcast and non-contiguous sources', () => {
    runAll(layouts, run);
  });
  it('.to()/.type() agree with copy_', () => {
    runAll(pairs.filter((c) => c.src.dtype !== c.dst), (c) => {
      const src = inputTensor(c.src);
      return check(`to ${describeSpec(c.src)} -> ${c.dst}`, c.expected, () => src.to(torch.dtypeFromName(c.dst)), [src], EXACT);
    });
  });
});

// ---------------------------------------------------------------- creation

interface CreationCase {
  fn: string;
  args: unknown[];
  options: { dtype?: string };
  expected: Expected;
}

function create(c: CreationCase): unknown {
  const o = c.options.dtype ? { dtype: torch.dtypeFromName(c.options.dtype), ...fixtureDevice() } : fixtureDevice();
  const a = c.args as number[];
  switch (c.fn) {
    case 'arange':
      return torch.arange(...a, o);
    case 'range':
      return torch.range(a[0]!, a[1]!, a[2] ?? 1, o);
    case 'linspace':
      return torch.linspace(a[0]!, a[1]!, a[2]!, o);
    case 'logspace':
      return torch.logspace(a[0]!, a[1]!, a[2]!, a[3] ?? 10, o);
    case 'eye':
      return a.length === 2 ? torch.eye(a[0]!, a[1]!, o) : torch.eye(a[0]!, o);
    case 'full':
      return torch.full(c.args[0] as number[], c.args[1] as number | boolean, o);
    case 'zeros':
      return torch.zeros(c.args[0] as number[], o);
    case 'ones':
      return torch.ones(c.args[0] as number[], o);
  }
  throw new Error(`unknown creation fn ${c.fn}`);
}

describe('creation functions vs PyTorch 1.13', () => {
  const cases = loadFixture<CreationCase>('creation.json');
  for (const f of ['arange', 'range', 'linspace', 'logspace', 'eye', 'full', 'zeros', 'ones']) {
    it(`${f}: values and dtype inference`, () => {
      runAll(cases.filter((c) => c.fn === f), (c) => {
        const tol = 'error' in c.expected || !['linspace', 'logspace'].includes(c.fn) ? EXACT : approxTol(c.expected.dtype);
        return check(`${c.fn}(${JSON.stringify(c.args)}, ${JSON.stringify(c.options)})`, c.expected, () => create(c), [], tol);
      });
    });
  }
});

// ---------------------------------------------------------------- views and basic indexing

interface ViewCase {
  name: string;
  base: TensorSpec;
  steps: unknown[][];
  expected: Expected;
  stride?: number[];
  shares?: boolean;
  base_after_write?: TensorSpec;
}

function applySteps(t: torch.Tensor, steps: unknown[][]): torch.Tensor {
  for (const [name, ...args] of steps) {
    switch (name) {
      case 'view':
      case 'reshape':
      case 'expand':
      case 'permute':
        t = method(t, name as string)(args[0]) as torch.Tensor;
        break;
      case 'get':
        t = applyView(t, [[name, ...args]]);
        break;
      default:
        t = method(t, name as string)(...args) as torch.Tensor;
    }
  }
  return t;
}

describe('views and basic indexing vs PyTorch 1.13', () => {
  const cases = loadFixture<ViewCase>('views.json');
  it('values, sizes and strides; writes through the view reach the base', () => {
    runAll(cases.filter((c) => !('error' in c.expected)), (c) => {
      const base = inputTensor({ ...c.base, view: undefined });
      const label = `${c.name} ${JSON.stringify(c.steps)}`;
      const { result: v, error } = attempt(() => applySteps(base, c.steps));
      if (error !== undefined) return `${label}: threw ${String(error)}`;
      const r = check(label, c.expected, () => v, [], EXACT);
      if (r) return r;
      const view = v as torch.Tensor;
      const sizes = view.size(), strides = view.stride();
      for (let d = 0; d < sizes.length; d++)
        if (sizes[d]! > 1 && strides[d] !== c.stride![d]) return `${label}: strides [${strides}], PyTorch [${c.stride}]`;
      if ((view.storage() === base.storage()) !== c.shares) return `${label}: shares storage ${!c.shares}, PyTorch ${c.shares}`;
      if (c.base_after_write) {
        view.fill_(-1);
        const w = compareTensor(base, c.base_after_write);
        if (w) return `${label}: after writing -1 through the view, base ${w}`;
      }
      return null;
    });
  });
  it('what PyTorch rejects throws a Torch error and leaves the base unchanged', () => {
    runAll(cases.filter((c) => 'error' in c.expected), (c) => {
      const base = baseTensor(c.base);
      const before = snapshot(base);
      const { error } = attempt(() => applySteps(base, c.steps));
      if (error === undefined) return `${c.name}: PyTorch rejects (${(c.expected as { error: string }).error}) but we did not throw`;
      if (!isTorchError(error)) return `${c.name}: threw ${String(error)}, not a Torch error class`;
      return snapshot(base) === before ? null : `${c.name}: base changed`;
    });
  });
});

// ---------------------------------------------------------------- matrix products

interface LinalgCase {
  op: string;
  layout: string;
  inputs: TensorSpec[];
  options: { beta?: number; alpha?: number };
  expected: Expected;
}

const linalgTol = (dtype: string): Tol =>
  dtype === 'float32' ? { rtol: 1e-5, atol: 1e-5 } : dtype === 'float64' ? { rtol: 1e-12, atol: 1e-12 } : EXACT;

function runLinalg(c: LinalgCase): string | null {
  const ts = c.inputs.map(inputTensor);
  const hasSelf = ['addmm', 'addmv', 'addr', 'baddbmm', 'addbmm'].includes(c.op);
  const call = () => (hasSelf ? fn(c.op)(...ts, c.options) : fn(c.op)(...ts));
  const label = `${c.op} ${c.layout} ${c.inputs.map(describeSpec).join(', ')} ${JSON.stringify(c.options)}`;
  const tol = 'error' in c.expected ? EXACT : linalgTol(c.expected.dtype);
  const r = check(label, c.expected, call, ts, tol);
  if (r || 'error' in c.expected) return r;
  // the inputs are never written
  const again = c.inputs.map(inputTensor);
  for (let i = 0; i < ts.length; i++) if (snapshot(ts[i]) !== snapshot(again[i])) return `${label}: input ${i} was modified`;
  return null;
}

describe('matrix products vs PyTorch 1.13', () => {
  const cases = loadFixture<LinalgCase>('linalg.json');
  for (const op of ['mm', 'mv', 'dot', 'addmm', 'addmv', 'addr', 'bmm', 'baddbmm', 'addbmm', 'matmul']) {
    it(`${op}: float32, float64, int64, int32; layouts; errors`, () => {
      runAll(cases.filter((c) => c.op === op), runLinalg);
    });
  }
  it('in-place forms (addmm_, addmv_, addr_, baddbmm_, addbmm_) match the out-of-place results', () => {
    runAll(cases.filter((c) => ['addmm', 'addmv', 'addr', 'baddbmm', 'addbmm'].includes(c.op) && !('error' in c.expected)), (c) => {
      const ts = c.inputs.map(inputTensor);
      if (JSON.stringify(ts[0]!.size()) !== JSON.stringify((c.expected as TensorSpec).shape)) return null; // self must have the result's size
      const label = `${c.op}_ ${c.layout}`;
      return check(label, c.expected, () => method(ts[0], `${c.op}_`)(ts[1], ts[2], c.options), [], linalgTol((c.expected as TensorSpec).dtype), { identity: ts[0] });
    });
  });
});

// ---------------------------------------------------------------- error classes and messages

/** Asserts f throws `cls` with a message matching every pattern, and that `inputs` are unchanged. */
function expectError(f: () => unknown, cls: new (...a: never[]) => Error, patterns: RegExp[], inputs: torch.Tensor[]): void {
  const before = inputs.map(snapshot);
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err, 'expected a throw').toBeInstanceOf(cls);
  for (const p of patterns) expect((err as Error).message).toMatch(p);
  expect(inputs.map(snapshot)).toEqual(before);
}

describe('errors: class, message names the op and sizes, inputs unchanged', () => {
  const f32 = (...shape: number[]) => torch.arange(shape.reduce((a, b) => a * b, 1), { dtype: torch.float32 }).view(shape);

  it('broadcasting mismatch', () => {
    const a = f32(2, 3), b = f32(4);
    expectError(() => a.add(b), torch.TorchSizeError, [/add/, /\[2, 3\]/, /\[4\]/], [a, b]);
    expectError(() => torch.mul(a, f32(3, 3)), torch.TorchSizeError, [/mul/, /\[2, 3\]/, /\[3, 3\]/], [a]);
    expectError(() => a.lerp(f32(2, 2), 0.5), torch.TorchSizeError, [/lerp/, /\[2, 3\]/, /\[2, 2\]/], [a]);
    const c = f32(1, 3);
    expectError(() => c.add_(a), torch.TorchSizeError, [/add_/, /\[1, 3\]/, /\[2, 3\]/], [c, a]);
    expectError(() => a.copy_(f32(2, 2)), torch.TorchSizeError, [/copy_/, /\[2, 2\]/, /\[2, 3\]/], [a]);
  });

  it('out= of the wrong size or dtype', () => {
    const a = f32(2, 3);
    const out = torch.zeros([3], { dtype: torch.float32 });
    expectError(() => torch.add(a, a, { out }), torch.TorchSizeError, [/add/, /\[3\]/, /\[2, 3\]/], [a, out]);
    const iout = torch.zeros([2, 3], { dtype: torch.int32 });
    expectError(() => torch.mul(a, a, { out: iout }), torch.TorchTypeError, [/mul/, /float32/, /int32/], [a, iout]);
  });

  it('bad dims', () => {
    const a = f32(2, 3);
    expectError(() => a.transpose(0, 2), torch.TorchIndexError, [/transpose/, /2/], [a]);
    expectError(() => a.select(2, 0), torch.TorchIndexError, [/select/, /2/], [a]);
    expectError(() => a.squeeze(-3), torch.TorchIndexError, [/squeeze/, /-3/], [a]);
    expectError(() => a.unsqueeze(3), torch.TorchIndexError, [/unsqueeze/, /3/], [a]);
    expectError(() => a.narrow(5, 0, 1), torch.TorchIndexError, [/narrow/, /5/], [a]);
    expectError(() => a.flatten(1, 0), torch.TorchIndexError, [/flatten/], [a]);
    expectError(() => a.permute(0, 0), torch.TorchIndexError, [/permute/], [a]);
    expectError(() => a.permute(0), torch.TorchSizeError, [/permute/, /\[2, 3\]/], [a]);
    expectError(() => a.size(2), torch.TorchIndexError, [/size/, /2/], [a]);
    expectError(() => torch.zeros([3, 3, 3]).t(), torch.TorchSizeError, [/t/, /\[3, 3, 3\]/], []);
  });

  it('out-of-range indices', () => {
    const a = f32(2, 3);
    expectError(() => a.get(2), torch.TorchIndexError, [/index 2/, /size 2/], [a]);
    expectError(() => a.get(0, -4), torch.TorchIndexError, [/index -4/, /size 3/], [a]);
    expectError(() => a.get(0, 0, 0), torch.TorchIndexError, [/too many indices/], [a]);
    expectError(() => a.select(1, 3), torch.TorchIndexError, [/select/, /index 3/, /size 3/], [a]);
    expectError(() => a.narrow(1, 2, 2), torch.TorchIndexError, [/narrow/, /size 3/], [a]);
    expectError(() => a.set([5], 1), torch.TorchIndexError, [/index 5/, /size 2/], [a]);
    expectError(() => a.get('...', '...'), torch.TorchIndexError, [/ellipsis/], [a]);
  });

  it('non-integer and negative sizes', () => {
    const a = f32(2, 3);
    expectError(() => a.view(2.5, 2), torch.TorchTypeError, [/view/, /2\.5/], [a]);
    expectError(() => a.reshape(1.5, 4), torch.TorchTypeError, [/reshape/, /1\.5/], [a]);
    expectError(() => a.expand(2, 3.5), torch.TorchTypeError, [/expand/, /3\.5/], [a]);
    expectError(() => a.view(-2, 3), torch.TorchSizeError, [/view/, /-2/], [a]);
    expectError(() => a.view(4), torch.TorchSizeError, [/view/, /\[4\]/, /6/], [a]);
    expectError(() => torch.zeros([-1, 2]), torch.TorchSizeError, [/zeros/, /-1/], []);
  });

  it('non-integer sizes in creation functions are TorchTypeError, as in view (PyTorch: TypeError)', () => {
    expectError(() => torch.zeros([2.5, 2]), torch.TorchTypeError, [/zeros/, /2\.5/], []);
    expectError(() => torch.ones(1.5), torch.TorchTypeError, [/ones/, /1\.5/], []);
  });

  it('view that cannot be made on a transposed tensor', () => {
    const a = f32(2, 3, 4);
    const t = a.transpose(0, 1);
    expectError(() => t.view(-1), torch.TorchSizeError, [/view/, /\[24\]/, /\[3, 2, 4\]/, /reshape/], [a, t]);
    expectError(() => f32(3, 4).t().view(12), torch.TorchSizeError, [/view/, /\[4, 3\]/], []);
    expect(t.reshape(-1).size()).toEqual([24]); // reshape copies instead
  });

  it('incompatible in-place dtypes throw TorchTypeError and leave the tensor unchanged', () => {
    const i = torch.tensor([1, 2, 3], { dtype: torch.int32 });
    expectError(() => i.div_(2), torch.TorchTypeError, [/div_/, /float32/, /int32/], [i]);
    expectError(() => i.add_(0.5), torch.TorchTypeError, [/add_/, /int32/], [i]);
    expectError(() => i.sqrt_(), torch.TorchTypeError, [/sqrt_/, /int32/], [i]);
    expectError(() => i.add_(torch.ones([3], { dtype: torch.float16 })), torch.TorchTypeError, [/add_/, /float16/, /int32/], [i]);
    const b = torch.tensor([true, false, true]);
    const f = torch.tensor([0.5, 1.5, 2.5]);
    expectError(() => b.add_(f), torch.TorchTypeError, [/add_/, /float32/, /bool/], [b, f]);
    expectError(() => b.mul_(torch.tensor([1, 2, 3])), torch.TorchTypeError, [/mul_/, /int64/, /bool/], [b]);
    expectError(() => i.clamp_(0.5, 2), torch.TorchTypeError, [/clamp_/, /int32/], [i]);
    expectError(() => torch.tensor([1, 2], { dtype: torch.int64 }).addcdiv_(torch.tensor([1, 2]), torch.tensor([1, 2])), torch.TorchTypeError, [/addcdiv/], []);
    expectError(() => i.add(torch.tensor([1, 2, 3], { dtype: torch.int32 }), { alpha: 0.5 }), torch.TorchTypeError, [/add/, /alpha/, /0\.5/], [i]);
    expectError(() => b.neg(), torch.TorchTypeError, [/neg/, /bool/], [b]);
    expectError(() => b.sub(b), torch.TorchTypeError, [/sub/, /bool/], [b]);
    expectError(() => i.pow(-1), torch.TorchTypeError, [/pow/, /-1/], [i]);
    expectError(() => f.lerp(torch.tensor([1, 2, 3], { dtype: torch.float64 }), 0.5), torch.TorchTypeError, [/lerp/, /float32/, /float64/], [f]);
  });

  it('mm family: mismatched inner sizes, wrong dims, mismatched dtypes', () => {
    const a = f32(2, 3), b = f32(4, 2), v = f32(2);
    expectError(() => torch.mm(a, b), torch.TorchSizeError, [/mm/, /\[2, 3\]/, /\[4, 2\]/], [a, b]);
    expectError(() => a.mm(f32(2, 3, 1)), torch.TorchSizeError, [/mm/, /2-D/, /\[2, 3, 1\]/], [a]);
    expectError(() => torch.mm(v, a), torch.TorchSizeError, [/mm/, /\[2\]/], [v, a]);
    expectError(() => torch.mv(a, v), torch.TorchSizeError, [/mv/, /\[2, 3\]/, /\[2\]/], [a, v]);
    expectError(() => torch.dot(f32(3), f32(4)), torch.TorchSizeError, [/dot/, /\[3\]/, /\[4\]/], []);
    expectError(() => torch.bmm(f32(2, 2, 3), f32(3, 3, 2)), torch.TorchSizeError, [/bmm/, /\[2, 2, 3\]/, /\[3, 3, 2\]/], []);
    expectError(() => torch.bmm(a, a), torch.TorchSizeError, [/bmm/, /3-D/, /\[2, 3\]/], [a]);
    expectError(() => torch.matmul(f32(2, 2, 3), f32(3, 3, 2)), torch.TorchSizeError, [/matmul/, /\[2\]/, /\[3\]/], []);
    expectError(() => torch.matmul(f32(2, 2, 3), f32(3, 4, 2)), torch.TorchSizeError, [/matmul/, /\[2, 2, 3\]/, /\[3, 4, 2\]/], []);
    expectError(() => torch.matmul(torch.tensor(1.5), a), torch.TorchSizeError, [/matmul/, /\[\]/], [a]);
    const c = torch.zeros([3, 3]);
    expectError(() => torch.addmm(c, a, f32(3, 2)), torch.TorchSizeError, [/addmm/, /\[3, 3\]/, /\[2, 2\]/], [c, a]);
    expectError(() => torch.mm(a, f32(3, 2).double()), torch.TorchTypeError, [/mm/, /float32/, /float64/], [a]);
  });

  it('errors never corrupt tensors: a failed in-place op on a view leaves base and view intact', () => {
    const base = f32(3, 4);
    const view = base.t();
    expectError(() => view.add_(f32(4)), torch.TorchSizeError, [/add/, /\[4, 3\]/, /\[4\]/], [base, view]);
    expectError(() => view.add_(f32(2, 4, 3)), torch.TorchSizeError, [/add_/, /\[4, 3\]/, /\[2, 4, 3\]/], [base, view]);
    expectError(() => torch.tensor([1, 2, 3], { dtype: torch.uint8 }).add_(-1.5), torch.TorchTypeError, [/add_/, /uint8/], []);
  });
});
