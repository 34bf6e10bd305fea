/**
 * Format detection: by extension first, then by content for `.txt` and unknown extensions.
 */
import { extname } from 'node:path';
import type { InputFormat } from '../model.js';
import { peekText } from './lines.js';

/** Extensions read when a directory is given (a `.gz` of any of them too). */
export const KNOWN_EXTENSIONS = ['txt', 'xml', 'atom', 'bib', 'bibtex', 'ris', 'csv', 'tsv', 'json', 'jsonl', 'ndjson'] as const;

const BY_EXTENSION: Record<string, InputFormat> = {
  xml: 'arxiv',
  atom: 'arxiv',
  bib: 'bibtex',
  bibtex: 'bibtex',
  ris: 'ris',
  csv: 'csv',
  tsv: 'csv',
  json: 'jsonl',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
};

/** The format of a file's content (its first few kilobytes). */
export function detectFromContent(head: string): InputFormat {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('<')) return 'arxiv';
  if (text.startsWith('{') || text.startsWith('[')) return 'jsonl';
  if (/^TY {2}- /m.test(text.slice(0, 2000))) return 'ris';
  if (/^\s*@[A-Za-z]+\s*[{(]/m.test(text.slice(0, 4000))) return 'bibtex';
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (/(^|[,\t;"])\s*"?(title|article title|ti)"?\s*([,\t;]|$)/i.test(firstLine) && /[,\t;]/.test(firstLine)) return 'csv';
  return 'listing';
}

/** Detects the format of `file` (extension, then content for `.txt` or unknown extensions). */
export async function detectFormat(file: string): Promise<InputFormat> {
  const ext = extname(file.replace(/\.gz$/i, '')).slice(1).toLowerCase();
  const byExt = BY_EXTENSION[ext];
  if (byExt) return byExt;
  return detectFromContent(await peekText(file, 8192));
}

// Control characters other than tab, line feed, form feed and carriage return.
const CONTROL = /[\u0000-\u0008\u000E-\u001F]/g;

/**
 * True for binary content: several NUL bytes, or more than one character in twenty a control
 * character. A stray NUL or two in a text export is damage to one record, not a binary file.
 */
function looksBinary(sample: string): boolean {
  const nul = sample.split('\u0000').length - 1;
  if (nul >= 4) return true;
  const controls = sample.match(CONTROL)?.length ?? 0;
  return controls > 8 && controls * 20 > sample.length;
}

/** What the start of a file plainly is, when it is recognisably something. */
interface SeenContent {
  what: string;
  /** The format that reads it, if any. */
  format?: InputFormat;
  /** Seen at the very start of the file (not just on some line of it). */
  atStart: boolean;
}

function describeContent(head: string): SeenContent | undefined {
  const text = head.trimStart();
  if (text.startsWith('%PDF-')) return { what: 'a PDF file', atStart: true };
  if (looksBinary(text.slice(0, 4096))) return { what: 'a binary file', atStart: true };
  if (text.startsWith('<')) return { what: 'XML', format: 'arxiv', atStart: true };
  if (text.startsWith('{') || text.startsWith('[')) return { what: 'JSON', format: 'jsonl', atStart: true };
  if (/^TY {1,2}-/m.test(text)) return { what: 'RIS', format: 'ris', atStart: false };
  if (/^\s*@[A-Za-z]+\s*[{(]/m.test(text)) return { what: 'BibTeX', format: 'bibtex', atStart: false };
  if (/^#{1,6}\s+\S/m.test(text) || /^```/m.test(text)) return { what: 'Markdown text', atStart: false };
  return undefined;
}

// What a file of each structured format shows near its start.
const SIGNATURE: Partial<Record<InputFormat, (head: string) => boolean>> = {
  arxiv: (head) => head.trimStart().startsWith('<'),
  jsonl: (head) => /^\s*[[{]/.test(head),
  ris: (head) => /^TY {1,2}-/m.test(head),
  bibtex: (head) => /^\s*@[A-Za-z]+\s*[{(]/m.test(head),
};

const READABLE = 'PaperGraph reads listing dumps, arXiv Atom, BibTeX, RIS, CSV/TSV and JSON/JSONL';

/** True when a file starting with `head` may be `format`. */
function mayBe(head: string, format: InputFormat, seen: SeenContent | undefined): boolean {
  if (seen && seen.atStart && !seen.format) return false; // PDF, binary
  const signature = SIGNATURE[format];
  if (signature) return signature(head);
  // CSV cells may hold anything on a line of their own; a listing is plain text, nothing else.
  if (format === 'csv') return !seen?.atStart || seen.format === 'csv';
  return !seen;
}

/**
 * Why a file whose content starts with `head` is plainly not `format` (said once for the
 * whole file, instead of one problem per line), or undefined when it may be. `detected`
 * says the format was guessed, not asked for with `--format`.
 */
export function contentMismatch(head: string, format: InputFormat, detected: boolean): string | undefined {
  if (!head.trim()) return undefined;
  const seen = describeContent(head);
  if (mayBe(head, format, seen)) return undefined;
  const what = seen ? `it looks like ${seen.what}` : `it does not start like ${format}`;
  if (detected) return `not an input format PaperGraph reads: ${what}. ${READABLE}`;
  const hint = seen?.format && seen.format !== format ? `; try --format ${seen.format} (or leave --format out)` : '';
  return `not ${format} as --format says: ${what}${hint}`;
}
