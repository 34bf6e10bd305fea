/**
 * Tagging a text
 * ==============
 *
 * `tagText`: a text's sentences of tokens with offsets and our coarse part of speech, from
 * compromise's tags (`parse.ts`) and our own corrections (the domain words, nouns compromise
 * reads as verbs, hyphenated compounds, links, Title Case).
 *
 * Speed: compromise's full pipeline ends with `postTagger`, hundreds of match-based corrections
 * that cost about 3/4 of its time. We run tokenization, the lexicon and `preTagger` only, and do
 * the few corrections noun-phrase chunking needs ourselves (see `candidates.ts`). We also never
 * call `.json()`: terms are read directly from the parsed document.
 */
import { createMemo, remember } from '../memo.js';
import { FORCED, isIntransitive } from './domain-words.js';
import { parse } from './parse.js';
import type { WordInfo } from './terms.js';
import type { Pos, Sentence, Token } from './tokens.js';

const PUNCT_BREAK = /[^\s\-‐‑–—]/;

/**
 * compromise tags that decide the coarse part of speech, by precedence (the first that a term
 * has wins: an "Acronym" that is also a "Noun" is an acronym), with the part each gives.
 */
const TAG_PRECEDENCE: ReadonlyArray<[Pos, string[]]> = [
  ['acronym', ['Acronym']],
  ['pron', ['Pronoun', 'Possessive']],
  ['det', ['Determiner']],
  ['prep', ['Preposition']],
  ['conj', ['Conjunction']],
  ['num', ['Value', 'NumericValue', 'Cardinal']],
  ['gerund', ['Gerund']],
  ['adj', ['Adjective']],
  ['adv', ['Adverb']],
  ['participle', ['PastTense', 'Participle']],
  ['verb', ['Copula', 'Modal', 'Auxiliary']],
  ['noun', ['Noun']], // 'proper' with "ProperNoun"
  ['verb', ['Verb']],
];
const TAG_RANK: ReadonlyMap<string, number> = new Map(TAG_PRECEDENCE.flatMap(([, tags], rank) => tags.map((t): [string, number] => [t, rank])));
const NOUN_RANK = TAG_RANK.get('Noun')!;

/** The coarse part of speech of a term's tags (one pass over its few tags). */
function coarsePos(tags: Set<string>): Pos {
  let best = TAG_PRECEDENCE.length;
  for (const tag of tags) {
    const rank = TAG_RANK.get(tag);
    if (rank !== undefined && rank < best) best = rank;
  }
  if (best === NOUN_RANK) return tags.has('ProperNoun') ? 'proper' : 'noun';
  return best < TAG_PRECEDENCE.length ? TAG_PRECEDENCE[best]![0] : 'other';
}

/** Punctuation other than a hyphen or space in a term's `pre` or `post`. */
function isBreak(s: string): boolean {
  return s !== ' ' && s !== '' && PUNCT_BREAK.test(s);
}


/**
 * Tokenizes and tags `text`. Pure: the same text always gives the same tokens.
 * Offsets index `text` itself.
 */
export function tagText(text: string): Sentence[] {
  if (!text.trim()) return [];
  // Title Case ("Modern Hopfield Networks") misleads the tagger into proper nouns and verbs;
  // tag a lower-cased copy of the same length (acronyms kept), read surfaces from `text`.
  const source = isTitleCase(text) ? lowerTitle(text) : text;
  const { document, words } = parse(source);
  const sentences: Sentence[] = [];
  const links = linkSpans(text);
  const hasLower = /\p{Ll}/u.test(text);
  let link = 0;
  let cursor = 0;
  for (let s = 0; s < document.length; s++) {
    const terms = document[s]!;
    // Word templates of the terms, when the surfaces are theirs (see `wordInfo`).
    const templates = source === text ? words[s] : null;
    const tokens: Token[] = [];
    // Per token: a present-tense verb form compromise chose over a noun reading ("model",
    // "samples"), which `nounsForVerbs` may take back from context.
    const forms: VerbForm[] = [];
    let pendingHyphen: Token | null = null;
    let afterLink = false;
    let sentStart = -1;
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i]!;
      if (!term.text) continue;
      const at = source.indexOf(term.text, cursor);
      if (at < 0) continue; // contraction expansions have no text of their own
      const start = at;
      const end = at + term.text.length;
      cursor = end;
      // The surface from `text` (the same string when `text` was tagged as is).
      if (source !== text) term.text = text.slice(start, end);
      if (sentStart < 0) sentStart = Math.max(0, start - term.pre.length);
      // A URL, e-mail address or DOI is never part of a phrase: drop its tokens, break around it.
      while (link < links.length && links[link]![1] <= start) link++;
      if (link < links.length && links[link]![0] < end) {
        if (tokens.length) tokens[tokens.length - 1]!.breakAfter = true;
        pendingHyphen = null;
        afterLink = true;
        continue;
      }
      const w = templates?.[i];
      const word = w === undefined ? wordInfo(term.text) : (w.info ??= wordInfo(term.text));
      let pos = word.forced ?? coarsePos(term.tags);
      // "IT projects", "US market": a pronoun written in capitals is an acronym.
      if (pos === 'pron' && word.capitals && hasLower) pos = 'acronym';
      // "2D images", "3D model": a dimension is a modifier, not a number.
      if (pos === 'num' && word.dimension) pos = 'adj';
      const post = term.post;
      const hyphenAfter = post.length === 1 && /^[-‐‑]$/.test(post);
      const token: Token = {
        text: term.text,
        start,
        end,
        pos,
        plural: term.tags.has('Plural'),
        breakBefore: afterLink || isBreak(term.pre),
        breakAfter: !hyphenAfter && isBreak(post),
      };
      if (pendingHyphen) {
        // Join "physics-informed", "state-space": the compound takes the last part's role,
        // except that "X-based", "X-informed" etc. are adjectives.
        pendingHyphen.text = text.slice(pendingHyphen.start, end);
        pendingHyphen.end = end;
        pendingHyphen.pos = hyphenPos(pendingHyphen.pos, pos);
        pendingHyphen.plural = token.plural;
        pendingHyphen.breakAfter = token.breakAfter;
        forms[forms.length - 1] = null;
        if (!hyphenAfter) pendingHyphen = null;
        continue;
      }
      afterLink = false;
      tokens.push(token);
      forms.push(pos === 'verb' && word.forced === undefined ? verbForm(term.text, term.tags, term.switch) : null);
      if (hyphenAfter) pendingHyphen = token;
    }
    if (!tokens.length) continue;
    nounsForVerbs(tokens, forms);
    const last = tokens[tokens.length - 1]!;
    let sentEnd = last.end;
    while (sentEnd < text.length && /[^\s]/.test(text[sentEnd]!) && sentEnd - last.end < 3) sentEnd++;
    sentences.push({ start: sentStart < 0 ? tokens[0]!.start : sentStart, end: sentEnd, tokens });
  }
  return sentences;
}

// Words repeat a lot: memoize (bounded). Most keys are the memoized words' own strings.
const WORD_INFO = createMemo<string, WordInfo>();

function wordInfo(text: string): WordInfo {
  let w = WORD_INFO.get(text);
  if (w === undefined) {
    w = remember(WORD_INFO, text, { forced: FORCED.get(text.toLowerCase()), capitals: /^\p{Lu}{2,}$/u.test(text), dimension: /^\d[dD]$/.test(text) });
  }
  return w;
}

/** 'base' ("model"), 's' ("samples", known as a plural noun too), 'sv' (an -s verb form only). */
type VerbForm = 'base' | 's' | 'sv' | null;

/** The present-tense form of a verb-tagged word that could be a noun, else null. */
function verbForm(text: string, tags: Set<string>, ambiguous: string | undefined): VerbForm {
  if (!tags.has('PresentTense') && !tags.has('Infinitive')) return null;
  if (tags.has('Copula') || tags.has('Modal') || tags.has('Auxiliary') || tags.has('PastTense') || tags.has('Gerund')) return null;
  if (!/^\p{L}+$/u.test(text)) return null;
  if (tags.has('Infinitive') || !/[^s]s$/i.test(text)) return 'base';
  return ambiguous && /Plural|Noun/.test(ambiguous) ? 's' : 'sv';
}

function isNounLike(t: Token): boolean {
  return t.pos === 'noun' || t.pos === 'proper' || t.pos === 'acronym' || t.pos === 'gerund';
}

const POSSESSIVE = /^(our|their|its|his|her|my|your)$/i;

/**
 * The preTagger alone reads many nouns as verbs ("the model time granularity", "Kronos model
 * checker", "business processes are"). A verb reading needs a subject that agrees and no
 * determiner or adjective right before it, so from the neighbours:
 * - after a determiner, possessive, adjective or number, the word is a noun; after a
 *   preposition other than "to", when a noun follows ("with model time granularity");
 * - a base form ("model") after a singular noun is a noun; after a plural one only when nothing
 *   follows that could be its object;
 * - an -s form ("processes") after a noun is a noun when what follows cannot be its object
 *   (punctuation, preposition, conjunction, auxiliary), unless it is a verb that often stands
 *   alone ("the method works on graphs").
 * At the start of a sentence, a base form before a noun is a noun ("Control performance ...").
 */
function nounsForVerbs(tokens: Token[], forms: readonly VerbForm[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const form = forms[i];
    if (!form) continue;
    const t = tokens[i]!;
    const prev = i > 0 && !t.breakBefore && !tokens[i - 1]!.breakAfter ? tokens[i - 1]! : undefined;
    const next = i + 1 < tokens.length && !t.breakAfter && !tokens[i + 1]!.breakBefore ? tokens[i + 1]! : undefined;
    const auxNext = !!next && next.pos === 'verb' && forms[i + 1] == null;
    const open = !next || next.pos === 'prep' || next.pos === 'conj' || next.pos === 'participle' || auxNext;
    // An object after it ("force all the neurons", "model the data"): a verb.
    const object = !!next && (next.pos === 'det' || next.pos === 'pron' || QUANTIFIER.test(next.text));
    const intransitive = isIntransitive(t.text);
    let noun = false;
    if (!prev) {
      noun = i === 0 && form === 'base' && !!next && (isNounLike(next) || next.pos === 'adj') && forms[i + 1] == null;
    } else if (prev.pos === 'det' && !/^(that|which|what|both|all|either|neither|each)$/i.test(prev.text)) {
      // "This allows ...": a demonstrative may be the subject; it determines only a compound.
      noun = !/^(this|these|those)$/i.test(prev.text) || (!!next && isNounLike(next) && form !== 'sv');
    } else if (prev.pos === 'pron' && POSSESSIVE.test(prev.text)) {
      noun = true;
    } else if (intransitive || object) {
      noun = false;
    } else if (prev.pos === 'adj' || prev.pos === 'num') {
      noun = true;
    } else if (prev.pos === 'prep') {
      // "with model time granularity", "in records management": no verb right after a preposition.
      noun = !/^to$/i.test(prev.text) && form !== 'sv' && !!next && isNounLike(next);
    } else if (isNounLike(prev)) {
      const plural = (prev.plural && /s$/i.test(prev.text) && prev.pos === 'noun') || (prev.pos === 'acronym' && /\p{Lu}s$/u.test(prev.text));
      if (form === 'base') noun = !plural || !next || auxNext;
      else noun = form === 's' && open;
    }
    if (noun) {
      t.pos = 'noun';
      t.plural = form !== 'base';
    }
  }
}

/** Words that open a noun phrase after a verb ("force all the neurons"). */
const QUANTIFIER = /^(all|both|each|every|some|many|most|several|any|no|much|few)$/i;

/** URLs, web addresses, e-mail addresses and DOIs (trailing sentence punctuation excluded). */
const LINK = /\b(?:(?:https?|ftp):\/\/|www\.|doi:\s?|10\.\d{4,9}\/)[^\s"'<>()[\]{}]*[^\s"'<>()[\]{}.,;:!?]|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+|\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|org|net|io|edu|gov|ai)(?:\/[^\s"'<>()[\]{}]*[^\s"'<>()[\]{}.,;:!?])?\b/giu;

/** Offsets [start, end) of the links in `text`, in order. */
function linkSpans(text: string): Array<[number, number]> {
  if (!/[/@]|\.(?:com|org|net|io|edu|gov|ai)\b/i.test(text)) return [];
  return [...text.matchAll(LINK)].map((m) => [m.index, m.index + m[0].length]);
}

/** Most words capitalized: a title written in Title Case. */
function isTitleCase(text: string): boolean {
  const words = text.match(/\p{L}[\p{L}'-]*/gu) ?? [];
  if (words.length < 3) return false;
  const caps = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return caps / words.length > 0.6;
}

/** Lower-cases capitalized words, keeping acronyms ("NTK", "InfoLOOB"); same length. */
function lowerTitle(text: string): string {
  return text.replace(/\p{L}[\p{L}\p{N}]*/gu, (w) => ((w.slice(1).match(/\p{Lu}/gu)?.length ?? 0) > 0 ? w : w.toLowerCase()));
}

function hyphenPos(first: Pos, last: Pos): Pos {
  if (last === 'participle' || last === 'adj') return 'adj';
  if (last === 'gerund') return first === 'noun' || first === 'adj' ? 'gerund' : 'adj';
  if (last === 'noun' || last === 'proper' || last === 'acronym') return 'noun';
  if (last === 'num') return 'adj';
  if (last === 'verb' || last === 'other') return first === 'noun' || first === 'adj' ? 'noun' : 'adj';
  return 'adj';
}
