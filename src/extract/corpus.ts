/**
 * Pass 2: the corpus
 * ==================
 *
 * From every paper's chunks and acronym definitions: the alias registry (short form → long
 * form concept), candidate keys for every n-gram of every chunk, corpus statistics (document
 * frequency, independent occurrences, C-value termhood after Frantzi, Ananiadou & Mima 2000,
 * https://doi.org/10.1007/s007999900023), the boilerplate filter, the thesaurus, and the ranked
 * concepts of each paper with their evidence. Runs on the calling thread, or split across worker
 * threads by key shares and paper slices (`parallel.ts`).
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

/** One mention of a candidate key in a paper (as phase 3 finds it; phase 4 may reuse it). */
export interface Occurrence {
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
  /**
   * Distinct longer keys this key is nested in, and their total frequency. Most keys have one:
   * it is held in `parent`, and the set is made only when a second one comes.
   */
  parent: string | undefined;
  parents: Set<string> | undefined;
  nestedFreq: number;
  /**
   * How often each one-word-longer key holds this one (C-value's nesting, word by word): the
   * first such key and its count, and a map of all of them once there is a second.
   */
  ext: string | undefined;
  extCount: number;
  exts: Map<string, number> | undefined;
  /** Occurrences written as a name (see `Occurrence.named`). */
  named: number;
  words: number;
  acronym: string | undefined;
  lastPaper: number;
}

interface Sense {
  key: string;
  long: string;
  papers: string[];
}

/** short form → long-form key → sense. */
type Registry = Map<string, Map<string, Sense>>;

/**
 * The corpus's reading of each short form defined somewhere: its only sense, else the dominant
 * sense (≥ 2/3 of defining papers), else none (ambiguous). Compact enough to send to workers.
 */
export type CorpusSenses = ReadonlyMap<string, string | undefined>;

function corpusSenses(registry: Registry): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const [short, senses] of registry) {
    if (senses.size === 1) {
      out.set(short, senses.values().next().value!.key);
      continue;
    }
    let total = 0;
    let best: Sense | undefined;
    for (const s of senses.values()) {
      total += s.papers.length;
      if (!best || s.papers.length > best.papers.length) best = s;
    }
    out.set(short, best && best.papers.length * 3 >= total * 2 ? best.key : undefined);
  }
  return out;
}

/** Resolves a short form for one paper: its own definition first, then the corpus's. */
function resolver(senses: CorpusSenses, a: PaperAnalysis): (short: string) => string | undefined {
  if (a.acronyms.length === 0) return (short) => senses.get(short);
  const own = new Map<string, string>();
  for (const def of a.acronyms) if (!own.has(def.short)) own.set(def.short, keyOfText(def.long));
  return (short) => own.get(short) || senses.get(short);
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
function occurrencesOf(
  chunk: Chunk,
  resolve: (s: string) => string | undefined,
  out: Occurrence[],
  /** Occurrences of other keys are not made (their keys are still built: longer keys extend them). */
  wanted?: (key: string) => boolean,
): void {
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
    if (wanted && !wanted(key)) continue;
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
      if (wanted && !wanted(key)) continue;
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
  if (s.ext === undefined) return true;
  let top = s.extCount;
  let nested = s.extCount;
  if (s.exts) {
    top = 0;
    nested = 0;
    for (const c of s.exts.values()) {
      nested += c;
      if (c > top) top = c;
    }
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
function opensSentence(a: PaperAnalysis, text: string, o: Occurrence, firstWord: Map<number, number>): boolean {
  const from = a.sentences[1][o.sentence]?.[0] ?? 0;
  // Where the sentence's first letter or digit is, found once per sentence.
  let first = firstWord.get(from);
  if (first === undefined) {
    first = from;
    while (first < text.length && !LETTER_OR_DIGIT.test(text[first]!)) first++;
    firstWord.set(from, first);
  }
  return first >= o.start;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Per lower-cased word of a key's forms: how often it is written capitalized minus how often
 * lower-case, counting only occurrences where case means something (mid-sentence in the
 * abstract, not Title Case). A word with a positive vote is a name ("Hopfield", "Gaussian").
 */
function nameVotes(forms: ReadonlyMap<string, number>, initial: ReadonlyMap<string, number> | undefined): Map<string, number> {
  const votes = new Map<string, number>();
  for (const [form, count] of forms) {
    const mid = count - (initial?.get(form) ?? 0);
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
function withNames(label: string, votes: ReadonlyMap<string, number>, corpus: ReadonlyMap<string, number>): string {
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

/**
 * Surface forms of eligible keys, gathered while papers are ranked (labels and aliases are
 * chosen from them). Counts add and first appearances keep their order, so forms gathered over
 * consecutive slices of the corpus merge into exactly what one walk gathers.
 */
export interface FormsSink {
  /** Key → surface form → occurrences. */
  forms: Map<string, Map<string, number>>;
  /** Forms written capitalized where case says nothing: in the title or opening a sentence. */
  initial: Map<string, Map<string, number>>;
  /** Acronyms as written ("NTKs") of keys that are resolved acronyms. */
  acronymSurfaces: Map<string, Set<string>>;
  /** Papers keeping each key. */
  dfs: Map<string, number>;
}

/** An empty {@link FormsSink}. */
export function createFormsSink(): FormsSink {
  return { forms: new Map(), initial: new Map(), acronymSurfaces: new Map(), dfs: new Map() };
}

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

/** A slot of the document-frequency sketch; `seed` picks the row. */
function sketchSlot(key: string, seed: number): number {
  return hashKey(key, seed) & (SKETCH_SIZE - 1);
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
 *
 * Phases 3 and 4 also run split across threads (see `parallel.ts`): a pass built with
 * {@link CorpusPass.forShare} counts and settles one share of the keys over the whole corpus;
 * one built with {@link CorpusPass.forRanking} ranks a slice of the papers from the settled
 * facts of every key.
 */
export class CorpusPass {
  private readonly registry: Registry = new Map();
  private readonly stats = new Map<string, KeyStats>();
  private eligible = new Map<string, EligibleKey>();
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
  private sketchRows?: [Uint16Array, Uint16Array];
  private papers = 0;
  private counted = 0;
  private resolved = 0;

  constructor(
    private readonly options: CorpusOptions,
    /** Concepts need this many papers (1 = all are kept, as the per-paper lists decide). */
    private readonly minDf: number,
    /** Sketch document frequencies first (phase 2); worth it on a corpus with many keys below `minDf`. */
    sketch = minDf > 1,
  ) {
    if (sketch) this.sketchRows = [new Uint16Array(SKETCH_SIZE), new Uint16Array(SKETCH_SIZE)];
  }

  /**
   * A pass counting only `share` of the keys, over a corpus defined elsewhere. It needs no
   * sketch: a key below `minDf` is dropped by `settle` anyway, and each share holds a part.
   */
  static forShare(options: CorpusOptions, minDf: number, corpus: DefinedCorpus, share: KeyShare): CorpusPass {
    const pass = new CorpusPass(options, minDf, false);
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
    const pass = new CorpusPass(options, 1);
    pass.senses = senses;
    pass.eligible = eligible;
    pass.resolved = first;
    pass.formsInRanking = false;
    return pass;
  }

  /** Whether phase 2 runs. */
  get sketching(): boolean {
    return this.sketchRows !== undefined;
  }

  /** Phase 1 for one paper (only its id and acronym definitions are read). */
  define(a: Pick<PaperAnalysis, 'id' | 'acronyms'>): void {
    this.papers++;
    if (a.acronyms.length === 0) return;
    this.senses = undefined;
    this.acronymOf = undefined;
    this.longForms = undefined;
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

  /** The corpus as `define` saw it, for passes counting shares of the keys elsewhere. */
  defined(): DefinedCorpus {
    return { papers: this.papers, senses: [...this.corpusSenses()], acronymKeys: [...this.acronymKeys()], senseForms: this.senseForms() };
  }

  /** Every sense's key (through the thesaurus) and long form, in registry order. */
  private senseForms(): Array<[string, string]> {
    if (this.longForms) return this.longForms;
    const thesaurus = this.options.thesaurus;
    const out: Array<[string, string]> = [];
    for (const senses of this.registry.values()) {
      for (const sense of senses.values()) {
        const key = thesaurus?.get(sense.key) ?? sense.key;
        if (key) out.push([key, sense.long]);
      }
    }
    return (this.longForms = out);
  }

  private corpusSenses(): CorpusSenses {
    return (this.senses ??= corpusSenses(this.registry));
  }

  /** Long-form keys of acronyms (through the thesaurus) → short form; these are concepts even if only ever nested. */
  private acronymKeys(): ReadonlyMap<string, string> {
    if (this.acronymOf) return this.acronymOf;
    const thesaurus = this.options.thesaurus;
    const out = new Map<string, string>();
    for (const [short, senses] of this.registry) {
      for (const sense of senses.values()) {
        const key = thesaurus?.get(sense.key) ?? sense.key;
        if (!key) continue;
        if (!out.has(key)) out.set(key, short);
      }
    }
    return (this.acronymOf = out);
  }

  /** A paper's occurrences, resolved and mapped through the thesaurus. */
  occurrences(a: PaperAnalysis, wanted?: (key: string) => boolean): Occurrence[] {
    const resolve = resolver(this.corpusSenses(), a);
    const occ: Occurrence[] = [];
    for (const chunk of a.chunks) occurrencesOf(chunk, resolve, occ, wanted);
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

  /** Whether a raw key, through the thesaurus, is of this pass's share. */
  private shareFilter(): ((key: string) => boolean) | undefined {
    if (!this.share) return undefined;
    const thesaurus = this.options.thesaurus;
    if (!thesaurus) return (key) => this.counts(key);
    return (key) => {
      const to = thesaurus.get(key);
      return to !== '' && this.counts(to ?? key);
    };
  }

  /** Whether this pass counts `key` (all keys unless it counts a share). */
  private counts(key: string): boolean {
    const share = this.share;
    return !share || hashKey(key, 0x9e3779b9) % share.count === share.index;
  }

  /**
   * Phase 3 for one paper; returns its occurrences (a caller holding the corpus may pass them to
   * `resolve`). A pass counting a share of the keys also gathers their surface forms here, from
   * the paper's text, as phase 4 does for a whole pass. With `all` false, such a pass returns
   * only the occurrences of its share (for a paper it will not rank).
   */
  count(a: PaperAnalysis, paper?: PaperText, all = true): Occurrence[] {
    const p = this.counted++;
    const occ = this.occurrences(a, all ? undefined : this.shareFilter());
    const stats = this.stats;
    const shared = this.share !== undefined;
    // Chunk-level parent relation for C-value: each maximal key is the parent of its n-grams.
    for (const o of occ) {
      let s = stats.get(o.key);
      if (!s) {
        if (shared ? !this.counts(o.key) : !this.mayReachMinDf(o.key)) continue;
        s = {
          df: 0,
          freq: 0,
          independent: 0,
          suffix: 0,
          parent: undefined,
          parents: undefined,
          nestedFreq: 0,
          ext: undefined,
          extCount: 0,
          exts: undefined,
          named: 0,
          words: o.words,
          acronym: undefined,
          lastPaper: -1,
        };
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
      const parent = o.parent;
      if (parent !== undefined && parent !== o.key) {
        if (s.parent === undefined) s.parent = parent;
        else if (s.parents) s.parents.add(parent);
        else if (parent !== s.parent) s.parents = new Set([s.parent, parent]);
        s.nestedFreq++;
      }
      if (o.named) s.named++;
      const ext = o.ext;
      if (ext !== undefined && ext !== o.key) {
        if (s.ext === undefined) {
          s.ext = ext;
          s.extCount = 1;
        } else if (s.exts) {
          s.exts.set(ext, (s.exts.get(ext) ?? 0) + 1);
        } else if (ext === s.ext) {
          s.extCount++;
        } else {
          s.exts = new Map([[s.ext, s.extCount], [ext, 1]]);
        }
      }
    }
    if (shared && paper) this.collectForms(a, [paper.title ?? '', paper.abstract ?? ''], occ, stats);
    return occ;
  }

  /** After every paper is counted: the eligible keys, their termhood and idf. Returns them. */
  settle(): ReadonlyMap<string, EligibleKey> {
    this.sketchRows = undefined;
    const acronymOf = this.acronymKeys();
    const N = Math.max(1, this.papers);
    for (const [key, s] of this.stats) {
      if (s.df < this.minDf) continue;
      const isAcronym = acronymOf.has(key) || s.acronym !== undefined;
      const parents = s.parents ? s.parents.size : s.parent !== undefined ? 1 : 0;
      if (!isAcronym && s.independent === 0 && parents < 2 && !(s.suffix > 0 && s.words >= 2)) continue;
      if (!isAcronym && !standsAlone(s)) continue;
      // The text tests last: most keys are dropped by the counts above, for less.
      if (!/\p{L}/u.test(key)) continue;
      if (isBoilerplate(key)) continue;
      // C-value: frequency minus the average frequency of the longer terms holding it.
      const nestedAvg = parents ? s.nestedFreq / parents : 0;
      const cvalue = Math.log2(1 + s.words) * Math.max(0.5, s.freq - nestedAvg + (parents > 1 ? Math.log2(parents) : 0));
      const e: EligibleKey = { termhood: cvalue, idf: Math.log((N + 1) / s.df), df: s.df, isAcronym };
      if (s.acronym !== undefined) e.acronym = s.acronym;
      this.eligible.set(key, e);
    }
    // The statistics were only for this.
    this.stats.clear();
    const { forms, initial, acronymSurfaces } = this.sink;
    for (const m of [forms, initial, acronymSurfaces]) for (const key of m.keys()) if (!this.eligible.has(key)) m.delete(key);
    return this.eligible;
  }

  /** Adds keys settled elsewhere (by passes counting the other shares). */
  addEligible(keys: Iterable<[string, EligibleKey]>): void {
    for (const [key, e] of keys) this.eligible.set(key, e);
  }

  /** The eligible keys (after `settle` or `addEligible`). */
  eligibleKeys(): ReadonlyMap<string, EligibleKey> {
    return this.eligible;
  }

  /** Phase 4 for one paper: its ranked concepts with evidence (labels are keys until `finish`). */
  resolve({ paper, analysis: a }: AnalyzedPaper, counted?: Occurrence[]): PaperConcepts {
    const p = this.resolved++;
    const { options, eligible } = this;
    const occ = counted ?? this.occurrences(a);
    const texts = [paper.title ?? '', paper.abstract ?? ''];
    const totalLen = a.lengths[0] + a.lengths[1] + 1;
    const byKey = new Map<string, { g: EligibleKey; occ: Occurrence[]; maximal: number; firstPos: number; inTitle: boolean }>();
    for (const o of occ) {
      let e = byKey.get(o.key);
      if (!e) {
        const g = eligible.get(o.key);
        if (!g) continue;
        byKey.set(o.key, (e = { g, occ: [], maximal: 0, firstPos: 1, inTitle: false }));
      }
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
      const g = e.g;
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
          df: g.df,
          words,
          participle: e.occ[0]!.participle,
          adjective: e.occ[0]!.adjective === true,
          acronym: g.isAcronym,
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
        (options.keepShared && c.e.g.df >= 2),
    );
    const sentenceCache = new Map<number, string>();
    const sentenceText = (field: 0 | 1, index: number, ss: number, se: number): string => {
      const id = field * 100_000 + index;
      let text = sentenceCache.get(id);
      if (text === undefined) sentenceCache.set(id, (text = texts[field]!.slice(ss, se)));
      return text;
    };
    const dfs = this.sink.dfs;
    const concepts: ConceptMention[] = kept.map(({ key, e, score }) => {
      dfs.set(key, (dfs.get(key) ?? 0) + 1);
      const forms: string[] = [];
      const evidence: Evidence[] = [];
      let lastField = -1;
      let lastStart = -1;
      let lastEnd = -1;
      // Evidence in text order; one entry per mention span. The occurrences mostly come in text
      // order already (chunks are walked in order), and this list is the paper's own.
      const sorted = e.occ;
      if (!inTextOrder(sorted)) sorted.sort(byTextOrder);
      for (const o of sorted) {
        const surface = texts[o.field]!.slice(o.start, o.end);
        if (!forms.includes(surface)) forms.push(surface);
        if (o.field === lastField && o.start === lastStart && o.end === lastEnd) continue;
        lastField = o.field;
        lastStart = o.start;
        lastEnd = o.end;
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
    if (this.formsInRanking) this.collectForms(a, texts, occ, this.eligible);
    return { paperId: a.id, concepts, acronyms: paperAcronyms(a) };
  }

  /**
   * Surface forms of the eligible keys (for labels and aliases), and acronyms as written
   * ("NTKs"). Only the keys some paper keeps are used in the end.
   */
  private collectForms(a: PaperAnalysis, texts: string[], occ: readonly Occurrence[], keys: ReadonlyMap<string, unknown>): void {
    const { forms, initial, acronymSurfaces } = this.sink;
    const firstWord = new Map<number, number>();
    for (const o of occ) {
      if (!keys.has(o.key)) continue;
      const surface = texts[o.field]!.slice(o.start, o.end);
      if (o.acronym) {
        let set = acronymSurfaces.get(o.key);
        if (!set) acronymSurfaces.set(o.key, (set = new Set()));
        set.add(surface);
        continue;
      }
      let counts = forms.get(o.key);
      if (!counts) forms.set(o.key, (counts = new Map()));
      counts.set(surface, (counts.get(surface) ?? 0) + 1);
      if (CAPITAL_START.test(surface) && (o.field === 0 || opensSentence(a, texts[1]!, o, firstWord))) {
        let caps = initial.get(o.key);
        if (!caps) initial.set(o.key, (caps = new Map()));
        caps.set(surface, (caps.get(surface) ?? 0) + 1);
      }
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
      const f = forms.get(key);
      const acronym = acronymOf.get(key) ?? e.acronym;
      const label = f?.size ? withNames(singularLabel(chooseLabel(f), key), votesOf.get(key)!, corpusVotes) : key;
      const aliases = new Set<string>();
      for (const form of [...(f?.keys() ?? [])].sort()) aliases.add(form);
      if (acronym) aliases.add(acronym);
      for (const form of acronymSurfaces.get(key) ?? []) aliases.add(form);
      concepts.push({
        key,
        label,
        aliases: [...aliases].sort(),
        df: dfs.get(key)!,
        termhood: Math.round(e.termhood * 1000) / 1000,
        ...(acronym ? { acronym } : {}),
      });
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
    const registry = this.registry;
    const ambiguousAcronyms: AmbiguousAcronym[] = [];
    for (const [short, senses] of [...registry].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
      if (senses.size < 2) continue;
      ambiguousAcronyms.push({
        short,
        senses: [...senses.values()].map((s) => ({ key: s.key, long: s.long, papers: [...s.papers] })),
      });
    }
    return ambiguousAcronyms;
  }
}

function byTextOrder(x: Occurrence, y: Occurrence): number {
  return x.field - y.field || x.start - y.start || x.end - y.end;
}

/** Whether `occ` is sorted by {@link byTextOrder}. */
function inTextOrder(occ: readonly Occurrence[]): boolean {
  for (let i = 1; i < occ.length; i++) if (byTextOrder(occ[i - 1]!, occ[i]!) > 0) return false;
  return true;
}

/** Writes the final labels into a paper's concepts. */
export function applyLabels(pc: PaperConcepts, labels: ReadonlyMap<string, string>): void {
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
  // Each paper's occurrences are made again for ranking rather than kept from counting: keeping
  // those of the whole corpus costs more in garbage collection than making them twice.
  for (const a of analyses) pass.count(a);
  pass.settle();
  const resultPapers = analyses.map((analysis, p) => pass.resolve({ paper: papers[p]!, analysis }));
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
