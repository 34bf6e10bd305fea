/**
 * From parsed fields to a checked record: every parser hands its loose fields to
 * `toReadItem`, which cleans them and turns a record without title or abstract into a problem.
 */
import type { InputFormat } from '../model.js';
import { splitRights } from './rights.js';
import { cleanText, normalizeArxivId, normalizeDoi, parseDate } from './text.js';
import { problem, type RawRecord, type ReadItem } from './types.js';

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

function toCount(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : undefined;
}

/** Cleans `fields` into a record from `file:line`, or a problem naming what is missing. */
export function toReadItem(fields: LooseFields, file: string, line: number, format: InputFormat): ReadItem {
  const title = cleanText(fields.title);
  if (!title) return problem(file, line, 'missing-title', 'record has no title');
  const record: RawRecord = { title, abstract: cleanText(fields.abstract), source: { file, line, format } };
  const rights = cleanText(fields.rights);
  if (rights) record.rights = rights;
  const date = parseDate(fields.date) ?? parseDate(withYear(fields.date, fields.year)) ?? parseDate(fields.year);
  if (date) {
    record.date = date.date;
    record.year = date.year;
  }
  const url = cleanText(fields.url);
  if (url) record.url = url;
  const given = readGivenId(fields.id);
  const doi = normalizeDoi(fields.doi) ?? given.doi;
  if (doi) record.doi = doi;
  const arxivId = normalizeArxivId(fields.arxivId) ?? given.arxivId;
  if (arxivId) record.arxivId = arxivId;
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
  return separateRights(record);
}

/**
 * Moves a publisher's copyright or licence statement from the abstract into `rights` (every
 * format's records pass here); an abstract that is nothing but such a statement, or empty,
 * makes the record a problem.
 */
export function separateRights(record: RawRecord): ReadItem {
  const { file, line } = record.source;
  const split = splitRights(record.abstract);
  if (split.rights) {
    record.abstract = split.text;
    record.rights = record.rights ? `${record.rights} ${split.rights}` : split.rights;
  }
  if (!record.abstract) {
    const title = record.title.length > 60 ? `${record.title.slice(0, 59)}…` : record.title;
    return problem(file, line, 'missing-abstract', `no abstract for "${title}"${split.rights ? ' (only a copyright statement)' : ''}`);
  }
  return { record };
}
