/**
 * Shapes shared by the ingest parsers (re-exported by the barrel where callers need them).
 */
import type { InputFormat, PaperRecord, SourceRef } from '../model.js';

/** One malformed or unusable input record (or file), reported as `file:line: reason`. */
export interface IngestProblem {
  file: string;
  /** 1-based line of the record, when the problem belongs to one record. */
  line?: number;
  /** Human-readable reason, e.g. `missing abstract`. */
  reason: string;
  /** Short kind used for the summary, e.g. `missing-abstract`. */
  kind: string;
}

/**
 * One paper as one input record describes it, before deduplication. `givenId` is the
 * record's own id (a JSON `id` that is neither a DOI nor an arXiv id): the paper's identity.
 */
export type RawRecord = Omit<PaperRecord, 'id' | 'sources'> & { source: SourceRef; givenId?: string };

/** What a parser yields: a record, or a problem that replaced one. */
export type ReadItem = { record: RawRecord } | { problem: IngestProblem };

/** Progress of reading one file, in bytes. */
export type ByteProgress = (bytesRead: number) => void;

/** What every format's reader receives. */
export interface ReaderContext {
  /** The file path as given (used in sources and problems). */
  file: string;
  format: InputFormat;
  onBytes?: ByteProgress;
}

/** Reasons longer than this are cut (they quote input, which may be a whole file). */
const MAX_REASON_LENGTH = 300;

/**
 * Builds a problem for `file`. The reason is made one line, and cut when long: it is printed
 * as `file:line: reason`, one problem a line, and often quotes the input.
 */
export function problem(file: string, line: number | undefined, kind: string, reason: string): { problem: IngestProblem } {
  let text = reason.replace(/\s+/g, ' ').trim();
  if (text.length > MAX_REASON_LENGTH) text = `${text.slice(0, MAX_REASON_LENGTH - 1)}…`;
  return { problem: line === undefined ? { file, kind, reason: text } : { file, line, kind, reason: text } };
}
