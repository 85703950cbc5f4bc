// einsum: parse the equation, take diagonals for labels repeated within an operand, align every operand
// to one global dim order (output dims first), then fold the operands left to right, each pair
// contracted with one batched matmul. Only methods Tensor and Variable share are used, so einsum of
// Variables is differentiable.
import type { Tensor } from '../tensor';
import { TorchSizeError, TorchTypeError } from '../errors';
import { eye } from './creation';
import { checkArg, describe } from './composite_args';

const fmt = (s: readonly number[]): string => `[${s.join(', ')}]`;
const ELL = '.'; // ellipsis dims are the ids '.0', '.1', ... (right-aligned across operands)

/** One operand's labels: letters and the position of '...' (or -1). */
interface Term {
  labels: string[];
  ellipsis: number;
}

function parseTerm(term: string, eq: string): Term {
  const labels: string[] = [];
  let ellipsis = -1;
  for (let i = 0; i < term.length; ) {
    if (term.startsWith('...', i)) {
      if (ellipsis >= 0) throw new TorchTypeError(`einsum: more than one '...' in a term of '${eq}'`);
      ellipsis = labels.length;
      i += 3;
    } else if (/[a-zA-Z]/.test(term[i]!)) labels.push(term[i++]!);
    else throw new TorchTypeError(`einsum: invalid character '${term[i]}' in equation '${eq}'; labels are letters a-z, A-Z and '...'`);
  }
  return { labels, ellipsis };
}

/**
 * Einstein summation: `einsum('ij,jk->ik', a, b)` is a matmul. Labels repeated in one operand take a
 * diagonal (`'ii->i'`, `'ii'` is the trace), labels missing from the output are summed, `'...'` stands
 * for broadcast dims. Without `->` the output is '...' then the labels used once, in alphabetical order.
 * The operands may also be passed as one array.
 * @example torch.einsum('bij,bjk->bik', x, y) // batched matmul
 * @example torch.einsum('i,j->ij', [u, v])  // outer product
 */
export function einsum(equation: string, ...operands: (Tensor | readonly Tensor[])[]): Tensor {
  if (typeof equation !== 'string') throw new TorchTypeError(`einsum: the equation must be a string, got ${describe(equation)}`);
  const ops = (operands.length === 1 && Array.isArray(operands[0]) ? operands[0] : operands) as Tensor[];
  ops.forEach((t, i) => checkArg('einsum', t, `operand ${i}`));
  const eq = equation.replace(/\s+/g, '');
  const arrow = eq.indexOf('->');
  const lhs = arrow >= 0 ? eq.slice(0, arrow) : eq;
  const terms = lhs.split(',').map((t) => parseTerm(t, equation));
  if (terms.length !== ops.length)
    throw new TorchTypeError(`einsum: the equation '${equation}' has ${terms.length} operand${terms.length === 1 ? '' : 's'} but ${ops.length} ${ops.length === 1 ? 'was' : 'were'} given`);
  // Each operand's dim ids, with '...' expanded into right-aligned ellipsis ids.
  let nEll = 0;
  const ids = terms.map((t, i) => {
    const x = ops[i]!;
    const e = x.dim() - t.labels.length;
    if (t.ellipsis < 0 ? e !== 0 : e < 0)
      throw new TorchSizeError(`einsum: operand ${i} of size ${fmt(x.shape)} has ${x.dim()} dims but its term has ${t.labels.length} label${t.ellipsis >= 0 ? 's and ...' : 's'}`);
    nEll = Math.max(nEll, t.ellipsis < 0 ? 0 : e);
    return t;
  }).map((t, i) => {
    const e = ops[i]!.dim() - t.labels.length;
    if (t.ellipsis < 0) return t.labels.slice();
    const ell = Array.from({ length: e }, (_, k) => ELL + (nEll - e + k));
    return [...t.labels.slice(0, t.ellipsis), ...ell, ...t.labels.slice(t.ellipsis)];
  });
  const ellIds = Array.from({ length: nEll }, (_, k) => ELL + k);
  // The output ids.
  let out: string[];
  if (arrow >= 0) {
    const t = parseTerm(eq.slice(arrow + 2), equation);
    const seen = new Set<string>();
    for (const l of t.labels) {
      if (seen.has(l)) throw new TorchTypeError(`einsum: output label '${l}' appears more than once in '${equation}'`);
      if (!terms.some((x) => x.labels.includes(l))) throw new TorchTypeError(`einsum: output label '${l}' does not appear in any input of '${equation}'`);
      seen.add(l);
    }
    if (t.ellipsis >= 0 && !terms.some((x) => x.ellipsis >= 0)) throw new TorchTypeError(`einsum: '...' in the output of '${equation}' but in no input`);
    out = t.ellipsis < 0 ? t.labels : [...t.labels.slice(0, t.ellipsis), ...ellIds, ...t.labels.slice(t.ellipsis)];
  } else {
    const count = new Map<string, number>();
    for (const t of terms) for (const l of t.labels) count.set(l, (count.get(l) ?? 0) + 1);
    const once = [...count].filter(([, c]) => c === 1).map(([l]) => l).sort();
    out = [...ellIds, ...once];
  }
  const all = [...out];
  for (const list of ids) for (const id of list) if (!all.includes(id)) all.push(id);
  // Sizes per id: equal, or 1 (broadcast).
  const size = new Map<string, number>();
  ids.forEach((list, i) => list.forEach((id, d) => {
    const s = ops[i]!.shape[d]!, prev = size.get(id);
    if (prev === undefined || prev === 1) size.set(id, s);
    else if (s !== 1 && s !== prev) {
      const what = id.startsWith(ELL) ? 'a ... dim' : `label '${id}'`;
      throw new TorchSizeError(`einsum: ${what} has size ${prev} and size ${s} (operand ${i} of size ${fmt(ops[i]!.shape)}) in '${equation}'`);
    }
  }));
  // Align each operand to `all` (diagonals for repeated ids, size-1 dims for absent ones).
  const aligned = ops.map((x, i) => align(x, ids[i]!, all, equation));
  // Which ids are still needed after operand i: the output's and those of later operands.
  const neededAfter = (i: number): Set<string> => new Set([...out, ...ids.slice(i + 1).flat()]);
  let acc = aligned[0]!;
  for (let i = 1; i < aligned.length; i++) acc = contractPair(acc, aligned[i]!, all, neededAfter(i));
  const extra = all.map((id, d) => (d >= out.length && acc.shape[d]! !== 1 ? d : -1)).filter((d) => d >= 0);
  if (extra.length) acc = acc.sum(extra, { keepdim: true });
  return acc.reshape(out.map((_, d) => acc.shape[d]!));
}

/** Takes diagonals for repeated ids, then permutes and unsqueezes x to the global id order. */
function align(x: Tensor, ids: string[], all: string[], eq: string): Tensor {
  let cur = ids.slice();
  for (let d = 0; d < cur.length; d++) {
    for (let e = cur.length - 1; e > d; e--) {
      if (cur[e] !== cur[d]) continue;
      const n = x.shape[d]!;
      if (x.shape[e] !== n) throw new TorchSizeError(`einsum: label '${cur[d]}' repeated in one operand with sizes ${n} and ${x.shape[e]} in '${eq}'`);
      // Diagonal of dims d and e: mask with the identity, then sum e away (differentiable, no new kernel).
      const mask = eye(n, { dtype: x.dtype, device: x.device }).reshape(x.shape.map((_, k) => (k === d || k === e ? n : 1)));
      x = x.mul(mask).sum(e);
      cur = cur.filter((_, k) => k !== e);
    }
  }
  const perm = all.filter((id) => cur.includes(id)).map((id) => cur.indexOf(id));
  const moved = perm.length > 1 ? x.permute(perm) : x;
  const present = all.filter((id) => cur.includes(id));
  let k = 0;
  return moved.reshape(all.map((id) => (present.includes(id) ? moved.shape[k++]! : 1)));
}

/**
 * Contracts two aligned operands. Ids not needed later are summed (matmul's inner dim when both have
 * them); needed ids present in both are batch dims; the others are each side's free dims.
 */
function contractPair(a: Tensor, b: Tensor, all: string[], needed: Set<string>): Tensor {
  const batch: number[] = [], inner: number[] = [], freeA: number[] = [], freeB: number[] = [];
  const sumA: number[] = [], sumB: number[] = [];
  all.forEach((id, d) => {
    const sa = a.shape[d]!, sb = b.shape[d]!;
    const keep = needed.has(id);
    if (sa !== 1 && sb !== 1) (keep ? batch : inner).push(d);
    else if (sa !== 1) (keep ? freeA : sumA).push(d);
    else if (sb !== 1) (keep ? freeB : sumB).push(d);
  });
  if (sumA.length) a = a.sum(sumA, { keepdim: true });
  if (sumB.length) b = b.sum(sumB, { keepdim: true });
  const rest = all.map((_, d) => d).filter((d) => ![...batch, ...inner, ...freeA, ...freeB].includes(d));
  const sz = (t: Tensor, ds: number[]): number[] => ds.map((d) => t.shape[d]!);
  const prod = (xs: number[]): number => xs.reduce((p, x) => p * x, 1);
  const [bs, ks, ms, ns] = [sz(a, batch), sz(a, inner), sz(a, freeA), sz(b, freeB)];
  // a -> [batch, freeA, inner], b -> [batch, inner, freeB]; the dims of size 1 elsewhere (rest, the
  // other side's free dims) ride along at the end and are dropped by the reshape.
  const ma = a.permute([...batch, ...freeA, ...inner, ...freeB, ...rest]).reshape([prod(bs), prod(ms), prod(ks)]);
  const mb = b.permute([...batch, ...inner, ...freeB, ...freeA, ...rest]).reshape([prod(bs), prod(ks), prod(ns)]);
  const r = ma.matmul(mb);
  // Back to the global order: [batch, freeA, freeB] then size-1 dims for inner and rest.
  const order = [...batch, ...freeA, ...freeB, ...inner, ...rest];
  const shaped = r.reshape([...bs, ...ms, ...ns, ...inner.map(() => 1), ...rest.map(() => 1)]);
  const inv = all.map((_, d) => order.indexOf(d));
  return shaped.permute(inv);
}
