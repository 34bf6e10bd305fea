/**
 * Learned per-paper ranking
 * =========================
 *
 * A logistic regression over features the corpus pass already has for each candidate of a
 * paper (frequency, position, title, termhood, idf, length, nesting, …). Trained on the Inspec
 * training split only, by `bench/extract-train.mjs`, which writes `ranker-model.ts`. It orders
 * a paper's own candidates; which candidates exist and which concepts are shared across papers
 * is decided before it, by the corpus statistics.
 */
import { RANKER_MODEL } from './ranker-model.js';

/** A fitted model: standardization and weights per feature, and a bias. */
export interface RankerModel {
  features: readonly string[];
  mean: readonly number[];
  std: readonly number[];
  weights: readonly number[];
  bias: number;
}

/** What the corpus pass knows about one candidate of one paper. */
export interface CandidateFacts {
  /** Occurrences in this paper. */
  tf: number;
  /** Occurrences that are a whole chunk. */
  maximal: number;
  /** Relative position of the first occurrence (0 = title or start). */
  firstPos: number;
  inTitle: boolean;
  /** Corpus C-value and inverse document frequency. */
  termhood: number;
  idf: number;
  df: number;
  words: number;
  /** Opens with a participle / an adjective. */
  participle: boolean;
  adjective: boolean;
  /** Has a short form (an acronym), or is one. */
  acronym: boolean;
  /** Mean log frequency of its words in the paper's chunks; share of its words in the title. */
  wordTf: number;
  titleOverlap: number;
  /** The hand-weighted score (see `ScoreWeights`). */
  handScore: number;
}

/** Names of the features, in model order. */
export const FEATURES = [
  'log_tf',
  'maximal_share',
  'nested_only',
  'first_pos',
  'first_pos_sqrt',
  'in_title',
  'log_termhood',
  'idf',
  'log_df',
  'words_1',
  'words_3',
  'words_4plus',
  'participle',
  'adjective',
  'acronym',
  'log_hand_score',
  'word_tf',
  'title_overlap',
  'words_1_x_title',
  'maximal_x_first_pos',
] as const;

/** The feature vector of a candidate (raw, before standardization). */
export function featureVector(f: CandidateFacts): number[] {
  return [
    Math.log(f.tf),
    f.maximal / f.tf,
    f.maximal === 0 ? 1 : 0,
    f.firstPos,
    Math.sqrt(f.firstPos),
    f.inTitle ? 1 : 0,
    Math.log(1 + f.termhood),
    f.idf,
    Math.log(f.df),
    f.words === 1 ? 1 : 0,
    f.words === 3 ? 1 : 0,
    f.words >= 4 ? 1 : 0,
    f.participle ? 1 : 0,
    f.adjective ? 1 : 0,
    f.acronym ? 1 : 0,
    Math.log(1e-6 + f.handScore),
    f.wordTf,
    f.titleOverlap,
    f.words === 1 && f.inTitle ? 1 : 0,
    (f.maximal / f.tf) * Math.sqrt(f.firstPos),
  ];
}

/** Probability-like score in (0, 1) of a candidate being a key concept of its paper. */
export function rankScore(model: RankerModel, f: CandidateFacts): number {
  const x = featureVector(f);
  let z = model.bias;
  for (let i = 0; i < x.length; i++) z += model.weights[i]! * ((x[i]! - model.mean[i]!) / model.std[i]!);
  return 1 / (1 + Math.exp(-z));
}

/** The model shipped with the package (Inspec train). */
export const DEFAULT_RANKER: RankerModel = RANKER_MODEL;
