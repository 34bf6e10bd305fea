/**
 * JSON Lines and JSON arrays (including OpenAlex works)
 * =====================================================
 *
 * One JSON object per line, or one top-level JSON array whose elements are split off the
 * stream one at a time (a small scanner tracks strings and nesting), so neither form is held
 * whole in memory. Field names of common exports are mapped: `title`/`display_name`,
 * `abstract`/OpenAlex `abstract_inverted_index` (rebuilt into text), `doi` (URL or bare),
 * `publication_year`, `publication_date`, `authorships`, arXiv ids, and this tool's own
 * `papers.jsonl` (so its output can be fed back in).
 */
import { openText, readLines } from './lines.js';
import { toReadItem, type LooseFields } from './record.js';
import { problem, type ReadItem, type ReaderContext } from './types.js';

type Json = Record<string, unknown>;

/** Rebuilds text from an OpenAlex `abstract_inverted_index` ({word: [positions]}). */
export function rebuildInvertedIndex(index: unknown): string {
  if (!index || typeof index !== 'object') return '';
  const words: string[] = [];
  for (const [word, positions] of Object.entries(index as Record<string, unknown>)) {
    if (!Array.isArray(positions)) continue;
    for (const p of positions) if (Number.isInteger(p) && p >= 0 && p < 1_000_000) words[p as number] = word;
  }
  return words.filter((w) => w !== undefined).join(' ');
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

function pick(obj: Json, ...keys: string[]): unknown {
  for (const key of keys) {
    const value = obj[key];
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

function authorNames(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return typeof value === 'string' ? value.split(/\s*;\s*|\s+and\s+/) : undefined;
  return value
    .map((a) => {
      if (typeof a === 'string') return a;
      if (a && typeof a === 'object') {
        const o = a as Json;
        const author = o.author as Json | undefined;
        return str(o.name) ?? str(o.display_name) ?? str(author?.display_name) ?? str(o.raw_author_name);
      }
      return undefined;
    })
    .filter((a): a is string => Boolean(a));
}

/** Maps one JSON object (generic export, OpenAlex work, or a papers.jsonl line) to fields. */
export function fieldsFromJson(obj: Json): LooseFields {
  const ids = (obj.ids && typeof obj.ids === 'object' ? obj.ids : {}) as Json;
  const location = (obj.primary_location && typeof obj.primary_location === 'object' ? obj.primary_location : {}) as Json;
  const sourceObj = (location.source && typeof location.source === 'object' ? location.source : {}) as Json;
  let abstract = pick(obj, 'abstract', 'Abstract', 'summary', 'abstractText', 'description');
  if (abstract === undefined && obj.abstract_inverted_index) abstract = rebuildInvertedIndex(obj.abstract_inverted_index);
  const authors = authorNames(pick(obj, 'authors', 'author', 'authorships'));
  return {
    id: obj.id,
    title: pick(obj, 'title', 'Title', 'display_name', 'name'),
    abstract,
    date: pick(obj, 'date', 'publication_date', 'published', 'publicationDate'),
    year: pick(obj, 'year', 'publication_year', 'publicationYear'),
    url: pick(obj, 'url', 'link', 'landing_page_url') ?? location.landing_page_url,
    doi: pick(obj, 'doi', 'DOI') ?? ids.doi,
    arxivId: pick(obj, 'arxivId', 'arxiv_id', 'arxiv', 'eprint') ?? ids.arxiv,
    authors,
    authorsCount: authors?.length ? undefined : pick(obj, 'authorsCount', 'authors_count', 'numAuthors'),
    upvotes: pick(obj, 'upvotes', 'votes'),
    venue: pick(obj, 'venue', 'journal', 'booktitle') ?? sourceObj.display_name,
    rights: pick(obj, 'rights'),
  };
}

function fromValue(value: unknown, file: string, line: number, ctx: ReaderContext): ReadItem {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return problem(file, line, 'not-an-object', 'JSON value is not an object');
  }
  return toReadItem(fieldsFromJson(value as Json), file, line, ctx.format);
}

/** One JSON line; an element of a one-per-line JSON array (`{…},`) is read without its comma. */
function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch (error) {
    if (line.endsWith(',')) return JSON.parse(line.slice(0, -1));
    throw error;
  }
}

/** Streams the records of a JSONL file, or of a JSON array file (detected by its first character). */
export async function* readJsonl(ctx: ReaderContext): AsyncGenerator<ReadItem> {
  const { file } = ctx;
  const stream = openText(file, ctx.onBytes);
  let mode: 'unknown' | 'lines' | 'array' = 'unknown';
  const scanner = new ArrayScanner();
  for await (const { number, text } of readLines(stream)) {
    if (mode === 'unknown') {
      const first = text.trimStart()[0];
      if (first === undefined) continue;
      mode = first === '[' ? 'array' : 'lines';
    }
    if (mode === 'lines') {
      const trimmed = text.trim();
      // Array brackets on lines of their own (a JSON array whose first line was lost) hold no record.
      if (!trimmed || trimmed === '[' || trimmed === ']' || trimmed === '],') continue;
      let value: unknown;
      try {
        value = parseLine(trimmed);
      } catch (error) {
        yield problem(file, number, 'invalid-json', `invalid JSON (${(error as Error).message.replace(/\s+/g, ' ')})`);
        continue;
      }
      // An API page on one line (OpenAlex `{"results": [...]}`): its works are the records.
      if (value && typeof value === 'object' && Array.isArray((value as Json).results)) {
        for (const work of (value as Json).results as unknown[]) yield fromValue(work, file, number, ctx);
        continue;
      }
      yield fromValue(value, file, number, ctx);
    } else {
      for (const element of scanner.push(`${text}\n`, number)) {
        let value: unknown;
        try {
          value = JSON.parse(element.text);
        } catch (error) {
          yield problem(file, element.line, 'invalid-json', `invalid JSON (${(error as Error).message.replace(/\s+/g, ' ')})`);
          continue;
        }
        yield fromValue(value, file, element.line, ctx);
      }
    }
  }
  if (mode === 'array' && !scanner.closed) {
    yield problem(file, scanner.openLine, 'truncated-json', 'JSON array is not closed (file truncated?)');
  }
}

/**
 * Splits the elements of a top-level JSON array off a character stream, keeping only the
 * current element in memory. Tracks strings (with escapes) and bracket depth. It is lenient
 * where that keeps records: two elements without a comma between them (`} {`) are two
 * elements, and elements after a stray `]` (or a second array) are read on.
 */
class ArrayScanner {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private current = '';
  private elementLine = 0;
  /** The current element's brackets are all closed: a new one may start without a comma. */
  private complete = false;
  /** Some array was opened. */
  private opened = false;
  closed = false;
  openLine = 1;

  *push(chunk: string, line: number): Generator<{ text: string; line: number }> {
    for (const ch of chunk) {
      if (this.inString) {
        this.current += ch;
        if (this.escaped) this.escaped = false;
        else if (ch === '\\') this.escaped = true;
        else if (ch === '"') this.inString = false;
        continue;
      }
      if (this.depth === 0) {
        // Before the array, or after it: a `[`, `,` or `{` (re)opens one.
        if (ch === '[' || (this.opened && (ch === ',' || ch === '{'))) {
          this.depth = 1;
          this.closed = false;
          if (!this.opened) this.openLine = line;
          this.opened = true;
          if (ch !== '{') continue;
        } else {
          continue;
        }
      }
      if (this.depth === 1 && (ch === ',' || ch === ']')) {
        yield* this.flush();
        if (ch === ']') {
          this.depth = 0;
          this.closed = true;
        }
        continue;
      }
      // Leading whitespace is never kept, so an empty element is the empty string (no trim per character).
      if (this.current === '' && /\s/.test(ch)) continue;
      if (this.depth === 1 && this.complete && !/\s/.test(ch)) yield* this.flush();
      if (!this.current) this.elementLine = line;
      this.current += ch;
      if (ch === '"') this.inString = true;
      else if (ch === '{' || ch === '[') this.depth++;
      else if (ch === '}' || ch === ']') this.depth--;
      if (!/\s/.test(ch)) this.complete = this.depth === 1 && (ch === '}' || ch === ']');
    }
  }

  private *flush(): Generator<{ text: string; line: number }> {
    if (this.current.trim()) yield { text: this.current, line: this.elementLine };
    this.current = '';
    this.complete = false;
  }
}
