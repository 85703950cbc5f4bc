// torch.* functions that also take Variables: `torch.add(v, w)`, `torch.cat([h1, h2], 1)`, as in
// PyTorch. With no Variable among the arguments each is exactly @torch/core's function; with one, the
// call becomes the Variable method of the same name on the first argument (a Tensor there is wrapped as
// a constant), so it is recorded for backward. test/variables.test.ts checks that every core function
// with a Variable method of the same name is here.
import * as core from '@torch/core';
import { Variable, cat as catV, stack as stackV, where as whereV, solve as solveV, lstsq as lstsqV } from '@torch/autograd';
import * as autogradNn from '@torch/autograd';
import type { LiftArgs, LiftResult, Signatures as AutogradSignatures } from '@torch/autograd';

type AnyFn = (...args: never[]) => unknown;
type Tail<A> = A extends readonly [unknown, ...infer T] ? T : [];
/** The signatures of a function with up to six overloads, as [parameters, result] pairs (autograd's). */
export type Signatures<F> = AutogradSignatures<F>;
type Intersect<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
/** One signature with a Variable first argument. */
type FirstVariable<S> = S extends [infer A, infer R] ? (self: Variable, ...rest: LiftArgs<Tail<A>>) => LiftResult<R> : never;
/** One signature with a Variable second argument, for signatures whose second parameter takes a Tensor. */
type SecondVariable<S> = S extends [infer A, infer R]
  ? A extends readonly [unknown, infer B, ...unknown[]]
    ? core.Tensor extends B ? (self: core.Tensor | number, other: Variable, ...rest: LiftArgs<Tail<Tail<A>>>) => LiftResult<R> : never
    : never
  : never;
/**
 * A core function that also accepts Variables as its first or second argument, then returning Variables
 * (Tensor results become Variables, `{ values, indices }` pairs Variable pairs); every overload is kept.
 * @example
 * const y = torch.mm(x, w);   // a Variable when x (or w) is one, else a Tensor
 */
export type WithVariables<F> = Intersect<FirstVariable<Signatures<F>>> & Intersect<SecondVariable<Signatures<F>>> & F;
/**
 * cat and stack: a list holding Variables gives a Variable.
 * @example torch.cat([h1, h2], 1)   // Variable when h1 or h2 is one
 */
export type ListWithVariables<F> = F & (F extends (tensors: never, ...rest: infer A) => unknown
  ? (tensors: readonly (Variable | core.Tensor)[], ...rest: LiftArgs<A>) => Variable : never);

const hasVariable = (args: readonly unknown[]): boolean =>
  args.some((a) => a instanceof Variable || (Array.isArray(a) && a.some((x) => x instanceof Variable)));

const call = (f: AnyFn, args: unknown[]): unknown => (f as unknown as (...a: unknown[]) => unknown)(...args);

// Every function checks its arguments against the declared signature of its op (core's ops/signatures.ts):
// torch.add(a, a, b) is an error rather than a dropped tensor, and torch.sum(x, 1, true) is keepdim. The
// Tensor path is @torch/core's function, which checks them itself; only the Variable path is checked
// here, so no call is checked twice. Each function carries its signature (core.signatureOf).
function viaMethod<F extends AnyFn>(name: string, fn: F): WithVariables<F> {
  const sig = core.signatureOf(fn)!;
  const viaVariable = core.checkedFunction(name, sig, (...args: unknown[]) => {
    const self = args[0] instanceof Variable ? args[0] : new Variable(args[0] as core.Tensor);
    return (self as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!(...args.slice(1));
  });
  return core.markChecked((...args: unknown[]) => call(hasVariable(args) ? viaVariable : fn, args), sig) as WithVariables<F>;
}

/** fn when no argument is a Variable, else variableFn (typed as R: WithVariables<F> unless given). */
function either<F extends AnyFn, G extends AnyFn, R = WithVariables<F>>(name: string, fn: F, variableFn: G): R {
  // cat, stack, where, solve, lstsq: core's are checked, autograd's get the same declaration here.
  const sig = core.signatureOf(fn);
  const viaVariable = sig ? core.checkedMethod(name, sig, variableFn) : variableFn;
  const run = (...args: unknown[]) => call(hasVariable(args) ? viaVariable : fn, args);
  return (sig ? core.markChecked(run, sig) : run) as R;
}

export const abs = viaMethod('abs', core.abs);
export const acos = viaMethod('acos', core.acos);
export const add = viaMethod('add', core.add);
export const addbmm = viaMethod('addbmm', core.addbmm);
export const addcdiv = viaMethod('addcdiv', core.addcdiv);
export const addcmul = viaMethod('addcmul', core.addcmul);
export const addmm = viaMethod('addmm', core.addmm);
export const addmv = viaMethod('addmv', core.addmv);
export const addr = viaMethod('addr', core.addr);
export const all = viaMethod('all', core.all);
export const any = viaMethod('any', core.any);
export const argmax = viaMethod('argmax', core.argmax);
export const argmin = viaMethod('argmin', core.argmin);
export const argsort = viaMethod('argsort', core.argsort);
export const asin = viaMethod('asin', core.asin);
export const atan = viaMethod('atan', core.atan);
export const atan2 = viaMethod('atan2', core.atan2);
export const baddbmm = viaMethod('baddbmm', core.baddbmm);
export const bmm = viaMethod('bmm', core.bmm);
export const ceil = viaMethod('ceil', core.ceil);
export const cholesky = viaMethod('cholesky', core.cholesky);
export const choleskyInverse = viaMethod('choleskyInverse', core.choleskyInverse);
export const choleskySolve = viaMethod('choleskySolve', core.choleskySolve);
export const chunk = viaMethod('chunk', core.chunk);
export const clamp = viaMethod('clamp', core.clamp);
export const clone = viaMethod('clone', core.clone);
export const cos = viaMethod('cos', core.cos);
export const cosh = viaMethod('cosh', core.cosh);
export const cross = viaMethod('cross', core.cross);
export const cumprod = viaMethod('cumprod', core.cumprod);
export const cumsum = viaMethod('cumsum', core.cumsum);
export const det = viaMethod('det', core.det);
export const diag = viaMethod('diag', core.diag);
export const dist = viaMethod('dist', core.dist);
export const div = viaMethod('div', core.div);
export const dot = viaMethod('dot', core.dot);
export const eig = viaMethod('eig', core.eig);
export const eq = viaMethod('eq', core.eq);
export const equal = viaMethod('equal', core.equal);
export const exp = viaMethod('exp', core.exp);
export const expm1 = viaMethod('expm1', core.expm1);
export const flatten = viaMethod('flatten', core.flatten);
export const flip = viaMethod('flip', core.flip);
export const floor = viaMethod('floor', core.floor);
export const fmod = viaMethod('fmod', core.fmod);
export const frac = viaMethod('frac', core.frac);
export const gather = viaMethod('gather', core.gather);
export const ge = viaMethod('ge', core.ge);
export const gels = viaMethod('gels', core.gels);
export const gesv = viaMethod('gesv', core.gesv);
export const gt = viaMethod('gt', core.gt);
export const histc = viaMethod('histc', core.histc);
export const indexAdd = viaMethod('indexAdd', core.indexAdd);
export const indexAdd_ = viaMethod('indexAdd_', core.indexAdd_);
export const indexCopy = viaMethod('indexCopy', core.indexCopy);
export const indexCopy_ = viaMethod('indexCopy_', core.indexCopy_);
export const indexFill = viaMethod('indexFill', core.indexFill);
export const indexFill_ = viaMethod('indexFill_', core.indexFill_);
export const indexPut = viaMethod('indexPut', core.indexPut);
export const indexPut_ = viaMethod('indexPut_', core.indexPut_);
export const indexSelect = viaMethod('indexSelect', core.indexSelect);
export const inverse = viaMethod('inverse', core.inverse);
export const kthvalue = viaMethod('kthvalue', core.kthvalue);
export const le = viaMethod('le', core.le);
export const lerp = viaMethod('lerp', core.lerp);
export const log = viaMethod('log', core.log);
export const log1p = viaMethod('log1p', core.log1p);
export const logdet = viaMethod('logdet', core.logdet);
export const logSoftmax = viaMethod('logSoftmax', core.logSoftmax);
export const logsumexp = viaMethod('logsumexp', core.logsumexp);
export const lt = viaMethod('lt', core.lt);
export const maskedFill = viaMethod('maskedFill', core.maskedFill);
export const maskedFill_ = viaMethod('maskedFill_', core.maskedFill_);
export const maskedScatter = viaMethod('maskedScatter', core.maskedScatter);
export const maskedScatter_ = viaMethod('maskedScatter_', core.maskedScatter_);
export const maskedSelect = viaMethod('maskedSelect', core.maskedSelect);
export const matmul = viaMethod('matmul', core.matmul);
export const matrixPower = viaMethod('matrixPower', core.matrixPower);
export const max = viaMethod('max', core.max);
export const maximum = viaMethod('maximum', core.maximum);
export const mean = viaMethod('mean', core.mean);
export const median = viaMethod('median', core.median);
export const min = viaMethod('min', core.min);
export const minimum = viaMethod('minimum', core.minimum);
export const mm = viaMethod('mm', core.mm);
export const mode = viaMethod('mode', core.mode);
export const mul = viaMethod('mul', core.mul);
export const mv = viaMethod('mv', core.mv);
export const narrow = viaMethod('narrow', core.narrow);
export const ne = viaMethod('ne', core.ne);
export const neg = viaMethod('neg', core.neg);
export const nonzero = viaMethod('nonzero', core.nonzero);
export const norm = viaMethod('norm', core.norm);
export const numel = viaMethod('numel', core.numel);
export const permute = viaMethod('permute', core.permute);
export const pinverse = viaMethod('pinverse', core.pinverse);
export const potrf = viaMethod('potrf', core.potrf);
export const potri = viaMethod('potri', core.potri);
export const potrs = viaMethod('potrs', core.potrs);
const powMethod = viaMethod('pow', core.pow);
const powSig = core.signatureOf(core.pow)!;
const powBaseVariable = core.checkedFunction('pow', powSig, (base: number, exponent: Variable, options?: { out?: core.Tensor }) => autogradNn.pow(base, exponent, options));
/**
 * self to the power exponent, elementwise (see Tensor.pow); also `torch.pow(2, variable)` (a number base,
 * recorded for backward); checked as pow's signature.
 * @example torch.pow(torch.tensor([1, 2, 3]), 2) // [1, 4, 9]; torch.pow(2, x) for a Variable x is a Variable
 */
export const pow = core.markChecked((self: unknown, ...rest: unknown[]) =>
  (typeof self === 'number' || typeof self === 'boolean') && rest[0] instanceof Variable
    ? (powBaseVariable as (...a: unknown[]) => unknown)(self, ...rest)
    : (powMethod as (...a: unknown[]) => unknown)(self, ...rest), powSig) as unknown as WithVariables<typeof core.pow>;
export const prod = viaMethod('prod', core.prod);
export const put = viaMethod('put', core.put);
export const put_ = viaMethod('put_', core.put_);
export const qr = viaMethod('qr', core.qr);
export const reciprocal = viaMethod('reciprocal', core.reciprocal);
export const remainder = viaMethod('remainder', core.remainder);
export const renorm = viaMethod('renorm', core.renorm);
export const repeat = viaMethod('repeat', core.repeat);
export const reshape = viaMethod('reshape', core.reshape);
export const roll = viaMethod('roll', core.roll);
export const round = viaMethod('round', core.round);
export const rsqrt = viaMethod('rsqrt', core.rsqrt);
export const scatter = viaMethod('scatter', core.scatter);
export const scatterAdd = viaMethod('scatterAdd', core.scatterAdd);
export const scatterAdd_ = viaMethod('scatterAdd_', core.scatterAdd_);
export const scatter_ = viaMethod('scatter_', core.scatter_);
export const select = viaMethod('select', core.select);
export const sigmoid = viaMethod('sigmoid', core.sigmoid);
export const sign = viaMethod('sign', core.sign);
export const sin = viaMethod('sin', core.sin);
export const sinh = viaMethod('sinh', core.sinh);
export const slogdet = viaMethod('slogdet', core.slogdet);
export const softmax = viaMethod('softmax', core.softmax);
export const sort = viaMethod('sort', core.sort);
export const split = viaMethod('split', core.split);
export const sqrt = viaMethod('sqrt', core.sqrt);
export const squeeze = viaMethod('squeeze', core.squeeze);
export const std = viaMethod('std', core.std);
export const sub = viaMethod('sub', core.sub);
export const sum = viaMethod('sum', core.sum);
export const svd = viaMethod('svd', core.svd);
export const symeig = viaMethod('symeig', core.symeig);
export const t = viaMethod('t', core.t);
export const take = viaMethod('take', core.take);
export const tan = viaMethod('tan', core.tan);
export const tanh = viaMethod('tanh', core.tanh);
export const topk = viaMethod('topk', core.topk);
export const trace = viaMethod('trace', core.trace);
export const transpose = viaMethod('transpose', core.transpose);
export const triangularSolve = viaMethod('triangularSolve', core.triangularSolve);
export const tril = viaMethod('tril', core.tril);
export const triu = viaMethod('triu', core.triu);
export const trtrs = viaMethod('trtrs', core.trtrs);
export const trunc = viaMethod('trunc', core.trunc);
export const unbind = viaMethod('unbind', core.unbind);
export const unfold = viaMethod('unfold', core.unfold);
export const unique = viaMethod('unique', core.unique);
export const unsqueeze = viaMethod('unsqueeze', core.unsqueeze);
const variance = viaMethod('var', core.var);
export { variance as var };
export const view = viaMethod('view', core.view);
export const cat = either<typeof core.cat, typeof catV, ListWithVariables<typeof core.cat>>('cat', core.cat, catV);
export const stack = either<typeof core.stack, typeof stackV, ListWithVariables<typeof core.stack>>('stack', core.stack, stackV);
export const where = either('where', core.where, whereV);
export const solve = either('solve', core.solve, solveV);
export const lstsq = either('lstsq', core.lstsq, lstsqV);

// nn layer functions: a Variable anywhere among the arguments records the op (autograd's nn-functions).
export const conv1d = either('conv1d', core.conv1d, autogradNn.conv1d);
export const conv2d = either('conv2d', core.conv2d, autogradNn.conv2d);
export const conv3d = either('conv3d', core.conv3d, autogradNn.conv3d);
export const convTranspose1d = either('convTranspose1d', core.convTranspose1d, autogradNn.convTranspose1d);
export const convTranspose2d = either('convTranspose2d', core.convTranspose2d, autogradNn.convTranspose2d);
export const convTranspose3d = either('convTranspose3d', core.convTranspose3d, autogradNn.convTranspose3d);
export const maxPool1d = either('maxPool1d', core.maxPool1d, autogradNn.maxPool1d);
export const maxPool2d = either('maxPool2d', core.maxPool2d, autogradNn.maxPool2d);
export const maxPool3d = either('maxPool3d', core.maxPool3d, autogradNn.maxPool3d);
export const avgPool1d = either('avgPool1d', core.avgPool1d, autogradNn.avgPool1d);
export const avgPool2d = either('avgPool2d', core.avgPool2d, autogradNn.avgPool2d);
export const avgPool3d = either('avgPool3d', core.avgPool3d, autogradNn.avgPool3d);
export const adaptiveAvgPool1d = either('adaptiveAvgPool1d', core.adaptiveAvgPool1d, autogradNn.adaptiveAvgPool1d);
export const adaptiveAvgPool2d = either('adaptiveAvgPool2d', core.adaptiveAvgPool2d, autogradNn.adaptiveAvgPool2d);
export const adaptiveMaxPool1d = either('adaptiveMaxPool1d', core.adaptiveMaxPool1d, autogradNn.adaptiveMaxPool1d);
export const adaptiveMaxPool2d = either('adaptiveMaxPool2d', core.adaptiveMaxPool2d, autogradNn.adaptiveMaxPool2d);
export const maxUnpool1d = either('maxUnpool1d', core.maxUnpool1d, autogradNn.maxUnpool1d);
export const maxUnpool2d = either('maxUnpool2d', core.maxUnpool2d, autogradNn.maxUnpool2d);
export const maxUnpool3d = either('maxUnpool3d', core.maxUnpool3d, autogradNn.maxUnpool3d);
export const fractionalMaxPool2d = either('fractionalMaxPool2d', core.fractionalMaxPool2d, autogradNn.fractionalMaxPool2d);
export const batchNorm = either('batchNorm', core.batchNorm, autogradNn.batchNorm);
export const instanceNorm = either('instanceNorm', core.instanceNorm, autogradNn.instanceNorm);
// The elementwise ops added for issue 10.
export const erf = viaMethod('erf', core.erf);
export const erfc = viaMethod('erfc', core.erfc);
export const erfinv = viaMethod('erfinv', core.erfinv);
export const log2 = viaMethod('log2', core.log2);
export const log10 = viaMethod('log10', core.log10);
export const exp2 = viaMethod('exp2', core.exp2);
export const square = viaMethod('square', core.square);
export const isnan = viaMethod('isnan', core.isnan);
export const isinf = viaMethod('isinf', core.isinf);
export const isfinite = viaMethod('isfinite', core.isfinite);
export const logicalNot = viaMethod('logicalNot', core.logicalNot);
export const bitwiseNot = viaMethod('bitwiseNot', core.bitwiseNot);
export const nanToNum = viaMethod('nanToNum', core.nanToNum);
export const floorDivide = viaMethod('floorDivide', core.floorDivide);
export const logicalAnd = viaMethod('logicalAnd', core.logicalAnd);
export const logicalOr = viaMethod('logicalOr', core.logicalOr);
export const logicalXor = viaMethod('logicalXor', core.logicalXor);
export const bitwiseAnd = viaMethod('bitwiseAnd', core.bitwiseAnd);
export const bitwiseOr = viaMethod('bitwiseOr', core.bitwiseOr);
export const bitwiseXor = viaMethod('bitwiseXor', core.bitwiseXor);
