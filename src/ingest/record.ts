/**
 * From parsed fields to a checked record: every parser hands its loose fields to
 * `toReadItem`, which cleans them and turns a record without title or abstract into a problem.
 */
import type { InputFormat } from '../model.js';
import { splitRights } from './rights.js';
import { arxivIdDate, arxivIdOfDoi, cleanText, normalizeArxivId, normalizeDoi, parseDate } from './text.js';
import { cutAt, describe, problem, RECORD_LIMITS, type IngestProblem, type RawRecord, type ReadItem, type RecordLimits } from './types.js';

/** Loose fields as a parser finds them (any may be missing or messy). */
export interface LooseFields {
  /** The record's own id (JSON `id`): a DOI or arXiv id is read as one, any other id is kept as the identity. */
  id?: unknown;
  title?: unknown;
  abstract?: unknown;
  date?: unknown;
  year?: unknown;
  url?: unknown;
  doi?: unknown;
  arxivId?: unknown;
  authors?: unknown[];
  authorsCount?: unknown;
  upvotes?: unknown;
  venue?: unknown;
  /** A rights statement kept apart already (this tool's own papers.jsonl). */
  rights?: unknown;
}

/**
 * What a record's own id says: an arXiv id (`arXiv:2508.00614`, an abs URL), a DOI (`doi:…`,
 * `https://doi.org/…`), or an id of the user's own (`2020.acl-main.1`) that becomes the
 * paper's identity. A `title:` id (this tool's papers.jsonl) is derived from the title again.
 */
export function readGivenId(value: unknown): { id?: string; doi?: string; arxivId?: string } {
  const id = typeof value === 'number' && Number.isFinite(value) ? String(value) : cleanText(typeof value === 'string' ? value : undefined);
  if (!id || /^title:[0-9a-f]{16}$/.test(id)) return {};
  // A DOI first: "10.1234/2101.00001" would read as an arXiv id too.
  const doi = /^(?:doi:|https?:\/\/(?:dx\.)?doi\.org\/)?10\.\d{4,9}\//i.test(id) ? normalizeDoi(id) : undefined;
  if (doi) return { doi };
  const arxivId = /^(?:arxiv:|https?:\/\/(?:www\.)?(?:export\.)?arxiv\.org\/(?:abs|pdf)\/)?(?:\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?$/i.test(id)
    ? normalizeArxivId(id)
    : undefined;
  return arxivId ? { arxivId } : { id };
}

/** A date without a year ("FEB 1", Web of Science) completed by the record's year, else undefined. */
function withYear(date: unknown, year: unknown): string | undefined {
  const day = cleanText(date);
  const y = /\b\d{4}\b/.exec(cleanText(year))?.[0];
  return day && y && !/\d{4}/.test(day) ? `${day} ${y}` : undefined;
}

/**
 * The record's date from its date and year fields (a year-less date completed by the year);
 * else, or when those give a year only, the month its arXiv id was submitted in.
 */
function setDate(record: RawRecord, fields: LooseFields): void {
  const given = parseDate(fields.date) ?? parseDate(withYear(fields.date, fields.year)) ?? parseDate(fields.year);
  const fromArxiv = arxivIdDate(record.arxivId);
  // An arXiv id dates the preprint: it fills in a missing date, or the month of a bare year it agrees with.
  const date = !given ? fromArxiv : given.month === undefined && fromArxiv?.year === given.year ? fromArxiv : given;
  if (!date) return;
  record.date = date.date;
  record.year = date.year;
  if (date.month !== undefined) record.month = date.month;
}

function toCount(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : undefined;
}

/** Field lengths in the raw input, for fields a reader already shortened before parsing. */
export type RawLengths = Partial<Record<'abstract' | 'title', number>>;

/**
 * Cleans `fields` into a record from `file:line`, or a problem naming what is missing. Fields
 * over `limits` are cut, each with a warning; `rawLengths` are the sizes reported for fields
 * the reader cut already.
 */
export function toReadItem(
  fields: LooseFields,
  file: string,
  line: number,
  format: InputFormat,
  limits: RecordLimits = RECORD_LIMITS,
  rawLengths: RawLengths = {},
): ReadItem {
  const title = cleanText(precut(fields.title, limits.maxFieldChars));
  if (!title) return problem(file, line, 'missing-title', 'record has no title');
  const lengths: RawLengths = { ...rawLengths };
  for (const [key, max] of [['abstract', limits.maxAbstractChars], ['title', limits.maxFieldChars]] as const) {
    const value = fields[key];
    if (typeof value === 'string' && precut(value, max) !== value) lengths[key] ??= value.length;
  }
  const abstract = cleanText(precut(fields.abstract, limits.maxAbstractChars));
  const record: RawRecord = { title, abstract, source: { file, line, format } };
  const rights = cleanText(fields.rights);
  if (rights) record.rights = rights;
  const url = cleanText(fields.url);
  if (url) record.url = url;
  const given = readGivenId(fields.id);
  const doi = normalizeDoi(fields.doi) ?? given.doi;
  if (doi) record.doi = doi;
  const arxivId = normalizeArxivId(fields.arxivId) ?? given.arxivId ?? arxivIdOfDoi(doi);
  if (arxivId) record.arxivId = arxivId;
  setDate(record, fields);
  if (given.id) record.givenId = given.id;
  const authors = (fields.authors ?? []).map(cleanText).filter(Boolean);
  if (authors.length) {
    record.authors = authors;
    record.authorsCount = authors.length;
  }
  const authorsCount = toCount(fields.authorsCount);
  if (authorsCount !== undefined) record.authorsCount = authorsCount;
  const upvotes = toCount(fields.upvotes);
  if (upvotes !== undefined) record.upvotes = upvotes;
  const venue = cleanText(fields.venue);
  if (venue) record.venue = venue;
  return separateRights(record, limits, lengths);
}

/**
 * A raw field far over its limit shortened before it is cleaned, so that a 50-million-character
 * abstract costs no more than its first part (cleaning only shortens text; the exact cut is
 * made on the clean text).
 */
function precut(value: unknown, max: number): unknown {
  return typeof value === 'string' && value.length > 2 * max + 1000 ? cutAt(value, 2 * max + 1000) : value;
}

/** Characters of `text`, grouped in thousands for a message (`50,000,000`). */
const count = (n: number) => n.toLocaleString('en-US');

/**
 * Cuts the fields of `record` that are over `limits` (in place) and returns one warning per
 * field cut. An abstract is cut at the last space before the limit when there is one near it.
 */
export function applyLimits(record: RawRecord, limits: RecordLimits, rawLengths: RawLengths = {}): IngestProblem[] {
  const { file, line } = record.source;
  const warnings: IngestProblem[] = [];
  // `rawLength`: the field's size in the input, when the reader or `precut` shortened it already.
  const cut = (name: string, value: string, max: number, option: string, rawLength?: number): string => {
    if (value.length <= max && rawLength === undefined) return value;
    let text = value;
    if (text.length > max) {
      text = cutAt(value, max);
      const space = text.lastIndexOf(' ');
      if (space >= max - 200 && space > 0) text = text.slice(0, space);
    }
    const size = rawLength === undefined ? count(value.length) : `about ${count(rawLength)}`;
    warnings.push(describe(file, line, `${name}-cut`, `${name} is ${size} characters, over the limit of ${count(max)} (${option}): cut to ${count(text.length)}`));
    return text;
  };
  if (record.abstract) record.abstract = cut('abstract', record.abstract, limits.maxAbstractChars, '--max-abstract-chars', rawLengths.abstract);
  record.title = cut('title', record.title, limits.maxFieldChars, 'the field limit', rawLengths.title);
  for (const key of ['venue', 'url', 'rights'] as const) {
    const value = record[key];
    if (value) record[key] = cut(key, value, limits.maxFieldChars, 'the field limit');
  }
  if (record.authors?.some((a) => a.length > limits.maxFieldChars)) {
    record.authors = record.authors.map((a) => cut('author', a, limits.maxFieldChars, 'the field limit'));
  }
  return warnings;
}

/**
 * Moves a publisher's copyright or licence statement from the abstract into `rights` (every
 * format's records pass here); an abstract that is nothing but such a statement, or empty,
 * makes the record a problem.
 */
export function separateRights(record: RawRecord, limits: RecordLimits = RECORD_LIMITS, rawLengths: RawLengths = {}): ReadItem {
  const { file, line } = record.source;
  const warnings = applyLimits(record, limits, rawLengths);
  const split = splitRights(record.abstract);
  if (split.rights) {
    record.abstract = split.text;
    record.rights = record.rights ? `${record.rights} ${split.rights}` : split.rights;
  }
  if (!record.abstract) {
    const title = record.title.length > 60 ? `${record.title.slice(0, 59)}…` : record.title;
    return problem(file, line, 'missing-abstract', `no abstract for "${title}"${split.rights ? ' (only a copyright statement)' : ''}`);
  }
  return warnings.length ? { record, warnings } : { record };
}
