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
  const skipped: ReadItem[] = [];
  const parser = openText(file, ctx.onBytes).pipe(
    parse({
      delimiter,
      bom: true,
      info: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error: CsvError | undefined) => {
        if (!error) return undefined;
        const e = error as CsvError & { lines?: number; record?: unknown[] };
        const reason =
          error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
            ? `row has ${Array.isArray(e.record) ? e.record.length : 'a different number of'} columns, the header has ${fields.length}`
            : error.message.replace(/\s+/g, ' ');
        const kind = error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' ? 'csv-column-count' : 'csv-syntax';
        skipped.push(problem(file, e.lines, kind, reason));
        return undefined;
      },
    }),
  );
  let fields: (Field | undefined)[] = [];
  let headerSeen = false;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield* skipped.splice(0);
    if (!headerSeen) {
      headerSeen = true;
      fields = mapHeader(record);
      if (!fields.includes('title')) {
        yield problem(file, info.lines, 'csv-no-title-column', `no title column in the header (${record.join(', ')})`);
        parser.destroy();
        return;
      }
      continue;
    }
    const loose: LooseFields = {};
    record.forEach((value, k) => {
      const field = fields[k];
      if (!field) return;
      if (field === 'authors') loose.authors = value.split(/\s*;\s*/);
      else (loose as Record<string, unknown>)[field] = value;
    });
    // `info.lines` is the record's last line; a record starts after the previous one.
    yield toReadItem(loose, file, info.lines - (record.join('\n').match(/\n/g)?.length ?? 0), ctx.format);
  }
  yield* skipped.splice(0);
  if (!headerSeen) yield problem(file, undefined, 'empty-file', 'no header row');
}
