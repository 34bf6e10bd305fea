/**
 * arXiv API Atom feeds
 * ====================
 *
 * Streamed through `saxes` (a small, strict, well-kept SAX parser): only the current
 * `<entry>` is held. The arXiv id comes from the entry's `<id>` URL without its version
 * (`arxiv:` identity), the DOI from `<arxiv:doi>`. XML that is not well-formed costs the
 * entry it is in, which is reported with its line (a truncated download reports the entry
 * that was cut); saxes reads on after an error, so the entries after it are kept. A file
 * that keeps failing (not XML at all) is given up after {@link MAX_XML_ERRORS} errors.
 */
import { SaxesParser } from 'saxes';
import { openText } from './lines.js';
import { toReadItem, type LooseFields } from './record.js';
import { problem, type ReadItem, type ReaderContext } from './types.js';

/** XML errors outside entries after which the rest of a file is skipped. */
export const MAX_XML_ERRORS = 20;

interface OpenEntry {
  line: number;
  /** The first XML error inside the entry: the entry is then a problem, not a record. */
  error?: string;
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
  let errors = 0;

  parser.on('opentag', (tag) => {
    const name = tag.name;
    path.push(name);
    text = '';
    if (localName(name) === 'entry') {
      // An entry whose end tag went missing: reported, and the new one read.
      if (entry) queue.push(problem(file, entry.line, 'xml-syntax', `entry malformed: ${entry.error ?? 'not closed before the next <entry>'}`));
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
        if (done.error) {
          queue.push(problem(file, done.line, 'xml-syntax', `entry malformed: ${done.error}`));
          break;
        }
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
    const reason = cleanSaxMessage(error.message);
    if (entry) {
      entry.error ??= reason;
      return;
    }
    if (failed) return;
    queue.push(problem(file, parser.line, 'xml-syntax', `malformed XML: ${reason}`));
    if (++errors < MAX_XML_ERRORS) return;
    failed = true;
    queue.push(problem(file, parser.line, 'xml-syntax', `${MAX_XML_ERRORS} XML errors: the rest of the file is skipped`));
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
  // An entry still open at the end was cut off (a truncated download).
  if (entry) queue.push(problem(file, entry.line, 'truncated-xml', `entry cut off or malformed: ${entry.error ?? 'the file ends inside it'}`));
  yield* queue.splice(0);
}

/** saxes prefixes messages with `line:column: `; the problem line says where already. */
function cleanSaxMessage(message: string): string {
  return message.replace(/^[^:]*\d+:\d+:\s*/, '').replace(/\s+/g, ' ');
}
