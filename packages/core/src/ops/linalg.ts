// Matrix products. Every one is a batched GEMM, out[i] = beta*out[i] + alpha * a[i] @ b[i], done by
// the addon (OpenBLAS for float/double, its own loops otherwise); this file maps each op's shapes
// and strides onto that one call.
import type { DType } from '../dtype';
import { fmtSize, TorchSizeError, TorchTypeError } from '../errors';
import { meta } from '../native';
import { sameBackend } from '../backend/registry';
import { broadcastShapes, sameShape } from '../shape';
import { checkTensor, emptyTensor, Tensor, type OutOption, type ScaleOptions } from '../tensor';
import { copyInto } from './copy';
import { expand, reshape } from './views';
import { assertNoPartialOverlap, assertWritable } from './overlap';
import { integerDtypeHint } from './strict';

/** A matrix (or batch of matrices) as the addon sees it: offset plus batch/row/col strides. */
interface Mat {
  t: Tensor;
  batchStride: number;
  rowStride: number;
  colStride: number;
}

function mat(t: Tensor, batchStride: number, rowStride: number, colStride: number): Mat {
  return { t, batchStride, rowStride, colStride };
}

/** Views the last two dims of a 2-D or 3-D tensor. */
function matOf(t: Tensor): Mat {
  const nd = t.shape.length;
  return mat(t, nd === 3 ? t._strides[0]! : 0, t._strides[nd - 2]!, t._strides[nd - 1]!);
}

function gemm(dtype: DType, batch: number, m: number, n: number, k: number, alpha: number, beta: number, a: Mat, b: Mat, out: Mat, accumulate = false): void {
  if (batch === 0 || m === 0 || n === 0) return;
  meta[0] = dtype.code;
  meta[1] = batch;
  meta[2] = m;
  meta[3] = n;
  meta[4] = k;
  meta[5] = alpha;
  meta[6] = beta;
  let at = 7;
  for (const x of [a, b, out]) {
    meta[at] = x.t._offset;
    meta[at + 1] = x.batchStride;
    meta[at + 2] = x.rowStride;
    meta[at + 3] = x.colStride;
    at += 4;
  }
  meta[19] = accumulate ? 1 : 0;
  out.t._storage.version++;
  out.t._storage.backend.bmm(out.t._storage, a.t._storage, b.t._storage);
}

function checkDims(op: string, t: Tensor, dims: number, name: string): void {
  checkTensor(op, t, name);
  if (t.shape.length !== dims) throw new TorchSizeError(`${op}: ${name} must be ${dims}-D, got size ${fmtSize(t.shape)}`);
}

function checkSameDtype(op: string, ...ts: Tensor[]): DType {
  sameBackend(op, ts[0]!, ...ts);
  const d = ts[0]!.dtype;
  for (const t of ts)
    if (t.dtype !== d) throw new TorchTypeError(`${op}: expected all tensors to have dtype ${d}, got ${ts.map((x) => String(x.dtype)).join(', ')}${integerDtypeHint(d.isFloatingPoint ? t.dtype : d)}`);
  return d;
}

function checkInner(op: string, a: Tensor, b: Tensor, ka: number, kb: number): void {
  if (ka !== kb) throw new TorchSizeError(`${op}: sizes ${fmtSize(a.shape)} and ${fmtSize(b.shape)} cannot be multiplied (${ka} vs ${kb})`);
}

/**
 * The destination: out (checked), or a new tensor; when `self` is given and beta != 0, it is
 * broadcast-copied into the destination first so the GEMM can accumulate onto it. The GEMM reads its
 * operands while writing, so an out that shares memory with one of `mats` throws, or, when it is
 * exactly that operand, the product goes to a temporary copied into out by `finish`.
 */
function prepare(op: string, shape: readonly number[], dtype: DType, self: Tensor | null, options: ScaleOptions | undefined, mats: readonly Tensor[]): [Tensor, number, Tensor] {
  const out = options?.out;
  let beta = self ? (options?.beta ?? 1) : 0;
  let dst: Tensor;
  if (out) {
    checkTensor(op, out, 'out');
    if (out.dtype !== dtype) throw new TorchTypeError(`${op}: out has dtype ${out.dtype}, expected ${dtype}`);
    if (!sameShape(out.shape, shape)) {
      if (out.numel() !== 0 || out === self) throw new TorchSizeError(`${op}: out has size ${fmtSize(out.shape)}, expected ${fmtSize(shape)}`);
      out.resize_(shape);
    }
    if (assertWritable(op, out, mats[0], mats[1])) dst = emptyTensor(shape, dtype, mats[0]!._storage.backend, op);
    else dst = out;
    if (self && self !== out) assertNoPartialOverlap(op, out, self);
  } else {
    dst = emptyTensor(shape, dtype, mats[0]!._storage.backend, op);
  }
  if (self && beta !== 0 && self !== dst) {
    checkTensor(op, self, 'self');
    if (self.dtype !== dtype) throw new TorchTypeError(`${op}: self has dtype ${self.dtype}, expected ${dtype}`);
    const s = broadcastShapes(op, self.shape, shape);
    if (!sameShape(s, shape)) throw new TorchSizeError(`${op}: self of size ${fmtSize(self.shape)} cannot be broadcast to ${fmtSize(shape)}`);
    copyInto(dst, self);
  }
  if (!self) beta = 0;
  return [dst, beta, out ?? dst];
}

/** The result: dst, copied into out when prepare had to compute through a temporary. */
function finish(dst: Tensor, out: Tensor): Tensor {
  return dst === out ? dst : copyInto(out, dst);
}

/** matmul's forms built from dot and mm: out (when given) must have the result's dtype and size, or be empty. */
function intoOut(out: Tensor | undefined, r: Tensor): Tensor {
  if (!out) return r;
  checkTensor('matmul', out, 'out');
  if (out.dtype !== r.dtype) throw new TorchTypeError(`matmul: out has dtype ${out.dtype}, expected ${r.dtype}`);
  if (!sameShape(out.shape, r.shape)) {
    if (out.numel() !== 0) throw new TorchSizeError(`matmul: out has size ${fmtSize(out.shape)}, expected ${fmtSize(r.shape)}`);
    out.resize_(r.shape);
  }
  return copyInto(out, r);
}

/** Matrix product of 2-D tensors. @example torch.mm(torch.randn(2, 3), torch.randn(3, 4)) // 2x4 */
export function mm(a: Tensor, b: Tensor, options?: OutOption): Tensor {
  return addmm(null, a, b, options);
}

/**
 * beta*self + alpha*(m1 @ m2); self broadcasts to the product's size.
 * @example torch.addmm(torch.zeros(2, 4), torch.randn(2, 3), torch.randn(3, 4), { alpha: 2 })
 */
export function addmm(self: Tensor | null, m1: Tensor, m2: Tensor, options?: ScaleOptions): Tensor {
  const op = self ? 'addmm' : 'mm';
  checkDims(op, m1, 2, 'mat1');
  checkDims(op, m2, 2, 'mat2');
  const dtype = checkSameDtype(op, m1, m2);
  checkInner(op, m1, m2, m1.shape[1]!, m2.shape[0]!);
  const [m, k, n] = [m1.shape[0]!, m1.shape[1]!, m2.shape[1]!];
  const [dst, beta, out] = prepare(op, [m, n], dtype, self, options, [m1, m2]);
  gemm(dtype, 1, m, n, k, options?.alpha ?? 1, beta, matOf(m1), matOf(m2), matOf(dst));
  return finish(dst, out);
}

/** Matrix-vector product. @example torch.mv(torch.randn(2, 3), torch.randn(3)) // size [2] */
export function mv(a: Tensor, v: Tensor, options?: OutOption): Tensor {
  return addmv(null, a, v, options);
}

/** beta*self + alpha*(mat @ vec). @example torch.addmv(torch.zeros(2), torch.randn(2, 3), torch.randn(3)) */
export function addmv(self: Tensor | null, a: Tensor, v: Tensor, options?: ScaleOptions): Tensor {
  const op = self ? 'addmv' : 'mv';
  checkDims(op, a, 2, 'mat');
  checkDims(op, v, 1, 'vec');
  const dtype = checkSameDtype(op, a, v);
  checkInner(op, a, v, a.shape[1]!, v.shape[0]!);
  const [dst, beta, out] = prepare(op, [a.shape[0]!], dtype, self, options, [a, v]);
  gemm(dtype, 1, a.shape[0]!, 1, a.shape[1]!, options?.alpha ?? 1, beta, matOf(a), mat(v, 0, v._strides[0]!, 1), mat(dst, 0, dst._strides[0]!, 1));
  return finish(dst, out);
}

/** Inner product of two 1-D tensors, as a 0-dim tensor. @example torch.dot(torch.ones(3), torch.ones(3)).item() // 3 */
export function dot(a: Tensor, b: Tensor): Tensor {
  checkDims('dot', a, 1, 'self');
  checkDims('dot', b, 1, 'other');
  const dtype = checkSameDtype('dot', a, b);
  checkInner('dot', a, b, a.shape[0]!, b.shape[0]!);
  const dst = emptyTensor([], dtype, a._storage.backend);
  gemm(dtype, 1, 1, 1, a.shape[0]!, 1, 0, mat(a, 0, 1, a._strides[0]!), mat(b, 0, b._strides[0]!, 1), mat(dst, 0, 1, 1));
  return dst;
}

/** beta*self + alpha*outer(vec1, vec2). @example torch.addr(torch.zeros(2, 3), torch.ones(2), torch.ones(3)) */
export function addr(self: Tensor | null, v1: Tensor, v2: Tensor, options?: ScaleOptions): Tensor {
  checkDims('addr', v1, 1, 'vec1');
  checkDims('addr', v2, 1, 'vec2');
  const dtype = checkSameDtype('addr', v1, v2);
  const [m, n] = [v1.shape[0]!, v2.shape[0]!];
  const [dst, beta, out] = prepare('addr', [m, n], dtype, self, options, [v1, v2]);
  gemm(dtype, 1, m, n, 1, options?.alpha ?? 1, beta, mat(v1, 0, v1._strides[0]!, 1), mat(v2, 0, 1, v2._strides[0]!), matOf(dst));
  return finish(dst, out);
}

/** Outer product of two vectors. @example torch.ger(torch.ones(2), torch.ones(3)) // 2x3 */
export function ger(v1: Tensor, v2: Tensor): Tensor {
  return addr(null, v1, v2);
}

/** Batched matrix product of 3-D tensors. @example torch.bmm(torch.randn(5, 2, 3), torch.randn(5, 3, 4)) // 5x2x4 */
export function bmm(a: Tensor, b: Tensor, options?: OutOption): Tensor {
  return baddbmm(null, a, b, options);
}

function checkBatched(op: string, a: Tensor, b: Tensor): DType {
  checkDims(op, a, 3, 'batch1');
  checkDims(op, b, 3, 'batch2');
  const dtype = checkSameDtype(op, a, b);
  if (a.shape[0] !== b.shape[0]) throw new TorchSizeError(`${op}: batch sizes differ: ${fmtSize(a.shape)} and ${fmtSize(b.shape)}`);
  checkInner(op, a, b, a.shape[2]!, b.shape[1]!);
  return dtype;
}

/** beta*self + alpha*bmm(b1, b2). @example torch.baddbmm(torch.zeros(5, 2, 4), torch.randn(5, 2, 3), torch.randn(5, 3, 4)) */
export function baddbmm(self: Tensor | null, b1: Tensor, b2: Tensor, options?: ScaleOptions): Tensor {
  const op = self ? 'baddbmm' : 'bmm';
  const dtype = checkBatched(op, b1, b2);
  const [batch, m, k, n] = [b1.shape[0]!, b1.shape[1]!, b1.shape[2]!, b2.shape[2]!];
  const [dst, beta, out] = prepare(op, [batch, m, n], dtype, self, options, [b1, b2]);
  gemm(dtype, batch, m, n, k, options?.alpha ?? 1, beta, matOf(b1), matOf(b2), matOf(dst));
  return finish(dst, out);
}

/** beta*self + alpha*sum_i b1[i] @ b2[i]. @example torch.addbmm(torch.zeros(2, 4), torch.randn(5, 2, 3), torch.randn(5, 3, 4)) */
export function addbmm(self: Tensor | null, b1: Tensor, b2: Tensor, options?: ScaleOptions): Tensor {
  const dtype = checkBatched('addbmm', b1, b2);
  const [batch, m, k, n] = [b1.shape[0]!, b1.shape[1]!, b1.shape[2]!, b2.shape[2]!];
  const [dst, beta, out] = prepare('addbmm', [m, n], dtype, self, options, [b1, b2]);
  if (batch === 0) {
    if (beta === 0) dst.zero_();
    else if (beta !== 1) dst.mul_(beta);
    return finish(dst, out);
  }
  gemm(dtype, batch, m, n, k, options?.alpha ?? 1, beta, matOf(b1), matOf(b2), matOf(dst), true);
  return finish(dst, out);
}

/**
 * numpy's matmul: dot for 1-D·1-D, mv/mm for 2-D, and batched products that broadcast the leading
 * dims (a 1-D operand gets a size-1 dim that is removed again).
 * @example
 * torch.matmul(torch.randn(10, 1, 2, 3), torch.randn(5, 3, 4)).size(); // [10, 5, 2, 4]
 */
export function matmul(a: Tensor, b: Tensor, options?: OutOption): Tensor {
  checkTensor('matmul', a, 'self');
  checkTensor('matmul', b, 'other');
  const da = a.shape.length, db = b.shape.length;
  if (da === 0 || db === 0) throw new TorchSizeError(`matmul: both arguments need at least 1 dimension, got sizes ${fmtSize(a.shape)} and ${fmtSize(b.shape)}`);
  if (da === 1 && db === 1) {
    return intoOut(options?.out, dot(a, b));
  }
  if (da === 2 && db === 2) return mm(a, b, options);
  if (da === 2 && db === 1) return mv(a, b, options);
  if (da === 1 && db === 2) {
    return intoOut(options?.out, mm(a.unsqueeze(0), b).squeeze(0));
  }
  checkSameDtype('matmul', a, b);
  const a2 = da === 1 ? a.unsqueeze(0) : a;
  const b2 = db === 1 ? b.unsqueeze(1) : b;
  const [m, k] = a2.shape.slice(-2) as [number, number];
  const [kb, n] = b2.shape.slice(-2) as [number, number];
  checkInner('matmul', a, b, k, kb);
  const batchShape = broadcastShapes('matmul', a2.shape.slice(0, -2), b2.shape.slice(0, -2));
  const batch = batchShape.reduce((x, y) => x * y, 1);
  const flat = (t: Tensor, r: number, c: number) => reshape(expand(t, [...batchShape, r, c]), [batch, r, c]);
  const out3 = bmm(flat(a2, m, k), flat(b2, kb, n));
  const shape = [...batchShape, ...(da === 1 ? [] : [m]), ...(db === 1 ? [] : [n])];
  const result = reshape(out3, shape);
  return intoOut(options?.out, result);
}
