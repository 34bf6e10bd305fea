/**
 * Shapes shared by the ingest parsers (re-exported by the barrel where callers need them).
 */
import type { InputFormat, PaperRecord, SourceRef } from '../model.js';
import type { TextEncoding } from './lines.js';

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

/**
 * What a parser yields: a record (with the warnings of what was changed in it, such as an
 * abstract cut at the limit), or a problem that replaced one.
 */
export type ReadItem = { record: RawRecord; warnings?: IngestProblem[] } | { problem: IngestProblem };

/**
 * Size limits of one input record, checked at ingest so that one oversized record cannot
 * exhaust memory in a later stage (all in characters).
 */
export interface RecordLimits {
  /** An abstract longer than this is cut to it, with a warning. */
  maxAbstractChars: number;
  /** Any other field (title, venue, one author, URL…) longer than this is cut to it, with a warning. */
  maxFieldChars: number;
  /** A record whose raw text is longer than this is skipped unparsed (a JSON line, a BibTeX entry, a RIS record, a CSV row, a listing line). */
  maxRecordChars: number;
}

/**
 * Defaults of {@link RecordLimits}: several times the longest real abstracts and titles, and
 * room for an OpenAlex work with thousands of authorships.
 */
export const RECORD_LIMITS: RecordLimits = { maxAbstractChars: 20_000, maxFieldChars: 2_000, maxRecordChars: 10_000_000 };

/** Progress of reading one file, in bytes. */
export type ByteProgress = (bytesRead: number) => void;

/** What every format's reader receives. */
export interface ReaderContext {
  /** The file path as given (used in sources and problems). */
  file: string;
  format: InputFormat;
  onBytes?: ByteProgress;
  /** Size limits of one record. */
  limits: RecordLimits;
  /** The file's text encoding. */
  encoding: TextEncoding;
}

/** Reasons longer than this are cut (they quote input, which may be a whole file). */
const MAX_REASON_LENGTH = 300;

// C0 controls other than tab and line feed, DEL, C1 controls, and the bidirectional overrides
// that can reorder what a terminal shows.
const UNPRINTABLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/**
 * `text` with every control character but tab and line feed written as an escape (`\x00`,
 * `\x1b`, `\u202e`), so that printing it cannot drive the terminal.
 */
export function escapeControls(text: string): string {
  return text.replace(UNPRINTABLE, (ch) => {
    const code = ch.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * `text` made safe to print on one terminal line: whitespace runs folded into one space,
 * control characters written as escapes (see {@link escapeControls}), and cut to `max`
 * characters with `…` (a reason often quotes input, which may be a whole file).
 */
export function excerpt(text: string, max = MAX_REASON_LENGTH): string {
  // Cut first, so that escaping a huge input costs no more than escaping its excerpt.
  const head = text.length > max * 2 ? text.slice(0, max * 2) : text;
  const safe = escapeControls(head.replace(/[\t\n\v\f\r \u0085\u00A0\u2028\u2029]+/g, ' ')).trim();
  return safe.length > max || head !== text ? `${cutAt(safe, max - 1)}…` : safe;
}

/** `text` cut to at most `max` characters, never between the two halves of a surrogate pair. */
export function cutAt(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/**
 * Builds a problem for `file`. The reason is made one safe line, cut when long: it is printed
 * as `file:line: reason`, one problem a line, and often quotes the input.
 */
export function problem(file: string, line: number | undefined, kind: string, reason: string): { problem: IngestProblem } {
  return { problem: describe(file, line, kind, reason) };
}

/** An {@link IngestProblem} with its reason made one safe line (see {@link excerpt}). */
export function describe(file: string, line: number | undefined, kind: string, reason: string): IngestProblem {
  const text = excerpt(reason);
  return line === undefined ? { file, kind, reason: text } : { file, line, kind, reason: text };
}
