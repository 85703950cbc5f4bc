// RNNCell, LSTMCell, GRUCell: one time step, for loops written by hand.
import { TorchSizeError, TorchTypeError, empty, zeros, type DType } from '@torch/core';
import { Variable } from '@torch/autograd';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { step, type CellMode, type State } from '../functional/rnn';
import { linearUnchecked } from '../functional/linear';
import { checkOptions, positiveInt, fmtSize } from '../utils/args';
import { uniform_ } from '../init';

/** Options of the cells. */
export interface RNNCellOptions {
  bias?: boolean;
  /** RNNCell only: 'tanh' (default) or 'relu'. */
  nonlinearity?: 'tanh' | 'relu';
  dtype?: DType;
}

const gates: Record<CellMode, number> = { RNN_TANH: 1, RNN_RELU: 1, LSTM: 4, GRU: 3 };

/** The shared cell implementation. */
export abstract class RNNCellBase extends Module {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly bias: boolean;
  weightIh: Parameter;
  weightHh: Parameter;
  biasIh: Parameter | null;
  biasHh: Parameter | null;

  constructor(readonly mode: CellMode, name: string, inputSize: number, hiddenSize: number, o: RNNCellOptions) {
    super();
    this.inputSize = positiveInt(name, 'inputSize', inputSize);
    this.hiddenSize = positiveInt(name, 'hiddenSize', hiddenSize);
    this.bias = o.bias ?? true;
    const G = gates[mode] * hiddenSize;
    const dt = o.dtype ? { dtype: o.dtype } : {};
    this.weightIh = new Parameter(empty([G, inputSize], dt));
    this.weightHh = new Parameter(empty([G, hiddenSize], dt));
    this.biasIh = this.bias ? new Parameter(empty([G], dt)) : null;
    this.biasHh = this.bias ? new Parameter(empty([G], dt)) : null;
    const k = 1 / Math.sqrt(hiddenSize);
    for (const p of this.parameters()) uniform_(p, -k, k);
  }

  /** Runs one step on input [B, inputSize] (or unbatched [inputSize]) from the given or zero state. @internal */
  _cell(input: Variable, state: Variable[] | null): Variable[] {
    const name = this.constructor.name;
    if (!(input instanceof Variable)) throw new TorchTypeError(`${name}: input must be a Variable`);
    if ((input.dim() !== 1 && input.dim() !== 2) || input.shape[input.dim() - 1] !== this.inputSize)
      throw new TorchSizeError(`${name}: expected input of size [B, ${this.inputSize}] or [${this.inputSize}], got ${fmtSize(input.shape)}`);
    const unbatched = input.dim() === 1;
    const x = unbatched ? input.unsqueeze(0) : input;
    const B = x.shape[0]!;
    const n = this.mode === 'LSTM' ? 2 : 1;
    const s = (state ?? Array(n).fill(new Variable(zeros([B, this.hiddenSize], { dtype: x.data.dtype })))).map((h) => {
      const want = unbatched ? [this.hiddenSize] : [B, this.hiddenSize];
      if (!(h instanceof Variable) || h.dim() !== want.length || h.shape.some((v, i) => v !== want[i]))
        throw new TorchSizeError(`${name}: expected hidden state of size ${fmtSize(want)}, got ${h instanceof Variable ? fmtSize(h.shape) : typeof h}`);
      return unbatched ? h.unsqueeze(0) : h;
    }) as State;
    const gi = linearUnchecked(x, this.weightIh, this.biasIh);
    const r = step(this.mode, gi, s, { whhT: this.weightHh.t(), biasHh: this.biasHh });
    return r.map((v) => (unbatched ? v.squeeze(0) : v));
  }

  override extraRepr(): string {
    return `${this.inputSize}, ${this.hiddenSize}${this.bias ? '' : ', bias=false'}${this.mode === 'RNN_RELU' ? ", nonlinearity='relu'" : ''}`;
  }
}

/** One Elman step. @example const h1 = new nn.RNNCell(10, 20).forward(x, h0); */
export class RNNCell extends RNNCellBase {
  constructor(inputSize: number, hiddenSize: number, options?: RNNCellOptions) {
    const o = checkOptions('RNNCell', options, ['bias', 'nonlinearity', 'dtype']);
    const nl = o.nonlinearity ?? 'tanh';
    if (nl !== 'tanh' && nl !== 'relu') throw new TorchTypeError(`RNNCell: unknown nonlinearity '${String(nl)}'`);
    super(nl === 'tanh' ? 'RNN_TANH' : 'RNN_RELU', 'RNNCell', inputSize, hiddenSize, o);
  }
  override forward(input: Variable, hx?: Variable | null): Variable {
    return this._cell(input, hx ? [hx] : null)[0]!;
  }
}

/** One LSTM step; returns [h', c']. @example const [h1, c1] = new nn.LSTMCell(10, 20).forward(x, [h0, c0]); */
export class LSTMCell extends RNNCellBase {
  constructor(inputSize: number, hiddenSize: number, options?: Omit<RNNCellOptions, 'nonlinearity'>) {
    super('LSTM', 'LSTMCell', inputSize, hiddenSize, checkOptions('LSTMCell', options, ['bias', 'dtype']));
  }
  override forward(input: Variable, hx?: [Variable, Variable] | null): [Variable, Variable] {
    if (hx !== null && hx !== undefined && (!Array.isArray(hx) || hx.length !== 2)) throw new TorchTypeError('LSTMCell: hx must be [h, c]');
    const [h, c] = this._cell(input, hx ?? null);
    return [h!, c!];
  }
}

/** One GRU step. @example const h1 = new nn.GRUCell(10, 20).forward(x, h0); */
export class GRUCell extends RNNCellBase {
  constructor(inputSize: number, hiddenSize: number, options?: Omit<RNNCellOptions, 'nonlinearity'>) {
    super('GRU', 'GRUCell', inputSize, hiddenSize, checkOptions('GRUCell', options, ['bias', 'dtype']));
  }
  override forward(input: Variable, hx?: Variable | null): Variable {
    return this._cell(input, hx ? [hx] : null)[0]!;
  }
}
