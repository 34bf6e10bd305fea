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
