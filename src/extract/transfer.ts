/**
 * Column encodings for worker messages
 * ====================================
 *
 * What the corpus pass sends between threads, as flat columns: arrays of strings and typed
 * arrays. Structured clone copies these several times faster than the same data as objects,
 * maps and nested arrays (a ranked paper's evidence would otherwise carry its sentences, which
 * the receiving thread already has in the paper's text). Decoding rebuilds exactly the objects
 * that were encoded.
 */
import type { PaperAnalysis } from './candidates.js';
import type { CorpusOptions, DefinedCorpus, EligibleKey, KeyShare } from './corpus/index.js';
import type { AcronymPair, ConceptInfo, ConceptMention, Evidence, PaperConcepts, PaperText } from '../model.js';

/** Settled facts of eligible keys, one row per key. */
export interface EligibleColumns {
  keys: string[];
  termhood: Float64Array;
  idf: Float64Array;
  df: Int32Array;
  isAcronym: Uint8Array;
  acronym: Array<string | null>;
}

export function encodeEligible(eligible: ReadonlyMap<string, EligibleKey>): EligibleColumns {
  const n = eligible.size;
  const c: EligibleColumns = {
    keys: new Array<string>(n),
    termhood: new Float64Array(n),
    idf: new Float64Array(n),
    df: new Int32Array(n),
    isAcronym: new Uint8Array(n),
    acronym: new Array<string | null>(n),
  };
  let i = 0;
  for (const [key, e] of eligible) {
    c.keys[i] = key;
    c.termhood[i] = e.termhood;
    c.idf[i] = e.idf;
    c.df[i] = e.df;
    c.isAcronym[i] = e.isAcronym ? 1 : 0;
    c.acronym[i] = e.acronym ?? null;
    i++;
  }
  return c;
}

/** Adds the rows of `c` to `into` (a new map when omitted). */
export function decodeEligible(c: EligibleColumns, into = new Map<string, EligibleKey>()): Map<string, EligibleKey> {
  for (let i = 0; i < c.keys.length; i++) {
    const e: EligibleKey = { termhood: c.termhood[i]!, idf: c.idf[i]!, df: c.df[i]!, isAcronym: c.isAcronym[i] === 1 };
    const acronym = c.acronym[i];
    if (acronym !== null && acronym !== undefined) e.acronym = acronym;
    into.set(c.keys[i]!, e);
  }
  return into;
}

/** Ranked papers: concepts flattened in paper order, evidence as five integers each. */
export interface RankedColumns {
  ids: string[];
  acronyms: AcronymPair[][];
  /** Concepts per paper. */
  concepts: Int32Array;
  keys: string[];
  scores: Float64Array;
  /** Forms per concept, then the forms. */
  formCounts: Int32Array;
  forms: string[];
  /** Evidence per concept, then per evidence: field (0 title, 1 abstract), sentence start, sentence length, start, end. */
  evidenceCounts: Int32Array;
  evidence: Int32Array;
}

const EVIDENCE_INTS = 5;

export function encodeRanked(papers: readonly PaperConcepts[]): RankedColumns {
  let concepts = 0;
  let forms = 0;
  let evidence = 0;
  for (const p of papers) {
    concepts += p.concepts.length;
    for (const c of p.concepts) {
      forms += c.forms.length;
      evidence += c.evidence.length;
    }
  }
  const out: RankedColumns = {
    ids: papers.map((p) => p.paperId),
    acronyms: papers.map((p) => p.acronyms),
    concepts: new Int32Array(papers.length),
    keys: new Array<string>(concepts),
    scores: new Float64Array(concepts),
    formCounts: new Int32Array(concepts),
    forms: new Array<string>(forms),
    evidenceCounts: new Int32Array(concepts),
    evidence: new Int32Array(evidence * EVIDENCE_INTS),
  };
  let k = 0;
  let f = 0;
  let e = 0;
  papers.forEach((p, i) => {
    out.concepts[i] = p.concepts.length;
    for (const c of p.concepts) {
      out.keys[k] = c.key;
      out.scores[k] = c.score;
      out.formCounts[k] = c.forms.length;
      out.evidenceCounts[k] = c.evidence.length;
      k++;
      for (const form of c.forms) out.forms[f++] = form;
      for (const ev of c.evidence) {
        out.evidence[e++] = ev.field === 'title' ? 0 : 1;
        out.evidence[e++] = ev.sentenceStart;
        out.evidence[e++] = ev.sentence.length;
        out.evidence[e++] = ev.start;
        out.evidence[e++] = ev.end;
      }
    }
  });
  return out;
}

/**
 * The papers `encodeRanked` was given (labels are keys, as the corpus pass leaves them before
 * `finish`); `paper(i)` is the text of the i-th, which the evidence sentences are cut from.
 */
export function decodeRanked(c: RankedColumns, paper: (i: number) => PaperText): PaperConcepts[] {
  const out: PaperConcepts[] = new Array(c.ids.length);
  let k = 0;
  let f = 0;
  let e = 0;
  for (let i = 0; i < c.ids.length; i++) {
    const { title, abstract } = paper(i);
    const texts = [title ?? '', abstract ?? ''];
    const concepts: ConceptMention[] = new Array(c.concepts[i]!);
    for (let j = 0; j < concepts.length; j++, k++) {
      const forms = c.forms.slice(f, (f += c.formCounts[k]!));
      const evidence: Evidence[] = new Array(c.evidenceCounts[k]!);
      for (let m = 0; m < evidence.length; m++) {
        const field = c.evidence[e++]!;
        const sentenceStart = c.evidence[e++]!;
        const length = c.evidence[e++]!;
        const start = c.evidence[e++]!;
        const end = c.evidence[e++]!;
        evidence[m] = {
          field: field === 0 ? 'title' : 'abstract',
          sentence: texts[field]!.slice(sentenceStart, sentenceStart + length),
          sentenceStart,
          start,
          end,
        };
      }
      const key = c.keys[k]!;
      concepts[j] = { key, label: key, forms, count: evidence.length, score: c.scores[k]!, evidence };
    }
    out[i] = { paperId: c.ids[i]!, concepts, acronyms: c.acronyms[i]! };
  }
  return out;
}

/** Keys with a count each (papers keeping a key; a word's capitalization votes). */
export interface CountedKeys {
  keys: string[];
  counts: Float64Array;
}

export function encodeCounted(m: ReadonlyMap<string, number>): CountedKeys {
  return { keys: [...m.keys()], counts: Float64Array.from(m.values()) };
}

/** Adds the counts of `c` to `into`. */
export function addCounted(into: Map<string, number>, c: CountedKeys): void {
  for (let i = 0; i < c.keys.length; i++) into.set(c.keys[i]!, (into.get(c.keys[i]!) ?? 0) + c.counts[i]!);
}

/** Corpus facts of concepts, one row per concept. */
export interface ConceptColumns {
  keys: string[];
  labels: string[];
  aliasCounts: Int32Array;
  aliases: string[];
  df: Int32Array;
  termhood: Float64Array;
  acronym: Array<string | null>;
  broader: Array<string | null>;
}

export function encodeConcepts(concepts: readonly ConceptInfo[]): ConceptColumns {
  const n = concepts.length;
  const out: ConceptColumns = {
    keys: new Array(n),
    labels: new Array(n),
    aliasCounts: new Int32Array(n),
    aliases: [],
    df: new Int32Array(n),
    termhood: new Float64Array(n),
    acronym: new Array(n),
    broader: new Array(n),
  };
  concepts.forEach((c, i) => {
    out.keys[i] = c.key;
    out.labels[i] = c.label;
    out.aliasCounts[i] = c.aliases.length;
    for (const a of c.aliases) out.aliases.push(a);
    out.df[i] = c.df;
    out.termhood[i] = c.termhood;
    out.acronym[i] = c.acronym ?? null;
    out.broader[i] = c.broader ?? null;
  });
  return out;
}

export function decodeConcepts(c: ConceptColumns): ConceptInfo[] {
  const out: ConceptInfo[] = new Array(c.keys.length);
  let a = 0;
  for (let i = 0; i < out.length; i++) {
    const acronym = c.acronym[i];
    const broader = c.broader[i];
    out[i] = {
      key: c.keys[i]!,
      label: c.labels[i]!,
      aliases: c.aliases.slice(a, (a += c.aliasCounts[i]!)),
      df: c.df[i]!,
      termhood: c.termhood[i]!,
      ...(acronym !== null && acronym !== undefined ? { acronym } : {}),
      ...(broader !== null && broader !== undefined ? { broader } : {}),
    };
  }
  return out;
}

/** Corpus options a worker can be sent (no callbacks). */
export type WorkerCorpusOptions = Omit<CorpusOptions, 'onCandidate'>;

/** Messages to an extraction worker. */
export type ToWorker =
  /** Pass 1 on a batch; with `keep`, the worker holds the batch for the corpus pass (`first`: corpus index of its first paper). */
  | { type: 'analyze'; batch: number; papers: PaperText[]; keep?: { first: number } }
  /**
   * Phase 3 on one share of the keys over the whole corpus (and the share's surface forms):
   * held batches from memory, the others' analyses as JSON and their papers.
   */
  | {
      type: 'count';
      options: WorkerCorpusOptions;
      corpus: DefinedCorpus;
      share: KeyShare;
      foreign: Array<string | null>;
      foreignPapers: Array<PaperText[] | null>;
    }
  /** Phase 4 on the held batches, from the settled facts of every eligible key. */
  | { type: 'rank'; eligible: EligibleColumns }
  /** Finish, step 1 on the share: every worker's papers-keeping counts. */
  | { type: 'vote'; kept: CountedKeys[] }
  /** Finish, step 2 on the share: the votes of all shares, summed. */
  | { type: 'describe'; votes: CountedKeys };

/** Messages from an extraction worker. */
export type FromWorker =
  /**
   * The batch's analyses: as `json` from a worker thread (parsed faster than structured clone
   * rebuilds them), as `analyses` from this thread's own worker when the batch is not kept
   * (nothing to copy); `acronyms`: each paper's definitions (sent when the batch is kept).
   */
  | { type: 'analyzed'; batch: number; json?: string; analyses?: PaperAnalysis[]; acronyms?: Array<PaperAnalysis['acronyms']> }
  | { type: 'settled'; eligible: EligibleColumns }
  | { type: 'ranked'; batch: number; papers: RankedColumns }
  /** After the last `ranked`: how many of this worker's papers keep each key. */
  | { type: 'kept'; kept: CountedKeys }
  | { type: 'votes'; votes: CountedKeys }
  | { type: 'concepts'; concepts: ConceptColumns };
