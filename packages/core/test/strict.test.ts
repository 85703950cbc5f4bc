// Strict arguments (issue 10 §1, docs/arguments.md): every declared op rejects extra positional arguments
// and unknown options, driven by the declarations themselves (ops/signatures.ts and the elementwise op
// table), plus the reproducers and the forms a dtype may be given in.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';
import { elementwiseDeclarations, METHOD_DECLARATIONS } from '../src/ops/signatures';

const proto = torch.Tensor.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
/** Calls a method with arguments its TypeScript signature does not list (the forms under test). */
const loose = (t: unknown) => t as Record<string, (...a: unknown[]) => torch.Tensor>;
const families: Record<string, Record<string, string>> = {
  'elementwise (derived from the op table)': elementwiseDeclarations(),
  'every other Tensor method (ops/signatures.ts)': { ...METHOD_DECLARATIONS },
};

/** Extra arguments no signature can take: tensors past the positional and folded slots. */
function extraArgs(sig: torch.Signature): unknown[] {
  return new Array(sig.positional.length + sig.folded.length + 1).fill(torch.zeros(1));
}

describe('every Tensor method is declared and checked', () => {
  it('no method is left undeclared', () => {
    expect(torch.undeclaredTensorMethods).toEqual([]);
    const unchecked = Object.getOwnPropertyNames(proto).filter(
      (k) => k !== 'constructor' && typeof Object.getOwnPropertyDescriptor(proto, k)!.value === 'function' && !torch.signatureOf(proto[k]),
    );
    expect(unchecked).toEqual([]);
  });

  for (const [family, decls] of Object.entries(families)) {
    describe(family, () => {
      const names = Object.keys(decls).filter((n) => typeof proto[n] === 'function');
      it('declares only methods that exist', () => {
        expect(Object.keys(decls).filter((n) => typeof proto[n] !== 'function')).toEqual([]);
      });
      it.each(names)('%s rejects extra positional arguments', (name) => {
        const sig = torch.methodSignatures().get(name)!;
        if (sig.variadic) return; // view(2, 3, 4) has no count to exceed; its options are checked below
        const t = torch.zeros(2, 2);
        expect(() => proto[name]!.apply(t, extraArgs(sig))).toThrow(torch.TorchTypeError);
        expect(() => proto[name]!.apply(t, extraArgs(sig))).toThrow(new RegExp(`^${name.replace(/[$_]/g, '\\$&')}: takes `));
      });
      it.each(names)('%s rejects unknown options (with a did-you-mean for its own keys)', (name) => {
        const sig = torch.methodSignatures().get(name)!;
        const t = torch.zeros(2, 2);
        const lead = sig.variadic ? [2, 2] : new Array(sig.positional.length).fill(undefined);
        const call = (o: object) => () => proto[name]!.apply(t, [...lead, o]);
        const escaped = name.replace(/[$_]/g, '\\$&');
        if (sig.options.size === 0) {
          expect(call({ bogus: 1 })).toThrow(new RegExp(`^${escaped}: takes no options object`));
          return;
        }
        expect(call({ bogusOption: 1 })).toThrow(new RegExp(`^${escaped}: unknown option 'bogusOption'`));
        // The snake_case spelling of each real key points to it.
        for (const key of sig.options) {
          const snake = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
          if (snake === key) continue;
          expect(call({ [snake]: true })).toThrow(`${name}: unknown option '${snake}' (did you mean '${key}'?)`);
        }
      });
    });
  }

  it('the elementwise torch.* functions are checked the same way', () => {
    for (const name of Object.keys(elementwiseDeclarations())) {
      const fn = (torch as unknown as Record<string, (...a: unknown[]) => unknown>)[name];
      if (typeof fn !== 'function') continue; // the in-place forms are methods only
      const sig = torch.signatureOf(fn)!;
      expect(sig, name).toBeDefined();
      const t = torch.zeros(2);
      expect(() => fn(t, ...extraArgs(sig)), name).toThrow(new RegExp(`^${name}: takes .*\\(self`));
    }
  });
});

describe("every declared function of @torch/core's own exports is checked", () => {
  const fns = torch as unknown as Record<string, (...a: unknown[]) => unknown>;
  const functionDecls = torch.FUNCTION_DECLARATIONS as Record<string, string>;
  // torch.sum(x, ...) is x.sum(...): the method's declaration with self first; cat, stack, where, solve, lstsq have their own.
  const names = [...new Set([...torch.methodSignatures().keys(), ...Object.keys(functionDecls)])].filter((n) => typeof fns[n] === 'function');
  const sigOf = (name: string) => torch.functionSignature(name) ?? torch.methodSignatures().get(name)!;
  /** The arguments before the options: self (unless a function declaration), then a value per positional slot. */
  const lead = (name: string): unknown[] => {
    const sig = sigOf(name);
    const self = name in functionDecls ? [] : [torch.zeros(2, 2)];
    return [...self, ...(sig.variadic ? [2, 2] : new Array(sig.positional.length).fill(undefined))];
  };
  const escaped = (name: string) => name.replace(/[$_]/g, '\\$&');

  it('covers every function the package exports under a declared name', () => {
    expect(names.length).toBeGreaterThan(170);
    expect(names.filter((n) => torch.signatureOf(fns[n]) === undefined)).toEqual([]);
  });
  it.each(names)('torch.%s rejects extra positional arguments', (name) => {
    const sig = sigOf(name);
    if (sig.variadic) return; // torch.view(t, 2, 3, 4) has no count to exceed; its options are checked below
    const args = [...lead(name).slice(0, name in functionDecls ? 0 : 1), ...extraArgs(sig)];
    expect(() => fns[name]!(...args)).toThrow(torch.TorchTypeError);
    expect(() => fns[name]!(...args)).toThrow(new RegExp(`^${escaped(name)}: takes `));
  });
  it.each(names)('torch.%s rejects unknown options', (name) => {
    const sig = sigOf(name);
    const call = (o: object) => () => fns[name]!(...lead(name), o);
    if (sig.options.size === 0) expect(call({ bogus: 1 })).toThrow(new RegExp(`^${escaped(name)}: takes no options object`));
    else expect(call({ bogusOption: 1 })).toThrow(new RegExp(`^${escaped(name)}: unknown option 'bogusOption'`));
  });
  it('torch.sum(x, 1, true) from @torch/core is keepdim; torch.mm(a, b, c) is an error, not a dropped c', () => {
    expect(torch.sum(torch.ones(2, 3), 1, true as never).shape).toEqual([2, 1]);
    const a = torch.ones(2, 2);
    expect(() => torch.mm(a, a, a as never)).toThrow(/^mm: takes 2 positional arguments \(self, other\) and an options object \{ out \}, but argument 3 is/);
    expect(() => torch.cat([a, a], 0, { dims: 1 } as never)).toThrow("cat: unknown option 'dims'");
    expect(() => torch.sort(a, { descendng: true } as never)).toThrow("sort: unknown option 'descendng' (did you mean 'descending'?)");
  });
});

describe('the issue 10 reproducers', () => {
  const a = torch.tensor([1, 2, 3.5]), b = torch.tensor([10, 20, 30.5]);

  it('torch.add(a, a, b) and a.add(2, b) throw instead of dropping b', () => {
    expect(() => torch.add(a, a, b as never)).toThrow(/^add: takes 2 positional arguments \(self, other\) and an options object \{ alpha, out \}, but argument 3 is torch.FloatTensor of size \[3\]/);
    expect(() => a.add(2, b as never)).toThrow(/^add: takes 1 positional argument \(other\) .* but argument 2 is torch.FloatTensor/);
  });

  it('x.sum(1, true) is keepdim, as PyTorch (also torch.sum, mean, max, std)', () => {
    const x = torch.arange(6).view(2, 3).float();
    const s = x.sum(1, true as never);
    expect(s.shape).toEqual([2, 1]);
    expect(s.tolist()).toEqual([[3], [12]]);
    expect(x.mean(0, true as never).shape).toEqual([1, 3]);
    expect(x.max(1, true as never).values.shape).toEqual([2, 1]);
    expect(loose(x).std!(1, false, true).shape).toEqual([2, 1]); // std(dim, unbiased, keepdim)
    expect(() => loose(x).sum!(1, true, { keepdim: false })).toThrow(/^sum: keepdim given both positionally and as an option/);
    expect(() => loose(x).sum!(1, true, 5)).toThrow(/^sum: takes 2 positional arguments \(dim, keepdim\)/);
  });

  it('A.symeig(true) computes the eigenvectors (PyTorch positional eigenvectors=True)', () => {
    const A = torch.tensor([[2, 1], [1, 2]], { dtype: torch.float64 });
    const { eigenvalues, eigenvectors } = A.symeig(true as never);
    expect(eigenvectors.shape).toEqual([2, 2]);
    // A v = λ v for each column.
    const av = A.mm(eigenvectors), lv = eigenvectors.mul(eigenvalues.view(1, 2));
    expect(av.sub(lv).abs().max().item()).toBeLessThan(1e-12);
    expect(A.symeig().eigenvectors.numel()).toBe(0); // the default stays eigenvalues only
  });

  it("t.add(1, { alpha: 'x' }) names the option instead of computing NaN", () => {
    expect(() => a.add(1, { alpha: 'x' as never })).toThrow("add: option 'alpha' must be a number, got 'x'");
    expect(() => a.sum({ keep_dim: true } as never)).toThrow("sum: unknown option 'keep_dim' (did you mean 'keepdim'?)");
    expect(() => a.sum(0, { keepdims: true } as never)).toThrow("sum: unknown option 'keepdims' (did you mean 'keepdim'?)");
    expect(() => a.sum(0, { keepdim: 1 } as never)).toThrow("sum: option 'keepdim' must be a boolean, got number 1");
  });

  it('requiresGrad on a factory without the autograd package says what to import', () => {
    expect(() => torch.tensor([1.5], { requiresGrad: true })).toThrow(/^tensor: requiresGrad needs the autograd package/);
    expect(() => torch.zeros(2, { requires_grad: true } as never)).toThrow("zeros: unknown option 'requires_grad' (did you mean 'requiresGrad'?)");
    expect(() => torch.tensor([1, 2], { requiresGrad: true })).toThrow(/^tensor: only floating point tensors can require gradients, got torch.int64\. Integer literals .*torch.tensor\(\[1, 2\], \{ dtype: torch.float32 \}\)/);
    expect(() => (torch.tensor as (...a: unknown[]) => unknown)([1], {}, 3)).toThrow(/^tensor: takes the data and an options object/);
  });
});

describe('dtype arguments in every form', () => {
  const forms: [string, unknown][] = [
    ['a dtype', torch.float64], ["its name 'float64'", 'float64'], ["'torch.float64'", 'torch.float64'], ["'double'", 'double'],
    ["'torch.DoubleTensor'", 'torch.DoubleTensor'], ['the typed class torch.DoubleTensor', torch.DoubleTensor],
  ];
  const t = torch.tensor([1, 2]);
  it.each(forms)('%s', (_, d) => {
    expect(t.type(d as never).dtype).toBe(torch.float64);
    expect(t.to(d as never).dtype).toBe(torch.float64);
    expect(t.to({ dtype: d as never }).dtype).toBe(torch.float64);
    expect(t.to('cpu', d as never).dtype).toBe(torch.float64);
    expect(t.sum({ dtype: d as never }).dtype).toBe(torch.float64);
    expect(t.cumsum(0, { dtype: d as never }).dtype).toBe(torch.float64);
    expect(torch.zeros(2, { dtype: d as never }).dtype).toBe(torch.float64);
    expect(torch.tensor([1], { dtype: d as never }).dtype).toBe(torch.float64);
    expect(torch.arange(3, { dtype: d as never }).dtype).toBe(torch.float64);
    expect(torch.onesLike(t, { dtype: d as never }).dtype).toBe(torch.float64);
  });
  it('a bad one names the op and what it got', () => {
    expect(() => t.type('flaot64')).toThrow(/^type: dtype must be a dtype .*got 'flaot64'/);
    expect(() => t.sum({ dtype: 5 as never })).toThrow(/^sum: dtype must be a dtype .*got number 5/);
    expect(() => torch.zeros(2, { dtype: {} as never })).toThrow(/^zeros: dtype must be a dtype/);
    expect(() => t.to('flaot64')).toThrow("to: 'flaot64' is neither a dtype ('float64', 'torch.DoubleTensor') nor a device ('cpu', 'meta', 'cuda:1')");
    expect(() => t.to(torch.float64, torch.float32)).toThrow(/^to: the dtype is given twice/);
    // Names an object inherits are no dtypes (dtypeFromName once returned Object for 'constructor').
    expect(() => t.type('constructor')).toThrow(/^type: dtype must be a dtype .*got 'constructor'/);
    expect(() => torch.zeros(2, { dtype: 'toString' as never })).toThrow(/^zeros: dtype must be a dtype/);
    expect(() => torch.dtypeFromName('torch.constructor')).toThrow(/unknown dtype 'torch.constructor'/);
  });
});

describe('to, cpu, detach, T, ndim, dim', () => {
  const t = torch.arange(6).view(2, 3);
  it('to(tensor) takes its dtype and device; copy forces a new tensor', () => {
    const o = torch.zeros(1, { dtype: torch.float64 });
    expect(t.to(o).dtype).toBe(torch.float64);
    expect(t.to(torch.int64)).toBe(t);
    const c = t.to({ copy: true });
    expect(c).not.toBe(t);
    expect(c.storage()).not.toBe(t.storage());
    expect(c.tolist()).toEqual(t.tolist());
    expect(t.to('meta').isMeta).toBe(true);
    expect(t.to({ device: 'meta', dtype: 'float32' }).dtype).toBe(torch.float32);
    expect(() => t.to({ device: 'cpu', copy: 1 } as never)).toThrow("to: option 'copy' must be a boolean, got number 1");
  });
  it('cpu, detach (a no-op alias sharing memory), T, ndim, dim', () => {
    expect(t.cpu()).toBe(t);
    const d = t.detach();
    expect(d).not.toBe(t);
    expect(d.storage()).toBe(t.storage());
    expect(d.tolist()).toEqual(t.tolist());
    expect(t.T.shape).toEqual([3, 2]);
    expect(t.T.tolist()).toEqual(t.t().tolist());
    expect(torch.zeros(2, 3, 4).T.shape).toEqual([4, 3, 2]);
    expect(t.ndim).toBe(2);
    expect(t.dim()).toBe(2);
    expect(() => loose(t).dim!(0)).toThrow(/^dim: takes 0 positional arguments/);
  });
});

describe("Node's internal errors never reach the user", () => {
  it('file descriptors beyond 2^31 - 1 and bad print options are TorchTypeErrors', () => {
    expect(() => torch.loadSync(2 ** 40)).toThrow(/^loadSync: a file descriptor must be an integer from 0 to 2\^31 - 1/);
    expect(() => torch.saveSync(torch.zeros(1), 2 ** 40)).toThrow(torch.TorchTypeError);
    expect(() => torch.setPrintOptions({ precision: -1 })).toThrow('setPrintOptions: precision must be an integer from 0 to 100, got -1');
    expect(() => torch.setPrintOptions({ precison: 2 } as never)).toThrow(/^setPrintOptions: unknown option 'precison'/);
  });
});

describe('the integer-literal trap shows the fix', () => {
  it('mean, float-only elementwise ops, var and mm', () => {
    const fix = /torch\.tensor\(\[1, 2\], \{ dtype: torch\.float32 \}\) or torch\.FloatTensor\(\[1, 2\]\)/;
    expect(() => torch.tensor([1, 2]).mean()).toThrow(fix);
    expect(() => torch.tensor([1, 2]).frac()).toThrow(fix);
    expect(() => torch.tensor([1, 2]).var()).toThrow(fix);
    expect(() => torch.tensor([[1, 2]]).mm(torch.ones(2, 2))).toThrow(fix);
    expect(() => torch.tensor([1.5]).mean()).not.toThrow();
  });
});

describe('didYouMean', () => {
  it('finds camelCase, separator-free and near-miss spellings, and nothing far off', () => {
    expect(torch.didYouMean('requires_grad', ['requiresGrad', 'volatile'])).toBe('requiresGrad');
    expect(torch.didYouMean('keep_dim', ['keepdim', 'dim'])).toBe('keepdim');
    expect(torch.didYouMean('KeepDim', ['keepdim'])).toBe('keepdim');
    expect(torch.didYouMean('alhpa', ['alpha', 'out'])).toBe('alpha');
    expect(torch.didYouMean('zebra', ['alpha', 'out'])).toBe(null);
  });
});
