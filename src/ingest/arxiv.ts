/**
 * arXiv API Atom feeds
 * ====================
 *
 * The feed is cut into its `<entry>…</entry>` elements as it streams in (only the current
 * entry is held), and each entry is parsed on its own by `saxes` (a small, strict, well-kept
 * SAX parser). Damage therefore stays in the entry it is in: a malformed entry is reported
 * with its line and the entries around it are read, and an entry cut off by the end of the
 * file (a truncated download) is reported as such. The arXiv id comes from the entry's `<id>`
 * URL without its version (`arxiv:` identity), the DOI from `<arxiv:doi>`.
 */
import { SaxesParser } from 'saxes';
import { openText } from './lines.js';
import { toReadItem, type LooseFields } from './record.js';
import { problem, type ReadItem, type ReaderContext } from './types.js';

interface EntryFields {
  id: string;
  title: string;
  summary: string;
  published: string;
  doi: string;
  journal: string;
  url: string;
  authors: string[];
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

// An entry's start and end tags, with or without a namespace prefix.
const ENTRY_OPEN = /<(?:[A-Za-z_][\w.-]*:)?entry(?=[\s>/])/g;
const ENTRY_CLOSE = /<\/(?:[A-Za-z_][\w.-]*:)?entry\s*>/g;

/** The fields of one `<entry>…</entry>` text, or the first XML error in it. */
export function parseEntry(xml: string): { fields: EntryFields } | { error: string } {
  const parser = new SaxesParser();
  const entry: EntryFields = { id: '', title: '', summary: '', published: '', doi: '', journal: '', url: '', authors: [] };
  const path: string[] = [];
  let text = '';
  let error: string | undefined;
  parser.on('opentag', (tag) => {
    path.push(tag.name);
    text = '';
    if (localName(tag.name) === 'link') {
      const attrs = tag.attributes as Record<string, string>;
      if ((attrs.rel ?? 'alternate') === 'alternate' && attrs.href && !entry.url) entry.url = attrs.href;
    }
  });
  parser.on('text', (t) => (text += t));
  parser.on('cdata', (t) => (text += t));
  parser.on('closetag', (tag) => {
    path.pop();
    const parent = localName(path[path.length - 1] ?? '');
    const name = tag.name === 'arxiv:doi' || tag.name === 'arxiv:journal_ref' ? tag.name : localName(tag.name);
    if (name === 'id' && parent === 'entry') entry.id = text.trim();
    else if (name === 'title' && parent === 'entry') entry.title = text;
    else if (name === 'summary') entry.summary = text;
    else if (name === 'published') entry.published = text.trim();
    else if (name === 'name' && parent === 'author') entry.authors.push(text);
    else if (name === 'arxiv:doi') entry.doi = text.trim();
    else if (name === 'arxiv:journal_ref') entry.journal = text;
    text = '';
  });
  parser.on('error', (e) => (error ??= cleanSaxMessage(e.message)));
  parser.write(xml).close();
  return error === undefined ? { fields: entry } : { error };
}

/** One entry's text as a record or a problem. */
function entryItem(xml: string, line: number, ctx: ReaderContext): ReadItem {
  const parsed = parseEntry(xml);
  if ('error' in parsed) return problem(ctx.file, line, 'xml-syntax', `entry malformed: ${parsed.error}`);
  const done = parsed.fields;
  if (/\/api\/errors/.test(done.id)) return problem(ctx.file, line, 'arxiv-api-error', `the feed holds an API error: ${done.summary.trim()}`);
  const fields: LooseFields = {
    title: done.title,
    abstract: done.summary,
    date: done.published,
    url: done.url || done.id,
    doi: done.doi,
    arxivId: /arxiv\.org/i.test(done.id) ? done.id : undefined,
    authors: done.authors,
    venue: done.journal,
  };
  return toReadItem(fields, ctx.file, line, ctx.format);
}

const countLines = (text: string, from: number, to: number): number => {
  let n = 0;
  for (let k = text.indexOf('\n', from); k >= 0 && k < to; k = text.indexOf('\n', k + 1)) n++;
  return n;
};

/** Streams the entries of an Atom feed. */
export async function* readArxiv(ctx: ReaderContext): AsyncGenerator<ReadItem> {
  const { file } = ctx;
  // `buffer` starts at line `line`; `open` is the start of the current entry in it, if any.
  let buffer = '';
  let line = 1;
  let open: number | undefined;
  // Where to look for the open entry's end: a long entry arriving in many chunks is scanned once.
  let searchFrom = 1;
  let first = true;
  // Drops the buffer up to `to`, counting the lines it held.
  const advance = (to: number) => {
    line += countLines(buffer, 0, to);
    buffer = buffer.slice(to);
  };
  for await (const chunk of openText(file, ctx.onBytes)) {
    let piece = String(chunk);
    if (first) piece = piece.replace(/^\uFEFF/, '');
    first = false;
    buffer += piece;
    for (;;) {
      if (open === undefined) {
        ENTRY_OPEN.lastIndex = 0;
        const start = ENTRY_OPEN.exec(buffer);
        if (!start) {
          // Keep a possible tag start cut by the chunk boundary.
          const keep = buffer.lastIndexOf('<');
          advance(keep < 0 ? buffer.length : keep);
          break;
        }
        advance(start.index);
        open = 0;
        searchFrom = 1;
      }
      // The end of this entry, unless the next one starts first (an end tag went missing).
      ENTRY_CLOSE.lastIndex = searchFrom;
      const close = ENTRY_CLOSE.exec(buffer);
      ENTRY_OPEN.lastIndex = searchFrom;
      const next = ENTRY_OPEN.exec(buffer);
      if (next && (!close || next.index < close.index)) {
        yield problem(file, line, 'xml-syntax', 'entry malformed: not closed before the next <entry>');
        advance(next.index);
        searchFrom = 1;
        continue;
      }
      if (!close) {
        // A tag cut by the chunk boundary is looked at again with the next chunk.
        searchFrom = Math.max(1, buffer.length - 16);
        break;
      }
      searchFrom = 1;
      const end = close.index + close[0].length;
      yield entryItem(buffer.slice(0, end), line, ctx);
      advance(end);
      open = undefined;
    }
  }
  if (open !== undefined) yield problem(file, line, 'truncated-xml', 'entry cut off or malformed: the file ends inside it');
}

/** saxes prefixes messages with `line:column: `; the problem line says where already. */
function cleanSaxMessage(message: string): string {
  return message.replace(/^[^:]*\d+:\d+:\s*/, '').replace(/\s+/g, ' ');
}
