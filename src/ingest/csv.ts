/**
 * CSV and TSV
 * ===========
 *
 * Parsed with `csv-parse` in streaming mode (quoted fields, embedded newlines, BOM). The
 * header row is mapped to fields by common column names (Scopus, Web of Science, Zotero,
 * OpenAlex and hand-made exports alike). A row whose column count differs from the header is
 * skipped and reported with its line; the delimiter (comma, tab, semicolon) is read from the
 * header line.
 */
import { parse, type CsvError } from 'csv-parse';
import { openText, peekText } from './lines.js';
import { toReadItem, type LooseFields } from './record.js';
import { problem, type ReadItem, type ReaderContext } from './types.js';

type Field = keyof LooseFields;

/** Column names (folded: lower case, letters and digits only) → field. */
const COLUMN_NAMES: Record<string, Field> = {};
const addNames = (field: Field, names: string) => {
  for (const n of names.split(' ')) COLUMN_NAMES[n] = field;
};
addNames('title', 'title articletitle papertitle documenttitle ti t1 displayname');
addNames('abstract', 'abstract ab abstractnote summary description n2');
addNames('year', 'year publicationyear py pubyear');
addNames('date', 'date publicationdate published pd da');
addNames('doi', 'doi di');
addNames('url', 'url link ur href landingpageurl');
addNames('authors', 'author authors au creators');
addNames('venue', 'venue journal sourcetitle publicationtitle so jo booktitle');
addNames('arxivId', 'arxivid arxiv eprint');
addNames('upvotes', 'upvotes votes');
addNames('authorsCount', 'authorscount numauthors');

const fold = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Maps header cells to field names (undefined for columns not used). */
export function mapHeader(header: string[]): (Field | undefined)[] {
  const seen = new Set<Field>();
  return header.map((cell) => {
    const field = COLUMN_NAMES[fold(cell)];
    if (!field || seen.has(field)) return undefined;
    seen.add(field);
    return field;
  });
}

/** The delimiter of the header line: tab, semicolon or comma, whichever is most frequent. */
export function sniffDelimiter(headerLine: string, file: string): string {
  if (/\.tsv(\.gz)?$/i.test(file)) return '\t';
  const count = (ch: string) => headerLine.split(ch).length - 1;
  const candidates: [string, number][] = [
    ['\t', count('\t')],
    [';', count(';')],
    [',', count(',')],
  ];
  candidates.sort((a, b) => b[1] - a[1]);
  return candidates[0]![1] > 0 ? candidates[0]![0] : ',';
}

/** Streams the records of a CSV/TSV file. */
export async function* readCsv(ctx: ReaderContext): AsyncGenerator<ReadItem> {
  const { file } = ctx;
  const head = await peekText(file, 16 * 1024);
  const delimiter = sniffDelimiter(head.split(/\r?\n/, 1)[0] ?? '', file);
  const parser = openText(file, ctx.onBytes).pipe(
    parse({ delimiter, bom: true, info: true, relax_quotes: true, relax_column_count: true, skip_empty_lines: true }),
  );
  let header: string[] | undefined;
  let fields: (Field | undefined)[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      // `info.lines` is the record's last line; quoted fields may span lines.
      const line = info.lines - (record.join('').match(/\r\n|\n|\r/g)?.length ?? 0);
      if (!header) {
        header = record;
        fields = mapHeader(record);
        if (!fields.includes('title')) {
          yield problem(file, line, 'csv-no-title-column', `no title column in the header (${record.join(', ')})`);
          parser.destroy();
          return;
        }
        continue;
      }
      if (record.length !== header.length) {
        yield problem(file, line, 'csv-column-count', `row has ${record.length} columns, the header has ${header.length}`);
        continue;
      }
      const loose: LooseFields = {};
      record.forEach((value, k) => {
        const field = fields[k];
        if (!field) return;
        if (field === 'authors') loose.authors = value.split(/\s*;\s*/);
        else (loose as Record<string, unknown>)[field] = value;
      });
      yield toReadItem(loose, file, line, ctx.format);
    }
  } catch (error) {
    const e = error as CsvError & { lines?: number };
    if (!e.code?.startsWith('CSV_')) throw error;
    // A syntax error (say an unclosed quote) leaves the rest of the file unreadable.
    yield problem(file, e.lines, 'csv-syntax', `${e.message.replace(/\s+/g, ' ')}; rest of the file skipped`);
    return;
  }
  if (!header) yield problem(file, 1, 'empty-file', 'no header row');
}
