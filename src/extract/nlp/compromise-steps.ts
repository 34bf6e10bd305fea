/**
 * The compromise adapter
 * ======================
 *
 * The only module that imports `compromise`, and the only one that loads its internal files.
 * It registers our domain words (one plugin, once), exposes compromise's world and document
 * class to `parse.ts` (typed as far as we read them), and replays compromise's `preTagger`
 * step by step with compromise's own step modules (`preTag`).
 *
 * The replay is proven equal to compromise's own tagger for the version pinned in
 * `package.json` only (tests/extract/nlp/compromise-steps.test.ts). Upgrading compromise is a
 * deliberate change: pin the new version exactly and re-run those equality tests
 * (tests/extract/nlp/compromise-version.test.ts fails until the pin and the installed
 * version agree).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import nlp from 'compromise/two';
import { DOMAIN_WORDS } from './domain-words.js';
import { BASE_FIELDS, type PlainTerms, type RawTerm, type TermChange, type TermRecord, type WordTemplate } from './terms.js';

// Our domain words, as one plugin, once (at module load: compromise's lexicon is global).
nlp.plugin({ words: DOMAIN_WORDS });

/** The parts of compromise's internals that `parse` drives. */
export interface CompromiseDoc {
  compute(steps: string | readonly string[]): void;
  /** A new document of `input`, tagged (compromise's `fromText`). */
  fromText(input: string): CompromiseDoc;
  document: RawTerm[][];
}
/** A stand-in for a document view: what compromise's per-term compute steps read. */
export interface TermsView {
  docs: RawTerm[][];
  world: CompromiseWorld;
}
export type ComputeStep = (view: TermsView) => void;
export interface CompromiseWorld {
  methods: {
    two?: {
      /** Splits sentences into clauses at commas, colons and semicolons (slices of the same terms). */
      quickSplit?(document: RawTerm[][]): RawTerm[][];
    };
    one: {
      tokenize: {
        splitSentences(text: string, world: CompromiseWorld): string[];
        splitTerms(sentence: string, model: CompromiseWorld['model']): string[];
        splitWhitespace(word: string, model: CompromiseWorld['model']): RawTerm;
      };
    };
  };
  model: {
    one: {
      contractions?: ReadonlyArray<{ word?: string; before?: string; after?: string }>;
      /** First words of the lexicon's multi-word entries, with their longest length. */
      _multiCache?: Record<string, number>;
      /** Tags of known words and multi-word entries ("such as"), by form. */
      lexicon?: Record<string, unknown>;
    };
  };
  compute: Record<'normal' | 'alias' | 'machine' | 'lexicon' | 'preTagger', ComputeStep>;
}
/** compromise's world: its methods, model (lexicon, contractions) and compute steps. */
export const WORLD = nlp.world() as unknown as CompromiseWorld;
/** compromise's document class, taken from an empty document. */
export const DocView = (nlp.tokenize('') as unknown as { constructor: new (document: RawTerm[][]) => CompromiseDoc }).constructor;

/**
 * compromise's preTagger, run step by step
 * ----------------------------------------
 * compromise tags a clause in passes: a second pass of per-word guesses (noun/verb switch,
 * case, suffix, regex, prefix, year), then a third pass whose first loop adds acronym and
 * parent tags and, for a word still untagged, reads its neighbours, and whose second loop
 * reads context (organisations, places, noun/verb switches, hyphens, imperatives).
 *
 * A plain term (see `lexicon`) enters the second pass as its word's template plus its lexicon
 * hit, and the second pass and the first loop's acronym, parent-tag and fallback steps read
 * that term alone. So what they did to a word's first plain term is kept and copied to the
 * word's later ones (`preTag`). Words with digits (the year step reads neighbours), the
 * neighbour step for words still untagged and clauses written in capitals run in place. The
 * orchestration mirrors compromise's `preTagger` (firstPass, quickSplit, secondPass,
 * thirdPass); the steps themselves are compromise's modules, loaded from the installed package.
 * If they cannot be loaded as the same modules compromise runs, its own `preTagger` runs instead.
 */
type Model = CompromiseWorld['model'];
type TermStep = (terms: RawTerm[], i: number, model: Model, world: CompromiseWorld) => unknown;
type ContextStep = (terms: RawTerm[], i: number, world: CompromiseWorld, yelling: boolean) => unknown;
interface TaggerSteps {
  colons: TermStep;
  tagSwitch: TermStep;
  checkCase: TermStep;
  checkSuffix: TermStep;
  checkRegex: TermStep;
  checkPrefix: TermStep;
  checkYear: TermStep;
  checkAcronym: TermStep;
  fillTags: TermStep;
  neighbours: TermStep;
  nounFallback: TermStep;
  orgWords: ContextStep;
  placeWords: ContextStep;
  switches: ContextStep;
  verbType: TermStep;
  hyphens: TermStep;
  imperative: (terms: RawTerm[], world: CompromiseWorld) => void;
  quickSplit: (document: RawTerm[][]) => RawTerm[][];
}

async function loadTaggerSteps(): Promise<TaggerSteps | null> {
  try {
    // compromise's package map exposes its entry points only; the tagger's modules sit under src/.
    const built = pathToFileURL(createRequire(import.meta.url).resolve('compromise/two'));
    const dir = new URL('../../src/2-two/preTagger/compute/tagger/', built);
    const load = async <T>(path: string): Promise<T> => ((await import(new URL(path, dir).href)) as { default: T }).default;
    const [tagger, ...steps] = await Promise.all([
      load<ComputeStep>('index.js'),
      ...[
        '1st-pass/01-colons.js', '2nd-pass/00-tagSwitch.js', '2nd-pass/01-case.js', '2nd-pass/02-suffix.js',
        '2nd-pass/03-regex.js', '2nd-pass/04-prefix.js', '2nd-pass/05-year.js', '3rd-pass/01-acronym.js',
        '3rd-pass/_fillTags.js', '3rd-pass/02-neighbours.js', '3rd-pass/05-fallback.js', '3rd-pass/03-orgWords.js',
        '3rd-pass/04-placeWords.js', '3rd-pass/06-switches.js', '3rd-pass/07-verb-type.js', '1st-pass/02-hyphens.js',
        '3rd-pass/08-imperative.js',
      ].map((path) => load<TermStep>(path)),
    ]);
    const quickSplit = WORLD.methods.two?.quickSplit;
    // The same module instances as the tagger compromise runs, or nothing.
    if (tagger !== WORLD.compute.preTagger || !quickSplit || steps.some((f) => typeof f !== 'function')) return null;
    const [colons, tagSwitch, checkCase, checkSuffix, checkRegex, checkPrefix, checkYear, checkAcronym, fillTags,
      neighbours, nounFallback, orgWords, placeWords, switches, verbType, hyphens, imperative] = steps as TermStep[];
    return {
      colons: colons!, tagSwitch: tagSwitch!, checkCase: checkCase!, checkSuffix: checkSuffix!, checkRegex: checkRegex!,
      checkPrefix: checkPrefix!, checkYear: checkYear!, checkAcronym: checkAcronym!, fillTags: fillTags!,
      neighbours: neighbours!, nounFallback: nounFallback!, orgWords: orgWords as unknown as ContextStep,
      placeWords: placeWords as unknown as ContextStep, switches: switches as unknown as ContextStep,
      verbType: verbType!, hyphens: hyphens!, imperative: imperative as unknown as TaggerSteps['imperative'], quickSplit,
    };
  } catch {
    return null;
  }
}
const STEPS = await loadTaggerSteps();
/** Whether tagging runs compromise's preTagger step by step (else whole, as `compute('preTagger')`). */
export const TAGGING_BY_STEPS = STEPS !== null;

/** The change from a term's tags and fields before (`tags`, `field`) to `term` now. */
function changeOf(tags: readonly string[], field: (key: string) => unknown, term: RawTerm): TermChange {
  const now = [...term.tags];
  const kept = now.length >= tags.length && tags.every((tag, k) => now[k] === tag);
  const fields: Array<[string, unknown]> = [];
  const record = term as unknown as TermRecord;
  for (const key in record) if (key !== 'tags' && !BASE_FIELDS.has(key) && record[key] !== field(key)) fields.push([key, record[key]]);
  return kept ? { add: now.slice(tags.length), tags: null, fields } : { add: [], tags: now, fields };
}

/** A plain term of `w`'s change since it was its template plus its lexicon hit. */
function changeSincePlain(w: WordTemplate, term: RawTerm): TermChange {
  const hit = w.lexicon ?? null;
  return changeOf(hit?.tags ?? [], (key) => hit?.fields.find(([f]) => f === key)?.[1], term);
}

function applyChange(term: RawTerm, change: TermChange): void {
  if (change.tags !== null) {
    term.tags.clear();
    for (const tag of change.tags) term.tags.add(tag);
  } else {
    for (const tag of change.add) term.tags.add(tag);
  }
  // Fresh arrays (compromise's `index`), as each term gets its own.
  for (const [k, v] of change.fields) (term as unknown as TermRecord)[k] = Array.isArray(v) ? v.slice() : v;
}

/** The second pass's steps on term `i`, in compromise's order. */
function secondPassAt(steps: TaggerSteps, terms: RawTerm[], i: number, yelling: boolean): void {
  const model = WORLD.model;
  steps.tagSwitch(terms, i, model, WORLD);
  if (!yelling) steps.checkCase(terms, i, model, WORLD);
  steps.checkSuffix(terms, i, model, WORLD);
  steps.checkRegex(terms, i, model, WORLD);
  steps.checkPrefix(terms, i, model, WORLD);
  steps.checkYear(terms, i, model, WORLD);
}

/**
 * The third pass's first loop on term `i`: acronym, parent tags, then neighbours or the noun
 * fallback. Returns whether the term was tagged before the neighbour step (then that step left
 * it alone, and the loop read the term only).
 */
function firstLoopAt(steps: TaggerSteps, terms: RawTerm[], i: number): boolean {
  const model = WORLD.model;
  let found = steps.checkAcronym(terms, i, model, WORLD);
  steps.fillTags(terms, i, model, WORLD);
  const alone = !!found || terms[i]!.tags.size !== 0;
  found = found || steps.neighbours(terms, i, model, WORLD);
  if (!found) steps.nounFallback(terms, i, model, WORLD);
  return alone;
}

/** Words with a digit: the year step reads their neighbours. */
const DIGIT = /\d/;

/** Whether compromise reads a clause as written in capitals (its `ignoreCase`): no case step then. */
function isYelling(terms: readonly RawTerm[]): boolean {
  let common = 0;
  for (const t of terms) if (!t.tags.has('ProperNoun')) common++;
  return common > 3 && terms.every((t) => !LOWER_START.test(t.text));
}
const LOWER_START = /^[a-z]/;

/**
 * compromise's `preTagger` over `document` (what `compute('preTagger')` does). The first plain
 * term of a word in a clause not in capitals runs the second pass and the third pass's first
 * loop in place, and what each did to it is kept on the word's template; later plain terms of
 * the word get those changes copied. (Not the first loop when the term was still untagged: the
 * neighbour step then read its clause.)
 */
export function preTag(document: RawTerm[][], plain: PlainTerms): void {
  const steps = STEPS;
  if (steps === null) {
    new DocView(document).compute('preTagger');
    return;
  }
  const model = WORLD.model;
  for (const terms of document) steps.colons(terms, 0, model, WORLD);
  // Clauses are consecutive slices of the sentences, in order: `s` and `at` track where each starts.
  let s = 0;
  let at = 0;
  for (const clause of steps.quickSplit(document)) {
    while (at >= document[s]!.length) {
      s++;
      at = 0;
    }
    const row = plain[s]!;
    const base = at;
    at += clause.length;
    const yelling = isYelling(clause);
    for (let i = 0; i < clause.length; i++) {
      const term = clause[i]!;
      if (term.frozen === true) continue;
      const w = yelling ? undefined : row[base + i];
      if (w?.second) {
        applyChange(term, w.second);
        continue;
      }
      secondPassAt(steps, clause, i, yelling);
      if (w !== undefined && w.second === undefined) w.second = DIGIT.test(w.normal) ? null : changeSincePlain(w, term);
    }
    for (let i = 0; i < clause.length; i++) {
      const term = clause[i]!;
      const w = yelling ? undefined : row[base + i];
      if (w?.first) {
        applyChange(term, w.first);
        continue;
      }
      // Still untagged: the acronym and parent-tag steps did nothing to the word's first term
      // and do nothing here; the neighbour step reads the clause; failing it, the noun fallback
      // reads the term only.
      if (w?.first === null && w.fallback) {
        if (!steps.neighbours(clause, i, model, WORLD)) applyChange(term, w.fallback);
        continue;
      }
      // The first plain term of a word (its second pass known): watch what the loop does.
      if (w !== undefined && w.first === undefined && w.second) {
        const tags = [...term.tags];
        const record = { ...term } as unknown as TermRecord;
        w.first = firstLoopAt(steps, clause, i) ? changeOf(tags, (key) => record[key], term) : null;
      } else if (w?.first === null && w.fallback === undefined && w.second) {
        // An untagged word: learn its fallback the first time the neighbour step finds nothing.
        if (!steps.neighbours(clause, i, model, WORLD)) {
          const record = { ...term } as unknown as TermRecord;
          steps.nounFallback(clause, i, model, WORLD);
          w.fallback = changeOf([], (key) => record[key], term);
        }
      } else {
        firstLoopAt(steps, clause, i);
      }
    }
    for (let i = 0; i < clause.length; i++) {
      if (clause[i]!.frozen === true) continue;
      steps.orgWords(clause, i, WORLD, yelling);
      steps.placeWords(clause, i, WORLD, yelling);
      steps.switches(clause, i, WORLD, yelling);
      steps.verbType(clause, i, model, WORLD);
      steps.hyphens(clause, i, model, WORLD);
    }
    steps.imperative(clause, WORLD);
  }
}
