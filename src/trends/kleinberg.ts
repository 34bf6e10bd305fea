/**
 * Burst detection
 * ===============
 *
 * Kleinberg's two-state automaton for batched arrivals, as CiteSpace uses it: in period t,
 * r_t of the d_t papers are relevant (mention the concept, belong to the community). The base
 * state emits relevant papers at the overall share p0 = R/D, the burst state at p1 = s·p0;
 * a period costs −ln of its binomial likelihood in the state, and entering the burst state
 * costs γ·ln(n) for n periods. The cheapest state sequence (Viterbi) marks the bursts; a
 * burst's weight is the cost it saves over the base state in its periods.
 *
 * Because the rates are shares of each period's papers, a corpus that grows each year gives no
 * burst to a concept whose share stays the same.
 *
 * Kleinberg, J. (2002). Bursty and hierarchical structure in streams. KDD '02, 91–101.
 * https://doi.org/10.1145/775047.775061
 * Chen, C. (2006). CiteSpace II: Detecting and visualizing emerging trends and transient
 * patterns in scientific literature. JASIST 57(3), 359–377. https://doi.org/10.1002/asi.20317
 */

/** Relevant papers out of all papers, per period. */
export interface ShareSeries {
  relevant: readonly number[];
  total: readonly number[];
}

/** The automaton's parameters. */
export interface BurstParameters {
  /** s > 1: the burst state's share is s·p0. */
  stateRatio: number;
  /** γ ≥ 0: the cost of entering the burst state, times ln(periods). */
  gamma: number;
  /** Bursts shorter than this many periods are dropped. */
  minDuration: number;
}

/** A burst by period index: `start` to `end` inclusive. */
export interface BurstSpan {
  start: number;
  end: number;
  weight: number;
}

/** −ln of the binomial likelihood of r in d at share p, without the coefficient (the same in every state). */
function cost(r: number, d: number, p: number): number {
  if (d === 0) return 0;
  return -(r > 0 ? r * Math.log(p) : 0) - (d - r > 0 ? (d - r) * Math.log(1 - p) : 0);
}

/**
 * The bursts of `series`, in order. Empty when nothing is relevant, when every paper is, or
 * when the burst share s·p0 would reach 1 (a share that high cannot burst).
 */
export function detectBursts(series: ShareSeries, params: BurstParameters): BurstSpan[] {
  const { relevant, total } = series;
  const n = total.length;
  let R = 0;
  let D = 0;
  for (let t = 0; t < n; t++) {
    R += relevant[t] ?? 0;
    D += total[t] ?? 0;
  }
  if (n === 0 || R === 0 || R >= D) return [];
  const p0 = R / D;
  const p1 = params.stateRatio * p0;
  if (!(p1 < 1)) return [];
  const enter = params.gamma * Math.log(n);
  // Viterbi over two states; from[t][1] says whether state 1 at t came from state 1 at t−1.
  const base: number[] = [];
  const raised: number[] = [];
  const stay0: boolean[] = [];
  const stay1: boolean[] = [];
  let c0 = 0;
  let c1 = enter;
  for (let t = 0; t < n; t++) {
    const r = relevant[t] ?? 0;
    const d = total[t] ?? 0;
    base.push(cost(r, d, p0));
    raised.push(cost(r, d, p1));
    // Leaving the burst state is free; ties go to the base state (deterministic, fewer bursts).
    const to0From0 = c0;
    const to0From1 = c1;
    const to1From0 = c0 + enter;
    const to1From1 = c1;
    stay0.push(to0From0 <= to0From1);
    stay1.push(to1From1 < to1From0);
    const next0 = Math.min(to0From0, to0From1) + base[t]!;
    const next1 = Math.min(to1From0, to1From1) + raised[t]!;
    c0 = next0;
    c1 = next1;
  }
  const states = new Array<0 | 1>(n);
  let state: 0 | 1 = c0 <= c1 ? 0 : 1;
  for (let t = n - 1; t >= 0; t--) {
    states[t] = state;
    state = state === 0 ? (stay0[t] ? 0 : 1) : stay1[t] ? 1 : 0;
  }
  const bursts: BurstSpan[] = [];
  for (let t = 0; t < n; t++) {
    if (states[t] !== 1) continue;
    let end = t;
    let weight = 0;
    while (end < n && states[end] === 1) weight += base[end]! - raised[end++]!;
    if (end - t >= params.minDuration) bursts.push({ start: t, end: end - 1, weight });
    t = end - 1;
  }
  return bursts;
}
