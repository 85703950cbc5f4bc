// Recurrent cells and the time loop shared by RNN, LSTM and GRU, composed of Variable ops except the
// LSTM step, which is one fused autograd Function (lstm-cell.ts). Gate layouts are PyTorch's, so its weights load unchanged:
// LSTM rows (i, f, g, o), GRU rows (r, z, n).
import { Variable, cat } from '@torch/autograd';
import { lstmCell, type LstmGradSums } from './lstm-cell';

/** What a cell adds to the input projection: the recurrent weight (pre-transposed) and bias. */
export interface CellWeights {
  /** weightHh transposed, [H, G·H]. */
  whhT: Variable;
  biasHh: Variable | null;
}

/** The recurrent state of one direction of one layer: h, and c for LSTM. */
export type State = [h: Variable] | [h: Variable, c: Variable];

export type CellMode = 'RNN_TANH' | 'RNN_RELU' | 'LSTM' | 'GRU';

function recurrent(h: Variable, w: CellWeights): Variable {
  return w.biasHh !== null ? w.biasHh.addmm(h, w.whhT) : h.mm(w.whhT);
}

/**
 * One step: gi is the input projection x·W_ihᵀ + b_ih of this step ([b, G·H]); returns the new state.
 * The LSTM steps of one sequence may share `sums` (lstm-cell.ts), `first` marking the first step run.
 * @example step('GRU', gi, [h], weights)
 */
export function step(mode: CellMode, gi: Variable, state: State, w: CellWeights, sums: LstmGradSums | null = null, first = true): State {
  const h = state[0];
  if (mode === 'RNN_TANH') return [gi.add(recurrent(h, w)).tanh()];
  if (mode === 'RNN_RELU') return [gi.add(recurrent(h, w)).clamp(0, null)];
  if (mode === 'LSTM') return lstmCell(gi, h, state[1]!, w.whhT, w.biasHh, sums, first);
  const [ir, iz, inn] = gi.chunk(3, 1) as Variable[];
  const [hr, hz, hn] = recurrent(h, w).chunk(3, 1) as Variable[];
  const r = ir!.add(hr!).sigmoid();
  const z = iz!.add(hz!).sigmoid();
  const n = inn!.add(r.mul(hn!)).tanh();
  // (1 - z)·n + z·h
  return [n.add(z.mul(h.sub(n)))];
}

/**
 * Runs one direction of one layer over a packed batch: `gi` holds the input projections of every
 * step stacked as packed data ([Σ b_t, G·H]), `sizes` the batch size of each step (non-increasing),
 * `init` the initial state of all B sequences. Returns the outputs (packed data, [Σ b_t, H]) and the
 * final state of every sequence (its state after its own last step).
 */
export function runDirection(mode: CellMode, gi: Variable, sizes: number[], init: State, w: CellWeights, reverse: boolean): { out: Variable; last: State } {
  const T = sizes.length;
  const outs: Variable[] = new Array(T);
  // One split node (its backward is one cat) rather than a narrow per step: each narrow's backward would
  // zero-fill and accumulate a gradient of gi's full size, T times.
  const steps = T === 1 ? [gi] : (gi.split(sizes, 0) as Variable[]);
  const sums: LstmGradSums = { whhT: null, bias: null };
  const narrow = (s: State, n: number): State => s.map((v) => v.narrow(0, 0, n)) as State;
  if (!reverse) {
    let s: State = init;
    let rows = init[0].shape[0]!;
    const finished: State[] = []; // states of sequences that ended, the latest-ending batch rows first
    for (let t = 0; t < T; t++) {
      const b = sizes[t]!;
      if (b < rows) {
        finished.push(s.map((v) => v.narrow(0, b, rows - b)) as State);
        s = narrow(s, b);
        rows = b;
      }
      s = step(mode, steps[t]!, s, w, sums, t === 0);
      outs[t] = s[0];
    }
    const parts = [s, ...finished.reverse()];
    const last = s.map((_, k) => (parts.length === 1 ? s[k]! : cat(parts.map((p) => p[k]!), 0))) as State;
    return { out: T === 1 ? outs[0]! : cat(outs, 0), last };
  }
  let rows = sizes[T - 1]!;
  let s: State = narrow(init, rows);
  for (let t = T - 1; t >= 0; t--) {
    const b = sizes[t]!;
    if (b > rows) {
      // Sequences that start (in reverse time) at this step join with their initial state.
      s = s.map((v, k) => cat([v, init[k]!.narrow(0, rows, b - rows)], 0)) as State;
      rows = b;
    }
    s = step(mode, steps[t]!, s, w, sums, t === T - 1);
    outs[t] = s[0];
  }
  return { out: T === 1 ? outs[0]! : cat(outs, 0), last: s };
}
