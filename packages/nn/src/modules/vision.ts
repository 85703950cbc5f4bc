// Padding layers, PixelShuffle, Upsample.
import { Variable } from '@torch/autograd';
import { Module } from '../module';
import * as F from '../functional/vision';
import { checkRank, signature, positiveInt } from '../utils/args';
import { TorchTypeError } from '@torch/core';

/** Expands PyTorch's padding argument: one int for every side, or explicit per-side values. */
function expandPadding(op: string, padding: number | number[], sides: number): number[] {
  const p = typeof padding === 'number' ? Array(sides).fill(padding) : padding;
  if (!Array.isArray(p) || p.length !== sides || p.some((v) => !Number.isInteger(v)))
    throw new TorchTypeError(`${op}: padding must be an integer or ${sides} integers, got ${JSON.stringify(padding)}`);
  return [...p];
}

abstract class PadBase extends Module {
  readonly padding: number[];
  constructor(padding: number | number[], sides: number, private readonly mode: F.PadMode, private readonly ranks: number[], readonly value = 0) {
    super();
    this.padding = expandPadding(new.target.name, padding, sides);
  }
  override forward(x: Variable): Variable {
    checkRank(this.constructor.name, x.shape, this.ranks);
    return F.pad(x, this.padding, { mode: this.mode, value: this.value });
  }
  override extraRepr(): string {
    return this.mode === 'constant' && this.constructor.name.startsWith('Constant') ? `padding=[${this.padding.join(', ')}], value=${this.value}` : `[${this.padding.join(', ')}]`;
  }
}

/** Pads the last dim with a constant: padding = n or [left, right]. @example new nn.ConstantPad1d(2, 3.5) */
export class ConstantPad1d extends PadBase {
  constructor(padding: number | [number, number], value: number) {
    super(padding, 2, 'constant', [2, 3], value);
  }
}
/** Pads the last two dims with a constant: [left, right, top, bottom]. @example new nn.ConstantPad2d([1, 1, 2, 0], 0) */
export class ConstantPad2d extends PadBase {
  constructor(padding: number | [number, number, number, number], value: number) {
    super(padding, 4, 'constant', [3, 4], value);
  }
}
/** Pads the last three dims with a constant. @example new nn.ConstantPad3d(1, 0) */
export class ConstantPad3d extends PadBase {
  constructor(padding: number | number[], value: number) {
    super(padding, 6, 'constant', [4, 5], value);
  }
}
/** Pads the last two dims with zeros. @example new nn.ZeroPad2d([1, 1, 2, 0]) */
export class ZeroPad2d extends PadBase {
  constructor(padding: number | [number, number, number, number]) {
    super(padding, 4, 'constant', [3, 4], 0);
  }
}
/** Mirrors the last dim (the edge not repeated). @example new nn.ReflectionPad1d(2) */
export class ReflectionPad1d extends PadBase {
  constructor(padding: number | [number, number]) {
    super(padding, 2, 'reflect', [2, 3]);
  }
}
/** Mirrors the last two dims. @example new nn.ReflectionPad2d(2) */
export class ReflectionPad2d extends PadBase {
  constructor(padding: number | [number, number, number, number]) {
    super(padding, 4, 'reflect', [3, 4]);
  }
}
/** Repeats the edge of the last dim. @example new nn.ReplicationPad1d(2) */
export class ReplicationPad1d extends PadBase {
  constructor(padding: number | [number, number]) {
    super(padding, 2, 'replicate', [2, 3]);
  }
}
/** Repeats the edges of the last two dims. @example new nn.ReplicationPad2d([1, 1, 2, 0]) */
export class ReplicationPad2d extends PadBase {
  constructor(padding: number | [number, number, number, number]) {
    super(padding, 4, 'replicate', [3, 4]);
  }
}
/** Repeats the edges of the last three dims. @example new nn.ReplicationPad3d(1) */
export class ReplicationPad3d extends PadBase {
  constructor(padding: number | number[]) {
    super(padding, 6, 'replicate', [4, 5]);
  }
}

/** [*, C·r², H, W] -> [*, C, H·r, W·r]. @example new nn.PixelShuffle(3) */
export class PixelShuffle extends Module {
  readonly upscaleFactor: number;
  constructor(upscaleFactor: number) {
    super();
    this.upscaleFactor = positiveInt('PixelShuffle', 'upscaleFactor', upscaleFactor);
  }
  override forward(x: Variable): Variable {
    return F.pixelShuffle(x, this.upscaleFactor);
  }
  override extraRepr(): string {
    return `upscaleFactor=${this.upscaleFactor}`;
  }
}

type UpsampleArgs = { size?: number | number[] | null; scaleFactor?: number | number[] | null; mode?: F.InterpolateMode; alignCorners?: boolean | null };

/**
 * Resizes spatial dims (nearest or (bi/tri)linear).
 * @example new nn.Upsample({ scaleFactor: 2, mode: 'bilinear', alignCorners: false })
 */
export class Upsample extends Module {
  readonly size: number | number[] | null;
  readonly scaleFactor: number | number[] | null;
  readonly mode: F.InterpolateMode;
  readonly alignCorners: boolean | null;
  constructor(...args: [size?: number | number[] | null, scaleFactor?: number | number[] | null, mode?: F.InterpolateMode, alignCorners?: boolean | null] | [UpsampleArgs]) {
    super();
    const o = signature('Upsample', args, { size: null as number | number[] | null, scaleFactor: null as number | number[] | null, mode: 'nearest' as F.InterpolateMode, alignCorners: null as boolean | null });
    ({ size: this.size, scaleFactor: this.scaleFactor, mode: this.mode, alignCorners: this.alignCorners } = o);
  }
  override forward(x: Variable): Variable {
    return F.interpolate(x, { size: this.size, scaleFactor: this.scaleFactor, mode: this.mode, alignCorners: this.alignCorners });
  }
  override extraRepr(): string {
    return (this.scaleFactor !== null ? `scaleFactor=${JSON.stringify(this.scaleFactor)}` : `size=${JSON.stringify(this.size)}`) + `, mode='${this.mode}'`;
  }
}
