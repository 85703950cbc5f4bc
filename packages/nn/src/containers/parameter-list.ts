import { TorchTypeError } from '@torch/core';
import { Module, type Slots } from '../module';
import { Parameter } from '../parameter';
import { listIndex } from './sequential';

/**
 * Parameters registered under '0', '1', ... (so optimizers and stateDict find them).
 * @example
 * const ps = new nn.ParameterList([new nn.Parameter(torch.randn(3)), new nn.Parameter(torch.randn(3))]);
 * ps.get(1);   // the second Parameter
 */
export class ParameterList extends Module {
  [index: number]: Parameter;

  constructor(params: Iterable<Parameter> = []) {
    super();
    if (arguments.length > 1) throw new TorchTypeError(`ParameterList: expected one iterable of parameters, got ${arguments.length} arguments`);
    if (params === null || typeof (params as unknown as Slots)[Symbol.iterator] !== 'function') throw new TorchTypeError('ParameterList: expected an iterable of parameters');
    for (const p of params) this.append(p);
  }
  /** @example ps.length */
  get length(): number {
    return this._own().params.length;
  }
  /** @example ps.get(-1) */
  get(i: number): Parameter {
    return (this as unknown as Slots)[listIndex('ParameterList.get', i, this.length)] as Parameter;
  }
  /** @example ps.append(new nn.Parameter(torch.zeros(2))) */
  append(p: Parameter): this {
    this.registerParameter(String(this.length), p);
    return this;
  }
  /** @example for (const p of ps) ... */
  *[Symbol.iterator](): Iterator<Parameter> {
    for (const [, p] of this._own().params) yield p;
  }
  override extraRepr(): string {
    return this._own().params.map(([k, p]) => `(${k}): Parameter containing: [${p.data.type()} of size ${p.data.shape.join('x')}]`).join('\n');
  }
}

/**
 * Parameters by name.
 * @example
 * const pd = new nn.ParameterDict({ a: new nn.Parameter(torch.zeros(2)) });
 * pd.get('a');
 */
export class ParameterDict extends Module {
  constructor(params: Record<string, Parameter> = {}) {
    super();
    if (arguments.length > 1) throw new TorchTypeError(`ParameterDict: expected one object of parameters, got ${arguments.length} arguments`);
    if (params === null || typeof params !== 'object') throw new TorchTypeError('ParameterDict: expected an object of parameters');
    for (const [k, p] of Object.entries(params)) this.set(k, p);
  }
  /** @example pd.get('a') */
  get(key: string): Parameter | undefined {
    const v = (this as unknown as Slots)[key];
    return v instanceof Parameter && Object.prototype.hasOwnProperty.call(this, key) ? v : undefined;
  }
  /** @example pd.set('b', new nn.Parameter(torch.ones(2))) */
  set(key: string, p: Parameter): void {
    if (!(p instanceof Parameter)) throw new TorchTypeError(`ParameterDict.set: '${key}' must be a Parameter`);
    this.registerParameter(key, p);
  }
  /** @example pd.has('a') */
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
  /** @example pd.keys() */
  keys(): string[] {
    return this._own().params.map(([k]) => k);
  }
  /** @example pd.values() */
  values(): Parameter[] {
    return this._own().params.map(([, p]) => p);
  }
  /** @example pd.entries() */
  entries(): [string, Parameter][] {
    return this._own().params;
  }
  /** @example pd.length */
  get length(): number {
    return this._own().params.length;
  }
  override extraRepr(): string {
    return this._own().params.map(([k, p]) => `(${k}): Parameter containing: [${p.data.type()} of size ${p.data.shape.join('x')}]`).join('\n');
  }
}
