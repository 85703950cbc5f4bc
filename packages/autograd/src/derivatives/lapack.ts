// Derivatives of the LAPACK family (core's ops/lapack.ts and the 0.x names of ops/lapack-legacy.ts).
// Formulas are PyTorch 1.13's (FunctionsManual.cpp), written with Variable ops only, so they are
// differentiable again; they call the LAPACK ops themselves (solve, triangularSolve, ...) as Variables.
import { eye, lstsq, solve, TorchTypeError, type Tensor } from '@torch/core';
import { registry, runOp, type Ctx, type Derivative } from '../record';
import { sumToSize } from '../sum-to-size';
import { Variable } from '../variable';
import { needs } from './helpers';

type G = Variable | null;

/** Argument i as a Variable (Tensor constants wrapped). */
const arg = (ctx: Ctx, i: number): Variable => {
  const a = ctx.args[i];
  return a instanceof Variable ? a : new Variable(a as Tensor);
};
/** The (single) result, or named output i of an object-returning op. */
const res = (ctx: Ctx, i?: number): Variable => (i === undefined ? ctx.result : (ctx.result as Variable[])[i]) as Variable;
/** Transpose of the last two dims. */
const mT = (x: Variable): Variable => x.transpose(-1, -2);
const identity = (n: number, like: Variable): Tensor => eye(n, { dtype: like.data.dtype, device: like.data.device });
/** A batch of vectors (`*, k`) as diagonal matrices (`*, k, k`). */
const diagEmbed = (s: Variable): Variable => s.unsqueeze(-1).mul(identity(s.data.shape[s.dim() - 1]!, s));
/** g (`*`) scaled onto a batch of matrices. */
const perMatrix = (g: Variable): Variable => g.unsqueeze(-1).unsqueeze(-1);
const add = (a: G, b: G): G => (a === null ? b : b === null ? a : a.add(b));
const opt = <T>(ctx: Ctx, i: number): T | undefined => ctx.args[i] as T | undefined;
const fmt = (s: readonly number[]) => `[${s.join(', ')}]`;

/** solve on Variables (recorded). @internal */
export function solveV(a: Variable | Tensor, b: Variable | Tensor): Variable {
  return runOp(registry.get('solve')!, [a, b], null) as Variable;
}
/** lstsq on Variables (recorded; the solution is differentiable). @internal */
export function lstsqV(a: Variable | Tensor, b: Variable | Tensor): Record<'solution' | 'residuals' | 'rank' | 'singularValues', Variable> {
  return runOp(registry.get('lstsq')!, [a, b], null) as Record<'solution' | 'residuals' | 'rank' | 'singularValues', Variable>;
}

// ---------------------------------------------------------------- inverse, det

/** d det(A) / dA: det(A) A^{-T}, or from the SVD when a matrix of the batch is singular (A^{-1} does not exist). */
function detGrad(a: Variable, det: Variable): Variable {
  if (!(det.data.reshape([-1]).tolist() as number[]).includes(0)) return perMatrix(det).mul(mT(a.inverse()));
  // The cofactor matrix: det(U) det(V) U diag(prod_{j != i} s_j) Vᵀ, defined for every A.
  const { U, S, V } = a.svd();
  const k = S.data.shape[S.dim() - 1]!;
  const cols = [];
  for (let i = 0; i < k; i++) {
    let p: Variable | null = null;
    for (let j = 0; j < k; j++) if (j !== i) p = p === null ? S.narrow(-1, j, 1) : p.mul(S.narrow(-1, j, 1));
    cols.push(p ?? S.narrow(-1, i, 1).mul(0).add(1));
  }
  const others = runOp(registry.get('cat')!, [cols, -1], null) as Variable;
  const sign = U.data.det().mul(V.data.det());
  return perMatrix(new Variable(sign)).mul(U.mul(others.unsqueeze(-2)).matmul(mT(V)));
}

/** log|det A| and logdet: A^{-T}. */
const logdetGrad = (g: Variable, a: Variable): Variable => perMatrix(g).mul(mT(a.inverse()));

// ---------------------------------------------------------------- solvers

/** B is a vector right-hand side (core's rule for solve). */
function vectorRhs(a: readonly number[], b: readonly number[]): boolean {
  return b.length === 1 || (b.length === a.length - 1 && b.every((s, i) => s === a[i]));
}

/** A X = B: gB = A^{-T} g, gA = -gB Xᵀ, each summed back over broadcast batch dims. */
function solveGrads(g: Variable, a: Variable, b: Variable, x: Variable, needA: boolean, needB: boolean, vector: boolean): [G, G] {
  const g2 = vector ? g.unsqueeze(-1) : g, x2 = vector ? x.unsqueeze(-1) : x;
  const bShape = vector ? [...b.data.shape, 1] : b.data.shape;
  const gb = solveV(mT(a), g2);
  return [needA ? sumToSize(gb.matmul(mT(x2)).neg(), a.data.shape) : null, needB ? sumToSize(gb, bShape).reshape(b.data.shape) : null];
}

interface Tri { upper?: boolean; transpose?: boolean; unitriangular?: boolean }

/** triangularSolve(B, A) → { solution X, clonedCoefficient }: [gB, gA]. */
function triangularGrads(grads: G[], ctx: Ctx, defaults: Tri): [G, G] {
  const [gx, gm] = grads;
  const b = arg(ctx, 0), a = arg(ctx, 1);
  const o = { ...defaults, ...opt<Tri>(ctx, 2) };
  const upper = o.upper ?? true, transpose = !!o.transpose, unit = !!o.unitriangular;
  let gb: G = null, ga: G = null;
  if (gx) {
    gb = gx.triangularSolve(a, { upper, transpose: !transpose, unitriangular: unit }).solution;
    if (needs(ctx, 1)) {
      const x = res(ctx, 0);
      const full = transpose ? x.matmul(mT(gb)).neg() : gb.matmul(mT(x)).neg();
      ga = upper ? full.triu(unit ? 1 : 0) : full.tril(unit ? -1 : 0);
    }
  }
  if (gm && needs(ctx, 1)) ga = add(ga, gm);
  return [gb && needs(ctx, 0) ? sumToSize(gb, b.data.shape) : null, ga && sumToSize(ga, a.data.shape)];
}

// ---------------------------------------------------------------- Cholesky

/** A = L Lᵀ (or Uᵀ U): gA = sym(L^{-T} Φ(Lᵀ gL) L^{-1}), Φ = lower triangle with the diagonal halved (Murray 2016). */
function choleskyGrad(gl: Variable, factor: Variable, upper: boolean): Variable {
  const L = upper ? mT(factor) : factor;
  const g = upper ? mT(gl) : gl;
  const n = L.data.shape[L.dim() - 1]!;
  const x = mT(L).matmul(g);
  const phi = x.tril().sub(x.mul(identity(n, x)).mul(0.5));
  const y = phi.triangularSolve(L, { upper: false, transpose: true }).solution; // L^{-T} Φ
  const z = mT(y).triangularSolve(L, { upper: false, transpose: true }).solution; // (L^{-T} Φ L^{-1})ᵀ
  return z.add(mT(z)).mul(0.5);
}

/** choleskySolve(B, L) = (L Lᵀ)^{-1} B: [gB, gL]. */
function choleskySolveGrads(g: Variable, ctx: Ctx, upper: boolean): [G, G] {
  const b = arg(ctx, 0), factor = arg(ctx, 1), x = res(ctx);
  const gb = g.choleskySolve(factor, { upper });
  let gf: G = null;
  if (needs(ctx, 1)) {
    const c = gb.matmul(mT(x));
    const common = c.add(mT(c));
    gf = sumToSize((upper ? factor.matmul(common) : common.matmul(factor)).neg(), factor.data.shape);
  }
  return [needs(ctx, 0) ? sumToSize(gb, b.data.shape) : null, gf];
}

/** choleskyInverse(L) = (L Lᵀ)^{-1} =: C: gL = -C (g + gᵀ) C L (or -U C (g + gᵀ) C). */
function choleskyInverseGrad(g: Variable, ctx: Ctx, upper: boolean): Variable {
  const factor = arg(ctx, 0), c = res(ctx);
  const common = c.matmul(g.add(mT(g))).matmul(c);
  return (upper ? factor.matmul(common) : common.matmul(factor)).neg();
}

// ---------------------------------------------------------------- QR, SVD, symeig

/** A = Q R with m >= n (reduced): gA = (gQ + Q copyltu(M)) R^{-T}, M = R gRᵀ - gQᵀ Q (copyltu: the lower triangle mirrored). */
function qrSquareOrTall(gq: G, gr: G, q: Variable, r: Variable): Variable {
  let m: G = gr ? r.matmul(mT(gr)) : null;
  if (gq) m = m === null ? mT(gq).matmul(q).neg() : m.sub(mT(gq).matmul(q));
  const c = m!.tril().add(mT(m!.tril(-1)));
  const x = gq ? gq.add(q.matmul(c)) : q.matmul(c);
  return mT(mT(x).triangularSolve(r, { upper: true }).solution);
}

function qrGrad(grads: G[], ctx: Ctx): Variable | null {
  const [gq, gr] = grads;
  if (!gq && !gr) return null;
  const a = arg(ctx, 0), q = res(ctx, 0), r = res(ctx, 1);
  const [m, n] = a.data.shape.slice(-2) as [number, number];
  const qc = q.data.shape[q.dim() - 1]!;
  if (qc > n) throw new TorchTypeError(`QrBackward: the QR decomposition is not differentiable when some=false and the input (size ${fmt(a.data.shape)}) has more rows than columns (m = ${m} > n = ${n})`);
  if (m >= n) return qrSquareOrTall(gq, gr, q, r);
  // Wide A = [X | Y] = Q [U | V]: X = Q U is square; V = Qᵀ Y sends gV to Y and gQ += Y gVᵀ.
  const u = r.narrow(-1, 0, m), y = a.narrow(-1, m, n - m);
  const gu = gr ? gr.narrow(-1, 0, m) : null, gv = gr ? gr.narrow(-1, m, n - m) : null;
  const gq2 = gv ? add(gq, y.matmul(mT(gv))) : gq;
  const gx = qrSquareOrTall(gq2, gu, q, u);
  const gy = gv ? q.matmul(gv) : y.mul(0);
  return runOp(registry.get('cat')!, [[gx, gy], -1], null) as Variable;
}

/**
 * A = U diag(S) Vᵀ (PyTorch's svd_backward): gA = U [(skew(Uᵀ gU) S + S skew(Vᵀ gV)) / E + diag(gS)] Vᵀ
 * plus the parts of gU, gV outside the spans of U, V; E_jk = s_k² - s_j². Needs distinct singular values
 * when gU or gV is given (as PyTorch); gS alone gives U diag(gS) Vᵀ.
 */
function svdGrad(grads: G[], ctx: Ctx): Variable | null {
  let [gu, gs, gv] = grads;
  if (!gu && !gs && !gv) return null;
  const a = arg(ctx, 0);
  const o = opt<{ some?: boolean; computeUv?: boolean }>(ctx, 1);
  let u = res(ctx, 0), v = res(ctx, 2);
  const s = res(ctx, 1);
  if (o?.computeUv === false) {
    // U and V were not computed (zero-filled): only S is differentiable, through a fresh decomposition.
    ({ U: u, V: v } = a.svd());
    gu = gv = null;
  }
  const k = s.data.shape[s.dim() - 1]!;
  const [m, n] = a.data.shape.slice(-2) as [number, number];
  if (o?.some === false) {
    // Complete decomposition: the extra columns do not depend on A uniquely; PyTorch drops them too.
    u = u.narrow(-1, 0, k);
    v = v.narrow(-1, 0, k);
    if (gu) gu = gu.narrow(-1, 0, k);
    if (gv) gv = gv.narrow(-1, 0, k);
  }
  if (!gu && !gv) return u.mul(gs!.unsqueeze(-2)).matmul(mT(v));
  const skew = (x: Variable) => x.sub(mT(x));
  const s2 = s.mul(s);
  const e = s2.unsqueeze(-2).sub(s2.unsqueeze(-1)).add(identity(k, s));
  let inner: Variable = add(gu ? skew(mT(u).matmul(gu)).mul(s.unsqueeze(-2)) : null, gv ? s.unsqueeze(-1).mul(skew(mT(v).matmul(gv))) : null)!.div(e);
  if (gs) inner = inner.add(diagEmbed(gs));
  if (m > k && gu) {
    const gusinv = gu.div(s.unsqueeze(-2));
    return u.matmul(inner).add(gusinv).sub(u.matmul(mT(u).matmul(gusinv))).matmul(mT(v));
  }
  if (n > k && gv) {
    const gvsinvT = mT(gv.div(s.unsqueeze(-2)));
    return u.matmul(inner.matmul(mT(v)).add(gvsinvT).sub(gvsinvT.matmul(v).matmul(mT(v))));
  }
  return u.matmul(inner).matmul(mT(v));
}

/** A = V diag(L) Vᵀ: gA = V [skew(Vᵀ gV)/2 / E + diag(gL)] Vᵀ, E_jk = l_k - l_j (a symmetric gradient). */
function symeigGrad(grads: G[], ctx: Ctx): Variable | null {
  const [gl, gv] = grads;
  if (!gl && !gv) return null;
  if (!opt<{ eigenvectors?: boolean }>(ctx, 1)?.eigenvectors)
    throw new TorchTypeError("SymeigBackward: symeig(A, { eigenvectors: false }) is not differentiable (as in PyTorch); call symeig(A, { eigenvectors: true }) and use its eigenvalues");
  const l = res(ctx, 0), v = res(ctx, 1);
  if (!gv) return v.mul(gl!.unsqueeze(-2)).matmul(mT(v));
  const n = l.data.shape[l.dim() - 1]!;
  const x = mT(v).matmul(gv);
  const e = l.unsqueeze(-2).sub(l.unsqueeze(-1)).add(identity(n, l));
  let inner = x.sub(mT(x)).mul(0.5).div(e);
  if (gl) inner = inner.add(diagEmbed(gl));
  return v.matmul(inner).matmul(mT(v));
}

/** P = A⁺ (constant rank): gA = -Pᵀ gP Pᵀ + (I - A P) gPᵀ P Pᵀ + Pᵀ P gPᵀ (I - P A). */
function pinvGrad(gp: Variable, p: Variable, a: Variable): Variable {
  const pt = mT(p), gpt = mT(gp);
  const k = gpt.matmul(p).matmul(pt);
  const h = pt.matmul(p).matmul(gpt);
  return pt.matmul(gp).matmul(pt).neg().add(k.sub(a.matmul(p.matmul(k)))).add(h.sub(h.matmul(p).matmul(a)));
}

/** Aⁿ: gB = Σ_k (Bᵀ)^k g (Bᵀ)^{p-1-k} with B = A (n > 0) or A^{-1} (n < 0, then gA = -Bᵀ gB Bᵀ). */
function matrixPowerGrad(g: Variable, ctx: Ctx): Variable {
  const a = arg(ctx, 0);
  const n = ctx.args[1] as number;
  if (n === 0) return a.mul(0);
  const base = n > 0 ? a : a.inverse();
  const p = Math.abs(n);
  const bt = mT(base);
  const pows: Variable[] = [];
  for (let k = 1; k < p; k++) pows.push(k === 1 ? bt : pows[k - 2]!.matmul(bt));
  let gb: Variable | null = null;
  for (let k = 0; k < p; k++) {
    let term = k === 0 ? g : pows[k - 1]!.matmul(g);
    if (p - 1 - k > 0) term = term.matmul(pows[p - 2 - k]!);
    gb = gb === null ? term : gb.add(term);
  }
  const gbase = sumToSize(gb!, base.data.shape);
  return n > 0 ? gbase : bt.matmul(gbase).matmul(bt).neg();
}

const notDifferentiable = (node: string, why: string) => (): never => {
  throw new TorchTypeError(`${node}: ${why}`);
};

const upperOf = (ctx: Ctx, i: number, dflt: boolean) => opt<{ upper?: boolean }>(ctx, i)?.upper ?? dflt;

export const lapackDerivatives: Derivative[] = [
  { name: 'inverse', saves: ['result'], backward: (g: Variable, ctx: Ctx) => [mT(res(ctx)).matmul(g).matmul(mT(res(ctx))).neg()] },
  { name: 'det', saves: [0, 'result'], backward: (g: Variable, ctx: Ctx) => [perMatrix(g).mul(detGrad(arg(ctx, 0), res(ctx)))] },
  { name: 'logdet', saves: [0], backward: (g: Variable, ctx: Ctx) => [logdetGrad(g, arg(ctx, 0))] },
  { name: 'slogdet', outputs: ['logabsdet'], saves: [0], backward: ([g]: G[], ctx: Ctx) => [g && logdetGrad(g, arg(ctx, 0))] },
  {
    name: 'solve',
    isFunction: true,
    forward: solve,
    saves: [0, 'result'],
    backward: (g: Variable, ctx: Ctx) => {
      const a = arg(ctx, 0), b = arg(ctx, 1);
      return solveGrads(g, a, b, res(ctx), needs(ctx, 0), needs(ctx, 1), vectorRhs(a.data.shape, b.data.shape));
    },
  },
  {
    // 0.x gesv(B, A): the solution is differentiable (LU is not).
    name: 'gesv',
    outputs: ['solution'],
    saves: [1, 'result'],
    backward: ([g]: G[], ctx: Ctx) => {
      if (!g) return [];
      const b = arg(ctx, 0), a = arg(ctx, 1);
      const [ga, gb] = solveGrads(g, a, b, res(ctx, 0), needs(ctx, 1), needs(ctx, 0), vectorRhs(a.data.shape, b.data.shape));
      return [gb, ga];
    },
  },
  {
    // As torch.linalg.lstsq in PyTorch 1.13: the solution is A⁺ B, differentiable; residuals, rank, singular values are not.
    name: 'lstsq',
    isFunction: true,
    forward: lstsq,
    outputs: ['solution'],
    saves: [0, 1],
    backward: ([g]: G[], ctx: Ctx) => {
      if (!g) return [];
      const a = arg(ctx, 0), b = arg(ctx, 1);
      const vector = b.dim() === a.dim() - 1;
      const g2 = vector ? g.unsqueeze(-1) : g, b2 = vector ? b.unsqueeze(-1) : b;
      const p = a.pinverse();
      return [
        needs(ctx, 0) ? sumToSize(pinvGrad(g2.matmul(mT(b2)), p, a), a.data.shape) : null,
        needs(ctx, 1) ? sumToSize(mT(p).matmul(g2), b2.data.shape).reshape(b.data.shape) : null,
      ];
    },
  },
  {
    // PyTorch never differentiated gels (torch.lstsq's backward was not implemented until it was removed).
    name: 'gels',
    outputs: ['solution'],
    backward: notDifferentiable('GelsBackward', 'the derivative of gels is not implemented (as in PyTorch); use torch.autograd.lstsq(A, B), whose solution is differentiable'),
  },
  { name: 'cholesky', saves: ['result'], backward: (g: Variable, ctx: Ctx) => [choleskyGrad(g, res(ctx), upperOf(ctx, 1, false))] },
  { name: 'potrf', saves: ['result'], backward: (g: Variable, ctx: Ctx) => [choleskyGrad(g, res(ctx), upperOf(ctx, 1, true))] },
  { name: 'choleskySolve', saves: [1, 'result'], backward: (g: Variable, ctx: Ctx) => choleskySolveGrads(g, ctx, upperOf(ctx, 2, false)) },
  { name: 'potrs', saves: [1, 'result'], backward: (g: Variable, ctx: Ctx) => choleskySolveGrads(g, ctx, upperOf(ctx, 2, true)) },
  { name: 'choleskyInverse', saves: [0, 'result'], backward: (g: Variable, ctx: Ctx) => [choleskyInverseGrad(g, ctx, upperOf(ctx, 1, false))] },
  { name: 'potri', saves: [0, 'result'], backward: (g: Variable, ctx: Ctx) => [choleskyInverseGrad(g, ctx, upperOf(ctx, 1, true))] },
  { name: 'triangularSolve', outputs: ['solution', 'clonedCoefficient'], saves: [1, 'result'], backward: (gs: G[], ctx: Ctx) => triangularGrads(gs, ctx, {}) },
  { name: 'trtrs', outputs: ['solution', 'clonedCoefficient'], saves: [1, 'result'], backward: (gs: G[], ctx: Ctx) => triangularGrads(gs, ctx, {}) },
  { name: 'qr', outputs: ['Q', 'R'], saves: [0, 'result'], backward: (gs: G[], ctx: Ctx) => [qrGrad(gs, ctx)] },
  { name: 'svd', outputs: ['U', 'S', 'V'], saves: [0, 'result'], backward: (gs: G[], ctx: Ctx) => [svdGrad(gs, ctx)] },
  { name: 'symeig', outputs: ['eigenvalues', 'eigenvectors'], saves: ['result'], backward: (gs: G[], ctx: Ctx) => [symeigGrad(gs, ctx)] },
  {
    name: 'eig',
    outputs: ['eigenvalues', 'eigenvectors'],
    backward: notDifferentiable('EigBackward', 'eig is not differentiable (PyTorch 1.13 removed torch.eig; eigenvalues of a general matrix may be complex); for symmetric matrices use symeig(A, { eigenvectors: true })'),
  },
  { name: 'pinverse', saves: [0, 'result'], backward: (g: Variable, ctx: Ctx) => [pinvGrad(g, res(ctx), arg(ctx, 0))] },
  { name: 'matrixPower', saves: [0], backward: (g: Variable, ctx: Ctx) => [matrixPowerGrad(g, ctx)] },
];
