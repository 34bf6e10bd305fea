/**
 * BibTeX
 * ======
 *
 * Entries are cut off the line stream one at a time (an entry starts at a line opening with
 * `@type{`), then each is parsed by `@retorquere/bibtex-parser`, a well-kept parser used by
 * Zotero's Better BibTeX, which decodes LaTeX (`{\"o}` → ö, `\&` → &) and reports syntax
 * errors per entry. Cutting first keeps memory flat on large exports and lets one broken
 * entry (say an unclosed brace) be reported with its line while the entries after it are read.
 * `@string` macros are collected and applied to the entries that follow them.
 *
 * Text fields come out as plain text: the parser renders `\emph`, `\textbf`, `\url`, small
 * caps and the like as HTML tags, which are taken off again (its output holds no other `<`:
 * a `<` typed in text mode is "¡" to TeX and to the parser), and citation commands are dropped
 * before parsing (the parser would keep their keys as words).
 */
import { openText, readLines } from './lines.js';
import { toReadItem } from './record.js';
import { monthNumber } from './text.js';
import { problem, type ReadItem, type ReaderContext } from './types.js';

const ENTRY_START = /^\s*@\s*([A-Za-z]+)\s*[{(]/;

/**
 * Entries longer than this are skipped as broken: no real entry comes near it, and the
 * parser takes seconds per 100,000 characters (about 20–60 µs a character).
 */
export const MAX_ENTRY_CHARS = 100_000;

// `\cite{a}`, `\citep[p.~3]{a,b}`, `\parencite*{a}`, `\nocite{a}`…, with the space before them.
const CITATION = /\s*\\(?:[A-Za-z]*cite[A-Za-z]*)\*?(?:\s*\[[^\]]*\]){0,2}\s*\{[^{}]*\}/g;

// The tags the parser writes for markup (see `restoreMarkup` in @retorquere/bibtex-parser).
const PARSER_MARKUP = /<\/?(?:i|b|sup|sub|code|p|br|li|ul|blockquote|h[1-6]|span|a)(?:\s+(?:class|style|href)="[^"]*")?\s*\/?>/g;

/** A parsed text field as plain text: the parser's markup tags removed. */
export function plainText(value: string | undefined): string | undefined {
  return value?.includes('<') ? value.replace(PARSER_MARKUP, '') : value;
}

/** The ISO date of an entry's `year` and `month` (a number, a name or a month macro). */
export function yearMonth(year: string | undefined, month: string | undefined): string | undefined {
  if (!year || !/^\d{4}$/.test(year.trim())) return year;
  const text = month?.trim() ?? '';
  const number = /^\d{1,2}$/.test(text) ? Number(text) : monthNumber(text);
  return number !== undefined && number >= 1 && number <= 12 ? `${year.trim()}-${String(number).padStart(2, '0')}` : year;
}

interface Chunk {
  line: number;
  type: string;
  text: string;
}

/** Brace depth change of one line, ignoring escaped braces. */
function braceDelta(line: string): number {
  let delta = 0;
  for (let k = 0; k < line.length; k++) {
    const ch = line[k];
    if (ch === '\\') {
      k++;
      continue;
    }
    if (ch === '{') delta++;
    else if (ch === '}') delta--;
  }
  return delta;
}

/** Streams the entries of a BibTeX file. */
export async function* readBibtex(ctx: ReaderContext): AsyncGenerator<ReadItem> {
  const { file } = ctx;
  // Loaded on first use: the parser is large, and most runs read no BibTeX.
  const { parse } = await import('@retorquere/bibtex-parser');
  let chunk: Chunk | undefined;
  let depth = 0;
  const strings: string[] = [];

  const finish = function* (c: Chunk, interrupted: boolean): Generator<ReadItem> {
    const type = c.type.toLowerCase();
    if (type === 'comment' || type === 'preamble') return;
    if (type === 'string') {
      strings.push(c.text);
      return;
    }
    yield parseEntry(c, interrupted);
  };

  const parseEntry = (c: Chunk, interrupted: boolean): ReadItem => {
    if (interrupted) {
      return problem(file, c.line, 'bibtex-syntax', `entry @${c.type} is not closed (unbalanced braces) before the next entry`);
    }
    if (c.text.length > MAX_ENTRY_CHARS) {
      return problem(file, c.line, 'bibtex-too-long', `entry @${c.type} is ${c.text.length} characters long, over ${MAX_ENTRY_CHARS}: skipped (a brace or quote missing?)`);
    }
    let library;
    try {
      library = parse(`${strings.join('\n')}\n${c.text.replace(CITATION, '')}`, { sentenceCase: false, english: false, unsupported: 'ignore' });
    } catch (error) {
      return problem(file, c.line, 'bibtex-syntax', `cannot parse @${c.type} entry: ${oneLine((error as Error).message)}`);
    }
    if (library.errors.length || library.entries.length !== 1) {
      const reason = library.errors[0]?.error ?? 'no entry found';
      return problem(file, c.line, 'bibtex-syntax', `cannot parse @${c.type} entry: ${oneLine(reason)}`);
    }
    const entry = library.entries[0]!;
    const f = entry.fields;
    const authors = (f.author ?? []).map((a) =>
      plainText(a.name ?? [a.firstName, a.prefix, a.lastName, a.suffix].filter(Boolean).join(' ')),
    );
    const arxiv =
      (f.archiveprefix ?? f.eprinttype ?? '').toLowerCase() === 'arxiv' ? f.eprint : /arxiv/i.test(f.url ?? '') ? f.url : undefined;
    return toReadItem(
      {
        title: plainText(f.title),
        abstract: plainText(f.abstract),
        date: f.date,
        year: yearMonth(f.year, f.month),
        url: f.url,
        doi: f.doi,
        arxivId: arxiv,
        authors,
        venue: plainText(f.journal ?? f.journaltitle ?? f.booktitle),
      },
      file,
      c.line,
      ctx.format,
    );
  };

  for await (const { number, text } of readLines(openText(file, ctx.onBytes))) {
    const start = ENTRY_START.exec(text);
    if (start) {
      // A new entry header while the previous entry's braces are still open: that entry is broken.
      if (chunk) yield* finish(chunk, depth > 0);
      chunk = { line: number, type: start[1]!, text: '' };
      depth = 0;
    }
    if (!chunk) continue;
    chunk.text += `${text}\n`;
    depth += braceDelta(text);
    if (depth <= 0 && /[})]\s*,?\s*$/.test(text) && chunk.text.includes('{')) {
      yield* finish(chunk, false);
      chunk = undefined;
      depth = 0;
    }
  }
  if (chunk) {
    if (depth > 0) yield problem(file, chunk.line, 'bibtex-syntax', `entry @${chunk.type} is not closed (unbalanced braces) at the end of the file`);
    else yield* finish(chunk, false);
  }
}

// The parser's own positions count from the entry (plus any @string lines before it); the
// problem line already says where the entry starts.
const oneLine = (s: string) =>
  s
    .replace(/\s+/g, ' ')
    .replace(/\s*at line \d+, column \d+/g, '')
    .trim();
