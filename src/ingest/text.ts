/**
 * Text clean-up and paper identity
 * ================================
 *
 * Every parser passes its strings through `cleanText`, and identity (`paperId`) is derived
 * here only, so that the same paper read from a listing dump, a BibTeX export or an OpenAlex
 * dump ends up with the same key.
 */
import { createHash } from 'node:crypto';

// C0/C1 control characters except tab/newline/carriage return, plus zero-width and BOM code points.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200D\u2060\uFEFF]/g;

/**
 * Decodes LaTeX accents, removes control and zero-width characters, NFC-composes, folds
 * whitespace runs (newlines too) into one space, trims.
 */
export function cleanText(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  // Each step is skipped when the text does not need it: this runs on every field of every record.
  if (text.includes('\\')) text = decodeLatexAccents(text);
  if (NON_ASCII.test(text)) text = composeDotlessLetters(text).normalize('NFC');
  if (CONTROL_TEST.test(text)) text = text.replace(CONTROL_CHARS, ' ');
  if (LOOSE_SPACE.test(text)) text = text.replace(/\s+/g, ' ');
  return text.trim();
}

const NON_ASCII = /[^\u0000-\u007F]/;

// An accent on a dotless i or j ("ı̈", as LaTeX's `\"\i` is often decoded) stands for the letter
// with that accent: the dot gives way to the accent. No language writes a dotless i with one.
const ACCENTED_DOTLESS = /[ıȷ](?=[\u0300-\u036F])/g;
const composeDotlessLetters = (text: string): string =>
  text.includes('ı') || text.includes('ȷ') ? text.replace(ACCENTED_DOTLESS, (letter) => (letter === 'ı' ? 'i' : 'j')) : text;

// LaTeX accent commands and the combining marks they stand for.
const LATEX_ACCENTS: Record<string, string> = {
  '"': '\u0308', "'": '\u0301', '`': '\u0300', '^': '\u0302', '~': '\u0303', '=': '\u0304',
  '.': '\u0307', u: '\u0306', v: '\u030C', H: '\u030B', c: '\u0327', k: '\u0328', r: '\u030A',
};
// Letters LaTeX writes as commands of their own.
const LATEX_LETTERS: Record<string, string> = {
  ss: 'ß', o: 'ø', O: 'Ø', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', aa: 'å', AA: 'Å', l: 'ł', L: 'Ł', i: 'ı', j: 'ȷ',
};
// One accent: a symbol accent (\"o, \"{o}) or a letter accent that needs braces or a space
// (\c{c}, \v c) so that "\cite" is left alone; the letter may be a dotless \i or \j.
const ACCENT_BODY = String.raw`\\(?:(["'${'`'}^~=.])\s*(?:\{\s*(\\?[A-Za-z])\s*\}|(\\?[A-Za-z]))|([uvHckr])(?:\{\s*(\\?[A-Za-z])\s*\}|\s+(\\?[A-Za-z])(?![A-Za-z])))`;
// "{\"o}" loses its braces as a whole; "\"o" has none.
const LATEX_ACCENT = new RegExp(String.raw`\{${ACCENT_BODY}\}|${ACCENT_BODY}`, 'g');
const LATEX_LETTER = /\{\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)\}|\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L)\{\}/g;

/** `Schr\"odinger` → `Schrödinger`, `{\'e}` → `é`, `\c{c}` → `ç`, `{\ss}` → `ß`. Other LaTeX is left as is. */
export function decodeLatexAccents(text: string): string {
  return text
    .replace(LATEX_ACCENT, (...m: Array<string | undefined>) => {
      // Groups 1–6 belong to the braced form, 7–12 to the bare one.
      const g = m[1] !== undefined || m[4] !== undefined ? m.slice(1, 7) : m.slice(7, 13);
      const accent = LATEX_ACCENTS[(g[0] ?? g[3])!]!;
      let letter = (g[1] ?? g[2] ?? g[4] ?? g[5])!;
      // An accented dotless i is a plain i with the accent: `na\"{\i}ve` → "naïve".
      if (letter.startsWith('\\')) letter = letter.slice(1);
      return (letter + accent).normalize('NFC');
    })
    .replace(LATEX_LETTER, (_w: string, a?: string, b?: string) => LATEX_LETTERS[(a ?? b)!]!);
}

const CONTROL_TEST = new RegExp(CONTROL_CHARS.source);
// Whitespace other than single spaces.
const LOOSE_SPACE = /[^\S ]|  /;

/**
 * The comparison form of a title: NFKD, accents stripped, lower case, punctuation dropped,
 * whitespace collapsed. Two titles that differ only in case, accents or punctuation are equal.
 */
export function normalizeTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A short stable hash (16 hex digits of SHA-256) of the normalized title. */
export function titleHash(title: string): string {
  return createHash('sha256').update(normalizeTitle(title)).digest('hex').slice(0, 16);
}

/**
 * A bare, lower-case DOI from any of the usual spellings (`https://doi.org/10.1/x`,
 * `doi:10.1/X`, `10.1/X`); undefined when the value holds no DOI.
 */
export function normalizeDoi(value: unknown): string | undefined {
  const text = cleanText(value);
  const match = /10\.\d{4,9}\/\S+/.exec(text);
  if (!match) return undefined;
  return match[0].replace(/[.,;]+$/, '').toLowerCase();
}

/**
 * An arXiv identifier without its version from an id, abs/pdf URL or `arXiv:` string:
 * new style `2101.00001`, old style `hep-th/9901001`; undefined when there is none.
 */
export function normalizeArxivId(value: unknown): string | undefined {
  const text = cleanText(value);
  const modern = /(?:^|[/:\s])(\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?(?:$|[\s/?#])/i.exec(text);
  if (modern) return modern[1];
  const old = /(?:^|[/:\s])([a-z][a-z-]*(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?(?:$|[\s/?#.])/i.exec(text);
  if (old) return old[1]!.toLowerCase();
  return undefined;
}

/**
 * The record's identity: `doi:` > `arxiv:` > the record's own id (a JSON `id` such as
 * `2020.acl-main.1`, kept as given) > `title:<hash of normalized title>`. A DOI or arXiv id
 * wins over an own id because it names the same paper in every format and every build.
 */
export function paperId(record: { doi?: string; arxivId?: string; givenId?: string; title: string }): string {
  if (record.doi) return `doi:${record.doi.toLowerCase()}`;
  if (record.arxivId) return `arxiv:${record.arxivId}`;
  if (record.givenId) return record.givenId;
  return `title:${titleHash(record.title)}`;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Month number (1–12) from an English month name or abbreviation, else undefined. */
export function monthNumber(name: string): number | undefined {
  const index = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return index < 0 ? undefined : index + 1;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A parsed date: ISO text as precise as known, its year, and its month when known. */
export interface ParsedDate {
  date: string;
  year: number;
  month?: number;
}

/**
 * An ISO date as precise as the input allows (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) from ISO
 * strings, `2020/05/03`, RIS `2020/05//`, `May 26, 2023`, `26 May 2023`, `Feb 2019`,
 * `02/2019`, or a bare year; undefined when no year can be read (a month and day alone do not
 * make a date). `01/02/2019` gives its year only: day-first and month-first cannot be told apart.
 */
export function parseDate(value: unknown): ParsedDate | undefined {
  const text = cleanText(value);
  if (!text) return undefined;
  let m = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?/.exec(text);
  if (m) return build(Number(m[1]), m[2] ? Number(m[2]) : undefined, m[3] ? Number(m[3]) : undefined);
  m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(text);
  if (m) return build(Number(m[3]), monthNumber(m[1]!), Number(m[2]));
  m = /^(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$/.exec(text);
  if (m) return build(Number(m[3]), monthNumber(m[2]!), Number(m[1]));
  m = /^([A-Za-z]{3,9})\.?\s+(\d{4})$/.exec(text);
  if (m) return build(Number(m[2]), monthNumber(m[1]!), undefined);
  m = /^(\d{1,2})[/.-](\d{4})$/.exec(text);
  if (m) return build(Number(m[2]), Number(m[1]), undefined);
  m = /^\d{1,2}[/.-]\d{1,2}[/.-](\d{4})$/.exec(text);
  if (m) return build(Number(m[1]));
  return undefined;
}

function build(year: number, month?: number, day?: number): ParsedDate | undefined {
  if (!Number.isInteger(year) || year < 1000 || year > 2999) return undefined;
  if (month === undefined || month < 1 || month > 12) return { date: String(year), year };
  if (day === undefined || day < 1 || day > 31) return { date: `${year}-${pad(month)}`, year, month };
  return { date: `${year}-${pad(month)}-${pad(day)}`, year, month };
}

/**
 * The month an arXiv id was submitted in: new-style ids (`2101.01234`, from April 2007) and
 * old-style ones (`hep-th/9901001`, 1991–2007) begin with YYMM. Undefined for anything else.
 */
export function arxivIdDate(arxivId: string | undefined): ParsedDate | undefined {
  if (!arxivId) return undefined;
  const m = /^(\d{2})(\d{2})\.\d{4,5}$/.exec(arxivId) ?? /\/(\d{2})(\d{2})\d{3}$/.exec(arxivId);
  if (!m) return undefined;
  const yy = Number(m[1]);
  const modern = !arxivId.includes('/');
  // Old-style ids started in 1991: 91–99 are the 1990s, the rest this century.
  const year = modern || yy < 91 ? 2000 + yy : 1900 + yy;
  if (modern && (year < 2007 || (year === 2007 && Number(m[2]) < 4))) return undefined;
  return build(year, Number(m[2]));
}

/** The arXiv id an arXiv DOI names (`10.48550/arXiv.2101.01234`), else undefined. */
export function arxivIdOfDoi(doi: string | undefined): string | undefined {
  const m = /^10\.48550\/arxiv\.(.+)$/i.exec(doi ?? '');
  return m ? normalizeArxivId(`arXiv:${m[1]}`) : undefined;
}
