import { TorchTypeError } from '@torch/core';
import { Module, type Slots } from '../module';

/**
 * Modules by name, registered as children (so their parameters are found).
 * @example
 * const heads = new nn.ModuleDict({ cls: new nn.Linear(16, 10), box: new nn.Linear(16, 4) });
 * heads.get('cls')!.forward(features);
 */
export class ModuleDict<M extends Module = Module> extends Module {
  constructor(modules: Record<string, M> = {}) {
    super();
    if (arguments.length > 1) throw new TorchTypeError(`ModuleDict: expected one object of modules, got ${arguments.length} arguments`);
    this.update(modules);
  }

  /** The module of that name, or undefined. @example heads.get('cls') */
  get(key: string): M | undefined {
    const v = (this as unknown as Slots)[key];
    return v instanceof Module && Object.prototype.hasOwnProperty.call(this, key) ? (v as M) : undefined;
  }
  /** Adds or replaces a module. @example heads.set('seg', new nn.Linear(16, 2)) */
  set(key: string, module: M): void {
    if (!(module instanceof Module)) throw new TorchTypeError(`ModuleDict.set: '${key}' must be a Module`);
    this.addModule(key, module);
  }
  /** @example heads.has('cls') */
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
  /** Removes a module; returns it. @example heads.pop('box') */
  pop(key: string): M | undefined {
    const m = this.get(key);
    if (m !== undefined) delete (this as unknown as Slots)[key];
    return m;
  }
  /** Adds every entry of an object. @example heads.update({ a: new nn.ReLU() }) */
  update(modules: Record<string, M>): void {
    if (modules === null || typeof modules !== 'object') throw new TorchTypeError('ModuleDict.update: expected an object of modules');
    for (const [k, m] of Object.entries(modules)) this.set(k, m);
  }
  /** @example [...heads.keys()] */
  keys(): string[] {
    return this._own().children.map(([k]) => k);
  }
  /** @example [...heads.values()] */
  values(): M[] {
    return this._own().children.map(([, m]) => m as M);
  }
  /** @example for (const [k, m] of heads.entries()) ... */
  entries(): [string, M][] {
    return this._own().children as [string, M][];
  }
  /** Number of modules. @example heads.length */
  get length(): number {
    return this._own().children.length;
  }
}
