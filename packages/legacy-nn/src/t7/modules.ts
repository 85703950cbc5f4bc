/**
 * How legacy nn modules and criteria travel through `.t7` files: a module is written as its Torch7 class
 * name and a table of its fields, and read back by creating an instance of the registered class and
 * filling in those fields. Torch7 spells a few fields in snake_case (HardTanh's min_val, AddConstant's
 * constant_scalar); they are renamed both ways.
 */
import { Criterion } from '../criterion';
import { Module } from '../module';
import { DROPPED, FROM_TORCH7 } from './fields';
import { registerT7Class } from './read';

/** Makes `load` build `cls` for Torch7 class `nn.<cls.name>`. @internal */
export function registerModuleClass(cls: abstract new (...args: never[]) => Module | Criterion): void {
  registerT7Class(`nn.${cls.name}`, {
    create: () => Object.create(cls.prototype) as object,
    restore: (object, fields) => {
      const target = object as Record<string, unknown>;
      for (const [k, v] of Object.entries(fields)) if (!DROPPED.has(k)) target[FROM_TORCH7[k] ?? k] = v;
      if (object instanceof Module) {
        target.train ??= true;
        if (object.weight && !object.gradWeight) object.gradWeight = object.weight.clone().zero_();
        if (object.bias && !object.gradBias) object.gradBias = object.bias.clone().zero_();
      }
    },
  });
}
