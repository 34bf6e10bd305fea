/**
 * Labels
 * ======
 *
 * Each kept concept's label and aliases, chosen from the surface forms its papers write:
 * the forms are gathered as papers are ranked (`collectForms`), each form's capitalization is a
 * vote for the words that are names ("Hopfield network"), and the label is the most frequent
 * form, singular, with its names capitalized.
 */
import type { PaperAnalysis } from '../candidates.js';
import type { ConceptInfo, PaperConcepts } from '../../model.js';
import type { KeyTable } from './key-table.js';
import { ACRONYM, type Occurrences } from './occurrences.js';
import type { EligibleKey } from './types.js';

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
  /** Acronyms as written ("NTKs") of keys that are resolved acronyms, with their occurrences. */
  acronymSurfaces: Map<string, Map<string, number>>;
  /** Papers keeping each key. */
  dfs: Map<string, number>;
}

/** An empty {@link FormsSink}. */
export function createFormsSink(): FormsSink {
  return { forms: new Map(), initial: new Map(), acronymSurfaces: new Map(), dfs: new Map() };
}

/**
 * Surface forms of the keys `has` admits (for labels and aliases) into `sink`, and acronyms as
 * written ("NTKs"). `surfaces[i]`, when given, is occurrence `i`'s surface form.
 */
export function collectForms(
  sink: FormsSink,
  keys: KeyTable,
  a: PaperAnalysis,
  texts: readonly string[],
  occ: Occurrences,
  has: (id: number) => boolean,
  surfaces?: ReadonlyArray<string | undefined>,
): void {
  const { forms, initial, acronymSurfaces } = sink;
  const firstWord = new Map<number, number>();
  for (let i = 0; i < occ.length; i++) {
    const id = occ.key[i]!;
    if (!has(id)) continue;
    const key = keys.text(id);
    const field = occ.field[i]!;
    const start = occ.start[i]!;
    const surface = surfaces ? surfaces[i]! : texts[field]!.slice(start, occ.end[i]!);
    if (occ.flags[i]! & ACRONYM) {
      let counts = acronymSurfaces.get(key);
      if (!counts) acronymSurfaces.set(key, (counts = new Map()));
      counts.set(surface, (counts.get(surface) ?? 0) + 1);
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

/** Lower-case ASCII words separated by single spaces. */
const LOWER_WORDS = /^[a-z]+(?: [a-z]+)*$/;

/**
 * Per lower-cased word of a key's forms: how often it is written capitalized minus how often
 * lower-case, counting only occurrences where case means something (mid-sentence in the
 * abstract, not Title Case). A word with a positive vote is a name ("Hopfield", "Gaussian").
 */
export function nameVotes(forms: ReadonlyMap<string, number>, initial: ReadonlyMap<string, number> | undefined): Map<string, number> {
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
export function withNames(label: string, votes: ReadonlyMap<string, number>, corpus: ReadonlyMap<string, number>): string {
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
export function chooseLabel(forms: ReadonlyMap<string, number>): string {
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
export function singularLabel(label: string, key: string): string {
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

/**
 * Kept key `key`'s label, aliases and corpus facts: `forms` are its surface forms, `votes` its
 * own name votes, `corpusVotes` every key's summed, `acronym` its short form, if any.
 */
export function describeConcept(
  key: string,
  e: EligibleKey,
  df: number,
  forms: ReadonlyMap<string, number> | undefined,
  acronymSurfaces: ReadonlyMap<string, number> | undefined,
  acronym: string | undefined,
  votes: ReadonlyMap<string, number> | undefined,
  corpusVotes: ReadonlyMap<string, number>,
): ConceptInfo {
  const longForm = forms?.size ? withNames(singularLabel(chooseLabel(forms), key), votes!, corpusVotes) : key;
  const label = acronym && writtenMoreAsAcronym(forms, acronymSurfaces) ? acronym : longForm;
  // The forms, the acronym and its surfaces: sorted, each once.
  const all: string[] = forms ? [...forms.keys()] : [];
  if (acronym) all.push(acronym);
  if (acronymSurfaces) for (const form of acronymSurfaces.keys()) all.push(form);
  if (label !== longForm) all.push(longForm);
  if (all.length > 1) all.sort();
  const aliases: string[] = [];
  for (const form of all) if (form !== aliases[aliases.length - 1]) aliases.push(form);
  const concept: ConceptInfo = { key, label, aliases, df, termhood: Math.round(e.termhood * 1000) / 1000 };
  if (acronym) concept.acronym = acronym;
  return concept;
}

/**
 * Whether authors write the acronym more often than any spelling of its long form ("BERT" over
 * "bidirectional encoder representations from transformers"): the label is then the acronym,
 * the long form an alias, as readers know the term by it.
 */
function writtenMoreAsAcronym(forms: ReadonlyMap<string, number> | undefined, acronymSurfaces: ReadonlyMap<string, number> | undefined): boolean {
  let short = 0;
  for (const n of acronymSurfaces?.values() ?? []) short += n;
  let long = 0;
  for (const n of forms?.values() ?? []) long += n;
  return short > long;
}

/** Writes the final labels into a paper's concepts. */
export function applyLabels(pc: PaperConcepts, labels: ReadonlyMap<string, string>): void {
  for (const c of pc.concepts) c.label = labels.get(c.key) ?? c.key;
}
