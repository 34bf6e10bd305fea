/**
 * Parsing a text
 * ==============
 *
 * What `nlp.tokenize(text)` then `compute(['lexicon', 'preTagger'])` give (see `parse`), with
 * the work that depends on a word alone memoized per word: tokenizing, the lexicon lookup,
 * contractions. compromise's own functions do the work, reached through the adapter
 * (`compromise-steps.ts`); this file imports nothing of compromise itself.
 */
import { createMemo, remember } from '../memo.js';
import { DocView, preTag, WORLD, type CompromiseDoc, type CompromiseWorld, type TermsView } from './compromise-steps.js';
import { BASE_FIELDS, type LexiconHit, type PlainTerms, type RawTerm, type TermRecord, type WordTemplate } from './terms.js';

const WORDS = createMemo<string, WordTemplate>();

function wordTemplate(word: string): WordTemplate {
  let w = WORDS.get(word);
  if (w === undefined) {
    const term = WORLD.methods.one.tokenize.splitWhitespace(word, WORLD.model);
    const view: TermsView = { docs: [[term]], world: WORLD };
    WORLD.compute.normal(view);
    WORLD.compute.alias(view);
    WORLD.compute.machine(view);
    w = { text: term.text, pre: term.pre, post: term.post, normal: term.normal ?? '' };
    if (term.alias !== undefined) w.alias = term.alias;
    if (term.machine !== undefined) w.machine = term.machine;
    remember(WORDS, word, w);
  }
  return w;
}

/**
 * What compromise's `fromString` then the `alias` and `machine` steps give: sentences split
 * and words split by compromise (both depend on context), each word's fields from its template.
 */
function tokenize(text: string): Parsed {
  const { splitSentences, splitTerms } = WORLD.methods.one.tokenize;
  const document: RawTerm[][] = [];
  const words: Array<WordTemplate[] | null> = [];
  for (const sentence of splitSentences(text, WORLD)) {
    const terms: RawTerm[] = [];
    const templates: WordTemplate[] = [];
    for (const word of splitTerms(sentence, WORLD.model)) {
      const w = wordTemplate(word);
      // Built as compromise builds its terms (same fields in the same order), so that its
      // code sees one object shape, as it does for the terms it makes itself.
      const term: RawTerm = { text: w.text, pre: w.pre, post: w.post, tags: new Set() };
      term.normal = w.normal;
      if (w.alias !== undefined) term.alias = [...w.alias];
      if (w.machine !== undefined) term.machine = w.machine;
      terms.push(term);
      templates.push(w);
    }
    document.push(terms);
    words.push(templates);
  }
  return { document, words };
}

/**
 * A parsed text: compromise's sentences of terms and, for each sentence whose terms are still
 * one per word as tokenized (contractions split none of them), the word templates of its terms.
 */
export interface Parsed {
  document: RawTerm[][];
  words: Array<readonly WordTemplate[] | null>;
}


const LEXICON = createMemo<string, LexiconHit | null>();

/** What compromise's `lexicon` step set on a lone `term` that had no tags. */
function lexiconChange(term: RawTerm): LexiconHit | null {
  const fields = Object.entries(term).filter(([k]) => !BASE_FIELDS.has(k));
  return term.tags.size || fields.length ? { tags: [...term.tags], fields } : null;
}

function applyHit(term: RawTerm, hit: LexiconHit | null): void {
  if (hit === null) return;
  for (const tag of hit.tags) term.tags.add(tag);
  for (const [k, v] of hit.fields) (term as unknown as Record<string, unknown>)[k] = v;
}

function lexiconHit(word: string): LexiconHit | null {
  let hit = LEXICON.get(word);
  if (hit === undefined) {
    // A lone term: compromise's own step, with no neighbour to start a multi-word entry.
    const term: RawTerm = { text: word, pre: '', post: '', tags: new Set(), normal: word };
    WORLD.compute.lexicon({ docs: [[term]], world: WORLD });
    hit = lexiconChange(term);
    remember(LEXICON, word, hit);
  }
  return hit;
}

/** The lexicon's hit for a term that is `w`'s template, looked up once and kept on it. */
function templateHit(w: WordTemplate): LexiconHit | null {
  if (w.lexicon === undefined) w.lexicon = lexiconHit(w.machine || w.normal);
  return w.lexicon;
}

/**
 * compromise's `lexicon` step. Each stretch of a sentence where a multi-word entry of the
 * lexicon starts (from that word to the farthest word the entries starting in the stretch reach)
 * goes through compromise's step on its own, as does a term with aliases; any other untagged
 * term gets its single-word lookup from `lexiconHit`. The step tags a term from the term and the
 * words after it within an entry's reach only, so the result is the same.
 *
 * Returns, per sentence, the template of each term that is now exactly its template plus its
 * word's lookup (`PlainTerms`, for `preTag`).
 */
function lexicon({ document, words }: Parsed, contracted: ReadonlyMap<RawTerm, WordTemplate> | null): PlainTerms {
  const multi = WORLD.model.one._multiCache ?? {};
  const rest: RawTerm[][] = [];
  /** Sentence, first and last term of each stretch: its terms may still be plain afterwards. */
  const stretches: number[] = [];
  const plain: PlainTerms = [];
  for (let s = 0; s < document.length; s++) {
    const terms = document[s]!;
    const templates = words[s];
    const n = terms.length;
    const row = new Array<WordTemplate | undefined>(n);
    plain.push(row);
    for (let i = 0; i < n; i++) {
      const t = terms[i]!;
      const word = t.machine || t.normal || '';
      // Only numbers: compromise's lookup of "constructor" finds a function and tags nothing.
      const span = multi[word];
      if (typeof span === 'number' && i + 1 < n) {
        let end = Math.min(i + span - 1, n - 1);
        for (let j = i + 1; j <= end; j++) {
          const next = multi[terms[j]!.machine || terms[j]!.normal || ''];
          if (typeof next === 'number' && j + 1 < n) end = Math.max(end, Math.min(j + next - 1, n - 1));
        }
        // Most stretches hold no entry at all ("of the"): their first term is then looked up
        // alone, as compromise's step would, and the next term is tried in turn.
        if (multiWordAt(terms, i, span)) {
          rest.push(terms.slice(i, end + 1));
          stretches.push(s, i, end);
          i = end;
          continue;
        }
      }
      if (t.tags.size !== 0) continue;
      if (t.alias !== undefined) {
        rest.push([t]);
        continue;
      }
      // The term is still its word's template (in a sentence contractions changed, if they left
      // it as it was): the lookup is kept there.
      const w = templates ? templates[i]! : contracted?.get(t);
      if (w !== undefined && (templates !== null || isPlain(t, w, null))) {
        applyHit(t, templateHit(w));
        row[i] = w;
      } else {
        applyHit(t, lexiconHit(word));
      }
    }
  }
  if (rest.length) WORLD.compute.lexicon({ docs: rest, world: WORLD });
  // A stretch's term that no multi-word entry took has its single-word lookup, as a plain term.
  for (let k = 0; k < stretches.length; k += 3) {
    const s = stretches[k]!;
    const terms = document[s]!;
    for (let i = stretches[k + 1]!; i <= stretches[k + 2]!; i++) {
      const t = terms[i]!;
      const w = words[s]?.[i] ?? contracted?.get(t);
      if (w === undefined || w.alias !== undefined) continue;
      if (isPlain(t, w, templateHit(w))) plain[s]![i] = w;
    }
  }
  // The preTagger's first step may tag a sentence's first term before a colon.
  for (let s = 0; s < document.length; s++) if (document[s]![0]?.post.includes(':')) plain[s]![0] = undefined;
  return plain;
}

/**
 * Whether a multi-word entry of compromise's lexicon starts at `terms[i]`, whose form starts
 * entries of up to `span` words: the lookups compromise's step makes there, longest first.
 */
function multiWordAt(terms: readonly RawTerm[], i: number, span: number): boolean {
  const lexicon = WORLD.model.one.lexicon ?? {};
  const last = Math.min(i + span - 1, terms.length - 1);
  let str = terms[i]!.machine || terms[i]!.normal || '';
  const forms: string[] = [];
  for (let j = i + 1; j <= last; j++) forms.push((str += ' ' + (terms[j]!.machine || terms[j]!.normal || '')));
  for (let k = forms.length - 1; k >= 0; k--) if (Object.hasOwn(lexicon, forms[k]!)) return true;
  return false;
}

/**
 * Whether `term` is exactly what tokenizing gives for its word (`w`) plus the lexicon's `hit`
 * for it: the same text and forms, the hit's tags in order, no other field.
 */
function isPlain(term: RawTerm, w: WordTemplate, hit: LexiconHit | null): boolean {
  if (term.text !== w.text || term.pre !== w.pre || term.post !== w.post || term.normal !== w.normal || term.machine !== w.machine) return false;
  if (term.alias !== undefined || w.alias !== undefined) return false;
  const tags = hit?.tags ?? [];
  if (term.tags.size !== tags.length) return false;
  let k = 0;
  for (const tag of term.tags) if (tag !== tags[k++]) return false;
  const fields = hit?.fields ?? [];
  let found = 0;
  const record = term as unknown as TermRecord;
  for (const key in record) {
    if (BASE_FIELDS.has(key)) continue;
    const field = fields.find(([f]) => f === key);
    if (field === undefined || field[1] !== record[key]) return false;
    found++;
  }
  return found === fields.length;
}

/**
 * What `nlp.tokenize(text)` then `compute(['lexicon', 'preTagger'])` give, cheaper:
 * `nlp.tokenize` runs the `normal` step again over terms its parser has just normalized (the
 * same function of the same text); per-word work is memoized (see `wordTemplate`,
 * `lexiconHit`, `preTag`); `contractions` runs only over the sentences it could change, and
 * tags each distinct split once (`contract`); multi-word lookups run only where an entry starts.
 */
export function parse(text: string): Parsed {
  if (!text) return { document: [], words: [] }; // as nlp.tokenize('') gives
  const parsed = tokenize(text);
  const { document, words } = parsed;
  const contracting: RawTerm[][] = [];
  // Each term of those sentences with its word's template, for the terms contractions leave alone.
  let contracted: Map<RawTerm, WordTemplate> | null = null;
  document.forEach((terms, s) => {
    if (!mayContract(terms)) return;
    contracting.push(terms);
    contracted ??= new Map();
    const templates = words[s]!;
    for (let i = 0; i < terms.length; i++) contracted.set(terms[i]!, templates[i]!);
    words[s] = null;
  });
  if (contracting.length) contract(contracting);
  preTag(document, lexicon(parsed, contracted));
  return parsed;
}

/**
 * compromise's `contractions` step over `sentences`. For each split ("d’un" → "de un", "2-4" →
 * "2 to 4") the step tags the new words as a text of their own (its `fromText`: tokenizer,
 * lexicon and preTagger); that document is a function of the text alone, so it is made once
 * per text and each split gets a copy.
 */
function contract(sentences: RawTerm[][]): void {
  const view = new DocView(sentences);
  const fromText = view.fromText;
  view.fromText = (input: string): CompromiseDoc => {
    const known = SPLITS.get(input);
    if (known !== undefined) return new DocView(known.map((terms) => terms.map(copyTerm)));
    const doc = fromText.call(view, input);
    remember(SPLITS, input, doc.document.map((terms) => terms.map(copyTerm)));
    return doc;
  };
  view.compute('contractions');
}
const SPLITS = createMemo<string, RawTerm[][]>();

/** A copy of a term that shares nothing mutable with it. */
function copyTerm(term: RawTerm): RawTerm {
  const copy = { ...term, tags: new Set(term.tags) } as unknown as TermRecord;
  for (const key in copy) if (Array.isArray(copy[key])) copy[key] = (copy[key] as unknown[]).slice();
  return copy as unknown as RawTerm;
}

/** A term as compromise tags it (`parseTerms`). */
export interface TaggedTerm {
  text: string;
  pre: string;
  post: string;
  tags: string[];
  /** compromise's noun/verb ambiguity mark, when set. */
  switch?: string;
}

/**
 * compromise's sentences of tagged terms for `text` (tags sorted), as `tagText` reads them:
 * the same as `nlp.tokenize(text)` then `compute(['lexicon', 'preTagger'])` gives.
 */
export function parseTerms(text: string): TaggedTerm[][] {
  return parse(text).document.map((terms) =>
    terms.map((t) => ({ text: t.text, pre: t.pre, post: t.post, tags: [...t.tags].sort(), ...(t.switch ? { switch: t.switch } : {}) })),
  );
}

/** What compromise's `contractions` step looks for, from its own list (see `mayContract`). */
interface ContractionCues {
  list: NonNullable<CompromiseWorld['model']['one']['contractions']>;
  size: number;
  words: Set<string>;
  before: Set<string>;
  after: Set<string>;
}
let cues: ContractionCues | undefined;

function contractionCues(): ContractionCues {
  const list = WORLD.model.one.contractions ?? [];
  if (cues?.list === list && cues.size === list.length) return cues;
  // Besides its list, the step splits "-'t" and "-'d" endings, "j'-", "l'-", "d'-" and "there's".
  const c: ContractionCues = { list, size: list.length, words: new Set(), before: new Set(['j', 'l', 'd', 'there']), after: new Set(['t', 'd']) };
  for (const o of list) {
    if (o.word !== undefined) c.words.add(o.word);
    if (o.before !== undefined) c.before.add(o.before);
    if (o.after !== undefined) c.after.add(o.after);
  }
  return (cues = c);
}

/**
 * Whether compromise's `contractions` step could change a sentence: it splits a term only when
 * its normal form is in its list, has an apostrophe with a known part before or after it
 * ("don't", "we'll", "l'amour"), or starts with a digit (number ranges "2-4", units "5km"),
 * and it reads no other sentence. Most sentences have none of these (a possessive "model's"
 * is left alone), and the step, which tests every term against its whole list, skips them:
 * the result is the same.
 */
const LEADING_DIGIT = /^\d/;
const SIGNED_DIGIT = /^[+-]?\d/;

function mayContract(terms: readonly RawTerm[]): boolean {
  const { words, before, after } = contractionCues();
  for (const t of terms) {
    const normal = t.normal ?? '';
    if (words.has(normal)) return true;
    if (LEADING_DIGIT.test(normal) || SIGNED_DIGIT.test(t.text)) return true;
    if (normal.includes("'")) {
      const parts = normal.split("'");
      if (before.has(parts[0]!) || after.has(parts[1]!)) return true;
    }
  }
  return false;
}

