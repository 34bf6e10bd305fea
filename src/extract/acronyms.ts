/**
 * Acronym definitions
 * ===================
 *
 * Finds "long form (SF)" and "SF (long form)" definitions with the algorithm of
 * Schwartz & Hearst, "A simple algorithm for identifying abbreviation definitions in biomedical
 * text", PSB 2003 (https://doi.org/10.1142/9789812776303_0042), with these additions:
 * - square brackets as well as parentheses, and a definition inside an outer parenthesis;
 * - a short form followed by other matter ("(NTK; Jacot et al.)", "(PINNs, see below)");
 * - plural short forms ("PINNs"): the pair is reported singular ("PINN", "... network");
 * - false friends rejected: enumerators "(i)", Latin abbreviations "(e.g.)", years "(2020)",
 *   references "(see Fig. 3)", and short forms without a capital letter;
 * - every word of the long form must be reachable: the short form's letters must start at least
 *   as many of the long form's words as a lenient coverage bound requires.
 */

/** One definition found in a text, with offsets of both forms (end exclusive). */
export interface AcronymDefinition {
  /** The short form, singular ("PINN" for "PINNs"). */
  short: string;
  /** The long form, as written (singular when the short form was plural). */
  long: string;
  /** Offsets of the long form and of the short form as written in the text. */
  longStart: number;
  longEnd: number;
  shortStart: number;
  shortEnd: number;
  /** The short form was written plural ("SSMs"). */
  plural: boolean;
}

const OPEN_TO_CLOSE: Record<string, string> = { '(': ')', '[': ']' };
const LATIN = /^(e\.\s?g\b|i\.\s?e\b|cf\b|etc\b|viz\b|vs\b|et al\b|ibid\b|resp\b|see\b|ca\.|approx\b)/i;
const MAX_SHORT = 10;

/** True when `s` looks like a short form: 2–10 chars, starts alphanumeric, has a capital. */
export function isShortFormCandidate(s: string, allowLower = false): boolean {
  if (s.length < 2 || s.length > MAX_SHORT) return false;
  if (!/^[\p{L}\p{N}[]/u.test(s)) return false;
  if (!/\p{Lu}/u.test(s) && !(allowLower && /^\p{Ll}{2,5}$/u.test(s))) return false;
  if (/\s.*\s/.test(s)) return false; // at most two words
  if (LATIN.test(s)) return false;
  if (/^\p{Lu}\p{Ll}+$/u.test(s) && s.length > 4) return false; // an ordinary capitalized word
  if (/^(?:Fig|Figs|Eq|Eqs|Sec|Tab|Table|Ref|Refs|App|Appendix|Alg)\.?\s?\d*/.test(s)) return false;
  const letters = s.match(/\p{L}/gu)?.length ?? 0;
  return letters >= 1;
}

/** Splits a plural short form ("PINNs" → "PINN"); leaves "SiLU"-like forms alone. */
function singularShort(s: string): { short: string; plural: boolean } {
  if (/^[\p{Lu}\p{N}-]{2,}s$/u.test(s)) return { short: s.slice(0, -1), plural: true };
  return { short: s, plural: false };
}

function isAlnum(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

/**
 * Schwartz–Hearst's backward match: the shortest tail of `text` whose characters cover the
 * short form in order, the first short-form character starting a word. Returns the offset of the
 * long form in `text`, or -1.
 */
export function matchLongForm(short: string, text: string): number {
  let s = short.length - 1;
  let l = text.length - 1;
  while (s >= 0) {
    const c = short[s]!.toLowerCase();
    if (!isAlnum(c)) {
      s--;
      continue;
    }
    while (
      l >= 0 &&
      (text[l]!.toLowerCase() !== c || (s === 0 && l > 0 && isAlnum(text[l - 1])))
    ) {
      l--;
    }
    if (l < 0) return -1;
    l--;
    s--;
  }
  // Back to the start of the word holding the first match.
  let start = l + 1;
  while (start > 0 && isAlnum(text[start - 1])) start--;
  return start;
}


/**
 * Alignment quality of `short` over `long` (first short-form character at `long`'s start):
 * the most short-form characters that can start a word or word part, or -1 when the characters
 * cannot be matched in order. Used to prefer "proton pump inhibitor" over "pump inhibitor".
 */
export function alignInitials(short: string, long: string): number {
  const sf = short.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  const lf = long.toLowerCase();
  if (!sf || lf[0] !== sf[0]) return -1;
  const stop = new Set<number>();
  for (const m of lf.matchAll(/(?<![\p{L}\p{N}])(?:and|or|of|the|with|for|in|on|to|by|a|an)(?![\p{L}\p{N}])/gu)) stop.add(m.index);
  const isInitial = (i: number) =>
    !stop.has(i) && (i === 0 || !isAlnum(lf[i - 1]) || (/\p{Ll}/u.test(long[i - 1]!) && /\p{Lu}/u.test(long[i]!)));
  const memo = new Map<number, number>();
  const best = (j: number, p: number): number => {
    if (j === sf.length) return 0;
    const k = j * 1000 + p;
    const hit = memo.get(k);
    if (hit !== undefined) return hit;
    let res = -1;
    for (let i = p; i < lf.length; i++) {
      if (lf[i] !== sf[j]) continue;
      const rest = best(j + 1, i + 1);
      if (rest < 0) continue;
      const v = rest + (isInitial(i) ? 1 : 0);
      if (v > res) res = v;
    }
    memo.set(k, res);
    return res;
  };
  const rest = best(1, 1);
  return rest < 0 ? -1 : rest + 1;
}

const LEADING_STOP = /^(the|a|an|our|this|these|that|those|its|their|we|which|and|or|of|in|for|with|to|by|as|is|are|was|were|from|on|at|using|use|used|called|termed|named)$/i;

const WORD = /[^\s]+/g;

const NUMBER_WORD: Record<string, string> = { '2': 'two', '3': 'three', '4': 'four', '5': 'five', '6': 'six', '7': 'seven', '8': 'eight', '9': 'nine' };
const NUMBER_INITIAL: Record<string, string> = { '2': 'T', '3': 'T', '4': 'F', '5': 'F', '6': 'S', '7': 'S', '8': 'E', '9': 'N' };

const FUNCTION_WORD = /^(and|or|of|the|with|for|in|on|to|by|a|an)$/i;

function contentWords(text: string): number {
  return wordsOf(text).filter((w) => !FUNCTION_WORD.test(w)).length;
}

/** Takes in a chemical or Greek prefix the match skipped: "2,6-diaminopurine", "alpha-1-...". */
function withChemicalPrefix(window: string, at: number): number {
  const before = window.slice(0, at);
  const m = before.match(/(?:^|\s)((?:(?:[\d,'′]+|alpha|beta|gamma|delta|kappa|omega|non|anti|[\dA-Z]|\(\s?[-+]\s?\))-)+)$/i);
  return m ? at - m[1]!.length : at;
}

const GENERIC_TAIL = /^(model|method|algorithm|approach|scheme|framework|technique|network|area|project|function|mechanism|criterion|procedure|system|strategy|process)s?$/i;

/** Words that end a long form: what follows them names something else ("... algorithm called (X)"). */
const CUT_BEFORE = /\s(?:using|called|termed|named|known\s+as|for\s+short)(?=\s|$)/i;

/**
 * Drops what the short form does not spell at the end of a long form: a possessive
 * ("Energy Information Agency's"), a generic head ("adversarial machine learning algorithms",
 * "... distribution function") the short form does not spell, and words after "using"/"called"
 * when every short-form letter is already a word initial before them.
 */
function trimTrailing(short: string, long: string): string {
  long = long.replace(/(?:['’]s)?["'”’]*$/u, '');
  const letters = short.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '').length;
  const cut = CUT_BEFORE.exec(long);
  if (cut && cut.index > 0 && alignInitials(short, long.slice(0, cut.index)) >= letters) long = long.slice(0, cut.index);
  for (;;) {
    const m = /^(.*\S)\s+(\S+)$/su.exec(long);
    if (!m) return long;
    const rest = m[1]!;
    if (!GENERIC_TAIL.test(m[2]!)) return long;
    const score = alignInitials(short, rest);
    // A generic head the short form spells stays ("network" is the last N of "CNN").
    if (score < 0 || score < Math.min(letters, alignInitials(short, long))) return long;
    long = rest;
  }
}

function wordsOf(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Checks a long form against its short form (length bound, coverage, no sentence break). */
function acceptable(short: string, long: string): boolean {
  const words = wordsOf(long);
  const letters = short.replace(/[^\p{L}\p{N}]/gu, '').length;
  if (!words.length) return false;
  if (words.length > Math.min(letters + 5, letters * 2)) return false;
  if (long.length <= short.length) return false;
  if (long.toLowerCase() === short.toLowerCase()) return false;
  if (/[()[\]{};:]/.test(long)) return false;
  if (/[.!?]\s/.test(long)) return false;
  // Short forms of single letters + digits ("L3") need a real match, not a coincidence.
  if (letters < 2) return false;
  // The first word must start with the short form's first letter (guaranteed by the match),
  // and most capital letters of the short form should start a word or a word part.
  const initials = long
    .split(/[\s\-/]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toLowerCase());
  const caps = short.replace(/[^\p{Lu}]/gu, '').toLowerCase();
  let hits = 0;
  for (const ch of caps) if (initials.includes(ch)) hits++;
  const need = Math.min(Math.ceil(caps.length / 2), Math.ceil(initials.length / 2));
  // Mixed-case short forms ("siRNA") may spell initials with their lower-case letters.
  if (caps.length >= 2 && hits < need && alignInitials(short, long) < Math.max(2, Math.ceil(contentWords(long) / 2) + 1)) return false;
  // A long form much longer than the letters explain holds extra leading words.
  return true;
}

function balanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') {
      depth--;
      if (depth < 0) return false;
    }
  }
  return depth === 0;
}

/** Finds the matching close bracket of `text[open]`, or -1. */
function findClose(text: string, open: number): number {
  const o = text[open]!;
  const c = OPEN_TO_CLOSE[o]!;
  let depth = 0;
  for (let i = open; i < text.length && i < open + 400; i++) {
    const ch = text[i];
    if (ch === o) depth++;
    else if (ch === c) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** The window of text before `pos` in which a long form may lie (stops at a clause break). */
function windowStart(text: string, pos: number, maxWords: number): number {
  let i = pos;
  let words = 0;
  let inWord = false;
  while (i > 0) {
    const ch = text[i - 1]!;
    if (/[([{;:]/.test(ch) || /[)\]}]/.test(ch)) break;
    if (/[.!?]/.test(ch) && (i >= text.length || /\s/.test(text[i] ?? ' '))) break;
    if (ch === ',' && /\s/.test(text[i] ?? ' ')) break;
    if (/\s/.test(ch)) {
      if (inWord) {
        words++;
        inWord = false;
        if (words >= maxWords) break;
      }
    } else inWord = true;
    i--;
  }
  while (i < pos && /\s/.test(text[i]!)) i++;
  return i;
}

/** Trims the parenthesised part to the short-form candidate: "NTK; Jacot et al." → "NTK". */
function leadingPart(inner: string): { part: string; offset: number } {
  const lead = inner.match(/^\s*/)![0].length;
  const cut = inner.slice(lead).search(/[;,]\s|[;,]$|\s[-–—]\s|\s=\s/);
  const part = (cut >= 0 ? inner.slice(lead, lead + cut) : inner.slice(lead)).trimEnd();
  return { part, offset: lead };
}

function singularLong(long: string): string {
  if (/[^s]s$/.test(long) && !/(ss|us|is)$/.test(long)) {
    if (/ies$/.test(long)) return long.slice(0, -3) + 'y';
    if (/(ss|ch|sh|x)es$/.test(long)) return long.slice(0, -2);
    return long.slice(0, -1);
  }
  return long;
}

/**
 * Finds the acronym definitions in `text`, in order of appearance. Pure.
 *
 * @example findAcronyms("physics-informed neural networks (PINNs) solve PDEs")
 *   // → [{ short: "PINN", long: "physics-informed neural network", plural: true, ... }]
 */
export function findAcronyms(text: string): AcronymDefinition[] {
  const found: AcronymDefinition[] = [];
  for (let open = 0; open < text.length; open++) {
    const ch = text[open]!;
    if (ch !== '(' && ch !== '[') continue;
    const close = findClose(text, open);
    if (close < 0) continue;
    const inner = text.slice(open + 1, close);
    const { part, offset } = leadingPart(inner);
    const innerStart = open + 1 + offset;
    const def = longFirst(text, open, part, innerStart) ?? shortFirst(text, open, inner, open + 1);
    if (def) found.push(def);
  }
  return found;
}

/** "testosterone (T)": a one-letter short form of the single word before it. */
function singleLetter(text: string, open: number, part: string, partStart: number): AcronymDefinition | null {
  let end = open;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  const m = /(?:^|[\s(])(\p{L}[\p{Ll}]{3,})$/u.exec(text.slice(Math.max(0, end - 40), end));
  if (!m) return null;
  const word = m[1]!;
  if (word[0]!.toLowerCase() !== part.toLowerCase() || LEADING_STOP.test(word) || FUNCTION_WORD.test(word)) return null;
  return { short: part, long: word, longStart: end - word.length, longEnd: end, shortStart: partStart, shortEnd: partStart + 1, plural: false };
}

/** "long form (SF)" */
function longFirst(text: string, open: number, part: string, partStart: number): AcronymDefinition | null {
  if (/^\p{Lu}$/u.test(part)) return singleLetter(text, open, part, partStart);
  if (!isShortFormCandidate(part, true)) return null;
  if (/[{}]/.test(part) || !balanced(part)) return null;
  const lowerShort = !/\p{Lu}/u.test(part);
  const { short, plural } = singularShort(part);
  // "FEV(1.0)": the letters before a trailing bracket are what the long form spells.
  let core = /^([\p{L}\p{N}+-]{2,})[([][^()[\]]{1,6}[)\]]$/u.exec(short)?.[1] ?? short;
  // "2D (two-dimensional)": a leading digit may be spelled out in the long form.
  const digit = /^([2-9])-?(?=\p{L})/u.exec(core);
  if (digit) {
    const spelled = NUMBER_INITIAL[digit[1]!]!;
    const windowText = text.slice(Math.max(0, open - 80), open).toLowerCase();
    if (new RegExp(`\\b${NUMBER_WORD[digit[1]!]}\\b`).test(windowText)) core = spelled + core.slice(digit[0].length);
  }
  const letters = core.replace(/[^\p{L}\p{N}]/gu, '').length;
  const from = windowStart(text, open, Math.min(letters + 5, letters * 2));
  let end = open;
  while (end > from && /\s/.test(text[end - 1]!)) end--;
  const window = text.slice(from, end);
  if (!window) return null;
  const base = matchLongForm(core, window);
  if (base < 0) return null;
  // Schwartz–Hearst takes the shortest match; a longer one that aligns more short-form letters
  // with word initials is the better long form ("proton pump inhibitor (PPI)").
  let at = base;
  const baseScore = alignInitials(core, window.slice(base));
  let bestScore = baseScore;
  for (const m of window.slice(0, base).matchAll(/(?<![\p{L}\p{N}])[\p{L}\p{N}]/gu)) {
    const score = alignInitials(core, window.slice(m.index));
    // Each extra content word must bring its own initial ("smoking and subarachnoid
    // hemorrhage (SAH)" stays "subarachnoid hemorrhage").
    const extra = contentWords(window.slice(m.index, base));
    if (score > bestScore && score - baseScore >= extra) {
      bestScore = score;
      at = m.index;
    }
  }
  at = withChemicalPrefix(window, at);
  let long = trimTrailing(core, window.slice(at));
  const trimmedLength = long.length;
  const first = long.split(/\s+/)[0]!;
  if (LEADING_STOP.test(first)) return null;
  // A lower-case short form ("bpm") must spell the initials of its long form exactly.
  if (lowerShort && bestScore !== core.length && !(/^\p{Ll}+$/u.test(long) && long.length >= 2 * core.length + 4)) return null;
  if (!acceptable(core, long)) return null;
  if (plural) long = singularLong(long);
  return {
    short,
    long,
    longStart: from + at,
    longEnd: from + at + window.slice(at).length - (window.slice(at).length - trimmedLength),
    shortStart: partStart,
    shortEnd: partStart + part.length,
    plural,
  };
}

/** "SF (long form)" */
function shortFirst(text: string, open: number, inner: string, innerStart: number): AcronymDefinition | null {
  let end = open;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  let start = end;
  while (start > 0 && !/[\s([{]/.test(text[start - 1]!)) start--;
  const written = text.slice(start, end);
  if (!isShortFormCandidate(written) || /\s/.test(written)) return null;
  if (!/^[\p{Lu}\p{N}][\p{L}\p{N}-]*$/u.test(written)) return null;
  if ((written.match(/\p{Lu}/gu)?.length ?? 0) < 2) return null;
  const { short, plural } = singularShort(written);
  const lead = inner.match(/^\s*/)![0].length;
  const rest = inner.slice(lead);
  if (LATIN.test(rest) || /^\d/.test(rest)) return null;
  const cut = rest.search(/[;,]\s|\s[-–—]\s/);
  let long = (cut >= 0 ? rest.slice(0, cut) : rest).trimEnd();
  // "PM (physical machines or servers)": an alternative after a complete long form is not part of it.
  const or = /\s(?:or|and)\s/i.exec(long);
  if (or && alignInitials(short, long.slice(0, or.index)) >= short.replace(/[^\p{L}\p{N}]/gu, '').length) long = long.slice(0, or.index);
  if (!long || wordsOf(long).length < 2) return null;
  // The long form must start with the short form's first letter and cover it from its start.
  if (long[0]!.toLowerCase() !== short[0]!.toLowerCase()) return null;
  const at = matchLongForm(short, long);
  if (at !== 0) return null;
  if (!acceptable(short, long)) return null;
  const longStart = innerStart + lead;
  const longEnd = longStart + long.length;
  if (plural) long = singularLong(long);
  return { short, long, longStart, longEnd, shortStart: start, shortEnd: end, plural };
}
