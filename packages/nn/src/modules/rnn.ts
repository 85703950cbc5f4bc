// RNN, LSTM, GRU: multi-layer, bidirectional, dropout between layers, batchFirst, initial state, and
// PackedSequence input. Parameters have PyTorch's names in camelCase (weight_ih_l0 -> weightIhL0,
// bias_hh_l1_reverse -> biasHhL1Reverse) and PyTorch's layouts.
import { TorchSizeError, TorchTypeError, empty, zeros, type DType } from '@torch/core';
import { Variable, cat } from '@torch/autograd';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { runDirection, type CellMode, type State } from '../functional/rnn';
import { linearUnchecked } from '../functional/linear';
import { dropout } from '../functional/dropout';
import { PackedSequence } from '../utils/rnn';
import { checkOptions, positiveInt, fmtSize, inRange } from '../utils/args';
import { uniform_ } from '../init';

/** Options of RNN, LSTM and GRU (PyTorch's keyword arguments). */
export interface RNNOptions {
  /** Stacked layers (default 1). */
  numLayers?: number;
  /** RNN only: 'tanh' (default) or 'relu'. */
  nonlinearity?: 'tanh' | 'relu';
  /** Learn biases (default true). */
  bias?: boolean;
  /** Input and output are [B, T, *] instead of [T, B, *] (default false; states stay [L·D, B, H]). */
  batchFirst?: boolean;
  /** Dropout on the outputs of every layer but the last, in training (default 0). */
  dropout?: number;
  /** Run a second direction backwards in time and concatenate (default false). */
  bidirectional?: boolean;
  dtype?: DType;
}

const gatesOf: Record<CellMode, number> = { RNN_TANH: 1, RNN_RELU: 1, LSTM: 4, GRU: 3 };

/** The shared implementation; use RNN, LSTM or GRU. */
export abstract class RNNBase extends Module {
  readonly mode: CellMode;
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly bias: boolean;
  readonly batchFirst: boolean;
  readonly dropout: number;
  readonly bidirectional: boolean;

  constructor(mode: CellMode, name: string, inputSize: number, hiddenSize: number, o: RNNOptions) {
    super();
    this.mode = mode;
    this.inputSize = positiveInt(name, 'inputSize', inputSize);
    this.hiddenSize = positiveInt(name, 'hiddenSize', hiddenSize);
    this.numLayers = positiveInt(name, 'numLayers', o.numLayers ?? 1);
    this.bias = o.bias ?? true;
    this.batchFirst = o.batchFirst ?? false;
    this.dropout = inRange(name, 'dropout', o.dropout ?? 0, 0, 1);
    this.bidirectional = o.bidirectional ?? false;
    const G = gatesOf[mode] * hiddenSize;
    const dt = o.dtype ? { dtype: o.dtype } : {};
    const dirs = this.bidirectional ? 2 : 1;
    for (let l = 0; l < this.numLayers; l++) {
      for (let d = 0; d < dirs; d++) {
        const sfx = `L${l}${d === 1 ? 'Reverse' : ''}`;
        const inSize = l === 0 ? inputSize : hiddenSize * dirs;
        this.registerParameter(`weightIh${sfx}`, new Parameter(empty([G, inSize], dt)));
        this.registerParameter(`weightHh${sfx}`, new Parameter(empty([G, hiddenSize], dt)));
        if (this.bias) {
          this.registerParameter(`biasIh${sfx}`, new Parameter(empty([G], dt)));
          this.registerParameter(`biasHh${sfx}`, new Parameter(empty([G], dt)));
        }
      }
    }
    this.resetParameters();
  }

  /** Every weight and bias from U(-1/√H, 1/√H), as PyTorch. @example lstm.resetParameters() */
  resetParameters(): void {
    const k = 1 / Math.sqrt(this.hiddenSize);
    for (const p of this.parameters()) uniform_(p, -k, k);
  }

  /** The parameter of that PyTorch-style name, or null. @internal */
  _param(name: string): Parameter | null {
    const p = (this as unknown as Record<string, unknown>)[name];
    return p instanceof Parameter ? p : null;
  }

  /** The [L·D, B, H] state sizes for a batch of B. @internal */
  _stateShape(B: number): number[] {
    return [this.numLayers * (this.bidirectional ? 2 : 1), B, this.hiddenSize];
  }

  /** Checks one initial state tensor against [L·D, B, H] (or [L·D, H] unbatched). @internal */
  _checkState(name: string, h: Variable, B: number, unbatched: boolean): Variable {
    const want = this._stateShape(B);
    const shape = unbatched ? [want[0]!, want[2]!] : want;
    if (!(h instanceof Variable)) throw new TorchTypeError(`${this.constructor.name}: ${name} must be a Variable`);
    if (h.dim() !== shape.length || h.shape.some((s, i) => s !== shape[i]))
      throw new TorchSizeError(`${this.constructor.name}: expected ${name} of size ${fmtSize(shape)}, got ${fmtSize(h.shape)}`);
    return unbatched ? h.unsqueeze(1) : h;
  }

  /**
   * Runs the layers over a padded [T, B, inputSize] input ([B, T, inputSize] with batchFirst, or an
   * unbatched [T, inputSize]) or a PackedSequence. hx: initial states [L·D, B, H] (LSTM: [h0, c0]),
   * zeros when omitted. Returns [output, hN] (LSTM: [output, [hN, cN]]); output is a PackedSequence for
   * packed input, and hN holds each sequence's state after its own last step.
   * @internal
   */
  _run(input: Variable | PackedSequence, hx: Variable[] | null): [Variable | PackedSequence, Variable[]] {
    const name = this.constructor.name;
    const dirs = this.bidirectional ? 2 : 1;
    let data: Variable, sizes: number[], B: number, T = 0, unbatched = false;
    const packed = input instanceof PackedSequence ? input : null;
    if (packed !== null) {
      data = packed.data;
      sizes = packed._sizes;
      B = sizes[0] ?? 0;
      if (data.dim() !== 2 || data.shape[1] !== this.inputSize)
        throw new TorchSizeError(`${name}: expected packed data of size [*, ${this.inputSize}], got ${fmtSize(data.shape)}`);
    } else {
      if (!(input instanceof Variable)) throw new TorchTypeError(`${name}: input must be a Variable or a PackedSequence, got ${input === null ? 'null' : typeof input}`);
      let x = input;
      if (x.dim() !== 2 && x.dim() !== 3) throw new TorchSizeError(`${name}: expected input of 2 (unbatched) or 3 dims, got ${x.dim()}D input of size ${fmtSize(x.shape)}`);
      if (x.shape[x.dim() - 1] !== this.inputSize)
        throw new TorchSizeError(`${name}: expected input with ${this.inputSize} features in its last dim, got input of size ${fmtSize(x.shape)}`);
      if (x.dim() === 2) {
        unbatched = true;
        x = x.unsqueeze(1);
      } else if (this.batchFirst) x = x.transpose(0, 1);
      [T, B] = x.shape as [number, number];
      if (T === 0) throw new TorchSizeError(`${name}: expected a sequence of at least one step, got input of size ${fmtSize(input.shape)}`);
      sizes = Array(T).fill(B);
      data = x.reshape([T * B, this.inputSize]);
    }
    const nState = this.mode === 'LSTM' ? 2 : 1;
    let init: Variable[];
    if (hx === null) {
      const z = new Variable(zeros(this._stateShape(B), { dtype: data.data.dtype }));
      init = Array(nState).fill(z);
    } else {
      init = hx.map((h, k) => this._checkState(nState === 2 ? (k === 0 ? 'h0' : 'c0') : 'hx', h, B, unbatched));
      // With packed input, states are given in the original batch order; the layers run in length order.
      if (packed?.sortedIndices) init = init.map((h) => h.indexSelect(1, packed.sortedIndices!));
    }
    const lastH: Variable[][] = init.map(() => []);
    let layerIn = data;
    for (let l = 0; l < this.numLayers; l++) {
      const outs: Variable[] = [];
      for (let d = 0; d < dirs; d++) {
        const sfx = `L${l}${d === 1 ? 'Reverse' : ''}`;
        const wih = this._param(`weightIh${sfx}`)!, whh = this._param(`weightHh${sfx}`)!;
        const gi = linearUnchecked(layerIn, wih, this._param(`biasIh${sfx}`));
        const state = init.map((h) => h.select(0, l * dirs + d)) as State;
        const r = runDirection(this.mode, gi, sizes, state, { whhT: whh.t(), biasHh: this._param(`biasHh${sfx}`) }, d === 1);
        outs.push(r.out);
        r.last.forEach((v, k) => lastH[k]!.push(v));
      }
      layerIn = dirs === 1 ? outs[0]! : cat(outs, 1);
      if (this.dropout > 0 && this.training && l < this.numLayers - 1) layerIn = dropout(layerIn, { p: this.dropout, training: true });
    }
    let states = lastH.map((hs) => (hs.length === 1 ? hs[0]!.unsqueeze(0) : stackStates(hs)));
    if (packed !== null) {
      if (packed.unsortedIndices) states = states.map((h) => h.indexSelect(1, packed.unsortedIndices!));
      return [packed.withData(layerIn), states];
    }
    let out = layerIn.view([T, B, this.hiddenSize * dirs]);
    if (unbatched) {
      out = out.squeeze(1);
      states = states.map((h) => h.squeeze(1));
    } else if (this.batchFirst) out = out.transpose(0, 1);
    return [out, states];
  }

  override extraRepr(): string {
    let s = `${this.inputSize}, ${this.hiddenSize}`;
    if (this.numLayers !== 1) s += `, numLayers=${this.numLayers}`;
    if (!this.bias) s += ', bias=false';
    if (this.batchFirst) s += ', batchFirst=true';
    if (this.dropout) s += `, dropout=${this.dropout}`;
    if (this.bidirectional) s += ', bidirectional=true';
    return s;
  }
}

function stackStates(hs: Variable[]): Variable {
  return cat(hs.map((h) => h.unsqueeze(0)), 0);
}

const rnnKeys = ['numLayers', 'nonlinearity', 'bias', 'batchFirst', 'dropout', 'bidirectional', 'dtype'];

/**
 * Elman RNN: h' = tanh(W_ih x + b_ih + W_hh h + b_hh) (or relu), stacked and optionally bidirectional.
 * @example
 * const rnn = new nn.RNN(10, 20, { numLayers: 2 });
 * const [output, hN] = rnn.forward(x);        // x [T, B, 10] -> output [T, B, 20], hN [2, B, 20]
 */
export class RNN extends RNNBase {
  readonly nonlinearity: 'tanh' | 'relu';
  constructor(inputSize: number, hiddenSize: number, options?: RNNOptions) {
    const o = checkOptions('RNN', options, rnnKeys);
    const nl = o.nonlinearity ?? 'tanh';
    if (nl !== 'tanh' && nl !== 'relu') throw new TorchTypeError(`RNN: unknown nonlinearity '${String(nl)}' (expected 'tanh' or 'relu')`);
    super(nl === 'tanh' ? 'RNN_TANH' : 'RNN_RELU', 'RNN', inputSize, hiddenSize, o);
    this.nonlinearity = nl;
  }
  override forward(input: Variable | PackedSequence, hx?: Variable | null): [Variable | PackedSequence, Variable] {
    const [out, [h]] = this._run(input, hx ? [hx] : null);
    return [out, h!];
  }
  override extraRepr(): string {
    return super.extraRepr() + (this.nonlinearity === 'relu' ? ", nonlinearity='relu'" : '');
  }
}

/**
 * Long short-term memory: gates i, f, g, o from W_ih x + W_hh h; c' = f c + i g, h' = o tanh(c').
 * @example
 * const lstm = new nn.LSTM(128, 256, { numLayers: 2, batchFirst: true });
 * const [output, [hN, cN]] = lstm.forward(x);   // x [B, T, 128]
 */
export class LSTM extends RNNBase {
  constructor(inputSize: number, hiddenSize: number, options?: Omit<RNNOptions, 'nonlinearity'>) {
    super('LSTM', 'LSTM', inputSize, hiddenSize, checkOptions('LSTM', options, rnnKeys.filter((k) => k !== 'nonlinearity')));
  }
  override forward(input: Variable | PackedSequence, hx?: [Variable, Variable] | null): [Variable | PackedSequence, [Variable, Variable]] {
    if (hx !== null && hx !== undefined && (!Array.isArray(hx) || hx.length !== 2)) throw new TorchTypeError('LSTM: hx must be [h0, c0]');
    const [out, [h, c]] = this._run(input, hx ?? null);
    return [out, [h!, c!]];
  }
}

/**
 * Gated recurrent unit: r, z gates and candidate n = tanh(W_in x + b_in + r (W_hn h + b_hn)); h' = (1 - z) n + z h.
 * @example const [output, hN] = new nn.GRU(10, 20, { bidirectional: true }).forward(x);
 */
export class GRU extends RNNBase {
  constructor(inputSize: number, hiddenSize: number, options?: Omit<RNNOptions, 'nonlinearity'>) {
    super('GRU', 'GRU', inputSize, hiddenSize, checkOptions('GRU', options, rnnKeys.filter((k) => k !== 'nonlinearity')));
  }
  override forward(input: Variable | PackedSequence, hx?: Variable | null): [Variable | PackedSequence, Variable] {
    const [out, [h]] = this._run(input, hx ? [hx] : null);
    return [out, h!];
  }
}

