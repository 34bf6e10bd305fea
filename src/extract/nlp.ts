/**
 * NLP adapter
 * ===========
 *
 * The only module that imports `compromise`. It tokenizes and part-of-speech tags a text and
 * hands back plain tokens with character offsets, so the rest of `extract/` never sees a
 * compromise object.
 *
 * Speed: compromise's full pipeline ends with `postTagger`, hundreds of match-based corrections
 * that cost about 3/4 of its time. We run tokenization, the lexicon and `preTagger` only, and do
 * the few corrections noun-phrase chunking needs ourselves (see `candidates.ts`). We also never
 * call `.json()`: terms are read directly from the parsed document. Work that depends on a word
 * alone is done once per word by compromise's own code and copied (see `parse`); tests check
 * the result against compromise's own entry point.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import nlp from 'compromise/two';
import { createMemo, remember } from './memo.js';

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

/**
 * Domain words compromise's general-English lexicon gets wrong in scientific abstracts.
 * Registered once, at module load, as one plugin.
 */
const DOMAIN_WORDS: Record<string, string> = {
  neural: 'Adjective',
  kernel: 'Singular',
  kernels: 'Plural',
  transformer: 'Singular',
  transformers: 'Plural',
  dataset: 'Singular',
  datasets: 'Plural',
  embedding: 'Singular',
  embeddings: 'Plural',
  encoder: 'Singular',
  decoder: 'Singular',
  autoencoder: 'Singular',
  autoencoders: 'Plural',
  hyperparameter: 'Singular',
  hyperparameters: 'Plural',
  benchmark: 'Singular',
  benchmarks: 'Plural',
  models: 'Plural',
  networks: 'Plural',
  operator: 'Singular',
  operators: 'Plural',
  hopfield: 'ProperNoun',
  gaussian: 'Adjective',
  bayesian: 'Adjective',
  markov: 'ProperNoun',
  convolutional: 'Adjective',
  recurrent: 'Adjective',
  generative: 'Adjective',
  adversarial: 'Adjective',
  stochastic: 'Adjective',
  differential: 'Adjective',
  variational: 'Adjective',
  nonlinear: 'Adjective',
  multimodal: 'Adjective',
  pretrained: 'Adjective',
  'pre-trained': 'Adjective',
  equivariant: 'Adjective',
  inference: 'Singular',
  regularization: 'Singular',
  optimization: 'Singular',
  generalization: 'Singular',
  classifier: 'Singular',
  classifiers: 'Plural',
  manifold: 'Singular',
  manifolds: 'Plural',
  softmax: 'Singular',
  backpropagation: 'Singular',
  layers: 'Plural',
  outperform: 'Infinitive',
  outperforms: 'PresentTense',
  leverage: 'Infinitive',
  leverages: 'PresentTense',
  enables: 'PresentTense',
  yields: 'PresentTense',
  achieves: 'PresentTense',
  exhibit: 'Infinitive',
  exhibits: 'PresentTense',
};

/**
 * Closed-class words the preTagger alone leaves untagged or tags as nouns ("when", "how",
 * "which" come out untagged, "linear" as a noun): never part of a noun phrase, except the
 * adjectives, which may modify one ("linear regression") but never end it.
 */
const CLOSED_CLASS: ReadonlyArray<[Pos, string]> = [
  ['adv', `when whenever where wherever wherein whereby how however why whether whither whence
    not never also very thus hence then there here now still yet already almost nearly rather
    quite often sometimes always usually mostly largely merely solely simply just only even
    instead moreover furthermore nevertheless nonetheless therefore consequently accordingly
    meanwhile otherwise indeed perhaps namely respectively together`],
  ['pron', `which what who whom whose whatever whichever it its itself they them their
    themselves we us our ourselves he she him her his i me my you your one ones oneself`],
  ['conj', `and or but nor yet although though while whilst because since unless whereas if
    than as so`],
  ['prep', `of in on at by for with without within from to into onto upon over under
    between among across through throughout during via per toward towards against beyond
    despite versus along around behind below beneath above about after before`],
  ['verb', `is are was were be been being am do does did done have has had having can could
    may might must shall should will would encompass encompasses encompassing employ employs
    utilize utilizes`],
  ['adj', `linear nonlinear non-linear bilinear multilinear standard underlying forward
    backward overall general generic typical various several numerous arbitrary
    fundamental crucial novel existing current prior respective robust efficient
    accurate scalable effective relevant independent dependent high-dimensional low-dimensional
    large-scale small-scale real-world data-driven state-of-the-art piecewise multivariate
    univariate bivariate bipartite tripartite multipartite parallel planar nonplanar multirate
    multistate multistage multiscale stationary nonstationary non-stationary`],
];

/**
 * Verbs kept as verbs after a noun, whatever follows: those that often stand without an object
 * ("the method works on graphs", "the error decreases.", "this results in") and common verbs of
 * abstracts that are never nouns ("topics include:", "RNNs develop longer timescales").
 */
const INTRANSITIVE = new Set(
  `work rely depend consist result lead focus operate perform differ belong refer correspond
  converge amount act serve appear exist occur remain hold apply come go lie arise stem build
  draw aim deal cope suffer benefit emerge fail succeed vary grow increase decrease improve
  change scale matter help suffice vanish diverge follow run learn seem tend allow account look
  search evolve behave interact respond compete contribute participate reside range hinge center
  revolve show need require provide outperform achieve yield enable make take give use reduce
  decline rise fall drop degrade deteriorate persist continue begin start end stop happen prove
  turn move pass reach return get keep stay play trade agree excel spread coincide pose align
  stand collapse saturate define include enhance develop adapt demonstrate suggest indicate
  reveal confirm reflect capture predict produce generalize obtain ensure become offer consider
  introduce propose explore investigate analyze compare evaluate describe discuss address solve
  compute contain involve exploit employ utilize`
    .split(/\s+/)
    .filter(Boolean),
);

/** Whether a present-tense form ("relies", "focuses", "lies", "works", "focus") is one of `INTRANSITIVE`. */
function isIntransitive(word: string): boolean {
  const w = word.toLowerCase();
  if (INTRANSITIVE.has(w)) return true;
  if (!w.endsWith('s')) return false;
  return INTRANSITIVE.has(w.slice(0, -1)) || INTRANSITIVE.has(w.slice(0, -2)) || INTRANSITIVE.has(w.replace(/ies$/, 'y'));
}

/** Our lexicon wins over compromise's context rules ("Hopfield networks" is not a verb). */
const FORCED: ReadonlyMap<string, Pos> = new Map([
  ...Object.entries(DOMAIN_WORDS).map(([w, tag]): [string, Pos] => [
    w,
    tag === 'Adjective' ? 'adj' : tag === 'ProperNoun' ? 'proper' : /Singular|Plural/.test(tag) ? 'noun' : 'verb',
  ]),
  ...CLOSED_CLASS.flatMap(([pos, words]) => words.split(/\s+/).filter(Boolean).map((w): [string, Pos] => [w, pos])),
]);

let registered = false;
function register(): void {
  if (registered) return;
  nlp.plugin({ words: DOMAIN_WORDS });
  registered = true;
}
register();

/** The parts of compromise's internals that `parse` drives. */
interface CompromiseDoc {
  compute(steps: string | readonly string[]): void;
  /** A new document of `input`, tagged (compromise's `fromText`). */
  fromText(input: string): CompromiseDoc;
  document: RawTerm[][];
}
/** A stand-in for a document view: what compromise's per-term compute steps read. */
interface TermsView {
  docs: RawTerm[][];
  world: CompromiseWorld;
}
type ComputeStep = (view: TermsView) => void;
interface CompromiseWorld {
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
const WORLD = nlp.world() as unknown as CompromiseWorld;
/** compromise's document class, taken from an empty document. */
const DocView = (nlp.tokenize('') as unknown as { constructor: new (document: RawTerm[][]) => CompromiseDoc }).constructor;

/**
 * A word as compromise's tokenizer and its per-word steps leave it: the split of the word
 * into punctuation and text (`splitWhitespace`), then the `normal`, `alias` and `machine`
 * steps. Each is a function of the word's own characters only, and abstracts repeat their
 * words heavily, so each distinct word is computed once (by compromise's own functions) and
 * copied for every occurrence.
 */
interface WordTemplate {
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
interface Parsed {
  document: RawTerm[][];
  words: Array<readonly WordTemplate[] | null>;
}

/**
 * What compromise's `lexicon` step does to an untagged term that no multi-word entry can
 * reach: a lookup of its machine or normal form alone. The tags it sets (in order) and the
 * other fields it sets, by that form; null when the lexicon has nothing for it.
 */
interface LexiconHit {
  tags: readonly string[];
  fields: ReadonlyArray<[string, unknown]>;
}
const LEXICON = createMemo<string, LexiconHit | null>();
const BASE_FIELDS = new Set(['text', 'pre', 'post', 'tags', 'normal', 'machine']);

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

/** Per sentence, the word template of each plain term (see `lexicon`). */
type PlainTerms = Array<Array<WordTemplate | undefined>>;

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

/**
 * What a tagging step did to a term: tags added after its own (`add`), or its whole new list of
 * tags (`tags`) when a step removed or reordered some; and the other fields it set or changed.
 */
interface TermChange {
  add: readonly string[];
  tags: readonly string[] | null;
  fields: ReadonlyArray<[string, unknown]>;
}
type TermRecord = Record<string, unknown>;

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
function preTag(document: RawTerm[][], plain: PlainTerms): void {
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

/**
 * What `nlp.tokenize(text)` then `compute(['lexicon', 'preTagger'])` give, cheaper:
 * `nlp.tokenize` runs the `normal` step again over terms its parser has just normalized (the
 * same function of the same text); per-word work is memoized (see `wordTemplate`,
 * `lexiconHit`, `preTag`); `contractions` runs only over the sentences it could change, and
 * tags each distinct split once (`contract`); multi-word lookups run only where an entry starts.
 */
function parse(text: string): Parsed {
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

interface RawTerm {
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

/** What `tagText` reads from a word's own characters. */
interface WordInfo {
  /** Our part of speech for the word, whatever compromise says (`FORCED`). */
  forced: Pos | undefined;
  /** All capitals, two or more ("IT", "US"). */
  capitals: boolean;
  /** A dimension ("2D", "3d"). */
  dimension: boolean;
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
