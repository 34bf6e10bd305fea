/**
 * Deduplication
 * =============
 *
 * Records are the same paper when they share a DOI, an arXiv id, their own id, or a normalized
 * title (unless their DOIs, arXiv ids or own ids differ: then they are two papers that happen
 * to share a title).
 * A merged paper keeps every source and the richest fields: the longest abstract, the most
 * upvotes and authors, the most precise date, and the first DOI / arXiv id / URL / venue
 * seen. Its id is then derived from the merged fields (`doi:` > `arxiv:` > own id > `title:`), and
 * papers are returned sorted by id so the same inputs always give the same output.
 */
import type { PaperRecord } from '../model.js';
import { normalizeTitle, paperId } from './text.js';
import type { RawRecord } from './types.js';

/** A paper being merged: its id is derived once its fields are settled. */
export type Draft = Omit<PaperRecord, 'id'> & { givenId?: string };

const OPTIONAL_KEYS = ['date', 'year', 'month', 'url', 'doi', 'arxivId', 'authors', 'authorsCount', 'upvotes', 'venue', 'rights'] as const;

/** Collects records and merges duplicates as they arrive. */
export class PaperMerger {
  private readonly papers: Draft[] = [];
  private readonly byKey = new Map<string, number>();
  /** Records merged into an existing paper. */
  duplicatesMerged = 0;

  /** Adds one record, merging it into a paper already seen when any key matches. */
  add(record: RawRecord): void {
    const keys = recordKeys(record);
    let index: number | undefined;
    for (const key of keys) {
      index = this.byKey.get(key);
      if (index !== undefined) break;
    }
    // Two papers with the same title but different DOIs (or arXiv ids) are different papers.
    if (index !== undefined && conflicts(this.papers[index]!, record)) index = undefined;
    const { source, ...fields } = record;
    if (index === undefined) {
      index = this.papers.length;
      this.papers.push({ ...fields, sources: [source] });
    } else {
      mergeInto(this.papers[index]!, record);
      this.duplicatesMerged++;
    }
    // Keys of the merged paper (it may have gained a DOI or an arXiv id) all point to it.
    for (const key of recordKeys(this.papers[index]!)) if (!this.byKey.has(key)) this.byKey.set(key, index);
  }

  /** Number of distinct papers so far. */
  get size(): number {
    return this.papers.length;
  }

  /** The papers with their ids, sorted by id. */
  result(): PaperRecord[] {
    return this.papers.map(finishPaper).sort(byId);
  }
}

/** Orders papers by id. */
export const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The paper of a settled draft: its id, then its fields in a fixed order, sources sorted. */
export function finishPaper(draft: Draft): PaperRecord {
  // A fixed key order, whatever order the fields arrived in.
  const paper: Record<string, unknown> = { id: paperId(draft), title: draft.title, abstract: draft.abstract };
  for (const key of OPTIONAL_KEYS) if (draft[key] !== undefined) paper[key] = draft[key];
  paper.sources = [...draft.sources].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return paper as unknown as PaperRecord;
}

/** True when `record` cannot be `paper`: their DOIs, arXiv ids or own ids differ. */
export function conflicts(paper: Draft, record: Omit<RawRecord, 'source'>): boolean {
  if (paper.doi && record.doi && paper.doi !== record.doi) return true;
  if (paper.givenId && record.givenId && paper.givenId !== record.givenId) return true;
  return Boolean(paper.arxivId && record.arxivId && paper.arxivId !== record.arxivId);
}

/** The keys a paper is found by: DOI, arXiv id, own id, normalized title. */
export function recordKeys(record: { doi?: string; arxivId?: string; givenId?: string; title: string }): string[] {
  const keys: string[] = [];
  if (record.doi) keys.push(`doi:${record.doi.toLowerCase()}`);
  if (record.arxivId) keys.push(`arxiv:${record.arxivId}`);
  if (record.givenId) keys.push(`id:${record.givenId}`);
  const title = normalizeTitle(record.title);
  if (title) keys.push(`title:${title}`);
  return keys;
}

/** Merges `record` into `paper`, keeping the richest value of each field. */
export function mergeInto(paper: Draft, record: RawRecord): void {
  paper.sources.push(record.source);
  mergeFields(paper, record);
}

/**
 * Merges the fields of `record` into `paper` (not its sources), keeping the richest value
 * of each: the longest abstract, the most precise date, the most upvotes and authors, the
 * first DOI, arXiv id, URL, venue, own id and rights statement.
 */
export function mergeFields(paper: Draft, record: Omit<RawRecord, 'source'>): void {
  if (record.abstract.length > paper.abstract.length) paper.abstract = record.abstract;
  if (record.date && (!paper.date || record.date.length > paper.date.length)) {
    paper.date = record.date;
    paper.year = record.year;
    if (record.month === undefined) delete paper.month;
    else paper.month = record.month;
  }
  if (record.year !== undefined && paper.year === undefined) paper.year = record.year;
  if (record.upvotes !== undefined && (paper.upvotes === undefined || record.upvotes > paper.upvotes)) {
    paper.upvotes = record.upvotes;
  }
  if (record.authors && record.authors.length > (paper.authors?.length ?? 0)) paper.authors = record.authors;
  const count = Math.max(paper.authorsCount ?? 0, record.authorsCount ?? 0, paper.authors?.length ?? 0);
  if (count > 0) paper.authorsCount = count;
  paper.doi ??= record.doi;
  paper.arxivId ??= record.arxivId;
  paper.url ??= record.url;
  paper.venue ??= record.venue;
  paper.givenId ??= record.givenId;
  paper.rights ??= record.rights;
}
