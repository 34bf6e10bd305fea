/**
 * Corpus pass types
 * =================
 *
 * The options of the corpus pass and the facts its phases hand each other, or hand to a pass
 * on another thread (so all of them are plain data).
 */
import type { CandidateFacts, RankerModel } from '../ranker.js';
import type { Thesaurus } from '../thesaurus.js';
import type { PaperAnalysis } from '../candidates.js';
import type { AmbiguousAcronym, ConceptInfo, PaperText } from '../../model.js';
import type { ScoreWeights } from './score.js';

/** Options of the corpus pass. */
export interface CorpusOptions {
  /** Concepts kept per paper (0 = all); concepts with df ≥ 2 are kept too when `keepShared`. */
  top: number;
  /** Drop a paper's concepts scoring below this fraction of its best (0 = keep all). */
  minRelativeScore: number;
  /** Also keep every concept shared by ≥ 2 papers. */
  keepShared: boolean;
  /** Merges or drops keys. */
  thesaurus?: Thesaurus;
  /** Weights of the hand-weighted score. */
  weights: ScoreWeights;
  /** Learned per-paper ranking (null: the hand-weighted score alone). */
  ranker?: RankerModel | null;
  /**
   * Concepts need this many papers (default 1: all are kept, as the per-paper lists decide).
   * Checked by the caller (`extract/index.ts`); the pass reads it as given.
   */
  minDf?: number;
  /** Called with every candidate's facts (training the ranker). */
  onCandidate?: (paper: number, key: string, facts: CandidateFacts) => void;
}

/**
 * The corpus's reading of each short form defined somewhere: its only sense, else the dominant
 * sense (≥ 2/3 of defining papers), else none (ambiguous). Compact enough to send to workers.
 */
export type CorpusSenses = ReadonlyMap<string, string | undefined>;

/** One paper of the corpus pass: its text and its pass-1 analysis (same paper). */
export interface AnalyzedPaper {
  paper: PaperText;
  analysis: PaperAnalysis;
}

/** What the corpus pass finds over the whole corpus (per-paper results come one by one). */
export interface CorpusFacts {
  concepts: ConceptInfo[];
  ambiguousAcronyms: AmbiguousAcronym[];
  /** Each kept concept's label (a `ConceptMention.label` holds its key until this is known). */
  labels: Map<string, string>;
}

/**
 * What the corpus pass knows of an eligible key once `settle` has run: all that ranking a
 * paper's candidates reads (so a worker thread given these facts ranks papers as the main
 * thread would), and what labels need.
 */
export interface EligibleKey {
  /** C-value termhood. */
  termhood: number;
  idf: number;
  df: number;
  /** Has a short form, or is one (a ranking feature). */
  isAcronym: boolean;
  /** The short form last seen written alone for this key, if any. */
  acronym?: string;
}

/** Which share of the keys a pass counts: those whose hash modulo `count` is `index`. */
export interface KeyShare {
  index: number;
  count: number;
}

/** The corpus-wide facts a pass counting a share of the keys takes from the pass that defined the corpus. */
export interface DefinedCorpus {
  /** Papers in the corpus. */
  papers: number;
  senses: Array<[string, string | undefined]>;
  /** Long-form key → short form, of every defined acronym. */
  acronymKeys: Array<[string, string]>;
  /** Every sense's key (through the thesaurus) and long form as written, in registry order. */
  senseForms: Array<[string, string]>;
}

