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
 */
import { openText, readLines } from './lines.js';
import { toReadItem } from './record.js';
import { problem, type ReadItem, type ReaderContext } from './types.js';

const ENTRY_START = /^\s*@\s*([A-Za-z]+)\s*[{(]/;

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
    let library;
    try {
      library = parse(`${strings.join('\n')}\n${c.text}`, { sentenceCase: false, english: false, unsupported: 'ignore' });
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
      a.name ?? [a.firstName, a.prefix, a.lastName, a.suffix].filter(Boolean).join(' '),
    );
    const arxiv =
      (f.archiveprefix ?? f.eprinttype ?? '').toLowerCase() === 'arxiv' ? f.eprint : /arxiv/i.test(f.url ?? '') ? f.url : undefined;
    return toReadItem(
      {
        title: f.title,
        abstract: f.abstract,
        date: f.date,
        year: f.year,
        url: f.url,
        doi: f.doi,
        arxivId: arxiv,
        authors,
        venue: f.journal ?? f.journaltitle ?? f.booktitle,
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
