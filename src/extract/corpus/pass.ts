/**
 * The corpus pass
 * ===============
 *
 * The phases of pass 2 over a corpus (see {@link CorpusPass}), each reading every paper once:
 * this file orchestrates them; the key table, occurrences, counts, scores, evidence and labels
 * are in files of their own.
 */
import type { PaperAnalysis } from '../candidates.js';
import { rankScore } from '../ranker.js';
import type { AmbiguousAcronym, ConceptInfo, ConceptMention, PaperConcepts, PaperText } from '../../model.js';
import { countOccurrences, KeyCounts, settleKeys } from './counts.js';
import { gatherEvidence, type EvidenceSource } from './evidence.js';
import { KeyTable } from './key-table.js';
import { collectForms, createFormsSink, describeConcept, nameVotes, type FormsSink } from './labels.js';
import {
  ADJECTIVE,
  createChunkScratch,
  MAXIMAL,
  occurrenceObjects,
  occurrencesFromObjects,
  occurrencesOf,
  OccurrenceStore,
  Occurrences,
  PARTICIPLE,
  type Occurrence,
} from './occurrences.js';
import { candidateFacts, handScore, paperWords, type CandidateCounts, type PaperWords } from './score.js';
import { acronymKeys, addDefinitions, ambiguousAcronyms, corpusSenses, paperAcronyms, resolver, senseForms, type Registry } from './senses.js';
import { growInt32, growUint8 } from './typed-arrays.js';
import type { AnalyzedPaper, CorpusFacts, CorpusOptions, CorpusSenses, DefinedCorpus, EligibleKey, KeyShare } from './types.js';

/** A 32-bit hash of `key` (FNV-1a with a murmur finalizer); `seed` picks the function. */
export function hashKey(key: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A candidate of one paper being ranked: its occurrences (indices) and what scoring reads. */
interface Candidate extends CandidateCounts {
  id: number;
  key: string;
  g: EligibleKey;
  /** First and last occurrence (indices; the others are chained between them). */
  first: number;
  last: number;
  score: number;
}

/**
 * The corpus pass, phase by phase, so that a large corpus can stream through it: every phase
 * reads each paper once, in the same order, and nothing per paper is kept between phases.
 * 1. `define`: the acronym registry;
 * 2. `sketch` (only when `minDf` > 1): each key's document frequency. A large corpus has
 *    millions of one-off n-grams; phase 3 keeps statistics only for the keys of `minDf` papers;
 * 3. `count`: exact statistics, then `settle()` decides which keys are eligible concepts;
 * 4. `resolve`: one paper's ranked concepts with evidence; then `finish()`: labels, aliases.
 * With `minDf` 1 every key is counted and the result is the same as holding the corpus whole.
 * Keys are interned (see {@link KeyTable}): the phases work on key ids, and a key's text is
 * built once.
 *
 * Phases 3 and 4 also run split across threads (see `parallel.ts`): a pass built with
 * {@link CorpusPass.forShare} counts and settles one share of the keys over the whole corpus;
 * one built with {@link CorpusPass.forRanking} ranks a slice of the papers from the settled
 * facts of every key.
 */
export class CorpusPass {
  private readonly registry: Registry = new Map();
  private readonly keys = new KeyTable();
  private stats = new KeyCounts();
  private eligible = new Map<string, EligibleKey>();
  /** Eligible facts by key id (0: unknown, -1: not eligible, else index + 1 in `eligibleList`), filled as keys are met. */
  private eligibleById = new Int32Array(0);
  /** What `eligibleById` points into. */
  private eligibleList: EligibleKey[] = [];
  /** Whether `eligibleById` holds every eligible key (an unknown key id is not one). */
  private eligibleComplete = false;
  /** Thesaurus target by key id (-1: dropped), filled as keys are met. */
  private thesaurusById = new Int32Array(0);
  /** Whether this pass counts the key, by key id (a pass counting a share). */
  private countsById = new Uint8Array(0);
  private senses?: CorpusSenses;
  private acronymOf?: ReadonlyMap<string, string>;
  private longForms?: Array<[string, string]>;
  private share?: KeyShare;
  /** Phase 4 gathers surface forms (else phase 3 did, for its share of the keys). */
  private formsInRanking = true;
  private votesOf = new Map<string, Map<string, number>>();
  private sortedKept?: string[];
  /** Forms and kept-paper counts gathered by `resolve`. */
  readonly sink: FormsSink = createFormsSink();
  /** Concepts need this many papers (1 = all are kept, as the per-paper lists decide). */
  private readonly minDf: number;
  /** Phase 2: papers of each key id, and the last paper counting it. */
  private sketchDf?: { df: Int32Array<ArrayBuffer>; last: Int32Array<ArrayBuffer>; papers: number };
  private papers = 0;
  private counted = 0;
  private resolved = 0;
  private readonly occ = new Occurrences();
  /** Each paper's occurrences from phase 3, when phase 4 reads them from there. */
  private store?: OccurrenceStore;
  private readonly scratch = createChunkScratch();
  /** Per key id: index + 1 of its candidate in the paper being ranked (reset after each paper). */
  private candidateOf = new Int32Array(0);
  /** The next occurrence of the same candidate, by occurrence index (-1: none). */
  private nextOcc = new Int32Array(0);

  constructor(
    private readonly options: CorpusOptions,
    /** Count document frequencies first (phase 2); worth it on a corpus with many keys below `minDf`. */
    sketch = (options.minDf ?? 1) > 1,
  ) {
    this.minDf = options.minDf ?? 1;
    if (sketch) this.sketchDf = { df: new Int32Array(0), last: new Int32Array(0), papers: 0 };
  }

  /**
   * A pass counting only `share` of the keys, over a corpus defined elsewhere. It needs no
   * sketch: a key below `minDf` is dropped by `settle` anyway, and each share holds a part.
   */
  static forShare(options: CorpusOptions, corpus: DefinedCorpus, share: KeyShare): CorpusPass {
    const pass = new CorpusPass(options, false);
    pass.papers = corpus.papers;
    pass.senses = new Map(corpus.senses);
    pass.acronymOf = new Map(corpus.acronymKeys);
    pass.longForms = corpus.senseForms;
    pass.share = share;
    pass.formsInRanking = false;
    return pass;
  }

  /** A pass ranking papers (phase 4) from settled facts; `first` is the corpus index of the first paper it gets. */
  static forRanking(options: CorpusOptions, senses: CorpusSenses, eligible: Map<string, EligibleKey>, first: number): CorpusPass {
    const pass = new CorpusPass(options, false);
    pass.senses = senses;
    pass.eligible = eligible;
    pass.resolved = first;
    pass.formsInRanking = false;
    return pass;
  }

  /** Whether phase 2 runs. */
  get sketching(): boolean {
    return this.sketchDf !== undefined;
  }

  /** Phase 1 for one paper (only its id and acronym definitions are read). */
  define(a: Pick<PaperAnalysis, 'id' | 'acronyms'>): void {
    this.papers++;
    if (a.acronyms.length === 0) return;
    this.senses = undefined;
    this.acronymOf = undefined;
    this.longForms = undefined;
    addDefinitions(this.registry, a);
  }

  /** The corpus as `define` saw it, for passes counting shares of the keys elsewhere. */
  defined(): DefinedCorpus {
    return { papers: this.papers, senses: [...this.corpusSenses()], acronymKeys: [...this.acronymKeys()], senseForms: this.senseForms() };
  }

  /** Every sense's key (through the thesaurus) and long form, in registry order. */
  private senseForms(): Array<[string, string]> {
    return (this.longForms ??= senseForms(this.registry, this.options.thesaurus));
  }

  private corpusSenses(): CorpusSenses {
    return (this.senses ??= corpusSenses(this.registry));
  }

  /** Long-form keys of acronyms (through the thesaurus) → short form; these are concepts even if only ever nested. */
  private acronymKeys(): ReadonlyMap<string, string> {
    return (this.acronymOf ??= acronymKeys(this.registry, this.options.thesaurus));
  }

  /** Key `id` through the thesaurus (-1: dropped). */
  private mapped(id: number): number {
    if (id >= this.thesaurusById.length) this.thesaurusById = growInt32(this.thesaurusById, this.keys.capacity);
    // Held as target + 2 (0: not looked up yet).
    const known = this.thesaurusById[id]!;
    if (known !== 0) return known - 2;
    const target = this.options.thesaurus!.get(this.keys.text(id));
    const to = target === '' ? -1 : target === undefined ? id : this.keys.of(target);
    if (id >= this.thesaurusById.length) this.thesaurusById = growInt32(this.thesaurusById, this.keys.capacity);
    this.thesaurusById[id] = to + 2;
    return to;
  }

  /** A paper's occurrences, resolved and mapped through the thesaurus, into `this.occ`. */
  private findOccurrences(a: PaperAnalysis, wanted?: (key: number) => boolean): Occurrences {
    const resolve = resolver(this.corpusSenses(), a);
    const occ = this.occ;
    occ.length = 0;
    for (const chunk of a.chunks) occurrencesOf(chunk, resolve, this.keys, occ, this.scratch, wanted);
    if (!this.options.thesaurus) return occ;
    let kept = 0;
    for (let i = 0; i < occ.length; i++) {
      const to = this.mapped(occ.key[i]!);
      if (to < 0) continue;
      if (kept !== i) occ.move(i, kept);
      occ.key[kept++] = to;
    }
    occ.length = kept;
    return occ;
  }

  /** A paper's occurrences, resolved and mapped through the thesaurus. */
  occurrences(a: PaperAnalysis, wanted?: (key: string) => boolean): Occurrence[] {
    return occurrenceObjects(this.findOccurrences(a, wanted && ((id) => wanted(this.keys.text(id)))), this.keys);
  }

  /** Phase 2 for one paper: the papers of each of its keys. */
  sketch(a: PaperAnalysis): void {
    const sketch = this.sketchDf!;
    const occ = this.findOccurrences(a);
    const capacity = this.keys.capacity;
    if (sketch.df.length < capacity) {
      sketch.df = growInt32(sketch.df, capacity);
      sketch.last = growInt32(sketch.last, capacity, -1);
    }
    const p = sketch.papers++;
    const { df, last } = sketch;
    for (let i = 0; i < occ.length; i++) {
      const id = occ.key[i]!;
      if (last[id] === p) continue;
      last[id] = p;
      df[id]!++;
    }
  }

  /** Whether key `id` is in `minDf` papers (by phase 2; always true without it). */
  private mayReachMinDf(id: number): boolean {
    const sketch = this.sketchDf;
    return !sketch || (id < sketch.df.length && sketch.df[id]! >= this.minDf);
  }

  /** Whether a raw key, through the thesaurus, is of this pass's share. */
  private shareFilter(): ((key: number) => boolean) | undefined {
    if (!this.share) return undefined;
    if (!this.options.thesaurus) return (id) => this.countsId(id);
    return (id) => {
      const to = this.mapped(id);
      return to >= 0 && this.countsId(to);
    };
  }

  /** Whether this pass counts `key` (all keys unless it counts a share). */
  private counts(key: string): boolean {
    const share = this.share;
    return !share || hashKey(key, 0x9e3779b9) % share.count === share.index;
  }

  private countsId(id: number): boolean {
    if (id >= this.countsById.length) {
      this.countsById = growUint8(this.countsById, this.keys.capacity);
    }
    // 0: not known yet, 1: not counted here, 2: counted.
    let c = this.countsById[id]!;
    if (c === 0) this.countsById[id] = c = this.counts(this.keys.text(id)) ? 2 : 1;
    return c === 2;
  }

  /**
   * Phase 3 for one paper; returns its occurrences (a caller holding the corpus may pass them to
   * `resolve`). A pass counting a share of the keys also gathers their surface forms here, from
   * the paper's text, as phase 4 does for a whole pass. With `all` false, such a pass returns
   * only the occurrences of its share (for a paper it will not rank).
   */
  count(a: PaperAnalysis, paper?: PaperText, all = true): Occurrence[] {
    return occurrenceObjects(this.countPaper(a, paper, all), this.keys);
  }

  /**
   * Phase 3 for one paper, without returning its occurrences (see {@link count}). With `hold`,
   * the pass keeps them for phase 4 (a pass over a corpus held in memory, every paper counted
   * and then resolved in the same order).
   */
  countOnly(a: PaperAnalysis, hold = false): void {
    const occ = this.countPaper(a, undefined, true);
    if (hold) (this.store ??= new OccurrenceStore()).add(occ);
  }

  private countPaper(a: PaperAnalysis, paper: PaperText | undefined, all: boolean): Occurrences {
    const p = this.counted++;
    const occ = this.findOccurrences(a, all ? undefined : this.shareFilter());
    const s = this.stats;
    if (this.share !== undefined) {
      countOccurrences(s, occ, p, this.keys.capacity, (key) => this.countsId(key));
      const lastPaper = s.lastPaper;
      if (paper) collectForms(this.sink, this.keys, a, [paper.title ?? '', paper.abstract ?? ''], occ, (id) => lastPaper[id]! !== -1);
    } else {
      countOccurrences(s, occ, p, this.keys.capacity, (key) => this.mayReachMinDf(key));
    }
    return occ;
  }

  /** After every paper is counted: the eligible keys, their termhood and idf. Returns them. */
  settle(): ReadonlyMap<string, EligibleKey> {
    this.sketchDf = undefined;
    const acronymOf = this.acronymKeys();
    // Ids of the acronyms' long-form keys (their texts are not built for every counted key).
    const longForm = new Set<number>();
    for (const key of acronymOf.keys()) longForm.add(this.keys.of(key));
    const eligibleById = new Int32Array(this.keys.capacity);
    const eligibleList: EligibleKey[] = [];
    const input = { papers: this.papers, minDf: this.minDf, longForm };
    const settled = settleKeys(this.stats, this.keys, input, this.eligible, eligibleById, eligibleList);
    // Every key this pass counted is decided (a pass counting a share learns the others' later).
    this.eligibleById = eligibleById;
    this.eligibleList = eligibleList;
    this.eligibleComplete = this.share === undefined && this.eligible.size === settled;
    // The statistics were only for this.
    this.stats = new KeyCounts();
    const { forms, initial, acronymSurfaces } = this.sink;
    for (const m of [forms, initial, acronymSurfaces]) for (const key of m.keys()) if (!this.eligible.has(key)) m.delete(key);
    return this.eligible;
  }

  /** Adds keys settled elsewhere (by passes counting the other shares). */
  addEligible(keys: Iterable<[string, EligibleKey]>): void {
    for (const [key, e] of keys) this.eligible.set(key, e);
    this.eligibleById = new Int32Array(0);
    this.eligibleList = [];
    this.eligibleComplete = false;
  }

  /** The eligible keys (after `settle` or `addEligible`). */
  eligibleKeys(): ReadonlyMap<string, EligibleKey> {
    return this.eligible;
  }

  /** Eligible facts of key `id`, or null. */
  private eligibleOf(id: number): EligibleKey | null {
    if (id >= this.eligibleById.length) this.eligibleById = growInt32(this.eligibleById, this.keys.capacity);
    const known = this.eligibleById[id]!;
    if (known > 0) return this.eligibleList[known - 1]!;
    if (known < 0 || this.eligibleComplete) return null;
    const e = this.eligible.get(this.keys.text(id));
    if (!e) {
      this.eligibleById[id] = -1;
      return null;
    }
    this.eligibleList.push(e);
    this.eligibleById[id] = this.eligibleList.length;
    return e;
  }

  /** Phase 4 for one paper: its ranked concepts with evidence (labels are keys until `finish`). */
  resolve({ paper, analysis: a }: AnalyzedPaper, counted?: Occurrence[]): PaperConcepts {
    const p = this.resolved++;
    const keys = this.keys;
    const occ = counted ? occurrencesFromObjects(counted, keys, this.occ) : this.store ? this.store.load(p, this.occ) : this.findOccurrences(a);
    const texts: [string, string] = [paper.title ?? '', paper.abstract ?? ''];
    if (this.candidateOf.length < keys.capacity) this.candidateOf = growInt32(this.candidateOf, keys.capacity);
    if (this.nextOcc.length < occ.length) this.nextOcc = new Int32Array(occ.key.length);
    // The surface form of each occurrence of an eligible key (evidence and labels read them).
    const surfaces: Array<string | undefined> = [];
    const candidates = this.candidatesOf(a, texts, occ, surfaces);
    this.score(p, occ, candidates);
    const kept = keptCandidates(candidates, this.options);
    const source: EvidenceSource = { texts, sentences: a.sentences, sentenceTexts: [[], []] };
    const { nextOcc } = this;
    const dfs = this.sink.dfs;
    const concepts: ConceptMention[] = kept.map(({ key, first, score }) => {
      dfs.set(key, (dfs.get(key) ?? 0) + 1);
      const { forms, evidence } = gatherEvidence(occ, nextOcc, first, surfaces, source);
      return { key, label: key, forms, count: evidence.length, score, evidence };
    });
    if (this.formsInRanking) collectForms(this.sink, keys, a, texts, occ, (id) => this.eligibleOf(id) !== null, surfaces);
    return { paperId: a.id, concepts, acronyms: paperAcronyms(a) };
  }

  /**
   * A paper's candidates (its eligible keys, in order of first occurrence), each with its
   * occurrences chained through `nextOcc` and its counts; `surfaces` gets each occurrence's
   * surface form (undefined for keys that are not eligible).
   */
  private candidatesOf(a: PaperAnalysis, texts: readonly string[], occ: Occurrences, surfaces: Array<string | undefined>): Candidate[] {
    const { candidateOf, nextOcc } = this;
    const totalLen = a.lengths[0] + a.lengths[1] + 1;
    const candidates: Candidate[] = [];
    for (let i = 0; i < occ.length; i++) {
      const id = occ.key[i]!;
      const c = candidateOf[id]!;
      let e: Candidate;
      if (c === 0) {
        const g = this.eligibleOf(id);
        if (!g) {
          surfaces.push(undefined);
          continue;
        }
        const words = occ.words[i]!;
        const participle = (occ.flags[i]! & PARTICIPLE) !== 0;
        e = { id, key: '', g, first: i, last: i, tf: 0, maximal: 0, firstPos: 1, inTitle: false, words, participle, score: 0 };
        candidates.push(e);
        candidateOf[id] = candidates.length;
      } else {
        e = candidates[c - 1]!;
        nextOcc[e.last] = i;
        e.last = i;
      }
      nextOcc[i] = -1;
      surfaces.push(texts[occ.field[i]!]!.slice(occ.start[i]!, occ.end[i]!));
      e.tf++;
      if (occ.flags[i]! & MAXIMAL) e.maximal++;
      const field = occ.field[i]!;
      const pos = field === 0 ? 0 : (a.lengths[0] + occ.start[i]!) / totalLen;
      if (pos < e.firstPos) e.firstPos = pos;
      if (field === 0) e.inTitle = true;
    }
    for (const e of candidates) candidateOf[e.id] = 0;
    return candidates;
  }

  /** Scores a paper's candidates (by hand, or by the ranker from their facts). */
  private score(p: number, occ: Occurrences, candidates: readonly Candidate[]): void {
    const { options, keys } = this;
    const w = options.weights;
    let words: PaperWords | undefined;
    for (const e of candidates) {
      let score = handScore(e, e.g, w);
      e.key = keys.text(e.id);
      if (options.ranker || options.onCandidate) {
        // Word frequencies over the paper's whole chunks, and the title's words.
        words ??= paperWords(occ, keys);
        const facts = candidateFacts(e.id, e, e.g, (occ.flags[e.first]! & ADJECTIVE) !== 0, words, keys, score);
        if (options.onCandidate) options.onCandidate(p, e.key, facts);
        if (options.ranker) score = rankScore(options.ranker, facts);
      }
      e.score = Math.round(score * 1e6) / 1e6;
    }
  }

  /** The kept keys, sorted (computed once: `dfs` only grows, so an unchanged size means unchanged keys). */
  private keptKeys(): string[] {
    const dfs = this.sink.dfs;
    if (this.sortedKept?.length !== dfs.size) this.sortedKept = [...dfs.keys()].sort();
    return this.sortedKept;
  }

  /** Adds papers keeping each key, counted elsewhere; a pass counting a share takes only its keys. */
  addKept(keys: readonly string[], counts: ArrayLike<number>): void {
    const dfs = this.sink.dfs;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (this.share && !this.counts(key)) continue;
      dfs.set(key, (dfs.get(key) ?? 0) + counts[i]!);
    }
  }

  /**
   * Finish, step 1: the long forms of kept acronyms join their forms, and each kept key's
   * capitalization votes are counted. Returns the votes summed per word (shares add theirs up).
   */
  voteNames(): Map<string, number> {
    const { forms, initial, dfs } = this.sink;
    for (const [key, long] of this.senseForms()) {
      if (!dfs.has(key)) continue;
      let counts = forms.get(key);
      if (!counts) forms.set(key, (counts = new Map()));
      counts.set(long, (counts.get(long) ?? 0) + 1);
    }
    const corpusVotes = new Map<string, number>();
    for (const key of this.keptKeys()) {
      const f = forms.get(key);
      if (!f?.size) continue;
      const votes = nameVotes(f, initial.get(key));
      this.votesOf.set(key, votes);
      for (const [w, v] of votes) corpusVotes.set(w, (corpusVotes.get(w) ?? 0) + v);
    }
    return corpusVotes;
  }

  /** Finish, step 2: each kept key's label, aliases and corpus facts, sorted by key. */
  describeConcepts(corpusVotes: ReadonlyMap<string, number>): ConceptInfo[] {
    const { eligible, votesOf } = this;
    const { forms, acronymSurfaces, dfs } = this.sink;
    const acronymOf = this.acronymKeys();
    const concepts: ConceptInfo[] = [];
    for (const key of this.keptKeys()) {
      const e = eligible.get(key)!;
      const acronym = acronymOf.get(key) ?? e.acronym;
      concepts.push(describeConcept(key, e, dfs.get(key)!, forms.get(key), acronymSurfaces.get(key), acronym, votesOf.get(key), corpusVotes));
    }
    return concepts;
  }

  /** After every paper is resolved: the kept concepts' labels, aliases and corpus facts. */
  finish(): CorpusFacts {
    const concepts = this.describeConcepts(this.voteNames());
    return { concepts, ambiguousAcronyms: this.ambiguousAcronyms(), labels: new Map(concepts.map((c) => [c.key, c.label])) };
  }

  /** Short forms defined with more than one sense, by short form. */
  ambiguousAcronyms(): AmbiguousAcronym[] {
    return ambiguousAcronyms(this.registry);
  }
}

/** A paper's candidates in rank order, and those it keeps: its own top K above the score floor, plus concepts shared with other papers. */
function keptCandidates(candidates: Candidate[], options: CorpusOptions): Candidate[] {
  candidates.sort((x, y) => y.score - x.score || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const floor = (candidates[0]?.score ?? 0) * options.minRelativeScore;
  return candidates.filter(
    (c, i) =>
      ((options.top === 0 || i < options.top) && c.score >= floor) ||
      (options.keepShared && c.g.df >= 2),
  );
}
