/**
 * Pass 2: the corpus
 * ==================
 *
 * From every paper's chunks and acronym definitions: the alias registry (short form → long
 * form concept), candidate keys for every n-gram of every chunk, corpus statistics (document
 * frequency, independent occurrences, C-value termhood after Frantzi, Ananiadou & Mima 2000,
 * https://doi.org/10.1007/s007999900023), the boilerplate filter, the thesaurus, and the ranked
 * concepts of each paper with their evidence. Cheap next to pass 1; runs on the main thread.
 * Deterministic: every map is iterated in insertion order of a deterministic walk, and ties are
 * broken by key.
 */
import { MAX_WORDS, type Chunk, type ChunkToken, type PaperAnalysis } from './candidates.js';
import { isAcronymLike, keyOfText, normalizeWord, singularAcronym } from './normalize.js';

import { rankScore, type CandidateFacts, type RankerModel } from './ranker.js';
import { isBoilerplate } from './stoplist.js';
import type { Thesaurus } from './thesaurus.js';
import type {
  AcronymPair,
  AmbiguousAcronym,
  ConceptInfo,
  ConceptMention,
  Evidence,
  ExtractionResult,
  PaperConcepts,
  PaperText,
} from '../model.js';

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

export interface CorpusOptions {
  /** Concepts kept per paper (0 = all); concepts with df ≥ 2 are kept too when `keepShared`. */
  top: number;
  /** Drop a paper's concepts scoring below this fraction of its best (0 = keep all). */
  minRelativeScore: number;
  keepShared: boolean;
  thesaurus?: Thesaurus;
  weights: ScoreWeights;
  /** Learned per-paper ranking (null: the hand-weighted score alone). */
  ranker?: RankerModel | null;
  /** Called with every candidate's facts (training the ranker). */
  onCandidate?: (paper: number, key: string, facts: CandidateFacts) => void;
}

interface Occurrence {
  key: string;
  /** Offsets in the field's text (the surface form is `text.slice(start, end)`). */
  field: 0 | 1;
  sentence: number;
  start: number;
  end: number;
  maximal: boolean;
  /** Ends where its chunk ends (keeps the chunk's head). */
  suffix: boolean;
  /** Opens with a participle ("extended", "proposed") / an adjective. */
  participle: boolean;
  adjective?: boolean;
  words: number;
  /** A resolved acronym written alone ("NTK"), not a phrase. */
  acronym?: string;
  /** Key of the whole chunk holding a nested occurrence. */
  parent?: string;
  /** Key one word longer in the same chunk (to the left, else to the right) of a nested occurrence. */
  ext?: string;
  /** A single capitalized word among lower-case neighbours in the abstract: a name ("Hopfield networks"). */
  named?: boolean;
}

interface KeyStats {
  df: number;
  freq: number;
  independent: number;
  /** Occurrences as the head-preserving tail of a longer chunk ("ship control" in "safe ship control"). */
  suffix: number;
  /** Distinct longer keys this key is nested in (allocated when first nested), and their total frequency. */
  parents?: Set<string>;
  nestedFreq: number;
  /** How often each one-word-longer key holds this one (C-value's nesting, word by word). */
  exts?: Map<string, number>;
  /** Occurrences written as a name (see `Occurrence.named`). */
  named: number;
  forms?: Map<string, number>;
  /** Forms written capitalized where case says nothing: in the title or opening a sentence. */
  initial?: Map<string, number>;
  words: number;
  acronym?: string;
  lastPaper: number;
}

interface Sense {
  key: string;
  long: string;
  papers: string[];
}

/** short form → long-form key → sense. */
type Registry = Map<string, Map<string, Sense>>;

/** Resolves a short form for one paper: its own definition first, then the corpus's. */
function resolver(registry: Registry, a: PaperAnalysis): (short: string) => string | undefined {
  const own = new Map<string, string>();
  for (const def of a.acronyms) if (!own.has(def.short)) own.set(def.short, keyOfText(def.long));
  return (short) => {
    const mine = own.get(short);
    if (mine) return mine;
    const senses = registry.get(short);
    if (!senses) return undefined;
    if (senses.size === 1) return senses.values().next().value!.key;
    // Ambiguous and not defined here: the dominant sense (≥ 2/3 of defining papers) or none.
    let total = 0;
    let best: Sense | undefined;
    for (const s of senses.values()) {
      total += s.papers.length;
      if (!best || s.papers.length > best.papers.length) best = s;
    }
    return best && best.papers.length * 3 >= total * 2 ? best.key : undefined;
  };
}

function tokenKey(t: ChunkToken, head: boolean, resolve: (s: string) => string | undefined): string {
  if (t.acronym) {
    const short = t.head ?? t.mod; // singular acronym
    const long = resolve(short);
    if (long) return long;
  }
  return head ? (t.head ?? t.mod) : t.mod;
}

function isHeadToken(t: ChunkToken, inPhrase: boolean): boolean {
  if (t.pos === 'gerund') return inPhrase || t.nominal === true;
  return t.pos !== 'adj' && t.pos !== 'participle';
}

/** Every n-gram occurrence of a chunk (ending in a head word, at most MAX_WORDS words). */
function occurrencesOf(chunk: Chunk, resolve: (s: string) => string | undefined, out: Occurrence[]): void {
  const toks = chunk.tokens;
  const n = toks.length;
  // Each token's key as a modifier and as a head, and its word count, once per chunk.
  const mods: string[] = new Array(n);
  const heads: string[] = new Array(n);
  const headWords: number[] = new Array(n);
  const modWords: number[] = new Array(n);
  for (let k = 0; k < n; k++) {
    mods[k] = tokenKey(toks[k]!, false, resolve);
    heads[k] = tokenKey(toks[k]!, true, resolve);
    modWords[k] = wordCount(mods[k]!);
    headWords[k] = wordCount(heads[k]!);
  }
  let whole = heads[n - 1]!;
  for (let k = n - 2; k >= 0; k--) whole = mods[k] + ' ' + whole;
  // "transformer-based", "PDE-constrained": the first part is a mention of its own.
  for (const t of toks) {
    if (t.compound === undefined) continue;
    const part = t.compound;
    const acronym = isAcronymLike(part);
    const short = acronym ? singularAcronym(part) : undefined;
    const key = (short && resolve(short)) || normalizeWord(part, true);
    if (!key || !/\p{L}{2}/u.test(key)) continue;
    out.push({
      key,
      field: chunk.field,
      sentence: chunk.sentence,
      start: t.start,
      end: t.start + part.length,
      maximal: false,
      suffix: false,
      participle: false,
      words: wordCount(key),
      acronym: short,
      parent: whole,
    });
  }
  let prevKeys: Array<string | undefined> = [];
  const spans: string[] = new Array(n);
  const spanWords: number[] = new Array(n);
  for (let j = n; j >= 1; j--) {
    const keys: Array<string | undefined> = [];
    if (!isHeadToken(toks[j - 1]!, j - 1 > 0)) {
      prevKeys = keys;
      continue;
    }
    const lo = Math.max(0, j - MAX_WORDS);
    // Keys of toks[i..j), built right to left.
    spans[j - 1] = heads[j - 1]!;
    spanWords[j - 1] = headWords[j - 1]!;
    for (let i = j - 2; i >= lo; i--) {
      spans[i] = mods[i] + ' ' + spans[i + 1];
      spanWords[i] = modWords[i]! + spanWords[i + 1]!;
    }
    for (let i = lo; i < j; i++) {
      const first = toks[i]!;
      if (i > 0 && (first.pos === 'participle' || first.pos === 'gerund')) continue;
      if (j - i === 1 && toks[j - 1]!.pos === 'gerund' && !isHeadToken(toks[j - 1]!, false)) continue;
      const key = spans[i]!;
      keys[i] = key;
      const single = j - i === 1 && first.acronym;
      out.push({
        key,
        field: chunk.field,
        sentence: chunk.sentence,
        start: first.start,
        end: toks[j - 1]!.end,
        maximal: i === 0 && j === n,
        suffix: j === n,
        participle: first.pos === 'participle',
        adjective: first.pos === 'adj',
        words: spanWords[i]!,
        acronym: single ? (first.head ?? first.mod) : undefined,
        parent: i === 0 && j === n ? undefined : whole,
        ext: i > 0 ? keys[i - 1] : j < n ? prevKeys[0] : undefined,
        named: j - i === 1 && chunk.field === 1 && isNamed(toks, i),
      });
    }
    prevKeys = keys;
  }
}

function wordCount(key: string): number {
  let words = 1;
  for (let c = 0; c < key.length; c++) if (key.charCodeAt(c) === 32) words++;
  return words;
}

/**
 * C-value's nested-term rule, word by word: a key that is (almost) always part of one longer
 * key ("tangent kernel", "neural tangent" inside "neural tangent kernel") is not a concept of its
 * own. A single word must also stand alone often enough: "network" written mostly inside
 * "neural network", "Hopfield network", … is a head, not a concept.
 */
function standsAlone(s: KeyStats): boolean {
  if (!s.exts) return true;
  let top = 0;
  let nested = 0;
  for (const c of s.exts.values()) {
    nested += c;
    if (c > top) top = c;
  }
  const alone = s.freq - nested;
  if (top >= 0.7 * s.freq && alone <= 0.2 * s.freq) return false;
  // A name ("Hopfield", "Stokes") is a concept even when mostly a modifier.
  if (s.words === 1 && alone < SINGLE_ALONE * s.freq && s.named < NAMED_SHARE * s.freq) return false;
  return true;
}

/** Share of a single word's occurrences written as a name that makes it one. */
const NAMED_SHARE = 0.3;



/** Share of a single word's occurrences that must stand alone (not inside a longer candidate). */
const SINGLE_ALONE = 0.2;


/** Token `i` is capitalized and its chunk neighbours are not (so not Title Case or a sentence start). */
function isNamed(toks: readonly ChunkToken[], i: number): boolean {
  const t = toks[i]!;
  if (!t.cap) return false;
  const prev = toks[i - 1];
  const next = toks[i + 1];
  if (!prev && !next) return false;
  return (!prev || !prev.cap) && (!next || !next.cap);
}

const CAPITAL_START = /^\p{Lu}/u;

/** Whether abstract occurrence `o` opens its sentence (only punctuation before it). */
function opensSentence(a: PaperAnalysis, text: string, o: Occurrence): boolean {
  const from = a.sentences[1][o.sentence]?.[0] ?? 0;
  for (let i = from; i < o.start; i++) if (/[\p{L}\p{N}]/u.test(text[i]!)) return false;
  return true;
}

/**
 * Per lower-cased word of a key's forms: how often it is written capitalized minus how often
 * lower-case, counting only occurrences where case means something (mid-sentence in the
 * abstract, not Title Case). A word with a positive vote is a name ("Hopfield", "Gaussian").
 */
function nameVotes(s: KeyStats): Map<string, number> {
  const votes = new Map<string, number>();
  for (const [form, count] of s.forms!) {
    const mid = count - (s.initial?.get(form) ?? 0);
    if (mid <= 0) continue;
    const words = form.split(/[\s/-]+/);
    if (words.length > 1 && words.every((w) => /^[\p{Lu}\p{N}]/u.test(w))) continue;
    for (const w of words) {
      const cap = /^\p{Lu}\p{Ll}+$/u.test(w);
      if (!cap && !/^\p{Ll}+$/u.test(w)) continue;
      const lower = w.toLowerCase();
      votes.set(lower, (votes.get(lower) ?? 0) + (cap ? mid : -mid));
    }
  }
  return votes;
}

/**
 * Writes the names among a label's words capitalized ("hopfield network" → "Hopfield network"),
 * by the key's own votes, else by the corpus's (a key only seen opening sentences).
 */
function withNames(label: string, votes: Map<string, number>, corpus: Map<string, number>): string {
  return label.replace(/\p{L}+/gu, (w) => {
    if (!/^\p{Ll}+$/u.test(w)) return w;
    const vote = votes.get(w) || corpus.get(w) || 0;
    return vote > 0 ? w[0]!.toUpperCase() + w.slice(1) : w;
  });
}

/** The readable label of a key: its most frequent surface form, lower-cased unless proper. */
function chooseLabel(forms: Map<string, number>): string {
  const byLower = new Map<string, { count: number; casings: Map<string, number> }>();
  for (const [form, count] of forms) {
    const lower = form.toLowerCase();
    let e = byLower.get(lower);
    if (!e) byLower.set(lower, (e = { count: 0, casings: new Map() }));
    e.count += count;
    e.casings.set(form, (e.casings.get(form) ?? 0) + count);
  }
  let best: [string, { count: number; casings: Map<string, number> }] | undefined;
  for (const entry of byLower) {
    const acronymOnly = /^[\p{Lu}\p{N}-]+s?$/u.test([...entry[1].casings.keys()][0]!);
    const b = best;
    if (!b) {
      best = entry;
      continue;
    }
    const bAcr = /^[\p{Lu}\p{N}-]+s?$/u.test([...b[1].casings.keys()][0]!);
    if (bAcr !== acronymOnly) {
      if (bAcr) best = entry;
      continue;
    }
    if (entry[1].count > b[1].count || (entry[1].count === b[1].count && entry[0] < b[0])) best = entry;
  }
  const [lower, { casings }] = best!;
  if (casings.has(lower)) return lower;
  // Keep inner capitals ("Hopfield network") but not a sentence-initial or title capital.
  let cased = '';
  let most = -1;
  for (const [form, count] of casings) if (count > most || (count === most && form > cased)) [cased, most] = [form, count];
  const words = cased.split(' ');
  const titleCase = words.length > 1 && words.every((w) => /^[\p{Lu}\p{N}]/u.test(w));
  if (titleCase) return words.map((w) => w.split('-').map((part) => (/^\p{Lu}\p{Ll}+$/u.test(part) ? part.toLowerCase() : part)).join('-')).join(' ');
  if (/^\p{Lu}\p{Ll}+$/u.test(words[0]!) && words.length > 1) words[0] = words[0]!.toLowerCase();
  return words.join(' ');
}

/** Singular display of a label: only the last word changes ("diffusion models" → "... model"). */
function singularLabel(label: string, key: string): string {
  const words = label.split(' ');
  const keyWords = key.split(' ');
  const last = words[words.length - 1]!;
  const keyLast = keyWords[keyWords.length - 1]!;
  // A hyphenated or slashed last word ("multi-physics", "non-linearities", "activities/traces")
  // changes in its last part only.
  const hyphen = Math.max(last.lastIndexOf('-'), last.lastIndexOf('/'));
  if (hyphen > 0 && hyphen < last.length - 1) {
    const tail = singularLabel(last.slice(hyphen + 1), keyLast);
    return [...words.slice(0, -1), last.slice(0, hyphen + 1) + tail].join(' ');
  }
  if (last.toLowerCase() === keyLast.toLowerCase()) return label;
  if (last.toLowerCase().startsWith(keyLast.toLowerCase()) || /s$/.test(last)) {
    const cased = /^\p{Lu}/u.test(last) && !/^\p{Lu}/u.test(keyLast) ? keyLast[0]!.toUpperCase() + keyLast.slice(1) : keyLast;
    if (/^[\p{Lu}\p{N}-]+s$/u.test(last)) return [...words.slice(0, -1), last.slice(0, -1)].join(' ');
    if (cased.length <= last.length) return [...words.slice(0, -1), cased].join(' ');
  }
  return label;
}

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

/** Counters per row of the document-frequency sketch (two rows, 16-bit saturating counters). */
const SKETCH_SIZE = 1 << 23;

/** A hash of `key` into [0, SKETCH_SIZE): FNV-1a with a murmur finalizer, `seed` picks the row. */
function sketchSlot(key: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & (SKETCH_SIZE - 1);
}

/**
 * The corpus pass, phase by phase, so that a large corpus can stream through it: every phase
 * reads each paper once, in the same order, and nothing per paper is kept between phases.
 * 1. `define`: the acronym registry;
 * 2. `sketch` (only when `minDf` > 1): each key's document frequency in a fixed-size count
 *    sketch, never below the true one. A large corpus has millions of one-off n-grams; phase 3
 *    keeps statistics only for the keys the sketch lets through, and checks their exact count;
 * 3. `count`: exact statistics, then `settle()` decides which keys are eligible concepts;
 * 4. `resolve`: one paper's ranked concepts with evidence; then `finish()`: labels, aliases.
 * With `minDf` 1 every key is counted and the result is the same as holding the corpus whole.
 */
class CorpusPass {
  private readonly registry: Registry = new Map();
  private readonly stats = new Map<string, KeyStats>();
  private readonly eligible = new Map<string, { termhood: number; idf: number }>();
  private readonly acronymOf = new Map<string, string>();
  /** Papers keeping each concept. */
  private readonly dfs = new Map<string, number>();
  private readonly acronymSurfaces = new Map<string, Set<string>>();
  private sketchRows?: [Uint16Array, Uint16Array];
  private papers = 0;
  private counted = 0;
  private resolved = 0;

  constructor(
    private readonly options: CorpusOptions,
    /** Concepts need this many papers (1 = all are kept, as the per-paper lists decide). */
    private readonly minDf: number,
  ) {
    if (minDf > 1) this.sketchRows = [new Uint16Array(SKETCH_SIZE), new Uint16Array(SKETCH_SIZE)];
  }

  /** Whether phase 2 runs. */
  get sketching(): boolean {
    return this.sketchRows !== undefined;
  }

  define(a: PaperAnalysis): void {
    this.papers++;
    for (const def of a.acronyms) {
      const key = keyOfText(def.long);
      if (!key) continue;
      let senses = this.registry.get(def.short);
      if (!senses) this.registry.set(def.short, (senses = new Map()));
      let sense = senses.get(key);
      if (!sense) senses.set(key, (sense = { key, long: def.long, papers: [] }));
      if (sense.papers[sense.papers.length - 1] !== a.id) sense.papers.push(a.id);
    }
  }

  /** A paper's occurrences, resolved and mapped through the thesaurus. */
  occurrences(a: PaperAnalysis): Occurrence[] {
    const resolve = resolver(this.registry, a);
    const occ: Occurrence[] = [];
    for (const chunk of a.chunks) occurrencesOf(chunk, resolve, occ);
    const thesaurus = this.options.thesaurus;
    if (!thesaurus) return occ;
    const kept: Occurrence[] = [];
    for (const o of occ) {
      const to = thesaurus.get(o.key);
      if (to === '') continue;
      if (to !== undefined) o.key = to;
      kept.push(o);
    }
    return kept;
  }

  sketch(a: PaperAnalysis): void {
    const [first, second] = this.sketchRows!;
    for (const key of new Set(this.occurrences(a).map((o) => o.key))) {
      const i = sketchSlot(key, 0x811c9dc5);
      const j = sketchSlot(key, 0x5bd1e995);
      if (first[i]! < 0xffff) first[i]!++;
      if (second[j]! < 0xffff) second[j]!++;
    }
  }

  /** Whether `key` may be in `minDf` papers (by the sketch; always true without one). */
  private mayReachMinDf(key: string): boolean {
    if (!this.sketchRows) return true;
    const [first, second] = this.sketchRows;
    return first[sketchSlot(key, 0x811c9dc5)]! >= this.minDf && second[sketchSlot(key, 0x5bd1e995)]! >= this.minDf;
  }

  /** Phase 3 for one paper; returns its occurrences (a caller holding the corpus may pass them to `resolve`). */
  count(a: PaperAnalysis): Occurrence[] {
    const p = this.counted++;
    const occ = this.occurrences(a);
    const stats = this.stats;
    // Chunk-level parent relation for C-value: each maximal key is the parent of its n-grams.
    for (const o of occ) {
      let s = stats.get(o.key);
      if (!s) {
        if (!this.mayReachMinDf(o.key)) continue;
        s = { df: 0, freq: 0, independent: 0, suffix: 0, nestedFreq: 0, named: 0, words: o.words, lastPaper: -1 };
        stats.set(o.key, s);
      }
      if (s.lastPaper !== p) {
        s.df++;
        s.lastPaper = p;
      }
      s.freq++;
      if (o.maximal) s.independent++;
      else if (o.suffix) s.suffix++;
      if (o.acronym) s.acronym = o.acronym;
      if (o.parent !== undefined && o.parent !== o.key) {
        (s.parents ??= new Set()).add(o.parent);
        s.nestedFreq++;
      }
      if (o.named) s.named++;
      if (o.ext !== undefined && o.ext !== o.key) (s.exts ??= new Map()).set(o.ext, (s.exts.get(o.ext) ?? 0) + 1);
    }
    return occ;
  }

  /** After every paper is counted: the eligible keys, their termhood and idf. */
  settle(): void {
    this.sketchRows = undefined;
    const thesaurus = this.options.thesaurus;
    // Long-form keys of acronyms are concepts even if only ever nested.
    for (const [short, senses] of this.registry) {
      for (const sense of senses.values()) {
        const key = thesaurus?.get(sense.key) ?? sense.key;
        if (!key) continue;
        if (!this.acronymOf.has(key)) this.acronymOf.set(key, short);
      }
    }
    const N = Math.max(1, this.papers);
    for (const [key, s] of this.stats) {
      if (s.df < this.minDf) continue;
      if (!/\p{L}/u.test(key)) continue;
      if (isBoilerplate(key)) continue;
      const isAcr = this.acronymOf.has(key) || s.acronym !== undefined;
      const parents = s.parents?.size ?? 0;
      if (!isAcr && s.independent === 0 && parents < 2 && !(s.suffix > 0 && s.words >= 2)) continue;
      if (!isAcr && !standsAlone(s)) continue;
      // C-value: frequency minus the average frequency of the longer terms holding it.
      const nestedAvg = parents ? s.nestedFreq / parents : 0;
      const cvalue = Math.log2(1 + s.words) * Math.max(0.5, s.freq - nestedAvg + (parents > 1 ? Math.log2(parents) : 0));
      this.eligible.set(key, { termhood: cvalue, idf: Math.log((N + 1) / s.df) });
    }
    // What only phase 3 needed.
    for (const [key, s] of this.stats) {
      if (!this.eligible.has(key)) this.stats.delete(key);
      else {
        s.parents = undefined;
        s.exts = undefined;
      }
    }
  }

  /** Phase 4 for one paper: its ranked concepts with evidence (labels are keys until `finish`). */
  resolve({ paper, analysis: a }: AnalyzedPaper, counted?: Occurrence[]): PaperConcepts {
    const p = this.resolved++;
    const { options, eligible, stats } = this;
    const occ = counted ?? this.occurrences(a);
    const texts = [paper.title ?? '', paper.abstract ?? ''];
    const totalLen = a.lengths[0] + a.lengths[1] + 1;
    const byKey = new Map<string, { occ: Occurrence[]; maximal: number; firstPos: number; inTitle: boolean }>();
    for (const o of occ) {
      if (!eligible.has(o.key)) continue;
      let e = byKey.get(o.key);
      if (!e) byKey.set(o.key, (e = { occ: [], maximal: 0, firstPos: 1, inTitle: false }));
      e.occ.push(o);
      if (o.maximal) e.maximal++;
      const pos = o.field === 0 ? 0 : (a.lengths[0] + o.start) / totalLen;
      if (pos < e.firstPos) e.firstPos = pos;
      if (o.field === 0) e.inTitle = true;
    }
    const w = options.weights;
    let wordCount: Map<string, number> | undefined;
    let titleWords: Set<string> | undefined;
    const scored: Array<{ key: string; e: (typeof byKey extends Map<string, infer V> ? V : never); score: number }> = [];
    for (const [key, e] of byKey) {
      const g = eligible.get(key)!;
      const tf = e.occ.length;
      const words = e.occ[0]!.words;
      let score =
        Math.pow(1 + Math.log(tf), w.tf) *
        Math.pow(g.idf, w.idf) *
        (e.inTitle ? w.title : 1) *
        Math.pow(1 / (1 + 10 * e.firstPos), w.position) *
        Math.pow(w.length, Math.min(words, 4) - 1) *
        (e.maximal === 0 ? w.nested : 1) *
        Math.pow(Math.log(1 + g.termhood), w.termhood) *
        (words === 1 ? w.unigram : 1) *
        (words >= 4 ? w.long : 1) *
        (e.occ[0]!.participle ? w.participle : 1);
      if (!Number.isFinite(score)) score = 0;
      if (options.ranker || options.onCandidate) {
        const s = stats.get(key)!;
        if (!wordCount) {
          // Word frequencies over the paper's whole chunks, and the title's words.
          wordCount = new Map();
          titleWords = new Set();
          for (const o of occ) {
            if (!o.maximal) continue;
            for (const w of o.key.split(' ')) {
              wordCount.set(w, (wordCount.get(w) ?? 0) + 1);
              if (o.field === 0) titleWords.add(w);
            }
          }
        }
        const ws = key.split(' ');
        let logSum = 0;
        let inTitle = 0;
        for (const w of ws) {
          logSum += Math.log(wordCount.get(w) ?? 1);
          if (titleWords!.has(w)) inTitle++;
        }
        const facts: CandidateFacts = {
          tf,
          maximal: e.maximal,
          firstPos: e.firstPos,
          inTitle: e.inTitle,
          termhood: g.termhood,
          idf: g.idf,
          df: s.df,
          words,
          participle: e.occ[0]!.participle,
          adjective: e.occ[0]!.adjective === true,
          acronym: this.acronymOf.has(key) || s.acronym !== undefined,
          wordTf: logSum / ws.length,
          titleOverlap: inTitle / ws.length,
          handScore: score,
        };
        options.onCandidate?.(p, key, facts);
        if (options.ranker) score = rankScore(options.ranker, facts);
      }
      scored.push({ key, e, score: Math.round(score * 1e6) / 1e6 });
    }
    scored.sort((x, y) => y.score - x.score || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    // The paper's own list (top K above the score floor), plus concepts shared with other papers.
    const floor = (scored[0]?.score ?? 0) * options.minRelativeScore;
    const kept = scored.filter(
      (c, i) =>
        ((options.top === 0 || i < options.top) && c.score >= floor) ||
        (options.keepShared && stats.get(c.key)!.df >= 2),
    );
    const sentenceCache = new Map<number, string>();
    const sentenceText = (field: 0 | 1, index: number, ss: number, se: number): string => {
      const id = field * 100_000 + index;
      let text = sentenceCache.get(id);
      if (text === undefined) sentenceCache.set(id, (text = texts[field]!.slice(ss, se)));
      return text;
    };
    const concepts: ConceptMention[] = kept.map(({ key, e, score }) => {
      this.dfs.set(key, (this.dfs.get(key) ?? 0) + 1);
      const forms: string[] = [];
      const evidence: Evidence[] = [];
      let last = '';
      // Evidence in text order; one entry per mention span.
      const sorted = [...e.occ].sort((x, y) => x.field - y.field || x.start - y.start || x.end - y.end);
      for (const o of sorted) {
        const surface = texts[o.field]!.slice(o.start, o.end);
        if (!forms.includes(surface)) forms.push(surface);
        const id = `${o.field}:${o.start}:${o.end}`;
        if (id === last) continue;
        last = id;
        const [ss, se] = a.sentences[o.field][o.sentence] ?? [o.start, o.end];
        evidence.push({
          field: o.field === 0 ? 'title' : 'abstract',
          sentence: sentenceText(o.field, o.sentence, ss, se),
          sentenceStart: ss,
          start: o.start,
          end: o.end,
        });
      }
      return { key, label: key, forms, count: evidence.length, score, evidence };
    });
    this.collectForms(a, texts, occ);
    return { paperId: a.id, concepts, acronyms: paperAcronyms(a) };
  }

  /**
   * Surface forms of the eligible keys (for labels and aliases), and acronyms as written
   * ("NTKs"). Only the keys some paper keeps are used in the end.
   */
  private collectForms(a: PaperAnalysis, texts: string[], occ: readonly Occurrence[]): void {
    for (const o of occ) {
      if (!this.eligible.has(o.key)) continue;
      const surface = texts[o.field]!.slice(o.start, o.end);
      if (o.acronym) {
        let set = this.acronymSurfaces.get(o.key);
        if (!set) this.acronymSurfaces.set(o.key, (set = new Set()));
        set.add(surface);
        continue;
      }
      const s = this.stats.get(o.key)!;
      (s.forms ??= new Map()).set(surface, (s.forms.get(surface) ?? 0) + 1);
      if (CAPITAL_START.test(surface) && (o.field === 0 || opensSentence(a, texts[1]!, o))) {
        (s.initial ??= new Map()).set(surface, (s.initial.get(surface) ?? 0) + 1);
      }
    }
  }

  /** After every paper is resolved: the kept concepts' labels, aliases and corpus facts. */
  finish(): CorpusFacts {
    const { registry, stats, dfs, eligible, acronymOf } = this;
    const thesaurus = this.options.thesaurus;
    for (const senses of registry.values()) {
      for (const sense of senses.values()) {
        const key = thesaurus?.get(sense.key) ?? sense.key;
        if (!key || !dfs.has(key)) continue;
        const s = stats.get(key)!;
        (s.forms ??= new Map()).set(sense.long, (s.forms.get(sense.long) ?? 0) + 1);
      }
    }

    // Corpus-level concept facts, on concepts that some paper keeps.
    const concepts: ConceptInfo[] = [];
    const labels = new Map<string, string>();
    const sortedKeys = [...dfs.keys()].sort();
    const votesOf = new Map<string, Map<string, number>>();
    const corpusVotes = new Map<string, number>();
    for (const key of sortedKeys) {
      const s = stats.get(key)!;
      if (!s.forms?.size) continue;
      const votes = nameVotes(s);
      votesOf.set(key, votes);
      for (const [w, v] of votes) corpusVotes.set(w, (corpusVotes.get(w) ?? 0) + v);
    }
    for (const key of sortedKeys) {
      const s = stats.get(key)!;
      const acronym = acronymOf.get(key) ?? s.acronym;
      const label = s.forms?.size ? withNames(singularLabel(chooseLabel(s.forms), key), votesOf.get(key)!, corpusVotes) : key;
      labels.set(key, label);
      const aliases = new Set<string>();
      for (const f of [...(s.forms?.keys() ?? [])].sort()) aliases.add(f);
      if (acronym) aliases.add(acronym);
      for (const f of this.acronymSurfaces.get(key) ?? []) aliases.add(f);
      concepts.push({
        key,
        label,
        aliases: [...aliases].sort(),
        df: dfs.get(key)!,
        termhood: Math.round(eligible.get(key)!.termhood * 1000) / 1000,
        ...(acronym ? { acronym } : {}),
      });
    }

    const ambiguousAcronyms: AmbiguousAcronym[] = [];
    for (const [short, senses] of [...registry].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
      if (senses.size < 2) continue;
      ambiguousAcronyms.push({
        short,
        senses: [...senses.values()].map((s) => ({ key: s.key, long: s.long, papers: [...s.papers] })),
      });
    }
    return { concepts, ambiguousAcronyms, labels };
  }
}

/** Writes the final labels into a paper's concepts. */
function applyLabels(pc: PaperConcepts, labels: ReadonlyMap<string, string>): void {
  for (const c of pc.concepts) c.label = labels.get(c.key) ?? c.key;
}

/**
 * Pass 2 over all papers, held in memory. `papers[i]` and `analyses[i]` describe the same paper.
 * With `minDf` > 1, only concepts of at least that many papers are kept (as a streamed corpus
 * is resolved, see {@link streamCorpus}).
 */
export function resolveCorpus(
  papers: readonly PaperText[],
  analyses: readonly PaperAnalysis[],
  options: CorpusOptions,
  minDf = 1,
): ExtractionResult {
  const pass = new CorpusPass(options, minDf);
  for (const a of analyses) pass.define(a);
  if (pass.sketching) for (const a of analyses) pass.sketch(a);
  const occurrences = analyses.map((a) => pass.count(a));
  pass.settle();
  const resultPapers = analyses.map((analysis, p) => {
    const occ = occurrences[p]!;
    occurrences[p] = [];
    return pass.resolve({ paper: papers[p]!, analysis }, occ);
  });
  const { concepts, ambiguousAcronyms, labels } = pass.finish();
  for (const pc of resultPapers) applyLabels(pc, labels);
  return { papers: resultPapers, concepts, ambiguousAcronyms };
}

/** The corpus pass over a corpus read from storage, paper by paper (see {@link streamCorpus}). */
export interface StreamedCorpus {
  /** Phase 1 for one paper, in corpus order (call it as pass-1 results are stored). */
  define(analysis: PaperAnalysis): void;
  /**
   * The other phases: reads the corpus (`read()`: the papers `define` saw, in the same order)
   * two or three times; only the result is held, not the analyses.
   */
  resolve(read: () => AsyncIterable<AnalyzedPaper>): Promise<ExtractionResult>;
}

/**
 * The corpus pass without holding the corpus: papers are read back from storage once per
 * phase, and only the statistics of keys that may reach `minDf` papers are kept. The result is
 * the same as {@link resolveCorpus} with the same `minDf`.
 */
export function streamCorpus(options: CorpusOptions, minDf: number): StreamedCorpus {
  const pass = new CorpusPass(options, minDf);
  return {
    define: (analysis) => pass.define(analysis),
    async resolve(read) {
      if (pass.sketching) for await (const { analysis } of read()) pass.sketch(analysis);
      for await (const { analysis } of read()) pass.count(analysis);
      pass.settle();
      const papers: PaperConcepts[] = [];
      for await (const entry of read()) papers.push(pass.resolve(entry));
      const { concepts, ambiguousAcronyms, labels } = pass.finish();
      for (const pc of papers) applyLabels(pc, labels);
      return { papers, concepts, ambiguousAcronyms };
    },
  };
}

function paperAcronyms(a: PaperAnalysis): AcronymPair[] {
  const out: AcronymPair[] = [];
  const seen = new Set<string>();
  for (const d of a.acronyms) {
    const id = `${d.short}\t${d.long.toLowerCase()}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push([d.short, d.long]);
  }
  return out;
}
