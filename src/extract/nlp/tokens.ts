/**
 * Tokens
 * ======
 *
 * What the tagger hands the rest of `extract/`: sentences of plain tokens with character
 * offsets and a coarse part of speech (never a compromise object).
 */

/** Coarse part of speech of a token, as the chunker needs it. */
export type Pos =
  | 'noun'
  | 'proper'
  | 'acronym'
  | 'adj'
  | 'gerund'
  | 'participle'
  | 'verb'
  | 'det'
  | 'prep'
  | 'conj'
  | 'pron'
  | 'adv'
  | 'num'
  | 'other';

/** One token (hyphenated compounds such as "physics-informed" are one token). */
export interface Token {
  /** Text as written. */
  text: string;
  /** Offsets in the analysed text (end exclusive). */
  start: number;
  end: number;
  pos: Pos;
  /** Plural noun (by compromise's tag). */
  plural: boolean;
  /** Punctuation other than a hyphen or space sits right before / after the token. */
  breakBefore: boolean;
  breakAfter: boolean;
}

/** A sentence: its offsets in the text and its tokens. */
export interface Sentence {
  start: number;
  end: number;
  tokens: Token[];
}
