/**
 * How legacy nn modules and criteria travel through `.t7` files: a module is written as its Torch7 class
 * name and a table of its fields, and read back by creating an instance of the registered class and
 * filling in those fields. Torch7 spells a few fields in snake_case (HardTanh's min_val, AddConstant's
 * constant_scalar); they are renamed both ways.
 */
import type { Criterion } from '../criterion';
import type { Module } from '../module';
import { DROPPED, FROM_TORCH7, ONE_BASED, shiftPosition } from './fields';
import { registerT7Class } from './read';

/** Makes `load` build `cls` for Torch7 class `nn.<cls.name>`. @internal */
export function registerModuleClass(cls: abstract new (...args: never[]) => Module | Criterion): void {
  registerT7Class(`nn.${cls.name}`, {
    create: () => Object.create(cls.prototype) as object,
    restore: (object, fields) => {
      const target = object as Record<string, unknown>;
      const className = `nn.${cls.name}`;
      const positions = new Set(ONE_BASED[className] ?? (className === 'nn.Transpose' ? ['permutations'] : []));
      for (const [k, v] of Object.entries(fields)) if (!DROPPED.has(k)) target[FROM_TORCH7[k] ?? k] = positions.has(k) ? shiftPosition(v, -1) : v;
      (object as { afterT7Load?: (f: Record<string, unknown>) => void }).afterT7Load?.(fields);
    },
  });
}
