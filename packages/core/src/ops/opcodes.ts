// Op codes of the native elementwise kernels (native/src/kernels/elementwise.h, enum Op).
export const OP = {
  copy: 0, neg: 1, abs: 2, sign: 3, reciprocal: 4, sqrt: 5, rsqrt: 6, exp: 7, log: 8, log1p: 9, expm1: 10,
  sin: 11, cos: 12, tan: 13, asin: 14, acos: 15, atan: 16, sinh: 17, cosh: 18, tanh: 19, sigmoid: 20,
  floor: 21, ceil: 22, round: 23, trunc: 24, frac: 25, clamp: 26,
  add: 32, sub: 33, mul: 34, div: 35, atan2: 36, pow: 37, fmod: 38, remainder: 39, minimum: 40, maximum: 41,
  eq: 42, ne: 43, lt: 44, le: 45, gt: 46, ge: 47, logicalAnd: 48, logicalOr: 49, logicalXor: 50,
  bitwiseAnd: 51, bitwiseOr: 52, bitwiseXor: 53, divTrunc: 54, divFloor: 55, nanToNum: 56, thresholdBackward: 57,
  lerp: 64, addcmul: 65, addcdiv: 66, where: 67,
  erf: 96, erfc: 97, erfinv: 98, log2: 99, log10: 100, exp2: 101, square: 102, isnan: 103, isinf: 104, isfinite: 105,
  logicalNot: 106, bitwiseNot: 107,
} as const;

/** True for the ops whose result is bool. */
export function isComparisonOp(code: number): boolean {
  return (code >= OP.eq && code <= OP.logicalXor) || (code >= OP.isnan && code <= OP.logicalNot);
}

let names: Map<number, string> | undefined;
/** The op's name for messages (built on first use: only errors need it). */
export function opName(code: number): string {
  names ??= new Map(Object.entries(OP).map(([k, v]) => [v, k]));
  return names.get(code) ?? `elementwise op ${code}`;
}
