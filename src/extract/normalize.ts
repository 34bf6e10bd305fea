/**
 * Normalization to a canonical concept key
 * ========================================
 *
 * "Physics-informed neural networks", "physics informed neural network" and "PINNs" (once the
 * acronym is resolved) must land on one key. The key is built word by word:
 * - case-folded, except acronyms ("NTK", "ResNet" stay as written, plural "s" dropped);
 * - hyphen and space are the same ("state-space model" = "state space model");
 * - British spellings become American ("normalising flow" = "normalizing flow");
 * - the head (last) word is singular ("networks" → "network").
 * Leading determiners and evaluative adjectives are stripped before a key is made
 * (see `LEADING_STRIP`).
 */
import { createMemo, remember } from './memo.js';

/** Words stripped from the start of a noun phrase: determiners and evaluative adjectives. */
export const LEADING_STRIP: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'this', 'these', 'that', 'those', 'our', 'their', 'its', 'his', 'her', 'my',
  'your', 'such', 'each', 'every', 'any', 'some', 'all', 'both', 'either', 'neither', 'no',
  'several', 'many', 'various', 'different', 'other', 'another', 'new', 'novel', 'proposed',
  'efficient', 'effective', 'existing', 'recent', 'simple', 'certain', 'given', 'specific',
  'particular', 'main', 'important', 'significant', 'further', 'additional', 'previous',   'typical', 'popular', 'powerful', 'promising', 'respective', 'corresponding', 'same', 'whole',
  'entire', 'overall', 'well-known', 'so-called', 'improved', 'more', 'most', 'less', 'few', 'much',
  'own', 'numerous', 'diverse', 'better', 'best', 'good', 'great', 'crucial',   'remarkable', 'impressive', 'superior', 'competitive', 'extensive', 'comprehensive',
  'thorough', 'considerable', 'substantial', 'above', 'following', 'former', 'latter',
  'possible', 'relevant', 'suitable', 'appropriate', 'usual',
  'widely-used', 'widely used', 'state-of-the-art', 'cutting-edge', 'first', 'second', 'third',
  'last', 'next', 'final', 'only', 'what', 'which', 'whose', 'one', 'two',
  'three', 'four', 'five', 'ten', 'we', 'it', 'they', 'us', 'them', 'i', 'you', 'he', 'she',
  'challenging', 'difficult', 'easy', 'interesting', 'unified',   ]);

const BRITISH_STEMS =
  /^(normal|optim|regular|character|general|visual|organ|real|special|minim|maxim|parameter|parametr|tokeni?|summar|recogn|util|initial|standard|local|categor|synthes|emphas|stabil|vectori|quanti|discreti|linear|factori|marginal|central|decentral|personal|custom|prioriti|harmoni|moderni|industriali|generali|penal|symboli|memori|randomi|capital|lemmati|sanitiz|anonymi|digiti|author|apolog|criticis|real)is(e|ed|es|ing|ation|ations|er|ers|able)$/;

const IRREGULAR_SINGULAR: Record<string, string> = {
  data: 'data',
  criteria: 'criterion',
  phenomena: 'phenomenon',
  matrices: 'matrix',
  vertices: 'vertex',
  indices: 'index',
  appendices: 'appendix',
  analyses: 'analysis',
  hypotheses: 'hypothesis',
  theses: 'thesis',
  syntheses: 'synthesis',
  bases: 'basis',
  axes: 'axis',
  // Nouns that end in s add -es ("biases" is no plural of "biase").
  biases: 'bias',
  aliases: 'alias',
  gases: 'gas',
  lenses: 'lens',
  atlases: 'atlas',
  canvases: 'canvas',
  viruses: 'virus',
  censuses: 'census',
  consensuses: 'consensus',
  focuses: 'focus',
  statuses: 'status',
  campuses: 'campus',
  corpuses: 'corpus',
  apparatuses: 'apparatus',
  people: 'people',
  children: 'child',
  men: 'man',
  women: 'woman',
  feet: 'foot',
  teeth: 'tooth',
  mice: 'mouse',
  geese: 'goose',
  series: 'series',
  species: 'species',
  corpora: 'corpus',
  genera: 'genus',
  stimuli: 'stimulus',
  nuclei: 'nucleus',
  radii: 'radius',
  foci: 'focus',
  loci: 'locus',
  alumni: 'alumnus',
  lemmata: 'lemma',
  schemata: 'schema',
  automata: 'automaton',
  optima: 'optimum',
  maxima: 'maximum',
  minima: 'minimum',
  spectra: 'spectrum',
  quanta: 'quantum',
  media: 'media',
  dies: 'die',
  lies: 'lie',
  ties: 'tie',
};

/** Words ending in "s" that are not plurals (proper names too: Stokes, Gauss, Bayes, Adams). */
const S_SINGULAR = /(^|[^a-z])(stokes|bayes|adams|hastings|jones|williams|wells|davis|lewis|james|hopkins|lens)$|^(its|this|thus|has|was|does|yes|diabetes|herpes|rabies|scabies|caries|feces|faeces|measles|mumps|rickets|shingles)$|(ss|us|is|ous|sis|xis|ness|less|gas|bias|atlas|canvas|lens|chaos|cosmos|ethos|pathos|ethos|kudos|physics|news|series|species|means|whereas|always|perhaps|plus|minus|versus|corpus|status|focus|apparatus|consensus|nexus|virus|campus|bonus|census|genus|radius|stimulus|syllabus|calculus|modulus|torus|locus|nucleus|sinus|thesaurus|opus|ous)$/;

/**
 * Words in "-ics" that name a field or a property rather than a plural ("statistics" is kept: the
 * field is commoner in abstracts than the plural of "statistic"). Other "-ics" words are plurals:
 * "metrics", "topics", "heuristics".
 */
const ICS_SINGULAR =
  /(physics|mathematics|linguistics|economics|econometrics|genetics|genomics|proteomics|metabolomics|transcriptomics|epigenetics|omics|robotics|semantics|pragmatics|phonetics|phonics|ethics|optics|photonics|electronics|mechanics|dynamics|kinetics|kinematics|statistics|analytics|informatics|graphics|acoustics|politics|logistics|forensics|hydraulics|aeronautics|astronautics|cybernetics|ergonomics|pharmacokinetics|pharmacodynamics|biomechanics|geriatrics|pediatrics|orthopedics|obstetrics|diagnostics|therapeutics|prosthetics|athletics|aesthetics|hermeneutics|stylistics|semiotics|mechatronics|avionics|thermodynamics|electrodynamics|hydrodynamics|aerodynamics|biophysics|geophysics|astrophysics|metaphysics|cryogenics|plastics|ceramics|textiles)$/;

/** True for a token written like an acronym: "NTK", "PINNs", "GPT-4", "ResNet", "fMRI". */
export function isAcronymLike(word: string): boolean {
  const caps = word.match(/\p{Lu}/gu)?.length ?? 0;
  if (caps >= 2 && word.length <= 12 && !/^\p{Lu}[\p{Ll}]+[-]\p{Lu}[\p{Ll}]+$/u.test(word)) {
    // "Multi-Head" is a capitalized compound, not an acronym.
    if (/^(\p{Lu}\p{Ll}+[-\s]?)+$/u.test(word)) return false;
    return true;
  }
  return false;
}

/**
 * A word of six or more capitals is a word set in capitals ("PATIENTS AND METHODS:", the
 * headings of a structured abstract), not an acronym: its key is the word's.
 */
function isShouted(word: string): boolean {
  return /^\p{Lu}{6,}$/u.test(word);
}

/** "PINNs" → "PINN", "GPs" → "GP", "ReLUs" → "ReLU"; other acronyms unchanged. */
export function singularAcronym(word: string): string {
  if (word.length > 2 && (/^[\p{Lu}\p{N}-]*\p{Lu}[\p{Lu}\p{N}-]*s$/u.test(word) || /^(?=(?:.*\p{Lu}){2})[\p{L}\p{N}-]*\p{Lu}s$/u.test(word))) {
    return word.slice(0, -1);
  }
  return word;
}

/** Singular of an English noun (lower case), by rule and a short irregular list. */
export function singularize(word: string): string {
  const irregular = IRREGULAR_SINGULAR[word];
  if (irregular) return irregular;
  if (word.length <= 3 || !word.endsWith('s')) return word;
  if (S_SINGULAR.test(word) || ICS_SINGULAR.test(word)) return word;
  if (/[^aeiou]ies$/.test(word)) return word.slice(0, -3) + 'y';
  if (/(ches|shes|sses|xes|zzes)$/.test(word)) return word.slice(0, -2);
  if (/(?:[^aeiou]o)es$/.test(word) && !/(?:oes)$/.test(word.slice(0, -1))) return word.slice(0, -2);
  return word.slice(0, -1);
}

/** British → American spelling for the common scientific words. */
export function americanize(word: string): string {
  let w = word;
  const m = BRITISH_STEMS.exec(w);
  if (m) w = w.replace(/is(e|ed|es|ing|ation|ations|er|ers|able)$/, 'iz$1');
  w = w
    .replace(/^(behavi|neighb|col|fav|lab|harb|hum|vap|rum|flav|hon|rig|tum|arm)our(s|ed|ing|hood|hoods|ly)?$/, '$1or$2')
    .replace(/^(cent|met|fib)re(s)?$/, '$1er$2')
    .replace(/^(model|label|travel|cancel|signal|channel|fuel|tunnel)l(ing|ed|er|ers)$/, '$1$2')
    .replace(/^analys(e|ed|ing)$/, 'analyz$1')
    .replace(/^catalys(e|ed|es|ing)$/, 'catalyz$1');
  return w;
}

/**
 * Normalizes one word of a phrase. `head` singularizes it. Hyphenated compounds are split
 * into space-separated parts ("state-space" → "state space").
 */
export function normalizeWord(word: string, head: boolean): string {
  const cache = head ? HEAD_CACHE : MOD_CACHE;
  return cache.get(word) ?? remember(cache, word, normalizeUncached(word, head));
}

// Word normalization is pure and words repeat a lot: memoize (bounded).
const HEAD_CACHE = createMemo<string, string>();
const MOD_CACHE = createMemo<string, string>();

function normalizeUncached(word: string, head: boolean): string {
  // A possessive is the noun it is attached to ("Mamba's", "agents'", "Alzheimer’s").
  const parts = word.replace(/(?<=\p{L}\p{L})['’]s?$/u, '').split(/[-‐‑/]+/).filter(Boolean);
  const out: string[] = [];
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    if (!isShouted(part) && (isAcronymLike(part) || (parts.length === 1 && isAcronymLike(word)))) {
      out.push(head && last ? singularAcronym(part) : part);
      return;
    }
    let w = part.toLowerCase();
    w = americanize(w);
    if (head && last) w = singularize(w);
    out.push(w);
  });
  return out.join(' ');
}

/**
 * Whether every bracket in `text` closes the one opened before it: a key such as "f(x",
 * "TNF) alpha" or "CO(2" is a cut through a formula or a sub- or superscript, not a term.
 */
export function bracketsBalance(text: string): boolean {
  const open: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (const ch of text) {
    if (ch === '(' || ch === '[' || ch === '{') open.push(ch);
    else if (ch in pairs && open.pop() !== pairs[ch]) return false;
  }
  return open.length === 0;
}

/** Key of a phrase given as words (the last is the head). */
export function keyOfWords(words: readonly string[]): string {
  return words
    .map((w, i) => normalizeWord(w, i === words.length - 1))
    .filter(Boolean)
    .join(' ');
}

/** Key of free text such as an acronym's long form: "Physics-Informed Neural Networks". */
export function keyOfText(text: string): string {
  const words = text
    .replace(/(?<=\p{L}\p{L})['’]s?(?=\s|$)/gu, '')
    .replace(/[“”"'’()[\]{},;:.]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  let from = 0;
  while (from < words.length - 1 && LEADING_STRIP.has(words[from]!.toLowerCase())) from++;
  return keyOfWords(words.slice(from));
}
