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

/**
 * Every candidate key, interned once: a key is a sequence of words (its text split at spaces),
 * stored as a chain of (first word, rest of the key) nodes found through an integer hash
 * table, so an n-gram's key is found from its first word and the key of the n-gram after it
 * without building its text. Splitting at single spaces and joining with them are inverse, so
 * equal texts are the same chain: one id per distinct key text. The text is built once per key,
 * when asked for.
 */
class KeyTable {
  private readonly wordIds = new Map<string, number>();
  private readonly wordText: string[] = [];
  /** A token key's words (most are one word), by the token key's text. */
  private readonly tokenWords = new Map<string, number[]>();
  private first = new Int32Array(1 << 12);
  private rest = new Int32Array(1 << 12);
  private depth = new Int32Array(1 << 12);
  private slots = new Int32Array(1 << 13);
  private readonly texts: Array<string | undefined> = [];
  size = 0;

  /** Room for this many keys in arrays indexed by key id. */
  get capacity(): number {
    return this.first.length;
  }

  /** Ids of the words of `text` (split at spaces). */
  wordsOf(text: string): number[] {
    let ids = this.tokenWords.get(text);
    if (ids === undefined) {
      ids = text.split(' ').map((w) => {
        let id = this.wordIds.get(w);
        if (id === undefined) {
          id = this.wordText.length;
          this.wordIds.set(w, id);
          this.wordText.push(w);
        }
        return id;
      });
      this.tokenWords.set(text, ids);
    }
    return ids;
  }

  /** The key `words` followed by key `rest` (-1: nothing). */
  prepend(words: readonly number[], rest: number): number {
    let node = rest;
    for (let k = words.length - 1; k >= 0; k--) node = this.node(words[k]!, node);
    return node;
  }

  /** The id of a key's text. */
  of(text: string): number {
    return this.prepend(this.wordsOf(text), -1);
  }

  /** Words in key `id`. */
  words(id: number): number {
    return this.depth[id]!;
  }

  /** Calls `f` with each word id of key `id`, left to right. */
  forEachWord(id: number, f: (word: number) => void): void {
    for (let n = id; n >= 0; n = this.rest[n]!) f(this.first[n]!);
  }

  text(id: number): string {
    let t = this.texts[id];
    if (t === undefined) {
      const rest = this.rest[id]!;
      t = rest < 0 ? this.wordText[this.first[id]!]! : this.wordText[this.first[id]!]! + ' ' + this.text(rest);
      this.texts[id] = t;
    }
    return t;
  }

  private node(word: number, rest: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    let h = (Math.imul(word, 0x9e3779b1) ^ Math.imul(rest + 1, 0x85ebca6b)) >>> 0;
    h = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const s = slots[h]!;
      if (s === 0) break;
      if (this.first[s - 1] === word && this.rest[s - 1] === rest) return s - 1;
      h = (h + 1) & mask;
    }
    const id = this.size++;
    if (id === this.first.length) this.grow();
    this.first[id] = word;
    this.rest[id] = rest;
    this.depth[id] = rest < 0 ? 1 : this.depth[rest]! + 1;
    this.texts.push(undefined);
    if (this.size * 2 > slots.length) this.rehash();
    else slots[h] = id + 1;
    return id;
  }

  private grow(): void {
    const n = this.first.length * 2;
    this.first = growInt32(this.first, n);
    this.rest = growInt32(this.rest, n);
    this.depth = growInt32(this.depth, n);
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.size; id++) {
      let h = (Math.imul(this.first[id]!, 0x9e3779b1) ^ Math.imul(this.rest[id]! + 1, 0x85ebca6b)) >>> 0;
      h = (h ^ (h >>> 15)) & mask;
      while (slots[h] !== 0) h = (h + 1) & mask;
      slots[h] = id + 1;
    }
    this.slots = slots;
  }
}

function growInt32(a: Int32Array<ArrayBuffer>, n: number, fill = 0): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

const MAXIMAL = 1;
const SUFFIX = 2;
const PARTICIPLE = 4;
const ADJECTIVE = 8;
const NAMED = 16;
/** A resolved acronym written alone (`Occurrence.acronym` set). */
const ACRONYM = 32;

/**
 * One paper's occurrences (see {@link Occurrence}) as columns, keys as ids of a {@link KeyTable};
 * reused from paper to paper, so the hot loops allocate nothing per occurrence.
 */
class Occurrences {
  length = 0;
  key = new Int32Array(256);
  field = new Uint8Array(256);
  sentence = new Int32Array(256);
  start = new Int32Array(256);
  end = new Int32Array(256);
  words = new Int32Array(256);
  flags = new Uint8Array(256);
  parent = new Int32Array(256);
  ext = new Int32Array(256);
  acronym: Array<string | undefined> = [];

  push(key: number, field: number, sentence: number, start: number, end: number, words: number, flags: number, parent: number, ext: number, acronym: string | undefined): void {
    const i = this.length++;
    if (i === this.key.length) this.grow();
    this.key[i] = key;
    this.field[i] = field;
    this.sentence[i] = sentence;
    this.start[i] = start;
    this.end[i] = end;
    this.words[i] = words;
    this.flags[i] = acronym ? flags | ACRONYM : flags;
    this.parent[i] = parent;
    this.ext[i] = ext;
    this.acronym[i] = acronym;
  }

  /** Keeps occurrence `from` at `to` (`to` ≤ `from`), dropping those between. */
  move(from: number, to: number): void {
    this.key[to] = this.key[from]!;
    this.field[to] = this.field[from]!;
    this.sentence[to] = this.sentence[from]!;
    this.start[to] = this.start[from]!;
    this.end[to] = this.end[from]!;
    this.words[to] = this.words[from]!;
    this.flags[to] = this.flags[from]!;
    this.parent[to] = this.parent[from]!;
    this.ext[to] = this.ext[from]!;
    this.acronym[to] = this.acronym[from];
  }

  /** Room for `n` occurrences. */
  reserve(n: number): void {
    while (this.key.length < n) this.grow();
  }

  private grow(): void {
    const n = this.key.length * 2;
    const u8 = (a: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> => {
      const b = new Uint8Array(n);
      b.set(a);
      return b;
    };
    this.key = growInt32(this.key, n);
    this.field = u8(this.field);
    this.sentence = growInt32(this.sentence, n);
    this.start = growInt32(this.start, n);
    this.end = growInt32(this.end, n);
    this.words = growInt32(this.words, n);
    this.flags = u8(this.flags);
    this.parent = growInt32(this.parent, n);
    this.ext = growInt32(this.ext, n);
  }
}

/**
 * The occurrences of every paper, as ranking reads them (key, place, flags), kept from counting
 * to ranking when the corpus is held in memory: a few bytes per occurrence in columns, instead
 * of finding them again.
 */
class OccurrenceStore {
  private length = 0;
  private key = new Int32Array(1 << 14);
  private field = new Uint8Array(1 << 14);
  private flags = new Uint8Array(1 << 14);
  private words = new Uint8Array(1 << 14);
  private sentence = new Int32Array(1 << 14);
  private start = new Int32Array(1 << 14);
  private end = new Int32Array(1 << 14);
  /** Where each paper's occurrences start (and the end of the last). */
  private readonly from: number[] = [0];

  add(occ: Occurrences): void {
    const n = occ.length;
    const at = this.length;
    if (at + n > this.key.length) this.grow(at + n);
    this.key.set(occ.key.subarray(0, n), at);
    this.field.set(occ.field.subarray(0, n), at);
    this.flags.set(occ.flags.subarray(0, n), at);
    this.sentence.set(occ.sentence.subarray(0, n), at);
    this.start.set(occ.start.subarray(0, n), at);
    this.end.set(occ.end.subarray(0, n), at);
    const words = this.words;
    for (let i = 0; i < n; i++) words[at + i] = Math.min(255, occ.words[i]!);
    this.length += n;
    this.from.push(this.length);
  }

  /** Paper `p`'s occurrences into `occ` (their parents and extensions are not kept). */
  load(p: number, occ: Occurrences): Occurrences {
    const from = this.from[p]!;
    const to = this.from[p + 1]!;
    const n = to - from;
    occ.length = 0;
    occ.reserve(n);
    occ.key.set(this.key.subarray(from, to));
    occ.field.set(this.field.subarray(from, to));
    occ.flags.set(this.flags.subarray(from, to));
    occ.sentence.set(this.sentence.subarray(from, to));
    occ.start.set(this.start.subarray(from, to));
    occ.end.set(this.end.subarray(from, to));
    for (let i = 0; i < n; i++) occ.words[i] = this.words[from + i]!;
    occ.length = n;
    return occ;
  }

  private grow(need: number): void {
    let n = this.key.length * 2;
    while (n < need) n *= 2;
    const u8 = (a: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> => {
      const b = new Uint8Array(n);
      b.set(a);
      return b;
    };
    this.key = growInt32(this.key, n);
    this.field = u8(this.field);
    this.flags = u8(this.flags);
    this.words = u8(this.words);
    this.sentence = growInt32(this.sentence, n);
    this.start = growInt32(this.start, n);
    this.end = growInt32(this.end, n);
  }
}

/**
 * Every n-gram occurrence of a chunk (ending in a head word, at most MAX_WORDS words), into
 * `out`. Keys not `wanted` are not added (their keys are still found: longer keys extend them).
 */
function occurrencesOf(
  chunk: Chunk,
  resolve: (s: string) => string | undefined,
  table: KeyTable,
  out: Occurrences,
  scratch: { mods: number[][]; heads: number[][]; spans: Int32Array },
  wanted?: (key: number) => boolean,
): void {
  const toks = chunk.tokens;
  const n = toks.length;
  // Each token's words as a modifier and as a head, once per chunk.
  const { mods, heads } = scratch;
  for (let k = 0; k < n; k++) {
    const t = toks[k]!;
    mods[k] = table.wordsOf(tokenKey(t, false, resolve));
    heads[k] = t.head === undefined && !t.acronym ? mods[k]! : table.wordsOf(tokenKey(t, true, resolve));
  }
  let whole = table.prepend(heads[n - 1]!, -1);
  for (let k = n - 2; k >= 0; k--) whole = table.prepend(mods[k]!, whole);
  // "transformer-based", "PDE-constrained": the first part is a mention of its own.
  for (const t of toks) {
    if (t.compound === undefined) continue;
    const part = t.compound;
    const acronym = isAcronymLike(part);
    const short = acronym ? singularAcronym(part) : undefined;
    const text = (short && resolve(short)) || normalizeWord(part, true);
    if (!text || !/\p{L}{2}/u.test(text)) continue;
    const key = table.of(text);
    if (wanted && !wanted(key)) continue;
    out.push(key, chunk.field, chunk.sentence, t.start, t.start + part.length, table.words(key), 0, whole, -1, short);
  }
  if (scratch.spans.length < n) scratch.spans = new Int32Array(n * 2);
  const spans = scratch.spans;
  // The key of toks[0..j + 1) when the previous (longer) end was a head and it was a key.
  let prevFirst = -1;
  for (let j = n; j >= 1; j--) {
    if (!isHeadToken(toks[j - 1]!, j - 1 > 0)) {
      prevFirst = -1;
      continue;
    }
    const lo = Math.max(0, j - MAX_WORDS);
    // Keys of toks[i..j), built right to left.
    spans[j - 1] = table.prepend(heads[j - 1]!, -1);
    for (let i = j - 2; i >= lo; i--) spans[i] = table.prepend(mods[i]!, spans[i + 1]!);
    let before = -1; // the key of toks[i - 1..j), if any
    let first = -1;
    for (let i = lo; i < j; i++) {
      const tok = toks[i]!;
      if (i > 0 && (tok.pos === 'participle' || tok.pos === 'gerund')) {
        before = -1;
        continue;
      }
      if (j - i === 1 && toks[j - 1]!.pos === 'gerund' && !isHeadToken(toks[j - 1]!, false)) {
        before = -1;
        continue;
      }
      const key = spans[i]!;
      const ext = i > 0 ? before : j < n ? prevFirst : -1;
      before = key;
      if (i === 0) first = key;
      if (wanted && !wanted(key)) continue;
      const single = j - i === 1;
      const whole_ = i === 0 && j === n;
      const flags =
        (whole_ ? MAXIMAL : 0) |
        (j === n ? SUFFIX : 0) |
        (tok.pos === 'participle' ? PARTICIPLE : 0) |
        (tok.pos === 'adj' ? ADJECTIVE : 0) |
        (single && chunk.field === 1 && isNamed(toks, i) ? NAMED : 0);
      out.push(
        key,
        chunk.field,
        chunk.sentence,
        tok.start,
        toks[j - 1]!.end,
        table.words(key),
        flags,
        whole_ ? -1 : whole,
        ext,
        single && tok.acronym ? (tok.head ?? tok.mod) : undefined,
      );
    }
    prevFirst = first;
  }
}

function wordCount(key: string): number {
  let words = 1;
  for (let c = 0; c < key.length; c++) if (key.charCodeAt(c) === 32) words++;
  return words;
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

/** Whether the abstract's occurrence at `start` in `sentence` opens it (only punctuation before it). */
function opensSentence(a: PaperAnalysis, text: string, sentence: number, start: number, firstWord: Map<number, number>): boolean {
  const from = a.sentences[1][sentence]?.[0] ?? 0;
  // Where the sentence's first letter or digit is, found once per sentence.
  let first = firstWord.get(from);
  if (first === undefined) {
    first = from;
    while (first < text.length && !LETTER_OR_DIGIT.test(text[first]!)) first++;
    firstWord.set(from, first);
  }
  return first >= start;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Per lower-cased word of a key's forms: how often it is written capitalized minus how often
 * lower-case, counting only occurrences where case means something (mid-sentence in the
 * abstract, not Title Case). A word with a positive vote is a name ("Hopfield", "Gaussian").
 */
/** Lower-case ASCII words separated by single spaces. */
const LOWER_WORDS = /^[a-z]+(?: [a-z]+)*$/;

function nameVotes(forms: ReadonlyMap<string, number>, initial: ReadonlyMap<string, number> | undefined): Map<string, number> {
  const votes = new Map<string, number>();
  for (const [form, count] of forms) {
    const mid = count - (initial?.get(form) ?? 0);
    if (mid <= 0) continue;
    if (LOWER_WORDS.test(form)) {
      // The common case, for less: lower-case ASCII words, each a vote against.
      for (const w of form.split(' ')) votes.set(w, (votes.get(w) ?? 0) - mid);
      continue;
    }
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
  if (LOWER_WORDS.test(label)) {
    // The common case, for less: lower-case ASCII words, unchanged unless one is a name.
    const words = label.split(' ');
    let named = false;
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if ((votes.get(w) || corpus.get(w) || 0) > 0) {
        words[i] = w[0]!.toUpperCase() + w.slice(1);
        named = true;
      }
    }
    return named ? words.join(' ') : label;
  }
  return label.replace(/\p{L}+/gu, (w) => {
    if (!/^\p{Ll}+$/u.test(w)) return w;
    const vote = votes.get(w) || corpus.get(w) || 0;
    return vote > 0 ? w[0]!.toUpperCase() + w.slice(1) : w;
  });
}

/** The readable label of a key: its most frequent surface form, lower-cased unless proper. */
function chooseLabel(forms: Map<string, number>): string {
  if (forms.size === 1) {
    // One form, written in lower case: itself.
    const form = forms.keys().next().value!;
    if (form === form.toLowerCase()) return form;
  }
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

/** Corpus statistics of counted keys, in columns indexed by key id. */
class KeyCounts {
  /** Paper last counting the key; -1: the key has no statistics. */
  lastPaper = new Int32Array(0);
  df = new Int32Array(0);
  freq = new Int32Array(0);
  independent = new Int32Array(0);
  /** Occurrences as the head-preserving tail of a longer chunk ("ship control" in "safe ship control"). */
  suffix = new Int32Array(0);
  /**
   * Distinct longer keys this key is nested in, and their total frequency. Most keys have one:
   * it is held in `parent`, and the set is made only when a second one comes.
   */
  parent = new Int32Array(0);
  /** Index + 1 in `parentSets` of the key's set of parents, once it has two (0: none). */
  parentSet = new Int32Array(0);
  readonly parentSets: Array<Set<number>> = [];
  nestedFreq = new Int32Array(0);
  /**
   * How often each one-word-longer key holds this one (C-value's nesting, word by word): the
   * first such key and its count, and a map of all of them once there is a second.
   */
  ext = new Int32Array(0);
  extCount = new Int32Array(0);
  /** Index + 1 in `extMaps` of the key's counts per longer key, once it has two (0: none). */
  extMap = new Int32Array(0);
  readonly extMaps: Array<Map<number, number>> = [];
  /** Occurrences written as a name (see `Occurrence.named`). */
  named = new Int32Array(0);
  words = new Int32Array(0);
  readonly acronym = new Map<number, string>();
  /** Counted keys in the order they were first counted. */
  order: number[] = [];

  ensure(capacity: number): void {
    if (this.lastPaper.length >= capacity) return;
    const n = Math.max(capacity, this.lastPaper.length * 2);
    this.lastPaper = growInt32(this.lastPaper, n, -1);
    this.df = growInt32(this.df, n);
    this.freq = growInt32(this.freq, n);
    this.independent = growInt32(this.independent, n);
    this.suffix = growInt32(this.suffix, n);
    this.parent = growInt32(this.parent, n, -1);
    this.nestedFreq = growInt32(this.nestedFreq, n);
    this.ext = growInt32(this.ext, n, -1);
    this.extCount = growInt32(this.extCount, n);
    this.named = growInt32(this.named, n);
    this.words = growInt32(this.words, n);
    this.parentSet = growInt32(this.parentSet, n);
    this.extMap = growInt32(this.extMap, n);
  }
}

/**
 * C-value's nested-term rule, word by word: a key that is (almost) always part of one longer
 * key ("tangent kernel", "neural tangent" inside "neural tangent kernel") is not a concept of its
 * own. A single word must also stand alone often enough: "network" written mostly inside
 * "neural network", "Hopfield network", … is a head, not a concept.
 */
function standsAlone(s: KeyCounts, id: number): boolean {
  if (s.ext[id]! < 0) return true;
  const freq = s.freq[id]!;
  let top = s.extCount[id]!;
  let nested = top;
  const exts = s.extMap[id]! > 0 ? s.extMaps[s.extMap[id]! - 1]! : undefined;
  if (exts) {
    top = 0;
    nested = 0;
    for (const c of exts.values()) {
      nested += c;
      if (c > top) top = c;
    }
  }
  const alone = freq - nested;
  if (top >= 0.7 * freq && alone <= 0.2 * freq) return false;
  // A name ("Hopfield", "Stokes") is a concept even when mostly a modifier.
  if (s.words[id] === 1 && alone < SINGLE_ALONE * freq && s.named[id]! < NAMED_SHARE * freq) return false;
  return true;
}

/** A candidate of one paper being ranked: its occurrences (indices) and what scoring reads. */
interface Candidate {
  id: number;
  key: string;
  g: EligibleKey;
  /** First and last occurrence (indices; the others are chained between them). */
  first: number;
  last: number;
  tf: number;
  maximal: number;
  firstPos: number;
  inTitle: boolean;
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
  /** Phase 2: papers of each key id, and the last paper counting it. */
  private sketchDf?: { df: Int32Array<ArrayBuffer>; last: Int32Array<ArrayBuffer>; papers: number };
  private papers = 0;
  private counted = 0;
  private resolved = 0;
  private readonly occ = new Occurrences();
  /** Each paper's occurrences from phase 3, when phase 4 reads them from there. */
  private store?: OccurrenceStore;
  private readonly scratch = { mods: [] as number[][], heads: [] as number[][], spans: new Int32Array(16) };
  /** Per key id: index + 1 of its candidate in the paper being ranked (reset after each paper). */
  private candidateOf = new Int32Array(0);
  /** The next occurrence of the same candidate, by occurrence index (-1: none). */
  private nextOcc = new Int32Array(0);

  constructor(
    private readonly options: CorpusOptions,
    /** Concepts need this many papers (1 = all are kept, as the per-paper lists decide). */
    private readonly minDf: number,
    /** Count document frequencies first (phase 2); worth it on a corpus with many keys below `minDf`. */
    sketch = minDf > 1,
  ) {
    if (sketch) this.sketchDf = { df: new Int32Array(0), last: new Int32Array(0), papers: 0 };
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
    return this.sketchDf !== undefined;
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

  /** `this.occ` as objects (for callers outside this pass). */
  private occurrenceObjects(occ: Occurrences): Occurrence[] {
    const keys = this.keys;
    const out: Occurrence[] = new Array(occ.length);
    for (let i = 0; i < occ.length; i++) {
      const flags = occ.flags[i]!;
      const parent = occ.parent[i]!;
      const ext = occ.ext[i]!;
      out[i] = {
        key: keys.text(occ.key[i]!),
        field: occ.field[i] as 0 | 1,
        sentence: occ.sentence[i]!,
        start: occ.start[i]!,
        end: occ.end[i]!,
        maximal: (flags & MAXIMAL) !== 0,
        suffix: (flags & SUFFIX) !== 0,
        participle: (flags & PARTICIPLE) !== 0,
        adjective: (flags & ADJECTIVE) !== 0,
        words: occ.words[i]!,
        acronym: occ.acronym[i],
        parent: parent < 0 ? undefined : keys.text(parent),
        ext: ext < 0 ? undefined : keys.text(ext),
        named: (flags & NAMED) !== 0,
      };
    }
    return out;
  }

  /** Occurrence objects made elsewhere, into `this.occ` (ranking reads keys, places and flags). */
  private fromObjects(list: readonly Occurrence[]): Occurrences {
    const occ = this.occ;
    occ.length = 0;
    for (const o of list) {
      const flags = (o.maximal ? MAXIMAL : 0) | (o.suffix ? SUFFIX : 0) | (o.participle ? PARTICIPLE : 0) | (o.adjective ? ADJECTIVE : 0) | (o.named ? NAMED : 0);
      occ.push(this.keys.of(o.key), o.field, o.sentence, o.start, o.end, o.words, flags, -1, -1, o.acronym);
    }
    return occ;
  }

  /** A paper's occurrences, resolved and mapped through the thesaurus. */
  occurrences(a: PaperAnalysis, wanted?: (key: string) => boolean): Occurrence[] {
    return this.occurrenceObjects(this.findOccurrences(a, wanted && ((id) => wanted(this.keys.text(id)))));
  }

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
      const grown = new Uint8Array(this.keys.capacity);
      grown.set(this.countsById);
      this.countsById = grown;
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
    return this.occurrenceObjects(this.countPaper(a, paper, all));
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
    s.ensure(this.keys.capacity);
    const shared = this.share !== undefined;
    const { lastPaper, df, freq, independent, suffix, parent: firstParent, parentSet, parentSets, nestedFreq, ext: firstExt, extCount, extMap, extMaps, named } = s;
    // Chunk-level parent relation for C-value: each maximal key is the parent of its n-grams.
    for (let i = 0; i < occ.length; i++) {
      const key = occ.key[i]!;
      const last = lastPaper[key]!;
      if (last === -1) {
        if (shared ? !this.countsId(key) : !this.mayReachMinDf(key)) continue;
        s.words[key] = occ.words[i]!;
        s.order.push(key);
      }
      if (last !== p) {
        df[key]!++;
        lastPaper[key] = p;
      }
      freq[key]!++;
      const flags = occ.flags[i]!;
      if (flags & MAXIMAL) independent[key]!++;
      else if (flags & SUFFIX) suffix[key]!++;
      const acronym = occ.acronym[i];
      if (acronym) s.acronym.set(key, acronym);
      const parent = occ.parent[i]!;
      if (parent >= 0 && parent !== key) {
        const first = firstParent[key]!;
        if (first < 0) firstParent[key] = parent;
        else {
          const set = parentSet[key]!;
          if (set > 0) parentSets[set - 1]!.add(parent);
          else if (parent !== first) parentSet[key] = parentSets.push(new Set([first, parent]));
        }
        nestedFreq[key]!++;
      }
      if (flags & NAMED) named[key]!++;
      const ext = occ.ext[i]!;
      if (ext >= 0 && ext !== key) {
        const first = firstExt[key]!;
        if (first < 0) {
          firstExt[key] = ext;
          extCount[key] = 1;
        } else {
          const m = extMap[key]!;
          if (m > 0) {
            const map = extMaps[m - 1]!;
            map.set(ext, (map.get(ext) ?? 0) + 1);
          } else if (ext === first) extCount[key]!++;
          else extMap[key] = extMaps.push(new Map([[first, extCount[key]!], [ext, 1]]));
        }
      }
    }
    if (shared && paper) this.collectForms(a, [paper.title ?? '', paper.abstract ?? ''], occ, (id) => lastPaper[id]! !== -1);
    return occ;
  }

  /** After every paper is counted: the eligible keys, their termhood and idf. Returns them. */
  settle(): ReadonlyMap<string, EligibleKey> {
    this.sketchDf = undefined;
    const acronymOf = this.acronymKeys();
    const N = Math.max(1, this.papers);
    const s = this.stats;
    // Ids of the acronyms' long-form keys (their texts are not built for every counted key).
    const longForm = new Set<number>();
    for (const key of acronymOf.keys()) longForm.add(this.keys.of(key));
    const eligibleById = new Int32Array(this.keys.capacity);
    const eligibleList: EligibleKey[] = [];
    let settled = 0;
    for (const id of s.order) {
      const df = s.df[id]!;
      if (df < this.minDf) continue;
      const acronym = s.acronym.get(id);
      const isAcronym = longForm.has(id) || acronym !== undefined;
      const set = s.parentSet[id]! > 0 ? s.parentSets[s.parentSet[id]! - 1] : undefined;
      const parents = set ? set.size : s.parent[id]! >= 0 ? 1 : 0;
      const words = s.words[id]!;
      if (!isAcronym && s.independent[id] === 0 && parents < 2 && !(s.suffix[id]! > 0 && words >= 2)) continue;
      if (!isAcronym && !standsAlone(s, id)) continue;
      // The text tests last: most keys are dropped by the counts above, for less.
      const key = this.keys.text(id);
      if (!/\p{L}/u.test(key)) continue;
      if (isBoilerplate(key)) continue;
      // C-value: frequency minus the average frequency of the longer terms holding it.
      const nestedAvg = parents ? s.nestedFreq[id]! / parents : 0;
      const cvalue = Math.log2(1 + words) * Math.max(0.5, s.freq[id]! - nestedAvg + (parents > 1 ? Math.log2(parents) : 0));
      const e: EligibleKey = { termhood: cvalue, idf: Math.log((N + 1) / df), df, isAcronym };
      if (acronym !== undefined) e.acronym = acronym;
      this.eligible.set(key, e);
      eligibleList.push(e);
      eligibleById[id] = eligibleList.length;
      settled++;
    }
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
    const { options, keys } = this;
    const occ = counted ? this.fromObjects(counted) : this.store ? this.store.load(p, this.occ) : this.findOccurrences(a);
    const texts = [paper.title ?? '', paper.abstract ?? ''];
    const totalLen = a.lengths[0] + a.lengths[1] + 1;
    if (this.candidateOf.length < keys.capacity) this.candidateOf = growInt32(this.candidateOf, keys.capacity);
    if (this.nextOcc.length < occ.length) this.nextOcc = new Int32Array(occ.key.length);
    const { candidateOf, nextOcc } = this;
    const candidates: Candidate[] = [];
    // The surface form of each occurrence of an eligible key (evidence and labels read them).
    const surfaces: Array<string | undefined> = [];
    // Each candidate's occurrences in order, chained through `nextOcc` (-1 ends).
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
        e = { id, key: '', g, first: i, last: i, tf: 0, maximal: 0, firstPos: 1, inTitle: false, score: 0 };
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
    const w = options.weights;
    let wordCount: Map<number, number> | undefined;
    let titleWords: Set<number> | undefined;
    for (const e of candidates) {
      const g = e.g;
      const tf = e.tf;
      const first = e.first;
      const words = occ.words[first]!;
      const participle = (occ.flags[first]! & PARTICIPLE) !== 0;
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
        (participle ? w.participle : 1);
      if (!Number.isFinite(score)) score = 0;
      e.key = keys.text(e.id);
      if (options.ranker || options.onCandidate) {
        if (!wordCount) {
          // Word frequencies over the paper's whole chunks, and the title's words.
          const counts = (wordCount = new Map());
          const inTitle = (titleWords = new Set());
          for (let i = 0; i < occ.length; i++) {
            if (!(occ.flags[i]! & MAXIMAL)) continue;
            const title = occ.field[i] === 0;
            keys.forEachWord(occ.key[i]!, (word) => {
              counts.set(word, (counts.get(word) ?? 0) + 1);
              if (title) inTitle.add(word);
            });
          }
        }
        let logSum = 0;
        let inTitle = 0;
        let n = 0;
        keys.forEachWord(e.id, (word) => {
          logSum += Math.log(wordCount!.get(word) ?? 1);
          if (titleWords!.has(word)) inTitle++;
          n++;
        });
        const facts: CandidateFacts = {
          tf,
          maximal: e.maximal,
          firstPos: e.firstPos,
          inTitle: e.inTitle,
          termhood: g.termhood,
          idf: g.idf,
          df: g.df,
          words,
          participle,
          adjective: (occ.flags[first]! & ADJECTIVE) !== 0,
          acronym: g.isAcronym,
          wordTf: logSum / n,
          titleOverlap: inTitle / n,
          handScore: score,
        };
        if (options.onCandidate) options.onCandidate(p, e.key, facts);
        if (options.ranker) score = rankScore(options.ranker, facts);
      }
      e.score = Math.round(score * 1e6) / 1e6;
    }
    candidates.sort((x, y) => y.score - x.score || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    // The paper's own list (top K above the score floor), plus concepts shared with other papers.
    const floor = (candidates[0]?.score ?? 0) * options.minRelativeScore;
    const kept = candidates.filter(
      (c, i) =>
        ((options.top === 0 || i < options.top) && c.score >= floor) ||
        (options.keepShared && c.g.df >= 2),
    );
    const sentences: [Array<string | undefined>, Array<string | undefined>] = [[], []];
    const dfs = this.sink.dfs;
    const byTextOrder = (x: number, y: number): number =>
      occ.field[x]! - occ.field[y]! || occ.start[x]! - occ.start[y]! || occ.end[x]! - occ.end[y]!;
    const concepts: ConceptMention[] = kept.map(({ key, first, score }) => {
      dfs.set(key, (dfs.get(key) ?? 0) + 1);
      const forms: string[] = [];
      const evidence: Evidence[] = [];
      let lastField = -1;
      let lastStart = -1;
      let lastEnd = -1;
      // Evidence in text order; one entry per mention span. The occurrences mostly come in text
      // order already (chunks are walked in order).
      let sorted: number[] | undefined;
      for (let i = first, next = nextOcc[i]!; next >= 0; i = next, next = nextOcc[i]!) {
        if (byTextOrder(i, next) > 0) {
          sorted = [];
          for (let k = first; k >= 0; k = nextOcc[k]!) sorted.push(k);
          sorted.sort(byTextOrder);
          break;
        }
      }
      for (let k = 0, i = sorted ? sorted[0]! : first; i >= 0; i = sorted ? (++k < sorted.length ? sorted[k]! : -1) : nextOcc[i]!) {
        const field = occ.field[i] as 0 | 1;
        const start = occ.start[i]!;
        const end = occ.end[i]!;
        if (field === lastField && start === lastStart && end === lastEnd) continue;
        const surface = surfaces[i]!;
        if (!forms.includes(surface)) forms.push(surface);
        lastField = field;
        lastStart = start;
        lastEnd = end;
        const index = occ.sentence[i]!;
        const [ss, se] = a.sentences[field][index] ?? [start, end];
        let sentence = sentences[field][index];
        if (sentence === undefined) sentences[field][index] = sentence = texts[field]!.slice(ss, se);
        evidence.push({
          field: field === 0 ? 'title' : 'abstract',
          sentence,
          sentenceStart: ss,
          start,
          end,
        });
      }
      return { key, label: key, forms, count: evidence.length, score, evidence };
    });
    if (this.formsInRanking) this.collectForms(a, texts, occ, (id) => this.eligibleOf(id) !== null, surfaces);
    return { paperId: a.id, concepts, acronyms: paperAcronyms(a) };
  }

  /**
   * Surface forms of the eligible keys (for labels and aliases), and acronyms as written
   * ("NTKs"). Only the keys some paper keeps are used in the end.
   */
  private collectForms(
    a: PaperAnalysis,
    texts: string[],
    occ: Occurrences,
    has: (id: number) => boolean,
    surfaces?: ReadonlyArray<string | undefined>,
  ): void {
    const { forms, initial, acronymSurfaces } = this.sink;
    const firstWord = new Map<number, number>();
    for (let i = 0; i < occ.length; i++) {
      const id = occ.key[i]!;
      if (!has(id)) continue;
      const key = this.keys.text(id);
      const field = occ.field[i]!;
      const start = occ.start[i]!;
      const surface = surfaces ? surfaces[i]! : texts[field]!.slice(start, occ.end[i]!);
      if (occ.flags[i]! & ACRONYM) {
        let set = acronymSurfaces.get(key);
        if (!set) acronymSurfaces.set(key, (set = new Set()));
        set.add(surface);
        continue;
      }
      let counts = forms.get(key);
      if (!counts) forms.set(key, (counts = new Map()));
      counts.set(surface, (counts.get(surface) ?? 0) + 1);
      if (CAPITAL_START.test(surface) && (field === 0 || opensSentence(a, texts[1]!, occ.sentence[i]!, start, firstWord))) {
        let caps = initial.get(key);
        if (!caps) initial.set(key, (caps = new Map()));
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
      // The forms, the acronym and its surfaces: sorted, each once.
      const all: string[] = f ? [...f.keys()] : [];
      if (acronym) all.push(acronym);
      const surfaces = acronymSurfaces.get(key);
      if (surfaces) for (const form of surfaces) all.push(form);
      if (all.length > 1) all.sort();
      const aliases: string[] = [];
      for (const form of all) if (form !== aliases[aliases.length - 1]) aliases.push(form);
      const concept: ConceptInfo = { key, label, aliases, df: dfs.get(key)!, termhood: Math.round(e.termhood * 1000) / 1000 };
      if (acronym) concept.acronym = acronym;
      concepts.push(concept);
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
  // Each paper's occurrences are kept from counting for ranking, in columns (no object per
  // occurrence for the garbage collector to trace).
  for (const a of analyses) pass.countOnly(a, true);
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
      for await (const { analysis } of read()) pass.countOnly(analysis);
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
