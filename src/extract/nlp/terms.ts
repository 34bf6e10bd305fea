/**
 * Terms
 * =====
 *
 * The shapes of compromise's terms as our tagging code reads and writes them, and what we keep
 * per word between texts (`WordTemplate`): plain types, no compromise import.
 */
import type { Pos } from './tokens.js';

/** A term of a compromise document (the fields we read or copy). */
export interface RawTerm {
  text: string;
  /** compromise's alternative forms ("&" → "and", "a/b" → "a", "b"). */
  alias?: string[];
  /** compromise's machine form ("model's" → "model"), when not the normal form. */
  machine?: string;
  /** compromise's normalized form (lower case, ASCII). */
  normal?: string;
  /** Set by compromise for words it knows as noun or verb ("Noun|Verb", "Plural|Verb"). */
  switch?: string;
  /** Set by compromise's lexicon for words no step may retag. */
  frozen?: boolean;
  pre: string;
  post: string;
  tags: Set<string>;
}

/**
 * A word as compromise's tokenizer and its per-word steps leave it: the split of the word
 * into punctuation and text (`splitWhitespace`), then the `normal`, `alias` and `machine`
 * steps. Each is a function of the word's own characters only, and abstracts repeat their
 * words heavily, so each distinct word is computed once (by compromise's own functions) and
 * copied for every occurrence.
 */
export interface WordTemplate {
  text: string;
  pre: string;
  post: string;
  normal: string;
  alias?: readonly string[];
  machine?: string;
  /** Its `lexiconHit`, once looked up. */
  lexicon?: LexiconHit | null;
  /** Its `wordInfo`, once looked up. */
  info?: WordInfo;
  /**
   * What compromise's preTagger's second pass, then the first loop of its third, did to a plain
   * term of the word (see `preTag`); null when that reads the term's neighbours (the year step
   * for words with digits, the neighbour step for words still untagged).
   */
  second?: TermChange | null;
  first?: TermChange | null;
  /** When `first` is null: what the noun fallback did to the untagged term. */
  fallback?: TermChange;
}

/**
 * What compromise's `lexicon` step does to an untagged term that no multi-word entry can
 * reach: a lookup of its machine or normal form alone. The tags it sets (in order) and the
 * other fields it sets, by that form; null when the lexicon has nothing for it.
 */
export interface LexiconHit {
  tags: readonly string[];
  fields: ReadonlyArray<[string, unknown]>;
}

/** The fields a term has from tokenizing alone (any other was set by a step). */
export const BASE_FIELDS = new Set(['text', 'pre', 'post', 'tags', 'normal', 'machine']);

/**
 * What a tagging step did to a term: tags added after its own (`add`), or its whole new list of
 * tags (`tags`) when a step removed or reordered some; and the other fields it set or changed.
 */
export interface TermChange {
  add: readonly string[];
  tags: readonly string[] | null;
  fields: ReadonlyArray<[string, unknown]>;
}
export type TermRecord = Record<string, unknown>;

/** Per sentence, the word template of each plain term (see `lexicon`). */
export type PlainTerms = Array<Array<WordTemplate | undefined>>;

/** What `tagText` reads from a word's own characters. */
export interface WordInfo {
  /** Our part of speech for the word, whatever compromise says (`FORCED`). */
  forced: Pos | undefined;
  /** All capitals, two or more ("IT", "US"). */
  capitals: boolean;
  /** A dimension ("2D", "3d"). */
  dimension: boolean;
}
