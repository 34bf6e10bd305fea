/**
 * Key concepts of a group
 * =======================
 *
 * The first concepts of a topic or field are what a reader takes it to be about, and a label
 * is made from them. Ranked one by one by distinctiveness, they tend to be ten variations on
 * the group's sharpest corner, mentioned by a few of its papers and seldom together. Here they
 * are picked greedily, as a small set that describes the group as a whole: each next concept is
 * the one that adds most of the group's papers not yet described, weighed by how much of the
 * concept's own papers lie in the group (precision, above the group's share of all papers) and by how well it co-occurs with those
 * already picked (NPMI over all papers; Bouma 2009, "Normalized (pointwise) mutual information
 * in collocation extraction"). Pure and deterministic.
 */

/** A concept that may describe a group: its papers, as paper numbers. */
export interface KeyConceptCandidate {
  /** The group's papers that mention it. */
  inside: readonly number[];
  /** All papers that mention it (a superset of `inside`). */
  papers: ReadonlySet<number>;
}

/** Options of {@link chooseKeyConcepts}. */
export interface KeyConceptOptions {
  /** How many concepts to pick. */
  count: number;
  /** Papers in the group. */
  groupSize: number;
  /** Papers in the corpus (for NPMI). */
  totalPapers: number;
  /**
   * Weight of a concept's whole support in the group beside the papers it newly describes, so
   * that once the group is described the later picks still favour its common concepts.
   */
  supportWeight: number;
  /** Positions of candidates already chosen (a label's concepts), kept first in this order. */
  chosen?: readonly number[];
  /**
   * Exponent of the co-occurrence factor: higher asks the picks to meet each other more, lower
   * to reach more of the group's papers.
   */
  cohesion: number;
}

export const KEY_CONCEPT_DEFAULTS: Omit<KeyConceptOptions, 'groupSize' | 'totalPapers'> = { count: 10, supportWeight: 0.15, cohesion: 2 };

/**
 * The positions in `candidates` of the concepts that describe the group, in the order picked
 * (at most `count`; ties go to the earlier candidate, so pass them in a meaningful order).
 */
export function chooseKeyConcepts(candidates: readonly KeyConceptCandidate[], options: KeyConceptOptions): number[] {
  const { count, groupSize, totalPapers, supportWeight, cohesion: cohesionExponent } = options;
  if (groupSize <= 0 || totalPapers <= 0) return [...(options.chosen ?? [])];
  const base = Math.min(groupSize / totalPapers, 1 - 1e-9);
  const covered = new Set<number>();
  const chosen: number[] = [];
  const taken = new Set<number>();
  // Sum of NPMI with every concept chosen so far, per candidate.
  const cohesion = new Float64Array(candidates.length);
  const choose = (index: number) => {
    chosen.push(index);
    taken.add(index);
    for (const paper of candidates[index]!.inside) covered.add(paper);
    candidates.forEach((candidate, other) => {
      if (!taken.has(other)) cohesion[other]! += npmi(candidate.papers, candidates[index]!.papers, totalPapers);
    });
  };
  for (const index of options.chosen ?? []) choose(index);
  while (chosen.length < count) {
    let best = -1;
    let bestScore = 0;
    candidates.forEach((candidate, index) => {
      if (taken.has(index) || candidate.inside.length === 0) return;
      let fresh = 0;
      for (const paper of candidate.inside) if (!covered.has(paper)) fresh++;
      const describes = (fresh + supportWeight * candidate.inside.length) / groupSize;
      // Precision above chance: a concept spread over the corpus as the group's papers are
      // (the group's share of all papers) says nothing of the group, however many it covers.
      const precision = Math.max(0, candidate.inside.length / candidate.papers.size - base) / (1 - base);
      const together = chosen.length ? (1 + cohesion[index]! / chosen.length) / 2 : 1;
      const score = describes * precision * together ** cohesionExponent;
      if (score > bestScore) {
        best = index;
        bestScore = score;
      }
    });
    if (best < 0) break;
    choose(best);
  }
  return chosen;
}

/** NPMI of two concepts over `n` papers: −1 when they never meet, 1 when always together. */
export function npmi(a: ReadonlySet<number>, b: ReadonlySet<number>, n: number): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let joint = 0;
  for (const paper of small) if (large.has(paper)) joint++;
  if (joint === 0) return -1;
  if (joint >= n) return 1;
  const pab = joint / n;
  return Math.log(pab / ((a.size / n) * (b.size / n))) / -Math.log(pab);
}
