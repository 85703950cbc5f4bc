/**
 * The torch.* functions of @torch/core other than the elementwise table's (index.ts wraps those), checked
 * against their declared signatures (docs/arguments.md): the ones that are a Tensor method of their first
 * argument (`torch.sum(x, 1, true)` is `x.sum(1, true)`) with self first, and those declared as
 * functions (`cat`, `stack`, `where`, `solve`, `lstsq`: FUNCTION_DECLARATIONS). This is the one place they are
 * wrapped; the umbrella package re-exports them (adding Variables) without checking again. Each keeps
 * the type and documentation of its implementation, and the common call costs one argument-count test.
 */
import * as linalgOps from './linalg';
import * as reduceOps from './reduce';
import * as minmaxOps from './reduce_minmax';
import * as sortOps from './sort';
import * as randomOps from './random';
import * as joinOps from './join';
import * as lapackOps from './lapack';
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
export const addbmm = checked('addbmm', linalgOps.addbmm);
export const addmm = checked('addmm', linalgOps.addmm);
export const addmv = checked('addmv', linalgOps.addmv);
export const addr = checked('addr', linalgOps.addr);
export const baddbmm = checked('baddbmm', linalgOps.baddbmm);
export const bmm = checked('bmm', linalgOps.bmm);
export const dot = checked('dot', linalgOps.dot);
export const matmul = checked('matmul', linalgOps.matmul);
export const mm = checked('mm', linalgOps.mm);
export const mv = checked('mv', linalgOps.mv);
// reduce
export const all: typeof reduceOps.all & KeepdimForm<number, reduceOps.LogicalReduceOptions> = checked('all', reduceOps.all);
export const any: typeof reduceOps.any & KeepdimForm<number, reduceOps.LogicalReduceOptions> = checked('any', reduceOps.any);
export const cumprod = checked('cumprod', reduceOps.cumprod);
export const cumsum = checked('cumsum', reduceOps.cumsum);
export const dist = checked('dist', reduceOps.dist);
export const logsumexp: typeof reduceOps.logsumexp & KeepdimForm<Dims, reduceOps.LogsumexpOptions> = checked('logsumexp', reduceOps.logsumexp);
export const mean: typeof reduceOps.mean & KeepdimForm<Dims, reduceOps.SumOptions> = checked('mean', reduceOps.mean);
export const norm: typeof reduceOps.norm & ((self: Tensor, p: reduceOps.NormP | null, dim: Dims, keepdim: boolean, options?: Omit<reduceOps.NormOptions, 'p' | 'dim' | 'keepdim'>) => Tensor) = checked('norm', reduceOps.norm);
export const prod: typeof reduceOps.prod & KeepdimForm<number, reduceOps.ProdOptions> = checked('prod', reduceOps.prod);
export const renorm = checked('renorm', reduceOps.renorm);
export const std: typeof reduceOps.std & VarForm = checked('std', reduceOps.std);
export const sum: typeof reduceOps.sum & KeepdimForm<Dims, reduceOps.SumOptions> = checked('sum', reduceOps.sum);
export const variance: typeof reduceOps.var & VarForm = checked('var', reduceOps.var);
// reduce_minmax
export const argmax: typeof minmaxOps.argmax & KeepdimForm<number, minmaxOps.ArgReduceOptions> = checked('argmax', minmaxOps.argmax);
export const argmin: typeof minmaxOps.argmin & KeepdimForm<number, minmaxOps.ArgReduceOptions> = checked('argmin', minmaxOps.argmin);
export const max: typeof minmaxOps.max & KeepdimForm<number, ReduceDimOptions, ValuesIndices> = checked('max', minmaxOps.max);
export const min: typeof minmaxOps.min & KeepdimForm<number, ReduceDimOptions, ValuesIndices> = checked('min', minmaxOps.min);
// sort
export const argsort: typeof sortOps.argsort & ((self: Tensor, dim: number, descending: boolean, options?: Omit<sortOps.ArgsortOptions, 'dim' | 'descending'>) => Tensor) = checked('argsort', sortOps.argsort);
export const kthvalue: typeof sortOps.kthvalue & ((self: Tensor, k: number, dim: number, keepdim: boolean, options?: Omit<ReduceDimOptions, 'dim' | 'keepdim'>) => ValuesIndices) = checked('kthvalue', sortOps.kthvalue);
export const median: typeof sortOps.median & KeepdimForm<number, ReduceDimOptions, ValuesIndices> = checked('median', sortOps.median);
export const mode: typeof sortOps.mode & KeepdimForm<number, ReduceDimOptions, ValuesIndices> = checked('mode', sortOps.mode);
export const sort: typeof sortOps.sort & ((self: Tensor, dim: number, descending: boolean, options?: Omit<sortOps.SortOptions, 'dim' | 'descending'>) => ValuesIndices) = checked('sort', sortOps.sort);
export const topk: typeof sortOps.topk & ((self: Tensor, k: number, dim: number, largest: boolean, sorted?: boolean, options?: Omit<sortOps.TopkOptions, 'dim' | 'largest' | 'sorted'>) => ValuesIndices) = checked('topk', sortOps.topk);
export const unique = checked('unique', sortOps.unique);
// random
export const bernoulli = checked('bernoulli', randomOps.bernoulli);
export const multinomial: typeof randomOps.multinomial & ((self: Tensor, numSamples: number, replacement: boolean, options?: Omit<randomOps.MultinomialOptions, 'replacement'>) => Tensor) = checked('multinomial', randomOps.multinomial);
// join
export const cat = checked('cat', joinOps.cat);
export const chunk = checked('chunk', joinOps.chunk);
export const cross = checked('cross', joinOps.cross);
export const diag = checked('diag', joinOps.diag);
export const flip = checked('flip', joinOps.flip);
export const histc = checked('histc', joinOps.histc);
export const repeat = checked('repeat', joinOps.repeat);
export const roll = checked('roll', joinOps.roll);
export const split = checked('split', joinOps.split);
export const stack = checked('stack', joinOps.stack);
export const trace = checked('trace', joinOps.trace);
export const tril = checked('tril', joinOps.tril);
export const triu = checked('triu', joinOps.triu);
export const unbind = checked('unbind', joinOps.unbind);
export const where = checked('where', joinOps.where);
// lapack
export const cholesky: typeof lapackOps.cholesky & ((self: Tensor, upper: boolean) => Tensor) = checked('cholesky', lapackOps.cholesky);
export const choleskyInverse: typeof lapackOps.choleskyInverse & ((self: Tensor, upper: boolean) => Tensor) = checked('choleskyInverse', lapackOps.choleskyInverse);
export const choleskySolve = checked('choleskySolve', lapackOps.choleskySolve);
export const det = checked('det', lapackOps.det);
export const eig: typeof lapackOps.eig & ((self: Tensor, eigenvectors: boolean) => { eigenvalues: Tensor; eigenvectors: Tensor }) = checked('eig', lapackOps.eig);
export const inverse = checked('inverse', lapackOps.inverse);
export const logdet = checked('logdet', lapackOps.logdet);
export const lstsq = checked('lstsq', lapackOps.lstsq);
export const matrixPower = checked('matrixPower', lapackOps.matrixPower);
export const pinverse: typeof lapackOps.pinverse & ((self: Tensor, rcond: number) => Tensor) = checked('pinverse', lapackOps.pinverse);
export const qr: typeof lapackOps.qr & ((self: Tensor, some: boolean) => { Q: Tensor; R: Tensor }) = checked('qr', lapackOps.qr);
export const slogdet = checked('slogdet', lapackOps.slogdet);
export const solve = checked('solve', lapackOps.solve);
export const svd: typeof lapackOps.svd & ((self: Tensor, some: boolean, computeUv?: boolean) => { U: Tensor; S: Tensor; V: Tensor }) = checked('svd', lapackOps.svd);
export const symeig: typeof lapackOps.symeig & ((self: Tensor, eigenvectors: boolean, upper?: boolean) => { eigenvalues: Tensor; eigenvectors: Tensor }) = checked('symeig', lapackOps.symeig);
export const triangularSolve = checked('triangularSolve', lapackOps.triangularSolve);
// lapack-legacy
export const gesv = checked('gesv', legacyOps.gesv);
export const gels = checked('gels', legacyOps.gels);
export const potrf = checked('potrf', legacyOps.potrf);
export const potri = checked('potri', legacyOps.potri);
export const potrs = checked('potrs', legacyOps.potrs);
export const trtrs = checked('trtrs', legacyOps.trtrs);
// index_ops
export const gather = checked('gather', indexOps.gather);
export const indexAdd = checked('indexAdd', indexOps.indexAdd);
export const indexAdd_ = checked('indexAdd_', indexOps.indexAdd_);
export const indexCopy = checked('indexCopy', indexOps.indexCopy);
export const indexCopy_ = checked('indexCopy_', indexOps.indexCopy_);
export const indexFill = checked('indexFill', indexOps.indexFill);
export const indexFill_ = checked('indexFill_', indexOps.indexFill_);
export const indexSelect = checked('indexSelect', indexOps.indexSelect);
export const put = checked('put', indexOps.put);
export const put_ = checked('put_', indexOps.put_);
export const scatter = checked('scatter', indexOps.scatter);
export const scatterAdd = checked('scatterAdd', indexOps.scatterAdd);
export const scatterAdd_ = checked('scatterAdd_', indexOps.scatterAdd_);
export const scatter_ = checked('scatter_', indexOps.scatter_);
export const take = checked('take', indexOps.take);
// indexing
export const indexPut = checked('indexPut', indexingOps.indexPut);
export const indexPut_ = checked('indexPut_', indexingOps.indexPut_);
// softmax
export const logSoftmax = checked('logSoftmax', softmaxOps.logSoftmax);
export const softmax = checked('softmax', softmaxOps.softmax);
// masked
export const maskedFill = checked('maskedFill', maskedOps.maskedFill);
export const maskedFill_ = checked('maskedFill_', maskedOps.maskedFill_);
export const maskedScatter = checked('maskedScatter', maskedOps.maskedScatter);
export const maskedScatter_ = checked('maskedScatter_', maskedOps.maskedScatter_);
export const maskedSelect = checked('maskedSelect', maskedOps.maskedSelect);
export const nonzero = checked('nonzero', maskedOps.nonzero);
// numpy
export const numpy = checked('numpy', numpyOps.numpy);
export const toTypedArray = checked('toTypedArray', numpyOps.toTypedArray);
// utility
export const apply_ = checked('apply_', utilityOps.apply_);
export const equal = checked('equal', utilityOps.equal);
export const map2_ = checked('map2_', utilityOps.map2_);
export const map_ = checked('map_', utilityOps.map_);
export const numel = checked('numel', utilityOps.numel);
// views
export const view = checked('view', viewsOps.view);
export const reshape = checked('reshape', viewsOps.reshape);
export const transpose = checked('transpose', viewsOps.transpose);
export const t = checked('t', viewsOps.t);
export const permute = checked('permute', viewsOps.permute);
export const narrow = checked('narrow', viewsOps.narrow);
export const select = checked('select', viewsOps.select);
export const unfold = checked('unfold', viewsOps.unfold);
export const squeeze = checked('squeeze', viewsOps.squeeze);
export const unsqueeze = checked('unsqueeze', viewsOps.unsqueeze);
export const flatten = checked('flatten', viewsOps.flatten);
// copy
export const clone = checked('clone', copyOps.clone);
export { variance as var };
