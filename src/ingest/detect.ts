/**
 * Format detection: by extension first, then by content for `.txt` and unknown extensions.
 */
import { extname } from 'node:path';
import { detect as detectCharset } from 'chardet';
import type { InputFormat } from '../model.js';
import { peekText, type TextEncoding } from './lines.js';

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

/** File signatures ("magic numbers", -1 for any byte) of formats people pass by mistake: what each one is. */
const MAGIC: readonly [bytes: readonly number[], what: string][] = [
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'a PDF file'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (or a .docx/.xlsx/.odt document): unpack it, or save it as CSV'],
  [[0x50, 0x4b, 0x05, 0x06], 'an empty ZIP archive'],
  [[0x1f, 0x8b], 'gzip-compressed data: name the file with a .gz ending, or gunzip it'],
  [[0x42, 0x5a, 0x68, -1, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59], 'bzip2-compressed data: decompress it first'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'xz-compressed data: decompress it first'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'zstd-compressed data: decompress it first'],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], 'a 7-Zip archive'],
  [[0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], 'a RAR archive'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an executable (ELF)'],
  [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'an old Office document (.doc/.xls): save it as CSV'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66], 'an SQLite database'],
  [[0x49, 0x49, 0x2a, 0x00], 'a TIFF image'],
  [[0x4d, 0x4d, 0x00, 0x2a], 'a TIFF image'],
  [[0x00, 0x00, 0xfe, 0xff], 'UTF-32 (big endian) text: save it as UTF-8'],
  [[0xff, 0xfe, 0x00, 0x00], 'UTF-32 (little endian) text: save it as UTF-8'],
];

const startsWith = (head: Uint8Array, bytes: readonly number[]) => bytes.every((b, k) => b < 0 || head[k] === b);

/**
 * Why the raw start of a file (decompressed) cannot be read as text input, or undefined when it
 * may be: a known binary signature, or bytes that are neither UTF-8 nor UTF-16, named by their
 * likely encoding. `encoding` is what `sniffEncoding` found.
 */
export function binaryOrForeign(head: Uint8Array, encoding: TextEncoding): { kind: 'wrong-format' | 'unknown-encoding'; reason: string } | undefined {
  const magic = MAGIC.find(([bytes]) => startsWith(head, bytes));
  if (magic) return { kind: 'wrong-format', reason: `not an input format PaperGraph reads: it looks like ${magic[1]}` };
  if (encoding !== 'utf-8') return undefined;
  // The sample may end inside a character: `stream: true` does not count that as an error.
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return undefined;
  } catch {
    const name = detectCharset(head);
    const seen = name && !/^UTF-(8|16)/i.test(name) ? `it looks like ${name}` : 'it holds bytes that are not UTF-8';
    const hint = name && !/^UTF/i.test(name) ? `; convert it with \`iconv -f ${name} -t UTF-8\`` : '; save it as UTF-8';
    return { kind: 'unknown-encoding', reason: `not UTF-8 or UTF-16 text: ${seen}${hint}` };
  }
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
