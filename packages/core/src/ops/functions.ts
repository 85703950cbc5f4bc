/**
 * The torch.* functions of @torch/core other than the elementwise table's (index.ts wraps those), checked
 * against their declared signatures (docs/arguments.md): the ones that are a Tensor method of their first
 * argument (`torch.sum(x, 1, true)` is `x.sum(1, true)`) with self first, and those declared as
 * functions (`cat`, `stack`, `where`, `solve`, `lstsq`: FUNCTION_DECLARATIONS). This is the one place they are
 * wrapped; the umbrella package re-exports them (adding Variables) without checking again. Each keeps
 * the type and documentation of its implementation (`@function` has typedoc show it as the function it
 * is), and the common call costs one argument-count test.
 */
import * as linalgOps from './linalg';
import * as reduceOps from './reduce';
import * as minmaxOps from './reduce_minmax';
import * as sortOps from './sort';
import * as randomOps from './random';
import * as joinOps from './join';
import * as lapackOps from './lapack';
import type { EigResult, QrResult, SvdResult } from './lapack';
import * as legacyOps from './lapack-legacy';
import * as indexOps from './index_ops';
import * as indexingOps from './indexing';
import * as softmaxOps from './softmax';
import * as maskedOps from './masked';
import * as numpyOps from './numpy';
import * as utilityOps from './utility';
import * as viewsOps from './views';
import * as copyOps from './copy';
import { functionSignature, methodSignatures } from './signatures';
import type { Tensor } from '../tensor';
import type { Dims } from './reduce_core';
import type { ReduceDimOptions, ValuesIndices } from './sort';
import { checkedFunction, checkedMethod } from './strict';

/** `fn` checked against the declaration of `name`: a function's own, else its Tensor method's with self first. */
function checked<F extends (...args: never[]) => unknown>(name: string, fn: F): F {
  const own = functionSignature(name);
  if (own !== undefined) return checkedMethod(name, own, fn);
  const sig = methodSignatures().get(name);
  if (sig === undefined) throw new Error(`functions.ts: no declaration for ${name} (ops/signatures.ts)`);
  return checkedFunction(name, sig, fn);
}

// PyTorch's positional keywords, as the methods take them (docs/arguments.md): `torch.sum(x, 1, true)` is
// keepdim, `torch.std(x, 1, false, true)` unbiased and keepdim, `torch.symeig(A, true)` eigenvectors. The
// check folds them into the options object before the implementation runs; these types add them.
type KeepdimForm<D, O, R = Tensor> = (self: Tensor, dim: D, keepdim: boolean, options?: Omit<O, 'dim' | 'keepdim'>) => R;
type VarForm = (self: Tensor, dim: Dims, unbiased: boolean, keepdim?: boolean, options?: Omit<reduceOps.VarOptions, 'dim' | 'unbiased' | 'keepdim'>) => Tensor;

// linalg
/** @function */
export const addbmm = checked('addbmm', linalgOps.addbmm);
/** @function */
export const addmm = checked('addmm', linalgOps.addmm);
/** @function */
export const addmv = checked('addmv', linalgOps.addmv);
/** @function */
export const addr = checked('addr', linalgOps.addr);
/** @function */
export const baddbmm = checked('baddbmm', linalgOps.baddbmm);
/** @function */
export const bmm = checked('bmm', linalgOps.bmm);
/** @function */
export const dot = checked('dot', linalgOps.dot);
/** @function */
export const matmul = checked('matmul', linalgOps.matmul);
/** @function */
export const mm = checked('mm', linalgOps.mm);
/** @function */
export const mv = checked('mv', linalgOps.mv);
// reduce
/** @function */
export const all: typeof reduceOps.all & KeepdimForm<number, reduceOps.LogicalReduceOptions> = checked('all', reduceOps.all);
/** @function */
export const any: typeof reduceOps.any & KeepdimForm<number, reduceOps.LogicalReduceOptions> = checked('any', reduceOps.any);
/** @function */
export const cumprod = checked('cumprod', reduceOps.cumprod);
/** @function */
export const cumsum = checked('cumsum', reduceOps.cumsum);
/** @function */
export const dist = checked('dist', reduceOps.dist);
/** @function */
export const logsumexp: typeof reduceOps.logsumexp & KeepdimForm<Dims, reduceOps.LogsumexpOptions> = checked('logsumexp', reduceOps.logsumexp);
/** @function */
export const mean: typeof reduceOps.mean & KeepdimForm<Dims, reduceOps.SumOptions> = checked('mean', reduceOps.mean);
/** @function */
export const norm: typeof reduceOps.norm & ((self: Tensor, p: reduceOps.NormP | null, dim: Dims, keepdim: boolean, options?: Omit<reduceOps.NormOptions, 'p' | 'dim' | 'keepdim'>) => Tensor) = checked('norm', reduceOps.norm);
/** @function */
export const prod: typeof reduceOps.prod & KeepdimForm<number, reduceOps.ProdOptions> = checked('prod', reduceOps.prod);
/** @function */
export const renorm = checked('renorm', reduceOps.renorm);
/** @function */
export const std: typeof reduceOps.std & VarForm = checked('std', reduceOps.std);
/** @function */
export const sum: typeof reduceOps.sum & KeepdimForm<Dims, reduceOps.SumOptions> = checked('sum', reduceOps.sum);
/** @function */
export const variance: typeof reduceOps.var & VarForm = checked('var', reduceOps.var);
// reduce_minmax
/** @function */
export const argmax: typeof minmaxOps.argmax & KeepdimForm<number, minmaxOps.ArgReduceOptions> = checked('argmax', minmaxOps.argmax);
/** @function */
export const argmin: typeof minmaxOps.argmin & KeepdimForm<number, minmaxOps.ArgReduceOptions> = checked('argmin', minmaxOps.argmin);
/** @function */
export const max: typeof minmaxOps.max & KeepdimForm<number, ReduceDimOptions, ValuesIndices> = checked('max', minmaxOps.max);
/** @function */
export const min: typeof minmaxOps.min & KeepdimForm<number, ReduceDimOptions, ValuesIndices> = checked('min', minmaxOps.min);
// sort
/** @function */
export const argsort: typeof sortOps.argsort & ((self: Tensor, dim: number, descending: boolean, options?: Omit<sortOps.ArgsortOptions, 'dim' | 'descending'>) => Tensor) = checked('argsort', sortOps.argsort);
/** @function */
export const kthvalue: typeof sortOps.kthvalue & ((self: Tensor, k: number, dim: number, keepdim: boolean, options?: Omit<ReduceDimOptions, 'dim' | 'keepdim'>) => ValuesIndices) = checked('kthvalue', sortOps.kthvalue);
/** @function */
export const median: typeof sortOps.median & KeepdimForm<number, ReduceDimOptions, ValuesIndices> = checked('median', sortOps.median);
/** @function */
export const mode: typeof sortOps.mode & KeepdimForm<number, ReduceDimOptions, ValuesIndices> = checked('mode', sortOps.mode);
/** @function */
export const sort: typeof sortOps.sort & ((self: Tensor, dim: number, descending: boolean, options?: Omit<sortOps.SortOptions, 'dim' | 'descending'>) => ValuesIndices) = checked('sort', sortOps.sort);
/** @function */
export const topk: typeof sortOps.topk & ((self: Tensor, k: number, dim: number, largest: boolean, sorted?: boolean, options?: Omit<sortOps.TopkOptions, 'dim' | 'largest' | 'sorted'>) => ValuesIndices) = checked('topk', sortOps.topk);
/** @function */
// The positional flags decide the result type, which the implementation (taking the folded options) cannot declare.
export const unique = checked('unique', sortOps.unique) as typeof sortOps.unique & sortOps.UniquePositional;
// random
/** @function */
export const bernoulli = checked('bernoulli', randomOps.bernoulli);
/** @function */
export const multinomial: typeof randomOps.multinomial & ((self: Tensor, numSamples: number, replacement: boolean, options?: Omit<randomOps.MultinomialOptions, 'replacement'>) => Tensor) = checked('multinomial', randomOps.multinomial);
// join
/** @function */
export const cat = checked('cat', joinOps.cat);
/** @function */
export const chunk = checked('chunk', joinOps.chunk);
/** @function */
export const cross = checked('cross', joinOps.cross);
/** @function */
export const diag = checked('diag', joinOps.diag);
/** @function */
export const flip = checked('flip', joinOps.flip);
/** @function */
export const histc = checked('histc', joinOps.histc);
/** @function */
export const repeat = checked('repeat', joinOps.repeat);
/** @function */
export const roll = checked('roll', joinOps.roll);
/** @function */
export const split = checked('split', joinOps.split);
/** @function */
export const stack = checked('stack', joinOps.stack);
/** @function */
export const trace = checked('trace', joinOps.trace);
/** @function */
export const tril = checked('tril', joinOps.tril);
/** @function */
export const triu = checked('triu', joinOps.triu);
/** @function */
export const unbind = checked('unbind', joinOps.unbind);
/** @function */
export const where = checked('where', joinOps.where);
// lapack
/** @function */
export const cholesky: typeof lapackOps.cholesky & ((self: Tensor, upper: boolean) => Tensor) = checked('cholesky', lapackOps.cholesky);
/** @function */
export const choleskyInverse: typeof lapackOps.choleskyInverse & ((self: Tensor, upper: boolean) => Tensor) = checked('choleskyInverse', lapackOps.choleskyInverse);
/** @function */
export const choleskySolve = checked('choleskySolve', lapackOps.choleskySolve);
/** @function */
export const det = checked('det', lapackOps.det);
/** @function */
export const eig: typeof lapackOps.eig & ((self: Tensor, eigenvectors: boolean) => EigResult) = checked('eig', lapackOps.eig);
/** @function */
export const inverse = checked('inverse', lapackOps.inverse);
/** @function */
export const logdet = checked('logdet', lapackOps.logdet);
/** @function */
export const lstsq = checked('lstsq', lapackOps.lstsq);
/** @function */
export const matrixPower = checked('matrixPower', lapackOps.matrixPower);
/** @function */
export const pinverse: typeof lapackOps.pinverse & ((self: Tensor, rcond: number) => Tensor) = checked('pinverse', lapackOps.pinverse);
/** @function */
export const qr: typeof lapackOps.qr & ((self: Tensor, some: boolean) => QrResult) = checked('qr', lapackOps.qr);
/** @function */
export const slogdet = checked('slogdet', lapackOps.slogdet);
/** @function */
export const solve = checked('solve', lapackOps.solve);
/** @function */
export const svd: typeof lapackOps.svd & ((self: Tensor, some: boolean, computeUv?: boolean) => SvdResult) = checked('svd', lapackOps.svd);
/** @function */
export const symeig: typeof lapackOps.symeig & ((self: Tensor, eigenvectors: boolean, upper?: boolean) => EigResult) = checked('symeig', lapackOps.symeig);
/** @function */
export const triangularSolve = checked('triangularSolve', lapackOps.triangularSolve);
// lapack-legacy
/** @function */
export const gesv = checked('gesv', legacyOps.gesv);
/** @function */
export const gels = checked('gels', legacyOps.gels);
/** @function */
export const potrf = checked('potrf', legacyOps.potrf);
/** @function */
export const potri = checked('potri', legacyOps.potri);
/** @function */
export const potrs = checked('potrs', legacyOps.potrs);
/** @function */
export const trtrs = checked('trtrs', legacyOps.trtrs);
// index_ops
/** @function */
export const gather = checked('gather', indexOps.gather);
/** @function */
export const indexAdd = checked('indexAdd', indexOps.indexAdd);
/** @function */
export const indexAdd_ = checked('indexAdd_', indexOps.indexAdd_);
/** @function */
export const indexCopy = checked('indexCopy', indexOps.indexCopy);
/** @function */
export const indexCopy_ = checked('indexCopy_', indexOps.indexCopy_);
/** @function */
export const indexFill = checked('indexFill', indexOps.indexFill);
/** @function */
export const indexFill_ = checked('indexFill_', indexOps.indexFill_);
/** @function */
export const indexSelect = checked('indexSelect', indexOps.indexSelect);
/** @function */
export const put = checked('put', indexOps.put);
/** @function */
export const put_ = checked('put_', indexOps.put_);
/** @function */
export const scatter = checked('scatter', indexOps.scatter);
/** @function */
export const scatterAdd = checked('scatterAdd', indexOps.scatterAdd);
/** @function */
export const scatterAdd_ = checked('scatterAdd_', indexOps.scatterAdd_);
/** @function */
export const scatter_ = checked('scatter_', indexOps.scatter_);
/** @function */
export const take = checked('take', indexOps.take);
// indexing
/** @function */
export const indexPut = checked('indexPut', indexingOps.indexPut);
/** @function */
export const indexPut_ = checked('indexPut_', indexingOps.indexPut_);
// softmax
/** @function */
export const logSoftmax = checked('logSoftmax', softmaxOps.logSoftmax);
/** @function */
export const softmax = checked('softmax', softmaxOps.softmax);
// masked
/** @function */
export const maskedFill = checked('maskedFill', maskedOps.maskedFill);
/** @function */
export const maskedFill_ = checked('maskedFill_', maskedOps.maskedFill_);
/** @function */
export const maskedScatter = checked('maskedScatter', maskedOps.maskedScatter);
/** @function */
export const maskedScatter_ = checked('maskedScatter_', maskedOps.maskedScatter_);
/** @function */
export const maskedSelect = checked('maskedSelect', maskedOps.maskedSelect);
/** @function */
export const nonzero = checked('nonzero', maskedOps.nonzero);
// numpy
/** @function */
export const numpy = checked('numpy', numpyOps.numpy);
/** @function */
export const toTypedArray = checked('toTypedArray', numpyOps.toTypedArray);
// utility
/** @function */
export const apply_ = checked('apply_', utilityOps.apply_);
/** @function */
export const equal = checked('equal', utilityOps.equal);
/** @function */
export const map2_ = checked('map2_', utilityOps.map2_);
/** @function */
export const map_ = checked('map_', utilityOps.map_);
/** @function */
export const numel = checked('numel', utilityOps.numel);
// views
/** @function */
export const view = checked('view', viewsOps.view);
/** @function */
export const reshape = checked('reshape', viewsOps.reshape);
/** @function */
export const transpose = checked('transpose', viewsOps.transpose);
/** @function */
export const t = checked('t', viewsOps.t);
/** @function */
export const permute = checked('permute', viewsOps.permute);
/** @function */
export const narrow = checked('narrow', viewsOps.narrow);
/** @function */
export const select = checked('select', viewsOps.select);
/** @function */
export const unfold = checked('unfold', viewsOps.unfold);
/** @function */
export const squeeze = checked('squeeze', viewsOps.squeeze);
/** @function */
export const unsqueeze = checked('unsqueeze', viewsOps.unsqueeze);
/** @function */
export const flatten = checked('flatten', viewsOps.flatten);
// copy
/** @function */
export const clone = checked('clone', copyOps.clone);
export { variance as var };
