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

/** Builds a problem for `file`. */
export function problem(file: string, line: number | undefined, kind: string, reason: string): { problem: IngestProblem } {
  return { problem: line === undefined ? { file, kind, reason } : { file, line, kind, reason } };
}
