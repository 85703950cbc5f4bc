/**
 * The declared signature of every Tensor method (DESIGN.md §3, "arguments are strict"). The
 * elementwise ops' signatures are derived from their op table (ops/elementwise.ts), so an op added
 * there is checked with no entry here; every other method is declared below, once. `installArgChecks`
 * wraps each method with the checks derived from its declaration (ops/strict.ts), and a test fails for
 * any Tensor method without one. The declaration syntax (see `parseSignature`):
 *
 *   'dim =keepdim | dim keepdim dtype out'
 *    ^ positional   ^ after '|': the option keys
 *        ^ '=name': an option PyTorch also takes positionally (x.sum(1, true) is keepdim: true)
 *   '...shape': any number of positional arguments
 */
import { binaryOps, ternaryOps, unaryOps } from './elementwise';
import { checkedMethod, parseSignature, type Signature } from './strict';

const TERNARY: Record<string, string> = { lerp: 'end weight |', addcmul: 't1 t2 | value', addcdiv: 't1 t2 | value' };

const noArgs = (names: string): Record<string, string> => Object.fromEntries(names.split(' ').map((n) => [n, '']));

const MM = 'other | out', ADDMM = 'a b | beta alpha out', ADDMM_ = 'a b | beta alpha';
const REDUCE_KEEP = 'dim =keepdim | dim keepdim out';
const SUM = 'dim =keepdim | dim keepdim dtype out';
const UPPER = '=upper | upper';
const TRI = 'a =upper =transpose =unitriangular | upper transpose unitriangular';

/** Every declared method but the elementwise table's: name → declaration. */
export const METHOD_DECLARATIONS: Readonly<Record<string, string>> = {
  ...noArgs(
    'dim ndimension numel nelement storage storageOffset isContiguous item tolist cpu float double half long int short char byte bool ' +
      'zero_ clone contiguous t t_ trace inverse det logdet slogdet numpy elementSize isSigned toString detach',
  ),
  size: 'dim', stride: 'dim', type: 'dtype', typeAs: 'other', copy_: 'src', fill_: 'value',
  to: 'target dtype | dtype device copy', // to(dtype | device | tensor, dtype?, { dtype, device, copy })
  view: '...shape', reshape: '...shape', permute: '...dims', expand: '...shape', resize_: '...shape', repeat: '...sizes', flip: '...dims',
  viewAs: 'other', expandAs: 'other', transpose: 'dim0 dim1', transpose_: 'dim0 dim1', narrow: 'dim start length', select: 'dim index',
  unfold: 'dim size step', squeeze: 'dim', unsqueeze: 'dim', squeeze_: 'dim', unsqueeze_: 'dim', flatten: 'startDim endDim',
  set_: 'source offset size stride', get: '...indices', set: 'indices value | accumulate',
  mm: MM, mv: MM, bmm: MM, matmul: MM, dot: 'other',
  addmm: ADDMM, addmv: ADDMM, addr: ADDMM, baddbmm: ADDMM, addbmm: ADDMM,
  addmm_: ADDMM_, addmv_: ADDMM_, addr_: ADDMM_, baddbmm_: ADDMM_, addbmm_: ADDMM_,
  uniform_: 'from to | generator', normal_: 'mean std | generator',
  clamp: 'min max | out', clamp_: 'min max',
  max: REDUCE_KEEP, min: REDUCE_KEEP,
  sort: 'dim =descending | dim descending stable out', argsort: 'dim =descending | dim descending stable',
  topk: 'k dim =largest =sorted | dim largest sorted out', kthvalue: 'k dim =keepdim | dim keepdim out',
  median: REDUCE_KEEP, mode: REDUCE_KEEP,
  unique: '=sorted =returnInverse =returnCounts =dim | sorted returnInverse returnCounts dim',
  toTypedArray: '| copy',
  cholesky: UPPER, choleskyInverse: UPPER, choleskySolve: 'factor =upper | upper', triangularSolve: TRI,
  qr: '=some | some', svd: '=some =computeUv | some computeUv', eig: '=eigenvectors | eigenvectors',
  symeig: '=eigenvectors =upper | eigenvectors upper', pinverse: '=rcond | rcond', matrixPower: 'n',
  gesv: 'a', gels: 'a', potrf: UPPER, potri: UPPER, potrs: 'factor =upper | upper', trtrs: TRI,
  split: 'splitSize dim', chunk: 'chunks dim', unbind: 'dim', roll: 'shifts dims',
  tril: 'diagonal | out', triu: 'diagonal | out', tril_: 'diagonal', triu_: 'diagonal', diag: 'diagonal | out',
  cross: 'other dim | out', histc: 'bins min max | out', where: 'condition other | out',
  exponential_: 'lambd | generator', geometric_: 'p | generator', cauchy_: 'median sigma | generator', logNormal_: 'mean std | generator',
  random_: '...bounds | generator', bernoulli_: 'p | generator', bernoulli: 'p | generator',
  multinomial: 'numSamples =replacement | replacement generator',
  sum: SUM, mean: SUM, prod: SUM,
  var: 'dim =unbiased =keepdim | dim unbiased keepdim out', std: 'dim =unbiased =keepdim | dim unbiased keepdim out',
  norm: 'p dim =keepdim | p dim keepdim dtype out', dist: 'other p', renorm: 'p dim maxnorm', renorm_: 'p dim maxnorm',
  logsumexp: REDUCE_KEEP, all: REDUCE_KEEP, any: REDUCE_KEEP, argmax: REDUCE_KEEP, argmin: REDUCE_KEEP,
  cumsum: 'dim | dtype out', cumprod: 'dim | dtype out', cumsum_: 'dim | dtype', cumprod_: 'dim | dtype',
  softmax: 'dim | dtype out', logSoftmax: 'dim | dtype out',
  indexSelect: 'dim index | out', indexCopy: 'dim index source', indexCopy_: 'dim index source',
  indexAdd: 'dim index source | alpha', indexAdd_: 'dim index source | alpha', indexFill: 'dim index value', indexFill_: 'dim index value',
  gather: 'dim index | out', scatter: 'dim index src | reduce', scatter_: 'dim index src | reduce',
  scatterAdd: 'dim index src', scatterAdd_: 'dim index src', take: 'index | out',
  put: 'index source =accumulate | accumulate', put_: 'index source =accumulate | accumulate',
  maskedSelect: 'mask | out', maskedFill: 'mask value', maskedFill_: 'mask value', maskedScatter: 'mask source', maskedScatter_: 'mask source',
  nonzero: '| asTuple', indexPut: 'indices values =accumulate | accumulate', indexPut_: 'indices values =accumulate | accumulate',
  equal: 'other', new: '...init', resizeAs_: 'other', apply_: 'fn', map_: 'other fn', map2_: 'a b fn',
};

/** Functions that are not a method of their first argument (`torch.cat(tensors, dim)`): name → declaration. */
export const FUNCTION_DECLARATIONS: Readonly<Record<string, string>> = {
  cat: 'tensors dim | out', stack: 'tensors dim | out', where: 'condition x y | out', solve: 'a b', lstsq: 'a b',
};

/** The declarations derived from the elementwise op table: name → declaration. */
export function elementwiseDeclarations(): Record<string, string> {
  const d: Record<string, string> = {};
  // The table's `options` are the keys beyond `out`; the in-place forms take the same, without out.
  const extra = (spec: { options?: readonly string[] }) => (spec.options ?? []).join(' ');
  for (const [name, spec] of Object.entries(unaryOps) as [string, { options?: readonly string[]; noInplace?: true }][]) {
    if (spec.noInplace) {
      d[name] = '';
      continue;
    }
    d[name] = `| ${extra(spec)} out`;
    d[`${name}_`] = `| ${extra(spec)}`;
  }
  for (const [name, spec] of Object.entries(binaryOps) as [string, { options?: readonly string[] }][]) {
    d[name] = `other | ${extra(spec)} out`;
    d[`${name}_`] = `other | ${extra(spec)}`;
  }
  for (const name of Object.keys(ternaryOps)) {
    const decl = TERNARY[name] ?? 'a b |';
    d[name] = `${decl} out`;
    d[`${name}_`] = decl;
  }
  return d;
}

let signatures: Map<string, Signature> | null = null;
let functionSignatures: Map<string, Signature> | null = null;

/**
 * The parsed signature of `torch.name` as a function of all its arguments: a FUNCTION_DECLARATIONS
 * entry, or undefined when the function is the method of its first argument (see methodSignatures). @internal
 */
export function functionSignature(name: string): Signature | undefined {
  functionSignatures ??= new Map(Object.entries(FUNCTION_DECLARATIONS).map(([k, v]) => [k, parseSignature(v)]));
  return functionSignatures.get(name);
}

/** Every Tensor method's parsed signature, by name. @internal */
export function methodSignatures(): Map<string, Signature> {
  signatures ??= new Map(Object.entries({ ...elementwiseDeclarations(), ...METHOD_DECLARATIONS }).map(([k, v]) => [k, parseSignature(v)]));
  return signatures;
}

/**
 * Wraps every declared method on Tensor.prototype with its checks (index.ts, once, after every op
 * family installed its methods). Returns the names of methods with no declaration (tests require none).
 * @internal
 */
export function installArgChecks(proto: Record<string, unknown>): string[] {
  const sigs = methodSignatures();
  const undeclared: string[] = [];
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === 'constructor') continue;
    const desc = Object.getOwnPropertyDescriptor(proto, name)!;
    if (typeof desc.value !== 'function') continue;
    const sig = sigs.get(name);
    if (sig === undefined) {
      undeclared.push(name);
      continue;
    }
    Object.defineProperty(proto, name, { ...desc, value: checkedMethod(name, sig, desc.value as (...a: unknown[]) => unknown) });
  }
  return undeclared;
}
