/**
 * The field names Torch7 spells differently (snake_case), and how a module's fields are written.
 * No imports: module.ts uses this without a cycle.
 */
/** Torch7 field name → ours. */
export const FROM_TORCH7: Record<string, string> = {
  min_val: 'minVal', max_val: 'maxVal', constant_scalar: 'constantScalar',
  running_mean: 'runningMean', running_var: 'runningVar', save_mean: 'saveMean', save_std: 'saveStd',
  ceil_mode: 'ceilMode', count_include_pad: 'countIncludePad',
};

/** Fields that hold dims or positions, 1-based in Torch7 (a positive value shifts; negatives count from the end). */
export const ONE_BASED: Record<string, readonly string[]> = {
  'nn.JoinTable': ['dimension'], 'nn.SplitTable': ['dimension'], 'nn.Narrow': ['dimension', 'index'], 'nn.Select': ['dimension', 'index'],
  'nn.Sum': ['dimension'], 'nn.Mean': ['dimension'], 'nn.Max': ['dimension'], 'nn.Min': ['dimension'], 'nn.Concat': ['dimension'],
  'nn.Parallel': ['inputDimension', 'outputDimension'], 'nn.Padding': ['dim'], 'nn.Replicate': ['dim'], 'nn.Squeeze': ['dim'],
  'nn.Unsqueeze': ['pos'], 'nn.SelectTable': ['index'], 'nn.NarrowTable': ['offset'], 'nn.Index': ['dimension'],
  'nn.SpatialConvolutionMap': ['connTable'],
};

/** Shifts a Torch7 position to ours (delta −1) or back (+1); Transpose's permutations are pairs of them. */
export function shiftPosition(v: unknown, delta: -1 | 1): unknown {
  if (Array.isArray(v)) return v.map((x) => shiftPosition(x, delta));
  // A tensor of plane numbers (SpatialConvolutionMap's connection table), which are never negative.
  if (isTensorLike(v)) return v.add(delta);
  if (typeof v !== 'number') return v;
  return delta < 0 ? (v > 0 ? v - 1 : v) : v >= 0 ? v + 1 : v;
}
function isTensorLike(v: unknown): v is { add(n: number): unknown } {
  return typeof v === 'object' && v !== null && 'dtype' in v && typeof (v as { add?: unknown }).add === 'function';
}
const TO_TORCH7 = Object.fromEntries(Object.entries(FROM_TORCH7).map(([k, v]) => [v, k]));
/** Torch7 bookkeeping fields with no meaning here. */
export const DROPPED = new Set(['_type', 'running_std']);

/** A module's class name and fields as Torch7 writes them. @internal */
export function moduleToT7(m: { typename: string }): { typename: string; fields: Record<string, unknown> } {
  const fields: Record<string, unknown> = {};
  const positions = new Set(ONE_BASED[m.typename] ?? (m.typename === 'nn.Transpose' ? ['permutations'] : []));
  for (const [k, v] of Object.entries(m)) if (v !== undefined && typeof v !== 'function') fields[TO_TORCH7[k] ?? k] = positions.has(k) ? shiftPosition(v, 1) : v;
  return { typename: m.typename, fields };
}

