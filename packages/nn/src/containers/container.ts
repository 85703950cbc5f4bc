import { TorchTypeError } from '@torch/core';
import { Module, type Slots } from '../module';

/**
 * The seed's container: a module built from named children given at construction. Subclass it and
 * write forward, or use its children directly.
 * @example
 * const net = new nn.Container({ conv1: new nn.Linear(4, 8), relu1: new nn.ReLU() });
 * net.get('conv1');          // the Linear
 * [...net.namedChildren()].map(([n]) => n); // ['conv1', 'relu1']
 */
export class Container extends Module {
  constructor(modules?: Record<string, Module>) {
    super();
    if (arguments.length > 1) throw new TorchTypeError(`${new.target.name}: expected one object of named modules, got ${arguments.length} arguments`);
    if (modules === undefined) return;
    if (modules === null || typeof modules !== 'object' || modules instanceof Module || Array.isArray(modules))
      throw new TorchTypeError(`${new.target.name}: expected an object of named modules`);
    for (const [k, m] of Object.entries(modules)) this.addModule(k, m);
  }

  /** The child of that name (undefined when there is none). @example net.get('conv1') */
  get(name: string): Module | undefined {
    const v = (this as unknown as Slots)[name];
    return v instanceof Module ? v : undefined;
  }
}
