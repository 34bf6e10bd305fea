/**
 * Title recovery for one-line listing dumps
 * =========================================
 *
 * In the one-line listing layout the title and the abstract run together with no separator
 * ("Kernelised Normalising Flows Normalising Flows are …"). `splitTitle` scores every word
 * boundary in the opening words and keeps the best one. The score is a small hand-built model:
 *
 * - Casing. Titles are either Title Case (content words capitalised, function words lower
 *   case) or sentence case; the text after the boundary is prose, where a capitalised word is
 *   rare except at a sentence start, or as an acronym or proper noun. Each side is scored
 *   under its model and the title takes the better of its two styles.
 * - The boundary word. Abstracts open with a small set of words ("We", "In this", "The",
 *   "Recent"…); a title does not end on a function word, a colon or a comma, and rarely on an
 *   adjective; a title ending in "?" or "!" is a natural boundary.
 * - Echoes. An abstract often repeats words of its title in its first words
 *   ("Diffusion Models Diffusion models have…"), or defines the title's acronym
 *   ("GLU Variants … Gated Linear Units (…) consist").
 *
 * Pure and deterministic; no dictionary or model download.
 */

/** The title and the abstract recovered from one run-together text. */
export interface TitleSplit {
  title: string;
  abstract: string;
}

/** Words a title keeps in lower case in Title Case (articles, prepositions, conjunctions…). */
const FUNCTION_WORDS = new Set(
  (
    'a an the of for and or nor but with without via to in on at by from into onto over under as is are be ' +
    'vs versus through towards toward beyond between within across using about among than do does can not its ' +
    'their how what why when where which that modulo per upon after before up out off all more less is was were ' +
    'has have we our it this these those who whose your you much many'
  ).split(' '),
);

/** Words a title does not end on. */
const NO_FINAL = new Set(
  'a an the of for and or nor but with without via to in on at by from into onto as through towards toward between within across using about among than versus vs is are be its their'.split(
    ' ',
  ),
);

/** Common first words of an abstract; the value says whether the next word must be lower case. */
const STARTERS = new Map<string, boolean>([
  ['we', false],
  ['our', false],
  ['here', false],
  ['this', false],
  ['these', false],
  ['in', true],
  ['the', true],
  ['a', true],
  ['an', true],
  ['recent', true],
  ['recently', false],
  ['although', false],
  ['while', false],
  ['despite', false],
  ['many', true],
  ['most', true],
  ['it', true],
  ['there', true],
  ['given', false],
  ['existing', true],
  ['current', true],
  ['traditional', true],
  ['modern', true],
  ['one', true],
  ['all', true],
  ['to', true],
  ['as', true],
  ['for', true],
  ['with', true],
  ['since', false],
  ['over', true],
  ['despite', false],
  ['motivated', true],
  ['inspired', true],
  ['understanding', true],
  ['how', true],
  ['what', true],
  ['why', true],
  ['however', false],
  ['nowadays', false],
  ['today', false],
  // Structured abstracts.
  ['background', false],
  ['purpose', false],
  ['objective', false],
  ['objectives', false],
  ['motivation', false],
  ['context', false],
  ['abstract', false],
]);

/** Abbreviations that end in a period without ending a sentence. */
const ABBREVIATIONS = /^(?:e\.g\.|i\.e\.|etc\.|vs\.|al\.|cf\.|fig\.|eq\.|no\.|st\.|dr\.|mr\.|ms\.|jr\.|u\.s\.|[a-z]\.)$/i;

/** A plain lower-case word with trailing punctuation: its core is group 1. */
const PLAIN_LOWER = /^([a-z]+(?:-[a-z]+)*)[.,;:!?)'"]*$/;

/** How many opening words are considered for the boundary (titles are shorter). */
const WINDOW = 48;

interface Token {
  raw: string;
  /** Without surrounding punctuation. */
  core: string;
  lower: string;
  kind: 'cap' | 'lower' | 'acronym' | 'other';
  isFunction: boolean;
  /** Ends a sentence (".", "?", "!"), not an abbreviation. */
  endsSentence: boolean;
  endsWithColon: boolean;
}

/**
 * Memo of `tokenize` (a pure function): abstracts share most of their words. Bounded, so that
 * memory stays flat on huge inputs; cleared whole when full.
 */
const TOKEN_CACHE = new Map<string, Token>();
const TOKEN_CACHE_SIZE = 20_000;

function tokenize(word: string): Token {
  let token = TOKEN_CACHE.get(word);
  if (token === undefined) {
    if (TOKEN_CACHE.size >= TOKEN_CACHE_SIZE) TOKEN_CACHE.clear();
    token = tokenizeWord(word);
    TOKEN_CACHE.set(word, token);
  }
  return token;
}

function tokenizeWord(word: string): Token {
  const core = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  const lower = core.toLowerCase();
  const letters = core.replace(/[^\p{L}]/gu, '');
  const upperCount = (letters.match(/\p{Lu}/gu) ?? []).length;
  let kind: Token['kind'] = 'other';
  const firstLetter = /\p{L}/u.exec(word)?.[0];
  const startsWithLetter = /^[^\p{L}\p{N}]*\p{L}/u.test(word);
  if (/\d/.test(core) || upperCount >= 2 || (upperCount === 1 && !/^\p{Lu}/u.test(letters) && letters.length > 1)) {
    kind = 'acronym';
  } else if (firstLetter && startsWithLetter) {
    kind = /\p{Lu}/u.test(firstLetter) ? 'cap' : 'lower';
  }
  // A capitalised hyphenated word ("Non-linear", "Second-order") is an ordinary capitalised word.
  if (kind === 'acronym' && upperCount >= 2 && /^\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)+$/u.test(core)) kind = 'cap';
  const trimmedEnd = word.replace(/["'”’)\]]+$/u, '');
  const endsSentence = /[.?!]$/.test(trimmedEnd) && !ABBREVIATIONS.test(trimmedEnd);
  return {
    raw: word,
    core,
    lower,
    kind,
    isFunction: FUNCTION_WORDS.has(lower),
    endsSentence,
    endsWithColon: /:$/.test(word),
  };
}

const ADJECTIVE_ENDING = /(?:al|ic|ive|ous|ed|ised|ized|ar|ian|ible|able|less|ful)$|-(?:scale|based|order|free|aware|level|wise|like|time|dimensional|specific|driven|informed|agnostic)$|^(?:deep|large|small|new|high|low|fast|multi|non|novel|efficient|robust)$/;

/** Words that open a clause; inside a title in Title Case they are unusual. */
const CLAUSE_OPENERS = new Set(['while', 'although', 'whereas', 'since', 'because']);

/**
 * Per-word costs, computed once per text so that every boundary is scored in constant time
 * from prefix sums (title side) and suffix sums (prose side).
 */
interface Costs {
  /** titleCase[i] / sentenceCase[i]: cost of words 1..i-1 as a title in that style. */
  titleCase: number[];
  sentenceCase: number[];
  /** prose[i]: cost of words i+1.. as prose that starts at word i. */
  prose: number[];
}

function computeCosts(tokens: Token[], common: Set<string>): Costs {
  const n = tokens.length;
  // The capitalised words right before "(ACRONYM)" spell a defined term ("Deep Neural
  // Networks (DNNs)"), not a new sentence: as many of them as the acronym has capitals are free.
  const defined = new Array<boolean>(n).fill(false);
  for (let k = 1; k < n; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'acronym' || !t.raw.startsWith('(')) continue;
    let letters = (t.core.match(/\p{Lu}/gu) ?? []).length;
    for (let j = k - 1; j >= 0 && letters > 0 && tokens[j]!.kind === 'cap'; j--, letters--) defined[j] = true;
  }
  const titleCase = new Array<number>(n + 1).fill(0);
  const sentenceCase = new Array<number>(n + 1).fill(0);
  const proseCost = new Array<number>(n).fill(0);
  for (let k = 1; k < n; k++) {
    const t = tokens[k]!;
    const prev = tokens[k - 1]!;
    let tc = 0;
    let sc = 0;
    const afterBreak = prev.endsWithColon || prev.endsSentence;
    if (!afterBreak && t.kind !== 'acronym' && t.kind !== 'other') {
      if (t.isFunction) {
        if (t.kind === 'cap') {
          tc = -0.3;
          sc = -1.5;
        }
      } else if (t.kind === 'cap') {
        sc = -capitalCost(t, common);
        if (CLAUSE_OPENERS.has(t.lower)) tc = -1;
      } else {
        tc = -2.5;
      }
    }
    titleCase[k + 1] = titleCase[k]! + tc;
    sentenceCase[k + 1] = sentenceCase[k]! + sc;
    if (!afterBreak && t.kind === 'cap' && !defined[k]) proseCost[k] = t.isFunction ? -2 : -capitalCost(t, common);
  }
  const prose = new Array<number>(n + 1).fill(0);
  for (let k = n - 1; k >= 0; k--) prose[k] = prose[k + 1]! + (k + 1 < n ? proseCost[k + 1]! : 0);
  return { titleCase, sentenceCase, prose };
}

/**
 * Cost of a capitalised word inside prose or a sentence-case title: high for a word the text
 * also writes in lower case (a common word, capitalised because a sentence starts), low for a
 * word it never lowers (a proper noun such as "Gibbs" or "Fourier").
 */
function capitalCost(t: Token, common: Set<string>): number {
  return common.has(t.lower) ? 2 : 1;
}

/** Longest r ≥ 2 such that the abstract's first r words occur together in the title. */
function echoLength(title: Token[], abstract: Token[]): number {
  let best = 0;
  for (let r = 2; r <= Math.min(12, abstract.length, title.length); r++) {
    const needle = abstract.slice(0, r).map((t) => t.lower);
    let found = false;
    for (let s = 0; s + r <= title.length && !found; s++) {
      found = needle.every((w, j) => w === title[s + j]!.lower && w !== '');
    }
    if (!found) break;
    best = r;
  }
  return best;
}

/** True when the capitalised words opening the abstract spell an acronym used in the title. */
function definesTitleAcronym(title: Token[], abstract: Token[]): boolean {
  let initials = '';
  for (const t of abstract) {
    if (t.kind !== 'cap' || t.isFunction) break;
    initials += t.core[0]!.toUpperCase();
  }
  if (initials.length < 2) return false;
  return title.some((t) => t.kind === 'acronym' && t.core.replace(/s$/, '').toUpperCase() === initials);
}

/** Score of cutting `tokens` before index `i`; -Infinity when the cut is impossible. */
function boundaryScore(tokens: Token[], i: number, common: Set<string>, costs: Costs): number {
  const title = tokens.slice(0, i);
  const abstract = tokens.slice(i);
  const first = abstract[0]!;
  const last = title[title.length - 1]!;
  if (first.kind !== 'cap' && !(first.kind === 'acronym' && /^\p{Lu}/u.test(first.core))) return -Infinity;
  // A title holds no sentence end before its last word.
  if (title.slice(0, -1).some((t) => t.endsSentence && !/[?!]$/.test(t.raw))) return -Infinity;
  if (/\.$/.test(last.raw) && !ABBREVIATIONS.test(last.raw)) return -Infinity;
  // Title words 1..i-1 in the better of the two styles; prose words after the first.
  let score = Math.max(costs.titleCase[i]!, costs.sentenceCase[i]!) + costs.prose[i]!;
  // A common word, capitalised, opens a sentence.
  if (first.kind === 'cap' && common.has(first.lower)) score += 0.5;
  // "Title: Subtitle" shapes belong to titles; prose rarely has one in its opening words.
  const opening = abstract.slice(0, 12);
  const sentenceEnd = opening.findIndex((t) => t.endsSentence);
  const colon = opening.findIndex((t, k) => t.endsWithColon && opening[k + 1]?.kind === 'cap');
  if (colon > 3 && (sentenceEnd < 0 || colon < sentenceEnd)) score -= 1.5;
  if (NO_FINAL.has(last.lower) || /[:,;\-–]$/.test(last.raw)) score -= 5;
  if (/[?!]$/.test(last.raw)) score += 2;
  if (title.slice(0, -1).some((t) => /[?!]$/.test(t.raw))) score -= 2;
  // "We" and "Our" open sentences of an abstract, not words inside a title.
  if (title.slice(1).some((t) => t.lower === 'we' || t.lower === 'our')) score -= 4;
  if (last.kind === 'cap' || last.kind === 'lower') {
    if (!last.isFunction && ADJECTIVE_ENDING.test(last.lower) && last.lower.length > 3) score -= 1;
  }
  // The abstract repeating the title's last word ("… Outperform CLIP CLIP yielded …").
  if (first.lower === last.lower && first.lower !== '') score += 1.5;
  const starter = STARTERS.get(first.lower);
  const next = abstract[1];
  if (starter !== undefined && (!starter || (next !== undefined && next.kind === 'lower'))) score += 2;
  const echo = echoLength(title, abstract);
  // The abstract opening with words of its title, as the subject of its first sentence
  // (lower-case words follow): "Neural Diffusion Models Diffusion models have…".
  if (echo >= 2 && abstract[echo]?.kind !== 'cap') score += 1.5 * echo;
  if (definesTitleAcronym(title, abstract)) score += 3;
  // Prefer titles of usual length when everything else is equal.
  if (title.length > 25) score -= 0.1 * (title.length - 25);
  return score;
}

/**
 * Splits run-together "Title Abstract…" text into its title and abstract.
 * Returns undefined when no boundary is plausible (e.g. fewer than two words).
 */
export function splitTitle(text: string): TitleSplit | undefined {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) return undefined;
  const tokens = words.slice(0, WINDOW).map(tokenize);
  // Words the text writes in lower case somewhere are common words, not proper nouns.
  const common = new Set<string>();
  for (const word of words) {
    // Fast path for plain lower-case ASCII words (most of an abstract); `tokenize` for the rest.
    const plain = PLAIN_LOWER.exec(word);
    if (plain) common.add(plain[1]!);
    else if (!/^[A-Z0-9]/.test(word)) {
      const t = tokenize(word);
      if (t.kind === 'lower') common.add(t.lower);
    }
  }
  const costs = computeCosts(tokens, common);
  // The same word window is scored for every boundary, so scores compare fairly.
  let bestIndex = -1;
  let bestScore = -Infinity;
  for (let i = 1; i < tokens.length; i++) {
    const score = boundaryScore(tokens, i, common, costs);
    if (score > bestScore) {
      bestScore = score;
      bestIndex = i;
    }
  }
  if (bestIndex < 0) return undefined;
  return { title: words.slice(0, bestIndex).join(' '), abstract: words.slice(bestIndex).join(' ') };
}
