/**
 * The field names Torch7 spells differently (snake_case), and how a module's fields are written.
 * No imports: module.ts uses this without a cycle.
 */
/** Torch7 field name → ours. */
export const FROM_TORCH7: Record<string, string> = { min_val: 'minVal', max_val: 'maxVal', constant_scalar: 'constantScalar' };
const TO_TORCH7 = Object.fromEntries(Object.entries(FROM_TORCH7).map(([k, v]) => [v, k]));
/** Torch7 bookkeeping fields with no meaning here. */
export const DROPPED = new Set(['_type']);

/** A module's class name and fields as Torch7 writes them. @internal */
export function moduleToT7(m: { typename: string }): { typename: string; fields: Record<string, unknown> } {
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) if (v !== undefined && typeof v !== 'function') fields[TO_TORCH7[k] ?? k] = v;
  return { typename: m.typename, fields };
}

