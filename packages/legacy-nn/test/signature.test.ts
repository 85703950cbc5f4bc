// Strict constructor arguments: every exported module and criterion declares its signature once
// (@signature) and rejects extra positional arguments, missing required ones and wrongly typed ones with a
// TorchTypeError naming the module.
import { describe, expect, it } from 'vitest';
import * as core from '@torch/core';
import { nn } from '../src/index';
import { Criterion } from '../src/criterion';
import { Module } from '../src/module';
import { signatureOf, type Param } from '../src/signature';

type Ctor = new (...args: unknown[]) => unknown;
/** Every constructible class `torch.legacy.nn` exports (the abstract bases excepted). */
const abstractBases = new Set<unknown>([nn.Module, nn.Criterion, nn.Container, nn.Pointwise]);
const classes = Object.entries(nn).filter(
  ([, v]) => typeof v === 'function' && (v.prototype instanceof Module || v.prototype instanceof Criterion) && !abstractBases.has(v),
) as [string, Ctor][];

/** A value of the first declared kind of a parameter. */
function sample(p: Param): unknown {
  const kind = p.types[0]!;
  const values: Record<string, () => unknown> = {
    number: () => 1, boolean: () => true, string: () => 's', Tensor: () => core.ones(2, 2), DType: () => core.float32,
    module: () => new nn.SpatialMaxPooling(2, 2), array: () => [1], null: () => null,
  };
  return values[kind]!();
}

describe('legacy nn constructors check their arguments against one declared signature', () => {
  it('covers every exported module and criterion', () => {
    expect(classes.length).toBeGreaterThan(130);
    const missing = classes.filter(([, cls]) => signatureOf(cls) === undefined).map(([name]) => name);
    expect(missing).toEqual([]);
  });

  for (const [name, cls] of classes) {
    it(`nn.${name}`, () => {
      const params = signatureOf(cls)!;
      const rest = params.length > 0 && params[params.length - 1]!.rest;
      const fixed = params.filter((p) => !p.rest);
      const op = `nn.${name}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (!rest) {
        const args = [...fixed.map(sample), 7];
        const names = params.map((p) => p.name).join(', ');
        const expected = params.length === 0 ? `^${op}: expected at most 0 arguments, got 1$` : `^${op}: expected at most ${params.length} arguments? \\(${names}\\), got ${params.length + 1}$`;
        expect(() => new cls(...args)).toThrow(core.TorchTypeError);
        expect(() => new cls(...args)).toThrow(new RegExp(expected));
      }
      if (params.length > 0) {
        // A string fits no legacy constructor parameter.
        const args = [...fixed.map(sample)];
        args[0] = 'wrong';
        expect(() => new cls(...args)).toThrow(new RegExp(`^${op}: argument 1 \\(${params[0]!.name}\\) must be ${params[0]!.types.join(' or ')}, got string "wrong"$`));
      }
      const required = params.filter((p) => !p.optional);
      if (required.length > 0)
        expect(() => new cls()).toThrow(new RegExp(`^${op}: missing argument 1 \\(${required[0]!.name}\\)$`));
    });
  }

  it('reads as the issue asks; valid calls, undefined for optional arguments and subclasses pass', () => {
    expect(() => new (nn.Linear as unknown as Ctor)(3, 2, true, 4)).toThrow('nn.Linear: expected at most 3 arguments (inputSize, outputSize, bias), got 4');
    expect(() => new (nn.Linear as unknown as Ctor)(3, '2')).toThrow('nn.Linear: argument 2 (outputSize) must be number, got string "2"');
    expect(() => new (nn.Dropout as unknown as Ctor)(0.5, 'yes')).toThrow('nn.Dropout: argument 2 (v1) must be boolean, got string "yes"');
    expect(() => new (nn.ClassNLLCriterion as unknown as Ctor)(core.ones(3), true, -100, 1)).toThrow(/^nn.ClassNLLCriterion: expected at most 3 arguments/);
    expect(() => new (nn.View as unknown as Ctor)(2, 'x')).toThrow('nn.View: argument 2 (size) must be number, got string "x"');
    expect(new nn.Linear(3, 2, undefined).bias).toBeDefined();
    expect(new nn.SpatialConvolutionMM(1, 2, 3, 3).typename).toBe('nn.SpatialConvolutionMM');
    expect(new nn.ClassNLLCriterion(null, false).sizeAverage).toBe(false);
    expect(new nn.Reshape(2, 3, true).batchMode).toBe(true);
    class MyLinear extends nn.Linear {}
    expect(new MyLinear(2, 2).typename).toBe('nn.MyLinear');
    expect(new nn.Linear(2, 2)).toBeInstanceOf(nn.Linear);
  });
});
