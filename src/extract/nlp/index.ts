/**
 * NLP adapter
 * ===========
 *
 * Tokenizes and part-of-speech tags a text and hands back plain tokens with character offsets,
 * so the rest of `extract/` never sees a compromise object. Only `compromise-steps.ts` imports
 * compromise (its public package and its internal step files).
 */
export { tagText } from './tag-text.js';
export { parseTerms, type TaggedTerm } from './parse.js';
export { TAGGING_BY_STEPS } from './compromise-steps.js';
export type { Pos, Sentence, Token } from './tokens.js';
