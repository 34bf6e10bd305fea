/**
 * The score of a candidate
 * ========================
 *
 * How one paper's candidate key is scored: the hand-weighted score (`handScore`, the weights
 * fitted on Inspec train), and the facts a learned ranker reads (`candidateFacts`). Pure
 * functions of what the corpus pass counted.
 */
import type { CandidateFacts } from '../ranker.js';
import type { KeyTable } from './key-table.js';
import { MAXIMAL, type Occurrences } from './occurrences.js';
import type { EligibleKey } from './types.js';

/** Weights of the per-paper score (fitted on the Inspec training split; see bench/extract.mjs). */
export interface ScoreWeights {
  /** Exponent of (1 + log tf). */
  tf: number;
  /** Exponent of the inverse document frequency. */
  idf: number;
  /** Multiplier when the concept is in the title. */
  title: number;
  /** Exponent of the first-position factor 1 / (1 + relative position). */
  position: number;
  /** Multiplier per extra word (phrases of 2–3 words are the typical key). */
  length: number;
  /** Multiplier for a mention only ever seen nested inside longer chunks of this paper. */
  nested: number;
  /** Exponent of corpus termhood (log C-value). */
  termhood: number;
  /** Multiplier for single words. */
  unigram: number;
  /** Multiplier for phrases of four or more words. */
  long: number;
  /** Multiplier for phrases opening with a participle ("extended Kamp's theorem"). */
  participle: number;
}

/** The weights fitted on Inspec train. */
export const DEFAULT_WEIGHTS: ScoreWeights = {
  tf: 0,
  idf: 1,
  title: 1,
  position: 0.3,
  length: 1,
  nested: 0.05,
  termhood: 0.6,
  unigram: 0.3,
  long: 0.8,
  participle: 1,
};

/** What the hand-weighted score reads of a candidate in its paper. */
export interface CandidateCounts {
  /** Occurrences in the paper. */
  tf: number;
  /** Occurrences that are a whole chunk. */
  maximal: number;
  /** Relative position of the first occurrence (0 = title or start). */
  firstPos: number;
  inTitle: boolean;
  /** Words of the key. */
  words: number;
  /** Its first occurrence opens with a participle. */
  participle: boolean;
}

/**
 * The hand-weighted score of a candidate with counts `c` in its paper and corpus facts `g`
 * (0 when not finite, as for a key with no termhood).
 */
export function handScore(c: CandidateCounts, g: Pick<EligibleKey, 'idf' | 'termhood'>, w: ScoreWeights): number {
  const words = c.words;
  const score =
    Math.pow(1 + Math.log(c.tf), w.tf) *
    Math.pow(g.idf, w.idf) *
    (c.inTitle ? w.title : 1) *
    Math.pow(1 / (1 + 10 * c.firstPos), w.position) *
    Math.pow(w.length, Math.min(words, 4) - 1) *
    (c.maximal === 0 ? w.nested : 1) *
    Math.pow(Math.log(1 + g.termhood), w.termhood) *
    (words === 1 ? w.unigram : 1) *
    (words >= 4 ? w.long : 1) *
    (c.participle ? w.participle : 1);
  return Number.isFinite(score) ? score : 0;
}

/** Word frequencies over a paper's whole chunks, and the words of its title (ranker features). */
export interface PaperWords {
  counts: Map<number, number>;
  title: Set<number>;
}

/** The {@link PaperWords} of a paper's occurrences `occ`. */
export function paperWords(occ: Occurrences, keys: KeyTable): PaperWords {
  const counts = new Map<number, number>();
  const title = new Set<number>();
  for (let i = 0; i < occ.length; i++) {
    if (!(occ.flags[i]! & MAXIMAL)) continue;
    const inTitle = occ.field[i] === 0;
    keys.forEachWord(occ.key[i]!, (word) => {
      counts.set(word, (counts.get(word) ?? 0) + 1);
      if (inTitle) title.add(word);
    });
  }
  return { counts, title };
}

/**
 * What a learned ranker reads of candidate key `id`: its counts `c` in the paper, its corpus
 * facts `g`, its first occurrence's `adjective` flag, the paper's words, and its `score` by hand.
 */
export function candidateFacts(
  id: number,
  c: CandidateCounts,
  g: EligibleKey,
  adjective: boolean,
  words: PaperWords,
  keys: KeyTable,
  score: number,
): CandidateFacts {
  let logSum = 0;
  let inTitle = 0;
  let n = 0;
  keys.forEachWord(id, (word) => {
    logSum += Math.log(words.counts.get(word) ?? 1);
    if (words.title.has(word)) inTitle++;
    n++;
  });
  return {
    tf: c.tf,
    maximal: c.maximal,
    firstPos: c.firstPos,
    inTitle: c.inTitle,
    termhood: g.termhood,
    idf: g.idf,
    df: g.df,
    words: c.words,
    participle: c.participle,
    adjective,
    acronym: g.isAcronym,
    wordTf: logSum / n,
    titleOverlap: inTitle / n,
    handScore: score,
  };
}
