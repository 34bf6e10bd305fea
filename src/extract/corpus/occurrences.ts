/**
 * Occurrences
 * ===========
 *
 * Every mention of a candidate key in a paper: each n-gram of each chunk that ends in a head
 * word (`occurrencesOf`), held in reused typed-array columns (`Occurrences`) so that the hot
 * loops of the corpus pass allocate nothing per occurrence, and kept from counting to ranking
 * when the corpus is held in memory (`OccurrenceStore`).
 */
import { MAX_WORDS, type Chunk, type ChunkToken } from '../candidates.js';
import { isAcronymLike, normalizeWord, singularAcronym } from '../normalize.js';
import type { KeyTable } from './key-table.js';
import { growInt32, growUint8 } from './typed-arrays.js';

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

/** Flags of an occurrence (`Occurrences.flags`): the booleans of {@link Occurrence}. */
export const MAXIMAL = 1;
export const SUFFIX = 2;
export const PARTICIPLE = 4;
export const ADJECTIVE = 8;
export const NAMED = 16;
/** A resolved acronym written alone (`Occurrence.acronym` set). */
export const ACRONYM = 32;

/**
 * One paper's occurrences (see {@link Occurrence}) as columns, keys as ids of a {@link KeyTable};
 * reused from paper to paper, so the hot loops allocate nothing per occurrence.
 */
export class Occurrences {
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
    this.key = growInt32(this.key, n);
    this.field = growUint8(this.field, n);
    this.sentence = growInt32(this.sentence, n);
    this.start = growInt32(this.start, n);
    this.end = growInt32(this.end, n);
    this.words = growInt32(this.words, n);
    this.flags = growUint8(this.flags, n);
    this.parent = growInt32(this.parent, n);
    this.ext = growInt32(this.ext, n);
  }
}

/**
 * The occurrences of every paper, as ranking reads them (key, place, flags), kept from counting
 * to ranking when the corpus is held in memory: a few bytes per occurrence in columns, instead
 * of finding them again.
 */
export class OccurrenceStore {
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
    this.key = growInt32(this.key, n);
    this.field = growUint8(this.field, n);
    this.flags = growUint8(this.flags, n);
    this.words = growUint8(this.words, n);
    this.sentence = growInt32(this.sentence, n);
    this.start = growInt32(this.start, n);
    this.end = growInt32(this.end, n);
  }
}

/** Reused buffers of {@link occurrencesOf} (one set per pass). */
export interface ChunkScratch {
  mods: number[][];
  heads: number[][];
  spans: Int32Array;
}

/** A new {@link ChunkScratch}. */
export function createChunkScratch(): ChunkScratch {
  return { mods: [], heads: [], spans: new Int32Array(16) };
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
 * Every n-gram occurrence of a chunk (ending in a head word, at most MAX_WORDS words), into
 * `out`. Keys not `wanted` are not added (their keys are still found: longer keys extend them).
 */
export function occurrencesOf(
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

/** Token `i` is capitalized and its chunk neighbours are not (so not Title Case or a sentence start). */
function isNamed(toks: readonly ChunkToken[], i: number): boolean {
  const t = toks[i]!;
  if (!t.cap) return false;
  const prev = toks[i - 1];
  const next = toks[i + 1];
  if (!prev && !next) return false;
  return (!prev || !prev.cap) && (!next || !next.cap);
}

/** Occurrences `occ` as objects (for callers outside the corpus pass). */
export function occurrenceObjects(occ: Occurrences, keys: KeyTable): Occurrence[] {
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

/** Occurrence objects made elsewhere, into `occ` (ranking reads keys, places and flags). */
export function occurrencesFromObjects(list: readonly Occurrence[], keys: KeyTable, occ: Occurrences): Occurrences {
  occ.length = 0;
  for (const o of list) {
    const flags = (o.maximal ? MAXIMAL : 0) | (o.suffix ? SUFFIX : 0) | (o.participle ? PARTICIPLE : 0) | (o.adjective ? ADJECTIVE : 0) | (o.named ? NAMED : 0);
    occ.push(keys.of(o.key), o.field, o.sentence, o.start, o.end, o.words, flags, -1, -1, o.acronym);
  }
  return occ;
}
