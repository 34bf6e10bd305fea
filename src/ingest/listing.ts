/**
 * Listing dumps
 * =============
 *
 * Text dumps of paper listing pages, in two layouts that may even mix in one file:
 *
 * - One line per paper: `<upvotes|-> <Title> <Abstract> <N> authors · <Mon D[, YYYY]>`,
 *   sometimes with one more count after the date (kept nowhere: its meaning is not shown).
 *   Title and abstract run together; `splitTitle` recovers the title.
 * - Page layout: a title paragraph, then an abstract paragraph, between page furniture
 *   ("Subscribe", "Daily Papers", a lone date such as "Mar 12", author and upvote lines…),
 *   which is skipped.
 *
 * Dates: a listing date with a year becomes `YYYY-MM-DD`. A date without a year ("Feb 13",
 * the listing's current year) is left out, with `year` unset: the dump does not say which
 * year it is, and a guessed year would be wrong once a dump is read in another year.
 */
import { splitTitle } from './title-split.js';
import { cleanText, parseDate } from './text.js';
import { readLines, openText } from './lines.js';
import { separateRights } from './record.js';
import { problem, type RawRecord, type ReadItem, type ReaderContext } from './types.js';

const ONE_LINE =
  /^(\d+|-)\s+(.+?)\s+(\d+)\s+authors?\s+·\s+([A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)(?:\s+\d+)?\s*$/u;

/** Page furniture of listing pages (compared after folding case and spaces). */
const FURNITURE = new Set(
  [
    'new',
    'get trending papers in your email inbox!',
    'subscribe',
    'daily papers',
    'by ak and the research community',
    'byak and the research community',
    'trending papers',
    'upvote',
    'submitted by',
  ].map((s) => s.replace(/\s+/g, '')),
);

/** True for page furniture: fixed page strings, lone dates, author/upvote/count lines. */
export function isFurniture(text: string): boolean {
  const folded = text.toLowerCase().replace(/\s+/g, '');
  if (FURNITURE.has(folded)) return true;
  if (/^[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?$/.test(text)) return true; // "Mar 12"
  if (/^\d+$/.test(text) || /^-$/.test(text)) return true; // upvote counts
  if (/^\d+\s+authors?(\s+·.*)?$/i.test(text)) return true;
  if (/^(submitted by|published on|upvoted by)\b/i.test(text)) return true;
  return false;
}

/** A paragraph that reads as a title: short, no sentence ending in a period inside or at the end. */
function looksLikeTitle(text: string): boolean {
  const words = text.split(/\s+/).length;
  return words <= 30 && text.length <= 300 && !/\.$/.test(text) && !/[a-z0-9)]\.\s+[A-Z]/.test(text);
}

/** Parses one line of the one-line layout; undefined when the line is not of that layout. */
export function parseListingLine(text: string): Omit<RawRecord, 'source'> | { error: string; kind: string } | undefined {
  const m = ONE_LINE.exec(text);
  if (!m) return undefined;
  const [, votes, body, authors, when] = m;
  const split = splitTitle(body!);
  if (!split) return { error: 'cannot tell the title from the abstract', kind: 'no-title-boundary' };
  const record: Omit<RawRecord, 'source'> = { title: split.title, abstract: split.abstract };
  if (votes !== '-') record.upvotes = Number(votes);
  record.authorsCount = Number(authors);
  const date = parseDate(when);
  if (date) {
    record.date = date.date;
    record.year = date.year;
    if (date.month !== undefined) record.month = date.month;
  }
  return record;
}

/** Streams the records of a listing dump (both layouts). */
export async function* readListing(ctx: ReaderContext): AsyncGenerator<ReadItem> {
  const { file } = ctx;
  let pendingTitle: { text: string; line: number } | undefined;
  const source = (line: number) => ({ file, line, format: ctx.format });
  const max = ctx.limits.maxRecordChars;
  for await (const { number, text: rawText, length } of readLines(openText(file, ctx.onBytes, ctx.encoding), max)) {
    if (length !== undefined) {
      const size = `${length.toLocaleString('en-US')} characters, over the limit of ${max.toLocaleString('en-US')}`;
      yield problem(file, number, 'record-too-long', `line is ${size} (--max-record-chars): skipped`);
      continue;
    }
    const text = cleanText(rawText);
    if (!text) continue;
    const one = parseListingLine(text);
    if (one) {
      if (pendingTitle) {
        yield problem(file, pendingTitle.line, 'missing-abstract', `title without an abstract: "${short(pendingTitle.text)}"`);
        pendingTitle = undefined;
      }
      if ('error' in one) yield problem(file, number, one.kind, one.error);
      else yield separateRights({ ...one, source: source(number) }, ctx.limits);
      continue;
    }
    if (isFurniture(text)) continue;
    if (pendingTitle) {
      if (!looksLikeTitle(text)) {
        yield separateRights({ title: pendingTitle.text, abstract: text, source: source(pendingTitle.line) }, ctx.limits);
        pendingTitle = undefined;
        continue;
      }
      yield problem(file, pendingTitle.line, 'missing-abstract', `title without an abstract: "${short(pendingTitle.text)}"`);
      pendingTitle = { text, line: number };
      continue;
    }
    if (!looksLikeTitle(text)) {
      yield problem(file, number, 'missing-title', `abstract without a title: "${short(text)}"`);
      continue;
    }
    pendingTitle = { text, line: number };
  }
  if (pendingTitle) {
    yield problem(file, pendingTitle.line, 'missing-abstract', `title without an abstract: "${short(pendingTitle.text)}"`);
  }
}

function short(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
