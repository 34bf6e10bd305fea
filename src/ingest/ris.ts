/**
 * RIS
 * ===
 *
 * RIS is a line-based tag format (`TY  - JOUR` … `ER  - `), so a small streaming reader is
 * enough. A line without a tag continues the previous field (wrapped abstracts). A record
 * cut off by the end of the file (no `ER`) is reported and skipped.
 */
import { openText, readLines } from './lines.js';
import { toReadItem, type LooseFields } from './record.js';
import { problem, type ReadItem, type ReaderContext } from './types.js';

const TAG_LINE = /^([A-Z][A-Z0-9])  ?-(?: (.*))?$/;

interface OpenRecord {
  line: number;
  tags: Map<string, string[]>;
  last?: string;
}

/** Maps the tags of one RIS record to fields. */
export function fieldsFromRis(tags: Map<string, string[]>): LooseFields {
  const first = (...names: string[]) => {
    for (const n of names) {
      const v = tags.get(n)?.[0];
      if (v) return v;
    }
    return undefined;
  };
  const authors = ['AU', 'A1'].flatMap((t) => tags.get(t) ?? []);
  return {
    title: first('TI', 'T1', 'CT', 'BT'),
    abstract: first('AB', 'N2'),
    // Web of Science writes the day without a year (`DA  - FEB 1`) beside `PY  - 2019`.
    date: first('DA'),
    year: first('PY', 'Y1'),
    url: first('UR', 'L2'),
    doi: first('DO', 'DI'),
    arxivId: tags.get('UR')?.find((u) => /arxiv\.org/i.test(u)),
    authors,
    venue: first('JO', 'JF', 'T2', 'JA'),
  };
}

/** Streams the records of a RIS file. */
export async function* readRis(ctx: ReaderContext): AsyncGenerator<ReadItem> {
  const { file } = ctx;
  let open: OpenRecord | undefined;
  for await (const { number, text } of readLines(openText(file, ctx.onBytes))) {
    const m = TAG_LINE.exec(text.trimEnd());
    if (!m) {
      // A continuation of the previous field (or stray text between records).
      if (open?.last && text.trim()) {
        const values = open.tags.get(open.last)!;
        values[values.length - 1] = `${values[values.length - 1]} ${text.trim()}`;
      }
      continue;
    }
    const [, tag, value = ''] = m;
    if (tag === 'TY') {
      if (open) yield problem(file, open.line, 'ris-unterminated', 'record not closed by "ER  -" before the next "TY  -"');
      open = { line: number, tags: new Map() };
      continue;
    }
    if (!open) {
      yield problem(file, number, 'ris-syntax', `"${tag}" tag outside a record (no "TY  -" before it)`);
      continue;
    }
    if (tag === 'ER') {
      yield toReadItem(fieldsFromRis(open.tags), file, open.line, ctx.format);
      open = undefined;
      continue;
    }
    const values = open.tags.get(tag!) ?? [];
    values.push(value.trim());
    open.tags.set(tag!, values);
    open.last = tag;
  }
  if (open) yield problem(file, open.line, 'ris-unterminated', 'record not closed by "ER  -" (file truncated?)');
}
