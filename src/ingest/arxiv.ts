/**
 * arXiv API Atom feeds
 * ====================
 *
 * Streamed through `saxes` (a small, strict, well-kept SAX parser): only the current
 * `<entry>` is held. The arXiv id comes from the entry's `<id>` URL without its version
 * (`arxiv:` identity), the DOI from `<arxiv:doi>`. XML that is not well-formed stops the
 * file at the error, which is reported with its line (a truncated download reports the
 * entry that was cut).
 */
import { SaxesParser } from 'saxes';
import { openText } from './lines.js';
import { toReadItem, type LooseFields } from './record.js';
import { problem, type ReadItem, type ReaderContext } from './types.js';

interface OpenEntry {
  line: number;
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

/** Streams the entries of an Atom feed. */
export async function* readArxiv(ctx: ReaderContext): AsyncGenerator<ReadItem> {
  const { file } = ctx;
  const parser = new SaxesParser({ position: true });
  const queue: ReadItem[] = [];
  const path: string[] = [];
  let entry: OpenEntry | undefined;
  let text = '';
  let failed = false;

  parser.on('opentag', (tag) => {
    const name = tag.name;
    path.push(name);
    text = '';
    if (localName(name) === 'entry') {
      entry = { line: parser.line, id: '', title: '', summary: '', published: '', doi: '', journal: '', url: '', authors: [] };
    } else if (entry && localName(name) === 'link') {
      const attrs = tag.attributes as Record<string, string>;
      if ((attrs.rel ?? 'alternate') === 'alternate' && attrs.href && !entry.url) entry.url = attrs.href;
    }
  });
  parser.on('text', (t) => {
    if (entry) text += t;
  });
  parser.on('cdata', (t) => {
    if (entry) text += t;
  });
  parser.on('closetag', (tag) => {
    path.pop();
    if (!entry) return;
    const name = tag.name;
    const parent = path[path.length - 1] ?? '';
    switch (name === 'arxiv:doi' || name === 'arxiv:journal_ref' ? name : localName(name)) {
      case 'entry': {
        const done = entry;
        entry = undefined;
        if (/\/api\/errors/.test(done.id)) {
          queue.push(problem(file, done.line, 'arxiv-api-error', `the feed holds an API error: ${done.summary.trim()}`));
          break;
        }
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
        queue.push(toReadItem(fields, file, done.line, ctx.format));
        break;
      }
      case 'id':
        if (localName(parent) === 'entry') entry.id = text.trim();
        break;
      case 'title':
        if (localName(parent) === 'entry') entry.title = text;
        break;
      case 'summary':
        entry.summary = text;
        break;
      case 'published':
        entry.published = text.trim();
        break;
      case 'name':
        if (localName(parent) === 'author') entry.authors.push(text);
        break;
      case 'arxiv:doi':
        entry.doi = text.trim();
        break;
      case 'arxiv:journal_ref':
        entry.journal = text;
        break;
    }
    text = '';
  });
  parser.on('error', (error) => {
    if (failed) return;
    failed = true;
    const where = entry ? entry.line : parser.line;
    const what = entry ? 'entry cut off or malformed' : 'malformed XML';
    queue.push(problem(file, where, entry ? 'truncated-xml' : 'xml-syntax', `${what}: ${cleanSaxMessage(error.message)}`));
  });

  let first = true;
  for await (const chunk of openText(file, ctx.onBytes)) {
    let piece = String(chunk);
    if (first) piece = piece.replace(/^\uFEFF/, '');
    first = false;
    parser.write(piece);
    yield* queue.splice(0);
    if (failed) return;
  }
  parser.close();
  yield* queue.splice(0);
}

/** saxes prefixes messages with `line:column: `; the problem line says where already. */
function cleanSaxMessage(message: string): string {
  return message.replace(/^[^:]*\d+:\d+:\s*/, '').replace(/\s+/g, ' ');
}
