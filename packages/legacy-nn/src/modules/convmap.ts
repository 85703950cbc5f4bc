/**
 * Torch7's SpatialConvolutionMap: a convolution in which output plane j sees only the input planes the
 * connection table pairs with it, plus the `nn.tables` that build such tables. It runs on core's dense
 * convolution kernels: the connection weights are placed into a [nOut, nIn, kH, kW] weight that is zero
 * off the table, and the dense weight gradient is read back at the connected positions.
 */
import { convolutionAccGradParameters, empty, int64, randperm, Tensor, tensor, TorchSizeError, TorchTypeError, type ConvParams } from '@torch/core';
import type { Activity } from '../module';
import { ConvolutionBase } from './convolution';
import { asTensor, scratch } from './util';
import { signature } from '../signature';

/**
 * Connection tables for SpatialConvolutionMap: [nConnections, 2] tensors of (input plane, output plane)
 * pairs, 0-based (Torch7's `nn.tables`, whose planes count from 1).
 * @example
 * nn.tables.full(3, 2);       // every input plane to every output plane: 6 rows
 * nn.tables.oneToOne(4);      // plane i to plane i
 * nn.tables.random(6, 4, 2);  // each output plane sees 2 input planes, spread evenly over the 6
 */
export const tables = {
  /** Every input plane to every output plane, ordered by output plane. @example nn.tables.full(3, 2) */
  full(nin: number, nout: number): Tensor {
    const rows: number[][] = [];
    for (let j = 0; j < nout; j++) for (let i = 0; i < nin; i++) rows.push([i, j]);
    return tableOf('full', rows);
  },
  /** Input plane i to output plane i. @example nn.tables.oneToOne(3) */
  oneToOne(nfeat: number): Tensor {
    return tableOf('oneToOne', Array.from({ length: nfeat }, (_, i) => [i, i]));
  },
  /**
   * Each of the nout output planes connected to nto input planes: as Torch7, the input planes are dealt
   * from random permutations in chunks of nto, so every input plane is used about equally often.
   * @example nn.tables.random(6, 4, 2)
   */
  random(nin: number, nout: number, nto: number): Tensor {
    for (const [name, v] of [['nin', nin], ['nout', nout], ['nto', nto]] as const)
      if (!Number.isInteger(v) || v < 1) throw new TorchTypeError(`nn.tables.random: ${name} must be a positive integer, got ${v}`);
    if (nto > nin) throw new TorchSizeError(`nn.tables.random: cannot connect ${nto} of only ${nin} input planes`);
    const chunks = Math.floor(nin / nto);
    let perm = randperm(nin).tolist() as number[];
    let chunk = 0;
    const rows: number[][] = [];
    for (let j = 0; j < nout; j++) {
      for (let k = 0; k < nto; k++) rows.push([perm[chunk * nto + k]!, j]);
      if (++chunk === chunks) (perm = randperm(nin).tolist() as number[], (chunk = 0));
    }
    return tableOf('random', rows);
  },
};

function tableOf(op: string, rows: number[][]): Tensor {
  if (rows.length === 0) throw new TorchSizeError(`nn.tables.${op}: the table would be empty`);
  return empty(rows.length, 2).copy_(tensor(rows));
}

/**
 * 2-D convolution through a connection table (0-based (input plane, output plane) rows, e.g. from
 * `nn.tables`): weight [nConnections, kH, kW], one kernel per row; bias [nOutputPlane]. Input
 * [nInputPlane, H, W] or [N, nInputPlane, H, W], with nInputPlane and nOutputPlane one more than the
 * largest plane in the table.
 * @example
 * const m = new nn.SpatialConvolutionMap(nn.tables.random(6, 16, 3), 5, 5);
 * m.forward(torch.randn(6, 32, 32));   // [16, 28, 28]
 */
@signature('connTable: Tensor, kW: number, kH: number, dW?: number, dH?: number')
export class SpatialConvolutionMap extends ConvolutionBase {
  protected readonly transposed: boolean = false;
  nInputPlane: number;
  nOutputPlane: number;

  constructor(public connTable: Tensor, public kW: number, public kH: number, public dW = 1, public dH = 1) {
    super();
    if (!(connTable instanceof Tensor) || connTable.dim() !== 2 || connTable.size(1) !== 2 || connTable.size(0) === 0)
      throw new TorchTypeError(`nn.SpatialConvolutionMap: the connection table must be a [nConnections, 2] tensor of (input plane, output plane) rows`);
    const planes = connTable.tolist() as number[][];
    if (planes.some((r) => r.some((p) => !Number.isInteger(p) || p < 0)))
      throw new TorchTypeError(`nn.SpatialConvolutionMap: the connection table's planes must be non-negative integers (0-based)`);
    this.nInputPlane = Math.max(...planes.map((r) => r[0]!)) + 1;
    this.nOutputPlane = Math.max(...planes.map((r) => r[1]!)) + 1;
    this.weight = empty(connTable.size(0), kH, kW);
    this.gradWeight = empty(connTable.size(0), kH, kW).zero_();
    this.bias = empty(this.nOutputPlane);
    this.gradBias = empty(this.nOutputPlane).zero_();
    this.reset();
  }

  /**
   * Uniform in ±1/√(kW·kH·fanIn) with each output plane's own fan-in, as Torch7; with stdv, in
   * ±stdv·√3 for every weight. @example m.reset()
   */
  override reset(stdv?: number): this {
    if (stdv !== undefined) {
      this.weight.uniform_(-stdv * Math.sqrt(3), stdv * Math.sqrt(3));
      this.bias!.uniform_(-stdv * Math.sqrt(3), stdv * Math.sqrt(3));
      return this;
    }
    const pairs = this.connTable.tolist() as number[][];
    const fanIn = new Array<number>(this.nOutputPlane).fill(0);
    for (const [, o] of pairs) fanIn[o!]!++;
    pairs.forEach(([, o], k) => {
      const s = 1 / Math.sqrt(this.kW * this.kH * fanIn[o!]!);
      this.weight.select(0, k).uniform_(-s, s);
    });
    fanIn.forEach((n, o) => {
      const s = 1 / Math.sqrt(this.kW * this.kH * n);
      this.bias!.narrow(0, o, 1).uniform_(-s, s);
    });
    return this;
  }

  protected params(): ConvParams {
    return { stride: [this.dH, this.dW], padding: [0, 0], dilation: [1, 1], groups: 1 };
  }

  /** Row k of the table as a position in the dense [nOut·nIn] plane grid (in a reused buffer). */
  private positions(): Tensor {
    const table = this.connTable;
    const pos = scratch(this, '_positions', table, [table.size(0)], int64);
    return pos.copy_(table.select(1, 1)).mul_(this.nInputPlane).add_(table.select(1, 0).to(int64));
  }

  /** The connection weights placed in a dense [nOut, nIn, kH, kW] weight, zero off the table. */
  protected override kernelWeight(w: Tensor): Tensor {
    const dense = scratch(this, '_denseWeight', w, [this.nOutputPlane, this.nInputPlane, this.kH, this.kW]).zero_();
    dense.view(this.nOutputPlane * this.nInputPlane, -1).indexAdd_(0, this.positions(), w.reshape(w.size(0), -1));
    return dense;
  }

  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    const [x, single] = this.batched(asTensor(input, this.typename));
    const gy = asTensor(gradOutput, this.typename, 'gradOutput');
    const dense = scratch(this, '_denseGradWeight', this.weight, [this.nOutputPlane, this.nInputPlane, this.kH, this.kW]).zero_();
    convolutionAccGradParameters(x, single ? gy.unsqueeze(0) : gy, dense, this.gradBias ?? null, this.params(), scale);
    const picked = dense.view(this.nOutputPlane * this.nInputPlane, -1).indexSelect(0, this.positions());
    this.gradWeight.view(this.gradWeight.size(0), -1).add_(picked);
  }

}
